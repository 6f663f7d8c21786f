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

A build indexing many pages (a full build) segments them in a Worker: a process forked
beside the build, which loads the dictionary and cuts each page's texts with Material's own
segmentation function while the build renders the next pages (segmentation is about 40%
of a full build). The build process never loads the dictionary then. The worker remembers
the cut of each run of Chinese characters it has seen (a bounded cache: jieba's cut of a
string depends on nothing else), so a phrase that recurs across articles is cut once.
When the worker cannot start or dies, the build cuts what is left itself: the search
index is the same either way.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import marshal
import os
import queue
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from govpub.fsutil import write_atomic

SHARDED_MAX_PAGES = 200  # more pages than this to index: the whole dictionary is cheaper
WORKER_MIN_PAGES = SHARDED_MAX_PAGES  # more pages than this to index: segmented in a Worker
BATCH_CHARS = 1 << 17  # texts are sent to a Worker in batches of about this many characters
CUT_CACHE = 1 << 16  # runs of Chinese characters whose cut a Worker remembers
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


def _load_whole() -> None:
    """jieba's whole base dictionary, fresh (kept in _base for later builds of this process)."""
    global _base
    import jieba

    dt = jieba.dt
    key = _dictionary_key(dt)
    if _base is None or _base[0] != key:
        dt.initialized = False
        dt.initialize()
        _base = (key, dt.FREQ, dt.total)
    dt.FREQ, dt.total, dt.initialized = dict(_base[1]), _base[2], True


def prepare(user_dict: str | None, pages: int, recorded: str | None) -> str | None:
    """Make jieba ready for a build that indexes `pages` pages. recorded: the SHA-256 of the
    sharded copy that the previous (trusted) build recorded, if any. Returns the SHA-256 of
    the sharded copy this build's manifest records (None when there is none)."""
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
        _load_whole()
        assert _base is not None
        sha = _write_index(key, _base[1], _base[2])
    if user_dict:
        jieba.load_userdict(user_dict)
    return sha


Cut = Callable[[str], str]  # Material's segmentation of one text (SearchIndex._segment_chinese)


class Worker:
    """Texts cut by `cut` in a process forked beside the build. submit() never blocks (a
    thread of this process feeds the pipe); results() gives the cuts in submission order and
    the SHA-256 of the sharded dictionary copy (what prepare() would have returned)."""

    def __init__(self, cut: Cut, user_dict: str | None) -> None:
        import multiprocessing

        self._cut = cut
        self._user = user_dict
        self._texts: list[str] = []
        self._sent = 0  # texts handed to the feeding thread
        self._unsent = 0  # characters submitted since
        context = multiprocessing.get_context("fork")
        jobs_recv, self._jobs = context.Pipe(duplex=False)
        self._results, results_send = context.Pipe(duplex=False)
        self._proc = context.Process(target=_serve, daemon=True,
                                     args=(jobs_recv, results_send, cut, user_dict, (self._jobs, self._results)))
        self._proc.start()
        jobs_recv.close()
        results_send.close()
        self._queue: queue.SimpleQueue[list[str] | None] = queue.SimpleQueue()
        self._feeder = threading.Thread(target=self._feed, name="govpub-segment-feeder", daemon=True)
        self._feeder.start()

    def _feed(self) -> None:
        """Send the batches in order; stops at the end mark or when the worker is gone."""
        try:
            while (batch := self._queue.get()) is not None:
                self._jobs.send(batch)
            self._jobs.send(None)
        except OSError:  # the worker died: results() cuts the texts itself
            pass
        finally:
            self._jobs.close()

    def submit(self, texts: list[str]) -> None:
        """Texts to cut, sent in batches of about BATCH_CHARS characters (a batch a page
        woke the feeding thread 2,000 times a full build, each time taking the GIL from the
        build)."""
        self._texts.extend(texts)
        self._unsent += sum(map(len, texts))
        if self._unsent >= BATCH_CHARS:
            self._flush()

    def _flush(self) -> None:
        if self._sent < len(self._texts):
            self._queue.put(self._texts[self._sent:])
            self._sent = len(self._texts)
        self._unsent = 0

    def close(self) -> None:
        """Stop the worker without its results (the build failed)."""
        self._queue.put(None)
        self._proc.terminate()
        self._proc.join()
        self._results.close()

    def results(self, pages: int, recorded: str | None) -> tuple[str | None, list[str]]:
        self._flush()
        self._queue.put(None)
        self._feeder.join()
        answer: Any = None
        try:
            answer = self._results.recv()
        except (EOFError, OSError):  # the worker died before it answered
            pass
        finally:
            self._results.close()
            self._proc.join()
        if (isinstance(answer, tuple) and len(answer) == 2 and isinstance(answer[0], str)
                and isinstance(answer[1], list) and len(answer[1]) == len(self._texts)):
            return answer[0], answer[1]
        sha = prepare(self._user, pages, recorded)
        return sha, [self._cut(t) for t in self._texts]


def _serve(jobs: Any, results: Any, cut: Cut, user_dict: str | None, build_ends: tuple[Any, ...]) -> None:
    """The Worker process: the whole dictionary and the user dictionary, a cached jieba.cut
    (this process is a fork: the build's own jieba is untouched), every text cut in order,
    the sharded copy written; the cuts and its SHA-256 go back in one message. It ends
    when the build process is gone (killed: its end of the pipe closes)."""
    import jieba

    for end in build_ends:  # the fork's copies of the build's ends, or the pipe never closes
        end.close()

    _load_whole()
    if user_dict:
        jieba.load_userdict(user_dict)
    whole = jieba.dt.cut

    @functools.lru_cache(maxsize=CUT_CACHE)
    def cached(sentence: Any, cut_all: bool = False, HMM: bool = True) -> tuple[str, ...]:  # noqa: N803 - jieba's name
        return tuple(whole(sentence, cut_all, HMM))

    jieba.cut = cached
    out: list[str] = []
    try:
        while (batch := jobs.recv()) is not None:
            out.extend(cut(t) for t in batch)
    except EOFError:  # the build process died: nobody wants the cuts
        return
    jobs.close()
    assert _base is not None
    sha = _write_index(_dictionary_key(jieba.dt), _base[1], _base[2])
    results.send((sha, out))
    results.close()
