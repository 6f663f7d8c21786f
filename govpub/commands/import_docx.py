"""govpub import FILE.docx: a Word/WPS draft becomes a checked Markdown article
(the conversion: govpub/content/docx.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from govpub.policy import Policy


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("docx", metavar="FILE.docx", help="Word 或 WPS 保存的 .docx 文件")
    parser.add_argument("--column", help="栏目代号（如 gzdt）；稿件已在 content/<栏目>/ 下时可省略")
    parser.add_argument("--title", help="标题（默认取文档标题或第一段）")
    parser.add_argument("--department", help="拟稿部门（默认为栏目的负责部门）")
    parser.add_argument("--author", help="拟稿人（默认取文档作者或 git 的 user.name）")
    parser.add_argument("--date", help="发布时间 YYYY-MM-DD HH:MM（默认为现在）")
    parser.add_argument("--channels", default="website", help="发布平台，逗号分隔（默认 website）")
    parser.add_argument("--slug", help="文件名（默认由标题拼音首字母生成）")
    parser.add_argument("--remove-source", action="store_true",
                        help="导入成功后删除 .docx（网页上传到仓库的稿件由 CI 转换时使用）")


def run(args: argparse.Namespace) -> int:
    from govpub.commands import check
    from govpub.content.docx import import_docx

    policy = Policy.discover()
    source = Path(args.docx)
    result = import_docx(policy, source, column=args.column, title=args.title, department=args.department,
                         author=args.author, date=args.date, channels=args.channels, slug=args.slug)
    rel = result.path.relative_to(policy.root).as_posix()
    sys.stdout.write(f"已导入 {rel}（{result.pictures} 张图片）\n")
    if args.remove_source:
        source.unlink()
        sys.stdout.write(f"已删除原稿 {source}：内容已在 {rel}\n")
    sys.stdout.writelines(f"提示：{note}。\n" for note in result.notes)
    if result.missing_alt:
        sys.stdout.write("提示：Word 中有图片没有填写“替代文字”，请在 Markdown 中补上图片说明 ![说明](文件名)。\n")
    return check.run(argparse.Namespace(paths=[str(result.path)], format="text", removed=False))
