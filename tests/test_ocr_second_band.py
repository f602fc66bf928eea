"""Handwritten days of real paper scans (eval/dev) that the second recogniser reads only in a taller
header band: the narrow band's detector loses the slot ("ngayd6thang5", "ngay04tlthangy"), the band
five text heights above and below the lines reads it ("ngay26thang5nam2025"). Flagged for review."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.read.readers.ocr import SECOND_BANDS, ocr_page_image

DEV_DOCS = Path(__file__).resolve().parents[1] / "eval" / "dev" / "docs"


def test_the_narrow_band_is_read_first():
    assert SECOND_BANDS[0] < SECOND_BANDS[-1]


def _first_page_read(doc_id: str):
    """The first page of a dev scan rendered at 300 dpi and read as the reader reads it."""
    path = DEV_DOCS / f"{doc_id}.pdf"
    if not path.is_file():
        pytest.skip("dev corpus not present")
    from pipeline.read.readers.pdf import render_page

    return ocr_page_image(render_page(path, 1, 300), 1)


@pytest.mark.slow
@pytest.mark.parametrize("doc_id, date", [
    ("k9-002", "Cân Thơ, ngày 26 tháng 5 năm 2025"),     # a handwritten day "26" and month "5"
    ("k9-003", "Bắc Giang, ngày 04 tháng 4 năm 2012"),   # day "04", month "4" (the narrow band: "y")
    ("k9-005", "Bắc Giang, ngày 12 tháng 9 năm 2012"),   # a bitonal scan's day "12"
    # a signed scan: the month "4" read by the slot's vote alone (a month 3-9 has no "1" to drop), the
    # day "08" by the band, a pen's lead-in before it read as a colon ("ngay:08thang4nam2026")
    ("k2-023", "Hà Nội ngày 08 tháng 4 năm 2026"),
])
def test_real_scans_day_read_in_the_taller_band(doc_id, date):
    page = _first_page_read(doc_id)
    cells = [re.sub(r"\s+", " ", c.text) for ln in page.lines[:8] for c in ln.cells]
    assert date in cells
    assert "day" in page.meta["review"]  # read by the second recogniser alone: flagged for a person


@pytest.mark.parametrize("read, respelt", [
    ("Bắc Giang, by tháng 3 năm 2012", "Bắc Giang, ngày tháng 3 năm 2012"),  # "ngày" and the day lost
    ("Đà Nẵng, ngàu A3-thàng 03 năm 2022", "Đà Nẵng, ngày A3 tháng 03 năm 2022"),
    ("Hà Nội, ngày 5 tháng 3 năm 2012", "Hà Nội, ngày 5 tháng 3 năm 2012"),
    ("Bắc Giang, 12 tháng 3 năm 2012", "Bắc Giang, 12 tháng 3 năm 2012"),  # digits are no scrap of "ngày"
])
def test_a_date_line_whose_day_keyword_a_stroke_took(read, respelt):
    from pipeline.read.readers.ocr import _Cell, _respell_date_keywords

    cell = _Cell([], read)
    _respell_date_keywords(cell)
    assert cell.text == respelt


@pytest.mark.slow
def test_real_scan_day_under_the_scanners_rule():
    """k9-017: a scanner's rule runs down through "ngày" and the handwritten day ("by tháng 3"); the
    line is read as the date line with its day unread, and the band reads "NgayA3" (13), flagged."""
    page = _first_page_read("k9-017")
    cells = [re.sub(r"\s+", " ", c.text) for ln in page.lines[:8] for c in ln.cells]
    assert "Bắc Giang, ngày 13 tháng 3 năm 2012" in cells
    assert "day" in page.meta["review"]


@pytest.mark.slow
@pytest.mark.parametrize("doc_id, number", [
    # a number stamped in a typewriter face, "4427" read "127" at 67: voted on again, the band reads it
    ("k2-022", "Số: 4427/UBND-NC"),
    # a printed "416" read at 68: voted on again, and kept (the band reads it too)
    ("k2-008", "Số: 416/TB-UBND"),
])
def test_real_scans_number_read_under_70_is_voted_on_again(doc_id, number):
    page = _first_page_read(doc_id)
    cells = [re.sub(r"\s*/\s*", "/", c.text) for ln in page.lines[:20] for c in ln.cells]
    assert number in cells
    assert "number" in page.meta["review"]
