"""A cache of compiled regular expressions kept between runs (performance only).

Python compiles a regular expression from its text on every start: for govpub's rules
(some 170 patterns, several with large Chinese character classes) that is about 80 ms of
a one-file check, more than the check itself. install() makes re.compile keep the
compiled program (a list of integers) in the user's cache folder, keyed by the pattern
and its flags, and build the pattern object from it on the next start.

The program is CPython's own internal form: the cache file's name carries the exact
Python build and the regular expression engine's version, and install() does nothing on
an interpreter where a probe pattern built both ways does not behave the same. A missing,
unreadable or foreign cache file only costs the compile it would have saved.
"""

from __future__ import annotations

import atexit
import hashlib
import importlib
import marshal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from govpub.fsutil import user_cache_dir, write_atomic

_Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
_table: dict[tuple[str | bytes, int], _Entry] = {}
# Other facts about a pattern that cost a parse (matching.anchors), kept in a file beside the
# table: (kind, pattern, flags) -> value; kind names the code that computed it.
_memo: dict[tuple[str, str, int], Any] = {}
_state = {"installed": False, "dirty": False}
_used: set[Any] = set()  # keys of _table and _memo this process has asked for
_original: list[Any] = []  # re._compiler.compile as Python defines it (for tests to compare)
_PROBE = r"(?P<word>[\u4e00-\u9fff]{2,})(?<=[市局])|(?i:ab+c)\d{3}(?!x)"
# Entries per table. A full table first drops what this process has not used (patterns and
# anchors of older code: each change of a rule's pattern leaves its old entry behind); a run
# that compiles more than this itself (generated patterns) stops adding.
MAX_ENTRIES = 5000


def _modules() -> tuple[Any, Any, Any] | None:
    try:
        compiler = importlib.import_module("re._compiler")
        parser = importlib.import_module("re._parser")
        sre = importlib.import_module("_sre")
    except ImportError:
        return None
    if not all(hasattr(m, a) for m, a in ((compiler, "compile"), (compiler, "_code"), (parser, "parse"),
                                          (sre, "compile"), (sre, "MAGIC"))):
        return None
    return compiler, parser, sre


def cache_file() -> Path | None:
    """The cache file for this interpreter, or None when caches are off (fsutil.user_cache_dir)."""
    folder = user_cache_dir("regex")
    if folder is None:
        return None
    mods = _modules()
    magic = getattr(mods[2], "MAGIC", 0) if mods else 0
    tag = hashlib.sha256(f"{sys.version} {sys.implementation.cache_tag} {magic} {marshal.version}".encode())
    return folder / f"{tag.hexdigest()[:16]}.bin"


def _program(parser: Any, compiler: Any, pattern: str | bytes, flags: int) -> _Entry:
    """What re._compiler.compile passes to _sre.compile, computed the same way."""
    parsed = parser.parse(pattern, flags)
    code = compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    # int(): the opcodes are named int subclasses, which marshal cannot write
    return (int(flags | parsed.state.flags), [int(c) for c in code], int(parsed.state.groups - 1), groupindex,
            tuple(indexgroup))


def _same(a: Any, b: Any) -> bool:
    text = "湛江市司法局 ABBC123 湛江 abc123x"
    return bool(a.pattern == b.pattern and a.flags == b.flags and a.groups == b.groups
                and a.groupindex == b.groupindex
                and [m.span() for m in a.finditer(text)] == [m.span() for m in b.finditer(text)])


def install() -> bool:
    """Route re's compiler through the cache for the rest of the process. True when active."""
    if _state["installed"]:
        return True
    path = cache_file()
    mods = _modules()
    if path is None:
        return False
    if mods is None:
        return False
    compiler, parser, sre = mods
    original = compiler.compile
    try:
        probe = sre.compile(_PROBE, *_program(parser, compiler, _PROBE, 0))
        if not _same(probe, original(_PROBE, 0)):
            return False
    except Exception:  # noqa: BLE001 - an interpreter whose internals differ: no cache, nothing else changes
        return False
    for file, table in ((path, _table), (_memo_file(path), _memo)):
        try:
            loaded = marshal.loads(file.read_bytes())
            if isinstance(loaded, dict):
                table.update(loaded)
        except (OSError, EOFError, ValueError, TypeError):
            pass

    def cached_compile(p: Any, flags: int = 0) -> Any:
        if not isinstance(p, (str, bytes)) or flags & 128:  # parsed input (re.Scanner) or re.DEBUG
            return original(p, flags)
        key = (p, flags)
        _used.add(key)
        entry = _table.get(key)
        if entry is not None:
            try:
                return sre.compile(p, *entry)
            except Exception:  # noqa: BLE001 - a damaged entry: compile it afresh
                del _table[key]
        entry = _program(parser, compiler, p, flags)
        result = sre.compile(p, *entry)
        _add(_table, key, entry)
        return result

    if not _original:
        _original.append(original)
    compiler.compile = cached_compile
    _state["installed"] = True
    atexit.register(save)
    return True


def _add(table: dict[Any, Any], key: Any, value: Any) -> None:
    """Remember a new entry; a full table first drops the entries this process has not used."""
    if len(table) >= MAX_ENTRIES:
        for old in [k for k in table if k not in _used]:
            del table[old]
    if len(table) < MAX_ENTRIES:
        table[key] = value
        _state["dirty"] = True


def _memo_file(path: Path) -> Path:
    return path.with_suffix(".memo")


def memo(kind: str, pattern: str, flags: int, compute: Callable[[], Any], *, only: bool = False) -> Any:
    """compute(), remembered between runs under (kind, pattern, flags) while the cache is
    installed; the value must be marshal-able and kind must change with the code computing it.
    only: keep no other entry of this kind (a large value keyed by a hash of its inputs: the
    entry of the previous inputs is dropped, not kept beside it)."""
    if not _state["installed"]:
        return compute()
    key = (kind, pattern, flags)
    _used.add(key)
    if key in _memo:
        return _memo[key]
    value = compute()
    if only:
        for old in [k for k in _memo if k[0] == kind]:
            del _memo[old]
    _add(_memo, key, value)
    return value


def save() -> None:
    """Write the cache when this process compiled something new (also run at exit)."""
    path = cache_file()
    if not _state["dirty"] or path is None:
        return
    try:
        write_atomic(path, marshal.dumps(_table), fsync=False)
        write_atomic(_memo_file(path), marshal.dumps(_memo), fsync=False)
        _state["dirty"] = False
    except (OSError, ValueError):
        pass  # a read-only home only costs speed
