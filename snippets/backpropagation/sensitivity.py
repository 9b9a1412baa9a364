# The gradient as a sensitivity: nudge one input by h and watch f move

import torch

def f(x, y, z):
    return (x + y) * max(y, z)


x, y, z, h = 1.0, 3.0, 2.0, 0.01
point = torch.tensor([x, y, z], dtype=torch.float64, requires_grad=True)
f(*point).backward()  # autograd's gradient; the gates below derive it by hand
gradient = dict(zip("xyz", point.grad.tolist()))
print(f'f(1, 3, 2) = {f(x, y, z)}')
for name, nudged in [("x", f(x + h, y, z)), ("y", f(x, y + h, z)),
                     ("z", f(x, y, z + h))]:
    moved = nudged - f(x, y, z)
    predicted = h * gradient[name]
    print(f'nudge {name} by {h}: f moves by {moved:.4f}, '
          f'h * df/d{name} = {predicted:.4f}')
    assert abs(moved - predicted) <= h**2  # "about": the error is of order h²
