# Forward mode (JVP) and reverse mode (VJP) on y = softmax(Wx),
# with D = 5 inputs and C = 3 outputs

import warnings

import torch
from torch.func import jacrev, jvp, vjp

# torch 2.13's forward mode sets itself up with torch.jit.script, which warns
# that it is deprecated: a note to torch's developers, not about this code.
warnings.filterwarnings("ignore", "`torch.jit.script` is deprecated",
                        DeprecationWarning)

D, C = 5, 3
g = torch.Generator().manual_seed(0)
W = torch.randn(C, D, dtype=torch.float64, generator=g)
x = torch.randn(D, dtype=torch.float64, generator=g)


def f(x):
    return torch.softmax(W @ x, dim=0)


# J = jacrev(f)(x) is (out x in); this note's J_x^y is its transpose
jvps = [jvp(f, (x,), (u,))[1] for u in torch.eye(D, dtype=torch.float64)]  # Ju
_, pull = vjp(f, x)
vjps = [pull(v)[0] for v in torch.eye(C, dtype=torch.float64)]  # J^T v = J_x^y v
J = jacrev(f)(x)
assert torch.allclose(torch.stack(jvps, 1), J)  # the JVPs are J's columns
assert torch.allclose(torch.stack(vjps), J)  # the VJPs are its rows
print(f'the whole J {tuple(J.shape)}: {len(jvps)} JVPs (columns), '
      f'or {len(vjps)} VJPs (rows)')

# backward(gradient=v) is a VJP: x.grad = J_x^y v
v = torch.tensor([1.0, -2.0, 0.5], dtype=torch.float64)
tx = x.clone().requires_grad_()
f(tx).backward(gradient=v)
assert torch.allclose(tx.grad, pull(v)[0])
print(f'y.backward(gradient=v) == vjp: {torch.allclose(tx.grad, pull(v)[0])}')
