"""Sentence, line and paragraph boundaries, shared by the rules that judge words by what
else stands in the same sentence (privacy.plate, privacy.address, secret.marking,
repost.document-text, punct.pair...).

Positions are offsets into the text a rule scans (a View's text); every function returns
half-open (start, end) bounds without the closing mark.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

# A sentence ends at 。！？；, their ASCII forms, or a line break (a heading, a list item or
# a table row is its own sentence). A comma does not end a sentence.
SENTENCE_END = re.compile(r"[。！？；!?;\n]")
SENTENCE_END_CHARS = "。！？；!?;\n"
# Lines up to a blank line: a Markdown paragraph.
PARAGRAPH = re.compile(r"(?:[^\n]|\n(?![ \t]*\n))+")


def sentence_at(text: str, pos: int, end: int | None = None) -> tuple[int, int]:
    """Bounds of the sentence holding text[pos:end] (end defaults to pos)."""
    start = max(text.rfind(c, 0, pos) for c in SENTENCE_END_CHARS) + 1
    stop = end if end is not None else pos
    m = SENTENCE_END.search(text, stop)
    return start, (m.start() if m else len(text))


def line_at(text: str, pos: int, end: int | None = None) -> tuple[int, int]:
    """Bounds of the line holding text[pos:end] (end defaults to pos)."""
    start = text.rfind("\n", 0, pos) + 1
    stop = text.find("\n", end if end is not None else pos)
    return start, (len(text) if stop < 0 else stop)


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Bounds of each paragraph (lines up to a blank line)."""
    for m in PARAGRAPH.finditer(text):
        yield m.start(), m.end()


class Sentences:
    """Sentence bounds of one text, for a rule that asks about many positions."""

    __slots__ = ("_ends", "_length")

    def __init__(self, text: str) -> None:
        self._ends = [m.start() for m in SENTENCE_END.finditer(text)]
        self._length = len(text)

    def at(self, pos: int) -> tuple[int, int]:
        """Bounds of the sentence holding position pos."""
        i = bisect.bisect_left(self._ends, pos)
        start = self._ends[i - 1] + 1 if i else 0
        end = self._ends[i] if i < len(self._ends) else self._length
        return start, end
