"""The audit's attachment sweep on a deployed site serving N attachments.

    python bench/audit_attachments.py [--attachments 200]

A temporary built-site folder with N/10 pages, each linking ten attachments (CSV, .docx,
.xlsx, PDF with a text layer, zip, in turn; one in twenty carries a mobile number), and this
repository's checks/: prints the CPU seconds of govpub.audit.published.sweep_attachments with
no cache (the first run), with the cache (a daily run, nothing changed) and after one file
changed. A measurement, not a gate: exit status 0.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))


def _attachment(kind: str, line: str) -> bytes:
    """A real file of this kind: 200 rows (10 pages for a PDF) of this line."""
    from test_attach9 import _pdf, _word, _xlsx, _zip  # type: ignore[import-not-found]

    rows = "\n".join(f"{r},{line}" for r in range(200))
    if kind == "csv":
        return ("序号,内容\n" + rows).encode()
    if kind == "docx":
        return bytes(_word(rows, "湛江市司法局"))
    if kind == "xlsx":
        return bytes(_xlsx([("表", [[line] for _ in range(200)], False)]))
    return bytes(_pdf([line] * 10) if kind == "pdf" else _zip({"a.csv": rows}))


def make_site(root: Path, n: int) -> Path:
    shutil.copytree(REPO / "checks", root / "checks")
    (root / "content").mkdir()
    site = root / "site"
    kinds = ("csv", "docx", "xlsx", "pdf", "zip")
    for page in range(max(1, n // 10)):
        folder = site / f"gzdt/2026/p{page:04d}"
        folder.mkdir(parents=True)
        links = []
        for k in range(10):
            i = page * 10 + k
            if i >= n:
                break
            kind = kinds[i % len(kinds)]
            line = f"第{i}号 联系电话 139{i:08d}" if i % 20 == 0 else f"第{i}号 赤坎区调解委员会 办结 {i} 件"
            (folder / f"f{i:04d}.{kind}").write_bytes(_attachment(kind, line))
            links.append(f'<a href="f{i:04d}.{kind}">附件{i}</a>')
        (folder / "index.html").write_text(f"<html><body><article>{''.join(links)}</article></body></html>", "utf-8")
    return site


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--attachments", type=int, default=200)
    args = parser.parse_args()
    from govpub.audit.published import sweep_attachments
    from govpub.policy import Policy
    from govpub.rules.engine import RuleSet

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        site = make_site(root, args.attachments)
        rules = RuleSet(Policy(root))
        cache = root / "audit-report/attachment-cache.json"
        for label in ("无缓存（首次）", "有缓存（无变化）", "改动 1 个文件后"):
            if label.startswith("改动"):
                target = next(site.rglob("*.csv"))
                target.write_text(target.read_text("utf-8") + "\n追加一行\n", "utf-8")
            start = time.process_time()
            report = sweep_attachments(rules, site, cache)
            seconds = time.process_time() - start
            print(f"{label}：{report.files} 个附件，读取 {report.read} 个，沿用 {report.cached} 个，"
                  f"发现 {len(report.exposures)} 处，CPU {seconds:.2f} 秒")
    return 0


if __name__ == "__main__":
    sys.exit(main())
