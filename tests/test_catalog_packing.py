"""Schema 8: the record stored compressed against the text, provenance / duties / recipients as views
over it. What the catalog answers must not change: a schema-7 catalog (records as JSON text, those
three as tables) is migrated on first open keeping every row and value, and search, events,
calendar and show give the same results on it as on a catalog made by ingest."""

from __future__ import annotations

import json
import shutil
import sqlite3
import zlib
from pathlib import Path

import pytest

from pipeline.catalog import db as catalog
from pipeline.catalog.ingest import ingest
from pipeline.catalog.packing import pack_record, pack_text, record_json, unpack_record
from pipeline.record import Record
from pipeline.use.calendar import build_calendar
from pipeline.use.query import Filters, iter_events, parse_partial_date, search_documents

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
# a plan in three formats (twins), another as text and as a web page
FILES = ["kh-39-quan-11-clb-bi-thu.txt", "kh-39-quan-11-clb-bi-thu.docx", "kh-39-quan-11-clb-bi-thu.pdf",
         "kh-23-gia-lai-hoc-tap-kinh-nghiem.txt", "kh-23-gia-lai-hoc-tap-kinh-nghiem.html"]


@pytest.fixture(scope="module")
def ingested(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("in")
    for name in FILES:
        shutil.copy(CORPUS / name, folder / name)
    db_path = folder.parent / "fresh.db"
    assert ingest([folder], db_path).counts["ingested"] == len(FILES)
    return db_path


def _old_rows(rec: Record, doc_id: int) -> dict[str, list[tuple]]:
    """The rows schema 7 wrote for a record (pipeline.catalog.db._insert_children before schema 8)."""
    fields = []
    for name, provs in rec.provenance.items():
        value = getattr(rec, name, None)
        for p in provs:
            fields.append((doc_id, name, value if isinstance(value, str) else json.dumps(value, ensure_ascii=False),
                           p.page, p.start, p.end, p.text))
    return {
        "fields": fields,
        "recipients": [(doc_id, i, r) for i, r in enumerate(rec.recipients)],
        "responsibilities": [(doc_id, i, r.party, json.dumps(r.tasks, ensure_ascii=False), json.dumps(r.deadlines))
                             for i, r in enumerate(rec.responsibilities)],
    }


_OLD_TABLES = {
    "fields": "create table fields (document_id integer references documents(id), field text, value text, "
              "page integer, start integer, [end] integer, text text)",
    "recipients": "create table recipients (document_id integer references documents(id), position integer, "
                  "name text)",
    "responsibilities": "create table responsibilities (document_id integer references documents(id), "
                        "position integer, party text, tasks text, deadlines text)",
}


def to_schema_7(path: Path) -> dict[str, list[tuple]]:
    """Rewrite a catalog the way schema 7 stored it; returns the rows of its three tables."""
    con = sqlite3.connect(path)
    catalog.register_functions(con)
    con.execute("update documents set record = kehoach_record(record, text_norm)")
    con.execute("update versions set record = kehoach_record(record)")
    rows: dict[str, list[tuple]] = {t: [] for t in _OLD_TABLES}
    for doc_id, record in con.execute("select id, record from documents order by id").fetchall():
        for table, values in _old_rows(Record.model_validate(json.loads(record)), doc_id).items():
            rows[table] += values
    for table, sql in _OLD_TABLES.items():
        con.execute(f"drop view {table}")
        con.execute(sql)
        con.execute(f"create index idx_{table}_document_id on {table}(document_id)")
        con.executemany(f"insert into {table} values ({', '.join('?' * len(rows[table][0]))})", rows[table])
    con.execute("create index idx_events_start on events(start)")
    con.execute("update meta set value = '7' where key = 'schema_version'")
    con.commit()
    con.close()
    return rows


def answers(db_path: Path) -> dict[str, object]:
    """What the query commands answer: search with each filter, events, the calendar, show."""
    db = catalog.connect_read(db_path)
    period = {"date_from": parse_partial_date("2021"), "date_to": parse_partial_date("2026", end=True)}
    out: dict[str, object] = {}
    for name, f in {"words": Filters(text="câu lạc bộ"), "folded": Filters(text="bi thu chi doan"),
                    "venue": Filters(venue="Quận 11"), "period": Filters(**period),
                    "issued": Filters(**period, issued=True), "issuer": Filters(issuer="Đoàn"),
                    "type": Filters(doc_type="KH"), "number": Filters(number="39"), "all": Filters()}.items():
        out[f"search {name}"] = search_documents(db, f, limit=50)
        out[f"events {name}"] = list(iter_events(db, f))
    cal, skipped = build_calendar(iter_events(db, Filters(**period)))
    out["calendar"] = (cal.to_ical().decode(), skipped)
    ids = [i for (i,) in db.execute("select id from documents order by id")]
    out["show"] = [catalog.get_document(db, i) for i in ids]
    db.close()
    return out


def test_a_record_is_packed_against_its_text():
    text = "KẾ HOẠCH Tổ chức hội trại thanh niên tại Nhà văn hóa Quận 11 ngày 26/3/2024. " * 20
    rec = {"title": "Tổ chức hội trại thanh niên", "events": [{"what": "hội trại", "start": "2024-03-26"}]}
    packed = pack_record(rec, text)
    assert packed[:1] == b"\x01" and len(packed) < len(json.dumps(rec, ensure_ascii=False))
    assert unpack_record(packed, text) == rec
    assert unpack_record(packed, pack_text(text)) == rec  # the text as stored in text_norm
    with pytest.raises(zlib.error):  # read against another text: an error, never a wrong record
        unpack_record(packed, text + "!")
    assert unpack_record(pack_record(rec, None)) == rec  # kept without its text (versions)
    assert unpack_record(json.dumps(rec)) == rec and record_json(None) is None  # schema 7 and empty


def test_a_schema_7_catalog_is_migrated_keeping_every_row_and_value(ingested, tmp_path):
    old = tmp_path / "old.db"
    shutil.copy(ingested, old)
    before_rows = to_schema_7(old)
    con = sqlite3.connect(old)
    before_records = dict(con.execute("select id, record from documents"))
    con.close()
    assert before_rows["fields"] and before_rows["recipients"] and before_rows["responsibilities"]

    db = catalog.connect(old)  # migrates
    assert catalog._schema_version(db) == catalog.SCHEMA_VERSION
    assert {"fields", "recipients", "responsibilities"} <= set(db.view_names())
    assert not {"fields", "recipients", "responsibilities"} & set(db.table_names())
    for doc_id, record, text in db.execute("select id, record, text_norm from documents").fetchall():
        assert isinstance(record, bytes)
        assert catalog.record_json(record, text) == before_records[doc_id]  # the same JSON, byte for byte
    for table, rows in before_rows.items():
        cols = ", ".join(f"[{c}]" for c in catalog._VIEWS_COLUMNS[table])
        after = [tuple(r) for r in db.execute(f"select document_id, {cols} from {table}").fetchall()]
        assert after == rows, table  # every row and value, in the same order
    sizes = catalog.optimize(db)
    assert sizes["mb_after"] < sizes["mb_before"]
    assert db.execute("pragma page_size").fetchone()[0] == catalog.PAGE_SIZE
    assert db.execute("pragma journal_mode").fetchone()[0] == "wal"
    db.close()
    assert answers(old) == answers(ingested)


def test_queries_read_the_same_values_as_the_record_holds(ingested):
    """show, the views and Datasette read the one copy: the record (provenance, duties, recipients)."""
    res = answers(ingested)
    db = catalog.connect_read(ingested)
    for doc in res["show"]:
        rec = doc["record"]
        assert doc["fields"] == catalog.field_rows(rec) and doc["fields"]
        rows = db.execute("select position, name from recipients where document_id = ? order by position",
                          [doc["id"]]).fetchall()
        assert rows == list(enumerate(rec.get("recipients") or []))
    assert db.execute("select count(*) from fields where field = 'number'").fetchone()[0] == len(FILES)
    assert res["search words"] and res["events period"] and "BEGIN:VEVENT" in res["calendar"][0]


def test_events_of_a_period_are_those_overlapping_it_in_date_order(ingested):
    """iter_events reads a period as two queries (events begun before its month, then those in it
    along an index): the rows must be every overlapping event in (start, document, position) order,
    a plan's twin files giving each event once, as filtering and sorting all events in Python does."""
    db = catalog.connect_read(ingested)
    every = sorted(db.execute("select e.start, e.document_id, e.position, e.end, e.kind, e.what, "
                              "coalesce(d.twin_of, d.id) from events e join documents d on d.id = e.document_id "
                              "where e.start is not null").fetchall())
    twinned = {i for (i,) in db.execute("select coalesce(twin_of, id) from documents where twin_of is not null")}
    months = sorted({e[0][:7] for e in every})
    assert len(months) > 2 and any(e[3] for e in every)  # ranges too
    for a, b in [(months[0], months[-1]), (months[1], months[1]), (months[0][:4], months[0][:4]),
                 (months[-1], "2099"), (months[2], months[2] + "-15")]:
        lo, hi = parse_partial_date(a).isoformat(), parse_partial_date(b, end=True).isoformat()
        want, seen = [], set()
        for start, doc, pos, end, kind, what, plan in every:
            last = end or start
            key = (plan, kind, start, end, what) if plan in twinned else (doc, pos)
            if start[:10] <= hi and last >= lo[:len(last)] and key not in seen:
                seen.add(key)
                want.append((start, doc, pos))
        got = [(r["start"], r["document_id"], r["position"]) for r in iter_events(
            db, Filters(date_from=parse_partial_date(a), date_to=parse_partial_date(b, end=True)))]
        assert got == want, (a, b)
        assert got or b != months[-1]
    assert twinned  # the plan in three formats


def test_the_venue_score_bound_never_drops_a_match():
    """A venue name is scored fully only when a cheap upper bound of the similarity reaches 85."""
    from extractors.venues import venue_similarity
    from pipeline.use.query import _similarity_bound

    names = ["Nhà văn hóa Thanh niên", "NVH TTN tỉnh Đồng Nai", "Nhà văn hóa thanh thiếu nhi tỉnh Đồng Nai",
             "Hội trường UBND Quận 11", "Hội trường Ủy ban nhân dân quận 11", "Cung Thiếu nhi Thành phố",
             "Thanh Hóa", "Khánh Hòa", "Trụ sở Tiếp công dân thành phố", "Sân vận động Cần Giờ", "can gio",
             "Trường THPT Lê Quý Đôn", "Nhà Thiếu nhi tỉnh Gia Lai", "nha thieu nhi gia lai", "Q.11"]
    for a in names:
        for b in names:
            assert _similarity_bound(a, b) >= venue_similarity(a, b), (a, b)
