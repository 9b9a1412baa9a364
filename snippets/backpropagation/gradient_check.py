# Gradient checking by hand: a backward rule against central differences

import numpy as np


def softmax(s):
    e = np.exp(s - s.max())
    return e / e.sum()


def softmax_rule(s, dp):  # the rule to check: p ⊙ (dL/dp - <p, dL/dp>)
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


# L = <g, softmax(s)>, so dL/dp = g: one random point per seed
rights, wrongs, dots = [], [], []
print('seed  relative error of the bug  <p, dL/dp>')
for seed in range(10):
    rng = np.random.default_rng(seed)
    s, g = rng.normal(size=4), rng.normal(size=4)
    numeric = central(lambda v: g @ softmax(v), s)
    rights.append(relative_error(softmax_rule(s, g), numeric))
    wrongs.append(relative_error(wrong_rule(s, g), numeric))
    dots.append(softmax(s) @ g)  # the bug is off by p ⊙ <p, dL/dp>
    print(f'{seed:4}  {wrongs[-1]:25.2f}  {dots[-1]:+10.2f}')
# The right rule's error is rounding (its digits vary by machine): its bound
below = max(rights) < 1e-7
print(f'the rule: relative error below 1e-7 at all 10 points: {below}')
assert max(rights) < 1e-7 < 1e-2 < min(wrongs)
assert np.argmin(wrongs) == np.argmin(np.abs(dots))  # least visible near 0

# float32: rounding of about 1e-7 in L, divided by 2h, swamps the difference
s32, g32 = s.astype(np.float32), g.astype(np.float32)
numeric32 = central(lambda v: g32 @ softmax(v), s32)
right32 = relative_error(softmax_rule(s32, g32), numeric32)
print(f'float32, the same rule: relative error above 1e-3: {right32 > 1e-3}')
assert right32 > 1e-3
