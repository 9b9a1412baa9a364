# A reverse-mode autograd engine in NumPy, built from the blocks of this note.
# Save it as engine.py; the snippets below import it with `from engine import Tensor`.

import numpy as np


class Tensor:
    """A node of the computational graph: a value, its gradient dL/dvalue, and
    how to send an upstream gradient back to the tensors it was made from."""

    def __init__(self, data, parents=(), op="", local_backward=None, name=""):
        self.data = np.asarray(data, dtype=np.float64)
        self.grad = np.zeros_like(self.data)
        self.parents = parents                # the edges into this node
        self.op = op                          # "" for a leaf: an input or a parameter
        self.local_backward = local_backward  # upstream gradient -> one gradient per parent
        self.name = name

    @property
    def shape(self):
        return self.data.shape

    def __add__(self, other):
        other = as_tensor(other)
        def local_backward(g):  # add distributes the gradient unchanged
            return unbroadcast(g, self.shape), unbroadcast(g, other.shape)
        return Tensor(self.data + other.data, (self, other), "+", local_backward)

    def __mul__(self, other):
        other = as_tensor(other)
        def local_backward(g):  # multiply swaps: each input gets the other's value
            return unbroadcast(g * other.data, self.shape), unbroadcast(g * self.data, other.shape)
        return Tensor(self.data * other.data, (self, other), "×", local_backward)

    def __matmul__(self, other):
        a, b = self.data, other.data
        def local_backward(g):
            if a.ndim == 1 and b.ndim == 1:  # dot product: dL/dx = dL/dz y, dL/dy = dL/dz x
                return g * b, g * a
            if a.ndim == 2 and b.ndim == 1:  # Z = Wx: dL/dW = dL/dZ x^T, dL/dx = W^T dL/dZ
                return np.outer(g, b), a.T @ g
            return g @ b.T, a.T @ g          # Z = XW: dL/dX = dL/dZ W^T, dL/dW = X^T dL/dZ
        if (a.ndim, b.ndim) not in {(1, 1), (2, 1), (2, 2)}:
            raise ValueError(f"@ takes vector·vector, matrix·vector or matrix·matrix, not {a.shape} @ {b.shape}")
        return Tensor(a @ b, (self, other), "@", local_backward)

    def maximum(self, other):
        first = (self.data > other.data) + 0.5 * (self.data == other.data)  # a tie splits, as in PyTorch
        def local_backward(g):  # max routes the gradient to the larger input
            return g * first, g * (1 - first)
        return Tensor(np.maximum(self.data, other.data), (self, other), "max", local_backward)

    def relu(self):
        def local_backward(g):  # elementwise: dL/dz = dL/da ⊙ φ'(z), a 0/1 mask for ReLU
            return (g * (self.data > 0),)
        return Tensor(np.maximum(self.data, 0), (self,), "relu", local_backward)

    def log(self):
        def local_backward(g):
            return (g / self.data,)
        return Tensor(np.log(self.data), (self,), "log", local_backward)

    def sum(self):
        def local_backward(g):  # every entry counts once
            return (np.broadcast_to(g, self.shape),)
        return Tensor(self.data.sum(), (self,), "sum", local_backward)

    def softmax(self):
        e = np.exp(self.data - self.data.max(axis=-1, keepdims=True))
        p = e / e.sum(axis=-1, keepdims=True)
        def local_backward(g):  # J_s^p dL/dp without forming J: p ⊙ (dL/dp − <p, dL/dp>)
            return (p * (g - (p * g).sum(axis=-1, keepdims=True)),)
        return Tensor(p, (self,), "softmax", local_backward)

    def topological_order(self):
        """Every node this one depends on, each listed after all of its parents."""
        order, seen = [], set()
        def visit(node):
            if id(node) not in seen:
                seen.add(id(node))
                for parent in node.parents:
                    visit(parent)
                order.append(node)
        visit(self)
        return order

    def backward(self):
        self.grad = np.ones_like(self.data)  # the seed: dL/dL = 1
        for node in reversed(self.topological_order()):
            if node.parents:
                for parent, g in zip(node.parents, node.local_backward(node.grad)):
                    parent.grad += g  # +=, not =: a tensor used twice sums its paths


def as_tensor(value):
    """Wrap a plain number (such as the -1/N of a mean) as a leaf of the graph."""
    return value if isinstance(value, Tensor) else Tensor(value, name=np.array2string(np.asarray(value)))


def unbroadcast(g, shape):
    """Sum g over the axes NumPy broadcast: a bias added to every row gets the sum over rows."""
    while g.ndim > len(shape):
        g = g.sum(axis=0)
    for axis, size in enumerate(shape):
        if size == 1:
            g = g.sum(axis=axis, keepdims=True)
    return g
