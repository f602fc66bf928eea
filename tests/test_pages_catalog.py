"""The catalog keeps how each page was read: OCR confidence and word boxes, to find a value on the scan."""

from __future__ import annotations

import json
import shutil

import pytest
from PIL import Image, ImageDraw, ImageFont

from pipeline.catalog import db as catalog
from pipeline.catalog.ingest import ingest

FONT = "/usr/share/fonts/truetype/freefont/FreeSerif.ttf"
pytestmark = [pytest.mark.slow, pytest.mark.skipif(not shutil.which("tesseract"), reason="no Tesseract")]


def test_scanned_page_words_and_confidence_are_catalogued(tmp_path):
    img = Image.new("L", (1240, 900), 255)
    d = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, 40)
    for i, line in enumerate(["THÔNG BÁO", "Lịch tiếp công dân tháng 6 năm 2024",
                              "Thời gian: ngày 12/6/2024", "Địa điểm: Hội trường Ủy ban nhân dân xã"]):
        d.text((100, 100 + 80 * i), line, font=font, fill=0)
    scan = tmp_path / "scan.png"
    img.save(scan)
    ingest([scan], tmp_path / "c.db")
    db = catalog.connect(tmp_path / "c.db")
    page = next(db.query("select * from pages"))
    assert page["source"] == "ocr" and page["ocr_confidence"] > 60
    words = json.loads(page["words"])
    hit = next(w for w in words if w[0] == "BÁO")
    x0, y0, x1, y1 = hit[1:5]
    assert 0 <= x0 < x1 <= 1 and 0 <= y0 < y1 <= 1
    # the printed record stays light: the boxes are in the pages table only
    row = next(db.query("select record, text_norm from documents"))
    record = catalog.unpack_record(row["record"], row["text_norm"])
    assert record["pages"][0]["source"] == "ocr" and "words" not in record["pages"][0]


def test_text_pages_are_catalogued_without_boxes(tmp_path):
    p = tmp_path / "plan.txt"
    p.write_text("KẾ HOẠCH\nTổ chức hội trại\n\fTrang hai\n", encoding="utf-8")
    ingest([p], tmp_path / "c.db")
    rows = list(catalog.connect(tmp_path / "c.db").query("select page, source, words from pages order by page"))
    assert [(r["page"], r["source"], r["words"]) for r in rows] == [(1, "text", None), (2, "text", None)]
