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
from govpub.rules.typo._idioms import idioms, words
from govpub.rules.typo._pinyin import common_word, main_homophones, near_homophones
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
    words: frozenset[str] = frozenset()  # the targets that are everyday words, not idioms


@rule
class IdiomRule(Rule):
    """成语中错了一个同音字（不依赖错别字表）。

    ## 作用
    对照常用成语表（由 jieba 词典生成的约四千条常用成语，只含正确写法），找出与某个成语
    只差一个字、且这个字与原字同音或近音（南方口音拼音输入常见的 n/l、前后鼻音、平翘舌）的
    四字写法，提示正确成语：“一思不苟”应为“一丝不苟”，“有调不紊”应为“有条不紊”。
    错法不必事先收入错别字表。错别字表、术语表或规范表述已提示的，不重复提示。四字本身是词典里的词或成语变体（“人尽其材”）、写错的字与
    前后字组成常用词（可能是两个词碰巧相邻）、与正确成语重叠的，不提示。
    词典中其他常用的四字词语（不是人名、地名、机构名和数词，如“据理力争”“明显好转”“监督管理”）按同样方法检查，
    但要求更严：四个字前后都在词的边界上、写错的字按最常用的读音与原字同音、四个字不是两个词相连（“应急反应”）。

    ## 原因
    第五条：严禁出现错字。成语写错同音字是政务稿件中最常见的错别字，错法千变万化，
    错别字表列不全。

    ## 示例
    `全体调解员一思不苟，认真核对每一份调解协议。`、`法律援助律师据理立争，维护了农民工的合法权益。`

    ## 修改方法
    按提示改为正确成语。确属人名、地名或专有名称的，请局办公室在例外表中登记。
    """

    id = "typo.idiom"
    title = "成语同音错字"
    article = "第五条（四）"
    cited_examples = True  # 错例：“……” / 把“X”写成“Y”: the wrong form quoted by a lesson
    severity = "warning"

    @cached_property
    def _index(self) -> _Index:
        targets, lookalikes, heads, tails = idioms()
        keys: tuple[dict[str, tuple[str, ...]], ...] = tuple({} for _ in range(4))
        for j in range(4):
            for t in targets:  # in the order of targets: the first idiom that fits is reported
                if not (j == 3 and t in heads or j == 0 and t in tails):
                    keys[j][t[:j] + t[j + 1:]] = (*keys[j].get(t[:j] + t[j + 1:], ()), t)
        return _Index(targets, frozenset(targets), lookalikes, heads, tails, keys, words())

    @cached_property
    def _reported_elsewhere(self) -> tuple[WordRule, TermRule, CanonicalRule]:
        """Rules whose finding on the same characters is the more precise one (a listed wrong form,
        a term list idiom, a set political phrase such as 全心全意为人民服务)."""
        return WordRule(self.policy), TermRule(self.policy), CanonicalRule(self.policy)

    @cached_property
    def _halves(self) -> tuple[Matcher, list[tuple[tuple[int, frozenset[str], frozenset[str]], ...]]]:
        """The first and last two characters of every idiom, with where a window starts from a
        match of each (0 for a first half, 2 characters back for a last half) and the characters
        the idioms of that half have at the other half's two places. A window one character off an
        idiom keeps one of its halves in place and one of the other half's characters (the other
        three characters are right), so only the windows these find are looked at: one automaton
        scan and two set look-ups instead of a Python loop over every four characters of the text."""
        places: dict[str, dict[int, tuple[set[str], set[str]]]] = {}
        for t in self._index.targets:
            for off, other in ((0, t[2:]), (2, t[:2])):
                a, b = places.setdefault(t[off:off + 2], {}).setdefault(off, (set(), set()))
                a.add(other[0])
                b.add(other[1])
        plans = [tuple((off, frozenset(a), frozenset(b)) for off, (a, b) in sorted(by_off.items()))
                 for by_off in places.values()]
        return Matcher(list(places)), plans

    def candidates(self, text: str) -> list[tuple[int, str, str]]:
        """(start, written window, the idiom it misspells) in text order; after a window with
        a candidate, reading goes on behind it."""
        index = self._index
        matcher, plans = self._halves
        found: set[int] = set()
        n = len(text)
        for i, s, _ in matcher.find_raw(text):
            for off, a, b in plans[i]:
                at = s + 2 if off == 0 else s - 2  # where the other half is written
                if at < 0 or at + 2 > n:
                    continue
                if text[at] in a or text[at + 1] in b:
                    found.add(s - off)
        if not found:
            return []
        starts = sorted(found)
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
            kind = "词语" if right in self._index.words else "成语"
            hit = doc.hit(self.id, view, start, start + 4, f"{kind}“{wrong}”有同音错字：应为“{right}”")
            if not any(s < hit.end and hit.start < e for s, e in listed):
                yield hit


def _bounded(chunk: str, i: int) -> bool:
    """True when the window chunk[i:i + 4] starts and ends at word boundaries: neither its first
    character nor its last makes an everyday word with the character outside (为人处以 in
    行为人处以 starts inside 行为)."""
    before = i > 0 and (everyday_word(chunk[i - 1:i + 1]) or common_word(chunk[i - 1:i + 1]))
    after = i + 4 < len(chunk) and (everyday_word(chunk[i + 3:i + 5]) or common_word(chunk[i + 3:i + 5]))
    return not before and not after


def _two_words(window: str) -> bool:
    """True when both halves of a four-character window are words (应急 + 反应): a compound of its
    own, not a word one character off (应激反应)."""
    return all(everyday_word(h) or common_word(h) for h in (window[:2], window[2:]))


def _candidate(chunk: str, i: int, index: _Index) -> str | None:
    """The idiom (or everyday four-character word) the window chunk[i:i + 4] is a homophone
    misspelling of, or None. An everyday word is held to more: the window stands between word
    boundaries, is not two words side by side (应急 + 反应) and the written character's main
    reading is the right one's (一字不提 is not 一字不差 through 差's rare reading)."""
    window = chunk[i:i + 4]
    if window in index.target_set or window in index.lookalikes:
        return None
    for j in range(4):
        for idiom in index.keys[j].get(window[:j] + window[j + 1:], ()):  # the idioms one character off here
            if not near_homophones(window[j], idiom[j]):
                continue
            if idiom in index.words and (not main_homophones(window[j], idiom[j]) or not _bounded(chunk, i)
                                         or _two_words(window)):
                continue
            near = chunk[max(0, i - 3):i + 7]  # a right idiom overlapping the window: two idioms side by side
            if any(near[k:k + 4] in index.target_set for k in range(len(near) - 3)) or _explained(chunk, i, j):
                continue
            return idiom
    return None
