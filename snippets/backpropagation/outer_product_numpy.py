# Vector product in NumPy: the forward and backward formulas as written

import numpy as np


def forward(x, y):
    return x @ y  # Z = xy, x is m x 1, y is 1 x n


def backward(dZ, x, y):
    return dZ @ y.T, x.T @ dZ  # dL/dx = dL/dZ y^T, dL/dy = x^T dL/dZ


if __name__ == "__main__":
    x, y = np.array([[1.0], [2.0], [3.0]]), np.array([[3.0, 2.0]])
    dZ = np.ones_like(forward(x, y))  # L = Z.sum(), as in the PyTorch tab
    dx, dy = backward(dZ, x, y)
    print(f'NumPy dx:\n{dx}')
    print(f'NumPy dy:\n{dy}')
