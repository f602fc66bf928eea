"""A red seal over the signer's position (colour scans) must not hide the print under it."""

from __future__ import annotations

import shutil

import pytest
from PIL import Image, ImageDraw, ImageFont

from pipeline.read.readers.ocr import ocr_page_image
from pipeline.read.readers.preprocess import to_gray

FONT = "/usr/share/fonts/truetype/freefont/FreeSerif.ttf"
pytestmark = pytest.mark.skipif(not shutil.which("tesseract"), reason="Tesseract is not installed")


def signature_block(seal: bool) -> Image.Image:
    img = Image.new("RGB", (1400, 700), "white")
    d = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, 46)
    d.text((700, 80), "KT. GIÁM ĐỐC", font=font, fill="black")
    d.text((700, 150), "PHÓ GIÁM ĐỐC", font=font, fill="black")
    d.text((700, 520), "Nguyễn Văn Bình", font=font, fill="black")
    if seal:
        red = (215, 30, 40)
        d.ellipse((640, 40, 1080, 480), outline=red, width=14)
        d.ellipse((700, 100, 1020, 420), outline=red, width=6)
        d.text((720, 250), "SỞ Y TẾ", font=ImageFont.truetype(FONT, 70), fill=red)
        d.line((650, 180, 1100, 120), fill=(30, 40, 200), width=8)  # a blue signature stroke
    return img


def test_colored_ink_turns_light_and_print_stays_dark():
    gray = to_gray(signature_block(seal=True))
    assert gray.getpixel((650, 260)) > 200  # on the red ring
    # the black print keeps its ink
    assert gray.crop((700, 150, 1100, 200)).getextrema()[0] < 60


@pytest.mark.slow
def test_position_under_a_red_seal_is_read():
    page = ocr_page_image(signature_block(seal=True), 1, dpi=300)
    text = "\n".join(" ".join(c.text for c in ln.cells) for ln in page.lines)
    assert "PHÓ GIÁM ĐỐC" in text
    assert "Nguyễn Văn Bình" in text


@pytest.mark.parametrize("ocr, expected", [
    ("BCH ĐOÀN QUẬN II", "BCH ĐOÀN QUẬN 11"),
    ("Quận I1, ngày 21 tháng 1 năm 2023", "Quận 11, ngày 21 tháng 1 năm 2023"),
    ("Phường I", "Phường I"),                       # wards may be numbered in Roman numerals
    ("Phường l2", "Phường 12"),
    ("ngày 5 tháng 9 nắm 2025", "ngày 5 tháng 9 năm 2025"),
])
def test_ocr_repairs_of_unit_numbers_and_year_keyword(ocr, expected):
    from pipeline.read.readers.ocr import repair_ocr_line

    assert repair_ocr_line(ocr) == expected
