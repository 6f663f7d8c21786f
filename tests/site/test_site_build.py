"""The website build (govpub/site/plugin.py, govpub build): meta tags per page type, the
footer, listings and pagination, 解读 ↔ 原文, withdrawn notices, failing builds, atomicity."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import yaml
from helpers import Site, article_text

META = re.compile(r'<meta name="([A-Za-z]+)" content="([^"]*)">')
PUBDATE = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$")
FOOTER_IDS = ("govpub-sitemap-link", "govpub-zhaocuo", "govpub-sponsor", "govpub-contact",
              "govpub-idcode", "govpub-icp", "govpub-police", "govpub-dzjg")


def metas(page: Path) -> dict[str, str]:
    return {k: html.unescape(v) for k, v in META.findall(page.read_text("utf-8"))}


def listing(page: Path) -> list[tuple[str, str]]:
    """(title, date) of each entry of a listing page, in page order."""
    text = page.read_text("utf-8")
    block = text[text.index('<ul class="govpub-list">'):]
    block = block[:block.index("</ul>")]
    return [(html.unescape(t), d) for t, d in
            re.findall(r'<a href="[^"]*">([^<]*)</a> <time class="govpub-date">([^<]*)</time>', block)]


# -- the sample site ---------------------------------------------------------------------
def test_every_page_has_site_meta_footer_and_lang(sample_build: Path) -> None:
    pages = sorted(sample_build.rglob("*.html"))
    assert len(pages) > 15
    for page in pages:
        text = page.read_text("utf-8")
        m = metas(page)
        assert m.get("SiteName") == "湛江市司法局", page
        assert m.get("SiteDomain") == "sfj.zhanjiang.gov.cn", page
        assert m.get("SiteIDCode"), page
        assert '<html lang="zh-CN"' in text, page
        for ident in FOOTER_IDS:
            assert f'id="{ident}"' in text, (page, ident)
        # nothing is loaded from another host: scripts, styles and images are local
        for url in re.findall(r'<(?:script|img|link)\b[^>]*?(?:src|href)="([^"]+)"', text):
            assert not re.match(r"(?:https?:)?//", url) or 'rel="canonical"' in text, (page, url)


def test_no_external_assets(sample_build: Path) -> None:
    for page in sample_build.rglob("*.html"):
        text = page.read_text("utf-8")
        assert not re.findall(r'<(?:script|img)\b[^>]*\bsrc="(?:https?:)?//', text), page
        assert not re.findall(r'<link\b(?![^>]*rel="canonical")[^>]*href="(?:https?:)?//', text), page
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text


def test_column_page_meta(sample_build: Path) -> None:
    m = metas(sample_build / "zcwj" / "index.html")
    assert m["ColumnName"] == "政策文件"
    assert m["ColumnType"] == "政策文件"
    assert m["ColumnDescription"] == "本局制发及转载的上级政策文件。"
    assert m["ColumnKeywords"] == "政策文件,规范性文件"
    assert "ArticleTitle" not in m


def test_article_meta_and_head(sample_build: Path) -> None:
    page = sample_build / "gzdt" / "2026" / "rmtj-paicha" / "index.html"
    m = metas(page)
    assert m["ArticleTitle"] == "湛江市司法局部署节前矛盾纠纷排查化解工作"
    assert m["PubDate"] == "2026-09-22 10:00" and PUBDATE.match(m["PubDate"])
    assert m["ContentSource"] == "湛江市司法局人民参与和促进法治科"
    assert m["Author"] == "梁嘉怡"
    assert m["Description"].startswith("中秋、国庆节日临近")
    assert m["Image"] == "https://sfj.zhanjiang.gov.cn/gzdt/2026/cover.jpg"
    assert m["Url"] == "https://sfj.zhanjiang.gov.cn/gzdt/2026/rmtj-paicha/"
    text = page.read_text("utf-8")
    assert "发布时间：<time>2026-09-22 10:00</time>" in text
    assert "来源：湛江市司法局人民参与和促进法治科" in text
    assert text.count("<h1") == 1


def test_repost_source_doc_number_and_interpretation_links(sample_build: Path) -> None:
    original = (sample_build / "zcwj/2026/zbls-banfa/index.html").read_text("utf-8")
    m = metas(sample_build / "zcwj/2026/zbls-banfa/index.html")
    assert m["ContentSource"] == "广东省司法厅"
    assert '来源：<a href="https://sft.gd.gov.cn/sfw/zwgk/zcwj/content/post_4876521.html"' in original
    assert "原文发布时间：2026-07-10" in original
    assert "文号：粤司规〔2026〕3号" in original
    # 原文 → 解读
    assert re.search(r'<strong>解读：</strong>\s*<a href="../../../zcjd/2026/zbls-banfa-jd/">', original)
    # 解读 → 原文
    interp = (sample_build / "zcjd/2026/zbls-banfa-jd/index.html").read_text("utf-8")
    assert re.search(r'<strong>原文：</strong>\s*<a href="../../../zcwj/2026/zbls-banfa/">', interp)


def test_home_page(sample_build: Path) -> None:
    home = sample_build / "index.html"
    text = home.read_text("utf-8")
    assert metas(home)["ColumnType"] == "首页"
    assert 'class="govpub-annual"' in text and "政府网站工作年度报表" in text
    for name in ("工作动态", "通知公告", "政策文件", "政策解读", "人事信息"):
        assert f">{name}</a></h2>" in text


def test_articles_stay_out_of_nav_and_sitemaps(sample_build: Path) -> None:
    home = (sample_build / "index.html").read_text("utf-8")
    nav = home[home.index('<nav class="md-tabs"'):]
    nav = nav[:nav.index("</nav>")]
    assert "rmtj-paicha" not in nav and "网站地图" in nav
    sitemap_page = (sample_build / "wzdt/index.html").read_text("utf-8")
    assert "工作动态" in sitemap_page and "行政执法公示" in sitemap_page
    xml = (sample_build / "sitemap.xml").read_text("utf-8")
    assert "https://sfj.zhanjiang.gov.cn/gzdt/2026/rmtj-paicha/" in xml


def test_search_index_is_segmented_chinese(sample_build: Path) -> None:
    index = json.loads((sample_build / "search/search_index.json").read_text("utf-8"))
    assert index["config"]["lang"] == ["zh"]
    assert "\\u200b" in index["config"]["separator"]
    docs = [d for d in index["docs"] if d["location"].startswith("ggflfw/2026/flyz-zhinan/")]
    assert docs and any("\u200b法律援助\u200b" in d["text"] for d in docs)
    assert not [d for d in index["docs"] if d["location"].startswith("gzdt/") and d["location"].count("/") == 1]


# -- listings ----------------------------------------------------------------------------
def _with_per_page(site: Site, per_page: int) -> None:
    cfg = site.root / "mkdocs.yml"
    cfg.write_text(cfg.read_text("utf-8").replace("per_page: 20", f"per_page: {per_page}"), "utf-8")


def test_listing_newest_first_and_paginated(repo_copy: Site) -> None:
    _with_per_page(repo_copy, 3)
    existing = len(list((repo_copy.root / "content/pfyfz").rglob("*.md")))
    days = ["2026-01-05 08:00", "2026-03-10 09:15", "2026-02-01 17:45", "2026-05-20 10:00",
            "2026-04-02 11:30", "2026-06-30 16:00", "2026-05-20 09:59"]
    for i, day in enumerate(days):
        repo_copy.article(f"content/pfyfz/2026/t{i}.md", title=f"湛江市普法工作情况通报第{i + 1}期", date=day)
    proc = repo_copy.forked("build", "--quiet")
    assert proc.returncode == 0, proc.stderr
    out = repo_copy.root / "site" / "pfyfz"
    total = existing + len(days)
    pages = -(-total // 3)
    files = [out / "index.html"] + [out / f"page/{n}/index.html" for n in range(2, pages + 1)]
    seen = [item for f in files for item in listing(f)]
    dates = [d for _, d in seen]
    assert dates == sorted(dates, reverse=True)
    assert len(seen) == total
    assert all(PUBDATE.match(d) for d in dates)
    assert [len(listing(f)) for f in files[:-1]] == [3] * (pages - 1)
    assert not (out / f"page/{pages + 1}").exists()
    first = files[0].read_text("utf-8")
    assert 'href="page/2/" rel="next">' in first and '上一页' not in first
    last = files[-1].read_text("utf-8")
    assert '上一页' in last and '下一页' not in last
    assert f"第 {pages} / {pages} 页" in last


# -- withdrawn articles ------------------------------------------------------------------
def test_withdrawn_article_leaves_a_notice(repo_copy: Site) -> None:
    repo_copy.article("content/gzdt/2026/chehui.md", title="湛江市司法局召开专题会议部署年度重点工作",
                      column="gzdt", department="办公室", status="withdrawn",
                      withdrawn_reason="内容重复发布", withdrawn_at="2026-11-21 10:00")
    proc = repo_copy.forked("build", "--quiet")
    assert proc.returncode == 0, proc.stderr
    out = repo_copy.root / "site"
    notice = (out / "gzdt/2026/chehui/index.html").read_text("utf-8")
    assert "该信息已撤回" in notice and "2026-11-21 10:00" in notice
    assert "内容重复发布" not in notice  # the internal reason is not published
    assert "ArticleTitle" not in notice
    assert "chehui" not in (out / "gzdt/index.html").read_text("utf-8")
    assert "chehui" not in (out / "index.html").read_text("utf-8")
    assert "chehui" not in (out / "sitemap.xml").read_text("utf-8")
    index = json.loads((out / "search/search_index.json").read_text("utf-8"))
    assert not [d for d in index["docs"] if "chehui" in d["location"]]


# -- failing builds, atomicity -----------------------------------------------------------
def _drop_key(site: Site, *path: str) -> None:
    cfg = site.root / "mkdocs.yml"
    text = cfg.read_text("utf-8")
    data = yaml.safe_load(text)
    node = data["extra"]["govpub"]
    for key in path[:-1]:
        node = node[key]
    value = node[path[-1]]
    shown = value if isinstance(value, str) else None
    assert shown, path
    # remove the line that holds the value, keep the rest of the file as written
    lines = [ln for ln in text.splitlines() if not re.match(rf"\s*{path[-1]}:\s*\S", ln) or shown not in ln]
    cfg.write_text("\n".join(lines) + "\n", "utf-8")


def test_missing_footer_item_fails_with_clear_message(repo_copy: Site) -> None:
    _drop_key(repo_copy, "icp", "number")
    proc = repo_copy.forked("build")
    assert proc.returncode != 0
    assert "extra.govpub.icp.number" in proc.stderr and "ICP备案编号" in proc.stderr
    assert not (repo_copy.root / "site").exists()


def test_missing_sponsor_and_id_code_named_together(repo_copy: Site) -> None:
    _drop_key(repo_copy, "sponsor")
    _drop_key(repo_copy, "site_id_code")
    proc = repo_copy.forked("build")
    assert proc.returncode != 0
    assert "extra.govpub.sponsor" in proc.stderr and "extra.govpub.site_id_code" in proc.stderr


BAD = dict(rel="content/gzdt/2026/bad.md", column="gzdt", department="办公室", title="湛江市司法局公布当事人信息",
           body="当事人身份证号码440802199003070029，联系电话13812345678。\n")


def test_a_failing_build_keeps_the_old_site_and_a_passing_one_replaces_it_whole(repo_copy: Site) -> None:
    """One repository through five builds (each step was a test of its own that built the
    sample site first):
    1. check errors stop the build, and no site/ appears;
    2. the sample site builds;
    3. an image without a text alternative stops the build: the old site stays as it was;
    4. check errors found while the site builds (the checks run in a second process) keep the
       old site, the same folder; the findings are printed once, whole, before the verdict;
    5. a passing build replaces site/ whole: a fresh folder (a stale file is gone), mode 755.
    No leftover folder beside site/ after any of them."""
    site_dir = repo_copy.root / "site"
    bad = repo_copy.article(**BAD)
    proc = repo_copy.forked("build")
    assert proc.returncode == 1
    assert "privacy" in proc.stderr and "没有构建" in proc.stderr
    assert not site_dir.exists()
    bad.unlink()

    assert repo_copy.forked("build", "--quiet").returncode == 0
    marker = site_dir / "index.html"
    before = marker.read_text("utf-8")
    (site_dir / "stale.html").write_text("old", "utf-8")
    inode = site_dir.stat().st_ino

    noalt = repo_copy.write("content/gzdt/2026/noalt.md", article_text(
        "湛江市司法局开展普法活动。\n\n![](cover.jpg)\n", column="gzdt", department="办公室",
        title="湛江市司法局开展普法进社区活动"))
    proc = repo_copy.forked("build")
    assert proc.returncode != 0
    assert "替代文字" in proc.stderr or "alt" in proc.stderr
    assert marker.read_text("utf-8") == before
    assert leftovers(repo_copy.root) == []
    noalt.unlink()

    bad = repo_copy.article(**BAD)
    proc = repo_copy.forked("build")
    assert proc.returncode == 1, proc.stdout
    assert proc.stderr.count("privacy.id-number") == 1 and "没有构建" in proc.stderr, proc.stderr
    assert proc.stderr.index("privacy.id-number") < proc.stderr.index("没有构建")
    assert site_dir.stat().st_ino == inode and not (site_dir / "gzdt/2026/bad").exists()
    assert marker.read_text("utf-8") == before
    assert leftovers(repo_copy.root) == []
    bad.unlink()

    repo_copy.article("content/pfyfz/2026/new.md", title="湛江市司法局开展宪法宣传周活动", date="2026-12-04 09:00")
    assert repo_copy.forked("build", "--quiet").returncode == 0
    assert not (site_dir / "stale.html").exists()  # a fresh folder, not an update in place
    assert site_dir.stat().st_ino != inode
    assert (site_dir / "pfyfz/2026/new/index.html").is_file()
    assert oct(site_dir.stat().st_mode & 0o777) == "0o755"
    assert leftovers(repo_copy.root) == []


def leftovers(root: Path) -> list[str]:
    """Folders beside site/ once the old site's background removal has finished (it is
    handed to a detached `rm -rf`, govpub.publish.build.remove_later)."""
    for _ in range(300):
        found = [p.name for p in root.iterdir() if p.name.startswith(".site.")]
        if not found:
            break
        time.sleep(0.1)
    return found


def test_switch_without_renameat2(tmp_path: Path, monkeypatch) -> None:
    """Where the atomic exchange is unavailable, two renames: never a half-written site."""
    from govpub import fsutil

    monkeypatch.setattr(fsutil, "_exchange", lambda a, b: False)
    target = tmp_path / "site"
    target.mkdir()
    (target / "old.html").write_text("old", "utf-8")
    new = tmp_path / ".site.new-x"
    new.mkdir()
    (new / "index.html").write_text("new", "utf-8")
    fsutil.switch_dir(new, target)
    assert (target / "index.html").read_text("utf-8") == "new"
    assert not (target / "old.html").exists() and not new.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_switch_uses_atomic_exchange_on_linux(tmp_path: Path) -> None:
    from govpub import fsutil as build

    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "x").write_text("a", "utf-8")
    (b / "x").write_text("b", "utf-8")
    if not build._exchange(a, b):
        import pytest

        pytest.skip("renameat2(RENAME_EXCHANGE) not available here")
    assert (a / "x").read_text("utf-8") == "b" and (b / "x").read_text("utf-8") == "a"


def test_alt_text_has_one_judge_for_check_and_build(repo_copy: Site) -> None:
    """html.alt-text decides and the build asks it (issue #18): alt in single quotes passes
    both, an empty alt in single quotes fails both — the check with the rule id, the build with
    the same judgement (a plain `mkdocs build` does not run the checks)."""
    body = "湛江市司法局开展普法活动。\n\n<img src=\"cover.jpg\" alt='普法活动现场'>\n"
    repo_copy.write("content/gzdt/2026/quoted.md", article_text(
        body, column="gzdt", department="办公室", title="湛江市司法局开展普法进社区活动"))
    assert repo_copy.run("check", "content/gzdt/2026/quoted.md").returncode == 0
    assert repo_copy.forked("build", "--quiet").returncode == 0
    page = (repo_copy.root / "site").rglob("quoted/index.html")
    assert "普法活动现场" in next(page).read_text("utf-8")

    repo_copy.write("content/gzdt/2026/quoted.md", article_text(
        body.replace("普法活动现场", " "), column="gzdt", department="办公室", title="湛江市司法局开展普法进社区活动"))
    checked = repo_copy.run("check", "content/gzdt/2026/quoted.md")
    assert checked.returncode == 1 and "html.alt-text" in checked.stdout
    # MkDocs alone (no govpub check before it): the plugin refuses the page by the same judgement
    plain = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(repo_copy.root / "plain")],
                           cwd=repo_copy.root, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert plain.returncode != 0 and "quoted.md" in plain.stderr and "替代文字" in plain.stderr


def test_checks_beside_the_build_may_use_their_own_workers(repo_copy: Site, monkeypatch) -> None:
    """The forked checks of `govpub build` check many files with a pool of worker processes
    (a daemon process could not start them): here a pool for the sample site's few files."""
    from govpub.policy import Policy
    from govpub.publish.build import Checks
    from govpub.rules import engine

    monkeypatch.setattr(engine, "PARALLEL_THRESHOLD", 2)
    assert Checks(Policy(repo_copy.root), None).wait() == 0
    repo_copy.article("content/gzdt/2026/bad.md", column="gzdt", department="办公室",
                      title="湛江市司法局公布当事人信息", body="联系电话13812345678。\n")
    assert Checks(Policy(repo_copy.root), None).wait() == 1


def test_mkdocs_yml_is_read_again_after_each_change(tmp_path: Path) -> None:
    """read_mkdocs parses a version of mkdocs.yml once: an edit (even one of the same size)
    is read again, and what a caller changes in its copy never reaches the next caller."""
    from govpub.site.config import read_mkdocs, site_layout

    cfg = tmp_path / "mkdocs.yml"
    cfg.write_text("docs_dir: content\nuse_directory_urls: true\n", "utf-8")
    assert site_layout(tmp_path) == ("content", True)
    read_mkdocs(cfg)["docs_dir"] = "elsewhere"
    assert site_layout(tmp_path) == ("content", True)
    cfg.write_text("docs_dir: articles\nuse_directory_urls: true\n", "utf-8")
    assert site_layout(tmp_path) == ("articles", True)
    before = cfg.stat().st_mtime_ns
    cfg.write_text("docs_dir: articlex\nuse_directory_urls: true\n", "utf-8")  # same size
    os.utime(cfg, ns=(before + 1, before + 1))
    assert site_layout(tmp_path) == ("articlex", True)
    cfg.unlink()
    assert read_mkdocs(cfg) == {}
