"""Per-call cost of the hot text components (they run on every cell or every document).

    .venv/bin/python benchmarks/components_bench.py
"""

from __future__ import annotations

import statistics
import sys
import time
import timeit
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractors.dates import find_time_expressions  # noqa: E402
from extractors.gazetteer import find_admin_units  # noqa: E402
from extractors.nlp import org_spans  # noqa: E402
from pipeline.read import legacy  # noqa: E402

PLAN = (ROOT / "corpus" / "kh-39-quan-11-clb-bi-thu.txt").read_text(encoding="utf-8")
CELL = "Tổ chức Hội trại truyền thống chào mừng ngày thành lập Đoàn 26/3"
TCVN3_CELL = "Tæ chøc Héi tr¹i truyÒn thèng chµo mõng ngµy thµnh lËp §oµn 26/3"


def per_call(fn, n: int) -> float:
    return timeit.timeit(fn, number=n) / n


def main() -> None:
    text = (PLAN * 3)[:15000]
    find_admin_units("tỉnh Gia Lai")
    org_spans("Sở Nội vụ")
    rows = [
        ("legacy.repair, correct Unicode cell", per_call(lambda: legacy.repair(CELL), 5000) * 1e6, "µs"),
        ("legacy.repair, TCVN3 cell", per_call(lambda: legacy.repair(TCVN3_CELL), 500) * 1e6, "µs"),
        ("dates.find_time_expressions, 15 KB", per_call(lambda: find_time_expressions(text), 20) * 1e3, "ms"),
        ("gazetteer.find_admin_units, 15 KB", per_call(lambda: find_admin_units(text), 20) * 1e3, "ms"),
    ]
    from extractors.segmenter import _fast_model

    scorer = getattr(_fast_model(), "scorer", None)
    for cold in (False, True):
        firsts = []
        for k in range(5):  # a text not seen before: no cached word segmentation
            if cold and scorer is not None:
                scorer.forget()  # nor the CRF's scores of its token runs (the first plan of a process)
            t = time.perf_counter()
            org_spans(PLAN + f" {k}")
            firsts.append(time.perf_counter() - t)
        name = "nlp.org_spans, a new 10 KB plan" + (", new tokens" if cold else "")
        rows.append((name, statistics.median(firsts) * 1e3, "ms"))
    for name, value, unit in rows:
        print(f"{name:42} {value:9.2f} {unit}")


if __name__ == "__main__":
    main()
