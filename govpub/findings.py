"""Findings: what a rule reports, in the shape of DESIGN.md's JSON."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]


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
