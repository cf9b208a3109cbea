import sys, os
from _runner import show
args = sys.argv[1:]
print(args, len(args), "list")
for a in args: print("arg", a, "str")
print(int(args[1]) + 1, args[-1], args[0].upper())
args.append("local")
print(args[-1])
show(os.environ.get("RUNNER_ORACLE_SURELY_UNSET_VARIABLE"))
show(os.environ.get("PATH") is None, "str", os.environ.get("RUNNER_ORACLE_SURELY_UNSET_VARIABLE", "fallback"))
