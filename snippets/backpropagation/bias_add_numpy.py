# Broadcast bias add in NumPy, checked against PyTorch autograd

import numpy as np
import torch


def forward(Y, b):
    return Y + b  # b (C) is added to every row of Y (N x C)


def backward(dZ, Y, b):
    return dZ, dZ.sum(axis=0)  # dL/dY = dL/dZ, dL/db = the sum of dL/dZ over the rows


if __name__ == "__main__":
    Y, b = np.arange(6.0).reshape(2, 3), np.array([1.0, 2.0, 3.0])
    dZ = np.array([[1.0, 0.0, 2.0], [3.0, 1.0, 0.0]])
    dY, db = backward(dZ, Y, b)
    print(f'NumPy db: {db}')

    Y_t, b_t = torch.tensor(Y, requires_grad=True), torch.tensor(b, requires_grad=True)
    (Y_t + b_t).backward(torch.tensor(dZ))
    print(f'Pytorch autograd db: {b_t.grad}')
    assert np.allclose(db, b_t.grad.numpy()) and np.allclose(dY, Y_t.grad.numpy())
