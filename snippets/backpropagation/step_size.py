# The step h of a central difference: too large and the curve bends away,
# too small and rounding swamps the difference


def f(x):
    return x * x * x  # plain float arithmetic: the same digits on every machine


x, slope = 1.1, 3 * 1.1 * 1.1  # the exact slope: f'(x) = 3x²
steps = [float(f"1e-{k}") for k in range(1, 13)]
errors = [abs((f(x + h) - f(x - h)) / (2 * h) - slope) / slope for h in steps]
print('h      relative error of the slope')
for h, error in zip(steps, errors):
    print(f'{h:.0e}  {error:.1e}')
best = steps[errors.index(min(errors))]
print(f'smallest at h = {best:.0e}')
# Large h: the error is h² / f'(x), 100 times smaller per step; small h: it grows
assert all(abs(e - h * h / slope) < 1e-2 * e for h, e in zip(steps[:4], errors))
assert best in (1e-5, 1e-6) and errors[-1] > 1e-5
