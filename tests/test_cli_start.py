"""How a one-file check starts and ends: what the program does beyond cli.main (fast exit, no
garbage collection in a short check), how the hooks are declared, which rule modules load."""

from __future__ import annotations

import gc
import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import yaml
from helpers import REPO


def _program(site, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "govpub", *args], cwd=site.root, capture_output=True,
                          env={**os.environ, "NO_COLOR": "1", **(env or {})})


def test_a_check_ends_at_once_with_its_whole_output_and_exit_code(site, tmp_path):
    """os._exit skips the interpreter's own flush: the JSON must still arrive whole through a pipe,
    the exit code must be the check's, and the exit handlers (the regex cache) must have run."""
    body = "".join(f"第{i}条：当事人手机13800138{i:03d}。\n" for i in range(300))  # ~300 findings
    site.article(body=body)
    cache = tmp_path / "cache"
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "GOVPUB_NO_CACHE")}  # caches on
    proc = subprocess.run([sys.executable, "-m", "govpub", "check", "--format", "json"], cwd=site.root,
                          capture_output=True, env={**env, "XDG_CACHE_HOME": str(cache)})
    assert proc.returncode == 1, proc.stderr.decode()
    findings = json.loads(proc.stdout)["findings"]
    assert sum(f["rule"] == "privacy.mobile" for f in findings) == 300
    assert list((cache / "govpub" / "regex").glob("*.bin"))  # regexcache.save ran before the exit
    clean = site.article("content/pfyfz/2026/clean.md")
    ok = _program(site, "check", str(clean.relative_to(site.root)))
    assert ok.returncode == 0 and "0 个错误" in ok.stdout.decode()


def test_a_closed_pipe_still_ends_quietly(site):
    site.article(body="".join(f"当事人手机13800138{i:03d}。\n" for i in range(2000)))
    proc = subprocess.run(f"{sys.executable} -m govpub check | head -c 10", shell=True, cwd=site.root,
                          capture_output=True, env={**os.environ, "NO_COLOR": "1"})
    assert proc.returncode == 0 and len(proc.stdout) == 10
    assert proc.stderr == b""


def test_usage_errors_and_other_commands_exit_as_before(site):
    bad = _program(site, "check", "--format", "nosuch")
    assert bad.returncode == 2 and "参数错误" in bad.stderr.decode()
    assert _program(site, "rules").returncode == 0


def test_a_short_check_runs_without_the_collector_and_a_long_one_with_it():
    from govpub.commands import check

    assert gc.isenabled()
    with check._collector(1):
        assert not gc.isenabled()
    assert gc.isenabled()  # restored: the in-process runs of the tests go on collecting
    gc.disable()
    try:
        with check._collector(check.NO_GC_MAX + 1):
            assert gc.isenabled()  # a long check's articles leave garbage: collected
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_an_in_process_check_leaves_the_collector_on(site):
    site.article()
    assert site.run_here("check").returncode == 0
    assert gc.isenabled()


def test_every_rule_module_of_every_family_is_loaded():
    """all_rules lists the family folders itself (not pkgutil): it must find what pkgutil finds."""
    from govpub import rules

    registry = rules.all_rules()
    root = Path(rules.__file__).parent
    expected = {f"govpub.rules.{family}.{info.name}" for family in rules.FAMILIES if (root / family).is_dir()
                for info in pkgutil.iter_modules([str(root / family)])}
    assert expected and expected <= set(sys.modules)
    assert {cls.__module__ for cls in registry.values()} <= expected
    assert {cls.__module__.split(".")[2] for cls in registry.values()} == \
           {family for family in rules.FAMILIES if (root / family).is_dir()}


def test_the_check_hooks_run_in_one_process():
    """Without require_serial pre-commit starts one govpub per core for more than 4 files, each
    loading the rules (~0.2 s): measured 1.15 s of CPU against 0.53 s for 12 articles."""
    published = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    local = [h for repo in yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text("utf-8"))["repos"]
             for h in repo["hooks"]]
    checks = [h for h in [*published, *local] if "govpub check" in h.get("entry", "")
              and h.get("pass_filenames", True)]
    assert len(checks) >= 3
    assert all(h.get("require_serial") is True for h in checks), [h["id"] for h in checks]


# What a one-file check must not load: each costs milliseconds to a second at every commit
# (jieba ~1 s; jsonschema ~0.1 s, needed only when a checks/ file changed and is validated again).
NOT_ON_THE_ONE_FILE_PATH = ("jieba", "jsonschema", "rich", "httpx", "mkdocs", "markdown", "pypinyin", "PIL",
                            "multiprocessing", "concurrent.futures", "subprocess", "shutil", "tempfile",
                            "traceback", "govpub.git", "govpub.publish")


def test_a_one_file_check_loads_only_what_it_needs(site, tmp_path):
    path = site.article(body="当事人手机13800138000。\n")
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "GOVPUB_NO_CACHE")}
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    probe = ("import sys, json\nfrom govpub import cli\ncode = cli.main(['check', sys.argv[1]])\n"
             "print(json.dumps([code, sorted(sys.modules)]))\n")
    runs = [subprocess.run([sys.executable, "-c", probe, str(path)], cwd=site.root, env=env, capture_output=True,
                           text=True) for _ in range(2)]  # the second with the checks/ files from the cache
    first = json.loads(runs[0].stdout.splitlines()[-1])[1]
    assert "jsonschema" in first  # the first run validated checks/ (the test would see nothing otherwise)
    for run in runs[1:]:
        code, modules = json.loads(run.stdout.splitlines()[-1])
        assert code == 1, run.stderr
        loaded = [m for m in modules if m in NOT_ON_THE_ONE_FILE_PATH or m.split(".")[0] in NOT_ON_THE_ONE_FILE_PATH
                  and m.split(".")[0] not in ("govpub", "concurrent")]
        assert not loaded, loaded
        assert "govpub.rules.prohibited._wordlist" in modules  # the rules did run
