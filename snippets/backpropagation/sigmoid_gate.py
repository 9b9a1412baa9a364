# A sigmoid gate: f = 1 / (1 + exp(-a)), a = w0*x0 + w1*x1 + b, taken apart
# into small gates, then the last four grouped into one sigmoid gate

import math

import torch

w0, x0, w1, x1, b = 2.0, -1.0, -1.0, 3.0, 4.0
a = w0 * x0 + w1 * x1 + b    # multiply and add gates: a = -1
n = -a                       # negate
e = math.exp(n)              # exp
d = 1.0 + e                  # add a constant
f = 1.0 / d                  # reciprocal

# Backward through the small gates, each one local derivative (f̄ = 1)
dd = -1.0 / d**2             # d(1/d)/dd
de = dd                      # +1 passes the gradient unchanged
dn = e * de                  # d exp(n)/dn = exp(n)
da = -dn                     # negate flips the sign
da_grouped = f * (1 - f)     # one sigmoid gate: σ'(a) = σ(a)(1 - σ(a)), from f
print(f'f = {f:.4f}; da gate by gate {da:.4f}, as one gate {da_grouped:.4f}')
assert math.isclose(da, da_grouped)

# Below a, multiply gates: each weight gets its input times da, and back
ours = [x0 * da, x1 * da, da, w0 * da, w1 * da]  # dw0, dw1, db, dx0, dx1
w = torch.tensor([w0, w1, b], dtype=torch.float64, requires_grad=True)
x = torch.tensor([x0, x1], dtype=torch.float64, requires_grad=True)
torch.sigmoid(w[0] * x[0] + w[1] * x[1] + w[2]).backward()
same = all(map(math.isclose, ours, w.grad.tolist() + x.grad.tolist()))
print(f'dw0, dw1, db, dx0, dx1 = {[round(g, 4) for g in ours]}')
print(f'PyTorch autograd agrees: {same}')
assert same
