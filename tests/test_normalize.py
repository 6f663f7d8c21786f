"""The normalization layer: views map every match back to the original line and column."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable

from hypothesis import given, settings
from hypothesis import strategies as st

from govpub.rules import normalize
from govpub.rules.normalize import View


def test_fold_maps_fullwidth_and_zero_width_back():
    text = "号码４４０\u200b８８１"
    view = View.of_spans(text, [(0, len(text))]).fold()
    assert view.text == "号码440881"
    start = view.text.index("440881")
    assert view.span(start, start + 6) == (2, len(text))
    assert view.origin(start + 3) == 6  # the "８" after the zero-width space


def test_simplify_and_compact_keep_offsets():
    text = "網 上@賭\u200b場"
    view = View.of_spans(text, [(0, len(text))]).fold().simplify().compact()
    assert view.text == "网上赌场"
    assert [view.origin(i) for i in range(4)] == [0, 2, 4, 6]
    assert view.span(0, 4) == (0, 7)


def test_expanding_fold_maps_to_its_source_character():
    text = "第⑩条"
    view = View.of_spans(text, [(0, 3)]).fold()
    assert view.text == "第10条"
    assert view.span(1, 3) == (1, 2)
    assert view.origin(3) == 2


def test_spans_are_joined_without_merging_words():
    text = "标题网上\n---\n赌场正文"
    view = View.of_spans(text, [(0, 4), (9, 13)])
    assert view.text == "标题网上\n赌场正文"
    assert view.origin(5) == 9
    assert "网上赌场" not in view.compact().text


def test_sentence_punctuation_is_not_skipped():
    text = "网上，赌场"
    assert View.of_spans(text, [(0, 5)]).compact().text == "网上，赌场"


def test_compact_joins_a_word_split_over_two_lines_of_one_paragraph():
    text = "网上\n赌场\n\n下一段"
    view = View.of_spans(text, [(0, len(text))]).compact()
    assert "网上赌场" in view.text
    assert "\n\n下一段" in view.text  # a blank line still ends the paragraph
    start = view.text.index("网上赌场")
    assert view.span(start, start + 4) == (0, 5)


# -- the lazy map against the eager one it replaced -------------------------------------
# EagerView is the earlier implementation, which built every view's full run map up
# front: the lazy views must give the same text, origins, spans and line joins.
class EagerView:
    """A derived string with a map from each of its characters to an original offset."""

    __slots__ = ("text", "_vstarts", "_ostarts", "_linear")

    def __init__(self, text: str, vstarts: list[int], ostarts: list[int], linear: list[bool]) -> None:
        self.text = text
        self._vstarts = vstarts  # run starts in the view
        self._ostarts = ostarts  # where each run starts in the original
        self._linear = linear  # True: run maps one-to-one; False: all of it maps to one char

    @classmethod
    def of_spans(cls, text: str, spans: Iterable[tuple[int, int]]) -> EagerView:
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

    def origin(self, v: int) -> int:
        """Original offset of view character v."""
        if not self.text:
            return self._ostarts[0]
        v = min(max(v, 0), len(self.text) - 1)
        i = bisect.bisect_right(self._vstarts, v) - 1
        return self._ostarts[i] + (v - self._vstarts[i] if self._linear[i] else 0)

    def span(self, vstart: int, vend: int) -> tuple[int, int]:
        """Original [start, end) of view characters [vstart, vend)."""
        if vend <= vstart:
            o = self.origin(vstart)
            return o, o
        return self.origin(vstart), self.origin(vend - 1) + 1

    def derive(self, pattern: re.Pattern[str], replace: Callable[[str], str], start: int = 0,
               keep_at: Callable[[int], bool] | None = None) -> EagerView:
        """A new view where every match of pattern (at or after view offset start) is
        replaced by replace(match text).

        A replaced match maps to the original characters it came from: one character
        each when lengths agree, all to the match's first character otherwise.
        Matches where keep_at(start) is true are left unchanged.
        """
        if not pattern.search(self.text, start):
            return self
        parts: list[str] = []
        vs: list[int] = []
        os_: list[int] = []
        lin: list[bool] = []
        vpos = 0
        last = 0

        def keep(a: int, b: int) -> None:
            nonlocal vpos
            # copy view[a:b] with its original runs
            while a < b:
                i = bisect.bisect_right(self._vstarts, a) - 1
                run_end = self._vstarts[i + 1] if i + 1 < len(self._vstarts) else len(self.text)
                stop = min(b, run_end)
                vs.append(vpos)
                os_.append(self.origin(a))
                lin.append(self._linear[i])
                parts.append(self.text[a:stop])
                vpos += stop - a
                a = stop

        for m in pattern.finditer(self.text, start):
            if keep_at is not None and keep_at(m.start()):
                continue  # left as it is: copied with the text around it
            keep(last, m.start())
            new = replace(m.group())
            if new:
                if len(new) == m.end() - m.start():
                    for k in range(len(new)):
                        vs.append(vpos + k)
                        os_.append(self.origin(m.start() + k))
                        lin.append(True)
                else:
                    vs.append(vpos)
                    os_.append(self.origin(m.start()))
                    lin.append(False)
                parts.append(new)
                vpos += len(new)
            last = m.end()
        keep(last, len(self.text))
        if not parts:
            return EagerView("", [0], [self.origin(0)], [True])
        return EagerView("".join(parts), vs, os_, lin)

    def fold(self) -> EagerView:
        return self.derive(normalize._FOLDABLE, lambda s: "".join(normalize.fold_char(c) for c in s))

    def simplify(self) -> EagerView:
        converted = normalize._t2s(self.text)
        if converted == self.text:
            return self
        if len(converted) == len(self.text):
            return EagerView(converted, self._vstarts, self._ostarts, self._linear)
        # Rare: a phrase conversion changed the length; convert character by character.
        return EagerView("".join(normalize._t2s(c) or c for c in self.text), self._vstarts, self._ostarts, self._linear)

    def compact(self) -> EagerView:
        dropped = self.derive(normalize._SEPARATORS, lambda s: "")
        return dropped.derive(normalize._SOFT_BREAK, lambda s: "", keep_at=dropped._joins_spans)

    def _joins_spans(self, v: int) -> bool:
        """True when view character v is a newline that of_spans put between two spans
        (title and body are separate texts: never joined into one word)."""
        i = bisect.bisect_right(self._vstarts, v) - 1
        run_end = self._vstarts[i + 1] if i + 1 < len(self._vstarts) else len(self.text)
        return not self._linear[i] and run_end - self._vstarts[i] == 1




PIECES = st.sampled_from(["网上", "賭場", "赌场", "\n", "\n\n", " ", "@", "\u200b", "４４", "①", "⑩", "㍿", "¼",
                          "&#10;", "&amp;", "&#x4e00;", "&nbsp;", "`code`", "```\nx\n```\n", "<b>", "，", "。",
                          "ab", "1", "\u3000", "\u00a0", "⼈"])


def _views(cls, text, spans):
    import html as html_mod

    from govpub.rules.document import CODE_MASK, ENTITY_RE, PROSE_MASK

    raw = cls.of_spans(text, spans)
    blank = lambda s: "".join(c if c == "\n" else " " for c in s)  # noqa: E731
    markup = raw.derive(CODE_MASK, blank, start=min(3, len(raw.text)))
    folded = raw.derive(ENTITY_RE, lambda s: html_mod.unescape(s) if s != "&nbsp;" else " ").fold()
    simplified = folded.simplify()
    return [raw, markup, markup.derive(PROSE_MASK, blank), folded, simplified, simplified.compact()]


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=30), st.lists(st.integers(0, 200), max_size=6))
def test_lazy_views_map_like_the_eager_ones(pieces, cuts):
    text = "".join(pieces)
    bounds = sorted({min(c, len(text)) for c in cuts})
    spans = list(zip(bounds[::2], bounds[1::2], strict=False)) or [(0, len(text))]
    for lazy, eager in zip(_views(View, text, spans), _views(EagerView, text, spans), strict=True):
        assert lazy.text == eager.text
        n = len(lazy.text)
        assert [lazy.origin(v) for v in range(-1, n + 1)] == [eager.origin(v) for v in range(-1, n + 1)]
        assert [lazy.span(v, v + 2) for v in range(n)] == [eager.span(v, v + 2) for v in range(n)]
        assert [lazy._joins_spans(v) for v in range(n)] == [eager._joins_spans(v) for v in range(n)]


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=30), st.lists(st.integers(0, 200), max_size=6))
def test_counting_line_breaks_finds_the_joins_that_mapping_finds(pieces, cuts):
    """View._join_test (performance only) says what _joins_spans says at every line break of the
    view the compact view is made from, with or without character references."""
    text = "".join(pieces)
    bounds = sorted({min(c, len(text)) for c in cuts})
    spans = list(zip(bounds[::2], bounds[1::2], strict=False)) or [(0, len(text))]
    simplified = _views(View, text, spans)[4]
    dropped = simplified.derive(normalize._SEPARATORS, "")
    test = dropped._join_test()
    breaks = [v for v, c in enumerate(dropped.text) if c == "\n"]
    assert [test(v) for v in breaks] == [dropped._joins_spans(v) for v in breaks]


def test_masks_tried_at_their_first_characters_find_what_one_scan_finds():
    """The markup and prose views try CODE_MASK and PROSE_MASK only at the characters a match
    starts with (document.CODE_START, PROSE_START): the matches are those of finditer, over
    random pastes of fences, inline code, tags, comments, attribute lists, links and URLs."""
    import random

    from govpub.rules.document import CODE_MASK, CODE_START, PROSE_MASK, PROSE_START
    from govpub.rules.matching import finditer_at

    pieces = ["```", "~~~", "`", "\\`", "\n", " ", "py", "{", "}", "{:", "{ #", ".x", "<", ">", "</", "<!--", "-->",
              "a", "b", "<b>", "](", ")", "(", "http", "https://", "ftp://", "www.", "h", "f", "w", "中文", "x.cn/p?q=1",
              '"', "]", "[", "\t"]
    rnd = random.Random(29)
    for pattern, start in ((CODE_MASK, CODE_START), (PROSE_MASK, PROSE_START)):
        assert not pattern.match("")
        hits = 0
        for _ in range(6000):
            text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 24)))
            pos = rnd.randint(0, 3)
            whole = [m.span() for m in pattern.finditer(text, pos)]
            assert [m.span() for m in finditer_at(pattern, start, text, pos)] == whole, text
            hits += bool(whole)
        assert hits > 500


def test_soft_break_pattern_opens_with_the_line_break_and_finds_the_same():
    import random
    import re

    from govpub.rules.normalize import _SOFT_BREAK

    plain = re.compile(r"(?<=[\u4e00-\u9fff])\n(?=[\u4e00-\u9fff])")
    rnd = random.Random(31)
    for _ in range(5000):
        text = "".join(rnd.choice(["中", "文", "\n", "a", " ", "，"]) for _ in range(rnd.randint(0, 20)))
        assert [m.span() for m in _SOFT_BREAK.finditer(text)] == [m.span() for m in plain.finditer(text)], text
