"""SARIF 2.1.0 as GitHub code scanning accepts it, with rule metadata and help text."""

from __future__ import annotations

import hashlib
import inspect
import json
import os
from collections import Counter
from typing import Any
from urllib.parse import quote

from govpub import __version__
from govpub.rules import Rule
from govpub.rules.engine import Report

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def rule_help(cls: type[Rule]) -> str:
    return inspect.cleandoc(cls.__doc__ or cls.title)


def _descriptor(cls: type[Rule], guide_url: str | None, regulation: str) -> dict[str, Any]:
    doc = rule_help(cls)
    summary = doc.splitlines()[0]
    extra = {"helpUri": f"{guide_url}rules/{cls.id}/"} if guide_url else {}
    return {**extra,
        "id": cls.id,
        "name": cls.id.replace(".", "/"),
        "shortDescription": {"text": f"{cls.title}：{summary}"},
        "fullDescription": {"text": f"{summary}（依据：{regulation}{cls.article}）"},
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {"level": cls.severity},
        "properties": {"tags": [cls.id.split(".")[0], cls.article]},
    }


# Rule families whose matched text is personal data or a secret: never copied into a report.
SENSITIVE_FAMILIES = ("privacy", "secret")


def snippet(rule: str, match: str) -> str:
    """The matched text as a report may show it: masked for personal data and secrets, like
    the text output (keeps the first 3 and last 4 characters of a long match)."""
    if rule.split(".", 1)[0] not in SENSITIVE_FAMILIES:
        return match
    if len(match) <= 8:
        return "*" * len(match)
    return match[:3] + "*" * (len(match) - 7) + match[-4:]


def artifact_uri(path: str) -> str:
    """A repository path as a SARIF uri-reference: percent-encoded (Chinese, spaces, %; a file
    name that is not UTF-8 by its own bytes, which a str cannot encode)."""
    return quote(os.fsencode(path), safe="/")


def render(report: Report, rules: dict[str, type[Rule]], guide_url: str | None = None,
           regulation: str = "管理制度") -> str:
    """regulation: the full title of the regulation the rules enforce (checks/registry/bureau.yml)."""
    index = {rid: i for i, rid in enumerate(rules)}
    results = []
    seen: Counter[tuple[str, str, str]] = Counter()
    for f in report.findings:
        # One alert per occurrence: the n-th occurrence of the same text for the same rule in
        # the same file keeps its fingerprint when lines above it move. Hashes the masked text
        # so that a fingerprint cannot be brute-forced back into an ID number.
        shown = snippet(f.rule, f.match)
        key = (f.rule, f.path, shown)
        seen[key] += 1
        fingerprint = hashlib.sha256(f"{f.rule}\0{f.path}\0{shown}\0{seen[key]}".encode(errors="surrogateescape")).hexdigest()[:32]
        results.append({
            "ruleId": f.rule,
            "ruleIndex": index[f.rule],
            "level": f.severity,
            "message": {"text": f.message},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": artifact_uri(f.path), "uriBaseId": "%SRCROOT%"},
                    "region": {
                        "startLine": f.line, "startColumn": f.column,
                        "endLine": f.end_line, "endColumn": max(f.end_column, f.column),
                        "snippet": {"text": shown},
                    },
                },
            }],
            "partialFingerprints": {"govpubMatch/v1": fingerprint},
        })
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "govpub",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": "https://www.zhanjiang.gov.cn/sfj/",
                "rules": [_descriptor(cls, guide_url, regulation) for cls in rules.values()],
            }},
            "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "网站仓库根目录"}}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
