# Exercise 1, the answer: f = x·y + max(x, z) at (x, y, z) = (3, -2, 1)

import torch

x, y, z = 3.0, -2.0, 1.0
p, m = x * y, max(x, z)  # forward: f = p + m
f = p + m
df = 1.0
dp, dm = df, df                  # add distributes
dx_via_mul, dy = y * dp, x * dp  # multiply swaps
dx_via_max = dm if x > z else 0.0  # max routes all of m̄ to x ...
dz = dm if z > x else 0.0          # ... and none to z
dx = dx_via_mul + dx_via_max       # x forks: its two paths add
print(f'f = {f}')
print(f'x̄ = y + 1 = {dx_via_mul} + {dx_via_max} = {dx}')
print(f'ȳ = x = {dy}')
print(f'z̄ = 0 (max routes all of f̄ to x) = {dz}')

tx, ty, tz = (torch.tensor(v, dtype=torch.float64, requires_grad=True)
              for v in (x, y, z))
(tx * ty + torch.maximum(tx, tz)).backward()
assert [dx, dy, dz] == [t.grad.item() for t in (tx, ty, tz)]
print('PyTorch autograd agrees')
