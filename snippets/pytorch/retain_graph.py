# backward() frees the tensors a graph saved, unless told to keep them

import torch

x = torch.tensor(2.0, requires_grad=True)
# exp saves its output; mul saves both x and x.exp() (both need gradients)
L = x.exp() * x
L.backward()
try:
    L.backward()
    message = None
except RuntimeError as err:
    message = str(err)
assert message.startswith("Trying to backward through the graph a second")
print(f'second backward: RuntimeError: {message.split(" (or")[0]}')

x.grad = None
L = x.exp() * x
L.backward(retain_graph=True)  # keep the saved tensors
L.backward()                   # works, and .grad accumulates twice
twice = 2 * (1 + x.detach()) * x.detach().exp()
print(f'retain_graph=True: x.grad = {x.grad.item():.4f}, '
      f'2 (e^x + x e^x) = {twice.item():.4f}')
assert torch.isclose(x.grad, twice)

y = torch.tensor(2.0, requires_grad=True)
L = (y + 1).sum()  # add and sum save nothing: a second backward works
L.backward()
L.backward()
print(f'(y + 1).sum(), backward twice: y.grad = {y.grad.item()}')
assert y.grad == 2
