# Exercise 1, the answer: what .grad holds after each line

import torch

w = torch.tensor([1.0, 2.0], requires_grad=True)
L = (w * w).sum()              # dL/dw = 2w = [2, 4]
L.backward(retain_graph=True)
L.backward()                   # added, not replaced
print(f'after two backward calls:    w.grad = {w.grad}')
assert torch.equal(w.grad, 4 * w.detach())

(w * w).sum().backward()       # a new graph, the same .grad: added again
print(f'after a new forward/backward: w.grad = {w.grad}')
assert torch.equal(w.grad, 6 * w.detach())

v = w.detach()                 # same numbers, no history, no gradient
print(f'w.detach(): requires_grad = {v.requires_grad}, grad = {v.grad}')
assert not v.requires_grad and v.grad is None
