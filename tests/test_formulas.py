"""The formulas a reader reads are the formulas that are tested.

Every display equation of a note page carries a marker on the line just
before its ``$$``: ``<!-- check: <legend> -->`` (or ``<!-- check: <legend>;
<legend> -->``, one legend per row) for a formula that is checked, or
``<!-- unchecked: <reason> -->`` for a deliberate opt-out. A checked equation
is evaluated as written (mlnotes/checks/formulas/) on Hypothesis-drawn sizes
and values, against PyTorch autograd on the same forward pass (its legend).
Planted mistakes in a copy of a page must fail, naming page, line, formula and
the smallest failing sizes.
"""

from __future__ import annotations

import logging
import re

import lark
import pytest
from hypothesis import Phase

from mlnotes import ROOT
from mlnotes.checks import properties
from mlnotes.checks.formulas import interpreter as formula_check
from mlnotes.checks.formulas.interpreter import Mismatch, Unsupported, check_equation, translate
from mlnotes.checks.formulas.legends import REGISTRY
from mlnotes.checks.formulas.parse import parse, parse_formulas
from mlnotes.checks.site import load_hook
from mlnotes.checks.formulas.targets import stray_markers, targets, unmarked_equations, unmarked_rule_tables
from mlnotes.pages import load_page, note_pages

DOCS = ROOT / "docs"
EXAMPLES = 25  # per equation; the rules' own property tests (test_rules.py) draw 100
PHASES = [Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink]  # no "explain": it re-runs a failure traced


pytestmark = pytest.mark.usefixtures("one_torch_thread")  # tiny tensors: see conftest.py
PAGES = note_pages(DOCS)
TARGETS = targets(PAGES)


def property_test(checked):
    """A Hypothesis test of one equation (sizes 1 to 5, a seed for the values)."""
    return properties.property_test(lambda sizes, seed: check_equation(checked, sizes, seed),
                                    checked.sizes, EXAMPLES, phases=PHASES)


# --- markers -------------------------------------------------------------------

def test_every_display_equation_is_marked():
    missing = unmarked_equations(PAGES)
    assert not missing, ("display equations with neither <!-- check: <legend> --> nor <!-- unchecked: <reason> -->"
                         " on the line before them:\n" + "\n".join(missing))


def test_every_rule_table_is_marked():
    missing = unmarked_rule_tables(PAGES)
    assert not missing, "rule tables with no marker on the line before the table:\n" + "\n".join(missing)


def test_every_marker_stands_right_before_an_equation_or_a_table():
    stray = stray_markers(PAGES)
    assert not stray, "markers with no display equation or table right under them:\n" + "\n".join(stray)


UNMARKED_FORMS = "\n\n".join([
    r"$$ \bar{x} = W\bar{z} $$",
    "$$\\begin{aligned}\n\\bar{x} &= W\\bar{z}\n\\end{aligned}$$",
    r"\[ \bar{x} = W\bar{z} \]",
    "\\begin{align}\n\\bar{x} &= W\\bar{z}\n\\end{align}",
    "| block | backward |\n|---|---|\n| exp | $\\nabla_x L = e^x \\odot \\nabla_y L$ |",
    "<!-- check: dot product -->\n\nA paragraph, not a formula.",
])


def test_planted_unmarked_forms_and_a_stray_marker_are_named(tmp_path):
    page_file = tmp_path / "docs/demo.md"
    page_file.parent.mkdir()
    page_file.write_text("# Demo\n\n" + UNMARKED_FORMS + "\n", encoding="utf-8")
    page = load_page(page_file, page_file.parent)
    assert [p.split(":")[1] for p in unmarked_equations([page])] == ["3", "5", "9", "11"]
    assert unmarked_rule_tables([page]) == [f"{page.name}:17"]
    assert stray_markers([page]) == [f"{page.name}:19: <!-- check: dot product -->"]


def test_every_marker_names_a_legend():
    wrong = [f"{t.where}: {name!r}" for t in TARGETS for name in t.names if name not in REGISTRY]
    assert not wrong, "markers naming no legend of mlnotes/checks/formulas/legends.py:\n" + "\n".join(wrong)


def test_every_legend_is_marked_on_a_page():
    used = {name for t in TARGETS for name in t.names}
    assert not set(REGISTRY) - used, f"legends that no page marks: {sorted(set(REGISTRY) - used)}"


# --- the formulas, as written ----------------------------------------------------

@pytest.mark.parametrize("target", TARGETS, ids=[f"{t.where} {';'.join(t.names)}" for t in TARGETS])
def test_formula_as_written_holds(target):
    property_test(target.translated())()


# --- planted mistakes, on a copy of a page ------------------------------------------

PLANTED = [
    # (page, the text as it is, the text with the mistake, the smallest sizes that show it)
    ("backpropagation.md", r"&= \frac{\partial{L}}{\partial{Z}}W^T", r"&= \frac{\partial{L}}{\partial{Z}}W",
     "N=1, D=1, C=2"),  # a dropped transpose
    ("backpropagation.md", r"&= X^T\frac{\partial{L}}{\partial{Z}}", r"&= \frac{\partial{L}}{\partial{Z}}X^T",
     "N=1, D=1, C=2"),  # swapped operands of a product
    ("backpropagation.md", r"&= W^T\frac{\partial{L}}{\partial{Z}}", r"&= -W^T\frac{\partial{L}}{\partial{Z}}",
     "C=1, D=1"),  # a flipped sign
    ("loss-functions.md", r"\frac{\partial{L}}{\partial{S}} = \frac{P - Y}{N}",
     r"\frac{\partial{L}}{\partial{S}} = P - Y", "N=2, C=2"),  # a missing 1/N
    ("loss-functions.md", r"&= \frac{1}{n}\sum_i (\hat{y}_i - y_i)^2", r"&= \sum_i (\hat{y}_i - y_i)^2",
     "n=2"),  # a missing 1/n
    ("backpropagation.md", r"\bar{b} = \sum_n [\bar{Z}]_n", r"\bar{b} = \sum_c [\bar{Z}^T]_c",
     "N=1, C=2"),  # a wrong summation axis: over the columns
    ("backpropagation.md", r"&= -p_ip_j \quad (i \neq j)", r"&= -p_ip_i \quad (i \neq j)", "C=2"),
    ("backpropagation.md", r"\bar{s}_j = \sum_i J^{p_i}_{s_j}\bar{p}_i", r"\bar{s}_j = \sum_i J^{p_i}_{s_j}\bar{p}_j",
     "C=2"),  # wrong indices in the softmax Jacobian
]


def planted_page(tmp_path, page_name: str, right: str, wrong: str):
    """A copy of the page (as docs/<page> under tmp_path) with one mistake
    planted; returns it and the line of the change."""
    text = (DOCS / page_name).read_text(encoding="utf-8")
    assert text.count(right) == 1, f"docs/{page_name} no longer has {right!r} (once) to plant a mistake in"
    copy = tmp_path / "docs" / page_name
    copy.parent.mkdir(parents=True, exist_ok=True)
    copy.write_text(text.replace(right, wrong), encoding="utf-8")
    line = text[:text.index(right)].count("\n") + 1
    return load_page(copy, copy.parent), line


@pytest.mark.parametrize("page_name, right, wrong, smallest", PLANTED, ids=[p[2] for p in PLANTED])
def test_a_planted_mistake_is_caught(page_name, right, wrong, smallest, tmp_path):
    page, line = planted_page(tmp_path, page_name, right, wrong)
    (target,) = [t for t in targets([page]) if t.first <= line <= t.first + t.tex.count("\n")]
    with pytest.raises(Mismatch) as caught:
        property_test(target.translated())()
    message = str(caught.value)
    assert message.startswith(f"docs/{page_name}:{line}: the formula"), message
    assert wrong.split(r" \quad")[0] in message, message
    assert f"at sizes {smallest} " in message, message


# --- what the interpreter does not understand fails loudly ------------------------

UNSUPPORTED = [
    (r"\bar{x} = \nabla_x L", r"the construct `\nabla` is not part of the notation"),
    (r"\bar{x} = W^{-1}\bar{Z}", "the construct `^{-1}` is not part of the notation"),
    (r"\bar{x} = \phi'(x)", "a prime"),
    (r"\bar{x} = \bar{Z}y \text{ here}", r"the construct `\text{ here}` is not part of the notation"),
    (r"\bar{x} = \bar{Z}_{+}", "the construct `_{+}` is not part of the notation"),
    (r"\bar{x} = q", "the symbol q is not in the legend"),
    # notation no page uses, removed: each is named as written
    (r"\bar{x} = W^T\bar{Z} \cdot 1", r"the construct `\cdot`"),
    (r"\bar{x} = W^T\bar{Z} \times 1", r"the construct `\times`"),
    (r"\bar{x} = \pi W^T\bar{Z}", r"the construct `\pi`"),
    (r"\bar{x} = \min(W^T\bar{Z}, 0)", r"the construct `\min`"),
    (r"\bar{x} = \operatorname{diag}(x)\bar{Z}", r"the construct `\operatorname{diag}`"),
    (r"\bar{x} = \begin{bmatrix} 1 \\ 2 \end{bmatrix}", r"the construct `\begin{bmatrix}`"),
    (r"\bar{x} = W^T\bar{Z} \quad \text{(each column)}", r"the construct `\text{(each column)}`"),
    (r"\bar{x} = \frac{\partial{L}}{\partial Z}", "the construct `Z`"),
    (r"\bar{x} = W^T(\bar{Z}", "the formula ends too early"),
]


@pytest.mark.parametrize("tex, construct", UNSUPPORTED, ids=[u[0] for u in UNSUPPORTED])
def test_an_unsupported_construct_names_page_line_and_construct(tex, construct):
    legend = REGISTRY["matrix-vector product"]
    with pytest.raises(Unsupported) as caught:
        checked = translate("docs/page.md", 10, tex, [legend])
        check_equation(checked, {"C": 2, "D": 2}, 0)
    assert str(caught.value).startswith("docs/page.md:11: "), caught.value
    assert construct in str(caught.value), caught.value


def test_an_unsupported_construct_on_a_later_row_names_its_line():
    tex = "\\begin{aligned}\n\\bar{x} &= W^T\\bar{Z} \\\\\n\\bar{W} &= \\bar{Z}x^T \\cdot 1\n\\end{aligned}"
    with pytest.raises(Unsupported, match=r"^docs/page.md:13: the construct `\\cdot`"):
        translate("docs/page.md", 10, tex, [REGISTRY["matrix-vector product"]])


def lalr_conflicts(grammar: str | None = None) -> list[str]:
    """The shift/reduce conflicts lark reports while it builds a grammar (notation.lark by default)."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append
    level = lark.logger.level
    lark.logger.addHandler(handler)
    lark.logger.setLevel(logging.WARNING)
    try:
        if grammar is None:
            lark.Lark.open_from_package("mlnotes.checks.formulas", "notation.lark", parser="lalr", debug=True,
                                        start=["equation", "expr"])
        else:
            lark.Lark(grammar, parser="lalr", debug=True)
    finally:
        lark.logger.removeHandler(handler)
        lark.logger.setLevel(level)
    return [r.getMessage() for r in records if "Shift/Reduce" in r.getMessage()]


def test_the_grammar_has_no_conflicts():
    """Each formula has one reading, fixed by the grammar's structure: lark would
    settle a conflict silently (as a shift), so a conflict fails here."""
    assert lalr_conflicts() == []
    # a planted ambiguity: where does the body of a sum end in "s x x"?
    assert lalr_conflicts('start: a+\na: "s" a+ | "x"\n')


def notation_section() -> str:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = text.split("\n## The formula notation\n")[1].split("\n## ")[0]
    return section.split("**To add a construct**")[0]  # the list, not the recipe


def test_the_notation_list_matches_the_grammar():
    """CONTRIBUTING.md lists what the checker reads: each bullet's first example
    parses, and each command of notation.lark is in the list."""
    section = notation_section()
    for example in re.findall(r"^- `([^`]+)`", section, re.MULTILINE):
        try:
            parse(example, start="expr")
        except Unsupported:
            parse(example)  # a whole equation; Unsupported names what does not parse
    grammar = re.sub(r"//.*", "", (ROOT / "mlnotes/checks/formulas/notation.lark").read_text(encoding="utf-8"))
    commands = {"\\" + word for word in re.findall(r"\\\\([A-Za-z]+)", grammar)}
    commands |= {"\\" + word for group in re.findall(r"\\\\\(([A-Za-z|]+)\)", grammar) for word in group.split("|")}
    commands |= {"\\mathrm{" + word + "}" for group in re.findall(r"\\\\mathrm\\\{\(([A-Za-z|]+)\)", grammar)
                 for word in group.split("|")}
    missing = sorted(c for c in commands if not re.search(re.escape(c) + r"(?![A-Za-z])", section))
    assert len(commands) > 40 and not missing, f"CONTRIBUTING.md, The formula notation, does not list {missing}"


def test_one_inline_formula_parses_alone():
    """The parse step takes a single formula of a sentence as well as an equation."""
    (formula,), rows = parse_formulas(r"\bar{s} = J^p_s\bar{p}")
    assert (formula.text, rows, len(formula.members)) == (r"\bar{s} = J^p_s\bar{p}", 1, 2)


def test_products_do_not_commute():
    """What sympy's parse_latex gets wrong: W^T Z-bar and Z-bar W^T are different formulas."""
    legend = REGISTRY["matrix-vector product"]
    right = translate("p", 1, r"\frac{\partial{L}}{\partial{x}} = W^T\frac{\partial{L}}{\partial{Z}}", [legend])
    check_equation(right, {"C": 2, "D": 3}, 0)
    swapped = translate("p", 1, r"\frac{\partial{L}}{\partial{x}} = \frac{\partial{L}}{\partial{Z}}W^T", [legend])
    with pytest.raises(Mismatch, match="product of shapes"):
        check_equation(swapped, {"C": 2, "D": 3}, 0)
    assert formula_check.product  # the one place juxtaposition is defined


# --- what the reader sees ------------------------------------------------------------

def test_the_build_marks_each_checked_formula_and_hides_the_opt_outs():
    from types import SimpleNamespace

    on_page_markdown = load_hook("formula_marks").on_page_markdown
    source = (DOCS / "backpropagation.md").read_text(encoding="utf-8")
    built = on_page_markdown(source, SimpleNamespace(file=SimpleNamespace(url="backpropagation/")), None, None)
    checks = len(re.findall(r"^\s*<!--\s*check:", source, re.MULTILINE))
    assert checks and built.count('<p class="formula-checked"') == checks
    assert "<!-- check:" not in built and "<!-- unchecked:" not in built
    assert built.count("$$") == source.count("$$")  # the math itself is untouched
