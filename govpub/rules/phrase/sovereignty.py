from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document

_SENTENCE_END = "。！？；!?;\n"
KEYS = ("台湾", "香港", "澳门", "港澳", "两岸", "中港", "中澳", "中台", "民国", "大陆", "国立", "总统", "台商", "港商", "澳商", "台胞", "台企", "港企", "\U0001F1F9\U0001F1FC",
        *(a + sep + b for a, b in ("中华", "华民", "民国") for sep in " \u3000·・.．*_-"))  # 中 华 民 国 spaced out
LATIN_KEYS = ("taiwan", "china", "minguo", "hong", "maca", "xianggang", "aomen")  # English and pinyin, lower-cased


@rule
class SovereigntyRule(Rule):
    """把台湾、香港、澳门写成国家，或与“中国”并列成两个国家。

    ## 作用
    按 `checks/wordlists/phrases.yml` 的 `framing`（正则表达式，依据新华社禁用词和涉台、涉港澳
    宣传用语规范）查找：台湾、香港、澳门列在“……等国家”中；“中国与台湾”“大陆与香港”“中港两地”
    一类并列；“两岸三地”；台湾地区政权的“总统”“国防部”“国旗”等国家称谓，“香港政府”等。
    写法换了措辞，只要是同一种结构就会被发现。“港澳台及其他国家”（“其他国家”把前面的地区也算作国家）、
    不加引号的台湾地区“国立”学校和机构同样提示。
    与外国名称用顿号列举、后面写“等国家和地区”时，不冠“中国”的台湾、香港、澳门（“日本、韩国、台湾等国家和地区”）
    也提示，应写“中国台湾”或“台湾地区”；“中港澳三地”“中港台青年”一类把“中”与港澳台并列的简称同样提示。用英文、拼音写的同类表述（“Republic of China”
    “Taiwan government”“Zhongguo he Taiwan liangguo”）和台湾地区政权的旗帜符号也会被发现；
    “People's Republic of China”“Taiwan, China”“the mainland and Taiwan”是正确写法，不提示。
    同一句说到香港、澳门（而没有说到台湾）时把“大陆”当作地方来写（“方可在大陆使用”“到大陆投资”“大陆律师事务所”），
    应为“内地”：条目的 `when` 写同一句中必须出现的内容。“欧洲大陆”“大陆法系”不提示。

    ## 原因
    第五条（三）：政治性表述错误属于“严重表述错误”，是国家政府网站检查的单项否决项。

    ## 示例
    `产品出口美国、日本、台湾等国家。`、`促进中国与香港两地交流。`

    ## 修改方法
    按提示改为规范表述：“国家和地区”“内地与香港”“祖国大陆与台湾”“海峡两岸暨香港、澳门”。
    """

    id = "phrase.sovereignty"
    title = "涉及国家主权的表述"
    article = "第五条（三）"
    cited_examples = True  # 错例：“……” / 把“X”写成“Y”: the wrong form quoted by a lesson

    @cached_property
    def _entries(self) -> list[tuple[re.Pattern[str], re.Pattern[str] | None, re.Pattern[str] | None, str, str]]:
        raw = self.policy.wordlist("phrases", "phrases").data.get("framing") or []
        return [(re.compile(e["regex"]), re.compile(e["unless"]) if e.get("unless") else None,
                 re.compile(e["when"]) if e.get("when") else None, e["right"], e["note"]) for e in raw]

    def check(self, doc: Document) -> Iterable[Hit]:
        view = doc.simplified
        text = view.text
        if not any(k in text for k in KEYS):
            low = text.lower()
            if not any(k in low for k in LATIN_KEYS):
                return  # every framing names one of these: skip the regular expressions
        reported: list[tuple[int, int]] = []
        for pattern, unless, when, right, note in self._entries:
            for m in pattern.finditer(text):
                if m.end() <= m.start() or any(s < m.end() and m.start() < e for s, e in reported):
                    continue
                if unless or when:  # conditions on the sentence around the match
                    start = max(text.rfind(c, 0, m.start()) for c in _SENTENCE_END) + 1
                    ends = [i for i in (text.find(c, m.end()) for c in _SENTENCE_END) if i >= 0]
                    end = min(ends) if ends else len(text)
                    if (unless and unless.search(text, start, end)) or (when and not when.search(text, start, end)):
                        continue
                reported.append((m.start(), m.end()))
                yield doc.hit(self.id, view, m.start(), m.end(),
                              f"“{m.group()}”的表述不当（{note}）：改为{right}")
