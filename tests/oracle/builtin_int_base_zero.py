print(int("0xff", 0), int("0b101", 0), int("0o17", 0), int("42", 0), int("-0x10", 0), int(" 0B11 ", 0), int("0", 0), int("1_0", 0))
try:
    print(int("010", 0))
except ValueError as e:
    print("ValueError", str(e))
