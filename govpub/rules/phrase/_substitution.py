"""Shared mechanism of phrase.substitution and phrase.caution: the "use Y, not X" entries of
checks/wordlists/xinhua.yml, errors for one rule and warnings for the other."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property
from typing import Any, ClassVar

from govpub.findings import Hit
from govpub.rules import Rule
from govpub.rules.document import Document
from govpub.rules.matching import Matcher, in_longer_word

_SENTENCE_END = "。！？；!?;\n"
_QUOTES = frozenset("“”‘’\"'《》「」『』")
# Two Chinese characters with spaces or symbols between them (台 湾, 维·族): where the compact view joins a
# word the text splits. Quotation marks and brackets are left out (“八五”普法 is the right form), and so are
# Markdown's * # | and the + of 调解+司法确认.
_SPLIT = re.compile(
    "[\u4e00-\u9fff][ \t\u00a0\u3000!-\"$-)\\,-/:-@\\[-`{}~\u00b7\u2010-\u2017\u2020-\u2027\u2030-\u205e"
    "\u2190-\u23ff\u25a0-\u27bf\u2900-\u2bff\U0001f300-\U0001faff\uff03-\uff07\uff0a\uff0b\uff0d-\uff0f"
    "\uff1c-\uff1e\uff20\uff3b-\uff40\uff5b-\uff5d\u4e28]+[\u4e00-\u9fff]"
)
_NO_QUOTES = str.maketrans("", "", "“”‘’\"'《》「」『』")
GENERATED_NOTE = "民族名称不得随意简称（由 ethnic_groups 生成）"
LEADER_NOTE = "党和国家领导人的职务不得写错（由 state_leaders 生成）"
DATA_KEYS = frozenset({"ethnic_groups", "state_leaders", "title_words"})  # not lists of entries


_last_split: list[tuple[str, bool]] = [("", False)]


def _has_split(text: str) -> bool:
    """_SPLIT.search(text), remembered for the last text (both phrase rules ask about the same view)."""
    last, found = _last_split[0]
    if last is not text:
        found = _SPLIT.search(text) is not None
        _last_split[0] = (text, found)
    return found


def quoted(s: str) -> str:
    """s in Chinese quotation marks, unless it already holds some (“一带一路”倡议, 所谓“邦交国”)."""
    return s if "“" in s else f"“{s}”"


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around text[start:end]: from after the previous end mark to the next one."""
    head = max(text.rfind(c, 0, start) for c in _SENTENCE_END) + 1
    ends = [i for i in (text.find(c, end) for c in _SENTENCE_END) if i >= 0]
    return head, min(ends) if ends else len(text)


def ethnic_abbreviations(names: list[str]) -> list[dict[str, Any]]:
    """首字 + 族 for every ethnic group whose name has two or more characters (维吾尔 → 维族), unless
    that is itself an ethnic group's name (土家 → 土族 is the 土族)."""
    official = {f"{n}族" for n in names}
    out: dict[str, dict[str, Any]] = {}
    for n in names:
        short = f"{n[0]}族"
        if len(n) >= 2 and short not in official and short not in out:
            out[short] = {"wrong": short, "right": f"{n}族", "level": "error", "followed_by": "(?![群谱])",
                          "not_preceded_by": n[0], "note": GENERATED_NOTE}
    return list(out.values())


def leader_titles(leaders: list[dict[str, Any]], words: list[str]) -> list[dict[str, Any]]:
    """A state leader's name joined to a title word that is not theirs, either way round (李强总书记,
    总理习近平): errors; a title with 副 in front (副总理李强 holds 总理李强) and history (时任) pass."""
    out: dict[str, dict[str, Any]] = {}
    for leader in leaders:
        name, own = leader["name"], set(leader["titles"])
        right = f"{name}{leader['titles'][0]}"
        for word in words:
            if word in own or any(t.endswith(word) and not t.endswith(f"副{word}") for t in own):
                continue  # 主席 ending 国家主席: his own; 总理 ending 副总理 is not
            for wrong, extra in ((f"{name}{word}", {}), (f"{word}{name}", {"not_preceded_by": "副|国家副"})):
                out.setdefault(wrong, {"wrong": wrong, "right": right, "level": "error", **extra,
                                       "unless": "时任|曾任|原任|前任|原国家|卸任", "note": LEADER_NOTE})
    return list(out.values())


SHORTHAND_NOTE = "党和国家领导人称全名加职务，不用“姓 + 职务”的简称（由 state_leaders 生成）"


def leader_shorthand(leaders: list[dict[str, Any]], words: list[str]) -> list[dict[str, Any]]:
    """A state leader's surname alone before a national title of theirs (习总书记, 习主席, 李总理): the
    name is written in full; 学习总书记讲话 (学习 + 总书记) and the forces' usage (习主席 among 官兵) pass."""
    out: dict[str, dict[str, Any]] = {}
    for leader in leaders:
        name, own = leader["name"], leader["titles"]
        if len(name) != 3:
            continue  # a two-character name's surname alone is too often someone else's (韩副主席)
        for title in own:
            if title not in words and not (title == "主席" and "国家主席" in own):
                continue
            wrong = f"{name[0]}{title}"
            out.setdefault(wrong, {"wrong": wrong, "right": f"{name}{title}", "level": "error",
                                   "not_preceded_by": "[学练复预见实研补温自演]",
                                   "unless": "军委|军队|部队|官兵|强军|国防|武警|民兵|战士" if title == "主席" else None,
                                   "note": SHORTHAND_NOTE})
    return list(out.values())


class SubstitutionRule(Rule):
    level: ClassVar[str]  # the entries of xinhua.yml with this level

    @cached_property
    def _data(self) -> tuple[Matcher, list[list[dict[str, Any]]]]:
        data = self.policy.wordlist("xinhua", "xinhua").data
        entries = [e for key, items in data.items() if key not in DATA_KEYS for e in items or []]
        listed = {e["wrong"] for e in entries}
        entries += [e for e in ethnic_abbreviations(list(data.get("ethnic_groups") or [])) if e["wrong"] not in listed]
        entries += [e for e in leader_titles(list(data.get("state_leaders") or []), list(data.get("title_words") or []))
                    if e["wrong"] not in listed]
        entries += [e for e in leader_shorthand(list(data.get("state_leaders") or []), list(data.get("title_words") or []))
                    if e["wrong"] not in listed]
        by_wrong: dict[str, list[dict[str, Any]]] = {}
        for e in entries:
            if e["level"] != self.level:
                continue
            by_wrong.setdefault(e["wrong"], []).append({
                **e,
                "followed_by": re.compile(e["followed_by"]) if e.get("followed_by") else None,
                "not_preceded_by": re.compile(f"(?:{e['not_preceded_by']})$") if e.get("not_preceded_by") else None,
                "unless": re.compile(e["unless"]) if e.get("unless") else None,
                "when": re.compile(e["when"]) if e.get("when") else None,
            })
        return Matcher(list(by_wrong)), list(by_wrong.values())

    @staticmethod
    def _applies(e: dict[str, Any], text: str, start: int, end: int) -> bool:
        if e["followed_by"] and not e["followed_by"].match(text, end):
            return False
        if e["not_preceded_by"] and e["not_preceded_by"].search(text, max(0, start - 10), start):
            return False
        if e.get("except") and in_longer_word(text, start, end, e["except"]):
            return False
        if e["unless"] or e["when"]:
            head, tail = sentence_bounds(text, start, end)
            if e["unless"] and e["unless"].search(text, head, tail):
                return False
            if e["when"] and not e["when"].search(text, head, tail):
                return False
        return True

    def matches(self, doc: Document) -> Iterable[tuple[int, int, dict[str, Any]]]:
        """(start, end, entry) in the ORIGINAL text for every entry that applies: on the simplified
        view, and on the compact view where the words are split by spaces or symbols (台 湾 总 统);
        a split across quotation marks is left alone (“八五”普法 is the right form)."""
        matcher, groups = self._data
        view = doc.simplified
        text = view.text
        found: list[tuple[int, int]] = []
        for m in matcher.find(text):
            for e in groups[m.index]:
                if self._applies(e, text, m.start, m.end):
                    start, end = view.span(m.start, m.end)
                    found.append((start, end))
                    yield start, end, e
                    break
        if not _has_split(text):
            return  # no two Chinese characters with a space or symbol between them: nothing split
        compact = doc.compact
        original = doc.article.text
        words = matcher.patterns
        bare = ""  # the text without quotation marks: a word split only by them (“八五”普法) is the right form
        split: dict[int, bool] = {}  # pattern index -> True when the compact view holds more of it (台 湾 总 统)
        for m in matcher.find(compact.text):
            if m.index not in split:
                bare = bare or text.translate(_NO_QUOTES)
                split[m.index] = compact.text.count(words[m.index]) > bare.count(words[m.index])
            if not split[m.index]:
                continue
            start, end = compact.span(m.start, m.end)
            written = original[start:end]
            if len(written) == m.end - m.start or _QUOTES & set(written) or any(
                    s <= start and end <= e for s, e in found):
                continue
            for e in groups[m.index]:
                if self._applies(e, compact.text, m.start, m.end):
                    yield start, end, e
                    break

    def check(self, doc: Document) -> Iterable[Hit]:
        for start, end, e in self.matches(doc):
            note = f"（{e['note']}）" if e.get("note") else ""
            yield Hit(self.id, start, end, self.message(e["wrong"], e["right"], note))

    def message(self, wrong: str, right: str, note: str) -> str:
        raise NotImplementedError
