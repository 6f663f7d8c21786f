"""Output formats for findings: text, json, sarif, github. One module each, one function each:
render(report, rules) -> str."""

from __future__ import annotations

FORMATS = ("text", "json", "sarif", "github")
