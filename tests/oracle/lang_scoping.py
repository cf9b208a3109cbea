def show_cfg(): return cfg["name"] + " " + str(limit)
def early(): return later_var
try: print(early())
except NameError as e: print("early", "NameError")
later_var = "now defined"
print(early())
cfg = {"name": "first"}
limit = 1
print(show_cfg())
cfg["name"] = "mutated"
limit = 2
print(show_cfg())
cfg = {"name": "rebound"}
print(show_cfg())
x = 1
if True: x = 2
print(x)
for i in range(3): x += i
print(x)
def local_shadow():
    limit = 100
    return limit
print(local_shadow(), limit)
def param_shadow(cfg): return cfg
print(param_shadow("param"), cfg["name"])
