"""One way to install: the README's `pip install -r requirements.txt`, run by
.ci/install for CI and the publishing workflow, and the CPU build of torch."""

import functools
import http.server
import os
import re
import shutil
import stat
import subprocess
import threading

import pytest

from site_check import free_port
from snippet_check import ROOT

CPU_INDEX = "https://download.pytorch.org/whl/cpu"
LINUX_X86 = 'sys_platform == "linux" and platform_machine == "x86_64"'


def requirement_lines():
    text = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    return [line.split(" #")[0].strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def test_ci_and_publishing_share_one_install_script():
    install = (ROOT / ".ci/install").read_text(encoding="utf-8")
    assert 'pip install --quiet --disable-pip-version-check -r "$requirements"' in install
    for path in [".ci/run", ".github/workflows/publish.yml"]:
        text = (ROOT / path).read_text(encoding="utf-8")
        assert "bash .ci/install" in text, f"{path} does not install through .ci/install"
        assert not re.search(r"pip install|apt-get install|PIP_", text), f"{path} installs on its own: use .ci/install"


def test_the_readme_installs_with_the_plain_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = readme.split("## Set up", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```bash\n(.*?)```", setup, re.S)
    assert commands and commands[0].strip() == "pip install -r requirements.txt", (
        "README.md, Set up: the first command must be the plain `pip install -r requirements.txt`")


def test_requirements_ask_for_the_cpu_build_of_torch_from_its_index():
    lines = requirement_lines()
    assert f"--extra-index-url {CPU_INDEX}" in lines, f"requirements.txt: name {CPU_INDEX}"
    torch = [line for line in lines if re.match(r"torch\b", line)]
    # On Linux x86_64 a pin without +cpu lets pip take PyPI's CUDA build when the index is missing.
    assert f"torch==2.13.0+cpu ; {LINUX_X86}" in torch, f"requirements.txt: pin the CPU build on Linux x86_64: {torch}"
    assert len(torch) == 2, f"requirements.txt: torch pinned for Linux x86_64 and for the rest only: {torch}"


@pytest.fixture
def install_copy(tmp_path):
    """.ci/install and requirements.txt in a scratch project, with `pip` and
    `apt-get` stand-ins that record what they were asked to install."""
    project = tmp_path / "project"
    (project / ".ci").mkdir(parents=True)
    shutil.copy(ROOT / ".ci/install", project / ".ci/install")
    shutil.copy(ROOT / "requirements.txt", project / "requirements.txt")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    record = tmp_path / "pip-was-given.txt"
    for name, body in [("pip", f'while [ $# -gt 1 ]; do shift; done; cat "$1" > "{record}"\n'),
                       ("apt-get", "exit 0\n")]:
        tool = bin_dir / name
        tool.write_text("#!/usr/bin/env bash\n" + body, encoding="utf-8")
        tool.chmod(tool.stat().st_mode | stat.S_IEXEC)

    def run(index_url):
        requirements = project / "requirements.txt"
        requirements.write_text(requirements.read_text(encoding="utf-8").replace(CPU_INDEX, index_url), encoding="utf-8")
        path = f"{bin_dir}:{os.environ['PATH']}"
        done = subprocess.run(["bash", str(project / ".ci/install")], capture_output=True, text=True,
                              env={"PATH": path, "HOME": str(tmp_path)}, timeout=60)
        assert done.returncode == 0, done.stderr
        return requirements.read_text(encoding="utf-8"), record.read_text(encoding="utf-8"), done.stderr

    return run


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def local_index(tmp_path):
    """An index that answers, if only with 404 (an empty folder served on localhost)."""
    (tmp_path / "index").mkdir()
    handler = functools.partial(QuietHandler, directory=str(tmp_path / "index"))
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        yield f"http://127.0.0.1:{server.server_address[1]}/"
        server.shutdown()


def test_install_uses_requirements_as_they_are_where_the_index_answers(install_copy, local_index):
    requirements, given, stderr = install_copy(local_index)
    assert given == requirements and f"--extra-index-url {local_index}" in given
    assert "unreachable" not in stderr


def test_install_leaves_out_an_index_that_does_not_answer(install_copy):
    closed = f"http://127.0.0.1:{free_port()}/"  # nothing listens there
    requirements, given, stderr = install_copy(closed)
    assert f"{closed}torch/ is unreachable" in stderr and "installing without the index" in stderr
    assert given.splitlines() == [
        "# " + line if line.startswith("--extra-index-url") else line for line in requirements.splitlines()]
