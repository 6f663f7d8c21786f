from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from functools import cached_property

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.matching import Matcher
from govpub.rules.typo._pinyin import near_homophones

MAX_PARTS = 5  # phrases of up to five enumerated parts are checked for a changed order
MIN_LENGTH = 6  # shorter phrases have legitimate one-character neighbours (依法治国 / 依法治理)
MIN_SHUFFLED = 7  # a phrase's characters in another order: only phrases of seven or more characters without 的
# (法治中国建设 / 中国法治建设 and 平安中国的更高水平 are ordinary word orders)
MISSING = (2, 3)  # a word of two or three characters left out of a phrase registered with its parts
_CJK_ONLY = re.compile(r"[\u4e00-\u9fff]+")
_NUMERALS = set("一二三四五六七八九十百千〇零0123456789")
_WORDY = re.compile(r"[\u4e00-\u9fff“”‘’、]+")
_PUNCT = re.compile(r"[“”‘’、]")
_QUOTED = re.compile(r"“([\u4e00-\u9fff]{3,10})”")


def _quoted(s: str) -> str:
    return s if s.startswith("“") and s.endswith("”") else f"“{s}”"


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


def _homophone_or_swap(window: str, phrase: str) -> bool:
    """True when window (as long as phrase) is phrase with one character replaced by a near
    homophone, or two characters changed (one_edit then admits only a swap of neighbours)."""
    diffs = [i for i in range(len(phrase)) if window[i] != phrase[i]]
    return len(diffs) == 2 or (len(diffs) == 1 and near_homophones(window[diffs[0]], phrase[diffs[0]]))


def _cjk(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


def _list_start(text: str, at: int, k: int) -> int | None:
    """The start of the word k items before the one at text[at], walking back over 、-separated runs
    of Chinese characters; None when the list is shorter."""
    for _ in range(k):
        if at < 2 or text[at - 1] != "、" or not _cjk(text[at - 2]):
            return None
        at -= 1
        while at > 0 and _cjk(text[at - 1]):
            at -= 1
    return at


def _list_items(text: str, at: int, n: int) -> list[tuple[int, int]]:
    """Up to n 、-separated runs of Chinese characters from text[at]: (start, end) each."""
    items: list[tuple[int, int]] = []
    while len(items) < n:
        end = at
        while end < len(text) and _cjk(text[end]):
            end += 1
        items.append((at, end))
        if end >= len(text) or text[end] != "、":
            break
        at = end + 1
    return items


@rule
class CanonicalRule(Rule):
    """固定政治表述写错一个字、漏字、多字或颠倒。

    ## 作用
    对照 `checks/wordlists/phrases.yml` 的 `canonical`（如“习近平新时代中国特色社会主义思想”
    “中华人民共和国”“中国特色社会主义法治体系”），找出与其只差一处的写法：错一个字
    （“中华人民共合国”）、漏一个字、多一个字或相邻两字颠倒。六个字以下的短语另由错别字表把关。
    与登记的另一个地名重叠的写法（“廉江市人民政府”）是另一个单位的名称，不提示。
    由顿号分隔的几项组成的固定表述（“富强、民主、文明、和谐”“不忘初心、牢记使命”），
    各项顺序改变时（带不带顿号都算）同样提示，最后一项后面的固定结尾在词表中用 `tail` 写明
    （“党的领导、人民当家作主、依法治国 / 有机统一”）；不用顿号的固定表述在词表中用 `parts` 写明各部分
    （如“习近平 / 新时代 / 中国特色 / 社会主义 / 思想”），各部分顺序改变时同样提示。
    不靠登记错误写法：七个字以上、不含“的”的表述，文中一段文字与它用字完全相同、只是顺序不同
    （“人民全过程民主”“国家安全总体观”“法治习近平思想”），按“词序颠倒”提示；整体前后对调的
    （“建设法治政府”之于“法治政府建设”）是正常的动宾搭配，不提示；引号中的登记口号字序打乱（“一路一带”）也提示。
    由顿号分隔的几项（每项三个字以上）组成的固定表述，各项和顺序都对、只有一项换成了别的词，而这个词与原项开头或结尾的两个字相同
    （“道路自信、理论自信、制度自信、历史自信”“……社会建设、生态建设”），按“一项写错”提示；
    另一组说法（“政治建设、思想建设、组织建设……”）有几项不同，不提示。两项之间用词互换的（“公正执法、严格司法”）也提示。登记了 `parts` 的表述，
    某一部分中间漏掉两三个字（“习近平新时代中国特色主义思想”漏“社会”）同样提示；
    漏掉后恰好是另一条登记表述的（“中国特色社会主义道路”）不提示。并列表述中六个字以上的一项
    （“全面从严治党”“人民当家作主”）单独出现时也检查，但只提示错成同音字或相邻两字颠倒的写法
    （“全面从严治挡”）和相邻两个双字词对调的写法（“从严全面治党”），换成别的字的常是另一个正确说法（“全面依法治市”）。

    ## 原因
    第五条（三）：政治性表述错误；固定表述写错属于“严重表述错误”，是国家政府网站检查的
    单项否决项。

    ## 示例
    `深入学习贯彻习近平新时代中国特色社会主意思想`。

    ## 修改方法
    改为提示的规范表述。
    """

    id = "phrase.canonical"
    title = "固定表述"
    article = "第五条（三）"

    @cached_property
    def _reordered(self) -> tuple[Matcher, list[str]]:
        """Every other order of the parts of an enumerated phrase, with and without 、."""
        raw = self.policy.wordlist("phrases", "phrases").data["canonical"]
        patterns: list[str] = []
        owners: list[str] = []
        for entry in raw:
            p = entry if isinstance(entry, str) else entry["phrase"]
            given = None if isinstance(entry, str) else entry.get("parts")
            tail = "" if isinstance(entry, str) else entry.get("tail", "")
            head = p[:len(p) - len(tail)] if tail and p.endswith(tail) else p
            parts = list(given) if given else [x for x in head.split("、") if x]
            if not 2 <= len(parts) <= MAX_PARTS:
                continue
            for order in itertools.permutations(parts):
                if list(order) == parts:
                    continue
                for sep in ("、", "") if not given else ("",):
                    patterns.append(sep.join(order) + tail)
                    owners.append(p)
        for item in sorted(self._items):  # two neighbouring two-character words swapped: 从严全面治党
            for k in range(0, len(item) - 3, 2):
                swapped = item[:k] + item[k + 2:k + 4] + item[k:k + 2] + item[k + 4:]
                if all(swapped != item[r:] + item[:r] for r in range(1, len(item))):
                    patterns.append(swapped)
                    owners.append(item)
        return Matcher(patterns), owners

    @cached_property
    def _shuffled(self) -> tuple[re.Pattern[str], dict[int, dict[str, str]]]:
        """Phrases of seven or more Chinese characters (without 的) by length and sorted characters, and a
        pattern for runs of characters that all occur in some phrase (the only places to look)."""
        raw = self.policy.wordlist("phrases", "phrases").data["canonical"]
        by_length: dict[int, dict[str, str]] = {}
        chars: set[str] = set()
        for entry in raw:
            p = entry if isinstance(entry, str) else entry["phrase"]
            if len(p) >= MIN_SHUFFLED and _CJK_ONLY.fullmatch(p) and "的" not in p:
                by_length.setdefault(len(p), {})["".join(sorted(p))] = p
                chars.update(p)
        cls = "".join(sorted(chars))
        return re.compile(f"[{cls}]{{{MIN_SHUFFLED},}}" if cls else r"(?!x)x"), by_length

    @cached_property
    def _missing(self) -> tuple[Matcher, list[str]]:
        """Every phrase registered with parts, with two or three characters inside one part left
        out (习近平新时代中国特色主义思想): the forms and their phrases."""
        raw = self.policy.wordlist("phrases", "phrases").data["canonical"]
        known = {e if isinstance(e, str) else e["phrase"] for e in raw}
        forms: dict[str, str] = {}
        for entry in raw:
            if isinstance(entry, str) or not entry.get("parts"):
                continue
            phrase, at = entry["phrase"], 0
            for part in entry["parts"]:
                for k in MISSING:
                    for i in range(len(part) - k + 1):
                        gone = part[i:i + k]
                        if gone == part or set(gone) & _NUMERALS:
                            continue
                        form = phrase[:at + i] + phrase[at + i + k:]
                        if len(form) >= MIN_SHUFFLED and form not in known:
                            forms.setdefault(form, phrase)
                at += len(part)
        return Matcher(list(forms)), list(forms.values())

    def _shuffled_hits(self, text: str) -> Iterable[tuple[int, int, str]]:
        """(start, end, phrase) of windows holding a phrase's characters in another order that is
        not the phrase turned around as a whole (建设法治政府 is right)."""
        runs, by_length = self._shuffled
        for run in runs.finditer(text):
            word = run.group()
            for length, table in by_length.items():
                for i in range(len(word) - length + 1):
                    window = word[i:i + length]
                    phrase = table.get("".join(sorted(window)))
                    if phrase is None or window == phrase:
                        continue
                    if any(window == phrase[k:] + phrase[:k] for k in range(1, length)):
                        continue  # the whole turned around: 建设法治政府
                    yield run.start() + i, run.start() + i + length, phrase

    @cached_property
    def _enumerations(self) -> tuple[Matcher, list[tuple[str, list[str]]]]:
        """Enumerated phrases of three or more items of three or more characters each (道路自信、理论自信、
        制度自信、文化自信), found by any of their items: (the items, the phrase and its items per item)."""
        raw = self.policy.wordlist("phrases", "phrases").data["canonical"]
        items: list[str] = []
        owners: list[tuple[str, list[str]]] = []
        for entry in raw:
            p = entry if isinstance(entry, str) else entry["phrase"]
            tail = "" if isinstance(entry, str) else entry.get("tail", "")
            head = p[:len(p) - len(tail)] if tail and p.endswith(tail) else p
            parts = [x for x in head.split("、") if x]
            if len(parts) >= 3 and all(len(x) >= 3 and _CJK_ONLY.fullmatch(x) for x in parts):
                for x in parts:
                    items.append(x)
                    owners.append((head, parts))
        return Matcher(items), owners

    def _replaced_item_hits(self, text: str) -> Iterable[tuple[int, int, str, str]]:
        """(start, end, written item, right item) where an enumerated phrase is written with all its items
        in order but one, and that one shares the right item's first or last two characters (历史自信 for
        文化自信, 生态建设 for 生态文明建设, 全面建成小康社会 for 全面建设社会主义现代化国家): the same slot
        filled with another word. A list of another slogan (政治建设、思想建设、组织建设……) has several
        items different and passes."""
        matcher, owners = self._enumerations
        seen: set[tuple[int, str]] = set()
        for m in matcher.find(text):
            head, parts = owners[m.index]
            k = parts.index(text[m.start:m.end])
            first = _list_start(text, m.start, k)  # where the list's first item starts
            if first is None or (first, head) in seen:
                continue
            seen.add((first, head))
            items = _list_items(text, first, len(parts))
            if len(items) != len(parts):
                continue
            written = [text[x:y] for x, y in items]
            last = len(parts) - 1
            same = [written[i] == parts[i] or (i == 0 and written[0].endswith(parts[0]))
                    or (i == last and written[i].startswith(parts[i])) for i in range(len(parts))]
            if same.count(False) == 2:  # two items' words traded (公正执法、严格司法 for 严格执法、公正司法)
                i, j = (k for k in range(len(parts)) if not same[k])
                wi = written[i][-len(parts[i]):] if i == 0 else written[i][:len(parts[i])] if i == last else written[i]
                wj = written[j][:len(parts[j])] if j == last else written[j]
                if (len(wi), len(wj)) == (len(parts[i]), len(parts[j])) and sorted(wi + wj) == sorted(
                        parts[i] + parts[j]):
                    start = items[i][0] + (len(written[i]) - len(wi) if i == 0 else 0)
                    yield start, items[j][0] + len(wj), text[start:items[j][0] + len(wj)], \
                        f"{parts[i]}、…、{parts[j]}" if j > i + 1 else f"{parts[i]}、{parts[j]}"
                continue
            if same.count(False) != 1:
                continue
            i = same.index(False)
            start, end = items[i]
            right = parts[i]
            if i == 0:  # the first item may follow a verb (坚定历史自信): from the shared start on
                shared = written[0].rfind(right[:2])
                start += shared if shared >= 0 else max(0, len(written[0]) - len(right))
            if i == last and text[end - 2:end] != right[-2:]:
                end = min(end, start + len(right))  # the last item may run into the next words
            wrote = text[start:end]
            if wrote != right and (wrote[:2] == right[:2] or wrote[-2:] == right[-2:]):
                yield start, end, wrote, right

    @cached_property
    def _quoted_slogans(self) -> dict[str, str]:
        """The quoted slogans of the list (“一带一路”, “两个确立”) by their sorted characters."""
        raw = self.policy.wordlist("phrases", "phrases").data["canonical"]
        out: dict[str, str] = {}
        for entry in raw:
            p = entry if isinstance(entry, str) else entry["phrase"]
            for q in re.findall(r"“([\u4e00-\u9fff]{3,10})”", p):
                out.setdefault("".join(sorted(q)), q)
        return out

    @cached_property
    def _items(self) -> frozenset[str]:
        """The items of six or more characters of enumerated phrases (全面从严治党 of the 四个全面),
        checked on their own for one homophone or two swapped characters only: their other one-character
        neighbours are often right (全面依法治市)."""
        raw = self.policy.wordlist("phrases", "phrases").data["canonical"]
        items: set[str] = set()
        for entry in raw:
            p = entry if isinstance(entry, str) else entry["phrase"]
            tail = "" if isinstance(entry, str) else entry.get("tail", "")
            head = p[:len(p) - len(tail)] if tail and p.endswith(tail) else p
            parts = [x for x in head.split("、") if x]
            if len(parts) >= 2:
                items.update(x for x in parts if len(x) >= MIN_LENGTH and _CJK_ONLY.fullmatch(x))
        return frozenset(items)

    @cached_property
    def _data(self) -> tuple[list[str], Matcher, Matcher, list[tuple[int, bool]]]:
        raw = self.policy.wordlist("phrases", "phrases").data["canonical"]
        phrases = [p if isinstance(p, str) else p["phrase"] for p in raw]
        phrases += sorted(self._items - set(phrases))
        long_ = [p for p in phrases if len(p) >= MIN_LENGTH]
        halves: list[str] = []
        owners: list[tuple[int, bool]] = []  # (phrase index, is first half)
        for i, p in enumerate(long_):
            mid = len(p) // 2
            halves += [p[:mid], p[mid:]]
            owners += [(i, True), (i, False)]
        return long_, Matcher(phrases), Matcher(halves), owners

    @cached_property
    def _places(self) -> tuple[Matcher, int]:
        """Registered place names and short names (廉江市, 廉江…), and the longest length."""
        words: set[str] = set()
        for p in self.policy.places.data["places"]:
            words.add(p["name"])
            if p.get("short"):
                words.add(p["short"])
        return Matcher(sorted(words), pooled=False), max(map(len, words), default=1)  # run on a few windows

    def _other_place(self, text: str, start: int, end: int, phrase: str) -> bool:
        """True when a registered place that the phrase does not hold overlaps text[start:end]."""
        places, longest = self._places
        lo = max(0, start - longest)
        return any(places.patterns[m.index] not in phrase and lo + m.start < end and start < lo + m.end
                   for m in places.find(text[lo:end + longest]))

    def check(self, doc: Document) -> Iterable[Hit]:
        phrases, exact, halves, owners = self._data
        view = doc.simplified
        text = view.text
        correct = [(m.start, m.end) for m in exact.find(text)]
        reported: list[tuple[int, int]] = []
        reorder, owners_of = self._reordered
        for m in reorder.find(text):
            if any(s <= m.start and m.end <= e for s, e in correct) or any(
                    s < m.end and m.start < e for s, e in reported):
                continue
            reported.append((m.start, m.end))
            yield doc.hit(self.id, view, m.start, m.end,
                          f"固定表述的顺序不对：“{text[m.start:m.end]}”应为“{owners_of[m.index]}”")
        for start, end, phrase in self._shuffled_hits(text):
            if any(s <= start and end <= e for s, e in correct) or any(s < end and start < e for s, e in reported):
                continue
            reported.append((start, end))
            yield doc.hit(self.id, view, start, end, f"固定表述的词序不对：“{text[start:end]}”应为“{phrase}”")
        forms, form_owners = self._missing
        for m in forms.find(text):
            if any(s <= m.start and m.end <= e for s, e in correct) or any(
                    s < m.end and m.start < e for s, e in reported):
                continue
            reported.append((m.start, m.end))
            yield doc.hit(self.id, view, m.start, m.end,
                          f"固定表述漏字：“{text[m.start:m.end]}”应为“{form_owners[m.index]}”")
        for start, end, wrote, right in self._replaced_item_hits(text):
            if any(s < end and start < e for s, e in reported):
                continue
            reported.append((start, end))
            yield doc.hit(self.id, view, start, end,
                          f"固定表述中{'两项的用词颠倒' if '、' in wrote else '的一项写错'}：“{wrote}”应为“{right}”（各项及顺序固定）")
        slogans = self._quoted_slogans
        for q in _QUOTED.finditer(text) if "“" in text else ():
            inner = q.group(1)
            slogan = slogans.get("".join(sorted(inner)))
            if slogan is not None and slogan != inner and not any(s < q.end() and q.start() < e for s, e in reported):
                reported.append((q.start(), q.end()))
                yield doc.hit(self.id, view, q.start(), q.end(), f"固定表述的字序不对：“{inner}”应为“{slogan}”")
        for h in halves.find(text):
            index, first = owners[h.index]
            phrase = phrases[index]
            if text.startswith(phrase, h.start) if first else text.endswith(phrase, 0, h.end):
                continue  # the phrase itself: every window below contains it or lies inside it
            n = len(phrase)
            for length in (n, n - 1, n + 1):
                start = h.start if first else h.end - length
                end = start + length
                if start < 0 or end > len(text):
                    continue
                window = text[start:end]
                if phrase in self._items and (length != n or not _homophone_or_swap(window, phrase)):
                    continue  # 全面依法治市 is right; 全面从严治挡 is not
                if not _WORDY.fullmatch(window) or not one_edit(window, phrase):
                    continue
                if length == n and any(a == "的" != b for a, b in zip(window, phrase, strict=True)):
                    continue  # 中国的现代化: 的 in place of a word's character makes another phrase
                if _PUNCT.sub("", window) == _PUNCT.sub("", phrase):
                    continue  # only punctuation differs: punct.* reports that
                if phrase in window or any(s <= start and end <= e for s, e in correct):
                    continue  # the phrase itself, or a window inside a correct phrase
                if self._other_place(text, start, end, phrase):
                    continue  # 廉江市人民政府: another registered place's office, not 湛江市人民政府 mistyped
                if any(s < end and start < e for s, e in reported):
                    continue
                reported.append((start, end))
                yield doc.hit(self.id, view, start, end, f"固定表述写错：{_quoted(window)}应为{_quoted(phrase)}")
                break
