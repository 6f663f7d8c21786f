"""Shared fixtures."""

from __future__ import annotations

import importlib
import json
import os
import resource
import tempfile

import pytest
from helpers import Site, SitePool, checks_site, forked_cpu

# pre-commit's home as the caller has it, before the line below moves the cache folder:
# tests/test_precommit.py builds this repository's own hook environments there, for `make lint`.
os.environ.setdefault("GOVPUB_TEST_PRE_COMMIT_HOME", os.environ.get("PRE_COMMIT_HOME") or os.path.join(
    os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "pre-commit"))
# govpub remembers validated checks/ files in the user's cache folder; tests use their own.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="govpub-test-cache-")
# `python -m govpub` in a site folder must run the installed govpub, not a govpub/ folder of the
# site under test (a test pushes a file into govpub/ of a site repository): no cwd on sys.path.
os.environ["PYTHONSAFEPATH"] = "1"
# No warm helper (govpub/warm.py) outlives a test's temporary repository: tests/test_cli_start.py
# turns it on where it tests it.
os.environ["GOVPUB_NO_WARM"] = "1"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Start the files that hold a slow test first (a stable sort: otherwise in file order), so
    that no worker of `pytest -n auto --dist worksteal` is left with a long test after the other
    has finished. Whole files move, so a module-scoped fixture is still made once per worker."""
    slow = {item.nodeid.split("::")[0] for item in items if item.get_closest_marker("slow")}
    items.sort(key=lambda item: item.nodeid.split("::")[0] not in slow)


def _cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime + forked_cpu()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None):
    """GOVPUB_TEST_CPU=FILE: append each test's CPU seconds (the worker's own and its finished
    subprocesses', set-up and tear-down included) to FILE as JSON lines; bench/cpu.py sums them per
    file. CI wall time is CPU bound on 2 cores, so this is the figure to make smaller."""
    out = os.environ.get("GOVPUB_TEST_CPU")
    before = _cpu_seconds() if out else 0.0
    yield
    if out:
        with open(out, "a", encoding="utf-8") as handle:
            handle.write(json.dumps({"test": item.nodeid, "cpu": round(_cpu_seconds() - before, 3)}) + "\n")


@pytest.fixture(autouse=True)
def _plain_re_after_each_test():
    """govpub's cli.main run in process (Site.run_here, the approvals tests) routes re's compiler
    through govpub.regexcache for the rest of the process; every test starts from plain re and
    what it installs is undone afterwards (tests/test_regexcache.py compares with plain re)."""
    from govpub import regexcache

    compiler = importlib.import_module("re._compiler")
    if regexcache._original and compiler.compile is not regexcache._original[0]:
        # a module- or session-scoped fixture ran cli.main (test_hostile.py's hostile site) before
        # this fixture could see it: the test still starts from plain re
        compiler.compile = regexcache._original[0]
        regexcache._state["installed"] = False
    hook, state = compiler.compile, dict(regexcache._state)
    yield
    compiler.compile = hook
    regexcache._state.update(state)


@pytest.fixture(scope="session")
def _site_pool(tmp_path_factory: pytest.TempPathFactory) -> SitePool:
    return SitePool(tmp_path_factory.mktemp("pool") / "site")


@pytest.fixture
def site(_site_pool: SitePool) -> Site:
    """A site repository with this repo's checks/ and no articles (the worker's one folder,
    emptied for each test; the engine over an untouched checks/ is shared: helpers.SitePool)."""
    return _site_pool.fresh()


@pytest.fixture(scope="module")
def msite(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The same, shared by a module's tests (the rules load once; check_text rewrites the article)."""
    return checks_site(tmp_path_factory.mktemp("rules") / "site")
