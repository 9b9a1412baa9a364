# A graph is freed by backward unless you keep it

import torch

x = torch.tensor(2.0, requires_grad=True)
L = x.exp() * x
L.backward()
try:
    L.backward()  # the saved tensors are gone
except RuntimeError as err:
    print(f'{type(err).__name__}: {str(err).splitlines()[0]}')

x.grad = None
L = x.exp() * x
L.backward(retain_graph=True)
L.backward()  # works: the graph was kept, and .grad accumulates twice
print(f'two backward calls with retain_graph=True: x.grad = {x.grad.item():.4f}')
print(f'twice dL/dx = 2 (e^x + x e^x) = {2 * (1 + x.item()) * x.exp().item():.4f}')
