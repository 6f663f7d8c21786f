"""Search segmentation (govpub/site/segment.py): the sharded copy of jieba's dictionary cuts
every text exactly as the whole dictionary does, and a copy whose bytes are not the ones
the previous manifest recorded is never used."""

from __future__ import annotations

import hashlib
import marshal
from pathlib import Path

import jieba
import pytest

from govpub.site import segment

USER = Path(__file__).resolve().parents[2] / "checks/search/jieba-user.txt"
TEXTS = [
    "湛江市司法局开展“八五”普法中期检查，人民调解员深入社区矫正对象家中走访。",
    "公共法律服务中心提供法律援助、值班律师、公证和司法鉴定咨询；热线12348全天服务。",
    "赤坎区霞山区麻章区坡头区遂溪县徐闻县廉江市雷州市吴川市，复议机关依法受理行政复议申请。",
    "The Zhanjiang bureau 2026年第3号通知 mixed 文本 ABC-123 与 全角ＡＢＣ。",
]


def cuts() -> list[list[str]]:
    return [list(jieba.cut(t)) for t in TEXTS] + [list(jieba.cut(t, HMM=False)) for t in TEXTS]


def test_the_sharded_copy_cuts_as_the_whole_dictionary() -> None:
    sha = segment.prepare(str(USER), pages=10_000, recorded=None)  # whole dictionary, writes the copy
    assert sha and segment.index_path(sha).is_file()
    whole = cuts()
    assert isinstance(jieba.dt.FREQ, dict)
    assert segment.prepare(str(USER), pages=1, recorded=sha) == sha
    assert isinstance(jieba.dt.FREQ, segment.ShardedFreq)
    assert cuts() == whole
    assert "社区矫正" in whole[0] and "值班律师" in whole[1]  # the user dictionary is in both


def test_a_copy_with_other_bytes_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sha = segment.prepare(str(USER), pages=10_000, recorded=None)
    assert sha
    whole = cuts()
    path = segment.index_path(sha)
    data = path.read_bytes()
    # a planted copy under the same name: 湛江市司法局 made one word
    monkeypatch.setattr(segment, "_index", None)
    freq = segment.ShardedFreq(data)
    tampered = {w: freq[w] for w in freq}
    tampered["湛江市司法局"] = 10**9
    for i in range(1, 6):
        tampered.setdefault("湛江市司法局"[:i], 0)
    forged = segment._shards_of(freq.key, tampered, freq.total)
    assert hashlib.sha256(forged).hexdigest() != sha
    try:
        path.write_bytes(forged)
        assert segment.prepare(str(USER), pages=1, recorded=sha) == sha  # verified: not used
        assert isinstance(jieba.dt.FREQ, dict)
        assert cuts() == whole
        # the forged copy would have changed the cut had it been trusted
        forged_sha = hashlib.sha256(forged).hexdigest()
        segment.index_path(forged_sha).write_bytes(forged)
        segment.prepare(str(USER), pages=1, recorded=forged_sha)
        assert isinstance(jieba.dt.FREQ, segment.ShardedFreq)
        assert "湛江市司法局" in list(jieba.cut(TEXTS[0]))
    finally:
        segment.index_path(hashlib.sha256(forged).hexdigest()).unlink(missing_ok=True)
        monkeypatch.setattr(segment, "_index", None)
        assert segment.prepare(str(USER), pages=10_000, recorded=None) == sha  # the copy written again
        assert hashlib.sha256(path.read_bytes()).hexdigest() == sha


def test_many_pages_use_the_whole_dictionary() -> None:
    sha = segment.prepare(str(USER), pages=10_000, recorded=None)
    segment.prepare(str(USER), pages=segment.SHARDED_MAX_PAGES + 1, recorded=sha)
    assert isinstance(jieba.dt.FREQ, dict)


def test_shards_are_plain_marshal_data() -> None:
    sha = segment.prepare(str(USER), pages=10_000, recorded=None)
    assert sha
    data = segment.index_path(sha).read_bytes()
    assert data.startswith(b"govpub-jieba-1\n")
    size = int.from_bytes(data[15:23], "little")
    key, total, table = marshal.loads(data[23:23 + size])
    assert total > 0 and "湛" in table


# -- a full build's segmentation in a worker process beside the build ----------------------

def _built_tree(tmp_path: Path, name: str) -> dict[str, bytes]:
    from helpers import copy_site

    from govpub.publish.build import build_site
    from govpub.site import incremental

    s = copy_site(tmp_path / name)
    build_site(s.root / "mkdocs.yml", s.root / "site", quiet=True)
    site = s.root / "site"
    manifest = incremental.load(site)
    assert manifest is not None
    tree = {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and p.name != incremental.MANIFEST}
    tree["segment"] = manifest.segment.encode()  # the sharded dictionary copy the next build may read
    return tree


@pytest.fixture(scope="module")
def in_process_tree(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The sample site built with Material's segmentation in the build process (the way
    before the worker, and the way of builds indexing few pages)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        mp.setattr(segment, "WORKER_MIN_PAGES", 10**9)
        workers = _count_workers(mp)
        tree = _built_tree(tmp_path_factory.mktemp("segment"), "in-process")
        assert not workers
    return tree


@pytest.fixture
def in_process(in_process_tree: dict[str, bytes], monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """in_process_tree; this test's build segments in a worker, however few its pages."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setattr(segment, "WORKER_MIN_PAGES", 0)
    return in_process_tree


EPOCH = "1795000000"  # sitemap.xml's lastmod: one day for every build


def _count_workers(monkeypatch: pytest.MonkeyPatch) -> list[segment.Worker]:
    made: list[segment.Worker] = []
    real = segment.Worker

    def counted(*args: object) -> segment.Worker:
        made.append(real(*args))  # type: ignore[arg-type]
        return made[-1]

    monkeypatch.setattr(segment, "Worker", counted)
    return made


@pytest.mark.parametrize("cache", [segment.CUT_CACHE, 2])  # 2: cuts forgotten and made again all the time
def test_the_worker_gives_the_same_site_and_search_index(in_process: dict[str, bytes], tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch, cache: int) -> None:
    monkeypatch.setattr(segment, "CUT_CACHE", cache)
    workers = _count_workers(monkeypatch)
    tree = _built_tree(tmp_path, "worker")
    assert len(workers) == 1 and not workers[0]._proc.is_alive()
    assert sorted(tree) == sorted(in_process)
    assert tree["search/search_index.json"] == in_process["search/search_index.json"]
    assert [k for k in tree if tree[k] != in_process[k]] == []
    assert "\u200b".encode("unicode_escape") in tree["search/search_index.json"]  # the texts were cut
    sha = tree["segment"].decode()
    assert sha and hashlib.sha256(segment.index_path(sha).read_bytes()).hexdigest() == sha


def test_a_dead_worker_costs_time_not_the_search_index(in_process: dict[str, bytes], tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    # killed at once (OOM killer, a signal): the build cuts every text itself
    monkeypatch.setattr(segment, "_serve", lambda *args: os._exit(9))
    workers = _count_workers(monkeypatch)
    tree = _built_tree(tmp_path, "killed")
    assert len(workers) == 1 and workers[0]._proc.exitcode == 9
    assert tree == in_process


def test_a_worker_answering_short_is_not_believed(in_process: dict[str, bytes], tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    def short(jobs: object, results: segment.Any, cut: object, user: object, ends: object) -> None:
        results.send(("0" * 64, ["湛江"]))  # an answer that is not the cuts of the texts sent

    monkeypatch.setattr(segment, "_serve", short)
    tree = _built_tree(tmp_path, "short")
    assert tree == in_process


def test_the_worker_ends_when_the_build_process_is_gone() -> None:
    """A killed build closes its end of the pipe: the worker must see the end of its input
    (it holds no copy of the build's end itself) and exit, not wait for ever."""
    worker = segment.Worker(lambda text: text, None)
    worker._jobs.close()  # what the kernel does for a killed build: its ends closed, no end mark sent
    worker._results.close()
    worker._proc.join(timeout=30)
    assert worker._proc.exitcode == 0
    worker._queue.put(None)
    worker._feeder.join()


def test_a_failed_build_stops_its_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from helpers import copy_site
    from mkdocs import utils

    from govpub.errors import GovpubError
    from govpub.publish.build import build_site

    monkeypatch.setattr(segment, "WORKER_MIN_PAGES", 0)
    workers = _count_workers(monkeypatch)
    write = utils.write_file

    def disk_full_at_xzzf(content: bytes, path: str) -> None:  # pages are built in path order
        if "/xzzf/" in path:
            raise OSError(errno.ENOSPC, "No space left on device", path)
        write(content, path)

    monkeypatch.setattr(utils, "write_file", disk_full_at_xzzf)
    s = copy_site(tmp_path / "failing")
    with pytest.raises(GovpubError, match="网站构建失败"):
        build_site(s.root / "mkdocs.yml", s.root / "site", quiet=True)
    assert len(workers) == 1  # it was cutting the pages before xzzf/
    assert workers[0]._proc.exitcode is not None  # stopped, not left waiting for texts
    assert not (s.root / "site").exists()
