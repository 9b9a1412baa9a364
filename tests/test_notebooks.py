"""Each note's notebook, as the build assembles it, executed top to bottom in a
fresh kernel in an empty folder (as a reader who downloaded it would), with
its outputs and figures compared with the recorded ones.

Kernels take seconds each (every one imports torch), so the notebooks run in
parallel, one worker process per notebook (up to the number of cores), once
per test run. Processes, not threads: nbclient leaves an event loop per thread.
"""

import multiprocessing
import os
import re
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from notebooks import note_pages, notebook, notebook_uri
from site_check import FIGURE_SUFFIXES, built_page, page_url
from snippet_check import ROOT

SITE_URL = "https://example.org/notes/"
NOTES = note_pages(ROOT / "docs")
IDS = [note.stem for note in NOTES]


def execute(note: Path, root: Path = ROOT) -> dict:
    """Run the note's notebook; return its cells before and after, and the files it wrote."""
    made = notebook(note, root, SITE_URL)
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


@pytest.fixture(scope="session")
def executed():
    workers = max(1, min(len(NOTES), os.cpu_count() or 1))
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        return dict(zip(IDS, pool.map(execute, NOTES)))


def where(note: Path, index: int, cell, root: Path = ROOT) -> str:
    snippet = cell.metadata.get("snippet", "a markdown cell")
    return f"{notebook_uri(note.relative_to(root / 'docs').as_posix())} cell {index} ({snippet})"


def errors(note: Path, result: dict, root: Path = ROOT) -> list[str]:
    """The failure of a run, naming the notebook, the cell and the snippet to fix."""
    failed = [where(note, i, cell, root) for i, cell in enumerate(result["ran"].cells)
              if any(o.output_type == "error" for o in cell.get("outputs", []))]
    return [f"{', '.join(failed) or note}: {result['error']}"] if result["error"] else []


def stdout(cell) -> str:
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream" and o.name == "stdout")


@pytest.mark.parametrize("note", NOTES, ids=IDS)
def test_notebook_runs_cleanly_in_a_fresh_kernel(note, executed):
    result = executed[note.stem]
    problems = errors(note, result)
    assert not problems, problems[0]
    noisy = [where(note, i, cell) for i, cell in enumerate(result["ran"].cells)
             if any(o.get("name") == "stderr" for o in cell.get("outputs", []))]
    assert not noisy, f"cells wrote to stderr (a warning?): {noisy}"


@pytest.mark.parametrize("note", NOTES, ids=IDS)
def test_notebook_outputs_equal_the_page(note, executed):
    result = executed[note.stem]
    pairs = zip(result["made"].cells, result["ran"].cells)
    differ = [f"{where(note, i, made)}: printed {stdout(ran)!r}, the page shows {stdout(made)!r}"
              for i, (made, ran) in enumerate(pairs) if made.cell_type == "code" and stdout(made) != stdout(ran)]
    assert not differ, "\n".join(differ)
    figures = {f.name: f.read_bytes() for f in (ROOT / "snippets").rglob("*") if f.suffix in FIGURE_SUFFIXES
               and f"attachment:{f.name}" in nbformat.writes(result["made"])}
    for name, recorded in figures.items():
        assert result["written"].get(name) == recorded, f"{note.stem}: the notebook wrote a different {name}"


@pytest.mark.parametrize("note", NOTES, ids=IDS)
def test_notebook_stands_alone(note):
    made = notebook(note, ROOT, SITE_URL)
    code = "\n".join(cell.source for cell in made.cells if cell.cell_type == "code")
    assert not re.search(r"^\s*(from|import)\s+snippets\b", code, re.MULTILINE), "a cell imports the snippets package"
    text = nbformat.writes(made)
    assert "](snippets/" not in text and ".md)" not in text and ".md#" not in text, "a link only the site resolves"
    assert text == nbformat.writes(notebook(note, ROOT, SITE_URL)), "two assemblies differ: not deterministic"
    nbformat.validate(made)


@pytest.mark.parametrize("note", NOTES, ids=IDS)
def test_site_offers_the_notebook_for_download(note, site):
    site_dir, _ = site
    uri = notebook_uri(note.relative_to(ROOT / "docs").as_posix())
    notebook_page = site_dir / page_url(ROOT / "docs" / uri, ROOT / "docs")
    downloaded = notebook_page / Path(uri).name
    assert (notebook_page / "index.html").is_file(), f"no notebook page for {note.name}"
    assert downloaded.is_file(), f"no {uri} to download"
    assert "<title>" in (notebook_page / "index.html").read_text(encoding="utf-8")
    html = built_page(site_dir, note, ROOT / "docs").read_text(encoding="utf-8")
    href = re.search(r'<a href="([^"]+)" download>Download notebook</a>', html)
    assert href, f"{note.name}: no Download notebook link"
    target = (built_page(site_dir, note, ROOT / "docs").parent / href[1]).resolve()
    assert target == downloaded.resolve(), f"the link points at {href[1]}"
    assert nbformat.reads(downloaded.read_text(encoding="utf-8"), as_version=4).cells


def test_a_failing_cell_is_named_with_its_snippet(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "snippets/demo").mkdir(parents=True)
    (tmp_path / "snippets/demo/fine.py").write_text("print('fine')\n")
    (tmp_path / "snippets/demo/fine.out").write_text("fine\n")
    (tmp_path / "snippets/demo/boom.py").write_text("print('about to fail')\nraise ValueError('planted')\n")
    (tmp_path / "snippets/demo/boom.out").write_text("about to fail\n")
    note = tmp_path / "docs/demo.md"
    note.write_text("# Demo\n\n" + "".join(
        f'```python\n--8<-- "snippets/demo/{name}.py"\n```\n\n```text\n--8<-- "snippets/demo/{name}.out"\n```\n\n'
        for name in ("fine", "boom")))
    problems = errors(note, execute(note, tmp_path), tmp_path)
    assert problems and problems[0].startswith("notebooks/demo.ipynb cell 3 (snippets/demo/boom.py): ")
    assert "ValueError" in problems[0] and "planted" in problems[0]


def test_the_build_renders_notebooks_without_executing_or_caching(site):
    _, build = site
    converted = [line for line in build.log.splitlines() if "Converting notebook" in line]
    assert len(converted) == len(NOTES) and all("(execute=False)" in line for line in converted), converted
    assert "Cache hit" not in build.log and "Cache miss" not in build.log
