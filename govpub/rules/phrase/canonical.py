from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from functools import cached_property

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.matching import Matcher, one_edit
from govpub.rules.typo._pinyin import near_homophones

MAX_PARTS = 5  # phrases of up to five enumerated parts are checked for a changed order
MIN_LENGTH = 6  # shorter phrases have legitimate one-character neighbours (依法治国 / 依法治理)
MIN_SHUFFLED = 7  # a phrase's characters in another order: only phrases of seven or more characters without 的
# (法治中国建设 / 中国法治建设 and 平安中国的更高水平 are ordinary word orders)
MISSING = (2, 3)  # a word of two or three characters left out of a phrase registered with its parts
_CJK_ONLY = re.compile(r"[\u4e00-\u9fff]+")
_CJK_LIST = re.compile(r"[\u4e00-\u9fff]+(?:、[\u4e00-\u9fff]+)+")  # 确立习近平同志党中央的核心、全党的核心地位
_RUN_CHAR = re.compile(r"[\u4e00-\u9fff“”、]")
_QUOTES = str.maketrans("", "", "“”‘’")
_NUMERALS = set("一二三四五六七八九十百千〇零0123456789")
_WORDY = re.compile(r"[\u4e00-\u9fff“”‘’、]+")
_PUNCT = re.compile(r"[“”‘’、]")
_QUOTED = re.compile(r"[“‘]([\u4e00-\u9fff]{3,10})[”’]")  # a quoted slogan: “一带一路”, ‘一带一路’
# what parts the items of a list: 、, or nothing between two quoted items (“一国两制”“港人治港”, GB/T 15834 lets
# the 顿号 go between quoted items)
_ITEM_SEP = re.compile(r"、|(?<=”)(?=“)")
_LIST_SEP = re.compile(r"、|”“")


def _quoted(s: str) -> str:
    return s if s.startswith("“") and s.endswith("”") else f"“{s}”"


# a thought named after the leader and a field (习近平法治思想): written with another field word (习近平依法治国思想)
_THOUGHT = re.compile(r"习近平(?P<field>[\u4e00-\u9fff]{2,6}?|新时代中国特色社会主义)思想")
# words that make it no name of a thought: 习近平总书记的思想, 习近平同志关于……思想
_NOT_A_FIELD = ("总书记", "同志", "的", "关于", "和", "与", "及")


def _tail(phrase: str, parts: list[str]) -> str:
    """The fixed ending written after an enumerated phrase's last item (一体建设), or ""."""
    plain = phrase.translate(_QUOTES)
    at = plain.rfind(parts[-1])
    return plain[at + len(parts[-1]):] if at >= 0 else ""


def _crossover(word: str, parts: list[str]) -> bool:
    """True when word is the first half of one item joined to the second half of another, both
    halves of two or more characters (公正执法 from 公正司法 and 严格执法)."""
    for a in parts:
        for b in parts:
            if a == b or len(a) != len(b) or len(word) != len(a):
                continue
            for k in range(2, len(a) - 1):
                if a[:k] != b[:k] and word == a[:k] + b[k:]:
                    return True
    return False


def _homophone_or_swap(window: str, phrase: str) -> bool:
    """True when window (as long as phrase) is phrase with one character replaced by a near
    homophone, or two characters changed (one_edit then admits only a swap of neighbours)."""
    diffs = [i for i in range(len(phrase)) if window[i] != phrase[i]]
    return len(diffs) == 2 or (len(diffs) == 1 and near_homophones(window[diffs[0]], phrase[diffs[0]]))


def _written_item(token: str, right: str, *, first: bool, last: bool) -> str:
    """The item written in a list slot: the first token may carry a verb before the item (坚定生态建设),
    the last may run into the words after it; both are cut where the item's two first or last
    characters put it."""
    if first:
        at = token.rfind(right[:2])
        token = token[at:] if at >= 0 else token[-len(right):]
    if last and len(token) > len(right) and not token.endswith(right[-2:]):
        token = token[:len(right)]
    return token


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
    （“建设法治政府”之于“法治政府建设”）是正常的动宾搭配，不提示。登记了 `parts` 的表述，
    某一部分中间漏掉两三个字（“习近平新时代中国特色主义思想”漏“社会”）同样提示；
    漏掉后恰好是另一条登记表述的（“中国特色社会主义道路”）不提示。并列表述中六个字以上的一项
    （“全面从严治党”“人民当家作主”）单独出现时也检查，但只提示错成同音字或相邻两字颠倒的写法
    （“全面从严治挡”）和相邻两个双字词对调的写法（“从严全面治党”），换成别的字的常是另一个正确说法（“全面依法治市”）。
    文中用顿号列举的一串词语，与一条登记的并列表述（三项以上）对照：四项以上的表述（三项而后接登记的固定结尾的也算，
    “法治国家、法治政府、法治城市一体建设”，第一项换成本地名称的“法治湛江”是地方的提法，不提示）只有一项不同、
    而这一项与其他各项同一格式（“道路自信、理论自信、制度自信、历史自信”），或与原项开头或结尾的两个字相同
    （“……社会建设、生态建设”“全面建成小康社会、全面深化改革……”），提示这一项写错，标出的只是写错的这一项
    （“历史自信”，不含整串，也不含前面的动词），提示中写明应改成的项和整条表述；
    两项互换了后半（“公正执法、严格司法”“港人自治……高度治港”），提示搭配错位，标出互换的几项；四项以上的表述两头都在、
    中间漏了一项（“富强、民主、和谐”），提示漏项，标出整串；登记的较短写法（只讲香港时的“‘一国两制’、‘港人治港’、高度自治”）不算漏项，其中一项写错（“高度自制”）时提示这一项。引号括起的各项之间不加顿号（“一国两制”“港人治港”）也按并列处理。引号中的登记口号字序打乱（“一路一带”）也提示；引号中的数字概括语
    中间多了一两个字（“两个坚决维护”“四个政治意识”）或错了一个同音字（“四个自心”）同样提示。最后一项前用“和”“与”连接（“制度自信和文化自信”）是正常写法。
    含顿号的表述（可以含“的”）用字不变、只是顺序不同的（“确立习近平同志全党的核心、党中央的核心地位”），
    按“词序颠倒”提示。单独出现的一项（“推进严格司法”）、另一串同格式的词语（“法治意识、规则意识……”）不提示。

    以“习近平”开头、“思想”结尾的名称（“习近平依法治国思想”）不是登记的名称（习近平法治思想、习近平经济思想……）之一时也提示。

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
    cited_examples = True  # 错例：“……” / 把“X”写成“Y”: the wrong form quoted by a lesson

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
    def _shuffled(self) -> list[tuple[re.Pattern[str], dict[int, dict[str, str]], dict[int, frozenset[str]] | None]]:
        """Two tables, each a pattern for runs of characters that all occur in some phrase (the only
        places to look) and its phrases by length and sorted characters: phrases of seven or more
        Chinese characters without 的; and enumerated phrases (with 、, 的 allowed), looked for only in
        runs holding a 、 and only in windows that start like the phrase or one of its items."""
        raw = self.policy.wordlist("phrases", "phrases").data["canonical"]
        plain: dict[int, dict[str, str]] = {}
        listed: dict[int, dict[str, str]] = {}
        firsts: dict[int, set[str]] = {}
        chars: set[str] = set()
        list_chars: set[str] = set()
        for entry in raw:
            p = entry if isinstance(entry, str) else entry["phrase"]
            if len(p) < MIN_SHUFFLED:
                continue
            if _CJK_ONLY.fullmatch(p) and "的" not in p:
                plain.setdefault(len(p), {})["".join(sorted(p))] = p
                chars.update(p)
            elif _CJK_LIST.fullmatch(p):
                listed.setdefault(len(p), {})["".join(sorted(p))] = p
                firsts.setdefault(len(p), set()).update(x[0] for x in p.split("、"))
                list_chars.update(p)

        def runs(cls: set[str]) -> re.Pattern[str]:
            return re.compile(f"[{''.join(sorted(cls))}]{{{MIN_SHUFFLED},}}" if cls else r"(?!x)x")

        return [(runs(chars), plain, None),
                (runs(list_chars), listed, {n: frozenset(f) for n, f in firsts.items()})]

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
        for runs, by_length, firsts in self._shuffled:
            if firsts is not None and "、" not in text:
                continue
            for run in runs.finditer(text):
                word = run.group()
                if firsts is not None and "、" not in word:
                    continue
                for length, table in by_length.items():
                    starts = firsts[length] if firsts is not None else None
                    for i in range(len(word) - length + 1):
                        if starts is not None and word[i] not in starts:
                            continue
                        window = word[i:i + length]
                        phrase = table.get("".join(sorted(window)))
                        if phrase is None or window == phrase:
                            continue
                        if any(window == phrase[k:] + phrase[:k] for k in range(1, length)):
                            continue  # the whole turned around: 建设法治政府
                        yield run.start() + i, run.start() + i + length, phrase

    @cached_property
    def _thoughts(self) -> frozenset[str]:
        """The registered names of the leader's thought (习近平法治思想, 习近平经济思想…)."""
        raw = self.policy.wordlist("phrases", "phrases").data["canonical"]
        names = (e if isinstance(e, str) else e["phrase"] for e in raw)
        return frozenset(n for n in names if _THOUGHT.fullmatch(n))

    @cached_property
    def _lists(self) -> tuple[Matcher, list[list[int]], list[tuple[str, list[str]]], frozenset[str]]:
        """The enumerated phrases (three or more items split by 、, quotes dropped) with their items,
        a Matcher over every item of four or more characters or of a four-item list, the formulas
        owning each item, and every registered phrase without quotes (never a wrong item)."""
        raw = self.policy.wordlist("phrases", "phrases").data["canonical"]
        formulas: list[tuple[str, list[str]]] = []
        known: set[str] = set()
        for entry in raw:
            p = entry if isinstance(entry, str) else entry["phrase"]
            known.add(p.translate(_QUOTES))
            tail = "" if isinstance(entry, str) else entry.get("tail", "")
            head = p[:len(p) - len(tail)] if tail and p.endswith(tail) else p
            parts = [x.translate(_QUOTES) for x in head.split("、") if x]
            if len(parts) >= 3 and all(_CJK_ONLY.fullmatch(x) for x in parts):
                formulas.append((p, parts))
        known.update(x for _, parts in formulas for x in parts)
        words: dict[str, list[int]] = {}
        for i, (_, parts) in enumerate(formulas):
            for x in parts:
                words.setdefault(x, []).append(i)
            for a, b in itertools.permutations(parts, 2):  # the crossed items (公正执法), where to look too
                for k in range(2, len(a) - 1):
                    if len(a) == len(b) and a[:k] != b[:k] and a[:k] + b[k:] not in known:
                        words.setdefault(a[:k] + b[k:], []).append(i)
        return Matcher(list(words)), [sorted(set(v)) for v in words.values()], formulas, frozenset(known)

    def _list_hits(self, text: str) -> Iterable[tuple[int, int, str]]:
        """(start, end, message) for enumerations (A、B、C、D in the text) that hold enough items of a
        registered enumerated phrase to be it, yet one item is another word of the same pattern
        (道路自信、理论自信、制度自信、历史自信), or items swapped their halves (公正执法、严格司法;
        港人自治……高度治港)."""
        matcher, owners, formulas, known = self._lists
        if "、" not in text and "”“" not in text:
            return
        hits = [m for m in matcher.find(text)
                if _LIST_SEP.search(text, m.end, m.end + 2) or _LIST_SEP.search(text, max(0, m.start - 2), m.start)]
        # a list item (“港人治港”、), or quoted items written one after another (“一国两制”“港人治港”)
        seen: set[int] = set()
        for m in hits:
            lo = m.start
            while lo > 0 and _RUN_CHAR.match(text, lo - 1):
                lo -= 1
            if lo in seen:
                continue
            seen.add(lo)
            hi = m.end
            while hi < len(text) and _RUN_CHAR.match(text, hi):
                hi += 1
            spans: list[tuple[int, int]] = []
            at = lo
            for sep in _ITEM_SEP.finditer(text, lo, hi):
                spans.append((at, sep.start()))
                at = sep.end()
            spans.append((at, hi))
            tokens = [text[a:b].translate(_QUOTES) for a, b in spans]
            if len(tokens) < 2:
                continue
            for f in sorted({f for x in hits if lo <= x.start < hi for f in owners[x.index]}):
                phrase, parts = formulas[f]
                hit = self._one_list(tokens, parts, known, _tail(phrase, parts))
                if hit is not None:
                    k, j, message, word = hit
                    start, end = spans[k][0], spans[j][1]
                    at = text.find(word, start, end) if word else -1
                    if word and at >= 0:  # one wrong item: that item alone, without a verb before it
                        yield at, at + len(word), message.format(phrase=phrase)
                        break
                    if k == 0 and len(tokens[0]) > len(parts[0]) + 1:  # a verb before the first item
                        start = max(start, spans[0][1] - len(parts[0]))
                    if j == len(tokens) - 1 and len(tokens[j]) > len(parts[-1]) + 1:
                        end = min(end, spans[j][0] + len(parts[-1]))
                    yield start, end, message.format(phrase=phrase)
                    break

    @staticmethod
    def _one_list(tokens: list[str], parts: list[str], known: frozenset[str],
                  tail: str = "") -> tuple[int, int, str, str | None] | None:
        """(first token, last token, message, the wrong item as written or None) when tokens mis-state
        the enumeration parts. A three-item list counts as four when its fixed ending follows it
        (法治国家、法治政府、法治城市一体建设: 一体建设 says which list it is)."""
        n, m = len(parts), len(tokens)

        def fits(i: int, k: int, word: str) -> bool:  # token k in slot i (edge tokens may carry a verb)
            tok = tokens[k]
            return tok == word or (k == 0 and tok.endswith(word)) or (k == m - 1 and tok.startswith(word))

        def trimmed(k: int, length: int) -> str:
            tok = tokens[k]
            if k == 0 and len(tok) > length:
                return tok[-length:]
            if k == m - 1 and len(tok) > length:
                return tok[:length]
            return tok

        suffix = parts[0]
        for x in parts[1:]:
            while suffix and not x.endswith(suffix):
                suffix = suffix[1:]
        for o in range(m - n + 1):  # one item replaced by another word of the same pattern
            slots = [i for i in range(n) if not fits(i, o + i, parts[i])]
            if not slots:
                return None  # the phrase itself
            anchored = bool(tail) and tokens[min(o + n - 1, m - 1)][len(parts[-1]):].startswith(tail)
            # anchored, the first item may be the place's own (法治湛江、法治政府、法治社会一体建设)
            if (n >= 4 or anchored and slots[0] > 0) and len(slots) == 1:
                i = slots[0]
                right = parts[i]
                word = trimmed(o + i, len(right))
                if (len(word) == len(right) and len(tokens[o + i]) <= len(right) + 4
                        and word not in parts and word not in known
                        and _CJK_ONLY.fullmatch(word) and word.endswith(suffix) and len(word) > len(suffix)
                        and (suffix or all(len(x) == 2 for x in parts))):  # same pattern: 自信, 意识, or 富强、民主
                    return o + i, o + i, f"固定表述中的一项写错：“{word}”应为“{right}”（{{phrase}}）", word
                word = _written_item(tokens[o + i], right, first=o + i == 0, last=o + i == m - 1)
                if (len(right) >= 3 and 2 <= len(word) <= len(right) + 4 and _CJK_ONLY.fullmatch(word)
                        and word not in parts and word not in known and (word[:2] == right[:2] or word[-2:] == right[-2:])):
                    # the slot filled with a word sharing the item's first or last two characters
                    # (生态建设 for 生态文明建设, 全面建成小康社会 for 全面建设社会主义现代化国家)
                    return o + i, o + i, f"固定表述中的一项写错：“{word}”应为“{right}”（{{phrase}}）", word
        def near(k: int, word: str) -> bool:  # token k is word with one character a near homophone (高度自制)
            tok = trimmed(k, len(word))
            diffs = [c for c in range(len(word)) if len(tok) == len(word) and tok[c] != word[c]]
            return len(word) >= 4 and len(diffs) == 1 and near_homophones(tok[diffs[0]], word[diffs[0]])

        if n >= 4:  # an item in the middle left out (富强、民主、和谐): the list's two ends are there
            for skip in range(1, n - 1):
                rest = parts[:skip] + parts[skip + 1:]
                for o in range(m - n + 2):
                    # one kept item may be misspelt as well (“一国两制”、“港人治港”、高度自制)
                    misspelt = [i for i, x in enumerate(rest) if not fits(i, o + i, x)]
                    if len(misspelt) == 1 and near(o + misspelt[0], rest[misspelt[0]]) and "、".join(rest) in known:
                        i = misspelt[0]  # a shorter registered form (“一国两制”、“港人治港”、高度自治) misspelt
                        word = trimmed(o + i, len(rest[i]))
                        return o + i, o + i, f"固定表述中的一项写错：“{word}”应为“{rest[i]}”（{{phrase}}）", word
                    if "、".join(rest) in known and not any(parts[skip] in t for t in tokens):
                        continue  # the shorter registered form itself (Hong Kong or Macao alone), not a shuffle
                    if len(misspelt) <= 1 and all(near(o + i, rest[i]) for i in misspelt):
                        return o, o + n - 2, f"固定表述漏了一项“{parts[skip]}”（{{phrase}}）", None
        crossed: list[int] = []
        present = 0
        for k in range(m):
            lengths = {len(x) for x in parts}
            words = {trimmed(k, length) for length in lengths} | {tokens[k]}
            if any(fits(i, k, x) for i, x in enumerate(parts)):
                present += 1
                continue
            if any(w not in known and _crossover(w, parts) for w in words):
                crossed.append(k)
        if len(crossed) >= 2 and (present + len(crossed) >= 3 or n <= 3):  # one crossed item may be another formula's
            return crossed[0], crossed[-1], "固定表述中的词语搭配错位：应为{phrase}", None
        return None

    @cached_property
    def _quoted_slogans(self) -> dict[str, str]:
        """The quoted slogans of the list (“一带一路”, “两个确立”) by their sorted characters: one written
        in double or single quotes with its characters reordered (“一路一带”) is reported."""
        out: dict[str, str] = {}
        for entry in self.policy.wordlist("phrases", "phrases").data["canonical"]:
            p = entry if isinstance(entry, str) else entry["phrase"]
            for q in _QUOTED.findall(p):
                out.setdefault("".join(sorted(q)), q)
        return out

    def _near_slogan(self, inner: str) -> str | None:
        """A registered quoted slogan that the quoted inner is one word off: a word of one or two characters
        put inside it, its head and end kept (“两个坚决维护” for “两个维护”), or one character a near homophone
        (“四个自心”); None for the slogan itself or anything else."""
        for slogan in self._quoted_slogans.values():
            if inner == slogan or len(slogan) < 4:
                continue
            if (0 < len(inner) - len(slogan) <= 2 and inner.startswith(slogan[:2]) and inner.endswith(slogan[2:])
                    and slogan[0] in _NUMERALS | {"两"}):
                return slogan
            if len(inner) == len(slogan) and inner[:2] == slogan[:2]:
                diffs = [i for i in range(len(inner)) if inner[i] != slogan[i]]
                if len(diffs) == 1 and near_homophones(inner[diffs[0]], slogan[diffs[0]]):
                    return slogan
        return None

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
        for start, end, message in self._list_hits(text):
            if any(s < end and start < e for s, e in reported):
                continue
            reported.append((start, end))
            yield doc.hit(self.id, view, start, end, message)
        for t in _THOUGHT.finditer(text) if "思想" in text else ():
            if t.group() in self._thoughts or any(w in t.group("field") for w in _NOT_A_FIELD) \
                    or any(s < t.end() and t.start() < e for s, e in reported):
                continue
            reported.append((t.start(), t.end()))
            near = [name for name in sorted(self._thoughts) if set(name[3:-2]) & set(t.group("field"))]
            right = "“" + "”或“".join(near or sorted(self._thoughts, key=len)) + "”"
            yield doc.hit(self.id, view, t.start(), t.end(), f"“{t.group()}”不是规范名称：应为{right}")
        slogans = self._quoted_slogans
        for q in _QUOTED.finditer(text) if "“" in text or "‘" in text else ():
            inner = q.group(1)
            slogan = slogans.get("".join(sorted(inner)))
            if slogan is None or slogan == inner or any(s < q.end() and q.start() < e for s, e in reported):
                continue
            reported.append((q.start(), q.end()))
            yield doc.hit(self.id, view, q.start(), q.end(), f"固定表述的字序不对：“{inner}”应为“{slogan}”")
        for q in _QUOTED.finditer(text) if "“" in text or "‘" in text else ():
            inner = q.group(1)
            slogan = self._near_slogan(inner)
            if slogan is None or any(s < q.end() and q.start() < e for s, e in reported):
                continue
            reported.append((q.start(), q.end()))
            yield doc.hit(self.id, view, q.start(), q.end(), f"固定表述写错：“{inner}”应为“{slogan}”（概括语的字不能增改）")
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
                if length == n and all(a == b or (b == "、" and a in "和与及") for a, b in zip(window, phrase, strict=True)):
                    continue  # 制度自信和文化自信: the last item joined by 和, an ordinary enumeration
                if phrase in window or any(s <= start and end <= e for s, e in correct):
                    continue  # the phrase itself, or a window inside a correct phrase
                if self._other_place(text, start, end, phrase):
                    continue  # 廉江市人民政府: another registered place's office, not 湛江市人民政府 mistyped
                if any(s < end and start < e for s, e in reported):
                    continue
                reported.append((start, end))
                yield doc.hit(self.id, view, start, end, f"固定表述写错：{_quoted(window)}应为{_quoted(phrase)}")
                break
