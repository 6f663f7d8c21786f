"""One normalization layer for matching, with a map back to the original text.

A View is a string derived from spans of an article's text plus, for every character
of the view, the offset of the original character it came from. Rules match on a
view and report view positions; `View.span` turns them back into original offsets,
so line and column always point into the file the author edited.

The views, each built from the previous one:
  raw        the scanned spans as written (title, summary, body)
  folded     invisible characters removed; full-width letters and digits, circled and
             other compatibility forms, Kangxi radicals folded (NFKC, character by
             character); Chinese punctuation kept as it is
  simplified folded, traditional characters converted to simplified (OpenCC t2s)
  compact    simplified, with spaces, symbols and ASCII punctuation between characters
             dropped (evasions such as 网@上赌 场), and line breaks between two Chinese
             characters (Markdown joins such lines); Chinese sentence punctuation kept
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

from govpub.rules.matching import finditer_at

# Zero-width and other invisible format characters, soft hyphen, bidi controls.
# Blank or invisible too on a page: the combining grapheme joiner, Hangul and Khmer fillers, the
# Braille blank and tag characters (网上\U000e0041赌场 shows 网上赌场).
INVISIBLE = ("\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
             "\u034f\u115f\u1160\u17b4\u17b5\u2800\u3164\uffa0"
             + "".join(map(chr, [0xE0001, *range(0xE0020, 0xE0080)])))
INVISIBLE_RE = re.compile(f"[{INVISIBLE}]")
# Variation selectors choose a glyph (⚠️ as an emoji, a variant of a name's character): dropped when
# matching (网上\ufe0f赌场 shows 网上赌场), not reported as stray characters
SELECTORS = "".join(map(chr, [*range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)]))

# Characters that may fold: compatibility blocks. Chinese full-width punctuation
# (U+FF01-FF0F, FF1A-FF20 …) is deliberately outside this class and kept as written.
_FOLDABLE = re.compile(
    f"[{INVISIBLE}{SELECTORS}"
    "\u00a0\u00b2\u00b3\u00b9\u00bc-\u00be\u2000-\u200a\u2070-\u209f\u2100-\u218f"
    "\u2460-\u24ff\u2776-\u2793\u2e80-\u2fdf\u3200-\u33ff\uf900-\ufaff\ufe30-\ufe4f"
    "\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\U0001d400-\U0001d7ff\U0001f100-\U0001f1ff"
    "\U0002f800-\U0002fa1f]"
)

# Dropped between characters in the compact view: whitespace, ASCII punctuation and
# symbols, their full-width forms (／＿＊｜), the stroke 丨 used as a bar, and symbol-like
# marks. Chinese sentence punctuation and line breaks stay, so words never join across a
# sentence or a line. A CR goes too: in a CRLF file (Windows editors) 网上赌⏎场 is 赌\r\n场,
# which the soft-break join below did not see, and a lone CR is a line break on the page.
_SEPARATORS = re.compile(
    r"[ \t\r\u00a0\u3000!-/:-@\[-`{-~\u00b7\u2010-\u2027\u2030-\u205e\u2190-\u23ff"
    r"\u25a0-\u27bf\u2900-\u2bff\u3008-\u3011\u3014-\u301f\u30fb\uff5e\U0001f300-\U0001faff"
    r"\uff03-\uff07\uff0a\uff0b\uff0d-\uff0f\uff1c-\uff1e\uff20\uff3b-\uff40\uff5b-\uff5d\u4e28]+"
)

# A line break between two Chinese characters: Markdown joins the lines into one paragraph,
# so a word split over two lines (网上⏎赌场) is one word on the page.
_SOFT_BREAK = re.compile(r"\n(?=[\u4e00-\u9fff])(?<=[\u4e00-\u9fff]\n)")  # opens with \n: a fast scan


@lru_cache(maxsize=4096)
def fold_char(ch: str) -> str:
    if ch in INVISIBLE or ch in SELECTORS:
        return ""
    if ch in "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a":
        return " "
    folded = unicodedata.normalize("NFKC", ch)
    if folded == ch:
        digit = unicodedata.digit(ch, None)  # ➃ and other digit forms NFKC leaves alone
        return str(digit) if digit is not None else ch
    return folded


class View:
    """A derived string with a map from each of its characters to an original offset.

    The root view (of_spans) holds the map as runs; a derived view holds its parent and
    the replacements that made it, and maps a position through them only when asked
    (a finding): building the text is all a clean article pays for.
    """

    __slots__ = ("text", "_vstarts", "_ostarts", "_linear", "_parent", "_edits_", "_evstarts_", "_recipe")

    def __init__(self, text: str, vstarts: list[int], ostarts: list[int], linear: list[bool]) -> None:
        self.text = text
        self._vstarts = vstarts  # run starts in the view
        self._ostarts = ostarts  # where each run starts in the original
        self._linear = linear  # True: run maps one-to-one; False: all of it maps to one char
        self._parent: View | None = None
        # derived views: (view start, view end, parent start, parent end) of each replacement,
        # listed from the recipe (pattern, replace, keep_at) the first time a position is mapped
        self._edits_: list[tuple[int, int, int, int]] | None = []
        self._evstarts_: list[int] = []
        self._recipe: tuple[re.Pattern[str], Callable[[str], str] | str, Callable[[int], bool] | None] | None = None

    @classmethod
    def _derived(cls, text: str, parent: View, edits: list[tuple[int, int, int, int]] | None) -> View:
        view = cls(text, [], [], [])
        view._parent = parent
        view._edits_ = edits
        view._evstarts_ = [e[0] for e in edits] if edits is not None else []
        return view

    @property
    def _edits(self) -> list[tuple[int, int, int, int]]:
        if self._edits_ is None:
            assert self._parent is not None and self._recipe is not None
            pattern, replace, keep_at = self._recipe
            self._edits_ = self._parent._replacements(pattern, replace, 0, keep_at)[0]
            self._evstarts_ = [e[0] for e in self._edits_]
        return self._edits_

    @property
    def _evstarts(self) -> list[int]:
        self._edits  # noqa: B018 - listed on first use
        return self._evstarts_

    @classmethod
    def of_spans(cls, text: str, spans: Iterable[tuple[int, int]]) -> View:
        """The raw view: original spans joined by newlines (a newline maps to its span's end)."""
        parts: list[str] = []
        vs: list[int] = []
        os_: list[int] = []
        lin: list[bool] = []
        pos = 0
        for start, end in spans:
            if parts:
                parts.append("\n")
                vs.append(pos)
                os_.append(max(start - 1, 0))
                lin.append(False)
                pos += 1
            vs.append(pos)
            os_.append(start)
            lin.append(True)
            parts.append(text[start:end])
            pos += end - start
        return cls("".join(parts), vs or [0], os_ or [0], lin or [True])

    def _locate(self, v: int) -> tuple[int, bool, tuple[int, int, int, int] | None]:
        """For view character v of a derived view: (parent offset, True when it lies in
        text copied unchanged, the replacement it lies in or follows)."""
        i = bisect.bisect_right(self._evstarts, v) - 1
        if i < 0:
            return v, True, None
        vstart, vend, pstart, pend = self._edits[i]
        if v < vend:
            return pstart + (v - vstart if vend - vstart == pend - pstart else 0), False, self._edits[i]
        return pend + (v - vend), True, self._edits[i]

    def origin(self, v: int) -> int:
        """Original offset of view character v."""
        view = self
        while view._parent is not None:
            if not view.text:
                v = 0
            else:
                v, _, _ = view._locate(min(max(v, 0), len(view.text) - 1))
            view = view._parent
        if not view.text:
            return view._ostarts[0]
        v = min(max(v, 0), len(view.text) - 1)
        i = bisect.bisect_right(view._vstarts, v) - 1
        return view._ostarts[i] + (v - view._vstarts[i] if view._linear[i] else 0)

    def span(self, vstart: int, vend: int) -> tuple[int, int]:
        """Original [start, end) of view characters [vstart, vend)."""
        if vend <= vstart:
            o = self.origin(vstart)
            return o, o
        return self.origin(vstart), self.origin(vend - 1) + 1

    def _run(self, v: int) -> tuple[int, int, bool]:
        """(start, end, linear) of the run of view character v: the piece of text that maps
        one-to-one to the original (linear) or all to one original character."""
        if self._parent is None:
            i = bisect.bisect_right(self._vstarts, v) - 1
            end = self._vstarts[i + 1] if i + 1 < len(self._vstarts) else len(self.text)
            return self._vstarts[i], end, self._linear[i]
        p, copied, edit = self._locate(v)
        if not copied:
            assert edit is not None
            vstart, vend, pstart, pend = edit
            if vend - vstart == pend - pstart:
                return v, v + 1, True
            return vstart, vend, False
        # copied text: the parent's run, cut where the copied stretch begins and ends
        shift = v - p
        lo = edit[3] if edit is not None else 0
        j = bisect.bisect_right(self._evstarts, v)
        hi = self._edits[j][2] if j < len(self._edits) else len(self._parent.text)
        start, end, linear = self._parent._run(p)
        return max(start, lo) + shift, min(end, hi) + shift, linear

    def _replacements(self, pattern: re.Pattern[str], replace: Callable[[str], str] | str, start: int,
                      keep_at: Callable[[int], bool] | None, starts: re.Pattern[str] | None = None,
                      ) -> tuple[list[tuple[int, int, int, int]], str]:
        """The replacements derive() makes, and the text they make."""
        text = self.text
        parts: list[str] = []
        edits: list[tuple[int, int, int, int]] = []
        last = 0
        vpos = 0
        for m in pattern.finditer(text, start) if starts is None else finditer_at(pattern, starts, text, start):
            a, b = m.span()
            if keep_at is not None and keep_at(a):
                continue  # left as it is: copied with the text around it
            new = replace if isinstance(replace, str) else replace(m.group())
            parts.append(text[last:a])
            vpos += a - last
            edits.append((vpos, vpos + len(new), a, b))
            parts.append(new)
            vpos += len(new)
            last = b
        parts.append(text[last:])
        return edits, "".join(parts)

    def derive(self, pattern: re.Pattern[str], replace: Callable[[str], str] | str, start: int = 0,
               keep_at: Callable[[int], bool] | None = None, starts: re.Pattern[str] | None = None) -> View:
        """A new view where every match of pattern (at or after view offset start) is
        replaced by replace(match text), or by replace itself when it is a string.

        A replaced match maps to the original characters it came from: one character
        each when lengths agree, all to the match's first character otherwise.
        Matches where keep_at(start) is true are left unchanged. starts: a one-class pattern that
        matches wherever a match of pattern can start (matching.finditer_at; performance only).
        """
        if starts is not None:
            edits, text = self._replacements(pattern, replace, start, keep_at, starts)
            return View._derived(text, self, edits) if edits else self
        if not pattern.search(self.text, start):
            return self
        if start:
            edits, text = self._replacements(pattern, replace, start, keep_at)
            return View._derived(text, self, edits) if edits else self
        # From the start: the text in one pattern.sub; the replacements are listed only if a
        # position is ever mapped back (a finding), which on most articles it never is.
        if isinstance(replace, str) and keep_at is None:
            text, count = pattern.subn(replace.replace("\\", "\\\\"), self.text)
        else:
            count = 0

            def one(m: re.Match[str]) -> str:
                nonlocal count
                if keep_at is not None and keep_at(m.start()):
                    return m.group()
                count += 1
                return replace if isinstance(replace, str) else replace(m.group())

            text = pattern.sub(one, self.text)
        if not count:
            return self
        view = View._derived(text, self, None)
        view._recipe = (pattern, replace, keep_at)
        return view

    def fold(self) -> View:
        return self.derive(_FOLDABLE, lambda s: "".join(fold_char(c) for c in s))

    def simplify(self) -> View:
        converted = _t2s(self.text)
        if converted == self.text:
            return self
        if len(converted) != len(self.text):
            # Rare: a phrase conversion changed the length; convert character by character.
            converted = "".join(_t2s(c) or c for c in self.text)
        return View._derived(converted, self, [])  # one to one: the same map as self

    def compact(self) -> View:
        dropped = self.derive(_SEPARATORS, "")
        return dropped.derive(_SOFT_BREAK, "", keep_at=dropped._join_test())

    def _join_test(self) -> Callable[[int], bool]:
        """_joins_spans, or an equal test that counts line breaks instead of mapping positions
        back (performance only) when no derived view added or removed a line break: the text
        has no character reference (&#10; decodes to one) and as many breaks as the raw view."""
        root = self
        while root._parent is not None:
            root = root._parent
        if "&" in root.text or root.text.count("\n") != self.text.count("\n"):
            return self._joins_spans
        joins = {root.text.count("\n", 0, start) for start, linear in zip(root._vstarts, root._linear, strict=True)
                 if not linear}  # of_spans's breaks between spans, by their number among all breaks
        text = self.text
        return lambda v: text.count("\n", 0, v) in joins

    def _joins_spans(self, v: int) -> bool:
        """True when view character v is a newline that of_spans put between two spans
        (title and body are separate texts: never joined into one word)."""
        start, end, linear = self._run(v)
        return not linear and end - start == 1


@lru_cache(maxsize=1)
def _converter() -> Any:  # opencc has no type stubs
    import opencc

    return opencc.OpenCC("t2s")


def _t2s(text: str) -> str:
    return str(_converter().convert(text))
