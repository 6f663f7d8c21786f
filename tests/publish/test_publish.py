"""govpub publish and govpub retract on a real Git repository: approvals re-verified on the
forge double (tests/publish/test_gate.py tries to get past the gate), the site built and
deployed atomically, every registered account converged (WeChat through the loopback double,
the 南方号 bundle), one publisher at a time."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from forge_setup import forge_env, land_pull, publish_args
from helpers import GIT_ENV, article_text, copy_site, govpub_forked
from PIL import Image
from wechat_double import WeChatDouble, by_title

ARTICLE = "content/ggflfw/2026/jinshequ.md"
TITLE = "法律援助进社区活动圆满完成"


def git(root, *args):
    return subprocess.run(["git", *args], cwd=root, env={**os.environ, **GIT_ENV}, capture_output=True,
                          text=True, check=True).stdout.strip()


def merge_article(site, forge, body: str, *, approved: bool = True) -> str:
    root = site.root
    git(root, "switch", "-q", "-c", "feature")
    folder = root / "content/ggflfw/2026"
    Image.new("RGB", (900, 383), (160, 30, 30)).save(folder / "jinshequ-cover.jpg", "JPEG")
    site.write(ARTICLE, article_text(body=body, title=TITLE, column="ggflfw", department="公共法律服务管理科",
                                     date="2026-11-25 10:00", channels="[website, wechat, nanfang]",
                                     cover="jinshequ-cover.jpg", summary="法律援助进社区。"))
    git(root, "add", "-A")
    git(root, "commit", "-qm", "新增：法律援助进社区")
    head = git(root, "rev-parse", "HEAD")
    git(root, "switch", "-q", "main")
    git(root, "merge", "-q", "--no-ff", "feature", "-m", "合并 #7")
    merge = git(root, "rev-parse", "HEAD")
    if approved:
        land_pull(forge, root, merge, head, [ARTICLE, "content/ggflfw/2026/jinshequ-cover.jpg"])
    return merge


@pytest.fixture
def repo(tmp_path):
    site = copy_site(tmp_path / "repo")
    git(site.root, "init", "-q", "-b", "main")
    git(site.root, "add", "-A")
    git(site.root, "commit", "-qm", "初始内容")
    return site


def wechat_titles(root) -> dict[str, int]:
    """What the account should show: every approved, non-withdrawn article with wechat, once."""
    from govpub.publish.pipeline import load_articles

    return {str(a.meta["title"]): 1 for a in load_articles(root).values()
            if a.meta.get("status") != "withdrawn" and "wechat" in (a.meta.get("channels") or [])}


def publish(site, double, initial: str, www, forge) -> subprocess.CompletedProcess:
    env = {**forge_env(forge), "GOVPUB_WECHAT_APPID": double.state.appid,
           "GOVPUB_WECHAT_SECRET": double.state.secret, "GOVPUB_WECHAT_API": double.url}
    # the real command in a process of its own, forked with govpub imported (helpers.GovpubForks)
    return govpub_forked(["publish", *publish_args(forge, site.root), "--initial", initial, "--deploy", str(www)],
                         site.root, env)


@pytest.mark.slow
def test_publish_after_an_approved_merge_then_retract(repo, tmp_path, forge):
    base = git(repo.root, "rev-parse", "HEAD")
    merge_article(repo, forge, "11月25日，市法律援助中心走进赤坎区社区，为群众解答法律咨询。\n")
    www = tmp_path / "www"
    with WeChatDouble() as double:
        proc = publish(repo, double, base, www, forge)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert by_title(double) == wechat_titles(repo.root) and TITLE in by_title(double)
        live = (www / "current").resolve()
        assert (live / "index.html").is_file()
        page = next(live.rglob("jinshequ/index.html"))
        assert TITLE in page.read_text("utf-8")
        bundle = next((repo.root / "publish-out/nanfang").iterdir())
        assert (bundle / "body.html").is_file() and (bundle / "meta.txt").is_file()
        report = (repo.root / "publish-out/report.md").read_text("utf-8")
        assert "微信公众号 | 已发布" in report and "南方号 | 已生成交接包" in report
        ledger = json.loads((repo.root / "records/ledger/wechat.json").read_text("utf-8"))
        assert ledger[ARTICLE]["state"] == "published"
        # the same push published again: nothing new anywhere
        submits = double.calls["/cgi-bin/freepublish/submit"]
        again = publish(repo, double, base, www, forge)
        assert again.returncode == 0 and by_title(double) == wechat_titles(repo.root)
        assert double.calls["/cgi-bin/freepublish/submit"] == submits

        env = {**os.environ, **GIT_ENV, "GOVPUB_WECHAT_APPID": double.state.appid,
               "GOVPUB_WECHAT_SECRET": double.state.secret, "GOVPUB_WECHAT_API": double.url}
        retract = subprocess.run([sys.executable, "-m", "govpub", "retract", ARTICLE, "--reason", "活动信息有误",
                                  "--deploy", str(www)], cwd=repo.root, env=env, capture_output=True, text=True)
        assert retract.returncode == 0, retract.stdout + retract.stderr
        assert TITLE not in by_title(double) and by_title(double) == wechat_titles(repo.root)
    text = (repo.root / ARTICLE).read_text("utf-8")
    assert "status: withdrawn" in text and "withdrawn_reason: 活动信息有误" in text
    assert repo.run("check", ARTICLE).returncode == 0
    live = (www / "current").resolve()
    notice = next(live.rglob("jinshequ/index.html")).read_text("utf-8")
    assert "撤" in notice and "11月25日，市法律援助中心走进" not in notice
    search = next(live.rglob("search_index.json")).read_text("utf-8")
    assert TITLE not in search
    assert "jinshequ" not in (live / "sitemap.xml").read_text("utf-8")
    ledger = json.loads((repo.root / "records/ledger/wechat.json").read_text("utf-8"))
    assert ledger[ARTICLE]["state"] == "retracted" and ledger[ARTICLE]["retracted_reason"] == "活动信息有误"


def test_a_direct_push_publishes_nothing(repo, tmp_path, forge):
    base = git(repo.root, "rev-parse", "HEAD")
    merge_article(repo, forge, "正文。\n", approved=False)
    www = tmp_path / "www"
    with WeChatDouble() as double:
        proc = publish(repo, double, base, www, forge)
        assert proc.returncode == 1
        assert "直接推送" in proc.stdout and ARTICLE in proc.stdout
        assert sum(double.calls.values()) == 0
    assert not www.exists()


def test_a_change_after_approval_publishes_nothing(repo, tmp_path, forge):
    base = git(repo.root, "rev-parse", "HEAD")
    merge = merge_article(repo, forge, "正文。\n")
    # someone amends the merged article on main after the approval: a new first-parent commit
    (repo.root / ARTICLE).write_text((repo.root / ARTICLE).read_text("utf-8") + "\n补充一句。\n", "utf-8")
    git(repo.root, "commit", "-qam", "直接修改")
    with WeChatDouble() as double:
        proc = publish(repo, double, base, tmp_path / "www", forge)
        assert proc.returncode == 1 and "审核通过的版本不一致" in proc.stdout
        assert sum(double.calls.values()) == 0
    assert merge


def test_merge_that_differs_from_the_approved_head_publishes_nothing(repo, tmp_path, forge):
    base = git(repo.root, "rev-parse", "HEAD")
    merge_article(repo, forge, "正文。\n", approved=False)
    head = git(repo.root, "rev-parse", "HEAD^2")
    # the merge was "resolved" with an edit the reviewers never saw
    (repo.root / ARTICLE).write_text((repo.root / ARTICLE).read_text("utf-8") + "\n合并时加入的内容。\n", "utf-8")
    git(repo.root, "commit", "-q", "--amend", "-a", "--no-edit")
    merge = git(repo.root, "rev-parse", "HEAD")
    land_pull(forge, repo.root, merge, head, [ARTICLE])
    with WeChatDouble() as double:
        proc = publish(repo, double, base, tmp_path / "www", forge)
        assert proc.returncode == 1 and "审核通过的版本不一致" in proc.stdout
        assert sum(double.calls.values()) == 0


def test_rollback_command(repo, tmp_path):
    from govpub.publish import deploy

    build = tmp_path / "build"
    www = tmp_path / "www"
    for release in ("r1", "r2"):
        build.mkdir(exist_ok=True)
        (build / "index.html").write_text(f"<p>{release}</p>", "utf-8")
        deploy.deploy_local(build, www, release)
    listed = repo.run("rollback", str(www), "--list")
    assert listed.stdout.split() == ["*", "r2", "r1"]
    proc = repo.run("rollback", str(www))
    assert proc.returncode == 0 and "r1" in proc.stdout
    assert (www / "current/index.html").read_text("utf-8") == "<p>r1</p>"
    again = repo.run("rollback", str(www), "--to", "nosuch")
    assert again.returncode == 2 and "nosuch" in again.stderr


def test_a_wechat_failure_is_reported_and_the_rest_is_published(repo, tmp_path, forge):
    base = git(repo.root, "rev-parse", "HEAD")
    merge_article(repo, forge, "11月25日，市法律援助中心走进社区。\n")
    www = tmp_path / "www"
    with WeChatDouble() as double:
        double.inject("/cgi-bin/draft/add", "errcode", 45009, times=5)
        proc = publish(repo, double, base, www, forge)
        assert proc.returncode == 1
        assert by_title(double) == {} and double.calls["/cgi-bin/draft/add"] == 1
        report = (repo.root / "publish-out/report.md").read_text("utf-8")
        assert "微信公众号 | 失败 |" in report and "明天" in report
        assert "南方号 | 已生成交接包" in report and "（全站） | 网站 | 已上线" in report
        assert (www / "current/index.html").is_file()
        double.faults.clear()  # the next day: a run for no new push makes the stopped articles good
        later = publish(repo, double, "HEAD", www, forge)
        assert later.returncode == 0, later.stdout + later.stderr
        assert by_title(double) == wechat_titles(repo.root)


def test_a_cancelled_run_is_made_good_by_the_next_push(repo, tmp_path, forge):
    """GitHub cancels a pending run when a newer one queues: its push's articles must still go out."""
    base = git(repo.root, "rev-parse", "HEAD")
    merge_article(repo, forge, "11月25日，市法律援助中心走进社区。\n")  # its publish run was cancelled
    git(repo.root, "commit", "-q", "--allow-empty", "-m", "另一次推送")
    with WeChatDouble() as double:
        proc = publish(repo, double, base, tmp_path / "www", forge)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert TITLE in by_title(double) and by_title(double) == wechat_titles(repo.root)
    ledger = subprocess.run(["git", "show", "refs/govpub/ledger:nanfang.json"], cwd=repo.root, capture_output=True,
                            text=True, check=True).stdout
    assert ARTICLE in ledger and base


@pytest.mark.slow
def test_two_publish_commands_at_once_publish_once(repo, tmp_path, forge):
    base = git(repo.root, "rev-parse", "HEAD")
    merge_article(repo, forge, "11月25日，市法律援助中心走进社区。\n")
    env_of = lambda double: {**forge_env(forge), "GOVPUB_WECHAT_APPID": double.state.appid,  # noqa: E731
                             "GOVPUB_WECHAT_SECRET": double.state.secret, "GOVPUB_WECHAT_API": double.url}
    with WeChatDouble() as double:
        procs = [subprocess.Popen([sys.executable, "-m", "govpub", "publish", *publish_args(forge, repo.root), "--initial", base, "--deploy",
                                   str(tmp_path / f"www{i}"), "--out", f"out{i}"], cwd=repo.root, env=env_of(double),
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for i in range(2)]
        outs = [p.communicate(timeout=300) for p in procs]
        assert [p.returncode for p in procs] == [0, 0], outs
        assert by_title(double) == wechat_titles(repo.root)
        assert double.calls["/cgi-bin/freepublish/submit"] == len(wechat_titles(repo.root))


def test_a_second_publish_stops_with_a_clear_message_while_the_lock_is_held(repo, tmp_path, forge):
    from govpub.policy import Policy
    from govpub.publish.lock import PublishLock, lock_key

    base = git(repo.root, "rev-parse", "HEAD")
    merge_article(repo, forge, "11月25日，市法律援助中心走进社区。\n")
    with WeChatDouble() as double:
        env = {**forge_env(forge), "GOVPUB_WECHAT_APPID": double.state.appid,
               "GOVPUB_WECHAT_SECRET": double.state.secret, "GOVPUB_WECHAT_API": double.url}
        # another machine's run with the same credentials (its lease is sealed), still within its lease
        holder = PublishLock(repo.root, None, key=lock_key(Policy(repo.root), env))
        holder.owner = "runner-2:4242:run-17"
        holder.acquire()
        proc = subprocess.run([sys.executable, "-m", "govpub", "publish", *publish_args(forge, repo.root), "--initial", base, "--deploy",
                               str(tmp_path / "www"), "--lock-wait", "1"], cwd=repo.root, env=env,
                              capture_output=True, text=True, timeout=300)
        assert proc.returncode == 1
        assert "另一个发布正在运行（runner-2:4242:run-17）" in proc.stderr + proc.stdout
        assert "处理办法" in proc.stderr + proc.stdout
        assert sum(double.calls.values()) == 0
    assert not (tmp_path / "www").exists()
