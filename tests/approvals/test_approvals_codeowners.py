"""govpub codeowners: generated from the registry, in GitHub's and Gitea's syntax, checked for drift."""

from __future__ import annotations

import fnmatch
import re
import shutil
import subprocess
import sys

from helpers import REPO


def github_owners(text: str, path: str) -> list[str]:
    """GitHub's reading: gitignore-style patterns, the last matching line wins."""
    owners: list[str] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        pattern, *who = line.split()
        assert not set("![]\\") & set(pattern), f"GitHub does not support {pattern}"
        assert pattern == "*" or pattern.startswith("/")
        body = pattern[1:]
        if pattern == "*":  # no slash: matches a name at any depth, so every file
            hit = True
        elif body.endswith("/"):
            hit = path.startswith(body)
        else:  # `*` does not cross a slash
            hit = fnmatch.fnmatchcase(path, body) and path.count("/") == body.count("/")
        if hit:
            owners = who
    return owners


def gitea_rules(text: str) -> list[tuple[re.Pattern, list[str]]]:
    """Gitea's reading: tokens with \\ escapes, each a Go regexp anchored ^…$; every match applies."""
    rules = []
    for line in text.splitlines():
        tokens, cur, esc = [], "", False
        for ch in line:
            if esc:
                cur += ch
                esc = False
            elif ch == "\\":
                esc = True
            elif ch == "#":
                break
            elif ch == " ":
                if cur:
                    tokens.append(cur)
                cur = ""
            else:
                cur += ch
        if cur:
            tokens.append(cur)
        if len(tokens) < 2:
            continue
        rules.append((re.compile(f"^{tokens[0]}$"), tokens[1:]))
    return rules


def gitea_owners(text: str, path: str) -> list[list[str]]:
    return [owners for rx, owners in gitea_rules(text) if rx.match(path)]


# Every path that builds, gates or publishes the site: the office (L3) must review it.
PIPELINE = ("govpub/approvals/verify.py", "govpub/cli.py", "checks/registry/leaders.yml", "pyproject.toml", "Makefile", ".ci/system-deps", ".pre-commit-config.yaml",
            ".pre-commit-hooks.yaml", ".github/workflows/approvals.yml", ".github/CODEOWNERS", ".gitea/CODEOWNERS",
            "tests/approvals/test_approvals_verify.py", "bench/quality.py", "guide/docs/index.md", "README.md",
            "CODEOWNERS", "new-top-level-file.txt")
# What the site shows outside content/ (banners, nav, footer, templates): the office's three levels.
SHOWN = ("mkdocs.yml", "overrides/main.html", "overrides/partials/footer.html", "checks/registry/columns.yml",
         "checks/registry/teams.yml", "checks/registry/departments.yml")  # and who approves


def test_this_repository_is_in_sync():
    proc = subprocess.run([sys.executable, "-m", "govpub", "codeowners", "--check"], cwd=REPO,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_generate_then_check(site):
    proc = site.run("codeowners")
    assert proc.returncode == 0 and ".github/CODEOWNERS" in proc.stdout and ".gitea/CODEOWNERS" in proc.stdout
    assert site.run("codeowners", "--check").returncode == 0
    assert not (site.root / "CODEOWNERS").exists()  # neither forge may read a shared root file


def test_github_patterns_route_each_column_to_its_three_levels(site):
    site.run("codeowners")
    text = (site.root / ".github/CODEOWNERS").read_text(encoding="utf-8")
    assert github_owners(text, "content/pfyfz/2026/tuijinhui.md") == [
        "@zjsfj/sfj-pfzl-l1", "@zjsfj/sfj-pfzl-l2", "@zjsfj/sfj-l3"]
    assert github_owners(text, "content/pfyfz/2026/images/a.jpg")[0] == "@zjsfj/sfj-pfzl-l1"
    assert github_owners(text, "content/index.md") == ["@zjsfj/sfj-bgs-l1", "@zjsfj/sfj-bgs-l2", "@zjsfj/sfj-l3"]
    for path in PIPELINE:
        assert github_owners(text, path) == ["@zjsfj/sfj-l3"], path
    for path in SHOWN:
        assert github_owners(text, path) == ["@zjsfj/sfj-bgs-l1", "@zjsfj/sfj-bgs-l2", "@zjsfj/sfj-l3"], path
    gzdt = github_owners(text, "content/gzdt/2026/x.md")
    assert "@zjsfj/sfj-pfzl-l1" in gzdt and "@zjsfj/sfj-bgs-l2" in gzdt  # also_departments


def test_gitea_regexps_give_one_rule_per_level(site):
    site.run("codeowners")
    text = (site.root / ".gitea/CODEOWNERS").read_text(encoding="utf-8")
    assert gitea_owners(text, "content/pfyfz/2026/tuijinhui.md") == [
        ["@zjsfj/sfj-l3"], ["@zjsfj/sfj-pfzl-l1"], ["@zjsfj/sfj-pfzl-l2"], ["@zjsfj/sfj-l3"]]
    for path in PIPELINE:
        assert gitea_owners(text, path) == [["@zjsfj/sfj-l3"]], path
    for path in SHOWN:
        assert gitea_owners(text, path) == [["@zjsfj/sfj-l3"], ["@zjsfj/sfj-bgs-l1"], ["@zjsfj/sfj-bgs-l2"],
                                            ["@zjsfj/sfj-l3"]], path
    # a column is a folder, not a prefix: only the catch-all applies
    assert gitea_owners(text, "content/pfyfzx/a.md") == [["@zjsfj/sfj-l3"]]


def test_drift_fails_with_a_diff(site):
    site.run("codeowners")
    path = site.root / "checks/registry/departments.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("l1_team: sfj-pfzl-l1", "l1_team: sfj-bgs-l1"),
                    encoding="utf-8")
    proc = site.run("codeowners", "--check")
    assert proc.returncode == 1
    assert ".github/CODEOWNERS" in proc.stderr and "sfj-pfzl-l1" in proc.stderr and "govpub codeowners" in proc.stderr
    assert site.run("codeowners").returncode == 0 and site.run("codeowners", "--check").returncode == 0


def test_missing_or_shadowing_files_fail_the_check(site):
    assert site.run("codeowners", "--check").returncode == 1
    site.run("codeowners")
    shutil.copy(site.root / ".github/CODEOWNERS", site.root / "CODEOWNERS")
    proc = site.run("codeowners", "--check")
    assert proc.returncode == 1 and "CODEOWNERS：存在时" in proc.stderr
