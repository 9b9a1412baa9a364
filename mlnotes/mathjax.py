"""TeX to SVG at build time, with MathJax 3 itself running in V8 (mini-racer).

MathJax's own es5 components come from the pip package ``django-static-mathjax``:
TeX input, SVG output (glyphs as paths, drawn in ``currentColor``) and the
hidden MathML that screen readers read. Rendering each formula in a fresh
glyph cache tells which glyphs it uses, so a page can carry each glyph once.

Rendered formulas are cached by a hash of their TeX: in memory for the life of
the process (``mkdocs serve``), and on disk in one JSON file, so a rebuild
with unchanged math never starts V8.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import re
from dataclasses import dataclass
from importlib.metadata import distribution
from pathlib import Path

ES5 = Path(str(distribution("django-static-mathjax").locate_file("mathjax/static/mathjax/es5")))
COMPONENTS = ["adaptors/liteDOM", "input/tex", "output/svg", "a11y/assistive-mml"]
# core.js, what the components load, and the TeX extensions \cancel, \color, ... autoload
SOURCES = ["core.js", "output/svg/fonts/tex.js", *[f"{c}.js" for c in COMPONENTS]]

SETUP = """
const SOURCES = %(sources)s;
globalThis.MathJax = {
  loader: {
    load: %(components)s,
    paths: {mathjax: "es5"},
    // No files or network in V8: a component is the source Python read for it.
    require(url) { (0, eval)(SOURCES[url.replace(/^es5\\//, "")]); },
  },
  // Without noundefined an unknown macro is an error, not red text; and an
  // error is thrown, not drawn, so the build can fail on it.
  tex: {packages: {"[-]": ["noundefined"]}, formatError(jax, error) { throw error; }},
  svg: {fontCache: "global"},
  startup: {typeset: false},
};

function render(tex, display) {
  const adaptor = MathJax.startup.adaptor, cache = MathJax.startup.output.fontCache;
  cache.clearCache();  // so the glyphs left in it afterwards are this formula's
  try {
    const html = adaptor.outerHTML(MathJax.tex2svg(tex, {display}));
    const glyphs = adaptor.childNodes(cache.defs).map(
      path => [adaptor.getAttribute(path, "id"), adaptor.outerHTML(path)]);
    return {html, glyphs};
  } catch (error) {
    // An extension that autoloads (\\cancel, \\color) asks to be called again.
    return error.retry ? {retry: true} : {error: error.message};
  }
}

function stylesheet() {
  return MathJax.startup.adaptor.textContent(MathJax.svgStylesheet());
}
"""
# Cached renderings are keyed on this too: a new MathJax or set-up re-renders.
VERSION = hashlib.sha256((distribution("django-static-mathjax").version + SETUP).encode()).hexdigest()[:16]


class TexError(Exception):
    """MathJax could not read a formula; the message is MathJax's."""


@dataclass(frozen=True)
class Formula:
    html: str  # <mjx-container> with the SVG and the hidden MathML
    glyphs: tuple[str, ...]  # ids of the glyph paths its SVG uses


class MathJax:
    """One V8 with MathJax started in it."""

    def __init__(self):
        from py_mini_racer import MiniRacer  # only when something is to be rendered

        sources = {name: (ES5 / name).read_text(encoding="utf-8")
                   for name in [*SOURCES, *extensions()]}
        self.v8 = MiniRacer()
        # Left to the interpreter's shutdown, mini-racer 0.14 can hang the process for good.
        atexit.register(self.v8.close)
        self.v8.eval(SETUP % {"sources": json.dumps(sources), "components": json.dumps(COMPONENTS)})
        self.v8.eval((ES5 / "startup.js").read_text(encoding="utf-8"))

    def render(self, tex: str, display: bool) -> tuple[str, dict[str, str]]:
        """The formula's HTML and the glyph paths it uses, by id."""
        for _ in range(10):  # one retry per extension a formula autoloads
            result = self.v8.call("render", tex, display)
            if "error" in result:
                raise TexError(result["error"])
            if "retry" not in result:
                return result["html"], dict(result["glyphs"])
        raise TexError("MathJax kept asking to load more extensions")

    def stylesheet(self) -> str:
        return self.v8.call("stylesheet")


def extensions() -> list[str]:
    return sorted(p.relative_to(ES5).as_posix() for p in (ES5 / "input/tex/extensions").glob("*.js"))


class Renderer:
    """Formulas rendered once: from memory, then from the disk cache, then by
    MathJax (started on the first formula that needs it)."""

    def __init__(self, cache_file: Path | None = None):
        self.cache_file = cache_file
        self.formulas: dict[str, Formula] = {}
        self.glyphs: dict[str, str] = {}  # id -> <path>: a glyph's path never changes
        self.css = ""
        self.mathjax: MathJax | None = None
        self.saved: set[str] = set()  # the formulas the disk cache holds
        self.used: set[str] = set()  # the formulas this build showed
        if cache_file and cache_file.is_file():
            self._read(cache_file)

    def render(self, tex: str, display: bool) -> Formula:
        key = hashlib.sha256(f"{VERSION}\0{display}\0{tex}".encode()).hexdigest()
        if key not in self.formulas:
            html, glyphs = self._mathjax().render(tex, display)
            self.glyphs.update(glyphs)
            self.formulas[key] = Formula(html, tuple(glyphs))
        self.used.add(key)
        return self.formulas[key]

    def stylesheet(self) -> str:
        if not self.css:
            self.css = self._mathjax().stylesheet()
        return self.css

    def _mathjax(self) -> MathJax:
        if self.mathjax is None:
            self.mathjax = MathJax()
        return self.mathjax

    def _read(self, path: Path) -> None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return  # unreadable: render again and overwrite it
        if data.get("version") == VERSION:
            self.formulas = {key: Formula(html, tuple(glyphs))
                             for key, (html, glyphs) in data["formulas"].items()}
            self.glyphs, self.css, self.saved = data["glyphs"], data["css"], set(self.formulas)

    def save(self) -> None:
        """Write what this build showed to the disk cache, if that changed
        (atomically: builds may run side by side), and start a new build."""
        used, self.used = self.used, set()
        if not self.cache_file or used == self.saved:
            return
        formulas = {key: self.formulas[key] for key in sorted(used)}
        glyphs = {glyph for formula in formulas.values() for glyph in formula.glyphs}
        data = {"version": VERSION, "css": self.stylesheet(),
                "glyphs": {glyph: self.glyphs[glyph] for glyph in sorted(glyphs)},
                "formulas": {key: [f.html, list(f.glyphs)] for key, f in formulas.items()}}
        self.cache_file.parent.mkdir(parents=True, exist_ok=True)
        partial = self.cache_file.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps(data), encoding="utf-8")
        os.replace(partial, self.cache_file)
        self.saved = used


_renderers: dict[Path, Renderer] = {}


def renderer(cache_file: Path) -> Renderer:
    """The renderer of this cache file, kept for the life of the process:
    `mkdocs serve` re-renders only the formulas that changed."""
    if cache_file not in _renderers:
        _renderers[cache_file] = Renderer(cache_file)
    return _renderers[cache_file]


# --- formulas in a notebook page's HTML ------------------------------------------

# Notebook pages: each markdown cell's HTML, and the math nbconvert leaves in it.
MARKDOWN_CELL = re.compile(r'<div class="[^"]*\bjp-MarkdownOutput\b[^"]*"[^>]*>')
DIV = re.compile(r"<(/?)div\b[^>]*>")
CODE = re.compile(r"(<pre\b.*?</pre>|<code\b.*?</code>)", re.DOTALL)
DISPLAY_PARAGRAPH = re.compile(r"<p>\s*\$\$(?P<tex>[^<]+?)\$\$\s*</p>")
DOLLARS = re.compile(r"(?<!\\)\$\$(?P<display>[^<]+?)\$\$|(?<![\\$])\$(?P<inline>[^<$]+?)(?<!\\)\$")


def notebook_math(output: str, typeset) -> str:
    """Typeset the $..$ and $$..$$ in the markdown cells (not in their code)."""
    def math(text: str) -> str:
        text = DISPLAY_PARAGRAPH.sub(lambda m: typeset(m["tex"], True, "div", m[0]), text)
        return DOLLARS.sub(lambda m: typeset(m["display"], True, "span", m[0]) if m["display"]
                           else typeset(m["inline"], False, "span", m[0]), text)

    def cell(text: str) -> str:  # split() alternates text and code
        return "".join(math(part) if i % 2 == 0 else part for i, part in enumerate(CODE.split(text)))

    pieces, end = [], 0
    for start, stop in markdown_cells(output):
        pieces += [output[end:start], cell(output[start:stop])]
        end = stop
    return "".join(pieces) + output[end:]


def markdown_cells(output: str):
    """(start, end) of the content of each markdown cell's <div>."""
    for opening in MARKDOWN_CELL.finditer(output):
        depth = 1
        for tag in DIV.finditer(output, opening.end()):
            depth += -1 if tag[1] else 1
            if depth == 0:
                yield opening.end(), tag.start()
                break
