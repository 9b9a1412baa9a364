"""The site builds strictly, offline, without running code, and shows every
recorded output verbatim."""

import os
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup, SoupStrainer

from mlnotes.pages import FIGURE_SUFFIXES
from mlnotes.checks.site import (
    REPORT,
    append,
    build_site,
    built_page,
    embed_problems,
    external_loads,
    fetch_until,
    free_port,
    minimal_project,
    missing_outputs,
    site_pages,
    site_path,
)
from mlnotes.checks.snippets import ROOT, recorded_environment


def test_every_snippet_and_output_is_embedded_and_every_embed_resolves():
    problems = embed_problems(ROOT)
    assert not problems, REPORT(problems)


def test_build_runs_no_snippet_and_imports_no_torch(site):
    _, build = site
    ran = sorted(m for m in build.imported if m.split(".")[0] in {"torch", "snippets"})
    assert not ran, f"mkdocs build imported {ran}: the build must only assemble pages"


def test_built_pages_show_each_recorded_output_verbatim(site):
    site_dir, _ = site
    problems = missing_outputs(ROOT, site_dir)
    assert not problems, REPORT(problems)


def test_built_site_loads_nothing_from_another_host(site):
    site_dir, _ = site
    mathjax = [js.name for js in site_dir.rglob("*.js") if "mathjax" in js.as_posix().lower()]
    assert not mathjax, f"pages ship rendered math, yet the site serves MathJax: {mathjax[:3]}"
    figures = sorted(f for f in ROOT.glob("snippets/*/*") if f.suffix in FIGURE_SUFFIXES)
    assert figures and all((site_dir / f.relative_to(ROOT)).read_bytes() == f.read_bytes() for f in figures)
    problems = external_loads(site_dir)
    assert not problems, REPORT(problems)


# The checks themselves, fed a broken copy of the project: the minimal site
# (tests/minimal_site) where a build is needed, so each costs about a second.

@pytest.fixture
def project(tmp_path):
    return minimal_project(tmp_path / "project")


def test_the_minimal_site_is_sound(project):
    assert embed_problems(project) == [], "tests/minimal_site itself has a problem"


def test_embedding_a_missing_snippet_fails_the_build_naming_it(project, tmp_path):
    page = project / "docs/demo.md"
    line = len(page.read_text(encoding="utf-8").splitlines()) + 3
    append(page, '\n```python\n--8<-- "snippets/demo/nope.py"\n```\n')
    build = build_site(project, tmp_path / "site")
    assert build.returncode != 0
    assert "Error reading page 'demo.md': Snippet at path 'snippets/demo/nope.py' could not be found" in build.log
    assert embed_problems(project) == [f"docs/demo.md:{line}: embeds snippets/demo/nope.py, which does not exist"]


def test_embedding_a_missing_section_fails_the_build_naming_it(project, tmp_path):
    line = len((project / "docs/index.md").read_text(encoding="utf-8").splitlines()) + 3
    append(project / "docs/index.md", '\n```python\n--8<-- "snippets/demo/square.py:jacobian"\n```\n')
    build = build_site(project, tmp_path / "site")
    assert build.returncode != 0
    named = f"docs/index.md:{line}: embeds section 'jacobian' of snippets/demo/square.py"
    assert f"ERROR   -  {named}" in build.log and "Traceback" not in build.log, build.log
    assert embed_problems(project) == [f"{named}, which has no line '# --8<-- [start:jacobian]'"]


def test_a_broken_link_fails_the_build_naming_the_page(project, tmp_path):
    append(project / "docs/index.md", "\nSee [the missing note](missing.md).\n")
    build = build_site(project, tmp_path / "site")
    assert build.returncode != 0
    assert "Doc file 'index.md' contains a link 'missing.md', but the target is not found" in build.log


def test_orphan_snippet_and_misplaced_output_are_named(project):
    (project / "snippets/demo/unused.py").write_text("print(1)\n")
    (project / "snippets/demo/unused.out").write_text("1\n")
    (project / "snippets/demo/stray.out").write_text("2\n")
    assert sorted(embed_problems(project)) == [
        "snippets/demo/stray.out: recorded output of no snippet",
        "snippets/demo/unused.out: not embedded in any page under docs/",
        "snippets/demo/unused.py: not embedded in any page under docs/"]


def test_a_figure_no_page_shows_is_named_and_a_missing_one_fails_the_build(project, tmp_path):
    (project / "snippets/demo/unused.svg").write_text("<svg/>")
    assert embed_problems(project) == ["snippets/demo/unused.svg: figure not shown in any page under docs/"]
    (project / "snippets/demo/square.svg").unlink()
    build = build_site(project, tmp_path / "site")
    assert build.returncode != 0
    assert "'snippets/demo/square.svg', but the target" in build.log


def test_output_shown_under_another_snippet_is_named(project):
    (project / "snippets/demo/cube.py").write_text("print(27)\n")
    append(project / "docs/demo.md", '\n```python\n--8<-- "snippets/demo/cube.py"\n```\n')
    page = project / "docs/demo.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace('--8<-- "snippets/demo/square.py"', '--8<-- "snippets/demo/cube.py"', 1) + "\n")
    problems = embed_problems(project)
    assert any("output snippets/demo/square.out is not right after an embed of snippets/demo/square.py" in p
               for p in problems), problems


def test_output_with_angle_brackets_is_shown_literally(project, tmp_path):
    # PyTorch prints `grad_fn=<MulBackward0>`: it must reach the reader as text, not as a tag.
    record = project / "snippets/demo/square.out"
    record.write_text("tensor([6.], dtype=torch.float64, grad_fn=<MulBackward0>) & <b>\n")
    build = build_site(project, tmp_path / "site")
    assert build.returncode == 0, build.failure()
    assert missing_outputs(project, tmp_path / "site") == []
    # The check itself notices when the page shows something else.
    record.write_text("tensor([7.])\n")
    assert missing_outputs(project, tmp_path / "site") != []


def test_mkdocs_serve_rebuilds_when_an_output_changes(project):
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        url = f"http://127.0.0.1:{port}{site_path(project)}demo/"
        assert "x^2 = 9.0" in fetch_until(url, "x^2 = 9.0")
        (project / "snippets/demo/square.out").write_text("an edited output\n")
        assert "an edited output" in fetch_until(url, "an edited output"), (
            "mkdocs serve did not rebuild after snippets/demo/square.out changed"
        )
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_every_note_and_notebook_page_says_what_recorded_its_outputs(site):
    site_dir, _ = site
    env = recorded_environment()
    notes = [page for page in site_pages(ROOT) if page.is_note]
    assert notes
    for url in [u for page in notes for u in (page.url, page.notebook_url)]:
        html = (site_dir / url / "index.html").read_text(encoding="utf-8")
        foot = BeautifulSoup(html, "html.parser", parse_only=SoupStrainer(class_="recorded-with")).p
        assert foot, f"/{url} does not say what recorded its outputs"
        missing = [key for key in ("python", "torch", "numpy", "platform", "date") if env[key] not in foot.get_text()]
        assert not missing, f"/{url}: {foot.get_text()!r} lacks the recorded {missing}"


def test_what_changed_lists_the_latest_change_of_a_record(site):
    site_dir, _ = site
    text = BeautifulSoup((site_dir / "changes/index.html").read_text(encoding="utf-8"), "html.parser").get_text()
    git = ["git", "-C", str(ROOT)]
    if subprocess.run([*git, "rev-parse", "--is-shallow-repository"], capture_output=True, text=True).stdout.strip() \
            == "true":
        assert "only part of its history (a shallow clone)" in text
    latest = subprocess.run([*git, "log", "-1", "--no-merges", "--format=%h", "--", ":(glob)snippets/**/*.out"],
                            capture_output=True, text=True, check=True).stdout.strip()
    if latest:
        assert f"· {latest}" in text, f"What changed does not list commit {latest}, which changed an output"


def test_what_changed_says_so_when_the_build_has_no_history(tmp_path):
    project = minimal_project(tmp_path / "project")  # a copy, outside any git repository
    build = build_site(project, tmp_path / "site")
    assert build.returncode == 0, build.failure()
    page = (tmp_path / "site/changes/index.html").read_text(encoding="utf-8")
    assert "built without its git history" in page


def test_the_page_model_sees_every_display_formula_the_build_typesets(site):
    """Every form of display math (``$$``, ``\\[``, a bare environment) reaches the
    formula checks only through the page model: it must see as many as the build draws."""
    site_dir, _ = site
    for page in site_pages(ROOT):
        html = built_page(site_dir, page).read_text(encoding="utf-8")
        drawn = len(BeautifulSoup(html, "html.parser", parse_only=SoupStrainer("div", class_="arithmatex")))
        assert drawn == len(page.equations), (
            f"{page.name}: the build draws {drawn} display formulas, the page model reads {len(page.equations)}")
