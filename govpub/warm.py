"""A warm helper for `govpub check` on a drafter's machine (performance only).

A pre-commit check of one article spends about 0.2 s of CPU starting up: the interpreter, some
200 modules, checks/ and the word lists, against about 10 ms checking the article. The first
check in a repository starts, after it has finished, a helper process that does that start-up
once and then waits on a Unix socket; a later check connects, hands over its standard input,
output and error (SCM_RIGHTS), command line, working folder and environment, and the helper
forks a copy of itself that runs exactly `govpub check` (cli.main) with them, on the rule set it
prepared (commands/check.py takes it from prepared()). Each request gets a fresh fork of the
prepared state, so one check cannot change the next.

When it is used, and when not:
- only for a check of given files (a commit's articles, what pre-commit runs), never for all of
  content/; a helper is STARTED only by a check pre-commit runs (PRE_COMMIT=1, which pre-commit
  sets for its hooks): a script or a test harness that runs `govpub check FILE` in hundreds of
  temporary repositories must not leave a 100 MB process behind for each; never in CI, with GOVPUB_NO_CACHE (runs others rely on read nothing a home folder holds, like
  fsutil.user_cache_dir), with GOVPUB_NO_WARM, or outside Linux (peer credentials, fork);
- the socket's name is a SHA-256 of the exact inputs: the interpreter and its sys.path, every
  file of the govpub package (size, modification time and inode: any edit or reinstall changes
  them), the bytes of every file of checks/, the repository folder and the cache folder. Any change (a rule, a word list, an upgrade) names another socket: an old helper is
  never asked again and ends when idle (IDLE_SECONDS, or at once when its socket file is gone);
- the socket lives in the user's cache folder (`govpub/warm/`), a folder only its owner may
  enter (mode 0700, checked before every use), and the helper serves only processes of its own
  user (SO_PEERCRED);
- when there is no helper, or it does not answer before it starts the check (killed, stale
  socket), the check runs in its own process as before: nothing has been written yet. A helper
  that dies after starting the check (killed) gives exit code 3 with a message, never a pass.
"""

from __future__ import annotations

import array
import hashlib
import json
import os
import signal
import socket
import struct
import sys
from typing import Any

IDLE_SECONDS = 600.0  # a helper not asked for this long ends (GOVPUB_WARM_IDLE overrides, for tests)
TICK_SECONDS = 5.0  # how often an idle helper checks that its socket and repository still exist
_OFF = ("CI", "GOVPUB_NO_CACHE", "GOVPUB_NO_WARM")
_MAX_REQUEST = 1 << 22  # bytes of a request's JSON (command line and environment)
_STARTED, _ENDED = b"S", b"E"

# Set in the helper process once it is ready: (repository root, policy, rule set).
_prepared: tuple[str, Any, Any] | None = None
# Set by delegate() when no helper answered: what spawn() starts one for.
_pending: dict[str, Any] | None = None


def _enabled() -> bool:
    return (sys.platform.startswith("linux") and hasattr(socket, "AF_UNIX") and hasattr(socket, "SCM_RIGHTS")
            and not any(os.environ.get(name) for name in _OFF))


def find_root(start: str) -> str | None:
    """policy.find_root without importing the policy module (YAML): the nearest folder at or
    above start with checks/registry/."""
    folder = os.path.realpath(start)
    while True:
        if os.path.isdir(os.path.join(folder, "checks", "registry")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _cache_base() -> str:
    return os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")


def key(root: str, path: list[str]) -> str | None:
    """The helper's name for these exact inputs; None when a folder to hash holds a symlinked folder
    (what the policy reads through it is not covered) or a file cannot be read."""
    h = hashlib.sha256()
    # what the interpreter and govpub read once at start: its flags, the locale and PYTHON* variables
    startup = sorted((k, v) for k, v in os.environ.items() if k.startswith(("PYTHON", "LC_")) or k == "LANG")
    h.update(json.dumps([sys.executable, sys.version, repr(sys.flags), path, root, _cache_base(), os.getuid(),
                         startup]).encode("utf-8", "surrogateescape"))
    for entry in path:  # an installed library upgraded in place changes its site-packages folder
        try:
            h.update(str(os.stat(entry or ".").st_mtime_ns).encode())
        except OSError:
            h.update(b"-")
    package = os.path.dirname(os.path.abspath(__file__))
    try:
        for base, contents in ((package, False), (os.path.join(root, "checks"), True)):
            for folder, dirs, files in os.walk(base):
                dirs.sort()
                if any(os.path.islink(os.path.join(folder, d)) for d in dirs):
                    return None
                dirs[:] = [d for d in dirs if d != "__pycache__"]
                for name in sorted(files):
                    file = os.path.join(folder, name)
                    h.update(f"\0{os.path.relpath(file, base)}\0".encode("utf-8", "surrogateescape"))
                    if contents:  # checks/: every byte
                        with open(file, "rb") as fh:
                            h.update(fh.read())
                    else:  # the package: any write or reinstall changes a file's time, size or inode
                        st = os.stat(file)
                        h.update(f"{st.st_size} {st.st_mtime_ns} {st.st_ino}".encode())
    except OSError:
        return None
    return h.hexdigest()


def _folder() -> str | None:
    """The helpers' folder, made if missing; None unless it is ours and closed to everyone else."""
    folder = os.path.join(_cache_base(), "govpub", "warm")
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        st = os.stat(folder, follow_symlinks=False)
    except OSError:
        return None
    if not os.path.isdir(folder) or os.path.islink(folder) or st.st_uid != os.getuid() or st.st_mode & 0o077:
        return None
    return folder


def _socket_path(name: str) -> str | None:
    folder = _folder()
    if folder is None:
        return None
    path = os.path.join(folder, name[:32] + ".sock")
    return path if len(os.fsencode(path)) < 100 else None  # sun_path holds 108 bytes


def delegate(argv: list[str]) -> int | None:
    """Run `govpub check argv` in a helper: its exit code, or None when no helper took it (nothing
    has been written to the output: the caller checks in this process)."""
    global _pending
    paths = _paths(argv)
    if not paths or not _enabled():  # a check of all of content/ (CI, the policy hook) gains little
        return None
    cwd = os.getcwd()
    root = find_root(cwd)
    name = key(root, list(sys.path)) if root else None
    path = _socket_path(name) if name else None
    if root is None or name is None or path is None:
        return None
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        conn.connect(path)
        mask = os.umask(0o022)
        os.umask(mask)
        request = json.dumps({
            "argv": argv, "cwd": cwd, "env": dict(os.environ), "umask": mask,
            "streams": [[s.encoding, s.errors] if s is not None else None for s in (sys.stdin, sys.stdout, sys.stderr)],
        }).encode("utf-8", "surrogateescape")
        conn.sendmsg([struct.pack("!I", len(request)), request],
                     [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", [0, 1, 2]))])
        started = _read(conn, 5)
    except OSError:
        started = b""
    if len(started) != 5 or started[:1] != _STARTED:
        conn.close()
        _pending = {"root": root, "key": name, "socket": path, "path": list(sys.path),
                    "paths": [os.path.join(cwd, p) for p in paths]}
        return None
    child = struct.unpack("!i", started[1:])[0]
    try:
        ended = _read(conn, 5)
    except KeyboardInterrupt:  # Ctrl-C reached this process only: the check stops as it would have here
        try:
            os.kill(child, signal.SIGINT)
            conn.settimeout(5)
            ended = _read(conn, 5)
        except (OSError, KeyboardInterrupt):
            ended = b""
        if len(ended) != 5:
            sys.stderr.write("govpub: 已中断\n")
            return 130
    except OSError:
        ended = b""
    finally:
        conn.close()
    if len(ended) != 5 or ended[:1] != _ENDED:
        sys.stderr.write("govpub: 检查进程意外结束，检查没有完成（不算通过）\n"
                         "  处理办法：重新运行；仍然出错时设置环境变量 GOVPUB_NO_WARM=1 后运行\n")
        return 3
    code: int = struct.unpack("!i", ended[1:])[0]
    return code


def _paths(argv: list[str]) -> list[str]:
    """The PATH arguments of `check ...` (the one option with a value is --format)."""
    out: list[str] = []
    words = iter(argv[1:])
    for word in words:
        if word == "--format":
            next(words, None)
        elif not word.startswith("-"):
            out.append(word)
    return out


def _read(conn: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = conn.recv(size - len(data))
        if not chunk:
            break
        data += chunk
    return data


def spawn() -> None:
    """Start a helper for the check delegate() could not hand over (after that check is done), when
    pre-commit ran that check: the repeated one-file checks of commits are what a helper is for."""
    if _pending is None or not hasattr(os, "posix_spawn") or os.environ.get("PRE_COMMIT") != "1":
        return
    spec = json.dumps(_pending)
    code = "import sys, json; spec = json.loads(sys.argv[1]); sys.path[:] = spec['path']; " \
           "from govpub import warm; warm.serve(spec)"
    devnull = os.devnull
    try:
        os.posix_spawn(sys.executable, [sys.executable, "-c", code, spec], dict(os.environ), setsid=True,
                       file_actions=[(os.POSIX_SPAWN_OPEN, 0, devnull, os.O_RDONLY, 0),
                                     (os.POSIX_SPAWN_OPEN, 1, devnull, os.O_WRONLY, 0),
                                     (os.POSIX_SPAWN_OPEN, 2, devnull, os.O_WRONLY, 0)])
    except OSError:
        pass  # no helper: every check runs in its own process, as before


def prepared(cwd: str) -> tuple[Any, Any] | None:
    """In a helper's fork: the policy and rule set prepared for the repository that holds cwd."""
    if _prepared is None or find_root(cwd) != _prepared[0]:
        return None
    return _prepared[1], _prepared[2]


# -- the helper --------------------------------------------------------------------------------
def serve(spec: dict[str, Any]) -> None:
    """Prepare, then answer requests until idle (run in the process spawn() starts)."""
    global _prepared
    import gc
    from pathlib import Path

    root = spec["root"]
    os.chdir(root)
    if not _enabled() or key(root, list(sys.path)) != spec["key"]:
        return  # something changed since the check that asked for this helper
    gc.disable()
    from govpub import cli, regexcache
    from govpub.commands import check
    from govpub.content.paths import content_files
    from govpub.output import github, sarif, text  # noqa: F401 - imported once here, not in every check
    from govpub.output import json as json_out  # noqa: F401
    from govpub.policy import Policy
    from govpub.rules import automaton
    from govpub.rules.engine import RuleSet, check_files

    regexcache.install()
    cli.build_parser("check")
    policy = Policy(Path(root))
    rules = RuleSet(policy)
    try:
        files = content_files(policy.root, [p for p in spec["paths"] if os.path.exists(p)])
        check_files(rules, files[:1])  # loads the word lists and tables this repository's rules use
    except Exception:  # noqa: BLE001 - a repository the check refuses (its checks/ invalid): no helper
        return
    rules._pool.merge()
    automaton.build_all()
    regexcache.save()
    _prepared = (root, policy, rules)
    assert check  # imported above: cli.main finds it loaded
    gc.collect()
    gc.freeze()  # the prepared objects stay out of every fork's collections

    path = spec["socket"]
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    temporary = f"{path}.{os.getpid()}"
    try:
        listener.bind(temporary)
        os.chmod(temporary, 0o600)
        listener.listen(16)
        os.replace(temporary, path)  # clients connect only once the helper is ready
        inode = os.stat(path).st_ino
    except OSError:
        return
    spent = [0.0]

    def reap(*_: Any) -> None:
        """Collect ended forks; their CPU time, in total, is kept beside the socket (bench/check_speed.py
        adds it to the checks the helper answered)."""
        while True:
            try:
                pid, _status, usage = os.wait4(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            spent[0] += usage.ru_utime + usage.ru_stime
            try:
                with open(f"{path}.cpu", "w", encoding="ascii") as fh:
                    fh.write(f"{spent[0]:.6f}\n")
            except OSError:
                pass

    signal.signal(signal.SIGCHLD, reap)
    idle = float(os.environ.get("GOVPUB_WARM_IDLE") or IDLE_SECONDS)
    listener.settimeout(min(TICK_SECONDS, idle))
    waited = 0.0
    while waited < idle:
        try:
            conn, _ = listener.accept()
        except TimeoutError:
            waited += min(TICK_SECONDS, idle)
            try:
                if os.stat(path).st_ino != inode or not os.path.isdir(os.path.join(root, "checks")):
                    break
            except OSError:
                break
            continue
        except OSError:
            break
        waited = 0.0
        creds = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
        if struct.unpack("3i", creds)[1] != os.getuid():
            conn.close()
            continue
        if os.fork() == 0:
            code = 3
            try:  # nothing may leave this fork but os._exit: it would go on as a second helper
                listener.close()
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                code = _answer(conn)
            finally:
                os._exit(code)
        conn.close()
    try:
        if os.stat(path).st_ino == inode:
            os.unlink(path)
            os.unlink(f"{path}.cpu")
    except OSError:
        pass


def _answer(conn: socket.socket) -> int:
    """In a fork of the helper: run one check as the client would have, report its exit code."""
    import atexit

    from govpub import cli

    try:
        conn.settimeout(10)
        head, fds, _, _ = conn.recvmsg(4, socket.CMSG_SPACE(3 * array.array("i").itemsize))
        received = array.array("i")
        for level, kind, data in fds:
            if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
                received.frombytes(data[:len(data) - len(data) % received.itemsize])
        size = struct.unpack("!I", head)[0] if len(head) == 4 else 0
        if len(received) != 3 or not 0 < size <= _MAX_REQUEST:
            return 3
        body = _read(conn, size)
        request = json.loads(body.decode("utf-8", "surrogateescape"))
        conn.settimeout(None)
        for target, fd in enumerate(received):
            os.dup2(fd, target)
            os.close(fd)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        os.umask(request["umask"])
        sys.argv = [sys.argv[0], *request["argv"]]
        for index, (name, mode) in enumerate((("stdin", "r"), ("stdout", "w"), ("stderr", "w"))):
            stream = request["streams"][index]
            if stream is not None:
                setattr(sys, name, open(index, mode, encoding=stream[0], errors=stream[1], closefd=False,
                                           buffering=-1 if index < 2 else 1))
        conn.sendall(_STARTED + struct.pack("!i", os.getpid()))
    except (OSError, ValueError, KeyError, TypeError):
        return 3
    try:
        code = cli.main(request["argv"])
    except SystemExit as exc:  # argparse: a usage error (2), --help (0), as the interpreter ends it
        code = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1
        if not isinstance(exc.code, int) and exc.code is not None:
            sys.stderr.write(f"{exc.code}\n")
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    try:
        conn.sendall(_ENDED + struct.pack("!i", code))
    except OSError:
        pass
    return code
