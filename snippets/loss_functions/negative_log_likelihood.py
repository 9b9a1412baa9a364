# Losses are negative log-likelihoods

import math

import torch
import torch.nn.functional as F
from torch.distributions import Bernoulli, Categorical, Laplace, Normal

y_hat = torch.tensor([0.5, 1.0, 3.0], dtype=torch.float64)
y = torch.tensor([1.0, 1.5, 2.0], dtype=torch.float64)


def show(name, nll, loss, formula):
    print(f'{name} NLL {nll:.6f} = {formula} {loss:.6f}')
    assert torch.isclose(nll, loss)


# Gaussian noise (sigma = 1): -log p = (y - y_hat)²/2 + log(2 pi)/2
show("Gaussian", -Normal(y_hat, 1.0).log_prob(y).mean(),
     F.mse_loss(y_hat, y) / 2 + math.log(2 * math.pi) / 2,
     "MSE/2 + log(2 pi)/2")

# Laplace noise (b = 1): -log p = |y - y_hat| + log 2
show("Laplace", -Laplace(y_hat, 1.0).log_prob(y).mean(),
     F.l1_loss(y_hat, y) + math.log(2), "L1 + log 2")

# A coin with P(y = 1) = p: -log p(y) is the binary cross-entropy
p = torch.tensor([0.8, 0.3], dtype=torch.float64)
label = torch.tensor([1.0, 0.0], dtype=torch.float64)
show("Bernoulli", -Bernoulli(p).log_prob(label).mean(),
     F.binary_cross_entropy(p, label), "BCE")

# One of C classes: -log p(class) is the cross-entropy of the logits
logits = torch.tensor([[2.0, 0.5, -1.0]], dtype=torch.float64)
target = torch.tensor([0])
show("categorical", -Categorical(logits=logits).log_prob(target).mean(),
     F.cross_entropy(logits, target), "cross-entropy")
