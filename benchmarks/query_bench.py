"""Query speed and catalog size at archive scale: build catalogs of 10k and 100k documents, time every
query command in-process and as a whole `kehoach` process, print the size per document, plot latency
against catalog size.

    .venv/bin/python benchmarks/query_bench.py build [--work /tmp/kehoach-qbench] [--real 1000] [--sizes 10000,100000]
    .venv/bin/python benchmarks/query_bench.py time  [--work ...] [--runs 20]
    .venv/bin/python benchmarks/query_bench.py plot  [--work ...]      (needs matplotlib: pip install .[bench])
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


def grow(db: Path, target: int, link_dir: Path) -> dict:
    """Store variant records of the catalog's real documents until it holds ``target`` documents."""
    from ingest_bench import store_copy

    from pipeline.catalog import db as catalog
    from pipeline.record import Record

    dbh = catalog.connect(db)
    have = dbh.execute("select count(*) from documents").fetchone()[0]
    base = [(r["record"], catalog.unpack_text(r["text_norm"])) for r in dbh.query(
        "select record, text_norm from documents where path not like '%/links/%' order by id")]
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


def build(work: Path, real: int, sizes: list[int]) -> None:
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
    prev = base
    for n in sizes:
        db = work / f"c{n}.db"
        if not db.exists():
            log(f"catalog of {n} documents from {prev.name}")
            shutil.copy(prev, work / "grow.db")
            info = grow(work / "grow.db", n, work / "links")
            dbh = catalog.connect(work / "grow.db")
            before = size_report(work / "grow.db")
            t = time.perf_counter()
            catalog.optimize(dbh)
            dbh.close()
            info["optimize_seconds"] = round(time.perf_counter() - t, 1)
            info["before_optimize"] = {k: before[k] for k in ("kb_per_document", "size_over_text")}
            (work / "grow.db").rename(db)
            res.setdefault("catalogs", {})[str(n)] = {**size_report(db), **info}
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


def _run_process(args: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one `kehoach` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run([*KEHOACH, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True,
                   env={**os.environ, "PYTHONPATH": str(ROOT)})
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


def _run_in_process(dbh, case: dict) -> int:
    from pipeline.catalog import db as catalog
    from pipeline.use.calendar import build_calendar
    from pipeline.use.query import iter_events, search_documents

    if case["cmd"] == "search":
        return len(search_documents(dbh, _filters(case["f"]), limit=50))
    if case["cmd"] == "events":
        return sum(1 for _ in iter_events(dbh, _filters(case["f"]), limit=case.get("limit")))
    if case["cmd"] == "calendar":
        cal, _ = build_calendar(iter_events(dbh, _filters(case["f"])))
        return len(cal.to_ical())
    doc = catalog.get_document(dbh, case["id"])
    return len(json.dumps(doc, ensure_ascii=False))


def _cli_args(case: dict, db: Path) -> list[str]:
    args = [case["cmd"], *case["cli"], "--db", str(db)]
    if case["cmd"] == "show":
        args = ["show", str(case["id"]), "--db", str(db), "--format", "json"]
    elif case["cmd"] == "calendar":
        args += ["-o", os.devnull]
    elif not case.get("table"):
        args += ["--format", "jsonl"]
    return args


def time_catalog(db: Path, runs: int, rng: random.Random) -> dict:
    from pipeline.catalog import db as catalog

    dbh = catalog.connect_read(db)
    ids = [r[0] for r in dbh.execute("select id from documents order by random() limit 200")]
    out: dict = {}
    for name, cases in _cases(rng, ids).items():
        _run_in_process(dbh, cases[0])  # warm the page cache and the venue names
        t_in, t_cli, hits = [], [], []
        for i in range(runs):
            case = cases[i % len(cases)]
            t = time.perf_counter()
            hits.append(_run_in_process(dbh, case))
            t_in.append(time.perf_counter() - t)
        cpu = []
        for i in range(runs):
            wall, c = _run_process(_cli_args(cases[i % len(cases)], db))
            t_cli.append(wall)
            cpu.append(c)
        out[name] = {"in_process": _stats(t_in), "process": _stats(t_cli, cpu), "median_rows": statistics.median(hits)}
        log(f"  {name:42} in-process p50 {out[name]['in_process']['p50_ms']:7.1f} p95 "
            f"{out[name]['in_process']['p95_ms']:7.1f} ms | process p50 {out[name]['process']['p50_ms']:7.1f} "
            f"p95 {out[name]['process']['p95_ms']:7.1f} ms (CPU p95 {out[name]['process']['cpu_p95_ms']:6.1f} ms)")
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


def time_all(work: Path, runs: int, only: list[int] | None = None, skip_startup: bool = False) -> None:
    res = _results(work)
    rng = random.Random(7)
    sample = ROOT / "corpus" / "kh-39-quan-11-clb-bi-thu.txt"
    if not skip_startup:
        log("start-up")
        res["startup"] = startup(runs, sample)
        for k, v in res["startup"].items():
            log(f"  {k:40} p50 {v['p50_ms']:7.1f} p95 {v['p95_ms']:7.1f} ms (CPU p95 {v.get('cpu_p95_ms', '-')} ms)")
    res["machine"] = {"load_average": os.getloadavg(), "cpus": os.cpu_count(),
                      "sqlite": sqlite3.sqlite_version, "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
    res.setdefault("latency", {})
    for n in sorted((int(k) for k in res.get("catalogs", {})), key=int):
        if only and n not in only:
            continue
        db = work / ("base.db" if not (work / f"c{n}.db").exists() else f"c{n}.db")
        log(f"catalog of {n} documents")
        res["latency"][str(n)] = time_catalog(db, runs, rng)
        fresh = _results(work)  # a build may have written meanwhile: keep its figures
        fresh.setdefault("latency", {})[str(n)] = res["latency"][str(n)]
        for k in ("startup", "machine"):
            if k in res:
                fresh[k] = res[k]
        _save(work, fresh)


# --------------------------------------------------------------------------------------------
# plot


def plot(work: Path, out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    res = _results(work)
    sizes = sorted(int(n) for n in res["latency"])
    names = list(res["latency"][str(sizes[-1])])
    fig, axes = plt.subplots(1, 2, figsize=(13, 5.5), sharey=False)
    for ax, where, target in ((axes[0], "in_process", 50), (axes[1], "process", 300)):
        for i, name in enumerate(names):
            ys = [res["latency"][str(n)][name][where]["p95_ms"] for n in sizes]
            ax.plot(sizes, ys, marker="os^"[i // 10], linestyle="-" if i < 10 else "--", label=name)
        ax.axhline(target, color="grey", linestyle="--", linewidth=1)
        ax.text(sizes[0], target * 1.05, f"target p95 {target} ms", color="grey", fontsize=8)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("documents in the catalog")
        ax.set_ylabel("p95 latency, ms")
        ax.set_title("in-process (library call)" if where == "in_process" else "whole `kehoach` process")
        ax.grid(True, which="both", alpha=0.3)
    axes[1].legend(fontsize=7, loc="upper left")
    fig.suptitle("kehoach query latency against catalog size (p95, 2-core machine shared with other jobs)")
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    print(out)


def report(work: Path) -> None:
    """The figures as markdown tables (for the README)."""
    res = _results(work)
    sizes = sorted(int(n) for n in res.get("latency", {}))
    print("| query (p50 / p95 ms) | " + " | ".join(f"in-process, {n:,}" for n in sizes)
          + f" | process wall, {sizes[-1]:,} | process CPU, {sizes[-1]:,} |")
    print("|---|" + "---:|" * (len(sizes) + 2))
    for name in res["latency"][str(sizes[-1])]:
        cells = []
        for n in sizes:
            v = res["latency"][str(n)][name]["in_process"]
            cells.append(f"{v['p50_ms']:g} / {v['p95_ms']:g}")
        p = res["latency"][str(sizes[-1])][name]["process"]
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
    ap.add_argument("what", choices=["build", "time", "plot", "report"])
    ap.add_argument("--work", type=Path, default=Path("/tmp/kehoach-qbench"))
    ap.add_argument("--real", type=int, default=1000)
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--only", default="", help="time: only these catalog sizes (e.g. 100000)")
    ap.add_argument("--skip-startup", action="store_true", help="time: keep the start-up figures already measured")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "query_latency.png")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    if args.what == "build":
        build(args.work, args.real, [int(s) for s in args.sizes.split(",") if s])
    elif args.what == "time":
        only = [int(x) for x in args.only.split(",")] if args.only else None
        time_all(args.work, args.runs, only, args.skip_startup)
    elif args.what == "report":
        report(args.work)
    else:
        plot(args.work, args.out)


if __name__ == "__main__":
    main()
