"""Finding plans: words, venue, period, issuer, type, number, and the events list.

The catalog is built by the real pipeline (pipeline.catalog.ingest) from plans written here: one in
Quận 11 (TP. HCM), one in Bình Phước (merged into Đồng Nai in 2025), one notice in Đồng Nai, one
in Thanh Hóa and one in Khánh Hòa written with old-style tone marks ("Khánh Hoà", "văn hoá").
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from pipeline.catalog import db as catalog
from pipeline.catalog.ingest import ingest
from pipeline.cli.main import app
from pipeline.use.query import (
    Filters,
    doc_type_name,
    number_matches,
    parse_partial_date,
    search_documents,
    search_events,
)

PLANS = {
    "quan11.txt": """THÀNH ĐOÀN TP. HỒ CHÍ MINH\tĐOÀN TNCS HỒ CHÍ MINH
BCH ĐOÀN QUẬN 11
Số: 12-KH/ĐTN\tQuận 11, ngày 10 tháng 02 năm 2023

KẾ HOẠCH
Tổ chức Hội thi "Thủ lĩnh chi đội giỏi" năm 2023

I. MỤC ĐÍCH, YÊU CẦU
- Bồi dưỡng kỹ năng cho đội viên, thiếu nhi trên địa bàn quận.

II. NỘI DUNG
1. Vòng sơ khảo
- Thời gian: ngày 15/3/2023 (Thứ Tư).
- Địa điểm: Nhà văn hóa Thanh niên Quận 11.
2. Lễ tổng kết và trao giải
- Thời gian: 7 giờ 30 phút, ngày 26/3/2023.
- Địa điểm: Hội trường Ủy ban nhân dân Quận 11.
3. Giao lưu các chi đội
- Thời gian: Dự kiến tháng 7/2023.
- Địa điểm: Công viên Văn hóa Đầm Sen.

III. TỔ CHỨC THỰC HIỆN
- Các cơ sở Đoàn gửi danh sách thí sinh về Quận Đoàn trước ngày 05/3/2023.

Nơi nhận:\tTM. BAN THƯỜNG VỤ QUẬN ĐOÀN
- Thành Đoàn;\tBÍ THƯ
- Lưu VP.
\tNguyễn Văn An
""",
    "binhphuoc.txt": """ỦY BAN NHÂN DÂN
TỈNH BÌNH PHƯỚC
Số: 45/KH-UBND

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Bình Phước, ngày 02 tháng 5 năm 2024

KẾ HOẠCH
Tổ chức Ngày hội văn hóa các dân tộc năm 2024

I. MỤC ĐÍCH, YÊU CẦU
- Giữ gìn bản sắc văn hóa dân tộc.

II. THỜI GIAN, ĐỊA ĐIỂM
1. Thời gian: từ ngày 10/6 đến ngày 12/6/2024.
2. Địa điểm: Nhà văn hóa thanh thiếu nhi tỉnh Bình Phước.

III. TỔ CHỨC THỰC HIỆN
1. Sở Văn hóa, Thể thao và Du lịch
- Xây dựng chương trình chi tiết, hoàn thành trước ngày 31/5/2024.

Nơi nhận:\tTM. ỦY BAN NHÂN DÂN
- Bộ VHTTDL;\tKT. CHỦ TỊCH
- Lưu: VT.\tPHÓ CHỦ TỊCH
\tTrần Thị Bình
""",
    "dongnai.txt": """UBND TỈNH ĐỒNG NAI\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH\tĐộc lập - Tự do - Hạnh phúc
Số: 07/TB-SVHTTDL\tĐồng Nai, ngày 20 tháng 8 năm 2025

THÔNG BÁO
Về việc tổ chức Liên hoan đờn ca tài tử tỉnh Đồng Nai

Sở Văn hóa, Thể thao và Du lịch thông báo tổ chức Liên hoan đờn ca tài tử như sau:
1. Thời gian: 8 giờ 00, ngày 05/9/2025.
2. Địa điểm: Trung tâm Văn hóa - Điện ảnh tỉnh Đồng Nai.

Nơi nhận:\tKT. GIÁM ĐỐC
- Như trên;\tPHÓ GIÁM ĐỐC
- Lưu: VT.
\tLê Văn Cường
""",
    "thanhhoa.txt": """TỈNH ĐOÀN THANH HÓA\tĐOÀN TNCS HỒ CHÍ MINH
Số: 88-KH/TĐTN-TTN\tThanh Hóa, ngày 03 tháng 6 năm 2023

KẾ HOẠCH
Tổ chức Trại hè thiếu nhi năm 2023

I. THỜI GIAN, ĐỊA ĐIỂM
1. Thời gian: ngày 20/7/2023.
2. Địa điểm: Cung thiếu nhi tỉnh Thanh Hóa.

Nơi nhận:\tTM. BAN THƯỜNG VỤ TỈNH ĐOÀN
- Trung ương Đoàn;\tBÍ THƯ
- Lưu VP.
\tPhạm Minh Dũng
""",
    "khanhhoa.txt": """TỈNH ĐOÀN KHÁNH HOÀ\tĐOÀN TNCS HỒ CHÍ MINH
Số: 31-KH/TĐTN\tKhánh Hoà, ngày 12 tháng 3 năm 2024

KẾ HOẠCH
Hội diễn văn nghệ thanh niên tỉnh Khánh Hoà năm 2024

I. THỜI GIAN, ĐỊA ĐIỂM
1. Thời gian: ngày 15/8/2024.
2. Địa điểm: Nhà văn hoá thanh niên tỉnh Khánh Hoà.

Nơi nhận:\tTM. BAN THƯỜNG VỤ TỈNH ĐOÀN
- Trung ương Đoàn;\tBÍ THƯ
- Lưu VP.
\tVõ Thị Hạnh
""",
}


@pytest.fixture(scope="module")
def cat(tmp_path_factory):
    """(db path, {file stem: document id}) of a catalog made by the real ingest."""
    root = tmp_path_factory.mktemp("plans")
    for name, text in PLANS.items():
        (root / name).write_text(text, encoding="utf-8")
    db_path = tmp_path_factory.mktemp("db") / "catalog.db"
    summary = ingest([root], db_path)
    assert summary.counts["ingested"] == len(PLANS), summary.as_dict()
    ids = {Path(o.path).stem: o.document_id for o in summary.outcomes}
    return db_path, ids


def found(cat, **filters) -> set[str]:
    db_path, ids = cat
    by_id = {v: k for k, v in ids.items()}
    return {by_id[r["id"]] for r in search_documents(catalog.connect(db_path), Filters(**filters), limit=None)}


def period(start: str | None = None, end: str | None = None) -> dict:
    return {"date_from": parse_partial_date(start) if start else None,
            "date_to": parse_partial_date(end, end=True) if end else None}


# --------------------------------------------------------------------------------------------
# words


def test_words_without_diacritics_find_d_with_stroke(cat):
    assert found(cat, text="dong nai") == {"dongnai"}
    assert found(cat, text="Đồng Nai") == {"dongnai"}
    assert found(cat, text="don ca tai tu") == {"dongnai"}


def ranked(cat, words: str) -> list[str]:
    db_path, ids = cat
    by_id = {v: k for k, v in ids.items()}
    return [by_id[r["id"]] for r in search_documents(catalog.connect(db_path), Filters(text=words))]


def test_words_in_either_tone_placement_and_not_the_lookalike_province(cat):
    # written "Khánh Hoà" (old placement), typed the new way; "Thanh Hóa" is another province.
    # The phrase ranks first; plans holding the syllables apart ("thanh niên ... văn hóa") follow.
    assert ranked(cat, "Khánh Hòa")[0] == "khanhhoa"
    assert ranked(cat, "khanh hoa")[0] == "khanhhoa"
    assert ranked(cat, "Thanh Hóa")[0] == "thanhhoa"
    assert "thanhhoa" not in ranked(cat, "khanh hoa")
    assert ranked(cat, "thanh hoa")[0] == "thanhhoa"


def test_word_results_carry_id_path_and_snippet_of_the_written_text(cat):
    db_path, ids = cat
    (row,) = search_documents(catalog.connect(db_path), Filters(text="dong nai"))
    assert row["id"] == ids["dongnai"]
    assert Path(row["path"]).name == "dongnai.txt" and os.path.isabs(row["path"])
    assert "[đồng nai]" in row["snippet"].lower()  # cut from the text as written, not the folded copy


def test_exact_spelling_ranks_first(cat):
    # "thiếu nhi" and "thanh" are in three plans; the phrase in one
    assert ranked(cat, "thanh thiếu nhi")[0] == "binhphuoc"
    assert ranked(cat, "thanh thieu nhi")[0] == "binhphuoc"


# --------------------------------------------------------------------------------------------
# venue


def test_venue_abbreviations(cat):
    assert found(cat, venue="NVH TTN") == {"binhphuoc"}
    assert found(cat, venue="Q.11") == {"quan11"}
    assert found(cat, venue="TP. HCM") == {"quan11"}
    assert found(cat, venue="NVH Thanh niên Q11") == {"quan11"}


def test_venue_old_and_new_province_names_find_each_other(cat):
    # Bình Phước merged into Đồng Nai on 1/7/2025
    assert found(cat, venue="Bình Phước") == {"binhphuoc", "dongnai"}
    assert found(cat, venue="tỉnh Đồng Nai") == {"binhphuoc", "dongnai"}
    assert found(cat, venue="NVH TTN tỉnh Đồng Nai") == {"binhphuoc"}


def test_venue_does_not_confuse_lookalike_provinces(cat):
    assert found(cat, venue="Thanh Hóa") == {"thanhhoa"}
    assert found(cat, venue="Khánh Hòa") == {"khanhhoa"}
    assert found(cat, venue="Nhà văn hóa thanh niên tỉnh Khánh Hòa") == {"khanhhoa"}


def test_venue_tolerates_a_typo_but_not_another_place(cat):
    assert found(cat, venue="Cung thieu nhi Thanh Hoa") == {"thanhhoa"}
    assert found(cat, venue="Nhà văn hóa Thanh niên Quận 12") == set()
    assert found(cat, venue="Sân vận động Thống Nhất") == set()


# --------------------------------------------------------------------------------------------
# period


def test_period_finds_plans_whose_events_overlap_it(cat):
    # a month-precision item ("Dự kiến tháng 7/2023") and a day inside July
    assert found(cat, **period("2023-07", "2023-07")) == {"quan11", "thanhhoa"}
    # a day inside a range 10-12/6/2024
    assert found(cat, **period("2024-06-11", "2024-06-11")) == {"binhphuoc"}
    # a timed event on the last day of the period counts
    assert found(cat, **period("2023-03-20", "2023-03-26")) == {"quan11"}
    assert found(cat, **period("2023-03-27", "2023-06-30")) == set()


def test_open_ended_and_partial_periods(cat):
    assert found(cat, **period("2025")) == {"dongnai"}
    assert found(cat, **period(None, "2023")) == {"quan11", "thanhhoa"}
    assert found(cat, **period("2024", "2024")) == {"binhphuoc", "khanhhoa"}


def test_issued_period_uses_the_issue_date(cat):
    assert found(cat, **period("2023", "2023"), issued=True) == {"quan11", "thanhhoa"}
    assert found(cat, **period("2023-02", "2023-02"), issued=True) == {"quan11"}
    # events in August 2025, issued in August 2025: only the notice
    assert found(cat, **period("2025-08", "2025-08"), issued=True) == {"dongnai"}
    assert found(cat, **period("2025-08", "2025-08")) == set()


@pytest.mark.parametrize(("value", "first", "last"), [
    ("2023", dt.date(2023, 1, 1), dt.date(2023, 12, 31)),
    ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
    ("2023-07-15", dt.date(2023, 7, 15), dt.date(2023, 7, 15)),
    ("15/7/2023", dt.date(2023, 7, 15), dt.date(2023, 7, 15)),
    ("7/2023", dt.date(2023, 7, 1), dt.date(2023, 7, 31)),
])
def test_partial_dates(value, first, last):
    assert parse_partial_date(value) == first
    assert parse_partial_date(value, end=True) == last


@pytest.mark.parametrize("bad", ["2023-13", "31/2/2023", "tháng 7", ""])
def test_bad_dates_are_refused(bad):
    with pytest.raises(ValueError):
        parse_partial_date(bad)


# --------------------------------------------------------------------------------------------
# issuer, type, number


def test_issuer(cat):
    assert found(cat, issuer="Đoàn Quận 11") == {"quan11"}
    assert found(cat, issuer="Đoàn Quận 12") == set()
    assert found(cat, issuer="tinh doan thanh hoa") == {"thanhhoa"}
    assert found(cat, issuer="UBND tỉnh Đồng Nai") == {"dongnai"}


def test_type_by_abbreviation_or_name(cat):
    assert found(cat, doc_type="TB") == {"dongnai"}
    assert found(cat, doc_type="thong bao") == {"dongnai"}
    assert found(cat, doc_type="KH") == {"quan11", "binhphuoc", "thanhhoa", "khanhhoa"}
    assert found(cat, doc_type="KẾ HOẠCH") == found(cat, doc_type="kh")
    assert doc_type_name("HD") != doc_type_name("HĐ")  # hướng dẫn vs hợp đồng


def test_number(cat):
    assert found(cat, number="45") == {"binhphuoc"}
    assert found(cat, number="12-KH/ĐTN") == {"quan11"}
    assert found(cat, number="KH-UBND") == {"binhphuoc"}
    assert found(cat, number="07/TB-SVHTTDL") == {"dongnai"}
    assert number_matches("05", "5/KH-UBND") and not number_matches("5", "15/KH-UBND")
    assert not number_matches("KH", "12/KHCN-UBND")


def test_filters_combine(cat):
    assert found(cat, venue="Đồng Nai", doc_type="KH") == {"binhphuoc"}
    assert found(cat, text="thiếu nhi", **period("2023", "2023")) == {"quan11", "thanhhoa"}
    assert found(cat, text="thiếu nhi", venue="Thanh Hóa", number="88") == {"thanhhoa"}
    assert found(cat, text="thiếu nhi", venue="Thanh Hóa", number="89") == set()


# --------------------------------------------------------------------------------------------
# events


def test_events_sorted_by_date_with_their_document(cat):
    db_path, ids = cat
    rows = search_events(catalog.connect(db_path), Filters())
    starts = [r["start"][:10] for r in rows]
    assert starts == sorted(starts)
    assert {r["document_id"] for r in rows} == set(ids.values())
    assert all(r["path"] and r["number"] for r in rows)


def test_events_kind_period_and_venue(cat):
    db_path, ids = cat
    db = catalog.connect(db_path)
    deadlines = search_events(db, Filters(kind="deadline"))
    assert [(r["start"], r["document_id"]) for r in deadlines] == [
        ("2023-03-05", ids["quan11"]), ("2024-05-31", ids["binhphuoc"])]
    in_march = search_events(db, Filters(**period("2023-03-10", "2023-03-31")))
    assert [r["start"] for r in in_march] == ["2023-03-15", "2023-03-26T07:30"]
    at_q11 = search_events(db, Filters(venue="Q.11"))
    # only the two events held in Quận 11, not the one at Đầm Sen nor the deadline
    assert [r["venues"] for r in at_q11] == [["Nhà văn hóa Thanh niên Quận 11"],
                                             ["Hội trường Ủy ban nhân dân Quận 11"]]


# --------------------------------------------------------------------------------------------
# the command line


def kehoach(*args: str, check: bool = True) -> Result:
    """The command line in-process (typer's runner: the same parsing and output as the script)."""
    result = CliRunner().invoke(app, list(args))
    if check:
        assert result.exit_code == 0, (result.output, result.exception)
    return result


def test_cli_search_formats(cat):
    db_path, ids = cat
    db = ["--db", str(db_path)]
    rows = json.loads(kehoach("search", "--venue", "NVH TTN", *db, "--format", "json").stdout)
    assert [r["id"] for r in rows] == [ids["binhphuoc"]]
    assert rows[0]["path"].endswith("binhphuoc.txt")
    lines = kehoach("search", "--from", "2023-07", "--to", "2023-07", *db, "--format", "jsonl").stdout.splitlines()
    assert {json.loads(x)["id"] for x in lines} == {ids["quan11"], ids["thanhhoa"]}
    table = kehoach("search", "dong nai", *db).stdout
    assert "THÔNG BÁO" in table and "KẾ HOẠCH" not in table
    got = list(csv.DictReader(io.StringIO(kehoach("search", "--type", "TB", *db, "--format", "csv").stdout)))
    assert [(r["id"], r["number"]) for r in got] == [(str(ids["dongnai"]), "07/TB-SVHTTDL")]


def test_cli_events_and_bad_date(cat):
    db_path, ids = cat
    db = ["--db", str(db_path)]
    rows = json.loads(kehoach("events", "--kind", "deadline", *db, "--format", "json").stdout)
    assert [r["start"] for r in rows] == ["2023-03-05", "2024-05-31"]
    assert rows[0]["document_id"] == ids["quan11"] and rows[0]["path"].endswith("quan11.txt")
    bad = kehoach("search", "--from", "2023-13", *db, check=False)
    assert bad.exit_code == 2 and "not a date" in bad.stderr
