# The note's Jacobian layout on a non-square example: 3 inputs, 2 outputs

import torch


def f(x):  # y_1 = x_1 x_2, y_2 = x_2 + x_3²
    return torch.stack([x[0] * x[1], x[1] + x[2] ** 2])


x = torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64, requires_grad=True)
y = f(x)

# [J_x^y]_ij = dy_j/dx_i: column j is the gradient of y_j, one row per x_i
J = torch.stack([torch.autograd.grad(y[j], x, retain_graph=True)[0]
                 for j in range(2)], dim=1)
print(f'J_x^y, shape {tuple(J.shape)} (a row per entry of x):\n{J}')

jac = torch.func.jacrev(f)(x.detach())  # PyTorch's layout: (out, in)
print(f'torch.func.jacrev, shape {tuple(jac.shape)} (a row per entry of y)')
assert torch.equal(J, jac.T)
print(f'J_x^y == jacrev(f)(x).T: {torch.equal(J, jac.T)}')
