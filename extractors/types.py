"""Typed values that extractors return: a value plus where it stands in the document."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pipeline.document import Document, Span

T = TypeVar("T")


@dataclass
class Found(Generic[T]):
    """An extracted value with its provenance (spans into ``Document.text``)."""

    value: T
    spans: list[Span] = field(default_factory=list)
    review: str | None = None  # why a person should check it (e.g. "handwritten number not read")

    def provenance(self) -> list[dict[str, Any]]:
        return [s.as_dict() for s in self.spans]


def found(doc: Document, value: T, *ranges: tuple[int, int]) -> Found[T]:
    return Found(value, [doc.span(a, b) for a, b in ranges])


def on_scan(doc: Document, offset: int) -> bool:
    """Whether the text at ``offset`` was read by OCR (a scanned page): blanks there may be ink the
    recogniser missed, and marks may be lost, where on a born-digital page they are the document's."""
    return bool(doc.pages) and doc.pages[doc.page_at(offset) - 1].source == "ocr"


# a line holding only a page's number ("3", "- 12 -"): page furniture, never part of the text around it
PAGE_NUMBER_LINE = re.compile(r"[-–\s]*\d{1,3}[-–\s]*")
