"""Label lines of a plan: "Thời gian: ...", "Địa điểm: ...", "Nội dung: ...", "Số lượng: ...",
"Thành phần: ...", "Kinh phí: ..." — with or without a bullet or a number in front, and the label
itself possibly qualified ("Thời gian kiểm tra:", "Địa điểm tổ chức:")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.types import on_scan
from pipeline.document import Document, Line
from pipeline.read.normalise import fold

LABELS = {
    "time": r"Thời\s+gian(?:\s+(?:tổ\s+chức|thực\s+hiện|kiểm\s+tra|diễn\s+ra|dự\s+kiến|khai\s+mạc|họp)"
            r"|\s*(?:[-–,/&]|và)\s*địa\s+điểm)?"  # "Thời gian - Địa điểm" heads both
            r"|Địa\s+điểm\s*(?:[-–,/&]|và)\s*thời\s+gian"  # and "Địa điểm, thời gian: Tại ..., 8 giờ ngày ..."
            r"|Vào\s+(?:lúc|hồi)",  # an invitation's "Vào lúc: 8 giờ 00 phút, thứ Bảy ngày 20/4/2024" over "Tại: ..."
    # ("Tại: Hội trường số 2 ...", as minutes write the place under their "Thời gian:" line)
    "venue": r"Địa\s+điểm(?:\s+(?:tổ\s+chức|kiểm\s+tra|thực\s+hiện|diễn\s+ra|họp|dự\s+kiến))?|Tại|Nơi\s+tổ\s+chức"
             # ("Địa điểm, hình thức: Kết nối trực tuyến từ ...", "Hình thức và địa điểm: ...")
             r"|Địa\s+điểm\s*(?:[-–,/&]|và)\s*hình\s+thức|Hình\s+thức\s*(?:[-–,/&]|và)\s*địa\s+điểm"
             # where an exam, a vote, a vaccination or a gathering takes place: "Điểm thi:", "Nơi tập trung:"
             r"|Điểm\s+(?:thi|bỏ\s+phiếu|tiêm(?:\s+chủng)?|tập\s+kết|tập\s+trung|quan\s+trắc|lấy\s+mẫu)"
             r"|Nơi\s+(?:thi|tập\s+trung|tập\s+kết)|Vị\s+trí\s+(?:quan\s+trắc|lấy\s+mẫu)"
             r"|(?:Tổ\s+chức|Diễn\s+ra|Họp)\s+tại"  # "- Tổ chức tại: Hội trường ..."
             # where work is handed in ("Nơi nhận hồ sơ:", "Nơi nộp bài:"; never the footer's "Nơi nhận:")
             r"|Nơi\s+(?:nhận|nộp|tiếp\s+nhận)\s+(?:hồ\s+sơ|bài|báo\s+cáo|sản\s+phẩm)",
    # ("Tới dự: Lễ kỷ niệm ...", as an invitation names what it invites to)
    "content": r"Nội\s+dung(?:\s+(?:chính|chương\s+trình|hoạt\s+động))?|(?:Tới|Đến)\s+dự|Tham\s+dự|Dự"
               r"|Nhiệm\s+vụ",  # a task card: "a) Nhiệm vụ: ..." / "b) Cơ quan thực hiện: ..." / "c) Thời gian: ..."
    "count": r"Số\s+lượng(?:\s+(?:tham\s+gia|đại\s+biểu|dự\s+kiến|thành\s+viên))?|Quy\s+mô(?:\s+tổ\s+chức)?",
    "participants": r"Thành\s+phần(?:\s+(?:tham\s+gia|tham\s+dự|dự|mời))?|Đối\s+tượng(?:\s+tham\s+gia)?",
    "budget": r"Kinh\s+phí(?:\s+(?:tổ\s+chức|thực\s+hiện|hoạt\s+động))?(?:\s+dự\s+kiến)?",
    "responsible": r"Đơn\s+vị\s+(?:thực\s+hiện|chủ\s+trì|tổ\s+chức)|Chủ\s+trì|Phụ\s+trách",
    "address": r"Địa\s+chỉ",
    # the minutes' attendance: "Có mặt: 20", "Số đại biểu có mặt: 45/50"
    "present": r"Có\s+mặt|Số\s+(?:người|đại\s+biểu|thành\s+viên)\s+có\s+mặt",
}
# a bullet or a number before the label; OCR adds noise ("- _ Địa điểm:", "2, Địa điểm:", "IL Thành phần")
_QUALIFIED = ("time", "venue")
_PREFIX = (r"^(?:[-+•*–_\s]*(?:(?:[IVXL]+|\d{1,2}(?:\.\d{1,2})*|[a-zđ])\s*[.),/]\.?\s*)?[-+•*–_]?\s*)?")
# the label may be qualified by a few words of its own: "Thời gian đăng tải lấy ý kiến:",
# "Địa điểm nộp hồ sơ:" — a short phrase without digits or punctuation before the colon
_QUALIFIER = r"(?:\s+[^\W\d_][^\s:;,.()\d]*){0,6}?"
_LABEL_RE = {k: re.compile(_PREFIX + rf"(?P<label>(?:{v}){_QUALIFIER if k in _QUALIFIED else ''})\s*:\s*(?P<value>.*)$",
                           re.I) for k, v in LABELS.items()}
# the same labels filling a table cell of their own, the value in the next cell
_CELL_LABEL_RE = {k: re.compile(rf"^\s*(?P<label>(?:{v}){_QUALIFIER if k in _QUALIFIED else ''})\s*:?\s*$", re.I)
                  for k, v in LABELS.items()}
# the same labels as a heading with the value on the lines under it: "6. Thời gian nhận hồ sơ", "IV. THỜI GIAN"
_HEADING_LABEL_RE = {k: re.compile(r"^(?:[IVXL]+|\d{1,2}(?:\.\d{1,2})*)\s*[.,)]\s*"
                                   rf"(?P<label>(?:{LABELS[k]}){_QUALIFIER})\s*:?\s*$", re.I)
                     for k in _QUALIFIED}


@dataclass(frozen=True)
class LabelLine:
    kind: str
    line: Line
    value_start: int  # offsets of the value into Document.text
    value_end: int
    qualifier: str = ""  # the words after the label word: "nhận hồ sơ" of "Thời gian nhận hồ sơ"

    def value(self, doc: Document) -> str:
        return doc.text[self.value_start:self.value_end].strip()


# label words as OCR may misread one letter of them ("Phời gian", "Dịa điểm"): folded, per word
_OCR_LABEL_WORDS = [("Thời", "gian"), ("Địa", "điểm"), ("Nội", "dung"), ("Thành", "phần")]
_FIRST_WORDS = re.compile(_PREFIX + r"(?P<w1>[^\W\d_]+)(?P<gap>\s+)(?P<w2>[^\W\d_]+)")


def _ocr_label_text(text: str) -> str:
    """``text`` with a label's two words put right where OCR changed one letter of one of them (same
    length, so offsets into the line hold); ``text`` itself otherwise."""
    m = _FIRST_WORDS.match(text)
    if not m:
        return text
    w1, w2 = m.group("w1"), m.group("w2")
    for c1, c2 in _OCR_LABEL_WORDS:
        if (len(w1), len(w2)) != (len(c1), len(c2)) or (w1, w2) == (c1, c2):
            continue
        misread = sum(a != b for a, b in zip(fold(w1.lower()) + fold(w2.lower()), fold(c1.lower()) + fold(c2.lower()),
                                             strict=True))
        if misread <= 1:
            return text[:m.start("w1")] + c1 + m.group("gap") + c2 + text[m.end("w2"):]
    return text


def label_of(doc: Document, ln: Line) -> LabelLine | None:
    if not ln.cells:
        return None
    cell = ln.cells[0]
    text = _ocr_label_text(cell.text) if on_scan(doc, cell.start) else cell.text
    filled = [c for c in ln.cells if c.text.strip()]
    if ln.is_table_row and len(filled) == 2 and filled[0] is cell:
        # a table of two columns, the label in the first ("Thời gian | 7h30, ngày 15/5/2024", "Địa điểm: |
        # Hội trường A"): the second cell is its value
        for kind, rx in _CELL_LABEL_RE.items():
            m = rx.match(text)
            if m and not any(r.match(filled[1].text) for r in _CELL_LABEL_RE.values()):
                return LabelLine(kind, ln, filled[1].start, filled[1].end, _qualifier(kind, m.group("label")))
    for kind, rx in _LABEL_RE.items():
        m = rx.match(text)
        if m:
            end = ln.cells[-1].end if len(ln.cells) > 1 and ln.is_table_row is False else cell.end
            return LabelLine(kind, ln, cell.start + m.start("value"), end, _qualifier(kind, m.group("label")))
    m = _ITEM_WITH_LABELS.match(text)
    if m:
        # "- Cụm 1 (gồm các xã ...): Thời gian: ngày 10/5/2024; địa điểm: ...": the item's name is its content,
        # its labels follow (inline_labels cuts them)
        end = ln.cells[-1].end if len(ln.cells) > 1 and ln.is_table_row is False else cell.end
        return LabelLine("content", ln, cell.start + m.start("lead"), end)
    if len(ln.cells) == 1:
        for kind, rx in _HEADING_LABEL_RE.items():
            m = rx.match(cell.text)
            if m:  # the value is on the lines under the heading (continuation_end takes them)
                return LabelLine(kind, ln, cell.end, cell.end, _qualifier(kind, m.group("label")))
    return None


# an item named before its colon, its time (and place) labelled after it
# (a colon in brackets belongs to the name: "Cụm 1 (gồm các xã: Hiệp An, Hiệp Thạnh)")
_ITEM_WITH_LABELS = re.compile(_PREFIX + r"(?P<lead>[^\W\d_](?:[^:()\n]|\([^()\n]*\)){1,100}?)\s*:\s*"
                               r"(?=(?:Thời\s+gian|Ngày)\s*(?:tổ\s+chức\s*)?:)", re.I)
# a second label in the same line: "Thời gian: 8h00, ngày 15/3/2024. Địa điểm: Hội trường UBND xã"
_INLINE_LABEL = re.compile(
    # (or set apart by space alone, a capital opening it: "Thời gian: 8h00 ngày 20/4<tab>Địa điểm: Phòng họp số 2",
    # a tab read as a space)
    r"(?P<sep>(?:[.;:]|,|\s[-–])\s+|\s+)(?P<label>"
    + "|".join(f"(?P<{k}>{LABELS[k]})" for k in ("venue", "time", "participants")) + r")\s*:\s*(?=\S)", re.I)


def inline_labels(doc: Document, lab: LabelLine) -> list[LabelLine]:
    """The label and any label of another kind written after it on the same line, each with its own
    value ("Thời gian: 8h00 ngày 15/3. Địa điểm: Hội trường" gives a time and a venue)."""
    value = doc.text[lab.value_start:lab.value_end]
    out: list[LabelLine] = []
    start, kind, qualifier = lab.value_start, lab.kind, lab.qualifier
    for m in _INLINE_LABEL.finditer(value):
        if not m.group("sep").strip() and not m.group("label")[:1].isupper():
            continue  # "... theo thời gian: ..." inside the value is no label
        other = next(k for k in ("venue", "time", "participants") if m.group(k))
        if other == kind or any(x.kind == other for x in out):
            continue
        out.append(LabelLine(kind, lab.line, start, lab.value_start + m.start(), qualifier))
        start, kind, qualifier = lab.value_start + m.end(), other, ""
    out.append(LabelLine(kind, lab.line, start, lab.value_end, qualifier))
    return out


def _qualifier(kind: str, label: str) -> str:
    base = re.match(LABELS[kind], label, re.I)
    rest = label[base.end():].strip() if base else ""
    # "Thời gian và địa điểm", "Địa điểm tổ chức": connective or generic words say nothing of the activity
    return "" if re.match(r"^(?:và|,|tổ\s+chức$|thực\s+hiện$|diễn\s+ra$|dự\s+kiến$)", rest, re.I) else rest


def _full_width(doc: Document, ln: Line) -> bool:
    """Whether a line runs (nearly) to the right margin of its page: it was wrapped, not ended. A web
    page's lines are its paragraphs and line breaks, which a browser wraps, never the file."""
    if doc.format == "html":
        return False
    widths = doc.meta.setdefault("_line_widths", {})
    if ln.page not in widths:
        lengths = sorted(len(x.text) for x in doc.lines if x.page == ln.page and x.cells and not x.is_table_row)
        widths[ln.page] = lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0
    return len(ln.text) >= 0.8 * widths[ln.page]


# an item naming its own activity before a colon: "- Khai mạc: 7 giờ 30 ngày 04/3/2024 tại ..."
_NAMED_ITEM = re.compile(r"^[-+•*–]\s*(?:[A-ZĐÀ-Ỹ][^\W\d_]*)(?:\s+[^\W\d_]+){0,6}\s*:\s*\S")


def continuation_end(doc: Document, ln: Line) -> int:
    """End offset of a label's value, following wrapped lines (layout text breaks long values).
    A label alone on its line ("1. Thời gian:") takes the lines under it as its value."""
    end = ln.end
    lab = label_of(doc, ln)
    value = doc.text[lab.value_start:lab.value_end].strip() if lab is not None else None
    # a label alone, or a value that announces a list ("Địa điểm: tổ chức tại 03 điểm thi:"), takes
    # the items under it
    empty = value is not None and (not value or value.endswith(":"))
    i = ln.index + 1
    taken = 0
    listed = False  # the lines taken so far are items ("- ...", "+ ...")
    while i < len(doc.lines):
        nxt = doc.lines[i]
        if nxt.blank and empty and taken == 0:
            i += 1
            continue
        if nxt.blank or label_of(doc, nxt) or not nxt.cells or nxt.is_table_row != ln.is_table_row:
            break  # (a table under the label is not its value)
        t = nxt.cells[0].text
        if re.match(r"^(?:[IVX]+|\d{1,2}(?:\.\d{1,2})*|[a-zđ])\s*[.)]", t):
            break
        if not empty and re.match(r"^[-+•*–]", t):
            break
        # a wrapped value goes on in lower case, or after a line that ran to the right margin without
        # closing its sentence ("... và Cung thiếu nhi tỉnh" / "Khánh Hòa.")
        prev = doc.lines[i - 1]
        if not empty and not t[:1].islower() and (
                prev.text.rstrip().endswith((".", ";", ":", "!", "?")) or not _full_width(doc, prev)):
            break
        item = bool(re.match(r"^[-+•*–]", t))
        if empty and (taken >= 12 or (taken >= 3 and not item)):
            break  # a label alone takes a few lines, or the whole list of items under it
        if empty and listed and not item and not t[:1].islower():
            break  # the list has ended ("Nơi nhận:" right under its last item)
        listed = listed or (taken == 0 and item)
        if empty and taken == 0 and lab.kind == "time" and _NAMED_ITEM.match(t):
            break  # "1. Thời gian, địa điểm" over "- Khai mạc: 7 giờ 30 ...": a heading over named items
        end = nxt.end
        taken += 1
        i += 1
    return end
