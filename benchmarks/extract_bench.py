"""Extraction speed and memory: per-document time after start-up, start-up cost, peak RSS.

    .venv/bin/python benchmarks/extract_bench.py [FILES...]   (default: the .txt corpus and dev set)
"""

from __future__ import annotations

import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    files = [Path(a) for a in sys.argv[1:]] or sorted(
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
