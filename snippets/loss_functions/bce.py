# Binary cross-entropy on probabilities in NumPy, clamped as PyTorch clamps it

import numpy as np
import torch
import torch.nn.functional as F

# PyTorch's floor for p (1 - p) in the gradient: 1e-12, held as a float32
EPSILON = float(np.float32(1e-12))


def forward(p, y):
    log_p = np.maximum(np.log(p), -100)  # PyTorch clamps each log at -100
    log_not_p = np.maximum(np.log(1 - p), -100)
    return -np.mean(y * log_p + (1 - y) * log_not_p)


def backward(dL, p, y):
    return (dL * (p - y) / np.maximum(p * (1 - p), EPSILON) / p.size,)


def torch_bce(p, y):
    t = torch.tensor(p, requires_grad=True)
    loss = F.binary_cross_entropy(t, torch.tensor(y))
    loss.backward()
    return loss.item(), t.grad.numpy()


if __name__ == "__main__":
    p = np.array([0.9, 0.2, 0.6])
    y = np.array([1.0, 0.0, 0.3])  # labels may be probabilities
    (grad,) = backward(1.0, p, y)
    loss, autograd = torch_bce(p, y)
    print(f'NumPy   loss {forward(p, y):.6f}, gradient {grad}')
    print(f'PyTorch loss {loss:.6f}, gradient {autograd}')
    assert np.isclose(loss, forward(p, y)) and np.allclose(autograd, grad)

    # p = 0 for y = 1: the loss is capped at 100, the gradient at -1 / 1e-12
    p, y = np.array([0.0]), np.array([1.0])
    with np.errstate(divide="ignore"):  # log(0) = -inf, then clamped
        numpy_loss, (numpy_grad,) = forward(p, y), backward(1.0, p, y)
    loss, autograd = torch_bce(p, y)
    print(f'p = 0, y = 1: NumPy   loss {numpy_loss}, gradient {numpy_grad}')
    print(f'p = 0, y = 1: PyTorch loss {loss}, gradient {autograd}')
    assert loss == numpy_loss == 100
    assert np.isclose(autograd, -1e12) and autograd == numpy_grad  # bit for bit
