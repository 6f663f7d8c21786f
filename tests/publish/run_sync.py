"""Sync the named articles of a site to WeChat in a process of its own (the kill tests kill it)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from govpub.content import article as article_mod
from govpub.publish.ledger import Ledger
from govpub.publish.wechat import sync
from govpub.publish.wechat_client import WeChatClient


def main() -> int:
    root = Path(sys.argv[1])
    ledger = Ledger(root, "wechat")
    with WeChatClient(os.environ["GOVPUB_WECHAT_APPID"], os.environ["GOVPUB_WECHAT_SECRET"],
                      base_url=os.environ["GOVPUB_WECHAT_API"], timeout=1.0, sleep=lambda s: None) as client:
        for rel in sys.argv[2:]:
            art = article_mod.load(root, root / rel)
            outcome = sync(client, ledger, art, root, f"https://www.zhanjiang.gov.cn/sfj/{rel}")
            print(outcome.article, outcome.state, outcome.url, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
