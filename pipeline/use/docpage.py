"""What the web document page (``/-/kehoach/doc/ID``) shows, read from the catalog.

``document_view`` gathers one document for a person: the Decree-30 fields with Vietnamese labels,
each with the words it was read from (its line, the value marked) and its page; events, duties,
review flags, the urgency and confidentiality marks, the pages and how each was read.
``value_boxes`` finds a value's words among a page's word boxes, so the page image can show where
it stands. Neither writes anything; rendering is the template's job (templates/kehoach_doc.html).
"""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from dataclasses import dataclass, field
from typing import Any

# Decree 30/2020/NĐ-CP's parts of an administrative document, in the order they stand on the page
FIELD_LABELS: dict[str, str] = {
    "urgency": "Mức độ khẩn",
    "confidentiality": "Mức độ mật",
    "issuer_parent": "Cơ quan chủ quản",
    "issuer": "Cơ quan ban hành",
    "number": "Số, ký hiệu",
    "issue_place": "Địa danh",
    "issue_date": "Ngày ban hành",
    "doc_type": "Loại văn bản",
    "title": "Trích yếu nội dung",
    "participant_count": "Số người tham gia",
    "recipients": "Nơi nhận",
    "signer_authority": "Thẩm quyền ký",
    "signer_position": "Chức vụ người ký",
    "signer_name": "Người ký",
}
SOURCE_LABELS = {"ocr": "nhận dạng chữ (OCR)", "pdf-text": "lớp chữ của PDF", "text": "văn bản",
                 "docx": "Word", "html": "trang web"}
KIND_LABELS = {"event": "sự kiện", "deadline": "hạn chót"}
IMAGE_FORMATS = ("pdf", "image")  # formats whose pages can be shown as images


@dataclass
class Value:
    """One field of the document, as shown: its value and where it was read."""

    key: str
    label: str
    value: str | None  # as shown (lists joined by "; ")
    raw: Any  # as stored
    page: int | None = None
    start: int | None = None
    end: int | None = None
    read_from: str | None = None  # the text at the value's span
    before: str = ""  # the rest of its line, before and after the span
    after: str = ""
    review: str | None = None  # why a person should check it
    spans: list[dict[str, Any]] = field(default_factory=list)  # every provenance span


def shown(value: Any) -> str | None:
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def _context(text: str, start: int, end: int) -> tuple[str, str]:
    """The rest of the cell (tab-separated piece of a line) around [start, end)."""
    left = max(text.rfind("\n", 0, start), text.rfind("\t", 0, start)) + 1
    stops = [i for i in (text.find("\n", end), text.find("\t", end)) if i >= 0]
    right = min(stops) if stops else len(text)
    return text[left:start], text[end:right]


def _value(key: str, label: str, raw: Any, spans: list[dict[str, Any]], text: str,
           review: str | None) -> Value:
    v = Value(key, label, shown(raw), raw, review=review, spans=spans)
    if spans:
        first = spans[0]
        v.page, v.start, v.end = first.get("page"), first.get("start"), first.get("end")
        v.read_from = first.get("text")
        if (isinstance(v.start, int) and isinstance(v.end, int) and 0 <= v.start <= v.end <= len(text)
                and _key(text[v.start:v.end]) == _key(v.read_from or "")):
            v.before, v.after = _context(text, v.start, v.end)
    return v


def _loads(value: str | None, default: Any) -> Any:
    try:
        return json.loads(value) if value else default
    except ValueError:
        return default


def document_view(conn: sqlite3.Connection, doc_id: int) -> dict[str, Any] | None:
    """Everything the document page shows, or None when there is no such document."""
    from pipeline.catalog.db import unpack_record, unpack_text

    conn.row_factory = sqlite3.Row
    row = conn.execute("select id, sha256, path, format, pages, record, text_norm, twin_of from documents "
                       "where id = ?", [doc_id]).fetchone()
    if row is None:
        return None
    rec = unpack_record(row["record"], row["text_norm"])
    text = unpack_text(row["text_norm"])
    prov = rec.get("provenance") or {}
    review = {k: str(v) for k, v in (rec.get("review") or {}).items()}
    values = [_value(k, label, rec.get(k), prov.get(k) or [], text, review.get(k))
              for k, label in FIELD_LABELS.items()]
    files = [dict(r) for r in conn.execute(
        "select path, missing_since from files where sha256 = ? order by missing_since is not null, rowid",
        [row["sha256"]])]
    pages = [dict(r) for r in conn.execute(
        "select page, source, ocr_confidence, ocr_reason, words is not null as has_words from pages "
        "where document_id = ? order by page", [doc_id])]
    for p in pages:
        p["source_label"] = SOURCE_LABELS.get(p["source"], p["source"])
    events = []
    for i, e in enumerate(rec.get("events") or []):
        spans = e.get("provenance") or []
        ev = _value(f"event-{i}", "Sự kiện", e.get("what"), spans, text, None)
        events.append({**e, "key": ev.key, "page": ev.page, "venues_shown": shown(e.get("venues")),
                       "kind_label": KIND_LABELS.get(e.get("kind") or "", e.get("kind")), "value": ev})
    duties = [{"party": r.get("party"), "tasks": r.get("tasks") or [], "deadlines": r.get("deadlines") or []}
              for r in rec.get("responsibilities") or []]
    # the same plan in other files (twins: same number, issuer and year), each with a page of its own
    root = row["twin_of"] or row["id"]
    twins = [dict(r) for r in conn.execute(
        "select t.id, t.format, coalesce((select f.path from files f where f.sha256 = t.sha256 "
        "order by f.missing_since is not null, f.rowid limit 1), t.path) as path from documents t "
        "where t.id != ? and (t.id = ? or t.twin_of = ?) order by t.id", [doc_id, root, root])]
    labelled_review = [(FIELD_LABELS.get(k, k), k, why) for k, why in review.items()]
    return {
        "id": row["id"], "sha256": row["sha256"], "path": row["path"], "format": row["format"],
        "page_count": row["pages"] or len(pages) or 1, "record": rec, "text": text,
        "values": values, "events": events, "duties": duties, "review": labelled_review,
        "files": files, "twins": twins, "pages": pages, "has_images": row["format"] in IMAGE_FORMATS,
        "marks": [v for v in values if v.key in ("urgency", "confidentiality") and v.value],
        "venues": rec.get("venues") or [],
    }


def page_words(conn: sqlite3.Connection, doc_id: int, page: int) -> list[list[Any]] | None:
    """The stored word boxes of a page (scans), or None."""
    row = conn.execute("select words from pages where document_id = ? and page = ?", [doc_id, page]).fetchone()
    return _loads(row[0], None) if row and row[0] else None


# --------------------------------------------------------------------------------------------
# a value among the page's words


def _key(s: str) -> str:
    """Letters and digits only, without marks, lower case: robust to OCR's spacing and tone slips."""
    s = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in s if c.isalnum() and not unicodedata.combining(c)).casefold()


def _find(needle: str, hay: str, lo: int, hi: int) -> tuple[int, int] | None:
    """[start, end) of needle in hay[lo:hi]: exactly, else the best fuzzy alignment (>= 80)."""
    if not needle:
        return None
    i = hay.find(needle, lo, hi)
    if i >= 0:
        return i, i + len(needle)
    from rapidfuzz import fuzz

    if len(needle) < 4:
        return None
    al = fuzz.partial_ratio_alignment(needle, hay[lo:hi], score_cutoff=80)
    return (lo + al.dest_start, lo + al.dest_end) if al else None


def value_boxes(words: list[list[Any]], value_text: str, before: str = "", after: str = "") -> list[list[float]]:
    """Boxes [x0, y0, x1, y1] (fractions of the page) around the words that read ``value_text``, one
    box per line it spans. The value's line (``before`` + value + ``after``) is found first, so a
    value written twice on the page is found where it was read."""
    keys = [_key(str(w[0])) for w in words]
    owner: list[int] = []  # character of the joined keys -> word index
    for i, k in enumerate(keys):
        owner.extend([i] * len(k))
    hay = "".join(keys)
    lo, hi = 0, len(hay)
    context = _key(before + value_text + after)
    if before or after:
        found = _find(context, hay, 0, len(hay))
        if found:
            lo, hi = found
    span = _find(_key(value_text), hay, lo, hi) or (_find(_key(value_text), hay, 0, len(hay)) if lo or
                                                     hi < len(hay) else None)
    if not span:
        return []
    chosen = sorted(set(owner[span[0]:span[1]]))
    lines: list[list[float]] = []
    for i in chosen:
        x0, y0, x1, y1 = (float(v) for v in words[i][1:5])
        for box in lines:  # same line: vertical overlap of more than half the word's height
            if min(y1, box[3]) - max(y0, box[1]) > (y1 - y0) / 2:
                box[:] = [min(box[0], x0), min(box[1], y0), max(box[2], x1), max(box[3], y1)]
                break
        else:
            lines.append([x0, y0, x1, y1])
    return [[round(v, 4) for v in box] for box in lines]


_ID = re.compile(r"^(event-\d+|[a-z_]+)$")


def selected(view: dict[str, Any], key: str | None) -> Value | None:
    """The value (field or event) a visitor selected, by key."""
    if not key or not _ID.match(key):
        return None
    for v in view["values"]:
        if v.key == key:
            return v
    for e in view["events"]:
        if e["key"] == key:
            return e["value"]
    return None
