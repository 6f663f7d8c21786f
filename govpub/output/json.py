"""JSON output in the shape of DESIGN.md: {"findings": [...]}, plus the suppressions in force."""

from __future__ import annotations

import json
from typing import Any

from govpub.rules.engine import Report


def render(report: Report, rules: dict[str, Any]) -> str:  # noqa: ARG001
    data = {
        "findings": [f.as_json() for f in report.findings],
        "suppressions": [
            {"path": s.path, "line": s.line, "rules": list(s.rules), "reason": s.reason}
            for s in report.suppressions if s.used
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
