"""Slow fault cases: what an archive and its users can do to an ingest, and what is lost.

Each case runs the real command (or the library with real worker processes) on generated plans plus
the hostile input, then checks the catalog against the good files: *lost* is a good plan not in the
catalog after the case (and, for the kill cases, after one plain re-run), *duplicated* a plan stored
more than once. Peak memory is the largest resident size of any one process of the run (the ingest,
its workers, LibreOffice), sampled every 50 ms with psutil; the workers run under the default 1.5 GB
address-space cap, so no worker can pass it.

    .venv/bin/python benchmarks/faults.py            # all cases, about 5 minutes on 2 cores
    .venv/bin/python benchmarks/faults.py --only bomb,sigterm
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.catalog.ingest import IngestOptions, ingest  # noqa: E402
from pipeline.catalog.worker import process_file  # noqa: E402
from pipeline.limits import Limits  # noqa: E402
from tests.test_ingest import make_plan, write_plans  # noqa: E402
from tools.make_corpus import docx_bomb as make_docx_bomb  # noqa: E402

ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
GB = 1024**3


@dataclass
class Row:
    kind: str
    lost: int
    duplicated: int
    peak_mb: float
    seconds: float
    message: str


class PeakRss:
    """Largest RSS of any single process in a tree (this process's children, or a given root)."""

    def __init__(self, root_pid: int | None = None) -> None:
        self.root_pid = root_pid or os.getpid()
        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def watch(self, pid: int) -> None:
        self.root_pid = pid

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                root = psutil.Process(self.root_pid)
                procs = [root, *root.children(recursive=True)] if self.root_pid != os.getpid() else \
                    root.children(recursive=True)
            except psutil.Error:
                procs = []
            for p in procs:
                try:
                    self.peak = max(self.peak, p.memory_info().rss / 1024**2)
                except psutil.Error:
                    pass
            self._stop.wait(0.05)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check(db: Path, good: list[Path]) -> tuple[int, int]:
    """(lost, duplicated) of the good files in the catalog."""
    con = sqlite3.connect(db)
    try:
        present = {r[0] for r in con.execute("select sha256 from documents")}
        total, distinct = con.execute("select count(*), count(distinct sha256) from documents").fetchone()
    finally:
        con.close()
    expected = {sha(p) for p in good}
    return len(expected - present), total - distinct


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "pipeline", *args]


def run_cli(*args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run(cli(*args), env=ENV, capture_output=True, text=True, timeout=timeout)


def docx_bomb(path: Path, inflated_gb: float) -> Path:
    return make_docx_bomb(path, int(inflated_gb * GB))


def hungry_work(path: str, max_bytes: int):
    """The per-file work, except that files named hungry* ask for 4 GB (a reader gone wrong)."""
    if Path(path).name.startswith("hungry"):
        block = bytearray(4 * GB)
        block[::4096] = b"x" * len(block[::4096])
    return process_file(path, max_bytes)


def hanging_work(path: str, max_bytes: int):
    if Path(path).name.startswith("hang"):
        time.sleep(3600)
    return process_file(path, max_bytes)


def _failed(summary, name: str) -> str:
    for o in summary.failed:
        if Path(o.path).name == name:
            return f"{o.stage}: {o.reason}"
    return f"{name}: not failed"


# --------------------------------------------------------------------------------------------
# cases


def case_bomb(tmp: Path) -> list[Row]:
    folder = tmp / "in"
    good = write_plans(folder, 20)
    started = time.perf_counter()
    docx_bomb(folder / "bomb.docx", 3.0)
    made = time.perf_counter() - started
    size = (folder / "bomb.docx").stat().st_size / 1e6
    rows = []
    for label, limits in (("zip bomb (.docx, 3 GB of XML)", Limits()),
                          ("zip bomb, zip checks off: memory cap", Limits(max_unzipped_mb=0, max_zip_ratio=0))):
        db = tmp / f"{len(rows)}.db"
        with PeakRss() as peak:
            started = time.perf_counter()
            s = ingest([folder], db, options=IngestOptions(workers=2, timeout=300, limits=limits))
            seconds = time.perf_counter() - started
        lost, dup = check(db, good)
        rows.append(Row(label, lost, dup, peak.peak, seconds,
                        f"{size:.1f} MB file (built in {made:.0f} s) -> {_failed(s, 'bomb.docx')}"))
    return rows


def case_huge(tmp: Path) -> list[Row]:
    folder = tmp / "in"
    good = write_plans(folder, 20)
    with open(folder / "huge.txt", "w", encoding="utf-8") as fh:  # 50 MB of Vietnamese plan text
        plan = make_plan(1)
        while fh.tell() < 50_000_000:
            fh.write(plan)
    with open(folder / "giant.pdf", "wb") as fh:  # 250 MB: over --max-size
        fh.truncate(250_000_000)
    (folder / "hungry.txt").write_text(make_plan(2), encoding="utf-8")
    (folder / "hang.txt").write_text(make_plan(3), encoding="utf-8")
    db = tmp / "c.db"
    with PeakRss() as peak:
        started = time.perf_counter()
        s = ingest([folder], db, options=IngestOptions(workers=2, timeout=20, work=_huge_work))
        seconds = time.perf_counter() - started
    lost, dup = check(db, good)
    return [Row("huge files, a 4 GB reader, a hang (--timeout 20)", lost, dup, peak.peak, seconds,
                "; ".join(_failed(s, n) for n in ("huge.txt", "giant.pdf", "hungry.txt", "hang.txt")))]


def _huge_work(path: str, max_bytes: int):
    name = Path(path).name
    if name.startswith("hang"):
        return hanging_work(path, max_bytes)
    return hungry_work(path, max_bytes)


def case_names(tmp: Path) -> list[Row]:
    folder = tmp / "in"
    good = write_plans(folder, 10)
    for k, name in enumerate([b"k\xea\xec ho\xb9ch.txt", b"k\xd5 ho\xb9ch \xae\xe3an.txt", b"th\xf4ng b\xe1o.txt"]):
        path = os.fsencode(folder) + b"/" + name
        with open(path, "wb") as fh:
            fh.write(make_plan(40 + k).encode("utf-8"))
        good.append(Path(os.fsdecode(path)))
    db = tmp / "c.db"
    started = time.perf_counter()
    with PeakRss() as peak:
        proc = subprocess.Popen(cli("ingest", str(folder), "--db", str(db), "--workers", "2", "--json"), env=ENV,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        peak.watch(proc.pid)
        out, err = proc.communicate(timeout=600)
    seconds = time.perf_counter() - started
    again = run_cli("ingest", str(folder), "--db", str(db), "--json")
    lost, dup = check(db, good)
    summary = json.loads(out)
    return [Row("file names in CP1258/TCVN3 bytes", lost, dup, peak.peak, seconds,
                f"exit {proc.returncode}, {summary['ingested']} ingested; re-run exit {again.returncode}, "
                f"{json.loads(again.stdout)['unchanged']} unchanged")]


def _wait_docs(db: Path, n: int, proc: subprocess.Popen, timeout: float = 300) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline and proc.poll() is None:
        try:
            con = sqlite3.connect(db, timeout=5)
            if con.execute("select count(*) from documents").fetchone()[0] >= n:
                return
        except sqlite3.Error:
            pass
        time.sleep(0.05)


def case_kill_parent(tmp: Path, kills: int = 5, files: int = 400) -> list[Row]:
    folder = tmp / "in"
    good = write_plans(folder, files, body_repeat=2)
    db = tmp / "c.db"
    rng = random.Random(13)
    started = time.perf_counter()
    at = []
    with PeakRss() as peak:
        for k in range(kills):
            proc = subprocess.Popen(cli("ingest", str(folder), "--db", str(db), "--workers", "2"), env=ENV,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            peak.watch(proc.pid)
            target = (k + 1) * files // (kills + 2) + rng.randrange(files // (kills * 3))
            _wait_docs(db, target, proc)
            children = psutil.Process(proc.pid).children(recursive=True)
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            at.append(sqlite3.connect(db).execute("select count(*) from documents").fetchone()[0])
            gone = psutil.wait_procs(children, timeout=15)[1]  # workers end with their parent
            if gone:
                raise SystemExit(f"{len(gone)} workers outlived their killed parent")
        final = run_cli("ingest", str(folder), "--db", str(db), "--workers", "2")
    seconds = time.perf_counter() - started
    lost, dup = check(db, good)
    return [Row(f"kill -9 of the ingest x{kills}", lost, dup, peak.peak, seconds,
                f"killed at {', '.join(map(str, at))} documents; no worker outlived its parent; "
                f"final run exit {final.returncode}")]


def _workers(pid: int) -> list[psutil.Process]:
    """The worker processes of an ingest: the children of its forkserver."""
    try:
        servers = [c for c in psutil.Process(pid).children()
                   if "forkserver" in " ".join(c.cmdline())]
        return [w for s in servers for w in s.children()]
    except psutil.Error:
        return []


def case_kill_workers(tmp: Path, kills: int = 5, files: int = 300) -> list[Row]:
    folder = tmp / "in"
    good = write_plans(folder, files, body_repeat=2)
    db = tmp / "c.db"
    started = time.perf_counter()
    killed = 0
    with PeakRss() as peak:
        proc = subprocess.Popen(cli("ingest", str(folder), "--db", str(db), "--workers", "2", "--json"), env=ENV,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        peak.watch(proc.pid)
        _wait_docs(db, 10, proc)
        while killed < kills and proc.poll() is None:
            busy = [w for w in _workers(proc.pid) if w.cpu_percent(0.05) > 0]
            if busy:
                try:
                    busy[0].send_signal(signal.SIGKILL)
                    killed += 1
                except psutil.NoSuchProcess:
                    pass
            time.sleep(0.7)
        out, _ = proc.communicate(timeout=600)
        first = json.loads(out)
        second = run_cli("ingest", str(folder), "--db", str(db), "--workers", "2", "--json")
    seconds = time.perf_counter() - started
    lost, dup = check(db, good)
    again = json.loads(second.stdout)
    return [Row(f"kill -9 of a worker x{killed}", lost, dup, peak.peak, seconds,
                f"run exit {proc.returncode}: {first['failed']} files failed 'crash'; the next run retried "
                f"them once: {again['ingested']} ingested, {again['failed']} failed")]


def case_signal(tmp: Path, sig: signal.Signals, files: int = 300) -> list[Row]:
    folder = tmp / "in"
    good = write_plans(folder, files, body_repeat=2)
    db = tmp / "c.db"
    started = time.perf_counter()
    with PeakRss() as peak:
        proc = subprocess.Popen(cli("ingest", str(folder), "--db", str(db), "--workers", "2"), env=ENV,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        peak.watch(proc.pid)
        _wait_docs(db, files // 3, proc)
        children = psutil.Process(proc.pid).children(recursive=True)
        sent = time.perf_counter()
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=120)
        stop_s = time.perf_counter() - sent
        alive = psutil.wait_procs(children, timeout=10)[1]
        final = run_cli("ingest", str(folder), "--db", str(db), "--workers", "2")
    seconds = time.perf_counter() - started
    lost, dup = check(db, good)
    summary = next((ln for ln in err.splitlines() if " files in " in ln), "no summary")
    return [Row(f"{sig.name} during ingest", lost, dup, peak.peak, seconds,
                f"exit {proc.returncode} in {stop_s:.1f} s, {len(alive)} processes left; summary '{summary}'; "
                f"re-run exit {final.returncode}")]


def case_concurrent(tmp: Path, files: int = 60, rounds: int = 3) -> list[Row]:
    good = write_plans(tmp / "in", files)
    started = time.perf_counter()
    codes, lost, dup = [], 0, 0
    with PeakRss() as peak:
        for r in range(rounds):
            db = tmp / f"c{r}.db"
            procs = [subprocess.Popen(cli("ingest", str(tmp / "in"), "--db", str(db), "--workers", "2"), env=ENV,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for _ in range(2)]
            for p in procs:
                p.communicate(timeout=600)
                codes.append(p.returncode)
            lo, du = check(db, good)
            lost, dup = lost + lo, dup + du
    return [Row(f"two ingests creating one new catalog x{rounds}", lost, dup, peak.peak,
                time.perf_counter() - started, f"exit codes {codes}")]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def case_serve(tmp: Path, files: int = 200) -> list[Row]:
    folder = tmp / "in"
    good = write_plans(folder, files)
    body = "".join(f"<p>{line}</p>\n" for line in make_plan(99).splitlines() if line.strip())
    (folder / "trang.html").write_text(f"<html><body><script>alert(1)</script>{body}</body></html>",
                                       encoding="utf-8")
    good.append(folder / "trang.html")
    db = tmp / "catalog.db"
    from pipeline.catalog import db as catalog

    catalog.connect(db).close()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(cli("serve", "--db", str(db), "--port", str(port)), env=ENV,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    statuses: list[int] = []
    latencies: list[float] = []
    problems: list[str] = []
    stop = threading.Event()

    def hammer() -> None:
        paths = ["/catalog/plans.json?_search=ke+hoach", "/catalog/documents.json?_shape=array&_size=5",
                 "/-/kehoach/source/1", "/catalog/plans.json?_search=" + "x" * 2000, "/-/databases.json"]
        k = 0
        while not stop.is_set():
            path = paths[k % len(paths)]
            k += 1
            t0 = time.perf_counter()
            try:
                with urllib.request.urlopen(base + path, timeout=30) as r:
                    code, body, headers = r.status, r.read(), r.headers
            except urllib.error.HTTPError as e:
                code, body, headers = e.code, e.read(), e.headers
            except OSError as e:
                problems.append(str(e))
                continue
            latencies.append(time.perf_counter() - t0)
            statuses.append(code)
            if code >= 500 or (path.endswith("x" * 10) and code != 400) or str(db) in body.decode("utf-8", "replace"):
                problems.append(f"{path[:40]} -> {code}")
            if "source" in path and code == 200 and not headers["content-disposition"].startswith("attachment"):
                problems.append("source served inline")

    started = time.perf_counter()
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        with PeakRss() as peak:
            threads = [threading.Thread(target=hammer) for _ in range(2)]
            for t in threads:
                t.start()
            proc = subprocess.run(cli("ingest", str(folder), "--db", str(db), "--workers", "2"), env=ENV,
                                  capture_output=True, text=True, timeout=900)
            time.sleep(1)
            stop.set()
            for t in threads:
                t.join()
            peak.watch(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    lost, dup = check(db, good)
    latencies.sort()
    p95 = latencies[int(len(latencies) * 0.95)] if latencies else 0
    return [Row("serve under ingest", lost, dup, peak.peak, time.perf_counter() - started,
                f"ingest exit {proc.returncode}; {len(statuses)} requests, {len(problems)} wrong answers "
                f"{problems[:2] if problems else ''}(5xx, long query not 400, path leaked, inline source); "
                f"p95 {p95 * 1000:.0f} ms")]


CASES: dict[str, Callable[[Path], list[Row]]] = {
    "bomb": case_bomb,
    "huge": case_huge,
    "names": case_names,
    "kill-parent": case_kill_parent,
    "kill-workers": case_kill_workers,
    "sigterm": lambda tmp: case_signal(tmp, signal.SIGTERM),
    "sighup": lambda tmp: case_signal(tmp, signal.SIGHUP),
    "concurrent": case_concurrent,
    "serve": case_serve,
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", help="comma-separated cases: " + ", ".join(CASES))
    args = ap.parse_args()
    names = args.only.split(",") if args.only else list(CASES)
    rows: list[Row] = []
    for name in names:
        tmp = Path(tempfile.mkdtemp(prefix=f"kehoach-faults-{name}-"))
        try:
            print(f"{name} ...", file=sys.stderr, flush=True)
            got = CASES[name](tmp)
        except Exception as e:  # a case that breaks is a row too
            got = [Row(name, -1, -1, 0, 0, f"case failed: {type(e).__name__}: {e}")]
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        for r in got:
            print(f"  {r.kind}: lost {r.lost}, duplicated {r.duplicated}, peak {r.peak_mb:.0f} MB, "
                  f"{r.seconds:.1f} s", file=sys.stderr, flush=True)
        rows.extend(got)
    print("| fault | files lost | files duplicated | peak memory (MB) | seconds | message |")
    print("|---|---:|---:|---:|---:|---|")
    for r in rows:
        print(f"| {r.kind} | {r.lost} | {r.duplicated} | {r.peak_mb:.0f} | {r.seconds:.1f} | "
              f"{r.message.replace('|', '/')} |")
    bad = [r for r in rows if r.lost or r.duplicated or r.peak_mb > 1536]
    if bad:
        print(f"\n{len(bad)} cases broke a promise", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
