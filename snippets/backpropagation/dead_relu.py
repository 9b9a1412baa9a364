# A dead ReLU unit is inactive on every input, not just on one batch

import numpy as np
import torch
from engine import Tensor

X = np.random.default_rng(0).normal(size=(1000, 2))  # the whole data set
batches = np.split(X, 125)  # 125 batches of 8 rows
units = {"quiet": ([1.0, 1.0], -3.0),  # (w, b): z = x1 + x2 - 3, seldom > 0
         "dead": ([0.5, -0.5], -10.0)}  # z < 0 for every input


def dw(batch, w, b):
    """The gradient of L = sum(relu(batch @ w + b)) with respect to w."""
    w = Tensor(w)
    (Tensor(batch) @ w + b).relu().sum().backward()
    return w.grad


for name, (w, b) in units.items():
    active = int(((X @ w + b) > 0).sum())
    some_gradient = sum(bool(dw(batch, w, b).any()) for batch in batches)
    print(f'{name}: on batch 0, dw = {dw(batches[0], w, b)}')
    print(f'  active on {active} of 1000 inputs, '
          f'a gradient on {some_gradient} of 125 batches')
    tw = torch.tensor(w, dtype=torch.float64, requires_grad=True)
    torch.relu(torch.tensor(batches[0]) @ tw + b).sum().backward()
    assert np.array_equal(dw(batches[0], w, b), tw.grad.numpy())
    assert not dw(batches[0], w, b).any()  # both look dead on batch 0
    assert (active > 0) == (some_gradient > 0) == (name == "quiet")
