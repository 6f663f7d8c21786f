"""The bureau's policy: everything under checks/, loaded and validated.

Each file is parsed once, on first use, and validated against its JSON Schema in
govpub/schemas/. A missing or invalid file raises PolicyError naming the file, the
line, the key and what is expected (exit code 2), never a traceback.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import sys
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, overload

from govpub import __version__, yamlfile
from govpub.errors import PolicyError
from govpub.fsutil import user_cache_dir, write_atomic

CHECKS_DIR = "checks"
CONTENT_DIR = "content"
# Records the site shows by govpub's own code, whatever teams.yml `published_files` says: the 互动交流
# page prints each answered consultation's question and reply (govpub.site.consult). Published
# information: three levels of review (approvals.model.ReviewPolicy.shown_on_site) and the content
# checks an attachment's text gets (content.article.load_data).
SHOWN_RECORDS = ("records/consultations/",)
# Settings whose text the site shows (site name, tagline, footer, the 互动交流 channels; the columns'
# names and descriptions): reviewed in three levels already (teams.yml published_files); the content
# checks read them too (content.article.load_data), as they read an article.
SHOWN_SETTINGS = ("mkdocs.yml", "checks/registry/columns.yml")
# The theme's templates (mkdocs.yml theme.custom_dir, overrides/ when it names none) and the pictures
# drawn as text: reviewed in three levels (published_files); the content checks read the text they
# put on pages (content.template_text.is_template), as they read the settings.
TEMPLATE_SUFFIXES = (".html", ".xml", ".svg", ".css")  # .css: its content: strings

_TYPE_NAMES = {"string": "文本", "object": "键值表", "array": "列表", "null": "空值",
               "integer": "整数", "number": "数字", "boolean": "是/否"}


def find_root(start: Path) -> Path:
    """The site repository root: the nearest folder at or above start with checks/registry/."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CHECKS_DIR / "registry").is_dir():
            return folder
    raise PolicyError(
        f"在 {start} 及其上级目录中找不到 {CHECKS_DIR}/registry/",
        hint="请在网站仓库的根目录（含 checks/ 和 content/ 的目录）下运行 govpub",
    )


# Parsing checks/ (about 0.1 s of YAML) and validating it against the schemas (importing
# jsonschema alone takes 0.1 s) cost more than the rest of a one-file check. A file that
# passed is remembered in the user's cache folder as its parsed data (marshal, plain data),
# under a key of its text, its schema, the govpub version and the marshal format: the same
# file is never parsed or validated twice, a changed one always is. Never in CI or publish
# runs (fsutil.user_cache_dir): what they check must not depend on files in a home folder.
_CACHE_MAX = 500  # entries; the oldest are removed beyond this
_READER = Path(yamlfile.__file__).read_bytes()
_SCHEMAS = Path(__file__).parent / "schemas"  # package data (pyproject.toml), beside this module


def _cache_dir() -> Path | None:
    return user_cache_dir("policy")


def _cache_key(schema: str | None, text: str) -> str:
    h = hashlib.sha256(f"govpub {__version__} marshal {marshal.version} python {sys.version_info[:2]}\0".encode())
    h.update(_READER)  # how YAML is read (booleans, dates) is part of what the data means
    if schema:
        h.update((_SCHEMAS / f"{schema}.json").read_bytes())
    h.update(b"\0" + text.encode("utf-8"))
    return h.hexdigest()


def _cached(key: str) -> tuple[bool, Any]:
    """(True, data) when the cache holds this key; (False, None) when not or unreadable."""
    folder = _cache_dir()
    if folder is None:
        return False, None
    try:
        return True, marshal.loads((folder / key).read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return False, None


def _remember(key: str, data: Any) -> None:
    folder = _cache_dir()
    if folder is None:
        return
    try:
        blob = marshal.dumps(data)
    except ValueError:
        return  # not plain data: parsed again next time
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(folder / key, blob, fsync=False)
        entries = list(folder.iterdir())
        if len(entries) > _CACHE_MAX:
            entries.sort(key=lambda p: p.stat().st_mtime)
            for old in entries[:len(entries) - _CACHE_MAX]:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only home only costs speed


def _schema(name: str) -> dict[str, Any]:
    text = (_SCHEMAS / f"{name}.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def _where(path: tuple[Any, ...]) -> str:
    out = ""
    for step in path:
        out += f"[{step + 1}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out or "（文件顶层）"


def _explain(error: Any) -> str:
    v = error.validator
    if v == "required":
        missing = [k for k in error.validator_value if k not in (error.instance or {})]
        return f"缺少必填项：{'、'.join(missing)}"
    if v == "additionalProperties":
        allowed = "、".join(error.schema.get("properties", {}))
        extra = [k for k in error.instance if k not in error.schema.get("properties", {})]
        return f"不认识的键：{'、'.join(map(str, extra))}" + (f"（可用的键：{allowed}）" if allowed else "")
    if v == "enum":
        return f"取值“{error.instance}”无效，应为以下之一：{'、'.join(map(str, error.validator_value))}"
    if v == "type":
        want = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        return f"类型应为{'或'.join(str(_TYPE_NAMES.get(t, t)) for t in want)}，实际是“{error.instance}”"
    if v == "pattern":
        return f"“{error.instance}”格式不符，应匹配 {error.validator_value}"
    if v == "minItems":
        return f"至少需要 {error.validator_value} 项"
    if v == "minLength":
        return "不能为空"
    return str(error.message)


@dataclass
class PolicyFile:
    path: Path
    rel: str
    data: Any
    text: str = field(default="", repr=False)
    _node: Any = field(default=None, repr=False)

    @property
    def root_node(self) -> Any:
        """The YAML node tree, for line numbers: parsed only when an error needs one."""
        if self._node is None and self.text:
            self._node = yamlfile.parse(self.text)[1]
        return self._node

    def line(self, *path: Any) -> int:
        return yamlfile.line_of(self.root_node, path)


@dataclass
class Policy:
    """Read-only view of checks/. Attributes load on first use."""

    root: Path
    _files: dict[str, PolicyFile] = field(default_factory=dict, repr=False)

    @classmethod
    def discover(cls, start: Path | None = None) -> Policy:
        return cls(find_root(start or Path.cwd()))

    # -- loading ---------------------------------------------------------------
    @overload
    def file(self, rel: str, schema: str | None = None) -> PolicyFile: ...

    @overload
    def file(self, rel: str, schema: str | None = None, *, required: bool) -> PolicyFile | None: ...

    def file(self, rel: str, schema: str | None = None, *, required: bool = True) -> PolicyFile | None:
        """Load checks/<rel>, validated against schemas/<schema>.json."""
        if rel in self._files:
            return self._files[rel]
        path = self.root / CHECKS_DIR / rel
        shown = f"{CHECKS_DIR}/{rel}"
        if not path.is_file():
            if not required:
                return None
            raise PolicyError("文件不存在", path=shown,
                              hint="从 govpub 模板仓库复制该文件，或恢复被删除的版本（git checkout）")
        try:
            text = path.read_text("utf-8-sig")
        except UnicodeDecodeError:
            raise PolicyError("不是 UTF-8 编码", path=shown,
                              hint="用编辑器另存为 UTF-8 编码（不带 BOM）") from None
        key = _cache_key(schema, text)
        hit, data = _cached(key)
        if hit:
            loaded = PolicyFile(path, shown, data, text)
            self._files[rel] = loaded
            return loaded
        try:
            data, node = yamlfile.parse(text)
        except yamlfile.YamlProblem as exc:
            raise PolicyError(exc.problem.message, path=shown, line=exc.problem.line,
                              hint=exc.problem.hint) from None
        if schema:
            import jsonschema

            validator = jsonschema.Draft202012Validator(_schema(schema))
            errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
            if errors:
                err = errors[0]
                where = tuple(err.absolute_path)
                raise PolicyError(
                    f"{_where(where)}：{_explain(err)}", path=shown,
                    line=yamlfile.line_of(node, where),
                    hint=f"按文件开头的说明修改；字段定义见 govpub/schemas/{schema}.json",
                )
        _remember(key, data)
        loaded = PolicyFile(path, shown, data, text, node)
        self._files[rel] = loaded
        return loaded

    def fail(self, pf: PolicyFile, path: tuple[Any, ...], message: str, hint: str) -> PolicyError:
        return PolicyError(f"{_where(path)}：{message}", path=pf.rel, line=pf.line(*path), hint=hint)

    # -- registries ------------------------------------------------------------
    @cached_property
    def departments(self) -> dict[str, dict[str, Any]]:
        pf = self.file("registry/departments.yml", "departments")
        out: dict[str, dict[str, Any]] = {}
        for i, dep in enumerate(pf.data["departments"]):
            if dep["name"] in out:
                raise self.fail(pf, ("departments", i, "name"), f"部门“{dep['name']}”重复登记", "删除重复的条目")
            out[dep["name"]] = dep
        return out

    @cached_property
    def organisation(self) -> str:
        """The bureau's full name (departments.yml)."""
        pf = self.file("registry/departments.yml", "departments")
        return str(pf.data["organisation"])

    @cached_property
    def regulation(self) -> dict[str, str]:
        """The regulation the rules enforce: {"title": full title, "short": short title} (bureau.yml)."""
        pf = self.file("registry/bureau.yml", "bureau")
        return {"title": str(pf.data["regulation"]["title"]), "short": str(pf.data["regulation"]["short"])}

    @cached_property
    def columns(self) -> dict[str, dict[str, Any]]:
        pf = self.file("registry/columns.yml", "columns")
        out: dict[str, dict[str, Any]] = {}
        for i, col in enumerate(pf.data["columns"]):
            if col["slug"] in out:
                raise self.fail(pf, ("columns", i, "slug"), f"栏目“{col['slug']}”重复登记", "删除重复的条目")
            for key in ("department", "also_departments"):
                names = col.get(key) or []
                for j, name in enumerate([names] if isinstance(names, str) else names):
                    if name not in self.departments:
                        at = ("columns", i, key) if key == "department" else ("columns", i, key, j)
                        raise self.fail(pf, at, f"部门“{name}”未在 departments.yml 中登记",
                                        "先在 checks/registry/departments.yml 中登记该部门，或改为已登记的部门名")
            out[col["slug"]] = col
        return out

    @cached_property
    def accounts(self) -> dict[str, dict[str, Any]]:
        pf = self.file("registry/accounts.yml", "accounts")
        out: dict[str, dict[str, Any]] = {}
        for i, acc in enumerate(pf.data["accounts"]):
            if acc["platform"] in out:
                raise self.fail(pf, ("accounts", i, "platform"),
                                f"平台“{acc['platform']}”登记了多个账号",
                                "第三条：一个单位在同一平台原则上只开设一个账号，删除多余条目")
            out[acc["platform"]] = acc
        return out

    @cached_property
    def public_numbers(self) -> dict[str, str]:
        """Digits-only public phone numbers (hotlines, office landlines) → their name."""
        pf = self.file("registry/phones.yml", "phones", required=False)
        entries = pf.data["public_numbers"] if pf else []
        return {"".join(ch for ch in e["number"] if ch.isdigit()): e["name"] for e in entries}

    @cached_property
    def exceptions(self) -> set[tuple[str, str, str]]:
        """(article path, rule id, SHA-256 of the matched text) of the privacy and secret
        findings that checks/registry/exceptions.yml allows (registered by L3, not in articles)."""
        pf = self.file("registry/exceptions.yml", "exceptions", required=False)
        entries = pf.data["exceptions"] if pf else []
        return {(e["path"], e["rule"], e["match_sha256"]) for e in entries}

    @cached_property
    def trusted_domains(self) -> dict[str, str]:
        pf = self.file("registry/sources.yml", "sources")
        return {e["domain"]: e["name"] for e in pf.data["trusted"]}

    @cached_property
    def review_teams(self) -> dict[str, Any]:
        """checks/registry/teams.yml (三审): org, l3_team, default_department, bots and team → members.

        Checked here: every team a department or l3_team names is registered, and one
        login has one name everywhere (the 审批表 prints it).
        """
        pf = self.file("registry/teams.yml", "teams")
        data: dict[str, Any] = pf.data
        teams = data["teams"]
        if data["l3_team"] not in teams:
            raise self.fail(pf, ("l3_team",), f"三级审核团队“{data['l3_team']}”未在 teams 中登记",
                            "在 teams 下登记该团队及其成员，或改为已登记的团队名")
        names: dict[str, str] = {}
        for slug, team in teams.items():
            for i, member in enumerate(team["members"]):
                known = names.setdefault(member["login"], member["name"])
                if known != member["name"]:
                    raise self.fail(pf, ("teams", slug, "members", i, "name"),
                                    f"账号“{member['login']}”在不同团队中登记了不同的姓名（{known}、{member['name']}）",
                                    "同一账号的姓名必须一致，请核对后改正")
        deps = self.file("registry/departments.yml", "departments")
        if data.get("default_department") and data["default_department"] not in self.departments:
            raise self.fail(pf, ("default_department",), f"部门“{data['default_department']}”未在 departments.yml 中登记",
                            "改为 departments.yml 中已登记的部门名")
        for i, dep in enumerate(deps.data["departments"]):
            for key in ("l1_team", "l2_team"):
                if dep[key] not in teams:
                    raise self.fail(deps, ("departments", i, key),
                                    f"审核团队“{dep[key]}”未在 teams.yml 中登记",
                                    "先在 checks/registry/teams.yml 的 teams 下登记该团队及其成员")
        return data

    def wordlist(self, name: str, schema: str) -> PolicyFile:
        """checks/wordlists/<name>.yml, validated against schemas/<schema>.json."""
        pf = self.file(f"wordlists/{name}.yml", schema)
        return pf

    @cached_property
    def leaders(self) -> PolicyFile:
        pf = self.file("registry/leaders.yml", "leaders")
        return pf

    @cached_property
    def places(self) -> PolicyFile:
        pf = self.file("registry/places.yml", "places")
        return pf

    @cached_property
    def audit_config(self) -> dict[str, Any]:
        data: dict[str, Any] = self.file("audit.yml", "audit").data
        return data

    @cached_property
    def rules_config(self) -> PolicyFile | None:
        return self.file("rules.yml", "rules", required=False)
