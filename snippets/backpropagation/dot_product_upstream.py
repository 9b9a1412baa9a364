# Vector dot product with a random upstream gradient dL/dz

import torch

g = torch.Generator().manual_seed(7)
x = torch.tensor([1, 2, 3], requires_grad=True, dtype=torch.float64)
y = torch.tensor([3, 2, 1], requires_grad=True, dtype=torch.float64)
z = x @ y
dz = torch.randint(-3, 4, (), generator=g).double()  # a small integer
L = dz * z  # a loss whose dL/dz is exactly dz
L.backward()
x_grad, y_grad = x.grad, y.grad  # autograd's answers
x, y = x.detach(), y.detach()  # the rules need values only
print(f'upstream dz: {dz}')
print(f'dx = dz y: {dz * y}')
print(f'dy = dz x: {dz * x}')
assert torch.equal(dz * y, x_grad) and torch.equal(dz * x, y_grad)
print('Pytorch autograd agrees')
