"""Restore the marks OCR loses or changes in header names ("SƠ Y TE" → "SỞ Y TẾ") and signature
positions ("PHO CHANH VAN PHONG" → "PHÓ CHÁNH VĂN PHÒNG").

Header lines name bodies from a small, fixed vocabulary: a head word (Sở, Phòng, Ủy ban nhân dân
...) with a sector (Y tế, Giáo dục và Đào tạo ...) or an administrative unit (tỉnh Kiên Giang).
Where the OCR'd words fold (marks stripped, đ→d) to exactly such a phrase, the phrase's spelling
is taken. Words that fold to no known phrase are left as read.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from pipeline.read.normalise import fold

HEADS = ["SỞ", "PHÒNG", "BỘ", "BAN", "CỤC", "CHI CỤC", "TRUNG TÂM", "THANH TRA", "VĂN PHÒNG"]
SECTORS = [
    "NỘI VỤ", "TƯ PHÁP", "KẾ HOẠCH VÀ ĐẦU TƯ", "TÀI CHÍNH", "CÔNG THƯƠNG", "NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN",
    "NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "GIAO THÔNG VẬN TẢI", "XÂY DỰNG", "TÀI NGUYÊN VÀ MÔI TRƯỜNG",
    "THÔNG TIN VÀ TRUYỀN THÔNG", "LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "VĂN HÓA, THỂ THAO VÀ DU LỊCH",
    "VĂN HÓA VÀ THÔNG TIN", "VĂN HÓA - THÔNG TIN", "KHOA HỌC VÀ CÔNG NGHỆ", "GIÁO DỤC VÀ ĐÀO TẠO", "Y TẾ",
    "NGOẠI VỤ", "DÂN TỘC", "DÂN TỘC VÀ TÔN GIÁO", "KINH TẾ", "KINH TẾ - HẠ TẦNG", "QUẢN LÝ ĐÔ THỊ",
    "TÀI CHÍNH - KẾ HOẠCH", "THUẾ", "HẢI QUAN", "THỐNG KÊ",
    "TỔ CHỨC", "TUYÊN GIÁO", "DÂN VẬN", "KIỂM TRA", "NỘI CHÍNH", "TỔ CHỨC - KIỂM TRA",
]
BODIES = [
    "ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN", "THÀNH ĐOÀN", "TỈNH ĐOÀN", "HUYỆN ĐOÀN", "QUẬN ĐOÀN",
    "BAN CHẤP HÀNH", "BAN THƯỜNG VỤ", "BAN ĐIỀU HÀNH", "BAN CHỈ ĐẠO", "ĐẢNG BỘ", "ĐẢNG ỦY", "TỈNH ỦY",
    "HUYỆN ỦY", "THÀNH ỦY",
    "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM", "HỘI LIÊN HIỆP PHỤ NỮ", "HỘI NÔNG DÂN", "HỘI CỰU CHIẾN BINH",
    "LIÊN ĐOÀN LAO ĐỘNG", "TRƯỜNG", "TRUNG TÂM", "BỆNH VIỆN", "TRUNG TÂM Y TẾ", "CÔNG AN", "BỘ CHỈ HUY QUÂN SỰ",
    "TỈNH", "THÀNH PHỐ", "HUYỆN", "QUẬN", "THỊ XÃ", "XÃ", "PHƯỜNG", "THỊ TRẤN",
]


# positions and authorities of the signature block ("KT. CHÁNH VĂN PHÒNG" / "PHÓ CHÁNH VĂN PHÒNG")
POSITIONS = [
    "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "TỔNG GIÁM ĐỐC", "PHÓ TỔNG GIÁM ĐỐC", "CHỦ TỊCH", "PHÓ CHỦ TỊCH",
    "HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG", "CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "CHÁNH THANH TRA",
    "PHÓ CHÁNH THANH TRA", "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG", "BÍ THƯ",
    "PHÓ BÍ THƯ", "BỘ TRƯỞNG", "THỨ TRƯỞNG", "CỤC TRƯỞNG", "PHÓ CỤC TRƯỞNG", "CHI CỤC TRƯỞNG", "VIỆN TRƯỞNG",
    "PHÓ VIỆN TRƯỞNG", "TRƯỞNG KHOA", "PHÓ TRƯỞNG KHOA", "CHỦ NHIỆM", "PHÓ CHỦ NHIỆM", "THỦ TRƯỞNG",
    "TRƯỞNG ĐOÀN", "KẾ TOÁN TRƯỞNG", "THƯỜNG TRỰC", "HỘI ĐỒNG", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH",
    "KT. GIÁM ĐỐC", "KT. HIỆU TRƯỞNG", "TL. CHỦ TỊCH", "TL. GIÁM ĐỐC", "TL. HIỆU TRƯỞNG",
]


@functools.lru_cache(maxsize=1)
def _phrases() -> list[tuple[tuple[str, ...], list[str]]]:
    """(folded words, spelt words) for every known phrase, longest first."""
    spelt: set[str] = set(BODIES) | set(SECTORS) | {p.split(". ", 1)[-1] for p in POSITIONS}
    spelt |= {f"{h} {s}" for h in HEADS for s in SECTORS}
    from extractors.gazetteer import unit_names

    spelt |= {n.upper() for n in unit_names() if n and not n[0].isdigit()}
    out = []
    for p in sorted(spelt):  # (in a fixed order: two spellings of one phrase, "ĐẮK"/"ĐĂK", always resolve alike)
        words = p.split()
        out.append((tuple(fold(w) for w in words), words))
    out.sort(key=lambda x: len(x[0]), reverse=True)
    return out


_WORD = re.compile(r"\S+")
_TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng


def _tone(word: str) -> str:
    # (hỏi and ngã are one for this: OCR takes the hook for the tilde and back, "TĨNH" for "TỈNH")
    return "".join(ch for ch in unicodedata.normalize("NFD", word) if ch in _TONES).replace("\u0303", "\u0309")


def _respells(word: str, spelling: str, phrase_len: int) -> bool:
    """A word of an upper-case line takes the phrase's spelling; a one-word phrase gives no context, so
    a word read with a tone of its own keeps it: OCR drops a mark far more often than it changes one
    ("HUYÊN" is "HUYỆN", "QUẢN" in "HỘI ĐỒNG QUẢN TRỊ" is not "QUẬN"), save the hook and the tilde it
    takes for each other ("TĨNH" is "TỈNH")."""
    if not word.isupper():
        return False
    return phrase_len > 1 or not _tone(word) or _tone(word) == _tone(spelling)


@functools.lru_cache(maxsize=1)
def _vocabulary() -> dict[str, str]:
    """Every word of the lists above (bodies, sectors, heads, signers' titles; not the gazetteer's place
    names, whose "THƯỚC" would take "THUÓC" for itself) by its folded letters, the words two spellings
    share ("QUẬN", "QUẢN") left out: the closed list a slip is repaired from."""
    spellings: dict[str, set[str]] = {}
    for phrase in [*HEADS, *SECTORS, *BODIES, *POSITIONS]:
        for w in phrase.replace(",", " ").split():
            if w.isupper() and len(w) >= 2:
                spellings.setdefault(fold(w), set()).add(w)
    return {k: next(iter(v)) for k, v in spellings.items() if len(v) == 1}


def _repair_word(word: str) -> str:
    """A word of a capital line that is no Vietnamese syllable ("QUỎC": a hook on a syllable ending in
    c, which only takes the acute or the dot below) is the one listed word its letters fold to when
    they differ in one letter's marks (OCR changed a mark); a word that is a syllable, that lost all
    its marks ("VIEN": "VIÊN", "VIỆN" or "VIỄN"), or folds to no listed word or to two, is kept."""
    from pipeline.read.vietnamese import has_vietnamese_letter, is_syllable

    if not word.isupper() or is_syllable(word):
        return word
    lead = len(word) - len(word.lstrip(_EDGE))
    core = word.strip(_EDGE)
    if len(core) < 2 or not core.isalpha() or is_syllable(core):
        return word
    spelling = _vocabulary().get(fold(core))
    nfc = unicodedata.normalize("NFC", core)
    # one letter's marks changed, not all lost: "VIEN" may be any of "VIÊN", "VIỆN", "VIỄN"
    if spelling is None or not has_vietnamese_letter(core) or len(nfc) != len(spelling) \
            or sum(a != b for a, b in zip(nfc, spelling, strict=True)) != 1:
        return word
    return word[:lead] + spelling + word[lead + len(core):]


_EDGE = ",.;:()"


def restore_marks(text: str) -> str:
    """Respell the words of an upper-case header line that fold to a known phrase; a word no phrase
    takes that is no syllable is repaired from the phrases' words (``_repair_word``)."""
    words = _WORD.findall(text)
    if not words:
        return text
    folded = [fold(w) for w in words]
    out = list(words)
    i = 0
    phrases = _phrases()
    while i < len(words):
        for key, spelling in phrases:
            n = len(key)
            if tuple(folded[i:i + n]) == key:
                for k in range(n):
                    # keep the original when it already has marks the phrase agrees with
                    out[i + k] = spelling[k] if _respells(words[i + k], spelling[k], n) else words[i + k]
                i += n
                break
        else:
            i += 1
    return " ".join(_repair_word(w) for w in out)
