"""The snippet checker, fed bad snippets in a temporary folder."""

import pytest

from mlnotes.checks.snippets import RECORDING_THREADS, SnippetFailure, check_snippet, run_snippet


@pytest.fixture
def write(tmp_path):
    def write(name, text):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path
    return write


def failure(snippet, **kwargs) -> str:
    with pytest.raises(SnippetFailure) as caught:
        check_snippet(snippet, **kwargs)
    return str(caught.value)


# (file, its source, how the failure report starts after "<path>:")
FIRST_LINES = [
    ("broken.py", "x = 1\nprint(x\n", "2: syntax error"),
    ("deep.py", "import json\n\njson.loads('{')\n", "3: raised JSONDecodeError"),  # the call site, not json's line
    ("warns.py", "import warnings\nwarnings.warn('old API', DeprecationWarning)\n",
     "2: warning treated as error DeprecationWarning: old API"),
    ("exits.py", "import sys\nsys.exit(3)\n", "2: raised SystemExit: 3"),  # it does not end the test run
    ("exits_none.py", "import sys\nsys.exit('usage: ...')\n", "2: raised SystemExit: usage: ..."),
]


@pytest.mark.parametrize("name, source, first", FIRST_LINES, ids=[row[0] for row in FIRST_LINES])
def test_a_failure_names_the_snippets_own_line(write, name, source, first):
    snippet = write(name, source)
    assert failure(snippet).startswith(f"{snippet}:{first}")


def test_exception_report_keeps_the_line_and_what_was_printed(write):
    snippet = write("raises.py", "print('before')\n\nvalue = 1 / 0\n")
    message = failure(snippet)
    assert message.startswith(f"{snippet}:3: raised ZeroDivisionError: division by zero")
    assert "value = 1 / 0" in message
    assert message.endswith("It printed before failing:\nbefore\n")


def test_missing_record_says_how_to_make_it(write):
    snippet = write("new.py", "print('hi')\n")
    message = failure(snippet)
    assert "no record of its printed output" in message and "new.out" in message
    assert "pytest --update-outputs" in message


def test_changed_output_shows_a_diff_the_snippet_and_the_fix(write):
    snippet = write("numbers.py", "print('dL/dx:', 6)\nprint('same')\n")
    write("numbers.out", "dL/dx: 5\nsame\n")
    message = failure(snippet)
    assert message.startswith(f"{snippet}: printed output differs from {snippet.with_suffix('.out')}")
    assert "\n-dL/dx: 5\n+dL/dx: 6\n" in message
    assert "\n same" in message
    assert "pytest --update-outputs" in message


def test_update_rewrites_the_record_then_the_check_passes(write):
    snippet = write("numbers.py", "print('dL/dx:', 6)\n")
    record = write("numbers.out", "dL/dx: 5\n")
    check_snippet(snippet, update=True)
    assert record.read_text() == "dL/dx: 6\n"
    assert check_snippet(snippet) == "dL/dx: 6\n"


def test_update_does_not_hide_a_failing_snippet(write):
    snippet = write("raises.py", "raise ValueError('bad input')\n")
    record = write("raises.out", "kept\n")
    with pytest.raises(SnippetFailure):
        check_snippet(snippet, update=True)
    assert record.read_text() == "kept\n"


def test_snippet_runs_as_main_with_its_own_file(write):
    snippet = write("main.py", "print(__name__, __file__.endswith('main.py'))\n")
    assert run_snippet(snippet).printed == "__main__ True\n"


def test_global_settings_do_not_leak_into_the_next_snippet(write):
    changes = write("changes.py", (
        "import numpy, torch\n"
        "torch.set_printoptions(precision=1)\n"
        "torch.set_default_dtype(torch.float64)\n"
        "torch.set_grad_enabled(False)\n"
        "numpy.set_printoptions(precision=1)\n"
    ))
    reads = write("reads.py", (
        "import numpy, torch\n"
        "print(torch.tensor([1 / 3]), torch.get_default_dtype(), torch.is_grad_enabled())\n"
        "print(numpy.array([1 / 3]))\n"
    ))
    alone = run_snippet(reads).printed
    run_snippet(changes)
    assert run_snippet(reads).printed == alone == "tensor([0.3333]) torch.float32 True\n[0.33333333]\n"


def test_an_earlier_seed_does_not_make_an_unseeded_snippet_repeatable(write):
    seeds = write("seeds.py", (
        "import random, numpy, torch\n"
        "random.seed(0)\nnumpy.random.seed(0)\ntorch.manual_seed(0)\n"
    ))
    unseeded = write("unseeded.py", (
        "import random, numpy, torch\n"
        "print(random.random(), numpy.random.rand(), torch.rand(1).item())\n"
    ))
    printed = set()
    for _ in range(2):
        run_snippet(seeds)
        printed.add(run_snippet(unseeded).printed)
    assert len(printed) == 2, "an unseeded snippet printed the same random numbers twice"


def test_a_written_file_is_a_record_like_printed_output(write, tmp_path):
    snippet = write("figure.py", "import pathlib\npathlib.Path('figure.svg').write_text('<svg>1</svg>')\n")
    assert "no record of its written file" in failure(snippet)
    assert not (tmp_path / "figure.svg").exists(), "the snippet must write into its own working folder"
    check_snippet(snippet, update=True)
    assert (tmp_path / "figure.svg").read_text() == "<svg>1</svg>"
    assert not (tmp_path / "figure.out").exists(), "a snippet that prints nothing needs no output record"
    write("figure.svg", "<svg>2</svg>")
    message = failure(snippet)
    assert message.startswith(f"{snippet}: wrote a figure.svg that differs from {tmp_path / 'figure.svg'}")
    assert "pytest --update-outputs" in message


def test_an_output_record_of_a_silent_snippet_is_stale(write):
    snippet = write("silent.py", "x = 1\n")
    write("silent.out", "1\n")
    assert "prints nothing, but" in failure(snippet)
    check_snippet(snippet, update=True)
    assert not snippet.with_suffix(".out").exists()


def test_a_snippet_imports_its_siblings_afresh_each_run(write):
    write("helper_module.py", "VALUE = 1\n")
    snippet = write("uses.py", "from helper_module import VALUE\nprint(VALUE)\n")
    assert run_snippet(snippet).printed == "1\n"
    write("helper_module.py", "VALUE = 22\n")  # another size: a same-second edit still misses the .pyc
    assert run_snippet(snippet).printed == "22\n"


def test_update_refuses_an_output_that_depends_on_the_thread_count(write):
    """Recording runs a snippet on several threads and on one: a planted
    snippet that prints torch's thread count is refused, naming its line and
    both values, and its record is left as it was."""
    snippet = write("threads.py", "import torch\n\nprint('stable')\nprint('threads:', torch.get_num_threads())\n")
    record = write("threads.out", "kept\n")
    many, one = RECORDING_THREADS
    message = failure(snippet, update=True)
    assert message.startswith(f"{snippet}:4: prints 'threads: {many}' with {many} threads but "
                              f"'threads: {one}' with {one} (line 2 of its output)"), message
    assert "its record is left as it was" in message
    assert record.read_text() == "kept\n"


def test_update_refuses_a_figure_that_depends_on_the_thread_count(write):
    snippet = write("figure.py", "import torch\nfrom pathlib import Path\n\nPath('f.svg').write_text(str(torch.get_num_threads()))\n")
    assert f"{snippet}: writes a different f.svg with" in failure(snippet, update=True)
    assert not (snippet.parent / "f.svg").exists()


def test_blas_threads_are_limited_too(write):
    snippet = write("blas.py", "from threadpoolctl import threadpool_info\n\n"
                               "print(sorted({pool['num_threads'] for pool in threadpool_info()}))\n")
    assert run_snippet(snippet, threads=1).printed == "[1]\n"


def test_exit_status_zero_ends_a_snippet_as_python_would(write):
    snippet = write("done.py", "import sys\n\nprint('done', sys.argv == [__file__])\nsys.exit(0)\nprint('never')\n")
    assert run_snippet(snippet).printed == "done True\n"
