x = 3.0
print(f"x^2 = {x ** 2}, d/dx x^2 = {2 * x}")
