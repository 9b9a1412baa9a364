# Wrong answers learners often write, planted: the checks of snippets/loss_functions/check_exercises.py
# must reject every one (tests/test_exercises.py runs this with that folder importable).

import numpy as np
from exercise_kit import mistake, report_mistakes
from check_exercises import (check_cross_entropy, check_log_cosh_gradient,
                             check_log_softmax_backward,
                             check_smoothed_cross_entropy_gradient)


def softmax(S):  # stable: shifted by each row's maximum
    E = np.exp(S - S.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


@mistake(check_log_cosh_gradient, "2: divided by the number of rows N, not by n")
def log_cosh_gradient(y_hat, y):
    return np.tanh(y_hat - y) / len(y_hat)


@mistake(check_log_cosh_gradient, "2: the error taken the other way round")
def log_cosh_gradient(y_hat, y):
    return np.tanh(y - y_hat) / y_hat.size


@mistake(check_cross_entropy, "3: the formula as written, e^s overflows")
def cross_entropy(S, labels):
    P = np.exp(S) / np.exp(S).sum(axis=1, keepdims=True)
    return -np.log(P[np.arange(len(S)), labels]).mean()


@mistake(check_cross_entropy, "3: a stable softmax, then its log: log(0)")
def cross_entropy(S, labels):
    return -np.log(softmax(S)[np.arange(len(S)), labels]).mean()


@mistake(check_cross_entropy, "3: summed over the batch, not averaged")
def cross_entropy(S, labels):
    log_p = np.log(softmax(S))
    return -log_p[np.arange(len(S)), labels].sum()


@mistake(check_smoothed_cross_entropy_gradient, "4: the smoothing left out")
def smoothed_cross_entropy_gradient(S, labels, smoothing):
    return (softmax(S) - np.eye(S.shape[1])[labels]) / len(S)


@mistake(check_smoothed_cross_entropy_gradient, "4: ε spread over the C - 1 others")
def smoothed_cross_entropy_gradient(S, labels, smoothing):
    N, C = S.shape
    T = np.full((N, C), smoothing / (C - 1))
    T[np.arange(N), labels] = 1 - smoothing
    return (softmax(S) - T) / N


@mistake(check_log_softmax_backward, "5: summed over the wrong axis, the batch")
def log_softmax_backward(dlogp, S):
    return dlogp - softmax(S) * dlogp.sum(axis=0, keepdims=True)


@mistake(check_log_softmax_backward, "5: the row sums without keepdims")
def log_softmax_backward(dlogp, S):
    return dlogp - softmax(S) * dlogp.sum(axis=1)


report_mistakes()
