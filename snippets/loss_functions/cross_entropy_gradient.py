# The p - y gradient, and the same through the softmax block

import torch
import torch.nn.functional as F

S = torch.tensor([[2.0, 1.0, 0.1], [0.5, 2.5, 0.0]], dtype=torch.float64,
                 requires_grad=True)
labels = torch.tensor([0, 2])
N = len(S)
F.cross_entropy(S, labels).backward()

P = F.softmax(S.detach(), dim=1)
Y = F.one_hot(labels, 3).double()
print(f'autograd dL/dS:\n{S.grad}')
print(f'(P - Y) / N:\n{(P - Y) / N}')
assert torch.allclose((P - Y) / N, S.grad)

# Through the backpropagation note's softmax block, one row at a time:
# dL/dp = -y / (N p), then dL/ds = J_s^p dL/dp with J = diag(p) - p p^T.
rows = []
for p, y in zip(P, Y):
    J = torch.diag(p) - torch.outer(p, p)
    rows.append(J @ (-y / (N * p)))
assert torch.allclose(torch.stack(rows), S.grad)
print('softmax block applied to -y / (N p) gives the same')
