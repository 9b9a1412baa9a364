# Chain Rule

import torch

x = torch.tensor([5], requires_grad=True, dtype=torch.float64)
y = 2 * x
L = 3 * y

# Backward pass by hand: start from dL/dL = 1 and apply each local derivative.
dL = 1
dy = 3 * dL
dx = 2 * dy

L.backward()
print(f'dL/dx: {dx}')
print(f'Pytorch autograd {x.grad}')

assert x.grad.item() == dx
