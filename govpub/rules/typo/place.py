from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import cached_property

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.matching import Matcher, one_edit
from govpub.rules.normalize import View
from govpub.rules.typo._pinyin import common_word, homophones, main_reading
from govpub.rules.typo._words import everyday_word

SUFFIX_RE = re.compile(r"街道|自治区|县|市|区|镇|乡|省|半岛|岛|海峡")
_SUFFIX_END = re.compile(f"(?:{SUFFIX_RE.pattern})$")  # a registered name's kind word (粤港澳大湾区: 区, not 湾)
_CJK = re.compile(r"[\u4e00-\u9fff]")
COUNTY_KINDS = {"district", "county", "county_city", "zone"}
# names, one-character-off index, lengths per suffix, parents, county names, towns, local names
Registry = tuple[set[str], dict[str, list[tuple[str, int]]], dict[str, list[tuple[int, tuple[set[str], set[str]] | None]]],
                 dict[str, set[str]], dict[str, str], Matcher, set[str]]
# a character and a suffix that make an ordinary word: never a town's name mistyped
ORDINARY_PLACES = {f"{c}镇" for c in "小城乡集古重村市名强大新老本全该各两三四五六七八九十建设撤坐冰进到在从出回每"} | {
    f"{c}乡" for c in "全本该各家故城下老回返异同水原他梦"} | {"各街道", "本街道", "该街道", "全街道"}
# what follows a town written as a place: its offices, its villages, a list of towns
# ... or written as where something happens: 在黄波镇，
TOWN_BEFORE = ("在", "到", "赴", "走进", "深入", "来到", "前往", "位于", "地处")
TOWN_CONTEXT = ("司法所", "人民政府", "政府", "党委", "派出所", "人民法庭", "法庭", "卫生院", "综治中心", "中心", "村",
                "社区", "居委会", "委员会", "辖区", "境内", "人民调解", "调委会", "公共法律服务", "法律服务", "开展",
                "召开", "举办", "组织", "、", "和", "与", "及", "等")
# a romanized name in Latin text: a capitalized word (Zhanjiang) or one in capitals (ZHANJIANG)
_LATIN_WORD = re.compile(r"[A-Z][A-Za-z]{4,13}")  # whole words, mixed case, checked after (a fast scan)
ORDINARY_CHARS = set("的了是在和有就也都而及与着过之其这那个为以于上下不没很才又还把被从对到等将向")
# offices written right after a short place name (霞山司法局, 徐闻县 written 徐闻法院)
OFFICES = ("司法局", "司法所", "公安局", "公安分局", "人民法院", "法院", "人民检察院", "检察院", "人民政府", "政府",
           "县委", "市委", "区委", "法律援助", "公证处", "人民调解", "普法办", "依法治")


@rule
class PlaceRule(Rule):
    """地名写错，或行政隶属关系写错。

    ## 作用
    对照 `checks/registry/places.yml`（省、湛江市全部区、县、县级市、镇、乡、街道），找出：
    与登记地名只差一个同音字的写法（“徐文县”应为“徐闻县”），较长地名中错了一个字的写法，
    本市区县和本市名称中除第一个字外错了任何一个字的写法（“霞三区”应为“霞山区”），
    紧接机关名称的本市区县简称错了一个同音字（“夏山法院”“徐文司法局”；错成别的字可能是外地地名，如徐州、吴江），
    写在自己的上级之后、错了任何一个字（包括第一个字）的下级地名（“湛江市震山区”“徐闻县上桥镇”），
    本市区县第一个字写错、后接机关名称的写法（“波头区司法局”；错成常用词的“东山区”“中山区”可能是外地地名，不提示），
    本市的镇街名称除第一个字外错了一个字的写法（“黄岭镇”应为“黄略镇”；“特色小镇”“沿江城镇”一类
    普通词语和写在外地地名之后的不算），
    本市地名的“镇”“街道”“县”等写成同音字、后接机关或村居名称的写法（“下桥真司法所”“海头街到人民调解委员会”），
    把镇街写在不隶属的区县之后的情形（“雷州市下洋镇”，下洋镇属于徐闻县），
    登记的海岛、半岛、海峡和跨区域地区（kind: feature）错了一个同音字的写法（“硇州岛”应为“硇洲岛”，“大弯区”应为“大湾区”），
    以及英文中本市、区县、本省和登记地区的拼音名称错了一个字母的写法（“Zhangjiang”应为“Zhanjiang”，“Guandong”应为“Guangdong”；
    只查六个字母以上的名称，没有英文单词与它们只差一个字母）。

    ## 原因
    第五条特别强调严禁出现地域名称表述错误；第七条要求一级自查自校人名、地名。

    ## 示例
    `徐文县司法局`、`廉江市下洋镇`。

    ## 修改方法
    按提示改正。地名表有遗漏（如区划调整）时，由局办公室更新 places.yml。
    """

    id = "typo.place"
    title = "地名"
    article = "第五条、第七条（二）"

    @cached_property
    def _registry(self) -> Registry:
        places = self.policy.places.data["places"]
        names = {p["name"] for p in places}
        # one-character-off index: "徐?县" -> [("徐闻县", 1)]
        masked: dict[str, list[tuple[str, int]]] = defaultdict(list)
        lengths: dict[str, set[int]] = defaultdict(set)
        # A cheap filter before the masked lookups (performance only): a window one character
        # off a name of this suffix and length shares the name's first character (the wrong one
        # is not the first) or its second (the first is wrong). None: no filter (a one-character core).
        firsts: dict[tuple[str, int], tuple[set[str], set[str]] | None] = {}
        parents: dict[str, set[str]] = defaultdict(set)
        county_names: dict[str, str] = {}  # functional zones are left out: they administer
        for p in places:                   # towns and streets of several counties
            name = p["name"]
            m = _SUFFIX_END.search(name)
            if m:
                lengths[m.group()].add(len(name))
                key = (m.group(), len(name))
                if m.start() < 2:
                    firsts[key] = None
                elif firsts.setdefault(key, (set(), set())) is not None:
                    firsts[key][0].add(name[0])  # type: ignore[index]
                    firsts[key][1].add(name[1])  # type: ignore[index]
                for i in range(m.start()):
                    masked[f"{name[:i]}?{name[i + 1:]}"].append((name, i))
            if p.get("parent"):
                parents[name].add(p["parent"])
            if p["kind"] in COUNTY_KINDS - {"zone"}:
                county_names[name] = name
                if p.get("short"):
                    county_names[p["short"]] = name
        lower = [p["name"] for p in places if p["kind"] in ("town", "township", "street")]
        home = {p["name"] for p in places if p["kind"] == "city" and p["name"] in self.policy.organisation}
        local = home | {p["name"] for p in places if p.get("parent") in home and p["kind"] in COUNTY_KINDS}
        # suffix -> [(length, filter)], in the order of lengths[suffix]
        by_suffix = {suffix: [(length, firsts.get((suffix, length))) for length in lens]
                     for suffix, lens in lengths.items()}
        return names, masked, by_suffix, parents, county_names, Matcher(lower), local

    @cached_property
    def _towns(self) -> set[str]:
        """Towns, townships and streets of this city's counties."""
        local = self._registry[6]
        return {p["name"] for p in self.policy.places.data["places"]
                if p["kind"] in ("town", "township", "street") and p.get("parent") in local}

    def _local_town(self, text: str, start: int, window: str, i: int, name: str) -> bool:
        """A local town with a character after the first changed (黄岭镇 for 黄略镇), written as a
        place: followed by an office, a village or a list (黄岭镇司法所, 黄岭镇、洋青镇), or where something
        happens, a clause on its own (在黄波镇，). Not
        ordinary words (特色小镇, 沿江城镇, 附近镇上), nor a town after another place's name
        (河南省黄岭镇: a town elsewhere)."""
        if name not in self._towns or window[i] in ORDINARY_CHARS or window[i:] in ORDINARY_PLACES:
            return False
        if any(common_word(w) or everyday_word(w) for w in (window[i - 1:i + 1], window[:2])):
            return False  # 附近镇: ordinary words before the kind word
        end = start + len(window)
        if start > 0 and text[start - 1] in "省市县区州盟旗":
            return False
        return text.startswith(TOWN_CONTEXT, end) or text.endswith(TOWN_BEFORE, 0, start) and text[end:end + 1] in "，。；、"

    @cached_property
    def _short(self) -> tuple[re.Pattern[str], dict[str, str], set[str]]:
        """The short names of this city and its counties (湛江, 霞山…) with one character changed,
        right before the name of an office (霞三司法局): a pattern, short -> full name, and every
        registered short and core name (a window equal to one of them is right)."""
        places = self.policy.places.data["places"]
        local = self._registry[6]
        shorts: dict[str, str] = {}
        for p in places:
            if p["name"] in local:
                short = p.get("short") or SUFFIX_RE.sub("", p["name"])
                if len(short) == 2:
                    shorts[short] = p["name"]
        known = {p.get("short") or "" for p in places} | {SUFFIX_RE.sub("", p["name"]) for p in places}
        alternatives = "|".join(f"{re.escape(sh[0])}[\u4e00-\u9fff]|[\u4e00-\u9fff]{re.escape(sh[1])}" for sh in shorts)
        pattern = re.compile(f"(?:{alternatives})(?={'|'.join(OFFICES)})" if shorts else r"(?!x)x")
        return pattern, shorts, known

    @cached_property
    def _offices(self) -> Matcher:
        return Matcher(list(OFFICES))

    def _before_offices(self, pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
        """pattern.finditer(text) for a pattern of two characters before an office name (_short),
        tried only where the word-list automaton found an office (performance only)."""
        end = 0
        for start in sorted({o.start - 2 for o in self._offices.find(text) if o.start >= 2}):
            if start >= end:
                m = pattern.match(text, start)
                if m is not None:
                    end = m.end()
                    yield m

    @cached_property
    def _cores(self) -> tuple[Matcher, dict[str, list[tuple[str, str]]]]:
        """Local towns, streets and counties by their name without the kind word (下桥, 海头):
        a matcher and, per core, the (full name, kind word) pairs."""
        local = self._registry[6]
        entries: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for p in self.policy.places.data["places"]:
            name = p["name"]
            m = SUFFIX_RE.search(name)
            if (m and m.end() == len(name) and m.start() >= 2 and p["kind"] != "feature"
                    and (name in local or p.get("parent") in local)):
                entries[name[:m.start()]].append((name, m.group()))
        return Matcher(sorted(entries)), entries

    @cached_property
    def _lookalikes(self) -> set[str]:
        """Characters typo.char reports as look-alikes (巿 for 市)."""
        return {"巿", *(self.policy.wordlist("typos", "typos").data.get("chars") or {})}

    def _kind_words(self, doc: Document, view: View, text: str) -> Iterable[Hit]:
        """A local place whose kind word is typed as a homophone (下桥真司法所 for 下桥镇, 海头街到
        for 海头街道), written as a place: followed by an office, a village or a list."""
        matcher, entries = self._cores
        for c in matcher.find(text):
            for name, kind in entries[matcher.patterns[c.index]]:
                yield from self._kind_word(doc, view, text, c.start, c.end, name, kind)

    def _kind_word(self, doc: Document, view: View, text: str, start: int, end: int,
                   name: str, kind: str) -> Iterable[Hit]:
        """One core (start, end) followed by a homophone of its kind word and a place context."""
        written = text[end:end + len(kind)]
        if len(written) < len(kind) or written == kind or not all(map(_CJK.match, written)) or written[0] in ORDINARY_CHARS:
            return
        if not all(a == b or homophones(a, b) for a, b in zip(written, kind, strict=True)):
            return
        if any(ch in self._lookalikes for ch in written):
            return  # 湛江巿: a look-alike character, reported by typo.char
        if not text.startswith(TOWN_CONTEXT + OFFICES, end + len(kind)):
            return
        parents, county_names = self._registry[3], self._registry[4]
        if start > 0 and text[start - 1] in "省市县区州" and not self._after_parent(text, start, name, parents, county_names):
            return  # after another place's name: a place elsewhere
        yield doc.hit(self.id, view, start, end + len(kind), f"地名“{text[start:end + len(kind)]}”疑似写错：应为“{name}”")

    @cached_property
    def _parent_forms(self) -> dict[str, tuple[str, ...]]:
        """Per registered name, how its parent is written: full name and name without the kind
        word (湛江市, 湛江; 遂溪县, 遂溪)."""
        places = self.policy.places.data["places"]
        short = {p["name"]: p.get("short") or SUFFIX_RE.sub("", p["name"]) for p in places}
        return {p["name"]: tuple(w for w in (p["parent"], short.get(p["parent"], "")) if len(w) >= 2)
                for p in places if p.get("parent")}

    def _local_county_office(self, text: str, start: int, end: int, window: str, name: str) -> bool:
        """A county of this city with its first character changed (波头区 for 坡头区), written before
        an office (波头区司法局): not after another place's name (鹤岗市东山区), and not when the
        changed core is itself a word (东山, 中山: likely a real place elsewhere)."""
        if name not in self._registry[6] or len(window) != 3 or not text.startswith(OFFICES, end):
            return False
        if start > 0 and text[start - 1] in "省市县区州盟旗":
            return False
        return not (everyday_word(window[:2]) or common_word(window[:2]))

    def _parent_before(self, text: str, start: int, name: str) -> bool:
        """True when the name's own parent is written right before the window (湛江市震山区,
        徐闻县上桥镇): there the place can only be that parent's registered one, so even a wrong
        first character that is no homophone is a typo."""
        return text.endswith(self._parent_forms.get(name, ()), 0, start)

    @staticmethod
    def _after_parent(text: str, start: int, name: str, parents: dict[str, set[str]],
                      county_names: dict[str, str]) -> bool:
        """True when the text right before start names the registered parent of name
        (遂溪县遂域镇: a town one character off, written after its own county)."""
        return any(text.endswith(written, 0, start) for written, county in county_names.items()
                   if county in parents.get(name, ()))

    def check(self, doc: Document) -> Iterable[Hit]:
        names, masked, by_suffix, parents, county_names, lower, local = self._registry
        view = doc.folded
        text = view.text
        for m in SUFFIX_RE.finditer(text):
            for length, filt in by_suffix.get(m.group(), ()):
                start = m.end() - length
                if start < 0:
                    continue
                if filt is not None and text[start] not in filt[0] and text[start + 1] not in filt[1]:
                    continue  # no registered name is one character off this window
                window = text[start:m.end()]
                if window in names:
                    continue
                core = length - len(m.group())
                for i in range(core):
                    if not _CJK.match(window[i]) or window[i] == "某":
                        continue  # 湛江某镇: a place left unnamed on purpose
                    fits = [name for name, _ in masked.get(f"{window[:i]}?{window[i + 1:]}", ())
                            if core >= 4 or (i > 0 and (name in local or self._after_parent(
                                text, start, name, parents, county_names)
                                or self._local_town(text, start, window, i, name)))
                            or homophones(window[i], name[i])
                            or (i == 0 and self._parent_before(text, start, name))
                            or (i == 0 and self._local_county_office(text, start, m.end(), window, name))]
                    if fits and window[:core] in self._cores[1]:
                        break  # 雷城镇: a registered place (雷城街道) with another kind word, an old name
                    # the sound-alike first (黄波镇: 黄坡镇 and 黄略镇 fit; neither sounds alike: both named)
                    found = "”或“".join([n for n in fits if homophones(window[i], n[i])][:1]
                                       or list(dict.fromkeys(fits))) or None
                    if found and _in_other_province(text, start, fits[0], parents):
                        break  # 江西省遂川县 is no 遂溪县 mistyped
                    if found:
                        yield doc.hit(self.id, view, start, m.end(), f"地名“{window}”疑似写错：应为“{found}”")
                        break
        yield from self._short_names(doc, view, text)
        yield from self._listed(doc, view, text)
        yield from self._kind_words(doc, view, text)
        yield from self._romanized(doc, view, text)
        for t in lower.find(text):
            town = lower.patterns[t.index]
            for county_text, county in county_names.items():
                if text.endswith(county_text, 0, t.start) and county not in parents[town]:
                    start = t.start - len(county_text)
                    yield doc.hit(self.id, view, start, t.end,
                                  f"“{town}”属于{'、'.join(sorted(parents[town]))}，不属于{county}：请核对隶属关系")
                    break

    @cached_property
    def _pinyin_names(self) -> tuple[dict[str, str], dict[tuple[str, int], list[str]]]:
        """The romanized names of this city, its counties, its province and the registered features
        (zhanjiang, chikan, guangdong, naozhoudao…) from the characters' main readings: name -> Chinese name, and an index
        of the names by (first letter, length) for a quick reject."""
        local = self._registry[6]
        places = self.policy.places.data["places"]
        home_province = {p.get("parent") for p in places if p["name"] in local and p["kind"] == "city"}
        names: dict[str, str] = {}
        for p in places:
            if p["name"] in local or p["name"] in home_province or p["kind"] == "feature":
                core = p.get("short") or SUFFIX_RE.sub("", p["name"])
                for written in {core, p["name"] if p["kind"] == "feature" else core}:
                    roman = "".join(main_reading(c) for c in written)
                    if len(roman) >= 6 and roman.isascii() and roman.isalpha():
                        names.setdefault(roman, written)
        index: dict[tuple[str, int], list[str]] = defaultdict(list)
        for roman in names:
            for length in (len(roman) - 1, len(roman), len(roman) + 1):
                index[(roman[0], length)].append(roman)
        return names, index

    def _romanized(self, doc: Document, view: View, text: str) -> Iterable[Hit]:
        """A romanized local name one letter off in Latin text (Zhangjiang for Zhanjiang, Lianjang
        for Lianjiang): a letter added, left out, changed or two swapped, where the written word is no
        registered name. Only names of six letters or more: no English word is one letter off them."""
        names, index = self._pinyin_names
        for m in _LATIN_WORD.finditer(text):
            written = m.group()
            if (m.start() > 0 and text[m.start() - 1].isascii() and text[m.start() - 1].isalpha()) or (
                    text[m.end():m.end() + 1].isascii() and text[m.end():m.end() + 1].isalpha()) or not (
                    written[1:].islower() or written.isupper()):
                continue  # part of a longer word, or mixed case (McDonald)
            word = written.lower()
            for roman in index.get((word[0], len(word)), ()):
                if word != roman and word not in names and one_edit(word, roman):
                    yield doc.hit(self.id, view, m.start(), m.end(),
                                  f"地名拼写“{m.group()}”疑似写错：应为“{roman.capitalize()}”（{names[roman]}）")
                    break

    @cached_property
    def _stems(self) -> dict[str, str]:
        """Every registered city's, county's and district's two-character name without its kind word
        (阳江, 茂名, 霞山): a list of places is written so (湛江、茂名、阳江三市)."""
        out: dict[str, str] = {}
        for p in self.policy.places.data["places"]:
            if p["kind"] in COUNTY_KINDS | {"city"}:
                stem = _SUFFIX_END.sub("", p["name"])
                if len(stem) == 2:
                    out.setdefault(stem, p["name"])
        return out

    def _listed(self, doc: Document, view: View, text: str) -> Iterable[Hit]:
        """A two-character item of a list of places one sound-alike character off a registered place's
        name, beside an item that is one (湛江、茂名、杨江三市: 阳江)."""
        if "、" not in text:
            return
        stems = self._stems
        for m in _LIST_ITEM.finditer(text):
            window = m.group("item")
            if window in stems or common_word(window) or everyday_word(window):
                continue
            head = max(text.rfind(c, 0, m.start()) for c in "，,。；：:\n（(“") + 1
            tail = min((i for i in (text.find(c, m.end()) for c in "，,。；：:\n）)”") if i >= 0), default=len(text))
            items = re.split(r"[、和及与]", text[head:tail])
            if len(items) < 2 or not any(item[:2] in stems for item in items if not item.startswith(window)):
                continue  # no registered place beside it in the list
            for stem, full in stems.items():
                diffs = [i for i in range(2) if window[i] != stem[i]]
                if len(diffs) == 1 and homophones(window[diffs[0]], stem[diffs[0]]):
                    yield doc.hit(self.id, view, m.start(), m.end(), f"地名“{window}”疑似写错：应为“{stem}”（{full}）")
                    break

    def _short_names(self, doc: Document, view: View, text: str) -> Iterable[Hit]:
        """A short name one character off before an office, the changed character a homophone
        (“夏山司法局”, “徐文法院”): any other change may be another city's name (徐州, 吴江, 麻城)."""
        pattern, shorts, known = self._short
        for m in self._before_offices(pattern, text):
            window = m.group()
            if window in known:
                continue
            for short, full in shorts.items():
                if (window[0] == short[0] and window[1] != short[1] and homophones(window[1], short[1])) or (
                        window[1] == short[1] and window[0] != short[0] and homophones(window[0], short[0])):
                    yield doc.hit(self.id, view, m.start(), m.end(), f"地名“{window}”疑似写错：应为“{short}”（{full}）")
                    break


# a two-character item of a list: between 、 (or the list's start) and 、, 和, 等 or a count of places (三市)
_LIST_ITEM = re.compile(r"(?<=[、，,：:。\n（(“和及与])(?P<item>[\u4e00-\u9fff]{2})"
                        r"(?=、|[和及与等]|[两三四五六七八九十]个?(?:市|县|区|地))")
# the provinces, autonomous regions and municipalities (a fact of geography, not policy)
_PROVINCE_BEFORE = re.compile(
    "((?:河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃"
    "|青海|台湾)省|(?:内蒙古|广西壮族|西藏|宁夏回族|新疆维吾尔)自治区|(?:北京|天津|上海|重庆)市)[\u4e00-\u9fff]{0,10}$")


def _in_other_province(text: str, start: int, name: str, parents: dict[str, set[str]]) -> bool:
    """True when the characters right before start (no punctuation between) name a province that
    is not one of name's registered ancestors: 福建省连江县, 江西省遂川县 are other provinces' places."""
    m = _PROVINCE_BEFORE.search(text, max(0, start - 18), start)
    if m is None:
        return False
    ancestors: set[str] = set()
    todo = [name]
    while todo:
        for parent in parents.get(todo.pop(), ()):
            if parent not in ancestors:
                ancestors.add(parent)
                todo.append(parent)
    return not any(m.group(1).endswith(a) for a in ancestors)
