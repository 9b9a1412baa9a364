"""MkDocs hook: each note as a Jupyter notebook, assembled from the page itself.

A note is a page under docs/ that embeds a snippet. Its notebook is made at
build time from the same sources as the page, so the two cannot drift:
markdown cells from the page's prose and math, code cells from the embedded
snippets, outputs from the recorded outputs, figures as cell attachments.
Nothing is executed (pytest runs the notebooks, see tests/test_notebooks.py).

The notebook is written to a temporary folder and added to the build as
``notebooks/<note>.ipynb``, which mkdocs-jupyter renders as a page (it never
executes, and its cache is off: nothing stale is ever shown). This hook also
strips nbconvert's own MathJax tags from notebook pages (the site's MathJax
typesets them) and puts a "Download notebook" link on each note page and
notebook page.
"""

from __future__ import annotations

import base64
import re
import tempfile
from pathlib import Path

import nbformat
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

EMBED = re.compile(r'^-{1,}8<-{1,}\s+"(?P<path>[^":]+)"\s*$')
FENCE = re.compile(r"^(`{3,})")
FIGURE = re.compile(r'!\[(?P<alt>[^\]]*)\]\((?P<path>snippets/[^)\s]+)\)')
BLOCK_TITLE = re.compile(r'^(?:===|\?\?\?\+?|!!!)\s+(?:\w+\s*)?"(?P<title>[^"]*)"\s*$')
PAGE_LINK = re.compile(r"\]\((?P<page>[\w/-]+)\.md(?P<anchor>#[\w-]+)?\)")
KERNEL = {"name": "python3", "display_name": "Python 3", "language": "python"}


def is_note(page: Path) -> bool:
    return any(EMBED.match(line.strip()) for line in page.read_text(encoding="utf-8").splitlines())


def note_pages(docs_dir: Path) -> list[Path]:
    return sorted(page for page in docs_dir.rglob("*.md") if is_note(page))


def notebook(page: Path, root: Path, site_url: str) -> nbformat.NotebookNode:
    """The notebook of ``page``: its prose, its snippets, their recorded outputs."""
    cells = page_cells(plain_markdown(page.read_text(encoding="utf-8"), site_url).splitlines(), root)
    for cell in cells:
        if cell.cell_type == "code" and not cell.outputs:
            # prints nothing: a module later cells import, so save it under its name
            name = Path(cell.metadata["snippet"]).name
            cell.source = f"%%writefile {name}\n{cell.source}"
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=f"Writing {name}\n")]
    pins = ", ".join(f"`{pin}`" for pin in pinned(root, ("torch", "numpy", "matplotlib")))
    intro = nbformat.v4.new_markdown_cell(
        f"*This notebook is the page {site_url}{page_path(page.stem)} as a notebook, generated from "
        f"the same sources. Run it top to bottom in an empty folder with {pins} installed; each "
        "output below is what the cell above it prints.*")
    metadata = {"kernelspec": KERNEL, "language_info": {"name": "python"}}
    nb = nbformat.v4.new_notebook(cells=[*cells[:1], intro, *cells[1:]], metadata=metadata)
    for number, cell in enumerate(nb.cells):
        cell.id = f"cell-{number}"  # fixed ids: the same page always gives the same file
    return nb


def page_cells(lines: list[str], root: Path) -> list[nbformat.NotebookNode]:
    """One markdown cell per section of prose; one code cell per embedded snippet."""
    cells, prose = [], []

    def flush_prose():
        text = "\n".join(prose).strip()
        if text:
            cells.append(markdown_cell(text, root))
        prose.clear()

    i = 0
    while i < len(lines):
        fence = FENCE.match(lines[i])
        if not fence:
            if lines[i].startswith("#"):
                flush_prose()
            prose.append(lines[i])
            i += 1
            continue
        end = next((j for j in range(i + 1, len(lines)) if lines[j].strip() == fence[1]), len(lines))
        embed = EMBED.match(lines[i + 1].strip()) if end == i + 2 else None
        if embed is None:  # a code block written in the page itself: it stays prose
            prose += lines[i:end + 1]
        else:
            flush_prose()
            add_embed(cells, root / embed["path"], root)
        i = end + 1
    flush_prose()
    return cells


def add_embed(cells: list, path: Path, root: Path) -> None:
    if not path.is_file():
        return  # the page's own build names the missing file, with the page and line
    if path.suffix == ".py":
        cells.append(code_cell(path, root))
    else:  # a recorded output: it belongs to the code cell just before it
        cells[-1].outputs = [nbformat.v4.new_output("stream", name="stdout", text=path.read_text("utf-8"))]


def pinned(root: Path, names: tuple[str, ...]) -> list[str]:
    """The exact pins of ``names`` in requirements.txt, the versions the outputs were recorded with."""
    requirements = root / "requirements.txt"
    lines = requirements.read_text(encoding="utf-8").splitlines() if requirements.exists() else []
    pins = (line.split("#")[0].strip() for line in lines)
    return [pin for pin in pins if pin.split("==")[0] in names]


def plain_markdown(text: str, site_url: str) -> str:
    """The page without what only the site understands: tabs, admonitions and
    collapsible blocks become a bold title over their (dedented) content, and
    links to other pages become links to the published site."""
    out, indented = [], False
    for line in text.splitlines():
        title = BLOCK_TITLE.match(line)
        if title:
            out += [f"**{title['title']}**", ""]
            indented = True
            continue
        if indented and line and not line.startswith("    "):
            indented = False
        out.append(line[4:] if indented and line.startswith("    ") else line)
    return PAGE_LINK.sub(lambda m: f"]({site_url}{page_path(m['page'])}{m['anchor'] or ''})", "\n".join(out))


def page_path(name: str) -> str:
    return "" if name == "index" else f"{name}/"


def code_cell(snippet: Path, root: Path) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(snippet.read_text(encoding="utf-8").rstrip("\n"))
    cell.metadata["snippet"] = snippet.relative_to(root).as_posix()  # where to fix it
    return cell


def markdown_cell(text: str, root: Path) -> nbformat.NotebookNode:
    """A markdown cell; a figure it shows travels with it as an attachment."""
    attachments = {}

    def attach(match):
        figure = root / match["path"]
        if not figure.is_file():
            return match[0]  # the page's link check names it
        kind = "image/svg+xml" if figure.suffix == ".svg" else "image/png"
        attachments[figure.name] = {kind: base64.b64encode(figure.read_bytes()).decode("ascii")}
        return f"![{match['alt']}](attachment:{figure.name})"

    cell = nbformat.v4.new_markdown_cell(FIGURE.sub(attach, text))
    if attachments:
        cell.attachments = attachments
    return cell


def notebook_uri(page_src_uri: str) -> str:
    return f"notebooks/{Path(page_src_uri).with_suffix('.ipynb').as_posix()}"


# --- MkDocs events -----------------------------------------------------------

_made = tempfile.TemporaryDirectory(prefix="notebooks-")  # this build's notebooks


def on_config(config):
    docs_dir = Path(config["docs_dir"])
    notes = [page.relative_to(docs_dir).as_posix() for page in note_pages(docs_dir)]
    if config["nav"] is not None and notes:  # the notebooks join the navigation by themselves
        config["nav"].append({"Notebooks": [{f"{title_of(docs_dir / n)} (notebook)": notebook_uri(n)}
                                            for n in notes]})
    return config


def title_of(page: Path) -> str:
    first = page.read_text(encoding="utf-8").splitlines()[0]
    return first.lstrip("# ").split(" - ")[-1]


@event_priority(100)  # before mkdocs-jupyter turns .ipynb files into pages
def on_files(files: Files, config) -> Files:
    docs_dir = Path(config["docs_dir"])
    root = Path(config["config_file_path"]).parent
    out_dir = Path(_made.name)
    for page in note_pages(docs_dir):
        uri = notebook_uri(page.relative_to(docs_dir).as_posix())
        target = out_dir / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(nbformat.writes(notebook(page, root, config["site_url"] or "/")), encoding="utf-8")
        files.append(File(uri, str(out_dir), config["site_dir"], config["use_directory_urls"]))
    return files


# What nbconvert puts in a notebook page that the site does itself: its MathJax
# set-up (an empty loader and config comments) and a Mermaid loader from a CDN.
NBCONVERT_EXTRAS = re.compile(
    r'<script[^>]*type="text/x-mathjax-config"[^>]*>.*?</script>'
    r'|<script src="[^"]*">\s*</script>\s*<!-- MathJax configuration -->.*?<!-- End of mathjax configuration -->'
    r'|<script type="module">(?:(?!</script>).)*?jp-Mermaid.*?</script>', re.DOTALL)


def on_page_content(html: str, page, config, files) -> str:
    src = page.file.src_uri
    if src.endswith(".ipynb"):  # a notebook page: the site's MathJax typesets it
        html = NBCONVERT_EXTRAS.sub("", html)
        page.meta["search"] = {"exclude": True}  # search finds the note page, not its copy
        note = files.get_file_from_path(Path(src).relative_to("notebooks").with_suffix(".md").as_posix())
        return with_links(html, page.url, [(note.url, "Back to the note", False),
                                           (f"{page.url}{Path(src).name}", "Download this notebook", True)])
    if is_note(Path(page.file.abs_src_path)):
        notebook_page = files.get_file_from_path(notebook_uri(src))
        download = f"{notebook_page.url}{Path(notebook_page.src_uri).name}"
        return with_links(html, page.url, [(notebook_page.url, "View as a notebook", False),
                                           (download, "Download notebook", True)])
    return html


def with_links(html: str, from_url: str, links: list[tuple[str, str, bool]]) -> str:
    """Links under the page's first heading. A download link points at the
    .ipynb that mkdocs-jupyter copies beside the notebook page (include_source)."""
    anchors = " · ".join(f'<a href="{get_relative_url(url, from_url)}"{" download" if download else ""}>{label}</a>'
                         for url, label, download in links)
    paragraph = f'<p class="notebook-links">{anchors}</p>\n'
    end = html.find("</h1>")
    return html[:end + 5] + "\n" + paragraph + html[end + 5:] if end >= 0 else paragraph + html
