# The graph PyTorch records, rebuilt on every forward pass

import torch

w = torch.tensor(2.0, requires_grad=True)
x = torch.tensor(3.0)
L = (w * x + 1).exp()

node = L.grad_fn
while node is not None:
    print(type(node).__name__, [type(n).__name__ if n else None for n, _ in node.next_functions])
    node = next((n for n, _ in node.next_functions if n is not None), None)

# A second forward pass records a new graph: nothing is shared with the first.
L2 = (w * x + 1).exp()
print(f'same graph object: {L2.grad_fn is L.grad_fn}')
