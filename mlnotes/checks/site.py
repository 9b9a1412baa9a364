"""Build the site and check what the pages embed and what the build shows.

Each check returns a list of problems, one line each, naming the file (and
line) to fix, so the tests can be fed a broken copy of the project as well.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import nbformat
from bs4 import BeautifulSoup, SoupStrainer

from mlnotes.pages import FIGURE_SUFFIXES, OUTPUT_SUFFIX, Embed, Page, front_matter, load_pages
from mlnotes.checks.snippets import ROOT, find_snippets, output_path

# What a site build reads; a broken copy of the project needs only these.
SITE_SOURCES = ["mkdocs.yml", "docs", "snippets", "overrides", "requirements.txt"]

REPORT = "\n".join  # one problem a line, as a failing test prints them


def append(path: Path, text: str) -> None:
    """Plant ``text`` at the end of ``path`` (the checks' own tests break copies this way)."""
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def load_hook(name: str):
    """The build hook ``overrides/hooks/<name>.py``, loaded from its file as MkDocs loads it."""
    spec = importlib.util.spec_from_file_location(f"hooks.{name}", ROOT / "overrides" / "hooks" / f"{name}.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    return hook


def site_path(root: Path = ROOT) -> str:
    """The path part of ``site_url``, where ``mkdocs serve`` serves the site ("/ml-notes/")."""
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    match = re.search(r'^site_url:.*?"?(https?://[^"\s\]]+)', config, re.MULTILINE)
    return urlparse(match[1]).path if match else "/"


def site_pages(root: Path = ROOT) -> list[Page]:
    return load_pages(root / "docs")


def embed_problems(root: Path = ROOT) -> list[str]:
    """Every embed resolves, every snippet and output is embedded, and each
    output is shown right under its own snippet."""
    per_page = [page.embeds for page in site_pages(root)]
    problems = []
    for page_embeds in per_page:
        for previous, embed in zip([None, *page_embeds], page_embeds):
            problems += unresolved(embed, root) + misplaced(embed, previous)
    embedded = {root / embed.path for page_embeds in per_page for embed in page_embeds}
    return problems + orphans(root, embedded)


def unresolved(embed: Embed, root: Path) -> list[str]:
    if not (root / embed.path).is_file():
        return [f"{embed.where}: embeds {embed.path}, which does not exist"]
    try:
        embed.shown_text(root)
    except ValueError as missing_section:
        return [str(missing_section)]
    return []


def misplaced(embed: Embed, previous: Embed | None) -> list[str]:
    code = Path(embed.path).with_suffix(".py").as_posix()
    if embed.path.endswith(OUTPUT_SUFFIX) and (previous is None or previous.path != code):
        return [f"{embed.where}: output {embed.path} is not right after an embed of {code}"]
    return []


def orphans(root: Path, embedded: set[Path]) -> list[str]:
    problems = []
    for snippet in find_snippets(root / "snippets"):
        for needed in (snippet, output_path(snippet)):
            if needed.exists() and needed not in embedded:
                problems.append(f"{needed.relative_to(root).as_posix()}: not embedded in any page under docs/")
    for record in sorted((root / "snippets").rglob(f"*{OUTPUT_SUFFIX}")):
        if not record.with_suffix(".py").exists():
            problems.append(f"{record.relative_to(root).as_posix()}: recorded output of no snippet")
    for figure in sorted((root / "snippets").rglob("*")):
        if figure.suffix in FIGURE_SUFFIXES and figure not in embedded:
            problems.append(f"{figure.relative_to(root).as_posix()}: figure not shown in any page under docs/")
    return problems


@dataclass
class Build:
    returncode: int
    log: str  # what mkdocs printed, less Python's import-time lines
    imported: set[str]  # every module the build imported

    def failure(self) -> str:
        return f"mkdocs build --strict failed (exit {self.returncode}):\n{self.log}"


def build_site(config_dir: Path, site_dir: Path, site_url: str | None = None) -> Build:
    """Run ``mkdocs build --strict`` in a fresh interpreter and record its imports.
    ``site_url`` replaces mkdocs.yml's (through its SITE_URL variable)."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "mkdocs", "build", "--strict",
         "--site-dir", str(site_dir)],
        cwd=config_dir,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **({"SITE_URL": site_url} if site_url else {})},
    )
    imported, log = set(), []
    for line in (result.stdout + result.stderr).splitlines():
        if line.startswith("import time:"):
            imported.add(line.rsplit("|", 1)[-1].strip())
        else:
            log.append(line)
    return Build(result.returncode, "\n".join(log), imported)


MINIMAL_SITE = ROOT / "tests" / "minimal_site"  # its README says what it holds
NAV = re.compile(r"^nav:\n(?:[ \t]+.*\n|\n(?=[ \t]))*", re.MULTILINE)


def minimal_project(destination: Path) -> Path:
    """A copy of the project's configuration, hooks and theme around a few
    small pages (tests/minimal_site), for planted faults that need a build:
    it builds in a fraction of the whole site's time."""
    copy_sources(destination, with_pages=False)
    shutil.copytree(MINIMAL_SITE, destination, dirs_exist_ok=True, ignore=shutil.ignore_patterns("README.md"))
    config = destination / "mkdocs.yml"
    nav = "nav:\n  - Home: index.md\n  - Demo: demo.md\n  - What changed: changes.md\n"
    config.write_text(NAV.sub(nav, config.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    return destination


def copy_sources(destination: Path, with_pages: bool = True) -> Path:
    """A copy of what the build reads, for tests that break it on purpose
    (without the pages and snippets if not ``with_pages``)."""
    destination.mkdir(parents=True)
    for name in SITE_SOURCES:
        source = ROOT / name
        if not with_pages and name in ("docs", "snippets"):
            if name == "docs":  # its assets only (stylesheets, scripts)
                shutil.copytree(source, destination / name, ignore=shutil.ignore_patterns("*.md"))
        elif source.is_dir():
            shutil.copytree(source, destination / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, destination / name)
    return destination


def soup(html: Path) -> BeautifulSoup:
    """A built page's HTML, parsed."""
    return BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")


def built_page(site_dir: Path, page: Page) -> Path:
    """Where MkDocs writes the HTML of ``page``."""
    return site_dir / page.url / "index.html"


def article_links(html: Path) -> dict[str, object]:
    """The links of a built page's article, by their text."""
    article = soup(html).find("article")
    return {a.get_text(strip=True): a for a in article.find_all("a", href=True)} if article else {}


def notebook_link_problems(site_dir: Path, note: Page) -> list[str]:
    """The note links to its notebook page and its .ipynb (a download); the
    notebook page links back; the .ipynb is a notebook."""
    notebook_page = site_dir / note.notebook_url / "index.html"
    downloaded = site_dir / note.notebook_url / Path(note.notebook_uri).name
    missing = [f"no {path.relative_to(site_dir)}" for path in (notebook_page, downloaded) if not path.is_file()]
    if missing:
        return [f"{note.name}: {problem}" for problem in missing]
    html = built_page(site_dir, note)
    found, back = article_links(html), article_links(notebook_page)
    problems = []
    for label, page, target in [("Download notebook", html, downloaded),
                                ("View as a notebook", html, notebook_page.parent),
                                ("Back to the note", notebook_page, html.parent)]:
        links = found if page == html else back
        if label not in links:
            problems.append(f"{page.relative_to(site_dir)}: no '{label}' link")
        elif (page.parent / links[label]["href"]).resolve() != target.resolve():
            problems.append(f"{page.relative_to(site_dir)}: '{label}' points at {links[label]['href']}")
    if "Download notebook" in found and not found["Download notebook"].has_attr("download"):
        problems.append(f"{html.relative_to(site_dir)}: the 'Download notebook' link does not download")
    if not nbformat.reads(downloaded.read_text(encoding="utf-8"), as_version=4).cells:
        problems.append(f"{downloaded.relative_to(site_dir)}: a notebook with no cells")
    return problems


def code_blocks(html: Path) -> list[str]:
    """The text of every <pre> block, as a reader sees and copies it."""
    return [pre.get_text() for pre in soup(html).find_all("pre")]


def unshown_outputs(page: Page, blocks: list[str]) -> list[Embed]:
    """The output embeds of ``page`` whose recorded text is none of ``blocks``
    (the text of the <pre> blocks a reader sees)."""
    shown = {block.rstrip("\n") for block in blocks}
    return [embed for embed in page.embeds if embed.kind == "output"
            and embed.shown_text(page.root).rstrip("\n") not in shown]


def missing_outputs(root: Path, site_dir: Path) -> list[str]:
    """Each output a page embeds appears verbatim as a code block of its built page."""
    problems = []
    for page in site_pages(root):
        html = built_page(site_dir, page)
        problems += [f"{embed.where}: the built page {html.relative_to(site_dir)} does not show {embed.path} verbatim"
                     for embed in unshown_outputs(page, code_blocks(html) if html.exists() else [])]
    return problems


# Elements and attributes through which a page loads something.
LOADS = {"script": "src", "link": "href", "img": "src", "iframe": "src", "source": "src",
         "audio": "src", "video": "src", "embed": "src", "object": "data"}
CSS_URL = re.compile(r"""(?:url\(|@import\s+)\s*['"]?(https?:)?//""")


NOT_FETCHED = {"canonical", "alternate"}  # <link rel> values that name a page but load nothing


def external_loads(site_dir: Path) -> list[str]:
    """Anything the built site would fetch from another host."""
    problems = []
    for html in sorted(site_dir.rglob("*.html")):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser", parse_only=SoupStrainer(list(LOADS)))
        for tag, attribute in LOADS.items():
            for element in soup.find_all(tag, attrs={attribute: True}):
                if tag == "link" and set(element.get("rel", [])) & NOT_FETCHED:
                    continue
                if urlparse(element[attribute]).netloc:
                    problems.append(f"{html.relative_to(site_dir)}: <{tag}> loads {element[attribute]}")
    for css in sorted(site_dir.rglob("*.css")):
        if CSS_URL.search(css.read_text(encoding="utf-8")):
            problems.append(f"{css.relative_to(site_dir)}: loads a url from another host")
    return problems


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch_until(url, wanted, seconds=20.0):
    """Poll ``url`` until its body contains ``wanted``; return the last body."""
    deadline, body = time.monotonic() + seconds, ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                body = response.read().decode("utf-8")
        except OSError:
            pass  # not serving yet
        if wanted in body:
            break
        time.sleep(0.2)
    return body


def config_value(root: Path, key: str) -> str | None:
    """A top-level ``key: value`` of mkdocs.yml, as written (no YAML tags read)."""
    match = re.search(rf"^{key}:\s*(\S.*?)\s*$", (root / "mkdocs.yml").read_text(encoding="utf-8"), re.MULTILINE)
    return match[1] if match else None


def note_and_notebook_pages(root: Path, site_dir: Path) -> list[tuple[Page, Path]]:
    """Each note's built page and its notebook page, with the note."""
    return [(note, site_dir / url / "index.html") for note in site_pages(root) if note.is_note
            for url in (note.url, note.notebook_url)]


def source_link_problems(root: Path, site_dir: Path) -> list[str]:
    """Each note and notebook page links to the note's Markdown on GitHub
    (Material's edit action), and no page asks the theme to fetch repository
    facts from api.github.com (``data-md-component="source"``)."""
    source = f"{config_value(root, 'repo_url').rstrip('/')}/{config_value(root, 'edit_uri')}"
    problems = []
    for note, html in note_and_notebook_pages(root, site_dir):
        edit = soup(html).find("a", rel="edit")
        wanted = source + note.src_uri
        if edit is None or edit["href"] != wanted:
            problems.append(f"{html.relative_to(site_dir)}: links to {edit and edit['href']}, not to {wanted}")
    for html in sorted(site_dir.rglob("*.html")):
        if 'data-md-component="source"' in html.read_text(encoding="utf-8"):
            problems.append(f"{html.relative_to(site_dir)}: the theme fetches repository facts from another host "
                            "(data-md-component=\"source\"; overrides/partials/source.html drops it)")
    return problems


def python_blocks(page: Page) -> int:
    """How many fenced Python blocks the page has."""
    return sum(1 for block in page.blocks if block.kind == "code" and re.match(r"[`~]{3,}\s*python\b", block.lines[0]))


def code_title_problems(root: Path, site_dir: Path, share: float = 0.8) -> list[str]:
    """On each note page at least ``share`` of the Python blocks are titled with
    their file, and each title links to that file, served by the site."""
    problems = []
    for page in site_pages(root):
        if not page.is_note:
            continue
        html = built_page(site_dir, page)
        titles = [span for span in soup(html).select("div.highlight > span.filename") if span.get_text() != "Output"]
        links = [span.a for span in titles if span.a is not None and span.a.has_attr("download")]
        if len(links) < share * python_blocks(page):
            problems.append(f"{page.name}: {len(links)} of its {python_blocks(page)} Python blocks are titled "
                            f"with a link to their file (at least {share:.0%} must be)")
        for link in links:
            served = (html.parent / link["href"]).resolve()
            source = root / link.get_text()
            if not served.is_file() or not source.is_file() or served.read_bytes() != source.read_bytes():
                problems.append(f"{page.name}: the title {link.get_text()} links to {link['href']}, "
                                "which the site does not serve as that file")
    return problems


def figure_problems(root: Path, site_dir: Path) -> list[str]:
    """Every image in a note page's article sits in a <figure> with a <figcaption>."""
    problems = []
    for page in site_pages(root):
        if not page.is_note:
            continue
        for img in soup(built_page(site_dir, page)).select("article img"):
            figure = img.find_parent("figure")
            if figure is None or figure.find("figcaption") is None:
                problems.append(f"{page.name}: the figure {img.get('src')} has no caption "
                                "(follow it with /// caption ... ///)")
    return problems


COLAB = "https://colab.research.google.com/github/ml-notes-verified/ml-notes/blob/notebooks/"


def colab_link_problems(root: Path, site_dir: Path) -> list[str]:
    """Each note page and its notebook page link to the note's notebook in Colab."""
    problems = []
    for note, html in note_and_notebook_pages(root, site_dir):
        wanted = COLAB + note.notebook_uri
        link = article_links(html).get("Open in Colab")
        if link is None or link["href"] != wanted:
            problems.append(f"{html.relative_to(site_dir)}: no 'Open in Colab' link to {wanted}")
    return problems


def workflow_problems(workflow: Path) -> list[str]:
    """The publishing workflow checks out the whole history and pushes the notebooks to branch notebooks."""
    import yaml

    jobs = yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"]
    steps = [step for job in jobs.values() for step in job.get("steps", [])]
    checkouts = [step for step in steps if str(step.get("uses", "")).startswith("actions/checkout")]
    problems = [f"{workflow.name}: actions/checkout without fetch-depth: 0 (a one-commit history)"
                for step in checkouts if (step.get("with") or {}).get("fetch-depth") != 0]
    if not any(re.search(r"git push\b.*\bnotebooks\b", str(step.get("run", ""))) for step in steps):
        problems.append(f"{workflow.name}: no step pushes the notebooks to branch notebooks")
    if not any("site/notebooks/" in str(step.get("run", "")) for step in steps):
        problems.append(f"{workflow.name}: no step collects the built notebooks (site/notebooks/)")
    return problems


RAW_TEX = re.compile(r"\\frac|\\partial|\\\(|\\\[|\\begin\{|\$|✓")


def search_index_problems(root: Path, site_dir: Path) -> list[str]:
    """The search index (search/search_index.json) holds the teaching: no entry of
    "What changed", no raw TeX or "✓ checked" mark in its prose (code is left as
    a reader types it), and search.share is on."""
    import json

    docs = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    problems = [f"search index: an entry of What changed ({doc['location']})"
                for doc in docs if doc["location"].startswith("changes/")]
    for doc in docs:
        prose = re.sub(r"<pre>.*?</pre>", "", doc["title"] + " " + doc["text"], flags=re.DOTALL)
        if found := sorted(set(RAW_TEX.findall(prose))):
            first = RAW_TEX.search(prose)
            problems.append(f"search index: {doc['location'] or '/'} shows {' '.join(found)}: "
                            f"...{prose[max(0, first.start() - 30):first.end() + 30]}...")
    if not re.search(r"^\s*-\s*search\.share\b", (root / "mkdocs.yml").read_text(encoding="utf-8"), re.MULTILINE):
        problems.append("mkdocs.yml: theme.features lacks search.share")
    return problems


def equation_problems(root: Path, site_dir: Path) -> list[str]:
    """On each page the display equations are numbered (1), (2), ... with ids
    eq-1, eq-2, ..., and each reference to one (``[](#eq-NAME)``) reads its
    number and points at an equation of that number."""
    problems = []
    for page in site_pages(root):
        html = soup(built_page(site_dir, page))
        equations = html.select("article div.equation")
        numbers = [(eq.get("id"), eq.select_one(".equation-number").get_text() if eq.select_one(".equation-number")
                    else None) for eq in equations]
        wanted = [(f"eq-{n}", f"({n})") for n in range(1, len(page.equations) + 1)]
        if numbers != wanted:
            problems.append(f"{page.name}: equations numbered {numbers}, not {wanted}")
        for ref in html.select("article a.equation-reference"):
            target = html.find(id=ref["href"].removeprefix("#"))
            equation = target if target is not None and "equation" in target.get("class", []) else \
                target and target.find_parent("div", class_="equation")
            if equation is None or f"({equation['id'].removeprefix('eq-')})" != ref.get_text():
                problems.append(f"{page.name}: the reference {ref.get_text()!r} to {ref['href']} "
                                "does not name the equation it points at")
    return problems


OBJECTIVES = ('!!! abstract "What you will learn"', '!!! info "What it assumes"')
RELATED = "## A List of Related Posts"


def objectives_problems(root: Path) -> list[str]:
    """Each note page, right after its H1 (and its "A List of Related Posts"
    where it has one), states objectives and prerequisites as two admonitions."""
    problems = []
    for page in site_pages(root):
        if not page.is_note:
            continue
        blocks = page.blocks
        first = next((i for i, b in enumerate(blocks) if b.kind == "text" and
                      any(line.startswith("# ") for line in b.lines)), None)
        if first is None:
            problems.append(f"{page.name}:1: no H1")
            continue
        head = blocks[first]
        after = [line for line in head.lines[[l.startswith("# ") for l in head.lines].index(True) + 1:] if line.strip()]
        if after and (after[0] != RELATED or any(not re.match(r"\s*(?:[-*]|\d+\.) |\s{2,}", l) for l in after[1:])):
            problems.append(f"{page.name}:{head.line}: something other than {RELATED!r} stands between "
                            "the H1 and the objectives")
        titles = [b for b in blocks[first + 1:] if b.kind == "title"][:2]
        between = [b for b in blocks[first + 1:blocks.index(titles[-1])] if b.kind == "code"] if titles else []
        if [b.lines[0].strip() for b in titles] != list(OBJECTIVES) or between \
                or (titles and blocks[first + 1] is not titles[0]):
            problems.append(f"{page.name}:{head.line}: after the H1 the page must say\n    "
                            + "\n    ".join(f"{title}\n        - ..." for title in OBJECTIVES))
    return problems


def description_problems(root: Path, site_dir: Path) -> list[str]:
    """Each page's <meta name="description"> and og:description are its
    front matter's ``description`` (else site_description), once each, with
    og:title and og:type beside them."""
    import yaml

    site = yaml.safe_load(re.sub(r"!\w+", "", (root / "mkdocs.yml").read_text(encoding="utf-8")))
    problems = []
    for page in site_pages(root):
        wanted = " ".join(str(front_matter(page.source).get("description") or site["site_description"]).split())
        html = soup(built_page(site_dir, page))
        for attribute, name in (("name", "description"), ("property", "og:description")):
            found = [" ".join(meta.get("content", "").split()) for meta in html.find_all("meta", attrs={attribute: name})]
            if found != [wanted]:
                problems.append(f"{page.name}: <meta {attribute}=\"{name}\"> is {found}, not [{wanted!r}]")
        for name in ("og:title", "og:type"):
            if html.find("meta", attrs={"property": name}) is None:
                problems.append(f"{page.name}: no <meta property=\"{name}\">")
    return problems
