"""checks/ data: a missing or malformed registry exits 2 with file, line, key and the fix."""

from __future__ import annotations

import marshal

import pytest


def test_missing_registry_exits_2(site):
    (site.root / "checks/registry/columns.yml").unlink()
    site.article()
    proc = site.run("check")
    assert proc.returncode == 2
    assert "checks/registry/columns.yml" in proc.stderr and "文件不存在" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_malformed_registry_yaml_names_the_line(site):
    path = site.root / "checks/registry/departments.yml"
    path.write_text("departments:\n  - {name: 办公室, code: bgs\n  - {name: 政治部, code: zzb}\n", encoding="utf-8")
    site.article()
    proc = site.run("check")
    assert proc.returncode == 2
    assert "checks/registry/departments.yml:" in proc.stderr and "YAML" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_schema_error_names_key_and_expected_values(site):
    path = site.root / "checks/registry/columns.yml"
    text = path.read_text(encoding="utf-8").replace("kind: notice", "kind: notices", 1)
    path.write_text(text, encoding="utf-8")
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if "kind: notices" in ln)
    site.article()
    proc = site.run("check")
    assert proc.returncode == 2
    assert f"checks/registry/columns.yml:{line}:" in proc.stderr
    assert "columns[2].kind" in proc.stderr and "notices" in proc.stderr and "news" in proc.stderr


def test_column_with_unregistered_department(site):
    path = site.root / "checks/registry/columns.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("department: 政治部", "department: 宣传科"),
                    encoding="utf-8")
    site.article()
    proc = site.run("check")
    assert proc.returncode == 2 and "宣传科" in proc.stderr and "departments.yml" in proc.stderr


def test_unknown_rule_in_rules_yml(site):
    (site.root / "checks/rules.yml").write_text("defaults:\n  privacy.idnumber: off\n", encoding="utf-8")
    site.article()
    proc = site.run("check")
    assert proc.returncode == 2
    assert "checks/rules.yml:2:" in proc.stderr and "privacy.idnumber" in proc.stderr


def test_rules_yml_unknown_column(site):
    (site.root / "checks/rules.yml").write_text("columns:\n  nosuch:\n    privacy.*: off\n", encoding="utf-8")
    site.article()
    proc = site.run("check")
    assert proc.returncode == 2 and "nosuch" in proc.stderr


def test_not_in_a_site_repository(tmp_path):
    import os
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "govpub", "check"], cwd=tmp_path, capture_output=True,
                          text=True, env={**os.environ, "NO_COLOR": "1"})
    assert proc.returncode == 2 and "checks/registry" in proc.stderr


def test_the_regulation_title_comes_from_bureau_yml(site):
    """Bureau-specific text is data: another bureau changes checks/, not govpub."""
    path = site.root / "checks/registry/bureau.yml"
    path.write_text("regulation:\n  title: 某市某局网站管理办法\n  short: 管理办法\n", encoding="utf-8")
    site.article(body="身份证号 11010519491231002X。\n")
    proc = site.run("check", "--format", "sarif")
    assert "依据：某市某局网站管理办法" in proc.stdout and "政务新媒体管理制度" not in proc.stdout
    rules = site.run("rules", "privacy.id-number")
    assert "《管理办法》" in rules.stdout and "《管理制度》" not in rules.stdout


def test_a_missing_regulation_title_names_the_file_and_key(site):
    (site.root / "checks/registry/bureau.yml").write_text("regulation:\n  short: 管理办法\n", encoding="utf-8")
    site.article(body="身份证号 11010519491231002X。\n")
    proc = site.run("check", "--format", "sarif")
    assert proc.returncode == 2 and "checks/registry/bureau.yml" in proc.stderr and "title" in proc.stderr


# -- the parsed-policy cache -----------------------------------------------------------
@pytest.fixture
def caches_on(monkeypatch, tmp_path):
    """The policy cache switched on, in a folder of this test's own: a test that damages or
    poisons entries must not touch the cache other tests of this worker use."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("CI", raising=False)  # the cache is off in CI (tested below)
    monkeypatch.delenv("GOVPUB_NO_CACHE", raising=False)


def test_a_cached_policy_file_is_not_parsed_again_and_a_changed_one_is(site, monkeypatch, caches_on):
    from govpub import policy as policy_mod
    from govpub import yamlfile
    from govpub.errors import PolicyError

    fresh = policy_mod.Policy(site.root).file("registry/columns.yml", "columns").data
    assert list(policy_mod._cache_dir().iterdir())  # remembered

    def no_parse(text):
        raise AssertionError("parsed again")

    monkeypatch.setattr(yamlfile, "parse", no_parse)
    assert policy_mod.Policy(site.root).file("registry/columns.yml", "columns").data == fresh
    monkeypatch.undo()
    # the same file under another schema, or changed by one character, is parsed and validated again
    path = site.root / "checks/registry/columns.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("kind: notice", "kind: notices", 1), encoding="utf-8")
    try:
        policy_mod.Policy(site.root).file("registry/columns.yml", "columns")
    except PolicyError as exc:
        assert "notices" in str(exc) and exc.line
    else:
        raise AssertionError("a changed file was taken from the cache")


def test_errors_found_after_a_cached_load_still_name_the_line(site, caches_on):
    text = "defaults:\n  tone.*: warning\ncolumns:\n  gzdt:\n    tone.*: off\n"
    (site.root / "checks/rules.yml").write_text(text, encoding="utf-8")
    site.article()
    assert site.run("check").returncode == 0  # valid: now in the cache
    (site.root / "checks/rules.yml").write_text(text.replace("gzdt", "nosuch"), encoding="utf-8")
    parsed = site.run("check")  # changed: parsed again, and cached since it fits the schema
    assert parsed.returncode == 2 and "checks/rules.yml:5:" in parsed.stderr and "nosuch" in parsed.stderr
    cached = site.run("check")  # the same column error, the file now from the cache: the line is still found
    assert (cached.returncode, cached.stderr) == (2, parsed.stderr)


def test_a_damaged_cache_entry_is_ignored(site, caches_on):
    from govpub import policy as policy_mod

    fresh = policy_mod.Policy(site.root).file("registry/columns.yml", "columns").data
    for entry in policy_mod._cache_dir().iterdir():
        entry.write_bytes(b"\x00broken")
    assert policy_mod.Policy(site.root).file("registry/columns.yml", "columns").data == fresh


def _poison_the_cache(site) -> None:
    """What a hostile earlier job on a shared runner could do: every cached policy file
    replaced by empty data (word lists with nothing in them)."""
    from govpub import policy as policy_mod

    assert site.run("check").returncode in (0, 1)  # fills the cache
    for entry in policy_mod._cache_dir().iterdir():
        entry.write_bytes(marshal.dumps({}))


def test_a_poisoned_cache_is_read_only_by_a_drafters_own_check(tmp_path, monkeypatch, caches_on):
    from helpers import copy_site

    site = copy_site(tmp_path / "repo")
    site.article(body="本件为内部资料，请勿外传。\n")
    _poison_the_cache(site)
    local = site.run("check")
    assert "secret.marking" not in local.stdout  # the drafter's own machine trusts its own cache
    monkeypatch.setenv("CI", "true")
    ci = site.run("check")
    assert ci.returncode == 1 and "secret.marking" in ci.stdout
    monkeypatch.delenv("CI")
    built = site.run("build", "--site-dir", str(tmp_path / "out"))  # as publish, retract and audit
    assert built.returncode != 0 and "secret.marking" in built.stdout + built.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("change", ["version", "reader", "schema"])
def test_an_entry_made_by_other_code_is_not_used(site, monkeypatch, caches_on, change):
    """The key holds the govpub version, the YAML reader's source and the schema: an entry that
    another version wrote for the same text (what the data meant then) is parsed and validated
    again, never trusted. A planted entry under the old key shows which one was read."""
    from govpub import policy as policy_mod

    rel, schema = "registry/columns.yml", "columns"
    text = (site.root / "checks" / rel).read_text("utf-8-sig")
    old_key = policy_mod._cache_key(schema, text)
    policy_mod._remember(old_key, {"columns": []})  # what the old code would have read: nothing
    assert policy_mod.Policy(site.root).file(rel, schema).data == {"columns": []}  # read while it matches
    if change == "version":
        monkeypatch.setattr(policy_mod, "__version__", "9.9.9")
    elif change == "reader":
        monkeypatch.setattr(policy_mod, "_READER", policy_mod._READER + b"# changed\n")
    else:
        real = policy_mod.Path.read_bytes
        monkeypatch.setattr(policy_mod.Path, "read_bytes", lambda p: real(p) + (b" " if p.suffix == ".json" else b""))
    assert policy_mod._cache_key(schema, text) != old_key
    assert policy_mod.Policy(site.root).file(rel, schema).data["columns"]  # parsed again from the file
