"""The website build: the content checks over all of content/, then MkDocs into a fresh
folder beside the target and the atomic switch (govpub.fsutil.switch_dir). A failed build
leaves the old site as it was. Used by `govpub build`, `govpub publish` and retract."""

from __future__ import annotations

import contextlib
import io
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from govpub import git
from govpub.errors import GovpubError
from govpub.fsutil import switch_dir
from govpub.policy import Policy


def trusted_previous(root: Path, site_dir: Path) -> Path | None:
    """The previous build `govpub build` may reuse, or None for a full check and build.

    Its manifest says which files already passed the checks, so only a build this machine
    made itself is trusted: never in CI (a runner starts from a checkout, where a site/ can
    only come from the repository) and never when Git tracks anything under it (a
    force-added site/ with a forged manifest would skip an article's checks). Publish does
    not come here: it builds against the live release on the deploy host."""
    if not site_dir.is_dir() or "CI" in os.environ:
        return None
    if git.out(root, "ls-files", "--", str(site_dir.resolve())):
        sys.stderr.write(f"govpub build：Git 跟踪了 {site_dir} 里的文件，不沿用上次构建，全部重新检查和构建。"
                         f"构建结果不应提交，请运行：git rm -r --cached {site_dir}\n")
        return None
    return site_dir


def remove_later(folder: Path) -> None:
    """Delete a replaced site folder without waiting for it: removing thousands of page
    folders takes seconds on a busy disk, and nothing reads the old site once it is out of
    place. On POSIX a detached `rm -rf` (the shell that starts it exits at once); elsewhere,
    or when it cannot start, removed here."""
    if os.name == "posix":
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            subprocess.run(["sh", "-c", 'rm -rf -- "$1" </dev/null >/dev/null 2>&1 &', "sh", str(folder)],
                           check=True, start_new_session=True, timeout=30)
            return
    shutil.rmtree(folder, ignore_errors=True)


def run_checks(policy: Policy, previous: Path | None = None) -> int:
    """The content checks over all of content/: the number of error findings (printed to stderr).

    previous: the live site the files passed for. When checks/, records/, mkdocs.yml, the
    theme and the installed packages are what they were then (its manifest), only the files
    that differ from it, and the articles that may read them, are checked again
    (govpub.site.incremental.recheck); otherwise everything."""
    from govpub.content.paths import content_files
    from govpub.output import text
    from govpub.rules.engine import RuleSet, check_files
    from govpub.site import incremental

    files = content_files(policy.root, [])
    if previous is not None:
        files = incremental.recheck(policy.root, previous, files)
        if not files:
            return 0
    rules = RuleSet(policy)
    report = check_files(rules, files)
    if report.errors:
        sys.stderr.write(text.render(report, rules.classes, colour=text.use_colour()))
    return int(report.errors)


class Checks:
    """run_checks in a forked process while this one builds the site (`govpub build` on
    POSIX: the two halves share the machine's cores); elsewhere run here before the build.
    wait() gives the number of error findings, after printing them to stderr; the caller
    switches the built site into place only when it is 0."""

    def __init__(self, policy: Policy, previous: Path | None) -> None:
        self._done: tuple[Any, ...] | None = None
        self._proc: Any = None
        if not hasattr(os, "fork"):
            self._done = ("ok", run_checks(policy, previous), "")
            return
        import multiprocessing

        sys.stdout.flush()  # or the child would write what is buffered a second time
        sys.stderr.flush()
        context = multiprocessing.get_context("fork")
        self._recv, send = context.Pipe(duplex=False)
        # not a daemon: the checks of many files start their own worker processes
        self._proc = context.Process(target=_checks_child, args=(policy, previous, send))
        self._proc.start()
        send.close()

    def wait(self) -> int:
        if self._done is None:
            try:
                self._done = self._recv.recv()
            except EOFError:  # the child died without an answer
                self._done = ("crash", "内容检查进程意外退出")
            finally:
                self._recv.close()
                self._proc.join()
        kind = self._done[0]
        if kind == "ok":
            if self._done[2]:
                sys.stderr.write(self._done[2])  # once: wait() may be asked again
                self._done = ("ok", self._done[1], "")
            return int(self._done[1])
        if kind == "error":
            _, message, path, line, hint, code = self._done
            error = GovpubError(message, path=path, line=line, hint=hint)
            error.exit_code = code
            raise error
        raise RuntimeError(f"内容检查没有完成：{self._done[1]}")


def _checks_child(policy: Policy, previous: Path | None, send: Any) -> None:
    """The forked half of Checks: the findings text goes back through the pipe, not to the
    shared stderr, so it is printed whole after the build's own messages."""
    out = io.StringIO()
    try:
        with contextlib.redirect_stderr(out):
            errors = run_checks(policy, previous)
        send.send(("ok", errors, out.getvalue()))
    except GovpubError as exc:
        send.send(("error", exc.message, exc.path, exc.line, exc.hint, exc.exit_code))
    except BaseException as exc:  # noqa: BLE001 - reported by the parent, which decides
        send.send(("crash", f"{type(exc).__name__}: {exc}"))
    finally:
        send.close()


@dataclass
class BuildResult:
    """What a build did: "full" or "incremental", pages rendered and files carried over."""

    mode: str
    rendered: int
    carried: int

    def summary(self) -> str:
        if self.mode == "incremental":
            return f"增量构建：重新生成 {self.rendered} 个文件，沿用上次构建的 {self.carried} 个"
        return f"全量构建：生成 {self.rendered} 个文件"


class Progress:
    """A rich progress bar of the pages being rendered, on a terminal; silent when stderr is
    not a terminal or CI is set (logs stay readable). Called by the site plugin."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.enabled = stream.isatty() and "CI" not in os.environ
        self.bar: Any = None
        self.task: Any = None

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total < 1:
            return
        if self.bar is None:
            from rich.console import Console
            from rich.progress import Progress as Bar

            self.bar = Bar(console=Console(file=self.stream), transient=True)
            self.task = self.bar.add_task("生成网页", total=total)
            self.bar.start()
        self.bar.update(self.task, completed=done, total=total)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


class _NoDirtyNotice(logging.Filter):
    """MkDocs warns about its --dirty mode; govpub's incremental build decides what is
    rebuilt itself (govpub/site/incremental.py), so the warning does not apply."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


# What a `!!python/name:` tag may name in mkdocs.yml: a function or class of the Markdown extensions and
# the theme (Material's emoji index and generator, pymdownx slugify), never a value such as os.environ.
PYTHON_NAME_PACKAGES = ("material.", "pymdownx.", "markdown.")


def _harmless_python_name(name: str) -> bool:
    """Whether `!!python/name:<name>` is a function or class defined in PYTHON_NAME_PACKAGES. MkDocs
    loads mkdocs.yml with PyYAML's full loader, which turns the tag into that object: a value such as
    os.environ (every variable of the publishing process, the WeChat AppSecret too) printed where the
    theme shows the setting, or a function such as os.getenv given to an extension (a heading named
    after a variable gets its value as anchor). The package is checked before anything is imported."""
    import importlib
    import inspect

    module, _, attr = name.rpartition(".")
    if not module or not name.startswith(PYTHON_NAME_PACKAGES):
        return False
    try:
        found = getattr(importlib.import_module(module), attr)
    except (ImportError, AttributeError, ValueError):
        return False
    return ((inspect.isfunction(found) or inspect.isclass(found))
            and str(getattr(found, "__module__", "")).startswith(PYTHON_NAME_PACKAGES))


def _tagged(nodes: list[Any]) -> Iterator[Any]:
    """Every node of composed YAML documents, each once (an alias is the node it names)."""
    seen: set[int] = set()
    stack = list(nodes)
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        yield node
        if isinstance(node.value, list):
            stack += [part for item in node.value for part in (item if isinstance(item, tuple) else (item,))]


def environment_tag_problem(config_file: Path, depth: int = 0) -> GovpubError | None:
    """Why mkdocs.yml (or a file it INHERITs) would read the environment or run a program while
    MkDocs loads it, or None: `!ENV`, `!!python/object…`, `!!python/module…`, and `!!python/name:`
    of anything but a function or class of the extensions and the theme (_harmless_python_name)."""
    import yaml

    try:  # composed, never constructed: the parser resolves %TAG handles and verbatim !<…> tags
        nodes = [node for node in yaml.compose_all(config_file.read_text("utf-8"), Loader=yaml.SafeLoader) if node]
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None  # MkDocs reports an unreadable file itself
    for node in _tagged(nodes):
        tag = node.tag
        python = tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:python/") else ""
        if tag == "!ENV" or (python and not (python.startswith("python/name:")
                                             and _harmless_python_name(python.split(":", 1)[1]))):
            spelled = "!ENV" if tag == "!ENV" else f"!!{python}"
            return GovpubError(f"mkdocs.yml 用标签“{spelled}”读取环境变量或运行程序：发布时构建网站的进程持有公众号"
                               "AppSecret 等凭据，它们的值会出现在网页上",
                               path=str(config_file), line=node.start_mark.line + 1,
                               hint="把这一项改为直接写在 mkdocs.yml 中的固定文字（网站设置不依赖环境变量；"
                                    "!!python/name: 只能指向 material、pymdownx、markdown 中的函数或类），"
                                    "改动经三审后重新构建")
    from govpub.site.config import read_mkdocs

    parent = read_mkdocs(config_file).get("INHERIT")
    if isinstance(parent, str) and parent.strip() and depth < 5:  # MkDocs merges the parent file: same rule
        return environment_tag_problem(config_file.parent / parent.strip(), depth + 1)
    return None


def refuse_environment_tags(config_file: Path) -> None:
    """mkdocs.yml must not read the environment: MkDocs resolves `!ENV` (and PyYAML runs
    `!!python/object/apply:`, and hands out any object `!!python/name:` names) while loading it,
    and the publish run builds in the process that holds the WeChat AppSecret and other
    credentials: their values would reach every page."""
    problem = environment_tag_problem(config_file)
    if problem is not None:
        raise problem


def build_site(config_file: Path, site_dir: Path, quiet: bool = False, previous: Path | None = None,
               checked: bool = False, gate: Callable[[], None] | None = None) -> BuildResult:
    """MkDocs build into a fresh folder, then the atomic switch. Raises GovpubError.

    previous: a built site (with its manifest) to reuse: only what changed since is
    rendered, the rest is hard-linked from it; the result is byte for byte what a full
    build gives (govpub/site/incremental.py). None: a full build.
    checked: the content checks passed for this tree (recorded in the manifest, so that the
    next run_checks may skip what is unchanged since).
    gate: called after a successful build, before the switch; what it raises leaves the old
    site in place (`govpub build`: the content checks that ran meanwhile)."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    refuse_environment_tags(config_file)
    site_dir = site_dir.absolute()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.new-", dir=site_dir.parent))
    os.chmod(tmp, 0o755)  # mkdtemp makes it private; a web server must read it
    logger = logging.getLogger("mkdocs")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    notice = _NoDirtyNotice()
    progress = Progress(sys.stderr)  # the real stderr: quiet hides MkDocs' output, not the bar
    logger.addHandler(handler)
    logging.getLogger("mkdocs.commands.build").addFilter(notice)
    logger.setLevel(logging.WARNING if quiet else logging.INFO)
    switched = False
    try:
        try:
            with contextlib.redirect_stderr(io.StringIO()) if quiet else contextlib.nullcontext():
                cfg = load_config(config_file=str(config_file), site_dir=str(tmp))
                plugin = cfg.plugins.get("govpub")
                if plugin is not None:
                    plugin.previous = previous.absolute() if previous is not None else None
                    plugin.checked = checked
                    plugin.progress = progress
                # dirty: MkDocs renders only the files the govpub plugin marks as modified (all
                # of them in a full build); tmp is empty, nothing stale can remain
                build(cfg, dirty=plugin is not None)
        except MkDocsException as exc:
            raise GovpubError(f"网站构建失败：{exc}", path=str(config_file),
                              hint="按上面的说明修改后重新运行 govpub build；现有的 site/ 没有改动") from None
        except SystemExit as exc:
            raise GovpubError(f"网站构建失败（{exc}）", path=str(config_file)) from None
        except OSError as exc:
            raise GovpubError(f"网站构建失败：{exc}", path=str(config_file),
                              hint="排除原因（磁盘空间、权限）后重新运行；现有的 site/ 没有改动") from None
        result = BuildResult("full", 0, 0)
        if plugin is not None:
            result = BuildResult(plugin.mode, len(plugin.dirty), plugin.carried)
        if gate is not None:
            gate()
        switch_dir(tmp, site_dir, discard=remove_later)  # tmp now holds the old site, being removed
        switched = True
        return result
    finally:
        progress.stop()
        logger.removeHandler(handler)
        logging.getLogger("mkdocs.commands.build").removeFilter(notice)
        if not switched and tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
