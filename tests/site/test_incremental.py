"""Incremental website build (govpub/site/incremental.py): after any sequence of edits,
additions, deletions and withdrawals, the site built against the previous one is byte for
byte the site a fresh full build gives; a change to a global input, or a previous build
that cannot be trusted, makes it a full build."""

from __future__ import annotations

import json
import os
import random
import shutil
import time
from pathlib import Path

import pytest
from helpers import REPO, Site, copy_site

from govpub.publish.build import BuildResult, build_site
from govpub.site import incremental

COLUMNS = ["gzdt", "tzgg", "pfyfz", "zcwj", "zcjd", "xzzf", "ggflfw", "rsxx"]


EPOCH = "1795000000"  # sitemap.xml's lastmod: one day for every build


def make_site(root: Path) -> Site:
    s = copy_site(root)
    shutil.copytree(REPO / "records", s.root / "records")
    cfg = s.root / "mkdocs.yml"
    # two entries a page: every change moves entries across listing pages
    cfg.write_text(cfg.read_text("utf-8").replace("per_page: 20", "per_page: 2"), "utf-8")
    return s


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Site:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return make_site(tmp_path / "repo")


@pytest.fixture(scope="module")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site with its full build in site/, made once for the module; never changed."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        s = make_site(tmp_path_factory.mktemp("built") / "repo")
        assert build(s, None).mode == "full"
    return s.root


@pytest.fixture
def built(built_once: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Site:
    """A copy of the site and its full build (files copied, not linked: tests damage them)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    shutil.copytree(built_once, tmp_path / "repo")
    return Site(tmp_path / "repo")


def build(s: Site, incremental_from: Path | None, out: str = "site") -> BuildResult:
    return build_site(s.root / "mkdocs.yml", s.root / out, quiet=True, previous=incremental_from)


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != incremental.MANIFEST}


def assert_same_as_full(s: Site) -> None:
    """The incremental site equals a fresh full build of the same tree, file for file."""
    full = build(s, None, out="full")
    assert full.mode == "full"
    got, want = tree(s.root / "site"), tree(s.root / "full")
    assert sorted(got) == sorted(want), (set(got) ^ set(want))
    differ = [k for k in want if got[k] != want[k]]
    assert not differ, differ
    assert incremental.load(s.root / "site") is not None
    shutil.rmtree(s.root / "full")


def articles(s: Site) -> list[Path]:
    return sorted(p for p in (s.root / "content").rglob("*.md")
                  if "ndbb-2025" not in p.name)  # the annual report the home page requires stays


def new_article(rng: random.Random, s: Site, n: int) -> None:
    col = rng.choice(COLUMNS)
    day = rng.randint(1, 28)
    body = f"第{n}篇测试稿件正文。湛江市司法局开展法治宣传活动。\n"
    others = articles(s)
    if others and rng.random() < 0.5:  # a link to another article: its page depends on that one existing
        target = rng.choice(others)
        rel = os.path.relpath(target, s.root / "content" / col / "2026")
        body += f"\n相关阅读：[另一篇]({rel})\n"
    s.article(f"content/{col}/2026/t{n}.md", body, title=f"测试稿件第{n}号", column=col,
              date=f"2026-{rng.randint(1, 11):02d}-{day:02d} 10:00")


def step(rng: random.Random, s: Site, n: int) -> str:
    kind = rng.choice(["edit", "retitle", "redate", "add", "add", "delete", "withdraw", "interprets"])
    pool = articles(s)
    victim = rng.choice(pool)
    text = victim.read_text("utf-8")
    if kind == "edit":
        victim.write_text(text + f"\n补充说明第{n}条。\n", "utf-8")
    elif kind == "retitle":
        victim.write_text(text.replace("title: ", f"title: 更新{n}：", 1), "utf-8")
    elif kind == "redate":
        victim.write_text(text.replace("date: 2026-", f"date: 2025-{rng.randint(1, 12):02d}-01 08:00\nold_date: 2026-",
                                       1), "utf-8")
    elif kind == "add":
        new_article(rng, s, n)
    elif kind == "delete":
        victim.unlink()
    elif kind == "withdraw" and "status:" not in text:
        victim.write_text(text.replace("\n---\n", "\nstatus: withdrawn\nwithdrawn_reason: 测试撤回\n"
                                       "withdrawn_at: 2026-11-30 10:00\n---\n", 1), "utf-8")
    elif kind == "interprets":
        target = rng.choice(pool)
        rel = os.path.relpath(target, victim.parent)
        if "interprets:" not in text and target != victim:
            victim.write_text(text.replace("\n---\n", f"\ninterprets: {rel}\n---\n", 1), "utf-8")
    return f"{kind} {victim.relative_to(s.root)}"


def test_random_changes_build_the_same_site_as_a_full_build(site: Site) -> None:
    """One long sequence (each full build to compare with is the test's main cost): every
    kind of change occurs, most merges carry one to three of them."""
    rng = random.Random(1)
    first = build(site, None)
    assert first.mode == "full"
    total = first.rendered
    history: list[str] = []
    for n in range(14):
        history.extend(step(rng, site, 100 * k + n) for k in range(rng.choice([1, 1, 2, 3])))
        result = build(site, site.root / "site")
        assert result.mode == "incremental", history
        assert result.rendered < total and result.carried > 0, (result, history)
        assert_same_as_full(site)
    kinds = {h.split()[0] for h in history}
    assert kinds >= {"edit", "retitle", "redate", "add", "delete", "withdraw", "interprets"}, history


def test_one_changed_article_renders_only_its_dependants(built: Site) -> None:
    site = built
    one = site.root / "content/gzdt/2026/rmtj-paicha.md"
    one.write_text(one.read_text("utf-8") + "\n本文有更新。\n", "utf-8")
    result = build(site, site.root / "site")
    manifest = incremental.load(site.root / "site")
    assert manifest is not None
    assert result.mode == "incremental"
    # the article, the nav pages and notices: a handful of files out of about a hundred
    assert result.rendered <= 20 and result.carried >= 70, result
    assert "本文有更新" in (site.root / "site/gzdt/2026/rmtj-paicha/index.html").read_text("utf-8")
    text = (site.root / "site/search/search_index.json").read_text("utf-8")
    docs = json.loads(text)["docs"]
    assert any("本文有更新" in d["text"].replace("\u200b", "") for d in docs)
    # the spliced index is the text Material's own json.dumps gives for these entries
    assert json.dumps(json.loads(text), separators=(",", ":")) == text
    assert_same_as_full(site)


def test_carried_files_are_hard_links_to_the_previous_build(site: Site) -> None:
    build(site, None, out="before")
    before = site.root / "before/zcwj/2026/zbls-banfa/index.html"
    result = build(site, site.root / "before")
    assert result.mode == "incremental"
    after = site.root / "site/zcwj/2026/zbls-banfa/index.html"
    assert after.stat().st_ino == before.stat().st_ino and after.stat().st_nlink == 2


@pytest.mark.parametrize("change", [
    ("overrides/main.html", "\n{#- 模板改动 -#}\n"),
    ("mkdocs.yml", "\n# 配置改动\n"),
    ("checks/registry/columns.yml", "\n# 登记表改动\n"),
    ("records/consultations/2026/README-test.yml", "\n# 记录改动\n"),
])
def test_a_global_change_falls_back_to_a_full_build(built: Site, change: tuple[str, str]) -> None:
    site = built
    path = site.root / change[0]
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(change[1])
    result = build(site, site.root / "site")
    assert result.mode == "full", change
    assert_same_as_full(site)


def test_a_template_change_reaches_every_page(built: Site) -> None:
    site = built
    footer = site.root / "overrides/partials/footer.html"
    footer.write_text(footer.read_text("utf-8") + "<!-- v2 -->\n", "utf-8")
    build(site, site.root / "site")
    pages = list((site.root / "site").rglob("index.html"))
    assert pages and all("<!-- v2 -->" in p.read_text("utf-8") for p in pages)


@pytest.mark.parametrize("damage", ["corrupt", "missing", "foreign", "search", "output"])
def test_an_untrusted_previous_build_is_never_half_reused(built: Site, damage: str) -> None:
    site = built
    prev = site.root / "site"
    manifest = prev / incremental.MANIFEST
    one = prev / "gzdt/2026/rmtj-paicha/index.html"
    if damage == "corrupt":
        manifest.write_text(manifest.read_text("utf-8")[:500], "utf-8")
    elif damage == "missing":
        manifest.unlink()
    elif damage == "foreign":  # another site's or another version's manifest
        data = json.loads(manifest.read_text("utf-8"))
        data["fingerprint"] = "0" * 64
        manifest.write_text(json.dumps(data), "utf-8")
    elif damage == "search":
        (prev / "search/search_index.json").write_text('{"docs": []}', "utf-8")
    else:  # a carried page lost or cut short on disk
        one.write_text("<html>半个页面", "utf-8")
    result = build(site, prev)
    assert result.mode == ("incremental" if damage == "output" else "full")
    assert "半个页面" not in one.read_text("utf-8")
    assert_same_as_full(site)


def test_page_urls_of_the_model_are_mkdocs_urls() -> None:
    from mkdocs.structure.files import File

    from govpub.site.model import page_url

    for uri in ["gzdt/2026/a.md", "index.md", "zwgk/index.md", "a/README.md", "gzdt/2026/说明 一.md"]:
        for dirs in (True, False):
            assert page_url(uri, dirs) == File(uri, None, "", dirs).url, (uri, dirs)


def test_govpub_build_reports_the_incremental_build(built: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)  # in CI every build is a full one (below)
    site = built  # site/ holds a full build of this tree
    one = site.root / "content/gzdt/2026/rmtj-paicha.md"
    one.write_text(one.read_text("utf-8") + "\n本文有更新。\n", "utf-8")
    proc = site.forked("build")
    assert proc.returncode == 0, proc.stderr
    assert "增量构建" in proc.stdout
    proc = site.forked("build", "--full")
    assert "全量构建" in proc.stdout


MARKED = "本文件属于绝密★启动前，不得外传。\n"


@pytest.mark.parametrize("how", ["force-added site/", "CI run"])
def test_a_planted_previous_build_cannot_skip_the_checks(site: Site, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    """A drafter ships a site/ whose manifest says a failing article already passed (built
    without its checks): `govpub build` in the audit workflow must check it anyway."""
    monkeypatch.delenv("CI", raising=False)
    site.article("content/gzdt/2026/tongzhi.md", "正文。\n\n" + MARKED, title="工作通知", column="gzdt")
    build_site(site.root / "mkdocs.yml", site.root / "site", quiet=True, checked=True)  # the forgery
    if how == "force-added site/":
        site.git("init", "-q")
        site.git("add", "-A")
        site.git("add", "-f", "site")
        site.git("commit", "-qm", "网站")
    else:
        monkeypatch.setenv("CI", "true")
    proc = site.forked("build")
    assert proc.returncode == 1, proc.stdout
    assert "secret." in proc.stderr and "tongzhi.md" in proc.stderr
    if how == "force-added site/":
        assert "git rm -r --cached" in proc.stderr


def test_a_build_of_this_machine_is_reused_outside_ci(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    """The other side of the test above: an untracked site/ built here is trusted (this is
    what makes the forgery worth trying), so its checks are skipped for unchanged files."""
    monkeypatch.delenv("CI", raising=False)
    site.article("content/gzdt/2026/tongzhi.md", "正文。\n\n" + MARKED, title="工作通知", column="gzdt")
    build_site(site.root / "mkdocs.yml", site.root / "site", quiet=True, checked=True)
    site.git("init", "-q")
    proc = site.forked("build")
    assert proc.returncode == 0, proc.stderr
    assert "增量构建" in proc.stdout


def test_a_page_linking_to_a_deleted_article_is_rebuilt(site: Site) -> None:
    """MkDocs rewrites a link to another article into its URL only while the target exists:
    the linking page depends on the target's existence, not only on its own bytes."""
    site.article("content/gzdt/2026/lianjie.md", "正文。\n\n相关阅读：[排查](rmtj-paicha.md)\n",
                 title="链接测试", column="gzdt")
    build(site, None)
    page = site.root / "site/gzdt/2026/lianjie/index.html"
    assert 'href="../rmtj-paicha/"' in page.read_text("utf-8")
    (site.root / "content/gzdt/2026/rmtj-paicha.md").unlink()
    result = build(site, site.root / "site")
    assert result.mode == "incremental"
    text = page.read_text("utf-8")  # the link is gone, its text stays (no broken link: readers9)
    assert "rmtj-paicha" not in text and "相关阅读：排查" in text
    assert_same_as_full(site)


def _content(files: list[Path], root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in files if p.relative_to(root).as_posix().startswith("content/")}


def test_recheck_reads_again_only_what_changed_since_a_checked_build(site: Site) -> None:
    from govpub.content.paths import content_files

    root = site.root
    build_site(root / "mkdocs.yml", root / "site", quiet=True, checked=True)
    prev = root / "site"
    assert _content(incremental.recheck(root, prev, content_files(root, [])), root) == set()
    one = root / "content/gzdt/2026/rmtj-paicha.md"
    one.write_text(one.read_text("utf-8") + "\n补充。\n", "utf-8")
    again = _content(incremental.recheck(root, prev, content_files(root, [])), root)
    assert "content/gzdt/2026/rmtj-paicha.md" in again
    assert not any(p.startswith("content/zcwj/") for p in again)  # another folder, naming none of it
    # a deleted original: its interpretation in another folder reads it (meta.interprets)
    (root / "content/zcwj/2026/zbls-banfa.md").unlink()
    again = _content(incremental.recheck(root, prev, content_files(root, [])), root)
    assert "content/zcjd/2026/zbls-banfa-jd.md" in again


@pytest.mark.parametrize("why", ["checks", "unchecked", "no manifest"])
def test_recheck_reads_everything_when_it_cannot_prove_the_rest_passed(site: Site, why: str) -> None:
    from govpub.content.paths import content_files

    root = site.root
    build_site(root / "mkdocs.yml", root / "site", quiet=True, checked=why != "unchecked")
    if why == "checks":  # a new word list entry may catch an unchanged article
        with open(root / "checks/registry/columns.yml", "a", encoding="utf-8") as fh:
            fh.write("\n# 改动\n")
    elif why == "no manifest":
        (root / "site" / incremental.MANIFEST).unlink()
    files = content_files(root, [])
    assert incremental.recheck(root, root / "site", files) == files


def _build_on_a_terminal(site: Site, **env: str) -> str:
    """`govpub build` with stderr on a pseudo-terminal: what the terminal showed."""
    import pty
    import subprocess
    import sys

    from helpers import GIT_ENV

    main, side = pty.openpty()
    full_env = {k: v for k, v in {**os.environ, **GIT_ENV}.items() if k != "CI"} | env
    proc = subprocess.Popen([sys.executable, "-m", "govpub", "build", "--quiet", "--full"], cwd=site.root,
                            env=full_env, stdout=subprocess.DEVNULL, stderr=side)
    os.close(side)
    chunks = []
    while True:
        try:
            data = os.read(main, 65536)
        except OSError:  # the terminal closed with the process
            break
        if not data:
            break
        chunks.append(data)
    assert proc.wait(timeout=300) == 0
    os.close(main)
    return b"".join(chunks).decode("utf-8", "replace")


def test_a_build_on_a_terminal_shows_progress_and_is_quiet_in_ci(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "生成网页" in _build_on_a_terminal(site)
    proc = site.forked("build", "--quiet")  # not a terminal: nothing on stderr
    assert proc.returncode == 0 and proc.stderr == ""
    # in CI, on a terminal too (here the build in this process, stderr a pseudo-terminal)
    import pty
    import sys
    import threading

    main, side = pty.openpty()
    chunks: list[bytes] = []
    reader = threading.Thread(target=_drain, args=(main, chunks), daemon=True)  # a full pty would block
    reader.start()
    with open(side, "w", encoding="utf-8", closefd=True) as term:
        monkeypatch.setattr(sys, "stderr", term)
        for ci in ("true", None):
            if ci:
                monkeypatch.setenv("CI", ci)
            else:
                monkeypatch.delenv("CI", raising=False)
            build_site(site.root / "mkdocs.yml", site.root / "site", quiet=True)
            term.flush()
            time.sleep(0.3)
            shown = b"".join(chunks).decode("utf-8", "replace")
            chunks.clear()
            assert ("生成网页" in shown) == (ci is None), (ci, shown)
    reader.join(timeout=5)
    os.close(main)


def _drain(fd: int, chunks: list[bytes]) -> None:
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:  # the terminal's other side closed
            return
        if not data:
            return
        chunks.append(data)


def test_unchanged_articles_front_matter_comes_from_the_manifest(built: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    from govpub.site import model

    site = built
    one = site.root / "content/gzdt/2026/rmtj-paicha.md"
    one.write_text(one.read_text("utf-8").replace("title: ", "title: 更新：", 1), "utf-8")
    read: list[str] = []
    real = model.front_matter

    def counting(raw: bytes) -> dict:
        read.append(raw.decode("utf-8")[:200])
        return real(raw)

    monkeypatch.setattr(model, "front_matter", counting)
    assert build(site, site.root / "site").mode == "incremental"
    assert len(read) == 1 and "更新：" in read[0]
    assert "更新：" in (site.root / "site/gzdt/index.html").read_text("utf-8")
    monkeypatch.setattr(model, "front_matter", real)
    assert_same_as_full(site)


def test_an_image_rewritten_with_the_same_size_and_time_is_copied_again(built: Site) -> None:
    """The key cache of an image trusts its size, times and inode; a write changes its ctime,
    which `touch` cannot set back."""
    site = built
    image = site.root / "content/gzdt/2026/xzfy-zuotanhui.jpg"
    before = image.stat()
    data = bytearray(image.read_bytes())
    data[len(data) // 2] ^= 0xFF  # inside the compressed picture: same size, still a JPEG
    image.write_bytes(bytes(data))
    os.utime(image, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert image.stat().st_size == before.st_size and image.stat().st_mtime_ns == before.st_mtime_ns
    assert build(site, site.root / "site").mode == "incremental"
    assert_same_as_full(site)


def test_the_fingerprint_counts_installed_distributions_not_folders_on_the_path(tmp_path: Path,
                                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A checkout on sys.path (a test run, PYTHONPATH) holds govpub.egg-info: the same
    installation must fingerprint the same from any folder, or every build is a full one."""
    before = incremental._distributions()
    (tmp_path / "govpub.egg-info").mkdir()
    (tmp_path / "other-1.0.dist-info").mkdir()
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.chdir(tmp_path)
    assert incremental._distributions() == before
    assert any(d.startswith("mkdocs-") for d in before)  # the installation's own are counted
