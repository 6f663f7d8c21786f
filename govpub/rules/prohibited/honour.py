from __future__ import annotations

from govpub.rules import rule
from govpub.rules.prohibited._wordlist import WordlistRule


@rule
class HonourRule(WordlistRule):
    """发布了损害国家荣誉和利益的内容。

    ## 作用
    按 `checks/wordlists/prohibited/honour.yml` 的词表查找损害国家荣誉类禁载内容。匹配前先统一全角半角、
    繁体转简体、去掉不可见字符和字间插入的符号（含 /）或空格、把同一段中被换行拆开的词连起来，字母不分大小写；
    每个词还自动生成常见的变形写法一起查找：拼音首字母、整个词写成拼音、其中一个字写成拼音、换成同音字或拆成部件
    （见 `checks/wordlists/variants.yml`）。类别文件中的 `combos` 按“同一句中每组各有一个词”查找
    组合（如“枪支、毒品名称 + 出售、价格、联系方式”），句中有 `unless` 的词时是报道，不提示。
    组合词可以用大括号写出一类说法（`售楼{部|处}{门口|外}`、`{还|}没{对外|}公布`）；以 `~` 开头的词只查它的
    变形写法（`~赌博` 查 dubo、du博、贝者博，不查“赌博”本身：打击赌博的报道里常有这个词，写成拼音才是规避）。
    词表中的 `allow` 是包含禁载词的正常说法；`enforcement_context` 是“依法打击”
    “查处”一类上下文，出现在词语前后时说明是执法报道，不提示。

    以“这”“此”“其”“他”等指代开头的句子接着上一句：先写英雄的名字、下一句再说“这个故事是编的”，同样发现
    （各类组合都如此）。

    ## 原因
    第六条（三）：不得利用政府网站和政务新媒体发布损害国家荣誉和利益的内容。

    ## 示例
    侮辱国旗国歌、英雄烈士的说法。

    ## 修改方法
    删除或改写；如果是报道依法打击、防范的工作，写明“依法打击”“查处”“防范”等。
    词表有误时，由局办公室修改词表（需三级审核）。
    """

    id = "prohibited.honour"
    title = "损害国家荣誉"
    article = "第六条（三）"
    wordlist = "honour"
