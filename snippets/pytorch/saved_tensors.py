# What a node saves for its backward pass: only what a gradient needs

import torch
from torch.autograd.graph import saved_tensors_hooks

w = torch.tensor(2.0, requires_grad=True)
v = torch.tensor(5.0, requires_grad=True)
c = torch.tensor(3.0)  # a constant: no gradient wanted
names = {id(w): "w", id(v): "v", id(c): "c"}
saved = []


def pack(t):  # called with each tensor a node saves, as it saves it
    saved.append(names.get(id(t), "its output"))
    return t


found = {}
with saved_tensors_hooks(pack, lambda t: t):
    for text, expression in [("w * c", lambda: w * c), ("w * v", lambda: w * v),
                             ("w + c", lambda: w + c), ("w.exp()", w.exp)]:
        saved.clear()
        expression()
        found[text] = sorted(saved)
        print(f'{text:8} saves: {", ".join(found[text]) or "nothing"}')
# d(wc)/dw = c and d(wc)/dc = w: w is kept only if c needs a gradient
assert found == {"w * c": ["c"], "w * v": ["v", "w"], "w + c": [],
                 "w.exp()": ["its output"]}
