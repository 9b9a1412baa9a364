# The graph PyTorch records, rebuilt on every forward pass

import torch

w = torch.tensor(2.0, requires_grad=True)
b = torch.tensor(1.0, requires_grad=True)
x = torch.tensor(3.0)  # needs no gradient
L = (w * x + b).exp()


def show(node, depth=0):
    """Print node, then the nodes of its inputs (next_functions), indented."""
    name = type(node).__name__ if node is not None else "None: no gradient"
    if hasattr(node, "variable"):  # AccumulateGrad: the leaf it adds into
        name += f": adds into {'w' if node.variable is w else 'b'}.grad"
    print("  " * depth + name)
    for child, _ in getattr(node, "next_functions", ()):
        show(child, depth + 1)


show(L.grad_fn)
mul, acc_b = (n for n, _ in L.grad_fn.next_functions[0][0].next_functions)
assert mul.next_functions[1][0] is None        # x needs no gradient: no node
assert mul.next_functions[0][0].variable is w  # the leaf w's AccumulateGrad
assert acc_b.variable is b

# Each forward pass records a new graph, of the branch it took.
def forward(w):
    return (w * x).exp() if w > 0 else (w * x).sin()


starts = [type(forward(torch.tensor(v, requires_grad=True)).grad_fn).__name__
          for v in (2.0, -2.0)]
print(f'w = 2 and w = -2: the graph starts at {" and ".join(starts)}')
assert starts == ["ExpBackward0", "SinBackward0"]
