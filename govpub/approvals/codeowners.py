"""CODEOWNERS generated from checks/registry/, in the two syntaxes the forges read.

GitHub (.github/CODEOWNERS): gitignore-style patterns, the LAST matching line wins and
any one listed owner satisfies "require review from code owners". So each column gets
one line naming its L1, L2 and L3 teams: GitHub then requests all three levels.

Gitea/Forgejo (.gitea/CODEOWNERS; Gitea does not read .github/CODEOWNERS): Go regular
expressions, anchored by Gitea, with metacharacters written `\\\\.`; EVERY matching line
applies. So each column gets one line per level: with block_on_codeowner_reviews each
line needs an approval by one of its owners, which gives one approval per level (AND,
unordered; the order and the distinct people are the verifier's job).

No root CODEOWNERS or docs/CODEOWNERS is written: each forge would read it before its
own file (and Gitea could not parse GitHub's patterns). `--check` fails if one exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from govpub.approvals.model import ROUTING_FILES, review_policy
from govpub.policy import SHOWN_RECORDS

GITHUB_FILE = ".github/CODEOWNERS"
GITEA_FILE = ".gitea/CODEOWNERS"
SHADOWING = ("CODEOWNERS", "docs/CODEOWNERS")  # read first by both forges

HEADER = (
    "# 由 govpub codeowners 根据 checks/registry/（departments.yml、columns.yml、teams.yml）生成，请勿手工修改。\n"
    "# 修改审核团队或栏目后运行 govpub codeowners 重新生成；CI 用 govpub codeowners --check 核对。\n"
    "# CODEOWNERS 只负责请求审核人；三审的顺序、三人不同和成员资格由 govpub approvals verify（状态 govpub/三审）核对。\n"
)


@dataclass(frozen=True)
class Rule:
    path: str  # repository path; a trailing / means the folder and everything in it
    levels: tuple[tuple[str, ...], ...]  # per level, the teams that may review
    comment: str = ""


def rules(policy: Any) -> list[Rule]:
    data = policy.review_teams
    l3 = (data["l3_team"],)
    deps = policy.departments

    def teams_of(names: list[str]) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        l1 = tuple(dict.fromkeys(deps[n]["l1_team"] for n in names))
        l2 = tuple(dict.fromkeys(deps[n]["l2_team"] for n in names))
        return l1, l2, l3

    # First, so that on GitHub (last match wins) every content rule below overrides it:
    # everything outside content/ builds, gates or publishes the site and needs L3.
    out: list[Rule] = [Rule("*", (l3,), "content/ 之外的一切（发布程序、规则、网站配置、工作流、测试等）：至少三级审核")]
    default = data.get("default_department")
    if default:
        out.append(Rule("content/*", teams_of([default]), f"content/ 下的单独页面：{default}"))
        for path in review_policy(policy).published:  # banners, nav, footer, templates: shown on the site
            out.append(Rule(path, teams_of([default]), f"网站上公开显示的设置和模板：{default}三审"))
        for path in SHOWN_RECORDS:  # the 互动交流 page's questions and replies
            out.append(Rule(path, teams_of([default]), f"网站“互动交流”页显示的咨询和答复：{default}三审"))
        for path in ROUTING_FILES:  # who approves: the office's three levels
            if path not in review_policy(policy).published:
                out.append(Rule(path, teams_of([default]), f"审核登记表：{default}三审"))
    for slug, col in policy.columns.items():
        names = [col["department"], *[d for d in col.get("also_departments") or [] if d != col["department"]]]
        out.append(Rule(f"content/{slug}/", teams_of(names), f"{col['name']}：{'、'.join(names)}"))
    return out


def _owners(org: str, teams: tuple[str, ...]) -> str:
    return " ".join(f"@{org}/{t}" for t in teams)


def github(policy: Any) -> str:
    org = policy.review_teams["org"]
    lines = [HEADER, "# GitHub：gitignore 式路径，最后一条匹配的规则生效。\n"]
    previous = None
    for rule in rules(policy):
        owners = _owners(org, tuple(t for level in rule.levels for t in level))
        if rule.comment != previous:
            lines.append(f"# {rule.comment}\n")
        previous = rule.comment
        lines.append(f"{'*' if rule.path == '*' else '/' + rule.path} {owners}\n")
    return "".join(lines)


_META = set(".+*?()|[]{}^$\\")


def _regex(path: str) -> str:
    """A path prefix as a Gitea CODEOWNERS token: Go regexp, metacharacters as \\\\x."""
    if path == "*":
        return ".*"
    out = []
    for i, ch in enumerate(path):
        if ch == "*" and path.endswith("/*") and i == len(path) - 1:
            out.append("[^/]+")
        elif ch in _META:
            out.append("\\\\" + ch)
        elif ch in "# ":
            out.append("\\" + ch)
        else:
            out.append(ch)
    text = "".join(out)
    return text + ".*" if path.endswith("/") else text


def gitea(policy: Any) -> str:
    org = policy.review_teams["org"]
    lines = [HEADER, "# Gitea/Forgejo：Go 正则表达式，每条匹配的规则都生效；每个审核级别一行。\n"]
    previous = None
    for rule in rules(policy):
        if rule.comment != previous:
            lines.append(f"# {rule.comment}\n")
        previous = rule.comment
        for teams in rule.levels:
            lines.append(f"{_regex(rule.path)} {_owners(org, teams)}\n")
    return "".join(lines)


def expected(policy: Any) -> dict[str, str]:
    return {GITHUB_FILE: github(policy), GITEA_FILE: gitea(policy)}


def shadowing(root: Path) -> list[str]:
    """CODEOWNERS files that the forges would read instead of the generated ones."""
    return [rel for rel in SHADOWING if (root / rel).exists()]


def drift(policy: Any) -> list[tuple[str, str | None, str]]:
    """(path, current text or None when missing, expected text) for each generated file that
    differs from what the registry gives."""
    out: list[tuple[str, str | None, str]] = []
    for rel, text in expected(policy).items():
        path = policy.root / rel
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            out.append((rel, current, text))
    return out


def write(root: Path, rel: str, text: str) -> None:
    from govpub.fsutil import write_atomic

    write_atomic(root / rel, text)
