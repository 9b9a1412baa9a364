# torch.autograd.grad and higher-order derivatives

import torch

x = torch.tensor(3.0, requires_grad=True)
y = x ** 3

# grad returns the gradient instead of adding it to .grad; create_graph=True
# records the backward pass too, so it can be differentiated again.
(dy,) = torch.autograd.grad(y, x, create_graph=True)
(d2y,) = torch.autograd.grad(dy, x)
print(f'at x = {x.item()}:')
print(f'dy/dx   = 3x² = {dy.item()}')
print(f'd²y/dx² = 6x  = {d2y.item()}')
print(f'x.grad untouched: {x.grad}')
assert dy == 3 * x.detach() ** 2 and d2y == 6 * x.detach() and x.grad is None
