# How much gradient gets through: sigmoid, tanh, a multiply gate

import numpy as np
import torch
from engine import Tensor


def engine_grad(f, value):
    x = Tensor(value)
    f(x).sum().backward()
    return x.grad


def torch_grad(f, value):
    x = torch.tensor(value, dtype=torch.float64, requires_grad=True)
    f(x).sum().backward()
    return x.grad.numpy()


# One sigmoid passes at most 1/4 of the gradient (at z = 0), tanh at most 1
z = np.array([0.0, 2.0, 5.0, 10.0])
ds, dt = engine_grad(Tensor.sigmoid, z), engine_grad(Tensor.tanh, z)
print(f'z:           {z}')
print(f"sigmoid'(z): {np.array2string(ds, precision=6)}")
print(f"tanh'(z):    {np.array2string(dt, precision=6)}")
assert np.allclose(ds, torch_grad(torch.sigmoid, z)) and ds.max() == 0.25
assert np.allclose(dt, torch_grad(torch.tanh, z)) and dt.max() == 1.0


# Ten in a row: the factors multiply, and with sigmoid they vanish
def deep(gate):
    def ten(x):
        for _ in range(10):
            x = gate(x)
        return x
    return ten


ds10 = engine_grad(deep(Tensor.sigmoid), 0.5)
dt10 = engine_grad(deep(Tensor.tanh), 0.5)
print(f'10 sigmoids: {ds10:.2e} (at most 1/4^10 = {0.25 ** 10:.2e}); '
      f'10 tanh: {dt10:.2e}')
assert np.isclose(ds10, torch_grad(deep(torch.sigmoid), 0.5)) and ds10 < 0.25**10
assert np.isclose(dt10, torch_grad(deep(torch.tanh), 0.5))

# Multiply scales the gradient by the other input: the small input gets more
x, y = Tensor(0.01), Tensor(100.0)
(x * y).backward()
print(f'f = x·y at x = 0.01, y = 100: dx = {x.grad:g}, dy = {y.grad:g}')
assert (x.grad, y.grad) == (y.data, x.data)
