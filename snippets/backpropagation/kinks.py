# At a kink: what autograd picks, and what a central difference sees

import torch

h = 1e-6


def central(f, x, i):
    """(f(x + h e_i) - f(x - h e_i)) / 2h: the slope across the point."""
    step = torch.zeros_like(x)
    step[i] = h
    return ((f(x + step) - f(x - step)) / (2 * h)).item()


def autograd(f, x):
    x = x.clone().requires_grad_()
    f(x).backward()
    return x.grad


# A tie of two in max: PyTorch splits evenly, and so does the central difference
yz = torch.tensor([2.0, 2.0], dtype=torch.float64)
split = autograd(lambda v: torch.maximum(v[0], v[1]), yz)
seen = central(lambda v: torch.maximum(v[0], v[1]), yz, 0)
print(f'maximum(y, z) at y = z = 2: autograd {split.tolist()}, '
      f'central dy {seen:.6f}')
assert split.tolist() == [0.5, 0.5] and abs(seen - 0.5) < 1e-9

# ReLU at 0: autograd takes relu'(0) = 0, the central difference averages 0 and 1
zero = torch.tensor([0.0], dtype=torch.float64)
seen = central(torch.relu, zero, 0)
print(f"relu at 0: autograd {autograd(torch.relu, zero).item()}, "
      f"central {seen:.6f}")
assert autograd(torch.relu, zero).item() == 0.0 and abs(seen - 0.5) < 1e-9

# Reductions over a vector with a tie: which entries share the gradient
x = torch.tensor([1.0, 3.0, 3.0, 2.0], dtype=torch.float64)
even = torch.tensor([0.0, 0.5, 0.5, 0.0], dtype=torch.float64)
for name, f in [("max(x)", torch.max), ("amax(x)", torch.amax),
                ("amax(x, 0)", lambda v: torch.amax(v, 0))]:
    print(f'{name:<14} {autograd(f, x).tolist()}')
    assert torch.equal(autograd(f, x), even)
index = torch.max(x, 0).indices.item()
routed = autograd(lambda v: torch.max(v, 0).values, x)
print(f'max(x, 0)      {routed.tolist()}, all to the index it returns: {index}')
assert routed[index] == 1.0 and routed.sum() == 1.0

# A tie of three: the split gives 1/3 each, a central difference still 0.5
x3 = torch.tensor([3.0, 3.0, 3.0], dtype=torch.float64)
seen = central(torch.max, x3, 0)
print(f'max of (3, 3, 3): autograd {autograd(torch.max, x3)[0].item():.4f}, '
      f'central {seen:.6f}')
assert abs(autograd(torch.max, x3)[0].item() - 1 / 3) < 1e-15
assert abs(seen - 0.5) < 1e-9
