# backward() and its seed

import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)

# A scalar: backward() seeds dL/dL = 1.
(x ** 2).sum().backward()
print(f'scalar L: x.grad = {x.grad}')

# A vector has no single seed: PyTorch asks for one.
y = x ** 2
try:
    y.backward()
except RuntimeError as err:
    print(f'{type(err).__name__}: {str(err).splitlines()[0]}')

# With gradient=v it computes the vector-Jacobian product: x.grad = J_x^y v.
x.grad = None
v = torch.tensor([1.0, 0.1, 0.01])
y.backward(gradient=v)
J = torch.diag(2 * x.detach())  # J_x^y of y = x², one row per x_i (the note's layout)
print(f'seed v: x.grad = {x.grad}, J v = {J @ v}')
assert torch.allclose(x.grad, J @ v)
