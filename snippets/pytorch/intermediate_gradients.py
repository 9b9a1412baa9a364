# Gradients of intermediate tensors: retain_grad() or a hook

import warnings

import torch

warnings.simplefilter("error")  # a warning becomes an exception we can print

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 3          # not a leaf
(y ** 2).sum().backward()
print(f'the leaf: x.grad = {x.grad}')
try:
    y.grad
    warned = None
except UserWarning as warning:
    warned = str(warning)
assert x.grad is not None and "won't be populated" in warned
print('y.grad: UserWarning:')
for sentence in warned.split(". ")[:2]:
    print(f'  {sentence.strip(".")}.')

y = x * 3
y.retain_grad()                       # keep dL/dy in y.grad
seen = []
y.register_hook(lambda grad: seen.append(grad.clone()))  # or see it pass
(y ** 2).sum().backward()
print(f'retain_grad: y.grad = {y.grad}, hook saw {seen[0]}')
assert torch.equal(y.grad, 2 * y.detach())  # dL/dy = 2y
assert torch.equal(seen[0], y.grad)
