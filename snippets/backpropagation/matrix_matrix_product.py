# Matrix & Matrix product

import torch

x = torch.tensor([[1, 2, 3], [3, 2, 1]],
                 requires_grad=True, dtype=torch.float64).reshape(2, 3)
w = torch.tensor([[1, 2, 3], [2, 1, 3], [3, 1, 2]],
                 requires_grad=True, dtype=torch.float64).reshape(3, 3)
z = x.matmul(w)
x.retain_grad()
w.retain_grad()
z.retain_grad()
L = z.sum()
L.backward()
print(f'Pytorch autograd dz:\n {z.grad}')
print(f'Pytorch autograd dx:\n {x.grad}')
print(f'Pytorch autograd dw:\n {w.grad}')

dw = x.T.matmul(z.grad)
assert torch.allclose(dw, w.grad)
dx = z.grad.matmul(w.T)
assert torch.allclose(dx, x.grad)
