"""MkDocs hook: tables that a phone shows row by row.

On a narrow screen a table of three or more columns pushes its last columns
(a rule table's "Backward", the point of it) off-screen. Each such table gets
``data-stacked`` and each cell ``data-label``, the name of its column, and
docs/stylesheets/readable.css shows, below 600 px, each row as a card and each
cell as a line under its column's name. Wider screens see the table as it is.
A header holding math gives no label (its text would be the formula's markup).
"""

from __future__ import annotations

import html
import re

TABLE = re.compile(r"<table>(?P<body>.*?)</table>", re.DOTALL)
HEADER = re.compile(r"<th\b[^>]*>(?P<text>.*?)</th>", re.DOTALL)
ROW = re.compile(r"<tr>(?P<cells>.*?)</tr>", re.DOTALL)
CELL = re.compile(r"<td(?P<attributes>[^>]*)>")
TAG = re.compile(r"<[^>]+>")
MIN_COLUMNS = 3


def on_post_page(output: str, page, config) -> str:
    return TABLE.sub(stacked, output)


def stacked(table: re.Match) -> str:
    body = table["body"]
    head, _, rows = body.partition("</thead>")
    headers = [header["text"] for header in HEADER.finditer(head)]
    if not rows or len(headers) < MIN_COLUMNS:
        return table[0]
    labels = ["" if "arithmatex" in text else html.escape(" ".join(TAG.sub("", text).split()))
              for text in headers]
    rows = ROW.sub(lambda row: "<tr>" + labelled(row["cells"], labels) + "</tr>", rows)
    return f"<table data-stacked>{head}</thead>{rows}</table>"


def labelled(cells: str, labels: list[str]) -> str:
    column = iter(labels)

    def label(cell: re.Match) -> str:
        name = next(column, "")
        return f'<td data-label="{name}"{cell["attributes"]}>' if name else cell[0]
    return CELL.sub(label, cells)
