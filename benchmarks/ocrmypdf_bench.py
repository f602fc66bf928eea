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

``--passes`` prints instead where kehoach's CPU goes on each file (read in this process, Tesseract's
children counted): the CPU seconds of each pass of the scan reader, each counted once (a pass
called inside another is taken out of the outer one), images (PNG, JPEG) included:

    .venv/bin/python benchmarks/ocrmypdf_bench.py --passes --ids k1-001 k2-005 m4-003
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


def scanned_pdfs(ids: list[str] | None, limit: int | None, images: bool = False) -> list[Path]:
    """The dev split's scanned PDFs (and, with ``images``, its page images too)."""
    with open(EVAL / "SOURCES.tsv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\"))
    docs = EVAL / "dev" / "docs"
    kinds = ("pdf-scan", "image") if images else ("pdf-scan",)
    found = {p.stem: p for p in docs.iterdir()}
    paths = [found[r["id"]] for r in rows if r["format"] in kinds and r["id"] in found
             and (images or found[r["id"]].suffix == ".pdf")]
    if ids:
        paths = [p for p in paths if p.stem in ids]
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


# the scan reader's passes, by module and function, and what the table calls them
PASSES = (
    ("pipeline.read.readers.pdf", "render_page", "render the page"),
    ("pipeline.read.readers.ocr", "prepare", "grey, upscale, skew"),
    ("pipeline.read.readers.ocr", "_clean_up", "clean-up: signals, candidates on the header band"),
    ("pipeline.read.readers.ocr", "_words", "Tesseract: the page"),
    ("pipeline.read.readers.ocr", "_untangle", "Tesseract: tangled lines again"),
    ("pipeline.read.readers.ocr", "find_tables", "ruled tables"),
    ("pipeline.read.readers.ocr", "_read_digits", "number/day slots: Tesseract digits"),
    ("pipeline.read.readers.ocr", "_read_digits_second", "number/day slots: second recogniser"),
    ("pipeline.read.readers.ocr", "_second_reader", "second recogniser: load the models"),
    ("pipeline.read.readers.ocr", "_second_look", "second recogniser: header band"),
    ("pipeline.read.readers.ocr", "_signature_reread", "signature block again"),
    ("pipeline.read.orientation", "rotation_needed", "orientation"),
)


def cpu_now() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def passes(files: list[Path]) -> int:
    """Where kehoach's CPU goes on each file: read and extract in this process, each pass timed."""
    import functools
    import importlib

    sys.path.insert(0, str(ROOT))
    spent: dict[str, float] = {}
    stack: list[float] = []  # CPU of the passes called inside the running one

    def timed_pass(func, label):
        @functools.wraps(func)
        def run(*args, **kwargs):
            t0 = cpu_now()
            stack.append(0.0)
            try:
                return func(*args, **kwargs)
            finally:
                inner = stack.pop()
                took = cpu_now() - t0
                spent[label] = spent.get(label, 0.0) + took - inner
                if stack:
                    stack[-1] += took
        return run

    for module, name, label in PASSES:
        mod = importlib.import_module(module)
        setattr(mod, name, timed_pass(getattr(mod, name), label))
    from pipeline.extract import extract_record
    from pipeline.read.build import build_document
    from pipeline.read.readers import read

    labels = [label for _, _, label in PASSES]
    rows = []
    for f in files:
        spent.clear()
        t0 = cpu_now()
        raw = read(f)
        t1 = cpu_now()
        extract_record(build_document(raw), str(f))
        rows.append((f.stem, len(raw.pages), t1 - t0, cpu_now() - t1, dict(spent)))
        print(f"  {f.stem}: read {t1 - t0:.1f} CPU s", file=sys.stderr)
    print("| pass (CPU s) | " + " | ".join(f"{r[0]} ({r[1]} p.)" for r in rows) + " |")
    print("|---|" + "---:|" * len(rows))
    for label in labels:
        if any(r[4].get(label) for r in rows):
            print(f"| {label} | " + " | ".join(f"{r[4].get(label, 0.0):.2f}" for r in rows) + " |")
    print("| rest of the reader (layout, repairs, TIFF copies) | "
          + " | ".join(f"{r[2] - sum(r[4].values()):.2f}" for r in rows) + " |")
    print("| **read** | " + " | ".join(f"**{r[2]:.2f}**" for r in rows) + " |")
    print("| extract (build, extractors) | " + " | ".join(f"{r[3]:.2f}" for r in rows) + " |")
    print(f"\nload average {os.getloadavg()[0]:.1f}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ids", nargs="*", help="dev scans to run (default: all pdf-scan documents of eval/dev)")
    ap.add_argument("--limit", type=int, help="only the first N of them")
    ap.add_argument("--jobs", type=int, default=1, help="cores each tool may use (-j / OMP_THREAD_LIMIT)")
    ap.add_argument("--output-type", default="auto", choices=("auto", "pdf", "none"),
                    help="OCRmyPDF's output: auto (its default, PDF/A), pdf, or none (the sidecar text only)")
    ap.add_argument("--passes", action="store_true",
                    help="where kehoach's CPU goes on each file (in this process; images included)")
    a = ap.parse_args(argv)
    if a.passes:
        return passes(scanned_pdfs(a.ids, a.limit, images=True))
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
