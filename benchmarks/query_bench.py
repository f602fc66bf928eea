"""Query speed and catalog size at archive scale: build catalogs of 10k and 100k documents, time every
query command in-process and as a whole `kehoach` process, print the size per document, plot latency
against catalog size.

    .venv/bin/python benchmarks/query_bench.py build [--work /tmp/kehoach-qbench] [--real 1000] [--sizes 10000,100000]
                                                     [--resume]  (go on with an interrupted build's grow.db)
    .venv/bin/python benchmarks/query_bench.py time  [--work ...] [--runs 20] [--only 1000000] [--skip-startup]
                                                     [--in-process-only]  (library calls only)
    .venv/bin/python benchmarks/query_bench.py ab    [--work ...] --before /tmp/base [--only 100000] [--kinds ...]
                                                     (whole processes of two checkouts, in turns)
    .venv/bin/python benchmarks/query_bench.py plot  [--work ...] [--cpu] [--compare KEY]
                                                     (needs matplotlib: pip install .[bench])
    .venv/bin/python benchmarks/query_bench.py report [--work ...]     (markdown tables for the README)

build: generates --real text plans as variants of the real ones (benchmarks/make_variants.py) and
ingests them (real extraction); then each catalog of --sizes is grown from the previous one with
variant records of those documents (issue year, event dates and number changed, a line added to the
text) stored through ``catalog.store``, one transaction per document, as an ingest stores them. Each
catalog is optimized (`kehoach optimize`) and its size per document and per character of text recorded.

time: for each catalog, every query command in-process (the library function the command calls, with
the command's default limits) and as a process (`kehoach ... --format jsonl`, stdout to /dev/null),
p50 and p95 over --runs runs with varied arguments, plus `kehoach --help` and start-up figures.
Results go to WORK/results.json; `plot` draws benchmarks/query_latency.png from it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
KEHOACH = [sys.executable, "-m", "pipeline"]


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def _results(work: Path) -> dict:
    p = work / "results.json"
    return json.loads(p.read_text()) if p.exists() else {}


def _save(work: Path, res: dict) -> None:
    (work / "results.json").write_text(json.dumps(res, ensure_ascii=False, indent=2))


# --------------------------------------------------------------------------------------------
# build


def db_size(db: Path) -> int:
    con = sqlite3.connect(db)
    con.execute("pragma wal_checkpoint(TRUNCATE)")
    con.close()
    return sum(p.stat().st_size for p in db.parent.glob(db.name + "*"))


def size_report(db: Path) -> dict:
    from pipeline.catalog.db import unpack_text

    con = sqlite3.connect(db)
    docs = text_bytes = 0
    for (value,) in con.execute("select text_norm from documents"):  # the text as UTF-8, uncompressed
        docs += 1
        text_bytes += len(unpack_text(value).encode("utf-8"))
    by_table: dict[str, int] = {}
    try:
        for name, size in con.execute("select name, sum(pgsize) from dbstat group by name"):
            base = name.split("_idx")[0] if name.startswith("documents_fts") else name
            by_table[base] = by_table.get(base, 0) + size
    except sqlite3.DatabaseError:
        pass
    con.close()
    size = db_size(db)
    return {"documents": docs, "bytes": size, "kb_per_document": round(size / docs / 1024, 2),
            "text_kb_per_document": round(text_bytes / docs / 1024, 2),
            "size_over_text": round(size / text_bytes, 2),
            "largest": {k: round(v / docs) for k, v in sorted(by_table.items(), key=lambda kv: -kv[1])[:8]}}


def grow_store(db: Path, target: int, link_dir: Path) -> dict:
    """Store variant records of the catalog's real documents until it holds ``target`` documents,
    one ``catalog.store`` transaction each, as an ingest stores them (``--store``: hours at 100k)."""
    from ingest_bench import store_copy

    from pipeline.catalog import db as catalog
    from pipeline.record import Record

    dbh = catalog.connect(db)
    have = dbh.execute("select count(*) from documents").fetchone()[0]
    base = [(json.dumps(catalog.unpack_record(r["record"]), ensure_ascii=False), catalog.unpack_text(r["text_norm"]))
            for r in dbh.query("select record, text_norm from documents where path not like '%/links/%' order by id")]
    link_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(have)
    t = time.perf_counter()
    k = have
    added = 0
    while have < target:
        rec_json, text = base[k % len(base)]
        rec = Record.model_validate(json.loads(rec_json))
        store_copy(dbh, rec, rec_json, text, k, rng, link_dir)
        have += 1
        k += 1
        added += 1
        if added % 10000 == 0:
            log(f"  {have} documents")
    seconds = time.perf_counter() - t
    dbh.close()
    return {"added": added, "store_ms_per_document": round(seconds / max(added, 1) * 1000, 2)}


# a copy's year shift and number, the way ingest_bench.store_copy varies a stored variant
_SHIFT = ("case when {c} glob '[0-9][0-9][0-9][0-9]*' then "
          "(cast(substr({c}, 1, 4) as integer) + m.years) || substr({c}, 5) else {c} end")


# beyond this many documents, copies keep their original's record and text as stored (see grow_sql)
EXACT_COPIES = 100_000


# full-text settings while copies are appended: segments merged once at the end, not on the way
_FTS_BULK = {"automerge": (0, 4), "crisismerge": (100000, 16), "hashsize": (256 << 20, 1 << 20)}


def grow_sql(db: Path, target: int, link_dir: Path, batch: int = 5000, exact_copies: int = EXACT_COPIES) -> dict:
    """Copy the real documents in SQL until the catalog holds ``target`` documents. Each copy gets a
    new id and content hash, a path under ``link_dir`` (not created: nothing reads the files), its
    issue date and event dates moved by -10..+3 years, a new number, and the line "Bản lưu số K." at
    the end of its text, as ``grow_store`` does; its provenance, events, venues, duties, recipients,
    pages and full-text row are copies of the original's (the full-text row indexes the new text).
    Provenance, duties and recipients come with the record (schema 8: views over it).

    Past ``EXACT_COPIES`` documents (the 1M catalog), a copy keeps its original's record and text as
    stored, without the added line: its columns, events, venues and hash are its own, but `show`
    prints the original's record (rewriting a million records would take an hour here)."""
    from pipeline.catalog import db as catalog
    from pipeline.read.normalise import fold

    dbh = catalog.connect(db)
    con = dbh.conn
    # a scratch build: a large page cache for the indexes' random inserts, no fsync
    con.execute("pragma cache_size = -1000000")
    con.execute("pragma synchronous = OFF")
    have = con.execute("select count(*) from documents").fetchone()[0]
    src_ids = [i for (i,) in con.execute("select id from documents where path not like '%/links/%' order by id")]
    cols = [c for c in dbh["documents"].columns_dict if c != "id"]
    base: dict[int, tuple[str, str, str, str]] = {}  # id -> title, text, folded title, folded text

    def texts(src: int) -> tuple[str, str, str, str]:
        if src not in base:
            title, packed = con.execute("select title_norm, text_norm from documents where id = ?", [src]).fetchone()
            text = catalog.unpack_text(packed)
            base[src] = (title or "", text, fold(title or ""), fold(text))
        return base[src]

    def record(value: Any, src: int, k: int, years: int, number: str, sha: str, path: str) -> Any:
        rec = catalog.unpack_record(value, texts(src)[1])
        if rec.get("issue_date") and rec["issue_date"][:4].isdigit():
            rec["issue_date"] = f"{int(rec['issue_date'][:4]) + years}{rec['issue_date'][4:]}"
        for ev in rec.get("events") or []:
            for attr in ("start", "end"):
                v = ev.get(attr)
                if v and v[:4].isdigit():
                    ev[attr] = f"{int(v[:4]) + years}{v[4:]}"
        rec["number"], rec["path"] = number, path
        rec.setdefault("source", {})["sha256"] = sha
        return catalog.pack_record(rec, texts(src)[1] + _line(k))  # packed against the copy's text

    con.create_function("grow_record", 7, record)
    con.create_function("grow_text", 2, lambda src, k: catalog.pack_text(texts(src)[1] + _line(k)))
    con.execute("create temp table grow_map(new_id integer primary key, src integer, k integer, years integer, "
                "number text, sha text, path text)")
    rng = random.Random(have)
    next_id = con.execute("select max(id) from documents").fetchone()[0] + 1
    shifted = {"issue_date": _SHIFT.format(c="d.issue_date"), "issue_year": "d.issue_year + m.years",
               "number": "m.number", "sha256": "m.sha", "path": "m.path", "text_norm": "grow_text(m.src, m.k)",
               "record": "grow_record(d.record, m.src, m.k, m.years, m.number, m.sha, m.path)", "twin_of": "null"}
    doc_sql = (f"insert into documents(id, {', '.join(cols)}) select m.new_id, "
               + ", ".join(shifted.get(c, f"d.{c}") for c in cols)
               + " from grow_map m join documents d on d.id = m.src order by m.new_id")
    lean_sql = doc_sql.replace(shifted["text_norm"], "d.text_norm").replace(shifted["record"], "d.record")
    children = {
        "files": "insert into files(path, sha256, size, mtime, document_id, seen_at) select m.path, m.sha, f.size, "
                 "f.mtime, m.new_id, f.seen_at from grow_map m join documents d on d.id = m.src "
                 "join files f on f.rowid = (select min(rowid) from files where document_id = d.id)",
        "events": "insert into events(document_id, position, kind, what, start, end, precision, time_of_day, "
                  "tentative, venues, when_text, responsible, page, char_start, char_end) select m.new_id, "
                  "x.position, x.kind, x.what, " + _SHIFT.format(c="x.start") + ", " + _SHIFT.format(c="x.end")
                  + ", x.precision, x.time_of_day, x.tentative, x.venues, x.when_text, x.responsible, x.page, "
                  "x.char_start, x.char_end from grow_map m join events x on x.document_id = m.src "
                  "order by m.new_id, x.id",
        "venues": "insert into venues(document_id, name, key, provinces, provinces_2025, name_id) select m.new_id, "
                  "x.name, x.key, x.provinces, x.provinces_2025, x.name_id from grow_map m "
                  "join venues x on x.document_id = m.src order by m.new_id, x.id",
        "pages": "insert into pages(document_id, page, source, ocr_confidence, ocr_reason, words) select m.new_id, "
                 "x.page, x.source, x.ocr_confidence, x.ocr_reason, x.words from grow_map m "
                 "join pages x on x.document_id = m.src order by m.new_id, x.page",
    }
    t = time.perf_counter()
    added = 0
    for name, (bulk, _) in _FTS_BULK.items():
        con.execute("insert into documents_fts(documents_fts, rank) values (?, ?)", [name, bulk])
    while have < target:
        n = min(batch, target - have)
        rows = []
        for i in range(n):
            k = have + i
            src = src_ids[k % len(src_ids)]
            years = rng.randint(-10, 3)
            rows.append((next_id + i, src, k, years, None, hashlib.sha256(f"grow:{k}:{src}".encode()).hexdigest(),
                         str(link_dir / f"d{k:07d}.txt")))
        numbers = dict(con.execute("select id, number from documents where id in "
                                   f"({','.join(str(r[1]) for r in rows)})"))
        rows = [(*r[:4], _new_number(numbers.get(r[1]), rng), *r[5:]) for r in rows]
        with catalog.write_transaction(dbh):
            con.execute("delete from grow_map")
            con.executemany("insert into grow_map values (?, ?, ?, ?, ?, ?, ?)", rows)
            exact = have < exact_copies
            con.execute(doc_sql if exact else lean_sql)
            for sql in children.values():
                con.execute(sql)
            con.executemany(
                "insert into documents_fts(rowid, title_norm, text_norm, title_folded, text_folded) "
                "values (?, ?, ?, ?, ?)",
                ((new_id, texts(src)[0], texts(src)[1] + _line(k), texts(src)[2], texts(src)[3] + fold(_line(k)))
                 if exact else (new_id, *texts(src)) for new_id, src, k, *_ in rows))
        have += n
        next_id += n
        added += n
        if added % 50000 < batch:
            log(f"  {have} documents ({time.perf_counter() - t:.0f} s)")
    for name, (_, default) in _FTS_BULK.items():
        con.execute("insert into documents_fts(documents_fts, rank) values (?, ?)", [name, default])
    with catalog.write_transaction(dbh):  # copies given the same number, issuer and year are one plan's files
        first = ("(select min(p.id) from documents p where p.number = documents.number "
                 "and p.issuer = documents.issuer and p.issue_year is documents.issue_year)")
        # only the rows that change are rewritten (each holds its text and record: 4 KB)
        con.execute(f"update documents set twin_of = nullif({first}, id) where number is not null "
                    f"and issuer is not null and twin_of is not nullif({first}, id)")
    seconds = time.perf_counter() - t
    dbh.close()
    return {"added": added, "grow": "sql", "ms_per_document": round(seconds / max(added, 1) * 1000, 3)}


def _line(k: int) -> str:
    return f"\nBản lưu số {k}."


def _new_number(num: str | None, rng: random.Random) -> str:
    num = num or "/KH"
    return f"{rng.randint(1, 999)}{num[num.find('/'):] if '/' in num else '/KH'}"


def build(work: Path, real: int, sizes: list[int], store: bool = False, resume: bool = False) -> None:
    from pipeline.catalog import db as catalog
    from pipeline.catalog.ingest import IngestOptions, ingest

    res = _results(work)
    docs = work / "docs"
    if not docs.exists():
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_variants.py"), str(docs), "-n", str(real)],
                       check=True)
    base = work / "base.db"
    if not base.exists():
        log(f"ingest {real} plans")
        t = time.perf_counter()
        s = ingest([docs], work / "base.tmp.db", options=IngestOptions(workers=2))
        (work / "base.tmp.db").rename(base)
        for suffix in ("-wal", "-shm"):
            p = work / f"base.tmp.db{suffix}"
            if p.exists():
                p.rename(work / f"base.db{suffix}")
        res["ingest"] = {"files": real, "seconds": round(time.perf_counter() - t, 1), **s.counts}
        res.setdefault("catalogs", {})[str(real)] = size_report(base)
        _save(work, res)
    if res.get("catalogs", {}).get(str(real), {}).get("schema") != catalog.SCHEMA_VERSION:
        log(f"{base.name}: to schema {catalog.SCHEMA_VERSION}, optimized")  # a catalog of an earlier schema
        dbh = catalog.connect(base)
        catalog.optimize(dbh)
        dbh.close()
        res.setdefault("catalogs", {})[str(real)] = {**size_report(base), "schema": catalog.SCHEMA_VERSION}
        _save(work, res)
    prev = base
    for n in sizes:
        db = work / f"c{n}.db"
        if not db.exists():
            if resume and (work / "grow.db").exists():  # an interrupted build: each batch was committed
                log(f"catalog of {n} documents: going on from grow.db")
            else:
                log(f"catalog of {n} documents from {prev.name}")
                shutil.copy(prev, work / "grow.db")
            info = (grow_store if store else grow_sql)(work / "grow.db", n, work / "links")
            dbh = catalog.connect(work / "grow.db")
            t = time.perf_counter()
            if n > EXACT_COPIES:  # rows were only appended: the full-text merge and ANALYZE, no VACUUM
                dbh.conn.execute("insert into documents_fts(documents_fts) values ('optimize')")
                dbh.conn.execute("analyze")
                info["optimize"] = "FTS optimize and ANALYZE, no VACUUM"
            else:
                before = size_report(work / "grow.db")
                info["before_optimize"] = {k: before[k] for k in ("kb_per_document", "size_over_text")}
                catalog.optimize(dbh)
            dbh.close()
            info["optimize_seconds"] = round(time.perf_counter() - t, 1)
            (work / "grow.db").rename(db)
            res.setdefault("catalogs", {})[str(n)] = {**size_report(db), **info, "schema": catalog.SCHEMA_VERSION}
            _save(work, res)
            log(f"  {res['catalogs'][str(n)]}")
        prev = db


# --------------------------------------------------------------------------------------------
# time


def _stats(times: list[float], cpu: list[float] | None = None) -> dict:
    times = sorted(times)
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    out = {"runs": len(times), "p50_ms": round(statistics.median(times) * 1000, 1), "p95_ms": round(p95 * 1000, 1)}
    if cpu:  # CPU seconds of the process (user + system): what the command costs when the machine is busy
        cpu = sorted(cpu)
        out["cpu_p50_ms"] = round(statistics.median(cpu) * 1000, 1)
        out["cpu_p95_ms"] = round(cpu[min(len(cpu) - 1, int(round(0.95 * (len(cpu) - 1))))] * 1000, 1)
    return out


def _run_process(args: list[str], root: Path = ROOT) -> tuple[float, float]:
    """Wall and CPU seconds of one `kehoach` process (of the checkout at ``root``)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run([*KEHOACH, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True,
                   env={**os.environ, "PYTHONPATH": str(root)}, cwd=root)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


WORDS = ["dong nai", "hội trại", "kiểm tra", "khai giảng", "câu lạc bộ", "thanh niên", "học tập kinh nghiệm",
         "khanh hoa", "bí thư chi đoàn", "văn nghệ"]
VENUES = ["Cần Giờ", "Nhà văn hóa", "Cung thiếu nhi", "Hội trường", "NVH TTN", "Đồng Nai", "Khánh Hòa", "Q.11",
          "Lào Cai", "Gia Lai"]
ISSUERS = ["Quận 11", "UBND", "Đoàn", "Thành Đoàn", "Gia Lai"]
TYPES = ["KH", "TB", "CV", "BC", "KẾ HOẠCH"]


def _cases(rng: random.Random, ids: list[int]) -> dict[str, list[dict]]:
    """Per query kind, a list of argument sets (one per run): name -> [{"filters": {...}, "cli": [...]}]."""
    years = list(range(2014, 2027))

    def period(i: int) -> tuple[str, str]:
        y = years[i % len(years)]
        m = 1 + (i * 5) % 10
        return f"{y}-{m:02d}", f"{y}-{m + 2:02d}"

    out: dict[str, list[dict]] = {}
    out["search words"] = [{"cmd": "search", "f": {"text": w}, "cli": [w]} for w in WORDS]
    out["search --venue"] = [{"cmd": "search", "f": {"venue": v}, "cli": ["--venue", v]} for v in VENUES]
    out["search --from/--to"] = [{"cmd": "search", "f": {"date_from": a, "date_to": b}, "cli": ["--from", a, "--to", b]}
                                 for a, b in map(period, range(10))]
    out["search --issued"] = [{"cmd": "search", "f": {"date_from": a, "date_to": b, "issued": True},
                               "cli": ["--from", a, "--to", b, "--issued"]} for a, b in map(period, range(10))]
    out["search --issuer"] = [{"cmd": "search", "f": {"issuer": x}, "cli": ["--issuer", x]} for x in ISSUERS]
    out["search --type"] = [{"cmd": "search", "f": {"doc_type": x}, "cli": ["--type", x]} for x in TYPES]
    out["search --number"] = [{"cmd": "search", "f": {"number": str(n)}, "cli": ["--number", str(n)]}
                              for n in (5, 39, 23, 120, 7)]
    out["search words+venue+period"] = [
        {"cmd": "search", "f": {"text": WORDS[i], "venue": VENUES[i], "date_from": period(i)[0],
                                "date_to": period(i)[1]},
         "cli": [WORDS[i], "--venue", VENUES[i], "--from", period(i)[0], "--to", period(i)[1]]} for i in range(10)]
    out["events --from/--to (table: first 100)"] = [
        {"cmd": "events", "f": {"date_from": a, "date_to": b}, "limit": 100, "cli": ["--from", a, "--to", b],
         "table": True} for a, b in map(period, range(10))]
    out["events --from/--to --format jsonl (all)"] = [
        {"cmd": "events", "f": {"date_from": a, "date_to": b}, "limit": None, "cli": ["--from", a, "--to", b]}
        for a, b in map(period, range(10))]
    out["events --venue --kind deadline"] = [
        {"cmd": "events", "f": {"venue": v, "kind": "deadline"}, "limit": 100,
         "cli": ["--venue", v, "--kind", "deadline", "--limit", "100"]} for v in VENUES]
    out["calendar --venue --from/--to"] = [
        {"cmd": "calendar", "f": {"venue": VENUES[i], "date_from": period(i)[0], "date_to": period(i)[1]},
         "cli": ["--venue", VENUES[i], "--from", period(i)[0], "--to", period(i)[1]]} for i in range(10)]
    out["show ID"] = [{"cmd": "show", "id": rng.choice(ids), "cli": []} for _ in range(10)]
    return out


def _filters(f: dict):
    from pipeline.use.query import Filters, parse_partial_date

    kw = dict(f)
    if "date_from" in kw:
        kw["date_from"] = parse_partial_date(kw["date_from"])
    if "date_to" in kw:
        kw["date_to"] = parse_partial_date(kw["date_to"], end=True)
    return Filters(**kw)


def _run_in_process(dbh, case: dict, first: list[float] | None = None) -> int:
    """Run one case; ``first`` gets the seconds from the start to the first row (events) or the
    first byte (calendar) of a streamed output."""
    from pipeline.catalog import db as catalog
    from pipeline.use.calendar import write_ics
    from pipeline.use.query import iter_events, search_documents

    t = time.perf_counter()
    if case["cmd"] == "search":
        return len(search_documents(dbh, _filters(case["f"]), limit=50))
    if case["cmd"] == "events":
        n = 0
        for _ in iter_events(dbh, _filters(case["f"]), limit=case.get("limit")):
            if n == 0 and first is not None:
                first.append(time.perf_counter() - t)
            n += 1
        return n
    if case["cmd"] == "calendar":  # written as the events are read, as `kehoach calendar` does
        sink = _Counted(t, first)
        write_ics(lambda: iter_events(dbh, _filters(case["f"])), sink)
        return sink.bytes
    doc = catalog.get_document(dbh, case["id"])
    return len(json.dumps(doc, ensure_ascii=False))


class _Counted:
    """A binary sink that only counts what is written to it (and when the first byte came)."""

    def __init__(self, start: float = 0.0, first: list[float] | None = None) -> None:
        self.bytes, self.start, self.first = 0, start, first

    def write(self, data: bytes) -> int:
        if self.bytes == 0 and self.first is not None:
            self.first.append(time.perf_counter() - self.start)
        self.bytes += len(data)
        return len(data)


def _cli_args(case: dict, db: Path) -> list[str]:
    args = [case["cmd"], *case["cli"], "--db", str(db)]
    if case["cmd"] == "show":
        args = ["show", str(case["id"]), "--db", str(db), "--format", "json"]
    elif case["cmd"] == "calendar":
        args += ["-o", os.devnull]
    elif not case.get("table"):
        args += ["--format", "jsonl"]
    return args


def time_catalog(db: Path, runs: int, rng: random.Random, in_process_only: bool = False,
                 kinds: list[str] | None = None) -> dict:
    from pipeline.catalog import db as catalog

    dbh = catalog.connect_read(db)
    ids = [r[0] for r in dbh.execute("select id from documents order by random() limit 200")]
    out: dict = {}
    for name, cases in _cases(rng, ids).items():
        if kinds and not any(k in name for k in kinds):
            continue
        _run_in_process(dbh, cases[0])  # warm the page cache and the venue names
        t_in, cpu_in, t_cli, hits, first = [], [], [], [], []
        for i in range(runs):
            case = cases[i % len(cases)]
            t, c = time.perf_counter(), time.process_time()
            hits.append(_run_in_process(dbh, case, first))
            t_in.append(time.perf_counter() - t)
            cpu_in.append(time.process_time() - c)
        out[name] = {"in_process": _stats(t_in, cpu_in), "median_rows": statistics.median(hits)}
        if first and (case["cmd"] == "calendar" or (case["cmd"] == "events" and case.get("limit") is None)):
            # a streamed output of every row: when its first row (or byte) came (runs with a row)
            out[name]["first_row"] = _stats(first)
        i = out[name]["in_process"]
        line = (f"  {name:42} in-process p50 {i['p50_ms']:7.1f} p95 {i['p95_ms']:7.1f} ms "
                f"(CPU p95 {i['cpu_p95_ms']:6.1f})")
        if "first_row" in out[name]:
            line += f" first row p50 {out[name]['first_row']['p50_ms']} p95 {out[name]['first_row']['p95_ms']}"
        if not in_process_only:
            cpu = []
            for i in range(runs):
                wall, c = _run_process(_cli_args(cases[i % len(cases)], db))
                t_cli.append(wall)
                cpu.append(c)
            p = out[name]["process"] = _stats(t_cli, cpu)
            line += (f" | process p50 {p['p50_ms']:7.1f} p95 {p['p95_ms']:7.1f} ms "
                     f"(CPU p95 {p['cpu_p95_ms']:6.1f} ms)")
        log(line)
    dbh.close()
    return out


def startup(runs: int, sample: Path) -> dict:
    def proc(args: list[str]) -> dict:
        runs_ = [_run_process(args) for _ in range(runs)]
        return _stats([w for w, _ in runs_], [c for _, c in runs_])

    return {"kehoach --help": proc(["--help"]), "kehoach search --help": proc(["search", "--help"]),
            f"kehoach extract {sample.name}": proc(["extract", str(sample), "--format", "jsonl"]),
            "python -c pass": _stats([_bare() for _ in range(runs)])}


def _bare() -> float:
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return time.perf_counter() - t


def time_all(work: Path, runs: int, only: list[int] | None = None, skip_startup: bool = False,
             in_process_only: bool = False, kinds: list[str] | None = None, key: str = "latency") -> None:
    res = _results(work)
    rng = random.Random(7)
    sample = ROOT / "corpus" / "kh-39-quan-11-clb-bi-thu.txt"
    from extract_bench import compile_sources

    compile_sources()  # processes start from bytecode, as an installed kehoach does
    if not skip_startup:
        log("start-up")
        res["startup"] = startup(runs, sample)
        for k, v in res["startup"].items():
            log(f"  {k:40} p50 {v['p50_ms']:7.1f} p95 {v['p95_ms']:7.1f} ms (CPU p95 {v.get('cpu_p95_ms', '-')} ms)")
    res["machine"] = {"load_average": os.getloadavg(), "cpus": os.cpu_count(), "bytecode": "compiled",
                      "sqlite": sqlite3.sqlite_version, "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
    res.setdefault("latency", {})
    for n in sorted((int(k) for k in res.get("catalogs", {})), key=int):
        if only and n not in only:
            continue
        db = work / ("base.db" if not (work / f"c{n}.db").exists() else f"c{n}.db")
        log(f"catalog of {n} documents")
        res["latency"][str(n)] = time_catalog(db, runs, rng, in_process_only, kinds)
        fresh = _results(work)  # a build may have written meanwhile: keep its figures
        fresh.setdefault(key, {})[str(n)] = res["latency"][str(n)]
        for k in ("startup", "machine"):
            if k in res:
                fresh[k] = res[k]
        _save(work, fresh)


def ab(work: Path, before: Path, runs: int, only: list[int] | None = None, kinds: list[str] | None = None,
       key: str = "ab") -> None:
    """Whole processes of another checkout (``before``, e.g. `git worktree add /tmp/base main`) and
    of this one, run in turns, case by case: on a shared machine the load changes by the minute,
    and runs minutes apart compare the load as much as the code. Stored under ``key``:
    {size: {kind: {"before": stats, "after": stats}}}, start-up commands under "startup"."""
    from extract_bench import compile_sources

    for root in (before, ROOT):
        subprocess.run([sys.executable, "-m", "compileall", "-q", "pipeline", "extractors"], cwd=root,
                       check=True, stdout=subprocess.DEVNULL)
    compile_sources()
    res = _results(work)
    rng = random.Random(7)
    sample = ROOT / "corpus" / "kh-39-quan-11-clb-bi-thu.txt"

    def turns(cases: list[list[str]]) -> dict:
        got: dict[str, tuple[list[float], list[float]]] = {"before": ([], []), "after": ([], [])}
        for i in range(runs):
            for side, root in (("before", before), ("after", ROOT)):
                wall, cpu = _run_process(cases[i % len(cases)], root)
                got[side][0].append(wall)
                got[side][1].append(cpu)
        return {side: _stats(w, c) for side, (w, c) in got.items()}

    def show(name: str, v: dict) -> None:
        b, a = v["before"], v["after"]
        log(f"  {name:42} before p50 {b['p50_ms']:6.0f} p95 {b['p95_ms']:6.0f} (CPU {b['cpu_p50_ms']:4.0f} / "
            f"{b['cpu_p95_ms']:4.0f}) | after p50 {a['p50_ms']:6.0f} p95 {a['p95_ms']:6.0f} "
            f"(CPU {a['cpu_p50_ms']:4.0f} / {a['cpu_p95_ms']:4.0f}) load {os.getloadavg()[0]:.1f}")

    out: dict = {"machine": {"load_average_start": os.getloadavg(), "before": str(before),
                             "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}, "startup": {}}
    for name, args in (("kehoach --help", ["--help"]), ("kehoach search --help", ["search", "--help"]),
                       (f"kehoach extract {sample.name}", ["extract", str(sample), "--format", "jsonl"])):
        if kinds and not any(k in name for k in kinds):
            continue
        out["startup"][name] = turns([args])
        show(name, out["startup"][name])
    for n in sorted(int(k) for k in res.get("catalogs", {})):
        if only and n not in only:
            continue
        db = work / ("base.db" if not (work / f"c{n}.db").exists() else f"c{n}.db")
        dbh = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        ids = [r[0] for r in dbh.execute("select id from documents order by random() limit 200")]
        dbh.close()
        out[str(n)] = {}
        for name, cases in _cases(rng, ids).items():
            if kinds and not any(k in name for k in kinds):
                continue
            out[str(n)][name] = turns([_cli_args(c, db) for c in cases])
            show(name, out[str(n)][name])
    out["machine"]["load_average_end"] = os.getloadavg()
    fresh = _results(work)
    fresh[key] = out
    _save(work, fresh)


# --------------------------------------------------------------------------------------------
# plot


def plot(work: Path, out: Path, compare: str | None = None, cpu: bool = False) -> None:
    """p95 against catalog size, in-process and as a process; ``compare``: a key of the results
    holding an earlier run's "latency", drawn thin and grey; ``cpu``: CPU time instead of wall
    (the steadier figure when the machine is shared)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    res = _results(work)
    sizes = sorted(int(n) for n in res["latency"])
    names = list(res["latency"][str(sizes[-1])])
    earlier = res.get(compare, {}).get("latency", {}) if compare else {}
    key = "cpu_p95_ms" if cpu else "p95_ms"
    fig, axes = plt.subplots(1, 2, figsize=(13, 5.5), sharey=False)
    for ax, where, target in ((axes[0], "in_process", 50), (axes[1], "process", 300)):
        for i, name in enumerate(names):
            old = sorted(int(n) for n in earlier if name in earlier[n])
            if old:
                ax.plot(old, [earlier[str(n)][name][where][key] for n in old], color="grey", linewidth=0.7,
                        linestyle=":", label=f"{compare}" if i == 0 else None)
            have = [n for n in sizes if where in res["latency"][str(n)].get(name, {})]
            ys = [res["latency"][str(n)][name][where][key] for n in have]
            ax.plot(have, ys, marker="os^"[i // 10], linestyle="-" if i < 10 else "--", label=name)
        ax.axhline(target, color="grey", linestyle="--", linewidth=1)
        ax.text(sizes[0], target * 1.05, f"target p95 {target} ms", color="grey", fontsize=8)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("documents in the catalog")
        ax.set_ylabel("p95 CPU time, ms" if cpu else "p95 latency, ms")
        ax.set_title("in-process (library call)" if where == "in_process" else "whole `kehoach` process")
        ax.grid(True, which="both", alpha=0.3)
    axes[1].legend(fontsize=7, loc="upper left")
    fig.suptitle("kehoach query " + ("CPU time" if cpu else "latency") + " against catalog size (p95, 2-core machine "
                 "shared with other jobs)" + (f"; grey: {compare}" if compare else ""))
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    print(out)


def report(work: Path) -> None:
    """The figures as markdown tables (for the README)."""
    res = _results(work)
    sizes = sorted(int(n) for n in res.get("latency", {}))
    # the process columns for the largest catalog timed as processes (`time --in-process-only` skips them)
    big = max(n for n in sizes if all("process" in v for v in res["latency"][str(n)].values()))
    print("| query (p50 / p95 ms) | " + " | ".join(f"in-process, {n:,}" for n in sizes)
          + f" | in-process CPU, {sizes[-1]:,} | process wall, {big:,} | process CPU, {big:,} |")
    print("|---|" + "---:|" * (len(sizes) + 3))
    for name in res["latency"][str(sizes[-1])]:
        cells = []
        for n in sizes:
            v = res["latency"][str(n)][name]["in_process"]
            cells.append(f"{v['p50_ms']:g} / {v['p95_ms']:g}")
        v = res["latency"][str(sizes[-1])][name]["in_process"]
        cells.append(f"{v['cpu_p50_ms']:g} / {v['cpu_p95_ms']:g}" if "cpu_p50_ms" in v else "—")
        p = res["latency"][str(big)][name]["process"]
        cells += [f"{p['p50_ms']:,.0f} / {p['p95_ms']:,.0f}", f"{p['cpu_p50_ms']:,.0f} / {p['cpu_p95_ms']:,.0f}"]
        print(f"| {name} | " + " | ".join(cells) + " |")
    print()
    print("| start-up (p50 / p95 ms) | wall | CPU |")
    print("|---|---:|---:|")
    for name, v in res.get("startup", {}).items():
        cpu = f"{v['cpu_p50_ms']:,.0f} / {v['cpu_p95_ms']:,.0f}" if "cpu_p50_ms" in v else "—"
        print(f"| `{name}` | {v['p50_ms']:,.0f} / {v['p95_ms']:,.0f} | {cpu} |")
    print()
    print("| catalog | KB per document | × its text | largest parts, bytes per document |")
    print("|---|---:|---:|---|")
    for n, c in sorted(res.get("catalogs", {}).items(), key=lambda kv: int(kv[0])):
        parts = ", ".join(f"{k} {v:,}" for k, v in list(c["largest"].items())[:5])
        print(f"| {int(n):,} documents | {c['kb_per_document']} | {c['size_over_text']} | {parts} |")
    if "machine" in res:
        print(f"\nmachine: {res['machine']}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["build", "time", "ab", "plot", "report"])
    ap.add_argument("--work", type=Path, default=Path("/tmp/kehoach-qbench"))
    ap.add_argument("--real", type=int, default=1000)
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--store", action="store_true",
                    help="build: grow through catalog.store, one transaction per document (slow), not in SQL")
    ap.add_argument("--resume", action="store_true",
                    help="build: go on growing WORK/grow.db, left by an interrupted build, instead of starting over")
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--only", default="", help="time: only these catalog sizes (e.g. 100000)")
    ap.add_argument("--skip-startup", action="store_true", help="time: keep the start-up figures already measured")
    ap.add_argument("--in-process-only", action="store_true", help="time: only the library calls, no processes")
    ap.add_argument("--kinds", default="", help="time: only the query kinds whose name holds one of these "
                    "(comma-separated, e.g. 'search words,calendar')")
    ap.add_argument("--key", default="latency", help="time: the results key to store the figures under "
                    "(e.g. before_1000000 for a side-by-side run)")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "query_latency.png")
    ap.add_argument("--compare", default=None, help="plot: also draw this key's earlier run (e.g. quiet_2026-12-07)")
    ap.add_argument("--cpu", action="store_true", help="plot: CPU time instead of wall time")
    ap.add_argument("--before", type=Path, default=None,
                    help="ab: the checkout to compare with, its processes run in turns with this one's")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    if args.what == "build":
        build(args.work, args.real, [int(s) for s in args.sizes.split(",") if s], args.store, args.resume)
    elif args.what == "time":
        only = [int(x) for x in args.only.split(",")] if args.only else None
        time_all(args.work, args.runs, only, args.skip_startup, args.in_process_only,
                 [k for k in args.kinds.split(",") if k], args.key)
    elif args.what == "ab":
        if args.before is None:
            ap.error("ab needs --before DIR (a checkout of the code to compare with)")
        ab(args.work, args.before.resolve(), args.runs, [int(x) for x in args.only.split(",")] if args.only else None,
           [k for k in args.kinds.split(",") if k], args.key)
    elif args.what == "report":
        report(args.work)
    else:
        plot(args.work, args.out, args.compare, args.cpu)


if __name__ == "__main__":
    main()
