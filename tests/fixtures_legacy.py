"""An independent TCVN3 encoder for building legacy-font test input (shared by the reader tests)."""

import unicodedata

# An independent TCVN3 (ABC, TCVN 5712:1993 VN3) encoder for test input: the base letters and each
# vowel's five toned forms (grave, hook, tilde, acute, dot below). TCVN3 has no toned capitals: a
# ".VnTimeH" (capitals) font draws the small codes as capitals, so capitals encode as small letters.
_TCVN3_BASE = dict(zip("ĂÂÊÔƠƯĐăâêôơưđ", range(0xA1, 0xAF), strict=True))
_TCVN3_TONED = {
    "a": (0xB5, 0xB6, 0xB7, 0xB8, 0xB9), "ă": (0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
    "â": (0xC7, 0xC8, 0xC9, 0xCA, 0xCB), "e": (0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
    "ê": (0xD2, 0xD3, 0xD4, 0xD5, 0xD6), "i": (0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
    "o": (0xDF, 0xE1, 0xE2, 0xE3, 0xE4), "ô": (0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
    "ơ": (0xEA, 0xEB, 0xEC, 0xED, 0xEE), "u": (0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
    "ư": (0xF5, 0xF6, 0xF7, 0xF8, 0xF9), "y": (0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
}
_TONES = "\u0300\u0309\u0303\u0301\u0323"


def tcvn3(text: str) -> str:
    """Unicode Vietnamese -> the Latin-1 characters a TCVN3 font file holds ("Kế" -> "KÕ")."""
    out = []
    for ch in text:
        decomposed = unicodedata.normalize("NFD", ch)
        tone = next((m for m in decomposed if m in _TONES), None)
        base = unicodedata.normalize("NFC", decomposed.replace(tone, "")) if tone else ch
        if tone:
            out.append(chr(_TCVN3_TONED[base.lower()][_TONES.index(tone)]))
        elif base in _TCVN3_BASE:
            out.append(chr(_TCVN3_BASE[base]))
        else:
            out.append(base)
    return "".join(out)
