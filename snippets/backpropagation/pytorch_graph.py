# The graph PyTorch records for the MLP

import torch

torch.manual_seed(0)
X, labels = torch.randn(4, 3, dtype=torch.float64), torch.tensor([0, 2, 1, 2])
W1, b1, W2, b2 = (torch.randn(*shape, dtype=torch.float64, requires_grad=True)
                  for shape in [(3, 5), (5,), (5, 3), (3,)])
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
