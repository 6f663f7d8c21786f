"""Sync one article to the WeChat Official Account, idempotently (wechat-api.md §8).

Per article the ledger keeps: content_hash, images {sha256: url}, cover {sha256: media_id},
draft_media_id, publish_id, article_id, article_url, state. Before a call whose answer may
be lost (draft/add, freepublish/submit) the intent is written down; a re-run that finds an
intent without its result reconciles with draft/batchget or freepublish/batchget first, so
nothing is posted twice. An edited article is deleted and published again, only when its
content changed."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from govpub import clock
from govpub.content.article import Article
from govpub.publish.ledger import Ledger
from govpub.publish.render import render
from govpub.publish.wechat_client import WeChatClient, WeChatError, WeChatLost

TITLE_MAX, AUTHOR_MAX, DIGEST_MAX, CONTENT_MAX = 32, 16, 128, 20000
IMAGE_MAX = 1024 * 1024


class ValidationError(Exception):
    """The article cannot be sent as it is; the message says what to change."""


@dataclass
class Outcome:
    article: str
    state: str  # published | publishing | unchanged | needs_person | failed
    message: str
    url: str | None = None


def _image_for_upload(path: Path) -> tuple[bytes, str, str]:
    """JPEG or PNG under 1 MB, as uploadimg requires; larger or other images re-encoded."""
    from PIL import Image

    data = path.read_bytes()
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
    h = hashlib.sha256((root / art.path).read_bytes())
    for p in [*images, *([cover] if cover else [])]:
        h.update(b"\0" + p.read_bytes())
    return h.hexdigest()


def prepare(art: Article, root: Path, site_url: str) -> tuple[dict, list[Path], Path | None]:
    """The draft fields before upload, validated against the documented limits."""
    title = str(art.meta.get("title", "")).strip()
    author = str(art.meta.get("author", "")).strip()
    digest = str(art.meta.get("summary", "")).strip()
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
    rendered = render(art, root, image_src=lambda n, p: f"govpub-image-{n}",
                      link_ok=lambda href: href.startswith("https://mp.weixin.qq.com/"))
    if len(rendered.html) >= CONTENT_MAX or len(rendered.html.encode()) >= IMAGE_MAX:
        problems.append(f"正文排版后 {len(rendered.html)} 字符，公众号上限 {CONTENT_MAX} 字符：请精简或分篇")
    if problems:
        raise ValidationError("；".join(problems))
    fields = {"article_type": "news", "title": title, "author": author, "digest": digest,
              "content": rendered.html, "content_source_url": site_url, "need_open_comment": 1,
              "only_fans_can_comment": 0}
    return fields, rendered.images, cover


def sync(client: WeChatClient, ledger: Ledger, art: Article, root: Path, site_url: str) -> Outcome:
    key = art.path
    try:
        fields, images, cover = prepare(art, root, site_url)
    except ValidationError as exc:
        ledger.update(key, state="failed", error=str(exc))
        return Outcome(key, "failed", f"未同步：{exc}")
    digest = content_hash(art, root, images, cover)
    e = ledger.entry(key)
    if e.get("state") == "published" and e.get("content_hash") == digest:
        return Outcome(key, "unchanged", "内容未变，无需重新发布", e.get("article_url"))
    if e.get("state") == "published" and e.get("article_id"):
        # a published article cannot be edited: delete it, then publish the new version
        try:
            client.publish_delete(e["article_id"], 1)
        except WeChatError as exc:
            if exc.code != 53600:  # already gone
                raise
        e = ledger.update(key, state="replacing", previous_url=e.get("article_url"), article_id=None,
                          article_url=None, publish_id=None, draft_media_id=None, draft_hash=None)
    if e.get("content_hash") != digest:
        e = ledger.update(key, content_hash=digest, draft_media_id=None, draft_hash=None, publish_id=None,
                          state=e.get("state") if e.get("state") == "replacing" else "pending")

    # body images: reuse an uploaded URL by content, upload the rest (uploadimg takes no library slot)
    urls = dict(e.get("images") or {})
    content = fields["content"]
    for n, path in enumerate(images, 1):
        data, ctype, name = _image_for_upload(path)
        sha = hashlib.sha256(data).hexdigest()
        if sha not in urls:
            urls[sha] = client.upload_image(name, data, ctype)
            ledger.update(key, images=urls)
        content = content.replace(f'src="govpub-image-{n}"', f'src="{urls[sha]}"')
    if "govpub-image-" in content or "<script" in content.lower():
        raise ValidationError("正文中仍有未上传的图片或脚本")
    fields["content"] = content

    # cover: a permanent material, never uploaded twice (each takes a library slot)
    covers = dict(e.get("cover") or {})
    data, ctype, _ = _image_for_upload(cover)  # type: ignore[arg-type]
    cover_sha = hashlib.sha256(data).hexdigest()
    name = f"govpub-cover-{cover_sha[:16]}.{'png' if ctype == 'image/png' else 'jpg'}"  # findable later
    if cover_sha not in covers:
        media_id = client.find_material(name) if e.get("cover_intent") == cover_sha else None
        if media_id is None:
            ledger.update(key, cover_intent=cover_sha)
            try:
                media_id = client.add_material(name, data, ctype)
            except WeChatLost:
                media_id = client.find_material(name) or client.add_material(name, data, ctype)
        covers[cover_sha] = media_id
        ledger.update(key, cover=covers, cover_intent=None)
    fields["thumb_media_id"] = covers[cover_sha]

    # draft
    if not e.get("publish_id") and not e.get("draft_media_id"):
        if e.get("draft_intent") == digest:
            found = _find_draft(client, fields)
            if found:
                e = ledger.update(key, draft_media_id=found, draft_hash=digest, draft_intent=None)
        if not e.get("draft_media_id"):
            ledger.update(key, draft_intent=digest)
            try:
                media_id = client.draft_add(fields)
            except WeChatLost:  # the answer was lost: the draft may exist
                media_id = _find_draft(client, fields) or client.draft_add(fields)
            e = ledger.update(key, draft_media_id=media_id, draft_hash=digest, draft_intent=None, state="drafted")

    # submit
    if not e.get("publish_id") and not e.get("article_id"):
        outcome = _submit(client, ledger, key, e, fields)
        if outcome is not None:
            return outcome
        e = ledger.entry(key)

    if e.get("article_id") and e.get("article_url"):
        return _published(ledger, key, e)
    status = client.publish_get(e["publish_id"])
    code = int(status.get("publish_status", 1))
    if code == 0:
        items = status.get("article_detail", {}).get("item", [])
        e = ledger.update(key, article_id=status.get("article_id"),
                          article_url=items[0]["article_url"] if items else None)
        return _published(ledger, key, e)
    if code == 1:
        return Outcome(key, "publishing", "已提交发布，平台仍在处理：下次运行 govpub publish 时再查询结果")
    reason = {2: "原创声明失败", 3: "发布失败", 4: "平台审核未通过", 5: "发布后被用户删除", 6: "发布后被系统封禁"}.get(code, f"状态 {code}")
    ledger.update(key, state="failed", error=f"{reason}（fail_idx {status.get('fail_idx')}）")
    return Outcome(key, "failed", f"公众号{reason}：请在公众平台查看原因")


def _submit(client: WeChatClient, ledger: Ledger, key: str, e: dict, fields: dict) -> Outcome | None:
    """freepublish/submit exactly once per draft; None when the ledger now has a result."""
    if e.get("submit_intent"):  # an earlier submit whose answer was lost
        found = _find_published(client, fields)
        if found:
            ledger.update(key, article_id=found[0], article_url=found[1], submit_intent=None)
            return None
        if not _draft_exists(client, e["draft_media_id"]):
            return Outcome(key, "publishing", "已提交发布，结果尚未返回：下次运行 govpub publish 时核对")
    ledger.update(key, submit_intent=e["draft_media_id"])
    try:
        publish_id = client.publish_submit(e["draft_media_id"])
    except WeChatLost:
        found = _find_published(client, fields)
        if found:
            ledger.update(key, article_id=found[0], article_url=found[1], submit_intent=None)
            return None
        if _draft_exists(client, e["draft_media_id"]):  # it never arrived: submit again
            publish_id = client.publish_submit(e["draft_media_id"])
        else:
            return Outcome(key, "publishing", "已提交发布，结果尚未返回：下次运行 govpub publish 时核对")
    except WeChatError as exc:
        if exc.needs_person:
            ledger.update(key, state="needs_person", error=str(exc), submit_intent=None)
            return Outcome(key, "needs_person", str(exc))
        raise
    ledger.update(key, publish_id=publish_id, submit_intent=None, state="publishing")
    return None


def _draft_exists(client: WeChatClient, media_id: str) -> bool:
    try:
        client.draft_get(media_id)
    except WeChatError as exc:
        if exc.code == 40007:  # consumed by publishing, or deleted
            return False
        raise
    return True


def _published(ledger: Ledger, key: str, e: dict) -> Outcome:
    if e.get("state") != "published":
        e = ledger.update(key, state="published", published_at=clock.minute(),
                          error=None)
    return Outcome(key, "published", "已发布到微信公众号", e.get("article_url"))


def _find_draft(client: WeChatClient, fields: dict) -> str | None:
    """A draft this article already made (its answer was lost): same title and 阅读原文 link."""
    offset = 0
    while True:
        page = client.draft_batchget(offset, 20)
        for item in page.get("item", []):
            for news in item.get("content", {}).get("news_item", []):
                if news.get("title") == fields["title"] and news.get("content_source_url") == fields["content_source_url"]:
                    return item["media_id"]
        offset += page.get("item_count", 0)
        if not page.get("item_count") or offset >= page.get("total_count", 0):
            return None


def _find_published(client: WeChatClient, fields: dict) -> tuple[str, str] | None:
    offset = 0
    while True:
        page = client.published_batchget(offset, 20)
        for item in page.get("item", []):
            for news in item.get("content", {}).get("news_item", []):
                if (news.get("title") == fields["title"] and news.get("content_source_url") == fields["content_source_url"]
                        and not news.get("is_deleted")):
                    return item["article_id"], news.get("url", "")
        offset += page.get("item_count", 0)
        if not page.get("item_count") or offset >= page.get("total_count", 0):
            return None


def retract(client: WeChatClient, ledger: Ledger, key: str, reason: str) -> Outcome:
    e = ledger.entry(key)
    if not e.get("article_id"):
        return Outcome(key, "unchanged", "公众号上没有这篇文章")
    try:
        client.publish_delete(e["article_id"], 1)
    except WeChatError as exc:
        if exc.code != 53600:
            raise
    ledger.update(key, state="retracted", retracted_reason=reason,
                  retracted_at=clock.minute())
    return Outcome(key, "retracted", "已从微信公众号删除", e.get("article_url"))


__all__ = ["Outcome", "ValidationError", "WeChatLost", "prepare", "retract", "sync"]
