"""MkDocs hook: a search index of the teaching, not of its markup.

Material's search reads each page before the formulas are drawn
(overrides/hooks/mathjax.py runs later), so the index would hold raw TeX
(``\\frac{\\partial{L}}...``) and the "✓ checked" marks over checked formulas
(overrides/hooks/formula_marks.py). After the build this rewrites
``search/search_index.json``: a display formula leaves the text, an inline one
stays only when it is a plain symbol (``L``, ``x_1``), and the marks go.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

DISPLAY = re.compile(r"\\\[.*?\\\]|\$\$.*?\$\$|\\begin\{(\w+\*?)\}.*?\\end\{\1\}", re.DOTALL)
INLINE = re.compile(r"\\\((?P<tex>.*?)\\\)|(?<![\\$])\$(?P<dollar>[^$\n]+?)\$", re.DOTALL)
PLAIN = re.compile(r"[A-Za-z0-9_^{}' ]+")
MARK = re.compile(r'<p class="formula-checked"[^>]*>.*?</p>|✓\s*checked', re.DOTALL)
CODE = re.compile(r"(<pre>.*?</pre>)", re.DOTALL)  # code shows what a reader types: left as it is


def readable(text: str) -> str:
    def inline(match: re.Match) -> str:
        tex = (match["tex"] if match["tex"] is not None else match["dollar"]).strip()
        return tex.replace("{", "").replace("}", "") if PLAIN.fullmatch(tex) else ""
    parts = CODE.split(text)
    for i in range(0, len(parts), 2):  # the prose between code blocks
        parts[i] = INLINE.sub(inline, DISPLAY.sub("", MARK.sub("", parts[i])))
    return re.sub(r"[ \t]{2,}", " ", "".join(parts))


def on_post_build(config):
    index = Path(config["site_dir"]) / "search" / "search_index.json"
    if not index.exists():
        return
    data = json.loads(index.read_text(encoding="utf-8"))
    for doc in data["docs"]:
        doc["text"] = readable(doc["text"])
        doc["title"] = readable(doc["title"])
    index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
