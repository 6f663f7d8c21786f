"""Multi-pattern matching shared by the word-list rules.

ahocorasick_rs in overlapping mode reports every occurrence of every pattern (a
longest-match mode can hide a shorter deny word inside a longer one, see
content-checks.md §5), and govpub chooses among them: an allow phrase that covers a
deny match wins, and context words around a match decide whether it is reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import ahocorasick_rs


@dataclass(frozen=True)
class Match:
    index: int  # which pattern
    start: int
    end: int


class Matcher:
    """Find every occurrence of a set of literal patterns."""

    def __init__(self, patterns: Sequence[str]) -> None:
        self.patterns = list(patterns)
        self._ac = ahocorasick_rs.AhoCorasick(self.patterns) if self.patterns else None

    def find(self, text: str) -> list[Match]:
        return [Match(i, s, e) for i, s, e in self.find_raw(text)]

    def find_raw(self, text: str) -> list[tuple[int, int, int]]:
        """(pattern index, start, end) tuples: for hot paths with many matches per text."""
        if self._ac is None:
            return []
        return self._ac.find_matches_as_indexes(text, overlapping=True)


def covered(match: Match, allows: Sequence[Match]) -> bool:
    """True when an allow match spans the whole of match."""
    return any(a.start <= match.start and match.end <= a.end for a in allows)


def in_longer_word(text: str, start: int, end: int, words: Sequence[str]) -> bool:
    """True when text[start:end] sits inside one of words at this place (an `except` entry)."""
    found = text[start:end]
    for word in words:
        at = word.find(found)
        while at >= 0:
            s = start - at
            if s >= 0 and text[s:s + len(word)] == word:
                return True
            at = word.find(found, at + 1)
    return False


def near(text: str, start: int, end: int, before: Sequence[str], after: Sequence[str],
         before_window: int = 8, after_window: int = 6) -> bool:
    """True when a context word lies within before_window characters before start,
    or within after_window characters after end."""
    head = text[max(0, start - before_window):start]
    tail = text[end:end + after_window]
    return any(w in head for w in before) or any(w in tail for w in after)
