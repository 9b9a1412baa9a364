# backward() and its seed

import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
(x ** 2).sum().backward()  # a scalar: backward() seeds dL/dL = 1
print(f'scalar L: x.grad = {x.grad}')
assert torch.equal(x.grad, 2 * x.detach())

y = torch.stack([x[0] * x[1], x[1] + x[2] ** 2])  # 2 outputs of 3 inputs
try:
    y.backward()  # a vector has no single seed
    message = None
except RuntimeError as err:
    message = str(err)
assert message == "grad can be implicitly created only for scalar outputs"
print(f'y.backward(): RuntimeError: {message}')

# With gradient=v it computes the vector-Jacobian product: x.grad = J_x^y v.
x.grad = None
v = torch.tensor([1.0, 0.1])
y.backward(gradient=v)
x0, x1, x2 = x.detach()
J = torch.tensor([[x1, 0.0],       # J_x^y by hand, the notes' layout:
                  [x0, 1.0],       # a row per x_i, a column per y_j,
                  [0.0, 2 * x2]])  # entry (i, j) = dy_j/dx_i
print(f'J_x^y has shape {tuple(J.shape)}, v has shape {tuple(v.shape)}')
print(f'seed v: x.grad = {x.grad}')
print(f'        J v    = {J @ v}')
assert torch.allclose(x.grad, J @ v)
