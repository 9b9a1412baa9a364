# Two backward() calls on the gate example: the engine against PyTorch

import torch
from engine import Tensor

x, y, z = Tensor(1.0), Tensor(3.0), Tensor(2.0)
f = (x + y) * y.maximum(z)
f.backward()
f.backward()  # leaves add a second copy; q, m and f start again from zero
engine = [float(t.grad) for t in (x, y, z)]

tx, ty, tz = (torch.tensor(v, dtype=torch.float64, requires_grad=True)
              for v in (1.0, 3.0, 2.0))
tf = (tx + ty) * torch.maximum(ty, tz)
tf.backward(retain_graph=True)  # keep the graph for a second call
tf.backward()
pytorch = [t.grad.item() for t in (tx, ty, tz)]
print(f'dx, dy, dz after two calls: engine {engine}, PyTorch {pytorch}')
assert engine == pytorch == [6.0, 14.0, 0.0]  # twice one call's (3, 7, 0)
