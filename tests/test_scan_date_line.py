"""A scanned date line with OCR's garble of a stamp or a margin mark after its year (m4-005, a real
scan: "Hoàng Mai, ngày 26 tháng 6 năm 2020 Ni LẺ ca HP") is still the date line; on a born-digital
page, and when the sentence goes on after the year, it is not."""

from __future__ import annotations

import pytest

from pipeline.document import RawCell, RawDocument, RawLine, RawPage
from pipeline.extract import extract_record
from pipeline.read.build import build_document


def _record(date_line: str, source: str = "ocr"):
    rows = [
        [("UBND QUẬN HOÀNG MAI", 0.1, 0.4), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 0.45, 0.9)],
        [("PHÒNG GD&ĐT", 0.1, 0.4), ("Độc lập - Tự do - Hạnh phúc", 0.5, 0.85)],
        [(date_line, 0.45, 0.95)],
        [("KẾ HOẠCH", 0.4, 0.6)],
        [("Tổ chức tuyển sinh các môn TDTT năm 2020", 0.2, 0.8)],
        [("Phòng Giáo dục và Đào tạo xây dựng kế hoạch như sau.", 0.1, 0.9)],
    ]
    lines = [RawLine([RawCell(t, x0, x1) for t, x0, x1 in row]) for row in rows]
    raw = RawDocument("scan.pdf", "pdf", [RawPage(1, lines, source, {})])
    return extract_record(build_document(raw), "scan.pdf")


def test_garble_after_the_year_of_a_scanned_date_line():
    rec = _record("Hoàng Mai, ngày 26 tháng 6 năm 2020 Ni LẺ ca HP")
    assert rec.issue_date == "2020-06-26"
    assert rec.issue_place == "Hoàng Mai"


@pytest.mark.parametrize("line, source", [
    ("Hoàng Mai, ngày 26 tháng 6 năm 2020 Ni LẺ ca HP", "text"),   # a born-digital page's text is its own
    ("Hoàng Mai, ngày 26 tháng 6 năm 2020 của Phòng GD&ĐT", "ocr"),  # a sentence going on
    ("Hoàng Mai, ngày 26 tháng 6 năm 2020, Phòng GD&ĐT", "ocr"),
])
def test_text_after_the_year_that_is_no_garble(line, source):
    assert _record(line, source).issue_date is None


def _number_record(number_line: str, source: str = "ocr"):
    rows = [
        [("BỘ TÀI CHÍNH", 0.1, 0.4), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 0.45, 0.9)],
        [("CỤC THUẾ", 0.1, 0.4), ("Độc lập - Tự do - Hạnh phúc", 0.5, 0.85)],
        [(number_line, 0.1, 0.4), ("Hà Nội, ngày 08 tháng 4 năm 2026", 0.5, 0.9)],
        [("V/v chính sách thuế", 0.1, 0.4)],
        [("Cục Thuế có ý kiến như sau.", 0.1, 0.9)],
    ]
    lines = [RawLine([RawCell(t, x0, x1) for t, x0, x1 in row]) for row in rows]
    raw = RawDocument("scan.pdf", "pdf", [RawPage(1, lines, source, {})])
    return extract_record(build_document(raw), "scan.pdf")


def test_a_scanned_number_whose_type_has_a_letter_vietnamese_does_not_write_is_not_given():
    """k2-023 (a real signed scan): the handwritten "2191/CT-CS" read "Số: 2/J “€TI-CS"; "J" is no
    type's abbreviation (Vietnamese writes no F, J, W, Z): the number is left for a person."""
    assert _number_record("Số: 2/J “€TI-CS").number is None
    assert _number_record("Số: 2/J “€TI-CS", "text").number == "2/J"  # a text page's number is its own
    assert _number_record("Số: 2191/CT-CS").number == "2191/CT-CS"
