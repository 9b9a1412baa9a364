# Gradients accumulate in .grad until you zero them

import torch

w = torch.tensor([1.0, 2.0], requires_grad=True)
for call in range(1, 3):
    (3 * w).sum().backward()
    print(f'after backward call {call}: w.grad = {w.grad}')
assert torch.equal(w.grad, torch.tensor([6.0, 6.0]))  # 3 + 3: added

optimizer = torch.optim.SGD([w], lr=0.1)
optimizer.zero_grad(set_to_none=False)
print(f'after zero_grad(set_to_none=False): w.grad = {w.grad}')
assert torch.equal(w.grad, torch.zeros(2))
optimizer.zero_grad()  # the default, set_to_none=True
print(f'after zero_grad(): w.grad = {w.grad}')
assert w.grad is None
