# Regression losses and their derivatives (by autograd) against the error

import matplotlib
import torch
import torch.nn.functional as F
from matplotlib.figure import Figure

# the error ŷ - y, from -3 to 3 in steps of 0.01
r = torch.linspace(-3, 3, 601, dtype=torch.float64, requires_grad=True)
zero = torch.zeros_like(r)
losses = {  # MSE halved: ½r² is Huber's quadratic part, so the two meet
    "½ MSE: ½(ŷ − y)²": lambda r: F.mse_loss(r, zero, reduction="none") / 2,
    "L1: |ŷ − y|": lambda r: F.l1_loss(r, zero, reduction="none"),
    "Huber, δ = 1": lambda r: F.huber_loss(r, zero, reduction="none"),
    "SmoothL1, β = 0.5":
        lambda r: F.smooth_l1_loss(r, zero, reduction="none", beta=0.5),
}
# At r = 2, from the page's formulas: (loss, derivative)
at_2 = {"½ MSE: ½(ŷ − y)²": (2 ** 2 / 2, 2), "L1: |ŷ − y|": (2, 1),
        "Huber, δ = 1": (1 * (2 - 1 / 2), 1),
        "SmoothL1, β = 0.5": (2 - 0.5 / 2, 1)}

# narrow, stacked, large type: legible when a phone shrinks it to its width
fig = Figure(figsize=(4.2, 6.4), facecolor="white")
value_ax, slope_ax = fig.subplots(2, 1, sharex=True)
values = {}
for label, loss in losses.items():
    values[label] = loss(r)
    # each entry depends on its own r only: the gradient of the sum is the slope
    (slope,) = torch.autograd.grad(values[label].sum(), r)
    value_ax.plot(r.detach(), values[label].detach(), label=label)
    slope_ax.plot(r.detach(), slope)
    assert r[500] == 2
    expected = torch.tensor(at_2[label], dtype=r.dtype)
    assert torch.allclose(torch.stack([values[label][500], slope[500]]), expected)
    print(f'{label}: at ŷ − y = 2, loss {values[label][500].item():.3f}, '
          f'derivative {slope[500].item():.3f}')
inside = r.detach().abs() <= 1  # where Huber (δ = 1) is quadratic
assert torch.allclose(values["½ MSE: ½(ŷ − y)²"][inside],
                      values["Huber, δ = 1"][inside])
print('½ MSE and Huber (δ = 1) agree for |ŷ − y| ≤ 1')
value_ax.set_ylim(-0.2, 4)
value_ax.set_title("loss", fontsize=12)
slope_ax.set_ylim(-3.2, 3.2)
slope_ax.set_title("derivative (autograd)", fontsize=12)
slope_ax.set_xlabel("error ŷ − y", fontsize=12)
for ax in (value_ax, slope_ax):
    ax.grid(alpha=0.3)
    ax.tick_params(labelsize=11)
# one legend for both plots, under them, where it covers no curve
fig.legend(loc="lower center", ncol=2, fontsize=11, frameon=False)
fig.tight_layout(rect=(0, 0.08, 1, 1))
# no date, fixed ids: the same file each run
fixed = {"svg.hashsalt": "ml-notes", "svg.fonttype": "path"}
with matplotlib.rc_context(fixed):
    fig.savefig("loss_curves.svg", metadata={"Date": None})
