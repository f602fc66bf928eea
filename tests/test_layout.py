"""Flattened two-column headers and footers (text exports, plain pdftotext, OCR) are cut back."""

from pipeline.document import RawCell
from pipeline.extract import extract_record
from pipeline.read.build import build_document
from pipeline.read.layout import split_footer_line, split_header_line
from pipeline.read.readers import read

FLAT = """\
UBND HUYỆN CÁT TIÊN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
PHÒNG VĂN HÓA VÀ THÔNG TIN Độc lập - Tự do - Hạnh phúc
Số: 77/KH-VHTT Cát Tiên, ngày 18 tháng 7 năm 2021
KẾ HOẠCH
Tổ chức Liên hoan đờn ca tài tử huyện Cát Tiên năm 2021
Thời gian: ngày 28/8/2021.
Địa điểm: Nhà văn hóa huyện Cát Tiên.
Nơi nhận: KT. TRƯỞNG PHÒNG
- UBND huyện (b/c); PHÓ TRƯỞNG PHÒNG
- Lưu: VT.
Đỗ Văn Tài
"""


def texts(cells):
    return [c.text for c in cells]


def test_split_header_lines():
    assert texts(split_header_line(RawCell("SỞ Y TẾ Độc lập - Tự do - Hạnh phúc"))) == [
        "SỞ Y TẾ", "Độc lập - Tự do - Hạnh phúc"]
    assert texts(split_header_line(RawCell("Số: 15/TB-SYT Kiên Giang, ngày 3 tháng 4 năm 2019"))) == [
        "Số: 15/TB-SYT", "Kiên Giang, ngày 3 tháng 4 năm 2019"]
    assert texts(split_header_line(RawCell("BCH ĐOÀN QUẬN 11 Quận 11, ngày 2 tháng 1 năm 2023"))) == [
        "BCH ĐOÀN QUẬN 11", "Quận 11, ngày 2 tháng 1 năm 2023"]
    # a date line alone is left whole
    assert texts(split_header_line(RawCell("Hà Nội, ngày 2 tháng 1 năm 2023"))) == [
        "Hà Nội, ngày 2 tháng 1 năm 2023"]


def test_split_footer_lines():
    assert texts(split_footer_line(RawCell("Nơi nhận: TL. CHỦ TỊCH"))) == ["Nơi nhận:", "TL. CHỦ TỊCH"]
    assert texts(split_footer_line(RawCell("- Như trên; CHÁNH VĂN PHÒNG"))) == ["- Như trên;", "CHÁNH VĂN PHÒNG"]
    assert texts(split_footer_line(RawCell("- Lưu: VT, VP."))) == ["- Lưu: VT, VP."]


def test_flattened_plan_reads_like_a_laid_out_one(tmp_path):
    p = tmp_path / "flat.txt"
    p.write_text(FLAT, encoding="utf-8")
    rec = extract_record(build_document(read(p)))
    assert (rec.issuer_parent, rec.issuer) == ("UBND HUYỆN CÁT TIÊN", "PHÒNG VĂN HÓA VÀ THÔNG TIN")
    assert (rec.number, rec.issue_place, rec.issue_date) == ("77/KH-VHTT", "Cát Tiên", "2021-07-18")
    assert rec.recipients == ["UBND huyện (b/c)", "Lưu: VT"]
    assert (rec.signer_authority, rec.signer_position, rec.signer_name) == (
        "KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG", "Đỗ Văn Tài")
    assert [(e.start, e.venues) for e in rec.events] == [("2021-08-28", ["Nhà văn hóa huyện Cát Tiên"])]
