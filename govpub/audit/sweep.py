"""The privacy sweep (Art. 12): the privacy rules over everything published.

Markdown articles, consultation replies meant for publication, and the built HTML in
site/ (the text a visitor actually sees, tags stripped)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

from govpub.audit.freshness import published_date
from govpub.audit.records import Record
from govpub.content import article as article_mod
from govpub.rules.engine import RuleSet


@dataclass
class Exposure:
    path: str
    line: int
    rule: str
    message: str
    action: str  # what to do, as a command
    # published.py (additive keys, left out when empty): the pages linking an attachment, where in
    # the file (row, page, sheet), and the source: "attachment", or "site" for a defect of the site itself
    pages: list[str] = field(default_factory=list)
    where: str = ""
    source: str = ""

    def as_json(self) -> dict[str, object]:
        return {k: v for k, v in self.__dict__.items() if v or k in ("path", "line", "rule", "message", "action")}


def _privacy_rules(rules: RuleSet) -> list[str]:
    return [rid for rid in rules.classes if rid.startswith("privacy.")]


def _scan_text(rules: RuleSet, rel: str, text: str) -> list[tuple[int, str, str]]:
    """(line, rule, message) of the privacy findings in a piece of plain text."""
    art = article_mod.Article(path=rel, text=text, body_start=0)
    from govpub.rules.document import Document

    doc = Document(art, rules.policy)
    found = []
    for rid in _privacy_rules(rules):
        for hit in rules.instance(rid).check(doc):
            found.append((art.line_col(hit.start)[0], rid, hit.message))
    return found


def sweep_articles(rules: RuleSet, articles: list[article_mod.Article], as_of: datetime,
                   tick: Callable[[], None] = lambda: None) -> list[Exposure]:
    out = []
    for art in articles:
        tick()
        if published_date(art, as_of) is None:
            continue
        findings, _ = rules.check_article(art)
        for f in findings:
            if f.rule.startswith("privacy."):
                out.append(Exposure(f.path, f.line, f.rule, f.message,
                                    f"govpub retract {f.path} --reason \"公开了个人信息（{f.rule}）\""))
    return out


def sweep_records(rules: RuleSet, records: Iterable[Record], keys: tuple[str, ...]) -> list[Exposure]:
    out = []
    for rec in records:
        for key in keys:
            value = rec.data.get(key)
            if not isinstance(value, str):
                continue
            for line, rid, message in _scan_text(rules, rec.path, value):
                out.append(Exposure(rec.path, rec.lines.get(key, 1) + line - 1, rid, message,
                                    f"编辑 {rec.path} 的 {key}，做去标识化处理后重新发布"))
    return out


INTERACT_DIR = "hdjl"  # the 互动交流 page (govpub.site.model.INTERACT)


class _VisibleText(HTMLParser):
    """What a visitor reads on a page: the text, and the words of the alt and title attributes
    and of the Description and Keywords meta tags; never script or style. Each piece is placed
    on the line it has in the source, so findings name the right line."""

    SKIP = ("script", "style")
    META = ("description", "keywords")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.line = 1  # the output's current line
        self.skip = 0  # inside script or style

    def _put(self, text: str) -> None:
        at = self.getpos()[0]
        if at > self.line:
            self.out.append("\n" * (at - self.line))
            self.line = at
        self.out.append(text)
        self.line += text.count("\n")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skip += 1
            return
        values = dict(attrs)
        words = [values.get("alt"), values.get("title")]
        if tag == "meta" and (values.get("name") or "").lower() in self.META:
            words.append(values.get("content"))
        self._put(" " + " ".join(w.replace("\n", " ") for w in words if w) + " ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.skip = max(0, self.skip - 1)
        else:
            self._put(" ")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self._put(data)


def html_text(page: str) -> str:
    """The visible text of an HTML page (parsed, not pattern-matched), one line per line of the source."""
    parser = _VisibleText()
    parser.feed(page)
    parser.close()
    return "".join(parser.out)


def sweep_site(rules: RuleSet, site_dir: Path, tick: Callable[[], None] = lambda: None) -> list[Exposure]:
    out = []
    for page in sorted(site_dir.rglob("*.html")):
        tick()
        rel = page.relative_to(site_dir.parent).as_posix()
        text = html_text(page.read_text("utf-8", errors="replace"))
        interact = page.relative_to(site_dir).parts[0] == INTERACT_DIR
        for line, rid, message in _scan_text(rules, rel, text):
            if interact:  # the page masks what it shows (govpub.site.consult): what slipped through is a defect
                out.append(Exposure(rel, line, rid, f"网站缺陷：互动交流页的去标识化漏掉了个人信息：{message}", (
                    "在 records/consultations 中找到这条咨询，改写问题或答复中的个人信息后重新构建（govpub build），"
                    "并把漏掉的写法报告给维护人员"), source="site"))
                continue
            out.append(Exposure(rel, line, rid, message,
                                "找到对应的文章，运行 govpub retract 撤下，或修改后重新构建（govpub build）"))
    return out


def sweep_images(site_dir: Path) -> list[Exposure]:
    """Published images that still carry a GPS position (a site built before the build
    stripped metadata, or copied there by hand)."""
    from govpub.content.assets import IMAGE_SUFFIXES, has_gps

    out = []
    for image in sorted(p for p in site_dir.rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES):
        if not image.is_symlink() and has_gps(image):
            out.append(Exposure(image.relative_to(site_dir.parent).as_posix(), 1, "privacy.photo-location",
                                "网站上的照片带有拍摄地点（GPS 坐标）",
                                "运行 govpub build 重新构建并部署（构建会去掉图片元数据），原图用 govpub fix 处理"))
    return out
