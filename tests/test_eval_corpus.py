"""The annotated corpus in eval/ keeps its own rules: every document has a gold record of the shared
schema and a sources row, files stay small, and no issuer has documents in both splits (the test
split must be issuers the extractors were never tuned on)."""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from pathlib import Path

import pytest

EVAL = Path(__file__).resolve().parent.parent / "eval"
KEYS = {"doc_type", "number", "issuer", "issuer_parent", "issue_place", "issue_date", "title", "signer_name",
        "signer_position", "signer_authority", "recipients", "participant_count", "events", "venues",
        "responsibilities"}
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2})?)?)?$")

pytestmark = pytest.mark.skipif(not (EVAL / "SOURCES.tsv").exists(), reason="no eval/ corpus in this checkout")


def fold(s: str) -> str:
    s = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    return re.sub(r"[^a-z0-9]+", " ", "".join(c for c in s if unicodedata.category(c) != "Mn").lower()).strip()


def sources() -> dict[str, dict[str, str]]:
    with (EVAL / "SOURCES.tsv").open(encoding="utf-8", newline="") as fh:
        return {r["id"]: r for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\")}


def docs() -> list[tuple[str, Path]]:
    return [(split, p) for split in ("dev", "test") for p in sorted((EVAL / split / "docs").iterdir())]


def test_every_document_has_gold_and_a_sources_row_in_its_split():
    src = sources()
    found = set()
    for split, p in docs():
        assert (EVAL / split / "gold" / f"{p.stem}.json").exists(), p
        assert src[p.stem]["split"] == split, p
        assert p.stat().st_size <= 5_000_000, f"{p} is over 5 MB"
        found.add(p.stem)
    assert found == set(src), set(src) ^ found
    golds = {p.stem for split in ("dev", "test") for p in (EVAL / split / "gold").glob("*.json")}
    assert golds == found
    assert sum(p.stat().st_size for _, p in docs()) <= 80_000_000


def test_gold_records_follow_the_schema():
    for split in ("dev", "test"):
        for p in (EVAL / split / "gold").glob("*.json"):
            g = json.loads(p.read_text(encoding="utf-8"))
            assert KEYS <= set(g), (p, KEYS - set(g))
            assert g["issue_date"] is None or DATE.match(g["issue_date"]), p
            for e in g["events"]:
                assert DATE.match(e["start"]) and (e.get("end") is None or DATE.match(e["end"])), (p, e)
                assert isinstance(e.get("venues", []), list), p
            for r in g["responsibilities"]:
                assert isinstance(r["party"], str) and isinstance(r["tasks"], list), p
            assert all(isinstance(x, str) for x in g["recipients"] + g["venues"]), p


def test_no_issuer_has_documents_in_both_splits():
    by_split: dict[str, set[str]] = {"dev": set(), "test": set()}
    for split in by_split:
        for p in (EVAL / split / "gold").glob("*.json"):
            issuer = json.loads(p.read_text(encoding="utf-8"))["issuer"]
            if issuer:
                by_split[split].add(fold(issuer))
    assert not by_split["dev"] & by_split["test"]
