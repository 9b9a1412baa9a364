# Which loss for which problem, called with what each expects

import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits, labels = torch.randn(4, 3), torch.tensor([0, 2, 1, 2])  # N 4, C 3
multi_hot = torch.tensor([[1.0, 0, 1], [0, 0, 0], [0, 1, 1], [1, 1, 1]])
z, y = torch.randn(4), torch.tensor([1.0, 0.0, 0.0, 1.0])
bce = F.binary_cross_entropy_with_logits
for name, loss, output, target in [
        ("regression", F.mse_loss, torch.randn(4), torch.randn(4)),
        ("binary", bce, z, y), ("multi-class", F.cross_entropy, logits, labels),
        ("multi-label", bce, logits, multi_hot),
        ("margin", F.multi_margin_loss, logits, labels)]:
    kind = "float" if target.is_floating_point() else "long"
    print(f'{name:11} output {tuple(output.shape)}, target '
          f'{tuple(target.shape)} {kind}: {loss.__name__}')
    assert loss(output, target).shape == ()

# Two mistakes that raise nothing: probabilities where logits are expected.
right = F.cross_entropy(logits, labels)
twice = F.cross_entropy(logits.softmax(dim=1), labels)  # softmax twice
print(f'cross_entropy on logits {right:.4f}, on softmax output {twice:.4f}')
print(f'BCE with logits on logits {bce(z, y):.4f}, on sigmoid output '
      f'{bce(z.sigmoid(), y):.4f}')
assert not torch.isclose(right, twice)
assert not torch.isclose(bce(z, y), bce(z.sigmoid(), y))
