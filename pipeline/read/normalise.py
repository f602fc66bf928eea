"""Text normalisation shared by every reader: one Unicode form, legacy fonts repaired."""

from __future__ import annotations

import re
import unicodedata

# "**Số hiệu:**", and "**ỦY BAN NHÂN DÂN **" as web exports leave a space before the closing marks
_EMPHASIS = re.compile(r"(\*{1,3}|_{2})(?=\S)(.+?)(?<=\S)(\s*)\1(?!\*)")
_BOLD_MARK = re.compile(r"\*\*+|__+(?=\S)|(?<=\S)__+")
_SPACES = re.compile(r"[ \u00a0\u2002-\u200a\u202f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\ufeff\u00ad]")
# bullets Word draws from the Symbol and Wingdings fonts land in the private-use area (U+F0B7 "",
# U+F0A7, U+F0D8, U+F076, U+F0FC ...): at the start of a cell they are list bullets
_PUA_BULLET = re.compile(r"^[\uf020-\uf0ff•●▪■◦►➢]\s*")


def normalise_cell(text: str, legacy_hint: str | None = None) -> tuple[str, str | None]:
    """Normalise one cell of text; returns (text, name of the legacy repair applied or None)."""
    repair = None
    try:
        from pipeline.read import legacy
    except ImportError:  # pragma: no cover - the module ships with the package
        legacy = None
    if legacy is not None:
        text, repair = legacy.repair(text, hint=legacy_hint)
    text = unicodedata.normalize("NFC", text)
    text = _ZERO_WIDTH.sub("", text)
    text = _EMPHASIS.sub(r"\2\3", text)  # (a space inside the closing mark stays: "ủy: **Ban" -> "ủy: Ban")
    text = _BOLD_MARK.sub("", text)  # bold markers left open across lines in markdown exports
    text = _SPACES.sub(" ", text).strip()
    text = _PUA_BULLET.sub("- ", text)
    text = _MD_HEADING.sub("", text)  # "## III. TỔ CHỨC THỰC HIỆN": the heading, without its markup
    text = _WHOLE_ITALIC.sub(r"\1", text)  # "_Hà Nội, ngày ... tháng 8 năm 2026_": markdown italics
    return text, repair


_MD_HEADING = re.compile(r"^#{1,6}\s+(?=\S)")
_WHOLE_ITALIC = re.compile(r"^_(?=[^\s_])(.*[^\s_])_$")


_TONE_PLACEMENT = {
    "òa": "oà", "óa": "oá", "ỏa": "oả", "õa": "oã", "ọa": "oạ",
    "òe": "oè", "óe": "oé", "ỏe": "oẻ", "õe": "oẽ", "ọe": "oẹ",
    "ùy": "uỳ", "úy": "uý", "ủy": "uỷ", "ũy": "uỹ", "ụy": "uỵ",
}
_TONE_RE = re.compile("|".join(_TONE_PLACEMENT), re.IGNORECASE)


def one_tone_placement(text: str) -> str:
    """Put tone marks of oa/oe/uy in one (old-style) place, so "hòa" and "hoà" compare equal."""

    def swap(m: re.Match[str]) -> str:
        s = m.group(0)
        out = _TONE_PLACEMENT[s.lower()]
        return out.upper() if s.isupper() else (out[0].upper() + out[1:] if s[0].isupper() else out)

    return _TONE_RE.sub(swap, unicodedata.normalize("NFC", text))


class _FoldTable(dict):
    """str.translate table: each Latin character's fold, computed on first sight."""

    def __missing__(self, code: int) -> str:
        value = _fold_slow(chr(code))
        self[code] = value
        return value


_FOLD_TABLE = _FoldTable()
# Characters whose fold does not depend on their neighbours (no combining mark, no Hangul jamo
# among them): Latin, Greek and Cyrillic letters, digits, punctuation, precomposed Vietnamese
# letters, symbols, dingbats, box drawing, private-use bullets. A combining mark (decomposed
# text) or another script takes the whole-string path.
_NOT_LATIN = re.compile(r"[^\x00-\u024f\u0370-\u0482\u1e00-\u1fff\u2000-\u20cf\u2100-\u2bff\ue000-\uf8ff]")


def fold(text: str) -> str:
    """Accent-free, lower-case form for search and matching: marks stripped, đ→d."""
    if not _NOT_LATIN.search(text):  # the same result character by character, ten times faster
        return text.translate(_FOLD_TABLE)
    return _fold_slow(text)


def _fold_slow(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", text).casefold()
