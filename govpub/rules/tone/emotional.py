from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.matching import Matcher, covered

QUOTED = re.compile(r"“[^”\n]*”|「[^」\n]*」|\"[^\"\n]*\"")
WEIGHTS = {"insult": 2, "contempt": 1, "absolute": 1}


@dataclass(frozen=True)
class _Tone:
    phrases: Matcher
    marks: re.Pattern[str]
    scored: Matcher
    kinds: list[str]
    threshold: int


@rule
class EmotionalRule(Rule):
    """带有情绪化的个人观点。

    ## 作用
    两种方式，都只提示，不阻止，由审核人判断：

    1. 按 `checks/wordlists/tone.yml` 的 `phrases` 提示口语化的个人情绪说法（“太可恶”“我觉得”），
       以及连续三个以上的叹号或问号（“！！！”）；
    2. 按句打分（`scored`）：第一人称加强烈情绪（“我实在看不下去”）计 2 分，辱骂违法者的说法
       （“败类”“死有余辜”）每个计 2 分，轻蔑讥讽（“好一个……”“也配”“所谓的”）和绝对化评判
       （“一无是处”“没有一个”）每个计 1 分，一句达到 2 分就提示。不写叹号、语气平静的
       讥讽和全盘否定同样会被发现。引号中引用的原话不计分。

    ## 原因
    第六条（十）：不得发布包含情绪化的个人观点或看法的信息；第四条要求信息严肃。

    ## 示例
    `我认为这种行为太可恶了！！！`、`这些所谓的专家，一无是处。`

    ## 修改方法
    改为客观陈述，如“该行为违反……规定，依法予以处理。”
    """

    id = "tone.emotional"
    title = "情绪化表达"
    article = "第六条（十）"
    severity = "warning"

    @cached_property
    def _data(self) -> _Tone:
        data = self.policy.wordlist("tone", "tone").data
        n = int(data.get("repeated_marks") or 3)
        scored = data.get("scored") or {}
        words: list[str] = []
        kinds: list[str] = []
        for kind in ("first_person", "neutral", "emotion", *WEIGHTS):
            for w in scored.get(kind) or []:
                words.append(w)
                kinds.append(kind)
        return _Tone(Matcher(data["phrases"]), re.compile(f"[！!？?]{{{n},}}"), Matcher(words), kinds,
                     int(scored.get("threshold") or 2))

    def check(self, doc: Document) -> Iterable[Hit]:
        t = self._data
        view = doc.simplified
        text = view.text
        reported: list[tuple[int, int]] = []
        for m in t.phrases.find(text):
            reported.append((m.start, m.end))
            yield doc.hit(self.id, view, m.start, m.end,
                          f"“{text[m.start:m.end]}”带有个人情绪：政务信息应客观陈述")
        for m in t.marks.finditer(text):
            yield doc.hit(self.id, view, m.start(), m.end(), f"连续的“{m.group()}”带有情绪：只保留一个标点")
        yield from self._scored(doc, view, text, t, reported)

    def _scored(self, doc: Document, view, text: str, t: _Tone,  # noqa: ANN001
                reported: list[tuple[int, int]]) -> Iterable[Hit]:
        quoted = [(q.start(), q.end()) for q in QUOTED.finditer(text)]
        by_sentence: dict[tuple[int, int], list[tuple[str, int, int]]] = {}
        found = t.scored.find(text)
        neutral = [m for m in found if t.kinds[m.index] == "neutral"]
        for m in found:
            if t.kinds[m.index] == "neutral" or any(a <= m.start and m.end <= b for a, b in quoted):
                continue
            if covered(m, neutral):
                continue  # 我国、我局 (the institution speaking), 不配合: ordinary words
            s = _sentence(text, m.start)
            by_sentence.setdefault(s, []).append((t.kinds[m.index], m.start, m.end))
        for (s_start, s_end), found in sorted(by_sentence.items()):
            if any(s_start <= a < s_end for a, _ in reported):
                continue  # already reported by the phrase list
            kinds = {k for k, _, _ in found}
            words = {text[s:e]: k for k, s, e in found if k in WEIGHTS}
            score = sum(WEIGHTS[k] for k in words.values())
            if {"first_person", "emotion"} <= kinds:
                score += 2
            if score < t.threshold:
                continue
            used = [(s, e) for k, s, e in found if k != "first_person" or "emotion" in kinds]
            start, end = min(s for s, _ in used), max(e for _, e in used)
            shown = "”“".join(dict.fromkeys(text[s:e] for _, s, e in sorted(found, key=lambda f: f[1])))
            yield doc.hit(self.id, view, start, end,
                          f"这句话带有情绪化的个人看法（“{shown}”）：政务信息应客观陈述事实和处理依据")


def _sentence(text: str, pos: int) -> tuple[int, int]:
    start = max(text.rfind(c, 0, pos) for c in "。！？；!?;\n") + 1
    ends = [i for i in (text.find(c, pos) for c in "。！？；!?;\n") if i >= 0]
    return start, (min(ends) if ends else len(text))
