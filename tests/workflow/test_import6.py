"""govpub import with real-world Word drafts (sixth session, an outside tester's inputs): a red
header with its 文号, tracked changes and comments still on, footnotes, a text box, a table with
merged cells and a picture inside it, a link to a WeChat article. Each result is a valid article
the drafter can commit (or a clear refusal), nothing of the draft's text is lost, nothing the
drafter deleted comes back."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from PIL import Image

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
TITLE = "关于开展法律援助进社区活动的通知"


def _import(site, source: Path, *args: str):
    proc = site.run_here("import", str(source), "--column", "gzdt", "--department", "办公室",
                         "--author", "王晓敏", "--date", "2026-11-20 15:00", *args)
    made = sorted((site.root / "content/gzdt/2026").glob("*.md"))
    return proc, (made[0].read_text("utf-8") if made else "")


def _red_header_draft(path: Path, *, review: bool = False) -> Path:
    d = docx.Document()
    for text in ("湛江市司法局文件", "湛司发〔2026〕12号", TITLE):
        d.add_paragraph(text).alignment = 1
    d.add_paragraph("各县（市、区）司法局：")
    p = d.add_paragraph("为方便群众，")
    if review:
        p._p.append(parse_xml(f'<w:ins {W} w:id="1" w:author="张三"><w:r><w:t>就近办理法律援助，</w:t></w:r></w:ins>'))
        p._p.append(parse_xml(f'<w:del {W} w:id="2" w:author="张三"><w:r><w:delText>领导批示：此事内部掌握。</w:delText></w:r></w:del>'))
    p.add_run("现将有关事项通知如下。")
    d.add_paragraph("湛江市司法局").alignment = 2
    d.save(path)
    return path


def test_a_red_header_becomes_doc_number_and_the_real_title_is_the_title(site, tmp_path):
    """The header line “湛江市司法局文件” was taken as the title and the 文号 stayed in the body,
    where repost.document-text blocks it (红头原版): the drafter had to move both by hand."""
    proc, text = _import(site, _red_header_draft(tmp_path / "通知.docx"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"title: {TITLE}\n" in text and "doc_number: 湛司发〔2026〕12号\n" in text
    body = text.split("---\n", 2)[2]
    assert "湛江市司法局文件" not in body and "〔2026〕" not in body and TITLE not in body
    assert "各县（市、区）司法局：" in body and "湛江市司法局\n{: .govpub-right }" in body
    assert "去掉了红头文件的版头（湛江市司法局文件、湛司发〔2026〕12号）" in proc.stdout


def test_a_plain_centred_title_is_not_taken_for_a_header(site, tmp_path):
    d = docx.Document()
    d.add_paragraph("湛江市司法局召开2026年度普法工作推进会").alignment = 1
    d.add_paragraph("11月20日，会议在市司法局召开。")
    d.save(tmp_path / "a.docx")
    proc, text = _import(site, tmp_path / "a.docx")
    assert proc.returncode == 0 and "title: 湛江市司法局召开2026年度普法工作推进会\n" in text
    assert "doc_number" not in text and "版头" not in proc.stdout


def test_tracked_changes_are_accepted_deleted_text_stays_out_and_the_drafter_is_told(site, tmp_path):
    """mammoth accepts insertions and drops deletions silently: the drafter was not told that the
    draft still had revisions, and reviewers read text nobody had accepted."""
    proc, text = _import(site, _red_header_draft(tmp_path / "修订.docx", review=True))
    assert proc.returncode == 0, proc.stdout
    assert "为方便群众，就近办理法律援助，现将有关事项通知如下。" in text
    assert "领导批示" not in text and "内部掌握" not in text
    assert "修订记录或批注" in proc.stdout and "接受所有修订" in proc.stdout


def _with_part(path: Path, replace: dict[str, tuple[bytes, bytes]], extra: dict[str, str]) -> None:
    data = path.read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            body = zin.read(info)
            if info.filename in replace:
                body = body.replace(*replace[info.filename])
            zout.writestr(info, body)
        for name, body in extra.items():
            zout.writestr(name, body)
    path.write_bytes(out.getvalue())


def test_a_footnote_keeps_its_text_and_no_link_leads_nowhere(site, tmp_path):
    """The note mark became [[1]](#footnote-1) and the note ended with [↑](#footnote-ref-1):
    links to ids the Markdown does not keep."""
    path = tmp_path / "脚注.docx"
    d = docx.Document()
    d.add_paragraph("湛江市司法局开展法律援助进社区活动").alignment = 1
    d.add_paragraph("正文第一段。")
    d.save(path)
    _with_part(path, {
        "word/document.xml": ("正文第一段。</w:t></w:r>".encode(),
                              '正文第一段。</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r>'.encode()),
        "[Content_Types].xml": (b"</Types>", b'<Override PartName="/word/footnotes.xml" ContentType="application/'
                                b'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>'),
        "word/_rels/document.xml.rels": (b"</Relationships>", b'<Relationship Id="rIdFn" Type="http://schemas.'
                                         b'openxmlformats.org/officeDocument/2006/relationships/footnotes" '
                                         b'Target="footnotes.xml"/></Relationships>'),
    }, {"word/footnotes.xml": f'<w:footnotes {W}><w:footnote w:id="1"><w:p><w:r><w:t>依据《中华人民共和国法律援助法》。'
                              "</w:t></w:r></w:p></w:footnote></w:footnotes>"})
    proc, text = _import(site, path)
    assert proc.returncode == 0, proc.stdout
    assert "正文第一段。\\[1\\]" in text and "1. 依据《中华人民共和国法律援助法》。" in text
    assert "#footnote" not in text and "↑" not in text


def _png() -> io.BytesIO:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 10, 10)).save(out, "PNG")
    out.seek(0)
    return out


def test_tables_text_boxes_pictures_in_cells_and_links_keep_everything(site, tmp_path):
    """A picture inside a table cell was saved beside the article but its cell came out empty
    (markdownify writes only the alt text of an image inside a table): the picture left the page."""
    d = docx.Document()
    d.add_paragraph("湛江市司法局开展法律援助进社区活动").alignment = 1
    p = d.add_paragraph("11月20日，活动在赤坎区举行。")
    p._p.append(parse_xml(f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox>'
                          "<w:txbxContent><w:p><w:r><w:t>文本框中的报名方式</w:t></w:r></w:p></w:txbxContent>"
                          "</v:textbox></v:shape></w:pict></w:r>"))
    merged = d.add_table(rows=3, cols=3)
    merged.cell(0, 0).merge(merged.cell(0, 2)).text = "活动安排"
    for i, word in enumerate(("时间", "地点", "内容")):
        merged.cell(1, i).text = word
    merged.cell(2, 0).merge(merged.cell(2, 1)).text = "11月20日赤坎区"
    merged.cell(2, 2).text = "法律咨询"
    pictured = d.add_table(rows=1, cols=2)
    pictured.cell(0, 0).text = "现场图片"
    pictured.cell(0, 1).paragraphs[0].add_run().add_picture(_png())
    rid = d.part.relate_to("https://mp.weixin.qq.com/s/abcdEFGH1234",
                           "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink", is_external=True)
    link = d.add_paragraph("详见：")
    link._p.append(parse_xml(f'<w:hyperlink {nsdecls("w", "r")} r:id="{rid}"><w:r><w:t>公众号文章</w:t></w:r></w:hyperlink>'))
    d.save(tmp_path / "表格.docx")
    proc, text = _import(site, tmp_path / "表格.docx")
    assert "已导入" in proc.stdout, proc.stdout + proc.stderr
    for kept in ("文本框中的报名方式", "活动安排", "11月20日赤坎区", "法律咨询",
                 "[公众号文章](https://mp.weixin.qq.com/s/abcdEFGH1234)"):
        assert kept in text, kept
    picture = re.search(r"\| 现场图片 \| !\[[^\]]*\]\(([^)]+\.png)\) \|", text)
    assert picture and (site.root / "content/gzdt/2026" / picture.group(1)).is_file(), text
    # what check says is about the content (alt text, the link's domain), nothing about a lost file
    assert "meta.local-link" not in proc.stdout
