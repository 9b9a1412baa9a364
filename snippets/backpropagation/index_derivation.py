# Z = XW, entry by entry: the index sums of the derivation, written as loops,
# against the matrix forms and against PyTorch autograd

import torch

g = torch.Generator().manual_seed(0)
N, D, C = 2, 3, 4
X = torch.randn(N, D, dtype=torch.float64, generator=g, requires_grad=True)
W = torch.randn(D, C, dtype=torch.float64, generator=g, requires_grad=True)
dZ = torch.randn(N, C, dtype=torch.float64, generator=g)  # an upstream dL/dZ
(X @ W).backward(dZ)
X, W, autograd_dX, autograd_dW = X.detach(), W.detach(), X.grad, W.grad

# dL/dX_ij = sum_c dL/dZ_ic W_jc,  dL/dW_ij = sum_n X_ni dL/dZ_nj
dX = torch.tensor([[sum(dZ[i, c] * W[j, c] for c in range(C)) for j in range(D)]
                   for i in range(N)])
dW = torch.tensor([[sum(X[n, i] * dZ[n, j] for n in range(N)) for j in range(C)]
                   for i in range(D)])
ok = [torch.allclose(dX, dZ @ W.T), torch.allclose(dX, autograd_dX),
      torch.allclose(dW, X.T @ dZ), torch.allclose(dW, autograd_dW)]
print(f'loops == dL/dZ W^T: {ok[0]}, == autograd: {ok[1]}')
print(f'loops == X^T dL/dZ: {ok[2]}, == autograd: {ok[3]}')
assert all(ok)
