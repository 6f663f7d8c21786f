"""The govpub command line. Each subcommand lives in govpub/commands/<name>.py."""

from __future__ import annotations

import argparse
import importlib
import sys

from govpub import __version__
from govpub.errors import GovpubError

COMMANDS = {
    "check": "运行内容规则（保密、个人信息、禁载内容、错别字等）",
    "fix": "安全的自动修正（编码转为 UTF-8 等，不改变文意）",
    "rules": "列出全部规则，或查看一条规则的说明",
    "approvals": "三审：核对合并请求的审核（verify）、合并后写入审批记录（record）、生成审批表（form）",
    "codeowners": "根据登记表生成 CODEOWNERS（GitHub 和 Gitea 两种写法）；--check 核对是否一致",
    "build": "内容检查通过后构建网站到 site/（原子切换，不留半成品）",
    "new": "新建一篇文章（按栏目填好 front matter）",
    "import": "把 Word 稿件（.docx）转换为文章，图片一并导出",
    "audit": "定期巡检：个人信息、栏目更新、咨询答复、链接，生成报告",
    "publish": "合并后发布：复核三审记录、构建、部署网站、同步已登记的新媒体账号",
    "retract": "撤稿：从网站和各平台撤下文章，保留记录",
    "rollback": "网站回退到上一个（或指定的）已部署版本",
}
# A command whose name is a Python keyword lives in a module of another name.
MODULES = {"import": "import_docx"}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors exit 2 with a Chinese hint
        self.print_usage(sys.stderr)
        sys.stderr.write(f"govpub: 参数错误：{message}\n  处理办法：运行 govpub {self.prog.split()[-1]} --help 查看用法\n")
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="govpub", description="湛江市司法局网站与政务新媒体发布流水线")
    parser.add_argument("--version", action="version", version=f"govpub {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)
    for name, help_text in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        importlib.import_module(f"govpub.commands.{MODULES.get(name, name)}").add_arguments(p)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    try:
        return importlib.import_module(f"govpub.commands.{MODULES.get(args.command, args.command)}").run(args)
    except GovpubError as exc:
        sys.stderr.write(f"govpub: {exc}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("govpub: 已中断\n")
        return 130
