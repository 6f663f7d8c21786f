from __future__ import annotations

import re
from collections.abc import Iterable

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document

# A year in Chinese numerals (1xxx or 2xxx) followed by 年, whose zero is written with
# something other than 〇 (U+3007): 零, a Latin O, a digit 0 (ASCII or full-width), or the
# drawing circle ○ (U+25CB). At least one other digit is a Chinese numeral, so a
# year in Arabic digits ("2026年") or a code ("O2O年") is never a match.
_DIGIT = "一二三四五六七八九"
_ZERO_WRONG = "零OoＯｏ0０○"
YEAR_RE = re.compile(
    rf"(?<![{_DIGIT}十百千万〇{_ZERO_WRONG}A-Za-zＡ-Ｚａ-ｚ])"
    rf"(?=[一二][{_DIGIT}〇{_ZERO_WRONG}]{{3}}年)"
    rf"(?=[^年]*[{_ZERO_WRONG}])"
    rf"[一二](?:[{_DIGIT}〇{_ZERO_WRONG}]){{3}}(?=年)")


@rule
class NumeralRule(Rule):
    """年份中的“〇”写错。

    ## 作用
    找出用汉字数字书写的年份中，零没有写成“〇”的情形：“二零二六年”“二O二六年”（拉丁字母 O）、
    “二０二五年”（阿拉伯数字 0）、“二○二六年”（“○”是几何图形符号 U+25CB，不是数字“〇”U+3007）。
    年份用阿拉伯数字（2026年）、数量中的“零”（三千零五十件）和“零容忍”不提示。

    ## 原因
    第五条：严禁出现错字或者不规范的词语。国家标准 GB/T 15835《出版物上数字用法》规定，
    汉字数字中的“0”写作“〇”；公文成文日期（GB/T 9704）也这样写。落款日期写错是公文检查的常见扣分项。

    ## 示例
    `本通知自二O二六年五月一日起施行。`、`湛江市司法局　二零二五年十二月八日`

    ## 修改方法
    把年份中的零改为“〇”（可输入拼音 ling 在候选字中选取，或复制“〇”），例如“二〇二六年”；
    也可以改用阿拉伯数字“2026年”，但同一篇文章内的写法要统一。
    """

    id = "typo.numeral"
    title = "年份中的〇"
    article = "第五条（四）"

    def check(self, doc: Document) -> Iterable[Hit]:
        view = doc.raw
        for m in YEAR_RE.finditer(view.text):
            year = m.group()
            right = "".join("〇" if c in _ZERO_WRONG else c for c in year)
            yield doc.hit(self.id, view, m.start(), m.end(),
                          f"年份“{year}年”中的零写法不规范：应为“{right}年”（GB/T 15835：汉字数字的零写作“〇”）")
