"""MkDocs hook: display equations numbered (1), (2), ... on each page, and
references to them.

Every display equation of a page gets ``id="eq-N"`` and its number at the
right. An author names one with a comment line just above it (beside a
``<!-- check: ... -->`` marker, in either order)::

    <!-- label: chain -->
    $$ ... $$

which gives it ``id="eq-chain"`` too; an empty link ``[](#eq-chain)`` in the
same page then reads "(3)" and jumps to it. A reference to a label the page
does not define fails the build, naming the page and line.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from mlnotes.pages import LABEL, load_page

LABEL_LINE = re.compile(r"^[ \t]*<!--\s*label:\s*[\w-]+\s*-->[ \t]*\n", re.MULTILINE)
REFERENCE = re.compile(r"\[\]\(#eq-(?P<name>[\w-]+)\)")
DISPLAY = re.compile(r'<div class="arithmatex">.*?</div>', re.DOTALL)
EMPTY_LINK = re.compile(r'<a href="#eq-(?P<name>[\w-]+)"></a>')

_labels: dict[str, dict[str, int]] = {}  # per page (src_uri): label -> equation number


def on_page_markdown(markdown: str, page, config, files) -> str:
    if not page.file.src_uri.endswith(".md") or page.file.abs_src_path is None:
        return markdown
    source = Path(page.file.abs_src_path)
    model = load_page(source, Path(config["docs_dir"]))
    labels = {}
    for number, equation in enumerate(model.equations, start=1):
        if equation.label in labels:
            raise PluginError(f"{model.name}:{equation.line}: the label '{equation.label}' names two equations")
        if equation.label:
            labels[equation.label] = number
    for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1):
        for ref in REFERENCE.finditer(line):
            if ref["name"] not in labels and not ref["name"].isdigit():
                raise PluginError(f"{model.name}:{number}: refers to equation '{ref['name']}', "
                                  f"which no <!-- label: {ref['name']} --> on the page names")
    _labels[page.file.src_uri] = labels
    return LABEL_LINE.sub("", markdown)  # gone, so the marker stays right above its equation


def on_page_content(html: str, page, config, files) -> str:
    labels = _labels.get(page.file.src_uri)
    if labels is None:
        return html
    names = {number: name for name, number in labels.items()}
    count = 0

    def numbered(match: re.Match) -> str:
        nonlocal count
        count += 1
        named = f'<span id="eq-{names[count]}"></span>' if count in names else ""
        return (f'<div class="equation" id="eq-{count}">{named}{match[0]}'
                f'<span class="equation-number">({count})</span></div>')

    html = DISPLAY.sub(numbered, html)
    page.present_anchor_ids.update({f"eq-{n}" for n in range(1, count + 1)} | {f"eq-{name}" for name in labels})

    def reference(match: re.Match) -> str:
        name = match["name"]
        number = labels.get(name, int(name) if name.isdigit() else None)
        return f'<a href="#eq-{name}" class="equation-reference">({number})</a>'
    return EMPTY_LINK.sub(reference, html)
