"""Text documents printed as scans, degraded one way at a time, and scored against their text.

Every text document of the chosen evaluation sets (``.txt``, ``.md``, ``.docx``, ``.doc``,
``.rtf`` and PDFs whose text layer reads) is printed to 300 dpi page images, and each degradation of
``benchmarks/scan_degrade.py`` makes its own set of multi-page TIFFs from them:

    clean     the render as it is
    grain     photocopy grain, toner dust, worn strokes, slight blur
    grey      grey, uneven background, dark-grey ink
    jpeg40    JPEG at quality 40
    dpi150    scanned at 150 dpi
    skew      turned 2-4 degrees either way
    seal      a red round seal over the signature block
    blue_ink  the number and the day blanked in print and written in blue in a handwriting font

Each set is scored with ../shared/eval/score.py and the kehoach extractor next to the same
documents as text, and a table gives per degradation the macro F1, the header and content field
means, how far below the text figure it is (target: within 0.05), and wall and CPU seconds per page.

How a document becomes pages: Word and RTF files through LibreOffice (private profile) to PDF, PDFs
through pdftoppm at 300 dpi grey — the real layout. Text and Markdown are laid out here in
FreeSerif: layout text (``pdftotext -layout`` output) keeps its pages and character columns;
flowing text is set one paragraph per line, with the header and the signature block in two
columns as Decree 30 prints them (``--one-column``: as the text stands).

    .venv/bin/python benchmarks/scan_eval.py --limit 6 --degradations clean,grain
    .venv/bin/python benchmarks/scan_eval.py --set eval/dev --limit 20           # every degradation
    .venv/bin/python benchmarks/scan_eval.py --set /work/shared/eval/dev --verbose  # plus the misses
    .venv/bin/python benchmarks/scan_eval.py --real-scans --limit 10             # real scans as they are
    .venv/bin/python benchmarks/scan_eval.py --keep /tmp/scans --ids b001 k1-024  # keep the TIFF sets
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.scan_degrade import DEGRADATIONS, Slots  # noqa: E402
from pipeline.read.readers.text import decode_bytes, split_cells  # noqa: E402

SETS = (Path("/work/shared/eval/dev"), ROOT / "eval" / "dev")
SCORER = Path("/work/shared/eval/score.py")
# this checkout's code (run the script itself with nice -n 10: the machine's cores are shared)
CMD = f"{sys.executable} -m pipeline extract {{paths}} --format jsonl"

FONT = "/usr/share/fonts/truetype/freefont/FreeSerif.ttf"
DPI = 300
MM = DPI / 25.4
A4 = (round(210 * MM), round(297 * MM))  # 2480 x 3508 portrait
# Decree 30 margins: left 30-35 mm, right 15-20 mm, top and bottom 20-25 mm
LEFT, RIGHT, TOP, BOTTOM = round(30 * MM), round(20 * MM), round(20 * MM), round(20 * MM)
FONT_PX = round(13 / 72 * DPI)  # 13 pt
LINE_SPACING = 1.3
LANDSCAPE_ABOVE = 100  # characters: a layout page wider than this was printed landscape
MAX_BLANK_ROWS = 3

_EMPHASIS = re.compile(r"\*+|(?<!\w)_+|_+(?!\w)")
_WIDE_GAP = re.compile(r"\S {3,}\S")


# ---------------------------------------------------------------------------------------------
# Layout: text -> pages of rows of (x, text) pieces


Piece = tuple[int, str, int]  # x in pixels, text, font size in pixels
Row = list[Piece]  # an empty row is a blank line


@dataclass
class Page:
    size: tuple[int, int]
    font_px: int  # body text size: sets the line pitch
    rows: list[Row] = field(default_factory=list)

    @property
    def line_px(self) -> int:
        return round(self.font_px * LINE_SPACING)

    @property
    def capacity(self) -> int:
        return (self.size[1] - TOP - BOTTOM) // self.line_px


def is_layout_text(text: str) -> bool:
    """pdftotext -layout style: pages at form feeds or several lines with columns aligned by spaces."""
    return "\f" in text or sum(1 for ln in text.splitlines() if _WIDE_GAP.search(ln.strip())) >= 3


def wrap(text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """Greedy word wrap to ``width`` pixels (a word longer than the width stands on its own row)."""
    rows, cur = [], ""
    for word in text.split():
        trial = f"{cur} {word}" if cur else word
        if cur and font.getlength(trial) > width:
            rows.append(cur)
            cur = word
        else:
            cur = trial
    return rows + [cur] if cur else rows


def _paginate(rows: list[Row], size: tuple[int, int], font_px: int) -> list[Page]:
    """Rows spread over as many pages of this size as they need; blank rows at a page top dropped."""
    pages = [Page(size, font_px)]
    blanks = 0
    for row in rows:
        blanks = blanks + 1 if not row else 0
        if blanks > MAX_BLANK_ROWS or (not row and not pages[-1].rows):
            continue
        if len(pages[-1].rows) >= pages[-1].capacity:
            if not row:
                continue
            _close_table(pages[-1].rows, row)
            pages.append(Page(size, font_px))
        pages[-1].rows.append(row)
    return [p for p in pages if any(p.rows)]


def _close_table(rows: list[Row], nxt: Row) -> None:
    """A table broken by the page end is ruled off at the foot of the page and ruled again at the top
    of the next one, as word processors print a table row split over two pages."""
    if rows and _verticals(rows[-1]) and _verticals(nxt):
        xs = _verticals(rows[-1])
        rows.append([(min(xs), RULE + f"H{max(xs)}", rows[-1][0][2])])  # in the bottom margin
        if not any(text.startswith(RULE + "H") for _, text, _ in nxt):
            xs = _verticals(nxt)
            nxt.append((min(xs), RULE + f"H{max(xs)}", nxt[0][2]))


def _verticals(row: Row) -> list[int]:
    return [x for x, text, _ in row if text == RULE + "V"]


def _layout_page(lines: list[str]) -> list[Page]:
    """One page of layout text: segments at their character columns, font fitted to the widest line."""
    lines = [ln.expandtabs(8).rstrip() for ln in lines]  # pdftotext output has no markdown
    grid = max((len(ln) for ln in lines), default=0)
    if not grid:
        return []
    size = (A4[1], A4[0]) if grid > LANDSCAPE_ABOVE else A4
    text_w = size[0] - LEFT - RIGHT
    col_px = text_w / grid
    # the font's mean advance per character on this page's text decides how large it may be
    probe = ImageFont.truetype(FONT, FONT_PX)
    cells = [c for ln in lines for c in split_cells(ln, grid)]
    advance = sum(probe.getlength(c.text) for c in cells) / max(1, sum(len(c.text) for c in cells))
    font_px = min(FONT_PX, int(FONT_PX * col_px / advance))
    font = ImageFont.truetype(FONT, font_px)
    space = font.getlength(" ")
    rows: list[Row] = []
    for ln in lines:
        row: Row = []
        below: list[Row] = []  # a segment running past the right margin continues below
        end = 0.0
        for cell in split_cells(ln, grid):
            x = max(LEFT + cell.x0 * grid * col_px, end + 2 * space)  # never over the previous segment
            pieces = wrap(cell.text, font, max(size[0] - RIGHT - x, 4 * font_px))
            row.append((round(x), pieces[0], font_px))
            below += [[(round(x), piece, font_px)] for piece in pieces[1:]]
            end = x + font.getlength(pieces[0])
        rows += [row, *below]
    return _paginate(rows, size, font_px)


# Decree 30 header grammar: the motto (or the Union's / Party's name) and the place-and-date line
# stand in the right column, the issuer and "Số:" in the left one
_MOTTO = re.compile(r"^(?:CỘNG HÒA XÃ HỘI|CỘNG HOÀ XÃ HỘI|Độc lập|ĐOÀN TNCS|ĐẢNG CỘNG SẢN)", re.IGNORECASE)
_DATE_LINE = re.compile(r"ngày\s*\d{0,2}\s*tháng\s*\d{0,2}\s*năm", re.IGNORECASE)
_NUMBER_LINE = re.compile(r"^S[ốô]\s*:")
_RECIPIENTS = re.compile(r"^N[ơo]i nhận", re.IGNORECASE)
HEADER_LINES = 10  # the header block sits within the first lines
SIGNATURE_LINES = 8  # at most this many lines after the recipients form the signature block
LEFT_COL = 0.45  # share of the text width taken by the left column
BLOCK_PX = round(12 / 72 * DPI)  # 12 pt
GUTTER = round(3 * MM)


def _two_columns(left: list[str], right: list[str], anchors: dict[int, int], centre_left: bool = True,
                 ) -> list[Row]:
    """Rows of a two-column block in 12 pt (Decree 30 sets these blocks in 12-13 pt), lines wrapped to
    their column and centred in it (the left one flush left when not ``centre_left``; "" = blank row).
    ``anchors`` maps a right line to the left line whose row it shares (the date beside "Số:")."""
    font = ImageFont.truetype(FONT, BLOCK_PX)
    text_w = A4[0] - LEFT - RIGHT
    cols = ((LEFT, LEFT_COL * text_w), (LEFT + LEFT_COL * text_w, (1 - LEFT_COL) * text_w))
    rows: list[Row] = []

    def place(col: int, lines: list[str], start_at) -> list[int]:
        """Lay the lines down the column; returns the row where each one starts."""
        x0, w = cols[col]
        starts, r = [], 0
        for k, text in enumerate(lines):
            r = max(r, start_at(k))
            starts.append(r)
            for piece in wrap(text, font, w - GUTTER) or [""]:
                while len(rows) <= r:
                    rows.append([])
                if piece:
                    free = w - GUTTER - font.getlength(piece)
                    rows[r].append((round(x0 + (free / 2 if col or centre_left else 0)), piece, BLOCK_PX))
                r += 1
        return starts

    left_starts = place(0, left, lambda k: 0)
    place(1, right, lambda k: left_starts[anchors[k]] if k in anchors else 0)
    return [sorted(r) for r in rows]


def _decree_header(lines: list[str]) -> tuple[list[str], list[str], list[str]] | None:
    """(left, right, rest) when the first lines hold a header with "Số:" and a date line."""
    head = [i for i, ln in enumerate(lines[:HEADER_LINES]) if ln.strip()]
    number = next((i for i in head if _NUMBER_LINE.match(lines[i].strip())), None)
    date = next((i for i in head if _DATE_LINE.search(lines[i])), None)
    if number is None or date is None:
        return None
    end = max(number, date) + 1
    block = [ln.strip() for ln in lines[:end] if ln.strip()]
    right = [ln for ln in block if _MOTTO.match(ln) or _DATE_LINE.search(ln)]
    left = [ln for ln in block if ln not in right]
    return left, right, lines[end:]


def _decree_footer(lines: list[str]) -> tuple[list[str], list[str], list[str]] | None:
    """(body, recipients, signature) when the text ends with "Nơi nhận:" and a signature block."""
    at = next((i for i in range(len(lines) - 1, -1, -1) if _RECIPIENTS.match(lines[i].strip())), None)
    if at is None:
        return None
    i = at + 1
    recipients = [lines[at].strip()]
    while i < len(lines) and (not lines[i].strip() or lines[i].lstrip()[:1] in "-+•"):
        if lines[i].strip():
            recipients.append(lines[i].strip())
        i += 1
    signature = [ln.strip() for ln in lines[i:]]
    while signature and not signature[-1]:
        signature.pop()
    if not signature or sum(1 for ln in signature if ln) > SIGNATURE_LINES:
        return None
    return lines[:at], recipients, signature


# A Markdown table's rows reach the layout marked, their cells set apart; a rule is a piece of no text
TABLE_ROW, CELL = "\x1e", "\x1f"
RULE = "\x00"  # piece text: RULE + "H<x1>" (a rule along the row's top to x1) or RULE + "V" (down at x)
TABLE_PX = round(12 / 72 * DPI)  # 12 pt in tables
CELL_PAD = round(1.5 * MM)


def _table_rows(table: list[list[str]], font: ImageFont.FreeTypeFont) -> list[Row]:
    """A Markdown table as printed: a ruled grid over the text width, columns as wide as their
    longest text asks (within limits), cells wrapped in them; a row whose only text is its first
    cell (a session's heading: "| **Buổi sáng** ||||") spans the table."""
    text_w = A4[0] - LEFT - RIGHT
    ncols = max(len(r) for r in table)
    want = [min(max((len(r[k]) for r in table if len(r) > k and any(r[1:])), default=8), 60) + 6
            for k in range(ncols)]
    edges = [LEFT]
    for w in want:
        edges.append(edges[-1] + text_w * w / sum(want))
    edges = [round(e) for e in edges]
    rows: list[Row] = []
    for cells in table:
        spans = not any(cells[1:])
        bounds = [(edges[0], edges[-1])] if spans else list(zip(edges, edges[1:], strict=False))
        wrapped = [wrap(c, font, b - a - 2 * CELL_PAD) for c, (a, b) in zip(cells, bounds, strict=False)]
        height = max(1, *(len(w) for w in wrapped))
        verts = [edges[0], edges[-1]] if spans else edges
        for i in range(height):
            row: Row = [(x, RULE + "V", TABLE_PX) for x in verts]
            if i == 0:
                row.append((edges[0], RULE + f"H{edges[-1]}", TABLE_PX))
            row += [(a + CELL_PAD, w[i], TABLE_PX) for w, (a, _) in zip(wrapped, bounds, strict=True) if i < len(w)]
            rows.append(row)
    rows.append([(edges[0], RULE + f"H{edges[-1]}", TABLE_PX)])  # the table's bottom rule
    return rows


def _flow_rows(lines: list[str], font: ImageFont.FreeTypeFont) -> list[Row]:
    text_w = A4[0] - LEFT - RIGHT
    indent_px = round(10 * MM)
    rows: list[Row] = []
    table: list[list[str]] = []
    for line in [*lines, ""]:
        if line.startswith(TABLE_ROW):
            table.append(line[1:].split(CELL))
            continue
        if table:
            rows += _table_rows(table, ImageFont.truetype(FONT, TABLE_PX))
            table = []
        if not line.strip():
            rows.append([])
            continue
        indent = indent_px if line[:1].isspace() else 0
        for i, piece in enumerate(wrap(line, font, text_w - indent)):
            rows.append([(LEFT + (indent if i == 0 else 0), piece, FONT_PX)])
    return rows


def _flow_pages(text: str, decree_layout: bool = False) -> list[Page]:
    """Flowing text: each line a paragraph wrapped to the page, indent kept. With ``decree_layout``
    the header (issuer and number left; motto and date right) and the end ("Nơi nhận" left,
    signature right) are set in two columns as a printed Decree 30 document has them."""
    font = ImageFont.truetype(FONT, FONT_PX)
    lines = [_EMPHASIS.sub("", ln).rstrip() for ln in text.split("\n")]
    top: list[Row] = []
    bottom: list[Row] = []
    if decree_layout:
        header = _decree_header(lines)
        if header:
            left, right, lines = header
            # the motto from the first row down, the date line on the row of "Số:" below it
            mottos = [ln for ln in right if not _DATE_LINE.search(ln)]
            dates = [ln for ln in right if _DATE_LINE.search(ln)]
            at = next(i for i, ln in enumerate(left) if _NUMBER_LINE.match(ln))  # _decree_header found it
            pad = max(1, len(mottos) + 1 - at)
            left, at = left[:at] + [""] * pad + left[at:], at + pad
            top = _two_columns(left, mottos + dates, {len(mottos): at} if dates else {}) + [[]]
        footer = _decree_footer(lines)
        if footer:
            lines, recipients, signature = footer
            bottom = _two_columns(recipients, signature, {}, centre_left=False)
    pages = _paginate(top + _flow_rows(lines, font), A4, FONT_PX)
    if bottom and pages and len(pages[-1].rows) + len(bottom) < pages[-1].capacity:
        pages[-1].rows += [[], *bottom]
    elif bottom:  # the recipients and the signature stay together, as typed documents keep them
        pages += _paginate(bottom, A4, FONT_PX)
    return pages


def layout_document(text: str, decree_layout: bool = False) -> list[Page]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not is_layout_text(text):
        return _flow_pages(text, decree_layout)
    return [page for chunk in text.split("\f") for page in _layout_page(chunk.split("\n"))]




# ---------------------------------------------------------------------------------------------
# Text documents -> clean 300 dpi pages, with where the number and the day are printed

_NUMBER_VALUE = re.compile(r"S[ốô]\s*:\s*(\d{1,5})(?=\s*[/-])")
_DAY_VALUE = re.compile(r"ngày\s+(\d{1,2})(?=\s+tháng)", re.IGNORECASE)
SLOT_ROWS = 16  # the number and the date stand in the header: the first rows of the first page


def render(page: Page, first: bool = False) -> tuple[Image.Image, Slots]:
    fonts: dict[int, ImageFont.FreeTypeFont] = {}
    img = Image.new("L", page.size, 255)
    draw = ImageDraw.Draw(img)
    slots = Slots()
    for i, row in enumerate(page.rows):
        for x, text, px in row:
            font = fonts.setdefault(px, ImageFont.truetype(FONT, px))
            y = TOP + i * page.line_px
            if text.startswith(RULE):  # a table's rule: from just above this row's text
                top = y - round(0.2 * page.line_px)
                if text[1] == "H":
                    draw.line([(x, top), (int(text[2:]), top)], fill=0, width=3)
                else:
                    draw.line([(x, top), (x, top + page.line_px)], fill=0, width=3)
                continue
            draw.text((x, y), text, font=font, fill=0)
            if not first or i >= SLOT_ROWS:
                continue
            for pattern, into in ((_NUMBER_VALUE, slots.number), (_DAY_VALUE, slots.day)):
                for m in pattern.finditer(text):
                    x0, x1 = x + font.getlength(text[:m.start(1)]), x + font.getlength(text[:m.end(1)])
                    _, top, _, bottom = font.getbbox(m[1])
                    into.append(((round(x0), y + top, round(x1), y + bottom), m[1]))
    return img, slots


def _markdown_as_text(text: str) -> str:
    """What a Markdown export shows printed: headings, emphasis and rules without their marks,
    tables as ruled grids (their rows marked for ``_flow_rows``)."""
    out = []
    for line in text.splitlines():
        stripped = line.strip()
        if re.fullmatch(r"\|?[\s:|-]*-{3,}[\s:|-]*\|?", stripped) or stripped in ("---", "***"):
            if not (stripped.startswith("|") and out and out[-1].startswith(TABLE_ROW)):
                out.append("")  # (a table's rule under its heading row is no break in it)
            continue
        if stripped.startswith("|"):  # a table row: printed in a ruled grid (_table_rows)
            line = TABLE_ROW + CELL.join(c.strip() for c in stripped.strip("|").split("|"))
        line = re.sub(r"^#{1,6}\s+", "", line)
        out.append(line.replace("**", "").replace("\\", ""))
    return "\n".join(out)


def _pdf_slots(pdf: Path) -> Slots:
    """The number and the day on the first page of a PDF, from its words (points -> 300 dpi px)."""
    import pdfplumber

    slots = Slots()
    k = DPI / 72
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[0]
        words = page.extract_words(keep_blank_chars=False, use_text_flow=False)
        limit = 0.45 * float(page.height)
        for prev, word in zip(words, words[1:], strict=False):
            if word["top"] > limit:
                break
            for key, pattern, into in ((r"S[ốô]:?", r"(\d{1,5})(?:[/-]|$)", slots.number),
                                       (r"ngày", r"(\d{1,2})$", slots.day)):
                m = re.match(pattern, word["text"])
                if re.fullmatch(key, prev["text"], re.IGNORECASE) and m and not into:
                    share = len(m[1]) / len(word["text"])
                    x1 = word["x0"] + share * (word["x1"] - word["x0"])
                    into.append(((round(word["x0"] * k), round(word["top"] * k), round(x1 * k),
                                  round(word["bottom"] * k)), m[1]))
    return slots


def _pdf_pages(pdf: Path) -> list[tuple[Image.Image, Slots]]:
    with tempfile.TemporaryDirectory(prefix="scan_eval_ppm_") as tmp:
        subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-png", str(pdf), f"{tmp}/p"], check=True)
        images = [Image.open(p).convert("L") for p in sorted(Path(tmp).glob("p-*.png"),
                                                              key=lambda p: int(p.stem.split("-")[-1]))]
    first = _pdf_slots(pdf)
    return [(im, first if i == 0 else Slots()) for i, im in enumerate(images)]


def text_layer_reads(pdf: Path) -> bool:
    """A PDF counts as a text document when every page has a text layer and it reads as Vietnamese."""
    import pdfplumber

    from pipeline.read.readers.pdf import MIN_LETTERS, _junk_layer

    with pdfplumber.open(pdf) as doc:
        texts = [pg.extract_text() or "" for pg in doc.pages]
    if not texts or any(sum(ch.isalpha() for ch in t) < MIN_LETTERS for t in texts):
        return False
    return _junk_layer(" ".join(texts)) is None


class Office:
    """Word/RTF -> PDF with LibreOffice in a private profile (one soffice run per batch)."""

    def __init__(self, tmp: Path) -> None:
        self.profile = tmp / "lo-profile"
        self.out = tmp / "lo-pdf"

    def to_pdf(self, paths: list[Path]) -> dict[Path, Path]:
        if not paths:
            return {}
        subprocess.run(["nice", "-n", "10", "soffice", "--headless", "--norestore",
                        f"-env:UserInstallation={self.profile.as_uri()}", "--convert-to", "pdf",
                        "--outdir", str(self.out), *map(str, paths)],
                       check=False, capture_output=True, timeout=60 + 30 * len(paths))
        return {p: self.out / f"{p.stem}.pdf" for p in paths if (self.out / f"{p.stem}.pdf").is_file()}


def pages_of(path: Path, pdf: Path | None, decree_layout: bool) -> list[tuple[Image.Image, Slots]]:
    """The clean pages of one document (``pdf``: its LibreOffice print, for Word and RTF files)."""
    if path.suffix in (".txt", ".md"):
        text, _ = decode_bytes(path.read_bytes())
        if path.suffix == ".md":
            text = _markdown_as_text(text)
        return [render(p, first=i == 0) for i, p in enumerate(layout_document(text, decree_layout))]
    return _pdf_pages(pdf or path)


def text_documents(set_dirs: list[Path], ids: list[str] | None) -> list[Path]:
    docs = []
    for set_dir in set_dirs:
        for p in sorted((set_dir / "docs").iterdir()):
            if ids and p.stem not in ids:
                continue
            if not (set_dir / "gold" / f"{p.stem}.json").is_file():
                continue
            if p.suffix in (".txt", ".md", ".docx", ".doc", ".rtf") or (p.suffix == ".pdf" and text_layer_reads(p)):
                docs.append(p)
    return docs


# ---------------------------------------------------------------------------------------------
# Sets


def save_tiff(images: list[Image.Image], path: Path, dpi: int) -> None:
    mode = "RGB" if any(im.mode == "RGB" for im in images) else "L"
    # fresh images: a JPEG round trip leaves info (jfif, exif) that the libtiff writer chokes on
    images = [Image.fromarray(np.asarray(im.convert(mode)), mode) for im in images]
    images[0].save(path, format="TIFF", save_all=True, append_images=images[1:], dpi=(dpi, dpi),
                   compression="tiff_adobe_deflate")


def _set_dirs(root: Path, name: str) -> Path:
    for sub in ("docs", "gold"):
        (root / name / sub).mkdir(parents=True, exist_ok=True)
    return root / name


def build_sets(docs: list[Path], root: Path, names: list[str], seed: int, decree_layout: bool) -> dict[str, int]:
    """root/text (the documents as they are) and root/<degradation> (TIFFs); returns pages per doc."""
    office = Office(root)
    pdfs = office.to_pdf([d for d in docs if d.suffix in (".docx", ".doc", ".rtf")])
    counts: dict[str, int] = {}
    text = _set_dirs(root, "text")
    for doc in docs:
        gold = doc.parent.parent / "gold" / f"{doc.stem}.json"
        if doc.suffix in (".docx", ".doc", ".rtf") and doc not in pdfs:
            print(f"{doc.name}: LibreOffice made no PDF, left out", file=sys.stderr)
            continue
        pages = pages_of(doc, pdfs.get(doc), decree_layout)
        if not pages:
            continue
        pages[-1] = (pages[-1][0], Slots(pages[-1][1].number, pages[-1][1].day, last=True))
        counts[doc.stem] = len(pages)
        shutil.copy(doc, text / "docs" / doc.name)
        shutil.copy(gold, text / "gold" / gold.name)
        for j, name in enumerate(DEGRADATIONS):
            if name not in names:
                continue
            # seeded by document and degradation: the same pages whatever else is chosen
            rnd = np.random.default_rng([seed, j, zlib.crc32(doc.stem.encode())])
            out = [DEGRADATIONS[name](im, rnd, slots) for im, slots in pages]
            target = _set_dirs(root, name)
            save_tiff([im for im, _ in out], target / "docs" / f"{doc.stem}.tif", out[0][1])
            shutil.copy(gold, target / "gold" / gold.name)
        print(f"rendered {doc.name}: {len(pages)} pages", file=sys.stderr, flush=True)
    return counts


def kept_counts(root: Path, names: list[str]) -> dict[str, int]:
    """Pages per document of sets made before (the first chosen set's TIFFs)."""
    counts = {}
    for tif in sorted((root / names[0] / "docs").glob("*.tif")):
        with Image.open(tif) as im:
            counts[tif.stem] = getattr(im, "n_frames", 1)
    if not counts:
        raise SystemExit(f"no sets to reuse in {root}")
    return counts


def real_scan_set(set_dirs: list[Path], root: Path, limit: int | None) -> tuple[Path, int]:
    """root/scans: the real scans of the sets (image-only PDFs and images), as they are."""
    import pdfplumber

    target = _set_dirs(root, "scans")
    pages = 0
    chosen = 0
    for set_dir in set_dirs:
        for p in sorted((set_dir / "docs").iterdir()):
            if limit and chosen >= limit:
                break
            gold = set_dir / "gold" / f"{p.stem}.json"
            if not gold.is_file() or p.suffix.lower() not in (".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff"):
                continue
            if p.suffix.lower() == ".pdf":
                if text_layer_reads(p):
                    continue
                with pdfplumber.open(p) as doc:
                    pages += len(doc.pages)
            else:
                pages += 1
            shutil.copy(p, target / "docs" / p.name)
            shutil.copy(gold, target / "gold" / gold.name)
            chosen += 1
    return target, pages


# ---------------------------------------------------------------------------------------------
# Scoring

HEADER_FIELDS = ("doc_type", "number", "issuer", "issuer_parent", "issue_place", "issue_date", "title",
                 "signer_name", "signer_position", "signer_authority", "recipients")
CONTENT_FIELDS = ("events", "event_what", "venues", "event_venues", "responsibilities", "responsibility_tasks")


@dataclass
class Score:
    f1: dict[str, float | None]
    macro: float
    seconds: float  # wall time of the extract run (score.py's figure)
    cpu: float  # CPU seconds of the run, children included
    misses: list[str]

    def mean(self, fields: tuple[str, ...]) -> float:
        vals = [v for f in fields if (v := self.f1.get(f)) is not None]
        return sum(vals) / len(vals) if vals else float("nan")


TIMEOUT = 600  # seconds per document given to score.py: a scan set on a loaded machine is slow


def run_score(set_dir: Path) -> Score:
    argv = [sys.executable, str(SCORER), "--set", str(set_dir), "--cmd", CMD, "--verbose",
            "--timeout", str(TIMEOUT)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    res = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, check=False, env=env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    if res.stderr.strip():
        print(res.stderr.strip()[-2000:], file=sys.stderr)
    f1: dict[str, float | None] = {}
    misses, macro, seconds = [], float("nan"), float("nan")
    for line in res.stdout.splitlines():
        parts = line.split()
        if line.startswith("MISS "):
            misses.append(line)
        elif line.startswith("macro F1"):
            macro = float(parts[-1])
        elif line.startswith("documents "):
            seconds = float(parts[-1])
        elif len(parts) == 4 and parts[0] != "field":
            f1[parts[0]] = None if parts[3] == "n/a" else float(parts[3])
    if not f1:
        raise SystemExit(f"score.py gave no table for {set_dir}:\n{res.stdout}\n{res.stderr}")
    return Score(f1, macro, seconds, cpu, misses)


def _cell(v: float | None) -> str:
    return f"{'n/a':>9}" if v is None else f"{v:9.3f}"


def print_tables(scores: dict[str, Score], pages: dict[str, int], docs: int) -> None:
    names = list(scores)
    print(f"{'field':22}" + "".join(f"{n:>9}" for n in names))
    for f in scores[names[0]].f1:
        print(f"{f:22}" + "".join(_cell(scores[n].f1.get(f)) for n in names))
    print()
    base = scores["text"]
    print(f"{docs} documents, {pages.get('clean') or next(iter(pages.values()), 0)} pages; load average "
          + " ".join(f"{v:.1f}" for v in os.getloadavg()))
    print("| set | macro F1 | below text | header mean | content mean | wall s/page | CPU s/page |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for n in names:
        per = pages.get(n) or docs
        gap = "" if n == "text" else f"{base.macro - scores[n].macro:+.3f}"
        unit = " (s/doc)" if n == "text" else ""
        print(f"| {n} | {scores[n].macro:.3f} | {gap} | {scores[n].mean(HEADER_FIELDS):.3f} | "
              f"{scores[n].mean(CONTENT_FIELDS):.3f} | {scores[n].seconds / per:.2f}{unit} | "
              f"{scores[n].cpu / per:.2f} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", type=Path, action="append",
                    help="an evaluation set folder with docs/ and gold/ (repeatable; default: "
                         + " and ".join(str(s) for s in SETS) + ")")
    ap.add_argument("--ids", nargs="*", help="only these document ids")
    ap.add_argument("--limit", type=int, help="at most this many text documents (the first by name)")
    ap.add_argument("--degradations", default=",".join(DEGRADATIONS),
                    help="comma-separated, of: " + ", ".join(DEGRADATIONS))
    ap.add_argument("--real-scans", action="store_true",
                    help="also score the sets' real scans as they are (--limit applies to them too)")
    ap.add_argument("--keep", type=Path, help="build the sets in this folder and keep them")
    ap.add_argument("--build-only", action="store_true", help="make the sets (with --keep) and stop")
    ap.add_argument("--reuse", action="store_true",
                    help="score the sets already in the --keep folder (same images, e.g. after a code change)")
    ap.add_argument("--seed", type=int, default=4, help="random seed of the degradations")
    ap.add_argument("--verbose", action="store_true", help="print the misses each set adds to the text run")
    ap.add_argument("--one-column", action="store_true",
                    help="print flowing texts as they stand, without the two-column header and signature")
    a = ap.parse_args()
    names = [n.strip() for n in a.degradations.split(",") if n.strip()]
    unknown = [n for n in names if n not in DEGRADATIONS]
    if unknown:
        ap.error(f"unknown degradation {', '.join(unknown)}; choose from {', '.join(DEGRADATIONS)}")
    set_dirs = [s.resolve() for s in (a.set or SETS)]
    docs = text_documents(set_dirs, a.ids)[: a.limit or None]
    if not docs:
        ap.error("no text documents with gold in " + ", ".join(map(str, set_dirs)))
    with tempfile.TemporaryDirectory(prefix="scan_eval_") as tmp:
        root = a.keep or Path(tmp)
        if a.reuse and a.keep:
            counts = kept_counts(root, names)
        else:
            counts = build_sets(docs, root, names, a.seed, not a.one_column)
        print("pages: " + ", ".join(f"{k} {v}" for k, v in counts.items()), file=sys.stderr, flush=True)
        if a.build_only:
            return
        scores = {"text": run_score(root / "text")}
        pages = {n: sum(counts.values()) for n in names}
        for n in names:
            scores[n] = run_score(root / n)
            s = scores[n]
            print(f"{n}: macro F1 {s.macro:.3f} (text {scores['text'].macro:.3f}), header "
                  f"{s.mean(HEADER_FIELDS):.3f}, content {s.mean(CONTENT_FIELDS):.3f}, "
                  f"wall {s.seconds:.1f} s, CPU {s.cpu:.1f} s", file=sys.stderr, flush=True)
        if a.real_scans:
            scan_dir, pages["scans"] = real_scan_set(set_dirs, root, a.limit)
            scores["scans"] = run_score(scan_dir)
    if a.verbose:
        text_missed = {m.split(" got=")[0] for m in scores["text"].misses}  # same field and gold value
        for n in names:
            print(f"\n# misses in {n} that the text run does not have")
            for m in scores[n].misses:
                if m.split(" got=")[0] not in text_missed:
                    print(m)
        print()
    print_tables(scores, pages, len(counts))


if __name__ == "__main__":
    main()
