# A 2-layer MLP, backward pass by hand, block by block

import numpy as np
import torch

rng = np.random.default_rng(0)
N, D, H, C = 4, 3, 5, 3                    # batch, inputs, hidden units, classes
X = rng.normal(size=(N, D))
Y = np.eye(C)[rng.integers(C, size=N)]     # one-hot labels
W1, b1 = rng.normal(size=(D, H)), rng.normal(size=H)
W2, b2 = rng.normal(size=(H, C)), rng.normal(size=C)

# Forward pass, keeping every intermediate backward needs.
Z1 = X @ W1 + b1
A1 = np.maximum(Z1, 0)
S = A1 @ W2 + b2
P = np.exp(S - S.max(axis=1, keepdims=True))
P /= P.sum(axis=1, keepdims=True)
L = -np.sum(Y * np.log(P)) / N            # cross-entropy, mean over the batch

# Backward pass: the same steps in reverse order.
dS = (P - Y) / N                           # softmax + cross-entropy, fused
dW2 = A1.T @ dS                            # matrix & matrix product: X^T dL/dZ
db2 = dS.sum(axis=0)                       # broadcast bias add: sum over the batch
dA1 = dS @ W2.T                            # matrix & matrix product: dL/dZ W^T
dZ1 = dA1 * (Z1 > 0)                       # elementwise ReLU: a 0/1 mask
dW1 = X.T @ dZ1                            # matrix & matrix product
db1 = dZ1.sum(axis=0)                      # broadcast bias add

# The fused gradient is the softmax block applied to dL/dP = -Y / (N P).
dP = -Y / (N * P)
dS_softmax_block = P * (dP - np.sum(P * dP, axis=1, keepdims=True))
print(f'loss: {L:.6f}')
same = np.abs(dS_softmax_block - dS).max() < 1e-12
print(f'softmax block = fused (P - Y)/N, to 1e-12: {same}')
assert same

t = [torch.tensor(v, requires_grad=True) for v in (W1, b1, W2, b2)]
S_t = torch.relu(torch.tensor(X) @ t[0] + t[1]) @ t[2] + t[3]
loss = torch.nn.functional.cross_entropy(S_t, torch.tensor(Y.argmax(axis=1)))
loss.backward()
ours = (dW1, db1, dW2, db2)
worst = max(np.abs(g - p.grad.numpy()).max() for g, p in zip(ours, t))
agree = abs(L - loss.item()) < 1e-12 and worst < 1e-12
print(f'by hand = PyTorch autograd, to 1e-12: {agree}')
assert agree
