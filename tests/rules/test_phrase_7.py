"""Seventh round (issue #14): 大陆 written where Hong Kong or Macao face 内地 (phrase.sovereignty,
a framing entry with `when`: it fires only when the same sentence names Hong Kong or Macao)."""

from __future__ import annotations

import pytest
import yaml
from helpers import REPO, check_text

FRAMING = yaml.safe_load((REPO / "checks" / "wordlists" / "phrases.yml").read_text(encoding="utf-8"))["framing"]


def sovereignty(site, text: str) -> list[str]:  # noqa: ANN001
    return [f.match for f in check_text(site, text) if f.rule == "phrase.sovereignty"]


@pytest.mark.parametrize("text", [
    "在香港作出的离婚判决，须经人民法院裁定承认后方可在大陆执行。",
    "澳门企业到大陆投资设厂遇到合同纠纷的，可以申请商事调解。",
    "取得内地律师资格的香港居民，可以在大陆律师事务所执业。",
])
def test_mainland_as_a_place_beside_hong_kong_or_macao_is_naidi(msite, text: str) -> None:
    assert sovereignty(msite, text) == ["大陆"]
    assert any(e.get("when") for e in FRAMING)  # the condition is data, not code


@pytest.mark.parametrize("text", [
    "大陆居民赴台湾旅游须办理通行证。",                      # 大陆 faces Taiwan
    "大陆与台湾同属一个中国，香港回归以来保持繁荣。",        # Taiwan in the sentence
    "香港律所与欧洲大陆的客户合作，内地属大陆法系。",        # geography and legal family
    "大陆居民可以在本市公证处办理公证。",                    # no Hong Kong or Macao in the sentence
    "港澳居民来往内地通行证可在窗口办理。",
])
def test_mainland_elsewhere_passes(msite, text: str) -> None:
    assert sovereignty(msite, text) == []
