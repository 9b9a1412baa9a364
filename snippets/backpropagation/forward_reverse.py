# Forward mode (JVP) and reverse mode (VJP) on a block y = softmax(Wx),
# with D = 5 inputs and C = 3 outputs, counting the calls each needs

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


calls = {"jvp": 0, "vjp": 0}


# J = (J_x^y)^T is the (out x in) Jacobian that torch.func and JAX use
def forward_mode(u):  # JVP: how y moves when x moves along u, J u
    calls["jvp"] += 1
    return jvp(f, (x,), (u,))[1]


def reverse_mode(v):  # VJP: v^T J, as a column J^T v = J_x^y v = dL/dx
    calls["vjp"] += 1
    return vjp(f, x)[1](v)[0]


# The whole Jacobian: one JVP per input (a row), or one VJP per output (a column)
inputs = torch.eye(D, dtype=torch.float64)  # one basis vector per input
outputs = torch.eye(C, dtype=torch.float64)  # one per output
J_fwd = torch.stack([forward_mode(e) for e in inputs])
J_rev = torch.stack([reverse_mode(e) for e in outputs], dim=1)
print(f'J_x^y {tuple(J_rev.shape)}: {calls["jvp"]} JVP calls, '
      f'or {calls["vjp"]} VJP calls')
assert torch.allclose(J_fwd, J_rev) and torch.allclose(J_rev, jacrev(f)(x).T)

# A scalar loss L = -log y_0: its gradient is one VJP, or D JVPs
calls = {"jvp": 0, "vjp": 0}
dy = torch.zeros(C, dtype=torch.float64)
dy[0] = -1 / f(x)[0]  # dL/dy
by_vjp = reverse_mode(dy)
by_jvp = torch.stack([forward_mode(e) @ dy for e in inputs])
print(f'dL/dx: {calls["vjp"]} VJP call, or {calls["jvp"]} JVP calls')
assert torch.allclose(by_vjp, by_jvp)

# backward(gradient=v) is a VJP: x.grad = J_x^y v
v = torch.tensor([1.0, -2.0, 0.5], dtype=torch.float64)
tx = x.clone().requires_grad_()
f(tx).backward(gradient=v)
assert torch.allclose(tx.grad, reverse_mode(v))
print(f'y.backward(gradient=v) == vjp: {torch.allclose(tx.grad, reverse_mode(v))}')
