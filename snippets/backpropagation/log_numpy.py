# Log in NumPy, checked against PyTorch autograd

import numpy as np
import torch


def forward(x):
    return np.log(x)


def backward(dy, x):
    return (dy / x,)  # dL/dx = dL/dy / x


if __name__ == "__main__":
    x = np.array([0.5, 1.0, 4.0])
    dy = np.array([1.0, 1.0, 2.0])
    (dx,) = backward(dy, x)
    print(f'NumPy dx: {dx}')

    x_t = torch.tensor(x, requires_grad=True)
    torch.log(x_t).backward(torch.tensor(dy))
    print(f'Pytorch autograd dx: {x_t.grad}')
    assert np.allclose(dx, x_t.grad.numpy())
