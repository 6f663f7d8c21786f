from __future__ import annotations

from collections.abc import Iterable

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document


@rule
class LostCharRule(Rule):
    """文中有替换字符 �（丢失的字）。

    ## 作用
    找出替换字符 U+FFFD（�）。编码转换或复制时读不出的字会变成它，原来的字已经丢了。

    ## 原因
    第五条、第八条：文字准确完整。网页上显示为 �，读者看不出原来写的是什么；
    丢的如果是人名、数字或日期中的字，内容就错了。

    ## 示例
    把用 GBK 保存的文字当作 UTF-8 读取后再复制进文章：“总�结”“王�敏”。

    ## 修改方法
    不能自动修正：对照原稿（Word 文件或纸稿）把这里的字补上。整篇都有时，用
    `govpub import` 重新导入 Word 原稿，或把原文件直接放进仓库后运行 `govpub fix` 转换编码。
    """

    id = "meta.lost-char"
    title = "丢失的字"
    article = "第五条、第八条"

    def check(self, doc: Document) -> Iterable[Hit]:
        art = doc.article
        if not art.readable or art.data:
            return
        text = art.text
        line_seen = -1
        pos = text.find("\ufffd")
        while pos >= 0:
            line = text.count("\n", 0, pos)
            if line != line_seen:  # one finding per line
                line_seen = line
                yield Hit(self.id, pos, pos + 1, "U+FFFD（�）是替换字符：原来的字在编码转换或复制时丢失了，"
                                                "网页上显示为 �。处理办法：对照原稿（Word 文件或纸稿）把这里的字补上")
            pos = text.find("\ufffd", pos + 1)
