# In-place changes to a tensor backward still needs

import textwrap

import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x.exp()      # backward of exp needs its output y
print(f'version of y before: {y._version}')
y.add_(1)        # in place: y's version counter goes up
print(f'version of y after:  {y._version}')
try:
    y.sum().backward()
    failed = None
except RuntimeError as err:
    failed = err
assert failed is not None and y._version == 1
print(textwrap.fill(f'{type(failed).__name__}: {failed}', 80))
