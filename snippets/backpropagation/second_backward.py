# Two backward() calls on the gate example: the engine against PyTorch

import torch
from engine import Tensor

x, y, z = Tensor(1.0), Tensor(3.0), Tensor(2.0)
f = (x + y) * y.maximum(z)
f.backward()
f.backward()  # leaves add a second copy; q, m and f start again from zero
print(f'engine, two calls:  dx = {x.grad}, dy = {y.grad}, dz = {z.grad}')

tx, ty, tz = (torch.tensor(t, dtype=torch.float64, requires_grad=True)
              for t in (1.0, 3.0, 2.0))
tf = (tx + ty) * torch.maximum(ty, tz)
tf.backward(retain_graph=True)  # keep the graph for a second call
tf.backward()
print(f'PyTorch, two calls: dx = {tx.grad.item()}, dy = {ty.grad.item()}, '
      f'dz = {tz.grad.item()}')
same = [t.grad.item() for t in (tx, ty, tz)] == [x.grad, y.grad, z.grad]
assert same
print(f'engine == PyTorch: {same}')
