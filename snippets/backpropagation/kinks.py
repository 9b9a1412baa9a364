# At a kink: a tie in max, ReLU at 0

import torch

y = torch.tensor(2.0, dtype=torch.float64, requires_grad=True)
z = torch.tensor(2.0, dtype=torch.float64, requires_grad=True)
torch.maximum(y, z).backward()
print(f'max(y, z) at y = z = 2: dy = {y.grad.item()}, dz = {z.grad.item()}')

v = torch.tensor(0.0, dtype=torch.float64, requires_grad=True)
torch.relu(v).backward()
h = 1e-6
central = (torch.relu(v + h) - torch.relu(v - h)).item() / (2 * h)
print(f"relu at 0: autograd {v.grad.item()}, central difference {central:.6f}")
