"""Turn a reader's :class:`RawDocument` into a normalised :class:`Document`.

Normalisation happens per cell (so offsets stay exact): legacy-font repair, Unicode NFC, markdown
emphasis removed, spaces folded. Cells of one line are joined by a tab, lines by newlines; the
sections (I. / 1. / 1.1 / a)) are found once here so no extractor re-parses headings.
"""

from __future__ import annotations

import re

from pipeline.document import Cell, Document, Line, Page, RawCell, RawDocument, Section
from pipeline.read.layout import unflatten
from pipeline.read.normalise import normalise_cell

CELL_SEP = "\t"

_ROMAN = r"(?:X{0,3})(?:IX|IV|V?I{0,3})"
_HEADING_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # (older texts number "IV/ NỘI DUNG", "1/ Thời gian:", "2- Địa điểm:")
    ("roman", re.compile(rf"^(?P<num>{_ROMAN})(?:\s*[.\-–)]\s*|/ +)(?P<title>\S.*)$")),
    ("dotted", re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2})+)\.?\)?\s+(?P<title>\S.*)$")),
    ("arabic", re.compile(r"^(?P<num>\d{1,2})(?:\s*[.)]\s*| ?[/\-–] +)(?P<title>[^\d\s/\-–].*)$")),
    ("letter", re.compile(r"^(?P<num>[a-zđ])\s*/?\s*[).]\s*(?P<title>\S.*)$")),
]


def heading_of(text: str) -> tuple[str, str, str] | None:
    """(kind, number, title) when a line opens a numbered section, else None."""
    t = text.strip()
    for kind, pat in _HEADING_PATTERNS:
        m = pat.match(t)
        if m and m.group("num"):
            return kind, m.group("num"), m.group("title").strip()
    return None


def build_document(raw: RawDocument) -> Document:
    repairs: set[str] = set(raw.meta.get("repairs", []))
    # 1. normalise every cell (legacy repair, NFC, spaces)
    pages: list[list[list[RawCell]]] = []
    for page in raw.pages:
        lines = []
        for raw_line in page.lines:
            cells = []
            for rc in raw_line.cells:
                text, repair = normalise_cell(rc.text, raw.meta.get("legacy_encoding"))
                if repair:
                    repairs.add(repair)
                if text:
                    cells.append(RawCell(text, rc.x0, rc.x1))
            lines.append(cells)
        pages.append(lines)
    # 2. cut header/footer lines whose two columns were joined by the export
    unflatten(pages)
    # 3. lay the text out: cells joined by a tab, lines by newlines, offsets kept
    parts: list[str] = []
    out_pages: list[Page] = []
    out_lines: list[Line] = []
    pos = 0
    for page, lines in zip(raw.pages, pages, strict=True):
        page_start = pos
        for raw_line, cells in zip(page.lines, lines, strict=True):
            line_start = pos
            made: list[Cell] = []
            for k, rc in enumerate(cells):
                if k:
                    pos += len(CELL_SEP)
                made.append(Cell(pos, pos + len(rc.text), rc.text, rc.x0, rc.x1))
                pos += len(rc.text)
            line_text = CELL_SEP.join(c.text for c in cells)
            out_lines.append(Line(len(out_lines), page.number, line_start, pos, line_text, tuple(made),
                                  raw_line.kind, raw_line.confidence))
            parts.append(line_text + "\n")
            pos += 1
        out_pages.append(Page(page.number, page_start, max(page_start, pos - 1), page.source, page.meta))
    meta = dict(raw.meta)
    meta["repairs"] = sorted(repairs)
    doc = Document(raw.path, raw.format, "".join(parts), out_pages, out_lines, [], meta)
    doc.sections = find_sections(doc)
    return doc


def find_sections(doc: Document) -> list[Section]:
    sections: list[Section] = []
    open_stack: list[Section] = []
    for ln in doc.lines:
        if not ln.cells or ln.is_table_row:
            continue
        first = ln.cells[0]
        if first.column == "right":
            continue
        h = heading_of(first.text)
        if not h:
            continue
        kind, number, title = h
        if kind == "roman":
            level = 1
        elif kind == "arabic":
            level = 2
        elif kind == "dotted":
            level = 1 + number.count(".") + 1
        else:  # letter: one below the innermost numeric section
            numeric = [s for s in open_stack if not s.number.isalpha()]
            level = (numeric[-1].level + 1) if numeric else 3
        while open_stack and open_stack[-1].level >= level:
            _close(open_stack.pop(), ln.index - 1, doc)
        sec = Section(number, level, title, ln.index, ln.index + 1, ln.index, ln.start, ln.end,
                      parent=open_stack[-1] if open_stack else None)
        if sec.parent:
            sec.parent.children.append(sec)
        sections.append(sec)
        open_stack.append(sec)
    while open_stack:
        _close(open_stack.pop(), len(doc.lines) - 1, doc)
    return sections


def _close(sec: Section, last_line: int, doc: Document) -> None:
    # trailing blank lines do not belong to the section
    while last_line > sec.heading_line and doc.lines[last_line].blank:
        last_line -= 1
    sec.last_line = last_line
    sec.end = doc.lines[last_line].end if last_line >= 0 else sec.end
