# KL divergence: kl_div takes log-probabilities, and 'batchmean' is the KL

import textwrap
import warnings

import numpy as np
import torch
import torch.nn.functional as F


def forward(log_q, p):
    """KL(p || q) averaged over the N rows, as kl_div's 'batchmean'."""
    return np.sum(p * (np.log(p) - log_q)) / len(p)


def backward(dL, log_q, p):
    return (-dL * p / len(p),)  # only the input log_q gets a gradient


if __name__ == "__main__":
    # the target p, and log q from scores
    p = torch.tensor([[0.7, 0.2, 0.1], [0.1, 0.1, 0.8]], dtype=torch.float64)
    scores = torch.tensor([[1.0, 0.5, 0.0], [0.0, 0.0, 1.0]]).double()
    log_q = torch.log_softmax(scores, dim=1).requires_grad_(True)
    N, C = p.shape

    batchmean = F.kl_div(log_q, p, reduction="batchmean")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        mean = F.kl_div(log_q, p, reduction="mean")
    ours = forward(log_q.detach().numpy(), p.numpy())
    print(f"'batchmean' {batchmean:.6f} = KL averaged over rows {ours:.6f}")
    print(f"'mean'      {mean:.6f} = the same divided by C = {C}: not the KL")
    first_sentence = str(caught[0].message).split('.')[0] + '.'
    print(textwrap.fill(f"{caught[0].category.__name__}: {first_sentence}", 80))
    assert np.isclose(batchmean.item(), ours)
    assert torch.isclose(mean, batchmean / C)
    log_p = p.log()
    log_target = F.kl_div(log_q, log_p, reduction="batchmean", log_target=True)
    print(f'log_target=True, with log p as the target: {log_target:.6f}')
    assert torch.isclose(log_target, batchmean)

    batchmean.backward()
    (grad,) = backward(1.0, log_q.detach().numpy(), p.numpy())
    assert np.allclose(log_q.grad.numpy(), grad)
    print(f'gradient -p / N:\n{log_q.grad}')
