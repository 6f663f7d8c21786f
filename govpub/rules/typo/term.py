from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.matching import Matcher
from govpub.rules.phrase.canonical import CanonicalRule
from govpub.rules.typo._idioms import idioms
from govpub.rules.typo._pinyin import (
    common_word,
    main_homophones,
    main_reading,
    near_homophones,
    sound_key,
)
from govpub.rules.typo._words import everyday_readings, everyday_word
from govpub.rules.typo.char import CharRule
from govpub.rules.typo.leader import SURNAMES
from govpub.rules.typo.place import PlaceRule
from govpub.rules.typo.word import WordRule

_CJK = re.compile(r"[\u4e00-\u9fff]+")
_TITLE = re.compile(r"《([^《》〈〉\n]{4,40})》")
MIN_LENGTH = 4  # shorter terms have ordinary homophone neighbours (调解 / 调节)


def _joins_neighbour(text: str, start: int, end: int, diff: int) -> bool:
    """A wrong first or last character that makes a common word with the character outside the
    window belongs to the next word: 坚持不泄露 is not 坚持不懈 mistyped."""
    if diff == 0 and start > 0:
        pair = text[start - 1:start + 1]
    elif diff == end - start - 1 and end < len(text):
        pair = text[end - 1:end + 1]
    else:
        return False
    return common_word(pair) or everyday_word(pair)


# words after a person's name (严丽同志, 郑明律师)
_AFTER_NAME = ("同志", "先生", "女士", "律师", "法官", "检察官", "警官", "主任", "书记", "所长", "说", "表示", "介绍")


def _a_name(text: str, start: int) -> bool:
    """True when a two-character window at text[start] reads as a person's name: it begins with a
    common surname and stands as a word of two or three characters (郑明辉 in a duty table) or is
    followed by a title (严丽同志)."""
    if text[start:start + 1] not in SURNAMES:
        return False
    run = _CJK.match(text, start)
    begins = start == 0 or not _CJK.match(text, start - 1)
    return bool(begins and run and len(run.group()) <= 3) or text.startswith(_AFTER_NAME, start + 2) \
        or text.startswith(_AFTER_NAME, start + 3) and bool(_CJK.match(text, start + 2))


def _in_title(text: str, at: int) -> bool:
    """True inside 《…》 on the same line."""
    head = text[max(text.rfind("\n", 0, at), 0):at]
    return head.rfind("《") > head.rfind("》")


def _law_names(laws: Iterable[str]) -> list[str]:
    """The registered laws' full names and their short forms (中华人民共和国社区矫正法 and 社区矫正法), in
    list order: drafts cite either, inside 《》 or not."""
    names: dict[str, None] = {}
    for law in laws:
        names[law] = None
        short = law.removeprefix(_STATE)
        if short != law:
            names[short] = None
    return list(names)


_STATE = "中华人民共和国"
# a conjunction or particle after a word: 初审和 is 初审 + 和, not 审核 mistyped
_JOINERS = frozenset("和与及同跟并或的了着过")
# characters that end a thing's name rather than a unit's (办公楼, 办公区, 执法车, 公证费)
_THING_ENDS = frozenset("楼区桌椅费用品场地点时间网房门口车证章印址栏位号"
                        "科股处室部办所局厅组队站庭委"  # ... or a unit's level, another organ's (管理股, 管理处)
                        "省市县区镇乡村街居"  # ... or a place the organ acts on (司法局组织镇（街道）)
                        # ... or a person, a body or a thing named after the unit's work (公证员, 研究会, 档案馆)
                        "员者会馆师人家官生手士工户商厂院社团班库台刊报册书表单卡金款税价率量数度期届层级类型式"
                        "法规则令案件事项情物品具器械机船办科校")
# the end of an organ's name, after which its units are named (司法局办公室, 司法厅政治部)
_ORGAN_END = re.compile(r"(?:局|厅|院|委员会|人民政府|区委|市委|县委)(?=[\u4e00-\u9fff])")
# the kinds of document a title in 《》 ends with (GB/T 9704 and the Legislation Law's names)
_KINDS = ("条例", "规定", "办法", "细则", "通则", "规则", "决定", "意见", "通知", "纲要", "规划", "方案", "解释",
          "批复", "公告", "章程", "守则", "准则", "指南", "指引", "清单", "规程", "决议", "措施", "通告", "通报",
          "报告", "纪要", "函")


def _kind_one_off(title: str) -> str | None:
    """The kind of document a title's last two characters are one character off (通侧 for 通则, 办发 for
    办法; the homophones first, else every kind that fits: 通则, 通知, 通告, 通报), where those two
    characters are no word (a book's or a case list's title ends with a word: 《典型案例》) and the title
    is six characters or more."""
    end = title[-2:]
    if len(title) < 6 or end in _KINDS or title.endswith(("法", "典")) \
            or not _CJK.fullmatch(end) or common_word(end) or everyday_word(end):
        return None
    found = [k for k in _KINDS if len(k) == 2 and (k[0] == end[0]) != (k[1] == end[1])]
    alike = [k for k in found if k[0] != end[0] and near_homophones(k[0], end[0])
             or k[1] != end[1] and near_homophones(k[1], end[1])]
    return "”或“".join(alike or found) or None


@dataclass(frozen=True)
class _Half:
    """The terms one half begins or ends (performance only): for each length of the other half,
    that other half with one character left out, (position, rest) -> owners (2 x term index, + 1
    when the half is the term's second half)."""

    after: dict[int, dict[tuple[int, str], list[int]]]  # the half is the term's first half
    before: dict[int, dict[tuple[int, str], list[int]]]  # the half is its second half
    # per length of the other half: the characters its owners have at each position (a written
    # other half with two positions outside these is one character off none of them)
    after_chars: dict[int, list[set[str]]] = field(default_factory=dict)
    before_chars: dict[int, list[set[str]]] = field(default_factory=dict)


def _one_off(text: str, start: int, end: int, half: _Half) -> list[int]:
    """The owners of a half found at text[start:end] whose other half is written beside it with at
    most one character different, in the order the halves were listed."""
    found: list[int] = []
    for length, keys in half.after.items():
        other = text[end:end + length]
        if len(other) == length and _near(other, half.after_chars[length]):
            for j in range(length):
                found += keys.get((j, other[:j] + other[j + 1:]), ())
    for length, keys in half.before.items():
        if start >= length:
            other = text[start - length:start]
            if _near(other, half.before_chars[length]):
                for j in range(length):
                    found += keys.get((j, other[:j] + other[j + 1:]), ())
    return sorted(set(found)) if len(found) > 1 else found


def _near(other: str, chars: list[set[str]]) -> bool:
    """False when two or more characters of other are at no owner's position (a quick reject)."""
    missing = 0
    for c, allowed in zip(other, chars, strict=True):
        if c not in allowed:
            missing += 1
            if missing > 1:
                return False
    return True


@rule
class TermRule(Rule):
    """法律和政务术语中错了一个同音字。

    ## 作用
    对照 `checks/wordlists/typos.yml` 的 `terms`（四个字以上的法律、政务术语，如“取保候审”
    “社区矫正”“人民调解委员会”“行政复议”），找出其中一个字被换成同音字的写法：
    “取保侯审”“社区较正”“人民调节委员会”“行政复仪”，也包括南方口音拼音输入常见的近音字
    （平翘舌 z/zh、c/ch、s/sh，n/l，前后鼻音：“法律援组”“司法监定”），以及换成 `lookalikes` 中形近字的写法
    （“入民调解”“末成年人保护”“综合冶理”）。不需要把每一种错法都写进错别字表，
    术语表里只写正确写法。`idioms` 中的成语和四字格（“行之有效”“刻不容缓”）按同样方法检查：
    “行之有校”“刻不容换”。`phrases.yml` 的 `laws` 中登记的法律全称和去掉“中华人民共和国”的简称也按同样方法检查：
    “《中华人民共和国预防未成年人犯最法》”“《社区校正法》”；书名号中的法律名称漏了一两个字（“《中华人民共和国治安处罚法》”）
    或把“法”写成“条例”“规定”“办法”（“《中华人民共和国社区矫正条例》”，没有这个名称的法规；
    “法”前的一两个字也漏了的：“《中华人民共和国治安管理条例》”）也提示。
    `national_names` 中党和国家领导人的三字姓名错一个同音字（“习进平”）在任何位置都提示。
    `short_terms` 中两三个字的常用词（“防汛”“农民工”“仲裁”）按同样方法检查，错法由程序从正确写法生成
    （换成读音相近的常用字或形近字：“防迅”“农名工”）；换字后本身是词的（“公正”）、窗口边上的字与外面的字连成词的
    （“行政复议”中的“政复”，“群众裁定”中的“众裁”）不提示。换成既不同音、也不形近的字（可能是另一个词）不提示；与表中另一个术语一字不差时
    也不提示。
    `short_terms` 也收公文和办事指南的常用动词、形容词（“杜绝”“遏制”“拨打”“淡薄”）；两个字的词以常见姓氏开头、
    单独成词或后接“同志”“律师”等称谓的（值班表中的“郑明辉”，“严丽同志”）是人名，书名号中的法律名称另行整体检查，都不提示。
    `idioms` 也收五个字以上的俗语和讲话中的固定说法（“化干戈为玉帛”“打铁还需自身硬”“把权力关进制度的笼子”），错一个同音字同样提示。

    ## 原因
    第五条：严禁出现错字；法律术语写错会改变含义，也是政府网站检查中常见的扣分项。

    ## 示例
    `犯罪嫌疑人已被取保侯审。`、`司法所开展社区较正对象教育学习。`、`推动各项工作行之有校。`、`落实农名工工资专用账户。`

    ## 修改方法
    改为提示的正确术语或成语。术语表有遗漏或误报时，由局办公室修改 typos.yml 的 terms 或 idioms。
    """

    id = "typo.term"
    title = "术语同音错字"
    article = "第五条（四）"
    cited_examples = True  # 错例：“……” / 把“X”写成“Y”: the wrong form quoted by a lesson

    @cached_property
    def _data(self) -> tuple[list[str], Matcher, Matcher, list[_Half], set[str]]:
        data = self.policy.wordlist("typos", "typos").data
        idioms = [t for t in data.get("idioms") or [] if len(t) >= MIN_LENGTH]
        terms = [t for t in data.get("terms") or [] if len(t) >= MIN_LENGTH] + idioms
        listed = set(terms)
        terms += [t for t in _law_names(self.policy.wordlist("phrases", "phrases").data.get("laws") or [])
                  if len(t) >= MIN_LENGTH and t not in listed]
        ids: dict[str, int] = {}
        halves: list[_Half] = []
        for i, t in enumerate(terms):
            mid = len(t) // 2
            for first, half, other in ((True, t[:mid], t[mid:]), (False, t[mid:], t[:mid])):
                if half not in ids:
                    ids[half] = len(halves)
                    halves.append(_Half({}, {}))
                plan = halves[ids[half]]
                keys = plan.after if first else plan.before
                chars = (plan.after_chars if first else plan.before_chars).setdefault(
                    len(other), [set() for _ in other])
                for j, c in enumerate(other):
                    chars[j].add(c)
                for j in range(len(other)):  # the other half with character j left out
                    keys.setdefault(len(other), {}).setdefault((j, other[:j] + other[j + 1:]), []).append(
                        2 * i + (0 if first else 1))
        # the halves (mostly two characters) match some 250 times an article: scanned on their own, not
        # handed out one by one from the shared automaton (performance only)
        return terms, Matcher(terms), Matcher(list(ids), pooled=False), halves, set(idioms)

    @cached_property
    def _laws(self) -> frozenset[str]:
        return frozenset(_law_names(self.policy.wordlist("phrases", "phrases").data.get("laws") or []))

    @cached_property
    def _law_variants(self) -> dict[str, str]:
        """Registered law names (full and short) with one or two neighbouring characters left out
        (中华人民共和国治安处罚法 for …治安管理处罚法), or a full name with 法 written as 条例/规定/办法
        (中华人民共和国社区矫正条例): the wrong titles a draft cites, each with its law. Forms that are
        registered laws themselves (劳动法 inside 劳动合同法) are left out, and so are forms shorter than
        five characters (abbreviations such as 刑诉法 are not cited in 《》 as titles)."""
        laws = self._laws
        out: dict[str, str] = {}
        for law in sorted(laws, key=len):
            if not law.endswith("法"):
                continue
            for k in (1, 2):
                for i in range(len(law) - k - 1):  # never the final 法
                    form = law[:i] + law[i + k:]
                    if len(form) >= 5 and form not in laws:
                        out.setdefault(form, law)
            if law.startswith(_STATE):  # a short name with 条例 may be a State Council regulation of the past
                for suffix in ("条例", "规定", "办法"):
                    if law[:-1] + suffix not in laws:
                        out.setdefault(law[:-1] + suffix, law)
                    # ... also with the word before 法 left out (中华人民共和国治安管理条例: 治安管理处罚法)
                    for k in (1, 2):
                        form = law[:-1 - k] + suffix
                        if len(form) - len(_STATE) >= 4 and form not in laws:
                            out.setdefault(form, law)
        return out

    @cached_property
    def _national(self) -> list[str]:
        return [n for n in self.policy.wordlist("typos", "typos").data.get("national_names") or [] if len(n) == 3]

    def _national_names(self, doc: Document) -> Iterable[Hit]:
        """A national leader's three-character name with one character a homophone (习进平), found
        from the two characters kept in place; not where the window is a word or its first character
        belongs to the word before (学习近…)."""
        view = doc.simplified
        text = view.text
        seen: set[int] = set()
        for name in self._national:
            a, b, c = name[0], name[1], name[2]
            starts: set[int] = set()
            for pair, offset in ((a + b, 0), (b + c, 1)):
                at = text.find(pair)
                while at >= 0:
                    starts.add(at - offset)
                    at = text.find(pair, at + 1)
            at = text.find(a)
            while at >= 0:
                if text[at + 2:at + 3] == c:
                    starts.add(at)
                at = text.find(a, at + 1)
            for start in sorted(starts):
                window = text[start:start + 3]
                if start < 0 or start in seen or len(window) < 3 or window == name or not _CJK.fullmatch(window):
                    continue
                diffs = [i for i in range(3) if window[i] != name[i]]
                if len(diffs) != 1 or not near_homophones(window[diffs[0]], name[diffs[0]]):
                    continue
                if common_word(window) or (start > 0 and diffs[0] == 0 and _joins_neighbour(text, start, start + 3, 0)):
                    continue
                seen.add(start)
                yield doc.hit(self.id, view, start, start + 3, f"领导人姓名“{window}”有同音错字：应为“{name}”")

    @cached_property
    def _implementing(self) -> dict[str, list[str]]:
        """The registered regulations that implement a law (typos.yml law_articles: 行政复议法实施条例,
        社区矫正法实施办法), by the law's short name + 实施: the right endings."""
        out: dict[str, list[str]] = {}
        for name in self.policy.wordlist("typos", "typos").data.get("law_articles") or {}:
            head, sep, ending = name.removeprefix(_STATE).partition("法实施")
            if sep and ending:
                out.setdefault(head + sep, []).append(ending)
        return out

    def _law_titles(self, doc: Document) -> Iterable[Hit]:
        """《…》 titles that are a registered law with a word left out or with 法 turned into 条例, a
        registered law's implementing regulation with another ending (社区矫正法实施细则 for …实施办法),
        or a title whose kind of document at its end is one character off (司法鉴定程序通侧)."""
        view = doc.simplified
        text = view.text
        if "《" not in text:
            return
        variants = self._law_variants
        implementing = self._implementing
        for m in _TITLE.finditer(text):
            title = m.group(1)
            law = variants.get(title)
            if law is not None:
                yield doc.hit(self.id, view, m.start(1), m.end(1),
                              f"法律名称“{title}”写错：应为“{law}”（没有这个名称的法律或法规）")
                continue
            head, sep, ending = title.removeprefix(_STATE).partition("法实施")
            endings = implementing.get(head + sep)
            if sep and endings and ending not in endings and ending in _KINDS:
                yield doc.hit(self.id, view, m.start(1), m.end(1),
                              f"法规名称“{title}”写错：{head}法的实施性法规是“{head}法实施{'”“'.join(endings)}”，"
                              f"没有“{head}法实施{ending}”：请核对名称")
                continue
            kind = _kind_one_off(title)
            if kind is not None:
                yield doc.hit(self.id, view, m.end(1) - 2, m.end(1),
                              f"文件名称“{title}”末尾的文种“{title[-2:]}”有错字：应为“{kind}”")

    @cached_property
    def _short_variants(self) -> tuple[Matcher, list[tuple[str, int]]]:
        """typos.yml's short_terms (two or three characters: 防汛, 农民工) with one character
        replaced by every everyday character that sounds alike or is a listed look-alike (防迅,
        农名工), generated here from the correct forms: a matcher and, per variant, (term, position
        changed)."""
        terms = [t for t in self.policy.wordlist("typos", "typos").data.get("short_terms") or [] if 2 <= len(t) <= 3]
        # main readings only (款 is no 薪 by its rare reading xin); the southern confusions (zh/z, in/ing) only
        # for three characters: two-character words one folded sound off are too often other words (胜诉, 释法)
        readings = everyday_readings()
        by_sound: dict[str, set[str]] = {}
        by_reading: dict[str, set[str]] = {}
        for ch, reading in readings.items():
            by_sound.setdefault(sound_key(reading), set()).add(ch)
            by_reading.setdefault(reading, set()).add(ch)
        lookalikes = self._lookalikes
        variants: dict[str, tuple[str, int]] = {}
        for term in terms:
            for j, right in enumerate(term):
                reading = readings.get(right) or main_reading(right)
                alike = (by_sound.get(sound_key(reading), set()) if len(term) == 3
                         else by_reading.get(reading, set())) | set(lookalikes.get(right, ""))
                for wrote in sorted(alike - {right}):
                    form = term[:j] + wrote + term[j + 1:]
                    if form not in terms:
                        variants.setdefault(form, (term, j))
        return Matcher(list(variants)), list(variants.values())

    def _short_terms(self, doc: Document) -> Iterable[Hit]:
        """A short term one homophone or look-alike off (农名工, 防迅转移), where no character at the
        window's edge makes a word with the character outside it, nor the changed one with its
        neighbours (群众裁定 is no 仲裁 mistyped: 群众 is a word; 行政复议 holds no 政府: 行政 is)."""
        matcher, owners = self._short_variants
        view = doc.simplified
        text = view.text
        for m in matcher.find(text):
            term, j = owners[m.index]
            if common_word(text[m.start:m.end]) or everyday_word(text[m.start:m.end]):
                continue  # the variant is a word itself (公正 for 公证): checked here, not when generating (cost)
            at = m.start + j
            if j == len(term) - 1 and text[at] in _JOINERS:
                continue  # 初审和市司法局审核: a word and a conjunction, not 审核 mistyped
            pairs = (text[at - 1:at + 1] if at > 0 else "", text[at:at + 2],  # the changed character's
                     text[m.start - 1:m.start + 1] if j > 0 and m.start > 0 else "",  # an unchanged edge's
                     text[m.end - 1:m.end + 1] if j < len(term) - 1 else "")
            if any(len(p) == 2 and (everyday_word(p) or common_word(p)) for p in pairs):
                continue
            if any(len(w) == 3 and common_word(w) for w in (text[max(at - 2, 0):at + 1], text[at:at + 3])):
                continue
            if any(text[s:s + 4] in self._idioms for s in range(max(0, m.end - 4), m.start + 1)):
                continue  # inside an idiom written right (死灰复燃 holds 灰复, not 恢复 mistyped)
            if len(term) == 2 and (_a_name(text, m.start) or _in_title(text, m.start)):
                continue  # 郑明辉 (a lawyer on duty), not 证明; a law's title is checked whole (《行政复仪法》)
            wrote = text[at]
            how = "同音" if main_homophones(wrote, term[j]) else "形近"
            yield doc.hit(self.id, view, m.start, m.end, f"术语“{text[m.start:m.end]}”有{how}错字：应为“{term}”")

    @cached_property
    def _idioms(self) -> frozenset[str]:
        """The four-character idioms and words of typo.idiom's generated list."""
        return frozenset(idioms()[0])

    @cached_property
    def _lookalikes(self) -> dict[str, str]:
        """typos.yml's lookalikes: a right character -> the characters it is mistyped as by shape."""
        return dict(self.policy.wordlist("typos", "typos").data.get("lookalikes") or {})

    @cached_property
    def _canonical(self) -> CanonicalRule:
        return CanonicalRule(self.policy)

    def _canonical_laws(self, doc: Document) -> list[tuple[int, int]]:
        """phrase.canonical's findings on laws' names (中华人民共和国行政复仪法): a law's name is a fixed
        phrase, reported there; an organ's name one character off (湛江市人民政俯) is reported by both."""
        text = doc.article.text
        return [(w.start, w.end) for w in self._canonical.check(doc) if text[w.start:w.end].endswith(("法", "条例"))]

    @cached_property
    def _reported_elsewhere(self) -> tuple[WordRule, CharRule, PlaceRule]:
        """Rules whose finding on the same characters is the more precise one (湛疆市司法局: typo.place
        names the place)."""
        return WordRule(self.policy), CharRule(self.policy), PlaceRule(self.policy)

    @cached_property
    def _supersets(self) -> dict[int, list[tuple[int, int]]]:
        """Per term: the longer terms that hold it, with its offset in them (人民调解 in
        人民调解委员会 at 0): a window holding a correct term wholly is checked from that term."""
        terms = self._data[0]
        where: dict[str, list[int]] = {}
        for i, term in enumerate(terms):
            where.setdefault(term, []).append(i)
        shortest = min(map(len, terms), default=0)
        out: dict[int, list[tuple[int, int]]] = {}
        for j, long_ in enumerate(terms):  # every substring of each term: linear in the list, not quadratic
            first: dict[int, int] = {}  # a shorter term -> its first offset in long_
            for k in range(len(long_)):
                for end in range(k + max(shortest, 1), len(long_) + (k > 0)):
                    for i in where.get(long_[k:end], ()):
                        first.setdefault(i, k)
            for i, k in first.items():
                out.setdefault(i, []).append((j, k))
        return out

    def check(self, doc: Document) -> Iterable[Hit]:
        """The long terms' windows, law titles and national names, then the short terms where
        none of those, nor typo.word, typo.char or typo.place, reported the same
        characters (社区较正 is the term 社区矫正, not also 矫正)."""
        spans: list[tuple[int, int]] = []
        for hit in self._long_terms(doc):
            spans.append((hit.start, hit.end))
            yield hit
        listed: list[tuple[int, int]] | None = None
        for hit in self._short_terms(doc):
            if listed is None:
                listed = spans + [(w.start, w.end) for rule_ in self._reported_elsewhere for w in rule_.check(doc)]
            if not any(s < hit.end and hit.start < e for s, e in listed):
                yield hit

    def _long_terms(self, doc: Document) -> Iterable[Hit]:
        """A window of a term's length that holds one of its halves and differs from it in one
        character of the other half, a homophone or a look-alike. A window over a correct term passes
        (公示律师事务所: 公示 + 律师事务所) unless it holds that term wholly as a part of a longer one
        (人民调解委圆会 holds 人民调解: checked from the correct term); a changed character inside a correct
        term passes; so do windows that typo.word, typo.char or typo.place already report (取保侯审 is
        also in the list of wrong words;
        湛江巿司法局 holds a look-alike code point)."""
        terms, exact, halves, owners, idioms = self._data
        view = doc.simplified
        text = view.text
        found = exact.find(text)
        correct = [(m.start, m.end) for m in found]
        in_correct = bytearray(len(text))  # 1 inside a correct term: a character there is right
        for s, e in correct:
            in_correct[s:e] = b"\x01" * (e - s)
        candidates: list[tuple[int, int]] = []  # (start, term index)
        for half, h_start, h_end in halves.find_raw(text):
            if in_correct.find(1, h_start, h_end) >= 0:
                continue  # over a correct term: checked below from that term if it is part of a longer one
            for owner in _one_off(text, h_start, h_end, owners[half]):
                index, first = owner >> 1, not owner & 1
                candidates.append((h_start if first else h_end - len(terms[index]), index))
        supersets = self._supersets
        for m in found:
            for index, k in supersets.get(m.index, ()):
                candidates.append((m.start - k, index))
        listed: list[tuple[int, int]] | None = None
        reported_end = -1  # the end of the last window reported: an overlapping one is the same mistake
        for start, index in sorted(set(candidates)):
            term = terms[index]
            end = start + len(term)
            if start < 0 or end > len(text) or start < reported_end:
                continue
            window = text[start:end]
            if window == term or not _CJK.fullmatch(window) or (in_correct.find(1, start, end) >= 0 and any(
                    s < end and start < e and (s < start or e > end) for s, e in correct)):
                continue  # a correct term reaching out of the window: other words (公示律师事务所)
            diffs = [i for i in range(len(term)) if window[i] != term[i]]
            if len(diffs) != 1 or in_correct[start + diffs[0]]:
                continue  # the changed character inside a correct term is that term's
            wrote, right = window[diffs[0]], term[diffs[0]]
            if not near_homophones(wrote, right) and wrote not in self._lookalikes.get(right, ""):
                continue
            if _joins_neighbour(text, start, end, diffs[0]):
                continue
            kind = "成语" if term in idioms else "法律名称" if term in self._laws else "术语"
            how = "同音" if near_homophones(wrote, right) else "形近"
            hit = doc.hit(self.id, view, start, end, f"{kind}“{window}”有{how}错字：应为“{term}”")
            if listed is None:
                listed = [(w.start, w.end) for rule_ in self._reported_elsewhere for w in rule_.check(doc)]
            if any(s < hit.end and hit.start < e for s, e in listed) or any(
                    s < hit.end and hit.start < e for s, e in self._canonical_laws(doc)):
                continue
            reported_end = end
            yield hit
        yield from self._law_titles(doc)
        yield from self._national_names(doc)
        yield from self._units(doc)

    @cached_property
    def _unit_index(self) -> tuple[frozenset[str], dict[tuple[int, int, str], list[str]]]:
        """typos.yml's units and the registered departments: the names, and (length, position left out,
        the rest) -> the names, to find a window one character off any of them."""
        names = {u for u in self.policy.wordlist("typos", "typos").data.get("units") or [] if len(u) >= 3}
        names |= {d for d in self.policy.departments if len(d) >= 3}
        keys: dict[tuple[int, int, str], list[str]] = {}
        for n in sorted(names):
            for j in range(len(n)):
                keys.setdefault((len(n), j, n[:j] + n[j + 1:]), []).append(n)
        return frozenset(names), keys

    def _units(self, doc: Document) -> Iterable[Hit]:
        """A unit's name right after an organ's (司法局办公宝 for 办公室) with any one character wrong, where the
        window is no word, ends at a clause's edge, the wrong character makes no word with its neighbour
        inside (办公会: 公会 is a word) and ends no thing's name (办公楼, 执法车)."""
        names, keys = self._unit_index
        view = doc.simplified
        text = view.text
        lengths = sorted({k[0] for k in keys})
        for m in _ORGAN_END.finditer(text):
            if m.start() == 0 or not _CJK.match(text, m.start() - 1):
                continue  # an organ's name ends here only after its place or kind (司法局, not 局 alone)
            at = m.end()
            for n in lengths:
                window = text[at:at + n]
                if len(window) < n or window in names or not _CJK.fullmatch(window) \
                        or (at + n < len(text) and _CJK.match(text, at + n)):
                    continue
                found = [(j, u) for j in range(n) for u in keys.get((n, j, window[:j] + window[j + 1:]), ())]
                if not found or len({j for j, _ in found}) > 1:
                    continue
                j = found[0][0]
                inside = [p for p in (window[j - 1:j + 1] if j else "", window[j:j + 2]) if len(p) == 2]
                if common_word(window) or window[j] in _THING_ENDS or window[j] in _JOINERS or any(everyday_word(p) or common_word(p)
                                                                           for p in inside):
                    continue  # 办公楼, 办公区, 办公用品: a thing of the organ, not its unit
                units = [u for _, u in found]
                best = [u for u in units if u in self.policy.departments] or \
                       [u for u in units if near_homophones(u[j], window[j])] or units
                yield doc.hit(self.id, view, at, at + n, f"单位名称“{window}”有错字：应为“{'”或“'.join(best)}”")
                break
