# Checks for the exercises of the PyTorch note. In a notebook cell:
#     from check_exercises import check_jacobian
#     print(check_jacobian(jacobian))
# From a shell, every exercise function or class that my_solution.py defines:
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
from torch.func import grad, jacrev, vmap

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


def tensors(rng, *shapes):
    return [torch.tensor(rng.normal(size=shape)) for shape in shapes]  # float64


@verdict(f"agrees with torch.func.jacrev(f)(x).T on {TRIALS + 1} shapes")
def check_jacobian(jacobian):
    rng = np.random.default_rng(0)
    for n, m in sizes(rng, 2):  # x has n entries, y = f(x) has m
        x, A = tensors(rng, (n,), (m, n))
        def f(x):
            return torch.tanh(A @ x) * x.sum()
        expected = jacrev(f)(x).T.numpy()  # the note's layout: a row per x_i
        compare("J", call(jacobian, f, x.clone()), expected, f"n={n}, m={m}")


@verdict(f"agrees with autograd of X @ W + b on {TRIALS + 1} shapes")
def check_linear_function(LinearFunction):
    rng = np.random.default_rng(0)
    for N, D, C in sizes(rng, 3):
        inputs = [t.requires_grad_() for t in tensors(rng, (N, D), (D, C), (C,))]
        dZ = torch.tensor(rng.normal(size=(N, C)))
        at = f"N={N}, D={D}, C={C}"
        X, W, b = inputs
        expected = X @ W + b
        Z = call(LinearFunction.apply, X, W, b, who="forward")
        compare("Z", Z, expected.detach().numpy(), at)
        got = call(torch.autograd.grad, Z, inputs, dZ, who="backward")
        for name, g, e in zip(["X̄", "W̄", "b̄"], got,
                              torch.autograd.grad(expected, inputs, dZ)):
            compare(name, g, e.numpy(), at)


@verdict(f"takes the steps of plain SGD on {TRIALS + 1} shapes")
def check_sgd_steps(sgd_steps):
    rng = np.random.default_rng(0)
    for N, D in sizes(rng, 2):
        X, y, w0 = tensors(rng, (N, D), (N,), (D,))
        def mse(w):
            return ((X @ w - y) ** 2).mean()
        expected, w = [], w0.clone()
        for _ in range(3):  # the steps, by torch.func.grad: no .grad involved
            expected.append(mse(w).item())
            w = w - 0.1 * grad(mse)(w)
        reader_w = w0.clone().requires_grad_()
        losses = call(sgd_steps, reader_w, X, y, 0.1, 3)
        at = f"N={N}, D={D}, lr=0.1, 3 steps"
        try:
            losses = np.array([float(loss) for loss in losses])
        except (TypeError, ValueError, RuntimeError):
            raise NotYet(f"returned {type(losses).__name__}, expected a list of "
                         f"the losses as numbers ({at})") from None
        compare("the list of losses", losses, np.array(expected), at)
        compare("w after the steps", reader_w, w.numpy(), at)


@verdict(f"agrees with torch.func.grad(grad(f)) on {TRIALS + 1} shapes")
def check_second_derivative(second_derivative):
    rng = np.random.default_rng(0)
    functions = {"sin": torch.sin, "x³": lambda x: x ** 3,
                 "x tanh(x)": lambda x: x * torch.tanh(x)}
    for (n,) in sizes(rng, 1):
        (x,) = tensors(rng, (n,))
        for name, f in functions.items():
            expected = vmap(grad(grad(f)))(x).numpy()
            got = call(second_derivative, f, x.clone())
            compare(f"the second derivative of {name}", got, expected, f"n={n}")


CHECKS = {"jacobian": check_jacobian, "LinearFunction": check_linear_function,
          "sgd_steps": check_sgd_steps,
          "second_derivative": check_second_derivative}


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
