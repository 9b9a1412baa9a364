# The gate example on the engine, drawn from its own graph

import torch
from draw_graph import draw_graph
from engine import Tensor

x, y, z = Tensor(1.0, name="x"), Tensor(3.0, name="y"), Tensor(2.0, name="z")
q = x + y
m = y.maximum(z)
f = q * m
q.name, m.name, f.name = "q", "m", "f"  # the names the figure's captions use
f.backward()
print(f'engine: f = {f.data}, dx = {x.grad}, dy = {y.grad}, dz = {z.grad}')

# Upper label: the value the edge carries forward;
# lower: the gradient it sends back.
draw_graph(f, lambda t, grad: (f"{t.data:g}", f"{grad:g}"), "gate_graph.svg",
           "f = (x + y) · max(y, z)\nvalues in black, gradients in red")

tx, ty, tz = (torch.tensor(t.data, requires_grad=True) for t in (x, y, z))
((tx + ty) * torch.maximum(ty, tz)).backward()
assert [t.grad.item() for t in (tx, ty, tz)] == [t.grad for t in (x, y, z)]
