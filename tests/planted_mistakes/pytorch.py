# Wrong answers learners often write, planted: the checks of snippets/pytorch/check_exercises.py
# must reject every one (tests/test_exercises.py runs this with that folder importable).

import torch
from exercise_kit import mistake, report_mistakes
from check_exercises import (check_jacobian, check_linear_function,
                             check_second_derivative, check_sgd_steps)


@mistake(check_jacobian, "2: jacrev's layout, a row per output")
def jacobian(f, x):
    x = x.detach().requires_grad_()
    y = f(x)
    rows = []
    for j in range(len(y)):
        (row,) = torch.autograd.grad(y[j], x, retain_graph=True)
        rows.append(row)
    return torch.stack(rows)


@mistake(check_jacobian, "2: x.grad not cleared between the seeds")
def jacobian(f, x):
    x = x.detach().requires_grad_()
    y = f(x)
    columns = []
    for j in range(len(y)):
        seed = torch.zeros_like(y)
        seed[j] = 1.0
        y.backward(gradient=seed, retain_graph=True)
        columns.append(x.grad.clone())
    return torch.stack(columns, dim=1)


@mistake(check_linear_function, "3: X̄ without the transpose of W")
class LinearFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, X, W, b):
        ctx.save_for_backward(X, W)
        return X @ W + b

    @staticmethod
    def backward(ctx, dZ):
        X, W = ctx.saved_tensors
        return dZ @ W, X.T @ dZ, dZ.sum(dim=0)


@mistake(check_linear_function, "3: b̄ summed over the wrong axis")
class LinearFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, X, W, b):
        ctx.save_for_backward(X, W)
        return X @ W + b

    @staticmethod
    def backward(ctx, dZ):
        X, W = ctx.saved_tensors
        return dZ @ W.T, X.T @ dZ, dZ.sum(dim=1)


@mistake(check_sgd_steps, "4: the gradient never cleared")
def sgd_steps(w, X, y, lr, steps):
    losses = []
    for _ in range(steps):
        loss = ((X @ w - y) ** 2).mean()
        loss.backward()
        losses.append(loss.item())
        with torch.no_grad():
            w -= lr * w.grad
    return losses


@mistake(check_sgd_steps, "4: the update outside torch.no_grad()")
def sgd_steps(w, X, y, lr, steps):
    losses = []
    for _ in range(steps):
        loss = ((X @ w - y) ** 2).mean()
        loss.backward()
        losses.append(loss.item())
        w -= lr * w.grad
        w.grad = None
    return losses


@mistake(check_sgd_steps, "4: w = w - lr * w.grad, a new tensor, not a leaf")
def sgd_steps(w, X, y, lr, steps):
    losses = []
    for _ in range(steps):
        loss = ((X @ w - y) ** 2).mean()
        loss.backward()
        losses.append(loss.item())
        w = w - lr * w.grad
    return losses


@mistake(check_second_derivative, "5: the first grad without create_graph")
def second_derivative(f, x):
    x = x.detach().requires_grad_()
    (first,) = torch.autograd.grad(f(x).sum(), x)
    (second,) = torch.autograd.grad(first.sum(), x)
    return second


@mistake(check_second_derivative, "5: the first derivative returned")
def second_derivative(f, x):
    x = x.detach().requires_grad_()
    (first,) = torch.autograd.grad(f(x).sum(), x, create_graph=True)
    return first


report_mistakes()
