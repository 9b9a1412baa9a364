# hinge_embedding_loss, despite its name another loss: for distances

import torch
import torch.nn.functional as F

x = torch.tensor([0.25, 0.25, 1.5])  # distances, between pairs say
y = torch.tensor([1.0, -1.0, -1.0])  # 1: similar pair, -1: dissimilar
per_pair = F.hinge_embedding_loss(x, y, reduction="none")  # margin 1
print(f'x = {x.tolist()}, y = {y.tolist()}: losses {per_pair.tolist()}')
print('x for y = 1, max(0, 1 - x) for y = -1')
assert torch.equal(per_pair, torch.tensor([0.25, 1 - 0.25, 0.0]))
