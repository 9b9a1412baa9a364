"""MkDocs hook: every formula rendered at build time, so pages ship finished
math (SVG, with hidden MathML for screen readers) and no MathJax JavaScript.

MathJax 3 itself does the rendering, in V8 (mlnotes/mathjax.py). Formulas
are those pymdownx.arithmatex marks on note pages, and the ``$...$`` /
``$$...$$`` that notebook pages keep in their markdown cells; both become the
same ``.arithmatex`` elements, so a formula looks the same on both pages.
Each page carries the glyphs its formulas use once, in a hidden ``<svg>``.

A formula MathJax cannot read is a warning naming the page and the formula
(so ``mkdocs build --strict`` fails) and stays raw TeX on the page. This runs
in ``on_post_page``, after the search index has read the page's text.
"""

from __future__ import annotations

import html
import logging
import re
from pathlib import Path

from mkdocs.structure.files import File

from mlnotes.mathjax import TexError, notebook_math, renderer

log = logging.getLogger("mkdocs.plugins.mathjax")
STYLESHEET = "assets/stylesheets/mathjax-svg.css"  # MathJax's CSS for its SVG output, and:
# Material caps every SVG at its container's width, and on narrow screens sizes
# a display formula's box to its content: together they shrink the formula to
# nothing. Uncapped, a wide formula scrolls inside its .arithmatex block.
MATERIAL_FIX = '\n.md-typeset mjx-container[jax="SVG"] > svg {\n  max-width: none;\n}\n'

# pymdownx.arithmatex (generic): inline \(..\), display \[..\] or a bare \begin{env}
ARITHMATEX = re.compile(r'<(?P<tag>span|div) class="arithmatex">(?P<tex>.*?)</(?P=tag)>', re.DOTALL)
ARTICLE = re.compile(r"<article\b[^>]*>")


def on_config(config):
    if STYLESHEET not in config.extra_css:
        config.extra_css.append(STYLESHEET)
    return config


def on_files(files, config):
    files.append(File.generated(config, STYLESHEET, content=formulas(config).stylesheet() + MATERIAL_FIX))
    return files


def on_post_page(output: str, page, config) -> str:
    glyphs: set[str] = set()

    def typeset(tex: str, display: bool, wrap: str, raw: str) -> str:
        """``raw`` (the page's HTML for the formula) stays if MathJax cannot read it."""
        tex = html.unescape(tex).strip()
        try:
            formula = formulas(config).render(tex, display)
        except TexError as error:
            one_line = " ".join(tex.split())
            log.warning(f"Doc file '{page.file.src_uri}': TeX error in formula \"{one_line}\": {error}")
            return raw
        glyphs.update(formula.glyphs)
        return f'<{wrap} class="arithmatex">{formula.html}</{wrap}>'

    def arithmatex(match):
        tag, tex = match["tag"], match["tex"]
        if tex.startswith("\\(") or tex.startswith("\\["):
            tex = tex[2:-2]
        return typeset(tex, tag == "div", tag, match[0])

    output = ARITHMATEX.sub(arithmatex, output)
    if page.file.src_uri.endswith(".ipynb"):
        output = notebook_math(output, typeset)
    if not glyphs:
        return output
    table = formulas(config).glyphs
    defs = "".join(table[glyph] for glyph in sorted(glyphs))
    # Inside the article: instant navigation swaps it together with the math.
    hidden = (f'<svg id="MJX-SVG-global-cache" style="display: none" aria-hidden="true">'
              f'<defs>{defs}</defs></svg>')
    return ARTICLE.sub(lambda match: match[0] + hidden, output, count=1)


def on_post_build(config):
    formulas(config).save()


def formulas(config):
    return renderer(Path(config.config_file_path).parent / ".cache" / "mathjax" / "formulas.json")
