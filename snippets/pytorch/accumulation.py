# Gradients accumulate in .grad until you zero them

import torch

w = torch.tensor([1.0, 2.0], requires_grad=True)
for call in range(1, 3):
    (3 * w).sum().backward()
    print(f'after backward call {call}: w.grad = {w.grad}')

optimizer = torch.optim.SGD([w], lr=0.1)
optimizer.zero_grad()  # since PyTorch 2.0 this sets .grad to None
print(f'after zero_grad(): w.grad = {w.grad}')
