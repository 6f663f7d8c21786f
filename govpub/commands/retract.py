"""govpub retract PATH --reason TEXT: withdraw an article from every platform, keep the record.

The Markdown stays in Git history and in content/ with status: withdrawn, the reason and
the time; the site stops building it (its old URL shows a withdrawal notice, and it leaves
the search index and sitemap); WeChat deletes it (freepublish/delete); the 南方号 operator
is told to remove it by hand; the ledgers record why (Art. 12)."""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from govpub import clock
from govpub.errors import GovpubError, UsageError
from govpub.policy import Policy

_FIELDS = re.compile(r"^(?:status|withdrawn_reason|withdrawn_at)\s*:.*\r?\n", re.MULTILINE)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="PATH", help="要撤下的文章（content/ 下的 .md 文件）")
    parser.add_argument("--reason", required=True, help="撤稿理由（记入文章和发布台账）")
    parser.add_argument("--deploy", metavar="TARGET", help="同时重新构建并部署网站（与 govpub publish 的 --deploy 相同）")


def mark_withdrawn(text: str, reason: str, when: str) -> str:
    """The article text with status: withdrawn, the reason and the time in its front matter."""
    from govpub.content.scaffold import _scalar

    m = re.match(r"(---[ \t]*\r?\n)(.*?)(^(?:---|\.\.\.)[ \t]*\r?$)", text, re.DOTALL | re.MULTILINE)
    if not m:
        raise GovpubError("文章没有 front matter，无法标记撤稿", hint="先用 govpub check 修正文章格式")
    nl = "\r\n" if "\r\n" in m.group(1) else "\n"
    front = _FIELDS.sub("", m.group(2))
    front += f"status: withdrawn{nl}withdrawn_reason: {_scalar(reason)}{nl}withdrawn_at: {when}{nl}"
    return text[:m.start(2)] + front + text[m.start(3):]


def run(args: argparse.Namespace) -> int:
    from govpub.commands.fix import write_atomic
    from govpub.commands.publish import credentials
    from govpub.publish.ledger import Ledger

    policy = Policy.discover()
    root = policy.root
    path = Path(args.path).absolute()
    try:
        rel = path.relative_to(root).as_posix()
    except ValueError:
        raise UsageError("不在网站仓库中", path=args.path) from None
    from govpub.content.safepath import inside

    inside(root, path)  # a symlinked folder must not lead the edit outside the repository
    if not rel.startswith("content/") or not path.is_file() or path.suffix != ".md":
        raise UsageError("不是 content/ 下的文章", path=args.path, hint="写文章 .md 文件的路径")
    reason = args.reason.strip()
    if not reason:
        raise UsageError("撤稿必须写明理由", hint="--reason 后写理由，如 --reason \"公开了当事人身份证号\"")
    when = clock.minute()
    write_atomic(path, mark_withdrawn(path.read_text("utf-8"), reason, when).encode("utf-8"))
    sys.stdout.write(f"{rel}：已标记撤稿（{reason}）\n")
    failed = False
    wechat = Ledger(root, "wechat")
    if wechat.entry(rel).get("article_id"):
        from govpub.publish import wechat as wechat_mod
        from govpub.publish.wechat_client import API, WeChatClient, WeChatError, WeChatLost

        try:
            appid, secret = credentials(policy, "wechat")
            with WeChatClient(appid, secret, base_url=os.environ.get("GOVPUB_WECHAT_API", API)) as client:
                outcome = wechat_mod.retract(client, wechat, rel, reason)
            sys.stdout.write(f"微信公众号：{outcome.message}\n")
        except (GovpubError, WeChatError, WeChatLost) as exc:
            failed = True
            sys.stdout.write(f"微信公众号：未能删除（{exc}）：请立即在公众平台手动删除，并重新运行本命令\n")
    else:
        wechat.entries.pop(rel, None)
    nanfang = Ledger(root, "nanfang")
    if nanfang.entry(rel).get("state"):
        nanfang.update(rel, state="retract_requested", retracted_reason=reason, retracted_at=when)
        sys.stdout.write("南方号：没有接口，请运营人员在南方号后台删除该文章（已记入台账）\n")
    else:
        nanfang.entries.pop(rel, None)
    Ledger(root, "website").update(rel, state="retracted", retracted_reason=reason, retracted_at=when)
    if args.deploy:
        from govpub.commands.build import build_site
        from govpub.publish import deploy

        build_site(root / "mkdocs.yml", root / "site", quiet=True)
        release = f"retract-{clock.now().strftime('%Y%m%d%H%M%S')}"
        if ":" in args.deploy and not os.path.isabs(args.deploy):
            deploy.deploy_rsync(root / "site", args.deploy, release)
        else:
            deploy.deploy_local(root / "site", Path(args.deploy), release)
        sys.stdout.write(f"网站：已重新构建并部署（版本 {release}），原网址显示撤稿说明\n")
    sys.stdout.write(f"下一步：提交这次撤稿（git add {rel} records/ledger && git commit），记录会保留在 Git 历史中。\n")
    return 1 if failed else 0
