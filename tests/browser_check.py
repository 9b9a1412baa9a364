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

from pages import Page
from site_check import ROOT, site_pages, site_path, unshown_outputs

CHROMIUM = Path("/usr/bin/chromium")
INSTALL = "apt-get install chromium"
# Without the background-networking flags Chromium keeps trying Google's hosts.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
SITE_PATH = site_path()  # served under the same path as on GitHub Pages


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
