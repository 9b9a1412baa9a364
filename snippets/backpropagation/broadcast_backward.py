# Broadcasting in backward: sum over the axes the forward pass stretched

import numpy as np
import torch

rng = np.random.default_rng(0)
X = rng.normal(size=(2, 3, 4))
b = rng.normal(size=(3, 1))  # from the right: (1, 3, 1) stretched to (2, 3, 4)
c = rng.normal(size=4)  # (1, 1, 4) stretched to (2, 3, 4)
G = rng.normal(size=(2, 3, 4))  # an upstream gradient dL/dZ for Z = X + b + c

# b lacks axis 0 (sum it away) and has size 1 on axis 2 (sum it, keep the 1)
db = G.sum(axis=0).sum(axis=1, keepdims=True)
dc = G.sum(axis=(0, 1))  # c lacks axes 0 and 1
print(f'db: shape {db.shape}, dc: shape {dc.shape}')

tX, tb, tc = (torch.tensor(v, requires_grad=True) for v in (X, b, c))
(tX + tb + tc).backward(torch.tensor(G))
ok = [np.allclose(db, tb.grad), np.allclose(dc, tc.grad), np.allclose(G, tX.grad)]
print(f'db, dc, dX == Pytorch autograd: {ok}')
assert all(ok)
