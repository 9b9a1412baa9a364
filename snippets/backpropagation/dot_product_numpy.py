# Vector dot product in NumPy: the forward and backward formulas as written

import numpy as np


def forward(x, y):
    return x @ y  # z = x^T y


def backward(dz, x, y):
    return dz * y, dz * x  # dL/dx = dL/dz y, dL/dy = dL/dz x


if __name__ == "__main__":
    x, y = np.array([1.0, 2.0, 3.0]), np.array([3.0, 2.0, 1.0])
    dz = np.ones_like(forward(x, y))  # L = z.sum(), as in the PyTorch tab
    dx, dy = backward(dz, x, y)
    print(f'NumPy dx: {dx}')
    print(f'NumPy dy: {dy}')
