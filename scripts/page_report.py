"""Screenshots of every page in light and dark mode, and per-page figures.

    python -m scripts.page_report

Builds the site, serves it on 127.0.0.1 and opens each page in Debian's
Chromium, cold (a new browser context: nothing cached). Writes
``screenshots/<page>-light.png`` and ``-dark.png`` at 1280 px, and
``<page>-phone-light.png`` and ``-phone-dark.png`` at 390 px (git ignores the folder)
and prints, per page, the bytes transferred until the network is idle
(stylesheets, scripts and search index included), served with gzip as GitHub
Pages does and uncompressed, and the time from navigation start to the first
paint, which shows the formulas: they are SVG in the HTML as served (the
page's checks report any that are not). A measurement, not a test: the
machines are shared and noisy, so the numbers belong in a report, not in an
assertion. Targets: a note page under 0.2 MB with gzip, no page over 2 MB.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path


from mlnotes.checks.browser import CHROMIUM, DESKTOP, GENERATED, INSTALL, PHONE, Server, Visit, launch, page_paths
from mlnotes.checks.site import build_site
from mlnotes.checks.snippets import ROOT

OUT = ROOT / "screenshots"
# The math is in the HTML, so it is shown at the first paint with content.
FIRST_PAINT = """() => {
  const paint = performance.getEntriesByName('first-contentful-paint')[0];
  return paint ? paint.startTime : NaN;
}"""


def measure(browser, url: str, scheme: str, screenshot: Path | None,
            width: int = DESKTOP) -> tuple[int, float]:
    visit = Visit(browser, url, color_scheme=scheme, viewport={"width": width, "height": 900})
    try:
        problems = visit.problems()
        visit.page.wait_for_load_state("networkidle")
        if screenshot:
            visit.page.screenshot(path=screenshot, full_page=True)
        if problems:
            print(f"  {url} ({scheme}): " + "; ".join(problems), file=sys.stderr)
        return visit.bytes, visit.page.evaluate(FIRST_PAINT)
    finally:
        visit.close()


def main() -> int:
    if not CHROMIUM.exists():
        print(f"needs Debian's Chromium at {CHROMIUM}: {INSTALL}", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as site_dir, sync_playwright() as playwright:
        # gzip, as GitHub Pages serves text; and uncompressed, the worst case
        servers = {"gzip": Server(Path(site_dir)), "raw": Server(Path(site_dir), compress=False)}
        build = build_site(ROOT, Path(site_dir), site_url=servers["gzip"].url)
        if build.returncode != 0:
            print(build.failure(), file=sys.stderr)
            return 1
        browser = launch(playwright)
        print(f"{'page':<30}{'gzip':>9}{'uncompressed':>14}{'math at light':>15}{'math at dark':>14}")
        for path in [*page_paths(), *GENERATED, "404.html"]:
            name = path.strip("/").replace("/", "-").removesuffix(".html") or "index"
            light = measure(browser, servers["gzip"].url + path, "light", OUT / f"{name}-light.png")
            dark = measure(browser, servers["gzip"].url + path, "dark", OUT / f"{name}-dark.png")
            raw = measure(browser, servers["raw"].url + path, "light", None)
            for scheme in ("light", "dark"):  # and on a phone
                measure(browser, servers["gzip"].url + path, scheme, OUT / f"{name}-phone-{scheme}.png", PHONE)
            print(f"/{path:<29}{light[0] / 1e6:>7.2f}MB{raw[0] / 1e6:>12.2f}MB"
                  f"{light[1]:>13.0f}ms{dark[1]:>12.0f}ms")
        browser.close()
        for server in servers.values():
            server.close()
    print(f"screenshots in {OUT.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
