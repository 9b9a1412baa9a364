# A chain of 10,000 operations: no recursion, so no RecursionError

import sys

import torch
from engine import Tensor

depth = 10_000
x = Tensor(1.0)
out = x
for _ in range(depth):
    out = out * 1.0001  # d out / dx = 1.0001 ** depth
out.backward()

tx = torch.tensor(1.0, dtype=torch.float64, requires_grad=True)
tout = tx
for _ in range(depth):
    tout = tout * 1.0001
tout.backward()
print(f'depth {depth:,}, Python recursion limit {sys.getrecursionlimit():,}')
print(f'engine:  dx = {x.grad:.12f}')
print(f'PyTorch: dx = {tx.grad.item():.12f}')
assert abs(x.grad - tx.grad.item()) < 1e-12
