# Exercise 2, a solution: the Jacobian in the note's layout, one backward per output

import torch
from check_exercises import check_jacobian


def jacobian(f, x):
    x = x.detach().requires_grad_()
    y = f(x)
    columns = []
    for j in range(len(y)):
        seed = torch.zeros_like(y)
        seed[j] = 1.0                  # v = e_j: x.grad = J e_j, column j of J
        y.backward(gradient=seed, retain_graph=True)
        columns.append(x.grad.clone())
        x.grad = None                  # .grad adds up: clear it between seeds
    return torch.stack(columns, dim=1)  # a row per x_i, a column per y_j


print(check_jacobian(jacobian))
