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
    ("UBND HUYÊN", "UBND HUYỆN"),          # a mark OCR dropped is given back by a one-word phrase
    ("HỘI ĐỒNG QUẢN TRỊ", "HỘI ĐỒNG QUẢN TRỊ"),  # a tone of its own is kept: "QUẢN" is not "QUẬN"
    ("BAN QUẢN LÝ KCN", "BAN QUẢN LÝ KCN"),
    ("UBND TĨNH BẮC GIANG", "UBND TỈNH BẮC GIANG"),  # save the tilde OCR reads for the hook
])
def test_restore_marks(ocr, expected):
    assert restore_marks(ocr) == expected


def test_sentence_case_words_are_left_alone():
    assert restore_marks("Phong trào thanh niên") == "Phong trào thanh niên"
