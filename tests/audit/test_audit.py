"""govpub audit with frozen time (--as-of): thresholds on both sides, consultations, the sweep, the report."""

from __future__ import annotations

import json
import subprocess
from datetime import datetime, timedelta
from pathlib import Path

import pytest

AS_OF = datetime(2026, 11, 27, 9, 0)
DEPARTMENT = {"gzdt": "办公室", "tzgg": "办公室", "zcwj": "法治调研科", "zcjd": "法治调研科",
              "ggflfw": "公共法律服务管理科", "pfyfz": "普法与依法治理科", "xzzf": "行政执法协调监督科",
              "rsxx": "政治部", "ghjh": "办公室"}


def publish(site, column: str, days_ago: int, slug: str = "a", body: str = "正文。\n") -> Path:
    when = (AS_OF - timedelta(days=days_ago)).strftime("%Y-%m-%d %H:%M")
    return site.article(f"content/{column}/{when[:4]}/{slug}.md", body=body, column=column,
                        department=DEPARTMENT[column], date=when)


def fresh_site(site, **ages: int) -> None:
    """Every column updated recently, except the ages given."""
    for column in DEPARTMENT:
        publish(site, column, ages.get(column, 1))


def audit(site, *args: str) -> tuple[int, dict]:
    """The audit's verdict, run in process (the real command: test_broken_record_is_reported_and_the_rest_still_checked).
    The rule engine it builds over the site's untouched checks/ is the one the worker built once
    (helpers.SitePool.rules, the same rules from the same files): about 1 s of word lists a run."""
    from govpub.rules import engine

    built = engine.RuleSet
    engine.RuleSet = lambda policy: (site.pool.rules() if site.pool is not None and Path(policy.root).resolve() == site.root.resolve()
                                     else built(policy))
    try:
        proc = site.run_here("audit", "--as-of", AS_OF.strftime("%Y-%m-%d %H:%M"), *args)
    finally:
        engine.RuleSet = built
    assert proc.returncode in (0, 1), proc.stderr
    return proc.returncode, json.loads((site.root / "audit-report/report.json").read_text("utf-8"))


def states(data: dict) -> dict[str, str]:
    return {c["slug"]: c["state"] for c in data["columns"]}


@pytest.mark.parametrize("column, ok_age, stale_age", [
    ("gzdt", 14, 15), ("tzgg", 183, 184), ("zcwj", 183, 184), ("rsxx", 365, 366), ("ghjh", 365, 366)])
def test_column_thresholds_on_both_sides(site, column, ok_age, stale_age):
    fresh_site(site, **{column: ok_age})
    rc, data = audit(site)
    assert states(data)[column] == "ok" and rc == 0
    publish(site, column, stale_age, slug="a")  # the same file, now older
    for old in (site.root / "content" / column).rglob("*.md"):
        if old.parent.name != str((AS_OF - timedelta(days=stale_age)).year):
            old.unlink()
    rc, data = audit(site)
    assert states(data)[column] in ("stale", "long_stale")


def test_services_have_no_update_period(site):
    fresh_site(site, ggflfw=900)
    _, data = audit(site)
    assert states(data)["ggflfw"] == "ok"


def test_stale_column_veto_at_five(site):
    fresh_site(site, gzdt=20, pfyfz=20, tzgg=200, zcwj=200)
    rc, data = audit(site)
    assert rc == 0 and data["summary"]["stale_columns"] == 4 and data["vetoes"] == []
    publish(site, "zcjd", 200, slug="b")
    for p in (site.root / "content/zcjd").rglob("a.md"):
        p.unlink()
    rc, data = audit(site)  # 政策解读 is not one of the inspector's kinds: still 4 (test_audit9.py adds a fifth news column)
    assert rc == 0 and data["summary"]["stale_columns"] == 5 and data["summary"]["veto_stale_columns"] == 4


def test_blank_columns_veto_at_five(site):
    for column in ("gzdt", "tzgg", "zcwj", "zcjd", "ggflfw"):
        publish(site, column, 1)
    rc, data = audit(site)  # four blank columns: pfyfz, xzzf, rsxx, ghjh
    assert data["summary"]["blank_columns"] == 4 and "空白栏目" not in [v["item"] for v in data["vetoes"]]
    (site.root / "content/ggflfw").rename(site.root / "ggflfw-moved")
    rc, data = audit(site)
    assert rc == 1 and "空白栏目" in [v["item"] for v in data["vetoes"]]


def test_home_page_veto_after_two_weeks(site):
    for column in DEPARTMENT:
        publish(site, column, 14 if column == "gzdt" else 300)
    _, data = audit(site)
    assert not data["home"]["stale"]
    publish(site, "gzdt", 15)
    _, data = audit(site)
    assert data["home"]["stale"] and "首页不更新" in [v["item"] for v in data["vetoes"]]


def test_withdrawn_and_future_articles_do_not_count(site):
    fresh_site(site)
    publish(site, "gzdt", 30)
    site.article("content/gzdt/2026/w.md", column="gzdt", department="办公室", date="2026-11-26 09:00",
                 status="withdrawn", withdrawn_reason="内容有误", withdrawn_at='"2026-11-26 10:00"')
    site.article("content/gzdt/2026/future.md", column="gzdt", department="办公室", date="2026-12-20 09:00")
    _, data = audit(site)
    assert states(data)["gzdt"] == "stale"


def consultation(site, name: str, **fields: str) -> None:
    lines = "".join(f"{k}: {v}\n" for k, v in {"channel": "网站留言", "department": "公共法律服务管理科",
                                                "question": "如何申请法律援助？", **fields}.items())
    site.write(f"records/consultations/2026/{name}.yml", lines)


def test_consultation_deadlines_and_the_three_month_veto(site):
    fresh_site(site)
    consultation(site, "on-time", received="2026-11-02 10:00", reply="您好，请拨打12348。", replied="2026-11-06 10:00")
    consultation(site, "late", received="2026-11-02 10:00", reply="您好。", replied="2026-11-12 10:00")
    consultation(site, "overdue", received="2026-11-16 10:00")       # deadline 11-23
    consultation(site, "near", received="2026-11-20 15:00")          # deadline 11-27: today
    consultation(site, "open", received="2026-11-26 09:00")          # deadline 12-03
    consultation(site, "promised", received="2026-11-10 09:00", promised="2026-12-10")
    consultation(site, "ninety", received="2026-08-29 09:00")        # 90 days: not yet a veto
    rc, data = audit(site)
    got = {c["id"]: c["state"] for c in data["consultations"]["items"]}
    assert got == {"on-time": "on_time", "late": "late", "overdue": "overdue", "near": "near_due",
                   "open": "open", "promised": "open", "ninety": "overdue"}
    assert rc == 0 and data["vetoes"] == []
    consultation(site, "ninety-one", received="2026-08-28 08:00")
    rc, data = audit(site)
    assert rc == 1 and data["vetoes"][0]["item"] == "互动回应差" and "ninety-one" in data["vetoes"][0]["detail"]


def test_broken_record_is_reported_and_the_rest_still_checked(site):
    fresh_site(site)
    site.write("records/consultations/2026/bad.yml", "received: 2026-11-20\nchannel: 网站留言\n")
    consultation(site, "good", received="2026-11-26 09:00")
    proc = site.run("audit", "--as-of", "2026-11-27 09:00")
    assert "records/consultations/2026/bad.yml:1 记录格式错误" in proc.stdout
    data = json.loads((site.root / "audit-report/report.json").read_text("utf-8"))
    assert [c["id"] for c in data["consultations"]["items"]] == ["good"]


def test_privacy_sweep_covers_articles_replies_and_built_html(site):
    fresh_site(site)
    publish(site, "xzzf", 2, slug="gs", body="当事人李某，身份证号440825197811300029。\n")
    consultation(site, "leak", received="2026-11-20 09:00", reply="已联系您的手机13800138000。",
                 replied="2026-11-21 09:00")
    page = site.write("site/xzzf/old/index.html",
                      "<!doctype html><html><body><main><p>当事人王某</p>\n<p>身份证：440881199001011233</p>"
                      "</main></body></html>")
    rc, data = audit(site)
    where = {(p["path"], p["rule"]) for p in data["privacy"]}
    assert ("content/xzzf/2026/gs.md", "privacy.id-number") in where
    assert ("records/consultations/2026/leak.yml", "privacy.mobile") in where
    assert ("site/xzzf/old/index.html", "privacy.id-number") in where
    article = next(p for p in data["privacy"] if p["path"] == "content/xzzf/2026/gs.md")
    assert article["action"].startswith("govpub retract content/xzzf/2026/gs.md --reason")
    html_hit = next(p for p in data["privacy"] if p["path"].startswith("site/"))
    assert html_hit["line"] == 2 and page.exists()


def test_the_sweep_reads_a_page_the_way_a_visitor_does():
    """The built page is parsed, not pattern-matched: an alt text or a Description with a
    number is read, a > inside an attribute does not let the tag's rest pass as text, script
    and comments are not read, and every piece keeps its source line."""
    from govpub.audit.sweep import html_text

    page = ('<html><head><meta name="description" content="电话13800138000">\n'
            '<script>var a = "<p>";\nvar phone = "13912345678";</script></head>\n'
            '<body><img alt="合影>" src="a.jpg" title="身份证440881199001011233">\n'
            '<p>联系&nbsp;电话：138<b>0013</b>8000</p><!-- 13700000000 -->\n</body></html>')
    lines = html_text(page).split("\n")
    assert len(lines) == len(page.split("\n"))
    assert "13800138000" in lines[0]
    assert "13912345678" not in "".join(lines) and "13700000000" not in "".join(lines)
    assert "合影>" in lines[3] and "身份证440881199001011233" in lines[3] and "src" not in lines[3]
    assert "联系\xa0电话：138 " in lines[4] and "0013" in lines[4] and "8000" in lines[4]


def test_internal_broken_links(site):
    fresh_site(site)
    publish(site, "gzdt", 1, slug="links", body="详见[通知](../../tzgg/2026/a.md)和[附件](fujian.pdf)。\n")
    _, data = audit(site)
    assert [(b["url"], b["reason"]) for b in data["links"]] == [("fujian.pdf", "文件不存在")]


def test_external_links_with_a_loopback_server(site):
    import http.server
    import threading

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_HEAD(self):  # noqa: N802
            self.send_response(200 if self.path == "/ok" else 404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_port}"
        fresh_site(site)
        publish(site, "gzdt", 1, slug="ext", body=f"[好]({base}/ok)、[坏]({base}/gone)\n")
        _, data = audit(site, "--external")
    finally:
        server.shutdown()
    assert [(b["url"], b["reason"]) for b in data["links"]] == [(f"{base}/gone", "HTTP 404")]


def test_new_media_from_the_ledger(site, monkeypatch):
    """Sealed entries (the credentials in the environment, as for publishing; unsealed ones:
    tests/publish/test_converge9.py)."""
    from govpub.publish.wechat import entry_seal

    secret = "s" * 32
    monkeypatch.setenv("GOVPUB_WECHAT_APPID", "wx" + "0" * 16)
    monkeypatch.setenv("GOVPUB_WECHAT_SECRET", secret)

    def sealed(when: str) -> str:
        entry = {"state": "published", "published_at": when}
        return json.dumps({"content/gzdt/2026/a.md": {**entry, "seal": entry_seal(secret, "content/gzdt/2026/a.md", entry)}})

    fresh_site(site)
    site.write("records/ledger/wechat.json", sealed("2026-11-10 10:00"))
    _, data = audit(site)
    wechat = next(m for m in data["new_media"] if m["platform"] == "wechat")
    assert wechat["stale"] and "政务新媒体不更新" in [v["item"] for v in data["vetoes"]]
    site.write("records/ledger/wechat.json", sealed("2026-11-20 10:00"))
    _, data = audit(site)
    assert not next(m for m in data["new_media"] if m["platform"] == "wechat")["stale"]


def test_report_renders_in_chromium(site, tmp_path):
    """The HTML report in headless Chromium: the red veto summary sits at the top of the page."""
    from PIL import Image

    fresh_site(site, **{column: 30 for column in DEPARTMENT})  # one veto: the home page
    rc, data = audit(site)
    assert rc == 1
    shot = tmp_path / "report.png"
    profile = tmp_path / "chromium-profile"
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={profile}", "--hide-scrollbars", "--window-size=1200,900",
                    f"--screenshot={shot}", (site.root / "audit-report/report.html").as_uri()],
                   check=True, capture_output=True, timeout=120)
    image = Image.open(shot).convert("RGB")
    assert image.size == (1200, 900)
    top = image.crop((0, 100, 1200, 260))  # where the veto box stands
    raw = top.tobytes()
    pixels = [tuple(raw[i:i + 3]) for i in range(0, len(raw), 3)]
    reds = sum(1 for r, g, b in pixels if r > 170 and g < 80 and b < 80)
    pinks = sum(1 for r, g, b in pixels if r > 240 and 220 < g < 245 and 220 < b < 245)
    assert reds > 500 and pinks > 20000, (reds, pinks)
    html = (site.root / "audit-report/report.html").read_text("utf-8")
    assert "单项否决项 1 项" in html and "首页不更新" in html and "http" not in html.split("<main>")[0]


@pytest.mark.slow
def test_sweep_of_the_built_sample_site(tmp_path):
    """The real sample site, built: a planted ID number in one page is found; the 解读 ↔ 原文
    links both ways hold, and removing one is reported."""
    from helpers import copy_site

    site = copy_site(tmp_path / "repo")
    assert site.run("build", "--quiet").returncode == 0
    page = next((site.root / "site/xzzf").rglob("index.html"))
    html = page.read_text("utf-8")
    page.write_text(html.replace("</article>", "<p>当事人身份证号：440825197811300029</p></article>", 1), "utf-8")
    original = site.root / "site/zcwj/2026/zbls-banfa/index.html"
    original.write_text(original.read_text("utf-8").replace("zbls-banfa-jd/", "nowhere/"), "utf-8")
    rc, data = audit(site)
    hits = [p for p in data["privacy"] if p["path"].startswith("site/")]
    assert [(p["path"], p["rule"]) for p in hits] == [(page.relative_to(site.root).as_posix(), "privacy.id-number")]
    problems = {(p["page"], p["message"].split("（")[0]) for p in data["site"]["problems"]}
    assert ("zcwj/2026/zbls-banfa/", "政策原文没有链接到解读") in problems
    assert not any(p[1] == "政策解读没有链接到原文" for p in problems)
    assert data["site"]["pages"] > 30 and not any("缺少" in p["message"] or "页脚" in p["message"]
                                                   for p in data["site"]["problems"])
