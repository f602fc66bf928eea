"""Where a plan says its activities happen, in the shapes Vietnamese administrative texts use: labels
that name the place before the time, places counted before they are listed, schedules whose content
cell opens with the hour."""

from __future__ import annotations

import docx
import pytest
from test_content import rec_of

from pipeline.extract import extract_file


def test_a_place_and_time_label_with_the_place_first(tmp_path):
    rec = rec_of(tmp_path, """II. NỘI DUNG
Địa điểm, thời gian: Tại Hội trường UBND huyện, 8 giờ 00 ngày 12/4/2024.
""")
    [ev] = rec.events
    assert ev.start == "2024-04-12T08:00"
    assert ev.venues == ["Hội trường UBND huyện"]


def test_places_counted_then_listed_after_a_colon(tmp_path):
    rec = rec_of(tmp_path, """II. NỘI DUNG
1. Vòng sơ khảo: tổ chức tại 02 cụm: Trường THCS Phú Lâm và Trường THCS Phú Bình, ngày 10/4/2024.
2. Vòng chung kết: ngày 20/4/2024, tại Hội trường UBND huyện.
""")
    by_day = {e.start: e for e in rec.events}
    assert by_day["2024-04-10"].venues == ["Trường THCS Phú Lâm", "Trường THCS Phú Bình"]
    assert by_day["2024-04-10"].what == "Vòng sơ khảo"
    assert by_day["2024-04-20"].venues == ["Hội trường UBND huyện"]


def test_held_words_left_after_the_date_and_place_are_cut_are_no_part_of_the_name(tmp_path):
    rec = rec_of(tmp_path, "II. NỘI DUNG\n"
                 "Giải Bóng đá thiếu niên huyện năm 2024 được tổ chức từ ngày 01/6 đến ngày 10/6/2024 ở sân bóng"
                 " đá Trung tâm Văn hóa - Thể thao huyện.\n"
                 "Ban tổ chức sẽ tổ chức buổi gặp mặt vào lúc 15h00 thứ Sáu, ngày 12/4/2024, địa điểm tại Hội"
                 " trường A, Trường Đại học Tây Nguyên.\n")
    got = {e.start: e for e in rec.events}
    assert got["2024-06-01"].what == "Giải Bóng đá thiếu niên huyện năm 2024"
    assert got["2024-06-01"].venues == ["sân bóng đá Trung tâm Văn hóa - Thể thao huyện"]
    assert got["2024-04-12T15:00"].what == "Ban tổ chức sẽ tổ chức buổi gặp mặt"
    assert got["2024-04-12T15:00"].venues == ["Hội trường A, Trường Đại học Tây Nguyên"]


def test_a_weekly_schedule_content_cell_that_opens_with_its_hour(tmp_path):
    # a real .docx: the day cell merged down over its morning and afternoon rows
    d = docx.Document()
    for line in ("UBND HUYỆN TÂN PHÚ", "VĂN PHÒNG HĐND VÀ UBND", "LỊCH CÔNG TÁC TUẦN",
                 "(Từ ngày 11/3/2024 đến ngày 15/3/2024)"):
        d.add_paragraph(line)
    rows = [["Thứ, ngày", "Buổi", "Nội dung công việc", "Chủ trì", "Địa điểm"],
            ["Thứ Hai\n11/3", "Sáng", "8h00: Giao ban lãnh đạo UBND huyện", "Chủ tịch UBND huyện", "Phòng họp số 1"],
            ["", "Chiều", "14h00: Làm việc với xã Phú Lập về xây dựng nông thôn mới", "Phó Chủ tịch",
             "UBND xã Phú Lập"]]
    t = d.add_table(rows=len(rows), cols=len(rows[0]))
    t.style = "Table Grid"
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            if text:
                t.cell(i, j).text = text
    t.cell(1, 0).merge(t.cell(2, 0))
    path = tmp_path / "lich.docx"
    d.save(path)
    rec = extract_file(path).record
    got = [(e.start, e.what, e.venues) for e in rec.events]
    assert got == [("2024-03-11T08:00", "Giao ban lãnh đạo UBND huyện", ["Phòng họp số 1"]),
                   ("2024-03-11T14:00", "Làm việc với xã Phú Lập về xây dựng nông thôn mới", ["UBND xã Phú Lập"])]


def test_a_date_opening_the_paragraph_after_a_lead_in_colon_is_not_led_by_its_last_word(tmp_path):
    # the plan's lead-in ends "... như sau:"; its "sau" is no "sau ngày ..." of the next paragraph's date
    rec = rec_of(tmp_path, "Ngày 26/3/2024, tổ chức Lễ mít tinh kỷ niệm Ngày thành lập Đoàn tại Hội trường UBND xã.\n")
    [ev] = rec.events
    assert ev.start == "2024-03-26"
    assert ev.what == "Tổ chức Lễ mít tinh kỷ niệm Ngày thành lập Đoàn"
    assert ev.venues == ["Hội trường UBND xã"]


def test_a_visit_names_its_place_without_tai(tmp_path):
    rec = rec_of(tmp_path, """III. LỊCH TRÌNH
Ngày 20/4/2024:
- 9h00: Dâng hương tại Đền Hùng.
- 14h00: Tham quan Bảo tàng Hùng Vương.
- 16h00: Về đến địa phương.
""")
    got = [(e.start, e.venues) for e in rec.events]
    assert got == [("2024-04-20T09:00", ["Đền Hùng"]), ("2024-04-20T14:00", ["Bảo tàng Hùng Vương"]),
                   ("2024-04-20T16:00", [])]


def test_the_time_said_after_the_activity_and_the_days_of_a_list_are_cut_from_its_name(tmp_path):
    rec = rec_of(tmp_path, "Trường tổ chức cho học sinh khối 12 tham quan học tập tại Khu di tích Địa đạo Củ Chi,"
                           " thời gian: ngày 18/11/2024.\n\n"
                           "Kiểm tra công tác phòng chống dịch tại các trường vào ngày 15.3.2024 và ngày 22.3.2024.\n")
    got = {e.start: e for e in rec.events}
    assert got["2024-11-18"].what == "Trường tổ chức cho học sinh khối 12 tham quan học tập"
    assert got["2024-11-18"].venues == ["Khu di tích Địa đạo Củ Chi"]
    assert got["2024-03-15"].what == got["2024-03-22"].what == "Kiểm tra công tác phòng chống dịch tại các trường"


def test_a_capitalised_name_after_tai_is_a_place_unless_it_names_a_text_or_a_meeting(tmp_path):
    rec = rec_of(tmp_path, "Tổ chức phiên tòa xét xử lưu động vào ngày 20/4/2024 tại Tòa án nhân dân huyện.\n\n"
                           "Tổ chức tập huấn vào ngày 22/4/2024 tại Công an huyện Tân Phú.\n\n"
                           "Tổ chức kiểm tra vào ngày 25/4/2024 theo nội dung quy định tại Điều 5 Quyết định này.\n\n"
                           "Tổ chức sơ kết vào ngày 26/4/2024 tại Kê hoạch sô 12/KH-UBND.\n")
    got = {e.start: e.venues for e in rec.events}
    assert got["2024-04-20"] == ["Tòa án nhân dân huyện"]
    assert got["2024-04-22"] == ["Công an huyện Tân Phú"]
    assert got["2024-04-25"] == [] and got["2024-04-26"] == []  # a text, even as OCR misreads it


def _table_plan(tmp_path, rows):
    from test_content import FOOT, HEAD, ruled_table_docx

    path = ruled_table_docx(tmp_path / "lich.docx", HEAD.strip().splitlines() + ["III. LỊCH CÔNG TÁC"], rows,
                            after=tuple(FOOT.strip().splitlines()))
    return extract_file(path).record


def test_a_schedule_without_a_place_column_takes_the_place_its_activity_names(tmp_path):
    rec = _table_plan(tmp_path, [
        ["TT", "Thời gian", "Nội dung công việc", "Thành phần"],
        ["1", "8h00 ngày 15/4/2024", "Hội nghị triển khai nhiệm vụ tại Hội trường UBND xã", "Cán bộ chủ chốt"],
        ["2", "14h00 ngày 16/4/2024", "Thảo luận tại hội trường", "Đại biểu"]])
    assert [(e.start, e.venues) for e in rec.events] == [("2024-04-15T08:00", ["Hội trường UBND xã"]),
                                                         ("2024-04-16T14:00", [])]  # a kind of place is no place


def test_a_nơi_thực_hiện_column_holds_the_places(tmp_path):
    rec = _table_plan(tmp_path, [
        ["Thời gian", "Nội dung", "Nơi thực hiện", "Đơn vị thực hiện"],
        ["Ngày 20/4/2024", "Ra quân dọn vệ sinh", "Các tuyến đường trung tâm xã", "Đoàn Thanh niên"],
        ["Ngày 27/4/2024", "Trồng cây xanh", "Khuôn viên Trường THCS Hiệp An", "Chi đoàn trường"]])
    assert [(e.start, e.venues) for e in rec.events] == [("2024-04-20", ["Các tuyến đường trung tâm xã"]),
                                                         ("2024-04-27", ["Khuôn viên Trường THCS Hiệp An"])]


def test_the_dot_of_an_abbreviated_unit_does_not_end_the_address(tmp_path):
    rec = rec_of(tmp_path, "Tổ chức Hội thảo vào ngày 20/4/2024 tại Hội trường A, Trường Đại học Đà Lạt, số 1 Phù Đổng"
                           " Thiên Vương, Phường 8, TP. Đà Lạt. Các đơn vị cử người tham dự.\n")
    [ev] = rec.events
    assert ev.venues == ["Hội trường A, Trường Đại học Đà Lạt, số 1 Phù Đổng Thiên Vương, Phường 8, TP. Đà Lạt"]


def test_a_place_label_value_ends_before_remarks_about_it(tmp_path):
    rec = rec_of(tmp_path, """II. THỜI GIAN, ĐỊA ĐIỂM
1. Hội thi cấp xã
- Thời gian: 8h00 ngày 20/4/2024.
- Địa điểm: Hội trường UBND xã Hiệp An (Ban Tổ chức bố trí xe đưa đón tại trụ sở Huyện Đoàn lúc 7h00).
2. Giải chạy
- Thời gian: 6h00 ngày 21/4/2024.
- Địa điểm: Sân vận động huyện; trường hợp trời mưa chuyển về Nhà thi đấu đa năng huyện.
3. Tổng kết
- Thời gian: 14h00 ngày 22/4/2024.
- Địa điểm: Nhà văn hóa thôn 5 (số 12 đường Lê Lợi, xã Hiệp An). Đại biểu có mặt trước 15 phút.
""")
    assert [e.venues for e in rec.events] == [["Hội trường UBND xã Hiệp An"], ["Sân vận động huyện"],
                                              ["Nhà văn hóa thôn 5 (số 12 đường Lê Lợi, xã Hiệp An)"]]


def test_handing_in_takes_the_place_a_later_sentence_gives_for_the_same_work(tmp_path):
    rec = rec_of(tmp_path, """III. HỒ SƠ
- Thời gian nộp hồ sơ: từ ngày 01/6/2024 đến hết ngày 30/6/2024.
- Thời gian phỏng vấn: ngày 10/7/2024.
Lưu ý: Thí sinh nộp hồ sơ trực tiếp tại Phòng Tổ chức - Hành chính của Trường.
""")
    got = {e.start: e.venues for e in rec.events}
    assert got["2024-06-01"] == ["Phòng Tổ chức - Hành chính của Trường"]
    assert got["2024-07-10"] == []  # the interview is not where the papers go


def test_a_place_then_the_body_that_owns_it_is_one_venue_unless_the_body_goes_on_to_act(tmp_path):
    rec = rec_of(tmp_path, "Tổ chức tập huấn vào ngày 20/4/2024 tại Trung tâm tích hợp dữ liệu của tỉnh, Sở Thông tin"
                           " và Truyền thông.\n\n"
                           "Tổ chức hội nghị vào ngày 22/4/2024 tại Hội trường A, Sở Nội vụ chủ trì tổ chức.\n")
    got = {e.start: e.venues for e in rec.events}
    assert got["2024-04-20"] == ["Trung tâm tích hợp dữ liệu của tỉnh, Sở Thông tin và Truyền thông"]
    assert got["2024-04-22"] == ["Hội trường A"]


@pytest.mark.parametrize("label", ["Điểm thi", "Điểm bỏ phiếu", "Nơi tập trung", "Điểm tiêm chủng"])
def test_where_an_exam_a_vote_or_a_gathering_takes_place_is_its_venue(tmp_path, label):
    rec = rec_of(tmp_path, f"""1. Thời gian: 7h30 ngày 15/6/2024.
2. {label}: Trường THPT Nguyễn Du, số 12 đường Lê Lợi, phường 3.
""")
    assert rec.venues == ["Trường THPT Nguyễn Du, số 12 đường Lê Lợi, phường 3"]
    assert [e.venues for e in rec.events] == [["Trường THPT Nguyễn Du, số 12 đường Lê Lợi, phường 3"]]


def test_a_place_named_with_a_capital_after_o_and_a_tổ_chức_tại_label(tmp_path):
    rec = rec_of(tmp_path, """1. Giao lưu văn nghệ
Vào lúc 19h30 ngày 09/3/2024, Đoàn trường tổ chức đêm giao lưu văn nghệ ở Nhà thi đấu đa năng của trường.
2. Hội nghị cán bộ
- Thời gian: 8h00 ngày 06/3/2024
- Tổ chức tại: Hội trường Khu Liên cơ quan (số 2 Trần Phú, TP Hà Tĩnh).
""")
    assert [(e.start, e.venues) for e in rec.events] == [
        ("2024-03-06T08:00", ["Hội trường Khu Liên cơ quan (số 2 Trần Phú, TP Hà Tĩnh)"]),
        ("2024-03-09T19:30", ["Nhà thi đấu đa năng của trường"])]


def test_o_before_a_place_without_a_kind_or_in_lower_case_is_no_venue(tmp_path):
    rec = rec_of(tmp_path, "Ngày 09/3/2024, Đoàn trường tổ chức gặp mặt đoàn viên đang học tập ở Hà Nội"
                           " và ở các trường bạn.\n")
    assert rec.venues == []


def test_places_listed_after_tai_are_each_a_venue(tmp_path):
    rec = rec_of(tmp_path, """III. NỘI DUNG
1. Giải cầu lông
Diễn ra ngày 21/4/2024 tại Trường THCS Hiệp An, Trường Tiểu học Hiệp An và Nhà văn hóa thôn 2.
""")
    assert [e.venues for e in rec.events] == [["Trường THCS Hiệp An", "Trường Tiểu học Hiệp An", "Nhà văn hóa thôn 2"]]


def test_a_body_acting_after_a_listed_place_is_no_place(tmp_path):
    rec = rec_of(tmp_path, "Ngày 21/4/2024 tổ chức Hội nghị tại Hội trường UBND xã, Trung tâm Y tế huyện chuẩn bị"
                           " khám sức khỏe cho đại biểu.\n")
    assert rec.venues == ["Hội trường UBND xã"]
