# Binary cross-entropy with logits in NumPy, checked against PyTorch

import numpy as np
import torch
import torch.nn.functional as F


def forward(z, y):
    # log(1 + e^z) - z y, written so that no exp overflows
    return np.mean(np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z))))


def backward(dL, z, y):
    return (dL * (1 / (1 + np.exp(-z)) - y) / z.size,)  # sigmoid(z) - y


if __name__ == "__main__":
    z = np.array([2.0, -1.0, 0.5])
    y = np.array([1.0, 0.0, 0.3])  # labels may be probabilities
    (grad,) = backward(1.0, z, y)
    print(f'NumPy   loss {forward(z, y):.6f}, gradient {grad}')

    t = torch.tensor(z, requires_grad=True)
    loss = F.binary_cross_entropy_with_logits(t, torch.tensor(y))
    loss.backward()
    print(f'PyTorch loss {loss.item():.6f}, gradient {t.grad.numpy()}')
    assert np.isclose(loss.item(), forward(z, y))
    assert np.allclose(t.grad.numpy(), grad)

    # A logit of 40 for y = 0 costs 40. Through a float32 sigmoid p rounds to
    # 1, and binary_cross_entropy clamps log(1 - p) = log(0) at -100.
    z40, y0 = torch.tensor([40.0]), torch.tensor([0.0])
    with_logits = F.binary_cross_entropy_with_logits(z40, y0).item()
    p = torch.sigmoid(z40)
    print(f'z = 40, y = 0: with logits {with_logits}, sigmoid then BCE '
          f'{F.binary_cross_entropy(p, y0).item()} (p = {p.item()})')
    assert with_logits == 40 and p == 1 and F.binary_cross_entropy(p, y0) == 100
