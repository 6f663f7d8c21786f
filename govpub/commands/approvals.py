"""govpub approvals verify|record|form: the 三审 (Art. 7) as required pull-request approvals.

verify  online:  --forge github|gitea --repo OWNER/NAME --pr N   (posts the status
                 govpub/三审 and keeps one PR comment with the approval table)
        offline: --pull pull.json --reviews reviews.json --commits commits.json
                 --files files.json [--teams teams.yml] [--checkout DIR]
        --head-checkout DIR: a checkout of the PR head; what the publish gate would refuse
                 there (site settings, submodules, file names) fails the check before merge
                 (JSON as the REST API returns it; GitHub or Gitea told from its shape)
        prints the verdict as text on a terminal, as JSON otherwise or with --format json;
        exit 0 approved, 1 not approved, 2 bad input.
record  after the merge: the verdict as a Git note on the merge commit
        (refs/notes/govpub-approvals); exit 1 when the PR was merged without 三审.
form    PR-or-ARTICLE: the 《信息发布审批表》 from that note, as HTML and PDF.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govpub.approvals.inputs import pr_number
from govpub.errors import GovpubError, UsageError

if TYPE_CHECKING:
    from govpub.approvals.inputs import Gathered
    from govpub.approvals.verify import Verdict
    from govpub.policy import Policy

FORGES = ("github", "gitea")


def _inputs(parser: argparse.ArgumentParser) -> None:
    online = parser.add_argument_group("在线（代码托管平台 API；令牌取自环境变量 GOVPUB_FORGE_TOKEN，"
                                       "或 GITHUB_TOKEN / GITEA_TOKEN）")
    online.add_argument("--forge", choices=FORGES,
                        help="平台类型（在线默认 github；离线时按 JSON 格式自动识别，给出时须与之一致）")
    online.add_argument("--repo", metavar="OWNER/NAME", help="仓库")
    online.add_argument("--pr", type=pr_number, metavar="N", help="合并请求编号")
    online.add_argument("--api-url", metavar="URL",
                        help="API 地址（默认取环境变量 GOVPUB_FORGE_URL、GITHUB_API_URL；GitHub 为 https://api.github.com）")
    offline = parser.add_argument_group("离线（保存的 API JSON，格式与 REST API 返回的完全相同）")
    offline.add_argument("--pull", metavar="pull.json", help="GET /repos/{o}/{r}/pulls/{n} 的返回")
    offline.add_argument("--reviews", metavar="reviews.json", help="…/pulls/{n}/reviews 的返回（可为多页的列表）")
    offline.add_argument("--commits", metavar="commits.json", help="…/pulls/{n}/commits 的返回")
    offline.add_argument("--files", metavar="files.json", help="…/pulls/{n}/files 的返回")
    offline.add_argument("--timeline", metavar="timeline.json",
                         help="（可选）…/issues/{n}/timeline 的返回：修改目标分支前的批准不算数，推送过的人不能审核；"
                              "不给出时离线核对看不到这两项")
    offline.add_argument("--checkout", metavar="DIR",
                         help="含合并请求最新提交的 Git 仓库，从中读取稿件的 department（默认当前仓库）")
    parser.add_argument("--teams", metavar="teams.yml",
                        help="团队成员（团队名: 成员列表）；默认使用 checks/registry/teams.yml")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="操作")
    p = sub.add_parser("verify", help="核对合并请求的三审，给出结论", description="核对合并请求的三审，给出结论")
    _inputs(p)
    p.add_argument("--no-post", action="store_true", help="在线模式下只输出结论，不回写状态和评论")
    p.add_argument("--check-forge-teams", action="store_true",
                   help="在线模式下再向平台核对批准人是否确为该团队成员（GitHub 令牌需要 read:org 权限）")
    p.add_argument("--head-checkout", metavar="DIR",
                   help="合并请求最新提交的检出（工作流单独取出，不运行其中的程序）：在合并前按发布门禁核对网站设置、"
                        "子模块和文件名，门禁会拒绝的合并请求不通过")
    p.add_argument("--exit-zero", action="store_true",
                   help="结论已写入提交状态时退出码为 0（用于 CI：以状态 govpub/三审 为准）")
    p.add_argument("--format", choices=("text", "json"),
                   help="输出格式：text 中文结论（在终端中默认），json 完整结论（输出到文件或管道时默认）")
    p = sub.add_parser("record", help="合并后把三审记录写入 Git（合并提交上的 git note）",
                       description="合并后把三审记录写入 Git（refs/notes/govpub-approvals）")
    _inputs(p)
    p.add_argument("--merge-commit", metavar="SHA", help="合并提交（默认取合并请求的 merge_commit_sha）")
    p = sub.add_parser("form", help="从审批记录生成《信息发布审批表》（HTML 和 PDF）",
                       description="从审批记录生成《信息发布审批表》（HTML 和 PDF）")
    p.add_argument("target", metavar="PR或文章", help="合并请求编号（如 12 或 #12），或文章路径")
    p.add_argument("--out", metavar="DIR", default=".", help="输出目录（默认当前目录）")
    p.add_argument("--no-pdf", action="store_true", help="只生成 HTML")


# -- inputs ---------------------------------------------------------------------


def _decide(args: argparse.Namespace) -> tuple[Verdict, Policy, Gathered]:
    from govpub.approvals.inputs import Source, decide
    from govpub.policy import Policy

    policy = Policy.discover()
    source = Source(forge=args.forge, repo=args.repo, pr=args.pr, api_url=args.api_url, pull=args.pull,
                    reviews=args.reviews, commits=args.commits, files=args.files,
                    timeline=getattr(args, "timeline", None), checkout=Path(args.checkout) if args.checkout else None)
    verdict, got = decide(policy, source, teams=args.teams,
                          check_forge_teams=getattr(args, "check_forge_teams", False))
    return verdict, policy, got


# -- actions ----------------------------------------------------------------------


def _verify(args: argparse.Namespace) -> int:
    from govpub.approvals import comment
    from govpub.approvals.verify import CONTEXT

    verdict, policy, got = _decide(args)
    if args.head_checkout:
        from govpub.approvals.model import review_policy
        from govpub.publish.gate import head_problems

        found = head_problems(Path(args.head_checkout), verdict.pull.head_sha, got.inputs.files,
                              department=verdict.department, columns=review_policy(policy).columns)
        if found:
            verdict.problems[:0] = found
            verdict.blocked = True
    try:
        if got.forge is not None and not args.no_post:
            target = verdict.pull.html_url or None
            got.forge.post_status(verdict.pull.head_sha, verdict.state, verdict.description, CONTEXT, target)
            got.forge.upsert_comment(verdict.pull.number, comment.MARKER, comment.render(verdict))
    finally:
        got.close()
    fmt = args.format or ("text" if sys.stdout.isatty() else "json")
    if fmt == "json":
        sys.stdout.write(json.dumps(verdict.to_json(), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(_text(verdict))
    if verdict.approved or (args.exit_zero and got.forge is not None and not args.no_post):
        return 0
    return 1


def _text(verdict: Verdict) -> str:
    """The verdict for a person at a terminal: the one sentence first, then what to do."""
    pull = verdict.pull
    lines = [f"合并请求 #{pull.number}《{pull.title}》：{verdict.description}"]
    if verdict.department:
        lines.append(f"拟稿科室：{verdict.department}")
    lines += [f"  {lv.summary}" for lv in verdict.levels]
    if verdict.problems:
        lines.append("问题：")
        lines += [f"  - {p}" for p in verdict.problems]
    if verdict.notes:
        lines.append("说明：")
        lines += [f"  - {n}" for n in verdict.notes]
    if not verdict.approved:
        lines.append("（完整结论：加 --format json）")
    return "\n".join(lines) + "\n"


def _record(args: argparse.Namespace) -> int:
    from govpub.approvals import record

    verdict, policy, got = _decide(args)
    got.close()
    merge = args.merge_commit or verdict.pull.merge_commit_sha
    if not merge:
        raise UsageError("不知道合并提交是哪一个", hint="用 --merge-commit SHA 指定，或在合并后再运行")
    if not args.teams:
        verdict = _at_merge(verdict, policy, got, merge)
    data = record.build(verdict, policy, merge, commits=got.inputs.commits, files=got.inputs.files)
    if _recorded(policy.root, data):
        sys.stdout.write(f"合并提交 {data['merge_commit'][:12]} 已有内容相同的审批记录，保持不变"
                         f"（合并请求 #{verdict.pull.number}）\n")
    else:
        sha = record.write(policy.root, data)
        sys.stdout.write(f"已写入审批记录：{record.NOTES_REF} → {sha[:12]}（合并请求 #{verdict.pull.number}）\n")
    if not verdict.approved:
        sys.stderr.write(f"govpub: 合并请求 #{verdict.pull.number} 未完成三审即合并：{verdict.description}\n"
                         "  处理办法：不得发布；补齐三审后重新合并，或由办公室按规定处理\n")
        return 1
    return 0


def _recorded(root: Path, data: dict[str, Any]) -> bool:
    """Whether the merge commit already carries a record that says all `data` says. A rerun of the
    record job (or its retry after a lost push answer) writing it again with a new time would
    read to the publish gate as a published record changed afterwards, and stop every publish."""
    from govpub import git
    from govpub.approvals.record import NOTES_REF
    from govpub.publish.gate import same_record

    shown = git.run(root, "notes", f"--ref={NOTES_REF}", "show", data["merge_commit"], check=False)
    try:
        return shown.returncode == 0 and same_record(json.loads(shown.stdout), data)
    except json.JSONDecodeError:
        return False


def _at_merge(verdict: Verdict, policy: Policy, got: Gathered, merge: str) -> Verdict:
    """The verdict under checks/ as the target branch had it when the PR was merged (the merge's
    first parent), which the publish gate holds the record to: the record job checks out main when
    it runs, and a later merge may have changed the teams; and the PR's own checks/ (at the merge
    commit) cannot say who may approve it, neither a newcomer it adds nor a head it moves away."""
    from govpub import git
    from govpub.approvals.verify import verify_inputs
    from govpub.publish.gate import Registries

    if git.run(policy.root, "cat-file", "-e", f"{merge}^1^{{commit}}", check=False).returncode != 0:
        return verdict  # record.build names the missing commit
    return verify_inputs(got.inputs, Registries(policy.root).at(f"{merge}^1"))


def _form(args: argparse.Namespace) -> int:
    from govpub.approvals import form, record
    from govpub.policy import Policy

    policy = Policy.discover()
    try:
        data, article = record.find(policy.root, args.target)
    except GovpubError:
        _no_such_article(policy.root, args.target)
        raise
    written = form.write(data, policy, Path(args.out), article=article, pdf=not args.no_pdf)
    for path in written:
        sys.stdout.write(f"{path}\n")
    return 0


def _no_such_article(root: Path, target: str) -> None:
    """An article path with no record that names no file: say so (a typo in the path was told
    "no record", and the drafter went looking for the notes ref)."""
    import re

    if re.fullmatch(r"(?:#|pr-?|PR-?)?\d+", target.strip()) or Path(target).exists() or (root / target).exists():
        return
    folder = Path(target).parent
    near = sorted(p.name for p in folder.glob("*.md"))[:5] if folder.is_dir() else []
    raise UsageError("文件不存在", path=target,
                     hint="检查路径拼写（区分大小写，相对于当前目录，如 content/gzdt/2026/wenzhang.md）"
                     + (f"；这个目录下有：{'、'.join(near)}" if near else "")
                     + "；也可以用合并请求编号生成审批表：govpub approvals form 12")


def run(args: argparse.Namespace) -> int:
    if not args.action:
        raise UsageError("请指定操作：verify、record 或 form", hint="运行 govpub approvals --help 查看用法")
    return {"verify": _verify, "record": _record, "form": _form}[args.action](args)
