"""Corrections: values a person set or filled in, kept apart from extraction and applied everywhere.

Field keys (``kehoach correct ID FIELD VALUE``):

- a header field: doc_type, number, issuer, issuer_parent, issue_place, issue_date, title,
  signer_name, signer_position, signer_authority; the marks urgency and confidentiality;
  participant_count;
- an event's field: ``events.N.start``, ``events.N.end``, ``events.N.what``, ``events.N.venues``
  with N the event's 1-based position as `kehoach show ID` lists it.

Values: dates as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (``15/7/2023`` is taken as 2023-07-15; an
event's start or end may carry a time: ``2023-07-15T08:00``); urgency and confidentiality one of
Decree 30's marks; venues separated by ``;``; an empty value says the field has no value. ``None``
(``--clear``) drops the correction: the extracted value is back.

How it applies without every reader knowing: the ``corrections`` table is the source of truth, one
row per change (who, when, the extracted value, the new one; the active row of a field has no
``cleared_at``), keyed by the content hash it was made on. ``materialise`` writes the active
corrections into the document's rows (documents columns, events rows, the full-text title, the
provenance rows' values, the record JSON) and takes their flags off ``review``; the record keeps
``corrected: {field: {value, was, who, at}}`` so a page can show "corrected (was …)". It runs after
every correction and every (re-)extraction of the document, so `ingest --force` and a changed file
keep them: when a file changes (new hash, same document id), a correction is carried to the new
version if the new extraction still gives the value that was corrected, dropped if the new version
already says what the person said, and otherwise kept as *stale* (not applied, listed by
``review_queue`` for a person to decide).
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import re
import unicodedata
from typing import TYPE_CHECKING, Any

from pipeline.catalog import db as catalog
from pipeline.header_fields import HEADER_FIELDS

if TYPE_CHECKING:
    import sqlite_utils


class CorrectionError(ValueError):
    """An unknown document or field, or a value the field cannot hold."""


CORRECTABLE: dict[str, str] = {
    "doc_type": "Tên loại văn bản",
    "number": "Số, ký hiệu",
    "issuer": "Cơ quan ban hành",
    "issuer_parent": "Cơ quan chủ quản",
    "issue_place": "Địa danh",
    "issue_date": "Ngày ban hành",
    "title": "Trích yếu",
    "signer_name": "Người ký",
    "signer_position": "Chức vụ người ký",
    "signer_authority": "Thẩm quyền ký",
    "urgency": "Độ khẩn",
    "confidentiality": "Độ mật",
    "participant_count": "Số người tham dự",
    "recipients": "Nơi nhận",
    "events.N.start": "Sự kiện N: bắt đầu",
    "events.N.end": "Sự kiện N: kết thúc",
    "events.N.what": "Sự kiện N: nội dung",
    "events.N.venues": "Sự kiện N: địa điểm",
}
EVENT_FIELDS = ("start", "end", "what", "venues")
_LISTS = ("venues", "recipients")  # typed as "a; b; c"
_EVENT_KEY = re.compile(r"events\.(\d+)\.(start|end|what|venues)")
_DOC_COLUMNS = (*HEADER_FIELDS, "participant_count")  # fields that are also documents columns


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _who(who: str | None) -> str:
    if who:
        return who
    try:
        return os.environ.get("USER") or getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


def label(field: str) -> str:
    """The Vietnamese label of a field key ("events.3.start" -> "Sự kiện 3: bắt đầu")."""
    m = _EVENT_KEY.fullmatch(field)
    if m:
        return CORRECTABLE[f"events.N.{m[2]}"].replace("N", m[1])
    return CORRECTABLE.get(field, field)


# --------------------------------------------------------------------------------------------
# values


def _check_field(field: str, record: dict[str, Any]) -> None:
    m = _EVENT_KEY.fullmatch(field)
    if m:
        n = int(m[1])
        if not 1 <= n <= len(record.get("events") or []):
            raise CorrectionError(f"no event {n} in this document (it has {len(record.get('events') or [])})")
        return
    if field not in CORRECTABLE or field.startswith("events."):
        raise CorrectionError(f"not a field that can be corrected: {field!r} (one of "
                              f"{', '.join(k for k in CORRECTABLE)}, N the event's 1-based position)")


_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})[T ](\d{1,2})[:h](\d{2})")


def _date(value: str, field: str, with_time: bool) -> str:
    s = value.strip()
    if m := _DMY.fullmatch(s):
        s = f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}"
    if with_time and (m := _TIME.fullmatch(s)):
        day, hour, minute = m[1], int(m[2]), int(m[3])
        try:
            dt.date.fromisoformat(day)
            dt.time(hour, minute)
        except ValueError as e:
            raise CorrectionError(f"{field}: not a date and time: {value!r} ({e})") from e
        return f"{day}T{hour:02d}:{minute:02d}"
    m = _ISO.fullmatch(s)
    try:
        if not m:
            raise ValueError("use YYYY, YYYY-MM or YYYY-MM-DD" + (" (or YYYY-MM-DDTHH:MM)" if with_time else ""))
        dt.date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
    except ValueError as e:
        raise CorrectionError(f"{field}: not a date: {value!r} ({e})") from e
    return s


def parse_value(field: str, value: str) -> Any:
    """The stored form of a value typed for ``field`` (raises CorrectionError)."""
    value = unicodedata.normalize("NFC", value).strip()
    attr = field.rsplit(".", 1)[-1]
    if value == "":
        return [] if attr in _LISTS else None
    if attr in _LISTS:
        return [v.strip() for v in value.split(";") if v.strip()]
    if field == "issue_date":
        return _date(value, field, with_time=False)
    if attr in ("start", "end"):
        return _date(value, field, with_time=True)
    if field in ("urgency", "confidentiality"):
        from extractors.marks import CONFIDENTIALITY, URGENCY

        allowed = URGENCY if field == "urgency" else CONFIDENTIALITY
        if value.upper() not in allowed:
            raise CorrectionError(f"{field}: one of {', '.join(allowed)}, not {value!r}")
        return value.upper()
    if field == "participant_count":
        if not value.isdigit():
            raise CorrectionError(f"participant_count: a whole number, not {value!r}")
        return int(value)
    return value


def _check_order(record: dict[str, Any], field: str, value: Any) -> None:
    """An event may not start after it ends (compared on the days the values cover)."""
    m = _EVENT_KEY.fullmatch(field)
    if not m or m[2] not in ("start", "end") or not value:
        return
    ev = record["events"][int(m[1]) - 1]
    start, end = (value, ev.get("end")) if m[2] == "start" else (ev.get("start"), value)
    if start and end and start[:10] > end[:10] and not end.startswith(start[:len(end)]):
        raise CorrectionError(f"{field}: the event would start ({start}) after its end ({end})")


def _dump(value: Any) -> str | None:
    """A value as the corrections table keeps it (text; a list of venues as JSON)."""
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list) else str(value)


def _load(field: str, text: str | None) -> Any:
    if text is None:
        return [] if field.rsplit(".", 1)[-1] in _LISTS else None
    if field.rsplit(".", 1)[-1] in _LISTS:
        return json.loads(text)
    return int(text) if field == "participant_count" else text


def _precision(value: str | None) -> str | None:
    if not value:
        return None
    return "minute" if "T" in value else {4: "year", 7: "month"}.get(len(value), "day")


def _get(record: dict[str, Any], field: str) -> Any:
    m = _EVENT_KEY.fullmatch(field)
    if m:
        events = record.get("events") or []
        n = int(m[1])
        if not 1 <= n <= len(events):
            return None
        v = events[n - 1].get(m[2])
        return list(v or []) if m[2] == "venues" else v
    return record.get(field)


def _set(record: dict[str, Any], field: str, value: Any, precision: str | None = None) -> None:
    m = _EVENT_KEY.fullmatch(field)
    if m:
        ev = record["events"][int(m[1]) - 1]
        ev[m[2]] = value
        if m[2] == "start":
            ev["precision"] = precision if precision is not None else _precision(value)
    else:
        record[field] = value


# --------------------------------------------------------------------------------------------
# applying


def materialise(db: sqlite_utils.Database, doc_id: int) -> None:
    """Write the document's active corrections into its rows (see the module docstring). Idempotent:
    the values corrected before are first put back as extracted. Call inside a write transaction."""
    from pipeline.catalog import db as catalog

    row = db.execute("select sha256, record, text_norm from documents where id = ?", [doc_id]).fetchone()
    if row is None:
        return
    sha, record = row[0], catalog.unpack_record(row[1], row[2])
    before = record.pop("corrected", {}) or {}
    review = record.get("review") or {}
    for field, entry in before.items():  # back to the extracted values
        if _get_ok(record, field):
            _set(record, field, entry.get("was"), entry.get("was_precision"))
        if entry.get("review"):
            review[field] = entry["review"]
    corrected: dict[str, Any] = {}
    for c in db.execute("select field, value, who, at from corrections where sha256 = ? and cleared_at is null "
                        "and stale is null order by id", [sha]).fetchall():
        field, value = c[0], _load(c[0], c[1])
        if not _get_ok(record, field):
            continue
        entry: dict[str, Any] = {"value": value, "was": _get(record, field), "who": c[2], "at": c[3]}
        if field.endswith(".start"):
            entry["was_precision"] = record["events"][int(field.split(".")[1]) - 1].get("precision")
        if field in review:
            entry["review"] = review.pop(field)
        _set(record, field, value)
        corrected[field] = entry
    if corrected:
        record["corrected"] = corrected
    record["review"] = review
    touched = set(before) | set(corrected)
    doc_cols = {f: record.get(f) for f in _DOC_COLUMNS if f in touched}
    if "issue_date" in doc_cols:
        doc_cols["issue_year"] = int(record["issue_date"][:4]) if record.get("issue_date") else None
    if "title" in doc_cols:
        from pipeline.read.normalise import one_tone_placement

        catalog._fts_delete(db, doc_id)
        doc_cols["title_norm"] = one_tone_placement(record.get("title") or "")
    regroup = bool(doc_cols.keys() & {"number", "issuer", "issue_date"})  # the same plan as another file?
    key_before = catalog._plan_key(db, doc_id)
    if regroup:
        doc_cols["twin_of"] = None
    doc_cols["record"] = catalog.pack_record(record, row[2])
    doc_cols["review"] = json.dumps(review, ensure_ascii=False) if review else None
    sets = ", ".join(f"[{k}] = ?" for k in doc_cols)
    db.execute(f"update documents set {sets} where id = ?", [*doc_cols.values(), doc_id])
    if regroup:
        db.execute("update documents set twin_of = null where twin_of = ?", [doc_id])
        catalog.regroup(db, key_before, catalog._plan_key(db, doc_id))
    if "title" in doc_cols:
        text = db.execute("select text_norm from documents where id = ?", [doc_id]).fetchone()[0]
        catalog._fts_insert(db, doc_id, doc_cols["title_norm"], text)
    for field in touched:
        m = _EVENT_KEY.fullmatch(field)
        if m:
            if not _get_ok(record, field):
                continue
            ev = record["events"][int(m[1]) - 1]
            db.execute("update events set what = ?, start = ?, [end] = ?, venues = ?, precision = ? "
                       "where document_id = ? and position = ?",
                       [ev.get("what"), ev.get("start"), ev.get("end"),
                        json.dumps(ev.get("venues") or [], ensure_ascii=False), ev.get("precision"),
                        doc_id, int(m[1]) - 1])
    if any(f.endswith(".venues") for f in touched):
        # venue search reads the venues rows: the plan's places as extracted, and as corrected
        names = list(record.get("venues") or []) + [v for ev in record.get("events") or []
                                                    for v in ev.get("venues") or []]
        corrected_out = {v for f, e in before.items() if f.endswith(".venues") for v in e.get("was") or []}
        kept = {v for ev in record.get("events") or [] for v in ev.get("venues") or []}
        names = [v for v in names if v in kept or v not in corrected_out]
        catalog.write_venues(db, doc_id, names, (record.get("details") or {}).get("venue_links", []))


def _get_ok(record: dict[str, Any], field: str) -> bool:
    """Whether the record has the place a field key names (an event position may be gone)."""
    m = _EVENT_KEY.fullmatch(field)
    return not m or 1 <= int(m[1]) <= len(record.get("events") or [])


def _extracted(record: dict[str, Any], field: str) -> Any:
    """The value extraction gave (the record may hold a correction of it)."""
    entry = (record.get("corrected") or {}).get(field)
    return entry["was"] if entry else _get(record, field)


def carry(db: sqlite_utils.Database, doc_id: int, old_sha: str, new_sha: str) -> None:
    """The document's file changed (``old_sha`` -> ``new_sha``, its record just rewritten from the new
    extraction): carry each active correction of the earlier version over, or mark it stale."""
    row = db.execute("select record, text_norm from documents where id = ?", [doc_id]).fetchone()
    record = catalog.unpack_record(row[0], row[1])
    for c in list(db.query("select * from corrections where sha256 = ? and cleared_at is null", [old_sha])):
        field = c["field"]
        now_reads = _dump(_get(record, field)) if _get_ok(record, field) else None
        if _get_ok(record, field) and now_reads == c["value"]:
            continue  # the new version says what the person said
        stale = None
        if not _get_ok(record, field) or now_reads != c["extracted"]:
            stale = (f"corrected on an earlier version, which read {c['extracted']!r}; this version reads "
                     f"{now_reads!r}: correct it again or clear it")
        db.execute("delete from corrections where sha256 = ? and field = ? and cleared_at is null", [new_sha, field])
        db["corrections"].insert({**{k: c[k] for k in ("field", "value", "who", "at")}, "document_id": doc_id,
                                  "sha256": new_sha, "extracted": now_reads if stale else c["extracted"],
                                  "stale": stale})


def reattach(db: sqlite_utils.Database, doc_id: int, sha: str) -> bool:
    """Point the corrections made on this content (a document pruned and catalogued again) at its new
    id; True when there were any."""
    return db.execute("update corrections set document_id = ? where sha256 = ? and cleared_at is null",
                      [doc_id, sha]).rowcount > 0


# --------------------------------------------------------------------------------------------
# the API for the command line and the web edit form


def correct(db: sqlite_utils.Database, doc_id: int, field: str, value: str | None,
            who: str | None = None) -> dict[str, Any]:
    """Set ``field`` of document ``doc_id`` to ``value`` (None: clear the correction, the extracted
    value is back). Returns the correction row. Raises CorrectionError."""
    from pipeline.catalog.db import write_transaction

    field = field.strip()
    who = _who(who)
    with write_transaction(db):
        row = db.execute("select sha256, record, text_norm from documents where id = ?", [doc_id]).fetchone()
        if row is None:
            raise CorrectionError(f"no document {doc_id}")
        sha, record = row[0], catalog.unpack_record(row[1], row[2])
        _check_field(field, record)
        active = next(iter(db.query("select * from corrections where sha256 = ? and field = ? "
                                    "and cleared_at is null", [sha, field])), None)
        now = _now()
        if value is None:
            if active is None:
                raise CorrectionError(f"document {doc_id} has no correction of {field}")
            db.execute("update corrections set cleared_at = ?, cleared_by = ? where id = ?", [now, who, active["id"]])
            materialise(db, doc_id)
            return {**active, "cleared_at": now, "cleared_by": who}
        stored = parse_value(field, value)
        _check_order(record, field, stored)
        if active is not None:  # superseded: the history keeps it
            db.execute("update corrections set cleared_at = ?, cleared_by = ? where id = ?", [now, who, active["id"]])
        new = {"document_id": doc_id, "sha256": sha, "field": field, "extracted": _dump(_extracted(record, field)),
               "value": _dump(stored), "who": who, "at": now, "cleared_at": None, "cleared_by": None,
               "stale": None}
        new["id"] = db["corrections"].insert(new).last_pk
        materialise(db, doc_id)
        return new


def corrections_for(db: Any, doc_id: int) -> list[dict[str, Any]]:
    """The document's active corrections (of its current content): field, label, extracted, value,
    who, at, stale (None, or why it is not applied)."""
    return [{**r, "label": label(r["field"])} for r in db.query(
        "select c.field, c.extracted, c.value, c.who, c.at, c.stale from corrections c join documents d "
        "on d.sha256 = c.sha256 where d.id = ? and c.cleared_at is null order by c.id", [doc_id])]


def history(db: Any, doc_id: int) -> list[dict[str, Any]]:
    """The document's versions, the current one first: sha256, ingested_at, replaced_at, path and the
    header values each version read."""
    cur = list(db.query("select sha256, ingested_at, null as replaced_at, path, record, text_norm from documents "
                        "where id = ?", [doc_id]))
    if not cur:
        return []
    cur[0]["path"] = next(iter(db.execute(
        "select path from files where document_id = ? and sha256 = ? order by missing_since is not null, rowid "
        "limit 1", [doc_id, cur[0]["sha256"]]).fetchall()), (cur[0]["path"],))[0]
    rows = cur + list(db.query("select sha256, ingested_at, replaced_at, path, record, null as text_norm from versions "
                               "where document_id = ? order by id desc", [doc_id]))
    out = []
    for i, r in enumerate(rows):
        rec = catalog.unpack_record(r.pop("record"), r.pop("text_norm"))
        out.append({"version": len(rows) - i, "current": i == 0, **r,
                    **{k: rec.get(k) for k in ("number", "issue_date", "title")},
                    "events": len(rec.get("events") or [])})
    return out


def review_queue(db: Any) -> list[dict[str, Any]]:
    """The values flagged for a person and not yet corrected, one row per flag (document_id, title,
    path, field, value, why), and the stale corrections (why says what changed)."""
    out = []
    for doc_id, title, review, record, text in db.execute(
            "select id, title, review, record, text_norm from documents where review is not null "
            "order by id").fetchall():
        rec = catalog.unpack_record(record, text)
        for field, why in json.loads(review).items():
            out.append({"document_id": doc_id, "title": title, "path": _path(db, doc_id), "field": field,
                        "value": _dump(_get(rec, field)) if _get_ok(rec, field) else None, "why": why})
    for r in db.query("select c.document_id, d.title, c.field, c.extracted, c.stale from corrections c "
                      "join documents d on d.id = c.document_id and d.sha256 = c.sha256 "
                      "where c.cleared_at is null and c.stale is not null order by c.document_id, c.id"):
        out.append({"document_id": r["document_id"], "title": r["title"], "path": _path(db, r["document_id"]),
                    "field": r["field"], "value": r["extracted"], "why": r["stale"]})
    return out


def _path(db: Any, doc_id: int) -> str | None:
    row = db.execute("select f.path from files f join documents d on d.id = f.document_id and f.sha256 = d.sha256 "
                     "where d.id = ? order by f.missing_since is not null, f.rowid limit 1", [doc_id]).fetchone()
    return row[0] if row else None
