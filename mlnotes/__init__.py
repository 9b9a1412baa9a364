"""The library behind the site: what the build and the test suite share.

- ``mlnotes.pages``: the page model, the one reading of a page's Markdown
  (what it embeds, its equations, its title and URL);
- ``mlnotes.notebook``: a note's notebook, assembled from its page;
- ``mlnotes.mathjax``: TeX to SVG at build time, MathJax 3 run in V8;
- ``mlnotes.checks``: what the tests check with (snippets, site, browser,
  stepped figures, backward rules, formulas).

The MkDocs hooks in ``overrides/hooks/`` are thin: each is one build event
calling into this package. ``pip install -r requirements.txt`` installs it
(editable), so nothing here edits ``sys.path``.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the project: mkdocs.yml, docs/, snippets/, tests/
