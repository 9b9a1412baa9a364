# Reductions: 'none', 'sum' and 'mean', and what 'mean' divides by

import torch
import torch.nn.functional as F

g = torch.Generator().manual_seed(0)
Y_hat = torch.randn(4, 3, dtype=torch.float64, generator=g, requires_grad=True)
Y = torch.randn(4, 3, dtype=torch.float64, generator=g)
N, n = len(Y_hat), Y_hat.numel()  # N = 4 rows, n = 12 elements

losses, grads = {}, {}
for reduction in ["none", "sum", "mean"]:
    loss = F.mse_loss(Y_hat, Y, reduction=reduction)
    (grads[reduction],) = torch.autograd.grad(loss.sum(), Y_hat)
    losses[reduction] = loss.detach()
print(f"'none' keeps a loss per element: shape {tuple(losses['none'].shape)}")
total = losses["sum"]
print(f"mse_loss 'mean' {losses['mean']:.6f}: 'sum' / n = {total / n:.6f}, "
      f"'sum' / N = {total / N:.6f}")
assert torch.isclose(losses["mean"], losses["sum"] / n)
assert torch.allclose(grads["mean"], grads["sum"] / n)
assert torch.equal(F.mse_loss(Y_hat, Y), F.mse_loss(Y_hat, Y, reduction="mean"))
print(f"'mean' is the default; its gradient is that of 'sum' divided by {n}")

# cross_entropy has one loss per row: its 'mean' divides by N.
S = torch.randn(4, 3, dtype=torch.float64, generator=g)  # logits, N x C
labels = torch.tensor([0, 2, 1, 2])
ce_sum = F.cross_entropy(S, labels, reduction="sum")
ce_mean = F.cross_entropy(S, labels)
per_row = F.cross_entropy(S, labels, reduction="none")
print(f"cross_entropy 'none' shape {tuple(per_row.shape)}, "
      f"'mean' {ce_mean:.6f} = 'sum' / N {ce_sum / N:.6f}")
assert torch.isclose(ce_mean, ce_sum / N)

# 'batchmean' is for kl_div only.
try:
    F.mse_loss(Y_hat, Y, reduction="batchmean")
    refused = None
except ValueError as err:
    refused = err
assert refused is not None
print(f"mse_loss, 'batchmean': {type(refused).__name__}: {refused}")
