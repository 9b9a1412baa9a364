"""One way to install: the README's `pip install -r requirements.txt`, run by
.ci/install for CI and the publishing workflow, and the CPU build of torch."""

import http.server
import importlib.util
import json
import os
import re
import shutil
import socket
import stat
import subprocess
import sys
import threading
from contextlib import contextmanager

import pytest
from packaging.requirements import Requirement

from site_check import free_port
from snippet_check import ENVIRONMENT, ROOT

CPU_INDEX = "https://download.pytorch.org/whl/cpu"
PLATFORMS = {  # the values pip's markers see
    "Linux x86_64": {"sys_platform": "linux", "platform_machine": "x86_64"},
    "Linux aarch64": {"sys_platform": "linux", "platform_machine": "aarch64"},
    "macOS arm64": {"sys_platform": "darwin", "platform_machine": "arm64"},
    "Windows": {"sys_platform": "win32", "platform_machine": "AMD64"},
}

spec = importlib.util.spec_from_file_location("requirements_here", ROOT / ".ci/requirements_here.py")
requirements_here = importlib.util.module_from_spec(spec)
spec.loader.exec_module(requirements_here)


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
    recorded = json.loads(ENVIRONMENT.read_text(encoding="utf-8"))["torch"]  # e.g. 2.13.0+cpu
    torch = [Requirement(line) for line in lines if re.match(r"torch\b", line)]
    pins = {name: [str(r.specifier) for r in torch if r.marker is None or r.marker.evaluate(values)]
            for name, values in PLATFORMS.items()}
    # On Linux, PyPI's torch is a CUDA build: a pin without +cpu lets pip take it when the index is missing.
    expected = {name: [f"=={recorded}" if values["sys_platform"] == "linux" else f"=={recorded.split('+')[0]}"]
                for name, values in PLATFORMS.items()}
    assert pins == expected, f"requirements.txt: torch pins by platform {pins}, expected {expected}"


# The probe of .ci/requirements_here.py, against indexes served here.

class Index(http.server.BaseHTTPRequestHandler):
    status = 200
    asked: list  # the paths requested

    def do_GET(self):
        self.asked.append(self.requestline.split()[1])  # as sent: self.path folds a leading "//"
        self.send_response(self.status)
        self.end_headers()

    def log_message(self, *args):
        pass


@contextmanager
def index_answering(status):
    handler = type("Index", (Index,), {"status": status, "asked": []})
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        yield f"http://127.0.0.1:{server.server_address[1]}/", handler.asked
        server.shutdown()


@contextmanager
def index_that_never_replies():
    """Connections are taken (the kernel's backlog) but never answered. After
    5 s the socket closes, so a probe with no timeout fails rather than hangs."""
    with socket.create_server(("127.0.0.1", 0)) as listener:
        closer = threading.Timer(5, listener.close)
        closer.start()
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/"
        closer.cancel()


def copy_requirements(tmp_path, index_line):
    text = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    requirements = tmp_path / "requirements.txt"
    requirements.write_text(text.replace(f"--extra-index-url {CPU_INDEX}\n", index_line), encoding="utf-8")
    return requirements


@pytest.mark.parametrize("status", [200, 404])  # pip moves on at once after either
def test_an_index_that_answers_is_kept(tmp_path, status):
    with index_answering(status) as (url, _):
        requirements = copy_requirements(tmp_path, f"--extra-index-url {url}\n")
        assert requirements_here.requirements_here(requirements, tmp_path / "copy.txt") == requirements


@pytest.mark.parametrize("write", [  # every way pip itself accepts the line
    "--extra-index-url={url}\n", "--extra-index-url {url}  # a comment\n", "--extra-index-url {url}\r\n",
    "--extra-index-url   {url}/\n"])
def test_the_index_is_read_as_pip_reads_it(tmp_path, write):
    with index_answering(200) as (url, asked):
        requirements = copy_requirements(tmp_path, write.format(url=url.rstrip("/")))
        assert requirements_here.requirements_here(requirements, tmp_path / "copy.txt") == requirements
    assert asked == ["/torch/"], "the probe did not ask for the page pip reads first"


@pytest.mark.parametrize("status", [503, 500])  # pip retries these five times, as a silent host
def test_an_index_that_pip_would_retry_is_left_out(tmp_path, capsys, status):
    with index_answering(status) as (url, _):
        requirements = copy_requirements(tmp_path, f"--extra-index-url {url}\n")
        copy = requirements_here.requirements_here(requirements, tmp_path / "copy.txt")
    number = requirements.read_text(encoding="utf-8").splitlines().index(f"--extra-index-url {url}") + 1
    assert f"{requirements}:{number}: {url} does not answer (HTTP {status}): installing without it" in capsys.readouterr().err
    assert copy.read_text(encoding="utf-8") == requirements.read_text(encoding="utf-8").replace(
        "--extra-index-url", "# --extra-index-url")


def test_an_index_that_never_replies_is_left_out_after_the_timeout(tmp_path, capsys):
    with index_that_never_replies() as url:
        requirements = copy_requirements(tmp_path, f"--extra-index-url {url}\n")
        copy = requirements_here.requirements_here(requirements, tmp_path / "copy.txt", timeout=0.5)
    assert "timed out" in capsys.readouterr().err
    assert f"# --extra-index-url {url}" in copy.read_text(encoding="utf-8")


# .ci/install itself, in a scratch project with stand-ins for pip and apt-get.

@pytest.fixture
def install(tmp_path):
    project = tmp_path / "project"
    (project / ".ci").mkdir(parents=True)
    for path in [".ci/install", ".ci/requirements_here.py"]:
        shutil.copy(ROOT / path, project / path)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    record = tmp_path / "pip-was-given.txt"
    for name, body in [("pip", f'while [ $# -gt 1 ]; do shift; done; cat "$1" > "{record}"\n'),
                       ("apt-get", "exit 0\n")]:
        tool = bin_dir / name
        tool.write_text("#!/usr/bin/env bash\n" + body, encoding="utf-8")
        tool.chmod(tool.stat().st_mode | stat.S_IEXEC)
    # `python` is this interpreter, as in CI's activated virtual environment
    (bin_dir / "python").symlink_to(sys.executable)

    def run(index_url):
        requirements = copy_requirements(project, f"--extra-index-url {index_url}\n")
        done = subprocess.run(["bash", str(project / ".ci/install")], capture_output=True, text=True, timeout=60,
                              env={"PATH": f"{bin_dir}:{os.environ['PATH']}", "HOME": str(tmp_path)})
        assert done.returncode == 0, done.stderr
        assert not (project / requirements_here.COPY).exists(), ".ci/install left its copy behind"
        return requirements.read_text(encoding="utf-8"), record.read_text(encoding="utf-8"), done.stderr

    return run


def test_install_reads_requirements_as_they_are_where_the_index_answers(install):
    with index_answering(404) as (url, _):
        requirements, given, stderr = install(url)
    assert given == requirements and "does not answer" not in stderr


def test_install_reads_a_copy_without_an_index_that_does_not_answer(install):
    closed = f"http://127.0.0.1:{free_port()}/"  # nothing listens there
    requirements, given, stderr = install(closed)
    assert f"{closed} does not answer" in stderr
    assert given == requirements.replace("--extra-index-url", "# --extra-index-url")
