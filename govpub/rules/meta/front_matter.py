from __future__ import annotations

import re
from collections.abc import Iterable

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document

# Every front-matter field of DESIGN.md: name -> (expected type, required, Chinese name)
FIELDS: dict[str, tuple[type, bool, str]] = {
    "title": (str, True, "标题"),
    "column": (str, True, "栏目"),
    "department": (str, True, "拟稿部门"),
    "author": (str, True, "拟稿人"),
    "date": (str, True, "发布时间"),
    "channels": (list, True, "发布平台"),
    "summary": (str, False, "摘要"),
    "cover": (str, False, "封面图"),
    "doc_number": (str, False, "文号"),
    "interprets": (str, False, "所解读的原文"),
    "repost": (dict, False, "转载来源"),
    "status": (str, False, "状态"),
    "withdrawn_reason": (str, False, "撤稿理由"),
    "withdrawn_at": (str, False, "撤稿时间"),
}
# A value shown as one line (title, author, summary...): a line break in it starts a forged entry
# in the 南方号 bundle's meta.txt ("发布时间：…" under the title) and breaks the WeChat title.
MULTILINE = frozenset({"withdrawn_reason"})  # kept in the record only
_BREAK = re.compile(r"[\r\n\x0b\x0c\x85\u2028\u2029]")
_ONE_LINE = ("：标题、作者、摘要等每项只写一行（在南方号交接包的 meta.txt 里，换行后的文字会成为另一项，"
             "如一行假的“发布时间：”；公众号标题也不接受换行）。处理办法：把它写成一行，不用 | 多行写法")
_TABS = re.compile(r"^(?:(?P<indent>\t+)|[ ]*[A-Za-z_][\w-]*:(?P<sep>[ \t]*\t[ \t]*)(?=\S))", re.MULTILINE)
REPOST_FIELDS = {"source_name": "来源单位", "source_url": "原文链接", "published": "原文发布时间"}
_TYPE_NAMES: dict[type, str] = {str: "一段文本", list: "列表（如 [website, wechat]）", dict: "键值表"}


@rule
class FrontMatterRule(Rule):
    """front matter 缺失、格式错误、缺少必填字段或有不认识的字段。

    ## 作用
    检查文章开头 `---` 之间的 YAML：能否解析、是否有重复的键、title、column、
    department、author、date、channels 是否齐全，字段类型是否正确，有没有拼错的字段名；
    标题、作者、摘要等字段的值只能写一行（撤稿理由除外）。

    ## 原因
    第八条实行栏目分工负责制，第七条要求信息经审批后发布：栏目、拟稿部门、拟稿人、
    发布时间是审批表和网页元数据的来源，缺一项就无法追溯“谁上传谁负责”。
    南方号交接包的 meta.txt 每项一行，值里的换行会多出一项（如一行假的“发布时间：”）。

    ## 示例
    ```yaml
    ---
    titel: 湛江市司法局召开年度工作会议   # 字段名拼错
    column gzdt                          # 冒号后缺空格
    ---
    ```

    ## 修改方法
    按提示补齐或改正字段；不确定时用 `govpub new` 生成一篇模板对照。
    """

    id = "meta.front-matter"
    title = "front matter"
    article = "第七条、第八条"

    def fixes(self, doc: Document) -> Iterable[tuple[int, int, str]]:
        """Tabs YAML cannot read (pyyaml refuses them), where the intent is plain: a tab indenting
        a line becomes two spaces, tabs right after a field's colon one space. An opening or
        closing line of other dashes (——, －－－) becomes ---."""
        from govpub.content.article import _CLOSE, mistyped_delimiter

        art = doc.article
        if not art.readable:
            return
        mistyped = mistyped_delimiter(art.text)
        if mistyped is not None:  # ——— or －－－ typed for the opening or closing ---
            yield mistyped.start(), mistyped.end(), "---"
            return
        if art.fm_start == 0:
            return
        closing = _CLOSE.search(art.text, art.fm_start)
        if closing is None:
            return
        for m in _TABS.finditer(art.text, art.fm_start, closing.start()):
            if m.group("indent"):
                yield m.start("indent"), m.end("indent"), "  " * len(m.group("indent"))
            else:
                yield m.start("sep"), m.end("sep"), " "

    def check(self, doc: Document) -> Iterable[Hit]:
        art = doc.article
        yield from (h for h in art.load_hits if h.rule == self.id)
        if art.meta_node is None and (not art.readable or not art.fm_start or any(h.rule == self.id for h in art.load_hits)):
            return  # no front matter could be read: said above. An empty one (--- then ---) lacks every field
        first = art.fm_first_line
        for key, value in art.meta.items():
            if key not in FIELDS:
                known = "、".join(FIELDS)
                line = art.line_col(art.span_of(key)[0])[0]
                yield art.hit_line(self.id, line, f"不认识的字段“{key}”：请检查拼写，可用字段为 {known}")
                continue
            typ, _, name = FIELDS[key]
            empty = value is None or (isinstance(value, str) and not value.strip())
            if empty or not isinstance(value, typ):
                s, e = art.span_of(key)
                what = "不能为空" if empty else f"应为{_TYPE_NAMES[typ]}"
                yield Hit(self.id, s, e, f"字段 {key}（{name}）{what}{_how(key, value, typ, empty)}")
            elif isinstance(value, str) and key not in MULTILINE and _BREAK.search(value.strip()):
                s, e = art.span_of(key)
                yield Hit(self.id, s, e, f"字段 {key}（{name}）里有换行{_ONE_LINE}")
        for key, (_, required, name) in FIELDS.items():
            if required and key not in art.meta:
                yield art.hit_line(self.id, first, f"缺少必填字段 {key}（{name}）：在 front matter 中添加“{key}: …”")
        repost = art.meta.get("repost")
        if isinstance(repost, dict):
            for key, name in REPOST_FIELDS.items():  # a missing or blank one: repost.source (第十一条)
                if repost.get(key) is not None and not isinstance(repost[key], str):
                    s, e = art.span_of("repost", key)
                    yield Hit(self.id, s, e, f"repost 的 {key}（{name}）应为一段文本")
                elif isinstance(repost.get(key), str) and _BREAK.search(repost[key].strip()):
                    s, e = art.span_of("repost", key)
                    yield Hit(self.id, s, e, f"repost 的 {key}（{name}）里有换行{_ONE_LINE}")
            for key in repost:
                if key not in REPOST_FIELDS:
                    s, e = art.span_of("repost", key)
                    yield Hit(self.id, s, e, f"repost 下不认识的字段“{key}”：可用字段为 {'、'.join(REPOST_FIELDS)}")


def _how(key: str, value: object, typ: object, empty: bool) -> str:
    """What to write instead, for the usual slips: a number or true/false where text belongs,
    a list or a table where one value belongs, an empty value."""
    if empty:
        return f"：在“{key}:”后面写上内容" + ("" if FIELDS[key][1] else "，或删除这一行")
    if typ is str and isinstance(value, (int, float, bool)):
        return f"：YAML 把它读成了数字或真假值，给整个值加英文引号，如 {key}: \"{value}\""
    if typ is str and isinstance(value, (list, dict)):
        return f"：只写一个值，不用 [ ] 或“键: 值”，如 {key}: …"
    return ""
