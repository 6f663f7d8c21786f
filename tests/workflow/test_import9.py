"""govpub import with what a drafter's Word file really holds (ninth session): numbering Word keeps
as numbering (一、 （一） ①), a 密级, watermark or mobile number in the header or footer, a table of
contents, a text box, a picture pasted as EMF, a .docx saved by WPS. Each test asserts what the
drafter is told and what the article holds: nothing dropped without a word."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Inches
from docx_builder import png

TITLE = "湛江市司法局开展法律援助进社区活动"
DATE = ("--date", "2026-11-20 09:30")


def _document() -> docx.document.Document:
    document = docx.Document()
    document.core_properties.title = TITLE
    document.core_properties.author = "王晓敏"
    document.add_paragraph("11月20日，湛江市司法局在赤坎区开展活动。")
    return document


def _import(site, source: Path, *more: str):
    proc = site.run_here("import", str(source), "--column", "gzdt", *DATE, *more)
    assert proc.returncode in (0, 1), proc.stderr
    [article] = sorted((site.root / "content/gzdt/2026").glob("*.md"))
    return proc, article.read_text("utf-8")


def _numbering(document, num_id: int, levels: list[tuple[str, str]]) -> None:
    """A list definition as Word writes one: (numFmt, lvlText) per level."""
    xml = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
                  f'<w:lvlJc w:val="left"/></w:lvl>' for i, (fmt, text) in enumerate(levels))
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{num_id}">{xml}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{num_id}"/></w:num>'))


def _item(document, text: str, num_id: int, level: int = 0) -> None:
    p = document.add_paragraph(text)
    p._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def test_numbering_word_shows_as_chinese_numbers_is_kept_as_written(site, tmp_path):
    """A 一、二、 list (Word's chineseCounting) right after a 1. 2. 3. list: both became one Markdown
    list, the 一、 items numbered 4. and 5.; （一） and ① sub-items lost their numbers' form. Now the
    number Word shows is the paragraph's text; the plain 1. list and bullets stay lists."""
    document = _document()
    _numbering(document, 91, [("decimal", "%1.")])
    _numbering(document, 92, [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimalEnclosedCircle", "%3")])
    for text in ("提供法律咨询", "发放宣传资料", "受理援助申请"):
        _item(document, text, 91)
    _item(document, "活动成效", 92)
    _item(document, "群众满意", 92, 1)
    _item(document, "当场解答", 92, 2)
    _item(document, "现场受理", 92, 2)
    _item(document, "案件办理", 92, 1)
    for n in range(2, 12):
        _item(document, f"第{n}项工作", 92)
    source = tmp_path / "编号.docx"
    document.save(source)
    _, text = _import(site, source)
    assert "1. 提供法律咨询\n2. 发放宣传资料\n3. 受理援助申请\n\n一、活动成效\n\n（一）群众满意\n\n①\u3000当场解答\n\n②\u3000现场受理\n\n（二）案件办理\n\n二、第2项工作" in text
    assert "十一、第11项工作\n" in text and "4." not in text


def test_a_secret_marking_or_mobile_in_the_header_or_footer_is_checked(site, tmp_path):
    """The header said 机密★1年, a watermark 内部资料, the footer a contact's mobile: all dropped,
    the import said only “页眉、页脚没有导入” and passed (0 errors). Now their text is a comment at
    the top of the article (the page and the channels never show comments), checked with the body;
    page numbers are left out."""
    document = _document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "机密★1年"
    watermark = ('<w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml" id="PowerPlusWaterMarkObject" '
                 'type="#_x0000_t136"><v:textpath style="font-family:宋体" string="内部资料"/></v:shape></w:pict></w:r>')
    section.header.paragraphs[0]._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t>　</w:t></w:r>'))
    section.header.add_paragraph()._p.append(parse_xml(watermark.replace("<w:r>", f'<w:r {nsdecls("w")}>', 1)))
    section.footer.paragraphs[0].text = "联系人：李明，电话13902345678"
    section.footer.add_paragraph("第 1 页 共 3 页")
    source = tmp_path / "页眉.docx"
    document.save(source)
    proc, text = _import(site, source)
    assert proc.returncode == 1
    assert ("<!-- Word 页眉页脚中的文字（网页上不显示，核对后删除这条注释）：机密★1年；内部资料；"
            "联系人：李明，电话13902345678 -->\n\n11月20日") in text
    assert "第 1 页" not in text
    assert " secret.level 错误 密级标志“机密★1年”" in proc.stdout and " privacy.mobile 错误" in proc.stdout
    assert "其中的文字留在文章开头的注释中（网页上不显示），已和正文一起检查，核对后删除这条注释" in proc.stdout

    plain = _document()
    plain.sections[0].footer.paragraphs[0].text = "- 2 -"
    plain.save(tmp_path / "页码.docx")
    proc = site.run_here("import", str(tmp_path / "页码.docx"), "--column", "gzdt", "--date", "2026-11-21 09:30")
    assert proc.returncode == 0 and "注释" not in proc.stdout
    assert not any("<!--" in p.read_text("utf-8") for p in (site.root / "content/gzdt/2026").glob("*.md")
                   if "页眉" not in p.read_text("utf-8"))


def test_a_table_of_contents_is_left_out_and_told(site, tmp_path):
    """Word's table of contents came in as body text with page numbers (“一、工作概况 1”)."""
    document = _document()
    for name in ("TOC Heading", "toc 1", "toc 2"):
        if name not in [s.name for s in document.styles]:
            document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    body = document.element.body
    for text, style in (("目录", "TOC Heading"), ("一、工作概况\t1", "toc 1"), ("（一）案件办理\t2", "toc 2")):
        p = document.add_paragraph(text, style=style)
        body.remove(p._p)
        body.insert(0, p._p)
    document.add_heading("一、工作概况", 1)
    document.add_paragraph("全年共办理法律援助案件1200件。")
    document.save(tmp_path / "目录.docx")
    proc, text = _import(site, tmp_path / "目录.docx")
    assert "提示：Word 文件中的目录（3 行）没有导入" in proc.stdout
    assert "概况\t1" not in text and "概况 1" not in text and "案件办理" not in text
    assert "## 一、工作概况\n\n全年共办理法律援助案件1200件。" in text


def test_a_text_box_is_imported_and_checked(site, tmp_path):
    """Already handled: a text box's text (here a mobile number) is imported and checked."""
    document = _document()
    box = ('<w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent><w:p><w:r>'
           '<w:t>咨询电话：13800138000</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>')
    document.add_paragraph()._p.append(parse_xml(box.replace("<w:r>", f'<w:r {nsdecls("w")}>', 1)))
    document.save(tmp_path / "文本框.docx")
    proc, text = _import(site, tmp_path / "文本框.docx")
    assert "咨询电话：13800138000" in text and proc.returncode == 1 and "privacy.mobile" in proc.stdout


def _emf(width: int, height: int) -> bytes:
    """An EMF header (EMR_HEADER) as Visio or Excel write one: bounds in pixels, frame in 0.01 mm."""
    header = struct.pack("<II4i4i4sIIIHHII", 1, 88, 0, 0, width, height, 0, 0, width * 26, height * 26,
                         b" EMF", 0x10000, 88, 1, 1, 0, 0, 0)
    return header + bytes(88 - len(header))


def _with_emf(tmp_path: Path) -> Path:
    document = _document()
    document.add_picture(png((40, 40, 200), (64, 48)), width=Inches(2))
    document.add_paragraph("流程图")
    plain = tmp_path / "plain.docx"
    document.save(plain)
    source = tmp_path / "流程图.docx"
    with zipfile.ZipFile(plain) as zin, zipfile.ZipFile(source, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            name = item.filename
            if name.startswith("word/media/"):
                name, data = name.rsplit(".", 1)[0] + ".emf", _emf(64, 48)
            elif name == "word/_rels/document.xml.rels":
                data = data.replace(b".png", b".emf")
            elif name == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Default Extension="emf" ContentType="image/x-emf"/></Types>')
            zout.writestr(name, data)
    return source


def test_an_emf_picture_is_refused_with_the_steps_in_word(site, tmp_path):
    """Pillow draws EMF/WMF only on Windows: here the import refuses, saying what the picture is and
    the Word steps; nothing is written."""
    proc = site.run_here("import", str(_with_emf(tmp_path)), "--column", "gzdt", *DATE)
    assert proc.returncode == 2
    assert "第 1 张图片是 Windows 图元文件（EMF/WMF" in proc.stderr
    assert "右键点击这张图片，选“另存为图片”，保存类型选“PNG 可移植网络图形”" in proc.stderr
    assert not list((site.root / "content").rglob("*.md"))


def test_an_emf_picture_becomes_a_png_where_pillow_can_draw_it(site, tmp_path):
    """Where Pillow has a metafile handler (Windows: ImageWin), the EMF becomes a PNG beside the
    article (it was written as .emf, which the site refuses). The handler is registered here as
    Windows' Pillow registers its own."""
    from PIL import Image, ImageFile, WmfImagePlugin

    class Handler(ImageFile.StubHandler):
        def open(self, im):
            pass

        def load(self, im):
            return Image.new("RGB", im.size, (255, 255, 255))

    WmfImagePlugin.register_handler(Handler())
    try:
        proc, text = _import(site, _with_emf(tmp_path))
    finally:
        WmfImagePlugin.register_handler(None)
    [picture] = (site.root / "content/gzdt/2026").glob("*-1.*")
    assert picture.suffix == ".png" and f"]({picture.name})" in text, proc.stdout
    with Image.open(picture) as im:
        assert im.format == "PNG" and im.size == (64, 48)


def test_a_docx_saved_by_wps_is_imported(site, tmp_path):
    """Already handled: WPS's own parts (custom properties KSOProductBuildVer, app.xml “WPS Office”,
    its default author “WPS”) change nothing; the author comes from git, as for Word's defaults."""
    document = _document()
    document.core_properties.author = "WPS"
    document.add_paragraph("活动现场为群众提供法律咨询。")
    plain = tmp_path / "plain.docx"
    document.save(plain)
    source = tmp_path / "WPS稿件.docx"
    custom = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/'
              b'officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
              b'<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="KSOProductBuildVer">'
              b'<vt:lpwstr>2052-12.1.0.16120</vt:lpwstr></property></Properties>')
    with zipfile.ZipFile(plain) as zin, zipfile.ZipFile(source, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "docProps/app.xml":
                data = data.replace(b"<Application>python-docx</Application>", b"<Application>WPS Office_12.1.0.16120</Application>")
            zout.writestr(item, data)
        zout.writestr("docProps/custom.xml", custom)
    proc, text = _import(site, source, "--author", "王晓敏")
    assert proc.returncode == 0, proc.stdout
    assert "author: 王晓敏" in text and "活动现场为群众提供法律咨询。" in text


def test_footnotes_and_endnotes_are_kept_and_checked(site, tmp_path):
    """Already handled: a footnote and an endnote keep their marks as text and their notes at the end,
    numbered in one sequence; a mobile number in the endnote is found."""
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = _document()
    document.add_paragraph("正文第二段。")
    plain = tmp_path / "plain.docx"
    document.save(plain)
    source = tmp_path / "注释.docx"
    notes = (b'<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.'
             b'wordprocessingml.footnotes+xml"/><Override PartName="/word/endnotes.xml" ContentType="application/'
             b'vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml"/></Types>')
    rels = (b'<Relationship Id="rIdFn" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            b'footnotes" Target="footnotes.xml"/><Relationship Id="rIdEn" Type="http://schemas.openxmlformats.org/'
            b'officeDocument/2006/relationships/endnotes" Target="endnotes.xml"/></Relationships>')
    with zipfile.ZipFile(plain) as zin, zipfile.ZipFile(source, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace("开展活动。</w:t></w:r>".encode(),
                                    '开展活动。</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r>'.encode())
                data = data.replace("正文第二段。</w:t></w:r>".encode(),
                                    '正文第二段。</w:t></w:r><w:r><w:endnoteReference w:id="1"/></w:r>'.encode())
            elif item.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", notes)
            elif item.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", rels)
            zout.writestr(item, data)
        zout.writestr("word/footnotes.xml", f'<w:footnotes {w}><w:footnote w:id="1"><w:p><w:r><w:t>依据《中华人民共和国'
                                            "法律援助法》。</w:t></w:r></w:p></w:footnote></w:footnotes>")
        zout.writestr("word/endnotes.xml", f'<w:endnotes {w}><w:endnote w:id="1"><w:p><w:r><w:t>联系人李明，13902345678。'
                                           "</w:t></w:r></w:p></w:endnote></w:endnotes>")
    proc, text = _import(site, source)
    assert "开展活动。\\[1\\]" in text and "正文第二段。\\[2\\]" in text
    assert "1. 依据《中华人民共和国法律援助法》。\n2. 联系人李明，13902345678。" in text
    assert proc.returncode == 1 and "privacy.mobile" in proc.stdout


def test_an_empty_file_or_words_lock_file_is_named_for_what_it_is(site, tmp_path):
    """A 0-byte upload and Word's “~$稿件.docx” (beside a document open in Word) were “文件已损坏或不是 Word 文档”."""
    empty = tmp_path / "稿件.docx"
    empty.write_bytes(b"")
    proc = site.run_here("import", str(empty), "--column", "gzdt", *DATE)
    assert proc.returncode == 2 and "文件是空的（0 字节）" in proc.stderr and "处理办法：从原处重新下载" in proc.stderr
    lock = tmp_path / "~$稿件.docx"
    lock.write_bytes(b"\x06" + "王晓敏".encode("utf-16-le") + bytes(150))
    proc = site.run_here("import", str(lock), "--column", "gzdt", *DATE)
    assert proc.returncode == 2 and "Word/WPS 打开文档时生成的临时文件" in proc.stderr and "“…稿件.docx”" in proc.stderr
    assert not (site.root / "content/gzdt").exists()


def test_a_picture_linked_to_a_file_is_told_and_the_file_never_read(site, tmp_path):
    """“插入→图片→链接到文件”: the .docx holds only the picture's path on the drafter's computer. It
    vanished without a word (“0 张图片”, 0 errors). Now told with the Word steps; the linked file
    itself is never read (a .docx must not make the import copy a local file into the site)."""
    import re

    document = _document()
    document.add_picture(png((200, 40, 40), (64, 48)), width=Inches(2))
    plain = tmp_path / "plain.docx"
    document.save(plain)
    private = tmp_path / "private.png"
    private.write_bytes(png((1, 2, 3), (20, 20)).getvalue())
    source = tmp_path / "链接图片.docx"
    with zipfile.ZipFile(plain) as zin, zipfile.ZipFile(source, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b'r:embed="', b'r:link="')
            elif item.filename == "word/_rels/document.xml.rels":
                data = re.sub(rb'Target="media/[^"]+"', f'Target="{private.as_uri()}" TargetMode="External"'.encode(), data)
            zout.writestr(item, data)
    proc, _ = _import(site, source)
    assert "提示：Word 文件中有 1 个以“链接到文件”方式插入的图片（图片不在 Word 文件里）没有导入" in proc.stdout
    assert "不要选“链接到文件”" in proc.stdout
    assert [p.suffix for p in (site.root / "content/gzdt/2026").iterdir()] == [".md"]


def test_hidden_text_is_named_as_hidden_text_with_its_lines(site, tmp_path):
    """Text in a hidden font (Word shows it only with “显示隐藏文字”): imported as ordinary text, and
    the drafter was told the file had “修订记录或批注”. Now told as hidden text, with the article
    lines where it now shows (not its words: it may be a number the output must not repeat)."""
    document = _document()
    paragraph = document.add_paragraph("正文第二段。")
    paragraph.add_run("（待核实：受援人王小明，13902345678）").font.hidden = True
    document.save(tmp_path / "隐藏.docx")
    proc, text = _import(site, tmp_path / "隐藏.docx")
    line = text.splitlines().index("正文第二段。（待核实：受援人王小明，13902345678）") + 1
    assert f"提示：Word 文件中有 1 处隐藏文字（字体设为“隐藏”，Word 中通常看不见），导入后是文章中看得见的文字（第 {line} 行）" in proc.stdout
    assert "修订记录或批注" not in proc.stdout
    assert "13902345678" not in proc.stdout and proc.returncode == 1  # the check names the number, masked


def test_articles_numbered_by_their_style_keep_their_numbers(site, tmp_path):
    """A 规范性文件 whose “第一章” headings and “第一条” paragraphs are numbered by their styles (no
    number in the paragraph itself): the numbers were lost (“## 总则”, “为了规范……”)."""
    document = _document()
    _numbering(document, 93, [("chineseCounting", "第%1章")])
    _numbering(document, 94, [("chineseCounting", "第%1条")])
    for name, num_id in (("章标题", 93), ("条文", 94)):
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.element.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:numId w:val="{num_id}"/></w:numPr>'))
    document.add_paragraph("总则", style="章标题")
    document.add_paragraph("为了规范法律援助工作，制定本办法。", style="条文")
    document.add_paragraph("本办法适用于本市行政区域。", style="条文")
    document.add_paragraph("附则", style="章标题")
    document.add_paragraph("本办法自发布之日起施行。", style="条文")
    document.save(tmp_path / "办法.docx")
    proc, text = _import(site, tmp_path / "办法.docx")
    assert proc.returncode == 0, proc.stdout  # the full-width space after 第一条 is no finding
    assert ("第一章\u3000总则\n\n第一条\u3000为了规范法律援助工作，制定本办法。\n\n第二条\u3000本办法适用于本市行政区域。\n\n"
            "第二章\u3000附则\n\n第三条\u3000本办法自发布之日起施行。") in text
