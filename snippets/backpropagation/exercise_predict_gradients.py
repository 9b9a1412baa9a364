# Exercise 1, the answer: f = x·y + max(x, z) at (x, y, z) = (3, -2, 1)

import torch
from engine import Tensor

x, y, z = Tensor(3.0), Tensor(-2.0), Tensor(1.0)
f = x * y + x.maximum(z)  # x forks: into the multiply and into the max
f.backward()
print(f'f = {f.data}')
print(f'x̄ = y + 1 (both paths) = {x.grad}')
print(f'ȳ = x = {y.grad}')
print(f'z̄ = 0 (max routes all of f̄ to x) = {z.grad}')

tx, ty, tz = (torch.tensor(v, dtype=torch.float64, requires_grad=True)
              for v in (3.0, -2.0, 1.0))
(tx * ty + torch.maximum(tx, tz)).backward()
assert [x.grad, y.grad, z.grad] == [t.grad.item() for t in (tx, ty, tz)]
assert (x.grad, y.grad, z.grad) == (-1.0, 3.0, 0.0)
print('PyTorch autograd agrees')
