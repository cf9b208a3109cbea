print(len(f"{1.5:.65536f}"))
s = f"{0.1:.70000e}"
print(s[0:40], s[-8:])
print(f"{1.5:.65536g}", f"{1.5:.65536}", len(f"{1.5:#.70000g}"), len(f"{1.5:.65536%}"))
tiny = f"{5e-324:.100000f}"
print(len(tiny), tiny[0:6], tiny[322:340], tiny[1066:1080])
print(len(f"{123456.0:>70000.65536e}"))
exact = f"{0.1:.1100f}"
print(exact[0:60], exact[-5:])
