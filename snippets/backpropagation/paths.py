# Forward and reverse mode as sums over paths, on a graph with two inputs
# (x, y), a shared middle node (h = x·y) and two outputs (f = h + x, g = h·y)

import math

import matplotlib
import torch
from matplotlib.figure import Figure

# --8<-- [start:paths]
x, y = 2.0, 3.0
h = x * y
f, g = h + x, h * y
# each edge's local derivative, ∂child/∂parent, at these values
local = {("x", "h"): y, ("y", "h"): x, ("h", "f"): 1.0, ("x", "f"): 1.0,
         ("h", "g"): y, ("y", "g"): h}
order = ["x", "y", "h", "f", "g"]  # every edge goes left to right


def paths(start, end):
    """Every path from start to end, as a list of nodes."""
    if start == end:
        return [[end]]
    return [[start] + rest
            for (a, b) in local if a == start for rest in paths(b, end)]


# The chain rule: ∂out/∂in is the sum, over the paths from in to out,
# of the product of the local derivatives along the path.
path_sum = {}
for out in ("f", "g"):
    for inp in ("x", "y"):
        terms = []
        for path in paths(inp, out):
            product = math.prod(local[edge] for edge in zip(path, path[1:]))
            terms.append(product)
            print(f"  path {' → '.join(path)}: product {product:g}")
        path_sum[out, inp] = sum(terms)
        added = " + ".join(f"{t:g}" for t in terms)
        print(f"∂{out}/∂{inp} = {added} = {path_sum[out, inp]:g}")


def forward_sweep(inp):
    """Forward mode: seed ∂inp/∂inp = 1, then each node in order sums
    (local derivative × the value at its parent) over its in-edges.
    One sweep gives ∂(every node)/∂inp: one column, for one input."""
    dot = {node: float(node == inp) for node in order}
    for node in order:
        for (a, b), d in local.items():
            if b == node:
                dot[node] += d * dot[a]
    return dot


def reverse_sweep(out):
    """Reverse mode: seed ∂out/∂out = 1, then each node in reverse order sums
    (local derivative × the value at its child) over its out-edges.
    One sweep gives ∂out/∂(every node): one row, for one output."""
    bar = {node: float(node == out) for node in order}
    for node in reversed(order):
        for (a, b), d in local.items():
            if a == node:
                bar[node] += d * bar[b]
    return bar


forward = {inp: forward_sweep(inp) for inp in ("x", "y")}  # 2 sweeps: one per input
reverse = {out: reverse_sweep(out) for out in ("f", "g")}  # 2 sweeps: one per output
print("forward sweep for x:", {n: f"{v:g}" for n, v in forward["x"].items()})
print("reverse sweep for f:", {n: f"{v:g}" for n, v in reverse["f"].items()})

# autograd, the oracle: one backward per output
tx = torch.tensor(x, dtype=torch.float64, requires_grad=True)
ty = torch.tensor(y, dtype=torch.float64, requires_grad=True)
th = tx * ty
autograd = {}
for out, value in (("f", th + tx), ("g", th * ty)):
    gx, gy = torch.autograd.grad(value, (tx, ty), retain_graph=True)
    autograd[out, "x"], autograd[out, "y"] = gx.item(), gy.item()
same = all(path_sum[k] == forward[k[1]][k[0]] == reverse[k[0]][k[1]] == autograd[k]
           for k in path_sum)
print(f"path sums = forward sweeps = reverse sweeps = autograd: {same}")
assert same
# --8<-- [end:paths]

# --8<-- [start:drawing]
INK, GRAD, TANGENT, FAINT = "#1a1a1a", "#c62828", "#1565c0", "#767676"
AT = {"x": (0.5, 1.6), "y": (0.5, 0.4), "h": (2.0, 1.0),
      "f": (3.5, 1.6), "g": (3.5, 0.4)}


def panel(ax, title, values, color, seed, used):
    """The graph with each edge's local derivative; beside each node the
    value one sweep leaves there. Edges off the seed's paths are grey, dashed."""
    ax.set_xlim(0, 4.0)
    ax.set_ylim(-0.15, 2.75)
    ax.set_axis_off()
    ax.text(2.0, 2.72, title, ha="center", va="top", fontsize=11, color=INK)
    boxes = {n: ax.text(*AT[n], f"${n}$", ha="center", va="center",
                        fontsize=12, color=INK,
                        bbox={"boxstyle": "round,pad=0.3", "edgecolor": INK,
                              "facecolor": "#fff3e0" if n in "xy"
                              else "#e3f2fd"})
             for n in order}
    for (a, b), d in local.items():
        shade = INK if (a, b) in used else FAINT
        ax.annotate("", xy=AT[b], xytext=AT[a], arrowprops={
            "arrowstyle": "-|>", "color": shade, "linewidth": 1.2,
            "shrinkA": 2, "shrinkB": 2,
            "linestyle": "-" if (a, b) in used else (0, (4, 3)),
            "patchA": boxes[a].get_bbox_patch(),
            "patchB": boxes[b].get_bbox_patch()})
        mx, my = (AT[a][0] + AT[b][0]) / 2, (AT[a][1] + AT[b][1]) / 2
        under = (a, b) == ("y", "g")  # below its line, clear of h's value
        ax.text(mx, my + (-0.08 if under else 0.08), f"{d:g}", ha="center",
                va="top" if under else "bottom", fontsize=11, color=shade)
    for n in order:
        below = -0.22 if n != "x" and n != "f" else 0.22
        ax.text(AT[n][0], AT[n][1] + below, f"{values[n]:g}", ha="center",
                va="top" if below < 0 else "bottom", fontsize=11, color=color,
                fontweight="bold" if n == seed else "normal")


def on_paths(ends):
    """The edges of every path between the given (start, end) pairs."""
    return {edge for a, b in ends for path in paths(a, b)
            for edge in zip(path, path[1:])}


# Narrow enough for a phone: its smallest text stays at least 12 px there.
fig = Figure(figsize=(4.2, 5.8), facecolor="white")
top, bottom = fig.add_axes((0, 0.5, 1, 0.5)), fig.add_axes((0, 0, 1, 0.5))
panel(top, "forward mode, the sweep for x\n"
      "blue: ∂(node)/∂x, from the seed 1 at x\n"
      "black: local derivatives (grey, dashed: off x's paths)",
      forward["x"], TANGENT, "x", on_paths([("x", "f"), ("x", "g")]))
panel(bottom, "reverse mode, the sweep for f\n"
      "red: ∂f/∂(node), from the seed 1 at f\n"
      "black: local derivatives (grey, dashed: off f's paths)",
      reverse["f"], GRAD, "f", on_paths([("x", "f"), ("y", "f")]))
# a fixed hash salt and no date: the same figure always gives the same file
with matplotlib.rc_context({"svg.hashsalt": "ml-notes", "svg.fonttype": "path"}):
    fig.savefig("paths.svg", format="svg", metadata={"Date": None},
                bbox_inches="tight", pad_inches=0.1)
# --8<-- [end:drawing]
