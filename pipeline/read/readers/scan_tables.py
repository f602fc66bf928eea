"""Ruled tables on scanned pages, found by their geometry before text lines are formed.

OCR reads a ruled schedule table (Thời gian | Nội dung | Địa điểm ...) row by physical line: the
cell texts of one table row are wrapped over several lines and the rules come out as "|". Here the
rules themselves are found in the page image (OpenCV morphology: long horizontal and vertical ink
strokes), they give a grid, and Tesseract's words are put into the grid's cells by their boxes.
Each table row becomes one ``RawLine(kind="table")`` with one cell per column, as the Word and PDF
readers give table rows, so the extractors read a scan's schedule as they read a born-digital one.

Only fully ruled tables are taken: a table with horizontal rules only, or none, has no column
boundaries to trust, and its words stay in the ordinary row layout. A cell merged down over several
rows (one day for two steps) gives its text to its first row; the later rows leave it empty.

Coordinates: pixels of the straightened page (the frame of the word boxes after ``_straighten``).
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import cv2
import numpy as np
from PIL import Image

from pipeline.document import RawCell, RawLine

RULE_INCHES = 0.4  # a stroke this long is a rule, not a letter (a tall letter is ~0.17 in at 13 pt)
SKIP_RULE_INCHES = 0.6  # without a vertical stroke this long, the page has no ruled table
MIN_TABLE_WIDTH = 0.3  # of the page width
MIN_COLUMNS, MIN_ROWS = 2, 2  # a framed box of one cell (a stamp, a note) is not a table
STREAK_SHARE = 0.9  # of the page height
LINE_PRESENT = 0.5  # share of a cell edge a rule must cover to separate two cells
SPECK_HEIGHT = 0.55  # of the table's usual word height
ROW_RULE = 0.35  # share of the table's width a row rule covers at least
_RULE_CHARS = re.compile(r"^[|¦!\[\]_]+$")  # what OCR reads from a rule crossed by a word box


class WordBox(Protocol):
    text: str
    left: int
    top: int
    right: int
    bottom: int
    conf: float
    key: tuple[int, int, int]  # Tesseract's (block, paragraph, line)


@dataclass
class _Cell:
    first_row: int
    last_row: int
    x0: int
    x1: int
    col: int  # index of the column rule it starts at
    words: list[WordBox] = field(default_factory=list)


@dataclass
class Table:
    """A ruled table: its box on the page and its cells, row by row."""

    left: int
    top: int
    right: int
    bottom: int
    xs: list[int]  # column rules
    ys: list[int]  # row rules
    cells: list[_Cell]

    def contains(self, w: WordBox) -> bool:
        cx, cy = (w.left + w.right) / 2, (w.top + w.bottom) / 2
        return self.left <= cx <= self.right and self.top <= cy <= self.bottom

    def fill(self, words: Sequence[WordBox], tol: int) -> None:
        for w in words:
            cx, cy = (w.left + w.right) / 2, (w.top + w.bottom) / 2
            if _RULE_CHARS.match(w.text) and any(w.left - tol <= x <= w.right + tol for x in self.xs):
                continue  # a column rule read as "|"
            for c in self.cells:
                if c.x0 <= cx <= c.x1 and self.ys[c.first_row] <= cy <= self.ys[c.last_row + 1]:
                    c.words.append(w)
                    break

    def lines(self, width: int, repair: Callable[[str], str] = lambda s: s) -> list[RawLine]:
        """One table line per row: a cell per column span, empty where a cell merged from above."""
        heights = [w.bottom - w.top for c in self.cells for w in c.words if sum(ch.isalnum() for ch in w.text) >= 2]
        tall = statistics.median(heights) if heights else 0
        out = []
        for r in range(len(self.ys) - 1):
            row = sorted((c for c in self.cells if c.first_row <= r <= c.last_row), key=lambda c: c.x0)
            cells = [RawCell(repair(_cell_text(c.words, tall)) if c.first_row == r else "",
                             round(c.x0 / width, 4), round(c.x1 / width, 4)) for c in row]
            if not any(c.text for c in cells):
                continue
            confs = [w.conf for c in row if c.first_row == r for w in c.words]
            out.append(RawLine(cells, kind="table",
                               confidence=round(statistics.fmean(confs), 1) if confs else None))
        return out


def _cell_text(words: list[WordBox], tall: float = 0) -> str:
    """The cell's words in reading order: its wrapped lines top to bottom, joined with one space.
    ``tall``: the table's usual word height; marks far smaller are what OCR read from a rule's edge."""
    kept = []
    for w in words:
        if w.bottom - w.top < SPECK_HEIGHT * tall and w.text not in ("-", "–", ".", ","):
            continue
        # a "|" away from the rules is a "1" (Vietnamese print has no bar); one at a word's end is
        # the rule it touches
        text = "1" if w.text == "|" else w.text.strip("|¦")
        if text and not _RULE_CHARS.match(text):
            kept.append((w, text))
    # Tesseract's own lines, cut to the cell (one of its lines may run across several cells)
    groups: dict[object, list[tuple[WordBox, str]]] = {}
    for w, text in kept:
        groups.setdefault(w.key, []).append((w, text))
    lines = sorted(groups.values(), key=lambda ln: statistics.median((x.top + x.bottom) / 2 for x, _ in ln))
    return " ".join(t for ln in lines for _, t in sorted(ln, key=lambda p: p[0].left))


def _runs(profile: np.ndarray, min_value: float, join: int) -> list[tuple[int, int]]:
    """(start, end) index runs where ``profile >= min_value``, runs closer than ``join`` merged."""
    idx = np.flatnonzero(profile >= min_value)
    if idx.size == 0:
        return []
    runs, start, prev = [], int(idx[0]), int(idx[0])
    for i in idx[1:]:
        i = int(i)
        if i - prev > join:
            runs.append((start, prev))
            start = i
        prev = i
    runs.append((start, prev))
    return runs


def _ink(gray: np.ndarray) -> np.ndarray:
    # local threshold: thin grey rules of a scan are lighter than the print but darker than the paper
    return cv2.adaptiveThreshold(255 - gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, 15, -10)


def _open(ink: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    return cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, size))


def has_long_verticals(gray: np.ndarray, dpi: int) -> bool:
    """A cheap first look on a quarter-size copy: is there any vertical stroke long enough for a rule?"""
    small = cv2.resize(gray, (gray.shape[1] // 4, gray.shape[0] // 4), interpolation=cv2.INTER_AREA)
    ink = (small < 200).astype(np.uint8)  # a 2 px rule averaged over 4 px is still well below paper
    length = max(8, round(SKIP_RULE_INCHES * dpi / 4))
    return bool(_open(ink, (1, length)).any())


def find_tables(image: Image.Image, dpi: int, angle: float = 0.0) -> list[Table]:
    """Ruled tables of a grayscale page image. ``angle``: degrees that straighten the page when the
    image itself was not rotated (the word boxes were), so rules and words share one frame."""
    gray = np.asarray(image.convert("L"))
    if angle:
        h, w = gray.shape
        turn = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
        gray = cv2.warpAffine(gray, turn, (w, h), flags=cv2.INTER_NEAREST, borderValue=255)
    if not has_long_verticals(gray, dpi):
        return []
    ink = _ink(gray)
    rule = max(20, round(RULE_INCHES * dpi))
    # bridge the breaks of a scanned rule along its direction before asking for length
    horiz = _open(cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((1, 7), np.uint8)), (rule, 1))
    vert = _open(cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((7, 1), np.uint8)), (1, rule))
    page_h, page_w = gray.shape
    vert = _without_streaks(vert, page_h)
    # the grids' extents from a quarter-size copy (the dilation keeps every rule in it): labelling
    # the full page costs more than all the rest
    grid = cv2.dilate(horiz | vert, np.ones((5, 5), np.uint8))[::4, ::4]
    n, _, stats, _ = cv2.connectedComponentsWithStats(np.ascontiguousarray(grid), connectivity=8)
    tables = []
    for k in range(1, n):
        x, y, w, h = (4 * int(v) for v in stats[k][:4])
        w, h = min(w + 4, page_w - x), min(h + 4, page_h - y)
        if w < MIN_TABLE_WIDTH * page_w or h < rule:
            continue
        table = _grid(horiz[y:y + h, x:x + w], vert[y:y + h, x:x + w], x, y, dpi)
        if table is not None:
            tables.append(table)
    return tables


def _without_streaks(vert: np.ndarray, page_h: int) -> np.ndarray:
    """Vertical strokes running from edge to edge are a scanner's streaks, not rules (a table ends
    inside the margins); a streak comes in pieces and wobbles, so it is judged by the page's columns."""
    near = cv2.dilate(vert, np.ones((1, 25), np.uint8))
    streak = (near > 0).sum(axis=0) >= STREAK_SHARE * page_h
    if not streak.any():
        return vert
    out = vert.copy()
    out[:, cv2.dilate(streak.astype(np.uint8)[None, :], np.ones((1, 25), np.uint8))[0] > 0] = 0
    return out


def _covered(horiz: np.ndarray, y: int, x0: int, x1: int, tol: int) -> float:
    band = horiz[max(0, y - tol):y + tol + 1, x0:x1 + 1].max(axis=0)
    return float((band > 0).mean()) if band.size else 0.0


def _grid(horiz: np.ndarray, vert: np.ndarray, ox: int, oy: int, dpi: int) -> Table | None:
    """Cells of one table from its rule masks (offset ``ox``, ``oy`` on the page)."""
    join = max(3, dpi // 60)
    # a rule is looked for across the whole run it makes in the profile, not only near its middle: on a
    # page turned a little less than deskewing corrects (0.3°), a column rule drifts 15 px down a page-long
    # table and its top and bottom rows would lose their column rules (their cells run into one)
    x_runs = {(a + b) // 2: (a, b) for a, b in _runs(vert.max(axis=0), 1, join)}
    y_runs = {(a + b) // 2: (a, b) for a, b in _runs(horiz.max(axis=1), 1, join)}
    xs, ys = sorted(x_runs), sorted(y_runs)
    if len(xs) < MIN_COLUMNS + 1 or len(ys) < MIN_ROWS + 1:
        return None
    tol = join

    def v_present(x: int, y0: int, y1: int) -> bool:
        a, b = x_runs.get(x, (x, x))
        band = vert[y0 + tol:y1 - tol, max(0, a - tol):b + tol + 1].max(axis=1) if y1 - y0 > 2 * tol else None
        return band is not None and band.size > 0 and float((band > 0).mean()) >= LINE_PRESENT

    def h_present(y: int, x0: int, x1: int) -> bool:
        a, b = y_runs.get(y, (y, y))
        band = horiz[max(0, a - tol):b + tol + 1, x0 + tol:x1 - tol].max(axis=0) if x1 - x0 > 2 * tol else None
        return band is not None and band.size > 0 and float((band > 0).mean()) >= LINE_PRESENT

    # the outer frame must be there: a table is closed on all four sides by rules
    if not (v_present(xs[0], ys[0], ys[-1]) and v_present(xs[-1], ys[0], ys[-1])
            and h_present(ys[0], xs[0], xs[-1]) and h_present(ys[-1], xs[0], xs[-1])):
        return None
    # a row rule crosses most of the table (all but a merged cell or two); a short stroke inside one
    # cell (an underline, a crossed-out word) is not one
    ys = [y for k, y in enumerate(ys) if k in (0, len(ys) - 1) or _covered(horiz, y, xs[0], xs[-1], tol) >= ROW_RULE]
    if len(ys) < MIN_ROWS + 1:
        return None
    cells: list[_Cell] = []
    above: dict[tuple[int, int], _Cell] = {}  # (x0, x1) -> the open cell of the row above
    for r in range(len(ys) - 1):
        y0, y1 = ys[r], ys[r + 1]
        bounds = [j for j, x in enumerate(xs) if j in (0, len(xs) - 1) or v_present(x, y0, y1)]
        row: dict[tuple[int, int], _Cell] = {}
        for j0, j1 in zip(bounds, bounds[1:], strict=False):
            x0, x1 = xs[j0], xs[j1]
            prev = above.get((x0, x1))
            if prev is not None and not h_present(y0, x0, x1):
                prev.last_row = r  # no rule between: the cell above runs on down (a merged cell)
                row[(x0, x1)] = prev
                continue
            cell = _Cell(r, r, x0, x1, j0)
            cells.append(cell)
            row[(x0, x1)] = cell
        above = row
    if len(ys) - 1 < MIN_ROWS or max(len({c.x0 for c in cells if c.first_row <= r <= c.last_row})
                                     for r in range(len(ys) - 1)) < MIN_COLUMNS:
        return None
    return Table(ox + xs[0], oy + ys[0], ox + xs[-1], oy + ys[-1], [ox + x for x in xs], [oy + y for y in ys],
                 [_Cell(c.first_row, c.last_row, ox + c.x0, ox + c.x1, c.col) for c in cells])


def place_tables(text_lines: list[tuple[int, RawLine]], tables: list[Table], width: int,
                 repair: Callable[[str], str] = lambda s: s) -> list[RawLine]:
    """The page's lines with each table's rows put in at the table's vertical place (``text_lines``
    are (top y, line) pairs in page order)."""
    out: list[RawLine] = []
    pending = sorted(tables, key=lambda t: t.top)
    for top, line in text_lines:
        while pending and pending[0].top <= top:
            out.extend(pending.pop(0).lines(width, repair))
        out.append(line)
    for t in pending:
        out.extend(t.lines(width, repair))
    return out


def _reads_as_table(t: Table, words: list, tol: int) -> bool:
    """Words keep inside a real table's cells: print running across a column rule means the "rules"
    are a scanner's streak or a frame drawn over the text; mostly upright words mean a table turned
    on its side (its rows would be read as columns)."""
    text = [w for w in words if sum(ch.isalnum() for ch in w.text) >= 2]
    if not text:
        return False
    inner = t.xs[1:-1]
    crossing = sum(any(w.left + tol < x < w.right - tol for x in inner) for w in text)
    upright = sum(w.bottom - w.top > 1.5 * (w.right - w.left) for w in text)
    return crossing <= max(2, 0.05 * len(text)) and upright <= 0.3 * len(text)


def split_words(words: list, tables: list[Table], dpi: int) -> list:
    """Fill the tables with the words inside them; the words outside are returned for the row layout.
    A table whose words do not read as a table's is dropped from ``tables`` (in place)."""
    tol = max(4, dpi // 40)
    for t in list(tables):
        inside = [w for w in words if t.contains(w)]
        if _reads_as_table(t, inside, tol):
            t.fill(inside, tol)
        else:
            tables.remove(t)
    outside = []
    for w in words:
        if not any(t.contains(w) for t in tables):
            outside.append(w)
    return outside
