"""Extraction speed and memory: per-document time after start-up, start-up cost, peak RSS.

    .venv/bin/python benchmarks/extract_bench.py [FILES...]   (default: the .txt corpus and dev set)
    .venv/bin/python benchmarks/extract_bench.py --startup [--runs 20] [PLAN]

--startup times whole `kehoach` processes instead (`python -m pipeline`, this checkout): `--help`,
`search --help`, `extract PLAN --format jsonl` (default corpus/kh-39-quan-11-clb-bi-thu.txt) and
`python -c pass`, each --runs times, and prints p50 / p95 of wall and CPU time (user + system, the
steadier figure on a shared machine) with the load average before and after. For `extract` also the
CPU time of the process's main thread: the segmentation model's weights are read in a second thread,
so where a core is free the main thread's CPU is the process's wall time (the critical path), and
on a loaded machine the wall figure measures the machine more than the command.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _process(args: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one process."""
    wall, cpu, _ = _process_threads(args)
    return wall, cpu


# `python -m pipeline ARGS` that also says, as it ends, the CPU its main thread used since it started
MAIN_THREAD = ("import atexit, runpy, sys, time\n"
               "atexit.register(lambda: sys.stderr.write(f'\\nmain-thread-cpu {time.thread_time()}\\n'))\n"
               "sys.argv = ['kehoach', *sys.argv[1:]]\n"
               "runpy.run_module('pipeline', run_name='__main__', alter_sys=True)\n")


def _process_threads(args: list[str]) -> tuple[float, float, float | None]:
    """Wall and CPU seconds of one process, and its main thread's CPU seconds when it reports them
    (a process started with ``MAIN_THREAD``)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    run = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=True, cwd=ROOT,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})  # cwd too: `python -m` looks there first
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    main = [float(line.split()[1]) for line in run.stderr.decode(errors="replace").splitlines()
            if line.startswith("main-thread-cpu ")]
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), (main or [None])[-1]


def _p(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))] * 1000


def compile_sources() -> None:
    """Write the bytecode of this checkout's modules, as installing a package does. Without it,
    where PYTHONDONTWRITEBYTECODE is set (this project's machine) or the cache is stale, every
    process compiles the modules it imports from source again (≈ 0.1 s for `extract`)."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", "pipeline", "extractors"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL, env={k: v for k, v in os.environ.items()
                                                    if k != "PYTHONDONTWRITEBYTECODE"})


def time_startup(runs: int, plan: Path) -> None:
    compile_sources()
    kehoach = [sys.executable, "-m", "pipeline"]
    cases = {"kehoach --help": [*kehoach, "--help"], "kehoach search --help": [*kehoach, "search", "--help"],
             f"kehoach extract {plan.name}": [sys.executable, "-c", MAIN_THREAD, "extract", str(plan), "--format",
                                              "jsonl"],
             "python -c pass": [sys.executable, "-c", "pass"]}
    load = os.getloadavg()
    print(f"load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; {os.cpu_count()} cores")
    print("| start-up (p50 / p95 ms) | wall | CPU | main thread's CPU |\n|---|---:|---:|---:|")
    for name, args in cases.items():
        _process(args)  # warm the file cache (and the place-name index file)
        res = [_process_threads(args) for _ in range(runs)]
        wall, cpu, main = [w for w, _, _ in res], [c for _, c, _ in res], [m for _, _, m in res if m is not None]
        main_cell = f"{_p(main, .5):,.0f} / {_p(main, .95):,.0f}" if main else "—"
        print(f"| `{name}` | {_p(wall, .5):,.0f} / {_p(wall, .95):,.0f} | {_p(cpu, .5):,.0f} / {_p(cpu, .95):,.0f} "
              f"| {main_cell} |")
    load = os.getloadavg()
    print(f"load average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", type=Path, nargs="*")
    ap.add_argument("--startup", action="store_true", help="time whole kehoach processes")
    ap.add_argument("--runs", type=int, default=20, help="processes per command (--startup)")
    args = ap.parse_args()
    if args.startup:
        plan = args.files[0].resolve() if args.files else ROOT / "corpus" / "kh-39-quan-11-clb-bi-thu.txt"
        time_startup(args.runs, plan)
        return
    files = args.files or sorted(
        [*ROOT.glob("corpus/*.txt"), *(ROOT.parent / "shared/eval/dev/docs").glob("*.txt")])
    t0 = time.perf_counter()
    from pipeline.extract import extract_file

    extract_file(files[0])  # loads the models (underthesea, spaCy, gazetteer) once
    startup = time.perf_counter() - t0
    print(f"start-up (imports + first document): {startup:.2f} s")
    print(f"{'document':48} {'pages':>5} {'chars':>7} {'ms first':>9} {'ms median of 5':>15}")
    times = []
    for f in files:
        runs = []
        for _ in range(5):
            t = time.perf_counter()
            ex = extract_file(f)
            runs.append(time.perf_counter() - t)
        ms = statistics.median(runs) * 1000
        times.append(runs[0] * 1000)  # the first run is the honest one: word segmentation is cached per text
        print(f"{f.name[:48]:48} {len(ex.document.pages):5d} {len(ex.document.text):7d} {runs[0] * 1000:9.1f}"
              f" {ms:15.1f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"first run per document: median {statistics.median(times):.1f} ms, max {max(times):.1f} ms;"
          f" peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main()
