"""Vietnamese temporal expressions: find and normalise every date, period, time and deadline.

A pure function of a string (offsets are character offsets into it), so it works on
``Document.text``, on one line, or on a table cell. The grammar is ours, not dateparser's: off-the-shelf
parsers read "30 tháng" as a date, give year-less dates the *current* year and miss ranges
(FACTS.md). Three stages:

1. atoms: compiled regexes find the smallest pieces (a day-date, a month, a quarter, a year, a
   school year, a clock time, a part of the day, a weekday, a recurrence word);
2. composition: pieces separated by short glue ("ngày", ",", "lúc", "(") become one moment
   ("8h00, Thứ Sáu, ngày 01/12/2017"); two moments joined by "-", "đến", "tới" become a range;
3. context: the words just before a moment ("từ", "trước", "chậm nhất", "dự kiến", "ngày",
   "Quyết định số 12/QĐ-UBND ngày") make it a range start, a deadline, tentative or cited, and are the
   evidence that lets a bare "20/11" count as a date at all.

A missing year comes from the other end of the range, then from ``ref_date`` (the plan's own date),
never from today.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field, replace

__all__ = ["TimeExpr", "dating_span", "find_time_expressions", "parse_issue_date", "iso", "iso_month"]


@dataclass(frozen=True)
class TimeExpr:
    start: int  # char offsets of the matched expression in the input string
    end: int
    text: str
    kind: str  # "point" | "range" | "deadline" | "recurrence" | "period"
    start_value: str | None  # ISO: "2026-03-30", "2026-03-30T08:00", "2023-07", "2023"
    end_value: str | None  # ISO, inclusive; None for a single point
    precision: str  # "minute" | "day" | "month" | "quarter" | "year" | "school-year"
    time_of_day: str | None = None  # "08:00", or "morning"/"noon"/"afternoon"/"evening"/"night"
    end_time_of_day: str | None = None
    tentative: bool = False
    recurrence: str | None = None  # "daily" | "weekly" | "monthly" | "quarterly" | "yearly" | "periodic"
    cited: bool = False  # the date of a cited document, not of an activity
    weekday: int | None = None  # 0 = Monday, as written next to the date
    cue: str | None = None  # the function words before it, lower-cased: "từ ngày", "thời gian: dự kiến"


def iso(d: _dt.date) -> str:
    return d.isoformat()


def iso_month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


# --------------------------------------------------------------------------------------------- atoms

_I = re.IGNORECASE
DAY = r"(?:0?[1-9]|[12]\d|3[01])"
MON = r"(?:0?[1-9]|1[0-2])"
YEAR = r"(?:19\d\d|20\d\d)"
_SL = r"[ \t]{0,2}[/⁄∕][ \t]{0,2}"  # OCR puts spaces around "/" ("ngày10 /3/2026") or reads a fraction slash
_LIST = r"\s*(?:,|-|–|và|đến|tới)\s*"  # "28, 29/8", "28-30/8", "28 đến ngày 30/8"
_DAYLEAD = rf"(?P<lead>{DAY}(?:{_LIST}(?:ngày\s*)?{DAY})*?){_LIST}(?:ngày\s*)?"
_NOT_AFTER_WORD = r"(?:(?<=ngày)|(?<![\w/.,+]))"
_Q = r"(?:IV|I{1,3}|[1-4])(?!\w)"

_ATOMS: list[tuple[str, re.Pattern[str]]] = [
    ("num", re.compile(
        rf"{_NOT_AFTER_WORD}(?:{_DAYLEAD})?(?P<d>{DAY}){_SL}(?P<m>{MON})(?!\d)"
        rf"(?:{_SL}(?P<y>{YEAR}))?(?!\d|[ \t]*/[ \t]*\w)", _I)),
    # "11/16/2012": a spreadsheet's month-first date, read so only where day-first cannot be (day > 12)
    ("mdy", re.compile(rf"{_NOT_AFTER_WORD}(?P<m>{MON}){_SL}(?P<d>1[3-9]|2\d|3[01]){_SL}(?P<y>{YEAR})"
                       rf"(?!\d|[ \t]*/)", _I)),
    ("dash", re.compile(rf"(?<![\w\-/.])(?P<d>{DAY})-(?P<m>{MON})-(?P<y>{YEAR})(?![\d\-])")),
    # newspaper style "ngày 29-9", "hai ngày 12 và 13-4": only right after "ngày" ("2-3 người" is a count)
    ("dashday", re.compile(
        rf"(?:(?<=ngày)|(?<=ngày\s))(?:(?P<lead>{DAY})\s*(?:,|và)\s*)?(?P<d>{DAY})-(?P<m>{MON})"
        rf"(?![\d\-/]|\s*/)", _I)),
    ("dot", re.compile(rf"(?<![\w.,])(?P<d>{DAY})\.(?P<m>{MON})\.(?P<y>{YEAR})(?!\d|\.\d)")),
    ("verbal", re.compile(
        rf"{_NOT_AFTER_WORD}(?:{_DAYLEAD})?(?P<d>{DAY})\s+tháng\s*(?P<m>{MON})(?!\d)"
        rf"(?:\s*,?\s*(?:năm|/)\s*(?P<y>{YEAR})(?!\d))?", _I)),
    # ("tháng 3-5/2024", "tháng 3 đến tháng 5" are spans; "tháng 4 và tháng 8", "tháng 3, tháng 6" a list of months)
    ("month", re.compile(
        rf"(?<!\w)tháng\s*(?:(?P<lead>{MON})\s*(?:(?:-|–|đến|tới)\s*(?:tháng\s*)?|(?:,|và)\s*(?!tháng)))?"
        rf"(?P<m>{MON})(?!\d)"
        rf"(?:\s*(?:/|-|năm)\s*(?P<y>{YEAR})(?!\d))?", _I)),
    # a date whose day is left blank, written with slashes: "Ngày    /7/2023", "ngày ..../7/2023" (the month)
    ("blankday", re.compile(rf"(?<!\w)ngày[ \t]*(?:[._…][ \t]*)*{_SL}(?P<m>{MON}){_SL}(?P<y>{YEAR})(?!\d)", _I)),
    # a date whose month is left blank too: "Tháng    /2012", "ngày   /   /2012" (a draft's year only)
    ("blankmonth", re.compile(rf"(?<!\w)(?:tháng|ngày[ \t]*(?:[._…][ \t]*)*{_SL})[ \t]*(?:[._…][ \t]*)*{_SL}"
                              rf"(?P<y>{YEAR})(?!\d)", _I)),
    ("quarter", re.compile(
        rf"(?<!\w)quý\s*(?:(?P<lead>{_Q})\s*(?:,|-|–|và|đến|tới)\s*(?:quý\s*)?)?(?P<q>{_Q})"
        rf"(?:\s*(?:/|-|năm)\s*(?P<y>{YEAR})(?!\d))?", _I)),
    ("half", re.compile(
        rf"(?<!\w)(?:(?P<n>\d{{1,2}})\s*tháng|nửa)\s*(?P<pos>đầu|cuối)\s*năm(?:\s*(?P<y>{YEAR})(?!\d))?", _I)),
    ("school", re.compile(rf"(?<!\w)năm\s*học(?:\s*mới)?\s*(?P<y>{YEAR})\s*[-–/]\s*(?P<y2>{YEAR})(?!\d)", _I)),
    ("year", re.compile(
        rf"(?<!\w)(?:năm\s*(?P<y>{YEAR})(?:\s*[-–]\s*(?P<y2>{YEAR}))?|giai\s*đoạn\s*(?:từ\s*)?(?:năm\s*)?"
        rf"(?P<gy>{YEAR})\s*(?:-|–|đến(?:\s*năm)?)\s*(?P<gy2>{YEAR}))(?!\d)", _I)),
    ("time", re.compile(
        r"(?<![\w.,:/+])(?P<h>[01]?\d|2[0-3])(?:\s*(?:h|giờ)\s*(?P<mi>[0-5]\d)?(?:\s*phút|['’′´])?"
        r"|g(?P<gm>[0-5]\d)|:(?P<cm>[0-5]\d)(?::[0-5]\d)?)(?!\w)", _I)),
    ("pod", re.compile(r"(?<!\w)(?P<buoi>buổi\s*)?(?P<p>sáng|trưa|chiều|tối|đêm)(?!\w)", _I)),
    ("weekday", re.compile(
        r"(?<!\w)(?P<open>\(\s*)?(?:thứ\s*(?P<w>hai|ba|tư|tu|năm|sáu|bảy|bẩy|[2-7])|(?P<cn>chủ\s*nhật|(?-i:CN)))"
        r"(?!\w)(?(open)\s*\))", _I)),
    ("recur", re.compile(
        r"(?<!\w)(?:(?:vào\s+)?ngày\s*\d{1,2}\s+)?(?:định\s*kỳ\s*)?(?:hàng|hằng|mỗi)\s*"
        r"(?P<u>ngày|tuần|tháng|quý|năm)(?!\w)|(?<!\w)định\s*kỳ(?:\s*\d{1,2}\s*tháng(?:\s*/\s*lần)?)?(?!\w)", _I)),
]
_PRIORITY = {name: i for i, (name, _) in enumerate(_ATOMS)}

_POD = {"sáng": "morning", "trưa": "noon", "chiều": "afternoon", "tối": "evening", "đêm": "night"}
_WEEKDAY = {"hai": 0, "ba": 1, "tư": 2, "tu": 2, "năm": 3, "sáu": 4, "bảy": 5, "bẩy": 5}
_RECUR = {"ngày": "daily", "tuần": "weekly", "tháng": "monthly", "quý": "quarterly", "năm": "yearly"}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_UNIT_PRECISION = {"day": "day", "month": "month", "quarter": "quarter", "half": "month",
                   "school": "school-year", "year": "year"}
_PERIOD_UNITS = {"quarter", "half", "school", "year"}

# "lần thứ 5", "khóa thứ hai": ordinals, not weekdays
_ORDINAL_BEFORE = re.compile(r"(?:lần|kỳ|khóa|khoá|đợt|số|hạng|lớp|phần|điều|bước)\s*$", _I)
# "trong 2 giờ", "kéo dài 3 giờ": durations, not clock times
_DURATION_BEFORE = re.compile(
    r"(?:trong|vòng|mất|kéo\s+dài|thời\s+lượng|tối\s+đa|ít\s+nhất|tổng\s+cộng|thêm|gồm|học)\s*$", _I)
_RATIO_BEFORE = re.compile(r"(?:tỷ|tỉ)\s+lệ\s*$", _I)
_DURATION_AFTER = re.compile(r"\s*(?:/|đồng\s+hồ|học|tín\s+chỉ|liên\s+tục|mỗi)", _I)
# "30 tháng 7" without "ngày" may be "(thời hạn) 30 tháng" and a stray number; a month after a count is a duration
_COUNT_BEFORE = re.compile(r"\d\s*$")
_FRACTION_AFTER = re.compile(r"\s*(?:số|tổng|%|lượng|dân\s+số|diện\s+tích)(?!\w)", _I)
_FRACTION_BEFORE = re.compile(
    r"(?:(?:tỷ|tỉ)\s+lệ[^.;\n\d]{0,20}|(?:chiếm|đạt|bằng|trên|dưới|hơn)\s*(?:từ\s*)?)$", _I)
_NUMBERED_BEFORE = re.compile(
    r"(?<!\w)(?:lớp|tổ|số|phòng|khoản|điều|điểm|mục|câu|trang|tờ|km|quyển|tập|nhà|lô|đường)\s*$", _I)
_WEEK_BEFORE = re.compile(r"(?<!\w)tuần(?:\s+thứ)?\s*$", _I)
_WEEK_NUMBER_BEFORE = re.compile(r"(?<!\w)tuần(?:\s+thứ)?\s*\d{1,2}\s*(?:của\s*)?$", _I)
# a list of days ("28, 29/8") must be introduced as one: "ngày 28, 29/8", "từ 28 - 30/8"
_LEAD_CUE = re.compile(r"(?:ngày|từ|hôm)\s*:?\s*$", _I)  # also "03 ngày: 24, 25 và 26 tháng 8"


@dataclass
class _Part:
    """A piece under construction: an atom, a moment built from atoms, or a range of two moments."""

    start: int
    end: int
    unit: str | None = None  # day | month | quarter | half | school | year
    y: int | None = None
    m: int | None = None
    d: int | None = None
    ey: int | None = None  # inclusive end, when the piece is a span
    em: int | None = None
    ed: int | None = None
    end_unit: str | None = None  # a span from a month to a day: "từ tháng 01 đến ngày 15/3/2026"
    end_pod: str | None = None  # the part of the day written with a span's end
    time: tuple[int, int] | None = None
    end_time: tuple[int, int] | None = None
    pod: str | None = None
    bare_pod: bool = False  # "sáng" without "buổi": a time word only when next to a date or time
    weekday: int | None = None
    recurrence: str | None = None
    needs_anchor: bool = False  # year-less "20/11": a date only with a cue ("ngày", "từ", a time...)
    kinds: list[str] = field(default_factory=list)
    ranged: bool = False


def _i(s: str | None) -> int | None:
    return int(s) if s else None


def _atom(name: str, m: re.Match[str], text: str) -> _Part | None:
    s, e = m.span()
    p = _Part(s, e, kinds=[name])
    g = m.groupdict()
    if name in ("num", "mdy", "dash", "dashday", "dot", "verbal"):
        p.unit, p.d, p.m, p.y = "day", int(g["d"]), int(g["m"]), _i(g.get("y"))
        p.needs_anchor = p.y is None
        if p.y is None and (_FRACTION_AFTER.match(text, e) or _FRACTION_BEFORE.search(text, max(0, s - 30), s)
                            or _NUMBERED_BEFORE.search(text, max(0, s - 10), s)):
            return None  # "1/2 số phiếu", "tỷ lệ đạt từ 1/3", "lớp 6/1", "khoản 2/3"
        if _WEEK_BEFORE.search(text, max(0, s - 12), s):
            return None  # "tuần 2 tháng 4/2024": the second week of April, not the 2nd
        if g.get("lead"):
            first = int(_NUMBER.match(g["lead"]).group())
            if not _LEAD_CUE.search(text, max(0, s - 12), s):
                p.start = m.start("d")  # "Quận 11, ngày 21 tháng 1": a place number, not a day list
            elif first < p.d:
                p.ey, p.em, p.ed = p.y, p.m, p.d
                p.d = first
    elif name == "month":
        if _COUNT_BEFORE.search(text, max(0, s - 4), s) and not _WEEK_NUMBER_BEFORE.search(text, max(0, s - 16), s):
            return None  # ("3 tháng": a duration; "tuần 2 tháng 4": a week of the month)
        p.unit, p.m, p.y = "month", int(g["m"]), _i(g["y"])
        if g["lead"]:  # "tháng 3-5/2024"; "tháng 11 - tháng 2/2024" starts the year before
            first = int(g["lead"])
            p.ey, p.em, p.m = p.y, p.m, first
            if first >= p.em:
                p.y = None
    elif name == "blankday":
        p.unit, p.m, p.y = "month", int(g["m"]), int(g["y"])
    elif name == "blankmonth":
        p.unit, p.y = "year", int(g["y"])
    elif name == "quarter":
        q = _quarter(g["q"])
        q0 = _quarter(g["lead"]) if g["lead"] else q
        if q0 > q:
            q0 = q
        p.unit, p.y, p.m, p.ey, p.em = "quarter", _i(g["y"]), 3 * q0 - 2, _i(g["y"]), 3 * q
    elif name == "half":
        n = int(g["n"]) if g["n"] else 6
        if not 1 <= n <= 11:
            return None
        first = 1 if g["pos"].lower() == "đầu" else 13 - n
        p.unit, p.y, p.m, p.ey, p.em = "half", _i(g["y"]), first, _i(g["y"]), first + n - 1
    elif name == "school":
        y, y2 = int(g["y"]), int(g["y2"])
        if y2 != y + 1:
            return None
        p.unit, p.y, p.m, p.ey, p.em = "school", y, 9, y2, 5
    elif name == "year":
        y, y2 = _i(g["y"] or g["gy"]), _i(g["y2"] or g["gy2"])
        p.unit, p.y = "year", y
        if y2 is not None:
            if y2 <= y:
                return None
            p.ey = y2
    elif name == "time":
        if _DURATION_BEFORE.search(text, max(0, s - 20), s) or _DURATION_AFTER.match(text, e):
            return None
        if g["cm"] and _RATIO_BEFORE.search(text, max(0, s - 10), s):
            return None  # "tỷ lệ 1:50"
        minute = g["mi"] or g["gm"] or g["cm"] or "0"
        p.time = (int(g["h"]), int(minute))
    elif name == "pod":
        p.pod, p.bare_pod = _POD[g["p"].lower()], not g["buoi"]
    elif name == "weekday":
        if _ORDINAL_BEFORE.search(text, max(0, s - 8), s):
            return None
        w = g["w"]
        p.weekday = 6 if g["cn"] else (int(w) - 2 if w.isdigit() else _WEEKDAY[w.lower()])
    elif name == "recur":  # "ngày 15 hàng tháng" stays in the text; the value has no single date
        p.recurrence = _RECUR[g["u"].lower()] if g["u"] else "periodic"
    return p


def _quarter(s: str) -> int:
    return int(s) if s.isdigit() else _ROMAN[s.lower()]


# Every atom starts at a number or at one of a few words: find those with str.find and try only the
# atoms that can start there (13 full-text regex scans cost ~7 ms on a 15 KB plan; this ~2 ms).
_NUMBER = re.compile(r"[0-9]+")
_BY_TRIGGER: dict[str, tuple[str, ...]] = {
    "(": ("weekday",), "tháng": ("month", "blankmonth"), "quý": ("quarter",), "năm": ("school", "year"),
    "giai": ("year",), "nửa": ("half",), "buổi": ("pod",), "thứ": ("weekday",), "chủ": ("weekday",),
    "cn": ("weekday",), "hàng": ("recur",), "hằng": ("recur",), "mỗi": ("recur",), "định": ("recur",),
    "vào": ("recur",), "ngày": ("recur", "blankday", "blankmonth"),
    **{w: ("pod",) for w in ("sáng", "trưa", "chiều", "tối", "đêm")},
}
_DIGIT_ATOMS = ("num", "mdy", "dash", "dashday", "dot", "verbal", "half", "time")
_ATOM_RX = dict(_ATOMS)


def _find_atoms(text: str) -> list[_Part]:
    low = text.lower()
    if len(low) != len(text):  # a letter whose lower case is longer: keep offsets, scan the text itself
        low = text
    triggers = [(m.start(), _DIGIT_ATOMS) for m in _NUMBER.finditer(text)]
    for word, names in _BY_TRIGGER.items():
        i = low.find(word)
        while i >= 0:
            triggers.append((i, names))
            i = low.find(word, i + 1)
    found: list[tuple[int, int, int, str, re.Match[str]]] = []
    for pos, names in triggers:
        for name in names:
            m = _ATOM_RX[name].match(text, pos)
            if m:
                found.append((m.start(), -m.end(), _PRIORITY[name], name, m))
    found.sort(key=lambda t: t[:3])
    parts: list[_Part] = []
    last_end = -1
    for start, _neg_end, _prio, name, m in found:
        if start < last_end:
            continue
        p = _atom(name, m, text)
        if p is not None:
            parts.append(p)
            last_end = m.end()
    return parts


# --------------------------------------------------------------------------------------- composition

# what may stand between the pieces of one moment: "8h00, Thứ Sáu, ngày 01/12", "sáng ngày 12/4"
_GLUE = re.compile(r"\s*\(?\s*,?\s*(?:(?:vào\s+)?(?:lúc|(?:các\s+)?ngày|hôm|từ)\s*)?", _I)
# what joins the two ends of a range; a dash must stay on the line, "đến" may wrap
_TIME_THEN_DAY = re.compile(r"\s*,?\s*(?:ngày\s*)?", _I)
# (the first day may close its brackets first: "từ thứ Hai (15/4) đến thứ Sáu (19/4/2024)")
# (the end may be a named day: "từ tháng 01 đến ngày bầu cử 15/3/2026", "đến ngày khai giảng 05/9")
_CONN = re.compile(
    r"(?:[ \t]*\))?(?:[ \t]*(?:[-–—~]|->)[ \t]*(?:ngày[ \t]*)?|\s*(?:cho\s+)?(?:đến|tới)(?:\s+hết)?\s*"
    r"(?:(?:ngày|hôm)\s*(?:(?:bầu\s+cử|khai\s+giảng|bế\s+giảng|khai\s+mạc|bế\s+mạc|tổng\s+kết|tựu\s+trường"
    r"|thi|hội|kết\s+thúc)\s*(?:là\s*)?:?\s*(?:ngày\s*)?)?)?)", _I)
_AND_DAY = re.compile(r"\s*và\s+(?:cả\s+)?(?:ngày\s*)?", _I)
_LUNAR = re.compile(r"\s*\(?\s*(?:âm\s+lịch|ÂL)(?!\w)", _I)
_TIME_CONN = re.compile(r"\s*(?:[-–—]|đến|tới)\s*", _I)
_SPACES = re.compile(r"[ \t]+")
_FROM_BEFORE = re.compile(r"(?<!\w)từ\s*$", _I)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _full(rx: re.Pattern[str], text: str, a: int, b: int) -> bool:
    return rx.fullmatch(text, a, b) is not None and not _BLANK_LINE.search(text, a, b)


def _merge_time_ranges(parts: list[_Part], text: str) -> list[_Part]:
    out: list[_Part] = []
    for p in parts:
        prev = out[-1] if out else None
        if (prev and p.kinds == ["time"] and prev.kinds == ["time"] and prev.end_time is None
                and (_full(_TIME_CONN, text, prev.end, p.start)
                     # "Từ 14:00 16:00": the dash lost (OCR), "từ" still says a range follows
                     or (_full(_SPACES, text, prev.end, p.start) and _FROM_BEFORE.search(text, 0, prev.start)))):
            prev.end_time, prev.end = p.time, p.end
            prev.kinds.append("time")
            continue
        out.append(p)
    return out


def _can_attach(a: _Part, b: _Part) -> bool:
    """May two pieces be one moment? Never two dates, two clock times, two weekdays..."""
    if a.unit and b.unit:
        return False
    if (a.time and b.time) or (a.pod and b.pod) or (a.weekday is not None and b.weekday is not None):
        return False
    if a.recurrence and b.recurrence:
        return False
    unit = a.unit or b.unit
    has_clock = a.time or b.time or a.pod or b.pod or a.weekday is not None or b.weekday is not None
    if unit and unit != "day" and has_clock:  # "tháng 7 8h00": no
        return False
    return True


def _attach(a: _Part, b: _Part) -> _Part:
    out = replace(a, end=b.end, kinds=a.kinds + b.kinds)
    for name in ("unit", "y", "m", "d", "ey", "em", "ed", "time", "end_time", "pod", "weekday", "recurrence"):
        if getattr(out, name) is None and getattr(b, name) is not None:
            setattr(out, name, getattr(b, name))
    if b.unit:
        out.needs_anchor = b.needs_anchor
    out.bare_pod = (a.bare_pod or b.bare_pod) and not (out.unit or out.time or out.weekday is not None)
    return out


def _clock_only(p: _Part) -> bool:
    return p.unit is None and (p.time is not None or p.pod is not None)


def _moments(parts: list[_Part], text: str) -> list[_Part]:
    out: list[_Part] = []
    for i, p in enumerate(parts):
        prev = out[-1] if out else None
        nxt = parts[i + 1] if i + 1 < len(parts) else None
        if (prev and prev.unit and _clock_only(p) and nxt is not None and nxt.unit and _can_attach(p, nxt)
                and _full(_TIME_THEN_DAY, text, p.end, nxt.start)):
            # "Ngày Chiến thắng 30/4 vào lúc 7 giờ 00 ngày 29/4/2024": a time written just before a
            # day ("7 giờ 00 ngày ...") is that day's, not the one before it
            out.append(p)
            continue
        if prev and _can_attach(prev, p) and _full(_GLUE, text, prev.end, p.start):
            out[-1] = _attach(prev, p)
            continue
        out.append(p)
    return out


def _range_compatible(a: _Part, b: _Part) -> bool:
    if a.recurrence or b.recurrence or a.ranged or b.ranged:
        return False
    if a.unit is None or b.unit is None:
        return False
    if a.unit == "month" and b.unit == "day" and a.ey is None and a.em is None and b.ed is None and b.em is None:
        return True  # "từ tháng 01 đến ngày 15/3/2026": from a month to a day of a later one
    if a.unit != b.unit or a.unit in ("school", "half"):
        return False
    return a.unit == "quarter" or (a.ey is None and a.em is None and a.ed is None)


def _ranges(parts: list[_Part], text: str) -> list[_Part]:
    out: list[_Part] = []
    for p in parts:
        prev = out[-1] if out else None
        if (prev and prev.unit == "day" and prev.time and prev.end_time is None and p.kinds == ["time"]
                and _full(_CONN, text, prev.end, p.start)):
            prev.end_time, prev.end = p.time, p.end  # "từ 7h30 ngày 20/11 đến 11h00": the same day
            prev.kinds.append("time")
            continue
        # "Chiều ngày 28/12 và cả ngày 29/12/2011": two days running, joined by "và", are one stretch
        next_day = (prev is not None and prev.unit == p.unit == "day" and prev.d is not None and p.d == prev.d + 1
                    and prev.m is not None and prev.m == p.m and _full(_AND_DAY, text, prev.end, p.start))
        if prev and _range_compatible(prev, p) and (_full(_CONN, text, prev.end, p.start) or next_day):
            r = replace(prev, end=p.end, kinds=prev.kinds + p.kinds, ranged=True)
            spans = p.em is not None or p.ey is not None  # "Quý I - Quý II/2023": the end of the end
            r.ey, r.em, r.ed = (p.ey, p.em, p.ed) if spans else (p.y, p.m, p.d)
            if prev.unit != p.unit:
                r.end_unit = p.unit
            r.end_time = p.end_time or p.time
            r.pod = prev.pod or p.pod
            r.end_pod = p.pod  # "từ 18h00 tối ... đến 03h00 sáng ...": the end's own part of the day
            r.weekday = prev.weekday if prev.weekday is not None else p.weekday
            r.needs_anchor = prev.needs_anchor and p.needs_anchor
            r.bare_pod = False
            if _range_order_ok(r):
                out[-1] = r
                continue
        out.append(p)
    return out


# what joins the members of a list of days or months: "ngày 15/3 và ngày 22/3/2026", "tháng 4, tháng 8 năm 2026"
_LIST_JOIN = re.compile(r"\s*(?:,|;|và|hoặc)\s*(?:(?:vào\s+)?(?:ngày|tháng)\s*)?$", _I)


def _list_years(parts: list[_Part], text: str) -> None:
    """A year written once, at the end of a list, is every member's: "vào ngày 15/3 và ngày 22/3/2026"
    (a member later in the year than the last one belongs to the year before)."""
    for i in range(len(parts) - 2, -1, -1):
        p, q = parts[i], parts[i + 1]
        if p.y is not None or q.y is None or p.unit != q.unit or p.unit not in ("day", "month") or p.ey is not None \
                or p.em is not None or p.time or q.ranged:
            continue
        if not _LIST_JOIN.match(text[p.end:q.start]):
            continue
        later = (p.m or 0, p.d or 0) > (q.m or 0, q.d or 0)
        p.y = q.y - 1 if later else q.y
        p.needs_anchor = False


def _range_order_ok(r: _Part) -> bool:
    """Both years written and the end before the start: two dates, not a range."""
    if r.y is None or r.ey is None:
        return True
    return (r.ey, r.em or 0, r.ed or 0) >= (r.y, r.m or 0, r.d or 0)


# ------------------------------------------------------------------------------------------- context

_TOKENS = re.compile(
    r"(?:^|(?<=[\s(\[,:;]))(?:"
    r"(?P<ngay>(?:các\s+)?ngày)"
    r"|(?P<until>từ\s+nay\s+(?:đến|tới)(?:\s+hết)?|cho\s+(?:đến|tới)(?:\s+hết)?|(?:đến|tới)(?:\s+hết)?)"
    r"|(?P<from>kể\s+từ|bắt\s+đầu\s+từ|từ)"
    r"|(?P<deadline>trước|(?<![^\W\d_])rước|chậm\s+nhất(?:\s+là)?|muộn\s+nhất(?:\s+là)?|hạn\s+chót(?:\s+là)?|hạn\s+cuối(?:\s+là)?"
    r"|hạn\s+nộp|thời\s+hạn(?:\s+hoàn\s+thành)?(?:\s+là)?|không\s+quá|không\s+muộn\s+hơn|hạn)"
    r"|(?P<tent>dự\s+kiến|dự\s+định|khoảng|tầm)"
    r"|(?P<inside>vào\s+lúc|lúc|vào|trong|hôm|sau|dịp)"
    # the lead and its date on one line, or the line wrapped between them; never across a colon ending
    # its line or a blank line ("... như sau:\n\nNgày 26/3/2024, ..." is no "sau ngày ...")
    r")(?:[ \t]*:?[ \t]*|[ \t]*\n[ \t]*)$", _I)
_LABEL = re.compile(r"(?:^|(?<=[\s(\[,;]))(?:thời\s+gian|thời\s+điểm|ngày\s+giờ)[^\n:]{0,30}:\s*$", _I)
_DEADLINE_LABEL = re.compile(
    r"(?:^|(?<=[\s(\[,;]))(?:hạn\s+(?:chót|cuối|nộp)|thời\s+hạn|chậm\s+nhất)[^\n:]{0,40}:\s*$", _I)
_FINISH = re.compile(r"(?:hoàn\s+thành|hoàn\s+tất|xong|kết\s+thúc)[^\n.;:]{0,50}$", _I)
_CLOSE = re.compile(r"[ \t]*\)")
_TENTATIVE_AFTER = re.compile(r"\s*\(\s*(?:dự\s+kiến|dự\s+định)\s*\)", _I)
# a year-less "20/11" is a date after these: "kỷ niệm 26/3", "Ngày Nhà giáo Việt Nam 20/11", "(26/3)"
_ANCHOR_WORDS = re.compile(r"(?:(?:kỷ\s+niệm|lễ|tết|dịp)\s*|(?<!\w)ngày(?:\s+\w+){1,6}\s*|\(\s*)$", _I)

# "Quyết định số 1050/QĐ-SCT ngày", "Nghị định 30/2020/NĐ-CP ngày", "Kế hoạch số 183 ngày", "ban hành ngày"
_DOC_TYPES = (r"Quyết\s+định|Kế\s+hoạch|Công\s+văn|Thông\s+báo|Nghị\s+định|Thông\s+tư|Chỉ\s+thị|Nghị\s+quyết"
              r"|Văn\s+bản|Tờ\s+trình|Thông\s+tri|Kết\s+luận|Quy\s+định|Luật")
# with a number these are references too; alone ("Báo cáo ngày 20/5") they are often a task
_DOC_TYPES_NUMBERED = _DOC_TYPES + r"|Hướng\s+dẫn|Báo\s+cáo|Chương\s+trình|Đề\s+án|Giấy\s+mời|Quy\s+chế|Điều\s+lệ"
_CITED = re.compile(
    # 1050/QĐ-SCT, 30/2020/NĐ-CP, 183-KH/TWĐTN, "298 KH/TWĐTN", "367 - QĐ/TWĐTN"
    r"(?:(?<!\d)\d+\s*(?:/\s*\d{4}\s*)?(?:[/-]\s*[A-ZĐ][\wĐđ]*|[-–]?\s*[A-ZĐ][\wĐđ]*\s*/\s*[A-ZĐ][\wĐđ]*)"
    r"(?:\s*[-/.&]\s*[A-ZĐ][\wĐđ]*)*"
    rf"|(?i:(?<!\w)(?:{_DOC_TYPES_NUMBERED})\s*(?:liên\s+tịch\s*)?số\s*:?\s*\d+[\w/.\-]*)"  # Kế hoạch số 183
    rf"|(?<!\w)(?:{_DOC_TYPES})"  # "theo Thông báo ngày ..."
    r"|(?<!\w)(?:ban\s+hành|[Kk]ý|thông\s+qua|phê\s+duyệt))"
    r"\s*,?\s*$")
# "(Đính kèm biên bản họp hội đồng khoa học ngày 24/03/2026)", "(Kèm theo Kế hoạch ... ngày ...)": the
# date of the text an annex belongs to
_ATTACHED_TO = re.compile(r"(?:kèm\s+theo|đính\s+kèm)\s[^()\n]{0,120}$", _I)
_LAW = re.compile(r"(?:Luật|Bộ\s+luật|Hiến\s+pháp|Pháp\s+lệnh)\s[^;.\n]{0,100}$")


@dataclass
class _Context:
    start: int
    kinds: set[str]
    cue: str | None
    label: bool
    cited: bool
    finish: bool
    named: bool = False  # year-less, anchored only by a name's words ("Ngày Chiến thắng 30/4", "kỷ niệm 26/3")


def _context(text: str, start: int) -> _Context:
    lo = max(0, start - 120)
    window = text[lo:start]
    cur = len(window)
    kinds: set[str] = set()
    for _ in range(6):
        m = _TOKENS.search(window, 0, cur)
        if not m:
            break
        kinds.add(m.lastgroup or "")
        cur = m.start()
    before = window[:cur]
    label_match = _LABEL.search(before) or _DEADLINE_LABEL.search(before)
    label = label_match is not None
    cited = "ngay" in kinds and (_CITED.search(before[-80:]) is not None or _LAW.search(before) is not None
                                 or _ATTACHED_TO.search(before) is not None)
    finish = bool(kinds & {"inside", "deadline"}) and _FINISH.search(before) is not None
    if label_match and _DEADLINE_LABEL.match(label_match.group()):  # "Hạn cuối nhận bài: 17h00, ngày 30/4"
        kinds.add("deadline")
    cue_text = window[cur:].strip()
    if label_match:
        cue_text = (label_match.group().strip() + " " + cue_text).strip()
    cue = " ".join(cue_text.split()).lower() or None
    named = False
    if not label and _ANCHOR_WORDS.search(before):
        label = named = not kinds
    return _Context(lo + cur, kinds, cue, label, cited, finish, named)


# ----------------------------------------------------------------------------------------- resolving


def _doc_year(text: str) -> int | None:
    """The year of the plan's own date line, when the caller gave no ref_date."""
    m = _ISSUE_IN_TEXT.search(text)
    return int(m.group(1)) if m else None


_ISSUE_IN_TEXT = re.compile(rf"\w,\s*ngày\s*\d{{1,2}}\s*tháng\s*\d{{1,2}}\s*năm\s*({YEAR})", _I)


def _resolve_years(p: _Part, ref_year: int | None) -> tuple[int | None, int | None]:
    """Start and end year of a piece; year-less ends borrow from the other end, then from the plan."""
    y, ey = p.y, p.ey
    has_end = p.em is not None or p.ed is not None or p.ey is not None
    if not has_end:
        return (y if y is not None else ref_year), None
    start_key, end_key = (p.m or 0, p.d or 0), (p.em if p.em is not None else (p.m or 0), p.ed or 0)
    if y is None and ey is not None:
        y = ey - 1 if start_key > end_key else ey
    elif ey is None and y is not None:
        ey = y + 1 if end_key < start_key else y
    elif y is None and ey is None and ref_year is not None:
        y = ref_year
        ey = ref_year + 1 if end_key < start_key else ref_year
    return y, ey


def _valid_day(y: int | None, m: int | None, d: int | None) -> bool:
    try:
        _dt.date(y if y is not None else 2000, m or 1, d or 1)
    except ValueError:
        return False
    return True


def _value(unit: str | None, y: int | None, m: int | None, d: int | None,
           clock: tuple[int, int] | None) -> str | None:
    if unit is None or y is None:
        return None
    if unit == "year":
        return f"{y:04d}"
    if unit == "day":
        s = f"{y:04d}-{m:02d}-{d:02d}"
        return s + f"T{clock[0]:02d}:{clock[1]:02d}" if clock else s
    return iso_month(y, m or 1)


def _hhmm(t: tuple[int, int] | None) -> str | None:
    return f"{t[0]:02d}:{t[1]:02d}" if t else None


def _afternoon(t: tuple[int, int] | None, pod: str | None) -> tuple[int, int] | None:
    """"2 giờ chiều" is 14:00."""
    if t and pod in ("afternoon", "evening", "night") and 1 <= t[0] < 12:
        return (t[0] + 12, t[1])
    return t


def _build(p: _Part, ctx: _Context, text: str, ref_year: int | None) -> TimeExpr | None:
    unit = p.unit
    if unit is None and p.time is None and p.recurrence is None and (p.pod is None or p.bare_pod):
        return None  # a lone weekday or a bare "sáng"
    # two year-less days joined by a dash ("30/4 - 1/5") are a range; backwards ("1/3 - 1/2") they are fractions
    ranged_ok = p.ranged and (p.em or 0, p.ed or 0) >= (p.m or 0, p.d or 0)
    anchored = bool(ctx.kinds) or ctx.label or ranged_ok or p.time or p.pod or p.weekday is not None or p.recurrence
    if p.needs_anchor and not anchored:
        return None  # "lớp 6/1", "3/4 số phiếu"
    y, ey = _resolve_years(p, ref_year)
    if unit == "day":
        if not _valid_day(y, p.m, p.d):
            return None
        if (p.ed is not None or p.em is not None) and not _valid_day(ey, p.em, p.ed):
            return None
    time, end_time = _afternoon(p.time, p.pod), _afternoon(p.end_time, p.end_pod or p.pod)
    start_value = _value(unit, y, p.m, p.d, time)
    end_value: str | None = None
    if p.ey is not None or p.em is not None or p.ed is not None:
        end_value = _value(p.end_unit or unit, ey, p.em if p.em is not None else p.m, p.ed, end_time)
    elif end_time and unit == "day":
        end_value = _value(unit, y, p.m, p.d, end_time)
    if unit == "year" and ey is None:
        end_value = None

    end = p.end
    if text.count("(", ctx.start, end) > text.count(")", ctx.start, end):
        close = _CLOSE.match(text, end)  # "ngày 20/11 (8h00 - 11h00)": keep the brackets balanced
        end = close.end() if close else end
    tentative = "tent" in ctx.kinds
    after = _TENTATIVE_AFTER.match(text, end)
    if after:
        tentative, end = True, after.end()

    if p.recurrence:
        kind = "recurrence"
    elif not p.ranged and ("deadline" in ctx.kinds or ctx.finish or (
            "until" in ctx.kinds and "from" not in ctx.kinds and unit in ("day", "month", None))):
        kind = "deadline"
    elif unit in _PERIOD_UNITS:
        kind = "period"
    elif end_value is not None or end_time is not None:
        kind = "range"
    else:
        kind = "point"

    if time:
        precision = "minute"
    elif unit:
        precision = _UNIT_PRECISION[unit]
    elif p.recurrence:
        precision = {"yearly": "year", "quarterly": "quarter", "monthly": "month"}.get(p.recurrence, "day")
    else:
        precision = "day"
    return TimeExpr(
        start=ctx.start, end=end, text=text[ctx.start:end], kind=kind,
        start_value=start_value, end_value=end_value, precision=precision,
        time_of_day=_hhmm(time) or p.pod, end_time_of_day=_hhmm(end_time),
        tentative=tentative, recurrence=p.recurrence, cited=ctx.cited and not p.ranged,
        weekday=p.weekday, cue=ctx.cue,
    )


_OCR_DATE_NUMBER = re.compile(r"(?<![^\W\d_])((?:ngày|tháng|năm)\s+)((?=[\dlIO]*\d)[\dlIO]{2,4})(?![^\W\d_])")
_OCR_DIGITS = str.maketrans("lIO", "110")
# in a scan's hours: a stray letter between the hour and its "h", an "n" read for the "h"
_OCR_CLOCK_MARK = re.compile(r"(?<=\d)(?:[Tt](?=h[\dSsO]{2}(?![^\W_]))|n(?=[\dSsO]{2}(?![^\W_])))")
# the minutes after an hour's "h" with letters for digits: "9h1S", "9h4s", "10hO5"
_OCR_MINUTES = re.compile(r"(?<=\d[hg])[\dSsOo]{2}(?![^\W_])")
_OCR_MINUTE_DIGITS = str.maketrans("SsOo", "5500")
# the later numbers of a day written with slashes ("ngày 15/O3/2024", "đến ngày 20/3/2O24")
_OCR_SLASHED_DATE = re.compile(r"(?<![^\W\d_])((?:ngày|đến)\s+)((?=[\dlIO/.\-\s]*\d[\dlIO/.\-\s]*\d)"
                               r"[\dlIO]{1,2}\s*[/.-]\s*[\dlIO]{1,2}(?:\s*[/.-]\s*[\dlIO]{2,4})?)(?![^\W_])", re.I)


# the date words with their tone misread ("19 thắng 03 nãm 2022", "ngay 05"), before a number
_A = "aáàảãạăắằẳẵặâấầẩẫậ"
_OCR_DATE_WORD = re.compile(
    rf"(?<![^\W\d_])(?:(th[{_A}]ng)(?=\s+[\dlIO]{{1,2}}\s*(?:[/.-]|n[{_A}]m|$))|(n[{_A}]m)(?=\s+(?:19|20)\d\d)"
    rf"|(ng[{_A}]y)(?=\s+[\dlIO]{{1,2}}\s*(?:[/.-]|th[{_A}]ng))"
    rf"|(đ[eéèẻẽẹêếềểễệ]n)(?=\s+(?:ng[{_A}]y\s+)?[\dlIO]{{1,2}}\s*(?:[/.-]|[hg](?:\d|\s|$))))", re.M)


def ocr_repaired(text: str) -> str:
    """A scan's text with the letters OCR reads for digits in a date's numbers put back ("ngày l5
    tháng 02", "năm 2O12") and the date words whose marks it misread ("thắng", "nãm"); the length
    is kept, so offsets into the text still hold."""
    text = _OCR_DATE_WORD.sub(
        lambda m: "tháng" if m.group(1) else "năm" if m.group(2) else "ngày" if m.group(3) else "đến", text)
    text = _OCR_DATE_NUMBER.sub(lambda m: m.group(1) + m.group(2).translate(_OCR_DIGITS), text)
    text = _OCR_SLASHED_DATE.sub(lambda m: m.group(1) + m.group(2).translate(_OCR_DIGITS), text)
    # an hour's letters ("7Th45" -> "7 h45", "9n45" -> "9h45") and its minutes' ("9h1S" -> "9h15")
    text = _OCR_CLOCK_MARK.sub(lambda m: " " if m.group(0) in "Tt" else "h", text)
    text = _OCR_MINUTES.sub(lambda m: m.group(0).translate(_OCR_MINUTE_DIGITS), text)
    # two hours side by side are a range whose dash OCR lost ("13h00 17h30 ngày 17/10/2019")
    return _OCR_CLOCK_PAIR.sub(lambda m: f"{m.group(1)}-{m.group(2)}", text)


_HOUR_MARK = r"(?:[01]?\d|2[0-3])[hg](?:[0-5]\d)?"
_OCR_CLOCK_PAIR = re.compile(rf"(?<![\w:])({_HOUR_MARK}) ({_HOUR_MARK})(?!\w)")


def find_time_expressions(text: str, *, ref_date: _dt.date | None = None) -> list[TimeExpr]:
    """Every temporal expression in ``text``, in order, normalised.

    ``ref_date`` is the plan's own date: year-less dates take its year. Without it, the year of a
    "<place>, ngày .. tháng .. năm ..." line in the text is used; failing that, year-less dates keep
    ``start_value`` None (the current year is never assumed).
    """
    parts = _find_atoms(text)
    parts = _merge_time_ranges(parts, text)
    parts = _moments(parts, text)
    parts = _ranges(parts, text)
    _list_years(parts, text)
    ref_year = ref_date.year if ref_date else None
    if ref_year is None and any(p.unit and p.y is None for p in parts):
        ref_year = _doc_year(text)
    out: list[TimeExpr] = []
    for i, p in enumerate(parts):
        ctx = _context(text, p.start)
        nxt = parts[i + 1] if i + 1 < len(parts) else None
        if (ctx.named and p.y is None and not (p.time or p.pod) and nxt is not None and nxt.unit == "day"
                and nxt.y is not None and (nxt.time or nxt.pod) and nxt.start - p.end <= 40
                and not re.search(r"[.;\n]", text[p.end:nxt.start])):
            continue  # "Lễ kỷ niệm Ngày Chiến thắng 30/4 vào lúc 7 giờ 00 ngày 29/4/2024": 30/4 names the day
        if p.unit and _LUNAR.match(text, p.end):
            continue  # "Ngày 15 tháng 8 âm lịch": a day of the lunar calendar, not of the plan's
        expr = _build(p, ctx, text, ref_year)
        if expr is not None:
            out.append(expr)
    return out


# -------------------------------------------------------------------------------------- issue date

_DIGITISH = r"[0-9OoIlÏ|]"  # OCR reads 1 as I, l, Ï, | and 0 as O in the date line
_ISSUE = re.compile(
    rf"ngày\s*(?P<d>{_DIGITISH}{{1,2}})\s*tháng\s*(?P<m>{_DIGITISH}{{1,2}})\s*năm\s*(?P<y>\d{{4}})"
    rf"|ngày\s*(?P<d2>\d{{1,2}}){_SL}(?P<m2>\d{{1,2}}){_SL}(?P<y2>\d{{4}})"
    # the day left blank (signed e-documents) or unreadable (handwriting under OCR: "ngày ¿| )tháng 11")
    rf"|ngày[^\d\n]{{0,8}}tháng\s*\S{{0,3}}\s*năm\s*\d{{4}}",
    _I)
_OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "Ï": "1", "|": "1"})


def parse_issue_date(line: str) -> tuple[str | None, _dt.date | None, tuple[int, int] | None]:
    """'Gia Lai, ngày 06 tháng 3 năm 2026' -> ('Gia Lai', date(2026, 3, 6), span of 'ngày ... 2026').

    The place may be absent (None). The date is None when the line has no readable full date
    (e.g. a signed e-document whose day is drawn in a stamp: "ngày tháng 01 năm 2025").
    """
    m = _ISSUE.search(line)
    if not m:
        return None, None, None
    place = _place_before(line[: m.start()])
    d_s, m_s, y_s = (m.group("d"), m.group("m"), m.group("y")) if m.group("d") else (
        m.group("d2"), m.group("m2"), m.group("y2"))
    if not d_s:
        return place, None, None
    try:
        day = _dt.date(int(y_s), int(m_s.translate(_OCR_DIGITS)), int(d_s.translate(_OCR_DIGITS)))
    except ValueError:
        return place, None, None
    return place, day, m.span()


# the lower-case words a place name may hold: "Thành phố Hồ Chí Minh", "thị xã Cửa Lò"
_PLACE_WORDS = {"phố", "xã", "thị", "trấn", "huyện", "tỉnh", "quận", "phường"}


def dating_span(line: str) -> tuple[int, int] | None:
    """The span of the "ngày ... tháng ... năm ..." that dates the document itself on ``line`` — after
    a place's name ("Bắc Giang, ngày 17 tháng 10 năm 2012"), or with its day left blank first in its
    column ("ngày    tháng 10 năm 2012") — or None. A sentence that goes on to such a date
    ("Hội nghị tổ chức vào sáng thứ Ba, ngày 21 tháng 10 năm 2024") does not date the document."""
    m = _ISSUE.search(line)
    if not m or "tháng" not in m.group(0).lower():
        return None  # ("Ngày 02/4/2024: ..." leads an item of a schedule)
    before = line[:m.start()]
    column = _COLUMNS.split(before.rstrip(" \t"))[-1]
    if not column.strip():
        # first in its line or column, a day left blank is a form's date ("ngày    tháng 10 năm 2012");
        # with its day it may head a programme ("Ngày 28 tháng 8 năm 2025")
        return None if m.group("d") else m.span()
    words = column.rstrip(" ,").split(",")[-1].split()
    if column.rstrip().endswith(",") and 0 < len(words) <= 6 and \
            all(w[:1].isupper() or w.lower() in _PLACE_WORDS for w in words):
        return m.span()
    return None


_COLUMNS = re.compile(r"\t| {2,}")


def _place_before(before: str) -> str | None:
    """The place name right before ", ngày": the last column of the line, without a header's spill-over."""
    chunk = _COLUMNS.split(before.rstrip(" ,\t"))[-1]
    chunk = chunk.split(",")[-1].strip(" -–:")  # "Số: 242/TB-SYT, Kiên Giang, ngày": the last segment
    words = chunk.split()
    # an interleaved OCR header leaves the end of the left column in front: "MINH Quận 11"
    while len(words) > 1 and words[0].isupper() and "." not in words[0] and any(
            not w.isupper() for w in words[1:]):
        words.pop(0)
    place = " ".join(words)
    if not place or len(place) > 60 or not any(ch.isalpha() for ch in place):
        return None
    return place
