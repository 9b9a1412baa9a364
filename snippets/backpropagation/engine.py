# A reverse-mode autograd engine in NumPy, built from the blocks of this note.
# Save it as engine.py; the snippets below import it: from engine import Tensor

import numpy as np


# --8<-- [start:tensor]
class Tensor:
    """A node of the computational graph: a value, its gradient dL/dvalue, and
    how to send an upstream gradient back to the tensors it was made from."""

    def __init__(self, data, parents=(), op="", local_backward=None, name=""):
        self.data = np.asarray(data, dtype=np.float64)
        self.grad = np.zeros_like(self.data)
        self.parents = parents  # the edges into this node
        self.op = op  # "" for a leaf: an input or a parameter
        # upstream gradient -> one gradient per parent
        self.local_backward = local_backward
        self.name = name

    @property
    def shape(self):
        return self.data.shape

    def __repr__(self):
        return f"Tensor(data={self.data}, grad={self.grad})"
# --8<-- [end:tensor]

    # --8<-- [start:add]
    def __add__(self, other):
        other = as_tensor(other)
        def local_backward(g):  # add distributes the gradient unchanged
            return unbroadcast(g, self.shape), unbroadcast(g, other.shape)
        return Tensor(self.data + other.data, (self, other), "+", local_backward)
    # --8<-- [end:add]

    # --8<-- [start:mul]
    def __mul__(self, other):
        other = as_tensor(other)
        def local_backward(g):  # multiply swaps: each input gets the other's value
            return (unbroadcast(g * other.data, self.shape),
                    unbroadcast(g * self.data, other.shape))
        return Tensor(self.data * other.data, (self, other), "×", local_backward)
    # --8<-- [end:mul]

    # --8<-- [start:matmul]
    def __matmul__(self, other):
        a, b = self.data, other.data
        def local_backward(g):
            if a.ndim == 1 and b.ndim == 1:  # z = x^T y: x̄ = z̄ y, ȳ = z̄ x
                return g * b, g * a
            if a.ndim == 2 and b.ndim == 1:  # Z = Wx: W̄ = Z̄ x^T, x̄ = W^T Z̄
                return np.outer(g, b), a.T @ g
            return g @ b.T, a.T @ g  # Z = XW: X̄ = Z̄ W^T, W̄ = X^T Z̄
        if (a.ndim, b.ndim) not in {(1, 1), (2, 1), (2, 2)}:
            raise ValueError("@ takes vector·vector, matrix·vector or "
                             f"matrix·matrix, not {a.shape} @ {b.shape}")
        return Tensor(a @ b, (self, other), "@", local_backward)
    # --8<-- [end:matmul]

    # --8<-- [start:maximum]
    def maximum(self, other):
        other = as_tensor(other)  # x.maximum(0) as well as x.maximum(y)
        # 1 where self is larger, 0.5 at a tie (split, as in PyTorch), else 0
        first = (self.data > other.data) + 0.5 * (self.data == other.data)
        def local_backward(g):  # max routes the gradient to the larger input
            return g * first, g * (1 - first)
        return Tensor(np.maximum(self.data, other.data), (self, other), "max",
                      local_backward)
    # --8<-- [end:maximum]

    # --8<-- [start:relu]
    def relu(self):
        def local_backward(g):  # elementwise: z̄ = ā ⊙ φ'(z), a 0/1 mask for ReLU
            return (g * (self.data > 0),)
        return Tensor(np.maximum(self.data, 0), (self,), "relu", local_backward)
    # --8<-- [end:relu]

    # --8<-- [start:sigmoid]
    def sigmoid(self):
        s = 1 / (1 + np.exp(-self.data))
        def local_backward(g):  # σ'(z) = σ(z)(1 - σ(z)), at most 1/4
            return (g * s * (1 - s),)
        return Tensor(s, (self,), "σ", local_backward)
    # --8<-- [end:sigmoid]

    # --8<-- [start:tanh]
    def tanh(self):
        t = np.tanh(self.data)
        def local_backward(g):  # tanh'(z) = 1 - tanh(z)², at most 1
            return (g * (1 - t * t),)
        return Tensor(t, (self,), "tanh", local_backward)
    # --8<-- [end:tanh]

    # --8<-- [start:log]
    def log(self):
        def local_backward(g):
            return (g / self.data,)
        return Tensor(np.log(self.data), (self,), "log", local_backward)
    # --8<-- [end:log]

    # --8<-- [start:sum]
    def sum(self):
        def local_backward(g):  # every entry counts once
            return (np.broadcast_to(g, self.shape),)
        return Tensor(self.data.sum(), (self,), "sum", local_backward)
    # --8<-- [end:sum]

    # --8<-- [start:softmax]
    def softmax(self):
        e = np.exp(self.data - self.data.max(axis=-1, keepdims=True))
        p = e / e.sum(axis=-1, keepdims=True)
        def local_backward(g):  # J_s^p p̄ without forming J: p ⊙ (p̄ − <p, p̄>)
            return (p * (g - (p * g).sum(axis=-1, keepdims=True)),)
        return Tensor(p, (self,), "softmax", local_backward)
    # --8<-- [end:softmax]

    # --8<-- [start:numbers]
    # A Python number on either side (2 * x, 1 - x, 10 / x), negation and
    # x ** k: all but ** are the operations above, so they need no rule of
    # their own. Python calls __radd__ for 2 + x, after float's + gives up.
    __array_ufunc__ = None  # NumPy too: an array * x calls x.__rmul__

    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __neg__(self):
        return self * -1

    def __sub__(self, other):
        return self + -as_tensor(other)

    def __rsub__(self, other):
        return as_tensor(other) + -self

    def __truediv__(self, other):
        return self * as_tensor(other) ** -1

    def __rtruediv__(self, other):
        return as_tensor(other) * self ** -1

    def __pow__(self, k):
        """x ** k for a constant number k."""
        def local_backward(g):  # the power rule: k x^(k-1)
            return (g * k * self.data ** (k - 1),)
        return Tensor(self.data ** k, (self,), f"**{k:g}", local_backward)
    # --8<-- [end:numbers]

    # --8<-- [start:topological_order]
    def topological_order(self):
        """Every node this one depends on, each listed after all of its parents.
        A depth-first walk with its own stack: a deep graph cannot overflow
        Python's recursion limit."""
        order, seen = [], {id(self)}
        stack = [(self, iter(self.parents))]
        while stack:
            node, parents = stack[-1]
            parent = next(parents, None)
            if parent is None:  # all parents listed: the node can follow them
                stack.pop()
                order.append(node)
            elif id(parent) not in seen:
                seen.add(id(parent))
                stack.append((parent, iter(parent.parents)))
        return order
    # --8<-- [end:topological_order]

    # --8<-- [start:backward]
    def backward(self, gradient=None):
        """Seed dL/dL = 1 (or v, an upstream gradient of this node's shape:
        then each leaf gets the vector-Jacobian product J v), and run the
        rules in reverse order."""
        order = self.topological_order()
        for node in order:
            if node.parents:  # only leaves accumulate across calls, as in PyTorch
                node.grad = np.zeros_like(node.data)
        seed = np.ones_like(self.data) if gradient is None else gradient
        self.grad += seed
        for node in reversed(order):
            if node.parents:
                for parent, g in zip(node.parents, node.local_backward(node.grad)):
                    parent.grad += g  # +=, not =: a fork sums its paths
    # --8<-- [end:backward]


# --8<-- [start:helpers]
def as_tensor(value):
    """Wrap a plain number (such as the -1/N of a mean) as a leaf of the graph."""
    if isinstance(value, Tensor):
        return value
    return Tensor(value, name=np.array2string(np.asarray(value)))


def unbroadcast(g, shape):
    """Sum g over the axes NumPy broadcast, keeping size-1 axes: a bias added
    to every row gets the sum over the rows."""
    while g.ndim > len(shape):  # axes NumPy added in front
        g = g.sum(axis=0)
    for axis, size in enumerate(shape):
        if size == 1:  # an axis of size 1 that NumPy stretched
            g = g.sum(axis=axis, keepdims=True)
    return g
# --8<-- [end:helpers]
