import random
random.seed(7)
xs = []
for i in range(5): xs.append(random.random())
print(xs)
ys = []
for i in range(10): ys.append(random.randint(1, 6))
print(ys)
print(random.randint(0, 0), random.randint(-5, 5), random.randint(0, 2 ** 40), random.randint(1, 1000000007), random.randint(-9223372036854775807, 9223372036854775806))
print(random.random(), random.randint(10, 20), random.random())
hist = {}
for i in range(200):
    r = random.randint(1, 3)
    hist[r] = hist.get(r, 0) + 1
print(sorted(hist.keys()), hist[1] + hist[2] + hist[3])
print(random.randint(0, 2 ** 31), random.randint(0, 2 ** 32), random.randint(0, 2 ** 33 - 1), random.randint(-2 ** 62, 2 ** 62))
print(f"{random.random():.6f}")
