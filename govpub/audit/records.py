"""Consultation and rectification records: one YAML file each under records/.

records/consultations/<year>/<id>.yml   a consultation received through a channel (Art. 9)
records/rectifications/<year>/<id>.yml  a problem a supervisor reported, to be put right

A broken record is reported with its file and line and never stops the audit.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any

from govpub import yamlfile
from govpub.policy import _explain  # the one Chinese wording of a schema error

RECORDS_DIR = "records"


@dataclass
class Problem:
    path: str
    line: int
    message: str


@dataclass
class Record:
    id: str
    path: str
    data: dict[str, Any]
    lines: dict[str, int] = field(default_factory=dict)

    def time(self, key: str) -> datetime | None:
        value = self.data.get(key)
        if not isinstance(value, str):
            return None
        fmt = "%Y-%m-%d %H:%M" if " " in value else "%Y-%m-%d"
        return datetime.strptime(value, fmt)


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2})?")


def _valid_time(record: Record, key: str) -> bool:
    try:
        record.time(key)
    except ValueError:
        return False
    return True


def load(root: Path, kind: str, schema: str) -> tuple[list[Record], list[Problem]]:
    import jsonschema

    validator = jsonschema.Draft202012Validator(
        json.loads(resources.files("govpub.schemas").joinpath(f"{schema}.json").read_text("utf-8")))
    records: list[Record] = []
    problems: list[Problem] = []
    folder = root / RECORDS_DIR / kind
    for path in sorted(folder.rglob("*.yml")) if folder.is_dir() else []:
        rel = path.relative_to(root).as_posix()
        if path.is_symlink() or not path.is_file():  # a folder, a link (a loop), a FIFO that would block
            problems.append(Problem(rel, 1, "不是普通文件（文件夹、符号链接或管道）：每条记录是一个 .yml 文本文件，"
                                            "删除它或换成记录文件本身"))
            continue
        try:
            data, node = yamlfile.parse(path.read_text("utf-8"))
        except UnicodeDecodeError:
            problems.append(Problem(rel, 1, "不是 UTF-8 编码：用编辑器另存为 UTF-8"))
            continue
        except OSError as exc:
            problems.append(Problem(rel, 1, f"无法读取（{exc.strerror}）：检查文件权限后重新运行"))
            continue
        except yamlfile.YamlProblem as exc:
            problems.append(Problem(rel, exc.problem.line, f"{exc.problem.message}：{exc.problem.hint}"))
            continue
        errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
        if errors:
            err = errors[0]
            where = ".".join(map(str, err.absolute_path)) or "（文件顶层）"
            at: tuple[str | int, ...] = tuple(err.absolute_path)
            if err.validator == "additionalProperties" and isinstance(err.instance, dict):
                extra = [k for k in err.instance if k not in err.schema.get("properties", {})]
                at += tuple(extra[:1])  # the line of the misspelt key (was line 1: the top of the file)
            problems.append(Problem(rel, yamlfile.line_of(node, at),
                                    f"{where}：{_explain(err)}（字段说明见 govpub/schemas/{schema}.json）"))
            continue
        lines = {key: yamlfile.line_of(node, (key,)) for key in data}
        record = Record(path.stem, rel, data, lines)
        bad = next((k for k, v in data.items() if isinstance(v, str) and _DATE.fullmatch(v) and not _valid_time(record, k)),
                   None)  # the schema checks the shape only: 2026-02-30 stopped the audit (ValueError)
        if bad is not None:
            problems.append(Problem(rel, lines[bad], f"{bad}：日期“{data[bad]}”不存在：改正为实际的日期，"
                                                     "写成 YYYY-MM-DD 或 YYYY-MM-DD HH:MM"))
            continue
        records.append(record)
    return records, problems
