"""The real pre-commit: hooks installed in a real Git repository refuse a planted ID number.

The published hooks (.pre-commit-hooks.yaml) are used by URL exactly as another bureau's
repository would use them: pre-commit clones this package at a commit and installs it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import GIT_ENV, REPO, article_text, run_folder, run_lock


def sh(cmd: list[str], cwd: Path, env: dict[str, str], ok: bool = True) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    if ok:
        assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


@pytest.fixture(scope="session")
def shared_tmp(tmp_path_factory) -> Path:
    """A folder of this pytest run that its xdist workers share (the parent of their base temps)."""
    return run_folder(tmp_path_factory.getbasetemp())


@pytest.fixture(scope="session")
def precommit_env(shared_tmp) -> dict[str, str]:
    """For a config that references a repository made by this run (hook_repo): pre-commit's home is
    this run's own, shared by its workers (pre-commit locks its own store), so that a hook
    environment is installed once per run, not once per worker, and no clone of a throw-away
    repository is left in the user's cache."""
    home = shared_tmp / "pre-commit-home"
    bindir = str(Path(sys.executable).parent)
    return {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(home),
            "PATH": bindir + os.pathsep + os.environ.get("PATH", "")}


@pytest.fixture(scope="session")
def lint_env() -> dict[str, str]:
    """For a config of this repository's own local hooks only: pre-commit's usual home (the
    PRE_COMMIT_HOME of the caller, else its cache folder: conftest.py notes it before it moves the
    cache folder), the one `make lint` uses. Their environments depend only on the hook's language
    and additional_dependencies, so the ones built here serve `make lint` after `make test`
    (.ci/run), and are not built twice per CI run."""
    bindir = str(Path(sys.executable).parent)
    return {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": os.environ["GOVPUB_TEST_PRE_COMMIT_HOME"],
            "PATH": bindir + os.pathsep + os.environ.get("PATH", "")}


@pytest.fixture(scope="session")
def hook_repo(shared_tmp, precommit_env) -> tuple[Path, str]:
    """This package's current source as a Git repository, as a bureau would reference it (one per
    run: the same URL and commit in every worker, so pre-commit installs it once)."""
    repo = shared_tmp / "govpub-hooks"
    with run_lock(shared_tmp / "govpub-hooks.lock"):
        if not (repo / ".git").is_dir():
            shutil.rmtree(repo, ignore_errors=True)
            repo.mkdir()
            for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
                shutil.copy(REPO / name, repo / name)
            shutil.copytree(REPO / "govpub", repo / "govpub", ignore=shutil.ignore_patterns("__pycache__"))
            sh(["git", "init", "-q", "-b", "main"], repo, precommit_env)
            sh(["git", "add", "."], repo, precommit_env)
            sh(["git", "commit", "-qm", "govpub"], repo, precommit_env)
        rev = sh(["git", "rev-parse", "HEAD"], repo, precommit_env).stdout.strip()
    return repo, rev


@pytest.mark.slow
def test_commit_with_planted_id_number_is_refused(tmp_path, hook_repo, precommit_env):
    repo, rev = hook_repo
    site = tmp_path / "site"
    shutil.copytree(REPO / "checks", site / "checks")
    env = precommit_env
    sh(["git", "init", "-q", "-b", "main"], site, env)
    (site / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {repo.as_uri()}\n    rev: {rev}\n"
        "    hooks:\n      - id: govpub-check\n      - id: govpub-check-policy\n", encoding="utf-8")
    sh([sys.executable, "-m", "pre_commit", "install"], site, env)

    article = site / "content/pfyfz/2026/tuijinhui.md"
    article.parent.mkdir(parents=True)
    article.write_text(article_text(), encoding="utf-8")
    sh(["git", "add", "-A"], site, env)
    clean = sh(["git", "commit", "-m", "新增：普法工作推进会"], site, env, ok=False)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "govpub 内容检查" in clean.stdout + clean.stderr

    article.write_text(article_text(body="当事人李某，身份证号440881199001011233。\n"), encoding="utf-8")
    sh(["git", "add", "-A"], site, env)
    refused = sh(["git", "commit", "-m", "修改推进会稿件"], site, env, ok=False)
    out = refused.stdout + refused.stderr
    assert refused.returncode != 0
    assert "privacy.id-number" in out and "content/pfyfz/2026/tuijinhui.md:10:11" in out
    log = sh(["git", "log", "--format=%s"], site, env).stdout.splitlines()
    assert log == ["新增：普法工作推进会"]  # the refused commit was not made


def test_repository_config_lists_the_package_dependencies():
    """This repo's local hooks install the same dependencies as pyproject.toml."""
    import tomllib

    import yaml

    deps = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {h["id"]: h for r in config["repos"] for h in r["hooks"]}
    assert hooks["govpub-check"]["additional_dependencies"] == deps
    assert hooks["govpub-check-policy"]["additional_dependencies"] == deps
    published = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {h["id"] for h in published} == {"govpub-check", "govpub-check-policy", "govpub-check-theme"}


@pytest.mark.slow
def test_leaked_credentials_are_refused(tmp_path, lint_env):
    """Art. 14: this repository's own hooks refuse a committed secret or private key."""
    site = tmp_path / "repo"
    site.mkdir()
    env = lint_env
    sh(["git", "init", "-q", "-b", "main"], site, env)
    import hashlib

    import yaml

    # The two hooks under test exactly as this repository's config defines them; the others (whose
    # environments cost most of the run) do not look at these files: their own tests cover them.
    ours = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [h for r in ours["repos"] for h in r["hooks"] if h["id"] in ("detect-secrets", "detect-private-key")]
    assert len(hooks) == 2
    (site / ".pre-commit-config.yaml").write_text(
        yaml.safe_dump({"repos": [{"repo": "local", "hooks": hooks}]}, allow_unicode=True), encoding="utf-8")

    token = hashlib.sha256(b"planted").hexdigest()[:32]  # made at run time so this file stays clean
    (site / "deploy.env").write_text(f'GOVPUB_WECHAT_SECRET="{token}"\n', encoding="utf-8")
    (site / "notes.md").write_text("-----BEGIN " + "RSA PRIVATE KEY-----\nabc\n", encoding="utf-8")
    sh(["git", "add", "-A"], site, env)
    proc = sh([sys.executable, "-m", "pre_commit", "run", "--files", "deploy.env", "notes.md",
               "--hook-stage", "pre-commit"], site, env, ok=False)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1
    assert "泄露凭据检查（第十四条）" in out and "deploy.env" in out
    assert "私钥检查（第十四条）" in out and "notes.md" in out
    failed = [ln.split(".")[0] for ln in out.splitlines() if ln.rstrip().endswith("Failed")]
    assert failed == ["泄露凭据检查（第十四条）", "私钥检查（第十四条）"]


def test_phone_photo_is_refused_in_chinese_and_passes_after_fix(tmp_path, hook_repo, precommit_env):
    """An 11 MB phone photo: the drafter sees meta.image-size (Chinese, with the fix), not the
    English check-added-large-files message; `govpub fix` reduces it and the commit goes through.
    A large attachment is refused the same way, in Chinese, at checks/attachments.yml's limit."""
    import yaml
    from PIL import Image

    repo, rev = hook_repo
    site = tmp_path / "site"
    shutil.copytree(REPO / "checks", site / "checks")
    env = precommit_env
    sh(["git", "init", "-q", "-b", "main"], site, env)
    ours = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    large = next(h for r in ours["repos"] for h in r["hooks"] if h["id"] == "check-added-large-files")
    config = {"repos": [{"repo": "local", "hooks": [large]},
                        {"repo": repo.as_uri(), "rev": rev, "hooks": [{"id": "govpub-check"}]}]}
    (site / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    sh([sys.executable, "-m", "pre_commit", "install"], site, env)
    sh(["git", "add", "-A"], site, env)
    sh(["git", "commit", "-qm", "初始化"], site, env)

    photo = site / "content/gzdt/2026/IMG_2041.JPG"
    photo.parent.mkdir(parents=True)
    exif = Image.Exif()
    exif[0x0112] = 6  # held sideways: the phone records "rotate 90°"
    Image.effect_noise((4032, 3024), 60).convert("RGB").save(photo, "JPEG", quality=95, exif=exif.tobytes())
    assert photo.stat().st_size > 8 * 1024 * 1024
    sh(["git", "add", "-A"], site, env)
    refused = sh(["git", "commit", "-m", "新增现场照片"], site, env, ok=False)
    out = refused.stdout + refused.stderr
    assert refused.returncode != 0
    assert "meta.image-size" in out and "图片太大" in out and "govpub fix content/gzdt/2026/IMG_2041.JPG" in out
    assert "exceeds" not in out  # not check-added-large-files' English message
    assert sh(["git", "log", "--format=%s"], site, env).stdout.splitlines() == ["初始化"]

    fixed = sh([sys.executable, "-m", "govpub", "fix", "content/gzdt/2026/IMG_2041.JPG"], site, env)
    assert "已缩小为 1440×1920 像素" in fixed.stdout and "git add content/gzdt/2026/IMG_2041.JPG" in fixed.stdout
    with Image.open(photo) as im:
        assert im.size == (1440, 1920) and im.format == "JPEG"  # upright, same name and format
        assert not im.getexif()  # no metadata left
    assert photo.stat().st_size <= 2 * 1024 * 1024
    sh(["git", "add", "-A"], site, env)
    sh(["git", "commit", "-qm", "新增现场照片"], site, env)

    scan = site / "content/gzdt/2026/scan.pdf"
    scan.write_bytes(b"%PDF-1.4\n" + os.urandom(11 * 1024 * 1024))
    sh(["git", "add", "-A"], site, env)
    capped = sh(["git", "commit", "-m", "新增扫描件"], site, env, ok=False)
    out = capped.stdout + capped.stderr
    assert capped.returncode != 0 and "scan.pdf" in out and "meta.attachment-size" in out and "压缩 PDF" in out
    assert "exceeds" not in out


def test_local_hooks_use_the_home_make_lint_uses(lint_env, precommit_env):
    """conftest.py moves the cache folder (XDG_CACHE_HOME) for govpub: pre-commit's home for the
    local hooks must still be the caller's, or `make lint` would build their environments again."""
    home = Path(lint_env["PRE_COMMIT_HOME"])
    assert not home.is_relative_to(os.environ["XDG_CACHE_HOME"])
    assert home != Path(precommit_env["PRE_COMMIT_HOME"])  # the throw-away hook repository stays apart
    caller = subprocess.run(
        ["env", "-u", "PRE_COMMIT_HOME", "-u", "GOVPUB_TEST_PRE_COMMIT_HOME", "XDG_CACHE_HOME=/x/cache",
         sys.executable, "-c", "import os, sys; sys.path[:0] = ['.']; import conftest; print(os.environ['GOVPUB_TEST_PRE_COMMIT_HOME'])"],
        cwd=REPO / "tests", capture_output=True, text=True, check=True)
    assert caller.stdout.strip() == "/x/cache/pre-commit"
