"""How fast is `govpub check`? Prints figures; asserts nothing.

    python bench/check_speed.py [--sizes 1000,10000] [--runs 10] [--keep [DIR]] [--seed 0] [--baseline PATH]
    python bench/check_speed.py --one-file [--runs 20] [--baseline PATH]   (section 2 in CPU, and pre-commit's floor)

1. Full check: for each size N, a generated corpus (bench/corpus.py) is checked with
   `python -m govpub check --format json`, run in the corpus folder as CI runs it:
   wall time, articles per second, CPU time, characters per CPU second (per core), peak memory.
   With --baseline PATH (another checkout, e.g. /work/main), the same runs with govpub from
   PATH, interleaved with this checkout's, so both see the same machine load; the baseline
   reads the same articles with its own checks/ (the rules as they were). govpub is
   imported from this checkout (PYTHONPATH), whatever the interpreter has installed.
2. One file: `python -m govpub check content/<col>/<year>/<file>.md` in a fresh
   interpreter, as pre-commit runs it on a drafter's commit, interpreter start included:
   median and max of --runs runs (after one untimed warm-up run). Also through
   `pre-commit run govpub-check --files` itself, the hook installed by pre-commit from a
   scratch repository holding the tree's source (pre-commit's own start included), for this
   checkout and the baseline. Each tree has its own empty cache folder (XDG_CACHE_HOME),
   which the warm-up run fills, as a drafter's first commit does.
3. The machine: CPUs, Python, govpub version and commit.

With --one-file only the one-file figures, as CPU time (what a check costs whatever else the
machine runs): medians of --runs runs, this checkout and the baseline interleaved, .pyc cached;
the same through pre-commit; and pre-commit's own floor, a hook that does nothing
(`language: system`, entry `true`) and `pre-commit --version` (see one_file_figures).

Exit status 0, or 1 when govpub check itself failed to run (exit 2): never because of a time.

Peak memory is measured two ways:
- max RSS: ru_maxrss from os.wait4() on the child, the same figure as GNU
  `/usr/bin/time -v`. The kernel folds in the child's reaped descendants, so with a
  process pool it is the largest single process (main or a worker), not their sum.
- tree PSS: the sum of proportional set size over the child and all its descendants,
  sampled from /proc every 50 ms: what the whole process pool really costs (shared
  pages counted once). A short peak between two samples can be missed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
import corpus  # noqa: E402  (bench/corpus.py, beside this file)

GOAL_ONE_FILE = 0.5  # seconds, pre-commit on one article
GOAL_ONE_FILE_WARM = 0.2  # seconds, the same with bytecode cached (issue #17)
GOAL_10K = 15.0  # seconds, full check of 10,000 articles
GOAL_RATE = 2.0  # million characters per CPU second (per core), full check (issue #17)


# -- measuring one command ---------------------------------------------------------------
@dataclass
class Run:
    wall: float  # seconds
    cpu: float  # user + system seconds, the child and its reaped descendants
    max_rss: int  # bytes, largest single process in the tree
    tree_pss: int | None  # bytes, peak sum over the tree (sampled); None if /proc lacks it
    exit_code: int
    stdout: str
    stderr: str
    others: float | None = None  # CPU seconds used by everything else on the machine meanwhile


def busy_cpu_seconds() -> float | None:
    """CPU time spent busy by the whole machine since boot, all CPUs (from /proc/stat)."""
    try:
        with open("/proc/stat") as fh:
            fields = [int(x) for x in fh.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    # user nice system idle iowait irq softirq steal ...: all but idle and iowait
    busy = sum(fields[:3]) + sum(fields[5:8])
    return busy / os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as fh:
                out.extend(int(x) for x in fh.read().split())
    except OSError:
        pass
    return out


def _pss(pid: int) -> int | None:
    """Proportional set size of one process in bytes (RSS where smaps_rollup is missing)."""
    for path, key in ((f"/proc/{pid}/smaps_rollup", "Pss:"), (f"/proc/{pid}/status", "VmRSS:")):
        try:
            with open(path) as fh:
                for line in fh:
                    if line.startswith(key):
                        return int(line.split()[1]) * 1024
        except OSError:
            continue
    return None


class TreeSampler(threading.Thread):
    """Samples the summed PSS of a process and its descendants until stopped."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.interval = interval
        self.peak: int | None = None
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            total, seen, todo = 0, 0, [self.pid]
            while todo:
                pid = todo.pop()
                size = _pss(pid)
                if size is not None:
                    total += size
                    seen += 1
                todo.extend(_children(pid))
            if seen and (self.peak is None or total > self.peak):
                self.peak = total
            self._halt.wait(self.interval)

    def stop(self) -> None:
        self._halt.set()
        self.join()


def _warm_dir(env: dict[str, str] | None) -> Path | None:
    """Where govpub's warm helpers (govpub/warm.py) of this environment keep their sockets."""
    cache = (env or {}).get("XDG_CACHE_HOME")
    return Path(cache) / "govpub" / "warm" if cache else None


def _helper_cpu(folder: Path | None) -> float:
    """CPU seconds the warm helpers' forks have used so far (each helper keeps its total beside its socket)."""
    total = 0.0
    for file in folder.glob("*.sock.cpu") if folder and folder.is_dir() else []:
        try:
            total += float(file.read_text("ascii") or 0)
        except (OSError, ValueError):
            pass
    return total


def await_helper(env: dict[str, str], before: int = 0, seconds: float = 30.0) -> bool:
    """Wait until more than `before` warm helpers listen (the first check starts one, which then
    loads the rules): the timed runs are a drafter's later commits. False when none came."""
    folder = _warm_dir(env)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if folder and len(list(folder.glob("*.sock"))) > before:
            return True
        time.sleep(0.1)
    return False


def measure(cmd: list[str], cwd: Path, sample: bool = True, env: dict[str, str] | None = None) -> Run:
    """Run cmd once; wall time, CPU time and peak memory of it and its descendants. A check answered
    by a warm helper (govpub/warm.py) ran in a fork of the helper, not a descendant: the CPU time
    of that fork is added (the helpers' total before and after the run)."""
    folder = _warm_dir(env)
    helpers = bool(folder and folder.is_dir() and any(folder.glob("*.sock")))
    helper_before = _helper_cpu(folder) if helpers else 0.0
    run = _measure(cmd, cwd, sample, env)
    if helpers:
        deadline = time.monotonic() + 1.0  # the fork ends just after it answered
        while (extra := _helper_cpu(folder) - helper_before) <= 0 and time.monotonic() < deadline:
            time.sleep(0.005)
        run.cpu += max(0.0, extra)
    return run


def _measure(cmd: list[str], cwd: Path, sample: bool, env: dict[str, str] | None) -> Run:
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        busy_before = busy_cpu_seconds()
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err, env=env or child_env())
        sampler = TreeSampler(proc.pid) if sample and os.path.isdir(f"/proc/{proc.pid}") else None
        if sampler:
            sampler.start()
        # wait4, not RUSAGE_CHILDREN deltas: ru_maxrss is a maximum, not a sum, so a
        # delta of it is meaningless; wait4 reports this child (and its reaped workers) alone.
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        busy_after = busy_cpu_seconds()
        proc.returncode = os.waitstatus_to_exitcode(status)  # Popen must not wait again
        if sampler:
            sampler.stop()
        out.seek(0)
        err.seek(0)
        cpu = usage.ru_utime + usage.ru_stime
        others = None
        if busy_before is not None and busy_after is not None:
            others = max(0.0, busy_after - busy_before - cpu)  # includes our sampler thread (little)
        return Run(wall, cpu, usage.ru_maxrss * 1024, sampler.peak if sampler else None, proc.returncode,
                   out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"), others)


def load() -> str:
    """The 1-minute load average of the machine (shared: other people's work slows ours)."""
    try:
        return f"{os.getloadavg()[0]:.1f}"
    except OSError:
        return "?"


def corpus_chars(folder: Path) -> int:
    """Characters (not bytes) of every article of a corpus."""
    return sum(len(p.read_text("utf-8")) for p in (folder / "content").rglob("*.md"))


def child_env(**changes: str | None) -> dict[str, str]:
    env = {**os.environ, "NO_COLOR": "1"}
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def one_file_runs(cmd: list[str], cwd: Path, runs: int, env: dict[str, str]) -> tuple[list[float], Run, float]:
    """Wall times of runs (after a warm-up), the last run, and the share of the CPUs others used.
    The check runs as pre-commit runs it (PRE_COMMIT=1): only such a check starts a warm helper."""
    env = {**env, "PRE_COMMIT": "1"}
    measure(cmd, cwd, sample=False, env=env)  # warm-up: page cache (and bytecode, where it is written)
    if "GOVPUB_NO_WARM" not in env and (Path(env.get("PYTHONPATH", REPO)) / "govpub" / "warm.py").exists():
        await_helper(env)
    times = []
    others = 0.0
    last = None
    for _ in range(runs):
        last = measure(cmd, cwd, sample=False, env=env)
        times.append(last.wall)
        others += last.others or 0.0
    assert last is not None
    return times, last, others / (sum(times) * (os.cpu_count() or 1))


def precommit_runs(tree: Path, corpus_dir: Path, article: str, runs: int, work: Path,
                   env: dict[str, str]) -> list[Run] | str:
    """Runs of `pre-commit run govpub-check --files ARTICLE` with the hook taken from tree
    (its source committed to a scratch repository, as a bureau references the hook by URL), in a
    scratch site with the corpus's checks/ and that one article; after one untimed run that
    installs the hook environment. A string says why it could not run."""
    hooks, site = work / "hooks", work / "site"
    genv = {**env, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.invalid",
            "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.invalid",
            "PRE_COMMIT_HOME": str(work / "pre-commit-home")}
    genv.pop("PYTHONPATH", None)  # the hook runs the govpub installed in its environment
    try:
        hooks.mkdir(parents=True)
        for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
            shutil.copy(tree / name, hooks / name)
        shutil.copytree(tree / "govpub", hooks / "govpub", ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copytree(corpus_dir / "checks", site / "checks")
        (site / article).parent.mkdir(parents=True)
        shutil.copy(corpus_dir / article, site / article)
        for repo in (hooks, site):
            subprocess.run(["git", "init", "-q", "-b", "main"], cwd=repo, env=genv, check=True)
        subprocess.run(["git", "add", "-A"], cwd=hooks, env=genv, check=True)
        subprocess.run(["git", "commit", "-qm", "hooks"], cwd=hooks, env=genv, check=True)
        rev = subprocess.run(["git", "rev-parse", "HEAD"], cwd=hooks, env=genv, check=True,
                             capture_output=True, text=True).stdout.strip()
        (site / ".pre-commit-config.yaml").write_text(
            f"repos:\n  - repo: {hooks.as_uri()}\n    rev: {rev}\n    hooks:\n      - id: govpub-check\n",
            encoding="utf-8")
        subprocess.run(["git", "add", "-A"], cwd=site, env=genv, check=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        return f"无法准备 could not prepare: {exc}"
    cmd = [sys.executable, "-m", "pre_commit", "run", "govpub-check", "--files", article]
    folder = _warm_dir(genv)
    helpers = len(list(folder.glob("*.sock"))) if folder and folder.is_dir() else 0
    first = measure(cmd, site, sample=False, env=genv)  # installs the hook environment (pip)
    if first.exit_code != 0:
        tail = " / ".join((first.stdout + first.stderr).strip().splitlines()[-2:])
        return f"不可用 unavailable (exit {first.exit_code}): {tail[:120]}"
    if "GOVPUB_NO_WARM" not in genv and (tree / "govpub" / "warm.py").exists():
        await_helper(genv, helpers)  # the hook's interpreter has a helper of its own
    return [measure(cmd, site, sample=False, env=genv) for _ in range(runs)]


def child_govpub(py: str, cwd: Path, env: dict[str, str] | None = None) -> tuple[str, Path | None]:
    """Version and location of the govpub the child interpreter imports (from cwd, as the bench runs it)."""
    probe = subprocess.run([py, "-c", "import govpub, pathlib; print(govpub.__version__); "
                            "print(pathlib.Path(govpub.__file__).resolve().parent)"],
                           cwd=cwd, capture_output=True, text=True, env=env or child_env())
    if probe.returncode != 0:
        return "?", None
    version, where = probe.stdout.split("\n")[:2]
    return version, Path(where)


def bytecode_state(where: Path | None) -> str:
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        state = "不写 .pyc（PYTHONDONTWRITEBYTECODE 已设置）/ not written (PYTHONDONTWRITEBYTECODE set)"
    else:
        state = "正常写入 / written as usual"
    if where is not None:
        py_files = sum(1 for _ in where.rglob("*.py"))
        pyc = sum(1 for _ in where.rglob("*.pyc"))
        state += f"; govpub/ 有 {pyc} 个 .pyc、{py_files} 个 .py / has {pyc} .pyc for {py_files} .py"
    return state


# -- corpora -----------------------------------------------------------------------------
def prepare(n: int, seed: int, keep: Path | None, scratch: Path) -> tuple[Path, float | None]:
    """A corpus of n articles; reused from keep when its fingerprint matches. (path, seconds to generate)."""
    folder = (keep or scratch) / f"corpus-{n}-s{seed}"
    marker = folder / corpus.MARKER
    if keep and marker.is_file():
        try:
            if json.loads(marker.read_text("utf-8")) == corpus.fingerprint(n, seed):
                return folder, None
        except ValueError:
            pass
    start = time.perf_counter()
    corpus.generate(folder, n, seed)
    return folder, time.perf_counter() - start


def baseline_corpus(folder: Path, baseline: Path, dest: Path) -> Path:
    """The corpus in folder with the baseline checkout's own checks/ (articles hard-linked)."""
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(folder, dest, ignore=shutil.ignore_patterns("checks"), copy_function=os.link)
    shutil.copytree(baseline / "checks", dest / "checks")
    return dest


# -- printing ----------------------------------------------------------------------------
def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def print_table(header: list[str], rows: list[list[str]], right: set[int] | None = None) -> None:
    right = right if right is not None else set(range(1, len(header)))
    widths = [max(width(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        parts = []
        for i, cell in enumerate(cells):
            gap = " " * (widths[i] - width(cell))
            parts.append(gap + cell if i in right else cell + gap)
        return "  ".join(parts).rstrip()

    print("  " + line(header))
    print("  " + "  ".join("-" * w for w in widths))
    for r in rows:
        print("  " + line(r))


def mb(n: int | None) -> str:
    return "—" if n is None else f"{n / 1048576:.0f} MB"


def secs(s: float) -> str:
    return f"{s:.2f} s" if s < 10 else f"{s:.1f} s"


def goal(value: float, limit: float) -> str:
    return f"< {limit:g} s  {'达到 met' if value < limit else '未达到 missed'}"


def rate_goal(rate: float) -> str:
    return f"≥ {GOAL_RATE:g} M  {'达到 met' if rate >= GOAL_RATE else '未达到 missed'}"


def git_describe(repo: Path = REPO) -> str:
    try:
        head = subprocess.run(["git", "-C", str(repo), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(repo), "status", "--porcelain", "--", "govpub", "checks"],
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "（不是 Git 仓库 / not a Git checkout）"
    return head + ("（govpub/ 或 checks/ 有未提交的修改 / with uncommitted changes）" if dirty else "")


def failure(run: Run, what: str) -> str | None:
    """None when the check ran cleanly; otherwise a short explanation to print."""
    if run.exit_code not in (0, 1):
        tail = run.stderr.strip().splitlines()[-3:]
        return f"{what}: exit {run.exit_code}: " + " / ".join(tail)
    return None


# -- one file in CPU time (--one-file) ------------------------------------------------------
def precommit_floor(work: Path, runs: int) -> tuple[list[Run], list[Run]] | str:
    """pre-commit's own cost: `pre-commit run` of a hook that does nothing (`language: system`,
    entry `true`, so no environment and no interpreter of its own) on one file, and
    `pre-commit --version` (its import alone)."""
    site = work / "floor"
    genv = child_env(PYTHONPATH=None, PRE_COMMIT_HOME=str(work / "pre-commit-home"))
    try:
        site.mkdir(parents=True)
        (site / "a.md").write_text("一\n", encoding="utf-8")
        (site / ".pre-commit-config.yaml").write_text(
            "repos:\n  - repo: local\n    hooks:\n      - {id: noop, name: noop, entry: 'true', language: system}\n",
            encoding="utf-8")
        subprocess.run(["git", "init", "-q", "-b", "main"], cwd=site, env=genv, check=True)
        subprocess.run(["git", "add", "-A"], cwd=site, env=genv, check=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        return f"无法准备 could not prepare: {exc}"
    run_cmd = [sys.executable, "-m", "pre_commit", "run", "noop", "--files", "a.md"]
    first = measure(run_cmd, site, sample=False, env=genv)
    if first.exit_code != 0:
        return f"不可用 unavailable (exit {first.exit_code})"
    noop = [measure(run_cmd, site, sample=False, env=genv) for _ in range(runs)]
    version = [measure([sys.executable, "-m", "pre_commit", "--version"], site, sample=False, env=genv)
               for _ in range(runs)]
    return noop, version


def one_file_figures(trees: list[tuple[str, dict[str, str]]], where: dict[tuple[int, int], Path], n: int,
                     runs: int, scratch: Path, baseline: Path | None) -> list[str]:
    """Section 2 in CPU time: `python -m govpub check ARTICLE` (bytecode cached, the cache folder
    filled by a first run), the trees interleaved run by run so that they see the same load;
    then through pre-commit, and pre-commit's floor. Returns the problems met."""
    folder = where[(0, n)]
    files = sorted((folder / "content").rglob("*.md"))
    one = files[len(files) // 2].relative_to(folder).as_posix()
    cmd = [sys.executable, "-m", "govpub", "check", one]
    envs = []
    # this checkout once more without its warm helper (govpub/warm.py): a drafter's first commit
    trees = [*trees, (f"{trees[0][0]}，不用常驻进程 GOVPUB_NO_WARM=1", {**trees[0][1], "GOVPUB_NO_WARM": "1"})]
    places = [where[(i, n)] for i in range(len(trees) - 1)] + [where[(0, n)]]
    for i, (_, env) in enumerate(trees):
        # as pre-commit runs it (PRE_COMMIT=1): only such a check starts a warm helper
        cached = {**env, "PYTHONPYCACHEPREFIX": str(scratch / f"pycache-{i}"), "PRE_COMMIT": "1"}
        cached.pop("PYTHONDONTWRITEBYTECODE", None)
        envs.append(cached)
        measure(cmd, places[i], sample=False, env=cached)  # fills the bytecode and the user cache
        if "GOVPUB_NO_WARM" not in env and (Path(env.get("PYTHONPATH", REPO)) / "govpub" / "warm.py").exists():
            await_helper(cached)
    got: list[list[Run]] = [[] for _ in trees]
    for _ in range(runs):
        for i in range(len(trees)):
            got[i].append(measure(cmd, places[i], sample=False, env=envs[i]))
    problems = [bad for i, (label, _) in enumerate(trees) if (bad := failure(got[i][-1], f"one file {label}"))]

    def row(what: str, rs: list[Run], aim: float | None) -> list[str]:
        cpu = statistics.median(r.cpu for r in rs)
        return [what, secs(cpu), secs(min(r.cpu for r in rs)), secs(statistics.median(r.wall for r in rs)),
                str(len(rs)), goal(cpu, aim) if aim else ""]

    rows = [row(f"govpub check（{label}）", got[i], GOAL_ONE_FILE_WARM) for i, (label, _) in enumerate(trees)]
    trees = trees[:-1]
    for i, (label, env) in enumerate(trees):
        tree = REPO if i == 0 else baseline
        assert tree is not None
        pc = precommit_runs(tree, where[(i, n)], one, runs, scratch / f"precommit-{i}", env)
        rows.append(row(f"pre-commit run --files（{label}）", pc, GOAL_ONE_FILE_WARM) if not isinstance(pc, str)
                    else [f"pre-commit run（{label}）", "—", "—", "—", "0", pc])
    floor = precommit_floor(scratch / "precommit-floor", runs)
    if isinstance(floor, str):
        rows.append(["pre-commit 空钩子 no-op hook", "—", "—", "—", "0", floor])
    else:
        rows.append(row("pre-commit 空钩子 no-op hook（language: system, entry: true）", floor[0], None))
        rows.append(row("pre-commit --version", floor[1], None))
    rows.append(row("解释器空启动 bare `python -c pass`",
                    [measure([sys.executable, "-c", "pass"], folder, sample=False) for _ in range(runs)], None))
    print(f"单篇检查的 CPU 时间 one file in CPU time: python -m govpub check {one}（字节码已缓存 / .pyc cached；"
          f"各树交替运行 / trees interleaved）; 负载 load {load()}")
    print_table(["", "CPU 中位数 median", "CPU 最小 min", "耗时中位数 wall median", "次数 runs", "目标 goal"], rows,
                right={1, 2, 3, 4})
    return problems


# -- main --------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="govpub check 速度基准 / speed benchmark (prints figures, asserts nothing)")
    parser.add_argument("--sizes", default="1000,10000", help="语料规模，逗号分隔 / corpus sizes (default 1000,10000)")
    parser.add_argument("--runs", type=int, default=10, help="单篇检查的次数 / one-file runs (default 10)")
    parser.add_argument("--keep", nargs="?", type=Path, const=HERE / "out", default=None, metavar="DIR",
                        help="保留并复用生成的语料 / keep and reuse corpora in DIR (default bench/out/)")
    parser.add_argument("--seed", type=int, default=0, help="语料随机种子 / corpus seed (default 0)")
    parser.add_argument("--baseline", type=Path, default=None, metavar="PATH",
                        help="对比的另一份检出（如 /work/main）/ another checkout to measure side by side")
    parser.add_argument("--one-file", action="store_true",
                        help="只测单篇检查的 CPU 时间和 pre-commit 的下限 / only the one-file CPU figures (smallest size's corpus)")
    args = parser.parse_args(argv)
    try:
        sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    except ValueError:
        parser.error("--sizes 应为逗号分隔的整数 / must be integers separated by commas")
    if not sizes or min(sizes) < 1 or args.runs < 1:
        parser.error("--sizes 和 --runs 应为正整数 / must be positive")
    if args.baseline is not None and not (args.baseline / "govpub" / "__init__.py").is_file():
        parser.error(f"--baseline {args.baseline}: 不是 govpub 的检出 / not a govpub checkout")

    py = sys.executable
    cpus = os.cpu_count() or 1
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cpus
    scratch_ctx = tempfile.TemporaryDirectory(prefix="govpub-bench-")
    scratch = Path(scratch_ctx.name)
    # (label, environment): this checkout first, then the baseline
    # Each tree its own cache folder (govpub keeps parsed checks/ and compiled patterns there):
    # empty at the start, filled by the first run, as on a drafter's machine.
    trees = [("当前 this", child_env(PYTHONPATH=str(REPO), XDG_CACHE_HOME=str(scratch / "cache-0")))]
    if args.baseline is not None:
        trees.append(("基线 baseline", child_env(PYTHONPATH=str(args.baseline.resolve()),
                                              XDG_CACHE_HOME=str(scratch / "cache-1"))))
    print("govpub check 速度基准 / speed benchmark")
    print(f"  机器 machine:  {usable} 个可用 CPU / usable CPUs (nproc; os.cpu_count {cpus}), "
          f"{platform.system()} {platform.machine()}; 负载 load {load()} (1 min)")
    print(f"  Python:        {platform.python_version()} ({py})")
    for label, env in trees:
        version, where = child_govpub(py, scratch, env)
        if where is None:
            print("bench: 该 Python 无法导入 govpub / this Python cannot import govpub: " + py, file=sys.stderr)
            return 2
        commit = git_describe(where.parent) or "（不是 Git 仓库 / not a Git checkout）"
        print(f"  govpub {label}: {version} ({where}), commit {commit}")
    print(f"  字节码 bytecode: {bytecode_state(where)}")
    print()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    busy: list[str] = []  # runs during which other processes used a noticeable share of the CPUs
    unclean: list[str] = []  # corpora with findings: a rule's false positive or a generator bug
    try:
        # 1. corpora
        folders: dict[int, Path] = {}
        gen_rows = []
        for n in sizes:
            folder, took = prepare(n, args.seed, args.keep, scratch)
            folders[n] = folder
            size = sum(p.stat().st_size for p in (folder / "content").rglob("*.md"))
            gen_rows.append([f"{n:,}", "复用 reused" if took is None else secs(took), f"{size / 1048576:.1f} MB",
                             str(folder) if args.keep else "（临时目录 / temporary）"])
        # The baseline reads the same articles with its own checks/ (a newer checks/ may hold keys
        # its schema does not know): a copy of each corpus, articles hard-linked.
        where = {(0, n): folders[n] for n in sizes}
        if args.baseline is not None:
            for n in sizes:
                where[(1, n)] = baseline_corpus(folders[n], args.baseline, scratch / f"baseline-{n}")
        print(f"语料 corpora (bench/corpus.py, seed {args.seed})")
        print_table(["文章 articles", "生成 generate", "大小 size", "位置 where"], gen_rows, right={0, 1, 2})
        print()
        if args.one_file:
            problems += one_file_figures(trees, where, sizes[0], args.runs, scratch, args.baseline)
            return 1 if problems else 0

        # 2. full check
        rows = []
        chars_of = {n: corpus_chars(folders[n]) for n in sizes}
        for n, i, (label, env) in [(n, i, tree) for n in sizes for i, tree in enumerate(trees)]:  # interleaved: same load
            chars = chars_of[n]
            run = measure([py, "-m", "govpub", "check", "--format", "json"], where[(i, n)], env=env)
            rate = chars / run.cpu / 1e6 if run.cpu else 0.0
            bad = failure(run, f"N={n} {label}")
            try:
                findings = str(len(json.loads(run.stdout)["findings"]))
            except (ValueError, KeyError, TypeError):
                findings = "?"
            if bad:
                problems.append(bad)
            elif findings != "0":
                unclean.append(f"N={n}: {findings}")
            rows.append([f"{n:,}", label, f"{chars / 1e6:.1f} M", secs(run.wall), f"{n / run.wall:,.0f}", secs(run.cpu),
                         f"{rate:.2f} M", f"{run.cpu / run.wall:.1f}×", mb(run.max_rss), mb(run.tree_pss), findings,
                         "—" if run.others is None else secs(run.others), load(),
                         goal(run.wall, GOAL_10K) if n == 10000 else "—", rate_goal(rate)])
            if run.others is not None and run.others > 0.1 * run.wall * usable:
                busy.append(f"N={n} {label}: {secs(run.others)}")
        print("全量检查 full check: python -m govpub check --format json（在语料目录中运行 / run in the corpus folder）")
        print_table(["文章 N", "govpub", "字符 chars", "耗时 wall", "篇/秒 art/s", "CPU 时间", "字符/CPU秒 chars/CPU-s",
                     "并行度 CPU/wall", "最大 RSS max RSS", "进程树 tree PSS", "发现 findings", "其他进程 others",
                     "负载 load", "目标 goal", "每核目标 per-core goal"], rows, right=set(range(0, 13)) - {1})
        print()

        # 3. one file, the pre-commit way
        folder = folders[sizes[0]]
        files = sorted((folder / "content").rglob("*.md"))
        one = files[len(files) // 2].relative_to(folder).as_posix()
        cmd = [py, "-m", "govpub", "check", one]
        times, last, share = one_file_runs(cmd, folder, args.runs, trees[0][1])
        # As on a drafter's machine, where .pyc files are cached: a private cache prefix,
        # so nothing is written into the repository or site-packages.
        cached_rows = []
        for i, (label, env) in enumerate(trees):
            cached_env = {**env, "PYTHONPYCACHEPREFIX": str(scratch / f"pycache-{i}")}
            cached_env.pop("PYTHONDONTWRITEBYTECODE", None)
            cached, cached_last, share_cached = one_file_runs(cmd, where[(i, sizes[0])], args.runs, cached_env)
            cpu = cached_last.cpu
            cached_rows.append([f"字节码已缓存 with .pyc cached（{label}）", secs(statistics.median(cached)),
                                secs(max(cached)), str(args.runs), mb(cached_last.max_rss),
                                f"CPU {cpu:.2f} s; " + goal(statistics.median(cached), GOAL_ONE_FILE_WARM)])
            if max(share, share_cached) > 0.1:
                busy.append(f"one file {label}: {max(share, share_cached):.0%}")
        # Through pre-commit itself, as a drafter's `git commit` runs the hook (pre-commit's own
        # start and its git calls included), in the hook environment pre-commit installs.
        for i, (label, env) in enumerate(trees):
            tree = REPO if i == 0 else args.baseline
            assert tree is not None
            pc = precommit_runs(tree, where[(i, sizes[0])], one, args.runs, scratch / f"precommit-{i}", env)
            if isinstance(pc, str):
                cached_rows.append([f"pre-commit run（{label}）", "—", "—", "0", "", pc])
            else:
                walls = [r.wall for r in pc]
                cached_rows.append([f"pre-commit run --files（{label}）", secs(statistics.median(walls)), secs(max(walls)),
                                    str(args.runs), mb(pc[-1].max_rss),
                                    f"CPU {statistics.median(r.cpu for r in pc):.2f} s; "
                                    + goal(statistics.median(walls), GOAL_ONE_FILE_WARM)])
        # The cost can depend on the article (a rule may load a dictionary only for some texts):
        # once each over --runs different articles spread over the corpus.
        step = max(1, len(files) // args.runs)
        spread = [files[i].relative_to(folder).as_posix() for i in range(step // 2, len(files), step)][:args.runs]
        varied = [(measure([py, "-m", "govpub", "check", f], folder, sample=False, env=trees[0][1]).wall, f)
                  for f in spread]
        slowest = max(varied)
        bare = [measure([py, "-c", "pass"], folder, sample=False).wall for _ in range(args.runs)]
        bad = failure(last, "one file")
        if bad:
            problems.append(bad)
        print(f"单篇检查 one file: python -m govpub check {one}（新解释器，含启动 / fresh interpreter, start included）"
              f"; 负载 load {load()}")
        print_table(["", "中位数 median", "最大 max", "次数 runs", "最大 RSS max RSS", "目标 goal"], [
            ["当前环境 as configured", secs(statistics.median(times)), secs(max(times)), str(args.runs),
             mb(last.max_rss), goal(statistics.median(times), GOAL_ONE_FILE)],
            *cached_rows,
            [f"{len(varied)} 篇不同文章 different articles", secs(statistics.median(t for t, _ in varied)),
             secs(slowest[0]), str(len(varied)), "", goal(statistics.median(t for t, _ in varied), GOAL_ONE_FILE)],
            ["解释器空启动 bare `python -c pass`", secs(statistics.median(bare)), secs(max(bare)),
             str(args.runs), "", ""],
        ], right={1, 2, 3, 4})
        print(f"  最慢的一篇 slowest of the different articles: {slowest[1]}")
        print()
        print("目标只供参考，不作断言 / goals are printed, never asserted.")
        if busy:
            print()
            print("注意 note: 测量期间其他进程占用了较多 CPU，耗时偏大 / other processes used the CPUs "
                  "during these runs, wall times are inflated: " + "; ".join(busy))
        if unclean:
            print()
            print("注意 note: 语料应当没有任何发现，请查看是规则误报还是生成器问题 / the corpus should have no "
                  "findings; look for a false positive or a generator bug: " + "; ".join(unclean))
        if problems:
            print()
            print("注意 note: govpub check 未正常运行，以上数字不可比 / did not run cleanly, figures are not comparable:")
            for p in problems:
                print("  " + p)
    finally:
        scratch_ctx.cleanup()
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
