# Gate patterns: f = (x + y) * max(y, z), with y used twice

import torch

x, y, z = 1.0, 3.0, 2.0

# Forward pass: one named intermediate per node, in topological order.
q = x + y        # add
m = max(y, z)    # max
f = q * m        # multiply

# Backward pass: the same list reversed, each step one local gradient.
df = 1.0                          # seed: df/df = 1
dq = m * df                       # multiply swaps: q gets m's value ...
dm = q * df                       # ... and m gets q's
dy_via_max = dm if y > z else 0.0   # max routes: all to the larger input
dz = dm if z > y else 0.0           # ... and nothing to the other
dx = dq                           # add distributes: both inputs get dq
dy_via_add = dq
dy = dy_via_add + dy_via_max      # y forks: its two paths add

print(f'forward:  q = {q}, m = {m}, f = {f}')
print(f'backward: dq = {dq}, dm = {dm}')
print(f'dx = {dx}, dy = {dy_via_add} + {dy_via_max} = {dy}, '
      f'dz = {dz}')

tx, ty, tz = (torch.tensor(v, dtype=torch.float64, requires_grad=True)
              for v in (x, y, z))
tf = (tx + ty) * torch.maximum(ty, tz)
tf.backward()
print(f'Pytorch autograd f = {tf.item()}, dx = {tx.grad.item()}, '
      f'dy = {ty.grad.item()}, dz = {tz.grad.item()}')
autograd = (tf.item(), tx.grad.item(), ty.grad.item(), tz.grad.item())
assert autograd == (f, dx, dy, dz)
