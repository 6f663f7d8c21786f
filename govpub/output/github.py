"""GitHub Actions workflow commands, so findings show inline on the pull request diff."""

from __future__ import annotations

from typing import Any

from govpub.rules.engine import Report


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report, rules: dict[str, Any]) -> str:
    lines = []
    for f in report.findings:
        title = f.rule
        if f.rule in rules:
            title = f"{f.rule} {rules[f.rule].title}"
        props = (f"file={_escape_property(f.path)},line={f.line},col={f.column},"
                 f"endLine={f.end_line},endColumn={f.end_column},title={_escape_property(title)}")
        lines.append(f"::{f.severity} {props}::{_escape_data(f.message)}")
    for s in report.suppressions:
        if s.used:
            lines.append(f"::notice file={_escape_property(s.path)},line={s.line},"
                         f"title=已豁免::{_escape_data('、'.join(s.rules) + '，理由：' + s.reason)}")
    return "\n".join(lines) + ("\n" if lines else "")
