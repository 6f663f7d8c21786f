"""The govpub command line. Each subcommand lives in govpub/commands/<name>.py."""

from __future__ import annotations

import atexit
import errno
import gc
import importlib
import os
import re
import sys
from typing import TYPE_CHECKING, Any, NoReturn

from govpub import __version__
from govpub.errors import GovpubError

if TYPE_CHECKING:
    import argparse
    from pathlib import Path

COMMANDS = {
    "check": "运行内容规则（保密、个人信息、禁载内容、错别字等）",
    "fix": "安全的自动修正（编码转为 UTF-8、缩小过大的图片等，不改变文意）",
    "rules": "列出全部规则，或查看一条规则的说明",
    "approvals": "三审：核对合并请求的审核（verify）、合并后写入审批记录（record）、生成审批表（form）",
    "codeowners": "根据登记表生成 CODEOWNERS（GitHub 和 Gitea 两种写法）；--check 核对是否一致",
    "build": "内容检查通过后构建网站到 site/（原子切换，不留半成品）",
    "new": "新建一篇文章（按栏目填好 front matter）",
    "import": "把 Word 稿件（.docx）转换为文章，图片一并导出",
    "audit": "定期巡检：个人信息、栏目更新、咨询答复、链接，生成报告",
    "publish": "合并后发布：复核三审记录、构建、部署网站、同步已登记的新媒体账号",
    "retract": "撤稿：从网站和各平台撤下文章，保留记录",
    "rollback": "网站回退到上一个（或指定的）已部署版本",
    "comment": "在合并请求中保留一条某类评论（如 Word 稿件转换结果），再次运行时更新它",
}
# A command whose name is a Python keyword lives in a module of another name.
MODULES = {"import": "import_docx"}


def _columns() -> int:
    """The terminal's width for help texts, as shutil.get_terminal_size gives it (argparse imports
    shutil, and with it bz2 and lzma, for this alone: ~5 ms of a one-file check)."""
    try:
        return int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        pass
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns if sys.__stdout__ else 80
    except (AttributeError, ValueError, OSError):
        return 80


def _parser_class() -> type[argparse.ArgumentParser]:
    """The parser class (made here: a check a warm helper answers never imports argparse)."""
    import argparse

    class _Formatter(argparse.HelpFormatter):
        def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                     width: int | None = None) -> None:
            super().__init__(prog, indent_increment, max_help_position, width or _columns() - 2)

        def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
            super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)

    class _Parser(argparse.ArgumentParser):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("formatter_class", _Formatter)
            super().__init__(*args, **kwargs)
            self._positionals.title = "参数"
            self._optionals.title = "选项"
            for action in self._actions:
                if "-h" in action.option_strings:
                    action.help = "显示本说明后退出"

        def error(self, message: str) -> NoReturn:  # usage errors exit 2, in Chinese, with what to do
            # prog: "govpub approvals verify"; words the top parser could not place belong to the
            # command that was named (its --help lists what it takes)
            prog = _named_command(self, self.argv) if self.argv is not None else self.prog
            self.print_usage(sys.stderr)
            sys.stderr.write(f"govpub: 参数错误：{chinese_usage_error(message)}\n"
                             f"  处理办法：运行 {prog} --help 查看用法\n")
            raise SystemExit(2)

        argv: list[str] | None = None  # set on the top parser by main()

    return _Parser


# argparse's own messages (gettext ids of Python 3.11-3.13), as a drafter reads them
_MESSAGES = (
    (r"argument (?P<a>[^:]+): invalid choice: '(?P<v>.*)' \(choose from (?P<c>.*)\)",
     "“{v}”不是 {a} 可选的值：可选 {c}"),
    (r"argument (?P<a>[^:]+): invalid (?P<t>\w+) value: '(?P<v>.*)'", "{a} 的值“{v}”无效{t}"),
    (r"argument (?P<a>[^:]+): expected one argument", "{a} 后面缺少一个值"),
    (r"argument (?P<a>[^:]+): expected at least one argument", "{a} 后面至少要有一个值"),
    (r"argument (?P<a>[^:]+): expected at most one argument", "{a} 后面最多一个值"),
    (r"argument (?P<a>[^:]+): expected (?P<n>\d+) arguments?", "{a} 后面要有 {n} 个值"),
    (r"argument (?P<a>[^:]+): not allowed with argument (?P<b>.*)", "{a} 不能和 {b} 同时使用"),
    (r"argument (?P<a>[^:]+): ignored explicit argument '(?P<v>.*)'", "{a} 不带值，却写了“{v}”"),
    (r"unrecognized arguments: (?P<v>.*)", "无法识别的参数：{v}"),
    (r"the following arguments are required: (?P<v>.*)", "缺少必需的参数：{v}"),
    (r"one of the arguments (?P<v>.*) is required", "必须给出其中一个参数：{v}"),
    (r"ambiguous option: (?P<o>\S+) could match (?P<m>.*)", "选项 {o} 不明确，可能是：{m}"),
)
_TYPES = {"int": "：应为整数", "float": "：应为数字"}


def chinese_usage_error(message: str) -> str:
    """argparse's English usage error in Chinese (a message it has no translation for is kept)."""
    import re

    for pattern, text in _MESSAGES:
        m = re.fullmatch(pattern, message, re.S)
        if m:
            parts = m.groupdict()
            if "t" in parts:
                parts["t"] = _TYPES.get(parts["t"], "")
            if "c" in parts:
                choices = [c.strip().strip("'") for c in parts["c"].split(",")]
                parts["c"] = "、".join(choices)
                if parts["a"] == "命令":  # the subcommand's metavar
                    import difflib

                    near = difflib.get_close_matches(parts["v"], choices, n=1)
                    return (f"没有“{parts['v']}”这个命令" + (f"（是不是 {near[0]}？）" if near else "")
                            + f"：可用的命令有 {parts['c']}")
            return text.format(**parts)
    return message


def _named_command(parser: argparse.ArgumentParser, argv: list[str]) -> str:
    """The prog of the deepest subcommand named on the command line ("govpub approvals form")."""
    import argparse

    for word in argv:
        if word.startswith("-"):
            continue
        sub = next((a for a in parser._actions if isinstance(a, argparse._SubParsersAction)), None)
        if sub is None or word not in sub.choices:
            break
        parser = sub.choices[word]
    return parser.prog


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command; with only, the arguments of that command alone are set
    up (the others are listed but their modules not imported: a pre-commit check starts faster)."""
    _Parser = _parser_class()
    parser = _Parser(prog="govpub", description="政府网站与政务新媒体发布流水线：内容检查、三审、网站、公众号与南方号")
    parser.add_argument("--version", action="version", version=f"govpub {__version__}", help="显示版本后退出")
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)
    for name, help_text in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        if only is None or name == only:
            importlib.import_module(f"govpub.commands.{MODULES.get(name, name)}").add_arguments(p)
    return parser


# Runs whose result others rely on read no user cache (govpub.fsutil.user_cache_dir).
TRUSTED_RUNS = frozenset({"publish", "retract", "audit", "build"})


def _command_of(argv: list[str]) -> str | None:
    """The command named on the command line (the first word that is not an option)."""
    first = next((a for a in argv if not a.startswith("-")), None)
    return first if first in COMMANDS else None


def main(argv: list[str] | None = None) -> int:
    """Run one command. The one place where errors become what the user sees: a GovpubError its
    own Chinese message and exit code; a broken pipe (`govpub rules | head`) a quiet end; anything
    else a Chinese message with what to do and the path of a log file holding the traceback."""
    try:
        from govpub import regexcache

        command = _command_of(sys.argv[1:] if argv is None else argv)
        if command in TRUSTED_RUNS:
            os.environ["GOVPUB_NO_CACHE"] = "1"  # what reaches the public is checked from source only
        regexcache.install()  # compiled rule patterns kept between runs (performance only)
        parser = build_parser(command)
        parser.argv = sys.argv[1:] if argv is None else argv  # type: ignore[attr-defined]
        args = parser.parse_args(argv)
        if not args.command:
            parser.print_help()
            return 2
        code: int = importlib.import_module(f"govpub.commands.{MODULES.get(args.command, args.command)}").run(args)
        sys.stdout.flush()  # a closed pipe shows here, inside the handler, not at interpreter exit
        return code
    except GovpubError as exc:
        sys.stderr.write(f"govpub: {exc}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("govpub: 已中断\n")
        return 130
    except BrokenPipeError:
        return _quiet_broken_pipe()
    except OSError as exc:
        if exc.errno not in _DISK_ERRORS:
            if os.environ.get("GOVPUB_DEBUG"):
                raise
            return _unexpected(exc, argv if argv is not None else sys.argv[1:])
        return _disk_refused(exc)
    except Exception as exc:  # noqa: BLE001 - the top-level handler: every other error ends here
        if os.environ.get("GOVPUB_DEBUG"):
            raise
        return _unexpected(exc, argv if argv is not None else sys.argv[1:])


# the disk refused a write: no log (it would fail too), what happened and what to do
_DISK_ERRORS = {
    errno.ENOSPC: ("磁盘空间已满，无法写入", "删除不需要的文件（如旧的 site/、audit-report/）腾出空间"),
    errno.EDQUOT: ("超出了磁盘配额，无法写入", "删除不需要的文件，或请管理员增加配额"),
    errno.EROFS: ("所在的磁盘是只读的，无法写入", "在可写的目录中运行（如把仓库克隆到自己的主目录），"
                  "或请管理员检查磁盘"),
}


def _disk_refused(exc: OSError) -> int:
    """A full or read-only disk (was 意外错误 and a log file for the maintainers). The file named
    is the one being written, not write_atomic's temporary file beside it."""
    name = str(exc.filename or "")
    temp = re.fullmatch(r"(.*/)?\.(.+)\.[a-z0-9_]{8}\.tmp", name)
    where = f"{temp.group(1) or ''}{temp.group(2)}：" if temp else (f"{name}：" if name else "")
    what, hint = _DISK_ERRORS[exc.errno or 0]
    sys.stderr.write(f"govpub: {where}{what}（{exc.strerror}）\n  处理办法：{hint}，然后重新运行同一条命令"
                     "（govpub 不会留下写了一半的文件，原有的文件没有改动）\n")
    return EXIT_ENVIRONMENT


def _streams_that_take_chinese() -> None:
    """stdout and stderr as UTF-8 where their encoding has no Chinese (PYTHONIOENCODING=ascii or
    latin-1, LANG=C with PYTHONUTF8=0): every message was a UnicodeEncodeError, exit 3. A GBK
    console keeps GBK."""
    for stream in (sys.stdout, sys.stderr):
        try:
            "检查".encode(stream.encoding or "ascii")
        except (UnicodeEncodeError, LookupError):
            if hasattr(stream, "reconfigure"):
                stream.reconfigure(encoding="utf-8", errors="replace")


def run() -> NoReturn:
    """The program (`python -m govpub`, the `govpub` script): main(), then the exit. A check ends
    without taking its objects apart one by one (the word lists, their tables and automata: about
    50 ms of a one-file pre-commit check): output flushed and exit handlers run (regexcache.save),
    then os._exit. Other commands exit as usual (a build may still be removing an old site/).
    A check also starts without the cyclic garbage collector (commands/check.py NO_GC_MAX)."""
    _streams_that_take_chinese()
    check = _command_of(sys.argv[1:]) == "check"
    if check:
        from govpub import warm

        served = warm.delegate(sys.argv[1:])  # a warm helper's answer (govpub/warm.py), if one runs
        if served is not None:
            sys.stderr.flush()
            os._exit(served)
        gc.disable()
    code = main()
    if check:
        atexit._run_exitfuncs()
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass  # a closed pipe: main() has already chosen the exit code
        if code in (0, 1):
            warm.spawn()  # a helper for the next check, started after this one has answered
        os._exit(code)
    raise SystemExit(code)


EXIT_ENVIRONMENT = 2  # a file or folder that cannot be read or written: the user can fix it
EXIT_UNEXPECTED = 3  # a defect in govpub: report it


def _quiet_broken_pipe() -> int:
    """The reader of our output went away (head, less quit early): stop without a word. Point
    stdout at devnull so the interpreter's final flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return 141  # 128 + SIGPIPE, what a shell reports for a program ended by a closed pipe


def _unexpected(exc: Exception, argv: list[str]) -> int:
    log = _write_log(exc, argv)
    where = f"详细信息已写入 {log}" if log else "详细信息无法写入日志文件，见下方"
    if isinstance(exc, OSError) and exc.filename:
        target = exc.filename
        reason = exc.strerror or type(exc).__name__
        sys.stderr.write(
            f"govpub: 无法读写 {target}：{_OS_REASONS.get(exc.errno or 0, reason)}\n"
            "  处理办法：检查这个路径是否写对、文件夹是否存在、当前用户是否有读写权限；"
            "输出位置（--output、--site-dir、--pages 等）请换到有写权限的文件夹后重新运行。\n"
            f"  {where}\n")
        code = EXIT_ENVIRONMENT
    else:
        sys.stderr.write(
            f"govpub: 意外错误（{type(exc).__name__}: {exc}）\n"
            "  处理办法：先看上一步的提示是否有遗漏；仍然出错请把下面的日志文件发给维护人员"
            "（GOVPUB_DEBUG=1 可在屏幕上显示完整信息）。\n"
            f"  {where}\n")
        code = EXIT_UNEXPECTED
    if not log:
        import traceback

        traceback.print_exception(exc, file=sys.stderr)
    return code


_OS_REASONS = {
    errno.EACCES: "没有权限", errno.EPERM: "不允许的操作", errno.ENOENT: "文件或文件夹不存在",
    errno.EROFS: "只读文件系统", errno.ENOSPC: "磁盘空间不足", errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENOTDIR: "路径中有一段不是文件夹", errno.EEXIST: "已有同名的文件或文件夹",
}


def _write_log(exc: Exception, argv: list[str]) -> Path | None:
    """The traceback in the user's log folder (~/.local/state/govpub/log on Linux,
    %LOCALAPPDATA%\\govpub\\Logs on Windows); None when that cannot be written either."""
    import traceback

    from govpub import clock

    try:
        from platformdirs import user_log_path

        folder = user_log_path("govpub", appauthor=False, ensure_exists=True)
        path = folder / f"govpub-{clock.now().strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.log"
        path.write_text(
            f"govpub {__version__}  {clock.now().isoformat(timespec='seconds')}\n"
            f"命令：govpub {' '.join(argv)}\n工作目录：{os.getcwd()}\n\n"
            + "".join(traceback.format_exception(exc)), encoding="utf-8")
        return path
    except (OSError, ImportError):
        return None
