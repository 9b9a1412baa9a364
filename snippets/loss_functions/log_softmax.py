# Softmax, log-softmax and log-sum-exp, computed stably

import numpy as np
import torch


def forward(s):
    shifted = s - s.max(axis=-1, keepdims=True)  # a shift changes nothing
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def backward(dlogp, s):
    p = np.exp(forward(s))
    return (dlogp - p * dlogp.sum(axis=-1, keepdims=True),)


if __name__ == "__main__":
    s = np.array([1000.0, 0.0, -1000.0])
    with np.errstate(over="ignore", invalid="ignore"):
        naive = np.exp(s) / np.exp(s).sum()  # e^1000 overflows: inf / inf
    print(f'naive softmax:  {naive}, stable: {np.exp(forward(s))}')
    print(f'log-softmax:    {forward(s)}')
    lse = s.max() + np.log(np.exp(s - s.max()).sum())
    print(f'log-sum-exp:    {lse} = torch.logsumexp')
    assert np.isnan(naive[0]) and np.isfinite(forward(s)).all()
    assert np.allclose(forward(s), torch.log_softmax(torch.tensor(s), 0))
    assert lse == torch.logsumexp(torch.tensor(s), 0).item()
    t = torch.tensor([[2.0, 1.0, 0.1], [0.0, -1.0, 3.0]], requires_grad=True)
    g = np.array([[1.0, 0.0, -1.0], [0.5, 0.5, 0.0]])  # an upstream gradient
    torch.log_softmax(t, dim=-1).backward(torch.tensor(g))
    s2 = t.detach().numpy()
    assert np.allclose(forward(s2), torch.log_softmax(t, -1).detach())
    assert np.allclose(backward(g, s2)[0], t.grad.numpy())
    print('NumPy log-softmax and its backward agree with PyTorch')
