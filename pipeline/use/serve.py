"""`kehoach serve`: the catalog in a browser, through Datasette.

What it adds to plain Datasette (metadata in pipeline/use/datasette/metadata.json):
- a ``plans`` view, one row per document with its provinces (post-2025 and as written), venues,
  first and last event and source file, faceted by year, type, issuer and province, searchable
  through documents_fts;
- SQL functions for canned queries: diacritic-free search (``kehoach_words_rank``,
  ``kehoach_snippet``), fuzzy venues (``kehoach_venue_score``), partial dates
  (``kehoach_period_start/end``) and the filters of ``pipeline.use.query``;
- links from each row to the source file (``/-/kehoach/source/<id>``) and to the extracted
  record, fields and events;
- the iCalendar feed ``/-/kehoach/calendar.ics?venue=…&from=…&to=…&kind=…``: the same function
  and filters as `kehoach calendar`, so the feed and the command give the same events and UIDs.

Hardening (the catalog is served to colleagues, its files come from anywhere):
- a source file is served only from under the folders that were ingested (table ``roots``), never
  through a symlink that leads out of them, only while its sha256 still matches the catalog, and
  always as a download (``Content-Disposition: attachment``, ``X-Content-Type-Options: nosniff``, a
  ``Content-Security-Policy`` that allows nothing); HTML, SVG and XML go out as
  ``application/octet-stream``, so nothing from an archive ever runs in the catalog's origin;
- query parameters are limited in length (``MAX_PARAM_CHARS``; ``sql`` ``MAX_SQL_CHARS``): longer ones
  get 400 before any query runs;
- Datasette's own JSON (``/-/databases.json`` ...) names the catalog by its file name, not its
  absolute path.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import io
import json
import mimetypes
import os
import sqlite3
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

from datasette import hookimpl

from pipeline.catalog.db import MISSING_DOCUMENT_SQL

METADATA_PATH = Path(__file__).parent / "datasette" / "metadata.json"
TEMPLATES = Path(__file__).parent / "templates"  # Vietnamese chrome and the archivist's pages
MAX_PARAM_CHARS = 1_000  # any query parameter (a search, a filter value)
MAX_SQL_CHARS = 10_000  # the ``sql`` parameter of a custom query
MAX_QUERY_STRING = 50_000  # bytes of the whole query string
MAX_DOC_ID = 2**63 - 1  # SQLite's largest integer
# types a browser would render or run: always sent as opaque bytes
_ACTIVE_TYPES = ("text/html", "image/svg+xml", "application/xhtml+xml", "text/xml", "application/xml",
                 "text/javascript", "application/javascript", "application/pdf")
SOURCE_HEADERS = {
    "x-content-type-options": "nosniff",
    "content-security-policy": "default-src 'none'; sandbox",
    "cache-control": "no-store",
    "referrer-policy": "no-referrer",
}
_TEMPLATE_DB = "catalog"  # the database name metadata.json is written for

PLANS_VIEW = f"""
create view plans as
select d.id, d.doc_type, d.number, d.issuer, d.issue_date, d.issue_year, d.title,
  (select json_group_array(distinct p.value) from venues v, json_each(v.provinces_2025) p
     where v.document_id = d.id) as provinces,
  (select json_group_array(distinct p.value) from venues v, json_each(v.provinces) p
     where v.document_id = d.id) as provinces_as_written,
  (select json_group_array(v.name) from venues v where v.document_id = d.id) as venues,
  (select min(substr(e.start, 1, 10)) from events e where e.document_id = d.id) as first_event,
  (select max(substr(coalesce(e.end, e.start), 1, 10)) from events e where e.document_id = d.id) as last_event,
  (select count(*) from events e where e.document_id = d.id) as events,
  coalesce((select f.path from files f where f.sha256 = d.sha256
            order by f.missing_since is not null, f.rowid limit 1), d.path) as source,
  (select json_group_array(f.path) from documents t join files f on f.document_id = t.id and f.sha256 = t.sha256
     where (t.id = d.id or t.twin_of = d.id) and f.missing_since is null) as files,
  (select json_group_array(distinct t.format) from documents t where t.id = d.id or t.twin_of = d.id) as formats,
  d.id as record
from documents d
where not ({MISSING_DOCUMENT_SQL})
  and (d.twin_of is null
       or d.twin_of in (select p.id from documents p where {MISSING_DOCUMENT_SQL.replace("d.sha256", "p.sha256")}))
"""  # a plan whose every file is gone from disk is not listed; a plan in several files (twins) is one row


def ensure_views(db_path: str | Path) -> None:
    """(Re)create the ``plans`` view Datasette facets on; the catalog's tables are not touched."""
    conn = sqlite3.connect(str(db_path), timeout=60)
    try:
        with conn:
            conn.execute("drop view if exists plans")
            conn.execute(PLANS_VIEW)
    finally:
        conn.close()


def load_metadata(db_name: str) -> dict[str, Any]:
    """metadata.json with its database renamed to the served file's stem (Datasette's name for it)."""
    text = METADATA_PATH.read_text(encoding="utf-8")
    meta = json.loads(text.replace(f"/{_TEMPLATE_DB}/", f"/{db_name}/"))
    meta["databases"] = {db_name: meta["databases"].pop(_TEMPLATE_DB)}
    return meta


def make_datasette(db_path: str | Path, edit: bool = False):
    """A configured Datasette instance over the catalog (used by `serve` and by tests in-process).
    ``edit``: the document page offers a correction form (POST, with Datasette's CSRF token)."""
    from datasette.app import Datasette
    from datasette.plugins import pm

    db_path = Path(db_path)
    try:
        from pipeline.catalog import db as catalog

        catalog.connect(db_path).close()  # a catalog made by an older kehoach gets its newer columns
        ensure_views(db_path)
    except sqlite3.OperationalError as e:  # a read-only catalog: browse what is there
        print(f"warning: could not create the plans view in {db_path}: {e}", file=sys.stderr)
    if not pm.is_registered(sys.modules[__name__]):
        pm.register(sys.modules[__name__], name="kehoach")
    metadata = load_metadata(db_path.stem)
    metadata.setdefault("plugins", {})["kehoach"] = {"edit": edit}
    return Datasette(
        files=[str(db_path)],
        metadata=metadata,
        template_dir=str(TEMPLATES),
        settings={"facet_time_limit_ms": 1000, "sql_time_limit_ms": 5000, "max_returned_rows": 2000},
    )


def run(db_path: str | Path, host: str = "127.0.0.1", port: int = 8001, edit: bool = False) -> None:
    import uvicorn

    ds = make_datasette(db_path, edit=edit)
    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(ds.invoke_startup())
    finally:
        loop.close()
    print(f"serving {db_path} at http://{host}:{port}/{Path(db_path).stem}/plans", file=sys.stderr)
    if edit:
        print(f"corrections are on: anyone who can reach {host}:{port} can change values", file=sys.stderr)
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning", lifespan="on", workers=1)


# --------------------------------------------------------------------------------------------
# SQL functions


def _db_stamp(path: str) -> tuple[float, ...]:
    """Changes whenever the catalog is written (main file or its WAL), to expire cached results."""
    return tuple(os.stat(p).st_mtime if os.path.exists(p) else 0.0 for p in (path, path + "-wal"))


@functools.lru_cache(maxsize=64)
def _ranked_ids(path: str, words: str, _stamp: tuple[float, ...]) -> dict[int, int]:
    import sqlite_utils

    from pipeline.use.query import _fts_ids

    db = sqlite_utils.Database(sqlite3.connect(f"file:{path}?mode=ro", uri=True))
    try:
        return {doc_id: i for i, doc_id in enumerate(_fts_ids(db, words))}
    finally:
        db.close()


def _snippet(path: str, doc_id: int | None, words: str | None) -> str | None:
    import sqlite_utils

    from pipeline.use.query import snippet

    if doc_id is None or not words:
        return None
    db = sqlite_utils.Database(sqlite3.connect(f"file:{path}?mode=ro", uri=True))
    try:
        return snippet(db, doc_id, words)
    finally:
        db.close()


@functools.lru_cache(maxsize=64)
def _venue_query(text: str):
    from pipeline.use.query import VenueQuery

    return VenueQuery.parse(text)


def _venue_score(query: str | None, name: str | None, provinces_2025: str | None) -> float:
    if not query or not name:
        return 0.0
    return _venue_query(query).score(name, json.loads(provinces_2025 or "[]"))


def _period_bound(end: bool) -> Callable[[str | None], str]:
    from pipeline.use.query import parse_partial_date

    def bound(value: str | None) -> str:
        if not value or not value.strip():
            return "9999-12-31" if end else "0000-01-01"
        return parse_partial_date(value, end=end).isoformat()

    return bound


@hookimpl
def prepare_connection(conn, database, datasette):
    from pipeline.catalog.db import register_functions as catalog_functions
    from pipeline.use.query import register_functions

    register_functions(conn)
    catalog_functions(conn)  # the compressed record and text, the views over the record
    db = datasette.databases.get(database)
    path = getattr(db, "path", None)
    conn.create_function("kehoach_venue_score", 3, _venue_score)
    conn.create_function("kehoach_period_start", 1, _period_bound(False))
    conn.create_function("kehoach_period_end", 1, _period_bound(True))
    if path:
        conn.create_function("kehoach_words_rank", 2, lambda doc_id, words: (
            _ranked_ids(path, words, _db_stamp(path)).get(doc_id) if words and words.strip() else None))
        conn.create_function("kehoach_snippet", 2, lambda doc_id, words: _snippet(path, doc_id, words))


# --------------------------------------------------------------------------------------------
# links and routes


def _row_get(row, key: str) -> Any:
    try:
        return row[key]
    except (KeyError, IndexError, TypeError):
        return None


def _list_shown(value: str) -> str | None:
    """A JSON list of plain values as people write lists ("a; b"), or None when it is not one."""
    if not (value.startswith("[") and value.endswith("]")):
        return None
    try:
        items = json.loads(value)
    except ValueError:
        return None
    if not isinstance(items, list) or any(isinstance(i, (dict, list)) for i in items):
        return None
    return "; ".join("" if i is None else str(i) for i in items)


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    from markupsafe import Markup, escape

    def doc_link(doc_id: Any, text: str) -> Markup:
        href = datasette.urls.path(f"/-/kehoach/doc/{int(doc_id)}")
        return Markup(f'<a href="{escape(href)}" title="Mở trang văn bản">{escape(text)}</a>')

    if isinstance(value, str) and (column == "source" or (column == "path" and table in ("documents", "files"))):
        doc_id = _row_get(row, "document_id") or _row_get(row, "id") or _row_get(row, "record")
        if doc_id is None:
            return None
        href = datasette.urls.path(f"/-/kehoach/source/{int(doc_id)}")
        return Markup(f'<a href="{href}" title="{escape(value)}">{escape(os.path.basename(value))}</a>')
    if column in ("record", "text_norm") and isinstance(value, bytes):  # stored compressed: shown as text
        from pipeline.catalog.db import record_json, unpack_text

        try:  # a record is read against its document's text: a query that left text_norm out cannot
            shown = (record_json(value, _row_get(row, "text_norm")) if column == "record" else unpack_text(value))
        except zlib.error:
            shown = "(nén cùng văn bản: chọn cả cột text_norm, hoặc dùng kehoach_record(record, text_norm))"
        return Markup(f'<div style="white-space: pre-wrap">{escape(shown)}</div>')
    if column == "record" and table != "documents" and isinstance(value, int):
        links = [(datasette.urls.path(f"/-/kehoach/doc/{value}"), "trang văn bản"),
                 (datasette.urls.row(database, "documents", str(value)), "bản ghi"),
                 (datasette.urls.table(database, "fields") + f"?document_id={value}", "các trường"),
                 (datasette.urls.table(database, "events") + f"?document_id={value}", "sự kiện")]
        return Markup(" · ".join(f'<a href="{escape(h)}">{escape(t)}</a>' for h, t in links))
    # every list row leads to its document's page: from its id and its title
    if isinstance(value, int) and (column == "document_id" or (column == "id" and table != "documents"
                                                               and _row_get(row, "title") is not None)):
        return doc_link(value, str(value))
    if column == "title" and isinstance(value, str):
        doc_id = _row_get(row, "document_id") if table != "documents" else None
        doc_id = doc_id if doc_id is not None else _row_get(row, "id")
        if isinstance(doc_id, int):
            return doc_link(doc_id, value)
    if isinstance(value, str) and column not in ("record", "words"):
        listed = _list_shown(value)
        if listed is not None:
            return listed
    return None


def _years_newest_first(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A year facet's values in year order, newest first (Datasette orders facets by count);
    values that are not years (none, text) after them."""
    def key(r: dict[str, Any]) -> tuple[int, int]:
        v = r.get("value")
        return (0, -int(v)) if isinstance(v, int) or (isinstance(v, str) and v.isdigit()) else (1, 0)

    return sorted(results, key=key)


# the words of Datasette's description of a filtered table ("where x = 1 sorted by y descending")
_DESCRIPTION_VI = (("sorted by", "sắp xếp theo"), ("descending", "giảm dần"), ("where search matches",
                   "tìm"), ("where", "với"), (" and ", " và "), ("is not blank", "không trống"),
                   ("is blank", "trống"), ("contains", "chứa"))


def _description_vi(text: str) -> str:
    import re

    from pipeline.use.web import COLUMN_LABELS

    for en, vi in _DESCRIPTION_VI:
        text = text.replace(en, vi)
    # the column names left in it, as the tables head them ("issue_year" -> "Năm")
    return re.sub(r"\b[a-z][a-z_0-9]*\b", lambda m: COLUMN_LABELS.get(m[0], m[0]) if "_" in m[0] or m[0] in
                  ("title", "number", "issuer", "venues", "provinces") else m[0], text)


# Datasette's filter operations and facet types, as its forms name them
_FILTER_OPS_VI = {"contains": "chứa", "does not contain": "không chứa", "ends with": "kết thúc bằng",
                  "starts with": "bắt đầu bằng", "like": "giống (like)", "not like": "không giống (like)",
                  "in": "thuộc", "not in": "không thuộc", "array contains": "danh sách chứa",
                  "array does not contain": "danh sách không chứa", "date": "ngày", "is null": "rỗng (null)",
                  "is not null": "không rỗng (null)", "is blank": "trống", "is not blank": "không trống",
                  "array": "danh sách"}


@hookimpl
def prepare_jinja2_environment(env, datasette):
    env.filters["kehoach_years_newest_first"] = _years_newest_first
    env.filters["kehoach_vi"] = _description_vi
    from pipeline.use.web import column_label

    env.filters["kehoach_label"] = column_label
    env.filters["kehoach_op"] = lambda op: _FILTER_OPS_VI.get(str(op), op)


def _catalog_db(datasette):
    return next(db for name, db in datasette.databases.items() if not name.startswith("_") and db.path)


def _under(path: str, roots: list[str]) -> bool:
    return any(path == r or path.startswith(r.rstrip(os.sep) + os.sep) for r in roots)


def _read_checked(path: str, sha256: str, roots: list[str]) -> tuple[bytes | None, str]:
    """The file's bytes when it may be served, else None and why (for the log, not the visitor)."""
    real = os.path.realpath(path)
    if not _under(real, roots):
        return None, "outside the ingested folders (or a symlink leading out of them)"
    try:
        fd = os.open(real, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_NOCTTY", 0))
    except OSError as e:
        return None, e.strerror or str(e)
    with os.fdopen(fd, "rb") as fh:
        import stat

        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            return None, "not a regular file"
        body = fh.read()
    if hashlib.sha256(body).hexdigest() != sha256:
        return None, "changed since it was catalogued (hash differs)"
    return body, ""


def _content_type(name: str) -> str:
    ctype = mimetypes.guess_type(name)[0] or "application/octet-stream"
    if ctype in _ACTIVE_TYPES or not (ctype.startswith(("text/", "image/")) or ctype.startswith(
            "application/vnd.") or ctype in ("application/msword", "application/rtf")):
        return "application/octet-stream"
    return ctype + "; charset=utf-8" if ctype.startswith("text/") else ctype


def source_response_headers(name: str) -> dict[str, str]:
    from pipeline.paths import shown

    name = shown(name)
    fallback = "".join(c if c.isascii() and c.isprintable() and c not in '"\\;' else "_" for c in name)
    return {**SOURCE_HEADERS,
            "content-disposition": f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{_quote(name)}"}


def _doc_id(raw_id: str) -> int | None:
    """A document id from the URL, or None when it cannot be one (longer than SQLite's integers)."""
    doc_id = int(raw_id) if len(raw_id) <= 19 else MAX_DOC_ID + 1
    return None if doc_id > MAX_DOC_ID else doc_id


async def _checked_source(datasette, doc_id: int) -> tuple[bytes | None, str, str]:
    """(bytes, file name, "") of a document's source file when it may be read: under the ingested
    folders, no symlink out of them, its sha256 still the catalog's; else (None, "", why)."""
    db = _catalog_db(datasette)
    found = (await db.execute("select sha256 from documents where id = ?", [doc_id])).rows
    if not found:
        return None, "", f"no document {doc_id}"
    sha256 = found[0][0]

    def candidates(conn) -> tuple[list[str], list[str]]:
        import sqlite_utils

        from pipeline.catalog.db import fs_path, roots

        cat = sqlite_utils.Database(conn)
        names = set(cat.table_names())
        if "roots" not in names:
            return [], []
        paths = [fs_path(cat, r[0]) for r in conn.execute(
            "select path from files where sha256 = ? order by missing_since is not null, rowid", [sha256])]
        return paths, [os.path.realpath(r) for r in roots(cat)]

    paths, roots = await db.execute_fn(candidates)
    if not roots:
        return None, "", (f"document {doc_id}: this catalog records no ingested folders (made by an "
                          "older kehoach): run `kehoach ingest FOLDER` again to serve its files")
    reasons = []
    for path in paths:
        body, why = await asyncio.to_thread(_read_checked, path, sha256, roots)
        if body is not None:
            return body, os.path.basename(path), ""
        reasons.append(why)
    print(f"source of document {doc_id} refused: {'; '.join(reasons) or 'no file recorded'}", file=sys.stderr)
    return None, "", (f"document {doc_id}: its source file is not available (moved, changed since it was "
                      "catalogued, or outside the ingested folders)")


async def _source(datasette, request):
    from datasette.utils.asgi import Response

    doc_id = _doc_id(request.url_vars["doc_id"])
    if doc_id is None:
        return Response.text(f"no document {request.url_vars['doc_id'][:30]}", status=404, headers=SOURCE_HEADERS)
    body, name, why = await _checked_source(datasette, doc_id)
    if body is None:
        return Response.text(why, status=404, headers=SOURCE_HEADERS)
    return Response(body, content_type=_content_type(name), headers=source_response_headers(name))


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


def _event_filters(args):
    """The CLI's event filters from a query string (?q=&venue=&from=&to=&kind=...); ValueError if bad."""
    from pipeline.use.query import Filters, parse_partial_date

    f = Filters(text=args.get("q") or None, venue=args.get("venue") or None,
                date_from=parse_partial_date(args["from"]) if args.get("from") else None,
                date_to=parse_partial_date(args["to"], end=True) if args.get("to") else None,
                issued=args.get("issued") in ("1", "true", "on"), issuer=args.get("issuer") or None,
                doc_type=args.get("type") or None, number=args.get("number") or None, kind=args.get("kind") or None)
    if f.kind not in (None, "event", "deadline"):
        raise ValueError(f"kind must be event or deadline, not {f.kind!r}")
    return f


async def _events_xlsx(datasette, request):
    """The events the filters select as an Excel workbook: the same rows and columns as
    `kehoach events ... -o FILE.xlsx`."""
    from datasette.utils.asgi import Response

    from pipeline.catalog.readdb import ReadDB
    from pipeline.use.export import EVENT_COLUMNS, event_rows, write_xlsx
    from pipeline.use.query import iter_events

    try:
        f = _event_filters(request.args)
    except ValueError as e:
        return Response.text(str(e), status=400)
    db = _catalog_db(datasette)

    def workbook(_conn) -> bytes:
        out = io.BytesIO()
        read = ReadDB(db.path)
        try:
            write_xlsx({"events": (event_rows(iter_events(read, f)), EVENT_COLUMNS)}, out)
        finally:
            read.close()
        return out.getvalue()

    body = await db.execute_fn(workbook)
    period = "-".join(x for x in (request.args.get("from"), request.args.get("to")) if x) or "all"
    name = "".join(c if c.isalnum() or c in "-_" else "_" for c in f"kehoach-events-{period}") + ".xlsx"
    return Response(body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"content-disposition": f'attachment; filename="{name}"',
                             "x-content-type-options": "nosniff"})


async def _calendar(datasette, request):
    import sqlite_utils
    from datasette.utils.asgi import Response

    from pipeline.use.calendar import write_ics
    from pipeline.use.query import iter_events

    a = request.args
    try:
        f = _event_filters(a)
    except ValueError as e:
        return Response.text(str(e), status=400)
    db = _catalog_db(datasette)

    def ics(conn) -> bytes:  # the rows read and written as one stream, in the database's thread
        out = io.BytesIO()
        db = sqlite_utils.Database(conn)
        write_ics(lambda: iter_events(db, f), out, name=a.get("name") or "kehoach")
        return out.getvalue()

    body = await db.execute_fn(ics)
    return Response(body, content_type="text/calendar; charset=utf-8",
                    headers={"content-disposition": 'inline; filename="kehoach.ics"'})


def _bad_request(message: str):
    async def send_400(scope, receive, send):
        body = message.encode("utf-8")
        await send({"type": "http.response.start", "status": 400,
                    "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                                (b"content-length", str(len(body)).encode()),
                                *((k.encode(), v.encode()) for k, v in SOURCE_HEADERS.items())]})
        await send({"type": "http.response.body", "body": body})

    return send_400


def query_problem(query_string: bytes) -> str | None:
    """Why a query string is refused (too long a parameter), or None."""
    if len(query_string) > MAX_QUERY_STRING:
        return f"query string too long ({len(query_string):,} bytes, limit {MAX_QUERY_STRING:,})"
    for name, value in parse_qsl(query_string.decode("latin-1"), keep_blank_values=True):
        limit = MAX_SQL_CHARS if name == "sql" else MAX_PARAM_CHARS
        if len(value) > limit or len(name) > MAX_PARAM_CHARS:
            return f"parameter {name[:40]!r} too long ({len(value):,} characters, limit {limit:,})"
    return None


def _public_json_scrub(datasette) -> list[tuple[bytes, bytes]]:
    """Absolute paths of the served files -> their names, for Datasette's own JSON."""
    pairs = []
    for db in datasette.databases.values():
        if db.path:
            full = str(db.path)
            pairs.append((json.dumps(full)[1:-1].encode(), os.path.basename(full).encode()))
    return pairs


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def guarded(scope, receive, send):
            if scope.get("type") != "http":
                return await app(scope, receive, send)
            problem = query_problem(scope.get("query_string") or b"")
            if problem:
                return await _bad_request(problem)(scope, receive, send)
            path = scope.get("path") or ""
            if not (path.startswith("/-/") and path.endswith(".json")):
                return await app(scope, receive, send)
            pairs = _public_json_scrub(datasette)
            start: dict = {}
            chunks: list[bytes] = []

            async def buffered(message):
                if message["type"] == "http.response.start":
                    start.update(message)
                    return
                chunks.append(message.get("body", b""))
                if message.get("more_body"):
                    return
                body = b"".join(chunks)
                for full, name in pairs:
                    body = body.replace(full, name)
                headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
                headers.append((b"content-length", str(len(body)).encode()))
                await send({**start, "headers": headers})
                await send({"type": "http.response.body", "body": body})

            return await app(scope, receive, buffered)

        return guarded

    return wrap


@hookimpl
def register_routes(datasette):
    from pipeline.use import web

    # /<db>/calendar.ics was datasette-ics' feed: old subscriptions get the one calendar now
    return [(r"^/-/kehoach/source/(?P<doc_id>\d+)$", _source), (r"^/-/kehoach/calendar\.ics$", _calendar),
            (r"^/[^/]+/calendar\.ics$", _calendar),
            (r"^/-/kehoach/doc/(?P<doc_id>\d+)$", web.doc_page),
            (r"^/-/kehoach/page/(?P<doc_id>\d+)/(?P<page>\d{1,6})\.png$", web.page_image),
            (r"^/-/kehoach/doc/(?P<doc_id>\d+)/correct$", web.correct_post),
            (r"^/-/kehoach/review$", web.review_page), (r"^/-/kehoach/events\.xlsx$", _events_xlsx),
            (r"^/-/kehoach/table\.js$", web.table_js)]
