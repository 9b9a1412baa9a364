# Matrix & Matrix product Z = XW with a random upstream gradient

import torch

g = torch.Generator().manual_seed(7)
X = torch.tensor([[1.0, 2.0, 3.0], [3.0, 2.0, 1.0]],
                 requires_grad=True, dtype=torch.float64)
W = torch.tensor([[1.0, 2.0, 3.0], [2.0, 1.0, 3.0], [3.0, 1.0, 2.0]],
                 requires_grad=True, dtype=torch.float64)
Z = X @ W
dZ = torch.randint(-3, 4, Z.shape, generator=g).double()  # small integers
L = (dZ * Z).sum()  # a loss whose dL/dZ is exactly dZ
L.backward()
X_grad, W_grad = X.grad, W.grad  # autograd's answers
X, W = X.detach(), W.detach()  # the rules need values only
print(f'upstream dZ:\n{dZ}')
print(f'dX = dZ W^T:\n{dZ @ W.T}')
print(f'dW = X^T dZ:\n{X.T @ dZ}')
assert torch.equal(dZ @ W.T, X_grad) and torch.equal(X.T @ dZ, W_grad)
print('Pytorch autograd agrees')
