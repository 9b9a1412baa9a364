"""MkDocs hook: serve the recorded figures that live beside their snippets.

A figure is an output like any other: the test suite's update command writes
``snippets/<note>/<name>.svg`` by running the snippet, and pytest re-produces
and compares it.  The build only copies it: a page shows it with
``![...](snippets/<note>/<name>.svg)``, resolved like a file under ``docs/``.
"""

from pathlib import Path

from mkdocs.structure.files import File, Files

from mlnotes.pages import FIGURE_SUFFIXES


def on_files(files: Files, config) -> Files:
    root = Path(config["config_file_path"]).parent
    for figure in sorted((root / "snippets").rglob("*")):
        if figure.suffix in FIGURE_SUFFIXES:
            uri = figure.relative_to(root).as_posix()
            files.append(File.generated(config, uri, abs_src_path=str(figure)))
    return files
