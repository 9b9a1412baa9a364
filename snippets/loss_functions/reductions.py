# Reductions: 'none', 'sum' and 'mean', and what 'mean' divides by

import torch
import torch.nn.functional as F

g = torch.Generator().manual_seed(0)
Y_hat = torch.randn(4, 3, dtype=torch.float64, generator=g, requires_grad=True)
Y = torch.randn(4, 3, dtype=torch.float64, generator=g)
N, n = len(Y_hat), Y_hat.numel()  # N = 4 rows, n = 12 elements

none, total, mean = (F.mse_loss(Y_hat, Y, reduction=reduction)
                     for reduction in ("none", "sum", "mean"))
(from_sum,) = torch.autograd.grad(total, Y_hat)
(from_mean,) = torch.autograd.grad(mean, Y_hat)
print(f"mse_loss 'none': a loss per element, shape {tuple(none.shape)}")
print(f"'mean' {mean:.6f} = 'sum' / n {total / n:.6f}, not 'sum' / N "
      f"{total / N:.6f}")
print(f"the gradient of 'mean' is that of 'sum' divided by n = {n}")
assert torch.isclose(mean, total / n) and torch.allclose(from_mean, from_sum / n)
