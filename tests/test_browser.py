"""The built site in a real browser: math typesets, nothing is fetched from
another host, dark mode and search work.

Needs Debian's Chromium (`apt-get install chromium`, done by .ci/run); the
tests skip, saying so, where it is absent.
"""

import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

from site_check import FIGURE_SUFFIXES, build_site, copy_sources, embeds, page_url, pages
from snippet_check import ROOT

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(
        f"browser tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium)",
        allow_module_level=True,
    )
from playwright.sync_api import sync_playwright  # noqa: E402  (only once Chromium is known to exist)

# Without the background-networking flags Chromium keeps trying Google's hosts.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
PAGES = [page_url(page, ROOT / "docs") for page in pages()]


class Server:
    """A site folder served over HTTP on 127.0.0.1 (MathJax needs http, not file://)."""

    def __init__(self, site_dir: Path):
        handler = functools.partial(QuietHandler, directory=str(site_dir))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def served(site):
    site_dir, _ = site
    server = Server(site_dir)
    yield server.url
    server.close()


class Visit:
    """One page load, with every request to another host blocked and recorded."""

    def __init__(self, browser, url):
        self.context = browser.new_context()
        self.external, self.script_errors = [], []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.script_errors.append(str(error)))
        self.page.goto(url)

    def _route(self, route):
        if urlparse(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            self.external.append(route.request.url)
            route.abort()

    def math(self):
        """Wait for MathJax, then return (count of math, untypeset, TeX errors)."""
        self.page.wait_for_function("document.body.dataset.mathTypeset === 'done'", timeout=30_000)
        return self.page.evaluate(
            """() => {
                const math = Array.from(document.querySelectorAll('.arithmatex'));
                const errors = Array.from(MathJax.startup.document.math)
                    .filter(item => item.typesetRoot.querySelector('mjx-merror'))
                    .map(item => `${item.math}: ` +
                         item.typesetRoot.querySelector('mjx-merror').getAttribute('data-mjx-error'));
                return [math.length, math.filter(el => !el.querySelector('mjx-container')).length, errors];
            }"""
        )

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser):
    opened = []

    def open_page(url):
        opened.append(Visit(browser, url))
        return opened[-1]
    yield open_page
    for page in opened:
        page.close()


@pytest.mark.parametrize("path", PAGES)
def test_every_equation_is_typeset_offline(visit, served, path):
    page = visit(served + path)
    count, untypeset, errors = page.math()
    assert not errors, f"TeX errors on /{path}:\n" + "\n".join(errors)
    assert untypeset == 0, f"{untypeset} of {count} equations on /{path} were not typeset"
    assert not page.external, f"/{path} requested other hosts: {page.external}"
    assert not page.script_errors, f"script errors on /{path}: {page.script_errors}"


@pytest.mark.parametrize("path", PAGES)
def test_no_tex_is_left_untypeset(visit, served, path):
    page = visit(served + path)
    page.math()
    # Text a reader sees outside code and typeset math: any TeX here escaped arithmatex.
    leftover = page.page.evaluate(
        r"""() => {
            const article = document.querySelector('article').cloneNode(true);
            article.querySelectorAll('pre, mjx-container').forEach(el => el.remove());
            return article.textContent.match(/\$|\\[a-zA-Z]+|\\[()\[\]]/g) || [];
        }"""
    )
    assert not leftover, f"untypeset TeX on /{path}: {leftover}"


def test_tex_error_is_reported_with_its_source(visit, tmp_path):
    project = copy_sources(tmp_path / "project")
    page = project / "docs/index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n$\\undefinedmacro{x}$\n", encoding="utf-8")
    build = build_site(project, tmp_path / "site")
    assert build.returncode == 0, build.failure()
    server = Server(tmp_path / "site")
    try:
        _, _, errors = visit(server.url).math()
    finally:
        server.close()
    assert errors == ["\\undefinedmacro{x}: Undefined control sequence \\undefinedmacro"]


def test_dark_mode_toggle(visit, served):
    page = visit(served).page
    before = page.get_attribute("body", "data-md-color-scheme")
    page.locator("label.md-header__button[for^='__palette_']:visible").click()
    after = page.get_attribute("body", "data-md-color-scheme")
    assert {before, after} == {"default", "slate"}


def test_search_finds_a_section_offline(visit, served):
    opened = visit(served)
    page = opened.page
    page.locator("input.md-search__input").click()
    page.keyboard.type("softmax")  # Material searches on key events, not on a programmatic fill
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15_000)
    assert "Softmax" in results.first.inner_text()
    assert not opened.external, f"search requested other hosts: {opened.external}"


def test_code_blocks_have_copy_buttons(visit, served):
    embedded = sum(not e.path.endswith(FIGURE_SUFFIXES) for e in embeds(ROOT / "docs/backpropagation.md", ROOT))
    page = visit(served + "backpropagation/").page
    page.wait_for_selector("pre button[data-clipboard-target]")
    blocks = page.locator("pre > code").count()
    buttons = page.locator("pre button[data-clipboard-target]").count()
    assert blocks == embedded and buttons == blocks, (
        f"{blocks} code blocks for {embedded} embeds, {buttons} copy buttons"
    )
