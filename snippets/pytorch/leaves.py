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
