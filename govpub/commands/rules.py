"""govpub rules [ID] [--pages DIR]: list the rules, explain one, or write one page per rule."""

from __future__ import annotations

import argparse
import fnmatch
import sys
from pathlib import Path

from govpub.errors import GovpubError, UsageError
from govpub.output.sarif import rule_help
from govpub.policy import Policy
from govpub.rules import Rule, all_rules

SECTIONS = ("## 作用", "## 原因", "## 示例", "## 修改方法")
LEVELS = {"error": "错误（阻止提交和发布）", "warning": "警告（只提示）"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("rule", nargs="?", help="规则编号（如 privacy.id-number）或规则族（如 privacy.*）")
    parser.add_argument("--pages", metavar="DIR", help="为每条规则生成一个 Markdown 说明页，写入 DIR")


GENERIC = {"title": "管理制度", "short": "管理制度"}


def regulation() -> dict[str, str]:
    """The regulation's titles from checks/registry/bureau.yml; generic words outside a site."""
    try:
        return Policy.discover().regulation
    except GovpubError:
        return GENERIC


def page(cls: type[Rule], short: str = GENERIC["short"]) -> str:
    """A rule's documentation page, from its docstring."""
    doc = rule_help(cls)
    summary, _, body = doc.partition("\n")
    fixable = "是，运行 `govpub fix`" if hasattr(cls, "fixes") else "否"
    return (f"# {cls.id}：{cls.title}\n\n{summary}\n\n"
            f"| 规则编号 | 默认级别 | 依据 | 可自动修正 |\n|---|---|---|---|\n"
            f"| `{cls.id}` | {LEVELS[cls.severity]} | 《{short}》{cls.article} | {fixable} |\n\n"
            f"{body.strip()}\n\n"
            f"在文章中豁免（必须写理由）：`<!-- govpub: allow {cls.id} 理由：…… -->`\n")


def write_pages(folder: Path, rules: dict[str, type[Rule]], reg: dict[str, str] = GENERIC) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for cls in rules.values():
        (folder / f"{cls.id}.md").write_text(page(cls, reg["short"]), encoding="utf-8")
        rows.append(f"| [{cls.id}]({cls.id}.md) | {cls.title} | {LEVELS[cls.severity][:2]} | {cls.article} |")
    index = (f"# 内容规则\n\n每条规则对应《{reg['title']}》的条款。"
             "检查结果中的规则编号即本表的编号。\n\n| 规则 | 名称 | 级别 | 依据 |\n|---|---|---|---|\n"
             + "\n".join(rows) + "\n")
    (folder / "index.md").write_text(index, encoding="utf-8")


def run(args: argparse.Namespace) -> int:
    rules = all_rules()
    if args.pages:
        write_pages(Path(args.pages), rules, regulation())
        sys.stdout.write(f"已生成 {len(rules)} 条规则的说明页：{args.pages}/index.md\n")
        return 0
    if args.rule and args.rule in rules:
        cls = rules[args.rule]
        sys.stdout.write(page(cls, regulation()["short"]))
        return 0
    chosen = [cls for rid, cls in rules.items() if not args.rule or fnmatch.fnmatchcase(rid, args.rule)]
    if not chosen:
        raise UsageError(f"没有编号为“{args.rule}”的规则", hint="运行 govpub rules 查看全部规则")
    for cls in chosen:
        summary = rule_help(cls).splitlines()[0]
        sys.stdout.write(f"{cls.id:<28} {cls.severity:<8} {summary}\n")
    return 0
