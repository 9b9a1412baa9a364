"""Which formulas of a page are checked: the markers and what they mark.

A display equation carries ``<!-- check: <legend> -->`` (one legend, or one
per row separated by ``;``) or ``<!-- unchecked: <reason> -->`` on the line
before it; a rule table carries one on the line before the table.
"""

from __future__ import annotations

import re
from collections import namedtuple
from dataclasses import dataclass

from mlnotes.checks.formulas.interpreter import translate
from mlnotes.checks.formulas.legends import REGISTRY


@dataclass(frozen=True)
class Target:
    """A checked equation, or a row of a checked rule table."""

    page: str  # "docs/backpropagation.md"
    line: int  # the $$ of an equation, a table row's own line
    tex: str
    names: tuple[str, ...]  # its legends: one, or one per row of the equation
    first: int  # the line of the tex's first line

    @property
    def where(self) -> str:
        return f"{self.page}:{self.line}"

    def translated(self):
        unknown = [name for name in self.names if name not in REGISTRY]
        assert not unknown, f"{self.where}: the marker names no legend {unknown} in mlnotes/checks/formulas/legends.py"
        return translate(self.page, self.line, self.tex, [REGISTRY[n] for n in self.names], self.first)


def legend_names(marker: str | None) -> tuple[str, ...] | None:
    if not marker or not marker.startswith("check:"):
        return None
    return tuple(name.strip() for name in marker.removeprefix("check:").split(";"))


def targets(pages) -> list[Target]:
    """Every checked equation and every row of a checked table of the pages."""
    found = []
    for page in pages:
        for eq in page.equations:
            if (names := legend_names(eq.marker)) is not None:
                found.append(Target(page.name, eq.line, eq.tex, names, eq.line + 1))
        for block in (b for b in page.blocks if b.kind == "text"):
            for line, marker, rows in marked_tables(list(block.lines), block.line):
                if (names := legend_names(marker)) is not None and rows:
                    # a row of the table is a row of the equation, on its own line
                    tex = " \\\\\n".join(row.tex for row in rows)
                    found.append(Target(page.name, line + 1, tex, names, rows[0].line))
    return found


MARKED = re.compile(r"check:\s*\S|unchecked:\s*\S")


def unmarked_equations(pages) -> list[str]:
    return [f"{page.name}:{eq.line}: {eq.tex.splitlines()[0] if eq.tex else ''}" for page in pages
            for eq in page.equations if not eq.marker or not MARKED.match(eq.marker)]


def unmarked_rule_tables(pages) -> list[str]:
    """A table row whose math has a bar, a partial, a nabla or a d/d states a backward rule."""
    missing = []
    for page in pages:
        for block in (b for b in page.blocks if b.kind == "text"):
            covered = {row.line for _, marker, rows in marked_tables(list(block.lines), block.line)
                       if MARKED.match(marker) for row in rows}
            missing += [f"{page.name}:{line}" for line in table_rows_with_rules(list(block.lines), block.line)
                        if line not in covered]
    return missing


def stray_markers(pages) -> list[str]:
    """A marker that marks nothing would show "checked" over a formula no test reads."""
    stray = []
    for page in pages:
        used = {eq.marker_line for eq in page.equations}
        used |= {line for block in page.blocks if block.kind == "text"
                 for line, _, _ in marked_tables(list(block.lines), block.line)}
        stray += [f"{page.name}:{m.line}: <!-- {m.text} -->" for m in page.markers
                  if re.match(r"check:|unchecked:", m.text) and m.line not in used]
    return stray


# --- rule tables --------------------------------------------------------------

MATH = re.compile(r"(?<!\\)\$([^$]+)\$")
RULE_SYNTAX = re.compile(r"\\bar|\\partial|\\nabla|\\frac\{\s*(?:\\mathrm\{)?d")


# A row of a marked table: its line, and its formulas (the inline math that
# holds an '='), joined by \qquad on one line.
TableRow = namedtuple("TableRow", "line tex")


def marked_tables(block_lines: list[str], first_line: int) -> list[tuple[int, str, list[TableRow]]]:
    """(line of the marker, marker text, rows) for each table right under an HTML comment."""
    found = []
    for k, line in enumerate(block_lines):
        comment = re.fullmatch(r"\s*<!--\s*(.*?)\s*-->\s*", line)
        if not comment or k + 1 >= len(block_lines) or not block_lines[k + 1].lstrip().startswith("|"):
            continue
        rows, j = [], k + 3  # past the header and the |---| line
        while j < len(block_lines) and block_lines[j].lstrip().startswith("|"):
            maths = [m for m in MATH.findall(block_lines[j]) if top_level_equals(m)]
            rows.append(TableRow(first_line + j, " \\qquad ".join(maths)))
            j += 1
        found.append((first_line + k, comment[1], rows))
    return found


def table_rows_with_rules(block_lines: list[str], first_line: int) -> list[int]:
    """The lines of table rows that state a backward rule (a bar, a partial, a nabla or a d/d)."""
    return [first_line + k for k, line in enumerate(block_lines)
            if line.lstrip().startswith("|") and any(RULE_SYNTAX.search(m) for m in MATH.findall(line))]


def top_level_equals(tex: str) -> bool:
    """An '=' outside every bracket: the math states a formula."""
    depth = 0
    for char in tex:
        depth += (char in "{([") - (char in "})]")
        if char == "=" and depth == 0:
            return True
    return False
