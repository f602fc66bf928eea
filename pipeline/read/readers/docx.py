"""Word .docx reader: the body's paragraphs and tables in reading order, as lines of cells.

* A borderless two- or three-column table (the Decree-30 header: issuer and number on the left,
  motto and place/date on the right; the Nơi nhận | signature block at the end) is a layout
  device, not data: its cells' paragraphs are paired row by row into lines with a left cell
  (x0 = 0.0) and a right cell (x0 = 0.5), so "Số: ..." and "<place>, ngày ..." never merge.
* Any other table gives one ``kind="table"`` line per row, one cell per column (x0 = i/n).
* List numbering is rendered ("1.", "a)", "II."); bullets become "- ".
* Text boxes (DrawingML and VML) are read where they are anchored.
* Runs set in a TCVN3/VNI font are repaired per run with the font as the hint
  (:mod:`pipeline.read.legacy`), the repairs listed in ``raw.meta["repairs"]``.
* Explicit page breaks (and section breaks) start a new page; otherwise a .docx is one page.

x0/x1 are fractions of the text width (between the margins).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline.document import RawCell, RawDocument, RawLine, RawPage
from pipeline.errors import EmptyDocument, ReaderError

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
V_NS = "urn:schemas-microsoft-com:vml"


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


W_VAL = w("val")
TWIPS_PER_PT = 20
EMU_PER_TWIP = 635
DEFAULT_TAB = 720  # twips
DEFAULT_FONT_PT = 13.0  # Vietnamese administrative text is set in 13-14 pt
LAYOUT_TABLE_MAX_COLS = 3
_NO_BORDER = {"nil", "none"}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PAGE_BREAK = object()  # marker between lines: an explicit page break


# ---------------------------------------------------------------------------------------------
# Entry point


def read_docx(path: Path) -> RawDocument:
    import docx

    _check_container(path)
    try:
        document = docx.Document(str(path))
    except MemoryError:  # past the worker's memory cap: a limit, not a corrupt file
        raise
    except Exception as e:  # PackageNotFoundError, KeyError (missing part), XMLSyntaxError ...
        raise ReaderError(f"corrupt .docx: {type(e).__name__}: {e}") from e
    ctx = _Context(document)
    items = list(ctx.blocks(document.element.body))
    pages = _paginate(items)
    meta: dict[str, Any] = {"repairs": sorted(ctx.repairs)}
    props = _core_properties(document)
    if props:
        meta["properties"] = props
    if ctx.legacy_fonts:
        meta["legacy_fonts"] = sorted(ctx.legacy_fonts)
    return RawDocument(str(path), "docx", pages, meta)


def _check_container(path: Path) -> None:
    with open(path, "rb") as fh:
        head = fh.read(8)
        if not head:
            raise EmptyDocument("empty file (0 bytes)")
        if head == _OLE_MAGIC:
            data = head + fh.read()
            if "EncryptedPackage".encode("utf-16-le") in data:
                raise ReaderError("encrypted .docx: the Office file is password-protected")
            raise ReaderError("not a .docx: an OLE compound file (Word 97-2003 .doc?)")
    if not zipfile.is_zipfile(path):
        raise ReaderError("corrupt .docx: not a zip container")
    try:
        with zipfile.ZipFile(path) as z:
            if "word/document.xml" not in z.namelist():
                raise ReaderError("corrupt .docx: no word/document.xml part")
            bad = z.testzip()
    except zipfile.BadZipFile as e:
        raise ReaderError(f"corrupt .docx: {e}") from e
    if bad:
        raise ReaderError(f"corrupt .docx: damaged zip member {bad}")


def _paginate(items: list[Any]) -> list[RawPage]:
    pages: list[list[RawLine]] = [[]]
    for item in items:
        if item is PAGE_BREAK:
            pages.append([])
        else:
            pages[-1].append(item)
    while len(pages) > 1 and not any(ln.cells for ln in pages[-1]):
        pages.pop()  # a break at the very end
    return [RawPage(i, lines, "docx") for i, lines in enumerate(pages, start=1)]


def _core_properties(document: Any) -> dict[str, str]:
    try:
        cp = document.core_properties
        props = {"title": cp.title, "author": cp.author, "subject": cp.subject,
                 "created": cp.created.isoformat() if cp.created else None,
                 "modified": cp.modified.isoformat() if cp.modified else None}
    except Exception:  # a malformed core.xml is not worth failing the document for
        return {}
    return {k: v for k, v in props.items() if v}


# ---------------------------------------------------------------------------------------------
# Legacy fonts


@lru_cache(maxsize=256)
def _legacy_encoding(font: str) -> str | None:
    try:
        from pipeline.read.legacy import font_encoding
    except ImportError:
        return None
    return font_encoding(font)[0]


# ---------------------------------------------------------------------------------------------
# Numbering


@dataclass
class _Level:
    fmt: str
    text: str
    start: int


@dataclass
class _Numbering:
    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # abstractNumId -> levels
    nums: dict[str, str] = field(default_factory=dict)  # numId -> abstractNumId
    restarts: dict[str, dict[int, int]] = field(default_factory=dict)  # numId -> {ilvl: start}
    counters: dict[str, list[int]] = field(default_factory=dict)  # abstractNumId -> per level
    seen: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, document: Any) -> _Numbering:
        out = cls()
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return out
        for absn in root.findall(w("abstractNum")):
            levels = {}
            for lvl in absn.findall(w("lvl")):
                levels[int(lvl.get(w("ilvl"), "0"))] = _Level(
                    _child_val(lvl, "numFmt") or "decimal", _child_val(lvl, "lvlText") or "",
                    int(_child_val(lvl, "start") or 1))
            out.levels[absn.get(w("abstractNumId"))] = levels
        for num in root.findall(w("num")):
            num_id = num.get(w("numId"))
            out.nums[num_id] = _child_val(num, "abstractNumId") or ""
            for ov in num.findall(w("lvlOverride")):
                start = _child_val(ov, "startOverride")
                if start is not None:
                    out.restarts.setdefault(num_id, {})[int(ov.get(w("ilvl"), "0"))] = int(start)
        return out

    def marker(self, num_id: str, ilvl: int) -> str:
        abstract = self.nums.get(num_id)
        levels = self.levels.get(abstract or "")
        if not levels or ilvl not in levels:
            return ""
        level = levels[ilvl]
        if level.fmt == "none":
            return ""
        if level.fmt == "bullet":
            return "- "
        counters = self.counters.setdefault(abstract, [lv.start - 1 for lv in _level_list(levels)])
        if num_id not in self.seen:  # a list instance with its own start value restarts counting
            self.seen.add(num_id)
            for lv, start in self.restarts.get(num_id, {}).items():
                if lv < len(counters):
                    counters[lv] = start - 1
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, len(counters)):  # a new item resets its sub-levels
            counters[deeper] = levels[deeper].start - 1 if deeper in levels else 0
        text = level.text
        for lv in range(len(counters)):
            if f"%{lv + 1}" in text:
                fmt = levels[lv].fmt if lv in levels else "decimal"
                text = text.replace(f"%{lv + 1}", _format_number(max(counters[lv], 1), fmt))
        return text.strip() + " " if text.strip() else ""


def _level_list(levels: dict[int, _Level]) -> list[_Level]:
    return [levels.get(i, _Level("decimal", "", 1)) for i in range(max(levels) + 1)]


def _format_number(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        s = ""
        while n > 0:
            n, r = divmod(n - 1, 26)
            s = chr(97 + r) + s
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman"):
        s = _roman(n)
        return s if fmt == "upperRoman" else s.lower()
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += numeral
            n -= value
    return out


def _child_val(el: Any, tag: str) -> str | None:
    child = el.find(w(tag))
    return None if child is None else child.get(W_VAL)


# ---------------------------------------------------------------------------------------------
# The walk over the body


class _Context:
    def __init__(self, document: Any) -> None:
        self.repairs: set[str] = set()
        self.legacy_fonts: set[str] = set()
        self.numbering = _Numbering.of(document)
        self.styles = self._styles(document)
        # a paragraph without w:pStyle has the default paragraph style ("Normal")
        self.default_pstyle = next((sid for sid, st in self.styles.items()
                                    if st.get(w("type")) == "paragraph" and _on_attr(st.get(w("default")))), None)
        self.default_font = self._default_font(document)
        section = document.sections[-1] if document.sections else None
        self.page_width = _twips(section.page_width) if section is not None else 11906
        self.left_margin = _twips(section.left_margin) if section is not None else 1701
        right = _twips(section.right_margin) if section is not None else 1134
        self.text_width = max(1, self.page_width - self.left_margin - right)

    # -- styles ---------------------------------------------------------------------------
    @staticmethod
    def _styles(document: Any) -> dict[str, Any]:
        try:
            root = document.styles.element
        except Exception:
            return {}
        return {s.get(w("styleId")): s for s in root.findall(w("style"))}

    @staticmethod
    def _default_font(document: Any) -> str | None:
        try:
            fonts = document.styles.element.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w('rFonts')}")
        except Exception:
            return None
        return _font_of(fonts)

    def _style_chain(self, style_id: str | None) -> Iterator[Any]:
        seen = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            style = self.styles[style_id]
            yield style
            style_id = _child_val(style, "basedOn")

    def style_font(self, style_id: str | None) -> str | None:
        for style in self._style_chain(style_id):
            font = _font_of(style.find(f"{w('rPr')}/{w('rFonts')}"))
            if font:
                return font
        return None

    def style_ppr(self, style_id: str | None, tag: str) -> Any:
        for style in self._style_chain(style_id):
            found = style.find(f"{w('pPr')}/{w(tag)}")
            if found is not None:
                return found
        return None

    def table_style_borders(self, style_id: str | None) -> Any:
        for style in self._style_chain(style_id):
            found = style.find(f"{w('tblPr')}/{w('tblBorders')}")
            if found is not None:
                return found
        return None

    # -- blocks ---------------------------------------------------------------------------
    def blocks(self, container: Any) -> Iterator[Any]:
        """RawLines (and PAGE_BREAK markers) of the paragraphs and tables in a container."""
        for child in container:
            tag = child.tag
            if tag == w("p"):
                yield from self.paragraph(child)
            elif tag == w("tbl"):
                yield from self.table(child)
            elif tag == w("sdt"):  # content control: its content is ordinary blocks
                content = child.find(w("sdtContent"))
                if content is not None:
                    yield from self.blocks(content)
            elif tag in (w("customXml"), w("ins")):
                yield from self.blocks(child)

    # -- paragraphs -----------------------------------------------------------------------
    def paragraph(self, p: Any) -> Iterator[Any]:
        ppr = p.find(w("pPr"))
        style_id = (_child_val(ppr, "pStyle") if ppr is not None else None) or self.default_pstyle
        yield from self.text_boxes(p)
        if _on(self._ppr(ppr, style_id, "pageBreakBefore")):
            yield PAGE_BREAK
        text = self.marker(ppr, style_id) + self.runs_text(p, style_id)
        geometry = self.paragraph_geometry(ppr, style_id)
        for i, chunk in enumerate(text.split("\f")):
            if i:
                yield PAGE_BREAK
            for line in chunk.split("\n"):
                yield RawLine(self.tab_cells(line, geometry))
        sect = ppr.find(w("sectPr")) if ppr is not None else None
        if sect is not None and _child_val(sect, "type") not in ("continuous",):
            yield PAGE_BREAK

    def _ppr(self, ppr: Any, style_id: str | None, tag: str) -> Any:
        found = ppr.find(w(tag)) if ppr is not None else None
        return found if found is not None else self.style_ppr(style_id, tag)

    def marker(self, ppr: Any, style_id: str | None) -> str:
        num_pr = self._ppr(ppr, style_id, "numPr")
        if num_pr is None:
            return ""
        num_id = _child_val(num_pr, "numId")
        ilvl = int(_child_val(num_pr, "ilvl") or 0)
        if not num_id or num_id == "0":
            return ""
        return self.numbering.marker(num_id, ilvl)

    def runs_text(self, p: Any, style_id: str | None) -> str:
        """The paragraph's own text (tabs, line and page breaks kept as \\t, \\n, \\f)."""
        parts = []
        para_font = self.style_font(style_id) or self.default_font
        for r in _own_runs(p):
            rpr = r.find(w("rPr"))
            font = _font_of(rpr.find(w("rFonts"))) if rpr is not None else None
            if font is None and rpr is not None:
                font = self.style_font(_child_val(rpr, "rStyle"))
            text = _run_text(r)
            if text:
                parts.append(self.repair(text, font or para_font))
        return "".join(parts)

    def repair(self, text: str, font: str | None) -> str:
        if not font or not _legacy_encoding(font):
            return text
        from pipeline.read.legacy import repair

        self.legacy_fonts.add(font)
        # repair per piece so the \t \n \f layout marks never reach the decoder
        out = []
        for piece in re.split(r"([\t\n\f])", text):
            if piece and piece not in "\t\n\f":
                piece, name = repair(piece, hint=font)
                if name:
                    self.repairs.add(name)
            out.append(piece)
        return "".join(out)

    def paragraph_geometry(self, ppr: Any, style_id: str | None) -> tuple[float, list[int]]:
        """(x0 of the paragraph as a fraction of the text width, tab stops in twips)."""
        jc = self._ppr(ppr, style_id, "jc")
        align = jc.get(W_VAL) if jc is not None else None
        ind = self._ppr(ppr, style_id, "ind")
        left = 0
        if ind is not None:
            left = _int(ind.get(w("left")) or ind.get(w("start")))
        x0 = min(max(left / self.text_width, 0.0), 0.95)
        if align in ("right", "end") and x0 < 0.5:
            x0 = 0.5  # a right-aligned line (date, signature) stands in the right half
        stops = []
        for tabs in (self.style_ppr(style_id, "tabs"), ppr.find(w("tabs")) if ppr is not None else None):
            if tabs is not None:
                stops += [_int(t.get(w("pos"))) for t in tabs.findall(w("tab"))
                          if t.get(W_VAL) not in ("clear", "bar")]
        return x0, sorted(set(s for s in stops if s > 0))

    def tab_cells(self, line: str, geometry: tuple[float, list[int]]) -> list[RawCell]:
        """A line cut into cells at tabs, each placed at the tab stop it starts from."""
        x0, stops = geometry
        if not line.strip():
            return []
        if "\t" not in line.strip("\t "):
            lead = len(line) - len(line.lstrip("\t"))
            start = x0 + self._tab_advance(x0, lead, stops) if lead else x0
            return [RawCell(line.strip(), min(start, 0.95), 1.0)]
        cells: list[RawCell] = []
        pos = x0 * self.text_width
        for m in re.finditer(r"(\t*)([^\t]*)", line):
            tabs, text = len(m.group(1)), m.group(2)
            for _ in range(tabs):
                pos = _next_stop(pos, stops)
            if text.strip():
                cells.append(RawCell(text.strip(), min(pos / self.text_width, 0.95), 1.0))
                pos += len(text) * DEFAULT_FONT_PT * 0.5 * TWIPS_PER_PT
        if len(cells) == 2 and cells[1].x0 >= 0.3:
            # "Số: ...<tabs>Hà Nội, ngày ...": the tab stops only approximate where the right
            # block stands (text width is estimated), but it is the right half of the page
            cells[1].x0 = max(cells[1].x0, 0.5)
        for a, b in zip(cells, cells[1:], strict=False):
            a.x1 = b.x0
        return cells

    def _tab_advance(self, x0: float, tabs: int, stops: list[int]) -> float:
        pos = x0 * self.text_width
        for _ in range(tabs):
            pos = _next_stop(pos, stops)
        return pos / self.text_width - x0

    # -- text boxes -----------------------------------------------------------------------
    def text_boxes(self, p: Any) -> Iterator[Any]:
        """Text boxes anchored in this paragraph; side-by-side boxes are paired row-wise."""
        boxes = []
        for content in _own_text_boxes(p):
            lines = [ln for ln in self.blocks(content) if ln is not PAGE_BREAK]
            while lines and not lines[-1].cells:
                lines.pop()
            if any(ln.cells for ln in lines):
                boxes.append((self.box_x(content), lines))
        if not boxes:
            return
        boxes.sort(key=lambda b: b[0])
        if len(boxes) == 1 or boxes[-1][0] - boxes[0][0] < 0.25:
            for x, lines in boxes:
                for ln in lines:
                    yield RawLine([RawCell(" ".join(c.text for c in ln.cells), x, 1.0)]) if ln.cells else ln
            return
        columns = [(x, [" ".join(c.text for c in ln.cells) for ln in lines]) for x, lines in boxes]
        yield from _pair_columns(columns)

    def box_x(self, content: Any) -> float:
        """Where a text box stands, as a fraction of the text width (0.0 when unknown)."""
        anchor = next((a for a in content.iterancestors() if a.tag == f"{{{WP_NS}}}anchor"), None)
        if anchor is not None:
            pos_h = anchor.find(f"{{{WP_NS}}}positionH")
            if pos_h is not None:
                offset = pos_h.find(f"{{{WP_NS}}}posOffset")
                align = pos_h.find(f"{{{WP_NS}}}align")
                if offset is not None and offset.text:
                    x = int(offset.text) / EMU_PER_TWIP
                    if pos_h.get("relativeFrom") == "page":
                        x -= self.left_margin
                    return _clip(x / self.text_width)
                if align is not None and align.text:
                    return {"left": 0.0, "center": 0.25, "right": 0.5}.get(align.text, 0.0)
        shape = next((a for a in content.iterancestors() if a.tag.startswith(f"{{{V_NS}}}")
                      and a.get("style")), None)
        if shape is not None:
            m = re.search(r"margin-left:\s*(-?[\d.]+)pt", shape.get("style"))
            if m:
                x = float(m.group(1)) * TWIPS_PER_PT
                if "mso-position-horizontal-relative:page" in shape.get("style"):
                    x -= self.left_margin
                return _clip(x / self.text_width)
        return 0.0

    # -- tables ---------------------------------------------------------------------------
    def table(self, tbl: Any) -> Iterator[Any]:
        grid = [_int(c.get(w("w"))) for c in tbl.findall(f"{w('tblGrid')}/{w('gridCol')}")]
        rows = [_row_cells(tr) for tr in tbl.findall(w("tr"))]
        ncols = max(len(grid), max((sum(span for _, span, _ in r) for r in rows), default=0), 1)
        if ncols <= LAYOUT_TABLE_MAX_COLS and not self.has_borders(tbl):
            yield from self.layout_rows(rows)
            return
        for cells in rows:
            out, pos = [], 0
            for tc, span, continued in cells:
                text = "" if continued else self.cell_text(tc)
                out.append(RawCell(text, pos / ncols, (pos + span) / ncols))
                pos += span
            yield RawLine(out, kind="table")

    def has_borders(self, tbl: Any) -> bool:
        tbl_pr = tbl.find(w("tblPr"))
        borders = tbl_pr.find(w("tblBorders")) if tbl_pr is not None else None
        if borders is None:
            style = _child_val(tbl_pr, "tblStyle") if tbl_pr is not None else None
            borders = self.table_style_borders(style)
        tcs = tbl.findall(f"{w('tr')}/{w('tc')}")
        cell_borders = [tc.find(f"{w('tcPr')}/{w('tcBorders')}") for tc in tcs]
        if _visible(borders):
            # a "Table Grid" header whose cells all switch their borders off is still borderless
            hidden = sum(b is not None and len(b) >= 4 and not _visible(b) for b in cell_borders)
            return not (tcs and hidden == len(tcs))
        # borders drawn cell by cell: a ruled table when most cells have them
        ruled = sum(_visible(b) for b in cell_borders)
        return bool(tcs) and ruled > len(tcs) / 2

    def cell_text(self, tc: Any) -> str:
        parts = []
        for ln in self.blocks(tc):
            if ln is not PAGE_BREAK and ln.cells:
                parts.append(" ".join(c.text for c in ln.cells))
        return " ".join(" ".join(parts).split())

    def layout_rows(self, rows: list[list[tuple[Any, int, bool]]]) -> Iterator[RawLine]:
        """A layout table: each row's cells become columns whose paragraphs pair up line by line."""
        for cells in rows:
            n = len(cells)
            columns = []
            for i, (tc, _, continued) in enumerate(cells):
                texts = [] if continued else [
                    " ".join(c.text for c in ln.cells)
                    for ln in self.blocks(tc) if ln is not PAGE_BREAK]
                columns.append((0.0 if i == 0 else (0.5 if n == 2 else i / n), texts))
            yield from _pair_columns(columns)


def _pair_columns(columns: list[tuple[float, list[str]]]) -> Iterator[RawLine]:
    """Side-by-side columns of lines → lines of cells, the i-th line of each column together."""
    for col in columns:
        while col[1] and not col[1][-1].strip():
            col[1].pop()
    height = max((len(texts) for _, texts in columns), default=0)
    edges = [x for x, _ in columns[1:]] + [1.0]
    for i in range(height):
        cells = [RawCell(texts[i].strip(), x, x1)
                 for (x, texts), x1 in zip(columns, edges, strict=False)
                 if i < len(texts) and texts[i].strip()]
        yield RawLine(cells)


def _row_cells(tr: Any) -> list[tuple[Any, int, bool]]:
    """(cell, grid span, is a vertical-merge continuation) for each cell of a row."""
    out: list[tuple[Any, int, bool]] = []
    tr_pr = tr.find(w("trPr"))
    before = _int(_child_val(tr_pr, "gridBefore")) if tr_pr is not None else 0
    if before:
        out.append((None, before, True))
    for tc in tr.iter(w("tc")):
        if next((a for a in tc.iterancestors(w("tr"))), None) is not tr:
            continue  # a nested table's cell
        tc_pr = tc.find(w("tcPr"))
        span = _int(_child_val(tc_pr, "gridSpan")) if tc_pr is not None else 0
        vmerge = tc_pr.find(w("vMerge")) if tc_pr is not None else None
        continued = vmerge is not None and vmerge.get(W_VAL) in (None, "continue")
        out.append((tc, max(span, 1), continued))
    return out


def _visible(borders: Any) -> bool:
    if borders is None:
        return False
    for side in borders:
        if side.get(W_VAL) not in _NO_BORDER and side.get(w("sz")) != "0":
            return True
    return False


# ---------------------------------------------------------------------------------------------
# Runs


def _own_runs(p: Any) -> Iterator[Any]:
    """The paragraph's runs in order: inside hyperlinks, insertions, smart tags, fields, content
    controls; not deleted text, not the runs of text boxes anchored in it."""
    for r in p.iter(w("r")):
        owner = None
        for a in r.iterancestors():
            if a.tag in (w("del"), w("moveFrom"), f"{{{MC_NS}}}Fallback", w("txbxContent")):
                owner = None
                break
            if a.tag == w("p"):
                owner = a
                break
        if owner is p:
            yield r


def _run_text(r: Any) -> str:
    parts = []
    for child in r:
        tag = child.tag
        if tag == w("t"):
            parts.append(child.text or "")
        elif tag == w("tab") or tag == w("ptab"):
            parts.append("\t")
        elif tag == w("br"):
            parts.append("\f" if child.get(w("type")) == "page" else "\n")
        elif tag == w("cr"):
            parts.append("\n")
        elif tag == w("noBreakHyphen"):
            parts.append("-")
        elif tag == w("softHyphen"):
            parts.append("\u00ad")  # TCVN3 stores "ư" here; normalisation drops it from Unicode text
    return "".join(parts)


def _own_text_boxes(p: Any) -> Iterator[Any]:
    """Text box contents anchored in this paragraph (DrawingML, or VML when there is no DrawingML
    twin: mc:AlternateContent holds both and only the mc:Choice counts)."""
    for content in p.iter(w("txbxContent")):
        ok = True
        for a in content.iterancestors():
            if a.tag == f"{{{MC_NS}}}Fallback" or a.tag == w("txbxContent"):
                ok = False
                break
            if a.tag == w("p"):
                ok = a is p
                break
        if ok:
            yield content


def _font_of(fonts: Any) -> str | None:
    if fonts is None:
        return None
    return fonts.get(w("ascii")) or fonts.get(w("hAnsi")) or fonts.get(w("cs"))


# ---------------------------------------------------------------------------------------------
# Small helpers


def _twips(length: Any) -> int:
    return int(length) // EMU_PER_TWIP if length is not None else 0


def _int(value: Any) -> int:
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return 0


def _on(el: Any) -> bool:
    return el is not None and el.get(W_VAL) not in ("0", "false", "off")


def _on_attr(value: str | None) -> bool:
    return value in ("1", "true", "on")


def _clip(x: float) -> float:
    return min(max(x, 0.0), 0.95)


def _next_stop(pos: float, stops: list[int]) -> float:
    for s in stops:
        if s > pos + 1:
            return float(s)
    return (pos // DEFAULT_TAB + 1) * DEFAULT_TAB
