# Exercise 6, a solution: transpose as an operation of the engine

from check_exercises import check_transpose
from engine import Tensor


def transpose(self):
    def local_backward(g):  # Z = X^T: Z̄ is the transpose of X̄, so X̄ = Z̄^T
        return (g.T,)
    return Tensor(self.data.T, (self,), "T", local_backward)


Tensor.T = property(transpose)  # X.T, as in NumPy and PyTorch
print(check_transpose(transpose))
x = Tensor([[1.0, 2.0, 3.0]])
(x.T @ Tensor([1.0])).sum().backward()  # a 3 x 1 column times a 1-vector
print(f'x {x.shape}, x.T {x.T.shape}, x.grad {x.grad.shape}')
assert x.grad.shape == x.shape
