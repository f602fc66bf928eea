"""The catalog: one SQLite file (sqlite-utils), written one document per transaction.

Tables
- documents: one row per distinct content (sha256), header fields, the text (``text_norm``, stored
  zlib-compressed: ``unpack_text`` reads it), the whole record JSON (``record``, zlib-compressed
  since schema 8: ``unpack_record`` reads it, and in SQL ``kehoach_record(record)`` is its JSON)
- files: every path seen, pointing at its document (renamed or copied files share a document)
- fields, responsibilities, recipients: views over the record (schema 8; tables before): the
  provenance of every extracted value (field, value, page, character span), the duties, the
  recipients, one row each. The record is their one copy; the views need the SQL functions
  ``register_functions`` adds to a connection (every connection the project opens has them)
- events, venues: the record's lists that queries filter on, one row each
- errors: files that could not be read (path, sha256, stage, reason, attempts)
- raw_paths: the bytes of file names that are not UTF-8 (``path`` holds them \\xNN-escaped,
  pipeline.paths); roots: the folders and files given to ingest/watch (``serve`` serves only under them)
- files.missing_since: set when a catalogued file is gone from disk (search leaves out documents
  whose every file is missing), cleared when it returns
- documents_fts: FTS5 over the title and text twice: as written (NFC, one tone placement) and
  folded (no marks, đ→d), so "dong nai" finds "Đồng Nai" and exact spellings rank first. The index
  is contentless: the text is stored once (documents.text_norm), the folded form only in the index.
- venue_names: each distinct venue name once (venues.name_id points at it), for venue matching.
- corrections: values a person set (pipeline.catalog.corrections), keyed by the content hash they
  were made on; applied into documents/events/record on every write, so every reader sees them.
  documents.review holds the flags still open (JSON, null when none) for the review queue.
- versions: the earlier contents of a document whose file changed (the id stays, the record of each
  earlier version is kept here: ``kehoach history ID``).
The catalog stores and queries; it never parses text.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.catalog.packing import (  # noqa: F401 (pack_text, unpack_record: the catalog's API)
    pack_record,
    pack_record_json,
    pack_text,
    record_json,
    unpack_record,
    unpack_text,
)
from pipeline.header_fields import HEADER_FIELDS
from pipeline.paths import DEFAULT_DB, db_key, raw_bytes, shown
from pipeline.read.normalise import fold, one_tone_placement

if TYPE_CHECKING:  # imported where used: query commands start without sqlite-utils and pydantic
    import sqlite_utils

    from pipeline.record import Record

# 2: contentless full-text index, folded text only in it; venue_names. 3-5: indexes for the query
# filters. 6: raw_paths, roots, files.missing_since, errors.attempts and an index on missing files.
# 7: corrections, versions, documents.review, an index on files(document_id). 8: the record stored
# compressed; fields and responsibilities views over it instead of tables (one copy of each value)
SCHEMA_VERSION = 8
# A document's row (text and record, compressed) is 3-5 KB: 4 KB pages held one such row each and
# left a fifth of the table empty; 16 KB pages hold three or four (12.5 instead of 12.9 KB a document)
PAGE_SIZE = 16384

_DOC_COLUMNS = {
    "id": int, "sha256": str, "path": str, "format": str, "pages": int,
    **{f: str for f in HEADER_FIELDS}, "issue_year": int, "participant_count": int,
    "title_norm": str, "text_norm": str,
    "record": bytes, "twin_of": int, "ingested_at": str, "review": str,
}


@dataclass
class StoreResult:
    status: str  # ingested | unchanged | updated | duplicate | reextracted
    document_id: int


def connect(db_path: str | Path = DEFAULT_DB) -> sqlite_utils.Database:
    import sqlite_utils

    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(db_path), timeout=60, isolation_level=None)
    register_functions(conn)
    db = sqlite_utils.Database(conn)
    conn.execute(f"PRAGMA page_size={PAGE_SIZE}")  # takes effect on a new file only (else: optimize)
    _wal(db)
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA foreign_keys=ON")
    ensure_schema(db)
    return db


def _wal(db: sqlite_utils.Database, wait: float = 60.0) -> None:
    """Switch to WAL. On a new file another process may be doing the same: SQLite then answers
    "database is locked" at once, without waiting, so wait here."""
    deadline = time.monotonic() + wait
    while True:
        try:
            db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create the tables of a new catalog, or add what an older catalog lacks. Safe when several
    processes open the same new catalog at once: the check is repeated under the write lock."""
    if "documents" in db.table_names():
        if _needs_upgrade(db):  # catalogs made before the later tables and columns existed
            with write_transaction(db):
                _upgrade(db)
        return
    with write_transaction(db):
        if "documents" in db.table_names():  # created by another process while this one waited
            _upgrade(db)
            return
        db["documents"].create(_DOC_COLUMNS, pk="id", not_null={"sha256"})
        db["documents"].create_index(["sha256"], unique=True)
        db["documents"].create_index(["number", "issuer", "issue_year"])
        db["documents"].create_index(["issue_date"])
        db["files"].create({"path": str, "sha256": str, "size": int, "mtime": float, "document_id": int,
                            "seen_at": str}, pk="path", foreign_keys=[("document_id", "documents", "id")])
        db["files"].create_index(["sha256"])
        db["events"].create({"id": int, "document_id": int, "position": int, "kind": str, "what": str,
                             "start": str, "end": str, "precision": str, "time_of_day": str,
                             "tentative": int, "venues": str, "when_text": str, "responsible": str,
                             "page": int, "char_start": int, "char_end": int},
                            pk="id", foreign_keys=[("document_id", "documents", "id")])
        db["venues"].create({"id": int, "document_id": int, "name": str, "key": str, "provinces": str,
                             "provinces_2025": str}, pk="id",
                            foreign_keys=[("document_id", "documents", "id")])
        db["venues"].create_index(["document_id"])
        _create_v2(db)
        db["errors"].create({"path": str, "sha256": str, "stage": str, "reason": str, "at": str},
                            pk="path")
        _create_pages(db)
        db["meta"].insert({"key": "schema_version", "value": str(SCHEMA_VERSION)}, pk="key")
        _upgrade(db)


_EXTRA_TABLES = ("pages", "raw_paths", "roots")


def _schema_version(db: sqlite_utils.Database) -> int:
    try:
        row = db.execute("select value from meta where key = 'schema_version'").fetchone()
    except sqlite3.OperationalError:  # no meta table
        return 0
    return int(row[0]) if row else 0


def _needs_upgrade(db: sqlite_utils.Database) -> bool:
    names = set(db.table_names())
    return (any(t not in names for t in _EXTRA_TABLES) or "venue_names" not in names
            or "fields" in names
            or "missing_since" not in db["files"].columns_dict
            or "attempts" not in db["errors"].columns_dict or "corrections" not in names
            or "review" not in db["documents"].columns_dict or _schema_version(db) < SCHEMA_VERSION)


def _upgrade(db: sqlite_utils.Database) -> None:
    """Tables, columns and indexes added after the first catalogs were made, and schema 1's text and
    full-text index moved to schema 2's (run under the write lock)."""
    names = set(db.table_names())
    if "pages" not in names:
        _create_pages(db)
    if "raw_paths" not in names:
        db["raw_paths"].create({"path": str, "raw": bytes}, pk="path")
    if "roots" not in names:
        db["roots"].create({"path": str, "raw": bytes, "added_at": str}, pk="path")
    if "missing_since" not in db["files"].columns_dict:
        db["files"].add_column("missing_since", str)
    if "attempts" not in db["errors"].columns_dict:
        db["errors"].add_column("attempts", int)
    if "venue_names" not in names:  # schema 1: a full-text index holding the text 4 times
        _migrate_v2(db)
    if "review" not in db["documents"].columns_dict:  # schema 7: the open flags, for the review queue
        db["documents"].add_column("review", str)
        db.execute("update documents set review = json_extract(record, '$.review') "
                   "where json_extract(record, '$.review') not in ('{}', 'null')")
    if "corrections" not in names:
        _create_v7(db)
    if "fields" in names or "fields" not in db.view_names() or _schema_version(db) < 8:  # records compressed
        _migrate_v8(db)
    _create_indexes(db)  # schema 2: indexes for the query filters
    # search asks for every query whether any file is missing: answered from this (empty) index
    db.execute("create index if not exists idx_files_missing on files(sha256) where missing_since is not null")
    if _schema_version(db) < SCHEMA_VERSION:
        db.execute("insert or replace into meta(key, value) values ('schema_version', ?)", [str(SCHEMA_VERSION)])


def _create_v7(db: sqlite_utils.Database) -> None:
    """Corrections (one row per change: the active ones have no ``cleared_at``) and versions."""
    db["corrections"].create({"id": int, "document_id": int, "sha256": str, "field": str, "extracted": str,
                              "value": str, "who": str, "at": str, "cleared_at": str, "cleared_by": str,
                              "stale": str}, pk="id")
    db.execute("create unique index if not exists idx_corrections_active on corrections(sha256, field) "
               "where cleared_at is null")
    db["corrections"].create_index(["document_id"], if_not_exists=True)
    db["versions"].create({"id": int, "document_id": int, "sha256": str, "path": str, "record": str,
                           "ingested_at": str, "replaced_at": str}, pk="id")
    db["versions"].create_index(["document_id"], if_not_exists=True)
    db.execute("create index if not exists idx_files_document on files(document_id)")
    db.execute("create index if not exists idx_documents_review on documents(id) where review is not null")
    db.execute("create index if not exists idx_documents_twin on documents(twin_of) where twin_of is not null")


def _create_pages(db: sqlite_utils.Database) -> None:
    """How each page was read: source, OCR confidence and word boxes (JSON: text, x0, y0, x1, y1 as
    fractions of the page, confidence), so a person can find a value on the scanned page."""
    db["pages"].create({"document_id": int, "page": int, "source": str, "ocr_confidence": float,
                        "ocr_reason": str, "words": str}, pk=("document_id", "page"),
                       foreign_keys=[("document_id", "documents", "id")])


@contextlib.contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[None]:
    """BEGIN IMMEDIATE ... COMMIT: takes the write lock up front (no deadlock between a reader that
    upgrades and another writer); sqlite-utils calls inside nest as savepoints."""
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        with db.atomic():
            yield
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    db.conn.execute("COMMIT")


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def lookup_file(db: sqlite_utils.Database, path: str) -> dict[str, Any] | None:
    rows = list(db.query("select * from files where path = ?", [db_key(path)]))
    return rows[0] if rows else None


def _note_raw(db: sqlite_utils.Database, path: str) -> str:
    """The catalog key of a path; a name that is not UTF-8 also gets its bytes kept (raw_paths)."""
    key, raw = db_key(path), raw_bytes(path)
    if raw is not None:
        db["raw_paths"].upsert({"path": key, "raw": raw}, pk="path")
    return key


def fs_path(db: sqlite_utils.Database, key: str) -> str:
    """The file-system path of a catalog key (the original bytes of a name that is not UTF-8)."""
    row = db.execute("select raw from raw_paths where path = ?", [key]).fetchone()
    return os.fsdecode(row[0]) if row else key


def document_id_for_hash(db: sqlite_utils.Database, sha256: str) -> int | None:
    row = db.execute("select id from documents where sha256 = ?", [sha256]).fetchone()
    return row[0] if row else None


def store(db: sqlite_utils.Database, record: Record, text: str, path: str, force: bool = False) -> StoreResult:
    """Write one document in one transaction. Same content already there: only the path is noted
    (with ``force``, the document is rewritten from this record in place: a re-extraction). A path
    whose content changed keeps its document id, the earlier version going to ``versions``, unless
    another file on disk still holds the earlier content (the copies diverged: a new document).
    Corrections are applied to whatever was written (pipeline.catalog.corrections)."""
    sha = record.source["sha256"]
    record.path = shown(record.path)  # a name that is not UTF-8, as text SQLite and JSON accept
    stat = os.stat(path)
    with write_transaction(db):  # all of the document or none of it
        abspath = _note_raw(db, path)
        file_row = {"path": abspath, "sha256": sha, "size": stat.st_size, "mtime": stat.st_mtime,
                    "seen_at": _now(), "missing_since": None}
        existing = document_id_for_hash(db, sha)
        old = lookup_file(db, path)
        db.execute("delete from errors where path = ?", [abspath])
        if existing is not None:
            if force:
                _replace_document(db, existing, record, text, sha, abspath)
            db["files"].upsert({**file_row, "document_id": existing}, pk="path")
            if old and old["document_id"] != existing:
                _drop_if_orphan(db, old["document_id"])
            status = "unchanged" if old and old["sha256"] == sha else "duplicate"
            return StoreResult("reextracted" if force and status == "unchanged" else status, existing)
        if old and _sole_holder(db, old["document_id"], abspath):
            doc_id = old["document_id"]
            _replace_document(db, doc_id, record, text, sha, abspath)
        else:
            doc_id = _insert_document(db, record, text, sha)
        db["files"].upsert({**file_row, "document_id": doc_id}, pk="path")
        if old and old["document_id"] != doc_id:
            _drop_if_orphan(db, old["document_id"])
        return StoreResult("updated" if old else "ingested", doc_id)


def _sole_holder(db: sqlite_utils.Database, doc_id: int, path: str) -> bool:
    """Whether the document exists and no file but ``path`` still holds its content on disk."""
    row = db.execute("select sha256 from documents where id = ?", [doc_id]).fetchone()
    if row is None:
        return False
    for (key,) in db.execute("select path from files where document_id = ? and sha256 = ? and path != ?",
                             [doc_id, row[0], path]).fetchall():
        if os.path.lexists(fs_path(db, key)):
            return False
    return True


def _drop_if_orphan(db: sqlite_utils.Database, doc_id: int) -> None:
    if db.execute("select count(*) from files where document_id = ?", [doc_id]).fetchone()[0]:
        return
    drop_document(db, doc_id)


def drop_document(db: sqlite_utils.Database, doc_id: int) -> None:
    """Remove a document and its rows (inside the caller's transaction). Its corrections stay, keyed
    by content hash: the same content catalogued again gets them back."""
    key = _plan_key(db, doc_id)
    _fts_delete(db, doc_id)
    for table in ("events", "venues", "pages", "versions"):
        db.execute(f"delete from {table} where document_id = ?", [doc_id])
    db.execute("update documents set twin_of = null where twin_of = ?", [doc_id])
    db.execute("delete from documents where id = ?", [doc_id])
    regroup(db, key)


PlanKey = tuple[Any, Any, Any]


def _plan_key(db: sqlite_utils.Database, doc_id: int) -> PlanKey:
    row = db.execute("select number, issuer, issue_year from documents where id = ?", [doc_id]).fetchone()
    return tuple(row) if row else (None, None, None)


def regroup(db: sqlite_utils.Database, *keys: PlanKey) -> None:
    """Link the files of one plan (same number, issuer and issue year: the same plan saved as .docx,
    .pdf and .txt) as twins: the first catalogued is the plan, the others point at it (``twin_of``).
    Run for the keys a write changed, before and after."""
    for number, issuer, year in set(keys):
        if not (number and issuer):
            continue
        ids = [i for (i,) in db.execute("select id from documents where number = ? and issuer = ? and issue_year is ? "
                                        "order by id", [number, issuer, year])]
        if ids:
            db.execute(f"update documents set twin_of = case when id = ? then null else ? end "
                       f"where id in ({','.join(map(str, ids))})", [ids[0], ids[0]])


def _document_row(rec: Record, text: str, sha: str) -> tuple[dict[str, Any], str]:
    """The documents row of a record, and the normalised text (for the full-text index)."""
    year = int(rec.issue_date[:4]) if rec.issue_date else None
    title = rec.title or ""
    text_norm = one_tone_placement(text)
    return {
        "sha256": sha, "path": rec.path, "format": rec.source.get("format"),
        "pages": rec.source.get("pages"),
        **{f: getattr(rec, f) for f in HEADER_FIELDS}, "issue_year": year,
        "participant_count": rec.participant_count,
        "title_norm": one_tone_placement(title), "text_norm": pack_text(text_norm),
        "record": pack_record(rec.to_json(), text_norm),
        "ingested_at": _now(), "review": json.dumps(rec.review, ensure_ascii=False) if rec.review else None,
    }, text_norm


def _replace_document(db: sqlite_utils.Database, doc_id: int, rec: Record, text: str, sha: str,
                      path: str) -> None:
    """Rewrite a document from a new record, keeping its id; a different content keeps the earlier
    one's record in ``versions`` and carries its corrections over (or marks them stale)."""
    from pipeline.catalog import corrections

    before = _plan_key(db, doc_id)
    old_sha, old_record, old_text, old_at = db.execute(
        "select sha256, record, text_norm, ingested_at from documents where id = ?", [doc_id]).fetchone()
    if old_sha != sha:
        old_path = db.execute("select path from files where document_id = ? and sha256 = ? order by rowid limit 1",
                              [doc_id, old_sha]).fetchone()
        db["versions"].insert({"document_id": doc_id, "sha256": old_sha, "path": old_path[0] if old_path else path,
                               "record": _version_record(old_record, old_text), "ingested_at": old_at,
                               "replaced_at": _now()})
    _fts_delete(db, doc_id)
    for table in ("events", "venues", "pages"):
        db.execute(f"delete from {table} where document_id = ?", [doc_id])
    row, text_norm = _document_row(rec, text, sha)
    row["twin_of"] = None
    db["documents"].update(doc_id, row)
    db.execute("update documents set twin_of = null where twin_of = ?", [doc_id])
    regroup(db, before, (row["number"], row["issuer"], row["issue_year"]))
    _fts_insert(db, doc_id, row["title_norm"], text_norm)
    _insert_children(db, doc_id, rec)
    if old_sha != sha:
        corrections.carry(db, doc_id, old_sha, sha)
    corrections.materialise(db, doc_id)


def _insert_document(db: sqlite_utils.Database, rec: Record, text: str, sha: str) -> int:
    from pipeline.catalog import corrections

    row, text_norm = _document_row(rec, text, sha)
    doc_id = db["documents"].insert(row).last_pk
    regroup(db, (row["number"], row["issuer"], row["issue_year"]))
    _fts_insert(db, doc_id, row["title_norm"], text_norm)
    _insert_children(db, doc_id, rec)
    if corrections.reattach(db, doc_id, sha):  # this content was corrected before (pruned, re-ingested)
        corrections.materialise(db, doc_id)
    return doc_id


def _insert_children(db: sqlite_utils.Database, doc_id: int, rec: Record) -> None:
    """The record's lists that queries filter on, one row each (provenance, duties and recipients are
    read from the record: the views ``fields``, ``responsibilities`` and ``recipients``)."""
    events = []
    for i, ev in enumerate(rec.events):
        prov = ev.provenance[0] if ev.provenance else None
        events.append({
            "document_id": doc_id, "position": i, "kind": ev.kind, "what": ev.what, "start": ev.start,
            "end": ev.end, "precision": ev.precision, "time_of_day": ev.time_of_day,
            "tentative": int(ev.tentative), "venues": json.dumps(ev.venues, ensure_ascii=False),
            "when_text": ev.when_text, "responsible": ev.responsible,
            "page": prov.page if prov else None, "char_start": prov.start if prov else None,
            "char_end": prov.end if prov else None,
        })
    db["events"].insert_all(events)
    write_venues(db, doc_id, rec.venues, rec.details.get("venue_links", []))
    db["pages"].insert_all({
        "document_id": doc_id, "page": p.page, "source": p.source, "ocr_confidence": p.ocr_confidence,
        "ocr_reason": p.ocr_reason, "words": compact_words(p.words) if p.words else None,
    } for p in rec.pages)


def record_error(db: sqlite_utils.Database, path: str, sha256: str | None, stage: str, reason: str) -> None:
    """One errors row per path; ``attempts`` counts the failures of the same content in a row."""
    with write_transaction(db):
        key = _note_raw(db, path)
        old = db.execute("select sha256, attempts from errors where path = ?", [key]).fetchone()
        attempts = (old[1] or 1) + 1 if old and old[0] == sha256 and sha256 else 1
        db["errors"].upsert({"path": key, "sha256": sha256, "stage": stage, "reason": reason,
                             "at": _now(), "attempts": attempts}, pk="path")


# --------------------------------------------------------------------------------------------
# queries


def fts_query(words: str) -> tuple[str, str]:
    """FTS5 MATCH expressions for the words as typed (exact columns) and folded (folded columns)."""
    tokens = [t for t in _tokens(words) if t]
    exact = " ".join(f'"{one_tone_placement(t)}"' for t in tokens)
    folded = " ".join(f'"{fold(t)}"' for t in tokens)
    return (f"{{title_norm text_norm}} : ({exact})" if exact else "",
            f"{{title_folded text_folded}} : ({folded})" if folded else "")


def _tokens(words: str) -> Iterable[str]:
    for t in words.replace('"', " ").split():
        t = t.strip(".,;:!?()[]{}*")
        if t:
            yield t


def search(db: sqlite_utils.Database, words: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """Documents matching the words, exact spellings first, with a snippet."""
    missing = any_missing(db)
    if not words:
        present = f" and not ({MISSING_DOCUMENT_SQL})" if missing else ""
        return list(db.query(
            "select id, path, doc_type, number, issuer, issue_date, title from documents d "
            f"where 1{present} order by issue_date desc, id limit ?", [limit]))
    from pipeline.use.query import snippet

    # a document whose every file is gone from disk is left out (before the limit)
    present = (f" and not exists (select 1 from documents d where d.id = documents_fts.rowid "
               f"and {MISSING_DOCUMENT_SQL})" if missing else "")
    exact, folded = fts_query(words)
    seen: dict[int, dict[str, Any]] = {}
    for expr in (exact, folded):
        if not expr:
            continue
        sql = (
            "select d.id, d.path, d.doc_type, d.number, d.issuer, d.issue_date, d.title, f.rank as rank "
            f"from (select rowid, rank from documents_fts where documents_fts match ?{present} "
            "order by rank limit ?) f join documents d on d.id = f.rowid order by f.rank"
        )
        for row in db.query(sql, [expr, limit]):
            seen.setdefault(row["id"], row)
    rows = list(seen.values())[:limit]
    for row in rows:  # the index is contentless: the snippet is cut from the stored text
        row["snippet"] = snippet(db, row["id"], words, width=40)
    return rows


def get_document(db: sqlite_utils.Database, doc_id: int) -> dict[str, Any] | None:
    rows = list(db.query("select * from documents where id = ?", [doc_id]))
    if not rows:
        return None
    doc = rows[0]
    doc["record"] = unpack_record(doc["record"], doc["text_norm"]) if doc["record"] else None
    doc["files"] = [r["path"] for r in db.query("select path from files where document_id = ?", [doc_id])]
    doc["fields"] = [{k: v for k, v in f.items() if k != "document_id"} for f in field_rows(doc["record"] or {})]
    for k in ("text_norm", "title_norm"):
        doc.pop(k, None)
    return doc


def stats(db: sqlite_utils.Database) -> dict[str, int]:
    return {t: db[t].count for t in ("documents", "files", "events", "venues", "errors")}


# --------------------------------------------------------------------------------------------
# for bulk ingest (pipeline/catalog/ingest.py): decide without extracting, list what failed


def link_file(db: sqlite_utils.Database, path: str, sha256: str) -> StoreResult | None:
    """Note a path whose content is already catalogued (a copy, a rename, a touched file), in one
    transaction and without a record: nothing needs extracting. None when no document has this hash."""
    if document_id_for_hash(db, sha256) is None:  # the common case: new content, no write lock taken
        return None
    stat = os.stat(path)
    with write_transaction(db):
        existing = document_id_for_hash(db, sha256)
        if existing is None:
            return None
        old = lookup_file(db, path)
        abspath = _note_raw(db, path)
        db["files"].upsert({"path": abspath, "sha256": sha256, "size": stat.st_size, "mtime": stat.st_mtime,
                            "seen_at": _now(), "document_id": existing, "missing_since": None}, pk="path")
        if old and old["document_id"] != existing:
            _drop_if_orphan(db, old["document_id"])
        db.execute("delete from errors where path = ?", [abspath])
        return StoreResult("unchanged" if old and old["sha256"] == sha256 else "duplicate", existing)


def error_for(db: sqlite_utils.Database, path: str) -> dict[str, Any] | None:
    rows = list(db.query("select * from errors where path = ?", [db_key(path)]))
    return rows[0] if rows else None


def error_paths(db: sqlite_utils.Database) -> list[str]:
    """The failed files, as file-system paths (names that are not UTF-8 as their original bytes)."""
    return [fs_path(db, r[0]) for r in db.execute("select path from errors order by path").fetchall()]


# --------------------------------------------------------------------------------------------
# ingest roots and missing files


def record_roots(db: sqlite_utils.Database, paths: Iterable[str | Path]) -> None:
    """Note the folders (and single files) given to ingest or watch: serve hands out only files under
    them."""
    rows = [{"path": db_key(p), "raw": raw_bytes(p), "added_at": _now()} for p in paths]
    if rows:
        with write_transaction(db):
            db["roots"].upsert_all(rows, pk="path")


def roots(db: sqlite_utils.Database) -> list[str]:
    return [os.fsdecode(raw) if raw else path
            for path, raw in db.execute("select path, raw from roots order by path").fetchall()]


def mark_missing(db: sqlite_utils.Database, root: str | Path) -> int:
    """Mark the catalogued files under the folder ``root`` that are gone from disk (deleted or renamed
    away) as missing; returns how many were newly marked. Their document stays, and comes back to
    search when one of its files is seen again. A file that cannot be looked at (a folder without
    permission) is not called missing."""
    prefix = db_key(root).rstrip(os.sep) + os.sep
    gone = []
    for (key,) in db.execute("select path from files where missing_since is null and substr(path, 1, ?) = ?",
                             [len(prefix), prefix]).fetchall():
        try:
            os.lstat(fs_path(db, key))
        except (FileNotFoundError, NotADirectoryError):
            gone.append(key)
        except OSError:
            pass
    if gone:
        with write_transaction(db):
            db.conn.executemany("update files set missing_since = ? where path = ? and missing_since is null",
                                [(_now(), p) for p in gone])
    return len(gone)


def clear_missing(db: sqlite_utils.Database, path: str) -> None:
    with write_transaction(db):
        db.execute("update files set missing_since = null where path = ?", [db_key(path)])


def prune(db: sqlite_utils.Database, dry_run: bool = False) -> list[dict[str, Any]]:
    """Forget the files marked missing and the documents left with no file (their versions go too;
    their corrections stay, keyed by content, for the day the content comes back). Returns one row
    per file forgotten (path, document_id, document_removed) and per document that had no file."""
    files = list(db.query("select path, document_id, missing_since from files where missing_since is not null "
                          "order by path"))
    removed: set[int] = set()
    try:
        with write_transaction(db):
            db.execute("delete from files where missing_since is not null")
            removed = {i for (i,) in db.execute(
                "select id from documents d where not exists (select 1 from files f where f.document_id = d.id)")}
            for doc_id in sorted(removed):
                drop_document(db, doc_id)
            if dry_run:
                raise _Rollback
    except _Rollback:
        pass
    listed = {f["document_id"] for f in files}
    return ([{**f, "document_removed": f["document_id"] in removed} for f in files]
            + [{"path": None, "document_id": i, "missing_since": None, "document_removed": True}
               for i in sorted(removed - listed)])


class _Rollback(Exception):
    """Raised inside the transaction of a dry run: everything is undone."""


# documents to leave out of search: every one of their files is gone from disk
MISSING_DOCUMENT_SQL = (
    "exists (select 1 from files mf where mf.sha256 = d.sha256) and not exists "
    "(select 1 from files mf where mf.sha256 = d.sha256 and mf.missing_since is null)")


def any_missing(db: sqlite_utils.Database) -> bool:
    return db.execute("select 1 from files where missing_since is not null limit 1").fetchone() is not None


def missing_document_ids(db: sqlite_utils.Database) -> list[int]:
    """The ids of the documents whose every file is gone from disk (``MISSING_DOCUMENT_SQL``), found
    from the missing files (index ``idx_files_missing``) rather than checked document by document."""
    if not any_missing(db):
        return []
    return [i for (i,) in db.execute(
        "select d.id from documents d where d.sha256 in (select sha256 from files where missing_since is not null) "
        "and not exists (select 1 from files mf where mf.sha256 = d.sha256 and mf.missing_since is null)")]



# --------------------------------------------------------------------------------------------
# schema 2: one copy of the text, a contentless full-text index, distinct venue names

FTS_COLUMNS = ("title_norm", "text_norm", "title_folded", "text_folded")


def _create_v2(db: sqlite_utils.Database) -> None:
    db.execute(
        "create virtual table documents_fts using fts5(title_norm, text_norm, title_folded, text_folded, "
        "content='', tokenize='unicode61 remove_diacritics 0')")
    db["venue_names"].create({"id": int, "name": str, "provinces_2025": str, "key": str}, pk="id")
    db["venue_names"].create_index(["name", "provinces_2025"], unique=True)
    if "name_id" not in db["venues"].columns_dict:
        db.execute("alter table venues add column name_id integer references venue_names(id)")
    db["venues"].create_index(["name_id"])
    _create_indexes(db)


def _create_indexes(db: sqlite_utils.Database) -> None:
    """Indexes for the query filters: type, issuer, a bare number, events of a document by date."""
    db["documents"].create_index(["doc_type"], if_not_exists=True)
    db["documents"].create_index(["issuer"], if_not_exists=True)
    db["documents"].create_index(["issuer_parent"], if_not_exists=True)
    db.execute("create index if not exists idx_documents_number_int on documents(cast(number as integer))")
    db["events"].create_index(["document_id", "start"], if_not_exists=True)
    # events of a period in the order they are listed (start, document, position); it also covers
    # the documents with an event in a period (start, end, document_id) without reading the rows
    db.execute("create index if not exists idx_events_order on events(start, document_id, position, end)")
    db.execute("create index if not exists idx_events_kind on events(kind, start)")  # --kind deadline: few
    db.execute("create index if not exists idx_events_ranged_period on events(start, end, document_id) "
               "where end is not null")


def field_rows(record: dict[str, Any]) -> list[dict[str, Any]]:
    """The provenance of every extracted value, one row each (field, value, page, start, end, text):
    what the ``fields`` table held before schema 8, in the same order."""
    out = []
    for name, provs in (record.get("provenance") or {}).items():
        value = record.get(name)
        shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        out += [{"field": name, "value": shown, "page": p.get("page"), "start": p.get("start"), "end": p.get("end"),
                 "text": p.get("text")} for p in provs]
    return out


def duty_rows(record: dict[str, Any]) -> list[dict[str, Any]]:
    """The record's duties, one row each (position, party, tasks and deadlines as JSON)."""
    return [{"position": i, "party": r.get("party"), "tasks": json.dumps(r.get("tasks") or [], ensure_ascii=False),
             "deadlines": json.dumps(r.get("deadlines") or [])}
            for i, r in enumerate(record.get("responsibilities") or [])]


def recipient_rows(record: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"position": i, "name": r} for i, r in enumerate(record.get("recipients") or [])]


def _rows_function(rows: Any) -> Any:
    return lambda record, text: json.dumps(rows(unpack_record(record, text)), ensure_ascii=False)


def register_functions(conn: sqlite3.Connection) -> None:
    """SQL functions over the compressed columns, on every connection the project opens (catalog,
    query commands, Datasette): ``kehoach_record(record, text_norm)`` a document's record as JSON
    (``kehoach_record(record)`` for ``versions.record``), ``kehoach_text(text_norm)`` its text, and
    the rows of the views ``fields``, ``responsibilities`` and ``recipients``."""
    conn.create_function("kehoach_record", 2, record_json, deterministic=True)
    conn.create_function("kehoach_record", 1, record_json, deterministic=True)
    conn.create_function("kehoach_text", 1, lambda v: None if v is None else unpack_text(v), deterministic=True)
    for name, rows in (("fields", field_rows), ("duties", duty_rows), ("recipients", recipient_rows)):
        conn.create_function(f"kehoach_{name}", 2, _rows_function(rows), deterministic=True)


def _view(name: str, function: str, columns: list[str]) -> str:
    cols = ", ".join(f"r.value ->> '{c}' as [{c}]" for c in columns)
    return (f"create view {name} as select d.id as document_id, {cols} "
            f"from documents d, json_each({function}(d.record, d.text_norm)) r")


# the record's lists and provenance, one row each, read from the record (its one copy)
_VIEWS_COLUMNS = {"fields": ["field", "value", "page", "start", "end", "text"],
                  "responsibilities": ["position", "party", "tasks", "deadlines"], "recipients": ["position", "name"]}
_VIEWS = {name: _view(name, f"kehoach_{function}", _VIEWS_COLUMNS[name])
          for name, function in (("fields", "fields"), ("responsibilities", "duties"), ("recipients", "recipients"))}


def _version_record(record: str | bytes | None, text: str | bytes | None) -> bytes | None:
    """A document's stored record, repacked to be kept without its text (``versions``)."""
    value = record_json(record, text)
    return None if value is None else pack_record_json(value, None)


def _migrate_v8(db: sqlite_utils.Database) -> None:
    """Schema 8: records compressed against their text (``versions`` ones alone); the tables
    ``fields``, ``responsibilities`` and ``recipients``, copies of what the record holds, become
    views over it (a correction updated both, so the record says what the rows said); two indexes
    that others cover go. `kehoach optimize` then gives the space back."""
    conn = db.conn
    for table, text in (("documents", "text_norm"), ("versions", "null")):
        if table not in db.table_names():
            continue
        ids = [i for (i,) in conn.execute(f"select id from {table} where typeof(record) = 'text'")]
        for k in range(0, len(ids), 2000):  # the JSON as it was written, compressed
            rows = conn.execute(f"select id, record, {text} from {table} "
                                f"where id in ({','.join(map(str, ids[k:k + 2000]))})").fetchall()
            conn.executemany(f"update {table} set record = ? where id = ?",
                             [(pack_record_json(r, t), i) for i, r, t in rows])
    for name, sql in _VIEWS.items():
        if name in db.table_names():
            conn.execute(f"drop table {name}")
        conn.execute(f"drop view if exists {name}")
        conn.execute(sql)
    # events(start) and events(document_id) lead events(start, ...) and events(document_id, start);
    # events(start, end, document_id) became events(start, document_id, position, end)
    for index in ("idx_events_start", "idx_events_document_id", "idx_events_period"):
        conn.execute(f"drop index if exists {index}")


def _fts_values(title_norm: str | None, text_norm: str | bytes | None) -> list[str]:
    title, text = title_norm or "", unpack_text(text_norm)
    return [title, text, fold(title), fold(text)]


def _fts_insert(db: sqlite_utils.Database, doc_id: int, title_norm: str | None, text_norm: str | None) -> None:
    db.execute("insert into documents_fts(rowid, title_norm, text_norm, title_folded, text_folded) "
               "values (?, ?, ?, ?, ?)", [doc_id, *_fts_values(title_norm, text_norm)])


def _fts_delete(db: sqlite_utils.Database, doc_id: int) -> None:
    """A contentless index forgets a row when given the values it indexed (from the stored text)."""
    row = db.execute("select title_norm, text_norm from documents where id = ?", [doc_id]).fetchone()
    if row:
        db.execute("insert into documents_fts(documents_fts, rowid, title_norm, text_norm, title_folded, "
                   "text_folded) values ('delete', ?, ?, ?, ?, ?)", [doc_id, *_fts_values(*row)])


def write_venues(db: sqlite_utils.Database, doc_id: int, names: list[str], venue_links: list[Any]) -> None:
    """The document's venue rows (what venue search reads), replacing any it had. ``venue_links``
    are the extractor's provinces for each name; a name a person typed has none (matched by name)."""
    links = {v["text"]: v for v in venue_links if isinstance(v, dict)}
    db.execute("delete from venues where document_id = ?", [doc_id])
    rows = [{
        "document_id": doc_id, "name": v, "key": links.get(v, {}).get("key") or fold(v),
        "provinces": json.dumps(links.get(v, {}).get("provinces", []), ensure_ascii=False),
        "provinces_2025": json.dumps(links.get(v, {}).get("provinces_2025", []), ensure_ascii=False),
    } for v in dict.fromkeys(names)]
    for v in rows:
        v["name_id"] = _venue_name_id(db, v["name"], v["provinces_2025"], v["key"])
    db["venues"].insert_all(rows)


def _venue_name_id(db: sqlite_utils.Database, name: str, provinces_2025: str, key: str) -> int:
    row = db.execute("select id from venue_names where name = ? and provinces_2025 = ?",
                     [name, provinces_2025]).fetchone()
    if row:
        return row[0]
    return db.execute("insert into venue_names(name, provinces_2025, key) values (?, ?, ?)",
                      [name, provinces_2025, key]).lastrowid


def compact_words(words: list[list[Any]]) -> str:
    """OCR word boxes as compact JSON: [text, x0, y0, x1, y1, confidence], fractions to 4 places."""
    return json.dumps([[round(v, 4) if isinstance(v, float) else v for v in w] for w in words],
                      ensure_ascii=False, separators=(",", ":"))


def migrate_v2(db: sqlite_utils.Database) -> None:
    """A schema-1 catalog (text and title stored twice in documents and again in an FTS5 table with
    content) to the current schema (``_upgrade``, which ``connect`` runs on the first connect);
    `kehoach optimize` then reclaims the space."""
    with write_transaction(db):
        _upgrade(db)


def _migrate_v2(db: sqlite_utils.Database) -> None:
    for trigger in ("documents_ai", "documents_ad", "documents_au"):
        db.execute(f"drop trigger if exists {trigger}")
    db.execute("drop table if exists documents_fts")
    _create_v2(db)
    for doc_id, title, text in db.execute("select id, title_norm, text_norm from documents").fetchall():
        _fts_insert(db, doc_id, title, text)
        if isinstance(text, str):
            db.execute("update documents set text_norm = ? where id = ?", [pack_text(text), doc_id])
    for col in ("title_folded", "text_folded"):
        if col in db["documents"].columns_dict:
            db.execute(f"alter table documents drop column {col}")
    for vid, (name, provs, key) in enumerate(db.execute(
            "select name, provinces_2025, min(key) from venues group by name, provinces_2025").fetchall(), 1):
        db.execute("insert into venue_names(id, name, provinces_2025, key) values (?, ?, ?, ?)",
                   [vid, name, provs, key])
    db.execute("update venues set name_id = (select n.id from venue_names n where n.name is venues.name "
               "and n.provinces_2025 is venues.provinces_2025)")


def optimize(db: sqlite_utils.Database) -> dict[str, float]:
    """For a long-lived catalog: merge the full-text index's segments, refresh the planner's
    statistics, and rewrite the file without its free pages (in 16 KB pages: a catalog made with 4 KB
    pages is converted). Returns the size before and after (MB)."""
    path = db.conn.execute("pragma database_list").fetchone()[2]

    def size() -> float:
        db.conn.execute("pragma wal_checkpoint(TRUNCATE)")
        return sum(os.path.getsize(p) for p in (path, path + "-wal") if os.path.exists(p)) / 1e6

    before = size()
    db.conn.execute("insert into documents_fts(documents_fts) values ('optimize')")
    db.conn.execute("analyze")
    if db.conn.execute("pragma page_size").fetchone()[0] != PAGE_SIZE:  # only outside WAL mode
        db.conn.execute("pragma journal_mode=DELETE")
        db.conn.execute(f"pragma page_size={PAGE_SIZE}")
        db.conn.execute("vacuum")
        _wal(db)
    else:
        db.conn.execute("vacuum")
    return {"mb_before": round(before, 2), "mb_after": round(size(), 2)}


def connect_read(db_path: str | Path = DEFAULT_DB) -> Any:
    """A connection for query commands: plain sqlite3 behind the few methods the queries use
    (``query``, ``execute``, ``conn``), without importing sqlite-utils. A catalog of an older schema
    goes through ``connect`` once (which migrates it)."""
    from pipeline.catalog.readdb import ReadDB

    rdb = ReadDB(db_path)
    try:
        version = rdb.execute("select value from meta where key = 'schema_version'").fetchone()
    except sqlite3.DatabaseError:
        version = None
    if not version or int(version[0]) < SCHEMA_VERSION:
        rdb.close()
        connect(db_path).close()
        rdb = ReadDB(db_path)
    return rdb
