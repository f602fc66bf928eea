"""Scanned pages (PNG, JPEG, TIFF; and PDF pages without a usable text layer) read by Tesseract.

Tesseract reads the print of a clean administrative page well; what goes wrong is the layout and
the few fields that matter (FACTS.md): the two header columns interleave, "39-BC" comes out as
"39:BC", "1" as "Ï", "1." as "I.", and the handwritten number and day of a typed form come out as
junk. So this reader

1. cleans the image (pipeline/read/readers/preprocess.py: grayscale, upscale, deskew, denoise);
2. runs Tesseract once for words with boxes (``image_to_data``);
3. rebuilds physical rows from Tesseract's lines and cuts them into cells: at a wide gap anywhere,
   and at the column gutter in the header and signature zones, so a two-column header comes out
   as left cells and right cells on the same rows as in the other readers;
4. repairs digits in context (``repair_ocr_line``) and roman/arabic heading numbers;
5. re-reads a garbled or handwritten number or day twice — a digits-only Tesseract pass and PP-OCR's
   recogniser (rapidocr-onnxruntime, offline) — and keeps a plausible value both give, or one gives
   while the other reads nothing (flagged in ``page.meta["review"]`` when only the second read it);
   two different readings, or none, leave the value out and flag it.

Word boxes in ``RawPage.meta["words"]`` are fractions of the (deskewed) page width and height.
"""

from __future__ import annotations

import math
import os
import re
import statistics
import tempfile
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

import pytesseract
from PIL import Image, ImageSequence, UnidentifiedImageError

from pipeline.document import RawCell, RawDocument, RawLine, RawPage
from pipeline.errors import ReaderError, UnsupportedFormat
from pipeline.read import cleanup
from pipeline.read.orientation import read_upright
from pipeline.read.readers.preprocess import Prepared, guess_dpi, prepare
from pipeline.read.readers.scan_tables import find_tables, place_tables, split_words

LANG = "vie"
PSM = 3  # automatic page segmentation; rows are rebuilt from its lines below (see README-ocr.md)
WIDE_GAP = 2.0  # a gap wider than this many text heights separates cells anywhere on the page
ZONE_GAP = 0.7  # in the header/signature zones a gap this wide at the column gutter separates cells
MIN_DIGIT_CONF = 60.0  # a digits-only re-read must be at least this confident (and agree with itself)
MIN_PRINTED_CONF = 60.0  # digits Tesseract read in a slot under this word confidence are voted on again
# (the number's digits under this: a stamped "4427" read "127" at 67; printed numbers read 72-96, and
# a number voted on again keeps its digits when the vote or the band reads them too)
MIN_PRINTED_NUMBER_CONF = 70.0
SPARSE_WORDS = 60  # a page with fewer words than this is mostly paper (a full page reads 250-400)
SECOND_MIN_SCORE = 0.85  # the second recogniser's confidence for a digit slot it reads alone


@dataclass
class Word:
    text: str
    left: int
    top: int
    right: int
    bottom: int
    conf: float
    key: tuple[int, int, int]  # Tesseract's (block, paragraph, line)

    @property
    def height(self) -> int:
        return self.bottom - self.top


def _turn(x: float, y: float, angle: float, centre: tuple[float, float]) -> tuple[float, float]:
    """A point of the page image turned ``angle`` degrees counter-clockwise about ``centre`` (y down)."""
    a = math.radians(angle)
    dx, dy = x - centre[0], y - centre[1]
    return centre[0] + dx * math.cos(a) + dy * math.sin(a), centre[1] - dx * math.sin(a) + dy * math.cos(a)


def _straighten(words: list[Word], angle: float, size: tuple[int, int]) -> list[Word]:
    """Word boxes moved to where they stand on the straightened page (the image was not rotated)."""
    centre = (size[0] / 2, size[1] / 2)
    out = []
    for w in words:
        cx, cy = _turn((w.left + w.right) / 2, (w.top + w.bottom) / 2, angle, centre)
        hw, hh = (w.right - w.left) / 2, (w.bottom - w.top) / 2
        out.append(Word(w.text, round(cx - hw), round(cy - hh), round(cx + hw), round(cy + hh), w.conf, w.key))
    return out


# ---------------------------------------------------------------------------------------------
# Tesseract


def _tesseract_env() -> None:
    # one thread per page: Tesseract's OpenMP threads slow a multi-process batch down
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")


def _with_image_file(image: Image.Image, dpi: int, run):
    """Call ``run(path)`` on a temporary uncompressed copy: PNG compression costs ~0.1 s a page, and
    Tesseract reads an uncompressed TIFF faster than a PGM (measured)."""
    with tempfile.NamedTemporaryFile(suffix=".tif") as tmp:
        image.save(tmp.name, format="TIFF", dpi=(dpi, dpi))
        return run(tmp.name)


def _run_tesseract(func, image: Image.Image, dpi: int, config: str, lang: str = LANG, **kw):
    _tesseract_env()
    try:
        return _with_image_file(
            image, dpi, lambda p: func(p, lang=lang, config=f"--dpi {dpi} {config}", **kw))
    except pytesseract.TesseractNotFoundError as e:
        raise UnsupportedFormat("OCR needs the tesseract program, which is not installed") from e
    except pytesseract.TesseractError as e:
        raise ReaderError(f"tesseract failed: {e.message or e}") from e


def _words(prep: Prepared, psm: int, lang: str) -> list[Word]:
    data = _run_tesseract(pytesseract.image_to_data, prep.image, prep.dpi, f"--psm {psm}", lang,
                          output_type=pytesseract.Output.DICT)
    words = []
    for i, text in enumerate(data["text"]):
        text = unicodedata.normalize("NFC", (text or "").strip())
        # Tesseract sometimes gives the Icelandic eth for Đ ("QĐÐ", "ÐN"): Vietnamese has no eth
        text = text.replace("\u0110\u00d0", "\u0110").replace("\u00d0", "\u0110").replace("\u00f0", "\u0111")
        conf = float(data["conf"][i])
        if not text or conf < 0 or _is_speck(text, conf):
            continue
        left, top = int(data["left"][i]), int(data["top"][i])
        words.append(Word(text, left, top, left + int(data["width"][i]), top + int(data["height"][i]),
                          conf, (data["block_num"][i], data["par_num"][i], data["line_num"][i])))
    return words


def _pieces(line: list[Word], width: int) -> list[list[Word]]:
    """A Tesseract line cut at gaps as wide as a column gutter (a tenth of the page): a line may run
    across two columns; the blanks a date line leaves for its day are narrower."""
    ws = sorted(line, key=lambda w: w.left)
    out = [[ws[0]]]
    for w in ws[1:]:
        if w.left - out[-1][-1].right > 0.1 * width:
            out.append([w])
        else:
            out[-1].append(w)
    return out


def _tangled(a: list[Word], b: list[Word]) -> bool:
    """Two pieces of Tesseract's lines lying on top of each other: the same printed line read twice,
    its words shared out between two baselines (an italic date line: "Đông Tháp, tháng 4 2026" over
    "0n 054p, n6 l3 Hang 4 nam")."""
    at, ab = min(w.top for w in a), max(w.bottom for w in a)
    bt, bb = min(w.top for w in b), max(w.bottom for w in b)
    if min(ab, bb) - max(at, bt) < 0.5 * min(ab - at, bb - bt):
        return False
    al, ar = min(w.left for w in a), max(w.right for w in a)
    bl, br = min(w.left for w in b), max(w.right for w in b)
    if not min(ar, br) - max(al, bl) >= 0.3 * min(ar - al, br - bl) > 0:
        return False
    # words read surely that stand over each other: on one line they share their height; two lines
    # of a list that Tesseract joined across the gutter stand one above the other ("Các Khoa/" over "CVHT;")
    shared = stacked = 0
    for u in (w for w in a if w.conf >= 30):
        for v in (w for w in b if w.conf >= 30):
            if min(u.right, v.right) <= max(u.left, v.left):
                continue
            if min(u.bottom, v.bottom) - max(u.top, v.top) >= 0.5 * min(u.height, v.height):
                shared += 1
            else:
                stacked += 1
    return shared > 0 and stacked == 0


def _sure_mass(words: list[Word]) -> float:
    return sum(w.conf for w in words if w.conf >= 60)


def _untangle(prep: Prepared, words: list[Word], lang: str) -> list[Word]:
    """Each printed line Tesseract's page segmentation read as two lines on top of each other is read
    again as one line (``--psm 7`` on the band both cover); the new reading is kept when it reads at
    least as much as the better of the two (one may be the line read well and the other a garble of it,
    which the page reading keeps as it is): by the confidence of the words each reads surely, summed,
    so that a reading of the whole line beats one of its halves."""
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for w in words:
        lines.setdefault(w.key, []).append(w)
    pieces = [(k, p) for k in lines for p in _pieces(lines[k], prep.image.width)]
    pieces.sort(key=lambda kp: min(w.top for w in kp[1]))
    dropped: set[int] = set()  # ids of words read again
    added: list[Word] = []
    for i, (ka, pa) in enumerate(pieces):
        for kb, pb in pieces[i + 1:]:
            if ka == kb or any(id(w) in dropped for w in pa + pb) or not _tangled(pa, pb):
                continue
            both = pa + pb
            h = statistics.median(w.height for w in both)
            box = (max(0, min(w.left for w in both) - round(0.5 * h)),
                   max(0, min(w.top for w in both) - round(0.3 * h)),
                   min(prep.image.width, max(w.right for w in both) + round(0.5 * h)),
                   min(prep.image.height, max(w.bottom for w in both) + round(0.3 * h)))
            data = _run_tesseract(pytesseract.image_to_data, prep.image.crop(box), prep.dpi, "--psm 7", lang,
                                  output_type=pytesseract.Output.DICT)
            again = []
            for k, text in enumerate(data["text"]):
                text = unicodedata.normalize("NFC", (text or "").strip())
                conf = float(data["conf"][k])
                if text and conf >= 0 and not _is_speck(text, conf):
                    left, top = int(data["left"][k]) + box[0], int(data["top"][k]) + box[1]
                    again.append(Word(text, left, top, left + int(data["width"][k]),
                                      top + int(data["height"][k]), conf, ka))
            if again and _sure_mass(again) >= max(_sure_mass(pa), _sure_mass(pb)):
                dropped |= {id(w) for w in both}
                added.extend(again)
    if not dropped:
        return words
    return [w for w in words if id(w) not in dropped] + added


def _is_speck(text: str, conf: float) -> bool:
    """Punctuation-only 'words' read from dust, seal edges and rules, not from print."""
    return conf < 50 and not any(ch.isalnum() for ch in text)


# ---------------------------------------------------------------------------------------------
# Layout: rows and cells


def _rows(words: list[Word]) -> list[list[Word]]:
    """Physical rows: Tesseract's lines, with lines of side-by-side blocks merged when they share a row."""
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for w in words:
        lines.setdefault(w.key, []).append(w)
    rows: list[list[Word]] = []
    for line in sorted(lines.values(), key=lambda ln: min(w.top for w in ln)):
        target = next((r for r in rows if _same_row(r, line)), None)
        if target is None:
            rows.append(list(line))
        else:
            target.extend(line)
    for r in rows:
        r.sort(key=lambda w: w.left)
    rows.sort(key=lambda r: _row_box(r)[1])
    return rows


def _row_box(row: list[Word]) -> tuple[int, int, int, int]:
    return min(w.left for w in row), min(w.top for w in row), max(w.right for w in row), max(
        w.bottom for w in row)


def _text_height(row: list[Word]) -> float:
    """Median height of the row's words (dashes and dots would make it too small)."""
    heights = [w.height for w in row if any(ch.isalnum() for ch in w.text)] or [w.height for w in row]
    return float(statistics.median(heights)) or 1.0


def _same_row(row: list[Word], line: list[Word]) -> bool:
    _, rt, _, rb = _row_box(row)
    _, lt, _, lb = _row_box(line)
    overlap = min(rb, lb) - max(rt, lt)
    if overlap < 0.5 * min(rb - rt, lb - lt):
        return False
    # side by side, not on top of each other
    return all(w.right <= v.left or v.right <= w.left for w in line for v in row)


def _gaps(row: list[Word]) -> list[tuple[int, int, int]]:
    """(index of the word after the gap, gap start x, gap end x)."""
    return [(i, row[i - 1].right, row[i].left) for i in range(1, len(row))]


def _gutter(rows: list[list[Word]], width: int) -> float | None:
    """The x of the column gutter in a two-column zone: the point most rows leave blank."""
    spans = []
    for row in rows:
        h = _text_height(row)
        inner = [(a, b) for _, a, b in _gaps(row) if a < 0.6 * width and b > 0.35 * width
                 and b - a >= ZONE_GAP * h]
        if inner:
            spans.append(max(inner, key=lambda g: g[1] - g[0]))
    if not spans:
        return None
    points = sorted({a for a, _ in spans} | {b for _, b in spans})
    best = max(points, key=lambda x: (sum(1 for a, b in spans if a <= x <= b), -abs(x - 0.45 * width)))
    # the centre of the blank band shared by the most rows around that point
    shared = [(a, b) for a, b in spans if a <= best <= b]
    return (max(a for a, _ in shared) + min(b for _, b in shared)) / 2


def _split_row(row: list[Word], gutter: float | None) -> list[list[Word]]:
    h = _text_height(row)
    cuts = set()
    for i, a, b in _gaps(row):
        if b - a >= WIDE_GAP * h:
            cuts.add(i)
        elif gutter is not None and a <= gutter <= b and b - a >= ZONE_GAP * h:
            cuts.add(i)
    cells, start = [], 0
    for i in sorted(cuts):
        if not _blank_for_filling(row[start:i], row[i]):
            cells.append(row[start:i])
            start = i
    cells.append(row[start:])
    return cells


_BEFORE_BLANK = re.compile(r"(?:^S[ốô]\s*:?|ngày|tháng)$", re.IGNORECASE)
_AFTER_BLANK = re.compile(r"^(?:[/-]|tháng|năm)", re.IGNORECASE)


def _blank_for_filling(cell: list[Word], nxt: Word) -> bool:
    """A gap left on a typed form for a handwritten number or day ("Số:      /KH-UBND"), not a column gap."""
    return bool(_BEFORE_BLANK.search(" ".join(w.text for w in cell)) and _AFTER_BLANK.match(nxt.text))


# "Số:" (also misread "Sô:", "S6:"); "SỐ 1050/QĐ-SCT" without a colon is a reference inside an issuer name
# (in lower case without a colon too, glued to its digits or before a blank: "Só4I®/QĐ-HV", "Số /SNV-VP")
_NUMBER_LINE = re.compile(r"^\s*(?:S[ốôóòồổỗộoơ6Ố]\s*[:;.]|S[ốô]\s+\d|S[ốôó]\s*(?=\d)|S[ốôó]\s+(?=/))")
_NUMBER_ANYWHERE = re.compile(r"(?:^|\s)S[ốôóòồổỗộoơ6Ố]\s*[:;.]")
_DATE_LINE = re.compile(r"ngày.{0,12}tháng.{0,8}năm", re.IGNORECASE)
_SIGNATURE_START = re.compile(r"N[ơo]i\s*nh[ậa]n|^(?:TM|KT|TL|TUQ|T/M|K/T|T/L)[.:]", re.IGNORECASE)


def _zones(rows: list[list[Word]], page_height: int) -> tuple[int, int]:
    """(end of the header zone, start of the signature zone) as row indices."""
    texts = [" ".join(w.text for w in r) for r in rows]
    header_end = 0
    for i, (row, text) in enumerate(zip(rows, texts, strict=True)):
        if _row_box(row)[1] > 0.45 * page_height:
            break
        if _NUMBER_ANYWHERE.search(text) or _DATE_LINE.search(text):
            header_end = i + 1
    if header_end == 0:
        header_end = sum(1 for r in rows if _row_box(r)[1] < 0.25 * page_height)
    signature_start = len(rows)
    for i in range(header_end, len(rows)):
        if any(_SIGNATURE_START.search(" ".join(w.text for w in cell)) for cell in _split_row(rows[i], None)):
            signature_start = i
            break
    return header_end, signature_start


def _layout(words: list[Word], width: int, height: int) -> tuple[list[list[list[Word]]], int]:
    """Rows of cells of words, and the number of rows in the header zone."""
    rows = _rows(words)
    header_end, signature_start = _zones(rows, height)
    header_gutter = _gutter(rows[:header_end], width)
    signature_gutter = _gutter(rows[signature_start:], width)
    out, kept_header = [], 0
    for i, row in enumerate(rows):
        gutter = header_gutter if i < header_end else signature_gutter if i >= signature_start else None
        cells = [c for c in _split_row(row, gutter) if not _stray_mark(c)]
        if cells:
            out.append(cells)
            kept_header += i < header_end
    return out, kept_header


def _stray_mark(cell: list[Word]) -> bool:
    """A lone, unsure cell of one or two characters: a pen mark or speck in the margin, not text."""
    return max(w.conf for w in cell) < 40 and sum(ch.isalnum() for w in cell for ch in w.text) <= 2


# ---------------------------------------------------------------------------------------------
# Repairs of typical OCR confusions, in context only

_TYPE_ABBR = (
    "KH|QĐ|QyĐ|CTr|TTr|TrS|TB|BC|HD|HĐ|CT|QC|PA|ĐA|BB|CĐ|GM|GGT|CV|NQ|TT|KL|TC|GCN|GUQ|GNP|GXN|GGT|PC|"
    "QyC|GT|DS|BCĐ|HDLT|TTLT|UBND"
)
_NUMBER_TYPE_COLON = re.compile(rf"(?<![\w/])(\d{{1,5}})\s*[:;]\s*(?=(?:{_TYPE_ABBR})\s*/)")
_DIGIT_LOOKALIKE = str.maketrans({"Ï": "1", "ï": "1", "I": "1", "l": "1", "|": "1", "í": "1", "ì": "1",
                                  "!": "1", "]": "1", "O": "0", "o": "0", "Ô": "0", "ô": "0", "Q": "0"})
_LOOKALIKES = "ÏïIl|íì!\\]OoÔôQ"
_NUMBER_PREFIX = re.compile(r"^(\s*)S[ốôóòồổỗộoơ6]\s*[:;.]?\s*", re.IGNORECASE)
_NUMBER_BODY = re.compile(rf"^[\d{_LOOKALIKES}]{{1,5}}(?=\s*(?:[/-]|[:;]\s*(?:{_TYPE_ABBR})\b))")
_DATE_SLOTS = re.compile(
    rf"(?P<d_kw>ngày\s*)(?P<day>[\d{_LOOKALIKES}]{{1,2}})(?P<m_kw>\s+tháng\s*)(?P<month>[\d{_LOOKALIKES}]{{1,2}})"
    rf"(?P<y_kw>\s+năm\s*)(?P<year>[\d{_LOOKALIKES}]{{4}})(?![\w])", re.IGNORECASE)
_NUMERIC_DATE = re.compile(
    rf"(?<![\w/])([\d{_LOOKALIKES}]{{1,2}})/([\d{_LOOKALIKES}]{{1,2}})/([\d{_LOOKALIKES}]{{4}})(?![\w/])")


def _as_digits(token: str, low: int, high: int) -> str:
    """The token with look-alike letters read as digits, when that gives a number in [low, high]."""
    digits = token.translate(_DIGIT_LOOKALIKE)
    if not digits.isdigit() or not any(ch.isdigit() for ch in token) and len(token) > 2:
        return token
    return digits if low <= int(digits) <= high else token


# "Quận 11" read "Quận II" / "Quận I1": the number of a unit after its type word. Districts are
# never numbered in Roman numerals; wards sometimes are ("Phường I" in Vị Thanh), so after the other
# type words a real digit must be among the characters
_UNIT_NUMBER = re.compile(r"(?<!\w)((?:Quận|Phường|Khu phố|Tổ|Khóm|Ấp)\s+)([\dIlÏ|]{1,2})(?!\w)", re.IGNORECASE)
# "tháng 9 nắm 2025": the year's keyword misread; the grammar needs "năm"
_YEAR_KEYWORD = re.compile(r"(tháng\s*\d{1,2}\s+)n[ăaắằẳẵặâấầ]m(?=\s*\d{4})", re.IGNORECASE)
# "năm: 1999": a speck read as punctuation after the year's keyword (binarised scans)
_YEAR_PUNCT = re.compile(r"(tháng\s*\d{1,2}\s+năm)\s*[:;,.'`]\s*(?=\d{4})", re.IGNORECASE)


# "8h30" read "Sh30" / "sh00": the 8 of an hour taken for an S before "h" and its minutes (no word)
_HOUR_EIGHT = re.compile(r"(?<![\w])[Ss](?=h[0-5]\d(?!\w))")


# "V/v thời gian ..." read "V/ thời gian ...": the small v of the subject line's mark lost after its slash
_SUBJECT_V_LOST = re.compile(r"^(\s*)V\s*/\s+(?=[^\W\d_]{2,})")


# a speck read as a spacing mark standing alone at a line's end ("Số: /UBND-NC ˆ"): no text ends so
_TRAILING_MARK = re.compile(r"\s+[\u02b0-\u02ff\u00b4\u00a8`]+\s*$")
# "Số:" with a speck read between its letters at the start of a line (".S§ố: /TT-ĐTN")
_NUMBER_SPECK = re.compile(r"^[.,'`]?S[§$¢](?=[ốôó]\s*:)")


# "31/03/2014 –" read "31/03/2014-—": an en dash between two dates or numbers read as two dashes glued to
# the first; the date grammar wants one dash between them
_GLUED_DASHES = re.compile(r"(?<=\d)\s*(?:-[–—]|[–—]-|[–—]{2}|-{2})\s*(?=\d)")


def repair_ocr_line(text: str) -> str:
    """Undo typical OCR confusions where the context says a number must stand.

    - the number of a "Số:" line: "Số: l5/KH-UBND" -> "Số: 15/KH-UBND", "Số: 39:BC/ĐTN" -> "Số: 39-BC/ĐTN";
    - a number and a type abbreviation joined by a colon anywhere: "39:BC/ĐTN" -> "39-BC/ĐTN";
    - the slots of "ngày dd tháng mm năm yyyy" and of dd/mm/yyyy: "tháng Ï" -> "tháng 1", "2O17" -> "2017".
    Letters elsewhere are left alone.
    """
    text = _YEAR_KEYWORD.sub(lambda m: m[1] + ("NĂM" if m[0][-3:].isupper() else "năm"), text)
    text = _YEAR_PUNCT.sub(r"\1 ", text)
    text = _GLUED_DASHES.sub(" – ", text)
    text = _HOUR_EIGHT.sub("8", text)
    text = _NUMBER_SPECK.sub("S", _TRAILING_MARK.sub("", text))
    text = _SUBJECT_V_LOST.sub(r"\1V/v ", text)
    text = _UNIT_NUMBER.sub(
        lambda m: m[1] + (m[2].translate(_DIGIT_LOOKALIKE)
                          if any(c.isdigit() for c in m[2]) or m[1].strip().lower() == "quận" else m[2]), text)
    m = _NUMBER_PREFIX.match(text)
    if m:
        rest = text[m.end():]
        body = _NUMBER_BODY.match(rest)
        if body and any(ch.isdigit() for ch in body.group(0)):
            rest = _as_digits(body.group(0), 0, 99999) + rest[body.end():]
        text = text[:m.end()] + rest
    text = _NUMBER_TYPE_COLON.sub(r"\1-", text)

    def date_slots(m: re.Match[str]) -> str:
        return (m["d_kw"] + _as_digits(m["day"], 1, 31) + m["m_kw"] + _as_digits(m["month"], 1, 12)
                + m["y_kw"] + _as_digits(m["year"], 1900, 2100))

    text = _DATE_SLOTS.sub(date_slots, text)
    return _NUMERIC_DATE.sub(
        lambda m: "/".join((_as_digits(m[1], 1, 31), _as_digits(m[2], 1, 12), _as_digits(m[3], 1900, 2100))),
        text)


_HEADING = re.compile(r"^(?P<num>I|1|l|Ï|II|2)\s*\.\s+(?P<title>\S.*)$")


def _is_upper(title: str) -> bool:
    letters = [ch for ch in title if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)


# roman numerals that are not Vietnamese words ("VI", "X" are), before an upper-case title
_ROMAN_NO_DOT = re.compile(r"^(II|III|IV|VII|VIII|IX|XI|XII)\s+(?=\S)")


def repair_heading_numbers(first_cells: list[str]) -> list[str]:
    """"I." read for "1." and "1." read for "I.", decided by the next heading: "2." or "II.";
    and the dot of a roman heading that OCR dropped ("II THỜI GIAN" -> "II. THỜI GIAN")."""
    first_cells = [_ROMAN_NO_DOT.sub(r"\1. ", t) if _ROMAN_NO_DOT.match(t) and _is_upper(t) else t
                   for t in first_cells]
    out = list(first_cells)
    for i, text in enumerate(first_cells):
        m = _HEADING.match(text.strip())
        if not m or m["num"] in ("II", "2"):
            continue
        nxt = next((h["num"] for t in first_cells[i + 1:] if (h := _HEADING.match(t.strip()))
                    and h["num"] in ("II", "2")), None)
        if m["num"] == "I" and nxt == "2" and not _is_upper(m["title"]):
            out[i] = "1. " + m["title"]
        elif m["num"] in ("1", "l", "Ï") and nxt == "II" and _is_upper(m["title"]):
            out[i] = "I. " + m["title"]
        elif m["num"] in ("l", "Ï") and nxt == "2":
            out[i] = "1. " + m["title"]
    return out


# ---------------------------------------------------------------------------------------------
# Second pass for a garbled (often handwritten) number or day

# (a joint plan lists its issuers' units, "CTPH-LĐLĐ-SVH,TT,DL", "KT&ĐBCL")
_SYMBOL = r"[/-]\s*(?:(?:19|20)\d\d\s*/\s*)?[A-ZĐ][A-Za-zĐđ]*(?:\s*[-/.,&]\s*[A-ZĐ][\wĐđ]*)*"
# the prefix as _NUMBER_LINE finds it ("Só:#45/GM-UBND": OCR misreads the mark of "Số")
_NUMBER_CELL = re.compile(rf"^(?P<prefix>S[ốôóòồổỗộoơ6]\s*[:;.]?)\s*(?P<num>.*?)\s*(?P<sym>{_SYMBOL})\W*$",
                          re.IGNORECASE)
_DATE_CELL = re.compile(r"(?P<kw>ngày)\s*(?P<day>.*?)\s*(?P<kw2>tháng)\s*(?P<month>.*?)\s*năm", re.IGNORECASE)


_SO = "Số:"  # the prefix of a number line the slot re-reads rewrite, as Decree 30 prints it


@dataclass
class _Cell:
    words: list[Word]
    text: str


def _read_digits(prep: Prepared, box: tuple[int, int, int, int]) -> tuple[str, float] | None:
    """A digits-only reading of a crop, kept only when two segmentations agree and are confident."""
    crop = prep.image.crop(box)
    results = []
    for psm in (7, 8):
        data = _run_tesseract(pytesseract.image_to_data, crop, prep.dpi,
                              f"--psm {psm} -c tessedit_char_whitelist=0123456789", "eng",
                              output_type=pytesseract.Output.DICT)
        words = [(t.strip(), float(c)) for t, c in zip(data["text"], data["conf"], strict=True)
                 if t.strip()]
        if len(words) != 1:
            return None
        results.append(words[0])
    (a, ca), (b, cb) = results
    if a != b or min(ca, cb) < MIN_DIGIT_CONF:
        return None
    return a, min(ca, cb)


_SECOND_READER: list = []  # the loaded second recognizer (or False when it is not installed)


# RapidOCR's detector enlarges its input until the short side is 736 px: a header band of two text
# heights above and below the slots' lines (≈ 290 px high once it is at most 2000 px wide) grew 2.5x,
# six times the pixels, and was most of a scanned page's CPU time. Enlarged at most 1.5x, the band's
# print stands ≈ 45 px high, as large as the detector needs: on the dev scans it reads four more
# handwritten slots right (none wrong, none lost), for 0.6 of the detector's CPU (12 header bands of
# the dev scans: 35.2 -> 20.8 s)
DET_MAX_ENLARGE = 1.5


class _LessEnlarged:
    """RapidOCR's text detector, enlarging its input at most DET_MAX_ENLARGE times."""

    def __init__(self, det):
        self.det = det

    def __getattr__(self, name):
        return getattr(self.det, name)

    def __call__(self, img):
        self.det.limit_type = "min"
        self.det.limit_side_len = min(736, int(DET_MAX_ENLARGE * min(img.shape[:2])))
        return self.det(img)


def _second_reader():
    """PP-OCR's recogniser (the ONNX models rapidocr-onnxruntime ships; offline), loaded once."""
    if not _SECOND_READER:
        try:
            import logging

            from rapidocr_onnxruntime import RapidOCR

            logging.getLogger("RapidOCR").setLevel(logging.ERROR)
            # one thread, as Tesseract (_tesseract_env): ONNX's thread pool spins on a busy machine and
            # a batch runs pages in parallel processes anyway
            engine = RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1)
            engine.text_det = _LessEnlarged(engine.text_det)
            _SECOND_READER.append(engine)
        except Exception:  # not installed or no model: Tesseract reads alone
            _SECOND_READER.append(False)
    return _SECOND_READER[0]


def _read_digits_second(prep: Prepared, box: tuple[int, int, int, int]) -> tuple[str, float] | None:
    """The second recogniser's reading of a slot: handwritten digits it often reads where Tesseract,
    trained on print, reads nothing. Kept only when it is all digits and confident."""
    engine = _second_reader()
    if not engine:
        return None
    import numpy as np

    x0, y0, x1, y1 = box
    pad = (y1 - y0) // 4
    crop = prep.image.crop((x0, max(0, y0 - pad), x1, min(prep.image.height, y1 + pad))).convert("RGB")
    try:
        result, _ = engine(np.array(crop), use_det=False, use_cls=False, use_rec=True)
    except Exception:
        return None
    if not result:
        return None
    text, score = result[0][0].strip().replace(" ", ""), float(result[0][1])
    if not re.fullmatch(r"\d{1,5}", text) or score < SECOND_MIN_SCORE:
        return None
    return text, round(100 * score, 1)


def _register_shape(digits: str) -> bool:
    """A register number or a day is written "04", "7", "1146", never "004": three digits or more with
    a leading zero are a reading that lost a digit or took a stroke for a 0."""
    return not (len(digits) >= 3 and digits[0] == "0")


def _vote(prep: Prepared, box: tuple[int, int, int, int] | None, low: int, high: int,
          max_len: int = 5) -> tuple[str | None, bool]:
    """(value, sure) for a digit slot read by Tesseract and by the second recogniser: both agreeing,
    or one reading while the other reads nothing, gives a value; two different readings give none.
    ``sure`` is False when only the second recogniser read it (the value is flagged for review)."""
    if box is None:
        return None, False

    def ok(r: tuple[str, float] | None) -> str | None:
        return r[0] if r and len(r[0]) <= max_len and low <= int(r[0]) <= high and _register_shape(r[0]) else None

    first, second = ok(_read_digits(prep, box)), ok(_read_digits_second(prep, box))
    if first and second:
        return (first, True) if first == second else (None, False)
    if first:
        return first, True
    if second and max_len <= 2 and len(second) == 1 and not (high == 12 and second >= "3"):
        # it drops a handwritten "1" ("12" read "2"): a lone one-digit day is unsure, and so is a month
        # "1" or "2" (10, 11, 12); a month 3-9 has no "1" to drop
        return None, False
    return (second, False) if second else (None, False)


# PP-OCR learnt print, not handwriting: it reads handwritten digits as the letters they look like, a
# "1" written with a lead-in stroke as "A", "Λ" or "L", a "0" as "o", a "5" as "S", a "7" as "Y", a "2"
# as "Q"/"Z", a "6" as "b". Inside a slot that must hold digits these letters are read back as digits; a letter
# that stands for two digits ("&" is a 2 or an 8, "M" one or two 1s) leaves the slot unread.
_HANDWRITTEN_DIGIT = str.maketrans({"A": "1", "Λ": "1", "λ": "1", "L": "1", "l": "1", "I": "1", "|": "1",
                                    "/": "1", "o": "0", "O": "0", "D": "0", "S": "5", "s": "5", "Y": "7", "b": "6",
                                    "Q": "2", "Z": "2", "z": "2"})


def _handwritten_digits(token: str) -> str | None:
    """A slot PP-OCR read, as digits when every character is a digit or reads as one."""
    digits = token.translate(_HANDWRITTEN_DIGIT)
    return digits if digits.isdigit() and digits.isascii() else None


def _plain(text: str) -> str:
    """Marks stripped, đ→d, case kept, spaces dropped: PP-OCR reads Vietnamese print without marks."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in text if unicodedata.category(ch) != "Mn" and not ch.isspace())


def _band_lines(found: list) -> list[str]:
    """PP-OCR's boxes joined into the printed lines they stand on (it cuts a line at a wide blank:
    "Phú Thọ, ngày A6" | "tháng 12 năm 2011")."""
    boxes = sorted(((min(p[1] for p in box), max(p[1] for p in box), min(p[0] for p in box), text)
                    for box, text, score in found if float(score) >= 0.5), key=lambda b: b[0])
    lines: list[list[tuple]] = []
    for b in boxes:
        line = next((ln for ln in lines if min(b[1], ln[0][1]) - max(b[0], ln[0][0]) > 0.5 * (b[1] - b[0])), None)
        if line is None:
            lines.append([b])
        else:
            line.append(b)
    return [_plain("".join(b[3] for b in sorted(ln, key=lambda b: b[2]))) for ln in lines]


def _band_image(prep: Prepared, source: Image.Image | None, top: int, bottom: int) -> Image.Image:
    """The header band in colour when the page is in colour: blue ink that grey flattens into the
    paper stays legible to PP-OCR ("ngày 30" read "ngay30" in colour, "ngay0" in grey)."""
    if source is not None and not prep.rotated and source.mode in ("RGB", "RGBA", "P", "CMYK"):
        from PIL import ImageOps

        colour = ImageOps.exif_transpose(source)  # (cropped before it is turned RGB: the same pixels)
        k = colour.height / prep.image.height
        if abs(colour.width / prep.image.width - k) < 0.01:
            return colour.crop((0, round(top * k), colour.width, round(bottom * k))).convert("RGB")
    return prep.image.crop((0, top, prep.image.width, bottom)).convert("RGB")


# the header bands the second recogniser reads, as text heights above and below the slots' lines: its
# detector finds a handwritten number or day in one band and not in another ("S6:74/GM-UBND" in the
# taller band, nothing in the slot in the narrow one), so a slot the first leaves unread is read again
SECOND_BANDS = (2, 5)


def _second_look(prep: Prepared, number_cell: _Cell | None, date_cell: _Cell | None, review: list[str],
                 source: Image.Image | None = None, first_reads: dict[str, str] | None = None,
                 check_day: bool = False) -> None:
    """Slots still unread after the digit re-reads: the second recogniser reads the header band
    (its detector finds the handwritten digits where they stand, above or across the printed line)
    and its lines are parsed with the same grammar ("Số: 61/SKH-TH", "ngày 31 tháng 01 năm 2012",
    marks or not), handwritten digits read back from the letters it takes them for. A value found so
    stays flagged for review; one that contradicts what Tesseract read is not taken. A slot no line of
    the band holds (or only as letters that are no digits) is looked for again in a taller band.

    ``first_reads``: what Tesseract first read in the number slot ("443?"), for the digit count;
    ``check_day``: a one-digit day Tesseract read is checked too."""
    engine = _second_reader()
    cells = [c for c in (number_cell, date_cell) if c is not None and c.words]
    if not engine or not cells:
        return
    import numpy as np

    height = max(w.bottom - w.top for c in cells for w in c.words)
    # (a slot the band's lines could not fill is not looked for: a number cell without its symbol, a
    # date cell without its keywords or year; the detector is most of a page's CPU time)
    want_number = number_cell is not None and "number" in review and bool(_number_key(number_cell))
    want_date = (date_cell is not None and bool({"day", "month"} & set(review) or check_day)
                 and _DATE_CELL.search(date_cell.text) is not None
                 and re.search(r"năm\s*\d{4}", date_cell.text, re.IGNORECASE) is not None)
    for margin in SECOND_BANDS:
        if not want_number and not want_date:
            return
        top = max(0, min(w.top for c in cells for w in c.words) - margin * height)
        bottom = min(prep.image.height, max(w.bottom for c in cells for w in c.words) + margin * height)
        try:  # (no angle classifier: the page is upright, and it costs half the time)
            found, _ = engine(np.array(_band_image(prep, source, top, bottom)), use_cls=False)
        except Exception:
            return
        texts = _band_lines(found or [])
        if want_number:
            want_number = not _number_from_band(number_cell, texts, first_reads)
        if want_date:
            want_date = not _date_from_band(date_cell, texts, review, check_day)


def _number_key(number_cell: _Cell) -> str:
    """The first letters of the number's symbol ("GM" of "/GM-UBND"), by which a band's line is known
    to hold the number; "" when the cell has none."""
    from pipeline.read.normalise import fold

    m = _NUMBER_CELL.match(number_cell.text.strip())
    first = re.match(r"[/-]\s*(?:\d{4}\s*/\s*)?([A-Za-z]+)", fold(m["sym"])) if m else None
    return first[1][:3] if first else ""


def _number_from_band(number_cell: _Cell, texts: list[str], first_reads: dict[str, str] | None) -> bool:
    """The number slot read from the band's lines; False when no line holds it as digits (another band
    may), True when it was decided: a value taken, or the readings disagree and it is left for a person."""
    m = _NUMBER_CELL.match(number_cell.text.strip())
    key = _number_key(number_cell)
    if not key:
        return True
    tess = re.sub(r"\s", "", (first_reads or {}).get("number", ""))
    voted = m["num"].strip()
    for t in texts:
        # the whole slot between "Số:" and the symbol must read as digits ("S6:ZJ8/STTTT" is not 8,
        # "S6:&75/GM-UBND" is not 75: "&" is a handwritten 2 or 8)
        n = re.search(rf"S[o6][:;.,]?(\S{{1,6}}?)[/-]{key}", t, re.IGNORECASE)
        if not n:
            continue
        value = _handwritten_digits(n[1])
        if not value or not 0 < int(value) <= 99999 or not _register_shape(value):
            if voted and len(n[1]) > len(voted):
                number_cell.text = f"{_SO} {m['sym']}"  # it saw more in the slot than the vote's digits
                return True
            return bool(value)  # letters that are no digits: another band may read the slot
        # a letter read as the number's first digit may be two strokes merged (a number one digit
        # short): taken only when Tesseract saw as many characters in the slot
        if not n[1][0].isdigit() and len(tess) != len(value):
            if voted and len(value) > len(voted):
                # it saw more in the slot than the vote's digits ("A56" against "56"): the vote read
                # part of the number, which is left for a person
                number_cell.text = f"{_SO} {m['sym']}"
            return True
        if len(re.sub(r"[_.,:;'\"`~–—]", "", re.split(r"[-/⁄]", tess)[0])) > len(value):
            # Tesseract saw more characters in the slot than the band has digits ("53}" where the
            # band reads "53" of a handwritten 534; the slot's dotted line, "3Ÿ_", is no character):
            # the band dropped one; left for a person
            number_cell.text = f"{_SO} {m['sym']}"
            return True
        if voted and voted != value:
            # the slot's re-reads saw part of the number ("#45" re-read "45" where the band reads
            # "745"): the band's reading stands when it is as long as what Tesseract first saw;
            # else the readings disagree and the slot is left for a person
            value = value if value.endswith(voted) and len(value) == len(tess) else ""
        number_cell.text = f"{_SO} {value}{m['sym']}".replace("  ", " ")
        return True
    return False


def _date_from_band(date_cell: _Cell, texts: list[str], review: list[str], check_day: bool) -> bool:
    """The date's day and month read from the band's lines; False when no line holds them as digits."""
    m = _DATE_CELL.search(date_cell.text)
    year = re.search(r"năm\s*(\d{4})", date_cell.text, re.IGNORECASE)
    if not m or not year:
        return True
    for t in texts:
        # (a box cut inside "tháng" repeats its first letter: "ngay30t" | "thang 3 nam 2020"; a stroke
        # beside a letter doubles it: "12nnam2011"; a pen's lead-in before the day reads as a colon:
        # "ngay:08thang4")
        d = re.search(rf"ngay[:;]?(.{{1,3}}?)[.,]?t?thang(.{{1,3}}?)[.,]?n{{1,2}}am{year[1]}", t, re.IGNORECASE)
        if not d:
            continue
        day, month = _handwritten_digits(d[1]), _handwritten_digits(d[2])
        printed_day, printed_month = m["day"].strip(), m["month"].strip()
        if not day or not month:
            return False  # letters that are no digits: another band may read the slots
        if (printed_day and printed_day != day.lstrip("0") and printed_day != day
                and not (len(printed_day) == 1 and day.startswith(printed_day))) or \
                (printed_month and printed_month.lstrip("0") != month.lstrip("0")):
            return True  # the two readings disagree: leave the slots for a person
        # the second recogniser drops a handwritten "1" ("12" read "2"): a one-digit day it alone
        # reads is not taken; a one-digit day Tesseract read is the first digit of its two
        if len(day) != 2:
            return False  # a taller band may read the day whole
        if 1 <= int(day) <= 31 and 1 <= int(month) <= 12:
            t0 = date_cell.text
            date_cell.text = (t0[:m.start("day")] + f" {day} " + t0[m.end("day"):m.start("month")]
                              + f" {month} " + t0[m.end("month"):])
            date_cell.text = re.sub(r"\s{2,}", " ", date_cell.text)
            if printed_day and printed_day != day.lstrip("0") and "day" not in review:
                review.append("day")
        return True
    return False


def _char_width(cell: _Cell) -> float:
    """Average printed character width on the cell's line, from its confidently read words."""
    good = [w for w in cell.words if w.conf >= 80 and len(w.text) >= 2] or cell.words
    return sum(w.right - w.left for w in good) / max(1, sum(len(w.text) for w in good))


# the date line's keywords as OCR garbles them next to handwriting ("ngàu A3-thàng 03", "ngàyO(hángQ1")
_KEY_VARIANTS = {"ngày": re.compile(r"ng[aàáảãạ][yuýỳỷỵ]", re.IGNORECASE),
                 "tháng": re.compile(r"(?:t|(?<=\S)[f(])h[aàáảãạ]ng", re.IGNORECASE)}
_LOOSE_DATE_CELL = re.compile(
    r"^(?P<place>[^,\d]{2,40},\s*)(?P<kw>ng[aàáảãạ][yuýỳỷỵ])(?P<day>.{0,6}?)(?P<kw2>(?:t|(?<=\S)[f(])h[aàáảãạ]ng)"
    r"(?P<month>.{0,5}?)(?P<kw3>n[ăaắằẳẵặâấầ]m)\s*(?P<year>(?:19|20)\d\d)\W*$", re.IGNORECASE)


# the date line whose "ngày" and day OCR lost to a stroke, a scrap of letters left in their place
_LOST_DAY_CELL = re.compile(r"^(?P<place>[^,\d]{2,40},\s*)[^\W\d_]{1,3}\s+(?:t|(?<=\S)[f(])h[aàáảãạ]ng\s*"
                            r"(?P<month>\d{1,2})\s*n[ăaắằẳẵặâấầ]m\s*(?P<year>(?:19|20)\d\d)\W*$", re.IGNORECASE)


def _respell_date_keywords(cell: _Cell) -> None:
    """A header cell shaped as the date line whose keywords OCR garbled beside the handwritten day
    ("Đà Nẵng, ngàu A3-thàng 03 năm 2022") gets them back, so its slots are read as any date line's."""
    if _DATE_CELL.search(cell.text):
        return
    m = _LOOSE_DATE_CELL.match(cell.text.strip())
    if m:
        day, month = m["day"].strip(" -"), m["month"].strip(" -")
        cell.text = f"{m['place']}ngày {day} tháng {month} năm {m['year']}".replace("  ", " ")
        return
    lost = _LOST_DAY_CELL.match(cell.text.strip())
    if lost:
        # "Bắc Giang, by tháng 3 năm 2012": a rule of the scanner's glass through "ngày" and the
        # handwritten day left a scrap of letters; the day is unread (the band may read it)
        cell.text = f"{lost['place']}ngày tháng {lost['month']} năm {lost['year']}"


def _key_at(text: str, key: str, last: bool = False) -> tuple[int, int] | None:
    """(index, length) of a printed keyword in an OCR word, spelt right or as OCR garbles it."""
    i = text.lower().rfind(key.lower()) if last else text.lower().find(key.lower())
    if i >= 0:
        return i, len(key)
    found = list(_KEY_VARIANTS[key].finditer(text)) if key in _KEY_VARIANTS else []
    if not found:
        return None
    hit = found[-1] if last else found[0]
    return hit.start(), hit.end() - hit.start()


def _edge_after(cell: _Cell, key: str, cw: float) -> int | None:
    """x just right of the printed ``key`` (which may be glued to junk in one OCR word)."""
    for w in cell.words:
        at = _key_at(w.text, key)
        if at is not None:
            i, n = at
            if i == 0 and n == len(w.text) and w.right - w.left < 1.3 * n * cw:
                return w.right
            return round(w.left + (i + n) * cw)
    return None


def _edge_before(cell: _Cell, key: str, cw: float) -> int | None:
    """x just left of the printed ``key``."""
    for w in cell.words:
        at = _key_at(w.text, key, last=True)
        if at is not None:
            i, n = at
            if i == 0 and n == len(w.text) and w.right - w.left < 1.3 * n * cw:
                return w.left
            return round(w.right - (len(w.text) - i) * cw)
    return None


def _slot_box(prep: Prepared, cell: _Cell, before: str, after: str) -> tuple[int, int, int, int] | None:
    """The page box of what stands between two printed pieces of a cell (a number, a day)."""
    cw = _char_width(cell)
    x0, x1 = _edge_after(cell, before, cw), _edge_before(cell, after, cw)
    top, bottom = min(w.top for w in cell.words), max(w.bottom for w in cell.words)
    if x0 is None or x1 is None or x1 - x0 < cw:
        return None
    pad = (bottom - top) // 3  # handwriting rises above and sinks below the printed line
    x0, x1, top, bottom = x0 + 0.2 * cw, x1 - 0.2 * cw, top - pad, bottom + pad
    if prep.skew_angle and not prep.rotated:  # boxes were straightened, the image was not
        size = prep.image.size
        cx, cy = _turn((x0 + x1) / 2, (top + bottom) / 2, -prep.skew_angle, (size[0] / 2, size[1] / 2))
        x0, x1, top, bottom = cx - (x1 - x0) / 2, cx + (x1 - x0) / 2, cy - (bottom - top) / 2, cy + (bottom - top) / 2
    return (max(0, round(x0)), max(0, round(top)), min(prep.image.width, round(x1)),
            min(prep.image.height, round(bottom)))


def _no_ink(prep: Prepared, box: tuple[int, int, int, int] | None, cell: _Cell) -> bool:
    """Whether a slot of the form holds no ink at all: printed blank (a draft, a copy not yet
    numbered or dated), not handwriting OCR missed. The slot must be wide (a blank left for writing
    is several characters wide; a narrow one is print the handwriting crowded). Ink is anything
    clearly darker than the paper around it — coloured ink turned light grey included — after specks
    (a photocopy's dust, grain) are opened away; a pen stroke is several pixels wide and stays."""
    from PIL import ImageFilter

    if box is None or box[2] - box[0] < 1.5 * _char_width(cell) or box[3] - box[1] < 4:
        return False
    # the slot's middle: its edges are estimated from character widths and may take in a piece of the
    # print beside it ("/" of the symbol) or of the lines above and below; a number written there
    # crosses the middle
    x0, y0, x1, y1 = box
    dx, dy = (x1 - x0) // 5, (y1 - y0) // 5
    crop = prep.image.crop((x0 + dx, y0 + dy, x1 - dx, y1 - dy)).convert("L")
    crop = crop.filter(ImageFilter.MaxFilter(3)).filter(ImageFilter.MinFilter(3))
    hist = crop.histogram()
    total = crop.width * crop.height
    seen, paper = 0, 255
    for level in range(255, -1, -1):  # the paper: the level the lightest half of the slot reaches
        seen += hist[level]
        if seen >= 0.5 * total:
            paper = level
            break
    ink = sum(hist[:max(0, paper - 40)])
    return ink < 0.003 * total


# what a form prints in a slot left for writing: dots or a rule ("ngày ... tháng", "Số: ..../KH")
_LEADER = re.compile(r"[.…_·,:]+")


def _only_leader(prep: Prepared, box: tuple[int, int, int, int] | None, cell: _Cell) -> bool:
    """Whether the slot holds no ink but a leader on the line's foot: the dots or rule a form prints
    where the day or the number is to be written, as OCR read them. Writing over the leader rises
    above it, so any ink higher than the lower part of the print's height is taken for writing."""
    from PIL import ImageFilter

    if box is None or box[2] - box[0] < 4 or box[3] - box[1] < 4:
        return False
    height = max(w.bottom for w in cell.words) - min(w.top for w in cell.words)
    foot = max(w.bottom for w in cell.words) - 0.45 * height  # the ink of a leader stays below this
    crop = prep.image.crop(box).convert("L").filter(ImageFilter.MaxFilter(3)).filter(ImageFilter.MinFilter(3))
    hist = crop.histogram()
    total = crop.width * crop.height
    seen, paper = 0, 255
    for level in range(255, -1, -1):
        seen += hist[level]
        if seen >= 0.5 * total:
            paper = level
            break
    dark = max(0, paper - 40)
    ink_rows = [y for y in range(crop.height)
                if sum(crop.crop((0, y, crop.width, y + 1)).histogram()[:dark]) > 2]
    return not ink_rows or box[1] + ink_rows[0] >= foot


def _no_room(cell: _Cell, before: str, after: str) -> bool:
    """Whether the printed pieces around a slot stand closer than a character's width ("Số: /KH-UBND"):
    nothing was written between them."""
    cw = _char_width(cell)
    x0, x1 = _edge_after(cell, before, cw), _edge_before(cell, after, cw)
    return x0 is not None and x1 is not None and x1 - x0 < cw


def _unsure_digits(cell: _Cell, value: str, least: float = MIN_PRINTED_CONF) -> bool:
    """Whether the words that hold a slot's digits were read with low confidence: handwriting that
    Tesseract took for print ("09" written by hand read "22" at 48; printed numbers read 68-96)."""
    confs = [w.conf for w in cell.words if re.sub(r"\D", "", w.text) == value]
    return bool(confs) and min(confs) < least


def _recheck(prep: Prepared, box: tuple[int, int, int, int] | None, value: str, low: int, high: int,
             max_len: int = 5) -> tuple[str | None, bool]:
    """A slot whose digits Tesseract read with low confidence, voted on again: its reading stands only
    when the vote gives the same digits; a vote both readers agree on replaces it; anything else leaves
    the slot unread (a wrong number is worse than one left for a person)."""
    voted, sure = _vote(prep, box, low, high, max_len)
    if voted is None:
        return None, False
    if voted.lstrip("0") == value.lstrip("0"):
        return value, sure
    return (voted, False) if sure else (None, False)


# a number glued to junk and no separator before the symbol ("Số: 443? BDH" for a handwritten
# "1139/BĐH"): the digits are not a reading of the slot
_NUMBER_NO_SEP = re.compile(r"^S[ốôóòồổỗộoơ6]\s*[:;.]?\s*(?P<num>\S*\d\S*[^\w\s/-])\s+(?P<sym>[A-ZĐ]{2,}[\wĐđ-]*)\W*$")


def _fix_number(prep: Prepared, cell: _Cell, review: list[str], blank: list[str]) -> None:
    m = _NUMBER_CELL.match(cell.text.strip())
    if not m:
        glued = _NUMBER_NO_SEP.match(cell.text.strip())
        if glued:
            cell.text = f"{_SO} {glued['sym']}"
            review.append("number")
        return
    printed = re.fullmatch(r"\d{1,5}", m["num"]) is not None
    if printed and not _unsure_digits(cell, m["num"], MIN_PRINTED_NUMBER_CONF):
        return
    sym = m["sym"].replace(" ", "")
    before = ":" if ":" in m["prefix"] else m["prefix"][:2]
    num = m["num"]
    if re.fullmatch(_TYPE_ABBR, num) and sym.startswith("-"):
        # "Số: /KH-UBND" read "Số: KH-UBND": the slash lost, the type taken for the number; the slot
        # stands before the type
        cw, typed = _char_width(cell), next((w for w in cell.words if w.text.startswith(num)), None)
        x0 = _edge_after(cell, before, cw)
        if typed is not None and x0 is not None and typed.left - x0 < 1.5 * cw:  # room for the slash only
            cell.text = f"{_SO} /{num}{sym}"
            blank.append("number")
            return
        box, num, sym = _slot_box(prep, cell, before, num[:3]), "", "/" + num + sym
    elif "/" not in sym:  # junk ran into the symbol: where the number ends is unknown
        review.append("number")
        return
    else:
        box = _slot_box(prep, cell, before, sym[:3])
    if printed:
        value, sure = _recheck(prep, box, m["num"], 1, 99999)
        cell.text = f"{_SO} {value or ''}{m['sym']}"
        if not sure:
            review.append("number")
        return
    if (_no_ink(prep, box, cell) or box is None and not num and _no_room(cell, before, sym[:3])
            or _LEADER.fullmatch(num) and _only_leader(prep, box, cell)):
        cell.text = f"{_SO} {num if _LEADER.fullmatch(num) else ''}{sym}"
        blank.append("number")
        return
    value, sure = _vote(prep, box, 1, 99999)
    if value:
        cell.text = f"{_SO} {value}{sym}"
        if not sure:
            review.append("number")
        return
    cell.text = f"{_SO} {sym}"
    review.append("number")


def _fix_date(prep: Prepared, cell: _Cell, review: list[str], blank: list[str]) -> None:
    m = _DATE_CELL.search(cell.text)
    if not m:
        return
    text = cell.text
    for slot, before, after, high in (("month", "tháng", "năm", 12), ("day", "ngày", "tháng", 31)):
        value = m[slot]
        if re.fullmatch(r"\d{1,2}", value) and 1 <= int(value) <= high:
            if not _unsure_digits(cell, value):
                continue
            new, sure = _recheck(prep, _slot_box(prep, cell, before, after), value, 1, high, max_len=2)
            if not sure:
                review.append(slot)
            text = text[:m.start(slot)] + (new or "") + text[m.end(slot):]
            m = _DATE_CELL.search(text)
            if not m:
                break
            continue
        box = _slot_box(prep, cell, before, after)
        if _no_ink(prep, box, cell) or _LEADER.fullmatch(value) and _only_leader(prep, box, cell):
            new = value if value and _LEADER.fullmatch(value) else ""
            blank.append(slot)
        else:
            new, sure = _vote(prep, box, 1, high, max_len=2)
            new = new or ""
            if not sure:
                review.append(slot)
        text = text[:m.start(slot)] + new + text[m.end(slot):]
        m = _DATE_CELL.search(text)  # offsets moved
        if not m:
            break
    cell.text = re.sub(r"\s{2,}", " ", text)


# ---------------------------------------------------------------------------------------------
# The signer's name under the seal and the signature

# a line of the signature column: the authority ("KT. GIÁM ĐỐC") or a signer's title ("PHÓ CHỦ TỊCH"),
# matched folded (OCR's wrong marks) and in capitals
_SIGNER_TITLE = re.compile(
    r"^\W{0,6}(?:(?:tm|kt|tl|tuq|t/m|k/t|t/l)\s*[./:]\s*)?(?:pho\s+)?(?:chu\s+tich|giam\s+doc|hieu\s+truong|"
    r"truong\s+(?:ban|phong|khoa|doan|tram)|(?:vien|cuc|vu|bo|thu|chi\s+cuc)\s+truong|bi\s+thu|chanh\s+van\s+phong|"
    r"chanh\s+thanh\s+tra|chu\s+nhiem|tong\s+bien\s+tap|ban\s+(?:chap\s+hanh|thuong\s+vu|dieu\s+hanh|chi\s+dao)|"
    r"uy\s+ban\s+nhan\s+dan|hoi\s+dong)\b")
# (a stroke of the signature may be read glued after its colon: "Nơi nhận:z#+~"; the capital N, at the
# edge of a photographed page, may be lost: "ơi nhận:")
_NOI_NHAN_CELL = re.compile(r"^N?[ơo]i\s*nh[ậa]n\s*(?:[:.]\S{0,4})?$", re.IGNORECASE)
_NAME_GAP = 14  # the name stands at most this many text heights under the last title line
_NAME_STRAY = "“”\"'`‘’„|_~-–—:;,.*/\\()[]{}<>«»"
_RANK = re.compile(r"^(?:PGS|GS|TS|ThS|Ths|BS|BSCKI|BSCKII|KS|CN|Đ/c)\.?$")


def _name_in(text: str) -> str | None:
    """The signer's name a (possibly garbled) OCR line ends with: a family name of the closed set,
    then one to four capitalised Vietnamese syllables ("D tình “Ñguyến Đức Kha" -> "Nguyễn Đức Kha").
    The family name is the first word of the line's last run of capitalised syllables, or the letters
    that end the token before that run (a stroke's junk glued to it: "“Ñguyến"); a given name that
    spells a family name ("Thị Lê Hảo") is not taken for one, and a line whose name lost its family
    name to the strokes ("X3 xgố rến Văn Diệu", "bã Thị Lề Hảo") gives none."""
    from pipeline.read.vietnamese import family_name, is_syllable

    words = [w.strip(_NAME_STRAY) for w in text.split()]
    k = len(words)
    while k > 0 and (w := words[k - 1])[:1].isupper() and (len(w) == 1 or w[1:].islower()) and w.isalpha() \
            and is_syllable(w):
        k -= 1
    run = words[k:]
    if run and (surname := family_name(run[0])) and 2 <= len(run) <= 5:
        return " ".join([surname, *run[1:]])
    tail = re.search(r"[^\W\d_]{2,}$", words[k - 1]) if k > 0 and 1 <= len(run) <= 4 else None
    if tail and tail.start() > 0 and len(tail[0]) < 5:
        tail = None  # a short family name glued to junk ("xLê") is too easily made of strokes
    # (in title case: a word in capitals is the seal's or a heading's, "THƯƠNG No" is no name)
    if tail and tail[0][:1].isupper() and tail[0][1:].islower() and (surname := family_name(tail[0], misread=True)):
        return " ".join([surname, *run])
    return None


def _dark_print(image: Image.Image) -> Image.Image | None:
    """Only the darkest ink kept: on a grey scan the seal and the signature are lighter than the
    print (blue and red in the paper copy); None when the crop is black and white already."""
    import numpy as np

    a = np.asarray(image.convert("L"))
    mid = ((a > 70) & (a < 180)).mean()
    ink = (a <= 70).mean()
    if mid < 0.2 * max(ink, 1e-6) or mid < 0.002:
        return None  # no grey strokes to drop (a bitonal scan)
    return Image.fromarray(np.where(a < 90, 0, 255).astype(np.uint8))


def _thin_strokes_dropped(image: Image.Image) -> Image.Image:
    """A signature's pen strokes and a seal's thin ring are thinner than bold print: an opening
    (ink eroded, then grown back) drops them and keeps the print."""
    from PIL import ImageFilter

    return image.convert("L").filter(ImageFilter.MaxFilter(3)).filter(ImageFilter.MinFilter(3))


def _title_in(text: str) -> str | None:
    """The authority or title line a (possibly garbled) OCR line of the signature column holds, from
    where the title starts ("_——..GIÁM ĐÓC" -> "GIÁM ĐÓC"); what stands before it must be marks of a
    stroke, without a letter or digit ("V20 là HIỆU TRƯỞNG" is an authority whose "KT." OCR garbled,
    not the position "HIỆU TRƯỞNG")."""
    from pipeline.read.normalise import fold

    title = _title_at(text, fold(text))
    if title is None:
        # a title word OCR broke in two under the seal's ring ("TL. HI EU TRƯỜNG"): joined again when
        # neither piece is a title word and the two together are
        words = text.split()
        for k in range(len(words) - 1):
            a, b = fold(words[k]).lower(), fold(words[k + 1]).lower()
            if a.isalpha() and b.isalpha() and a not in _TITLE_WORDS and b not in _TITLE_WORDS \
                    and a + b in _TITLE_WORDS and words[k].isupper() and words[k + 1].isupper():
                joined = " ".join([*words[:k], words[k] + words[k + 1], *words[k + 2:]])
                return _title_at(joined, fold(joined))
        title = _title_near(text, fold(text))
    return title


# the titles _SIGNER_TITLE knows, folded, long enough to be told from a seal's words by spelling
_TITLES = ["chu tich", "giam doc", "hieu truong", "truong ban", "truong phong", "truong khoa", "truong doan",
           "truong tram", "vien truong", "cuc truong", "vu truong", "bo truong", "thu truong", "chi cuc truong",
           "chanh van phong", "chanh thanh tra", "chu nhiem", "tong bien tap"]


def _title_near(text: str, folded: str) -> str | None:
    """A title with one letter OCR misread under the seal's ring ("„-EHÁNH THANH TRA" for "CHÁNH THANH
    TRA"): a title of ten letters or more spelt but for one letter in ten (a shorter one, or two letters
    off, is as near to a seal's words: "TRƯỜNG ĐẠI HỌC" is not "TRƯỞNG ĐOÀN"), in capitals, after
    nothing but marks. The footer respells it."""
    from rapidfuzz import fuzz

    m = re.search(r"[^\W\d_]", folded)
    if m is None or re.search(r"[^\W_]", text[:m.start()]):
        return None
    rest = folded[m.start():].lower()
    words = rest.split()
    for title in _TITLES:
        n = len(title.split())
        head = " ".join(re.sub(r"^pho\s+", "", " ".join(words)).split()[:n])
        if len(title) >= 10 and len(words) >= n and fuzz.ratio(title, head) >= 90:
            title_text = text[m.start():].strip()
            letters = [ch for ch in title_text if ch.isalpha()]
            if sum(ch.isupper() for ch in letters) >= 0.8 * len(letters):
                return title_text.rstrip(" |:;,._-—")
    return None


# the words of the titles _SIGNER_TITLE knows, folded
_TITLE_WORDS = {"chu", "tich", "giam", "doc", "hieu", "truong", "ban", "phong", "khoa", "doan", "tram", "vien",
                "cuc", "bi", "thu", "chanh", "van", "thanh", "tra", "nhiem", "tong", "bien", "tap", "pho"}


def _title_at(text: str, folded: str) -> str | None:
    for m in re.finditer(r"(?<![^\W\d_])[^\W\d_]", folded):
        if _SIGNER_TITLE.match(folded[m.start():]):
            lead, title = text[:m.start()], text[m.start():].strip()
            letters = [ch for ch in title if ch.isalpha()]
            if re.search(r"[^\W_]", lead) or sum(ch.isupper() for ch in letters) < 0.8 * len(letters):
                return None
            return title.rstrip(" |:;,._-—")
        if m.start() > 12:
            break
    return None


def _signature_reread(prep: Prepared, rows: list[list[_Cell]], width: int,
                      height: int, first_page: bool = True) -> tuple[list[_Cell], int] | None:
    """The signer's name, and the title lines, when Tesseract's page reading lost them under the seal
    and the signature (page segmentation takes the block for a picture): the signature column is
    read again as one block of text (``--psm 6``), as it is, with only its darkest ink, and with thin
    strokes dropped, until a line ends with a name (:func:`_name_in`).

    The column is the one under the last title line read; when none was read, the one beside
    "Nơi nhận" (from a little above it), and then its title lines are taken too. On the first page
    the top third is the header's; on a later page the block may stand at its top (a plan's last
    lines and its signatures carried over alone).
    Returns the cells found and the index of the row from which they belong."""
    from pipeline.read.normalise import fold

    anchor, beside = None, False
    for i, row in enumerate(rows):
        for c in row:
            top = min(w.top for w in c.words)
            if top < 0.35 * height and first_page:
                continue
            t = c.text.strip()
            letters = [ch for ch in t if ch.isalpha()]
            if min(w.left for w in c.words) >= 0.4 * width and letters and \
                    sum(ch.isupper() for ch in letters) >= 0.8 * len(letters) and _SIGNER_TITLE.match(fold(t)):
                anchor, beside = (i, c), False
            elif anchor is None and c is row[0] and _NOI_NHAN_CELL.match(t) and c.words[-1].right < 0.4 * width:
                # no title line was read either (the block lost to the seal): the signature column
                # starts beside "Nơi nhận"
                anchor, beside = (i, _Cell([replace(w, left=round(0.55 * width), right=round(0.85 * width))
                                            for w in c.words], "")), True
    if anchor is None:
        return None
    i0, title = anchor
    h = statistics.median(w.height for w in title.words)
    bottom = max(w.bottom for w in title.words)
    end = min(height, round(bottom + _NAME_GAP * h))
    name_read = False
    for row in rows[i0 + 1:]:
        for c in row:
            if min(w.top for w in c.words) > end or (c.words[0].left + c.words[-1].right) / 2 < 0.4 * width:
                continue
            name = _name_in(c.text)
            if name:  # the name was read, maybe after strokes read as letters ("D tình “Ñguyến Đức Kha")
                if c.words[0].left >= 0.4 * width:
                    c.text = name
                name_read = True
                end = min(end, min(w.top for w in c.words))
    if name_read and not beside:
        return None
    centre = (min(w.left for w in title.words) + max(w.right for w in title.words)) / 2
    half = max(0.22 * width, (max(w.right for w in title.words) - min(w.left for w in title.words)))
    x0, x1 = max(round(0.4 * width), round(centre - half)), min(width, round(centre + half))
    y0 = round(min(w.top for w in title.words) - 2 * h) if beside else round(bottom + 0.3 * h)
    if end - y0 < 3 * h:
        return None
    cx, cy = (x0 + x1) / 2, (y0 + end) / 2
    if prep.skew_angle and not prep.rotated:  # the boxes were straightened, the image was not
        cx, cy = _turn(cx, cy, -prep.skew_angle, (width / 2, height / 2))
    box = (max(0, round(cx - (x1 - x0) / 2)), max(0, round(cy - (end - y0) / 2)),
           min(width, round(cx + (x1 - x0) / 2)), min(height, round(cy + (end - y0) / 2)))
    crop = prep.image.crop(box)
    titles: list[_Cell] = []
    name_cell = None
    for view in (crop, _dark_print(crop), _thin_strokes_dropped(crop)):
        if view is None:
            continue
        data = _run_tesseract(pytesseract.image_to_data, view, prep.dpi, "--psm 6", LANG,
                              output_type=pytesseract.Output.DICT)
        lines: dict[tuple[int, int, int], list[Word]] = {}
        for k, text in enumerate(data["text"]):
            text = unicodedata.normalize("NFC", (text or "").strip())
            if text and float(data["conf"][k]) >= 0:
                left, top = int(data["left"][k]) + box[0], int(data["top"][k]) + box[1]
                lines.setdefault((data["block_num"][k], data["par_num"][k], data["line_num"][k]), []).append(
                    Word(text, left, top, left + int(data["width"][k]), top + int(data["height"][k]),
                         float(data["conf"][k]), (-1, 0, len(lines))))
        found_titles: list[_Cell] = []
        above = False  # a line with letters read above the first title line
        for ws in sorted(lines.values(), key=lambda ws: min(w.top for w in ws)):
            text = " ".join(w.text for w in ws)
            name = _name_in(text) if not name_read and name_cell is None else None
            kept = [w for w in ws if w.text.strip(_NAME_STRAY)][-len(name.split()):] if name else []
            # (the given names read surely: strokes read as a name are read unsurely)
            if name and kept and statistics.fmean(w.conf for w in kept[1:] or kept) >= 40:
                name_cell = _Cell(kept, name)
                break
            # (the block's title lines stand level with "Nơi nhận" or just under it, above the seal)
            t = _title_in(text) if beside and not titles and min(w.top for w in ws) <= bottom + 3 * h else None
            if t and not above:
                n = len(t.split())
                found_titles.append(_Cell([w for w in ws if w.text.strip(_NAME_STRAY)][-n:], t))
            elif not found_titles and len(re.findall(r"[^\W\d_]", text)) >= 2:
                # letters over the block's first title: a garbled authority ("bat." for "TL.") may stand
                # there, and the head's title under it is then the authority's, not the position
                above = True
        titles = titles or found_titles
        if (name_read or name_cell) and (titles or not beside):
            break
    cells = [*titles, *([name_cell] if name_cell else [])]
    if prep.skew_angle and not prep.rotated:
        for c in cells:
            c.words = _straighten(c.words, prep.skew_angle, (width, height))
    return (cells, i0) if cells else None


def _put_signature_cell(rows: list[list[_Cell]], cell: _Cell, start: int, width: int) -> None:
    """A cell read again in the row it stands on (in place of what OCR read there from the strokes),
    or as a row of its own."""
    top, bottom = min(w.top for w in cell.words), max(w.bottom for w in cell.words)
    left = min(w.left for w in cell.words)
    for i in range(start, len(rows)):
        row = rows[i]
        rt, rb = min(w.top for c in row for w in c.words), max(w.bottom for c in row for w in c.words)
        if min(rb, bottom) - max(rt, top) > 0.5 * (bottom - top):
            kept = [c for c in row if max(w.right for w in c.words) < left - 0.02 * width]
            rows[i] = [*kept, cell]
            return
        if rt > top:
            rows.insert(i, [cell])
            return
    rows.append([cell])


# ---------------------------------------------------------------------------------------------
# Public API


def _frac(v: float, total: int) -> float:
    return round(min(1.0, max(0.0, v / total)), 4)


def ocr_page_image(image: Image.Image, page_number: int, *, dpi: int | None = None,
                   psm: int = PSM, lang: str = LANG, preprocess: bool = True,
                   cleanup_memo: dict | None = None) -> RawPage:
    """OCR one page image into a RawPage of lines of cells (x0/x1 fractions of the page width).

    ``cleanup_memo``: one dict per document, so later pages reuse the clean-up the first one chose."""
    prep = prepare(image, dpi, deskew=preprocess, denoise=preprocess, upscale=preprocess)
    cleaned = None
    if preprocess and os.environ.get("KEHOACH_OCR_CLEANUP", "1") != "0":  # "0": read pages as they are
        prep, cleaned = _clean_up(prep, lang, cleanup_memo)
    words = _untangle(prep, _words(prep, psm, lang), lang)
    if (len(words) < SPARSE_WORDS and cleaned and cleaned["ailments"] and not cleaned["scores"]
            and cleaned["chosen"] != "background"):
        # the document's choice, made on its first page, kept here untried: a page mostly paper (the
        # signature page of a grey copy) defeats Tesseract's own global threshold and loses lines or
        # all of them, so it is read again with the paper divided out and the fuller reading kept
        again = replace(prep, image=cleanup.CANDIDATES["background"](prep.image))
        more = _untangle(again, _words(again, psm, lang), lang)
        if sum(w.conf for w in more) > sum(w.conf for w in words):
            prep, words = again, more
            cleaned = {**cleaned, "chosen": "background", "reason": "a sparse page read better so"}
    width, height = prep.image.size
    if prep.skew_angle and not prep.rotated:
        words = _straighten(words, prep.skew_angle, prep.image.size)
    # ruled tables are read by their grid (scan_tables.py); their words leave the row layout
    tables = find_tables(prep.image, prep.dpi, 0.0 if prep.rotated else prep.skew_angle)
    layout, header_end = _layout(split_words(words, tables, prep.dpi) if tables else words, width, height)
    rows = [[_Cell(ws, " ".join(w.text for w in ws)) for ws in cells] for cells in layout]
    for row in rows:
        for cell in row:
            cell.text = repair_ocr_line(cell.text)
    firsts = repair_heading_numbers([row[0].text for row in rows])
    for row, first in zip(rows, firsts, strict=True):
        row[0].text = first

    review: list[str] = []
    blank: list[str] = []  # slots of the number and date printed blank (no ink in them)
    header = rows[:header_end]
    number_cell = next((c for r in header for c in r if _NUMBER_LINE.search(c.text)), None)
    first_reads: dict[str, str] = {}
    if number_cell:
        n = _NUMBER_CELL.match(number_cell.text.strip())
        first_reads["number"] = n["num"] if n else ""
        _fix_number(prep, number_cell, review, blank)
    for r in header:
        for c in r:
            _respell_date_keywords(c)
    date_cell = next((c for r in header for c in r if _DATE_CELL.search(c.text)), None)
    if date_cell:
        _fix_date(prep, date_cell, review, blank)
    # a one-digit day may be a handwritten two-digit day with its "1" or second digit lost ("16" read "1")
    short_day = date_cell is not None and bool(re.search(r"ngày\s*\d\s*tháng", date_cell.text, re.IGNORECASE))
    if (review or short_day) and (number_cell or date_cell):
        _second_look(prep, number_cell, date_cell, review, image, first_reads, check_day=short_day)

    reread = None
    if preprocess:
        signature = _signature_reread(prep, rows, width, height, first_page=page_number == 1)
        for cell in signature[0] if signature else []:
            _put_signature_cell(rows, cell, signature[1], width)
            if _name_in(cell.text):
                reread = cell.text

    lines = []
    for row in rows:
        cells = [RawCell(c.text, _frac(c.words[0].left, width), _frac(max(w.right for w in c.words), width))
                 for c in row if c.text.strip()]
        if cells:
            confs = [w.conf for c in row for w in c.words]
            lines.append((min(w.top for c in row for w in c.words),
                          RawLine(cells, confidence=round(statistics.fmean(confs), 1))))
    lines = place_tables(lines, tables, width, repair_ocr_line)
    meta = {
        "ocr_confidence": round(statistics.fmean(w.conf for w in words), 1) if words else 0.0,
        "words": [[w.text, _frac(w.left, width), _frac(w.top, height), _frac(w.right, width),
                   _frac(w.bottom, height), round(w.conf, 1)] for w in words],
        "word_coords": "fractions of the straightened page's width and height",
        "dpi": prep.dpi,
        "source_dpi": prep.source_dpi,
        "psm": psm,
        "lang": lang,
        "deskew_angle": prep.skew_angle,
        "deskew": "image" if prep.rotated else "boxes" if prep.skew_angle else "none",
    }
    if cleaned:
        meta["cleanup"] = cleaned
    if review:
        meta["review"] = review
    if blank:
        meta["blank_slots"] = blank  # printed blank: the extractors keep what is printed, as on a text page
    if reread:
        meta["signer_reread"] = reread  # read again under the seal and signature (its marks want a look)
    return RawPage(page_number, lines, "ocr", meta)


def _clean_up(prep: Prepared, lang: str, memo: dict | None) -> tuple[Prepared, dict]:
    """The page cleaned the way that reads best on its header band (pipeline/read/cleanup.py)."""
    def read_header(crop: Image.Image, scale: float) -> list[tuple[str, float]]:
        data = _run_tesseract(pytesseract.image_to_data, crop, round(prep.dpi * scale), f"--psm {PSM}", lang,
                              output_type=pytesseract.Output.DICT)
        return [(unicodedata.normalize("NFC", t.strip()), float(c))
                for t, c in zip(data["text"], data["conf"], strict=True) if t and t.strip() and float(c) >= 0]

    image, scale, choice = cleanup.choose(prep.image, prep.source_dpi, read_header, memo)
    if choice.name != "as_is":
        prep = replace(prep, image=image, dpi=round(prep.dpi * scale), scale=prep.scale * scale)
    return prep, cleanup.as_meta(choice)


def read_image(path: Path) -> RawDocument:
    """PNG, JPEG or (multi-page) TIFF: one RawPage per frame."""
    try:
        img = Image.open(path)
    except UnidentifiedImageError as e:
        raise ReaderError("not an image that can be opened (unknown or corrupt format)") from e
    except OSError as e:
        raise ReaderError(f"cannot open image: {e}") from e
    pages = []
    memo: dict = {}
    with img:
        try:
            for number, frame in enumerate(ImageSequence.Iterator(img), start=1):
                frame.load()
                page_image = frame.copy()
                dpi = guess_dpi(frame)
                pages.append(read_upright(
                    lambda im, n=number, d=dpi: ocr_page_image(im, n, dpi=d, cleanup_memo=memo), page_image, dpi))
        except (OSError, SyntaxError, ValueError) as e:  # truncated data, broken TIFF directories
            raise ReaderError(f"corrupt image data: {e}") from e
    if not pages:
        raise ReaderError("image has no frames")
    return RawDocument(str(path), "image", pages, {"ocr": f"tesseract {pytesseract.get_tesseract_version()}"})
