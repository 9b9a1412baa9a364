"""Lighthouse's mobile audit of every page: performance, blocking time, DOM size, legible text.

    python -m scripts.lighthouse [--runs 3] [page-path ...]

Builds the site, serves it gzipped under the site's base path (as GitHub Pages
does: uncompressed, every page looks about 3x heavier) and runs Lighthouse
(npm, pinned below) on each page in Lighthouse's default mobile profile:
simulated slow 4G and a 4x slower CPU. Prints, per page, the median over the
runs of the performance score, total blocking time and DOM elements, and the
share of legible text (the audit "font-size", under best practices). Scores vary by about +-10
between runs on a shared machine, hence the median. A measurement for a
report, not a test. Needs npm (it fetches Lighthouse once into npm's cache)
and Debian's Chromium; where either is missing it says so and stops.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from mlnotes.checks.browser import CHROMIUM, GENERATED, INSTALL, Server, page_paths
from mlnotes.checks.site import build_site
from mlnotes.checks.snippets import ROOT

LIGHTHOUSE = "lighthouse@12.8.2"  # 13 needs Node 22; Debian's Node is 20
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"


def audit(url: str, out: Path) -> dict:
    """One Lighthouse run of one page: the figures this report prints."""
    command = ["npx", "--yes", LIGHTHOUSE, url, "--quiet", "--output=json", f"--output-path={out}",
               "--only-categories=performance,best-practices", f"--chrome-flags={CHROME_FLAGS}"]
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": str(CHROMIUM)},
                   stdout=subprocess.DEVNULL)
    report = json.loads(out.read_text())
    audits = report["audits"]
    return {"score": round(100 * report["categories"]["performance"]["score"]),
            "tbt": audits["total-blocking-time"]["numericValue"],
            "dom": audits["dom-size"]["numericValue"],
            "legible": legible_share(audits["font-size"])}


def legible_share(font_size: dict) -> float:
    """The share of text at 12 px or more: the audit's "≥ 12px" row (it passes from 60%)."""
    rows = font_size.get("details", {}).get("items", [])
    return sum(float(row["coverage"].rstrip("%")) for row in rows if row.get("fontSize") == "≥ 12px")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("pages", nargs="*", help="page paths such as backpropagation/ (default: every page)")
    args = parser.parse_args(argv)
    if shutil.which("npx") is None:
        print("needs npm's npx (apt-get install npm): Lighthouse comes from npm", file=sys.stderr)
        return 1
    if not CHROMIUM.exists():
        print(f"needs Debian's Chromium at {CHROMIUM}: {INSTALL}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as site_dir, tempfile.TemporaryDirectory() as reports:
        server = Server(Path(site_dir))
        build = build_site(ROOT, Path(site_dir), site_url=server.url)
        if build.returncode != 0:
            print(build.failure(), file=sys.stderr)
            return 1
        print(f"{'page':<40}{'score':>6}{'TBT ms':>8}{'DOM':>7}{'legible':>9}   (median of {args.runs})")
        for path in args.pages or [*page_paths(), *GENERATED]:
            runs = [audit(server.url + path, Path(reports) / f"run{k}.json") for k in range(args.runs)]
            median = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
            print(f"/{path:<39}{median['score']:>6.0f}{median['tbt']:>8.0f}{median['dom']:>7.0f}"
                  f"{median['legible']:>8.0f}%", flush=True)
        server.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
