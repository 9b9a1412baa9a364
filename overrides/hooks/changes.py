"""MkDocs hook: the page "What changed", the history of the recorded outputs.

Built at build time, offline, from ``git log`` of the records under
``snippets/`` (printed outputs, figures, and environment.json): for each
commit that changed one, when, which records, and the versions they were
recorded with. Where the build has no git history (not a clone, or a shallow
one) the page says so instead of failing.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from mkdocs.structure.files import File, Files

from mlnotes.pages import FIGURE_SUFFIXES, OUTPUT_SUFFIX

URI = "changes.md"
ENVIRONMENT = "snippets/environment.json"
RECORDS = (OUTPUT_SUFFIX, *FIGURE_SUFFIXES, ".json")
STATUS = {"A": "recorded", "M": "changed", "D": "removed", "R": "renamed"}


def on_files(files: Files, config) -> Files:
    root = Path(config["config_file_path"]).parent
    files.append(File.generated(config, URI, content=page(root)))
    return files


def git(root: Path, *args: str) -> str | None:
    """What git prints, or None where there is no git or no repository."""
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=30)
    except OSError:
        return None
    return done.stdout if done.returncode == 0 else None


def page(root: Path) -> str:
    # front matter: search finds the teaching, not the history of its records
    intro = ("---\nsearch:\n  exclude: true\n---\n\n# What changed\n\nEach change to a recorded output or figure, newest first, "
             "with the versions it was recorded with. Every record is re-made by the test suite, "
             "so a change here is a change in what the code prints.\n")
    shallow = git(root, "rev-parse", "--is-shallow-repository")
    if shallow is None:
        return intro + "\n*This copy of the site was built without its git history, so no history is shown.*\n"
    log = git(root, "log", "--format=%x00%h%x1f%ad%x1f%s", "--date=short", "--name-status", "--", "snippets")
    entries = [entry for entry in (commit_entry(root, chunk) for chunk in (log or "").split("\0")[1:]) if entry]
    note = ("\n*This copy of the project has only part of its history (a shallow clone): "
            "older changes are not shown.*\n" if shallow.strip() == "true" else "")
    return intro + note + "".join(entries)


def commit_entry(root: Path, chunk: str) -> str:
    """One commit's section, or "" if it changed no record."""
    header, *lines = chunk.strip("\n").splitlines()
    sha, date, subject = header.split("\x1f")
    changed = []
    for line in lines:
        status, *paths = line.split("\t")
        if paths and paths[-1].endswith(RECORDS):
            changed.append(f"- `{paths[-1]}` ({STATUS.get(status[0], status)})")
    if not changed:
        return ""
    versions = recorded_versions(root, sha)
    return (f"\n## {date} · {sha}\n\n{escape(subject)}\n\n"
            + (f"Recorded with {versions}.\n\n" if versions else "") + "\n".join(changed) + "\n")


def recorded_versions(root: Path, sha: str) -> str:
    text = git(root, "show", f"{sha}:{ENVIRONMENT}")
    if not text:
        return ""
    env = json.loads(text)
    names = {"python": "Python", "torch": "torch", "numpy": "numpy", "matplotlib": "matplotlib"}
    return ", ".join(f"{label} {env[name]}" for name, label in names.items() if name in env)


def escape(text: str) -> str:
    """A commit subject as plain text in Markdown."""
    return "".join(f"\\{c}" if c in "\\`*_[]<>#|$" else c for c in text)
