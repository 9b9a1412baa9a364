"""MkDocs hook: show the reader which formulas are checked.

A page marks a display equation (or a rule table) with an HTML comment on the
line just before it: ``<!-- check: <legend> -->`` when the test suite
evaluates it as written against PyTorch autograd (tests/test_formulas.py), or
``<!-- unchecked: <reason> -->`` when it deliberately does not. The build
turns a ``check`` marker into a small "checked" line above the formula and
drops an ``unchecked`` one; in the notebook, built from the page source, both
stay HTML comments, which a notebook does not show.
"""

from __future__ import annotations

import re

from mkdocs.utils import get_relative_url

MARKER = re.compile(r"^(?P<indent>[ \t]*)<!--\s*(?P<kind>check|unchecked):.*?-->[ \t]*$", re.MULTILINE)
VERIFICATION = "verification.md"  # the page that says how the site checks itself, if there is one
TITLE = "Evaluated as written, on random shapes and values, against PyTorch autograd"


def on_page_markdown(markdown: str, page, config, files) -> str:
    target = files.get_file_from_path(VERIFICATION) if files is not None else None
    link = get_relative_url(target.url, page.file.url) if target is not None else None
    return MARKER.sub(lambda m: mark(m, link), markdown)


def mark(match: re.Match, link: str | None) -> str:
    indent = match["indent"]
    if match["kind"] == "unchecked":
        return indent  # an empty line: the Markdown around it reads as without the comment
    text = f'<a href="{link}">checked</a>' if link else "checked"
    # a blank line after it, so that the $$ or the table below starts a block of its own
    return f'{indent}<p class="formula-checked" title="{TITLE}">&#10003; {text}</p>\n'
