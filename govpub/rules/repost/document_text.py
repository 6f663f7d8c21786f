from __future__ import annotations

import re
from collections.abc import Iterable

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document

# The parts of a red-header document (GB/T 9704-2012) that only the paper original has,
# each alone on its line.
PARTS = {
    "版头": re.compile(r"^[ \t>*#]*(?:中共)?[\u4e00-\u9fff（）()]{2,30}(?:文件|文件汇编|简报|通报|明电|电报)[ \t*]*$", re.M),
    "文号": re.compile(r"^[ \t>*#]*[\u4e00-\u9fff]{1,10}\s*[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d+\s*号[ \t*]*$", re.M),
    "签发人": re.compile(r"^[ \t>*#]*签\s*发\s*人\s*[:：]", re.M),
    "抄送": re.compile(r"^[ \t>*#]*抄\s*送\s*[:：]", re.M),
    "印发": re.compile(r"^[^\n]{0,40}\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印\s*发[ \t*。]*$", re.M),
    "份号": re.compile(r"^[ \t>*#]*(?:特急|加急|平急|特提|份号\s*[:：]?\s*\d+)[ \t*]*$", re.M),
}

# a literal that each part must contain: the regular expressions run only when it is there
KEYS = {"版头": ("文件", "简报", "通报", "明电", "电报"), "文号": ("号",), "签发人": ("签",), "抄送": ("抄",),
        "印发": ("印",), "份号": ("特急", "加急", "平急", "特提", "份号")}


@rule
class DocumentTextRule(Rule):
    """把红头文件连同版头、文号、抄送、印发等版记原样粘贴成文字。

    ## 作用
    正文中有两种以上只在纸质公文上才有的部分，各自单独成行时提示：版头（“××文件”）、
    单独一行的文号（“粤司发〔2026〕12号”）、签发人、抄送、“××办公室 2026年11月18日印发”、
    紧急程度或份号。正文里引用文号（“根据《……》（粤司发〔2026〕12号）”）不算；本局自己的文件
    （front matter 的 `doc_number` 就是正文中的文号）不提示。

    ## 原因
    第十一条：严禁将上级文件红头原版公开发布在局官网；刊登上级文件应从制发机关门户网站或其
    授权媒体转载，并标注来源、时间和链接。把版头和版记照原件粘贴，等同于公开红头原版。

    ## 示例
    第一行“广东省司法厅文件”，第二行“粤司发〔2026〕12号”，文末“抄送：……”和“……印发”。

    ## 修改方法
    删除版头、文号行、签发人和版记（抄送、印发），改为转载制发机关网站上的文本，
    在 front matter 填写 repost（来源、链接、原文发布时间）。
    """

    id = "repost.document-text"
    title = "红头文件原样粘贴"
    article = "第十一条"

    def check(self, doc: Document) -> Iterable[Hit]:
        view = doc.prose
        text = view.text
        found = {}
        for name, pattern in PARTS.items():
            if not any(k in text for k in KEYS[name]):
                continue
            m = pattern.search(text)
            if m:
                found[name] = m
        if len(found) < 2:
            return
        own = doc.meta_str("doc_number")
        if own and "文号" in found and own.replace(" ", "") in found["文号"].group().replace(" ", ""):
            return  # the bureau's own document under its own number (front matter doc_number)
        first = min(found.values(), key=lambda m: m.start())
        start = first.start() + len(first.group()) - len(first.group().lstrip(" \t>*#"))
        yield doc.hit(self.id, view, start, first.end(),
                      f"正文含有红头文件的{'、'.join(found)}：不得发布红头原版，删除这些部分，"
                      "改为转载制发机关网站的文本并填写 repost")
