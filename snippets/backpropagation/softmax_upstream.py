# Softmax with a random upstream gradient dL/dp

import torch

g = torch.Generator().manual_seed(7)
s = torch.tensor([[1.0], [2.0]], requires_grad=True, dtype=torch.float64)
p = torch.softmax(s, dim=0)
dp = torch.randint(-3, 4, p.shape, generator=g).double()  # small integers
L = (dp * p).sum()  # a loss whose dL/dp is exactly dp
L.backward()
ds_autograd = s.grad

pv = p.detach()
# J_s^p: p_i(1 - p_i) on the diagonal, -p_i p_j off it
J = torch.diag(pv[:, 0]) - pv @ pv.T
print(f'upstream dp:\n{dp}')
print(f'ds = J_s^p dp:\n{J @ dp}')
assert torch.allclose(J @ dp, ds_autograd)
print(f'ds == Pytorch autograd: {torch.allclose(J @ dp, ds_autograd)}')
