"""The parse step: LaTeX, exactly as the page has it, into formulas.

notation.lark says what parses; this module turns its tree into formulas and
lark's errors into "the construct ... is not part of the notation". It reads
no legend: whether ``W_1`` is a name or W indexed by 1 is the evaluator's.
:func:`parse_formulas` takes a display equation, the rows of a rule table or
one inline formula alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken


class Unsupported(Exception):
    """A construct the notation does not have; ``offset`` is where, in the tex."""

    def __init__(self, message: str, offset: int = 0):
        super().__init__(message)
        self.offset = offset


@cache
def parser() -> Lark:
    # LALR: linear time, and a grammar with an ambiguity shows it as a conflict
    # (tests/test_formulas.py fails on any) instead of one reading chosen silently.
    return Lark.open_from_package("mlnotes.checks.formulas", "notation.lark", parser="lalr",
                                  start=["equation", "expr"], propagate_positions=True)


def parse(tex: str, start: str = "equation") -> Tree:
    """The tree of ``tex``; :class:`Unsupported` names the construct that does not parse."""
    try:
        return parser().parse(tex, start=start)
    except UnexpectedInput as error:
        if isinstance(error, UnexpectedEOF) or isinstance(error, UnexpectedToken) and error.token.type == "$END":
            raise Unsupported("the formula ends too early", len(tex)) from None
        pos = error.pos_in_stream if isinstance(error, UnexpectedCharacters) else error.token.start_pos
        raise Unsupported(not_notation(construct_at(tex, pos)), pos) from None


def not_notation(construct: str) -> str:
    return f"the construct `{construct}` is not part of the notation"


def construct_at(tex: str, pos: int) -> str:
    """The construct as written where parsing stopped: the whole script
    (``^{-1}``, ``_{+}``) when inside one, else the command with its group."""
    opened = []
    for k, char in enumerate(tex[:pos]):
        if char == "{":
            opened.append(k)
        elif char == "}" and opened:
            opened.pop()
    for k in reversed(opened):
        if k and tex[k - 1] in "^_":
            depth, end = 0, k
            while end < len(tex) and (depth := depth + {"{": 1, "}": -1}.get(tex[end], 0)):
                end += 1
            return tex[k - 1:end + 1]
    found = re.match(r"\\[A-Za-z]+(\{[^{}]*\})?|\\.|\S", tex[pos:])
    return found.group() if found else tex[pos:]


def span(node) -> tuple[int, int]:
    if isinstance(node, Token):
        return node.start_pos, node.end_pos
    return node.meta.start_pos, node.meta.end_pos


def name_of(node) -> str | None:
    """The node's text as a legend would name it (``W_1``, ``L_\\delta``,
    ``L_{\\mathrm{MSE}}``, ``\\phi'``), or None if it is no name at all."""
    if isinstance(node, Token):
        return str(node) if node.type in ("LETTER", "GREEK", "MATHRM", "HAT") else None
    if node.data == "prime":
        base = name_of(node.children[0])
        return base and base + "'"
    if node.data == "subscript":
        base, script = node.children
        base = name_of(base)
        texts = [str(script)] if isinstance(script, Token) else [str(t) for t in script.scan_values(
            lambda v: isinstance(v, Token))]
        sub = "".join(texts)
        single = len(texts) == 1 and (len(sub) == 1 or sub.startswith("\\") and "{" not in sub)
        return base and (f"{base}_{sub}" if single else f"{base}_{{{sub}}}")
    return None


@dataclass
class Formula:
    """One formula of an equation: a chain of members that must be equal."""

    members: list  # lark trees (or tokens)
    text: str  # its LaTeX, as on the page
    offset: int  # where it starts in the equation's tex
    row: int  # 1-based row of the equation it sits in
    condition: Tree | None = None  # from `\quad (i \neq j)`
    each_row: bool = False  # from `\quad \text{(each row)}`: softmax of each row of a matrix


REMARK = "\\text{(each row)}"  # the one remark a formula may carry: it says nothing the legend does not


def parse_formulas(tex: str) -> tuple[list[Formula], int]:
    """Every formula of the text, and its number of rows (a row ``&= ...``
    continues the row above and is not counted)."""
    formulas: list[Formula] = []
    rows = 0
    (table,) = parse(tex).children
    for row in table.children:
        previous = None
        for piece in row.children:
            start, end = span(piece)
            kind = piece.data if isinstance(piece, Tree) else piece.type
            if kind == "continuation":  # only ever a row's first piece
                if not formulas:
                    raise Unsupported("a row `&= ...` with no formula above it", start)
                previous = formulas[-1]
                previous.members += piece.children
                previous.text = tex[previous.offset:end]
                continue
            rows += piece is row.children[0]
            if kind in ("condition", "remark") and previous is None:
                raise Unsupported(f"{not_notation(tex[start:end])}: it follows no formula", start)
            if kind == "condition":
                previous.condition = piece
            elif kind == "remark":
                if str(piece.children[0]) != REMARK:
                    raise Unsupported(not_notation(tex[start:end]), start)
                previous.each_row = True
            else:
                previous = Formula(piece.children, tex[start:end], start, rows)
                formulas.append(previous)
    return formulas, rows
