"""Offline `govpub approvals verify` (saved REST JSON, the real CLI) and the adapters' errors."""

from __future__ import annotations

import json

import payloads as P
import pytest
from forge_double import TOKEN


def save(site, reviews, *, files=(P.ARTICLE,), pull=None, commits=None):
    out = {}
    for name, data in {"pull": pull or P.pull(), "reviews": reviews,
                       "commits": commits or [P.commit()], "files": P.files(*files)}.items():
        path = site.root / f"{name}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        out[name] = str(path)
    return ["approvals", "verify", "--pull", out["pull"], "--reviews", out["reviews"],
            "--commits", out["commits"], "--files", out["files"]]


def test_offline_approved_exit_0(site):
    proc = site.run(*save(site, P.happy()))
    assert proc.returncode == 0, proc.stderr
    v = json.loads(proc.stdout)
    assert v["approved"] and [lv["name"] for lv in v["levels"]] == ["蔡文斌", "黄晓敏", "周海燕"]
    assert set(v["membership"]) == {"sfj-pfzl-l1", "sfj-pfzl-l2", "sfj-l3"}
    assert v["levels"][0]["summary"] == ("一级自查自校（科室负责人）：已通过，蔡文斌（caiwenbin），"
                                         f"2026-11-20 09:10，提交 {P.HEAD[:7]}")


def test_offline_not_approved_exit_1(site):
    proc = site.run(*save(site, P.happy()[:2]))
    assert proc.returncode == 1
    v = json.loads(proc.stdout)
    assert v["state"] == "pending" and v["next_level"] == "L3" and "三级" in v["description"]


def test_offline_teams_file_overrides_membership(site):
    teams = site.root / "teams.yml"
    teams.write_text("sfj-pfzl-l1: [zhangsan]\nsfj-pfzl-l2: [huangxiaomin]\n"
                     "sfj-l3:\n  - {login: zhouhaiyan, name: 周海燕, active: false}\n  - liangzhenyu\n",
                     encoding="utf-8")
    reviews = [P.review("zhangsan", "APPROVED", 10), P.review(P.L2, "APPROVED", 20),
               P.review(P.L3, "APPROVED", 30)]
    proc = site.run(*save(site, reviews), "--teams", str(teams))
    v = json.loads(proc.stdout)
    assert proc.returncode == 1 and v["levels"][0]["reviewer"] == "zhangsan"
    assert "已停用" in "".join(v["problems"])
    assert v["levels"][1]["name"] == "黄晓敏"  # a bare login takes the registry's name


def test_offline_paged_reviews_file(site):
    reviews = [[P.happy()[0]], P.happy()[1:]]  # two saved pages
    proc = site.run(*save(site, reviews))
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize("broken", ["{not json", '{"id": 1}', '[{"id": 1, "user": {"login": "x"}}]',
                                    '[{"id": 1, "state": "LGTM", "user": null}]'])
def test_offline_bad_input_exit_2(site, broken):
    args = save(site, P.happy())
    (site.root / "reviews.json").write_text(broken, encoding="utf-8")
    proc = site.run(*args)
    assert proc.returncode == 2 and "reviews.json" in proc.stderr or "审核记录" in proc.stderr
    assert "Traceback" not in proc.stderr and proc.returncode == 2


def test_offline_missing_file_exit_2(site):
    args = save(site, P.happy())
    (site.root / "files.json").unlink()
    proc = site.run(*args)
    assert proc.returncode == 2 and "files.json" in proc.stderr


def test_offline_needs_all_four_files(site):
    proc = site.run("approvals", "verify", "--pull", "pull.json")
    assert proc.returncode == 2 and "--reviews" in proc.stderr


def test_pull_without_head_exit_2(site):
    args = save(site, P.happy(), pull={"number": 7, "base": {"ref": "main"}})
    proc = site.run(*args)
    assert proc.returncode == 2 and "head" in proc.stderr


def test_bad_teams_registry_exit_2(site):
    path = site.root / "checks/registry/departments.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("l2_team: sfj-pfzl-l2", "l2_team: sfj-nosuch-l2"),
                    encoding="utf-8")
    proc = site.run(*save(site, P.happy()))
    assert proc.returncode == 2 and "sfj-nosuch-l2" in proc.stderr and "departments.yml" in proc.stderr


# -- adapters: typed errors ------------------------------------------------------------------------


def _online(site, double, *extra, token=TOKEN):
    env = {"GOVPUB_FORGE_TOKEN": token} if token else {}
    import os
    import subprocess
    import sys

    from helpers import GIT_ENV

    base = {k: v for k, v in os.environ.items()
            if k not in ("GOVPUB_FORGE_TOKEN", "GITHUB_TOKEN", "GITEA_TOKEN", "GITHUB_API_URL")}
    return subprocess.run([sys.executable, "-m", "govpub", "approvals", "verify", "--forge", double.kind,
                           "--repo", double.repo, "--pr", "7", "--api-url", double.api_url, *extra],
                          cwd=site.root, env={**base, **GIT_ENV, **env}, capture_output=True, text=True)


def test_wrong_token_is_an_auth_error(site, forge):
    forge.add_pull(P.pull(kind=forge.kind), P.happy(forge.kind), [P.commit(kind=forge.kind)], P.files(P.ARTICLE))
    proc = _online(site, forge, token="wrong")
    assert proc.returncode == 2 and "拒绝了令牌" in proc.stderr and "Traceback" not in proc.stderr
    assert "wrong" not in proc.stderr  # the token is never echoed


def test_missing_token(site, forge):
    proc = _online(site, forge, token=None)
    assert proc.returncode == 2 and "GOVPUB_FORGE_TOKEN" in proc.stderr and not forge.requests


def test_unknown_pull_is_not_found(site, forge):
    proc = _online(site, forge)
    assert proc.returncode == 2 and "找不到" in proc.stderr


def test_unreachable_forge(site, forge):
    forge.stop()
    proc = _online(site, forge)
    assert proc.returncode == 2 and "无法连接" in proc.stderr
    forge.start()  # the fixture stops it again


def test_timeout_is_a_forge_error(forge):
    import httpx

    from govpub.approvals.forge import ForgeError
    from govpub.approvals.gitea import Gitea
    from govpub.approvals.github import GitHub

    forge.add_pull(P.pull(kind=forge.kind), [], [], [])
    forge.delay = 0.5
    cls = GitHub if forge.kind == "github" else Gitea
    client = httpx.Client(timeout=httpx.Timeout(0.1))
    adapter = cls(forge.repo, TOKEN, forge.api_url, client=client)
    with pytest.raises(ForgeError, match="超时"):
        adapter.reviews(7)
    adapter.close()


def test_adapters_always_set_timeouts(forge):
    from govpub.approvals.forge import TIMEOUT
    from govpub.approvals.gitea import Gitea
    from govpub.approvals.github import GitHub

    cls = GitHub if forge.kind == "github" else Gitea
    adapter = cls(forge.repo, TOKEN, forge.api_url)
    t = adapter.client.timeout
    assert (t.connect, t.read) == TIMEOUT
    adapter.close()


def test_deleted_account_approval_does_not_count(site):
    ghost = P.review(P.L1, "APPROVED", 10)
    ghost["user"] = None  # GitHub returns null for a deleted account
    proc = site.run(*save(site, [ghost, *P.happy()[1:]]))
    v = json.loads(proc.stdout)
    assert proc.returncode == 1 and "已注销的账号" in "".join(v["problems"])


def test_approvals_without_an_action_is_a_usage_error(site):
    proc = site.run("approvals")
    assert proc.returncode == 2 and "verify" in proc.stderr


@pytest.mark.parametrize(("code", "headers", "expect"), [
    (403, {"X-RateLimit-Remaining": "0"}, "调用次数已达上限"),
    (403, {}, "令牌权限不足"),
    (502, {}, "API 出错"),
])
def test_forge_errors_are_typed_and_explained(site, forge, code, headers, expect):
    forge.add_pull(P.pull(kind=forge.kind), P.happy(forge.kind), [P.commit(kind=forge.kind)], P.files(P.ARTICLE))
    forge.failures.append((r"/statuses/", code, headers, {"message": "nope"}))
    proc = _online(site, forge)
    assert proc.returncode == 2 and expect in proc.stderr and "处理办法" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_offline_gitea_json(site):
    k = "gitea"
    reviews = [P.review(P.L1, "APPROVED", 10, kind=k), P.review(P.L2, "REQUEST_CHANGES", 15, kind=k),
               P.review(P.L2, "APPROVED", 20, kind=k), P.review(P.L3, "APPROVED", 30, kind=k, dismissed=True)]
    args = save(site, reviews, pull=P.pull(kind=k), commits=[P.commit(kind=k)])
    proc = site.run(*args, "--forge", "gitea")
    v = json.loads(proc.stdout)
    assert proc.returncode == 1 and v["next_level"] == "L3" and v["levels"][1]["state"] == "approved"
