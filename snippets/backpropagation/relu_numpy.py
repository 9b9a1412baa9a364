# Elementwise activation (ReLU) in NumPy, checked against PyTorch autograd

import numpy as np
import torch


def forward(z):
    return np.maximum(z, 0)


def backward(da, z):
    return (da * (z > 0),)  # dL/dz = dL/da ⊙ relu'(z): a 0/1 mask


if __name__ == "__main__":
    z = np.array([-2.0, -0.5, 0.5, 2.0])
    da = np.array([1.0, 2.0, 3.0, 4.0])
    (dz,) = backward(da, z)
    print(f'NumPy dz: {dz}')

    z_t = torch.tensor(z, requires_grad=True)
    torch.relu(z_t).backward(torch.tensor(da))
    print(f'Pytorch autograd dz: {z_t.grad}')
    assert np.allclose(dz, z_t.grad.numpy())
