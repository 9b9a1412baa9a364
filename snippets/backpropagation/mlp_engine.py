# The same MLP on the engine, checked against autograd and drawn with its shapes

import numpy as np
import torch
from draw_graph import draw_graph
from engine import Tensor

rng = np.random.default_rng(0)
N, D, H, C = 4, 3, 5, 3
X = Tensor(rng.normal(size=(N, D)), name="X")
labels = rng.integers(C, size=N)
Y = Tensor(np.eye(C)[labels], name="Y")
W1 = Tensor(rng.normal(size=(D, H)), name="W1")
b1 = Tensor(rng.normal(size=H), name="b1")
W2 = Tensor(rng.normal(size=(H, C)), name="W2")
b2 = Tensor(rng.normal(size=C), name="b2")

Z1 = X @ W1 + b1
A1 = Z1.relu()
S = A1 @ W2 + b2
P = S.softmax()
L = (Y * P.log()).sum() * (-1 / N)
for tensor, name in ((Z1, "Z1"), (A1, "A1"), (S, "S"), (P, "P"), (L, "L")):
    tensor.name = name  # the names the figure's captions use
L.backward()

params = [torch.tensor(t.data, requires_grad=True) for t in (W1, b1, W2, b2)]
scores = (torch.relu(torch.tensor(X.data) @ params[0] + params[1]) @ params[2]
          + params[3])
torch.nn.functional.cross_entropy(scores, torch.tensor(labels)).backward()
worst = max(np.abs(t.grad - p.grad.numpy()).max()
            for t, p in zip((W1, b1, W2, b2), params))
print(f'loss: {L.data:.6f}')
print(f'engine = PyTorch autograd, to 1e-12: {worst < 1e-12}')
assert worst < 1e-12

# Each edge: forward, the shape of the tensor it carries (its gradient has the
# same shape); backward, the largest magnitude in the gradient it sends back.
def label(t, grad):
    return "×".join(map(str, t.shape)) or "scalar", f"{np.abs(grad).max():.2g}"


draw_graph(L, label, "mlp_graph.svg", "2-layer MLP, cross-entropy\n"
           "black: the shape of each tensor\n"
           "red: the largest magnitude in its gradient", down=True,
           says="{}: {}", constants=[Y])
