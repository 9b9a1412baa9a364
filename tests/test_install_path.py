"""One way to install: the README's `pip install -r requirements.txt`, run by
.ci/install for CI and the publishing workflow, and the CPU build of torch."""

import json
import re

from packaging.requirements import Requirement

from mlnotes.checks.snippets import ENVIRONMENT, ROOT

CPU_INDEX = "https://download.pytorch.org/whl/cpu"
PLATFORMS = {  # the values pip's markers see
    "Linux x86_64": {"sys_platform": "linux", "platform_machine": "x86_64"},
    "Linux aarch64": {"sys_platform": "linux", "platform_machine": "aarch64"},
    "macOS arm64": {"sys_platform": "darwin", "platform_machine": "arm64"},
    "Windows": {"sys_platform": "win32", "platform_machine": "AMD64"},
}


def requirement_lines():
    text = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    return [line.split(" #")[0].strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def test_ci_and_publishing_install_through_one_script_that_does_not_wait_on_a_silent_index():
    install = (ROOT / ".ci/install").read_text(encoding="utf-8")
    pip = re.search(r"^pip install .*-r requirements\.txt$", install, re.MULTILINE)
    assert pip and "--retries 0" in pip[0] and re.search(r"--timeout \d+\b", pip[0]), (
        ".ci/install: pip must run with --retries 0 and a --timeout, or a silent index costs ~8 s a package")
    for path in [".ci/run", ".github/workflows/publish.yml"]:
        text = (ROOT / path).read_text(encoding="utf-8")
        assert "bash .ci/install" in text, f"{path} does not install through .ci/install"
        assert not re.search(r"pip install|apt-get install|PIP_", text), f"{path} installs on its own: use .ci/install"


def test_the_readme_installs_with_the_plain_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = readme.split("## Set up", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```bash\n(.*?)```", setup, re.S)
    assert commands and commands[0].strip().splitlines()[-1] == "pip install -r requirements.txt", (
        "README.md, Set up: the install command must be the plain `pip install -r requirements.txt`")


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
