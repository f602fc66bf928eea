"""Extraction quality on the project's annotated corpus (eval/), by field, format and slice.

    .venv/bin/python benchmarks/quality.py                 # the dev split
    .venv/bin/python benchmarks/quality.py --split test    # the held-out split: a report, nothing to tune on
    .venv/bin/python benchmarks/quality.py --misses        # dev only: every miss, to study
    .venv/bin/python benchmarks/quality.py --reuse         # score the predictions of the last run again

Each document of the split is extracted once (in worker processes, a per-file timeout), the records
are kept in output/quality/<split>/<id>.json, and the scorer (eval/score.py: a byte-for-byte copy of
the shared ../shared/eval/score.py the hidden set is judged with, so a fresh clone scores alone)
scores them: all documents, then each format slice read from
eval/SOURCES.tsv (text, docx, doc, pdf, signed, scan) and born-digital vs scans.

The test split's misses are never printed: move a document to dev to study it (see eval/README.md).
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import sys
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor, TimeoutError, as_completed
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "eval"
SCORER = EVAL / "score.py"

# SOURCES.tsv's format column -> the slice a format is reported in
SLICE = {"txt": "text", "md": "text", "html": "text", "docx": "docx", "doc": "doc", "odt": "doc", "rtf": "doc",
         "pdf-text": "pdf", "pdf-signed": "signed", "pdf-scan": "scan", "image": "scan"}
SLICES = ("text", "docx", "doc", "pdf", "signed", "scan")
HEADER_FIELDS = ("doc_type", "number", "issuer", "issuer_parent", "issue_place", "issue_date", "title",
                 "signer_name", "signer_position", "signer_authority", "recipients")
CONTENT_FIELDS = ("events", "event_what", "venues", "event_venues", "responsibilities", "responsibility_tasks")


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("kehoach_eval_score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"no scorer at {path}")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def read_sources(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return {row["id"]: row for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\")}


def _extract(path: str) -> dict:
    from pipeline.extract import extract_file

    try:
        return extract_file(path).record.to_json()
    except Exception as e:  # a reader or extractor failure scores as an empty record
        return {"path": path, "error": f"{type(e).__name__}: {e}"}


def extract_split(docs: dict[str, Path], out: Path, workers: int, timeout: float) -> dict[str, dict]:
    out.mkdir(parents=True, exist_ok=True)
    preds: dict[str, dict] = {}
    t0 = time.time()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(_extract, str(p)): doc_id for doc_id, p in docs.items()}
        for n, fut in enumerate(as_completed(futures), 1):
            doc_id = futures[fut]
            try:
                rec = fut.result(timeout=timeout)
            except (TimeoutError, Exception) as e:  # noqa: B014 - a broken worker is one failed document
                rec = {"path": str(docs[doc_id]), "error": f"{type(e).__name__}: {e}"}
            if rec.get("error"):
                print(f"  {doc_id}: {rec['error']}", file=sys.stderr)
            (out / f"{doc_id}.json").write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
            preds[doc_id] = rec
            print(f"\r  extracted {n}/{len(docs)} ({time.time() - t0:.0f} s)", end="", file=sys.stderr)
    print(file=sys.stderr)
    return preds


def fmt(v: float | None) -> str:
    return "  n/a" if v is None else f"{v:5.3f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                 epilog="The test split is for reporting only; its misses are not shown.")
    ap.add_argument("--split", default="dev", choices=("dev", "test"))
    ap.add_argument("--eval", type=Path, default=EVAL, help="corpus folder (default eval/)")
    ap.add_argument("--scorer", type=Path, default=SCORER, help="the scorer (default eval/score.py)")
    ap.add_argument("--reuse", action="store_true", help="score the stored predictions, extract nothing")
    ap.add_argument("--misses", action="store_true", help="print every miss (dev split only)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=300, help="seconds per document")
    ap.add_argument("--json", action="store_true", help="print the tables as JSON")
    ap.add_argument("--pr", action="store_true",
                    help="also print each field's precision and recall (all, born-digital, scans): whether a "
                         "field's losses are values given wrongly or values not found")
    a = ap.parse_args(argv)
    if a.misses and a.split == "test":
        ap.error("the test split's misses are not shown; move the document to eval/dev to study it")

    sc = load_scorer(a.scorer)
    split = a.eval / a.split
    gold = sc.load_gold(split)
    sources = read_sources(a.eval / "SOURCES.tsv")
    docs = {i: sc.find_doc(split, i) for i in gold}
    missing = [i for i, p in docs.items() if p is None]
    if missing:
        raise SystemExit(f"gold without a document: {', '.join(missing)}")
    cache = ROOT / "output" / "quality" / a.split
    if a.reuse:
        preds = {i: json.loads((cache / f"{i}.json").read_text(encoding="utf-8")) for i in gold
                 if (cache / f"{i}.json").exists()}
    else:
        preds = extract_split(docs, cache, a.workers, a.timeout)  # type: ignore[arg-type]

    groups: dict[str, list[str]] = defaultdict(list)
    for i in gold:
        s = SLICE.get(sources.get(i, {}).get("format", ""), "other")
        groups[s].append(i)
        if s != "scan":
            groups["born-digital"].append(i)
    columns = ["all", "born-digital"] + [s for s in SLICES if groups.get(s)]
    results = {}
    for col in columns:
        ids = list(gold) if col == "all" else groups[col]
        rows, macro, misses = sc.score({i: gold[i] for i in ids}, {i: preds.get(i, {}) for i in ids})
        results[col] = {"n": len(ids), "macro": macro, "fields": {f: (r[2] if r else None) for f, r in rows.items()},
                        "precision": {f: (r[0] if r else None) for f, r in rows.items()},
                        "recall": {f: (r[1] if r else None) for f, r in rows.items()}}
        if col == "all":
            all_misses = misses
    if a.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
        return 0
    if a.misses:
        for doc_id, f, gv, pv in all_misses:
            print(f"MISS {doc_id} [{sources.get(doc_id, {}).get('format', '?')}] {f}: "
                  f"gold={json.dumps(gv, ensure_ascii=False)} got={json.dumps(pv, ensure_ascii=False)}")
        print()
    print(f"Split {a.split}: {len(gold)} documents, {sum(1 for p in preds.values() if p.get('error'))} "
          f"failed to extract ({time.strftime('%Y-%m-%d')})\n")
    print("| field | " + " | ".join(f"{c} ({results[c]['n']})" for c in columns) + " |")
    print("|---|" + "---:|" * len(columns))
    for f in results["all"]["fields"]:
        print(f"| {f} | " + " | ".join(fmt(results[c]["fields"][f]) for c in columns) + " |")

    def mean(col: str, fields: tuple[str, ...]) -> float | None:
        vals = [results[col]["fields"][f] for f in fields if results[col]["fields"].get(f) is not None]
        return sum(vals) / len(vals) if vals else None

    print("| header fields (mean) | " + " | ".join(fmt(mean(c, HEADER_FIELDS)) for c in columns) + " |")
    print("| content fields (mean) | " + " | ".join(fmt(mean(c, CONTENT_FIELDS)) for c in columns) + " |")
    print("| **macro F1** | " + " | ".join(f"**{results[c]['macro']:.3f}**" for c in columns) + " |")
    if a.pr:
        pr_cols = [c for c in ("all", "born-digital", "scan") if c in results]
        print("\n| field | " + " | ".join(f"{c} P | {c} R" for c in pr_cols) + " |")
        print("|---|" + "---:|---:|" * len(pr_cols))
        for f in results["all"]["fields"]:
            print(f"| {f} | " + " | ".join(f"{fmt(results[c]['precision'][f])} | {fmt(results[c]['recall'][f])}"
                                           for c in pr_cols) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
