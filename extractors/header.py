"""Header fields fixed by Decree 30/2020/NĐ-CP: type, number, issuer (and its parent body),
place and date of issue, and the summary line (trích yếu).

The header of an administrative document has two columns: on the left the issuing body (its parent
above it) and "Số: 23/KH-..."; on the right the national motto (or "ĐOÀN TNCS HỒ CHÍ MINH" /
"ĐẢNG CỘNG SẢN VIỆT NAM") and "<place>, ngày .. tháng .. năm ....". Under both stand the type word
(KẾ HOẠCH, THÔNG BÁO ...) and the summary; a công văn has no type word but a "V/v ..." line under the
number. Text exports lose the columns, so every line is classified by what it says; where the reader
kept the columns (layout text, PDF, DOCX), cells are classified one by one.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from extractors.header_words import restore_marks
from extractors.labels import label_of
from extractors.orgs import ORG_HEAD, is_org_start
from extractors.types import Found, found, on_scan
from pipeline.document import Cell, Document, Line
from pipeline.read.normalise import fold

# Decree 30, Điều 7 and Phụ lục III; the Youth Union and Party use the same words
DOC_TYPES = [
    "KẾ HOẠCH", "BÁO CÁO", "THÔNG BÁO", "QUYẾT ĐỊNH", "HƯỚNG DẪN", "GIẤY MỜI", "CÔNG VĂN", "TỜ TRÌNH",
    "CHƯƠNG TRÌNH", "QUY CHẾ", "QUY ĐỊNH", "NGHỊ QUYẾT", "CHỈ THỊ", "BIÊN BẢN", "PHƯƠNG ÁN", "ĐỀ ÁN",
    "DỰ ÁN", "THÔNG CÁO", "CÔNG ĐIỆN", "GIẤY GIỚI THIỆU", "GIẤY ỦY QUYỀN", "GIẤY UỶ QUYỀN",
    "GIẤY NGHỈ PHÉP", "HỢP ĐỒNG", "BẢN GHI NHỚ", "BẢN THỎA THUẬN", "BẢN THOẢ THUẬN", "PHIẾU GỬI",
    "PHIẾU CHUYỂN", "PHIẾU BÁO", "THƯ CÔNG", "ĐIỀU LỆ", "LỊCH CÔNG TÁC", "LỊCH TRỰC", "THƯ MỜI",
    "LỊCH THI", "LỊCH THI ĐẤU", "LỊCH LÀM VIỆC", "LỊCH TIẾP CÔNG DÂN",
    "NGHỊ ĐỊNH", "THÔNG TƯ", "KẾT LUẬN", "TRIỆU TẬP", "GIẤY TRIỆU TẬP", "TỜ TRÌNH", "ĐỀ CƯƠNG",
    "PHIẾU TRÌNH", "PHIẾU TRÌNH GIẢI QUYẾT CÔNG VIỆC",
    "KẾ HOẠCH LIÊN TỊCH", "THÔNG TRI", "CHỈ THỊ", "HƯỚNG DẪN LIÊN TỊCH", "THÔNG BÁO KẾT LUẬN",
]
# matched on the folded text so OCR's wrong marks ("THÔNG BẢO") still find the type word
_TYPE_BY_FOLD = {fold(t): t for t in DOC_TYPES}
_TYPE_RE = re.compile(
    r"^(?P<type>" + "|".join(sorted({re.escape(t) for t in _TYPE_BY_FOLD}, key=len, reverse=True))
    + r")(?=$|[\s:.,])(?P<rest>.*)$"
)
# two kinds on one type line: "KẾ HOẠCH, NHIỆM VỤ" (the plan and the brief it sets), the summary under it
_JOINED_TYPE = re.compile(r"^\s*,\s*(?P<second>[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ ]{2,24}?)\s*$")

# matched on the folded text (marks stripped, đ->d), so "CỘNG HÕA" from a font quirk or OCR still counts
MOTTO_PATTERNS = [
    re.compile(r"^cong\s+hoa\s+xa\s+hoi"),
    re.compile(r"^doc\s+lap\s*[-–—]"),
    # the motto's second half when an export wrapped it ("CỘNG HÒA XÃ HỘI" / "CHỦ NGHĨA VIỆT NAM")
    re.compile(r"^(?:xa\s+hoi\s+)?chu\s+nghia\s+viet\s+nam\s*$"),
    re.compile(r"^doan\s+tncs\s+(?:ho\s+chi\s+minh|hcm)\s*$"),
    re.compile(r"^doan\s+thanh\s+nien\s+cong\s+san\s+(?:ho\s+chi\s+minh|hcm)\s*$"),
    re.compile(r"^dang\s+cong\s+san\s+viet\s+nam\s*$"),
    re.compile(r"^hoi\s+lien\s+hiep\s+thanh\s+nien\s+viet\s+nam\s*$"),
    re.compile(r"^[-–—_=*~.·•\s]+$"),  # the rule lines under the header
]

# "Số: 23/KH-UBND", "Số 39-BC/ĐTN", "Số: 507 /UBND-KGVX"; the symbol may be missing its digits when
# they were handwritten or stamped in a signature widget
# OCR and old fonts also give "Sô:", "So:", "S6:", "Sá:": accepted with a colon only
_NUMBER_RE = re.compile(
    r"\b(?:S[ốô]\s*(?::|\.|(?=\s*\d)|(?=\s+/))|S[oóòồổỗ6áâấ]\s*:)\s*(?P<value>[^\s\t].*?)\s*(?:\t|$| {2,})")
# number, then the symbol: "23/KH-UBND", "39-BC/ĐTN", a legal text's year "09/2010/QĐ-UBND", "&" in a unit
# ("04/TB-KT&ĐBCL")
_NUMBER_VALUE_RE = re.compile(
    r"^(?P<num>[0-9]{0,6}[a-zA-Z]?)\s*(?P<sep>[/\-–.]?)\s*"
    r"(?P<sym>(?:(?:19|20)\d{2}\s*/\s*)?[A-ZĐa-zđ][\wĐđ&]*(?:\s*[/\-–.&]\s*[\wĐđ&]+|,[A-ZĐ][\wĐđ&]*)*)?"
)
_DATE_LINE_RE = re.compile(
    r"(?:^|(?<=\s))(?P<place>[^\t,]{0,60}?)\s*,?\s*ng[àa]y\s*(?:[.…_]{2,}\s*)?(?P<d>[0-9]{1,2})?\s*(?:th[áa]ng|/|-)\s*"
    r"(?P<m>[0-9]{1,2})\s*(?:n[ăa]m|/|-)\s*(?P<y>(?:19|20)[0-9]{2})",
    re.I,
)
# (in brackets too: "(V/v quản lý hoạt động ...)" under the number)
_VV_RE = re.compile(r"^(?P<open>\(\s*(?=V/v|V/V|Về việc))?(?:V/v|V/V|v/v|Về việc|V\.v|V/y|V/w|[⁄/]w|Vv(?=\s))"
                    r"\s*[:.]?\s*(?P<rest>.*?)(?(open)\)?\s*|)$")
_BODY_START = re.compile(
    r"^(?:Căn cứ|Thực hiện|Nhằm|Để|Theo|Trên cơ sở|Kính gửi|Ngày|Hôm nay|Vào lúc|Được sự|Qua|Sau khi|"
    r"Xét|Nay|Với|Trong|Thực hiện)\b"
)
# "<body> xây dựng kế hoạch": the words may be split by a line break in PDFs and layout text
_BODY_VERBS = re.compile(
    r"\s(?:xây dựng|ban hành|lập|triển khai|thông báo|hướng dẫn|báo cáo|tổ chức|đề ra)\s+"
    r"(?:[Kk]ế hoạch|[Tt]hông báo|[Hh]ướng dẫn|[Bb]áo cáo|[Cc]hương trình|[Qq]uyết định)".replace(" ", r"\s+")
)


# who decides, in capitals under a decision's summary ("GIÁM ĐỐC SỞ ...", "HỘI ĐỒNG QUẢN TRỊ ...")
_DECIDING_WORDS = ("CHỦ TỊCH", "GIÁM ĐỐC", "BỘ TRƯỞNG", "THỦ TRƯỞNG", "HIỆU TRƯỞNG", "TRƯỞNG BAN", "TRƯỞNG PHÒNG",
                   "CỤC TRƯỞNG", "TỔNG CỤC TRƯỞNG", "VIỆN TRƯỞNG", "CHÁNH VĂN PHÒNG", "THỦ TƯỚNG", "BAN THƯỜNG VỤ",
                   "BAN CHẤP HÀNH", "BAN CHỈ ĐẠO", "ỦY BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN", "HỘI ĐỒNG", "BAN GIÁM HIỆU")
_DECIDING_AUTHORITY = re.compile(r"^(?:" + "|".join(_DECIDING_WORDS) + r")\b")
_DECIDING_FOLDED = re.compile(r"^(?:" + "|".join(sorted({fold(w) for w in _DECIDING_WORDS})) + r")\b")


def _deciding_authority(text: str) -> bool:
    """"HỘI ĐỒNG QUẢN TRỊ CÔNG TY ...", "CHỦ TỊCH ỦY BAN NHÂN DÂN ..." in capitals (matched folded, as OCR
    changes their marks)."""
    return is_upper_text(text) and bool(_DECIDING_FOLDED.match(fold(text.strip()).lower()))


def _grounds_follow(doc: Document, j: int) -> bool:
    """Whether the first written line after line ``j`` opens the text's grounds ("Căn cứ ...")."""
    nxt = next((ln for ln in doc.lines[j + 1:j + 4] if not ln.blank), None)
    return nxt is not None and bool(re.match(r"^[\W_]*Căn\s+cứ\b", nxt.text.strip(), re.I))


_NOT_A_NAME = re.compile(r"\d{1,2}/\d{1,2}|\b(?:số|ngày|của|về|theo|tại|đã|và các)\b")


@dataclass
class Header:
    doc_type: Found[str] | None = None
    number: Found[str] | None = None
    issuer: Found[str] | None = None
    issuer_parent: Found[str] | None = None
    issue_place: Found[str] | None = None
    issue_date: Found[str] | None = None
    title: Found[str] | None = None
    type_line: int | None = None  # index of the line holding the type word (or the V/v line)
    body_start: int = 0  # index of the first body line


def is_motto(text: str) -> bool:
    """The national motto or a Party/Youth Union heading line; the last three only in capitals
    (in running text "Đoàn TNCS Hồ Chí Minh" is a name, not the header's motto)."""
    t = text.strip()
    folded = fold(t)
    for i, p in enumerate(MOTTO_PATTERNS):
        if p.search(folded) and (i < 2 or i == len(MOTTO_PATTERNS) - 1 or is_upper_text(t)):
            return True
    return False


def is_upper_text(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


@dataclass(frozen=True)
class TypeHit:
    type_word: str  # the canonical spelling ("THÔNG BÁO" for an OCR'd "THÔNG BẢO")
    type_end: int  # offsets within the cell's text
    rest: str
    rest_start: int


def header_start(doc: Document, limit: int = 250) -> int:
    """Index of the line where the document itself begins. A page saved from a legal portal opens
    with the site's own lines ("Số hiệu:", "Loại văn bản:", "Tình trạng:" ...); the document starts
    with the issuer's block beside the national motto (Decree 30), so when the motto comes late the
    header is read from the capitals just above it."""
    lines = doc.lines[:limit]
    for i, ln in enumerate(lines):
        cells = [fold(c.text.strip()) for c in ln.cells]
        nxt = fold(lines[i + 1].text.strip()) if i + 1 < len(lines) else ""
        wrapped = cells[-1:] == ["cong"] and nxt.startswith("hoa xa hoi")
        if not (any(MOTTO_PATTERNS[0].search(c) for c in cells) or wrapped):
            continue
        if i <= 12:
            return 0
        start, j = i, i - 1
        while j >= 0 and i - j <= 10:
            t = doc.lines[j].text.strip()
            if t and not (is_upper_text(t) or re.fullmatch(r"[|\-–—_=*~.\s]+", t)):
                break
            if t and is_upper_text(t):
                start = j
            j -= 1
        return start
    return 0


def find_type_line(doc: Document, limit: int = 60, start: int = 0) -> tuple[Line, Cell, TypeHit] | None:
    """The first line whose cell starts with a type word in capitals, near the top."""
    for ln in doc.lines[start:start + limit]:
        for cell in ln.cells:
            text = cell.text.strip()
            if on_scan(doc, cell.start):
                text = text.lstrip("\"'“”‘’`,.·_|")  # a speck read as a quote before the type word: "\"THÔNG BÁO"
            m = _TYPE_RE.match(fold(text))
            if not m or not is_upper_text(text[: m.end("type")]):
                continue
            # fold() keeps lengths, so the match's offsets hold for the original text
            lead = cell.text.find(text)
            hit = TypeHit(_TYPE_BY_FOLD[m.group("type")], lead + m.end("type"), text[m.start("rest"):],
                          lead + m.start("rest"))
            joined = _JOINED_TYPE.match(hit.rest)
            if joined and len(joined.group("second").split()) <= 3:
                hit = TypeHit(f"{hit.type_word}, {joined.group('second').strip()}", lead + len(text.rstrip()), "",
                              lead + len(text.rstrip()))
            elif hit.rest.lstrip().startswith(","):
                continue
            rest = hit.rest.strip(" :.")  # "THÔNG BÁO." (a stray full stop after the type word)
            # "KẾ HOẠCH" alone, or followed by the summary in capitals; not a body sentence
            if rest and not is_upper_text(rest):
                continue
            return ln, cell, hit
    return None


def _heading_type_line(doc: Document) -> tuple[Line, Cell, TypeHit] | None:
    """A web post or an informal copy opens with "Kế hoạch tổ chức ..." in sentence case: the first
    line that starts with a type word and names the plan, when no line has the type in capitals."""
    seen = 0
    for ln in doc.lines[:15]:
        if ln.blank:
            continue
        seen += 1
        if seen > 3:
            break
        cell = ln.cells[0]
        text = cell.text.strip()
        folded = fold(text)
        for key, word in sorted(_TYPE_BY_FOLD.items(), key=lambda kv: -len(kv[0])):
            if folded.startswith(key + " ") and text[:1].isupper() and len(text) <= 200:
                rest_start = len(key) + 1
                lead = len(cell.text) - len(cell.text.lstrip())
                return ln, cell, TypeHit(word, lead + len(key), text[rest_start:], lead + rest_start)
    return None


# an attachment names the text it goes with: "(Gửi kèm Công văn số: 5240/BCA-V01 ngày 23/11/2025 của ...)"
_ATTACHED_TO = re.compile(r"(?:Gửi\s+kèm|Kèm\s+theo|Ban\s+hành\s+kèm\s+theo)\s+(?:\w+\s+){1,3}?số\s*:?\s*"
                          r"(?P<number>\d{1,5}[/-][\w\-/&.Đđ]+?)\s*,?\s*ngày\s+(?P<date>\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4})",
                          re.I)


def _number_cited_by_attachment(doc: Document, number: Found[str], issue_date: Found[str] | None) -> Found[str] | None:
    """On a scan, the number as the attached text prints it, when the attachment cites a text of the
    same day and symbol ("Số: 522/BCA-V01" read from ink over the stamp, "Gửi kèm Công văn số:
    5240/BCA-V01 ngày 23/11/2025" printed under it): the print is the better reading."""
    if issue_date is None or not isinstance(issue_date.value, str) or len(issue_date.value) != 10:
        return None
    symbol = number.value.partition("/")[2] if number.value else ""
    for m in _ATTACHED_TO.finditer(doc.text):
        cited = re.sub(r"\s+", "", m.group("number"))
        d, mo, y = (int(x) for x in re.split(r"\s*/\s*", m.group("date")))
        if f"{y:04d}-{mo:02d}-{d:02d}" != issue_date.value or not symbol or cited.partition("/")[2] != symbol:
            continue
        if cited != number.value:
            return Found(cited, [doc.span(m.start("number"), m.end("number"))],
                         review="read from the attached text's citation of this document")
    return None


def _capital_line_over_addressee(doc: Document, h: Header) -> Found[str] | None:
    """A text typed by its number's symbol alone ("Số: /GM-UBND") whose summary stands in capitals
    between the header and "Kính gửi" ("MỜI HỌP UBND TỈNH"): that line is its title."""
    spans = [f.spans[0] for f in (h.number, h.issue_date) if f is not None and f.spans]
    if not spans:
        return None
    after = max(doc.line_at(sp.start).index for sp in spans)
    written = [ln for ln in doc.lines[after + 1:after + 6] if not ln.blank][:2]
    if len(written) < 2 or written[0].is_table_row or len(written[0].cells) != 1:
        return None
    text = written[0].text.strip()
    if not is_upper_text(text) or not 2 <= len(text.split()) <= 15 or is_motto(text) \
            or not re.match(r"^\W*K[íi]nh\s+g[ửởữu]i\b", written[1].text.strip(), re.I):
        return None
    a = written[0].start + written[0].text.find(text)
    return found(doc, text, (a, a + len(text)))


# a day heading a weekly schedule's items: "THỨ HAI (11/3)", "Thứ Ba, ngày 12/3/2024", "CHỦ NHẬT 17/3"
_DAY_HEADING = re.compile(r"^(?:THỨ\s+(?:HAI|BA|TƯ|NĂM|SÁU|BẢY|[2-7])|CHỦ\s+NHẬT|Thứ\s+(?:[Hh]ai|[Bb]a|[Tt]ư|[Nn]ăm"
                          r"|[Ss]áu|[Bb]ảy|[2-7])|Chủ\s+nhật)\s*[,(:-]?\s*(?:ngày\s*)?\d{1,2}\s*/\s*\d{1,2}")
# a part's label alone on its line: "Đối tượng", "Thời gian - Địa điểm", "Nội dung:"
_PART_LABEL = re.compile(r"(?:Đối\s+tượng|Thời\s+gian|Địa\s+điểm|Nội\s+dung|Thành\s+phần|Mục\s+đích|Yêu\s+cầu)"
                         r"(?:\s*(?:[,\-–&]|và)\s*(?:Đối\s+tượng|Thời\s+gian|Địa\s+điểm|Nội\s+dung|yêu\s+cầu))*\s*:?",
                         re.I)


_NOI_NHAN_CELL = re.compile(r"^\s*Nơi\s+nhận\s*:", re.I)


def _annex_type_after_letter(doc: Document, s: int, type_index: int) -> bool:
    """A text whose first type word in capitals comes after its own "Nơi nhận" (a công văn, its "V/v"
    line under the number, OCR may garble): that word heads the attached text ("ĐỀ CƯƠNG", "KẾ HOẠCH
    LẤY MẪU ...", "PHỤ LỤC"), not the letter."""
    return any(_NOI_NHAN_CELL.match(c.text) for ln in doc.lines[s:type_index] for c in ln.cells)


def extract_header(doc: Document) -> Header:
    h = Header()
    s = header_start(doc)
    limit = min(60, _next_header(doc, s) - s)
    type_hit = find_type_line(doc, limit=limit, start=s) or (_heading_type_line(doc) if s == 0 else None)
    if type_hit and _annex_type_after_letter(doc, s, type_hit[0].index):
        type_hit = None
    type_index = type_hit[0].index if type_hit else None

    # the header zone: everything above the type word (or the first ~15 lines)
    zone_end = type_index if type_index is not None else min(len(doc.lines), s + 25)
    zone = doc.lines[s:zone_end]

    h.number = _find_number(doc, doc.lines[s: (zone_end + 8)])
    h.issue_place, h.issue_date = _find_place_date(doc, doc.lines[s: (zone_end + 8)])
    if h.number is not None and h.number.spans and on_scan(doc, h.number.spans[0].start):
        h.number = _number_cited_by_attachment(doc, h.number, h.issue_date) or h.number

    vv_index = None
    if type_hit:
        ln, cell, m = type_hit
        h.doc_type = found(doc, m.type_word, (cell.start, cell.start + m.type_end))
        h.type_line = ln.index
        h.title, h.body_start = _title_after(doc, ln, cell, m)
    else:
        vv = _find_vv(doc, doc.lines[s:s + 40])
        if vv:
            vv_index, h.title, h.body_start = vv
            h.doc_type = found(doc, "CÔNG VĂN")
            h.doc_type.spans = []
            h.type_line = vv_index
            zone = doc.lines[s:vv_index]
    if h.title is None and type_hit:
        vv = _find_vv(doc, doc.lines[s: type_hit[0].index + 1])
        if vv:
            h.title = vv[1]

    if h.doc_type is None and h.number is not None:
        h.doc_type = _type_from_symbol(doc, h.number)
        if h.doc_type is not None and h.title is None:
            h.title = _capital_line_over_addressee(doc, h)

    h.issuer_parent, h.issuer = _find_issuer(doc, zone)
    if h.issuer is None:
        h.issuer = _issuer_from_body(doc, h.body_start) or _closing_body(doc, h.body_start)
    if h.number is not None and h.number.value and h.number.spans and on_scan(doc, h.number.spans[0].start):
        h.number.value = _university_symbol(h.number.value, h.issuer, h.issuer_parent)
    return h


def _university_symbol(number: str, *names: Found[str] | None) -> str:
    """A university's symbol abbreviates "Đại học" as "ĐH" ("352/TB-ĐHVH"); on a scan OCR often loses
    the bar of its Đ ("DHVH"). Where the issuer or its parent is an "ĐẠI HỌC", a part of the symbol
    opening with "DH" is given its "Đ" back."""
    if not any(n is not None and n.value and "dai hoc" in fold(n.value).lower() for n in names):
        return number
    head, sep, symbol = number.partition("/")
    return head + sep + re.sub(r"(?:(?<=^)|(?<=[-/]))DH(?=[A-ZĐ])", "ĐH", symbol) if sep else number


def _next_header(doc: Document, start: int) -> int:
    """Index of the line where a second Decree-30 header begins (an annex, a programme or a second
    document in the same file, with its own motto), or the end of the document. The document's own
    type word stands above it: an annex's "CHƯƠNG TRÌNH" is not the type of a giấy mời printed
    without one."""
    own = None
    for ln in doc.lines[start:]:
        if not any(_HEADER_MOTTO.match(fold(c.text.strip())) and is_upper_text(c.text) for c in ln.cells):
            continue
        if own is None:
            own = ln.index
        elif ln.index > own + 3:
            return ln.index
    return len(doc.lines)


_HEADER_MOTTO = re.compile(r"^(?:cong\s+hoa\s+xa\s+hoi|dang\s+cong\s+san\s+viet\s+nam|doan\s+tncs\s+ho\s+chi\s+minh)")

# Phụ lục III of Decree 30: the type's abbreviation in the symbol ("74/GM-UBND"; the Youth Union's and
# the Party's "29-HD/TWĐTN"), for a document printed without its type word
_TYPE_CODES = {
    "KH": "KẾ HOẠCH", "TB": "THÔNG BÁO", "BC": "BÁO CÁO", "QĐ": "QUYẾT ĐỊNH", "HD": "HƯỚNG DẪN",
    "GM": "GIẤY MỜI", "TTR": "TỜ TRÌNH", "CTR": "CHƯƠNG TRÌNH", "QC": "QUY CHẾ", "QYĐ": "QUY ĐỊNH",
    "NQ": "NGHỊ QUYẾT", "CT": "CHỈ THỊ", "BB": "BIÊN BẢN", "PA": "PHƯƠNG ÁN", "ĐA": "ĐỀ ÁN",
    "DA": "DỰ ÁN", "CĐ": "CÔNG ĐIỆN", "GGT": "GIẤY GIỚI THIỆU", "GUQ": "GIẤY ỦY QUYỀN",
    "GNP": "GIẤY NGHỈ PHÉP", "HĐ": "HỢP ĐỒNG", "BGN": "BẢN GHI NHỚ", "BTT": "BẢN THỎA THUẬN",
    "PG": "PHIẾU GỬI", "PC": "PHIẾU CHUYỂN", "PB": "PHIẾU BÁO", "CV": "CÔNG VĂN", "KL": "KẾT LUẬN",
}
_SYMBOL_CODE = re.compile(
    r"^[0-9]*\s*(?:/\s*(?:(?:19|20)\d{2}\s*/\s*)?(?P<state>[A-Za-zĐđ]+)\s*-|-\s*(?P<party>[A-Za-zĐđ]+)\s*/)")


def _type_from_symbol(doc: Document, number: Found[str]) -> Found[str] | None:
    """The type read from the number's symbol when no type word is printed (e.g. a giấy mời whose
    body starts after "Kính gửi"): marked for review, since the type word itself was not seen."""
    if not number.spans:
        return None
    printed = doc.text[number.spans[0].start:number.spans[-1].end]
    m = _SYMBOL_CODE.match(printed.strip())
    if not m:
        return None
    code = (m.group("state") or m.group("party")).upper()
    word = _TYPE_CODES.get(code)
    if word is None:
        return None
    f = found(doc, word, (number.spans[0].start, number.spans[-1].end))
    f.review = f"no type word printed: the type is read from the symbol '{code}' of the number"
    return f


def _find_number(doc: Document, lines: list[Line]) -> Found[str] | None:
    for ln in lines:
        for i, cell in enumerate(ln.cells):
            m = _NUMBER_RE.search(cell.text + "\t")
            if not m and re.search(r"\bS[ốô]\s*:\s*$", cell.text) and i + 1 < len(ln.cells) \
                    and ln.cells[i + 1].text.startswith("/"):
                # "Số:      /UBND-VX": the digits were left blank (handwritten or stamped later)
                cell = ln.cells[i + 1]
                m = re.match(r"(?P<value>.*?)\s*(?:\t|$| {2,})", cell.text + "\t")
            if not m:
                continue
            raw = m.group("value")
            v = _NUMBER_VALUE_RE.match(raw)
            if not v or not (v.group("num") or v.group("sym")):
                continue
            num, sym = v.group("num"), v.group("sym") or ""
            value = re.sub(r"\s+", "", (num + (v.group("sep") or "") + sym) if num else sym)
            value = value.replace("–", "-").rstrip(".-/")
            start = cell.start + m.start("value")
            end = start + len(v.group(0).rstrip())
            if not num or not any(ch.isdigit() for ch in num):
                from_name = number_from_file_name(doc.path, value.lstrip("/"))
                if from_name:
                    f = found(doc, from_name, (start, end))
                    f.review = "number not legible in the text; taken from the file name, which carries the same symbol"
                    return f
                if not num and (not on_scan(doc, start) or _printed_blank(doc, start, "number")):
                    # a draft or an unnumbered copy: the number is printed blank ("Số:    /KH-SCT"),
                    # and the record keeps what is printed (Decree 30 numbers it on issue)
                    f = found(doc, "/" + value.lstrip("/"), (start, end))
                    f.review = "number left blank in the document (a draft or an unnumbered copy)"
                    return f
                f = found(doc, None, (start, end))
                f.review = f"number not legible in the text (symbol '{value}' only): check the original"
                return f  # type: ignore[return-value]
            if on_scan(doc, start) and _FOREIGN_TYPE.match(sym):
                f = found(doc, None, (start, end))
                f.review = f"number not legible in the text (read '{value}'): check the original"
                return f  # type: ignore[return-value]
            return found(doc, value, (start, end))
    return None


# a symbol whose first part (the type's abbreviation: "KH", "TB", "QĐ") holds a letter Vietnamese
# does not write (F, J, W, Z): on a scan, OCR's garble of the number line ("Số: 2/J “€TI-CS" for
# a handwritten "2191/CT-CS"), not a number to give
_FOREIGN_TYPE = re.compile(r"^[/-]?\s*(?:(?:19|20)\d\d\s*/\s*)?[A-ZĐa-zđ]*[FJWZfjwz]")


def _printed_blank(doc: Document, offset: int, slot: str) -> bool:
    """Whether the OCR reader saw the number's or date's ``slot`` printed blank on this scanned page
    (no ink in it: a draft or an unnumbered copy), so that the text printed around it stands as it
    would on a born-digital page; a slot with ink it could not read stays illegible."""
    return slot in doc.pages[doc.page_at(offset) - 1].meta.get("blank_slots", ())


def number_from_file_name(path: str, symbol: str) -> str | None:
    """Archives often name a scan after its number ("2193 tb syt.pdf" for "Số: 2193/TB-SYT"). When
    the printed symbol is legible but the handwritten digits are not, a file name that holds the
    symbol's parts and exactly one plausible number agrees with the document: "2193/TB-SYT"."""
    stem = fold(re.sub(r"\.[A-Za-z0-9]{2,4}$", "", path.replace("\\", "/").rsplit("/", 1)[-1]))
    parts = [fold(p) for p in re.split(r"[-/.\s]+", symbol) if p]
    if not parts or not stem:
        return None
    words = set(re.findall(r"[a-z]+", stem))
    if not all(p in words or p in stem.replace(" ", "") for p in parts):
        return None
    numbers = [n for n in re.findall(r"(?<![0-9])([0-9]{1,5})(?![0-9])", stem) if not (1900 <= int(n) <= 2100)]
    if len(numbers) != 1 or int(numbers[0]) == 0:
        return None
    return f"{numbers[0]}/{symbol}"


# what OCR may add after a scanned date line's year: capitals, letters and marks, no digits, not
# starting as a sentence goes on (a lower-case word, a comma)
_SCAN_TAIL = re.compile(r"^[A-ZĐÀ-Ỹ][^\d,;]{0,30}$")


def _find_place_date(doc: Document, lines: list[Line]) -> tuple[Found[str] | None, Found[str] | None]:
    for ln in lines:
        for i, cell in enumerate(ln.cells):
            if re.search(r"ng[àa]y\s*$", cell.text) and i + 1 < len(ln.cells):
                # "Hà Nội, ngày      tháng 3 năm 2024": the blank day split the line into two cells
                nxt = ln.cells[i + 1]
                cell = Cell(cell.start, nxt.end, doc.text[cell.start:nxt.end].replace("\t", " "), cell.x0, nxt.x1)
            m = _DATE_LINE_RE.search(cell.text)
            # the date line stands alone in its cell: "<place>, ngày .. tháng .. năm ....", on a scan
            # save OCR's garble of a stamp or a margin mark after the year ("... năm 2020 Ni LẺ ca HP"),
            # which a sentence going on ("năm 2020 của ...", "năm 2020, ...") is not
            tail = cell.text[m.end():].strip() if m else ""
            if not m or m.start() > 0 or len(cell.text) - m.end() > 3 and not (
                    on_scan(doc, cell.start) and _SCAN_TAIL.match(tail)):
                continue
            # minutes without a date line are dated by their meeting: "- Thời gian: 10 giờ 30 phút ngày 30
            # tháng 03 năm 2026" gives the day, and no place
            meeting = _MEETING_TIME.match(m.group("place"))
            if m.group("place").strip() and not meeting and _clean_place(m.group("place")) is None:
                continue  # a sentence with a date in it, not the date line
            if not m.group("place").strip() and not re.search(r"th[áa]ng", m.group(0), re.I):
                continue  # "ngày 26/12/2021" alone: a date cited in the summary; the date line is in words
            place = None if meeting else _clean_place(m.group("place"))
            place_f = None
            if place:
                p0 = cell.start + m.start("place") + m.group("place").find(place)
                place_f = _typed_place(doc, ln, cell, found(doc, _respelt_place(doc, place, p0), (p0, p0 + len(place))))
            date_f = None
            day, month, year = m.group("d"), int(m.group("m")), int(m.group("y"))
            if day:
                try:
                    value = dt.date(year, month, int(day)).isoformat()
                    date_f = found(doc, value, (cell.start + m.start("d"), cell.start + m.end("y")))
                except ValueError:
                    date_f = None
            elif not on_scan(doc, cell.start) or _printed_blank(doc, cell.start, "day"):
                # "ngày    tháng 4 năm 2026": a draft leaves the day blank; the month is the date known
                date_f = found(doc, f"{year:04d}-{month:02d}", (cell.start + m.start("m"), cell.start + m.end("y")))
                date_f.review = "day of issue left blank in the document (a draft or an undated copy)"
            else:
                date_f = found(doc, None, (cell.start + m.start(), cell.start + m.end()))
                date_f.review = "day of issue not legible in the text (handwritten or stamped)"
            return place_f, date_f
    return _place_of_blank_date_line(doc, lines)


# "Bắc Giang, ngày    tháng    năm 2012": day and month left blank (a draft) or handwritten (a scan)
# (a day may stand before a blank month: "ngày 02 tháng    năm 2012")
_BLANK_DATE_LINE = re.compile(r"^(?P<place>[^\t,]{2,40}?)\s*,\s*ng[àa]y[^\n]{0,12}?th[áa]ng[^\d\n]{0,12}"
                              r"n[ăa]m\s*(?P<y>(?:19|20)\d{2})\s*$", re.I)


def _place_of_blank_date_line(doc: Document, lines: list[Line]) -> tuple[Found[str] | None, Found[str] | None]:
    for ln in lines:
        for cell in ln.cells:
            # blanks wide enough split the line into cells ("Hà Nội, ngày" | "tháng" | "năm 2012")
            split = re.search(r"(?:ng[àa]y|th[áa]ng)\s*$", cell.text) is not None
            rest = doc.text[cell.start:ln.end] if split else cell.text
            m = _BLANK_DATE_LINE.match(rest.replace("\t", " ").rstrip())
            place = _clean_place(m.group("place")) if m else None
            if not m or not place:
                continue
            a = cell.start + m.start("place") + m.group("place").find(place)
            place_f = _typed_place(doc, ln, cell, found(doc, _respelt_place(doc, place, a), (a, a + len(place))))
            y0 = cell.start + m.start("y")
            if on_scan(doc, cell.start) and not _printed_blank(doc, cell.start, "month"):
                date_f = found(doc, None, (y0, y0 + 4))
                date_f.review = "day and month of issue not legible (handwritten or stamped): check the original"
            else:
                date_f = found(doc, m.group("y"), (y0, y0 + 4))
                date_f.review = "day and month of issue left blank in the document (a draft or an undated copy)"
            return place_f, date_f
    return _place_of_garbled_date_line(doc, lines)


# "Bắc Giang, by tháng 3 năm 2012", "Đà Năng, ngàyO(hángQ1 năm 2022": handwriting over the day and month
# garbles their keywords too; the place before the comma and the year still stand
_GARBLED_DATE_LINE = re.compile(
    r"^(?P<place>[^\t,\d]{2,30}?)\s*,\s*\S[^\t,]{0,24}?n[ăa]m\s*(?P<y>(?:19|20)\d{2})\.?\s*$", re.I)


def _place_of_garbled_date_line(doc: Document, lines: list[Line]) -> tuple[Found[str] | None, Found[str] | None]:
    """On a scan, a right-column line "<place>, <garble> năm <year>" whose place is a province or city
    the gazetteer knows (its folded spelling): the place, and the date left for a person."""
    from extractors.gazetteer import unit_names

    for ln in lines:
        for cell in ln.cells:
            m = _GARBLED_DATE_LINE.match(cell.text.strip())
            if not m or not on_scan(doc, cell.start) or cell.column == "left":
                continue
            place = _clean_place(m.group("place"))
            if not place or fold(place) not in {fold(n) for n in unit_names() if n}:
                continue
            a = cell.start + cell.text.find(m.group("place")) + m.group("place").find(place)
            date_f = found(doc, None, (a, a + len(m.group(0))))
            date_f.review = "day and month of issue not legible (handwriting over the printed words): check it"
            return found(doc, _respelt_place(doc, place, a), (a, a + len(place))), date_f
    return None, None


def _typed_place(doc: Document, ln: Line, cell: Cell, place: Found[str]) -> Found[str]:
    """On a scan, the unit's type printed before the place ("Thành phố Hồ Chí Minh, ngày ...") may
    be read as a cell of its own when OCR saw a wide blank after it: it is part of the place."""
    prev = [c for c in ln.cells if c.end <= cell.start]
    if not prev or not on_scan(doc, cell.start) or place.spans[0].start != cell.start \
            or _PLACE_TYPE.match(place.value or ""):
        return place
    head = prev[-1].text.strip()
    if not _PLACE_TYPE.fullmatch(head + " ") or head.endswith("."):
        return place
    return found(doc, f"{head} {place.value}", (prev[-1].start, place.spans[-1].end))


def _respelt_place(doc: Document, place: str, offset: int) -> str:
    """On a scan, a place name OCR misspelt ("Cân Thơ") takes the gazetteer's spelling when it folds
    to exactly one province or city name."""
    if not on_scan(doc, offset):
        return place
    from extractors.gazetteer import unit_names

    # the name after the unit's type as it is printed before it ("TP. Hô Chí Minh", "Thành phố Hô Chí Minh")
    head = _PLACE_TYPE.match(place)
    lead, name = (place[:head.end()], place[head.end():]) if head else ("", place)
    key = fold(name)
    names = {n for n in unit_names() if n and fold(n) == key}
    if not names and len(key.split()) >= 2:
        # a letter OCR got wrong beside the handwritten day ("Ha Nẵng"): a name of two syllables or more
        # one letter away from exactly one province's or centrally-run city's is that one
        names = {n for n in unit_names(("province",)) if n and len(fold(n)) == len(key)
                 and sum(a != b for a, b in zip(fold(n), key, strict=True)) == 1}
    return lead + names.pop() if len(names) == 1 else place


_PLACE_TYPE = re.compile(r"^(?:(?:TP|TX|TT|Q)\.\s*|(?:Thành phố|Tỉnh|Thị xã|Thị trấn|Quận|Huyện)\s+)", re.IGNORECASE)


# the abbreviation a place is written with ("TP. Hồ Chí Minh", "TX. Kiến Tường"): part of the name as printed
_PLACE_PREFIX = re.compile(r"(?:TP|TX|TT)\.?|Q\.")


_MEETING_TIME = re.compile(r"^\s*[-+•]?\s*Thời\s+gian\s*:", re.I)


def _clean_place(place: str) -> str | None:
    place = place.strip(" ,.-–:")
    # OCR and column interleaving can leave header words before the place: keep the trailing name
    words = place.split()
    while words and (is_upper_text(words[0]) and len(words) > 1 and not words[1][:1].isdigit()
                     and not is_upper_text(" ".join(words)) and not _PLACE_PREFIX.fullmatch(words[0])):
        words.pop(0)
    place = " ".join(words)
    if not place or len(place) > 40 or not place[0].isupper() or _BODY_START.match(place):
        return None  # "Căn cứ Luật Viên chức ngày 15/11/2010": a cited law, not the date line
    return place


# "Về lấy ý kiến ...": the summary written with "Về" alone, read so only right under the number line
_VE_RE = re.compile(r"^Về\s+(?P<rest>[^\W\d].*)$")


def _under_number(doc: Document, ln: Line) -> bool:
    """The line follows the "Số: ..." line (blank lines aside): where a công văn's summary stands."""
    for prev in reversed(doc.lines[max(0, ln.index - 3): ln.index]):
        if prev.blank:
            continue
        return any(_NUMBER_RE.search(c.text + "\t") for c in prev.cells)
    return False


def _find_vv(doc: Document, lines: list[Line]) -> tuple[int, Found[str], int] | None:
    """A công văn's summary: the "V/v ..." line and its continuation lines in the left column."""
    for ln in lines:
        for cell in ln.cells:
            m = _VV_RE.match(cell.text) or (_VE_RE.match(cell.text) if _under_number(doc, ln) else None)
            if not m:
                continue
            parts = [(cell.start + m.start("rest"), cell.start + m.end("rest"))]
            j = ln.index + 1
            while j < len(doc.lines):
                nxt = doc.lines[j]
                if nxt.blank or not nxt.cells:
                    break
                c = nxt.cells[0]
                last = doc.text[parts[-1][0]:parts[-1][1]].rstrip()
                if last.endswith(".") and not last.endswith("..") and c.text.lstrip()[:1] in "-–•+":
                    break  # the summary ended with its full stop; the addressees' list follows ("Kính gửi" lost)
                closed = cell.text.lstrip().startswith("(") and last.endswith(")")
                if closed or re.match(r"\s*Kính\s+g[ửởữ]i\b", c.text) \
                        or (_TYPE_RE.match(fold(c.text.strip())) and is_upper_text(c.text.strip())):
                    break  # a bracketed summary closed, the addressee, or the type word under the number
                # a wrapped summary may go on with a cited date ("... Công văn số 8151/BNV-CCHC" /
                # "ngày 18/9/2025 của Bộ Nội vụ"); only "<place>, ngày ..." is the date line
                date_line = _DATE_LINE_RE.search(c.text) and re.match(r"^[^\d,]{2,40},\s*ng", c.text)
                if c.column == "right" or _BODY_START.match(c.text.lstrip("-–•+ ")) or is_motto(c.text) or \
                        date_line or len(parts) >= 6:
                    break
                if on_scan(doc, c.start) and (re.search(r"\bkinh\s+g[uo]i\b", fold(c.text).lower()) or (
                        is_upper_text(c.text) and not is_upper_text(doc.text[parts[0][0]:parts[0][1]])
                        and not _period_line(c.text.strip()))):
                    # a line in capitals under a summary in sentence case (a received stamp, the
                    # addressee's name), or "Kính gửi" after strokes OCR read: the summary has ended
                    break
                parts.append((c.start, c.end))
                j += 1
            value = re.sub(r"(?<!\.)\.$", "", " ".join(doc.text[a:b].strip() for a, b in parts).strip())
            return ln.index, found(doc, value, *parts), j
    return None


def _title_after(doc: Document, ln: Line, cell: Cell, m: TypeHit) -> tuple[Found[str] | None, int]:
    parts: list[tuple[int, int]] = []
    rest = m.rest
    if rest.strip(" :") == ".":
        rest = ""  # "THÔNG BÁO." with the summary on the lines under it
    if rest.strip(" :"):
        off = cell.start + m.rest_start
        stripped = rest.lstrip(" :")
        parts.append((off + len(rest) - len(stripped), cell.end))
    j = ln.index + 1
    # a blank line may separate the type word from the summary
    while not parts and j < len(doc.lines) and doc.lines[j].blank and j < ln.index + 3:
        j += 1
    first_upper: bool | None = is_upper_text(rest) if rest.strip(" :") else None
    while j < len(doc.lines) and len(parts) < 5:
        nxt = doc.lines[j]
        if nxt.blank:
            break
        text = nxt.text.strip()
        if nxt.is_table_row and not ln.is_table_row:
            break  # a ruled table under the summary (a weekly schedule's grid) is the body
        if parts and re.match(r"^\(?\s*(?:Ban\s+hành\s+)?(?:Kèm|Đính\s+kèm)\s+theo\b", text, re.I):
            break  # "(Kèm theo Kế hoạch số 36/KH-THYS ngày ...)": the text an annex belongs to, not its title
        if len(parts) == 1 and rest.strip(" :") and re.match(r"^(?:Về\s+việc|V/[vV])\s", text):
            # "BIÊN BẢN HỌP TỔ CHUYÊN GIA" / "Về việc ...": the meeting's name stands with the type word,
            # the summary is the "Về việc" line under it
            parts = [(nxt.cells[0].start, nxt.cells[-1].end)]
            first_upper = False
            j += 1
            if text.endswith((".", ":")) and not text.endswith("..."):
                break
            continue
        if not parts and re.match(r"^\((?:V/v|V/V|Về việc)\b.*\)$", text):
            # "(V/v Tăng cường giám sát ...)" under a notice's type word: the summary, in parentheses
            a = nxt.cells[0].start + nxt.text.find(text)
            inner = re.match(r"^\((?:V/v|V/V)?\s*(.*?)\)$", text)
            return found(doc, inner.group(1).strip(), (a + inner.start(1), a + inner.end(1))), j + 1
        # "- Căn cứ Nghị định ...": the body's first item under a title that had no blank line after it
        if _BODY_START.match(text.lstrip("-–•+_ ")) or is_motto(text) or _heading_like(text) or label_of(doc, nxt):
            break
        if re.match(r"^Kính\s+g[ửởữ]i\b", text, re.I):
            break  # the addressee under a type word that has no summary of its own
        if parts and _PART_LABEL.fullmatch(text):
            break  # "Đối tượng" heading the body's first part under the summary
        if parts and _DAY_HEADING.match(text):
            break  # a weekly schedule's first day ("THỨ HAI (11/3)") under its summary
        if re.search(r"\bkính\s+mời\b", text, re.I):
            break  # "Ban Chấp hành Đoàn trường trân trọng kính mời: ..." / "... kính mời đồng chí ... đến dự
            # Hội nghị ... vào lúc ...": an invitation's body, not its summary
        if len(text) > (400 if not parts and not on_scan(doc, nxt.start) else 200):
            break  # a body paragraph, not a summary line (a Word paragraph may hold a long summary)
        if parts and _wider_than_title(doc, nxt, parts):
            break  # the body's first line, set from margin to margin under a centred summary
        # PDFs and scans often have no blank line after the summary: a change from sentence case to
        # capitals ("CHỦ TỊCH ỦY BAN NHÂN DÂN ...") or a line that opens the body ("... kính mời:") ends it
        upper = is_upper_text(text)
        if first_upper is not None and upper and not first_upper and not _period_line(text):
            break
        if first_upper and not upper and text.endswith(".") and len(text.split()) >= 10:
            break  # a summary in capitals, then the body's first sentence
        if parts and _DECIDING_AUTHORITY.match(text):
            break  # "GIÁM ĐỐC SỞ ..." under a decision's summary: who decides, not the summary
        if not parts and m.type_word in ("QUYẾT ĐỊNH", "NGHỊ QUYẾT") and _deciding_authority(text) \
                and _grounds_follow(doc, j):
            break  # a resolution without a summary: who resolves, then "Căn cứ ..." (scans: "HỘI ĐÒNG QUẢN TRỊ")
        if text.endswith(":") and parts:
            break
        first_upper = upper if first_upper is None else first_upper
        parts.append((nxt.cells[0].start, nxt.cells[-1].end))
        j += 1
        if text.endswith((".", ":")) and not text.endswith("..."):
            break  # a summary does not run on past a full stop
    if not parts:
        return None, j
    value = re.sub(r"\s+", " ", " ".join(doc.text[a:b] for a, b in parts)).strip(" .:")
    return found(doc, value, *parts), j


def _wider_than_title(doc: Document, ln: Line, parts: list[tuple[int, int]]) -> bool:
    """Where the reader gives positions (PDF, scans), a summary is set centred and narrower than the
    text block: a line much wider than the summary lines above it, and off their centre by a
    paragraph's first-line indent, opens the body."""
    def extent(line: Line) -> tuple[float, float] | None:
        cells = [c for c in line.cells if c.x0 is not None and c.x1 is not None]
        if not cells or len(cells) != len(line.cells):
            return None
        return min(c.x0 for c in cells), max(c.x1 for c in cells)

    if doc.pages[ln.page - 1].source not in ("pdf-text", "ocr"):
        return False  # (a web page's or an export's cells carry no measured positions)
    this = extent(ln)
    above = [extent(doc.line_at(a)) for a, _ in parts]
    if this is None or not above or any(x is None for x in above):
        return False
    width = this[1] - this[0]
    # a centred line grows both ways; an indented paragraph line reaches further to the right margin
    left, right = min(a for a, _ in above) - this[0], this[1] - max(b for _, b in above)
    return width > 0.65 and width > 1.3 * max(b - a for a, b in above) and right > 0.05 and right > 1.3 * left


# the period a summary covers, often set on its own line in capitals under a sentence-case summary:
# "Hoạt động ngoài giờ lên lớp" / "NĂM HỌC 2019 – 2020"; "... Đại hội" / "NHIỆM KỲ 2022 - 2027"
_PERIOD_WORDS = {"NĂM", "HỌC", "NHIỆM", "KỲ", "GIAI", "ĐOẠN", "QUÝ", "THÁNG", "ĐỢT", "KHÓA", "KHOÁ", "LẦN",
                 "THỨ", "TỪ", "ĐẾN", "VỤ", "TUẦN"}


def _period_line(text: str) -> bool:
    words = re.findall(r"[^\s/–\-.,:()]+", text)
    return bool(words) and words[0] in _PERIOD_WORDS and any(ch.isdigit() for ch in text) and all(
        w in _PERIOD_WORDS or re.fullmatch(r"\d+|[IVX]+", w) for w in words)


def _heading_like(text: str) -> bool:
    return bool(re.match(r"^(?:[IVX]+|\d+)\s*[.)]\s", text))


# "Số" in lower case (the issuer's lines are capitals) with marks or a letter glued to it, then a
# symbol ("J3B-ĐTĐH", ")4TB-KT&ĐBCL"): the number line a handwritten number garbled on a scan
_GARBLED_NUMBER_LINE = re.compile(r"^S[ốôóòồổỗộoơáâấ]\S{0,2}\s+\S*[/-]\s*[A-ZĐ]{2,}")


# the lines of a received stamp (Decree 30, Phụ lục IV: the receiving office's name, "ĐẾN Số: ...
# Ngày: ...", "Chuyển: ...", "Số và ký hiệu HS: ...") as OCR reads them, folded; the stamp is printed
# over the top left corner, above or across the issuer's name
_STAMP_LINE = re.compile(r"^(?:den\b|chuye\w{0,2}\s*:|so\s+va\s+k[yi]\s+\w?[il]eu)")
_STAMP_LABEL = re.compile(r"^S\S{0,2}\s+v\S{0,2}\s+k\S{0,2}\s+\S{0,2}[iíl]\S{0,2}u\s*(?:HS|s(?=[A-ZĐ]))?[\s:.…,]*")


def _after_received_stamp(doc: Document, zone: list[Line]) -> list[Cell]:
    """The zone's cells below a received stamp on a scan (all of them when there is none): the
    stamp's lines and the office name above them are the receiver's, not the issuer's; the stamp's
    last label read on one line with the issuer's name ("Số và ký hiệu HS UBND TỈNH ...") gives
    that name back."""
    cells = [c for ln in zone for c in ln.cells]
    last = max((i for i, c in enumerate(cells[:12]) if on_scan(doc, c.start)
                and _STAMP_LINE.match(fold(c.text.strip()))), default=None)
    if last is None:
        return cells
    rest = cells[last + 1:]
    m = _STAMP_LABEL.match(cells[last].text.strip())
    tail = cells[last].text.strip()[m.end():] if m else ""
    if tail and is_upper_text(tail):
        at = cells[last].text.index(tail)
        rest.insert(0, Cell(cells[last].start + at, cells[last].end, tail, cells[last].x0, cells[last].x1))
    else:
        # the label garbled past reading ("Số va lở miêu 1 OUBÑ TỈNH ..."): the name is where "UBND"
        # stands in what follows the stamp's last line, on its own line or on the next
        for k, c in enumerate([cells[last], *rest[:2]]):
            u = _UBND_IN.search(c.text)
            if u and is_upper_text(c.text[u.start():]):
                name = Cell(c.start + u.start(), c.end, c.text[u.start():], c.x0, c.x1)
                rest = [name, *rest[k:]] if k else [name, *rest]
                break
    return rest


def _issuer_lines(doc: Document, zone: list[Line]) -> list[Cell]:
    """Cells of the header zone that name the issuing body (left column, capitals)."""
    out: list[Cell] = []
    for cell in _after_received_stamp(doc, zone):
        t = cell.text.strip()
        if not t or cell.column == "right" or is_motto(t):
            continue
        # the number line ("Số: 12/...", "Số 45-KH/HU", a blank number "Số /SNV-VP")
        if re.match(r"^S[ốô]\s*(?::|\.|\s\d|\d|\s*/)|^S[oóòồổỗ6áâấ]\s*:", t):
            if out and on_scan(doc, cell.start):
                # Decree 30 sets the number under the issuer's name: on a scan, capitals read
                # below it are the summary, a deciding authority or strokes, not the issuer
                return out
            continue
        if on_scan(doc, cell.start) and _GARBLED_NUMBER_LINE.match(t):
            # handwriting over "Số:" and the number garbles them ("Số€ J3B-ĐTĐH"): still the number
            # line, under the issuer's name
            if out:
                return out
            continue
        if on_scan(doc, cell.start) and len(re.sub(r"\W", "", t)) <= 2:
            continue  # a speck or a stroke OCR read as a letter or two ("Q", "TA")
        if _DATE_LINE_RE.search(t) or _VV_RE.match(t) or _DRAFT_LINE.match(t):
            continue
        if not is_upper_text(t):
            continue
        out.append(cell)
    return out


_UBND = re.compile(r"\bUBN[ĐÐ](?=\s|$)")  # "UBND" with its D read as Đ (no such word)
_UBND_IN = re.compile(r"UB[NÑ][DĐÐ]?(?=\s)")  # ... or its D lost, its N read Ñ, glued to junk before it
_UBND_WORD = re.compile(r"(?<!\S)UB[NÑ][DĐÐ]?(?=\s)")


def _find_issuer(doc: Document, zone: list[Line]) -> tuple[Found[str] | None, Found[str] | None]:
    cells = _issuer_lines(doc, zone)
    if not cells:
        return None, None
    # group the lines into bodies: a new body starts at a line opening with an organisation word
    # (on a scan after any dot or dash OCR put before it: ". TRƯỜNG ĐẠI HỌC")
    groups: list[list[Cell]] = []
    for c in cells:
        if groups and (_OPEN_END.search(groups[-1][-1].text) or _BARE_BODY.match(groups[-1][-1].text.strip())):
            # "... HỖ TRỢ PHÁP LÝ CHO" / "DOANH NGHIỆP": a name does not end on "CHO"; "ĐOÀN CƠ SỞ" /
            # "VIỄN THÔNG ĐẮK LẮK": a kind of body alone on its line is named by the next
            groups[-1].append(c)
        elif not groups or is_org_start(c.text.lstrip(_OCR_LEAD) if on_scan(doc, c.start) else c.text):
            groups.append([c])
        else:
            groups[-1].append(c)
    if len(groups) == 1:
        groups = _unflattened(doc, groups[0])
    issuer_cells = groups[-1]
    # Decree 30 prints the issuer's direct superior above it; a third level higher up ("UBND HUYỆN"
    # over "PHÒNG GIÁO DỤC" over "TRƯỜNG") is not the issuer's parent
    parent_cells = groups[-2] if len(groups) > 1 else []
    if parent_cells and _PERIOD_LABEL.match(parent_cells[0].text.strip()):
        parent_cells = []  # "TUẦN 16 THEO NĂM 2016" over a weekly schedule's issuer: its week, no body

    def join(cs: list[Cell]) -> Found[str]:
        texts = [_UBND.sub("UBND", restore_marks(_UBND_WORD.sub("UBND", c.text.strip().lstrip(_OCR_LEAD))))
                 if on_scan(doc, c.start) else c.text for c in cs]
        value = re.sub(r"\s+", " ", " ".join(texts)).strip()
        value = _DRAFT_MARK.sub("", value).strip()  # "(DỰ THẢO)" marks the copy, not the body
        return found(doc, value, *[(c.start, c.end) for c in cs])

    return (join(parent_cells) if parent_cells else None), join(issuer_cells)


_BARE_BODY = re.compile(r"^(?:ĐOÀN CƠ SỞ|CÔNG ĐOÀN CƠ SỞ|CHI ĐOÀN|CHI BỘ|ĐẢNG BỘ CƠ SỞ|HỘI CƠ SỞ)$")
_PERIOD_LABEL = re.compile(r"^(?:TUẦN|Tuần|THÁNG|Tháng|NĂM\s+HỌC|Năm\s+học|HỌC\s+KỲ|Học\s+kỳ)\s+\d")
# a line of a body's name that ends on a word that needs what follows (the name wraps onto the next line)
_OPEN_END = re.compile(r"\s(?:CHO|VÀ|CỦA|VỀ|TẠI|VỚI|THUỘC|&|-|–)\s*$")
# a people's committee or a ministry with its unit's name, then the body under it, on one line
_FLATTENED_PARENT = re.compile(
    r"^\s*(?P<parent>(?:UBND|ỦY\s+BAN\s+NHÂN\s+DÂN|UỶ\s+BAN\s+NHÂN\s+DÂN)\s+(?:TỈNH|THÀNH\s+PHỐ|TP\.?|HUYỆN|QUẬN|"
    r"THỊ\s+XÃ|XÃ|PHƯỜNG)\s+\S+(?:\s+\S+){0,3}?|BỘ\s+\S+(?:\s+\S+){0,6}?)\s+"
    r"(?P<issuer>(?:SỞ|PHÒNG|TRƯỜNG|TRUNG\s+TÂM|BỆNH\s+VIỆN|CHI\s+CỤC|CỤC|VỤ|BAN|VĂN\s+PHÒNG|THANH\s+TRA)\s.+)$")
_OCR_LEAD = " .,·•:;-–_'`‘’\"|"
_DRAFT_MARK = re.compile(r"\s*[(\[]\s*(?:DỰ\s+THẢO|Dự\s+thảo)\s*(?:(?:lần|LẦN)\s*)?(?:\d+)?\s*[)\]]")
# "DỰ THẢO" (or "Dự thảo lần 2") set on a line of its own by the issuer's name: the copy's mark
_DRAFT_LINE = re.compile(r"^[(\[]?\s*(?:DỰ\s+THẢO|Dự\s+thảo)(?:\s*(?:lần|LẦN)\s*\d+)?\s*[)\]]?$")


def _unflattened(doc: Document, cells: list[Cell]) -> list[list[Cell]]:
    """"UBND THÀNH PHỐ HÀ / NỘI SỞ GIÁO DỤC VÀ ĐÀO TẠO": an export joined (or re-wrapped) the two
    header lines; cut them back into the parent and the body under it."""
    joined, starts = "", []
    for c in cells:
        starts.append(len(joined) + (1 if joined else 0))
        joined += (" " if joined else "") + c.text
    m = _FLATTENED_PARENT.match(joined)
    if not m:
        return [cells]

    def piece(lo: int, hi: int) -> list[Cell]:
        out = []
        for c, s0 in zip(cells, starts, strict=True):
            a, b = max(lo, s0), min(hi, s0 + len(c.text))
            if a < b and c.text[a - s0:b - s0].strip():
                out.append(Cell(c.start + a - s0, c.start + b - s0, c.text[a - s0:b - s0], c.x0, c.x1))
        return out

    return [piece(0, m.end("parent")), piece(m.start("issuer"), len(joined))]


def _issuer_from_body(doc: Document, body_start: int) -> Found[str] | None:
    """When the header names no body: "..., Trung tâm X xây dựng kế hoạch ..." in the opening
    paragraphs (read across line breaks: PDFs and layout text wrap the sentence)."""
    lines = [ln for ln in doc.lines[body_start:] if not ln.blank][:8]
    if not lines:
        return None
    base = lines[0].start
    text = doc.text[base:lines[-1].end]
    for m in _BODY_VERBS.finditer(text):
        clause_start = max(text.rfind(p, 0, m.start()) for p in (",", ";", ":", ".", "\n\n"))
        clause = text[clause_start + 1: m.start()]
        om = ORG_HEAD.search(clause)
        if not om:
            continue
        raw = clause[om.start():].rstrip()
        value = re.sub(r"\s+", " ", raw)
        if _NOT_A_NAME.search(value):  # a cited document or a longer phrase, not a body's name
            continue
        if 3 <= len(value) <= 120:
            a = base + clause_start + 1 + om.start()
            return Found(value, [doc.span(a, a + len(raw))])
    return None




def _closing_body(doc: Document, body_start: int) -> Found[str] | None:
    """When neither the header nor the opening names a body: the body that closes the text in
    capitals, as a programme or notice of an organising board is signed ("BAN TỔ CHỨC" as its
    last line, with no name under it)."""
    from extractors.footer import POSITION_TITLES  # (the footer reads the header's words: imported here)

    written = [ln for ln in reversed(doc.lines[body_start:]) if not ln.blank][:2]
    if len(written) == 2 and written[0].text.strip().upper() in POSITION_TITLES:
        written = written[1:]  # "UBND THỊ TRẤN NẾNH" / "Chủ tịch": the body signs, its head's title under it
    last = written[0] if written else None
    if last is None or last.index <= body_start:
        return None
    text = last.text.strip()
    # (a body's name in capitals, alone on a line: "BAN TỔ CHỨC", "BCH ĐOÀN TRƯỜNG")
    if (text != text.upper() or re.search(r"[\d:;!?]", text) or not ORG_HEAD.match(text)
            or not 2 <= len(text.split()) <= 10):
        return None
    a = last.start + last.text.find(text)
    return Found(text, [doc.span(a, a + len(text))])
