"""The gazetteer of Vietnamese administrative units (real vietnamadminunits data)."""


import pytest

from extractors.gazetteer import canonical_province, find_admin_units, province_names


def units(text):
    return [(m.text, m.level, m.name, m.province, m.province_2025) for m in find_admin_units(text)]


def test_province_with_prefix_and_offsets():
    text = "Đoàn viên của tỉnh Gia Lai tham gia hội trại."
    [m] = find_admin_units(text)
    assert (m.text, m.level, m.name, m.province, m.province_2025) == (
        "tỉnh Gia Lai", "province", "Gia Lai", "Gia Lai", "Gia Lai")
    assert text[m.start:m.end] == "tỉnh Gia Lai"


def test_bare_province_as_place_of_issue():
    # underthesea's NER calls "Gia Lai" a person; the gazetteer must not care
    assert units("Gia Lai, ngày 06 tháng 3 năm 2026")[0][:3] == ("Gia Lai", "province", "Gia Lai")


def test_merged_provinces_2025():
    assert units("Hội thao tổ chức tại tỉnh Bình Phước.") == [
        ("tỉnh Bình Phước", "province", "Bình Phước", "Bình Phước", "Đồng Nai")]
    assert units("Đoàn công tác đến Ninh Thuận")[0][3:] == ("Ninh Thuận", "Khánh Hòa")


def test_upper_case_header_and_city_prefixes():
    got = units("ỦY BAN NHÂN DÂN\tTỈNH QUẢNG NGÃI\nTHÀNH ĐOÀN TP. HỒ CHÍ MINH\nsở của Thành phố Đà Nẵng")
    assert [g[2] for g in got] == ["Quảng Ngãi", "Hồ Chí Minh", "Đà Nẵng"]
    assert all(g[1] == "province" for g in got)


@pytest.mark.parametrize("written", ["TP.HCM", "TP. HCM", "TPHCM", "Tp. Hồ Chí Minh", "thành phố Hồ Chí Minh"])
def test_ho_chi_minh_city_spellings(written):
    got = units(f"Cán bộ Đoàn {written} dự lớp tập huấn")
    assert got == [(written, "province", "Hồ Chí Minh", "Hồ Chí Minh", "Hồ Chí Minh")]


def test_both_tone_placements_and_no_confusion():
    got = units("Thanh Hoá, Thanh Hóa, Khánh Hoà, Khánh Hòa")
    assert [g[2] for g in got] == ["Thanh Hóa", "Thanh Hóa", "Khánh Hòa", "Khánh Hòa"]
    assert [g[0] for g in got] == ["Thanh Hoá", "Thanh Hóa", "Khánh Hoà", "Khánh Hòa"]


def test_districts_numbered_and_named():
    got = units("Quận 11, ngày 5 tháng 2 năm 2024. Hoạt động tại Q.5, huyện Cần Giờ và Cần Giờ.")
    assert [(g[0], g[2]) for g in got] == [
        ("Quận 11", "Quận 11"), ("Q.5", "Quận 5"), ("huyện Cần Giờ", "Huyện Cần Giờ"), ("Cần Giờ", "Huyện Cần Giờ")]
    assert {g[3] for g in got} == {"Hồ Chí Minh"}


def test_ambiguous_ward_resolved_by_nearby_district():
    got = units("Nhà văn hóa xã Tân Lập, huyện Đan Phượng")
    assert got[0][:4] == ("xã Tân Lập", "ward", "Xã Tân Lập", "Hà Nội")


def test_ambiguous_ward_without_context_keeps_no_province():
    [m] = find_admin_units("Lễ ra quân tại xã Tân Lập")
    assert m.level == "ward" and m.province is None


def test_pre_2008_and_former_names():
    assert units("Hà Tây")[0][2:] == ("Hà Tây", "Hà Nội", "Hà Nội")
    assert units("Thừa Thiên Huế")[0][3:] == ("Thừa Thiên Huế", "Huế")
    assert units("quận 2 và quận 9")[0][2:] == ("Quận 2", "Hồ Chí Minh", "Hồ Chí Minh")


def test_never_inside_words_or_common_phrases():
    # the national motto has "XÃ HỘI"; "quận huyện" names nothing; lower-case words are not names
    assert units("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") == []
    assert units("các quận, huyện và xã hội hóa giáo dục") == []
    assert units("bình phước an lành") == []
    assert units("đường Ngô Quyền") == []


def test_unaccented_capitalised_text():
    assert units("Binh Phuoc")[0][3:] == ("Bình Phước", "Đồng Nai")


def test_canonical_province():
    for written in ("tỉnh Bình Phước", "binh phuoc", "BÌNH PHƯỚC", "Tỉnh Bình Phước."):
        assert canonical_province(written) == ("Bình Phước", "Đồng Nai")
    assert canonical_province("TP.HCM") == ("Hồ Chí Minh", "Hồ Chí Minh")
    assert canonical_province("Khánh Hoà") == ("Khánh Hòa", "Khánh Hòa")
    assert canonical_province("Thanh Hoá") == ("Thanh Hóa", "Thanh Hóa")
    assert canonical_province("Hà Tây") == ("Hà Nội", "Hà Nội")
    assert canonical_province("Nhà văn hóa") == (None, None)


def test_province_names():
    bp = province_names("Bình Phước")
    assert {"Bình Phước", "Đồng Nai", "tỉnh Bình Phước", "tỉnh Đồng Nai"} <= bp
    assert "Khánh Hòa" not in bp
    assert {"Đồng Nai", "Bình Phước"} <= province_names("Đồng Nai")
    nt = province_names("Ninh Thuận")
    assert {"Ninh Thuận", "Khánh Hòa", "Khánh Hoà"} <= nt
    assert {"Ninh Thuận", "Khánh Hòa"} <= province_names("tỉnh Khánh Hoà")
    hcm = province_names("HCM")
    assert {"TP. HCM", "TP Hồ Chí Minh", "Thành phố Hồ Chí Minh", "HCM", "Hồ Chí Minh", "Bình Dương"} <= hcm
    assert province_names("Gia Lai") >= {"Gia Lai", "Bình Định"}
    assert province_names("không phải tỉnh") == set()


def test_a_long_dense_text_finds_every_unit():
    line = ("Ủy ban nhân dân tỉnh Gia Lai phối hợp Quận Đoàn 11, TP.HCM và huyện Cần Giờ tổ chức hội trại "
            "tại Nhà văn hóa thanh thiếu nhi tỉnh Đồng Nai, phường 5, Quận 8 từ ngày 30/3/2026.\n")
    text = line * (15000 // len(line))
    found = find_admin_units(text)
    assert len(found) >= 6 * (15000 // len(line))  # speed: benchmarks/components_bench.py
