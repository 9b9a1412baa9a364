# backward() and its seed

import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)

# A scalar: backward() seeds dL/dL = 1.
(x ** 2).sum().backward()
print(f'scalar L: x.grad = {x.grad}')
assert torch.equal(x.grad, 2 * x.detach())

# A vector has no single seed: PyTorch asks for one.
y = torch.stack([x[0] * x[1], x[1] + x[2] ** 2])  # 2 outputs of 3 inputs
try:
    y.backward()
    raised = None
except RuntimeError as err:
    raised = err
assert raised is not None
print(f'{type(raised).__name__}: {str(raised).splitlines()[0]}')

# With gradient=v it computes the vector-Jacobian product: x.grad = J_x^y v.
x.grad = None
v = torch.tensor([1.0, 0.1])
y.backward(gradient=v)
x0, x1, x2 = x.detach()
J = torch.tensor([[x1, 0.0],       # J_x^y by hand, the note's layout:
                  [x0, 1.0],       # a row per x_i, a column per y_j,
                  [0.0, 2 * x2]])  # entry (i, j) = dy_j/dx_i
print(f'J_x^y has shape {tuple(J.shape)}, v has shape {tuple(v.shape)}')
print(f'seed v: x.grad = {x.grad}')
print(f'        J v    = {J @ v}')
assert torch.allclose(x.grad, J @ v)
