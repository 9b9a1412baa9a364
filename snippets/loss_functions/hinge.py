# Hinge losses: binary hinge, multi_margin_loss, and hinge_embedding_loss (a different loss)

import numpy as np
import torch
import torch.nn.functional as F


def forward(s, y):
    """Binary hinge: labels y in {-1, +1}, scores s."""
    return np.mean(np.maximum(0, 1 - y * s))


def backward(dL, s, y):
    return (dL * np.where(y * s < 1, -y, 0.0) / s.size,)  # a subgradient: 0 on the flat side and at the kink


if __name__ == "__main__":
    s, y = np.array([2.0, 0.3, -0.5]), np.array([1.0, 1.0, 1.0])
    (grad,) = backward(1.0, s, y)
    t = torch.tensor(s, requires_grad=True)
    loss = torch.clamp(1 - torch.tensor(y) * t, min=0).mean()
    loss.backward()
    print(f'binary hinge: NumPy {forward(s, y):.6f}, autograd {loss.item():.6f}; gradient {grad}')
    assert np.isclose(loss.item(), forward(s, y)) and np.allclose(t.grad.numpy(), grad)

    # multi_margin_loss sums max(0, 1 - s_y + s_j) over j != y and divides by the number of classes.
    scores, label = torch.tensor([[0.5, 1.2, 0.9]], dtype=torch.float64), torch.tensor([1])
    terms = torch.clamp(1 - scores[0, 1] + scores[0, [0, 2]], min=0)
    print(f'multi_margin_loss {F.multi_margin_loss(scores, label):.6f} = sum / C {terms.sum() / 3:.6f}')

    # hinge_embedding_loss is another loss: x for y = 1, max(0, margin - x) for y = -1.
    x = torch.tensor([0.3, 0.3], dtype=torch.float64)
    print(f'hinge_embedding_loss(x=0.3, y=+1) {F.hinge_embedding_loss(x[:1], torch.tensor([1.0])):.6f}, '
          f'(y=-1) {F.hinge_embedding_loss(x[1:], torch.tensor([-1.0])):.6f}')
