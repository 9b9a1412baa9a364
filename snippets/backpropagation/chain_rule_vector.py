# Chain Rule, gradients with respect to a vector

import torch

x = torch.tensor([1, 2, 3], requires_grad=True, dtype=torch.float64)
y = torch.zeros(2, dtype=torch.float64)
y[0] = x[0] + 2*x[1]
y[1] = x[1] + 2*x[2]
L = y.sum()

dL = 1
dy = torch.tensor([1, 1])
# J_x^y: one row per x_i, one column per y_j.
J = torch.tensor([[1, 0], [2, 1], [0, 2]])
dx = J.matmul(dy)

L.backward()
print(f'dL/dx: {dx}')
print(f'Pytorch autograd {x.grad}')

assert torch.equal(x.grad, dx.double())
