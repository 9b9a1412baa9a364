# Binary hinge loss in NumPy, and its kink at ys = 1

import numpy as np
import torch
import torch.nn.functional as F


def forward(s, y):
    """Binary hinge: scores s and labels y in {-1, +1}, n elements each."""
    return np.mean(np.maximum(0, 1 - y * s))


def backward(dL, s, y):
    # -y / n where ys < 1; 0 where ys >= 1, the kink ys = 1 included
    return (dL * np.where(y * s < 1, -y, 0.0) / s.size,)


def torch_hinge(s, y):
    return F.relu(1 - y * s).mean()  # relu'(0) = 0: the same choice at the kink


if __name__ == "__main__":
    s, y = np.array([2.0, 0.3, -0.5, 1.0]), np.array([1.0, 1.0, -1.0, 1.0])
    (grad,) = backward(1.0, s, y)
    t = torch.tensor(s, requires_grad=True)
    loss = torch_hinge(t, torch.tensor(y))
    loss.backward()
    print(f'binary hinge: NumPy {forward(s, y):.6f}, PyTorch {loss.item():.6f}')
    print(f'NumPy gradient   {grad}')
    print(f'autograd (relu)  {t.grad.numpy() + 0.0}')  # + 0.0: -0 prints as 0
    assert np.isclose(loss.item(), forward(s, y))
    assert np.allclose(t.grad.numpy(), grad)

    # At the kink ys = 1 (the last sample) clamp passes the gradient; relu not.
    t.grad = None
    torch.clamp(1 - torch.tensor(y) * t, min=0).mean().backward()
    print(f'autograd (clamp) {t.grad.numpy() + 0.0}')
    assert t.grad[-1] == -y[-1] / s.size and grad[-1] == 0
