"""Converge a site's WeChat account in a process of its own (the kill tests kill it)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from govpub.publish import pipeline
from govpub.publish.wechat_client import WeChatClient


def main() -> int:
    root = Path(sys.argv[1])
    with WeChatClient(os.environ["GOVPUB_WECHAT_APPID"], os.environ["GOVPUB_WECHAT_SECRET"],
                      base_url=os.environ["GOVPUB_WECHAT_API"], timeout=1.0, sleep=lambda s: None) as client:
        result = pipeline.converge(root, "", out=root / "publish-out", remote=os.environ.get("GOVPUB_REMOTE") or None,
                                   clients={"wechat": client}, platforms=["wechat"], lock_wait=30)
    for row in result.rows:
        print(row.article, row.state, row.message, flush=True)
    return 0 if result.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
