# Training the MLP with the engine, step by step against the same loop in PyTorch

import numpy as np
from engine import Tensor
from train_torch import train_torch

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

W1, b1, W2, b2 = params = [Tensor(p) for p in start]
losses = []
for step in range(steps):
    for p in params:
        p.grad = np.zeros_like(p.data)  # leaves accumulate: clear them first
    P = ((Tensor(X) @ W1 + b1).relu() @ W2 + b2).softmax()
    L = ((Tensor(Y) * P.log()).sum() * (-1 / N)
         + ((W1 * W1).sum() + (W2 * W2).sum()) * (lam / 2))  # W1, W2 fork
    L.backward()
    for p in params:
        p.data = p.data - lr * p.grad  # a step of gradient descent
    losses.append(L.data.item())

torch_losses, torch_params = train_torch(X, labels, start, lr, lam, steps)
for step in range(0, steps, 10):
    print(f'step {step:2}: engine {losses[step]:.12f}, '
          f'PyTorch {torch_losses[step]:.12f}')
gap = max(max(abs(a - b) for a, b in zip(losses, torch_losses)),
          max(np.abs(p.data - t).max() for p, t in zip(params, torch_params)))
print(f'engine = PyTorch to 1e-12 at all {steps} steps '
      f'(losses and parameters): {gap < 1e-12}')
assert gap < 1e-12
assert all(b < a for a, b in zip(losses, losses[1:]))
print(f'the loss falls at every step: {losses[0]:.4f} -> {losses[-1]:.4f}')
