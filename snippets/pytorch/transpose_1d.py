# .T on a 1-D tensor: no column, and a warning

import warnings

import torch

warnings.simplefilter("error")  # a warning becomes an exception we can print

x = torch.tensor([1.0, 2.0, 3.0])
try:
    x.T
    warned = None
except UserWarning as warning:
    warned = str(warning)
said = "is deprecated and it will throw an error"
assert x.t().shape == x.shape and said in warned
print(f'x.t(): shape {tuple(x.t().shape)}, unchanged')
print(f'x.T: UserWarning: ... {said} ...')

column, row = x[:, None], x[None, :]  # say what you mean instead
print(f'x[:, None]: {tuple(column.shape)}, x[None, :]: {tuple(row.shape)}, '
      f'x[None, :].mT: {tuple(row.mT.shape)}')
assert column.shape == row.mT.shape == (3, 1) and row.shape == (1, 3)
