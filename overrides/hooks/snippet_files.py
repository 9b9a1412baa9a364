"""MkDocs hook: serve the snippets' files beside the pages, at ``snippets/...``.

A figure is an output like any other: the test suite's update command writes
``snippets/<note>/<name>.svg`` by running the snippet, and pytest re-produces
and compares it. A page shows it with ``![...](snippets/<note>/<name>.svg)``.
Every snippet's ``.py`` is served too, so that a page can offer a file for
download (``[engine.py](snippets/backpropagation/engine.py){ download }``).
The build only copies: nothing here runs.
"""

from pathlib import Path

from mkdocs.structure.files import File, Files

from mlnotes.pages import FIGURE_SUFFIXES

SERVED = (*FIGURE_SUFFIXES, ".py")


def on_files(files: Files, config) -> Files:
    root = Path(config["config_file_path"]).parent
    for path in sorted((root / "snippets").rglob("*")):
        if path.suffix in SERVED and path.name != "__init__.py" and "__pycache__" not in path.parts:
            files.append(File.generated(config, path.relative_to(root).as_posix(), abs_src_path=str(path)))
    return files
