# Exercise 5, a solution: the backward rule of log-softmax, for a batch

import numpy as np
from check_exercises import check_log_softmax_backward


def log_softmax_backward(dlogp, S):
    P = np.exp(S - S.max(axis=1, keepdims=True))
    P /= P.sum(axis=1, keepdims=True)
    # s̄ = ḡ - p Σ_i ḡ_i, each row on its own: the sum runs over the classes
    return dlogp - P * dlogp.sum(axis=1, keepdims=True)


print(check_log_softmax_backward(log_softmax_backward))
