"""Marks OCR changed in a scanned signature's capital lines, repaired from the closed list of Decree-30
title and body words when the repair is unique (issue 12): "QUỎC" is no Vietnamese syllable (a hook on
a syllable ending in c) and the one listed word it folds to is "QUỐC"; a word that is a syllable, or
that lost all its marks, is left as read."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from extractors.header_words import restore_marks

DEV_DOCS = Path(__file__).resolve().parents[1] / "eval" / "dev" / "docs"
needs_tesseract = pytest.mark.skipif(not shutil.which("tesseract"), reason="Tesseract is not installed")


@pytest.mark.parametrize("ocr, expected", [
    # lines as Tesseract read them on real scans (k2-023, k4-023, m1-005, k1-010 of the dev set)
    ("BAN CHÍNH SÁCH, THUÉ QUỎC TẾ", "BAN CHÍNH SÁCH, THUẾ QUỐC TẾ"),
    ("TRƯỜNG ĐẠI HỌC CÔNG NGHỆ THÔNG TIN VÀ TRUYÈN THÔNG VIẸT - HÀN",
     "TRƯỜNG ĐẠI HỌC CÔNG NGHỆ THÔNG TIN VÀ TRUYỀN THÔNG VIỆT - HÀN"),
    ("ĐOÀN KHÓI DOANH NGHIỆP CÔNG NGHIẸP", "ĐOÀN KHÓI DOANH NGHIỆP CÔNG NGHIỆP"),
    # all marks lost: "VIEN" may be "VIÊN", "VIỆN" or "VIỄN" ("BƯU CHÍNH VIỄN THÔNG"): left as read
    ("TẬP ĐOÀN BƯUCHINH VIEN THONG", "TẬP ĐOÀN BƯUCHINH VIEN THONG"),
    # not a listed word ("THUỐC" is not; the gazetteer's "THƯỚC" is no title word): left as read
    ("HỘI ĐỒNG ĐÁU THẢU MUA THUÓC", "HỘI ĐỒNG ĐÁU THẢU MUA THUÓC"),
    # a syllable of its own ("QUẢN" is not "QUẬN")
    ("HỘI ĐỒNG QUẢN TRỊ", "HỘI ĐỒNG QUẢN TRỊ"),
])
def test_a_word_that_is_no_syllable_is_repaired_from_the_list(ocr, expected):
    assert restore_marks(ocr) == expected


def test_authority_written_t_slash_m_gets_its_marks():
    """ "T/M BAN CHÁP HÀNH" (k9-001's signature as read): the authority's prefix has no ". " after it,
    and the words after it were not respelt at all."""
    from extractors.footer import _spelt
    from pipeline.document import RawCell, RawDocument, RawLine, RawPage
    from pipeline.read.build import build_document

    def spelt(text: str, source: str = "ocr") -> str:
        page = RawPage(1, [RawLine([RawCell(text, 0.5, 0.9)])], source, {})
        doc = build_document(RawDocument("x.pdf", "pdf", [page]))
        return _spelt(doc, doc.lines[0].cells[0])

    assert spelt("T/M BAN CHÁP HÀNH") == "T/M BAN CHẤP HÀNH"
    assert spelt("KT.GIÁM ĐÓC") == "KT.GIÁM ĐỐC"
    assert spelt("TL. CHỦ TỊCH") == "TL. CHỦ TỊCH"
    assert spelt("T/M BAN CHÁP HÀNH", "text") == "T/M BAN CHÁP HÀNH"  # a born-digital page's text is its own


@needs_tesseract
@pytest.mark.slow
def test_real_signed_scan_authority():
    """k9-001, a signed scan read from its page image: "T/M BAN CHÁP HÀNH" gives "T/M BAN CHẤP HÀNH"."""
    path = DEV_DOCS / "k9-001.pdf"
    if not path.is_file():
        pytest.skip("dev corpus not present")
    from pipeline.extract import extract_record, load_document

    rec = extract_record(load_document(path), str(path))
    assert rec.signer_authority == "T/M BAN CHẤP HÀNH"


def _scanned_record(rows: list[list[tuple[str, float, float]]]):
    from pipeline.document import RawCell, RawDocument, RawLine, RawPage
    from pipeline.extract import extract_record
    from pipeline.read.build import build_document

    lines = [RawLine([RawCell(t, x0, x1) for t, x0, x1 in row]) for row in rows]
    raw = RawDocument("scan.pdf", "pdf", [RawPage(1, lines, "ocr", {})])
    return extract_record(build_document(raw), "scan.pdf")


def test_garbled_authority_over_a_deputy_is_ki_thay():
    """k1-011 (a real scan) as Tesseract read its signature block: the seal's ring through the authority
    ("KkF. H L[: U TR UƯỚNG": its letters come close to "HIỆU TRƯỞNG" only), "PHÓ HIỆU TRƯỞNG" clear
    under it: the head's deputy signs "KT. HIỆU TRƯỞNG" (flagged: read from the position)."""
    rec = _scanned_record([
        [("Để các phiên tư vấn và tuyển dụng của các doanh nghiệp diễn ra thành công.", 0.17, 0.92)],
        [("Nữï THẦN:", 0.11, 0.19), ("|", 0.27, 0.27), ("KkF. H L[: U TR UƯỚNG", 0.57, 0.77)],
        [("- Củ Khoa (Ivh];", 0.11, 0.24), ("PHÓ HIỆU TRƯỞNG", 0.56, 0.78)],
        [("- Hiệu Trưởng (b/€];", 0.11, 0.26)],
        [("- Lưu: VÌ ;:CTI5V,", 0.10, 0.24), ("/“@,ˆ TRƯỞNG KV", 0.52, 0.65)],
        [("Trần Thế Sơn", 0.61, 0.75)],
    ])
    assert rec.signer_position == "PHÓ HIỆU TRƯỞNG"
    assert rec.signer_authority == "KT. HIỆU TRƯỞNG"


def test_a_garbled_line_spelling_no_head_title_is_no_authority():
    from extractors.footer import _head_title

    assert _head_title("H L[: U TR UƯỚNG", garbled=True) == "HIỆU TRƯỞNG"
    assert _head_title("H L[: U TR UƯỚNG") is None           # (outside a garbled authority's line)
    assert _head_title("PHÓ HIỆU TRƯỞNG", garbled=True) is None  # a deputy's title is no head's
    assert _head_title("BAN ĐIỀU HÀNH", garbled=True) is None
    assert _head_title("Hv ml", garbled=True) is None


def test_a_sentence_case_line_under_a_capital_authority_is_no_position():
    """n5-004 (a real colour scan) as Tesseract read its last lines: "TRƯỞNG BAN" under the seal read
    "CƯỜNG BAN%", the name lost, and under it "Hiệu trưởng Trường ĐH Thủ Dầu Một" (who the signer is
    elsewhere). Under an authority in capitals that line is not the position: none rather than a wrong
    one; the authority stands."""
    rec = _scanned_record([
        [("Xin trân trọng cảm ơn và rất mong sự tham gia của Quý vị./.", 0.24, 0.9)],
        [("TM. BAN TỎ CHỨC HỘI THẢO", 0.52, 0.88)],
        [("CƯỜNG BAN%", 0.59, 0.75)],
        [("Hiệu trưởng Trường ĐH Thủ Dầu Một", 0.50, 0.88)],
    ])
    assert rec.signer_position is None
    assert rec.signer_authority == "TM. BAN TỔ CHỨC HỘI THẢO"
