"""Run a snippet in this process and compare what it prints with its record.

Every snippet ``snippets/<note>/<name>.py`` has its recorded output beside it
in ``<name>.out``.  The tests call :func:`check_snippet`; it raises
:class:`SnippetFailure` with a message that names the file to fix and the
command that fixes it.
"""

from __future__ import annotations

import contextlib
import difflib
import io
import random
import sys
import traceback
import warnings
from pathlib import Path

import numpy

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "snippets"
OUTPUT_SUFFIX = ".out"
UPDATE_COMMAND = "pytest --update-outputs"
NUMPY_PRINT_DEFAULTS = numpy.get_printoptions()


class SnippetFailure(Exception):
    """A snippet failed to run, or printed something other than its record."""


def find_snippets(root: Path = SNIPPETS) -> list[Path]:
    """Every runnable snippet under ``root``, in a stable order."""
    return sorted(p for p in root.rglob("*.py") if p.name != "__init__.py")


def output_path(snippet: Path) -> Path:
    return snippet.with_suffix(OUTPUT_SUFFIX)


def shown(path: Path) -> str:
    """The path as a maintainer types it: relative to the repository if inside it."""
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def run_snippet(snippet: Path) -> str:
    """Execute ``snippet`` as ``python snippet`` would and return its stdout.

    It runs in this process, so modules such as torch are imported once per
    test run, not once per snippet.  Warnings are errors: a snippet that
    calls a deprecated API fails here before it breaks for a reader.
    """
    source = snippet.read_text(encoding="utf-8")
    try:
        code = compile(source, str(snippet), "exec")
    except SyntaxError as err:
        raise SnippetFailure(
            f"{shown(snippet)}:{err.lineno}: syntax error: {err.msg}\n"
            f"    {(err.text or '').strip()}"
        ) from None

    fresh_state()
    namespace = {"__name__": "__main__", "__file__": str(snippet)}
    stdout = io.StringIO()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            with contextlib.redirect_stdout(stdout):
                exec(code, namespace)
    except (Exception, SystemExit) as err:  # SystemExit too: a snippet must not end the test run
        printed = stdout.getvalue()
        before = f"It printed before failing:\n{printed}" if printed else ""
        raise SnippetFailure(_describe_error(snippet, err) + before) from None
    return stdout.getvalue()


def fresh_state() -> None:
    """Give a snippet the global state that ``python snippet.py`` starts with.

    Snippets share one process, so what one sets globally (print options,
    default dtype, grad mode) must not reach the next. Random generators are
    reseeded from the OS: a snippet that prints unseeded random numbers fails
    instead of borrowing the seed an earlier snippet set.
    """
    random.seed()
    numpy.random.seed()
    numpy.set_printoptions(**NUMPY_PRINT_DEFAULTS)
    torch = sys.modules.get("torch")  # not imported here: only snippets import torch
    if torch is not None:
        torch.seed()
        torch.set_default_dtype(torch.float32)
        torch.set_grad_enabled(True)
        torch.set_printoptions(profile="default")


def _describe_error(snippet: Path, err: BaseException) -> str:
    """Name the snippet's own line that raised, then show its part of the traceback."""
    frames = traceback.extract_tb(err.__traceback__)
    own = [f for f in frames if Path(f.filename) == snippet]
    line = own[-1].lineno if own else "?"
    kind = "warning treated as error" if isinstance(err, Warning) else "raised"
    detail = "".join(traceback.format_list(own)) + "".join(
        traceback.format_exception_only(type(err), err)
    )
    return f"{shown(snippet)}:{line}: {kind} {type(err).__name__}: {err}\n{detail}"


def check_snippet(snippet: Path, update: bool = False) -> str:
    """Run ``snippet``; compare with (or, when ``update``, rewrite) its record.

    Returns what the snippet printed.
    """
    printed = run_snippet(snippet)
    record = output_path(snippet)
    if update:
        if not record.exists() or record.read_text(encoding="utf-8") != printed:
            record.write_text(printed, encoding="utf-8")
        return printed
    if not record.exists():
        raise SnippetFailure(
            f"{shown(snippet)}: no recorded output ({shown(record)} is missing).\n"
            f"Record it with: {UPDATE_COMMAND}"
        )
    recorded = record.read_text(encoding="utf-8")
    if printed != recorded:
        diff = "\n".join(
            difflib.unified_diff(
                recorded.splitlines(),
                printed.splitlines(),
                fromfile=f"{shown(record)} (recorded)",
                tofile=f"{shown(snippet)} (printed now)",
                lineterm="",
            )
        ) or "(the two differ only in the final newline)"
        raise SnippetFailure(
            f"{shown(snippet)}: printed output differs from {shown(record)}\n{diff}\n"
            f"If the change is intended, refresh the record with: {UPDATE_COMMAND}\n"
            f"and review it with: git diff -- {shown(record)}"
        )
    return printed
