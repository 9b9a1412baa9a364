# Draw a graph built with engine.py: leaves in boxes, operations in circles,
# one arrow per edge. Save it as draw_graph.py next to engine.py.
# Every part of the figure gets an id (matplotlib's gid), and the figure's
# description lists the steps of the forward and the backward pass: the parts
# each step shows and lights up, and a caption naming the rule. The page plays
# the steps (docs/javascripts/stepper.js); the file alone shows every part.

import json
from pathlib import Path

import matplotlib
import numpy as np
from matplotlib.figure import Figure

INK, GRAD = "#1a1a1a", "#c62828"  # forward values in ink, gradients in red
# The backward rule of each operation of engine.py, as the note names it
RULES = {"+": "add distributes", "×": "multiply swaps", "max": "max routes",
         "@": "matrix product: upstream times the other input, transposed",
         "relu": "ReLU masks: it passes where the input is positive",
         "σ": "sigmoid scales by σ(1 - σ)", "tanh": "tanh scales by 1 - tanh²",
         "log": "log divides by its input",
         "sum": "sum copies it to every entry",
         "softmax": "softmax gives p ⊙ (p̄ - <p, p̄>)"}


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
        column[id(node)] = 1 + max((column[id(p)] for p in node.parents
                                    if p.parents), default=0)
    for leaf in leaves:
        column[id(leaf)] = min(column[id(use)] for use in uses[id(leaf)]) - 1
    side = [leaf for leaf in leaves if all(any(p.parents for p in use.parents)
                                           for use in uses[id(leaf)])]
    main = [leaf for leaf in leaves if leaf not in side]
    for i, leaf in enumerate(main):
        row[id(leaf)] = -i
    for node in ops:
        row[id(node)] = np.mean([row[id(p)] for p in node.parents
                                 if p not in side])
    for leaf in side:
        row[id(leaf)] = row[id(uses[id(leaf)][0])] + 1
    return order, column, row


def draw_graph(root, edge_label, path, title, down=False, says="{} = {}",
               constants=()):
    """Write the graph ending at `root` to `path` (SVG), flowing right (or down).
    `edge_label(tensor, grad)` gives the two texts of the edge carrying `tensor`
    forward and sending `grad`, its share of the gradient, back. A caption
    says a value as `says.format(name, text)` ("{}: {}" suits a shape).
    `constants` (a label, say) and the numbers in the graph get no gradient."""
    order, column, row = layout(root)
    step = (0, -0.9) if down else (1.0, 0)
    # flowing down, side inputs sit far enough left for two labels per edge
    x = {key: step[0] * c + (-1.3 * row[key] if down else 0)
         for key, c in column.items()}
    y = {key: step[1] * c + (0 if down else 1.1 * row[key])
         for key, c in column.items()}
    out = (x[id(root)] + step[0], y[id(root)] + step[1])
    side = 0.5 if down else 0.3  # room for the boxes and labels at the sides
    left, right = min(x.values()) - side, max(*x.values(), out[0]) + side
    bottom = min(*y.values(), out[1]) - 0.45
    top = max(y.values()) + 0.6 + 0.3 * (title.count("\n") + 1)  # the title
    fig = Figure(figsize=(right - left, top - bottom), facecolor="white")
    fig.patch.set_gid(f"{Path(path).stem}-background")
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(left, right)
    ax.set_ylim(bottom, top)
    ax.set_axis_off()
    ax.text((left + right) / 2, top - 0.25, title, ha="center", va="top",
            fontsize=12, color=INK)

    constant = {id(node) for node in order if not node.parents and (
        any(node is c for c in constants) or is_number(node.name))}
    graph = Graph(root, order, edge_label, Path(path).stem, says, constant)
    at = {id(node): (x[id(node)], y[id(node)]) for node in order}
    box = {}  # each node's text with its box: arrows end at the box's edge
    for node in order:
        leaf = not node.parents
        box[id(node)] = ax.text(
            *at[id(node)], node.name if leaf else node.op, ha="center",
            va="center", fontsize=12, color=INK, gid=graph.id("node", node),
            bbox={"boxstyle": "square,pad=0.35" if leaf else "round,pad=0.35",
                  "facecolor": "#fff3e0" if leaf else "#e3f2fd",
                  "edgecolor": INK})
    box["out"] = ax.text(*out, root.name or "L", ha="center", va="center",
                         fontsize=12, color=INK, bbox={"boxstyle": "square,pad=0.35",
                                                       "facecolor": "none",
                                                       "edgecolor": "none"})
    for node, k, parent, labels in graph.edges:
        edge(ax, (box[id(parent)], box[id(node)]), labels,
             graph.edge_ids(node, k), at=0.3 if down and not parent.parents else 0.5)
    edge(ax, (box[id(root)], box["out"]), graph.out_labels,
         graph.edge_ids(root, "out"))
    for node in order:
        if len(graph.uses[id(node)]) > 1:  # a fork: the sum of its shares
            ax.annotate(graph.totals[id(node)], at[id(node)], xytext=(0, -16),
                        textcoords="offset points", fontsize=10, color=GRAD,
                        ha="center", va="top", gid=graph.id("total", node))
    # The steps travel in the figure's description, so no other file is needed.
    description = json.dumps(graph.steps(), ensure_ascii=False, indent=0)
    # a fixed hash salt and no date: the same graph always gives the same file
    svg = {"svg.hashsalt": "ml-notes", "svg.fonttype": "path"}
    with matplotlib.rc_context(svg):
        fig.savefig(path, format="svg", bbox_inches="tight", pad_inches=0.2,
                    metadata={"Date": None, "Description": description})


def edge(ax, ends, labels, ids, at=0.5):
    """An arrow between two nodes' boxes, with the forward label on its left
    (seen along the arrow: above an arrow to the right) and the gradient label
    on its right, `at` of the way along. Each label sits on its side of the
    line with the corner nearest the line just clear of it, so no label
    touches its line, whatever the slope."""
    start, end = (np.array(text.get_position()) for text in ends)
    arrow = ax.annotate("", xy=end, xytext=start, arrowprops={
        "arrowstyle": "-|>", "color": INK, "shrinkA": 2, "shrinkB": 2,
        "linewidth": 1.2, "patchA": ends[0].get_bbox_patch(),
        "patchB": ends[1].get_bbox_patch()})
    arrow.arrow_patch.set_gid(ids[0])
    along = start + at * (end - start)
    normal = np.array([start[1] - end[1], end[0] - start[0]])  # to the left
    normal /= np.hypot(*normal)
    for text, side, color, gid in zip(labels, (1, -1), (INK, GRAD), ids[1:]):
        if text is None:  # a constant sends no gradient back
            continue
        nx, ny = side * normal
        ha = "center" if abs(nx) < 0.15 else ("left" if nx > 0 else "right")
        va = "center" if abs(ny) < 0.3 else ("bottom" if ny > 0 else "top")
        ax.annotate(text, along, xytext=5 * side * normal,
                    textcoords="offset points", fontsize=10, color=color,
                    gid=gid, ha=ha, va=va)


def is_number(name):
    try:
        float(name)
    except ValueError:
        return False
    return True


class Graph:
    """The labels of a graph's edges and the steps that show them: forward in
    topological order, backward in reverse order."""

    def __init__(self, root, order, edge_label, prefix, says, constant=()):
        self.root, self.order, self.prefix, self.says = root, order, prefix, says
        self.constant = constant  # ids of the nodes that get no gradient
        self.index = {id(node): i for i, node in enumerate(order)}
        self.uses = {id(node): [] for node in order}  # (node, slot) per use
        self.edges = []  # (node, slot, parent, (forward text, gradient text))
        for node in order:
            shares = node.local_backward(node.grad) if node.parents else ()
            for k, (parent, grad) in enumerate(zip(node.parents, shares)):
                self.uses[id(parent)].append((node, k))
                value, share = edge_label(parent, grad)
                if id(parent) in constant:
                    share = None  # a constant gets no gradient label
                self.edges.append((node, k, parent, (value, share)))

        self.out_labels = edge_label(root, root.grad)
        self.uses[id(root)].append((root, "out"))
        self.labels = {}  # the text of every label, by its id
        edges = [(node, k, texts) for node, k, _, texts in self.edges]
        for node, k, texts in edges + [(root, "out", self.out_labels)]:
            _, value, grad = self.edge_ids(node, k)
            self.labels[value] = texts[0]
            if texts[1] is not None:
                self.labels[grad] = texts[1]
        # a node's whole gradient, shown where it is the sum of several shares
        self.totals = {id(node): edge_label(node, node.grad)[1] for node in order}
        for node in order:
            if len(self.uses[id(node)]) > 1:
                self.labels[self.id("total", node)] = self.totals[id(node)]

    def id(self, kind, node, slot=None):
        """The id of a part: "<figure>-node3"; "-value3_0": input 0 of node 3."""
        number = f"{self.index[id(node)]}" + ("" if slot is None else f"_{slot}")
        return f"{self.prefix}-{kind}{number}"

    def edge_ids(self, node, slot):
        """The arrow of the edge into `node` at input `slot`, its forward label
        and its gradient label (slot "out": the edge out of the root)."""
        return tuple(self.id(kind, node, slot)
                     for kind in ("arrow", "value", "grad"))

    def name(self, node, inner=False):
        """A node's name, or the expression that makes it from its inputs."""
        if node.name:
            return node.name
        if node.op in ("+", "×", "@"):
            a, b = (self.name(parent, inner=True) for parent in node.parents)
            return f"({a} {node.op} {b})" if inner else f"{a} {node.op} {b}"
        return f"{node.op}({', '.join(map(self.name, node.parents))})"

    def out_edges(self, node):
        return [self.edge_ids(use, k) for use, k in self.uses[id(node)]]

    def upstream(self, node):
        """The label showing the gradient a node's backward rule starts from."""
        if len(self.uses[id(node)]) > 1:
            return self.id("total", node)
        return self.out_edges(node)[0][2]

    def steps(self):
        steps = [step("The graph: Next (or →) runs the forward pass.", [], [])]
        leaves = [node for node in self.order if not node.parents]
        steps.append(self.forward(leaves, "the leaves "))
        for node in self.order:
            if node.parents:
                steps.append(self.forward([node], f"{node.op} gives "))
        root = self.name(self.root)
        seed = self.out_edges(self.root)[0][2]
        steps.append(step(f"Backward: the seed ∂{root}/∂{root} = "
                          f"{self.labels[seed]}.", [seed], [seed]))
        for node in reversed(self.order):
            if len(self.uses[id(node)]) > 1:
                steps.append(self.fork(node))
            if node.parents:
                steps.append(self.backward(node))
        nodes = [{"name": node.name, "op": node.op,
                  "parents": [self.index[id(p)] for p in node.parents]}
                 for node in self.order]
        return {"nodes": nodes, "labels": self.labels, "steps": steps}

    def forward(self, nodes, what):
        """Nodes light up as their values are computed; each value appears on
        the edges out of its node."""
        shown = [ids[1] for node in nodes for ids in self.out_edges(node)]
        said = ", ".join(self.says.format(self.name(node),
                                          self.labels[self.out_edges(node)[0][1]])
                         for node in nodes)
        arrows = [ids[0] for node in nodes for ids in self.out_edges(node)]
        lit = [self.id("node", node) for node in nodes] + arrows + shown
        return step(f"Forward: {what}{said}.", shown, lit)

    def backward(self, node):
        """The upstream gradient arrives; each input edge sends its share back."""
        into = [self.edge_ids(node, k) for k, parent in enumerate(node.parents)
                if id(parent) not in self.constant]
        shown = [ids[2] for ids in into]
        rule = RULES[node.op]
        if node.op in ("+", "×") and any(parent.shape != node.shape
                                         for parent in node.parents):
            rule += ", summed where it was broadcast"
        gets = ", ".join(f"{self.name(parent)} gets {self.labels[ids[2]]}"
                         for parent, ids in zip(
                             [p for p in node.parents if id(p) not in self.constant],
                             into))
        upstream = self.upstream(node)
        lit = [self.id("node", node), upstream, *(ids[0] for ids in into), *shown]
        return step(f"Backward through {node.op}, {rule}: "
                    f"{self.labels[upstream]} arrives; {gets}.", shown, lit)

    def fork(self, node):
        """A node used twice or more: the shares of its uses add up."""
        # the shares in the order they came: backward visits the uses last first
        shares = [ids[2] for ids in reversed(self.out_edges(node))]
        total = self.id("total", node)
        terms = " + ".join(self.labels[share] for share in shares)
        return step(f"Gradients add at a fork: {self.name(node)} gets {terms} = "
                    f"{self.labels[total]}.", [total],
                    [self.id("node", node), total] + shares)


def step(caption, show, lit):
    return {"caption": caption, "show": show, "lit": lit}
