# Matrix & Matrix product in NumPy: the forward and backward formulas as written

import numpy as np


def forward(X, W):
    return X @ W  # Z = XW, X is N x D, W is D x C


def backward(dZ, X, W):
    return dZ @ W.T, X.T @ dZ  # dL/dX = dL/dZ W^T, dL/dW = X^T dL/dZ


if __name__ == "__main__":
    X = np.array([[1.0, 2.0, 3.0], [3.0, 2.0, 1.0]])
    W = np.array([[1.0, 2.0, 3.0], [2.0, 1.0, 3.0], [3.0, 1.0, 2.0]])
    dZ = np.ones_like(forward(X, W))  # L = Z.sum(), as in the PyTorch tab
    dX, dW = backward(dZ, X, W)
    print(f'NumPy dx:\n{dX}')
    print(f'NumPy dw:\n{dW}')
