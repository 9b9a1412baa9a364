# KL divergence: kl_div takes log-probabilities, and 'batchmean' is the KL

import warnings

import numpy as np
import torch
import torch.nn.functional as F


def forward(log_q, p):
    """KL(p || q) averaged over the N rows: what kl_div(log_q, p, reduction='batchmean') computes."""
    return np.sum(p * (np.log(p) - log_q)) / len(p)


def backward(dL, log_q, p):
    return (-dL * p / len(p),)  # only the input log_q gets a gradient


if __name__ == "__main__":
    p = torch.tensor([[0.7, 0.2, 0.1], [0.1, 0.1, 0.8]], dtype=torch.float64)  # the target
    log_q = torch.log_softmax(torch.tensor([[1.0, 0.5, 0.0], [0.0, 0.0, 1.0]], dtype=torch.float64), dim=1)
    log_q.requires_grad_(True)

    batchmean = F.kl_div(log_q, p, reduction="batchmean")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        mean = F.kl_div(log_q, p, reduction="mean")
    print(f"'batchmean' {batchmean:.6f} = KL averaged over rows {forward(log_q.detach().numpy(), p.numpy()):.6f}")
    print(f"'mean'      {mean:.6f} = the same divided by C = 3: not the KL")
    print(f"{caught[0].category.__name__}: {str(caught[0].message).split('.')[0]}.")
    batchmean.backward()
    assert np.allclose(log_q.grad.numpy(), backward(1.0, log_q.detach().numpy(), p.numpy())[0])
    print(f'gradient -p / N:\n{log_q.grad}')
