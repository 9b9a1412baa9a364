# .T on a 1-D tensor does nothing, and PyTorch says so

import textwrap
import warnings

import torch

x = torch.tensor([1.0, 2.0, 3.0])
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    same = x.T
print(f'x.T shape: {tuple(same.shape)} (x is {tuple(x.shape)})')
assert same.shape == x.shape and "will throw an error" in str(caught[0].message)
first_sentence = str(caught[0].message).split(". ")[0] + "."
print(textwrap.fill(f'{caught[0].category.__name__}: {first_sentence}', 80))

# Say what you mean instead:
column, row = x[:, None], x[None, :]
print(f'as a column: {tuple(column.shape)}, as a row: {tuple(row.shape)}')
print(f'row.mT (the last two dimensions swapped): {tuple(row.mT.shape)}')
assert column.shape == row.mT.shape == (3, 1) and row.shape == (1, 3)
