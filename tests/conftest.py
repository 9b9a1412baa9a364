"""Shared test set-up: the ``--update-outputs`` switch, snippets first, and the
site built once per run (and served, for the browser tests)."""

import datetime
from dataclasses import dataclass
from pathlib import Path

import pytest

from mlnotes.checks.browser import Server
from mlnotes.checks.site import Build, build_site
from mlnotes.checks.snippets import ENVIRONMENT, ROOT, record_environment, rewritten


def pytest_addoption(parser):
    parser.addoption(
        "--update-outputs",
        action="store_true",
        help="only re-run every snippet and rewrite its records (snippets/**/*.out and figures)",
    )


@pytest.fixture
def update_outputs(request) -> bool:
    return request.config.getoption("--update-outputs")


def pytest_collection_modifyitems(config, items):
    if config.getoption("--update-outputs"):
        # Re-recording runs the snippets and nothing else: it takes seconds,
        # and works before a new snippet is embedded in a page.
        skipped = [item for item in items if item.path.name != "test_snippets.py"]
        config.hook.pytest_deselected(items=skipped)
        items[:] = [item for item in items if item.path.name == "test_snippets.py"]
    # Snippets first: the quickest feedback.
    items.sort(key=lambda item: item.path.name != "test_snippets.py")


@pytest.fixture
def one_torch_thread():
    """For tests of tiny tensors: on a loaded 2-core machine torch's thread pool
    costs ~50x the work (7 ms against 0.13 ms for a 3 x 3 cross-entropy and its
    gradient). Snippets keep torch's default, as `python snippet.py` has it."""
    import torch  # here, not at the top: only snippets and the tests that use torch import it

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


def pytest_sessionfinish(session, exitstatus):
    # Whatever an update wrote came from this environment, even if another snippet failed.
    if session.config.getoption("--update-outputs") and (exitstatus == 0 or rewritten):
        if record_environment(datetime.date.today().isoformat()):
            print(f"\nrecorded the environment in {ENVIRONMENT.relative_to(ROOT)}")


def pytest_collection_finish(session):
    if any("executed" in getattr(item, "fixturenames", ()) for item in session.items):
        from mlnotes.checks.notebooks import start_running_notebooks

        start_running_notebooks()  # the kernels start now and run beside the other tests


@dataclass
class BuiltSite:
    site_dir: Path
    build: Build
    url: str  # where it is served: http://127.0.0.1:<port>/<site path>/


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The real site, built once per test run for the address it is served at
    (instant navigation follows only links of the sitemap's host and port)."""
    site_dir = tmp_path_factory.mktemp("site")
    server = Server(site_dir)
    build = build_site(ROOT, site_dir, site_url=server.url)
    if build.returncode != 0:
        server.close()
        pytest.fail(build.failure(), pytrace=False)
    yield BuiltSite(site_dir, build, server.url)
    server.close()


@pytest.fixture(scope="session")
def site(built_site):
    return built_site.site_dir, built_site.build
