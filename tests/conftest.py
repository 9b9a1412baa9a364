"""Shared test set-up: the ``--update-outputs`` switch, snippets first, and the
site built once per run."""

import pytest

from site_check import build_site
from snippet_check import ROOT


def pytest_addoption(parser):
    parser.addoption(
        "--update-outputs",
        action="store_true",
        help="re-run every snippet and rewrite its recorded output (snippets/**/*.out)",
    )


@pytest.fixture
def update_outputs(request) -> bool:
    return request.config.getoption("--update-outputs")


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The real site, built once per test run into a temporary folder."""
    site_dir = tmp_path_factory.mktemp("site")
    build = build_site(ROOT, site_dir)
    if build.returncode != 0:
        pytest.fail(build.failure(), pytrace=False)
    return site_dir, build


def pytest_collection_modifyitems(items):
    # Snippets first: the quickest feedback, and `--update-outputs` rewrites
    # the records before the site fixture builds pages from them.
    items.sort(key=lambda item: item.path.name != "test_snippets.py")
