"""The record contract: what `kehoach extract` prints and the catalog stores, one per document.

Top-level keys follow the evaluation schema (``doc_type``, ``number``, ``issuer`` ... ``events``,
``venues``, ``responsibilities``) so a record can be compared with a hand-made answer as it is;
``path`` is the input path as given; richer detail lives under ``provenance``, ``details`` and
``source``. The JSON Schema file (``pipeline/schema/record.schema.json``) is generated from these
models (``kehoach schema``), so the three never drift apart.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_PATH = Path(__file__).parent / "schema" / "record.schema.json"


class Provenance(BaseModel):
    """Where a value stands: page (1-based) and character span into the normalised text."""

    page: int
    start: int
    end: int
    text: str


class Event(BaseModel):
    model_config = ConfigDict(extra="allow")

    what: str | None = Field(None, description="the activity as written")
    start: str | None = Field(None, description="ISO date or date-time, or YYYY-MM / YYYY")
    end: str | None = Field(None, description="inclusive end; null for a single day")
    venues: list[str] = Field(default_factory=list)
    kind: str = Field("event", description="event | deadline")
    precision: str | None = Field(None, description="minute | day | month | quarter | year")
    time_of_day: str | None = None
    tentative: bool = False
    participants: str | None = None
    responsible: str | None = None
    when_text: str | None = Field(None, description="the time expression as written")
    provenance: list[Provenance] = Field(default_factory=list)


class Responsibility(BaseModel):
    model_config = ConfigDict(extra="allow")

    party: str
    tasks: list[str] = Field(default_factory=list)
    deadlines: list[str] = Field(default_factory=list, description="ISO dates found inside the tasks")
    provenance: list[Provenance] = Field(default_factory=list)


class PageInfo(BaseModel):
    """How one page was read. ``words`` (OCR word boxes: text, x0, y0, x1, y1 as fractions of the
    page, confidence) go to the catalog's pages table, not into the printed record."""

    page: int
    source: str = Field(description="text | docx | pdf-text | ocr ...")
    ocr_confidence: float | None = None
    ocr_reason: str | None = Field(None, description="why the page was OCRed (no text layer, junk layer ...)")
    words: list[list[Any]] = Field(default_factory=list, exclude=True)


class Record(BaseModel):
    """One document's extracted record."""

    model_config = ConfigDict(extra="allow")

    path: str
    doc_type: str | None = None
    number: str | None = None
    issuer: str | None = None
    issuer_parent: str | None = None
    issue_place: str | None = None
    issue_date: str | None = None
    title: str | None = None
    signer_name: str | None = None
    signer_position: str | None = None
    signer_authority: str | None = None
    urgency: str | None = Field(None, description="HỎA TỐC | THƯỢNG KHẨN | KHẨN (Decree 30's urgency mark)")
    confidentiality: str | None = Field(None, description="MẬT | TỐI MẬT | TUYỆT MẬT (the confidentiality mark)")
    recipients: list[str] = Field(default_factory=list)
    participant_count: int | None = None
    events: list[Event] = Field(default_factory=list)
    venues: list[str] = Field(default_factory=list)
    responsibilities: list[Responsibility] = Field(default_factory=list)
    pages: list[PageInfo] = Field(default_factory=list, description="how each page was read")
    provenance: dict[str, list[Provenance]] = Field(
        default_factory=dict, description="field name -> where its value stands")
    review: dict[str, str] = Field(default_factory=dict, description="field -> why a person should check it")
    details: dict[str, Any] = Field(
        default_factory=dict, description="participants, budget, durations, recurring items, venue links ...")
    source: dict[str, Any] = Field(
        default_factory=dict, description="format, pages, sha256, encoding, repairs, OCR confidence ...")

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


from pipeline.header_fields import HEADER_FIELDS  # noqa: E402,F401  (re-exported)


def json_schema() -> dict[str, Any]:
    schema = Record.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "kehoach record"
    return schema


def write_schema(path: Path = SCHEMA_PATH) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
