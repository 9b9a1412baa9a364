"""The checks the test suite runs, one concern a module:

- ``snippets``: run a snippet as ``python snippet.py`` would, compare it with its records;
- ``site``: build the site, inspect what pages embed and what the build shows;
- ``browser``: serve the built site and read a page in Debian's Chromium;
- ``notebooks``: run each note's notebook in a fresh kernel;
- ``stepper``: the steps a graph figure records, and the page's stepper;
- ``rules``: every backward rule the notes state, with PyTorch as oracle;
- ``properties``: the one Hypothesis helper the rule and formula tests share;
- ``formulas``: the notes' LaTeX read as written and evaluated against autograd.
"""
