# One node alone: the upstream gradient comes in, the local Jacobian is
# applied inside, the downstream gradient goes out (drawn for y = f(x) above)

import matplotlib
import torch
from matplotlib.figure import Figure

INK, GRAD = "#1a1a1a", "#c62828"  # forward in ink, backward in red


def f(x):  # y_1 = x_1 x_2, y_2 = x_2 + x_3²
    return torch.stack([x[0] * x[1], x[1] + x[2] ** 2])


x = torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64, requires_grad=True)
y = f(x)
dy = torch.tensor([5.0, -1.0], dtype=torch.float64)  # upstream: dL/dy
J = torch.func.jacrev(f)(x.detach()).T  # the note's layout, 3 x 2
dx = J @ dy  # downstream: dL/dx = J_x^y dL/dy
y.backward(dy)
assert torch.equal(dx, x.grad)
print(f'x = {x.detach().tolist()}, y = {y.detach().tolist()}')
print(f'dL/dy = {dy.tolist()} in, dL/dx = J_x^y dL/dy = {dx.tolist()} out')
print(f'dL/dx == Pytorch autograd: {torch.equal(dx, x.grad)}')

# Narrow enough for a phone: its smallest text stays at least 12 px there.
fig = Figure(figsize=(4.0, 2.3), facecolor="white")
ax = fig.add_axes((0, 0, 1, 1))
ax.set_xlim(0, 4.0)
ax.set_ylim(0, 2.3)
ax.set_axis_off()
ax.text(2.0, 1.15, "$f$\nlocal\nJacobian\n$J$ (3 × 2)", ha="center", va="center",
        fontsize=11, color=INK, linespacing=1.4, bbox={
            "boxstyle": "round,pad=0.4", "facecolor": "#e3f2fd", "edgecolor": INK})


def arrow(start, end, color, label, above):
    ax.annotate("", xy=end, xytext=start, arrowprops={
        "arrowstyle": "-|>", "color": color, "linewidth": 1.4})
    ax.text((start[0] + end[0]) / 2, start[1] + (0.1 if above else -0.1), label,
            ha="center", va="bottom" if above else "top", fontsize=11, color=color,
            linespacing=1.4)


def vector(v):
    return "(" + ", ".join(f"{e:g}" for e in v.tolist()) + ")"


arrow((0.05, 1.55), (1.35, 1.55), INK, f"$x$ = {vector(x.detach())}", True)
arrow((2.65, 1.55), (3.95, 1.55), INK, f"$y$ = {vector(y.detach())}", True)
arrow((3.95, 0.85), (2.65, 0.85), GRAD,
      "upstream\n" + r"$\partial L / \partial y$" + "\n= " + vector(dy), False)
arrow((1.35, 0.85), (0.05, 0.85), GRAD,
      "downstream\n" + r"$J\, \partial L / \partial y$" + "\n= " + vector(dx), False)
# a fixed hash salt and no date: the same figure always gives the same file
with matplotlib.rc_context({"svg.hashsalt": "ml-notes", "svg.fonttype": "path"}):
    fig.savefig("one_node.svg", format="svg", metadata={"Date": None},
                bbox_inches="tight", pad_inches=0.1)
