"""The rules' documentation (govpub rules): one Markdown page per rule from its docstring, and
the index of all rules, naming the bureau's regulation (checks/registry/bureau.yml)."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

from govpub.errors import GovpubError
from govpub.output.sarif import rule_help
from govpub.policy import Policy
from govpub.rules import Rule

SECTIONS = ("## 作用", "## 原因", "## 示例", "## 修改方法")
LEVELS = {"error": "错误（阻止提交和发布）", "warning": "警告（只提示）"}


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


def sources(cls: type[Rule]) -> str:
    """Where a developer finds the rule: its module, the policy data it names or that names it, and
    the tests and labelled cases that mention its id (these only in a source checkout with tests/)."""
    module = Path(inspect.getsourcefile(cls) or "")
    root = module.parents[3]  # govpub/rules/<family>/<name>.py → the checkout
    lines = [f"- 代码：`{module.relative_to(root)}`"]
    data = set(re.findall(r"checks/[\w./-]+\w", cls.__doc__ or ""))
    checks = root / "checks"
    if checks.is_dir():
        data |= {str(f.relative_to(checks.parent)) for f in sorted(checks.rglob("*.yml"))
                 if cls.id in f.read_text(encoding="utf-8", errors="replace")}
    if data:
        lines.append("- 数据：" + "、".join(f"`{d}`" for d in sorted(data)))
    tests = root / "tests"
    if tests.is_dir():
        found = [f for f in sorted(tests.rglob("*")) if f.suffix in (".py", ".yml") and "node_modules" not in f.parts
                 and cls.id in f.read_text(encoding="utf-8", errors="replace")]
        if found:
            lines.append("- 测试和标注语料：" + "、".join(f"`{f.relative_to(root)}`" for f in found))
    return "## 代码、数据和测试\n\n" + "\n".join(lines) + "\n"


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
