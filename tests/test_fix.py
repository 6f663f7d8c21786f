"""govpub fix: encodings converted to UTF-8 without loss, atomically, idempotently."""

from __future__ import annotations

from helpers import article_text

TEXT = article_text(body="湛江市司法局召开会议，部署“八五”普法工作。𠮷字不丢。\n")


def test_gbk_and_bom_become_utf8_without_loss(site):
    gbk = site.write("content/pfyfz/2026/gbk.md", TEXT.encode("gb18030"))
    bom = site.write("content/pfyfz/2026/bom.md", b"\xef\xbb\xbf" + TEXT.encode())
    crlf = site.write("content/pfyfz/2026/crlf.md", TEXT.replace("\n", "\r\n").encode("gb18030"))
    proc = site.run("fix")
    assert proc.returncode == 0, proc.stderr
    assert "GBK/GB18030" in proc.stdout and "修正了 3 个文件" in proc.stdout
    assert gbk.read_bytes() == TEXT.encode()
    assert bom.read_bytes() == TEXT.encode()
    assert crlf.read_bytes() == TEXT.replace("\n", "\r\n").encode()  # line endings kept as written
    assert site.run("check").returncode == 0


def test_fix_twice_changes_nothing_the_second_time(site):
    path = site.write("content/pfyfz/2026/gbk.md", TEXT.encode("gb18030"))
    site.run("fix")
    first = path.read_bytes()
    proc = site.run("fix")
    assert "修正了 0 个文件" in proc.stdout and path.read_bytes() == first


def test_fix_leaves_no_temporary_files(site):
    site.write("content/pfyfz/2026/gbk.md", TEXT.encode("gb18030"))
    site.run("fix")
    assert sorted(p.name for p in (site.root / "content/pfyfz/2026").iterdir()) == ["gbk.md"]


def test_fix_repairs_only_meaning_preserving_findings(site):
    body = ('会议要求,各科室要高度重视.时间:2026年11月20日(星期五)。\n'
            '网上\u200b办事大厅和⼈民调解"一站式"服务。\u3000 \n'
            '保留换行的行尾两个空格  \n'
            '下午3:30在12.5号会议室，访问 https://www.gov.cn/a,b 查看。\n')
    path = site.write("content/pfyfz/2026/x.md", article_text(body=body))
    before = {f["rule"] for f in site.findings()}
    assert {"punct.ascii", "typo.invisible-char", "typo.char"} <= before
    proc = site.run("fix")
    assert proc.returncode == 0 and "修正了 1 个文件" in proc.stdout
    assert "--- a/content/pfyfz/2026/x.md" in proc.stdout and "+会议要求，各科室要高度重视。" in proc.stdout
    text = path.read_text(encoding="utf-8")
    assert "会议要求，各科室要高度重视。时间：2026年11月20日（星期五）。" in text
    assert "网上办事大厅和人民调解“一站式”服务。\n" in text
    assert "保留换行的行尾两个空格  \n" in text
    assert "下午3:30在12.5号会议室，访问 https://www.gov.cn/a,b 查看。" in text  # numbers and URLs untouched
    assert site.findings() == []
    again = site.run("fix")
    assert "修正了 0 个文件" in again.stdout and path.read_text(encoding="utf-8") == text


def test_quotes_pair_per_paragraph_by_position(site):
    # Defect: the open/close state carried over from the previous line, and a quote after an
    # ASCII "!" or "." at the end of a line was skipped (and fixed only by a second run).
    body = ('他说"好的!"\n'
            '开展"法律进社区"活动。\n\n'
            '这是"一站式“服务"和"八五"普法。\n')
    path = site.write("content/pfyfz/2026/q.md", article_text(body=body))
    messages = [f["message"] for f in site.findings() if f["rule"] == "punct.ascii"]
    assert any("应为““”" in m for m in messages)  # an opening quote is proposed as “
    assert site.run("fix").returncode == 0
    text = path.read_text(encoding="utf-8")
    assert "他说“好的！”\n开展“法律进社区”活动。\n\n这是“一站式“服务”和“八五”普法。\n" in text
    again = site.run("fix")
    assert "修正了 0 个文件" in again.stdout and path.read_text(encoding="utf-8") == text


def test_first_quote_of_a_line_after_an_odd_line_opens(site):
    body = '第一行只有一个"引号\n\n"第二段"开头。\n'
    path = site.write("content/pfyfz/2026/q.md", article_text(body=body))
    site.run("fix")
    assert "\n\n“第二段”开头。\n" in path.read_text(encoding="utf-8")


def test_english_paragraph_quotes_are_left_alone(site):
    body = '中文段落。\n\nThe "rule of law" in English.\n'
    path = site.write("content/pfyfz/2026/q.md", article_text(body=body))
    site.run("fix")
    assert 'The "rule of law" in English.' in path.read_text(encoding="utf-8")


def test_fix_says_git_add_and_leaves_staging_to_the_drafter(site):
    """After fixing, the pre-commit check reads the index: the fix must be added with git add."""
    site.git("init", "-q")
    path = site.write("content/pfyfz/2026/x.md", article_text(body="会议要求,各科室要高度重视.\n"))
    site.git("add", "content")
    proc = site.run("fix")
    assert "下一步：核对上面的改动，用 git add content/pfyfz/2026/x.md 加入提交" in proc.stdout
    assert site.git("diff", "--cached", "--name-only").stdout == "content/pfyfz/2026/x.md\n"
    assert site.git("diff", "--name-only").stdout == "content/pfyfz/2026/x.md\n"  # not staged by fix
    site.git("add", "content/pfyfz/2026/x.md")  # what the message says
    assert site.git("diff", "--name-only").stdout == ""
    assert "，各科室要高度重视。" in path.read_text(encoding="utf-8")


def test_the_space_typed_after_a_half_width_mark_goes_with_it(site):
    """"普法: 活动" became "普法： 活动": a full-width mark holds its own space, so the ASCII space
    typed after the half-width one is removed where Chinese follows (never a line break, never
    before English, a number or the end of a line)."""
    body = "主题: 普法进社区, 时间 (暂定) 待通知; 地点: Room 3。\n备注:\n下一行。\n"
    path = site.write("content/pfyfz/2026/space.md", article_text(body=body))
    assert site.run("fix").returncode == 0
    text = path.read_text(encoding="utf-8")
    assert "主题：普法进社区，时间（暂定）待通知；地点： Room 3。\n备注：\n下一行。\n" in text
