"""MkDocs hook: each note also as a Jupyter notebook page, with links both ways.

The pages are read once per build (``mlnotes.pages.load_pages``). Each note's notebook
(``mlnotes.notebook.notebook``) is written to a temporary folder and added to
the build as ``notebooks/<page>.ipynb``, which mkdocs-jupyter renders as a
page (it never executes) and copies beside it for download; a notebook page is
rendered again only when its notebook changed (see ``cache_rendered_notebooks``). The links between a note, its notebook page
and the download come from the theme (``overrides/main.html``), driven by the
page metadata set here.
"""

from __future__ import annotations

import re
import tempfile
from importlib.metadata import version
from pathlib import Path

import nbformat
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from mlnotes.notebook import notebook, recorded_with
from mlnotes.pages import Page, load_pages

_build: dict[str, Page] = {}  # this build's note pages, by source path under docs/
_made = tempfile.TemporaryDirectory(prefix="notebooks-")  # this build's notebooks


def on_config(config):
    cache_rendered_notebooks(config)
    _build.clear()
    _build.update({page.src_uri: page for page in load_pages(Path(config["docs_dir"])) if page.is_note})
    if config["nav"] is not None and _build:  # the notebooks join the navigation, in series order
        order = nav_order(config["nav"])
        notes = sorted(_build.values(), key=lambda page: order.get(page.src_uri, len(order)))
        config["nav"].append({"Notebooks": [{f"{page.title} (notebook)": page.notebook_uri} for page in notes]})
    return config


def cache_rendered_notebooks(config) -> None:
    """Let mkdocs-jupyter keep each rendered notebook page, keyed by a hash of
    the assembled notebook (which holds everything the page shows: nothing is
    executed) and its options, in a folder named for the renderer's versions,
    so an upgrade never serves an old rendering. An unchanged notebook is then
    not rendered again; a changed one always is."""
    plugin = config["plugins"].get("mkdocs-jupyter")
    if plugin is None:
        return
    versions = "-".join(f"{name}-{version(name)}" for name in ("mkdocs-jupyter", "nbconvert"))
    root = Path(config["config_file_path"]).parent
    plugin.config["cache"] = True
    plugin.config["cache_dir"] = str(root / ".cache" / versions)


def nav_order(nav) -> dict[str, int]:
    """Each page of the navigation with its position."""
    found: list[str] = []

    def walk(item):
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                walk(value)
        elif isinstance(item, list):
            for value in item:
                walk(value)
    walk(nav)
    return {src: number for number, src in enumerate(found)}


@event_priority(100)  # before mkdocs-jupyter turns .ipynb files into pages
def on_files(files: Files, config) -> Files:
    out_dir = Path(_made.name)
    for page in _build.values():
        target = out_dir / page.notebook_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            made = notebook(page, config["site_url"] or "/")
        except ValueError as err:  # an embed the page model cannot resolve: page and line named
            raise PluginError(str(err)) from None
        target.write_text(nbformat.writes(made), encoding="utf-8")
        files.append(File(page.notebook_uri, str(out_dir), config["site_dir"], config["use_directory_urls"]))
    return files


# What nbconvert puts in a notebook page that the site does itself: its MathJax
# set-up (an empty loader and config comments) and a Mermaid loader from a CDN.
NBCONVERT_EXTRAS = re.compile(
    r'<script[^>]*type="text/x-mathjax-config"[^>]*>.*?</script>'
    r'|<script src="[^"]*">\s*</script>\s*<!-- MathJax configuration -->.*?<!-- End of mathjax configuration -->'
    r'|<script type="module">(?:(?!</script>).)*?jp-Mermaid.*?</script>', re.DOTALL)


def on_page_content(html: str, page, config, files) -> str:
    src = page.file.src_uri
    notebook_of = {note.notebook_uri: note for note in _build.values()}
    if src in notebook_of or src in _build:  # the theme shows it at the foot of the page
        page.meta["recorded_with"] = recorded_with(Path(config["config_file_path"]).parent)
    if src in notebook_of:  # a notebook page
        note = notebook_of[src]
        page.meta["search"] = {"exclude": True}  # search finds the note page, not its copy
        if page.edit_url:  # its source is the note's Markdown (Material's page actions)
            page.edit_url = page.edit_url.removesuffix(src) + note.src_uri
        page.meta["notebook_links"] = [
            {"url": note.url, "label": "Back to the note"},
            {"url": download_url(note), "label": "Download this notebook", "download": True},
            {"url": colab_url(note), "label": "Open in Colab"}]
        return NBCONVERT_EXTRAS.sub("", html)
    if src in _build:
        note = _build[src]
        page.meta["notebook_links"] = [
            {"url": note.notebook_url, "label": "View as a notebook"},
            {"url": download_url(note), "label": "Download notebook", "download": True},
            {"url": colab_url(note), "label": "Open in Colab"}]
    return html


def download_url(note: Page) -> str:
    """The .ipynb that mkdocs-jupyter copies beside the notebook page (include_source)."""
    return f"{note.notebook_url}{Path(note.notebook_uri).name}"


# The publishing workflow (.github/workflows/publish.yml) pushes each built
# notebook to this branch at its notebook_uri; Colab opens it from there.
# A link only: the page itself fetches nothing from Colab or GitHub.
COLAB = "https://colab.research.google.com/github/ml-notes-verified/ml-notes/blob/notebooks/"


def colab_url(note: Page) -> str:
    return COLAB + note.notebook_uri
