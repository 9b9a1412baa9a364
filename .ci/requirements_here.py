"""The requirements file pip should read on this machine.

requirements.txt names PyTorch's CPU index beside PyPI. Where that index does
not answer (the machines our CI runs on reach PyPI only), pip tries it five
times for every package, about 8 s per package, a quarter of an hour in all.
So each extra index is asked once; the path printed is requirements.txt
itself, or a copy beside it with the lines of the silent indexes commented out.
Used by .ci/install.
"""

from __future__ import annotations

import re
import sys
import urllib.error
import urllib.request
from pathlib import Path

REQUIREMENTS = Path("requirements.txt")
COPY = Path(".requirements-here.txt")  # beside it, so relative -r/-c paths still work
INDEX_LINE = re.compile(r"\s*--extra-index-url(?:\s*=\s*|\s+)(\S+)")
PROBE_TIMEOUT = 20  # seconds
RETRIED_BY_PIP = {500, 503, 520, 527}  # pip's status_forcelist: these stall it too


def silence(index_url: str, timeout: float = PROBE_TIMEOUT) -> str | None:
    """Why the index gives pip no answer, or None if it answers. It is asked
    for the page pip reads from it (torch's), and any status pip does not
    retry counts as an answer: pip then moves on at once."""
    url = index_url.rstrip("/") + "/torch/"
    try:
        urllib.request.urlopen(url, timeout=timeout).close()
    except urllib.error.HTTPError as error:
        return f"HTTP {error.code}" if error.code in RETRIED_BY_PIP else None
    except (OSError, ValueError) as error:  # no host, refused, timed out, a malformed URL
        return str(error) or type(error).__name__
    return None


def requirements_here(requirements: Path = REQUIREMENTS, copy: Path = COPY,
                      timeout: float = PROBE_TIMEOUT) -> Path:
    lines = requirements.read_text(encoding="utf-8").splitlines(keepends=True)
    dropped = False
    for number, line in enumerate(lines, start=1):
        index = INDEX_LINE.match(line)
        why = index and silence(index[1], timeout)
        if why:
            print(f"{requirements}:{number}: {index[1]} does not answer ({why}): installing without it",
                  file=sys.stderr)
            lines[number - 1] = "# " + line
            dropped = True
    if not dropped:
        return requirements
    copy.write_text("".join(lines), encoding="utf-8")
    return copy


if __name__ == "__main__":
    print(requirements_here())
