"""Marks that OCR drops or changes in header names are restored from the header vocabulary."""

import pytest

from extractors.header_words import restore_marks


@pytest.mark.parametrize("ocr, expected", [
    ("SƠ Y TE", "SỞ Y TẾ"),
    ("PHONG TAI CHINH - KE HOACH", "PHÒNG TÀI CHÍNH - KẾ HOẠCH"),
    ("TRUNG TAM VAN HOA DIEN ANH", "TRUNG TÂM VAN HOA DIEN ANH"),  # unknown words are left as read
    ("PHÒNG GIAO DUC VA ĐAO TAO", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"),
    ("UBND TINH LAM ĐONG", "UBND TỈNH LÂM ĐỒNG"),
    ("HUYEN ĐOAN ĐƠN DƯƠNG", "HUYỆN ĐOÀN ĐƠN DƯƠNG"),
    ("SỐ 15/KH-UBND", "SỐ 15/KH-UBND"),  # "SỐ" is not "SỞ" unless a sector follows
])
def test_restore_marks(ocr, expected):
    assert restore_marks(ocr) == expected


def test_sentence_case_words_are_left_alone():
    assert restore_marks("Phong trào thanh niên") == "Phong trào thanh niên"
