"""Header and footer fields (Decree 30/2020/NĐ-CP) on documents written for these tests."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from extractors.footer import extract_footer
from extractors.header import extract_header
from pipeline.read.build import build_document
from pipeline.read.readers import read

PLAIN = """\
HUYỆN ĐOÀN BẢO LÂM
BCH ĐOÀN XÃ LỘC THÀNH

ĐOÀN TNCS HỒ CHÍ MINH

Bảo Lâm, ngày 04 tháng 5 năm 2024

Số: 07 - KH/ĐTN

KẾ HOẠCH

Tổ chức Ngày hội thanh niên với văn hóa giao thông năm 2024

Thực hiện chương trình công tác Đoàn năm 2024, Ban Chấp hành Đoàn xã ban hành kế hoạch như sau:

I. MỤC ĐÍCH

- Nâng cao ý thức chấp hành pháp luật về giao thông.

Nơi nhận:
- Huyện Đoàn Bảo Lâm (b/c);
- Đảng ủy xã (b/c);
- Các chi đoàn;
- Lưu VP.

TM. BAN CHẤP HÀNH
PHÓ BÍ THƯ

Lê Thị Hồng Nhung
"""

LAYOUT = """\
     UBND TỈNH NINH THUẬN              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
  SỞ VĂN HÓA, THỂ THAO                      Độc lập - Tự do - Hạnh phúc
        VÀ DU LỊCH
   Số: 215 /SVHTTDL-QLVH              Ninh Thuận, ngày 9 tháng 10 năm 2019
V/v tổ chức Liên hoan văn nghệ
   quần chúng năm 2019

                    Kính gửi: Ủy ban nhân dân các huyện, thành phố

      Căn cứ kế hoạch công tác năm 2019, Sở Văn hóa, Thể thao và Du lịch đề nghị các đơn vị
đăng ký tham gia và gửi danh sách về Sở trước ngày 20/10/2019./.

  Nơi nhận:                                            KT. GIÁM ĐỐC
  - Như trên;                                          PHÓ GIÁM ĐỐC
  - Giám đốc, các PGĐ Sở;
  - Lưu: VT, QLVH.

                                                       Nguyễn Văn Bình
"""


def doc_of(tmp_path: Path, text: str, name: str = "doc.txt", ocr: bool = False):
    """The text as a document; ocr=True marks its pages as read by OCR (a scan's text)."""
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    doc = build_document(read(p))
    if ocr:
        doc.pages[:] = [dataclasses.replace(page, source="ocr") for page in doc.pages]
    return doc


def values(obj, names):
    return {n: (getattr(obj, n).value if getattr(obj, n) is not None else None) for n in names}


HEADER_NAMES = ["doc_type", "number", "issuer", "issuer_parent", "issue_place", "issue_date", "title"]


def test_header_of_a_text_export(tmp_path):
    h = extract_header(doc_of(tmp_path, PLAIN))
    assert values(h, HEADER_NAMES) == {
        "doc_type": "KẾ HOẠCH",
        "number": "07-KH/ĐTN",
        "issuer": "BCH ĐOÀN XÃ LỘC THÀNH",
        "issuer_parent": "HUYỆN ĐOÀN BẢO LÂM",
        "issue_place": "Bảo Lâm",
        "issue_date": "2024-05-04",
        "title": "Tổ chức Ngày hội thanh niên với văn hóa giao thông năm 2024",
    }


def test_header_of_a_layout_cong_van(tmp_path):
    h = extract_header(doc_of(tmp_path, LAYOUT))
    got = values(h, HEADER_NAMES)
    assert got["doc_type"] == "CÔNG VĂN"
    assert got["number"] == "215/SVHTTDL-QLVH"
    assert got["issuer_parent"] == "UBND TỈNH NINH THUẬN"
    assert got["issuer"] == "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"  # continued on the next line
    assert got["issue_place"] == "Ninh Thuận"
    assert got["issue_date"] == "2019-10-09"
    assert got["title"] == "tổ chức Liên hoan văn nghệ quần chúng năm 2019"


def test_provenance_points_at_the_source_text(tmp_path):
    doc = doc_of(tmp_path, LAYOUT)
    h = extract_header(doc)
    span = h.number.spans[0]
    assert "215" in doc.text[span.start:span.end]
    assert span.page == 1
    date_span = h.issue_date.spans[0]
    assert doc.text[date_span.start:date_span.end].startswith("9 tháng 10")


def test_number_missing_digits_on_a_scan_is_left_for_review(tmp_path):
    text = LAYOUT.replace("Số: 215 /SVHTTDL-QLVH", "Số:     /SVHTTDL-QLVH").replace("ngày 9 tháng", "ngày   tháng")
    h = extract_header(doc_of(tmp_path, text, ocr=True))
    assert h.number is None or h.number.value is None
    assert h.number is not None and h.number.review
    assert h.issue_date.value is None and h.issue_date.review
    assert h.issue_place.value == "Ninh Thuận"


def test_a_drafts_blank_number_and_day_keep_what_is_printed(tmp_path):
    # born-digital text: nothing was handwritten, the blanks are the document's own (a draft)
    text = LAYOUT.replace("Số: 215 /SVHTTDL-QLVH", "Số:     /SVHTTDL-QLVH").replace("ngày 9 tháng", "ngày   tháng")
    h = extract_header(doc_of(tmp_path, text))
    assert h.number.value == "/SVHTTDL-QLVH" and h.number.review
    assert h.issue_date.value == "2019-10" and h.issue_date.review
    assert h.issue_place.value == "Ninh Thuận"


def test_issuer_named_in_the_body_when_the_header_has_none(tmp_path):
    text = """Số: 12/KH-NVH\n\nĐà Lạt, ngày 2 tháng 3 năm 2025\n\nKẾ HOẠCH\nHội trại tòng quân năm 2025\n\n
Thực hiện chương trình công tác năm 2025, Nhà Văn hóa Thanh niên tỉnh Lâm Đồng xây dựng kế hoạch như sau:\n"""
    h = extract_header(doc_of(tmp_path, text))
    assert h.issuer.value == "Nhà Văn hóa Thanh niên tỉnh Lâm Đồng"
    assert h.issuer_parent is None


def test_type_word_with_title_on_one_line(tmp_path):
    text = "THÔNG BÁO LỊCH TIẾP CÔNG DÂN THÁNG 6 NĂM 2024\n\nCăn cứ Luật Tiếp công dân, ...\n"
    h = extract_header(doc_of(tmp_path, text))
    assert h.doc_type.value == "THÔNG BÁO"
    assert h.title.value == "LỊCH TIẾP CÔNG DÂN THÁNG 6 NĂM 2024"


def test_footer_of_a_text_export(tmp_path):
    doc = doc_of(tmp_path, PLAIN)
    f = extract_footer(doc, extract_header(doc).body_start)
    assert [r.value for r in f.recipients] == [
        "Huyện Đoàn Bảo Lâm (b/c)", "Đảng ủy xã (b/c)", "Các chi đoàn", "Lưu VP"]
    assert f.signer_authority.value == "TM. BAN CHẤP HÀNH"
    assert f.signer_position.value == "PHÓ BÍ THƯ"
    assert f.signer_name.value == "Lê Thị Hồng Nhung"


def test_footer_two_columns_on_the_same_lines(tmp_path):
    doc = doc_of(tmp_path, LAYOUT)
    f = extract_footer(doc, extract_header(doc).body_start)
    assert [r.value for r in f.recipients] == ["Như trên", "Giám đốc, các PGĐ Sở", "Lưu: VT, QLVH"]
    assert f.signer_authority.value == "KT. GIÁM ĐỐC"
    assert f.signer_position.value == "PHÓ GIÁM ĐỐC"
    assert f.signer_name.value == "Nguyễn Văn Bình"


@pytest.mark.parametrize("authority", ["TL. CHỦ TỊCH", "T/M. BAN THƯỜNG VỤ", "TUQ. GIÁM ĐỐC", "Q. HIỆU TRƯỞNG"])
def test_authority_forms(tmp_path, authority):
    text = PLAIN.replace("TM. BAN CHẤP HÀNH", authority)
    doc = doc_of(tmp_path, text)
    f = extract_footer(doc, extract_header(doc).body_start)
    assert f.signer_authority.value == authority
    assert f.signer_name.value == "Lê Thị Hồng Nhung"


def test_wrapped_recipient_lines_are_joined(tmp_path):
    text = LAYOUT.replace("  - Giám đốc, các PGĐ Sở;\n",
                          "  - Trung tâm Văn hóa - Điện ảnh (phối hợp\n  tổ chức);\n")
    doc = doc_of(tmp_path, text)
    f = extract_footer(doc, extract_header(doc).body_start)
    assert "Trung tâm Văn hóa - Điện ảnh (phối hợp tổ chức)" in [r.value for r in f.recipients]


def test_web_post_heading_in_sentence_case(tmp_path):
    text = ("Kế hoạch tổ chức Hội khỏe Phù Đổng cấp trường năm học 2024 - 2025\n\n"
            "Căn cứ kế hoạch năm học, nhà trường xây dựng kế hoạch như sau:\n")
    h = extract_header(doc_of(tmp_path, text))
    assert h.doc_type.value == "KẾ HOẠCH"
    assert h.title.value == "tổ chức Hội khỏe Phù Đổng cấp trường năm học 2024 - 2025"


def test_number_read_with_ocr_marks(tmp_path):
    text = LAYOUT.replace("Số: 215 /SVHTTDL-QLVH", "Sô: 215 /SVHTTDL-QLVH")
    assert extract_header(doc_of(tmp_path, text)).number.value == "215/SVHTTDL-QLVH"


def test_motto_with_a_font_quirk_is_not_an_issuer(tmp_path):
    # pdftotext of some fonts gives "HÕA" for "HÒA"; the motto must still be recognised
    text = LAYOUT.replace("CỘNG HÒA XÃ HỘI", "CỘNG HÕA XÃ HỘI")
    h = extract_header(doc_of(tmp_path, text))
    assert h.issuer_parent.value == "UBND TỈNH NINH THUẬN"


@pytest.mark.parametrize("name, expected", [
    ("2193 tb syt.pdf", "2193/TB-SYT"),          # the file name holds the number and the symbol
    ("AQr_2193 TB-SYT.pdf", "2193/TB-SYT"),
    ("thong bao 2017.pdf", None),                 # a year is not the number
    ("2193.pdf", None),                           # no symbol in the name: no agreement, no guess
    ("12 15 tb syt.pdf", None),                   # two candidate numbers: unsure
])
def test_handwritten_number_agrees_with_the_file_name(tmp_path, name, expected):
    text = LAYOUT.replace("Số: 215 /SVHTTDL-QLVH", "Số:     /TB-SYT")
    h = extract_header(doc_of(tmp_path, text, name=name, ocr=True))
    assert h.number.value == expected
    assert h.number.review


def test_wrapped_recipient_in_capitals_does_not_break_the_signature(tmp_path):
    text = """\
KẾ HOẠCH
Tổ chức hội trại

Nơi nhận:                                  TM. BAN THƯỜNG VỤ ĐOÀN PHƯỜNG
- Quận Đoàn: Ban Tổ chức, Ban Tuyên giáo,              BÍ THƯ
VP-TC;
- Đảng ủy phường;
- Lưu.                                             Lê Thị Mai
"""
    doc = doc_of(tmp_path, text)
    f = extract_footer(doc, extract_header(doc).body_start)
    assert (f.signer_authority.value, f.signer_position.value, f.signer_name.value) == (
        "TM. BAN THƯỜNG VỤ ĐOÀN PHƯỜNG", "BÍ THƯ", "Lê Thị Mai")
    assert f.recipients[0].value == "Quận Đoàn: Ban Tổ chức, Ban Tuyên giáo, VP-TC"


@pytest.mark.parametrize("printed", ["Đại tá Lê Thị Hồng Nhung", "ThS. Lê Thị Hồng Nhung", "PGS.TS. Lê Thị Hồng Nhung"])
def test_rank_or_degree_before_the_name(tmp_path, printed):
    doc = doc_of(tmp_path, PLAIN.replace("Lê Thị Hồng Nhung", printed))
    assert extract_footer(doc, extract_header(doc).body_start).signer_name.value == "Lê Thị Hồng Nhung"


def test_three_levels_in_the_header_the_parent_is_the_direct_superior(tmp_path):
    text = PLAIN.replace("HUYỆN ĐOÀN BẢO LÂM\nBCH ĐOÀN XÃ LỘC THÀNH",
                         "UBND HUYỆN BẢO LÂM\nPHÒNG GIÁO DỤC VÀ ĐÀO TẠO\nTRƯỜNG THCS LỘC THÀNH")
    h = extract_header(doc_of(tmp_path, text))
    assert (h.issuer_parent.value, h.issuer.value) == ("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "TRƯỜNG THCS LỘC THÀNH")


def test_decision_summary_stops_before_the_deciding_authority(tmp_path):
    text = ("Số: 88/QĐ-SCT\nĐà Lạt, ngày 3 tháng 5 năm 2024\n\nQUYẾT ĐỊNH\nVỀ VIỆC THÀNH LẬP BAN TỔ CHỨC HỘI THI\n"
            "GIÁM ĐỐC SỞ CÔNG THƯƠNG\nCăn cứ Luật Tổ chức chính quyền địa phương;\n")
    h = extract_header(doc_of(tmp_path, text))
    assert h.title.value == "VỀ VIỆC THÀNH LẬP BAN TỔ CHỨC HỘI THI"


@pytest.mark.parametrize("second", ["NĂM HỌC 2019 – 2020", "NHIỆM KỲ 2022 - 2027", "GIAI ĐOẠN 2021-2025"])
def test_a_period_line_in_capitals_continues_a_sentence_case_title(tmp_path, second):
    text = f"""\
PHÒNG GD&ĐT HUYỆN CỦ CHI                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TRƯỜNG THCS AN NHƠN TÂY                      Độc lập - Tự do - Hạnh phúc

Số: 45/KH-THCS                         An Nhơn Tây, ngày 15 tháng 9 năm 2019

KẾ HOẠCH
Hoạt động ngoài giờ lên lớp
{second}

I. MỤC ĐÍCH, YÊU CẦU
1. Giáo dục học sinh.
"""
    h = extract_header(doc_of(tmp_path, text))
    assert h.title.value == f"Hoạt động ngoài giờ lên lớp {second}"
    # a line in capitals that is not a period still ends a sentence-case summary
    h = extract_header(doc_of(tmp_path, text.replace(second, "HIỆU TRƯỞNG TRƯỜNG THCS AN NHƠN TÂY")))
    assert h.title.value == "Hoạt động ngoài giờ lên lớp"


def test_scanned_signature_block_without_a_legible_name(tmp_path):
    # OCR lost the marks and the dot, a seal came out as letters, the handwritten name is unreadable
    text = (LAYOUT.replace("KT. GIÁM ĐỐC", "KT CHANH VAN PHONG").replace("PHÓ GIÁM ĐỐC", "PHO CHANH VAN PHONG")
            .replace("Nguyễn Văn Bình", "Co ẮI /"))
    f = extract_footer(doc_of(tmp_path, text, ocr=True))
    assert f.signer_authority.value == "KT. CHÁNH VĂN PHÒNG"
    assert f.signer_position.value == "PHÓ CHÁNH VĂN PHÒNG"
    assert f.signer_name is None
    # the same block in a born-digital text is not respelt, and without a name gives no signer
    f = extract_footer(doc_of(tmp_path, text))
    assert f.signer_position is None


def test_date_line_with_blank_day_and_month_still_gives_the_place(tmp_path):
    text = LAYOUT.replace("Ninh Thuận, ngày 9 tháng 10 năm 2019", "Ninh Thuận, ngày    tháng    năm 2019")
    h = extract_header(doc_of(tmp_path, text))
    assert (h.issue_place.value, h.issue_date.value) == ("Ninh Thuận", "2019")  # a draft: the year is known
    h = extract_header(doc_of(tmp_path, text, ocr=True))
    assert h.issue_place.value == "Ninh Thuận" and h.issue_date.value is None and h.issue_date.review


def test_scanned_place_name_takes_the_gazetteer_spelling_and_a_draft_mark_is_not_the_issuer(tmp_path):
    text = LAYOUT.replace("Ninh Thuận, ngày", "Ninh Thuân, ngày").replace("VÀ DU LỊCH", "VÀ DU LỊCH (DỰ THẢO)")
    h = extract_header(doc_of(tmp_path, text, ocr=True))
    assert h.issue_place.value == "Ninh Thuận"
    assert h.issuer.value == "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"


def test_summary_lines_going_on_with_a_cited_date_and_a_parenthesised_vv(tmp_path):
    text = LAYOUT.replace("V/v tổ chức Liên hoan văn nghệ\n   quần chúng năm 2019",
                          "V/v góp ý dự thảo theo Công văn số 8151/BNV-CCHC\nngày 18/9/2025 của Bộ Nội vụ")
    assert extract_header(doc_of(tmp_path, text)).title.value == \
        "góp ý dự thảo theo Công văn số 8151/BNV-CCHC ngày 18/9/2025 của Bộ Nội vụ"
    notice = """TRƯỜNG ĐẠI HỌC CÔNG NGHỆ THÔNG TIN          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Số: 45/TB-ĐHCNTT                              TP. Hồ Chí Minh, ngày 5 tháng 1 năm 2014

THÔNG BÁO
(V/v Tăng cường giám sát trong phòng thi)
Hiện nay Phòng Công tác Sinh viên đã nhận được phản ánh của sinh viên về việc mất cắp tài sản.
"""
    assert extract_header(doc_of(tmp_path, notice)).title.value == "Tăng cường giám sát trong phòng thi"


def test_urgency_and_confidentiality_marks(tmp_path):
    from pipeline.extract import extract_record

    text = LAYOUT.replace("V/v tổ chức Liên hoan văn nghệ", "V/v tổ chức Liên hoan văn nghệ          HỎA TỐC")
    text = text.replace("                    Kính gửi:", "                    MẬT\n\n                    Kính gửi:")
    rec = extract_record(doc_of(tmp_path, text))
    assert (rec.urgency, rec.confidentiality) == ("HỎA TỐC", "MẬT")
    assert rec.provenance["urgency"][0].text == "HỎA TỐC"
    # the words inside a sentence are not marks
    rec = extract_record(doc_of(tmp_path, LAYOUT.replace("đề nghị các đơn vị", "đề nghị các đơn vị khẩn trương")))
    assert rec.urgency is None and rec.confidentiality is None


@pytest.mark.parametrize("read_as, expected", [
    ("PHO CHUŨ TỊCH", "PHÓ CHỦ TỊCH"),  # marks OCR garbled: the title it spells
    ("XSNJjJ", "PHÓ GIÁM ĐỐC"),  # seal strokes read as letters: not a position; KT. names the deputy
    ("⁄⁄<›TRƯỞNG PHÒNG”", "TRƯỞNG PHÒNG"),  # a signature's stroke read as marks glued to the title
])
def test_position_line_on_a_scan(tmp_path, read_as, expected):
    text = LAYOUT.replace("PHÓ GIÁM ĐỐC", read_as.ljust(len("PHÓ GIÁM ĐỐC")))
    doc = doc_of(tmp_path, text, ocr=True)
    f = extract_footer(doc, extract_header(doc).body_start)
    assert f.signer_authority.value == "KT. GIÁM ĐỐC"
    assert f.signer_position.value == expected
    assert f.signer_name.value == "Nguyễn Văn Bình"


def test_the_deputy_signing_for_the_head_when_the_position_line_is_lost(tmp_path):
    text = "\n".join(ln for ln in LAYOUT.splitlines() if "PHÓ GIÁM ĐỐC" not in ln or "Như trên" in ln)
    text = text.replace("PHÓ GIÁM ĐỐC", "")
    doc = doc_of(tmp_path, text, ocr=True)
    f = extract_footer(doc, extract_header(doc).body_start)
    assert (f.signer_authority.value, f.signer_position.value) == ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")
    assert f.signer_position.review  # inferred, so a person is asked to check it


def test_titles_and_deputies():
    from extractors.footer import _deputy_of, _known_title

    assert _known_title("TRƯỞNG PHÒNG ĐÀO TẠO") == "TRƯỞNG PHÒNG ĐÀO TẠO"
    assert _known_title("7 NG") is None and _known_title("Z") is None
    assert _deputy_of("KT. BỘ TRƯỞNG") == "THỨ TRƯỞNG"
    assert _deputy_of("K/T CHỦ TỊCH") == "PHÓ CHỦ TỊCH"
    assert _deputy_of("KT. TRƯỞNG PHÒNG CÔNG TÁC SINH VIÊN") == "PHÓ TRƯỞNG PHÒNG"
    assert _deputy_of("TM. ỦY BAN NHÂN DÂN") is None


def test_an_illegible_printed_day_takes_the_signing_day_of_the_same_month(tmp_path):
    from pipeline.extract import extract_record

    blank = LAYOUT.replace("ngày 9 tháng", "ngày   tháng")
    stamped = blank + "\nKý bởi: Sở Văn hóa, Thể thao và Du lịch\nThời gian ký: 11.10.2019 16:20:05\n"
    rec = extract_record(doc_of(tmp_path, stamped, ocr=True))
    assert rec.issue_date == "2019-10-11" and "signature" in rec.review["issue_date"]
    # a signature of another month (a later copy) is no evidence of the printed day
    other = blank + "\nThời gian ký: 02.11.2019 08:00:00\n"
    assert extract_record(doc_of(tmp_path, other, ocr=True)).issue_date is None


def test_a_stray_full_stop_after_the_type_word(tmp_path):
    h = extract_header(doc_of(tmp_path, PLAIN.replace("KẾ HOẠCH", "KẾ HOẠCH.")))
    assert h.doc_type.value == "KẾ HOẠCH"
    assert h.title.value == "Tổ chức Ngày hội thanh niên với văn hóa giao thông năm 2024"


def test_the_heads_title_in_a_scanned_authority_is_spelt_as_titles_are(tmp_path):
    text = LAYOUT.replace("KT. GIÁM ĐỐC", "KT.GIÁM ĐÓC ")
    f = extract_footer(doc := doc_of(tmp_path, text, ocr=True), extract_header(doc).body_start)
    assert f.signer_authority.value == "KT.GIÁM ĐỐC"
    assert f.signer_position.value == "PHÓ GIÁM ĐỐC"


INVITATION_WITH_PROGRAMME = """\
     UBND TỈNH NINH THUẬN              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
  SỞ VĂN HÓA, THỂ THAO                      Độc lập - Tự do - Hạnh phúc
        VÀ DU LỊCH
   Số: 31/GM-SVHTTDL                  Ninh Thuận, ngày 02 tháng    năm 2019

                    Kính gửi: Ủy ban nhân dân các huyện, thành phố

      Sở Văn hóa, Thể thao và Du lịch tổ chức Hội nghị tổng kết công tác văn hóa cơ sở.
      Thời gian: 8 giờ ngày 15/10/2019. Địa điểm: Hội trường Sở.

  Nơi nhận:                                            KT. GIÁM ĐỐC
  - Như trên;                                          PHÓ GIÁM ĐỐC
  - Lưu: VT.
                                                       Nguyễn Văn Bình

     UBND TỈNH NINH THUẬN              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
  SỞ VĂN HÓA, THỂ THAO                      Độc lập - Tự do - Hạnh phúc
        VÀ DU LỊCH

                              CHƯƠNG TRÌNH
                 Hội nghị tổng kết công tác văn hóa cơ sở
"""


@pytest.mark.parametrize("number, expected", [
    ("Số: 31/GM-SVHTTDL", "GIẤY MỜI"),        # state grammar: number/TYPE-ISSUER
    ("Số: 12-TB/ĐTN", "THÔNG BÁO"),          # Youth Union and Party grammar: number-TYPE/ISSUER
    ("Số: 45/2019/QĐ-UBND", "QUYẾT ĐỊNH"),  # a legal text's year before the type
    ("Số: 215/SVHTTDL-QLVH", None),         # a công văn's symbol names no type
])
def test_type_from_the_symbol_when_no_type_word_is_printed_and_an_annex_has_its_own_header(
        tmp_path, number, expected):
    text = INVITATION_WITH_PROGRAMME.replace("Số: 31/GM-SVHTTDL", number.ljust(len("Số: 31/GM-SVHTTDL")))
    h = extract_header(doc_of(tmp_path, text))
    # the programme's "CHƯƠNG TRÌNH" belongs to the annex's own header, not to this document
    assert (h.doc_type.value if h.doc_type else None) == expected
    if expected:
        assert "symbol" in h.doc_type.review and h.doc_type.spans[0].text == number[4:]
    assert h.title is None
    # the day stands but the month was left blank: the place is still read
    assert h.issue_place.value == "Ninh Thuận"


@pytest.mark.parametrize("read_as", ["“Nguyễn Văn Bình", "Nguyễn Văn Bình ~", "_ Nguyễn Văn Bình”"])
def test_signature_strokes_read_as_quotes_or_dashes_around_the_name(tmp_path, read_as):
    text = LAYOUT.replace("Nguyễn Văn Bình", read_as)
    assert extract_footer(doc_of(tmp_path, text, ocr=True)).signer_name.value == "Nguyễn Văn Bình"


def test_a_scanned_position_without_a_legible_name_still_stands(tmp_path):
    # no authority; the name is ink under the seal; a margin note OCR garbled stands below
    text = (LAYOUT.replace("KT. GIÁM ĐỐC", "GIÁM ĐÓC").replace("PHÓ GIÁM ĐỐC", "")
            .replace("Nguyễn Văn Bình", "HOŸÝOH T IỌNI 2V31L WYN ĐNOQ/13LL NW1IG 2Y2 fIYN ÄY £10£ NVY()Ò độig5u"))
    f = extract_footer(doc_of(tmp_path, text, ocr=True))
    assert (f.signer_position.value, f.signer_authority, f.signer_name) == ("GIÁM ĐỐC", None, None)
    # an authority and its position are not undone by the garble below "Nơi nhận"
    text = LAYOUT.replace("Nguyễn Văn Bình", "HOŸÝOH T IỌNI 2V31L WYN ĐNOQ/13LL NW1IG 2Y2 fIYN ÄY £10£ NVY()Ò")
    f = extract_footer(doc_of(tmp_path, text, ocr=True))
    assert (f.signer_authority.value, f.signer_position.value) == ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")
    # a born-digital block without a name is no signature
    assert extract_footer(doc_of(tmp_path, text)).signer_position is None


def test_dates_cited_under_the_header_are_not_the_date_of_issue(tmp_path):
    # the date line's month is illegible on the scan: the law cited below is not the date line
    text = LAYOUT.replace("ngày 9 tháng 10 năm 2019", "ngày 09 tháng    năm 2019").replace(
        "      Căn cứ kế hoạch", "Căn cứ Luật Viên chức ngày 15/11/2010;\n      Căn cứ kế hoạch")
    h = extract_header(doc_of(tmp_path, text, ocr=True))
    assert h.issue_place.value == "Ninh Thuận" and h.issue_date.value is None and h.issue_date.review
    # the date line garbled beyond reading; the summary goes on with a date in figures
    text = LAYOUT.replace("Ninh Thuận, ngày 9 tháng 10 năm 2019", "Ninh Thuận, ngàyO(hángQ1 năm 2019").replace(
        "   quần chúng năm 2019", "ngày 26/12/2018")
    date = extract_header(doc_of(tmp_path, text, ocr=True)).issue_date
    assert date is None or (date.value is None and date.review)


def test_copies_sent_electronically_are_recipients_too_and_a_garbled_noi_nhan_is_found_on_scans(tmp_path):
    text = LAYOUT.replace("  - Lưu: VT, QLVH.",
                          "  - Lưu: VT, QLVH.\n  Bản điện tử:\n  - Lãnh đạo Sở;\n  - Các phòng thuộc Sở.")
    f = extract_footer(doc_of(tmp_path, text))
    assert [r.value for r in f.recipients] == ["Như trên", "Giám đốc, các PGĐ Sở", "Lưu: VT, QLVH",
                                              "Lãnh đạo Sở", "Các phòng thuộc Sở"]
    assert f.signer_name.value == "Nguyễn Văn Bình"
    garbled = LAYOUT.replace("Nơi nhận:", "tVớI nhận:")
    assert [r.value for r in extract_footer(doc_of(tmp_path, garbled, ocr=True)).recipients][:1] == ["Như trên"]
    # in a born-digital text the same letters are not "Nơi nhận"
    assert extract_footer(doc_of(tmp_path, garbled)).recipients == []


def _centred_plan_pdf(path: Path, title: list[str], body: list[str]) -> Path:
    """A real PDF page: the type word and the summary centred, the body's lines from margin to
    margin with a first-line indent, no blank line between them (as PDFs and scans are read)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from tests.fixtures_office import register_fonts

    register_fonts()
    c = canvas.Canvas(str(path), pagesize=A4)
    w, h = A4
    left, right, y = 85, w - 57, h - 70
    c.setFont("Serif", 13)
    c.drawString(left, y, "UBND TỈNH LÂM ĐỒNG")
    c.drawString(w / 2 + 10, y, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    y -= 18
    c.drawString(left, y, "Số: 12/KH-UBND")
    c.drawString(w / 2 + 10, y, "Lâm Đồng, ngày 5 tháng 4 năm 2024")
    y -= 40
    for text in ["KẾ HOẠCH", *title]:
        c.drawCentredString((left + right) / 2, y, text)
        y -= 18
    for i, text in enumerate(body):
        c.drawString(left + (35 if i == 0 else 0), y, text)
        y -= 18
    c.save()
    return path


def test_the_summary_ends_where_the_body_paragraph_begins_on_a_page_with_positions(tmp_path):
    body = ["Ủy ban nhân dân tỉnh phối hợp với Trường Đại học Đà Lạt tổ chức hội thảo nhằm giới",
            "thiệu cơ hội việc làm cho sinh viên đã tốt nghiệp và sinh viên năm cuối của các ngành."]
    pdf = _centred_plan_pdf(tmp_path / "kh.pdf", ["Tổ chức Hội thảo cơ hội việc làm", "cho sinh viên năm 2024"], body)
    h = extract_header(build_document(read(pdf)))
    assert h.title.value == "Tổ chức Hội thảo cơ hội việc làm cho sinh viên năm 2024"
    # a centred summary line wider than the one above it is still the summary
    pdf = _centred_plan_pdf(tmp_path / "kh2.pdf", ["Tổ chức truyền thông và Cuộc thi",
                                                 "“Đồng lòng tiếp sức - Hướng tới kỷ lục” hưởng ứng Ngày hội Đọc sách"],
                            ["Căn cứ Kế hoạch số 01/KH-SGDĐT ngày 02/01/2024 của Sở Giáo dục và Đào tạo;"])
    assert extract_header(build_document(read(pdf))).title.value == \
        "Tổ chức truyền thông và Cuộc thi “Đồng lòng tiếp sức - Hướng tới kỷ lục” hưởng ứng Ngày hội Đọc sách"


def test_a_long_summary_in_one_word_paragraph(tmp_path):
    summary = ("Phổ biến, tuyên truyền, hướng dẫn các nội dung định hướng phát triển ngành Thông tin và "
               "Truyền thông và về chuyển đổi sang sử dụng điện thoại thông minh, sử dụng các nền tảng số, "
               "thanh toán không dùng tiền mặt cho người dân trên địa bàn tỉnh năm 2022")
    assert len(summary) > 200
    text = f"SỞ THÔNG TIN VÀ TRUYỀN THÔNG\n\nSố: 12/KH-STTTT\n\nKẾ HOẠCH\n{summary}\n\nCăn cứ Kế hoạch số 1/KH-UBND;\n"
    assert extract_header(doc_of(tmp_path, text)).title.value == summary


def test_scanned_issuer_block_with_ocr_specks_and_a_blank_number_without_colon(tmp_path):
    text = (LAYOUT.replace("  SỞ VĂN HÓA, THỂ THAO ", ". SỞ VĂN HÓA, THỂ THAO ").replace("        VÀ DU LỊCH\n",
                                                                                         "        VÀ DU LỊCH\n  Q\n")
            .replace("Số: 215 /SVHTTDL-QLVH", "Số /SVHTTDL-QLVH  "))
    h = extract_header(doc_of(tmp_path, text, ocr=True))
    assert (h.issuer_parent.value, h.issuer.value) == ("UBND TỈNH NINH THUẬN", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH")
    assert h.number.value is None and "SVHTTDL-QLVH" in h.number.review


def test_an_internal_submission_slip_is_a_type(tmp_path):
    text = LAYOUT.replace("V/v tổ chức Liên hoan văn nghệ\n   quần chúng năm 2019",
                          "PHIẾU TRÌNH GIẢI QUYẾT CÔNG VIỆC")
    assert extract_header(doc_of(tmp_path, text)).doc_type.value == "PHIẾU TRÌNH GIẢI QUYẾT CÔNG VIỆC"


@pytest.mark.parametrize("read_as, expected", [("Nguyên Văn Bình", "Nguyễn Văn Bình"), ("Trân Thế Sơn", "Trần Thế Sơn"),
                                               ("Dinh Đức Anh", "Đinh Đức Anh"), ("Mai Văn Bình", "Mai Văn Bình")])
def test_a_scanned_surname_is_spelt_as_the_family_name_its_letters_fold_to(tmp_path, read_as, expected):
    text = LAYOUT.replace("Nguyễn Văn Bình", read_as)
    assert extract_footer(doc_of(tmp_path, text, ocr=True)).signer_name.value == expected
    assert extract_footer(doc_of(tmp_path, text)).signer_name.value == read_as  # born-digital: as printed


def test_signature_blocks_as_exports_break_them(tmp_path):
    # the name broken after the surname; the authority wrapped into the line before it
    text = PLAIN.replace("TM. BAN CHẤP HÀNH\nPHÓ BÍ THƯ\n\nLê Thị Hồng Nhung",
                         "TM. BAN CHẤP\nHÀNH KT. BÍ THƯ\nPHÓ BÍ THƯ\nLê\nThị Hồng Nhung")
    f = extract_footer(doc_of(tmp_path, text))
    assert (f.signer_authority.value, f.signer_position.value, f.signer_name.value) == \
        ("KT. BÍ THƯ", "PHÓ BÍ THƯ", "Lê Thị Hồng Nhung")
    # a position wrapped after "VÀ"; a recipient line the list wrapped onto between the block's lines
    text = LAYOUT.replace("  - Giám đốc, các PGĐ Sở;", "  - Giám đốc, các PGĐ Sở,\n  các phòng: TH, NNMT;").replace(
        "PHÓ GIÁM ĐỐC", "GIÁM ĐỐC SỞ VĂN HÓA VÀ\n                                                       DU LỊCH")
    f = extract_footer(doc_of(tmp_path, text))
    assert (f.signer_authority.value, f.signer_position.value) == ("KT. GIÁM ĐỐC", "GIÁM ĐỐC SỞ VĂN HÓA VÀ DU LỊCH")
    assert f.signer_name.value == "Nguyễn Văn Bình"


def test_recipient_bullets_in_cells_of_their_own_and_a_speck_before_the_first(tmp_path):
    text = LAYOUT.replace("  - Như trên;", "  -      Như trên;").replace("  - Lưu: VT, QLVH.",
                                                                       "  -      Lưu: VT, QLVH.")
    f = extract_footer(doc_of(tmp_path, text))
    assert [r.value for r in f.recipients] == ["Như trên", "Giám đốc, các PGĐ Sở", "Lưu: VT, QLVH"]
    text = LAYOUT.replace("  Nơi nhận:                                            KT. GIÁM ĐỐC",
                          "  Nơi nhận:                                            KT. GIÁM ĐỐC\n  ơ\n")
    f = extract_footer(doc_of(tmp_path, text, ocr=True))
    assert [r.value for r in f.recipients][:1] == ["Như trên"]


@pytest.mark.parametrize("lines, parent, issuer", [
    ("UBND THÀNH PHỐ HÀ NỘI SỞ GIÁO DỤC VÀ ĐÀO TẠO", "UBND THÀNH PHỐ HÀ NỘI", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"),
    ("UBND THÀNH PHỐ HÀ\\nNỘI SỞ GIÁO DỤC VÀ ĐÀO TẠO", "UBND THÀNH PHỐ HÀ NỘI", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"),
    ("ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI", None, "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI"),
    ("BỘ GIÁO DỤC VÀ ĐÀO TẠO", None, "BỘ GIÁO DỤC VÀ ĐÀO TẠO"),
])
def test_an_issuer_and_its_parent_joined_on_one_line_by_an_export(tmp_path, lines, parent, issuer):
    head = lines.replace("\\n", "\n")
    text = f"{head}\n\nSố: 12/KH-SGDĐT\n\nHà Nội, ngày 2 tháng 3 năm 2025\n\nKẾ HOẠCH\nTổ chức hội thi\n"
    h = extract_header(doc_of(tmp_path, text))
    assert (h.issuer_parent.value if h.issuer_parent else None, h.issuer.value) == (parent, issuer)


@pytest.mark.parametrize("authority, position, expected", [
    # the deputy signs for the head: OCR lost "KT" before the dot
    ("[l. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")),
    # another officer signs on the head's order: "TL" garbled
    ("zTE: GIÁM ĐỐC", "CHÁNH VĂN PHÒNG", ("TL. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG")),
    # the head's own title under its authority: the deputy's "PHÓ" was lost
    (". GIÁM ĐỐC", "GIÁM ĐỐC", ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")),
])
def test_an_authority_whose_letters_ocr_lost_is_read_from_the_position_under_it(
        tmp_path, authority, position, expected):
    text = LAYOUT.replace("KT. GIÁM ĐỐC", authority.ljust(len("KT. GIÁM ĐỐC"))).replace(
        "PHÓ GIÁM ĐỐC", position.ljust(len("PHÓ GIÁM ĐỐC")), 1)
    doc = doc_of(tmp_path, text, ocr=True)
    f = extract_footer(doc, extract_header(doc).body_start)
    assert (f.signer_authority.value, f.signer_position.value) == expected
    assert f.signer_authority.review  # inferred: a person checks it


def test_a_rank_before_the_name_is_not_a_lost_authority(tmp_path):
    text = LAYOUT.replace("KT. GIÁM ĐỐC", "            ").replace("Nguyễn Văn Bình", "ThS. Trần Thị Kim")
    doc = doc_of(tmp_path, text, ocr=True)
    f = extract_footer(doc, extract_header(doc).body_start)
    assert f.signer_authority is None and f.signer_name.value == "Trần Thị Kim"


@pytest.mark.parametrize("read_as, expected", [
    ("⁄2.©‹ GEÁM ĐÓC", "GIÁM ĐỐC"),  # a signature stroke read before the title
    ("Z2 GIÁM ĐỐ cỀ~", "GIÁM ĐỐC"),  # strokes before and after a title cut short
])
def test_strokes_around_a_scanned_position_line(tmp_path, read_as, expected):
    text = LAYOUT.replace("KT. GIÁM ĐỐC", "            ").replace("PHÓ GIÁM ĐỐC", read_as.ljust(12), 1)
    doc = doc_of(tmp_path, text, ocr=True)
    assert extract_footer(doc, extract_header(doc).body_start).signer_position.value == expected


def test_scanned_recipients_after_a_speck_with_dashes_ocr_misread_or_lost(tmp_path):
    text = LAYOUT.replace("  - Như trên;      ", "  s4 HỘ            ").replace(
        "  - Giám đốc, các PGĐ Sở;", "  ~ Giám đốc, các PGĐ Sở;\n  Các phòng thuộc Sở;")
    doc = doc_of(tmp_path, text, ocr=True)
    f = extract_footer(doc, extract_header(doc).body_start)
    assert [r.value for r in f.recipients] == ["Giám đốc, các PGĐ Sở", "Các phòng thuộc Sở", "Lưu: VT, QLVH"]


@pytest.mark.parametrize("first, second, issuer, parent", [
    # a name that wraps after "CHO": the next line ("DOANH NGHIỆP" opens like a body's name) goes on with it
    ("BAN ĐIỀU HÀNH HỖ TRỢ PHÁP LÝ CHO", "DOANH NGHIỆP", "BAN ĐIỀU HÀNH HỖ TRỢ PHÁP LÝ CHO DOANH NGHIỆP",
     "UBND TỈNH NINH THUẬN"),
    # two bodies issuing together, joined by a dash at the line's end
    ("LIÊN ĐOÀN LAO ĐỘNG -", "SỞ VĂN HÓA, THỂ THAO", "LIÊN ĐOÀN LAO ĐỘNG - SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH",
     "UBND TỈNH NINH THUẬN"),
])
def test_a_bodys_name_wrapped_after_a_word_that_needs_more(tmp_path, first, second, issuer, parent):
    text = LAYOUT.replace("  SỞ VĂN HÓA, THỂ THAO      ", f"  {first}\n  {second}      ", 1)
    text = text.replace("        VÀ DU LỊCH\n", "        VÀ DU LỊCH\n" if "THỂ THAO" in second else "", 1)
    h = extract_header(doc_of(tmp_path, text))
    assert (h.issuer.value, h.issuer_parent.value) == (issuer, parent)


@pytest.mark.parametrize("read_as, place", [
    ("Ninh Thuận, by tháng 10 năm 2019", "Ninh Thuận"),  # "ngày" and the day garbled by the handwriting
    ("Ninh Thuan, ngàyO(hángQ1 năm 2019", "Ninh Thuận"),  # marks lost: the gazetteer's spelling
    ("Ninh Thu ận, ngàu A3-thàng năm 2019", None),  # a place no province or city folds to: not taken
])
def test_a_scanned_date_line_garbled_by_handwriting_still_gives_the_place(tmp_path, read_as, place):
    text = LAYOUT.replace("Ninh Thuận, ngày 9 tháng 10 năm 2019", read_as.ljust(36))
    h = extract_header(doc_of(tmp_path, text, ocr=True))
    assert (h.issue_place.value if h.issue_place else None) == place
    assert h.issue_date is None or (h.issue_date.value is None and h.issue_date.review)


def test_a_summary_ends_before_the_bodys_first_item_with_no_blank_line_between(tmp_path):
    first_item = "- Căn cứ kế hoạch công tác năm 2019;"
    text = LAYOUT.replace("   quần chúng năm 2019\n\n", f"   quần chúng năm 2019\n{first_item}\n")
    h = extract_header(doc_of(tmp_path, text))
    assert h.title.value == "tổ chức Liên hoan văn nghệ quần chúng năm 2019"


@pytest.mark.parametrize("place", ["TP. Hồ Chí Minh", "TX. Kiến Tường", "Tp. Hồ Chí Minh"])
def test_place_keeps_the_abbreviation_it_is_printed_with(tmp_path, place):
    h = extract_header(doc_of(tmp_path, LAYOUT.replace("Ninh Thuận, ngày", f"{place}, ngày")))
    assert h.issue_place.value == place


def test_cong_van_summary_written_with_ve_alone(tmp_path):
    text = LAYOUT.replace("V/v tổ chức Liên hoan văn nghệ", "Về tổ chức Liên hoan văn nghệ")
    h = extract_header(doc_of(tmp_path, text))
    assert h.doc_type.value == "CÔNG VĂN"
    assert h.title.value == "tổ chức Liên hoan văn nghệ quần chúng năm 2019"
    # a body sentence opening with "Về" is not a summary
    body = LAYOUT.replace("V/v tổ chức Liên hoan văn nghệ\n   quần chúng năm 2019\n", "\n").replace(
        "      Căn cứ kế hoạch", "Về tổ chức Liên hoan, căn cứ kế hoạch")
    assert extract_header(doc_of(tmp_path, body)).title is None


def test_a_drafts_day_left_as_dots_keeps_the_month(tmp_path):
    h = extract_header(doc_of(tmp_path, LAYOUT.replace("ngày 9 tháng", "ngày ... tháng")))
    assert h.issue_place.value == "Ninh Thuận" and h.issue_date.value == "2019-10" and h.issue_date.review


def test_a_markdown_exports_italic_date_line(tmp_path):
    text = """SỞ GIÁO DỤC VÀ ĐÀO TẠO ĐỒNG THÁP

TRƯỜNG THPT ĐỐC BINH KIỀU

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM

Số: 12/KH-THPT

_Đốc Binh Kiều, ngày 05 tháng 8 năm 2026_

KẾ HOẠCH

Tổ chức sinh hoạt công dân đầu năm học
"""
    doc = doc_of(tmp_path, text, name="plan.md")
    assert any(ln.text == "Đốc Binh Kiều, ngày 05 tháng 8 năm 2026" for ln in doc.lines)
    h = extract_header(doc)
    assert (h.issue_place.value, h.issue_date.value) == ("Đốc Binh Kiều", "2026-08-05")


@pytest.mark.parametrize("mark", ["DỰ THẢO", "Dự thảo lần 2", "(DỰ THẢO)"])
def test_a_drafts_mark_by_the_issuer_is_not_part_of_its_name(tmp_path, mark):
    text = LAYOUT.replace("        VÀ DU LỊCH\n", f"        VÀ DU LỊCH\n{mark}\n")
    h = extract_header(doc_of(tmp_path, text))
    assert h.issuer.value == "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"


def test_an_unsigned_copy_keeps_its_printed_authority(tmp_path):
    text = LAYOUT.replace("KT. GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN").replace("PHÓ GIÁM ĐỐC", "").replace(
        "Nguyễn Văn Bình", "")
    f = extract_footer(doc_of(tmp_path, text))
    assert f.signer_authority.value == "TM. ỦY BAN NHÂN DÂN"
    assert f.signer_name is None and f.signer_position is None


def test_a_text_exports_signature_block_after_tabs(tmp_path):
    foot = ("Nơi nhận:\t\tKT. GIÁM ĐỐC\n- Như trên;\t\tPHÓ GIÁM ĐỐC\n- Lưu: VT.\n\n\t\t(Đã ký)\n\n"
            "\t\tNguyễn Thị Hoa\n")
    text = LAYOUT[:LAYOUT.index("  Nơi nhận:")] + foot
    f = extract_footer(doc_of(tmp_path, text))
    assert (f.signer_authority.value, f.signer_position.value, f.signer_name.value) == (
        "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Thị Hoa")
    assert [r.value for r in f.recipients] == ["Như trên", "Lưu: VT"]


def test_recipients_listed_on_the_noi_nhan_line(tmp_path):
    text = LAYOUT[:LAYOUT.index("  Nơi nhận:")] + "Nơi nhận: - Như trên; - Lưu VT.\n\nGIÁM ĐỐC\n\nNguyễn Văn Bình\n"
    assert [r.value for r in extract_footer(doc_of(tmp_path, text)).recipients] == ["Như trên", "Lưu VT"]


@pytest.mark.parametrize("slot", ["day", "month"])
def test_an_unread_day_or_month_flags_the_issue_date(tmp_path, slot):
    from pipeline.extract import extract_record

    doc = doc_of(tmp_path, LAYOUT)
    doc.pages[0] = dataclasses.replace(doc.pages[0], meta={**doc.pages[0].meta, "review": [slot]})
    rec = extract_record(doc, str(tmp_path / "doc.txt"))
    assert "issue_date" in rec.review and slot not in rec.review


SCAN_GM = """\
UỶ BAN NHÂN DÂN                      CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH BẮC GIANG                              Độc lập - Tự do - Hạnh phúc
Sá: 75/GM-UBND                          Bắc Giang, ngày 17 tháng 10 năm 2012
                        MỜI HỌP UBND TỈNH
Kính gửi:
          - Thường trực HĐND tỉnh;
          - Các đồng chí Thành viên UBND tỉnh.
"""


def test_on_a_scan_capitals_under_the_number_line_are_not_the_issuer(tmp_path):
    # a giấy mời printed without its type word: the heading under the number is not the issuer's name;
    # "Sá:" is OCR's reading of "Số:" (the number line, not a line of the name either)
    h = extract_header(doc_of(tmp_path, SCAN_GM, ocr=True))
    assert h.issuer.value == "ỦY BAN NHÂN DÂN TỈNH BẮC GIANG"
    assert h.number.value == "75/GM-UBND"
    # a giấy mời's deciding authority read in the header zone ("GIÁM ĐỐC HỌC VIỆN ...") neither
    text = SCAN_GM.replace("                        MỜI HỌP UBND TỈNH", "    GIÁM ĐỐC HỌC VIỆN CÔNG NGHỆ BƯU CHÍNH")
    assert extract_header(doc_of(tmp_path, text, ocr=True)).issuer.value == "ỦY BAN NHÂN DÂN TỈNH BẮC GIANG"


SCAN_CV = """\
UBND TỈNH BẮC GIANG                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ CÔNG THƯƠNG                              Độc lập - Tự do - Hạnh phúc
Số: 682/SCT-QLĐN                      Bắc Giang, ngày 8 tháng 10 năm 2012
V/v Tổng kết 6 năm (2007-2012)
thực hiện chính sách hỗ trợ thành
lập mới, đào tạo cán bộ hợp tác xã
SỞ KẾ HOẠ0H VÀ BẦU TƯ TỈNH BẮC GIANG
sø..2€ 7/4 _| Kính gửi: Sở Kế hoạch và Đầu tư.
"""


def test_on_a_scan_a_vv_summary_ends_at_a_line_in_capitals_or_at_kinh_gui(tmp_path):
    # a received stamp ("SỞ KẾ HOẠCH VÀ ĐẦU TƯ ... ĐẾN") printed under the summary, then "Kính gửi"
    # after strokes OCR read as letters
    title = "Tổng kết 6 năm (2007-2012) thực hiện chính sách hỗ trợ thành lập mới, đào tạo cán bộ hợp tác xã"
    assert extract_header(doc_of(tmp_path, SCAN_CV, ocr=True)).title.value == title
    no_stamp = SCAN_CV.replace("SỞ KẾ HOẠ0H VÀ BẦU TƯ TỈNH BẮC GIANG\n", "")
    assert extract_header(doc_of(tmp_path, no_stamp, ocr=True)).title.value == title


def test_minutes_without_a_date_line_are_dated_by_their_meeting_and_titled_by_ve_viec(tmp_path):
    h = extract_header(doc_of(tmp_path, """BỆNH VIỆN ĐA KHOA TỈNH\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỔ CHUYÊN GIA\tĐộc lập - Tự do - Hạnh phúc

BIÊN BẢN HỌP TỔ CHUYÊN GIA
Về việc thống nhất danh mục vật tư y tế mua sắm năm 2026
I. Thời gian và địa điểm:
- Thời gian: 10 giờ 30 phút ngày 30 tháng 03 năm 2026;
- Tại: Hội trường số 2, tầng 7, nhà A.
"""))
    assert values(h, ["doc_type", "issue_place", "issue_date", "title"]) == {
        "doc_type": "BIÊN BẢN", "issue_place": None, "issue_date": "2026-03-30",
        "title": "Về việc thống nhất danh mục vật tư y tế mua sắm năm 2026"}


def test_an_annex_title_stops_before_the_text_it_is_annexed_to(tmp_path):
    h = extract_header(doc_of(tmp_path, """UBND QUẬN HOÀNG MAI
TRƯỜNG TIỂU HỌC YÊN SỞ

LỊCH CÔNG TÁC TUYỂN SINH LỚP 1
NĂM HỌC 2020 – 2021
(Kèm theo Kế hoạch số 36/KH-THYS ngày 19 tháng 6 năm 2020
của trường Tiểu học Yên Sở)

I. NHỮNG CÔNG VIỆC ĐÃ THỰC HIỆN
"""))
    assert h.title is not None and "Kèm theo" not in h.title.value


def test_minutes_are_signed_by_the_chair_beside_the_secretary_before_the_members_list(tmp_path):
    # a Word biên bản: the secretary and the chair sign side by side in a borderless table, then the
    # members' own signatures run on for a page
    import docx

    d = docx.Document()
    for t in ["BIÊN BẢN HỌP TỔ CHUYÊN GIA", "Về việc thống nhất danh mục vật tư y tế mua sắm năm 2026",
              "- Thời gian: 10 giờ 30 phút ngày 30 tháng 03 năm 2026;", "Tổ chuyên gia thống nhất danh mục vật tư.",
              "Cuộc họp kết thúc vào lúc 11 giờ 30 phút cùng ngày, biên bản được đọc lại và ký xác nhận./."]:
        d.add_paragraph(t)
    sign = d.add_table(rows=1, cols=2)
    sign.cell(0, 0).text, sign.cell(0, 1).text = "THƯ KÝ\n\n\n\nBùi Khánh Chân", "TỔ TRƯỞNG\n\n\n\nLê Na"
    d.add_paragraph("CÁC THÀNH VIÊN TỔ CHUYÊN GIA DỰ HỌP")
    for i in range(1, 45):
        d.add_paragraph(f"{i}. Ông Nguyễn Văn Thành Viên {i}")
    d.save(tmp_path / "bb.docx")
    f = extract_footer(build_document(read(tmp_path / "bb.docx")))
    assert (f.signer_name.value, f.signer_position.value) == ("Lê Na", "TỔ TRƯỞNG")


def test_a_weekly_schedules_week_is_no_parent_and_a_signed_copy_keeps_its_position(tmp_path):
    text = """TUẦN 16 THEO NĂM 2016
TUẦN 38 THEO NĂM HỌC 2015-2016
TRƯỜNG ĐẠI HỌC HÀNG HẢI VIỆT NAM
LỊCH CÔNG TÁC
(Từ ngày 18/04/2016 đến ngày 24/04/2016)

Thứ Ba 19/04: 08h00 Họp giao ban tại phòng họp số 1.

HIỆU TRƯỞNG
(đã ký)
"""
    doc = doc_of(tmp_path, text)
    h = extract_header(doc)
    assert (h.issuer.value, h.issuer_parent) == ("TRƯỜNG ĐẠI HỌC HÀNG HẢI VIỆT NAM", None)
    f = extract_footer(doc, h.body_start)
    assert (f.signer_position.value, f.signer_name, f.signer_authority) == ("HIỆU TRƯỞNG", None, None)
