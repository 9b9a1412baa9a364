# requires_grad propagates; freezing a layer, and why zero_grad() matters

import torch
import torch.nn.functional as F
from torch import nn

a = torch.tensor(1.0, requires_grad=True)
b = torch.tensor(2.0)
print(f'(a * b).requires_grad = {(a * b).requires_grad}: one input needs it')
print(f'(b * b).requires_grad = {(b * b).requires_grad}: none does')
assert (a * b).requires_grad and not (b * b).requires_grad

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 1))
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
X, y = torch.randn(8, 3), torch.randn(8, 1)
first = model[0].weight


def train_step():
    F.mse_loss(model(X), y).backward()
    optimizer.step()


train_step()                     # every layer learns; .grad is filled
model[0].requires_grad_(False)   # freeze the first layer
print(f'frozen: requires_grad={first.requires_grad}, '
      f'its old .grad still there: {first.grad is not None}')

before = first.clone()
train_step()                     # no zero_grad(): step() uses the old .grad
print(f'step without zero_grad(): frozen layer moved: '
      f'{not torch.equal(first, before)}')
assert not torch.equal(first, before)

optimizer.zero_grad()            # every .grad to None, the frozen ones too
before = first.clone()
train_step()
print(f'after zero_grad(): frozen .grad = {first.grad}, '
      f'moved: {not torch.equal(first, before)}')
assert first.grad is None and torch.equal(first, before)
assert model[2].weight.grad is not None and model(X).requires_grad
