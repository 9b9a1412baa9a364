# Losses are negative log-likelihoods

import math

import torch
import torch.nn.functional as F
from torch.distributions import Bernoulli, Categorical, Laplace, Normal

y_hat = torch.tensor([0.5, 1.0, 3.0], dtype=torch.float64)
y = torch.tensor([1.0, 1.5, 2.0], dtype=torch.float64)

# Gaussian noise (sigma = 1): -log p = (y - y_hat)²/2 + log(2 pi)/2
nll = -Normal(y_hat, 1.0).log_prob(y).mean()
print(f'Gaussian NLL {nll:.6f} = MSE/2 + log(2 pi)/2 = {F.mse_loss(y_hat, y) / 2 + math.log(2 * math.pi) / 2:.6f}')

# Laplace noise (b = 1): -log p = |y - y_hat| + log 2
nll = -Laplace(y_hat, 1.0).log_prob(y).mean()
print(f'Laplace NLL {nll:.6f} = L1 + log 2 = {F.l1_loss(y_hat, y) + math.log(2):.6f}')

# A coin with P(y = 1) = p: -log p(y) is the binary cross-entropy
p, label = torch.tensor([0.8, 0.3], dtype=torch.float64), torch.tensor([1.0, 0.0], dtype=torch.float64)
print(f'Bernoulli NLL {-Bernoulli(p).log_prob(label).mean():.6f} = BCE {F.binary_cross_entropy(p, label):.6f}')

# One of C classes: -log p(class) is the cross-entropy of the logits
logits, target = torch.tensor([[2.0, 0.5, -1.0]], dtype=torch.float64), torch.tensor([0])
print(f'categorical NLL {-Categorical(logits=logits).log_prob(target).mean():.6f} '
      f'= cross-entropy {F.cross_entropy(logits, target):.6f}')
