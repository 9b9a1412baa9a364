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

fig = Figure(figsize=(7.2, 2.6), facecolor="white")
ax = fig.add_axes((0, 0, 1, 1))
ax.set_xlim(0, 7.2)
ax.set_ylim(0, 2.6)
ax.set_axis_off()
ax.text(3.6, 1.3, "$f$\n\nlocal Jacobian\n$J_x^y$ (3 × 2)", ha="center",
        va="center", fontsize=11, color=INK, bbox={
            "boxstyle": "round,pad=0.5", "facecolor": "#e3f2fd", "edgecolor": INK})


def arrow(start, end, color, label, above):
    ax.annotate("", xy=end, xytext=start, arrowprops={
        "arrowstyle": "-|>", "color": color, "linewidth": 1.4})
    ax.text((start[0] + end[0]) / 2, start[1] + (0.12 if above else -0.12), label,
            ha="center", va="bottom" if above else "top", fontsize=10, color=color)


def vector(v):
    return "(" + ", ".join(f"{e:g}" for e in v.tolist()) + ")"


arrow((0.4, 1.7), (2.8, 1.7), INK, f"$x$ = {vector(x.detach())}", True)
arrow((4.4, 1.7), (6.8, 1.7), INK, f"$y$ = {vector(y.detach())}", True)
arrow((6.8, 0.9), (4.4, 0.9), GRAD,
      "upstream\n" + r"$\partial L / \partial y$ = " + vector(dy), False)
arrow((2.8, 0.9), (0.4, 0.9), GRAD,
      "downstream\n" + r"$J_x^y\, \partial L / \partial y$ = " + vector(dx), False)
# a fixed hash salt and no date: the same figure always gives the same file
with matplotlib.rc_context({"svg.hashsalt": "ml-notes", "svg.fonttype": "path"}):
    fig.savefig("one_node.svg", format="svg", metadata={"Date": None},
                bbox_inches="tight", pad_inches=0.1)
