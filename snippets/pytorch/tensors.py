# Tensors: shape, dtype, device

import torch

x = torch.tensor([1.0, 2.0, 3.0])  # a 1-D tensor: just n numbers
col = x.reshape(3, 1)              # a 3 x 1 column, the note's "vector"
row = x.reshape(1, 3)              # a 1 x 3 row
print(f'x: shape {tuple(x.shape)}, dtype {x.dtype}, device {x.device}')
print(f'col: shape {tuple(col.shape)}, row: shape {tuple(row.shape)}')
print(f'default float dtype: {torch.get_default_dtype()}')
print(f'float64 on request: {torch.tensor([1.0], dtype=torch.float64).dtype}')
assert x.dtype == torch.get_default_dtype() == torch.float32

# Products say what they mean by their shapes.
print(f'x @ x   (dot product):   {(x @ x).item()}')
print(f'col @ row (outer product), shape {tuple((col @ row).shape)}')
print(f'row @ col (1 x 1),         shape {tuple((row @ col).shape)}')
assert (x @ x).item() == 14
assert (col @ row).shape == (3, 3) and (row @ col).shape == (1, 1)
