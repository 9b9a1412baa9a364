# Softmax

import torch

s = torch.tensor([[1, 2]], requires_grad=True, dtype=torch.float64).reshape(2, 1)
s_exp = torch.exp(s)
t = torch.sum(s_exp)
p = s_exp / t
s.retain_grad()
p.retain_grad()
# L = -sum_i log p_i: not the negative log-likelihood of any one label, but C
# times the cross-entropy against the uniform target (1/C, ..., 1/C)
L = -torch.sum(torch.log(p))
L.backward()
print(f'Pytorch autograd dp:\n {p.grad}')
print(f'Pytorch autograd ds:\n {s.grad}')

# J[j, i] = dp_i/ds_j: one row per s_j, as in the note's J_s^p.
J = torch.zeros(2, 2, dtype=p.dtype)
J[0, 0] = p[0]*(1-p[0])  # i = j = 0
J[1, 0] = -p[0]*p[1]     # i = 0, j = 1
J[0, 1] = -p[1]*p[0]     # i = 1, j = 0
J[1, 1] = p[1]*(1-p[1])  # i = j = 1
ds = J.matmul(p.grad)

assert torch.allclose(ds, s.grad)

# L is C times the cross-entropy against the uniform target (1/C, ..., 1/C)
C = len(p)
same = torch.allclose(L, C * -(torch.log(p) / C).sum())
assert same
print(f'L == C x cross-entropy to the uniform target: {same}')
