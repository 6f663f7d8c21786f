from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.links._urls import domain_in
from govpub.rules.meta.front_matter import REPOST_FIELDS
from govpub.rules.normalize import INVISIBLE_RE
from govpub.rules.sentences import line_at

if TYPE_CHECKING:
    from govpub.policy import Policy

# Each line is read without its Markdown marks and spaces (广 东 省 司 法 厅 文 件 is a version head too).
_MARKS = re.compile(r"[ \t\u3000*_#>]+")
ORG_END = r"(?:厅|局|委|委员会|政府|办公室|办公厅|人民法院|人民检察院|院|部|署|办|中心|党组|党委|小组|协会|学会|联合会|研究会)"
# The parts of a red-header document (GB/T 9704-2012) that only the paper original has,
# each a whole line.
PARTS = {
    # an issuer's name, not a title: no 关于, no 的 (关于……情况的通报 is a title)
    "版头": re.compile(r"(?!.*关于)(?:中共)?[\u4e00-\u9fff（）()、]{2,30}(?<!的)(?:文件|文件汇编|简报|通报|明电|电报|专报|快报)"),
    "文号": re.compile(r"[\u4e00-\u9fff]{1,10}[〔\[［(（【﹝]\d{4}[〕\]］)）】﹞]第?\d+号"),
    "签发人": re.compile(r"签发人[:：].{0,20}"),
    # (the addressees' line, also with the first sentence run on: 各科室：请做好……)
    "主送": re.compile(r"主送(?:机关|单位)?[:：].+|各[\u4e00-\u9fff（）()、，,]{2,40}[:：].*"),
    # (also run into a sentence of the tail: 此件抄送至市委政法委，不再另行下发)
    "抄送": re.compile(r"(?:(?:此|本)(?:件|文|通知)(?:抄送|抄报|分送|抄发)|(?:抄送|抄报|分送|抄发)(?:机关|单位)?(?:[:：]|至|给|到)).+"),
    # a forwarding note that only the distributed paper carries: 不再另行下发, 不另行文
    "行文说明": re.compile(r".{0,40}(?:不再另行(?:下发|发文|行文|印发|转发)|不另(?:行文|发文|下发))[。.]?"),
    "印发": re.compile(r".{0,40}\d{4}年\d{1,2}月\d{1,2}日印发[。.]?"),
    "附注": re.compile(r"[（(]此件(?:主动公开|公开发布|依申请公开|不予公开|不公开|发至[^）)]{1,12})[）)]"),
    "份号": re.compile(r"(?:特急|加急|平急|特提|份号[:：]?\d+)"),
    # the subject words of the older format (GB/T 9704-1999): 主题词：人民调解　意见
    "主题词": re.compile(r"主题词[:：].{2,60}"),
}
# an organisation's name alone on its line, right above a document number: the version head
# of a letter-form document (湛江市人民政府办公室 / 湛府办函〔2026〕45号)
ORG_LINE = re.compile(rf"(?:中共)?[\u4e00-\u9fff（）()、]{{2,30}}{ORG_END}")
# an issuing body's version head: its full name and 文件 (广东省司法厅文件, 中共湛江市委政法委员会文件)
ISSUER_HEAD = re.compile(rf"(?:中共)?[\u4e00-\u9fff（）()、]{{2,30}}{ORG_END}文件")
# a literal that a line must contain for each part: the regular expressions run only when it is there
KEYS = {"版头": ("文件", "简报", "通报", "明电", "电报", "专报", "快报"), "文号": ("号",), "签发人": ("签发人",),
        "主送": ("主送", "各"), "抄送": ("抄送", "抄报", "分送", "抄发"), "行文说明": ("不再另行", "不另"), "印发": ("印发",), "附注": ("此件",),
        "份号": ("特急", "加急", "平急", "特提", "份号"), "主题词": ("主题词",)}
_KEY_IN = {name: re.compile("|".join(map(re.escape, keys))) for name, keys in KEYS.items()}  # one search a part


# the parts that only the paper original has (the issuer's portal prints the number, the addressees, the
# signature and often the copy list, never these)
_PAPER_ONLY = frozenset({"版头", "签发人", "份号", "主题词", "印发"})
# a wide gap inside a line separates two parts set on one line: 湛司发〔2026〕8号　　签发人：王某
_GAP = re.compile(r"(?:[ \t]{2,}|\u3000+)")


# the key literals, spaces allowed between their characters (文 件)
_KEY = re.compile("|".join(r"[ \t\u3000]*".join(map(re.escape, k))
                           for k in sorted({k for keys in KEYS.values() for k in keys}, key=lambda k: (-len(k), k))))


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(start, end, compact text) of the line text[start:end] and of each part of it that a
    wide gap divides; nothing for a blank line."""
    line = text[start:end]
    pieces = [(0, len(line))]
    gaps = list(_GAP.finditer(line.strip()))
    if gaps:
        offset = len(line) - len(line.lstrip())
        cuts = [offset] + [x for g in gaps for x in (offset + g.start(), offset + g.end())] + [len(line.rstrip())]
        pieces += [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts), 2)]
    out = []
    for a, b in pieces:
        compact = _MARKS.sub("", line[a:b])
        if compact:
            out.append((start + a, start + b, compact))
    if line.lstrip().startswith("|"):  # a table row: | 抄送 | 市委办 | read as 抄送：市委办
        cells = [c for c in (_MARKS.sub("", c) for c in line.strip().strip("|").split("|")) if c]
        if len(cells) >= 2:
            out.append((start, end, f"{cells[0]}：{''.join(cells[1:])}"))
    return out


def _candidate_lines(text: str) -> Iterator[tuple[int, int, str]]:
    """The lines (and their parts) that hold a key literal of some part, in order."""
    done: set[int] = set()
    for m in _KEY.finditer(text):
        start, end = line_at(text, m.start())
        if start not in done:
            done.add(start)
            yield from _pieces(text, start, end)


# the signature's date alone on its line, below the issuing body's name (落款)
SIGNED_DATE = re.compile(r"^[ \t\u3000*_>]*(?:\d{4}|[〇一二三四五六七八九零○Ｏ]{4})\s*年\s*[0-9一二三四五六七八九十]{1,3}\s*月"
                         r"\s*[0-9一二三四五六七八九十]{1,3}\s*日[ \t\u3000*_]*$", re.MULTILINE)


def own_names(policy: Policy) -> tuple[str, ...]:
    """The bureau's full name, its departments, and the bodies whose office it hosts (sources.yml's own_bodies:
    湛江市普法办, 依法治市办): a signature or a source naming one of them is the bureau's own."""
    hosted = policy.file("registry/sources.yml", "sources").data.get("own_bodies") or []
    return (policy.organisation, *policy.departments, *(str(n) for n in hosted))


def outside_signature(text: str, start: int, own: tuple[str, ...]) -> tuple[int, int, str] | None:
    """(start, end, compact text) of the signature line of another body than the bureau's own: a body's
    name alone on its line with the document's date alone on the next non-blank line (落款)."""
    for d in SIGNED_DATE.finditer(text, start):
        head = _previous_line(text, line_at(text, d.start())[0])
        # own: the bureau's name in it, or one of its departments alone (办公室; not 广东省司法厅办公室)
        if head[1] > start and ORG_LINE.fullmatch(head[2]) and not any(
                name and (name in head[2] if len(name) > 4 else name == head[2]) or _one_off(name, head[2]) for name in own):
            return head  # (one character off the bureau's own name is its own signature mistyped: typo.place says so)
    return None


def _one_off(name: str, written: str) -> bool:
    """written is name with one character changed (谌江市司法局 for 湛江市司法局)."""
    return len(name) > 4 and len(name) == len(written) and sum(a != b for a, b in zip(name, written, strict=True)) == 1


def _previous_line(text: str, start: int) -> tuple[int, int, str]:
    """(start, end, compact text) of the last non-blank line before the line starting at start."""
    while start > 0:
        start, end = line_at(text, start - 1)
        compact = _MARKS.sub("", text[start:end])
        if compact:
            return start, end, compact
    return 0, 0, ""


@rule
class DocumentTextRule(Rule):
    """把红头文件连同版头、文号、抄送、印发等版记原样粘贴成文字。

    ## 作用
    正文中有两种以上只在纸质公文上才有的部分，各自单独成一行（或在一行中用大段空白隔开）时提示
    （不论字间是否有空格）：
    版头（“××文件”，或紧挨着文号上方单独一行的机关名称）、单独一行的文号（“粤司发〔2026〕12号”
    “湛府办函〔2026〕45号”）、签发人、主送机关（“主送：……”或单独一行的“各县（市、区）司法局：”）、
    抄送或抄报（也写成“此件抄送至……”）、“不再另行下发”一类行文说明、“××办公室 2026年11月18日印发”、“（此件主动公开）”一类附注、紧急程度或份号、主题词、
    外单位的落款（单独一行的机关名称，下一行是成文日期；本局和本局科室的落款不算）。表格中的“| 抄送 | …… |”同样算。
    外单位的版头（“广东省司法厅文件”）单独出现也提示。
    只有主送、落款、附注和行文说明的（门户网站公开的文本也有这几部分）不算，没有 repost 的由 repost.source 提示。
    文号的括号可以是〔〕、［］、【】、﹝﹞或圆括号。
    正文里引用文号（“根据《……》（粤司发〔2026〕12号）”）不算；本局自己的文件
    （front matter 的 `doc_number` 就是正文中的文号）不提示。

    ## 原因
    第十一条：严禁将上级文件红头原版公开发布在局官网；刊登上级文件应从制发机关门户网站或其
    授权媒体转载，并标注来源、时间和链接。把版头和版记照原件粘贴，等同于公开红头原版。

    ## 示例
    第一行“广东省司法厅文件”，第二行“粤司发〔2026〕12号”，文末“抄送：……”和“……印发”。

    ## 修改方法
    删除版头、文号行、签发人、主送和版记（抄送、印发），改为转载制发机关网站上的文本，
    在 front matter 填写 repost（来源、链接、原文发布时间）。
    """

    id = "repost.document-text"
    title = "红头文件原样粘贴"
    article = "第十一条"

    def _reposted(self, doc: Document) -> bool:
        """The article is credited as a repost of a trusted site's page (repost: with all three fields)."""
        repost = doc.article.meta.get("repost")
        if not isinstance(repost, dict) or not all(str(repost.get(k) or "").strip() for k in REPOST_FIELDS):
            return False
        try:
            host = (urlsplit(str(repost["source_url"]).strip()).hostname or "").lower()
        except ValueError:
            return False
        return bool(host) and domain_in(host, self.policy.trusted_domains) is not None

    def check(self, doc: Document) -> Iterable[Hit]:
        view = doc.prose
        if INVISIBLE_RE.search(view.text):  # 来\u200b源：, 抄\u200b送： read as the page shows them
            view = view.fold()
        text = view.text
        found: dict[str, tuple[int, int, str]] = {}
        for start, end, compact in _candidate_lines(text):
            if start < doc.body_vstart:
                continue  # a front-matter value (the title) is not a line of the pasted document
            for name, pattern in PARTS.items():
                if name not in found and _KEY_IN[name].search(compact) and pattern.fullmatch(compact):
                    found[name] = (start, end, compact)
                    if name == "文号" and "版头" not in found:
                        head = _previous_line(text, line_at(text, start)[0])
                        if head[0] >= doc.body_vstart and ORG_LINE.fullmatch(head[2]):
                            found["版头"] = head
        ours = own_names(self.policy)
        signed = outside_signature(text, doc.body_vstart, ours)
        if signed is not None:
            found.setdefault("落款", signed)
        # 主送, 落款 and the disclosure note are also in the text that portals publish; another body's
        # version head (广东省司法厅文件) is enough alone: only the paper original has it
        version_head = found["版头"][2] if "版头" in found else ""
        head_alone = set(found) == {"版头"} and bool(ISSUER_HEAD.fullmatch(version_head)) and not any(
            name and (name in version_head if len(name) > 4 else version_head == f"{name}文件") for name in ours)
        if not head_alone and (len(found) < 2 or set(found) <= {"主送", "附注", "落款", "行文说明"}):
            return
        if self._reposted(doc) and not (head_alone or set(found) & _PAPER_ONLY):
            return  # the issuer's portal text (文号, 主送, 落款, 抄送 are on the portal too), credited in repost
        own = doc.meta_str("doc_number")
        if own and "文号" in found and _MARKS.sub("", own) in found["文号"][2]:
            return  # the bureau's own document under its own number (front matter doc_number)
        start, end, _ = min(found.values())
        start, end = line_at(text, start)
        start += len(text[start:end]) - len(text[start:end].lstrip(" \t\u3000>*#"))
        yield doc.hit(self.id, view, start, end,
                      f"正文含有红头文件的{'、'.join(sorted(found, key=lambda n: found[n][0]))}："
                      "不得发布红头原版，删除这些部分，改为转载制发机关网站的文本并填写 repost"
                      "（本局自己的文件：在 front matter 的 doc_number 填写正文中的文号）")
