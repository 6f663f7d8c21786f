"""Human-readable output in Chinese: `path:line:col rule message`, coloured on a terminal."""

from __future__ import annotations

import os
import sys

from govpub.rules.engine import Report

_COLOURS = {"error": "\033[31m", "warning": "\033[33m"}
_LABELS = {"error": "错误", "warning": "警告"}


def use_colour(stream=sys.stdout) -> bool:  # noqa: ANN001
    return stream.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def render(report: Report, rules: dict, colour: bool = False, guide_url: str | None = None) -> str:  # noqa: ARG001
    lines = []
    for f in report.findings:
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
        summary += f"。规则说明：{guide_url}rules/规则编号/" if guide_url else "。规则说明：govpub rules 规则编号"
    lines.append(summary)
    return "\n".join(lines) + "\n"
