"""Footer fields fixed by Decree 30/2020/NĐ-CP: "Nơi nhận" (recipients) on the left; on the right
the signing authority (TM./KT./TL./TUQ./Q.), the signer's position and name.

Layout-preserving readers give the two columns as separate cells on one line; text exports give
them one after the other. Both are handled by reading the cells in order and classifying each.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from extractors.header import is_upper_text
from extractors.header_words import restore_marks
from extractors.orgs import is_org_start
from extractors.types import Found, found, on_scan
from pipeline.document import Cell, Document, Line
from pipeline.read.normalise import fold
from pipeline.read.vietnamese import FAMILY_NAMES, is_syllable

NOI_NHAN = re.compile(r"^N[ơo]i\s+nh[ậa]n\s*[:.]?\s*", re.I)  # where the recipients' list opens
# OCR's "Nơi nhận:" under a seal or a stroke: "tVớI nhận:", "Noi nhân:", "Đi nhận:" (a colon required)
_NOI_NHAN_OCR = re.compile(r"^\W{0,2}\w{0,2}[ơoớờóòôồ0]?[iIl1íì]\s*nh[ậaâạấầ]n\s*:\s*"
                           # or alone on its line, its colon lost too ("Nơi nhân" on a grainy copy)
                           r"|^N[ơoớờóòôồ][iIl1íì]\s*nh[ậaâạấầ]n\s*[:.]?\s*$")
# a second list under "Nơi nhận": "Bản điện tử:" / "Bản giấy:" (copies sent electronically or on paper)
_SUBLIST = re.compile(r"^[-–*+•]?\s*(?:ban\s+(?:dien\s+tu|giay)|gui\s+qua\s+mang|qua\s+mang)\s*[:.]?\s*$")
_ITEM = re.compile(r"^[-+•·–*]\s*")
# the dash of a recipient item as OCR reads it on a scan: "~ Ban Giám hiệu", "— Như trên", ">Lưu"
_OCR_DASH = re.compile(r"^\s*[~—>]\s*(?=\w)")
# "Lưu: VT, ..." (the registry's copy) read "Lưu: VI; ...": the T of "VT" taken for an I, the comma
# after it for a semicolon
_ARCHIVE_VT = re.compile(r"^(L[ưu]u\s*:?\s*)V[TIl1|](?:\s*[;,])?(?=\s|$)")
# TM. / T/M / KT. / K/T / TL. / T/L / TUQ. / Q. — the authority under which the signer signs
_AUTHORITY = re.compile(r"^(?:TM|T/M|KT|K/T|TL|T/L|TUQ|Q|TM/|KT/)\s*[./]?\s*(?=\S)(?:\.\s*)?(?P<body>.+)$")
_AUTH_PREFIX = re.compile(r"^(?:(?:T\s*/\s*M|K\s*/\s*T|T\s*/\s*L)\s*[./]?\s|(?:TM|KT|TL|TUQ|Q)\s*[./])")
# OCR drops the dot: "TL CHỦ TỊCH", "KT GIÁM ĐỐC" (read so on scanned pages only)
_AUTH_NO_DOT = re.compile(r"^(?P<a>TM|KT|TL|TUQ)\s+(?=[A-ZĐÀ-Ỹ]{2})")
# OCR reads the dot as a colon, after a stroke's marks: "__TM: HỘI ĐỒNG QUẢN TRỊ" (scanned pages only)
_AUTH_COLON = re.compile(r"^[_~—–.,'`-]{0,3}\s*(?P<a>TM|KT|TL|TUQ)\s*:\s*(?=[A-ZĐÀ-Ỹ]{2})")
_DEPUTY = re.compile(r"\s((?:PHÓ|THỨ\s+TRƯỞNG|Q\.\s)\S*.*)$")
_TITLE_PREFIX = re.compile(
    r"^(?:(?:PGS|GS|TS|Th\.?[sS]|TH\.?S|BS|BSCKI|BSCKII|KS|CN|Đ/c|Ông|Bà)\.?\s*|"
    r"(?:Đại|Thượng|Trung|Thiếu)\s+(?:tá|úy|uý|tướng)\s+|Bác\s+sĩ\s+|Luật\s+sư\s+|Nhà\s+giáo\s+ưu\s+tú\s+)+",
    re.U)
# The titles a signer signs with (Decree 30: the position line under the authority). On a scan the
# line is matched against them folded, so "PHO CHUŨ TỊCH" reads "PHÓ CHỦ TỊCH" and seal or signature
# strokes read as letters ("XSNJjJ", "7 NG") are not taken for a position.
_HEAD_TITLES = ["CHỦ TỊCH", "GIÁM ĐỐC", "TỔNG GIÁM ĐỐC", "HIỆU TRƯỞNG", "VIỆN TRƯỞNG", "CỤC TRƯỞNG",
                "CHI CỤC TRƯỞNG", "VỤ TRƯỞNG", "TRƯỞNG PHÒNG", "TRƯỞNG BAN", "TRƯỞNG KHOA", "TRƯỞNG ĐOÀN",
                "TRƯỞNG TRẠM", "CHÁNH VĂN PHÒNG", "CHÁNH THANH TRA", "BÍ THƯ", "TỔNG BIÊN TẬP", "CHỦ NHIỆM",
                "TRƯỞNG CÔNG AN", "CHỈ HUY TRƯỞNG", "TỔNG CỤC TRƯỞNG", "BỘ TRƯỞNG", "GIÁM ĐỐC SỞ"]
POSITION_TITLES = sorted({*_HEAD_TITLES, *(f"PHÓ {x}" for x in _HEAD_TITLES if x != "BỘ TRƯỞNG"), "THỨ TRƯỞNG",
                          "PHỤ TRÁCH", "THƯ KÝ", "CHÁNH ÁN", "VIỆN TRƯỞNG"}, key=len, reverse=True)
_FOLDED_TITLES = tuple(fold(x) for x in POSITION_TITLES)  # (a name in capitals is never one of them)
_SIGNED_NOTE = re.compile(r"^\(?(?:Đã ký|đã ký|Ký tên|ký tên|Ký, ghi rõ|Ký bởi|ký và đóng dấu)", re.I)


@dataclass
class Footer:
    recipients: list[Found[str]] = field(default_factory=list)
    signer_name: Found[str] | None = None
    signer_position: Found[str] | None = None
    signer_authority: Found[str] | None = None
    noi_nhan_line: int | None = None


def extract_footer(doc: Document, body_start: int = 0) -> Footer:
    f = Footer()
    nn = _find_noi_nhan(doc, body_start)
    if nn is not None:
        f.noi_nhan_line = nn[0].index
        f.recipients = _recipients(doc, nn[0], nn[1]) or _archive_list(doc, body_start, nn[0].index)
        window = doc.lines[max(body_start, nn[0].index - 6): nn[0].index + 30]
    else:
        f.recipients = _archive_list(doc, body_start, None)
        # no "Nơi nhận": the signature closes the body, look at the last lines of the first part
        # (before an annex set after the signature: "(Đính kèm biên bản ...)", "PHỤ LỤC")
        end = next((ln.index for ln in doc.lines[max(body_start, len(doc.lines) // 3):]
                    if _ANNEX_START.match(ln.text.strip())), len(doc.lines))
        window = doc.lines[max(body_start, end - 40):end]
        # the text's end mark "./." stands right above the signature (minutes end with the members'
        # signatures listed after it)
        closing = next((ln.index for ln in reversed(doc.lines[body_start:end]) if ln.text.rstrip().endswith("./.")),
                       None)
        if closing is not None and closing < end - 40:
            window = doc.lines[closing + 1:closing + 25]
    taken = {s.start for r in f.recipients for s in r.spans}
    if nn is not None:
        taken.add(nn[1].start)
    _signature(doc, f, window, taken, nn[0].index if nn is not None else None)
    return f


_ANNEX_START = re.compile(r"^(?:PHỤ\s+LỤC\b|\(\s*(?:Đính\s+kèm|Kèm\s+theo|Ban\s+hành\s+kèm\s+theo)\s)")


def _find_noi_nhan(doc: Document, body_start: int) -> tuple[Line, Cell] | None:
    for ln in doc.lines[body_start:]:
        for cell in ln.cells:
            if cell.column == "right":
                continue
            if NOI_NHAN.match(cell.text) or (_NOI_NHAN_OCR.match(cell.text) and on_scan(doc, cell.start)):
                return ln, cell
    return None


def _recipients(doc: Document, nn_line: Line, nn_cell: Cell) -> list[Found[str]]:
    items: list[list[tuple[int, int]]] = []
    # items may start on the "Nơi nhận:" line itself ("Nơi nhận: - Như trên;")
    m = NOI_NHAN.match(nn_cell.text) or _NOI_NHAN_OCR.match(nn_cell.text)
    rest_start = nn_cell.start + m.end() if m else nn_cell.end
    rest = doc.text[rest_start:nn_cell.end]
    if rest.strip() and is_upper_text(rest) and rest.lstrip()[:1] not in "-+•" and len(rest.split()) >= 2 \
            and not re.search(r"[;,.()]", rest):
        rest_start = nn_cell.end  # "Nơi nhận: DUYỆT LÃNH ĐẠO": an approval box's heading set beside it, no item
    if rest_start < nn_cell.end:
        # "Nơi nhận: - Như trên; - Lưu VT.": several items on the line itself
        rest = doc.text[rest_start:nn_cell.end]
        cuts = [rest_start] + [rest_start + x.start() + 1 for x in re.finditer(r";\s*[-+•]\s", rest)] + [nn_cell.end]
        # (on a scan, a stroke of the signature read glued to the colon, "Nơi nhận:z#+~", is no item)
        items.extend([(a, b)] for a, b in zip(cuts, cuts[1:], strict=False) if doc.text[a:b].strip(" ;-+•")
                     and not (on_scan(doc, a) and len(re.findall(r"[^\W\d_]", doc.text[a:b])) < 2))
    blank_run = skipped = 0
    dashless = False  # items whose dashes OCR lost (a thin dash set apart by a tab is often not read)
    for ln in doc.lines[nn_line.index + 1:]:
        if ln.blank:
            blank_run += 1
            if blank_run > 2 and items:
                break
            continue
        cell = _left_cell(ln)
        if cell is None:
            if items and blank_run:
                break
            continue
        text = cell.text
        ocr = on_scan(doc, cell.start)
        if ocr:
            text = _OCR_DASH.sub("- ", text, count=1)
        if ocr and not items and not _ITEM.match(text) and text.rstrip().endswith(";") \
                and len(re.sub(r"\W", "", text)) > 2 and not _is_signature_text(text):
            items.append([(cell.start, cell.end)])  # the first item, its dash lost, ended as items are
            dashless = True
            blank_run = 0
            continue
        if not items and not _ITEM.match(text) and (
                len(re.sub(r"\W", "", text)) <= 2 or (ocr and len(re.sub(r"\W", "", text)) <= 6 and skipped < 2)):
            skipped += 1
            continue  # a speck or a stroke of the seal (or OCR's garble of it: "s4 HỘ") before the first item
        if items and _SUBLIST.match(fold(text.strip())):
            blank_run = 0
            items.append([])  # the copies sent electronically follow: the list goes on
            continue
        if ocr and items and items[-1] and _is_archive(doc, items[-1]) and (
                _ended(doc, items[-1]) or doc.page_at(cell.start) != doc.page_at(items[-1][0][0])):
            break  # the registry's copy ends the list (but for a second list, above): an annex follows
        if _ITEM.match(text):
            items.append([(cell.start, cell.end)])
        elif items and items[-1] and not _ended(doc, items[-1]) and not blank_run and not _is_signature_text(text):
            items[-1].append((cell.start, cell.end))  # a wrapped recipient line
        elif ocr and items and items[-1] and _ended(doc, items[-1]) and not blank_run \
                and (text.rstrip().endswith((";", ".")) or dashless and text.strip()[:1].isupper()
                     and not text.rstrip().endswith(":")) and not _is_signature_text(text):
            # an item whose dash OCR lost, ended like the others (in a list whose dashes were all
            # lost, the last item may end without its dot: a new item starts with a capital)
            items.append([(cell.start, cell.end)])
        else:
            break
        blank_run = 0
    return _values(doc, items)


def _values(doc: Document, items: list[list[tuple[int, int]]]) -> list[Found[str]]:
    """The recipients' texts, each item's spans joined, its dash, end mark and OCR's strays dropped."""
    out = []
    for spans in filter(None, items):
        value = " ".join(doc.text[a:b].strip() for a, b in spans)
        if on_scan(doc, spans[0][0]):
            value = _OCR_DASH.sub("", value)
            value = _ARCHIVE_VT.sub(lambda m: m[1] + ("VT," if m[0].rstrip().endswith((";", ",")) else "VT"),
                                    _ITEM.sub("", value))
            head, sep, tail = value.rpartition(";")
            if sep and head.strip() and not any(ch.isalnum() and unicodedata.category(ch) != "Lm" for ch in tail):
                value = head  # a speck or a stroke read after the item's end ("Như trên; ˆ")
            stroke = re.search(r"(?<=[A-ZĐ]\.)[^\W\d_]?[^\w\s]+$", value)
            if stroke:
                value = value[:stroke.start()]  # a stroke glued to the item's closing dot ("Lưu: VT.d>~")
        value = _ITEM.sub("", value).strip().rstrip(";.,").strip()
        if on_scan(doc, spans[0][0]):
            value = re.sub(r"(?<=[^\W\d_]),(?=[^\W\d_])", ", ", value)  # "HĐT,BGH": the blank OCR lost
            value = _respelt_purpose(value)
        if value:
            out.append(found(doc, value, *spans))
    return out


# what a copy is sent for, written after the recipient in brackets (Decree 30's closed set of notes)
_PURPOSES = ["để b/c", "để t/h", "để p/h", "để biết", "để báo cáo", "để thực hiện", "để phối hợp", "để theo dõi",
             "để chỉ đạo", "để t/b", "b/c", "t/h", "p/h", "t/b", "báo cáo", "thực hiện", "phối hợp", "để b/cáo"]
_TRAILING_NOTE = re.compile(r"\((?P<note>[^()\]}|]{1,16})[)\]}J|]?\s*$")


def _respelt_purpose(value: str) -> str:
    """A scanned recipient's note in brackets put back to the Decree-30 note its letters come closest to
    ("(đê bíc)" -> "(để b/c)", "(đề p/h):" -> "(để p/h)"), when one note alone is nearest (marks aside)."""
    m = _TRAILING_NOTE.search(value.rstrip(":;., "))
    if not m:
        return value
    from rapidfuzz.distance import Levenshtein

    note = fold(m.group("note").strip().lower())
    if re.fullmatch(r"(?:de\s*)?[a-z]\.[a-z]", note):
        return value  # "(b.c)": a way of writing the note, as printed
    dist = sorted((Levenshtein.distance(note, fold(p)), p) for p in _PURPOSES)
    (d0, best), d1 = dist[0], dist[1][0]
    if d0 > max(1, len(note) // 3) or d1 == d0:
        return value
    return value.rstrip(":;., ")[:m.start()] + f"({best})"


# the registry's copy, the last item of every list: "Lưu: VT, VP", "Lưu VPĐ", "- Lưu: VĨ)" (a capital after it)
_ARCHIVE_ITEM = re.compile(r"^\W{0,3}L[ưu]u\b\s*[:.;]?\s*[A-ZĐÌÍĨ]")
_RUN_LINES = 25  # a recipients' list above "Lưu" holds at most this many lines


def _is_archive(doc: Document, spans: list[tuple[int, int]]) -> bool:
    """Whether the item is the registry's copy, "Lưu: VT, ..."."""
    a, b = spans[0]
    return _ARCHIVE_ITEM.match(_ITEM.sub("", _OCR_DASH.sub("- ", doc.text[a:b].strip()))) is not None


def _archive_list(doc: Document, body_start: int, nn_index: int | None) -> list[Found[str]]:
    """On a scan whose "Nơi nhận:" OCR garbled or lost ("Nữï THẦN:", a seal over it), or whose items
    it read without the list's shape (dashes lost, the first item unended), the list is found from its
    last item, the registry's "Lưu: VT, ...", which every list ends with: the left-column lines above
    it up to the heading (when it was read) or up to the first line that is no item. Where some lines
    keep their dash, items start at dashes; a list that lost every dash is taken line by line only
    under a heading that was read. Born-digital pages are never read so (their lists have their
    headings)."""
    start = body_start if nn_index is None else nn_index + 1
    archive = next((ln for ln in doc.lines[start:start + 60 if nn_index is not None else None]
                    if (c := _left_cell(ln)) is not None and on_scan(doc, c.start)
                    and _is_archive(doc, [(c.start, c.end)])), None)
    if archive is None:
        return []
    run: list[list[tuple[int, int]]] = []
    blank = 0
    for ln in reversed(doc.lines[max(start, archive.index - _RUN_LINES):archive.index]):
        if ln.blank:
            blank += 1
            if blank > 1:
                break
            continue
        blank = 0
        c = _left_cell(ln)
        if c is None:
            continue  # the signature column's own line
        text = _OCR_DASH.sub("- ", c.text.strip())
        if nn_index is None and (c.column != "left" or text.endswith("./.") or not _ITEM.match(text) and (
                text.endswith(":") or NOI_NHAN.match(text)
                or not (text.endswith((";", ",")) or len(re.sub(r"\W", "", text)) <= 3))):
            break  # the body's end, or the heading OCR garbled: the list starts under it
        # OCR may cut an item at a wide blank ("- Như kính" | "gửi;"): the left column's pieces are one
        rest = [x for x in ln.cells if x.start > c.start and x.column == "left"]
        run.append([(c.start, c.end)] + [(x.start, x.end) for x in rest])
    run.reverse()
    dashed = [_ITEM.match(_OCR_DASH.sub("- ", doc.text[sp[0][0]:sp[0][1]].strip())) is not None for sp in run]
    if nn_index is None and not any(dashed):
        return []  # no heading and no dash: nothing says where the list begins
    items: list[list[tuple[int, int]]] = []
    for spans, dash in zip(run, dashed, strict=True):
        text = doc.text[spans[-1][0]:spans[-1][1]].strip()
        if dash or not any(dashed):
            items.append(spans)
        elif items and items[-1] and (text.endswith((";", ".")) and _ended(doc, items[-1])):
            items.append(spans)  # an item whose dash was lost, ended as the others
        elif items and items[-1] and not _ended(doc, items[-1]):
            items[-1].extend(spans)  # a wrapped item
        # else: a stroke or the garbled heading before the first dash
    a = _left_cell(archive)
    items.append([(a.start, a.end)])
    return _values(doc, [it for it in items if it and not _is_signature_text(doc.text[it[0][0]:it[0][1]])])


def _ended(doc: Document, spans: list[tuple[int, int]]) -> bool:
    a, b = spans[-1]
    return doc.text[a:b].rstrip().endswith((";", "."))


def _left_cell(ln: Line) -> Cell | None:
    cells = [c for c in ln.cells if c.column != "right"]
    if not cells:
        return None
    if len(ln.cells) == 1 and _is_signature_text(ln.cells[0].text):
        return None
    if len(cells) > 1 and _ITEM.fullmatch(cells[0].text.strip() + " "):
        # "-<tab>Các Khoa/ Đơn vị;": the bullet in a cell of its own (a PDF's hanging indent)
        return Cell(cells[0].start, cells[1].end, cells[0].text + " " + cells[1].text, cells[0].x0, cells[1].x1)
    return cells[0]


def _beside_the_list(ln: Line, c: Cell) -> bool:
    """A later cell of a line stands in the signature column unless the page puts it on the left, or
    it is the text of a recipient item whose bullet the reader set apart ("-" | "Các Khoa;"); beside
    "Nơi nhận:" or a whole recipient item, it is the signature column whatever its indent."""
    first = ln.cells[0].text.strip()
    if _ITEM.fullmatch(first + " "):
        return False
    return c.column != "left" or bool(NOI_NHAN.match(first) or _ITEM.match(first))


def _is_signature_text(text: str) -> bool:
    t = text.strip()
    if t.endswith((";", ",")):
        return False  # a recipient item (or its wrapped end, "TG-ĐN;"), never a signature line
    return bool(_AUTH_PREFIX.match(t)) or (is_upper_text(t) and not _ITEM.match(t)) or _is_name(t)


def _name_text(text: str) -> str:
    """The name as written: without a rank or degree before it, and without the quotes, dashes and
    bars OCR reads from signature strokes at its ends ("“Trần Văn Lộc")."""
    return _TITLE_PREFIX.sub("", text.strip().strip(_STRAY)).strip().strip(_STRAY)


_STRAY = "“”\"'`‘’„|_~-–—:;,.*/\\ "


_SURNAMES = FAMILY_NAMES  # the closed set of family names (pipeline/read/vietnamese.py)


def _respelt_surname(name: str) -> str:
    first, _, rest = name.partition(" ")
    spelt = _SURNAMES.get(fold(first))
    return f"{spelt} {rest}" if spelt and rest else name


# vowels OCR confuses by a mark's horn or hat ("Qưỳnh" for "Quỳnh"): tried in place of a name's vowel
_VOWEL_KIN = {"u": "ư", "ư": "u", "o": "ôơ", "ô": "oơ", "ơ": "oô", "a": "ăâ", "ă": "aâ", "â": "aă", "e": "ê", "ê": "e"}


def _respelt_name(name: str) -> str:
    """A scanned name with its family name spelt as the closed set has it, and a given name that is no
    Vietnamese syllable respelt when exactly one vowel's horn or hat, changed, makes it one."""
    words = _respelt_surname(name).split()
    for i, w in enumerate(words):
        if is_syllable(w):
            continue
        found_: set[str] = set()
        for j, ch in enumerate(w):
            base = unicodedata.normalize("NFD", ch)
            tone = "".join(m for m in base[1:] if m in "\u0300\u0301\u0303\u0309\u0323")
            kin = _VOWEL_KIN.get(unicodedata.normalize("NFC", base.replace(tone, "") if tone else base).lower(), "")
            for k in kin:
                new = unicodedata.normalize("NFC", k + tone)
                new = new.upper() if ch.isupper() else new
                cand = w[:j] + new + w[j + 1:]
                if is_syllable(cand):
                    found_.add(cand)
        if len(found_) == 1:
            words[i] = found_.pop()
    return " ".join(words)


def _is_name(text: str) -> bool:
    t = _name_text(text)
    words = t.split()
    if not 2 <= len(words) <= 5:
        return False
    if all(w.isalpha() and w.isupper() for w in words):
        if len(words) < 3:
            return False  # ("ĐÀO TẠO" wrapped from "... SỞ GIÁO DỤC VÀ": two capital words are too few)
        # a name set in capitals ("NGUYỄN VĂN THẢN"): a family name of the closed set, then syllables
        spelt = _SURNAMES.get(fold(words[0]))  # ("TRƯỞNG PHÒNG" is no "Trương")
        return spelt is not None and spelt.upper() == words[0] and all(is_syllable(w.lower()) for w in words) \
            and not fold(t).startswith(_FOLDED_TITLES)
    return all(w[:1].isupper() and w[1:].islower() and w.isalpha() for w in words)


def _signature(doc: Document, f: Footer, window: list[Line], taken: set[int], nn_line: int | None) -> None:
    """Authority, position and name, read in order from the signature column; ``taken`` holds the
    start offsets of cells already read as "Nơi nhận" and its items."""
    cells: list[tuple[int, Cell]] = []
    for ln in window:
        if ln.is_table_row:
            continue  # a schedule's cells ("Đắk Mol" under "Địa điểm") are not a signature block
        for c in ln.cells:
            if any(c.start <= t < c.end for t in taken):
                continue
            # the signature column: cells on the right, a line's only cell, or a cell after the first
            # (a text export's tabs put "KT. GIÁM ĐỐC" after "Nơi nhận:" whatever its indent)
            if c.column == "right" or len(ln.cells) == 1 or (c is not ln.cells[0] and _beside_the_list(ln, c)):
                if cells and cells[-1][0] == ln.index and cells[-1][1].column == c.column == "right" \
                        and fold(cells[-1][1].text.strip()).upper() == "PHO" and _head_title(c.text.strip()):
                    # a deputy's title OCR read as two pieces ("PHÓ" | "HIỆU TRƯỞNG")
                    prev = cells[-1][1]
                    cells[-1] = (ln.index, Cell(prev.start, c.end, doc.text[prev.start:c.end], prev.x0, c.x1))
                    continue
                cells.append((ln.index, c))
    authority: Cell | None = None
    garbled: str | None = None  # the head's title under an authority whose letters OCR lost
    positions: list[Cell] = []
    wraps: dict[int, list[Cell]] = {}  # an authority or position line's start -> the lines it wraps onto
    last: tuple[int, Cell] | None = None  # the last authority or position line taken, and its line index
    signed_note = False  # "(đã ký)" under the block: a copy of a signed text, the name may be left out
    body_signed = False  # "UBND THỊ TRẤN X" / "Chủ tịch": the body signs over its head's title
    for k, (line_index, c) in enumerate(cells):
        t = c.text.strip()
        if t and _SIGNED_NOTE.match(t) and (authority is not None or positions):
            signed_note = True
        if not t or _ITEM.match(t) or NOI_NHAN.match(t) or _SIGNED_NOTE.match(t):
            continue
        ocr = on_scan(doc, c.start)
        inner = _INNER_AUTHORITY.search(t)
        if inner and not _AUTH_PREFIX.match(t):
            # "TM. ỦY BAN NHÂN / DÂN KT. CHỦ TỊCH": a wrapped export; the authority nearest the position
            a = c.start + c.text.find(t) + inner.start(1)
            c, t = Cell(a, c.end, doc.text[a:c.end], c.x0, c.x1), doc.text[a:c.end].strip()
        if _AUTH_PREFIX.match(t) or (ocr and (_AUTH_NO_DOT.match(t) or _AUTH_COLON.match(t))):
            authority, garbled = c, None
            positions = []
            last = (line_index, c)
            continue
        lost = _GARBLED_AUTH.match(t) if ocr and authority is None else None
        if lost and is_upper_text(t[lost.end():]) and not _TITLE_PREFIX.match(t) \
                and _head_title(t[lost.end():], garbled=True):
            authority, garbled = c, _head_title(t[lost.end():], garbled=True)
            positions = []
            continue
        nxt = cells[k + 1][1] if k + 1 < len(cells) else None
        if fold(t) in _SURNAMES and nxt is not None and _is_name(f"{t} {nxt.text.strip()}") \
                and (authority is not None or positions):
            # "Bùi" / "Xuân Cường": a name an export broke after the surname
            f.signer_name = found(doc, _name_text(f"{t} {nxt.text.strip()}"), (c.start, c.end), (nxt.start, nxt.end))
            break
        if _is_name(t) and positions and authority is None and c.x0 is not None and positions[-1].x0 is not None \
                and c.x0 + 0.3 < positions[-1].x0 and c.column == "left":
            continue  # "THƯ KÝ | CHỦ TỊCH" over two names: the left one is the secretary's, not the signer's
        if _is_name(t) and (authority is not None or positions or c.column == "right") \
                and (not ocr or fold(_name_text(t).split()[0]) in _SURNAMES):
            # (on a scan a name opens with a family name of the closed set: "Huyện Yên Dũng", a received
            # stamp or a seal's words in title case, is not the signer)
            name = _name_text(t)
            f.signer_name = found(doc, _respelt_name(name) if ocr else name, (c.start, c.end))
            if ocr and doc.pages[doc.page_at(c.start) - 1].meta.get("signer_reread") == f.signer_name.value:
                f.signer_name.review = "read again from under the seal and the signature: check its marks"
            break
        # (a block set in sentence case: "TL. Hiệu trưởng" / "Phó Hiệu trưởng" / the name)
        prev_body = k > 0 and is_upper_text(cells[k - 1][1].text) and is_org_start(cells[k - 1][1].text.strip())
        titled_line = (authority is not None or prev_body) and (not positions or (
            prev_body and positions == [cells[k - 1][1]])) and len(t) <= 60 and any(
            t.upper() == x or t.upper().startswith(x + " ") for x in POSITION_TITLES)
        if titled_line and ocr and not is_upper_text(t) and authority is not None \
                and is_upper_text(authority.text):
            # a line in sentence case under an authority in capitals ("TM. BAN TỔ CHỨC HỘI THẢO" /
            # ... / "Hiệu trưởng Trường ĐH Thủ Dầu Một" under the name the seal took): the block is not
            # set in sentence case, and the line says who the signer is elsewhere, not the position
            continue
        body_signed = body_signed or (titled_line and prev_body and authority is None)
        if (is_upper_text(t) or titled_line) and len(t) <= 80 and not t.endswith((".", ";", ":")):
            if ocr and (authority is not None or positions) and _known_title(t) is None:
                if last is not None and _wrapped_onto(doc, last, line_index, c, wraps):
                    wraps.setdefault(last[1].start, []).append(c)
                    last = (line_index, last[1])
                continue  # seal or signature strokes read as capitals, between authority and name
            positions.append(c)
            last = (line_index, c)
        elif ocr and len(t) < 30 and (authority is not None or positions):
            continue  # a signature or seal read as letters ("Co ẮI /") between position and name
        elif nn_line is not None and line_index > nn_line and (t.endswith((";", ".", ",")) or ":" in t):
            continue  # a recipient line the list wrapped onto (PDF columns interleave with the block)
        elif (authority is not None or positions) and (nn_line is None or line_index < nn_line or not ocr) \
                and len(t.split()) >= 3:
            # a body sentence: what came before was not the signature block (on a scan, OCR's garble
            # of a seal or of a margin note below "Nơi nhận" ends nothing)
            positions = []
            authority = None
    if f.signer_name is None:
        # no name: on a scan a clear authority, or a position that spells a signer's title, still
        # stands (the name is ink under the seal); on a born-digital page nothing was signed here
        scanned = [p for p in positions if on_scan(doc, p.start) and _known_title(_spelt(doc, p))]
        if authority is not None and on_scan(doc, authority.start):
            pass
        elif authority is None and scanned:
            positions = scanned
        elif (signed_note or body_signed) and positions:
            pass  # "HIỆU TRƯỞNG" / "(đã ký)", or a body over its head's title: the position stands, no name
        elif nn_line is not None and positions \
                and all(nn_line - 2 <= i <= nn_line for i, c in cells if c in positions) \
                and _known_title(positions[-1].text.strip()) == positions[-1].text.strip():
            # a draft's block beside "Nơi nhận:" or right above it (a Word file sets the block before the
            # list): the signer's title printed, the name not yet
            pass
        elif authority is not None and not positions:
            # "TM. ỦY BAN NHÂN DÂN" over an empty block (a copy sent before signing): the authority
            # is printed, nothing else of the block is
            f.signer_authority = found(doc, _spelt(doc, authority, wraps), *_ranges(authority, wraps))
            return
        else:
            return
    if garbled is not None:
        _lost_authority(doc, f, authority, garbled, positions)
        return
    if authority is not None:
        text = _spelt(doc, authority, wraps)
        # "KT. BỘ TRƯỞNG THỨ TRƯỞNG" / "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC": the position joined on one line
        joined = _DEPUTY.search(text)
        if joined and not positions:
            cut = authority.start + authority.text.find(joined.group(1))
            f.signer_authority = found(doc, text[:joined.start()].strip(), (authority.start, cut))
            f.signer_position = found(doc, joined.group(1).strip(), (cut, authority.end))
            return
        if on_scan(doc, authority.start):
            # "KT.GIÁM ĐÓC": the head's title after the authority, spelt as signers' titles are
            head = _AUTH_PREFIX.match(text) or re.match(r"^(?:TM|KT|TL|TUQ)\.\s*", text)
            if head:
                body = text[head.end():]
                gap = body[:len(body) - len(body.lstrip())]
                text = text[:head.end()] + gap + (_known_title(body) or body.lstrip())
        f.signer_authority = found(doc, text, *_ranges(authority, wraps))
    if positions:
        # the last line that spells a signer's title ("PHÓ GIÁ" cut from a stamp is not one), with
        # the line it wraps onto ("GIÁM ĐỐC SỞ GIÁO DỤC VÀ" / "ĐÀO TẠO")
        titled = [i for i, p in enumerate(positions) if _known_title(_spelt(doc, p))]
        i = titled[-1] if titled else len(positions) - 1
        parts = [positions[i]]
        if i + 1 < len(positions) and re.search(r"(?:\bVÀ|[,&–-])\s*$", positions[i].text):
            parts.append(positions[i + 1])
        spelt = " ".join(_spelt(doc, p, wraps) for p in parts)
        # on a scan a line that spells no signer's title is a seal's or a stamp's words read as capitals
        # ("Í> “LIÊN ĐỌẦN °"), not the position
        title = _known_title(spelt) if on_scan(doc, parts[0].start) else spelt
        if title:
            f.signer_position = found(doc, title, *[r for p in parts for r in _ranges(p, wraps)])
    elif authority is not None and f.signer_authority is not None:
        # "KT. HIỆU TRƯỞNG" is signed by the deputy: "PHÓ HIỆU TRƯỞNG" (KT. BỘ TRƯỞNG: THỨ TRƯỞNG), even
        # where the position line was lost under a seal; "TM. BAN THƯỜNG VỤ / BÍ THƯ" names no position
        deputy = _deputy_of(f.signer_authority.value)
        if deputy:
            f.signer_position = Found(deputy, f.signer_authority.spans,
                                      review="read from the authority: the position line was not legible")


# OCR's garble of an authority's letters before its dot: "[l. HIỆU TRƯỞNG", "zTE: HIỆU TRƯỞNG" ("P." is
# the deputy's own abbreviation, a position line)
_GARBLED_AUTH = re.compile(r"^(?!P\.)\S{0,4}[.:]\s*(?=\w)")


def _head_title(text: str, garbled: bool = False) -> str | None:
    """The head's title a line spells ("HIỆU TRƯỞNG", "GIÁM ĐỐC"), not a deputy's.

    ``garbled``: the line is an authority OCR garbled under the seal's ring ("KkF. H L[: U TR UƯỚNG"),
    its title's letters broken by blanks and marks: its letters alone are compared with the heads'
    titles, and the one head title they come close to (4 in 5 letters) is taken."""
    title = _known_title(text)
    head = next((h for h in _HEAD_TITLES if title and (title == h or title.startswith(h + " "))), None)
    if head or title or not garbled:
        return head
    from rapidfuzz import fuzz

    letters = re.sub(r"[^a-z]", "", fold(text))
    scores = sorted(((fuzz.ratio(re.sub(r"[^a-z]", "", fold(h)), letters), h) for h in _HEAD_TITLES), reverse=True)
    if len(letters) >= 6 and scores[0][0] >= 80 and scores[1][0] < 80:
        return scores[0][1]
    return None


def _lost_authority(doc: Document, f: Footer, authority: Cell, head: str, positions: list[Cell]) -> None:
    """Decree 30 says which authority it was from the position signed under it: the head's deputy
    signs "KT." (ký thay: "KT. HIỆU TRƯỞNG" / "PHÓ HIỆU TRƯỞNG"), another officer "TL." (thừa lệnh:
    "TL. HIỆU TRƯỞNG" / "TRƯỞNG PHÒNG ĐÀO TẠO"). A position that reads as the head's own title under
    such a line lost its "PHÓ" (the head does not sign on its own behalf). Without a position the
    authority stays unknown."""
    titled = [(p, t) for p in positions if (t := _known_title(_spelt(doc, p)))]
    if not titled:
        return
    cell, title = titled[-1]
    deputy = "THỨ TRƯỞNG" if head == "BỘ TRƯỞNG" else f"PHÓ {head}"
    note = "the authority's letters were not legible: read from the position signed under it"
    if title == head:
        f.signer_position = Found(deputy, [doc.span(cell.start, cell.end)],
                                  review="the head's title under its own authority: the deputy's, check the original")
        title = deputy
    else:
        f.signer_position = found(doc, title, (cell.start, cell.end))
    prefix = "KT." if title == deputy else "TL."
    f.signer_authority = Found(f"{prefix} {head}", [doc.span(authority.start, authority.end)], review=note)


_INNER_AUTHORITY = re.compile(r"\s((?:KT|TL|TUQ)\.\s*\S.*)$")


def _known_title(text: str) -> str | None:
    """The signer's title a (possibly OCR-garbled) position line spells, with what follows it
    ("TRƯỞNG PHÒNG ĐÀO TẠO"), or None when it spells none."""
    from rapidfuzz import fuzz

    lead = _JUNK_LEAD.match(text)
    if lead:  # OCR's garble of a signature stroke before the title: "⁄2.©‹ GEÁM ĐÓC", "Z2 HIỆU TRƯỞN"
        text = text[lead.end():]
    key = fold(text).upper()
    best, score = None, 0.0
    for title in POSITION_TITLES:
        head = key[:len(title) + 1].strip()
        s = fuzz.ratio(fold(title).upper(), head)
        if s > score:
            best, score = title, s
    if best is None or score < 85:
        return None
    rest = text[len(best) + 1:].strip() if len(text) > len(best) + 2 else ""
    # what follows the title is the unit's name in capitals; a stroke read as letters ends it ("cỀ~")
    words = rest.split()
    n = next((i for i, w in enumerate(words) if not _UNIT_WORD.fullmatch(w)), len(words))
    rest = " ".join(words[:n])
    return f"{best} {restore_marks(rest)}".strip() if rest else best


# up to two leading tokens without a letter (or marks glued to the title: "⁄⁄<›HIỆU TRƯỞNG"), or with letters
# and digits mixed ("Z2"): not a title's words
_JUNK_LEAD = re.compile(r"^\s*(?:(?:[^\w\s]|_)+\s*|(?:[^\w\s]|\d|_)+\s+|(?=\S*\d)(?=\S*[^\W\d_])\S+\s+){1,2}(?=\w)")
_UNIT_WORD = re.compile(r"[A-ZĐÀ-Ỹ&.,()/-]*[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ&.,()/-]*|\d{1,3}")


def _deputy_of(authority: str) -> str | None:
    m = re.match(r"^K\s*[./]\s*T\.?\s*|^KT\.?\s*(?=\S)", authority)
    if not m:
        return None
    head = _known_title(authority[m.end():].split(" SỞ ")[0]) or ""
    title = next((x for x in POSITION_TITLES if head.startswith(x) and not x.startswith("PHÓ")), None)
    if title is None:
        return None
    return "THỨ TRƯỞNG" if title == "BỘ TRƯỞNG" else f"PHÓ {title}"


def _wrapped_onto(doc: Document, last: tuple[int, Cell], line_index: int, c: Cell,
                  wraps: dict[int, list[Cell]]) -> bool:
    """Whether a scanned line of capitals that spells no title is the end of the authority or position
    line above it, wrapped in a narrow signature column ("KT. TRƯỞNG PHÒNG ĐÀO TẠO ĐẠI" / "HỌC",
    "GIÁM ĐỐC SỞ GIÁO DỤC VÀ" / "ĐÀO TẠO"): it stands on the next line, its words are Vietnamese
    syllables (a seal's or a signature's strokes read as capitals are not), and the title with it still
    reads as a signer's title and its unit's name (after "TM." a collective body's name)."""
    prev_index, prev = last
    words = c.text.split()
    if line_index != prev_index + 1 or not 1 <= len(words) <= 4 or not all(is_syllable(w) for w in words):
        return False
    prev_centre = ((prev.x0 or 0.0) + (prev.x1 or 1.0)) / 2
    if c.x0 is not None and c.x1 is not None and not c.x0 - 0.05 <= prev_centre <= c.x1 + 0.25:
        return False  # not under the line it would end
    joined = _norm_space(" ".join([_spelt(doc, prev, wraps), c.text]))
    m = _AUTH_PREFIX.match(joined)
    if m and re.match(r"T\s*/?\s*M", joined):
        return True
    body = joined[m.end():] if m else joined
    title = _known_title(body.strip())
    return title is not None and len(title.split()) == len(body.split())


def _ranges(c: Cell, wraps: dict[int, list[Cell]]) -> list[tuple[int, int]]:
    return [(x.start, x.end) for x in [c, *wraps.get(c.start, [])]]


def _spelt(doc: Document, c: Cell, wraps: dict[int, list[Cell]] | None = None) -> str:
    """The cell's text (with the lines it wraps onto); on a scan with the marks OCR lost restored and
    the authority's dot put back."""
    text = _norm_space(" ".join(x.text for x in [c, *(wraps or {}).get(c.start, [])]))
    if not on_scan(doc, c.start):
        return text
    m = _AUTH_NO_DOT.match(text) or _AUTH_COLON.match(text)
    if m:
        text = f"{m['a']}. {text[m.end():]}"
    # (the prefix ends where its pattern does: "T/M BAN CHÁP HÀNH" has no ". " to split at)
    prefix = _AUTH_PREFIX.match(text)
    cut = prefix.end() if prefix else 0
    rest = text[cut:]
    return text[:cut] + rest[:len(rest) - len(rest.lstrip())] + restore_marks(rest)


def _norm_space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
