"""The inputs of one verification, from files (offline: the REST API's JSON saved by hand or
by CI) or checked against the forge: loading, telling GitHub from Gitea, the articles'
departments read from a checkout, a teams file that overrides membership, and the
registry compared with the forge's teams."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govpub import git
from govpub.approvals import model
from govpub.approvals.model import APPROVED, BadInput, Inputs, Member, PullRequest, ReviewPolicy
from govpub.errors import UsageError

if TYPE_CHECKING:
    from govpub.approvals.forge import Forge
    from govpub.approvals.verify import Verdict
    from govpub.policy import Policy


def load_json(path: str, what: str) -> Any:
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise BadInput(f"无法读取{what}：{exc.strerror}", path=path) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadInput(f"{what}不是有效的 JSON：{exc.msg}", path=path, line=exc.lineno,
                       hint="保存 REST API 的原样返回，不要修改") from None


def json_list(data: Any, path: str, what: str) -> list[dict[str, Any]]:
    """A list of objects; a list of pages (lists) is flattened."""
    if isinstance(data, list) and all(isinstance(x, list) for x in data) and data:
        data = [item for page in data for item in page]
    if not isinstance(data, list) or not all(isinstance(x, dict) for x in data):
        raise BadInput(f"{what}应为 JSON 列表（API 返回的数组）", path=path)
    return data


def teams_override(path: str | None, policy: Any) -> dict[str, list[Member]] | None:
    """--teams FILE: membership that replaces the registry's for this verification."""
    if not path:
        return None
    from govpub import yamlfile

    try:
        data, _ = yamlfile.parse(Path(path).read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise BadInput(f"无法读取团队文件：{exc.strerror}", path=path) from None
    except yamlfile.YamlProblem as exc:
        raise BadInput(exc.problem.message, path=path, line=exc.problem.line) from None
    known = model.review_policy(policy).teams  # the registry's people: names, ids and e-mails
    try:
        return model.teams_file(data, known)
    except BadInput as exc:
        exc.path = path
        raise


def articles_from_git(root: Path, pull: PullRequest, files: list[str]) -> dict[str, str | None] | None:
    """Each changed article's owning department (model.owning_department: at the PR's base
    when the article exists there, else at its head), read with git from a clone that has
    the head commit; None without it."""
    if git.run(root, "cat-file", "-e", f"{pull.head_sha}^{{commit}}", check=False).returncode != 0:
        return None

    def text(commit: str | None, path: str) -> str | None:
        if not commit:
            return None
        shown = git.run(root, "show", f"{commit}:{path}", check=False)
        return shown.stdout if shown.returncode == 0 else None

    return {path: model.owning_department(text(pull.head_sha, path), text(pull.base_sha, path))
            for path in files if path.startswith("content/") and path.endswith(".md")}


def offline_forge(given: str | None, pull: Any, reviews: list[dict[str, Any]], reviews_path: str) -> str:
    """github or gitea: told from the JSON's shape, checked against --forge when given."""
    found = model.detect_forge(pull, reviews)
    if found and given and found != given:
        raise BadInput(f"给出的是 --forge {given}，但文件是 {found} 格式的 API 返回",
                       path=reviews_path, hint=f"改用 --forge {found}，或换用 {given} 的 API 返回")
    if not found and not given:
        raise UsageError("无法从文件判断是 GitHub 还是 Gitea 的 API 返回",
                         hint="用 --forge github 或 --forge gitea 指明来源")
    return found or str(given)


def offline_inputs(*, pull: str, reviews: str, commits: str, files: str, forge: str | None,
                   checkout: Path, timeline: str | None = None) -> Inputs:
    """The inputs from four saved API answers (and the timeline's, when given); article
    departments from the checkout."""
    pull_data = load_json(pull, "合并请求文件")
    raw_reviews = json_list(load_json(reviews, "审核记录文件"), reviews, "审核记录文件")
    kind = offline_forge(forge, pull_data, raw_reviews, reviews)
    review = model.gitea_review if kind == "gitea" else model.github_review
    raw_files = json_list(load_json(files, "改动文件列表"), files, "改动文件列表")
    try:
        inputs = Inputs(
            model.pull_request(pull_data),
            [review(r) for r in raw_reviews],
            [model.commit(c) for c in json_list(load_json(commits, "提交记录文件"), commits, "提交记录文件")],
            model.changed_files(raw_files), file_count=len(raw_files),
        )
    except BadInput as exc:
        exc.hint = exc.hint or "输入应为代码托管平台 REST API 原样返回的 JSON"
        raise
    if timeline:
        events = json_list(load_json(timeline, "时间线文件"), timeline, "时间线文件")
        try:
            inputs.base_changed_at, inputs.pushers = model.timeline_facts(events, kind)
        except BadInput as exc:
            exc.path = exc.path or timeline
            raise
        missing = model.unlisted_reviews(events, inputs.reviews, kind)
        if missing:
            raise BadInput(f"时间线中有 {len(missing)} 条审核（编号 {missing[0]} 等）不在审核记录文件中：审核记录不完整", path=reviews,
                           hint="保存审核记录的每一页（…/pulls/{n}/reviews?per_page=100&page=1、2…），合并为一个列表后重新核对")
        changed = model.rewritten_reviews(events, inputs.reviews, kind)
        if changed:
            raise BadInput(f"审核记录文件中有 {len(changed)} 条审核（编号 {changed[0]} 等）的审核人、提交、时间或结论与时间线不同："
                           "文件被改动过，或来自不同时间的保存", path=reviews,
                           hint="同时从平台重新保存审核记录和时间线（不要手工编辑），再重新核对")
    inputs.articles = articles_from_git(checkout, inputs.pull, inputs.files)
    return inputs


def confirm_on_forge(inputs: Inputs, forge: Any, rp: ReviewPolicy, org: str) -> list[str]:
    """Drop registry members whom the forge does not list in that team (only approvers are asked).

    The registry stays the source of truth for who may approve; this catches a registry
    and a forge that drifted apart (someone left the team on the forge but not in teams.yml).
    """
    approvers = {r.login.lower() for r in inputs.reviews if r.state == APPROVED and r.login}
    notes = []
    for team, members in rp.teams.items():
        kept = []
        for m in members:
            if m.login.lower() in approvers and m.active and not forge.is_team_member(org, team, m.login):
                notes.append(f"{m.name}（{m.login}）在 teams.yml 中属于 {team}，但平台上的团队 {org}/{team} 中没有该成员："
                             "按非成员处理，请办公室核对登记表与平台团队")
                continue
            kept.append(m)
        rp.teams[team] = kept
    return notes


# -- one verification's inputs, from files or from the forge ----------------------------------
@dataclass
class Source:
    """Where the inputs come from: the four saved API files (offline), else the forge (online)."""

    forge: str | None = None  # github | gitea; offline: told from the files when None
    repo: str | None = None
    pr: int | None = None
    api_url: str | None = None
    pull: str | None = None
    reviews: str | None = None
    commits: str | None = None
    files: str | None = None
    timeline: str | None = None  # offline, optional: …/issues/{n}/timeline (retargeting, pushers)
    checkout: Path | None = None  # offline: where the articles' departments are read


@dataclass
class Gathered:
    """The normalized inputs of one verification, and the open adapter they came from (online)."""

    inputs: Inputs
    forge: Forge | None = None

    def close(self) -> None:
        if self.forge is not None:
            self.forge.close()


def gather(source: Source, root: Path) -> Gathered:
    """The inputs, offline when any of the four files is given (then all four must be), else
    online; root: the checkout read offline when source.checkout is not set."""
    offline = [source.pull, source.reviews, source.commits, source.files]
    if any(offline):
        if not (source.pull and source.reviews and source.commits and source.files):
            raise UsageError("离线模式需要同时给出 --pull、--reviews、--commits 和 --files",
                             hint="四个文件分别保存合并请求、审核、提交和改动文件的 API 返回")
        return Gathered(offline_inputs(pull=source.pull, reviews=source.reviews, commits=source.commits,
                                       files=source.files, forge=source.forge, checkout=source.checkout or root,
                                       timeline=source.timeline))
    if not (source.repo and source.pr):
        raise UsageError("请给出 --repo OWNER/NAME 和 --pr N（在线），或 --pull/--reviews/--commits/--files（离线）",
                         hint="运行 govpub approvals verify --help 查看用法")
    from govpub.approvals.forge import connect

    forge = connect(source.forge or "github", source.repo, api_url=source.api_url)
    try:
        return Gathered(forge.inputs(source.pr), forge)
    except BaseException:
        forge.close()
        raise


def decide(policy: Policy, source: Source, *, teams: str | None = None,
           check_forge_teams: bool = False) -> tuple[Verdict, Gathered]:
    """The verdict on one pull request, and its inputs (the caller closes them: online, the
    forge stays open for the status and the comment). teams: a teams file overriding the
    registry's membership; check_forge_teams: approvers must also be in the forge's team."""
    from govpub.approvals.verify import verify_inputs

    rp = model.review_policy(policy, teams_override(teams, policy))
    got = gather(source, policy.root)
    try:
        notes = (confirm_on_forge(got.inputs, got.forge, rp, policy.review_teams["org"])
                 if check_forge_teams and got.forge is not None else [])
        verdict = verify_inputs(got.inputs, rp)
    except BaseException:
        got.close()
        raise
    verdict.notes.extend(notes)
    return verdict, got

def pr_number(text: str) -> int:
    """--pr: a pull request's number (argparse reports the ValueError as a usage error)."""
    number = int(text)
    if number < 1:
        raise ValueError(text)
    return number
