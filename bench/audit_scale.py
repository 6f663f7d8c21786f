"""The audit on a column of thousands of articles, in Git.

    python bench/audit_scale.py [--articles N]

A temporary site with this repository's checks/, N articles in one news column (dated a
day apart, committed in one commit each day's batch) and two more commits that move and
re-date some: prints the seconds of `govpub audit` (in process, no built site) and of the
Git dating pass alone. A measurement, not a gate: exit status 0.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GIT_ENV = {"GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.gov.cn",
           "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.gov.cn", "GIT_CONFIG_NOSYSTEM": "1"}


def make_site(root: Path, n: int) -> None:
    shutil.copytree(REPO / "checks", root / "checks")
    env = {**os.environ, **GIT_ENV}
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, check=True)
    start = datetime(2026, 12, 2, 9, 0)
    per_commit = max(1, n // 20)
    for batch in range(0, n, per_commit):
        for i in range(batch, min(n, batch + per_commit)):
            when = start + timedelta(hours=i % 48)
            folder = root / "content/gzdt/2026"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"n{i:05d}.md").write_text(
                f"---\ntitle: 工作动态{i}\ncolumn: gzdt\ndepartment: 办公室\nauthor: 王晓敏\n"
                f"date: {when:%Y-%m-%d %H:%M}\nchannels: [website]\n---\n\n湛江市司法局召开第{i}次工作会议。\n", "utf-8")
        stamp = (start + timedelta(hours=batch % 48 + 1)).strftime("%Y-%m-%dT%H:%M:%S+08:00")
        subprocess.run(["git", "add", "-A"], cwd=root, check=True)
        subprocess.run(["git", "commit", "-q", "-m", f"batch {batch}"], cwd=root, check=True,
                       env={**env, "GIT_COMMITTER_DATE": stamp, "GIT_AUTHOR_DATE": stamp})


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=3000)
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "site"
        root.mkdir()
        t0 = time.perf_counter()
        make_site(root, args.articles)
        made = time.perf_counter() - t0
        from govpub.audit import dating

        t0 = time.perf_counter()
        history = dating.history(root)
        found = dating.check(root, {"dating": {"since": "2026-12-01"}}, set(history))
        dated = time.perf_counter() - t0
        from govpub import cli

        cwd = os.getcwd()
        os.chdir(root)
        try:
            t0 = time.perf_counter()
            code = cli.main(["audit", "--as-of", "2026-12-05 09:00", "--output", str(Path(tmp) / "report")])
            audited = time.perf_counter() - t0
        finally:
            os.chdir(cwd)
    print(f"articles {args.articles}: site made in {made:.1f} s; dating pass {dated:.2f} s "
          f"({len(history)} files, {len(found)} findings); whole audit {audited:.1f} s (exit {code})",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
