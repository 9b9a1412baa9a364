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


def layout(node, depth, column, boxes, edges):
    """Place node at depth (row) and its inputs below it; return the next free
    column. Each box is (label lines, row, column); edges join box indices."""
    children = [n for n, _ in getattr(node, "next_functions", ())]
    here = len(boxes)
    boxes.append(None)
    start = column
    for child in children:
        edges.append((here, len(boxes)))
        column = layout(child, depth + 1, column, boxes, edges)
    centre = (start + column - 1) / 2 if children else column
    boxes[here] = (label(node), depth, centre)
    return column + (0 if children else 1)


boxes, edges = [], []
layout(L.grad_fn, 0, 0, boxes, edges)
names = [lines[0] for lines, _, _ in boxes]
assert names == ["ExpBackward0", "AddBackward0", "MulBackward0",
                 "AccumulateGrad", "None", "AccumulateGrad"]

W, H, DX, DY = 190, 46, 215, 70  # box size, spacing


def centre(box):
    _, row, column = box
    return 20 + column * DX + W / 2, 72 + row * DY


width = 40 + (max(c for _, _, c in boxes) + 1) * DX - (DX - W)
height = 72 + (max(r for _, r, _ in boxes) + 1) * DY - DY + H / 2 + 20
svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" '
       f'height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" '
       'font-family="sans-serif" font-size="15">',
       '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" '
       'markerWidth="7" markerHeight="7" orient="auto"><path '
       'd="M0,0 L10,5 L0,10 z" fill="#333"/></marker></defs>',
       f'<rect width="{width:.0f}" height="{height:.0f}" fill="white"/>',
       '<text x="20" y="20" fill="#333">L = exp(w·x + b), seen from '
       'L.grad_fn; arrows: next_functions</text>']
for parent, child in edges:
    (x1, y1), (x2, y2) = centre(boxes[parent]), centre(boxes[child])
    svg.append(f'<line x1="{x1:.0f}" y1="{y1 + H / 2:.0f}" x2="{x2:.0f}" '
               f'y2="{y2 - H / 2:.0f}" stroke="#333" stroke-width="1.5" '
               'marker-end="url(#arrow)"/>')
for lines, row, column in boxes:
    cx, cy = centre((lines, row, column))
    dashed = ' stroke-dasharray="5 4"' if lines[0] == "None" else ""
    fill = "#e8f0fe" if lines[0] == "AccumulateGrad" else "#f5f5f5"
    svg.append(f'<rect x="{cx - W / 2:.0f}" y="{cy - H / 2:.0f}" width="{W}" '
               f'height="{H}" rx="6" fill="{fill}" stroke="#333"{dashed}/>')
    top = cy + (5 if not lines[1] else -4)
    svg.append(f'<text x="{cx:.0f}" y="{top:.0f}" text-anchor="middle" '
               f'fill="#111">{lines[0]}</text>')
    if lines[1]:
        svg.append(f'<text x="{cx:.0f}" y="{cy + 15:.0f}" text-anchor="middle"'
                   f' font-size="13" fill="#333">{lines[1]}</text>')
svg.append("</svg>")
with open("recorded_graph.svg", "w", encoding="utf-8") as f:
    f.write("\n".join(svg) + "\n")
print(f'{len(boxes)} nodes, {len(edges)} edges: recorded_graph.svg')
