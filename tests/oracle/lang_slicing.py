xs = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
s = "abcdefghij"
bounds = [None, 0, 1, 3, -1, -3, 8, 10, 20, -20]
steps = [None, 1, 2, 3, -1, -2, -4]
out = []
for st in steps:
    for a in bounds:
        for b in bounds:
            out.append(str(xs[a:b:st]) + s[a:b:st])
print(len(out))
i = 0
while i < len(out):
    print(out[i], out[i + 1], out[i + 2], out[i + 3], out[i + 4], out[i + 5], out[i + 6], out[i + 7], out[i + 8], out[i + 9])
    i += 10
print(xs[:], xs[::], xs[5:], xs[:5], xs[-3:], xs[:-3], xs[::-1], xs[-1:-4:-1], xs[2:-2:3])
c = xs[:]
c[0] = 99
print(xs[0], c[0], str(c is xs).lower())
print(s[-1], s[-10], s[::-1], s[1:-1], ""[1:2], "x"[5:], [][:3])
try:
    print(xs[::0])
except ValueError as e:
    print("ValueError", str(e))
try:
    print(s[10])
except IndexError as e:
    print("IndexError", str(e))
try:
    print(xs[-11])
except IndexError as e:
    print("IndexError", str(e))
