"""Size and fidelity of `kehoach searchable-pdf` on the corpus's scanned PDFs.

    .venv/bin/python benchmarks/searchable_bench.py [--limit N]

For each image-only PDF in eval/*/docs (format pdf-scan in eval/SOURCES.tsv): output size / input size,
whether every original image stream is byte-identical in the output, and seconds. Prints a table and
the median and worst ratio.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    from pipeline.errors import KehoachError
    from pipeline.use.searchable import image_streams, make_searchable

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=12)
    a = ap.parse_args(argv)
    with (ROOT / "eval" / "SOURCES.tsv").open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\")
                if r["format"] == "pdf-scan"]
    ratios = []
    print("| file | pages OCRed | input KB | output KB | ratio | images identical | seconds |")
    print("|---|---:|---:|---:|---:|---|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for r in sorted(rows, key=lambda r: r["id"])[: a.limit]:
            src = next((ROOT / "eval" / r["split"] / "docs").glob(r["id"] + ".pdf"), None)
            if src is None:
                continue
            out = Path(tmp) / f"{r['id']}.pdf"
            t0 = time.time()
            try:
                res = make_searchable(src, out)
            except KehoachError as e:
                print(f"| {r['id']} | — | {src.stat().st_size / 1024:.0f} | — | — | left alone: {e} | — |")
                continue
            ratio = out.stat().st_size / src.stat().st_size
            ratios.append(ratio)
            same = image_streams(src) == image_streams(out)
            print(f"| {r['id']} | {res.ocr_pages} | {src.stat().st_size / 1024:.0f} | {out.stat().st_size / 1024:.0f}"
                  f" | {ratio:.3f} | {'yes' if same else 'NO'} | {time.time() - t0:.1f} |")
    if ratios:
        print(f"\nmedian ratio {statistics.median(ratios):.3f}, worst {max(ratios):.3f} over {len(ratios)} scans")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
