# Losses are negative log-likelihoods

import math

import torch
import torch.nn.functional as F
from torch.distributions import Bernoulli, Categorical, Laplace, Normal

y_hat = torch.tensor([0.5, 1.0, 3.0], dtype=torch.float64)
y = torch.tensor([1.0, 1.5, 2.0], dtype=torch.float64)
p = torch.tensor([0.8, 0.3], dtype=torch.float64)      # P(label = 1)
label = torch.tensor([1.0, 0.0], dtype=torch.float64)
logits = torch.tensor([[2.0, 0.5, -1.0]], dtype=torch.float64)
target = torch.tensor([0])

cases = [  # noise model, its mean -log p(y), the loss it equals
    ("Gaussian", Normal(y_hat, 1.0).log_prob(y),
     "MSE/2 + log(2 pi)/2",
     F.mse_loss(y_hat, y) / 2 + math.log(2 * math.pi) / 2),
    ("Laplace", Laplace(y_hat, 1.0).log_prob(y),
     "L1 + log 2", F.l1_loss(y_hat, y) + math.log(2)),
    ("Bernoulli", Bernoulli(p).log_prob(label),
     "BCE", F.binary_cross_entropy(p, label)),
    ("categorical", Categorical(logits=logits).log_prob(target),
     "cross-entropy", F.cross_entropy(logits, target)),
]
for name, log_likelihood, formula, loss in cases:
    nll = -log_likelihood.mean()
    print(f'{name} NLL {nll:.6f} = {formula} {loss:.6f}')
    assert torch.isclose(nll, loss)
