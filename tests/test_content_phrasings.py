"""Common phrasings of notices and plans, each in the grammar of Vietnamese administrative writing:
how a meeting is announced, how a timeline is listed, how duties are handed out."""

from __future__ import annotations

from test_content import FOOT, HEAD, rec_of, ruled_table_docx

from pipeline.extract import extract_file


def test_the_sentence_leading_into_a_label_block_names_the_meeting(tmp_path):
    rec = rec_of(tmp_path, """Ban Chấp hành Đoàn xã tổ chức Hội nghị Ban Chấp hành mở rộng lần thứ 5, cụ thể như sau:
1. Thời gian: vào hồi 8 giờ 00 phút, thứ Bảy, ngày 20 tháng 4 năm 2024.
2. Địa điểm: Tại Hội trường Đảng ủy xã Hiệp An.
3. Thành phần: Ủy viên Ban Chấp hành Đoàn xã; Bí thư các chi đoàn trực thuộc.
4. Nội dung: Sơ kết công tác Đoàn quý I, triển khai nhiệm vụ quý II năm 2024.
""")
    [ev] = rec.events
    assert ev.start == "2024-04-20T08:00"
    assert ev.what.startswith("Hội nghị Ban Chấp hành mở rộng lần thứ 5") and "Sơ kết công tác" in ev.what
    assert ev.venues == ["Hội trường Đảng ủy xã Hiệp An"]


def test_a_timeline_led_by_months_gives_month_events(tmp_path):
    rec = rec_of(tmp_path, """III. TIẾN ĐỘ THỰC HIỆN
- Ngày 20/4/2024: Tổ chức vòng sơ khảo tại Nhà văn hóa xã.
- Tháng 5/2024: Tổ chức chung kết và trao giải.
- Từ tháng 6 đến tháng 8/2024: Các chi đoàn tổ chức ra quân tình nguyện hè.
""")
    got = {(e.start[:10], e.end, e.what) for e in rec.events}
    assert ("2024-04-20", None, "Tổ chức vòng sơ khảo tại Nhà văn hóa xã") in got
    assert ("2024-05", None, "Tổ chức chung kết và trao giải") in got
    assert ("2024-06", "2024-08", "Các chi đoàn tổ chức ra quân tình nguyện hè") in got


def _duties(rec):
    return {d.party: d.tasks for d in rec.responsibilities}


def _word_plan(path, rows, *, head=None, ruled=True, foot=None):
    """A real .docx: ``head`` lines (the test header by default), one table, ``foot`` lines (the test
    footer by default). A row of one cell spans the table; a cell given as a list holds one paragraph
    per item; ``ruled`` draws it with "Table Grid" (borderless, it reads as page layout)."""
    import docx

    d = docx.Document()
    for t in HEAD.strip().splitlines() if head is None else head:
        d.add_paragraph(t)
    ncols = max(len(r) for r in rows)
    table = d.add_table(rows=len(rows), cols=ncols)
    if ruled:
        table.style = "Table Grid"
    for i, row in enumerate(rows):
        if len(row) == 1:
            table.cell(i, 0).merge(table.cell(i, ncols - 1)).text = row[0]
            continue
        for j, value in enumerate(row):
            paras = value if isinstance(value, list) else [value]
            table.cell(i, j).text = paras[0]
            for para in paras[1:]:
                table.cell(i, j).add_paragraph(para)
    for t in FOOT.strip().splitlines() if foot is None else foot:
        d.add_paragraph(t)
    d.save(path)
    return path


def test_trach_nhiem_cua_headings_name_their_party(tmp_path):
    rec = rec_of(tmp_path, """IV. TỔ CHỨC THỰC HIỆN
1. Trách nhiệm của Ban Thường vụ Đoàn xã
Chỉ đạo, hướng dẫn các chi đoàn tổ chức thực hiện kế hoạch; kiểm tra, giám sát việc thực hiện.
2. Trách nhiệm của các chi đoàn
- Xây dựng kế hoạch cụ thể và tổ chức thực hiện tại đơn vị.
- Báo cáo kết quả về Đoàn xã trước ngày 20/12/2024.
""")
    duties = _duties(rec)
    assert set(duties) == {"Ban Thường vụ Đoàn xã", "các chi đoàn"}
    assert len(duties["các chi đoàn"]) == 2 and duties["các chi đoàn"][1].startswith("Báo cáo kết quả")


def test_people_posts_and_collectives_handed_work_in_bullets(tmp_path):
    rec = rec_of(tmp_path, """IV. PHÂN CÔNG NHIỆM VỤ
- Đồng chí Nguyễn Văn A, Phó Bí thư Đoàn xã: phụ trách chung, chỉ đạo các hoạt động.
- Văn phòng Đoàn xã: chuẩn bị hồ sơ, tài liệu, khen thưởng.
- Các chi đoàn: cử đoàn viên tham gia đầy đủ, đúng thành phần.
- Thư ký: ghi biên bản các buổi họp.
""")
    assert list(_duties(rec)) == ["Đồng chí Nguyễn Văn A, Phó Bí thư Đoàn xã", "Văn phòng Đoàn xã",
                                  "Các chi đoàn", "Thư ký"]


def test_bullets_handing_work_with_giao_and_de_nghi_beside_a_body_doing_it(tmp_path):
    rec = rec_of(tmp_path, """V. TỔ CHỨC THỰC HIỆN
- Giao Ban Tuyên giáo Đoàn xã chủ trì, phối hợp với Văn phòng tham mưu tổ chức các hoạt động.
- Đề nghị Hội Cựu chiến binh xã phối hợp tổ chức các buổi nói chuyện truyền thống.
- Các chi đoàn trực thuộc căn cứ kế hoạch này triển khai thực hiện.
- Tổ chức giao ban định kỳ hằng tháng để đánh giá kết quả.
""")
    assert list(_duties(rec)) == ["Ban Tuyên giáo Đoàn xã", "Hội Cựu chiến binh xã", "Các chi đoàn trực thuộc"]


def test_a_weekly_schedule_gives_each_item_on_its_day(tmp_path):
    rec = rec_of(tmp_path, """THỨ HAI (09/12)
- 07 giờ 30: Chủ tịch UBND xã dự chào cờ đầu tuần tại Hội trường UBND xã.
THỨ BA (10/12)
- 08 giờ 00: Chủ tịch UBND xã tiếp công dân định kỳ tại Trụ sở Tiếp công dân xã.
Thứ Tư, ngày 11/12/2024:
- Cả ngày: Phó Chủ tịch đi kiểm tra công tác xây dựng nông thôn mới tại thôn Phú An.
""")
    got = [(e.start, e.what, e.venues) for e in rec.events]
    assert got == [
        ("2024-12-09T07:30", "Chủ tịch UBND xã dự chào cờ đầu tuần tại Hội trường UBND xã", ["Hội trường UBND xã"]),
        ("2024-12-10T08:00", "Chủ tịch UBND xã tiếp công dân định kỳ tại Trụ sở Tiếp công dân xã",
         ["Trụ sở Tiếp công dân xã"]),
        ("2024-12-11", "Phó Chủ tịch đi kiểm tra công tác xây dựng nông thôn mới tại thôn Phú An", ["thôn Phú An"]),
    ]


def test_a_programme_table_whose_days_are_rows_of_their_own(tmp_path):
    path = ruled_table_docx(
        tmp_path / "chuong_trinh.docx", HEAD.strip().splitlines() + ["II. CHƯƠNG TRÌNH"],
        [["Thời gian", "Nội dung", "Địa điểm", "Thành phần"],
         ["Thứ Bảy, ngày 23/3/2024", "", "", ""],  # a day row: one cell with text
         ["07h00 - 07h30", "Đón tiếp đại biểu", "Hội trường UBND xã", "Ban Tổ chức"],
         ["07h30 - 09h00", "Khai mạc Hội trại", "Sân Trường THCS Hiệp An", "Toàn thể trại sinh"],
         ["Chủ nhật, ngày 24/3/2024", "", "", ""],
         ["14h00", "Bế mạc, trao giải", "Sân Trường THCS Hiệp An", "Toàn thể trại sinh"]],
        after=tuple(FOOT.strip().splitlines()))
    rec = extract_file(path).record
    assert [(e.start, e.what, e.venues) for e in rec.events] == [
        ("2024-03-23T07:00", "Đón tiếp đại biểu", ["Hội trường UBND xã"]),
        ("2024-03-23T07:30", "Khai mạc Hội trại", ["Sân Trường THCS Hiệp An"]),
        ("2024-03-24T14:00", "Bế mạc, trao giải", ["Sân Trường THCS Hiệp An"]),
    ]


def test_the_place_of_an_activity_without_a_day_stays_with_that_activity(tmp_path):
    rec = rec_of(tmp_path, """II. NỘI DUNG
2.1. Ngày hội hiến máu tình nguyện
- Thời gian: Ngày 26/3/2024 (dự kiến).
- Địa điểm: Trạm Y tế xã.
2.2. Giải bóng chuyền hơi
- Thời gian: Quý II/2024.
- Địa điểm: Sân bóng chuyền thôn Đà Thành.
2.3. Tuyên truyền trên mạng xã hội
- Thời gian: trong tháng 3/2024.
- Hình thức: đăng tải trên trang của Đoàn xã.
2.4. Tập huấn kỹ năng cho cán bộ chi đoàn
- Địa điểm: Phòng họp Đoàn xã.
- Thời gian: theo lịch dưới đây.
Ngày 02/4/2024: lớp thứ nhất.
Ngày 09/4/2024: lớp thứ hai.
""")
    by_start = {e.start: e.venues for e in rec.events}
    assert by_start["2024-03"] == []  # not the volleyball court of another activity
    assert by_start["2024-04-02"] == by_start["2024-04-09"] == ["Phòng họp Đoàn xã"]
    assert "Sân bóng chuyền thôn Đà Thành" in rec.venues  # still where an activity of the plan happens


def test_an_event_in_a_sentence_is_named_without_its_date_and_place(tmp_path):
    rec = rec_of(tmp_path, """Ban Chấp hành Đoàn xã thông báo:
1. Tổ chức Hội nghị sơ kết công tác Đoàn quý I năm 2024 vào lúc 14 giờ 00, ngày 29/3/2024 tại Phòng họp Đảng ủy xã.
2. Các chi đoàn gửi danh sách về Văn phòng Đoàn xã. Thời gian tổ chức Hội thi ngày 20/4/2024.
""")
    got = {e.start[:10]: (e.what, e.venues) for e in rec.events}
    assert got["2024-03-29"] == ("Tổ chức Hội nghị sơ kết công tác Đoàn quý I năm 2024", ["Phòng họp Đảng ủy xã"])
    assert got["2024-04-20"][0] == "Tổ chức Hội thi"


def test_a_programme_table_under_its_labels_keeps_the_place_and_hands_out_no_duties(tmp_path):
    path = ruled_table_docx(
        tmp_path / "hoi_nghi.docx",
        HEAD.strip().splitlines() + ["II. CHƯƠNG TRÌNH HỘI NGHỊ", "Thời gian: Ngày 23/3/2024",
                                     "Địa điểm: Hội trường UBND xã"],
        [["Giờ", "Nội dung", "Người thực hiện"],
         ["7h30 - 8h00", "Đón tiếp đại biểu", "Văn phòng"],
         ["8h00 - 8h15", "Khai mạc", "Bí thư Đoàn xã"]],
        after=tuple(FOOT.strip().splitlines()))
    rec = extract_file(path).record
    assert rec.venues == ["Hội trường UBND xã"]  # the label's value stops where the table starts
    timed = [(e.start, e.what, e.venues) for e in rec.events if "T" in e.start]
    assert timed == [("2024-03-23T07:30", "Đón tiếp đại biểu", ["Hội trường UBND xã"]),
                     ("2024-03-23T08:00", "Khai mạc", ["Hội trường UBND xã"])]
    assert rec.responsibilities == []  # who speaks at a programme's hour has no duty


def test_an_online_meeting_happens_at_its_bridge_points(tmp_path):
    rec = rec_of(tmp_path, """UBND xã tổ chức Hội nghị trực tuyến sơ kết công tác 6 tháng đầu năm, cụ thể như sau:
1. Thành phần mời dự
a) Tại điểm cầu Hội trường UBND huyện (số 45 Quang Trung, thị trấn Liên Nghĩa):
- Đồng chí Chủ tịch UBND huyện;
b) Tại điểm cầu trụ sở UBND các xã, thị trấn:
- Lãnh đạo UBND các xã, thị trấn.
2. Thời gian: Từ 8 giờ 00, ngày 28 tháng 7 năm 2024 (Thứ Hai).
3. Hình thức: Họp trực tuyến từ điểm cầu UBND huyện đến điểm cầu các xã, thị trấn.
""")
    places = ["Hội trường UBND huyện (số 45 Quang Trung, thị trấn Liên Nghĩa)", "trụ sở UBND các xã, thị trấn"]
    assert rec.venues == places
    [ev] = rec.events
    assert ev.start == "2024-07-28T08:00" and ev.venues == places


def test_a_deadline_keeps_the_place_where_the_work_is_handed_in(tmp_path):
    rec = rec_of(tmp_path, """III. TIẾN ĐỘ
Các chi đoàn nộp hồ sơ đăng ký tại Văn phòng Đoàn xã trước ngày 15/4/2024.
Các chi đoàn báo cáo kết quả tại hội nghị giao ban trước ngày 30/4/2024.
""")
    got = {e.start: e.venues for e in rec.events}
    assert got == {"2024-04-15": ["Văn phòng Đoàn xã"], "2024-04-30": []}


def test_a_duties_part_of_paragraphs_each_opening_with_its_body(tmp_path):
    rec = rec_of(tmp_path, """IV. TỔ CHỨC THỰC HIỆN
Các sở, ban, ngành, UBND các huyện căn cứ chức năng, nhiệm vụ tổ chức triển khai thực hiện Kế hoạch này.
Giao Sở Nội vụ chủ trì, theo dõi, đôn đốc việc thực hiện Kế hoạch.
Sở Tài chính tham mưu bố trí kinh phí thực hiện.
Trong quá trình thực hiện, nếu có vướng mắc, các đơn vị báo cáo về Sở Nội vụ để tổng hợp.
""")
    assert list(_duties(rec)) == ["Các sở, ban, ngành, UBND các huyện", "Sở Nội vụ", "Sở Tài chính"]


def test_bodies_as_bullets_over_plus_items(tmp_path):
    rec = rec_of(tmp_path, """IV. TỔ CHỨC THỰC HIỆN
- Sở Tài chính:
+ Thẩm định dự toán kinh phí;
+ Hướng dẫn thanh quyết toán theo quy định.
- Sở Thông tin và Truyền thông:
+ Chỉ đạo các cơ quan báo chí tuyên truyền.
""")
    assert _duties(rec) == {"Sở Tài chính": ["Thẩm định dự toán kinh phí", "Hướng dẫn thanh quyết toán theo quy định."],
                            "Sở Thông tin và Truyền thông": ["Chỉ đạo các cơ quan báo chí tuyên truyền."]}


def test_items_named_before_their_colon_and_dated_after_it(tmp_path):
    rec = rec_of(tmp_path, """III. CÁC VÒNG THI
a) Vòng sơ khảo: ngày 10/4/2024 tại các chi đoàn.
b) Vòng bán kết: 8h00 ngày 17/4/2024 tại Hội trường Đoàn xã.
c) Hạn nộp bài dự thi: trước ngày 05/4/2024.
đ) Hạn cuối nộp hồ sơ: 17h00 ngày 30/4/2024.
d) Ban Tổ chức: gồm 05 đồng chí, thành lập ngày 01/3/2024.
""")
    got = [(e.kind, e.start, e.what, e.venues) for e in rec.events]
    assert ("event", "2024-04-10", "Vòng sơ khảo", []) in got
    assert ("event", "2024-04-17T08:00", "Vòng bán kết", ["Hội trường Đoàn xã"]) in got
    assert ("deadline", "2024-04-05", "Hạn nộp bài dự thi", []) in got
    assert ("deadline", "2024-04-30T17:00", "Hạn cuối nộp hồ sơ", []) in got
    assert not any(e.what == "Ban Tổ chức" for e in rec.events)  # its value does not open with a date


def test_grouping_headings_over_parties_are_no_parties(tmp_path):
    rec = rec_of(tmp_path, """IV. TỔ CHỨC THỰC HIỆN
1. Cấp tỉnh
a) Sở Y tế
- Chủ trì tổ chức chiến dịch tiêm chủng.
b) Sở Tài chính
- Bố trí kinh phí.
2. Đối với các huyện
- Ủy ban nhân dân các huyện: chỉ đạo triển khai trên địa bàn.
- Trung tâm Y tế các huyện: tổ chức tiêm chủng tại các điểm.
3. Đối với Công an tỉnh
- Bảo đảm an ninh trật tự.
- Phối hợp kiểm tra.
""")
    assert _duties(rec) == {
        "Sở Y tế": ["Chủ trì tổ chức chiến dịch tiêm chủng."], "Sở Tài chính": ["Bố trí kinh phí."],
        "Ủy ban nhân dân các huyện": ["chỉ đạo triển khai trên địa bàn."],
        "Trung tâm Y tế các huyện": ["tổ chức tiêm chủng tại các điểm."],
        "Công an tỉnh": ["Bảo đảm an ninh trật tự.", "Phối hợp kiểm tra."]}


def test_a_schedule_read_from_inside_its_table_takes_the_header_above(tmp_path):
    import datetime as dt

    from extractors.events import extract_events
    from pipeline.extract import load_document

    path = ruled_table_docx(
        tmp_path / "bang.docx", ["LỊCH LẤY MẪU"],
        [["STT", "Tên doanh nghiệp", "Loại mẫu", "Thời gian", "Địa điểm"],
         ["1", "Công ty cổ phần Alpha", "Nước thải: 01", "Sáng 16/11/2012", "Khu công nghiệp Đình Trám"],
         ["2", "3|Công ty TNHH Hosiden", "Khí thải: 01", "Chiều 16/11/2012", "Khu công nghiệp Quang Châu"]])
    doc = load_document(path)
    first_row = next(ln.index for ln in doc.lines if "Alpha" in ln.text)
    sched = extract_events(doc, title=None, ref_date=dt.date(2012, 11, 10), body_start=first_row,
                           body_end=len(doc.lines))
    assert [(e.what, [v.text for v in e.venues]) for e in sched.events] == [
        ("Công ty cổ phần Alpha", ["Khu công nghiệp Đình Trám"]),
        ("Công ty TNHH Hosiden", ["Khu công nghiệp Quang Châu"])]


def test_a_meeting_the_text_rests_on_is_cited_not_scheduled(tmp_path):
    rec = rec_of(tmp_path, """Căn cứ Biên bản họp Ban Thường vụ ngày 02/3/2024 về việc tổ chức Tháng Thanh niên;
Ban Thường vụ Đoàn xã tổ chức Lễ ra quân vào ngày 05/3/2024 tại Sân vận động xã.
Căn cứ kế hoạch công tác năm 2024, Đoàn xã tổ chức Hội thi vào ngày 20/3/2024 tại Nhà văn hóa xã.
""")
    assert [e.start for e in rec.events] == ["2024-03-05", "2024-03-20"]  # the second clause schedules


def test_recipients_written_like_duties_are_no_parties(tmp_path):
    path = tmp_path / "kh.txt"
    path.write_text(HEAD + """V. TỔ CHỨC THỰC HIỆN
1. Quận Đoàn:
- Phân công đồng chí Chủ nhiệm câu lạc bộ điều hành hoạt động.
2. Các cụm thi đua:
- Rà soát và lập danh sách thành viên gửi về Quận Đoàn.

Nơi nhận:
- Thành Đoàn: Ban TC-KT, Ban TG-ĐN;
- Quận ủy: Ban Dân vận;
- Lưu.

TM. BAN THƯỜNG VỤ
BÍ THƯ

Võ Minh Tâm
""", encoding="utf-8")
    rec = extract_file(path).record
    assert [d.party for d in rec.responsibilities] == ["Quận Đoàn", "Các cụm thi đua"]


def test_the_lines_that_date_the_document_schedule_nothing(tmp_path):
    import datetime as dt

    from extractors.events import extract_events
    from pipeline.extract import load_document

    path = tmp_path / "gm.txt"
    path.write_text("""UỶ BAN NHÂN DÂN\tCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
Số: 75/GM-UBND\tBắc Giang, ngày 17 tháng 10 năm 2012
GIẤY MỜI
Hội nghị thường kỳ được tổ chức vào ngày 23/10/2012 tại Hội trường UBND tỉnh.
Bắc Giang, ngày    tháng 10 năm 2012
Hội nghị chuyên đề tổ chức vào sáng thứ Năm, ngày 25 tháng 10 năm 2012 tại Hội trường UBND tỉnh.
""", encoding="utf-8")
    doc = load_document(path)
    sched = extract_events(doc, title=None, ref_date=dt.date(2012, 10, 17), body_start=0, body_end=len(doc.lines))
    # (a sentence that goes on to ", ngày ... tháng ... năm ..." is no place's date line)
    assert [e.when.start_value for e in sched.events] == ["2012-10-23", "2012-10-25"]


def test_a_heading_of_label_words_does_not_name_the_activity(tmp_path):
    rec = rec_of(tmp_path, """II. ĐƠN VỊ TỔ CHỨC - THỜI GIAN - ĐỊA ĐIỂM
- Thời gian: 8h00 ngày 10/11/2024.
- Địa điểm: Nhà văn hóa xã.
""")
    [ev] = rec.events
    assert ev.what == "Tổ chức Ngày hội Tuổi trẻ sáng tạo năm 2024"  # the plan's title says what happens


def test_a_deadline_already_past_when_the_text_was_written_is_reported(tmp_path):
    rec = rec_of(tmp_path, """Ngày 25/02/2024, Ban Thường vụ đã chỉ đạo các chi đoàn hoàn thành đăng ký
trước ngày 28/02/2024.
Các chi đoàn gửi báo cáo kết quả về Văn phòng trước ngày 20/3/2024.
""")
    assert [(e.kind, e.start) for e in rec.events] == [("deadline", "2024-03-20")]  # the plan is of 02/3/2024


def test_a_partys_lead_paragraph_before_its_bullets_is_a_task_too(tmp_path):
    rec = rec_of(tmp_path, """IV. TỔ CHỨC THỰC HIỆN
1. Văn phòng Đoàn xã
Chủ trì, phối hợp với các chi đoàn triển khai thực hiện kế hoạch, cụ thể:
- Chuẩn bị giấy mời, khánh tiết.
- Tổng hợp kết quả, báo cáo Ban Thường vụ.
2. Các chi đoàn
- Cử đoàn viên tham gia.
""")
    assert _duties(rec)["Văn phòng Đoàn xã"] == [
        "Chủ trì, phối hợp với các chi đoàn triển khai thực hiện kế hoạch, cụ thể:",
        "Chuẩn bị giấy mời, khánh tiết.", "Tổng hợp kết quả, báo cáo Ban Thường vụ."]


def test_a_decisions_article_of_duties_hands_each_body_its_work(tmp_path):
    rec = rec_of(tmp_path, """Điều 1. Phê duyệt phương án tuyến đường.
Điều 2. Tổ chức thực hiện.
- Giao Sở Xây dựng: Cập nhật quy mô, tính chất của tuyến đường vào quy hoạch giao thông.
- Giao Sở Tài chính: chủ trì rà soát các dự án đầu tư có ảnh hưởng.
- Công ty cổ phần Tư vấn Giao thông:
+ Chịu trách nhiệm về số liệu thuyết minh;
+ Bàn giao hồ sơ cho địa phương.
Điều 3. Chánh Văn phòng UBND tỉnh; Giám đốc các Sở: Xây dựng, Tài chính; Thủ trưởng các cơ quan
có liên quan chịu trách nhiệm thi hành Quyết định này./.
""")
    assert list(_duties(rec)) == ["Sở Xây dựng", "Sở Tài chính", "Công ty cổ phần Tư vấn Giao thông"]
    assert _duties(rec)["Công ty cổ phần Tư vấn Giao thông"] == ["Chịu trách nhiệm về số liệu thuyết minh",
                                                                 "Bàn giao hồ sơ cho địa phương."]


def test_the_steps_of_a_timeline_table_are_not_held_at_the_plans_place(tmp_path):
    path = ruled_table_docx(
        tmp_path / "tien_do.docx",
        HEAD.strip().splitlines() + ["II. THỜI GIAN, ĐỊA ĐIỂM", "- Thời gian: 02 ngày.",
                                     "- Địa điểm: Nhà văn hóa xã.", "III. TIẾN ĐỘ"],
        [["TT", "Thời gian", "Nội dung"],
         ["1", "Ngày 24/05/2024", "Văn phòng thông báo danh sách đội hình"],
         ["2", "Ngày 01/06/2024", "Các chi đoàn nộp danh sách thành viên"]],
        after=tuple(FOOT.strip().splitlines()))
    rec = extract_file(path).record
    assert rec.venues == ["Nhà văn hóa xã"]
    assert [(e.start, e.venues) for e in rec.events] == [("2024-05-24", []), ("2024-06-01", [])]


def test_a_part_of_the_day_merged_across_a_programme_says_where_its_rows_happen(tmp_path):
    path = ruled_table_docx(
        tmp_path / "tuan_sinh_hoat.docx", HEAD.strip().splitlines() + ["NGÀY 1: THỨ HAI, NGÀY 24/8/2026"],
        [["Thời gian", "Nội dung", "Phụ trách"],
         ["Buổi sáng (từ 7h00 đến 9h00) – Tập trung toàn trường dưới sân cờ", "", ""],
         ["7h00 - 7h15", "Ổn định tổ chức", "Giáo viên chủ nhiệm"],
         ["7h15 - 8h00", "Khai mạc tuần sinh hoạt", "Hiệu trưởng"]],
        after=tuple(FOOT.strip().splitlines()))
    rec = extract_file(path).record
    timed = [(e.start, e.venues) for e in rec.events if "T" in e.start]
    assert timed == [("2026-08-24T07:00", ["sân cờ"]), ("2026-08-24T07:15", ["sân cờ"])]


def test_a_duties_heading_set_without_a_number_over_numbered_items(tmp_path):
    rec = rec_of(tmp_path, """Để thực hiện tốt kế hoạch, Ban Thường vụ đề nghị các đơn vị triển khai như sau:

TỔ CHỨC THỰC HIỆN
1. Văn phòng Đoàn xã: tham mưu, theo dõi, tổng hợp kết quả.
2. Các chi đoàn: triển khai đến đoàn viên.
3. Đề nghị Hội Phụ nữ xã phối hợp tuyên truyền.
""")
    assert list(_duties(rec)) == ["Văn phòng Đoàn xã", "Các chi đoàn", "Hội Phụ nữ xã"]


def test_a_meetings_conclusions_hand_work_item_by_item(tmp_path):
    # a thông báo kết luận: numbered items at the top of the text, each handing work to a post or a body
    rec = rec_of(tmp_path, """Ngày 16/4/2024, UBND xã tổ chức họp giao ban tháng 4. Chủ tịch UBND xã kết luận như sau:
1. Giao công chức Địa chính - Xây dựng phối hợp với Trưởng các thôn rà soát diện tích đất bị lấn chiếm, \
báo cáo UBND xã trước ngày 30/4/2024.
2. Giao công chức Văn hóa - Xã hội chủ trì chuẩn bị Lễ kỷ niệm vào lúc 7 giờ 00 ngày 29/4/2024 tại Nhà văn hóa xã.
3. Công an xã tăng cường tuần tra, đảm bảo an ninh trật tự trong dịp Lễ.
4. Trưởng các thôn tuyên truyền, vận động nhân dân tham gia ra quân tổng vệ sinh môi trường.
UBND xã thông báo để các bộ phận, cá nhân có liên quan biết, thực hiện./.
""")
    duties = _duties(rec)
    assert list(duties) == ["công chức Địa chính - Xây dựng", "công chức Văn hóa - Xã hội", "Công an xã",
                            "Trưởng các thôn"]
    assert duties["Công an xã"][0].startswith("Công an xã tăng cường tuần tra")


def test_one_giao_hands_work_to_bodies_named_after_each_semicolon(tmp_path):
    rec = rec_of(tmp_path, """Kính mời đại biểu tham dự cuộc họp đánh giá tình hình thực hiện nhiệm vụ quý I năm 2024.
Thời gian: 14 giờ 00, thứ Năm, ngày 28/3/2024.
Địa điểm: Phòng họp số 2, UBND huyện.
Giao Văn phòng HĐND và UBND huyện chuẩn bị phòng họp, tài liệu; Phòng Tài chính - Kế hoạch chuẩn bị báo cáo, \
gửi về Văn phòng trước ngày 26/3/2024.
Rất mong các đại biểu tham dự đúng thời gian./.
""")
    duties = _duties(rec)
    assert list(duties) == ["Văn phòng HĐND và UBND huyện", "Phòng Tài chính - Kế hoạch"]
    assert duties["Văn phòng HĐND và UBND huyện"] == [
        "Giao Văn phòng HĐND và UBND huyện chuẩn bị phòng họp, tài liệu"]
    assert duties["Phòng Tài chính - Kế hoạch"][0].startswith("Phòng Tài chính - Kế hoạch chuẩn bị báo cáo")
    assert [e.venues for e in rec.events if e.start == "2024-03-28T14:00"] == [["Phòng họp số 2, UBND huyện"]]


def test_a_time_and_place_heading_over_named_items_gives_each_item_its_event(tmp_path):
    rec = rec_of(tmp_path, """Sở GDĐT hướng dẫn tổ chức Hội thi giáo viên dạy giỏi cấp tỉnh như sau:
1. Thời gian, địa điểm
- Khai mạc: 7 giờ 30 ngày 04/3/2024 tại Hội trường Sở Giáo dục và Đào tạo.
- Thi thực hành: từ ngày 05/3 đến ngày 08/3/2024 tại Trường THPT Chuyên Thăng Long, Đà Lạt.
- Bế mạc: 15 giờ 00 ngày 08/3/2024.
2. Tổ chức thực hiện
- Các trường THPT cử giáo viên dự thi.
""")
    got = [(e.start, e.end, e.what, e.venues) for e in rec.events]
    assert got == [("2024-03-04T07:30", None, "Khai mạc", ["Hội trường Sở Giáo dục và Đào tạo"]),
                   ("2024-03-05", "2024-03-08", "Thi thực hành", ["Trường THPT Chuyên Thăng Long, Đà Lạt"]),
                   ("2024-03-08T15:00", None, "Bế mạc", [])]


def test_a_weekly_leadership_schedule_under_its_title(tmp_path):
    # a lịch công tác tuần: the grid stands right under the title (no blank line), the hour is in a
    # "Buổi" column beside the day, and "Chủ trì" says who chairs each meeting, not whose duty it is
    head = ["ỦY BAN NHÂN DÂN", "HUYỆN LẠC DƯƠNG", "Số: 52/LCT-UBND", "Lạc Dương, ngày 08 tháng 3 năm 2024",
            "LỊCH CÔNG TÁC TUẦN", "Của Lãnh đạo UBND huyện (từ ngày 11/3/2024 đến ngày 15/3/2024)"]
    rows = [["Thứ, ngày", "Buổi", "Nội dung công việc", "Chủ trì", "Địa điểm"],
            ["Thứ Hai 11/3", "Sáng", "Họp giao ban Lãnh đạo UBND huyện", "Chủ tịch", "Phòng họp số 1"],
            ["", "Chiều", "Làm việc với Phòng Tài chính - Kế hoạch về dự toán", "PCT Nguyễn Văn B", "Phòng họp số 2"],
            ["Thứ Ba 12/3", "8h00", "Dự Hội nghị tổng kết công tác Mặt trận", "Chủ tịch", "Hội trường Huyện ủy"],
            ["Thứ Sáu 15/3", "14h00", "Tiếp công dân định kỳ", "Chủ tịch", "Trụ sở Tiếp công dân huyện"]]
    path = ruled_table_docx(tmp_path / "lich.docx", head, rows,
                            after=("Nơi nhận:", "- Các phòng, ban;", "- Lưu: VT.", "TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG",
                                   "Trần Thị Bình"))
    rec = extract_file(path).record
    assert "Họp giao ban" not in (rec.title or "")
    assert [(e.start, e.what, e.venues) for e in rec.events] == [
        ("2024-03-11", "Họp giao ban Lãnh đạo UBND huyện", ["Phòng họp số 1"]),
        ("2024-03-11", "Làm việc với Phòng Tài chính - Kế hoạch về dự toán", ["Phòng họp số 2"]),
        ("2024-03-12T08:00", "Dự Hội nghị tổng kết công tác Mặt trận", ["Hội trường Huyện ủy"]),
        ("2024-03-15T14:00", "Tiếp công dân định kỳ", ["Trụ sở Tiếp công dân huyện"])]
    assert rec.responsibilities == []


def test_headings_name_the_activities_their_sentences_only_date(tmp_path):
    rec = rec_of(tmp_path, """I. NỘI DUNG
1. Tập huấn nghiệp vụ công tác văn thư, lưu trữ
- Thời gian tập huấn: 02 ngày (ngày 18 và 19/4/2024).
- Địa điểm: Hội trường Trung tâm Chính trị huyện.
2. Hội nghị tổng kết công tác Đoàn
Hội nghị được tổ chức vào lúc 8 giờ 00 ngày 20/12/2024 (thứ Sáu) tại Hội trường UBND xã.
3. Kiểm tra công tác lưu trữ tại các chi đoàn
Dự kiến tổ chức trong tháng 10/2024.
4. Sinh hoạt chuyên đề
Các chi đoàn sinh hoạt theo chủ đề trong tháng 11/2024.
""")
    got = [(e.start, e.end, e.what, e.venues) for e in rec.events]
    assert got == [
        ("2024-04-18", "2024-04-19", "Tập huấn nghiệp vụ công tác văn thư, lưu trữ",
         ["Hội trường Trung tâm Chính trị huyện"]),
        ("2024-12-20T08:00", None, "Hội nghị tổng kết công tác Đoàn", ["Hội trường UBND xã"]),
        ("2024-10", None, "Kiểm tra công tác lưu trữ tại các chi đoàn", [])]


def test_a_letter_asks_bodies_for_the_items_under_its_colon(tmp_path):
    rec = rec_of(tmp_path, """Để chủ động phòng, chống dịch bệnh trong mùa mưa, Ban Thường vụ Đoàn xã yêu cầu \
các chi đoàn thực hiện tốt một số nội dung sau:
1. Tăng cường công tác tuyên truyền về các biện pháp phòng, chống dịch bệnh.
2. Ra quân vệ sinh môi trường tại khu dân cư.
3. Báo cáo kết quả thực hiện về Văn phòng Đoàn xã trước ngày 30/6/2024.
Giao Văn phòng Đoàn xã theo dõi, đôn đốc, tổng hợp tình hình, báo cáo Ban Thường vụ./.
""")
    duties = _duties(rec)
    assert list(duties) == ["các chi đoàn", "Văn phòng Đoàn xã"]
    assert [t[:20] for t in duties["các chi đoàn"]] == ["Tăng cường công tác ", "Ra quân vệ sinh môi ",
                                                       "Báo cáo kết quả thực"]


def test_a_decisions_article_names_its_body_before_co_nhiem_vu_and_la(tmp_path):
    rec = rec_of(tmp_path, """Điều 1. Thành lập Ban Tổ chức Hội thi Tiếng hát học sinh năm 2024, gồm các ông (bà) \
có tên sau:
1. Ông Nguyễn Văn A, Phó Bí thư Đoàn xã - Trưởng ban;
2. Bà Trần Thị B, Ủy viên Ban Chấp hành - Thành viên.
Điều 2. Ban Tổ chức có nhiệm vụ xây dựng kế hoạch, tổ chức Hội thi vào ngày 25/5/2024 tại Nhà văn hóa xã.
Giao Văn phòng Đoàn xã là cơ quan thường trực, chuẩn bị các điều kiện tổ chức Hội thi.
Điều 3. Văn phòng Đoàn xã và các ông (bà) có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.
""")
    assert list(_duties(rec)) == ["Ban Tổ chức", "Văn phòng Đoàn xã"]


def test_a_place_label_under_a_sub_heading_is_where_that_headings_items_happen(tmp_path):
    rec = rec_of(tmp_path, """1. Lịch thi
- Môn Toán: 7h30 ngày 10/6/2024;
- Môn Ngữ văn: 14h00 ngày 10/6/2024.
Địa điểm thi: Trường THPT Lạc Dương.
2. Họp phụ huynh
Thời gian: 7h30 – 11h30, ngày 22/3/2024 (thứ Sáu).
""")
    got = [(e.start, e.what, e.venues) for e in rec.events]
    assert ("2024-06-10T07:30", "Môn Toán", ["Trường THPT Lạc Dương"]) in got
    assert ("2024-03-22T07:30", "Họp phụ huynh", []) in got


def test_a_summons_names_the_congress_its_delegates_attend_in_full(tmp_path):
    p = tmp_path / "tb.txt"
    p.write_text(HEAD.replace("KẾ HOẠCH\nTổ chức Ngày hội Tuổi trẻ sáng tạo năm 2024",
                              "THÔNG BÁO\nTriệu tập đại biểu dự Đại hội đại biểu Đoàn TNCS Hồ Chí Minh xã Hiệp An "
                              "lần thứ X, nhiệm kỳ 2024 - 2027") + """Ban Chấp hành Đoàn xã thông báo triệu tập \
đại biểu chính thức dự Đại hội, cụ thể như sau:
1. Thời gian: 01 ngày, bắt đầu từ 7 giờ 00 phút, Chủ nhật, ngày 25/8/2024.
2. Địa điểm: Hội trường UBND xã Hiệp An.
""" + FOOT, encoding="utf-8")
    rec = extract_file(p).record
    [ev] = rec.events
    assert ev.what == "Đại hội đại biểu Đoàn TNCS Hồ Chí Minh xã Hiệp An lần thứ X, nhiệm kỳ 2024 - 2027"
    assert ev.start == "2024-08-25T07:00" and ev.venues == ["Hội trường UBND xã Hiệp An"]


def test_an_inspection_schedule_names_each_row_by_the_unit_it_visits(tmp_path):
    rows = [["STT", "Thời gian", "Đơn vị được kiểm tra", "Địa điểm"],
            ["1", "Ngày 15/4/2024", "Chi đoàn thôn 1", "Nhà văn hóa thôn 1"],
            ["2", "Ngày 16/4/2024", "Chi đoàn thôn 2", "Nhà văn hóa thôn 2"]]
    path = ruled_table_docx(tmp_path / "kt.docx", HEAD.strip().splitlines(), rows,
                            after=tuple(FOOT.strip().splitlines()))
    rec = extract_file(path).record
    assert [(e.start, e.what, e.venues) for e in rec.events] == [
        ("2024-04-15", "Chi đoàn thôn 1", ["Nhà văn hóa thôn 1"]),
        ("2024-04-16", "Chi đoàn thôn 2", ["Nhà văn hóa thôn 2"])]


def test_a_programmes_second_day_happens_where_the_two_day_event_does(tmp_path):
    head = HEAD.strip().splitlines() + ["I. THỜI GIAN, ĐỊA ĐIỂM", "- Thời gian: 02 ngày 23 và 24/3/2024.",
                                        "- Địa điểm: Sân trường THPT Lạc Dương.", "II. CHƯƠNG TRÌNH"]
    rows = [["Thời gian", "Nội dung", "Phụ trách"], ["Thứ Bảy, ngày 23/3/2024"], ["7h00", "Dựng trại", "BTC"],
            ["Chủ nhật, ngày 24/3/2024"], ["7h30", "Trò chơi lớn", "BTC"]]
    rec = extract_file(_word_plan(tmp_path / "trai.docx", rows, head=head)).record
    assert {(e.start, e.what): e.venues for e in rec.events}[("2024-03-24T07:30", "Trò chơi lớn")] == [
        "Sân trường THPT Lạc Dương"]


def test_a_duties_part_mixing_lead_lines_colons_sentences_and_requests(tmp_path):
    rec = rec_of(tmp_path, """IV. TỔ CHỨC THỰC HIỆN
Văn phòng Đoàn xã:
- Chủ trì, phối hợp các chi đoàn tổ chức Ngày hội;
- Chuẩn bị cơ sở vật chất.
Công an xã: Đảm bảo an ninh trật tự trong thời gian diễn ra Ngày hội.
Trạm Y tế xã bố trí cán bộ y tế trực tại Ngày hội.
Đề nghị Hội Liên hiệp Phụ nữ xã và Hội Nông dân xã vận động hội viên tham gia.
""")
    assert list(_duties(rec)) == ["Văn phòng Đoàn xã", "Công an xã", "Trạm Y tế xã",
                                  "Hội Liên hiệp Phụ nữ xã và Hội Nông dân xã"]


def test_minutes_give_their_place_after_tai_and_their_end_in_the_closing_line(tmp_path):
    # a biên bản: "- Thời gian: 08h00’ ngày ..." (a prime after the minutes), "- Tại: ...", and the
    # closing "Cuộc họp kết thúc lúc ... cùng ngày" that ends the meeting
    rec = rec_of(tmp_path, """I. Thời gian và địa điểm:
- Thời gian: 08h00’ ngày 24/03/2024;
- Tại: Hội trường số 2, tầng 7, nhà A, Trụ sở Đoàn xã.
II. Nội dung
Ban Chấp hành thống nhất các nội dung của Ngày hội.
Cuộc họp kết thúc vào lúc 11 giờ 30 phút cùng ngày./.
""")
    [ev] = rec.events
    assert (ev.start, ev.end) == ("2024-03-24T08:00", "2024-03-24T11:30")
    assert ev.venues == ["Hội trường số 2, tầng 7, nhà A, Trụ sở Đoàn xã"]


def test_an_annex_without_a_date_line_takes_the_year_of_the_text_it_is_annexed_to(tmp_path):
    rows = [["Thời gian", "Người thực hiện", "Nội dung công việc"],
            ["Ngày 15/5", "BGH, văn thư", "Hoàn thiện công tác điều tra số trẻ trong độ tuổi"],
            ["Từ ngày 11/7 đến ngày 12/7", "BGH, Hội đồng TS", "Vận hành thử hệ thống tuyển sinh"]]
    head = ["UBND QUẬN HOÀNG MAI", "TRƯỜNG TIỂU HỌC YÊN SỞ", "LỊCH CÔNG TÁC TUYỂN SINH LỚP 1",
            "(Kèm theo Kế hoạch số 36/KH-THYS ngày 19 tháng 6 năm 2020 của trường Tiểu học Yên Sở)"]
    rec = extract_file(ruled_table_docx(tmp_path / "pl.docx", head, rows)).record
    assert [(e.start, e.end) for e in rec.events] == [("2020-05-15", None), ("2020-07-11", "2020-07-12")]


def test_a_team_named_with_a_verb_keeps_its_whole_name(tmp_path):
    rec = rec_of(tmp_path, """IV. TỔ CHỨC THỰC HIỆN
1. Ban Thường vụ Đoàn xã chỉ đạo chung.
2. Tổ hỗ trợ tuyển sinh trực tuyến hướng dẫn đoàn viên đăng ký trên hệ thống.
""")
    assert "Tổ hỗ trợ tuyển sinh trực tuyến" in _duties(rec)


def test_a_schedule_whose_rules_were_not_read_is_read_by_its_header_columns(tmp_path):
    # a borderless Word table reads as page layout, as a photographed table does: no ruled rows, only
    # a header naming the columns and lines of cells under it
    rows = [["Thời gian", "Người thực hiện", "Nội dung công việc"],
            ["Trước ngày 20/4", "Văn phòng Đoàn", "Rà soát danh sách đoàn viên"],
            ["Từ ngày 12/7 đến\nngày 14/7", "Các chi đoàn", "Tổ chức ra quân tình nguyện hè"],
            ["Chậm nhất ngày\n04/8", "Văn phòng Đoàn", "Tổng hợp kết quả, báo cáo Huyện Đoàn"]]
    rec = extract_file(_word_plan(tmp_path / "lich.docx", rows, ruled=False)).record
    got = [(e.start, e.end, e.kind, e.what) for e in rec.events]
    assert got == [("2024-04-20", None, "deadline", "Rà soát danh sách đoàn viên"),
                   ("2024-07-12", "2024-07-14", "event", "Tổ chức ra quân tình nguyện hè"),
                   ("2024-08-04", None, "deadline", "Tổng hợp kết quả, báo cáo Huyện Đoàn")]


def test_work_to_be_done_within_a_month_is_an_event_of_that_month(tmp_path):
    rec = rec_of(tmp_path, """IV. TỔ CHỨC THỰC HIỆN
1. Văn phòng Đoàn xã
- Nghiên cứu nội dung, thành phần để tổ chức Hội nghị gặp mặt đoàn viên trong tháng 5/2024.
- Tổng hợp ý kiến, hoàn thành trong tháng 3/2024.
2. Các chi đoàn
- Trong tháng 2/2024, các chi đoàn đã rà soát đoàn viên.
""")
    assert sorted(e.start for e in rec.events) == ["2024-03", "2024-05"]


def test_an_invitation_names_what_it_invites_to_after_toi_du(tmp_path):
    p = tmp_path / "gm.txt"
    head = HEAD[:HEAD.index("KẾ HOẠCH")] + "GIẤY MỜI\n\n"
    p.write_text(head + """Ban Chấp hành Đoàn xã trân trọng kính mời:
Đồng chí: Nguyễn Văn An - Bí thư Huyện Đoàn
Tới dự: Lễ kỷ niệm 93 năm Ngày thành lập Đoàn TNCS Hồ Chí Minh và tuyên dương đoàn viên tiêu biểu.
Thời gian: Vào lúc 7 giờ 00, thứ Ba ngày 26/3/2024.
Địa điểm: Hội trường UBND xã Hiệp An.
Sự có mặt của đồng chí góp phần vào thành công của buổi lễ./.
""" + FOOT, encoding="utf-8")
    rec = extract_file(p).record
    assert rec.title is None or "kính mời" not in rec.title
    [ev] = rec.events
    assert ev.what.startswith("Lễ kỷ niệm 93 năm Ngày thành lập Đoàn") and ev.start == "2024-03-26T07:00"


def test_a_decisions_article_lists_bodies_each_with_its_task_after_a_colon(tmp_path):
    rec = rec_of(tmp_path, """Điều 2. Tổ chức thực hiện
1. Văn phòng Đoàn xã:
a) Chủ trì, phối hợp với các chi đoàn tổ chức các hoạt động;
b) Xây dựng kịch bản chương trình khai mạc.
2. Hội Liên hiệp Thanh niên xã: Vận động thanh niên tham gia.
3. UBND thị trấn Lạc Dương: Chỉnh trang đô thị, vệ sinh môi trường khu vực tổ chức các hoạt động của Ngày hội.
Điều 3. Quyết định này có hiệu lực kể từ ngày ký./.
""")
    duties = _duties(rec)
    assert list(duties) == ["Văn phòng Đoàn xã", "Hội Liên hiệp Thanh niên xã", "UBND thị trấn Lạc Dương"]
    assert duties["UBND thị trấn Lạc Dương"] == [
        "Chỉnh trang đô thị, vệ sinh môi trường khu vực tổ chức các hoạt động của Ngày hội."]


def test_a_schedule_with_a_header_of_two_rows(tmp_path):
    import docx

    d = docx.Document()
    for t in HEAD.strip().splitlines():
        d.add_paragraph(t)
    rows = [["TT", "Thời gian", "", "Nội dung", "Địa điểm"], ["", "Ngày", "Giờ", "", ""],
            ["1", "15/4/2024", "7h30", "Khai mạc Ngày hội", "Sân vận động xã"],
            ["2", "16/4/2024", "8h00", "Bế mạc, trao giải", "Hội trường UBND xã"]]
    table = d.add_table(rows=len(rows), cols=5)
    table.style = "Table Grid"
    for i, r in enumerate(rows[2:], start=2):
        for j, x in enumerate(r):
            table.cell(i, j).text = x
    table.cell(1, 1).text, table.cell(1, 2).text = "Ngày", "Giờ"
    table.cell(0, 1).merge(table.cell(0, 2)).text = "Thời gian"  # "Thời gian" over "Ngày | Giờ"
    for j in (0, 3, 4):
        table.cell(0, j).merge(table.cell(1, j)).text = rows[0][j]
    for t in FOOT.strip().splitlines():
        d.add_paragraph(t)
    d.save(tmp_path / "lt.docx")
    rec = extract_file(tmp_path / "lt.docx").record
    assert [(e.start, e.what, e.venues) for e in rec.events] == [
        ("2024-04-15T07:30", "Khai mạc Ngày hội", ["Sân vận động xã"]),
        ("2024-04-16T08:00", "Bế mạc, trao giải", ["Hội trường UBND xã"])]


def test_a_weekly_schedule_listing_several_items_in_each_days_cells(tmp_path):
    # "Ngày | Sáng | Chiều", each cell a list of items led by their hour; the year only in the title
    head = ["ỦY BAN NHÂN DÂN", "HUYỆN LẠC DƯƠNG", "LỊCH CÔNG TÁC TUẦN", "(Từ ngày 11/3/2024 đến ngày 15/3/2024)"]
    rows = [["Ngày", "Sáng", "Chiều"],
            ["Thứ Hai\n11/3", ["- 7h30: Chào cờ đầu tuần tại Hội trường UBND huyện.", "- 9h00: Họp giao ban lãnh đạo."],
             ["- 14h00: Làm việc với Phòng Tài chính - Kế hoạch."]],
            ["Thứ Ba\n12/3", ["- 8h00: Dự Hội nghị tổng kết tại Hội trường Huyện ủy."], ["- Làm việc tại cơ quan."]]]
    rec = extract_file(_word_plan(tmp_path / "tuan.docx", rows, head=head, foot=[])).record
    assert [(e.start, e.what, e.venues) for e in rec.events] == [
        ("2024-03-11T07:30", "Chào cờ đầu tuần", ["Hội trường UBND huyện"]),
        ("2024-03-11T09:00", "Họp giao ban lãnh đạo", []),
        ("2024-03-11T14:00", "Làm việc với Phòng Tài chính - Kế hoạch", []),
        ("2024-03-12T08:00", "Dự Hội nghị tổng kết", ["Hội trường Huyện ủy"]),
        ("2024-03-12", "Làm việc tại cơ quan", [])]


def test_timeline_steps_labelled_before_their_dates(tmp_path):
    rec = rec_of(tmp_path, """III. TIẾN ĐỘ THỰC HIỆN
- Bước 1 (từ ngày 01/4 đến ngày 10/4/2024): Các chi đoàn tổ chức tuyên truyền, phát động.
- Giai đoạn 2: Tháng 5/2024: Tổ chức chung kết tại Nhà văn hóa xã.
""")
    got = {(e.start, e.end, e.what) for e in rec.events}
    assert ("2024-04-01", "2024-04-10", "Bước 1: Các chi đoàn tổ chức tuyên truyền, phát động") in got
    assert ("2024-05", None, "Tổ chức chung kết tại Nhà văn hóa xã") in got


def test_a_duties_part_whose_heading_lost_a_mark_and_whose_sentences_wrap_before_their_verb(tmp_path):
    # a scanner's text layer: "TỎ CHỨC" for "TỔ CHỨC"; numbered sentences wrapped by the page
    rec = rec_of(tmp_path, """III. TỎ CHỨC THỰC HIỆN
1. Văn phòng Đoàn xã: Chỉ đạo Ban Tuyên giáo - Thi đua thực hiện các nhiệm vụ
được giao tại Kế hoạch.
2. Căn cứ Kế hoạch này, bí thư các chi đoàn, chi hội và
câu lạc bộ trên địa bàn xã xây dựng kế hoạch cụ thể.
3. Thành viên Ban Chấp hành Đoàn xã phụ trách các
chi đoàn đôn đốc việc triển khai thực hiện.
4. Ban Tuyên giáo Đoàn xã định hướng cho các chi đoàn tuyên truyền.
""")
    assert list(_duties(rec)) == ["Văn phòng Đoàn xã",
                                  "bí thư các chi đoàn, chi hội và câu lạc bộ trên địa bàn xã",
                                  "Thành viên Ban Chấp hành Đoàn xã", "Ban Tuyên giáo Đoàn xã"]


def test_phan_cong_viec_is_no_duties_heading(tmp_path):
    rec = rec_of(tmp_path, """III. Phần công việc thuộc kế hoạch:
1. Bảng tổng hợp phần công việc của Đoàn xã.
2. Giải trình nội dung kế hoạch.
""")
    assert "Bảng tổng hợp phần công việc của Đoàn xã" not in _duties(rec)


def test_a_letter_asking_quy_uy_ban_hands_the_work_to_its_addressee(tmp_path):
    p = tmp_path / "cv.txt"
    head = HEAD[:HEAD.index("KẾ HOẠCH")]
    p.write_text(head + """V/v phát triển hạ tầng số

Kính gửi: Ủy ban nhân dân các huyện, thành phố

Hạ tầng số cần được ưu tiên phát triển. Huyện Đoàn trân trọng đề nghị Quý Ủy ban chỉ đạo các xã phối hợp \
tổ chức tuyên truyền trước ngày 01/9/2024. Trường hợp đã triển khai, đề nghị gửi báo cáo kết quả.
Trân trọng cảm ơn./.
""" + FOOT, encoding="utf-8")
    rec = extract_file(p).record
    [duty] = rec.responsibilities
    assert duty.party == "Ủy ban nhân dân các huyện, thành phố"
    assert duty.tasks[0].startswith("chỉ đạo các xã phối hợp tổ chức tuyên truyền trước ngày 01/9/2024")


def test_a_duty_sentence_after_another_sentence_of_its_item(tmp_path):
    rec = rec_of(tmp_path, """1. Thống nhất để Chi đoàn thôn 2 tổ chức đại hội vào ngày 09/4/2024 theo đề nghị \
của Văn phòng Đoàn xã. Chi đoàn thôn 2 có trách nhiệm chuẩn bị các công việc để đại hội tiến hành đúng quy định.
2. Giao Văn phòng Đoàn xã chủ trì, hướng dẫn Chi đoàn thôn 2 về nhân sự Ban Chấp hành.
""")
    assert list(_duties(rec)) == ["Chi đoàn thôn 2", "Văn phòng Đoàn xã"]


def test_a_year_that_is_an_activitys_only_time_dates_it(tmp_path):
    rec = rec_of(tmp_path, """II. NỘI DUNG
1. Xây dựng trang thông tin điện tử của Đoàn xã
- Thời gian thực hiện: Năm 2024.
2. Sơ kết công tác Đoàn quý II
- Thời gian: Quý II/2024.
""")
    assert [(e.start, e.what) for e in rec.events] == [("2024", "Xây dựng trang thông tin điện tử của Đoàn xã")]


def test_a_notice_of_holidays_names_the_holiday_it_announces(tmp_path):
    rec = rec_of(tmp_path, """Đoàn xã thông báo lịch nghỉ Tết Nguyên đán Giáp Thìn năm 2024 như sau:
1. Thời gian nghỉ: Từ ngày 08/02/2024 đến hết ngày 14/02/2024.
""")
    [ev] = rec.events
    assert (ev.start, ev.end) == ("2024-02-08", "2024-02-14") and "nghỉ Tết Nguyên đán" in ev.what


def test_the_place_work_is_handed_in_at_is_labelled_noi_nhan_ho_so(tmp_path):
    rec = rec_of(tmp_path, """II. NỘI DUNG
1. Tuyển chọn tình nguyện viên
- Thời gian nhận hồ sơ: từ ngày 15/3/2024 đến 17h00 ngày 30/3/2024.
- Nơi nhận hồ sơ: Văn phòng Đoàn xã, tầng 2 nhà văn hóa xã.
""")
    [ev] = rec.events
    assert ev.venues == ["Văn phòng Đoàn xã, tầng 2 nhà văn hóa xã"]
    assert rec.recipients == ["Huyện Đoàn", "Lưu"]  # the footer's "Nơi nhận:" is still the footer's


def test_each_day_of_a_time_value_keeps_the_part_it_is_for(tmp_path):
    rec = rec_of(tmp_path, """1. Hội thi Rung chuông vàng
- Thời gian: Sáng ngày 20/3/2024 (vòng loại), chiều ngày 21/3/2024 (chung kết).
- Địa điểm: Hội trường Trường THCS Hiệp An.
2. Giải bóng đá nam
- Thời gian: từ ngày 22/3 đến ngày 24/3/2024; khai mạc lúc 7h30 ngày 22/3/2024.
""")
    got = {(e.start, e.what) for e in rec.events}
    assert {("2024-03-20", "Hội thi Rung chuông vàng: vòng loại"),
            ("2024-03-21", "Hội thi Rung chuông vàng: chung kết"),
            ("2024-03-22T07:30", "Giải bóng đá nam: khai mạc"), ("2024-03-22", "Giải bóng đá nam")} == got


def test_a_task_card_and_a_completion_time_name_the_task_they_date(tmp_path):
    rec = rec_of(tmp_path, """II. NHIỆM VỤ
1.1. Xây dựng trang thông tin của Đoàn xã
a) Nhiệm vụ: Tham mưu thiết kế, vận hành trang thông tin điện tử của Đoàn xã.
b) Cơ quan thực hiện: Văn phòng Đoàn xã.
c) Thời gian thực hiện: Hoàn thành trong tháng 6/2024.
1.2. Số hóa hồ sơ đoàn viên
- Văn phòng Đoàn xã chủ trì, phối hợp các chi đoàn rà soát, số hóa toàn bộ hồ sơ đoàn viên do
chi đoàn quản lý. Thời gian hoàn thành trong tháng 9 năm 2024.
""")
    got = {e.start: e.what for e in rec.events}
    assert "Tham mưu thiết kế, vận hành trang thông tin điện tử" in got["2024-06"]
    assert got["2024-09"].startswith("Văn phòng Đoàn xã chủ trì, phối hợp các chi đoàn rà soát")


def test_the_last_dated_heading_does_not_take_the_footer_for_its_items(tmp_path):
    rec = rec_of(tmp_path, """IV. THỜI GIAN THỰC HIỆN
1. Đợt 1: từ ngày 01/6 đến ngày 15/6/2024, tiếp nhận hồ sơ tại Văn phòng Đoàn xã.
2. Đợt 2: từ ngày 01/7 đến ngày 15/7/2024.
""")
    got = [(e.start, e.end, e.what, e.venues) for e in rec.events]
    assert ("2024-07-01", "2024-07-15", "Đợt 2: từ ngày 01/7 đến ngày 15/7/2024", []) in got
    assert next(v for s, _, _, v in got if s == "2024-06-01") == ["Văn phòng Đoàn xã"]


def test_items_led_by_their_weekday_and_day(tmp_path):
    rec = rec_of(tmp_path, """Phòng Giáo dục và Đào tạo thông báo lịch kiểm tra như sau:
1. Thời gian, đơn vị được kiểm tra
- Thứ Hai, ngày 15/4/2024: Trường THCS Thới Lai (buổi sáng), Trường THCS Lộc Thuận (buổi chiều).
- Thứ Ba, ngày 16/4/2024: Trường THCS Định Trung.
- Chủ nhật (21/4/2024): Trường THCS Phú Long.
""")
    assert [(e.start, e.what) for e in rec.events] == [
        ("2024-04-15", "Trường THCS Thới Lai (buổi sáng), Trường THCS Lộc Thuận (buổi chiều)"),
        ("2024-04-16", "Trường THCS Định Trung"), ("2024-04-21", "Trường THCS Phú Long")]


def test_a_letters_closing_request_to_carry_it_out_hands_no_duty(tmp_path):
    rec = rec_of(tmp_path, """Ủy ban nhân dân huyện có ý kiến như sau:
1. Phòng Y tế huyện chủ trì, phối hợp với Trung tâm Y tế huyện thành lập đoàn kiểm tra liên ngành.
2. Ủy ban nhân dân các xã, thị trấn xây dựng kế hoạch triển khai tại địa phương.
Ủy ban nhân dân huyện yêu cầu các cơ quan, đơn vị, địa phương khẩn trương, nghiêm túc triển khai thực hiện./.
""")
    assert [d.party for d in rec.responsibilities] == ["Phòng Y tế huyện", "Ủy ban nhân dân các xã, thị trấn"]


def test_an_exam_timetable_and_a_schedule_of_who_receives_citizens(tmp_path):
    head, foot = HEAD.strip().splitlines(), tuple(FOOT.strip().splitlines())
    exams = [["Ngày thi", "Buổi", "Môn thi", "Thời gian làm bài"],
             ["27/6/2024", "Sáng", "Ngữ văn", "120 phút"], ["28/6/2024", "Sáng", "Tiếng Anh", "60 phút"]]
    rec = extract_file(ruled_table_docx(tmp_path / "thi.docx", head + ["2. Lịch thi"], exams, after=foot)).record
    assert [(e.start, e.what) for e in rec.events] == [("2024-06-27", "Ngữ văn"), ("2024-06-28", "Tiếng Anh")]
    # no column says what happens: each row is named by who does it
    rows = [["Thời gian", "Lãnh đạo tiếp công dân", "Địa điểm"],
            ["Thứ Năm, ngày 09/5/2024", "Chủ tịch UBND huyện", "Trụ sở Tiếp công dân huyện"],
            ["Thứ Năm, ngày 23/5/2024", "Phó Chủ tịch UBND huyện", "Trụ sở Tiếp công dân huyện"]]
    rec = extract_file(ruled_table_docx(tmp_path / "tcd.docx", head, rows, after=foot)).record
    assert [(e.start, e.what, e.venues) for e in rec.events] == [
        ("2024-05-09", "Chủ tịch UBND huyện", ["Trụ sở Tiếp công dân huyện"]),
        ("2024-05-23", "Phó Chủ tịch UBND huyện", ["Trụ sở Tiếp công dân huyện"])]


def test_items_led_by_a_range_or_a_deadline_the_day_patterns_do_not_spell(tmp_path):
    rec = rec_of(tmp_path, """III. TIẾN ĐỘ THỰC HIỆN
- Từ ngày 01/4 đến ngày 15/4/2024: Các lớp đăng ký đề tài tham gia.
- Trước ngày 20/4/2024: Giáo viên hướng dẫn duyệt đề cương.
- Tuần 1 (từ 22/4 - 27/4/2024): Học sinh thực hiện đề tài.
""")
    assert [(e.start, e.end, e.what) for e in rec.events] == [
        ("2024-04-01", "2024-04-15", "Các lớp đăng ký đề tài tham gia"),
        ("2024-04-20", None, "Giáo viên hướng dẫn duyệt đề cương"),
        ("2024-04-22", "2024-04-27", "Tuần 1: Học sinh thực hiện đề tài")]


def test_an_invitation_in_one_sentence_without_a_summary_line(tmp_path):
    p = tmp_path / "gm.txt"
    p.write_text("""HUYỆN ỦY THỐNG NHẤT
BAN TUYÊN GIÁO
Số 125-GM/BTGHU
ĐẢNG CỘNG SẢN VIỆT NAM
Thống Nhất, ngày 08 tháng 5 năm 2024

GIẤY MỜI

{invitation}

Nơi nhận:
- Như trên,
- Lưu VP.
K/T TRƯỞNG BAN
PHÓ TRƯỞNG BAN
Lê Thị Hoa
""".format(invitation="Ban Tuyên giáo Huyện ủy kính mời đồng chí Bí thư các chi, đảng bộ cơ sở đến dự Hội nghị "
           "báo cáo viên tháng 5 năm 2024 vào lúc 7 giờ 30 phút, thứ Tư, ngày 15/5/2024 tại Hội trường Huyện ủy "
           "(số 02 đường 30/4, thị trấn Dầu Giây)."), encoding="utf-8")
    rec = extract_file(p).record
    assert rec.title is None  # the invitation's sentence is its body
    [ev] = rec.events
    assert (ev.start, ev.what) == ("2024-05-15T07:30", "Hội nghị báo cáo viên tháng 5 năm 2024")
    assert ev.venues == ["Hội trường Huyện ủy (số 02 đường 30/4, thị trấn Dầu Giây)"]


def test_a_deadline_in_a_lettered_item_is_named_without_its_mark(tmp_path):
    rec = rec_of(tmp_path, """IV. TỔ CHỨC THỰC HIỆN
Các chi đoàn trực thuộc:
a) Xây dựng kế hoạch cụ thể tại đơn vị;
b) Báo cáo kết quả về Văn phòng Đoàn xã trước ngày 30/11/2024.
""")
    assert [(e.start, e.what) for e in rec.events] == [
        ("2024-11-30", "Báo cáo kết quả về Văn phòng Đoàn xã trước ngày 30/11/2024")]


def test_a_sentence_event_over_a_number_of_days_is_named_without_them(tmp_path):
    rec = rec_of(tmp_path, """2. Hội thao
Hội thao thanh niên được tổ chức trong 02 ngày 20 và 21/4/2024 tại Sân vận động xã với các môn bóng đá, kéo co.
3. Tổ chức chiến dịch diệt lăng quăng trong thời gian từ ngày 01/6/2024 đến hết ngày 15/6/2024.
""")
    ev, ev2 = rec.events
    assert (ev2.what, ev2.start, ev2.end) == ("Tổ chức chiến dịch diệt lăng quăng", "2024-06-01", "2024-06-15")
    assert (ev.start, ev.end, ev.venues) == ("2024-04-20", "2024-04-21", ["Sân vận động xã"])
    assert ev.what == "Hội thao thanh niên được tổ chức với các môn bóng đá, kéo co"


def test_items_named_with_a_number_and_a_programme_ending_before_a_new_part(tmp_path):
    rec = rec_of(tmp_path, """CHƯƠNG TRÌNH HỘI NGHỊ
Thời gian: 14 giờ 00, thứ Sáu, ngày 24/5/2024
Địa điểm: Hội trường nhà trường
- 14h00 - 14h15: Văn nghệ chào mừng
- 15h30: Bế mạc
Lịch thi đấu cụ thể:
+ Vòng 1: từ 7h30 ngày 10/5/2024 tại Nhà thi đấu huyện;
+ Vòng 2: từ 7h30 ngày 17/5/2024 tại Sân vận động huyện.
""")
    got = [(e.start, e.what, e.venues) for e in rec.events]
    assert ("2024-05-24T15:30", "Bế mạc", ["Hội trường nhà trường"]) in got
    assert ("2024-05-10T07:30", "Vòng 1", ["Nhà thi đấu huyện"]) in got
    assert ("2024-05-17T07:30", "Vòng 2", ["Sân vận động huyện"]) in got


def test_an_activity_named_by_its_kind_alone_takes_the_titles_full_name(tmp_path):
    p = tmp_path / "qd.txt"
    p.write_text("""ỦY BAN NHÂN DÂN
HUYỆN LONG THÀNH
Số: 2345/QĐ-UBND
Long Thành, ngày 15 tháng 7 năm 2024

QUYẾT ĐỊNH
Về việc thành lập Ban Tổ chức Hội thi giáo viên dạy giỏi cấp huyện năm học 2024 - 2025

QUYẾT ĐỊNH:
Điều 1. Thành lập Ban Tổ chức Hội thi gồm các ông (bà) có tên trong danh sách kèm theo.
Điều 2. Ban Tổ chức có nhiệm vụ xây dựng kế hoạch, tổ chức Hội thi từ ngày 10/10/2024 đến ngày 30/11/2024.

Nơi nhận:
- Lưu: VT.
CHỦ TỊCH
Nguyễn Văn Hải
""", encoding="utf-8")
    [ev] = extract_file(p).record.events
    assert ev.what.endswith("tổ chức Hội thi giáo viên dạy giỏi cấp huyện năm học 2024 - 2025")


def test_a_weekly_schedule_whose_one_column_gives_the_place_then_what_happens(tmp_path):
    rows = [["Ngày, tháng", "Thời gian", "Địa điểm - Nội dung"],
            ["Thứ Ba 16/04/2024", "08h00", "Tại phòng họp số 1: Khai giảng lớp bồi dưỡng. Chủ trì: Hiệu trưởng."],
            ["Thứ Ba 16/04/2024", "09h00", "Kiểm tra nội bộ ISO: Phòng Đào tạo."],
            ["Thứ Ba 16/04/2024", "14h00", "Tại Hội trường lớn: Gặp gỡ cử tri. Kính mời: Ban Giám hiệu."]]
    foot = ("Ghi chú: Giờ làm việc mùa hè của nhà trường:", "- Sáng: Từ 7h00 đến 11h30",
            "- Chiều: Từ 13h30 đến 17h00") + tuple(FOOT.strip().splitlines())
    path = ruled_table_docx(tmp_path / "lich.docx", HEAD.strip().splitlines(), rows, after=foot)
    rec = extract_file(path).record
    # working hours are no activity; a day's events come in the order the schedule gives them
    assert [(e.start, e.what, e.venues) for e in rec.events] == [
        ("2024-04-16T08:00", "Khai giảng lớp bồi dưỡng", ["phòng họp số 1"]),
        ("2024-04-16T09:00", "Kiểm tra nội bộ ISO: Phòng Đào tạo", []),
        ("2024-04-16T14:00", "Gặp gỡ cử tri", ["Hội trường lớn"])]


def test_working_hours_from_a_day_are_no_activities(tmp_path):
    rec = rec_of(tmp_path, """Ghi chú:
1. Đề nghị các đơn vị nộp Bảng chấm công về phòng TCCB vào ngày 20/4/2024.
2. Từ ngày 16/04/2024 (Thứ Ba) Nhà trường đổi lịch làm việc sang giờ mùa hè:
- Sáng: Từ 7h00 đến 11h30.
- Chiều: Từ 13h30 đến 17h00.
""")
    assert [(e.start, e.what) for e in rec.events] == [
        ("2024-04-20", "Đề nghị các đơn vị nộp Bảng chấm công về phòng TCCB")]


def test_bodies_after_de_nghi_and_a_colon_and_a_party_before_kien_toan(tmp_path):
    rec = rec_of(tmp_path, """IV. TỔ CHỨC THỰC HIỆN
1. Sở Tài chính
Bố trí kinh phí thực hiện kế hoạch.
2. Đề nghị: Hiệp hội Doanh nghiệp tỉnh, Hội Nông dân tỉnh
Tuyên truyền, vận động hội viên tham gia.
3. Các sở, ngành, đơn vị liên quan kiện toàn đội ngũ công chức làm công tác pháp chế.
""")
    assert [d.party for d in rec.responsibilities] == [
        "Sở Tài chính", "Hiệp hội Doanh nghiệp tỉnh, Hội Nông dân tỉnh", "Các sở, ngành, đơn vị liên quan"]


def test_a_scanned_tables_rows_read_past_its_rules_with_the_number_glued_to_the_name():
    """The second page of a scanned table whose rules were not found: each row is a line of cells,
    its number glued to the name by the stroke OCR read as '|'."""
    from extractors.events import extract_events
    from pipeline.document import RawCell, RawDocument, RawLine, RawPage
    from pipeline.read.build import build_document

    def row(*cells, kind="table"):
        xs = (0.05, 0.10, 0.45, 0.65, 0.85)[-len(cells):] if len(cells) < 5 else (0.05, 0.10, 0.45, 0.65, 0.85)
        return RawLine([RawCell(t, x, x + 0.15) for t, x in zip(cells, xs, strict=True)], kind)

    page1 = RawPage(1, [row("STT", "Tên doanh nghiệp", "Loại mẫu", "Thời gian", "Địa điểm"),
                        row("1", "Công ty CP Alpha", "Nước thải: 01", "Sáng 16/11/2012", "Khu CN Đình Trám")], "ocr")
    page2 = RawPage(2, [RawLine([RawCell("2|Công ty TNHH Beta", 0.05, 0.40), RawCell("Khí thải: 01", 0.45, 0.6),
                                 RawCell("Chiều 16/11/2012", 0.65, 0.8), RawCell("KCN Song Khê", 0.85, 0.99)])], "ocr")
    doc = build_document(RawDocument("t.pdf", "pdf", [page1, page2]))
    sched = extract_events(doc, title=None, ref_date=None, body_start=0, body_end=len(doc.lines))
    assert [(e.when.start_value, e.what, [v.text for v in e.venues]) for e in sched.events] == [
        ("2012-11-16", "Công ty CP Alpha", ["Khu CN Đình Trám"]), ("2012-11-16", "Công ty TNHH Beta", ["KCN Song Khê"])]


def test_items_named_before_their_labels_under_a_time_and_place_heading(tmp_path):
    rec = rec_of(tmp_path, """III. THỜI GIAN, ĐỊA ĐIỂM TỔ CHỨC
- Cụm 1 (gồm các xã: Hiệp An, Liên Hiệp): Thời gian: ngày 10/5/2024; địa điểm: Hội trường UBND xã Hiệp An.
- Cụm 2 (gồm các xã: Tân Hội, Tân Thành): Thời gian: ngày 12/5/2024; địa điểm: Nhà văn hóa xã Tân Hội.
Hội nghị tổng kết dự kiến tổ chức vào cuối tháng 6/2024.
""")
    assert [(e.start, e.what, e.venues) for e in rec.events] == [
        ("2024-05-10", "Cụm 1 (gồm các xã: Hiệp An, Liên Hiệp)", ["Hội trường UBND xã Hiệp An"]),
        ("2024-05-12", "Cụm 2 (gồm các xã: Tân Hội, Tân Thành)", ["Nhà văn hóa xã Tân Hội"]),
        ("2024-06", "Hội nghị tổng kết", [])]


def test_a_timelines_steps_dated_by_a_month_in_brackets(tmp_path):
    rec = rec_of(tmp_path, """IV. LỘ TRÌNH THỰC HIỆN
- Bước 1. Xây dựng và ban hành kế hoạch (hoàn thành trước ngày 15/3/2024).
- Bước 2. Tổ chức tập huấn cho cán bộ chủ chốt (tháng 4/2024).
- Bước 3. Triển khai thực hiện tại các chi đoàn (từ tháng 5 đến tháng 9/2024).
""")
    assert [(e.start, e.end) for e in rec.events] == [("2024-03-15", None), ("2024-04", None),
                                                      ("2024-05", "2024-09")]


def test_a_table_of_rooms_named_by_what_its_time_columns_heading_says(tmp_path):
    rows = [["STT", "Phòng", "Thời gian thay đổi lịch học", "Ghi chú"],
            ["1", "D201", "Từ 7g00 ngày 05/11/2019 đến 18g00 ngày 08/11/2019", ""],
            ["2", "D202", "Từ 12g30 ngày 04/11/2019 đến 18g00 ngày 06/11/2019", ""]]
    path = ruled_table_docx(tmp_path / "tb.docx", HEAD.strip().splitlines(), rows,
                            after=tuple(FOOT.strip().splitlines()))
    rec = extract_file(path).record
    assert [(e.start[:10], e.end[:10], e.what, e.venues) for e in rec.events] == [
        ("2019-11-05", "2019-11-08", "Thay đổi lịch học", ["D201"]),
        ("2019-11-04", "2019-11-06", "Thay đổi lịch học", ["D202"])]


def test_a_leads_sibling_bullets_are_parties_of_their_own(tmp_path):
    rec = rec_of(tmp_path, """IV. TỔ CHỨC THỰC HIỆN
- Giao Phòng Giáo dục và Đào tạo:
+ Hướng dẫn các trường xây dựng kế hoạch;
+ Tổng hợp kết quả, báo cáo UBND huyện.
- Công an huyện: Đảm bảo an ninh trật tự trong thời gian diễn ra hội thi.
- Trạm Y tế các xã bố trí cán bộ y tế trực tại các điểm thi.
- Viện Quy hoạch xây dựng Hà Nội và Công ty Tư vấn thiết kế chịu trách nhiệm về số liệu.
""")
    duties = _duties(rec)
    assert duties["Phòng Giáo dục và Đào tạo"] == ["Hướng dẫn các trường xây dựng kế hoạch",
                                                    "Tổng hợp kết quả, báo cáo UBND huyện."]
    assert duties["Công an huyện"] == ["Đảm bảo an ninh trật tự trong thời gian diễn ra hội thi."]
    assert duties["Trạm Y tế các xã"] == ["Trạm Y tế các xã bố trí cán bộ y tế trực tại các điểm thi."]
    # a verb word inside a body's name before a capitalised word is no verb
    assert "Viện Quy hoạch xây dựng Hà Nội và Công ty Tư vấn thiết kế" in duties
    assert "Viện Quy hoạch" not in duties


def test_a_lead_without_a_bullet_keeps_the_bullets_under_it_whatever_their_subject(tmp_path):
    rec = rec_of(tmp_path, """IV. TỔ CHỨC THỰC HIỆN
Giao Phòng Văn hóa và Thông tin huyện triển khai:
- Các trường học tổ chức tuyên truyền trong học sinh;
- Hướng dẫn các xã treo băng rôn, khẩu hiệu.
""")
    assert _duties(rec) == {"Phòng Văn hóa và Thông tin huyện": [
        "Các trường học tổ chức tuyên truyền trong học sinh", "Hướng dẫn các xã treo băng rôn, khẩu hiệu."]}


def test_each_sentence_of_a_duties_paragraph_opening_with_a_body_is_its_duty(tmp_path):
    rec = rec_of(tmp_path, "V. TỔ CHỨC THỰC HIỆN\n"
    "Giao Sở Văn hóa, Thể thao và Du lịch chủ trì, phối hợp với các sở, ngành liên quan triển khai thực hiện "
    "Kế hoạch này. Sở Tài chính thẩm định, bố trí kinh phí theo quy định. Ủy ban nhân dân các huyện, thị xã, "
    "thành phố chỉ đạo các đơn vị trực thuộc tổ chức các hoạt động hưởng ứng.\n")
    duties = _duties(rec)
    assert list(duties) == ["Sở Văn hóa, Thể thao và Du lịch", "Sở Tài chính",
                            "Ủy ban nhân dân các huyện, thị xã, thành phố"]
    assert duties["Sở Tài chính"] == ["Sở Tài chính thẩm định, bố trí kinh phí theo quy định."]


def test_an_event_named_by_a_notices_ve_viec_summary_leaves_the_ve_viec_out(tmp_path):
    p = tmp_path / "tb.txt"
    p.write_text("TRƯỜNG ĐẠI HỌC AN PHÚ\n\nSố: 41/TB-ĐHAP\n\nAn Phú, ngày 02 tháng 12 năm 2023\n\nTHÔNG BÁO\n"
                 "Về việc tổ chức Lễ tốt nghiệp đợt 2 năm 2023\n\n"
                 "Nhà trường thông báo như sau:\n- Thời gian: 7 giờ 30 ngày 23/12/2023.\n"
                 "- Địa điểm: Hội trường C.\n" + FOOT, encoding="utf-8")
    rec = extract_file(p).record
    assert [(e.start[:10], e.what, e.venues) for e in rec.events] == [
        ("2023-12-23", "tổ chức Lễ tốt nghiệp đợt 2 năm 2023", ["Hội trường C"])]


def test_a_place_value_announcing_a_list_takes_the_items_under_it_and_no_more(tmp_path):
    rec = rec_of(tmp_path, """II. THỜI GIAN, ĐỊA ĐIỂM
1. Thời gian: Ngày 12/4/2024.
2. Địa điểm: Tổ chức tại 02 điểm thi:
- Điểm thi số 1: Trường THCS Phú Lâm;
- Điểm thi số 2: Trường THPT Tân Phú.""")
    assert rec.venues == ["Điểm thi số 1: Trường THCS Phú Lâm", "Điểm thi số 2: Trường THPT Tân Phú"]


def test_a_list_of_places_under_a_bare_label_ends_at_the_first_line_that_is_no_item(tmp_path):
    rec = rec_of(tmp_path, """II. THỜI GIAN, ĐỊA ĐIỂM
Thời gian: 7 giờ 00 ngày 19/5/2024.
Địa điểm:
+ Cụm 1: Sân vận động xã Phú Lâm;
+ Cụm 2: Sân trường Tiểu học Phú Bình.""")  # FOOT's "Nơi nhận:" follows right under the last item
    assert [e.venues for e in rec.events] == [["Cụm 1: Sân vận động xã Phú Lâm",
                                               "Cụm 2: Sân trường Tiểu học Phú Bình"]]


def test_phases_dated_in_brackets_after_their_name_including_one_begun_before_the_plan(tmp_path):
    # HEAD dates the plan 02/3/2024: the first phase began the day before and is still scheduled by it
    rec = rec_of(tmp_path, """III. CÁC HOẠT ĐỘNG
1. Giai đoạn 1 (từ ngày 01/3 đến ngày 31/3/2024): Tuyên truyền, phát động.
2. Giai đoạn 2 (từ ngày 01/4 đến ngày 30/4/2024): Tổ chức các hoạt động hưởng ứng.
3. Giai đoạn 3 (tháng 5/2024): Sơ kết, đánh giá.
""")
    assert [(e.start, e.end, e.what) for e in rec.events] == [
        ("2024-03-01", "2024-03-31", "Giai đoạn 1: Tuyên truyền, phát động"),
        ("2024-04-01", "2024-04-30", "Giai đoạn 2: Tổ chức các hoạt động hưởng ứng"),
        ("2024-05", None, "Giai đoạn 3: Sơ kết, đánh giá")]


def test_an_anniversarys_span_and_a_period_described_beside_its_day_are_not_scheduled(tmp_path):
    rec = rec_of(tmp_path, """III. NỘI DUNG
1. Tuyên truyền kỷ niệm 65 năm Ngày thành lập xã (13/5/1959 - 13/5/2024).
2. Các chi đoàn nộp bảng chấm công tháng 2 (từ 01/2 – 29/2) về Văn phòng vào ngày 20/3/2024.
""")
    assert [(e.start[:10], e.end) for e in rec.events] == [("2024-03-20", None)]


def test_an_item_due_in_a_week_of_a_month_is_dated_by_the_month(tmp_path):
    rec = rec_of(tmp_path, """III. TIẾN ĐỘ THỰC HIỆN
1. Tổ chức vòng sơ loại: dự kiến tuần thứ 2 của tháng 4/2024.
2. Tổ chức chung kết: cuối tháng 5/2024.
""")
    assert [(e.start, e.what) for e in rec.events] == [("2024-04", "Tổ chức vòng sơ loại"),
                                                       ("2024-05", "Tổ chức chung kết")]


def test_the_places_of_a_meeting_said_in_the_next_sentence_and_a_list_of_named_communes(tmp_path):
    rec = rec_of(tmp_path, """II. NỘI DUNG
1. Hội nghị được tổ chức trực tuyến vào lúc 8h00 ngày 15/4/2024. Điểm cầu chính tại Phòng họp số 1, UBND tỉnh; \
điểm cầu tại Hội trường UBND các huyện.
2. Đoàn khảo sát làm việc tại UBND các xã Phú Lâm, Phú Bình, Phú Thanh từ ngày 10/4 đến ngày 12/4/2024.
""")
    assert [(e.start[:10], e.venues) for e in rec.events] == [
        ("2024-04-15", ["Phòng họp số 1, UBND tỉnh", "Hội trường UBND các huyện"]),
        ("2024-04-10", ["UBND các xã Phú Lâm, Phú Bình, Phú Thanh"])]


def test_a_sentence_that_only_says_when_and_where_names_its_headings_activity(tmp_path):
    rec = rec_of(tmp_path, """III. NỘI DUNG HOẠT ĐỘNG
1. Ngày hội hiến máu tình nguyện
Dự kiến tổ chức vào ngày 30/3/2024 tại Trung tâm Y tế huyện.
""")
    assert [(e.start, e.what, e.venues) for e in rec.events] == [
        ("2024-03-30", "Ngày hội hiến máu tình nguyện", ["Trung tâm Y tế huyện"])]


def test_an_invitations_line_of_what_to_attend_names_the_event_of_its_labels(tmp_path):
    p = tmp_path / "gm.txt"
    p.write_text("HUYỆN ỦY TÂN PHÚ\nBAN TUYÊN GIÁO\n\nSố 125-GM/BTGHU\n\nTân Phú, ngày 10 tháng 4 năm 2024\n\n"
                 "GIẤY MỜI\n\nBan Tuyên giáo Huyện ủy trân trọng kính mời:\n"
                 "- Đồng chí Trưởng Phòng Văn hóa và Thông tin huyện;\n"
                 "Đến dự Hội nghị báo cáo viên tháng 4 năm 2024.\n"
                 "Thời gian: 7 giờ 30 phút, ngày 16/4/2024 (thứ Ba).\nĐịa điểm: Hội trường Huyện ủy.\n" + FOOT,
                 encoding="utf-8")
    rec = extract_file(p).record
    assert [(e.start, e.what, e.venues) for e in rec.events] == [
        ("2024-04-16T07:30", "Hội nghị báo cáo viên tháng 4 năm 2024", ["Hội trường Huyện ủy"])]


def test_a_bare_party_line_over_plain_paragraphs_and_trach_nhiem_cua_headings_over_lettered_items(tmp_path):
    rec = rec_of(tmp_path, """IV. TỔ CHỨC THỰC HIỆN
Phòng Giáo dục và Đào tạo:
Chủ trì, phối hợp với các đơn vị liên quan tổ chức Hội thi.
Hướng dẫn các trường tổ chức vòng thi cấp trường.
Phòng Văn hóa và Thông tin:
Tuyên truyền về Hội thi trên các phương tiện thông tin đại chúng.
""")
    assert _duties(rec) == {
        "Phòng Giáo dục và Đào tạo": ["Chủ trì, phối hợp với các đơn vị liên quan tổ chức Hội thi.",
                                      "Hướng dẫn các trường tổ chức vòng thi cấp trường."],
        "Phòng Văn hóa và Thông tin": ["Tuyên truyền về Hội thi trên các phương tiện thông tin đại chúng."]}
    rec = rec_of(tmp_path, """IV. TỔ CHỨC THỰC HIỆN
1. Trách nhiệm của Phòng Giáo dục và Đào tạo
a) Chủ trì, phối hợp với các đơn vị liên quan tổ chức Hội thi.
b) Hướng dẫn các trường tổ chức vòng thi cấp trường.
2. Trách nhiệm của các trường học
a) Cử giáo viên tham gia Hội thi.
3. Các cơ quan, đơn vị căn cứ Kế hoạch này xây dựng kế hoạch cụ thể để triển khai thực hiện.
""")
    assert _duties(rec) == {
        "Phòng Giáo dục và Đào tạo": ["Chủ trì, phối hợp với các đơn vị liên quan tổ chức Hội thi.",
                                      "Hướng dẫn các trường tổ chức vòng thi cấp trường."],
        "các trường học": ["Cử giáo viên tham gia Hội thi."],
        "Các cơ quan, đơn vị": ["Các cơ quan, đơn vị căn cứ Kế hoạch này xây dựng kế hoạch cụ thể để triển khai "
                                "thực hiện."]}


def test_duties_tables_headed_by_their_own_words_for_who_and_when(tmp_path):
    rows = [["STT", "Các hoạt động", "Trách nhiệm thực hiện", "Tiến độ"],
            ["1", "Tuyên truyền trên loa truyền thanh", "Đài Truyền thanh xã", "Từ 01/4 đến 30/4/2024"],
            ["2", "Ra quân vệ sinh môi trường", "Đoàn Thanh niên xã", "Ngày 14/4/2024"]]
    path = ruled_table_docx(tmp_path / "t.docx", HEAD.strip().splitlines() + ["III. NỘI DUNG"], rows,
                            after=tuple(FOOT.strip().splitlines()))
    rec = extract_file(path).record
    assert [(e.start, e.end, e.what) for e in rec.events] == [
        ("2024-04-01", "2024-04-30", "Tuyên truyền trên loa truyền thanh"),
        ("2024-04-14", None, "Ra quân vệ sinh môi trường")]
    assert _duties(rec) == {"Đài Truyền thanh xã": ["Tuyên truyền trên loa truyền thanh"],
                            "Đoàn Thanh niên xã": ["Ra quân vệ sinh môi trường"]}
    rows = [["TT", "Nhiệm vụ", "Cơ quan, đơn vị thực hiện", "Thời hạn hoàn thành"],
            ["1", "Ban hành kế hoạch triển khai", "Văn phòng", "Trước ngày 15/3/2024"]]
    path = ruled_table_docx(tmp_path / "t2.docx", HEAD.strip().splitlines() + ["IV. TỔ CHỨC THỰC HIỆN"], rows,
                            after=tuple(FOOT.strip().splitlines()))
    assert _duties(extract_file(path).record) == {"Văn phòng": ["Ban hành kế hoạch triển khai"]}


def test_a_weekly_schedules_items_led_by_the_part_of_the_day_then_the_hour(tmp_path):
    rec = rec_of(tmp_path, """THỨ HAI (11/3)
Sáng: 7h30 - Chủ tịch dự chào cờ đầu tuần tại Hội trường UBND huyện.
Chiều: 14h00 - Phó Chủ tịch làm việc với UBND xã Phú Lâm.
THỨ BA (12/3)
Cả ngày: Phó Chủ tịch đi kiểm tra công tác phòng chống cháy rừng.
""")
    assert [(e.start, e.what) for e in rec.events] == [
        ("2024-03-11T07:30", "Chủ tịch dự chào cờ đầu tuần tại Hội trường UBND huyện"),
        ("2024-03-11T14:00", "Phó Chủ tịch làm việc với UBND xã Phú Lâm"),
        ("2024-03-12", "Phó Chủ tịch đi kiểm tra công tác phòng chống cháy rừng")]


def test_a_person_and_post_then_a_comma_and_their_work(tmp_path):
    rec = rec_of(tmp_path, """V. PHÂN CÔNG NHIỆM VỤ
- Đ/c Nguyễn Văn A - Bí thư Đoàn xã: Phụ trách chung.
- Đ/c Lê Thị C – UV BCH, phụ trách khâu hậu cần, khánh tiết.
""")
    assert _duties(rec) == {"Đ/c Nguyễn Văn A - Bí thư Đoàn xã": ["Phụ trách chung."],
                            "Đ/c Lê Thị C – UV BCH": ["phụ trách khâu hậu cần, khánh tiết."]}


def test_a_place_ends_where_the_deadline_words_begin(tmp_path):
    rec = rec_of(tmp_path, """II. HỒ SƠ
Hồ sơ dự thi nộp trực tiếp tại Phòng Tư pháp huyện (tầng 2, Trụ sở UBND huyện) hạn chót 17 giờ 00 ngày 20/3/2024.
""")
    assert [(e.start, e.venues) for e in rec.events] == [
        ("2024-03-20T17:00", ["Phòng Tư pháp huyện (tầng 2, Trụ sở UBND huyện)"])]


def test_an_item_led_by_its_range_with_a_note_before_the_colon(tmp_path):
    rec = rec_of(tmp_path, """II. KẾ HOẠCH HỌC TẬP
- Từ 07/3 - 19/3/2024 (tuần 28 và 29): tiếp tục tổ chức giảng dạy trực tuyến.
- Từ 07/3 - 26/3/2024 (tuần 28 - 30): sinh viên tham gia thi trực tuyến.
""")
    assert [(e.start, e.end, e.what) for e in rec.events] == [
        ("2024-03-07", "2024-03-19", "tiếp tục tổ chức giảng dạy trực tuyến"),
        ("2024-03-07", "2024-03-26", "sinh viên tham gia thi trực tuyến")]


def test_an_arrangement_begun_days_before_the_text_kể_từ_is_still_scheduled(tmp_path):
    # HEAD dates the text 02/3/2024
    rec = rec_of(tmp_path, """II. NỘI DUNG
Để thuận tiện cho người dân, kể từ ngày 28/02/2024, Văn phòng tổ chức tiếp nhận hồ sơ tại bộ phận một cửa.
Ngày 10/01/2024, Ban Thường vụ đã tổ chức họp triển khai.
2. Ngày 12/01/2024, Ban Thường vụ đã tổ chức họp sơ kết.
""")
    assert [e.start for e in rec.events] == ["2024-02-28"]
