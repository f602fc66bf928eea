"""`kehoach ingest --executor dask` measured: a local cluster of 1 and 2 worker processes, and a
scheduler and workers started separately (`dask scheduler` + `dask worker`), against the local
process pool. Each run ingests the same plain-text plans into a new catalog.

    .venv/bin/python benchmarks/dask_bench.py [--files 300] [--work /tmp/kehoach-daskbench] [--port 8786]

Plans come from benchmarks/make_variants.py. Everything listens on 127.0.0.1 only. For each run it
prints wall seconds, documents per second, the speed-up over one worker of the same kind, and the
CPU time of the `kehoach ingest` process itself when the workers are not its children (separate
scheduler): that process walks, hashes and writes the catalog, the one part that does not grow
with the cluster, so its CPU per document bounds what any number of workers can deliver.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "OMP_THREAD_LIMIT": "1"}


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def ingest(plans: Path, db: Path, *args: str) -> dict:
    """One `kehoach ingest` into a new catalog: its JSON summary plus wall and CPU seconds."""
    for p in db.parent.glob(db.name + "*"):
        p.unlink()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "pipeline", "ingest", str(plans), "--db", str(db), "--json", *args],
                         capture_output=True, text=True, env=ENV, check=True, cwd=ROOT)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    summary = json.loads(out.stdout)
    if summary["ingested"] != summary["files"]:
        raise SystemExit(f"not every file was ingested: {out.stdout}")
    return {"wall": wall, "cpu": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
            "docs": summary["ingested"], "load": os.getloadavg()[0]}


class Cluster:
    """`dask scheduler` and `dask worker` processes started here, on 127.0.0.1."""

    def __init__(self, port: int, workers: int, work: Path) -> None:
        self.address = f"tcp://127.0.0.1:{port}"
        dask = str(BIN / "dask")
        self.procs = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", str(port),
                                        "--no-dashboard"], env=ENV, cwd=work,
                                       stdout=subprocess.DEVNULL, stderr=open(work / "scheduler.log", "w"))]
        try:
            self._wait(0)
            self.procs.append(subprocess.Popen([dask, "worker", self.address, "--nworkers", str(workers),
                                                "--nthreads", "1", "--no-dashboard", "--host", "127.0.0.1"],
                                               env=ENV, cwd=work, stdout=subprocess.DEVNULL,
                                               stderr=open(work / "worker.log", "w")))
            self._wait(workers)
        except BaseException:
            self.close()
            raise

    def _wait(self, workers: int) -> None:
        from distributed import Client

        deadline = time.monotonic() + 120
        while True:
            if self.procs[0].poll() is not None:  # the port was taken, or dask failed: see scheduler.log
                raise RuntimeError(f"dask scheduler exited with {self.procs[0].returncode}")
            try:
                with Client(self.address, timeout=5) as c:
                    if workers:
                        c.wait_for_workers(workers, timeout=120)
                    return
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)

    def close(self) -> None:
        for p in reversed(self.procs):  # workers first, then the scheduler
            p.terminate()
            try:
                p.wait(30)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=300)
    ap.add_argument("--work", type=Path, default=Path("/tmp/kehoach-daskbench"))
    ap.add_argument("--port", type=int, default=8786)
    args = ap.parse_args()
    plans = args.work / "plans"
    if not plans.exists() or len(list(plans.rglob("*.txt"))) != args.files:
        shutil.rmtree(plans, ignore_errors=True)
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_variants.py"), str(plans), "-n",
                        str(args.files)], check=True, stdout=subprocess.DEVNULL)
    db = args.work / "catalog.db"
    load = os.getloadavg()
    print(f"{args.files} plans; {os.cpu_count()} cores; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    rows: list[tuple[str, dict, dict | None]] = []

    def run(name: str, base: dict | None, *extra: str) -> dict:
        log(f"{name} ...")
        r = ingest(plans, db, *extra)
        rows.append((name, r, base))
        log(f"  {r['wall']:.1f} s")
        return r

    one = run("local pool, --workers 1 (in the ingest process)", None, "--workers", "1")
    run("local pool, --workers 2", one, "--workers", "2")
    one = run("dask LocalCluster, --workers 1", None, "--executor", "dask", "--workers", "1")
    run("dask LocalCluster, --workers 2", one, "--executor", "dask", "--workers", "2")
    one = None
    for n in (1, 2):
        cluster = Cluster(args.port, n, args.work)
        try:
            r = run(f"dask scheduler + dask worker --nworkers {n}", one, "--executor", "dask",
                    "--scheduler", cluster.address)
            r["writer"] = True  # workers are not children of the ingest: its CPU is the writer's
        finally:
            cluster.close()
        one = one or r
    print("| run | seconds | documents/s | vs 1 worker | ingest process CPU per document | load |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, r, base in rows:
        speed = f"{base['wall'] / r['wall']:.2f}×" if base else "—"
        cpu = f"{r['cpu'] / r['docs'] * 1000:.1f} ms" if r.get("writer") else "—"
        print(f"| {name} | {r['wall']:.1f} | {r['docs'] / r['wall']:.1f} | {speed} | {cpu} | {r['load']:.1f} |")
    load = os.getloadavg()
    print(f"load average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


if __name__ == "__main__":
    main()
