"""From a file to a record: read, normalise, run every extractor. Pure: touches no catalog."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from extractors.footer import extract_footer
from extractors.header import extract_header
from extractors.marks import extract_marks
from extractors.signing import issue_day_from_signature
from pipeline.document import Document
from pipeline.read.build import build_document
from pipeline.read.readers import read
from pipeline.record import PageInfo, Provenance, Record


@dataclass
class Extraction:
    document: Document
    record: Record


def sha256_file(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def load_document(path: str | Path) -> Document:
    return build_document(read(path))


def extract_record(doc: Document, path: str | None = None) -> Record:
    """Run the header, footer and content extractors over a parsed document."""
    from extractors.content import extract_content  # the plan's content: events, venues, duties ...

    rec = Record(path=path if path is not None else doc.path)
    header = extract_header(doc)
    footer = extract_footer(doc, header.body_start)
    for name in ("doc_type", "number", "issuer", "issuer_parent", "issue_place", "issue_date", "title"):
        _put(rec, name, getattr(header, name))
    signed_day = issue_day_from_signature(doc, header.issue_date)
    if signed_day is not None:
        _put(rec, "issue_date", signed_day)
    for name in ("signer_name", "signer_position", "signer_authority"):
        _put(rec, name, getattr(footer, name))
    urgency, confidentiality = extract_marks(doc, header.body_start)
    _put(rec, "urgency", urgency)
    _put(rec, "confidentiality", confidentiality)
    rec.recipients = [r.value for r in footer.recipients]
    if footer.recipients:
        rec.provenance["recipients"] = [Provenance(**s.as_dict()) for r in footer.recipients for s in r.spans]
    extract_content(doc, rec, header=header, footer=footer)
    rec.source = {
        "format": doc.format,
        "pages": len(doc.pages),
        "page_sources": [p.source for p in doc.pages],
        **{k: v for k, v in doc.meta.items() if k in ("encoding", "repairs", "signatures", "converter")},
    }
    rec.pages = [PageInfo(page=p.number, source=p.source,
                          ocr_confidence=round(p.meta["ocr_confidence"], 1) if p.meta.get("ocr_confidence") else None,
                          ocr_reason=p.meta.get("ocr_reason"), words=p.meta.get("words") or [])
                 for p in doc.pages]
    ocr = [p.meta.get("ocr_confidence") for p in doc.pages if p.source == "ocr"]
    if ocr:
        rec.source["ocr_confidence"] = [round(c, 1) if c is not None else None for c in ocr]
    # the OCR reader flags the header slots it could not read ("number", "day" of issue)
    slot_field = {"number": "number", "day": "issue_date", "month": "issue_date", "date": "issue_date"}
    for p in doc.pages:
        for item in p.meta.get("review", []) or []:
            rec.review.setdefault(slot_field.get(item, item), f"page {p.number}: OCR could not read it reliably")
    return rec


def _put(rec: Record, name: str, f) -> None:
    if f is None:
        return
    if f.value is not None:
        setattr(rec, name, f.value)
    if f.spans:
        rec.provenance[name] = [Provenance(**s.as_dict()) for s in f.spans]
    if f.review:
        rec.review[name] = f.review


def extract_file(path: str | Path) -> Extraction:
    """Read and extract one file. Raises pipeline.errors.KehoachError subclasses on bad input."""
    doc = load_document(path)
    rec = extract_record(doc, str(path))
    rec.source["sha256"] = sha256_file(path)
    return Extraction(doc, rec)
