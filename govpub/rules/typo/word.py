from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cached_property
from typing import Any

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.matching import Matcher, in_longer_word
from govpub.rules.sentences import sentence_at
from govpub.rules.typo._idioms import idioms, words
from govpub.rules.typo._pinyin import common_word
from govpub.rules.typo._words import everyday_word

# Verbs of doing after which 的 + a describing idiom that ends the clause is the complement marker
# 得 (工作开展得如火如荼, 活动办得有声有色). Verbs of saying are left out: 他说的千真万确 (what he
# said) is right.
_DOING = ("开展", "推进", "落实", "组织", "进行", "完成", "处理", "安排", "布置", "准备", "整治", "治理",
          "建设", "宣传", "执行", "表现", "打扫", "收拾", "整理", "摆放", "装订", "填写", "登记", "记录", "梳理",
          "打造", "筹备", "搞", "做", "办", "干", "抓", "管")
_CLAUSE_END = frozenset("，。；！、：）”\n")
# a word of two to four Chinese characters written twice in a row (AA of words, not of characters)
_DOUBLED_WORD = re.compile(r"([\u4e00-\u9fff]{2,4})\1")
_CJK4 = re.compile(r"[\u4e00-\u9fff]{4}")
# one Chinese character three or more times in a row (认认真真真)
_TRIPLED = re.compile(r"([\u4e00-\u9fff])\1\1")  # {2,} is three times dearer: the run is extended by hand
# the first character of counting words said twice (一个一个, 每天每天) and function characters
# that make chance pairs across two words (的人的人)
_COUNTING = frozenset("一二两三四五六七八九十百千万每各某这那几")
_FUNCTION = frozenset("的了着过是在不有和与也就都又")
# the last character of a body's name, which its head's title repeats (信息科科长, 办公室室主任, 派出所所长)
_ORGAN_ENDS = frozenset("科处所局部院庭站队组股室厅委会办社校馆")
# A result or degree after 的 that ends the clause (落实的不到位, 开展的很扎实): the complement marker 得.
_RESULT = re.compile(r"(?:不够|还不|不太|不|很|较|比较|十分|非常|更|最|特别|相当|还|太)?"
                     r"(?:到位|扎实|深入|细致|彻底|及时|规范|充分|有力|有效|全面|到家|清楚|明白|具体|圆满|顺利|出色|精彩|热烈)"
                     r"|(?:不够|还不|不太|不|很|较|比较|十分|非常|更|最|特别|相当|还|太)[好差快慢多少实细严准]")


@rule
class WordRule(Rule):
    """常见错别字。

    ## 作用
    按 `checks/wordlists/typos.yml` 中的错别字表（如“再接再励”应为“再接再厉”、
    表示时间截止点的“截止2024年底”应为“截至”）查找错别字。每条可以带上下文条件
    （`followed_by`）、同一句中须有的词（`when`：“侦察”在别的领域是对的，与“犯罪”“辩护”“案件”同句时应为“侦查”）
    和例外（`except`，包含该写法的正确词语），避免误报。`doubled` 中的虚词
    （被、与、把、对……）连写两次（“已被被依法扣押”“司法所与与村委会”）也提示，不必逐一列出；
    前一个字与再前一个字组成词语、或后一个字与再后一个字组成词语的（“参与与配合”“原告被被告打伤”
    “司法所所长”“从从容容”）不提示。
    词语连写两次（“委员会委员会”，两个字的词去掉一遍后是登记的术语的：“人民调解调解委员会”）也提示，“研究研究”一类叠用不提示。
    一个字连写两次、去掉一个后是登记的术语（terms、idioms、short_terms）的（“人民民调解委员会”“进一步步优化”“社区矫矫正”）也提示；
    前一个字结束一个词、后一个字开始另一个词的（“更进一步步入正轨”“调解员员额”）和“人人”“时时处处”一类叠字不提示。
    做事的动词（开展、推进、落实、组织、办、做……）之后用“的”接一个描写状态、结束分句的成语或叠词
    （“工作开展的如火如荼”“整改推进的扎扎实实”，写成“地”的“活动开展地有声有色”同样）或结果、程度（“落实的不到位”“开展的很扎实”“组织的深入细致”），应为补语标记“得”；“他说的千真万确”（说的话）不提示。
    动补结构中间用“的”表示能不能（“看的见”“办的到”“管的住”，`potential` 登记动补词，程序生成写法）应为“得”；
    补语与后面的字组成词的（“他管的住房”“看的见解”）不提示。描写性的成语或叠词后用“的”接做事的动词
    （“竭尽全力的维护”“扎扎实实的推进整改”“全心全意的为群众服务”）应为状语标记“地”；动词后面是它修饰的名词的
    （“坚定不移的推进力度”）和“实事求是的态度”不提示。
    一个字连写三次、并与旁边的字组成词的（“认认真真真查摆”“法法法律”）也提示；象声词、答应声和数字（`sounds`：“哈哈哈”“好好好”）
    和单独喊出的口号（“买买买”）不提示。两个字的常用词连写两次（“切实提高提高治理水平”）也提示；可以 ABAB 叠用的动词和形容词
    （`reduplicable`：“研究研究”“雪白雪白”）和“一个一个”一类计数不提示。

    ## 原因
    第五条：严禁出现错字、漏字或者不规范的词语。错别字在政府网站检查中扣分并被公开通报。

    ## 示例
    `全局干部要再接再励，截止目前已办结案件120件。`、`群众看的见、用得上。`、`要竭尽全力的维护当事人权益。`、`认认真真真查摆问题。`

    ## 修改方法
    按提示改为正确写法。误报时请局办公室在错别字表中补充例外。
    """

    id = "typo.word"
    title = "错别字"
    article = "第五条（四）"
    cited_examples = True  # 错例：“……” / 把“X”写成“Y”: the wrong form quoted by a lesson

    @cached_property
    def _doubled(self) -> Matcher:
        """Every function character of typos.yml's `doubled` written twice (被被, 与与)."""
        chars = self.policy.wordlist("typos", "typos").data.get("doubled") or []
        return Matcher([c * 2 for c in chars])

    @cached_property
    def _data(self) -> tuple[Matcher, list[dict[str, Any]]]:
        entries = self.policy.wordlist("typos", "typos").data["typos"]
        compiled = [{**e, "followed_by": re.compile(e["followed_by"]) if e.get("followed_by") else None,
                     "when": re.compile(e["when"]) if e.get("when") else None} for e in entries]
        return Matcher([e["wrong"] for e in entries]), compiled

    def check(self, doc: Document) -> Iterable[Hit]:
        matcher, entries = self._data
        view = doc.simplified
        text = view.text
        for m in self._doubled.find(text):
            if not _twice_by_chance(text, m.start):
                yield doc.hit(self.id, view, m.start, m.end,
                              f"“{text[m.start:m.end]}”多打了一个字：应为“{text[m.start]}”")
        listed: list[tuple[int, int]] = []
        for m in matcher.find(text):
            entry = entries[m.index]
            if entry["followed_by"] and not entry["followed_by"].match(text, m.end):
                continue
            if entry.get("except") and in_longer_word(text, m.start, m.end, entry["except"]):
                continue
            if entry["when"] and not entry["when"].search(text, *sentence_at(text, m.start, m.end)):
                continue  # a word right in another field (侦察 of the army): wrong only beside this field's words
            listed.append((m.start, m.end))
            yield doc.hit(self.id, view, m.start, m.end,
                          f"错别字“{entry['wrong']}”：应为“{entry['right']}”")
        covered = bytearray(len(text) + 1)  # the listed typos' characters (的很 is in the list)
        for s, e in listed:
            covered[s:e] = b"\1" * (e - s)
        for hit, start, end in (*self._de_for_dei(doc), *self._doubled_words(doc), *self._doubled_chars(doc),
                                  *self._tripled(doc), *self._de_for_di(doc), *self._potential(doc)):
            if not any(covered[start:end]):  # was a test against every listed typo: minutes on a pasted run
                yield hit


    @cached_property
    def _terms(self) -> tuple[Matcher, list[str]]:
        """typos.yml's terms and idioms (correct forms): a word doubled inside one of them is a typing slip."""
        data = self.policy.wordlist("typos", "typos").data
        terms = sorted({t for t in (data.get("terms") or []) + (data.get("idioms") or []) if len(t) >= 4})
        return Matcher(terms, pooled=False), terms

    @cached_property
    def _char_terms(self) -> Matcher:
        """typos.yml's terms, idioms and short terms of three or more characters: a character doubled
        inside one of them is a typing slip."""
        data = self.policy.wordlist("typos", "typos").data
        return Matcher(sorted({t for key in ("terms", "idioms", "short_terms") for t in data.get(key) or []
                               if len(t) >= 3}), pooled=False)

    @cached_property
    def _doubled_in_terms(self) -> tuple[Matcher, list[int]]:
        """Those terms with one character after the first written twice (人民民调解, 进一步步), generated
        from the correct forms: a matcher and, per form, where the doubled pair starts in it."""
        forms: dict[str, int] = {}
        for term in self._char_terms.patterns:
            for k in range(1, len(term)):
                forms.setdefault(term[:k + 1] + term[k:], k)
        return Matcher(list(forms)), list(forms.values())

    @cached_property
    def _function_chars(self) -> frozenset[str]:
        return frozenset(self.policy.wordlist("typos", "typos").data.get("doubled") or [])

    def _ends_word(self, text: str, end: int) -> bool:
        """True when a word or a registered term ends at text[end - 1] (一步, 调解员, 社区矫正管理科)."""
        pair = text[max(end - 2, 0):end]
        if len(pair) == 2 and (everyday_word(pair) or common_word(pair)) or common_word(text[max(end - 3, 0):end]):
            return True
        return any(t.end == end - max(end - 12, 0) for t in self._char_terms.find(text[max(end - 12, 0):end]))

    @staticmethod
    def _begins_word(text: str, start: int) -> bool:
        """True when an everyday word begins at text[start] (步入, 员额)."""
        pair = text[start:start + 2]
        return len(pair) == 2 and (everyday_word(pair) or common_word(pair))

    def _doubled_chars(self, doc: Document) -> Iterator[tuple[Hit, int, int]]:
        """One character written twice where one copy less leaves a registered term through it
        (医疗纠纷人民民调解委员会 is 人民调解委员会, 进一步步优化 is 进一步, 社区矫矫正): not where a word
        ends at the first copy and another begins at the second (更进一步步入正轨: 进一步 + 步入; 调解员员额),
        nor AABB forms (人人事事)."""
        view = doc.simplified
        text = view.text
        function = self._function_chars
        forms, offsets = self._doubled_in_terms
        seen: set[int] = set()
        for f in forms.find(text):
            start = f.start + offsets[f.index]
            char = text[start]
            if start in seen or char in function:
                continue  # 参与与配合: function characters are the `doubled` check's
            seen.add(start)
            if self._begins_word(text, start + 1) and (char in _ORGAN_ENDS or self._ends_word(text, start + 1)):
                continue  # 更进一步步入: 进一步 ends at the first copy, 步入 begins at the second; 信息科科长
            if text[start + 2:start + 3] == text[start + 3:start + 4] or text[start - 2:start - 1] == text[start - 1:start] != "":
                continue  # AABB: 时时处处, 人人事事
            yield (doc.hit(self.id, view, start, start + 2, f"“{char * 2}”多打了一个字：应为“{char}”"), start, start + 2)

    def _doubled_words(self, doc: Document) -> Iterator[tuple[Hit, int, int]]:
        """A word of two to four characters written twice in a row: three or more characters always
        (委员会委员会), two when one copy less leaves a registered term (人民调解调解委员会 is
        人民调解委员会); ABAB verbs (研究研究) pass."""
        view = doc.simplified
        text = view.text
        for m in _DOUBLED_WORD.finditer(text):
            word = m.group(1)
            start, end = m.start(), m.end()
            if len(word) == 2 and not self._doubled_word(word):
                lo, hi = max(0, start - 8), min(len(text), end + 8)
                once = text[lo:start + 2] + text[end:hi]
                join = start + 2 - lo
                matcher, terms = self._terms
                if not any(t.start < join + len(word) and join - len(word) < t.end and len(terms[t.index]) > 2
                           for t in matcher.find(once)):
                    continue
            yield (doc.hit(self.id, view, start, end, f"“{word}”重复写了两次：应为“{word}”"), start, end)

    @cached_property
    def _reduplicable(self) -> frozenset[str]:
        return frozenset(self.policy.wordlist("typos", "typos").data.get("reduplicable") or [])

    def _doubled_word(self, word: str) -> bool:
        """A two-character everyday word that formal writing never says twice (提高提高, 加强加强): not
        the verbs and adjectives that reduplicate (研究研究, 雪白雪白, typos.yml reduplicable), nor
        counting words (一个一个), AA words (常常) or pairs with a function character (的人的人)."""
        return (word[0] != word[1] and word[0] not in _COUNTING and not _FUNCTION.intersection(word)
                and word not in self._reduplicable and (everyday_word(word) or common_word(word)))

    @cached_property
    def _sounds(self) -> frozenset[str]:
        return frozenset(self.policy.wordlist("typos", "typos").data.get("sounds") or [])

    def _tripled(self, doc: Document) -> Iterator[tuple[Hit, int, int]]:
        """A character written three times in a row where it makes a word with the character beside the
        run or ends an AABB form (认认真真真, 法法法律): Chinese doubles a character at most; sounds and
        answers (哈哈哈, 好好好), numerals (typos.yml sounds) and a lone verb said three times as a
        slogan (买买买之前) pass."""
        view = doc.simplified
        text = view.text
        sounds = self._sounds
        last = 0
        for m in _TRIPLED.finditer(text):
            char = m.group(1)
            start, end = m.start(), m.end()
            if char in sounds or start < last:
                continue
            while text[end:end + 1] == char:
                end += 1
            last = end
            pairs = (text[start - 1:start] + char, char + text[end:end + 1])
            if not (any(len(p) == 2 and (everyday_word(p) or common_word(p)) for p in pairs)
                    or start >= 2 and text[start - 2] == text[start - 1] != char):
                continue  # a slogan of one verb said three times (买买买之前): no word around it
            run = text[start:end]
            yield (doc.hit(self.id, view, start, end, f"“{run}”中“{char}”连写了{len(run)}次：多打了字，请删去多余的“{char}”"),
                   start, end)

    @cached_property
    def _acts(self) -> re.Pattern[str] | None:
        """The verbs (and the nouns they must not head) of typos.yml's adverb entries (认真的 -> 认真地):
        what 地 is followed by."""
        for e in self.policy.wordlist("typos", "typos").data["typos"]:
            if e["right"].endswith("地") and e.get("followed_by"):
                return re.compile(e["followed_by"])
        return None

    def _de_for_di(self, doc: Document) -> Iterator[tuple[Hit, int, int]]:
        """A describing idiom or an AABB form, then 的, then a verb of doing (竭尽全力的维护, 扎扎实实的推进,
        全心全意的为群众服务): the adverbial marker 地. The verb must not head a noun (坚定不移的推进力度
        passes: typos.yml's adverb entries say which), and 实事求是的态度 has no verb after it."""
        acts = self._acts
        view = doc.simplified
        text = view.text
        if acts is None:
            return
        describing = self._describing
        at = text.find("的", 4)
        while at >= 0:
            i, at = at, text.find("的", at + 1)
            head = text[i - 4:i]
            if not (head in describing or head[0] == head[1] and head[2] == head[3] != head[0]
                    and _CJK4.fullmatch(head)):
                continue
            act = acts.match(text, i + 1)
            if act is None and text.startswith(("为人民", "为群众", "为企业", "把"), i + 1) and head in describing:
                act = re.match(r"为人民|为群众|为企业|把", text[i + 1:])
            if act is None or text[i - 5:i - 4] in "是得":
                continue  # 是坚定不移的: a description of something said after 是
            yield (doc.hit(self.id, view, i - 4, i + 1 + len(act.group()),
                           f"“{head}的{act.group()}”：修饰动词用“地”，应为“{head}地{act.group()}”"),
                   i - 4, i + 1 + len(act.group()))

    @cached_property
    def _potential_forms(self) -> Matcher:
        """typos.yml potential: verb-complement words (看见, 做到) written with 的 between (看的见)."""
        words_ = self.policy.wordlist("typos", "typos").data.get("potential") or []
        return Matcher([w[:-1] + "的" + w[-1] for w in words_])

    def _potential(self, doc: Document) -> Iterator[tuple[Hit, int, int]]:
        """A verb and its complement of result with 的 between them (看的见、用得上, 办的到): the
        potential form takes 得. Not where the complement begins a word with the next character
        (他管的住房, 看的见解)."""
        view = doc.simplified
        text = view.text
        for m in self._potential_forms.find(text):
            nxt = text[m.end - 1:m.end + 1]
            if len(nxt) == 2 and (everyday_word(nxt) or common_word(nxt)) and nxt not in ("到位", "清楚", "明白"):
                continue
            wrote = text[m.start:m.end]
            yield (doc.hit(self.id, view, m.start, m.end,
                           f"“{wrote}”：表示能不能用“得”，应为“{wrote.replace('的', '得')}”"), m.start, m.end)

    @cached_property
    def _describing(self) -> frozenset[str]:
        """The idioms (not the everyday words) of typo.idiom's generated list."""
        return frozenset(idioms()[0]) - words()

    def _de_for_dei(self, doc: Document) -> Iterator[tuple[Hit, int, int]]:
        """的 or 地 between a verb of doing and a describing idiom (or AABB form) or a result that ends the
        clause: 工作开展的如火如荼 is 开展得如火如荼, 制度落实的不到位 is 落实得不到位, 活动开展地有声有色 is 开展得."""
        view = doc.simplified
        text = view.text
        for mark in "的地":
            at = text.find(mark, 1)
            while at >= 0:
                i, at = at, text.find(mark, at + 1)
                if not text.endswith(_DOING, 0, i):
                    continue
                after = text[i + 1:i + 5]
                result = _RESULT.match(text, i + 1)
                second = _RESULT.match(text, result.end() + (text[result.end():result.end() + 1] in "、而又")) \
                    if result else None
                if second and len(second.group()) >= 2 and text[second.end():second.end() + 1] in _CLAUSE_END:
                    after = text[i + 1:second.end()]  # two results side by side: 开展的扎实有效
                elif result and text[result.end():result.end() + 1] in _CLAUSE_END:
                    after = result.group()
                elif len(after) < 4 or text[i + 5:i + 6] not in _CLAUSE_END or not (
                        after in self._describing or after[0] == after[1] and after[2] == after[3] != after[0]
                        # 地 before an ABAC form that ends the clause (开展地有声有色): no verb for an adverb to modify
                        or mark == "地" and after[0] == after[2] and after[1] != after[3] and _CJK4.fullmatch(after)):
                    continue
                yield (doc.hit(self.id, view, i, i + 1 + len(after),
                               f"“{mark}{after}”：动词后接补语用“得”，应为“得{after}”"), i, i + 1 + len(after))


def _twice_by_chance(text: str, i: int) -> bool:
    """A function character written twice at text[i:i + 2] that belongs to two words: the first
    ends a word (参与与, 原告被被告 is 被 + 被告: the second begins one; 司法所所长), or the pair is a
    word, or the four characters are AABB (和和美美)."""
    if i + 4 <= len(text) and text[i + 2] == text[i + 3]:
        return True  # AABB: 和和美美, 从从容容
    before, after = text[max(0, i - 1):i + 1], text[i + 1:i + 3]
    return any(len(w) == 2 and (everyday_word(w) or common_word(w)) for w in (before, after))
