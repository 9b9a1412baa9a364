# Multi-class or multi-label, and pos_weight for rare positives

import torch
import torch.nn.functional as F

z = torch.tensor([[2.0, 1.0, -1.0]])  # one sample's logits for 3 classes
P, q = z.softmax(dim=1), z.sigmoid()
print(f'multi-class: softmax {P[0].numpy().round(3)}, sums to 1: one class, '
      f'{P.argmax().item()}')
print(f'multi-label: sigmoid {q[0].numpy().round(3)}, each on its own: '
      f'classes {(z > 0).nonzero()[:, 1].tolist()}')
assert torch.isclose(P.sum(), torch.tensor(1.0)) and (z > 0).sum() == 2

Y = torch.tensor([[1.0, 0.0, 0.0], [1.0, 0.0, 1.0], [0.0, 0.0, 0.0],
                  [1.0, 1.0, 0.0]])       # labels 1 and 2: rare positives
Z = torch.zeros(4, 3, requires_grad=True)  # every sigmoid at 0.5
pos_weight = (1 - Y).sum(0) / Y.sum(0)    # negatives / positives per label
loss = F.binary_cross_entropy_with_logits(Z, Y, pos_weight=pos_weight)
ours = -(pos_weight * Y * F.logsigmoid(Z) + (1 - Y) * F.logsigmoid(-Z)).mean()
loss.backward()
n = Y.numel()  # a positive's gradient: pos_weight (sigmoid(z) - 1) / n
assert torch.isclose(loss, ours)
assert torch.allclose(Z.grad[Y == 1], (pos_weight * (0.5 - Y) / n)[Y == 1])
print(f'pos_weight = negatives / positives: {pos_weight.numpy().round(4)}')
print(f'n dL/dz of the positives: {(n * Z.grad[Y == 1]).numpy().round(4)}')
