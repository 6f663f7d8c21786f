"""Ninth round (issue #14): links.lookalike, a host that reads as a registered trusted domain through
look-alike characters (i/l/1, o/0, rn/m, vv/w, cl/d). No list of fake domains: the shape is compared."""

from __future__ import annotations

import pytest
from helpers import check_text


def links(site, text: str) -> set[str]:  # noqa: ANN001
    return {f.rule for f in check_text(site, text) if f.rule.startswith("links.")}


@pytest.mark.parametrize("host", [
    "www.zhanjlang.gov.cn",   # i -> l: passes links.untrusted (every *.gov.cn is trusted), not the shape
    "www.rnoj.gov.cn",        # rn -> m
    "sft.gd.g0v.cn",          # o -> 0
    "www.peop1e.com.cn",      # l -> 1
    "www.xinhuanet.corn",     # m -> rn in the top-level domain
])
def test_a_look_alike_of_a_trusted_domain_is_caught(msite, host: str) -> None:
    assert "links.lookalike" in links(msite, f"详见 https://{host}/flyz/apply 。")


@pytest.mark.parametrize("host", [
    "www.zhanjiang.gov.cn", "www.maoming.gov.cn", "sft.gd.gov.cn", "www.12348.gov.cn", "www.chinacourt.org",
])
def test_real_sites_pass(msite, host: str) -> None:
    assert links(msite, f"详见 https://{host}/ 。") == set()
