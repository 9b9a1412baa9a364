# Vector & Matrix product

import torch

x = torch.tensor([1, 2], requires_grad=True, dtype=torch.float64).reshape(2, 1)
w = torch.tensor([[1, 2], [2, 1]],
                 requires_grad=True, dtype=torch.float64).reshape(2, 2)
z = w.matmul(x)
x.retain_grad()
w.retain_grad()
z.retain_grad()
L = z.sum()
L.backward()
print(f'Pytorch autograd dz:\n {z.grad}')
print(f'Pytorch autograd dx:\n {x.grad}')
print(f'Pytorch autograd dw:\n {w.grad}')

dx = w.T.matmul(z.grad)
assert torch.allclose(dx, x.grad)
dw = z.grad.matmul(x.T)
assert torch.allclose(dw, w.grad)
