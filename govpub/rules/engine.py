"""The rule engine: which rules run where, at what severity, and what is suppressed."""

from __future__ import annotations

import fnmatch
import hashlib
import itertools
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from govpub.content import article as article_mod
from govpub.content import assets
from govpub.content.template_text import is_template
from govpub.findings import Finding, Hit, Suppression, excerpt
from govpub.policy import CONTENT_DIR, SHOWN_SETTINGS, Policy, PolicyFile
from govpub.rules import Rule, all_rules, examples, matching
from govpub.rules.document import SUPPRESSION_RE, Document

LEVELS = ("error", "warning", "off")
_RULE_TOKEN = re.compile(r"[a-z]+\.(?:[a-z0-9-]+|\*)")
_REASON_PREFIX = re.compile(r"^(?:理由|原因)\s*[:：]\s*")
# Findings that no comment in an article can silence: personal data and classification
# markings. Exceptions are registered by L3 in checks/registry/exceptions.yml.
UNSUPPRESSIBLE = ("privacy.", "secret.")
# The rules run over the data files of checks/ and records/ (no front matter, not published; the
# records and settings the site shows, policy.SHOWN_RECORDS and SHOWN_SETTINGS, get RECORD_RULES and
# SETTINGS_RULES).
DATA_RULES = ("secret.credential",)
PARALLEL_THRESHOLD = 200  # files; below this a worker pool costs more than it saves
# A pasted run of one character (thousands of 的 or 。) gave thousands of findings of one rule in
# every format and took minutes: one rule's findings in one file are listed up to PER_RULE, the last
# one listed says how many more there are; a rule stops after HIT_LIMIT hits in one file.
PER_RULE = 20
HIT_LIMIT = 1000
# The rules run over the text of an attachment (govpub.content.attachment_text): what must not reach
# readers in any form (markings, personal data, Art. 6 content, sovereignty, ads, links, tone).
# Not typo.*, punct.*, the other phrase.* rules: a data table (1,234, codes, ASCII in CSV) and another
# body's document the drafter cannot edit (a provincial notice as PDF) would stop every commit over
# wording only its author can change; not html.* (a .txt is shown as text, never rendered), repost.*
# and meta.* (front matter): the article carries those.
ATTACHMENT_RULES = ("secret.", "privacy.", "prohibited.", "ads.", "links.", "tone.", "phrase.sovereignty",
                    "meta.attachment-text")
# The rules over the text of a record the site shows (policy.SHOWN_RECORDS: the 互动交流 page's questions
# and replies): an attachment's, but personal data, which the page masks itself (govpub.site.consult.mask:
# an asker's number or name pasted by mistake), and the attachment's own size notice.
RECORD_RULES = tuple(r for r in ATTACHMENT_RULES if r not in ("privacy.", "meta.attachment-text"))
# Settings (policy.SHOWN_SETTINGS) name addresses and feature switches, not links a reader follows from a
# text: the publish gate judges what the site loads from elsewhere (gate.resources_problem).
SETTINGS_RULES = tuple(r for r in RECORD_RULES if r != "links.")


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    suppressions: list[Suppression] = field(default_factory=list)
    files: int = 0

    @property
    def errors(self) -> int:
        return sum(f.severity == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity == "warning" for f in self.findings)


def _capped(findings: list[Finding], cut: set[str]) -> list[Finding]:
    """One article's findings (sorted) with at most PER_RULE of each rule; the last one listed
    of a rule with more says how many more (in every output format: text, JSON, SARIF, GitHub)."""
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.rule] = counts.get(f.rule, 0) + 1
    if all(n <= PER_RULE for n in counts.values()):
        return findings
    out: list[Finding] = []
    shown: dict[str, int] = {}
    for f in findings:
        n = shown[f.rule] = shown.get(f.rule, 0) + 1
        if n < PER_RULE or counts[f.rule] == PER_RULE:
            out.append(f)
        elif n == PER_RULE:
            more = f"{counts[f.rule] - PER_RULE} 处以上" if f.rule in cut else f"{counts[f.rule] - PER_RULE} 处"
            out.append(replace(f, message=f"{f.message}（另有 {more}同类问题未列出：先改正列出的这些，"
                                          "检查是否粘贴了大段重复的文字，再重新检查）"))
    return out


class RuleSet:
    """The rules of one repository with their severities from checks/rules.yml."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self.classes = all_rules()
        self.defaults: dict[str, str] = {}
        self.by_column: dict[str, dict[str, str]] = {}
        pf = policy.rules_config
        if pf is not None:
            data = pf.data or {}
            self.defaults = self._validated(pf, ("defaults",), data.get("defaults") or {})
            for column, overrides in (data.get("columns") or {}).items():
                if column not in policy.columns:
                    raise policy.fail(pf, ("columns", column), f"栏目“{column}”未在 columns.yml 中登记",
                                      "改为已登记的栏目代号")
                self.by_column[column] = self._validated(pf, ("columns", column), overrides or {})
        self._instances: dict[str, Rule] = {}
        self._cache: dict[tuple[str, str | None], str] = {}
        self._active: dict[tuple[str | None, bool, bool, bool, str], list[Rule]] = {}
        self._checked = 0  # articles checked: from the second on, the word lists scan as one
        self._pool = matching.Pool()

    def _validated(self, pf: PolicyFile, where: tuple[str, ...], table: dict[str, str]) -> dict[str, str]:
        for key in table:
            if not any(fnmatch.fnmatchcase(rid, key) for rid in self.classes):
                raise self.policy.fail(pf, (*where, key), f"没有编号为“{key}”的规则",
                                       "运行 govpub rules 查看全部规则编号；规则族写成 tone.* 的形式")
        return table

    @staticmethod
    def _lookup(table: dict[str, str], rule_id: str) -> str | None:
        if rule_id in table:
            return table[rule_id]
        best = None
        for key, level in table.items():  # the most specific matching glob wins
            if fnmatch.fnmatchcase(rule_id, key) and (best is None or len(key) > len(best[0])):
                best = (key, level)
        return best[1] if best else None

    def level(self, rule_id: str, column: str | None) -> str:
        key = (rule_id, column)
        if key not in self._cache:
            level = None
            if column in self.by_column:
                level = self._lookup(self.by_column[column], rule_id)
            if level is None:
                level = self._lookup(self.defaults, rule_id)
            if level is None:
                level = self.classes[rule_id].severity
            self._cache[key] = level
        return self._cache[key]

    def instance(self, rule_id: str) -> Rule:
        if rule_id not in self._instances:
            self._instances[rule_id] = self.classes[rule_id](self.policy)
        return self._instances[rule_id]

    def active(self, column: str | None, readable: bool, data: bool, markdown: bool = True,
               record: str = "") -> list[Rule]:
        """The rules that run on an article of this column (off ones left out), in id order."""
        key = (column, readable, data, markdown, record)
        found = self._active.get(key)
        if found is None:
            found = self._active[key] = [
                self.instance(rule_id) for rule_id in self.classes
                if self.level(rule_id, column) != "off"
                and (readable or rule_id in assets.FILE_RULES)
                and (not data or rule_id in DATA_RULES)
                and (markdown or rule_id.startswith(ATTACHMENT_RULES))
                and (not record or rule_id.startswith(RECORD_RULES if record == "record" else SETTINGS_RULES))]
        return found

    # -- checking one article ----------------------------------------------------
    def check_article(self, art: article_mod.Article) -> tuple[list[Finding], list[Suppression]]:
        """The findings and suppressions of one article, or of a file beside it: an attachment's
        text (govpub.content.attachment_text) is checked too, its findings under its own path."""
        findings, sups = self._check_one(art)
        if not art.readable and not art.data and art.path.startswith(CONTENT_DIR + "/"):
            from govpub.content import attachment_text

            path = self.policy.root / art.path
            if attachment_text.readable(path) and (text := attachment_text.load(path, art.path)):
                findings = sorted({*findings, *self._check_one(text)[0]})
        return findings, sups

    def _check_one(self, art: article_mod.Article) -> tuple[list[Finding], list[Suppression]]:
        """The findings and suppressions of one article. No comment silences a privacy or
        secret finding (UNSUPPRESSIBLE), so the audit's privacy sweep cannot be blinded."""
        matching.activate(self._pool)  # the word lists our rules load join our pool
        if self._checked:
            self._pool.merge()  # no-op unless a rule loaded a word list since the last article
        self._checked += 1
        doc = Document(art, self.policy)
        column = art.column
        hits: list[Hit] = []
        cut: set[str] = set()  # rules stopped at HIT_LIMIT: their count is "more than"
        for rule in self.active(column, art.readable, art.data, art.markdown, art.record):
            found = list(itertools.islice(rule.check(doc), HIT_LIMIT + 1))
            if len(found) > HIT_LIMIT:
                cut.update(h.rule for h in found)
                found.pop()
            if rule.cited_examples:
                found = [h for h in found if not examples.cited_as_wrong(art.text, h.start, h.end)]
            hits.extend(found)
        sups, sup_hits = self._suppressions(art)
        hits.extend(sup_hits)
        exceptions = self.policy.exceptions
        findings: set[Finding] = set()
        used: set[int] = set()
        for hit in hits:
            if hit.rule.startswith(UNSUPPRESSIBLE) and exceptions and (
                    art.path, hit.rule, hashlib.sha256(art.text[hit.start:hit.end].encode()).hexdigest()) in exceptions:
                continue
            line = art.line_col(hit.start)[0]
            covering = [i for i, (lines, rules, _) in enumerate(sups)
                        if line in lines and hit.rule != "meta.suppression"
                        and any(fnmatch.fnmatchcase(hit.rule, r) for r in rules)]
            if covering:
                used.update(covering)
                continue
            findings.add(self._finding(art, hit, self.level(hit.rule, column)))
        suppressions = []
        for i, (lines, rules, reason) in enumerate(sups):
            first = min(lines)
            suppressions.append(Suppression(art.path, first, rules, reason, i in used))
            if i not in used and reason and self.level("meta.unused-suppression", column) != "off":
                start = art.line_offset(first)
                findings.add(self._finding(art, Hit(
                    "meta.unused-suppression", start, art.line_end(start),
                    f"豁免 {'、'.join(rules)} 没有豁免任何问题：删除这条注释"),
                    self.level("meta.unused-suppression", column)))
        return _capped(sorted(findings), cut), suppressions

    def _finding(self, art: article_mod.Article, hit: Hit, severity: str) -> Finding:
        line, col = art.line_col(hit.start)
        end_line, end_col = art.line_col(hit.end)
        message = hit.message
        if art.record == "template":  # a template's shown text (template_text.is_template)
            message = (f"这是网站模板中读者看到的文字（页头、页脚、横幅等）：{message.rstrip('。')}。处理办法：改正模板中的文字，"
                       "经合并请求三审后再发布")
        elif art.record == "settings":  # settings whose text the site shows (policy.SHOWN_SETTINGS)
            message = (f"这是网站上显示的设置（站名、标语、页脚、栏目名称等）：{message.rstrip('。')}。处理办法：改正这里的文字，"
                       "经合并请求三审后再发布")
        elif art.record:  # a record the site shows (policy.SHOWN_RECORDS)
            message = (f"这条记录显示在网站“互动交流”页上：{message.rstrip('。')}。处理办法：改正记录中的文字（问题和答复只写"
                       "去标识化、可以公开的内容），不宜公开的记录写 publish: false")
        elif not art.markdown and hit.rule != "meta.attachment-text":  # where in the attachment, what to do with it
            message = (f"附件{art.where(hit.start)}：{message.rstrip('。')}。附件的处理办法：在原文件中删去或改正后重新保存或导出，"  # type: ignore[attr-defined]
                       "替换这个文件（文章中的链接不变）")
        return Finding(art.path, line, col, hit.rule, end_line, end_col, severity,  # type: ignore[arg-type]
                       message, excerpt(art.text[hit.start:hit.end]))

    def _suppressions(self, art: article_mod.Article
                      ) -> tuple[list[tuple[set[int], tuple[str, ...], str]], list[Hit]]:
        sups: list[tuple[set[int], tuple[str, ...], str]] = []
        hits: list[Hit] = []
        if not art.readable or not art.markdown or self.level("meta.suppression", art.column) == "off":
            # an attachment's text: a comment in it is shown to readers and silences nothing
            return sups, hits
        for m in SUPPRESSION_RE.finditer(art.text, art.body_start):
            body = m.group("body").strip()
            rules: list[str] = []
            rest = body
            while True:
                token = _RULE_TOKEN.match(rest)
                if not token:
                    break
                rules.append(token.group())
                rest = rest[token.end():].lstrip(" ,，、")
            reason = _REASON_PREFIX.sub("", rest).strip()
            if not rules:
                hits.append(Hit("meta.suppression", m.start(), m.end(),
                                "豁免注释没有写规则编号：写成 <!-- govpub: allow 规则编号 理由：…… -->"))
                continue
            unknown = [r for r in rules if not any(fnmatch.fnmatchcase(rid, r) for rid in self.classes)]
            if unknown:
                hits.append(Hit("meta.suppression", m.start(), m.end(),
                                f"没有编号为“{'、'.join(unknown)}”的规则：改正规则编号（见 govpub rules）"))
                continue
            if not reason:
                hits.append(Hit("meta.suppression", m.start(), m.end(),
                                "豁免注释缺少理由：在规则编号后写“理由：……”，供审核人判断"))
                continue
            locked = [r for r in rules if any(fnmatch.fnmatchcase(rid, r) for rid in self.classes
                                              if rid.startswith(UNSUPPRESSIBLE))]
            if locked:
                hits.append(Hit("meta.suppression", m.start(), m.end(),
                                f"个人信息和密级检查（{'、'.join(locked)}）不能在文章中豁免：确需公开的，"
                                "请局办公室在 checks/registry/exceptions.yml 登记（经三级审核），并删除这条注释"))
                continue
            first, _ = art.line_col(m.start())
            last, _ = art.line_col(m.end())
            if last > first:
                hits.append(Hit("meta.suppression", m.start(), m.end(),
                                "豁免注释必须写在一行内（<!-- govpub: allow 规则编号 理由：…… -->）："
                                "跨行的注释会把其中的内容带上网页源代码，请改为一行"))
                continue
            lines = set(range(first, last + 1))
            before = art.text[art.line_offset(first):m.start()]
            after = art.text[m.end():art.line_end(m.end())]
            if not before.strip() and not after.strip():  # alone on its line: covers the next one
                nxt = last + 1
                total = art.line_col(len(art.text))[0]
                while nxt <= total and not art.text[art.line_offset(nxt):art.line_end(art.line_offset(nxt))].strip():
                    nxt += 1
                lines.add(nxt)
            sups.append((lines, tuple(rules), reason))
        return sups, hits


# -- checking many files ------------------------------------------------------------
def _rel_top(root: Path, file: Path) -> str:
    try:
        return file.absolute().relative_to(root.absolute()).parts[0]
    except (ValueError, IndexError):
        return ""


def _rel(root: Path, file: Path) -> str:
    try:
        return file.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        return ""


def load(root: Path, file: Path) -> article_mod.Article:
    """An article, any other file under content/ (images, attachments, symlinks), or a
    data file of checks/ or records/ (read for credentials only)."""
    rel = _rel(root, file)
    template = bool(rel) and not rel.startswith(CONTENT_DIR + "/") and is_template(root, rel)
    if (_rel_top(root, file) in assets.DATA_DIRS or rel in SHOWN_SETTINGS or template) and not file.is_symlink():
        return article_mod.load_data(root, file)
    if file.suffix.lower() == ".md" and not file.is_dir():  # is_dir follows a link (False on a loop)
        return article_mod.load(root, file)
    return assets.load(root, file)


_worker_rules: RuleSet | None = None


def _init_worker(root: str) -> None:
    global _worker_rules
    # A forked worker already holds the parent's rule set, word lists loaded (check_files
    # checks one file first); a spawned one builds its own.
    if _worker_rules is None or str(_worker_rules.policy.root) != root:
        _worker_rules = RuleSet(Policy(Path(root)))


def _check_chunk(paths: Sequence[str]) -> tuple[list[Finding], list[Suppression]]:
    assert _worker_rules is not None
    findings: list[Finding] = []
    sups: list[Suppression] = []
    for p in paths:
        f, s = _worker_rules.check_article(load(_worker_rules.policy.root, Path(p)))
        findings.extend(f)
        sups.extend(s)
    return findings, sups


def check_files(rules: RuleSet, files: Iterable[Path], tick: Callable[[int], None] | None = None) -> Report:
    """Check files; tick(n) is called as n more files are done (a progress display)."""
    files = list(files)
    report = Report(files=sum(f.suffix.lower() == ".md" and _rel_top(rules.policy.root, f) == CONTENT_DIR
                              for f in files))  # articles; attachments and data files are not counted
    if not files:
        return report
    # The first file here: its rules load the policy's word lists and tables once, and
    # forked workers inherit them (copy-on-write) instead of each loading them again.
    found, sups = rules.check_article(load(rules.policy.root, files[0]))
    report.findings.extend(found)
    report.suppressions.extend(sups)
    if tick:
        tick(1)
    rest = files[1:]
    workers = min(os.cpu_count() or 1, 8)
    if rest:
        rules._pool.merge()  # the word lists' shared automaton, built once (before any fork)
    if len(files) < PARALLEL_THRESHOLD or workers < 2:
        for f in rest:
            found, sups = rules.check_article(load(rules.policy.root, f))
            report.findings.extend(found)
            report.suppressions.extend(sups)
            if tick:
                tick(1)
    else:
        # imported here, not on the one-file path (20 ms with multiprocessing and pickle)
        from concurrent.futures import ProcessPoolExecutor

        size = max(20, len(rest) // (workers * 8))
        chunks = [[str(p) for p in rest[i:i + size]] for i in range(0, len(rest), size)]
        global _worker_rules
        _worker_rules = rules
        try:
            with ProcessPoolExecutor(workers, initializer=_init_worker,
                                     initargs=(str(rules.policy.root),)) as pool:
                for chunk, (found, sups) in zip(chunks, pool.map(_check_chunk, chunks), strict=True):
                    report.findings.extend(found)
                    report.suppressions.extend(sups)
                    if tick:
                        tick(len(chunk))
        finally:
            _worker_rules = None
    report.findings.sort()
    return report
