"""The compiled-regex cache: patterns built from the cache behave exactly like freshly compiled ones."""

from __future__ import annotations

import importlib
import json
import marshal
import os
import subprocess
import sys

import pytest

PATTERNS = [
    (r"(?P<word>[\u4e00-\u9fff]{2,})(?<=[市局])", 0),
    (r"(?i)javascript\s*:", 0),
    (r"^\s*#+\s*(?P<title>.+)$", 8),  # re.MULTILINE
    (r"(?:1[3-9]\d)(?:[ -]?\d{4}){2}(?!\d)", 0),
    (r"[，。、；：？！“”‘’（）《》【】〔〕…—]+", 0),
    (r"(a)(b)?(?P<c>c)\2?", 0),
    (r"x{2,}?y|(?<!z)w", 16),  # re.DOTALL
    (rb"\x00+[\x80-\xff]", 0),
]
TEXTS = ["湛江市司法局召开会议", "JavaScript :alert(1)", "## 标题\n正文\n# 二", "手机 138 0013 8000，1391234567",
         "，。“好”", "abc ac abbc", "xxy zw w\nxxxy", "湛江 abc"]


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """regexcache with an empty table and its own cache folder; re restored afterwards."""
    compiler = importlib.import_module("re._compiler")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("CI", raising=False)  # caches are off in CI (tested below)
    monkeypatch.delenv("GOVPUB_NO_CACHE", raising=False)
    monkeypatch.setattr(compiler, "compile", compiler.compile)  # undone after the test
    from govpub import regexcache

    monkeypatch.setattr(regexcache, "_table", {})
    monkeypatch.setattr(regexcache, "_state", {"installed": False, "dirty": False})
    return regexcache, compiler


def _uncached(compiler, pattern, flags):
    return compiler.compile(pattern, flags)


def _compare(a, b, texts=TEXTS):
    assert (a.pattern, a.flags, a.groups, a.groupindex) == (b.pattern, b.flags, b.groups, b.groupindex)
    for text in texts:
        subject = text.encode("utf-8", "replace") if isinstance(a.pattern, bytes) else text
        assert [(m.span(), m.groups()) for m in a.finditer(subject)] == \
               [(m.span(), m.groups()) for m in b.finditer(subject)]


def test_patterns_from_the_cache_behave_like_compiled_ones(fresh):
    regexcache, compiler = fresh
    original = compiler.compile
    expected = [original(p, f) for p, f in PATTERNS]
    assert regexcache.install()
    first = [compiler.compile(p, f) for p, f in PATTERNS]  # compiled, then remembered
    regexcache.save()
    assert regexcache.cache_file().is_file()
    stored = marshal.loads(regexcache.cache_file().read_bytes())
    assert set(stored) == set(PATTERNS)
    # a new process: the table comes from the file only
    regexcache._table.clear()
    regexcache._state.update(installed=False, dirty=False)
    compiler.compile = original
    assert regexcache.install()
    assert len(regexcache._table) == len(PATTERNS)
    second = [compiler.compile(p, f) for p, f in PATTERNS]
    assert not regexcache._state["dirty"]  # every pattern came from the cache
    for a, b, c in zip(expected, first, second, strict=True):
        _compare(a, b)
        _compare(a, c)


def test_a_damaged_cache_file_is_ignored_and_errors_stay_the_same(fresh):
    regexcache, compiler = fresh
    path = regexcache.cache_file()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00not marshal")
    assert regexcache.install()
    _compare(compiler.compile(PATTERNS[0][0], 0), _uncached(importlib.import_module("re._compiler"), PATTERNS[0][0], 0))
    with pytest.raises(Exception, match="unterminated character set"):
        compiler.compile("[abc", 0)
    # an entry whose program is garbage is compiled afresh, not trusted
    key = (r"\d+年", 0)
    regexcache._table[key] = (0, [1, 2, 3], 0, {}, (None,))
    _compare(compiler.compile(*key), regexcache.__dict__["_table"] and compiler.compile(*key))
    assert compiler.compile(*key).findall("2026年3月") == ["2026年"]


def test_govpub_check_fills_the_cache_and_every_rule_pattern_matches_as_compiled(site, tmp_path, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("GOVPUB_NO_CACHE", raising=False)
    site.article(body="当事人身份证号440881199001011233，手机13800138000。\n<a href=\"javascript:x\">办事</a>\n")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}
    cmd = [sys.executable, "-m", "govpub", "check", "--format", "json"]
    runs = [subprocess.run(cmd, cwd=site.root, env=env, capture_output=True, text=True) for _ in range(2)]
    assert [r.returncode for r in runs] == [1, 1], runs[0].stderr
    assert runs[0].stdout == runs[1].stdout  # compiled, then from the cache: the same findings
    assert {"privacy.id-number", "privacy.mobile"} <= {f["rule"] for f in json.loads(runs[1].stdout)["findings"]}
    files = list((tmp_path / "cache" / "govpub" / "regex").glob("*.bin"))
    assert len(files) == 1
    table = marshal.loads(files[0].read_bytes())
    assert len(table) > 100
    from govpub import regexcache

    compile_ = (regexcache._original or [importlib.import_module("re._compiler").compile])[0]
    sre = importlib.import_module("_sre")
    samples = [*TEXTS, site.root.joinpath("content/pfyfz/2026/tuijinhui.md").read_text("utf-8")]
    for (pattern, flags), entry in table.items():
        _compare(sre.compile(pattern, *entry), compile_(pattern, flags), samples)


@pytest.mark.parametrize("switch", ["CI", "GOVPUB_NO_CACHE"])
def test_in_ci_the_cache_is_neither_read_nor_written(fresh, monkeypatch, switch):
    """A self-hosted runner's home may hold a cache an untrusted job wrote: CI never reads it."""
    regexcache, compiler = fresh
    assert regexcache.install()
    compiler.compile(r"(?:秘密|机密)★", 0)
    regexcache.save()
    assert regexcache.cache_file() is not None and regexcache.cache_file().is_file()
    poisoned = regexcache.cache_file()
    regexcache._table.clear()
    regexcache._state.update(installed=False, dirty=False)
    compiler.compile = regexcache._original[0]
    monkeypatch.setenv(switch, "1")
    assert regexcache.cache_file() is None
    assert not regexcache.install()
    assert compiler.compile is regexcache._original[0] and not regexcache._table
    poisoned.unlink()
    regexcache.save()
    assert not poisoned.exists()


def test_anchors_are_remembered_between_runs_and_keyed_by_the_code(fresh, monkeypatch):
    """matching.anchors parses a pattern once per cache: the next process reads the strings from
    the memo file; a value computed by other code (another source of matching.py) is not used."""
    import re

    from govpub.rules import matching

    regexcache, _ = fresh
    monkeypatch.setattr(regexcache, "_memo", {})
    assert regexcache.install()
    pattern = re.compile("内部(?:资料|文件)")
    assert matching.anchors(pattern) == {"内部资料", "内部文件"}
    regexcache.save()
    stored = marshal.loads(regexcache.cache_file().with_suffix(".memo").read_bytes())
    assert stored == {(matching._anchors_kind(), pattern.pattern, pattern.flags): ("内部文件", "内部资料")}
    regexcache._memo.clear()
    regexcache._memo[("anchors:other-code", pattern.pattern, pattern.flags)] = ("错",)
    regexcache._memo.update(stored)
    calls = []
    monkeypatch.setattr(matching, "_anchors", lambda p, fold=False: calls.append(p) or {"x"})
    assert matching.anchors(pattern) == {"内部资料", "内部文件"} and not calls  # from the memo
    assert matching.anchors(re.compile("甲乙")) == {"x"} and calls  # not in the memo: computed


def test_prohibited_variants_are_remembered_once_and_follow_the_word_lists(fresh, monkeypatch, site):
    """The generated variants of the prohibited lists (~0.3 s) come from the memo in the next
    process; a changed word list is a new key, and its entry replaces the old one (only=True)."""
    from govpub.policy import Policy
    from govpub.rules.prohibited import _wordlist

    regexcache, _ = fresh
    monkeypatch.setattr(regexcache, "_memo", {})
    assert regexcache.install()
    first = _wordlist._load(Policy(site.root))
    kept = [k for k in regexcache._memo if k[0] == "prohibited-lists"]
    assert len(kept) == 1
    calls = []
    real = _wordlist._entries
    monkeypatch.setattr(_wordlist, "_entries", lambda *a: calls.append(1) or real(*a))
    again = _wordlist._load(Policy(site.root))
    assert not calls and again.matcher.patterns == first.matcher.patterns and again.patterns == first.patterns
    path = site.root / "checks/wordlists/prohibited/security.yml"
    path.write_text(path.read_text("utf-8").replace("terms:\n", "terms:\n  - 测试禁词甲乙\n", 1), "utf-8")
    changed = _wordlist._load(Policy(site.root))
    assert calls and "测试禁词甲乙" in changed.matcher.patterns and "测试禁词甲乙" not in first.matcher.patterns
    assert [k for k in regexcache._memo if k[0] == "prohibited-lists"] != kept
    assert len([k for k in regexcache._memo if k[0] == "prohibited-lists"]) == 1


def test_a_tampered_memo_is_read_only_by_a_drafters_own_check(tmp_path, monkeypatch):
    """The prohibited words come from the memo file in a drafter's check. Emptied there (what a
    hostile earlier job on a shared runner could leave in a home folder), they would let anything
    through: CI, GOVPUB_NO_CACHE and build never read it and still refuse the article."""
    from helpers import copy_site

    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("GOVPUB_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    site = copy_site(tmp_path / "repo")
    article = str(site.article(body="欢迎大家加入法轮大法学习小组。\n").relative_to(site.root))
    first = site.run("check", article)
    assert first.returncode == 1 and "“法轮大法”" in first.stdout, first.stdout + first.stderr
    (memo_file,) = (tmp_path / "cache" / "govpub" / "regex").glob("*.memo")
    memo = marshal.loads(memo_file.read_bytes())
    keys = [k for k in memo if k[0] == "prohibited-lists"]
    assert len(keys) == 1
    memo[keys[0]] = ([], [], [])
    memo_file.write_bytes(marshal.dumps(memo))
    local = site.run("check", article)
    assert "“法轮大法”" not in local.stdout  # the drafter's machine trusts its own cache
    for switch in ("CI", "GOVPUB_NO_CACHE"):
        monkeypatch.setenv(switch, "1")
        trusted = site.run("check", article)
        assert trusted.returncode == 1 and "“法轮大法”" in trusted.stdout, switch
        monkeypatch.delenv(switch)
    built = site.run("build", "--site-dir", str(tmp_path / "out"))
    assert built.returncode != 0 and "“法轮大法”" in built.stdout + built.stderr
    assert not (tmp_path / "out").exists()


def test_a_second_check_writes_no_cache_file(tmp_path, monkeypatch, site):
    """Every pattern the rules compile is the same text in every run (a pattern built from a set
    in hash order was a new entry each time, and the whole 3.5 MB cache was written again on
    every check): after one check, the next finds everything in the cache and writes nothing."""
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("GOVPUB_NO_CACHE", raising=False)
    site.article(body="当事人身份证号440881199001011233。湛司发〔2026〕8号　　签发人：王某\n")
    cache = tmp_path / "cache"
    runs = []
    for seed in ("1", "2", "3"):  # another hash order each time
        env = {**os.environ, "XDG_CACHE_HOME": str(cache), "PYTHONHASHSEED": seed, "NO_COLOR": "1"}
        runs.append(subprocess.run([sys.executable, "-m", "govpub", "check"], cwd=site.root, env=env,
                                   capture_output=True, text=True))
        if seed == "1":
            files = sorted(p for p in cache.rglob("*") if p.is_file())
            assert files
            before = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in files}
    assert [r.returncode for r in runs] == [1, 1, 1], runs[0].stderr
    after = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in sorted(p for p in cache.rglob("*") if p.is_file())}
    assert after == before


def test_a_full_cache_drops_what_this_run_did_not_use_and_keeps_learning(fresh, monkeypatch):
    """Each changed pattern leaves its old entry behind (and each new matching.py its anchors):
    a table full of those must not stop the patterns of today's code from being remembered."""
    regexcache, compiler = fresh
    monkeypatch.setattr(regexcache, "_memo", {})
    monkeypatch.setattr(regexcache, "_used", set())
    monkeypatch.setattr(regexcache, "MAX_ENTRIES", 20)
    assert regexcache.install()
    for i in range(20):  # an earlier version's patterns fill the table
        compiler.compile(f"旧{i}", 0)
    regexcache.save()
    regexcache._table.clear()
    regexcache._used.clear()
    regexcache._state.update(installed=False, dirty=False)
    compiler.compile = regexcache._original[0]
    assert regexcache.install() and len(regexcache._table) == 20
    compiler.compile("旧3", 0)  # still in use
    compiler.compile("今天的模式", 0)
    assert regexcache._state["dirty"]
    regexcache.save()
    stored = marshal.loads(regexcache.cache_file().read_bytes())
    assert set(stored) == {("旧3", 0), ("今天的模式", 0)}
    assert regexcache.memo("anchors:new", "p", 0, lambda: ("x",)) == ("x",)
    assert ("anchors:new", "p", 0) in regexcache._memo
