# Why backward never builds the Jacobian

import torch

# The shape rule on a small Z = XW: J_W^Z has one row per entry of W, one column per entry of Z.
N, D, M = 2, 3, 4
g = torch.Generator().manual_seed(0)
X = torch.randn(N, D, dtype=torch.float64, generator=g)
W = torch.randn(D, M, dtype=torch.float64, generator=g)
dZ = torch.randn(N, M, dtype=torch.float64, generator=g)  # an upstream gradient dL/dZ

jac = torch.func.jacrev(lambda W: X @ W)(W)  # PyTorch's layout: output dims first, (N, M, D, M)
J = jac.reshape(N * M, D * M).T              # the note's layout: a row per entry of W
dW = (J @ dZ.reshape(-1)).reshape(D, M)      # dL/dW = J_W^Z dL/dZ
assert torch.allclose(dW, X.T @ dZ)          # ... which the block computes as X^T dL/dZ
print(f'jacrev gives {tuple(jac.shape)}; the note\'s J_W^Z is {tuple(J.shape)}')

# A realistic layer: a batch of 64, 4096 inputs, 4096 outputs.
N, D, M = 64, 4096, 4096
for name, entries in [("J_X^Z", N * D * N * M), ("J_W^Z", D * M * N * M)]:
    print(f'{name}: {entries:.2e} entries, {entries * 4 / 2**30:,.0f} GiB in float32')
gradients = N * D + D * M
print(f'dL/dX and dL/dW: {gradients:,} entries, {gradients * 4 / 2**20:.0f} MiB in float32')
