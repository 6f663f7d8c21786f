"""Deploying a built site (DESIGN.md, Publishing): releases side by side, one atomic switch.

Layout of a deployment target, the same on this machine and on a remote server:

    <target>/
      releases/<release id>/   one complete copy of a built site each
      current -> releases/<id> a relative symlink; the web server's document root is current/
      release-info/<id>.json   what `govpub publish` deployed: the commit and the approval
                               notes commit (outside the document root; never pruned)

A deploy copies the build into a hidden temporary folder inside releases/, renames it to
releases/<id> when the copy is complete, then points `current` at it with rename(2) over
the old link (a temporary symlink os.replace()d onto `current`). A web server serving
<target>/current therefore sees the whole old site or the whole new one, never a mix, and
a failure at any step leaves the old site live and no partial release behind. Old releases
beyond `keep` are pruned afterwards (never the live one); `rollback` points `current` back.

Release order is the release folders' modification time, which a deploy sets when the
release is complete (strictly after every earlier release), so release ids need not sort:
a commit hash does.

Remote targets (`user@host:/path`) are deployed with rsync over SSH into the same layout;
the SSH key file is named by GOVPUB_DEPLOY_SSH_KEY (Art. 14: never a key in the repository).
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from govpub import git
from govpub.errors import GovpubError
from govpub.fsutil import write_atomic

RELEASES = "releases"
CURRENT = "current"
LOCK = ".deploy.lock"
_TMP_PREFIX = ".tmp-"
_RELEASE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")

# The copy used for each file; a module attribute so that tests can make it fail midway.
_copy_file: Callable[..., object] = shutil.copy2

KEY_ENV = "GOVPUB_DEPLOY_SSH_KEY"
KNOWN_HOSTS_ENV = "GOVPUB_DEPLOY_KNOWN_HOSTS"


# -- helpers ----------------------------------------------------------------------------
def _check_release_id(release_id: str) -> None:
    if not _RELEASE_ID.match(release_id or "") or release_id in (CURRENT, RELEASES) \
            or release_id.endswith((".partial", ".tmp")):
        raise GovpubError(f"版本号“{release_id}”不可用",
                          hint="版本号只能由字母、数字、点、横线和下划线组成（如提交号或 20261127-2130），"
                               "不能以点开头，不能是 current")


def _check_build(build_dir: Path) -> None:
    if not build_dir.is_dir():
        raise GovpubError("要部署的网站目录不存在", path=str(build_dir),
                          hint="先运行 govpub build，再部署它的输出目录（默认 site/）")
    if not (build_dir / "index.html").is_file():
        raise GovpubError("要部署的目录里没有 index.html，不像构建好的网站", path=str(build_dir),
                          hint="确认部署的是 govpub build 的输出目录（默认 site/），不是仓库或 content/")


def current_release(target: Path) -> str | None:
    """The id of the live release, or None when nothing is deployed yet."""
    link = target / CURRENT
    if not link.is_symlink():
        return None
    dest = os.readlink(link)
    parts = Path(dest).parts
    if len(parts) == 2 and parts[0] == RELEASES:
        return parts[1]
    return Path(dest).name


def live_site(target: Path) -> Path | None:
    """The folder of the live release of a local target (None when nothing is deployed)."""
    live = current_release(target)
    folder = target / RELEASES / live if live else None
    return folder if folder is not None and folder.is_dir() and not folder.is_symlink() else None


def releases(target: Path) -> list[str]:
    """Release ids under target/releases/, newest first (by deploy time)."""
    folder = target / RELEASES
    if not folder.is_dir():
        return []
    found = []
    for entry in os.scandir(folder):
        if entry.name.startswith(".") or not entry.is_dir(follow_symlinks=False):
            continue
        found.append((entry.stat(follow_symlinks=False).st_mtime_ns, entry.name))
    return [name for _, name in sorted(found, reverse=True)]


@contextlib.contextmanager
def _locked(target: Path) -> Iterator[None]:
    """One deploy or rollback at a time per target (a second one waits)."""
    import fcntl

    target.mkdir(parents=True, exist_ok=True)
    with open(target / LOCK, "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _point_current(target: Path, release_id: str) -> None:
    """Switch target/current to releases/<id> in one rename (the link is relative)."""
    link = target / CURRENT
    tmp = target / f"{CURRENT}.tmp-{os.getpid()}"
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    os.symlink(f"{RELEASES}/{release_id}", tmp)
    try:
        os.replace(tmp, link)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


class _CopyFailed(Exception):
    """Stops copytree at the first file that cannot be copied (it would go on otherwise)."""

    def __init__(self, error: OSError) -> None:
        super().__init__(str(error))
        self.error = error


def _copy_or_stop(src: str, dst: str, **kw: object) -> object:
    try:
        return _copy_file(src, dst, **kw)
    except OSError as exc:
        raise _CopyFailed(exc) from exc


def _linker(build_dir: Path, live: Path | None) -> Callable[..., object]:
    """The copy for a release: a file of the build that is the live release's own file (the
    incremental build hard-linked it from there) becomes one more hard link to it; the rest
    is copied. The live release is never written to."""
    def place(src: str, dst: str, **kw: object) -> object:
        if live is not None:
            old = live / os.path.relpath(src, build_dir)
            with contextlib.suppress(OSError):
                if os.path.samefile(src, old):
                    os.link(old, dst)
                    return dst
        return _copy_or_stop(src, dst, **kw)

    return place


def _mark_newest(release: Path, others: Sequence[Path]) -> None:
    """Set the release's mtime to now, strictly after every other release (coarse clocks)."""
    newest = max((p.stat(follow_symlinks=False).st_mtime_ns for p in others if p.is_dir()), default=0)
    when = max(time.time_ns(), newest + 1)
    os.utime(release, ns=(when, when), follow_symlinks=False)


def _remove_stale(folder: Path) -> None:
    """Temporary folders of an earlier deploy that was killed (we hold the lock)."""
    for entry in folder.iterdir():
        if entry.name.startswith(_TMP_PREFIX):
            shutil.rmtree(entry, ignore_errors=True)
    for entry in folder.parent.glob(f"{CURRENT}.tmp-*"):
        with contextlib.suppress(OSError):
            entry.unlink()


# -- local ------------------------------------------------------------------------------
def deploy_local(build_dir: Path, target: Path, release_id: str, keep: int = 5,
                 info: dict[str, Any] | None = None, move: bool = False) -> Path:
    """Copy build_dir to target/releases/<release_id>/ and make it live; returns its path.

    move: build_dir is the caller's own fresh build, which it no longer needs: on the same
    file system it becomes the release by one rename (its files carried over from the
    live release are already hard links to it) instead of being copied file by file.

    info (from `govpub publish`: the commit and the notes commit) is written to
    release-info/<release_id>.json once the release is live; `published` reads it back.

    Deploying the id that is already live does nothing (a re-run of a publish that failed
    later on). Any failure leaves the previous release live and removes the new one.
    """
    _check_release_id(release_id)
    _check_build(build_dir)
    if keep < 1:
        raise GovpubError("keep 至少为 1：线上版本必须保留")
    target = target.absolute()
    link = target / CURRENT
    if link.exists() and not link.is_symlink():
        raise GovpubError("部署位置的 current 是普通目录或文件，不是符号链接", path=str(link),
                          hint="把它移走（例如改名为 releases/旧版本号），网页服务器的根目录改为 current；"
                               "govpub 只切换符号链接，不覆盖目录")
    with _locked(target):
        folder = target / RELEASES
        folder.mkdir(exist_ok=True)
        _remove_stale(folder)
        final = folder / release_id
        if current_release(target) == release_id and final.is_dir():
            _write_info_local(target, release_id, info)
            return final
        if final.exists():  # not live: a leftover of an earlier attempt; rebuild it
            shutil.rmtree(final)
        tmp = Path(tempfile.mkdtemp(prefix=f"{_TMP_PREFIX}{release_id}-", dir=folder))
        place = _linker(build_dir, live_site(target))
        try:
            try:
                if not (move and _rename_into(build_dir, tmp)):
                    shutil.copytree(build_dir, tmp, symlinks=True, dirs_exist_ok=True, copy_function=place)
            except _CopyFailed as exc:
                raise GovpubError(f"复制网站文件失败：{_reason(exc.error)}", path=str(build_dir),
                                  hint="线上网站没有改动（仍是原来的版本）；排除原因（磁盘空间、权限）后重新部署") from None
            except (OSError, shutil.Error) as exc:
                raise GovpubError(f"复制网站文件失败：{_reason(exc)}", path=str(build_dir),
                                  hint="线上网站没有改动（仍是原来的版本）；排除原因（磁盘空间、权限）后重新部署") from None
            os.chmod(tmp, 0o755)  # mkdtemp makes it private; the web server must read it
            _keep_manifest_out(tmp, target, release_id)
            os.rename(tmp, final)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            _drop_manifest(target, release_id)
            raise
        try:
            _mark_newest(final, [p for p in folder.iterdir() if p != final and not p.name.startswith(".")])
            _point_current(target, release_id)
        except BaseException as exc:
            shutil.rmtree(final, ignore_errors=True)
            _drop_manifest(target, release_id)
            if isinstance(exc, OSError):
                raise GovpubError(f"切换线上版本失败：{_reason(exc)}", path=str(link),
                                  hint="线上网站没有改动（仍是原来的版本）；排除原因后重新部署") from None
            raise
        prune(target, keep)
        _write_info_local(target, release_id, info)
        return final


def _keep_manifest_out(release: Path, target: Path, release_id: str) -> None:
    """The build's manifest (govpub/site/incremental.py: every source file, its hash, the
    installed packages) is for the next build, not for readers: it moves out of the document
    root to <target>/build-manifests/<id>.json before the release can go live."""
    from govpub.site import incremental

    inside = release / incremental.MANIFEST
    if not inside.exists():
        return
    folder = target / incremental.DEPLOYED_MANIFESTS
    folder.mkdir(exist_ok=True)
    os.replace(inside, folder / f"{release_id}.json")


def _drop_manifest(target: Path, release_id: str) -> None:
    from govpub.site import incremental

    with contextlib.suppress(OSError):
        (target / incremental.DEPLOYED_MANIFESTS / f"{release_id}.json").unlink()


def _rename_into(build_dir: Path, tmp: Path) -> bool:
    """Move build_dir to the empty folder tmp by one rename (what copytree would give, its
    symlinks kept as symlinks too); False, with tmp as it was, across file systems."""
    os.rmdir(tmp)
    try:
        os.rename(build_dir, tmp)
        return True
    except OSError:
        tmp.mkdir()
        return False


def prune(target: Path, keep: int = 5) -> list[str]:
    """Delete releases beyond the newest `keep`, never the live one; returns what was removed."""
    live = current_release(target)
    removed = []
    for name in releases(target)[keep:]:
        if name == live:
            continue
        shutil.rmtree(target / RELEASES / name, ignore_errors=True)
        _drop_manifest(target, name)
        removed.append(name)
    return removed


def rollback(target: Path, to: str | None = None) -> str:
    """Point `current` at the release before the live one (or at `to`); returns its id."""
    target = target.absolute()
    with _locked(target):
        ids = releases(target)
        live = current_release(target)
        choice = _rollback_choice(target, str(target), ids, live, to)
        if choice != live:
            _point_current(target, choice)
        return choice


def _rollback_choice(manifests: Path, where: str, ids: list[str], live: str | None, to: str | None) -> str:
    """The release a rollback goes to (`to`, or the one before the live one), after the checks that
    refuse it: it must not show again what the newest release withdrew, deleted or corrected
    (judged from the build manifests under `manifests`/build-manifests/)."""
    if to is not None:
        if to not in ids:
            shown = "、".join(ids) if ids else "（没有）"
            raise GovpubError(f"没有版本“{to}”，无法回退", path=f"{where}/{RELEASES}",
                              hint=f"可以回退到的版本（新的在前）：{shown}")
        choice = to
    else:
        older = ids[ids.index(live) + 1:] if live in ids else []
        if not older:
            raise GovpubError("没有可以回退到的旧版本" + ("：目前还没有部署过网站" if not live else
                                               f"：线上版本 {live} 已是保留的最早版本"),
                              path=where,
                              hint="旧版本超过保留数量时会被删除；需要更早的内容，请在仓库中还原文章后重新构建、部署")
        choice = older[0]
    back = _would_return(manifests, ids[0], choice) if choice != live and choice != ids[0] else []
    if back is None:
        raise GovpubError(f"不能回退到版本 {choice}：它缺少构建清单（build-manifests/{choice}.json）或清单没有记录网站设置、模板和咨询记录的版本，"
                          "无法核对它是否仍显示此后撤下、删除或更正的内容",
                          path=f"{where}/build-manifests",
                          hint="改为修正问题后重新发布（govpub publish），或回退到有构建清单的版本（govpub rollback 目录 --list）；"
                               "不要手工删除部署位置的 build-manifests/")
    if back:
        shown = "、".join(back[:5]) + (f" 等 {len(back)} 篇" if len(back) > 5 else "")
        raise GovpubError(f"不能回退到版本 {choice}：最新发布的版本已撤下、删除或更正了其中的文章或文件（含网站设置、模板、咨询记录）{shown}，"
                          "回退会让读者重新看到它们（被后来审核通过的版本替换的旧版本不再是审核通过的内容）",
                          path=f"{where}/{RELEASES}/{choice}",
                          hint="改为修正问题后重新发布（govpub publish），或回退到撤稿之后的版本（govpub rollback 目录 --list）")
    return choice


def remote_releases(destination: str, runner: Runner | None = None) -> tuple[str | None, list[str]]:
    """(the live release, every release newest first) of a user@host:/path target."""
    host, path = split_destination(destination)
    return _live_and_order(host, path, runner or _run)


def rollback_remote(destination: str, to: str | None = None, runner: Runner | None = None) -> str:
    """`rollback` on a user@host:/path target over SSH, with the same refusals: the two releases'
    build manifests are read from the target's build-manifests/ (deploy_rsync uploads them), the
    switch is the same rename of `current` the deploy makes."""
    import tempfile

    from govpub.site import incremental

    run = runner or _run
    host, path = split_destination(destination)
    if host is None:
        return rollback(Path(path), to)
    live, ids = _live_and_order(host, path, run)
    with tempfile.TemporaryDirectory(prefix="govpub-rollback-") as tmp:
        local = Path(tmp)
        for rid in ids:  # the kept releases (5 by default), each with its manifest if it has one
            _check_release_id(rid)
            (local / RELEASES / rid).mkdir(parents=True)
            proc = run([*ssh_command(), host, "cat " + shlex.quote(f"{path}/{incremental.DEPLOYED_MANIFESTS}/{rid}.json")])
            if proc.returncode == 0 and proc.stdout.strip():
                (local / incremental.DEPLOYED_MANIFESTS).mkdir(exist_ok=True)
                (local / incremental.DEPLOYED_MANIFESTS / f"{rid}.json").write_text(proc.stdout, "utf-8")
        choice = _rollback_choice(local, destination, ids, live, to)
    if choice != live:
        rid = shlex.quote(f"{RELEASES}/{choice}")
        # under the target's deploy lock (the one the deploy's switch takes), and only if the
        # target is still what the checks above read: a deploy that went live meanwhile (one
        # that withdrew an article the chosen release shows) is not undone by a stale decision
        script = "\n".join([
            "set -e", f"cd {shlex.quote(path)}", _REMOTE_LOCK,
            f'[ "$(readlink {CURRENT} 2>/dev/null || true)" = {shlex.quote(f"{RELEASES}/{live}" if live else "")} ] '
            f'&& [ "$(ls -1dt {RELEASES}/*/ 2>/dev/null | head -n 1)" = {shlex.quote(f"{RELEASES}/{ids[0]}/")} ] '
            f"|| exit {_CHANGED}",
            f"[ -d {rid} ]", f"ln -sfn {rid} {CURRENT}.tmp", f"mv -T {CURRENT}.tmp {CURRENT}"])
        proc = run([*ssh_command(), host, "sh -c " + shlex.quote(script)])
        if proc.returncode == _CHANGED:
            raise GovpubError("回退期间部署位置有了新的发布或回退，本次回退没有切换（按旧的核对结果切换，"
                              "可能让读者重新看到新版本撤下的文章）",
                              path=destination, hint="重新运行 govpub rollback：按部署位置现在的版本重新核对")
        if proc.returncode != 0:
            raise GovpubError(f"切换线上版本失败（退出码 {proc.returncode}）：{(proc.stderr or '').strip()[-200:]}",
                              path=destination, hint="线上版本没有改动；检查网络、部署密钥和目录权限后重试")
    return choice


# The lock of a user@host:/path target: flock(1) on the same file a local deploy locks (LOCK),
# held by the remote shell until it exits (killed too: the kernel lets go). The deploy's switch
# and a remote rollback's compare-and-switch take it, so they never interleave.
_REMOTE_LOCK = (f"command -v flock >/dev/null || {{ echo '部署服务器上没有 flock（util-linux），无法加部署锁' >&2; exit 1; }}\n"
                f"exec 9>>{LOCK}\nflock -x 9")
_CHANGED = 75  # the rollback's compare-and-switch found the target changed


def _would_return(target: Path, newest: str, choice: str) -> list[str] | None:
    """The articles release `choice` shows as pages that the newest release (the latest
    decisions, whichever release is live after a rollback) has withdrawn or no longer has, and
    the content files (articles, pictures, attachments) it has in another version than the newest
    (a correction made since: the version it replaced is not approved any more), from the two
    builds' manifests; and the other files whose text the site shows (mkdocs.yml, columns.yml,
    templates, consultation records: the manifests' `shown`) that `choice` has in a version the
    newest no longer has. None when only `choice` has none (a release from before manifests, or one
    deleted by hand: nobody can tell) or records no `shown` while the newest does; [] when the
    newest has none either (releases govpub did not build)."""
    from govpub.site import incremental

    def load(release: str) -> incremental.Manifest | None:
        return incremental.load(target / RELEASES / release)

    def shown(manifest: incremental.Manifest) -> set[str]:
        return {uri for uri, src in manifest.sources.items()
                if uri.endswith(".md") and src.output and isinstance(src.meta, dict)
                and src.meta.get("status") != "withdrawn"}

    old, new = load(choice), load(newest)
    if new is None:
        return []
    if old is None:
        return None
    changed = {uri for uri, src in old.sources.items() if src.sha and src.output
               and (uri not in new.sources or new.sources[uri].sha not in ("", src.sha))}
    if new.shown is not None and old.shown is None:
        return None
    settings = {path for path, sha in (old.shown or {}).items() if new.shown is not None and new.shown.get(path) != sha}
    return sorted((shown(old) - shown(new)) | changed | settings)


# -- remote (rsync over SSH) ------------------------------------------------------------
Runner = Callable[[list[str]], subprocess.CompletedProcess[str]]


def _run(argv: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, capture_output=True, text=True)


def split_destination(destination: str) -> tuple[str | None, str]:
    """('user@host', '/path') for a remote destination, (None, path) for a local one.

    The rule is rsync's: a colon before any slash means host:path.
    """
    if "::" in destination or destination.startswith("rsync://"):
        raise GovpubError(f"不支持 rsync 守护进程地址“{destination}”",
                          hint="部署地址写成 用户@主机:/目录（经 SSH），或本机目录")
    colon, slash = destination.find(":"), destination.find("/")
    if colon > 0 and (slash < 0 or colon < slash):
        host, path = destination[:colon], destination[colon + 1:]
        if not path:
            raise GovpubError(f"部署地址“{destination}”缺少目录", hint="写成 用户@主机:/var/www/sfj")
        return host, path.rstrip("/") or "/"
    return None, destination.rstrip("/") or "/"


def ssh_command(environ: dict[str, str] | None = None) -> list[str]:
    """ssh with the deploy key from GOVPUB_DEPLOY_SSH_KEY (a file path, outside any repository)."""
    env = os.environ if environ is None else environ
    argv = ["ssh", "-o", "BatchMode=yes"]
    key = env.get(KEY_ENV)
    if key:
        if "\n" in key or "PRIVATE KEY" in key or len(key) > 1024:  # never echo key material
            raise GovpubError(f"{KEY_ENV} 的值是私钥本身而不是文件路径（值不显示）",
                              hint="把私钥写入部署机上仓库之外的文件（chmod 600），"
                                   f"{KEY_ENV} 只写这个文件的路径（第十四条）")
        path = Path(key).expanduser()
        if not path.is_file():
            raise GovpubError(f"{KEY_ENV} 指向的私钥文件不存在", path=str(path),
                              hint="在部署机上把部署私钥保存为文件（如 CI 的密钥变量写入临时文件），"
                                   f"{KEY_ENV} 写它的路径；私钥本身不能写进仓库或环境变量值（第十四条）")
        if _inside_git_worktree(path):
            raise GovpubError("部署私钥放在 Git 仓库的工作目录里", path=str(path),
                              hint="私钥绝不能进入仓库（第十四条）：移到仓库外（如 ~/.ssh/ 或 CI 的临时目录），"
                                   "并检查它是否已被提交过——提交过就必须作废并更换")
        if path.stat().st_mode & 0o077:
            raise GovpubError("部署私钥文件的权限过宽，ssh 会拒绝使用", path=str(path),
                              hint=f"运行 chmod 600 {shlex.quote(str(path))}")
        argv += ["-i", str(path), "-o", "IdentitiesOnly=yes"]
    known = env.get(KNOWN_HOSTS_ENV)
    if known:
        argv += ["-o", f"UserKnownHostsFile={known}", "-o", "StrictHostKeyChecking=yes"]
    return argv


def _inside_git_worktree(path: Path) -> bool:
    return git.out(path.resolve().parent, "rev-parse", "--is-inside-work-tree") == "true"


def _switch_script(path: str, release_id: str, keep: int) -> str:
    """Run in the target folder after the upload: rename the upload into place, switch, prune."""
    p, rid = shlex.quote(path), shlex.quote(release_id)
    partial = shlex.quote(f"{RELEASES}/.partial-{release_id}")
    return "\n".join([
        "set -e",
        f"cd {p}",
        _REMOTE_LOCK,  # one switch or rollback at a time on the target
        f'if [ "$(readlink {CURRENT} 2>/dev/null || true)" = {RELEASES}/{rid} ]; then',
        f"  rm -rf {partial}; exit 0", "fi",  # already live: a re-run
        f"rm -rf {RELEASES}/{rid}",  # not live: a leftover of an earlier attempt
        f"mv -T {partial} {RELEASES}/{rid}",
        f"touch {RELEASES}/{rid}",  # release order is mtime order
        f"ln -sfn {RELEASES}/{rid} {CURRENT}.tmp",
        f"mv -T {CURRENT}.tmp {CURRENT}",
        # prune: keep the newest `keep`, never the live one
        f'live="$(readlink {CURRENT})"',
        f"ls -1dt {RELEASES}/*/ | tail -n +{keep + 1} | while read -r d; do",
        '  d="${d%/}"; [ "$d" = "$live" ] || rm -rf "$d" "build-manifests/${d#releases/}.json"',
        "done",
    ])


def deploy_rsync(build_dir: Path, destination: str, release_id: str, keep: int = 5,
                 runner: Runner = _run, info: dict[str, Any] | None = None) -> str:
    """Upload build_dir with rsync to destination (user@host:/path, or a local path) in the
    releases/current layout, then switch `current` there; returns the live release path.

    Files whose content is unchanged are hard links to the live release (--link-dest), so a
    release costs only what changed. The upload goes to releases/.partial-<id>/ and is renamed when
    complete; a failed upload leaves the live site untouched, and a re-run resumes it.
    """
    _check_release_id(release_id)
    _check_build(build_dir)
    if keep < 1:
        raise GovpubError("keep 至少为 1：线上版本必须保留")
    host, path = split_destination(destination)
    ssh = ssh_command() if host else []

    def remote(script: str) -> list[str]:
        if host:
            return [*ssh, host, "sh -c " + shlex.quote(script)]
        return ["sh", "-c", script]

    def step(argv: list[str], what: str) -> str:
        try:
            proc = runner(argv)
        except OSError as exc:
            raise GovpubError(f"{what}失败：无法运行 {argv[0]}（{exc.strerror}）",
                              hint=f"在部署机上安装 {argv[0]}（Debian：apt-get install rsync openssh-client）") from None
        if proc.returncode != 0:
            detail = (proc.stderr or proc.stdout or "").strip().splitlines()[-3:]
            raise GovpubError(f"{what}失败（退出码 {proc.returncode}）：{' / '.join(detail)}",
                              path=destination,
                              hint="线上网站没有改动（仍是原来的版本）；排除原因（网络、密钥、目录权限）后重新部署，"
                                   "已上传的部分会续传")
        return proc.stdout or ""

    q = shlex.quote(path)
    # the target's absolute path, for --link-dest: rsync's CVE fixes (Debian's 3.2.7-1+deb12u6,
    # RsyncProject/rsync#928) reject a relative basis such as ../../current with "failed
    # verification -- update discarded" on every file; an absolute one works
    root = step(remote(f"mkdir -p {q}/{RELEASES} {q}/{RELEASE_INFO} && cd {q} && pwd -P"),
                "创建部署目录").strip().splitlines()[-1:]
    if not root or not root[0].startswith("/"):
        raise GovpubError(f"无法读取部署目录“{destination}”的绝对路径", path=destination,
                          hint="线上网站没有改动；检查部署机上的目录和 shell 后重新部署")
    partial = f"{path}/{RELEASES}/.partial-{release_id}/"
    # -a without -t and -o/-g, with --checksum: every build rewrites every file, so only the
    # content tells what changed; unchanged files become hard links to the live release and
    # keep their old modification time (Last-Modified stays valid for browsers' caches).
    rsync = ["rsync", "-rlpD", "--checksum", "--delete", f"--link-dest={root[0]}/{CURRENT}",
             "--exclude=/.govpub-build.json"]  # the build's manifest is not for readers (a full build)
    if host:
        rsync += ["-e", shlex.join(ssh)]
    rsync += [f"{build_dir.absolute()}/", f"{host}:{partial}" if host else partial]
    step(rsync, "上传网站文件（rsync）")
    manifest = build_dir / ".govpub-build.json"
    if manifest.is_file():  # what `govpub rollback` checks a release against (not for readers)
        folder = f"{path}/build-manifests"
        step(remote(f"mkdir -p {shlex.quote(folder)}"), "上传构建清单")
        step(["rsync", *(["-e", shlex.join(ssh)] if host else []), str(manifest.absolute()),
              f"{host}:{folder}/{release_id}.json" if host else f"{folder}/{release_id}.json"], "上传构建清单")
    step(remote(_switch_script(path, release_id, keep)), "切换线上版本")
    if info is not None:
        _upload_info(destination, host, path, ssh, release_id, info, runner)
    return f"{destination.rstrip('/')}/{RELEASES}/{release_id}"


def _reason(exc: BaseException) -> str:
    if isinstance(exc, shutil.Error) and exc.args and isinstance(exc.args[0], list):
        first = exc.args[0][0]
        return f"{first[0]}：{first[2]}" + (f" 等 {len(exc.args[0])} 个文件" if len(exc.args[0]) > 1 else "")
    if isinstance(exc, OSError):
        return f"{exc.filename or ''} {exc.strerror or exc}".strip()
    return str(exc)


# -- the record of what was published (the publish gate's starting point) ----------------
RELEASE_INFO = "release-info"


def _info_text(release_id: str, info: dict[str, Any]) -> str:
    """One line of JSON: the caller's fields, the release id and a deploy sequence number."""
    import json

    return json.dumps({**info, "release": release_id, "deployed_ns": time.time_ns()}, ensure_ascii=False) + "\n"


def _write_info_local(target: Path, release_id: str, info: dict[str, Any] | None) -> None:
    if info is None:
        return
    folder = target / RELEASE_INFO
    try:
        write_atomic(folder / f"{release_id}.json", _info_text(release_id, info))
    except OSError as exc:
        raise GovpubError(f"网站已上线，但发布记录没有写入：{_reason(exc)}", path=str(folder),
                          hint="排除原因（磁盘空间、权限）后重新运行 govpub publish：同一版本不会重复部署，会补写记录") from None


def _upload_info(destination: str, host: str | None, path: str, ssh: list[str], release_id: str,
                 info: dict[str, Any], runner: Runner) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        local = Path(tmp) / f"{release_id}.json"
        local.write_text(_info_text(release_id, info), "utf-8")
        folder = f"{path}/{RELEASE_INFO}/"
        argv = ["rsync", "-r", *(["-e", shlex.join(ssh)] if host else []), str(local),
                f"{host}:{folder}" if host else folder]
        proc = runner(argv)
    if proc.returncode != 0:
        raise GovpubError(f"网站已上线，但发布记录没有写入 {destination}/{RELEASE_INFO}/"
                          f"（退出码 {proc.returncode}）：{(proc.stderr or '').strip()[-200:]}",
                          hint="重新运行 govpub publish：同一版本不会重复部署，会补写记录；"
                               "在此之前下次发布会从上一条记录起核对三审（核对更多的提交，结论仍然正确）")


def record_hold(destination: str, release_id: str, held: dict[str, str], runner: Runner = _run) -> None:
    """`govpub retract --deploy`: write, before its release is deployed, which article versions
    (path -> Git blob) the retraction takes down. The record lives on the deploy target, where
    only whoever holds the deploy credentials writes (not in refs/govpub/ledger, which anyone with
    push rights can write); `holds` reads it back."""
    host, path = split_destination(destination)
    info = {"held": held}
    try:
        if host is None:
            write_atomic(Path(path).absolute() / RELEASE_INFO / f"{release_id}.json", _info_text(release_id, info))
        else:
            runner([*ssh_command(), host, "mkdir -p " + shlex.quote(f"{path}/{RELEASE_INFO}")])
            _upload_info(destination, host, path, ssh_command(), release_id, info, runner)
    except (OSError, GovpubError) as exc:
        raise GovpubError(f"撤稿记录没有写入部署位置：{exc}", path=f"{destination}/{RELEASE_INFO}",
                          hint="网站还没有改动；排除原因（网络、磁盘空间、权限）后重新运行 govpub retract --deploy") from None


def holds(destination: str, runner: Runner = _run) -> dict[str, str]:
    """The article versions (path -> blob) taken down by `govpub retract --deploy` since the
    newest `govpub publish` deployed: a publish that deploys ends every earlier hold."""
    records = _records(destination, runner)
    since = max((int(r.get("deployed_ns") or 0) for r in records if isinstance(r.get("commit"), str)), default=0)
    out: dict[str, str] = {}
    for r in sorted(records, key=lambda r: int(r.get("deployed_ns") or 0)):
        if isinstance(r.get("held"), dict) and int(r.get("deployed_ns") or 0) > since:
            out.update({k: v for k, v in r["held"].items() if isinstance(k, str) and isinstance(v, str)})
    return out


def unfinished_holds(destination: str, runner: Runner = _run) -> list[str]:
    """Articles whose `govpub retract --deploy` recorded its hold but whose release never went
    live (the run was killed or failed between the record and the switch): the site still shows
    them. Every target govpub deploys to: a local folder, and user@host:/path, whose live
    release and release order are read over SSH in one call (an upload broken off leaves only
    the hidden .partial- folder, a release renamed into place but never switched to is newer
    than current)."""
    host, path = split_destination(destination)
    if not path:
        return []
    records = _records(destination, runner)
    since = max((int(r.get("deployed_ns") or 0) for r in records if isinstance(r.get("commit"), str)), default=0)
    if not any(isinstance(r.get("held"), dict) and int(r.get("deployed_ns") or 0) > since for r in records):
        return []
    current, order = _live_and_order(host, path, runner)

    def went_live(release: str) -> bool:
        return release in order and current in order and order.index(current) <= order.index(release)

    live: dict[str, bool] = {}  # the newest retraction of each article: did its release go live
    for r in sorted(records, key=lambda r: int(r.get("deployed_ns") or 0)):
        release = r.get("release")
        if isinstance(r.get("held"), dict) and int(r.get("deployed_ns") or 0) > since and isinstance(release, str):
            live.update({k: went_live(release) for k in r["held"] if isinstance(k, str)})
    return sorted(k for k, ok in live.items() if not ok)


def _live_and_order(host: str | None, path: str, runner: Runner) -> tuple[str | None, list[str]]:
    """The live release and every release, newest first (deploy order), of a target."""
    if host is None:
        return current_release(Path(path)), releases(Path(path))
    script = (f"cd {shlex.quote(path)} 2>/dev/null || exit 0\n"
              f"echo \"current=$(readlink {CURRENT} 2>/dev/null || true)\"\n"
              f"ls -1dt {RELEASES}/*/ 2>/dev/null || true")
    proc = runner([*ssh_command(), host, "sh -c " + shlex.quote(script)])
    if proc.returncode != 0:
        raise GovpubError(f"无法读取部署位置的线上版本（退出码 {proc.returncode}）：{(proc.stderr or '').strip()[-200:]}",
                          path=f"{host}:{path}", hint="检查网络、部署密钥和目录权限后重试；读不到时不会发布")
    current, order = None, []
    for line in proc.stdout.splitlines():
        if line.startswith("current="):
            parts = Path(line.removeprefix("current=")).parts
            current = parts[1] if len(parts) == 2 and parts[0] == RELEASES else (parts[-1] if parts else None)
        elif line.startswith(f"{RELEASES}/") and line.strip("/") != RELEASES:
            order.append(line.strip().rstrip("/").split("/", 1)[1])
    return current, order


def published(destination: str, runner: Runner = _run) -> dict[str, Any] | None:
    """The newest record of `govpub publish` on a target (local folder or user@host:/path), or None.

    The newest by deploy order, not the release `current` points at: a rollback serves an older
    release but does not undo what was checked and published since, and a release deployed
    without a record (govpub retract --deploy) is no starting point for the gate.
    """
    records = [r for r in _records(destination, runner) if isinstance(r.get("commit"), str)]
    return max(records, key=lambda r: int(r.get("deployed_ns") or 0), default=None)


def _records(destination: str, runner: Runner) -> list[dict[str, Any]]:
    """Every record in the target's release-info/ (publishes and retractions)."""
    import json

    host, path = split_destination(destination)
    if host is None:
        folder = Path(path) / RELEASE_INFO
        texts = [p.read_text("utf-8") for p in sorted(folder.glob("*.json"))] if folder.is_dir() else []
    else:
        script = f"cat {shlex.quote(path)}/{RELEASE_INFO}/*.json 2>/dev/null || true"
        proc = runner([*ssh_command(), host, "sh -c " + shlex.quote(script)])
        if proc.returncode != 0:
            raise GovpubError(f"无法读取部署位置的发布记录（退出码 {proc.returncode}）：{(proc.stderr or '').strip()[-200:]}",
                              path=destination, hint="检查网络、部署密钥和目录权限后重试；读不到记录时不会发布")
        texts = [proc.stdout]
    records = []
    for text in texts:
        for line in text.splitlines():
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError:
                raise GovpubError("部署位置的发布记录不是有效的 JSON", path=f"{destination}/{RELEASE_INFO}",
                                  hint="发布记录只由 govpub publish 写入；请办公室检查部署服务器上是否有人改动过") from None
            if isinstance(data, dict):
                records.append(data)
    return records
