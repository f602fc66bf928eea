"""Legacy Vietnamese encodings (TCVN3/ABC, VNI, VISCII) and decomposed Unicode, repaired to NFC.

Text typed in a legacy font reaches us as the font's byte codes read as Windows/Latin-1 characters:
"KÕ ho¹ch tæ chøc §oµn" is TCVN3 (.VnTime) and "Keá hoaïch" is VNI (VNI-Times) for "Kế hoạch". A .txt
read as Windows-1258 shows the same bytes through cp1258 ("KƠ ho¹ch"). Every surface (Latin-1,
cp1252, cp1258) is mapped back to its byte, and the byte through the encoding's code chart.

`repair` runs on every cell of every document, so correct text must leave on a fast path: a cell
without any character that only mojibake produces is returned as it is (NFC'd if it was not NFC).
Otherwise each candidate decoding is scored by how many of its words are valid Vietnamese syllables,
and one is taken only when it reads clearly better than the input: short strings are ambiguous and a
wrong "repair" of correct text is worse than a missed one. A font name (hint) is the strong signal.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

ENCODINGS = ("tcvn3", "vni", "viscii")

# Tone marks in the column order of the TCVN3 chart: grave, hook above, tilde, acute, dot below.
_TONES = ("\u0300", "\u0309", "\u0303", "\u0301", "\u0323")


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# --- surfaces: which byte a character read from a legacy file stands for ---------------------------


def _byte_surfaces() -> dict[str, int]:
    """Every character a byte 0x80-0xFF can show up as (Latin-1, cp1252, cp1258) -> that byte."""
    surfaces: dict[str, int] = {}
    for b in range(0x80, 0x100):
        surfaces[chr(b)] = b
        for codec in ("cp1252", "cp1258"):
            try:
                surfaces.setdefault(bytes([b]).decode(codec), b)
            except UnicodeDecodeError:
                pass
    return surfaces


_SURFACE_BYTE = _byte_surfaces()


def _cp1252(b: int) -> str:
    try:
        return bytes([b]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(b)


# --- code charts --------------------------------------------------------------------------------

# TCVN 5712:1993 VN3 (the ABC / .VnTime fonts): capitals Ă Â Ê Ô Ơ Ư Đ at 0xA1-0xA7, the small
# letters at 0xA8-0xAE (ư at 0xAD, the soft-hyphen slot), and each vowel's five toned forms.
# No toned capitals: .VnTimeH fonts draw the small codes as capitals.
_TCVN3_TONED = {
    "a": (0xB5, 0xB6, 0xB7, 0xB8, 0xB9),
    "ă": (0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
    "â": (0xC7, 0xC8, 0xC9, 0xCA, 0xCB),
    "e": (0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
    "ê": (0xD2, 0xD3, 0xD4, 0xD5, 0xD6),
    "i": (0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
    "o": (0xDF, 0xE1, 0xE2, 0xE3, 0xE4),
    "ô": (0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
    "ơ": (0xEA, 0xEB, 0xEC, 0xED, 0xEE),
    "u": (0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
    "ư": (0xF5, 0xF6, 0xF7, 0xF8, 0xF9),
    "y": (0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
}


def _tcvn3_chart() -> dict[int, str]:
    chart = dict(zip(range(0xA1, 0xAF), "ĂÂÊÔƠƯĐăâêôơưđ", strict=True))
    for vowel, codes in _TCVN3_TONED.items():
        for code, tone in zip(codes, _TONES, strict=True):
            chart[code] = _nfc(vowel + tone)
    return chart


# VISCII 1.1 (RFC 1456), 0x80-0xFF in code order, plus the six C0 controls it takes over
# (generated from glibc's VISCII charmap; tests/test_legacy.py checks every letter against iconv).
_VISCII_HIGH = (
    "ẠẮẰẶẤẦẨẬẼẸẾỀỂỄỆỐỒỔỖỘỢỚỜỞỊỎỌỈỦŨỤỲ"
    "ÕắằặấầẩậẽẹếềểễệốồổỗỠƠộờởịỰỨỪỬơớƯ"
    "ÀÁÂÃẢĂẳẵÈÉÊẺÌÍĨỳĐứÒÓÔạỷừửÙÚỹỵÝỡư"
    "àáâãảăữẫèéêẻìíĩỉđựòóôõỏọụùúũủýợỮ"
)
_VISCII_C0 = {0x02: "Ẳ", 0x05: "Ẵ", 0x06: "Ẫ", 0x14: "Ỷ", 0x19: "Ỹ", 0x1E: "Ỵ"}


def _translation(chart: dict[int, str], extra: dict[int, str] | None = None) -> dict[int, str]:
    """str.translate table: every surface of a byte -> the chart's letter (or the cp1252 character)."""
    table = {ord(ch): chart.get(b, _cp1252(b)) for ch, b in _SURFACE_BYTE.items()}
    table = {k: v for k, v in table.items() if chr(k) != v}
    table.update(extra or {})
    return table


_TCVN3_TABLE = _translation(_tcvn3_chart())
_VISCII_TABLE = _translation(dict(zip(range(0x80, 0x100), _VISCII_HIGH, strict=True)), _VISCII_C0)
# VNI marks live in 0xC0-0xFF where cp1252 and Latin-1 agree: bring every surface to cp1252 first
_TO_CP1252 = _translation({})

# VNI for Windows: a vowel is a base letter followed by one mark byte. Small marks below; the capital
# forms are their upper case (Ù Ø Û Õ Ï Â Ê Á À Å Ã Ä É È Ú Ü Ë).
_VNI_TONE = dict(zip("øûõùï", _TONES, strict=True))
_VNI_CIRCUMFLEX = {"â": "", "à": "\u0300", "å": "\u0309", "ã": "\u0303", "á": "\u0301", "ä": "\u0323"}
_VNI_BREVE = {"ê": "", "è": "\u0300", "ú": "\u0309", "ü": "\u0303", "é": "\u0301", "ë": "\u0323"}
# letters that are one byte: đ, ơ, ư and the i family (ì í stay as they are)
_VNI_SINGLE = {"ñ": "đ", "ô": "ơ", "ö": "ư", "æ": "ỉ", "ó": "ĩ", "ò": "ị"}


def _vni_chart() -> dict[str, str]:
    chart: dict[str, str] = {}
    combos = [(base, mark, tone) for base in "aeiouy" for mark, tone in _VNI_TONE.items()]
    combos += [(base, mark, tone) for base in ("ơ", "ư") for mark, tone in _VNI_TONE.items()]
    combos += [(base, mark, "\u0302" + t) for base in "aeo" for mark, t in _VNI_CIRCUMFLEX.items()]
    combos += [("a", mark, "\u0306" + t) for mark, t in _VNI_BREVE.items()]
    surface_of = {v: k for k, v in _VNI_SINGLE.items()}
    for base, mark, marks in combos:
        letter = _nfc(base + marks)
        for upper_base in (False, True):
            b = surface_of.get(base, base)
            key_base, out = (b.upper(), letter.upper()) if upper_base else (b, letter)
            for key_mark in {mark, mark.upper()}:
                chart[key_base + key_mark] = out
    for k, v in _VNI_SINGLE.items():
        chart[k], chart[k.upper()] = v, v.upper()
    return chart


_VNI_CHART = _vni_chart()
_VNI_MARKS = "".join(sorted({k[1] for k in _VNI_CHART if len(k) == 2}))
_VNI_BASES = "".join(sorted({k[0] for k in _VNI_CHART if len(k) == 2}))
_VNI_RE = re.compile(f"[{_VNI_BASES}][{_VNI_MARKS}]|[{''.join(_VNI_SINGLE)}{''.join(_VNI_SINGLE).upper()}]")


def _vni_sub(m: re.Match[str]) -> str:
    s = m.group(0)
    found = _VNI_CHART.get(s)
    if found is not None:
        return found
    # a base with a mark it cannot take (e.g. breve on u): decode the base alone
    return _VNI_CHART.get(s[0], s[0]) + s[1:]


# --- decoders -----------------------------------------------------------------------------------

_LETTER = r"[^\W\d_]"
_PDF_MINUS = re.compile(rf"(?<={_LETTER})\u2212|\u2212(?={_LETTER})")
# TCVN3 ư is 0xAD, the soft-hyphen slot, which extractors drop: "n­íc" (nước) arrives as "níc".
# ơ followed by c / ng / u only exists as ươ, so the lost ư can be put back there.
_LOST_U_HORN = re.compile(rf"(?<![uưUƯ])([ơờớởỡợƠỜỚỞỠỢ])(?=(?:c|ng|u|C|NG|U)(?!{_LETTER}))")
_LOST_U_HORN_NGUOI = re.compile(rf"(?<!{_LETTER})(ng|Ng|NG)(ời|ỜI)(?!{_LETTER})")


def _restore_lost_u_horn(text: str) -> str:
    def horn(m: re.Match[str]) -> str:
        return ("ư" if m.group(1).islower() else "Ư") + m.group(1)

    def nguoi(m: re.Match[str]) -> str:
        return m.group(1) + ("ư" if m.group(2)[0] == "ờ" else "Ư") + m.group(2)

    return _LOST_U_HORN_NGUOI.sub(nguoi, _LOST_U_HORN.sub(horn, text))


_NONSPACE = re.compile(r"\S+")
_TWO_CAPS = re.compile(r"[A-Z\u00a1-\u00a7]\S*?[A-Z\u00a1-\u00a7]")


def _caps_from_surface(surface: str, decoded: str) -> str:
    """TCVN3 has no toned capitals: a word typed in capitals ("HO¹CH") was meant in capitals.

    A word's case shows in its ASCII letters and TCVN3 capitals (Ă Â Ê Ô Ơ Ư Đ); its toned letters
    are small whatever was meant. Two capitals and no small letter: capitals. A word with one capital
    ("KÕ") follows the other words of the cell when they are all capitals ("KÕ HO¹CH").
    """
    if not _TWO_CAPS.search(surface):
        return decoded  # no word with two capitals: nothing to raise
    words = []  # (start, end, verdict) for words holding a toned small letter
    evidence = set()  # the case of the cell's other words ("BÍ THƯ": "THƯ" lost nothing, all capitals)
    for m in _NONSPACE.finditer(surface):
        start, end = m.span()
        pairs = list(zip(surface[start:end], decoded[start:end], strict=True))
        if all(c.isascii() or not d.islower() for c, d in pairs):
            word = re.sub(r"^\W+|\W+$", "", decoded[start:end])
            if len(word) >= 2 and word.isalpha():  # a word, not a code like "15/KH-VH"
                evidence.add("upper" if word.isupper() else "lower")
            continue  # nothing whose case was lost
        known = [d for c, d in pairs if d.isalpha() and (c.isascii() or d.isupper())]
        upper = sum(d.isupper() for d in known)
        verdict = "lower" if upper < len(known) else "upper" if upper >= 2 else "open"
        words.append((start, end, verdict))
    verdicts = {v for _, _, v in words} | evidence
    caps_cell = "upper" in verdicts and "lower" not in verdicts
    out = list(decoded)
    for start, end, verdict in words:
        if verdict == "upper" or (verdict == "open" and caps_cell):
            out[start:end] = decoded[start:end].upper()
    return "".join(out)


def decode_tcvn3(text: str, uppercase: bool = False) -> str:
    """TCVN3 (ABC, .VnTime) surface text -> NFC Unicode. uppercase=True for .VnTimeH-style capitals fonts."""
    if "\u2212" in text:  # PDF text layers give TCVN3's 0xAD (ư) as a minus sign
        text = _PDF_MINUS.sub("\u00ad", text)
    decoded = text.translate(_TCVN3_TABLE)  # one character per character: positions still line up
    decoded = decoded.upper() if uppercase else _caps_from_surface(text, decoded)
    if "\u00ad" not in text:
        decoded = _restore_lost_u_horn(decoded)
    return _nfc(decoded)


def decode_vni(text: str) -> str:
    """VNI (VNI-Times ...) surface text -> NFC Unicode."""
    return _nfc(_VNI_RE.sub(_vni_sub, text.translate(_TO_CP1252)))


def decode_viscii(text: str, uppercase: bool = False) -> str:
    """VISCII surface text -> NFC Unicode."""
    decoded = text.translate(_VISCII_TABLE)
    return _nfc(decoded.upper() if uppercase else decoded)


# --- how Vietnamese a text reads ----------------------------------------------------------------


def _letter_parts() -> dict[str, tuple[str, int]]:
    """Lower-case Vietnamese letter -> (letter without tone, tone number 0-5)."""
    parts = {c: (c, 0) for c in "bcdđghklmnpqrstvx"}
    for base in "aăâeêioôơuưy":
        parts[base] = (base, 0)
        for number, tone in enumerate(_TONES, start=1):
            parts[_nfc(base + tone)] = (base, number)
    return parts


_PARTS = _letter_parts()
_RHYMES = """
a ai ao au ay am an ang anh ac ach ap at ăm ăn ăng ăc ăp ăt âu ây âm ân âng âc âp ât
e eo em en eng ec ep et ê êu êm ên ênh êch êp êt
i ia iu im in inh ich ip it iêu iêm iên iêng iêc iêp iêt
o oi om on ong oc op ot oa oai oao oay oam oan oang oanh oac oach oap oat oăm oăn oăng oăc oăt
oe oeo oen oet oong ooc ô ôi ôm ôn ông ôc ôp ôt ơ ơi ơm ơn ơp ơt
u ui um un ung uc up ut ua uân uâng uât uây uê uêu uênh uêch uy uya uyu uynh uych uyt uyên uyêt
uôi uôm uôn uông uôc uôt uơ ư ưa ưi ưu ưm ưn ưng ưc ưt ươi ươu ươm ươn ương ươc ươp ươt
y yêu yêm yên yêt ynh ych yt yu
""".split()
_SYLLABLE = re.compile(
    "(?:ngh|ng|gh|gi|kh|ph|th|tr|ch|nh|qu|[bcdđghklmnprstvx])?(" + "|".join(_RHYMES) + ")"
)
_VOWELS = set("aăâeêioôơuưy")


def _word_class(word: str) -> int:
    """1: a Vietnamese syllable; 0: neutral (no vowel: an abbreviation like ĐTN); -1: not Vietnamese."""
    letters, tones = [], []
    for ch in word:
        part = _PARTS.get(ch)
        if part is None:
            return -1
        letters.append(part[0])
        if part[1]:
            tones.append(part[1])
    bare = "".join(letters)
    if not _VOWELS.intersection(bare):
        return 0
    m = _SYLLABLE.fullmatch(bare)
    if m is None or len(tones) > 1:
        return -1
    # syllables ending in a stop consonant take only the acute or the dot below
    if bare.endswith(("c", "p", "t", "ch")):
        return 1 if tones and tones[0] in (4, 5) else -1
    return 1


# words: runs without spaces, ASCII non-letters or common typographic punctuation
_WORD = re.compile(r"[^\s\x00-\x40\x5b-\x60\x7b-\x7f“”‘’‚„–—…•†‡‰‹›€™]+")


@dataclass(frozen=True)
class _Score:
    good: int  # words with a non-ASCII letter that are Vietnamese syllables
    bad: int  # words with a non-ASCII character that are not
    common: int  # good words among the most frequent syllables (breaks ties between encodings)

    @property
    def net(self) -> int:
        return self.good - self.bad


# frequent syllables of Vietnamese (administrative) prose, with diacritics: when two decodings read
# equally well ("Thời gian: Dự kiến" VISCII, "Thải gian: Dủ kiên" TCVN3), the one with more wins
_FREQUENT = frozenset("""
và của có các cho là được trong những với người này một không đã để theo đến về tại từ năm ngày tháng
công tác đoàn niên hội xã huyện tỉnh thành phố quận phường chấp hành kế hoạch tổ chức thực hiện chỉ
đạo nhân dân ủy đơn vị cơ quan trường học sinh giáo dục văn hóa hoá thể chương trình hoạt động phong
trào đua thưởng báo cáo quyết định thông tư nghị số nội dung mục đích yêu cầu thời điểm phí trách
nhiệm phối hợp triển khai tuyên truyền cán bộ đảng chi nhà nước việt xã chủ nghĩa độc lập tự hạnh
phúc nơi nhận lưu như trên cấp phó tịch bí thư trưởng phòng sở giám đốc ngành lao kết quả tình
đánh giá kiểm tra sát tham gia tổng sơ đầu cuối mới cao nhất tốt lớn nhỏ riêng đề đồng gửi danh
sách trước sau dưới vào lên xuống đi làm nhằm bảo đảm toàn phát tế môi sức khỏe khoẻ dịch bệnh
quốc an ninh trật giao sống vùng sâu miền núi nông gia đình trẻ phụ nữ cựu chiến mặt trận liên
hiệp việc viên tiếp tục tăng cường nâng chất lượng thi đến giờ phút sáng chiều tối hàng tuần
""".split())


@lru_cache(maxsize=1 << 16)
def _word_value(word: str) -> tuple[int, int, int]:
    """(good, bad, common) of one word."""
    # ASCII words read the same under every encoding; a lone character (a symbol, or a one-letter
    # word like "ở") proves nothing: "°" and "×" decode to the valid syllables "ồ" and "ì"
    if word.isascii() or len(word) == 1:
        return 0, 0, 0
    low = word.lower()
    cls = _word_class(low)
    return int(cls == 1), int(cls == -1), int(cls == 1 and low in _FREQUENT)


def _score(text: str) -> _Score:
    good = bad = common = 0
    for g, b, c in map(_word_value, _WORD.findall(text)):
        good += g
        bad += b
        common += c
    return _Score(good, bad, common)


# --- detection ----------------------------------------------------------------------------------

# Characters that correct Vietnamese, English, numbers and common symbols rarely contain, but
# legacy surfaces often do: any one of them sends a cell to the slow path.
_VIETNAMESE_LATIN1 = set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝăĂđĐơƠưƯ")
_COMMON = set("“”‘’‚„–—…•†‡‰‹›€™\u00a0\u0300\u0301\u0303\u0309\u0323")
_MARKERS = frozenset(ch for ch in _SURFACE_BYTE if ch not in _VIETNAMESE_LATIN1 and ch not in _COMMON)
# A tone mark can only follow a vowel (or its circumflex, breve, horn). After anything else it is a
# TCVN3/VNI byte read through cp1258 (0xCC 0xD2 0xDE 0xEC 0xF2 are combining marks there): "Sè" -> "S̀".
_MISPLACED_MARK = re.compile(
    "(?<![aăâeêioôơuưyAĂÂEÊIOÔƠUƯY\u0302\u0306\u031b])[\u0300\u0301\u0303\u0309\u0323]"
)
# VNI written only with marks that are also Vietnamese letters ("Yeâu caàu", "Soá"): a vowel followed by
# a circumflex/tone byte in a way Unicode Vietnamese never spells (it does spell "hoà", "quân", "thuê")
_VNI_PAIR = "(?<=[aeyAEY])[àáâãèéêùúõÀÁÂÃÈÉÊÙÚÕ]|(?<=[oO])[âÂ]|(?<=[uU])[ùúÙÚ]"
# TCVN3 written only with such letters: a capital after a small letter inside a word ("kiÓm" kiểm)
_TCVN3_CASE = re.compile("(?<=[a-z])[ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ]")
# all of it in one scan that only stops at characters a legacy surface can hold
_SUSPECT = re.compile(
    "(?=[\x80-\xff" + "".join(c for c in sorted(_MARKERS) if ord(c) > 0xFF) + "])(?:["
    + re.escape("".join(sorted(_MARKERS))) + "]|" + _VNI_PAIR + "|" + _TCVN3_CASE.pattern + ")"
)
# precomposed letters no legacy surface produces: the text is already Unicode Vietnamese
_UNICODE_VIETNAMESE = re.compile("[\u1ea0-\u1ef9ĩĨũŨ]")


def _suspect(text: str) -> bool:
    """Fast test: could this text be mojibake at all? (False for ASCII and clean Unicode.)"""
    if text.isascii():
        return False
    if _SUSPECT.search(text):
        return True
    return not unicodedata.is_normalized("NFC", text) and _MISPLACED_MARK.search(text) is not None


def _candidates(text: str) -> list[tuple[str, str]]:
    unchanged = _nfc(text)
    out = [("tcvn3", decode_tcvn3(text)), ("vni", decode_vni(text)), ("viscii", decode_viscii(text))]
    return [(enc, dec) for enc, dec in out if dec != unchanged]


def _best(text: str) -> tuple[str, str] | None:
    """The decoding that reads clearly better than the text as it is, or None."""
    original = _score(_nfc(text.replace("\u00ad", "")))
    if original.good > original.bad:
        return None  # already reads as Vietnamese: the odd symbol ("°", "§", "«»") is a symbol
    best, best_key = None, (1, 0)  # a gain of 2 words at least
    for enc, decoded in _candidates(text):
        score = _score(decoded)
        key = (score.net - original.net, score.common)
        # the result must read as Vietnamese, and a single word needs two mojibake characters
        if key > best_key and score.bad * 3 <= score.good and (score.good >= 2 or _markers_in_words(text) >= 2):
            best, best_key = (enc, decoded), key
    return best


def _markers_in_words(text: str) -> int:
    """Mojibake characters inside words that have ASCII letters ("§oµn": 2; "5 µm", "½ cup": 1, 0)."""
    count = 0
    for word in _WORD.findall(text):
        if len(word) > 1 and any(c.isascii() for c in word):
            count += sum(c in _MARKERS for c in word) + 2 * len(_MISPLACED_MARK.findall(word))
            count += len(_TCVN3_CASE.findall(word))
    return count


_DETECT_CHARS = 50_000  # a whole document's worth of evidence; the rest adds time, not certainty


def detect(text: str) -> str | None:
    """'tcvn3' | 'vni' | 'viscii' when the text reads clearly better decoded that way, else None.

    Works on a cell or on a whole document: a document is the stronger test (a lone "Sè:" reads as
    Latin text), so a reader without font names should detect once and pass the result as the hint.
    """
    text = text[:_DETECT_CHARS]
    if not _suspect(text):
        return None
    best = _best(text)
    return best[0] if best else None


# --- fonts and hints ----------------------------------------------------------------------------

_SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")  # PDF subset fonts: "ABCDEF+.VnTime"
_STYLE = re.compile(r"(?:[ ,-]+(?:bold|italic|oblique|regular|normal|bolditalic))+$", re.IGNORECASE)
_ENCODING_NAMES = {
    "tcvn3": "tcvn3", "tcvn": "tcvn3", "tcvn5712": "tcvn3", "abc": "tcvn3", "vn3": "tcvn3",
    "vni": "vni", "vni-windows": "vni", "viscii": "viscii",
    "cp1258": "cp1258", "windows-1258": "cp1258", "win1258": "cp1258",
}


def font_encoding(font_name: str) -> tuple[str | None, bool]:
    """Encoding a font name implies and whether it is a capitals font: ('tcvn3', True) for '.VnTimeH'.

    Naming conventions: ABC/TCVN3 fonts start with ".Vn" (".VnTime", capitals ".VnTimeH"), VNI fonts
    with "VNI" ("VNI-Times", "VNI-Helve"), VISCII fonts with "VI " ("VI Times", capitals "VI Times H").
    An encoding name ('tcvn3', 'vni', 'viscii', 'cp1258') is accepted too.
    """
    name = _STYLE.sub("", _SUBSET_TAG.sub("", (font_name or "").strip()))
    low = name.lower()
    if low in _ENCODING_NAMES:
        return _ENCODING_NAMES[low], False
    capitals = name.endswith("H") or low.endswith(" hoa")
    if low.startswith(".vn"):
        return "tcvn3", capitals
    if low.startswith("vni"):
        return "vni", False
    if low.startswith("vi ") or "viscii" in low:
        return "viscii", capitals
    return None, False


def _nfc_only(text: str) -> tuple[str, str | None]:
    if unicodedata.is_normalized("NFC", text):
        return text, None
    return _nfc(text), "nfc"


def _decode_hinted(text: str, encoding: str, capitals: bool) -> tuple[str, str | None]:
    """A legacy font says how to read the run; still refuse when that makes the text read worse."""
    if encoding == "tcvn3":
        decoded = decode_tcvn3(text, uppercase=capitals)
    elif encoding == "viscii":
        decoded = decode_viscii(text, uppercase=capitals)
    else:
        decoded = decode_vni(text)
    if decoded == _nfc(text):
        return _nfc_only(text)
    original, score = _score(_nfc(text.replace("\u00ad", ""))), _score(decoded)
    # Unicode-only letters mean the run was retyped in Unicode under the old font name
    needed = 1 if _UNICODE_VIETNAMESE.search(text) else 0
    if score.net - original.net >= needed or (text.isascii() and capitals):
        return decoded, encoding
    return _nfc_only(text)


def repair(text: str, hint: str | None = None) -> tuple[str, str | None]:
    """Return (fixed text, name of the repair or None).

    hint: a font name from a .doc/.docx run ('.VnTime', '.VnTimeH', 'VNI-Times', ...) or an encoding
    name ('tcvn3', 'vni', 'viscii', 'cp1258'); None = detect from the text itself. The repair is
    'tcvn3', 'vni' or 'viscii' for a legacy decoding, 'nfc' when only the Unicode form changed.
    """
    if hint:
        encoding, capitals = font_encoding(hint)
        if encoding in ENCODINGS:
            return _decode_hinted(text, encoding, capitals)
    if not _suspect(text):
        return _nfc_only(text)
    best = _best(text)
    if best is None:
        return _nfc_only(text)
    return best[1], best[0]
