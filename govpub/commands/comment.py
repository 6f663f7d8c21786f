"""govpub comment --pr N --key KEY --body-file FILE: keep one comment of its kind on a pull request.

Used by the web-only Word path (.github/workflows/word.yml) to report the conversion: the
forge's REST API through govpub's own client (GitHub and Gitea alike, no `gh` needed), the
comment found again by its marker <!-- govpub:KEY --> and edited in place, never repeated.
The token comes from the environment only (GOVPUB_FORGE_TOKEN, or GITHUB_TOKEN / GITEA_TOKEN).
"""

from __future__ import annotations

import argparse
import errno
import sys
from pathlib import Path

from govpub.approvals.inputs import pr_number
from govpub.errors import UsageError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--forge", choices=("github", "gitea"), default="github", help="平台类型（默认 github）")
    parser.add_argument("--repo", required=True, metavar="OWNER/NAME", help="仓库")
    parser.add_argument("--pr", required=True, type=pr_number, metavar="N", help="合并请求编号")
    parser.add_argument("--api-url", metavar="URL", help="API 地址（默认取环境变量 GOVPUB_FORGE_URL、GITHUB_API_URL）")
    parser.add_argument("--key", required=True, metavar="KEY",
                        help="评论的类别（小写字母和连字符，如 word）：同一类别只保留一条，再次运行时更新它")
    parser.add_argument("--body-file", required=True, metavar="FILE", help="评论内容（Markdown，UTF-8）")



def run(args: argparse.Namespace) -> int:
    from govpub.approvals.comment import keyed
    from govpub.approvals.forge import connect

    try:
        text = Path(args.body_file).read_text(encoding="utf-8")
    except OSError as exc:
        reason = {errno.ENOENT: "文件不存在", errno.EISDIR: "这是一个文件夹", errno.EACCES: "没有读取权限"}.get(
            exc.errno or 0, exc.strerror)
        raise UsageError(f"无法读取评论内容：{reason}", path=args.body_file,
                         hint="--body-file 写评论内容文件（Markdown，UTF-8）的路径") from None
    except UnicodeDecodeError as exc:
        raise UsageError(f"评论内容不是 UTF-8 编码（第 {exc.start + 1} 个字节起）", path=args.body_file,
                         hint="把文件另存为 UTF-8；由 govpub 生成的评论文件总是 UTF-8，请检查是否传错了文件") from None
    marker, body = keyed(args.key, text)
    forge = connect(args.forge, args.repo, api_url=args.api_url)
    try:
        done = forge.upsert_comment(args.pr, marker, body)
    finally:
        forge.close()
    said = {"created": "已发表评论", "updated": "已更新评论", "unchanged": "评论内容未变"}[done]
    sys.stdout.write(f"{said}（合并请求 #{args.pr}）\n")
    return 0
