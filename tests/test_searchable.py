"""Searchable PDFs: a text layer on scanned pages, text pages kept, the original untouched."""

from __future__ import annotations

import hashlib
import io
import shutil

import pdfplumber
import pytest
from PIL import Image, ImageDraw, ImageFont
from pypdf import PdfReader, PdfWriter
from reportlab.pdfgen import canvas

from pipeline.use.searchable import image_streams, make_searchable

FONT = "/usr/share/fonts/truetype/freefont/FreeSerif.ttf"
pytestmark = [pytest.mark.slow, pytest.mark.skipif(not shutil.which("tesseract"), reason="no Tesseract")]


def scan_image() -> Image.Image:
    img = Image.new("L", (1240, 600), 255)
    d = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, 40)
    d.text((100, 100), "THÔNG BÁO", font=font, fill=0)
    d.text((100, 200), "Lịch tiếp công dân tháng 6 năm 2024", font=font, fill=0)
    return img


def text_page_pdf() -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "Serif" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("Serif", FONT))
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.setFont("Serif", 14)
    c.drawString(72, 700, "Trang này đã có lớp chữ: Kế hoạch tổ chức hội trại.")
    c.save()
    return buf.getvalue()


def test_image_becomes_a_searchable_pdf(tmp_path):
    src = tmp_path / "scan.png"
    scan_image().save(src)
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    r = make_searchable(src, tmp_path / "out" / "scan.pdf")
    assert (r.pages, r.ocr_pages) == (1, 1)
    with pdfplumber.open(r.output) as pdf:
        text = pdf.pages[0].extract_text()
    assert "THÔNG BÁO" in text and "tiếp công dân" in text
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before


def test_mixed_pdf_keeps_text_pages_and_ocrs_scanned_ones(tmp_path):
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(text_page_pdf())))
    img_pdf = io.BytesIO()
    scan_image().convert("RGB").save(img_pdf, "PDF", resolution=150)
    writer.append(PdfReader(io.BytesIO(img_pdf.getvalue())))
    src = tmp_path / "mixed.pdf"
    with open(src, "wb") as fh:
        writer.write(fh)
    r = make_searchable(src, tmp_path / "mixed-searchable.pdf", dpi=150)
    assert (r.pages, r.ocr_pages) == (2, 1)
    with pdfplumber.open(r.output) as pdf:
        assert "đã có lớp chữ" in pdf.pages[0].extract_text()
        assert "THÔNG BÁO" in pdf.pages[1].extract_text()


def test_refuses_to_overwrite_the_original(tmp_path):
    src = tmp_path / "scan.png"
    scan_image().save(src)
    with pytest.raises(ValueError):
        make_searchable(src, src)


def test_a_bitonal_scan_keeps_its_image_and_hardly_grows(tmp_path):
    # a 200 dpi bitonal page as scanners make them: the text layer goes over the page, the image stays
    src = tmp_path / "scan.pdf"
    page = scan_image().resize((1654, 800)).convert("1")
    page.save(src, "PDF", resolution=200)
    r = make_searchable(src, tmp_path / "out.pdf")
    assert r.ocr_pages == 1
    assert image_streams(r.output) == image_streams(src)
    assert (tmp_path / "out.pdf").stat().st_size <= 1.2 * src.stat().st_size + 8_000  # the text and its font
    with pdfplumber.open(r.output) as pdf:
        assert "THÔNG BÁO" in (pdf.pages[0].extract_text() or "")
