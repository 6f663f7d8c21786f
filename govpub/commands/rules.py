"""govpub rules [ID]: list the rules, or explain one."""

from __future__ import annotations

import argparse
import fnmatch
import sys

from govpub.errors import UsageError
from govpub.output.sarif import rule_help
from govpub.rules import all_rules


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("rule", nargs="?", help="规则编号（如 privacy.id-number）或规则族（如 privacy.*）")


def run(args: argparse.Namespace) -> int:
    rules = all_rules()
    if args.rule and args.rule in rules:
        cls = rules[args.rule]
        sys.stdout.write(f"{cls.id}（{cls.title}，默认级别：{cls.severity}，依据：{cls.article}）\n\n"
                         f"{rule_help(cls)}\n")
        return 0
    chosen = [cls for rid, cls in rules.items() if not args.rule or fnmatch.fnmatchcase(rid, args.rule)]
    if not chosen:
        raise UsageError(f"没有编号为“{args.rule}”的规则", hint="运行 govpub rules 查看全部规则")
    for cls in chosen:
        summary = rule_help(cls).splitlines()[0]
        sys.stdout.write(f"{cls.id:<28} {cls.severity:<8} {cls.article:<16} {summary}\n")
    return 0
