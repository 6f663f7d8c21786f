"""Real .docx files for the import tests, built with python-docx the way Word saves them:
a title, headings, a nested list with real numbering levels, a table and images."""

from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Inches
from PIL import Image

ABSTRACT_ID = 90
NUM_ID = 90


def _bullet_numbering(document: docx.document.Document) -> None:
    """A bullet list definition with two levels, as Word writes one."""
    numbering = document.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/>'
        f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{420 * (i + 1)}" w:hanging="420"/></w:pPr></w:lvl>'
        for i in range(2))
    numbering.insert(0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{ABSTRACT_ID}">{levels}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{NUM_ID}"><w:abstractNumId w:val="{ABSTRACT_ID}"/></w:num>'))


def _list_item(document: docx.document.Document, text: str, level: int) -> None:
    p = document.add_paragraph(text)
    num = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), str(level))
    num_id = OxmlElement("w:numId")
    num_id.set(qn("w:val"), str(NUM_ID))
    num.append(ilvl)
    num.append(num_id)
    p._p.get_or_add_pPr().append(num)


def png(colour: tuple[int, int, int], size: tuple[int, int]) -> io.BytesIO:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    out.seek(0)
    return out


def build(path: Path, *, title: str = "湛江市司法局开展法律援助进社区活动", author: str = "王晓敏",
          big_image: bool = True) -> Path:
    document = docx.Document()
    document.core_properties.title = title
    document.core_properties.author = author
    _bullet_numbering(document)
    document.add_heading(title, 0)
    document.add_paragraph("11月20日，湛江市司法局在赤坎区开展“法律援助进社区”活动，现场为群众提供法律咨询。")
    document.add_heading("活动内容", 1)
    _list_item(document, "发放《中华人民共和国法律援助法》宣传资料", 0)
    _list_item(document, "现场解答群众法律咨询，重点包括：", 0)
    _list_item(document, "婚姻家庭纠纷", 1)
    _list_item(document, "劳动争议", 1)
    _list_item(document, "引导群众拨打12348公共法律服务热线", 0)
    document.add_heading("活动成效", 1)
    table = document.add_table(rows=3, cols=2)
    for r, row in enumerate([("项目", "数量"), ("发放宣传资料", "300份"), ("解答咨询", "45人次")]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    document.add_picture(png((200, 40, 40), (2400, 1600) if big_image else (800, 533)), width=Inches(4))
    document.add_picture(png((40, 90, 180), (640, 480)), width=Inches(3))
    document.add_paragraph("下一步，市司法局将持续推进公共法律服务进社区。")
    document.save(path)
    return path


def build_draft(path: Path) -> Path:
    """How most Word drafts at the bureau look: no title style, a centred bold first paragraph,
    pictures with a caption under each (one centred line, one in Word's 题注 style), and a
    right-aligned signature block at the end. No document properties."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = docx.Document()
    document.core_properties.title = ""
    document.core_properties.author = "王晓敏"
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run("湛江市司法局开展宪法宣传周活动").bold = True
    document.add_paragraph("12月4日，湛江市司法局在霞山区开展宪法宣传周活动。")
    document.add_picture(png((200, 40, 40), (640, 480)), width=Inches(3))
    document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption = document.add_paragraph("图为宪法宣传周活动现场")
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_picture(png((40, 90, 180), (640, 480)), width=Inches(3))
    document.add_paragraph("工作人员为群众讲解宪法知识", style="Caption")
    document.add_paragraph("下一步，市司法局将持续开展宪法宣传。")
    for line in ("湛江市司法局", "2026年12月4日"):
        document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.save(path)
    return path


def build_two_line_title(path: Path, *, second: str = "司法行政工作会议", second_bold: bool = True) -> Path:
    """A long title typed over two centred bold lines, a picture with its caption above it
    (centred), one with its caption under it, and body text."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = docx.Document()
    document.core_properties.title = ""
    document.core_properties.author = "王晓敏"
    for text, bold in (("湛江市司法局召开2026年全市", True), (second, second_bold)):
        line = document.add_paragraph()
        line.alignment = WD_ALIGN_PARAGRAPH.CENTER
        line.add_run(text).bold = bold
    document.add_paragraph("12月4日，湛江市司法局召开全市司法行政工作会议。")
    above = document.add_paragraph("图为会议现场")
    above.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_picture(png((200, 40, 40), (640, 480)), width=Inches(3))
    document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("会议总结了2026年工作，部署了下一阶段任务。")
    document.add_picture(png((40, 90, 180), (640, 480)), width=Inches(3))
    document.add_paragraph("与会人员认真听取报告", style="Caption")
    document.add_paragraph("会议要求，各单位要抓好落实。")
    document.save(path)
    return path
