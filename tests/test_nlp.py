"""The underthesea + spaCy layer (real models)."""


from extractors.nlp import org_spans, spacy_doc, words

PLAN = (
    "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "TỈNH GIA LAI\tĐộc lập - Tự do - Hạnh phúc\n"
    "Gia Lai, ngày 12 tháng 4 năm 2025\n"
    "Căn cứ Công văn của Sở Văn hóa, Thể thao và Du lịch tỉnh Gia Lai về việc tổ chức hội thi;\n"
    "Trung tâm Hoạt động thanh thiếu nhi tỉnh Gia Lai phối hợp với Cung thiếu nhi tỉnh Khánh Hoà "
    "tổ chức giao lưu tại Nhà văn hóa thanh thiếu nhi tỉnh Đồng Nai.\n"
    "Giao Phòng Giáo dục và Đào tạo huyện Chư Sê chủ trì, Tỉnh Đoàn theo dõi.\n"
)


def labelled(text, **kw):
    return [(t, label) for _, _, t, label in org_spans(text, **kw)]


def test_words_have_offsets_and_keep_spelling():
    text = "Cung thiếu nhi tỉnh Khánh Hoà\ntổ chức  hội trại, ngày 30/3/2026"
    ws = words(text)
    assert all(text[s:e] == w for s, e, w in ws)
    assert "Khánh Hoà" in [w for *_, w in ws]  # not rewritten to "Hòa"
    assert "30/3/2026" in [w for *_, w in ws]
    # every non-space character is inside some word
    covered = {i for s, e, _ in ws for i in range(s, e)}
    assert all(i in covered for i, c in enumerate(text) if not c.isspace())


def test_words_do_not_cross_line_breaks():
    text = "THÀNH ĐOÀN TP. HỒ CHÍ MINH\nBCH ĐOÀN QUẬN 11"
    assert all("\n" not in w for *_, w in words(text))
    assert not any(w.endswith("BCH") and " " in w for *_, w in words(text))


def test_spacy_doc_reproduces_text_and_offsets():
    doc = spacy_doc(PLAN)
    assert doc.text == PLAN
    for tok in doc:
        assert PLAN[tok.idx:tok.idx + len(tok.text)] == tok.text
    assert any(t.text == "Gia Lai" for t in doc)  # a multi-syllable word is one token
    assert next(t for t in doc if t.text.endswith("Hoà")).norm_.endswith("hòa")


def test_org_spans_organisations_and_places():
    got = labelled(PLAN)
    orgs = [t for t, lab in got if lab == "ORG"]
    assert "ỦY BAN NHÂN DÂN" in orgs
    assert "Sở Văn hóa, Thể thao và Du lịch tỉnh Gia Lai" in orgs
    assert "Trung tâm Hoạt động thanh thiếu nhi tỉnh Gia Lai" in orgs
    assert "Cung thiếu nhi tỉnh Khánh Hoà" in orgs
    assert "Nhà văn hóa thanh thiếu nhi tỉnh Đồng Nai" in orgs
    assert "Phòng Giáo dục và Đào tạo huyện Chư Sê" in orgs
    assert "Tỉnh Đoàn" in orgs
    locs = [t for t, lab in got if lab == "LOC"]
    assert "TỈNH GIA LAI" in locs and "Gia Lai" in locs  # the header line and the place of issue
    # offsets point at the text
    for s, e, t, _ in org_spans(PLAN):
        assert PLAN[s:e] == t


def test_places_inside_organisation_names_only_when_nested():
    text = "Ủy ban nhân dân tỉnh Gia Lai ban hành kế hoạch."
    assert labelled(text) == [("Ủy ban nhân dân tỉnh Gia Lai", "ORG")]
    assert ("tỉnh Gia Lai", "LOC") in labelled(text, nested=True)


def test_names_stop_at_verbs_and_lower_case_words():
    got = labelled("Ban Thường vụ Quận Đoàn phân công đồng chí Phó Bí thư theo dõi.")
    assert got[0] == ("Ban Thường vụ Quận Đoàn", "ORG")
    assert labelled("ban hành kế hoạch và phòng chống dịch") == []  # lower-case heads are words
    assert labelled("Trường hợp cần thiết, Sở sẽ thông báo sau.") == []

def test_ner_is_only_an_extra_signal():
    text = "Đại diện Hội Liên hiệp Phụ nữ Việt Nam và Viettel dự lễ.\n"
    base = org_spans(text)
    extra = org_spans(text, ner_budget=500)
    assert set(base) <= set(extra)  # NER adds, never removes or overrides the rules
    for s, e, t, label in extra:
        assert text[s:e] == t and label in ("ORG", "LOC")
