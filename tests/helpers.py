"""Test helpers: a real site repository in a temporary folder, and the real govpub command."""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import io
import itertools
import json
import os
import select
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from govpub.policy import Policy
from govpub.rules.engine import RuleSet

REPO = Path(__file__).resolve().parent.parent

GIT_ENV = {
    "GIT_AUTHOR_NAME": "测试拟稿人", "GIT_AUTHOR_EMAIL": "drafter@example.gov.cn",
    "GIT_COMMITTER_NAME": "测试拟稿人", "GIT_COMMITTER_EMAIL": "drafter@example.gov.cn",
    "GIT_CONFIG_NOSYSTEM": "1",
}

FRONT = {
    "title": "湛江市司法局召开2026年度普法工作推进会",
    "column": "pfyfz",
    "department": "普法与依法治理科",
    "author": "王晓敏",
    "date": "2026-11-20 09:30",
    "channels": "[website]",
}
BODY = "11月20日，湛江市司法局召开2026年度普法工作推进会，总结“八五”普法工作成效，部署下一阶段任务。\n"


def load_yaml(text: str) -> object:
    """yaml.safe_load through libyaml when PyYAML has it: the same documents, parsed several times
    faster (every xdist worker reads the test corpora when it collects the tests)."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def article_text(body: str = BODY, **fields: str | None) -> str:
    """An article as a drafter writes it; a field set to None is left out."""
    merged = {**FRONT, **fields}
    lines = [f"{k}: {v}" for k, v in merged.items() if v is not None]
    return "---\n" + "\n".join(lines) + "\n---\n\n" + body


@dataclass
class Site:
    root: Path
    _rules: RuleSet | None = None
    pool: SitePool | None = None  # the worker's reused folder (conftest.py's site fixture)

    def write(self, rel: str, text: str | bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def article(self, rel: str = "content/pfyfz/2026/tuijinhui.md", body: str = BODY, **fields: str | None) -> Path:
        return self.write(rel, article_text(body, **fields))

    def run(self, *args: str, check: bool = False) -> subprocess.CompletedProcess[str]:
        """The real govpub command, run in the site root."""
        env = {**os.environ, **GIT_ENV, "NO_COLOR": "1"}
        proc = subprocess.run([sys.executable, "-m", "govpub", *args], cwd=self.root, env=env,
                              capture_output=True, text=True, encoding="utf-8")
        if check:
            assert proc.returncode in (0, 1), proc.stderr
        return proc

    def forked(self, *args: str) -> subprocess.CompletedProcess[str]:
        """The same command as run(), a separate process forked with govpub imported
        (GovpubForks): for the tests that build the site many times (MkDocs' imports each time)."""
        return govpub_forked(list(args), self.root, {**os.environ, **GIT_ENV, "NO_COLOR": "1"})

    def run_here(self, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        """The same command run inside the test process (cli.main), for tests about what a command
        computes rather than how it starts: no interpreter start-up and imports per run. `env` is
        the whole environment of the run (default: this one, as run() gives it). The working
        folder, environment and standard streams are restored afterwards."""
        from govpub import cli

        saved_env, saved_cwd, saved_streams = dict(os.environ), os.getcwd(), (sys.stdout, sys.stderr)
        streams = [io.TextIOWrapper(io.BytesIO(), encoding="utf-8", write_through=True) for _ in range(2)]
        sys.stdout, sys.stderr = streams
        try:
            if env is not None:
                os.environ.clear()
            os.environ.update(env if env is not None else {**GIT_ENV, "NO_COLOR": "1"})
            os.chdir(self.root)
            code = cli.main(list(args))
        finally:
            sys.stdout, sys.stderr = saved_streams
            os.chdir(saved_cwd)
            os.environ.clear()
            os.environ.update(saved_env)
        # left open: a module may have bound the stream of its first run (output.text.use_colour)
        out, err = (stream.buffer.getvalue().decode("utf-8") for stream in streams)  # type: ignore[attr-defined]
        return subprocess.CompletedProcess(["govpub", *args], code, out, err)

    def findings(self, *paths: str) -> list[dict]:
        """`govpub check --format json` run in process (the real command: tests/test_output.py)."""
        proc = self.run_here("check", "--format", "json", *paths)
        assert proc.returncode in (0, 1), proc.stderr
        return json.loads(proc.stdout)["findings"]

    def rules(self) -> RuleSet:
        """The engine over this site's checks/, built on first use (write checks/ before it)."""
        if self._rules is None:
            self._rules = self.pool.rules() if self.pool is not None else RuleSet(Policy(self.root))
        return self._rules

    def git(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["git", *args], cwd=self.root, env={**os.environ, **GIT_ENV},
                              capture_output=True, text=True, check=True)


def check_text(site: Site, body: str, rel: str = "content/pfyfz/2026/tuijinhui.md", **fields: str | None):
    """Findings for one article, in process (fast): the engine as `govpub check` runs it."""
    from govpub.content import article as article_mod

    path = site.article(rel, body, **fields)
    rules = site.rules()
    findings, _ = rules.check_article(article_mod.load(site.root, path))
    return findings


SITE_FILES = ("checks", "content", "overrides", "mkdocs.yml", ".gitignore")


def checks_site(root: Path) -> Site:
    """A site repository with this repo's checks/ and no articles: enough for the content rules."""
    shutil.copytree(REPO / "checks", root / "checks")
    (root / "content").mkdir()
    return Site(root)


def copy_site(dest: Path) -> Site:
    """A copy of this repository's site (checks, content, theme overrides, mkdocs.yml, and its .gitignore:
    the build output and the local ledger mirror are never committed)."""
    for name in SITE_FILES:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, dest / name)
        else:
            shutil.copy2(src, dest / name)
    return Site(dest)


def _fingerprint(folder: Path) -> tuple[tuple[str, int, int, int], ...]:
    """Every entry under folder with its size, modification time and mode (lstat): any write,
    new file, removal, rename or symlink changes it."""
    out = []
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            path = os.path.join(dirpath, name)
            st = os.lstat(path)
            out.append((os.path.relpath(path, folder), st.st_size, st.st_mtime_ns, st.st_mode))
    return tuple(sorted(out))


def _remove(path: Path) -> None:
    def writable(func, name, _exc) -> None:  # a test may leave a folder or file without permissions
        os.chmod(os.path.dirname(name), stat.S_IRWXU)
        if os.path.isdir(name) and not os.path.islink(name):
            os.chmod(name, stat.S_IRWXU)
        func(name)

    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, onerror=writable)
    else:
        path.unlink()


class SitePool:
    """One site folder per test worker, emptied for each test that takes the `site` fixture: the
    folder holds this repo's checks/ and nothing else when the test starts, as a new folder would.
    The engine over an untouched checks/ is built once per worker (about 0.3-0.7 s per test
    otherwise: the policy, the rules, the prohibited word lists); a test that changes checks/
    gets an engine of its own, and checks/ is copied back before the next test."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.pristine: tuple | None = None
        self._shared: RuleSet | None = None

    def fresh(self) -> Site:
        checks = self.root / "checks"
        if self.root.exists():
            os.chmod(self.root, stat.S_IRWXU)
            for child in list(self.root.iterdir()):
                if child.name != "checks" or child.is_symlink() or not child.is_dir():
                    _remove(child)
        if self.pristine is None or not checks.is_dir() or _fingerprint(checks) != self.pristine:
            if checks.exists() or checks.is_symlink():
                _remove(checks)
            shutil.copytree(REPO / "checks", checks)
            self.pristine = _fingerprint(checks)
            self._shared = None
        (self.root / "content").mkdir()
        return Site(self.root, pool=self)

    def rules(self) -> RuleSet:
        """The shared engine while checks/ is as copied; a new one (not kept) once a test changed it."""
        if _fingerprint(self.root / "checks") != self.pristine:
            return RuleSet(Policy(self.root))
        if self._shared is None:
            self._shared = RuleSet(Policy(self.root))
        return self._shared


def run_folder(base_temp: Path) -> Path:
    """The temporary folder of this pytest run that its xdist workers share: the parent of their
    base temps (tmp_path_factory.getbasetemp()), or the base temp itself without xdist."""
    return base_temp.parent if os.environ.get("PYTEST_XDIST_WORKER") else base_temp


@contextlib.contextmanager
def run_lock(path: Path) -> Iterator[None]:
    """One xdist worker at a time (the others wait), for a set-up that all of them share."""
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def made_once(base_temp: Path, name: str, make: Callable[[Path], None]) -> Path:
    """The folder NAME of this run, made by make(folder) once per run however many xdist workers
    ask for it (under --dist worksteal a module's tests, and so its module-scoped fixture, can
    land on both workers): the first builds it while the others wait, then all read it. A build
    that failed is started again by the next worker that asks. The callers must not change it."""
    shared = run_folder(base_temp)
    folder, done = shared / name, shared / f"{name}.done"
    with run_lock(shared / f"{name}.lock"):
        if not done.is_file():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


class GovpubForks:
    """The real `govpub` command as a separate process, forked from a server that has imported
    govpub already (tests/fork_server.py): `python -m govpub ARGV` in `cwd` with exactly `env`,
    without the interpreter start-up and the imports of each run. For the tests that run a
    command many times (the publish gate); a test about how the command starts, or about the
    interpreter's own environment variables, runs `python -m govpub` itself (Site.run)."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="govpub-forks-"))  # the runs' output, read and removed
        atexit.register(shutil.rmtree, self.folder, True)
        self.count = itertools.count()
        self.proc: subprocess.Popen[str] | None = None
        self.cpu = 0.0  # CPU seconds of the runs so far (they are not this process's children)

    def _server(self) -> subprocess.Popen[str]:
        if self.proc is None or self.proc.poll() is not None:
            self.proc = subprocess.Popen([sys.executable, str(Path(__file__).with_name("fork_server.py"))],
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
        return self.proc

    def run(self, argv: list[str], cwd: Path, env: dict[str, str], timeout: float = 300) -> subprocess.CompletedProcess[str]:
        """As subprocess.run([python, -m, govpub, *argv], cwd=cwd, env=env, capture_output=True,
        text=True, timeout=timeout); a run over the timeout is killed (SIGKILL) and raises
        subprocess.TimeoutExpired."""
        server = self._server()
        out, err = (str(self.folder / f"{next(self.count)}.{name}") for name in ("out", "err"))
        assert server.stdin is not None and server.stdout is not None
        server.stdin.write(json.dumps({"argv": argv, "cwd": str(cwd), "env": env, "out": out, "err": err}) + "\n")
        server.stdin.flush()

        def answer(wait: float) -> str | None:
            """The server's next line, or None after `wait` seconds (read byte-wise: select sees
            only the pipe, never lines a buffered reader already holds)."""
            line = b""
            while not line.endswith(b"\n"):
                ready, _, _ = select.select([server.stdout], [], [], wait)
                if not ready:
                    return None
                byte = os.read(server.stdout.fileno(), 1)
                assert byte, f"tests/fork_server.py ended (return code {server.poll()})"
                line += byte
            return line.decode()

        pid = int(answer(60) or "0")
        assert pid, "tests/fork_server.py did not fork within 60 s"
        ended = answer(timeout)
        if ended is None:
            os.kill(pid, signal.SIGKILL)
            answer(60)
            raise subprocess.TimeoutExpired(["govpub", *argv], timeout)
        texts = [Path(name).read_text("utf-8", errors="replace") for name in (out, err)]
        for name in (out, err):
            os.unlink(name)
        code, cpu = ended.split()
        self.cpu += float(cpu)
        return subprocess.CompletedProcess(["govpub", *argv], int(code), *texts)


_FORKS: list[GovpubForks] = []
FORKED_CPU = [0.0]  # CPU seconds of runs forked by servers that outlive a test (tests/publish/test_wechat.py)


def forked_cpu() -> float:
    """CPU seconds of this process's forked govpub runs so far (conftest.py: GOVPUB_TEST_CPU)."""
    return (_FORKS[0].cpu if _FORKS else 0.0) + FORKED_CPU[0]


def govpub_forked(argv: list[str], cwd: Path, env: dict[str, str], timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """GovpubForks.run through this process's one server (it ends with the process: its stdin closes)."""
    if not _FORKS:
        _FORKS.append(GovpubForks())
    return _FORKS[0].run(argv, cwd, env, timeout)


def node_on_served_site(script: Path, site: Path, handler: type, *args: str, timeout: int, env: dict[str, str]) -> dict:
    """Serve the built site on 127.0.0.1 with handler and run a Node page-test script against it; its JSON output."""
    import functools
    import threading
    from http.server import ThreadingHTTPServer

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        proc = subprocess.run(["node", str(script), f"http://127.0.0.1:{server.server_address[1]}", *args],
                              cwd=REPO / "tests", capture_output=True, text=True, timeout=timeout,
                              env={**os.environ, **env})
    finally:
        server.shutdown()
        server.server_close()
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout)
