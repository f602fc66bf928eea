"""Vietnamese temporal expressions: one test per grammar case, on sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from extractors.dates import TimeExpr, find_time_expressions, iso, iso_month, parse_issue_date

REF = date(2024, 3, 1)  # the plan's own date in most tests


def exprs(text: str, ref: date | None = REF) -> list[TimeExpr]:
    found = find_time_expressions(text, ref_date=ref)
    for e in found:  # offsets always point at the text they report
        assert text[e.start:e.end] == e.text
    return found


def one(text: str, ref: date | None = REF) -> TimeExpr:
    found = exprs(text, ref)
    assert len(found) == 1, found
    return found[0]


def values(e: TimeExpr) -> tuple[str | None, str | None]:
    return e.start_value, e.end_value


# ------------------------------------------------------------------------------------- single days

@pytest.mark.parametrize(("text", "expected", "matched"), [
    ("Hội nghị sơ kết được tổ chức vào ngày 06 tháng 3 năm 2026 tại hội trường.", "2026-03-06",
     "ngày 06 tháng 3 năm 2026"),
    ("Lễ kết nạp đoàn viên ngày 6/3/2026 tại trường.", "2026-03-06", "ngày 6/3/2026"),
    ("Nộp hồ sơ: 06/3/2026.", "2026-03-06", "06/3/2026"),
    ("Khai mạc 06-3-2026 tại sân vận động.", "2026-03-06", "06-3-2026"),
    ("Khai mạc 06.3.2026 tại sân vận động.", "2026-03-06", "06.3.2026"),
    ("Đại hội chi đoàn ngày 5 tháng 9 năm 2025.", "2025-09-05", "ngày 5 tháng 9 năm 2025"),
])
def test_full_dates_in_every_written_form(text: str, expected: str, matched: str) -> None:
    e = one(text)
    assert (e.kind, e.start_value, e.end_value, e.precision) == ("point", expected, None, "day")
    assert e.text.endswith(matched) and matched in e.text


@pytest.mark.parametrize("text", ["Mít tinh kỷ niệm vào ngày 20/11.", "Mít tinh kỷ niệm vào ngày 20 tháng 11."])
def test_year_less_date_takes_the_plans_year(text: str) -> None:
    assert one(text, ref=date(2023, 10, 2)).start_value == "2023-11-20"


def test_year_less_date_long_before_the_plan_keeps_the_plans_year() -> None:
    # a plan dated in December that mentions early January: still the plan's year, not the next one
    assert one("Đã triển khai từ ngày 05/01.", ref=date(2024, 12, 15)).start_value == "2024-01-05"


def test_year_less_date_never_gets_the_current_year() -> None:
    assert one("Tổng kết vào ngày 20/11.", ref=None).start_value is None
    text = "Quảng Ngãi, ngày 04 tháng 10 năm 2019\nTổng kết vào ngày 20/11."
    assert exprs(text, ref=None)[-1].start_value == "2019-11-20"


# ------------------------------------------------------------------------------------------- ranges

@pytest.mark.parametrize(("text", "start", "end"), [
    ("Thời gian: 05 ngày, từ 30/3 đến ngày 03/4/2026 (cả đi và về).", "2026-03-30", "2026-04-03"),
    ("Đoàn công tác làm việc từ ngày 30/3 - 03/4/2026 tại Đà Nẵng.", "2026-03-30", "2026-04-03"),
    ("Lớp học diễn ra từ 30/3-03/4/2026.", "2026-03-30", "2026-04-03"),
    ("Tập huấn từ ngày 01/6 đến ngày 15/6/2021 tại Trường Chính trị.", "2021-06-01", "2021-06-15"),
    ("Hội trại tổ chức trong 2 ngày 28, 29/8/2025.", "2025-08-28", "2025-08-29"),
    ("Giải bóng đá diễn ra từ ngày 28 đến ngày 30 tháng 8 năm 2025.", "2025-08-28", "2025-08-30"),
    ("Phát động từ tháng 3 đến tháng 5/2024.", "2024-03", "2024-05"),
    ("Cao điểm hè tháng 3-5/2024.", "2024-03", "2024-05"),
])
def test_ranges_take_the_missing_year_from_the_other_end(text: str, start: str, end: str) -> None:
    e = one(text, ref=date(2019, 1, 1))  # the range's own year wins over the plan's
    assert (e.kind, e.start_value, e.end_value) == ("range", start, end)


def test_range_with_clock_times_on_one_day() -> None:
    e = one("Hội thi diễn ra từ 8h00 đến 11h00 ngày 5/9/2025 tại nhà văn hóa.")
    assert values(e) == ("2025-09-05T08:00", "2025-09-05T11:00")
    assert (e.kind, e.precision, e.time_of_day, e.end_time_of_day) == ("range", "minute", "08:00", "11:00")


def test_range_crossing_the_new_year_starts_in_the_previous_year() -> None:
    e = one("Chiến dịch Xuân tình nguyện: 28/12 - 03/01/2025.")
    assert values(e) == ("2024-12-28", "2025-01-03")


def test_range_written_from_the_start_year_ends_in_the_next_year() -> None:
    assert values(one("Trực Tết từ ngày 30/12/2024 đến ngày 02/01.")) == ("2024-12-30", "2025-01-02")


def test_two_dated_days_in_the_wrong_order_are_not_a_range() -> None:
    found = exprs("Các mốc: 05/3/2025 - 01/3/2025.")
    assert [e.start_value for e in found] == ["2025-03-05", "2025-03-01"]


# -------------------------------------------------------------------------- months, quarters, years

@pytest.mark.parametrize("text", ["Tổ chức giải chạy vào tháng 7/2023.", "Tổ chức giải chạy vào tháng 7 năm 2023."])
def test_month(text: str) -> None:
    e = one(text)
    assert (e.kind, e.start_value, e.end_value, e.precision) == ("point", "2023-07", None, "month")


@pytest.mark.parametrize(("text", "start", "end"), [
    ("Sinh hoạt chuyên đề Quý I/2023", "2023-01", "2023-03"),
    ("Kết quả quý II năm 2023", "2023-04", "2023-06"),
    ("Triển khai trong Quý 4/2022", "2022-10", "2022-12"),
    ("Thực hiện từ Quý I đến quý III/2023", "2023-01", "2023-09"),
])
def test_quarter_is_a_period_of_months(text: str, start: str, end: str) -> None:
    e = one(text)
    assert (e.kind, e.precision, e.start_value, e.end_value) == ("period", "quarter", start, end)


def test_half_year() -> None:
    e = one("Báo cáo kết quả 6 tháng đầu năm 2024 của đơn vị")
    assert (e.kind, e.start_value, e.end_value, e.precision) == ("period", "2024-01", "2024-06", "month")
    assert values(one("Phương hướng 6 tháng cuối năm 2024")) == ("2024-07", "2024-12")


def test_bare_year_is_a_period_and_the_cue_tells_callers_how_it_was_introduced() -> None:
    title = one("Kế hoạch công tác Đoàn năm 2026")
    assert (title.kind, title.start_value, title.precision, title.cue) == ("period", "2026", "year", None)
    timed = one("Câu lạc bộ sẽ ra mắt trong năm 2026.")
    assert (timed.kind, timed.cue) == ("period", "trong")
    assert values(one("Chương trình giai đoạn 2021 - 2025")) == ("2021", "2025")


@pytest.mark.parametrize("text", ["Khai giảng năm học 2023 - 2024", "KẾ HOẠCH NĂM HỌC MỚI 2023-2024"])
def test_school_year(text: str) -> None:
    e = one(text)
    assert (e.kind, e.precision, e.start_value, e.end_value) == ("period", "school-year", "2023-09", "2024-05")


# ---------------------------------------------------------------------------------------- deadlines

@pytest.mark.parametrize(("text", "value"), [
    ("Các chi đoàn gửi báo cáo về Văn phòng trước ngày 15/5/2024.", "2024-05-15"),
    ("Nộp danh sách chậm nhất ngày 20/5.", "2024-05-20"),
    ("Hạn chót ngày 30 tháng 6 năm 2024 phải nộp bài dự thi.", "2024-06-30"),
    ("Tổng hợp, báo cáo UBND tỉnh (trước 17h00 ngày 10/02/2025).", "2025-02-10T17:00"),
    ("Các đơn vị hoàn thành trong tháng 6/2024.", "2024-06"),
    ("Gửi kết quả đến ngày 31/5/2024.", "2024-05-31"),
])
def test_deadlines(text: str, value: str) -> None:
    e = one(text)
    assert (e.kind, e.start_value, e.end_value) == ("deadline", value, None)


def test_a_from_until_range_is_not_a_deadline() -> None:
    assert one("Nhận hồ sơ từ ngày 01/4 đến ngày 15/4/2024.").kind == "range"


# ---------------------------------------------------------------------------------------- clock time

@pytest.mark.parametrize(("text", "clock"), [
    ("Khai mạc lúc 8h00.", "08:00"),
    ("Tập trung 8h tại cổng trường.", "08:00"),
    ("Bắt đầu 8 giờ.", "08:00"),
    ("Bế mạc 14 giờ 30.", "14:30"),
    ("Đón đại biểu 7 giờ 45 phút.", "07:45"),
    ("Giao lưu lúc 14h00 tại sân trường.", "14:00"),
])
def test_clock_times_alone(text: str, clock: str) -> None:
    e = one(text)
    assert (e.time_of_day, e.precision, e.start_value) == (clock, "minute", None)


def test_time_range_alone() -> None:
    e = one("Khối lớp 6: 7h30 - 9h30")
    assert (e.kind, e.time_of_day, e.end_time_of_day) == ("range", "07:30", "09:30")


@pytest.mark.parametrize(("text", "tod"), [("Buổi sáng: khối 7 tựu trường", "morning"),
                                           ("buổi chiều: khối 8 tựu trường", "afternoon")])
def test_part_of_day_alone(text: str, tod: str) -> None:
    assert one(text).time_of_day == tod


def test_part_of_day_attached_to_its_date() -> None:
    found = exprs("Ra quân sáng ngày 12/4/2024 và tổng kết chiều 12/4.")
    assert [(e.start_value, e.time_of_day) for e in found] == [("2024-04-12", "morning"), ("2024-04-12", "afternoon")]
    assert found[0].text == "sáng ngày 12/4/2024"


def test_clock_time_before_the_date_goes_into_the_value() -> None:
    e = one("Thời gian: 7 giờ 30 phút, ngày 26/3/2022 tại hội trường")
    assert (e.start_value, e.time_of_day, e.kind) == ("2022-03-26T07:30", "07:30", "point")
    e = one("Khai giảng lúc 8h00, Thứ Sáu, ngày 01/12/2017.")
    assert (e.start_value, e.weekday) == ("2017-12-01T08:00", 4)


def test_clock_time_after_the_date_and_afternoon_hours() -> None:
    assert one("Ngày 20/11/2024, lúc 7h30 khai mạc").start_value == "2024-11-20T07:30"
    assert one("Họp 2 giờ chiều ngày 5/6/2024").start_value == "2024-06-05T14:00"


def test_durations_are_not_clock_times() -> None:
    assert exprs("Bài thi làm trong 2 giờ, thực hành 4 giờ/ngày, tỷ lệ 1:50.") == []


# ---------------------------------------------------------------------------------------- recurrence

@pytest.mark.parametrize(("text", "rec"), [
    ("Giao ban hàng tháng với các chi đoàn", "monthly"),
    ("Báo cáo hằng tháng về Văn phòng", "monthly"),
    ("Sinh hoạt hàng quý", "quarterly"),
    ("Kiểm tra hằng quý", "quarterly"),
    ("Báo cáo định kỳ tình hình hoạt động", "periodic"),
    ("Sinh hoạt định kỳ hàng quý", "quarterly"),
    ("Tổ chức hàng năm vào dịp hè", "yearly"),
    ("Họp hằng tuần", "weekly"),
])
def test_recurrence(text: str, rec: str) -> None:
    e = one(text)
    assert (e.kind, e.recurrence, e.start_value) == ("recurrence", rec, None)


def test_recurrence_keeps_its_weekday_and_time() -> None:
    e = one("Chào cờ 7h00 thứ Hai hàng tuần")
    assert (e.kind, e.recurrence, e.weekday, e.time_of_day) == ("recurrence", "weekly", 0, "07:00")


# ----------------------------------------------------------------------------------------- tentative

@pytest.mark.parametrize(("text", "value"), [
    ("Thời gian: Dự kiến 22/4/2023", "2023-04-22"),
    ("Thời gian: dự kiến tháng 7/2023", "2023-07"),
    ("Tổ chức dự kiến khoảng ngày 15/8/2024", "2024-08-15"),
    ("Khởi hành khoảng 6h00 ngày 02/7/2024", "2024-07-02T06:00"),
    ("Ra mắt ngày 26/3/2024 (dự kiến).", "2024-03-26"),
])
def test_tentative(text: str, value: str) -> None:
    e = one(text)
    assert e.tentative and e.start_value == value


def test_firm_dates_are_not_tentative() -> None:
    assert not one("Ra mắt ngày 26/3/2024 tại Nhà Thiếu nhi.").tentative


# ------------------------------------------------------------------------------------------ weekdays

@pytest.mark.parametrize(("text", "weekday"), [
    ("- Thời gian: ngày 22/03/2023 (Thứ Tư)", 2),
    ("Thứ năm, ngày 28 tháng 8 năm 2025: tựu trường", 3),
    ("Thứ 2, ngày 02/12/2024 chào cờ đầu tháng", 0),
    ("Chủ nhật, 01/12/2024: ngày hội tình nguyện", 6),
    ("sáng thứ Bảy (30/11/2024)", 5),
])
def test_weekday_next_to_the_date(text: str, weekday: int) -> None:
    e = one(text)
    assert e.weekday == weekday and e.start_value is not None


def test_ordinals_and_lone_weekdays_are_not_dates() -> None:
    assert exprs("Đại hội lần thứ năm của Hội; họp vào thứ Hai") == []
    assert one("Hội nghị lần thứ 5 ngày 20/11/2024").weekday is None


# --------------------------------------------------------------------------------------------- cited

@pytest.mark.parametrize("text", [
    "Thực hiện Quyết định số 1050/QĐ-SCT ngày 06/3/2026 của Giám đốc Sở",
    "Căn cứ Kế hoạch số 183 ngày 28/2/2024 của Ban Thường vụ",
    "Căn cứ Công văn số 722/SGDĐT-VP ngày 21 tháng 8 năm 2025 của Sở Giáo dục",
    "theo Nghị định 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ",
    "Thực hiện Hướng dẫn số 29-HD/TWĐTN-VP ngày 12/5/2023",
    "theo Công văn số\n202/BTTTT-KHTC ngày 21/01/2025 về việc góp ý",
    "Nghị định số 217/2025/NĐ-\nCP ngày 05/8/2025 của Chính phủ",
    "(Kèm theo Kế hoạch số 12 /KH-ĐTN ngày10 /3/2026 của Ban Thường vụ)",
    "Quy chế được ban hành ngày 12/3/2024",
    "Căn cứ Luật Thanh niên ngày 16 tháng 6 năm 2020;",
])
def test_dates_of_cited_documents(text: str) -> None:
    e = one(text)
    assert e.cited and e.kind == "point" and e.start_value is not None


def test_activity_dates_next_to_a_citation_are_not_cited() -> None:
    text = ("Thực hiện Kế hoạch số 05/KH-UBND ngày 10/01/2024 của UBND huyện, Đoàn xã tổ chức "
            "Ngày hội vào ngày 26/3/2024; đội số 3 thi đấu ngày 27/3/2024.")
    assert [e.cited for e in exprs(text)] == [True, False, False]


# ------------------------------------------------------------------------------------------ rejects

@pytest.mark.parametrize("text", [
    "Thời hạn thực hiện 30 tháng kể từ khi ký",
    "Sau 6 năm hoạt động",
    "Thời gian kiểm tra 05 ngày làm việc",
    "Liên hệ SĐT: 0983 134 682",
    "Kinh phí 15.000.000 đồng",
    "theo Nghị định 30/2020/NĐ-CP",
    "theo Quyết định 1050/QĐ-SCT",
    "đoạn Km26+793 đến Km30+00",
    "đạt tỷ lệ 3/4 số phiếu",
    "học sinh lớp 6/1 và lớp 7/2",
    "ngày 31/2/2024",
    "ngày 29/2/2023",
    "Số: 12/3/KH-UBND",
])
def test_non_dates_are_rejected(text: str) -> None:
    assert exprs(text) == []


@pytest.mark.parametrize("text", ["Ký ngày 10 /3/2026", "Kế hoạch ngày10 /3/2026", "ngày 10/ 3 /2026"])
def test_ocr_spaces_around_the_slash(text: str) -> None:
    assert one(text).start_value == "2026-03-10"


def test_a_place_number_before_the_date_is_not_a_day_list() -> None:
    e = one("Quận 11, ngày 21 tháng 1 năm 2023")
    assert (e.kind, e.start_value, e.text) == ("point", "2023-01-21", "ngày 21 tháng 1 năm 2023")


# --------------------------------------------------------------------------------------- a full plan

PLAN = """ĐOÀN TNCS HỒ CHÍ MINH
Số: 15-KH/ĐTN\tPhú Yên, ngày 02 tháng 3 năm 2024
KẾ HOẠCH
Tổ chức Tháng Thanh niên năm 2024
Căn cứ Chương trình số 08-CTr/TWĐTN ngày 15/01/2024 của Ban Bí thư Trung ương Đoàn;
I. THỜI GIAN
1. Lễ ra quân: 7h00, Chủ nhật, ngày 03/3/2024 tại Quảng trường tỉnh.
2. Ngày hội hiến máu: từ ngày 20 đến ngày 22/3 tại Bệnh viện tỉnh.
3. Sinh hoạt chuyên đề định kỳ hàng tháng; tổng kết Quý I/2024.
4. Các cơ sở gửi báo cáo về Văn phòng trước 16h00 ngày 29/3.
Liên hệ: đồng chí Minh, SĐT 0905 123 456; kinh phí 12.500.000 đồng.
"""


def test_a_whole_plan_in_order_without_overlaps() -> None:
    found = exprs(PLAN, ref=None)  # the year comes from the plan's own date line
    starts = [e.start for e in found]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))
    by_value = {e.start_value: e for e in found if e.start_value}
    assert by_value["2024-01-15"].cited
    assert by_value["2024-03-03T07:00"].weekday == 6
    assert by_value["2024-03-20"].end_value == "2024-03-22"
    assert by_value["2024-03-29T16:00"].kind == "deadline"
    assert by_value["2024-01"].precision == "quarter"
    assert any(e.recurrence == "monthly" for e in found)

# ---------------------------------------------------------------------------------------- issue date

@pytest.mark.parametrize(("line", "place", "day"), [
    ("Gia Lai, ngày 06 tháng 3 năm 2026", "Gia Lai", date(2026, 3, 6)),
    ("TP. Hồ Chí Minh, ngày 21 tháng 01 năm 2023", "TP. Hồ Chí Minh", date(2023, 1, 21)),
    ("Số: 1105/KH-ĐKT\tLào Cai, ngày 10 tháng 3 năm 2026", "Lào Cai", date(2026, 3, 10)),
    ("   SỐ 1050/QĐ-SCT                      Lào Cai, ngày 10 tháng 3 năm 2026", "Lào Cai", date(2026, 3, 10)),
    ("MINH Quận 11, ngày 21 tháng Ï năm 2023", "Quận 11", date(2023, 1, 21)),
    ("Hà Nội, ngày 5/9/2025", "Hà Nội", date(2025, 9, 5)),
    ("ngày 06 tháng 3 năm 2026", None, date(2026, 3, 6)),
])
def test_parse_issue_date(line: str, place: str | None, day: date) -> None:
    got_place, got_day, span = parse_issue_date(line)
    assert (got_place, got_day) == (place, day)
    assert span is not None and line[span[0]:span[1]].lower().startswith("ngày")
    assert line[span[0]:span[1]].rstrip().endswith(str(day.year))


def test_parse_issue_date_without_a_readable_day() -> None:
    assert parse_issue_date("Quảng Ngãi, ngày   tháng 01 năm 2025") == ("Quảng Ngãi", None, None)
    assert parse_issue_date("Số: 242/TB-SYT, Kiên Giang, ngày ¿| )tháng 11 năm 2017") == ("Kiên Giang", None, None)
    assert parse_issue_date("KẾ HOẠCH") == (None, None, None)


def test_iso_helpers() -> None:
    assert iso(date(2026, 3, 6)) == "2026-03-06"
    assert iso_month(2023, 7) == "2023-07"


# ------------------------------------------------------------------------------- more real grammar

def test_newspaper_style_dash_dates_only_after_ngay() -> None:
    e = one("Hội nghị diễn ra trong hai ngày 12 và 13-4 tại Hà Nội.")
    assert values(e) == ("2024-04-12", "2024-04-13")
    assert one("Ngày 29-9, đoàn đến thăm trường.").start_value == "2024-09-29"
    assert exprs("Mỗi nhóm gồm 2-3 người, làm trong 2-3 ngày.") == []


@pytest.mark.parametrize("text", [
    "Căn cứ Kế hoạch số 298 KH/TWĐTN ngày 14/7/2011 của Ban Chấp hành",
    "Thực hiện Quyết định số 367 - QĐ/TWĐTN ngày 14/7/2011",
    "căn cứ Kế hoạch số 183-KH/TWĐTN-TNNT ngày 28/2/2024",
])
def test_youth_union_numbers_are_citations_too(text: str) -> None:
    assert one(text).cited


def test_deadline_given_by_a_label() -> None:
    e = one("Hạn cuối nhận bài dự thi: 17h00, ngày 30/4/2024")
    assert (e.kind, e.start_value, e.cue) == ("deadline", "2024-04-30T17:00", "hạn cuối nhận bài dự thi:")


def test_time_label_is_a_cue_but_not_part_of_the_span() -> None:
    e = one("b) Thời gian: 9 giờ, thứ Sáu, ngày 26/3/2021.")
    assert (e.text, e.cue, e.start_value) == ("9 giờ, thứ Sáu, ngày 26/3/2021", "thời gian:", "2021-03-26T09:00")


def test_range_from_a_dated_time_to_a_bare_time_stays_on_that_day() -> None:
    e = one("Hội thảo từ 7h30 ngày 20/11/2024 đến 11h00 cùng ngày.")
    assert values(e) == ("2024-11-20T07:30", "2024-11-20T11:00")


def test_time_range_in_brackets_after_the_date() -> None:
    e = one("Ngày 20/11/2024 (8h00 - 11h00): mít tinh.")
    assert e.text == "Ngày 20/11/2024 (8h00 - 11h00)"
    assert (e.kind, e.time_of_day, e.end_time_of_day) == ("range", "08:00", "11:00")


def test_month_range_crossing_the_new_year() -> None:
    assert values(one("Cao điểm tháng 11 - tháng 2/2024")) == ("2023-11", "2024-02")


def test_year_less_day_ranges_need_the_right_order() -> None:
    assert values(one("Nghỉ lễ 30/4 - 1/5.")) == ("2024-04-30", "2024-05-01")
    assert exprs("Tỷ lệ đạt từ 1/3 - 1/2 số phiếu.") == []


def test_explicit_years_ignore_the_reference_date() -> None:
    assert one("Ngày 02/9/1945 là ngày Quốc khánh", ref=date(2024, 1, 1)).start_value == "1945-09-02"


@pytest.mark.parametrize(("text", "value"), [
    ("Hoạt động chào mừng Ngày Quốc tế Thiếu nhi 1/6 năm nay", "2024-06-01"),
    ("Lễ ra quân (20/3) tại quảng trường", "2024-03-20"),
    ("Kỷ niệm 26/3 với nhiều hoạt động", "2024-03-26"),
])
def test_year_less_dates_named_by_an_occasion(text: str, value: str) -> None:
    assert one(text).start_value == value


@pytest.mark.parametrize("text", ["Trong ngày học lớp 6/1 trực nhật", "điểm 2/3 khoản 1", "phòng 3/2 tầng trệt"])
def test_numbered_things_are_not_year_less_dates(text: str) -> None:
    assert exprs(text) == []


def test_ocr_letters_for_digits_in_a_dates_numbers():
    from extractors.dates import ocr_repaired

    text = "gửi báo cáo trước ngày l5 tháng 02 năm 2O12 về Sở; Lớp l2A"
    fixed = ocr_repaired(text)
    assert len(fixed) == len(text)  # offsets into the scan's text still hold
    assert "ngày 15 tháng 02 năm 2012" in fixed and "Lớp l2A" in fixed
    (t,) = [t for t in find_time_expressions(fixed) if t.start_value]
    assert (t.kind, t.start_value) == ("deadline", "2012-02-15")


def test_ocr_letters_for_digits_in_every_number_of_a_slashed_day():
    from extractors.dates import ocr_repaired

    assert ocr_repaired("vào ngày 15/O3/2024 và đến ngày 2O/3/2O24") == "vào ngày 15/03/2024 và đến ngày 20/3/2024"
    assert ocr_repaired("NGÀY lO/l2/2O23") == "NGÀY 10/12/2023"
    for text in ("Quý II/2024", "ngày II/2024", "lớp 6/l và 7/O"):  # no day there to repair
        assert ocr_repaired(text) == text


def test_ocr_letters_in_a_programmes_hours_are_put_back():
    from extractors.dates import ocr_repaired

    for read, meant in [("7Th45-9h", "7 h45-9h"), ("9h15 —9n4s", "9h15 —9h45"), ("9h-9h1S", "9h-9h15"),
                        ("lúc 8hOO", "lúc 8h00")]:
        assert ocr_repaired(read) == meant
    (t,) = find_time_expressions(ocr_repaired("7Th45-9h ngày 11/4/2012"))
    assert (t.start_value, t.end_value) == ("2012-04-11T07:45", "2012-04-11T09:00")
    for text in ("Thanh", "12 hoa", "Sở Nội vụ", "1nOn"):
        assert ocr_repaired(text) == text


def test_trước_that_lost_its_first_letter_on_a_scan_still_sets_a_deadline():
    (t,) = find_time_expressions("đề nghị gửi báo cáo rước ngày 05/12/2012.")
    assert (t.kind, t.start_value) == ("deadline", "2012-12-05")


@pytest.mark.parametrize("text, expected", [
    ("Thời gian tổ chức: 03 ngày: 24, 25 và 26 tháng 8 năm 2026.", ("2026-08-24", "2026-08-26")),
    ("vào các ngày 24, 25 và 26/8/2026", ("2026-08-24", "2026-08-26")),
    ("Số lượng: 24, 25 và 26 tháng 8 năm 2026", ("2026-08-26", None)),  # no cue: counts, then a date
])
def test_a_list_of_days_after_its_cue_is_one_range(text, expected):
    t = [x for x in find_time_expressions(text) if x.start_value][0]
    assert (t.start_value, t.end_value) == expected


def test_ocr_misread_date_words_are_put_back_only_before_a_date():
    from extractors.dates import ocr_repaired

    assert ocr_repaired("Từ 13h30 ngày 19 thắng 03 nãm 2022") == "Từ 13h30 ngày 19 tháng 03 năm 2022"
    assert ocr_repaired("ngảy 12/3/2024") == "ngày 12/3/2024"
    assert ocr_repaired("Từ ngày 20/02/2023 đên ngày 04/6/2023") == "Từ ngày 20/02/2023 đến ngày 04/6/2023"
    for text in ("đội bóng thắng 3 trận", "Việt Nam 2022", "nam 15 tuổi", "đền 3 gian"):
        assert ocr_repaired(text) == text


def test_a_label_ocr_misread_by_one_letter_is_still_a_label():
    from extractors.labels import _ocr_label_text

    assert _ocr_label_text("Phời gian: Từ 13h30") == "Thời gian: Từ 13h30"
    assert _ocr_label_text("- Dịa điểm: Hội trường") == "- Địa điểm: Hội trường"
    for text in ("Thanh niên: tham gia", "Phòng họp: tầng 2", "Thời gian: 8h"):
        assert _ocr_label_text(text) == text


def test_a_range_of_hours_whose_dash_ocr_lost_after_tu():
    [t] = find_time_expressions("Thời gian: Từ 14:00 16:00, thứ 5 ngày 12/09/2019")
    assert (t.start_value, t.end_value) == ("2019-09-12T14:00", "2019-09-12T16:00")


def test_a_month_first_date_is_read_only_where_day_first_cannot_be():
    assert [t.start_value for t in find_time_expressions("Sáng 11/16/2012 tại KCN Đình Trám")] == ["2012-11-16"]
    assert [t.start_value for t in find_time_expressions("ngày 05/06/2024")] == ["2024-06-05"]  # day first
    assert find_time_expressions("ngày 13/13/2012") == []


def test_the_span_that_dates_the_document_itself():
    from extractors.dates import dating_span

    line = "Số: 75/GM-UBND\tBắc Giang, ngày 17 tháng 10 năm 2012"
    a, b = dating_span(line)
    assert line[a:b] == "ngày 17 tháng 10 năm 2012"
    assert dating_span("Thành phố Hồ Chí Minh, ngày 5 tháng 3 năm 2024") is not None
    assert dating_span("ngày    tháng 10 năm 2012") is not None  # a form's blank day
    for line in ("Hội nghị tổ chức vào sáng thứ Năm, ngày 25 tháng 10 năm 2012 tại Hội trường",
                 "Ngày 28 tháng 8 năm 2025", "Ngày 02/4/2024: lớp thứ nhất"):
        assert dating_span(line) is None


def test_a_time_written_before_a_day_is_that_days_and_a_holidays_date_names_it():
    text = "Giao công chức Văn hóa chủ trì tổ chức Lễ kỷ niệm Ngày Chiến thắng 30/4 vào lúc 7 giờ 00 ngày 29/4/2024."
    got = [(t.start_value, t.end_value) for t in find_time_expressions(text, ref_date=date(2024, 4, 18))]
    assert got == [("2024-04-29T07:00", None)]
    # a holiday's date alone still dates the celebration, and a time after its day stays with it
    text = "Tổ chức Lễ kỷ niệm Ngày Nhà giáo Việt Nam 20/11."
    assert [t.start_value for t in find_time_expressions(text, ref_date=date(2024, 10, 1))] == ["2024-11-20"]
    text = "Khai mạc ngày 15/3/2024, lúc 8h00 tại hội trường."
    assert [t.start_value for t in find_time_expressions(text)] == ["2024-03-15T08:00"]


def test_two_days_running_joined_by_va_are_one_stretch():
    got = [(t.start_value, t.end_value) for t in find_time_expressions(
        "Thời gian dự kiến: Chiều ngày 28/12 và cả ngày 29/12/2011")]
    assert got == [("2011-12-28", "2011-12-29")]
    # two days apart stay two days
    got = [(t.start_value, t.end_value) for t in find_time_expressions(
        "Kiểm tra ngày 15/3/2024 và ngày 20/3/2024", ref_date=date(2024, 3, 1))]
    assert got == [("2024-03-15", None), ("2024-03-20", None)]


def test_a_lunar_day_is_no_day_of_the_plan_and_hours_before_several_days_are_theirs():
    got = [(t.start_value, t.end_value) for t in find_time_expressions(
        "Ngày 15 tháng 8 âm lịch (tức ngày 17/9/2024) tổ chức Tết Trung thu.")]
    assert got == [("2024-09-17", None)]
    [t] = find_time_expressions("Từ 7h30 đến 11h30 các ngày 15, 16 và 17/3/2024.")
    assert (t.start_value, t.end_value) == ("2024-03-15T07:30", "2024-03-17T11:30")


def test_two_hours_side_by_side_on_a_scan_are_a_range_whose_dash_was_lost():
    from extractors.dates import ocr_repaired

    fixed = ocr_repaired("Khoa Thủy sản\t13h00 17h30 ngày 17/10/2019 (Khoa CNTT chủ trì)")
    assert [(t.start_value, t.end_value) for t in find_time_expressions(fixed)] == [
        ("2019-10-17T13:00", "2019-10-17T17:30")]
    assert ocr_repaired("- 08h 11h30 ngày 19/10/2019") == "- 08h-11h30 ngày 19/10/2019"
    for text in ("lúc 8h 30 ngày 1/2/2020", "từ 7 giờ 30 đến 11 giờ"):  # minutes, words: left alone
        assert ocr_repaired(text) == text


def test_den_misread_on_a_scan_before_an_hour_still_closes_the_range():
    from extractors.dates import ocr_repaired

    (t,) = find_time_expressions(ocr_repaired("Từ 12g30 ngày 04/11/2019 đên 18g00 ngày 08/11/2019"))
    assert (t.start_value, t.end_value) == ("2019-11-04T12:30", "2019-11-08T18:00")
    assert ocr_repaired("Đên nay") == "Đên nay"


def test_a_week_of_a_month_is_that_month_never_a_day_of_it():
    # "tuần 2 tháng 4" is the second week of April, not 2 April; "3 tháng" alone stays a duration
    assert [(t.start_value, t.end_value) for t in find_time_expressions("Tổ chức vào tuần 2 tháng 4/2024.")] == [
        ("2024-04", None)]
    assert [t.start_value for t in find_time_expressions("dự kiến tuần thứ 3 của tháng 5 năm 2024")] == ["2024-05"]


def test_a_range_whose_first_day_closes_its_brackets():
    got = find_time_expressions("từ thứ Hai (15/4) đến thứ Sáu (19/4/2024)")
    assert [(t.start_value, t.end_value) for t in got] == [("2024-04-15", "2024-04-19")]


@pytest.mark.parametrize("text, want", [
    ("thời gian quan trắc vào tháng 4 và tháng 8 năm 2026;", [("2026-04", None), ("2026-08", None)]),
    ("tháng 3, tháng 6 và tháng 9/2026", [("2026-03", None), ("2026-06", None), ("2026-09", None)]),
    ("vào ngày 15/3 và ngày 22/3/2026", [("2026-03-15", None), ("2026-03-22", None)]),
    ("ngày 30/12 và ngày 02/01/2026", [("2025-12-30", None), ("2026-01-02", None)]),
    ("trong tháng 3-5/2026", [("2026-03", "2026-05")]),  # a span stays a span
    ("ngày 28, 29/8/2024", [("2024-08-28", "2024-08-29")]),
])
def test_a_list_of_months_or_days_is_a_list_and_its_last_year_is_every_member_s(text, want):
    got = find_time_expressions(text, ref_date=date(2025, 11, 18))
    assert [(t.start_value, t.end_value) for t in got] == want


def test_a_span_s_end_keeps_its_own_part_of_the_day():
    got = find_time_expressions("từ 18h00 tối Thứ Bảy ngày 22/11/2025 đến 03h00 sáng Chủ Nhật ngày 23/11/2025")
    assert [(t.start_value, t.end_value) for t in got] == [("2025-11-22T18:00", "2025-11-23T03:00")]
