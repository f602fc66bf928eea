"""The catalog (real SQLite files) and the command line, end to end."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.catalog import db as catalog
from pipeline.catalog.ingest import ingest
from pipeline.extract import extract_file
from pipeline.record import SCHEMA_PATH, json_schema

PLAN = """\
TỈNH ĐOÀN BÌNH PHƯỚC
BCH ĐOÀN HUYỆN BÙ ĐĂNG

ĐOÀN TNCS HỒ CHÍ MINH

Bù Đăng, ngày 15 tháng 3 năm 2024

Số: 41-KH/HĐBĐ

KẾ HOẠCH
Tổ chức Hội trại thanh niên tình nguyện năm 2024

I. THỜI GIAN, ĐỊA ĐIỂM

1. Thời gian: từ ngày 20/4 đến ngày 21/4/2024.

2. Địa điểm: Nhà văn hóa huyện Bù Đăng.

3. Số lượng: 120 đoàn viên.

II. TỔ CHỨC THỰC HIỆN

1. Ban Tổ chức Huyện Đoàn

- Xây dựng kịch bản chương trình hội trại.

- Tổng hợp danh sách gửi về Văn phòng trước ngày 10/4/2024.

Nơi nhận:
- Tỉnh Đoàn (b/c);
- Lưu VP.

TM. BAN THƯỜNG VỤ
BÍ THƯ

Điểu Thị Hoa
"""


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    p = tmp_path / "kh41.txt"
    p.write_text(PLAN, encoding="utf-8")
    return p


def kehoach(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=300)


def test_reingest_is_idempotent(tmp_path, plan):
    db_path = tmp_path / "c.db"
    first = ingest([plan], db_path)
    assert first.counts["ingested"] == 1
    db = catalog.connect(db_path)
    before = {t: db[t].count for t in ("documents", "fields", "events", "venues", "recipients")}
    db.close()
    second = ingest([plan], db_path)
    assert second.counts["unchanged"] == 1
    db = catalog.connect(db_path)
    assert {t: db[t].count for t in before} == before
    # a copy under another name is linked, not stored twice
    copy = tmp_path / "copy.txt"
    copy.write_bytes(plan.read_bytes())
    third = ingest([copy], db_path)
    assert third.counts["duplicate"] == 1
    assert db["documents"].count == 1 and db["files"].count == 2


def test_changed_file_replaces_its_record(tmp_path, plan):
    db_path = tmp_path / "c.db"
    ingest([plan], db_path)
    plan.write_text(PLAN.replace("Số: 41-KH/HĐBĐ", "Số: 42-KH/HĐBĐ"), encoding="utf-8")
    s = ingest([plan], db_path)
    assert s.counts["updated"] == 1
    db = catalog.connect(db_path)
    assert [r["number"] for r in db.query("select number from documents")] == ["42-KH/HĐBĐ"]
    assert db.execute("select count(*) from fields where value = '41-KH/HĐBĐ'").fetchone()[0] == 0


@pytest.mark.parametrize("query", ["binh phuoc", "Bình Phước", "BÌNH PHƯỚC", "doan", "hoi trai", "hội trại"])
def test_search_without_diacritics(tmp_path, plan, query):
    db_path = tmp_path / "c.db"
    ingest([plan], db_path)
    hits = catalog.search(catalog.connect(db_path), query)
    assert [h["number"] for h in hits] == ["41-KH/HĐBĐ"]


def test_search_does_not_match_unrelated_words(tmp_path, plan):
    db_path = tmp_path / "c.db"
    ingest([plan], db_path)
    assert catalog.search(catalog.connect(db_path), "khanh hoa") == []


def test_bad_files_are_recorded_and_the_batch_goes_on(tmp_path, plan):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 4)
    db_path = tmp_path / "out" / "c.db"
    s = ingest([empty, junk, plan], db_path)
    assert s.counts["ingested"] == 1 and s.counts["failed"] == 2
    db = catalog.connect(db_path)
    reasons = {Path(r["path"]).name: r["reason"] for r in db.query("select * from errors")}
    assert set(reasons) == {"empty.txt", "junk.pdf"}
    assert all(reasons.values())


def test_provenance_rows_point_into_the_text(tmp_path, plan):
    rec = extract_file(plan).record
    text = extract_file(plan).document.text
    for name, provs in rec.provenance.items():
        for p in provs:
            assert text[p.start:p.end] == p.text, name


def test_cli_extract_jsonl_and_json(tmp_path, plan):
    other = tmp_path / "other.txt"
    other.write_text(PLAN.replace("41-KH", "43-KH"), encoding="utf-8")
    res = kehoach("extract", str(plan), str(other), "--format", "jsonl")
    assert res.returncode == 0, res.stderr
    lines = [json.loads(x) for x in res.stdout.splitlines()]
    assert [r["path"] for r in lines] == [str(plan), str(other)]
    assert lines[0]["number"] == "41-KH/HĐBĐ" and lines[1]["number"] == "43-KH/HĐBĐ"
    one = json.loads(kehoach("extract", str(plan), "--format", "json").stdout)
    assert isinstance(one, dict) and one["issue_date"] == "2024-03-15"
    many = json.loads(kehoach("extract", str(plan), str(other), "--format", "json").stdout)
    assert isinstance(many, list) and len(many) == 2


def test_cli_extract_reports_a_bad_file_and_goes_on(tmp_path, plan):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 truncated zip")
    res = kehoach("extract", str(bad), str(plan), "--format", "jsonl")
    out = [json.loads(x) for x in res.stdout.splitlines()]
    assert out[0]["path"] == str(bad) and "error" in out[0]
    assert out[1]["number"] == "41-KH/HĐBĐ"
    assert "bad.docx" in res.stderr and len(res.stderr.strip().splitlines()) == 1


def test_cli_ingest_search_show(tmp_path, plan):
    db_path = tmp_path / "c.db"
    res = kehoach("ingest", str(plan), "--db", str(db_path), "--json")
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["ingested"] == 1
    hits = json.loads(kehoach("search", "nha van hoa", "--db", str(db_path), "--format", "json").stdout)
    assert hits and hits[0]["number"] == "41-KH/HĐBĐ"
    shown = json.loads(kehoach("show", str(hits[0]["id"]), "--db", str(db_path), "--format", "json").stdout)
    assert shown["record"]["signer_name"] == "Điểu Thị Hoa"
    assert any(f["field"] == "number" for f in shown["fields"])


def test_cli_ingest_strict_exit_code(tmp_path, plan):
    (tmp_path / "empty.txt").write_bytes(b"")
    res = kehoach("ingest", str(tmp_path), "--db", str(tmp_path / "c.db"), "--strict")
    assert res.returncode == 3


def test_schema_file_is_current():
    assert json.loads(SCHEMA_PATH.read_text(encoding="utf-8")) == json_schema()


def test_extract_output_validates_against_the_schema(plan):
    import jsonschema

    jsonschema.validate(extract_file(plan).record.to_json(), json_schema())


def test_catalog_is_a_plain_sqlite_file(tmp_path, plan):
    db_path = tmp_path / "c.db"
    ingest([plan], db_path)
    conn = sqlite3.connect(db_path)
    assert conn.execute("select issuer, issuer_parent from documents").fetchone() == (
        "BCH ĐOÀN HUYỆN BÙ ĐĂNG", "TỈNH ĐOÀN BÌNH PHƯỚC")


@pytest.mark.slow
def test_cli_extracts_a_word97_file(tmp_path, plan):
    """The whole command on a .doc: LibreOffice's UNO bridge must not break later imports (spaCy)."""
    import shutil

    if not shutil.which("soffice"):
        pytest.skip("LibreOffice is not installed")
    import docx

    d = docx.Document()
    for line in PLAN.splitlines():
        d.add_paragraph(line)
    src = tmp_path / "kh41.docx"
    d.save(src)
    from fixtures_office import convert  # a private LibreOffice profile: another soffice may be running

    convert(src, tmp_path, "doc", ".doc", timeout=180)
    res = kehoach("extract", str(tmp_path / "kh41.doc"), "--format", "json")
    assert res.returncode == 0, res.stderr
    rec = json.loads(res.stdout)
    assert rec["source"]["format"] == "doc"
    assert (rec["number"], rec["signer_name"]) == ("41-KH/HĐBĐ", "Điểu Thị Hoa")
    assert [(e["start"], e["end"]) for e in rec["events"] if e["kind"] == "event"] == [("2024-04-20", "2024-04-21")]
