"""The exercises' checks, as a reader uses them.

Each note's ``check_exercises.py`` is a snippet (test_snippets.py runs it, and
the solution snippets that use it). Here: every check has a solution that
passes and at least two planted wrong answers (tests/planted_mistakes/) that
it rejects; on every page that shows the checks (a snippet folder may serve
several pages, as the Backpropagation chapter's does), the command line
(``python check_exercises.py my_solution.py``), run in a folder holding exactly
the modules that page shows or offers for download, passes each solution the
page shows and gives the right verdict and exit status on a wrong file, a
broken one and an unrelated one; and in a notebook assembled from a page, the
check cell saves the module and a reader's cell gets a verdict naming the line
that raised.
"""

import contextlib
import importlib
import re
import shutil
import tempfile
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from mlnotes.notebook import FILE_LINK, notebook
from mlnotes.pages import Page, load_page, load_pages
from mlnotes.checks.snippets import ROOT, importable, run_command, run_snippet

PLANTED = Path(__file__).parent / "planted_mistakes"  # wrong answers, ≥ 2 per check
NOTES = ["pytorch", "loss_functions", "backpropagation"]  # the snippet folders with exercises
CHECKER = "check_exercises.py"
# Every page that shows a folder's checks, by its source: "docs/backpropagation/engine.md"
PAGES = {page.name: page for page in load_pages(ROOT / "docs")
         if any(Path(e.path).name == CHECKER for e in page.embeds)}

pytestmark = pytest.mark.usefixtures("one_torch_thread")  # tiny tensors: see conftest.py


@contextlib.contextmanager
def note_modules(folder: Path):
    """Import a note's check_exercises (and engine) from its folder, then forget
    them: the three notes' modules share these names."""
    with importable(folder):
        yield importlib.import_module("check_exercises")


def checks(note: str) -> list[str]:
    with note_modules(ROOT / "snippets" / note) as module:
        return list(module.CHECKS)


@pytest.mark.parametrize("note", NOTES)
def test_every_check_passes_a_solution_and_rejects_two_mistakes(note):
    folder = ROOT / "snippets" / note
    solutions = list(folder.glob("exercise_*.py"))
    printed = "".join(run_snippet(p).printed for p in solutions)
    with importable(folder):  # the planted wrong answers use the note's checks
        verdicts = run_snippet(PLANTED / f"{note}.py").printed
    assert not re.search(r"^\s*passed:", verdicts, re.MULTILINE), verdicts  # no mistake passes
    assert "not yet" not in printed, printed  # every solution passes
    for name in checks(note):
        assert re.search(rf"^passed: {name} ", printed, re.MULTILINE), f"{note}: no solution of {name} passes"
        rejected = re.findall(rf"^  not yet: {name}: ", verdicts, re.MULTILINE)
        assert len(rejected) >= 2, f"{note}: {name} is tested on {len(rejected)} planted mistakes, not 2"


# A right file (a solution snippet as it stands) and a wrong one (the same with
# a mistake planted), per page: (page, solution, the line, the line made wrong, name).
COMMAND_LINE = [
    ("docs/pytorch.md", "exercise_jacobian.py", "x.grad = None", "pass", "jacobian"),
    ("docs/loss-functions.md", "exercise_stable_cross_entropy.py", "labels].mean()", "labels].sum()",
     "cross_entropy"),
    ("docs/backpropagation.md", "exercise_bilinear.py", "dz * (x @ y.T)", "dz * (y @ x.T)",
     "bilinear_backward"),
    ("docs/backpropagation/engine.md", "exercise_exp.py", "return (g * e,)", "return (e,)", "exp"),
    ("docs/backpropagation/checking.md", "exercise_backward.py", "parent.grad += g", "parent.grad = g",
     "backward"),
]


def run_check(folder: Path, *files: str):
    """``python check_exercises.py *files`` in ``folder``, as a reader runs it."""
    return run_command(folder / "check_exercises.py", *files)


def saved_modules(page: Page) -> list[Path]:
    """The modules a reader saves from the page: every whole file it shows that
    prints nothing (check_exercises.py, exercise_kit.py), and every snippet
    file it offers as a link (engine.py)."""
    shown = {ROOT / e.path for e in page.embeds if e.kind == "code" and e.section is None
             and not (ROOT / e.path).with_suffix(".out").exists()}
    linked = {ROOT / page.linked_file(m["path"]) for block in page.prose for line in block.lines
              for m in FILE_LINK.finditer(line)}
    return sorted(shown | linked)


def solutions(page: Page) -> list[Path]:
    """The exercise solutions the page shows: the snippets that call a check."""
    return [ROOT / e.path for e in page.embeds if e.kind == "code" and Path(e.path).name.startswith("exercise_")
            and f"from {Path(CHECKER).stem} import" in (ROOT / e.path).read_text(encoding="utf-8")]


@pytest.fixture
def reader_folder(tmp_path):
    """An empty folder with a page's modules saved in it, as a reader saves them."""
    def saved(page: Page) -> Path:
        for module in saved_modules(page):
            shutil.copy(module, tmp_path)
        return tmp_path
    return saved


def test_every_note_folder_has_the_same_exercise_kit():
    kits = {note: (ROOT / "snippets" / note / "exercise_kit.py").read_bytes() for note in NOTES}
    differ = [note for note, kit in kits.items() if kit != kits["backpropagation"]]
    assert not differ, (f"snippets/{{{','.join(differ)}}}/exercise_kit.py differ from "
                        "snippets/backpropagation/exercise_kit.py: copy one over the others")
    missing = {case[0] for case in COMMAND_LINE} - set(PAGES)
    assert not missing, f"{sorted(missing)} no longer show {CHECKER}"
    for name, page in PAGES.items():
        assert {CHECKER, "exercise_kit.py"} <= {m.name for m in saved_modules(page)}, name


@pytest.mark.parametrize("name", PAGES)
def test_each_solution_a_page_shows_passes_with_the_modules_that_page_shows(name, reader_folder):
    page = PAGES[name]
    shown = solutions(page)
    assert shown, f"{name} shows {CHECKER} but no solution that uses it"
    folder = reader_folder(page)
    for solution in shown:
        shutil.copy(solution, folder / f"my_{solution.name}")
    ran = run_check(folder, *(f"my_{solution.name}" for solution in shown))
    assert ran.returncode == 0 and not ran.stderr, (f"{name}: in a folder of what the page shows "
                                                    f"({', '.join(m.name for m in saved_modules(page))}): {ran}")


def test_a_page_that_does_not_offer_the_engine_gets_a_verdict_that_says_so(tmp_path, reader_folder):
    """A planted fault: the engine page without its download link. The reader's
    folder then lacks engine.py, and the check says what to save."""
    source = ROOT / "docs/backpropagation/engine.md"
    planted = tmp_path / "docs/backpropagation/engine.md"
    planted.parent.mkdir(parents=True)
    text = source.read_text(encoding="utf-8")
    assert "[engine.py](../snippets/backpropagation/engine.py)" in text
    planted.write_text(text.replace("[engine.py](../snippets/backpropagation/engine.py)", "engine.py"),
                       encoding="utf-8")
    page = load_page(planted, tmp_path / "docs")
    assert "engine.py" not in {m.name for m in saved_modules(page)}
    folder = reader_folder(page)
    (folder / "mine.py").write_text("def exp(self):\n    return self\n", encoding="utf-8")
    ran = run_check(folder, "mine.py")
    assert ran.returncode == 1, ran
    assert ran.stdout.splitlines()[-1].startswith("not yet: exp: save engine.py"), ran


@pytest.mark.parametrize("page, solution, right, wrong, name", COMMAND_LINE, ids=[c[0] for c in COMMAND_LINE])
def test_the_command_line_gives_a_verdict_and_an_exit_status(page, solution, right, wrong, name, reader_folder):
    assert page in PAGES, f"{page} no longer shows {CHECKER}"
    shown = {path.name: path for path in solutions(PAGES[page])}
    assert solution in shown, f"{page} no longer shows the solution {solution}"
    folder = reader_folder(PAGES[page])
    source = shown[solution].read_text(encoding="utf-8")
    assert right in source, f"{solution} no longer has {right!r} to plant a mistake in"
    (folder / "right.py").write_text(source, encoding="utf-8")
    (folder / "wrong.py").write_text(source.replace(right, wrong), encoding="utf-8")
    (folder / "broken.py").write_text(f"def {name}(\n", encoding="utf-8")
    (folder / "other.py").write_text("def something_else():\n    pass\n", encoding="utf-8")

    ran = run_check(folder, "right.py")
    assert ran.returncode == 0 and ran.stdout.splitlines()[-1].startswith(f"passed: {name} "), ran
    ran = run_check(folder, "wrong.py", "broken.py", "other.py")
    wrong, broken, other = ran.stdout.splitlines()[-3:]
    assert ran.returncode == 1 and not ran.stderr, ran
    assert wrong.startswith(f"not yet: {name}: "), wrong
    assert broken.startswith("not yet: broken.py raised SyntaxError") and "(line 1: " in broken, broken
    assert other.startswith("not yet: other.py defines none of "), other


def test_the_command_line_with_no_file_prints_nothing(reader_folder):
    ran = run_check(reader_folder(PAGES["docs/backpropagation/engine.md"]))
    assert (ran.returncode, ran.stdout, ran.stderr) == (0, "", ""), ran


def test_a_reader_checks_an_answer_in_the_downloaded_notebook():
    """The notebook's own module cells (engine.py, check_exercises.py), then a
    reader's wrong answer and the same answer corrected, in a fresh kernel."""
    page = PAGES["docs/backpropagation/engine.md"]
    made = notebook(page, "https://example.org/notes/")
    modules = [cell for cell in made.cells if cell.cell_type == "code" and cell.source.startswith("%%writefile")]
    written = [cell.source.splitlines()[0] for cell in modules]
    assert {"%%writefile check_exercises.py", "%%writefile exercise_kit.py"} <= set(written), written
    wrong = """import numpy as np
from check_exercises import check_mean
from engine import Tensor


def mean(self):
    def local_backward(g):
        return (np.full(self.shape, g / len(self.data)),)
    return Tensor(self.data.mean(), (self,), "mean", local_backward)


print(check_mean(mean))"""
    right = wrong.replace("len(self.data)", "self.data.size")
    raising = wrong.replace("np.full(self.shape, g / len(self.data))", "np.full(self.shap, g)")
    cells = [*modules, *(nbformat.v4.new_code_cell(source) for source in (wrong, right, raising))]
    reader = nbformat.v4.new_notebook(cells=cells, metadata=made.metadata)
    with tempfile.TemporaryDirectory() as work:  # an empty folder, as a reader's
        NotebookClient(reader, timeout=300, kernel_name="python3",
                       resources={"metadata": {"path": work}}).execute()
    printed = ["".join(o.get("text", "") for o in cell.outputs) for cell in reader.cells[-3:]]
    assert printed[0].startswith("not yet: mean: the gradient from local_backward is wrong"), printed
    assert printed[1].startswith("passed: mean agrees with torch.mean"), printed
    assert printed[2].startswith("not yet: mean: local_backward raised AttributeError"), printed
    assert "(line 8: return (np.full(self.shap, g),))" in printed[2], printed


def test_a_verdict_is_one_line_whatever_the_reader_returns_or_raises():
    def log_cosh_gradient(y_hat, y):
        return "not an array"

    def cross_entropy(S, labels):
        raise RuntimeError()  # an error with no message

    def log_softmax_backward(dlogp, S):
        return dlogp[:, 5]  # C is at most 5: an error from NumPy

    with note_modules(ROOT / "snippets/loss_functions") as module:
        verdicts = [module.check_log_cosh_gradient(log_cosh_gradient),
                    module.check_cross_entropy(cross_entropy),
                    module.check_log_softmax_backward(log_softmax_backward)]
    assert verdicts[0] == "not yet: log_cosh_gradient: the gradient is str, expected an array (y_hat of shape (1, 1))"
    assert re.fullmatch(r"not yet: cross_entropy: raised RuntimeError "
                        r"\(line \d+: raise RuntimeError\(\)  # an error with no message\)", verdicts[1]), verdicts[1]
    assert verdicts[2].startswith("not yet: log_softmax_backward: raised IndexError: index 5 is out of bounds")
    assert verdicts[2].endswith(": return dlogp[:, 5]  # C is at most 5: an error from NumPy)")
    assert all("\n" not in verdict for verdict in verdicts)
