"""The built site in Debian's Chromium: serve it, load a page, list what is wrong.

Used by tests/test_browser.py and by scripts/page_report.py (screenshots and
per-page figures). Chromium comes from Debian (`apt-get install chromium`),
driven by Python playwright; never `playwright install`.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import re
import threading
from pathlib import Path
from urllib.parse import urlparse

from mlnotes.pages import Page
from mlnotes.checks.site import ROOT, site_pages, site_path, unshown_outputs

CHROMIUM = Path("/usr/bin/chromium")
INSTALL = "apt-get install chromium"
# Without the background-networking flags Chromium keeps trying Google's hosts.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
SITE_PATH = site_path()  # served under the same path as on GitHub Pages
GENERATED = ["changes/"]  # pages a build hook writes (overrides/hooks/changes.py), not under docs/
DESKTOP, PHONE = 1280, 390  # the widths every page is read at


def page_paths(root: Path = ROOT) -> dict[str, Page]:
    """Every page's address under the site path, with the page whose outputs
    it shows: each page under docs/, and each note's notebook page."""
    found = {}
    for page in site_pages(root):
        found[page.url] = page
        if page.is_note:
            found[page.notebook_url] = page
    return found


class Server:
    """A built site served over HTTP on 127.0.0.1 under SITE_PATH, with its
    404 page for unknown addresses and, unless ``compress`` is off, text
    compressed with gzip: as GitHub Pages serves it."""

    def __init__(self, site_dir: Path, compress: bool = True):
        handler = functools.partial(SiteHandler, directory=str(site_dir), compress=compress)
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}{SITE_PATH}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    COMPRESSED = {".html", ".js", ".css", ".json", ".svg", ".xml", ".ipynb", ".txt"}

    def __init__(self, *args, compress: bool = True, **kwargs):
        self.compress = compress
        super().__init__(*args, **kwargs)

    def do_GET(self):
        url_path = self.path.split("?")[0]
        path = Path(self.translate_path(url_path))
        if path.is_dir() and url_path.endswith("/"):
            path = path / "index.html"  # (a folder without "/" gets the base class's redirect)
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.compress and wants_gzip and path.suffix in self.COMPRESSED and path.is_file()):
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def translate_path(self, path):
        if not path.startswith(SITE_PATH):
            return str(Path(self.directory) / "\0outside the site")  # a file that cannot exist
        return super().translate_path("/" + path[len(SITE_PATH):])

    def send_error(self, code, message=None, explain=None):
        not_found = Path(self.directory) / "404.html"
        if code != 404 or not not_found.exists():
            return super().send_error(code, message, explain)
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, *args):
        pass


def launch(playwright):
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


class Visit:
    """One page load, with every request to another host blocked and recorded,
    and every console error, script error and transferred byte counted."""

    def __init__(self, browser, url, color_scheme="light", init_script=None, **context_options):
        self.context = browser.new_context(color_scheme=color_scheme, **context_options)
        if init_script:
            self.context.add_init_script(init_script)
        self.external, self.console_errors, self.script_errors = [], [], []
        self.bytes = 0
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.script_errors.append(str(error)))
        self.page.on("console", self._console)
        self.page.on("requestfinished", self._count)
        self.url, self.response = url, None
        self.response = self.page.goto(url)

    def _route(self, route):
        if urlparse(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            self.external.append(route.request.url)
            route.abort()

    def _console(self, message):
        if message.type == "error":
            self.console_errors.append((message.location.get("url"), message.text))

    def _count(self, request):
        sizes = request.sizes()
        self.bytes += sizes["responseBodySize"] + sizes["responseHeadersSize"]

    def problems(self, source: Page | None = None) -> list[str]:
        """Everything a reader of this page would see go wrong, one line each."""
        found = []
        if self.page.url == self.url:  # still the page that was served (no navigation since)
            found += served_math_problems(self.response.text())
        count, unrendered, flat, undefined_glyphs = self.page.evaluate(MATH_STATE)
        if unrendered:
            found.append(f"{unrendered} of {count} formulas not rendered (no SVG)")
        if flat:
            found.append(f"{flat} of {count} formulas shrunk to a dot")
        found += [f"glyph not defined on the page: {glyph}" for glyph in undefined_glyphs]
        if self.page.evaluate("'MathJax' in window"):
            found.append("MathJax runs on the page")
        found += [f"raw TeX in the text: {tex!r}" for tex in self.page.evaluate(LEFTOVER_TEX)]
        found += [f"figure not displayed: {src}" for src in self.page.evaluate(BROKEN_FIGURES)]
        found += [f"requested another host: {url}" for url in self.external]
        # A 404 page's own status is logged as an error: that one is expected.
        found += [f"console error: {text}" for url, text in self.console_errors
                  if not (url == self.url and self.response.status == 404)]
        found += [f"script error: {text}" for text in self.script_errors]
        if source is not None:
            found += self.outputs_not_shown(source)
        return found

    def readability_problems(self) -> list[str]:
        """Layout at desktop and phone width, and axe-core's WCAG 2.1 A/AA
        serious and critical violations in light and dark, on this one load
        (the page must be at DESKTOP width, light, as loaded by default)."""
        found = []
        for width in (DESKTOP, PHONE):
            self.page.set_viewport_size({"width": width, "height": 800})
            self.page.evaluate(TWO_FRAMES)  # layout, and scrollable.js, after the resize
            found += [f"at {width} px: {problem}"
                      for problem in self.page.evaluate(LAYOUT, width == DESKTOP)]
        self.page.set_viewport_size({"width": DESKTOP, "height": 800})
        return found + self.accessibility_problems()

    def accessibility_problems(self) -> list[str]:
        """axe-core, WCAG 2.1 A and AA: every rule in light mode, contrast
        again in dark mode (the only rule the scheme changes). Code tokens are
        thinned first to one per class in each kind of block (a token's colour
        is its class's: 16,000 spans took axe 20 s a page; one of each tells
        the same); formulas' SVG is no text for contrast. Blocks are laid out
        first: axe reads stale styles in those content-visibility skips."""
        self.page.add_style_tag(content="* { content-visibility: visible !important; }")
        self.page.evaluate(axe_script())
        self.page.evaluate(THIN_TOKENS)
        found = axe_problems(self.page, "light")
        self.set_scheme("slate")
        found += axe_problems(self.page, "dark", ["color-contrast"], exclude="mjx-container")
        self.set_scheme("default")
        return found

    def set_scheme(self, scheme: str):
        """Material's palette toggle, as a reader clicks it."""
        if self.page.get_attribute("body", "data-md-color-scheme") != scheme:
            self.page.locator("label.md-header__button[for^='__palette_']:visible").click()
            self.page.wait_for_function(
                f"document.body.getAttribute('data-md-color-scheme') === '{scheme}'")

    def outputs_not_shown(self, source: Page) -> list[str]:
        """Each recorded output the page embeds is in a code block, as text."""
        blocks = self.page.evaluate("Array.from(document.querySelectorAll('pre'), pre => pre.textContent)")
        return [f"{embed.where}: {embed.path} is not shown literally"
                for embed in unshown_outputs(source, blocks)]

    def close(self):
        self.context.close()


def served_math_problems(html: str) -> list[str]:
    """Math as the server sends it: every formula already SVG, and no MathJax script."""
    formulas = re.findall(r'class="arithmatex">(<mjx-container[^>]*><svg)?', html)
    bare = sum(1 for svg in formulas if not svg)
    found = [f"{bare} of {len(formulas)} formulas not rendered in the HTML as served"] if bare else []
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.DOTALL)
    return found + [f"MathJax script on the page: {(attributes + code).strip()[:80]!r}"
                    for attributes, code in scripts if "mathjax" in (attributes + code).lower()]


# Formulas without their SVG; formulas shrunk to a dot (MathJax's minimum
# size is 1 px; not counting those in a hidden tab); glyphs an SVG uses that the
# page does not define (each page carries its own: instant navigation must
# bring them along).
MATH_STATE = """() => {
    const math = Array.from(document.querySelectorAll('.arithmatex'));
    const flat = math.filter(el => {
        const svg = el.querySelector('svg'), box = svg && svg.getBoundingClientRect();
        return el.getClientRects().length > 0 && box && Math.min(box.width, box.height) < 2;
    });
    const undefinedGlyphs = Array.from(document.querySelectorAll('mjx-container svg use'),
                                       use => use.href.baseVal)
        .filter(ref => !document.getElementById(ref.slice(1)));
    return [math.length, math.filter(el => !el.querySelector('mjx-container > svg')).length,
            flat.length, [...new Set(undefinedGlyphs)]];
}"""

# Text a reader sees outside code and rendered math: any TeX here was left unrendered.
LEFTOVER_TEX = r"""() => {
    const article = document.querySelector('article');
    if (!article) return [];
    const copy = article.cloneNode(true);
    copy.querySelectorAll('pre, code, mjx-container, style, script, .jp-CodeCell').forEach(el => el.remove());
    // each with a little context, so the report says where it is
    return (copy.textContent.match(/.{0,25}(\$|\\[a-zA-Z]+|\\[()\[\]]).{0,25}/g) || []).map(s => s.trim());
}"""

BROKEN_FIGURES = """() => Array.from(document.querySelectorAll('article img'))
    .filter(img => !img.complete || img.naturalWidth === 0 || img.getBoundingClientRect().width === 0)
    .map(img => img.getAttribute('src'))"""


def axe_problems(page, scheme: str, rules: list[str] | None = None, exclude: str = "") -> list[str]:
    """axe-core's serious and critical WCAG 2.1 A/AA violations, one line per
    rule and element (the first few), in words a maintainer can act on."""
    only = ({"type": "rule", "values": rules} if rules else
            {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]})
    results = page.evaluate(
        "([exclude, options]) => axe.run(exclude ? {exclude: [[exclude]]} : document, options)",
        [exclude, {"runOnly": only, "resultTypes": ["violations"]}])
    found = []
    for violation in results["violations"]:
        if violation["impact"] not in ("serious", "critical"):
            continue
        nodes = violation["nodes"]
        for node in nodes[:3]:
            found.append(f"axe {violation['id']} ({violation['impact']}, {scheme}, "
                         f"{len(nodes)} elements): {' '.join(node['target'])}: "
                         f"{node['failureSummary'].splitlines()[-1].strip()}")
    return found


@functools.cache
def axe_script() -> str:
    """axe-core's source, as axe-playwright-python bundles it (no download)."""
    from axe_playwright_python.base import AXE_SCRIPT
    return AXE_SCRIPT


# Two animation frames: a resize has been laid out and its handlers have run.
TWO_FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"

# What a reader cannot read at this width: the page itself scrolling sideways
# (with the elements that stick out), and an equation, table, code block or
# notebook cell whose content is wider than its box but neither scrolls nor
# sits in something that scrolls; a scrolling one without a tab stop (a
# keyboard user cannot scroll it). On a desktop, code and equations do not
# scroll at all.
LAYOUT = r"""desktop => {
    const found = [], view = document.documentElement.clientWidth;
    const name = el => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string'
        ? '.' + el.className.trim().split(/\s+/).join('.') : '');
    const what = el => `${name(el)} "${el.textContent.replace(/\s+/g, ' ').trim().slice(0, 50)}"`;
    const scrolls = el => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
    const width = document.documentElement.scrollWidth;
    if (width > view) {
        const out = Array.from(document.querySelectorAll('body *')).filter(el => {
            if (el.getBoundingClientRect().right <= view + 1 || el.closest('[hidden]')) return false;
            for (let up = el.parentElement; up && up !== document.body; up = up.parentElement)
                if (getComputedStyle(up).overflowX !== 'visible') return false;
            return !Array.from(el.children).some(child => child.getBoundingClientRect().right > view + 1);
        });
        found.push(`the page scrolls sideways (${width} px wide): ` + out.slice(0, 3).map(what).join('; '));
    }
    const blocks = 'article div.arithmatex, article table, article .md-typeset__scrollwrap, ' +
                   'article pre, article pre > code, article .highlight-ipynb, article .jp-OutputArea-output';
    for (const el of document.querySelectorAll(blocks)) {
        if (el.scrollWidth <= el.clientWidth + 1 || el.getClientRects().length === 0 ||
            el.closest('details:not([open])')) continue;  // (a folded block: checked when opened)
        const code = el.matches('pre, pre > code, .highlight-ipynb, .jp-OutputArea-output');
        if (scrolls(el)) {
            if (el.tabIndex < 0) found.push(`scrolls but has no tab stop (keyboard users cannot scroll it): ${what(el)}`);
            else if (desktop && (code || el.matches('.arithmatex')))
                found.push(`${code ? 'code' : 'an equation'} scrolls sideways on a desktop ` +
                           `(${el.scrollWidth} px in ${el.clientWidth} px): ${what(el)}`);
            continue;
        }
        let up = el.parentElement;
        while (up && up.tagName !== 'ARTICLE' && !scrolls(up)) up = up.parentElement;
        if (!up || up.tagName === 'ARTICLE')
            found.push(`clipped (${el.scrollWidth} px in ${el.clientWidth} px, no way to scroll): ${what(el)}`);
    }
    if (!desktop) {  // text a phone shows below 12 px (formulas are drawn; their MathML is for screen readers)
        const small = new Map(), walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node; (node = walk.nextNode());) {
            const el = node.parentElement;
            if (!node.textContent.trim() || el.closest('svg, mjx-assistive-mml, script, style') ||
                el.getClientRects().length === 0) continue;
            const size = parseFloat(getComputedStyle(el).fontSize);
            if (size < 12 && !small.has(name(el))) small.set(name(el), `${size} px: ${what(el)}`);
        }
        for (const text of small.values()) found.push(`text below 12 px: ${text}`);
    }
    return found;
}"""

# Keep one code token per class in each kind of code block (note, notebook);
# the rest become plain text in their block, whose own colour axe checks.
THIN_TOKENS = """() => {
    const seen = new Set(), plain = [];
    for (const el of document.querySelectorAll('pre span:not(:has(*))')) {
        const block = el.closest('.highlight-ipynb') ? 'notebook' : el.closest('pre').className;
        const look = block + '|' + el.className + '|' + (el.getAttribute('style') || '');
        if (seen.has(look)) plain.push(el); else seen.add(look);
    }
    plain.forEach(el => el.replaceWith(el.textContent));
}"""
