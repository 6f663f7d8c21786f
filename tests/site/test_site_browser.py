"""The built site in a real browser: headless Chromium (Debian's package) driven through
playwright-core (npm, tests/package.json) by tests/site/browser.mjs.

The sample site is served by http.server on 127.0.0.1 (a free port) in a thread. The test
asserts that the footer items are visible with the 党政机关网站标识 at the bottom centre,
that a Chinese search query finds the expected article, that no request leaves 127.0.0.1,
that axe-core reports no violation of any impact at both widths, and that keyboard focus and the
大字号 / 高对比度 switches work. Screenshots go to $GOVPUB_SCREENSHOTS (default: the test's
temporary folder). In CI (CI set) a missing browser or npm tool is a failure, not a skip.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

import pytest
from helpers import REPO, node_on_served_site

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
NODE_MODULES = REPO / "tests" / "node_modules"
SCRIPT = Path(__file__).with_name("browser.mjs")
QUERY = "值班律师"
EXPECTED = "zcwj/2026/zbls-banfa/"
PUB = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}$")


def _missing() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"没有 {CHROMIUM}（apt-get install chromium）"
    if not shutil.which("node"):
        return "没有 node"
    for pkg in ("playwright-core", "axe-core"):
        if not (NODE_MODULES / pkg).is_dir():
            return f"没有 tests/node_modules/{pkg}（npm ci --prefix tests）"
    return None


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass


def require_browser() -> None:
    """Skip a browser test where Chromium, node or its packages are missing; on CI fail instead."""
    missing = _missing()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"浏览器测试无法运行：{missing}")
        pytest.skip(missing)


@pytest.fixture(scope="module")
def browser_run(sample_build: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    require_browser()
    out = Path(os.environ.get("GOVPUB_SCREENSHOTS") or tmp_path_factory.mktemp("screens"))
    out.mkdir(parents=True, exist_ok=True)
    return node_on_served_site(SCRIPT, sample_build, _Quiet, str(out), QUERY, timeout=240, env={"CHROMIUM": CHROMIUM})


def test_screenshots_taken(browser_run: dict) -> None:
    for shot in browser_run["screenshots"]:
        data = Path(shot).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000, shot


def test_footer_items_visible(browser_run: dict) -> None:
    assert browser_run["footer"] and all(browser_run["footer"].values()), browser_run["footer"]
    dzjg = browser_run["dzjg"]
    assert dzjg["centre_offset"] is not None and dzjg["centre_offset"] < 10, dzjg
    assert dzjg["lowest"] and dzjg["inside_footer"], dzjg


def test_chinese_search_finds_the_article(browser_run: dict) -> None:
    hrefs = [h["href"] or "" for h in browser_run["search"]["hits"]]
    assert any(EXPECTED in h for h in hrefs), browser_run["search"]


def test_no_request_leaves_localhost(browser_run: dict) -> None:
    assert browser_run["requests"], "the browser made no request at all"
    assert browser_run["external"] == []


def test_axe_clean(browser_run: dict) -> None:
    """No axe violation of any impact (minor and moderate too) on any page the browser visited."""
    assert set(browser_run["axe"]) >= {"home", "column", "article", "home-large-contrast"}
    bad = {page: found for page, found in browser_run["axe"].items() if found}
    assert not bad, json.dumps(bad, ensure_ascii=False, indent=1)


def test_lang_keyboard_and_elder_mode(browser_run: dict) -> None:
    assert browser_run["lang"] == "zh-CN"
    first = browser_run["a11y"]["first_tab"]
    assert first["visible"] and first["tag"] in ("A", "BUTTON", "INPUT"), first
    a11y = browser_run["a11y"]
    assert a11y["large"] and a11y["contrast"] and a11y["remembered"], a11y
    assert a11y["font_ratio"] > 1.2, a11y


# -- the portal (issue #16) ----------------------------------------------------------------
PORTAL_PAGES = ("home", "column", "article", "interact")
WIDTHS = (1366, 390)
CRUMBS = {"home": "当前位置：首页", "column": "当前位置：首页>政务公开>工作动态",
          "article": "当前位置：首页>政务公开>工作动态>正文", "interact": "当前位置：首页>互动交流"}


def test_portal_breadcrumb_tabs_and_no_sidebar_at_both_widths(browser_run: dict) -> None:
    for width in WIDTHS:
        for name in PORTAL_PAGES:
            seen = browser_run["portal"][f"{name}-{width}"]
            assert seen["crumbs"] == CRUMBS[name], (name, width, seen)
            assert seen["tabs"] == ["首页", "政府信息公开", "政务公开", "政务服务", "互动交流", "网站地图"], (name, width, seen)
            assert not seen["sidebar"], (name, width, seen)
            assert seen["emblem"] and not seen["overflow"], (name, width, seen)
            assert seen["toolbar"] is (name == "article"), (name, width, seen)
            # CJK font first, so “” take Chinese glyphs
            assert "CJK" in seen["quote_font"] or "PingFang" in seen["quote_font"] or "YaHei" in seen["quote_font"], seen


def test_titles_not_doubled(browser_run: dict) -> None:
    assert browser_run["portal"]["home-1366"]["title"] == "湛江市司法局"
    assert browser_run["portal"]["column-1366"]["title"] == "工作动态 - 湛江市司法局"


def test_previous_and_next_within_the_column(browser_run: dict) -> None:
    links = browser_run["portal"]["article-1366"]["prevnext"]
    assert [a["rel"] for a in links] == ["prev", "next"], links
    # gzdt is listed newest first: 上一篇 is newer, 下一篇 older, both in the same column
    assert links[0]["href"] == "../xzfy-zuotanhui/" and links[1]["href"] == "../sqjz-jizhong-jiaoyu/", links


def test_print_hides_toolbar_and_navigation(browser_run: dict) -> None:
    for width in WIDTHS:
        shown = browser_run["print"][str(width)]
        assert shown["body"], shown
        assert not any(shown[k] for k in ("toolbar", "tabs", "header", "banner", "crumbs")), shown


def test_font_size_buttons_change_and_are_remembered(browser_run: dict) -> None:
    size = browser_run["size"]
    assert size["ratio"] > 1.1 and size["small"], size
    assert size["remembered"] and size["pressed"] == "true", size
    assert size["closed_to"] == "/zcwj/", size  # 关闭 leads back to the article's column


def test_search_ranks_titles_and_shows_date_and_column(browser_run: dict) -> None:
    hits = browser_run["ranking"]["hits"]
    assert hits and "ggflfw/2026/flyz-zhinan/" in hits[0]["href"], hits[:3]
    assert hits[0]["meta"] == "公共法律服务\u30002026-08-12 09:30", hits[0]  # the minute too (gov-site-rules §4)
    assert all(h["meta"] and PUB.search(h["meta"]) for h in hits if "#" not in h["href"]), hits


def test_portal_pages_axe_clean_at_both_widths(browser_run: dict) -> None:
    wanted = {f"{n}-{w}" for n in PORTAL_PAGES for w in WIDTHS} | {"search"}
    assert wanted <= set(browser_run["axe"])
    bad = {k: [(v["id"], v["impact"], v["nodes"]) for v in browser_run["axe"][k]] for k in wanted}
    assert not any(bad.values()), bad


def test_every_navigation_landmark_has_its_own_name(browser_run: dict) -> None:
    """The small-screen drawer's section navs (政务公开, 政务服务) were unnamed landmarks (axe
    landmark-unique, moderate): each nav must have a name, and no two the same."""
    for key in ("home-390", "column-390"):
        names = browser_run["portal"][key]["nav_names"]
        assert len(names) >= 5 and all(names), (key, names)
        assert len(set(names)) == len(names), (key, names)
        assert {"政务公开", "政务服务"} <= set(names), (key, names)
