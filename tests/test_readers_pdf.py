"""The PDF reader on real PDFs made here (reportlab, pypdf, LibreOffice) and on a real signed PDF."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from fixtures_office import pdf_with_widgets, register_fonts, sample_plan, write_docx, write_pdf

from pipeline.errors import ReaderError
from pipeline.read.build import build_document
from pipeline.read.readers import read
from pipeline.read.readers.pdf import MIN_VIETNAMESE_SHARE, _vietnamese_word, read_pdf

D002 = Path("/work/shared/eval/dev/docs/d002.pdf")
CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def texts(raw) -> list[str]:
    return [" | ".join(c.text for c in ln.cells) for p in raw.pages for ln in p.lines if ln.cells]


def line_with(raw, needle: str):
    for p in raw.pages:
        for ln in p.lines:
            if any(needle in c.text for c in ln.cells):
                return p, ln
    raise AssertionError(f"no line with {needle!r} in {texts(raw)}")


@pytest.fixture(scope="module")
def plan_pdf(tmp_path_factory) -> Path:
    plan = sample_plan(with_table=True, paragraphs=40)  # long enough for a second page
    return write_pdf(plan, tmp_path_factory.mktemp("pdf") / "ke-hoach.pdf")


def test_header_columns_are_separate_cells(plan_pdf):
    raw = read_pdf(plan_pdf)
    _, ln = line_with(raw, "Số: 17-KH/ĐTN")
    left = next(c for c in ln.cells if "Số:" in c.text)
    right = next(c for c in ln.cells if "ngày 20 tháng 4 năm 2024" in c.text)
    assert left is not right
    assert left.text == "Số: 17-KH/ĐTN"
    assert right.text == "An Bình, ngày 20 tháng 4 năm 2024"
    assert left.x1 < 0.5 <= right.x0 + 0.1 and right.x0 > left.x1
    _, motto = line_with(raw, "ĐOÀN TNCS HỒ CHÍ MINH")
    assert [c.text for c in motto.cells] == ["ĐOÀN XÃ AN BÌNH", "ĐOÀN TNCS HỒ CHÍ MINH"]
    doc = build_document(raw)
    number_line = next(ln for ln in doc.lines if "Số:" in ln.text)
    assert [c.column for c in number_line.cells] == ["left", "right"]


def test_ruled_table_rows_in_order_and_in_place(plan_pdf):
    raw = read_pdf(plan_pdf)
    page = raw.pages[0]
    rows = [ln for ln in page.lines if ln.kind == "table"]
    assert [[c.text for c in r.cells] for r in rows] == [
        ["Thời gian", "Nội dung", "Địa điểm", "Thành phần"],
        ["07h30 ngày 12/5", "Khai mạc hội trại", "Sân vận động xã", "Ban Tổ chức"],
        ["14h00 ngày 12/5", "Thi nấu cơm dân gian", "Nhà văn hóa thôn 3", "Các chi đoàn"],
        ["19h30 ngày 12/5", "Đêm lửa trại", "Trường Tiểu học An Bình", "Toàn thể trại sinh"],
    ]
    xs = [c.x0 for c in rows[0].cells]
    assert xs == sorted(xs)
    # the table stands between the line before it and the line after it
    all_text = [" | ".join(c.text for c in ln.cells) for ln in page.lines]
    before = next(i for i, t in enumerate(all_text) if t.startswith("1. Thời gian"))
    first_row = next(i for i, ln in enumerate(page.lines) if ln.kind == "table")
    after = next(i for i, t in enumerate(all_text) if "Nội dung phối hợp số 1:" in t)
    assert before < first_row < after
    # the table's words are not read a second time as text lines
    assert sum("Khai mạc hội trại" in t for t in all_text) == 1


def test_pages_are_numbered(plan_pdf):
    raw = read_pdf(plan_pdf)
    assert [p.number for p in raw.pages] == list(range(1, len(raw.pages) + 1))
    assert len(raw.pages) >= 2
    assert raw.meta["page_count"] == len(raw.pages)
    assert all(p.source == "pdf-text" for p in raw.pages)
    last, ln = line_with(raw, "Lê Thị Hồng Nhung")
    assert last.number == len(raw.pages)
    assert ln.cells[-1].x0 > 0.42
    doc = build_document(raw)
    assert doc.pages[-1].number == len(raw.pages)


def test_encrypted_pdf_with_password_is_an_error(plan_pdf, tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(str(plan_pdf)))
    writer.encrypt(user_password="matkhau", owner_password="quantri", algorithm="AES-128")
    locked = tmp_path / "khoa.pdf"
    with open(locked, "wb") as fh:
        writer.write(fh)
    with pytest.raises(ReaderError, match="encrypted PDF"):
        read_pdf(locked)


def test_pdf_encrypted_only_against_editing_reads(plan_pdf, tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(str(plan_pdf)))
    writer.encrypt(user_password="", owner_password="quantri", algorithm="RC4-128")
    path = tmp_path / "chi-doc.pdf"
    with open(path, "wb") as fh:
        writer.write(fh)
    raw = read_pdf(path)
    assert raw.meta.get("encrypted") is True
    line_with(raw, "Số: 17-KH/ĐTN")


@pytest.mark.parametrize("damage", ["truncated", "garbage"])
def test_corrupt_pdf_is_an_error(plan_pdf, tmp_path, damage):
    data = plan_pdf.read_bytes()
    bad = tmp_path / "hong.pdf"
    if damage == "truncated":
        bad.write_bytes(data[:300])
    else:
        bad.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20)
    with pytest.raises(ReaderError, match="PDF"):
        read_pdf(bad)


def test_input_file_is_not_modified(plan_pdf):
    before = plan_pdf.read_bytes()
    read_pdf(plan_pdf)
    assert plan_pdf.read_bytes() == before


# ---------------------------------------------------------------------------------------------
# Signature widgets: the number and the day drawn in annotation appearances


def _signed(tmp_path: Path) -> Path:
    return pdf_with_widgets(
        tmp_path,
        [(100, 700, "Số:"), (160, 700, "/KH-UBND"), (330, 700, "An Bình, ngày"), (432, 700, "tháng 5 năm 2024"),
         (100, 650, "Kính gửi: các chi đoàn trực thuộc"),
         (100, 620, "Ủy ban nhân dân xã đề nghị các chi đoàn triển khai kế hoạch đúng thời gian.")],
        [("Signature1", (122, 695, 158, 715), ["45"], 13),
         ("Signature2", (412, 695, 430, 715), ["12"], 13),
         ("Signature3", (360, 760, 560, 812),
          ["Ký bởi: Văn phòng UBND xã An Bình", "Email: vanphong@anbinh.gov.vn",
           "Thời gian: 12.05.2024 09:15:00 +07:00"], 8)])


def test_widget_number_lands_on_the_number_line(tmp_path):
    raw = read_pdf(_signed(tmp_path))
    _, ln = line_with(raw, "Số:")
    assert ln.cells[0].text == "Số: 45 /KH-UBND"
    assert ln.cells[-1].text == "An Bình, ngày 12 tháng 5 năm 2024"
    body = "\n".join(texts(raw))
    assert "Ký bởi" not in body and "vanphong@" not in body and "09:15" not in body
    stamps = raw.pages[0].meta["stamps"]
    assert len(stamps) == 1 and "Ký bởi: Văn phòng UBND xã An Bình" in stamps[0]["text"]
    assert {v["text"] for v in raw.pages[0].meta["form_values"]} == {"45", "12"}
    sig = raw.meta["signatures"][0]
    assert sig["signer"] == "Văn phòng UBND xã An Bình"
    assert sig["email"] == "vanphong@anbinh.gov.vn"
    assert sig["time"].startswith("12.05.2024 09:15:00")


@pytest.mark.skipif(not D002.is_file(), reason="dev set not present")
def test_signed_egov_pdf_d002():
    raw = read(D002)
    lines = texts(raw)
    body = "\n".join(lines)
    assert any(re.search(r"Số:\s*507\s*/\s*UBND-KGVX", t) for t in lines), lines[:6]
    assert any("Quảng Ngãi, ngày 24 tháng 01 năm 2025" in t for t in lines)
    assert "Ký bởi" not in body
    assert "ttcbth@quangngai.gov.vn" not in body
    assert "TRUNG TÂM CÔNG" not in body and "20:01:14" not in body
    stamps = raw.pages[0].meta["stamps"]
    assert any("TRUNG TÂM CÔNG" in s["text"] for s in stamps)
    signers = {s.get("signer") for s in raw.meta["signatures"]}
    assert "Phùng Tô Long" in signers
    assert any(s.get("time", "").startswith("2025-01-24T20:01:14") for s in raw.meta["signatures"])
    assert raw.pages[0].source == "pdf-text" and "ocr_reason" not in raw.pages[0].meta
    # the header columns and the Nơi nhận | signature block stay apart
    _, ln = line_with(raw, "Nơi nhận:")
    assert [c.text for c in ln.cells] == ["Nơi nhận:", "TL. CHỦ TỊCH"]


@pytest.mark.skipif(not D002.is_file() or not shutil.which("pdftotext"), reason="needs d002 and poppler")
def test_d002_body_words_match_poppler_without_stamps():
    """pdftotext renders the appearances too: its words, less the stamp's, are the body's words."""
    layout = subprocess.run(["pdftotext", "-layout", str(D002), "-"], capture_output=True, text=True,
                            check=True).stdout
    raw = read(D002)
    stamp_words = Counter(w for s in raw.pages[0].meta["stamps"] for w in s["text"].split())
    ours = Counter(w for t in texts(raw) for w in t.replace(" | ", " ").split())
    poppler = Counter(layout.split()) - stamp_words
    assert ours == poppler


def _pdf_words(path: Path) -> Counter:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    return Counter(out.split())


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler")
@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.pdf")))
def test_corpus_pdf_words_match_poppler(name):
    raw = read_pdf(CORPUS / name)
    ours = Counter(w for t in texts(raw) for w in t.replace(" | ", " ").split())
    assert ours == _pdf_words(CORPUS / name)


# ---------------------------------------------------------------------------------------------
# Text layers that lie: OCR where the layer is missing or junk


def _image_of_text(lines: list[str]):
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("L", (2480, 1400), 255)  # A4 width at 300 dpi
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(Path("/usr/share/fonts/truetype/freefont/FreeSerif.ttf")), 54)
    for k, line in enumerate(lines):
        draw.text((250, 150 + k * 90), line, font=font, fill=0)
    return img


SCAN_LINES = [
    "Ủy ban nhân dân xã An Bình thông báo lịch tiếp công dân",
    "trong tháng sáu năm hai nghìn hai mươi tư tại trụ sở xã.",
    "Đề nghị các thôn thông báo rộng rãi đến nhân dân được biết.",
]


def _scan_pdf(tmp_path: Path, junk_layer: bool) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    register_fonts()
    path = tmp_path / ("junk.pdf" if junk_layer else "scan.pdf")
    c = canvas.Canvas(str(path), pagesize=A4)
    img = _image_of_text(SCAN_LINES)
    w, h = A4
    c.drawImage(ImageReader(img), 0, h - w * img.height / img.width, width=w, height=w * img.height / img.width)
    if junk_layer:  # an invisible OCR layer without Vietnamese letters, as bad scanners make
        text = c.beginText(60, h - 60)
        text.setTextRenderMode(3)
        text.setFont("Helvetica", 12)
        for _ in range(4):
            text.textLine("Uy ban nhan dan xa An Binh thong bao lich tiep cong dan trong thang sau")
        c.drawText(text)
    c.save()
    return path


@pytest.mark.slow
@pytest.mark.parametrize("junk_layer", [False, True])
def test_page_without_usable_text_layer_is_ocred(tmp_path, junk_layer):
    pytest.importorskip("pytesseract")
    if not shutil.which("tesseract"):
        pytest.skip("tesseract not installed")
    raw = read_pdf(_scan_pdf(tmp_path, junk_layer))
    page = raw.pages[0]
    assert page.source == "ocr"
    reason = page.meta["ocr_reason"]
    assert ("junk" in reason) if junk_layer else ("no text layer" in reason)
    body = " ".join(texts(raw))
    assert "thông báo" in body and "nhân dân" in body


def test_real_text_layer_is_not_ocred(plan_pdf):
    raw = read_pdf(plan_pdf)
    assert all("ocr_reason" not in p.meta for p in raw.pages)


@pytest.mark.slow
def test_libreoffice_pdf_matches_docx_header(tmp_path):
    """A Word-like PDF (LibreOffice from a .docx with a borderless header table)."""
    if not shutil.which("soffice"):
        pytest.skip("LibreOffice not installed")
    from tools.make_corpus import docx_to_pdf

    docx_path = write_docx(sample_plan(), tmp_path / "ke-hoach.docx")
    raw = read_pdf(docx_to_pdf(docx_path, tmp_path))
    _, ln = line_with(raw, "Số: 17-KH/ĐTN")
    assert [c.text for c in ln.cells] == ["Số: 17-KH/ĐTN", "An Bình, ngày 20 tháng 4 năm 2024"]
    _, ln = line_with(raw, "Nơi nhận:")
    assert [c.text for c in ln.cells] == ["Nơi nhận:", "TM. BAN CHẤP HÀNH"]
    rows = [[c.text for c in ln.cells] for p in raw.pages for ln in p.lines if ln.kind == "table"]
    assert rows[0] == ["Thời gian", "Nội dung", "Địa điểm", "Thành phần"]
    assert rows[3][1] == "Đêm lửa trại"


@pytest.mark.slow
def test_scan_with_widget_values_ocrs_values_but_not_stamps(tmp_path):
    """A scanned page signed digitally: the number is in a widget over the image, the stamp too."""
    pytest.importorskip("pytesseract")
    if not shutil.which("tesseract"):
        pytest.skip("tesseract not installed")
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    px = 300 / 72  # the image covers the A4 page at 300 dpi
    img = Image.new("L", (round(A4[0] * px), round(A4[1] * px)), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype("/usr/share/fonts/truetype/freefont/FreeSerif.ttf", round(13 * px))
    for x, top, text in [(100, 130, "Số:"), (160, 130, "/KH-UBND"),
                         (100, 190, "Kính gửi: các chi đoàn trực thuộc Đoàn xã"),
                         (100, 220, "Đề nghị các chi đoàn thực hiện nghiêm túc nội dung kế hoạch này.")]:
        draw.text((x * px, top * px), text, font=font, fill=0)
    scan = tmp_path / "scan-base.pdf"
    c = canvas.Canvas(str(scan), pagesize=A4)
    c.drawImage(ImageReader(img), 0, 0, width=A4[0], height=A4[1])
    c.save()
    out = pdf_with_widgets(tmp_path, [], [
        ("Signature1", (123, A4[1] - 146, 158, A4[1] - 128), ["45"], 13),
        ("Signature2", (330, A4[1] - 60, 560, A4[1] - 20),
         ["Ký bởi: Văn phòng UBND xã An Bình", "Email: vanphong@anbinh.gov.vn"], 8)],
        name="scan-signed.pdf", base_pdf=scan)

    raw = read_pdf(out)
    page = raw.pages[0]
    assert page.source == "ocr"
    assert [v["text"] for v in page.meta["form_values"]] == ["45"]
    body = "\n".join(t.replace(" | ", " ") for t in texts(raw))  # OCR may cut the line at the gap
    assert re.search(r"Số:\s*45\s*/\s*KH-UBND", body), body
    assert "Ký bởi" not in body and "vanphong" not in body


def test_legacy_encoded_text_layer_is_not_taken_for_junk(tmp_path):
    """TCVN3 text in a font without a telling name: few Vietnamese letters, but not an OCR job."""
    pytest.importorskip("pipeline.read.legacy")
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    register_fonts()
    path = tmp_path / "tcvn3.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Serif", 13)
    for k, line in enumerate(["Tæ chøc ®¹i héi chi ®oµn thanh niªn n¨m häc míi",
                              "Thùc hiÖn ch­¬ng tr×nh c«ng t¸c n¨m häc, Ban chÊp hµnh x©y dùng ch­¬ng tr×nh",
                              "tæ chøc c¸c ho¹t ®éng chµo mõng ngµy thµnh lËp §oµn t¹i x· An B×nh"]):
        c.drawString(90, 760 - 18 * k, line)
    c.save()
    raw = read_pdf(path)
    words = [w for t in texts(raw) for w in t.split() if sum(ch.isalpha() for ch in w) >= 2]
    assert sum(map(_vietnamese_word, words)) / len(words) < MIN_VIETNAMESE_SHARE  # looks like junk ...
    assert raw.pages[0].source == "pdf-text" and "ocr_reason" not in raw.pages[0].meta  # ... is not


@pytest.mark.parametrize("stem", sorted(p.stem for p in CORPUS.glob("*.pdf") if p.with_suffix(".docx").is_file()))
def test_corpus_pdf_and_docx_read_the_same_words(stem):
    from pipeline.read.readers.docx import read_docx

    def words(raw) -> Counter:
        return Counter(w for t in texts(raw) for w in t.replace(" | ", " ").split())

    assert words(read_pdf(CORPUS / f"{stem}.pdf")) == words(read_docx(CORPUS / f"{stem}.docx"))


def test_tight_bold_capitals_keep_their_spaces(tmp_path):
    # Word sets the issuer in bold capitals with glyphs overlapping: the space characters are
    # there, though the gap they leave is narrower than letter spacing elsewhere
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    register_fonts()
    path = tmp_path / "tight.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    t = c.beginText(60, 780)
    t.setFont("Serif-Bold", 14)
    t.setCharSpace(-1.0)
    t.textLine("BỘ THÔNG TIN VÀ TRUYỀN THÔNG")
    t.setCharSpace(0)
    t.setFont("Serif", 13)
    t.textLine("Số: 2919/BTTTT-TBDCB")
    c.drawText(t)
    c.save()
    got = texts(read_pdf(path))
    assert got[0] == "BỘ THÔNG TIN VÀ TRUYỀN THÔNG"
    assert "Số: 2919/BTTTT-TBDCB" in got


DEV_DOCS = Path(__file__).resolve().parent.parent / "eval" / "dev" / "docs"


@pytest.mark.parametrize("doc_id", ["k9-001", "k9-002"])
def test_real_ocr_layers_that_lie_are_junk(doc_id):
    """k9-001: an OmniPage layer with a third of its words marked but broken ("Vit", "nhim",
    "Diu"); k9-002: a layer without Vietnamese marks that also passes for TCVN3 text. Both were
    trusted before the syllable measure; both are OCR jobs."""
    import pdfplumber

    from pipeline.read.readers.pdf import _read_page

    path = DEV_DOCS / f"{doc_id}.pdf"
    if not path.is_file():
        pytest.skip("dev corpus not present")
    with pdfplumber.open(path) as pdf:
        page, _ = _read_page(pdf.pages[0], 1, set())
    assert "junk text layer" in page.meta["ocr_reason"]
    assert "Vietnamese syllables" in page.meta["ocr_reason"]


def test_real_text_layers_of_the_dev_set_are_trusted():
    """Word- and e-government-made layers of the dev set read 95-100 % valid syllables."""
    import pdfplumber

    from pipeline.read.readers.pdf import _read_page

    paths = [DEV_DOCS / f"{d}.pdf" for d in ("k1-016", "k1-026", "k3-003", "k6-005")]
    if not all(p.is_file() for p in paths):
        pytest.skip("dev corpus not present")
    for path in paths:
        with pdfplumber.open(path) as pdf:
            page, _ = _read_page(pdf.pages[0], 1, set())
        assert "ocr_reason" not in page.meta, (path.name, page.meta.get("ocr_reason"))


# an OCR layer as OmniPage made one without the Vietnamese model (the style of k9-001's layer):
# some words keep their marks, many lose a letter with its mark
BROKEN_LAYER = ("Uy ban nhân dân xa An Binh thông báo lich tip công dân trong thang sáu nam hai nghin "
                "hai muoi tu tai tr s xa. D ngh các thôn thông báo rng rãi dn nhân dân duoc bit. "
                "Vic tip dân thirc hin theo quy djnh cüa pháp luit, diu hành bi Chü tich UBND xa.")


@pytest.mark.slow
def test_layer_with_broken_words_is_ocred_and_kept_as_a_hint(tmp_path):
    pytest.importorskip("pytesseract")
    if not shutil.which("tesseract"):
        pytest.skip("tesseract not installed")
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    from pipeline.read.vietnamese import reading

    r = reading(BROKEN_LAYER)
    assert r.marked_share >= MIN_VIETNAMESE_SHARE  # the old test alone would have trusted it
    path = tmp_path / "broken-layer.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    img = _image_of_text(SCAN_LINES)
    w, h = A4
    c.drawImage(ImageReader(img), 0, h - w * img.height / img.width, width=w, height=w * img.height / img.width)
    text = c.beginText(60, h - 60)
    text.setTextRenderMode(3)  # invisible, over the picture, as scanners write their OCR layer
    text.setFont("Helvetica", 10)
    for k in range(0, len(BROKEN_LAYER), 90):
        text.textLine(BROKEN_LAYER[k:k + 90].encode("latin-1", "replace").decode("latin-1"))
    c.drawText(text)
    c.save()
    page = read_pdf(path).pages[0]
    assert page.source == "ocr"
    assert "Vietnamese syllables" in page.meta["ocr_reason"]
    assert "thông báo lich tip" in page.meta["text_layer_hint"]  # the layer is kept, not trusted
    body = " ".join(" ".join(c.text for c in ln.cells) for ln in page.lines)
    assert "thông báo lịch tiếp công dân" in body


def _painted_paragraphs_pdf(path: Path, body: list[str], left: list[str], right: list[str], ruled: bool) -> Path:
    """A page whose paragraphs each sit on a white filled rectangle (as some exports paint paragraph
    backgrounds): body paragraphs across the page, then "Nơi nhận" and the signature block side by
    side, each in its own column of painted boxes; optionally a real ruled table drawn in black."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    register_fonts()
    c = canvas.Canvas(str(path), pagesize=A4)

    def painted(x: float, y: float, w: float, text: str) -> None:
        c.setFillColorRGB(1, 1, 1)
        c.rect(x, y - 5, w, 18, stroke=0, fill=1)
        c.setFillColorRGB(0, 0, 0)
        c.setFont("Serif", 12)
        c.drawString(x + 4, y, text)

    y = 780
    for text in body:
        painted(60, y, 480, text)
        y -= 18
    c.setFillColorRGB(1, 1, 1)
    c.rect(60, y - 5 - 18 * (len(left) - 1), 190, 18 * len(left), stroke=0, fill=1)
    c.rect(250, y - 5 - 18 * (len(right) - 1), 290, 18 * len(right), stroke=0, fill=1)
    for k in range(max(len(left), len(right))):
        if k < len(left):
            painted(60, y - 18 * k, 190, left[k])
        if k < len(right):
            painted(250, y - 18 * k, 290, right[k])
    y -= 18 * max(len(left), len(right)) + 20
    if ruled:
        c.setStrokeColorRGB(0, 0, 0)
        c.setFillColorRGB(0, 0, 0)
        for k, (a, b) in enumerate([("Thời gian", "Nội dung"), ("Ngày 05/5/2024", "Khai mạc hội trại")]):
            top = y - 22 * k
            c.rect(60, top - 22, 150, 22, stroke=1, fill=0)
            c.rect(210, top - 22, 330, 22, stroke=1, fill=0)
            c.drawString(64, top - 16, a)
            c.drawString(214, top - 16, b)
    c.save()
    return path


@pytest.mark.parametrize("ruled", [False, True])
def test_white_paragraph_backgrounds_are_not_a_table(tmp_path, ruled):
    body = ["Đề nghị các đơn vị gửi ý kiến trước ngày 20/5/2017./."]
    left = ["Nơi nhận:", "- Như trên;", "- Lưu VP."]
    right = ["TM. BAN THƯỜNG VỤ", "CHỦ TỊCH", "", "Nguyễn Văn An"]
    raw = read_pdf(_painted_paragraphs_pdf(tmp_path / "painted.pdf", body, left, right, ruled))
    rows = [[c.text for c in ln.cells] for p in raw.pages for ln in p.lines if ln.kind == "table"]
    assert rows == ([["Thời gian", "Nội dung"], ["Ngày 05/5/2024", "Khai mạc hội trại"]] if ruled else [])
    cells = [c.text for p in raw.pages for ln in p.lines if ln.kind != "table" for c in ln.cells]
    assert cells[:2] == [body[0], "Nơi nhận:"] and "Nguyễn Văn An" in cells


def _pdf_with_pictured_signature(path: Path) -> Path:
    """A born-digital page whose signature block (authority, position, name) is a pasted picture, as
    agencies paste the scanned, sealed block beside a typed "Nơi nhận"."""
    from fixtures_office import FONT_BOLD_FILE, FONT_FILE
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    picture = Image.new("RGB", (1000, 560), "white")
    draw = ImageDraw.Draw(picture)
    bold, plain = ImageFont.truetype(FONT_BOLD_FILE, 44), ImageFont.truetype(FONT_FILE, 44)
    for y, text, font in ((20, "TL. BỘ TRƯỞNG", bold), (80, "VỤ TRƯỞNG VỤ GIÁO DỤC TRUNG HỌC", bold),
                          (470, "Nguyễn Văn Bình", bold)):
        draw.text((500 - draw.textlength(text, font=font) / 2, y), text, fill="black", font=font)
    draw.ellipse((380, 150, 620, 390), outline=(200, 30, 30), width=8)  # the seal
    draw.text((420, 250), "con dấu", fill=(200, 30, 30), font=plain)

    register_fonts()
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Serif", 13)
    y = 780
    for text in ("Đề nghị các sở giáo dục và đào tạo triển khai thực hiện kịp thời./.",):
        c.drawString(70, y, text)
        y -= 30
    for k, text in enumerate(("Nơi nhận:", "- Như trên;", "- Lưu: VT.")):
        c.drawString(70, y - 18 * k - 30, text)
    c.drawImage(ImageReader(picture), 300, y - 150, width=250, height=140)
    c.save()
    return path


@pytest.mark.slow
def test_text_in_a_pasted_signature_picture_is_read(tmp_path):
    if not shutil.which("tesseract"):
        pytest.skip("tesseract not installed")
    raw = read_pdf(_pdf_with_pictured_signature(tmp_path / "pictured.pdf"))
    page = raw.pages[0]
    assert page.source == "pdf-text" and page.meta["image_text"]
    doc = build_document(raw)
    from extractors.footer import extract_footer

    f = extract_footer(doc)
    assert f.signer_authority.value == "TL. BỘ TRƯỞNG"
    assert f.signer_position.value == "VỤ TRƯỞNG VỤ GIÁO DỤC TRUNG HỌC"
    assert f.signer_name.value == "Nguyễn Văn Bình"
    assert [r.value for r in f.recipients] == ["Như trên", "Lưu: VT"]


@pytest.mark.slow
def test_no_more_than_four_pictures_are_read_on_a_page(tmp_path):
    if not shutil.which("tesseract"):
        pytest.skip("tesseract not installed")
    from fixtures_office import FONT_FILE
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    from pipeline.read.readers.pdf import IMAGE_TEXT_MAX_PER_PAGE

    register_fonts()
    path = tmp_path / "album.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Serif", 13)
    c.drawString(70, 800, "Hình ảnh hoạt động của các chi đoàn trong tháng thanh niên.")
    for k in range(6):
        picture = Image.new("RGB", (800, 240), "white")
        ImageDraw.Draw(picture).text((20, 80), f"Chi đoàn thôn {k + 1} ra quân tình nguyện", fill="black",
                                     font=ImageFont.truetype(FONT_FILE, 48))
        c.drawImage(ImageReader(picture), 70 + (k % 2) * 240, 640 - (k // 2) * 120, width=220, height=66)
    c.save()
    page = read_pdf(path).pages[0]
    assert page.source == "pdf-text"
    assert 0 < len(page.meta["image_text"]) <= IMAGE_TEXT_MAX_PER_PAGE
