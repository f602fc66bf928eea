"""Old-font exports of a plan (TCVN3, VNI) read like the Unicode original, field for field."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_legacy import tcvn3_bytes, vni

from pipeline.extract import extract_file

PLAN = Path(__file__).resolve().parents[1] / "corpus" / "kh-39-quan-11-clb-bi-thu.txt"
FIELDS = ["doc_type", "number", "issuer", "issuer_parent", "issue_place", "issue_date", "title",
          "signer_name", "signer_position", "signer_authority", "recipients"]


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_legacy_export_gives_the_same_record(tmp_path, encoding):
    text = PLAN.read_text(encoding="utf-8").replace("“", '"').replace("”", '"').replace("–", "-").replace("❖", "*")
    original = tmp_path / "unicode.txt"
    original.write_text(text, encoding="utf-8")
    legacy_file = tmp_path / f"{encoding}.txt"
    legacy_file.write_bytes(tcvn3_bytes(text) if encoding == "tcvn3" else vni(text).encode("cp1252"))
    want = extract_file(original).record.to_json()
    got = extract_file(legacy_file).record.to_json()
    assert encoding in got["source"]["repairs"]
    assert {f: got[f] for f in FIELDS} == {f: want[f] for f in FIELDS}
    assert [(e["start"], e["venues"]) for e in got["events"]] == [(e["start"], e["venues"]) for e in want["events"]]
