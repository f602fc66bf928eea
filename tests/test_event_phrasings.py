"""How plans and letters date their work, in the grammar of Vietnamese administrative writing: a
deadline said in a clause of its own after the work it dates."""

from __future__ import annotations

import pytest
from test_content import rec_of


def test_a_clause_that_only_gives_the_deadline_dates_the_clause_before_it(tmp_path):
    rec = rec_of(tmp_path, "1. Giao Phòng Tài chính - Kế hoạch chủ trì, phối hợp với các đơn vị liên quan rà soát,"
                           " tham mưu UBND huyện bố trí kinh phí; hoàn thành trước ngày 30/4/2024.\n"
                           "2. Giao UBND các xã tổ chức tuyên truyền; báo cáo kết quả về UBND huyện trước ngày"
                           " 15/5/2024.\n")
    got = {e.start: e.what for e in rec.events}
    assert got["2024-04-30"].startswith("Giao Phòng Tài chính - Kế hoạch chủ trì")
    assert got["2024-04-30"].endswith("bố trí kinh phí")
    # a clause naming its own work keeps it
    assert got["2024-05-15"].startswith("báo cáo kết quả về UBND huyện")


def test_a_programme_of_hours_without_marks_or_stops_gives_one_item_a_line(tmp_path):
    rec = rec_of(tmp_path, """II. THỜI GIAN, ĐỊA ĐIỂM
- Thời gian: Ngày 20/4/2024.
- Địa điểm: Hội trường UBND xã.
III. CHƯƠNG TRÌNH
7h30: Đón tiếp đại biểu
8h00: Văn nghệ chào mừng
8h30: Khai mạc
""")
    timed = [(e.start, e.what) for e in rec.events if "T" in e.start]
    assert timed == [("2024-04-20T07:30", "Đón tiếp đại biểu"), ("2024-04-20T08:00", "Văn nghệ chào mừng"),
                     ("2024-04-20T08:30", "Khai mạc")]


def test_an_item_led_by_its_hour_and_day_is_scheduled_whatever_its_verb(tmp_path):
    rec = rec_of(tmp_path, """III. LỊCH TRÌNH
- 19h30 ngày 25/3/2024: Đêm giao lưu văn nghệ.
- 6h00 ngày 26/3/2024: Chạy việt dã.
""")
    assert [(e.start, e.what) for e in rec.events] == [("2024-03-25T19:30", "Đêm giao lưu văn nghệ"),
                                                        ("2024-03-26T06:00", "Chạy việt dã")]


def test_an_exam_timetable_of_numbered_days_and_parts_of_the_day(tmp_path):
    rec = rec_of(tmp_path, """I. LỊCH THI
1. Ngày 15/5/2024 (Thứ Tư):
Buổi sáng: Thi môn Ngữ văn (120 phút), bắt đầu tính giờ làm bài lúc 7h30.
Buổi chiều: Thi môn Lịch sử (60 phút), bắt đầu lúc 14h00.
2. Ngày 16/5/2024 (Thứ Năm):
Buổi sáng: Thi môn Toán (90 phút), bắt đầu lúc 7h30.
""")
    # (the part of the day stays in the name: "Buổi sáng: khối 7 và khối 9" says who comes when)
    got = [(e.start, e.what.split(" (")[0]) for e in rec.events]
    assert got == [("2024-05-15T07:30", "Buổi sáng: Thi môn Ngữ văn"),
                   ("2024-05-15T14:00", "Buổi chiều: Thi môn Lịch sử"),
                   ("2024-05-16T07:30", "Buổi sáng: Thi môn Toán")]


def test_a_clause_on_the_same_day_is_an_event_of_that_day(tmp_path):
    rec = rec_of(tmp_path, "Sáng ngày 26/3/2024, Đoàn xã tổ chức Lễ mít tinh; chiều cùng ngày tổ chức giải bóng đá"
                           " nam thanh niên tại sân vận động xã.\n")
    got = sorted((e.start[:10], e.what, tuple(e.venues)) for e in rec.events)
    assert got == [("2024-03-26", "Tổ chức giải bóng đá nam thanh niên", ("sân vận động xã",)),
                   ("2024-03-26", "Đoàn xã tổ chức Lễ mít tinh", ())]


@pytest.mark.parametrize("body, what, venues", [
    # "Vào lúc:" is a time label, over "Tại: ..."
    ("Kính mời: Ông (Bà) Trưởng các phòng, ban chuyên môn.\nTới dự: Hội nghị giao ban công tác tháng 4 năm 2024.\n"
     "Vào lúc: 8 giờ 00 phút, thứ Bảy ngày 20/4/2024.\nTại: Phòng họp số 2, UBND huyện.\n",
     "Hội nghị giao ban công tác tháng 4 năm 2024", ["Phòng họp số 2, UBND huyện"]),
    # a place label on the time line, set apart by a tab
    ("Tới dự: Hội nghị giao ban công tác tháng 4 năm 2024.\n"
     "Thời gian: 8 giờ 00 phút ngày 20/4/2024\tĐịa điểm: Phòng họp số 2, UBND huyện.\n",
     "Hội nghị giao ban công tác tháng 4 năm 2024", ["Phòng họp số 2, UBND huyện"]),
    # the invitation's sentence over the labels names what one is invited to
    ("Trân trọng kính mời đồng chí đến dự buổi gặp mặt kỷ niệm 42 năm Ngày Nhà giáo Việt Nam"
     " (20/11/1982 - 20/11/2024).\nThời gian: 8 giờ 00, ngày 20/4/2024.\nĐịa điểm: Hội trường nhà trường.\n",
     "buổi gặp mặt kỷ niệm 42 năm Ngày Nhà giáo Việt Nam", ["Hội trường nhà trường"]),
])
def test_invitations_name_the_meeting_and_its_place(tmp_path, body, what, venues):
    [ev] = rec_of(tmp_path, body).events
    assert ev.start == "2024-04-20T08:00"
    assert ev.what.startswith(what)
    assert ev.venues == venues


def test_an_invitation_without_a_summary_is_named_by_its_opening_sentence(tmp_path):
    path = tmp_path / "giaymoi.txt"
    path.write_text("""UỶ BAN NHÂN DÂN                CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH BẮC GIANG                 Độc lập - Tự do - Hạnh phúc
Số: 12/GM-UBND                 Bắc Giang, ngày 02 tháng 4 năm 2012

Kính gửi: Các sở, cơ quan thuộc UBND tỉnh.

UBND tỉnh tổ chức Hội nghị chuyên đề về cải cách thủ tục hành chính do Cục Kiểm soát thủ tục hành chính
truyền đạt.
1. Thành phần: Lãnh đạo các sở, cơ quan thuộc UBND tỉnh.
2. Thời gian: Từ 7 giờ 30 ngày 11/4/2012.
3. Địa điểm: Hội trường lớn, Nhà khách tỉnh Bắc Giang.

Nơi nhận:                      TL. CHỦ TỊCH
- Như trên;                    CHÁNH VĂN PHÒNG
- Lưu: VT.
                               Nguyễn Văn Tú
""", encoding="utf-8")
    from pipeline.extract import extract_file

    [ev] = extract_file(path).record.events
    assert ev.start == "2012-04-11T07:30"
    assert ev.what.startswith("Hội nghị chuyên đề về cải cách thủ tục hành chính")
    assert ev.venues == ["Hội trường lớn, Nhà khách tỉnh Bắc Giang"]


def test_a_sentence_that_names_only_its_kind_and_date_takes_the_heading_s_name(tmp_path):
    rec = rec_of(tmp_path, """II. NỘI DUNG
1. Giải bóng đá thanh niên
Giải được tổ chức từ ngày 20/3/2024 đến ngày 24/3/2024. Các trận đấu diễn ra trên Sân vận động xã.
""")
    assert [(e.start, e.end, e.what) for e in rec.events] == [("2024-03-20", "2024-03-24", "Giải bóng đá thanh niên")]


@pytest.mark.parametrize("one, two", [("1/", "2/"), ("1-", "2-"), ("1.", "2.")])
def test_older_numbering_of_parts_heads_their_events(tmp_path, one, two):
    rec = rec_of(tmp_path, f"""II/ NỘI DUNG
{one} Hội thi kể chuyện về Bác
Hội thi được tổ chức vào ngày 15/5/2024 tại Hội trường UBND xã.
{two} Giải bóng chuyền hơi
Giải diễn ra từ ngày 18/5/2024 đến ngày 19/5/2024 tại Sân thể thao xã.
""")
    assert [e.what for e in rec.events] == ["Hội thi kể chuyện về Bác", "Giải bóng chuyền hơi"]


@pytest.mark.parametrize("line", ["V/v tổ chức Hội thi", "71/NQ-CP ngày 01/5/2025 của Chính phủ",
                                  "9\t- Khoa Môi trường", "1/2 số phiếu", "3 - 5 người"])
def test_what_only_looks_like_older_numbering_opens_no_part(line):
    from pipeline.read.build import heading_of

    assert heading_of(line) is None


def test_a_clause_that_dates_its_part_s_work_gives_one_event_a_part(tmp_path):
    rec = rec_of(tmp_path, """II. NỘI DUNG
1. Quan trắc nước cấp vùng nuôi tôm
- Điểm quan trắc: 07 cửa sông.
- Tần suất 2 lần/tháng; thời gian quan trắc từ tháng 3 đến tháng 10 năm 2024; số lượng 240 mẫu/năm.
2. Quan trắc vùng nuôi ngao
- Tần suất 2 lần/tháng; thời gian quan trắc từ tháng 3 đến tháng 10 năm 2024; số lượng 64 mẫu/năm.
- Kim loại nặng: tần suất 02 lần/năm; thời gian quan trắc vào tháng 4 và tháng 8 năm 2024.
""")
    assert sorted((e.start, e.end or "", e.what) for e in rec.events) == [
        ("2024-03", "2024-10", "Quan trắc nước cấp vùng nuôi tôm"), ("2024-03", "2024-10", "Quan trắc vùng nuôi ngao"),
        ("2024-04", "", "Quan trắc vùng nuôi ngao"), ("2024-08", "", "Quan trắc vùng nuôi ngao")]


def test_a_system_s_planned_upkeep_is_an_event(tmp_path):
    rec = rec_of(tmp_path, "Cục Thuế có kế hoạch nâng cấp hệ thống quản lý thuế từ 18h00 tối Thứ Bảy ngày 22/11/2025"
                           " đến 03h00 sáng Chủ Nhật ngày 23/11/2025.\n")
    assert [(e.start, e.end) for e in rec.events] == [("2025-11-22T18:00", "2025-11-23T03:00")]


def test_a_sentence_that_only_says_when_and_where_under_an_activity_s_heading(tmp_path):
    rec = rec_of(tmp_path, """III. NỘI DUNG
3. Tập huấn nghiệp vụ công tác Đoàn
Từ ngày 25/4/2024 đến ngày 26/4/2024, tại Thành phố Đà Lạt.
4. Kinh phí
Từ ngày 01/5/2024, tại Văn phòng Đoàn xã.
""")
    assert [(e.start, e.end, e.what, e.venues) for e in rec.events] == [
        ("2024-04-25", "2024-04-26", "Tập huấn nghiệp vụ công tác Đoàn", ["Thành phố Đà Lạt"])]


def test_a_task_card_s_deadline_dates_its_task(tmp_path):
    rec = rec_of(tmp_path, """II. NHIỆM VỤ CỤ THỂ
1. Rà soát, hoàn thiện hệ thống văn bản về bảo vệ dữ liệu cá nhân.
- Cơ quan chủ trì: Sở Tư pháp.
- Thời hạn hoàn thành: Tháng 12 năm 2024.
2. Tổ chức tập huấn, bồi dưỡng kiến thức cho cán bộ.
- Thời hạn: Trước ngày 30/6/2024.
3. Đăng ký tham gia Hội thi.
- Thời hạn đăng ký: Trước ngày 15/5/2024.
""")
    got = {e.start: e.what for e in rec.events}
    assert got["2024-12"].startswith("Rà soát, hoàn thiện hệ thống văn bản")
    assert got["2024-06-30"].startswith("Tổ chức tập huấn")
    assert got["2024-05-15"] == "Thời hạn đăng ký"  # a name that says what is due keeps it
