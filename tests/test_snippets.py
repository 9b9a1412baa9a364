"""One test per snippet: run it and compare with its recorded output."""

import pytest

from mlnotes.checks.snippets import ROOT, SnippetFailure, check_snippet, find_snippets

SNIPPET_FILES = find_snippets()


@pytest.mark.parametrize(
    "snippet", SNIPPET_FILES, ids=[p.relative_to(ROOT).as_posix() for p in SNIPPET_FILES]
)
def test_snippet_prints_its_recorded_output(snippet, update_outputs):
    try:
        check_snippet(snippet, update=update_outputs)
        return
    except SnippetFailure as failure:
        message = str(failure)
    pytest.fail(message, pytrace=False)  # outside `except`: no chained traceback in the report


def test_snippets_exist():
    assert SNIPPET_FILES, f"no snippet found under {ROOT / 'snippets'}"
