"""SARIF 2.1.0 as GitHub code scanning accepts it, with rule metadata and help text."""

from __future__ import annotations

import hashlib
import inspect
import json

from govpub import __version__
from govpub.rules import Rule
from govpub.rules.engine import Report

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def rule_help(cls: type[Rule]) -> str:
    return inspect.cleandoc(cls.__doc__ or cls.title)


def _descriptor(cls: type[Rule], guide_url: str | None) -> dict:
    doc = rule_help(cls)
    summary = doc.splitlines()[0]
    extra = {"helpUri": f"{guide_url}rules/{cls.id}/"} if guide_url else {}
    return {**extra,
        "id": cls.id,
        "name": cls.id.replace(".", "/"),
        "shortDescription": {"text": f"{cls.title}：{summary}"},
        "fullDescription": {"text": f"{summary}（依据：湛江市司法局政府网站和政务新媒体管理制度{cls.article}）"},
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {"level": cls.severity},
        "properties": {"tags": [cls.id.split(".")[0], cls.article]},
    }


def render(report: Report, rules: dict[str, type[Rule]], guide_url: str | None = None) -> str:
    index = {rid: i for i, rid in enumerate(rules)}
    results = []
    for f in report.findings:
        fingerprint = hashlib.sha256(f"{f.rule}\0{f.path}\0{f.match}".encode()).hexdigest()[:32]
        results.append({
            "ruleId": f.rule,
            "ruleIndex": index[f.rule],
            "level": f.severity,
            "message": {"text": f.message},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": f.path, "uriBaseId": "%SRCROOT%"},
                    "region": {
                        "startLine": f.line, "startColumn": f.column,
                        "endLine": f.end_line, "endColumn": max(f.end_column, f.column),
                        "snippet": {"text": f.match},
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
                "rules": [_descriptor(cls, guide_url) for cls in rules.values()],
            }},
            "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "网站仓库根目录"}}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
