# Vector & Matrix product Z = Wx with a random upstream gradient

import torch

g = torch.Generator().manual_seed(7)
x = torch.tensor([[1.0], [2.0]], requires_grad=True, dtype=torch.float64)
W = torch.tensor([[1.0, 2.0], [2.0, 1.0]],
                 requires_grad=True, dtype=torch.float64)
Z = W @ x
dZ = torch.randint(-3, 4, Z.shape, generator=g).double()  # small integers
L = (dZ * Z).sum()  # a loss whose dL/dZ is exactly dZ
L.backward()
x_grad, W_grad = x.grad, W.grad  # autograd's answers
x, W = x.detach(), W.detach()  # the rules need values only
print(f'upstream dZ:\n{dZ}')
print(f'dx = W^T dZ:\n{W.T @ dZ}')
print(f'dW = dZ x^T:\n{dZ @ x.T}')
assert torch.equal(W.T @ dZ, x_grad) and torch.equal(dZ @ x.T, W_grad)
print('Pytorch autograd agrees')
