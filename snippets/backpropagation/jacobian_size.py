# Why backward never builds the Jacobian

import torch

# The shape rule on a small Z = XW: J_W^Z has one row per entry of W,
# one column per entry of Z.
N, D, C = 2, 3, 4
g = torch.Generator().manual_seed(0)
X = torch.randn(N, D, dtype=torch.float64, generator=g)
W = torch.randn(D, C, dtype=torch.float64, generator=g)
dZ = torch.randn(N, C, dtype=torch.float64, generator=g)  # upstream dL/dZ

# PyTorch's layout: output dims first, (N, C, D, C)
jac = torch.func.jacrev(lambda W: X @ W)(W)
J = jac.reshape(N * C, D * C).T          # the note's layout: a row per entry of W
dW = (J @ dZ.reshape(-1)).reshape(D, C)  # dL/dW = J_W^Z dL/dZ
assert torch.allclose(dW, X.T @ dZ)      # ... which the block computes as X^T dL/dZ
print(f'jacrev gives {tuple(jac.shape)}; the note\'s J_W^Z is {tuple(J.shape)}')

# A realistic layer: a batch of 64, 4096 inputs, 4096 outputs.
N, D, C = 64, 4096, 4096
for name, entries in [("J_X^Z", N * D * N * C), ("J_W^Z", D * C * N * C)]:
    gib = entries * 4 / 2**30
    print(f'{name}: {entries:.2e} entries, {gib:,.0f} GiB in float32')
gradients = N * D + D * C
print(f'dL/dX and dL/dW: {gradients:,} entries, '
      f'{gradients * 4 / 2**20:.0f} MiB in float32')
