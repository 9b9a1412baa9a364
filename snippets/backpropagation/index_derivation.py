# The matrix rules, entry by entry: the index sums of the derivations, written
# as loops, against the matrix forms and against PyTorch autograd

import torch

g = torch.Generator().manual_seed(0)
N, D, C = 2, 3, 4
X = torch.randn(N, D, dtype=torch.float64, generator=g, requires_grad=True)
W = torch.randn(D, C, dtype=torch.float64, generator=g, requires_grad=True)
dZ = torch.randn(N, C, dtype=torch.float64, generator=g)  # an upstream dL/dZ
(X @ W).backward(dZ)
X, W, autograd_dX, autograd_dW = X.detach(), W.detach(), X.grad, W.grad

# Z = XW: dL/dX_ij = sum_c dL/dZ_ic W_jc,  dL/dW_ij = sum_n X_ni dL/dZ_nj
dX = torch.zeros(N, D, dtype=torch.float64)
for i in range(N):
    for j in range(D):
        dX[i, j] = sum(dZ[i, c] * W[j, c] for c in range(C))
dW = torch.zeros(D, C, dtype=torch.float64)
for i in range(D):
    for j in range(C):
        dW[i, j] = sum(X[n, i] * dZ[n, j] for n in range(N))
ok = [torch.allclose(dX, dZ @ W.T), torch.allclose(dX, autograd_dX),
      torch.allclose(dW, X.T @ dZ), torch.allclose(dW, autograd_dW)]
print(f'Z = XW: loops == dL/dZ W^T, == autograd: {ok[0]}, {ok[1]}')
print(f'        loops == X^T dL/dZ, == autograd: {ok[2]}, {ok[3]}')
assert all(ok)

# Z = xy (outer): dL/dx_i = sum_j dL/dZ_ij y_j,  dL/dy_j = sum_i x_i dL/dZ_ij
x = torch.randn(D, 1, dtype=torch.float64, generator=g)
y = torch.randn(1, C, dtype=torch.float64, generator=g)
dZ = torch.randn(D, C, dtype=torch.float64, generator=g)
dx = torch.tensor([[sum(dZ[i, j] * y[0, j] for j in range(C))] for i in range(D)])
dy = torch.tensor([[sum(x[i, 0] * dZ[i, j] for i in range(D)) for j in range(C)]])
ok = [torch.allclose(dx, dZ @ y.T), torch.allclose(dy, x.T @ dZ)]
print(f'Z = xy: loops == dL/dZ y^T: {ok[0]}, loops == x^T dL/dZ: {ok[1]}')
assert all(ok)

# Z = Wx: dL/dx_d = sum_c W_cd dL/dZ_c,  dL/dW_cd = dL/dZ_c x_d
W = torch.randn(C, D, dtype=torch.float64, generator=g)
dZ = torch.randn(C, 1, dtype=torch.float64, generator=g)
dx = torch.tensor([[sum(W[c, d] * dZ[c, 0] for c in range(C))] for d in range(D)])
dW = torch.tensor([[dZ[c, 0] * x[d, 0] for d in range(D)] for c in range(C)])
ok = [torch.allclose(dx, W.T @ dZ), torch.allclose(dW, dZ @ x.T)]
print(f'Z = Wx: loops == W^T dL/dZ: {ok[0]}, loops == dL/dZ x^T: {ok[1]}')
assert all(ok)
