"""Evaluate the LaTeX of a note's formula as written, against an oracle.

A small interpreter for the notation the notes use, applied to the text
between ``$$`` exactly as it stands in the page source. It is deliberately
strict: products do not commute, shapes are explicit, and anything it does
not know raises :class:`Unsupported`, naming the page, the line and the
construct. (sympy's ``parse_latex`` reads products as commutative, so a
swapped operand would pass; see the README, "Check a formula".)

The notation, in short (the README has the full list):

- A formula is ``lhs = rhs`` or a chain ``a = b = c``; every member must equal
  the first. ``\\begin{aligned} ... \\end{aligned}`` holds one or more formulas
  per row (rows split at ``\\\\``, ``&`` ignored; a row ``&= ...`` continues
  the chain above); a row may hold several,
  separated by ``,`` ``\\qquad`` or ``\\quad`` at the top level. ``\\quad (i
  \\neq j)`` restricts the formula before it; ``\\quad \\text{(each row)}`` is
  a remark. A formula ``m = ...`` whose left side names nothing in the legend
  defines ``m`` for the other formulas of the equation.
- Juxtaposition is the matrix product (a scalar factor scales); ``^T``
  transposes; ``\\odot`` and ``/`` are elementwise; ``+`` and ``-`` need equal
  shapes, a scalar, or a vector added to every row of a matrix.
- ``\\bar{X}`` and ``\\frac{\\partial{L}}{\\partial{X}}`` are the gradient of L
  (of any named value: ``\\partial{L_\\delta}``) with respect to X, with X's
  shape; ``\\partial{X_i}`` picks an entry, ``\\partial{\\log q}`` is
  ``q \\odot \\partial/\\partial q``. ``J^{y}_{x}`` is the Jacobian, a row per
  entry of x; ``J^{y_i}_{x_j}`` is dy_i/dx_j.
- A subscript is part of a name when the legend has that name (``W_1``),
  otherwise an index: one index picks an entry of a vector or a row of a
  matrix, two an entry (``Y_{nc}``, ``S_{n y_n}``). An index not bound by a
  sum is free, and the formula must hold for each of its values.
- ``\\sum_k`` (or ``\\sum_{k=1}^{K}``, ``\\sum_{j \\ne y_n}``) sums the rest of
  its product term over k; ``\\max_k`` likewise takes the maximum.
- Functions: ``\\log``, ``\\exp``, ``e^{x}``, ``\\max(a, b)``, ``\\lvert x
  \\rvert``, ``\\sigma``, ``\\mathrm{relu}``, ``\\mathrm{softmax}`` (of each row
  of a matrix), ``\\mathrm{sign}``, ``\\operatorname{diag}``, ``1[a > b]``,
  ``\\langle a, b \\rangle``, ``\\begin{cases}``, ``\\begin{bmatrix}``.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

import numpy as np


class Unsupported(Exception):
    """The interpreter does not understand a construct of the formula."""


class Mismatch(AssertionError):
    """A formula, evaluated as written, disagrees with its oracle (or cannot be
    evaluated on the drawn shapes)."""


class ShapeError(Exception):
    """Operands whose shapes the operation does not accept."""


# --- tokens ---------------------------------------------------------------

TOKEN = re.compile(r"\\[A-Za-z]+|\\.|[A-Za-z]|\d+(?:\.\d+)?|\S")
SPACES = {"\\,", "\\;", "\\!", "\\ ", "\\:", "\\>", "\\left", "\\right", "\\big", "\\Big", "\\bigg", "\\Bigg",
          "\\displaystyle", "\\limits"}
SEPARATORS = {",", "\\qquad", "\\quad"}
RELATIONS = {"=": np.equal, "<": np.less, ">": np.greater, "\\le": np.less_equal, "\\leq": np.less_equal,
             "\\ge": np.greater_equal, "\\geq": np.greater_equal, "\\ne": np.not_equal, "\\neq": np.not_equal}
GREEK = {"\\alpha", "\\beta", "\\gamma", "\\delta", "\\epsilon", "\\varepsilon", "\\lambda", "\\mu", "\\phi",
         "\\theta", "\\tau", "\\eta"}
CONSTANTS = {"\\pi": np.pi}
REMARKS = {"(each row)"}  # the \text{...} a formula may carry: it says nothing the legend does not
FUNCTIONS = ("relu", "softmax", "sign", "diag")  # \mathrm{...} or \operatorname{...} of one argument
ACCENTS = {"\\hat", "\\tilde", "\\textbf", "\\mathbf", "\\boldsymbol", "\\mathrm", "\\operatorname"}


@dataclass(frozen=True)
class Token:
    text: str
    offset: int  # in the equation's tex


def tokenize(tex: str) -> list[Token]:
    tokens = []
    for m in TOKEN.finditer(tex):
        if m.group() not in SPACES:
            tokens.append(Token(m.group(), m.start()))
    return tokens


# --- the syntax tree ------------------------------------------------------

@dataclass(frozen=True)
class Node:
    kind: str  # see Evaluator.eval for the kinds
    args: tuple = ()
    offset: int = 0


@dataclass
class Formula:
    """One formula of an equation: a chain of members that must be equal."""

    members: list[Node]
    text: str  # its LaTeX, as on the page
    offset: int  # where it starts in the equation's tex
    row: int  # 1-based row of the equation it sits in
    condition: Node | None = None  # from `\quad (i \neq j)`
    each_row: bool = False  # from `\quad \text{(each row)}`: softmax of each row of a matrix


@dataclass
class Parsed:
    formulas: list[Formula]
    definitions: list[Formula] = field(default_factory=list)  # `m = ...` bindings


class Parser:
    """Recursive descent over the tokens of one formula.

    ``is_name(text)`` says whether the legend binds a name; the parser needs it
    to tell ``W_1`` (a name) from ``s_i`` (an index)."""

    def __init__(self, tokens: list[Token], is_name, where):
        self.tokens, self.i, self.is_name, self.where = tokens, 0, is_name, where

    # helpers
    def peek(self, k=0) -> str | None:
        j = self.i + k
        return self.tokens[j].text if j < len(self.tokens) else None

    def offset(self) -> int:
        return self.tokens[min(self.i, len(self.tokens) - 1)].offset if self.tokens else 0

    def take(self, expected: str | None = None) -> str:
        if self.i >= len(self.tokens):
            raise self.unsupported("the formula ends too early" + (f" (expected {expected!r})" if expected else ""))
        text = self.tokens[self.i].text
        if expected is not None and text != expected:
            raise self.unsupported(f"expected {expected!r}, found {text!r}")
        self.i += 1
        return text

    def unsupported(self, what: str) -> Unsupported:
        return Unsupported(f"{self.where(self.offset())}: {what}")

    def raw_group(self) -> list[Token]:
        """The tokens of ``{...}`` (or of a single token), not parsed."""
        if self.peek() != "{":
            token = self.tokens[min(self.i, len(self.tokens) - 1)]
            self.take()
            return [token]
        self.take("{")
        start, depth = self.i, 1
        while depth:
            text = self.take()
            depth += {"{": 1, "}": -1}.get(text, 0)
        return self.tokens[start:self.i - 1]

    def group_text(self, k: int) -> str:
        """The letters of the braced group that starts k tokens ahead."""
        if self.peek(k) != "{":
            return ""
        texts, j = [], k + 1
        while self.peek(j) not in (None, "}"):
            texts.append(self.peek(j))
            j += 1
        return "".join(texts)

    def sub_parser(self, tokens: list[Token]) -> "Parser":
        return Parser(tokens, self.is_name, self.where)

    def group_expr(self) -> Node:
        """``{expr}`` or a single-token primary."""
        if self.peek() == "{":
            inner = self.sub_parser(self.raw_group())
            node = inner.expr()
            inner.end()
            return node
        return self.primary()

    def end(self):
        if self.i < len(self.tokens):
            raise self.unsupported(f"unexpected {self.peek()!r}")

    # grammar
    def expr(self) -> Node:
        sign = None
        if self.peek() in ("-", "+"):
            sign = self.take()
        node = self.term()
        if sign == "-":
            node = Node("neg", (node,), node.offset)
        while self.peek() in ("+", "-"):
            op = self.take()
            node = Node("add" if op == "+" else "sub", (node, self.term()), node.offset)
        return node

    STOP = {None, "+", "-", "=", ",", ")", "]", "}", "&", "\\\\", "\\rangle", "\\rvert", "|", "\\quad", "\\qquad",
            "\\|", "\\end", "\\right", *RELATIONS}

    def term(self) -> Node:
        node = self.factor()
        while self.peek() not in self.STOP:
            if self.peek() in ("\\odot", "/", "\\cdot", "\\times"):
                op = self.take()
                kind = {"\\odot": "hadamard", "/": "divide", "\\cdot": "scale", "\\times": "scale"}[op]
                node = Node(kind, (node, self.factor()), node.offset)
            else:
                node = Node("product", (node, self.factor()), node.offset)
        return node

    def factor(self) -> Node:
        if self.peek() in ("\\sum", "\\max", "\\min") and self.peek(1) == "_":
            return self.reduction()
        node = self.primary()
        while True:
            if self.peek() == "^":
                self.take("^")
                power = self.raw_group()
                texts = [t.text for t in power]
                if texts == ["T"]:
                    node = Node("transpose", (node,), node.offset)
                elif len(texts) == 1 and texts[0].isdigit():
                    node = Node("power", (node, int(texts[0])), node.offset)
                else:
                    raise self.unsupported(f"the power ^{{{''.join(texts)}}}")
            elif self.peek() == "_":
                self.take("_")
                node = Node("index", (node, self.indices(self.raw_group())), node.offset)
            elif self.peek() == "{" and self.peek(1) == "}":  # `\bar{Z}_1{}_n`: an empty group
                self.take("{"), self.take("}")
            elif self.peek() == "'":
                raise self.unsupported("a prime (') derivative; give the derivative a name in the legend")
            else:
                return node

    def indices(self, tokens: list[Token]) -> tuple:
        """The index expressions of a subscript: letters, 1-based numbers (``y_1``),
        or a letter with its own subscript (``y_n``: the label of row n)."""
        p, found = self.sub_parser(tokens), []
        while p.peek() is not None:
            letter = p.take()
            if letter.isdigit() and int(letter) >= 1:
                found.append(("number", int(letter) - 1))
                continue
            if not re.fullmatch(r"[A-Za-z]", letter):
                raise p.unsupported(f"the index {letter!r} (an index is a letter, a number, or a label like y_n)")
            if p.peek() == "_":
                p.take("_")
                found.append(("label", letter, p.indices(p.raw_group())))
            else:
                found.append(("var", letter))
        return tuple(found)

    def reduction(self) -> Node:
        offset, op = self.offset(), self.take()
        self.take("_")
        sub = self.sub_parser(self.raw_group())
        var = sub.take()
        if not re.fullmatch(r"[A-Za-z]", var):
            raise self.unsupported(f"{op} over {var!r}")
        if sub.peek() == ",":  # `\sum_{n,c}`: one sum in another
            rest = sub.tokens[sub.i + 1:]
            inner = Parser([Token(op, offset), Token("_", offset), Token("{", offset), *rest, Token("}", offset)]
                           + self.tokens[self.i:], self.is_name, self.where)
            body = inner.factor()
            self.i += inner.i - len(rest) - 4
            return Node("reduce", (op, var, None, None, None, body), offset)
        start = stop = exclude = None
        if sub.peek() == "=":
            sub.take("=")
            start = sub.expr()
        elif sub.peek() in ("\\ne", "\\neq"):
            sub.take()
            exclude = sub.primary_with_index()
        sub.end()
        if self.peek() == "^":
            self.take("^")
            top = self.sub_parser(self.raw_group())
            stop = top.expr()
            top.end()
        body = self.term()
        return Node("reduce", (op, var, start, stop, exclude, body), offset)

    def primary_with_index(self) -> Node:
        node = self.primary()
        if self.peek() == "_":
            self.take("_")
            node = Node("index", (node, self.indices(self.raw_group())), node.offset)
        return node

    def primary(self) -> Node:
        offset, t = self.offset(), self.peek()
        if t is None:
            raise self.unsupported("the formula ends too early")
        if re.fullmatch(r"\d+(\.\d+)?", t):
            self.take()
            if t == "1" and self.peek() == "[":
                return self.indicator(offset)
            return Node("number", (float(t),), offset)
        if t in ("(", "["):
            self.take()
            node = self.expr()
            self.take(")" if t == "(" else "]")
            return node
        if t == "{":
            return self.group_expr()
        if t == "\\frac":
            self.take()
            num, den = self.raw_group(), self.raw_group()
            if num and num[0].text == "\\partial":
                return self.derivative(num, den, offset)
            return Node("divide", (self.sub_parser(num).whole(), self.sub_parser(den).whole()), offset)
        if t == "\\bar":
            self.take()
            return Node("grad", ("L", self.name_from(self.raw_group()), ()), offset)
        if t == "\\langle":
            self.take()
            a = self.expr()
            self.take(",")
            b = self.expr()
            self.take("\\rangle")
            return Node("inner", (a, b), offset)
        if t in ("\\lvert", "|"):
            close = self.take() == "\\lvert" and "\\rvert" or "|"
            node = self.expr()
            self.take(close)
            return Node("call", ("abs", (node,)), offset)
        if t == "e" and self.peek(1) == "^" and not self.is_name("e"):
            self.take(), self.take("^")
            return Node("call", ("exp", (self.group_expr(),)), offset)
        if t in ("\\log", "\\exp", "\\sigma") and not self.is_name(t):
            self.take()
            return Node("call", (t[1:] if t != "\\sigma" else "sigmoid", (self.call_argument(),)), offset)
        if t in ("\\max", "\\min") and self.peek(1) == "(":
            self.take()
            return Node("call", (t[1:], self.arguments()), offset)
        if t == "J" and not self.is_name("J") and self.peek(1) in ("^", "_"):
            return self.jacobian(offset)
        if t == "\\begin":
            return self.environment(offset)
        if t in CONSTANTS and not self.is_name(t):
            self.take()
            return Node("number", (CONSTANTS[t],), offset)
        if t in ("\\mathrm", "\\operatorname") and self.group_text(1) in FUNCTIONS:
            self.take()
            name = "".join(tok.text for tok in self.raw_group())
            return Node("call", (name, (self.call_argument(),)), offset)
        if t == "\\text":
            raise self.unsupported("text inside a formula (\\text{...})")
        if re.fullmatch(r"[A-Za-z]", t) or t in GREEK or t in ACCENTS:
            name = self.name()
            node = Node("name", (name,), offset)
            if self.peek() == "(" and self.is_name(name) == "value":  # `L_\delta(r)`: the value, at its inputs
                save = self.i
                if all(argument.kind == "name" for argument in self.arguments()):
                    return node
                self.i = save  # `\delta(...)`: a product
            return node
        raise self.unsupported(f"the construct {t!r}")

    def whole(self) -> Node:
        node = self.expr()
        self.end()
        return node

    def call_argument(self) -> Node:
        """The argument of log, exp, sigma...: a parenthesised expression or
        the next factor (`\\log P_{nc}`, `\\log\\sum_k ...`)."""
        if self.peek() == "(":
            return self.primary()
        return self.factor()

    def arguments(self) -> tuple:
        self.take("(")
        found = [self.expr()]
        while self.peek() in (",", "\\|"):
            self.take()
            found.append(self.expr())
        self.take(")")
        return tuple(found)

    def name(self) -> str:
        """A symbol, with a subscript only when the legend knows the whole name."""
        t = self.take()
        if t in ACCENTS:
            base = t + "{" + "".join(tok.text for tok in self.raw_group()) + "}"
        else:
            base = t
        if self.peek() == "_":
            save = self.i
            self.take("_")
            sub = "".join(tok.text for tok in self.raw_group())
            whole = f"{base}_{sub}" if len(sub) == 1 or sub.startswith("\\") and "{" not in sub else f"{base}_{{{sub}}}"
            if self.is_name(whole):
                return self.primed(whole)
            self.i = save
        return self.primed(base)

    def primed(self, name: str) -> str:
        """``\\phi'``: a name of its own when the legend has it."""
        if self.peek() == "'" and self.is_name(name + "'"):
            self.take("'")
            return name + "'"
        return name

    def name_from(self, tokens: list[Token]) -> str:
        p = self.sub_parser(tokens)
        name = p.name()
        p.end()
        if self.peek() == "_":  # `\bar{W}_2`: the bar of W_2
            save = self.i
            self.take("_")
            sub = "".join(tok.text for tok in self.raw_group())
            whole = f"{name}_{sub}" if len(sub) == 1 else f"{name}_{{{sub}}}"
            if self.is_name(whole):
                return whole
            self.i = save
        return name

    def derivative(self, num: list[Token], den: list[Token], offset: int) -> Node:
        """``\\frac{\\partial{A}}{\\partial{B}}``: the gradient of A with respect to
        B; B may carry an index (an entry) or be ``\\log b``."""
        top, bottom = self.sub_parser(num), self.sub_parser(den)
        top.take("\\partial")
        bottom.take("\\partial")
        if bottom.peek() != "{":
            raise bottom.unsupported("\\partial without braces")
        of = top.sub_parser(top.raw_group()) if top.peek() == "{" else top
        numerator, entry = of.name(), ()
        if of.peek() == "_":
            of.take("_")
            entry = of.indices(of.raw_group())
        of.end(), top.end()
        wrt = bottom.sub_parser(bottom.raw_group())
        bottom.end()
        log = wrt.peek() == "\\log"
        if log:
            wrt.take()
        name, index = wrt.indexed_name()
        if entry:
            if log or not index:
                raise self.unsupported("the derivative of an entry needs an entry below: dZ_{nc}/dX_{ij}")
            return Node("jacobian", ((numerator, entry), (name, index)), offset)
        node = Node("grad", (numerator, name, index), offset)
        return Node("log_grad", (node,), offset) if log else node

    def indexed_name(self) -> tuple[str, tuple]:
        """All that is left: a name and, after ``_``, the indices of an entry."""
        name, index = self.name(), ()
        if self.peek() == "_":
            self.take("_")
            index = self.indices(self.raw_group())
        self.end()
        return name, index

    def jacobian(self, offset: int) -> Node:
        self.take("J")
        parts = {}
        while self.peek() in ("^", "_") and self.peek() not in parts:
            mark = self.take()
            parts[mark] = self.sub_parser(self.raw_group()).indexed_name()
        if set(parts) != {"^", "_"}:
            raise self.unsupported("a Jacobian needs J^{y}_{x}")
        return Node("jacobian", (parts["^"], parts["_"]), offset)

    def indicator(self, offset: int) -> Node:
        self.take("[")
        condition = self.relation()
        self.take("]")
        return Node("indicator", (condition,), offset)

    def relation(self) -> Node:
        left = self.expr()
        op = self.take()
        if op not in RELATIONS:
            raise self.unsupported(f"the relation {op!r}")
        return Node("relation", (op, left, self.expr()), left.offset)

    def environment(self, offset: int) -> Node:
        self.take("\\begin")
        env = "".join(t.text for t in self.raw_group())
        if env not in ("bmatrix", "cases"):
            raise self.unsupported(f"the environment {env}")
        rows, row, cell = [], [], []
        depth = 0
        while not (depth == 0 and self.peek() == "\\end"):
            t = self.tokens[self.i]
            if self.peek() is None:
                raise self.unsupported(f"\\begin{{{env}}} without \\end")
            depth += {"\\begin": 1, "\\end": -1}.get(t.text, 0)
            self.i += 1
            if depth == 0 and t.text == "&":
                row.append(cell)
                cell = []
            elif depth == 0 and t.text == "\\\\":
                rows.append(row + [cell])
                row, cell = [], []
            else:
                cell.append(t)
        rows.append(row + [cell])
        self.take("\\end")
        self.raw_group()
        rows = [r for r in rows if any(r)]
        if env == "bmatrix":
            return Node("matrix", tuple(tuple(self.sub_parser(c).whole() for c in r) for r in rows), offset)
        cases = []
        for r in rows:
            if len(r) != 2:
                raise self.unsupported("a case needs `value & condition`")
            value = self.sub_parser(r[0]).whole()
            texts = [t.text for t in r[1]]
            if texts[:1] == ["\\text"] and "".join(texts[2:-1]) == "otherwise":
                condition = None
            else:
                condition = self.sub_parser(r[1]).relation_whole()
            cases.append((value, condition))
        return Node("cases", tuple(cases), offset)

    def relation_whole(self) -> Node:
        node = self.relation()
        self.end()
        return node


# --- equations into formulas ----------------------------------------------

def split_top(tokens: list[Token], separators: set[str]) -> list[list[Token]]:
    """Split at the separators that sit outside every bracket and environment."""
    parts, part, depth = [], [], 0
    for t in tokens:
        if t.text in ("{", "(", "[", "\\langle", "\\begin", "\\lvert"):
            depth += 1
        elif t.text in ("}", ")", "]", "\\rangle", "\\end", "\\rvert"):
            depth -= 1
        if depth == 0 and t.text in separators:
            parts.append(part)
            part = [t] if t.text in ("\\quad",) else []
        else:
            part.append(t)
    parts.append(part)
    return [p for p in parts if p]


def rows_of(tex: str) -> list[tuple[int, list[Token]]]:
    """The rows of an equation: those of its ``aligned`` environment, or the whole."""
    tokens = tokenize(tex)
    begin, end = "".join(t.text for t in tokens[:10]), "".join(t.text for t in tokens[-10:])
    if begin.startswith("\\begin{aligned}"):
        if not end.endswith("\\end{aligned}"):
            raise Unsupported("@0: an aligned environment that does not end the equation")
        tokens = tokens[10:-10]
    rows = []
    for row in split_top(tokens, {"\\\\"}):
        cells = [cell for cell in split_top(row, {"&"}) if cell]
        if rows and rows[-1] and cells and cells[0][0].text == "=":
            # a row `&= ...` continues the chain of the row above
            rows[-1][-1] = rows[-1][-1] + [token for cell in cells for token in cell]
            continue
        pieces: list[list[Token]] = []
        for cell in split_top(row, {"&"}):  # `lhs &= rhs`: a cell that starts with = continues the last
            if pieces and cell[0].text in ("=", *RELATIONS):
                pieces[-1] = pieces[-1] + cell
            else:
                pieces.append(cell)
        rows.append(pieces)
    return list(enumerate(rows, start=1))


def parse_equation(tex: str, is_name_in_row, where) -> Parsed:
    """Every formula of an equation. ``is_name_in_row(row)`` tells the names of
    the legend of a row; ``where(offset)`` names a place for errors."""
    parsed = Parsed([])
    for row, cells in rows_of(tex):
        previous, is_name = None, is_name_in_row(row)
        for piece in (piece for cell in cells for piece in split_top(cell, SEPARATORS)):
            texts = [t.text for t in piece]
            if texts[0] == "\\quad":
                piece, texts = piece[1:], texts[1:]
                if texts[:1] == ["\\text"]:
                    remark = tex[piece[2].offset:piece[-1].offset]
                    if remark not in REMARKS or previous is None:
                        raise Unsupported(f"{where(piece[0].offset)}: the remark \\text{{{remark}}}")
                    previous.each_row = True
                    continue
                if texts[:1] == ["("] and previous is not None and any(t in RELATIONS for t in texts):
                    p = Parser(piece[1:-1], is_name, where)
                    previous.condition = p.relation_whole()
                    continue
            if not piece:
                continue
            if texts[0] == "(" and closing(piece) == len(piece) - 1 and "=" in texts:  # `(Z = xy)`: a label that holds
                piece = piece[1:-1]
            previous = formula(piece, tex, row, is_name, where)
            first = previous.members[0]
            if first.kind == "name" and not is_name(first.args[0]) and len(previous.members) == 2:
                parsed.definitions.append(previous)
            else:
                parsed.formulas.append(previous)
    return parsed


def closing(tokens: list[Token]) -> int:
    """The position of the bracket that closes the first token's."""
    depth = 0
    for k, t in enumerate(tokens):
        depth += {"(": 1, ")": -1}.get(t.text, 0)
        if depth == 0:
            return k
    return -1


def formula(tokens: list[Token], tex: str, row: int, is_name, where) -> Formula:
    members = split_top(tokens, {"="})
    if len(members) < 2:
        raise Unsupported(f"{where(tokens[0].offset)}: no '=' in {text_of(tex, tokens)!r}")
    nodes = [Parser(m, is_name, where).whole() for m in members]
    return Formula(nodes, text_of(tex, tokens), tokens[0].offset, row)


def text_of(tex: str, tokens: list[Token]) -> str:
    return tex[tokens[0].offset:tokens[-1].offset + len(tokens[-1].text)]


# --- evaluation -----------------------------------------------------------

class NeedRange(Exception):
    """An index was used before anything bound it: the binder learns its range."""

    def __init__(self, var: str, size: int):
        super().__init__(var)
        self.var, self.size = var, size


class Evaluator:
    """Evaluates a formula's nodes on the values an oracle gives for its names.

    ``oracle`` answers ``value(name)``, ``grad(of, wrt)``, ``jacobian(y, x)``
    and ``size(name)``; every value is a float64 NumPy array."""

    def __init__(self, oracle, each_row: bool = False):
        self.oracle, self.each_row = oracle, each_row
        self.bound: dict[str, float | np.ndarray] = {}  # the equation's definitions

    def eval(self, node: Node, env: dict):
        kind, a = node.kind, node.args
        if kind == "number":
            return np.float64(a[0])
        if kind == "name":
            name = a[0]
            if env.get(name) is not None:  # an index, in a condition: `(i \neq j)`, `j = y_n`
                return np.float64(env[name][0])
            if name in self.bound:
                return self.bound[name]
            return self.oracle.value(name)
        if kind == "neg":
            return -self.eval(a[0], env)
        if kind in ("add", "sub"):
            left, right = self.eval(a[0], env), self.eval(a[1], env)
            check_elementwise(left, right, "+" if kind == "add" else "-")
            return left + right if kind == "add" else left - right
        if kind == "hadamard":
            left, right = self.eval(a[0], env), self.eval(a[1], env)
            check_elementwise(left, right, "\\odot")
            return left * right
        if kind == "divide":
            left, right = self.eval(a[0], env), self.eval(a[1], env)
            check_elementwise(left, right, "/")
            return left / right
        if kind == "scale":
            left, right = self.eval(a[0], env), self.eval(a[1], env)
            if np.ndim(left) and np.ndim(right):
                raise ShapeError(f"\\cdot of shapes {np.shape(left)} and {np.shape(right)}: one must be a scalar")
            return left * right
        if kind == "product":
            return product(self.eval(a[0], env), self.eval(a[1], env))
        if kind == "transpose":
            value = self.eval(a[0], env)
            if np.ndim(value) != 2:
                raise ShapeError(f"^T of shape {np.shape(value)}: declare vectors as n x 1 or 1 x n")
            return value.T
        if kind == "power":
            return self.eval(a[0], env) ** a[1]
        if kind == "index":
            base = a[0]
            named = base.args[0] if base.kind == "name" else base.args[1] if base.kind == "grad" else None
            vector = self.oracle.is_vector(named) if named and not env.get(named) else None
            return self.index(self.eval(base, env), a[1], env, vector)
        if kind == "grad":
            of, wrt, index = a
            value = self.oracle.grad(of, wrt)
            return self.index(value, index, env, self.oracle.is_vector(wrt)) if index else value
        if kind == "log_grad":
            of, wrt, index = a[0].args
            value = self.oracle.grad(of, wrt) * self.oracle.value(wrt)
            return self.index(value, index, env, self.oracle.is_vector(wrt)) if index else value
        if kind == "jacobian":
            (y, y_index), (x, x_index) = a
            jac = self.oracle.jacobian(y, x)
            if not y_index and not x_index:
                return jac
            if not (y_index and x_index):
                raise ShapeError("J^{y_i}_{x_j} needs an index on both")
            shape_x, shape_y = self.oracle.value(x).shape, self.oracle.value(y).shape
            row = self.flat(shape_x, x_index, env)
            column = self.flat(shape_y, y_index, env)
            return jac[row, column]
        if kind == "inner":
            left, right = self.eval(a[0], env), self.eval(a[1], env)
            if np.shape(left) != np.shape(right):
                raise ShapeError(f"<a, b> of shapes {np.shape(left)} and {np.shape(right)}")
            return np.sum(left * right)
        if kind == "call":
            if a[0] == "softmax":
                return softmax(self.eval(a[1][0], env), self.each_row)
            return call(a[0], [self.eval(x, env) for x in a[1]])
        if kind == "indicator":
            return self.eval(a[0], env).astype(np.float64)
        if kind == "relation":
            op, left, right = a
            return RELATIONS[op](self.eval(left, env), self.eval(right, env))
        if kind == "reduce":
            return self.reduce(a, env)
        if kind == "matrix":
            rows = [[self.eval(cell, env) for cell in row] for row in a]
            if any(np.ndim(cell) for row in rows for cell in row):
                raise ShapeError("a bmatrix entry that is not a scalar")
            return np.array(rows, dtype=np.float64)
        if kind == "cases":
            values = [self.eval(value, env) for value, _ in a]
            conditions = [np.ones((), bool) if c is None else self.eval(c, env) for _, c in a]
            return select(conditions, values)
        raise Unsupported(f"@{node.offset}: no evaluation for {kind}")

    def reduce(self, a, env):
        op, var, start, stop, exclude, body = a
        size = None
        if stop is not None:
            size = int(self.eval(stop, env))
            if start is None or float(self.eval(start, env)) != 1:
                raise ShapeError(f"\\{op[1:]}_{{{var}=...}} must start at 1")
        if size is None:
            try:
                self.eval(body, {**env, var: None})
                raise ShapeError(f"{op}_{var}: the body never indexes with {var}")
            except NeedRange as need:
                if need.var != var:
                    raise
                size = need.size
        skip = int(self.eval(exclude, env)) if exclude is not None else None
        terms = [self.eval(body, {**env, var: (k, size)}) for k in range(size) if k != skip]
        if not terms:
            return np.float64(0.0)
        shapes = {np.shape(t) for t in terms}
        if len(shapes) != 1:
            raise ShapeError(f"{op}_{var} over terms of shapes {sorted(shapes)}")
        stacked = np.stack(terms)
        return {"\\sum": np.sum, "\\max": np.max, "\\min": np.min}[op](stacked, axis=0)

    def position(self, index, env, size: int) -> int:
        """The 0-based position an index expression names, on an axis of ``size``."""
        if index[0] == "number":
            if index[1] >= size:
                raise ShapeError(f"the index {index[1] + 1} on an axis of {size}")
            return index[1]
        if index[0] == "var":
            var = index[1]
            if var not in env or env[var] is None:
                raise NeedRange(var, size)
            k, bound = env[var]
            if bound != size:
                raise ShapeError(f"the index {var} runs over {bound} values but indexes an axis of {size}")
            return k
        _, letter, inner = index  # a label, `y_n`: the class of row n
        labels = self.index(self.oracle.value(letter), inner, env)
        label = float(labels)
        if label != int(label) or not 0 <= label < size:
            raise ShapeError(f"{letter}_... = {label} is not a class among {size}")
        return int(label)

    def index(self, value, indices, env, vector: bool | None = None):
        """One index: an entry of a vector, a row of a matrix; two: an entry.
        Whether a value is a vector is the legend's (``is_vector``), not its
        shape's: an N x C matrix with N = 1 is still a matrix."""
        shape = np.shape(value)
        vector = len(shape) == 1 if vector is None else vector
        if len(indices) == 1 and vector:
            flat = np.reshape(value, -1)
            return flat[self.position(indices[0], env, flat.size)]
        if len(indices) == 1 and len(shape) == 2:
            return value[self.position(indices[0], env, shape[0])]
        if len(indices) == 2 and len(shape) == 2:
            return value[self.position(indices[0], env, shape[0]), self.position(indices[1], env, shape[1])]
        raise ShapeError(f"{len(indices)} indices into shape {shape}")

    def flat(self, shape, indices, env) -> int:
        if len(indices) == 1:
            return self.position(indices[0], env, int(np.prod(shape)))
        if len(indices) == 2 and len(shape) == 2:
            return self.position(indices[0], env, shape[0]) * shape[1] + self.position(indices[1], env, shape[1])
        raise ShapeError(f"{len(indices)} indices into shape {shape}")


def select(conditions, values):
    result, done = None, None
    for condition, value in zip(conditions, values):
        condition = np.asarray(condition, bool)
        result = value if result is None else result
        done = np.zeros(np.shape(condition), bool) if done is None else done
        take = condition & ~done
        result = np.where(take, value, result)
        done = done | condition
    if not np.all(done):
        raise ShapeError("no case of \\begin{cases} applies")
    return result


def check_elementwise(left, right, op: str):
    """Equal shapes, a scalar, or a vector added to every row of a matrix."""
    a, b = np.shape(left), np.shape(right)
    if a == b or not a or not b:
        return
    if len(a) == 2 and len(b) == 1 and a[1] == b[0] or len(b) == 2 and len(a) == 1 and b[1] == a[0]:
        return
    raise ShapeError(f"{op} of shapes {a} and {b}")


def product(left, right):
    """Juxtaposition: a scalar scales; otherwise the matrix product, which
    needs matrices (vectors are n x 1 or 1 x n) whose inner sizes agree."""
    if not np.ndim(left) or not np.ndim(right):
        return left * right
    if np.ndim(left) != 2 or np.ndim(right) != 2 or left.shape[1] != right.shape[0]:
        raise ShapeError(f"the product of shapes {np.shape(left)} and {np.shape(right)}")
    return left @ right


def softmax(x, each_row: bool):
    """Over the entries of a vector; over each row of a matrix only when the
    formula says so (``\\text{(each row)}``)."""
    if each_row and np.ndim(x) == 2:
        e = np.exp(x - x.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)
    if np.ndim(x) == 1 or np.ndim(x) == 2 and 1 in np.shape(x):
        e = np.exp(x - x.max())
        return e / e.sum()
    raise ShapeError(f"softmax of shape {np.shape(x)}: of each row? say \\text{{(each row)}}")


def call(name: str, args: list):
    if name in ("max", "min"):
        if len(args) != 2:
            raise ShapeError(f"\\{name} of {len(args)} arguments")
        check_elementwise(args[0], args[1], f"\\{name}")
        return (np.maximum if name == "max" else np.minimum)(*args)
    (x,) = args
    if name == "diag":
        if np.ndim(x) != 2 or 1 not in np.shape(x):
            raise ShapeError(f"diag of shape {np.shape(x)}: it takes a vector")
        return np.diag(np.reshape(x, -1))
    functions = {"log": np.log, "exp": np.exp, "abs": np.abs, "sign": np.sign, "relu": lambda v: np.maximum(v, 0),
                 "sigmoid": lambda v: 1 / (1 + np.exp(-v))}
    return functions[name](x)


# --- checking ---------------------------------------------------------------

def free_assignments(evaluator: Evaluator, formula: Formula):
    """Every assignment of the formula's free indices, learning their ranges."""
    env: dict = {}
    while True:
        try:
            for member in formula.members:
                evaluator.eval(member, env)
            if formula.condition is not None:
                evaluator.eval(formula.condition, env)
            break
        except NeedRange as need:
            if need.var in env:
                raise
            env[need.var] = (0, need.size)
    names = sorted(env)
    for values in itertools.product(*(range(env[n][1]) for n in names)):
        yield {n: (v, env[n][1]) for n, v in zip(names, values)}


def same(a, b, tolerance: float) -> bool:
    a, b = np.asarray(a, np.float64), np.asarray(b, np.float64)
    if a.shape != b.shape and not (a.size == 1 and b.size == 1):
        raise ShapeError(f"a side of shape {a.shape} equals one of shape {b.shape}")
    return bool(np.allclose(a.reshape(b.shape) if a.size == b.size else a, b, rtol=tolerance, atol=tolerance))


def check_formula(evaluator: Evaluator, formula: Formula, tolerance: float = 1e-9) -> str | None:
    """None if the formula holds on the oracle's values, else what fails."""
    for env in free_assignments(evaluator, formula):
        if formula.condition is not None and not bool(evaluator.eval(formula.condition, env)):
            continue
        values = [evaluator.eval(member, env) for member in formula.members]
        for k, value in enumerate(values[1:], start=2):
            if not same(value, values[0], tolerance):
                at = ", ".join(f"{n}={v + 1}" for n, (v, _) in sorted(env.items()))  # 1-based, as written
                side = "the right side" if len(values) == 2 else f"side {k} of {len(values)}"
                return (f"{side} differs from the left side{' at ' + at if at else ''}:\n"
                        f"  left side = {np.array2string(np.asarray(values[0]), precision=6)}\n"
                        f"  {side} = {np.array2string(np.asarray(value), precision=6)}")
    return None


# --- legends and their oracle -----------------------------------------------

@dataclass(frozen=True)
class Legend:
    """What the symbols of a checked formula stand for, and its oracle.

    ``inputs`` maps each input symbol to its shape, in the named sizes
    (``"N D"``; ``"C 1"`` a column; ``""`` a scalar), and how to draw it.
    ``forward`` is the same computation in PyTorch: it takes the input tensors
    by symbol and returns every other value the formulas name (``"Z"``,
    ``"P"``, ``"L"``...). Without an ``"L"``, L is ``<output, G>`` for a random
    upstream gradient G, so that the bar of ``output`` is G."""

    name: str
    sizes: str
    inputs: dict
    forward: object
    output: str | None = None
    constants: dict = field(default_factory=dict)

    def names(self) -> dict[str, str]:
        """Every name the legend binds, with its kind: "input", "value" (of the
        forward, learnt by running it once), "constant" or "size"."""
        oracle = self.sample()
        kinds = {name: "value" for name in [*oracle.values, "L"]}
        kinds.update({name: "input" for name in oracle.tensors})
        kinds.update({name: "constant" for name in oracle.constants})
        kinds.update({name: "size" for name in self.sizes.split()})
        return kinds

    def sample(self) -> "Oracle":
        """The legend at every size 2: a 1 in a shape there is a literal 1."""
        if self.name not in _SAMPLES:
            _SAMPLES[self.name] = Oracle(self, {size: 2 for size in self.sizes.split()}, 0)
        return _SAMPLES[self.name]

    def vectors(self) -> set[str]:
        """The names of its vectors: 1-D, or n x 1, or 1 x n (by the literal 1)."""
        return {name for name, value in self.sample().values.items() if value.dim() == 1 or
                value.dim() == 2 and 1 in value.shape}

    def shape(self, spec: str, sizes: dict[str, int]) -> tuple[int, ...]:
        return tuple(int(d) if d.isdigit() else sizes[d] for d in spec.split())


_SAMPLES: dict[str, "Oracle"] = {}


def canonical(name: str) -> str:
    """A legend key written as the parser spells names (``L_{\\delta}`` -> ``L_\\delta``)."""
    p = Parser(tokenize(name), lambda _: True, lambda offset: f"legend name {name!r}")
    found = p.name()
    p.end()
    return found


class Oracle:
    """The legend's values on drawn inputs, with autograd's gradients and Jacobians."""

    def __init__(self, legend: Legend, sizes: dict[str, int], seed: int):
        import torch

        self.torch, self.legend, self.sizes = torch, legend, sizes
        rng = np.random.default_rng(seed)
        self.tensors = {}
        for symbol, (spec, draw) in legend.inputs.items():
            drawn = np.asarray(draw(rng, legend.shape(spec, sizes)), dtype=np.float64)
            self.tensors[canonical(symbol)] = torch.tensor(drawn, requires_grad=True)
        computed = {canonical(k): v for k, v in legend.forward({**sizes, **self.tensors}).items()}
        self.values = {**self.tensors, **computed}
        if "L" not in self.values and legend.output is not None:
            out = self.values[canonical(legend.output)]
            upstream = torch.tensor(rng.normal(size=tuple(out.shape)))
            self.values["L"] = (out * upstream).sum()
        self.constants = {canonical(k): v for k, v in legend.constants.items()}
        self._numpy: dict = {}
        self._grads: dict = {}
        self._vectors: set[str] | None = None

    def is_vector(self, name: str) -> bool:
        if self._vectors is None:
            self._vectors = self.legend.vectors()
        return name in self._vectors

    def value(self, name: str):
        if name in self.values:
            if name not in self._numpy:
                self._numpy[name] = self.values[name].detach().numpy().astype(np.float64)
            return self._numpy[name]
        if name in self.constants:
            return np.float64(self.constants[name])
        if name in self.sizes:
            return np.float64(self.sizes[name])
        raise Unsupported(f"the symbol {name} is not in the legend {self.legend.name!r}")

    def tensor(self, name: str):
        if name not in self.values:
            raise Unsupported(f"the symbol {name} is not a value of the legend {self.legend.name!r}")
        return self.values[name]

    def grad(self, of: str, wrt: str):
        """d of / d wrt, with wrt's shape; an ``of`` with an entry per entry of wrt
        (elementwise) gives its elementwise derivative."""
        if (of, wrt) not in self._grads:
            (g,) = self.torch.autograd.grad(self.tensor(of).sum(), self.tensor(wrt), retain_graph=True,
                                            allow_unused=True)
            if g is None:  # a legend whose forward bypasses wrt: its gradient would be a silent 0
                raise Unsupported(f"in the legend {self.legend.name!r}, {of} is not computed from {wrt}")
            self._grads[of, wrt] = g.detach().numpy().astype(np.float64)
        return self._grads[of, wrt]

    def jacobian(self, y: str, x: str):
        """The note's J^y_x: a row per entry of x, a column per entry of y."""
        if ("J", y, x) not in self._grads:
            out, wrt = self.tensor(y).reshape(-1), self.tensor(x)
            columns = []
            for k in range(out.numel()):
                (g,) = self.torch.autograd.grad(out[k], wrt, retain_graph=True, allow_unused=True)
                columns.append(np.zeros(wrt.numel()) if g is None else g.detach().numpy().reshape(-1))
            self._grads["J", y, x] = np.stack(columns, axis=1) if columns else np.zeros((wrt.numel(), 0))
        return self._grads["J", y, x]


# --- one equation of a page -------------------------------------------------

@dataclass
class Checked:
    """A marked equation of a page, translated against its legends (one for
    the whole equation, or one per row)."""

    page: str  # "docs/backpropagation.md"
    line: int  # of the opening $$
    tex: str
    legends: list[Legend]
    parsed: Parsed = field(default_factory=lambda: Parsed([]))
    first: int | None = None  # the line of the tex's first line; default: the line after the $$

    def line_of(self, offset: int) -> int:
        return (self.line + 1 if self.first is None else self.first) + self.tex[:offset].count("\n")

    def where(self, offset: int) -> str:
        return f"{self.page}:{self.line_of(offset)}"

    def legend(self, row: int) -> Legend:
        return self.legends[0] if len(self.legends) == 1 else self.legends[row - 1]

    @property
    def sizes(self) -> list[str]:
        """The named sizes of its legends, each once."""
        return list(dict.fromkeys(size for legend in self.legends for size in legend.sizes.split()))


def translate(page: str, line: int, tex: str, legends: list[Legend], first: int | None = None) -> Checked:
    """Parse an equation against its legends; Unsupported names page, line and construct.
    ``line`` is where the equation starts (its $$), ``first`` the line of its tex."""
    checked = Checked(page, line, tex, legends, first=first)
    names = {id(legend): legend.names() for legend in legends}
    rows = len(rows_of(tex))
    if len(legends) > 1 and len(legends) != rows:
        raise Unsupported(f"{page}:{line}: {len(legends)} legends for {rows} rows")
    try:
        checked.parsed = parse_equation(tex, lambda row: names[id(checked.legend(row))].get,
                                        checked.where)
    except Unsupported as error:
        message = str(error)
        if message.startswith("@"):  # raised where the place was not known yet
            message = f"{page}:{line}: {message.partition(': ')[2]}"
        raise Unsupported(message) from None
    used = {n for f in checked.parsed.formulas for n in names_in(f.members)}
    for definition in checked.parsed.definitions:
        name = definition.members[0].args[0]
        if name not in used:
            raise Unsupported(f"{checked.where(definition.offset)}: {definition.text!r} defines {name}, which no "
                              f"formula of the equation uses: add {name} to the legend to check it")
    if not checked.parsed.formulas:
        raise Unsupported(f"{page}:{line}: the equation holds no formula to check")
    return checked


def names_in(nodes) -> set[str]:
    found = set()
    for node in nodes:
        if isinstance(node, Node):
            if node.kind == "name":
                found.add(node.args[0])
            found |= names_in(node.args)
        elif isinstance(node, tuple):
            found |= names_in(node)
    return found


def check_equation(checked: Checked, sizes: dict[str, int], seed: int, tolerance: float = 1e-9) -> None:
    """Evaluate every formula of the equation on drawn values; raise Mismatch
    naming page, line, formula and sizes on the first that does not hold."""
    oracles = {id(legend): Oracle(legend, sizes, seed) for legend in checked.legends}
    for formula in checked.parsed.formulas:
        own = checked.legend(formula.row).sizes.split()
        shown = ", ".join(f"{k}={v}" for k, v in sizes.items() if k in own)  # the sizes of its own legend
        evaluator = Evaluator(oracles[id(checked.legend(formula.row))], formula.each_row)
        try:
            for definition in checked.parsed.definitions:
                evaluator.bound[definition.members[0].args[0]] = evaluator.eval(definition.members[1], {})
            problem = check_formula(evaluator, formula, tolerance)
        except (ShapeError, NeedRange) as error:
            problem = f"it cannot be evaluated: {error if isinstance(error, ShapeError) else 'index ' + str(error)}"
        except Unsupported as error:
            raise Unsupported(f"{checked.where(formula.offset)}: {error}") from None
        if problem:
            raise Mismatch(f"{checked.where(formula.offset)}: the formula\n    {formula.text}\n"
                           f"does not hold at sizes {shown} (seed {seed}): {problem}")


# --- rule tables --------------------------------------------------------------

MATH = re.compile(r"(?<!\\)\$([^$]+)\$")


@dataclass(frozen=True)
class TableRow:
    """A row of a marked Markdown table: its formulas, the inline math that holds an '='."""

    line: int
    tex: str  # the row's formulas, joined by \qquad, all on one line


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


RULE_SYNTAX = re.compile(r"\\bar|\\partial|\\nabla|\\frac\{\s*(?:\\mathrm\{)?d")


def top_level_equals(tex: str) -> bool:
    return len(split_top(tokenize(tex), {"="})) > 1
