"""The drafters' working day with bad input (tenth session): an article whose front matter is
empty, the summary line that told drafters to run a `govpub fix` that changes nothing, a Word
draft that opens with a picture. Each test runs the real command (in process where only what it
computes matters) and asserts what the drafter is told and what is (not) written."""

from __future__ import annotations

import io

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Inches
from helpers import article_text
from PIL import Image

ART = "content/pfyfz/2026/tuijinhui.md"
REQUIRED = ("title", "column", "department", "author", "date", "channels")


# -- an empty front matter ---------------------------------------------------------------------------
@pytest.mark.parametrize("front", ["---\n---\n", "---\n\n---\n", "---\n# 待填写\n---\n", "---\r\n---\r\n"])
def test_an_empty_front_matter_lacks_every_field(site, front):
    """`---` then `---` (or only a blank line or a comment between them) passed the check with no
    finding, and `govpub build` published the page with no title, department, author or date
    (titled by its file name). Now each required field is named missing, on the front matter's line."""
    site.write(ART, front + "\n本周，市司法局组织律师走进社区开展法治宣传活动。\n")
    proc = site.run_here("check", ART)
    assert proc.returncode == 1, proc.stdout
    missing = [line for line in proc.stdout.splitlines() if "meta.front-matter" in line and "缺少必填字段" in line]
    assert sorted(line.split("缺少必填字段 ")[1].split("（")[0] for line in missing) == sorted(REQUIRED)
    assert all(line.startswith(f"{ART}:2:") for line in missing)


def test_a_front_matter_that_cannot_be_read_is_not_also_told_every_field_is_missing(site):
    """The other side of the fix above: where the front matter is missing, unclosed or not YAML,
    the one finding saying so stands alone."""
    for text in ("正文。\n", "---\ntitle: 标题\n\n正文。\n", "---\ntitle: [未闭合\n---\n\n正文。\n"):
        site.write(ART, text)
        found = site.findings(ART)
        assert [f["rule"] for f in found].count("meta.front-matter") == 1, found


# -- what `govpub fix` can repair ----------------------------------------------------------------------
def _summary(site) -> str:
    proc = site.run_here("check", ART)
    assert proc.returncode == 1
    return next((line for line in proc.stdout.splitlines() if line.startswith("其中 ")), "")


def test_fix_is_not_offered_for_front_matter_it_cannot_repair(site):
    """A misspelt field (titel) or a missing one is a meta.front-matter finding, the rule that also
    replaces tabs: the summary counted every such finding as fixable, and `govpub fix` then changed
    nothing. Now only findings whose message names `govpub fix` are counted."""
    site.write(ART, article_text(titel="多余", author=None))
    assert _summary(site) == ""
    before = (site.root / ART).read_bytes()
    assert "修正了 0 个文件" in site.run_here("fix", ART).stdout
    assert (site.root / ART).read_bytes() == before


def test_the_fixable_count_is_what_fix_repairs(site):
    """Two half-width commas and a 》、《 (punct.title-pause, whose message did not name fix): three
    that fix repairs, and a misspelt field it cannot; after `govpub fix` only the misspelt field
    is left, and no summary line."""
    site.write(ART, article_text(body="会议强调,要学习《宪法》、《民法典》,做好普法。\n", titel="多余"))
    assert _summary(site).startswith("其中 3 处可以自动修正")
    site.run_here("fix", ART)
    assert [f["rule"] for f in site.findings(ART)] == ["meta.front-matter"]
    assert _summary(site) == ""


# -- a Word draft that opens with a picture ----------------------------------------------------------
TITLE = "湛江市司法局开展宪法宣传周活动"


def _png(size: tuple[int, int]) -> io.BytesIO:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 20, 20)).save(out, "PNG")
    out.seek(0)
    return out


def _draft(path, *, title: bool = True) -> None:
    document = docx.Document()
    document.core_properties.author = "王晓敏"
    document.add_picture(_png((600, 120)), width=Inches(5))  # a banner above the title
    if title:
        document.add_paragraph(TITLE).alignment = WD_ALIGN_PARAGRAPH.CENTER
        document.add_paragraph("12月4日，湛江市司法局在霞山区开展宪法宣传活动。")
    document.save(path)


def _imported(site) -> str:
    [article] = sorted((site.root / "content/gzdt/2026").glob("*.md"))
    return article.read_text("utf-8")


def test_a_banner_above_the_title_stays_a_picture_and_the_title_is_the_text(site, tmp_path):
    """A draft opening with a banner picture: the picture's placeholder became the title
    (title: '![](govpub-image-1)'), the picture was written beside the article but shown nowhere,
    and the real title stayed in the body. Now the title is the centred line of text under it."""
    _draft(tmp_path / "宣传周.docx")
    proc = site.run_here("import", str(tmp_path / "宣传周.docx"), "--column", "gzdt", "--date", "2026-12-04 10:00")
    assert proc.returncode in (0, 1), proc.stderr
    text = _imported(site)
    assert f"title: {TITLE}\n" in text
    front, body = text.split("\n---\n", 1)
    [picture] = [p.name for p in (site.root / "content/gzdt/2026").iterdir() if p.suffix == ".png"]
    assert body.lstrip().startswith(f"![]({picture})")
    assert TITLE not in body and "govpub-image" not in text
    assert "12月4日" in body


def test_a_draft_of_nothing_but_a_picture_asks_for_a_title_and_writes_nothing(site, tmp_path):
    _draft(tmp_path / "海报.docx", title=False)
    proc = site.run_here("import", str(tmp_path / "海报.docx"), "--column", "gzdt")
    assert proc.returncode == 2
    assert "文档没有标题" in proc.stderr and "--title" in proc.stderr
    assert not any((site.root / "content").rglob("*.*"))
    proc = site.run_here("import", str(tmp_path / "海报.docx"), "--column", "gzdt", "--title", "宪法宣传周海报")
    assert proc.returncode in (0, 1), proc.stderr
    assert "title: 宪法宣传周海报\n" in _imported(site)
    assert "](haibao" not in _imported(site).split("---", 2)[1]


# -- govpub new: a title the check would refuse ----------------------------------------------------
LONG = "湛江市司法局开展“法律进万家”暨“宪法宣传周”系列普法宣传活动取得显著成效"  # 37 characters


@pytest.mark.parametrize(("channels", "title", "words"), [
    ("website,wechat", LONG, "发布到微信公众号的标题有 37 个字，上限 32 个字"),
    ("website", LONG * 2, "标题有 74 个字，上限 64 个字"),
])
def test_new_refuses_a_title_over_the_limit_and_writes_nothing(site, channels, title, words):
    """A 37-character title with wechat (or 74 for the website) was scaffolded without a word, and
    meta.title refused it at the commit. Now `govpub new` says so and writes nothing."""
    proc = site.run_here("new", "--column", "pfyfz", "--title", title, "--channels", channels)
    assert proc.returncode == 2
    assert words in proc.stderr and "精简标题" in proc.stderr
    assert not any((site.root / "content").rglob("*.md"))


def test_new_refuses_a_summary_over_the_limit_and_takes_one_at_it(site):
    proc = site.run_here("new", "--column", "pfyfz", "--title", "湛江市司法局召开普法工作推进会", "--summary", "摘" * 121)
    assert proc.returncode == 2 and "摘要有 121 个字，上限 120 个字" in proc.stderr
    assert not any((site.root / "content").rglob("*.md"))
    proc = site.run_here("new", "--column", "pfyfz", "--title", LONG[:32], "--channels", "website,wechat",
                         "--summary", "摘" * 120)
    assert proc.returncode == 0, proc.stderr
    [article] = (site.root / "content").rglob("*.md")
    rules = {f["rule"] for f in site.findings(str(article.relative_to(site.root)))}
    assert "meta.title" not in rules and "meta.channels" in rules  # at the limits; the cover still missing


# -- a link to a file the build refuses ---------------------------------------------------------------
def test_a_link_to_a_refused_picture_reads_as_a_sentence(site):
    """meta.local-link joined the build's reason to its own words: “网站构建会拒绝：的内容其实是 TIFF 图片”."""
    picture = io.BytesIO()
    Image.new("RGB", (8, 8)).save(picture, "TIFF")
    site.write("content/pfyfz/2026/xianchang.jpg", picture.getvalue())
    site.article(body="会议现场。\n\n![会议现场](xianchang.jpg)\n")
    [link] = [f for f in site.findings(ART) if f["rule"] == "meta.local-link"]
    assert "网站构建会拒绝：这个文件的内容其实是 TIFF 图片" in link["message"]


# -- an article saved under another name ------------------------------------------------------------
@pytest.mark.parametrize(("name", "stem"), [
    ("tuijinhui.md.txt", "tuijinhui"),  # Notepad's 另存为 with 所有文件 not chosen
    ("tuijinhui.txt", "tuijinhui"),  # a .txt that opens with an article's front matter
    ("tuijinhui.markdown", "tuijinhui"),
    ("tuijinhui.MKD", "tuijinhui"),
    ("tuijinhui.md ", "tuijinhui"),
])
def test_an_article_under_another_name_is_told_to_be_renamed(site, name, stem):
    """tuijinhui.md.txt passed the check as a text attachment: the site would have published the
    file with its front matter showing and no article; .markdown was told that scripts run in
    browsers and to "write it as a Markdown article". Now each is told to rename it to .md."""
    text = article_text().encode("gbk") if name.endswith(".txt") else article_text().encode()  # Notepad: GBK
    rel = f"content/pfyfz/2026/{name}"
    site.write(rel, text)
    [found] = site.findings(rel)
    assert found["rule"] == "meta.asset" and found["severity"] == "error"
    assert f"改名为 {stem}.md（git mv \"{rel}\" content/pfyfz/2026/{stem}.md）" in found["message"]
    assert "脚本" not in found["message"]


def test_a_text_attachment_is_still_an_attachment(site):
    site.write("content/pfyfz/2026/mingdan.txt", "---\n序号,姓名\n1,张三\n")
    site.write("content/pfyfz/2026/shuju.csv", "title: 表格,column: 1\n")
    assert site.findings("content/pfyfz/2026/mingdan.txt", "content/pfyfz/2026/shuju.csv") == []


# -- a password pasted from a form -------------------------------------------------------------------
@pytest.mark.parametrize(("line", "value"), [
    ("用户名：zhangsan 密 码：Zs@2026x", "Zs@2026x"),
    ("密　　码：Sfj@2026", "Sfj@2026"),  # a form's labels spread to one width with ideographic spaces
    ("登录密碼：Abc12345", "Abc12345"),
    ("授 權 碼：ab12cd34ef", "ab12cd34ef"),  # pragma: allowlist secret
])
def test_a_password_under_a_spaced_or_traditional_label_is_found_where_it_is(site, line, value):
    """A drafter pasting an account table from a form or a message: 密　　码 (spaced to the width of
    用户名) and 密碼 passed secret.credential. Now found, with the position of the value itself."""
    site.article(body=f"系统已开通。\n\n{line}\n")
    [found] = [f for f in site.findings(ART) if f["rule"] == "secret.credential"]
    assert (found["line"], found["match"]) == (12, value)
    assert line[found["column"] - 1:].startswith(value)


@pytest.mark.parametrize("line", ["密　码　输入错误时，请联系管理员重置。", "请修改初始口 令，不要告诉他人。"])
def test_a_spaced_label_without_a_value_is_nothing(site, line):
    site.article(body=f"{line}\n")
    assert [f for f in site.findings(ART) if f["rule"] == "secret.credential"] == []


# -- front-matter dashes typed with a Chinese input method ---------------------------------------------
@pytest.mark.parametrize(("opening", "closing", "line", "typed"), [
    ("－－－", "－－－", 1, "开始标记写成了“－－－”"),
    ("——", "——", 1, "开始标记写成了“——”"),
    ("---", "————", 8, "结束标记写成了“————”"),
    ("---", "--", 8, "结束标记写成了“--”"),
])
def test_dashes_typed_in_chinese_are_named_and_fixed(site, opening, closing, line, typed):
    """A front matter opened or closed with －－－ or —— (a Chinese input method) was told “缺少
    front matter：文件第一行应为 ---” (what the drafter believed they had typed) or “没有结束标记”
    on line 1. Now the line itself is named with what to type, and `govpub fix` repairs it."""
    text = article_text().replace("\r", "")
    lines = text.split("\n")
    lines[0], lines[7] = opening, closing
    site.write(ART, "\r\n".join(lines))  # a Windows editor: the line ends are kept by the fix
    [found] = site.findings(ART)
    assert (found["rule"], found["line"]) == ("meta.front-matter", line)
    assert typed in found["message"] and "govpub fix" in found["message"]
    assert "其中 1 处可以自动修正" in site.run_here("check", ART).stdout
    site.run_here("fix", ART)
    assert (site.root / ART).read_bytes() == article_text().replace("\n", "\r\n").encode()
    assert site.findings(ART) == []


def test_a_body_that_opens_with_a_dash_or_has_a_dash_line_is_not_given_a_front_matter(site):
    for text in ("——这是正文的第一句。\n\n正文。\n", "——\n\n正文。\n",
                 "---\ntitle: 湛江市司法局召开普法工作推进会\n\n正文。\n\n——\n"):
        site.write(ART, text)
        site.run_here("fix", ART)
        assert (site.root / ART).read_text("utf-8") == text


# -- the title stored in the Word file's properties ---------------------------------------------------
REAL = "湛江市司法局开展2026年宪法宣传周活动"


def _with_stored_title(path, stored: str, *, title_line: bool = True) -> None:
    document = docx.Document()
    document.core_properties.title = stored
    document.core_properties.author = "王晓敏"
    if title_line:
        document.add_paragraph(REAL).alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("12月4日，湛江市司法局开展宪法宣传周活动。")
    document.save(path)


@pytest.mark.parametrize("stored", ["Microsoft Word - 模板.docx", "关于2024年宪法宣传周活动的通知", "Document"])
def test_the_title_line_of_the_draft_wins_over_a_stale_stored_title(site, tmp_path, stored):
    """Word keeps a title in the file's properties that the drafter never sees: a template's, or
    last year's notice the draft was copied from. It became the article's title with 0 errors and
    the real centred title a subheading. Now the title is the line the drafter sees."""
    _with_stored_title(tmp_path / "稿件.docx", stored)
    proc = site.run_here("import", str(tmp_path / "稿件.docx"), "--column", "gzdt")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    text = _imported(site)
    assert f"title: {REAL}\n" in text and stored not in text
    assert REAL not in text.split("\n---\n", 1)[1]


def test_a_stored_title_without_a_title_line_is_used_and_told(site, tmp_path):
    _with_stored_title(tmp_path / "稿件.docx", "湛江市司法局开展宪法宣传周活动", title_line=False)
    proc = site.run_here("import", str(tmp_path / "稿件.docx"), "--column", "gzdt")
    assert "title: 湛江市司法局开展宪法宣传周活动\n" in _imported(site)
    assert "取自 Word 文件属性中的“标题”" in proc.stdout and "--title" in proc.stdout


def test_a_generic_stored_title_is_not_taken(site, tmp_path):
    _with_stored_title(tmp_path / "稿件.docx", "Microsoft Word - 模板.docx", title_line=False)
    site.run_here("import", str(tmp_path / "稿件.docx"), "--column", "gzdt")
    assert "Microsoft" not in _imported(site)


# -- a picture pasted as a data: address ------------------------------------------------------------------
def _pasted_picture(size: int) -> str:
    import base64

    out = io.BytesIO()
    Image.effect_noise((size, size), 60).convert("RGB").save(out, "PNG")  # noise: base64 of every shape
    return base64.b64encode(out.getvalue()).decode()


def test_a_picture_pasted_as_data_is_one_finding_that_says_what_to_do(site):
    """A picture pasted from a web editor arrives as ![](data:image/png;base64,…): its encoded bytes
    were read as text, 300 “微信号”/“加V” and 20 “密码” findings of gibberish (and a 130 KB paste
    took 43 s of CPU, the prohibited rule's Latin-run test being quadratic); the one finding that
    mattered said “不安全的 data: 链接”. Now one finding per picture, saying how to insert it, and
    the real problem beside it is still found."""
    payload = _pasted_picture(120)
    site.article(body=f"会议现场如下。\n\n![会议现场](data:image/png;base64,{payload})\n\n"
                      "当事人身份证号440881199001011233。\n")
    found = site.findings(ART)
    assert [(f["rule"], f["line"]) for f in found] == [("links.scheme", 12), ("privacy.id-number", 14)]
    assert "另存为 JPG 或 PNG 文件放在文章旁边" in found[0]["message"]


def test_what_is_written_around_a_data_address_is_still_read(site):
    """Only the encoded bytes are left unread: a mobile number right after the picture, and a
    data: address that is not a picture keeps its message."""
    site.article(body=f"![现场](data:image/png;base64,{_pasted_picture(8)})联系电话13800138000。\n\n"
                      "[下载](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)\n")
    found = site.findings(ART)
    assert ("privacy.mobile", 10) in [(f["rule"], f["line"]) for f in found]
    [text_link] = [f for f in found if f["rule"] == "links.scheme" and f["line"] == 12]
    assert "不安全的 data: 链接" in text_link["message"]


# -- a paragraph indented the way Word indents it ----------------------------------------------------------
def _html(text: str) -> str:
    """The body as the site's Markdown renders it (the extensions of mkdocs.yml)."""
    import markdown

    return markdown.Markdown(extensions=["tables", "attr_list", "fenced_code", "toc"]).convert(text.split("\n---\n", 1)[1])


INDENTED = ("\t本周，市司法局组织律师走进社区开展法治宣传活动。\n\n"
            "    会议要求，各科室要高度重视，\n    认真抓好落实。\n\n"
            "　　第三段用全角空格缩进，网页照常显示为段落。\n\n"
            "1. 第一项\n\n    第一项的续段。\n\n"
            "```\n    围栏里的缩进是代码。\n```\n")


def test_a_paragraph_indented_with_a_tab_is_named_and_fix_makes_it_a_paragraph(site):
    """Drafters indent paragraphs as in Word, with a Tab or four spaces: the site's Markdown made each
    such paragraph a code box (<pre>, monospace, one unwrapped line) with no finding. Now meta.indent
    names it and `govpub fix` removes the indentation (the site indents paragraphs by itself); a
    list item's continuation, fenced code and the full-width spaces Markdown keeps are left alone."""
    site.article(body=INDENTED)
    assert _html((site.root / ART).read_text("utf-8")).count("<pre>") == 2  # one box for both paragraphs, the fence
    [found] = [f for f in site.findings(ART) if f["rule"] == "meta.indent"]
    assert (found["line"], found["severity"]) == (10, "error")
    assert "共 3 行" in found["message"] and "govpub fix" in found["message"]
    site.run_here("fix", ART)
    text = (site.root / ART).read_text("utf-8")
    assert "\n本周，市司法局" in text and "\n会议要求，各科室要高度重视，\n认真抓好落实。" in text
    assert "\n    第一项的续段。" in text and "\n    围栏里的缩进是代码。" in text and "　　第三段" in text
    assert _html(text).count("<pre>") == 1 and "<p>本周，市司法局" in _html(text)
    assert [f for f in site.findings(ART) if f["rule"] == "meta.indent"] == []
