# Checks for the exercises of the Loss function note. Save it beside
# exercise_kit.py. In a notebook cell:
#     from check_exercises import check_cross_entropy
#     print(check_cross_entropy(cross_entropy))
# From a shell, every exercise function that my_solution.py defines:
#     python check_exercises.py my_solution.py
# Each check prints one line: "passed: ..." or "not yet: <what is wrong>".

import numpy as np
import torch
import torch.nn.functional as F
from exercise_kit import TRIALS, call, compare, main, sizes, verdict


def logits_and_labels(rng, N, C, scale=1.0):
    return rng.normal(size=(N, C)) * scale, rng.integers(C, size=N)


def autograd(loss, S):
    """The loss of PyTorch at S and its gradient, as arrays."""
    t = torch.tensor(S, requires_grad=True)
    value = loss(t)
    value.backward()
    return value.detach().numpy(), t.grad.numpy()


@verdict(f"agrees with autograd on {TRIALS + 1} shapes")
def check_log_cosh_gradient(log_cosh_gradient):
    rng = np.random.default_rng(0)
    for N, C in sizes(rng, 2):
        y_hat, y = rng.normal(size=(N, C)), rng.normal(size=(N, C))
        def log_cosh(t):  # the mean over all n = N C elements
            return torch.log(torch.cosh(t - torch.tensor(y))).mean()
        _, expected = autograd(log_cosh, y_hat)
        got = call(log_cosh_gradient, y_hat, y)
        compare("the gradient", got, expected, f"y_hat of shape {(N, C)}")


@verdict(f"agrees with F.cross_entropy on {2 * (TRIALS + 1)} shapes, "
         "huge logits too")
def check_cross_entropy(cross_entropy):
    rng = np.random.default_rng(0)
    for scale in (1.0, 1000.0):  # ordinary logits first, then huge ones
        for N, C in sizes(rng, 2, low=2):
            S, labels = logits_and_labels(rng, N, C, scale)
            expected = F.cross_entropy(torch.tensor(S), torch.tensor(labels))
            got = call(cross_entropy, S, labels)
            compare("the loss", got, expected.numpy(),
                    f"{N} x {C} logits of size up to {np.abs(S).max():.3g}")


@verdict(f"agrees with autograd on {TRIALS + 1} shapes")
def check_smoothed_cross_entropy_gradient(smoothed_cross_entropy_gradient):
    rng = np.random.default_rng(0)
    for N, C in sizes(rng, 2, low=2):
        (S, labels), eps = logits_and_labels(rng, N, C), rng.uniform(0.05, 0.3)
        _, expected = autograd(lambda t: F.cross_entropy(
            t, torch.tensor(labels), label_smoothing=eps), S)
        got = call(smoothed_cross_entropy_gradient, S, labels, eps)
        compare("S̄", got, expected, f"N={N}, C={C}, smoothing {eps:.3f}")


@verdict(f"agrees with autograd on {TRIALS + 1} shapes")
def check_log_softmax_backward(log_softmax_backward):
    rng = np.random.default_rng(0)
    for N, C in sizes(rng, 2, low=2):
        S, upstream = rng.normal(size=(N, C)), rng.normal(size=(N, C))
        _, expected = autograd(
            lambda t: (torch.log_softmax(t, 1) * torch.tensor(upstream)).sum(), S)
        got = call(log_softmax_backward, upstream, S)
        compare("s̄", got, expected, f"N={N}, C={C}")


CHECKS = {"log_cosh_gradient": check_log_cosh_gradient,
          "cross_entropy": check_cross_entropy,
          "smoothed_cross_entropy_gradient": check_smoothed_cross_entropy_gradient,
          "log_softmax_backward": check_log_softmax_backward}


if __name__ == "__main__":
    main(CHECKS)
