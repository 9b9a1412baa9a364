# The verdicts of the exercise checks: the same file in every note's folder.
# Save it beside check_exercises.py, which imports it.
# A check prints one line: "passed: ..." or "not yet: <what is wrong>".

import importlib.util
import sys
import sysconfig
import textwrap
import traceback
import warnings
from pathlib import Path

import numpy as np
import torch

TRIALS = 20  # random shapes per check, the smallest first
LIBRARIES = tuple(sysconfig.get_paths()[key] for key in ("stdlib", "purelib"))
# The checks' own files: an error raised in them is not the reader's line
CHECKERS = {__file__, str(Path(__file__).with_name("check_exercises.py"))}


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
              if f.filename not in CHECKERS and not f.filename.startswith(LIBRARIES)]
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


def check_file(path, checks):
    """A verdict for each exercise function or class the file at path defines."""
    spec = importlib.util.spec_from_file_location("solution", path)
    solution = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(solution)
    except Exception as err:
        return [f"not yet: {path} raised {described(err)}"]
    found = [name for name in checks if hasattr(solution, name)]
    if not found:
        return [f"not yet: {path} defines none of {', '.join(checks)}"]
    return [checks[name](getattr(solution, name)) for name in found]


def main(checks):
    """python check_exercises.py my_solution.py ...: a verdict per exercise
    found; the exit status says whether all passed."""
    verdicts = [line for path in sys.argv[1:] for line in check_file(path, checks)]
    for line in verdicts:
        print(line)
    sys.exit(0 if all(line.startswith("passed") for line in verdicts) else 1)


# Planted wrong answers (exercise_mistakes.py): each must get "not yet".
MISTAKES = []  # (check, the mistake, a solution that makes it)


def mistake(check, what):
    """Mark a wrong solution that `check` must reject."""
    def planted(solution):
        MISTAKES.append((check, what, solution))
        return solution
    return planted


def report_mistakes():
    """Each planted mistake's verdict, which must be "not yet"."""
    for check, what, solution in MISTAKES:
        said = check(solution)
        assert said.startswith("not yet: "), said  # a wrong answer never passes
        print(f"Exercise {what}:")
        print(textwrap.fill(said, 84, initial_indent="  ", subsequent_indent="    "))
