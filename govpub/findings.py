"""Findings: what a rule reports, in the shape of DESIGN.md's JSON."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]

# A finding's `match` is an excerpt of at most this many characters: a link or a line pasted 1 MB
# long made a `match` of ~700 KB in every output (JSON, SARIF, the PR's annotations). Where the
# text is longer: its beginning, "…", its end. The position (line, column, end_line, end_column)
# still spans all of it.
MATCH_MAX = 120
_HEAD = 80


def excerpt(text: str) -> str:
    """text as a finding's `match`: itself when short, else its first 80 characters, "…" and its
    last 39 (MATCH_MAX characters in all)."""
    if len(text) <= MATCH_MAX:
        return text
    return text[:_HEAD] + "…" + text[len(text) - (MATCH_MAX - _HEAD - 1):]


@dataclass(frozen=True)
class Hit:
    """A rule's report before severity is applied: character offsets into the file's text."""

    rule: str
    start: int
    end: int
    message: str


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    column: int
    rule: str
    end_line: int
    end_column: int  # exclusive, like SARIF's endColumn
    severity: Severity
    message: str
    match: str

    def as_json(self) -> dict[str, object]:
        d = asdict(self)
        return {k: d[k] for k in ("rule", "severity", "path", "line", "column",
                                  "end_line", "end_column", "message", "match")}


@dataclass(frozen=True)
class Suppression:
    path: str
    line: int
    rules: tuple[str, ...]
    reason: str
    used: bool
