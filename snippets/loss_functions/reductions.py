# Reductions: 'none', 'mean' and 'sum'

import torch
import torch.nn.functional as F

y_hat = torch.tensor([1.0, 2.0, 4.0], dtype=torch.float64, requires_grad=True)
y = torch.tensor([1.5, 2.0, 3.0], dtype=torch.float64)

for reduction in ["none", "mean", "sum"]:
    y_hat.grad = None
    loss = F.mse_loss(y_hat, y, reduction=reduction)
    loss.sum().backward()  # for 'none', as if the caller summed the per-sample losses
    print(f'{reduction:>4}: loss {loss.detach().numpy()}, gradient {y_hat.grad.numpy()}')
