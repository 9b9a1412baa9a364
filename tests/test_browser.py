"""The built site in a real browser, page by page and across pages: math
arrives rendered in the HTML (no MathJax runs), outputs and figures show,
nothing is fetched from another host, and instant navigation, dark mode,
search and the copy button work.

Needs Debian's Chromium (`apt-get install chromium`, done by .ci/run); the
tests skip, saying so, where it is absent.
"""

import copy
import re

import pytest

from mlnotes.checks.browser import CHROMIUM, GENERATED, INSTALL, PHONE, Server, Visit, launch, page_paths
from mlnotes.pages import load_page
from mlnotes.checks.site import REPORT, append, build_site, copy_sources, minimal_project
from mlnotes.checks.snippets import ROOT
from mlnotes.checks.stepper import FOLDER as STEPPER_FOLDER
from mlnotes.checks.stepper import STEPPED, expected_states, figure_locator, recorded, state, stepping_problems

if not CHROMIUM.exists():
    pytest.skip(f"browser tests need Debian's Chromium at {CHROMIUM}: {INSTALL}", allow_module_level=True)
from playwright.sync_api import sync_playwright  # noqa: E402  (only once Chromium is known to exist)

PAGES = page_paths()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def served(built_site):
    """The real site, served at http://127.0.0.1:<port>/<site path>/ (conftest.py builds it once)."""
    return built_site.url


def serve_build(project, site_dir):
    server = Server(site_dir)  # the port first: the build writes it into the sitemap
    return server, build_site(project, site_dir, site_url=server.url)


@pytest.fixture
def visit(browser):
    opened = []

    def open_page(url, **options):
        opened.append(Visit(browser, url, **options))
        return opened[-1]
    yield open_page
    for page in opened:
        page.close()


@pytest.fixture
def broken_site(tmp_path):
    """Build a changed copy of the minimal site (tests/minimal_site) and serve it: ``broken_site(change)``."""
    servers = []

    def build(change):
        project = minimal_project(tmp_path / "project")  # builds in about a second
        change(project)
        server, build = serve_build(project, tmp_path / "site")
        servers.append(server)
        assert build.returncode == 0, build.failure()
        return server.url
    yield build
    for server in servers:
        server.close()


@pytest.mark.parametrize("path", [*PAGES, *GENERATED])
def test_page_shows_what_a_reader_should_see(visit, served, path):
    page = visit(served + path)
    # one load: what it shows, then its layout at 1280 and 390 px and axe in light and dark
    problems = page.problems(PAGES.get(path)) + page.readability_problems()
    assert not problems, f"/{path}:\n" + REPORT(problems)


def test_the_404_page_works_offline(visit, served):
    page = visit(served + "no/such/page/")
    assert page.response.status == 404
    assert "404" in page.page.inner_text("article")
    problems = page.problems() + page.readability_problems()
    assert not problems, REPORT(problems)


@pytest.mark.parametrize("note", [path for path, page in PAGES.items() if page.is_note and path == page.url
                                  and path != "backpropagation/"])  # that one: test_math_on_a_phone below
def test_notebook_math_is_drawn_as_on_the_note(visit, served, note):
    """Each display formula's box on the notebook page, at phone width, is the
    note's (nbconvert's stylesheet once added a band above every matrix)."""
    sizes = {path: visit(served + path, viewport={"width": PHONE, "height": 800}).page.evaluate(FORMULA_BOXES)
             for path in (note, PAGES[note].notebook_url)}
    assert not formula_box_differences(*sizes.values()), REPORT(formula_box_differences(*sizes.values()))


FORMULA_BOXES = """() => Array.from(document.querySelectorAll('article div.arithmatex svg'), svg => {
    const box = svg.getBoundingClientRect();
    return [Math.round(box.width), Math.round(box.height)];
})"""


def formula_box_differences(note: list, notebook: list) -> list[str]:
    if len(note) != len(notebook):
        return [f"{len(note)} display formulas on the note, {len(notebook)} on its notebook page"]
    return [f"display formula {i}: {a[0]}x{a[1]} px on the note, {b[0]}x{b[1]} px on the notebook page"
            for i, (a, b) in enumerate(zip(note, notebook), start=1)
            if abs(a[0] - b[0]) > 1 or abs(a[1] - b[1]) > 1]


# The page checks themselves, fed a broken copy of the site.

def test_a_script_from_another_host_is_reported(visit, broken_site):
    script = '\n<script src="https://cdn.example.com/tracker.js"></script>\n'
    url = broken_site(lambda project: append(project / "docs/index.md", script))
    assert "requested another host: https://cdn.example.com/tracker.js" in visit(url).problems()


def test_unrendered_math_and_a_mathjax_script_are_reported(visit, broken_site):
    # (A TeX error fails the build itself: tests/test_math.py.)
    def break_math(project):
        config = project / "mkdocs.yml"
        hooks = config.read_text(encoding="utf-8")
        config.write_text(re.sub(r"^  - overrides/hooks/mathjax\.py.*\n", "", hooks, flags=re.MULTILINE))
        append(project / "docs/index.md", "\n<script>window.MathJax = {tex: {}};</script>\n")
    url = broken_site(break_math)
    problems = visit(url + "demo/").problems()
    assert any(re.fullmatch(r"(\d+) of \1 formulas not rendered in the HTML as served", p) for p in problems)
    assert any(re.fullmatch(r"(\d+) of \1 formulas not rendered \(no SVG\)", p) for p in problems)
    assert any(p.startswith("raw TeX in the text: ") and "\\frac" in p for p in problems)
    problems = visit(url + "notebooks/demo/").problems()  # its $..$ and $$..$$ too
    assert any(p.startswith("raw TeX in the text: ") and "$" in p for p in problems)
    problems = visit(url).problems()
    assert "MathJax script on the page: 'window.MathJax = {tex: {}};'" in problems
    assert "MathJax runs on the page" in problems


def test_an_output_the_page_does_not_show_is_reported(visit, served, tmp_path):
    project = copy_sources(tmp_path / "project")
    (project / "snippets/backpropagation/softmax.out").write_text("not what the site shows\n")
    page = load_page(project / "docs/backpropagation.md", project / "docs")
    problems = visit(served + "backpropagation/").problems(page)
    assert any("snippets/backpropagation/softmax.out is not shown literally" in p for p in problems)


def test_layout_and_accessibility_faults_are_reported(visit, served):
    """Planted on one load: an over-wide element, an equation clipped without a
    scrollbar, a scrolling block with no tab stop, text too small for a phone,
    and text too pale in light and too dark in dark mode."""
    opened = visit(served + "verification/")
    opened.page.evaluate("""() => {
        const article = document.querySelector('article');
        article.insertAdjacentHTML('beforeend',
            '<div id="planted-wide" style="width: 1500px">wide</div>' +
            '<div class="arithmatex" style="overflow: hidden"><span style="display: inline-block; ' +
            'width: 2000px">clipped formula</span></div>' +
            '<table style="display: block; overflow-x: auto"><tr><td><span style="display: ' +
            'inline-block; width: 2000px">unreachable</span></td></tr></table>' +
            '<p id="planted-pale">pale text</p><p id="planted-small" style="font-size: 11px">small text</p>');
    }""")
    opened.page.add_style_tag(content="""
        [data-md-color-scheme="default"] #planted-pale { color: #bbbbbb; }
        [data-md-color-scheme="slate"] #planted-pale { color: #444444; }""")
    problems = opened.readability_problems()
    for width in (1280, 390):
        assert any(p.startswith(f"at {width} px: the page scrolls sideways") and 'div "wide"' in p
                   for p in problems), problems
        assert any(p.startswith(f"at {width} px: clipped") and "clipped formula" in p for p in problems)
        assert any(p.startswith(f"at {width} px: scrolls but has no tab stop") and "unreachable" in p
                   for p in problems)
    assert any(p.startswith("at 390 px: text below 12 px: 11 px") and "small text" in p for p in problems)
    assert not any(p.startswith("at 1280 px: text below 12 px") for p in problems)
    for scheme in ("light", "dark"):
        assert any(p.startswith(f"axe color-contrast (serious, {scheme}") and "#planted-pale" in p
                   for p in problems), problems


# Across the site.

def test_instant_navigation_shows_math(visit, served):
    opened = visit(served + "backpropagation/")
    page = opened.page
    page.evaluate("window.notReloaded = true")  # gone if a link reloads the whole page
    links = [("article a", "View as a notebook", "notebooks/backpropagation/", True),
             ("nav.md-nav--primary a.md-nav__link", "Home", "", False),
             ("nav.md-nav--primary a.md-nav__link", "Backpropagation", "backpropagation/", True)]
    for where, label, path, has_math in links:
        title = page.title()
        link = page.locator(where).filter(has_text=re.compile(rf"^\s*{re.escape(label)}\s*$")).first
        if not link.is_visible():  # a page of the chapter, in its closed section of the navigation
            page.locator("nav.md-nav--primary label.md-nav__link").filter(has_text="Backpropagation").first.click()
        link.click()
        page.wait_for_url(served + path)
        page.wait_for_function("title => document.title !== title", arg=title)  # the new page is in
        rendered = page.locator(".arithmatex mjx-container > svg").count()
        assert (rendered > 0) == has_math, f"{rendered} rendered formulas after navigating to /{path}"
        problems = opened.problems()  # among them: every glyph the formulas use is on the page
        assert not problems, f"after navigating to /{path}: {problems}"
    assert page.evaluate("window.notReloaded === true"), "navigation reloaded the page: not instant"


def test_dark_mode_toggle_keeps_math_legible(visit, served):
    opened = visit(served + "backpropagation/")
    page = opened.page
    before = page.get_attribute("body", "data-md-color-scheme")
    page.locator("label.md-header__button[for^='__palette_']:visible").click()
    assert (before, page.get_attribute("body", "data-md-color-scheme")) == ("default", "slate")
    math, background = page.evaluate("""() => [  // the ink of the glyphs (currentColor)
        getComputedStyle(document.querySelector('mjx-container svg g')).fill,
        getComputedStyle(document.body).backgroundColor]""")
    assert luminance(math) > 0.6 and luminance(background) < 0.2, (
        f"math colour {math} on background {background} in dark mode")


def test_math_on_a_phone_keeps_its_size_on_note_and_notebook(visit, served):
    """The Backpropagation note and its notebook page at phone width, loaded once
    each (they are the largest pages): no formula shrunk, the notebook's formulas
    drawn as the note's; then each check fails on its planted fault."""
    note, notebook = (visit(served + path, viewport={"width": PHONE, "height": 800})
                      for path in ("backpropagation/", "notebooks/backpropagation/"))
    for opened in (note, notebook):
        assert not opened.problems(), REPORT(opened.problems())
    boxes = note.page.evaluate(FORMULA_BOXES)
    differences = formula_box_differences(boxes, notebook.page.evaluate(FORMULA_BOXES))
    assert not differences, REPORT(differences)
    # A band above each formula on the notebook page, as nbconvert's CSS once drew:
    notebook.page.add_style_tag(content=".jupyter-wrapper div.arithmatex svg { padding-top: 40px; }")
    differences = formula_box_differences(boxes, notebook.page.evaluate(FORMULA_BOXES))
    assert differences and differences[0].startswith("display formula 1: "), differences
    # Material's cap on SVG width, which on narrow screens shrank display math to a dot:
    for opened in (note, notebook):
        opened.page.add_style_tag(content=".md-typeset mjx-container > svg { max-width: 100% !important; }")
        assert any(p.endswith("formulas shrunk to a dot") for p in opened.problems()), opened.url


def luminance(css_color: str) -> float:
    red, green, blue = (float(part) for part in re.findall(r"[\d.]+", css_color)[:3])
    return (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255


def test_search_for_softmax_lists_the_backpropagation_page(visit, served):
    opened = visit(served)
    page = opened.page
    page.locator("input.md-search__input").click()
    page.keyboard.type("softmax")  # Material searches on key events, not on a programmatic fill
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=15_000)
    links = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert any("backpropagation/" in link for link in links), links
    assert not opened.external, f"search requested other hosts: {opened.external}"


def test_copy_button_copies_the_snippet(visit, served):
    opened = visit(served + "backpropagation/", permissions=["clipboard-read", "clipboard-write"])
    page = opened.page
    source = PAGES["backpropagation/"]
    page_embeds = [e for e in source.embeds if e.kind != "figure"]
    fenced = [b for b in source.blocks if b.kind == "code"]  # embeds, and commands written in the page
    blocks = page.locator("pre > code").count()
    buttons = page.locator("pre button[data-clipboard-target]").count()
    assert blocks == len(fenced) and buttons == blocks, (
        f"{blocks} code blocks for {len(fenced)} fenced blocks in the page, {buttons} copy buttons")
    page.locator("pre button[data-clipboard-target]").first.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.strip() == page_embeds[0].shown_text(ROOT).strip()


# The stepped graph figures (docs/javascripts/stepper.js; mlnotes/checks/stepper.py).

STEPPED_PAGE = "backpropagation/engine/"  # the page that shows them

@pytest.fixture(scope="module")
def stepped_page(browser, served):
    """One load of the page with the stepped figures, for the tests that step a
    figure and bring it back to its first step (the page is large: a load is seconds)."""
    opened = Visit(browser, served + STEPPED_PAGE)
    yield opened
    opened.close()


@pytest.mark.parametrize("name", sorted(STEPPED))
def test_a_stepped_figure_shows_its_recorded_steps_forward_and_back(stepped_page, name):
    opened = stepped_page
    problems = stepping_problems(opened.page, name, recorded(STEPPER_FOLDER / name))
    assert not problems, REPORT(problems)
    assert not opened.problems(), REPORT(opened.problems())  # no console error, no other host


def test_a_stepped_figure_steps_by_keyboard(visit, served):
    page = visit(served + STEPPED_PAGE).page
    data = recorded(STEPPER_FOLDER / "gate_graph.svg")
    states, labels = expected_states(data), sorted(data["labels"])
    figure = figure_locator(page, "gate_graph.svg")
    figure.wait_for()
    for label in ("Back", "Next", "Play"):
        assert figure.get_by_role("button", name=label, exact=True).count() == 1, label
    assert figure.locator(".stepper-caption").get_attribute("aria-live") == "polite"
    figure.focus()
    page.keyboard.press("Tab")  # Back is disabled at the first step: Next comes first
    assert page.evaluate("document.activeElement.textContent") == "Next"
    page.keyboard.press("Enter")
    assert state(page, "gate_graph.svg", labels) == states[1]
    for key, number in (("ArrowRight", 2), ("ArrowRight", 3), ("ArrowLeft", 2)):
        page.keyboard.press(key)
        assert state(page, "gate_graph.svg", labels) == states[number], key


def test_a_stepped_figure_comes_back_after_instant_navigation(visit, served):
    page = visit(served + STEPPED_PAGE).page
    page.evaluate("window.notReloaded = true")  # gone if a link reloads the whole page
    nav = page.locator("nav.md-nav--primary")
    for label, path in (("Home", ""), ("Build an engine", STEPPED_PAGE)):
        named = re.compile(rf"^\s*{label}\s*$")
        link = nav.locator("a.md-nav__link").filter(has_text=named).first
        if not link.is_visible():  # in the chapter's section of the navigation, closed: open it
            nav.locator("label.md-nav__link").filter(has_text="Backpropagation").first.click()
        link.click()
        page.wait_for_url(served + path)
        nav.locator("a.md-nav__link--active").filter(has_text=named).first.wait_for()  # the new page is in
    figure = figure_locator(page, "mlp_graph.svg")
    figure.wait_for()
    figure.get_by_role("button", name="Next").click()
    assert figure.locator(".stepper-count").text_content().startswith("Step 1 ")
    assert page.evaluate("window.notReloaded === true"), "navigation reloaded the page"


def test_play_steps_on_its_own_until_paused(visit, served):
    page = visit(served + STEPPED_PAGE).page
    figure = figure_locator(page, "gate_graph.svg")
    figure.wait_for()
    page.clock.install()  # the page's timers run on a clock the test moves: no waiting
    play = figure.get_by_role("button", name="Play")
    play.click()
    count = figure.locator(".stepper-count")
    page.clock.run_for(3_200)  # two steps and a bit
    assert count.text_content().startswith("Step 2 "), count.text_content()
    figure.get_by_role("button", name="Pause").click()
    paused = count.text_content()
    page.clock.run_for(5_000)  # longer than a step
    assert count.text_content() == paused


def test_a_stepped_figure_fits_a_phone_in_dark_mode(visit, served):
    page = visit(served + STEPPED_PAGE, color_scheme="dark",
                 viewport={"width": 390, "height": 844}).page
    for name in sorted(STEPPED):
        figure = figure_locator(page, name)
        figure.wait_for()
        right, digit = figure.evaluate("""figure => [
            Math.max(...Array.from(figure.querySelectorAll('.stepper-view, button'),
                                   el => el.getBoundingClientRect().right)),
            figure.querySelector('[id*="-value"] > g').getBoundingClientRect().height]""")
        assert right <= 390, f"{name} reaches {right}px on a 390px screen"
        assert digit >= 7, f"{name}: a label's digits are {digit:.1f}px tall on a phone"
        ink, background = figure.evaluate("""figure => [
            getComputedStyle(figure.querySelector('[id*="-value"] > g')).fill,
            getComputedStyle(document.body).backgroundColor]""")
        assert luminance(ink) > 0.6 and luminance(background) < 0.2, (
            f"{name}: labels in {ink} on {background} in dark mode")


def test_without_javascript_the_full_figures_show(visit, served):
    page = visit(served + STEPPED_PAGE, java_script_enabled=False).page
    for name in sorted(STEPPED):
        image = page.locator(f"article img[src$='/{name}']")
        assert image.evaluate("img => img.complete && img.naturalWidth > 0"), name
    assert page.locator("figure.stepper").count() == 0


def test_a_step_that_differs_from_its_record_is_reported(stepped_page):
    """A planted fault: a recorded number changed (the page shows the real one)."""
    page = stepped_page.page
    data = recorded(STEPPER_FOLDER / "gate_graph.svg")
    changed = copy.deepcopy(data)
    changed["steps"][-1]["caption"] = data["steps"][-1]["caption"].replace("= 7", "= 8")
    problems = stepping_problems(page, "gate_graph.svg", changed)
    last = len(data["steps"]) - 1
    assert problems == [f"gate_graph.svg step {last}: shows caption "
                        f"{data['steps'][-1]['caption']!r}, recorded {changed['steps'][-1]['caption']!r}"]
