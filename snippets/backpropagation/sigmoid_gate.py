# A sigmoid gate: f = 1 / (1 + exp(-(w0*x0 + w1*x1 + b))), gate by gate,
# then the same gates grouped into one sigmoid gate

import math

import torch

w0, x0, w1, x1, b = 2.0, -1.0, -1.0, 3.0, 4.0

# Forward, one small gate at a time
a = w0 * x0 + w1 * x1 + b    # multiply and add gates: a = -1
e = math.exp(-a)             # negate, then exp
d = 1.0 + e                  # add a constant
f = 1.0 / d                  # reciprocal

# Backward, the same gates in reverse, each one local derivative
df = 1.0
dd = -1.0 / d**2 * df        # d(1/d)/dd = -1/d²
de = dd                      # +1 passes the gradient unchanged
da = -e * de                 # d exp(-a)/da = -exp(-a)
print(f'f = {f:.4f}, da gate by gate:   {da:.4f}')

# Grouped into one sigmoid gate: df/da = σ(a)(1 - σ(a)), from f alone
da_grouped = f * (1 - f) * df
print(f'da from one sigmoid gate, f(1 - f): {da_grouped:.4f}')
assert math.isclose(da, da_grouped)

# The rest is multiply and add gates: each weight gets its input times da
dw0, dx0, dw1, dx1, db = x0 * da, w0 * da, x1 * da, w1 * da, da
w = torch.tensor([w0, w1, b], dtype=torch.float64, requires_grad=True)
xs = torch.tensor([x0, x1], dtype=torch.float64, requires_grad=True)
torch.sigmoid(w[0] * xs[0] + w[1] * xs[1] + w[2]).backward()
ours = [dw0, dw1, db, dx0, dx1]
theirs = w.grad.tolist() + xs.grad.tolist()
print(f'dw0, dw1, db, dx0, dx1 = {[round(g, 4) for g in ours]}')
print(f'Pytorch autograd agrees: {all(map(math.isclose, ours, theirs))}')
assert all(map(math.isclose, ours, theirs))
