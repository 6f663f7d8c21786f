"""The commit hook's cost of an attachment's text: `govpub check ARTICLE` for an article alone and for
the same article linking a CSV of --mb megabytes (Chinese rows, one mobile number on the first row),
CPU seconds of the govpub process (comparable on a busy machine; wall-clock is printed too).

    PYTHONPATH=. .venv/bin/python bench/attachment_text.py --mb 1 --runs 3
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FRONT = ("---\ntitle: 湛江市司法局公布人民调解员名单\ncolumn: pfyfz\ndepartment: 普法与依法治理科\nauthor: 王晓敏\n"
         "date: 2026-11-20 09:30\nchannels: [website]\n---\n\n")


def _run(root: Path, rel: str) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "govpub", "check", rel], cwd=root, capture_output=True,
                   env={**os.environ, "PYTHONPATH": str(REPO)}, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copytree(REPO / "checks", root / "checks")
        folder = root / "content/pfyfz/2026"
        folder.mkdir(parents=True)
        row = "序号,单位,金额,备注说明文字用于填充表格的内容\n"
        rows = int(args.mb * 1024 * 1024) // len(row.encode())
        (folder / "mingdan.csv").write_text("1,13912345678,0,首行\n" + row * rows, "utf-8")
        (folder / "alone.md").write_text(FRONT + "名单另行公布。\n", "utf-8")
        (folder / "linked.md").write_text(FRONT + "名单见[附件](mingdan.csv)。\n", "utf-8")
        _run(root, "content/pfyfz/2026/alone.md")  # warm-up: caches of checks/ and compiled patterns
        for name in ("alone", "linked"):
            runs = [_run(root, f"content/pfyfz/2026/{name}.md") for _ in range(args.runs)]
            cpu = min(r[0] for r in runs)
            wall = min(r[1] for r in runs)
            print(f"{name:7s} CPU {cpu:.2f} s  wall {wall:.2f} s  (best of {args.runs}; CSV {args.mb} MB)")


if __name__ == "__main__":
    main()
