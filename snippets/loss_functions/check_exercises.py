# Checks for the exercises of the Loss function note. In a notebook cell:
#     from check_exercises import check_cross_entropy
#     print(check_cross_entropy(cross_entropy))
# From a shell, every exercise function that my_solution.py defines:
#     python check_exercises.py my_solution.py
# Each check prints one line: "passed: ..." or "not yet: <what is wrong>".

import importlib.util
import sys
import sysconfig
import traceback
import warnings
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

TRIALS = 20  # random shapes per check, the smallest first
LIBRARIES = tuple(sysconfig.get_paths()[key] for key in ("stdlib", "purelib"))


class NotYet(Exception):
    """What is wrong with a solution, in one line."""


def verdict(passed):
    """Turn a check that raises NotYet into one that returns a verdict line."""
    def wrap(check):
        def checked(candidate):
            name = getattr(candidate, "__name__", "your code")
            try:
                check(candidate)
            except NotYet as problem:
                return f"not yet: {name}: {problem}"
            return f"passed: {name} {passed}"
        checked.__name__ = check.__name__
        return checked
    return wrap


def call(function, *args, who=None):
    """The reader's function on args; an error or a warning becomes a verdict
    that names the line of their code that raised it."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # the same verdict in every setting
            return function(*args)
    except Exception as err:
        raise NotYet(f"{who + ' ' if who else ''}raised {described(err)}") from None


def described(err):
    """The error's first sentence, and the reader's line that raised it."""
    sentence = (str(err).splitlines() or [""])[0].split(". ")[0].rstrip(".")
    message = type(err).__name__ + (f": {sentence}" if sentence else "")
    frames = [f for f in traceback.extract_tb(err.__traceback__)
              if f.filename != __file__ and not f.filename.startswith(LIBRARIES)]
    if isinstance(err, SyntaxError):
        return f"{message} (line {err.lineno}: {(err.text or '').strip()})"
    if not frames:  # raised inside a library, from no line of the reader's
        return message
    return f"{message} (line {frames[-1].lineno}: {frames[-1].line})"


def sizes(rng, count, low=1):
    """TRIALS random tuples of `count` sizes from low to 5, and all low; the
    smallest first, so that a failure names the smallest shape it found."""
    drawn = [tuple(map(int, rng.integers(low, 6, count))) for _ in range(TRIALS)]
    return sorted([(low,) * count] + drawn, key=sum)


def compare(what, got, expected, at):
    """NotYet unless `got` has the shape and values of `expected`."""
    if got is None or isinstance(got, (tuple, list)):
        raise NotYet(f"{what} is {type(got).__name__}, expected an array ({at})")
    try:
        got = np.asarray(got.detach() if torch.is_tensor(got) else got, dtype=float)
    except (TypeError, ValueError):
        kind = type(got).__name__
        raise NotYet(f"{what} is {kind}, expected an array ({at})") from None
    if got.shape != expected.shape:
        raise NotYet(f"{what} has shape {got.shape}, "
                     f"expected {expected.shape} ({at})")
    if not np.allclose(got, expected, rtol=1e-7, atol=1e-9):
        worst = np.unravel_index(np.argmax(np.abs(got - expected)), got.shape)
        entry = f" entry {list(map(int, worst))}" if got.ndim else ""
        raise NotYet(f"{what} is wrong ({at}):{entry} is {got[worst]:.6g}, "
                     f"expected {expected[worst]:.6g}")


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


def check_file(path):
    """A verdict for each exercise function the file at path defines."""
    sys.path.insert(0, str(Path(path).resolve().parent))  # its own imports
    spec = importlib.util.spec_from_file_location("solution", path)
    solution = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(solution)
    except Exception as err:
        return [f"not yet: {path} raised {described(err)}"]
    found = [name for name in CHECKS if hasattr(solution, name)]
    if not found:
        return [f"not yet: {path} defines none of {', '.join(CHECKS)}"]
    return [CHECKS[name](getattr(solution, name)) for name in found]


if __name__ == "__main__" and Path(sys.argv[0]).name == Path(__file__).name:
    verdicts = [line for path in sys.argv[1:] for line in check_file(path)]
    for line in verdicts:
        print(line)
    sys.exit(0 if all(line.startswith("passed") for line in verdicts) else 1)
