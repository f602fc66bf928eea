"""The plan's content: events, deadlines, venues, head-count, budget and responsibilities, on plans
written for these tests from the grammar of Vietnamese plans."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.extract import extract_file

HEAD = """\
HUYỆN ĐOÀN ĐỨC TRỌNG
BCH ĐOÀN XÃ HIỆP AN

Số: 18-KH/ĐTN

Hiệp An, ngày 02 tháng 3 năm 2024

KẾ HOẠCH
Tổ chức Ngày hội Tuổi trẻ sáng tạo năm 2024

Thực hiện chương trình công tác năm 2024, Ban Thường vụ Đoàn xã xây dựng kế hoạch như sau:

"""

FOOT = """
Nơi nhận:
- Huyện Đoàn;
- Lưu.

TM. BAN CHẤP HÀNH
BÍ THƯ

Võ Minh Tâm
"""


def rec_of(tmp_path: Path, body: str):
    p = tmp_path / "plan.txt"
    p.write_text(HEAD + body + FOOT, encoding="utf-8")
    return extract_file(p).record


def ruled_table_docx(path: Path, lines: list[str], rows: list[list[str]], after: tuple[str, ...] = ()) -> Path:
    """A real .docx: paragraphs, then a ruled table ("Table Grid", as schedules are; a borderless one
    is page layout), then more paragraphs."""
    import docx

    d = docx.Document()
    for line in lines:
        d.add_paragraph(line)
    t = d.add_table(rows=len(rows), cols=len(rows[0]))
    t.style = "Table Grid"
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            t.cell(i, j).text = text
    for line in after:
        d.add_paragraph(line)
    d.save(path)
    return path


def test_label_block_range_with_year_from_the_end_and_two_venues(tmp_path):
    r = rec_of(tmp_path, """I. THỜI GIAN, ĐỊA ĐIỂM

1. Thời gian: 03 ngày, từ ngày 28/3 đến ngày 30/3/2024.

2. Địa điểm: Nhà văn hóa thanh thiếu nhi tỉnh Lâm Đồng và Cung thiếu nhi tỉnh Ninh Thuận.

3. Số lượng: dự kiến 45 người.
""")
    assert [(e.start, e.end) for e in r.events] == [("2024-03-28", "2024-03-30")]
    assert r.events[0].venues == ["Nhà văn hóa thanh thiếu nhi tỉnh Lâm Đồng", "Cung thiếu nhi tỉnh Ninh Thuận"]
    assert r.venues == r.events[0].venues
    assert r.participant_count == 45
    # the plan's title says what happens when the block's heading is generic
    assert "Ngày hội Tuổi trẻ sáng tạo" in r.events[0].what


def test_numbered_sub_sections_give_one_event_each(tmp_path):
    r = rec_of(tmp_path, """II. NỘI DUNG

1. Hội thi tin học trẻ

- Thời gian: Dự kiến 12/4/2024 (Thứ Sáu)
- Địa điểm: Trường THCS Hiệp An

2. Giải bóng đá thanh niên

- Nội dung: Giải bóng đá nam thanh niên mở rộng
- Thời gian: tháng 5/2024
- Địa điểm: Dự kiến tại Sân vận động xã Hiệp An
""")
    got = [(e.start, e.end, e.tentative, e.venues) for e in r.events]
    assert got == [("2024-04-12", None, True, ["Trường THCS Hiệp An"]),
                   ("2024-05", None, False, ["Sân vận động xã Hiệp An"])]
    assert r.events[0].what == "Hội thi tin học trẻ"
    assert r.events[1].what == "Giải bóng đá nam thanh niên mở rộng"
    assert r.events[1].precision == "month"


def test_cited_dates_and_recurring_items_are_not_events(tmp_path):
    r = rec_of(tmp_path, """Căn cứ Kế hoạch số 05-KH/HĐĐT ngày 10/01/2024 của Ban Thường vụ Huyện Đoàn về
công tác Đoàn năm 2024;

I. THỜI GIAN

1. Thời gian: Sinh hoạt định kỳ hàng tháng vào tuần thứ hai.
""")
    assert r.events == []
    assert r.details.get("recurring")


def test_deadline_in_a_sentence(tmp_path):
    r = rec_of(tmp_path, """II. TỔ CHỨC THỰC HIỆN

1. Các chi đoàn

- Đăng ký danh sách đội thi và gửi về Văn phòng Đoàn xã trước ngày 25/3/2024.
""")
    deadlines = [e for e in r.events if e.kind == "deadline"]
    assert [d.start for d in deadlines] == ["2024-03-25"]
    assert "Đăng ký danh sách" in deadlines[0].what
    assert r.responsibilities[0].party == "Các chi đoàn"
    assert r.responsibilities[0].deadlines == ["2024-03-25"]


def test_date_heading_with_timed_items(tmp_path):
    r = rec_of(tmp_path, """1. Lịch tập luyện

a) Ngày 06 tháng 4 năm 2024

- Buổi sáng: tập đồng diễn: từ 7h00 - 9h00

- Buổi chiều: tập văn nghệ: từ 14h00 - 16h00

b) Ngày 07 tháng 4 năm 2024

- Tổng duyệt chương trình
""")
    got = [(e.start, e.time_of_day) for e in r.events]
    assert got == [("2024-04-06T07:00", "07:00"), ("2024-04-06T14:00", "14:00"), ("2024-04-07", None)]


def test_event_in_a_sentence_with_its_venue(tmp_path):
    r = rec_of(tmp_path, """Lễ ra quân Tháng Thanh niên được tổ chức vào lúc 7 giờ 30 phút ngày 03/3/2024
tại Hội trường Ủy ban nhân dân xã Hiệp An.
""")
    assert [(e.start, e.venues) for e in r.events] == [
        ("2024-03-03T07:30", ["Hội trường Ủy ban nhân dân xã Hiệp An"])]


def test_responsibilities_with_bullets_and_heading_tasks(tmp_path):
    r = rec_of(tmp_path, """III. TỔ CHỨC THỰC HIỆN

1. Ban Thường vụ Đoàn xã

- Xây dựng kế hoạch, kịch bản chương trình.

- Phân công đoàn viên hỗ trợ công tác hậu cần.

2. Ông Trần Văn Lộc - Phó Bí thư: Phụ trách chung công tác
tuyên truyền trên mạng xã hội;

Trên đây là kế hoạch của Ban Thường vụ Đoàn xã./.
""")
    assert [(d.party, d.tasks) for d in r.responsibilities] == [
        ("Ban Thường vụ Đoàn xã", ["Xây dựng kế hoạch, kịch bản chương trình.",
                                   "Phân công đoàn viên hỗ trợ công tác hậu cần."]),
        ("Ông Trần Văn Lộc - Phó Bí thư", ["Phụ trách chung công tác tuyên truyền trên mạng xã hội"]),
    ]


def test_assignment_sentence_in_a_letter(tmp_path):
    r = rec_of(tmp_path, """Ủy ban nhân dân xã giao Trạm Y tế xã chủ trì, phối hợp với Đoàn xã tổ chức
tuyên truyền phòng chống sốt xuất huyết; báo cáo kết quả trước ngày 30/4/2024./.
""")
    assert [d.party for d in r.responsibilities] == ["Trạm Y tế xã"]
    assert r.responsibilities[0].tasks[0].startswith("Ủy ban nhân dân xã giao Trạm Y tế xã chủ trì")
    assert [e.start for e in r.events if e.kind == "deadline"] == ["2024-04-30"]


def test_budget_in_vietnamese_thousands(tmp_path):
    r = rec_of(tmp_path, """IV. KINH PHÍ

Tổng kinh phí tổ chức dự kiến 15.500.000 đồng (Mười lăm triệu năm trăm nghìn đồng) từ nguồn
kinh phí hoạt động năm 2024 của Đoàn xã.
""")
    budget = r.details["budget"]
    assert budget[0]["amount"] == 15_500_000 and budget[0]["currency"] == "VND"
    assert "kinh phí hoạt động năm 2024" in budget[0]["source"]
    # a label line of the estimate: "Kinh phí dự kiến: ..."
    r = rec_of(tmp_path, "- Kinh phí dự kiến: 30.000.000 đồng (Ba mươi triệu đồng), từ nguồn xã hội hóa.\n")
    assert r.details["budget"][0]["amount"] == 30_000_000


def test_year_less_dates_take_the_plan_year(tmp_path):
    r = rec_of(tmp_path, """1. Thời gian: ngày 26/3 (Thứ Ba).
2. Địa điểm: Hội trường Đảng ủy xã.
""")
    assert [e.start for e in r.events] == ["2024-03-26"]


def test_schedule_table_in_a_word_file(tmp_path):
    import docx

    d = docx.Document()
    for line in ["HUYỆN ĐOÀN LẠC DƯƠNG", "Số: 09-KH/HĐ", "Lạc Dương, ngày 01 tháng 6 năm 2024", "KẾ HOẠCH",
                 "Tổ chức Chiến dịch Thanh niên tình nguyện hè năm 2024", ""]:
        d.add_paragraph(line)
    t = d.add_table(rows=5, cols=5)
    rows = [
        ["TT", "Thời gian", "Nội dung", "Địa điểm", "Đơn vị thực hiện"],
        ["1", "7h30 ngày 15/6/2024", "Lễ ra quân chiến dịch", "Sân UBND xã Đạ Sar", "Ban Thường vụ"],
        ["2", "", "Ra quân dọn vệ sinh môi trường", "Thôn Đạ Chais", "Đoàn xã Đạ Chais"],
        ["3", "Từ ngày 20/6 đến 25/6/2024", "Tập huấn kỹ năng", "Nhà văn hóa huyện Lạc Dương", "Ban Tổ chức"],
        ["4", "Tháng 7/2024", "Tổng kết chiến dịch", "Hội trường Huyện ủy", "Văn phòng"],
    ]
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            t.cell(i, j).text = text
    t.cell(1, 1).merge(t.cell(2, 1))  # row 2 happens the same day as row 1
    t.cell(1, 1).text = "7h30 ngày 15/6/2024"
    d.add_paragraph("Nơi nhận:")
    d.add_paragraph("- Lưu VP.")
    path = tmp_path / "lich.docx"
    d.save(path)
    r = extract_file(path).record
    got = [(e.start, e.end, e.what, e.venues, e.responsible) for e in r.events]
    assert got == [
        ("2024-06-15T07:30", None, "Lễ ra quân chiến dịch", ["Sân UBND xã Đạ Sar"], "Ban Thường vụ"),
        ("2024-06-15T07:30", None, "Ra quân dọn vệ sinh môi trường", ["Thôn Đạ Chais"], "Đoàn xã Đạ Chais"),
        ("2024-06-20", "2024-06-25", "Tập huấn kỹ năng", ["Nhà văn hóa huyện Lạc Dương"], "Ban Tổ chức"),
        ("2024-07", None, "Tổng kết chiến dịch", ["Hội trường Huyện ủy"], "Văn phòng"),
    ]


def test_two_activities_under_one_heading(tmp_path):
    r = rec_of(tmp_path, """II. CÁC HOẠT ĐỘNG

- Nội dung: Hội thi cắm trại
- Thời gian: ngày 12/4/2024
- Địa điểm: Sân trường THCS Hiệp An
- Nội dung: Giao lưu văn nghệ
- Thời gian: 19h00 ngày 13/4/2024
- Địa điểm: Hội trường xã Hiệp An
""")
    got = [(e.start, e.what, e.venues) for e in r.events]
    assert got == [("2024-04-12", "Hội thi cắm trại", ["Sân trường THCS Hiệp An"]),
                   ("2024-04-13T19:00", "Giao lưu văn nghệ", ["Hội trường xã Hiệp An"])]


def test_head_count_forms(tmp_path):
    assert rec_of(tmp_path, "1. Thành phần: 150 đoàn viên tiêu biểu của các chi đoàn.\n").participant_count == 150
    assert rec_of(tmp_path, "3. Số lượng: 120.\n").participant_count == 120
    assert rec_of(tmp_path, "3. Số lượng: 03 đội/đơn vị.\n").participant_count is None  # teams, not people
    # the people a plan counts are of many kinds: campers, teachers, party members, comrades ...
    for text, n in [("- Số lượng: 150 trại sinh.", 150), ("- Số lượng: 45 giáo viên.", 45),
                    ("- Thành phần: 60 đảng viên của chi bộ.", 60), ("- Số lượng: 30 đồng chí.", 30)]:
        assert rec_of(tmp_path, text + "\n").participant_count == n


LAYOUT_TABLE = """\
                                 PHỤ LỤC
  TT     Tên đơn vị              Nội dung làm việc                              Thời gian
         Trường THCS             Kiểm tra hồ sơ thiết bị dạy học
   1     Nguyễn Du               và phòng thí nghiệm                            12/4/2024
         Trường Tiểu học         Kiểm tra thư viện và hồ sơ
   2     Kim Đồng                bán trú của nhà trường                         15/4/2024
"""


def test_layout_table_rows_take_their_names_from_the_wrapped_column(tmp_path):
    r = rec_of(tmp_path, LAYOUT_TABLE)
    got = [(e.start, e.what) for e in r.events]
    assert got == [("2024-04-12", "Trường THCS Nguyễn Du"), ("2024-04-15", "Trường Tiểu học Kim Đồng")]


def test_venue_wrapped_at_the_right_margin(tmp_path):
    # a PDF's text: lines break at the margin, the second venue's province starts the next line
    r = rec_of(tmp_path, """Ban Thường vụ Đoàn xã xây dựng kế hoạch tổ chức hội trại truyền thống năm
2024 cho đoàn viên, thanh niên trên địa bàn xã với các nội dung cụ thể như sau:
1. Thời gian: từ ngày 12/4/2024 đến ngày 14/4/2024 (bao gồm thời gian đi và về).
2. Địa điểm: Nhà văn hóa thanh thiếu nhi tỉnh Lâm Đồng và Cung thiếu nhi tỉnh
Khánh Hòa.
3. Số lượng: dự kiến 20 người.
""")
    assert r.venues == ["Nhà văn hóa thanh thiếu nhi tỉnh Lâm Đồng", "Cung thiếu nhi tỉnh Khánh Hòa"]


def test_duties_handed_over_with_giao_and_de_nghi(tmp_path):
    # "Giao X triển khai:" names the party X; the bullets under it are its tasks, not parties
    rec = rec_of(tmp_path, """III. TỔ CHỨC THỰC HIỆN
1. Giao phòng Quản lý Công nghiệp triển khai:
- Tổ chức hội nghị theo kế hoạch;
- Báo cáo kết quả về Ban Thường vụ trước ngày 30/5/2024.
2. Đề nghị Ủy ban nhân dân các huyện phối hợp thực hiện.
""")
    duties = {d.party: d.tasks for d in rec.responsibilities}
    assert list(duties) == ["phòng Quản lý Công nghiệp", "Ủy ban nhân dân các huyện"]
    assert duties["phòng Quản lý Công nghiệp"][0] == "Tổ chức hội nghị theo kế hoạch"
    assert len(duties["phòng Quản lý Công nghiệp"]) == 2


def test_lead_lines_with_bullets_in_a_duties_part_without_numbers(tmp_path):
    rec = rec_of(tmp_path, """III. TỔ CHỨC THỰC HIỆN
Giao bộ phận chuyên môn triển khai:
- Tổ chức hội thi theo đúng kế hoạch;
- Tổng hợp kết quả.
Đề nghị Hiệu trưởng các trường:
- Cử giáo viên tham gia đầy đủ.
""")
    assert [(d.party, len(d.tasks)) for d in rec.responsibilities] == [
        ("bộ phận chuyên môn", 2), ("Hiệu trưởng các trường", 1)]


def test_qualified_and_heading_labels(tmp_path):
    rec = rec_of(tmp_path, """I. NỘI DUNG
1. Thời gian nhận hồ sơ
Từ ngày 08/5/2024 đến hết ngày 22/5/2024
2. Địa điểm nộp hồ sơ: Phòng Đào tạo, Khu K
- Thời gian đăng tải lấy ý kiến: 10 ngày kể từ ngày 30/5/2024 đến hết ngày 08/6/2024.
""")
    got = {(e.start, e.end): e for e in rec.events}
    assert ("2024-05-08", "2024-05-22") in got
    assert got[("2024-05-08", "2024-05-22")].what == "Nhận hồ sơ"
    assert ("2024-05-30", "2024-06-08") in got
    assert got[("2024-05-30", "2024-06-08")].what == "Đăng tải lấy ý kiến"


def test_venue_in_a_sentence_keeps_its_address(tmp_path):
    rec = rec_of(tmp_path, """Ban Thường vụ tổ chức Hội nghị vào lúc 14 giờ 00, ngày 25/3/2024 (Thứ Hai), tại Trụ sở
Tiếp công dân xã (Số 15 đường Hoàng Diệu, xã Hiệp An, huyện Đức Trọng), để lắng nghe ý kiến.
Ban Chấp hành tổ chức tập huấn ngày 28/3/2024 tại Khách sạn Bình Minh – đường Lê Lợi, thành phố Đà Lạt, tỉnh Lâm Đồng.
Ban Chấp hành tổ chức giao lưu ngày 29/3/2024 tại Hội trường B, Văn phòng UBND xã, theo chương trình.
""")
    venues = {e.start[:10]: e.venues for e in rec.events}
    assert venues["2024-03-25"] == ["Trụ sở Tiếp công dân xã (Số 15 đường Hoàng Diệu, xã Hiệp An, huyện Đức Trọng)"]
    assert venues["2024-03-28"] == ["Khách sạn Bình Minh – đường Lê Lợi, thành phố Đà Lạt, tỉnh Lâm Đồng"]
    assert venues["2024-03-29"] == ["Hội trường B, Văn phòng UBND xã"]


def test_directive_addressing_bodies_by_numbered_sections(tmp_path):
    # no "Tổ chức thực hiện" heading: each numbered section names the body it addresses
    rec = rec_of(tmp_path, """1. Công an xã
- Tăng cường tuần tra, kiểm soát;
- Xử lý nghiêm các hành vi vi phạm.
2. Trường THCS Hiệp An
- Tuyên truyền đến học sinh.
3. Quý I năm 2024
- Sơ kết công tác.
""")
    assert [(d.party, len(d.tasks)) for d in rec.responsibilities] == [("Công an xã", 2), ("Trường THCS Hiệp An", 1)]


def test_task_in_capitals_after_a_dash_is_not_part_of_the_party(tmp_path):
    rec = rec_of(tmp_path, """III. TỔ CHỨC THỰC HIỆN
1. Phòng Hành chính - Tổng hợp - Chủ trì, phối hợp với các đơn vị chuẩn bị hội trường.
2. Văn phòng Đoàn: Theo dõi, tổng hợp kết quả.
""")
    assert [d.party for d in rec.responsibilities] == ["Phòng Hành chính - Tổng hợp", "Văn phòng Đoàn"]


def test_a_scan_without_its_day_and_month_still_dates_what_it_cites(tmp_path):
    import dataclasses

    from pipeline.extract import extract_record, load_document

    head = HEAD.replace("Hiệp An, ngày 02 tháng 3 năm 2024", "Hiệp An, ngày    tháng    năm 2024")
    p = tmp_path / "scan.txt"
    p.write_text(head + "Ngày 22/11/2023, Ban Thường vụ tổ chức hội nghị sơ kết.\n"
                 "Ban Thường vụ tổ chức hội thi vào ngày 15/5/2024 tại Nhà văn hóa xã.\n" + FOOT, encoding="utf-8")
    doc = load_document(p)
    doc.pages[:] = [dataclasses.replace(pg, source="ocr") for pg in doc.pages]
    rec = extract_record(doc)
    assert rec.issue_date is None
    assert [e.start[:10] for e in rec.events] == ["2024-05-15"]


def test_same_month_in_two_labelled_sections_is_two_activities(tmp_path):
    rec = rec_of(tmp_path, """II. NỘI DUNG
1. Lớp bồi dưỡng dành cho cán bộ Đoàn
1.1. Thời gian: Tháng 7/2024
1.2. Nội dung: Khóa kỹ năng số
2. Lớp bồi dưỡng dành cho đoàn viên
2.1. Thời gian: Tháng 7/2024
2.2. Nội dung: Khóa kỹ năng số
""")
    assert [e.start for e in rec.events] == ["2024-07", "2024-07"]


def test_items_whose_subject_is_a_body_are_duties(tmp_path):
    # an invitation without a duties part: its lettered items open with the body that prepares
    rec = rec_of(tmp_path, """1. Thời gian: 8 giờ 00, ngày 28/3/2024.
2. Chuẩn bị hội nghị
a) Văn phòng Đoàn xã chuẩn bị hội trường, trang thiết bị phục vụ Hội nghị.
b) Trạm Y tế xã chuẩn bị báo cáo, tài liệu cho các đại biểu.
c) Hội nghị có 50 đại biểu tham dự.
""")
    assert [d.party for d in rec.responsibilities] == ["Văn phòng Đoàn xã", "Trạm Y tế xã"]
    assert rec.responsibilities[1].tasks == ["Trạm Y tế xã chuẩn bị báo cáo, tài liệu cho các đại biểu."]


def test_a_lone_item_about_a_body_is_not_a_duty(tmp_path):
    rec = rec_of(tmp_path, """1. Thời gian: 8 giờ 00, ngày 28/3/2024.
2. Ý nghĩa
a) Trạm Y tế xã chuẩn bị tốt các điều kiện trong năm qua.
""")
    assert rec.responsibilities == []


def test_bodies_asked_in_a_letter_and_a_request_cited_is_not_one(tmp_path):
    rec = rec_of(tmp_path, """Theo đề nghị của Trạm Y tế xã tại Tờ trình số 12/TTr-TYT,
Đoàn xã đề nghị các đơn vị đăng ký danh sách tham gia trước ngày 20/3/2024.
Giao Bí thư Chi đoàn thôn 2 tổ chức triển khai thực hiện.
""")
    assert [d.party for d in rec.responsibilities] == ["các đơn vị", "Bí thư Chi đoàn thôn 2"]


def test_parts_addressed_with_doi_voi_name_the_parties(tmp_path):
    rec = rec_of(tmp_path, """Đoàn xã đề nghị các chi đoàn và Trạm Y tế xã thực hiện các công việc sau:
1. Đối với các chi đoàn:
a) Rà soát danh sách đoàn viên.
b) Báo cáo kết quả về Đoàn xã.
2. Đối với Trạm Y tế xã:
a) Cử cán bộ hỗ trợ khám sức khỏe.
""")
    assert [(d.party, len(d.tasks)) for d in rec.responsibilities] == [("các chi đoàn", 2), ("Trạm Y tế xã", 1)]


def test_quarter_headings_are_not_bodies_on_a_scan():
    from extractors.orgs import is_org_start

    assert not is_org_start("Quý II năm 2020") and not is_org_start("QUÝ IV NĂM 2020")
    assert is_org_start("QUỸ BẢO TRỢ TRẺ EM") and is_org_start("Hội Liên hiệp Phụ nữ")


def test_the_plans_venue_is_kept_when_no_date_is_given(tmp_path):
    # "Địa điểm:" names where the activity happens even when its time gives no date to schedule
    rec = rec_of(tmp_path, """1. Thời gian: sẽ thông báo sau.
2. Địa điểm: Phòng học A101 và A103 - Khu K.
""")
    assert rec.venues == ["Phòng học A101 và A103 - Khu K"]  # "A103 - Khu K" is no place on its own
    assert rec.events == []


def test_start_and_end_columns_of_a_table_give_one_range(tmp_path):
    lines = ["SỞ GIÁO DỤC VÀ ĐÀO TẠO", "Số: 15/KH-SGDĐT", "Hà Nội, ngày 01 tháng 11 năm 2025", "KẾ HOẠCH",
             "Tổ chức bồi dưỡng giáo viên", ""]
    rows = [["STT", "Tên lớp", "Ngày bắt đầu", "Ngày kết thúc", "Công bố kết quả"],
            ["1", "Dạy học STEM", "Thứ Bảy 13/12/2025", "Thứ Bảy 20/12/2025", "27/12/2025"],
            ["2", "Chuyển đổi số", "07g00 ngày 10/01/2026", "17g00 ngày 16/01/2026", "20/01/2026"]]
    path = ruled_table_docx(tmp_path / "lop.docx", lines, rows)
    r = extract_file(path).record
    assert [(e.start, e.end, e.what) for e in r.events] == [
        ("2025-12-13", "2025-12-20", "Dạy học STEM"), ("2026-01-10T07:00", "2026-01-16", "Chuyển đổi số")]


def test_a_heading_for_time_and_venue_takes_the_range_under_it(tmp_path):
    rec = rec_of(tmp_path, """II. THỜI GIAN - ĐỊA ĐIỂM
- Từ ngày 10 tháng 4 năm 2024 đến ngày 28 tháng 4 năm 2024.
""")
    assert [(e.start, e.end) for e in rec.events] == [("2024-04-10", "2024-04-28")]


def test_rows_of_a_table_without_a_content_column_are_named_by_their_other_cells(tmp_path):
    lines = ["SỞ GIÁO DỤC VÀ ĐÀO TẠO", "Số: 16/KH-SGDĐT", "Hà Nội, ngày 01 tháng 11 năm 2025", "KẾ HOẠCH",
             "Tổ chức cuộc thi sáng tạo nội dung", ""]
    rows = [["Giải", "Thời gian bắt đầu", "Thời gian kết thúc", "Công bố kết quả"],
            ["Tuần 1", "07g00 ngày 10/11/2025", "17g00 ngày 16/11/2025", "19/11/2025"],
            ["Tuần 2", "07g00 ngày 17/11/2025", "17g00 ngày 23/11/2025", "26/11/2025"]]
    path = ruled_table_docx(tmp_path / "giai.docx", lines, rows)
    r = extract_file(path).record
    assert [(e.start, e.end, e.what) for e in r.events] == [
        ("2025-11-10T07:00", "2025-11-16", "Tuần 1"), ("2025-11-17T07:00", "2025-11-23", "Tuần 2")]


def test_several_activities_with_their_own_head_counts_give_no_count_for_the_whole(tmp_path):
    one = rec_of(tmp_path, "1. Thời gian: ngày 16/7/2024.\n2. Số lượng: Dự kiến 100 người.\n")
    assert one.participant_count == 100
    several = rec_of(tmp_path, """1. Lớp cơ bản
1.1. Thời gian: Tháng 7/2024
1.2. Số lượng: Dự kiến 100 người
2. Lớp nâng cao
2.1. Thời gian: Tháng 8/2024
2.2. Số lượng: Dự kiến khoảng 500 người
""")
    assert several.participant_count is None


def test_a_decisions_article_handing_a_body_its_work_is_a_duty(tmp_path):
    p = tmp_path / "qd.txt"
    p.write_text("""ỦY BAN NHÂN DÂN
TỈNH QUẢNG BÌNH
Số: 12/QĐ-UBND
Quảng Bình, ngày 14 tháng 02 năm 2025

QUYẾT ĐỊNH
Về việc công bố danh mục thủ tục hành chính

CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
QUYẾT ĐỊNH:
Điều 1. Công bố kèm theo Quyết định này danh mục thủ tục hành chính.
Điều 2. Sở Giao thông vận tải có trách nhiệm xây dựng quy trình giải quyết thủ tục hành chính.
Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc Sở Giao thông vận tải chịu trách nhiệm thi hành Quyết định này./.

Nơi nhận:
- Như Điều 3;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn An
""", encoding="utf-8")
    rec = extract_file(p).record
    assert [(d.party, d.tasks) for d in rec.responsibilities] == [
        ("Sở Giao thông vận tải",
         ["Sở Giao thông vận tải có trách nhiệm xây dựng quy trình giải quyết thủ tục hành chính."])]


def test_deadlines_to_approve_issue_or_hold_something(tmp_path):
    rec = rec_of(tmp_path, """Đề nghị Ủy ban nhân dân xã phê duyệt Kế hoạch của địa phương trước ngày 01/9/2024.
Chi đoàn thôn 2 tổ chức đại hội chậm nhất đến ngày 30/9/2024.
""")
    assert [(e.kind, e.start) for e in rec.events] == [("deadline", "2024-09-01"), ("deadline", "2024-09-30")]


def test_items_led_by_their_day_are_a_detailed_schedule(tmp_path):
    # Word's Symbol-font bullet (U+F0B7) and "dd/mm:" items, the year from the plan
    rec = rec_of(tmp_path, """V. LỊCH CHI TIẾT
Tuần 1 – Giai đoạn tuyên truyền:
\uf0b7 15/3: Phát động cuộc thi qua loa, Fanpage.
\uf0b7 20/3: Hội thảo khởi nghiệp khối 10-12, mời cựu học sinh
thành đạt.
- Ngày 25/3 – Hạn đăng ký nhóm dự thi.
Tỷ lệ 10/12 lớp đã đăng ký.
""")
    assert [(e.start, e.what) for e in rec.events] == [
        ("2024-03-15", "Phát động cuộc thi qua loa, Fanpage"),
        ("2024-03-20", "Hội thảo khởi nghiệp khối 10-12, mời cựu học sinh thành đạt"),
        ("2024-03-25", "Hạn đăng ký nhóm dự thi"),
    ]


def test_a_time_and_venue_column_gives_both(tmp_path):
    import docx

    d = docx.Document()
    for line in ["SỞ GIÁO DỤC VÀ ĐÀO TẠO", "Số: 17/KH-SGDĐT", "Hà Nội, ngày 01 tháng 11 năm 2025", "KẾ HOẠCH",
                 "Tổ chức đồng diễn võ nhạc", ""]:
        d.add_paragraph(line)
    rows = [["STT", "Thời gian - Địa điểm", "Đại biểu tham dự"],
            ["1", "10g00, ngày 18/11/2025 Trường THPT chuyên Lê Hồng Phong", "Lãnh đạo Sở"],
            ["2", "14g00, ngày 19/11/2025 Trường THPT Marie Curie", "Lãnh đạo Sở"]]
    t = d.add_table(rows=3, cols=3, style="Table Grid")  # ruled: a table, not the page's layout
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            t.cell(i, j).text = text
    path = tmp_path / "dong-dien.docx"
    d.save(path)
    r = extract_file(path).record
    assert [(e.start, e.venues) for e in r.events] == [
        ("2025-11-18T10:00", ["Trường THPT chuyên Lê Hồng Phong"]),
        ("2025-11-19T14:00", ["Trường THPT Marie Curie"])]


def test_a_venue_label_naming_the_place_after_tai(tmp_path):
    rec = rec_of(tmp_path, """1. Thời gian: ngày 20/3/2024.
2. Địa điểm: Đoàn viên đi thực tế tại Nhà văn hóa xã Hiệp An.
""")
    assert rec.venues == ["Nhà văn hóa xã Hiệp An"]
    # the label says it is a place, even without a head noun that names one
    rec = rec_of(tmp_path, """1. Thời gian: ngày 20/3/2024.
2. Địa điểm: Sinh viên đi thực tế tại các công ty phần mềm trong tỉnh.
""")
    assert rec.venues == ["các công ty phần mềm trong tỉnh"]


def test_an_activity_heading_and_its_content_label_both_name_it(tmp_path):
    rec = rec_of(tmp_path, """2. Lớp bồi dưỡng cho cán bộ quản lý giáo dục
2.1. Thời gian: Tháng 7/2024
2.2. Số lượng: Dự kiến khoảng 500 người
2.3. Nội dung: Khóa “Giáo dục số”
""")
    assert [e.what for e in rec.events] == ["Lớp bồi dưỡng cho cán bộ quản lý giáo dục: Khóa “Giáo dục số”"]


DECISION_WITH_REGULATION = """\
ỦY BAN NHÂN DÂN                  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH LÂM ĐỒNG                          Độc lập - Tự do - Hạnh phúc
Số: 12/2021/QĐ-UBND                   Lâm Đồng, ngày 5 tháng 4 năm 2021

QUYẾT ĐỊNH
Ban hành Quy chế quản lý nhà văn hóa thôn

ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý nhà văn hóa thôn.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc các sở chịu trách nhiệm thi hành Quyết định này./.

Nơi nhận:                                              TM. ỦY BAN NHÂN DÂN
- Như Điều 3;                                          CHỦ TỊCH
- Lưu: VT.
                                                       Trần Văn Hiệp

ỦY BAN NHÂN DÂN                  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH LÂM ĐỒNG                          Độc lập - Tự do - Hạnh phúc

QUY CHẾ
Quản lý nhà văn hóa thôn
(Ban hành kèm theo Quyết định số 12/2021/QĐ-UBND ngày 5/4/2021 của UBND tỉnh)

Chương I
QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
Quy chế này quy định việc quản lý nhà văn hóa thôn.
Chương II
TỔ CHỨC THỰC HIỆN QUY CHẾ
Điều 2. Sở Văn hóa, Thể thao và Du lịch
1. Hướng dẫn, kiểm tra việc thực hiện Quy chế này.
2. Tổng hợp, báo cáo UBND tỉnh kết quả thực hiện
hằng năm.
Điều 3. Trách nhiệm của Ủy ban nhân dân các huyện
1. Chỉ đạo Ủy ban nhân dân cấp xã quản lý nhà văn hóa thôn.
Điều 4. Sửa đổi, bổ sung
Việc sửa đổi Quy chế do Sở Văn hóa, Thể thao và Du lịch đề xuất.
"""


def test_a_decisions_duties_in_the_regulation_issued_with_it(tmp_path):
    p = tmp_path / "qd.txt"
    p.write_text(DECISION_WITH_REGULATION, encoding="utf-8")
    duties = {r.party: r.tasks for r in extract_file(p).record.responsibilities}
    # the articles titled by a body give its duties; the closing execution article and an article
    # about something else give none
    assert duties == {
        "Sở Văn hóa, Thể thao và Du lịch": ["Hướng dẫn, kiểm tra việc thực hiện Quy chế này.",
                                            "Tổng hợp, báo cáo UBND tỉnh kết quả thực hiện hằng năm."],
        "Ủy ban nhân dân các huyện": ["Chỉ đạo Ủy ban nhân dân cấp xã quản lý nhà văn hóa thôn."],
    }
    # without the annex's own "kèm theo" line what follows the signature is another document
    p.write_text(DECISION_WITH_REGULATION.replace("(Ban hành kèm theo Quyết định số 12/2021/QĐ-UBND ngày "
                                                  "5/4/2021 của UBND tỉnh)\n", ""), encoding="utf-8")
    p.write_text(p.read_text(encoding="utf-8").replace("Điều 1. Ban hành kèm theo", "Điều 1. Ban hành"),
                 encoding="utf-8")
    assert extract_file(p).record.responsibilities == []


def test_a_programme_of_hours_takes_the_day_written_above_it(tmp_path):
    lines = ["SỞ GIÁO DỤC VÀ ĐÀO TẠO", "Số: 15/KH-SGDĐT", "Lâm Đồng, ngày 01 tháng 4 năm 2026", "KẾ HOẠCH",
             "Đón tiếp Đoàn kiểm tra của Bộ", "",
             "Đoàn kiểm tra làm việc tại Sở vào ngày 18/4/2026.",  # the day, also a dated sentence
             "CHƯƠNG TRÌNH LÀM VIỆC NGÀY 18/4/2026"]
    rows = [
        ["Thời gian", "Nội dung", "Thực hiện"],
        ["8h30 - 8h35", "Tuyên bố lí do, giới thiệu đại biểu", "Văn phòng Sở"],
        ["8h35 - 9h00", "Báo cáo kết quả thực hiện", "Giám đốc Sở"],
        ["9h00 - 10h30", "Khảo sát tại trường", "Đoàn kiểm tra"],
    ]
    path = ruled_table_docx(tmp_path / "ct.docx", lines, rows, ("", "Nơi nhận:", "- Lưu VT."))
    got = [(e.start, e.what) for e in extract_file(path).record.events]
    # each row is an activity of its own at its hour; the day itself stays one event
    assert ("2026-04-18T08:30", "Tuyên bố lí do, giới thiệu đại biểu") in got
    assert ("2026-04-18T08:35", "Báo cáo kết quả thực hiện") in got
    assert ("2026-04-18T09:00", "Khảo sát tại trường") in got
    assert len([s for s, _ in got if s.startswith("2026-04-18")]) == 4


def test_a_place_after_tai_in_day_led_and_timed_items(tmp_path):
    body = """II. NỘI DUNG
1. Lịch thi
- 05/3: Vòng loại các chi đoàn (thi trực tuyến).
- 07/3: Chung kết cấp xã (thuyết trình trực tiếp tại hội trường UBND xã).
2. Ngày 26 tháng 3 năm 2024 (Thứ ba)
- 7h30: Diễu hành tại Quảng trường trung tâm xã;
- 9h00: Giao lưu văn nghệ tại Nhà văn hóa thôn 2.
"""
    r = rec_of(tmp_path, body)
    by_day = {e.start: e.venues for e in r.events}
    assert by_day["2024-03-05"] == []
    assert by_day["2024-03-07"] == ["hội trường UBND xã"]
    assert by_day["2024-03-26T07:30"] == ["Quảng trường trung tâm xã"]
    assert by_day["2024-03-26T09:00"] == ["Nhà văn hóa thôn 2"]


def test_duty_sentences_whose_subject_is_a_body(tmp_path):
    rec = rec_of(tmp_path, """II. NỘI DUNG
Sở Giao thông vận tải chủ trì, phối hợp với các đơn vị tổ chức hội nghị tổng kết.
Văn phòng UBND tỉnh có trách nhiệm cập nhật nội dung các thủ tục lên Cổng dịch vụ công.
Đề nghị các sở, ban, ngành và các cơ quan, tổ chức có liên quan phối hợp thực hiện.
Chánh Văn phòng UBND tỉnh chịu trách nhiệm thi hành Quyết định này.
""")
    parties = [d.party for d in rec.responsibilities]
    # a duty verb after the subject is enough; "tổ chức có liên quan" are bodies, not the verb
    assert parties == ["Sở Giao thông vận tải", "Văn phòng UBND tỉnh",
                       "các sở, ban, ngành và các cơ quan, tổ chức có liên quan"]


def test_a_table_under_a_cited_document_or_without_hours_is_no_programme(tmp_path):
    def table_doc(line_above: str, rows: list[list[str]]):
        lines = ["SỞ GIÁO DỤC VÀ ĐÀO TẠO", "Số: 15/QĐ-SGDĐT", "Lâm Đồng, ngày 01 tháng 4 năm 2026",
                 "QUYẾT ĐỊNH", "Công bố danh mục thủ tục hành chính", "", line_above]
        return extract_file(ruled_table_docx(tmp_path / "t.docx", lines, rows)).record.events

    procedures = [["TT", "Tên thủ tục", "Thời gian giải quyết"], ["1", "Tuyển sinh trung học", "05 ngày"],
                  ["2", "Cấp bằng tốt nghiệp", "10 ngày"]]
    assert table_doc("(Kèm theo Quyết định số 15/QĐ-SGDĐT ngày 20/4/2026)", procedures) == []
    # a day above, but rows without an hour: a list, not a programme of the day
    steps = [["Thời gian", "Nội dung"], ["Sáng", "Đón tiếp đại biểu"], ["Chiều", "Làm việc tại trường"]]
    whats = [e.what for e in table_doc("Chương trình làm việc ngày 20/4/2026", steps)]
    assert "Đón tiếp đại biểu" not in whats and "Làm việc tại trường" not in whats


def test_a_weekly_schedule_ending_in_its_table_has_no_signer_from_the_cells(tmp_path):
    rows = [["Ngày", "Thời gian", "Nội dung", "Địa điểm"],
            ["Thứ 2 (11/11/2019)", "07h30", "Kiểm tra công tác tại xã", "Đắk Mol"],
            ["Thứ 3 (12/11/2019)", "08h00", "Họp giao ban", "Đức An"]]
    path = ruled_table_docx(tmp_path / "lich.docx", ["UBND HUYỆN ĐẮK MIL", "LỊCH CÔNG TÁC TUẦN",
                                                    "Từ ngày 11/11/2019 đến ngày 17/11/2019"], rows)
    r = extract_file(path).record
    assert r.signer_name is None
    assert [e.venues for e in r.events] == [["Đắk Mol"], ["Đức An"]]


def test_a_venue_label_over_a_list_of_places(tmp_path):
    rec = rec_of(tmp_path, """II. NỘI DUNG
1. Thời gian nhận hồ sơ
Từ ngày 08/5/2024 đến hết ngày 22/5/2024
2. Địa điểm nộp hồ sơ
Tại các đơn vị sau:
- Văn phòng Đoàn xã: Phòng 101, nhà A;
- Phòng Đào tạo: Phòng V.A103;
- Nhà văn hóa thôn 2;
- Trung tâm học liệu: Khu K, Viện Khoa học.
""")
    assert rec.venues == ["Văn phòng Đoàn xã: Phòng 101, nhà A", "Phòng Đào tạo: Phòng V.A103", "Nhà văn hóa thôn 2",
                          "Trung tâm học liệu: Khu K, Viện Khoa học"]


def test_an_assignment_task_is_its_own_clause_or_item(tmp_path):
    rec = rec_of(tmp_path, """Xét đề nghị của Sở Nội vụ, Chủ tịch Ủy ban nhân dân tỉnh có ý kiến như sau: Giao Sở
Nội vụ tổ chức triển khai thực hiện Quyết định số 838/QĐ-BNV.
- Thủ tục hành chính được tiếp nhận tại Bộ phận Một cửa.
- Giao Sở Giáo dục và Đào tạo xây dựng quy trình giải quyết nội bộ;
- Giao Sở Tài chính bố trí kinh phí.
""")
    tasks = {d.party: d.tasks for d in rec.responsibilities}
    assert tasks["Sở Nội vụ"] == ["Giao Sở Nội vụ tổ chức triển khai thực hiện Quyết định số 838/QĐ-BNV."]
    assert tasks["Sở Giáo dục và Đào tạo"] == ["Giao Sở Giáo dục và Đào tạo xây dựng quy trình giải quyết nội bộ"]
    assert tasks["Sở Tài chính"] == ["Giao Sở Tài chính bố trí kinh phí."]


def test_markdown_headings_over_duties_and_a_day_heading_over_its_programme(tmp_path):
    p = tmp_path / "kh.md"
    p.write_text(HEAD + """## II. NỘI DUNG

#### NGÀY 1: THỨ HAI, NGÀY 24/3/2024

| Thời gian | Nội dung | Phụ trách |
|---|---|---|
| 7h00 - 7h15 | Ổn định tổ chức | Ban Giám hiệu |
| 7h15 - 8h00 | Chuyên đề 1: An toàn giao thông | Công an xã |

## III. TỔ CHỨC THỰC HIỆN

### 1. Ban Giám hiệu nhà trường

- Chỉ đạo toàn diện, phê duyệt kế hoạch.
- Bố trí cơ sở vật chất.

### 2. Giáo viên chủ nhiệm các lớp

- Điểm danh và quản lý học sinh.
""" + FOOT, encoding="utf-8")
    r = extract_file(p).record
    assert [(d.party, len(d.tasks)) for d in r.responsibilities] == [
        ("Ban Giám hiệu nhà trường", 2), ("Giáo viên chủ nhiệm các lớp", 1)]
    # the day heading is the programme's day, not an event of its own beside the rows
    assert [e.start for e in r.events if e.start.startswith("2024-03-24")] == ["2024-03-24T07:00", "2024-03-24T07:15"]


def test_a_schedules_header_repeated_on_the_next_page_is_no_event(tmp_path):
    import docx

    d = docx.Document()
    for line in ["TRƯỜNG ĐẠI HỌC CÔNG THƯƠNG", "Số: 75/KH-ĐHCT", "KẾ HOẠCH", "Khảo sát sự hài lòng", ""]:
        d.add_paragraph(line)
    rows = [["TT", "Nội dung công việc", "Thời gian", "Đơn vị thực hiện"],
            ["1", "Ban hành kế hoạch", "27/6/2026", "Trung tâm QLCL"],
            ["", "Nội dung công việc", "", "hức hiện"],  # the header again over a page break, OCR-garbled
            ["2", "Triển khai khảo sát trực tuyến", "29/6/2026", "Các khoa"]]
    t = d.add_table(rows=4, cols=4)
    t.style = "Table Grid"
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            t.cell(i, j).text = text
    t.cell(1, 2).merge(t.cell(2, 2))
    t.cell(1, 2).text = "27/6/2026"
    path = tmp_path / "kh.docx"
    d.save(path)
    assert [(e.start, e.what) for e in extract_file(path).record.events] == [
        ("2026-06-27", "Ban hành kế hoạch"), ("2026-06-29", "Triển khai khảo sát trực tuyến")]


def test_a_list_item_without_a_full_stop_is_not_part_of_the_next_sentence(tmp_path):
    r = rec_of(tmp_path, """I. NỘI DUNG THI

Kỹ năng thi gồm:
+ Nghe hiểu (Listening)
+ Đọc hiểu (Reading)
Đề nghị các đoàn viên đăng ký dự thi hoàn thành việc nộp lệ phí trước ngày 25/3/2024 để
được tham gia thi.
""")
    deadline = next(e for e in r.events if e.kind == "deadline")
    assert deadline.start == "2024-03-25"
    assert deadline.what.startswith("Đề nghị các đoàn viên") and "Reading" not in deadline.what


def test_a_time_line_under_an_item_dates_the_item(tmp_path):
    r = rec_of(tmp_path, """II. TỔ CHỨC THỰC HIỆN

1. Giao Văn phòng Đoàn xã
- Tổng hợp danh sách đoàn viên ưu tú của các chi đoàn, đối chiếu hồ sơ và lập danh sách
đề nghị kết nạp Đảng.
Thời gian hoàn thành trước ngày 31 tháng 5 năm 2024.
2. Giao các chi đoàn
Rà soát, cập nhật sổ đoàn viên của chi đoàn. Thời gian thực hiện hoàn thành xong trước ngày 15/5/2024.
- Thời gian trước ngày 20/5/2024 để tổng hợp báo cáo Huyện Đoàn.
""")
    due = {e.start: e.what for e in r.events if e.kind == "deadline"}
    assert due["2024-05-31"].startswith("Tổng hợp danh sách đoàn viên ưu tú") and "kết nạp Đảng" in due["2024-05-31"]
    assert due["2024-05-15"].startswith("Rà soát, cập nhật sổ đoàn viên")
    # a time line that names its own task keeps it
    assert due["2024-05-20"].startswith("Thời gian trước ngày 20/5/2024 để tổng hợp báo cáo")


def test_topic_headings_in_a_duties_part_are_not_parties(tmp_path):
    r = rec_of(tmp_path, """III. TỔ CHỨC THỰC HIỆN

1. Văn phòng Đoàn xã
- Chuẩn bị hội trường, âm thanh, ánh sáng.
2. Các chi đoàn
- Cử đoàn viên tham gia đầy đủ.
3. Kinh phí thực hiện
- Từ nguồn kinh phí hoạt động năm 2024 của Đoàn xã.
4. Chế độ báo cáo
- Các chi đoàn báo cáo kết quả về Đoàn xã trước ngày 30/4/2024.
""")
    assert [d.party for d in r.responsibilities] == ["Văn phòng Đoàn xã", "Các chi đoàn"]


def test_a_sibling_section_that_names_a_body_and_its_duty_in_one_sentence(tmp_path):
    rec = rec_of(tmp_path, """1. Công an xã
- Tăng cường tuần tra, kiểm soát;
- Xử lý nghiêm các hành vi vi phạm.
2. Trường THCS Hiệp An
- Tuyên truyền đến học sinh.
3. Các ban, ngành liên quan theo chức năng, nhiệm vụ được giao phối hợp với Công an xã thực hiện tốt kế hoạch này.
* * *
""")
    duties = {d.party: d.tasks for d in rec.responsibilities}
    assert list(duties) == ["Công an xã", "Trường THCS Hiệp An", "Các ban, ngành liên quan"]
    assert duties["Các ban, ngành liên quan"] == ["Các ban, ngành liên quan theo chức năng, nhiệm vụ được giao phối "
                                                  "hợp với Công an xã thực hiện tốt kế hoạch này."]


def test_a_programme_of_items_led_by_their_hours(tmp_path):
    r = rec_of(tmp_path, """I. THỜI GIAN, ĐỊA ĐIỂM

- Thời gian: từ 07h30 – 11h00 thứ bảy, ngày 23/3/2024
- Địa điểm: Hội trường Nhà văn hóa xã

II. CHƯƠNG TRÌNH

- 07 h 00 – 07 h 30: Tập trung, ổn định chỗ ngồi
- 07 h 30 – 07 h 45: Chương trình văn nghệ chào mừng
- 07 h 45 – 08 h 00: Tuyên bố lý do, giới thiệu đại biểu
""")
    items = [e for e in r.events if e.end and e.end < "2024-03-23T09:00"]  # (not the whole morning)
    assert [(e.start, e.end, e.what) for e in items] == [
        ("2024-03-23T07:00", "2024-03-23T07:30", "Tập trung, ổn định chỗ ngồi"),
        ("2024-03-23T07:30", "2024-03-23T07:45", "Chương trình văn nghệ chào mừng"),
        ("2024-03-23T07:45", "2024-03-23T08:00", "Tuyên bố lý do, giới thiệu đại biểu")]
    assert all(e.venues == ["Hội trường Nhà văn hóa xã"] for e in items)


def test_hours_without_a_day_above_are_no_events(tmp_path):
    r = rec_of(tmp_path, """I. NỘI DUNG

Các buổi sinh hoạt của câu lạc bộ diễn ra hằng tuần theo khung giờ:
- 07 h 00 – 07 h 30: Tập trung, ổn định chỗ ngồi
- 07 h 30 – 07 h 45: Chương trình văn nghệ chào mừng
""")
    assert not [e for e in r.events if "T07" in e.start]


def test_a_duty_tables_note_does_not_date_the_rows_below_it(tmp_path):
    path = ruled_table_docx(tmp_path / "plan.docx", HEAD.splitlines() + ["4. Phân công thực hiện"], [
        ["TT", "Công việc", "Phụ trách", "Ghi chú"],
        ["01", "Đọc quyết định tốt nghiệp", "Khoa Điện", "Chuẩn bị hồ sơ trước ngày 28.3.2024"],
        ["02", "Phát biểu chúc mừng", "Khoa Cơ khí", ""],
        ["03", "Chụp hình lưu niệm", "Văn phòng Đoàn", ""],
    ], after=tuple(FOOT.splitlines()))
    events = extract_file(path).record.events
    assert [e.start for e in events] == ["2024-03-28"]


def test_a_programme_table_without_a_header_row(tmp_path):
    path = ruled_table_docx(tmp_path / "plan.docx", HEAD.splitlines() + [
        "Thời gian: 08 giờ 30, ngày 18/4/2024.", "Chương trình làm việc:"], [
        ["8h30 - 8h35", "Tuyên bố lí do, giới thiệu đại biểu"],
        ["8h35 - 9h00", "Báo cáo tóm tắt kết quả hoạt động của Đoàn xã"],
        ["9h00 - 10h30", "Ý kiến của các chi đoàn"],
    ], after=tuple(FOOT.splitlines()))
    events = extract_file(path).record.events
    assert [(e.start, e.end) for e in events if e.end] == [
        ("2024-04-18T08:30", "2024-04-18T08:35"), ("2024-04-18T08:35", "2024-04-18T09:00"),
        ("2024-04-18T09:00", "2024-04-18T10:30")]


def test_a_duty_table_gives_each_responsible_party_its_rows(tmp_path):
    path = ruled_table_docx(tmp_path / "plan.docx", HEAD.splitlines() + ["III. PHÂN CÔNG THỰC HIỆN"], [
        ["TT", "Công việc", "Phụ trách", "Ghi chú"],
        ["01", "Chuẩn bị hội trường, âm thanh", "Văn phòng Đoàn xã", "Xong trước 7h00"],
        ["02", "Mời đại biểu dự lễ", "Đ/c Phó Bí thư", ""],
        ["03", "Trang trí khánh tiết", "Văn phòng Đoàn xã", ""],
        ["04", "Dự phòng", "", ""],
    ], after=tuple(FOOT.splitlines()))
    duties = extract_file(path).record.responsibilities
    assert [(d.party, d.tasks) for d in duties] == [
        ("Văn phòng Đoàn xã", ["Chuẩn bị hội trường, âm thanh", "Trang trí khánh tiết"]),
        ("Đ/c Phó Bí thư", ["Mời đại biểu dự lễ"])]


def test_a_schedule_table_is_no_duty_table(tmp_path):
    path = ruled_table_docx(tmp_path / "plan.docx", HEAD.splitlines(), [
        ["Thời gian", "Nội dung", "Địa điểm"],
        ["Ngày 05/4/2024", "Khai mạc hội trại", "Sân vận động xã"],
    ], after=tuple(FOOT.splitlines()))
    assert extract_file(path).record.responsibilities == []


def test_a_task_tables_blank_deadline_is_not_the_row_aboves(tmp_path):
    path = ruled_table_docx(tmp_path / "plan.docx", HEAD.splitlines(), [
        ["STT", "Nội dung", "Phụ trách", "Thời gian"],
        ["1", "Hoàn thiện hồ sơ đại hội chi đoàn", "Văn phòng Đoàn xã", "18/3/2024"],
        ["2", "Rà soát danh sách đoàn viên", "Các chi đoàn", ""],
        ["3", "Xây dựng lộ trình phát triển đoàn viên", "Ban Thường vụ", "Xuyên suốt"],
    ], after=tuple(FOOT.splitlines()))
    record = extract_file(path).record
    assert [e.start for e in record.events] == ["2024-03-18"]
    assert [d.party for d in record.responsibilities] == ["Văn phòng Đoàn xã", "Các chi đoàn", "Ban Thường vụ"]


def test_a_table_runs_on_over_a_running_footer(tmp_path):
    """A task table continued on the next page without its header, a running footer between: the
    rows of page 2 stay under the header's columns (who is responsible, which column is the date)."""
    from fixtures_office import register_fonts
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    register_fonts()
    path = tmp_path / "bien-ban.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    widths = [(60, 40), (100, 260), (360, 110), (470, 80)]

    def row(y: float, cells: list[str], bold: bool = False) -> None:
        c.setFont("Serif-Bold" if bold else "Serif", 11)
        for (x, w), text in zip(widths, cells, strict=True):
            c.rect(x, y - 6, w, 22, stroke=1, fill=0)
            c.drawString(x + 3, y, text)

    def footer(n: int) -> None:
        c.setFont("Serif", 9)
        c.drawString(60, 40, "Đoàn xã Hiệp An - Biên bản giao ban")
        c.drawString(480, 40, f"Trang {n}/2")

    c.setFont("Serif", 12)
    c.drawString(60, 800, "Số: 18-BB/ĐTN")
    c.drawString(300, 800, "Hiệp An, ngày 02 tháng 3 năm 2024")
    c.drawString(200, 770, "BIÊN BẢN GIAO BAN TUẦN 9")
    row(700, ["STT", "NỘI DUNG", "PHỤ TRÁCH", "THỜI GIAN"], bold=True)
    row(678, ["1.", "Hoàn thiện hồ sơ đại hội chi đoàn", "Văn phòng Đoàn", "18/3/2024"])
    footer(1)
    c.showPage()
    row(780, ["2.", "Rà soát danh sách đoàn viên", "Các chi đoàn", "20/3/2024"])
    row(758, ["3.", "Xây dựng lộ trình phát triển", "Ban Thường vụ", ""])
    footer(2)
    c.save()
    record = extract_file(path).record
    assert [(e.start, e.responsible) for e in record.events] == [("2024-03-18", "Văn phòng Đoàn"),
                                                                ("2024-03-20", "Các chi đoàn")]
    assert [d.party for d in record.responsibilities] == ["Văn phòng Đoàn", "Các chi đoàn", "Ban Thường vụ"]


def test_a_post_and_the_person_holding_it_are_the_party(tmp_path):
    r = rec_of(tmp_path, """III. PHÂN CÔNG NHIỆM VỤ

1. Trưởng ban: Ông Lê Văn Hòa – Chỉ đạo chung, duyệt kinh phí.
2. Phó Trưởng ban: Bà Nguyễn Thị Mai – Giám sát lịch trình các đội thi.
3. Văn phòng Đoàn: Chuẩn bị hội trường – âm thanh, ánh sáng.
""")
    assert [(d.party, d.tasks) for d in r.responsibilities] == [
        ("Trưởng ban: Ông Lê Văn Hòa", ["Chỉ đạo chung, duyệt kinh phí."]),
        ("Phó Trưởng ban: Bà Nguyễn Thị Mai", ["Giám sát lịch trình các đội thi."]),
        ("Văn phòng Đoàn", ["Chuẩn bị hội trường – âm thanh, ánh sáng."])]


def test_timed_rows_under_a_day_heading_end_when_their_hours_say(tmp_path):
    path = ruled_table_docx(tmp_path / "plan.docx", HEAD.splitlines() + ["NGÀY 23/3/2024 (THỨ BẢY)"], [
        ["Thời gian", "Nội dung", "Địa điểm"],
        ["7h00 - 7h30", "Đón tiếp đại biểu", "Hội trường xã"],
        ["7h30 - 9h00", "Khai mạc hội trại", "Sân vận động xã"],
    ], after=tuple(FOOT.splitlines()))
    timed = [(e.start, e.end) for e in extract_file(path).record.events if "T" in e.start]
    assert timed == [("2024-03-23T07:00", "2024-03-23T07:30"), ("2024-03-23T07:30", "2024-03-23T09:00")]


def test_time_and_venue_labels_on_one_line(tmp_path):
    r = rec_of(tmp_path, "Thời gian: 8h00, ngày 15/3/2024. Địa điểm: Hội trường UBND xã Hiệp An.\n")
    assert [(e.start, e.venues) for e in r.events] == [("2024-03-15T08:00", ["Hội trường UBND xã Hiệp An"])]


def test_one_label_for_time_and_place(tmp_path):
    r = rec_of(tmp_path, "Thời gian, địa điểm: 7h30 ngày 25/3/2024 tại Nhà văn hóa thôn 3, xã Hiệp An.\n")
    assert [(e.start, e.venues) for e in r.events] == [("2024-03-25T07:30", ["Nhà văn hóa thôn 3, xã Hiệp An"])]


def test_parties_one_level_under_a_responsibilities_heading(tmp_path):
    r = rec_of(tmp_path, """III. TỔ CHỨC THỰC HIỆN
1. Trách nhiệm của các đơn vị
a) Phòng Giáo dục và Đào tạo:
- Chỉ đạo các trường tổ chức tuyên truyền.
- Tổng hợp kết quả báo cáo UBND huyện.
b) Phòng Y tế:
- Phối hợp kiểm tra an toàn thực phẩm.
""")
    assert [(d.party, len(d.tasks)) for d in r.responsibilities] == [("Phòng Giáo dục và Đào tạo", 2),
                                                                     ("Phòng Y tế", 1)]


def test_a_party_asked_to_pay_attention_ends_before_the_verb(tmp_path):
    r = rec_of(tmp_path, """III. TỔ CHỨC THỰC HIỆN
1. Văn phòng Đoàn xã có trách nhiệm theo dõi, đôn đốc việc thực hiện kế hoạch.
2. Đề nghị UBND các xã, thị trấn quan tâm chỉ đạo triển khai thực hiện.
""")
    assert [d.party for d in r.responsibilities] == ["Văn phòng Đoàn xã", "UBND các xã, thị trấn"]


def test_an_annexed_programme_takes_the_plans_one_day_and_place(tmp_path):
    lines = HEAD.splitlines() + [
        "1. Thời gian: Buổi sáng, ngày 18 tháng 4 năm 2024, cụ thể tại Phụ lục.",
        "2. Địa điểm: Hội trường Ủy ban nhân dân xã Hiệp An.",
        "Đề nghị các chi đoàn cử đoàn viên tham dự đầy đủ.", "",
        "Phụ lục", "CHƯƠNG TRÌNH LÀM VIỆC",
        "(Kèm theo Kế hoạch số 18-KH/ĐTN ngày 02/3/2024 của Đoàn xã)"]
    path = ruled_table_docx(tmp_path / "plan.docx", lines, [
        ["THỜI GIAN", "NỘI DUNG"],
        ["8h30 - 8h35", "Tuyên bố lí do, giới thiệu đại biểu"],
        ["8h35 - 9h00", "Báo cáo kết quả hoạt động của Đoàn xã"],
        ["9h00 - 10h30", "Ý kiến của các chi đoàn"],
    ], after=tuple(FOOT.splitlines()))
    events = extract_file(path).record.events
    hall = ["Hội trường Ủy ban nhân dân xã Hiệp An"]
    timed = [(e.start, e.what, e.venues) for e in events if "T" in e.start]
    assert timed == [("2024-04-18T08:30", "Tuyên bố lí do, giới thiệu đại biểu", hall),
                     ("2024-04-18T08:35", "Báo cáo kết quả hoạt động của Đoàn xã", hall),
                     ("2024-04-18T09:00", "Ý kiến của các chi đoàn", hall)]
    assert "T" in events[0].start  # the day's items come before the day named alone


def test_hours_in_a_duty_tables_notes_are_not_events(tmp_path):
    lines = HEAD.splitlines() + ["1. Thời gian: từ 07h30 – 11h00, ngày 29/3/2024", "2. Phân công thực hiện"]
    path = ruled_table_docx(tmp_path / "plan.docx", lines, [
        ["TT", "Công việc", "Phụ trách", "Ghi chú"],
        ["01", "Nhận lễ phục tại thư viện", "Văn phòng Đoàn", "Mượn lúc 06h15, trả lúc 11h15"],
        ["02", "Dán vị trí chỗ ngồi", "Chi đoàn 12A1", ""],
        ["03", "Chụp hình lưu niệm", "Chi đoàn 12A2", ""],
    ], after=tuple(FOOT.splitlines()))
    assert [e.start for e in extract_file(path).record.events] == ["2024-03-29T07:30"]


@pytest.mark.parametrize("sentence, start, venue", [
    ("Đại hội Đoàn xã lần thứ X sẽ được tiến hành vào ngày 15/5/2024 tại Hội trường xã.", "2024-05-15",
     "Hội trường xã"),
    ("Hội trại truyền thống sẽ khai trại lúc 14h00 ngày 25/3/2024 tại Trường THCS Hiệp An.", "2024-03-25T14:00",
     "Trường THCS Hiệp An"),
    ("Giải bóng đá thanh niên khởi tranh từ ngày 01/4/2024 đến ngày 10/4/2024 tại sân bóng thôn 5.", "2024-04-01",
     "sân bóng thôn 5"),
    ("Đoàn xã phối hợp Trạm Y tế xã hiến máu tình nguyện vào sáng ngày 06/4/2024 tại Trạm Y tế xã.", "2024-04-06",
     "Trạm Y tế xã"),
])
def test_activities_named_in_a_sentence(tmp_path, sentence, start, venue):
    r = rec_of(tmp_path, sentence + "\n")
    assert [(e.start, e.venues) for e in r.events] == [(start, [venue])]


def test_a_meeting_held_the_day_the_letter_is_written_is_reported_not_scheduled(tmp_path):
    r = rec_of(tmp_path, "Ngày 02/3/2024, Ban Thường vụ Đoàn xã đã làm việc với các chi đoàn tại Hội trường xã.\n")
    assert r.events == []


def test_a_party_asked_to_study_a_letter_ends_before_its_verb(tmp_path):
    r = rec_of(tmp_path, "Đề nghị Thủ trưởng các đơn vị quán triệt, triển khai thực hiện nghiêm túc nội dung này.\n")
    assert [d.party for d in r.responsibilities] == ["Thủ trưởng các đơn vị"]


def test_items_naming_a_body_then_its_task_after_a_colon(tmp_path):
    r = rec_of(tmp_path, """II. CÔNG TÁC CHUẨN BỊ
a) Văn phòng Đoàn xã chuẩn bị hội trường, âm thanh.
b) Công an xã: Đảm bảo an ninh trật tự trong thời gian tổ chức.
c) Các chi đoàn chuẩn bị ý kiến tham luận tại Hội nghị.

Kính gửi các đơn vị:
- Các chi đoàn: Thôn 1, Thôn 2, Thôn 3, Thôn 4;
""")
    assert [d.party for d in r.responsibilities] == ["Văn phòng Đoàn xã", "Công an xã", "Các chi đoàn"]
    assert r.responsibilities[1].tasks == ["Đảm bảo an ninh trật tự trong thời gian tổ chức."]


def test_a_task_stops_at_a_table_under_it(tmp_path):
    lines = HEAD.splitlines() + ["III. TỔ CHỨC THỰC HIỆN",
                                 "1. Ban giám khảo: 03 thành viên (Ban Thường vụ, đại diện chi đoàn)"]
    path = ruled_table_docx(tmp_path / "plan.docx", lines, [
        ["STT", "Họ và tên", "Chức vụ", "Nhiệm vụ"],
        ["1", "Nguyễn Văn An", "Phó Bí thư", "Trưởng ban"],
    ], after=("2. Văn phòng Đoàn: Chuẩn bị giấy chứng nhận cho các đội thi.",) + tuple(FOOT.splitlines()))
    duties = {d.party: d.tasks for d in extract_file(path).record.responsibilities}
    assert duties["Ban giám khảo"] == ["03 thành viên (Ban Thường vụ, đại diện chi đoàn)"]


@pytest.mark.parametrize("line, count", [("Có mặt: 20 người; vắng mặt: 02.", 20),
                                         ("Có mặt: 18 Ban Thường vụ, bí thư các chi đoàn", 18)])
def test_the_minutes_attendance_is_the_head_count(tmp_path, line, count):
    r = rec_of(tmp_path, f"Thời gian: 8h00 ngày 20/3/2024.\n{line}\n")
    assert r.participant_count == count
