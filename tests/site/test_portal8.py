"""The website as an inspector of government websites checks it (issue #16, eighth round):
links to 中国政府网 and the provincial and city portals in every footer, the 404 page,
跳到正文 for keyboard users, 分享 without a third-party service, no sideways scrolling on a
375 px phone, and the build's warning when a column is blank (空白栏目).

The sample site is the session's one build (conftest.sample_build); the browser part is one
Chromium run (tests/site/portal8.mjs) over it, served the way a web server serves a site:
an unknown address gets 404.html with status 404."""

from __future__ import annotations

import html
import os
import re
import shutil
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

import jinja2
import pytest
import yaml
from helpers import REPO, node_on_served_site

from govpub.policy import Policy
from govpub.site import identity, model

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SCRIPT = Path(__file__).with_name("portal8.mjs")
GOV_LINKS = ["https://www.gov.cn/", "https://www.gd.gov.cn/", "https://www.zhanjiang.gov.cn/"]


def _links(text: str) -> list[str]:
    block = re.search(r'<p class="govpub-footer__gov" id="govpub-gov-links">(.*?)</p>', text, re.S)
    return re.findall(r'href="([^"]*)"', block.group(1)) if block else []


# -- the sample site's HTML ----------------------------------------------------------------
def test_every_page_links_to_the_national_provincial_and_city_portals(sample_build: Path) -> None:
    pages = list(sample_build.rglob("*.html"))
    assert len(pages) > 30
    for page in pages:
        links = _links(page.read_text("utf-8"))
        assert links[:3] == GOV_LINKS, (page, links)


def test_the_404_page_has_its_title_crumbs_and_absolute_links(sample_build: Path) -> None:
    text = (sample_build / "404.html").read_text("utf-8")
    assert "<title>页面不存在 - 湛江市司法局</title>" in text
    crumbs = re.search(r'<nav class="govpub-crumbs"[^>]*>(.*?)</nav>', text, re.S).group(1)
    assert re.sub(r"<[^>]+>|\s", "", html.unescape(crumbs)) == "当前位置：首页>页面不存在"
    # served at any depth (/gzdt/2026/x/): every local link and asset from the site root
    local = [u for u in re.findall(r'(?:href|src)="([^"]*)"', text) if "://" not in u and not u.startswith("#")]
    assert local and all(u.startswith("/") for u in local), [u for u in local if not u.startswith("/")]
    assert 'id="govpub-main"' in text and 'name="SiteIDCode"' in text


def test_skip_link_and_its_target_on_every_page(sample_build: Path) -> None:
    for page in sample_build.rglob("*.html"):
        text = page.read_text("utf-8")
        if "govpub-footer" not in text:  # a redirect stub or the like
            continue
        assert text.count('<a href="#govpub-main" class="md-skip govpub-skip">跳到正文</a>') == 1, page
        assert text.count('id="govpub-main"') == 1, page
        # before the banner, the navigation and the search: the first stop of the Tab key
        assert text.index("govpub-skip") < min(text.index("govpub-masthead"), text.index('class="md-tabs"')), page


def test_articles_share_without_a_third_party_service(sample_build: Path) -> None:
    articles = [p for p in sample_build.glob("*/20*/*/index.html")]
    assert len(articles) > 15
    for page in articles:
        text = page.read_text("utf-8")
        if "govpub-tools" not in text:  # a withdrawal notice
            continue
        assert '<button type="button" data-govpub-share>分享</button>' in text, page
        assert 'class="govpub-tools__status" role="status"' in text, page
        # the share services portals used to embed (and their trackers)
        assert not re.search(r"bshare|jiathis|share\.baidu|addthis|sharethis|service\.weibo\.com|connect\.qq\.com",
                             text, re.I), page


def test_titles_cut_short_on_the_home_page_show_whole_on_hover(sample_build: Path) -> None:
    for rel in ("index.html", "zwgk/index.html", "zwfw/index.html"):
        text = (sample_build / rel).read_text("utf-8")
        boxes = re.findall(r'<section class="govpub-home-col[^"]*">.*?</section>', text, re.S)
        links = [a for box in boxes for a in re.findall(r"<li><a ([^>]*)>([^<]*)</a>", box)]
        assert len(links) >= 3, rel
        for attrs, shown in links:
            assert f'title="{shown}"' in attrs, (rel, attrs, shown)


# -- configuration: the 政府网站 links cannot be dropped or pointed elsewhere -----------------
def _extra() -> dict:
    return yaml.safe_load((REPO / "mkdocs.yml").read_text("utf-8"))["extra"]


def test_the_sample_configuration_passes() -> None:
    table = identity.validate(_extra(), "湛江市司法局")
    assert [link["url"] for link in table["gov_links"]][:3] == GOV_LINKS


def test_a_configuration_without_gov_links_gets_the_gov_cn_link() -> None:
    extra = _extra()
    del extra["govpub"]["gov_links"]
    table = identity.validate(extra, "湛江市司法局")
    assert [link["url"] for link in table["gov_links"]] == ["https://www.gov.cn/"]


@pytest.mark.parametrize(("links", "said"), [
    ([], "extra.govpub.gov_links"),
    ([{"name": "广东省人民政府", "url": "https://www.gd.gov.cn/"}], "中国政府网"),
    # a look-alike host, a path that names gov.cn, credentials before the host
    ([{"name": "中国政府网", "url": "https://www.gov.cn.example.com/"}], "中国政府网"),
    ([{"name": "中国政府网", "url": "https://example.com/www.gov.cn/"}], "中国政府网"),
    ([{"name": "中国政府网", "url": "https://www.gov.cn@example.com/"}], "中国政府网"),
    ([{"name": "中国政府网", "url": "javascript://www.gov.cn/%0aalert(1)"}], "http:// 或 https://"),
    ([{"name": "中国政府网", "url": "https://www.gov.cn/"}, {"name": "", "url": "https://www.gd.gov.cn/"}], "第 2 项"),
    ([{"name": "中国政府网", "url": "https://www.gov.cn/"}, "https://www.gd.gov.cn/"], "第 2 项"),
    ([{"name": "中国政府网", "url": "http://["}], "中国政府网"),
])
def test_gov_links_missing_or_not_to_gov_cn_stop_the_build(links: object, said: str) -> None:
    extra = _extra()
    extra["govpub"]["gov_links"] = links
    with pytest.raises(identity.IdentityError) as err:
        identity.validate(extra, "湛江市司法局")
    assert said in str(err.value) and "处理办法" in str(err.value), str(err.value)


def _footer(**changes: object) -> str:
    """overrides/partials/footer.html rendered with the sample's extra.govpub and these changes."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(REPO / "overrides"), autoescape=True)
    env.filters["url"] = lambda value: f"/{value}"
    table = {**_extra()["govpub"], **changes}
    return env.get_template("partials/footer.html").render(config={"extra": {"govpub": table}})


def test_the_organizer_is_shown_when_set_and_every_value_escaped() -> None:
    assert "承办单位" not in _footer()
    text = _footer(organizer="湛江市司法局<b>办公室</b>",
                   gov_links=[{"name": "中国政府网<script>", "url": 'https://www.gov.cn/"onmouseover="x'}])
    assert '<span id="govpub-organizer">承办单位：湛江市司法局&lt;b&gt;办公室&lt;/b&gt;</span>' in text
    assert "中国政府网&lt;script&gt;" in text and '"onmouseover' not in text


# -- a blank column is named when the site is built -----------------------------------------
def test_blank_columns_are_named_with_advice() -> None:
    """The sample has none; with the two columns' articles gone (withdrawn or held ones are not
    in by_column either) the warning names exactly those two (a real build of a site with blank
    columns costs seconds; the plugin logs this text as it is)."""
    columns = Policy(REPO).columns
    full = {slug: ["an article"] for slug in columns}
    assert model.blank_columns(columns, full) is None
    said = model.blank_columns(columns, {**full, "gzdt": [], "xzzf": []})
    assert said is not None and "空白栏目" in said and "处理办法" in said
    assert "工作动态（gzdt）" in said and "行政执法公示（xzzf）" in said
    assert not any(f"（{slug}）" in said for slug in columns if slug not in ("gzdt", "xzzf")), said


# -- in the browser ------------------------------------------------------------------------
class _Server(SimpleHTTPRequestHandler):
    """A web server's behaviour: an unknown address gets the site's 404.html, status 404."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass


@pytest.fixture(scope="module")
def seen(sample_build: Path) -> dict:
    node_modules = REPO / "tests" / "node_modules"
    missing = [what for what, ok in (("Chromium", Path(CHROMIUM).exists()), ("node", bool(shutil.which("node"))),
                                     ("playwright-core", (node_modules / "playwright-core").is_dir())) if not ok]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"浏览器测试无法运行：没有 {'、'.join(missing)}")
        pytest.skip(f"没有 {'、'.join(missing)}")
    return node_on_served_site(SCRIPT, sample_build, _Server, timeout=120, env={"CHROMIUM": CHROMIUM})


def test_no_page_scrolls_sideways_on_a_375_px_phone(seen: dict) -> None:
    # the article has a picture in a paragraph: the first-line indent pushed it past the edge
    assert "/gzdt/2026/xzfy-zuotanhui/" in seen["narrow"]
    for url, got in [*seen["narrow"].items(), ("404", seen["missing"]), ("share", seen["share"]["narrow"])]:
        assert got["scroll"] <= got["client"] == 375 and not got["past"], (url, got)


def test_an_unknown_address_shows_the_404_page_in_the_sites_frame(seen: dict) -> None:
    got = seen["missing"]
    assert got["status"] == 404 and got["title"] == "页面不存在 - 湛江市司法局", got
    assert got["h1"] == "您访问的页面不存在" and got["footer"], got
    assert got["styled"] == "rgb(43, 43, 43)", got  # the site's stylesheet loaded two folders down


def test_the_first_tab_stop_skips_to_the_content(seen: dict) -> None:
    kb = seen["keyboard"]
    assert kb["first"]["text"] == "跳到正文" and kb["first"]["visible"], kb
    assert kb["hash"] == "#govpub-main", kb
    assert kb["next_in_crumbs"] and kb["next"]["text"] == "首页", kb


def test_the_drawer_opens_with_its_links(seen: dict) -> None:
    assert seen["keyboard"]["drawer"] == {"visible": True, "focused": True}, seen["keyboard"]["drawer"]


def _luminance(colour: str) -> float:
    def channel(v: float) -> float:
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (float(x) for x in re.findall(r"[\d.]+", colour)[:3])
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def _ratio(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("mode", ["normal", "contrast"])
def test_every_tab_stop_shows_a_ring_that_stands_out(seen: dict, mode: str) -> None:
    """Every Tab stop is on the screen, and its focus ring 3:1 against the colour it is drawn on
    (WCAG 2.4.7, 1.4.11). The blue ring was 1.1:1 on the red navigation bar and 1.9:1 on the
    footer; the yellow one of the high-contrast mode 1.2:1 on its white page."""
    stops = seen["keyboard"][f"rings_{mode}"]
    texts = [s["text"] for s in stops]
    assert len(stops) > 15 and "首页" in texts and "分享" in texts and "中国政府网" in texts, texts
    for stop in stops:
        # on the screen: the closed drawer of small screens (off the left edge) held 17 Tab stops.
        # (The search panel's result list slides in with the focus, later under load: not judged.)
        assert stop["shown"] or stop["search"], stop
        if stop["style"] == "auto":  # the browser's own two-colour ring (the search's result list)
            continue
        assert stop["style"] == "solid" and stop["width"] >= 2, stop
        assert _ratio(stop["colour"], stop["bg"]) >= 3, stop


def test_share_copies_the_address_and_nothing_leaves_the_machine(seen: dict) -> None:
    share = seen["share"]
    if share["native"]:  # a share sheet of the system: nothing to read back
        pytest.skip("this Chromium has navigator.share")
    assert share["clipboard"] == share["url"] and "#" not in share["clipboard"], share
    assert "已复制" in share["status"], share
    assert seen["external"] == []
