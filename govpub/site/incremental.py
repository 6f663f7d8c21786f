"""Incremental website build: what can be carried over from the previous build unchanged.

Every build writes a manifest into the built site (MANIFEST, a hidden JSON file: no page,
not in sitemap.xml or the search index) holding

- the fingerprint of the global inputs: mkdocs.yml, the theme overrides, checks/,
  records/consultations (the 互动交流 page), the govpub package's own files, the Python
  version and every installed distribution's version (MkDocs, Material, pymdownx,
  jieba...). When it differs, the next build is a full build;
- per site file (an article, a generated page, an image, a theme file): the key of what
  its output depends on (the article's bytes, the listing data it shows, its neighbours),
  the links MkDocs looked up while rendering it and whether each target existed, the
  output file and its size, and where its entries sit in the search index;
- `shown`: the hash of every other file whose text the site shows (mkdocs.yml, columns.yml, the
  theme overrides, the consultations the 互动交流 page shows; shown_hashes), so that a rollback can tell
  whether an older release shows a version of them a later review replaced.

The next build renders only the files whose key or link targets changed and hard-links
every other output from the previous build (a copy across file systems). Anything that
cannot be proved unchanged is rebuilt: a missing, unreadable or foreign manifest, a
carried output that is missing or has another size, a search index that does not match
the manifest all make the build a full one. This module has no MkDocs import: the
dependency logic sits on plain data (govpub/site/model.py), so moving to another site
generator keeps it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MANIFEST = ".govpub-build.json"
# A deployed release keeps its manifest outside the web server's document root
# (govpub/publish/deploy.py): <target>/build-manifests/<release>.json beside releases/<release>/.
DEPLOYED_MANIFESTS = "build-manifests"
FORMAT = 4  # bump when the manifest's meaning changes: an older manifest means a full build
_SKIP_DIRS = {"__pycache__", ".git", ".pytest_cache", ".mypy_cache", ".ruff_cache"}


def digest(data: bytes | str) -> str:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return hashlib.sha256(raw).hexdigest()


def data_key(*parts: Any) -> str:
    """A stable key of plain data (dicts, lists, strings, numbers)."""
    return digest(json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str, separators=(",", ":")))


def _hash_tree(h: Any, folder: Path, label: str) -> None:
    h.update(f"\0tree {label}\0".encode())
    if not folder.is_dir():
        return
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if d not in _SKIP_DIRS)
        for name in sorted(filenames):
            if name.endswith((".pyc", ".pyo")):
                continue
            path = Path(dirpath) / name
            rel = path.relative_to(folder).as_posix()
            try:
                h.update(f"{rel}\0{digest(path.read_bytes())}\0".encode())
            except OSError:
                h.update(f"{rel}\0unreadable\0".encode())


def _distributions() -> list[str]:
    """Every installed distribution as its metadata folder's name (name-version.dist-info):
    a version change renames the folder. Reading each one's METADATA instead took 0.45 s.
    Only the installation's package folders count, not every sys.path entry: a checkout on
    the path (a test run, PYTHONPATH) holds govpub.egg-info, which would make the same
    installation fingerprint differently from another folder (govpub's own files are hashed
    themselves)."""
    import site
    import sysconfig

    folders = dict.fromkeys([*site.getsitepackages(), site.getusersitepackages(),
                             sysconfig.get_path("purelib"), sysconfig.get_path("platlib")])
    found: set[str] = set()
    for folder in folders:
        try:
            with os.scandir(folder) as it:
                found.update(e.name for e in it if e.name.endswith((".dist-info", ".egg-info")))
        except OSError:
            continue
    return sorted(found)


def fingerprint(root: Path, config_file: Path, custom_dir: Path | None) -> str:
    """The fingerprint of everything every page depends on (see the module docstring)."""
    import govpub

    h = hashlib.sha256()
    h.update(f"format {FORMAT}\0python {sys.version}\0".encode())
    for dist in _distributions():
        h.update(f"{dist}\0".encode())
    try:
        h.update(config_file.read_bytes())
    except OSError:
        h.update(b"no mkdocs.yml")
    _hash_tree(h, Path(govpub.__file__).parent, "govpub")
    if custom_dir is not None:
        _hash_tree(h, custom_dir, "overrides")
    _hash_tree(h, root / "checks", "checks")
    _hash_tree(h, root / "records" / "consultations", "records")  # the 互动交流 page; not the ledger
    return h.hexdigest()


@dataclass
class Source:
    """One site file as the manifest records it."""

    key: str  # what its output depends on; "" when it is rebuilt every time
    output: str = ""  # the output file, site-relative ("" when it wrote none)
    size: int = -1  # the output's size in bytes
    links: dict[str, bool] = field(default_factory=dict)  # looked-up link targets -> existed
    search: tuple[int, int] = (0, 0)  # (offset, length) of its entries' JSON text in search_index.json
    # (size, mtime_ns, ctime_ns, inode) of a binary source (an image, a PDF), for its key cache:
    # any write to the file changes its ctime, which no user can set back
    stat: tuple[int, ...] = ()
    sha: str = ""  # sha256 of a source under content/ (what `govpub publish` need not check again)
    meta: dict[str, Any] | None = None  # an article's front matter as read from those bytes

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"key": self.key, "output": self.output, "size": self.size}
        if self.links:
            out["links"] = self.links
        if self.search[1]:
            out["search"] = list(self.search)
        if self.stat:
            out["stat"] = list(self.stat)
        if self.sha:
            out["sha"] = self.sha
        if self.meta is not None:
            out["meta"] = self.meta
        return out

    @classmethod
    def from_json(cls, data: Any) -> Source:
        if not isinstance(data, dict):
            raise ValueError("source entry is not an object")
        links = data.get("links") or {}
        search = data.get("search") or [0, 0]
        stat = data.get("stat") or []
        sha = data.get("sha") or ""
        meta = data.get("meta")
        if meta is not None and not isinstance(meta, dict):
            raise ValueError("malformed front matter")
        if not (isinstance(data.get("key"), str) and isinstance(data.get("output"), str) and isinstance(sha, str)
                and isinstance(data.get("size"), int) and isinstance(links, dict)
                and all(isinstance(k, str) and isinstance(v, bool) for k, v in links.items())
                and _int_pair(search) and isinstance(stat, list) and len(stat) in (0, 4)
                and all(isinstance(v, int) for v in stat)):
            raise ValueError("malformed source entry")
        return cls(data["key"], data["output"], data["size"], dict(links), (search[0], search[1]),
                   tuple(stat), sha, meta)


def cacheable(meta: dict[str, Any]) -> dict[str, Any] | None:
    """The front matter as the manifest can keep it: only when JSON gives back the same data
    (strings, numbers, lists, string-keyed maps: what the article reader produces)."""
    try:
        return meta if json.loads(json.dumps(meta, ensure_ascii=False)) == meta else None
    except (TypeError, ValueError):
        return None


def _int_pair(value: Any) -> bool:
    return isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) and v >= 0 for v in value)


@dataclass
class Manifest:
    fingerprint: str
    sources: dict[str, Source]
    search_total: int = 0  # the size of search_index.json in bytes
    checked: bool = False  # built by govpub after the content checks passed (not a bare mkdocs build)
    segment: str = ""  # SHA-256 of the sharded jieba dictionary this build wrote or read (segment.py)
    shown: dict[str, str] | None = None  # shown_hashes(); None: a manifest written before it was kept

    def to_text(self) -> str:
        return json.dumps({"format": FORMAT, "fingerprint": self.fingerprint, "search_total": self.search_total,
                           "checked": self.checked, "segment": self.segment, "shown": self.shown or {},
                           "sources": {k: v.to_json() for k, v in sorted(self.sources.items())}},
                          ensure_ascii=False, separators=(",", ":"))


_loaded: dict[str, tuple[tuple[int, ...], Manifest]] = {}  # the last manifest read, by path (read-only)


def load(site: Path) -> Manifest | None:
    """The manifest of a built site, or None when there is none or it cannot be trusted.
    The checks (recheck) and the build both read it: the second read is the first one's
    object while the file is unchanged (same size, times and inode)."""
    path = str(manifest_file(site).absolute())
    try:
        key = stat_of(path)
    except OSError:
        return None
    hit = _loaded.get(path)
    if hit is not None and hit[0] == key:
        return hit[1]
    manifest = _parse(site)
    _loaded.clear()
    if manifest is not None:
        _loaded[path] = (key, manifest)
    return manifest


def shown_hashes(root: Path, custom_dir: Path | None, consultations: list[dict[str, Any]]) -> dict[str, str]:
    """path (from the repository root) → SHA-256, of every file outside the docs whose text the site
    shows: the settings (policy.SHOWN_SETTINGS), the theme overrides (templates, their strings and
    pictures) and the files teams.yml `published_files` names; and per consultation the 互动交流 page
    shows (`consultations`, govpub.site.consult.answered: a record it does not show, unanswered or
    `publish: false`, is not there), "records/consultations/<id>" → the hash of what it shows. A
    rollback compares them (govpub.publish.deploy._would_return)."""
    from govpub.approvals.model import review_policy
    from govpub.policy import SHOWN_RECORDS, SHOWN_SETTINGS, Policy

    try:
        published = list(review_policy(Policy(root)).published)
    except Exception:  # a broken teams.yml: the checks report it; the fixed paths below still count
        published = []
    roots = [*SHOWN_SETTINGS, *(p for p in published if not p.startswith(SHOWN_RECORDS))]
    if custom_dir is not None:
        roots.append(os.path.relpath(custom_dir.absolute(), root.absolute()))
    out: dict[str, str] = {}
    for rel in roots:
        top = root / rel.rstrip("/")
        files = [top] if top.is_file() else sorted(p for p in top.rglob("*") if p.is_file()) if top.is_dir() else []
        for file in files:
            name = file.relative_to(root).as_posix()
            if not name.startswith("..") and name not in out:
                try:
                    out[name] = digest(file.read_bytes())
                except OSError:
                    out[name] = ""
    for shown in consultations:
        out[f"{SHOWN_RECORDS[0]}{shown.get('id')}"] = data_key(shown)
    return out


def manifest_file(site: Path) -> Path:
    """Where the manifest of a built site is: inside it (govpub build's site/), or for a release
    of a deploy target, in <target>/build-manifests/ (never served to readers)."""
    inside = site / MANIFEST
    if inside.exists() or site.parent.name != "releases":
        return inside
    return site.parent.parent / DEPLOYED_MANIFESTS / f"{site.name}.json"


def _parse(site: Path) -> Manifest | None:
    try:
        data = json.loads(manifest_file(site).read_text("utf-8"))
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return None
        sources = data["sources"]
        if not isinstance(sources, dict) or not isinstance(data.get("fingerprint"), str):
            return None
        total = data.get("search_total")
        if not isinstance(total, int):
            return None
        segment = data.get("segment") or ""
        if not isinstance(segment, str):
            return None
        shown = data.get("shown")
        return Manifest(data["fingerprint"], {str(k): Source.from_json(v) for k, v in sources.items()}, total,
                        data.get("checked") is True, segment,
                        {str(k): str(v) for k, v in shown.items()} if isinstance(shown, dict) else None)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def output_present(site: Path, source: Source) -> bool:
    """The carried output is where the manifest says, with its recorded size."""
    if not source.output:
        return source.size < 0
    try:
        st = os.lstat(site / source.output)
    except OSError:
        return False
    import stat

    return stat.S_ISREG(st.st_mode) and st.st_size == source.size


def carry(previous: Path, site: Path, rel: str) -> None:
    """Put previous/rel at site/rel: a hard link, or a copy across file systems."""
    src, dst = previous / rel, site / rel
    dst.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(src, dst)
    except OSError as exc:
        if isinstance(exc, FileExistsError):
            raise
        shutil.copy2(src, dst)


def search_text(previous: Path, manifest: Manifest) -> str | None:
    """The previous build's search index as text, when it is the one its manifest describes:
    its size, ASCII only (Material writes it with ensure_ascii) and every page's recorded
    range one or more whole entries. None otherwise (a full build follows)."""
    try:
        raw = (previous / "search" / "search_index.json").read_bytes()
        text = raw.decode("ascii")
    except (OSError, UnicodeDecodeError):
        return None
    if len(raw) != manifest.search_total:
        return None
    for source in manifest.sources.values():
        start, length = source.search
        if length and not (text.startswith(SEARCH_ENTRY, start) and text[start + length - 1] == "}"
                           and text[start - 1] in ",[" and text[start + length] in ",]"):
            return None
    return text


SEARCH_ENTRY = '{"location":'  # how each entry of Material's search index begins


def stat_of(path: str) -> tuple[int, ...]:
    st = os.stat(path)
    return st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino


def site_fingerprint(root: Path) -> str:
    """fingerprint() for the site repository at root, reading mkdocs.yml without MkDocs."""
    from govpub.site.config import read_mkdocs

    config_file = root / "mkdocs.yml"
    theme = read_mkdocs(config_file).get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    return fingerprint(root, config_file, root / str(custom) if custom else None)


def recheck(root: Path, previous: Path | None, files: list[Path]) -> list[Path]:
    """Which of `files` (what `govpub check` reads) the content checks must read again, given
    the built site `previous` they passed for: all of them unless its manifest is intact and
    checks/, records/, mkdocs.yml, the theme and the installed packages are the same as then.
    Otherwise the files under content/ that differ from it, and every article naming a changed
    or deleted file (the rules that read another file find it by the name the article writes:
    cover, interprets, images; none lists a folder)."""
    manifest = load(previous) if previous is not None else None
    if manifest is None or not manifest.checked or manifest.fingerprint != site_fingerprint(root):
        return files
    from govpub.site.config import site_layout

    docs = site_layout(root)[0]
    known = {f"{docs}/{uri}": src.sha for uri, src in manifest.sources.items() if src.sha}
    base = root.absolute()
    changed: list[Path] = []
    data: list[Path] = []  # records/ data files (the credential scan) other than consultations
    texts: dict[Path, bytes] = {}
    seen: set[str] = set()
    for path in files:
        rel = path.absolute().relative_to(base).as_posix() if path.is_absolute() else path.as_posix()
        if not rel.startswith(docs + "/"):
            if not rel.startswith(("checks/", "records/consultations/")):  # those are in the fingerprint
                data.append(path)
            continue
        seen.add(rel)
        try:
            raw = b"" if path.is_symlink() else path.read_bytes()
        except OSError:
            raw = b""
        if path.suffix.lower() == ".md":
            texts[path] = raw
        if path.is_symlink() or known.get(rel) != digest(raw):
            changed.append(path)
    touched = [Path(rel) for rel in set(known) - seen] + [p.absolute().relative_to(base) for p in changed]
    if not touched:
        return data
    names = {t.name.encode("utf-8") for t in touched}
    out = set(changed) | set(data)
    out.update(path for path, raw in texts.items() if any(n in raw for n in names))
    return [p for p in files if p in out]
