"""govpub publish: after merge, re-verify approvals, build, deploy, sync the registered
accounts, record. Run by .github/workflows/publish.yml on push to main (one at a time)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from govpub.errors import GovpubError, UsageError
from govpub.policy import Policy

if TYPE_CHECKING:
    from govpub.publish.gate import GateResult

STATES = {"published": "已发布", "unchanged": "未变化", "publishing": "发布中", "needs_person": "需人工处理",
          "failed": "失败", "bundled": "已生成交接包", "retracted": "已撤稿", "deployed": "已上线"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    gate = parser.add_argument_group("三审门禁（向代码托管平台在线核对；令牌取自环境变量 GOVPUB_FORGE_TOKEN，"
                                     "或 GITHUB_TOKEN / GITEA_TOKEN）")
    gate.add_argument("--forge", choices=("github", "gitea"), default="github", help="平台类型（默认 github）")
    gate.add_argument("--repo", metavar="OWNER/NAME", default=os.environ.get("GITHUB_REPOSITORY"),
                      help="仓库（默认取环境变量 GITHUB_REPOSITORY）")
    gate.add_argument("--api-url", metavar="URL",
                      help="API 地址（默认取环境变量 GOVPUB_FORGE_URL、GITHUB_API_URL；GitHub 为 https://api.github.com）")
    gate.add_argument("--branch", default="main", metavar="NAME",
                      help="受保护的分支（默认 main）：只发布它在平台上的最新提交")
    gate.add_argument("--initial", metavar="REV",
                      help="首次发布（部署位置还没有发布记录）时必须给出：本局启用 govpub 时的提交，"
                           "此后的每项改动都必须经过三审的合并请求；已有发布记录时不起作用")
    gate.add_argument("--since", metavar="REV", help=argparse.SUPPRESS)  # accepted, ignored (see run)
    parser.add_argument("--deploy", metavar="TARGET", required=True,
                        help="部署位置：本机目录（按版本原子切换），或 user@host:/path（rsync over SSH）")
    parser.add_argument("--keep", type=int, default=5, help="保留的历史版本数（默认 5）")
    parser.add_argument("--out", default="publish-out", metavar="DIR",
                        help="南方号交接包和发布报告的目录（默认 publish-out/）")
    parser.add_argument("--commit", action="store_true", help="把发布台账提交到 Git（工作流中使用）")


def credentials(policy: Policy, platform: str) -> list[str]:
    names = policy.accounts[platform].get("credentials_env") or []
    missing = [n for n in names if not os.environ.get(n)]
    if missing:
        raise GovpubError(f"缺少{policy.accounts[platform]['name']}的凭据环境变量：{'、'.join(missing)}",
                          hint="在 CI 的加密变量（Secrets）中设置；凭据不得写入仓库（第十四条）")
    return [os.environ[n] for n in names]


def run(args: argparse.Namespace) -> int:
    from govpub.approvals.record import git
    from govpub.commands.build import build_site, run_checks
    from govpub.content import article as article_mod
    from govpub.publish import deploy
    from govpub.publish.ledger import Ledger

    policy = Policy.discover()
    root = policy.root
    head = git(root, "rev-parse", "HEAD").stdout.strip()
    check = _gate(args, policy, head)
    if check is None:
        return 1
    if run_checks(policy):
        sys.stdout.write("发布中止：内容检查有错误，网站没有构建。\n")
        return 1
    from govpub.site.config import article_url, site_url

    base = site_url(root)
    build_dir = root / "site"
    build_site(root / "mkdocs.yml", build_dir, quiet=True)
    rows: list[tuple[str, str, str, str]] = []
    release = head[:12]
    info = {"commit": head, "notes_commit": check.notes_commit, "branch": args.branch}
    if ":" in args.deploy and not os.path.isabs(args.deploy):
        deploy.deploy_rsync(build_dir, args.deploy, release, info=info)
    else:
        deploy.deploy_local(build_dir, Path(args.deploy), release, keep=args.keep, info=info)
    rows.append(("（全站）", "website", "deployed", f"版本 {release} 已上线：{base}"))

    # the articles of this push, and any whose earlier sync did not finish
    todo = list(check.approved)
    for platform in ("wechat", "nanfang"):
        for path, entry in Ledger(root, platform).entries.items():
            if entry.get("state") in ("pending", "drafted", "publishing", "replacing") and path not in todo:
                todo.append(path)
    out = root / args.out
    clients: dict = {}
    try:
        for path in todo:
            if not (root / path).is_file():
                continue
            art = article_mod.load(root, root / path)
            channels = art.meta.get("channels") or []
            url = article_url(root, path, base)
            rows.append((path, "website", "published" if art.meta.get("status") != "withdrawn" else "retracted", url))
            if art.meta.get("status") == "withdrawn":
                continue
            for platform in channels:
                if platform == "website":
                    continue
                if platform not in policy.accounts:  # Art. 3: registered accounts only
                    rows.append((path, platform, "failed", "平台未登记，不予发布"))
                    continue
                try:
                    rows.append(_sync_one(policy, platform, art, root, url, out, base, clients))
                except (GovpubError, *_sync_errors()) as exc:
                    rows.append((path, platform, "failed", str(exc)))
                    if platform == "wechat" and getattr(exc, "code", None) not in (None, 53503):
                        clients["wechat_stopped"] = str(exc)  # quota, whitelist, credentials: stop calling
    finally:
        if clients.get("wechat") is not None:
            clients["wechat"].close()
    report = _report(rows)
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.md").write_text(report, "utf-8")
    sys.stdout.write(report)
    if args.commit:
        git(root, "add", "records/ledger")
        if git(root, "diff", "--cached", "--quiet", check=False).returncode:
            git(root, "commit", "-m", "发布台账 [skip ci]", "--", "records/ledger")
    return 1 if any(r[2] in ("failed", "needs_person") for r in rows) else 0


def _gate(args: argparse.Namespace, policy: Policy, head: str) -> GateResult | None:
    """The publish gate (govpub/publish/gate.py): None, with the reasons printed, when refused."""
    from govpub.approvals.forge import connect
    from govpub.approvals.record import git
    from govpub.publish import deploy, gate

    root = policy.root
    if args.since:
        sys.stderr.write("govpub: --since 已不再使用，忽略：门禁从部署位置记录的上次发布起核对全部改动\n")
    if not args.repo:
        raise UsageError("请用 --repo OWNER/NAME 指定仓库（或设置环境变量 GITHUB_REPOSITORY）",
                         hint="发布前要向代码托管平台在线核对三审；没有平台访问就不发布")
    forge = connect(args.forge, args.repo, api_url=args.api_url)
    try:
        problem = gate.protected_branch_problem(head, args.branch, forge.branch_tip(args.branch),
                                                os.environ.get("GITHUB_REF"))
        if problem:
            _refused(args, root, f"发布中止：{problem}。本次不发布任何内容。\n")
            return None
        last = deploy.published(args.deploy)
        if last is not None:
            base, notes = last["commit"], last.get("notes_commit")
            if args.initial:
                sys.stderr.write(f"govpub: 部署位置已有发布记录（提交 {base[:12]}），--initial 不起作用\n")
        elif args.initial:
            found = git(root, "rev-parse", "--verify", "-q", f"{args.initial}^{{commit}}", check=False)
            if found.returncode != 0:
                raise UsageError(f"找不到 --initial 给出的提交 {args.initial}",
                                 hint="写启用 govpub 时的提交号（完整或前 12 位），并确认已 git fetch 完整历史")
            base, notes = found.stdout.strip(), None
        else:
            raise UsageError(f"部署位置 {args.deploy} 还没有发布记录，不知道从哪个提交起核对三审",
                             hint="首次发布时用 --initial REV 指定本局启用 govpub 时的提交（此后的每项改动都必须经过"
                                  "三审的合并请求）；若以前发布过，检查部署位置是否正确")
        record = f"govpub approvals record --forge {args.forge} --repo {args.repo}" + (
            f" --api-url {args.api_url}" if args.api_url else "")
        check = gate.check(root, base=base, head=head, branch=args.branch, forge=forge, policy=policy,
                           published_notes=notes, record_command=record)
    finally:
        forge.close()
    if not check.ok:
        _refused(args, root, check.report())
        return None
    sys.stdout.write(f"三审门禁通过：{base[:12]}..{head[:12]}，{len(check.merges)} 个合并请求，"
                     f"{len(check.changed)} 个文件有改动，均经三审\n")
    return check


def _refused(args: argparse.Namespace, root: Path, text: str) -> None:
    """The gate's refusal, on stdout and as the run's report (the workflow shows publish-out/report.md)."""
    sys.stdout.write(text)
    out = root / args.out
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.md").write_text("# 发布报告\n\n```\n" + text + "```\n", "utf-8")


def _sync_errors() -> tuple[type[Exception], ...]:
    from govpub.publish.wechat import ValidationError
    from govpub.publish.wechat_client import WeChatError, WeChatLost

    return WeChatError, WeChatLost, ValidationError


def _sync_one(policy: Policy, platform: str, art, root: Path, url: str, out: Path, base: str,  # noqa: ANN001
              clients: dict) -> tuple[str, str, str, str]:
    """Publish one article to one registered account; a row of the report."""
    from govpub.publish.ledger import Ledger

    if platform == "wechat":
        from govpub.publish import wechat
        from govpub.publish.wechat_client import API, WeChatClient

        if clients.get("wechat_stopped"):
            return art.path, platform, "failed", f"本次未同步（{clients['wechat_stopped']}）"
        if clients.get("wechat") is None:
            appid, secret = credentials(policy, "wechat")
            clients["wechat"] = WeChatClient(appid, secret, base_url=os.environ.get("GOVPUB_WECHAT_API", API))
        outcome = wechat.sync(clients["wechat"], Ledger(root, "wechat"), art, root, url)
        return art.path, platform, outcome.state, outcome.url or outcome.message
    from govpub.publish import nanfang

    folder = nanfang.bundle(art, root, out / "nanfang", base)
    Ledger(root, "nanfang").update(art.path, state="bundled", bundle=folder.relative_to(root).as_posix())
    return art.path, platform, "bundled", f"交接包：{folder.relative_to(root).as_posix()}"


def _report(rows: list[tuple[str, str, str, str]]) -> str:
    lines = ["# 发布报告", "", "| 文章 | 平台 | 结果 | 说明 |", "|---|---|---|---|"]
    names = {"website": "网站", "wechat": "微信公众号", "nanfang": "南方号"}
    lines += [f"| {a} | {names.get(p, p)} | {STATES.get(s, s)} | {m} |" for a, p, s, m in rows]
    return "\n".join(lines) + "\n"
