"""The recorded outputs were made with the versions this run uses: a green run
always means "these outputs, with these versions" (snippets/environment.json)."""

import pytest

from mlnotes.checks import snippets as snippet_check
from mlnotes.checks.snippets import (
    ENVIRONMENT,
    UPDATE_COMMAND,
    current_environment,
    environment_differences,
    record_environment,
    recorded_environment,
)

RECORDED = {"python": "3.11.7", "torch": "2.13.0+cpu", "numpy": "2.4.6", "matplotlib": "3.11.2",
            "platform": "Linux x86_64", "date": "2026-11-29"}


def test_outputs_were_recorded_with_the_versions_of_this_run():
    assert ENVIRONMENT.exists(), f"{ENVIRONMENT.name} is missing: run {UPDATE_COMMAND}"
    problems = environment_differences(recorded_environment(), current_environment())
    assert not problems, (f"{ENVIRONMENT.relative_to(snippet_check.ROOT)} does not describe this environment:\n"
                          + "\n".join(problems) + f"\nRe-record the outputs with: {UPDATE_COMMAND}, "
                          "then review git diff -- snippets/")


def test_a_version_outputs_depend_on_is_named():
    current = {**RECORDED, "torch": "2.14.0+cpu", "python": "3.11.9"}  # a patch release of Python counts not
    assert environment_differences(RECORDED, current) == [
        "torch: the outputs were recorded with 2.13.0+cpu, this run has 2.14.0+cpu"]
    assert len(environment_differences({}, current)) == 5  # nothing recorded: every entry is named


@pytest.fixture
def record(tmp_path, monkeypatch):
    monkeypatch.setattr(snippet_check, "rewritten", [])
    return tmp_path / "environment.json"


def test_the_update_rewrites_the_record_only_when_something_changed(record):
    assert record_environment("2026-01-01", record)  # no record yet
    assert recorded_environment(record) == {**current_environment(), "date": "2026-01-01"}
    assert not record_environment("2026-01-02", record), "an update that changed nothing moved the date"
    snippet_check.rewritten.append(record.parent / "x.out")
    assert record_environment("2026-01-03", record) and recorded_environment(record)["date"] == "2026-01-03"
