"""MkDocs hook: each embedded Python block titled with its file, a link that
downloads it.

A fenced ``python`` block that only embeds a snippet (``--8<-- "snippets/a/b.py"``,
or a section of it) gets ``title="snippets/a/b.py"`` (pymdownx.highlight), and
the title becomes a link to that file, which overrides/hooks/snippet_files.py
serves beside the pages. The page source is left as written: the notebook and
the checks read it unchanged.
"""

from __future__ import annotations

import re

from mkdocs.utils import get_relative_url

# ```python, then the embed alone, then the closing fence (any indent: tabs, admonitions)
EMBEDDED = re.compile(
    r'^(?P<indent>[ \t]*)(?P<fence>`{3,})python[ \t]*\n'
    r'(?P<embed>[ \t]*-{1,}8<-{1,}[ \t]+"(?P<path>(?:\.\./)*snippets/[^":]+\.py)(?::[^"]*)?"[ \t]*\n)'
    r'(?P=indent)(?P=fence)[ \t]*$', re.MULTILINE)
TITLE = re.compile(r'<span class="filename">(?P<path>snippets/[^<]+\.py)</span>')


def on_page_markdown(markdown: str, page, config, files) -> str:
    def titled(match: re.Match) -> str:
        path = re.sub(r"^(?:\.\./)*", "", match["path"])
        return (f'{match["indent"]}{match["fence"]}python title="{path}"\n'
                f'{match["embed"]}{match["indent"]}{match["fence"]}')
    return EMBEDDED.sub(titled, markdown)


def on_page_content(html: str, page, config, files) -> str:
    def linked(match: re.Match) -> str:
        served = files.get_file_from_path(match["path"])
        if served is None:
            return match[0]
        href = get_relative_url(served.url, page.file.url)
        return (f'<span class="filename"><a href="{href}" download '
                f'title="Download {match["path"]}">{match["path"]}</a></span>')
    return TITLE.sub(linked, html)
