# Gradients of intermediate tensors: retain_grad() or a hook

import textwrap
import warnings

import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 3          # not a leaf
L = (y ** 2).sum()
L.backward()
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    intermediate = y.grad
print(f'y.grad without retain_grad(): {intermediate}')
assert intermediate is None and caught and x.grad is not None  # the leaf has it
first_sentence = str(caught[0].message).split(". ")[0] + "."
print(textwrap.fill(f'{caught[0].category.__name__}: {first_sentence}', 80))

y = x * 3
y.retain_grad()                       # keep dL/dy in y.grad
seen = []
y.register_hook(lambda grad: seen.append(grad.clone()))  # or see it pass
(y ** 2).sum().backward()
print(f'retain_grad: y.grad = {y.grad}, hook saw {seen[0]}')
assert torch.equal(y.grad, 2 * y.detach())  # dL/dy = 2y
assert torch.equal(seen[0], y.grad)
