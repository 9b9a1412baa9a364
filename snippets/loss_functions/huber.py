# Huber and SmoothL1 in NumPy, checked against torch.nn.functional and autograd

import numpy as np
import torch
import torch.nn.functional as F

DELTA = 1.0


def forward(y_hat, y, delta=DELTA):
    r = np.abs(y_hat - y)
    return np.mean(np.where(r <= delta, r ** 2 / 2, delta * (r - delta / 2)))


def backward(dL, y_hat, y, delta=DELTA):
    r = y_hat - y  # r inside [-delta, delta], delta sign(r) outside
    return (dL * np.clip(r, -delta, delta) / y_hat.size,)


if __name__ == "__main__":
    y_hat, y = np.array([0.2, 2.0, 4.5]), np.array([0.0, 3.5, 1.0])
    (grad,) = backward(1.0, y_hat, y)
    print(f'NumPy   Huber {forward(y_hat, y):.6f}, gradient {grad}')

    t = torch.tensor(y_hat, requires_grad=True)
    loss = F.huber_loss(t, torch.tensor(y), delta=DELTA)
    loss.backward()
    print(f'PyTorch Huber {loss.item():.6f}, gradient {t.grad.numpy()}')
    assert np.isclose(loss.item(), forward(y_hat, y))
    assert np.allclose(t.grad.numpy(), grad)

    # SmoothL1 with beta = delta is Huber divided by delta.
    huber = F.huber_loss(t, torch.tensor(y), delta=0.5).item()
    smooth = F.smooth_l1_loss(t, torch.tensor(y), beta=0.5).item()
    print(f'delta = beta = 0.5: Huber {huber:.6f} = beta * SmoothL1 '
          f'{0.5 * smooth:.6f}')
    assert np.isclose(huber, 0.5 * smooth)
    assert np.isclose(huber, forward(y_hat, y, 0.5))
