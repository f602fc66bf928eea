"""How plans, decisions, invitations and schedules date their work, where they hold it and who takes
part (the tenth round, twelfth session): a time line under a task card, a sentence whose subject is the
time of a work, a month written out in full, "kể từ ngày", a draft's blank month, weekly schedules
without a header, label tables, place labels over their items, head-count sentences, and the
grammar's false friends ("tổ chức" as a noun, "thi hành")."""

from __future__ import annotations

import docx
import pytest
from test_content import rec_of, ruled_table_docx

from pipeline.extract import extract_file


def test_a_bare_time_line_under_a_marked_task_dates_that_task(tmp_path):
    rec = rec_of(tmp_path, """IV. TỔ CHỨC THỰC HIỆN
1. Phòng Tài chính - Kế hoạch
- Tham mưu phân công nhiệm vụ cho các thành viên Ban Chỉ đạo kiểm kê.

Thời gian hoàn thành: Tháng 12/2025.

- Làm đầu mối tập huấn, hướng dẫn kiểm kê cho các xã, thị trấn.

Thời gian thực hiện: Tháng 11 - 12/2025.

2. Ủy ban nhân dân các xã
- Thành lập Tổ kiểm kê của xã.

Thời hạn hoàn thành: Trước ngày 30/11/2025.
""")
    got = {(e.start, e.end): e.what for e in rec.events}
    assert got[("2025-12", None)] == "Tham mưu phân công nhiệm vụ cho các thành viên Ban Chỉ đạo kiểm kê"
    assert got[("2025-11", "2025-12")] == "Làm đầu mối tập huấn, hướng dẫn kiểm kê cho các xã, thị trấn"
    assert got[("2025-11-30", None)] == "Thành lập Tổ kiểm kê của xã"


def test_a_time_line_that_is_an_item_of_its_own_keeps_its_heading(tmp_path):
    # "- Thời gian thực hiện: ..." as one item of a heading's card: the heading names the work
    rec = rec_of(tmp_path, """III. NỘI DUNG
1. Rà soát hệ thống văn bản quy phạm pháp luật của huyện
- Thời gian thực hiện: Tháng 10/2025.
""")
    assert [(e.start, e.what) for e in rec.events] == [
        ("2025-10", "Rà soát hệ thống văn bản quy phạm pháp luật của huyện")]


def test_a_sentence_whose_subject_is_the_time_of_a_work_gives_its_deadline(tmp_path):
    rec = rec_of(tmp_path, """II. THỜI GIAN
a) Thời gian thi đua: từ ngày 20/11/2025 đến ngày 03/12/2025.
b) Thời gian kiểm tra và đánh giá kết quả thực hiện, xếp hạng thi đua trước ngày 31 tháng 12 năm 2025.
""")
    got = {e.start: e for e in rec.events}
    assert got["2025-12-31"].kind == "deadline"
    assert "kiểm tra và đánh giá kết quả thực hiện" in got["2025-12-31"].what


def test_a_month_written_in_full_dates_the_report_due_in_it(tmp_path):
    rec = rec_of(tmp_path, """III. VỀ CÁC KIẾN NGHỊ CỦA TỈNH
1. Về sửa đổi quy định về chuyển mục đích sử dụng rừng: giao Sở Nông nghiệp và Môi trường chủ trì nghiên cứu,
đề xuất phương án xử lý, báo cáo Ủy ban nhân dân tỉnh, Chủ tịch Ủy ban nhân dân tỉnh trong tháng 12 năm 2025.
2. Về mở rộng cụm công nghiệp: giao Ban Quản lý làm việc với các nhà đầu tư để thống nhất phương án mở rộng,
báo cáo Ủy ban nhân dân tỉnh trong tháng
12 năm 2025.
3. Về kho dầu: Ủy ban nhân dân huyện chủ động bố trí quỹ đất, báo cáo kết quả thực hiện trong tháng 01 năm 2026.
""")
    months = sorted(e.start for e in rec.events)
    # each item is its own work due that month: two in December stay two
    assert months == ["2025-12", "2025-12", "2026-01"]
    whats = [e.what for e in rec.events if e.start == "2025-12"]
    assert any("chuyển mục đích sử dụng rừng" in w for w in whats)
    assert any("mở rộng cụm công nghiệp" in w for w in whats)


def test_a_month_a_text_reports_on_is_not_scheduled(tmp_path):
    rec = rec_of(tmp_path, "Trong tháng 10 năm 2023, các đơn vị đã tổ chức tuyên truyền và báo cáo kết quả về"
                           " Phòng Văn hóa.\n")
    assert rec.events == []


def test_organisations_named_in_a_dated_sentence_schedule_nothing(tmp_path):
    # "tổ chức" in "cơ quan, tổ chức, đơn vị" is the noun (an organisation), not the verb "to hold"
    rec = rec_of(tmp_path, """Điều 1. Ban hành kèm theo Quyết định này Kế hoạch kiểm kê tài sản công tại cơ quan,
tổ chức, đơn vị thuộc phạm vi quản lý của tỉnh thời điểm 0h00 ngày 01 tháng 01 năm 2026.
""")
    assert rec.events == []
    rec = rec_of(tmp_path, "Các tổ chức chính trị - xã hội tuyên truyền đến hội viên trong ngày 15/01/2026.\n")
    assert rec.events == []
    # the verb still schedules
    rec = rec_of(tmp_path, "Ủy ban nhân dân xã tổ chức Hội nghị tổng kết vào ngày 15/01/2026 tại Hội trường xã.\n")
    assert [e.start for e in rec.events] == ["2026-01-15"]


def test_an_activity_dated_by_its_span_and_by_its_first_day_is_one_event(tmp_path):
    rec = rec_of(tmp_path, """IV. THỜI GIAN THỰC HIỆN
- Theo kế hoạch, Ngày hội được tổ chức trong ngày 02/02/2026 đến ngày 03/02/2026.
- Ban Thường vụ Đoàn trường dự kiến tổ chức Ngày hội vào ngày 02/02/2026.
""")
    assert [(e.start, e.end) for e in rec.events] == [("2026-02-02", "2026-02-03")]


def test_a_place_named_by_what_is_done_in_it_is_a_venue_of_a_list(tmp_path):
    rec = rec_of(tmp_path, """II. THỜI GIAN, ĐỊA ĐIỂM
- Thời gian: từ ngày 05/01/2026 đến ngày 15/3/2026.
- Địa điểm: Tại Phòng tiếp công dân của UBND xã hoặc Văn phòng Ủy ban MTTQ xã.
""")
    assert rec.venues == ["Phòng tiếp công dân của UBND xã", "Văn phòng Ủy ban MTTQ xã"]


def test_a_programme_dated_only_by_its_documents_blank_date_is_of_that_year(tmp_path):
    rows = [["TT", "Nội dung", "Thời gian", "Thực hiện"], ["1.", "Tập trung sinh viên", "7h00 - 7h30", "Khoa A"],
            ["2.", "Chào cờ", "8h00", "MC"], ["3.", "Trao bằng tốt nghiệp", "8h30 - 10h30", "Ban Giám hiệu"]]
    paragraphs = [
        "Hà Nội, ngày      tháng      năm 2016", "CHƯƠNG TRÌNH", "Lễ trao bằng tốt nghiệp đợt 2",
        "Nội dung chương trình"
    ]
    head = ["TRƯỜNG ĐẠI HỌC ABC", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    ruled_table_docx(tmp_path / "ct.docx", head + paragraphs, rows)
    rec = extract_file(tmp_path / "ct.docx").record
    assert rec.issue_date == "2016"
    assert [(e.start, e.what) for e in rec.events] == [
        ("2016", "Tập trung sinh viên"), ("2016", "Chào cờ"), ("2016", "Trao bằng tốt nghiệp")]


def test_a_labelled_work_and_a_sentence_due_the_same_month_stay_two(tmp_path):
    rec = rec_of(tmp_path, """III. NHIỆM VỤ
3. Rà soát đội ngũ công chức làm công tác pháp chế
- Sở Tư pháp chủ trì tham mưu rà soát, đánh giá đội ngũ.
Thời gian thực hiện: Tháng 12/2025.
IV. TỔ CHỨC THỰC HIỆN
1. Các cơ quan, đơn vị, địa phương xây dựng Kế hoạch triển khai thực hiện phù hợp với điều kiện thực tế xong
trong tháng 12/2025.
""")
    assert sorted(e.start for e in rec.events) == ["2025-12", "2025-12"]
    assert any("xây dựng Kế hoạch triển khai" in e.what for e in rec.events)


def test_a_time_clause_under_its_heading_is_not_a_second_work(tmp_path):
    rec = rec_of(tmp_path, """II. NỘI DUNG
1. Tổ chức Hội nghị tổng kết công tác năm 2025
Thời gian dự kiến: trong tháng 12 năm 2025.
""")
    assert [e.start for e in rec.events] == ["2025-12"]


def test_a_period_of_years_that_goes_on_is_the_works_time(tmp_path):
    rec = rec_of(tmp_path, """III. NHIỆM VỤ
1. Bồi dưỡng kỹ năng xây dựng văn bản cho công chức
Thời gian thực hiện: Giai đoạn 2026-2030 và những năm tiếp theo.
""")
    assert [(e.start, e.end) for e in rec.events] == [("2026", "2030")]


def test_an_hour_of_a_day_is_an_appointment_whatever_its_verb(tmp_path):
    rec = rec_of(tmp_path, "1. 10h00 ngày 25/4/2024 (Thứ Năm), các đơn vị đến lĩnh học bổng cho sinh viên tại"
                           " Phòng họp số 2.\n")
    assert [(e.start, e.venues) for e in rec.events] == [("2024-04-25T10:00", ["Phòng họp số 2"])]
    # the point in time a count is taken at is no appointment
    rec = rec_of(tmp_path, "Kiểm kê tài sản công tại thời điểm 0h00 ngày 01/01/2025 theo hướng dẫn của Bộ Tài chính.\n")
    assert rec.events == []


def test_days_made_up_for_are_not_days_of_the_plan_and_two_running_days_are_one_stretch(tmp_path):
    rec = rec_of(tmp_path, "2. Thứ Hai, thứ Ba tuần sau (29/4 và 30/4) toàn trường nghỉ bù ngày 06/4 và 07/4.\n")
    assert [(e.start, e.end) for e in rec.events] == [("2024-04-29", "2024-04-30")]


def test_a_room_code_in_brackets_stays_with_its_place(tmp_path):
    rec = rec_of(tmp_path, "- Bước 1: 06h30 ngày 29/3/2024, sinh viên tập trung tại Văn phòng khoa (phòng C.302) để"
                           " nhận áo lễ phục.\n")
    assert [e.venues for e in rec.events] == [["Văn phòng khoa (phòng C.302)"]]


def test_a_street_address_after_a_semicolon_is_the_places_address(tmp_path):
    rec = rec_of(tmp_path, """II. THỜI GIAN - ĐỊA ĐIỂM
1. Thời gian: ngày 23/3/2024.
2. Địa điểm: Hội trường C - Trường Đại học ABC; 140 Lê Trọng Tấn, P. Tây Thạnh, Q. Tân Phú, TP. Hồ Chí Minh.
""")
    assert rec.venues == [
        "Hội trường C - Trường Đại học ABC; 140 Lê Trọng Tấn, P. Tây Thạnh, Q. Tân Phú, TP. Hồ Chí Minh"]


def test_a_place_label_that_lists_its_places_on_the_items_below_gives_each(tmp_path):
    rec = rec_of(tmp_path, """II. NỘI DUNG
a) Nguồn nước cấp cho vùng nuôi
Điểm quan trắc: Thực hiện quan trắc tại 03 cửa sông, lấy mẫu tại 05 vị trí như sau:

- Cửa sông Đáy: Lấy mẫu 01 vị trí tại khu vực cấp nước chung cho vùng nuôi tôm Kim Sơn - xã
Kim Đông.

- Cửa sông Ninh Cơ: Lấy mẫu 02 vị trí gồm:

+ 01 vị trí tại khu vực nước cấp cho vùng nuôi Nghĩa Hưng;

+ 01 vị trí tại khu vực nước cấp cho vùng nuôi Hải Hậu.

- Cửa Ba Lạt: Lấy mẫu 02 vị trí tại vùng nuôi ngao Giao Thủy.

- Thông số, tần suất và thời gian quan trắc: thời gian quan trắc từ tháng 3 đến tháng 10 năm 2024.
""")
    assert rec.venues == ["Cửa sông Đáy", "Cửa sông Ninh Cơ", "Cửa Ba Lạt"]
    assert [(e.start, e.end, e.venues) for e in rec.events] == [
        ("2024-03", "2024-10", ["Cửa sông Đáy", "Cửa sông Ninh Cơ", "Cửa Ba Lạt"])]


def test_a_weekly_schedule_of_morning_and_afternoon_columns_gives_each_cell_its_own_item(tmp_path):
    rows = [["Thứ, ngày", "Sáng", "Chiều"],
            ["Thứ Hai 15/4", "- 7h30: Chủ tịch dự chào cờ tại Hội trường UBND huyện.\n- 9h00: Họp giao ban",
             "- 14h00: Phó Chủ tịch làm việc tại UBND xã An Tiến"],
            ["Thứ Ba 16/4", "8h00: Tiếp công dân định kỳ tại Trụ sở tiếp công dân huyện", "Làm việc tại cơ quan"]]
    paragraphs = [
        "ỦY BAN NHÂN DÂN HUYỆN AN LÃO", "LỊCH CÔNG TÁC TUẦN", "(Từ ngày 15/4/2024 đến ngày 19/4/2024)"
    ]
    ruled_table_docx(tmp_path / "lich.docx", paragraphs, rows)
    rec = extract_file(tmp_path / "lich.docx").record
    assert [(e.start, e.what, e.venues) for e in rec.events] == [
        ("2024-04-15T07:30", "Chủ tịch dự chào cờ", ["Hội trường UBND huyện"]),
        ("2024-04-15T09:00", "Họp giao ban", []),
        ("2024-04-15T14:00", "Phó Chủ tịch làm việc", ["UBND xã An Tiến"]),
        ("2024-04-16T08:00", "Tiếp công dân định kỳ", ["Trụ sở tiếp công dân huyện"]),
        ("2024-04-16", "Làm việc tại cơ quan", [])]


def test_an_invitation_titled_only_mời_họp_names_its_meeting_by_the_text(tmp_path):
    p = tmp_path / "gm.txt"
    p.write_text("""ỦY BAN NHÂN DÂN
TỈNH AN GIANG
Số: 120/GM-UBND
An Giang, ngày 03 tháng 11 năm 2024
MỜI HỌP UBND TỈNH
Kính gửi: Các đồng chí Thành viên UBND tỉnh.
Ủy ban nhân dân tỉnh tổ chức Hội nghị thường kỳ tháng 11 năm 2024.
Thời gian: Ngày 14 và 15/11/2024, bắt đầu từ 7 giờ 30 phút.
Địa điểm: Phòng họp số 1, trụ sở Văn phòng UBND tỉnh.
Đề nghị các đại biểu về dự họp đầy đủ, đúng giờ./.
""", encoding="utf-8")
    rec = extract_file(p).record
    assert [(e.start, e.end, e.what) for e in rec.events] == [
        ("2024-11-14", "2024-11-15", "Hội nghị thường kỳ tháng 11 năm 2024")]


@pytest.mark.parametrize("line, count", [
    ("2. Quy mô: 500 người.", 500),
    ("2. Tổng số đại biểu dự hội nghị là 120 đồng chí.", 120),
    ("2. Dự kiến có khoảng 300 học sinh tham gia.", 300),
    # a number of people reported, or not said to take part, is no head-count of the plan
    ("2. Năm 2023 đã có khoảng 300 học sinh tham gia.", None),
    ("2. Toàn trường có 1.200 học sinh.", None),
])
def test_the_head_count_of_who_takes_part(tmp_path, line, count):
    rec = rec_of(tmp_path, f"II. NỘI DUNG\n1. Thời gian: ngày 15/4/2024.\n{line}\n")
    assert rec.participant_count == count


def test_an_arrangement_from_a_day_on_is_scheduled_whatever_its_verb(tmp_path):
    rec = rec_of(tmp_path, "- Kể từ ngày 10/3/2024, Phòng Hành chính - Tổng hợp mở sổ đăng ký trình ký văn bản.\n")
    assert [e.start for e in rec.events] == ["2024-03-10"]
    # an effective date is no arrangement of the plan's
    rec = rec_of(tmp_path, "Quyết định này có hiệu lực kể từ ngày 10/3/2024.\n")
    assert rec.events == []


def test_a_decisions_arrangement_from_a_day_is_its_event_but_not_its_coming_into_force(tmp_path):
    rec = rec_of(tmp_path, "Điều 1: Ông Lê Văn An – nhân viên Tổ Kỹ thuật, về phụ trách Tổ Kinh doanh kể từ ngày"
                           " 01 tháng 06 năm 2024.\nĐiều 2: Quyết định có hiệu lực thi hành kể từ ngày 05/6/2024.\n")
    assert [e.start for e in rec.events] == ["2024-06-01"]
    rec = rec_of(tmp_path, "Điều 1: Nay bổ nhiệm Ông Phan Văn Bình giữ chức vụ Tổ trưởng tổ kinh doanh. Kể từ ngày"
                           " 01/05/2024.\n")
    assert [(e.start, e.what) for e in rec.events] == [
        ("2024-05-01", "Nay bổ nhiệm Ông Phan Văn Bình giữ chức vụ Tổ trưởng tổ kinh doanh")]


def test_each_row_of_a_task_table_dated_by_a_blank_month_is_its_own_work(tmp_path):
    rows = [["Stt", "Hạng mục công việc", "Đơn vị thực hiện", "Thời gian thực hiện"],
            ["1", "Lập kế hoạch, nhiệm vụ khảo sát", "Trung tâm CNTT", "Tháng /2012"],
            ["2", "Thực hiện khảo sát tại các huyện", "Trung tâm CNTT", "Tháng /2012"],
            ["3", "Lập báo cáo kết quả khảo sát", "Trung tâm CNTT", "Tháng /2012"]]
    paragraphs = [
        "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "KẾ HOẠCH", "Khảo sát hiện trạng ứng dụng CNTT",
        "5. Thời gian thực hiện khảo sát: Tháng /2012", "8. Tổ chức thực hiện kế hoạch:"
    ]
    ruled_table_docx(tmp_path / "kh.docx", paragraphs, rows)
    rec = extract_file(tmp_path / "kh.docx").record
    whats = [e.what for e in rec.events if e.start == "2012"]
    assert {"Lập kế hoạch, nhiệm vụ khảo sát", "Thực hiện khảo sát tại các huyện",
            "Lập báo cáo kết quả khảo sát"} <= set(whats)


@pytest.mark.parametrize("body, venue", [
    ("II. NỘI DUNG\n1. Thời gian: ngày 15/5/2024.\n2. Địa điểm:\n- Hội trường UBND huyện Tân Yên.\n",
     "Hội trường UBND huyện Tân Yên"),
    ("II. THỜI GIAN\nNgày 15/5/2024.\nIII. ĐỊA ĐIỂM\n- Nhà văn hóa thôn Đông, xã Tân Lập.\n",
     "Nhà văn hóa thôn Đông, xã Tân Lập"),
])
def test_a_place_label_alone_takes_the_one_item_under_it(tmp_path, body, venue):
    rec = rec_of(tmp_path, body)
    assert rec.venues == [venue]
    assert [e.venues for e in rec.events] == [[venue]]


@pytest.mark.parametrize("labels", [("Thời gian", "Địa điểm", "Nội dung"), ("Thời gian:", "Địa điểm:", "Nội dung:")])
def test_a_two_column_table_of_labels_and_values_is_read_as_label_lines(tmp_path, labels):
    rows = [[labels[0], "7h30, ngày 15/5/2024"], [labels[1], "Hội trường A, UBND huyện"],
            [labels[2], "Hội nghị sơ kết công tác 6 tháng đầu năm"]]
    paragraphs = [
        "ỦY BAN NHÂN DÂN HUYỆN AN LÃO", "GIẤY MỜI", "Kính gửi: Các phòng, ban chuyên môn"
    ]
    ruled_table_docx(tmp_path / "gm.docx", paragraphs, rows)
    rec = extract_file(tmp_path / "gm.docx").record
    assert [(e.start, e.what, e.venues) for e in rec.events] == [
        ("2024-05-15T07:30", "Hội nghị sơ kết công tác 6 tháng đầu năm", ["Hội trường A, UBND huyện"])]


def test_stages_named_before_their_days_in_one_time_value_name_their_events(tmp_path):
    rec = rec_of(tmp_path, "II. THỜI GIAN\nThời gian: Vòng sơ khảo ngày 10/5/2024; vòng chung kết ngày 20/5/2024.\n")
    got = {e.start: e.what for e in rec.events}
    assert got["2024-05-10"].endswith("Vòng sơ khảo") and got["2024-05-20"].endswith("vòng chung kết")


def test_a_meeting_named_by_the_opening_sentence_leaves_its_lead_into_the_labels(tmp_path):
    p = tmp_path / "gm.txt"
    p.write_text("""ỦY BAN NHÂN DÂN HUYỆN AN LÃO
GIẤY MỜI
Kính gửi: Các phòng, ban chuyên môn.
Ủy ban nhân dân huyện tổ chức Hội nghị sơ kết công tác 6 tháng đầu năm 2024, cụ thể như
sau:
Thời gian: 7h30, ngày 15/5/2024.
Địa điểm: Hội trường A, UBND huyện.
""", encoding="utf-8")
    rec = extract_file(p).record
    assert [e.what for e in rec.events] == ["Hội nghị sơ kết công tác 6 tháng đầu năm 2024"]


def test_a_day_row_of_shift_hours_alone_gives_no_activities(tmp_path):
    rows = [["Thứ Hai 20/5/2024", "Sáng: Ca 1: 06h00 - Ca 2: 07h30 - Ca 3: 08h45", "- Chiều: Ca 5: 14h00"],
            ["Thứ Ba 21/5/2024", "- 7h30: Khai giảng lớp bơi khóa 1 tại Bể bơi nhà trường", "- 14h00: Họp phụ huynh"]]
    paragraphs = [
        "TRƯỜNG TDTT THANH THIẾU NHI", "THÔNG BÁO", "Lịch học bơi hè năm 2024"
    ]
    ruled_table_docx(tmp_path / "lich.docx", paragraphs, rows)
    rec = extract_file(tmp_path / "lich.docx").record
    assert [(e.start, e.what) for e in rec.events] == [
        ("2024-05-21T07:30", "Khai giảng lớp bơi khóa 1"), ("2024-05-21T14:00", "Họp phụ huynh")]


def test_a_drafts_block_set_right_above_noi_nhan_gives_its_title(tmp_path):
    d = docx.Document()
    for text in ["TRUNG TÂM VIỄN THÔNG AN LÃO", "QUYẾT ĐỊNH", "Về việc bổ nhiệm cán bộ",
                 "Điều 1: Nay bổ nhiệm Ông Phan Văn Bình giữ chức vụ Tổ trưởng tổ kinh doanh.",
                 "Điều 2: Quyết định này có hiệu lực kể từ ngày ký.", "GIÁM ĐỐC", "Nơi nhận:", "- Như Điều 2;",
                 "- Lưu: VT."]:
        d.add_paragraph(text)
    d.save(tmp_path / "qd.docx")
    rec = extract_file(tmp_path / "qd.docx").record
    assert (rec.signer_position, rec.signer_name) == ("GIÁM ĐỐC", None)


def test_two_kinds_joined_on_the_type_line_are_the_documents_kind(tmp_path):
    p = tmp_path / "kh.txt"
    p.write_text("""SỞ THÔNG TIN VÀ TRUYỀN THÔNG\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TRUNG TÂM CÔNG NGHỆ THÔNG TIN\tĐộc lập - Tự do - Hạnh phúc
Số: 12/KH-TTCNTT\tPhú Thọ, ngày 10 tháng 3 năm 2012
KẾ HOẠCH, NHIỆM VỤ
KHẢO SÁT HIỆN TRẠNG ỨNG DỤNG CÔNG NGHỆ THÔNG TIN
Trung tâm xây dựng kế hoạch khảo sát như sau.
""", encoding="utf-8")
    rec = extract_file(p).record
    assert (rec.doc_type, rec.issuer, rec.title) == (
        "KẾ HOẠCH, NHIỆM VỤ", "TRUNG TÂM CÔNG NGHỆ THÔNG TIN", "KHẢO SÁT HIỆN TRẠNG ỨNG DỤNG CÔNG NGHỆ THÔNG TIN")


@pytest.mark.parametrize("read, want", [
    ("Hiệu trưởng (đê bíc)", "Hiệu trưởng (để b/c)"),
    ("Tô CM, Phòng chức năng (đề p/h):", "Tô CM, Phòng chức năng (để p/h)"),
    ("Ban Giám hiệu (đề b/e)", "Ban Giám hiệu (để b/c)"),
    ("Khoa: KHMIT (th):", "Khoa: KHMIT (t/h)"),
    ("Trưởng Ban Điều hành (b.c)", "Trưởng Ban Điều hành (b.c)"),  # a way of writing it, as printed
    ("Khoa (Ivh]", "Khoa (Ivh]"),  # nothing close enough: left as read
])
def test_a_scanned_recipients_note_is_put_back_to_the_decree_30_note_it_comes_closest_to(read, want):
    from extractors.footer import _respelt_purpose
    assert _respelt_purpose(read) == want


@pytest.mark.slow
def test_an_exam_timetable_printed_to_pdf_keeps_the_dates_its_narrow_column_wrapped(tmp_path):
    import shutil

    if not shutil.which("soffice"):
        pytest.skip("LibreOffice is not installed")
    from fixtures_office import convert

    rows = [["Ngày thi", "Ca thi", "Giờ thi", "Môn thi", "Lớp", "Phòng thi"],
            ["Thứ Hai\n08/01/2024", "Ca 1", "07g30", "Toán cao cấp", "K20A", "P.301"],
            ["", "Ca 2", "09g30", "Vật lý đại cương", "K20B", "P.302"],
            ["Thứ Ba\n09/01/2024", "Ca 1", "07g30", "Tiếng Anh 1", "K20A, K20B", "Hội trường A"]]
    src = ruled_table_docx(tmp_path / "lich-thi.docx", ["TRƯỜNG CAO ĐẲNG AN PHÚ", "LỊCH THI KẾT THÚC HỌC PHẦN",
                                                         "Học kỳ I năm học 2023 - 2024"], rows)
    pdf = convert(src, tmp_path, "pdf", ".pdf", timeout=180)  # the year wraps in its cell: "08/01/202" / "4"
    rec = extract_file(pdf).record
    assert [(e.start[:10], e.what, e.venues) for e in rec.events] == [
        ("2024-01-08", "Toán cao cấp", ["P.301"]), ("2024-01-08", "Vật lý đại cương", ["P.302"]),
        ("2024-01-09", "Tiếng Anh 1", ["Hội trường A"])]


@pytest.mark.slow
def test_an_unruled_exam_timetable_in_a_pdf_gives_each_exam_its_day_hour_and_room(tmp_path):
    import shutil

    if not shutil.which("soffice"):
        pytest.skip("LibreOffice is not installed")
    from fixtures_office import convert

    d = docx.Document()
    for text in ["TRƯỜNG CAO ĐẲNG AN PHÚ", "LỊCH THI KẾT THÚC HỌC PHẦN", "Học kỳ I năm học 2023 - 2024"]:
        d.add_paragraph(text)
    rows = [["Ngày thi", "Ca thi", "Giờ thi", "Môn thi", "Lớp", "Phòng thi"],
            ["Thứ Hai 08/01/2024", "Ca 1", "07g30", "Toán cao cấp", "K20A", "P.301"],
            ["", "Ca 2", "09g30", "Vật lý đại cương", "K20B", "P.302"],
            ["Thứ Ba 09/01/2024", "Ca 1", "07g30", "Tiếng Anh 1", "K20A, K20B", "Hội trường A"]]
    t = d.add_table(rows=len(rows), cols=len(rows[0]))  # no rules: the PDF's columns are its text's places
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            t.cell(i, j).text = text
    d.save(tmp_path / "lich-thi.docx")
    pdf = convert(tmp_path / "lich-thi.docx", tmp_path, "pdf", ".pdf", timeout=180)
    rec = extract_file(pdf).record
    assert [(e.start, e.venues) for e in rec.events] == [
        ("2024-01-08T07:30", ["P.301"]), ("2024-01-08T09:30", ["P.302"]), ("2024-01-09T07:30", ["Hội trường A"])]
    assert "Vật lý" in rec.events[1].what


def test_a_decisions_closing_clause_hands_out_no_duty(tmp_path):
    rec = rec_of(tmp_path, """Điều 1. Giao Phòng Văn hóa chủ trì tổ chức Hội thi; báo cáo kết quả trước ngày 30/5/2024.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
Điều 3. Ban Tham mưu, Ban Chính trị thuộc Ban Chỉ huy quân sự huyện; các cơ quan, đơn vị có liên quan và đồng chí
Lê Văn An chịu trách nhiệm thi hành quyết định này kể từ ngày ký./.
""")
    assert [d.party for d in rec.responsibilities] == ["Phòng Văn hóa"]
