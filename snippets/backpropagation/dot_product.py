# Vector dot product

import torch

x = torch.tensor([1, 2, 3], requires_grad=True, dtype=torch.float64)
y = torch.tensor([3, 2, 1], requires_grad=True, dtype=torch.float64)
# z = x^T y: `@` of 1-D tensors is the dot product (`x.T` would be a no-op)
z = x @ y
z.retain_grad()
L = z.sum()
L.backward()
print(f'Pytorch autograd dz: {z.grad}')
print(f'Pytorch autograd dx: {x.grad}')
print(f'Pytorch autograd dy: {y.grad}')

dx = z.grad * y
assert torch.allclose(dx, x.grad)
dy = z.grad * x
assert torch.allclose(dy, y.grad)
