# Exercise 3, a solution: exp as an operation of the engine

import numpy as np
from check_exercises import check_exp
from engine import Tensor


def exp(self):
    e = np.exp(self.data)
    def local_backward(g):  # exp' = exp: reuse the forward value
        return (g * e,)
    return Tensor(e, (self,), "exp", local_backward)


Tensor.exp = exp  # now x.exp() works like x.tanh()
print(check_exp(exp))
