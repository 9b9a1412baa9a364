# Exercise 3, a solution: Z = XW + b as a custom autograd.Function

import torch
from check_exercises import check_linear_function


class LinearFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, X, W, b):
        ctx.save_for_backward(X, W)
        return X @ W + b

    @staticmethod
    def backward(ctx, dZ):
        X, W = ctx.saved_tensors
        # X̄ = Z̄ W^T, W̄ = X^T Z̄, and b̄ sums Z̄ over the rows it was added to
        return dZ @ W.T, X.T @ dZ, dZ.sum(dim=0)


print(check_linear_function(LinearFunction))
X = torch.randn(2, 3, dtype=torch.float64, requires_grad=True,
                generator=torch.Generator().manual_seed(0))
W = torch.randn(3, 4, dtype=torch.float64, requires_grad=True,
                generator=torch.Generator().manual_seed(1))
b = torch.zeros(4, dtype=torch.float64, requires_grad=True)
print(f'gradcheck: {torch.autograd.gradcheck(LinearFunction.apply, (X, W, b))}')
