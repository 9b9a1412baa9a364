# Exercise 3, a solution: cross-entropy from logits, stable for any logits

import numpy as np
from check_exercises import check_cross_entropy


def cross_entropy(S, labels):
    shifted = S - S.max(axis=1, keepdims=True)  # every exponent at most 0
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return -log_p[np.arange(len(S)), labels].mean()  # -log p of each label


print(check_cross_entropy(cross_entropy))
