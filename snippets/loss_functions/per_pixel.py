# Beyond (N, C): a class per pixel, the classes in dimension 1

import torch
import torch.nn.functional as F

torch.manual_seed(0)
N, C, H, W = 2, 3, 4, 5
logits = torch.randn(N, C, H, W)         # C scores for every pixel
target = torch.randint(0, C, (N, H, W))  # a class index for every pixel
per_pixel = F.cross_entropy(logits, target, reduction="none")
print(f'logits {tuple(logits.shape)}, target {tuple(target.shape)}: '
      f"'none' gives {tuple(per_pixel.shape)}")

# The same as N * H * W rows of C logits:
rows = logits.permute(0, 2, 3, 1).reshape(-1, C)
mean = F.cross_entropy(logits, target)
print(f"'mean' over {N * H * W} pixels {mean:.4f} = as rows "
      f'{F.cross_entropy(rows, target.reshape(-1)):.4f}')
assert per_pixel.shape == (N, H, W)
assert torch.isclose(mean, F.cross_entropy(rows, target.reshape(-1)))

try:  # channels last: the classes must be dimension 1
    F.cross_entropy(logits.permute(0, 2, 3, 1), target)
    message = None
except RuntimeError as err:
    message = str(err)
assert message.startswith("size mismatch")
print(f'logits (N, H, W, C): RuntimeError:\n  {message}')
