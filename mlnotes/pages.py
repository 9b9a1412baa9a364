"""What a page is: the one reading of a page's Markdown that the build hooks
and the checks share.

A page under ``docs/`` is prose and math, fenced code blocks, and the three
kinds of embed this site knows:

- code: a fenced block holding only ``--8<-- "snippets/<note>/<name>.py"``
  (or ``"...py:section"``, ``"...py:3:6"``), filled in by pymdownx.snippets;
- output: the same for a recorded output ``snippets/<note>/<name>.out``;
- figure: ``![what it shows](snippets/<note>/<name>.svg)``, a recorded figure.

A page that embeds code is a *note*; each note also becomes a notebook
(``notebooks/<page>.ipynb``). :func:`load_page` reads a page once into a
:class:`Page`; everything else here answers questions about one.
"""

from __future__ import annotations

import posixpath
import re
import textwrap
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from mkdocs.structure.files import File

OUTPUT_SUFFIX = ".out"  # a snippet's recorded printed output
FIGURE_SUFFIXES = (".svg", ".png")  # what a snippet may write as a figure

# `--8<-- "path"`, `"path:section"` or `"path:start:end"` (pymdownx.snippets)
EMBED = re.compile(r'^-{1,}8<-{1,}\s+"(?P<spec>[^"]+)"\s*$')
# `![alt](snippets/note/figure.svg)`: a recorded figure, copied in by overrides/hooks/snippet_files.py
FIGURE = re.compile(r'!\[(?P<alt>[^\]]*)\]\((?P<spec>(?:\.\./)*snippets/[^)\s]+)\)')  # ../ from a sub-folder
# The section markers pymdownx.snippets reads in a snippet (and drops from what it shows)
SECTION_MARKER = re.compile(r"^\s*#\s*-{1,}8<-{1,}\s*\[(?P<edge>start|end):(?P<name>[^\]]+)\]\s*$")
FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})")
# The title line of a tab (`=== "NumPy"`), admonition (`!!! note "..."`) or details block (`??? "..."`)
BLOCK_TITLE = re.compile(r'^(?:===|\?\?\?\+?|!!!)\s+(?:\w+\s*)?(?:"(?P<title>[^"]*)")?\s*$')
MARKER_COMMENT = re.compile(r"^<!--\s*(?P<text>.*?)\s*-->$")
# An equation's name, for references `[](#eq-NAME)`: a comment line among those just above it
LABEL = re.compile(r"^<!--\s*label:\s*(?P<name>[\w-]+)\s*-->$")
INDENT = "    "  # the content of a tab, admonition or details block


@dataclass(frozen=True)
class Embed:
    """One file a page embeds, where it embeds it."""

    page: str  # the page's source, relative to the project root: "docs/backpropagation.md"
    line: int  # 1-based line of the embed in the page
    path: str  # the embedded file, relative to the project root, as written in the page
    section: str | None  # "name" or "3:6" after the path's first ":", else None
    alt: str = ""  # a figure's alternative text

    @property
    def where(self) -> str:
        """The place to fix: ``docs/page.md:12``."""
        return f"{self.page}:{self.line}"

    @property
    def kind(self) -> str:
        if self.path.endswith(OUTPUT_SUFFIX):
            return "output"
        return "figure" if self.path.endswith(FIGURE_SUFFIXES) else "code"

    def shown_text(self, root: Path) -> str:
        """What the page shows of the file: the section or line range asked for,
        without section markers and dedented, as pymdownx.snippets does with
        ``dedent_subsections``. Raises ValueError naming the embed if the
        section is not there."""
        lines = (root / self.path).read_text(encoding="utf-8").splitlines()
        if self.section is None:
            picked = lines
        elif re.fullmatch(r"\d*(:\d*)?", self.section):
            start, _, end = self.section.partition(":")
            picked = lines[int(start or 1) - 1:int(end) if end else None]
        else:
            picked = section_lines(lines, self.section)
            if picked is None:
                raise ValueError(f"{self.where}: embeds section '{self.section}' of {self.path}, "
                                 f"which has no line '# --8<-- [start:{self.section}]'")
        kept = [line for line in picked if not SECTION_MARKER.match(line)]
        text = "\n".join(kept)
        return textwrap.dedent(text) if self.section else text


def section_lines(lines: list[str], name: str) -> list[str] | None:
    """The lines between ``# --8<-- [start:name]`` and its end marker, or None."""
    edges = [(number, m["edge"]) for number, line in enumerate(lines)
             if (m := SECTION_MARKER.match(line)) and m["name"] == name]
    starts = [number for number, edge in edges if edge == "start"]
    if not starts:
        return None
    end = next((number for number, edge in edges if edge == "end" and number > starts[0]), len(lines))
    return lines[starts[0] + 1:end]


@dataclass(frozen=True)
class Equation:
    """A display equation of a page, in any form arithmatex typesets as a
    block: ``$$ ... $$`` (on lines of their own or not), ``\\[ ... \\]``, or
    a bare ``\\begin{env} ... \\end{env}``."""

    line: int  # 1-based line where it opens
    tex: str  # what stands between the delimiters, dedented
    marker: str | None  # the text of an HTML comment on the line just before, if any
    marker_line: int | None = None  # that comment's line
    label: str | None = None  # NAME of a ``<!-- label: NAME -->`` among the comments just before it


@dataclass(frozen=True)
class Marker:
    """An HTML comment line of a page's prose, such as ``<!-- check: dot -->``."""

    line: int
    text: str


@dataclass(frozen=True)
class Block:
    """A run of a page: prose (``text``), a fenced code block (``code``, with
    its embed if it only embeds a file), or the title line of a tab,
    admonition or details block (``title``). Lines are dedented out of the
    block they sit in."""

    kind: str  # "text" | "code" | "title"
    line: int  # 1-based line of its first line in the page
    lines: tuple[str, ...]
    embed: Embed | None = None
    title: str = ""


@dataclass
class Page:
    source: Path  # the Markdown file
    src_uri: str  # its path under docs/, "/"-separated: "backpropagation.md"
    root: Path  # the project root (where mkdocs.yml is)
    blocks: list[Block] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The page's source relative to the project root, as a check names it."""
        return self.source.relative_to(self.root).as_posix()

    @cached_property
    def embeds(self) -> list[Embed]:
        found = []
        for block in self.blocks:
            if block.embed is not None:
                found.append(block.embed)
            elif block.kind == "text":
                for offset, line in enumerate(block.lines):
                    found += [self._embed(block.line + offset, self.linked_file(m["spec"]), m["alt"])
                              for m in FIGURE.finditer(line)]
        return found

    @property
    def prose(self) -> list[Block]:
        """The blocks of prose and math (not code, not block titles)."""
        return [block for block in self.blocks if block.kind == "text"]

    @cached_property
    def equations(self) -> list[Equation]:
        return [equation for block in self.prose for equation in equations_in(block)]

    @cached_property
    def markers(self) -> list[Marker]:
        return [Marker(block.line + k, m["text"]) for block in self.prose for k, line in enumerate(block.lines)
                if (m := MARKER_COMMENT.match(line.strip()))]

    @property
    def is_note(self) -> bool:
        return any(embed.kind == "code" for embed in self.embeds)

    @property
    def title(self) -> str:
        """The page's first heading, less the series prefix ("Machine Learning Notes - ")."""
        for block in self.blocks:
            for line in block.lines if block.kind == "text" else ():
                if line.startswith("# "):
                    return line[2:].strip().split(" - ")[-1]
        return Path(self.src_uri).stem

    @property
    def url(self) -> str:
        return page_url(self.src_uri)

    @property
    def notebook_uri(self) -> str:
        """Where the build puts the note's notebook, under docs/'s URL space."""
        return f"notebooks/{Path(self.src_uri).with_suffix('.ipynb').as_posix()}"

    @property
    def notebook_url(self) -> str:
        return page_url(self.notebook_uri)

    def linked_url(self, link: str) -> str | None:
        """The URL of the page a relative Markdown link (``other.md``) from this page names."""
        path = posixpath.normpath(posixpath.join(posixpath.dirname(self.src_uri), link))
        return None if path.startswith("..") else page_url(path)

    def linked_file(self, link: str) -> str:
        """The site path of a file a relative link from this page names (``../snippets/a.py``)."""
        return posixpath.normpath(posixpath.join(posixpath.dirname(self.src_uri), link))

    def _embed(self, line: int, spec: str, alt: str = "") -> Embed:
        path, _, section = spec.partition(":")
        return Embed(self.name, line, path, section or None, alt)


def page_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """The URL of the page built from ``src_uri`` (a ``.md`` page or a notebook),
    relative to the site root, by MkDocs' own rule: ``index.md`` -> ``""``,
    ``a/b.md`` -> ``"a/b/"``."""
    as_page = Path(src_uri).with_suffix(".md").as_posix()
    url = File(as_page, "", "", use_directory_urls).url
    return "" if url == "./" else url


def load_page(source: Path, docs_dir: Path) -> Page:
    """Read ``source`` (a Markdown file under ``docs_dir``) once into a Page."""
    root = docs_dir.parent
    page = Page(source, source.relative_to(docs_dir).as_posix(), root)
    page.blocks = parse(without_front_matter(source.read_text(encoding="utf-8").splitlines()), page)
    return page


def front_matter_end(lines: list[str]) -> int | None:
    """The line index closing the page's YAML front matter (``---`` ... ``---``,
    MkDocs' page meta), or None where the page has none."""
    if not lines or lines[0].strip() != "---":
        return None
    return next((k for k in range(1, len(lines)) if lines[k].strip() in ("---", "...")), None)


def without_front_matter(lines: list[str]) -> list[str]:
    """The page's lines with its front matter blanked: it is the page's
    settings, not its text, and the blank lines keep every other line's number."""
    end = front_matter_end(lines)
    return lines if end is None else [""] * (end + 1) + lines[end + 1:]


def front_matter(source: Path) -> dict:
    """The page's front matter, as MkDocs reads it ({} where it has none)."""
    import yaml  # (MkDocs' own dependency)

    lines = source.read_text(encoding="utf-8").splitlines()
    end = front_matter_end(lines)
    return {} if end is None else (yaml.safe_load("\n".join(lines[1:end])) or {})


def load_pages(docs_dir: Path) -> list[Page]:
    return [load_page(source, docs_dir) for source in sorted(docs_dir.rglob("*.md"))]


def note_pages(docs_dir: Path) -> list[Page]:
    return [page for page in load_pages(docs_dir) if page.is_note]


def parse(lines: list[str], page: Page) -> list[Block]:
    """Split a page into blocks, dedenting the content of tabs and admonitions."""
    blocks: list[Block] = []
    text: list[tuple[int, str]] = []  # (line number, dedented line) of the current prose

    def flush():
        if text:
            blocks.append(Block("text", text[0][0], tuple(line for _, line in text)))
            text.clear()

    depth, i = 0, 0  # depth: how many INDENTs of block content the current line sits in
    while i < len(lines):
        raw = lines[i]
        while depth and raw.strip() and not raw.startswith(INDENT * depth):
            depth -= 1  # a line less indented ends the block
        line = raw[len(INDENT) * depth:] if raw.strip() else ""
        title, fence = BLOCK_TITLE.match(line), FENCE.match(line)
        if title:
            flush()
            blocks.append(Block("title", i + 1, (line,), title=title["title"] or ""))
            depth += 1
            i += 1
        elif fence:
            flush()
            end = next((j for j in range(i + 1, len(lines)) if lines[j].strip() == fence["fence"]), len(lines))
            body = tuple(l[len(INDENT) * depth:] for l in lines[i:end + 1])
            only = EMBED.match(body[1].strip()) if end == i + 2 else None
            embed = page._embed(i + 2, only["spec"]) if only else None
            blocks.append(Block("code", i + 1, body, embed))
            i = end + 1
        else:
            text.append((i + 1, line))
            i += 1
    flush()
    return blocks


def display_delimiters(line: str) -> tuple[str, str] | None:
    """(opening, closing) delimiters of the display math that starts ``line``, if any.
    A bare environment opens with nothing: ``\\begin{...}`` is part of the math."""
    if line.startswith("$$"):
        return "$$", "$$"
    if line.startswith("\\["):
        return "\\[", "\\]"
    if environment := re.match(r"\\begin\{([^}]+)\}", line):
        return "", f"\\end{{{environment[1]}}}"
    return None


def equations_in(block: Block) -> list[Equation]:
    """The display equations of a prose block, whatever their form."""
    found, lines, i = [], block.lines, 0
    while i < len(lines):
        delimiters = display_delimiters(lines[i].strip())
        if delimiters is None:
            i += 1
            continue
        opening, closing = delimiters
        source = "\n".join(lines[i:]).lstrip()
        stop = source.find(closing, len(opening) or 1)
        stop = len(source) if stop < 0 else stop + (len(closing) if not opening else 0)  # \end{..} is math
        body = source[len(opening):stop]
        above = comments_above(lines, i)  # the marker and the label, in either order
        label = next((named["name"] for _, comment in above if (named := LABEL.match(comment[0]))), None)
        before = next((j for j, comment in above if not LABEL.match(comment[0])), None)
        comment = MARKER_COMMENT.match(lines[before].strip()) if before is not None else None
        tex = textwrap.dedent(body.removeprefix("\n")).strip("\n").strip() if opening else body
        found.append(Equation(block.line + i, tex, comment and comment["text"],
                              block.line + before if comment else None, label))
        i += source[:stop].count("\n") + 1
    return found


def comments_above(lines: tuple[str, ...], i: int) -> list[tuple[int, re.Match]]:
    """The comment lines just above line ``i`` (blank lines between them allowed), nearest first."""
    found = []
    for j in range(i - 1, -1, -1):
        if not lines[j].strip():
            continue
        comment = MARKER_COMMENT.match(lines[j].strip())
        if comment is None:
            break
        found.append((j, comment))
    return found
