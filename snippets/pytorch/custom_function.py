# A custom autograd.Function with the note's matrix & matrix product, checked by gradcheck

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


g = torch.Generator().manual_seed(0)
X = torch.randn(2, 3, dtype=torch.float64, generator=g, requires_grad=True)
W = torch.randn(3, 4, dtype=torch.float64, generator=g, requires_grad=True)
# gradcheck compares backward with finite differences; it needs float64.
print(f'gradcheck, float64: {torch.autograd.gradcheck(MatMul.apply, (X, W))}')


class WrongMatMul(MatMul):
    @staticmethod
    def backward(ctx, dZ):
        X, W = ctx.saved_tensors
        return dZ @ W.T, X.T @ dZ * 2  # a planted mistake


try:
    torch.autograd.gradcheck(WrongMatMul.apply, (X, W))
except GradcheckError as err:
    print(f'a wrong backward: {type(err).__name__}: {str(err).splitlines()[0]}')
