"""Evaluate a note's formula as written, against its legend's oracle.

notation.lark says what parses; the evaluator says what it means, from the
legend: ``W_1`` is a name when the legend has one, else W indexed by 1.
Strict: products do not commute (sympy's ``parse_latex`` reads them as
commutative), shapes are explicit, and a construct with no meaning raises
:class:`Unsupported`. CONTRIBUTING.md, "The formula notation", lists it all.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import numpy as np
from lark import Token, Tree

from mlnotes.checks.formulas.oracle import Legend, Oracle
from mlnotes.checks.formulas.parse import Formula, Unsupported, name_of, not_notation, parse_formulas, span

class Mismatch(AssertionError):
    """A formula, evaluated as written, disagrees with its oracle or cannot be evaluated."""


class ShapeError(Exception):
    """Operands whose shapes the operation does not accept."""


class NeedRange(Exception):
    """An index was used before anything bound it: the binder learns its range."""

    def __init__(self, var: str, size: int):
        super().__init__(var)
        self.var, self.size = var, size


COMPARE = {"<": np.less, ">": np.greater, "\\le": np.less_equal, "\\ge": np.greater_equal, "\\ne": np.not_equal,
           "\\neq": np.not_equal}
FUNCTIONS = {"\\log": np.log, "\\sigma": lambda v: 1 / (1 + np.exp(-v)),
             "\\mathrm{relu}": lambda v: np.maximum(v, 0), "\\mathrm{sign}": np.sign}


NEWLINE = "\n"
ELEMENTWISE = {"add": ("+", np.add), "minus": ("-", np.subtract), "hadamard": ("\\odot", np.multiply),
               "divide": ("/", np.divide), "frac": ("/", np.divide)}


def is_(node, data: str) -> bool:
    return isinstance(node, Tree) and node.data == data


class Evaluator:
    """Evaluates parsed formulas of ``tex`` on an oracle, with the legend's ``names`` (and their kinds)."""

    def __init__(self, oracle: Oracle, names: dict[str, str], tex: str, each_row: bool = False):
        self.oracle, self.names, self.tex, self.each_row = oracle, names, tex, each_row
        self.bound: dict = {}  # the equation's definitions, `m = ...`

    def unsupported(self, node, what: str | None = None, start: int | None = None) -> Unsupported:
        begin, end = span(node)
        construct = self.tex[begin if start is None else start:end]
        return Unsupported(what or not_notation(construct), begin)

    def name(self, node, kind: str | None = None) -> str | None:
        """The legend's name for the node (a name, ``W_1``, ``\\phi'``), if it has one."""
        name = name_of(node)
        known = name in self.bound or name in self.names and kind in (None, self.names[name])
        return name if known else None

    def value(self, name: str):
        return self.bound[name] if name in self.bound else self.oracle.value(name)

    def eval(self, node, env: dict):
        if isinstance(node, Token):
            if node.type == "NUMBER":
                return np.float64(node)
            if env.get(str(node)) is not None:  # an index, in a condition: `(i \neq j)`, `j = y_n`
                return np.float64(env[str(node)][0])
            if name_of(node) is None:
                raise self.unsupported(node)
            return self.value(str(node))
        if name := self.name(node):
            return self.value(name)
        if node.data in ELEMENTWISE:  # equal shapes, a scalar, or a vector added to every row
            op, function = ELEMENTWISE[node.data]
            return function(*self.both(node, env, op))
        if not hasattr(self, "eval_" + node.data):  # parsed, with no meaning: `(a, b)` as a value
            raise self.unsupported(node)
        return getattr(self, "eval_" + node.data)(node, env)

    def both(self, node, env, op: str):
        left, right = (self.eval(child, env) for child in node.children)
        check_elementwise(left, right, op)
        return left, right

    def eval_neg(self, node, env):
        return -self.eval(node.children[0], env)

    def eval_product(self, node, env):
        """Juxtaposition, left to right; ``L_\\delta(r)``, ``\\phi(z)``: a value
        of the forward, at the inputs it names (not a product)."""
        factors, value, k = node.children, None, 0
        while k < len(factors):
            factor, k = factors[k], k + 1
            if k < len(factors) and self.name(factor, "value") and self.at_inputs(factors[k]):
                k += 1
            v = self.eval(factor, env)
            value = v if value is None else product(value, v)
        return value

    def at_inputs(self, node) -> bool:
        return (is_(node, "paren") or is_(node, "arguments")) and all(map(self.name, node.children))

    def eval_paren(self, node, env):
        return self.eval(node.children[0], env)

    eval_bracket = eval_paren

    def eval_superscript(self, node, env):
        base, script = node.children
        if script == "T" and isinstance(script, Token):
            value = self.eval(base, env)
            if np.ndim(value) != 2:
                raise ShapeError(f"^T of shape {np.shape(value)}: declare vectors as n x 1 or 1 x n")
            return value.T
        if isinstance(script, Token) and script.type == "NUMBER" and script.isdigit():
            return self.eval(base, env) ** int(script)
        if base == "e" and not self.name(base):
            return np.exp(self.eval(script, env))
        raise self.unsupported(node, start=span(base)[1])

    def eval_subscript(self, node, env):
        base, script = node.children
        if is_(base, "superscript") and base.children[0] == "J" and not self.name(base.children[0]):
            return self.jacobian(self.entry(base.children[1]), self.entry(script), env)
        if is_(base, "bar") and (name := self.name(Tree("subscript", [base.children[0], script]))):
            return self.oracle.grad("L", name)  # `\bar{W}_2`: the bar of W_2
        named = self.name(base) or is_(base, "bar") and self.name(base.children[0])
        vector = self.oracle.is_vector(named) if named and not env.get(named) else None
        return self.index(self.eval(base, env), self.indices(script), env, vector)

    def eval_prime(self, node, env):
        raise self.unsupported(node, f"a prime (') derivative, {self.tex[slice(*span(node))]}: "
                                     "give the derivative a name in the legend")

    def eval_bar(self, node, env):
        if not (name := self.name(node.children[0])):
            raise self.unsupported(node)
        return self.oracle.grad("L", name)

    def eval_derivative(self, node, env):
        """dA/dB with B's shape; B may carry an index (an entry) or be ``\\log b``."""
        top, bottom = node.children
        (of, entry), log = self.entry(top), is_(bottom, "call") and bottom.children[0] == "\\log"
        wrt, index = self.entry(bottom.children[1] if log else bottom)
        if entry:
            if log or not index:
                raise self.unsupported(node, "the derivative of an entry needs an entry below: dZ_{nc}/dX_{ij}")
            return self.jacobian((of, entry), (wrt, index), env)
        value = self.oracle.grad(of, wrt) * (self.oracle.value(wrt) if log else 1)
        return self.index(value, index, env, self.oracle.is_vector(wrt)) if index else value

    def entry(self, node) -> tuple[str, tuple]:
        """A name, or a name with the indices of an entry (``p_i``, ``Z_{nc}``)."""
        if name := self.name(node):
            return name, ()
        if is_(node, "subscript") and (name := self.name(node.children[0])):
            return name, self.indices(node.children[1])
        raise self.unsupported(node)

    def jacobian(self, y_part, x_part, env):
        """``J^{y}_{x}``, a row per entry of x; ``J^{y_i}_{x_j}`` is dy_i/dx_j."""
        (y, y_index), (x, x_index) = y_part, x_part
        jac = self.oracle.jacobian(y, x)
        if not y_index and not x_index:
            return jac
        if not (y_index and x_index):
            raise ShapeError("J^{y_i}_{x_j} needs an index on both")
        shape_x, shape_y = self.oracle.value(x).shape, self.oracle.value(y).shape
        return jac[self.flat(shape_x, x_index, env), self.flat(shape_y, y_index, env)]

    def indices(self, script) -> tuple:
        """Letters, 1-based numbers (``y_1``), or labels (``y_n``: the class of row n)."""
        found = []
        for item in (script.children if is_(script, "product") else [script]):
            if isinstance(item, Token) and item.type == "NUMBER" and item.isdigit() and int(item) >= 1:
                found.append(("number", int(item) - 1))
            elif isinstance(item, Token) and item.type == "LETTER":
                found.append(("var", str(item)))
            elif is_(item, "subscript") and isinstance(item.children[0], Token) and item.children[0].type == "LETTER":
                found.append(("label", str(item.children[0]), self.indices(item.children[1])))
            else:
                raise self.unsupported(item, f"the index {self.tex[slice(*span(item))]!r} is not part of the "
                                             "notation (an index is a letter, a number, or a label like y_n)")
        return tuple(found)

    def eval_inner(self, node, env):
        left, right = (self.eval(child, env) for child in node.children)
        if np.shape(left) != np.shape(right):
            raise ShapeError(f"<a, b> of shapes {np.shape(left)} and {np.shape(right)}")
        return np.sum(left * right)

    def eval_abs(self, node, env):
        return np.abs(self.eval(node.children[0], env))

    def eval_call(self, node, env):
        function, argument = node.children
        if function == "\\max":
            if not is_(argument, "arguments") or len(argument.children) != 2:
                raise self.unsupported(node, "\\max(a, b) takes two arguments")
            return np.maximum(*self.both(argument, env, "\\max"))
        value = self.eval(argument, env)
        if function == "\\mathrm{softmax}":
            return softmax(value, self.each_row)
        return FUNCTIONS[str(function)](value)

    def eval_relation(self, node, env):
        left, *op, right = node.children
        return (COMPARE[str(op[0])] if op else np.equal)(self.eval(left, env), self.eval(right, env))

    eval_condition = eval_relation

    def eval_indicator(self, node, env):
        return self.eval_relation(node, env).astype(np.float64)

    def eval_cases(self, node, env):
        values, conditions = [], []
        for case in node.children:
            value, condition = case.children
            if isinstance(condition, Token) and condition != "\\text{otherwise}":
                raise self.unsupported(condition)
            values.append(self.eval(value, env))
            conditions.append(np.ones((), bool) if isinstance(condition, Token) else self.eval(condition, env))
        return select(conditions, values)

    def eval_reduction(self, node, env):
        """Over k: the size of the first axis its body indexes with k."""
        op, bound, body = node.children
        letters, exclude = [str(t) for t in bound.children], None
        if len(bound.children) == 3 and getattr(bound.children[1], "type", "") == "COMPARE":
            if bound.children[1] not in ("\\ne", "\\neq"):
                raise self.unsupported(bound)
            letters, exclude = letters[:1], bound.children[2]
        return self.reduce(str(op), letters, exclude, body, env)

    def reduce(self, op: str, letters: list[str], exclude, body, env):
        var, rest = letters[0], letters[1:]

        def inner(e):
            return self.reduce(op, rest, exclude, body, e) if rest else self.eval(body, e)

        try:
            inner({**env, var: None})
            raise ShapeError(f"{op}_{var}: the body never indexes with {var}")
        except NeedRange as need:
            if need.var != var:
                raise
            size = need.size
        skip = int(self.eval(exclude, env)) if exclude is not None else None
        terms = [inner({**env, var: (k, size)}) for k in range(size) if k != skip]
        if not terms:
            return np.float64(0.0)
        if len({np.shape(t) for t in terms}) != 1:
            raise ShapeError(f"{op}_{var} over terms of shapes {sorted({np.shape(t) for t in terms})}")
        return (np.sum if op == "\\sum" else np.max)(np.stack(terms), axis=0)

    def position(self, index, env, size: int) -> int:
        """The 0-based position an index names, on an axis of ``size``."""
        if index[0] == "number":
            if index[1] >= size:
                raise ShapeError(f"the index {index[1] + 1} on an axis of {size}")
            return index[1]
        if index[0] == "var":
            var = index[1]
            if env.get(var) is None:
                raise NeedRange(var, size)
            k, bound = env[var]
            if bound != size:
                raise ShapeError(f"the index {var} runs over {bound} values but indexes an axis of {size}")
            return k
        _, letter, inner = index  # a label, `y_n`: the class of row n
        label = float(self.index(self.oracle.value(letter), inner, env))
        if label != int(label) or not 0 <= label < size:
            raise ShapeError(f"{letter}_... = {label} is not a class among {size}")
        return int(label)

    def index(self, value, indices, env, vector: bool | None = None):
        """One index: an entry of a vector, a row of a matrix; two: an entry. A vector is
        the legend's (``is_vector``): an N x C matrix with N = 1 is still a matrix."""
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
    """The value of the first case whose condition holds, entry by entry."""
    result, done = values[0], np.zeros(np.shape(conditions[0]), bool)
    for condition, value in zip(conditions, values):
        condition = np.asarray(condition, bool)
        result = np.where(condition & ~done, value, result)
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
    """Juxtaposition: a scalar scales; else the matrix product (vectors are n x 1 or 1 x n)."""
    if not np.ndim(left) or not np.ndim(right):
        return left * right
    if np.ndim(left) != 2 or np.ndim(right) != 2 or left.shape[1] != right.shape[0]:
        raise ShapeError(f"the product of shapes {np.shape(left)} and {np.shape(right)}")
    return left @ right


def softmax(x, each_row: bool):
    """Of a vector; of each row of a matrix only when the formula says ``\\text{(each row)}``."""
    if each_row and np.ndim(x) == 2:
        e = np.exp(x - x.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)
    if np.ndim(x) == 1 or np.ndim(x) == 2 and 1 in np.shape(x):
        e = np.exp(x - x.max())
        return e / e.sum()
    raise ShapeError(f"softmax of shape {np.shape(x)}: of each row? say \\text{{(each row)}}")


# --- checking ---------------------------------------------------------------

def free_assignments(evaluator: Evaluator, formula: Formula):
    """Every assignment of the formula's free indices, learning their ranges."""
    env: dict = {}
    while True:
        try:
            for member in [*formula.members, *([formula.condition] if formula.condition else [])]:
                evaluator.eval(member, env)
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


# --- one equation of a page -------------------------------------------------

@dataclass
class Checked:
    """A marked equation of a page, parsed for its legends (one, or one per row)."""

    page: str  # "docs/backpropagation.md"
    line: int  # of the opening $$
    tex: str
    legends: list[Legend]
    formulas: list[Formula] = field(default_factory=list)
    definitions: list[Formula] = field(default_factory=list)  # `m = ...`: m, named by no legend
    first: int | None = None  # the line of the tex's first line; default: the line after the $$

    def where(self, offset: int) -> str:
        first = self.line + 1 if self.first is None else self.first
        return f"{self.page}:{first + self.tex.count(NEWLINE, 0, offset)}"

    def legend(self, row: int) -> Legend:
        return self.legends[0] if len(self.legends) == 1 else self.legends[row - 1]

    @property
    def sizes(self) -> list[str]:
        """The named sizes of its legends, each once."""
        return list(dict.fromkeys(size for legend in self.legends for size in legend.sizes.split()))


def translate(page: str, line: int, tex: str, legends: list[Legend], first: int | None = None) -> Checked:
    """Parse an equation for its legends; Unsupported names page, line and construct.
    ``line`` is where the equation starts (its $$), ``first`` the line of its tex."""
    checked = Checked(page, line, tex, legends, first=first)
    try:
        formulas, rows = parse_formulas(tex)
    except Unsupported as error:
        raise Unsupported(f"{checked.where(error.offset)}: {error}") from None
    if len(legends) > 1 and len(legends) != rows:
        raise Unsupported(f"{page}:{line}: {len(legends)} legends for {rows} rows")
    for formula in formulas:
        symbol = formula.members[0]  # `m = ...`: a single symbol that no legend names
        defines = len(formula.members) == 2 and isinstance(symbol, Token) and name_of(symbol) is not None \
            and str(symbol) not in checked.legend(formula.row).names()
        (checked.definitions if defines else checked.formulas).append(formula)
    used = {str(t) for f in checked.formulas for m in f.members
            for t in ([m] if isinstance(m, Token) else m.scan_values(lambda v: isinstance(v, Token)))}
    for definition in checked.definitions:
        if (name := name_of(definition.members[0])) not in used:
            raise Unsupported(f"{checked.where(definition.offset)}: {definition.text!r} defines {name}, which no "
                              f"formula of the equation uses: add {name} to the legend to check it")
    if not checked.formulas:
        raise Unsupported(f"{page}:{line}: the equation holds no formula to check")
    return checked


def check_equation(checked: Checked, sizes: dict[str, int], seed: int, tolerance: float = 1e-9) -> None:
    """Evaluate every formula of the equation on drawn values; raise Mismatch
    naming page, line, formula and sizes on the first that does not hold."""
    oracles = {id(legend): Oracle(legend, sizes, seed) for legend in checked.legends}
    for formula in checked.formulas:
        legend = checked.legend(formula.row)
        shown = ", ".join(f"{k}={v}" for k, v in sizes.items() if k in legend.sizes.split())  # its own sizes
        evaluator = Evaluator(oracles[id(legend)], legend.names(), checked.tex, formula.each_row)
        try:
            for definition in checked.definitions:
                evaluator.bound[name_of(definition.members[0])] = evaluator.eval(definition.members[1], {})
            problem = check_formula(evaluator, formula, tolerance)
        except (ShapeError, NeedRange) as error:
            problem = f"it cannot be evaluated: {error if isinstance(error, ShapeError) else 'index ' + str(error)}"
        except Unsupported as error:
            raise Unsupported(f"{checked.where(error.offset or formula.offset)}: {error}") from None
        if problem:
            raise Mismatch(f"{checked.where(formula.offset)}: the formula\n    {formula.text}\n"
                           f"does not hold at sizes {shown} (seed {seed}): {problem}")
