"""The page model (overrides/hooks/pages.py) that the build hooks and the checks
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
    assert [(e.line, e.kind, e.section) for e in page.embeds] == [(6, "code", "greet"), (12, "code", None),
                                                                 (16, "output", None)]
    assert page.embeds[0].shown_text(nested) == SECTION
    assert embed_problems(nested) == []

    made = notebook(page, "https://example.org/")
    code = [cell for cell in made.cells if cell.cell_type == "code"]
    assert code[0].source == SECTION and code[0].metadata["section"] == "greet"
    assert "--8<--" not in nbformat.writes(made), "a marker or an embed line reached the notebook"
    assert code[1].source == textwrap.dedent(GREET).replace(
        "    # --8<-- [start:greet]\n", "").replace("    # --8<-- [end:greet]\n", "").rstrip("\n")
    assert code[1].outputs[0].text == "hello, reader\n"

    site_dir = tmp_path / "site"
    build = build_site(nested, site_dir)
    assert build.returncode == 0, build.failure()
    shown = [block.rstrip("\n") for block in code_blocks(built_page(site_dir, page))]
    assert shown[:2] == [SECTION, code[1].source], "the page shows other code than the notebook"
    assert notebook_link_problems(site_dir, page) == []
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
