# Cross-entropy = NLL of log-softmax, and label smoothing

import numpy as np
import torch
import torch.nn.functional as F


def forward(S, T):
    """S: logits, N x C; T: target distributions, N x C (one-hot, smoothed)."""
    log_p = S - S.max(axis=1, keepdims=True)
    log_p -= np.log(np.exp(log_p).sum(axis=1, keepdims=True))
    return -np.sum(T * log_p) / len(S)


def backward(dL, S, T):
    P = np.exp(S - S.max(axis=1, keepdims=True))
    P /= P.sum(axis=1, keepdims=True)
    return (dL * (P - T) / len(S),)  # (p - t) / N


if __name__ == "__main__":
    S = torch.tensor([[2.0, 1.0, 0.1], [0.5, 2.5, 0.0]], dtype=torch.float64)
    labels = torch.tensor([0, 2])
    one_hot = F.one_hot(labels, 3).double()
    ce = F.cross_entropy(S, labels)
    nll = F.nll_loss(F.log_softmax(S, dim=1), labels)
    ours = forward(S.numpy(), one_hot.numpy())
    print(f'cross_entropy {ce:.6f} = nll_loss(log_softmax) {nll:.6f} '
          f'= NumPy {ours:.6f}')
    assert torch.isclose(ce, nll) and np.isclose(ce.item(), ours)

    eps = 0.1  # label smoothing: the target (1 - eps) one-hot + eps / C
    smoothed = (1 - eps) * one_hot + eps / 3
    with_eps = F.cross_entropy(S, labels, label_smoothing=eps)
    ours = forward(S.numpy(), smoothed.numpy())
    print(f'label_smoothing={eps}: {with_eps:.6f} = NumPy {ours:.6f} = the '
          f'smoothed target {F.cross_entropy(S, smoothed):.6f}')
    assert np.isclose(with_eps.item(), ours)
    assert torch.isclose(with_eps, F.cross_entropy(S, smoothed))
