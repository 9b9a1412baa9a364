# Draws the graph that L = exp(w x + b) records, read from L.grad_fn

import torch

w = torch.tensor(2.0, requires_grad=True)
b = torch.tensor(1.0, requires_grad=True)
x = torch.tensor(3.0)
L = (w * x + b).exp()
LEAVES = {id(w): "w", id(b): "b"}


def label(node):
    if node is None:
        return ["None", "x needs no gradient"]
    if hasattr(node, "variable"):
        return ["AccumulateGrad", f"adds into {LEAVES[id(node.variable)]}.grad"]
    return [type(node).__name__, ""]


def layout(node, depth, boxes, edges):
    """List node, then its inputs below it, one row each, indented one step
    per depth (a tree read top to bottom fits a phone's width). Each box is
    (label lines, row, depth); edges join box indices."""
    here = len(boxes)
    boxes.append((label(node), here, depth))
    for child, _ in getattr(node, "next_functions", ()):
        edges.append((here, len(boxes)))
        layout(child, depth + 1, boxes, edges)


boxes, edges = [], []
layout(L.grad_fn, 0, boxes, edges)
names = [lines[0] for lines, _, _ in boxes]
assert names == ["ExpBackward0", "AddBackward0", "MulBackward0",
                 "AccumulateGrad", "None", "AccumulateGrad"]

W, H, DX, DY, TOP = 180, 46, 40, 58, 62  # box size, indent, row spacing


def corner(box):
    """Top left corner of a box."""
    _, row, depth = box
    return 10 + depth * DX, TOP + row * DY


width = 20 + max(d for _, _, d in boxes) * DX + W
height = TOP + len(boxes) * DY - DY + H + 10
svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" '
       f'height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" '
       'font-family="sans-serif" font-size="15">',
       '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" '
       'markerWidth="7" markerHeight="7" orient="auto"><path '
       'd="M0,0 L10,5 L0,10 z" fill="#333"/></marker></defs>',
       f'<rect width="{width:.0f}" height="{height:.0f}" fill="white"/>',
       '<text x="10" y="22" fill="#333">L = exp(w·x + b), from L.grad_fn</text>',
       '<text x="10" y="44" fill="#333">arrows: next_functions</text>']
for parent, child in edges:  # down from the parent, then right into the child
    (x1, y1), (x2, y2) = corner(boxes[parent]), corner(boxes[child])
    svg.append(f'<path d="M{x1 + DX / 2:.0f},{y1 + H:.0f} V{y2 + H / 2:.0f} '
               f'H{x2:.0f}" fill="none" stroke="#333" stroke-width="1.5" '
               'marker-end="url(#arrow)"/>')
for lines, row, depth in boxes:
    x, y = corner((lines, row, depth))
    dashed = ' stroke-dasharray="5 4"' if lines[0] == "None" else ""
    fill = "#e8f0fe" if lines[0] == "AccumulateGrad" else "#f5f5f5"
    svg.append(f'<rect x="{x:.0f}" y="{y:.0f}" width="{W}" height="{H}" '
               f'rx="6" fill="{fill}" stroke="#333"{dashed}/>')
    top = y + H / 2 + (5 if not lines[1] else -4)
    svg.append(f'<text x="{x + W / 2:.0f}" y="{top:.0f}" text-anchor="middle" '
               f'fill="#111">{lines[0]}</text>')
    if lines[1]:
        svg.append(f'<text x="{x + W / 2:.0f}" y="{y + H / 2 + 15:.0f}" '
                   f'text-anchor="middle" font-size="14" fill="#333">'
                   f'{lines[1]}</text>')
svg.append("</svg>")
with open("recorded_graph.svg", "w", encoding="utf-8") as f:
    f.write("\n".join(svg) + "\n")
print(f'{len(boxes)} nodes, {len(edges)} edges: recorded_graph.svg')
