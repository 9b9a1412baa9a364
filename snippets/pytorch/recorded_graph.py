# The graph PyTorch records, rebuilt on every forward pass

import torch

w = torch.tensor(2.0, requires_grad=True)
x = torch.tensor(3.0)
L = (w * x + 1).exp()

node = L.grad_fn
while node is not None:
    inputs = [type(n).__name__ if n else None for n, _ in node.next_functions]
    print(type(node).__name__, inputs)
    node = next((n for n, _ in node.next_functions if n is not None), None)
mul = L.grad_fn.next_functions[0][0].next_functions[0][0]
assert mul.next_functions[1][0] is None  # x needs no gradient: no node
assert mul.next_functions[0][0].variable is w  # AccumulateGrad of the leaf w

# A second forward pass records a new graph: nothing is shared with the first.
L2 = (w * x + 1).exp()
print(f'same graph object: {L2.grad_fn is L.grad_fn}')
assert L2.grad_fn is not L.grad_fn


# So Python control flow just works: each pass records the branch it took.
def forward(w):
    return (w * x).exp() if w > 0 else (w * x).sin()


starts = []
for value in (2.0, -2.0):
    L = forward(torch.tensor(value, requires_grad=True))
    starts.append(type(L.grad_fn).__name__)
    print(f'w = {value}: the graph starts at {starts[-1]}')
assert starts == ["ExpBackward0", "SinBackward0"]
