"""The .docx reader on real .docx files made here with python-docx."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.shared import Mm
from fixtures_office import sample_plan, write_docx

from pipeline.errors import ReaderError
from pipeline.read.build import build_document
from pipeline.read.readers import read
from pipeline.read.readers.docx import read_docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def texts(raw) -> list[list[str]]:
    return [[c.text for c in ln.cells] for p in raw.pages for ln in p.lines if ln.cells]


def line_with(raw, needle: str):
    for p in raw.pages:
        for ln in p.lines:
            if any(needle in c.text for c in ln.cells):
                return ln
    raise AssertionError(f"no line with {needle!r} in {texts(raw)}")


@pytest.fixture(scope="module")
def plan_docx(tmp_path_factory) -> Path:
    return write_docx(sample_plan(), tmp_path_factory.mktemp("docx") / "ke-hoach.docx")


def test_header_table_pairs_left_and_right_cells(plan_docx):
    raw = read(plan_docx)
    assert raw.format == "docx"
    ln = line_with(raw, "Số: 17-KH/ĐTN")
    assert [c.text for c in ln.cells] == ["Số: 17-KH/ĐTN", "An Bình, ngày 20 tháng 4 năm 2024"]
    left, right = ln.cells
    assert left.x0 <= 0.05 and right.x0 == pytest.approx(0.5)
    assert [c.text for c in line_with(raw, "ĐOÀN TNCS").cells] == ["ĐOÀN XÃ AN BÌNH", "ĐOÀN TNCS HỒ CHÍ MINH"]
    doc = build_document(raw)
    number = next(ln for ln in doc.lines if "Số:" in ln.text)
    assert [c.column for c in number.cells] == ["left", "right"]


def test_signature_table_pairs_noi_nhan_and_signer(plan_docx):
    raw = read_docx(plan_docx)
    assert [c.text for c in line_with(raw, "Nơi nhận").cells] == ["Nơi nhận:", "TM. BAN CHẤP HÀNH"]
    assert [c.text for c in line_with(raw, "Huyện Đoàn").cells] == ["- Huyện Đoàn (để báo cáo);", "BÍ THƯ"]
    name = line_with(raw, "Lê Thị Hồng Nhung").cells[-1]
    assert name.text == "Lê Thị Hồng Nhung" and name.x0 >= 0.42


def test_body_and_schedule_table_in_reading_order(plan_docx):
    raw = read_docx(plan_docx)
    lines = [ln for p in raw.pages for ln in p.lines if ln.cells]
    order = [" | ".join(c.text for c in ln.cells) for ln in lines]
    type_at = order.index("KẾ HOẠCH")
    assert order[type_at + 1] == "Tổ chức hội trại truyền thống năm 2024"
    rows = [ln for ln in lines if ln.kind == "table"]
    assert [[c.text for c in r.cells] for r in rows][:2] == [
        ["Thời gian", "Nội dung", "Địa điểm", "Thành phần"],
        ["07h30 ngày 12/5", "Khai mạc hội trại", "Sân vận động xã", "Ban Tổ chức"],
    ]
    assert [c.x0 for c in rows[0].cells] == [0.0, 0.25, 0.5, 0.75]
    first_row = lines.index(rows[0])
    assert order[first_row - 1].startswith("1. Thời gian")
    assert order[first_row + len(rows)].startswith("- Nội dung phối hợp số 1")
    assert order.index("III. TỔ CHỨC THỰC HIỆN") > first_row
    assert len(raw.pages) == 1 and raw.pages[0].source == "docx"


def test_table_cells_merge_and_join_paragraphs(tmp_path):
    d = docx.Document()
    d.add_paragraph("Lịch trình cụ thể như sau:")
    t = d.add_table(rows=3, cols=3)
    t.style = "Table Grid"
    for j, head in enumerate(["Ngày", "Nội dung", "Địa điểm"]):
        t.cell(0, j).text = head
    t.cell(1, 0).merge(t.cell(2, 0)).text = "Thứ Bảy 15/6"
    t.cell(1, 1).text = "Tập trung đoàn viên"
    t.cell(1, 1).add_paragraph("Phát động ra quân")
    t.cell(1, 2).text = "Sân trường"
    t.cell(2, 1).merge(t.cell(2, 2)).text = "Dọn vệ sinh tuyến đường liên thôn"
    d.add_paragraph("Đề nghị các chi đoàn tham gia đầy đủ.")
    path = tmp_path / "lich.docx"
    d.save(str(path))
    raw = read_docx(path)
    rows = [ln for p in raw.pages for ln in p.lines if ln.kind == "table"]
    assert [c.text for c in rows[1].cells] == ["Thứ Bảy 15/6", "Tập trung đoàn viên Phát động ra quân", "Sân trường"]
    # vertical merge continues the date cell (empty), horizontal merge spans two columns
    assert [c.text for c in rows[2].cells] == ["", "Dọn vệ sinh tuyến đường liên thôn"]
    assert (rows[2].cells[1].x0, rows[2].cells[1].x1) == pytest.approx((1 / 3, 1.0))
    assert texts(raw)[-1] == ["Đề nghị các chi đoàn tham gia đầy đủ."]


def _add_letter_list(d) -> str:
    """A numbering definition 'a)', 'b)' added to the document's numbering part; returns its numId."""
    numbering = d.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="90"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1)"/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num xmlns:w="{W}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return "90"


def test_numbering_markers_are_kept(tmp_path):
    d = docx.Document()
    d.add_paragraph("Nhiệm vụ trọng tâm", style="List Number")
    d.add_paragraph("Giải pháp thực hiện", style="List Number")
    d.add_paragraph("Tuyên truyền trên mạng xã hội", style="List Bullet")
    num_id = _add_letter_list(d)
    for text in ("Đoàn xã chủ trì", "Các chi đoàn phối hợp"):
        p = d.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))
    path = tmp_path / "so-thu-tu.docx"
    d.save(str(path))
    assert [t[0] for t in texts(read_docx(path))] == [
        "1. Nhiệm vụ trọng tâm", "2. Giải pháp thực hiện", "- Tuyên truyền trên mạng xã hội",
        "a) Đoàn xã chủ trì", "b) Các chi đoàn phối hợp"]


def test_explicit_page_breaks_make_pages(tmp_path):
    d = docx.Document()
    d.add_paragraph("Trang một: nội dung kế hoạch.")
    d.add_page_break()
    d.add_paragraph("PHỤ LỤC")
    d.add_paragraph("Danh sách đội hình tham gia.")
    path = tmp_path / "hai-trang.docx"
    d.save(str(path))
    raw = read_docx(path)
    assert [p.number for p in raw.pages] == [1, 2]
    assert [c.text for ln in raw.pages[1].lines for c in ln.cells] == ["PHỤ LỤC", "Danh sách đội hình tham gia."]


_TEXT_BOX = """
<w:r xmlns:w="{w}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
     xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
     xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
     xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
     xmlns:v="urn:schemas-microsoft-com:vml">
 <mc:AlternateContent>
  <mc:Choice Requires="wps">
   <w:drawing>
    <wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0"
               locked="0" layoutInCell="1" allowOverlap="1">
     <wp:simplePos x="0" y="0"/>
     <wp:positionH relativeFrom="margin"><wp:posOffset>{offset}</wp:posOffset></wp:positionH>
     <wp:positionV relativeFrom="margin"><wp:posOffset>0</wp:posOffset></wp:positionV>
     <wp:extent cx="2400000" cy="600000"/>
     <wp:wrapNone/>
     <wp:docPr id="{id}" name="Text Box {id}"/>
     <a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
      <wps:wsp><wps:spPr/><wps:txbx><w:txbxContent>
       {paragraphs}
      </w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>
     </a:graphicData></a:graphic>
    </wp:anchor>
   </w:drawing>
  </mc:Choice>
  <mc:Fallback>
   <w:pict><v:shape style="position:absolute;margin-left:0;margin-top:0;width:189pt;height:47pt">
    <v:textbox><w:txbxContent>{paragraphs}</w:txbxContent></v:textbox></v:shape></w:pict>
  </mc:Fallback>
 </mc:AlternateContent>
</w:r>"""


def _text_box(offset_emu: int, lines: list[str], box_id: int):
    paragraphs = "".join(f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>" for t in lines)
    return parse_xml(_TEXT_BOX.format(w=W, offset=offset_emu, paragraphs=paragraphs, id=box_id))


def test_text_boxes_in_the_header_are_read_once_and_paired(tmp_path):
    d = docx.Document()
    s = d.sections[0]
    s.page_width, s.left_margin, s.right_margin = Mm(210), Mm(30), Mm(15)
    anchor = d.add_paragraph()
    anchor._p.append(_text_box(0, ["ỦY BAN NHÂN DÂN", "XÃ AN BÌNH", "Số: 08/TB-UBND"], 1))
    anchor._p.append(_text_box(int(Mm(85)), ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                              "Độc lập - Tự do - Hạnh phúc", "An Bình, ngày 03 tháng 6 năm 2024"], 2))
    d.add_paragraph("THÔNG BÁO")
    path = tmp_path / "khung.docx"
    d.save(str(path))
    raw = read_docx(path)
    rows = texts(raw)
    assert rows[:3] == [
        ["ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
        ["XÃ AN BÌNH", "Độc lập - Tự do - Hạnh phúc"],
        ["Số: 08/TB-UBND", "An Bình, ngày 03 tháng 6 năm 2024"],
    ]
    assert sum(r.count("XÃ AN BÌNH") for r in rows) == 1  # the VML fallback is not read again
    right = line_with(raw, "Độc lập").cells[1]
    assert right.x0 == pytest.approx(85 / 165, abs=0.01)
    assert rows[3] == ["THÔNG BÁO"]


def test_tab_separated_signature_line_gives_cells(tmp_path):
    d = docx.Document()
    p = d.add_paragraph("Nơi nhận:\t\t\t\t\t\tTM. ỦY BAN NHÂN DÂN")
    p.paragraph_format.tab_stops.add_tab_stop(Mm(90))
    path = tmp_path / "tab.docx"
    d.save(str(path))
    ln = line_with(read_docx(path), "Nơi nhận")
    assert [c.text for c in ln.cells] == ["Nơi nhận:", "TM. ỦY BAN NHÂN DÂN"]
    assert ln.cells[1].x0 >= 0.42


def test_legacy_tcvn3_runs_are_repaired(tmp_path):
    pytest.importorskip("pipeline.read.legacy")
    d = docx.Document()
    p = d.add_paragraph()
    run = p.add_run("KÕ ho¹ch tæ chøc ®¹i héi §oµn")
    run.font.name = ".VnTime"
    p.add_run(" 2024")
    heading = d.add_paragraph()
    caps = heading.add_run("kÕ ho¹ch")  # .VnTimeH: a capitals font, TCVN3 has no toned capitals
    caps.font.name = ".VnTimeH"
    plain = d.add_paragraph("Văn bản Unicode giữ nguyên")
    plain.runs[0].font.name = "Times New Roman"
    path = tmp_path / "tcvn3.docx"
    d.save(str(path))
    raw = read_docx(path)
    assert [t[0] for t in texts(raw)] == ["Kế hoạch tổ chức đại hội Đoàn 2024", "KẾ HOẠCH",
                                          "Văn bản Unicode giữ nguyên"]
    assert raw.meta["repairs"] == ["tcvn3"]


def test_legacy_font_from_the_paragraph_style(tmp_path):
    pytest.importorskip("pipeline.read.legacy")
    d = docx.Document()
    d.styles["Normal"].font.name = ".VnTime"
    d.add_paragraph("Thùc hiÖn kÕ ho¹ch")
    path = tmp_path / "style.docx"
    d.save(str(path))
    assert texts(read_docx(path)) == [["Thực hiện kế hoạch"]]


def test_encrypted_docx_is_an_error(plan_docx, tmp_path):
    pytest.importorskip("msoffcrypto")
    from msoffcrypto.format.ooxml import OOXMLFile

    locked = tmp_path / "khoa.docx"
    with open(plan_docx, "rb") as src, open(locked, "wb") as out:
        OOXMLFile(src).encrypt("matkhau", out)
    with pytest.raises(ReaderError, match="encrypted"):
        read_docx(locked)


@pytest.mark.parametrize("damage", ["truncated", "no-document-part", "bad-xml", "not-zip"])
def test_corrupt_docx_is_an_error(plan_docx, tmp_path, damage):
    bad = tmp_path / "hong.docx"
    data = plan_docx.read_bytes()
    if damage == "truncated":
        bad.write_bytes(data[: len(data) // 2])
    elif damage == "not-zip":
        bad.write_bytes(b"day khong phai tep docx " * 20)
    else:
        with zipfile.ZipFile(plan_docx) as src, zipfile.ZipFile(bad, "w") as out:
            for item in src.infolist():
                content = src.read(item.filename)
                if item.filename == "word/document.xml":
                    if damage == "no-document-part":
                        continue
                    content = content[: len(content) // 2]
                out.writestr(item, content)
    with pytest.raises(ReaderError, match="docx"):
        read_docx(bad)


def test_tab_laid_header_line_puts_the_date_on_the_right(tmp_path):
    d = docx.Document()
    d.add_paragraph("Số: 05/KH-UBND\t\t\t\tHòa Bình, ngày 02 tháng 01 năm 2024")  # default tab stops
    path = tmp_path / "tab-header.docx"
    d.save(str(path))
    ln = line_with(read_docx(path), "Số:")
    assert [c.text for c in ln.cells] == ["Số: 05/KH-UBND", "Hòa Bình, ngày 02 tháng 01 năm 2024"]
    assert ln.cells[0].x0 == 0.0 and ln.cells[1].x0 >= 0.42


def test_grid_styled_header_with_borders_switched_off_per_cell_is_a_layout_table(tmp_path):
    d = docx.Document()
    t = d.add_table(rows=1, cols=2)
    t.style = "Table Grid"
    t.cell(0, 0).text = "ỦY BAN NHÂN DÂN HUYỆN"
    t.cell(0, 0).add_paragraph("Số: 112/UBND-VP")
    t.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    t.cell(0, 1).add_paragraph("Tân Phú, ngày 09 tháng 9 năm 2023")
    for cell in (t.cell(0, 0), t.cell(0, 1)):
        sides = "".join(f'<w:{s} w:val="nil"/>' for s in ("top", "left", "bottom", "right"))
        cell._tc.get_or_add_tcPr().append(parse_xml(f'<w:tcBorders xmlns:w="{W}">{sides}</w:tcBorders>'))
    d.add_paragraph()
    path = tmp_path / "grid-header.docx"
    d.save(str(path))
    raw = read_docx(path)
    assert texts(raw)[:2] == [["ỦY BAN NHÂN DÂN HUYỆN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
                              ["Số: 112/UBND-VP", "Tân Phú, ngày 09 tháng 9 năm 2023"]]
    assert all(ln.kind == "text" for p in raw.pages for ln in p.lines)
