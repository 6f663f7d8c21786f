"""A fork server for the real `govpub` command (helpers.GovpubForks starts one per test worker).

It imports govpub's command line once; for each request line on stdin ({"argv", "cwd", "env",
"out", "err"} as JSON) it forks a child that runs the command as `python -m govpub` does
(cli.run's steps: the streams, cli.main, the exit handlers, the exit code) in that folder with
exactly that environment, stdin from /dev/null, its output in the files `out` and `err`. It
answers the child's pid at once and, when the child ends, its return code as Popen gives it
(-9: killed) and its CPU seconds (the test process counts them: GOVPUB_TEST_CPU). Each run is a separate process that a test can kill with SIGKILL; it starts
without the interpreter start-up and the imports (about 1 s CPU for a `govpub publish`, which
imports MkDocs and its theme). The server has no threads, so forking it is safe, and it never
runs a command itself: every child starts with govpub's caches empty, as a new process would.

What a child imported beyond what the server has is imported by the server after the child
ended (learn): the next child of the same command pays for no import. Interpreter settings
from the request's environment (PYTHONHASHSEED, PYTHONIOENCODING, ...) are those of the server:
a test about them runs `python -m govpub` itself.
"""

from __future__ import annotations

import atexit
import importlib
import json
import os
import sys
from pathlib import Path


def known_modules() -> set[str]:
    return set(sys.modules)


def report_new(before: set[str], path: str) -> None:
    """In a child: the names of the modules it imported, for the server to import (learn)."""
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(sorted(set(sys.modules) - before)))


def learn(path: str) -> None:
    """In the server: import what a child reported; a module that fails here is left to the children."""
    try:
        names = Path(path).read_text("utf-8").split()
        os.unlink(path)
    except OSError:
        return
    for name in names:
        if name not in sys.modules and not name.startswith("__"):
            try:
                importlib.import_module(name)
            except Exception:  # noqa: BLE001, S112 - only a cache of imports: the child imports it itself
                continue


def child(request: dict) -> int:
    """One `govpub` run in this (forked) process."""
    before = known_modules()
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
    sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115 - not the server's read-ahead
    for fd, name in ((1, "out"), (2, "err")):
        os.dup2(os.open(request[name], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644), fd)
    sys.argv = ["govpub", *request["argv"]]
    from govpub import cli

    cli._streams_that_take_chinese()
    code = cli.main(request["argv"])
    atexit._run_exitfuncs()
    report_new(before, request["out"] + ".modules")
    return code


def serve() -> int:
    from govpub import cli  # noqa: F401 - what every child runs

    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            code = 3
            try:
                code = child(request)
            except SystemExit as exc:  # as the interpreter ends on it
                code = exc.code if isinstance(exc.code, int) else int(exc.code is not None)
                if exc.code is not None and not isinstance(exc.code, int):
                    print(exc.code, file=sys.stderr)
            except BaseException:  # noqa: BLE001 - reported in the error file, like a crash
                import traceback

                traceback.print_exc()
            finally:
                for stream in (sys.stdout, sys.stderr):
                    try:
                        stream.flush()
                    except (OSError, ValueError):
                        pass
                os._exit(code)
        print(pid, flush=True)
        _, status, usage = os.wait4(pid, 0)
        print(os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime, flush=True)
        learn(request["out"] + ".modules")
    return 0


if __name__ == "__main__":
    raise SystemExit(serve())
