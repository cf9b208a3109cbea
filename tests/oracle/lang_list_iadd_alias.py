from _runner import show
xs = [1, 2]
alias = xs
xs += [3]
show(xs, alias, xs is alias)
xs = xs + [4]
show(xs, alias, xs is alias)
t = [0]
t_alias = t
t *= 3
show(t, t_alias, t is t_alias)
def add_in_place(l): l += ["from fn"]
arg = []
add_in_place(arg)
print(arg)
m = {"l": [1]}
inner = m["l"]
m["l"] += [2]
show(m, inner, m["l"] is inner)
s = "ab"
s_alias = s
s += "c"
print(s, s_alias)
