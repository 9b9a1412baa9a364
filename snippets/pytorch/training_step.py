# One training step, repeated: forward, loss, backward, step, zero_grad

import torch

torch.manual_seed(0)
X = torch.randn(32, 3)
y = X @ torch.tensor([1.0, -2.0, 0.5]) + 0.3
model = torch.nn.Linear(3, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)

for step in range(5):
    loss = torch.nn.functional.mse_loss(model(X).squeeze(1), y)  # forward and loss
    loss.backward()                                              # gradients into .grad
    optimizer.step()                                             # w <- w - lr * w.grad
    optimizer.zero_grad()                                        # ready for the next step
    print(f'step {step}: loss {loss.item():.4f}')
