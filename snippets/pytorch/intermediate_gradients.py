# Gradients of intermediate tensors: retain_grad() or a hook

import warnings

import torch


def first_sentence(message):
    return str(message).split(". ")[0] + "."


x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 3          # not a leaf
L = (y ** 2).sum()
L.backward()
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    print(f'y.grad without retain_grad(): {y.grad}')
print(f'{caught[0].category.__name__}: {first_sentence(caught[0].message)}')

y = x * 3
y.retain_grad()                       # keep dL/dy in y.grad
seen = []
y.register_hook(lambda grad: seen.append(grad.clone()))  # or look at it as it passes
(y ** 2).sum().backward()
print(f'retain_grad: y.grad = {y.grad}, hook saw {seen[0]}')
