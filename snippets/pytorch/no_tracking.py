# Turning tracking off, and how no_grad and inference_mode differ

import torch

w = torch.tensor([1.0, 2.0], requires_grad=True)
with torch.no_grad():
    a = w * 2
with torch.inference_mode():
    b = w * 2
d = w.detach()  # same numbers, no history: shares memory with w
dropout = torch.nn.Dropout(0.5).eval()  # eval(): dropout off, tracking on
for name, t in [("no_grad", a), ("inference_mode", b), ("detach", d),
                ("dropout after eval()", dropout(w))]:
    print(f'{name + ":":21} requires_grad={t.requires_grad}')
assert not (a.requires_grad or b.requires_grad or d.requires_grad)
assert d.data_ptr() == w.data_ptr() and dropout(w).requires_grad
assert torch.equal(dropout(w), w)

# A tensor made under inference_mode can never be saved for a backward pass
# (w * b would save b, for w's gradient); one made under no_grad can.
(w * a).sum().backward()
print(f'w * a, a from no_grad: backward works, w.grad = {w.grad}')
try:
    (w * b).sum().backward()
    message = None
except RuntimeError as err:
    message = str(err)
said = "Inference tensors cannot be saved for backward."
assert message.startswith(said) and not a.is_inference() and b.is_inference()
print(f'w * b, b from inference_mode: RuntimeError:\n  {said}')
