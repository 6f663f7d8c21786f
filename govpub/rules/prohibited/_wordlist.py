"""The mechanism of the prohibited.* rules: one word list per category of Art. 6.

Each list (checks/wordlists/prohibited/<wordlist>.yml) has two kinds of entries:

  terms   words never acceptable as positive content; matched with all their generated
          written variants (govpub.rules.variants: pinyin initials, the whole word or one
          character in pinyin, characters split into components), case-insensitively, on
          the compact view (width, traditional forms, invisible characters and separators
          removed); terms of three or more characters also with one character replaced by
          a common homophone (法论功)
  combos  a category described as a combination: every group must have a word in the
          same sentence (a sentence opening with 这, 此, 其, 他… continues the one before it: ANAPHOR)
          (a weapon or drug word AND a selling or making word; a disaster
          word AND a rumour marker), so an offer or an instruction is caught whatever its
          exact wording; a sentence holding an `unless` word (查获, 被告人, 辟谣…) is a
          report about the matter and passes (unless words are matched only in sentences
          that hold a whole combination); combination words get the same generated variants;
          a combination marked `place_people` also takes the people of every province, city,
          district and county of checks/registry/places.yml as its first group (赤坎区人)
  offer_overrides  report words a seller can slip into an offer (依法经营, 正规渠道, 安全): in a sentence
          that also holds an offer word (私聊, 加微, 货到付款) they excuse no combination
  quotes_count  a combination whose harm is the republishing itself (a named official accused of a
          scandal and insulted): a framed quotation (投诉人来信称“……”) is no excuse; unless words still are
  short_initials  a combination whose object words (first group) also count in two-letter pinyin
          initials (冰毒 -> bd, 枪支 -> qz): with a selling word beside them the letters are not an
          abbreviation of something else (common acronyms such as MG, PK, CT never count)

A combination word or unless word may describe a family of wordings with braces, each brace
holding alternatives separated by | (an empty alternative makes the part optional):
`{没|未|还没}{有|}{对外|}{公布|公开}` stands for 没公布, 还没有对外公开 and the rest (see expand);
such words are matched as written (their alternatives already are the variants). A group entry
`@offer` stands for every word of the file's class `offer` (`classes: {offer: [私聊, 面交, 验货…]}`):
one vocabulary of a kind of act (offering for sale, a covert hand-over) shared by every combination
of that kind, so a word added once counts for weapons, drugs and cards alike. Class words are
matched as written (braces expanded), without generated variants. A word written
`~赌博` stands only for its generated variants (dubo, du博, 贝者博): the plain word is normal in
news of a crackdown, but writing it in disguise is itself the sign of an offer.

An emoji written for a word (🔫 for 枪支, ❄️ for 冰, the `emoji` table of variants.yml) is read as
that word, and pinyin written with tone marks (dà má) as plain pinyin (da ma): the compact view drops
pictographs as separators and keeps accented letters, so an article holding one of them is scanned
on a view where each stands for its word or letter (positions still point at what was written).

All the lists of all categories are compiled into one automaton per process.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, NamedTuple

from govpub import regexcache
from govpub.findings import Hit
from govpub.policy import Policy
from govpub.rules import Rule
from govpub.rules import variants as _variants
from govpub.rules.document import Document
from govpub.rules.matching import Match, Matcher, covered, near
from govpub.rules.normalize import View
from govpub.rules.variants import ascii_lower, latin_bounded, tables, variants

WORDLISTS = ("constitution", "security", "honour", "ethnic", "religion_cult", "rumour",
             "obscene_gambling_violence", "insult")
# A question mark ends no sentence here: drafts put an offer or a denial right after a rhetorical
# question (有人需要麻古吗？老价格… / 邱少云被烧死都不动？骗鬼呢).
SENTENCE_END = re.compile(r"[。！；!;\n]")
# A sentence that opens by pointing back (这个故事完全是编的, 此人……, 他说……) continues the one before it:
# a combination may be completed across the two (the hero named first, the denial after).
ANAPHOR = "这那此其该他她它"
SENTENCE_SPLIT = re.compile(f"\n|[。！；!;](?![{ANAPHOR}])")  # the ends that remain: one regex pass


class Pattern(NamedTuple):  # a tuple: ~45,000 of them are rebuilt from the cache per process
    wordlist: str
    kind: str  # "term", "allow", "group"
    term: str  # the base term (for a variant: the term it was generated from)
    combo: int = -1
    group: int = -1


@dataclass
class Lists:
    matcher: Matcher
    patterns: list[Pattern]
    data: dict[str, dict[str, Any]]
    latin: list[bool]  # pattern begins or ends with a Latin letter or digit
    unless: dict[tuple[str, int], Matcher]  # (wordlist, combo index) -> its report words, run on demand
    combo_sizes: dict[str, list[tuple[int, int]]]  # wordlist -> (combo index, number of groups)
    offers: dict[str, tuple[Matcher, frozenset[str]]]  # wordlist -> (its offer words, report words they outweigh)
    emoji: dict[str, str]  # an emoji (without its variation selector) or a toned vowel -> what it stands for
    emoji_re: re.Pattern[str]
    owners: list[tuple[int, ...]]  # automaton entry -> the patterns written that way
    reported: Reported
    warnings: dict[str, Lesson]  # wordlist -> its warning context (lists that name goods taught against)


# Two-letter initials of the object words of a combination marked short_initials (冰毒 -> bd, 枪支 -> qz):
# never these, which stand for something else in ordinary text (MG is a car, PK a contest, CT a scan).
ACRONYMS = frozenset("ab ai am ar cc cd ct dj dv gg gm gt hd hr id it jj kk mg mm nb ok pc pk pm pp pr ps qq sb sf tv ui vr wc wx xx yy zz".split())
_BRACE = re.compile(r"\{([^{}]*)\}")
# pinyin vowels with tone marks, read as the plain letters of the generated pinyin variants (ü as u)
TONED = dict(zip("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ", "aaaaeeeeiiiioooouuuuuuuuunnnm", strict=True))
MAX_EXPANSION = 400  # wordings of one braced word: a typo in a pattern must not build a huge automaton


QUOTE = re.compile(r"“[^“”\n]*”")
SCARE_QUOTE = re.compile(r"“[^“”\n]{1,6}”")  # a word or two in quotation marks: the writer's irony (“捐献者”)
CHAIN_GAP = re.compile(r"[、，,和及与或\s]*")  # between quotations written in a row (“上头电子烟”“聪明药”)


@dataclass(frozen=True)
class Reported:
    """Quotations framed as someone else's words (checks/wordlists/reported.yml)."""

    before: re.Pattern[str]  # a reporting verb right before the opening quote: 谎称“, 推销“, 称：“
    after: re.Pattern[str]  # what follows the closing quote: ”的消息, ”等话术, ”为名, ”系谣言
    stance: re.Pattern[str]  # the writer's distance from the quoted words: 骗, 谣言, 提醒, 依法, 查获
    refer: re.Pattern[str]  # a later pointer back to the quotation: 这条消息, 此类小广告, 该说法
    endorse: re.Pattern[str] | None  # the writer adopting the quoted words: 符合实际, 值得推广, 说得在理
    said_of: re.Pattern[str]  # a reporting verb and whom the words are about: 称调解员“……”

    @classmethod
    def of(cls, data: dict[str, Any]) -> Reported:
        def alt(words: list[str]) -> str:
            return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        return cls(re.compile(f"(?:{alt(data['verbs'])})[：:，,]?$"),
                   re.compile(f"(?:[的等].{{0,4}}?(?:{alt(data['nouns'])})|(?:{alt(data['after'])}))"),
                   re.compile(alt(data["stance"])),
                   re.compile(f"(?:这|此|该|上述|类似)(?:条|类|则|种|个|段|番|句|些|样的|份)?[^，。；！？“”\\n]{{0,6}}?"
                              f"(?:{alt(data['nouns'])})"),
                   re.compile(alt(data["endorse"])) if data.get("endorse") else None,
                   re.compile(f"(?:{alt(data['verbs'])})[^，。；：！？“”\\n]{{1,5}}$"))

    def endorsed(self, text: str) -> bool:
        """The writer's own words (text, its quotations left out) adopt what is quoted: 评审组认为该条款
        符合本村实际、可作为经验推广. A quotation endorsed is the writer's claim: neither its frame nor the
        report words inside it (一律不得……) make the sentence a report."""
        return self.endorse is not None and self.endorse.search(QUOTE.sub("", text)) is not None

    def distanced(self, text: str, start: int, end: int, body: int) -> bool:
        """The paragraph of text[start:end] or the one before or after it (a heading: 以案说法：……骗局揭秘),
        within the body (text[body:]) and their quotations left out, says the writer warns against,
        refutes or reports what is quoted (店主推销“冰毒，同城送货”的消息 with nothing around it is an
        offer, not a report)."""
        a = text.rfind("\n\n", body, start)
        a = max(body, text.rfind("\n\n", body, a) if a >= 0 else body)
        b = text.find("\n\n", end)
        b = text.find("\n\n", b + 2) if b >= 0 else -1
        around = text[a:b if b >= 0 else len(text)]
        return self.stance.search(QUOTE.sub("", around)) is not None

    def spans(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """The framed quotations of text[start:end] with their frames (a run of quotations counts as one);
        a quotation of several sentences (“……包过！”近年来，此类小广告……) is looked for on the whole line."""
        lo = text.rfind("\n", 0, start) + 1
        hi = text.find("\n", end)
        hi = len(text) if hi < 0 else hi
        chains: list[list[int]] = []
        for q in QUOTE.finditer(text, lo, hi):  # a run of quotations counts whole: 称调解员“收了黑钱”“是个人渣”
            gap = CHAIN_GAP.fullmatch(text, chains[-1][1], q.start()) if chains else None
            if gap:
                chains[-1][1] = q.end()
            else:
                chains.append([q.start(), q.end()])
        chains = [c for c in chains if c[1] > start and c[0] < end]
        out = []
        for a, b in chains:  # the frame belongs to the quotation (“……”的兼职广告 describes it)
            verb = self.before.search(text, max(lo, a - 8), a) or self.said_of.search(text, max(lo, a - 10), a)
            tail = self.after.match(text, b, hi)
            if verb or tail:
                out.append((verb.start() if verb else a, tail.end() if tail else b))
            elif self._pointed_at(text, a, b):
                out.append((a, b))
        return out

    def _pointed_at(self, text: str, a: int, b: int) -> bool:
        """True when the rest of the quotation's paragraph points back at it (“……”近年来，此类小广告时有出现;
        ……这条消息在多个微信群流传), or the quotation opens the paragraph as a hook that the paragraph then
        reports on, itself or in the next paragraph (“动动手指就能赚钱……”12月3日，检察官在反诈讲座上讲述了……)."""
        stop = text.find("\n", b)
        rest = QUOTE.sub("", text[b:stop if stop >= 0 else len(text)])
        if self.refer.search(rest):
            return True
        opens = a == 0 or text[a - 1] == "\n" or text[text.rfind("\n", 0, a) + 1:a].strip(" >-*#0123456789.") == ""
        if not opens or not rest.strip():
            return False
        after = text.find("\n\n", b)
        nxt = ""
        if after >= 0:
            stop = text.find("\n\n", after + 2)
            nxt = text[after:stop if stop >= 0 else len(text)]
        return self.stance.search(rest) is not None or self.stance.search(QUOTE.sub("", nxt)) is not None


NEGATION = re.compile(r"(?:不|勿|别|严禁|禁止|不得|不要|拒绝|杜绝)$")
LISTED_NEGATION = re.compile(r"(?:不|勿|别|严禁|禁止|不得|不要|拒绝|杜绝)[^不、]{1,3}$")  # 坚决不[出租]、
LIST_STOP = "、，。；：,;:\n"


@dataclass(frozen=True)
class Lesson:
    """A paragraph that teaches against what it names (checks/wordlists/prohibited/<list>.yml `warning_context`).

    禁毒、禁赌、反诈、扫黄打非 articles name the drugs, games and scripts they warn about (“百家乐”“时时彩”为名的
    境外赌博网站……参赌者往往血本无归). A paragraph whose own words (its quotations left out) hold a warning word
    (不法分子, 诱骗, 血本无归, 危害, 刑法…) is such a lesson, unless the sentence itself makes an offer: a contact,
    a hand-over place or a call to act (私聊, 拿货, 找我, 可以下载) — an offer slipped into a 禁毒 article stays one."""

    stance: Matcher
    offer: Matcher
    price: re.Pattern[str]  # a price or a bonus by its amount (首充送三百, 一颗两百元)

    @classmethod
    def of(cls, ctx: dict[str, Any], overrides: dict[str, Any]) -> Lesson:
        offer = [*(ctx.get("offer") or []), *(overrides.get("offer") or [])]
        return cls(Matcher([ascii_lower(x) for w in ctx["paragraph"] for x in expand(w)], pooled=False),
                   Matcher([ascii_lower(x) for w in offer for x in expand(w)], pooled=False),
                   re.compile(ctx.get("offer_regex") or r"(?!x)x"))

    def offers(self, sentence: str, written: str) -> bool:
        """True when the sentence (compact view, lower-cased) holds a contact, a hand-over place or a call to act,
        or the sentence as written (written, its quotations left out) a price: 谨防上当 written beside
        百家乐首充送三百 makes no lesson of the offer; 平台先以“首充送50%”吸引其注册 tells the bait."""
        return bool(self.offer.find_raw(sentence)) or self.price.search(QUOTE.sub("", written)) is not None

    def excuses(self, sentence: str, written: str, start: int, end: int, span: tuple[int, int]) -> bool:
        """True when written[start:end] stands in a warning paragraph and its sentence (on the compact view,
        lower-cased; written[span[0]:span[1]] as written) makes no offer."""
        if self.offers(sentence, written[span[0]:span[1]]):
            return False
        a = written.rfind("\n", 0, start) + 1
        b = written.find("\n", end)
        para = ascii_lower(QUOTE.sub("", written[a:b if b >= 0 else len(written)]))
        return bool(self.stance.find_raw(para))


def negated(text: str, start: int) -> bool:
    """True when the word at text[start] is denied: 不出租, 坚决不出租、出借、出售 (a list after one negation)."""
    if NEGATION.search(text, max(0, start - 4), start):
        return True
    i = start
    while i > 0 and text[i - 1] == "、":  # walk back over the list: 不出租、出借、[出售]
        j = i - 1
        k = j
        while k > max(0, j - 6) and text[k - 1] not in LIST_STOP:
            k -= 1
        if LISTED_NEGATION.search(text, k, j):
            return True
        i = k
    return False


class BraceError(ValueError):
    """A braced word that cannot be expanded (unpaired brace, too many wordings)."""


def expand(word: str) -> list[str]:
    """Every wording of a braced word: 售楼{部|处}{门口|外} -> 售楼部门口, 售楼部外, 售楼处门口, 售楼处外."""
    parts = _BRACE.split(word)  # literal, alternatives, literal, alternatives, ...
    if any(c in parts[i] for i in range(0, len(parts), 2) for c in "{}"):
        raise BraceError(f"“{word}”中的大括号不成对")
    if len(parts) == 1:
        return [word]
    choices = [[p] if i % 2 == 0 else p.split("|") for i, p in enumerate(parts)]
    out: list[str] = []
    for combo in itertools.product(*choices):
        out.append("".join(combo))
        if len(out) > MAX_EXPANSION:
            raise BraceError(f"“{word}”展开后超过 {MAX_EXPANSION} 种写法")
    return [w for w in dict.fromkeys(out) if w]


def group_words(data: dict[str, Any], group: list[str]) -> list[str]:
    """A combination group's words, each `@name` replaced by the words of the file's class name."""
    classes = data.get("classes") or {}
    out: list[str] = []
    for word in group:
        if word.startswith("@"):
            if word[1:] not in classes:
                raise KeyError(word[1:])
            out += classes[word[1:]]
        else:
            out.append(word)
    return list(dict.fromkeys(out))


def _load(policy: Policy) -> Lists:
    table = policy.wordlist("variants", "variants").data
    data = {name: policy.wordlist(f"prohibited/{name}", "prohibited").data for name in WORDLISTS}
    people = place_people(policy) if any(c.get("place_people") for d in data.values()
                                         for c in d.get("combos") or []) else []
    # generating ~45,000 written variants takes ~0.3 s: a drafter's one-file check reuses them from
    # the user's cache (govpub.regexcache.memo: never in CI or for build, publish, retract, audit),
    # keyed by this code and every input
    key = hashlib.sha256(b"".join(Path(m.__file__ or "").read_bytes() for m in (sys.modules[__name__], _variants)))
    key.update(json.dumps([table, data, people], ensure_ascii=False, sort_keys=True, default=str).encode())
    texts, raw, latin = regexcache.memo("prohibited-lists", key.hexdigest(), 0,
                                        lambda: _entries(policy, table, data, people), only=True)
    patterns = list(map(Pattern._make, raw))
    sizes = {name: [(ci, len(c["groups"])) for ci, c in enumerate(d.get("combos") or [])] for name, d in data.items()}
    unless = {(name, ci): Matcher([ascii_lower(x) for w in c.get("unless") or [] for x in expand(w)], pooled=False)
              for name, d in data.items() for ci, c in enumerate(d.get("combos") or [])}
    offers = {name: (Matcher([ascii_lower(x) for w in d["offer_overrides"]["offer"] for x in expand(w)], pooled=False),
                     frozenset(ascii_lower(w) for w in d["offer_overrides"]["weak"]))
              for name, d in data.items() if d.get("offer_overrides")}
    emoji = {str(k).removesuffix("\ufe0f"): str(v) for k, v in (table.get("emoji") or {}).items()}
    emoji |= {k: v for k, v in TONED.items() if k not in emoji}
    single = "".join(re.escape(k) for k in emoji if len(k) == 1)  # one character class: a cheap search
    longer = "".join(re.escape(k) + "|" for k in sorted(emoji, key=len, reverse=True) if len(k) > 1)
    emoji_re = re.compile(f"(?:{longer}[{single}])\ufe0f?")
    # one automaton entry per distinct text (a shared class word stands in ~10 combinations): its
    # matches are handed to every pattern written the same way
    unique: dict[str, list[int]] = {}
    for i, t in enumerate(texts):
        unique.setdefault(t, []).append(i)
    owners = [tuple(v) for v in unique.values()]
    warnings = {name: Lesson.of(d["warning_context"], d.get("offer_overrides") or {})
                for name, d in data.items() if d.get("warning_context")}
    return Lists(Matcher(list(unique)), patterns, data, latin, unless, sizes, offers, emoji, emoji_re, owners,
                 Reported.of(policy.wordlist("reported", "reported").data), warnings)


def _entries(policy: Policy, table: dict[str, Any], data: dict[str, dict[str, Any]],
             people: list[str]) -> tuple[list[str], list[tuple[str, str, str, int, int]], list[bool]]:
    """Every word of the lists with its generated variants, as plain data: the texts, their
    Pattern fields, and whether each begins or ends with a Latin letter or digit."""
    pinyin, homophones = tables(table)
    components = table.get("components") or {}
    lookalikes = table.get("lookalikes") or {}
    texts: list[str] = []
    patterns: list[tuple[str, str, str, int, int]] = []

    def add(text: str, pattern: Pattern) -> None:
        texts.append(ascii_lower(text))
        patterns.append((pattern.wordlist, pattern.kind, pattern.term, pattern.combo, pattern.group))

    for name in WORDLISTS:
        pf = policy.wordlist(f"prohibited/{name}", "prohibited")
        d = data[name]
        for ci, combo in enumerate(d.get("combos") or []):
            for gi, g in enumerate(combo["groups"]):
                for wi, word in enumerate(g):
                    if word.startswith("@") and word[1:] not in (d.get("classes") or {}):
                        raise policy.fail(pf, ("combos", ci, "groups", gi, wi), f"没有名为“{word[1:]}”的词类",
                                          f"在本文件的 classes 下写出 {word[1:]} 的词，或改正名称")
            for key, words in [*((("groups", gi), group_words(d, g)) for gi, g in enumerate(combo["groups"])),
                               (("unless",), combo.get("unless") or [])]:
                for wi, word in enumerate(words):
                    try:
                        expand(word)
                    except BraceError as exc:
                        raise policy.fail(pf, ("combos", ci, *key, wi), str(exc),
                                          "大括号中用 | 分隔几种写法，如“售楼{部|处}”；写法太多时拆成几个词") from None
        for term in d["terms"]:
            add(term, Pattern(name, "term", term))
            for v in variants(term, pinyin, components, homophones=homophones, lookalikes=lookalikes):
                add(v, Pattern(name, "term", term))
        for a in d.get("allow") or []:
            add(a, Pattern(name, "allow", a))
        for ci, combo in enumerate(d.get("combos") or []):
            for gi, raw_group in enumerate(combo["groups"]):
                group = [w for w in raw_group if not w.startswith("@")]
                if gi == 0 and combo.get("place_people"):
                    group = [*group, *people]
                # a class's words as written, without generated variants: the act (私聊, 验货) is written
                # plainly, it is the object that drafts disguise; and ~90 shared words stay cheap
                for word in group_words(d, [w for w in raw_group if w.startswith("@")]):
                    if word not in group:
                        for w in expand(word):
                            add(w, Pattern(name, "group", w, ci, gi))
                for word in group:
                    if "{" in word:
                        for w in expand(word):
                            add(w, Pattern(name, "group", w, ci, gi))
                        continue
                    evasive = word.startswith("~")  # only the disguised forms: ~赌博 -> dubo, 贝者博
                    word = word.removeprefix("~")
                    if not evasive:
                        add(word, Pattern(name, "group", word, ci, gi))
                    short = gi == 0 and bool(combo.get("short_initials")) and word not in ACRONYMS
                    for v in variants(word, pinyin, components, homophones=homophones, lookalikes=lookalikes,
                                      min_initials=2 if short else 3):
                        if v not in ACRONYMS:
                            add(v, Pattern(name, "group", word, ci, gi))
    latin = [bool(t) and (t[0].isascii() and t[0].isalnum() or t[-1].isascii() and t[-1].isalnum()) for t in texts]
    return texts, patterns, latin


PEOPLE_KINDS = ("province", "city", "district", "county", "county_city")


def place_people(policy: Policy) -> list[str]:
    """The people of every registered province, city, district and county (湛江人, 赤坎区人, 徐闻人):
    a combination marked `place_people` (regional contempt) takes them as subjects, so a
    stereotype of any place in checks/registry/places.yml is caught without listing it."""
    words: list[str] = []
    for place in policy.places.data["places"]:
        if place["kind"] not in PEOPLE_KINDS:
            continue
        name: str = place["name"]
        bare = place.get("short") or (name[:-1] if len(name) > 2 and name[-1] in "省市区县" else name)
        words += [name + "人", bare + "人"]
    return sorted(set(words))


_CACHE: tuple[Policy, Lists] | None = None  # the policy is held, so its lists are never another's


def lists(policy: Policy) -> Lists:
    global _CACHE
    if _CACHE is None or _CACHE[0] is not policy:
        _CACHE = (policy, _load(policy))
    return _CACHE[1]


@dataclass
class Scan:
    """One article scanned once for all eight categories."""

    doc: Document
    view: View  # the compact view (with emoji read as words when the article holds one)
    text: str  # the view's text, ASCII letters lower-cased
    by_list: dict[str, list[Match]]
    ends: list[int]  # sorted positions of sentence ends (not before a sentence that points back: ANAPHOR)

    def sentence(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_left(self.ends, pos)
        start = self.ends[i - 1] + 1 if i > 0 else 0
        return start, (self.ends[i] if i < len(self.ends) else len(self.text))


_LAST: Scan | None = None


def _distinct(ms: list[Match], n: int, patterns: list[Pattern]) -> bool:
    """True when each of the n groups has a match of its own, none overlapping another (one
    written word, such as 上门服务 holding 上门, does not make a combination alone)."""
    spans: list[set[tuple[int, int]]] = [set() for _ in range(n)]
    for m in ms:
        spans[patterns[m.index].group].add((m.start, m.end))
    if not all(spans):
        return False
    return any(all(a[1] <= b[0] or b[1] <= a[0] for a, b in itertools.combinations(choice, 2))
               for choice in itertools.islice(itertools.product(*spans), 256))


def _alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


SHORT_LATIN = 3  # abbreviations written in a row (yp qq vx); English prose has longer words (Rules of Zhanjiang)


_LATIN = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def _latin_run(text: str, i: int, step: int) -> int:
    """How many Latin letters or digits run from text[i] in the direction of step, counted up
    to SHORT_LATIN + 1 (all _spaced needs). Stripping the whole text before or after each match
    made a long run (a pasted base64 picture, which the compact view joins into one) quadratic:
    6 s of CPU for 24 KB."""
    n = 0
    while n <= SHORT_LATIN and 0 <= i < len(text) and text[i] in _LATIN:
        n += 1
        i += step
    return n


def _spaced(view: View, text: str, start: int, end: int) -> bool:
    """True when a Latin match runs into another short Latin abbreviation only because the compact
    view removed the space or symbol between them (ｙｐ　ｑｑ becomes ypqq): the written words are
    separate. A longer Latin neighbour is English prose (of in "Rules of Zhanjiang"), not evasion."""
    def apart(i: int) -> bool:  # something was removed between view characters i - 1 and i
        return view.origin(i) > view.origin(i - 1) + 1

    left_run, right_run = _latin_run(text, start - 1, -1), _latin_run(text, end, 1)
    left = not (_alnum(text[start]) and left_run) or (apart(start) and left_run <= SHORT_LATIN)
    right = not (_alnum(text[end - 1]) and right_run) or (apart(end) and right_run <= SHORT_LATIN)
    return left and right


ENGLISH_WORD = 5  # a Latin match this long, written as its own word(s) in English prose, is that word


def _english(view: View, text: str, start: int, end: int) -> bool:
    """True when a Latin match of ENGLISH_WORD letters or more stood as its own word or words in what was written
    (some agents offer "discreet tracking devices": the compact view joined the words of the sentence). Short
    matches never count this way: OF, AV, yp are English words or parts of them in prose."""
    if end - start < ENGLISH_WORD or not text[start:end].isascii() or not text[start:end].isalpha():
        return False

    def edge(i: int) -> bool:  # no letter on the other side, or something (a space) was removed between
        return i <= 0 or i >= len(text) or not _alnum(text[i - 1]) or not _alnum(text[i]) or (
            view.origin(i) > view.origin(i - 1) + 1)
    return edge(start) and edge(end)


def _view(doc: Document, ls: Lists) -> View:
    """The compact view, or (only when the article holds a listed emoji or a toned pinyin vowel) the
    compact view of the text with each replaced by what it stands for: 出售🔫 reads 出售枪支, dà má da ma."""
    if not ls.emoji_re.search(doc.simplified.text):
        return doc.compact
    emoji = ls.emoji
    return doc.simplified.derive(ls.emoji_re, lambda s: emoji[s.removesuffix("\ufe0f")]).compact()


def scan(doc: Document, ls: Lists) -> Scan:
    global _LAST
    if _LAST is None or _LAST.doc is not doc:
        view = _view(doc, ls)
        text = ascii_lower(view.text)
        by_list: dict[str, list[Match]] = {}
        owners = ls.owners
        raw = [(j, s, e) for i, s, e in ls.matcher.find_raw(text) for j in owners[i]]
        pats, latin = ls.patterns, ls.latin
        grouped: dict[str, list[tuple[int, int, int]]] = {}
        for t in raw:
            grouped.setdefault(pats[t[0]].wordlist, []).append(t)
        for name, ts in grouped.items():
            # a list matters only when a term of it is present, or a word of every group of a combination
            kinds = {(pats[i].kind, pats[i].combo, pats[i].group) for i, _, _ in ts}
            if not any(k == "term" for k, _, _ in kinds) and not any(
                    all(("group", ci, gi) in kinds for gi in range(n)) for ci, n in ls.combo_sizes[name]):
                continue
            by_list[name] = [Match(i, s, e) for i, s, e in ts
                             if not latin[i] or latin_bounded(text, s, e) or _spaced(view, text, s, e)
                             or _english(view, text, s, e)]
        _LAST = Scan(doc, view, text, by_list, [m.start() for m in SENTENCE_SPLIT.finditer(text)])
    return _LAST


class WordlistRule(Rule):
    """Terms and combinations from checks/wordlists/prohibited/<wordlist>.yml."""

    wordlist: ClassVar[str]

    def check(self, doc: Document) -> Iterable[Hit]:
        ls = lists(self.policy)
        sc = scan(doc, ls)
        mine = sc.by_list.get(self.wordlist)
        if not mine:
            return
        view, text = sc.view, sc.text
        data = ls.data[self.wordlist]
        term_hits = list(self._terms(doc, view, sc, text, ls, mine, data))
        yield from (hit for hit, _ in term_hits)
        yield from self._combos(doc, view, sc, ls, mine, data, {sc.sentence(at) for _, at in term_hits})

    def _terms(self, doc: Document, view: View, sc: Scan, text: str, ls: Lists, mine: list[Match],
               data: dict[str, Any]) -> Iterable[tuple[Hit, int]]:
        ctx = data.get("enforcement_context") or {}
        before, after = list(ctx.get("before") or []), list(ctx.get("after") or [])
        in_sentence = list(ctx.get("sentence") or [])
        allows = [m for m in mine if ls.patterns[m.index].kind == "allow"]
        warning = ls.warnings.get(self.wordlist)
        for m in mine:
            p = ls.patterns[m.index]
            if p.kind != "term" or covered(m, allows) or near(text, m.start, m.end, before, after):
                continue
            s_start, s_end = sc.sentence(m.start)
            span = view.span(s_start, s_end)
            offered = warning is not None and warning.offers(text[s_start:s_end], doc.article.text[span[0]:span[1]])
            if in_sentence and not offered and any(w in text[s_start:s_end] for w in in_sentence):
                continue  # 禁赌宣传……百家乐 is a lesson; 禁毒宣传周期间……百家乐首充送三百，私聊 is an offer
            o_start, o_end = view.span(m.start, m.end)
            if warning and warning.excuses(text[s_start:s_end], doc.article.text, o_start, o_end, span):
                continue  # 以“百家乐”“时时彩”为名的境外赌博网站……血本无归: a lesson naming what it warns about
            if data.get("told_quotes") and self._told(doc, ls, o_start, o_end):
                continue  # 称调解员“是个人渣”……判决刘某赔礼道歉: someone else's words, reported
            hit = doc.hit(self.id, view, m.start, m.end, "")
            written = doc.article.text[hit.start:hit.end]
            evasion = "（写法经过变形，疑似规避检查）" if written != p.term else ""
            yield Hit(self.id, hit.start, hit.end,
                      f"禁载内容（{data['category']}）“{p.term}”{evasion}：删除或改写；"
                      "如是报道依法打击、整治的内容，写明“依法打击”“查处”等"), m.start

    @staticmethod
    def _told(doc: Document, ls: Lists, start: int, end: int) -> bool:
        """True when written[start:end] lies inside a framed quotation (称“……”, “……”的消息) of a paragraph
        that reports or warns (判决, 侵害, 诈骗 around it): the words are someone else's, told."""
        text = doc.article.text
        rep = ls.reported
        if not any(a <= start and end <= b for a, b in rep.spans(text, start, end)):
            return False
        return rep.distanced(text, start, end, doc.article.body_start)

    @staticmethod
    def _quoted(doc: Document, view: View, ls: Lists, groups: list[Match], n: int, sentence: tuple[int, int]) -> bool:
        """True when the act of the combination (its last group: selling, the rumour's call, the slur) is
        written only inside framed quotations: 骗子谎称“……”, 转发“……”的消息, 向孩子推销“……”. The act
        written outside them is the writer's own (有人称“明天台风登陆”，大家赶紧囤水)."""
        text = doc.article.text
        start, end = view.span(*sentence)
        framed = ls.reported.spans(text, start, end)
        if not framed or not ls.reported.distanced(text, start, end, doc.article.body_start):
            return False
        outside = [m for m in groups
                   if not any(a <= s and e <= b for a, b in framed for s, e in [view.span(m.start, m.end)])]
        return not any(ls.patterns[m.index].group == n - 1 for m in outside)

    def _combos(self, doc: Document, view: View, sc: Scan, ls: Lists, mine: list[Match], data: dict[str, Any],
                reported: set[tuple[int, int]]) -> Iterable[Hit]:
        """One finding per sentence that holds every group of a combination (and no term hit)."""
        combos = data.get("combos") or []
        if not combos:
            return
        present = {(ls.patterns[m.index].combo, ls.patterns[m.index].group) for m in mine
                   if ls.patterns[m.index].kind == "group"}
        combos_here = [ci for ci, c in enumerate(combos) if all((ci, gi) in present for gi in range(len(c["groups"])))
                       and (not c.get("article") or any(ascii_lower(w) in sc.text for w in c["article"]))]
        if not combos_here:
            return  # no combination has a word of every group anywhere in the article
        by_sentence: dict[tuple[int, int], list[Match]] = {}
        allows = [m for m in mine if ls.patterns[m.index].kind == "allow"]
        warning = ls.warnings.get(self.wordlist)
        for m in mine:
            p = ls.patterns[m.index]
            if p.kind != "group" or covered(m, allows) or negated(sc.text, m.start):
                continue  # 扫码报名 is no 码报; 坚决不出租、出借、出售 offers nothing
            by_sentence.setdefault(sc.sentence(m.start), []).append(m)
        for sentence, ms in sorted(by_sentence.items()):
            if sentence in reported:
                continue
            for ci in combos_here:
                combo = combos[ci]
                groups = [m for m in ms if ls.patterns[m.index].combo == ci]
                if not _distinct(groups, len(combo["groups"]), ls.patterns):
                    continue  # some group has no word, or one written word stands for two groups
                s_start, s_end = sentence
                unless = [Match(i, s_start + a, s_start + b)
                          for i, a, b in ls.unless[(self.wordlist, ci)].find_raw(sc.text[s_start:s_end])]
                if unless and self.wordlist in ls.offers:
                    offer, weak = ls.offers[self.wordlist]
                    if offer.find_raw(sc.text[s_start:s_end]):  # 依法经营，仿真枪现货，私聊: a seller's 依法 is no report
                        unless = [u for u in unless if sc.text[u.start:u.end] not in weak]
                o_start, o_end = view.span(s_start, s_end)
                endorsed = ls.reported.endorsed(doc.article.text[o_start:o_end])
                if endorsed:  # 写有“……一律不得……”，评审组认为符合实际: the words inside the quotation are adopted
                    quotes = [q.span() for q in QUOTE.finditer(doc.article.text, o_start, o_end)]
                    unless = [u for u in unless if not any(a <= s and e <= b for a, b in quotes
                                                           for s, e in [view.span(u.start, u.end)])]
                if unless:  # a report word scare-quoted by the writer (“捐献者”可获得8万元营养费) reports nothing
                    short = [q.span() for q in SCARE_QUOTE.finditer(doc.article.text, o_start, o_end)]
                    unless = [u for u in unless if not any(a <= s and e <= b for a, b in short
                                                           for s, e in [view.span(u.start, u.end)])]
                if any(not covered(u, groups) for u in unless):
                    continue  # a report about the matter (查获, 被告人…), unless the word is part of a group word
                if not combo.get("quotes_count") and not endorsed and self._quoted(
                        doc, view, ls, groups, len(combo["groups"]), sentence):
                    continue  # 骗子谎称“……”, 转发“……”的消息: the combination needs words someone else is quoted saying
                start = min(m.start for m in groups)
                end = max(m.end for m in groups)
                if warning and warning.excuses(sc.text[s_start:s_end], doc.article.text, *view.span(start, end),
                                               (o_start, o_end)):
                    continue  # 不法分子利用网络直播传播淫秽色情信息，严重危害……: a lesson, not an offer
                words = "”“".join(dict.fromkeys(view.text[m.start:m.end] for m in sorted(groups, key=lambda m: m.start)))
                yield doc.hit(self.id, view, start, end,
                              f"禁载内容（{data['category']}：{combo['what']}）：同一句中出现“{words}”；"
                              "删除或改写；如是报道依法打击、审判的内容，写明“查获”“依法打击”“被告人”等")
                break
