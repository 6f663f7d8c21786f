"""The audit as the provincial inspector sees the site (国办秘函〔2019〕19号): each single-veto
threshold at, just below and just above its limit, counted the inspector's way; faked publish
dates proved from the Git record; early warnings before a veto; the known deductions; the
order the office works in; a report that a failed run does not leave half-new."""

from __future__ import annotations

import json
import os
import subprocess
from datetime import datetime, timedelta

import pytest
from helpers import GIT_ENV
from test_audit import AS_OF, DEPARTMENT, consultation, fresh_site, publish, states


@pytest.fixture(autouse=True)
def _one_engine(site, monkeypatch):
    """Every audit here sweeps with the worker's engine over the untouched checks/ (helpers.SitePool):
    the privacy rules do not read the column registry or audit.yml some tests change, and building
    the engine again costs seconds a run."""
    from govpub.rules import engine

    shared = site.pool.rules()
    monkeypatch.setattr(engine, "RuleSet", lambda policy: shared)


def audit(site, *args: str, as_of: str = AS_OF.strftime("%Y-%m-%d %H:%M")) -> tuple[int, dict]:
    """The real command, run in process (cli.main)."""
    proc = site.run_here("audit", "--as-of", as_of, *args)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.returncode, json.loads((site.root / "audit-report/report.json").read_text("utf-8"))


def items(data: dict, key: str = "vetoes") -> list[str]:
    return [v["item"] for v in data[key]]


@pytest.fixture
def add_columns(site):
    """More registered columns (the registry has four of the inspector's kinds, one short of five);
    the registry is put back as it was, time stamp included, so the next test keeps the worker's engine."""
    path = site.root / "checks/registry/columns.yml"
    text, stat = path.read_text("utf-8"), path.stat()
    yield lambda *slugs: _add_columns(site, *slugs)
    path.write_text(text, "utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def _add_columns(site, *slugs: str, kind: str = "news") -> None:
    path = site.root / "checks/registry/columns.yml"
    extra = "".join(f"  - slug: {s}\n    name: 要闻{s}\n    kind: {kind}\n    column_type: 工作动态\n    department: 办公室\n"
                    f"    description: 要闻。\n    keywords: [要闻]\n" for s in slugs)
    path.write_text(path.read_text("utf-8") + extra, "utf-8")


def post(site, column: str, when: datetime | str, slug: str = "a", **fields: str):
    date = when if isinstance(when, str) else when.strftime("%Y-%m-%d %H:%M")
    year = date[:4] if date[:4].isdigit() else "2026"
    return site.article(f"content/{column}/{year}/{slug}.md", column=column,
                        department=DEPARTMENT.get(column, "办公室"), date=date, **fields)


# --- the home page: two weeks, by the dates a page shows -------------------------------------

def test_home_page_by_calendar_date_and_items_without_a_visible_time(site):
    for column in DEPARTMENT:
        publish(site, column, 300)
    post(site, "gzdt", "2026-11-13 23:00")  # 14 calendar days before 11-27: still inside two weeks
    rc, data = audit(site)
    assert not data["home"]["stale"] and data["home"]["age_days"] == 14 and "首页不更新" not in items(data)
    assert "首页即将超期" in items(data, "early_warnings")
    post(site, "gzdt", "2026-11-12 23:59")  # 15 dates back, though only 14 days and 9 hours
    post(site, "gzdt", "2026/11/26 09:00", slug="b")  # no publish time a visitor can read: not an update
    post(site, "gzdt", "2026-11-27 09:01", slug="c")  # a minute in the future: not published yet
    rc, data = audit(site)
    assert rc == 1 and data["home"]["age_days"] == 15 and "首页不更新" in items(data)
    post(site, "gzdt", "2026-11-27 09:00", slug="c")  # published this minute
    rc, data = audit(site)
    assert rc == 0 and data["home"]["age_days"] == 0 and "首页即将超期" not in items(data, "early_warnings")


# --- columns: five of the inspector's kinds, ten long-stale, five blank -----------------------

def test_stale_columns_counted_the_inspectors_way(site, add_columns):
    add_columns("yw")
    fresh_site(site, gzdt=15, pfyfz=15, tzgg=184, zcwj=184, zcjd=400, rsxx=400, ghjh=400)
    post(site, "yw", AS_OF - timedelta(days=14))
    rc, data = audit(site)  # 4 of the kinds + 3 others stale: 7 stale, no veto
    assert data["summary"]["stale_columns"] == 7 and data["summary"]["veto_stale_columns"] == 4
    assert rc == 0 and "栏目不更新" not in items(data)
    assert "栏目不更新即将达到否决线" in items(data, "early_warnings")  # 要闻yw goes stale tomorrow
    post(site, "yw", AS_OF - timedelta(days=15))
    rc, data = audit(site)
    assert rc == 1 and "栏目不更新" in items(data) and data["summary"]["veto_stale_columns"] == 5
    veto = next(v for v in data["vetoes"] if v["item"] == "栏目不更新")
    assert "要闻yw" in veto["detail"] and "人事信息" not in veto["detail"]
    assert "栏目未按期更新" in items(data, "deductions")  # the others are still reported


def test_ten_long_stale_columns(site, add_columns):
    add_columns("y1", "y2", "y3")
    fresh_site(site, **{c: 366 for c in DEPARTMENT})  # 7 columns with an update period, > 1 year
    post(site, "y1", AS_OF - timedelta(days=366))
    post(site, "y2", AS_OF - timedelta(days=366))
    post(site, "y3", AS_OF - timedelta(days=365))
    _, data = audit(site)
    assert data["summary"]["long_stale_columns"] == 9 and "栏目长期未更新" not in items(data)
    assert "长期未更新栏目即将达到否决线" in items(data, "early_warnings")  # 要闻y3 crosses tomorrow
    post(site, "y3", AS_OF - timedelta(days=366))
    _, data = audit(site)
    assert data["summary"]["long_stale_columns"] == 10 and "栏目长期未更新" in items(data)


def test_blank_columns_warned_at_four_and_a_column_of_withdrawn_or_future_items_is_blank(site):
    for column in ("gzdt", "tzgg", "zcwj", "zcjd", "ggflfw"):
        publish(site, column, 1)
    _, data = audit(site)
    assert data["summary"]["blank_columns"] == 4 and "空白栏目即将达到否决线" in items(data, "early_warnings")
    for p in (site.root / "content/ggflfw").rglob("*.md"):
        p.unlink()
    post(site, "ggflfw", "2026-11-20 09:00", status="withdrawn", withdrawn_reason="有误",
         withdrawn_at='"2026-11-21 09:00"')
    post(site, "ggflfw", "2026-12-20 09:00", slug="later")
    rc, data = audit(site)
    assert rc == 1 and states(data)["ggflfw"] == "blank" and "空白栏目" in items(data)


# --- interaction and new media ----------------------------------------------------------------

def test_consultation_answered_after_three_months_is_still_a_veto_and_the_year_limit(site):
    fresh_site(site)
    consultation(site, "old", received="2025-11-01 09:00")  # unanswered, but more than a year ago
    consultation(site, "eighty", received=(AS_OF - timedelta(days=80)).strftime("%Y-%m-%d %H:%M"))
    rc, data = audit(site)
    assert rc == 0 and "互动回应差" not in items(data)
    warned = [w for w in data["early_warnings"] if w["item"] == "咨询即将超过三个月未答复"]
    assert len(warned) == 1 and "eighty" in warned[0]["detail"]
    consultation(site, "slow", received="2026-06-01 09:00", reply="您好。", replied="2026-09-10 09:00")  # 101 days
    rc, data = audit(site)
    assert rc == 1 and "slow" in next(v["detail"] for v in data["vetoes"] if v["item"] == "互动回应差")
    consultation(site, "slow", received="2026-06-01 09:00", reply="您好。", replied="2026-08-30 09:00")  # 90 days
    rc, data = audit(site)
    assert rc == 0


def test_new_media_without_a_ledger_is_not_silently_passed(site):
    """No ledger (the audit job did not fetch refs/govpub/ledger): no veto can be judged, so the
    report says the accounts were not checked, next to the early warnings."""
    fresh_site(site)
    rc, data = audit(site)
    assert rc == 0 and [m["stale"] for m in data["new_media"] if m["platform"] == "wechat"] == [None]
    warned = [w for w in data["early_warnings"] if w["item"] == "政务新媒体未核对"]
    assert warned and "refs/govpub/ledger" in warned[0]["action"]


def sealed_ledger(monkeypatch, entries: dict) -> dict:
    """The WeChat ledger as a publish run writes it: the audit believes only sealed entries, and
    can verify them only with the account's credentials in the environment (test_converge9)."""
    from govpub.publish.wechat import entry_seal

    secret = "s" * 32
    monkeypatch.setenv("GOVPUB_WECHAT_APPID", "wx" + "0" * 16)
    monkeypatch.setenv("GOVPUB_WECHAT_SECRET", secret)
    return {path: {**entry, "seal": entry_seal(secret, path, entry)} for path, entry in entries.items()}


@pytest.mark.parametrize("days_ago, stale, warned", [(10, False, False), (11, False, True), (14, False, True),
                                                     (15, True, False)])
def test_new_media_two_weeks_on_both_sides(site, monkeypatch, days_ago, stale, warned):
    fresh_site(site)
    last = (AS_OF - timedelta(days=days_ago)).replace(hour=23, minute=50).strftime("%Y-%m-%d %H:%M")
    site.write("records/ledger/wechat.json", json.dumps(
        sealed_ledger(monkeypatch, {"content/gzdt/2026/a.md": {"state": "published", "published_at": last}})))
    rc, data = audit(site)
    wechat = next(m for m in data["new_media"] if m["platform"] == "wechat")
    assert wechat["stale"] is stale and ("政务新媒体不更新" in items(data)) is stale
    assert ("政务新媒体即将超期" in items(data, "early_warnings")) is warned


# --- faked publish dates: the Git record -------------------------------------------------------

def commit(site, when: str, message: str = "稿件") -> None:
    env = {**os.environ, **GIT_ENV, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_DATE": when}
    subprocess.run(["git", "add", "-A"], cwd=site.root, env=env, check=True)
    subprocess.run(["git", "commit", "-q", "--allow-empty", "-m", message], cwd=site.root, env=env, check=True)


def git_site(site):
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=site.root, check=True)
    fresh_site(site)
    commit(site, "2026-11-26T09:00:00+08:00", "栏目")  # before dating.since: the migrated archive


def audit_at(site, when: str) -> tuple[int, dict, str]:  # with the printed lines
    proc = site.run_here("audit", "--as-of", when)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.returncode, json.loads((site.root / "audit-report/report.json").read_text("utf-8")), proc.stdout


def test_back_dating_and_a_publish_time_rewritten_after_publication(site):
    git_site(site)
    post(site, "gzdt", "2026-11-20 09:00", slug="archive")  # migrated before dating.since: not judged
    commit(site, "2026-11-30T10:00:00+08:00")
    post(site, "gzdt", "2026-11-30 09:30", slug="weekend")  # exactly 72 hours before it reached the branch
    post(site, "gzdt", "2026-11-30 09:29", slug="backdated")  # a minute more
    commit(site, "2026-12-03T01:30:00+00:00")  # a UTC runner's time: 09:30 in Beijing
    post(site, "gzdt", "2026-12-04 09:00", slug="bumped")
    post(site, "gzdt", "2026-12-20 09:00", slug="scheduled")
    commit(site, "2026-12-04T10:00:00+08:00")
    post(site, "gzdt", "2026-12-10 09:00", slug="bumped")  # live since 12-04, made to look new
    post(site, "gzdt", "2026-12-21 09:00", slug="scheduled")  # not live yet: moving it is fine
    commit(site, "2026-12-10T09:30:00+08:00")
    subprocess.run(["git", "mv", "content/gzdt/2026/weekend.md", "content/gzdt/2026/moved.md"], cwd=site.root,
                   check=True)
    commit(site, "2026-12-11T09:00:00+08:00", "改名")  # a move is not a new article
    rc, data, out = audit_at(site, "2026-12-12 09:00")
    got = {(f["path"], f["item"]) for f in data["dating"]}
    assert got == {("content/gzdt/2026/backdated.md", "发布时间倒填"),
                   ("content/gzdt/2026/bumped.md", "已发布文章的发布时间被改动")}
    assert rc == 1 and items(data).count("弄虚作假") == 2 and data["summary"]["faked_dates"] == 2
    assert "2026-12-03 09:30 才进入发布分支" in out and "把 date 改回 2026-12-04 09:00" in out
    rc, data, _ = audit_at(site, "2026-12-05 09:00")  # that day's record: the date was not changed yet
    assert [(f["path"], f["item"]) for f in data["dating"]] == [("content/gzdt/2026/backdated.md", "发布时间倒填")]
    # doing what the findings ask clears them: the true time back, the back-dated one put right
    from govpub.audit import dating

    post(site, "gzdt", "2026-12-04 09:00", slug="bumped")
    post(site, "gzdt", "2026-12-03 09:30", slug="backdated")
    commit(site, "2026-12-12T10:00:00+08:00", "改正发布时间")
    live = {str(p.relative_to(site.root)) for p in (site.root / "content").rglob("*.md")}
    assert dating.check(site.root, {"dating": {"since": "2026-12-01"}}, live) == []


def test_a_shallow_clone_says_the_dates_were_not_checked(site, tmp_path):
    """The audit job's checkout was one commit deep: every article would seem to have arrived
    with it. The audit says the dates were not checked (and how to fix the workflow)."""
    from govpub.audit import dating

    git_site(site)
    post(site, "gzdt", "2026-11-01 09:00", slug="backdated")
    post(site, "gzdt", "2026-11-01 09:00", slug="普法“宣传”周")  # git prints such a name quoted or as \346…
    post(site, "gzdt", "2026-11-01 09:00", slug='say "hi"')
    commit(site, "2026-12-03T09:30:00+08:00")
    post(site, "gzdt", "2026-12-04 09:00", slug="next")
    commit(site, "2026-12-04T09:30:00+08:00")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", site.root.as_uri(), str(clone)], check=True,
                   capture_output=True)
    why = dating.unavailable(clone)
    assert why is not None and "浅克隆" in why and "fetch-depth: 0" in why
    assert dating.unavailable(tmp_path) is not None and dating.unavailable(site.root) is None
    live = {f"content/gzdt/2026/{n}.md" for n in ("backdated", "next", "普法“宣传”周", 'say "hi"')}
    assert sorted(f.path for f in dating.check(site.root, {"dating": {"since": "2026-12-01"}}, live)) == \
        sorted(live - {"content/gzdt/2026/next.md"})


# --- time --------------------------------------------------------------------------------------

def test_a_run_across_midnight_judges_everything_at_the_minute_it_started(site, monkeypatch):
    """The clock is read once: a run that starts at 23:59 and ends after midnight does not count
    some columns on one day and the rest on the next."""
    from govpub import clock

    moments = iter([datetime(2026, 11, 27, 23, 59, 30, tzinfo=clock.BEIJING)]
                   + [datetime(2026, 11, 28, 0, 0, 5, tzinfo=clock.BEIJING)] * 50)
    monkeypatch.setattr(clock, "now", lambda: next(moments))
    for column in DEPARTMENT:
        publish(site, column, 300)
    post(site, "gzdt", "2026-11-13 08:00")  # 14 days on the 27th, 15 on the 28th
    proc = site.run_here("audit")
    data = json.loads((site.root / "audit-report/report.json").read_text("utf-8"))
    assert proc.returncode in (0, 1), proc.stderr
    assert data["as_of"] == "2026-11-27 23:59" and data["home"]["age_days"] == 14 and not data["home"]["stale"]


# --- deductions and the order of the report ---------------------------------------------------

def test_known_deductions_with_their_points(site):
    fresh_site(site, zcwj=184)
    publish(site, "gzdt", 1, slug="links", body="详见[附件](fujian.pdf)。\n")
    consultation(site, "old-reply", received="2026-09-20 09:00", reply="您好。", replied="2026-09-27 09:00")  # 61 days
    consultation(site, "hidden", received="2026-11-02 09:00", reply="您好。", replied="2026-11-05 09:00",
                 publish="false")  # not on the site: the 留言答复 column does not show it
    consultation(site, "late", received="2026-11-02 09:00")
    _, data = audit(site)
    got = {d["item"]: d for d in data["deductions"]}
    assert got["政策文件栏目超过 6 个月未更新"]["points"] == 5
    assert got["留言答复超过 60 天未更新"]["points"] == 3 and "2026-09-27" in got["留言答复超过 60 天未更新"]["detail"]
    assert "late" in got["答复超过期限"]["detail"] and "links.md" in got["站内失效链接"]["detail"]
    consultation(site, "old-reply", received="2026-09-20 09:00", reply="您好。", replied="2026-09-28 09:00")  # 60 days
    _, data = audit(site)
    assert "留言答复超过 60 天未更新" not in items(data, "deductions")


def test_the_report_puts_vetoes_first_then_warnings_then_deductions(site, monkeypatch):
    fresh_site(site, **{**{c: 300 for c in DEPARTMENT}, "zcwj": 184})
    post(site, "ggflfw", "2026-11-14 09:00", slug="b")  # the home page: 13 days
    post(site, "xzzf", "2026-11-05 09:00", slug="b")
    site.write("records/ledger/wechat.json", json.dumps(sealed_ledger(monkeypatch, {})))  # never published
    proc = site.run_here("audit", "--as-of", AS_OF.strftime("%Y-%m-%d %H:%M"))
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    first = {kind: next(i for i, line in enumerate(lines) if line.lstrip().startswith(kind))
             for kind in ("单项否决", "预警", "扣分项")}
    assert first["单项否决"] < first["预警"] < first["扣分项"]
    html = (site.root / "audit-report/report.html").read_text("utf-8")
    assert html.index('id="veto"') < html.index('id="early-warnings"') < html.index('id="deductions"')
    assert "−5" in html and "先处理" in html
    text = (site.root / "audit-report/report.md").read_text("utf-8")  # what the Gitea workflow prints
    assert text.index("单项否决项：") < text.index("政务新媒体不更新") < text.index("首页即将超期") < text.index("政策文件栏目") \
        and "（−5）" in text


# --- robustness ---------------------------------------------------------------------------------

def test_a_malformed_consultation_names_file_line_and_what_to_do(site):
    fresh_site(site)
    site.write("records/consultations/2026/broken.yml",
               "received: 2026-11-20 09:00\nchannel: 网站留言\ndepartment: 办公室\nquestion: \"怎么办理\n")
    site.write("records/consultations/2026/typo.yml",
               "received: 2026-11-20 09:00\nchannel: 网站留言\ndepartment: 办公室\nquestion: 问\nrepled: 2026-11-21 09:00\n")
    consultation(site, "good", received="2026-11-26 09:00")
    proc = site.run_here("audit", "--as-of", AS_OF.strftime("%Y-%m-%d %H:%M"))
    data = json.loads((site.root / "audit-report/report.json").read_text("utf-8"))
    where = {(p["path"], p["line"]) for p in data["problems"]}
    assert ("records/consultations/2026/broken.yml", 4) in where
    assert ("records/consultations/2026/typo.yml", 5) in where  # the misspelt key's line, not the file's top
    assert "引号" in proc.stdout and "可用的键" in proc.stdout  # what to do
    assert [c["id"] for c in data["consultations"]["items"]] == ["good"]
    assert "broken.yml" in proc.stdout and "记录格式错误" in proc.stdout


def test_a_run_that_fails_while_writing_leaves_the_last_report_whole(site, monkeypatch):
    from govpub.audit import report

    rendered = report.render
    fresh_site(site)
    audit(site)
    before = {p.name: p.read_bytes() for p in (site.root / "audit-report").iterdir()}
    fresh_site(site, gzdt=30)

    def killed(data):
        raise KeyboardInterrupt

    monkeypatch.setattr(report, "render", killed)
    assert site.run_here("audit", "--as-of", AS_OF.strftime("%Y-%m-%d %H:%M")).returncode == 130
    after = {p.name: p.read_bytes() for p in (site.root / "audit-report").iterdir()}
    assert after == before  # no new report.json beside an old report.html, no temporary file
    monkeypatch.setattr(report, "render", rendered)
    site.write("audit-report/.report.json.k1ll3d00.tmp", '{"vetoes": [')  # a run killed (SIGKILL) while writing
    rc, data = audit(site)
    assert sorted(p.name for p in (site.root / "audit-report").iterdir()) == ["report.html", "report.json", "report.md"]
    assert rc == 0 and data["summary"]["stale_columns"] == 1 and states(data)["gzdt"] == "stale"


def test_a_column_of_hundreds_of_articles_is_one_git_pass(site):
    """Hundreds of articles in one column, in Git: one pass over the history, not a process per
    article (bench/audit_scale.py times 3000 and the whole audit)."""
    git_site(site)
    for i in range(600):
        site.write(f"content/gzdt/2026/n{i:04d}.md", f"---\ntitle: 动态{i}\ncolumn: gzdt\ndepartment: 办公室\n"
                   f"author: 王晓敏\ndate: 2026-12-0{1 + i % 3} 09:00\nchannels: [website]\n---\n\n正文{i}。\n")
    commit(site, "2026-12-03T12:00:00+08:00")
    from govpub.audit import dating

    history = dating.history(site.root)
    assert len([p for p in history if p.startswith("content/gzdt/2026/n")]) == 600
    found = dating.check(site.root, {"dating": {"tolerance_hours": 50, "since": "2026-12-01"}}, set(history))
    assert sorted(int(f.path[-7:-3]) for f in found) == list(range(0, 600, 3))  # the ones dated 12-01


def test_flaky_external_links_are_retried_and_reported_apart(site):
    """A server's bad moment (503 once) is not a dead link; one that times out or fails twice is
    reported apart from the dead ones and not cached (asked again next run); a 404 is dead."""
    import http.server
    import threading
    import time

    from test_external_links import cache_entries

    from govpub.audit import links
    from govpub.content import article as article_mod
    from govpub.policy import Policy

    asked: dict[str, int] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_HEAD(self):  # noqa: N802
            asked[self.path] = asked.get(self.path, 0) + 1
            if self.path == "/slow":
                time.sleep(0.4)
            code = {"/flaky": 503 if asked[self.path] == 1 else 200, "/down": 503, "/gone": 404}.get(self.path, 200)
            self.send_response(code)
            self.end_headers()

        def log_message(self, *args):
            pass

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=srv.serve_forever, args=(0.05,), daemon=True).start()
    base = f"http://127.0.0.1:{srv.server_port}"
    try:
        path = publish(site, "gzdt", 1, slug="ext", body="".join(f"[{p}]({base}/{p})\n" for p in
                                                                  ("flaky", "down", "gone", "slow", "ok")))
        policy = Policy(site.root)
        art = article_mod.load(site.root, path)
        got = links.external(policy, [art], {"timeout_seconds": 0.2, "retry_delay_seconds": 0})
    finally:
        srv.shutdown()
        srv.server_close()
    rows = {b.url.rsplit("/", 1)[1]: b for b in got.broken}
    assert set(rows) == {"down", "gone", "slow"} and asked["/flaky"] == 2 and asked["/gone"] == 1
    assert rows["gone"].reason == "HTTP 404" and not rows["gone"].transient and rows["gone"].external
    assert rows["down"].transient and "HTTP 503" in rows["down"].reason and rows["slow"].transient
    cached = cache_entries()
    assert f"{base}/gone" in cached and f"{base}/down" not in cached and f"{base}/slow" not in cached
    from govpub.audit.priorities import deductions

    items_ = {d.item for d in deductions({"consultations": {"reply_working_days": 5}, "veto": {}}, columns=[], consultations=[],
                                         published_replies=[], broken=[b.as_json() for b in got.broken],
                                         page_problems=[], as_of=AS_OF)}
    assert {"外部失效链接", "外部链接暂时无法访问"} <= items_ and "站内失效链接" not in items_


def test_an_interpretation_whose_original_is_missing_or_withdrawn(site):
    """解读稿未与政策原文做好双向关联: found from the articles, without a built site."""
    fresh_site(site)
    for p in (site.root / "content/zcjd").rglob("*.md"):
        p.unlink()
    post(site, "zcwj", "2026-11-20 09:00", slug="banfa")
    post(site, "zcwj", "2026-11-10 09:00", slug="old", status="withdrawn", withdrawn_reason="已废止",
         withdrawn_at='"2026-11-21 09:00"')
    post(site, "zcjd", "2026-11-20 10:00", slug="good", interprets="../../zcwj/2026/banfa.md")
    post(site, "zcjd", "2026-11-20 10:00", slug="orphan", interprets="../../zcwj/2026/old.md")
    post(site, "zcjd", "2026-11-20 10:00", slug="none")
    _, data = audit(site)
    rows = {p["page"] for p in data["site"]["problems"] if p["message"].startswith("政策解读没有链接到原文")}
    assert rows == {"content/zcjd/2026/orphan.md", "content/zcjd/2026/none.md"}
    assert "解读与原文未双向关联" in items(data, "deductions")


def test_the_time_an_article_reached_the_branch_is_the_merge_not_the_drafters_clock(site):
    """A merge commit's time, not the branch commit's; after a fast-forward merge (the drafter's
    committer time, which GIT_COMMITTER_DATE sets to anything) the forge's merge time in the
    approval record, when later."""
    from govpub.approvals.record import NOTES_REF
    from govpub.audit import dating

    def git(*args: str, when: str | None = None) -> None:
        env = {**os.environ, **GIT_ENV, **({"GIT_COMMITTER_DATE": when, "GIT_AUTHOR_DATE": when} if when else {})}
        subprocess.run(["git", *args], cwd=site.root, env=env, check=True, capture_output=True)

    git_site(site)
    git("checkout", "-q", "-b", "draft")
    post(site, "gzdt", "2026-12-01 09:00", slug="merged")
    commit(site, "2026-12-01T10:00:00+08:00")
    git("checkout", "-q", "main")
    git("merge", "-q", "--no-ff", "-m", "合并请求 #1", "draft", when="2026-12-08T10:00:00+08:00")
    git("checkout", "-q", "-b", "draft2")
    post(site, "gzdt", "2026-12-02 09:00", slug="fast")
    commit(site, "2026-12-02T10:00:00+08:00")  # the drafter's clock
    git("checkout", "-q", "main")
    git("merge", "-q", "--ff-only", "draft2")
    config = {"dating": {"since": "2026-12-01"}}
    live = {"content/gzdt/2026/merged.md", "content/gzdt/2026/fast.md"}
    assert [f.path for f in dating.check(site.root, config, live)] == ["content/gzdt/2026/merged.md"]
    record = json.dumps({"pull": {"number": 2, "merged_at": "2026-12-09T02:00:00Z"}})
    git("notes", f"--ref={NOTES_REF}", "add", "-m", record, "HEAD")
    found = {f.path: f.detail for f in dating.check(site.root, config, live)}
    assert set(found) == live and "2026-12-09 10:00 才进入发布分支" in found["content/gzdt/2026/fast.md"]


def test_an_invalid_message_with_its_reason_is_not_a_veto_but_is_listed(site):
    """Only valid 政务咨询 count (广告、重复…): the reason is written in the record, the message
    leaves the reply periods and the veto, and the report lists it for the office to check."""
    fresh_site(site)
    consultation(site, "spam", received="2026-06-01 09:00", invalid="广告，与政务无关")
    consultation(site, "empty", received="2026-06-01 09:00", invalid="")
    rc, data = audit(site)
    assert [p["path"] for p in data["problems"]] == ["records/consultations/2026/empty.yml"]  # a reason is needed
    assert rc == 0 and "互动回应差" not in items(data) and data["summary"]["invalid_consultations"] == 1
    listed = next(d for d in data["deductions"] if d["item"] == "按无效留言处理的咨询")
    assert "spam（广告，与政务无关）" in listed["detail"]
    consultation(site, "spam", received="2026-06-01 09:00")  # the mark removed: three months unanswered
    rc, data = audit(site)
    assert rc == 1 and "互动回应差" in items(data)
