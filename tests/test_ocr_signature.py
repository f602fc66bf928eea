"""The signer's name under a seal and a signature: Tesseract's page segmentation takes the signature
block for a picture and drops the name; the signature column is read again as a block of text, and
its name line is read by the grammar of a Vietnamese name (a family name of the closed set, then
capitalised syllables), strokes read as letters left out."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from pipeline.read.readers.ocr import _NOI_NHAN_CELL, _name_in, _title_in, ocr_page_image

FONTS = Path("/usr/share/fonts/truetype/freefont")
DEV_DOCS = Path(__file__).resolve().parents[1] / "eval" / "dev" / "docs"
needs_tesseract = pytest.mark.skipif(not shutil.which("tesseract"), reason="Tesseract is not installed")


@pytest.mark.parametrize("line, name", [
    ("BS. Pham Minh Huệ", "Phạm Minh Huệ"),              # a rank before it, the family name without marks
    ("D tình “Ñguyến Đức Kha", "Nguyễn Đức Kha"),         # strokes read as letters, glued to the family name
    ("Ngiiyên Thanh Hải", "Nguyễn Thanh Hải"),            # a long family name misread under a stroke
    ("Trân Văn Thanh", "Trần Văn Thanh"),
    ("bã Thị Lề Hảo", None),       # the family name lost: "Lề" is a given name here, not the family "Lê"
    ("X3 xgố rến Văn Diệu", None),  # the family name lost to the strokes: no name rather than half of one
    ("GIÁM ĐỐC", None),
    ("xLê Văn An", None),          # a short family name glued to junk is too easily made of strokes
    ("o/£ THƯƠNG No", None),       # the seal's ring text in capitals is no family name ("TRƯƠNG")
])
def test_name_at_the_end_of_an_ocr_line(line, name):
    assert _name_in(line) == name


def signed_page() -> Image.Image:
    """An A4 page at 300 dpi: body lines, "Nơi nhận" beside "GIÁM ĐỐC", a grey seal (a red one
    photocopied) over the start of the name and a pen signature across the block."""
    page = Image.new("L", (2480, 3508), 255)
    d = ImageDraw.Draw(page)
    body = ImageFont.truetype(str(FONTS / "FreeSerif.ttf"), 40)
    bold = ImageFont.truetype(str(FONTS / "FreeSerifBold.ttf"), 50)
    for k in range(6):
        d.text((200, 1500 + 70 * k), "Các đơn vị triển khai thực hiện nghiêm túc nội dung thông báo này.",
               font=body, fill=0)
    y = 2100
    d.text((200, y + 60), "Nơi nhận:", font=ImageFont.truetype(str(FONTS / "FreeSerifBoldItalic.ttf"), 42), fill=0)
    d.text((200, y + 120), "- Như trên;", font=body, fill=0)
    d.text((200, y + 175), "- Lưu: VT.", font=body, fill=0)
    d.text((1500, y + 60), "GIÁM ĐỐC", font=bold, fill=0)
    d.text((1390, y + 660), "Nguyễn Văn Bình", font=bold, fill=0)
    grey = 120
    d.ellipse((1150, y + 200, 1630, y + 700), outline=grey, width=10)
    d.ellipse((1210, y + 260, 1570, y + 640), outline=grey, width=4)
    d.text((1290, y + 380), "SỞ Y TẾ", font=ImageFont.truetype(str(FONTS / "FreeSans.ttf"), 44), fill=grey)
    d.text((1260, y + 450), "TỈNH BẮC GIANG", font=ImageFont.truetype(str(FONTS / "FreeSans.ttf"), 34), fill=grey)
    d.line([(1250 + 12 * i, y + 520 - 160 * math.sin(i / 5.0) - 3 * i) for i in range(70)], fill=60, width=6)
    d.line([(1200, y + 640), (1900, y + 420)], fill=60, width=5)
    return page


@needs_tesseract
@pytest.mark.slow
def test_name_under_a_seal_and_a_signature_is_read(tmp_path):
    from pipeline.extract import extract_file

    path = tmp_path / "signed.png"
    signed_page().save(path, dpi=(300, 300))
    rec = extract_file(path).record.to_json()
    assert rec["signer_name"] == "Nguyễn Văn Bình"
    assert rec["signer_position"] == "GIÁM ĐỐC"
    assert rec["recipients"] == ["Như trên", "Lưu: VT"]
    assert "signer_name" in rec["review"]  # read from under the strokes: its marks want a look


@needs_tesseract
@pytest.mark.slow
@pytest.mark.parametrize("doc_id, page_number, name", [
    # a grey scan: the seal's ring runs through "BS. Phạm Minh Huệ"; the page reading drops the line
    ("k2-013", 1, "Phạm Minh Huệ"),
    # a bitonal scan: the signature's tail runs into the family name ("“Ñguyến Đức Kha")
    ("k9-004", 2, "Nguyễn Đức Kha"),
    # a joint plan's last page: its closing lines and two signatures at the top of the page, the right
    # one's name dropped by the page reading under the seal and the signature
    ("k4-005", 3, "Lê Hoàng Anh"),
])
def test_real_scans_name_under_the_seal(doc_id, page_number, name):
    path = DEV_DOCS / f"{doc_id}.pdf"
    if not path.is_file():
        pytest.skip("dev corpus not present")
    from pipeline.read.readers.pdf import render_page

    page = ocr_page_image(render_page(path, page_number, 300), page_number)
    cells = [c.text for ln in page.lines for c in ln.cells]
    assert name in cells


@pytest.mark.parametrize("line, title", [
    ("_——..GIÁM ĐÓC", "GIÁM ĐÓC"),        # a stroke read as marks before the title
    ("KT. HIỆU TRƯỞNG", "KT. HIỆU TRƯỞNG"),
    ("GIÁM ĐÓC |", "GIÁM ĐÓC"),
    ("V20 là HIỆU TRƯỞNG", None),         # letters before it: an authority whose "KT." OCR garbled
    ("đc CHỦ GÀ", None),
    ("Xgngji Văn Diệu", None),
])
def test_title_line_of_a_signature_column_read_again(line, title):
    assert _title_in(line) == title


@needs_tesseract
@pytest.mark.slow
@pytest.mark.parametrize("doc_id, title, name", [
    # a colour scan: the red seal and the signature cover the block; the page reading keeps only the
    # name ("Trân Văn Thanh"), the title beside "Nơi nhận" is read again
    ("k2-005", "GIÁM ĐỐC", "Trần Văn Thanh"),
    # a bitonal scan: the page reading keeps neither the title nor the name
    ("k9-017", "GIÁM ĐÓC", None),
])
def test_real_scans_title_beside_noi_nhan_read_again(doc_id, title, name):
    path = DEV_DOCS / f"{doc_id}.pdf"
    if not path.is_file():
        pytest.skip("dev corpus not present")
    from pipeline.read.readers.pdf import render_page

    page = ocr_page_image(render_page(path, 1, 300), 1)
    texts = [[c.text for c in ln.cells] for ln in page.lines]
    k = next(i for i, cells in enumerate(texts) if cells[0].startswith("Nơi nhận"))
    # the title stands level with "Nơi nhận" or on the line above it, in the signature column
    assert title in texts[k - 1] + texts[k]
    if name:
        assert any(name in cells for cells in texts[k:])


@pytest.mark.parametrize("cell, heading", [
    ("Nơi nhận:", True),
    ("Nơi nhận:z#+~", True),   # a stroke of the signature glued after the colon
    ("ơi nhận:", True),         # the capital lost at the edge of a photographed page
    ("Người nhận:", False),
    ("nhận:", False),
])
def test_noi_nhan_cell_of_a_scan(cell, heading):
    assert bool(_NOI_NHAN_CELL.match(cell)) is heading


@needs_tesseract
@pytest.mark.slow
def test_real_photo_name_after_a_garbled_rank_beside_a_lost_heading():
    """A phone photo (m2-010): "Nơi nhận:" read "ơi nhận:" and the title under the seal garbled
    ("_.€NU TỊCH"), so no line anchors the signature column; "KS. Nguyễn Chí Linh" is read
    ":S: Nguyễn Chí Linh". Anchored beside the heading, the name is read without the rank's garble."""
    path = DEV_DOCS / "m2-010.jpg"
    if not path.is_file():
        pytest.skip("dev corpus not present")
    from pipeline.read.readers.preprocess import guess_dpi

    with Image.open(path) as img:
        img.load()
        page = ocr_page_image(img.copy(), 1, dpi=guess_dpi(img))
    cells = [c.text for ln in page.lines for c in ln.cells]
    assert "Nguyễn Chí Linh" in cells


@needs_tesseract
@pytest.mark.slow
def test_real_photo_signature_record():
    """The same photo's record: the name, and the authority whose dot OCR read as a colon after a
    stroke's marks ("__TM: HỘI ĐỒNG QUẢN TRỊ"), its "QUẢN" kept (not respelt "QUẬN", a one-word
    phrase of the header vocabulary)."""
    path = DEV_DOCS / "m2-010.jpg"
    if not path.is_file():
        pytest.skip("dev corpus not present")
    from pipeline.extract import extract_record, load_document

    rec = extract_record(load_document(path), str(path))
    assert rec.signer_name == "Nguyễn Chí Linh"
    assert rec.signer_authority == "TM. HỘI ĐỒNG QUẢN TRỊ"
