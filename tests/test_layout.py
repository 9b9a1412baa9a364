"""Every line of every snippet and recorded output fits its code block on a
desktop: a reader at 1280 px never scrolls code sideways.

How many characters fit is measured in Chromium on the built site (note page
and notebook page, the narrower wins), not assumed; the lines are read from
snippets/. The browser checks (mlnotes/checks/browser.py) see the same from the
other side: a code block that scrolls at 1280 px is a page problem.
"""

import unicodedata

import pytest

from mlnotes.checks.browser import CHROMIUM, DESKTOP, INSTALL, Visit, launch, page_paths
from mlnotes.checks.snippets import ROOT

if not CHROMIUM.exists():
    pytest.skip(f"layout tests need Debian's Chromium at {CHROMIUM}: {INSTALL}", allow_module_level=True)
from playwright.sync_api import sync_playwright  # noqa: E402

# Characters of the code font that fit a code block's text box: its width
# less its padding, over the width of one character (of a run of a hundred).
CAPACITY = """selector => {
    const code = document.querySelector(selector);
    const style = getComputedStyle(code);
    const room = code.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const probe = document.createElement('span');
    probe.textContent = '0'.repeat(100);
    code.appendChild(probe);
    const glyph = probe.getBoundingClientRect().width / 100;
    probe.remove();
    return Math.floor(room / glyph);
}"""
CODE = {"note": "article pre > code", "notebook": "article .highlight-ipynb pre"}


@pytest.fixture(scope="module")
def capacity(built_site) -> dict[str, int]:
    note = next(path for path, page in page_paths().items() if page.is_note and path == page.url)
    with sync_playwright() as playwright:
        browser = launch(playwright)
        fits = {}
        for kind, path in (("note", note), ("notebook", page_paths()[note].notebook_url)):
            visit = Visit(browser, built_site.url + path, viewport={"width": DESKTOP, "height": 800})
            fits[kind] = visit.page.evaluate(CAPACITY, CODE[kind])
            visit.close()
        browser.close()
    return fits


def shown_width(line: str) -> int:
    """Characters as the reader sees them (a combining bar, as in x̄, takes no room)."""
    return sum(1 for char in line if not unicodedata.combining(char))


def too_long(limit: int, root=ROOT) -> list[str]:
    found = []
    for path in sorted(root.glob("snippets/**/*")):
        if path.suffix not in (".py", ".out"):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if shown_width(line) > limit:
                found.append(f"{path.relative_to(root)}:{number}: {shown_width(line)} characters")
    return found


def test_every_code_line_fits_its_block_on_a_desktop(capacity):
    limit = min(capacity.values())
    assert limit >= 70, f"only {capacity} characters fit a code block at {DESKTOP} px"
    long_lines = too_long(limit)
    assert not long_lines, (f"{len(long_lines)} lines are wider than the {limit} characters a code "
                            f"block shows at {DESKTOP} px ({capacity}); wrap them:\n" + "\n".join(long_lines))


def test_a_line_too_long_is_named(tmp_path):
    """The check on a planted fault: one line too long, named by file and line."""
    planted = tmp_path / "snippets/note/wide.py"
    planted.parent.mkdir(parents=True)
    planted.write_text("x = 1\n" + "y = 'x̄" + "0" * 80 + "'\n", encoding="utf-8")
    assert too_long(87, tmp_path) == []
    assert too_long(86, tmp_path) == ["snippets/note/wide.py:2: 87 characters"]
