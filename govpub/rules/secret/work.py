from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.matching import Regexes
from govpub.rules.sentences import Sentences

# a marker counts with a category term in its own sentence or in the two before it
# (a title line, then a note below it; blank lines do not count)
_SENTENCES_BEFORE = 2
_WINDOW_MAX = 160  # characters: the term stays close to the marker


@dataclass(frozen=True)
class _Category:
    name: str
    terms: re.Pattern[str]
    markers: re.Pattern[str]
    requires: list[re.Pattern[str]]  # each must also stand in the window: a named target, a time, a company
    exceptions: re.Pattern[str] | None  # this category's own after-the-event or public forms
    article: bool  # scope: article — the marker says what the whole article is (an exam's notice): a term anywhere


@dataclass(frozen=True)
class _Data:
    categories: list[_Category]
    exceptions: re.Pattern[str] | None
    gate: Regexes  # the categories' terms, then their markers: which of them can match a text


@rule
class WorkSecretRule(Rule):
    """文中出现尚未公开的工作秘密或商业秘密（未定稿、会前会后内部材料、尚未实施的执法行动、公示前的人事安排等）。

    ## 作用
    按 `checks/wordlists/classified.yml` 的 `work_secrets` 逐类检查：每类是一组说法（`terms`）
    和“尚未公开”的标志（`markers`），两者出现在同一句或前两句内（空行不算一句）时提示。类别包括：

    - 未定稿的讨论稿、征求意见稿（“尚未定稿”“仅在系统内征求意见”“不宜对社会公布”“未经局务会审定”，
      标题后的“（讨论稿）”“（初稿）”；公开征求意见的“（征求意见稿）”不算）；
    - 会议纪要、领导批示（“内部掌握”“不对外透露”）；
    - 尚未实施的突击检查、暗访、统一收网（“定于12月10日上午对……”“不提前通知”；写明日期又说“届时不提前通知”的，
      面向全市也提示；“请勿提前告知被检查单位”不必写日期）；
    - 正在侦办案件的案情（“以下案情尚未对外公布”“嫌疑人已被锁定”）；
    - 公示前的人事安排（“拟提拔……尚未公示”“尚在酝酿阶段”）；
    - 考试前的试题、答案（“考前”“考试尚未开始”），考务安排中写出的题目内容；
    - 监所的监控、围墙正在检修或有盲区，并写明巡查钟点；尚未执行的押解、转押的日子和路线；
    - 看守所、监区的值班表和安保、警力部署的具体安排（岗位、人数、时间）；
    - 开标前的标底、投标报价；
    - 点名企业尚未公开的商业秘密（核心配方、客户名单）；
    - 向上级报送的请示（结束语“妥否，请批示”“当否，请审定批复”）；
    - 会议纪要的版头和结构（“参会人员：”“列席人员：”“会议议定事项”）；
    - 尚未办结的纪律审查和问题线索（“正在初核”“尚未形成结论”“处理意见还没有作出”，须点名对象）；
    - 反馈前的巡察、督察发现（“初步发现”“尚未正式反馈”“督察底稿”；整改情况的公布不提示）；
    - 对内掌握、不对外说的口径和处理意见（“内部掌握为‘暂缓公开’”“不向投诉人透露办理进度”“处理结果暂不对外公布，
      待省厅批复后……”；讲政务公开的“不得以内部掌握为由拒绝公开”不提示）；
    - 尚未作出的处理决定（“拟给予……停业整顿”“拟作出免职处理”+“决定尚未作出”“待党组会研究后”，须点名对象；
      讲处罚程序的普法文字不点名，不提示）。

    有的类别的标志说的是整篇文章（`scope: article`，如面试公告的“面试时间：”“考生须携带……准考证”），
    这时说法在文中任何位置都算（“本次面试题目共三道：一是……”）。
    有的类别还要求（`requires`）同一处写明对象和时间（执法行动：“对某区某机构”“12月10日上午”），
    或点名企业（商业秘密）；面向全市、“即日起”“为期一个月”的督查公告不提示。
    同一处有事后或依法公开的说法（`exceptions`：已于……开展、现予公示、公示期、公开征求意见、
    中标结果公告）时不提示，所以“11月20日对12家机构开展突击检查，已责令整改”“任前公示”
    “征求意见稿全文公布”都可以发布。

    ## 原因
    第五条（一）审核是否涉及国家秘密、工作秘密、商业秘密；第十条“上网信息不涉密”。
    提前公开执法行动、人事安排、试题或标底，会使工作失败或损害他人合法权益。

    ## 示例
    `我局定于12月10日上午对赤坎区两家司法鉴定机构开展突击检查，届时不提前通知被检查单位。`
    `关于追加法律援助经费的请示……妥否，请批示。`
    `经初步研究，拟给予霞山区某律师事务所停业整顿三个月的行政处罚，处罚决定尚未作出。`
    `经局党组酝酿，拟提拔某某同志任律师工作科科长，人选目前尚未公示。`

    ## 修改方法
    删除尚未公开的内容，待行动结束、依法公示或公开后再按公开的口径发布。
    """

    id = "secret.work"
    title = "工作秘密"
    article = "第五条（一）、第十条"
    cited_examples = True  # 错例：“……” / 把“X”写成“Y”: the wrong form quoted by a lesson

    @cached_property
    def _data(self) -> _Data:
        data = self.policy.wordlist("classified", "classified").data.get("work_secrets") or {}
        shared = data.get("nonpublic")
        categories = []
        for c in data.get("categories") or []:
            markers = [shared if m == "nonpublic" and shared else m for m in c["markers"]]
            categories.append(_Category(
                name=c["name"],
                terms=re.compile(c["terms"]),
                markers=re.compile("|".join(f"(?:{m})" for m in markers)),
                requires=[re.compile(r) for r in _as_list(c.get("requires"))],
                exceptions=re.compile(c["exceptions"]) if c.get("exceptions") else None,
                article=c.get("scope") == "article",
            ))
        exceptions = data.get("exceptions")
        return _Data(categories, re.compile(exceptions) if exceptions else None,
                     Regexes([c.terms for c in categories] + [c.markers for c in categories]))

    def check(self, doc: Document) -> Iterable[Hit]:
        view = doc.simplified
        text = view.text
        data = self._data
        sentences: Sentences | None = None
        reported: set[int] = set()  # marker sentences already reported
        maybe = data.gate.candidates(text)
        for i, category in enumerate(data.categories):
            if i not in maybe or len(data.categories) + i not in maybe:
                continue  # no term or no marker anywhere in the text
            terms = list(category.terms.finditer(text))
            if not terms:
                continue
            if sentences is None:
                sentences = Sentences(text)
            for marker in category.markers.finditer(text):
                start, end = sentences.at(marker.start())
                if start in reported:
                    continue
                lo = start
                for _ in range(_SENTENCES_BEFORE):
                    # blank lines between a header's lines are no sentences
                    while lo > 0 and not text[lo - 1].strip():
                        lo -= 1
                    if lo <= 0:
                        break
                    lo = sentences.at(lo - 1)[0]
                lo = max(lo, marker.start() - _WINDOW_MAX)
                hi = max(end, marker.end())
                if category.article:  # the marker is about the article: its terms anywhere, its exceptions too
                    lo, hi = doc.body_vstart, len(text)
                term = next((t for t in terms if lo <= t.start() and t.end() <= hi), None)
                if term is None:
                    continue
                if data.exceptions is not None and data.exceptions.search(text, lo, hi):
                    continue
                if category.exceptions is not None and category.exceptions.search(text, lo, hi):
                    continue
                if not all(r.search(text, lo, hi) for r in category.requires):
                    continue
                reported.add(start)
                yield doc.hit(self.id, view, marker.start(), marker.end(),
                              f"{category.name}：“{term.group()}”与“{marker.group()}”同在一处，"
                              "尚未公开的内容不得上网；请删除，待依法公开后按公开的口径发布")


def _as_list(value: str | list[str] | None) -> list[str]:
    """A `requires` entry: one pattern or a list of patterns."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)
