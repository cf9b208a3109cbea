s = """line one
  line "two" with 'quotes' and "" pairs
line three\tTabbed\\end"""
print(s)
print(repr(s))
print(s.splitlines(), len(s))
t = '''it's "fine" ''ok'' \'''escaped'''
print(t, len(t))
print(repr("""a\"""b"""), repr(""""""), repr('''
'''), repr("""\nx\u00e9\x41"""))
print("""braces {} and # not a comment
second""".upper())
block = """
    indented
	tabbed
"""
print(repr(block), block.splitlines())
print("a\nb\r\nc\rd\n\ne".splitlines(), "trailing\n".splitlines(), "".splitlines())
print("x\x0by\x0cz\x1cw\u2028v".splitlines(), "no breaks".splitlines())
print(repr("a\tbc\tdef\tg".expandtabs()), repr("a\tbc\tdef\tg".expandtabs(4)))
print(repr("12345\t6\n\tx".expandtabs(4)), repr("\t".expandtabs(0)), repr("ab\t".expandtabs(1)))
print("{} {}".format(1, "a"), "{0}{1}{0}".format("ab", "cd"), "{1}-{0}".format("x", "y"))
print("{name:>5}|{n:<4}|".format(name = "x", n = 7), "{} and {name}".format(1, name = "x"))
print("[{:>8.2f}]".format(3.14159), "[{:08.3f}]".format(-3.5), "[{:^9}]".format("mid"))
print("{:,}".format(1234567), "{:x} {:o} {:b} {:#x}".format(255, 8, 5, 255), "{:.1%}".format(0.125))
print("{name!r} {0!r} {0!s}".format("s", name = "q"), "{{}} {}".format(5), "{:+d}".format(3))
print("{:e}".format(12345.678), "{:>6}|{:<6}|".format("ab", "cd"), "{:*^7}".format(1))
