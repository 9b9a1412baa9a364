"""What readers of a technical book rely on: each page's source, the source of
each code block, captioned figures, numbered equations, a search index of the
teaching, a notebook to run in the cloud. Each check runs on the real site and
on a copy of the minimal site (tests/minimal_site) with a fault planted."""

import pytest

from mlnotes.checks.site import (REPORT, append, build_site, colab_link_problems, description_problems, equation_problems, code_title_problems, figure_problems, objectives_problems,
                                 minimal_project, search_index_problems,
                                 source_link_problems, workflow_problems)
from mlnotes.checks.site import COLAB
from mlnotes.checks.snippets import ROOT


@pytest.fixture
def project(tmp_path):
    return minimal_project(tmp_path / "project")


def built(project, tmp_path):
    """The minimal site built strictly (it must build)."""
    build = build_site(project, tmp_path / "site")
    assert build.returncode == 0, build.failure()
    return tmp_path / "site"


def test_every_note_and_notebook_page_links_to_its_source_and_fetches_nothing(site):
    site_dir, _ = site
    problems = source_link_problems(ROOT, site_dir)
    assert not problems, REPORT(problems)


def test_a_theme_that_fetches_repository_facts_is_reported(project, tmp_path):
    assert source_link_problems(project, built(project, tmp_path)) == []
    (project / "overrides/partials/source.html").unlink()  # Material's own partial fetches api.github.com
    problems = source_link_problems(project, built(project, tmp_path))
    assert problems and all("data-md-component" in problem for problem in problems), problems


def test_python_blocks_on_note_pages_are_titled_with_a_link_to_their_file(site):
    site_dir, _ = site
    problems = code_title_problems(ROOT, site_dir)
    assert not problems, REPORT(problems)


def test_untitled_blocks_and_a_title_linking_nowhere_are_reported(project, tmp_path):
    assert code_title_problems(project, built(project, tmp_path)) == []
    page = project / "docs/demo.md"
    append(page, "\n```python\nprint(1)\n```\n\n```python\nprint(2)\n```\n")  # two blocks of no file
    assert "docs/demo.md: 1 of its 3 Python blocks are titled" in REPORT(code_title_problems(project, built(project, tmp_path)))
    site_dir = built(project, tmp_path)
    (site_dir / "snippets/demo/square.py").write_text("print('another file')\n")
    assert any("links to ../snippets/demo/square.py, which the site does not serve" in problem
               for problem in code_title_problems(project, site_dir))


def test_every_figure_of_a_note_page_has_a_caption(site):
    site_dir, _ = site
    problems = figure_problems(ROOT, site_dir)
    assert not problems, REPORT(problems)


def test_a_figure_without_caption_is_reported(project, tmp_path):
    assert figure_problems(project, built(project, tmp_path)) == []
    page = project / "docs/demo.md"
    page.write_text(page.read_text(encoding="utf-8").replace("/// caption\nThe square function.\n///\n", ""))
    assert figure_problems(project, built(project, tmp_path)) == [
        "docs/demo.md: the figure ../snippets/demo/square.svg has no caption (follow it with /// caption ... ///)"]


def test_every_note_and_notebook_page_opens_its_notebook_in_colab(site):
    site_dir, _ = site
    problems = colab_link_problems(ROOT, site_dir)
    assert not problems, REPORT(problems)


def test_a_page_without_its_colab_link_is_reported(project, tmp_path):
    site_dir = built(project, tmp_path)
    assert colab_link_problems(project, site_dir) == []
    page = site_dir / "demo/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("Open in Colab", "Open"))
    assert colab_link_problems(project, site_dir) == [
        "demo/index.html: no 'Open in Colab' link to " + COLAB + "notebooks/demo.ipynb"]


def test_the_workflow_fetches_full_history_and_pushes_the_notebooks():
    workflow = ROOT / ".github/workflows/publish.yml"
    assert workflow_problems(workflow) == []


def test_a_shallow_checkout_and_no_notebook_push_are_reported(tmp_path):
    workflow = tmp_path / "publish.yml"
    text = (ROOT / ".github/workflows/publish.yml").read_text(encoding="utf-8")
    workflow.write_text(text.replace("fetch-depth: 0", "fetch-depth: 1").replace("git push", "echo"))
    assert workflow_problems(workflow) == [
        "publish.yml: actions/checkout without fetch-depth: 0 (a one-commit history)",
        "publish.yml: no step pushes the notebooks to branch notebooks"]


def test_the_search_index_holds_the_teaching_without_tex_marks_or_history(site):
    site_dir, _ = site
    problems = search_index_problems(ROOT, site_dir)
    assert not problems, REPORT(problems)


def test_tex_marks_and_what_changed_in_the_index_are_reported(project, tmp_path):
    append(project / "docs/demo.md", "\n<!-- check: square -->\n$$\n\\partial_x x^2\n$$\n")
    assert search_index_problems(project, built(project, tmp_path)) == []
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - overrides/hooks/search_text.py", "")
                      .replace("    - search.share\n", ""))
    hook = project / "overrides/hooks/changes.py"
    hook.write_text(hook.read_text(encoding="utf-8").replace("search:\\n  exclude: true", "title: x"))
    problems = REPORT(search_index_problems(project, built(project, tmp_path)))
    assert "an entry of What changed" in problems and "lacks search.share" in problems, problems
    demo = next(line for line in problems.splitlines() if "demo/ shows" in line)
    assert all(raw in demo for raw in ("\\partial", "\\(", "✓")), demo


def test_display_equations_are_numbered_and_references_name_them(site):
    site_dir, _ = site
    problems = equation_problems(ROOT, site_dir)
    assert not problems, REPORT(problems)


LABELLED = """
<!-- label: cube -->
<!-- unchecked: an example -->
$$
\\frac{d}{dx}x^3 = 3x^2
$$

By [](#eq-cube), and by [](#eq-1).
"""


def test_a_label_names_its_equation_and_a_reference_reads_its_number(project, tmp_path):
    append(project / "docs/demo.md", LABELLED)
    site_dir = built(project, tmp_path)
    assert equation_problems(project, site_dir) == []
    html = (site_dir / "demo/index.html").read_text(encoding="utf-8")
    assert '<div class="equation" id="eq-2"><span id="eq-cube"></span>' in html
    assert '<span class="equation-number">(2)</span>' in html
    assert '<a href="#eq-cube" class="equation-reference">(2)</a>' in html
    assert '<a href="#eq-1" class="equation-reference">(1)</a>' in html
    assert "label:" not in html, "the label comment is the author's, not the reader's"
    html = html.replace('class="equation-reference">(2)', 'class="equation-reference">(1)')
    (site_dir / "demo/index.html").write_text(html, encoding="utf-8")
    assert equation_problems(project, site_dir) == [
        "docs/demo.md: the reference '(1)' to #eq-cube does not name the equation it points at"]


def test_a_reference_to_an_unknown_label_fails_the_build_naming_page_and_line(project, tmp_path):
    page = project / "docs/demo.md"
    line = len(page.read_text(encoding="utf-8").splitlines()) + 2
    append(page, "\nAs [](#eq-nope) shows.\n")
    build = build_site(project, tmp_path / "site")
    assert build.returncode != 0
    assert f"docs/demo.md:{line}: refers to equation 'nope', which no <!-- label: nope --> on the page names" \
        in build.log, build.log


@pytest.mark.parametrize("comments", [["<!-- check: dot -->", "<!-- label: dot -->"],
                                      ["<!-- label: dot -->", "<!-- check: dot -->"]])
def test_the_page_model_keeps_the_check_marker_beside_a_label(tmp_path, comments):
    from mlnotes.pages import load_page

    (tmp_path / "docs").mkdir()
    source = tmp_path / "docs/page.md"
    source.write_text("# A page\n\n" + "\n".join(comments) + "\n$$\na \\cdot b\n$$\n", encoding="utf-8")
    [equation] = load_page(source, tmp_path / "docs").equations
    assert (equation.marker, equation.label, equation.line) == ("check: dot", "dot", 5)
    assert equation.marker_line == 3 + comments.index("<!-- check: dot -->")


def test_a_notebook_reads_an_equation_reference_as_its_number(project):
    from mlnotes.notebook import notebook
    from mlnotes.pages import load_page

    append(project / "docs/demo.md", LABELLED)
    made = notebook(load_page(project / "docs/demo.md", project / "docs"), "https://example.org/")
    text = "\n".join(cell.source for cell in made.cells)
    assert "By [(2)](https://example.org/demo/#eq-cube), and by [(1)](https://example.org/demo/#eq-1)." in text


def test_every_note_page_states_objectives_and_prerequisites_after_its_title():
    problems = objectives_problems(ROOT)
    assert not problems, REPORT(problems)


def test_a_page_without_objectives_or_with_them_out_of_place_is_reported(project):
    assert objectives_problems(project) == []
    page = project / "docs/demo.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("# Machine Learning Notes - Demo\n", "# Machine Learning Notes - Demo\n\n"
                                 "## A List of Related Posts\n\n- [Home](index.md)\n"), encoding="utf-8")
    assert objectives_problems(project) == [], "the related posts may stand before them"
    page.write_text(text.replace("# Machine Learning Notes - Demo\n", "# Machine Learning Notes - Demo\n\nHello.\n"))
    assert objectives_problems(project) == ["docs/demo.md:1: something other than '## A List of Related Posts' "
                                            "stands between the H1 and the objectives"]
    page.write_text(text.replace('!!! info "What it assumes"', '!!! note "Prerequisites"'), encoding="utf-8")
    assert len(objectives_problems(project)) == 1 and "What it assumes" in objectives_problems(project)[0]


def test_every_page_has_its_description_and_opengraph_tags(site):
    site_dir, _ = site
    problems = description_problems(ROOT, site_dir)
    assert not problems, REPORT(problems)


def test_a_page_description_is_rendered_and_a_wrong_one_reported(project, tmp_path):
    page = project / "docs/demo.md"
    page.write_text("---\ndescription: The square and its derivative.\n---\n\n" + page.read_text(encoding="utf-8"))
    site_dir = built(project, tmp_path)
    assert description_problems(project, site_dir) == []
    html = (site_dir / "demo/index.html").read_text(encoding="utf-8")
    assert '<meta property="og:description" content="The square and its derivative.">' in html
    assert '<meta property="og:title" content="Demo - ML Notes, verified">' in html
    (site_dir / "demo/index.html").write_text(html.replace('content="The square and its derivative."', 'content="x"', 1))
    assert description_problems(project, site_dir) == [
        "docs/demo.md: <meta name=\"description\"> is ['x'], not ['The square and its derivative.']"]
