# multi_margin_loss and its gradient in NumPy, checked against PyTorch

import numpy as np
import torch
import torch.nn.functional as F


def margins(S, Y):
    """1 - s_y + s_j for every class j of every row; S, Y (one-hot): N x C."""
    s_y = np.sum(S * Y, axis=1, keepdims=True)
    return np.where(Y == 1, 0.0, 1 - s_y + S)  # the class y itself is left out


def forward(S, Y):
    N, C = S.shape
    return np.sum(np.maximum(0, margins(S, Y))) / (N * C)


def backward(dL, S, Y):
    N, C = S.shape
    active = (margins(S, Y) > 0).astype(float)  # 0 at the kink, as PyTorch
    # +1 for each active s_j, and -1 for s_y per active margin
    dS = active - Y * active.sum(axis=1, keepdims=True)
    return (dL * dS / (N * C),)


if __name__ == "__main__":
    S = np.array([[0.5, 1.2, 0.9], [0.2, 0.1, 1.5], [0.5, 1.5, 0.9]])
    labels = np.array([1, 2, 1])  # the last row has a margin of exactly 0
    Y = np.eye(3)[labels]
    (grad,) = backward(1.0, S, Y)

    t = torch.tensor(S, requires_grad=True)
    loss = F.multi_margin_loss(t, torch.tensor(labels))
    loss.backward()
    print(f'NumPy {forward(S, Y):.6f}, multi_margin_loss {loss.item():.6f}')
    print(f'NumPy gradient:\n{grad}')
    print(f'autograd:\n{t.grad.numpy()}')
    assert np.isclose(loss.item(), forward(S, Y))
    assert np.allclose(t.grad.numpy(), grad)
