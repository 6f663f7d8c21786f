from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.matching import Matcher
from govpub.rules.typo._pinyin import near_homophones
from govpub.rules.typo._words import everyday_word

_STATE = "中华人民共和国"
_CJK = re.compile(r"[\u4e00-\u9fff]")
# the shortest short name checked (社区矫正法): shorter ones (刑法, 劳动法, 海商法) are each other one character off
_SHORTEST = 5


def _swapped(written: str, law: str) -> bool:
    """written is law with one character replaced (社区矫治法), or two side by side replaced by a pair that
    keeps one of them (反电信网络欺诈法: 诈骗 → 欺诈); never the final 法, never a sound-alike of one
    character (typo.term reports those: 社区校正法)."""
    diffs = [i for i in range(len(law)) if written[i] != law[i]]
    if not diffs or diffs[-1] == len(law) - 1 or law.startswith(_STATE) and diffs[0] < len(_STATE):
        return False
    if len(diffs) == 1:
        i = diffs[0]
        return _CJK.match(written[i]) is not None and not near_homophones(written[i], law[i])
    if len(diffs) == 2 and diffs[1] == diffs[0] + 1:
        pair, right = written[diffs[0]:diffs[1] + 1], law[diffs[0]:diffs[1] + 1]
        return bool(set(pair) & set(right)) and everyday_word(pair)
    return False


@rule
class LawNameRule(Rule):
    """法律名称中换了一两个字。

    ## 作用
    对照 `checks/wordlists/phrases.yml` 的 `laws` 和 `typos.yml` 的 `law_articles`、`law_dates` 中登记的法律名称
    （全称和去掉“中华人民共和国”的简称，五个字以上），找出与其中一部法律字数相同、只换了一个字
    （“社区矫治法”“社区纠正法”），或相邻两个字换成保留其中一个字的另一个词（“反电信网络欺诈法”：诈骗→欺诈）、
    本身又不是登记的法律的写法，书名号内外都查。换成同音字的由 `typo.term` 提示；两部登记的法律彼此只差一个字的
    （刑事诉讼法、民事诉讼法）都不提示。

    ## 原因
    第五条：严禁出现错字和不规范的表述。法律名称写错，读者无从查找，普法稿件的权威性受损；这类错误常是凭印象书写，
    换的字读音并不相同，同音字检查发现不了。

    ## 示例
    `《中华人民共和国社区矫治法》于2019年12月28日通过。`、`调研社区纠正法实施情况。`

    ## 修改方法
    对照国家法律法规数据库（flk.npc.gov.cn）改为法律的正式名称。确有其法而未登记的，请局办公室补充 phrases.yml 的 laws。
    """

    id = "typo.law-name"
    title = "法律名称错字"
    article = "第五条（四）"
    severity = "warning"

    @cached_property
    def _laws(self) -> tuple[Matcher, dict[int, dict[tuple[int, str], list[str]]]]:
        """A matcher over all registered names (full and short), and the names checked, by length and by
        keys a name one or two neighbouring characters off keeps: its first two characters, the two before
        法, or its first and the one before 法 (whichever the change leaves alone)."""
        typos = self.policy.wordlist("typos", "typos").data
        names = [*(self.policy.wordlist("phrases", "phrases").data.get("laws") or []),
                 *(typos.get("law_articles") or {}), *(typos.get("law_dates") or {})]
        every = sorted({n for law in names for n in (law, law.removeprefix(_STATE))})
        index: dict[int, dict[tuple[int, str], list[str]]] = {}
        for name in every:
            if name.endswith("法") and len(name.removeprefix(_STATE)) >= _SHORTEST:
                keys = index.setdefault(len(name), {})
                for key in _keys(name):
                    keys.setdefault(key, []).append(name)
        return Matcher(every), index

    @cached_property
    def _listed(self) -> tuple[frozenset[str], dict[str, str]]:
        """typos.yml's listed wrong words (法律授助) and look-alike characters: typo.word and typo.term report those."""
        data = self.policy.wordlist("typos", "typos").data
        return frozenset(e["wrong"] for e in data.get("typos") or []), dict(data.get("lookalikes") or {})

    def _elsewhere(self, written: str, law: str) -> bool:
        """The change is a listed wrong word or a look-alike character, reported by typo.word or typo.term."""
        wrong, lookalikes = self._listed
        if any(w in written for w in wrong if len(w) <= len(written)):
            return True
        return any(a != b and a in lookalikes.get(b, "") for a, b in zip(written, law, strict=True))

    def check(self, doc: Document) -> Iterable[Hit]:
        view = doc.simplified
        text = view.text
        if "法" not in text:
            return
        matcher, index = self._laws
        inside: bytearray | None = None  # 1 inside a registered name written right, computed when needed
        reported_to = -1
        at = text.find("法")
        while at >= 0:
            end = at + 1
            at = text.find("法", end)
            for length in sorted(index, reverse=True):
                start = end - length
                if start < max(0, reported_to):
                    continue
                written = text[start:end]
                keys = index[length]
                candidates = {law for key in _keys(written) for law in keys.get(key, ())}
                law = next((law for law in sorted(candidates) if law != written and _swapped(written, law)), None)
                if law is None or not _CJK.fullmatch(written[0]) or self._elsewhere(written, law):
                    continue
                if inside is None:
                    inside = bytearray(len(text))
                    for m in matcher.find(text):
                        inside[m.start:m.end] = b"\x01" * (m.end - m.start)
                if inside[end - 1]:
                    continue  # the 法 of a registered name (刑事诉讼法 holds 事诉讼法)
                reported_to = end
                yield doc.hit(self.id, view, start, end, f"法律名称“{written}”有错字：应为“{law}”（没有这个名称的法律）")
                break


def _keys(name: str) -> tuple[tuple[int, str], ...]:
    """What a name keeps when one or two neighbouring characters before its 法 change: its first two
    characters, the two before 法, or its first and the one before 法."""
    return (0, name[:2]), (1, name[-3:-1]), (2, name[0] + name[-2])
