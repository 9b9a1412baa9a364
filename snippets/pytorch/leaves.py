# requires_grad, leaves and grad_fn

import torch

w = torch.tensor([2.0, -1.0], requires_grad=True)  # made by the user: a leaf
x = torch.tensor([3.0, 4.0])                        # no gradient wanted
y = w * x                                            # made by an operation
L = y.sum()

for name, t in [("w", w), ("x", x), ("y", y), ("L", L)]:
    print(f'{name}: requires_grad={t.requires_grad}, is_leaf={t.is_leaf}')
print(y)  # a tensor made by an operation shows the node that made it
print(L)
assert w.is_leaf and w.grad_fn is None
assert not y.is_leaf and y.grad_fn is not None

L.backward()
print(f'after backward: w.grad = {w.grad} (dL/dw = x)')
assert torch.equal(w.grad, x)
