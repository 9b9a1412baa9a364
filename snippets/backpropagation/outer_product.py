# Vector product

import torch

x = torch.tensor([1, 2, 3], requires_grad=True, dtype=torch.float64).reshape(3, 1)
y = torch.tensor([3, 2], requires_grad=True, dtype=torch.float64).reshape(1, 2)
z = x.matmul(y)
# x and y come out of reshape, not leaves: ask autograd to keep their .grad
x.retain_grad()
y.retain_grad()
z.retain_grad()
L = z.sum()
L.backward()
print(f'Pytorch autograd dz:\n {z.grad}')
print(f'Pytorch autograd dx:\n {x.grad}')
print(f'Pytorch autograd dy:\n {y.grad}')

dx = z.grad.matmul(y.T)
assert torch.allclose(dx, x.grad)
dy = x.T.matmul(z.grad)
assert torch.allclose(dy, y.grad)
