# Tensors: shape, dtype, device

import torch

x = torch.tensor([1.0, 2.0, 3.0])  # a 1-D tensor: just n numbers
col = x.reshape(3, 1)              # a 3 x 1 column, the notes' "vector"
print(f'x: shape {tuple(x.shape)}, dtype {x.dtype}, device {x.device}')
print(f'col: shape {tuple(col.shape)}, col @ col.T: {tuple((col @ col.T).shape)}'
      f', x @ x (a dot product): {(x @ x).item()}')
print(f'float64 on request: {torch.tensor([1.0], dtype=torch.float64).dtype}')
assert x.dtype == torch.get_default_dtype() == torch.float32
assert (col @ col.T).shape == (3, 3) and (x @ x).item() == 14
