"""Markdown table rows read as records: each cell with the header of its column, so that a
column named 住址 or 出生日期 says what the cells below it are."""

from __future__ import annotations

import re
from typing import NamedTuple

from govpub.rules.sentences import line_at

_DELIMITER = re.compile(r"\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?")


class Cell(NamedTuple):
    header: str
    text: str
    start: int  # offset of the cell's text in the scanned text


def _cells(text: str, start: int, end: int) -> list[tuple[str, int]]:
    """(stripped text, offset) of each cell of the table line text[start:end]."""
    line = text[start:end]
    inner_start = line.find("|") + 1
    inner_end = line.rstrip().rstrip("|")
    out: list[tuple[str, int]] = []
    pos = inner_start
    for part in line[inner_start:len(inner_end)].split("|"):
        lead = len(part) - len(part.lstrip(" \t*_"))
        out.append((part.strip(" \t*_"), start + pos + lead))
        pos += len(part) + 1
    return out


def row_at(text: str, pos: int) -> list[Cell]:
    """The cells of the table row holding pos, each with its column's header; [] when pos is
    not in the body row of a table (a header line, the delimiter line, or no table)."""
    start, end = line_at(text, pos)
    if not text[start:end].lstrip().startswith("|"):
        return []
    first = start
    while first > 0:  # back to the table's first line: the header
        prev = text.rfind("\n", 0, first - 1) + 1
        if not text[prev:first - 1].lstrip().startswith("|"):
            break
        first = prev
    if first == start:
        return []  # the header itself
    header_end = text.find("\n", first)
    delimiter_start = header_end + 1
    delimiter_end = text.find("\n", delimiter_start)
    delimiter = text[delimiter_start:delimiter_end if delimiter_end >= 0 else len(text)].strip()
    if not _DELIMITER.fullmatch(delimiter) or delimiter_start == start:
        return []
    heads = [h for h, _ in _cells(text, first, header_end)]
    return [Cell(head, cell, offset)
            for head, (cell, offset) in zip(heads, _cells(text, start, end), strict=False)]
