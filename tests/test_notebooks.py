"""Each note's notebook, as the build assembles it, executed top to bottom in a
fresh kernel in an empty folder (as a reader who downloaded it would), with
its outputs and figures compared with the recorded ones.

Kernels take seconds each (every one imports torch), so the notebooks run in
parallel, one worker process per notebook (up to the number of cores), once
per test run, started as soon as the tests are collected so that they run
beside the other tests. Processes, not threads: nbclient leaves an event loop
per thread.
"""

import re
from pathlib import Path

import nbformat
import pytest

from mlnotes import ROOT
from mlnotes.checks.notebooks import SITE_URL, errors, execute, note_id, start_running_notebooks, stdout, where
from mlnotes.checks.site import build_site, minimal_project, notebook_link_problems
from mlnotes.checks.snippets import recorded_environment
from mlnotes.notebook import notebook
from mlnotes.pages import FIGURE_SUFFIXES, load_page, note_pages

NOTES = note_pages(ROOT / "docs")
IDS = [note_id(note) for note in NOTES]


@pytest.fixture(scope="session")
def executed():
    return {name: run.result() for name, run in start_running_notebooks().items()}


@pytest.mark.parametrize("note", NOTES, ids=IDS)
def test_notebook_runs_cleanly_in_a_fresh_kernel(note, executed):
    result = executed[note_id(note)]
    problems = errors(note, result)
    assert not problems, problems[0]
    noisy = [where(note, i, cell) for i, cell in enumerate(result["ran"].cells)
             if any(o.get("name") == "stderr" for o in cell.get("outputs", []))]
    assert not noisy, f"cells wrote to stderr (a warning?): {noisy}"


@pytest.mark.parametrize("note", NOTES, ids=IDS)
def test_notebook_outputs_equal_the_page(note, executed):
    result = executed[note_id(note)]
    pairs = zip(result["made"].cells, result["ran"].cells)
    differ = [f"{where(note, i, made)}: printed {stdout(ran)!r}, the page shows {stdout(made)!r}"
              for i, (made, ran) in enumerate(pairs) if made.cell_type == "code" and stdout(made) != stdout(ran)]
    assert not differ, "\n".join(differ)
    attached = {name for cell in result["made"].cells for name in cell.get("attachments", {})}
    figures = {f.name: f.read_bytes() for f in (ROOT / "snippets").rglob("*")
               if f.suffix in FIGURE_SUFFIXES and f.name in attached}
    assert len(figures) == len([e for e in note.embeds if e.kind == "figure"]), "a figure is not attached"
    for name, recorded in figures.items():
        assert result["written"].get(name) == recorded, f"{note.name}: the notebook wrote a different {name}"


@pytest.mark.parametrize("note", NOTES, ids=IDS)
def test_notebook_stands_alone(note):
    made = notebook(note, SITE_URL)
    code = "\n".join(cell.source for cell in made.cells if cell.cell_type == "code")
    assert not re.search(r"^\s*(from|import)\s+snippets\b", code, re.MULTILINE), "a cell imports the snippets package"
    text = nbformat.writes(made)
    assert "](snippets/" not in text and ".md)" not in text and ".md#" not in text, "a link only the site resolves"
    assert text == nbformat.writes(notebook(note, SITE_URL)), "two assemblies differ: not deterministic"
    intro = made.cells[1].source
    assert all(recorded_environment()[key] in intro for key in ("torch", "numpy", "date")), intro
    torch = recorded_environment()["torch"].split("+")[0]  # PyPI's name of the recorded release
    assert f"%pip install torch=={torch} " in intro, f"the intro does not say how to get torch {torch}: {intro}"
    nbformat.validate(made)


@pytest.mark.parametrize("note", NOTES, ids=IDS)
def test_site_offers_the_notebook_for_download(note, site):
    site_dir, _ = site
    problems = notebook_link_problems(site_dir, note)
    assert not problems, "\n".join(problems)


def test_a_failing_cell_is_named_with_its_snippet(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "snippets/demo").mkdir(parents=True)
    (tmp_path / "snippets/demo/fine.py").write_text("print('fine')\n")
    (tmp_path / "snippets/demo/fine.out").write_text("fine\n")
    (tmp_path / "snippets/demo/boom.py").write_text("print('about to fail')\nraise ValueError('planted')\n")
    (tmp_path / "snippets/demo/boom.out").write_text("about to fail\n")
    source = tmp_path / "docs/demo.md"
    source.write_text("# Demo\n\n" + "".join(
        f'```python\n--8<-- "snippets/demo/{name}.py"\n```\n\n```text\n--8<-- "snippets/demo/{name}.out"\n```\n\n'
        for name in ("fine", "boom")))
    note = load_page(source, tmp_path / "docs")
    problems = errors(note, execute(note))
    assert problems and problems[0].startswith("notebooks/demo.ipynb cell 3 (snippets/demo/boom.py): ")
    assert "ValueError" in problems[0] and "planted" in problems[0]


def test_the_build_never_executes_a_notebook(site):
    _, build = site
    converted = [line for line in build.log.splitlines() if "Converting notebook" in line]
    cached = [line for line in build.log.splitlines() if "Cache hit" in line]
    assert len(converted) + len(cached) == len(NOTES), build.log
    assert all("(execute=False)" in line for line in converted), converted


def test_a_notebook_page_is_rendered_again_only_when_its_notebook_changed(tmp_path):
    project = minimal_project(tmp_path / "project")

    def build() -> list[str]:
        result = build_site(project, tmp_path / "site")
        assert result.returncode == 0, result.failure()
        return [line for line in result.log.splitlines() if "Cache" in line or "Converting notebook" in line]

    first, second = build(), build()
    assert any("Cache miss" in line for line in first) and any("Converting" in line for line in first), first
    assert [line for line in second if "Cache hit" in line] and not [l for l in second if "Converting" in l], second
    (project / "snippets/demo/square.out").write_text("an edited output\n")
    assert any("Cache miss" in line for line in build()), "a changed notebook was served from the cache"
    assert "an edited output" in (tmp_path / "site/notebooks/demo/index.html").read_text(encoding="utf-8")
