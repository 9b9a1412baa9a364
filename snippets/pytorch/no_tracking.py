# Turning tracking off

import torch

w = torch.tensor([1.0, 2.0], requires_grad=True)

with torch.no_grad():
    print(f'no_grad:        requires_grad={(w * 2).requires_grad}')
with torch.inference_mode():
    print(f'inference_mode: requires_grad={(w * 2).requires_grad}')
d = w.detach()  # same numbers, no history: shares memory with w
print(f'detach:         requires_grad={d.requires_grad}, shares memory={d.data_ptr() == w.data_ptr()}')
frozen = torch.tensor([1.0, 2.0], requires_grad=True).requires_grad_(False)
print(f'requires_grad_(False): requires_grad={(frozen * 2).requires_grad}')

model = torch.nn.Linear(2, 1).eval()  # eval() changes layers such as dropout, not tracking
print(f'after eval():   requires_grad={model(w).requires_grad}')
