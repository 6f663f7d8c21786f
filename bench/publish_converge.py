"""Publishing cost against the WeChat double: N small articles published from scratch with the
ledger pushed to a bare remote after every step, then an unchanged re-run, then a re-run after
the ledger was lost (recognised through the ownership marker). Prints wall time, API calls and
ledger commits; never asserts.

    PYTHONPATH=. .venv/bin/python bench/publish_converge.py [--articles 20]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests" / "publish"))
from wechat_double import WeChatDouble, by_title  # noqa: E402

from govpub.publish import pipeline  # noqa: E402
from govpub.publish.wechat_client import WeChatClient  # noqa: E402

ENV = {"GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@localhost", "GIT_COMMITTER_NAME": "bench",
       "GIT_COMMITTER_EMAIL": "bench@localhost"}


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, env={**os.environ, **ENV}, capture_output=True, text=True,
                          check=True).stdout.strip()


def make_site(root: Path, n: int) -> None:
    from PIL import Image

    shutil.copytree(REPO / "checks", root / "checks")
    (root / "mkdocs.yml").write_text("site_name: bench\nsite_url: https://www.zhanjiang.gov.cn/sfj/\n", "utf-8")
    folder = root / "content/gzdt/2026"
    folder.mkdir(parents=True)
    for i in range(n):
        Image.new("RGB", (900, 383), (i % 255, 40, 90)).save(folder / f"c{i}.jpg", "JPEG")
        (folder / f"n{i}.md").write_text(
            f"---\ntitle: 基准测试动态第{i + 1}条\ncolumn: gzdt\ndepartment: 办公室\nauthor: 测试\n"
            f"date: 2026-11-20 09:30\nchannels: [website, wechat]\ncover: c{i}.jpg\nsummary: 动态。\n---\n\n"
            f"第{i + 1}条动态。\n", "utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "bench")


def run(root: Path, double: WeChatDouble, label: str) -> None:
    before, commits = sum(double.calls.values()), _commits(root)
    start = time.perf_counter()
    with WeChatClient(double.state.appid, double.state.secret, base_url=double.url, timeout=5.0,
                      sleep=lambda s: None) as client:
        result = pipeline.converge(root, "", out=root / "out", remote="origin", clients={"wechat": client},
                                   platforms=["wechat"])
    took = time.perf_counter() - start
    print(f"{label:<28} {took:7.2f} s  {sum(double.calls.values()) - before:5d} API calls  "
          f"{_commits(root) - commits:4d} ledger commits  {len(result.rows):4d} report rows  "
          f"live {sum(by_title(double).values())}")


def _commits(root: Path) -> int:
    proc = subprocess.run(["git", "rev-list", "--count", "refs/govpub/ledger"], cwd=root, capture_output=True,
                          text=True)
    return int(proc.stdout.strip() or 0) if proc.returncode == 0 else 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, WeChatDouble() as double:
        root, bare = Path(tmp) / "site", Path(tmp) / "remote.git"
        make_site(root, args.articles)
        git(Path(tmp), "init", "-q", "--bare", "-b", "main", str(bare))
        git(root, "remote", "add", "origin", str(bare))
        run(root, double, f"first run ({args.articles} articles)")
        run(root, double, "unchanged re-run")
        git(root, "update-ref", "-d", "refs/govpub/ledger")
        git(bare, "update-ref", "-d", "refs/govpub/ledger")
        (root / "records/ledger/wechat.json").unlink()
        run(root, double, "re-run, ledger lost")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
