"""Math rendered at build time: MathJax in V8 turns each formula into SVG with
hidden MathML, note and notebook pages alike; a TeX error fails the build."""

import re

import pytest

from mlnotes.mathjax import notebook_math
from mlnotes.mathjax import MathJax, Renderer, TexError
from mlnotes.checks.site import build_site, minimal_project

FORMULA = re.compile(r"<mjx-container.*?</mjx-container>", re.DOTALL)


@pytest.fixture(scope="module")
def mathjax():
    return MathJax()


def test_a_formula_becomes_svg_in_the_text_colour_with_mathml_for_screen_readers(mathjax):
    html, glyphs = mathjax.render(r"\frac{\partial{L}}{\partial{x}} = W^T", display=True)
    assert html.startswith('<mjx-container class="MathJax" jax="SVG" display="true"')
    assert 'fill="currentColor"' in html  # dark mode: the glyphs take the text colour
    mathml = re.search(r"<mjx-assistive-mml[^>]*>(.*)</mjx-assistive-mml>", html)[1]
    assert re.sub(r"<[^>]+>", "", mathml) == "∂L∂x=WT"  # what a screen reader reads
    # the glyphs it draws are exactly the ones it hands over for the page
    assert sorted(set(re.findall(r'xlink:href="#([^"]+)"', html))) == sorted(glyphs)
    assert all(path.startswith(f'<path id="{glyph}" d="') for glyph, path in glyphs.items())


def test_an_extension_that_autoloads_renders(mathjax):
    html, _ = mathjax.render(r"\cancel{x}", display=False)  # MathJax first asks to be called again
    assert 'data-mml-node="menclose"' in html


@pytest.mark.parametrize("tex, error", [
    (r"\undefinedmacro{x}", r"Undefined control sequence \undefinedmacro"),
    (r"\frac{a}{b", "Missing close brace")])
def test_a_tex_error_is_raised_with_mathjax_message(mathjax, tex, error):
    with pytest.raises(TexError, match=re.escape(error)):
        mathjax.render(tex, display=False)


def test_the_disk_cache_spares_an_unchanged_rebuild_from_starting_mathjax(tmp_path):
    first = Renderer(tmp_path / "formulas.json")
    shown = first.render("x^2", display=False)
    first.save()
    again = Renderer(tmp_path / "formulas.json")
    assert again.render("x^2", display=False) == shown
    assert again.glyphs.keys() >= set(shown.glyphs)
    assert again.mathjax is None, "the cached formula started MathJax"
    assert again.render("x^2", display=True).html != shown.html  # another formula is rendered
    assert again.mathjax is not None


def test_notebook_math_outside_code_is_found():
    seen = []

    def typeset(tex, display, wrap, raw):
        seen.append((tex, display))
        return f"<{wrap}>[{tex}]</{wrap}>"
    cell = ('<div class="jp-RenderedHTMLCommon jp-MarkdownOutput">\n<p>$$\na &amp;= b\n$$</p>\n'
            '<p>Cost $x_1$ and \\$5, <code>$not$</code></p><pre>$$no$$</pre></div>')
    html = notebook_math(f"<p>$outside$</p>{cell}", typeset)
    assert seen == [("\na &amp;= b\n", True), ("x_1", False)]
    assert "<div>[\na &amp;= b\n]</div>" in html  # a display formula's paragraph becomes a block
    assert "<p>$outside$</p>" in html and "<code>$not$</code>" in html and "<pre>$$no$$</pre>" in html


def test_note_and_notebook_pages_show_the_same_formulas(site):
    site_dir, _ = site
    for note in ["backpropagation", "loss-functions", "pytorch"]:
        page = FORMULA.findall((site_dir / note / "index.html").read_text(encoding="utf-8"))
        notebook = FORMULA.findall((site_dir / "notebooks" / note / "index.html").read_text(encoding="utf-8"))
        assert page and page == notebook, f"{note}: {len(page)} formulas, its notebook {len(notebook)}"


def test_a_tex_error_fails_the_build_naming_page_and_formula(tmp_path):
    project = minimal_project(tmp_path / "project")
    page = project / "docs/demo.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n$\\undefinedmacro{x}$ and $$\\frac{a}{b$$\n",
                    encoding="utf-8")
    build = build_site(project, tmp_path / "site")
    assert build.returncode != 0
    for where in ["demo.md", "notebooks/demo.ipynb"]:
        assert (f"Doc file '{where}': TeX error in formula \"\\undefinedmacro{{x}}\": "
                "Undefined control sequence \\undefinedmacro") in build.log
        assert (f"Doc file '{where}': TeX error in formula \"\\frac{{a}}{{b\": "
                "Missing close brace") in build.log
