# One training step, repeated: forward, loss, backward, step, zero_grad

import torch
import torch.nn.functional as F

torch.manual_seed(0)
X = torch.randn(32, 3)
y = X @ torch.tensor([1.0, -2.0, 0.5]) + 0.3
model = torch.nn.Linear(3, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)

losses = []
for step in range(5):
    loss = F.mse_loss(model(X).squeeze(1), y)  # forward and loss
    loss.backward()                            # gradients into .grad
    before = model.weight.detach().clone()
    optimizer.step()                           # a step against the gradient
    assert torch.allclose(model.weight, before - 0.1 * model.weight.grad)
    optimizer.zero_grad()                      # ready for the next step
    losses.append(loss.item())
    print(f'step {step}: loss {loss.item():.4f}')
assert all(later < earlier for earlier, later in zip(losses, losses[1:]))
print('each step moved w to w - lr * w.grad, and the loss went down every step')
