"""Corrections that last and a catalog that stays true: real files, real extraction, real SQLite."""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.catalog import db as catalog
from pipeline.catalog.corrections import CorrectionError, correct, corrections_for, history, review_queue
from pipeline.catalog.ingest import ingest
from pipeline.use.calendar import build_calendar
from pipeline.use.query import Filters, search_documents, search_events
from tests.test_catalog_cli import PLAN

OTHER = PLAN.replace("Số: 41-KH/HĐBĐ", "Số: 57-KH/HĐBĐ").replace(
    "Tổ chức Hội trại thanh niên tình nguyện năm 2024", "Tổ chức Giải bóng đá thanh niên năm 2024")


def write(path: Path, text: str) -> Path:
    """Write a file so that its mtime differs from the one catalogued (size may be equal)."""
    path.write_text(text, encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))
    return path


@pytest.fixture
def plans(tmp_path: Path) -> tuple[Path, Path, Path]:
    folder = tmp_path / "in"
    folder.mkdir()
    write(folder / "kh41.txt", PLAN)
    write(folder / "kh57.txt", OTHER)
    db_path = tmp_path / "c.db"
    assert ingest([folder], db_path).counts["ingested"] == 2
    return folder, db_path, folder / "kh41.txt"


def doc_id_of(db, name: str) -> int:
    return db.execute("select document_id from files where path like ?", [f"%/{name}"]).fetchone()[0]


def numbers(db_path: Path, **filters) -> list[str]:
    return [r["number"] for r in search_documents(catalog.connect_read(db_path), Filters(**filters))]


def test_a_correction_applies_to_search_events_show_and_calendar(plans):
    _, db_path, _ = plans
    db = catalog.connect(db_path)
    doc = doc_id_of(db, "kh41.txt")
    row = correct(db, doc, "number", "43-KH/HĐBĐ", who="Lan")
    assert (row["extracted"], row["value"], row["who"]) == ("41-KH/HĐBĐ", "43-KH/HĐBĐ", "Lan")
    correct(db, doc, "title", "Hội trại mùa xuân năm 2024")
    correct(db, doc, "events.1.start", "19/4/2024")
    assert numbers(db_path, number="43") == ["43-KH/HĐBĐ"] and numbers(db_path, number="41") == []
    assert numbers(db_path, text="mua xuan") == ["43-KH/HĐBĐ"]
    in_titles = "select rowid from documents_fts where documents_fts match ?"
    assert db.execute(in_titles, ['{title_folded} : "tinh nguyen"']).fetchall() == []  # the old title left
    assert db.execute(in_titles, ['{title_folded} : "mua xuan"']).fetchall() == [(doc,)]
    events = search_events(db, Filters(date_from=dt.date(2024, 4, 19), date_to=dt.date(2024, 4, 19)))
    assert [(e["start"], e["number"]) for e in events] == [("2024-04-19", "43-KH/HĐBĐ")]
    cal, _ = build_calendar(search_events(db, Filters(number="43")))
    starts = sorted(str(e["DTSTART"].dt) for e in cal.walk("VEVENT"))
    assert "2024-04-19" in starts and "2024-04-20" not in starts
    rec = catalog.get_document(db, doc)["record"]
    assert rec["number"] == "43-KH/HĐBĐ" and rec["corrected"]["number"]["was"] == "41-KH/HĐBĐ"
    assert rec["events"][0]["start"] == "2024-04-19"
    assert [c["field"] for c in corrections_for(db, doc)] == ["number", "title", "events.1.start"]


def test_clearing_a_correction_brings_back_the_extracted_value_and_keeps_the_log(plans):
    _, db_path, _ = plans
    db = catalog.connect(db_path)
    doc = doc_id_of(db, "kh41.txt")
    correct(db, doc, "number", "43-KH/HĐBĐ")
    correct(db, doc, "number", "44-KH/HĐBĐ")  # corrected again: the first is superseded
    assert corrections_for(db, doc)[0]["extracted"] == "41-KH/HĐBĐ"
    correct(db, doc, "number", None, who="Lan")
    assert numbers(db_path, number="41") == ["41-KH/HĐBĐ"] and corrections_for(db, doc) == []
    log = list(db.query("select value, cleared_by from corrections order by id"))
    assert [r["value"] for r in log] == ["43-KH/HĐBĐ", "44-KH/HĐBĐ"] and log[1]["cleared_by"] == "Lan"
    assert "corrected" not in catalog.get_document(db, doc)["record"]
    with pytest.raises(CorrectionError, match="no correction"):
        correct(db, doc, "number", None)


@pytest.mark.parametrize(("field", "value", "message"), [
    ("numbr", "1", "not a field"), ("issue_date", "2024-13-01", "not a date"), ("issue_date", "tháng 3", "not a date"),
    ("events.9.start", "2024", "no event 9"), ("events.1.start", "2024-04-31", "not a date"),
    ("events.1.start", "2024-04-25", "after its end"), ("events.1.end", "2024-04-19", "after its end"),
    ("urgency", "gấp", "one of"), ("participant_count", "nhiều", "whole number"),
])
def test_bad_corrections_are_refused(plans, field, value, message):
    _, db_path, _ = plans
    db = catalog.connect(db_path)
    with pytest.raises(CorrectionError, match=message):
        correct(db, 1, field, value)
    with pytest.raises(CorrectionError, match="no document"):
        correct(db, 99, "number", "1")
    assert db["corrections"].count == 0


def test_a_correction_survives_retry_failed(plans):
    folder, db_path, _ = plans
    empty = folder / "copy_of_41.txt"
    empty.write_bytes(b"")
    assert ingest([folder], db_path).counts["failed"] == 1
    db = catalog.connect(db_path)
    doc = doc_id_of(db, "kh41.txt")
    correct(db, doc, "number", "43-KH/HĐBĐ")
    write(empty, PLAN)  # the failed file is now a copy of the corrected plan
    s = ingest([folder], db_path, retry_failed=True)
    assert s.counts["duplicate"] == 1 and db_path.exists()
    assert numbers(db_path, number="43") == ["43-KH/HĐBĐ"]
    assert doc_id_of(db, "copy_of_41.txt") == doc


def test_a_correction_survives_a_full_reextraction(plans):
    folder, db_path, _ = plans
    db = catalog.connect(db_path)
    doc = doc_id_of(db, "kh41.txt")
    correct(db, doc, "issue_date", "2024-03-16")
    correct(db, doc, "events.2.what", "Gửi danh sách về Văn phòng")
    db.execute("update documents set number = 'stale' where id = ?", [doc])  # what an old version stored
    s = ingest([folder], db_path, force=True)
    assert s.counts["reextracted"] == 2 and s.counts["ingested"] == 0
    assert doc_id_of(db, "kh41.txt") == doc and db["documents"].count == 2
    row = db.execute("select number, issue_date from documents where id = ?", [doc]).fetchone()
    assert row == ("41-KH/HĐBĐ", "2024-03-16")  # re-extracted, and corrected
    whats = [e["what"] for e in search_events(db, Filters(number="41"))]
    assert "Gửi danh sách về Văn phòng" in whats
    assert db["versions"].count == 0  # the same content: no new version


def test_a_changed_file_keeps_its_id_and_history_and_its_corrections_carry_or_go_stale(plans):
    folder, db_path, plan = plans
    db = catalog.connect(db_path)
    doc = doc_id_of(db, "kh41.txt")
    correct(db, doc, "number", "43-KH/HĐBĐ")
    correct(db, doc, "signer_name", "Điểu Thị Hòa")
    # another wording, the same number and signer as extracted: the corrections carry over
    write(plan, PLAN.replace("120 đoàn viên", "150 đoàn viên"))
    assert ingest([folder], db_path).counts["updated"] == 1
    assert doc_id_of(db, "kh41.txt") == doc and db["documents"].count == 2
    assert numbers(db_path, number="43") == ["43-KH/HĐBĐ"]
    assert [c["stale"] for c in corrections_for(db, doc)] == [None, None]
    # now the file itself says another number and signer: the correction goes stale, the file wins
    write(plan, PLAN.replace("Số: 41-KH/HĐBĐ", "Số: 45-KH/HĐBĐ").replace("Điểu Thị Hoa", "Điểu Thị Hòa"))
    ingest([folder], db_path)
    assert doc_id_of(db, "kh41.txt") == doc
    assert numbers(db_path, number="45") == ["45-KH/HĐBĐ"]
    stale = {c["field"]: c["stale"] for c in corrections_for(db, doc)}
    assert list(stale) == ["number"] and "'41-KH/HĐBĐ'" in stale["number"]  # signer: the file agrees now
    queue = [(r["document_id"], r["field"], r["value"]) for r in review_queue(db)]
    assert (doc, "number", "45-KH/HĐBĐ") in queue
    versions = history(db, doc)
    assert [v["number"] for v in versions] == ["45-KH/HĐBĐ", "43-KH/HĐBĐ", "43-KH/HĐBĐ"]
    assert [v["current"] for v in versions] == [True, False, False]
    assert versions[1]["replaced_at"] and versions[0]["path"].endswith("kh41.txt")


def test_a_copy_that_diverges_becomes_a_document_of_its_own(plans):
    folder, db_path, plan = plans
    copy = write(folder / "ban_sao.txt", PLAN)
    ingest([folder], db_path)
    db = catalog.connect(db_path)
    doc = doc_id_of(db, "kh41.txt")
    assert doc_id_of(db, "ban_sao.txt") == doc
    write(copy, PLAN.replace("Số: 41-KH/HĐBĐ", "Số: 46-KH/HĐBĐ"))
    ingest([folder], db_path)
    assert doc_id_of(db, "kh41.txt") == doc and doc_id_of(db, "ban_sao.txt") != doc
    assert sorted(numbers(db_path)) == ["41-KH/HĐBĐ", "46-KH/HĐBĐ", "57-KH/HĐBĐ"]


def test_a_flagged_value_is_in_review_until_corrected(tmp_path):
    draft = write(tmp_path / "du_thao.txt", PLAN.replace("Số: 41-KH/HĐBĐ", "Số:      /KH-HĐBĐ"))
    db_path = tmp_path / "c.db"
    ingest([draft], db_path)
    db = catalog.connect(db_path)
    queue = review_queue(db)
    assert [(r["document_id"], r["field"]) for r in queue] == [(1, "number")]
    assert queue[0]["why"] and queue[0]["path"].endswith("du_thao.txt")
    correct(db, 1, "number", "41-KH/HĐBĐ")
    assert review_queue(db) == []
    correct(db, 1, "number", None)
    assert [r["field"] for r in review_queue(db)] == ["number"]


def test_a_deleted_file_leaves_search_after_ingest_and_prune_removes_it(plans):
    folder, db_path, plan = plans
    db = catalog.connect(db_path)
    doc = doc_id_of(db, "kh41.txt")
    correct(db, doc, "number", "43-KH/HĐBĐ")
    saved = plan.read_bytes()
    plan.unlink()
    assert ingest([folder], db_path).missing == 1
    assert numbers(db_path) == ["57-KH/HĐBĐ"]
    assert numbers(db_path, number="43") == [] and numbers(db_path, text="tình nguyện") == []
    assert search_events(db, Filters(number="43")) == []
    assert numbers(db_path, number="43", include_missing=True) == ["43-KH/HĐBĐ"]
    assert len(search_events(db, Filters(number="43", include_missing=True))) == 2
    assert catalog.prune(db, dry_run=True)[0]["document_removed"] is True
    assert db["documents"].count == 2  # a dry run changes nothing
    removed = catalog.prune(db)
    assert [(Path(r["path"]).name, r["document_removed"]) for r in removed] == [("kh41.txt", True)]
    assert db["documents"].count == 1 and db["files"].count == 1
    assert db.execute("select count(*) from events where document_id = ?", [doc]).fetchone()[0] == 0
    # the same content back: its correction comes back with it
    plan.write_bytes(saved)
    ingest([folder], db_path)
    assert numbers(db_path, number="43") == ["43-KH/HĐBĐ"]


def test_a_schema_6_catalog_is_upgraded(plans):
    _, db_path, _ = plans
    db = catalog.connect(db_path)
    db.execute("update documents set record = kehoach_record(record, text_norm)")  # JSON text, as schema 6 kept it
    db.execute("update documents set record = json_set(record, '$.review', json('{\"number\": \"check\"}')) "
               "where id = 1")
    for t in ("corrections", "versions"):
        db.execute(f"drop table {t}")
    db.execute("drop index idx_documents_review")
    db.execute("alter table documents drop column review")
    db.execute("update meta set value = '6' where key = 'schema_version'")
    db.close()
    db = catalog.connect(db_path)
    assert {"corrections", "versions"} <= set(db.table_names())
    assert [(r["document_id"], r["why"]) for r in review_queue(db)] == [(1, "check")]
    correct(db, 2, "number", "58-KH/HĐBĐ")
    assert numbers(db_path, number="58") == ["58-KH/HĐBĐ"]


def kehoach(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True, text=True, timeout=300)


def test_cli_correct_review_history_prune(plans):
    folder, db_path, plan = plans
    db = str(db_path)
    r = kehoach("correct", "1", "number", "43-KH/HĐBĐ", "--who", "Lan", "--db", db, "--format", "json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["who"] == "Lan" and "corrected" in r.stderr
    r = kehoach("correct", "1", "issue_date", "ngày 5", "--db", db)
    assert r.returncode == 1 and "not a date" in r.stderr and r.stdout == ""
    assert kehoach("correct", "1", "number", "--db", db).returncode == 2  # neither a value nor --clear
    r = kehoach("search", "--number", "43", "--db", db, "--format", "jsonl")
    assert [json.loads(line)["number"] for line in r.stdout.splitlines()] == ["43-KH/HĐBĐ"]
    r = kehoach("review", "--db", db, "--format", "jsonl")
    assert r.returncode == 0 and r.stdout == "" and "nothing to review" in r.stderr
    r = kehoach("history", "1", "--db", db, "--format", "json")
    assert json.loads(r.stdout)[0]["current"] is True
    plan.unlink()
    catalog.mark_missing(catalog.connect(db_path), folder)
    r = kehoach("prune", "--dry-run", "--db", db, "--format", "csv")
    assert r.returncode == 0 and "kh41.txt" in r.stdout and "would remove 1 missing files and 1 documents" in r.stderr
    r = kehoach("prune", "--db", db, "--format", "jsonl")
    assert json.loads(r.stdout)["document_removed"] is True
    assert catalog.connect(db_path)["documents"].count == 1


def test_force_without_paths_reextracts_the_catalogued_folders(plans):
    _, db_path, _ = plans
    started = time.time()
    r = kehoach("ingest", "--force", "--db", str(db_path), "--json", "--workers", "1")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["reextracted"] == 2
    at = catalog.connect(db_path).execute("select min(ingested_at) from documents").fetchone()[0]
    assert at >= time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(started - 1))


def as_html(text: str) -> str:
    return "<html><body>" + "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip()) \
        + "</body></html>"


def test_one_plan_in_several_formats_is_one_plan_in_search_events_and_the_plans_view(plans):
    folder, db_path, plan = plans
    write(folder / "kh41.html", as_html(PLAN))  # the same plan saved as a web page
    assert ingest([folder], db_path).counts["ingested"] == 1
    db = catalog.connect(db_path)
    rows = search_documents(db, Filters(text="hội trại"))
    assert [r["number"] for r in rows] == ["41-KH/HĐBĐ", "57-KH/HĐBĐ"]
    assert sorted(Path(p).name for p in rows[0]["files"]) == ["kh41.html", "kh41.txt"]
    assert rows[0]["formats"] == ["html", "txt"]
    assert len(search_documents(db, Filters(), limit=2)) == 2  # the page is filled after folding
    whats = [e["what"] for e in search_events(db, Filters(number="41"))]
    assert len(whats) == len(set(whats)) == 2  # each event of the plan once
    from pipeline.use.serve import ensure_views

    ensure_views(db_path)
    view = list(db.query("select number, files, formats from plans order by number"))
    assert [v["number"] for v in view] == ["41-KH/HĐBĐ", "57-KH/HĐBĐ"]
    assert json.loads(view[0]["formats"]) == ["txt", "html"] and len(json.loads(view[0]["files"])) == 2
    # the first file gone: the plan is still one row, from its other file
    plan.unlink()
    ingest([folder], db_path)
    rows = search_documents(db, Filters(number="41"))
    assert len(rows) == 1 and rows[0]["path"].endswith("kh41.html")
    assert [v["number"] for v in db.query("select number from plans order by number")] == ["41-KH/HĐBĐ",
                                                                                              "57-KH/HĐBĐ"]
    catalog.prune(db)  # the first file forgotten: the other is the plan now
    assert db.execute("select count(*) from documents where twin_of is not null").fetchone()[0] == 0


def test_correcting_a_number_moves_a_file_into_or_out_of_a_plan(plans):
    folder, db_path, _ = plans
    db = catalog.connect(db_path)
    other = doc_id_of(db, "kh57.txt")
    correct(db, other, "number", "41-KH/HĐBĐ")  # it was the same plan, misread
    assert [r["number"] for r in search_documents(db, Filters())] == ["41-KH/HĐBĐ"]
    assert db.execute("select twin_of from documents where id = ?", [other]).fetchone()[0] == doc_id_of(db, "kh41.txt")
    correct(db, other, "number", None)
    assert sorted(r["number"] for r in search_documents(db, Filters())) == ["41-KH/HĐBĐ", "57-KH/HĐBĐ"]


def test_a_corrected_event_keeps_its_calendar_uid_so_a_reimport_updates_it(plans):
    _, db_path, _ = plans
    db = catalog.connect(db_path)
    doc = doc_id_of(db, "kh41.txt")

    def by_uid() -> dict[str, str]:
        cal, _ = build_calendar(search_events(db, Filters(number="41")))
        return {str(e["UID"]): str(e["DTSTART"].dt) for e in cal.walk("VEVENT")}

    before = by_uid()
    correct(db, doc, "events.1.start", "2024-04-19")
    correct(db, doc, "events.1.what", "Hội trại tòng quân")
    after = by_uid()
    assert after.keys() == before.keys()
    assert sorted(after.values()) == ["2024-04-10", "2024-04-19"] != sorted(before.values())


def test_review_writes_a_workbook(tmp_path):
    from openpyxl import load_workbook

    draft = write(tmp_path / "du_thao.txt", PLAN.replace("Số: 41-KH/HĐBĐ", "Số:      /KH-HĐBĐ"))
    db_path = tmp_path / "c.db"
    ingest([draft], db_path)
    out = tmp_path / "to_check.xlsx"
    r = kehoach("review", "--db", str(db_path), "-o", str(out))
    assert r.returncode == 0, r.stderr
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("document_id", "field", "value") and rows[1][:2] == (1, "number")


def test_a_corrected_venue_is_found_by_venue_search(plans):
    _, db_path, _ = plans
    db = catalog.connect(db_path)
    doc = doc_id_of(db, "kh41.txt")
    before = catalog.get_document(db, doc)["record"]["events"][0]["venues"]
    assert before and "41-KH/HĐBĐ" in numbers(db_path, venue=before[0])
    correct(db, doc, "events.1.venues", "Nhà thi đấu tỉnh Lâm Đồng")
    assert numbers(db_path, venue="Nhà thi đấu tỉnh Lâm Đồng") == ["41-KH/HĐBĐ"]
    correct(db, doc, "events.1.venues", None)  # cleared: the extracted venue is searched again
    assert numbers(db_path, venue="Nhà thi đấu tỉnh Lâm Đồng") == []
    assert "41-KH/HĐBĐ" in numbers(db_path, venue=before[0])


def test_recipients_are_corrected_as_a_list(plans):
    _, db_path, _ = plans
    db = catalog.connect(db_path)
    doc = doc_id_of(db, "kh41.txt")
    correct(db, doc, "recipients", "Huyện Đoàn Bù Đăng; Lưu VP")
    assert catalog.get_document(db, doc)["record"]["recipients"] == ["Huyện Đoàn Bù Đăng", "Lưu VP"]
    rows = db.execute("select name from recipients where document_id = ? order by position", [doc]).fetchall()
    assert [r[0] for r in rows] == ["Huyện Đoàn Bù Đăng", "Lưu VP"]
    correct(db, doc, "recipients", None)
    extracted = catalog.get_document(db, doc)["record"]["recipients"]
    rows = db.execute("select name from recipients where document_id = ? order by position", [doc]).fetchall()
    assert [r[0] for r in rows] == extracted != ["Huyện Đoàn Bù Đăng", "Lưu VP"]
