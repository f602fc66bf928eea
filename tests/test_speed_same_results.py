"""The speed work changes how results are computed, not what they are: each fast path is checked
here against the slower way it replaced, on real text and real components."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from extractors import gazetteer, nlp, segmenter
from pipeline.catalog import db as catalog
from pipeline.catalog.ingest import ingest
from pipeline.read.normalise import _fold_slow, fold
from pipeline.use import query
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


def test_snippet_pattern_with_its_look_behind_after_the_first_letter_matches_as_before():
    """The snippet patterns check "no word character before the match" after the first character
    instead of before it; the first match must be the one of the look-behind-first pattern, on the
    written text (widened letters) and on the folded text (characters outside the classes)."""
    texts = _texts() + ["xã Đồng Nai,đồng nai-2 ĐỒNG  NAI; Quận 11 quận11 -x -x- 中文 đồng nai", "ß dong nai 中 nai",
                        "anai nai", "-nai x-nai", "van\nnghe văn\nnghệ"]
    words_list = (["dong", "nai"], ["nai"], ["quan", "11"], ["-x"], ["van", "nghe"], ["x-nai"], ["11", "nai", "dong"])
    for text in texts:
        for words in words_list:
            for any_word in (False, True):
                alts = [re.escape(w) for w in words]
                pattern = r"\W+".join(alts) if not any_word else "(?:" + "|".join(alts) + ")"
                want = re.search(r"(?<!\w)" + pattern + r"(?!\w)", fold(text))
                for widenable in (None, False):  # False: searched in the folded text
                    _, got = _search_folded(text, words, any_word, widenable)
                    assert (got.span() if got else None) == (want.span() if want else None), (text, words)


def test_stored_place_index_equals_a_fresh_build(tmp_path, monkeypatch):
    """The place-name index is stored compact (keys joined by spaces, entries made on first lookup)
    and loaded with marshal; every key of a fresh build must give the builder's entries, in order,
    both from the index just built and from the one loaded back."""
    monkeypatch.setenv("KEHOACH_CACHE_DIR", str(tmp_path))
    gazetteer._gaz.cache_clear()
    try:
        built = gazetteer._gaz()  # builds and stores
        (stored,) = tmp_path.glob("gazetteer-*.marshal")
        gazetteer._gaz.cache_clear()
        loaded = gazetteer._gaz()  # loads
        assert loaded is not built and loaded.state == built.state
        fresh = gazetteer._Gazetteer()  # the dicts the scanner used to read
        for index in (built, loaded):
            for key, entries in fresh.exact.items():
                assert index.exact(" ".join(key)) == entries
            for key, entries in fresh.folded.items():
                assert index.folded(" ".join(key)) == entries
            for key, entries in fresh.concat.items():
                assert index.concat(key) == entries
            assert index.prefixes == {" ".join(k) for k in fresh.prefixes}
            assert index.exact("khong co") is None and index.folded("xyz") is None and index.concat("x") is None
            for levels in (("province", "district"), ("ward",), ("province", "district", "ward")):
                assert index.cores(levels) == {e.core for es in fresh.exact.values() for e in es
                                               if e.level in levels}
        text = "UBND huyện Chư Sê, tỉnh Gia Lai; Nhà văn hóa Quận 11, TP. HCM; xã Tân Lập"
        assert [u.name for u in gazetteer.find_admin_units(text)] == [
            "Huyện Chư Sê", "Gia Lai", "Quận 11", "Hồ Chí Minh", "Xã Tân Lập"]
        stored.write_bytes(b"not marshal")  # a damaged file is rebuilt, not trusted
        gazetteer._gaz.cache_clear()
        assert gazetteer._gaz().state == built.state
    finally:
        gazetteer._gaz.cache_clear()


def test_stored_place_index_removes_other_versions_left_unused(tmp_path, monkeypatch):
    """Each new version of the gazetteer (code, data, Python) writes its own index file; writing one
    removes the others no process has used for two days, keeps a recently used one (another
    checkout of another version may be using it) and files that are not indexes."""
    import os
    import time

    monkeypatch.setenv("KEHOACH_CACHE_DIR", str(tmp_path))
    day = 24 * 3600
    now = time.time()
    files = {"gazetteer-0123456789abcdef.marshal": 3 * day, "gazetteer-fedcba9876543210.pickle": 9 * day,
             "gazetteer-0123456789abcdef.marshal.4242.tmp": 3 * day,
             "gazetteer-aaaaaaaaaaaaaaaa.marshal": 3600, "notes.txt": 30 * day}
    for name, age in files.items():
        (tmp_path / name).write_bytes(b"x")
        os.utime(tmp_path / name, (now - age, now - age))
    gazetteer._gaz.cache_clear()
    try:
        gazetteer._gaz()  # builds, stores, prunes
        current = gazetteer._cache_path()
        assert current is not None and current.exists()
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
            [current.name, "gazetteer-aaaaaaaaaaaaaaaa.marshal", "notes.txt"])
        # a load marks the file used when its time is older than half a day, and only then
        os.utime(current, (now - day, now - day))
        gazetteer._gaz.cache_clear()
        gazetteer._gaz()
        assert current.stat().st_mtime > now - 60
        os.utime(current, (now - 3600, now - 3600))
        gazetteer._gaz.cache_clear()
        gazetteer._gaz()
        assert abs(current.stat().st_mtime - (now - 3600)) < 1
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

    segmenter.preload()  # the weights read in a thread, as `kehoach extract` does
    key = str(Path(wt.__file__).parent / "models" / segmenter.CRF_MODEL / "models.bin")
    assert key in segmenter._PRELOAD
    ours = segmenter.crf_model(Path(wt.__file__).parent / "models" / segmenter.CRF_MODEL)
    assert isinstance(ours, segmenter.CrfModel)  # the fast path ran (else this test compares nothing)
    assert key not in segmenter._PRELOAD  # the preloaded tagger was the one taken
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


def _lines() -> list[str]:
    return sorted({m.group(0) for text in _texts() for m in nlp._SEGMENT.finditer(text) if m.group(0).strip()})


# lines whose tokens reach the featuriser's edge cases: one or two tokens, numbers at and past
# Rust's i32, signs, "BOS"/"EOS" written in the text, characters the normaliser changes, others
# outside the characters made in Python, a decomposed accent, no-break spaces
_ODD_LINES = ["Sở", "Sở Nội", "2147483647 2147483648 -2147483648 -2147483649 +5 -0 007 1.5 12/2024",
              "BOS EOS bos Bos", "ÐOÀN Ðồng ð", "中文 Sở Nội vụ Ωμέγα", "Hoa\u0300 Thuy\u0309", "a\u00a0b  c",
              "Tp.HCM v.v... H'Mông T.Ư e-mail 43H-0530 ==> :)) NĐ-CP", "İstanbul ǅ ß ĸ"]


def test_crf_features_made_in_python_are_underthesea_core_s():
    """segmenter.Features makes the segmentation CRF's features instead of underthesea_core's
    featuriser: the same strings in the same order for every line of real plans (so the tagger,
    underthesea_core's own, gives the same tags)."""
    import underthesea.pipeline.word_tokenize as wt
    from underthesea.pipeline.word_tokenize.regex_tokenize import tokenize

    model = segmenter.crf_model(Path(wt.__file__).parent / "models" / segmenter.CRF_MODEL)
    assert model is not None and model.features is not None
    made = 0
    for line in _lines() + _ODD_LINES:
        tokens = tokenize(line, use_token_normalize=False)
        ours = model.features(tokens)
        if ours is None:  # characters outside the ones made in Python: underthesea_core's are used
            assert segmenter._SAFE.search(" ".join(tokens)), line
            continue
        made += 1
        assert [list(row) for row in ours] == model.featurizer.process([[[t] for t in tokens]])[0], line
    assert made > 200


def _crf() -> segmenter.CrfModel:
    import underthesea.pipeline.word_tokenize as wt

    model = segmenter.crf_model(Path(wt.__file__).parent / "models" / segmenter.CRF_MODEL)
    assert model is not None and model.scorer is not None  # the Python tagger runs (else nothing is compared)
    return model


def test_crf_labels_scored_in_python_are_underthesea_core_s_tagger_s():
    """segmenter.Scorer tags the segmentation CRF in Python from the model file's weights: on every
    line of real plans and the odd lines, the labels are those of underthesea_core's tagger on the
    same features, and the best path's score is its score (so the weights are its weights); a
    line too close to call is left to the tagger, and CrfModel.tag gives the tagger's labels then."""
    model = _crf()
    scorer = model.scorer
    (t00, t01), (t10, t11) = scorer.trans
    trans = {(0, 0): t00, (0, 1): t01, (1, 0): t10, (1, 1): t11}
    tagged = left = 0
    for line in _lines() + _ODD_LINES:
        tokens = segmenter.sys.modules["underthesea.pipeline.word_tokenize.regex_tokenize"].tokenize(
            line, use_token_normalize=False)
        if not segmenter.Features.takes(tokens):
            continue
        theirs, their_score = model.estimator.tag_with_score(model.features(tokens))
        assert model.tag(tokens) == theirs, line
        ours = scorer.tag(tokens)
        if ours is None:
            left += 1
            continue
        assert ours == theirs, line
        ids = [scorer.labels.index(y) for y in ours]
        e = scorer.emissions(tokens)
        score = sum((x.real, x.imag)[k] for x, k in zip(e, ids, strict=True))
        score += sum(map(trans.get, zip(ids, ids[1:], strict=False)))
        assert abs(score - their_score) < 1e-9, line
        tagged += 1
    assert tagged > 200 and left < tagged / 100


def test_tokens_found_by_plain_runs_are_underthesea_s_tokenizer_s():
    """segmenter.token_matches finds the tokenizer's matches, taking runs of plain words without its
    regular expression: the same (start, end, text) on every line of real plans, the odd lines,
    lines made to hit its cases ("Th" + a space + "s" is one token, "ʺ" alone, "UBND." one token
    but "vụ," two) and 20,000 lines of random words and glue."""
    import random

    regex = segmenter.sys.modules["underthesea.pipeline.word_tokenize.regex_tokenize"]
    ours = segmenter.token_matches(regex.patterns)
    made = ["Th sơ", "Th Sở", "ThS. Nguyễn Văn A", "Thus Thisis", "ʺabc ʺ aʺb", "v.v... và v.v", "H'Mông N’Thôn",
            "email@x.com abc", "http://x.y/z a b", "Sở Nội vụ, Sở Tài chính; UBND. tỉnh: Gia Lai - Kon Tum – x",
            "Đạo diễn :Dương Tuấn Anh :D", "1.600m-2.000m word-hyphen -x x- a:) a:D", "Th\u00a0s", "Th", "T h s"]
    lines = _lines() + _ODD_LINES + made
    random.seed(15)
    pieces = [w for line in _lines()[:2000] for w in line.split()] + [
        "Th", "s", "S", "ʺ", "-", "–", ".", ",", ";", ":", ":)", "@", "'", "v.v", "x", "3x4", "UBND.", "D", "vụ,"]
    glue = [" ", "", "  ", "\u00a0", "-", ".", ",", ":", " - "]
    lines += ["".join(random.choice(pieces) + random.choice(glue) for _ in range(random.randint(1, 12)))
              for _ in range(20_000)]
    for line in lines:
        text = regex.normalize_characters_in_text(line)
        assert [(m.start(), m.end(), m.group()) for m in ours(text)] == [
            (m.start(), m.end(), m.group()) for m in regex.patterns.finditer(text)], line


def test_crf_lines_too_close_to_call_are_left_to_the_tagger():
    """With a margin wider than any score, the Python tagger calls nothing and CrfModel.tag falls
    back to underthesea_core's tagger, with the same words."""
    model = _crf()
    tokens = "Sở Giáo dục và Đào tạo tỉnh Gia Lai tổ chức Hội nghị".split()
    before = model.tag(tokens)
    assert before.count("I-W") >= 3
    model.scorer.EPS = 1e9
    assert model.scorer.tag(tokens) is None
    assert model.tag(tokens) == before == model.estimator.tag(model.features(tokens))


def test_crf_weights_are_read_once_and_stored(tmp_path, monkeypatch):
    """The weights are read from the model file once and stored in the cache folder: the stored copy
    loads to the same weights, a damaged one is read again and rewritten, and a stale copy of
    another version unused for two days is removed when a new one is written."""
    import os
    import time

    import underthesea.pipeline.word_tokenize as wt

    path = Path(wt.__file__).parent / "models" / segmenter.CRF_MODEL / "models.bin"
    monkeypatch.setenv("KEHOACH_CACHE_DIR", str(tmp_path))
    stale, fresh = tmp_path / "crf-weights-0000000000000000.marshal", tmp_path / "crf-weights-1111111111111111.marshal"
    for old in (stale, fresh):
        old.write_bytes(b"old")
    os.utime(stale, (time.time() - 3 * 24 * 3600,) * 2)
    read = segmenter._stored_weights(path)
    assert read is not None and read == segmenter._weights(path)
    stored = list(tmp_path.glob("crf-weights-*.marshal"))
    assert not stale.exists() and fresh.exists() and len(stored) == 2  # the stale one pruned, not the recent
    new = next(p for p in stored if p != fresh)
    assert segmenter._stored_weights(path) == read
    new.write_bytes(b"damaged")
    assert segmenter._stored_weights(path) == read
    assert new.read_bytes() != b"damaged"
    monkeypatch.setenv("KEHOACH_CACHE_DIR", "")
    assert segmenter._stored_weights(path) == read


def test_every_character_featurised_in_python_has_rust_s_lower_and_upper_case():
    """Features is used only on text of the characters below, whose lower case and title test must
    be underthesea_core's (Rust's): each is checked alone, after a capital and before a letter."""
    import underthesea.pipeline.word_tokenize as wt

    model = segmenter.crf_model(Path(wt.__file__).parent / "models" / segmenter.CRF_MODEL)
    chars = [chr(i) for i in range(0x2FFF) if chr(i) != " " and not segmenter._SAFE.match(chr(i))]
    assert len(chars) > 1000
    for i in range(0, len(chars), 200):
        tokens = [t for c in chars[i:i + 200] for t in (c, "A" + c, c + "b")]
        assert [list(r) for r in model.features(tokens)] == model.featurizer.process([[[t] for t in tokens]])[0]


def test_words_found_as_offsets_are_the_words_of_underthesea_s_word_tokenize():
    """Organisation lines are segmented by segmenter.word_spans (the tokenizer's matches, the
    Python features): the words, their offsets and the tokens built on them must be those of
    underthesea's word_tokenize located in the line syllable by syllable, as before."""
    from underthesea import word_tokenize

    spans = segmenter.word_spans()
    segment = segmenter.word_segmenter()
    for line in _lines() + _ODD_LINES:
        words = word_tokenize(line, use_token_normalize=False)
        assert segment(line) == words, line
        found = spans(line)
        if found is None:  # the normaliser changed the line: the words are located as before
            assert segmenter.sys.modules["underthesea.pipeline.word_tokenize.regex_tokenize"] \
                .normalize_characters_in_text(line) != line
            continue
        located, pos = [], 0
        for w in words:
            span = nlp._locate(line, w, pos, len(line))
            assert span is not None, line
            located.append(span)
            pos = span[1]
        assert found == located, line
    for text in _texts() + _ODD_LINES:
        toks, spaces = nlp._pieces(text)
        assert [(t.text, t.whitespace_) for t in nlp._tokens(text)] == [
            (t, " " if sp else "") for t, sp in zip(toks, spaces, strict=True)]


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


def test_a_process_builds_only_its_command_and_prints_what_the_whole_app_prints():
    """`kehoach CMD ...` builds only CMD's click command (start-up); its help and its errors must be
    those of the app with every command, and a line naming no command builds them all."""
    import subprocess
    import sys

    from pipeline.cli.main import app, commands_for

    every = list(app.registered_commands)
    assert [c.callback.__name__ for c in commands_for(["search", "dong nai"])] == ["search"]
    assert [c.callback.__name__ for c in commands_for(["searchable-pdf", "x.pdf"])] == ["searchable_pdf"]
    for args in ([], ["--help"], ["--version"], ["serch"]):
        assert commands_for(args) == every
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "HOME": str(Path.home()), "COLUMNS": "100"}
    whole_app = "import sys; from pipeline.cli.main import app; app(sys.argv[1:], prog_name='python -m pipeline')"
    for args in (["search", "--help"], ["events", "--kind", "x", "--db", "/nonexistent"], ["show"],
                 ["calendar", "--nope"], ["extract", "--help"]):
        one, whole = (subprocess.run([sys.executable, *how, *args], cwd=ROOT, capture_output=True, text=True, env=env)
                      for how in (["-m", "pipeline"], ["-c", whole_app]))
        assert (one.returncode, one.stdout, one.stderr) == (whole.returncode, whole.stdout, whole.stderr), args
        assert one.stdout or one.stderr


# --------------------------------------------------------------------------------------------
# query paths chosen by size give the rows of the ways they replaced, on a grown catalog


@pytest.fixture(scope="module")
def grown_db(corpus_db, tmp_path_factory):
    """The corpus catalog grown to 400 documents by the benchmark's SQL copies (dates moved by
    years, new numbers; copies with the same number, issuer and year become twins)."""
    import shutil
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from query_bench import grow_sql

    db = tmp_path_factory.mktemp("grown") / "g.db"
    shutil.copy(corpus_db, db)
    grow_sql(db, 400, db.parent / "links", batch=100)
    return db


def _cases(db):
    from pipeline.use.query import parse_partial_date as day

    # numbers two or three documents share: a filtered word search down to a handful of documents
    shared = [n for (n,) in db.execute("select cast(number as integer) n from documents group by n "
                                       "having count(*) between 2 and 3 order by n limit 6")]
    out = [Filters(text=w, number=str(n)) for n in shared for w in ("thanh niên", "kế hoạch", "quan 11")]
    for words in ("thanh niên", "bi thu chi doan", "hoc tap kinh nghiem"):
        for venue in (None, "Quận 11", "Nhà văn hóa"):
            for a, b in ((None, None), ("2019", "2024")):
                out.append(Filters(text=words, venue=venue, date_from=day(a) if a else None,
                                   date_to=day(b, end=True) if b else None))
    for venue in ("Quận 11", "Gia Lai", "Nhà văn hóa"):
        for kind in (None, "event", "deadline"):
            out.append(Filters(venue=venue, kind=kind))
            out.append(Filters(venue=venue, kind=kind, date_from=day("2020"), date_to=day("2025", end=True)))
    out += [Filters(kind="deadline"), Filters(date_from=day("2018"), date_to=day("2023", end=True)),
            Filters(doc_type="KH", venue="Quận 11"), Filters(issuer="Đoàn", text="thanh niên")]
    return out


def _answers(db, cases) -> list[str]:
    """What search and events answer for each case, as JSON (key order counts: it is the output)."""
    from pipeline.use.query import iter_events

    out = []
    for f in cases:
        for answer in (search_documents(db, f, limit=50), search_documents(db, f, limit=5),
                       list(iter_events(db, f)), list(iter_events(db, f, limit=7))):
            out.append(json.dumps(answer, ensure_ascii=False))
    return out


def test_query_paths_by_size_give_the_rows_of_the_old_ways(grown_db, monkeypatch):
    """Word searches with filters look the filtered documents up one by one in the full-text index
    when they are few; a venue in many plans is checked per document instead of listed; a rare
    kind of event is read from its index; twins are found per chunk of rows; the shown rows' details
    come in one query each per page. Each choice, forced either way, and the old word search and
    details give the same rows (JSON, key order included), on a catalog with twins."""
    db = catalog.connect_read(grown_db)
    assert db.execute("select count(*) from documents where twin_of is not null").fetchone()[0] >= 3
    monkeypatch.setattr(query, "RANK_MAX", 30)  # both orders of a tier: by rank, and titles then newest
    cases = _cases(db)
    want = _answers(db, cases)
    assert sum(a != "[]" for a in want) > len(want) // 2
    for few, share in ((0, 10 ** 9), (10 ** 9, 1)):  # never / always look documents up one by one
        monkeypatch.setattr(query, "LOOKUP_FEW", few)
        monkeypatch.setattr(query, "LOOKUP_SHARE", share)
        assert _answers(db, cases) == want
    monkeypatch.undo()
    monkeypatch.setattr(query, "RANK_MAX", 30)
    for forced in (True, False):  # venue lists and the kind index always / never
        monkeypatch.setattr(query, "_few", lambda *a, forced=forced: forced)
        monkeypatch.setattr(query, "_ids_or_scan", lambda d, sql, p, scan, count=None, forced=forced:
                            f"d.id in ({sql})" if forced else scan)
        assert _answers(db, cases) == want
    monkeypatch.undo()
    monkeypatch.setattr(query, "RANK_MAX", 30)
    monkeypatch.setattr(query, "_fts_ids", _fts_ids_before)
    monkeypatch.setattr(query, "_shown", _shown_before)
    assert _answers(db, cases) == want


def _shown_before(db, rows, twins, names) -> None:
    """``query._shown`` as it was: three or four queries per shown row."""
    for r in rows:
        first, last = db.execute(
            "select min(substr(e.start, 1, 10)), max(substr(coalesce(e.end, e.start), 1, 10)) from events e "
            "where e.document_id = ?", [r["id"]]).fetchone()
        r["first_event"], r["last_event"] = first, last
        files = query.plan_files(db, r.pop("plan")) if twins else []
        own = next((p for p, _, doc in files if doc == r["id"]), None)
        r["path"] = own or query._source_path(db, r["sha256"], r.pop("stored_path"))
        r.pop("stored_path", None)
        r["files"] = [p for p, _, _ in files] if len(files) > 1 else None
        r["formats"] = sorted({fmt for _, fmt, _ in files if fmt}) if twins else None
        if names is not None:
            r["venues"] = [names[n][0] for (n,) in db.execute(
                f"select distinct name_id from venues where document_id = ? and name_id in ({query._ids(names)}) "
                "order by id", [r["id"]])]
        else:
            r["venues"] = query._venues_of(db, r["id"])


def test_word_search_tiers_of_none_or_one_new_document_unranked_give_the_same_ids(grown_db, monkeypatch):
    """A tier matching no document, or only one not listed by a tier before, is not ranked (a phrase of
    two common words that never meet costs as much to rank as to find): the same ids in the same
    order as ranking every tier, for phrases that match nothing, one plan, or many."""
    db = catalog.connect_read(grown_db)
    words = ("thanh niên", "quan 11", "dong nai", "văn nghệ", "kế hoạch", "xyz không có", "hội trại", "chi đoàn",
             "Đồng Nai Bình Phước", "bi thu chi doan", "nghệ văn", "Bản lưu số 17", "lưu số 399")
    counts = {len(query._fts_ids(db, w)) for w in words}
    assert 0 in counts and 1 in counts and max(counts) > 30
    for rank_max in (query.RANK_MAX, 30):
        monkeypatch.setattr(query, "RANK_MAX", rank_max)
        for w in words:
            for limit in (None, 1, 5, 50):
                assert query._fts_ids(db, w, limit) == _fts_ids_before(db, w, limit), (w, limit)


def test_filtered_ids_without_the_documents_rows_are_those_of_the_documents_table(grown_db, monkeypatch):
    """A filtered word search reads the other filters' ids from their own indexes (events, venues)
    when every condition is on the document id, instead of through the documents' rows: the same
    set, with each condition forced into its id-list form and into its per-document form."""
    from pipeline.use.query import parse_partial_date as day

    db = catalog.connect_read(grown_db)
    query.register_functions(db.conn)
    filters = [Filters(venue=v, date_from=day(a), date_to=day(b, end=True))
               for v in ("Quận 11", "Nhà văn hóa", "Gia Lai")
               for a, b in (("2019", "2024"), ("2021-03", "2021-05"), ("2030", "2031"))]
    filters += [Filters(venue="Quận 11"), Filters(date_from=day("2020"), date_to=day("2022", end=True)),
                Filters(doc_type="KH", venue="Quận 11"), Filters(issuer="Đoàn", date_from=day("2020"))]
    seen_fast = 0
    for forced in (True, False, None):
        if forced is not None:
            monkeypatch.setattr(query, "_ids_or_scan", lambda d, sql, p, scan, count=None, forced=forced:
                                f"d.id in ({sql})" if forced else scan)
        for f in filters:
            where, params = query._doc_where(f)
            query._narrow(db, f, where)
            if query._has_period(f) and not f.issued:
                where.append(query._ids_or_scan(db, query.EVENT_DOCUMENTS_SQL, query._period(f),
                                                f"+d.id in ({query.EVENT_DOCUMENTS_SQL})"))
                params.update(query._period(f))
            if f.venue:
                names = query.match_venue_names(db, f.venue)
                sql = f"select v.document_id from venues v where v.name_id in ({query._ids(names)})"
                per_doc = ("exists (select 1 from venues v where v.document_id = d.id "
                           f"and v.name_id in ({query._ids(names)}))")
                where.append(query._ids_or_scan(db, sql, {}, per_doc))
            where.append("d.id not in (3, 5)")
            want = {i for (i,) in db.execute("select d.id from documents d where "
                                             + " and ".join(where).replace("+d.", "d."), params)}
            assert query._filtered_ids(db, where, params) == want, (f, forced)
            assert query._filtered_ids(db, " and ".join(where), params) == want
            seen_fast += all(set(query._D_COLUMN.findall(c)) <= {"id"} for c in where)
    assert seen_fast >= 20


def test_events_fold_twins_as_the_whole_catalog_rule_does(grown_db):
    """iter_events finds which plans have twins per chunk of rows: the rows must be those of the
    rule over the whole catalog (every overlapping event in date order, a plan's files giving each
    of its events once), for periods, kinds and limits."""
    from pipeline.use.query import iter_events, parse_partial_date

    db = catalog.connect_read(grown_db)
    every = sorted(db.execute(
        "select e.start, e.document_id, e.position, e.end, e.kind, e.what, coalesce(d.twin_of, d.id), "
        "d.twin_of is not null from events e join documents d on d.id = e.document_id where e.start is not null"
    ).fetchall(), key=lambda e: (e[0][:10], e[0], e[1], e[2]))
    twinned = {i for (i,) in db.execute("select twin_of from documents where twin_of is not null")}
    assert twinned
    for a, b, kind in [("2015", "2030", None), ("2023-03", "2023-06", None), ("2019", "2024", "event"),
                       ("2010", "2030", "deadline")]:
        lo, hi = parse_partial_date(a).isoformat(), parse_partial_date(b, end=True).isoformat()
        want, seen = [], set()
        for start, doc, pos, end, k, what, plan, is_twin in every:
            last = end or start
            key = (plan, k, start, end, what) if is_twin or doc in twinned else (doc, pos)
            if start[:10] <= hi and last >= lo[:len(last)] and kind in (None, k) and key not in seen:
                seen.add(key)
                want.append((start, doc, pos))
        f = Filters(date_from=parse_partial_date(a), date_to=parse_partial_date(b, end=True), kind=kind)
        for limit in (None, 3, 300):
            got = [(r["start"], r["document_id"], r["position"]) for r in iter_events(db, f, limit)]
            assert got == want[:limit], (a, b, kind, limit)
        assert want or kind == "deadline"


def _fts_ids_before(db, words: str, limit: int | None = None, where: str = "", params=None,
                    exclude=frozenset()) -> list[int]:
    """``query._fts_ids`` as it was before the filtered documents were looked up one by one in the
    full-text index (every expression's list read and checked against the filtered set)."""
    keep: set[int] | None = None
    where = where if isinstance(where, str) else " and ".join(where)  # (now given as a list)
    if where:  # the other filters first: one query, then the full-text ids are checked against it
        # as sets (no "+": here the filters drive the query, there is no page order to walk)
        keep = {i for (i,) in db.execute(f"select d.id from documents d where {where.replace('+d.', 'd.')}",
                                         params or {})}
        if not keep:
            return []
    ids: dict[int, None] = {}
    base = "select rowid from documents_fts where documents_fts match :expr"
    exprs = query.fts_expressions(words)
    # the other filters' ids are checked by SQLite as the index is read (an ephemeral index made from
    # the JSON list), not row by row in Python: a common word matches most of the catalog
    kept = " and +rowid in (select value from json_each(:keep))"
    if keep is not None:
        # Every expression's matches are among those of the loosest two (the words anywhere, as
        # written and folded; a phrase's words are words), so the filtered documents matching neither
        # are dropped first: two reads of the index instead of up to eight when nothing matches.
        args = {"keep": json.dumps(sorted(keep))}
        keep = {i for expr in exprs[-2:] for (i,) in db.execute(base + kept, {"expr": expr, **args})}
        if not keep:
            return []
    args = {} if keep is None else {"keep": json.dumps(sorted(keep))}
    kept = "" if keep is None else kept

    def take(sql: str, expr: str) -> bool:
        """Add the ids of one query; True once the list is full."""
        for (rowid,) in db.execute(sql.replace(" match :expr", " match :expr" + kept), {"expr": expr, **args}):
            if rowid not in exclude:
                ids.setdefault(rowid, None)
                if limit is not None and len(ids) >= limit:
                    return True
        return False

    for expr in exprs:
        if limit is not None and len(ids) >= limit:
            break
        if len(db.execute(base + f" limit {query.RANK_MAX + 1}", {"expr": expr}).fetchall()) <= query.RANK_MAX:
            if take(base + " order by rank", expr):
                break
            continue
        title = expr.replace("{title_norm text_norm}", "{title_norm}").replace(
            "{title_folded text_folded}", "{title_folded}")
        if take(base + " order by rowid desc", title) or take(base + " order by rowid desc", expr):
            break
    return list(ids)


def test_table_cells_are_drawn_as_written():
    """Table cells are given to rich as Text (not parsed for markup: half the drawing time), so a
    value holding brackets shows them all."""
    import io

    from pipeline.cli.main import _table

    buf = io.StringIO()
    assert _table([{"title": "[bold]Kế hoạch[/bold] [Thanh niên]", "n": 1}], None, "plans", buf) == 1
    assert "[bold]Kế hoạch[/bold] [Thanh niên]" in buf.getvalue()
