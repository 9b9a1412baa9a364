"""Measure the speed figures of the project: python -m scripts.benchmark [--suite]

Prints, each measured in this one run, so that a ratio compares like with like:

- one ``import torch``, and every snippet after it (as pytest runs them, in
  one process), as a ratio of the import;
- ``mkdocs build --strict`` of the site with a warm notebook cache (nothing
  changed in the notebooks), and a bare Material build of the same pages (no
  hooks, no notebooks, no build-time math), and their ratio;
- ``mkdocs serve``: seconds from a snippet's output changing on disk to the
  served page showing it;
- with ``--suite``: the wall and CPU time of the full ``pytest`` and of
  ``pytest --update-outputs``.

Figures, not assertions: the machines are shared and noisy. The bytes and
math timings of each page are printed by ``python -m scripts.page_report``.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from mlnotes.checks.site import copy_sources, fetch_until, free_port, site_path
from mlnotes.checks.snippets import ROOT, check_snippet, find_snippets

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def timed(action, *args):
    """(what ``action(*args)`` returned, how many seconds it took)"""
    start = time.perf_counter()
    result = action(*args)
    return result, time.perf_counter() - start


def bare_config(project: Path) -> None:
    """mkdocs.yml without hooks, notebooks or build-time math: Material alone."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = re.sub(r"^hooks:\n(?:[ \t]+.*\n)*", "", text, flags=re.MULTILINE)
    text = re.sub(r"^  - mkdocs-jupyter:\n(?:[ \t]{4,}.*\n)*", "", text, flags=re.MULTILINE)
    text = re.sub(r"^(extra_javascript|extra_css):\n(?:[ \t]+.*\n)*", "", text, flags=re.MULTILINE)
    config.write_text(text, encoding="utf-8")


def build_seconds(project: Path, strict: bool = True) -> float:
    with tempfile.TemporaryDirectory() as site:
        command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", site] + (["--strict"] if strict else [])
        _, seconds = timed(lambda: subprocess.run(command, cwd=project, env=ENV, capture_output=True, check=True))
    return seconds


def serve_update_seconds(project: Path) -> float:
    """From an output's change on disk to the served page showing it."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}{site_path(project)}backpropagation/"
        fetch_until(url, "Pytorch autograd dp:", seconds=120)
        time.sleep(2)  # let the first build settle before the edit
        start = time.perf_counter()
        (project / "snippets/backpropagation/softmax.out").write_text("an edited output\n")
        fetch_until(url, "an edited output", seconds=60)
        return time.perf_counter() - start
    finally:
        server.terminate()
        server.wait(timeout=10)


def suite_seconds(*options: str) -> tuple[float, float]:
    """(wall, CPU) seconds of ``pytest`` with ``options``, children included."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    _, wall = timed(lambda: subprocess.run([sys.executable, "-m", "pytest", "-q", *options],
                                           cwd=ROOT, env=ENV, capture_output=True))
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    _, torch_import = timed(__import__, "torch")
    snippets = find_snippets()
    _, run_all = timed(lambda: [check_snippet(s) for s in snippets])
    print(f"import torch:                        {torch_import:6.2f} s")
    print(f"{len(snippets)} snippets after it:               {run_all:6.2f} s "
          f"({run_all / torch_import:.1f}x one import)")

    with tempfile.TemporaryDirectory() as folder:
        project = copy_sources(Path(folder) / "project")
        build_seconds(project)  # fills the notebook and math caches
        site = build_seconds(project)
        bare = Path(folder) / "bare"
        shutil.copytree(project, bare)
        bare_config(bare)
        material = build_seconds(bare, strict=False)  # no figures copied in: links to them warn
        print(f"mkdocs build --strict, warm caches:  {site:6.2f} s ({site / material:.2f}x the bare build)")
        print(f"bare Material build, same pages:     {material:6.2f} s")
        print(f"mkdocs serve, output edit to page:   {serve_update_seconds(project):6.2f} s")

    if "--suite" in sys.argv:
        wall, cpu = suite_seconds()
        print(f"pytest:                              {wall:6.1f} s wall, {cpu:.1f} s CPU")
        wall, cpu = suite_seconds("--update-outputs")
        print(f"pytest --update-outputs:             {wall:6.1f} s wall, {cpu:.1f} s CPU")


if __name__ == "__main__":
    main()
