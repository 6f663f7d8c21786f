"""govpub retract PATH --reason TEXT: withdraw an article from every platform, keep the record.

The Markdown stays in Git history and in content/ with status: withdrawn, the reason and
the time; the site stops building it (its old URL shows a withdrawal notice, and it leaves
the search index and sitemap); every registered channel retracts it (publish/pipeline.py:
WeChat deletes every copy it can prove is its own, or, while a publish is still in flight,
marks it for deletion by the next run; the 南方号 operator is told to remove it by hand);
the ledger records why (Art. 12)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from govpub import clock
from govpub.content.scaffold import check_one_line
from govpub.errors import UsageError
from govpub.policy import Policy


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="PATH", help="要撤下的文章（content/ 下的 .md 文件）")
    parser.add_argument("--reason", required=True, help="撤稿理由（记入文章和发布台账）")
    parser.add_argument("--deploy", metavar="TARGET", help="同时重新构建并部署网站（与 govpub publish 的 --deploy 相同）")


def _check_readable(root: Path, rel: str) -> None:
    """The article can be marked withdrawn where it stands: a UTF-8 file with readable front
    matter (checked before the publish lock and the ledgers, so nothing starts)."""
    from govpub.content import article as article_mod
    from govpub.content.encoding import describe

    art = article_mod.load(root, root / rel)
    unreadable = next((h.message for h in art.load_hits if h.rule == "meta.file"), None)
    if unreadable:
        raise UsageError(unreadable, path=rel, hint="这个文件不是可以撤稿的文章；要撤下的网页请联系办公室")
    if art.encoding != "utf-8":
        raise UsageError(f"文章编码是{describe(art.encoding)}，撤稿只改 UTF-8 文章", path=rel,
                         hint=f"先运行 govpub fix {rel} 转为 UTF-8（内容不变），再重新运行撤稿")


def run(args: argparse.Namespace) -> int:
    from govpub.content.safepath import article_file
    from govpub.publish import pipeline

    root = Policy.discover().root
    rel = article_file(root, args.path)
    reason = args.reason.strip()
    if not reason:
        raise UsageError("撤稿必须写明理由", hint="--reason 后写理由，如 --reason \"公开了当事人身份证号\"")
    check_one_line("withdrawn_reason", reason)  # it goes into the front matter and onto the page
    _check_readable(root, rel)
    result = pipeline.retract(root, rel, reason, out=root / "publish-out", deploy=args.deploy,
                              mark_at=clock.minute())
    sys.stdout.write(f"{rel}：已标记撤稿（{reason}）\n")
    for row in result.rows:
        name = pipeline.NAMES.get(row.platform, row.platform)
        if row.bad:
            sys.stdout.write(f"{name}：未能删除（{row.message}）：请立即在平台后台手动删除，并重新运行本命令\n")
        else:
            sys.stdout.write(f"{name}：{row.message}\n")
    sys.stdout.write(f"下一步：提交这次撤稿（git add {rel} && git commit），通过合并请求进入 main；"
                     "发布台账已记在 refs/govpub/ledger。\n")
    return 0 if result.ok else 1
