from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.matching import Matcher, Regexes, covered
from govpub.rules.normalize import View
from govpub.rules.sentences import Sentences

HEADING = re.compile(r"(?m)^#{1,6}[ \t]+\S[^\n]*")
SCARE_BEFORE = re.compile(r"所谓|那些|这些|什么|号称|自称|的$|搞")  # right before a scare-quoted term, in its clause
ANSWER = ("答", "A：", "A:", "a：", "a:")
REPLY = ("答：", "答:", "答复：", "回复：", "A：", "A:")  # the reply begins: what follows on the line is the bureau's
# a line opening with one of these is a citizen's letter or question, published with its reply: its feelings are his
LETTER = tuple(f"{label}{colon}" for label in ("来信", "群众来信", "市民来信", "网友来信", "留言", "网友留言", "群众留言",
                                               "市民留言", "问", "提问", "网友提问", "咨询", "Q", "q") for colon in "：:")
QUOTED = re.compile(r"“[^”\n]*”|「[^」\n]*」|\"[^\"\n]*\"")
# Points per signal. A rhetorical question counts 2 when written as a statement (。), 1 with a question mark.
WEIGHTS = {"insult": 2, "voice": 2, "wish": 2, "rhetorical": 2, "contempt": 1, "absolute": 1, "emotion": 1,
           "colloquial": 1, "second_person": 1}
WORD_KINDS = ("first_person", "neutral", "official", "intensifier", *WEIGHTS)
OFFICIAL_SILENCES = ("contempt", "absolute", "emotion", "colloquial")  # judged by the law, not the writer
# the kinds whose single point pairs with the next sentence's (你 of a Q&A and a real question do not)
PAIRED = frozenset({"insult", "voice", "wish", "contempt", "absolute", "emotion", "colloquial"})


@dataclass(frozen=True)
class _Tone:
    phrases: Matcher
    marks: re.Pattern[str]
    scored: Matcher
    kinds: list[str]
    patterns: list[tuple[str, re.Pattern[str]]]
    threshold: int
    scare: Matcher
    gate: Regexes  # which of patterns can match a text
    scare_terms: frozenset[str]  # the state's own words, mocked when quoted alone: 所谓“普法”


@rule
class EmotionalRule(Rule):
    """带有情绪化的个人观点。

    ## 作用
    两种方式，都只提示，不阻止，由审核人判断：

    1. 按 `checks/wordlists/tone.yml` 的 `phrases` 提示口语化的个人情绪说法（“太可恶”“我觉得”；
       引号中当事人的原话除外），以及连续三个以上的叹号或问号（“！！！”）；
    2. 按句打分（`scored`），不看叹号，也不只看词：一句达到 2 分就提示。
       - 作者口吻（“说句不好听的”“在我看来”“凭良心说”）、辱骂和把人说成禽兽一类、诅咒和盼人遭殃
         （“就该让他把牢底坐穿”“抓一个……才解气”“早点得到报应”）、贬低的比较（“连实习生都比不上”）
         每处计 2 分；第一人称（我、本人、笔者、我们这些）与情绪、加重语气或轻蔑同句另加 2 分；
       - 反问句按句式认定（“难道……吗”“又有什么区别呢”“凭什么”“情何以堪”“早干什么去了”）：
         以句号结尾计 2 分，以问号结尾（普法问答）计 1 分；
       - 每处计 1 分：情绪词和切身反应（“看着就让人反胃”“想想都让人揪心”）；轻蔑讥讽（“号称”、
         “真是……啊”“不过是……罢了”、言行对照“嘴上……，背地里”“写得漂漂亮亮，实际……却”、
         “不愧是”紧接引号的反语、“真当……是”“不把……当回事”“要是……就好了”）；绝对化评判
         （“一无是处”“再多的……也是白费”“就算……也”“哪个……都说不过去”“十句有九句”）；
         口语和语气副词（“倒好”“压根”“纯属”“鬼话”“这辈子”“太……了”“……得很”、句末的“啊”“呢”）；
         对读者或当事人说“你、你们”（服务告知里的“您”不算）；
       - 轻蔑地指称一类人（“这种人”“有些干部”“这些商贩”）与讥讽或绝对化评判同句时再加 1 分；
       - 不看具体说法、只看句子结构的弱信号（第四轮）：作者口吻的评价开头（“可笑的是”“讽刺的是”，计 2 分；
         “令人遗憾的是”是公文用语，不算）、对一类人的全称判断（“统统是”“向来是”“任何……都是”“始终没有把……”）、
         漠视和贪婪（“没有把……放在心上”“眼里只有钱”）、给别人的说法加“所谓”（“他们的所谓整改”，“所谓……是指”
         是下定义，不算）、贬低的量词和骂人的类名（“那点可怜的”“自私鬼”“懦夫”）。

       - 第五轮的弱信号类别：把一类人的习惯说成“永远只会”“一向只顾”，让读者“反胃”“心寒”，比作强盗或说成
         “比恶霸还横”，带揣测的“恐怕以为”，反讽的尊称（“这位专家的高论”）和夸奖（“倒也潇洒”“真是好手段”），
         对恶行的“叹服”，“，不过是……”式的打发，对判决“判得有点轻”的评论，“狡辩”“空头支票”一类贬义说法。
       - 第六轮的类别：作者口吻的威胁和叫板（“别怪我们不客气”“走着瞧”“奉陪到底”“我只想说”）和怪罪受害人
         （“自找的”“怪不了别人”），各计 2 分；给群众的阴阳怪气的提示（“说了多少遍”“这已经是第三次提醒了”
         “我们不点名，相信您心里清楚”“体面一点”）、给一类群众贴标签（“这种法盲”“农村人就爱”）、揣测式讥讽
         （“大概也只有他自己才会满意”）、标题里的厌烦（“又是这些老问题，真的够了”）、“不要把热线当成树洞”，各计 1 分。
       - 第七轮的类别（对群众居高临下）：最后通牒和威胁（“再说最后一遍”“别怪我们……不讲情面”“哭都没地方哭”，
         威胁计 2 分）、看低群众的能力（“识字的人都看得懂”“是个人都会”“回家反省”）、用一个毛病概括一类人
         （“农村人法律意识就是差”“这个行当就是拿钱办事”“有些人就是喜欢”“对牛弹琴”）、打发群众（“懒得”
         “没有义务一一回应”“拦不住”“反正……也不是我们”）、过度自夸（“全国最好的”“没有任何一个……能够相提并论”
         “根本比不上”“赞不绝口”），英文的辱骂（stupid、idiot 计 2 分）和厌烦（sick of、pathetic）；各计 1 分。
         网络流行语的厌烦和嘲讽（“离了大谱”“真的会谢”“笑死”“懂的都懂”）各计 1 分。
         反诈口号（“所有刷单都是诈骗”）不算全称判断。
       - 第八轮的类别（对读者的威胁和居高临下）：带威胁的“奉劝”“对你没有任何好处”“该想想后果了”
         “我们的耐心是有限的”“谁也别想”和作者口吻的“我们只能说”，各计 2 分；“别以为能……”“不要以为自己……”
         “别再来浪费大家的时间”“闹下去”、给机关自己的工作用语或对群众的称呼单独加引号（所谓“普法”、
         骗取法律援助的“困难户”，`scare_terms`）、“这种不切实际的要求”“还停留在上个世纪”、“痴人说梦”“绝对不可能有任何”、
         “一而再再而三”“请某些人自重”“醒醒吧”，各计 1 分。问答的“答”里的问句是反问（“你以为法律援助是点外卖吗？”），
         按句号结尾计分。标题（front matter 的 title 和正文的 # 标题）只陈述事项：其中有一个情绪词（“又是这些老问题”
         “真的够了”）就提示。
       - 同一段中相邻的两句各有一分（作者的评判，不含对读者说“你”和真正的提问）时合起来提示一次：
         `骗子的话术其实很拙劣。可偏偏就是有人信。`；中间隔着别的句子或标题时不合并。

       - 第九轮的类别（不耐烦地打发、训斥读者）：同义反复的打发（“考不过就考不过”“不批就是不批”）、训斥读者总在
         做的事或告诉他时间该怎么用（“别总想着找关系”“有这工夫不如回去看书”）、“讲了不下一百遍”、
         “热线不是给大家闲聊用的”、“麻烦先看一眼再打电话”，各计 1 分。以“来信：”“留言：”“问：”开头的一行是
         群众的来信或提问，与答复一起刊登，其中的情绪是来信人的，不计分；“答：”照常计分。
         以作者口吻贬低网民和投诉人（“人云亦云”“张口就来”“实属矫情”“稀里糊涂”“从不愿”“总是抱怨”，
         “一些网友”“个别律所”为指称），各计 1 分。

       - 第十轮的类别：给人下“完了”的断语（“基本就是废了”“进监狱是迟早的事”）、讥讽地对照平时和事后
         （“出了事才想起找政府”“倒是比谁都积极”）、天下第一式的自夸（“任何地方都无法超越”“只有学习的份”
         “有史以来最完美”“百分之百满意”）、回复网民时反问“您自己就不能先看一看吗”和“回答过无数遍”、
         说当事人“真是个……”，各计 1 分；“老糊涂”计 2 分。
         同轮补充：贬低别人来抬高自己（“其他城市再追十年也追不上”“遥遥领先全国”）、反讽的让步（“表态倒是一年比一年
         漂亮，工作还是老样子”）、揣测式挖苦（“看来是打算把倒数第一的位置坐穿了”）、居高临下地打发（“你们懂什么”
         “照办就是了”）、反语的夸奖前的夸张（“忙到一年抽不出两个小时”），各计 1 分；“毫不谦虚地说”是作者口吻，计 2 分。

       引号中引用的原话不计分；“依法严惩”“坚决打击”“绝不姑息”等公文用语不计分；句中有执法、惩治或
       禁止用语（依法、严惩、黑恶势力、决不允许、杜绝……）时，轻蔑、绝对化、口语和情绪词不计分，
       辱骂、诅咒、反问和作者口吻照常计分（加一句“必须依法严惩”不能让辱骂过关）。

    ## 原因
    第六条（十）：不得发布包含情绪化的个人观点或看法的信息；第四条要求信息严肃。

    ## 示例
    `我认为这种行为太可恶了！！！`、`这些所谓的专家，一无是处。`、
    `说什么依法行政，不过是一句挂在墙上的空话罢了。`、`法律条文写得清清楚楚，他们难道看不懂吗。`、
    `他们嘴里喊着为民服务，手里干的全是坑民的事。`、`可笑的是，当事人到现在还以为自己没有错。`、
    `醉驾的人统统是对他人生命毫不在乎的自私鬼。`、`他们永远只会推卸责任。`、
    `这份整改报告写得很漂亮。可惜，问题一个也没解决。`、`在此再说最后一遍：识字的人应该都看得懂。`

    ## 修改方法
    改为客观陈述，如“该行为违反……规定，依法予以处理。”
    """

    id = "tone.emotional"
    title = "情绪化表达"
    article = "第六条（十）"
    severity = "warning"

    @cached_property
    def _data(self) -> _Tone:
        data = self.policy.wordlist("tone", "tone").data
        n = int(data.get("repeated_marks") or 3)
        scored = data.get("scored") or {}
        words: list[str] = []
        kinds: list[str] = []
        for kind in WORD_KINDS:
            for w in scored.get(kind) or []:
                words.append(str(w))
                kinds.append(kind)
        patterns = [(str(p["kind"]), re.compile(str(p["regex"]))) for p in scored.get("patterns") or []]
        return _Tone(Matcher(data["phrases"]), re.compile(f"[！!？?]{{{n},}}"), Matcher(words), kinds, patterns,
                     int(scored.get("threshold") or 2), Matcher([str(w) for w in scored.get("scare_quotes") or []]),
                     Regexes([p for _, p in patterns]), frozenset(str(w) for w in scored.get("scare_terms") or []))

    def check(self, doc: Document) -> Iterable[Hit]:
        t = self._data
        view = doc.simplified
        text = view.text
        reported: list[tuple[int, int]] = []
        quotes = [(q.start(), q.end()) for q in QUOTED.finditer(text)]
        for m in t.phrases.find(text):
            if any(a <= m.start and m.end <= b for a, b in quotes):
                continue  # a party's own words, quoted (受害人说：“那些人太可恶了”)
            if text.startswith(LETTER, text.rfind("\n", 0, m.start) + 1):
                continue  # 留言：……气死了 a citizen's letter, printed with the reply
            reported.append((m.start, m.end))
            yield doc.hit(self.id, view, m.start, m.end,
                          f"“{text[m.start:m.end]}”带有个人情绪：政务信息应客观陈述")
        for mark in t.marks.finditer(text):
            yield doc.hit(self.id, view, mark.start(), mark.end(), f"连续的“{mark.group()}”带有情绪：只保留一个标点")
        # Sentences are scored on the compact view: a soft line break or a symbol inside a phrase joins it.
        # Quotation marks are dropped in the compact view: quotes are found here, in article offsets.
        quoted = [view.span(a, b) for a, b in quotes]
        scare = [(view.span(a - 1, a)[0], b - a - 2) for a, b in quotes if a > 0 and text[a + 1:b - 1] in t.scare_terms
                 and SCARE_BEFORE.search(text, max(0, a - 12), a)]
        yield from self._scored(doc, doc.compact, t, [view.span(a, b) for a, b in reported], quoted, scare,
                                self._headlines(doc))

    @staticmethod
    def _headlines(doc: Document) -> list[tuple[int, int]]:
        """Spans in the article's text of what a reader sees as a headline: the front-matter title and
        the body's Markdown headings. A headline states its matter; one weak signal there is enough."""
        art = doc.article
        out = []
        if doc.meta_str("title") is not None:
            out.append(art.span_of("title"))
        out += [(art.body_start + m.start(), art.body_start + m.end()) for m in HEADING.finditer(art.text[art.body_start:])]
        return out

    def _scored(self, doc: Document, view: View, t: _Tone, reported: list[tuple[int, int]],
                quoted: list[tuple[int, int]], scare: list[tuple[int, int]],
                headlines: list[tuple[int, int]]) -> Iterable[Hit]:
        """Score each sentence of view; reported, quoted, scare (the character before a scare-quoted
        term, with the term's length) and headlines are spans in the article's text."""
        text = view.text
        sentences = Sentences(text)
        found = t.scored.find(text)
        neutral = [m for m in found if t.kinds[m.index] == "neutral"]
        signals = [(t.kinds[m.index], m.start, m.end) for m in found
                   if t.kinds[m.index] != "neutral" and not covered(m, neutral)]  # 我国、我局, 不配合: ordinary words
        for m in t.scare.find(text):  # 不愧是“金牌调解员”: the quote right after the word is ironic
            word_end = view.span(m.start, m.end)[1]
            after = view.span(m.end, m.end + 1)[0] if m.end < len(text) else -1
            if any(word_end <= a <= after < b for a, b in quoted):
                signals.append(("contempt", m.start, m.end))
        for o_start, length in scare:  # 所谓“普法”: the signal starts before the quote (a quotation alone never counts)
            v = bisect.bisect_left(range(len(text)), o_start, key=view.origin)
            if v < len(text) and view.origin(v) == o_start:
                signals.append(("contempt", v, min(len(text), v + 1 + length)))
        maybe = t.gate.candidates(text)
        for i, (kind, pattern) in enumerate(t.patterns):
            if kind != "target" and i in maybe:
                signals.extend((kind, p.start(), p.end()) for p in pattern.finditer(text))
        judged = {sentences.at(start) for kind, start, _ in signals
                  if kind in ("contempt", "absolute", "colloquial", "rhetorical", "second_person")}
        for i, (kind, pattern) in enumerate(t.patterns):  # a target only adds to a judgment: look in those sentences only
            if kind == "target" and i in maybe:
                for s_start, s_end in judged:
                    signals.extend((kind, p.start(), p.end()) for p in pattern.finditer(text, s_start, s_end))
        by_sentence: dict[tuple[int, int], list[tuple[str, int, int]]] = {}
        for kind, start, end in signals:
            by_sentence.setdefault(sentences.at(start), []).append((kind, start, end))
        for sentence, items in list(by_sentence.items()):
            if _most(items) < 1:  # cannot score at all (a pair of sentences may reach the threshold together)
                del by_sentence[sentence]
                continue
            kept = []
            for kind, start, end in items:
                o_start, o_end = view.span(start, end)
                if not any(a <= o_start and o_end <= b for a, b in quoted):
                    kept.append((kind, start, end))
            if kept:
                by_sentence[sentence] = kept
            else:
                del by_sentence[sentence]
        halves: list[tuple[int, int, int, list[tuple[str, int, int]]]] = []  # sentences of one judgment point
        for (s_start, s_end), items in sorted(by_sentence.items()):
            o_start, o_end = view.span(s_start, s_end)
            if any(o_start <= a < o_end for a, _ in reported):
                continue  # already reported by the phrase list (reported: spans in the article's text)
            line = text.rfind("\n", 0, s_start) + 1
            if text.startswith(LETTER, line) and not any(a in text[line:s_start + 4] for a in REPLY):
                continue  # 来信：我气得不行…… a citizen's letter, printed with the bureau's reply (not a reply on its line)
            kinds = {k for k, _, _ in items}
            if "official" in kinds:  # 依法严惩、黑恶势力: the state's judgment, in its own words
                items = [i for i in items if i[0] not in OFFICIAL_SILENCES and i[0] != "target"]
                kinds = {k for k, _, _ in items}
            words = {text[s:e]: k for k, s, e in items if k in WEIGHTS}
            answer = text.startswith(ANSWER, line)  # a question in the answer of a Q&A is asked back at the reader
            asked = s_end < len(text) and text[s_end] in "？?" and not answer  # a real question: 凭什么…？ in a Q&A
            score = sum(1 if k == "rhetorical" and asked else WEIGHTS[k] for k in words.values())
            if "first_person" in kinds and kinds & {"emotion", "intensifier", "contempt", "colloquial"}:
                score += 2  # the writer's own feelings or scorn: 我实在看不下去、本人极度不满
            if "target" in kinds and kinds & {"contempt", "absolute", "colloquial", "rhetorical", "second_person"}:
                score += 1
            headline = any(a <= o_start and o_end <= b for a, b in headlines)
            if headline and "emotion" in words.values():
                score = max(score, t.threshold)  # a headline states its matter, without feelings: 又是这些老问题：……通报
            if score < t.threshold:
                # a judgment point of the writer's (not 你 of a Q&A, not a real question) may pair with the next sentence's
                judged_points = sum(WEIGHTS[k] for k in words.values() if k in PAIRED)
                if judged_points:
                    halves.append((s_start, s_end, judged_points, items))
                continue
            yield _hit(doc, view, text, items, "这句话")
        # Calm contempt is often spread over two sentences of one paragraph, each with one weak signal
        # (骗子的话术其实很拙劣。可偏偏就是有人信。): two adjacent sentences together reach the threshold.
        paired = -1  # the start of the last sentence already reported in a pair: a sentence counts in one pair only
        for (a_start, a_end, a_pts, a_items), (b_start, _, b_pts, b_items) in zip(halves, halves[1:], strict=False):
            if a_start != paired and b_start == a_end + 1 and text[a_end] in "。；！" and a_pts + b_pts >= t.threshold:
                paired = b_start
                yield _hit(doc, view, text, a_items + b_items, "这两句话")


def _hit(doc: Document, view: View, text: str, items: list[tuple[str, int, int]], what: str) -> Hit:
    used = [(s, e) for k, s, e in items if k in WEIGHTS] or [(s, e) for _, s, e in items]
    start, end = min(s for s, _ in used), max(e for _, e in used)
    shown = "”“".join(dict.fromkeys(text[s:e] for _, s, e in sorted(items, key=lambda f: f[1])))
    return doc.hit(EmotionalRule.id, view, start, end,
                   f"{what}带有情绪化的个人看法（“{shown}”）：政务信息应客观陈述事实和处理依据")


def _most(items: list[tuple[str, int, int]]) -> int:
    """The highest score a sentence with these signals can get (performance only: a sentence
    below the threshold with every signal counted is not looked at further)."""
    kinds = {k for k, _, _ in items}
    score = sum(WEIGHTS.get(k, 0) for k, _, _ in items)
    if "first_person" in kinds and kinds & {"emotion", "intensifier", "contempt", "colloquial"}:
        score += 2
    if "target" in kinds and kinds & {"contempt", "absolute", "colloquial", "rhetorical", "second_person"}:
        score += 1
    return score
