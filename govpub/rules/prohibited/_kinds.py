"""The mechanism of the prohibited rules that recognise what a sentence does (checks/wordlists/kinds.yml).

A word list misses the next wording of an offer of electric-fishing gear, a call to block a road or a rumour
from an "internal notice"; the shape of such a sentence does not change. Each kind is a few classes of
wordings (regular expressions on the compact view: width, traditional forms, invisible characters and the
separators inside words already removed, ASCII letters lower-cased), and a sentence is reported when it holds
every class of one of the kind's `require` combinations, e.g. a way to the seller (找阿强, 需要……的可以) + terms
(一套两千八, 包判) + a sign of breaking the law (不问来源, 说得上话, 电鱼). `unless` words in the sentence as
written, its quotations left out, make it a report or a warning (查获, 谨防, 辟谣). `NUM` in a pattern stands for
a number written in digits or Chinese numerals.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from govpub.findings import Hit
from govpub.policy import Policy
from govpub.rules import Rule, all_rules
from govpub.rules.document import Document
from govpub.rules.prohibited._wordlist import QUOTE, WordlistRule, lists
from govpub.rules.variants import ascii_lower

NUM = r"[0-9零〇一二两三四五六七八九十百千万几半]+"
SENTENCE_END = re.compile(r"[。！？；!?;\n]")


@dataclass(frozen=True)
class Kind:
    what: str
    classes: dict[str, re.Pattern[str]]
    require: list[list[str]]
    unless: tuple[str, ...]

    def findings(self, text: str) -> Iterable[tuple[int, int, list[str]]]:
        """(start, end, the classes found) of each sentence of text that holds a required combination."""
        # each class searched once over the whole text, the rarest first, and only as long as some sentence
        # still holds a wording of every class searched so far (performance)
        ends = [m.start() for m in SENTENCE_END.finditer(text)]
        hits: dict[str, dict[int, str]] = {}  # class -> sentence index -> its first wording there

        def sentences(name: str) -> dict[int, str]:
            if name not in hits:
                seen: dict[int, str] = {}
                for m in self.classes[name].finditer(text):
                    if m.end() > m.start():
                        seen.setdefault(bisect.bisect_left(ends, m.start()), m.group())
                hits[name] = seen
            return hits[name]

        chosen: dict[int, list[str]] = {}
        for combo in self.require:
            common: set[int] | None = None
            for c in reversed(combo):  # the rarest class is written last: most articles stop at it
                found = set(sentences(c))
                common = found if common is None else common & found
                if not common:
                    break
            for i in common or ():
                chosen.setdefault(i, [hits[c][i] for c in combo])
        for i in sorted(chosen):
            start = ends[i - 1] + 1 if i > 0 else 0
            yield start, ends[i] if i < len(ends) else len(text), chosen[i]


_CACHE: dict[int, tuple[Policy, dict[str, Kind]]] = {}


def kinds(policy: Policy) -> dict[str, Kind]:
    cached = _CACHE.get(id(policy))
    if cached and cached[0] is policy:
        return cached[1]
    pf = policy.wordlist("kinds", "kinds")
    out: dict[str, Kind] = {}
    for name, k in pf.data["kinds"].items():
        classes: dict[str, re.Pattern[str]] = {}
        for cname, patterns in k["classes"].items():
            try:
                classes[cname] = re.compile("|".join(f"(?:{p.replace('NUM', NUM)})" for p in patterns))
            except re.error as exc:
                raise policy.fail(pf, ("kinds", name, "classes", cname), f"正则表达式有误：{exc}",
                                  "按 Python 正则表达式的写法改正（括号成对，| 分隔几种写法）") from None
        for ci, combo in enumerate(k["require"]):
            for c in combo:
                if c not in classes:
                    raise policy.fail(pf, ("kinds", name, "require", ci), f"没有名为“{c}”的一组说法",
                                      f"在本类的 classes 下写出 {c}，或改正名称")
        out[name] = Kind(k["what"], classes, k["require"], tuple(k.get("unless") or []))
    _CACHE.clear()
    _CACHE[id(policy)] = (policy, out)
    return out


def _listed_rules(policy: Policy) -> list[Rule]:
    """The prohibited.* rules of the word lists (checks/wordlists/prohibited/): a sentence one of them reports is not
    reported again by a kind rule (one finding a sentence, under its category)."""
    return [cls(policy) for cls in all_rules().values() if issubclass(cls, WordlistRule)]


class KindRule(Rule):
    """Sentences doing what the kind `kind` of checks/wordlists/kinds.yml describes."""

    kind: ClassVar[str]
    fix_hint: ClassVar[str] = "删除这句话；如果是报道依法打击、提醒防范的内容，写明“查处”“谨防”“系谣言”等"

    def check(self, doc: Document) -> Iterable[Hit]:
        k = kinds(self.policy)[self.kind]
        view = doc.compact
        text = ascii_lower(view.text)
        written = doc.article.text
        listed: list[tuple[int, int]] | None = None
        for start, end, words in k.findings(text):
            o_start, o_end = view.span(start, end)
            if listed is None:  # only for an article with a finding: the word-list rules' own findings
                listed = [(h.start, h.end) for r in _listed_rules(self.policy) for h in r.check(doc)]
            if any(a < o_end and o_start < b for a, b in listed):
                continue  # the sentence is reported already, under its category (prohibited.rumour)
            own = QUOTE.sub("", written[o_start:o_end])
            if any(w in own for w in k.unless):
                continue  # a report, a warning or a refutation of what the sentence describes
            if self._told(k, written, o_start, o_end):
                continue  # 网民发布“明天上午九点大家一起到市政府门口……”的信息: someone else's words, reported
            shown = "”“".join(dict.fromkeys(w for w in words if w))
            yield doc.hit(self.id, view, start, end,
                          f"禁载内容（{k.what}）：同一句中有“{shown}”；{self.fix_hint}")

    def _told(self, k: Kind, written: str, start: int, end: int) -> bool:
        """True when the sentence written[start:end] does what the kind describes only inside quotations framed
        as someone else's words (发布“……”的信息, 谎称“……”)."""
        framed = [(max(a, start), min(b, end)) for a, b in lists(self.policy).reported.spans(written, start, end)]
        if not framed:
            return False
        rest = "".join(written[a:b] for a, b in zip([start, *(b for _, b in framed)],
                                                     [*(a for a, _ in framed), end], strict=True) if a < b)
        return not any(k.findings(ascii_lower(rest)))
