"""How Vietnamese a run of text reads: the measures that judge an OCR result or a PDF text layer.

A word is judged by Vietnamese orthography (onset + rhyme + one tone, a stop-final rhyme with the
acute or dot-below only; :func:`pipeline.read.legacy._word_class`), so a word broken by a bad text
layer or a misread ("Vit", "nhim", "Diu", "ndm") fails while an abbreviation without a vowel
("UBND", "TP") counts neither way.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from pipeline.read.legacy import _word_class
from pipeline.read.normalise import fold

_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u0302", "\u0306", "\u031b"}
_TOKEN = re.compile(r"[^\W\d_]+(?:[^\W\d_]+)*", re.UNICODE)


def has_vietnamese_letter(word: str) -> bool:
    """True when the word has đ or a vowel with a Vietnamese mark."""
    if "đ" in word or "Đ" in word:
        return True
    return any(ch in _MARKS for ch in unicodedata.normalize("NFD", word))


@dataclass(frozen=True)
class Reading:
    words: int  # words of two letters or more with a vowel (abbreviations left out)
    syllables: int  # of them, valid Vietnamese syllables
    marked: int  # of them, with a Vietnamese letter (diacritic or đ)

    @property
    def syllable_rate(self) -> float:
        return self.syllables / self.words if self.words else 0.0

    @property
    def marked_share(self) -> float:
        return self.marked / self.words if self.words else 0.0


def reading(text: str) -> Reading:
    """Count the words of ``text`` that are Vietnamese syllables and that carry Vietnamese marks."""
    words = syllables = marked = 0
    for token in _TOKEN.findall(unicodedata.normalize("NFC", text)):
        if len(token) < 2:
            continue
        cls = _word_class(token.lower())
        if cls == 0:  # no vowel: an abbreviation (UBND, TP, HĐND), proves nothing
            continue
        words += 1
        syllables += cls == 1
        marked += has_vietnamese_letter(token)
    return Reading(words, syllables, marked)


# The common Vietnamese family names: a closed set, so a surname OCR read without its marks or with a
# stroke's mark ("Nguyên", "Trân", "Dinh", "Ñguyễn") is spelt as the one family name its letters fold to
FAMILY_NAMES = {fold(n): n for n in (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
    "Dương", "Lý", "Đinh", "Trịnh", "Đào", "Lương", "Trương", "Đoàn", "Vương", "Hà", "Lâm", "Tạ", "Thái",
    "Quách", "Châu", "Tô", "Triệu", "Lưu", "Kiều", "Khổng", "Mạc", "Tăng", "Âu", "Thạch", "Diệp", "La",
    "Phùng", "Cao", "Mai", "Chu", "Lại", "Hứa", "Tống", "Từ", "Nông", "Đàm", "Lục", "Đồng", "Khúc", "Ninh",
    "Mạnh", "Lư", "Hầu", "Cù",
    # (not "Doãn", "Lã", "Trình": they fold as "Đoàn", "La", "Trịnh" do, and would be respelt as those)
)}


def family_name(word: str, misread: bool = False) -> str | None:
    """The family name ``word`` spells once its marks are set aside ("Pham" -> "Phạm"), or None.
    ``misread``: a long family name OCR got a letter or two wrong in under a stroke ("Ngiiyên",
    "Ngiyên" -> "Nguyễn") still counts when it starts with the same letter and is the one family
    name that close (a third of its letters at most)."""
    key = fold(word)
    if key in FAMILY_NAMES or not misread or len(key) < 5:
        return FAMILY_NAMES.get(key)
    from rapidfuzz.distance import Levenshtein

    close = [n for k, n in FAMILY_NAMES.items() if len(k) >= 5 and k[0] == key[0]
             and Levenshtein.distance(k, key) <= len(k) // 3]
    return close[0] if len(close) == 1 else None


def is_syllable(word: str) -> bool:
    """A valid Vietnamese syllable (onset, rhyme, one tone that fits the rhyme)."""
    return _word_class(unicodedata.normalize("NFC", word).lower()) == 1
