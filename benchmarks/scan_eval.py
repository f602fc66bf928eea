"""The development set scored from scanned renders (issue 4, "Measure").

Each dev-set ``.txt`` document is printed to A4 page images at 300 dpi in FreeSerif and saved as a
multi-page TIFF twice:

- clean: the pages as rendered;
- degraded: each page skewed 0.5-1 degree either way, slightly blurred, grained and saved through
  JPEG (quality 45) before it goes back into the TIFF.

Both sets (``DIR/docs/<id>.tif`` with ``DIR/gold/<id>.json`` copied from the dev gold) are scored
with /work/shared/eval/score.py and the kehoach extractor, next to the ``.txt`` originals, and the
per-field F1, macro F1 and seconds per page are printed side by side.

How a text becomes pages:

- layout text (``pdftotext -layout`` output: form feeds and columns aligned with spaces) keeps its
  pages and lines; each segment of a line (words split at a gap of three or more spaces) is drawn at
  the x of its character column, so two-column headers, signature blocks and tables stay columns.
  The font is scaled (at most 13 pt) so that the widest line of the page fits, and a page wider
  than 100 characters is printed landscape (annex tables);
- flowing text (one paragraph per line, header lines one after another) is printed in one column
  as it stands, 13 pt, paragraphs wrapped to the page width, a leading indent kept as a first-line
  indent. Markdown emphasis markers are dropped (print would show italics or bold). With
  ``--decree-layout`` the header (issuer and "Số:" left; motto and place-and-date right) and the end
  ("Nơi nhận" left, signature right) are set in two 12 pt columns, as printed plans have them.

    .venv/bin/python benchmarks/scan_eval.py                 # all dev .txt documents, a few minutes
    .venv/bin/python benchmarks/scan_eval.py --verbose       # plus the misses the scans add
    .venv/bin/python benchmarks/scan_eval.py --decree-layout       # flowing texts in the Decree 30 layout
    .venv/bin/python benchmarks/scan_eval.py --keep /tmp/scans --ids b001 seed002
"""

from __future__ import annotations

import argparse
import io
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.read.readers.text import decode_bytes, split_cells  # noqa: E402

DEV = Path("/work/shared/eval/dev")
SCORER = Path("/work/shared/eval/score.py")
CMD = ".venv/bin/kehoach extract {paths} --format jsonl"

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
            pages.append(Page(size, font_px))
        pages[-1].rows.append(row)
    return [p for p in pages if any(p.rows)]


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


def _flow_rows(lines: list[str], font: ImageFont.FreeTypeFont) -> list[Row]:
    text_w = A4[0] - LEFT - RIGHT
    indent_px = round(10 * MM)
    rows: list[Row] = []
    for line in lines:
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
# Images


def render(page: Page) -> Image.Image:
    fonts: dict[int, ImageFont.FreeTypeFont] = {}
    img = Image.new("L", page.size, 255)
    draw = ImageDraw.Draw(img)
    for i, row in enumerate(page.rows):
        for x, text, px in row:
            font = fonts.setdefault(px, ImageFont.truetype(FONT, px))
            draw.text((x, TOP + i * page.line_px), text, font=font, fill=0)
    return img


def degrade(img: Image.Image, rnd: np.random.Generator) -> Image.Image:
    """A mediocre office scan: skew 0.5-1 degree, slight blur, grain, JPEG quality 45."""
    angle = float(rnd.uniform(0.5, 1.0) * rnd.choice((-1, 1)))
    out = img.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    out = out.filter(ImageFilter.GaussianBlur(0.7))
    grain = rnd.normal(0.0, 12.0, (out.height, out.width))
    out = Image.fromarray(np.clip(np.asarray(out, dtype=np.float32) + grain, 0, 255).astype(np.uint8), "L")
    buf = io.BytesIO()
    out.save(buf, format="JPEG", quality=45)
    return Image.open(io.BytesIO(buf.getvalue())).convert("L")


def save_tiff(images: list[Image.Image], path: Path) -> None:
    images[0].save(path, format="TIFF", save_all=True, append_images=images[1:], dpi=(DPI, DPI),
                   compression="tiff_adobe_deflate")


def build_sets(ids: list[str], root: Path, seed: int, decree_layout: bool = False) -> dict[str, int]:
    """root/clean and root/degraded set folders; returns the page count of each document."""
    rnd = np.random.default_rng(seed)
    counts = {}
    for cond in ("clean", "degraded"):
        (root / cond / "docs").mkdir(parents=True, exist_ok=True)
        (root / cond / "gold").mkdir(parents=True, exist_ok=True)
    for doc_id in ids:
        text, _ = decode_bytes((DEV / "docs" / f"{doc_id}.txt").read_bytes())
        images = [render(p) for p in layout_document(text, decree_layout)]
        counts[doc_id] = len(images)
        save_tiff(images, root / "clean" / "docs" / f"{doc_id}.tif")
        save_tiff([degrade(im, rnd) for im in images], root / "degraded" / "docs" / f"{doc_id}.tif")
        for cond in ("clean", "degraded"):
            shutil.copy(DEV / "gold" / f"{doc_id}.json", root / cond / "gold" / f"{doc_id}.json")
    return counts


# ---------------------------------------------------------------------------------------------
# Scoring


@dataclass
class Score:
    f1: dict[str, float | None]
    macro: float
    seconds: float
    misses: list[str]


def run_score(set_dir: Path, ext: str | None = None) -> Score:
    argv = [sys.executable, str(SCORER), "--set", str(set_dir), "--cmd", CMD, "--verbose"]
    if ext:
        argv += ["--ext", ext]
    res = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, check=False)
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
    return Score(f1, macro, seconds, misses)


def _cell(v: float | None) -> str:
    return f"{'n/a':>9}" if v is None else f"{v:9.3f}"


def print_table(scores: dict[str, Score], pages: int, txt_docs: int) -> None:
    names = list(scores)
    print(f"{'field':22}" + "".join(f"{n:>9}" for n in names))
    for f in scores[names[0]].f1:
        print(f"{f:22}" + "".join(_cell(scores[n].f1.get(f)) for n in names))
    print(f"{'macro F1':22}" + "".join(f"{scores[n].macro:9.3f}" for n in names))
    print(f"{'seconds (extract run)':22}" + "".join(f"{scores[n].seconds:9.1f}" for n in names))
    per = {n: scores[n].seconds / (txt_docs if n == "txt" else pages) for n in names}
    print(f"{'s/page (txt: s/doc)':22}" + "".join(f"{per[n]:9.2f}" for n in names))
    gap = {n: scores["txt"].macro - scores[n].macro for n in names if n != "txt"}
    print(f"pages per set {pages}; macro F1 below .txt: "
          + ", ".join(f"{n} {g:+.3f}" for n, g in gap.items()) + " (target <= 0.05)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ids", nargs="*", help="dev document ids (default: every dev .txt document)")
    ap.add_argument("--keep", type=Path, help="build the sets in this folder and keep them")
    ap.add_argument("--seed", type=int, default=4, help="random seed of the degradation")
    ap.add_argument("--verbose", action="store_true", help="print the misses the scans add to the .txt ones")
    ap.add_argument("--decree-layout", action="store_true",
                    help="print flowing texts with a two-column header and signature block (Decree 30)")
    a = ap.parse_args()
    ids = a.ids or sorted(p.stem for p in (DEV / "docs").glob("*.txt"))
    with tempfile.TemporaryDirectory(prefix="scan_eval_") as tmp:
        root = a.keep or Path(tmp)
        counts = build_sets(ids, root, a.seed, a.decree_layout)
        print("pages: " + ", ".join(f"{k} {v}" for k, v in counts.items()), flush=True)
        txt_set = root / "txt"
        (txt_set / "docs").mkdir(parents=True, exist_ok=True)
        (txt_set / "gold").mkdir(parents=True, exist_ok=True)
        for doc_id in ids:  # only the chosen ids, so the three columns judge the same documents
            shutil.copy(DEV / "docs" / f"{doc_id}.txt", txt_set / "docs")
            shutil.copy(DEV / "gold" / f"{doc_id}.json", txt_set / "gold")
        scores = {"txt": run_score(txt_set, "txt")}
        for cond in ("clean", "degraded"):
            scores[cond] = run_score(root / cond)
    if a.verbose:
        txt_missed = {m.split(" got=")[0] for m in scores["txt"].misses}  # same field and gold value
        for cond in ("clean", "degraded"):
            print(f"\n# misses in {cond} that the .txt run does not have")
            for m in scores[cond].misses:
                if m.split(" got=")[0] not in txt_missed:
                    print(m)
        print()
    print_table(scores, sum(counts.values()), len(ids))


if __name__ == "__main__":
    main()
