from __future__ import annotations

import re
from collections.abc import Iterable

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document

_CN_DIGITS = "一二三四五六七八九十"
# the kinds of ordinal a bureau's text numbers its points with (GB/T 9704: 一、（一）1.（1）; and 一是、二是),
# each where it opens a point: at a line's start, or for 一是 after the end of a clause
_KINDS = (
    ("是", re.compile(rf"(?:^|(?<=[。；;：:！？，,\n]))[ \t　]*(?P<n>[{_CN_DIGITS}]{{1,3}})是(?![否非])", re.MULTILINE)),
    ("、", re.compile(rf"^[ \t　#>*]*(?P<n>[{_CN_DIGITS}]{{1,3}})、(?![{_CN_DIGITS}])", re.MULTILINE)),  # 一、二审: numbers
    ("（）", re.compile(rf"^[ \t　#>*]*[（(](?P<n>[{_CN_DIGITS}]{{1,3}})[）)]", re.MULTILINE)),
    ("（1）", re.compile(r"^[ \t　#>*]*[（(](?P<n>\d{1,2})[）)]", re.MULTILINE)),
    ("1、", re.compile(r"^[ \t　#>*]*(?P<n>\d{1,2})、(?!\d)", re.MULTILINE)),
)
# a later point of each kind (二 to 五): a list without one has nothing out of order (performance only)
_SECONDS = {"是": tuple(f"{n}是" for n in "二三四五"), "、": tuple(f"{n}、" for n in "二三四五"),
            "（）": tuple(f"{o}{n}{c}" for n in "二三四五" for o, c in ("（）", "()")),
            "（1）": tuple(f"{o}{n}{c}" for n in "2345" for o, c in ("（）", "()")), "1、": tuple(f"{n}、" for n in "2345")}
_FORMS = {"是": "{}是", "、": "{}、", "（）": "（{}）", "（1）": "（{}）", "1、": "{}、"}


def _value(written: str) -> int | None:
    """一 -> 1, 十二 -> 12, 二十 -> 20, 7 -> 7."""
    if written.isdigit():
        return int(written)
    if "十" not in written:
        return _CN_DIGITS.index(written) + 1 if len(written) == 1 else None
    tens, _, ones = written.partition("十")
    t = 1 if tens == "" else _CN_DIGITS.index(tens) + 1
    o = 0 if ones == "" else _CN_DIGITS.index(ones) + 1
    return t * 10 + o


def _chinese(n: int) -> str:
    if n <= 10:
        return _CN_DIGITS[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN_DIGITS[tens - 1]) + "十" + ("" if ones == 0 else _CN_DIGITS[ones - 1])


@rule
class SequenceRule(Rule):
    """序号跳号或重复。

    ## 作用
    按文章中各类序号（“一是、二是”，行首的“一、”“（一）”“1、”“（1）”）分别核对顺序：同一类序号从“一”开始依次加一，
    跳过一个（“一是……二是……四是”）或重复一个（“（一）……（二）……（二）”）时提示；回到“一”或“1”是新的一组，
    序号变小（引文中的另一组）也不提示。
    Markdown 的有序列表（“1.”）发布时自动编号，不在检查之列。

    ## 原因
    第五条：严禁出现错字和不规范的表述。序号错乱是读者一眼就能看出的差错，也说明稿件在修改中删改了段落而没有通读核对。

    ## 示例
    `一是加强组织领导。二是强化宣传引导。四是严格督导考核。`

    ## 修改方法
    通读全文，把序号改为连续的写法；确实删去了一项的，后面的序号依次前移。
    """

    id = "typo.sequence"
    title = "序号错乱"
    article = "第五条（四）"
    severity = "warning"

    def check(self, doc: Document) -> Iterable[Hit]:
        view = doc.simplified
        text = view.text
        for kind, pattern in _KINDS:
            if not any(later in text for later in _SECONDS[kind]):
                continue
            last: int | None = None
            for m in pattern.finditer(text):
                n = _value(m.group("n"))
                if n is None:
                    continue
                if n == 1 or last is None:
                    last = n if n == 1 else None  # a list met half way (a quoted part) is not checked
                    continue
                if n == last or n > last + 1:  # going back is another list met half way (他说……二是)
                    form = _FORMS[kind]
                    shown = (lambda k: str(k)) if kind in ("（1）", "1、") else _chinese
                    what = f"重复了“{form.format(shown(n))}”" if n == last else \
                        f"“{form.format(shown(last))}”之后是“{form.format(shown(n))}”，跳过了中间的序号"
                    yield doc.hit(self.id, view, m.start("n"), m.end(),
                                  f"序号不连续：{what}：请核对是否漏写、多写或删改后未调整")
                last = n
