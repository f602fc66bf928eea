"""Programmes, letters and their signatures as Vietnamese offices write them: a programme dated by a
month whose day is left blank, parts of a programme headed by their hours, online meetings, a
headerless programme signed by its organising board, a letter's bracketed "V/v" line, a letter with
an outline attached after its "Nơi nhận", signatures in sentence case or after a degree, and what
OCR does to them. Each document here is written for the test in that grammar."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import docx
import pytest
from test_content import rec_of
from test_header_footer import doc_of

from extractors.dates import find_time_expressions
from extractors.footer import extract_footer
from extractors.header import extract_header
from pipeline.extract import extract_file


def _values(text: str, ref: dt.date | None = None) -> list[tuple[str | None, str | None]]:
    return [(t.start_value, t.end_value) for t in find_time_expressions(text, ref_date=ref)]


@pytest.mark.parametrize("text", ["Ngày    /7/2023", "ngày ..../7/2023", "Hà Nội, ngày   /7/2023"])
def test_a_date_whose_day_is_left_blank_gives_its_month(text):
    assert _values(text) == [("2023-07", None)]


def test_a_full_date_is_still_a_day():
    assert _values("Ngày 3/7/2023") == [("2023-07-03", None)]


@pytest.mark.parametrize("text, want", [
    ("Đợt 2: Từ tháng 01 đến ngày bầu cử 15/3/2026", ("2026-01", "2026-03-15")),
    ("từ tháng 3 đến ngày 30/6/2024", ("2024-03", "2024-06-30")),
    ("từ ngày 10/8 đến ngày khai giảng 05/9/2024", ("2024-08-10", "2024-09-05")),
])
def test_a_span_from_a_month_or_to_a_named_day(text, want):
    assert _values(text, dt.date(2025, 12, 10)) == [want]


def _programme_docx(path: Path, day: str) -> Path:
    """A conference programme as Word makes them: its name and day in a one-column table, then the
    ruled table of hours."""
    d = docx.Document()
    head = d.add_table(rows=3, cols=1)
    for i, text in enumerate(["Chương trình Hội nghị", "“Phổ cập chữ ký số trên địa bàn tỉnh”", day]):
        head.cell(i, 0).text = text
    d.add_paragraph("")
    rows = [["Thời gian", "Nội dung", "Người trình bày"],
            ["13h30 - 14h00", "Đón tiếp đại biểu", "Văn phòng Sở"],
            ["14h00 - 14h15", "Phát biểu khai mạc", "Lãnh đạo Sở"],
            ["14h15 - 15h00", "Tham luận của các doanh nghiệp", "Đại diện doanh nghiệp"]]
    t = d.add_table(rows=len(rows), cols=3)
    t.style = "Table Grid"
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            t.cell(i, j).text = text
    d.save(path)
    return path


def test_a_programme_of_a_month_whose_day_is_left_blank_dates_its_rows_by_that_month(tmp_path):
    rec = extract_file(_programme_docx(tmp_path / "ct.docx", "Ngày      /7/2023")).record
    assert [(e.start, e.what) for e in rec.events] == [
        ("2023-07", "Đón tiếp đại biểu"), ("2023-07", "Phát biểu khai mạc"),
        ("2023-07", "Tham luận của các doanh nghiệp")]


def test_a_programme_dated_in_its_title_table_gives_each_row_its_hour(tmp_path):
    rec = extract_file(_programme_docx(tmp_path / "ct.docx", "Ngày 14/7/2023")).record
    assert [e.start for e in rec.events] == ["2023-07-14T13:30", "2023-07-14T14:00", "2023-07-14T14:15"]


def test_parts_of_a_programme_headed_by_their_hours_are_events_of_its_day(tmp_path):
    p = tmp_path / "ct.txt"
    p.write_text("""CHƯƠNG TRÌNH ĐẠI HỘI
Hội Cựu giáo chức huyện, nhiệm kỳ 2025-2030
Ngày 14/8/2025 (Thứ Năm)

I. PHIÊN TRÙ BỊ: (7h30 – 8h30)
1. Bầu Đoàn Chủ tịch, Đoàn Thư ký.
2. Thông qua Quy chế làm việc.
II. PHIÊN CHÍNH THỨC: Từ 9h00
1. Chào cờ.
2. Báo cáo tổng kết nhiệm kỳ.
III. LIÊN HOAN: 11h30
""", encoding="utf-8")
    rec = extract_file(p).record
    assert [(e.start, e.what) for e in rec.events] == [
        ("2025-08-14T07:30", "Phiên trù bị"), ("2025-08-14T09:00", "Phiên chính thức"),
        ("2025-08-14T11:30", "Liên hoan")]


def test_an_online_meeting_is_held_where_it_is_connected_from(tmp_path):
    rec = rec_of(tmp_path, """1. Thời gian: 08h00, ngày 09/10/2025 (thứ Năm).
2. Địa điểm, hình thức: Kết nối trực tuyến từ Phòng họp số 1 trụ sở UBND tỉnh, đến UBND các xã trên địa bàn tỉnh.
""")
    assert rec.venues == ["Phòng họp số 1 trụ sở UBND tỉnh"]


def test_bridge_points_named_by_their_body_are_no_hall(tmp_path):
    rec = rec_of(tmp_path, """1. Thời gian: 08h00, ngày 09/10/2025.
2. Địa điểm, hình thức họp: Họp trực tuyến từ điểm cầu UBND tỉnh đến điểm cầu UBND cấp huyện.
""")
    assert not any("trực tuyến" in v for v in rec.venues)


def test_a_headerless_programme_is_issued_by_the_board_that_closes_it(tmp_path):
    p = tmp_path / "ct.txt"
    p.write_text("""CHƯƠNG TRÌNH
Hội thảo khoa học “Chuyển đổi số trong giáo dục”

Thời gian: 08h00, ngày 20/11/2025.
07h30 - 08h00: Đón tiếp đại biểu
08h00 - 08h15: Khai mạc

BAN TỔ CHỨC
""", encoding="utf-8")
    assert extract_file(p).record.issuer == "BAN TỔ CHỨC"


def test_a_closing_sentence_in_capitals_is_no_issuer(tmp_path):
    p = tmp_path / "ct.txt"
    p.write_text("""CHƯƠNG TRÌNH
Hội thảo khoa học năm 2025

Thời gian: 08h00, ngày 20/11/2025.

TRÂN TRỌNG KÍNH MỜI!
""", encoding="utf-8")
    assert extract_file(p).record.issuer is None


def _letter_docx(path: Path, block: list[str]) -> Path:
    """A Word letter: its header in a borderless two-column table, then paragraphs, then the
    "Nơi nhận" beside the signature's first line, and the rest of the block as paragraphs."""
    d = docx.Document()
    head = d.add_table(rows=3, cols=2)
    for i, (left, right) in enumerate([("BỘ GIÁO DỤC VÀ ĐÀO TẠO", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
                                       ("TRƯỜNG ĐẠI HỌC HẢI VÂN", "Độc lập - Tự do - Hạnh phúc"),
                                       ("Số: 125/TB-ĐHHV", "Đà Nẵng, ngày 02 tháng 12 năm 2008")]):
        head.cell(i, 0).text, head.cell(i, 1).text = left, right
    d.add_paragraph("(V/v quản lý hoạt động cố vấn học tập)")
    d.add_paragraph("THÔNG BÁO")
    d.add_paragraph("Kính gởi: - Lãnh đạo các Khoa.")
    d.add_paragraph("- Các Cố vấn học tập.")
    d.add_paragraph("Nhà trường thông báo việc quản lý hoạt động cố vấn học tập như sau.")
    foot = d.add_table(rows=1, cols=2)
    foot.cell(0, 0).text, foot.cell(0, 1).text = "Nơi nhận:\n- Như trên;\n- Lưu VT.", block[0]
    for line in block[1:]:
        d.add_paragraph(line)
    d.save(path)
    return path


def test_a_bracketed_vv_line_is_the_notice_s_summary_and_the_addressee_is_not(tmp_path):
    rec = extract_file(_letter_docx(tmp_path / "tb.docx", ["HIỆU TRƯỞNG", "", "Lê Văn An"])).record
    assert (rec.doc_type, rec.title) == ("THÔNG BÁO", "quản lý hoạt động cố vấn học tập")


def test_a_signer_named_after_a_degree_on_a_line_of_its_own(tmp_path):
    rec = extract_file(_letter_docx(tmp_path / "tb.docx", ["HIỆU TRƯỞNG", "", "", "Th.s Bùi Văn Thành"])).record
    assert (rec.signer_position, rec.signer_name) == ("HIỆU TRƯỞNG", "Bùi Văn Thành")


def test_a_signature_block_in_sentence_case(tmp_path):
    rec = extract_file(_letter_docx(tmp_path / "tb.docx", ["TL. Hiệu trưởng", "Phó Hiệu trưởng", "Võ Thanh Hà",
                                                            "(đã ký)"])).record
    assert (rec.signer_authority, rec.signer_position, rec.signer_name) == \
        ("TL. Hiệu trưởng", "Phó Hiệu trưởng", "Võ Thanh Hà")


LETTER_WITH_OUTLINE = """\
BỘ NỘI VỤ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
\tĐộc lập - Tự do - Hạnh phúc
Số: 52/BNV-VP\tHà Nội, ngày 23 tháng 11 năm 2025
V/v báo cáo tổng kết công tác năm 2025.
- Các Bộ, cơ quan ngang Bộ;
- Ủy ban nhân dân các tỉnh, thành phố.
Bộ Nội vụ đề nghị các cơ quan báo cáo tổng kết công tác năm 2025 theo đề cương gửi kèm, gửi về Bộ trước ngày 20/12/2025.
Nơi nhận:\tKT. BỘ TRƯỞNG
- Như trên;\tTHỨ TRƯỞNG
- Lưu: VT.

\tNguyễn Văn Bình

ĐỀ CƯƠNG
Báo cáo tổng kết công tác năm 2025
(Gửi kèm Công văn số: 5240/BNV-VP ngày 23/11/2025 của Bộ Nội vụ)
I. KẾT QUẢ CÔNG TÁC NĂM 2025
"""


def test_a_letter_with_an_outline_attached_after_its_noi_nhan_is_a_cong_van(tmp_path):
    h = extract_header(doc_of(tmp_path, LETTER_WITH_OUTLINE))
    assert (h.doc_type.value, h.title.value) == ("CÔNG VĂN", "báo cáo tổng kết công tác năm 2025")
    assert h.number.value == "52/BNV-VP"  # a born-digital number stands as printed


def test_on_a_scan_the_attachment_s_citation_of_the_letter_gives_its_number(tmp_path):
    h = extract_header(doc_of(tmp_path, LETTER_WITH_OUTLINE, ocr=True))
    assert h.number.value == "5240/BNV-VP" and h.number.review


def test_an_attachment_citing_another_day_or_symbol_changes_no_number(tmp_path):
    other = LETTER_WITH_OUTLINE.replace("ngày 23/11/2025 của Bộ", "ngày 21/11/2025 của Bộ")
    assert extract_header(doc_of(tmp_path, other, ocr=True)).number.value == "52/BNV-VP"


SCANNED_NOTICE = """\
TRƯỜNG ĐẠI HỌC SƯ PHẠM\tCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
TRƯỜNG THPT THỰC HÀNH\tĐộc lập - Tự do - Hạnh phúc
Số: 31 /TB-THSP\tHà Nội, ngày 31 tháng 01 năm 2020
"THÔNG BÁO
Về việc lùi thời gian nghỉ Tết cho học sinh
Căn cứ tình hình dịch bệnh, Trường THPT Thực hành thông báo như sau:
1. Toàn thể học sinh được kéo dài thời gian nghi Tết từ ngày 03/02/2020 đến
hết ngày 09/02/2020.
Trân trọng thông báo./.
"""


def test_a_speck_before_a_scanned_type_word_and_a_hook_lost_from_a_holiday(tmp_path):
    doc = doc_of(tmp_path, SCANNED_NOTICE, ocr=True)
    h = extract_header(doc)
    assert (h.doc_type.value, h.title.value) == ("THÔNG BÁO", "Về việc lùi thời gian nghỉ Tết cho học sinh")
    p = tmp_path / "tb.txt"
    p.write_text(SCANNED_NOTICE, encoding="utf-8")
    from pipeline.extract import extract_record, load_document

    d = load_document(p)
    d.pages[:] = [dataclasses.replace(page, source="ocr") for page in d.pages]
    assert [(e.start, e.end) for e in extract_record(d).events] == [("2020-02-03", "2020-02-09")]


def test_a_deputy_s_title_read_in_two_pieces_is_one_position(tmp_path):
    doc = doc_of(tmp_path, SCANNED_NOTICE.replace("Trân trọng thông báo./.\n", "") + """\
Trân trọng thông báo./.
\t\tKT. HIỆU TRƯỞNG
Nơi nhận:\t\t\t\t\tPHÓ\tHIỆU TRƯỞNG
- Như trên;
- Lưu: VT.
\t\t\t\t\tHoàng Thu Hà
""", ocr=True)
    f = extract_footer(doc, extract_header(doc).body_start)
    assert (f.signer_authority.value, f.signer_position.value) == ("KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG")


def test_a_draft_s_block_beside_noi_nhan_gives_its_title_and_an_approval_box_is_no_recipient(tmp_path):
    d = docx.Document()
    d.add_paragraph("PHÒNG KHÁM ĐA KHOA AN BÌNH")
    d.add_paragraph("KẾ HOẠCH")
    d.add_paragraph("Hoạt động khám chữa bệnh năm 2019")
    d.add_paragraph("Phòng khám xây dựng kế hoạch hoạt động năm 2019 như sau.")
    t = d.add_table(rows=1, cols=3)
    t.cell(0, 0).text = "Nơi nhận:\n- Trung tâm Y tế huyện (b/c);\n- Lưu tại PK."
    t.cell(0, 1).text = "DUYỆT LÃNH ĐẠO"
    t.cell(0, 2).text = "TRƯỞNG PHÒNG KHÁM"
    d.save(tmp_path / "kh.docx")
    rec = extract_file(tmp_path / "kh.docx").record
    assert rec.recipients == ["Trung tâm Y tế huyện (b/c)", "Lưu tại PK"]
    assert (rec.signer_position, rec.signer_name) == ("TRƯỞNG PHÒNG KHÁM", None)


@pytest.mark.parametrize("ocr", [False, True])
def test_a_resolution_without_a_summary_has_no_title_but_who_resolves(tmp_path, ocr):
    line = "HỘI ĐÒNG QUẢN TRỊ CÔNG TY CỎ PHẢN MAY AN PHÚ" if ocr else "HỘI ĐỒNG QUẢN TRỊ CÔNG TY CỔ PHẦN MAY AN PHÚ"
    doc = doc_of(tmp_path, f"""CÔNG TY CỔ PHẦN MAY AN PHÚ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
\tĐộc lập - Tự do - Hạnh phúc
Số: 12/NQ-HĐQT\tTP. Hồ Chí Minh, ngày 26 tháng 6 năm 2018
NGHỊ QUYẾT
{line}
- Căn cứ Luật Doanh nghiệp số 68/2014/QH13;
- Căn cứ Điều lệ Công ty;
QUYẾT NGHỊ
Điều 1. Chi trả cổ tức năm 2017 vào ngày 31/7/2018.
""", ocr=ocr)
    h = extract_header(doc)
    assert (h.doc_type.value, h.title) == ("NGHỊ QUYẾT", None)


def test_a_decision_s_summary_is_still_its_title(tmp_path):
    doc = doc_of(tmp_path, """UBND HUYỆN AN PHÚ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
\tĐộc lập - Tự do - Hạnh phúc
Số: 12/QĐ-UBND\tAn Phú, ngày 26 tháng 6 năm 2018
QUYẾT ĐỊNH
Về việc thành lập Ban Chỉ đạo
CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN AN PHÚ
Căn cứ Luật Tổ chức chính quyền địa phương;
""")
    assert extract_header(doc).title.value == "Về việc thành lập Ban Chỉ đạo"


def _exam_timetable_pdf(path: Path) -> Path:
    """An exam timetable as a text PDF: its type word and title, the place on a line of its own, the
    day as a label, then a ruled table whose morning time cell is merged over two subjects."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from tools.make_corpus import FONT_FILE

    pdfmetrics.registerFont(TTFont("Body", FONT_FILE))
    st = ParagraphStyle("b", fontName="Body", fontSize=12, leading=15)
    head = Table([["TRƯỜNG ĐẠI HỌC AN KHÁNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
                  ["PHÒNG ĐÀO TẠO", "Độc lập - Tự do - Hạnh phúc"]], colWidths=[230, 260])
    head.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), "Body")]))
    grid = Table([["Thời gian", "Môn thi"], ["Sáng (30/03/2015)", "Nghe, hiểu"], ["", "Đọc, hiểu và viết"],
                  ["Chiều (30/03/2015)", "Nói"]], colWidths=[200, 200])
    grid.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), "Body"), ("GRID", (0, 0), (-1, -1), 0.5, "black"),
                              ("SPAN", (0, 1), (0, 2))]))
    story = [head, Spacer(1, 12), Paragraph("LỊCH THI CẤP CHỨNG CHỈ TIẾNG ANH B1", st),
             Paragraph("Tại Trường Đại học An Khánh", st), Paragraph("Ngày thi: 30 tháng 03 năm 2015", st),
             Spacer(1, 12), grid]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


def test_an_exam_timetable_its_type_place_and_merged_rows(tmp_path):
    rec = extract_file(_exam_timetable_pdf(tmp_path / "lt.pdf")).record
    assert (rec.doc_type, rec.title) == ("LỊCH THI", "CẤP CHỨNG CHỈ TIẾNG ANH B1 Tại Trường Đại học An Khánh")
    assert [(e.start, e.what, e.venues) for e in rec.events] == [
        ("2015-03-30", "Nghe, hiểu", ["Trường Đại học An Khánh"]),
        ("2015-03-30", "Đọc, hiểu và viết", ["Trường Đại học An Khánh"]),
        ("2015-03-30", "Nói", ["Trường Đại học An Khánh"])]


YOUTH_UNION_RESOLUTION = """\
ĐOÀN KHỐI DOANH NGHIỆP TỈNH AN GIANG ĐOÀN THANH NIÊN CỘNG SẢN HCM
ĐOÀN CƠ SỞ
ĐIỆN LỰC AN GIANG
Số: 74/NQ-ĐLAG-ĐTN\tAn Giang, ngày 25 tháng 10 năm 2015
NGHỊ QUYẾT
Giới thiệu đoàn viên ưu tú vào Đảng
Đồng chí Trần Văn Minh, sinh ngày: 28/05/1990, chức vụ đoàn: Bí thư Chi đoàn.
Ban Thường vụ Đoàn cơ sở đề nghị Chi bộ xem xét, kết nạp đồng chí Trần Văn Minh vào Đảng.
T/M. BAN THƯỜNG VỤ
Nơi nhận:\tBÍ THƯ
- Như trên;
- Lưu BTV.
BA
xì
LÊ VĂN THÀNH
"""


def test_a_youth_union_header_joined_by_its_export_and_a_base_union_named_on_the_next_line(tmp_path):
    h = extract_header(doc_of(tmp_path, YOUTH_UNION_RESOLUTION))
    assert (h.issuer_parent.value, h.issuer.value) == ("ĐOÀN KHỐI DOANH NGHIỆP TỈNH AN GIANG",
                                                       "ĐOÀN CƠ SỞ ĐIỆN LỰC AN GIANG")


def test_a_name_in_capitals_under_the_seal_s_stray_letters_and_no_birth_date_as_an_event(tmp_path):
    p = tmp_path / "nq.txt"
    p.write_text(YOUTH_UNION_RESOLUTION, encoding="utf-8")
    rec = extract_file(p).record
    assert (rec.signer_authority, rec.signer_position, rec.signer_name) == ("T/M. BAN THƯỜNG VỤ", "BÍ THƯ",
                                                                           "LÊ VĂN THÀNH")
    assert rec.events == []


@pytest.mark.parametrize("line", ["TRƯỞNG PHÒNG", "PHÓ GIÁM ĐỐC", "TRƯỞNG BAN TUYÊN GIÁO"])
def test_a_title_in_capitals_is_no_name(line):
    from extractors.footer import _is_name

    assert not _is_name(line)


@pytest.mark.parametrize("parent, issuer", [("TTYT HUYỆN MÊ LINH", "PKĐK ĐẠI THỊNH"),
                                            ("ỦY BAN BẦU CỬ XÃ PHỐ BẢNG", "TIỂU BAN THÔNG TIN, TUYÊN TRUYỀN"),
                                            ("SỞ Y TẾ TỈNH AN GIANG", "PHÒNG KHÁM ĐA KHOA KHU VỰC")])
def test_a_clinic_or_a_sub_board_under_its_parent(tmp_path, parent, issuer):
    doc = doc_of(tmp_path, f"""{parent}\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
{issuer}\tĐộc lập - Tự do - Hạnh phúc
Số: 01/KH-PK\tMê Linh, ngày 10 tháng 12 năm 2025
KẾ HOẠCH
Hoạt động năm 2026
""")
    h = extract_header(doc)
    assert (h.issuer_parent.value, h.issuer.value) == (parent, issuer)


def test_a_headerless_submission_signed_by_its_body_over_its_head_s_title(tmp_path):
    p = tmp_path / "tt.txt"
    p.write_text("""Cộng hoà xã hội chủ nghĩa Việt Nam
Độc lập – Tự do – Hạnh phúc

TỜ TRÌNH
(V/v xin kinh phí tư vấn xây dựng công trình nhà văn hóa thôn)

Kính gửi: UBND huyện An Phú

Căn cứ tình hình thực hiện dự án, Ủy ban nhân dân thị trấn kính đề nghị UBND huyện xem xét cấp kinh phí.
Rất mong UBND huyện xem xét giúp đỡ!
UBND THỊ TRẤN AN PHÚ
Chủ tịch
""", encoding="utf-8")
    rec = extract_file(p).record
    assert (rec.issuer, rec.signer_position, rec.signer_name) == ("UBND THỊ TRẤN AN PHÚ", "Chủ tịch", None)


def test_a_web_export_s_summary_of_several_capital_lines_is_whole(tmp_path):
    p = tmp_path / "tb.md"
    p.write_text("""| CỤC THUẾ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
|---|---|
| Số: 983/TB-CT | Hà Nội, ngày 21 tháng 11 năm 2025 |

THÔNG BÁO
KẾ HOẠCH TẠM DỪNG
ỨNG DỤNG QUẢN LÝ THUẾ PHỤC VỤ VIỆC CHUYỂN ĐỔI HỆ THỐNG MÁY CHỦ VÀ LƯU TRỮ CƠ SỞ DỮ LIỆU
Cục Thuế có kế hoạch nâng cấp hệ thống từ 18h00 ngày 22/11/2025 đến 03h00 ngày 23/11/2025.
""", encoding="utf-8")
    assert extract_file(p).record.title == ("KẾ HOẠCH TẠM DỪNG ỨNG DỤNG QUẢN LÝ THUẾ PHỤC VỤ VIỆC CHUYỂN ĐỔI HỆ THỐNG"
                                            " MÁY CHỦ VÀ LƯU TRỮ CƠ SỞ DỮ LIỆU")


def test_an_attached_plan_after_the_letter_s_noi_nhan_is_not_its_type(tmp_path):
    doc = doc_of(tmp_path, """UBND TỈNH AN GIANG\tCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
BAN QUẢN LÝ CÁC KCN\tĐộc lập - Tự do - Hạnh phúc
Số: 406/KCN-QHMT\tAn Giang, ngày 16 tháng 11 năm 2012
VA: Triên khai kê hoạch quan trắc môi trường
Ban Quản lý các KCN triển khai Kế hoạch lấy mẫu (có biểu kèm theo công văn này)./.
Nơi nhận:\tKT. TRƯỞNG BAN
- Như trên;\tPHÓ TRƯỞNG BAN
- Lưu VT.
KẾ HOẠCH
LẤY MẪU CÁC ĐIỂM QUAN TRẮC MÔI TRƯỜNG NĂM 2012
""", ocr=True)
    h = extract_header(doc)
    assert h.doc_type is None or h.doc_type.value != "KẾ HOẠCH"
    f = extract_footer(doc, h.body_start)
    assert (f.signer_authority.value, f.signer_position.value) == ("KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN")


def test_a_group_row_of_a_schedule_is_no_activity(tmp_path):
    from test_content import ruled_table_docx

    p = ruled_table_docx(tmp_path / "kh.docx", ["KẾ HOẠCH", "Lấy mẫu quan trắc môi trường năm 2012", ""], [
        ["STT", "Tên doanh nghiệp", "Loại mẫu", "Thời gian", "Địa điểm"],
        ["I", "Khu công nghiệp Đình Trám", "", "", ""],
        ["1", "Công ty CP Alpha", "Nước thải: 01", "Sáng 16/11/2012", "Khu CN Đình Trám"],
        ["II", "Khu công nghiệp Quang Châu", "", "", ""],
        ["1", "Công ty CP Beta", "Nước thải: 01", "", "Khu CN Quang Châu"]])
    rec = extract_file(p).record
    assert [e.what for e in rec.events] == ["Công ty CP Alpha", "Công ty CP Beta"]


@pytest.mark.parametrize("title, generic", [("NỘI DUNG", True), ("NỌI DUNG", True), ("THỜI GIAN, ĐỊA ĐIỂM", True),
                                            ("Thòi gian", True), ("Hội thi kể chuyện về Bác", False)])
def test_a_part_heading_is_known_whatever_marks_ocr_gave_it(title, generic):
    from extractors.events import _generic_title

    assert _generic_title(title) is generic


def test_two_capital_words_wrapped_from_a_position_are_no_name():
    from extractors.footer import _is_name

    assert not _is_name("ĐÀO TẠO")  # "GIÁM ĐỐC SỞ GIÁO DỤC VÀ" / "ĐÀO TẠO"


def test_an_invitation_typed_by_its_symbol_is_titled_by_its_capital_line_over_kinh_gui(tmp_path):
    h = extract_header(doc_of(tmp_path, """UỶ BAN NHÂN DÂN\tCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH AN GIANG\tĐộc lập - Tự do - Hạnh phúc
Số: /GM-UBND\tAn Giang, ngày 17 tháng 10 năm 2012
MỜI HỌP UBND TỈNH
Kính gửi:
- Thường trực HĐND tỉnh;
- Các đồng chí Thành viên UBND tỉnh.
UBND tỉnh tổ chức họp thường kỳ tháng 10 năm 2012.
"""))
    assert (h.doc_type.value, h.title.value) == ("GIẤY MỜI", "MỜI HỌP UBND TỈNH")


def test_a_scanned_summary_ends_at_kinh_gui_ocr_read_without_its_mark(tmp_path):
    h = extract_header(doc_of(tmp_path, """BỘ TÀI CHÍNH\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
CỤC THUẾ\tĐộc lập - Tự do - Hạnh phúc
Số: 2191/CT-CS\tHà Nội, ngày 08 tháng 4 năm 2026
V/v chính sách thuế TNDN
Kinh gửi: Thuế tỉnh An Giang.
Cục Thuế nhận được Công văn số 57/AGI-QLDN2 ngày 15/12/2025 của Thuế tỉnh An Giang.
""", ocr=True))
    assert h.title.value == "chính sách thuế TNDN"


def test_a_part_label_under_the_summary_is_no_part_of_it(tmp_path):
    h = extract_header(doc_of(tmp_path, """TRƯỜNG ĐẠI HỌC AN KHÁNH\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
PHÒNG CÔNG TÁC SINH VIÊN\tĐộc lập - Tự do - Hạnh phúc
Số: 12/TB-ĐHAK\tAn Giang, ngày 10 tháng 9 năm 2019
THÔNG BÁO
V/v tổ chức Lễ trao bằng tốt nghiệp năm 2019
Đối tượng
- Sinh viên tốt nghiệp đợt 1 năm 2019.
"""))
    assert h.title.value == "V/v tổ chức Lễ trao bằng tốt nghiệp năm 2019"


def test_a_weekly_schedule_s_first_day_is_no_part_of_its_summary(tmp_path):
    p = tmp_path / "lct.txt"
    p.write_text("""UBND HUYỆN AN PHÚ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
VĂN PHÒNG HĐND VÀ UBND\tĐộc lập - Tự do - Hạnh phúc
\tAn Phú, ngày 08 tháng 3 năm 2024
LỊCH CÔNG TÁC TUẦN
Của Thường trực HĐND và lãnh đạo UBND huyện (Từ ngày 11/3 đến ngày 15/3/2024)
THỨ HAI (11/3)
- 7h30: Chủ tịch UBND huyện dự chào cờ đầu tuần tại Hội trường UBND huyện.
THỨ BA (12/3)
- Cả ngày: Chủ tịch UBND huyện dự Hội nghị tại tỉnh.
""", encoding="utf-8")
    rec = extract_file(p).record
    assert rec.title == ("TUẦN Của Thường trực HĐND và lãnh đạo UBND huyện"
                         " (Từ ngày 11/3 đến ngày 15/3/2024)")
    assert [e.start for e in rec.events] == ["2024-03-11T07:30", "2024-03-12"]
