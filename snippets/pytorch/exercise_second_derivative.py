# Exercise 5, a solution: f''(x) of an elementwise f, with create_graph=True

import torch
from check_exercises import check_second_derivative


def second_derivative(f, x):
    x = x.detach().requires_grad_()
    # each y_i depends on x_i only, so the gradient of the sum is f'(x)
    (first,) = torch.autograd.grad(f(x).sum(), x, create_graph=True)
    (second,) = torch.autograd.grad(first.sum(), x)
    return second


print(check_second_derivative(second_derivative))
