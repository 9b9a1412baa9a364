"""A note as a Jupyter notebook, assembled from its page model.

:func:`notebook` is a pure function of the page (and the files it embeds):
markdown cells from the page's prose and math, a code cell for each embedded
snippet (or section of one) with its recorded output, figures as cell
attachments, tabs and admonitions flattened to a bold title over their
content, links to other pages pointed at the published site. Nothing is
executed here: pytest runs the notebooks (tests/test_notebooks.py).
"""

from __future__ import annotations

import ast
import base64
import json
import re
from pathlib import Path

import nbformat

from mlnotes.pages import FIGURE, Embed, Page

KERNEL = {"name": "python3", "display_name": "Python 3", "language": "python"}
# A link to a snippet's file, served by the site (overrides/hooks/snippet_files.py), and its { download }
FILE_LINK = re.compile(r"\]\((?P<path>(?:\.\./)*snippets/[\w./-]+\.py)\)(?:\{[^}]*\})?")
PAGE_LINK = re.compile(r"\]\((?P<page>[\w./-]+)\.md(?P<anchor>#[\w-]+)?\)")
# A figure's caption (pymdownx.blocks.caption): in a notebook, an italic line under it
CAPTION = re.compile(r"^/// caption\n(?P<text>.*?)\n///$", re.MULTILINE | re.DOTALL)
EQUATION_REFERENCE = re.compile(r"\[\]\(#eq-(?P<name>[\w-]+)\)")  # [](#eq-NAME): overrides/hooks/equations.py
PINNED = ("torch", "numpy", "matplotlib")  # the versions a reader needs to reproduce the outputs


def notebook(page: Page, site_url: str) -> nbformat.NotebookNode:
    """The notebook of ``page``: its prose, its snippets, their recorded outputs."""
    cells = page_cells(page, site_url)
    save_modules(cells)
    cells = with_imported_modules(cells, page.root)
    pins = ", ".join(f"`{pin}`" for pin in pinned(page.root, PINNED))
    recorded = recorded_with(page.root)
    intro = nbformat.v4.new_markdown_cell(
        f"*This notebook is the page {site_url}{page.url} as a notebook, generated from "
        f"the same sources. Run it top to bottom in an empty folder with {pins} installed; each "
        "output below is what the cell above it prints.*" + (f" *{recorded}*" if recorded else "")
        + (f" *To run it with those versions (in Colab, say), first run* `{install}`." if (install := pip_install(page.root)) else ""))
    metadata = {"kernelspec": KERNEL, "language_info": {"name": "python"}}
    nb = nbformat.v4.new_notebook(cells=[*cells[:1], intro, *cells[1:]], metadata=metadata)
    for number, cell in enumerate(nb.cells):
        cell.id = f"cell-{number}"  # fixed ids: the same page always gives the same file
    return nb


def page_cells(page: Page, site_url: str) -> list[nbformat.NotebookNode]:
    """One markdown cell per section of prose; one code cell per embedded snippet."""
    cells, prose = [], []

    def flush_prose():
        text = "\n".join(prose).strip()
        if text:
            cells.append(markdown_cell(text, page, site_url))
        prose.clear()

    for block in page.blocks:
        if block.kind == "title":
            prose.extend([f"**{block.title}**", ""] if block.title else [])
        elif block.embed is None:  # prose, or a code block written in the page itself
            for line in block.lines:
                if line.startswith("#") and block.kind == "text":
                    flush_prose()
                prose.append(line)
        else:
            flush_prose()
            add_embed(cells, block.embed, page.root)
    flush_prose()
    return cells


def add_embed(cells: list, embed: Embed, root: Path) -> None:
    if not (root / embed.path).is_file():
        return  # the page's own build names the missing file, with the page and line
    if embed.kind == "output":  # it belongs to the code cell just before it
        text = embed.shown_text(root) + "\n"
        cells[-1].outputs = [nbformat.v4.new_output("stream", name="stdout", text=text)]
        return
    cell = nbformat.v4.new_code_cell(embed.shown_text(root).rstrip("\n"))
    cell.metadata["snippet"] = embed.path  # where to fix it
    if embed.section is not None:
        cell.metadata["section"] = embed.section  # a part of a file, shown next to its explanation
    cells.append(cell)


def save_modules(cells: list) -> None:
    """A whole snippet that prints nothing is a module later cells import:
    its cell saves it under its name, as a reader saves it beside the scripts."""
    for cell in cells:
        if cell.cell_type == "code" and not cell.outputs and "section" not in cell.metadata:
            name = Path(cell.metadata["snippet"]).name
            cell.source = f"%%writefile {name}\n{cell.source}"
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=f"Writing {name}\n")]


def with_imported_modules(cells: list, root: Path) -> list:
    """Before the first cell that imports a sibling module (``from engine import
    Tensor``) that no earlier cell saves, a cell that saves it: the notebook runs
    top to bottom on its own even where its page shows that module only in
    parts, or not at all (another page of the chapter explains it)."""
    out, saved = [], set()
    for cell in cells:
        if cell.cell_type == "code" and cell.source.startswith("%%writefile "):
            saved.add(cell.source.split(None, 2)[1])  # saved, not run: its imports wait for a cell that runs
        elif cell.cell_type == "code" and "snippet" in cell.metadata:
            folder = root / Path(cell.metadata["snippet"]).parent
            for module in imported_siblings(cell.source, folder, saved):
                out.append(writefile_cell(folder / module, root))
                saved.add(module)
        out.append(cell)
    return out


def imported_siblings(source: str, folder: Path, saved: set[str], seen: frozenset = frozenset()) -> list[str]:
    """The files of ``folder`` that ``source`` imports, with what they import
    in turn first, less those in ``saved``. A saved module's own imports still
    count: a page may show check_exercises.py whole but not the engine.py it
    imports."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []  # the cell's own run names the error
    names = [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
    names += [node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module]
    found: list[str] = []
    for name in names:
        module = f"{name}.py"
        if not (folder / module).is_file() or module in found or module in seen:
            continue
        inner = imported_siblings((folder / module).read_text(encoding="utf-8"), folder,
                                  saved | set(found), seen | {module})
        found += [m for m in inner if m not in found]
        if module not in saved:
            found.append(module)
    return found


def writefile_cell(path: Path, root: Path) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(f"%%writefile {path.name}\n" + path.read_text(encoding="utf-8").rstrip("\n"))
    cell.metadata["snippet"] = path.relative_to(root).as_posix()
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=f"Writing {path.name}\n")]
    return cell


def recorded_with(root: Path) -> str | None:
    """One sentence on what produced the recorded outputs (snippets/environment.json,
    written by ``pytest --update-outputs``), or None if nothing is recorded."""
    record = root / "snippets" / "environment.json"
    if not record.exists():
        return None
    env = json.loads(record.read_text(encoding="utf-8"))
    packages = ", ".join(f"{name} {env[name]}" for name in PINNED if name in env)
    return (f"Outputs recorded with Python {env['python']}, {packages} on {env['platform']}, "
            f"{env['date']}; re-verified by the test suite on every change.")


def pip_install(root: Path) -> str | None:
    """The ``%pip install`` line that gets the recorded versions (snippets/environment.json),
    less a local build tag (``2.13.0+cpu``: PyPI names the release ``2.13.0``)."""
    record = root / "snippets" / "environment.json"
    if not record.exists():
        return None
    env = json.loads(record.read_text(encoding="utf-8"))
    pins = " ".join(f"{name}=={env[name].split('+')[0]}" for name in PINNED if name in env)
    return f"%pip install {pins}"


def pinned(root: Path, names: tuple[str, ...]) -> list[str]:
    """The exact pins of ``names`` in requirements.txt, the versions the outputs were recorded with."""
    requirements = root / "requirements.txt"
    lines = requirements.read_text(encoding="utf-8").splitlines() if requirements.exists() else []
    pins = (line.split("#")[0].strip() for line in lines)
    return [pin for pin in pins if pin.split("==")[0] in names]


def markdown_cell(text: str, page: Page, site_url: str) -> nbformat.NotebookNode:
    """A markdown cell whose links to other pages point at the published site;
    a figure it shows travels with it as an attachment."""
    attachments = {}

    def attach(match):
        figure = page.root / page.linked_file(match["spec"])
        if not figure.is_file():
            return match[0]  # the page's link check names it
        kind = "image/svg+xml" if figure.suffix == ".svg" else "image/png"
        attachments[figure.name] = {kind: base64.b64encode(figure.read_bytes()).decode("ascii")}
        return f"![{match['alt']}](attachment:{figure.name})"

    def link(match):
        url = page.linked_url(f"{match['page']}.md")
        return match[0] if url is None else f"]({site_url}{url}{match['anchor'] or ''})"

    def equation(match):  # the site numbers the equations; the reference reads "(n)" and links there
        numbers = {eq.label: n for n, eq in enumerate(page.equations, start=1) if eq.label}
        number = numbers.get(match["name"], match["name"])
        return f"[({number})]({site_url}{page.url}#eq-{match['name']})"

    text = CAPTION.sub(lambda m: "*" + " ".join(m["text"].split()) + "*", text)
    text = EQUATION_REFERENCE.sub(equation, text)
    text = FILE_LINK.sub(lambda m: f"]({site_url}{page.linked_file(m['path'])})", text)
    cell = nbformat.v4.new_markdown_cell(PAGE_LINK.sub(link, FIGURE.sub(attach, text)))
    if attachments:
        cell.attachments = attachments
    return cell
