"""Builders of real .docx and .pdf files for the reader tests (python-docx, reportlab, pypdf).

The sentences are made up for the tests, in the grammar of Vietnamese administrative plans."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tools.make_corpus import FONT_BOLD_FILE, FONT_FILE, Plan, convert, write_docx, write_pdf  # noqa: E402, F401

__all__ = ["Plan", "write_docx", "write_pdf", "sample_plan", "FONT_FILE", "FONT_BOLD_FILE",
           "register_fonts", "pdf_with_widgets"]

SCHEDULE = [
    ["Thời gian", "Nội dung", "Địa điểm", "Thành phần"],
    ["07h30 ngày 12/5", "Khai mạc hội trại", "Sân vận động xã", "Ban Tổ chức"],
    ["14h00 ngày 12/5", "Thi nấu cơm dân gian", "Nhà văn hóa thôn 3", "Các chi đoàn"],
    ["19h30 ngày 12/5", "Đêm lửa trại", "Trường Tiểu học An Bình", "Toàn thể trại sinh"],
]


def sample_plan(with_table: bool = True, paragraphs: int = 3) -> Plan:
    body: list[tuple[str, object]] = [
        ("para", "Căn cứ chương trình công tác năm 2024, Ban Chấp hành Đoàn xã xây dựng kế hoạch tổ chức "
                 "hội trại truyền thống như sau:"),
        ("heading", "I. MỤC ĐÍCH, YÊU CẦU"),
        ("bullet", "- Giáo dục truyền thống yêu nước cho đoàn viên, thanh niên trên địa bàn xã."),
        ("heading", "II. THỜI GIAN, ĐỊA ĐIỂM"),
        ("para", "1. Thời gian: từ ngày 12/5/2024 đến ngày 13/5/2024."),
    ]
    if with_table:
        body.append(("table", SCHEDULE))
    for k in range(paragraphs):
        body.append(("bullet", f"- Nội dung phối hợp số {k + 1}: các chi đoàn thôn đăng ký đội hình tham gia "
                               "và gửi danh sách về Ban Tổ chức trước ngày 05/5/2024."))
    body.append(("heading", "III. TỔ CHỨC THỰC HIỆN"))
    body.append(("para", "Đề nghị các chi đoàn nghiêm túc triển khai thực hiện./."))
    return Plan(
        header_left=["ĐOÀN XÃ AN BÌNH", "BCH ĐOÀN XÃ AN BÌNH", "Số: 17-KH/ĐTN"],
        header_right=["ĐOÀN TNCS HỒ CHÍ MINH", "An Bình, ngày 20 tháng 4 năm 2024"],
        type_word="KẾ HOẠCH",
        title=["Tổ chức hội trại truyền thống năm 2024"],
        body=body,
        footer_left=["Nơi nhận:", "- Huyện Đoàn (để báo cáo);", "- Đảng ủy xã (để báo cáo);", "- Lưu VP."],
        footer_right=["TM. BAN CHẤP HÀNH", "BÍ THƯ", "", "", "Lê Thị Hồng Nhung"],
    )


def register_fonts() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, file in (("Serif", FONT_FILE), ("Serif-Bold", FONT_BOLD_FILE)):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, file))


def _appearance_pdf(path: Path, size: tuple[float, float], lines: list[str], font_size: float) -> Path:
    """A page exactly the size of an annotation, with its text: the appearance to be."""
    from reportlab.pdfgen import canvas

    register_fonts()
    c = canvas.Canvas(str(path), pagesize=size)
    c.setFont("Serif", font_size)
    y = size[1] - font_size
    for line in lines:
        c.drawString(2, y, line)
        y -= font_size * 1.15
    c.save()
    return path


def pdf_with_widgets(tmp: Path, base_lines: list[tuple[float, float, str]],
                     widgets: list[tuple[str, tuple[float, float, float, float], list[str], float]],
                     name: str = "signed.pdf", base_pdf: Path | None = None) -> Path:
    """A one-page PDF with text drawn at (x, y) and signature widgets whose appearance streams
    hold text (as e-government signing does): widgets are (field name, rect, lines, font size).
    With ``base_pdf`` the widgets go onto that PDF's first page instead (base_lines unused).

    The appearance is a form XObject nesting another (like real signing tools) built from a
    reportlab page, so it carries its own embedded font."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        NumberObject,
        TextStringObject,
    )
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    register_fonts()
    base = base_pdf or tmp / f"base-{name}"
    if base_pdf is None:
        c = canvas.Canvas(str(base), pagesize=A4)
        for x, y, text in base_lines:
            c.setFont("Serif", 13)
            c.drawString(x, y, text)
        c.save()

    writer = PdfWriter(clone_from=str(base))
    page = writer.pages[0]
    annots = ArrayObject()
    for k, (field, rect, lines, font_size) in enumerate(widgets):
        w, h = rect[2] - rect[0], rect[3] - rect[1]
        src = PdfReader(str(_appearance_pdf(tmp / f"ap{k}-{name}", (w, h), lines, font_size))).pages[0]
        inner = DecodedStreamObject()
        inner.set_data(src.get_contents().get_data())
        inner.update({
            NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject([FloatObject(0), FloatObject(0), FloatObject(w), FloatObject(h)]),
            NameObject("/Resources"): src["/Resources"].clone(writer),
        })
        outer = DecodedStreamObject()
        outer.set_data(b"q 1 0 0 1 0 0 cm /FRM Do Q\n")
        outer.update({
            NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject([FloatObject(0), FloatObject(0), FloatObject(w), FloatObject(h)]),
            NameObject("/Resources"): DictionaryObject({NameObject("/XObject"): DictionaryObject(
                {NameObject("/FRM"): writer._add_object(inner)})}),
        })
        annot = DictionaryObject({
            NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Widget"),
            NameObject("/FT"): NameObject("/Sig"), NameObject("/T"): TextStringObject(field),
            NameObject("/F"): NumberObject(132),
            NameObject("/Rect"): ArrayObject([FloatObject(v) for v in rect]),
            NameObject("/AP"): DictionaryObject({NameObject("/N"): writer._add_object(outer)}),
        })
        annots.append(writer._add_object(annot))
    page[NameObject("/Annots")] = annots
    # signing tools register their widgets as fields of the document's form
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject({
        NameObject("/Fields"): ArrayObject(list(annots)), NameObject("/SigFlags"): NumberObject(3)})
    out = tmp / name
    with open(out, "wb") as fh:
        writer.write(fh)
    return out
