from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
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


@rule
class IdiomRule(Rule):
    """成语中错了一个同音字（不依赖错别字表）。

    ## 作用
    对照常用成语表（由 jieba 词典生成的约四千条常用成语和习用语，只含正确写法），找出与某个成语
    只差一个字、且这个字与原字同音或近音（南方口音拼音输入常见的 n/l、前后鼻音、平翘舌）的
    四字写法，提示正确成语：“一思不苟”应为“一丝不苟”，“有调不紊”应为“有条不紊”。
    错法不必事先收入错别字表。四字本身是词典里的词或成语变体（“人尽其材”）、写错的字与
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
    def _index(self) -> tuple[frozenset[str], frozenset[str], dict[str, list[tuple[int, str]]]]:
        """(idioms, look-alike words, index): the index maps an idiom with one character left out,
        written as the three others with the position, to (position, idiom)."""
        targets, lookalikes, heads, tails = idioms()
        index: dict[str, list[tuple[int, str]]] = {}
        for t in targets:
            for j in range(4):
                if (j == 3 and t in heads) or (j == 0 and t in tails):
                    continue  # 自来水笔: the end character is checked only when its three others are no word
                index.setdefault(f"{j}{t[:j]}{t[j + 1:]}", []).append((j, t))
        return frozenset(targets), lookalikes, index

    @cached_property
    def _reported_elsewhere(self) -> tuple[WordRule, TermRule]:
        return WordRule(self.policy), TermRule(self.policy)

    def check(self, doc: Document) -> Iterable[Hit]:
        targets, lookalikes, index = self._index
        view = doc.simplified
        text = view.text
        listed: list[tuple[int, int]] | None = None
        for run in _CJK.finditer(text):
            s0, chunk = run.start(), run.group()
            correct = [i for i in range(len(chunk) - 3) if chunk[i:i + 4] in targets]
            i = 0
            while i <= len(chunk) - 4:
                window = chunk[i:i + 4]
                found = self._candidate(window, chunk, i, targets, lookalikes, index, correct)
                if found is None:
                    i += 1
                    continue
                right = found
                start = s0 + i
                if listed is None:
                    listed = [(h.start, h.end) for r in self._reported_elsewhere for h in r.check(doc)]
                hit = doc.hit(self.id, view, start, start + 4, f"成语“{window}”有同音错字：应为“{right}”")
                if not any(s < hit.end and hit.start < e for s, e in listed):
                    yield hit
                i += 4

    @staticmethod
    def _candidate(window: str, chunk: str, i: int, targets: frozenset[str], lookalikes: frozenset[str],
                   index: dict[str, list[tuple[int, str]]], correct: list[int]) -> str | None:
        if window in targets or window in lookalikes:
            return None
        for j in range(4):
            for _, idiom in index.get(f"{j}{window[:j]}{window[j + 1:]}", ()):
                if not near_homophones(window[j], idiom[j]):
                    continue
                if any(abs(c - i) < 4 for c in correct) or _explained(chunk, i, j):
                    continue
                return idiom
        return None
