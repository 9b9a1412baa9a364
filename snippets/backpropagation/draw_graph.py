# Draw a graph built with engine.py: leaves in boxes, operations in circles,
# one arrow per edge. Save it as draw_graph.py next to engine.py.

import matplotlib
import numpy as np
from matplotlib.figure import Figure

INK, GRAD = "#1a1a1a", "#c62828"  # forward values in ink, gradients in red


def layout(root):
    """Columns follow the data: an operation sits one column right of its last
    operation parent, a leaf just left of its first use. Leaves that only feed
    the next step of a chain (a weight, a bias) go above the chain."""
    order = root.topological_order()
    uses = {id(node): [] for node in order}
    for node in order:
        for parent in node.parents:
            uses[id(parent)].append(node)
    ops = [node for node in order if node.parents]
    leaves = [node for node in order if not node.parents]
    column, row = {}, {}
    for node in ops:
        column[id(node)] = 1 + max((column[id(p)] for p in node.parents if p.parents), default=0)
    for leaf in leaves:
        column[id(leaf)] = min(column[id(use)] for use in uses[id(leaf)]) - 1
    side = [leaf for leaf in leaves if all(any(p.parents for p in use.parents) for use in uses[id(leaf)])]
    main = [leaf for leaf in leaves if leaf not in side]
    for i, leaf in enumerate(main):
        row[id(leaf)] = -i
    for node in ops:
        row[id(node)] = np.mean([row[id(p)] for p in node.parents if p not in side])
    for leaf in side:
        row[id(leaf)] = row[id(uses[id(leaf)][0])] + 1
    return order, column, row


def draw_graph(root, edge_label, path, title, down=False):
    """Write the graph ending at `root` to `path` (SVG), flowing right (or down).
    `edge_label(tensor, grad)` gives the two texts of the edge carrying `tensor`
    forward and sending `grad`, its share of the gradient, back."""
    order, column, row = layout(root)
    step = (0, -0.9) if down else (1.6, 0)
    # flowing down, side inputs sit far enough left for two labels per edge
    x = {key: step[0] * c + (-2.4 * row[key] if down else 0) for key, c in column.items()}
    y = {key: step[1] * c + (0 if down else 1.1 * row[key]) for key, c in column.items()}
    out = (x[id(root)] + step[0], y[id(root)] + step[1])
    left, right = min(x.values()) - 0.9, max(*x.values(), out[0]) + 0.9
    bottom = min(*y.values(), out[1]) - 0.6
    top = max(y.values()) + 0.6 + 0.3 * (title.count("\n") + 1)  # room for the title
    fig = Figure(figsize=(right - left, top - bottom), facecolor="white")
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(left, right)
    ax.set_ylim(bottom, top)
    ax.set_axis_off()
    ax.text((left + right) / 2, top - 0.25, title, ha="center", va="top", fontsize=12, color=INK)

    for node in order:
        if node.parents:
            for parent, grad in zip(node.parents, node.local_backward(node.grad)):
                edge(ax, (x[id(parent)], y[id(parent)]), (x[id(node)], y[id(node)]),
                     edge_label(parent, grad), down)
    edge(ax, (x[id(root)], y[id(root)]), out, edge_label(root, root.grad), down)
    ax.text(*out, root.name or "L", ha="center", va="center", fontsize=12, color=INK)
    for node in order:
        leaf = not node.parents
        ax.text(x[id(node)], y[id(node)], node.name if leaf else node.op, ha="center", va="center",
                fontsize=12, color=INK, bbox={"boxstyle": "square,pad=0.35" if leaf else "round,pad=0.35",
                                              "facecolor": "#fff3e0" if leaf else "#e3f2fd",
                                              "edgecolor": INK})
    # a fixed hash salt and no date: the same graph always gives the same file
    with matplotlib.rc_context({"svg.hashsalt": "ml-notes", "svg.fonttype": "path"}):
        fig.savefig(path, format="svg", metadata={"Date": None}, bbox_inches="tight", pad_inches=0.2)


def edge(ax, start, end, labels, down):
    """An arrow with the forward label above it (or right of it, flowing down)
    and the gradient label below it (or left of it)."""
    ax.annotate("", xy=end, xytext=start, arrowprops={
        "arrowstyle": "-|>", "color": INK, "shrinkA": 14, "shrinkB": 14, "linewidth": 1.2})
    middle = ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2)
    for text, sign, color in zip(labels, (1, -1), (INK, GRAD)):
        offset = (5 * sign, 0) if down else (0, 4 * sign)
        ax.annotate(text, middle, xytext=offset, textcoords="offset points", fontsize=10, color=color,
                    ha=("left" if sign > 0 else "right") if down else "center",
                    va="center" if down else ("bottom" if sign > 0 else "top"))
