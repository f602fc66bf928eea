"""Build the sample corpus in corpus/ from the seed plans in /work/shared/seeds/.

For each seed: a copy as .txt, a .docx laid out as an administrative plan (two-column borderless
header table, centred type word and title, body with bold headings, the Nơi nhận | signature table)
and a text PDF converted from that .docx by LibreOffice; for the first seed also Word 97 .doc, .odt,
.rtf and a saved web page (.html) from LibreOffice, and its first page as a 200 dpi grey scan (.png),
so the corpus holds one file of every format kehoach reads. Re-runnable: it rewrites the files.

    .venv/bin/python tools/make_corpus.py [--seeds DIR] [--out DIR] [--no-pdf]

The layout builders (:class:`Plan`, :func:`write_docx`, :func:`write_pdf`) are also used by the
tests to make their own documents.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

SEEDS = Path("/work/shared/seeds")
OUT = Path(__file__).resolve().parent.parent / "corpus"
FONT = "FreeSerif"  # has every Vietnamese glyph; LibreOffice embeds it in the PDF
FONT_FILE = "/usr/share/fonts/truetype/freefont/FreeSerif.ttf"
FONT_BOLD_FILE = "/usr/share/fonts/truetype/freefont/FreeSerifBold.ttf"

# readable names for the seeds (by the prefix of their file name)
NAMES = {
    "000": "kh-23-gia-lai-hoc-tap-kinh-nghiem",
    "002": "kh-39-quan-11-clb-bi-thu",
}

TYPE_WORDS = ("KẾ HOẠCH", "THÔNG BÁO", "CÔNG VĂN", "BÁO CÁO", "QUYẾT ĐỊNH", "HƯỚNG DẪN", "CHƯƠNG TRÌNH",
              "TỜ TRÌNH", "GIẤY MỜI", "QUY CHẾ", "PHƯƠNG ÁN", "ĐỀ ÁN", "CHỈ THỊ", "NGHỊ QUYẾT")
_MOTTO = re.compile(r"^(CỘNG HÒA|CỘNG HOÀ|Độc lập|ĐOÀN TNCS|ĐẢNG CỘNG SẢN|ĐẢNG BỘ|-{3,}|_{3,})")
_DATE_LINE = re.compile(r",\s*ngày\s+\S+\s+tháng\s+\S+\s+năm\s+\d{4}")
_HEADING = re.compile(r"^(?:[IVX]+\s*[.\-–]|\d{1,2}(?:\.\d{1,2})*\.?\s|\d{1,2}\.|[a-zđ]\))")
_AUTHORITY = re.compile(r"^(?:TM|KT|Q|TL|TUQ|T/M|K/T|T/L)\.?\s")


# ---------------------------------------------------------------------------------------------
# A plan's layout


@dataclass
class Plan:
    """What the builders lay out. Body items are ("heading" | "para" | "bullet", text) or
    ("table", rows); text may carry **bold** and *italic* marks."""

    header_left: list[str]
    header_right: list[str]
    type_word: str
    title: list[str]
    body: list[tuple[str, object]] = field(default_factory=list)
    footer_left: list[str] = field(default_factory=list)
    footer_right: list[str] = field(default_factory=list)


def parse_seed(text: str) -> Plan:
    """Split a plain-text plan into header / type word / title / body / footer."""
    lines = [ln.rstrip() for ln in text.replace("\r\n", "\n").split("\n")]
    type_at = next(i for i, ln in enumerate(lines) if ln.strip().strip("*") in TYPE_WORDS)
    left, right = [], []
    for ln in lines[:type_at]:
        s = ln.strip()
        if not s:
            continue
        (right if _MOTTO.match(s) or _DATE_LINE.search(s) else left).append(s)
    i = type_at + 1
    while not lines[i].strip():
        i += 1
    title = [lines[i].strip()]
    i += 1
    footer_at = next(j for j in range(i, len(lines)) if lines[j].strip().startswith("Nơi nhận"))
    body: list[tuple[str, object]] = []
    for ln in lines[i:footer_at]:
        s = ln.strip()
        if not s:
            continue
        # a numbered line is a heading when short and without its own bold marks ("1. **Thời gian:** ...")
        heading = _HEADING.match(s.strip("*")) and "**" not in s and len(s) < 120
        kind = "heading" if heading else ("bullet" if s.startswith("- ") else "para")
        body.append((kind, s))
    footer_left, footer_right = [], []
    j = footer_at
    footer_left.append(lines[j].strip())
    j += 1
    while j < len(lines) and (not lines[j].strip() or lines[j].strip().startswith("-")):
        if lines[j].strip():
            footer_left.append(lines[j].strip())
        j += 1
    rest = [ln.strip().replace("**", "") for ln in lines[j:]]
    while rest and not rest[-1]:
        rest.pop()
    footer_right = rest  # authority, position, the blank lines left for the signature, name
    return Plan(left, right, lines[type_at].strip().strip("*"), title, body, footer_left, footer_right)


# ---------------------------------------------------------------------------------------------
# .docx


def _runs(paragraph, text: str, bold: bool = False, size: float | None = None) -> None:
    """Add text with **bold** / *italic* marks as runs."""
    from docx.shared import Pt

    for part in re.split(r"(\*\*[^*]+\*\*|\*[^*]+\*)", text):
        if not part:
            continue
        run = paragraph.add_run(part.strip("*") if part.startswith("*") else part)
        run.bold = bold or part.startswith("**")
        run.italic = part.startswith("*") and not part.startswith("**")
        if size:
            run.font.size = Pt(size)


def _no_borders(table) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _cell_lines(cell, lines: list[str], *, bold_first: int = 0, bold_all: bool = False,
                italic: tuple[str, ...] = ()) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    cell.paragraphs[0].text = ""
    for k, text in enumerate(lines):
        p = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(0)
        bold = bold_all or k < bold_first
        run = p.add_run(text)
        run.bold = bold
        run.italic = any(text.startswith(x) for x in italic)


def write_docx(plan: Plan, path: Path) -> Path:
    import docx
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    d = docx.Document()
    d.core_properties.title = " ".join([plan.type_word] + plan.title)
    d.core_properties.author = "kehoach corpus"
    section = d.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    normal = d.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(13)
    normal.element.rPr.rFonts.set(qn("w:cs"), FONT)
    normal.paragraph_format.space_after = Pt(3)

    header = d.add_table(rows=1, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(header)
    left, right = header.rows[0].cells
    left.width, right.width = Mm(65), Mm(100)
    number_at = next((k for k, s in enumerate(plan.header_left) if s.startswith("Số")), len(plan.header_left))
    _cell_lines(left, plan.header_left[:number_at] + ([""] if number_at else []) + plan.header_left[number_at:],
                bold_first=number_at)
    motto_lines = [s for s in plan.header_right if not _DATE_LINE.search(s)]
    date_lines = [s for s in plan.header_right if _DATE_LINE.search(s)]
    pad = max(0, number_at + (1 if number_at else 0) - len(motto_lines))
    _cell_lines(right, motto_lines + [""] * pad + date_lines, bold_first=len(motto_lines),
                italic=tuple(date_lines))

    d.add_paragraph()
    for k, text in enumerate([plan.type_word] + plan.title):
        p = d.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(0)
        _runs(p, text, bold=True, size=14 if k == 0 else 13)
    d.add_paragraph()

    for kind, content in plan.body:
        if kind == "table":
            rows = content  # type: ignore[assignment]
            table = d.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, text in enumerate(row):
                    table.cell(r, c).text = ""
                    _runs(table.cell(r, c).paragraphs[0], str(text), bold=r == 0)
            continue
        p = d.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        p.paragraph_format.first_line_indent = Mm(10)
        _runs(p, str(content), bold=kind == "heading")

    if plan.footer_left or plan.footer_right:
        footer = d.add_table(rows=1, cols=2)
        _no_borders(footer)
        fl, fr = footer.rows[0].cells
        fl.width, fr.width = Mm(80), Mm(85)
        fl.paragraphs[0].text = ""
        for k, text in enumerate(plan.footer_left):
            p = fl.paragraphs[0] if k == 0 else fl.add_paragraph()
            p.paragraph_format.space_after = Pt(0)
            run = p.add_run(text)
            run.font.size = Pt(12 if k == 0 else 11)
            run.bold = k == 0
            run.italic = k == 0
        authority = sum(1 for s in plan.footer_right if s and s.upper() == s)
        _cell_lines(fr, plan.footer_right, bold_first=authority)
        fr.paragraphs[-1].runs[-1].bold = True
        d.add_paragraph()  # Word ends a body with a paragraph; without one .doc export drops the table
    path.parent.mkdir(parents=True, exist_ok=True)
    d.save(str(path))
    return path


# ---------------------------------------------------------------------------------------------
# PDF


def convert(docx_path: Path, out_dir: Path, target: str, suffix: str, timeout: float = 120) -> Path:
    """Convert with LibreOffice (headless, a throwaway profile so a running soffice is untouched).

    target is LibreOffice's --convert-to filter ("pdf", "doc:MS Word 97", "odt", "rtf", "html")."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", target,
                        "--outdir", str(out_dir), str(docx_path)],
                       check=True, capture_output=True, timeout=timeout)
    made = out_dir / (docx_path.stem + suffix)
    if not made.is_file():
        raise RuntimeError(f"LibreOffice made no {suffix} from {docx_path}")
    return made


def docx_to_pdf(docx_path: Path, out_dir: Path, timeout: float = 120) -> Path:
    return convert(docx_path, out_dir, "pdf", ".pdf", timeout)


def pdf_to_scan(pdf_path: Path, png_path: Path, dpi: int = 200) -> Path:
    """The first page as a grey 200 dpi image, as a flatbed scanner gives it (poppler's pdftoppm)."""
    subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", str(dpi), "-gray", "-png", "-singlefile",
                    str(pdf_path), str(png_path.with_suffix(""))], check=True, capture_output=True)
    return png_path


def write_pdf(plan: Plan, path: Path) -> Path:
    """A text PDF drawn directly with reportlab (fast; the tests use it)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    for name, file in (("Serif", FONT_FILE), ("Serif-Bold", FONT_BOLD_FILE)):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, file))
    width, height = A4
    left, right, top, bottom = 85.0, 42.0, 57.0, 57.0
    c = canvas.Canvas(str(path), pagesize=A4)
    y = height - top

    def new_page() -> None:
        nonlocal y
        c.showPage()
        y = height - top

    def centred(text: str, cx: float, size: float = 13, bold: bool = False) -> None:
        c.setFont("Serif-Bold" if bold else "Serif", size)
        c.drawCentredString(cx, y, text.replace("*", ""))

    def two_columns(left_lines: list[str], right_lines: list[str], lx: float, rx: float,
                    bold_left: int, bold_right: int) -> None:
        nonlocal y
        for k in range(max(len(left_lines), len(right_lines))):
            if k < len(left_lines) and left_lines[k]:
                centred(left_lines[k], lx, bold=k < bold_left)
            if k < len(right_lines) and right_lines[k]:
                centred(right_lines[k], rx, bold=k < bold_right)
            y -= 17

    number_at = next((k for k, s in enumerate(plan.header_left) if s.startswith("Số")), len(plan.header_left))
    motto = [s for s in plan.header_right if not _DATE_LINE.search(s)]
    dates = [s for s in plan.header_right if _DATE_LINE.search(s)]
    left_col = plan.header_left[:number_at] + [""] + plan.header_left[number_at:]
    right_col = motto + [""] * max(0, number_at + 1 - len(motto)) + dates
    two_columns(left_col, right_col, left + 100, left + 330, number_at, len(motto))
    y -= 17
    for k, text in enumerate([plan.type_word] + plan.title):
        centred(text, (left + width - right) / 2, 14 if k == 0 else 13, bold=True)
        y -= 18
    y -= 10
    for kind, content in plan.body:
        if kind == "table":
            y = _pdf_table(c, content, left, width - right, y)  # type: ignore[arg-type]
            continue
        font = "Serif-Bold" if kind == "heading" else "Serif"
        for line in _wrap(str(content).replace("*", ""), font, 13, width - left - right - 28):
            if y < bottom:
                new_page()
            c.setFont(font, 13)
            c.drawString(left + 28, y, line)
            y -= 17
    if y < bottom + 17 * max(len(plan.footer_left), len(plan.footer_right)):
        new_page()
    y -= 8
    authority = sum(1 for s in plan.footer_right if s and s.upper() == s)
    for k in range(max(len(plan.footer_left), len(plan.footer_right))):
        if k < len(plan.footer_left):
            c.setFont("Serif-Bold" if k == 0 else "Serif", 12 if k == 0 else 11)
            c.drawString(left, y, plan.footer_left[k])
        if k < len(plan.footer_right) and plan.footer_right[k]:
            centred(plan.footer_right[k], left + 330, bold=k < authority)
        y -= 16
    c.save()
    return path


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines, current = [], ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if current and stringWidth(trial, font, size) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    return lines + ([current] if current else [])


def _pdf_table(c, rows: list[list[str]], x0: float, x1: float, y: float) -> float:
    """A ruled table (grid lines), one text line per cell; returns the new y."""
    n = len(rows[0])
    col_w = (x1 - x0) / n
    row_h = 20.0
    top = y + 14
    for r, row in enumerate(rows):
        for k, text in enumerate(row):
            c.setFont("Serif-Bold" if r == 0 else "Serif", 11)
            c.drawString(x0 + k * col_w + 4, top - (r + 1) * row_h + 6, str(text))
    for r in range(len(rows) + 1):
        c.line(x0, top - r * row_h, x1, top - r * row_h)
    for k in range(n + 1):
        c.line(x0 + k * col_w, top, x0 + k * col_w, top - len(rows) * row_h)
    return top - len(rows) * row_h - 20


# ---------------------------------------------------------------------------------------------
# A hostile file for the fault tests and benchmark


def docx_bomb(path: Path, inflated_bytes: int, base: Path | None = None) -> Path:
    """A real .docx (every other part taken from a corpus plan) whose word/document.xml inflates to
    about ``inflated_bytes`` of XML while the file stays small (deflate packs the repeats ~1000x)."""
    import zipfile

    base = base or OUT / "kh-23-gia-lai-hoc-tap-kinh-nghiem.docx"
    block = (b"<w:p><w:r><w:t>" + b"A" * 4000 + b"</w:t></w:r></w:p>") * 256
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for info in src.infolist():
            if info.filename != "word/document.xml":
                z.writestr(info.filename, src.read(info.filename))
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                     b"<w:body>")
            for _ in range(max(1, inflated_bytes // len(block))):
                fh.write(block)
            fh.write(b"</w:body></w:document>")
    return path


# ---------------------------------------------------------------------------------------------
# The corpus


# the other formats an archive holds, made from the first seed's .docx: Word 97, OpenDocument, RTF,
# a page saved from a web site, and a scanned first page
EXTRA_FORMATS = (("doc:MS Word 97", ".doc"), ("odt", ".odt"), ("rtf", ".rtf"), ("html", ".html"))


def build(seeds: Path = SEEDS, out: Path = OUT, pdf: bool = True) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    made = []
    for k, seed in enumerate(sorted(seeds.glob("*.txt"))):
        name = NAMES.get(seed.name[:3], seed.stem)
        text = seed.read_text(encoding="utf-8")
        txt = out / f"{name}.txt"
        txt.write_text(text, encoding="utf-8")
        docx_path = write_docx(parse_seed(text), out / f"{name}.docx")
        made += [txt, docx_path]
        if not pdf:
            continue
        made.append(docx_to_pdf(docx_path, out))
        if k == 0:
            made += [convert(docx_path, out, target, suffix) for target, suffix in EXTRA_FORMATS]
            made.append(pdf_to_scan(made[-len(EXTRA_FORMATS) - 1], out / f"{name}-scan.png"))
    return made


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=Path, default=SEEDS)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--no-pdf", action="store_true",
                    help="skip the LibreOffice conversions (PDF, .doc, .odt, .rtf, .html, scan)")
    args = ap.parse_args(argv)
    for path in build(args.seeds, args.out, pdf=not args.no_pdf):
        print(path, file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
