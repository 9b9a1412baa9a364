# Exercise 4, a solution: plain SGD on a linear model, written by hand

import torch
from check_exercises import check_sgd_steps


def sgd_steps(w, X, y, lr, steps):
    losses = []
    for _ in range(steps):
        loss = ((X @ w - y) ** 2).mean()
        loss.backward()
        losses.append(loss.item())
        with torch.no_grad():  # the update is not part of the model
            w -= lr * w.grad     # in place: w stays the same leaf
        w.grad = None            # or the next step adds to this gradient
    return losses


print(check_sgd_steps(sgd_steps))
