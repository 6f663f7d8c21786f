"""The portal layer of the website (issue #16): page meta, the generated pages as overridable
templates, the required templates, and the 互动交流 page built from consultation records —
only answered, public ones, with personal data masked."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
from helpers import Site, copy_site

META = re.compile(r'<meta name="([A-Za-z]+)" content="([^"]*)">')


def metas(text: str) -> dict[str, str]:
    return {k: html.unescape(v) for k, v in META.findall(text)}


# -- the sample site ---------------------------------------------------------------------
def test_no_generator_and_titles_not_doubled(sample_build: Path) -> None:
    for page in sample_build.rglob("*.html"):
        text = page.read_text("utf-8")
        assert 'name="generator"' not in text, page
        title = re.search(r"<title>([^<]*)</title>", text).group(1)
        assert title.count("湛江市司法局") <= 1 or "湛江市司法局" in title.split(" - ")[0], (page, title)
    home = (sample_build / "index.html").read_text("utf-8")
    assert "<title>湛江市司法局</title>" in home


def test_article_description_is_its_summary_or_first_sentences(sample_build: Path) -> None:
    with_summary = metas((sample_build / "gzdt/2026/xzfy-zuotanhui/index.html").read_text("utf-8"))
    assert with_summary["Description"].startswith("10月29日，湛江市司法局召开全市行政复议工作座谈会")
    assert "description" not in with_summary  # one Description, the article's own
    home = metas((sample_build / "index.html").read_text("utf-8"))
    assert home["description"].startswith("湛江市司法局政府网站")


def test_breadcrumb_and_prev_next_in_the_html(sample_build: Path) -> None:
    text = (sample_build / "zcwj/2026/zbls-banfa/index.html").read_text("utf-8")
    crumbs = re.search(r'<nav class="govpub-crumbs"[^>]*>(.*?)</nav>', text, re.S).group(1)
    assert re.sub(r"<[^>]+>|\s", "", html.unescape(crumbs)) == "当前位置：首页>政务公开>政策文件>正文"
    assert 'class="govpub-prevnext"' in text and "上一篇：" in text and "下一篇：" in text
    assert 'md-sidebar--secondary' not in text  # no table of contents box


def test_navigation_groups_and_section_pages(sample_build: Path) -> None:
    home = (sample_build / "index.html").read_text("utf-8")
    tabs = home[home.index('<nav class="md-tabs"'):]
    tabs = tabs[:tabs.index("</nav>")]
    assert [html.unescape(t).strip() for t in re.findall(r'class="md-tabs__link[^"]*">([^<]*)<', tabs)] == \
        ["首页", "政府信息公开", "政务公开", "政务服务", "互动交流", "网站地图"]
    open_page = (sample_build / "zwgk/index.html").read_text("utf-8")
    assert ">工作动态</a></h2>" in open_page and ">公共法律服务</a></h2>" not in open_page
    service = (sample_build / "zwfw/index.html").read_text("utf-8")
    assert ">公共法律服务</a></h2>" in service


def test_interact_page_shows_answered_consultations_only(sample_build: Path) -> None:
    text = html.unescape((sample_build / "hdjl/index.html").read_text("utf-8"))
    assert "请问申请法律援助需要准备哪些材料？" in text and "公共法律服务管理科" in text
    assert "2026-11-03 16:00" in text and "2026-11-02 10:20" in text
    assert "如何对行政执法行为提出投诉" not in text  # not answered yet
    assert "12348" in text and "政务邮箱" in text  # how to ask
    assert metas((sample_build / "hdjl/index.html").read_text("utf-8"))["ColumnType"] == "咨询投诉"


# -- consultation records: what may not be published -------------------------------------
def _consultation(site: Site, name: str, **fields: str | bool) -> None:
    lines = []
    for k, v in fields.items():
        value = ("true" if v else "false") if isinstance(v, bool) else '"' + str(v).replace('"', '\\"') + '"'
        lines.append(f"{k}: {value}")
    site.write(f"records/consultations/2026/{name}.yml", "\n".join(lines) + "\n")


NOSUM_BODY = ("## 会议情况\n\n**11月20日**，湛江市司法局召开2026年度普法工作推进会，[总结](https://www.gov.cn/)“八五”普法工作成效。"
              + "会议要求各单位压实普法责任，创新普法方式，推动法治宣传教育往深里走、往实里走。" * 3
              + "\n\n![会场](cover.jpg)\n")


@pytest.fixture(scope="module")
def customised(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site with what a bureau may add or change, built once with `govpub build` and
    read by the tests below (each looks at its own change; none of them touches another's
    pages): consultation records, among them what may not be published; its own column
    template; an article without a summary; its banner, tagline and hotline in mkdocs.yml."""
    site = copy_site(tmp_path_factory.mktemp("portal") / "repo")
    answered = {"received": "2026-11-02 10:20", "channel": "网站留言", "department": "律师工作管理科",
                "replied": "2026-11-04 09:00"}
    _consultation(site, "a", question="我叫张三，电话13812345678，身份证440802199003070029，想咨询律师收费。",
                  reply="您好！可拨打0759-2345678了解，或发邮件至 someone@example.com。", **answered)
    _consultation(site, "b", question="不公开的问题<script>alert(1)</script>", reply="已答复。",
                  publish=False, **answered)
    _consultation(site, "c", question="<img src=x onerror=alert(1)>律师在哪里执业？", reply="请查询广东律师网。",
                  **answered)
    _consultation(site, "d", question="还没有答复的问题", received="2026-11-30 10:00", channel="电话",
                  department="办公室")
    tpl = site.root / "overrides/govpub/column.html"
    tpl.write_text(tpl.read_text("utf-8").replace('<p class="govpub-column-desc">',
                                                  '<p class="bureau-own">本局自定义</p><p class="govpub-column-desc">'), "utf-8")
    site.article("content/pfyfz/2026/nosum.md", body=NOSUM_BODY)
    site.write("overrides/assets/govpub/banner.png", (site.root / "overrides/assets/govpub/police.png").read_bytes())
    cfg = site.root / "mkdocs.yml"
    text = cfg.read_text("utf-8")
    text = text.replace("    # banner: assets/govpub/banner.jpg", "    banner: assets/govpub/banner.png")
    text = text.replace("tagline: 法治湛江　司法为民", "tagline: 本局自定标语")
    text = text.replace('hotline: "12348"', 'hotline: "0759-12348"')
    cfg.write_text(text, "utf-8")
    proc = site.forked("build", "--quiet")
    assert proc.returncode == 0, proc.stderr
    return site.root / "site"


def test_consultations_masked_escaped_and_private_ones_left_out(customised: Path) -> None:
    raw = (customised / "hdjl/index.html").read_text("utf-8")
    text = html.unescape(raw)
    assert "想咨询律师收费" in text and "我叫张某" in text
    for secret in ("张三", "13812345678", "440802199003070029", "2345678", "someone@example.com"):
        assert secret not in raw, secret
    assert "不公开的问题" not in text and "还没有答复的问题" not in text
    assert "<img src=x" not in raw and "&lt;img src=x onerror=alert(1)&gt;" in raw
    home = (customised / "index.html").read_text("utf-8")
    assert "想咨询律师收费" in html.unescape(home) and "不公开的问题" not in html.unescape(home)


# -- templates a bureau can override; the ones it cannot do without -----------------------
def test_bureau_overrides_a_generated_page_template(customised: Path) -> None:
    assert '<p class="bureau-own">本局自定义</p>' in (customised / "gzdt/index.html").read_text("utf-8")


def test_missing_footer_template_fails_the_build(repo_copy: Site) -> None:
    (repo_copy.root / "overrides/partials/footer.html").unlink()
    proc = repo_copy.forked("build")
    assert proc.returncode != 0
    assert "partials/footer.html" in proc.stderr and "处理办法" in proc.stderr
    assert not (repo_copy.root / "site").exists()


def test_site_without_overrides_fails_the_build(repo_copy: Site) -> None:
    shutil.rmtree(repo_copy.root / "overrides")
    cfg = repo_copy.root / "mkdocs.yml"
    cfg.write_text(cfg.read_text("utf-8").replace("  custom_dir: overrides\n", ""), "utf-8")
    proc = repo_copy.forked("build")
    assert proc.returncode != 0
    assert "custom_dir" in proc.stderr and "备案" in proc.stderr
    assert not (repo_copy.root / "site").exists()


def test_unknown_service_column_is_refused(repo_copy: Site) -> None:
    cfg = repo_copy.root / "mkdocs.yml"
    cfg.write_text(cfg.read_text("utf-8").replace("service_columns: [ggflfw]", "service_columns: [banshi]"), "utf-8")
    proc = repo_copy.forked("build")
    assert proc.returncode != 0 and "banshi" in proc.stderr and "service_columns" in proc.stderr


def test_description_from_the_first_sentences_without_summary(customised: Path) -> None:
    m = metas((customised / "pfyfz/2026/nosum/index.html").read_text("utf-8"))
    desc = m["Description"]
    assert desc.startswith("11月20日，湛江市司法局召开2026年度普法工作推进会，总结“八五”普法工作成效。"), desc
    assert desc.endswith("。") and len(desc) <= 120, desc
    assert "*" not in desc and "](" not in desc and "会议情况" not in desc


def test_bureau_emblem_banner_and_channels_from_config(customised: Path) -> None:
    article = (customised / "gzdt/2026/rmtj-paicha/index.html").read_text("utf-8")
    assert "background-image: url('../../../assets/govpub/banner.png')" in article
    assert 'class="govpub-banner__emblem" src="../../../assets/govpub/emblem.svg"' in article
    assert "本局自定标语" in article
    assert "咨询热线：<strong>0759-12348</strong>" in (customised / "hdjl/index.html").read_text("utf-8")
