"""The page model (mlnotes/pages.py) that the build hooks and the checks
share: a section embed and a page in a sub-folder reach the page, the notebook
and the checks alike."""

import textwrap

import nbformat
import pytest

from mlnotes.notebook import notebook
from mlnotes.pages import load_page, page_url
from mlnotes.checks.site import build_site, built_page, code_blocks, embed_problems, minimal_project, notebook_link_problems

GREET = '''\
class Greeter:
    # --8<-- [start:greet]
    def greet(self, name):
        return f"hello, {name}"
    # --8<-- [end:greet]


print(Greeter().greet("reader"))
'''

PAGE = '''\
# Machine Learning Notes - Demo

The method on its own:

```python
--8<-- "snippets/demo/greet.py:greet"
```

The whole script:

```python
--8<-- "snippets/demo/greet.py"
```

```text title="Output"
--8<-- "snippets/demo/greet.out"
```

![the square function](../snippets/demo/square.svg)
/// caption
The square of
$x$.
///

Save [greet.py](../snippets/demo/greet.py){ download }.
'''

SECTION = 'def greet(self, name):\n    return f"hello, {name}"'


@pytest.fixture(scope="module")
def nested(tmp_path_factory):
    """The minimal site with a note in a sub-folder of docs/ that embeds a section."""
    project = minimal_project(tmp_path_factory.mktemp("nested") / "project")
    (project / "snippets/demo/greet.py").write_text(GREET)
    (project / "snippets/demo/greet.out").write_text("hello, reader\n")
    (project / "docs/guide").mkdir()
    (project / "docs/guide/demo.md").write_text(PAGE)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("nav:\n", "nav:\n  - Guide demo: guide/demo.md\n", 1))
    return project


def test_page_urls_follow_mkdocs_rules():
    assert [page_url(src) for src in ["index.md", "a.md", "guide/index.md", "guide/a.md", "notebooks/guide/a.ipynb"]] \
        == ["", "a/", "guide/", "guide/a/", "notebooks/guide/a/"]


def test_a_section_embed_reaches_page_notebook_and_checks(nested, tmp_path):
    page = load_page(nested / "docs/guide/demo.md", nested / "docs")
    assert [(e.line, e.kind, e.section, e.path) for e in page.embeds] == [
        (6, "code", "greet", "snippets/demo/greet.py"), (12, "code", None, "snippets/demo/greet.py"),
        (16, "output", None, "snippets/demo/greet.out"), (19, "figure", None, "snippets/demo/square.svg")]
    assert page.embeds[0].shown_text(nested) == SECTION
    assert embed_problems(nested) == []

    made = notebook(page, "https://example.org/")
    code = [cell for cell in made.cells if cell.cell_type == "code"]
    assert code[0].source == SECTION and code[0].metadata["section"] == "greet"
    assert "--8<--" not in nbformat.writes(made), "a marker or an embed line reached the notebook"
    assert code[1].source == textwrap.dedent(GREET).replace(
        "    # --8<-- [start:greet]\n", "").replace("    # --8<-- [end:greet]\n", "").rstrip("\n")
    assert code[1].outputs[0].text == "hello, reader\n"
    prose = made.cells[-1]  # the figure travels with its cell, its caption under it, the file from the site
    assert prose.source == ("![the square function](attachment:square.svg)\n*The square of $x$.*\n\n"
                            "Save [greet.py](https://example.org/snippets/demo/greet.py)."), prose.source
    assert "square.svg" in prose.attachments

    site_dir = tmp_path / "site"
    build = build_site(nested, site_dir)
    assert build.returncode == 0, build.failure()
    shown = [block.rstrip("\n") for block in code_blocks(built_page(site_dir, page))]
    assert shown[:2] == [SECTION, code[1].source], "the page shows other code than the notebook"
    assert notebook_link_problems(site_dir, page) == []
    assert (site_dir / "snippets/demo/greet.py").read_text() == GREET  # the file the page offers
    # The check itself, on planted faults: a link removed, the download gone.
    html = built_page(site_dir, page)
    html.write_text(html.read_text(encoding="utf-8").replace(">View as a notebook<", ">Notebook<"), encoding="utf-8")
    assert notebook_link_problems(site_dir, page) == ["guide/demo/index.html: no 'View as a notebook' link"]
    (site_dir / page.notebook_url / "demo.ipynb").unlink()
    assert notebook_link_problems(site_dir, page) == [f"{page.name}: no notebooks/guide/demo/demo.ipynb"]


def test_a_missing_section_is_named_with_page_and_line(nested):
    page = nested / "docs/guide/demo.md"
    page.write_text(PAGE.replace("greet.py:greet", "greet.py:wave"))
    try:
        assert embed_problems(nested) == [
            "docs/guide/demo.md:6: embeds section 'wave' of snippets/demo/greet.py, "
            "which has no line '# --8<-- [start:wave]'"]
    finally:
        page.write_text(PAGE)


def test_a_notebook_saves_the_modules_its_cells_import_that_its_page_does_not_show(tmp_path):
    """A chapter page may use engine.py that another page explains: its notebook
    still runs on its own, saving each module (and what that imports) before
    the first cell that needs it, once."""
    folder = tmp_path / "snippets/demo"
    folder.mkdir(parents=True)
    (folder / "core.py").write_text("BASE = 2\n")
    (folder / "helper.py").write_text("from core import BASE\n\n\ndef double(x):\n    return BASE * x\n")
    for name, line in (("first", "print(double(2))"), ("second", "print(double(3))")):
        (folder / f"{name}.py").write_text(f"from helper import double\n\n{line}\n")
        (folder / f"{name}.out").write_text("4\n")
    (tmp_path / "docs").mkdir()
    source = tmp_path / "docs/demo.md"
    source.write_text("# Demo\n\n" + "".join(f'```python\n--8<-- "snippets/demo/{name}.py"\n```\n\n'
                                             f'```text\n--8<-- "snippets/demo/{name}.out"\n```\n\n'
                                             for name in ("first", "second")))
    cells = [cell.source.splitlines()[0] for cell in notebook(load_page(source, tmp_path / "docs"), "/").cells
             if cell.cell_type == "code"]
    assert cells == ["%%writefile core.py", "%%writefile helper.py", "from helper import double",
                     "from helper import double"], cells


def test_a_module_the_page_shows_gets_the_modules_it_imports_saved_too(tmp_path):
    """check_exercises.py shown whole imports engine.py, which the page does
    not show: the notebook saves engine.py before the first cell that runs it."""
    folder = tmp_path / "snippets/demo"
    folder.mkdir(parents=True)
    (folder / "core.py").write_text("BASE = 2\n")
    (folder / "helper.py").write_text("from core import BASE\n\n\ndef double(x):\n    return BASE * x\n")
    (folder / "first.py").write_text("from helper import double\n\nprint(double(2))\n")
    (folder / "first.out").write_text("4\n")
    (tmp_path / "docs").mkdir()
    source = tmp_path / "docs/demo.md"
    source.write_text('# Demo\n\n```python\n--8<-- "snippets/demo/helper.py"\n```\n\n'
                      '```python\n--8<-- "snippets/demo/first.py"\n```\n\n'
                      '```text\n--8<-- "snippets/demo/first.out"\n```\n')
    cells = [cell.source.splitlines()[0] for cell in notebook(load_page(source, tmp_path / "docs"), "/").cells
             if cell.cell_type == "code"]
    assert cells == ["%%writefile helper.py", "%%writefile core.py", "from helper import double"], cells


def test_front_matter_is_the_pages_settings_not_its_text(tmp_path):
    """A page's front matter reaches neither its prose (nor so its notebook);
    the lines after it keep their numbers."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "note.md").write_text("---\ndescription: What it teaches.\n---\n\n# A note\n\nProse.\n")
    page = load_page(docs / "note.md", docs)
    text = [(block.line, line) for block in page.prose for line in block.lines]
    assert not any("description" in line or line == "---" for _, line in text), text
    assert page.title == "A note"
    assert any(line == "Prose." for _, line in text)
