"""Multi-pattern matching shared by the word-list rules.

ahocorasick_rs in overlapping mode reports every occurrence of every pattern (a
longest-match mode can hide a shorter deny word inside a longer one, see
content-checks.md §5), and govpub chooses among them: an allow phrase that covers a
deny match wins, and context words around a match decide whether it is reported.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import ahocorasick_rs

from govpub.rules.automaton import LazyAutomaton


class Match(NamedTuple):  # a tuple: made by the thousand per article (a frozen dataclass is 3x dearer)
    index: int  # type: ignore[assignment]  # which pattern (shadows tuple.index, never called on a Match)
    start: int
    end: int


class _Shared:
    """One automaton for the patterns of several Matchers, and each Matcher's share of a text."""

    RECENT = 16  # texts whose merged results are kept (an article's views and lines)

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}  # pattern -> index in the automaton
        self.owners: list[list[tuple[int, int]]] = []  # index -> [(matcher number, pattern index)]
        self.single: list[tuple[int, int] | None] = []  # index -> its one owner, if only one
        self.ac: ahocorasick_rs.AhoCorasick | None = None
        self.recent: dict[str, dict[int, list[tuple[int, int, int]]]] = {}

    def add(self, matchers: Sequence[Matcher]) -> None:
        for matcher in matchers:
            for index, pattern in enumerate(matcher.patterns):
                pool_index = self.ids.setdefault(pattern, len(self.ids))
                if pool_index == len(self.owners):
                    self.owners.append([])
                self.owners[pool_index].append((matcher.number, index))
            matcher.shared = self
            matcher._ac = None  # its own automaton is not used again: freed before the pool's workers fork
        self.single = [o[0] if len(o) == 1 else None for o in self.owners]
        self.recent.clear()
        self.ac = ahocorasick_rs.AhoCorasick(list(self.ids)) if self.ids else None

    def shares(self, text: str) -> dict[int, list[tuple[int, int, int]]]:
        found = self.recent.get(text)
        if found is None:
            found = defaultdict(list)
            owners, single = self.owners, self.single
            for pool_index, start, end in self.ac.find_matches_as_indexes(text, overlapping=True):  # type: ignore[union-attr]
                owner = single[pool_index]
                if owner is not None:  # most patterns belong to one Matcher
                    found[owner[0]].append((owner[1], start, end))
                else:
                    for number, index in owners[pool_index]:
                        found[number].append((index, start, end))
            if len(self.recent) >= self.RECENT:
                del self.recent[next(iter(self.recent))]
            self.recent[text] = found
        return found


class Pool:
    """The word lists of one rule set in a few shared automata (performance only).

    Each Matcher scanning each view would scan the same text once per word list; once
    merge() has run, the first Matcher to read a text scans it once with the patterns of
    all the Matchers merged with it and every one of them takes its share. Matchers that read
    the same texts before the merge (the first article: the compact view, the simplified view,
    or both) share one automaton, so a view is not scanned for lists that never read it; a
    Matcher reading another text later still gets exactly its share. A Matcher joins the
    pool that is active when it is made (activate()); the engine activates its rule set's.
    Overlapping mode reports the matches ending at one position longest first, and equal
    patterns in the order they were given, so a Matcher's share comes out in the order its
    own automaton gives.
    """

    def __init__(self) -> None:
        self.pending: list[Matcher] = []
        self.count = 0  # matchers numbered so far
        self.shared: dict[frozenset[str], _Shared] = {}  # by the texts their Matchers read first

    def merge(self) -> None:
        """Add the Matchers made since the last merge to the shared automata."""
        groups: dict[frozenset[str], list[Matcher]] = {}
        for matcher in self.pending:
            groups.setdefault(frozenset(matcher.seen), []).append(matcher)
            matcher.seen.clear()
        self.pending.clear()
        for key, matchers in groups.items():
            self.shared.setdefault(key, _Shared()).add(matchers)


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
    every whole view the pool would otherwise hand out for nothing. Large lists (the prohibited
    words with their variants, the idioms' halves) are pooled too: they join only the lists that
    read the same texts, and a scan costs about the same for 2,000 patterns as for 47,000 (it is
    bound by walking the text), so one scan less per view is what counts.
    """

    def __init__(self, patterns: Sequence[str], pooled: bool = True) -> None:
        self.patterns = list(patterns)
        self._ac = LazyAutomaton(self.patterns) if self.patterns else None  # built when it pays (one-file checks)
        self.number = _active.count
        self.shared: _Shared | None = None  # set when merged
        self.seen: set[str] = set()  # texts read before the merge (which Matchers to merge with)
        self._pending = False
        _active.count += 1
        if self.patterns and pooled:
            _active.pending.append(self)
            self._pending = True

    @property
    def merged(self) -> bool:
        return self.shared is not None

    def find(self, text: str) -> list[Match]:
        return [Match(*t) for t in self.find_raw(text)]

    def find_raw(self, text: str) -> list[tuple[int, int, int]]:
        """(pattern index, start, end) tuples: for hot paths with many matches per text."""
        if not self.patterns:
            return []
        if self.shared is not None:
            return list(self.shared.shares(text).get(self.number, ()))
        if self._pending:
            self.seen.add(text)
        assert self._ac is not None  # set while not merged
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


# -- regular expressions skipped when their literal text is absent -------------------------
_MAX_STRINGS = 64  # a set of alternative strings larger than this is not used as an anchor
_ZERO_WIDTH = frozenset({"AT", "ASSERT", "ASSERT_NOT"})


def one_edit(a: str, b: str) -> bool:
    """True when a and b differ by exactly one substitution, insertion, deletion or swap."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diffs) == 1 or (len(diffs) == 2 and diffs[1] == diffs[0] + 1
                                   and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1:]


def _parser() -> Any:
    return importlib.import_module("re._parser")  # CPython's own; untyped


def _char(code: int, fold: bool) -> str | None:
    """A literal as the automaton looks for it: as written, or (fold) as fold_text leaves it."""
    ch = chr(code)
    if not fold:
        return ch
    if ch.isascii():
        return ch.lower()
    return ch if ch.lower() == ch == ch.upper() and ch not in _FOLD_TABLE_CHARS else None  # caseless: 中


def _exact(item: tuple[Any, Any], fold: bool = False) -> set[str] | None:
    """The strings one parsed item can match, when they are few and known; else None.
    fold: the strings as fold_text(text) holds them, IGNORECASE parts included."""
    op, av = item
    name = op.name
    if name == "LITERAL":
        ch = _char(av, fold)
        return {ch} if ch is not None else None
    if name in _ZERO_WIDTH:
        return {""}  # consumes nothing: the text on both sides is adjacent
    if name == "IN":
        if len(av) <= 16 and all(o.name == "LITERAL" for o, _ in av):
            chars = {_char(c, fold) for _, c in av}
            return None if None in chars else chars  # type: ignore[return-value]
        return None
    if name == "SUBPATTERN":
        _, add_flags, _, sub = av
        return None if add_flags & re.IGNORECASE and not fold else _exact_seq(sub, fold)
    if name == "BRANCH":
        out: set[str] = set()
        for alt in av[1]:
            strings = _exact_seq(alt, fold)
            if strings is None:
                return None
            out |= strings
        return out if len(out) <= _MAX_STRINGS else None
    if name in ("MAX_REPEAT", "MIN_REPEAT"):
        lo, hi, sub = av
        strings = _exact_seq(sub, fold)
        if lo != hi or lo > 3 or strings is None:
            return None
        result = {""}
        for _ in range(lo):
            result = {a + b for a in result for b in strings}
            if len(result) > _MAX_STRINGS:
                return None
        return result
    return None


def _exact_seq(seq: Any, fold: bool = False) -> set[str] | None:
    result = {""}
    for item in seq:
        strings = _exact(item, fold)
        if strings is None:
            return None
        result = {a + b for a in result for b in strings}
        if len(result) > _MAX_STRINGS:
            return None
    return result


def _required(seq: Any, fold: bool = False) -> set[str] | None:
    """Strings one of which every match of the parsed sequence contains, or None when not known.

    Runs of items with known strings are joined (内部 + (?:资料|文件) gives 内部资料, 内部文件);
    of the candidates the one with the longest shortest string wins, then the fewest strings.
    """
    candidates: list[set[str]] = []
    run: set[str] = {""}
    for item in seq:
        strings = _exact(item, fold)
        if strings is not None:
            joined = {a + b for a in run for b in strings}
            if len(joined) <= _MAX_STRINGS:
                run = joined
                continue
            candidates.append(run)
            run = strings
            continue
        candidates.append(run)
        run = {""}
        op, av = item
        name = op.name
        if name == "SUBPATTERN" and (fold or not av[1] & re.IGNORECASE):
            inner = _required(av[3], fold)
        elif name == "BRANCH":
            alts = [_required(alt, fold) for alt in av[1]]
            inner = set().union(*alts) if all(a is not None for a in alts) else None  # type: ignore[arg-type]
        elif name in ("MAX_REPEAT", "MIN_REPEAT") and av[0] >= 1:
            inner = _required(av[2], fold)
        else:
            inner = None
        if inner is not None:
            candidates.append(inner)
    candidates.append(run)
    usable = [_minimal(c) for c in candidates if c and "" not in c and len(c) <= _MAX_STRINGS]
    if not usable:
        return None
    return max(usable, key=lambda c: (min(map(len, c)), -len(c)))


def _minimal(strings: set[str]) -> set[str]:
    """Without the strings that hold another of the set: {论, ，论, 。论} says no more than {论}."""
    return {s for s in strings if not any(o != s and o in s for o in strings)}


# fold_text: what a case-insensitive ASCII literal can match, lower-cased (the four non-ASCII
# characters IGNORECASE matches with an ASCII letter first: İ ı ſ K)
_FOLD_TABLE = {0x130: "i", 0x131: "i", 0x17F: "s", 0x212A: "k"}
_FOLD_TABLE_CHARS = frozenset(map(chr, _FOLD_TABLE))


def fold_text(text: str) -> str:
    if any(ch in text for ch in _FOLD_TABLE_CHARS):  # rare; str.translate costs ~0.1 µs a character
        text = text.translate(_FOLD_TABLE)
    return text.lower()


def anchors(pattern: re.Pattern[str], fold: bool = False) -> set[str] | None:
    """Strings one of which is part of every match of pattern, or None when not known
    (case-insensitive patterns, patterns that are all character classes). Kept between runs
    with the compiled patterns (regexcache.memo, keyed by this module's source)."""
    from govpub import regexcache

    def compute() -> tuple[str, ...] | None:
        strings = _anchors(pattern, fold)
        return tuple(sorted(strings)) if strings else None  # marshal-able

    found = regexcache.memo(_anchors_kind() + (":fold" if fold else ""), pattern.pattern, pattern.flags, compute)
    return set(found) if found else None


@functools.lru_cache(maxsize=1)
def _anchors_kind() -> str:
    return "anchors:" + hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


def _anchors(pattern: re.Pattern[str], fold: bool = False) -> set[str] | None:
    if pattern.flags & re.IGNORECASE and not fold:
        return None
    try:
        parsed = _parser().parse(pattern.pattern, pattern.flags)
    except Exception:  # noqa: BLE001 - an interpreter whose internals differ: no anchors, no skipping
        return None
    if parsed.state.flags & re.IGNORECASE and not fold:
        return None
    return _required(parsed, fold)


class Regexes:
    """Several regular expressions run over the same texts; pattern i is run only when the text
    holds one of anchors(pattern i) (performance only: a regex engine scans the whole text for
    each pattern, the word-list automaton finds every anchor of every pattern in one scan)."""

    def __init__(self, patterns: Sequence[re.Pattern[str]]) -> None:
        self.patterns = list(patterns)
        self.always: list[int] = []
        # case-insensitive ones (INTERNAL USE ONLY): run when fold_text(text) holds a folded anchor
        self.folded: list[tuple[int, tuple[str, ...]]] = []
        owners: dict[str, list[int]] = {}
        for i, pattern in enumerate(self.patterns):
            found = anchors(pattern)
            if found is None:
                folded = anchors(pattern, fold=True)
                if folded is None:
                    self.always.append(i)
                else:
                    self.folded.append((i, tuple(sorted(folded))))
            else:
                for word in sorted(found):
                    owners.setdefault(word, []).append(i)
        self._owners = list(owners.values())
        # in the pool: its strings join the automaton of the word lists that read the same view
        # (an automaton's scan of a view costs about as much for a few strings as for thousands)
        self._matcher = Matcher(list(owners))

    def candidates(self, text: str) -> set[int]:
        """The indices of the patterns that may match somewhere in text."""
        found = set(self.always)
        if self.folded:
            low = fold_text(text)
            found.update(i for i, strings in self.folded if any(s in low for s in strings))
        owners = self._owners
        for index, _, _ in self._matcher.find_raw(text):
            found.update(owners[index])
        return found


# -- regular expressions that never reach past a line --------------------------------------
_NEWLINE = 10
_LINE_SAFE_AT = frozenset({"AT_BOUNDARY", "AT_NON_BOUNDARY", "AT_BEGINNING", "AT_BEGINNING_STRING",
                           "AT_UNI_BOUNDARY", "AT_UNI_NON_BOUNDARY"})
_NO_NEWLINE_CATEGORIES = frozenset({"CATEGORY_DIGIT", "CATEGORY_WORD", "CATEGORY_UNI_DIGIT", "CATEGORY_UNI_WORD",
                                    "CATEGORY_LOC_WORD"})


def _set_may_hold_newline(items: Any) -> bool:
    negate = bool(items) and items[0][0].name == "NEGATE"
    holds = False  # a member that is (or may be) a line break
    for op, av in items[1:] if negate else items:
        name = op.name
        if name == "LITERAL":
            holds |= av == _NEWLINE
        elif name == "RANGE":
            holds |= av[0] <= _NEWLINE <= av[1]
        elif name == "CATEGORY":
            if negate:
                holds |= av.name in ("CATEGORY_SPACE", "CATEGORY_UNI_SPACE", "CATEGORY_LINEBREAK",
                                     "CATEGORY_UNI_LINEBREAK")
            else:
                holds |= av.name not in _NO_NEWLINE_CATEGORIES
        else:
            return True  # unknown member: assume the worst
    if negate:  # [^…] excludes a line break only when it lists one for certain
        return not holds
    return holds


def _line_bound(seq: Any) -> bool:
    """True when no item of the parsed sequence can match, or look at, a line break."""
    for op, av in seq:
        name = op.name
        if name == "LITERAL":
            if av == _NEWLINE:
                return False
        elif name == "NOT_LITERAL":
            if av != _NEWLINE:
                return False
        elif name == "IN":
            if _set_may_hold_newline(av):
                return False
        elif name == "AT":
            if av.name not in _LINE_SAFE_AT:
                return False
        elif name == "SUBPATTERN":
            if not _line_bound(av[3]):
                return False
        elif name == "BRANCH":
            if not all(_line_bound(alt) for alt in av[1]):
                return False
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            if not _line_bound(av[2]):
                return False
        elif name in ("ASSERT", "ASSERT_NOT", "ATOMIC_GROUP"):
            inner = av[1] if name != "ATOMIC_GROUP" else av
            if not _line_bound(inner):
                return False
        elif name != "GROUPREF":  # ANY (. may match a line break under DOTALL), conditionals...
            return False
    return True


@functools.lru_cache(maxsize=256)
def within_lines(pattern: re.Pattern[str]) -> bool:
    """True when pattern can neither match nor look at a line break and never matches empty:
    then every match lies inside one line, and finditer over a text gives, for each line, the
    matches of finditer(text, line start, line end), the line scanned alone (lookbehind still
    sees the line break before it; at the end, a lookahead or \\b sees end of text where it saw a
    line break, which nothing in the pattern can tell apart). A rule may then scan only the lines
    that can matter (performance only). False when unsure."""
    try:
        parsed = _parser().parse(pattern.pattern, pattern.flags)
    except Exception:  # noqa: BLE001 - an interpreter whose internals differ: assume the worst
        return False
    return parsed.getwidth()[0] > 0 and _line_bound(parsed)


def finditer_at(pattern: re.Pattern[str], starts: re.Pattern[str], text: str, pos: int = 0) -> Iterator[re.Match[str]]:
    """pattern.finditer(text, pos), trying pattern only where starts matches (performance only: a
    pattern whose branches open with lookbehinds or character classes makes the regex engine try
    every branch at every character; starts, one character class, is scanned in a fast loop).
    The caller guarantees that every match of pattern starts where starts matches, and that
    pattern never matches the empty string (a test compares the two for each use)."""
    for c in starts.finditer(text, pos):
        at = c.start()
        if at < pos:
            continue
        m = pattern.match(text, at)
        if m is not None:
            yield m
            pos = m.end()
