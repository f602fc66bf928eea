"""The Vietnamese syllable measure that judges OCR results and PDF text layers."""

from __future__ import annotations

import pytest

from pipeline.read.vietnamese import has_vietnamese_letter, reading


@pytest.mark.parametrize("word", ["Việt", "nhiệm", "thường", "quốc", "nghiêng", "khuya", "Hạnh", "phúc",
                                  "Đoàn", "hoá", "hòa", "tuyển", "ban", "UỶ"])
def test_valid_syllables(word):
    assert reading(word).syllable_rate == 1.0


@pytest.mark.parametrize("word", ["Vit", "thirc", "luit", "cüa", "chfrc", "Bii", "tiep", "duoc", "nhânn",
                                  "việtt", "háà"])
def test_broken_words_are_not_syllables(word):
    r = reading(word)
    assert r.words == 1 and r.syllables == 0


def test_abbreviations_and_single_letters_count_neither_way():
    assert reading("TP HĐND KH-STTTT s D 2025 - /").words == 0
    # an abbreviation with a vowel counts against (the layer thresholds were measured with them in)
    assert reading("UBND").words == 1


def test_layer_measures_separate_real_text_from_a_broken_layer():
    good = reading("Ủy ban nhân dân xã An Bình thông báo lịch tiếp công dân trong tháng sáu")
    broken = reading("Uy ban nhân dân xa An Binh thông báo lich tip công dân trong thang sáu nam hai "
                     "nghin hai muoi tu tai tr s xa. D ngh các thôn thông báo rng rãi dn nhân dân duoc bit.")
    assert good.syllable_rate == 1.0 and good.marked_share > 0.8
    assert broken.syllable_rate < 0.85


def test_marks():
    assert has_vietnamese_letter("đi") and has_vietnamese_letter("Ở") and has_vietnamese_letter("tiếp")
    assert not has_vietnamese_letter("tiep") and not has_vietnamese_letter("Binh")
