"""govpub codeowners [--check]: CODEOWNERS for GitHub and Gitea, generated from checks/registry/.

Without --check, writes .github/CODEOWNERS (gitignore patterns) and .gitea/CODEOWNERS
(Go regular expressions). With --check, changes nothing and exits 1 when either file is
missing or differs from what the registry gives, or when a root or docs/ CODEOWNERS would
shadow them; CI runs it so that CODEOWNERS never drifts from the registry.
"""

from __future__ import annotations

import argparse
import difflib
import sys

from govpub.policy import Policy


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--check", action="store_true",
                        help="只核对，不写文件：与登记表不一致时退出码为 1（用于 CI）")


def run(args: argparse.Namespace) -> int:
    from govpub.approvals import codeowners

    policy = Policy.discover()
    problems = [f"{rel}：存在时代码托管平台会优先读取它而不是生成的文件，请删除（审核团队在 checks/registry/ 中登记）"
                for rel in codeowners.shadowing(policy.root)]
    for rel, current, text in codeowners.drift(policy):
        if not args.check:
            codeowners.write(policy.root, rel, text)
            sys.stdout.write(f"已生成 {rel}\n")
        elif current is None:
            problems.append(f"{rel}：文件不存在")
        else:
            diff = "".join(difflib.unified_diff(current.splitlines(True), text.splitlines(True),
                                                f"{rel}（现有）", f"{rel}（按登记表应为）"))
            problems.append(f"{rel}：与 checks/registry/ 不一致\n{diff}")
    for p in problems:
        sys.stderr.write(f"govpub: {p}\n")
    if problems:
        if args.check:
            sys.stderr.write("  处理办法：运行 govpub codeowners 重新生成，并把生成的文件一并提交\n")
        return 1
    if args.check:
        sys.stdout.write(f"CODEOWNERS 与登记表一致（{'、'.join(codeowners.expected(policy))}）\n")
    return 0
