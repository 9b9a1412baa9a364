# Wrong answers learners often write, planted: the checks of snippets/backpropagation/check_exercises.py
# must reject every one (tests/test_exercises.py runs this with that folder importable).

import numpy as np
from exercise_kit import mistake, report_mistakes
from check_exercises import (check_backward, check_bilinear_backward,
                             check_exp, check_mean, check_transpose)
from engine import Tensor


@mistake(check_bilinear_backward, "2: ȳ as a row, a transpose missing")
def bilinear_backward(dz, x, W, y):
    return dz * (W @ y), dz * (x @ y.T), dz * (x.T @ W)


@mistake(check_bilinear_backward, "2: the upstream z̄ forgotten")
def bilinear_backward(dz, x, W, y):
    return W @ y, x @ y.T, W.T @ x


@mistake(check_exp, "3: the upstream g forgotten")
def exp(self):
    e = np.exp(self.data)
    return Tensor(e, (self,), "exp", lambda g: (e,))


@mistake(check_exp, "3: the gradient not in a tuple (zip then takes its rows)")
def exp(self):
    e = np.exp(self.data)
    return Tensor(e, (self,), "exp", lambda g: g * e)


@mistake(check_mean, "4: divided by the number of rows, not of entries")
def mean(self):
    n = len(self.data)
    return Tensor(self.data.mean(), (self,), "mean",
                  lambda g: (np.full(self.shape, g / n),))


@mistake(check_mean, "4: a number, not a gradient of x's shape")
def mean(self):
    n = self.data.size
    return Tensor(self.data.mean(), (self,), "mean", lambda g: (g / n,))


@mistake(check_backward, "5: the first attempt, = where += belongs")
def backward(self, gradient=None):
    self.grad = np.ones_like(self.data) if gradient is None else gradient
    for node in reversed(self.topological_order()):
        if node.parents:
            for parent, g in zip(node.parents, node.local_backward(node.grad)):
                parent.grad = g


@mistake(check_backward, "5: += fixed, but no node reset to zero")
def backward(self, gradient=None):
    self.grad += np.ones_like(self.data) if gradient is None else gradient
    for node in reversed(self.topological_order()):
        if node.parents:
            for parent, g in zip(node.parents, node.local_backward(node.grad)):
                parent.grad += g


@mistake(check_backward, "5: every node reset to zero, the leaves too")
def backward(self, gradient=None):
    order = self.topological_order()
    for node in order:
        node.grad = np.zeros_like(node.data)
    self.grad += np.ones_like(self.data) if gradient is None else gradient
    for node in reversed(order):
        if node.parents:
            for parent, g in zip(node.parents, node.local_backward(node.grad)):
                parent.grad += g


@mistake(check_transpose, "6: the gradient passed back untransposed")
def transpose(self):
    return Tensor(self.data.T, (self,), "T", lambda g: (g,))


@mistake(check_transpose, "6: reshaped to x's shape instead of transposed")
def transpose(self):
    return Tensor(self.data.T, (self,), "T", lambda g: (g.reshape(self.shape),))


report_mistakes()
