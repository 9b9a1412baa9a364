# Through a sigmoid: cross-entropy's gradient stays large, MSE's vanishes

import torch
import torch.nn.functional as F

y = torch.tensor(1.0, dtype=torch.float64)
print(' logit z    p = σ(z)   BCE dL/dz = p - y   MSE dL/dz = 2(p - y)p(1 - p)')
for logit in (-6.0, 0.0, 6.0):
    z = torch.tensor(logit, dtype=torch.float64, requires_grad=True)
    (bce,) = torch.autograd.grad(F.binary_cross_entropy_with_logits(z, y), z)
    (mse,) = torch.autograd.grad(F.mse_loss(z.sigmoid(), y), z)
    p = z.sigmoid().detach()
    assert torch.isclose(bce, p - y)
    assert torch.isclose(mse, 2 * (p - y) * p * (1 - p))
    print(f'{logit:7.1f}   {p:9.5f}   {bce:17.5f}   {mse:29.5f}')
    if logit == -6.0:  # wrong and confident: y = 1, p near 0
        assert abs(bce) > 0.99 and abs(mse) < 0.01
