"""The code the PyTorch and Loss function notes show is at teaching size: no
shown script carries test harness (wrapping text, capturing warnings,
reading signatures, private saved-tensor attributes). The exercise checkers
are readers' tools and may."""

from pathlib import Path

import pytest

from mlnotes.checks.snippets import ROOT
from mlnotes.pages import load_page

HARNESS = ("textwrap", "warnings.catch_warnings", "inspect.signature", "._saved_")
CHECKERS = ("check_exercises.py", "exercise_kit.py")
NOTES = ["pytorch.md", "loss-functions.md"]


def harness_in_shown_code(page_file: Path, root: Path = ROOT) -> list[str]:
    """Each shown script (not an exercise checker) that uses harness, as
    ``docs/page.md:line: snippets/...py uses textwrap``."""
    page = load_page(page_file, page_file.parent)
    found = []
    for embed in page.embeds:
        if embed.kind != "code" or Path(embed.path).name in CHECKERS:
            continue
        source = (root / embed.path).read_text(encoding="utf-8")
        found += [f"{embed.where}: {embed.path} uses {name}" for name in HARNESS if name in source]
    return found


@pytest.mark.parametrize("note", NOTES)
def test_shown_code_carries_no_harness(note):
    found = harness_in_shown_code(ROOT / "docs" / note)
    assert not found, ("keep harness out of the shown code (print the part of a message "
                       "that teaches):\n" + "\n".join(found))


def test_harness_in_a_shown_script_is_named(tmp_path):
    """The check on a planted fault: a page showing a script that wraps text."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "snippets/demo").mkdir(parents=True)
    (tmp_path / "snippets/demo/wrapped.py").write_text("import textwrap\nprint(textwrap.fill('a'))\n")
    (tmp_path / "snippets/demo/check_exercises.py").write_text("import warnings\nwarnings.catch_warnings()\n")
    (tmp_path / "docs/note.md").write_text(
        '# Note\n\n```python\n--8<-- "snippets/demo/wrapped.py"\n```\n\n'
        '```python\n--8<-- "snippets/demo/check_exercises.py"\n```\n')
    assert harness_in_shown_code(tmp_path / "docs/note.md", tmp_path) == [
        "docs/note.md:4: snippets/demo/wrapped.py uses textwrap"]


# Each note fits its screens of a 1280 x 800 desktop: 20 for the PyTorch and
# Loss notes, 15 for each page of the Backpropagation chapter.
SCREEN = {"width": 1280, "height": 800}
MAX_SCREENS = {"pytorch/": 20, "loss-functions/": 20, "backpropagation/circuits/": 15,
               "backpropagation/": 15, "backpropagation/engine/": 15, "backpropagation/checking/": 15}


def length_problems(heights: dict[str, int], limits: dict[str, int] = MAX_SCREENS) -> list[str]:
    """The pages, of the given scroll heights in px, longer than their limit."""
    return [f"/{path}: {height / SCREEN['height']:.2f} screens at 1280x800, more than {limits[path]}; "
            "say each point once, fold harness and plotting code" for path, height in heights.items()
            if height > limits[path] * SCREEN["height"]]


def test_each_note_fits_its_screens(built_site):
    from mlnotes.checks.browser import CHROMIUM, INSTALL, launch
    if not CHROMIUM.exists():
        pytest.skip(f"needs Debian's Chromium at {CHROMIUM}: {INSTALL}")
    from playwright.sync_api import sync_playwright

    heights = {}
    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page(viewport=SCREEN)
        for path in MAX_SCREENS:
            page.goto(built_site.url + path)
            # every block laid out: content-visibility's placeholders are shorter
            page.add_style_tag(content="* { content-visibility: visible !important; }")
            heights[path] = page.evaluate("document.documentElement.scrollHeight")
        browser.close()
    assert not length_problems(heights), "\n".join(length_problems(heights))


def test_a_page_too_long_is_named():
    assert length_problems({"a/": 16000}, {"a/": 20}) == []
    assert length_problems({"a/": 16001}, {"a/": 20}) == ["/a/: 20.00 screens at 1280x800, more than 20; "
                                              "say each point once, fold harness and plotting code"]
