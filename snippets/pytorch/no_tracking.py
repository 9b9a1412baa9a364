# Turning tracking off, and how no_grad and inference_mode differ

import textwrap

import torch

w = torch.tensor([1.0, 2.0], requires_grad=True)

with torch.no_grad():
    a = w * 2
with torch.inference_mode():
    b = w * 2
d = w.detach()  # same numbers, no history: shares memory with w
frozen = torch.tensor([1.0, 2.0], requires_grad=True).requires_grad_(False)
dropout = torch.nn.Dropout(0.5).eval()  # eval(): dropout off, tracking on
results = [("no_grad", a), ("inference_mode", b), ("detach", d),
           ("requires_grad_(False)", frozen * 2), ("after eval()", dropout(w))]
for name, t in results:
    print(f'{name + ":":22} requires_grad={t.requires_grad}')
assert not any(t.requires_grad for _, t in results[:4])
assert d.data_ptr() == w.data_ptr() and dropout(w).requires_grad
assert torch.equal(dropout(w), w)
print(f'detach shares memory with w: {d.data_ptr() == w.data_ptr()}')
print(f'dropout after eval() passes w unchanged: {torch.equal(dropout(w), w)}')

# The difference: a tensor made under inference_mode can never be saved for a
# backward pass later (mul saves its inputs); one made under no_grad can.
print(f'a.is_inference(): {a.is_inference()}')
print(f'b.is_inference(): {b.is_inference()}')
try:
    b._version
    untracked = None
except RuntimeError as err:
    untracked = err  # no version counter: the bookkeeping inference_mode skips
assert untracked is not None
print(f'b._version: {type(untracked).__name__}: {untracked}')
(w * a).sum().backward()
print(f'w * a after no_grad: backward works, w.grad = {w.grad}')
try:
    (w * b).sum().backward()
    failed = None
except RuntimeError as err:
    failed = err
assert failed is not None and not a.is_inference() and b.is_inference()
message = f'w * b after inference_mode: {type(failed).__name__}: {failed}'
print(textwrap.fill(message, 80, subsequent_indent='  '))
