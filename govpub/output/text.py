"""Human-readable output in Chinese: `path:line:col rule message`, coloured on a terminal."""

from __future__ import annotations

import os
import sys
from typing import Any, TextIO

from govpub.findings import Finding
from govpub.rules.engine import Report

_COLOURS = {"error": "\033[31m", "warning": "\033[33m"}
_LABELS = {"error": "错误", "warning": "警告"}


# Where a rule's help is when checks/rules.yml names no published guide: the guide in this repository.
LOCAL_HELP = "运行 govpub rules 规则编号，或打开使用指南 guide/site/rules/规则编号/index.html（make guide 构建）"


# What to do after `govpub fix`: the pre-commit check reads what is staged, not the working tree,
# so a fix that is not added with git add fails the commit again with the same finding.
AFTER_FIX = "运行 govpub fix，核对显示的改动，再用 git add 加入修正后的文件，然后重新提交（提交前检查只看 git add 加入的内容）"


def fixable_by_fix(finding: Finding) -> bool:
    """Whether `govpub fix` repairs this finding: its message says so. A rule with fixes may also
    report what fix cannot repair (a misspelt or missing front-matter field beside the tabs it
    replaces), and fix repairs findings of rules without text fixes (an encoding, a photo's size
    or location): counting by rule told drafters to run a fix that changed nothing."""
    return "govpub fix" in finding.message


def use_colour(stream: TextIO = sys.stdout) -> bool:
    return stream.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def render(report: Report, rules: dict[str, Any], colour: bool = False,  # noqa: ARG001
           guide_url: str | None = None) -> str:
    lines = []
    for f in report.findings:  # at most 20 of one rule per file (the engine's PER_RULE)
        label = _LABELS[f.severity]
        if colour:
            label = f"{_COLOURS[f.severity]}{label}\033[0m"
            rule = f"\033[1m{f.rule}\033[0m"
        else:
            rule = f.rule
        lines.append(f"{f.path}:{f.line}:{f.column} {rule} {label} {f.message}")
    used = [s for s in report.suppressions if s.used]
    for s in used:
        lines.append(f"{s.path}:{s.line} 已豁免 {'、'.join(s.rules)}（理由：{s.reason}）")
    summary = f"检查了 {report.files} 篇文章：{report.errors} 个错误，{report.warnings} 个警告"
    if used:
        summary += f"，{len(used)} 处豁免"
    if report.findings:
        summary += f"。规则说明：{guide_url}rules/规则编号/" if guide_url else f"。规则说明：{LOCAL_HELP}"
    lines.append(summary)
    fixable = sum(1 for f in report.findings if fixable_by_fix(f))
    if fixable:
        lines.append(f"其中 {fixable} 处可以自动修正：{AFTER_FIX}")
    return "\n".join(lines) + "\n"
