def t(label, f):
    try: print(label, f())
    except TypeError as e: print(label, "TypeError")
five = 5
def b1(): return 1 in five
def b2(): return 1 not in 5
def b3(): return True in 0
def b4(): return [1] in {"a": 1}
def b5(): return {} not in {"a": 1}
def b6(): return "a" in 5
def b7(): return 1 in 1.5
t("int in int", b1); t("not in int", b2); t("bool in int", b3); t("list in map", b4); t("map not in map", b5)
t("str in int", b6); t("int in float", b7)
