# nn.Module registers parameters; parameters() hands them to the optimizer

import torch
from torch import nn


class ScaledLinear(nn.Module):
    """y = s (x W^T + b): a linear layer, then a learned scale s."""

    def __init__(self, d_in, d_out):
        super().__init__()
        self.linear = nn.Linear(d_in, d_out)      # a submodule: W and b
        self.scale = nn.Parameter(torch.ones(1))  # a Parameter: registered
        self.register_buffer("shift", torch.zeros(1))  # saved, not learned
        self.note = torch.zeros(1)                # a plain tensor: ignored

    def forward(self, x):
        return self.scale * self.linear(x) + self.shift


torch.manual_seed(0)
model = ScaledLinear(3, 2)
for name, p in model.named_parameters():
    print(f'{name:14} {tuple(p.shape)}, requires_grad={p.requires_grad}, '
          f'leaf={p.is_leaf}')
print(f'state_dict keys: {list(model.state_dict())}')
assert [n for n, _ in model.named_parameters()] == [
    "scale", "linear.weight", "linear.bias"]
assert "shift" in model.state_dict() and "note" not in model.state_dict()

# The optimizer holds the very tensors parameters() yields, not copies.
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
held = optimizer.param_groups[0]["params"]
same = all(a is b for a, b in zip(held, model.parameters()))
print(f'optimizer holds {len(held)} tensors, the model\'s own: {same}')
assert same and len(held) == 3

model(torch.ones(4, 3)).pow(2).mean().backward()
before = model.scale.detach().clone()
optimizer.step()  # updates each held tensor in place, from its .grad
assert torch.equal(model.scale.detach(), before - 0.1 * model.scale.grad)
print(f'after step(): scale {before.item()} -> {model.scale.item():.4f}, '
      f'shift {model.shift.item()} (a buffer: not stepped)')
