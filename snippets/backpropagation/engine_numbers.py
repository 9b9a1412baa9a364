# Python numbers on either side, negation, division and powers, against autograd

import torch
from engine import Tensor

x, y = Tensor(2.0, name="x"), Tensor(4.0, name="y")
f = 10 / x + 1 - 3 * y ** 0.5 - -x / y
f.backward()
print(f"engine:  f = {f.data:g}, df/dx = {x.grad:g}, df/dy = {y.grad:g}")

tx = torch.tensor(2.0, dtype=torch.float64, requires_grad=True)
ty = torch.tensor(4.0, dtype=torch.float64, requires_grad=True)
tf = 10 / tx + 1 - 3 * ty ** 0.5 - -tx / ty
tf.backward()
print(f"PyTorch: f = {tf.item():g}, df/dx = {tx.grad.item():g}, "
      f"df/dy = {ty.grad.item():g}")
same = (f.data, x.grad, y.grad) == (tf.item(), tx.grad.item(), ty.grad.item())
print(f"the same numbers: {same}")
assert same
