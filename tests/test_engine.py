"""The engine: suppressions with reasons, per-rule and per-column severities, ordering."""

from __future__ import annotations

from helpers import check_text

PLANTED = "当事人身份证号440881199001011233。"


def rules_of(findings):
    return [(f.rule, f.severity, f.line) for f in findings]


STYLED = '<span style="color:red">注意事项</span>'


def test_suppression_on_the_line_before(site):
    body = f"<!-- govpub: allow html.style 理由：红色标出截止时间 -->\n{STYLED}\n"
    assert rules_of(check_text(site, body)) == []


def test_suppression_at_end_of_line(site):
    body = f"{STYLED}<!-- govpub: allow html.* 理由：红色标出截止时间 -->\n"
    assert rules_of(check_text(site, body)) == []


def test_suppression_covers_only_the_next_line(site):
    body = f"<!-- govpub: allow html.style 理由：已核实 -->\n{STYLED}\n{STYLED}\n"
    assert rules_of(check_text(site, body)) == [("html.style", "error", 12)]


def test_privacy_and_secret_cannot_be_suppressed_in_an_article(site):
    for rule in ("privacy.id-number", "privacy.*", "secret.level", "html.style privacy.id-number"):
        body = f"<!-- govpub: allow {rule} 理由：当事人书面同意公开 -->\n{PLANTED}\n"
        found = check_text(site, body)
        assert ("privacy.id-number", "error", 11) in rules_of(found), rule
        assert any(f.rule == "meta.suppression" and "exceptions.yml" in f.message for f in found), rule


def test_a_multi_line_suppression_hides_nothing(site):
    body = (f"<!-- govpub: allow html.* 理由：见下\n{PLANTED}\n手机 13800138000\n"
            '<img src=x onerror="alert(1)">\n-->\n正文。\n')
    found = {r for r, _, _ in rules_of(check_text(site, body))}
    assert {"meta.suppression", "privacy.id-number", "privacy.mobile", "html.event"} <= found


def test_exception_registered_by_the_office(site):
    import hashlib

    digest = hashlib.sha256(b"440881199001011233").hexdigest()
    (site.root / "checks/registry/exceptions.yml").write_text(
        f"exceptions:\n  - path: content/pfyfz/2026/tuijinhui.md\n    rule: privacy.id-number\n"
        f"    match_sha256: {digest}\n    reason: 法院公告原文，已核实\n", encoding="utf-8")
    assert rules_of(check_text(site, PLANTED + "\n")) == []
    other = PLANTED.replace("1233", "1225")  # another number in the same article is still reported
    assert [r for r, _, _ in rules_of(check_text(site, other + "\n"))] == ["privacy.id-number"]
    found = check_text(site, PLANTED + "\n", rel="content/pfyfz/2026/y.md")  # and the same one elsewhere
    assert [r for r, _, _ in rules_of(found)] == ["privacy.id-number"]


def test_suppression_without_reason_is_an_error_and_suppresses_nothing(site):
    body = f"<!-- govpub: allow privacy.id-number -->\n{PLANTED}\n"
    found = rules_of(check_text(site, body))
    assert ("meta.suppression", "error", 10) in found
    assert ("privacy.id-number", "error", 11) in found


def test_suppression_of_unknown_rule(site):
    found = check_text(site, "<!-- govpub: allow privacy.idnumber 理由：x -->\n正文。\n")
    assert [(f.rule, "privacy.idnumber" in f.message) for f in found] == [("meta.suppression", True)]


def test_unused_suppression_warns(site):
    found = check_text(site, "<!-- govpub: allow html.style 理由：已获同意 -->\n正文。\n")
    assert rules_of(found) == [("meta.unused-suppression", "warning", 10)]


def test_suppressions_are_listed_for_reviewers(site):
    site.article(body=f"<!-- govpub: allow html.style 理由：红色标出截止时间 -->\n{STYLED}\n")
    proc = site.run("check")
    assert proc.returncode == 0
    assert "已豁免 html.style（理由：红色标出截止时间）" in proc.stdout


def test_severity_override_and_column_override(site):
    (site.root / "checks/rules.yml").write_text(
        "defaults:\n  privacy.*: warning\ncolumns:\n  pfyfz:\n    privacy.id-number: off\n", encoding="utf-8")
    assert rules_of(check_text(site, PLANTED + "\n")) == []
    found = check_text(site, PLANTED + "\n", rel="content/gzdt/2026/x.md", column="gzdt", department="办公室")
    assert rules_of(found) == [("privacy.id-number", "warning", 10)]


def test_exact_id_beats_family_glob(site):
    (site.root / "checks/rules.yml").write_text(
        "defaults:\n  privacy.*: off\n  privacy.id-number: error\n", encoding="utf-8")
    assert rules_of(check_text(site, PLANTED + "\n")) == [("privacy.id-number", "error", 10)]


def test_findings_sorted_and_deduplicated(site):
    body = f"{PLANTED}\n{PLANTED}{PLANTED}\n"
    found = check_text(site, body, column="nosuch")
    keys = [(f.line, f.column, f.rule) for f in found]
    assert keys == sorted(keys) and len(keys) == len(set(keys))
    assert [k[0] for k in keys if k[2] == "privacy.id-number"] == [10, 11, 11]


def test_many_files_in_parallel_give_the_same_report(site):
    from govpub.rules import engine

    for i in range(30):
        site.article(f"content/pfyfz/2026/a{i:03}.md", body=PLANTED + "\n" if i % 3 == 0 else "正文。\n")
    serial = site.findings()
    old = engine.PARALLEL_THRESHOLD
    try:
        engine.PARALLEL_THRESHOLD = 10
        from govpub.rules.engine import check_files

        rules = site.rules()
        report = check_files(rules, sorted((site.root / "content").rglob("*.md")))
    finally:
        engine.PARALLEL_THRESHOLD = old
    assert [f.as_json() for f in report.findings] == serial
    assert len(serial) == 10


# -- progress on long work -------------------------------------------------------------
def _run_on_terminal(site, *args: str, **env: str) -> str:
    """govpub with stdout and stderr on a pseudo-terminal, as a person at a terminal runs it."""
    import fcntl
    import os
    import pty
    import struct
    import subprocess
    import sys
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    child_env = {k: v for k, v in os.environ.items() if k != "CI"}
    child_env.update({"TERM": "xterm", **env})
    proc = subprocess.Popen([sys.executable, "-m", "govpub", *args], cwd=site.root, env=child_env,
                            stdin=subprocess.DEVNULL, stdout=slave, stderr=slave)
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    os.close(master)
    assert proc.wait(timeout=120) in (0, 1)
    return out.decode("utf-8", "replace")


def _many_articles(site, n: int = 60) -> None:
    for i in range(n):
        site.article(f"content/pfyfz/2026/a{i:03d}.md")


def test_a_long_check_shows_progress_on_a_terminal(site):
    _many_articles(site)
    out = _run_on_terminal(site, "check")
    assert "检查中" in out
    assert "检查了 60 篇文章" in out


def test_a_long_check_is_quiet_in_a_pipe_and_in_ci(site):
    _many_articles(site)
    proc = site.run("check")  # stdout and stderr are pipes
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert "检查中" not in proc.stdout and "\x1b" not in proc.stdout
    assert "检查中" not in _run_on_terminal(site, "check", CI="true")
    json_out = site.run("check", "--format", "json")
    assert json_out.stderr == "" and json_out.stdout.startswith("{")


# -- performance mechanisms: they must never change what is found ---------------------------
def _corpus_texts() -> list[str]:
    import yaml
    from helpers import REPO

    texts = []
    for path in sorted((REPO / "tests" / "corpus").glob("*.yml")):
        texts += [case["text"] for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]]
    return texts


def test_anchors_of_tricky_patterns():
    import re

    from govpub.rules.matching import anchors

    assert anchors(re.compile("内部(?:资料|文件)")) == {"内部资料", "内部文件"}
    assert anchors(re.compile("(?:^|[。，；])论[\u4e00-\u9fff]{2,8}[，,]")) == {"论"}  # {论, ，论…} says no more
    assert anchors(re.compile("(?:仅|只)?(?:报送|呈送)")) == {"报送", "呈送"}  # an optional part is no anchor
    assert anchors(re.compile("(?:甲|)乙丙")) == {"乙丙"}  # an empty alternative joins as nothing
    assert anchors(re.compile("才怪(?=[。，；]|$)")) == {"才怪"}  # a lookahead consumes nothing
    assert anchors(re.compile("(?:ab){2}c")) == {"ababc"}
    assert anchors(re.compile("(?i)confidential")) is None  # case-insensitive: K also matches the Kelvin sign
    assert anchors(re.compile("x(?i:confidential)")) == {"x"}
    assert anchors(re.compile("[\u4e00-\u9fff]+")) is None
    assert anchors(re.compile("得([\u4e00-\u9fff])\\1")) == {"得"}
    assert anchors(re.compile("甲|[\u4e00-\u9fff]乙")) == {"甲", "乙"}
    assert anchors(re.compile("甲|[\u4e00-\u9fff]+")) is None  # one alternative without an anchor


def test_regexes_of_every_rule_skip_only_patterns_that_cannot_match(site):
    """Every Regexes the rules build (tone, secret, privacy, repost...): a pattern that matches a
    corpus text, or the compact form of it, is always among the candidates, merged or not."""
    import gc

    from govpub.content import article as article_mod
    from govpub.rules import matching
    from govpub.rules.document import Document

    rules = site.rules()
    path = site.article(body="正文。\n")
    rules.check_article(article_mod.load(site.root, path))
    sets = [o for o in gc.get_objects() if isinstance(o, matching.Regexes)]
    assert len(sets) >= 5
    texts = _corpus_texts()
    for text in texts[:400]:
        doc = Document(article_mod.load(site.root, site.article(body=text + "\n")), rules.policy)
        texts.append(doc.compact.text)
    skipped = 0
    for merged in (False, True):
        if merged:
            rules._pool.merge()
        for regexes in sets:
            for text in texts:
                maybe = regexes.candidates(text)
                for i, pattern in enumerate(regexes.patterns):
                    if i not in maybe:
                        skipped += 1
                        assert pattern.search(text) is None, (pattern.pattern, text)
    assert skipped > 1000  # the gate does skip


def test_app_links_are_found_as_a_full_scan_finds_them():
    import random

    from govpub.rules.links.disguised import APP_LINK, app_links

    rng = random.Random(5)
    parts = ["//", "://", ":", "/", "a", "Bcdefghij", "klmnopqrstu", "x", "http", "hxxps", "小程序", "#", " ", "，",
             "s", "1", ".", "-", "+", "data", "https//", "file:", "weixin", "网址"]
    for _ in range(20000):
        text = "".join(rng.choice(parts) for _ in range(rng.randint(1, 30)))
        assert [m.span() for m in app_links(text)] == [m.span() for m in APP_LINK.finditer(text)], text


def test_a_large_word_list_shares_the_automaton_of_the_lists_reading_its_text():
    from govpub.rules import matching

    pool = matching.Pool()
    matching.activate(pool)
    try:
        small = matching.Matcher(["知识产权", "产权"])
        big = matching.Matcher([f"词{i}" for i in range(20000)] + ["知识", "产权"])
        other = matching.Matcher(["局的"])
        first, text = "知识产权的词1", "国家知识产权局的知识产权，词7和词4999"
        alone = {m: m._ac.find_matches_as_indexes(text, overlapping=True) for m in (small, big, other)}
        small.find_raw(first)
        big.find_raw(first)
        other.find_raw("另一段")
        pool.merge()
        assert small.merged and big.merged and small.shared is big.shared is not other.shared
        assert [big.patterns[i] for i, _, _ in big.find_raw(text)] == [
            "知识", "产权", "知识", "产权", "词7", "词4", "词49", "词499", "词4999"]
        assert {m: m.find_raw(text) for m in (small, big, other)} == alone
    finally:
        matching.activate(matching.Pool())


# -- performance-only shortcuts give what the plain way gives --------------------------------
def test_link_scan_tries_every_place_a_link_can_start():
    """find_links tries LINK_RE only where a match can start; over every code point IGNORECASE
    folds to an ASCII letter, and over random pastes of link-like text, the matches are those of
    LINK_RE.finditer (a missed start would let a commercial link through unseen)."""
    import random
    import re

    from govpub.rules.links import _urls

    folding = {chr(c) for c in range(0x110000) if re.match(r"(?i)[A-Za-z0-9]", chr(c))}
    assert folding - set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") \
        == set("\u0130\u0131\u017f\u212a")
    assert {chr(c) for c in range(0x110000) if re.match(r"(?i)[hw]", chr(c))} == set("hHwW")
    pieces = ["a", "b", "h", "w", "H", "W", ".", "c", "1", "9", "-", "]", "<", ">", "(", ")", "/", ":", "=",
              '"', "'", "ſ", "K", "ı", "İ", "中", "文", " ", "\n", ".com", "https://", "www.", "src=", "href=",
              "192.168.1.1", "](", "@", "_", "&", "rc=", "ttp://", "ww.", "2024", "data", "Action", " = ", "http",
              "HREF", "ab12", "年"]
    rnd = random.Random(17)
    for _ in range(20000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 24)))
        assert [m.span() for m in _urls._link_matches(text)] == [m.span() for m in _urls.LINK_RE.finditer(text)], text


def test_within_lines_judges_what_can_reach_past_a_line():
    import re

    from govpub.rules.matching import within_lines

    inside = [r"\d+元", r"[^，。\n]{0,8}费", r"(?<![0-9])[1-9]折(?![扣算])", r"\b(?:href|src)=", r"(?m)^第[一二]条", r"某\w{0,4}公司"]
    past = [r"a\nb", r"[^，。]{0,8}费", r"\s*元", r"\S+", r"元$", r"(?!\n)元", r"元*", r"元.", r"[^\w]元", r"元\Z",
            r"(?s)元.", r"(?=[^a])元"]
    assert [p for p in inside if not within_lines(re.compile(p))] == []
    assert [p for p in past if within_lines(re.compile(p))] == []


def test_a_line_bound_pattern_scanned_line_by_line_finds_what_one_scan_finds():
    """The promise within_lines makes, tried on random texts: the matches of one finditer over
    a text are those of finditer over each line alone."""
    import random
    import re

    from govpub.rules.matching import within_lines

    patterns = [r"[0-9一二]+(?:元|块)", r"(?<![0-9])[1-9]折(?![扣算])", r"\b[a-z]+\b", r"(?:仅|只)剩[0-9]+个?",
                r"免[^，。\n]{0,3}费", r"(?m)^元"]
    rnd = random.Random(5)
    pieces = list("0129一二元块折扣算仅剩个免费，。 a\n") + ["\n\n", "ab"]
    for source in patterns:
        pattern = re.compile(source)
        assert within_lines(pattern), source
        for _ in range(3000):
            text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 30)))
            whole = [m.span() for m in pattern.finditer(text)]
            by_line, start = [], 0
            for line in text.split("\n"):
                by_line += [m.span() for m in pattern.finditer(text, start, start + len(line))]
                start += len(line) + 1
            assert whole == by_line, (source, text)


def test_ads_offer_reads_only_lines_without_an_exception_as_it_reads_them_all(site):
    """ads.offer skips the structures on lines holding an exception word: the findings are those
    of reading every line (the line-by-line shortcut turned off)."""
    import dataclasses

    from govpub.content import article as article_mod
    from govpub.policy import Policy
    from govpub.rules import engine

    body = ("本所推出婚姻家事法律服务套餐，原价1999元，现价999元，欢迎来电咨询。\n\n"
            "法律援助免费，拨打12348。某公司代理记账服务每月两百元起，首年多送三个月。\n"
            "添加微信报名，13912345678。\n\n某财税公司的代理记账服务每月两百元起，价值300元，详情可致电客服。\n")
    path = site.article("content/pfyfz/2026/tuijinhui.md", body)
    found = {}
    for line_bound in (True, False):
        rules = engine.RuleSet(Policy(site.root))
        offer = rules.instance("ads.offer")
        assert offer._offer.line_bound  # the policy's structures all stay inside a line
        offer.__dict__["_offer"] = dataclasses.replace(offer._offer, line_bound=line_bound)
        found[line_bound] = [(f.line, f.column, f.message) for f in rules.check_article(
            article_mod.load(site.root, path))[0] if f.rule == "ads.offer"]
    assert found[True], "the body holds offers: compare findings, not two empty lists"
    assert found[True] == found[False]


def test_a_case_insensitive_regex_is_skipped_only_when_it_cannot_match():
    """matching.Regexes runs a case-insensitive pattern only when the lower-cased text holds one
    of its words; İ ı ſ K (IGNORECASE matches them with ASCII letters) and mixed case still count."""
    import random
    import re

    from govpub.rules.matching import Regexes

    patterns = [re.compile(r"(?<![A-Za-z])(?i:internal use only|confidential|do not (?:forward|copy))(?![A-Za-z])"),
                re.compile(r"(?i)sk[iy]"), re.compile(r"内部(?i:use)")]
    gate = Regexes(patterns)
    assert not gate.always  # every one has folded anchors: the shortcut is exercised
    rnd = random.Random(3)
    words = ["internal", " use ", "only", "INTERNAL USE ONLY", "ConFidential", "do not ", "forward", "copy", "ſ",
             "K", "ı", "İ", "sk", "y", "i", "内部", "USE", "uſe", " ", "中"]
    assert {i for i, p in enumerate(patterns) if p.search("内部uſe do not CopY")} == {0, 2}
    for _ in range(20000):
        text = "".join(rnd.choice(words) for _ in range(rnd.randint(1, 8)))
        matching = {i for i, p in enumerate(patterns) if p.search(text)}
        assert matching <= gate.candidates(text), text


def test_look_alike_marks_found_from_their_first_characters_as_by_one_scan():
    """punct.ascii tries its look-alike pattern only at the characters a match starts with."""
    import random

    from govpub.rules.matching import finditer_at
    from govpub.rules.punct import ascii as punct_ascii

    assert not punct_ascii._LOOKALIKES.match("")
    pieces = list("．｡､「」『』－…中文，。、；：！？“‘（《”’）》a1０Ａ ") + ["……", "－－", "．．"]
    rnd = random.Random(11)
    for _ in range(20000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 16)))
        fast = [m.span() for m in finditer_at(punct_ascii._LOOKALIKES, punct_ascii._LOOKALIKE_START, text)]
        assert fast == [m.span() for m in punct_ascii._LOOKALIKES.finditer(text)], text


def test_number_patterns_tried_at_their_starts_find_what_one_scan_finds():
    """privacy.id-number, privacy.mobile and privacy.address try their patterns only where a run of digits long
    enough begins: over random digit soups (separators, masks, full-width and Arabic-Indic digits,
    +86 prefixes) the matches are those of finditer."""
    import random

    from govpub.rules.matching import finditer_at
    from govpub.rules.privacy import address, bank_card, id_number, mobile

    uses = [(id_number.ID_RE, id_number.ID_START), (id_number.PARTLY_MASKED, id_number.MASKED_START),
            (mobile.MOBILE_RE, mobile.MOBILE_START), (address.RUN, address.RUN_START),
            (bank_card.CARD_RE, bank_card.CARD_START)]
    pieces = list("0123456789013813X x-+*＊a中") + ["١", "٢", "+86", "0086", "138", "4408", "1990", "*" * 4, "6222", "35",
                                                   "号", "栋", "单元", "室", "之", "－", "二", "十", "组", "小区", "B座", "路"]
    rnd = random.Random(23)
    for pattern, start in uses:
        assert not pattern.match("")
        for _ in range(6000):
            text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(8, 30)))
            assert [m.span() for m in finditer_at(pattern, start, text)] == [m.span() for m in pattern.finditer(text)], \
                (pattern.pattern, text)
        assert any(pattern.search("".join(rnd.choice(pieces) for _ in range(30))) for _ in range(3000)), \
            "the soup must hold matches, or the comparison compares nothing"


def test_url_places_tried_at_their_starts_find_what_one_scan_finds():
    """html.script-url tries URL_PLACES only at runs of letters, ] < and ſ when the text has no
    reference definition ("]:"): the matches are those of finditer."""
    import random

    from govpub.rules.html.script_url import URL_PLACE_START, URL_PLACES
    from govpub.rules.matching import finditer_at

    assert {chr(c) for c in range(0x110000) if URL_PLACES.match(chr(c) + "rc=x")} <= {"s", "S", "ſ"}
    pieces = ["href", "src", "SRC", "ſrc", "data", "xlink:href", "srcset", "=", " ", '"', "'", "x", "javascript:",
              "](", ")", "<", ">", "a:b", "中", "1", "_", "\n", "[", "]", "poster", "cite"]
    rnd = random.Random(37)
    hits = 0
    for _ in range(20000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 16)))
        if "]:" in text:
            continue
        whole = [m.span() for m in URL_PLACES.finditer(text)]
        assert [m.span() for m in finditer_at(URL_PLACES, URL_PLACE_START, text)] == whole, text
        hits += bool(whole)
    assert hits > 1000


def test_gated_patterns_run_whenever_they_can_match():
    """secret.level and ads.contact run a pattern only when the automaton finds one of its words
    (matching.Regexes): over random texts made of those words and their surroundings, every
    pattern that matches is among the candidates."""
    import random
    import re
    from pathlib import Path

    import yaml

    from govpub.rules import matching
    from govpub.rules.secret import level

    ads = yaml.safe_load((Path(__file__).parent.parent / "checks/wordlists/ads.yml").read_text(encoding="utf-8"))
    groups = {"level": list(level._PATTERNS), "ads": [re.compile(p["regex"]) for p in ads["patterns"]]}
    pieces = ["绝密", "机密", "秘密", "密", "涉", "★", "1年", "长期", "（", "）", "【", "】", "密级", "：", "|", "内部", "\n",
              "\n", " ", "#", "关于", "。", "微信", "VX", "vx", "+", "加", "v", "QQ", "12345", "纸飞机", "abcdef1",
              "￥", "$", "原价", "99", "元", "，", "现价", "wx", "Telegram", "保密级别"]
    rnd = random.Random(41)
    pool = matching.Pool()
    matching.activate(pool)
    try:
        for name, patterns in groups.items():
            gate = matching.Regexes(patterns)
            matched = 0
            for _ in range(8000):
                text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 14)))
                hits = {i for i, p in enumerate(patterns) if p.search(text)}
                assert hits <= gate.candidates(text), (name, text)
                matched += bool(hits)
            assert matched > 150, name
    finally:
        matching.activate(matching.Pool())


def test_marking_split_and_break_patterns_answer_as_the_plain_forms():
    import random
    import re

    from govpub.rules.secret import marking

    split = re.compile(r"[\u4e00-\u9fff][ \t\u3000/\\\-_.*~^#=·•・‧]+[\u4e00-\u9fff]")
    soft = re.compile(r"[\u4e00-\u9fff]\n[\u4e00-\u9fff]")
    pieces = ["内", "部", " ", "\t", "·", "-", "\\", "/", "a", "\n", "，", "~", "‧", "。"]
    rnd = random.Random(43)
    for _ in range(20000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 12)))
        pos = rnd.randint(0, 2)
        assert bool(marking._SPLIT.search(text)) == bool(split.search(text)), text
        assert bool(marking._SOFT_BREAK.search(text, pos + 1)) == bool(soft.search(text, pos)), text
