"""The WeChat Official Account channel: converge the account on the articles that should be
on it, exactly once each (wechat-api.md §8).

Ownership marker: every draft govpub makes has content_source_url (the 阅读原文 link) =
the article's website URL + "#govpub-<first 16 hex of its content hash>-<first 12 hex of its
version>" (the commit that made that text; older copies carry no version). The platform's own
lists (freepublish/batchget, draft/batchget) are read at the start of every run and every
copy carrying the marker is matched to its article and version. That, not a record of what
the last run tried, decides what to do: publish what is missing, delete duplicates and older
versions once the current one is live, delete every copy of a withdrawn article.

Per article the ledger keeps: content_hash, cover {sha256: media_id},
draft_media_id, publish_id, submit_intent + submit_at, article_id, article_url, state. A
submit whose answer was lost is never repeated while the publish may still be in flight
(the draft stays in the box until the asynchronous publish finishes, so "the draft still
exists" proves nothing): the next runs look for it in the lists, and only after
settle_seconds without a trace is the draft submitted again."""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from govpub import clock, fsutil
from govpub.content.article import Article
from govpub.errors import GovpubError
from govpub.policy import Policy
from govpub.publish.channel import ChannelStopped, Context, Row, Step
from govpub.publish.ledger import Ledger
from govpub.publish.nanfang import _absolute_links
from govpub.publish.render import RenderError, beside, render
from govpub.publish.wechat_client import API, WeChatClient, WeChatError, WeChatLost, seal, seal_with
from govpub.site.sanitize import visible

TITLE_MAX, AUTHOR_MAX, DIGEST_MAX, CONTENT_MAX = 32, 16, 128, 20000
IMAGE_MAX = 1024 * 1024
P = ParamSpec("P")
T = TypeVar("T")
Prepared = tuple[dict[str, Any], list[Path], Path | None, str]  # draft fields, body images, cover, content hash


class ValidationError(Exception):
    """The article cannot be sent as it is; the message says what to change."""


MARK = "#govpub-"
ENTRY_FORMAT = "govpub-wechat-ledger/1"
ENTRY_PURPOSE = b"govpub-wechat-entry-seal"
STUCK_HOURS = 24.0  # a publish still "publishing" after this long is shown to a person (GOVPUB_WECHAT_STUCK_HOURS)
FAILED = {2: "原创声明失败", 3: "发布失败", 4: "平台审核未通过", 5: "发布后被用户删除", 6: "发布后被系统封禁"}
_AGAIN = "；原因不在文章本身的，按 README“人工恢复”第 5 条删除台账条目后重新运行发布"
ADVICE = {2: "处理办法：在公众平台“发表记录”中查看原创校验的结论，修改文章（或去掉原创声明）后重新合并" + _AGAIN,
          3: "处理办法：在公众平台“发表记录”中查看失败原因，修改文章后重新合并" + _AGAIN,
          4: "处理办法：在公众平台“发表记录”和通知中查看审核意见，按意见修改文章，经三审重新合并后自动再发",
          5: "处理办法：已发布的文章在公众平台被人删除，govpub 不会自己发回去；查明是谁删除的、为什么，需要重发的"
             "修改文章经三审重新合并（新版本会发布），或由公众号管理员在公众平台手动发布",
          6: "处理办法：已发布的文章被平台封禁，govpub 不会自己发回去；在公众平台通知中查看封禁原因，修改文章后经三审重新合并，"
             "或按平台的申诉流程处理"}


def _image_for_upload(path: Path) -> tuple[bytes, str, str]:
    """JPEG or PNG under 1 MB, as uploadimg requires; larger or other images re-encoded. Never
    with the file's metadata (EXIF with the GPS position, XMP, text chunks), as on the website."""
    from PIL import Image

    from govpub.content.assets import strip_metadata

    data = strip_metadata(path.read_bytes())
    kind = "image/png" if data.startswith(b"\x89PNG") else "image/jpeg" if data.startswith(b"\xff\xd8") else ""
    if kind and len(data) < IMAGE_MAX:
        return data, kind, path.name
    image = Image.open(io.BytesIO(data)).convert("RGB")
    side = 1600
    while True:
        copy = image.copy()
        copy.thumbnail((side, side))
        out = io.BytesIO()
        copy.save(out, "JPEG", quality=85, optimize=True)
        if out.tell() < IMAGE_MAX or side <= 400:
            return out.getvalue(), "image/jpeg", path.with_suffix(".jpg").name
        side = int(side * 0.75)


def content_hash(art: Article, root: Path, images: list[Path], cover: Path | None) -> str:
    return fsutil.content_hash([root / art.path, *images, *([cover] if cover else [])])


def prepare(art: Article, root: Path, site_url: str, *, base: str | None = None,
            comments: dict[str, bool] | None = None) -> tuple[dict[str, Any], list[Path], Path | None]:
    """The draft fields before upload, validated against the documented limits. comments: the
    account's `comments` option of checks/registry/accounts.yml (None: comments closed)."""
    # as the website shows them: without the characters that reorder or split a line unseen
    title, author, digest = (visible(str(art.meta.get(k, ""))).strip() for k in ("title", "author", "summary"))
    problems = []
    if len(title) > TITLE_MAX:
        problems.append(f"标题 {len(title)} 字，公众号上限 {TITLE_MAX} 字")
    if len(author) > AUTHOR_MAX:
        problems.append(f"作者 {len(author)} 字，上限 {AUTHOR_MAX} 字")
    if len(digest) > DIGEST_MAX:
        problems.append(f"摘要 {len(digest)} 字，上限 {DIGEST_MAX} 字")
    cover_name = art.meta.get("cover")
    cover = (root / art.path).parent / cover_name if isinstance(cover_name, str) else None
    if cover is None or not cover.is_file():
        problems.append("没有封面图（cover）")
    elif not beside(cover, (root / art.path).parent):
        problems.append(f"封面图“{cover_name}”不在文章所在的文件夹中（以后改动它不经过本文的审核）：把封面图放在文章旁边")
    try:
        linked = _absolute_links(art, root, base) if base else art  # other articles: their website URLs
        rendered = render(linked, root, image_src=lambda n, p: f"govpub-image-{n}",
                          link_ok=lambda href: href.startswith("https://mp.weixin.qq.com/"))
    except RenderError as exc:
        raise ValidationError(exc.message) from None
    if len(rendered.html) >= CONTENT_MAX or len(rendered.html.encode()) >= IMAGE_MAX:
        problems.append(f"正文排版后 {len(rendered.html)} 字符，公众号上限 {CONTENT_MAX} 字符：请精简或分篇")
    if problems:
        raise ValidationError("；".join(problems))
    fields = {"article_type": "news", "title": title, "author": author, "digest": digest,
              "content": rendered.html, "content_source_url": site_url,
              "need_open_comment": int(bool(comments and comments.get("open"))),
              "only_fans_can_comment": int(bool(comments and comments.get("fans_only")))}
    return fields, rendered.images, cover



def _cover_name(path: str, sha: str, ext: str) -> str:
    """The name a cover is uploaded under: the image and the article, so that the look-up after a
    lost answer never finds (and later deletes) another article's copy of the same picture."""
    return f"govpub-cover-{sha[:16]}-{hashlib.sha256(path.encode('utf-8')).hexdigest()[:8]}.{ext}"


def marker(url: str, digest: str, version: str | None = None) -> str:
    """The 阅读原文 link with govpub's marker: the text (content hash) and the version (the commit
    that made it): the platform's own list then tells which version of an article was published
    and deleted, which no ledger write can change."""
    return f"{url}{MARK}{digest[:16]}" + (f"-{version[:12]}" if version else "")


def _mark(source: str) -> tuple[str, str, str]:
    """(website URL, content mark, version) of a 阅读原文 link; "" where absent."""
    url, _, rest = source.partition(MARK)
    mark, _, version = rest.partition("-")
    return url, mark, version


@dataclass
class Copy:
    """A published item (article_id + 1-based index) or a draft (media_id) that govpub made."""

    path: str | None  # the article it belongs to; None: govpub's marker, but no article has that URL
    mark: str  # the version (16 hex of the content hash)
    article_id: str = ""
    index: int = 1
    url: str = ""
    media_id: str = ""
    edited: bool = False  # a draft changed after it was made (in the MP backend)
    made: float = 0.0  # when the platform made the draft (its create_time)
    thumb: str = ""  # the permanent image it shows as its cover (thumb_media_id)
    version: str = ""  # the first 12 hex of the version its marker names ("": made before versions)


def _published_copy(key: str, mark: str, status: dict[str, Any]) -> Copy:
    """The live copy a freepublish/get answer with publish_status 0 names."""
    items = status.get("article_detail", {}).get("item", [])
    return Copy(key, mark, str(status.get("article_id")), 1, items[0]["article_url"] if items else "")


@dataclass
class Seen:
    """What the platform's lists show, for the articles govpub owns."""

    live: list[Copy] = field(default_factory=list)
    drafts: list[Copy] = field(default_factory=list)
    deleted: list[Copy] = field(default_factory=list)  # published once, deleted since (is_deleted)

    def copies(self, path: str) -> list[Copy]:
        return [c for c in self.live if c.path == path]

    def drafts_of(self, path: str) -> list[Copy]:
        return [c for c in self.drafts if c.path == path]


def credentials(ctx: Context) -> list[str]:
    account = ctx.policy.accounts["wechat"]
    names = account.get("credentials_env") or []
    missing = [n for n in names if not os.environ.get(n)]
    if missing:
        raise ChannelStopped(f"缺少{account['name']}的凭据环境变量：{'、'.join(missing)}",
                             hint="在 CI 的加密变量（Secrets）中设置；凭据不得写入仓库（第十四条）")
    return [os.environ[n] for n in names]


def entry_seal(secret: str, path: str, entry: dict[str, Any]) -> str:
    """The seal of a ledger entry: the article and every field but the seal, under a key of its
    own derived from the account's AppSecret."""
    body = {k: v for k, v in entry.items() if k != "seal"}
    return seal_with(secret, json.dumps([ENTRY_FORMAT, path, body], ensure_ascii=False, sort_keys=True),
                     purpose=ENTRY_PURPOSE)


def registered_secret(policy: Policy) -> str | None:
    """The AppSecret in the environment (accounts.yml credentials_env), None when it is missing
    or belongs to another account than the registered AppID."""
    account = policy.accounts.get("wechat") or {}
    names = account.get("credentials_env") or []
    if len(names) != 2 or not all(os.environ.get(n) for n in names):
        return None
    appid, secret = (os.environ[n] for n in names)
    return None if account.get("appid") and appid.strip() != account["appid"] else secret


AUDIT_KEY_ENV = "GOVPUB_AUDIT_KEY"
AUDIT_FORMAT = "govpub-wechat-audit/1"


def audit_key(secret: str) -> str:
    """The audit's key, derived from the AppSecret for this purpose only (`govpub audit
    --print-audit-key` shows it; the audit job gets it as GOVPUB_AUDIT_KEY). It verifies, and
    could forge, the `audit_seal` of ledger entries, which only the audit reads: whoever holds
    it can neither reach the account nor make publishing believe an entry."""
    return hashlib.sha256(b"govpub-audit-key\0" + secret.encode("utf-8")).hexdigest()


def audit_seal(key: str, path: str, entry: dict[str, Any]) -> str:
    """The audit's seal of an entry: the article, its state and publication time."""
    text = json.dumps([AUDIT_FORMAT, path, entry.get("state"), entry.get("published_at")], ensure_ascii=False)
    return hmac.new(key.encode("utf-8"), text.encode("utf-8"), hashlib.sha256).hexdigest()


def audited_entries(entries: dict[str, Any], key: str) -> dict[str, dict[str, Any]] | None:
    """The entries whose audit seal verifies under `key`; None when no entry carries one (a
    ledger written before audit seals: nothing can be said yet)."""
    if not any(isinstance(e, dict) and e.get("audit_seal") for e in entries.values()):
        return None
    return {p: e for p, e in entries.items() if isinstance(e, dict)
            and hmac.compare_digest(str(e.get("audit_seal", "")), audit_seal(key, p, e))}


def sealed_entries(policy: Policy, entries: dict[str, Any]) -> dict[str, dict[str, Any]] | None:
    """The entries that carry the seal of the registered account's credentials (the environment,
    as for publishing); an entry without it counts as absent. None when this process has no
    credentials of the registered account, so nothing can be verified (the audit job)."""
    secret = registered_secret(policy)
    if secret is None:
        return None
    return {p: e for p, e in entries.items() if isinstance(e, dict)
            and hmac.compare_digest(str(e.get("seal", "")), entry_seal(secret, p, e))}


def registered_account(ctx: Context, appid: str) -> None:
    """Art. 3: only the registered account. The credentials in the environment are set
    outside the repository; when accounts.yml names the account's AppID, credentials of
    any other account (a test account, a personal one) reach nothing."""
    account = ctx.policy.accounts["wechat"]
    want = account.get("appid")
    if want and appid.strip() != want:
        raise ChannelStopped(f"凭据环境变量中的 AppID（{appid.strip()[:24]}）不是 checks/registry/accounts.yml 登记的"
                             f"{account['name']}（{want}），本次没有向公众号发送任何内容（第三条）",
                             hint="在 CI 的加密变量中换成登记账号的 AppID 和 AppSecret；"
                                  "更换账号须先经三级审核修改 accounts.yml")


class Channel:
    platform = "wechat"

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.ledger: Ledger = ctx.ledger(self.platform)
        self._client: WeChatClient | None = ctx.clients.get(self.platform)
        self._own_client = False
        self.seen = Seen()
        self.prepared: dict[str, Prepared] = {}
        self.applied = False
        self.untrusted: set[str] = set()  # entries without this account's seal, counted as absent this run
        self.known: set[str] = set()  # entries with it

    # -- the ledger's seals -------------------------------------------------------------
    def _entry_seal(self, path: str, entry: dict[str, Any]) -> str:
        """The seal of an entry: the article and every field but the seal (the version, the
        commit that last changed the article or its pictures, among them), under a key of its
        own derived from the account's AppSecret."""
        return entry_seal(self.client._secret, path, entry)

    def _platform_now(self) -> float:
        """Now on the platform's clock (wechat_client.platform_time): the times of a submit in
        flight (submit_at, submitted_at, a found draft's creation time) are all the platform's."""
        return self.client.platform_time()

    def _update(self, key: str, **fields: Any) -> dict[str, Any]:
        """Change the article's entry and seal it: one ledger commit."""
        merged = {k: v for k, v in {**self.ledger.entry(key), **fields}.items() if v is not None and k != "seal"}
        merged["audit_seal"] = fields["audit_seal"] = audit_seal(audit_key(self.client._secret), key, merged)
        return self.ledger.update(key, **fields, seal=self._entry_seal(key, merged))

    def _distrust(self) -> None:
        """refs/govpub/ledger is writable by anyone with push rights. An entry without this
        account's seal (forged, edited, copied from another article, or written by a govpub
        before seals) counts as absent: the run reads the platform's lists and decides from
        them. Kept from it only what is checked on its own: a retraction hold (hold_seal,
        checked against the version before it counts) and the current cover's permanent image
        (its bytes are compared before it is used)."""
        for path, e in list(self.ledger.entries.items()):
            if not e:
                continue
            if hmac.compare_digest(str(e.get("seal", "")), self._entry_seal(path, e)):
                self.known.add(path)
                continue
            self.untrusted.add(path)
            kept = {k: e[k] for k in ("retracted_hash", "hold_seal") if e.get(k)}
            sha = self._cover_sha(path)
            if sha and isinstance(e.get("cover"), dict) and e["cover"].get(sha):
                kept["cover"] = {sha: str(e["cover"][sha])}
            if kept:
                self.ledger.entries[path] = kept
            else:
                del self.ledger.entries[path]

    def _cover_sha(self, path: str) -> str | None:
        cover = self.prepared[path][2] if path in self.prepared else None
        return hashlib.sha256(_image_for_upload(cover)[0]).hexdigest() if cover else None

    # -- plumbing ----------------------------------------------------------------------
    @property
    def client(self) -> WeChatClient:
        if self._client is None:
            appid, secret = credentials(self.ctx)
            registered_account(self.ctx, appid)
            self._client = WeChatClient(appid, secret, base_url=os.environ.get("GOVPUB_WECHAT_API", API))
            self._own_client = True
        else:
            registered_account(self.ctx, self._client.appid)
        return self._client

    def close(self) -> None:
        if self._own_client and self._client is not None:
            self._client.close()

    def _call(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """A platform call; an error that stops every further call this run becomes ChannelStopped."""
        try:
            return fn(*args, **kwargs)
        except WeChatError as exc:
            if exc.needs_person or exc.code in (40007, 53600):
                raise
            raise ChannelStopped(str(exc)) from exc

    def _paths_by_url(self) -> dict[str, str]:
        paths = set(self.ctx.articles) | set(self.ledger.entries)
        out = {}
        for p in paths:
            try:
                out[self.ctx.url(p)] = p
            except GovpubError:
                continue
        return out

    def scan(self) -> Seen:
        """govpub's own copies in freepublish/batchget and draft/batchget."""
        by_url = self._paths_by_url()
        by_article_id = {e["article_id"]: (p, str(e.get("content_hash", ""))[:16])
                         for p, e in self.ledger.entries.items() if e.get("article_id")}
        seen = Seen()
        for item in self._pages(self.client.published_batchget):
            for i, news in enumerate(item.get("content", {}).get("news_item", []), 1):
                source = str(news.get("content_source_url") or "")
                url, mark, version = _mark(source)
                if news.get("is_deleted"):
                    if mark and url.startswith(self.ctx.base_url):
                        seen.deleted.append(Copy(by_url.get(url), mark, item["article_id"], i, version=version))
                    continue
                if mark and url.startswith(self.ctx.base_url):  # another site's marker is not ours to touch
                    seen.live.append(Copy(by_url.get(url), mark, item["article_id"], i, news.get("url", ""),
                                          thumb=str(news.get("thumb_media_id") or "")))
                elif item.get("article_id") in by_article_id and by_url.get(url) == by_article_id[item["article_id"]][0]:
                    path, mark = by_article_id[item["article_id"]]  # published before the marker existed
                    seen.live.append(Copy(path, mark, item["article_id"], i, news.get("url", "")))
        for item in self._pages(self.client.draft_batchget):
            content = item.get("content", {})
            created, updated = content.get("create_time"), content.get("update_time", item.get("update_time"))
            for news in content.get("news_item", []):
                url, mark, _ = _mark(str(news.get("content_source_url") or ""))
                if mark and url.startswith(self.ctx.base_url):
                    seen.drafts.append(Copy(by_url.get(url), mark, media_id=item["media_id"],
                                            edited=created is None or updated != created,
                                            made=float(created or 0), thumb=str(news.get("thumb_media_id") or "")))
        return seen

    def _pages(self, fetch: Callable[[int, int], dict[str, Any]]) -> Iterator[dict[str, Any]]:
        """Every item of a paged list (freepublish/batchget, draft/batchget)."""
        offset = 0
        while True:
            try:
                page = self._call(fetch, offset, 20)
            except WeChatLost as exc:  # without the lists nothing can be matched: write nothing
                raise ChannelStopped(f"{exc}：读不到平台列表，本次不向公众号写入任何内容，下次运行再核对") from exc
            yield from page.get("item", [])
            offset += page.get("item_count", 0)
            if not page.get("item_count") or offset >= page.get("total_count", 0):
                return

    def _prepare(self, art: Article) -> Prepared:
        if art.path not in self.prepared:
            url = self.ctx.url(art.path)
            fields, images, cover = prepare(art, self.ctx.root, url, base=self.ctx.base_url,
                                           comments=self.ctx.policy.accounts["wechat"].get("comments"))
            digest = content_hash(art, self.ctx.root, images, cover)
            version = self.ctx.version([self.ctx.root / art.path, *images, *([cover] if cover else [])])
            fields["content_source_url"] = marker(url, digest, version)
            self.prepared[art.path] = (fields, images, cover, digest)
        return self.prepared[art.path]

    # -- plan --------------------------------------------------------------------------------
    def plan(self, ctx: Context) -> list[Step]:
        wanted = {a.path: a for a in ctx.wanted(self.platform)}
        steps: list[Step] = []
        for path, art in wanted.items():
            try:
                self._prepare(art)
            except ValidationError as exc:
                steps.append(Step(path, "invalid", str(exc)))
        self._distrust()
        e_all = self.ledger.entries
        for path, e in list(e_all.items()):  # the withdrawal is merged: the hold has done its work
            if e.get("retracted_hash") and path in ctx.articles and ctx.articles[path].meta.get("status") == "withdrawn":
                self._update(path, retracted_hash=None, hold_seal=None)

        def in_place(path: str) -> bool:  # as far as the ledger knows
            e = e_all.get(path, {})
            return bool(e.get("state") == "published" and e.get("article_id") and not e.get("publish_id")
                        and not e.get("submit_intent") and e.get("content_hash") == self.prepared[path][3]
                        and e.get("version") == self._version(path)  # an older record of the same bytes: look
                        and len(e.get("cover") or {}) <= 1)  # an older cover left by a stopped run: delete it

        todo = [p for p in wanted if p in self.prepared and not in_place(p)]
        busy = [p for p, e in e_all.items() if e.get("publish_id") or e.get("submit_intent")
                or e.get("state") in ("pending", "drafted", "publishing", "retract_pending")]
        gone = [p for p, e in e_all.items() if p not in wanted and (e.get("article_id") or e.get("cover") or p in busy)]
        # a withdrawn article without a sealed entry (never published, or its entry deleted or forged):
        # the lists tell whether a copy is still up; afterwards a sealed "retracted" entry says so
        unseen = sorted(p for p, a in ctx.articles.items() if p not in wanted and p not in e_all
                        and a.meta.get("status") == "withdrawn" and isinstance(a.meta.get("channels"), list)
                        and self.platform in a.meta["channels"])
        if not todo and not gone and not unseen and not self.untrusted and not self._scan_due(ctx):
            return steps  # the ledger says all is in place and the daily look is done: no call at all
        self.seen = self.scan()
        at = float(ctx.clock())
        self.ledger.store.write(f"{self.platform}.scan", {"last_scan": {"at": at, "seal": self._scan_seal(at)}},
                                "wechat scan")
        for path in wanted:
            if path not in self.prepared:
                continue
            digest = self.prepared[path][3]
            e = e_all.get(path, {})
            copies, drafts = self.seen.copies(path), self.seen.drafts_of(path)
            settled = (len(copies) == 1 and copies[0].mark == digest[:16] and not drafts
                       and e.get("state") == "published" and e.get("article_id") == copies[0].article_id
                       and len(e.get("cover") or {}) <= 1)
            if not settled:
                steps.append(Step(path, "publish"))
        stray = {c.path for c in self.seen.live + self.seen.drafts if c.path and c.path not in wanted}
        stray |= set(gone)
        for path in unseen:
            if path not in stray:  # nothing of it on the account: recorded, so no later run looks again
                self._update(path, state="retracted")
        steps += [Step(p, "delete") for p in sorted(stray)]
        orphans = [c for c in self.seen.live + self.seen.drafts if c.path is None]
        steps += [Step(c.article_id or c.media_id, "orphan") for c in orphans]
        return steps

    def _scan_seal(self, at: float) -> str:
        """The seal of a scan record (anyone with push rights can write a recent "looked just
        now", pushed daily with entries that say "in place", to keep an update off for good)."""
        return seal(self.client, f"wechat-scan\0{at!r}")

    def _scan_due(self, ctx: Context) -> bool:
        """Even when the ledger says all is in place, read the platform's lists once a day
        (GOVPUB_WECHAT_SCAN_HOURS, default 24): duplicates and orphans left by others or by
        older versions of govpub are found without spending the list quota on every run."""
        hours = float(os.environ.get("GOVPUB_WECHAT_SCAN_HOURS", "24"))
        record = (self.ledger.store.read(f"{self.platform}.scan") or {}).get("last_scan")
        try:
            at = float(record["at"])  # type: ignore[index]
        except (TypeError, ValueError, KeyError):
            return True
        try:  # a scan record without the seal of the account's AppSecret was not written by a run
            if not hmac.compare_digest(str(record.get("seal", "")), self._scan_seal(at)):  # type: ignore[union-attr]
                return True
        except ChannelStopped:
            pass  # no credentials: this run can check nothing, and calls nothing either
        age = ctx.clock() - at
        # anyone with push rights can write the ledger: a scan dated in the future (a forged
        # "looked just now, forever") or unreadable is no scan at all
        return not 0 <= age < hours * 3600

    # -- apply -------------------------------------------------------------------------------
    def apply(self, ctx: Context, step: Step) -> Row:
        self.applied = True
        try:
            if step.action == "invalid":
                self._update(step.article, state="failed", error=step.detail)
                return Row(step.article, self.platform, "failed", f"未同步：{step.detail}")
            if step.action == "publish":
                return self._converge(ctx.articles[step.article])
            if step.action == "delete":
                return self._remove(step.article, None)
            return self._orphan(step.article)
        except WeChatLost as exc:
            state = "publishing" if step.action == "publish" else "retract_pending"
            return Row(step.article, self.platform, state, f"{exc}：下次运行先核对平台列表，再继续")
        except WeChatError as exc:
            return Row(step.article, self.platform, "failed", str(exc))
        except ValidationError as exc:
            return Row(step.article, self.platform, "failed", f"未同步：{exc}")

    def _version(self, path: str) -> str | None:
        _, images, cover, _ = self.prepared[path]
        return self.ctx.version([self.ctx.root / path, *images, *([cover] if cover else [])])

    def _checkout_version(self, path: str) -> str | None:
        """The version from this checkout's history, for an entry a publish run has not yet given
        one (written by an older govpub)."""
        art = self.ctx.articles.get(path)
        try:
            return self._version(path) if art is not None and self._prepare(art) else None
        except ValidationError:
            return None

    def _hold(self, path: str, held: str, version: str | None) -> None:
        self._update(path, retracted_hash=held, hold_seal=self._hold_seal(path, held, version))

    def _hold_seal(self, path: str, held: str, version: str | None) -> str:
        """The seal of a retraction hold: the article, the version's content hash and the commit
        that last changed it (a hold replayed after the article returned byte for byte to the
        same text, in a later commit, does not verify)."""
        return seal(self.client, f"{path}\0{held}\0{version or ''}")

    def _now(self) -> str:
        return clock.minute()

    def _converge(self, art: Article) -> Row:
        """Bring one wanted article to exactly one live copy of its current version."""
        key = art.path
        fields, images, cover, digest = self._prepare(art)
        mark = digest[:16]
        e = self.ledger.entry(key)
        vouched = e.get("content_hash") == digest and e.get("version") == self._version(key)
        if e.get("retracted_hash") and not hmac.compare_digest(
                str(e.get("hold_seal", "")), self._hold_seal(key, e["retracted_hash"], self._version(key))):
            # not written by govpub retract (the ledger ref is writable by anyone with push rights):
            # a takedown needs a run with the account's credentials or a reviewed withdrawal
            e = self._update(key, retracted_hash=None, hold_seal=None)
        if e.get("retracted_hash") in (digest, mark):
            # taken down with govpub retract; the withdrawal is not merged yet: keep it down
            row = self._remove(key, None)
            row.message += "（已用 govpub retract 撤下，撤稿提交合并前不再发布）"
            return row
        if not vouched:  # another version, or an older record of the same bytes: start from the platform
            self._update(key, content_hash=digest, version=self._version(key), draft_media_id=None, publish_id=None,
                         submitted_at=None, submit_intent=None, submit_at=None, state="pending", error=None)
        live = self._live_or_in_flight(key, mark)
        if not live and not vouched:
            live = self._unrecorded(key, mark)
        if isinstance(live, Row):
            return live
        if live:
            return self._keep(key, live, self.ledger.entry(key))
        stopped = self._deleted_by_hand(key) or self._deleted_version(key, mark)
        if stopped is not None:
            return stopped
        # not live and nothing in flight: images, cover, draft, submit
        if cover is None:
            raise ValidationError("没有封面图（cover）")
        content = self._upload_images(fields["content"], images)
        fields = {**fields, "content": content, "thumb_media_id": self._cover_media_id(key, cover)}
        return self._submit(key, mark, self._draft(key, mark, fields))

    def _unrecorded(self, key: str, mark: str) -> list[Copy] | Row:
        """No sealed record of this version (no entry, one without the seal, an older one): what
        the platform shows decides before anything is written. A draft of this version in the box
        was made by a run with the account's credentials and may have been submitted (its
        record lost): it is waited for as a submit whose answer was lost, counted from the
        draft's own creation time on the platform (a forged entry cannot move that). A copy of
        this version that was published and is deleted, with no sealed record of govpub having
        deleted it, was deleted by a person or blocked: a person decides."""
        version = (self._version(key) or "")[:12]
        if key not in self.known and any(c.path == key and c.mark == mark and c.version in ("", version)
                                         for c in self.seen.deleted):
            self._update(key, state="needs_person", error=(
                "公众号上这一版本曾经发布、后来被删除（在公众平台被人删除，或被平台删除、封禁），台账中没有带签名的记录说明是 govpub "
                "撤下的，govpub 不会自己把它发回去。处理办法：在公众平台“发表记录”和通知中查明原因；需要重发的，修改文章经三审"
                "重新合并（新版本会发布），或由公众号管理员在公众平台手动发布"))
            return Row(key, self.platform, "needs_person", str(self.ledger.entry(key)["error"]))
        draft = next((d for d in self.seen.drafts_of(key) if d.mark == mark and not d.edited), None)
        if draft is None:
            return []
        self._update(key, draft_media_id=draft.media_id, submit_intent=draft.media_id, submit_at=draft.made,
                     state="publishing", **self._adopted_cover(key, draft.thumb))
        return self._live_or_in_flight(key, mark)

    def _deleted_version(self, key: str, mark: str) -> Row | None:
        """A Row when the platform's list shows this very version (text and commit, from the
        marker) published and deleted since: by govpub retract, a person or the platform. Never
        put back automatically, whatever the ledger says: an older genuine entry of the same
        version, replayed while a retraction waits for its withdrawal to be merged (an entry
        "submitted, answer pending" from the run that first published it), would otherwise
        submit the retracted article again. A reviewed restore of the same text is a new
        commit, so a new version, and is published."""
        version = (self._version(key) or "")[:12]
        if not version or not any(c.path == key and c.mark == mark and c.version == version for c in self.seen.deleted):
            return None
        error = ("公众号上这一版本（同一文字、同一提交）曾经发布、后来被删除（govpub retract 撤下，或在公众平台被人删除、被平台封禁），"
                 "govpub 不会自己把它发回去，台账怎么写都一样。处理办法：撤稿的，合并撤稿的合并请求；需要重发的，修改文章经三审重新合并"
                 "（新版本会发布），或由公众号管理员在公众平台手动发布；台账被改写的，由局办公室用 git log -p refs/govpub/ledger 核查是谁推送的")
        self._update(key, state="needs_person", error=error, submit_intent=None, submit_at=None, publish_id=None,
                     submitted_at=None)
        return Row(key, self.platform, "needs_person", error)

    def _adopted_cover(self, key: str, thumb: str) -> dict[str, Any]:
        """A copy or draft found without a record shows the cover's permanent image: {"cover": the
        entry's cover map with it} once its bytes prove it is this cover (so it is neither uploaded
        again nor left behind at a retraction); {} when there is nothing to add."""
        sha = self._cover_sha(key) if thumb else None
        covers = dict(self.ledger.entry(key).get("cover") or {})
        if sha and sha not in covers and self._cover_is(thumb, sha):
            return {"cover": {**covers, sha: thumb}}
        return {}

    def _live_or_in_flight(self, key: str, mark: str) -> list[Copy] | Row:
        """The live copies of this version (the lists, or the status of the publish the ledger
        names); a Row when a publish is still in flight or failed on the platform."""
        e = self.ledger.entry(key)
        live = [c for c in self.seen.copies(key) if c.mark == mark]
        if not live and e.get("publish_id"):
            status = self._call(self.client.publish_get, str(e["publish_id"]))
            code = int(status.get("publish_status", 1))
            if code == 1:
                return self._still_publishing(key, e)
            if code != 0:
                return self._failed(key, status)
            live = [_published_copy(key, mark, status)]
        if not live and e.get("submit_intent"):
            age = self._platform_now() - float(e.get("submit_at", 0))
            if age < self.ctx.settle_seconds:
                return Row(key, self.platform, "publishing",
                           "上次提交发布的应答丢失，平台可能仍在处理：不重复提交，结果出现后自动核对")
            self._update(key, submit_intent=None, submit_at=None)  # no trace after settling: never arrived
        return live

    def _still_publishing(self, key: str, e: dict[str, Any]) -> Row:
        """The platform still says "publishing" (status 1). Never submitted again (that would be a
        second copy once both finish); after GOVPUB_WECHAT_STUCK_HOURS a person is told."""
        hours = float(os.environ.get("GOVPUB_WECHAT_STUCK_HOURS", STUCK_HOURS))
        since = e.get("submitted_at")
        if isinstance(since, (int, float)) and self._platform_now() - since >= hours * 3600:
            return Row(key, self.platform, "needs_person", (
                f"提交发布（publish_id {e['publish_id']}）已超过 {hours:g} 小时，平台仍显示“发布中”。govpub 不会重复提交"
                "（两次发布都完成就是两份），每次运行继续核对。处理办法：在公众平台“发表记录”中查看这次发布；"
                "平台确认失败的，删除草稿箱中的该草稿后重新运行发布"))
        return Row(key, self.platform, "publishing", "已提交发布，平台仍在处理：下次运行再核对")

    def _failed(self, key: str, status: dict[str, Any]) -> Row:
        """A publish the platform ended with status 2..6: a person decides. The draft it left in
        the box is deleted (the ledger forgets it; the next version makes a new one)."""
        code = int(status.get("publish_status", 3))
        reason = FAILED.get(code, f"发布状态 {code}")
        e = self.ledger.entry(key)
        for media_id in {e.get("draft_media_id"), *(d.media_id for d in self.seen.drafts_of(key))} - {None}:
            self._drop_draft(str(media_id))
        self.seen.drafts = [d for d in self.seen.drafts if d.path != key]
        advice = ADVICE.get(code, ADVICE[3])
        older = [c for c in self.seen.copies(key) if c.url]
        if older and code in (2, 3, 4):  # an edit of a published article: the approved older version stays
            advice += (f"。公众号上仍是上一版本（{older[0].url}）：新版本发出后自动删除；"
                       "上一版本也不应再公开的，用 govpub retract 撤稿")
        self._update(key, state="needs_person", publish_id=None, submitted_at=None, draft_media_id=None,
                     submit_intent=None, submit_at=None,
                     error=f"公众号{reason}（fail_idx {status.get('fail_idx')}）。{advice}")
        return Row(key, self.platform, "needs_person", f"公众号{reason}。{advice}")

    def _deleted_by_hand(self, key: str) -> Row | None:
        """A Row when a person must decide: this very version was live and is gone (deleted in
        the MP backend by a person, or blocked: status 5/6). Never put it back on our own."""
        e = self.ledger.entry(key)
        if e.get("state") == "published" and e.get("article_id"):
            self._update(key, state="needs_person", error=(
                f"公众号上的这篇文章（{e['article_id']}）已被删除（在公众平台被人删除，或被平台删除、封禁），"
                "govpub 不会自己把它发回去。处理办法：在公众平台“发表记录”和通知中查明原因；需要重发的，"
                "修改文章经三审重新合并（新版本会发布），或由公众号管理员在公众平台手动发布"))
        if e.get("state") == "needs_person":
            return Row(key, self.platform, "needs_person", str(e.get("error", "需人工处理")))
        return None

    def _upload_images(self, content: str, images: list[Path]) -> str:
        """The body with every image re-hosted on WeChat. Uploaded afresh for every version
        (uploadimg takes no library slot and is safe to repeat): an image URL read back from
        the ledger, which anyone with push rights can write, would let a changed picture into
        an approved article."""
        urls: dict[str, str] = {}
        for n, path in enumerate(images, 1):
            data, ctype, name = _image_for_upload(path)
            sha = hashlib.sha256(data).hexdigest()
            if sha not in urls:
                urls[sha] = self._call(self.client.upload_image, name, data, ctype)
            content = content.replace(f'src="govpub-image-{n}"', f'src="{urls[sha]}"')
        if "govpub-image-" in content or "<script" in content.lower():
            raise ValidationError("正文中仍有未上传的图片或脚本")
        return content

    def _cover_media_id(self, key: str, cover: Path) -> str:
        """The permanent image of the cover: the one the ledger names once it is proven to be
        this image, else found by name after a lost answer, else uploaded."""
        covers = dict(self.ledger.entry(key).get("cover") or {})
        data, ctype, _ = _image_for_upload(cover)
        sha = hashlib.sha256(data).hexdigest()
        if sha in covers and not self._cover_is(covers[sha], sha):
            del covers[sha]  # the ledger named another image (anyone with push rights can write it)
        intent = self.ledger.entry(key).get("cover_intent")
        if intent and intent != sha and intent not in covers:
            self._drop_unrecorded_cover(key, str(intent))  # a killed run's upload of a cover changed since
        if sha not in covers:
            name = _cover_name(key, sha, "png" if ctype == "image/png" else "jpg")  # findable later
            covers[sha] = self._add_cover(key, name, data, ctype, sha)
            self._update(key, cover=covers, cover_intent=None)
        return str(covers[sha])

    def _drop_unrecorded_cover(self, key: str, sha: str) -> None:
        """Delete the permanent image a killed or answerless run uploaded for cover `sha` and never
        recorded, unless some article's ledger entry names it."""
        recorded = {str(m) for e in self.ledger.entries.values() for m in (e.get("cover") or {}).values()}
        for ext in ("jpg", "png"):
            found = self._call(self.client.find_material, _cover_name(key, sha, ext))
            if found is not None and found not in recorded:
                self._drop_material(found)

    def _drop_covers(self, key: str, keep: str | None) -> int:
        """Delete the article's permanent cover images other than the one of sha `keep` (all of them
        when None): an older version's cover once the current one is live, every cover once the
        article is retracted. Only a material that really is that image is deleted (the ledger that
        names it is writable by anyone with push rights). The number deleted."""
        covers = dict(self.ledger.entry(key).get("cover") or {})
        others = {str(m) for p, e in self.ledger.entries.items() if p != key for m in (e.get("cover") or {}).values()}
        gone = 0
        for sha, media_id in list(covers.items()):
            if sha == keep:
                continue
            if str(media_id) not in others and self._cover_is(str(media_id), sha):  # never another article's
                self._drop_material(str(media_id))
                gone += 1
            del covers[sha]
        if gone or len(covers) != len(self.ledger.entry(key).get("cover") or {}):
            self._update(key, cover=covers)
        return gone

    def _drop_thumbs(self, key: str, thumbs: set[str]) -> int:
        """Delete the cover images the article's own copies showed that its entry does not name
        (the entry was lost, removed or forged): never one another entry names or another
        article's copy or draft shows. The number deleted."""
        used = {str(m) for p, e in self.ledger.entries.items() if p != key for m in (e.get("cover") or {}).values()}
        used |= {c.thumb for c in self.seen.live + self.seen.drafts if c.path != key}
        for thumb in sorted(thumbs - used):
            self._drop_material(thumb)
        return len(thumbs - used)

    def _drop_material(self, media_id: str) -> None:
        try:
            self._call(self.client.del_material, media_id)
        except WeChatError as exc:
            if exc.code != 40007:  # already deleted
                raise

    def _add_cover(self, key: str, name: str, data: bytes, ctype: str, sha: str) -> str:
        found = self._call(self.client.find_material, name) if self.ledger.entry(key).get("cover_intent") == sha else None
        if found is not None:
            return found
        self._update(key, cover_intent=sha)
        return self._write(lambda: self.client.add_material(name, data, ctype),
                           lambda: self._call(self.client.find_material, name))

    def _write(self, write: Callable[[], str], find: Callable[[], str | None]) -> str:
        """A write that may have acted without a usable answer (-1, a timeout, an HTTP error, an
        unreadable or incomplete answer): its result is looked for on the platform before it is
        written again, a few times with a pause. Never two."""
        for attempt in range(self.client.retries + 1):
            try:
                return self._call(write)
            except WeChatLost:
                found = find()
                if found is not None:
                    return found
                if attempt == self.client.retries:
                    raise
                self.client.sleep(min(60.0, 2.0 ** attempt))
        raise AssertionError("unreachable")

    def _draft(self, key: str, mark: str, fields: dict[str, Any]) -> str:
        """The media_id of the draft to submit. Only the draft the ledger names (made from this
        version) and unchanged since it was made is reused; any other draft of the article (an older
        version, one whose add answer was lost before it was recorded, one edited in the MP backend
        after a run stopped before submitting it) is deleted rather than trusted."""
        recorded = self.ledger.entry(key).get("draft_media_id")
        media_id = None
        for d in self.seen.drafts_of(key):
            if d.mark == mark and d.media_id == recorded and not d.edited and media_id is None:
                media_id = d.media_id
            else:
                self._drop_draft(d.media_id)
        if media_id is not None:
            return media_id
        def find() -> str | None:  # draft/add is synchronous: the list shows whether it arrived
            found = [d for d in self.scan().drafts_of(key) if d.mark == mark]
            return found[0].media_id if found else None
        return self._write(lambda: self.client.draft_add(fields), find)

    def _submit(self, key: str, mark: str, media_id: str) -> Row:
        # written before the call: after a lost answer or a kill, the next run waits for this submit
        self._update(key, draft_media_id=media_id, submit_intent=media_id, submit_at=self._platform_now(),
                           state="publishing")
        try:
            publish_id = self._call(self.client.publish_submit, media_id)
        except WeChatLost as exc:  # it may have arrived: look at the published list once, never submit again
            self.seen = self.scan()
            live = [c for c in self.seen.copies(key) if c.mark == mark]
            if live:
                return self._keep(key, live, self.ledger.entry(key))
            return Row(key, self.platform, "publishing", f"{exc}：不重复提交，下次运行在平台列表中核对结果")
        except (WeChatError, ChannelStopped) as exc:  # the platform answered: nothing is in flight
            needs = isinstance(exc, WeChatError) and exc.needs_person
            self._update(key, submit_intent=None, submit_at=None,
                               **({"state": "needs_person", "error": str(exc)} if needs else {}))
            if needs:
                return Row(key, self.platform, "needs_person", str(exc))
            raise
        e = self._update(key, publish_id=publish_id, submitted_at=self._platform_now(), submit_intent=None, submit_at=None)
        status = self._call(self.client.publish_get, publish_id)
        code = int(status.get("publish_status", 1))
        if code == 0:
            return self._keep(key, [_published_copy(key, mark, status)], e)
        if code != 1:  # failed on the platform right away: no "still in progress" for it
            return self._failed(key, status)
        return Row(key, self.platform, "publishing", "已提交发布，平台仍在处理：下次运行再核对")

    def _cover_is(self, media_id: str, sha: str) -> bool:
        """The permanent image really is the approved cover (checked before every draft)."""
        try:
            return hashlib.sha256(self._call(self.client.get_material, media_id)).hexdigest() == sha
        except WeChatError as exc:
            if exc.code == 40007:  # deleted from the library
                return False
            raise

    def _keep(self, key: str, live: list[Copy], e: dict[str, Any]) -> Row:
        """The current version is live: keep one copy, delete the others and leftover drafts."""
        keep = next((c for c in live if c.article_id == e.get("article_id")), live[0])
        extra = [c for c in self.seen.copies(key) if (c.article_id, c.index) != (keep.article_id, keep.index)]
        for c in extra:
            self._delete(c)
        for d in self.seen.drafts_of(key):
            self._drop_draft(d.media_id)
        self.seen.live = [c for c in self.seen.live if c.path != key] + [keep]
        self.seen.drafts = [d for d in self.seen.drafts if d.path != key]
        was = e.get("state") == "published" and e.get("article_id") == keep.article_id
        previous = e.get("article_url") if e.get("article_url") and e.get("article_url") != keep.url else None
        self._update(key, state="published", article_id=keep.article_id, article_url=keep.url,
                     publish_id=None, submitted_at=None, submit_intent=None, submit_at=None, draft_media_id=None,
                     error=None, published_at=e.get("published_at") if was else self._now(),
                     previous_url=previous or e.get("previous_url"), **self._adopted_cover(key, keep.thumb))
        cover = self.prepared[key][2] if key in self.prepared else None
        if cover is not None and len(self.ledger.entry(key).get("cover") or {}) > 1:
            self._drop_covers(key, hashlib.sha256(_image_for_upload(cover)[0]).hexdigest())
        if was and not extra:
            return Row(key, self.platform, "unchanged", keep.url)
        older = [c for c in extra if c.mark != keep.mark]
        note = f"；删除了 {len(extra)} 份重复或旧版本" if extra else ""
        if key in self.untrusted:
            note += "（台账中该文章的记录没有有效签名，不予采信，已按平台列表核对）"
        return Row(key, self.platform, "published" if not was or older else "duplicate", f"{keep.url}{note}")

    def _delete(self, c: Copy) -> None:
        try:
            self._call(self.client.publish_delete, c.article_id, c.index)
        except WeChatError as exc:
            if exc.code != 53600:  # already gone
                raise

    def _drop_draft(self, media_id: str) -> None:
        try:
            self._call(self.client.draft_delete, media_id)
        except WeChatError as exc:
            if exc.code != 40007:  # consumed or already deleted
                raise

    def _remove(self, key: str, reason: str | None) -> Row:
        """Delete every copy of an article that is no longer wanted, now or once its publish is seen."""
        e = self.ledger.entry(key)
        copies = self.seen.copies(key)
        in_flight = False
        if e.get("publish_id") and not copies:
            status = self._call(self.client.publish_get, e["publish_id"])
            code = int(status.get("publish_status", 1))
            if code == 1:
                in_flight = True
            elif code == 0:
                found = str(status.get("article_id"))
                if {c.path for c in self.seen.live if c.article_id == found} - {key}:
                    # the lists show it as another article's copy: a publish_id written into the
                    # ledger (anyone with push rights can) must not delete someone else's article
                    self._update(key, publish_id=None, submitted_at=None)
                else:
                    copies = [Copy(key, "", found, 1)]
        if e.get("submit_intent") and self._platform_now() - float(e.get("submit_at", 0)) < self.ctx.settle_seconds:
            in_flight = True
        thumbs = {c.thumb for c in [*copies, *self.seen.drafts_of(key)] if c.thumb and not c.edited}
        for c in copies:
            self._delete(c)
        for d in self.seen.drafts_of(key):
            if not (in_flight and d.media_id == e.get("submit_intent")):
                self._drop_draft(d.media_id)
        fields = {"retracted_reason": reason} if reason else {}
        if in_flight:
            self._update(key, state="retract_pending", **fields)
            return Row(key, self.platform, "retract_pending",
                       "发布仍在进行：发布一完成，下一次 govpub publish 就删除它（可手动再运行一次）")
        recorded = {str(m) for m in (e.get("cover") or {}).values()}
        covers = self._drop_covers(key, None)  # first: a run stopped in between finds the article still to do
        covers += self._drop_thumbs(key, thumbs - recorded)
        self._update(key, state="retracted", article_id=None, publish_id=None, submitted_at=None,
                     submit_intent=None, submit_at=None, draft_media_id=None, retracted_at=self._now(), **fields)
        n = len(copies)
        message = f"已从微信公众号删除 {n} 份" if n else "公众号上已没有这篇文章"
        if covers:
            message += f"，删除封面素材 {covers} 个"
        if n:
            message += ("。正文图片在微信图片服务器上的副本（mmbiz.qpic.cn 地址，不占素材库）接口无法删除，"
                        "文章删除后已无页面引用；图片本身涉密或涉及个人信息的，请公众号管理员联系微信客服删除")
        return Row(key, self.platform, "retracted", message)

    def _orphan(self, ident: str) -> Row:
        for c in [c for c in self.seen.live + self.seen.drafts if c.path is None and ident in (c.article_id, c.media_id)]:
            if c.media_id:
                self._drop_draft(c.media_id)
            else:
                self._delete(c)
        return Row(ident, self.platform, "orphan", "govpub 发过、但仓库中已没有对应文章的副本，已删除")

    # -- verify and retract -----------------------------------------------------------------
    def verify(self, ctx: Context) -> list[Row]:
        if not self.applied:
            return []
        seen = self.scan()
        wanted = {a.path for a in ctx.wanted(self.platform)}
        rows = []
        for path in sorted({c.path for c in seen.live if c.path}):
            n = len(seen.copies(path))
            if path not in wanted:
                rows.append(Row(path, self.platform, "failed", f"已撤稿或不再发往公众号，但平台上仍有 {n} 份：下次运行再删除"))
            elif n > 1:
                rows.append(Row(path, self.platform, "failed", f"平台上有 {n} 份：下次运行删除多余的"))
        return rows

    def retract(self, ctx: Context, path: str, reason: str) -> Row:
        try:
            self._distrust()
            e = self.ledger.entries.get(path, {})
            held = e.get("content_hash") if path in self.known else None
            if held:  # until the withdrawal is merged, main still has this version: never republish it
                self._hold(path, held, e.get("version") or self._checkout_version(path))
            self.seen = self.scan()  # every copy that carries the article's marker, whatever the ledger says
            marks = {c.mark for c in self.seen.copies(path)}
            if not held and len(marks) == 1:  # no sealed entry: the live version, as the platform shows it
                self._hold(path, marks.pop(), self._checkout_version(path))
            return self._remove(path, reason)
        except WeChatLost as exc:
            self._update(path, state="retract_pending", retracted_reason=reason)
            return Row(path, self.platform, "failed", f"{exc}：可能未删除，请重新运行本命令或 govpub publish 核对")
        except WeChatError as exc:
            self._update(path, state="retract_pending", retracted_reason=reason)
            return Row(path, self.platform, "failed", str(exc))


__all__ = ["Channel", "ValidationError", "WeChatLost", "content_hash", "marker", "prepare"]
