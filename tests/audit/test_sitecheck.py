"""The audit reads built pages with an HTML parser: attribute order and quoting do not
matter, and a 解读 ↔ 原文 link must point at the page itself, not at any URL with the same
last segment."""

from __future__ import annotations

from pathlib import Path

from govpub.audit import sitecheck

FOOTER = ("<footer>主办单位：湛江市司法局 网站标识码：4408000000 粤ICP备00000000号 "
          "粤公网安备 00000000000000号 <a href='/sitemap/'>网站地图</a> 我为政府网站找错</footer>")


def page(site: Path, url: str, head: str = "", body: str = "") -> None:
    path = site / url / "index.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<!doctype html><html><head>{head}</head><body>{body}{FOOTER}</body></html>", "utf-8")


EVERY = ("<meta content='湛江市司法局' name=SiteName>"
         "<META NAME=\"SiteDomain\" CONTENT=\"sfj.zhanjiang.gov.cn\">"
         "<meta\n  content=\"4408000000\"\n  name=\"SiteIDCode\">")


def test_meta_tags_are_found_whatever_the_attribute_order_and_quoting(tmp_path):
    page(tmp_path, "gzdt", EVERY)
    pages, problems = sitecheck.check_site(tmp_path)
    assert pages == 1 and problems == []
    page(tmp_path, "gzdt", EVERY.replace("SiteIDCode", "SiteCode"))
    _, problems = sitecheck.check_site(tmp_path)
    assert [p.message for p in problems] == ["缺少网页元数据：SiteIDCode"]


def test_footer_text_is_read_from_the_footer_element_only(tmp_path):
    path = tmp_path / "index.html"
    path.write_text(f"<html><head>{EVERY}</head><body><p>网站地图 我为政府网站找错</p>"
                    "<footer>主办单位：湛江市司法局</footer></body></html>", "utf-8")
    _, problems = sitecheck.check_site(tmp_path)
    assert len(problems) == 1 and "网站地图" in problems[0].message and "主办单位" not in problems[0].message


def test_a_back_link_must_point_at_the_interpretation_not_at_a_page_with_the_same_slug(tmp_path):
    # 原文 zcwj/2026/banfa/ and its 解读 jd/2026/banfa/ share their last segment. The 原文 page
    # links only to itself and to another "banfa" page: the back-link is missing.
    page(tmp_path, "jd/2026/banfa", body="<a href='../../../zcwj/2026/banfa/'>原文</a>")
    page(tmp_path, "zcwj/2026/banfa", body="<a href='./'>本页</a><a href='../../../xzzf/banfa/'>另一篇</a>")
    problems = sitecheck.interpretation_links(tmp_path, [("jd/2026/banfa/", "zcwj/2026/banfa/")])
    assert [(p.page, p.message.split("（")[0]) for p in problems] == [("zcwj/2026/banfa/", "政策原文没有链接到解读")]
    # with the real back-link, written as index.html and with a fragment, both directions hold
    page(tmp_path, "zcwj/2026/banfa", body="<a href='../../../jd/2026/banfa/index.html#top'>解读</a>")
    assert sitecheck.interpretation_links(tmp_path, [("jd/2026/banfa/", "zcwj/2026/banfa/")]) == []


def test_links_off_the_site_never_count(tmp_path):
    page(tmp_path, "jd/2026/x", body="<a href='https://example.org/zcwj/2026/y/'>外站</a>")
    page(tmp_path, "zcwj/2026/y", body="<a href='/jd/2026/x/'>解读</a>")
    problems = sitecheck.interpretation_links(tmp_path, [("jd/2026/x/", "zcwj/2026/y/")])
    assert [p.page for p in problems] == ["jd/2026/x/"]
