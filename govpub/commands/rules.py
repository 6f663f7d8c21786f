"""govpub rules [ID] [--pages DIR]: list the rules, explain one, or write one page per rule."""

from __future__ import annotations

import argparse
import fnmatch
import sys
from pathlib import Path

from govpub.errors import UsageError
from govpub.output.rule_docs import page, regulation, sources, write_pages
from govpub.output.sarif import rule_help
from govpub.rules import all_rules


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("rule", nargs="?", help="规则编号（如 privacy.id-number）或规则族（如 privacy.*）")
    parser.add_argument("--pages", metavar="DIR", help="为每条规则生成一个 Markdown 说明页，写入 DIR")


def run(args: argparse.Namespace) -> int:
    rules = all_rules()
    if args.pages:
        write_pages(Path(args.pages), rules, regulation())
        sys.stdout.write(f"已生成 {len(rules)} 条规则的说明页：{args.pages}/index.md\n")
        return 0
    rule_id = args.rule.strip().lower() if args.rule else None  # as copied from a finding: META.DATE, a space
    if rule_id and rule_id in rules:
        cls = rules[rule_id]
        sys.stdout.write(page(cls, regulation()["short"]) + "\n" + sources(cls))
        return 0
    chosen = [cls for rid, cls in rules.items() if not rule_id or fnmatch.fnmatchcase(rid, rule_id)]
    if not chosen:
        import difflib

        near = difflib.get_close_matches(rule_id or "", list(rules), n=1)
        raise UsageError(f"没有编号为“{args.rule}”的规则" + (f"（是不是 {near[0]}？）" if near else ""),
                         hint="运行 govpub rules 查看全部规则")
    for cls in chosen:
        summary = rule_help(cls).splitlines()[0]
        sys.stdout.write(f"{cls.id:<28} {cls.severity:<8} {summary}\n")
    return 0
