"""govpub fix [PATH...]: safe automatic fixes that cannot change meaning.

Encoding to UTF-8, ASCII punctuation inside Chinese text to full width (straight quotes
to paired “”), invisible characters removed, look-alike radicals replaced, trailing
whitespace removed. Images named (or used by a named article) are reduced when too large
(meta.image-size, same name and format) and lose their metadata. Each file is written
atomically and the diff is shown; running it twice changes nothing the second time.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from pathlib import Path

from govpub.content import article as article_mod
from govpub.content import assets, images
from govpub.content.encoding import ENCODING_NAMES
from govpub.content.paths import article_files, content_files
from govpub.fsutil import write_atomic
from govpub.policy import Policy
from govpub.rules.document import Document
from govpub.rules.engine import RuleSet


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH", help="要修正的文章、图片或目录（默认 content/ 下全部；给出文章时也处理它用到的图片）")


MAX_ROUNDS = 5


def fixed_text(rules: RuleSet, art: article_mod.Article) -> str:
    """The article's text with every enabled rule's safe fixes applied, repeated until nothing
    changes: one fix can enable another (a quote made full width makes the comma after it
    Chinese), and the guide promises that a second `govpub fix` changes nothing."""
    text = art.text
    for _ in range(MAX_ROUNDS):
        new = _fix_once(rules, art)
        if new == text:
            break
        text = new
        art = article_mod.parse(art.path, text)
    return text


def _fix_once(rules: RuleSet, art: article_mod.Article) -> str:
    doc = Document(art, rules.policy)
    edits: list[tuple[int, int, str]] = []
    for rule_id in rules.classes:
        rule = rules.instance(rule_id)
        if hasattr(rule, "fixes") and rules.level(rule_id, art.column) != "off":
            edits.extend(rule.fixes(doc))
    text = art.text
    out: list[str] = []
    pos = 0
    for start, end, replacement in sorted(set(edits)):
        if start < pos:  # overlapping edit: left for the next round
            continue
        out.append(text[pos:start])
        out.append(replacement)
        pos = end
    out.append(text[pos:])
    return strip_trailing_space("".join(out))


_TRAILING = re.compile(r"(?P<text>\S)?(?P<space>[ \t\u3000]+)(?P<eol>\r?\n|\Z)")


def strip_trailing_space(text: str) -> str:
    """Trailing spaces removed, except a Markdown hard line break (two spaces after text)."""
    def keep(m: re.Match[str]) -> str:
        hard_break = m.group("text") and m.group("space").startswith("  ") and m.group("eol")
        return (m.group("text") or "") + ("  " if hard_break else "") + m.group("eol")

    return _TRAILING.sub(keep, text)


_IMAGE_LINK = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)|<img\b[^>]*?\bsrc\s*=\s*[\"']?([^\"'\s>]+)", re.IGNORECASE)


def _images_of(article: Path, content: Path) -> list[Path]:
    """The local images an article shows (relative links that stay inside content/)."""
    try:
        text = article.read_text("utf-8", errors="replace")
    except OSError:
        return []
    out = []
    for m in _IMAGE_LINK.finditer(text):
        link = (m.group(1) or m.group(2)).split("#")[0].split("?")[0]
        if ":" in link or link.startswith("/") or not link:
            continue
        path = article.parent / link
        if path.suffix.lower() in assets.IMAGE_SUFFIXES and path.is_file() and not path.is_symlink() \
                and path.resolve().is_relative_to(content):
            out.append(path)
    return out


def fix_images(policy: Policy, paths: list[str]) -> list[str]:
    """Reduce the images that are too large and strip every image's metadata: the images
    named by paths, those shown by the named articles (all of content/ if none). Returns
    the repository-relative paths of the images changed."""
    root = policy.root
    content = (root / "content").resolve()
    files = [p for p in content_files(root, paths) if p.suffix.lower() in assets.IMAGE_SUFFIXES]
    if paths:
        files += [img for art in article_files(root, paths) for img in _images_of(art, content)]
    lim = images.limits(policy)
    changed: list[str] = []
    for path in dict.fromkeys(p.absolute() for p in files):
        if path.is_symlink():
            continue
        rel = path.relative_to(root.absolute()).as_posix()
        try:
            reduced = images.shrink_file(path, lim)
        except images.ImageProblem as exc:
            sys.stdout.write(f"{rel}: {exc.message}。处理办法：{exc.hint}\n")
            continue
        if reduced:
            sys.stdout.write(f"{rel}: {reduced}\n")
            changed.append(rel)
        elif assets.strip_file(path):  # photos: EXIF with the GPS position...
            sys.stdout.write(f"{rel}: 已去掉图片的元数据（拍摄地点、设备等），画面不变\n")
            changed.append(rel)
    return changed


def run(args: argparse.Namespace) -> int:
    policy = Policy.discover()
    changed = fix_images(policy, args.paths)
    rules = RuleSet(policy)
    for path in article_files(policy.root, args.paths):
        art = article_mod.load(policy.root, path)
        if not art.readable or path.is_symlink():
            reason = next((h.message for h in art.load_hits if h.rule == "meta.file"), "不是普通文件")
            sys.stdout.write(f"{art.path}: 跳过：{reason}\n")
            continue
        new = fixed_text(rules, art)
        if new == art.text and art.encoding == "utf-8":
            continue
        if art.encoding != "utf-8":
            sys.stdout.write(f"{art.path}: 编码已由{ENCODING_NAMES[art.encoding]}转换为 UTF-8\n")
        if new != art.text:
            diff = difflib.unified_diff(art.text.splitlines(keepends=True), new.splitlines(keepends=True),
                                        f"a/{art.path}", f"b/{art.path}")
            sys.stdout.writelines(diff)
        write_atomic(path, new.encode("utf-8"))
        changed.append(art.path)
    sys.stdout.write(f"修正了 {len(changed)} 个文件\n")
    if changed:
        # Staging is left to the drafter, as pre-commit's own formatters do: the diff above is
        # theirs to read first, and a file they staged only in part must not be staged whole.
        sys.stdout.write(f"下一步：核对上面的改动，用 git add {' '.join(changed)} 加入提交，然后重新提交"
                         "（提交前检查只看 git add 加入的内容）\n")
    return 0
