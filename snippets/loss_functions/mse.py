# Mean squared error in NumPy, checked against torch.nn.functional and autograd

import numpy as np
import torch
import torch.nn.functional as F


def forward(y_hat, y):
    return np.mean((y_hat - y) ** 2)  # L = 1/n sum (y_hat - y)²


def backward(dL, y_hat, y):
    return (dL * 2 * (y_hat - y) / y_hat.size,)  # dL/dy_hat = 2 (y_hat - y) / n


if __name__ == "__main__":
    y_hat, y = np.array([1.0, 2.0, 4.0]), np.array([1.5, 2.0, 3.0])
    (grad,) = backward(1.0, y_hat, y)
    print(f'NumPy   loss {forward(y_hat, y):.6f}, gradient {grad}')

    t = torch.tensor(y_hat, requires_grad=True)
    loss = F.mse_loss(t, torch.tensor(y))
    loss.backward()
    print(f'PyTorch loss {loss.item():.6f}, gradient {t.grad.numpy()}')
    assert np.isclose(loss.item(), forward(y_hat, y))
    assert np.allclose(t.grad.numpy(), grad)
