# KL divergence: kl_div takes log-probabilities, and 'batchmean' is the KL

import numpy as np
import torch
import torch.nn.functional as F


def forward(log_q, p):
    """KL(p || q) averaged over the N rows, as kl_div's 'batchmean'."""
    return np.sum(p * (np.log(p) - log_q)) / len(p)


def backward(dL, log_q, p):
    return (-dL * p / len(p),)  # only the input log_q gets a gradient


if __name__ == "__main__":
    p = torch.tensor([[0.7, 0.2, 0.1], [0.1, 0.1, 0.8]], dtype=torch.float64)
    scores = torch.tensor([[1.0, 0.5, 0.0], [0.0, 0.0, 1.0]]).double()
    log_q = torch.log_softmax(scores, dim=1).requires_grad_(True)
    N, C = p.shape
    batchmean = F.kl_div(log_q, p, reduction="batchmean")
    ours = forward(log_q.detach().numpy(), p.numpy())
    print(f"'batchmean' {batchmean:.6f} = KL averaged over rows {ours:.6f}")
    log_target = F.kl_div(log_q, p.log(), reduction="batchmean", log_target=True)
    assert np.isclose(batchmean.item(), ours)
    assert torch.isclose(log_target, batchmean)

    # reduction='mean' averages all N x C terms: the KL divided by C
    mean = F.kl_div(log_q, p, reduction="none").mean()
    print(f"the mean of all terms {mean:.6f} = 'batchmean' / C, C = {C}")
    assert torch.isclose(mean, batchmean / C)
    batchmean.backward()
    (grad,) = backward(1.0, log_q.detach().numpy(), p.numpy())
    assert np.allclose(log_q.grad.numpy(), grad)
    print(f'the gradient of batchmean is -p / N: {np.allclose(log_q.grad, grad)}')
