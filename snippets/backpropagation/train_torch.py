# The training loop of train_engine.py in PyTorch, with its own optimizer.
# A module: train_engine.py imports it.

import torch


def train_torch(X, labels, start, lr, lam, steps):
    """The same MLP, loss and steps as the engine's loop: the losses at each
    step and the parameters at the end, as NumPy arrays."""
    params = [torch.tensor(p, requires_grad=True) for p in start]
    optimizer = torch.optim.SGD(params, lr=lr)
    losses = []
    for step in range(steps):
        optimizer.zero_grad()
        W1, b1, W2, b2 = params
        S = torch.relu(torch.tensor(X) @ W1 + b1) @ W2 + b2
        L = (torch.nn.functional.cross_entropy(S, torch.tensor(labels))
             + lam / 2 * ((W1 ** 2).sum() + (W2 ** 2).sum()))
        L.backward()
        optimizer.step()
        losses.append(L.item())
    return losses, [p.detach().numpy() for p in params]
