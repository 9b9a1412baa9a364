# A multiply gate scales the gradient by the other input: scale the data by
# 1000 and the weight's gradient grows 1000 times: the learning rate must change

import math


def step(w, x, t, lr):
    """One step on L = ½(wx - t)²: the new w, its gradient, the new loss."""
    dw = (w * x - t) * x  # the multiply gate: w̄ = x · (the upstream gradient)
    w = w - lr * dw
    return w, dw, 0.5 * (w * x - t) ** 2


t = 2.0  # the target; both cases start at the same prediction w·x = 0.5
cases = [(1.0, 0.5, 0.1), (1000.0, 0.0005, 0.1),
         (1000.0, 0.0005, 0.1 / 1000**2)]  # (x, w, learning rate)
after = []
for x, w, lr in cases:
    _, dw, new_loss = step(w, x, t, lr)
    after.append(new_loss)
    print(f'x = {x:4g}, lr = {lr:.0e}: dw = {dw:g}, '
          f'loss {0.5 * (w * x - t) ** 2:g} -> {new_loss:.4g}')

# Data 1000 times larger: the same step needs a learning rate 1000² smaller
assert after[1] > 1e9 and math.isclose(after[0], after[2])
