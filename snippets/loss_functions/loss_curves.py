# Regression losses and their derivatives (by autograd) against the error

import matplotlib
import torch
import torch.nn.functional as F
from matplotlib.figure import Figure

# the error y_hat - y
r = torch.linspace(-3, 3, 601, dtype=torch.float64, requires_grad=True)
zero = torch.zeros_like(r)
losses = {
    "MSE  (y_hat - y)²": lambda r: F.mse_loss(r, zero, reduction="none"),
    "L1  |y_hat - y|": lambda r: F.l1_loss(r, zero, reduction="none"),
    "Huber, δ = 1": lambda r: F.huber_loss(r, zero, reduction="none"),
    "SmoothL1, β = 0.5":
        lambda r: F.smooth_l1_loss(r, zero, reduction="none", beta=0.5),
}
# At r = 2, from the page's formulas: (loss, derivative)
at_2 = {"MSE  (y_hat - y)²": (2 ** 2, 2 * 2), "L1  |y_hat - y|": (2, 1),
        "Huber, δ = 1": (1 * (2 - 1 / 2), 1),
        "SmoothL1, β = 0.5": (2 - 0.5 / 2, 1)}

fig = Figure(figsize=(9, 3.6), facecolor="white")
value_ax, slope_ax = fig.subplots(1, 2, sharex=True)
for label, loss in losses.items():
    value = loss(r)
    # each entry depends on its own r only: the gradient of the sum is the slope
    (slope,) = torch.autograd.grad(value.sum(), r)
    value_ax.plot(r.detach(), value.detach(), label=label)
    slope_ax.plot(r.detach(), slope, label=label)
    expected = torch.tensor(at_2[label], dtype=r.dtype)
    assert r[500] == 2
    assert torch.allclose(torch.stack([value[500], slope[500]]), expected)
    print(f'{label}: loss at r = 2: {value[500].item():.3f}, '
          f'derivative {slope[500].item():.3f}')
value_ax.set(title="loss", xlabel="error  y_hat - y", ylim=(-0.2, 4))
slope_ax.set(title="derivative (autograd)", xlabel="error  y_hat - y",
             ylim=(-3.2, 3.2))
for ax in (value_ax, slope_ax):
    ax.grid(alpha=0.3)
value_ax.legend(fontsize=11, loc="upper center")  # ~11 px on the page at 1280 px
fig.tight_layout()
# no date, fixed ids: the same file each run
fixed = {"svg.hashsalt": "ml-notes", "svg.fonttype": "path"}
with matplotlib.rc_context(fixed):
    fig.savefig("loss_curves.svg", metadata={"Date": None})
