# Exercise 1, the answer: cross-entropy of all-zero logits, C = 10, N = 2

import math

import torch
import torch.nn.functional as F

S = torch.zeros(2, 10, dtype=torch.float64, requires_grad=True)
labels = torch.tensor([3, 7])
L = F.cross_entropy(S, labels)
L.backward()
print(f'L = {L.item():.6f}, log 10 = {math.log(10):.6f}')
print(f'S̄ row 0: {S.grad[0].numpy()}')
assert math.isclose(L.item(), math.log(10))  # every p_c = 1/10
assert torch.allclose(S.grad[0, 3], torch.tensor(-0.45, dtype=torch.float64))
assert torch.allclose(S.grad[0, :3], torch.tensor(0.05, dtype=torch.float64))
print('(p - y) / N: 0.1 / 2 = 0.05 off the label, (0.1 - 1) / 2 = -0.45 on it')
