# Exercise 2, a solution: the backward pass of z = x^T W y

import numpy as np
from check_exercises import check_bilinear_backward


def bilinear_backward(dz, x, W, y):
    # z = sum_ij x_i W_ij y_j, so dz/dx_i = (Wy)_i, dz/dW_ij = x_i y_j,
    # dz/dy_j = (W^T x)_j; dz is 1 x 1 and scales each of them.
    return dz * (W @ y), dz * (x @ y.T), dz * (W.T @ x)


x, W, y = np.array([[1.0], [2.0]]), np.arange(6.0).reshape(2, 3), np.ones((3, 1))
dx, dW, dy = bilinear_backward(np.ones((1, 1)), x, W, y)
print(f'shapes: x̄ {dx.shape}, W̄ {dW.shape}, ȳ {dy.shape}')
print(check_bilinear_backward(bilinear_backward))
