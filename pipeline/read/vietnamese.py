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
