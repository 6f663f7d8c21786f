"""A thin client for the WeChat Official Account publishing API (reference: wechat-api.md).

One explicit httpx.Client, timeouts always set, errors typed by what the caller must do.
The stable_token is cached for its lifetime across the run and renewed only when it is
about to expire or the API says it is invalid (once normally, then at most once forced).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

Files = dict[str, tuple[str, bytes, str]]  # multipart field → (file name, bytes, content type)

API = "https://api.weixin.qq.com"

RETRY = {-1, 45011}  # busy / per-minute quota: back off and retry
TOKEN = {40001, 40014, 42001}  # token invalid, not the latest, expired
# Calls that change nothing, or may be repeated without harm (uploadimg takes no library
# slot): a lost answer is simply asked again. The others are reconciled by the caller.
SAFE = {"/cgi-bin/media/uploadimg", "/cgi-bin/material/get_material", "/cgi-bin/draft/get", "/cgi-bin/draft/batchget", "/cgi-bin/freepublish/get",
        "/cgi-bin/freepublish/batchget", "/cgi-bin/material/batchget_material"}
# Deletes: a repeat answers "already gone" (40007, 53600), which the caller accepts, so a lost
# answer or a -1 is simply asked again. The writes left (add_material, draft/add,
# freepublish/submit) are never repeated here: a -1, a lost, slow, unreadable or incomplete
# answer may come after the platform acted, so they raise WeChatLost and the caller looks on
# the platform (by name, by marker) before writing again.
IDEMPOTENT = {"/cgi-bin/draft/delete", "/cgi-bin/freepublish/delete", "/cgi-bin/material/del_material"}
FATAL = {40164: "服务器 IP 不在公众号的 IP 白名单中：在公众平台“开发接口管理”中添加发布服务器的固定出口 IP",
         48001: "公众号没有该接口权限（未认证或认证已过期）：请完成微信认证",
         45009: "今日接口调用次数已用完：明天再运行 govpub publish，不要手动清零额度",
         89503: "此次调用需要管理员在公众平台确认：请管理员确认后重新运行",
         89506: "管理员拒绝了此次调用：请联系公众号管理员",
         89507: "管理员拒绝了此次调用，1 小时内不能再调用：请稍后联系公众号管理员",
         40125: "AppSecret 无效：检查环境变量中的 AppSecret 是否正确或已重置",
         40013: "AppID 无效：检查环境变量中的 AppID",
         40243: "AppSecret 已被冻结：请公众号管理员在公众平台处理",
         50007: "公众号已被冻结：请公众号管理员在公众平台处理"}
LATER = {45011: "接口每分钟的调用次数已用完，等了一分钟仍未恢复：本次停止，已做的不会重复；"
                "过几分钟重新运行 govpub publish（或等下一次定时运行），不要手动清零额度",
         -1: "微信系统繁忙，重试几次仍未恢复：本次停止，已做的不会重复；过一会儿重新运行 govpub publish"}
HUMAN = {53503: "草稿未通过发布检查，需要人工在公众平台处理",
         53504: "需要在公众平台网页端操作发布",
         53505: "需要在公众平台手动保存草稿后再发布"}


class WeChatError(Exception):
    """The API answered with an error code."""

    def __init__(self, code: int, message: str, path: str) -> None:
        self.code, self.message, self.path = code, message, path
        advice = FATAL.get(code) or LATER.get(code) or HUMAN.get(code) or "查看微信公众平台错误码说明"
        super().__init__(f"微信接口 {path} 返回错误 {code}（{message}）：{advice}")

    @property
    def needs_person(self) -> bool:
        return self.code in HUMAN


class WeChatLost(Exception):
    """No usable answer (timeout, connection dropped, HTTP error, unreadable or incomplete
    JSON, -1 to a write): the server may or may not have acted."""

    def __init__(self, path: str, cause: Exception | str) -> None:
        self.path = path
        what = cause if isinstance(cause, str) else f"没有响应（{type(cause).__name__}）"
        super().__init__(f"微信接口 {path} {what}")


def seal(client: WeChatClient, text: str, purpose: bytes = b"govpub-ledger-seal") -> str:
    """An HMAC of `text` under a key derived from the account's AppSecret and `purpose` (a seal
    made for one kind of record never verifies as another): a record in the ledger
    (refs/govpub/ledger, which anyone with push rights can write) that only a run holding the
    account's credentials can have made."""
    return seal_with(client._secret, text, purpose)


def seal_with(secret: str, text: str, purpose: bytes = b"govpub-ledger-seal") -> str:
    """`seal` from the AppSecret itself (the audit verifies ledger entries without a client)."""
    key = hashlib.sha256(purpose + b"\0" + secret.encode("utf-8")).digest()
    return hmac.new(key, text.encode("utf-8"), hashlib.sha256).hexdigest()


Check = Callable[[dict[str, Any]], str | None]


def has(*keys: str) -> Check:
    """An answer check: the fields the caller reads must be there (a 200 answer without them is
    no answer: the platform may or may not have acted)."""
    def check(data: dict[str, Any]) -> str | None:
        missing = [k for k in keys if data.get(k) in (None, "")]
        return f"的应答缺少 {'、'.join(missing)}" if missing else None
    return check


def _listing(key: str) -> Check:
    """A page of a list: its counts and, on every item, the id govpub matches copies by."""
    def check(data: dict[str, Any]) -> str | None:
        items = data.get("item")
        if not isinstance(items, list) or not isinstance(data.get("total_count"), int):
            return "的应答缺少 item 或 total_count"
        if any(not isinstance(i, dict) or not i.get(key) for i in items):
            return f"的应答中有条目缺少 {key}"
        return None
    return check


@dataclass
class Token:
    value: str
    expires_at: float


class WeChatClient:
    def __init__(self, appid: str, secret: str, *, base_url: str = API, timeout: float = 10.0,
                 retries: int = 3, sleep: Callable[[float], None] = time.sleep) -> None:
        self.appid, self._secret = appid, secret
        self.http = httpx.Client(base_url=base_url, timeout=httpx.Timeout(timeout))
        self.retries, self.sleep = retries, sleep
        self._token: Token | None = None
        self._forced = False  # at most one forced refresh per run
        self._skew = 0.0  # the platform's clock minus this machine's, from its last answer's Date header

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> WeChatClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- token -----------------------------------------------------------------------
    def token(self, *, force: bool = False) -> str:
        if not force and self._token and self._token.expires_at - time.time() > 300:
            return self._token.value
        body = {"grant_type": "client_credential", "appid": self.appid, "secret": self._secret,
                "force_refresh": force}
        data = self._send("POST", "/cgi-bin/stable_token", json_body=body, with_token=False)
        self._token = Token(data["access_token"], time.time() + int(data.get("expires_in", 7200)))
        return self._token.value

    # -- one call ---------------------------------------------------------------------
    def call(self, path: str, body: dict[str, Any] | None = None, *, method: str = "POST",
             params: dict[str, str] | None = None, files: Files | None = None, raw: bool = False,
             check: Check | None = None) -> dict[str, Any]:
        refreshed = 0
        attempt = 0
        again = path in SAFE or path in IDEMPOTENT  # may be asked again without looking first
        while True:
            try:
                data = self._send(method, path, json_body=body, params=params, files=files, raw=raw)
                problem = check(data) if check else None
                if problem:
                    raise WeChatLost(path, problem)
                return data
            except WeChatLost:
                if again and attempt < self.retries:
                    attempt += 1
                    continue
                raise
            except WeChatError as exc:
                if exc.code in TOKEN and refreshed == 0:
                    self._token = None  # a normal renewal first: another process may have renewed it
                    refreshed += 1
                    continue
                if exc.code in TOKEN and refreshed == 1 and not self._forced:
                    self._forced = True
                    self.token(force=True)
                    refreshed += 1
                    continue
                if exc.code == -1 and not again:  # "system busy" may come after the platform acted
                    raise WeChatLost(path, "答“系统繁忙”（-1），平台可能已经执行") from exc
                if exc.code in RETRY and attempt < self.retries:
                    # the per-minute quota comes back with the next minute, "busy" sooner
                    self.sleep(60.0 if exc.code == 45011 else min(60.0, 2.0 ** attempt))
                    attempt += 1
                    continue
                raise

    def _send(self, method: str, path: str, *, json_body: dict[str, Any] | None = None,
              params: dict[str, str] | None = None, files: Files | None = None, with_token: bool = True,
              raw: bool = False) -> dict[str, Any]:
        query = dict(params or {})
        if with_token:
            query["access_token"] = self.token()
        content = None
        if json_body is not None:
            content = json.dumps(json_body, ensure_ascii=False).encode("utf-8")  # no \\uXXXX escapes
        try:
            response = self.http.request(method, path, params=query, content=content, files=files,
                                         headers={"Content-Type": "application/json"} if content else None)
        except (httpx.TimeoutException, httpx.TransportError) as exc:
            raise WeChatLost(path, exc) from exc
        self._clock_from(response.headers.get("date"))
        if raw and "json" not in response.headers.get("content-type", "") and response.status_code == 200:
            return {"content": response.content}  # a file, not an error
        if response.status_code != 200:  # a gateway's answer, whatever its body: the API may have acted
            raise WeChatLost(path, f"答 HTTP {response.status_code}，平台可能已经执行")
        try:
            data = response.json()
        except ValueError as exc:
            raise WeChatLost(path, exc) from exc
        if not isinstance(data, dict):
            raise WeChatLost(path, ValueError("not a JSON object"))
        code = int(data.get("errcode", 0) or 0)
        if code:
            raise WeChatError(code, str(data.get("errmsg", "")), path)
        return data

    def _clock_from(self, date: str | None) -> None:
        try:
            self._skew = parsedate_to_datetime(date).timestamp() - time.time() if date else self._skew
        except (TypeError, ValueError):
            pass  # no usable Date header: the last known difference stands

    def platform_time(self) -> float:
        """Now on the platform's clock, as its last answer's Date header told it (to the second;
        this machine's clock before any answer). How long a submit has been in flight is measured
        on one clock, the platform's, whichever runner wrote its time and however far off its own
        clock is."""
        return time.time() + self._skew

    # -- the endpoints govpub uses ------------------------------------------------------
    def upload_image(self, name: str, data: bytes, content_type: str) -> str:
        return str(self.call("/cgi-bin/media/uploadimg", files={"media": (name, data, content_type)},
                             check=has("url"))["url"])

    def add_material(self, name: str, data: bytes, content_type: str) -> str:
        return str(self.call("/cgi-bin/material/add_material", params={"type": "image"},
                             files={"media": (name, data, content_type)}, check=has("media_id"))["media_id"])

    def get_material(self, media_id: str) -> bytes:
        """The bytes of a permanent image (获取永久素材); empty when the answer is not a file."""
        content = self.call("/cgi-bin/material/get_material", {"media_id": media_id}, raw=True).get("content")
        return content if isinstance(content, bytes) else b""  # a JSON answer is not the image

    def del_material(self, media_id: str) -> None:
        """Delete a permanent image (删除永久素材); 40007 when it is already gone."""
        self.call("/cgi-bin/material/del_material", {"media_id": media_id})

    def find_material(self, name: str) -> str | None:
        """The media_id of a permanent image named `name` (recent first), or None."""
        offset = 0
        while True:
            page = self.call("/cgi-bin/material/batchget_material", {"type": "image", "offset": offset, "count": 20},
                             check=_listing("media_id"))
            for item in page.get("item", []):
                if item.get("name") == name:
                    return str(item["media_id"])
            offset += page.get("item_count", 0)
            if not page.get("item_count") or offset >= page.get("total_count", 0):
                return None

    def draft_add(self, article: dict[str, Any]) -> str:
        return str(self.call("/cgi-bin/draft/add", {"articles": [article]}, check=has("media_id"))["media_id"])

    def draft_get(self, media_id: str) -> dict[str, Any]:
        return self.call("/cgi-bin/draft/get", {"media_id": media_id})

    def draft_batchget(self, offset: int = 0, count: int = 20) -> dict[str, Any]:
        return self.call("/cgi-bin/draft/batchget", {"offset": offset, "count": count, "no_content": 1},
                         check=_listing("media_id"))

    def draft_delete(self, media_id: str) -> None:
        self.call("/cgi-bin/draft/delete", {"media_id": media_id})

    def publish_submit(self, media_id: str) -> str:
        return str(self.call("/cgi-bin/freepublish/submit", {"media_id": media_id}, check=has("publish_id"))["publish_id"])

    def publish_get(self, publish_id: str) -> dict[str, Any]:
        """The status of a publish; status 0 (published) always with the article_id it made."""
        def check(data: dict[str, Any]) -> str | None:
            if not isinstance(data.get("publish_status"), int):
                return "的应答缺少 publish_status"
            return has("article_id")(data) if data["publish_status"] == 0 else None
        return self.call("/cgi-bin/freepublish/get", {"publish_id": publish_id}, check=check)

    def published_batchget(self, offset: int = 0, count: int = 20) -> dict[str, Any]:
        return self.call("/cgi-bin/freepublish/batchget", {"offset": offset, "count": count, "no_content": 1},
                         check=_listing("article_id"))

    def publish_delete(self, article_id: str, index: int = 1) -> None:
        self.call("/cgi-bin/freepublish/delete", {"article_id": article_id, "index": index})
