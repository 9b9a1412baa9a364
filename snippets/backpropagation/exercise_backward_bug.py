# Exercise 5: a first attempt at the engine's backward, with two bugs

import numpy as np
from engine import Tensor


def backward(self, gradient=None):
    self.grad = np.ones_like(self.data) if gradient is None else gradient
    for node in reversed(self.topological_order()):
        if node.parents:
            for parent, g in zip(node.parents, node.local_backward(node.grad)):
                parent.grad = g


x, y, z = Tensor(1.0), Tensor(3.0), Tensor(2.0)
f = (x + y) * y.maximum(z)  # the gate example: x̄ = 3, ȳ = 7, z̄ = 0
backward(f)
print(f'one call:  x̄ = {x.grad}, ȳ = {y.grad}, z̄ = {z.grad}')
backward(f)
print(f'two calls: x̄ = {x.grad}, ȳ = {y.grad}, z̄ = {z.grad}')
assert (x.grad, y.grad) == (3.0, 3.0)  # PyTorch: 3 and 7, then 6 and 14
