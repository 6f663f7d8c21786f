"""Test helpers: a real site repository in a temporary folder, and the real govpub command."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

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


def article_text(body: str = BODY, **fields: str | None) -> str:
    """An article as a drafter writes it; a field set to None is left out."""
    merged = {**FRONT, **fields}
    lines = [f"{k}: {v}" for k, v in merged.items() if v is not None]
    return "---\n" + "\n".join(lines) + "\n---\n\n" + body


@dataclass
class Site:
    root: Path
    _rules: RuleSet | None = None

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
            self._rules = RuleSet(Policy(self.root))
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
