"""Each note's notebook, as the build assembles it, executed top to bottom in a
fresh kernel in an empty folder (as a reader who downloaded it would).

Kernels take seconds each (every one imports torch), so the notebooks run in
parallel, one worker process per notebook (up to the number of cores), once
per test run, started as soon as the tests are collected so that they run
beside the other tests. Processes, not threads: nbclient leaves an event loop
per thread.
"""

from __future__ import annotations

import multiprocessing
import os
import tempfile
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from mlnotes import ROOT
from mlnotes.notebook import notebook
from mlnotes.pages import Page, note_pages

SITE_URL = "https://example.org/notes/"


def execute(note: Page) -> dict:
    """Run the note's notebook; return its cells before and after, and the files it wrote."""
    made = notebook(note, SITE_URL)
    ran = nbformat.reads(nbformat.writes(made), as_version=4)  # a copy, as a reader downloads it
    with tempfile.TemporaryDirectory() as folder:
        client = NotebookClient(ran, timeout=300, kernel_name="python3", resources={"metadata": {"path": folder}})
        error = None
        try:
            client.execute()
        except CellExecutionError as err:
            error = str(err)
        written = {p.name: p.read_bytes() for p in Path(folder).iterdir() if p.is_file()}
    return {"made": made, "ran": ran, "error": error, "written": written}


_runs: dict[str, Future] = {}  # note id -> the future of its run, once started


def note_id(note: Page) -> str:
    return Path(note.src_uri).with_suffix("").as_posix()


def start_running_notebooks() -> dict[str, Future]:
    """Start every note's notebook in worker processes, and return at once:
    conftest.py calls this when collection ends, so the kernels work while
    other tests run. The futures of the runs, by note id."""
    if not _runs:
        notes = note_pages(ROOT / "docs")
        workers = max(1, min(len(notes), os.cpu_count() or 1))
        pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
        _runs.update({note_id(note): pool.submit(execute, note) for note in notes})
        pool.shutdown(wait=False)  # the workers finish the runs, then exit
    return _runs


def where(note: Page, index: int, cell) -> str:
    snippet = cell.metadata.get("snippet", "a markdown cell")
    return f"{note.notebook_uri} cell {index} ({snippet})"


def errors(note: Page, result: dict) -> list[str]:
    """The failure of a run, naming the notebook, the cell and the snippet to fix."""
    failed = [where(note, i, cell) for i, cell in enumerate(result["ran"].cells)
              if any(o.output_type == "error" for o in cell.get("outputs", []))]
    return [f"{', '.join(failed) or note.name}: {result['error']}"] if result["error"] else []


def stdout(cell) -> str:
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream" and o.name == "stdout")


