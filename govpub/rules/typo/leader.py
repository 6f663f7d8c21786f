from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property
from typing import Any

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.matching import Matcher
from govpub.rules.normalize import View
from govpub.rules.typo._pinyin import common_word, homophones
from govpub.rules.typo._words import everyday_word

_CJK = re.compile(r"[\u4e00-\u9fff]+")
FORMER = ("原", "时任", "前任")
# someone else's role or a byline: a name right after these is not a leader's
PARTIES = ("当事人", "申请人", "原告", "被告", "被告人", "嫌疑人", "村民", "居民", "群众", "市民", "受援人", "委托人",
           "罪犯", "服刑人员", "矫正对象", "调解员", "律师", "公证员", "男子", "女子", "患者", "学生", "家属",
           "法官", "检察官", "民警", "警官", "辅警", "所长", "村长", "会长", "组长", "队长", "科长", "股长", "院长",
           "庭长", "校长", "老师", "同学", "记者", "通讯员", "编辑", "作者", "摄影", "供稿", "审核", "撰稿", "文/",
           "图/", "网格员", "志愿者", "陪审员", "仲裁员", "鉴定人", "证人", "老人", "村干部", "负责人", "经理", "法人",
           "书记", "主任", "部长", "主席", "委员", "代表", "董事长", "总经理", "站长", "馆长", "处长",
           "教师", "医生", "护士", "工人", "农民", "渔民", "店主", "司机", "保安", "员工", "退休", "老党员", "企业主",
           "奖", "获得者", "标兵", "能手", "先进个人", "人员", "对象", "审判长", "审判员", "书记员", "执行员",
           "法官助理", "公诉人", "辩护人", "代理人")
# ... and right before these (林志刚先生, 林志刚律师, 林志刚（化名）, 林志刚等村民)
PARTIES_AFTER = ("先生", "女士", "老人", "大爷", "阿姨", "师傅", "老师", "同学", "律师", "法官", "检察官", "民警",
                 "警官", "所长", "村长", "会长", "组长", "队长", "科长", "院长", "庭长", "校长", "经理", "（化名）",
                 "(化名)", "等人", "一家", "夫妇", "的父亲", "的母亲", "的妻子", "的丈夫", "的儿子", "的女儿")
# other names listed before or after a name: 调解员吴建国、梁振华 / 林志鹏、黄晓红等村民
_LISTED_BEFORE = re.compile(r"(?:[\u4e00-\u9fff]{2,3}[、和与及])+$")
_LISTED_AFTER = re.compile(r"(?:[、和与及][\u4e00-\u9fff]{2,3}?(?=[、和与及等]))*(?:[、和与及][\u4e00-\u9fff]{2,3})?等?")


# a person's profile or affiliation right after the name: an appointment notice (林志华，男，汉族，1983年5月生)
# or a list of commended people (吴建国（湛江市公证处）) names other staff, not a leader mistyped
_PROFILE_AFTER = re.compile(r"[*_]*[，,（(]\s*(?:[男女][，,）)]|\d{4}年\d{1,2}月(?:出)?生"
                            r"|[^（）()，。\n]{2,24}(?:局|处|院|所|会|中心|科|股|室|队|站|公司|学校|村|社区|街道|镇)[）)])")


def _someone_else(text: str, start: int, end: int) -> bool:
    """True when a role of someone else's stands right before the name or right after it,
    also across a list of names (律师许丽华 / 许丽华律师 / 调解员吴建国、梁振华 / 林志鹏、黄晓红等村民), or a
    profile or an affiliation follows it (林志华，男，… / 吴建国（湛江市公证处）)."""
    head = text[max(0, start - 30):start].rstrip("：:")
    listed = _LISTED_BEFORE.search(head)
    if head.endswith(PARTIES) or (listed and head[:listed.start()].endswith(PARTIES)):
        return True
    tail = text[end:end + 40]
    if _PROFILE_AFTER.match(tail):
        return True
    m = _LISTED_AFTER.match(tail)
    rest = tail[m.end():] if m else tail
    return tail.startswith(PARTIES_AFTER) or rest.startswith(PARTIES_AFTER + PARTIES)


def _table_cell(text: str, start: int, end: int, titles: list[str]) -> bool:
    """True when the name fills a table cell by itself (| 吴建国 |) in a row that names no leader's
    title: such tables list parties, winners or staff. A row with a title (| 吴建国 | 政治部主任 |)
    or a table whose header names leaders or a title (| 带队领导 |) is a list of leaders and stays checked."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    if not line.lstrip().startswith("|"):
        return False
    if any(t in line for t in titles) or any(t in _table_header(text, line_start) for t in (*titles, "领导")):
        return False
    left = text.rfind("|", line_start, start)
    right = text.find("|", end)
    return left >= 0 and right >= 0 and text[left + 1:start].strip() == "" and text[end:right].strip() == ""


def _table_header(text: str, line_start: int) -> str:
    """The first line of the Markdown table whose row begins at line_start."""
    start = line_start
    while start > 0:
        prev = text.rfind("\n", 0, start - 1) + 1
        if not text[prev:start].lstrip().startswith("|"):
            break
        start = prev
    end = text.find("\n", start)
    return text[start:end if end >= 0 else len(text)]


_CLAUSE_END = re.compile(r"[。；;：:，,！？!?\n（）()]")
_GROUP_AFTER = re.compile(r"等?[\d一二三四五六七八九十百千]+(?:人|名|位)")


def _roster(text: str, start: int, end: int, names: list[str]) -> bool:
    """True when the name stands in a list of three or more names of which none is a leader's
    (优秀人民调解员：林志明、陈国华、吴建国…), or in a list counted as a group (…等50人)."""
    before = [m.end() for m in _CLAUSE_END.finditer(text, max(0, start - 60), start)]
    after = _CLAUSE_END.search(text, end, end + 60)
    clause = text[before[-1] if before else max(0, start - 60):after.start() if after else end + 60]
    head, _, tail = clause.partition("等")
    items = head.split("、")
    if len(items) >= 3 and all(2 <= len(i) <= 3 for i in items) and not set(items) & set(names):
        return True
    return len(items) >= 2 and bool(_GROUP_AFTER.match("等" + tail)) and not set(items) & set(names)


# never the changed character of a mistyped given name: they join a name to the next word (林志在)
FUNCTION_CHARS = set("的了是在和有就也都而及与着过之其这那你我他她它们个为以于上下不没很才又还把被从对到等将向")
# the common surnames: a leader's given name after another of these (邓国栋 for 陈国栋) is the name mistyped
SURNAMES = set("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
               "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴"
               "莫孔向汤庞詹柯洪植麦欧甘利关")
# what a leader does in a bureau's news: another surname before a leader's given name is that leader
# mistyped only in such a sentence (邓国栋一行来到…); elsewhere it is another person (王建华的车)
LEADER_ACTS = ("一行", "带队", "出席", "主持", "讲话", "强调", "指出", "部署", "调研", "督导", "检查指导", "看望",
               "慰问", "陪同", "座谈", "会见", "批示", "参加会议", "听取", "同志", "带领", "率队", "率领", "传达",
               "致辞", "宣布", "作报告", "提出要求")
_SENTENCE = re.compile(r"[。！？!?；;\n]")


def _leader_acts(text: str, start: int, end: int) -> bool:
    """True when the sentence around the name tells what a leader does (出席, 强调, 一行, 调研…)."""
    before = [m.end() for m in _SENTENCE.finditer(text, max(0, start - 80), start)]
    after = _SENTENCE.search(text, end, end + 80)
    sentence = text[before[-1] if before else max(0, start - 80):after.start() if after else end + 80]
    return any(w in sentence for w in LEADER_ACTS)


# a name written in narration starts after punctuation or after one of these characters (会后，林志刚…;
# 由林志刚带队; 陪同林志刚; 今天吴建国…); after any other character the window is the tail of a word (红树林志愿 ->
# 树林 + 志愿, 展陈国家级 -> 展陈 + 国家), not a name
NAME_BEFORE = set("由了和与及同向对请让给被把将是为在到从经据称说讲见派随陪邀带等后前时中上下里长任记员志席告示天日午晚早夜组局委部处科室厅导")
# (…or after the last character of an office, a body or 领导: 局党组陈国梁主持, 市司法局林志坚, 局领导林志坚)


def _ordinary_words(text: str, start: int, end: int, i: int, titles: list[str]) -> bool:
    """True when the changed character of a near-miss window makes an everyday word with a
    character outside the window (陈国强项目: 强项; 吴建成果展: 成果), or with its neighbour inside
    it (林志愿者: 志愿) where nothing tells of a leader (吴建国到基层调研 and a table row with a
    leader's title stay checked): the window is ordinary words, not the name mistyped."""
    at = start + i
    outside = text[at - 1:at + 1] if at == start and at > 0 else text[at:at + 2] if at == end - 1 else ""
    if len(outside) == 2 and everyday_word(outside):
        return True
    inside = [w for w in (text[at - 1:at + 1] if at > start else "", text[at:at + 2] if at + 1 < end else "") if w]
    if not any(everyday_word(w) for w in inside):
        return False
    line = text[text.rfind("\n", 0, start) + 1:text.find("\n", end) if text.find("\n", end) >= 0 else len(text)]
    return not (_leader_acts(text, start, end) or any(t in line for t in titles))


@rule
class LeaderRule(Rule):
    """领导姓名或职务写错。

    ## 作用
    对照 `checks/registry/leaders.yml`（姓名、职务、任职起止日期）检查紧挨着职务的人名：
    与在册领导只差一个字的姓名（“局长陈国东”应为“陈国栋”），与本人职务不符的称谓
    （副局长写成局长），以及在文章发布日期已经离任却仍以现职相称的情形。
    前面有“原”“时任”“前任”的（“原副局长某某”）视为对离任领导的正确称呼。
    不挨着职务的普通叙述中，与在册领导只差一个字的姓名同样提示：姓相同、名中错一个字
    （“会后，林志刚到社区矫正中心看望工作人员”），姓写成同音字（“陈国东”），或名相同、姓换成另一个常见姓且句中写的是领导的活动（“随后，邓国栋一行来到徐闻县”；“王建华的车”是别人）。
    以下情形不是写错的领导姓名，不提示：前面是“当事人”“申请人”“村民”“律师”“所长”“记者”等、
    后面是“先生”“女士”“律师”“（化名）”等（别人的姓名或署名，中间可以隔着并列的几个姓名，
    如“调解员吴建国、梁振华”“林志鹏、黄晓红等村民”），三人以上且没有在册领导的名单
    （“优秀人民调解员：林志明、陈国华、吴建国”），后面紧跟个人简况或所在单位的（任职公示中的“林志华，男，汉族”、
    表扬名单中的“吴建国（湛江市公证处）”），front matter 的 author（拟稿人），
    错的字是“的”“在”“和”一类虚词（那是人名后接了别的词），前一个字与它连成词（“红树林志愿服务队”中的“林志愿”），其中两个字是常用词（“郑重明示”中的
    “郑重明”），错的字不是同音字、且与前一个或后一个字组成常用词（“志愿者”“强项”“建成”：常用词表由 jieba 词典生成，
    见 `govpub/rules/typo/_words.py`），窗口与登记的地名重叠（“吴川华侨农场”中的“吴川华”）。
    机关和组织名称之后的姓名（“局党组陈国梁主持”）同样检查。

    ## 原因
    第五条特别强调严禁出现领导姓名错误；领导姓名、职务错误属于国家政府网站检查的
    “严重表述错误”，是单项否决项。

    ## 示例
    `副局长陈国栋出席会议`（陈国栋是局长）。

    ## 修改方法
    按提示核对并改正姓名、职务；领导职务变动后，请局办公室及时更新 leaders.yml。
    """

    id = "typo.leader"
    title = "领导姓名职务"
    article = "第五条"

    @cached_property
    def _registry(self) -> tuple[list[dict[str, Any]], list[str], list[str], Matcher, Matcher,
                                 tuple[re.Pattern[str], Matcher]]:
        data = self.policy.leaders.data
        leaders = data["leaders"]
        titles = set(data.get("titles") or [])
        for entry in leaders:
            titles.update(t for t in re.split(r"[、，,]", entry["title"]) if t)
        ordered = sorted(titles, key=len, reverse=True)
        names = sorted({e["name"] for e in leaders})
        # any one character of a name replaced: 陈国. | 陈.栋 | .国栋
        # any one character of a name replaced: 陈国. | 陈.栋 (a regex that starts with a literal,
        # so it scans fast), and .国栋 (found by its literal tail)
        near = "|".join(f"{re.escape(n[:i])}.{re.escape(n[i + 1:])}"  # "." compiles fast; CJK checked below
                        for n in names if len(n) >= 3 for i in range(1, len(n)))
        tails = Matcher([n[1:] for n in names if len(n) >= 3])
        return (leaders, ordered, names, Matcher(names), Matcher(ordered),
                (re.compile(near or r"(?!x)x"), tails))

    def check(self, doc: Document) -> Iterable[Hit]:
        leaders, titles, names, name_matcher, title_matcher, near = self._registry
        view = doc.folded
        text = view.text
        date = str(doc.article.meta.get("date") or "")[:10]
        for m in name_matcher.find(text):
            name = names[m.index]
            title = self._adjacent_title(text, m.start, m.end, titles)
            if title is None:
                continue
            tstart, tend, word = title
            held = [e for e in leaders if e["name"] == name]
            current = [e for e in held if not date or (e["from"] <= date and (e["to"] is None or date <= e["to"]))]
            if text[max(0, min(tstart, m.start) - 2):min(tstart, m.start)].endswith(FORMER):
                continue
            if not current:
                last = max(held, key=lambda e: e["from"])
                when = f"于 {last['to']} 离任" if last["to"] else f"自 {last['from']} 起任职"
                yield doc.hit(self.id, view, min(tstart, m.start), max(tend, m.end),
                              f"{name}{when}，文章日期 {date} 不在其任职期内：离任领导请称“原{word}”，或核对姓名")
                continue
            held_titles = {t for e in current for t in re.split(r"[、，,]", e["title"])}
            if word not in held_titles:
                yield doc.hit(self.id, view, min(tstart, m.start), max(tend, m.end),
                              f"{name}的职务是“{'、'.join(e['title'] for e in current)}”，不是“{word}”：请核对职务")
        reported: list[int] = []
        for t in title_matcher.find(text):
            word = titles[t.index]
            if self._longer_title_here(text, t.start, t.end, titles, word):
                continue
            for name in names:
                n = len(name)
                for start in (t.end, t.start - n):
                    window = text[start:start + n]
                    if start < 0 or len(window) < n or window == name or window in names:
                        continue
                    diffs = [i for i in range(n) if window[i] != name[i]]
                    if len(diffs) != 1 or not _CJK.fullmatch(window):
                        continue
                    i = diffs[0]
                    if (n >= 3 and i > 0) or homophones(window[i], name[i]):
                        reported.append(start)
                        yield doc.hit(self.id, view, start, start + n,
                                      f"“{word}”旁的“{window}”与在册领导“{name}”只差一个字：请核对姓名")
        yield from self._narration(doc, view, text, names, near, reported)

    def _narration(self, doc: Document, view: View, text: str, names: list[str],
                   near: tuple[re.Pattern[str], Matcher], reported: list[int]) -> Iterable[Hit]:
        """A name one character off anywhere in the text: the surname a homophone (陈国东 for 陈国栋),
        the surname kept and one character of the given name changed (林志刚 for 林志强), or the
        given name kept after another common surname in a sentence about a leader's doings (邓国栋一行)."""
        pattern, tails = near
        spans = [(m.start(), m.end()) for m in pattern.finditer(text)]
        spans += [(t.start - 1, t.end) for t in tails.find(text) if t.start > 0 and _CJK.match(text[t.start - 1])]
        for start, end in sorted(set(spans)):
            window = text[start:end]
            if not _CJK.fullmatch(window):
                continue
            if window in names or start in reported or _someone_else(text, start, end) \
                    or _roster(text, start, end, names) or _table_cell(text, start, end, self._registry[1]) \
                    or self._in_author(doc, view, start):
                continue
            for name in names:
                if len(name) != len(window):
                    continue
                diffs = [i for i in range(len(name)) if window[i] != name[i]]
                if len(diffs) == 1 and not homophones(window[diffs[0]], name[diffs[0]]) \
                        and _ordinary_words(text, start, end, diffs[0], self._registry[1]):
                    break  # 林志愿者, 陈国强项目, 吴建成果: the changed character makes a word with its neighbour
                if len(diffs) == 1 and (homophones(window[diffs[0]], name[diffs[0]]) or (
                        diffs[0] > 0 and self._name_shaped(text, start, end, window[diffs[0]])) or (
                        window[0] in SURNAMES and _leader_acts(text, start, end)
                        and self._name_shaped(text, start, end, window[0]))):
                    yield doc.hit(self.id, view, start, end,
                                  f"“{window}”与在册领导“{name}”只差一个字：请核对姓名")
                    break

    @staticmethod
    def _in_author(doc: Document, view: View, start: int) -> bool:
        """True inside the front matter's author (the drafter, not a leader)."""
        a_start, a_end = doc.article.span_of("author")
        return a_start <= view.origin(start) < a_end

    def _name_shaped(self, text: str, start: int, end: int, changed: str) -> bool:
        """A given name one character off with the surname kept (林志刚 for 林志强) reads as the
        leader's name mistyped, unless the window is really other words: it follows a character that
        does not end a clause or introduce a name (红树林志愿: 林 ends 树林), the changed character is
        a function character (林志在), two of its characters make a common word (郑重明示), or a
        registered place name overlaps the window (吴川华侨)."""
        window = text[start:end]
        if start > 0 and _CJK.match(text[start - 1]) and text[start - 1] not in NAME_BEFORE:
            return False  # 红树林志愿服务队: the surname-like character ends the word before it
        if changed in FUNCTION_CHARS or any(common_word(window[i:i + 2]) for i in range(len(window) - 1)):
            return False  # 林志在…, 郑重明示: a surname-like character followed by ordinary words
        places = self._places
        lo, hi = max(0, start - places[1]), min(len(text), end + places[1])
        return not any(s < end - lo and start - lo < e for s, e in
                       ((m.start, m.end) for m in places[0].find(text[lo:hi])))

    @cached_property
    def _places(self) -> tuple[Matcher, int]:
        """Registered place names and short names (吴川, 霞山区…), with the longest length."""
        words = set()
        for p in self.policy.places.data["places"]:
            words.add(p["name"])
            if p.get("short"):
                words.add(p["short"])
        return Matcher(sorted(words), pooled=False), max(map(len, words), default=1)  # run on a few windows

    @staticmethod
    def _adjacent_title(text: str, start: int, end: int, titles: list[str]) -> tuple[int, int, str] | None:
        for word in titles:  # longest first: 副局长 before 局长
            if text.endswith(word, 0, start):
                return start - len(word), start, word
        for word in titles:
            if text.startswith(word, end):
                return end, end + len(word), word
        return None

    @staticmethod
    def _longer_title_here(text: str, start: int, end: int, titles: list[str], word: str) -> bool:
        return any(len(t) > len(word) and t.endswith(word) and text.endswith(t, 0, end) for t in titles)
