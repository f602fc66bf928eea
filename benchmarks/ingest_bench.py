"""Bulk-ingest benchmark: throughput, scaling, memory, catalog size, query latency, crash recovery.

    .venv/bin/python benchmarks/ingest_bench.py [--work /tmp/kehoach-bench] [--small N] [--large N]
                                                [--catalog N] [--kills N] [--crash-files N]

1. Generates --large text plans as variants of the real ones (benchmarks/make_variants.py); the first
   --small of them are the small set.
2. Baseline: only reading the text of the small set (open, read, decode), documents/s.
3. `ingest` of the small set with 1 and 2 worker processes (fresh catalogs): documents/s, the ratio to
   the baseline, peak RSS of each worker, catalog size per 1,000 documents.
4. `ingest` of the large set with 2 workers; a re-run (all unchanged) and the catalog lookups it does.
5. A catalog of --catalog documents (the large catalog plus variant records stored through
   catalog.store), then full-text, venue and date-range query latency (median, p95).
6. Crash test: `kehoach ingest` of --crash-files files killed with SIGKILL at --kills random moments,
   then a final run; the catalog must equal a clean single run (the large run holds one), and no
   document may be half-written at any kill.

Prints a summary and writes every figure to WORK/results.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))



def store_copy(dbh, rec, rec_json: str, text: str, k: int, rng, link_dir: Path) -> None:
    """Store copy ``k`` of a catalogued record as a new document: its dates moved by a few years, a
    new number, its own hash, and a hard link as its file (catalog.store stats the path; a link
    costs no disk)."""
    from pipeline.catalog import db as catalog

    years = rng.randint(-10, 3)
    if rec.issue_date and rec.issue_date[:4].isdigit():
        rec.issue_date = f"{int(rec.issue_date[:4]) + years}{rec.issue_date[4:]}"
    for ev in rec.events:
        for attr in ("start", "end"):
            v = getattr(ev, attr)
            if v and v[:4].isdigit():
                setattr(ev, attr, f"{int(v[:4]) + years}{v[4:]}")
    num = rec.number or "/KH"
    rec.number = f"{rng.randint(1, 999)}{num[num.find('/'):] if '/' in num else '/KH'}"
    rec.source["sha256"] = hashlib.sha256(f"{k}:{rec_json}".encode()).hexdigest()
    anchor = link_dir / f"anchor{k // 50000}.txt"  # ext4 allows 65,000 links to one file
    if not anchor.exists():
        anchor.write_text("x", encoding="utf-8")
    path = link_dir / f"d{k:07d}.txt"
    if not path.exists():
        os.link(anchor, path)
    rec.path = str(path)
    catalog.store(dbh, rec, text + f"\nBản lưu số {k}.", str(path))

def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def db_size_mb(db: Path) -> float:
    con = sqlite3.connect(db)
    con.execute("pragma wal_checkpoint(TRUNCATE)")
    con.close()
    return sum(p.stat().st_size for p in db.parent.glob(db.name + "*")) / 1e6


def baseline(files: list[Path]) -> dict:
    t = time.perf_counter()
    chars = 0
    for f in files:
        with open(f, "rb") as fh:
            chars += len(fh.read().decode("utf-8"))
    seconds = time.perf_counter() - t
    return {"files": len(files), "seconds": round(seconds, 3),
            "documents_per_second": round(len(files) / seconds, 1), "mean_chars": chars // len(files)}


def run_ingest(files: list[Path], db: Path, workers: int) -> dict:
    from pipeline.catalog.ingest import IngestOptions, ingest

    if db.exists():
        for p in db.parent.glob(db.name + "*"):
            p.unlink()
    first: list[float] = []
    t = time.perf_counter()
    summary = ingest([], db, files=files, options=IngestOptions(workers=workers),
                     on_file=lambda o: first or first.append(time.perf_counter() - t))
    d = summary.as_dict()
    docs = d["ingested"] + d["updated"]
    size = db_size_mb(db)
    steady = (len(files) - 1) / (summary.seconds - first[0]) if first and summary.seconds > first[0] else None
    return {"workers": workers, "files": len(files), "ingested": d["ingested"], "failed": d["failed"],
            "seconds": round(summary.seconds, 1), "documents_per_second": round(docs / summary.seconds, 1),
            "seconds_to_first_document": round(first[0], 2) if first else None,
            "steady_documents_per_second": round(steady, 1) if steady else None,
            "worker_peak_rss_mb": sorted(round(v) for v in summary.worker_rss_mb.values()),
            "catalog_mb": round(size, 1), "catalog_mb_per_1000": round(size / max(docs, 1) * 1000, 2)}


def rerun_and_lookups(files: list[Path], db: Path) -> dict:
    from pipeline.catalog import db as catalog
    from pipeline.catalog.ingest import IngestOptions, ingest

    t = time.perf_counter()
    s = ingest([], db, files=files, options=IngestOptions(workers=2))
    seconds = time.perf_counter() - t
    dbh = catalog.connect(db)
    rows = list(dbh.query("select path, sha256 from files"))
    random.Random(3).shuffle(rows)
    rows = rows[:2000]
    t = time.perf_counter()
    for r in rows:
        catalog.lookup_file(dbh, r["path"])
    by_path = (time.perf_counter() - t) / len(rows)
    t = time.perf_counter()
    for r in rows:
        catalog.document_id_for_hash(dbh, r["sha256"])
    by_hash = (time.perf_counter() - t) / len(rows)
    dbh.close()
    return {"files": len(files), "unchanged": s.counts["unchanged"], "seconds": round(seconds, 2),
            "ms_per_unchanged_file": round(seconds / len(files) * 1000, 3),
            "us_lookup_by_path": round(by_path * 1e6, 1), "us_lookup_by_hash": round(by_hash * 1e6, 1)}


def grow_catalog(src_db: Path, db: Path, target: int, link_dir: Path) -> dict:
    """Copy the large catalog and store variant records until it holds ``target`` documents."""
    from pipeline.catalog import db as catalog
    from pipeline.record import Record

    shutil.copy(src_db, db)
    dbh = catalog.connect(db)
    have = dbh["documents"].count
    base = [(r["record"], catalog.unpack_text(r["text_norm"]))
            for r in dbh.query("select record, text_norm from documents")]
    link_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(5)
    t = time.perf_counter()
    k = 0
    while have < target:
        rec_json, text = base[k % len(base)]
        rec = Record.model_validate(json.loads(rec_json))
        store_copy(dbh, rec, rec_json, text, k, rng, link_dir)
        have += 1
        k += 1
    seconds = time.perf_counter() - t
    dbh.close()
    return {"documents": target, "added": k, "store_ms_per_document": round(seconds / max(k, 1) * 1000, 2),
            "catalog_mb": round(db_size_mb(db), 1)}


def _timed(fn, runs: int, budget: float) -> dict:
    times = []
    start = time.perf_counter()
    for i in range(runs):
        t = time.perf_counter()
        n = fn(i)
        times.append(time.perf_counter() - t)
        if time.perf_counter() - start > budget:
            break
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    return {"runs": len(times), "median_ms": round(statistics.median(times) * 1000, 1),
            "p95_ms": round(p95 * 1000, 1), "last_hits": n}


def query_latency(db: Path) -> dict:
    from pipeline.catalog import db as catalog

    dbh = catalog.connect(db)
    words = ["hội trại", "kiểm tra", "khai giảng", "dong nai", "câu lạc bộ", "vật liệu nổ", "thanh niên",
             "học tập kinh nghiệm", "khanh hoa", "bí thư chi đoàn"]
    venues = ["Nhà văn hóa", "Cung thiếu nhi", "Hội trường", "Nhà Thiếu nhi Quận", "Trường THCS",
              "Đồng Nai", "Khánh Hòa", "Quận 11", "Lào Cai", "Gia Lai"]
    years = list(range(2015, 2027))
    out: dict = {"documents": dbh["documents"].count}
    out["fulltext_catalog_search"] = _timed(lambda i: len(catalog.search(dbh, words[i % len(words)])), 40, 60)
    try:
        from pipeline.use.query import Filters, search_documents
    except ImportError:  # the query layer is optional here: fall back to plain SQL on the indexed columns
        Filters = search_documents = None
    if search_documents is not None:
        def find(i: int, **kw) -> int:
            return len(search_documents(dbh, Filters(**kw)))

        out["fulltext"] = _timed(lambda i: find(i, text=words[i % len(words)]), 40, 60)
        out["venue"] = _timed(lambda i: find(i, venue=venues[i % len(venues)]), 20, 90)

        def period(i: int, issued: bool) -> int:
            y = years[i % len(years)]
            return len(search_documents(dbh, Filters(date_from=dt.date(y, 3, 1), date_to=dt.date(y, 5, 31),
                                                     issued=issued)))
        out["date_range_events"] = _timed(lambda i: period(i, False), 30, 60)
        out["date_range_issued"] = _timed(lambda i: period(i, True), 30, 60)
    out["sql_venue_like"] = _timed(lambda i: len(dbh.execute(
        "select distinct document_id from venues where name like ? limit 50",
        [f"%{venues[i % len(venues)]}%"]).fetchall()), 30, 30)
    out["sql_date_range_events"] = _timed(lambda i: len(dbh.execute(
        "select distinct document_id from events where start between ? and ? limit 50",
        [f"{years[i % len(years)]}-03-01", f"{years[i % len(years)]}-05-31"]).fetchall()), 30, 30)
    dbh.close()
    return out


def _count(db: Path) -> int:
    try:
        con = sqlite3.connect(db, timeout=30)
        n = con.execute("select count(*) from documents").fetchone()[0]
        con.close()
        return n
    except sqlite3.OperationalError:
        return 0


def _half_written(db: Path) -> int:
    """Documents whose rows do not all match their record (should be 0 after any kill)."""
    con = sqlite3.connect(db)
    bad = 0
    assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
    for doc_id, record in con.execute("select id, record from documents"):
        rec = json.loads(record)
        for table in ("events", "recipients", "venues"):
            n = con.execute(f"select count(*) from {table} where document_id=?", [doc_id]).fetchone()[0]
            bad += n != len(rec[table])
    con.close()
    return bad


def snapshot(db: Path, under: tuple[str, ...] = ()) -> dict[str, tuple]:
    con = sqlite3.connect(db)
    out = {}
    for doc_id, sha, record in con.execute("select id, sha256, record from documents"):
        files = sorted(r[0] for r in con.execute("select path from files where document_id=?", [doc_id]))
        if under:  # the part of a bigger catalog that holds these files (copies elsewhere left out)
            files = [f for f in files if f.startswith(under)]
            if not files:
                continue
        rows = []
        for table in ("fields", "recipients", "events", "venues", "responsibilities"):
            # ids differ between runs (workers finish in any order): compare the other columns
            cols = [c[1] for c in con.execute(f"pragma table_info({table})")
                    if c[1] not in ("id", "document_id")]
            rows.append(sorted(map(repr, con.execute(
                f"select {', '.join(cols)} from {table} where document_id=?", [doc_id]).fetchall())))
        out[sha] = (record, tuple(files), json.dumps(rows))
    con.close()
    return out


def crash_test(dirs: list[Path], db: Path, kills: int, clean_db: Path) -> dict:
    for p in db.parent.glob(db.name + "*"):
        p.unlink()
    n_files = sum(1 for d in dirs for _ in d.rglob("*.txt"))
    cmd = [sys.executable, "-m", "pipeline", "ingest", *map(str, dirs), "--db", str(db), "--workers", "2",
           "--json"]
    rng = random.Random(11)
    history = []
    for k in range(kills):
        delay = rng.uniform(1.0, 14.0)
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
        time.sleep(delay)
        finished = proc.poll() is not None
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        docs = _count(db) if db.exists() else 0
        half = _half_written(db) if db.exists() else 0
        history.append({"kill_after_s": round(delay, 1), "documents": docs, "half_written": half,
                        "had_finished": finished})
        log(f"  kill {k + 1}: after {delay:.1f} s, {docs} documents committed, {half} half-written")
    t = time.perf_counter()
    res = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    final = json.loads(res.stdout)
    final_seconds = time.perf_counter() - t
    got = snapshot(db)
    want = snapshot(clean_db, under=tuple(str(d) + os.sep for d in dirs))
    return {"files": n_files, "kills": history, "final_run": {k: final[k] for k in ("ingested", "unchanged",
                                                                                    "failed")},
            "final_run_seconds": round(final_seconds, 1), "documents": len(got),
            "equal_to_clean_run": got == want, "half_written_after_final": _half_written(db)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", type=Path, default=Path("/tmp/kehoach-bench"))
    ap.add_argument("--small", type=int, default=1000)
    ap.add_argument("--large", type=int, default=10000)
    ap.add_argument("--catalog", type=int, default=100000)
    ap.add_argument("--kills", type=int, default=5)
    ap.add_argument("--crash-files", type=int, default=2000)
    ap.add_argument("--resume", action="store_true", help="keep WORK and skip the stages in its results.json")
    args = ap.parse_args()
    from make_variants import make_variants

    work: Path = args.work
    saved = work / "results.json"
    if args.resume and saved.exists():
        results = json.loads(saved.read_text(encoding="utf-8"))
    else:
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        results = {"machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]}}
    started = time.perf_counter()

    def stage(name: str, fn) -> None:
        if name in results:
            return
        results[name] = fn()
        log(f"{name}: {json.dumps(results[name], ensure_ascii=False)}")
        saved.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")

    if "variants" not in results:
        log(f"generating {args.large} variants")
        files = make_variants(work / "docs", args.large)
    files = sorted((work / "docs").rglob("*.txt"))
    stage("variants", lambda: {"files": len(files),
                               "distinct": len({hashlib.sha256(f.read_bytes()).digest() for f in files})})
    small = files[:args.small]
    stage("baseline_read_text", lambda: baseline(small))
    for workers in (1, 2):
        def small_run(workers: int = workers) -> dict:
            r = run_ingest(small, work / f"small_{workers}.db", workers)
            r["cost_ratio_vs_baseline"] = round(results["baseline_read_text"]["documents_per_second"]
                                                / r["documents_per_second"], 1)
            return r
        stage(f"small_{workers}_workers", small_run)
    stage("large_2_workers", lambda: run_ingest(files, work / "large.db", 2))
    stage("large_rerun_unchanged", lambda: rerun_and_lookups(files, work / "large.db"))
    stage("big_catalog",
          lambda: grow_catalog(work / "large.db", work / "big.db", args.catalog, work / "links"))
    stage("query_latency", lambda: query_latency(work / "big.db"))

    # the first folders of the large set (1,000 files each): the large run is the clean run to match
    crash_dirs = sorted((work / "docs").iterdir())[:max(1, args.crash_files // 1000)]
    stage("crash_test", lambda: crash_test(crash_dirs, work / "crash.db", args.kills, work / "large.db"))
    results["seconds_this_run"] = round(time.perf_counter() - started)
    saved.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    print(json.dumps(results, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
