"""Bulk ingest: parallel workers, incremental re-runs, duplicates, retry, the CLI, Dask and watch.

Plans are generated here from made-up Vietnamese sentences in the grammar of administrative plans;
each index gives another issuer, number, date, title and schedule."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.catalog import db as catalog
from pipeline.catalog.ingest import IngestOptions, Ingestor, ingest
from pipeline.catalog.worker import process_file

UNITS = [
    ("TỈNH ĐOÀN LÂM ĐỒNG", "BCH ĐOÀN HUYỆN ĐỨC TRỌNG", "Đức Trọng", "HĐT"),
    ("HUYỆN ỦY CHỢ MỚI", "ĐOÀN XÃ KIẾN AN", "Kiến An", "ĐTN"),
    ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "TRƯỜNG THPT PHAN BỘI CHÂU", "Phan Thiết", "THPT"),
    ("UBND THÀNH PHỐ HUẾ", "PHÒNG VĂN HÓA VÀ THÔNG TIN", "Huế", "PVHTT"),
    ("TỈNH ĐOÀN NGHỆ AN", "BCH ĐOÀN THỊ XÃ CỬA LÒ", "Cửa Lò", "TĐTN"),
]
ACTIVITIES = ["Hội thi tìm hiểu lịch sử địa phương", "Ngày hội đọc sách thiếu nhi",
              "Giải bóng chuyền thanh niên", "Chiến dịch tình nguyện mùa hè xanh",
              "Hội trại rèn luyện kỹ năng sống", "Lễ ra quân hiến máu"]
VENUES = ["Nhà văn hóa xã", "Sân vận động huyện", "Hội trường Ủy ban nhân dân", "Trường Tiểu học Hòa Bình"]
SIGNERS = ["Nguyễn Văn An", "Trần Thị Bích Ngọc", "Lê Hoàng Minh", "Phạm Thu Hà", "Võ Quốc Bảo"]


def make_plan(i: int, body_repeat: int = 1) -> str:
    parent, issuer, place, unit = UNITS[i % len(UNITS)]
    day, month, year = 1 + i % 27, 1 + (i // 3) % 12, 2019 + i % 6
    what = ACTIVITIES[i % len(ACTIVITIES)]
    venue = VENUES[(i // 2) % len(VENUES)]
    extra = "\n".join(
        f"- Nội dung {k + 1}: các đơn vị đăng ký đội hình tham gia {what.lower()} và gửi danh sách về "
        f"văn phòng trước ngày {1 + (day + k) % 27}/{month}/{year}." for k in range(3 * body_repeat))
    return f"""{parent}
{issuer}

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: {10 + i}/KH-{unit}
{place}, ngày {day:02d} tháng {month:02d} năm {year}

KẾ HOẠCH
Tổ chức {what} năm {year} (đợt {i})

Thực hiện chương trình công tác năm {year}, {issuer.title()} xây dựng kế hoạch tổ chức {what.lower()} như sau:

I. MỤC ĐÍCH, YÊU CẦU
- Nâng cao nhận thức và tinh thần trách nhiệm của đoàn viên, thanh niên.
- Tổ chức an toàn, tiết kiệm, hiệu quả.

II. THỜI GIAN, ĐỊA ĐIỂM
1. Thời gian: từ 07 giờ 30 phút ngày {day:02d}/{month:02d}/{year + 1}.
2. Địa điểm: {venue}.
3. Số lượng: {40 + i} đoàn viên.

III. NỘI DUNG
{extra}

IV. TỔ CHỨC THỰC HIỆN
1. Văn phòng
- Chuẩn bị hội trường, âm thanh, ánh sáng phục vụ chương trình.
2. Các chi đoàn
- Triển khai kế hoạch đến đoàn viên, báo cáo kết quả trước ngày 30/{month:02d}/{year + 1}.

Nơi nhận:
- Thường trực cấp trên (để báo cáo);
- Các chi đoàn trực thuộc;
- Lưu VP.

TM. BAN THƯỜNG VỤ
BÍ THƯ

{SIGNERS[i % len(SIGNERS)]}
"""


def write_plans(folder: Path, n: int, start: int = 0, body_repeat: int = 1) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(start, start + n):
        p = folder / f"kh_{i:04d}.txt"
        p.write_text(make_plan(i, body_repeat), encoding="utf-8")
        out.append(p)
    return out


def catalog_snapshot(db_path: Path) -> dict[str, dict]:
    """Everything a document is, keyed by content hash (ids depend on the order workers finish)."""
    db = sqlite3.connect(db_path)
    catalog.register_functions(db)  # the views fields and responsibilities read the compressed record
    db.row_factory = sqlite3.Row
    docs = {}
    for d in db.execute("select * from documents"):
        doc_id = d["id"]
        row = {k: d[k] for k in d.keys() if k not in ("id", "ingested_at", "twin_of")}
        row["record"] = catalog.unpack_record(d["record"], d["text_norm"])
        row["files"] = sorted(r[0] for r in db.execute(
            "select path from files where document_id=?", [doc_id]))
        for table in ("fields", "recipients", "events", "venues", "responsibilities"):
            rows = db.execute(f"select * from {table} where document_id=?", [doc_id]).fetchall()
            row[table] = sorted(tuple(_named(db, k, v) for k, v in dict(r).items() if k not in ("id", "document_id"))
                                for r in rows)
        docs[d["sha256"]] = row
    db.close()
    return docs


def _named(db: sqlite3.Connection, column: str, value):
    """A venue's shared name row by what it says: its id is given in the order documents arrive."""
    if column != "name_id" or value is None:
        return value
    return tuple(db.execute("select name, provinces_2025, key from venue_names where id=?", [value]).fetchone())


def snapshot_differences(a: dict[str, dict], b: dict[str, dict]) -> list[str]:
    """Where two catalog snapshots differ, one line per document and field (for a failing assertion)."""
    out = [f"{k[:12]} only in the first" for k in a.keys() - b.keys()]
    out += [f"{k[:12]} only in the second" for k in b.keys() - a.keys()]
    for k in a.keys() & b.keys():
        for field in a[k].keys() | b[k].keys():
            if a[k].get(field) != b[k].get(field):
                out.append(f"{a[k].get('path') or k[:12]} {field}: {str(a[k].get(field))[:300]} != "
                           f"{str(b[k].get(field))[:300]}")
    return out


def kehoach(*args: str, cwd: Path | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=timeout)


# ---------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_parallel_workers_store_what_one_process_stores(tmp_path):
    files = write_plans(tmp_path / "in", 12)
    # one process takes the files last to first, so the catalogs can only agree on what the rows say,
    # not on ids given in the order documents arrive (the workers' order varies with the machine's load)
    s1 = ingest(files[::-1], tmp_path / "one.db", workers=1)
    s2 = ingest(files, tmp_path / "two.db", workers=2)
    assert s1.counts["ingested"] == s2.counts["ingested"] == 12
    one, two = catalog_snapshot(tmp_path / "one.db"), catalog_snapshot(tmp_path / "two.db")
    assert one == two, snapshot_differences(one, two)
    # two real worker processes did the work, and told their peak memory
    assert len(s2.worker_rss_mb) == 2 and all(m > 10 for m in s2.worker_rss_mb.values())


_calls: list[str] = []


def counting_work(path: str, max_bytes: int):
    _calls.append(os.path.basename(path))
    return process_file(path, max_bytes)


def test_unchanged_files_are_skipped_without_extracting(tmp_path):
    files = write_plans(tmp_path / "in", 5)
    db = tmp_path / "c.db"
    _calls.clear()
    first = ingest(files, db, work=counting_work)
    assert first.counts["ingested"] == 5 and len(_calls) == 5
    _calls.clear()
    again = ingest(files, db, work=counting_work)
    assert again.counts["unchanged"] == 5 and _calls == []
    # touched (new mtime, same bytes): hashed, found, not extracted again
    os.utime(files[0], (time.time() + 10, time.time() + 10))
    touched = ingest(files, db, work=counting_work)
    assert touched.counts["unchanged"] == 5 and _calls == []
    # the triage of an unchanged file decides without extracting (its speed: benchmarks/ingest_bench.py)
    with Ingestor(db, IngestOptions(workers=1)) as ing:
        for f in files:
            assert ing.triage(str(f)).status == "unchanged"


def test_changed_file_replaces_its_record_in_place(tmp_path):
    files = write_plans(tmp_path / "in", 3)
    db = tmp_path / "c.db"
    ingest(files, db)
    text = files[1].read_text(encoding="utf-8").replace("Số: 11/KH-", "Số: 911/KH-")
    files[1].write_text(text, encoding="utf-8")
    s = ingest(files, db)
    assert s.counts["updated"] == 1 and s.counts["unchanged"] == 2
    dbh = catalog.connect(db)
    numbers = sorted(r["number"] for r in dbh.query("select number from documents"))
    assert numbers == ["10/KH-HĐT", "12/KH-THPT", "911/KH-ĐTN"]
    assert dbh.execute("select count(*) from fields where value = '11/KH-ĐTN'").fetchone()[0] == 0
    assert dbh["files"].count == 3


def test_copies_and_renames_are_linked_not_stored_twice(tmp_path):
    files = write_plans(tmp_path / "in", 3)
    db = tmp_path / "c.db"
    ingest(files, db)
    _calls.clear()
    copy = tmp_path / "in" / "ban_sao.txt"
    shutil.copy(files[0], copy)
    renamed = tmp_path / "in" / "doi_ten.txt"
    files[2].rename(renamed)
    s = ingest([tmp_path / "in"], db, work=counting_work)
    assert s.counts["duplicate"] == 2 and s.counts["unchanged"] == 2 and _calls == []
    dbh = catalog.connect(db)
    assert dbh["documents"].count == 3
    by_name = {Path(r["path"]).name: r["document_id"] for r in dbh.query("select * from files")}
    assert by_name["ban_sao.txt"] == by_name["kh_0000.txt"]
    assert by_name["doi_ten.txt"] in {r["id"] for r in dbh.query("select id from documents")}


@pytest.mark.slow
def test_cli_summary_errors_and_retry_failed(tmp_path):
    files = write_plans(tmp_path / "in", 4)
    db = tmp_path / "c.db"
    size = files[0].stat().st_size
    # a size limit below the files' size: every file fails as too large, the run still exits 0
    res = kehoach("ingest", str(tmp_path / "in"), "--db", str(db), "--workers", "2", "--json",
                  "--max-size", str(size / 2e6))
    assert res.returncode == 0, res.stderr
    summary = json.loads(res.stdout)
    assert summary["failed"] == 4 and summary["failed_by_stage"] == {"size": 4}
    assert sum("too large" in line for line in res.stderr.splitlines()) == 4
    listed = json.loads(kehoach("errors", "--db", str(db), "--format", "json").stdout)
    assert {Path(r["path"]).name for r in listed} == {f.name for f in files}
    assert all(r["stage"] == "size" and r["reason"].startswith("too large") for r in listed)
    strict = kehoach("ingest", str(tmp_path / "in"), "--db", str(db), "--strict", "--max-size", "0.000001")
    assert strict.returncode == 3
    # retry only what failed, with the default limit: all in, errors emptied
    res = kehoach("ingest", "--retry-failed", "--db", str(db), "--json", "--workers", "1")
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["ingested"] == 4
    assert json.loads(kehoach("errors", "--db", str(db), "--format", "json").stdout) == []
    assert kehoach("ingest", "--db", str(db)).returncode == 2  # nothing to ingest named


@pytest.mark.slow
def test_dask_local_cluster_gives_the_same_catalog(tmp_path):
    pytest.importorskip("distributed")
    files = write_plans(tmp_path / "in", 6)
    ingest(files, tmp_path / "local.db", workers=1)
    s = ingest(files, tmp_path / "dask.db", executor="dask", workers=1, dask_processes=False)
    assert s.counts["ingested"] == 6
    assert catalog_snapshot(tmp_path / "local.db") == catalog_snapshot(tmp_path / "dask.db")


@pytest.mark.slow
def test_watch_takes_a_file_once_it_is_complete(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    db = tmp_path / "c.db"
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "watch", str(inbox), "--db", str(db),
                             "--interval", "0.5", "--workers", "1"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        time.sleep(1.0)
        text = make_plan(7, body_repeat=4).encode("utf-8")
        target = inbox / "den_sau.txt"
        # written slowly, in pieces, over several polls: a half-written file must not be taken
        with open(target, "wb") as fh:
            for k in range(0, len(text), len(text) // 8 + 1):
                fh.write(text[k:k + len(text) // 8 + 1])
                fh.flush()
                time.sleep(0.1)
                if db.exists():
                    assert _doc_count(db) == 0
        deadline = time.time() + 60
        while time.time() < deadline and (not db.exists() or _doc_count(db) == 0):
            time.sleep(0.2)
        assert _doc_count(db) == 1
    finally:
        proc.send_signal(signal.SIGTERM)
        out, errtext = proc.communicate(timeout=60)
    assert proc.returncode == 0, errtext
    assert out.splitlines()[0].startswith("ingested\t")
    dbh = catalog.connect(db)
    row = next(dbh.query("select size from files"))
    assert row["size"] == len(text)
    assert next(dbh.query("select number from documents"))["number"] == "17/KH-THPT"


def _doc_count(db: Path) -> int:
    con = sqlite3.connect(db, timeout=30)
    try:
        return con.execute("select count(*) from documents").fetchone()[0]
    except sqlite3.OperationalError:  # the schema is being created
        return 0
    finally:
        con.close()
