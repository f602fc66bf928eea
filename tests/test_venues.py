"""Venue splitting, province linking, keys and similarity."""

import pytest

from extractors.venues import ADMIN_KIND, is_venue_like, split_venues, venue_key, venue_similarity


def texts(value, offset=0):
    return [v.text for v in split_venues(value, offset)]


def test_two_buildings_joined_by_va_are_two_venues_linked_to_provinces():
    value = "Nhà văn hóa thanh niên tỉnh Bình Phước và Cung văn hóa lao động tỉnh Ninh Thuận."
    a, b = split_venues(value, offset=1000)
    assert a.text == "Nhà văn hóa thanh niên tỉnh Bình Phước"
    assert (a.provinces, a.provinces_2025, a.kind) == (("Bình Phước",), ("Đồng Nai",), "Nhà văn hóa")
    assert b.text == "Cung văn hóa lao động tỉnh Ninh Thuận"
    assert (b.provinces, b.provinces_2025, b.kind) == (("Ninh Thuận",), ("Khánh Hòa",), "Cung")
    assert value[a.start - 1000:a.end - 1000] == a.text and value[b.start - 1000:b.end - 1000] == b.text


def test_a_phrase_that_is_not_two_places_stays_one():
    value = "Tại nhà kho và bãi tập kết vật tư, khu vực sản xuất của đơn vị"
    assert texts(value) == ["nhà kho và bãi tập kết vật tư, khu vực sản xuất của đơn vị"]
    value = "trụ sở cơ quan và hiện trường thi công, kho chứa hóa chất"
    assert texts(value) == [value]
    # "và" inside a department's name, the address after it: one place
    value = "Hội trường Sở Nông nghiệp và PTNT, số 11 Nguyễn Trung Trực, Phường 2, thành phố Tân An"
    assert texts(value) == [value]


def test_lead_words_and_trailing_notes_are_dropped():
    assert texts("Dự kiến tại Quận 3") == ["Quận 3"]
    assert texts("dự kiến tổ chức tại Hội trường Ủy ban nhân dân huyện Nhà Bè (có sơ đồ kèm theo).") == [
        "Hội trường Ủy ban nhân dân huyện Nhà Bè"]
    assert texts("ở Công viên Lê Thị Riêng;") == ["Công viên Lê Thị Riêng"]
    # a place in parentheses is part of the venue
    assert texts("Sân vận động xã Nậm Có (Mù Cang Chải)") == ["Sân vận động xã Nậm Có (Mù Cang Chải)"]


def test_address_line_is_not_appended_but_an_inline_address_is_kept():
    got = split_venues("Nhà thiếu nhi Quận 10\nĐịa chỉ: 16 đường Ba Tháng Hai, phường 12")
    assert [v.text for v in got] == ["Nhà thiếu nhi Quận 10"]
    assert got[0].provinces == ("Hồ Chí Minh",) and got[0].kind == "Nhà thiếu nhi"
    # the gold schema records a venue "with the address when the text gives one"
    assert texts("Trung tâm Văn hóa huyện Củ Chi, địa chỉ: số 5 Tỉnh lộ 8") == [
        "Trung tâm Văn hóa huyện Củ Chi, địa chỉ: số 5 Tỉnh lộ 8"]


def test_place_names_alone_are_venues_of_admin_kind():
    a, b = split_venues("Tại Cần Giờ hoặc Quận 7")
    assert (a.text, a.kind, a.provinces) == ("Cần Giờ", ADMIN_KIND, ("Hồ Chí Minh",))
    assert (b.text, b.kind) == ("Quận 7", ADMIN_KIND)


def test_semicolon_and_comma_between_buildings():
    got = split_venues("Hội trường Thành Đoàn; Nhà hát Hòa Bình, Bảo tàng Chứng tích chiến tranh")
    assert [v.kind for v in got] == ["Hội trường", "Nhà hát", "Bảo tàng"]
    # a comma before an address part is not a split
    value = "Trường THPT Nguyễn Du, phường Bến Thành, Quận 1"
    assert texts(value) == [value]


def test_a_building_keeps_its_address_after_commas_and_in_brackets():
    # hamlet, street and commune after a building are where it is, not more venues
    assert texts("Sân trường THCS Hiệp An, thôn Đà Thành, xã Hiệp An") == [
        "Sân trường THCS Hiệp An, thôn Đà Thành, xã Hiệp An"]
    assert texts("Trung tâm Văn hóa tỉnh (số 1, đường Đội Cấn; phường Phan Đình Phùng)") == [
        "Trung tâm Văn hóa tỉnh (số 1, đường Đội Cấn; phường Phan Đình Phùng)"]
    # a house number of two digits or more is an address too
    assert texts("Hội trường UBND huyện (số 45 Quang Trung)") == ["Hội trường UBND huyện (số 45 Quang Trung)"]
    # hamlets listed on their own are still several places
    assert texts("thôn Phú An, thôn Đà Thành") == ["thôn Phú An", "thôn Đà Thành"]


def test_instruction_is_not_a_venue():
    assert split_venues("Các chi đoàn chủ động lựa chọn địa điểm phù hợp với điều kiện thực tế") == []
    assert split_venues("   ") == []


@pytest.mark.parametrize("text, expected", [
    ("Nhà văn hóa phường 3", True), ("UBND xã Phú Hòa", True), ("Quảng trường 3 tháng 2", True),
    ("Khu di tích lịch sử Ngã ba Đồng Lộc", True), ("tỉnh Gia Lai", True), ("Đà Lạt", True),
    ("hiện trường khu vực nổ mìn", False), ("các đơn vị trực thuộc", False), ("trường hợp cần thiết", False),
])
def test_is_venue_like(text, expected):
    assert is_venue_like(text) is expected


def test_venue_key_expands_and_folds():
    assert venue_key("NVH TTN tỉnh Đồng Nai") == "nha van hoa thanh thieu nhi tinh dong nai"
    assert venue_key("Hội trường UBND Q.11, TP.HCM") == "hoi truong uy ban nhan dan quan 11 thanh pho ho chi minh"
    assert venue_key("Khánh Hoà") == venue_key("Khánh Hòa") == "khanh hoa"


def test_venue_similarity():
    assert venue_similarity("NVH TTN tỉnh Đồng Nai", "Nhà văn hóa thanh thiếu nhi tỉnh Đồng Nai") >= 95
    assert venue_similarity("Cung thiếu nhi tỉnh Khánh Hoà", "Cung thiếu nhi Khánh Hòa") >= 85
    assert venue_similarity("nha van hoa dong nai", "Nhà văn hóa Đồng Nai") >= 95
    assert venue_similarity("Thanh Hóa", "Khánh Hòa") < 50
    assert venue_similarity("Nhà thi đấu tỉnh Thanh Hóa", "Nhà thi đấu tỉnh Khánh Hòa") < 50
    assert venue_similarity("", "Nhà văn hóa") == 0.0


def test_wrapped_value_reads_as_one_line_and_stops_at_next_item():
    value = "Tại hội trường tầng 2 và khu vực\n      sân sau của trụ sở;\n      3.5. Phương thức kiểm tra"
    [v] = split_venues(value, offset=50)
    assert v.text == "hội trường tầng 2 và khu vực sân sau của trụ sở"
    assert value[v.start - 50:v.end - 50].startswith("hội trường") and v.kind == "Hội trường"


def test_the_place_after_tai_ends_where_the_sentence_goes_on_with_another_verb():
    from extractors.venues import venue_after_tai

    text = "Tổ chức gặp mặt vào ngày 26/3/2024 tại Hội trường Đảng ủy xã và trao quà tại các thôn."
    a, b = venue_after_tai(text)
    assert text[a:b] == "Hội trường Đảng ủy xã"
    text = "Tổ chức tại Nhà văn hóa thôn 1 và Nhà văn hóa thôn 2."
    a, b = venue_after_tai(text)
    assert text[a:b] == "Nhà văn hóa thôn 1 và Nhà văn hóa thôn 2"


@pytest.mark.parametrize("sentence, place", [
    # places people meet in, beyond halls and cultural houses
    ("Khai mạc lúc 8h00 ngày 12/5/2024 tại Giảng đường A2.", "Giảng đường A2"),
    ("Liên hoan vào 18h00 ngày 20/11/2024 tại Nhà hàng Hương Sen, số 12 đường Trần Phú.",
     "Nhà hàng Hương Sen, số 12 đường Trần Phú"),
    ("Thi bơi ngày 02/6/2024 tại Bể bơi Thành phố.", "Bể bơi Thành phố"),
    ("Dâng hương ngày 19/5/2024 tại Tượng đài Bác Hồ.", "Tượng đài Bác Hồ"),
    ("Tham quan ngày 10/3/2024 tại Khu công nghiệp Tân Tạo.", "Khu công nghiệp Tân Tạo"),
    ("Ra quân ngày 26/3/2024 tại khuôn viên Trường Đại học Cần Thơ.", "khuôn viên Trường Đại học Cần Thơ"),
    ("Ra mắt mô hình ngày 09/9/2024 tại Cánh đồng thôn Hùng Lãm.", "Cánh đồng thôn Hùng Lãm"),
    # a room by its number, then the building it is in
    ("Họp lúc 14h00 ngày 05/01/2025 tại Phòng 301, nhà A1.", "Phòng 301, nhà A1"),
    ("Thi ngày 05/01/2025 tại phòng học số 5.", "phòng học số 5"),
    # a body is where its meeting happens; its name goes on over "và" ("Giáo dục và Đào tạo")
    ("Họp vào 8h00 ngày 12/3/2024 tại Sở Giáo dục và Đào tạo, số 5 đường Lê Lợi.",
     "Sở Giáo dục và Đào tạo, số 5 đường Lê Lợi"),
    ("Nộp hồ sơ trước ngày 15/5/2024 tại Phòng Đào tạo.", "Phòng Đào tạo"),
    ("Hội nghị lúc 14h00 ngày 3/4/2024 tại Huyện ủy.", "Huyện ủy"),
    ("Làm việc ngày 15/6/2025 tại Sở Công Thương Lào Cai, địa chỉ: Số 165 Lý Thường Kiệt, phường Yên Bái, "
     "tỉnh Lào Cai.", "Sở Công Thương Lào Cai, địa chỉ: Số 165 Lý Thường Kiệt, phường Yên Bái, tỉnh Lào Cai"),
])
def test_the_place_after_tai_of_many_kinds(sentence, place):
    from extractors.venues import venue_after_tai

    a, b = venue_after_tai(sentence)
    assert sentence[a:b] == place


@pytest.mark.parametrize("sentence", [
    "Thực hiện theo hướng dẫn tại Điều 2 Quyết định này ngày 12/3/2024.",
    "Các nội dung tại Phụ lục kèm theo, hoàn thành trước ngày 30/6/2024.",
    "Tăng cường tuyên truyền tại phòng chống dịch bệnh ngày 12/3/2024.",
    "Triển khai tại các đơn vị từ ngày 12/3/2024.",
    "Đã nêu tại Hội nghị ngày 12/3/2024.",
])
def test_what_is_cited_or_unnamed_after_tai_is_no_place(sentence):
    from extractors.venues import venue_after_tai

    assert venue_after_tai(sentence) is None


def test_a_list_of_room_numbers_is_one_venue():
    [v] = split_venues("Phòng học A101, A103, A105 và A107 - Khu K")
    assert v.text == "Phòng học A101, A103, A105 và A107 - Khu K"


def test_a_room_or_yard_then_the_body_or_school_it_belongs_to_is_one_venue():
    from extractors.venues import venue_after_tai

    text = "Họp lúc 8h00 ngày 12/3/2024 tại Hội trường tầng 3, Sở Nội vụ tỉnh."
    a, b = venue_after_tai(text)
    assert text[a:b] == "Hội trường tầng 3, Sở Nội vụ tỉnh"
    assert [v.text for v in split_venues("Sân Khu A, Trường Đại học Đà Lạt")] == ["Sân Khu A, Trường Đại học Đà Lạt"]
    # two places of their own stay two
    assert [v.text for v in split_venues("Sân vận động huyện, Nhà thi đấu huyện")] == [
        "Sân vận động huyện", "Nhà thi đấu huyện"]
