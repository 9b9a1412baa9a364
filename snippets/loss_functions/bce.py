# Binary cross-entropy on probabilities in NumPy, checked against torch.nn.functional and autograd

import numpy as np
import torch
import torch.nn.functional as F


def forward(p, y):
    log_p = np.maximum(np.log(p), -100)          # PyTorch clamps each log at -100
    log_not_p = np.maximum(np.log(1 - p), -100)
    return -np.mean(y * log_p + (1 - y) * log_not_p)


def backward(dL, p, y):
    return (dL * (p - y) / (p * (1 - p)) / p.size,)


if __name__ == "__main__":
    p, y = np.array([0.9, 0.2, 0.6]), np.array([1.0, 0.0, 0.0])
    (grad,) = backward(1.0, p, y)
    print(f'NumPy loss {forward(p, y):.6f}, gradient {grad}')

    t = torch.tensor(p, requires_grad=True)
    loss = F.binary_cross_entropy(t, torch.tensor(y))
    loss.backward()
    print(f'PyTorch loss {loss.item():.6f}, gradient {t.grad}')
    assert np.isclose(loss.item(), forward(p, y)) and np.allclose(t.grad.numpy(), grad)

    # A confident wrong answer costs 100 per sample, not infinity: the clamp.
    sure_and_wrong = F.binary_cross_entropy(torch.tensor([0.0]), torch.tensor([1.0]))
    print(f'p = 0 for y = 1: loss {sure_and_wrong.item()}')
