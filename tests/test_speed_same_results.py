"""The speed work changes how results are computed, not what they are: each fast path is checked
here against the slower way it replaced, on real text and real components."""

from __future__ import annotations

import json
import pickle
import re
from pathlib import Path

import pytest

from extractors import gazetteer, nlp, segmenter
from pipeline.catalog import db as catalog
from pipeline.catalog.ingest import ingest
from pipeline.read.normalise import _fold_slow, fold
from pipeline.use.query import Filters, _search_folded, search_documents, search_events

ROOT = Path(__file__).resolve().parents[1]
TEXTS = sorted(ROOT.glob("corpus/*.txt")) + sorted(Path("/work/shared/eval/dev/docs").glob("*.txt"))


def _texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in TEXTS]


def test_org_spans_line_by_line_equal_the_spacy_doc_of_the_whole_text():
    """Organisations used to be found on one spaCy Doc of the whole body; now line by line, on plain
    tokens, skipping lines that cannot hold a name."""
    for text in _texts():
        doc = nlp.spacy_doc(text)
        before = [(doc[s].idx, nlp._trimmed_end(doc[e - 1])) for s, e in nlp._org_spans(doc)]
        after = [(a, b) for a, b, _, label in nlp.org_spans(text) if label == "ORG"]
        assert after == before


def test_lines_skipped_hold_no_organisation():
    for text in _texts():
        for m in nlp._SEGMENT.finditer(text):
            line = m.group(0)
            if line.strip() and not nlp._may_hold_org(line):
                assert nlp._org_spans(nlp.spacy_doc(line)) == [], line


def test_fold_fast_path_equals_the_unicode_path():
    for text in _texts() + ["ĐỒNG NAI Hoà Thuỷ ß İ x\u0301 Ω 中文 “quote” — … ❖", "Ǆ ǅ ﬁ K"]:
        assert fold(text) == _fold_slow(text)


def test_snippet_search_without_folding_finds_the_same_match():
    for text in _texts():
        for words in (["dong", "nai"], ["thanh", "nien"], ["hoa"], ["quan", "11"], ["uy", "ban"], ["khanh", "hoa"]):
            for any_word in (False, True):
                pattern = r"\W+".join(map(re.escape, words)) if not any_word else "(?:" + "|".join(words) + ")"
                want = re.search(r"(?<!\w)" + pattern + r"(?!\w)", fold(text))
                _, got = _search_folded(text, words, any_word)
                assert (got.span() if got else None) == (want.span() if want else None)


def test_stored_place_index_equals_a_fresh_build(tmp_path, monkeypatch):
    monkeypatch.setenv("KEHOACH_CACHE_DIR", str(tmp_path))
    gazetteer._gaz.cache_clear()
    try:
        built = gazetteer._gaz()  # builds and stores
        (stored,) = tmp_path.glob("gazetteer-*.pickle")
        gazetteer._gaz.cache_clear()
        loaded = gazetteer._gaz()  # loads
        assert loaded is not built
        assert loaded.exact == built.exact and loaded.folded == built.folded and loaded.prefixes == built.prefixes
        assert pickle.loads(stored.read_bytes()).concat == built.concat
        text = "UBND huyện Chư Sê, tỉnh Gia Lai; Nhà văn hóa Quận 11, TP. HCM; xã Tân Lập"
        assert gazetteer.find_admin_units(text)
    finally:
        gazetteer._gaz.cache_clear()


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("speed") / "c.db"
    ingest(sorted(ROOT.glob("corpus/*.txt")) + sorted(ROOT.glob("corpus/*.docx")), db, workers=1)
    return db


def test_limits_in_sql_give_the_first_rows_of_the_full_result(corpus_db):
    db = catalog.connect(corpus_db)
    for f in (Filters(text="thanh niên"), Filters(text="quan 11"), Filters(venue="Quận 11"), Filters(doc_type="KH"),
              Filters(issuer="Quận 11"), Filters(number="39")):
        full = search_documents(db, f, limit=None)
        for limit in (1, 2, 3):
            assert [r["id"] for r in search_documents(db, f, limit=limit)] == [r["id"] for r in full][:limit]
    events = search_events(db, Filters())
    assert search_events(db, Filters(), limit=5) == events[:5]


def test_read_connection_answers_like_the_writer(corpus_db):
    """Query commands read through plain sqlite3 (catalog.connect_read), not sqlite-utils."""
    for f in (Filters(text="dong nai"), Filters(venue="NVH"), Filters(doc_type="KH", number="39")):
        a = search_documents(catalog.connect(corpus_db), f)
        b = search_documents(catalog.connect_read(corpus_db), f)
        assert json.dumps(a, ensure_ascii=False) == json.dumps(b, ensure_ascii=False)


def test_text_is_stored_once_compressed_and_read_back(corpus_db):
    db = catalog.connect(corpus_db)
    cols = db["documents"].columns_dict
    assert "text_folded" not in cols and "title_folded" not in cols
    for (stored,) in db.execute("select text_norm from documents"):
        text = catalog.unpack_text(stored)
        assert isinstance(stored, bytes) and len(stored) < len(text.encode("utf-8"))
        assert "KẾ HOẠCH" in text
    doc_id = db.execute("select id from documents").fetchone()[0]
    catalog.optimize(db)
    assert catalog.get_document(catalog.connect_read(corpus_db), doc_id)["id"] == doc_id


def test_segmentation_model_loaded_without_joblib_tags_like_underthesea_s_own():
    """extractors.nlp reads underthesea's segmentation model with pickle instead of joblib (start-up);
    underthesea's own loader must give the same tags on every line of real plans."""
    import underthesea.pipeline.word_tokenize as wt
    from underthesea.models.fast_crf_sequence_tagger import FastCRFSequenceTagger
    from underthesea.pipeline.word_tokenize.regex_tokenize import tokenize

    ours = segmenter.crf_model(Path(wt.__file__).parent / "models" / segmenter.CRF_MODEL)
    assert isinstance(ours, segmenter.CrfModel)  # the fast path ran (else this test compares nothing)
    theirs = FastCRFSequenceTagger()
    theirs.load(str(Path(wt.__file__).parent / "models" / segmenter.CRF_MODEL))
    lines = [m.group(0) for text in _texts() for m in nlp._SEGMENT.finditer(text) if m.group(0).strip()]
    assert len(lines) > 200
    tagged_words = 0
    for line in lines:
        features = [[t] for t in tokenize(line, use_token_normalize=False)]
        tags = ours.predict(features)
        assert tags == theirs.predict(features), line
        tagged_words += tags.count("I-W")
    assert tagged_words > 100  # words of several syllables were found, so the model really ran


def test_normaliser_rules_read_without_joblib_equal_underthesea_s():
    """The text normaliser's maps that extractors.segmenter reads with pickle are those joblib reads."""
    import joblib
    import underthesea.pipeline.text_normalize as tn_package

    folder = Path(tn_package.__file__).parent
    ours = segmenter.normalizer_module(folder)
    assert ours is not None  # the fast path applies to the installed underthesea
    data = joblib.load(folder / ours.rule_file)
    assert ours.character_map == data["character"] and ours.token_map == data["token"]
    assert len(ours.token_map) > 1000


def test_organisations_without_places_are_the_organisations_with_them():
    """extract_content asks org_spans for organisations only (places come from the whole text)."""
    found = 0
    for text in _texts():
        orgs = nlp.org_spans(text, places=False)
        assert orgs == [s for s in nlp.org_spans(text) if s[3] == "ORG"]
        found += len(orgs)
    assert found > 20


def _modules_after(args: list[str]) -> set[str]:
    """The modules a real `kehoach ARGS` process has imported when it ends."""
    import subprocess
    import sys

    code = ("import sys, runpy\nsys.argv = ['kehoach', *sys.argv[1:]]\n"
            "try:\n    runpy.run_module('pipeline', run_name='__main__')\nexcept SystemExit as e:\n"
            "    assert not e.code, e.code\nsys.stderr.write('\\n'.join(sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "HOME": str(Path.home())})
    return set(out.stderr.splitlines())


def test_help_and_extract_load_only_what_they_need():
    """Start-up: `--help` imports no catalog, query or record code; `extract` of a text plan imports
    neither the ingest machinery nor joblib/numpy (underthesea's data is read with pickle)."""
    help_mods = _modules_after(["--help"])
    assert "typer" in help_mods  # the probe works
    assert not help_mods & {"pipeline.catalog.db", "pipeline.use.query", "pipeline.record", "pydantic", "rich"}
    extract_mods = _modules_after(["extract", "corpus/kh-39-quan-11-clb-bi-thu.txt", "--format", "jsonl"])
    assert "extractors.segmenter" in extract_mods and "underthesea_core" in extract_mods
    assert not extract_mods & {"joblib", "numpy", "pipeline.catalog.ingest", "pipeline.catalog.executors"}
