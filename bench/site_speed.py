"""How fast is the website build? Prints figures; asserts nothing.

    python bench/site_speed.py [--sizes 2000] [--live 10000] [--runs 1] [--seed 0] [--keep [DIR]]

For each size N of --sizes, on the same synthetic corpus (bench/corpus.py):

1. govpub site: `mkdocs build` with this repository's mkdocs.yml and overrides/ (the
   govpub plugin: column listings, home, 网站地图, meta tags, footer; Material's search
   with jieba and its privacy plugin). This is the MkDocs part of `govpub build`.
2. plain baseline: MkDocs + Material on the same content/ folder, articles kept out of the
   navigation (the nav lists one article per column, about the size of the govpub nav),
   the same search settings (lang zh, jieba, the same separator) and the privacy plugin,
   no govpub plugin, no overrides. The ratio govpub/plain (goal ≤ 1.0) is what the govpub
   plugin and templates cost.
3. govpub build: the whole command, content checks included (checks then site, atomic
   switch), into an empty site folder: a full build.
4. one article changed: one article edited, `govpub build` again: the incremental build
   (only the changed files are checked again, only the article, its neighbours and the
   listings showing it are rendered; goal ≤ 2 s at 2,000 articles).

For each size N of --live (10,000 takes minutes: the first full build), merge → live:
the site is built and deployed to a local target (untimed), one article is changed, then
what `govpub publish` does for the website is timed in a fresh interpreter: the content
checks against the live release, the incremental build against it (every unchanged file a
hard link to the live release) and the deploy that renames the build into a release
(goal ≤ 10 s at 10,000). The forge round trips of the gate
and the other channels are not part of this figure.

Each build runs in a fresh interpreter. With --runs R the baseline and the govpub site are
built R times each, alternately, and the fastest run is kept (a shared machine only ever
makes a build slower). Wall time, CPU time (user + system of the process and its workers)
and peak memory (ru_maxrss of the build process, the same figure as GNU time's "Maximum
resident set size") are printed, with the load average: on a loaded machine the wall times
grow, the CPU times much less; compare the ratio of the CPU times there.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
import corpus  # noqa: E402  (bench/corpus.py, beside this file)

GOAL_RATIO_BASELINE = 1.0
GOAL_REBUILD = 2.0  # seconds, one changed article at 2,000
GOAL_LIVE = 10.0  # seconds, merge → live at 10,000
GOAL_MEMORY = 2 * 1024**3

# what `govpub publish` does for the website after the gate: checks, build, deploy
LIVE_SCRIPT = """
import sys
from pathlib import Path
from govpub.policy import Policy
from govpub.publish import deploy
from govpub.publish.build import build_site, run_checks
root, target = Path(sys.argv[1]), Path(sys.argv[2])
live = deploy.live_site(target)
assert run_checks(Policy(root), previous=live) == 0
result = build_site(root / "mkdocs.yml", root / "out" / "publish", quiet=True, previous=live, checked=True)
deploy.deploy_local(root / "out" / "publish", target, sys.argv[3], move=True)
print(result.summary())
"""


@dataclass
class Run:
    wall: float
    max_rss: int
    exit_code: int
    stderr: str
    stdout: str = ""
    cpu: float = 0.0  # user + system seconds of the process and its children


def measure(cmd: list[str], cwd: Path) -> Run:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        # wait4's usage includes the children the process waited for (check workers)
        return Run(wall, usage.ru_maxrss * 1024, proc.returncode,
                   err.read().decode("utf-8", "replace"), out.read().decode("utf-8", "replace"),
                   usage.ru_utime + usage.ru_stime)


def corpus_dir(base: Path, n: int, seed: int) -> Path:
    out = base / f"site-corpus-{n}-s{seed}"
    marker = out / corpus.MARKER
    fresh = marker.is_file() and json.loads(marker.read_text("utf-8")) == corpus.fingerprint(n, seed)
    if not fresh:
        t = time.perf_counter()
        corpus.generate(out, n, seed)
        print(f"  生成语料 {n} 篇：{time.perf_counter() - t:.1f} s", flush=True)
    return out


def prepare_govpub(root: Path) -> Path:
    """This repository's mkdocs.yml and overrides/ in the corpus, annual report re-pointed."""
    shutil.rmtree(root / "overrides", ignore_errors=True)
    shutil.copytree(REPO / "overrides", root / "overrides")
    (root / "checks" / "search").mkdir(parents=True, exist_ok=True)
    cfg = yaml.safe_load((REPO / "mkdocs.yml").read_text("utf-8"))
    report = sorted((root / "content" / "ghjh").rglob("*.md"))[-1]
    cfg["extra"]["govpub"]["annual_report"] = report.relative_to(root / "content").as_posix()
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def prepare_plain(root: Path) -> Path:
    """Plain MkDocs + Material over the same content/: articles out of the nav."""
    repo_cfg = yaml.safe_load((REPO / "mkdocs.yml").read_text("utf-8"))
    search = next(p["search"] for p in repo_cfg["plugins"] if isinstance(p, dict) and "search" in p)
    search = {k: v for k, v in search.items() if k != "jieba_dict_user"}
    search["jieba_dict_user"] = str(root / "checks" / "search" / "jieba-user.txt")
    nav = []
    columns = yaml.safe_load((root / "checks/registry/columns.yml").read_text("utf-8"))["columns"]
    for col in columns:
        first = sorted((root / "content" / col["slug"]).rglob("*.md"))
        if first:
            nav.append({col["name"]: first[0].relative_to(root / "content").as_posix()})
    cfg = {
        "site_name": repo_cfg["site_name"],
        "site_url": repo_cfg.get("site_url"),
        "docs_dir": "content",
        "use_directory_urls": True,
        "not_in_nav": "*.md\n",
        "nav": nav,
        "theme": {"name": "material", "language": "zh", "font": False,
                  "features": ["navigation.tabs"]},
        "plugins": [{"search": search}, {"privacy": {"assets_exclude": ["unpkg.com/*"]}}],
        "markdown_extensions": ["tables", "attr_list", "toc"],
    }
    path = root / "mkdocs-plain.yml"
    path.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def fmt_mb(n: int) -> str:
    return f"{n / 1024**2:,.0f} MB"


def touch_article(root: Path, k: int) -> None:
    """Edit the k-th article of 工作动态 as a merge would (its text changes, nothing else)."""
    one = sorted((root / "content" / "gzdt").rglob("*.md"))[k]
    one.write_text(one.read_text("utf-8").replace("\n---\n", "\n---\n\n本文有更新。\n", 1), "utf-8")


def untouch_article(root: Path, k: int) -> None:
    one = sorted((root / "content" / "gzdt").rglob("*.md"))[k]
    one.write_text(one.read_text("utf-8").replace("\n---\n\n本文有更新。\n", "\n---\n", 1), "utf-8")


def report(label: str, run: Run, extra: str = "") -> None:
    if run.exit_code != 0:
        print(f"  {label} 失败（退出码 {run.exit_code}）：\n{run.stderr[-2000:]}")
    print(f"  {label:<40} {run.wall:7.1f} s（CPU {run.cpu:.1f} s）  峰值内存 {fmt_mb(run.max_rss)}{extra}",
          flush=True)


def compare(py: str, base: Path, n: int, seed: int, runs_wanted: int) -> None:
    print(f"\n== {n:,} 篇文章：全量构建与改动一篇后的重建 ==", flush=True)
    root = corpus_dir(base, n, seed)
    gcfg, pcfg = prepare_govpub(root), prepare_plain(root)
    out = root / "out"
    shutil.rmtree(out, ignore_errors=True)
    runs: dict[str, Run] = {}
    # jieba caches its dictionary in the temp folder: warm it once, untimed
    measure([py, "-c", "import jieba; jieba.initialize()"], root)
    for _ in range(max(1, runs_wanted)):
        for key, cfg in (("plain", pcfg), ("govpub", gcfg)):
            run = measure([py, "-m", "mkdocs", "build", "-q", "-f", str(cfg), "-d", str(out / key)], root)
            best = runs.get(key)
            if best is None or run.exit_code != 0 or run.wall < best.wall:
                run.max_rss = max(run.max_rss, best.max_rss if best else 0)
                runs[key] = run
    print(f"  负载（1 分钟平均）：{os.getloadavg()[0]:.1f}")
    report("MkDocs + Material（基线，文章不进导航）", runs["plain"])
    report("govpub 网站（mkdocs build + govpub 插件）", runs["govpub"])
    print(f"  govpub/基线 = {runs['govpub'].wall / runs['plain'].wall:.2f}（CPU 时间之比 "
          f"{runs['govpub'].cpu / runs['plain'].cpu:.2f}；目标 ≤ {GOAL_RATIO_BASELINE}）", flush=True)
    site = ["--quiet", "--site-dir", str(out / "site")]
    report("govpub build（全量，含内容检查）", measure([py, "-m", "govpub", "build", *site], root))
    touch_article(root, 0)
    one = measure([py, "-m", "govpub", "build", *site], root)
    untouch_article(root, 0)
    report("改动一篇文章后 govpub build（增量）", one, f"（目标 ≤ {GOAL_REBUILD:g} s）")
    shutil.rmtree(out, ignore_errors=True)


def merge_to_live(py: str, base: Path, n: int, seed: int) -> None:
    print(f"\n== {n:,} 篇文章：合并一篇到上线 ==", flush=True)
    root = corpus_dir(base, n, seed)
    prepare_govpub(root)
    out = root / "out"
    shutil.rmtree(out, ignore_errors=True)
    target = out / "www"
    measure([py, "-c", "import jieba; jieba.initialize()"], root)
    first = measure([py, "-m", "govpub", "build", "--quiet", "--site-dir", str(out / "site")], root)
    report("首次 govpub build（全量，含内容检查）", first)
    deployed = measure([py, "-c", "import sys; from pathlib import Path; from govpub.publish import deploy; "
                        "deploy.deploy_local(Path(sys.argv[1]), Path(sys.argv[2]), 'r1')",
                        str(out / "site"), str(target)], root)
    report("首次部署（复制全站）", deployed)
    touch_article(root, 1)
    live = measure([py, "-c", LIVE_SCRIPT, str(root), str(target), "r2"], root)
    untouch_article(root, 1)
    print(f"  负载（1 分钟平均）：{os.getloadavg()[0]:.1f}")
    report("合并一篇到上线（检查 + 增量构建 + 部署）", live,
           f"（目标 ≤ {GOAL_LIVE:g} s；{live.stdout.strip()}）")
    shutil.rmtree(out, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="网站构建速度 / website build speed")
    ap.add_argument("--sizes", default="2000", help="全量构建对比和改动一篇后重建的规模（逗号分隔，可为空）")
    ap.add_argument("--live", default="10000", help="合并到上线的规模（逗号分隔，可为空）")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--runs", type=int, default=1, help="基线和 govpub 网站各构建几次，取最快的一次")
    ap.add_argument("--keep", nargs="?", const=str(HERE / "out"), default=None, metavar="DIR",
                    help="保留并复用语料（默认 bench/out/）")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    live = [int(s) for s in args.live.split(",") if s.strip()]
    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="govpub-site-bench-"))
    py = sys.executable
    print(f"机器：{os.cpu_count()} 核，Python {platform.python_version()}，{platform.platform()}")
    try:
        for n in sizes:
            compare(py, base, n, args.seed, args.runs)
        for n in live:
            merge_to_live(py, base, n, args.seed)
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
