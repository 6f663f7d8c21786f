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

import pytest
import yaml
from helpers import REPO


def _program(site, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "govpub", *args], cwd=site.root, capture_output=True,
                          env={**os.environ, "NO_COLOR": "1", **(env or {})})


def test_a_check_ends_at_once_with_its_whole_output_and_exit_code(site, tmp_path):
    """os._exit skips the interpreter's own flush: the JSON must still arrive whole through a pipe,
    the exit code must be the check's, and the exit handlers (the regex cache) must have run."""
    for n in range(15):  # 300 findings: 20 per file, the most one rule lists for one file
        body = "".join(f"第{i}条：当事人手机13800{n:03d}{i:03d}。\n" for i in range(20))
        site.article(f"content/pfyfz/2026/shouji{n}.md", body=body, title=f"电话号码第{n}篇")
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


# -- the warm helper (govpub/warm.py) ------------------------------------------------------------
def _sockets(cache: Path) -> list[Path]:
    return sorted((cache / "govpub" / "warm").glob("*.sock"))


def _helpers(cache: Path) -> list[int]:
    """The helper processes serving sockets under cache (their command line names the socket)."""
    mark = str(cache / "govpub" / "warm").encode()
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                if mark in (entry / "cmdline").read_bytes():
                    pids.append(int(entry.name))
            except OSError:
                pass
    return pids


def _wait_for(predicate, what: str, seconds: float = 60.0) -> None:
    import time

    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, what
        time.sleep(0.1)


@pytest.fixture
def warm():
    """An environment with the helper on, its cache folder short (a socket's path holds at most 108
    bytes: pytest's tmp_path is too long); helpers started there end with the test."""
    import shutil
    import signal
    import tempfile

    cache = Path(tempfile.mkdtemp(prefix="gw", dir="/tmp"))
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "GOVPUB_NO_CACHE", "GOVPUB_NO_WARM")}
    # PRE_COMMIT=1: the checks run as pre-commit runs them (only those start a helper)
    yield {**env, "XDG_CACHE_HOME": str(cache), "NO_COLOR": "1", "GOVPUB_WARM_IDLE": "60", "PRE_COMMIT": "1"}, cache
    for pid in _helpers(cache):
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    shutil.rmtree(cache, ignore_errors=True)


def _check(site, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[bytes]:
    """govpub check with import times on stderr: a check the helper answered imports no rule."""
    return subprocess.run([sys.executable, "-X", "importtime", "-m", "govpub", "check", *args], cwd=site.root,
                          capture_output=True, env=env)


def _served(proc: subprocess.CompletedProcess[bytes]) -> bool:
    return b"govpub.rules.engine" not in proc.stderr


def _findings(site, env: dict[str, str], *args: str) -> tuple[int, bytes]:
    proc = _check(site, env, *args)
    return proc.returncode, proc.stdout


BAD = "机密★5年 请勿外传。当事人手机13800138000，身份证440802199001011234。\n"


def test_a_warm_helper_answers_exactly_as_a_check_of_its_own(site, warm):
    warm, cache = warm
    """The first check starts a helper; the next ones are answered by it (they never import the
    rules) with the same output, byte for byte, and the same exit code as a check without it."""
    bad = str(site.article("content/pfyfz/2026/bad.md", body=BAD).relative_to(site.root))
    clean = str(site.article("content/pfyfz/2026/clean.md").relative_to(site.root))
    alone = {**warm, "GOVPUB_NO_WARM": "1"}
    expected = {args: _findings(site, alone, *args) for args in
                [(bad, "--format", "json"), (bad,), (clean,), (bad, clean, "--format", "sarif")]}
    assert expected[(bad,)][0] == 1 and expected[(clean,)][0] == 0 and b"privacy.mobile" in expected[(bad,)][1]
    assert not _sockets(cache)  # GOVPUB_NO_WARM: no helper started
    first = _check(site, warm, clean)
    assert not _served(first) and first.returncode == 0
    _wait_for(lambda: _sockets(cache), "the helper never came up")
    for args, result in expected.items():
        proc = _check(site, warm, *args)
        assert _served(proc), args
        assert (proc.returncode, proc.stdout) == result, args
    whole = _check(site, warm, "--format", "json")  # all of content/: checked in its own process
    assert not _served(whole) and whole.returncode == 1 and b"privacy.mobile" in whole.stdout
    usage = _check(site, warm, "x.md", "--format", "nosuch")
    assert _served(usage) and usage.returncode == 2 and "参数错误".encode() in usage.stderr


def test_a_check_outside_pre_commit_starts_no_helper_but_uses_a_running_one(site, warm):
    """A script or test harness checking files in many temporary repositories must not leave a
    helper (about 100 MB) behind for each: only a check pre-commit runs starts one. A running helper
    still answers any check of given files."""
    warm, cache = warm
    plain = {k: v for k, v in warm.items() if k != "PRE_COMMIT"}
    clean = str(site.article("content/pfyfz/2026/clean.md").relative_to(site.root))
    for _ in range(2):
        proc = _check(site, plain, clean)
        assert proc.returncode == 0 and not _served(proc)  # the second found no helper either
    assert not _sockets(cache) and not _helpers(cache)
    _check(site, warm, clean)  # as pre-commit runs it: starts one
    _wait_for(lambda: _sockets(cache), "a helper's socket")
    proc = _check(site, plain, clean)
    assert proc.returncode == 0 and _served(proc)


def test_a_changed_rule_setting_is_never_answered_by_the_old_helper(site, warm):
    warm, cache = warm
    """checks/ is part of the helper's name: after an edit the old helper is not asked (it would
    still report privacy.mobile), the check runs on its own and starts a new helper."""
    bad = str(site.article("content/pfyfz/2026/bad.md", body=BAD).relative_to(site.root))
    _check(site, warm, bad)
    _wait_for(lambda: _sockets(cache), "the helper never came up")
    assert b"privacy.mobile" in _check(site, warm, bad, "--format", "json").stdout
    rules_yml = site.root / "checks" / "rules.yml"
    text = rules_yml.read_text("utf-8")
    assert "privacy.mobile" not in text
    data = yaml.safe_load(text) or {}
    data.setdefault("defaults", {})["privacy.mobile"] = "off"
    rules_yml.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    proc = _check(site, warm, bad, "--format", "json")
    assert not _served(proc)
    assert proc.returncode == 1 and b"privacy.mobile" not in proc.stdout and b"secret.level" in proc.stdout
    _wait_for(lambda: len(_sockets(cache)) == 2, "no helper for the new checks/")
    again = _check(site, warm, bad, "--format", "json")
    assert _served(again) and (again.returncode, again.stdout) == (proc.returncode, proc.stdout)


def test_no_helper_in_ci_or_in_a_folder_others_can_enter(site, warm):
    warm, cache = warm
    clean = str(site.article().relative_to(site.root))
    for _ in range(2):
        assert _check(site, {**warm, "CI": "true"}, clean).returncode == 0
    assert not (cache / "govpub" / "warm").exists()
    folder = cache / "govpub" / "warm"
    folder.mkdir(parents=True)
    folder.chmod(0o755)  # another user could replace the socket
    for _ in range(2):
        proc = _check(site, warm, clean)
        assert not _served(proc) and proc.returncode == 0
    assert not _sockets(cache) and not _helpers(cache)


def test_a_helper_lost_before_or_during_the_check(site, warm):
    warm, cache = warm
    """A stale socket (the helper killed) or a helper gone before it starts the check: the check runs
    on its own. A helper that dies once it has started the check: exit 3, never a pass."""
    import signal
    import socket
    import struct
    import threading

    bad = str(site.article("content/pfyfz/2026/bad.md", body=BAD).relative_to(site.root))
    _check(site, warm, bad)
    _wait_for(lambda: _sockets(cache), "the helper never came up")
    path = _sockets(cache)[0]
    for pid in _helpers(cache):
        os.kill(pid, signal.SIGKILL)
    _wait_for(lambda: not _helpers(cache), "the helper did not end")
    assert path.exists()  # killed: its socket file stays behind
    proc = _check(site, warm, bad, "--format", "json")
    assert not _served(proc) and proc.returncode == 1 and b"privacy.mobile" in proc.stdout

    def fake(started: bool) -> None:  # answers one request, then goes away
        conn, _ = listener.accept()
        conn.recv(1 << 16)
        if started:
            conn.sendall(b"S" + struct.pack("!i", os.getpid()))
        conn.close()

    for started in (False, True):
        for pid in _helpers(cache):  # the check on its own has started a new helper: not this time
            os.kill(pid, signal.SIGKILL)
        _wait_for(lambda: not _helpers(cache), "a helper is still running")
        path.unlink(missing_ok=True)
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(str(path))
        listener.listen(1)
        thread = threading.Thread(target=fake, args=(started,))
        thread.start()
        proc = _check(site, {**warm, "GOVPUB_WARM_IDLE": "0"}, bad, "--format", "json")
        thread.join(30)
        listener.close()
        if started:
            assert proc.returncode == 3 and proc.stdout == b"" and "意外结束".encode() in proc.stderr
        else:
            assert not _served(proc) and proc.returncode == 1 and b"privacy.mobile" in proc.stdout


def test_the_helper_name_changes_with_every_input_it_was_prepared_from(site, monkeypatch):
    """A byte of checks/, an interpreter setting read at start (PYTHON*, locale), the cache folder or
    the interpreter's path: each names another helper. A symlinked folder in checks/: no helper."""
    from govpub import warm

    root = str(site.root)
    names = {warm.key(root, sys.path)}
    monkeypatch.setenv("PYTHONUTF8", "1")
    names.add(warm.key(root, sys.path))
    monkeypatch.setenv("LANG", "C")
    names.add(warm.key(root, sys.path))
    monkeypatch.setenv("XDG_CACHE_HOME", "/tmp/another")
    names.add(warm.key(root, sys.path))
    names.add(warm.key(root, [*sys.path, "/tmp"]))
    words = site.root / "checks" / "wordlists" / "typos.yml"
    words.write_bytes(words.read_bytes() + b" ")
    names.add(warm.key(root, sys.path))
    assert len(names) == 6 and None not in names
    (site.root / "checks" / "linked").symlink_to(site.root / "content")
    assert warm.key(root, sys.path) is None
