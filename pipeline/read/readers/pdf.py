"""PDF reader: the text layer (pdfplumber) laid out as lines of cells, with OCR where it lies.

Per page:

* words come from pdfplumber's characters plus the text drawn in annotation appearance streams:
  Vietnamese e-government signing stamps the number and the day ("507", "24") into signature
  widgets, so the page text alone reads ``Số: /UBND-KGVX ... ngày tháng 01``. Short single-line
  widget texts that sit on a body line are form values and join the body; multi-line ones, e-mails,
  timestamps, "Ký bởi ..." are signature stamps and go to ``page.meta["stamps"]``;
* words are grouped into lines by vertical overlap and lines into cells at wide gaps, with x0/x1 as
  fractions of the page width, so a two-column header gives a left and a right cell;
* pictures with printed text on a text page (a scanned, sealed signature block pasted beside a
  typed "Nơi nhận", a scanned table) are OCR'd in place and their words join the page's lines
  (``page.meta["image_text"]``); logos, photos and seals, which do not read as Vietnamese, do not;
* ruled tables found by pdfplumber (drawn rules only, not painted paragraph backgrounds) become
  ``kind="table"`` rows in their place;
* a page whose text layer is missing, only stamps, or junk (an OCR layer without Vietnamese
  diacritics) is rendered at 300 dpi and OCR'd by :mod:`pipeline.read.readers.ocr`.

The input file is only read, never written.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from statistics import median
from typing import Any

import pdfplumber
from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LTChar, LTContainer
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfminer.pdftypes import PDFStream, resolve1
from pdfminer.psparser import PSLiteral
from pdfminer.utils import apply_matrix_rect, decode_text, mult_matrix
from pdfplumber.utils.text import extract_words

from pipeline.document import RawCell, RawDocument, RawLine, RawPage
from pipeline.errors import ReaderError
from pipeline.read.vietnamese import Reading, has_vietnamese_letter, reading

log = logging.getLogger(__name__)

OCR_DPI = 300
WORD_X_TOLERANCE = 1.5  # points: characters closer than this form one word unless a space lies between
# a gap wider than this many font sizes (or this share of the page width) starts a new cell
CELL_GAP_SIZES = 2.0
CELL_GAP_PAGE = 0.035
# a vertical gap wider than this many line heights leaves a blank line (a paragraph break)
BLANK_LINE_GAP = 0.9
# a page needs at least this many letters of body text to count as having a text layer
MIN_LETTERS = 20
# below this share of words with Vietnamese letters, a text layer of ≥ JUNK_MIN_WORDS words is junk
MIN_VIETNAMESE_SHARE = 0.2
JUNK_MIN_WORDS = 15
# below this share of valid Vietnamese syllables (abbreviations left out) the layer is junk too:
# broken words ("Vit", "nhim", "Diu") of an OCR layer made without the Vietnamese model
MIN_SYLLABLE_RATE = 0.85

_ANNOT_HIDDEN = 0x1 | 0x2 | 0x20  # Invisible, Hidden, NoView
_SKIP_SUBTYPES = {"Link", "Popup"}


# ---------------------------------------------------------------------------------------------
# Entry point


def read_pdf(path: Path) -> RawDocument:
    pdf = _open(path)
    pages: list[RawPage] = []
    signatures: list[dict[str, Any]] = []
    repairs: set[str] = set()
    errors: list[str] = []
    memo: dict = {}  # the OCR clean-up chosen on the first scanned page, for the others
    try:
        for number, page in enumerate(pdf.pages, start=1):
            try:
                raw_page, sigs = _read_page(page, number, repairs)
            except Exception as e:  # pdfminer raises many kinds of errors on a damaged page
                errors.append(f"page {number}: {type(e).__name__}: {e}")
                pages.append(RawPage(number, [], "pdf-text", {"error": errors[-1]}))
                continue
            if raw_page.meta.get("ocr_reason"):
                raw_page = _ocr_page(path, number, raw_page, memo)
            pages.append(raw_page)
            signatures.extend(sigs)
    finally:
        pdf.close()
    if len(errors) == len(pages):
        raise ReaderError(f"corrupt PDF: no page can be read ({errors[0]})")
    meta: dict[str, Any] = {"page_count": len(pages), "repairs": sorted(repairs)}
    if errors:
        meta["page_errors"] = errors  # the other pages are still worth reading
    if signatures:
        meta["signatures"] = signatures
    if getattr(pdf.doc, "encryption", None):
        meta["encrypted"] = True  # opened with the empty user password
    return RawDocument(str(path), "pdf", pages, meta)


def _open(path: Path) -> pdfplumber.PDF:
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(path)
        _ = pdf.pages  # parse the page tree now, so damage shows here
    except Exception as e:
        cause = e.args[0] if e.args and isinstance(e.args[0], Exception) else e
        if isinstance(cause, PDFPasswordIncorrect) or "password" in str(cause).lower():
            raise ReaderError("encrypted PDF: a password is needed to open it") from e
        raise ReaderError(f"corrupt PDF: {type(cause).__name__}: {cause}".rstrip(": ")) from e
    if not pdf.pages:
        pdf.close()
        raise ReaderError("corrupt PDF: no pages")
    return pdf


# ---------------------------------------------------------------------------------------------
# One page


@dataclass
class _Placed:
    """A line (or table row) with its vertical position, before the page's lines are ordered."""

    top: float
    bottom: float
    line: RawLine


def _read_page(page: pdfplumber.page.Page, number: int,
               repairs: set[str]) -> tuple[RawPage, list[dict[str, Any]]]:
    width, height = float(page.width), float(page.height)
    annots = _annotation_texts(page)
    # vertical text (margin notes, rotated stamps) would cut across every line it passes
    chars = _dedupe([c for c in page.chars if c.get("text") and c.get("upright", True)])
    words = _words(chars, repairs)
    body_words = list(words)
    body_lines = [(p.top, p.bottom) for p in _group_lines(body_words, width)]
    values, stamps = _classify_annotations(annots, body_lines)
    for w in _words([c for a in values for c in a.chars], repairs):
        if any(b["text"] == w["text"] and _overlap(b, w) for b in body_words):
            continue  # the value was also flattened into the page content
        w["form_value"] = True  # drawn over a blank: always a word of its own
        words.append(w)
    image_words = _image_words(page, words)
    if image_words:
        words.extend(image_words)
        meta_images = [{"bbox": list(b), "words": n} for b, n in _count_by_image(image_words)]
    else:
        meta_images = []
    tables = _tables(page, width)
    words = [w for w in words if not any(_inside(w, t.bbox) for t in tables)]
    placed = _group_lines(words, width)
    for t in tables:
        placed.extend(_table_rows(t, width))
    placed.sort(key=lambda p: p.top)
    lines = _with_blank_lines(placed)

    meta: dict[str, Any] = {"width": width, "height": height}
    if meta_images:
        meta["image_text"] = meta_images  # text read by OCR from pictures on the page
    if stamps:
        meta["stamps"] = [{"text": a.text, "rect": a.rect, "field": a.field} for a in stamps]
    if values:
        meta["form_values"] = [{"text": a.text, "rect": a.rect, "field": a.field} for a in values]
    reason = _ocr_reason(words, stamps, bool(page.images))
    if reason:
        meta["ocr_reason"] = reason
    sigs = [dict(a.signature, page=number) for a in annots if a.signature]
    for sig in sigs:
        _complete_signature(sig, stamps)
    sigs = [s for s in sigs if s["signed"] or s.get("stamp")]  # not the empty fields of a form
    return RawPage(number, lines, "pdf-text", meta), sigs


def _dedupe(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop characters drawn twice at the same place (fake bold, overprinted layers).

    pdfplumber's dedupe_chars does this with tolerances but costs half the page's read time."""
    seen: set[tuple[str, int, int]] = set()
    out = []
    for c in chars:
        key = (c["text"], round(c["x0"]), round(c["top"]))
        if key in seen and not c["text"].isspace():
            continue
        seen.add(key)
        out.append(c)
    return out


def _overlap(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return (min(a["x1"], b["x1"]) > max(a["x0"], b["x0"])
            and min(a["bottom"], b["bottom"]) > max(a["top"], b["top"]))


def _inside(word: dict[str, Any], bbox: tuple[float, float, float, float]) -> bool:
    cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    x0, top, x1, bottom = bbox
    return x0 <= cx <= x1 and top <= cy <= bottom


def _words(chars: list[dict[str, Any]], repairs: set[str]) -> list[dict[str, Any]]:
    words = extract_words(chars, x_tolerance=WORD_X_TOLERANCE, y_tolerance=3, extra_attrs=["size", "fontname"])
    spaces: dict[int, list[float]] = {}
    for c in chars:
        if c["text"].isspace():
            spaces.setdefault(round(c["top"]), []).append(c["x1"])
    for w in words:
        ends = [x for k in (round(w["top"]) - 1, round(w["top"]), round(w["top"]) + 1) for x in spaces.get(k, [])]
        w["space_before"] = any(abs(x - w["x0"]) <= 2 * WORD_X_TOLERANCE for x in ends)
        fixed, repair = _legacy_repair(w["text"], w["fontname"])
        if repair:
            w["text"] = fixed
            repairs.add(repair)
    return [w for w in words if w["text"].strip()]


# ---------------------------------------------------------------------------------------------
# Text inside pictures on a page that has a text layer

# a picture smaller than this (points) holds no lines worth reading (a logo, a bullet, a signature stroke)
IMAGE_TEXT_MIN_SIZE = (90.0, 40.0)
# OCR'd words below this confidence are dropped; a picture whose words read as Vietnamese less than
# this rate is a drawing, a photo or a seal, not printed text
IMAGE_WORD_MIN_CONF = 55.0
IMAGE_MIN_SYLLABLE_RATE = 0.6
# at most this many pictures are read on one page, largest first (a page of screenshots or a photo
# album would otherwise cost a Tesseract pass for each)
IMAGE_TEXT_MAX_PER_PAGE = 4


def _image_words(page: pdfplumber.page.Page, words: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Words printed inside pictures of a page that has a text layer: a signature block pasted as a
    scan beside "Nơi nhận" (authority, position, seal and name all in the picture), a scanned table.
    Only pictures with no text-layer word over them, below the header band or wide, and not covering
    most of the page (a scanned page goes to OCR whole) are read; their words get page coordinates."""
    if not words or not page.images:
        return []
    width, height = float(page.width), float(page.height)
    out: list[dict[str, Any]] = []
    read = 0
    by_size = sorted(enumerate(page.images), key=lambda ki: -(float(ki[1]["x1"]) - float(ki[1]["x0"]))
                     * (float(ki[1]["bottom"]) - float(ki[1]["top"])))
    for k, im in by_size:
        if read >= IMAGE_TEXT_MAX_PER_PAGE:
            break
        x0, top = max(0.0, float(im["x0"])), max(0.0, float(im["top"]))
        x1, bottom = min(width, float(im["x1"])), min(height, float(im["bottom"]))
        w, h = x1 - x0, bottom - top
        if w < IMAGE_TEXT_MIN_SIZE[0] or h < IMAGE_TEXT_MIN_SIZE[1] or w * h > 0.5 * width * height:
            continue
        if top < 0.2 * height and w < 0.4 * width:
            continue  # an emblem or logo in the header band
        if any(_inside(wd, (x0, top, x1, bottom)) for wd in words):
            continue  # a background under text the layer already has
        read += 1
        found = _ocr_region(page, (x0, top, x1, bottom), k)
        text = " ".join(wd["text"] for wd in found)
        if found and reading(text).syllable_rate >= IMAGE_MIN_SYLLABLE_RATE:
            out.extend(found)
    return out


def _ocr_region(page: pdfplumber.page.Page, bbox: tuple[float, float, float, float],
                image_index: int) -> list[dict[str, Any]]:
    try:
        import pytesseract

        from pipeline.read.readers.ocr import LANG

        picture = page.crop(bbox).to_image(resolution=OCR_DPI).original.convert("L")
        data = pytesseract.image_to_data(picture, lang=LANG, config="--psm 6",
                                         output_type=pytesseract.Output.DICT)
    except Exception as e:  # no Tesseract, or a picture that will not render: the page reads without it
        log.debug("picture not read: %s", e)
        return []
    scale = 72.0 / OCR_DPI
    out = []
    for i, text in enumerate(data["text"]):
        conf = float(data["conf"][i])
        if conf < IMAGE_WORD_MIN_CONF or not any(ch.isalnum() for ch in text):
            continue  # unsure, or a stroke of the signature or seal read as "__", "|", "°"
        if _AUTHORITY_COMMA.fullmatch(text):
            text = text[:-1] + "."  # "TL," read from a seal-crossed "TL."
        left, top = bbox[0] + data["left"][i] * scale, bbox[1] + data["top"][i] * scale
        w, h = data["width"][i] * scale, data["height"][i] * scale
        out.append({"text": text, "x0": left, "x1": left + w, "top": top, "bottom": top + h,
                    "size": max(h, 1.0), "space_before": True, "from_image": image_index})
    return out


_AUTHORITY_COMMA = re.compile(r"(?:TM|KT|TL|TUQ|Q),")


def _count_by_image(words: list[dict[str, Any]]) -> list[tuple[tuple[float, ...], int]]:
    boxes: dict[int, list[dict[str, Any]]] = {}
    for w in words:
        boxes.setdefault(w["from_image"], []).append(w)
    return [((round(min(w["x0"] for w in ws), 1), round(min(w["top"] for w in ws), 1),
              round(max(w["x1"] for w in ws), 1), round(max(w["bottom"] for w in ws), 1)), len(ws))
            for ws in boxes.values()]


# ---------------------------------------------------------------------------------------------
# Lines and cells


def _group_lines(words: list[dict[str, Any]], width: float) -> list[_Placed]:
    """Words → lines, each line cut into cells at wide gaps.

    A word joins a line when its vertical centre is near the centre of the line's first word:
    comparing with the line's growing extent instead would chain a tightly set left column
    (Nơi nhận, 11 pt) with the lines of a right column set at another pitch."""
    rows: list[tuple[float, float, list[dict[str, Any]]]] = []  # (centre, height, words)
    for w in sorted(words, key=lambda w: (w["top"], w["x0"])):
        h = w["bottom"] - w["top"]
        c = (w["top"] + w["bottom"]) / 2
        for centre, height, row in reversed(rows[-4:]):
            if abs(c - centre) <= 0.4 * min(h, height):
                row.append(w)
                break
        else:
            rows.append((c, h, [w]))
    placed = []
    for _, _, row in rows:
        row.sort(key=lambda w: w["x0"])
        cells = _cells(row, width)
        placed.append(_Placed(min(w["top"] for w in row), max(w["bottom"] for w in row), RawLine(cells)))
    placed.sort(key=lambda p: p.top)
    return placed


def _cells(row: list[dict[str, Any]], width: float) -> list[RawCell]:
    size = median(w.get("size") or (w["bottom"] - w["top"]) for w in row)
    gap_limit = max(CELL_GAP_SIZES * size, CELL_GAP_PAGE * width)
    cells: list[RawCell] = []
    parts: list[str] = []
    x0 = x1 = row[0]["x0"]
    prev: dict[str, Any] = {}
    for w in row:
        gap = w["x0"] - x1
        if parts and gap > gap_limit:
            cells.append(RawCell("".join(parts), x0 / width, x1 / width))
            parts, x0 = [], w["x0"]
        # a space character before the word separates it however tight the glyphs (bold capitals set
        # "BỘ THÔNG TIN" with overlapping letters); a narrow gap without one is letter spacing
        if parts and (gap > 0.15 * size or w.get("space_before") or w.get("form_value") or prev.get("form_value")):
            parts.append(" ")
        parts.append(w["text"])
        x1 = max(x1, w["x1"])
        prev = w
    cells.append(RawCell("".join(parts), x0 / width, x1 / width))
    return cells


def _with_blank_lines(placed: list[_Placed]) -> list[RawLine]:
    """Keep a blank line where the vertical gap shows a paragraph break."""
    lines: list[RawLine] = []
    prev: _Placed | None = None
    for p in placed:
        if prev is not None:
            height = max(1.0, min(p.bottom - p.top, prev.bottom - prev.top))
            if p.top - prev.bottom > BLANK_LINE_GAP * height:
                lines.append(RawLine([]))
        lines.append(p.line)
        prev = p
    return lines


# ---------------------------------------------------------------------------------------------
# Ruled tables


def _tables(page: pdfplumber.page.Page, width: float) -> list[Any]:
    try:
        # only what is drawn: exports paint each paragraph's white background as a filled rectangle,
        # and a page of those stacked would read as one table of single-cell rows
        found = page.filter(_visible_edge).find_tables()
    except Exception as e:  # table finding is a bonus; a page without it still reads
        log.debug("table finding failed: %s", e)
        return []
    return [t for t in found if len(t.rows) >= 2 and max(len(r.cells) for r in t.rows) >= 2]


def _visible_edge(obj: dict[str, Any]) -> bool:
    """False for a rectangle or curve that leaves no mark: not stroked, and filled with white (or
    not filled). Every other object passes."""
    if obj.get("object_type") not in ("rect", "curve"):
        return True
    if obj.get("stroke") and not _white(obj.get("stroking_color")):
        return True  # (a line width of 0 is the thinnest line a device draws, still seen)
    return bool(obj.get("fill")) and not _white(obj.get("non_stroking_color"))


def _white(color: Any) -> bool:
    if color is None:
        return False
    values = tuple(color) if isinstance(color, (tuple, list)) else (color,)
    if len(values) == 4:  # CMYK: no ink
        return all(float(v) == 0 for v in values)
    return bool(values) and all(isinstance(v, (int, float)) and float(v) == 1 for v in values)


def _table_rows(table: Any, width: float) -> list[_Placed]:
    texts = table.extract(x_tolerance=1.5)
    columns = [c.bbox for c in table.columns]
    out = []
    for row, row_texts in zip(table.rows, texts, strict=False):
        cells = []
        for j, (bbox, text) in enumerate(zip(row.cells, row_texts, strict=False)):
            box = bbox or (columns[j] if j < len(columns) else None)
            x0, x1 = (box[0] / width, box[2] / width) if box else (None, None)
            cells.append(RawCell(_cell_text(text or ""), x0, x1))
        out.append(_Placed(row.bbox[1], row.bbox[3], RawLine(cells, kind="table")))
    return out


# a date a narrow column wrapped inside its digits ("05/01/20" over "24", "08/01/202" over "4",
# "15/" over "01/2024")
_BROKEN_YEAR = re.compile(r"(\d{1,2}[/.-]\d{1,2}[/.-])(\d{1,3})\n(\d{1,3})\b")
_BROKEN_AFTER_SLASH = re.compile(r"(?<=\d[/.-])\n(?=\d)")


def _cell_text(text: str) -> str:
    """A table cell's lines as one line; a date the column wrapped inside its digits is whole again."""
    text = _BROKEN_YEAR.sub(lambda m: m[0] if len(m[2] + m[3]) != 4 else m[1] + m[2] + m[3], text)
    return " ".join(_BROKEN_AFTER_SLASH.sub("", text).split())


# ---------------------------------------------------------------------------------------------
# Annotation appearance streams (signature widgets, form fields, stamps)


@dataclass
class _Annot:
    field: str
    rect: list[float]  # x0, top, x1, bottom in page coordinates (top-down, like pdfplumber)
    chars: list[dict[str, Any]]
    text: str
    lines: int
    signature: dict[str, Any] | None = None
    subtype: str | None = None


def _annotation_texts(page: pdfplumber.page.Page) -> list[_Annot]:
    """Every visible annotation's appearance text as characters at their page positions."""
    out = []
    for ref in resolve1(page.page_obj.annots) or []:
        try:
            annot = resolve1(ref)
            if not isinstance(annot, dict):
                continue
            item = _annotation(page, annot)
        except Exception as e:  # a broken annotation must not cost the page
            log.debug("annotation skipped: %s", e)
            continue
        if item is not None:
            out.append(item)
    return out


def _annotation(page: pdfplumber.page.Page, annot: dict[str, Any]) -> _Annot | None:
    subtype = _name(annot.get("Subtype"))
    if subtype in _SKIP_SUBTYPES or int(resolve1(annot.get("F")) or 0) & _ANNOT_HIDDEN:
        return None
    rect = [float(resolve1(v)) for v in resolve1(annot.get("Rect")) or []]
    if len(rect) != 4:
        return None
    rect = [min(rect[0], rect[2]), min(rect[1], rect[3]), max(rect[0], rect[2]), max(rect[1], rect[3])]
    signature = _signature_of(annot)
    stream = _appearance(annot)
    chars = _render_appearance(page, stream, rect) if stream is not None else []
    if not chars and signature is None:
        return None
    text, nlines = _text_of(chars)
    x0, y0, x1, y1 = rect
    height = float(page.height)
    field = decode_text(resolve1(annot.get("T"))) if isinstance(resolve1(annot.get("T")), bytes) else ""
    return _Annot(field, [x0, height - y1, x1, height - y0], chars, text, nlines, signature, subtype)


def _appearance(annot: dict[str, Any]) -> PDFStream | None:
    ap = resolve1(annot.get("AP"))
    if not isinstance(ap, dict):
        return None
    normal = resolve1(ap.get("N"))
    if isinstance(normal, dict):  # one appearance per state (check boxes): take the current one
        normal = resolve1(normal.get(_name(annot.get("AS")) or "", None))
    return normal if isinstance(normal, PDFStream) else None


def _render_appearance(page: pdfplumber.page.Page, stream: PDFStream, rect: list[float]) -> list[dict]:
    """Run the appearance stream through pdfminer, placed in the annotation's rectangle.

    PDF 32000 §12.5.5: the form's BBox, transformed by its Matrix, is mapped onto Rect."""
    bbox = [float(resolve1(v)) for v in resolve1(stream.get("BBox")) or [0, 0, 1, 1]]
    matrix = tuple(float(resolve1(v)) for v in resolve1(stream.get("Matrix")) or (1, 0, 0, 1, 0, 0))
    bx0, by0, bx1, by1 = apply_matrix_rect(matrix, bbox)
    sx = (rect[2] - rect[0]) / (bx1 - bx0) if bx1 != bx0 else 1.0
    sy = (rect[3] - rect[1]) / (by1 - by0) if by1 != by0 else 1.0
    to_rect = (sx, 0.0, 0.0, sy, rect[0] - bx0 * sx, rect[1] - by0 * sy)
    page_obj = page.page_obj
    ctm = _page_ctm(page_obj)
    pdf = page.pdf
    device = PDFPageAggregator(pdf.rsrcmgr, pageno=page.page_number)
    interpreter = PDFPageInterpreter(pdf.rsrcmgr, device)
    device.begin_page(page_obj, ctm)
    interpreter.render_contents(resolve1(stream.get("Resources")) or {}, [stream],
                                ctm=mult_matrix(mult_matrix(matrix, to_rect), ctm))
    device.end_page(page_obj)
    height = float(page.height)
    chars = []
    for ch in _iter_chars(device.get_result()):
        top = height - ch.y1
        chars.append({
            "text": ch.get_text(), "x0": ch.x0, "x1": ch.x1, "top": top, "bottom": height - ch.y0,
            "doctop": top, "upright": ch.upright, "size": ch.size, "fontname": ch.fontname,
            "width": ch.width, "height": ch.height, "matrix": ch.matrix,
        })
    return chars


def _page_ctm(page_obj: Any) -> tuple[float, ...]:
    """The user-space → page-space matrix pdfminer uses for the page (rotation, media box)."""
    x0, y0, x1, y1 = (float(v) for v in page_obj.mediabox)
    rotate = int(page_obj.rotate or 0) % 360
    if rotate == 90:
        return (0, -1, 1, 0, -y0, x1)
    if rotate == 180:
        return (-1, 0, 0, -1, x1, y1)
    if rotate == 270:
        return (0, 1, -1, 0, y1, -x0)
    return (1, 0, 0, 1, -x0, -y0)


def _iter_chars(item: Any):
    if isinstance(item, LTChar):
        yield item
    elif isinstance(item, LTContainer):
        for child in item:
            yield from _iter_chars(child)


def _text_of(chars: list[dict[str, Any]]) -> tuple[str, int]:
    words = extract_words(chars, x_tolerance=1.5, y_tolerance=3)
    lines = _group_lines(words, 1.0)
    text = "\n".join(" ".join(c.text for c in p.line.cells) for p in lines)
    return text, len(lines)


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_TIMESTAMP = re.compile(r"\d{1,2}[./-]\d{1,2}[./-]\d{4}\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[+-]\d{2}:?\d{2})?")
_SIGNED_BY = re.compile(r"k[ýy]\s*b[ởo]i|signed\s+by|ng[ưu][ờo]i\s+k[ýy]|đã\s+k[ýy]", re.IGNORECASE)
FORM_VALUE_MAX_CHARS = 24


def _classify_annotations(annots: list[_Annot],
                          body_lines: list[tuple[float, float]]) -> tuple[list[_Annot], list[_Annot]]:
    """(form values, stamps): a form value is one short line on a body text line; the rest of
    the annotations with text (signature boxes, e-mails, timestamps, "Ký bởi") are stamps."""
    values, stamps = [], []
    for a in annots:
        text = a.text.strip()
        if not text:
            continue
        # only form fields carry values; comments (FreeText) and stamps never join the body
        looks_stamp = (a.subtype != "Widget" or a.lines > 1 or len(text) > FORM_VALUE_MAX_CHARS or _EMAIL.search(text)
                       or _TIMESTAMP.search(text) or _SIGNED_BY.search(text))
        # on a scan (no text lines) a short value cannot be checked against a line: keep it
        if not looks_stamp and (not body_lines or _on_body_line(a, body_lines)):
            values.append(a)
        else:
            stamps.append(a)
    return values, stamps


def _on_body_line(a: _Annot, body_lines: list[tuple[float, float]]) -> bool:
    top = min(c["top"] for c in a.chars if c["text"].strip())
    bottom = max(c["bottom"] for c in a.chars if c["text"].strip())
    for lt, lb in body_lines:
        if min(bottom, lb) - max(top, lt) > 0.5 * min(bottom - top, lb - lt):
            return True
    return False


# ---------------------------------------------------------------------------------------------
# Digital signatures


def _signature_of(annot: dict[str, Any]) -> dict[str, Any] | None:
    if _name(annot.get("FT")) != "Sig":
        parent = resolve1(annot.get("Parent"))
        if not (isinstance(parent, dict) and _name(parent.get("FT")) == "Sig"):
            return None
        annot = {**parent, **annot}
    value = resolve1(annot.get("V"))
    sig: dict[str, Any] = {"field": _text(annot.get("T")), "signed": isinstance(value, dict)}
    if not isinstance(value, dict):
        return sig
    for key, out in (("Name", "name"), ("Reason", "reason"), ("Location", "location"),
                     ("ContactInfo", "contact")):
        text = _text(value.get(key))
        if text:
            sig[out] = text
    sig["time"] = _pdf_date(_text(value.get("M")))
    sig["filter"] = _name(value.get("SubFilter")) or _name(value.get("Filter"))
    build = resolve1(value.get("Prop_Build"))
    app = resolve1(resolve1(build.get("App")).get("Name")) if isinstance(build, dict) and isinstance(
        resolve1(build.get("App")), dict) else None
    if app is not None:
        sig["app"] = _text(app) or _name(app)
    signer = _certificate_signer(resolve1(value.get("Contents")))
    if signer:
        sig["certificate"] = signer
    return sig


def _complete_signature(sig: dict[str, Any], stamps: list[_Annot]) -> None:
    """Fill signer / e-mail from the certificate, the stamp text or the reason, in that order."""
    stamp = next((a.text for a in stamps if a.signature is not None and a.field == sig.get("field")), "")
    if stamp.strip():
        sig["stamp"] = stamp
    signed_by = re.search(r"k[ýy]\s*b[ởo]i\s*:?\s*(.+)", stamp, re.IGNORECASE)
    reason_org = re.match(r"\s*([^<]+?)\s*<", sig.get("reason", ""))
    signer = (sig.get("certificate", {}).get("name") or sig.get("name")
              or (signed_by.group(1).strip() if signed_by else None)
              or (reason_org.group(1) if reason_org else None))
    sig["signer"] = signer
    email = _EMAIL.search(" ".join([stamp, sig.get("reason", ""), sig.get("contact", "")]))
    if email:
        sig["email"] = email.group(0)
    stamped = _TIMESTAMP.search(stamp)
    if stamped and not sig.get("time"):
        sig["time"] = stamped.group(0)


def _certificate_signer(contents: Any) -> dict[str, Any] | None:
    """The signing certificate's subject (CN, O) from the CMS/PKCS#7 blob, when readable."""
    if not isinstance(contents, bytes) or len(contents) < 4:
        return None
    try:
        from cryptography import x509
        from cryptography.hazmat.primitives.serialization import pkcs7
        from cryptography.x509.oid import NameOID

        certs = pkcs7.load_der_pkcs7_certificates(contents[: _der_length(contents)])
    except Exception:
        return None
    issuers = {c.issuer.rfc4514_string() for c in certs}
    leaves = [c for c in certs if c.subject.rfc4514_string() not in issuers] or certs[:1]
    if not leaves:
        return None
    leaf: x509.Certificate = leaves[0]

    def attr(oid: Any) -> str | None:
        found = leaf.subject.get_attributes_for_oid(oid)
        return str(found[0].value) if found else None

    info = {"name": attr(NameOID.COMMON_NAME), "organisation": attr(NameOID.ORGANIZATION_NAME),
            "issuer": leaf.issuer.rfc4514_string()}
    return {k: v for k, v in info.items() if v}


def _der_length(data: bytes) -> int:
    """The length of the DER object at the start (the /Contents hex string is zero-padded)."""
    if data[1] < 0x80:
        return 2 + data[1]
    n = data[1] & 0x7F
    if n == 0 or n > 4:
        return len(data.rstrip(b"\0"))
    return 2 + n + int.from_bytes(data[2:2 + n], "big")


def _pdf_date(value: str | None) -> str | None:
    """D:20250124200114+07'00' → 2025-01-24T20:01:14+07:00."""
    if not value:
        return None
    m = re.match(r"D?:?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+-])?(\d{2})?'?(\d{2})?", value)
    if not m:
        return value
    y, mo, d, h, mi, s, tz, th, tm = m.groups()
    out = f"{y}-{mo or '01'}-{d or '01'}T{h or '00'}:{mi or '00'}:{s or '00'}"
    if tz in ("Z", "z"):
        out += "+00:00"
    elif tz:
        out += f"{tz}{th or '00'}:{tm or '00'}"
    return out


def _name(value: Any) -> str | None:
    value = resolve1(value)
    if isinstance(value, PSLiteral):
        return value.name if isinstance(value.name, str) else value.name.decode("latin-1")
    return None


def _text(value: Any) -> str | None:
    value = resolve1(value)
    if isinstance(value, bytes):
        return decode_text(value)
    return value if isinstance(value, str) else None


# ---------------------------------------------------------------------------------------------
# Legacy fonts (TCVN3 / VNI) in the text layer


@lru_cache(maxsize=256)
def _legacy_encoding(fontname: str) -> str | None:
    try:
        from pipeline.read.legacy import font_encoding
    except ImportError:
        return None
    base = fontname.split("+", 1)[-1]  # drop the subset prefix "ABCDEF+"
    return font_encoding(base)[0]


def _legacy_repair(text: str, fontname: str | None) -> tuple[str, str | None]:
    if not fontname or text.isascii() or not _legacy_encoding(fontname):
        return text, None
    from pipeline.read.legacy import repair

    return repair(text, hint=fontname.split("+", 1)[-1])


# ---------------------------------------------------------------------------------------------
# Does the text layer hold the page's text?

def _vietnamese_word(word: str) -> bool:
    """True when the word has a Vietnamese letter: đ or a vowel with a Vietnamese mark."""
    return has_vietnamese_letter(word)


def _ocr_reason(words: list[dict[str, Any]], stamps: list[_Annot], has_images: bool) -> str | None:
    texts = [w["text"] for w in words]
    letters = sum(ch.isalpha() for t in texts for ch in t)
    if letters < MIN_LETTERS:
        if not has_images:
            return None  # nothing drawn to read either: an (almost) empty page
        if not texts and stamps:
            return "only signature stamp text; the page is an image"
        return "no text layer" if not texts else f"text layer too small ({letters} letters) over an image"
    return _junk_layer(" ".join(texts))


def _junk_layer(text: str) -> str | None:
    """Why a text layer is not the page's text, or None. Measured on the dev set's PDFs: real layers
    read 95-100 % valid syllables with 78-94 % of words marked; the OCR layers that lie (OmniPage,
    ABBYY without Vietnamese) read 51-72 % and 0-31 %. A TCVN3/VNI layer is judged decoded."""
    r = reading(text)
    if r.words < JUNK_MIN_WORDS or _layer_reads(r):
        return None
    encoding = _legacy_encoding_of(text)
    if encoding:
        from pipeline.read.legacy import decode_tcvn3, decode_viscii, decode_vni

        decode = {"tcvn3": decode_tcvn3, "vni": decode_vni, "viscii": decode_viscii}[encoding]
        if _layer_reads(reading(decode(text))):
            return None  # legacy-encoded text: repaired later
    return (f"junk text layer: {r.marked_share:.0%} of {r.words} words have Vietnamese letters "
            f"(expected ≥ {MIN_VIETNAMESE_SHARE:.0%}), {r.syllable_rate:.0%} are Vietnamese syllables "
            f"(expected ≥ {MIN_SYLLABLE_RATE:.0%})")


def _layer_reads(r: Reading) -> bool:
    return r.marked_share >= MIN_VIETNAMESE_SHARE and r.syllable_rate >= MIN_SYLLABLE_RATE


def _legacy_encoding_of(text: str) -> str | None:
    try:
        from pipeline.read.legacy import detect
    except ImportError:
        return None
    return detect(text)


def _ocr_page(path: Path, number: int, text_page: RawPage, memo: dict | None = None) -> RawPage:
    reason = text_page.meta["ocr_reason"]
    try:
        from pipeline.read.orientation import read_upright
        from pipeline.read.readers.ocr import ocr_page_image
    except ImportError as e:
        raise ReaderError(
            f"page {number} has no usable text layer and OCR is not available ({reason})") from e
    values = [v["rect"] for v in text_page.meta.get("form_values", [])]
    image = render_page(path, number, OCR_DPI, keep_rects=values)
    # (a page scanned sideways reads as noise: it is read again turned upright)
    page = read_upright(lambda im: ocr_page_image(im, number, cleanup_memo=memo), image, OCR_DPI)
    page.number = number
    page.source = "ocr"
    # what the text layer knew that the picture does not: stamps, form values, page size
    page.meta = {**{k: v for k, v in text_page.meta.items() if k != "ocr_reason"}, **page.meta,
                 "ocr_reason": reason}
    hint = "\n".join(" | ".join(c.text for c in ln.cells) for ln in text_page.lines if ln.cells)
    if hint.strip():  # the layer that was not trusted, kept for a person (or a later pass) to consult
        page.meta["text_layer_hint"] = hint
    return page


def render_page(path: Path, number: int, dpi: int = OCR_DPI,
                keep_rects: list[list[float]] | None = None):
    """The page as a PIL image without its annotations (signature stamps would pollute the OCR
    text), except inside ``keep_rects`` (x0, top, x1, bottom in points): form values such as the
    number and the day are pasted in from a render with annotations."""
    import pypdfium2 as pdfium

    scale = dpi / 72
    doc = pdfium.PdfDocument(str(path))
    try:
        image = doc[number - 1].render(scale=scale, draw_annots=False).to_pil()
    finally:
        doc.close()
    if keep_rects:
        doc = pdfium.PdfDocument(str(path))
        try:
            doc.init_forms()  # pdfium draws form widgets only with a form environment
            with_annots = doc[number - 1].render(scale=scale, draw_annots=True, may_draw_forms=True).to_pil()
        finally:
            doc.close()
        for x0, top, x1, bottom in keep_rects:
            box = (int(x0 * scale), int(top * scale), int(x1 * scale) + 1, int(bottom * scale) + 1)
            image.paste(with_annots.crop(box), box[:2])
    return image
