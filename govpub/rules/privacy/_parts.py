"""A number given in parts, each in its own clause (前七位是1392086 … 尾号是5527; 前十位为4408031999，后八位为02141159):
the parts together give the whole number. Shared by privacy.mobile, privacy.id-number and privacy.bank-card."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_COUNT = r"(?:[0-9]{1,2}|[一二三四五六七八九十两]{1,3})\s*位(?:数字?|号码?)?"
_PART = r"\s*(?:是|为|[:：])?\s*(?P<d>\d(?:[ \-]?\d){2,12}(?:[ \-]?[Xx])?)(?![0-9A-Za-z])"
FRONT_PART = re.compile(rf"前\s*{_COUNT}{_PART}")
OTHER_PART = re.compile(rf"(?:(?:后|末|尾|中间|其余|剩下的?)\s*{_COUNT}|尾号|其余(?:数字|号码)?|后面(?:的)?(?:数字|号码|几位)?){_PART}")
WINDOW = 300  # characters either side of the first part where the others may stand


@dataclass(frozen=True)
class Parts:
    start: int  # the first part's digits, where a finding points
    end: int
    head: str  # the first part's digits
    rest: str  # the other parts' digits, in the order written


def number_parts(text: str) -> Iterator[Parts]:
    """Each first part (前N位 ……) with the other parts written near it (后N位, 中间N位, 尾号 ……)."""
    if "位" not in text:
        return
    for front in FRONT_PART.finditer(text):
        lo, hi = max(0, front.start() - WINDOW), front.end() + WINDOW
        rest = "".join(re.sub(r"[^0-9Xx]", "", m.group("d")) for m in OTHER_PART.finditer(text, lo, hi)
                       if m.start() != front.start())
        if rest:
            yield Parts(front.start("d"), front.end("d"), re.sub(r"[^0-9Xx]", "", front.group("d")), rest)
