# Training the MLP with the engine, step by step against the same loop in PyTorch

import numpy as np
import torch
from engine import Tensor

# A tiny data set: three clusters of 4 points in the plane, one per class
rng = np.random.default_rng(0)
N, D, H, C = 12, 2, 8, 3
labels = np.repeat(np.arange(C), N // C)
centres = np.array([[2.0, 0.0], [-1.0, 1.7], [-1.0, -1.7]])
X = centres[labels] + 0.8 * rng.normal(size=(N, D))
Y = np.eye(C)[labels]
start = [rng.normal(size=(D, H)) * 0.5, np.zeros(H),
         rng.normal(size=(H, C)) * 0.5, np.zeros(C)]
lr, lam, steps = 0.5, 1e-2, 30

# The engine: W1 and W2 each feed the network and the L2 term, a fork
W1, b1, W2, b2 = params = [Tensor(p) for p in start]
engine_losses = []
for step in range(steps):
    for p in params:
        p.grad = np.zeros_like(p.data)  # leaves accumulate: clear them first
    P = ((Tensor(X) @ W1 + b1).relu() @ W2 + b2).softmax()
    L = ((Tensor(Y) * P.log()).sum() * (-1 / N)
         + ((W1 * W1).sum() + (W2 * W2).sum()) * (lam / 2))
    L.backward()
    for p in params:
        p.data = p.data - lr * p.grad
    engine_losses.append(L.data.item())

# PyTorch: the same model, loss and steps, with its own optimizer
tparams = [torch.tensor(p, requires_grad=True) for p in start]
optimizer = torch.optim.SGD(tparams, lr=lr)
torch_losses = []
for step in range(steps):
    optimizer.zero_grad()
    tW1, tb1, tW2, tb2 = tparams
    S = torch.relu(torch.tensor(X) @ tW1 + tb1) @ tW2 + tb2
    L = (torch.nn.functional.cross_entropy(S, torch.tensor(labels))
         + lam / 2 * ((tW1 ** 2).sum() + (tW2 ** 2).sum()))
    L.backward()
    optimizer.step()
    torch_losses.append(L.item())

# The fork: the L2 term adds lam * W to the gradient of each weight matrix
W = [torch.tensor(p, requires_grad=True) for p in start]
S = torch.relu(torch.tensor(X) @ W[0] + W[1]) @ W[2] + W[3]
data = torch.nn.functional.cross_entropy(S, torch.tensor(labels))
l2 = lam / 2 * ((W[0] ** 2).sum() + (W[2] ** 2).sum())
with_l2 = torch.autograd.grad(data + l2, W, retain_graph=True)
without = torch.autograd.grad(data, W)
fork = all(torch.allclose(with_l2[i], without[i] + lam * W[i]) for i in (0, 2))
print(f'dL/dW = (data term) + lam * W, for W1 and W2: {fork}')
assert fork

for step in range(0, steps, 5):
    print(f'step {step:2}: engine {engine_losses[step]:.12f}, '
          f'PyTorch {torch_losses[step]:.12f}')
loss_gap = max(abs(a - b) for a, b in zip(engine_losses, torch_losses))
param_gap = max(np.abs(p.data - t.detach().numpy()).max()
                for p, t in zip(params, tparams))
agree = loss_gap < 1e-12 and param_gap < 1e-12
print(f'engine and PyTorch agree to 1e-12 at all {steps} steps '
      f'(losses and parameters): {agree}')
assert agree
assert all(b < a for a, b in zip(engine_losses, engine_losses[1:]))
print(f'the loss falls at every step: {engine_losses[0]:.4f} -> '
      f'{engine_losses[-1]:.4f}')
