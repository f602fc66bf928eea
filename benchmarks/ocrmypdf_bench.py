"""Scans: kehoach's whole pipeline against OCRmyPDF ``--sidecar`` on the same files and cores.

Issue 12 asks that reading and understanding a scan stay at most 0.6x the wall time OCRmyPDF takes
to put a text layer on it (and write the text beside it) with the same cores. Both are run as a
user runs them, one process per file, one file at a time, on the scanned PDFs of the corpus's dev
split (``format`` pdf-scan in eval/SOURCES.tsv):

- ``ocrmypdf -l vie --sidecar OUT.txt -j J FILE OUT.pdf``, as the issue ran it (its default output,
  a PDF/A with the text layer, and the text beside it); ``--output-type none`` times the cheapest
  OCRmyPDF run that still gives the text (no PDF written);
- ``kehoach extract FILE --format jsonl`` (read with the per-page clean-up, OCR, second reader for
  handwritten slots, layout, every extractor), with ``OMP_THREAD_LIMIT=J`` for Tesseract.

Wall and CPU seconds (user + system of the child processes) per file, the totals, and the ratio
kehoach / OCRmyPDF. The machine's load average is printed beside them: on a shared machine the
CPU column is the comparable one.

    .venv/bin/pip install ocrmypdf                          # (the bench extra; no Ghostscript needed)
    .venv/bin/python benchmarks/ocrmypdf_bench.py --limit 6
    .venv/bin/python benchmarks/ocrmypdf_bench.py --ids k1-002 k4-005 --jobs 2 --output-type none
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "eval"


def scanned_pdfs(ids: list[str] | None, limit: int | None) -> list[Path]:
    with open(EVAL / "SOURCES.tsv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\"))
    docs = EVAL / "dev" / "docs"
    wanted = [r["id"] for r in rows if r["format"] == "pdf-scan" and (docs / f"{r['id']}.pdf").exists()]
    if ids:
        wanted = [i for i in wanted if i in ids]
    paths = [docs / f"{i}.pdf" for i in wanted]
    return paths[:limit] if limit else paths


def pages(path: Path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    return next((int(line.split()[-1]) for line in out.splitlines() if line.startswith("Pages:")), 0)


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall and CPU seconds of one child process (and what it starts), and its exit code."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode:
        print(f"  ! {' '.join(cmd[:2])} exited {proc.returncode}: {proc.stderr.strip().splitlines()[-1:]}",
              file=sys.stderr)
    return wall, cpu, proc.returncode


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ids", nargs="*", help="dev scans to run (default: all pdf-scan documents of eval/dev)")
    ap.add_argument("--limit", type=int, help="only the first N of them")
    ap.add_argument("--jobs", type=int, default=1, help="cores each tool may use (-j / OMP_THREAD_LIMIT)")
    ap.add_argument("--output-type", default="auto", choices=("auto", "pdf", "none"),
                    help="OCRmyPDF's output: auto (its default, PDF/A), pdf, or none (the sidecar text only)")
    a = ap.parse_args(argv)
    ocrmypdf = shutil.which("ocrmypdf") or str(Path(sys.executable).with_name("ocrmypdf"))
    kehoach = shutil.which("kehoach") or str(Path(sys.executable).with_name("kehoach"))
    if not Path(ocrmypdf).exists():
        raise SystemExit("ocrmypdf is not installed: .venv/bin/pip install ocrmypdf")
    files = scanned_pdfs(a.ids, a.limit)
    if not files:
        raise SystemExit("no scanned PDF found in eval/dev")
    env = dict(os.environ, OMP_THREAD_LIMIT=str(a.jobs))
    print(f"{len(files)} scanned PDFs, {sum(pages(f) for f in files)} pages, {a.jobs} core(s) each; "
          f"load average {os.getloadavg()[0]:.1f}", file=sys.stderr)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for f in files:
            out = Path(tmp) / f.stem
            o_cmd = [ocrmypdf, "-q", "-l", "vie", "--sidecar", f"{out}.txt", "--output-type", a.output_type,
                     "-j", str(a.jobs), str(f), "-" if a.output_type == "none" else f"{out}.pdf"]
            o_wall, o_cpu, o_rc = timed(o_cmd, env)
            k_wall, k_cpu, k_rc = timed([kehoach, "extract", str(f), "--format", "jsonl"], env)
            rows.append((f.stem, pages(f), o_wall, o_cpu, k_wall, k_cpu, o_rc or k_rc))
            print(f"  {f.stem}: ocrmypdf {o_wall:.1f} s ({o_cpu:.1f} CPU), kehoach {k_wall:.1f} s ({k_cpu:.1f} CPU)",
                  file=sys.stderr)
    ok = [r for r in rows if not r[6]]
    print("| document | pages | OCRmyPDF wall s | OCRmyPDF CPU s | kehoach wall s | kehoach CPU s | ratio (wall) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for doc_id, n, ow, oc, kw, kc, rc in rows:
        failed = " (failed)" if rc else ""
        print(f"| {doc_id}{failed} | {n} | {ow:.1f} | {oc:.1f} | {kw:.1f} | {kc:.1f} | {kw / ow:.2f} |")
    tw = [sum(r[i] for r in ok) for i in (2, 3, 4, 5)]
    if ok:
        print(f"| **all ({len(ok)})** | {sum(r[1] for r in ok)} | {tw[0]:.1f} | {tw[1]:.1f} | {tw[2]:.1f} "
              f"| {tw[3]:.1f} | **{tw[2] / tw[0]:.2f}** |")
        print(f"\nkehoach / OCRmyPDF: wall {tw[2] / tw[0]:.2f}x, CPU {tw[3] / tw[1]:.2f}x "
              f"(target: at most 0.6x); load average now {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
