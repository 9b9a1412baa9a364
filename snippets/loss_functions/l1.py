# L1 (mean absolute error) in NumPy, checked against F.l1_loss and autograd

import numpy as np
import torch
import torch.nn.functional as F


def forward(y_hat, y):
    return np.mean(np.abs(y_hat - y))


def backward(dL, y_hat, y):
    # sign(0) = 0: PyTorch's choice at the kink
    return (dL * np.sign(y_hat - y) / y_hat.size,)


if __name__ == "__main__":
    # the middle error is 0
    y_hat, y = np.array([1.0, 2.0, 4.0]), np.array([1.5, 2.0, 3.0])
    (grad,) = backward(1.0, y_hat, y)
    print(f'NumPy   loss {forward(y_hat, y):.6f}, gradient {grad}')

    t = torch.tensor(y_hat, requires_grad=True)
    loss = F.l1_loss(t, torch.tensor(y))
    loss.backward()
    print(f'PyTorch loss {loss.item():.6f}, gradient {t.grad.numpy()}')
    assert np.isclose(loss.item(), forward(y_hat, y))
    assert np.allclose(t.grad.numpy(), grad) and t.grad[1] == 0
