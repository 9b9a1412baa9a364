# Class weights and ignore_index: what the 'mean' of cross_entropy divides by

import torch
import torch.nn.functional as F

S = torch.tensor([[2.0, 1.0, 0.1], [0.5, 2.5, 0.0], [0.3, 0.2, 1.0]],
                 dtype=torch.float64)
labels = torch.tensor([0, 2, 2])
weight = torch.tensor([1.0, 1.0, 3.0], dtype=torch.float64)
N = len(S)
losses = F.cross_entropy(S, labels, reduction="none")  # -log P[n, y_n]
w = weight[labels]                                     # each row's weight
total = (w * losses).sum()

by_index = F.cross_entropy(S, labels, weight=weight)
print(f'class indices: {by_index:.4f} = sum(w l) / sum(w) = '
      f'{total:.4f} / {w.sum():.0f}')
assert torch.isclose(by_index, total / w.sum())

T = F.one_hot(labels, 3).double()  # the same targets, as probabilities
by_probability = F.cross_entropy(S, T, weight=weight)
print(f'probabilities: {by_probability:.4f} = sum(w l) / N = '
      f'{total:.4f} / {N}, not / {w.sum():.0f}')
assert torch.isclose(by_probability, total / N)

# ignore_index (-100 unless set): that row leaves both the sum and the count
ignored = torch.tensor([0, 2, -100])
mean = F.cross_entropy(S, ignored)
print(f'ignore_index:  {mean:.4f} = the mean of the other {N - 1} rows '
      f'{losses[:2].mean():.4f}')
assert torch.isclose(mean, losses[:2].mean())
