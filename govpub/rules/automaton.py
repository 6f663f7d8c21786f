"""An Aho-Corasick automaton built only when it pays (performance only).

Building ahocorasick_rs.AhoCorasick for the prohibited words with their ~45,000 generated
variants takes about 0.1 s, a third of a one-file pre-commit check, to scan an article of a
few thousand characters once. LazyAutomaton answers the first texts from a table of the
patterns instead (every pattern that ends at a position is looked up by the character there
and its length: about 1 µs per character of text, the table in a few ms) and builds the real
automaton once the texts it has read are long enough for the build to pay for itself (a full
check of content/, a build). Both give exactly the same tuples in the same order: matches
ordered by where they end, those ending at one position longest first, equal patterns in the
order they were given, as ahocorasick_rs reports them in overlapping mode.

A process that forks worker processes (a check of many files) builds every automaton first,
so that the workers inherit them instead of each reading up to its budget and building its own.
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Sequence
from operator import itemgetter

import ahocorasick_rs

# Characters of text the table may scan, per character of the patterns, before the automaton is
# built instead. Measured on the prohibited lists (239,000 pattern characters): the build takes
# 0.46 µs per pattern character, the table 0.86 µs per character of text, so at 0.25 the table
# never costs more than half the build it may save (60,000 characters: any single article), and
# a long check pays at most 1.5 times what building at once would have cost.
BUDGET_PER_PATTERN_CHAR = 0.25


class LazyAutomaton:
    """ahocorasick_rs.AhoCorasick(patterns).find_matches_as_indexes(text, overlapping=True)."""

    def __init__(self, patterns: Sequence[str]) -> None:
        self._patterns = list(patterns)
        self._ac: ahocorasick_rs.AhoCorasick | None = None
        self._first: dict[str, int] = {}  # pattern -> its first index
        self._more: dict[str, list[int]] = {}  # pattern given more than once -> every index
        self._ends: dict[str, list[int]] = {}  # last character -> lengths of the patterns ending in it, longest first
        self._budget = int(sum(map(len, self._patterns)) * BUDGET_PER_PATTERN_CHAR)
        if not all(self._patterns):  # refused as ahocorasick_rs refuses it, when it is given
            self.build()
        _every.add(self)

    @property
    def built(self) -> bool:
        """True once the real automaton is in use."""
        return self._ac is not None

    def find_matches_as_indexes(self, text: str, overlapping: bool = True) -> list[tuple[int, int, int]]:
        if not overlapping:
            raise ValueError("LazyAutomaton reports overlapping matches only")
        if self._ac is None:
            self._budget -= len(text)
            if self._budget >= 0:
                return self._scan(text)
            self.build()
        assert self._ac is not None
        return self._ac.find_matches_as_indexes(text, overlapping=True)

    def build(self) -> None:
        """Build the automaton now (the table is dropped)."""
        if self._ac is None:
            self._ac = ahocorasick_rs.AhoCorasick(self._patterns)
            self._first, self._more, self._ends = {}, {}, {}

    def _table(self) -> None:
        patterns = self._patterns
        n = len(patterns)
        first = self._first = dict(zip(reversed(patterns), range(n - 1, -1, -1), strict=True))
        if len(first) < n:
            more: dict[str, list[int]] = {}
            for i, p in enumerate(patterns):
                more.setdefault(p, []).append(i)
            self._more = {p: ix for p, ix in more.items() if len(ix) > 1}
        ends: dict[str, list[int]] = {}
        for last, length in set(zip(map(itemgetter(-1), first), map(len, first), strict=True)):
            ends.setdefault(last, []).append(length)
        for lengths in ends.values():
            lengths.sort(reverse=True)
        self._ends = ends

    def _scan(self, text: str) -> list[tuple[int, int, int]]:
        if not self._ends and self._patterns:
            self._table()
        out: list[tuple[int, int, int]] = []
        first, more, ends = self._first, self._more, self._ends
        for end in range(1, len(text) + 1):
            lengths = ends.get(text[end - 1])
            if lengths is None:
                continue
            for length in lengths:
                start = end - length
                if start < 0:
                    continue
                found = first.get(text[start:end])
                if found is None:
                    continue
                if more and text[start:end] in more:
                    out.extend((i, start, end) for i in more[text[start:end]])
                else:
                    out.append((found, start, end))
        return out


_every: weakref.WeakSet[LazyAutomaton] = weakref.WeakSet()


def build_all() -> None:
    """Build every automaton of this process (run before a fork: the children inherit them)."""
    for automaton in list(_every):
        automaton.build()


if hasattr(os, "register_at_fork"):  # POSIX; Windows starts workers afresh, with their own
    os.register_at_fork(before=build_all)
