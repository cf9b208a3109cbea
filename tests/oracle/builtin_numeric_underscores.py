for s in ["1__0", "1_", "_1", "1_0", "0x_f", "1_0.5", "1__0.5", "1_e5", "1e1_0", "1._5", "1_000_000"]:
    try: print(s, int(s))
    except Exception as e: print(s, "int", type(e).__name__)
    try: print(s, float(s))
    except Exception as e: print(s, "float", type(e).__name__)
for s in ["0x_f", "f_", "f__f", "_f", "f_f"]:
    try: print(s, int(s, 16))
    except Exception as e: print(s, "int16", type(e).__name__)
