# Softmax in NumPy: the forward and backward formulas as written

import numpy as np


def forward(s):
    s_exp = np.exp(s)  # s is C x 1
    t = np.sum(s_exp)
    return s_exp / t


def backward(dp, s):
    # The rule needs only p. Every NumPy block here takes (upstream, *inputs),
    # so this one recomputes p from s; the engine's softmax node caches p.
    p = forward(s)
    # J[j, i] = dp_i/ds_j: -p_i p_j off the diagonal, p_i (1 - p_i) on it;
    # one row per s_j
    J = -p @ p.T + np.diag(p[:, 0])
    return (J @ dp,)  # dL/ds = J_s^p dL/dp


if __name__ == "__main__":
    s = np.array([[1.0], [2.0]])
    p = forward(s)
    dp = -1 / p  # L = -sum(log p), as in the PyTorch tab
    (ds,) = backward(dp, s)
    print(f'NumPy dp:\n{dp}')
    print(f'NumPy ds:\n{ds}')
