"""A folder mixing every format an archive holds ingests with nothing skipped silently, each format
gives the same header fields, and no original is modified."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from fixtures_office import FONT_FILE, sample_plan, write_docx, write_pdf
from PIL import Image, ImageDraw, ImageFont

from pipeline.catalog import db as catalog
from pipeline.catalog.ingest import ingest
from tools.make_corpus import convert

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not shutil.which("soffice") or not shutil.which("tesseract"),
                                 reason="needs LibreOffice and Tesseract")]

TEXT = """\
ĐOÀN XÃ AN BÌNH
BCH ĐOÀN XÃ AN BÌNH
Số: 17-KH/ĐTN

An Bình, ngày 20 tháng 4 năm 2024

KẾ HOẠCH
Tổ chức hội trại truyền thống năm 2024

1. Thời gian: từ ngày 12/5/2024 đến ngày 13/5/2024.
2. Địa điểm: Sân vận động xã An Bình.

Nơi nhận:
- Huyện Đoàn (để báo cáo);
- Lưu VP.

TM. BAN CHẤP HÀNH
BÍ THƯ

Lê Thị Hồng Nhung
"""

HTML = """<!doctype html><html><head><meta charset="utf-8"><title>Kế hoạch hội trại</title></head><body>
<nav><a href="/">Trang chủ</a> | <a href="/tin-tuc">Tin tức</a></nav>
<article><h1>Kế hoạch tổ chức hội trại truyền thống năm 2024</h1>
<p>Ban Chấp hành Đoàn xã An Bình xây dựng kế hoạch tổ chức hội trại truyền thống năm 2024 như sau:</p>
<p>1. Thời gian: từ ngày 12/5/2024 đến ngày 13/5/2024.</p>
<p>2. Địa điểm: Sân vận động xã An Bình.</p>
<p>Đề nghị các chi đoàn triển khai thực hiện.</p></article>
<footer>Bản quyền thuộc Đoàn xã An Bình</footer></body></html>
"""


def render_scan(text: str) -> Image.Image:
    font = ImageFont.truetype(FONT_FILE, 34)
    img = Image.new("L", (1750, 2480), 255)
    d = ImageDraw.Draw(img)
    y = 120
    for line in text.splitlines():
        d.text((150, y), line, font=font, fill=0)
        y += 52
    return img


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_format_in_one_folder(tmp_path):
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "kh17.txt").write_text(TEXT, encoding="utf-8")
    (folder / "kh17-utf16.txt").write_text(TEXT, encoding="utf-16")
    plan = sample_plan(with_table=True)
    write_docx(plan, folder / "kh17.docx")
    write_pdf(plan, folder / "kh17.pdf")
    for fmt in ("doc", "rtf", "odt"):  # a private LibreOffice profile: another soffice may be running
        convert(folder / "kh17.docx", folder, fmt, "." + fmt, timeout=180)
    shutil.copy(folder / "kh17.rtf", folder / "kh17-really-rtf.doc")  # the extension lies
    (folder / "bai-dang.html").write_text(HTML, encoding="utf-8")
    scan = render_scan(TEXT)
    scan.save(folder / "kh17-scan.png")
    scan.save(folder / "kh17-scan.tif", save_all=True, append_images=[scan.copy()], compression="tiff_lzw")
    (folder / "junk.bin").write_bytes(bytes(range(256)) * 40)
    (folder / "empty.docx").write_bytes(b"")

    before = {p.name: sha(p) for p in folder.iterdir()}
    summary = ingest([folder], tmp_path / "catalog.db")
    after = {p.name: sha(p) for p in folder.iterdir()}
    assert after == before  # originals never modified

    by_name = {Path(o.path).name: o for o in summary.outcomes}
    assert set(by_name) == set(before)  # every file accounted for
    failed = {n for n, o in by_name.items() if o.status == "failed"}
    assert failed == {"junk.bin", "empty.docx"}
    assert all(by_name[n].reason for n in failed)

    db = catalog.connect(tmp_path / "catalog.db")
    numbers = {Path(r["path"]).name: r["number"] for r in db.query(
        "select f.path, d.number from files f join documents d on d.id = f.document_id")}
    for name in ("kh17.txt", "kh17-utf16.txt", "kh17.docx", "kh17.pdf", "kh17.doc", "kh17.rtf", "kh17.odt",
                 "kh17-really-rtf.doc", "kh17-scan.png", "kh17-scan.tif"):
        assert numbers[name] == "17-KH/ĐTN", name
    formats = {r["format"] for r in db.query("select format from documents")}
    assert {"txt", "docx", "pdf", "doc", "rtf", "odt", "html", "image"} <= formats
    html_events = [r for r in db.query(
        "select e.start, e.end from events e join files f on f.document_id = e.document_id "
        "where f.path like '%bai-dang.html'")]
    assert [(r["start"], r["end"]) for r in html_events] == [("2024-05-12", "2024-05-13")]
