"""CI and the publishing workflow install the project one way: .ci/install."""

import re

from snippet_check import ROOT


def test_ci_and_publishing_share_one_install_script():
    install = (ROOT / ".ci/install").read_text(encoding="utf-8")
    assert "pip install --quiet --disable-pip-version-check -r requirements.txt" in install
    for path in [".ci/run", ".github/workflows/publish.yml"]:
        text = (ROOT / path).read_text(encoding="utf-8")
        assert "bash .ci/install" in text, f"{path} does not install through .ci/install"
        assert not re.search(r"pip install|apt-get install", text), f"{path} installs on its own: use .ci/install"
