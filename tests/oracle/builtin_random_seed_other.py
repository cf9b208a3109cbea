import random
random.seed(12345)
print(random.random(), random.random(), random.randint(1, 100), random.randint(1, 2), random.random())
try:
    print(random.randint(5, 1))
except ValueError as e:
    print("ValueError")
print([random.randint(0, 9), random.randint(0, 9), random.randint(0, 9)], random.random())
