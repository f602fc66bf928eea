"""Common phrasings of notices and plans, each in the grammar of Vietnamese administrative writing:
how a meeting is announced, how a timeline is listed, how duties are handed out."""

from __future__ import annotations

from test_content import rec_of


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
