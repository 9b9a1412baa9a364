"""Figures a reader can read: on a phone (390 px) and a desktop no figure's
text renders below 11 CSS px, a figure that scrolls sideways says so, no line
of a graph figure runs through a label, and a stepped figure keeps its
controls and the part it lights up in view while it steps.

The geometry tests read the SVG files; the others need Debian's Chromium and
skip where it is absent, as tests/test_browser.py does.
"""

import re

import pytest

from mlnotes.checks.browser import CHROMIUM, DESKTOP, INSTALL, PHONE, Visit, launch, page_paths
from mlnotes.checks.figures import (
    FIGURE_TEXT,
    SMALLEST_TEXT,
    crossing_problems,
    figure_problems,
    labels_and_lines,
    stepping_in_view_problems,
)
from mlnotes.checks.snippets import ROOT
from mlnotes.checks.stepper import STEPPED, figure_locator

FIGURES = sorted((ROOT / "snippets" / "backpropagation").glob("*.svg"))
# Pages that show a figure (the notes, not their notebooks), by address
FIGURE_PAGES = sorted(url for url, page in page_paths().items()
                      if not url.startswith("notebooks/")
                      and any(embed.path.endswith(".svg") for embed in page.embeds))
# Figures drawn outside the Backpropagation chapter, still too small on a phone
KNOWN_SMALL = {}


# --- The SVG files ---------------------------------------------------------

@pytest.mark.parametrize("svg", FIGURES, ids=[svg.name for svg in FIGURES])
def test_no_line_crosses_a_label(svg):
    problems = crossing_problems(svg)
    assert not problems, "\n".join(problems) + (
        f"\n(redraw: cd snippets/backpropagation && python {svg.stem}.py, or "
        f"pytest --update-outputs -k {svg.stem})")


def test_a_line_through_a_label_and_two_labels_on_top_of_each_other_are_reported(tmp_path):
    """Planted faults in a copy of the MLP figure."""
    source = (ROOT / "snippets" / "backpropagation" / "mlp_graph.svg").read_text(encoding="utf-8")
    texts, _ = labels_and_lines(ROOT / "snippets" / "backpropagation" / "mlp_graph.svg")
    x0, y0, x1, y1 = texts["mlp_graph-grad3_0"]
    line = (f'<path d="M {x0 - 20} {(y0 + y1) / 2} L {x1 + 20} {(y0 + y1) / 2}" '
            f'style="fill: none; stroke: #1a1a1a"/>')
    crossed = tmp_path / "crossed.svg"
    crossed.write_text(source.replace("</svg>", line + "</svg>"), encoding="utf-8")
    assert "crossed.svg: the line figure crosses the label mlp_graph-grad3_0" in crossing_problems(crossed)

    group = re.search(r'<g id="mlp_graph-value3_0">.*?</g>\s*</g>', source, re.DOTALL)[0]
    moved = group.replace('id="mlp_graph-value3_0"', 'id="planted" transform="translate(3 1)"')
    stacked = tmp_path / "stacked.svg"
    stacked.write_text(source.replace("</svg>", moved + "</svg>"), encoding="utf-8")
    assert "stacked.svg: the labels mlp_graph-value3_0 and planted overlap" in crossing_problems(stacked)


# --- In the browser --------------------------------------------------------

@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"browser tests need Debian's Chromium at {CHROMIUM}: {INSTALL}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def visit(browser, built_site):
    opened = []

    def open_page(path, width, **options):
        opened.append(Visit(browser, built_site.url + path,
                            viewport={"width": width, "height": 844 if width == PHONE else 800},
                            **options))
        opened[-1].page.wait_for_load_state("networkidle")  # the stepper fetches its figures
        return opened[-1].page
    yield open_page
    for page in opened:
        page.close()


def figures_on(page):
    return page.evaluate(FIGURE_TEXT)


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
@pytest.mark.parametrize("path", [pytest.param(path, marks=pytest.mark.xfail(
    reason=KNOWN_SMALL[path], strict=True)) if path in KNOWN_SMALL else path for path in FIGURE_PAGES])
def test_figure_text_is_legible_and_a_sideways_scroll_is_said(visit, path, width):
    page = visit(path, width)
    figures = figures_on(page)
    assert figures, f"{path}: no figure measured"
    problems = figure_problems(figures)
    assert not problems, "\n".join(f"{path} at {width} px: {p}" for p in problems)


def stepped_path(svg_name):
    return next(path for path in FIGURE_PAGES
                if any(embed.path.endswith("/" + svg_name) for embed in page_paths()[path].embeds))


def test_a_figure_too_small_or_scrolling_silently_is_reported(visit):
    """Planted faults: an image squeezed to 120 px; a stepped figure whose
    min-width is taken away; one that scrolls with its hint removed."""
    page = visit(stepped_path("gate_graph.svg"), PHONE)
    page.evaluate("""() => new Promise(loaded => {
        const img = document.createElement('img');  // a plain figure, squeezed
        img.onload = loaded;
        img.src = document.querySelector('article figure.stepper').dataset.src ||
                  new URL('../../snippets/backpropagation/one_node.svg', location.href).href;
        img.style.width = '120px';
        document.querySelector('article').prepend(img);
    })""")
    page.evaluate("""() => {
        const svgs = document.querySelectorAll('article figure.stepper svg');
        svgs[0].style.minWidth = '0px';
        svgs[0].style.width = '150px';
        if (svgs.length > 1) svgs[1].style.minWidth = '900px';
        document.querySelectorAll('.stepper-hint').forEach(hint => hint.remove());
    }""")
    problems = figure_problems(figures_on(page))
    assert sum(f"below {SMALLEST_TEXT} px" in p for p in problems) == 2, problems
    assert any("scrolls sideways and does not say so" in p for p in problems), problems


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
@pytest.mark.parametrize("name", sorted(STEPPED))
def test_the_controls_and_the_lit_part_stay_in_view_while_stepping(visit, name, width):
    page = visit(stepped_path(name), width)
    problems = stepping_in_view_problems(page, figure_locator(page, name))
    assert not problems, "\n".join(f"{name} at {width} px, {p}" for p in problems)


def test_controls_that_scroll_away_or_a_step_that_does_not_follow_are_reported(visit):
    """Planted faults on the tall MLP figure: the controls no longer stick to
    the window; the window no longer follows the lit part."""
    page = visit(stepped_path("mlp_graph.svg"), PHONE)
    page.add_style_tag(content=".md-typeset .stepper-bar { position: static !important; }")
    problems = stepping_in_view_problems(page, figure_locator(page, "mlp_graph.svg"))
    assert any("the controls are out of view" in p for p in problems), problems

    page = visit(stepped_path("mlp_graph.svg"), PHONE)
    page.evaluate("window.scrollBy = () => {}")
    problems = stepping_in_view_problems(page, figure_locator(page, "mlp_graph.svg"))
    assert any("the lit part" in p for p in problems), problems
