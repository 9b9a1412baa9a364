# A custom autograd.Function for Z = XW, checked by gradcheck

import textwrap
import warnings

import torch
from torch.autograd.gradcheck import GradcheckError


class MatMul(torch.autograd.Function):
    """Z = XW with the backward pass written by hand."""

    @staticmethod
    def forward(ctx, X, W):
        ctx.save_for_backward(X, W)  # what backward needs
        return X @ W

    @staticmethod
    def backward(ctx, dZ):
        X, W = ctx.saved_tensors
        return dZ @ W.T, X.T @ dZ     # dL/dX = dL/dZ W^T, dL/dW = X^T dL/dZ


def mismatch(err):
    """The first line of gradcheck's message, without its trailing comma."""
    return f'{type(err).__name__}: {str(err).splitlines()[0].rstrip(",")}'


g = torch.Generator().manual_seed(0)
X = torch.randn(2, 3, dtype=torch.float64, generator=g, requires_grad=True)
W = torch.randn(3, 4, dtype=torch.float64, generator=g, requires_grad=True)
# gradcheck compares backward with finite differences; it needs float64.
passed = torch.autograd.gradcheck(MatMul.apply, (X, W))
print(f'float64, correct backward: {passed}')
assert passed

# The same correct backward in float32: finite differences round too much.
X32, W32 = (t.detach().float().requires_grad_() for t in (X, W))
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    try:
        torch.autograd.gradcheck(MatMul.apply, (X32, W32))
        failed = None
    except GradcheckError as err:
        failed = err
assert failed is not None
assert [str(w.message)[:8] for w in caught] == ['Input #0', 'Input #1']
print(f'float32, correct backward:\n  {mismatch(failed)}')
print(f'  with {len(caught)} warnings, one per input; the first:')
print(textwrap.indent(textwrap.fill(str(caught[0].message), 80), '  '))


class WrongMatMul(MatMul):
    @staticmethod
    def backward(ctx, dZ):
        X, W = ctx.saved_tensors
        return dZ @ W.T, X.T @ dZ * 2  # a planted mistake


try:
    torch.autograd.gradcheck(WrongMatMul.apply, (X, W))
    failed = None
except GradcheckError as err:
    failed = err
assert failed is not None
print(f'float64, a planted mistake:\n  {mismatch(failed)}')
