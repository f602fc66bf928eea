"""Undo flattened two-column layouts.

Text exports, plain `pdftotext` and OCR often join the two columns of an administrative header or
footer into one line: "UBND TỈNH LÂM ĐỒNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 312/TB-SNV Lâm
Đồng, ngày 05 tháng 4 năm 2022", "- Giám đốc, các PGĐ Sở; PHÓ GIÁM ĐỐC". The right column starts with
words of a known kind (the motto, a place before ", ngày", an authority "KT.", a position in
capitals), so such a line can be cut back into a left and a right cell. Only lines that came as one
cell are cut, and only in the header zone and around "Nơi nhận".
"""

from __future__ import annotations

import re

from pipeline.document import RawCell
from pipeline.read.normalise import fold

# where the right column's motto starts inside a joined line (matched on the folded text, whose
# offsets are the same: fold() keeps one character per character)
_MOTTO = re.compile(
    r"\s(?=cong\s+hoa\s+xa\s+hoi|doc\s+lap\s*[-–]|doan\s+tncs\s+(?:ho|hcm)|doan\s+thanh\s+nien\s+cong\s+san\s+(?:ho|hcm)"
    r"|dang\s+cong\s+san\s+viet\s+nam|hoi\s+lien\s+hiep\s+thanh\s+nien\s+viet\s+nam)", re.I)
_DATE_TAIL = re.compile(r",\s*ng[àa]y\b")
_AUTHORITY = re.compile(r"(?<=\S)\s+(?=(?:TM|KT|TL|TUQ|Q|T/M|K/T|T/L)\s?[./]?\s?[A-ZĐ])")
_UPPER_TAIL = re.compile(r"[;,.]\s+(?P<tail>[A-ZĐÀ-Ỹ]{2,}(?:\s+[A-ZĐÀ-Ỹ]{2,}\.?)+)$")
_TYPE_LINE = re.compile(r"^(?:KẾ HOẠCH|THÔNG BÁO|QUYẾT ĐỊNH|BÁO CÁO|HƯỚNG DẪN|GIẤY MỜI|TỜ TRÌNH|CHƯƠNG TRÌNH|"
                        r"CÔNG VĂN|NGHỊ QUYẾT|CHỈ THỊ|BIÊN BẢN|QUY CHẾ|QUY ĐỊNH|PHƯƠNG ÁN|ĐỀ ÁN)\b")
_NOI_NHAN = re.compile(r"^N[ơo]i\s+nh[ậa]n", re.I)


def _split(cell: RawCell, at: int) -> list[RawCell]:
    left, right = cell.text[:at].strip(), cell.text[at:].strip()
    if not left or not right:
        return [cell]
    return [RawCell(left, 0.0, 0.45), RawCell(right, 0.5, 1.0)]


def _place_start(text: str, comma: int) -> int | None:
    """Where the place name before ", ngày" starts: the run of title-case words (and numbers of
    "Quận 11") right before the comma, after the left column's capitals or number."""
    words = list(re.finditer(r"\S+", text[:comma]))
    start = None
    for m in reversed(words):
        w = m.group(0).lstrip("_*")  # markdown emphasis opening the line is not a word of the left column
        title = w[:1].isupper() and any(c.islower() for c in w) and "/" not in w and not w.endswith(":")
        # a number belongs to the place only as its last word ("Quận 11")
        if title or (w.isdigit() and start is None):
            start = m.start()
            continue
        break
    return start if start else None


def split_header_line(cell: RawCell) -> list[RawCell]:
    text = cell.text
    m = _MOTTO.search(fold(text))
    if m and m.start() > 0:
        return _split(cell, m.start())
    d = _DATE_TAIL.search(text)
    if d:
        at = _place_start(text, d.start())
        if at:
            return _split(cell, at)
    return [cell]


def split_footer_line(cell: RawCell) -> list[RawCell]:
    text = cell.text
    m = _AUTHORITY.search(text)
    if m and m.start() > 0 and (text.startswith(("-", "+", "•")) or _NOI_NHAN.match(text)):
        return _split(cell, m.end())
    m = _UPPER_TAIL.search(text)
    if m and text.startswith(("-", "+", "•")):
        return _split(cell, m.start("tail"))
    if _NOI_NHAN.match(text):
        rest = re.sub(r"^N[ơo]i\s+nh[ậa]n\s*:?\s*", "", text, flags=re.I)
        if rest and rest.isupper():
            return _split(cell, len(text) - len(rest))
    return [cell]


def unflatten(pages: list[list[list[RawCell]]]) -> None:
    """Cut flattened header and footer lines in place (pages of lines of normalised cells)."""
    if not pages:
        return
    first = pages[0]
    seen = 0
    for i, cells in enumerate(first):
        if not cells:
            continue
        seen += 1
        if seen > 12 or (len(cells) == 1 and _TYPE_LINE.match(cells[0].text)):
            break
        if len(cells) == 1:
            first[i] = split_header_line(cells[0])
    for page in pages:
        for i, cells in enumerate(page):
            if len(cells) == 1 and _NOI_NHAN.match(cells[0].text):
                for j in range(i, min(len(page), i + 14)):
                    if len(page[j]) == 1:
                        page[j] = split_footer_line(page[j][0])
                return
