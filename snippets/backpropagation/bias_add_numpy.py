# Broadcast bias add in NumPy, checked against PyTorch autograd

import numpy as np
import torch


def forward(X, b):
    return X + b  # b (C) is added to every row of X (N x C)


def backward(dZ, X, b):
    # dL/dX = dL/dZ, dL/db = the sum of dL/dZ over the rows
    return dZ, dZ.sum(axis=0)


if __name__ == "__main__":
    X, b = np.arange(6.0).reshape(2, 3), np.array([1.0, 2.0, 3.0])
    dZ = np.array([[1.0, 0.0, 2.0], [3.0, 1.0, 0.0]])
    dX, db = backward(dZ, X, b)
    print(f'NumPy db: {db}')

    X_t = torch.tensor(X, requires_grad=True)
    b_t = torch.tensor(b, requires_grad=True)
    (X_t + b_t).backward(torch.tensor(dZ))
    print(f'Pytorch autograd db: {b_t.grad}')
    assert np.allclose(db, b_t.grad.numpy()) and np.allclose(dX, X_t.grad.numpy())
