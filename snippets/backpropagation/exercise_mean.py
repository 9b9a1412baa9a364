# Exercise 4, a solution: mean as an operation of the engine

import numpy as np
from check_exercises import check_mean
from engine import Tensor


def mean(self):
    n = self.data.size  # every entry, not the number of rows
    def local_backward(g):  # each entry gets 1/n of the gradient, in x's shape
        return (np.full(self.shape, g / n),)
    return Tensor(self.data.mean(), (self,), "mean", local_backward)


Tensor.mean = mean
print(check_mean(mean))
