"""Run a snippet in this process and compare what it makes with its records.

A snippet ``snippets/<note>/<name>.py`` that prints has its recorded output
beside it in ``<name>.out`` (one that prints nothing, such as a module other
snippets import, has none).  A file the snippet writes into its working
folder, such as a figure, is recorded beside it under the same name.  The
tests call :func:`check_snippet`; it raises :class:`SnippetFailure` with a
message that names the file to fix and the command that fixes it.
"""

from __future__ import annotations

import contextlib
import difflib
import io
import itertools
import json
import os
import platform
import random
import sys
import tempfile
import traceback
import warnings
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import numpy

from mlnotes import ROOT
from mlnotes.pages import OUTPUT_SUFFIX
SNIPPETS = ROOT / "snippets"
UPDATE_COMMAND = "pytest --update-outputs"
NUMPY_PRINT_DEFAULTS = numpy.get_printoptions()


# What produced the records: written by the update command, shown on every note
# page and notebook, and compared with the running environment by the tests.
ENVIRONMENT = SNIPPETS / "environment.json"
OUTPUTS_DEPEND_ON = ("torch", "numpy", "matplotlib")  # the packages the snippets import
rewritten: list[Path] = []  # the records this run's update rewrote


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


@dataclass
class Run:
    printed: str
    files: dict[str, bytes]  # what the snippet wrote into its working folder, by name
    writes: list[tuple[int, int | None]] = field(default_factory=list)  # (offset in printed, snippet line)

    def printed_by(self, line: int) -> int | None:
        """The snippet's line whose print began output line ``line`` (0-based)."""
        start = sum(len(text) + 1 for text in self.printed.split("\n")[:line])
        return next((at for offset, at in reversed(self.writes) if offset <= start), None)


class _Stdout(io.StringIO):
    """stdout that notes which line of the snippet wrote each piece."""

    def __init__(self, snippet: Path):
        super().__init__()
        self.file, self.writes = str(snippet), []

    def write(self, text: str) -> int:
        frame = sys._getframe(1)
        while frame is not None and frame.f_code.co_filename != self.file:
            frame = frame.f_back
        self.writes.append((self.tell(), frame.f_lineno if frame else None))
        return super().write(text)


def run_snippet(snippet: Path, threads: int | None = None) -> Run:
    """Execute ``snippet`` as ``python snippet`` would, in an empty working folder.

    It runs in this process, so modules such as torch are imported once per
    test run, not once per snippet.  As with ``python snippet``, the
    snippet's folder is on ``sys.path`` (so it can import a sibling such as
    ``engine.py``).  Warnings are errors: a snippet that calls a deprecated
    API fails here before it breaks for a reader.  ``threads`` caps torch's
    and the BLAS libraries' thread pools for this run (None: as they are).
    """
    code = compiled(snippet)
    stdout = _Stdout(snippet)
    with tempfile.TemporaryDirectory() as workdir, thread_limit(threads):
        try:
            execute(code, snippet, Path(workdir), stdout)
        except (Exception, SystemExit) as err:  # SystemExit too: a snippet must not end the test run
            if isinstance(err, SystemExit) and not err.code:
                return Run(stdout.getvalue(), files(Path(workdir)), stdout.writes)  # `python` exits with 0
            printed = stdout.getvalue()
            before = f"It printed before failing:\n{printed}" if printed else ""
            raise SnippetFailure(_describe_error(snippet, err) + before) from None
        return Run(stdout.getvalue(), files(Path(workdir)), stdout.writes)


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@dataclass
class Command:
    returncode: int
    stdout: str
    stderr: str


def run_command(script: Path, *args: str) -> Command:
    """``python script *args`` in the script's own folder, run in this process
    in the same way as a snippet: a reader's tool (the exercises' command line)
    without importing torch again for each run."""
    code, out, err = compiled(script), io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stderr(err):
            execute(code, script, script.parent, out, args)
        returncode = 0
    except SystemExit as exit_:
        returncode = exit_.code if isinstance(exit_.code, int) else int(exit_.code is not None)
    return Command(returncode, out.getvalue(), err.getvalue())


def compiled(snippet: Path):
    source = snippet.read_text(encoding="utf-8")
    try:
        return compile(source, str(snippet), "exec")
    except SyntaxError as err:
        raise SnippetFailure(
            f"{shown(snippet)}:{err.lineno}: syntax error: {err.msg}\n"
            f"    {(err.text or '').strip()}"
        ) from None


def execute(code, snippet: Path, workdir: Path, stdout: io.StringIO, args: tuple[str, ...] = ()) -> None:
    """Run compiled ``code`` as ``python snippet *args`` would (``__main__``,
    that ``sys.argv``) from a fresh state in ``workdir``, with the snippet's
    folder importable and warnings as errors."""
    fresh_state()
    namespace = {"__name__": "__main__", "__file__": str(snippet)}
    argv, sys.argv = sys.argv, [str(snippet), *args]
    try:
        with contextlib.chdir(workdir), importable(snippet.parent), warnings.catch_warnings():
            warnings.simplefilter("error")
            with contextlib.redirect_stdout(stdout):
                exec(code, namespace)
    finally:
        sys.argv = argv


@contextlib.contextmanager
def thread_limit(threads: int | None):
    """torch's intra-op threads and every BLAS/OpenMP pool at ``threads``, then as before."""
    if threads is None:
        yield
        return
    import torch  # before the limit, so that the pools torch loads are limited too
    from threadpoolctl import threadpool_limits

    before = torch.get_num_threads()
    torch.set_num_threads(threads)
    try:
        with threadpool_limits(limits=threads):
            yield
    finally:
        torch.set_num_threads(before)


@contextlib.contextmanager
def importable(folder: Path):
    """Put ``folder`` first on ``sys.path``; afterwards forget the modules
    imported from it, so the next snippet imports its own siblings afresh."""
    sys.path.insert(0, str(folder))
    try:
        yield
    finally:
        sys.path.remove(str(folder))
        for name, module in list(sys.modules.items()):
            if Path(getattr(module, "__file__", None) or "/").parent == folder:
                del sys.modules[name]


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
        # A warning torch gives once per process: a fresh process gives it at
        # its first occurrence, so every run in this process must give it too.
        torch.set_warn_always(True)


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


# Recording runs each snippet under both settings: an output that differs
# between them depends on the machine and is refused. The first is the
# machine's default, but at least 2, so that the two differ on one core too.
RECORDING_THREADS = (max(2, os.cpu_count() or 1), 1)


def check_snippet(snippet: Path, update: bool = False) -> str:
    """Run ``snippet``; compare with (or, when ``update``, rewrite) its records.
    An update runs it under both RECORDING_THREADS and writes nothing if the
    two runs differ.

    Returns what the snippet printed.
    """
    if update:
        run, again = (run_snippet(snippet, threads) for threads in RECORDING_THREADS)
        if problems := unstable(snippet, run, again):
            raise SnippetFailure("\n".join(problems))
    else:
        run = run_snippet(snippet)
    record = output_path(snippet)
    expected = {snippet.parent / name: data for name, data in run.files.items()}
    if run.printed:
        expected[record] = run.printed.encode("utf-8")
    if update:
        for path, data in expected.items():
            if not path.exists() or path.read_bytes() != data:
                path.write_bytes(data)
                rewritten.append(path)
        if not run.printed and record.exists():
            record.unlink()  # it prints nothing now: no output to show
            rewritten.append(record)
        return run.printed
    problems = [problem for path, data in expected.items() if (problem := _compare(snippet, path, data))]
    if not run.printed and record.exists():
        problems.append(f"{shown(snippet)}: prints nothing, but {shown(record)} records an output")
    if problems:
        raise SnippetFailure(
            "\n".join(problems) + f"\nIf the change is intended, refresh the records with: {UPDATE_COMMAND}\n"
            f"and review them with: git diff -- {shown(snippet.parent)}"
        )
    return run.printed


def unstable(snippet: Path, first: Run, second: Run) -> list[str]:
    """What differs between two runs under different thread settings, naming
    the snippet's line that printed it and both values."""
    many, one = RECORDING_THREADS
    problems = []
    pairs = itertools.zip_longest(first.printed.split("\n"), second.printed.split("\n"))
    for number, (a, b) in enumerate(pairs):
        if a != b:
            line = first.printed_by(number) or second.printed_by(number) or "?"
            problems.append(f"{shown(snippet)}:{line}: prints {a!r} with {many} threads but {b!r} with {one} "
                            f"(line {number + 1} of its output)")
            break
    problems += [f"{shown(snippet)}: writes a different {name} with {many} threads than with {one}"
                 for name in sorted(set(first.files) | set(second.files))
                 if first.files.get(name) != second.files.get(name)]
    if problems:
        problems.append("Not recorded: an output must not depend on the machine. Print what the snippet "
                        "asserts, or digits that are stable; its record is left as it was.")
    return problems


def _compare(snippet: Path, record: Path, made: bytes) -> str | None:
    """What is wrong with ``record`` given what the snippet made, or None."""
    what = "printed output" if record == output_path(snippet) else "written file"
    if not record.exists():
        return f"{shown(snippet)}: no record of its {what} ({shown(record)} is missing)."
    recorded = record.read_bytes()
    if made == recorded:
        return None
    if what == "written file":  # a figure: its diff would be unreadable
        return (f"{shown(snippet)}: wrote a {record.name} that differs from {shown(record)} "
                f"({len(made)} bytes now, {len(recorded)} recorded)")
    diff = "\n".join(
        difflib.unified_diff(
            recorded.decode("utf-8").splitlines(),
            made.decode("utf-8").splitlines(),
            fromfile=f"{shown(record)} (recorded)",
            tofile=f"{shown(snippet)} (printed now)",
            lineterm="",
        )
    ) or "(the two differ only in the final newline)"
    return f"{shown(snippet)}: printed output differs from {shown(record)}\n{diff}"


def current_environment() -> dict[str, str]:
    """The versions and platform that outputs depend on, as this process runs them."""
    versions = {name: metadata.version(name) for name in OUTPUTS_DEPEND_ON}
    return {"python": platform.python_version(), **versions,
            "platform": f"{platform.system()} {platform.machine()}"}


def recorded_environment(path: Path = ENVIRONMENT) -> dict[str, str]:
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def environment_differences(recorded: dict[str, str], current: dict[str, str]) -> list[str]:
    """What differs in a way outputs depend on: Python's minor version, each
    package's exact version (a local label such as +cpu included), the platform."""
    def significant(key: str, value: str | None) -> str | None:
        return ".".join(value.split(".")[:2]) if key == "python" and value else value

    keys = ["python", *OUTPUTS_DEPEND_ON, "platform"]
    return [f"{key}: the outputs were recorded with {recorded.get(key, 'nothing recorded')}, "
            f"this run has {current[key]}" for key in keys
            if significant(key, recorded.get(key)) != significant(key, current[key])]


def record_environment(today: str, path: Path = ENVIRONMENT) -> bool:
    """After an update: record the environment (and the date) if it differs
    from the recorded one or a record changed. Returns whether it wrote."""
    current = current_environment()
    recorded = recorded_environment(path)
    if recorded and not rewritten and {k: v for k, v in recorded.items() if k != "date"} == current:
        return False
    path.write_text(json.dumps({**current, "date": today}, indent=2) + "\n", encoding="utf-8")
    return True
