"""The shared document model.

Every reader produces a :class:`RawDocument` (pages of lines of cells, with positions where the
format knows them); :func:`pipeline.read.build.build_document` normalises it into a :class:`Document`.
Extractors read only the :class:`Document`: its normalised ``text`` and views into it (pages,
lines, cells, sections), each carrying character offsets into ``text`` so any extracted value can
be traced back to where it stands.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

# ---------------------------------------------------------------------------------------------
# What readers produce


@dataclass
class RawCell:
    """A run of text on one line; ``x0``/``x1`` are fractions of the page width when known."""

    text: str
    x0: float | None = None
    x1: float | None = None


@dataclass
class RawLine:
    cells: list[RawCell]
    kind: str = "text"  # "text" or "table" (a table row: one cell per column)
    confidence: float | None = None  # OCR confidence 0..100 where known


@dataclass
class RawPage:
    number: int  # 1-based
    lines: list[RawLine]
    source: str = "text"  # text | docx | pdf-text | ocr | ...
    meta: dict[str, Any] = field(default_factory=dict)  # OCR confidence, word boxes, stamps ...


@dataclass
class RawDocument:
    path: str
    format: str  # txt | docx | pdf | image | ...
    pages: list[RawPage]
    meta: dict[str, Any] = field(default_factory=dict)  # encoding, repairs, signatures ...


# ---------------------------------------------------------------------------------------------
# The normalised document


@dataclass(frozen=True)
class Cell:
    """A column piece of a line (two-column headers, table cells)."""

    start: int
    end: int
    text: str
    x0: float | None = None
    x1: float | None = None

    @property
    def column(self) -> str:
        """'left', 'right' or 'full' by where the cell stands on the page."""
        if self.x0 is None:
            return "full"
        if self.x0 >= 0.42:
            return "right"
        if self.x1 is not None and self.x1 <= 0.6:
            return "left"
        return "full"


@dataclass(frozen=True)
class Line:
    index: int
    page: int
    start: int
    end: int
    text: str
    cells: tuple[Cell, ...]
    kind: str = "text"
    confidence: float | None = None

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    @property
    def is_table_row(self) -> bool:
        return self.kind == "table"


@dataclass(frozen=True)
class Page:
    number: int
    start: int
    end: int
    source: str
    meta: dict[str, Any]


@dataclass
class Section:
    """A numbered heading ("I.", "1.", "3.1", "a)") and the lines under it, up to the next
    heading of the same or a higher level."""

    number: str
    level: int
    title: str
    heading_line: int  # index into Document.lines
    first_line: int  # first body line index
    last_line: int  # last body line index (inclusive); < first_line when empty
    start: int
    end: int
    parent: Section | None = field(default=None, repr=False)
    children: list[Section] = field(default_factory=list, repr=False)

    def path(self) -> list[Section]:
        out, s = [], self
        while s is not None:
            out.append(s)
            s = s.parent
        return out[::-1]


@dataclass(frozen=True)
class Span:
    """A piece of the document's text: the provenance of an extracted value."""

    start: int
    end: int
    page: int
    text: str

    def as_dict(self) -> dict[str, Any]:
        return {"page": self.page, "start": self.start, "end": self.end, "text": self.text}


@dataclass
class Document:
    path: str
    format: str
    text: str
    pages: list[Page]
    lines: list[Line]
    sections: list[Section]  # all sections in document order (tree via parent/children)
    meta: dict[str, Any] = field(default_factory=dict)
    _line_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._line_starts = [ln.start for ln in self.lines]

    # -- lookups -----------------------------------------------------------------------------
    def page_at(self, offset: int) -> int:
        for p in self.pages:
            if p.start <= offset <= p.end:
                return p.number
        return self.pages[-1].number if self.pages else 1

    def line_at(self, offset: int) -> Line:
        i = max(0, bisect.bisect_right(self._line_starts, offset) - 1)
        return self.lines[i]

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.page_at(start), self.text[start:end])

    def section_at(self, line_index: int) -> Section | None:
        """The innermost section whose body holds the line."""
        best = None
        for s in self.sections:
            if s.first_line <= line_index <= s.last_line and (best is None or s.level >= best.level):
                best = s
        return best

    def section_lines(self, section: Section) -> list[Line]:
        return self.lines[section.first_line : section.last_line + 1]

    def iter_cells(self) -> Iterator[tuple[Line, Cell]]:
        for ln in self.lines:
            for c in ln.cells:
                yield ln, c

    @property
    def content_lines(self) -> list[Line]:
        return [ln for ln in self.lines if not ln.blank]
