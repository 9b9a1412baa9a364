# Gradient checking by hand: a backward rule against central differences

import numpy as np

rng = np.random.default_rng(0)
C = 4
s = rng.normal(size=C)
g = rng.normal(size=C)  # L = <g, softmax(s)>, so dL/dp = g


def softmax(s):
    e = np.exp(s - s.max())
    return e / e.sum()


def loss(s):
    return g @ softmax(s)


def softmax_rule(s, dp):  # the note's rule: p ⊙ (dL/dp - <p, dL/dp>)
    p = softmax(s)
    return p * (dp - p @ dp)


def wrong_rule(s, dp):  # a planted mistake: the <p, dL/dp> term forgotten
    return softmax(s) * dp


def central(f, s, h=1e-6):
    """dL/ds_i ≈ (L(s + h e_i) - L(s - h e_i)) / 2h, one entry at a time."""
    grad = np.zeros_like(s)
    for i in range(s.size):
        step = np.zeros_like(s)
        step[i] = h
        grad[i] = (f(s + step) - f(s - step)) / (2 * h)
    return grad


def relative_error(a, b):  # scale-free: 1e-2 means "wrong in the second digit"
    return np.abs(a - b).max() / max(np.abs(a).max(), np.abs(b).max())


numeric = central(loss, s)
right = relative_error(softmax_rule(s, g), numeric)
wrong = relative_error(wrong_rule(s, g), numeric)
# The right rule's error is rounding (its digits vary by machine): print its bound
print(f'float64, the rule:         relative error below 1e-7: {right < 1e-7}')
print(f'float64, the planted bug:  relative error {wrong:.2f}')
assert right < 1e-7 < wrong

# float32: rounding of about 1e-7 in L, divided by 2h, swamps the difference
s32, g32 = s.astype(np.float32), g.astype(np.float32)
numeric32 = central(lambda v: g32 @ softmax(v), s32)
right32 = relative_error(softmax_rule(s32, g32), numeric32)
print(f'float32, the same rule:    relative error above 1e-3: {right32 > 1e-3}')
assert right32 > 1e-3
