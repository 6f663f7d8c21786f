"""The fork server the slow tests run `govpub` through (helpers.GovpubForks, tests/fork_server.py)
gives what `python -m govpub` gives: output, exit code, folder and environment of the request,
in a process of its own."""

from __future__ import annotations

import os
import subprocess
import sys

from helpers import GIT_ENV, GovpubForks, govpub_forked


def real(argv: list[str], cwd, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "govpub", *argv], cwd=cwd, env=env, capture_output=True,
                          text=True, encoding="utf-8")


def test_a_forked_run_answers_as_the_real_command(tmp_path):
    env = {**os.environ, **GIT_ENV, "NO_COLOR": "1"}
    for argv in (["--version"], ["nonsense"], ["check"]):  # 0; a usage error (SystemExit 2); no site here
        forked, expected = govpub_forked(argv, tmp_path, env), real(argv, tmp_path, env)
        assert (forked.returncode, forked.stdout, forked.stderr) == \
            (expected.returncode, expected.stdout, expected.stderr), argv
    assert forked.returncode == 2 and "checks/" in forked.stderr


def test_each_run_has_the_requests_folder_in_a_process_of_its_own(tmp_path):
    """Two runs of one server in two folders answer for their folder; the server (another process
    than the test's) keeps serving after a refused run and counts the runs' CPU."""
    forks = GovpubForks()
    site = tmp_path / "site"
    (site / "checks/registry").mkdir(parents=True)  # a site root without content/
    env = {**os.environ, **GIT_ENV, "NO_COLOR": "1"}
    quiet = forks.run(["check"], site, env)
    assert quiet.returncode == 2 and f"{site}: 找不到 content/" in quiet.stderr, quiet.stderr
    pid = forks.proc.pid
    elsewhere = forks.run(["check"], tmp_path, env)
    assert elsewhere.returncode == 2 and elsewhere.stderr != quiet.stderr  # no site root above tmp_path
    assert forks.run(["--version"], tmp_path, {"PATH": os.environ["PATH"]}).stdout.startswith("govpub ")
    assert forks.proc.pid == pid and forks.proc.poll() is None and forks.cpu > 0
    assert os.getpid() != pid
