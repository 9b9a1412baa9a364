"""MkDocs hook: serve MathJax from the site itself, so math typesets offline.

MathJax 3 comes from the pip package ``django-static-mathjax`` (import name
``mathjax``; it needs no Django).  Its files are added to the build as if they
lay under ``docs/assets/mathjax/``, so nothing of MathJax is committed here and
``mkdocs serve`` serves them like any other file.
"""

from importlib.resources import files
from pathlib import Path

from mkdocs.structure.files import File, Files

TARGET = "assets/mathjax"
# The TeX-to-HTML component and what it loads lazily: TeX extensions, the CHTML
# fonts (fetched relative to the script), and the menu's accessibility parts.
PARTS = ["tex-chtml.js", "input", "output/chtml", "output/chtml.js", "ui", "a11y", "sre"]


def mathjax_dir() -> Path:
    return Path(str(files("mathjax"))) / "static" / "mathjax" / "es5"


def on_files(files: Files, config) -> Files:
    root = mathjax_dir()
    for part in PARTS:
        path = root / part
        if not path.exists():
            raise FileNotFoundError(f"MathJax file {path} is missing: reinstall django-static-mathjax")
        for source in [path] if path.is_file() else sorted(path.rglob("*")):
            if source.is_file():
                uri = f"{TARGET}/{source.relative_to(root).as_posix()}"
                files.append(File.generated(config, uri, abs_src_path=str(source)))
    return files
