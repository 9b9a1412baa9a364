# .T on a 1-D tensor does nothing, and PyTorch says so

import warnings

import torch


def first_sentence(message):
    return str(message).split(". ")[0] + "."


x = torch.tensor([1.0, 2.0, 3.0])
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    same = x.T
print(f'x.T shape: {tuple(same.shape)} (x is {tuple(x.shape)})')
for warning in caught:
    print(f'{warning.category.__name__}: {first_sentence(warning.message)}')

# Say what you mean instead:
print(f'as a column: {tuple(x[:, None].shape)}, as a row: {tuple(x[None, :].shape)}')
