# The graph PyTorch records for the MLP

import torch

g = torch.Generator().manual_seed(0)
X = torch.randn(4, 3, dtype=torch.float64, generator=g)
labels = torch.tensor([0, 2, 1, 2])
W1 = torch.randn(3, 5, dtype=torch.float64, generator=g, requires_grad=True)
b1 = torch.zeros(5, dtype=torch.float64, requires_grad=True)
W2 = torch.randn(5, 3, dtype=torch.float64, generator=g, requires_grad=True)
b2 = torch.zeros(3, dtype=torch.float64, requires_grad=True)

S = torch.relu(X @ W1 + b1) @ W2 + b2
L = torch.nn.functional.cross_entropy(S, labels)


def show(node, depth=0):
    """Print the node behind L, then the nodes it sends gradients to."""
    name = type(node).__name__
    if name == "AccumulateGrad":  # a leaf: the gradient lands in .grad
        name += f" -> .grad of a {tuple(node.variable.shape)} parameter"
    print("  " * depth + name)
    for child, _ in node.next_functions:
        if child is not None:  # None: an input that needs no gradient, such as X
            show(child, depth + 1)


show(L.grad_fn)
