from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.matching import Matcher
from govpub.rules.phrase.canonical import CanonicalRule
from govpub.rules.typo._idioms import idioms
from govpub.rules.typo._pinyin import common_word, near_homophones
from govpub.rules.typo._words import everyday_word
from govpub.rules.typo.term import TermRule
from govpub.rules.typo.word import WordRule

_CJK = re.compile(r"[\u4e00-\u9fff]{4,}")


def _explained(chunk: str, i: int, j: int) -> bool:
    """A written first or last character that makes an everyday word with the character outside
    the window belongs to the next word: 坚持不泄密 is 坚持不 + 泄密, not 坚持不懈 mistyped."""
    if j == 0 and i > 0:
        pair = chunk[i - 1:i + 1]
    elif j == 3 and i + 4 < len(chunk):
        pair = chunk[i + 3:i + 5]
    else:
        return False
    return everyday_word(pair) or common_word(pair)


@dataclass(frozen=True)
class _Index:
    targets: tuple[str, ...]
    target_set: frozenset[str]
    lookalikes: frozenset[str]
    heads: frozenset[str]  # their last character is not checked (自来水笔)
    tails: frozenset[str]  # their first character is not checked
    keys: tuple[dict[str, tuple[str, ...]], ...]  # per position j: idiom with character j left out -> idioms


@rule
class IdiomRule(Rule):
    """成语中错了一个同音字（不依赖错别字表）。

    ## 作用
    对照常用成语表（由 jieba 词典生成的约四千条常用成语，只含正确写法），找出与某个成语
    只差一个字、且这个字与原字同音或近音（南方口音拼音输入常见的 n/l、前后鼻音、平翘舌）的
    四字写法，提示正确成语：“一思不苟”应为“一丝不苟”，“有调不紊”应为“有条不紊”。
    错法不必事先收入错别字表。错别字表、术语表或规范表述已提示的，不重复提示。四字本身是词典里的词或成语变体（“人尽其材”）、写错的字与
    前后字组成常用词（可能是两个词碰巧相邻）、与正确成语重叠的，不提示。

    ## 原因
    第五条：严禁出现错字。成语写错同音字是政务稿件中最常见的错别字，错法千变万化，
    错别字表列不全。

    ## 示例
    `全体调解员一思不苟，认真核对每一份调解协议。`

    ## 修改方法
    按提示改为正确成语。确属人名、地名或专有名称的，请局办公室在例外表中登记。
    """

    id = "typo.idiom"
    title = "成语同音错字"
    article = "第五条（四）"
    severity = "warning"

    @cached_property
    def _index(self) -> _Index:
        targets, lookalikes, heads, tails = idioms()
        keys: tuple[dict[str, tuple[str, ...]], ...] = tuple({} for _ in range(4))
        for j in range(4):
            for t in targets:  # in the order of targets: the first idiom that fits is reported
                if not (j == 3 and t in heads or j == 0 and t in tails):
                    keys[j][t[:j] + t[j + 1:]] = (*keys[j].get(t[:j] + t[j + 1:], ()), t)
        return _Index(targets, frozenset(targets), lookalikes, heads, tails, keys)

    @cached_property
    def _reported_elsewhere(self) -> tuple[WordRule, TermRule, CanonicalRule]:
        """Rules whose finding on the same characters is the more precise one (a listed wrong form,
        a term list idiom, a set political phrase such as 全心全意为人民服务)."""
        return WordRule(self.policy), TermRule(self.policy), CanonicalRule(self.policy)

    @cached_property
    def _halves(self) -> tuple[Matcher, list[tuple[int, ...]]]:
        """The first and last two characters of every idiom, with where a window starts from a
        match of each (0 for a first half, 2 characters back for a last half). A window one
        character off an idiom keeps one of its halves in place (the other three characters are
        right), so only the windows these find are looked at: one automaton scan instead of a
        Python loop over every four characters of the text."""
        offsets: dict[str, set[int]] = {}
        for t in self._index.targets:
            offsets.setdefault(t[:2], set()).add(0)
            offsets.setdefault(t[2:], set()).add(2)
        return Matcher(list(offsets)), [tuple(sorted(o)) for o in offsets.values()]

    def candidates(self, text: str) -> list[tuple[int, str, str]]:
        """(start, written window, the idiom it misspells) in text order; after a window with
        a candidate, reading goes on behind it."""
        index = self._index
        matcher, offsets = self._halves
        starts = sorted({s - off for i, s, _ in matcher.find_raw(text) for off in offsets[i] if s >= off})
        if not starts:
            return []
        runs = [(m.start(), m.end()) for m in _CJK.finditer(text)]
        heads = [r[0] for r in runs]
        out: list[tuple[int, str, str]] = []
        skip = -1
        for start in starts:
            k = bisect.bisect_right(heads, start) - 1
            if k < 0 or start < skip or start + 4 > runs[k][1]:
                continue
            chunk = text[runs[k][0]:runs[k][1]]
            right = _candidate(chunk, start - runs[k][0], index)
            if right is not None:
                out.append((start, text[start:start + 4], right))
                skip = start + 4
        return out

    def check(self, doc: Document) -> Iterable[Hit]:
        view = doc.simplified
        found = self.candidates(view.text)
        if not found:
            return
        listed = [(h.start, h.end) for r in self._reported_elsewhere for h in r.check(doc)]
        for start, wrong, right in found:
            hit = doc.hit(self.id, view, start, start + 4, f"成语“{wrong}”有同音错字：应为“{right}”")
            if not any(s < hit.end and hit.start < e for s, e in listed):
                yield hit


def _candidate(chunk: str, i: int, index: _Index) -> str | None:
    """The idiom the window chunk[i:i + 4] is a homophone misspelling of, or None."""
    window = chunk[i:i + 4]
    if window in index.target_set or window in index.lookalikes:
        return None
    for j in range(4):
        for idiom in index.keys[j].get(window[:j] + window[j + 1:], ()):  # the idioms one character off here
            if not near_homophones(window[j], idiom[j]):
                continue
            near = chunk[max(0, i - 3):i + 7]  # a right idiom overlapping the window: two idioms side by side
            if any(near[k:k + 4] in index.target_set for k in range(len(near) - 3)) or _explained(chunk, i, j):
                continue
            return idiom
    return None
