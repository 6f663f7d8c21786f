"""The portal, tenth round: what the national rules require that readers still missed.

- A superseded policy document (gov-site-rules §4: a visible 已废止/已失效/已修改 label) keeps its
  text and shows the label by its title on its page, in its 效力状态 line, in the column listing,
  the home and 政府信息公开 boxes, the search results' data and the WeChat/南方号 copy; the document
  replacing it shows what it replaces. meta.validity refuses an unknown state, a missing date, a link
  to a missing article and a pair that does not name each other.
- sitemap.xml's lastmod is each page's own time, not the build's.
- Every date a reader sees is YYYY-MM-DD HH:MM (home boxes and search results showed the day only).
- Raw <ol type>, <ol reversed>, <li value> (numbered one way on the site, another on the copies) are
  refused by html.list-number.

One MkDocs build serves the page assertions.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import docx
import pytest
from helpers import (
    Site,
    article_text,
    check_text,
    checks_site,
    copy_site,
    made_once,
    node_on_served_site,
)

from govpub.content import article as article_mod
from govpub.publish import nanfang
from govpub.publish.build import build_site
from govpub.publish.render import render
from govpub.site import incremental

D = "content/zcwj/2026"
OLD, NEW = f"{D}/jiu-banfa.md", f"{D}/xin-banfa.md"
OLD_TITLE = "湛江市司法局人民调解工作办法（2024年）"
NEW_TITLE = "湛江市司法局人民调解工作办法（2026年修订）"
VALIDITY = "{state: 已废止, date: 2026-12-02, by: xin-banfa.md}"


def _site(root: Path) -> Site:
    site = copy_site(root)
    site.write(OLD, article_text(body="第一条　为规范人民调解工作，制定本办法。\n", title=OLD_TITLE, column="zcwj",
                                 department="办公室", date="2024-03-01 09:00", validity=VALIDITY,
                                 channels="[website, nanfang]"))
    site.write(NEW, article_text(body="第一条　为进一步规范人民调解工作，制定本办法。\n", title=NEW_TITLE,
                                 column="zcwj", department="办公室", date="2026-12-01 09:00",
                                 replaces="jiu-banfa.md"))
    site.write("content/zcjd/2026/jiu-banfa-jd.md", article_text(
        body="解读正文。\n", title="《人民调解工作办法（2024年）》解读", column="zcjd", department="办公室",
        date="2024-03-02 09:00", interprets="../../zcwj/2026/jiu-banfa.md"))
    return site


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    def make(folder: Path) -> None:
        site = _site(folder / "repo")
        build_site(site.root / "mkdocs.yml", site.root / "site", quiet=True)

    return made_once(tmp_path_factory.getbasetemp(), "portal10", make) / "repo"


def _read(root: Path, rel: str) -> str:
    return (root / "site" / rel).read_text("utf-8")


# -- validity: the superseded document keeps its text, with the label ---------------------------
def test_the_superseded_page_keeps_its_text_and_shows_the_label(built: Path) -> None:
    page = _read(built, "zcwj/2026/jiu-banfa/index.html")
    assert f'<h1><span class="govpub-validity">已废止</span> {OLD_TITLE}</h1>' in page
    assert "效力状态：<strong class=\"govpub-validity-state\">已废止</strong>（2026-12-02）" in page
    notice = re.search(r'<p class="govpub-validity-notice"[^>]*>(.*?)</p>', page, re.S).group(1)
    assert "本文件已于 2026-12-02 废止。" in notice and f'<a href="../xin-banfa/">{NEW_TITLE}</a>' in notice
    assert "第一条　为规范人民调解工作" in page  # the text stays: not a withdrawal notice


def test_the_replacing_page_shows_what_it_replaces(built: Path) -> None:
    page = _read(built, "zcwj/2026/xin-banfa/index.html")
    assert re.search(r'<strong>本文件废止了：</strong><a href="../jiu-banfa/">' + re.escape(OLD_TITLE) + "</a>（已废止）", page)
    assert "govpub-validity-notice" not in page and '<span class="govpub-validity">' not in page


def test_an_interpretation_shows_its_original_is_superseded(built: Path) -> None:
    page = _read(built, "zcjd/2026/jiu-banfa-jd/index.html")
    assert f'<strong>原文：</strong>\n    <a href="../../../zcwj/2026/jiu-banfa/">{OLD_TITLE}</a>（已废止）' in page


def test_listings_and_boxes_carry_the_label(built: Path) -> None:
    assert '<span class="govpub-validity">已废止</span> <a href="2026/jiu-banfa/"' in _read(built, "zcwj/index.html")
    for rel, prefix in (("index.html", "zcwj/2026/"), ("xxgk/index.html", "../zcwj/2026/")):
        box = _read(built, rel)
        assert f'<span class="govpub-validity">已废止</span> <a href="{prefix}jiu-banfa/"' in box, rel
        assert f'<a href="{prefix}xin-banfa/" title="{NEW_TITLE}">{NEW_TITLE}</a> <time class="govpub-date">2026-12-01 09:00</time>' in box


def test_search_results_data_has_the_label_and_the_full_time(built: Path) -> None:
    pages = json.loads(_read(built, "assets/govpub/pages.json"))
    assert pages["zcwj/2026/jiu-banfa/"] == ["2024-03-01 09:00", "政策文件", "已废止"]
    assert pages["zcwj/2026/xin-banfa/"] == ["2026-12-01 09:00", "政策文件", ""]
    assert '"【" + info[2] + "】"' in _read(built, "assets/govpub/a11y.js")


def test_the_channel_copies_carry_the_label_and_the_replacement(built: Path, tmp_path: Path) -> None:
    old_art = article_mod.load(built, built / OLD)
    old = render(old_art, built, image_src=lambda n, p: "").html
    assert f"【已废止】本文件已于 2026-12-02 废止。请以《{NEW_TITLE}》为准。" in old
    assert "为规范人民调解工作" in old
    new = render(article_mod.load(built, built / NEW), built, image_src=lambda n, p: "").html
    assert f"本文件废止了：《{OLD_TITLE}》" in new and "【" not in new
    held = article_mod.parse(OLD, old_art.text.replace("by: xin-banfa.md", "by: later.md"))
    (tmp_path / "content/zcwj/2026").mkdir(parents=True)
    (tmp_path / D / "later.md").write_text(article_text(title="尚未发布的新办法", date="2099-01-01 09:00"), "utf-8")
    text = render(held, tmp_path, image_src=lambda n, p: "").html
    assert "【已废止】本文件已于 2026-12-02 废止。本文保留原文" in text and "尚未发布" not in text  # not on the site yet
    folder = nanfang.bundle(old_art, built, tmp_path, "https://sfj.zhanjiang.gov.cn/")  # the 南方号 Word copy
    lines = [p.text for p in docx.Document(str(folder / "article.docx")).paragraphs]
    assert any(line.startswith("【已废止】本文件已于 2026-12-02 废止。") for line in lines), lines


def test_an_incremental_build_follows_a_changed_label(built: Path, tmp_path: Path) -> None:
    """The new document's page shows the old one's state (model.relations): when only the old
    file changes, the incremental build renders the new page again and equals a full build."""
    import shutil

    repo = tmp_path / "repo"
    shutil.copytree(built, repo, symlinks=True)
    old = repo / OLD
    old.write_text(old.read_text("utf-8").replace("state: 已废止", "state: 已修改"), "utf-8")
    assert build_site(repo / "mkdocs.yml", repo / "site", quiet=True, previous=repo / "site").mode == "incremental"
    assert "<strong>本文件修改了：</strong>" in _read(repo, "zcwj/2026/xin-banfa/index.html")
    assert '<span class="govpub-validity">已修改</span>' in _read(repo, "zcwj/index.html")
    assert build_site(repo / "mkdocs.yml", repo / "full", quiet=True).mode == "full"
    differ = [p.relative_to(repo / "full").as_posix() for p in sorted((repo / "full").rglob("*")) if p.is_file()
              and p.name != incremental.MANIFEST and p.read_bytes() != (repo / "site" / p.relative_to(repo / "full")).read_bytes()]
    assert differ == [], differ


# -- sitemap.xml: each page's own lastmod --------------------------------------------------------
def test_sitemap_lastmod_is_the_page_s_own(built: Path) -> None:
    xml = _read(built, "sitemap.xml")
    found = {m.group(1): m.group(2) for m in re.finditer(
        r"<loc>https?://[^/]+/([^<]*)</loc>\s*<lastmod>([^<]+)</lastmod>", xml)}
    assert found
    assert found["zcwj/2026/jiu-banfa/"] == "2026-12-02T00:00:00+08:00"  # the day its label appeared
    assert found["zcwj/2026/xin-banfa/"] == "2026-12-01T09:00:00+08:00"
    assert found["zcwj/"] == "2026-12-02T00:00:00+08:00"  # the listing: its newest change
    assert len(set(found.values())) > 3  # not one build date for every page


# -- dates -----------------------------------------------------------------------------------------
def test_every_shown_date_has_the_minute(built: Path) -> None:
    for rel in ("index.html", "xxgk/index.html", "zwgk/index.html", "zcwj/index.html"):
        dates = re.findall(r'<time class="govpub-date">([^<]*)</time>', _read(built, rel))
        assert dates and all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", d) for d in dates), (rel, dates)


# -- the rule ----------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def rules_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    site = checks_site(tmp_path_factory.mktemp("portal10-rules") / "r")
    site.write(NEW, article_text(title=NEW_TITLE, column="zcwj", replaces="jiu-banfa.md"))
    site.write(f"{D}/other.md", article_text(title="另一文件", column="zcwj"))
    return site


def _hits(site: Site, rel: str = OLD, **fields: str) -> list[str]:
    return [f.message for f in check_text(site, "正文。\n", rel, column="zcwj", **fields) if f.rule == "meta.validity"]


def test_a_complete_pair_passes(rules_site: Site) -> None:
    assert _hits(rules_site, validity=VALIDITY) == []
    assert _hits(rules_site, validity="{state: 已失效, date: 2026-12-02}") == []


@pytest.mark.parametrize(("value", "said"), [
    ("{state: 作废, date: 2026-12-02}", "“作废”不是可用的效力状态"),
    ("{date: 2026-12-02}", "缺少 state"),
    ("{state: 已废止}", "缺少 date"),
    ("{state: 已废止, date: 2026年12月2日}", "不是 YYYY-MM-DD"),
    ("{state: 已废止, date: 2099-01-01}", "还没有到"),
    ("{state: 已废止, date: 2020-01-01}", "早于本文的发布时间"),
    ("{state: 已废止, date: 2026-12-02, by: nowhere.md}", "不存在"),
    ("{state: 已废止, date: 2026-12-02, by: other.md}", "没有用 replaces 指回本文"),
    ("{state: 已废止, date: 2026-12-02, by: jiu-banfa.md}", "指向了本文自己"),
    ("{state: 已废止, date: 2026-12-02, until: 2027-01-01}", "不认识的字段“until”"),
])
def test_a_wrong_validity_is_refused(rules_site: Site, value: str, said: str) -> None:
    hits = _hits(rules_site, validity=value)
    assert any(said in h for h in hits), hits


def test_replaces_must_name_a_labelled_article_that_names_it_back(rules_site: Site) -> None:
    rules_site.write(OLD, article_text(title=OLD_TITLE, column="zcwj"))
    hits = _hits(rules_site, NEW, replaces="jiu-banfa.md")
    assert any("没有标注效力状态" in h for h in hits), hits
    rules_site.write(OLD, article_text(title=OLD_TITLE, column="zcwj", validity="{state: 已修改, date: 2026-12-02, by: other.md}"))
    assert any("不是本文" in h for h in _hits(rules_site, NEW, replaces="jiu-banfa.md"))
    assert any("不存在" in h for h in _hits(rules_site, NEW, replaces="../2025/jiu.md"))


def test_the_front_matter_knows_the_fields(rules_site: Site) -> None:
    found = check_text(rules_site, "正文。\n", OLD, column="zcwj", validity=VALIDITY)
    assert not [f for f in found if f.rule == "meta.front-matter"], found
    assert [f.rule for f in check_text(rules_site, "正文。\n", OLD, column="zcwj", validity="已废止")
            if f.rule == "meta.front-matter"]  # a mapping, not one word


# -- list numbering ------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "match"), [
    ('<ol type="a"><li>申请材料</li></ol>', 'type="a"'),
    ("<OL TYPE=I><li>甲</li></OL>", "TYPE=I"),
    ("<ol reversed><li>甲</li></ol>", "reversed"),
    ('<ol><li value="5">甲</li></ol>', 'value="5"'),
    ("1. 甲\n{: value=5 }\n2. 乙\n", "value=5"),
    ("1. 甲\n2. 乙\n{: type=a }\n", "type=a"),
])
def test_list_numbering_attributes_are_refused(rules_site: Site, text: str, match: str) -> None:
    assert ("html.list-number", match) in [(f.rule, f.match) for f in check_text(rules_site, text)]


@pytest.mark.parametrize("text", ['<ol start="3"><li>丙</li></ol>', "3. 丙\n4. 丁\n", '<ul type="disc"><li>甲</li></ul>',
                                  "```html\n<ol type=\"a\"></ol>\n```\n",
                                  "## 标题 {: #tiaojian }\n"])
def test_other_lists_pass(rules_site: Site, text: str) -> None:
    assert not [f for f in check_text(rules_site, text) if f.rule == "html.list-number"]


# -- in the browser --------------------------------------------------------------------------------
def test_the_label_is_visible_in_chromium(built: Path) -> None:
    from test_site_browser import CHROMIUM, _Quiet, require_browser

    require_browser()
    seen = node_on_served_site(Path(__file__).with_name("portal10.mjs"), built / "site", _Quiet,
                               "/zcwj/2026/jiu-banfa/", "/zcwj/", timeout=120, env={"CHROMIUM": CHROMIUM})
    for where in ("article", "column"):
        label = seen[where]
        assert label and label["text"] == "已废止" and label["width"] > 10 and label["height"] > 8, seen
        assert label["visible"] and label["contrast"] >= 4.5, seen
    assert seen["article"]["inTitle"] and "本文件已于 2026-12-02 废止。" in seen["seen"]
    assert seen["external"] == []
    assert seen["axe"] == {"article": [], "column": []}, json.dumps(seen["axe"], ensure_ascii=False)
