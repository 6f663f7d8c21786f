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


class Pool:
    """The word lists of one rule set in one automaton (performance only).

    Each Matcher scanning each view would scan the same text once per word list; once
    merge() has run, the first Matcher to read a text scans it once with the patterns of
    all merged Matchers of the pool and every Matcher takes its share. A Matcher joins the
    pool that is active when it is made (activate()); the engine activates its rule set's. Overlapping mode reports the
    matches ending at one position longest first, and equal patterns in the order they
    were given, so a Matcher's share comes out in the order its own automaton gives.
    """

    RECENT = 16  # texts whose merged results are kept (an article's views and lines)

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}  # pattern -> pool index
        self.owners: list[list[tuple[int, int]]] = []  # pool index -> [(matcher number, pattern index)]
        self.pending: list[Matcher] = []
        self.count = 0  # matchers numbered so far
        self.ac: ahocorasick_rs.AhoCorasick | None = None
        self.recent: dict[str, dict[int, list[tuple[int, int, int]]]] = {}

    def merge(self) -> None:
        """Add the Matchers made since the last merge to the shared automaton."""
        if not self.pending:
            return
        for matcher in self.pending:
            for index, pattern in enumerate(matcher.patterns):
                pool_index = self.ids.setdefault(pattern, len(self.ids))
                if pool_index == len(self.owners):
                    self.owners.append([])
                self.owners[pool_index].append((matcher.number, index))
            matcher.merged = True
        self.pending.clear()
        self.recent.clear()
        self.ac = ahocorasick_rs.AhoCorasick(list(self.ids)) if self.ids else None

    def shares(self, text: str) -> dict[int, list[tuple[int, int, int]]]:
        found = self.recent.get(text)
        if found is None:
            found = {}
            owners = self.owners
            for pool_index, start, end in self.ac.find_matches_as_indexes(text, overlapping=True):  # type: ignore[union-attr]
                for number, index in owners[pool_index]:
                    share = found.get(number)
                    if share is None:
                        found[number] = share = []
                    share.append((index, start, end))
            if len(self.recent) >= self.RECENT:
                del self.recent[next(iter(self.recent))]
            self.recent[text] = found
        return found


_active = Pool()


def activate(pool: Pool) -> None:
    """Matchers made from now on join pool. Pool.merge() merges the ones made so far into
    one automaton; the engine calls it once more than one article is checked (for a single
    file, building it costs more than it saves)."""
    global _active
    _active = pool


class Matcher:
    """Find every occurrence of a set of literal patterns.

    pooled=False keeps the Matcher out of the shared automaton: for word lists run on demand
    over a few short texts (a sentence that already holds a combination), whose matches in
    every whole view the pool would otherwise hand out for nothing.
    """

    def __init__(self, patterns: Sequence[str], pooled: bool = True) -> None:
        self.patterns = list(patterns)
        self._ac = ahocorasick_rs.AhoCorasick(self.patterns) if self.patterns else None
        self._pool = _active
        self.number = _active.count
        self.merged = False
        _active.count += 1
        if self.patterns and pooled:
            _active.pending.append(self)

    def find(self, text: str) -> list[Match]:
        return [Match(i, s, e) for i, s, e in self.find_raw(text)]

    def find_raw(self, text: str) -> list[tuple[int, int, int]]:
        """(pattern index, start, end) tuples: for hot paths with many matches per text."""
        if self._ac is None:
            return []
        if self.merged:
            return list(self._pool.shares(text).get(self.number, ()))
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
