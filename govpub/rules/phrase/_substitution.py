"""Shared mechanism of phrase.substitution and phrase.caution: "use Y, not X" entries."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property
from typing import Any, ClassVar

from govpub.findings import Hit
from govpub.rules import Rule
from govpub.rules.document import Document
from govpub.rules.matching import Matcher, in_longer_word

_SENTENCE_END = "。！？；!?;\n"


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around text[start:end]: from after the previous end mark to the next one."""
    head = max(text.rfind(c, 0, start) for c in _SENTENCE_END) + 1
    ends = [i for i in (text.find(c, end) for c in _SENTENCE_END) if i >= 0]
    return head, min(ends) if ends else len(text)


class SubstitutionRule(Rule):
    key: ClassVar[str]  # the list in phrases.yml

    @cached_property
    def _data(self) -> tuple[Matcher, list[dict[str, Any]]]:
        entries = self.policy.wordlist("phrases", "phrases").data.get(self.key) or []
        compiled: list[dict[str, Any]] = []
        for e in entries:
            compiled.append({
                **e,
                "followed_by": re.compile(e["followed_by"]) if e.get("followed_by") else None,
                "not_preceded_by": re.compile(f"(?:{e['not_preceded_by']})$") if e.get("not_preceded_by") else None,
                "unless": re.compile(e["unless"]) if e.get("unless") else None,
            })
        return Matcher([e["wrong"] for e in entries]), compiled

    def matches(self, doc: Document) -> Iterable[tuple[int, int, dict[str, Any]]]:
        """(start, end, entry) in the simplified view for every entry that applies."""
        matcher, entries = self._data
        text = doc.simplified.text
        for m in matcher.find(text):
            e = entries[m.index]
            if e["followed_by"] and not e["followed_by"].match(text, m.end):
                continue
            if e["not_preceded_by"] and e["not_preceded_by"].search(text, max(0, m.start - 10), m.start):
                continue
            if e.get("except") and in_longer_word(text, m.start, m.end, e["except"]):
                continue
            if e["unless"] and e["unless"].search(text, *sentence_bounds(text, m.start, m.end)):
                continue
            yield m.start, m.end, e

    def check(self, doc: Document) -> Iterable[Hit]:
        for start, end, e in self.matches(doc):
            note = f"（{e['note']}）" if e.get("note") else ""
            yield doc.hit(self.id, doc.simplified, start, end, self.message(e["wrong"], e["right"], note))

    def message(self, wrong: str, right: str, note: str) -> str:
        raise NotImplementedError
