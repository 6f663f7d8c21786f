"""File-system writes that never leave a half-written file or folder behind."""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from govpub.errors import UsageError

RENAME_EXCHANGE = 2


def user_cache_dir(name: str) -> Path | None:
    """A folder of the user's cache for speed-only data, or None when caches must not be used.

    The caches (parsed policy, compiled patterns) are read back as trusted data, so a run
    whose result is trusted by others never reads them: in CI (CI set, as GitHub and Gitea
    Actions do; a self-hosted runner's home may hold files an earlier, untrusted job wrote)
    and when GOVPUB_NO_CACHE is set. A drafter's own machine keeps them."""
    if os.environ.get("CI") or os.environ.get("GOVPUB_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "govpub" / name


def write_atomic(path: Path, data: bytes | str, *, fsync: bool = True, new: bool = False) -> None:
    """Replace path's content in one step (temporary file beside it, then a rename): a crash
    leaves the old content or the new one, never a mix. An existing file keeps its mode.
    str is written as UTF-8. new: the file must not exist yet (FileExistsError), also when
    another process creates it at the same moment (a hard link is made, never replaced)."""
    import tempfile  # here: a check that writes nothing does not load it (with shutil, bz2, lzma)

    raw = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    # the name cut short: a 250-byte file name plus the random part and .tmp was too long (ENAMETOOLONG)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name[:32]}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            if fsync:
                fh.flush()
                os.fsync(fh.fileno())
        try:
            mode = path.stat().st_mode & 0o777
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        if new:
            os.link(tmp, path)
            os.unlink(tmp)
        else:
            os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def leftover_temps(folder: Path) -> list[Path]:
    """The temporary files of write_atomic that a killed run left under folder (git ignores
    them): `.<name, cut to 32>.<8 random characters>.tmp` beside a file whose name starts so."""
    import re

    found = []
    for dirpath, _dirs, files in os.walk(folder, followlinks=False):
        names = set(files)
        for name in files:
            m = re.fullmatch(r"\.(.+)\.[a-z0-9_]{8}\.tmp", name)
            if m and not os.path.islink(os.path.join(dirpath, name)) and any(
                    other.startswith(m.group(1)) and other != name for other in names):
                found.append(Path(dirpath, name))
    return sorted(found)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2). False when the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes  # here, not at the top: ctypes.util costs every command (a one-file check) 20 ms
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    rc = fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), RENAME_EXCHANGE)
    return bool(rc == 0)


def switch_dir(new: Path, target: Path, discard: Callable[[Path], object] | None = None) -> None:
    """Put the finished folder `new` at `target`; the old one (if any) is deleted (by
    `discard` when given: it receives the old folder, already out of target's place).

    On Linux renameat2(RENAME_EXCHANGE) swaps the two folders atomically, so a web server
    pointed at target sees either the whole old folder or the whole new one. Elsewhere two
    renames (a moment without target, never a half-written one)."""
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise UsageError("输出位置不是目录", path=str(target),
                         hint="删除它或用 --site-dir 换一个目录；govpub build 的输出是一个普通目录")
    if not target.exists():
        os.rename(new, target)
        return
    import shutil

    remove = discard or (lambda folder: shutil.rmtree(folder, ignore_errors=True))
    if _exchange(new, target):  # new now holds the old folder
        remove(new)
        return
    old = target.with_name(f".{target.name}.old-{os.getpid()}-{os.urandom(4).hex()}")  # discard may not be done
    os.rename(target, old)
    os.rename(new, target)
    remove(old)


def content_hash(files: Sequence[Path]) -> str:
    """sha256 over the files' bytes in order, separated by a NUL byte: the one fingerprint of
    what a platform received (the article file first, then its images and cover)."""
    h = hashlib.sha256()
    for i, path in enumerate(files):
        if i:
            h.update(b"\0")
        h.update(path.read_bytes())
    return h.hexdigest()
