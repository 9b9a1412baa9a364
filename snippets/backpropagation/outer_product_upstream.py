# Vector product (the outer product Z = xy) with a random upstream gradient

import torch

g = torch.Generator().manual_seed(7)
x = torch.tensor([[1.0], [2.0], [3.0]], requires_grad=True, dtype=torch.float64)
y = torch.tensor([[3.0, 2.0]], requires_grad=True, dtype=torch.float64)
Z = x @ y
dZ = torch.randint(-3, 4, Z.shape, generator=g).double()  # small integers
L = (dZ * Z).sum()  # a loss whose dL/dZ is exactly dZ
L.backward()
x_grad, y_grad = x.grad, y.grad  # autograd's answers
x, y = x.detach(), y.detach()  # the rules need values only
print(f'upstream dZ:\n{dZ}')
print(f'dx = dZ y^T:\n{dZ @ y.T}')
print(f'dy = x^T dZ:\n{x.T @ dZ}')
assert torch.equal(dZ @ y.T, x_grad) and torch.equal(x.T @ dZ, y_grad)
print('Pytorch autograd agrees')
