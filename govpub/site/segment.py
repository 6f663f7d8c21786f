"""Chinese word segmentation for the search index: jieba, made ready once per build.

Material's search plugin cuts every indexed page's text with jieba (words joined by U+200B).
jieba's prefix dictionary (about 500,000 entries) takes 0.7 s of CPU to load from its
marshal cache, which was a third of an incremental build that renders one article. So:

- jieba is made ready only when the first page that the search indexes is rendered (a
  build that renders only generated pages never loads it);
- a build rendering many pages loads the whole dictionary, as jieba does;
- a build rendering a few pages reads a sharded copy of it instead (one marshal shard per
  first character, written by an earlier build of this site into the temporary folder,
  beside jieba's own cache): only the shards of the characters on those pages are read.
  The copy is trusted only when its SHA-256 is the one the previous build's manifest
  records (govpub/site/incremental.py), which the build that wrote it put there.

Both ways give jieba the same entries for every string it looks up (the prefix
dictionary holds every prefix of every word, and jieba only looks up strings starting
with the character it stands on), so the search index is byte for byte the same.
Every build starts from the base dictionary and adds the user dictionary
(search.jieba_dict_user, checks/search/jieba-user.txt) once.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from govpub.fsutil import write_atomic

SHARDED_MAX_PAGES = 200  # more pages than this to index: the whole dictionary is cheaper
_PREFIX = "govpub-jieba-"
_MAGIC = b"govpub-jieba-1\n"

# the base dictionary as jieba loaded it, kept for later builds of this process (tests)
_base: tuple[Any, dict[str, int], int] | None = None  # (dictionary key, FREQ, total)
_index: tuple[Any, str, bytes] | None = None  # (dictionary key, sha256, bytes) of its sharded copy


class ShardedFreq:
    """jieba's FREQ mapping over the sharded copy: a shard is read on its first use; words
    the user dictionary adds go into the shards read so far (jieba reads every prefix of
    a word before it adds one)."""

    def __init__(self, data: bytes) -> None:
        self._data = memoryview(data)
        size = int.from_bytes(data[len(_MAGIC):len(_MAGIC) + 8], "little")
        start = len(_MAGIC) + 8
        key, self.total, self._table = marshal.loads(self._data[start:start + size])
        self.key = tuple(key)
        self._base = start + size
        self._shards: dict[str, dict[str, int]] = {}

    def _shard(self, word: str) -> dict[str, int]:
        first = word[:1]
        shard = self._shards.get(first)
        if shard is None:
            where = self._table.get(first)
            shard = {} if where is None else marshal.loads(self._data[self._base + where[0]:
                                                                        self._base + where[0] + where[1]])
            self._shards[first] = shard
        return shard

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and word in self._shard(word)

    def __getitem__(self, word: str) -> int:
        return self._shard(word)[word]

    def __setitem__(self, word: str, freq: int) -> None:
        self._shard(word)[word] = freq

    def get(self, word: str, default: int | None = None) -> int | None:
        return self._shard(word).get(word, default)

    def __iter__(self) -> Iterator[str]:  # jieba never iterates FREQ; the whole copy if asked
        for first in self._table:
            yield from self._shard(first)


def _dictionary_key(tokenizer: Any) -> tuple[str, int, int]:
    """Which dictionary jieba would load, and that file's size and time."""
    import jieba  # type: ignore[import-untyped]

    path = tokenizer.dictionary or os.path.join(os.path.dirname(os.path.abspath(str(jieba.__file__))), "dict.txt")
    try:
        st = os.stat(path)
    except OSError:
        return (str(path), -1, -1)
    return (str(path), st.st_size, st.st_mtime_ns)


def _shards_of(key: Any, freq: dict[str, int], total: int) -> bytes:
    groups: dict[str, dict[str, int]] = {}
    for word, value in freq.items():
        group = groups.get(word[:1])
        if group is None:
            group = groups[word[:1]] = {}
        group[word] = value
    blobs, table, offset = [], {}, 0
    for first, group in groups.items():
        blob = marshal.dumps(group, 4)
        table[first] = (offset, len(blob))
        offset += len(blob)
        blobs.append(blob)
    head = marshal.dumps((list(key), total, table), 4)
    return b"".join([_MAGIC, len(head).to_bytes(8, "little"), head, *blobs])


def index_path(sha: str) -> Path:
    return Path(tempfile.gettempdir()) / f"{_PREFIX}{sha[:32]}.bin"


def _read_index(sha: str, key: Any) -> ShardedFreq | None:
    """The sharded copy named by the previous manifest, when its bytes are those it recorded."""
    try:
        data = index_path(sha).read_bytes()
    except OSError:
        return None
    if hashlib.sha256(data).hexdigest() != sha or not data.startswith(_MAGIC):
        return None
    try:
        freq = ShardedFreq(data)
    except (ValueError, TypeError, EOFError):
        return None
    return freq if freq.key == tuple(key) else None


def _write_index(key: Any, freq: dict[str, int], total: int) -> str:
    """The sharded copy of the base dictionary in the temporary folder; returns its SHA-256."""
    global _index
    if _index is not None and _index[0] == key:
        sha, data = _index[1], _index[2]
    else:
        data = _shards_of(key, freq, total)
        sha = hashlib.sha256(data).hexdigest()
        _index = (key, sha, data)
    path = index_path(sha)
    with contextlib.suppress(OSError):
        if path.is_file() and path.stat().st_size == len(data) and hashlib.sha256(path.read_bytes()).hexdigest() == sha:
            return sha
    with contextlib.suppress(OSError):  # no copy: the next build loads the whole dictionary (nothing else changes)
        write_atomic(path, data, fsync=False)
    return sha


def prepare(user_dict: str | None, pages: int, recorded: str | None) -> str | None:
    """Make jieba ready for a build that indexes `pages` pages. recorded: the SHA-256 of the
    sharded copy that the previous (trusted) build recorded, if any. Returns the SHA-256 of
    the sharded copy this build's manifest records (None when there is none)."""
    global _base
    try:
        import jieba
    except ImportError:
        return None
    dt = jieba.dt
    key = _dictionary_key(dt)
    sharded = _read_index(recorded, key) if recorded and pages <= SHARDED_MAX_PAGES else None
    if sharded is not None:
        dt.FREQ, dt.total, dt.initialized = sharded, sharded.total, True
        sha: str | None = recorded
    else:
        if _base is None or _base[0] != key:
            dt.initialized = False
            dt.initialize()
            _base = (key, dt.FREQ, dt.total)
        dt.FREQ, dt.total, dt.initialized = dict(_base[1]), _base[2], True
        sha = _write_index(key, _base[1], _base[2])
    if user_dict:
        jieba.load_userdict(user_dict)
    return sha
