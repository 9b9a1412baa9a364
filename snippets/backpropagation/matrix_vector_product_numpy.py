# Vector & Matrix product in NumPy: the forward and backward formulas as written

import numpy as np


def forward(W, x):
    return W @ x  # Z = Wx, W is C x D, x is D x 1


def backward(dZ, W, x):
    return dZ @ x.T, W.T @ dZ  # dL/dW = dL/dZ x^T, dL/dx = W^T dL/dZ


if __name__ == "__main__":
    W, x = np.array([[1.0, 2.0], [2.0, 1.0]]), np.array([[1.0], [2.0]])
    dZ = np.ones_like(forward(W, x))  # L = Z.sum(), as in the PyTorch tab
    dW, dx = backward(dZ, W, x)
    print(f'NumPy dx:\n{dx}')
    print(f'NumPy dw:\n{dW}')
