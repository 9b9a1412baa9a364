# A custom autograd.Function for Z = XW, checked by gradcheck

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


class WrongMatMul(MatMul):
    @staticmethod
    def backward(ctx, dZ):
        X, W = ctx.saved_tensors
        return dZ @ W.T, X.T @ dZ * 2  # a planted mistake


def gradcheck(function, inputs):
    """gradcheck's verdict: True, or the first line of its error."""
    try:
        return torch.autograd.gradcheck(function.apply, inputs)
    except GradcheckError as err:
        return str(err).splitlines()[0].rstrip(",")


g = torch.Generator().manual_seed(0)
X = torch.randn(2, 3, dtype=torch.float64, generator=g, requires_grad=True)
W = torch.randn(3, 4, dtype=torch.float64, generator=g, requires_grad=True)
print(f'float64, correct backward: {gradcheck(MatMul, (X, W))}')
print(f'float64, a planted mistake: {gradcheck(WrongMatMul, (X, W))}')
assert gradcheck(MatMul, (X, W)) is True
assert gradcheck(WrongMatMul, (X, W)).endswith("with respect to input 1")

# The same correct backward in float32: rounding fails it.
X32, W32 = (t.detach().float().requires_grad_() for t in (X, W))
warnings.simplefilter("ignore")  # gradcheck warns of float32 inputs: go on
print(f'float32, correct backward: {gradcheck(MatMul, (X32, W32))}')
assert gradcheck(MatMul, (X32, W32)) is not True
