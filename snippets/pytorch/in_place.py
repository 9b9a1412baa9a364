# In-place changes to a tensor backward still needs

import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x.exp()      # backward of exp needs its output y
print(f'version of y before: {y._version}')
y.add_(1)        # in place: y's version counter goes up
print(f'version of y after:  {y._version}')
try:
    y.sum().backward()
    message = None
except RuntimeError as err:
    message = str(err)
said = "is at version 1; expected version 0 instead"
assert "modified by an inplace operation" in message and said in message
print('backward: RuntimeError: one of the variables needed for gradient')
print('  computation has been modified by an inplace operation: ...')
print(f'  ... {said}.')
