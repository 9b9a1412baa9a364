"""Measure the issue's performance figures: python -m scripts.benchmark

Prints the cost of one `import torch`, of running every snippet after it (as
the test run does, in one process), and of a strict site build.  Figures,
not assertions: the machines are shared and noisy.
"""

import sys
import tempfile
import time
from pathlib import Path


from site_check import build_site
from snippet_check import ROOT, check_snippet, find_snippets


def timed(action, *args):
    """(what ``action(*args)`` returned, how many seconds it took)"""
    start = time.perf_counter()
    result = action(*args)
    return result, time.perf_counter() - start


def main():
    _, torch_import = timed(__import__, "torch")
    snippets = find_snippets()
    _, run_all = timed(lambda: [check_snippet(s) for s in snippets])
    with tempfile.TemporaryDirectory() as site:
        build, build_time = timed(build_site, ROOT, Path(site))
    print(f"import torch:              {torch_import:.2f} s")
    print(f"{len(snippets)} snippets after it:     {run_all:.2f} s")
    print(f"mkdocs build --strict:     {build_time:.2f} s (exit {build.returncode}, in a fresh "
          f"interpreter with -X importtime; imported torch: {'torch' in build.imported})")


if __name__ == "__main__":
    main()
