# torch.func: grad, vjp and jacrev, and the note's Jacobian layout

import torch
from torch.func import grad, jacrev, vjp

x = torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64)
W = torch.tensor([[1.0, 0.0, 2.0], [0.0, 3.0, 1.0]], dtype=torch.float64)
ones = torch.ones(2, dtype=torch.float64)


def f(x):
    return W @ x  # y has 2 entries, x has 3; the Jacobian dy_j/dx_i is W[j, i]


def L(x):
    return f(x).sum()


print(f'grad(L)(x) = {grad(L)(x)}')
y, pullback = vjp(f, x)
(from_vjp,) = pullback(ones)
print(f'vjp with v = 1: {from_vjp}')
assert torch.allclose(grad(L)(x), W.T @ ones)  # d(sum W x)/dx = W^T 1
assert torch.allclose(from_vjp, W.T @ ones)
J = jacrev(f)(x)
print(f'jacrev shape {tuple(J.shape)}: (outputs, inputs)')
print(f'the note\'s J_x^y = jacrev(f)(x).T, shape {tuple(J.T.shape)}: '
      f'a row per entry of x')
assert torch.equal(J, W) and torch.allclose(J.T @ ones, from_vjp)
