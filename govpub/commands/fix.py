"""govpub fix [PATH...]: safe automatic fixes that cannot change meaning."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from govpub.commands._paths import article_files
from govpub.content.encoding import ENCODING_NAMES, Unreadable, decode
from govpub.policy import Policy


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH", help="要修正的文章或目录（默认 content/ 下全部）")


def write_atomic(path: Path, data: bytes) -> None:
    """Replace path's content in one step: a crash never leaves a half-written article."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, path.stat().st_mode & 0o777)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def run(args: argparse.Namespace) -> int:
    policy = Policy.discover()
    changed = 0
    for path in article_files(policy.root, args.paths):
        rel = path.relative_to(policy.root).as_posix()
        if path.is_symlink():
            continue
        try:
            decoded = decode(path.read_bytes())
        except Unreadable as exc:
            sys.stdout.write(f"{rel}: 跳过：{exc}\n")
            continue
        if decoded.is_canonical:
            continue
        data = decoded.text.encode("utf-8")
        if decode(data).text != decoded.text:  # pragma: no cover - UTF-8 round-trips every str
            sys.stdout.write(f"{rel}: 跳过：转换后内容不一致，请人工处理\n")
            continue
        write_atomic(path, data)
        changed += 1
        sys.stdout.write(f"{rel}: 编码已由{ENCODING_NAMES[decoded.encoding]}转换为 UTF-8\n")
    sys.stdout.write(f"修正了 {changed} 个文件\n")
    return 0
