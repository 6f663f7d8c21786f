"""What reaches readers through attachments (readers9 found it): the TEXT of an attachment was
never content-checked. A .csv with an ID number and a mobile number, a .txt marked 内部资料, the
footer of a Word file, a hidden sheet, a PDF's 密级 passed `govpub check` with no finding and were
published as they were. An attachment is published information (Art. 5-7): its text now passes
the rules readers' text must pass (govpub.content.attachment_text, engine.ATTACHMENT_RULES), the
finding under the attachment's own path with the line, row, page or part, and what to do.

Every file here is real, built in the test's folder: CSV and TXT in GBK and UTF-8, Office packages
(the XML Word, Excel and PowerPoint write), a PDF with a CJK text layer, an OFD, a zip."""

from __future__ import annotations

import io
import time
import zipfile

from govpub.content import attachment_text

FOLDER = "content/pfyfz/2026"
ART = f"{FOLDER}/tuijinhui.md"
MOBILE = "13912345678"


def _id_number(body: str = "44080219900101123") -> str:
    """A valid 18-digit ID number (GB 11643 checksum) from 17 digits."""
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]


ID = _id_number()


def _zip(members: dict[str, bytes | str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in members.items():
            z.writestr(name, body)
    return out.getvalue()


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx(body: str, footer: str = "", header: str = "") -> bytes:
    def para(text: str) -> str:
        return f"<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"

    parts: dict[str, bytes | str] = {
        "[Content_Types].xml": "<Types/>",
        "word/document.xml": f"<w:document {W}><w:body>{''.join(para(t) for t in body.split(chr(10)))}</w:body></w:document>"}
    if footer:
        parts["word/footer1.xml"] = f"<w:ftr {W}>{para(footer)}</w:ftr>"
    if header:
        parts["word/header1.xml"] = f"<w:hdr {W}>{para(header)}</w:hdr>"
    return _zip(parts)


def _word(body: str, footer: str) -> bytes:
    """A .docx as Word writes it (python-docx: namespaces, paragraph properties, a section footer)."""
    import docx

    doc = docx.Document()
    doc.add_paragraph(body)
    doc.sections[0].footer.paragraphs[0].text = footer
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _xlsx(sheets: list[tuple[str, list[list[str | int]], bool]]) -> bytes:
    """Sheets (name, rows, hidden): strings as shared strings, ints as number cells."""
    shared: list[str] = []
    parts: dict[str, bytes | str] = {"[Content_Types].xml": "<Types/>"}
    entries, rels = [], []
    for n, (name, rows, hidden) in enumerate(sheets, 1):
        state = ' state="hidden"' if hidden else ""
        entries.append(f'<sheet name="{name}" sheetId="{n}"{state} r:id="rId{n}"/>')
        rels.append(f'<Relationship Id="rId{n}" Type="worksheet" Target="worksheets/sheet{n}.xml"/>')
        xml_rows = []
        for r, row in enumerate(rows, 1):
            cells = []
            for c, value in enumerate(row):
                ref = f"{chr(65 + c)}{r}"
                if isinstance(value, int):
                    cells.append(f'<c r="{ref}"><v>{value:.10E}</v></c>' if value > 10**9 else f'<c r="{ref}"><v>{value}</v></c>')
                else:
                    shared.append(value)
                    cells.append(f'<c r="{ref}" t="s"><v>{len(shared) - 1}</v></c>')
            xml_rows.append(f'<row r="{r}">{"".join(cells)}</row>')
        parts[f"xl/worksheets/sheet{n}.xml"] = f"<worksheet><sheetData>{''.join(xml_rows)}</sheetData></worksheet>"
    parts["xl/workbook.xml"] = f'<workbook xmlns:r="r"><sheets>{"".join(entries)}</sheets></workbook>'
    parts["xl/_rels/workbook.xml.rels"] = f"<Relationships>{''.join(rels)}</Relationships>"
    parts["xl/sharedStrings.xml"] = "<sst>" + "".join(f"<si><t>{s}</t></si>" for s in shared) + "</sst>"
    return _zip(parts)


def _pptx(slides: list[str], notes: dict[int, str]) -> bytes:
    parts: dict[str, bytes | str] = {"[Content_Types].xml": "<Types/>"}
    for n, text in enumerate(slides, 1):
        parts[f"ppt/slides/slide{n}.xml"] = f"<p:sld><a:p><a:r><a:t>{text}</a:t></a:r></a:p></p:sld>"
    for n, text in notes.items():
        parts[f"ppt/notesSlides/notesSlide{n}.xml"] = f"<p:notes><a:p><a:r><a:t>{text}</a:t></a:r></a:p></p:notes>"
    return _zip(parts)


def _pdf(pages: list[str]) -> bytes:
    """A PDF whose pages carry a real text layer in Chinese (a CID font with the UniGB-UCS2-H CMap,
    not embedded: what a viewer's copy and pdfium's text extraction read)."""
    objs: list[bytes] = []

    def add(body: bytes) -> int:
        objs.append(body)
        return len(objs)

    font = add(b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
               b"/DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
               b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor "
               b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] "
               b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >> >>] >>")
    pages_id = len(objs) + 2 * len(pages) + 1
    kids = []
    for text in pages:
        stream = b"BT /F1 12 Tf 20 100 Td <" + text.encode("utf-16-be").hex().encode() + b"> Tj ET"
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 300 200] /Resources << /Font << /F1 %d 0 R >> >> "
                        b"/Contents %d 0 R >>" % (pages_id, font, content)))
    assert add(b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids) + b"] /Count %d >>" % len(kids)) == pages_id
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, catalog, xref)
    return bytes(out)


def _ofd(pages: list[str]) -> bytes:
    parts: dict[str, bytes | str] = {"OFD.xml": "<ofd:OFD/>"}
    for n, text in enumerate(pages):
        parts[f"Doc_0/Pages/Page_{n}/Content.xml"] = (f"<ofd:Page><ofd:TextObject><ofd:TextCode X=\"0\" Y=\"0\">{text}"
                                                      "</ofd:TextCode></ofd:TextObject></ofd:Page>")
    return _zip(parts)


def _check(site, *rels: str) -> list[dict]:
    """What `govpub check REL...` reports (commands/check.py: the files named, the attachments the
    articles among them link to), in process with the worker's shared engine (fast)."""
    from govpub.content.attachment_text import linked
    from govpub.content.paths import content_files
    from govpub.rules.engine import check_files

    files = content_files(site.root, [str(site.root / rel) for rel in rels])
    files += linked(site.root, files)
    return [f.as_json() for f in check_files(site.rules(), dict.fromkeys(files)).findings]


def _linked(site, files: dict[str, bytes | str], command: bool = False) -> list[dict]:
    """The attachments beside an article that links them all; the findings of checking the
    article ALONE (the commit hook's case: the attachment was committed before, or is unchanged),
    through the real `govpub check --format json` when command is set."""
    for name, body in files.items():
        site.write(f"{FOLDER}/{name}", body)
    site.article(ART, body="正文。\n\n" + "、".join(f"[{n}]({n})" for n in files) + "。\n")
    found = site.findings(ART) if command else _check(site, ART)
    return [f for f in found if f["path"] != ART]


def _one(found: list[dict], name: str, rule: str) -> dict:
    hits = [f for f in found if f["path"] == f"{FOLDER}/{name}" and f["rule"] == rule]
    assert len(hits) == 1, (name, rule, found)
    assert hits[0]["severity"] == "error" and "处理办法" in hits[0]["message"], hits[0]
    return hits[0]


# -- the samples of the task: one run of `govpub check` over the article alone ----------------
def test_each_format_is_read_and_the_finding_says_where(site):
    found = _linked(site, {
        "mingdan.csv": f"姓名,联系电话,备注\n张三,{MOBILE},调解员\n".encode("gbk"),
        "neibu.txt": "\ufeff工作方案\n（内部资料 注意保存）\n".encode(),
        "fangan.docx": _word("湛江市司法局2026年普法工作方案", footer="内部资料 请勿外传"),
        "tongji.xlsx": _xlsx([("汇总", [["项目", "件数"], ["调解", 12]], False),
                              ("名单", [["姓名", "身份证号"], ["李四", ID]], True)]),
        "tongzhi.pdf": _pdf(["关于做好普法工作的通知", "机密★1年 湛江市司法局"]),
    }, command=True)
    csv = _one(found, "mingdan.csv", "privacy.mobile")
    assert csv["line"] == 2 and "附件第 2 行" in csv["message"], csv  # GBK decoded as articles are
    txt = _one(found, "neibu.txt", "secret.marking")
    assert txt["line"] == 2 and txt["column"] == 2, txt  # the BOM is not a character of line 1... or 2
    assert "页脚" in _one(found, "fangan.docx", "secret.marking")["message"]
    sheet = _one(found, "tongji.xlsx", "privacy.id-number")
    assert sheet["line"] == 2 and "工作表“名单”第 2 行" in sheet["message"], sheet
    pdf = _one(found, "tongzhi.pdf", "secret.level")
    assert pdf["line"] == 2 and "第 2 页" in pdf["message"], pdf
    # the hidden sheet is also what readers can unhide (the judge, meta.file), as before
    assert any(f["rule"] == "meta.file" and "名单" in f["message"] for f in found), found


def test_a_clean_fee_table_with_the_office_phone_and_12348_stays_clean(site):
    """No false alarm on what a bureau really publishes: fees, the office landline of the registry,
    the hotline, amounts with ASCII commas, a government URL."""
    table = ("收费项目,收费标准（元）,依据,咨询电话\n"
             "公证费（继承）,\"1,200\",粤发改价格〔2017〕188号,0759-3338120\n"
             "法律援助,免费,《法律援助法》,12348\n"
             "网上办理,,https://sft.gd.gov.cn/,0759-3338126\n")
    found = _linked(site, {
        "shoufei.csv": table,
        "shoufei.xlsx": _xlsx([("收费标准", [["项目", "标准", "电话"], ["公证费", 1200, "0759-3338120"],
                                            ["法律援助", "免费", 12348]], False)]),
        "shoufei.pdf": _pdf(["收费标准 咨询电话：0759-3338120，12348"]),
        "shoufei.docx": _docx("一、公证收费标准\n咨询电话：12348", footer="湛江市司法局 2026年11月"),
        "shuoming.docx": _word("法律援助申请须知：携带身份证件到公共法律服务中心办理，咨询电话 0759-3338126。",
                               footer="湛江市司法局"),
    })
    assert found == [], found


# -- what a drafter who wants it out might try ---------------------------------------------------
def test_code_marks_and_comments_hide_nothing_in_a_text_attachment(site):
    """Backticks are code in an article; a .txt is shown as it is, so they hide nothing. A govpub
    allow comment is text readers see and silences nothing (not even an ads rule)."""
    found = _linked(site, {"beizhu.txt": (f"联系人：`{MOBILE}`，报名：`https://bit.ly/3abcdEf`\n"
                                          "<!-- govpub: allow ads.* 理由：合作单位 -->"
                                          "欢迎拨打热线订购，全场八折优惠，限时抢购！\n")})
    assert _one(found, "beizhu.txt", "privacy.mobile")["line"] == 1
    assert _one(found, "beizhu.txt", "links.shortener")["line"] == 1
    assert [f for f in found if f["rule"].startswith("ads.")], found
    assert not [f for f in found if f["rule"].startswith("meta.")], found  # no front matter asked of a .txt


def test_a_mobile_typed_as_a_number_cell_and_a_member_of_a_zip_are_read(site):
    """Excel stores 13912345678 typed in a cell as 1.3912345678E10; a zip hands readers its members."""
    found = _linked(site, {
        "dianhua.xlsx": _xlsx([("Sheet1", [["值班人", "电话"], ["王五", int(MOBILE)]], False)]),
        "cailiao.zip": _zip({"材料/名单.csv": f"赵六,{ID}\n".encode("gbk"), "说明.pptx": _pptx(
            ["普法宣传", "工作安排"], {2: "内部资料，讲解时不要展示"})}),
    })
    assert "工作表“Sheet1”第 2 行" in _one(found, "dianhua.xlsx", "privacy.mobile")["message"]
    zipped = [f for f in found if f["path"] == f"{FOLDER}/cailiao.zip"]
    assert any(f["rule"] == "privacy.id-number" and "“材料/名单.csv”第 1 行" in f["message"] for f in zipped), zipped
    assert any(f["rule"] == "secret.marking" and "第 2 张幻灯片的备注" in f["message"] for f in zipped), zipped


def test_an_ofd_page_a_docx_header_text_box_and_link_address_are_read(site):
    """A text box is a paragraph inside a paragraph; a link's address lives in the relationships."""
    box = (f"<w:document {W}><w:body><w:p><w:r><w:t>见下框</w:t></w:r><w:r><w:txbxContent><w:p><w:r>"
           "<w:t>框内文字</w:t></w:r></w:p></w:txbxContent></w:r><w:r><w:t>（内部资料）</w:t></w:r></w:p></w:body></w:document>")
    found = _linked(site, {"gongwen.ofd": _ofd(["湛江市司法局文件", "秘密★6个月"]),
                           "fangan.docx": _docx("正文", header=f"联系人 王五 {MOBILE}"),
                           "kuang.docx": _zip({"[Content_Types].xml": "<Types/>", "word/document.xml": box,
                                               "word/_rels/document.xml.rels": '<Relationships><Relationship Id="rId9" '
                                               'Type="hyperlink" Target="https://bit.ly/3abcdEf" TargetMode="External"/>'
                                               "</Relationships>"})})
    assert "第 2 页" in _one(found, "gongwen.ofd", "secret.level")["message"]
    assert "页眉" in _one(found, "fangan.docx", "privacy.mobile")["message"]
    assert "正文第 2 段" in _one(found, "kuang.docx", "secret.marking")["message"]  # after the box: not lost
    assert "链接地址" in _one(found, "kuang.docx", "links.shortener")["message"]


def test_a_workbook_embedded_in_a_word_file_and_a_hyperlink_field_are_read(site):
    """A double click on the table in the Word file opens the whole workbook; a HYPERLINK field
    keeps its address in the field code, not in the relationships."""
    field = (f"<w:document {W}><w:body><w:p><w:r><w:instrText> HYPERLINK \"https://bit.ly/3abcdEf\" </w:instrText>"
             "</w:r><w:r><w:t>报名入口</w:t></w:r></w:p></w:body></w:document>")
    found = _linked(site, {"huizong.docx": _zip({
        "[Content_Types].xml": "<Types/>", "word/document.xml": field,
        "word/embeddings/Microsoft_Excel_Worksheet1.xlsx": _xlsx([("Sheet1", [["姓名", "身份证号"], ["李四", ID]], False)])})})
    embedded = _one(found, "huizong.docx", "privacy.id-number")
    assert "嵌入的“Microsoft_Excel_Worksheet1.xlsx”中的工作表“Sheet1”第 2 行" in embedded["message"], embedded
    assert _one(found, "huizong.docx", "links.shortener")


def test_typo_and_punctuation_rules_do_not_run_on_a_data_table(site):
    """A table's ASCII commas, codes and other bodies' wording are not the article's to correct."""
    found = _linked(site, {"biao.csv": "序号,单位,金额\n1,湛江市司法局,\"3,000.00\"\n2,那里那里,(备注)\n"})
    assert found == [], found


def test_a_huge_csv_is_checked_up_to_the_cap_and_says_so(site):
    """A 1 MB table must not stall the commit: the first MAX_CHARS characters are checked, a warning
    says where the check stopped and what the reviewers must do; a number inside the cap is found."""
    row = "序号,单位,金额,备注说明文字用于填充表格的内容\n"
    body = f"1,{MOBILE},0,首行\n" + row * (1024 * 1024 // len(row.encode()))
    start = time.perf_counter()
    found = _linked(site, {"da.csv": body})
    elapsed = time.perf_counter() - start
    names = {(f["path"].rsplit("/", 1)[1], f["rule"], f["severity"]) for f in found}
    assert ("da.csv", "privacy.mobile", "error") in names, names
    cap = [f for f in found if f["rule"] == "meta.attachment-text"]
    assert len(cap) == 1 and cap[0]["severity"] == "warning" and str(attachment_text.MAX_CHARS) in cap[0]["message"]
    assert "处理办法" in cap[0]["message"], cap
    print(f"1 MB CSV: {elapsed:.2f} s")


def test_a_huge_sheet_is_read_only_up_to_the_cap_and_the_warning_names_the_row(site):
    rows: list[list[str | int]] = [["姓名", "电话"], ["张三", MOBILE]] + [["湛江市司法局普法宣传材料发放登记", "已发放"]] * 12000
    found = _linked(site, {"dengji.xlsx": _xlsx([("登记", rows, False)])})
    assert _one(found, "dengji.xlsx", "privacy.mobile")["line"] == 2
    cap = [f for f in found if f["rule"] == "meta.attachment-text"]
    assert len(cap) == 1 and "工作表“登记”第" in cap[0]["message"] and "行之前" in cap[0]["message"], cap


def test_a_text_file_with_nul_bytes_is_still_read(site):
    """Bytes the article reader calls binary (many NULs) are shown by a browser all the same."""
    found = _linked(site, {"mingdan.txt": b"\x00" * 200 + "（内部资料）\n".encode() + b"\x00" * 200})
    assert _one(found, "mingdan.txt", "secret.marking")["line"] == 1


def test_an_attachment_staged_alone_is_checked_too(site):
    """The commit hook passes a changed attachment without its article (govpub-check-files)."""
    site.write(f"{FOLDER}/mingdan.csv", f"张三,{MOBILE}\n")
    found = _check(site, f"{FOLDER}/mingdan.csv")
    assert [(f["rule"], f["line"]) for f in found] == [("privacy.mobile", 1)], found


def test_a_broken_or_scanned_attachment_gives_no_text_finding_and_no_crash(site):
    """A PDF without a text layer (a scan) has no text to read (no OCR); a broken docx is the judge's."""
    site.write(f"{FOLDER}/scan.pdf", _pdf([]))
    site.write(f"{FOLDER}/huai.docx", b"PK\x03\x04" + bytes(30))
    site.write(f"{FOLDER}/kong.xlsx", _zip({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"}))
    found = _check(site, f"{FOLDER}/scan.pdf", f"{FOLDER}/huai.docx", f"{FOLDER}/kong.xlsx")
    assert {f["rule"] for f in found} <= {"meta.file"}, found


# -- the WeChat and 南方号 copies: links to what is not on the website ------------------------------
def test_the_copies_drop_links_to_held_or_missing_articles_to_their_text(tmp_path):
    """A copy's link to a draft, a later publish time, a withdrawn or a missing article (or file)
    became a website-URL footnote: a dead link for readers, naming the held article's file. Now the
    text stays and the link goes, as on the website; a published article and a present attachment
    keep their footnotes. Reference-style links and HTML links too."""
    from helpers import article_text, copy_site

    from govpub.content.article import load
    from govpub.publish import nanfang
    from govpub.publish.render import render

    site = copy_site(tmp_path / "repo")
    folder = "content/gzdt/2026"
    common = {"column": "gzdt", "department": "办公室"}
    site.write(f"{folder}/live-a9.md", article_text(**common))
    site.write(f"{folder}/draft-a9.md", article_text(status="draft", **common))
    site.write(f"{folder}/later-a9.md", article_text(date="2099-01-01 09:00", **common))
    site.write(f"{folder}/pulled-a9.md", article_text(status="withdrawn", withdrawn_at="2026-11-26 10:00", **common))
    site.write(f"{folder}/fujian-a9.pdf", _pdf(["附件"]))
    body = ("见[已发布的文章](live-a9.md)、[草稿文章](draft-a9.md)、[以后的文章](later-a9.md#yi)、"
            "[撤回的文章](pulled-a9.md)、[写错的文章](missing-a9.md)、[附件](fujian-a9.pdf)、[没有的附件](gone-a9.pdf)、"
            "[参见文章][ck]、<a href=\"later-a9.md\">HTML 链接</a>。\n\n[ck]: draft-a9.md\n")
    path = site.write(f"{folder}/main-a9.md", article_text(body=body, **common))
    linked = nanfang._absolute_links(load(site.root, path), site.root, "https://sfj.example.gov.cn/")
    rendered = render(linked, site.root, image_src=lambda n, p: f"images/{n}.jpg")
    assert rendered.footnotes == ["https://sfj.example.gov.cn/gzdt/2026/live-a9/",
                                  "https://sfj.example.gov.cn/gzdt/2026/fujian-a9.pdf"], rendered.footnotes
    for text in ("草稿文章", "以后的文章", "撤回的文章", "写错的文章", "没有的附件", "参见文章", "HTML 链接"):
        assert text in rendered.html, text
    for name in ("draft-a9", "later-a9", "pulled-a9", "missing-a9", "gone-a9", "[ck]"):
        assert name not in rendered.html, name


# -- the build: an attachment whose text has an error is not published -------------------------
def test_the_build_refuses_a_site_whose_attachment_text_has_an_error(tmp_path):
    """`govpub build` (and publish, which builds through it) runs the checks over all of content/:
    the site is not switched into place while an attachment's text has an error finding, and the
    message names the attachment and its line. Without the attachment's text checked, this site
    (the articles mkdocs.yml names and ours) builds and publishes (exit 0)."""
    from helpers import copy_site

    site = copy_site(tmp_path / "repo")
    keep = {"ghjh/2026/ndbb-2025.md", "tzgg/2026/xxgk-zhinan.md", "tzgg/2026/xxgk-zhidu.md", "ghjh/2026/xxgk-nb-2025.md"}
    for path in (site.root / "content").rglob("*"):  # a small build: the sample site's pages are tested elsewhere
        if path.is_file() and path.relative_to(site.root / "content").as_posix() not in keep:
            path.unlink()
    site.write(f"{FOLDER}/mingdan.csv", f"姓名,电话\n张三,{MOBILE}\n")
    site.article(ART, body="名单见[附件](mingdan.csv)。\n")
    refused = site.forked("build", "--quiet")
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert f"{FOLDER}/mingdan.csv:2" in refused.stderr and "privacy.mobile" in refused.stderr, refused.stderr
    assert not (site.root / "site").exists()
