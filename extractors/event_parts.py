"""What every way of finding a plan's events shares: the event record, the schedule being built, the
times of a stretch of text and which of them schedule something, and how an event's description is
cut from the words around its time."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from extractors.dates import TimeExpr, find_time_expressions, ocr_repaired
from extractors.types import on_scan
from extractors.venues import COUNTED_PLACES, Venue
from pipeline.document import Document, Span


@dataclass
class EventFound:
    what: str | None
    when: TimeExpr
    kind: str = "event"  # event | deadline
    venues: list[Venue] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    participants: str | None = None
    responsible: str | None = None
    row: int | None = None  # the table row or labelled section it was read from: each is its own activity


@dataclass
class Schedule:
    events: list[EventFound] = field(default_factory=list)
    recurring: list[dict] = field(default_factory=list)
    plan_venues: list[Venue] = field(default_factory=list)  # stated for the plan as a whole
    activity_venues: list[Venue] = field(default_factory=list)  # of one activity that gives no day
    # (line indices of that activity's section, its venues): for events dated further down in it
    held_in: list[tuple[set[int], list[Venue]]] = field(default_factory=list)


def times_between(doc: Document, start: int, end: int, ref: dt.date | None) -> list[TimeExpr]:
    """Time expressions in doc.text[start:end], with offsets moved to document offsets."""
    out = []
    text = doc.text[start:end]
    if on_scan(doc, start):
        text = ocr_repaired(text)
    for t in find_time_expressions(text, ref_date=ref):
        out.append(TimeExpr(**{**t.__dict__, "start": t.start + start, "end": t.end + start}))
    return out


def scheduled_times(times: list[TimeExpr]) -> list[TimeExpr]:
    return [t for t in times if t.start_value and not t.cited and t.kind != "recurrence"
            and t.precision in ("minute", "day", "month")]


# what may stand around a year that is the only time of an activity: "Năm 2017", "Hoàn thành trong năm 2025",
# "Năm 2022-2023 và các năm tiếp theo"
_YEAR_FILLER = re.compile(r"^(?:\s|[:,.;()\-–]|dự\s+kiến|hoàn\s+thành|thực\s+hiện|trong|cả"
                          r"|và\s+(?:các|những)\s+năm\s+tiếp\s+theo|năm)*$", re.I)


def year_only(doc: Document, start: int, end: int, times: list[TimeExpr]) -> list[TimeExpr]:
    """A time value that is a year and nothing more (a label's or a time column's): the activity's
    year is its date, as annotators and archivists read "Thời gian thực hiện: Năm 2017"."""
    years = [t for t in times if t.precision == "year" and t.start_value and not t.cited and t.kind != "recurrence"]
    if len(years) != 1:
        return []
    t = years[0]
    rest = doc.text[start:t.start] + " " + doc.text[t.end:end]
    return [t] if _YEAR_FILLER.match(rest) else []


def clean_what(text: str | None) -> str | None:
    if not text:
        return None
    text = re.sub(r"\s+", " ", text)
    # what is left where a date was cut out: "Bước 1 ( ): ...", "Bước 2:, tổ chức ..."
    text = re.sub(r"\s*\(\s*\)", "", text)
    text = re.sub(r"\s*:\s*,\s*", ": ", text).strip(" :;.-,")
    text = re.sub(r"^(?:[a-zđ]|\d{1,2}(?:\.\d{1,2})*)\)\s+(?=\S)", "", text)  # the item's mark: "b) Báo cáo ..."
    # a summary's "Về việc" / "V/v" says what the text is about, not what happens ("Về việc tổ chức Lễ ...");
    # a scan's stray "_" before it is no word
    text = re.sub(r"^[_~|]+\s*", "", text)
    text = re.sub(r"^(?:Về\s+việc|V/[vV])\s*[:.]?\s+(?=\S)", "", text)
    return text or None


# "- 07 h 30 – 07 h 45: Chương trình văn nghệ", "8h30 - 8h35: Tuyên bố lý do", "+ 14g00: Khai mạc"
# an hour as plans write it: "7h30", "14 giờ 00 phút", "8g", "9:15"
CLOCK = r"(?:[01]?\d|2[0-3])\s*(?:h|g|giờ|:)\s*(?:[0-5]\d)?(?:\s*phút)?"
CLOCK_LED = re.compile(
    rf"^(?:[-+•*–]\s*)?(?:Từ\s+)?(?=(?P<h>[01]?\d|2[0-3])){CLOCK}(?:\s*(?:[-–—]|đến)\s*{CLOCK})?"
    r"(?:\s*[:.,|]|\s*[-–—]\s|[ ]*\t)\s*(?=\S)", re.I)  # (a tab: the hour in a column of its own)


def venues_held_on(sched: Schedule, day: TimeExpr) -> list[Venue]:
    """Where the event of ``day`` is held ("Địa điểm: Hội trường C" under its time), if one says."""
    d = (day.start_value or "")[:10]

    def covers(ev: EventFound) -> bool:  # the day itself, or a day of the event's range ("23 và 24/3")
        start, end = (ev.when.start_value or "")[:10], (ev.when.end_value or "")[:10]
        return start == d or (bool(end) and len(start) == len(end) == len(d) == 10 and start <= d <= end)

    return next((ev.venues for ev in sched.events if ev.venues and ev.kind == "event" and covers(ev)), [])


def only_day(sched: Schedule, items: int) -> TimeExpr | None:
    """The day of the plan's one dated activity, for a programme of three or more timed items set
    far from it ("Thời gian: buổi sáng ngày 18/4/2026, cụ thể tại Phụ lục II" and the annexed programme)."""
    days = {ev.when.start_value[:10]: ev.when for ev in sched.events
            if ev.kind == "event" and ev.when.precision in ("day", "minute") and ev.when.start_value}
    return next(iter(days.values())) if items >= 3 and len(days) == 1 else None


def with_clock(day: TimeExpr, clock: TimeExpr) -> TimeExpr:
    """The day of a heading with the clock time of an item under it."""
    if clock.start_value and len(clock.start_value) >= 10 and clock.start_value[:10] != day.start_value[:10]:
        return clock  # the item gives its own date
    value = day.start_value[:10]
    tod = clock.time_of_day
    if len(value) < 10:
        return day  # a programme of a month whose day is left blank ("Ngày   /7/2023"): no day to give the hour to
    if tod and re.match(r"^\d{2}:\d{2}$", tod):
        value = f"{value}T{tod}"
    end = day.end_value
    if end and end[:10] == value[:10]:
        end = None  # the hours of the day's own event ("07h30 – 11h00") are not the item's
    until = clock.end_time_of_day
    if until and re.fullmatch(r"\d{2}:\d{2}", until) and (end is None or end[:10] == value[:10]):
        end = f"{value[:10]}T{until}"  # "7h00 - 7h30" under the day: it ends at 7h30 that day
    return TimeExpr(**{**day.__dict__, "start_value": value, "time_of_day": tod, "end_value": end,
                       "end_time_of_day": until, "precision": "minute" if "T" in value else day.precision})


# words that lead a time or a place into a sentence: "vào lúc 14 giờ ngày ...", "tại Hội trường ..."
# (", thời gian: ngày ..." after the activity; "Từ nay đến ngày ...")
_TIME_LEAD = re.compile(r"(?:(?:,\s*)?\bthời\s+gian\s*:\s*|\b(?:từ\s+nay\s+(?:đến|tới)(?:\s+hết)?|vào\s+(?:hồi|lúc)|"
                        r"vào(?:\s+(?:đầu|giữa|cuối))?|đầu|giữa|cuối|lúc|hồi|từ|"
                        r"trong(?:\s+thời\s+gian)?(?:\s+\d{1,2})?)\s*)$", re.I)


# what joins the days of a list: "ngày 15/3 và ngày 22/3", "ngày 30/4, 01/5"
_DATE_JOIN = re.compile(r"\s*(?:,|;|và|hoặc|,\s*và)\s*", re.I)
# (also "..., địa điểm tại ...", "diễn ra ở ...", "tổ chức tại 02 cụm: ...")
_TAI_LEAD = re.compile(r"(?:(?:,\s*)?\bđịa\s+điểm\s*:?\s*)?"
                       r"(?:\b(?:được\s+)?(?:(?:tổ\s+chức|diễn\s+ra)\s+)?(?:tại|ở)\s*"
                       rf"(?:{COUNTED_PLACES})?)$", re.I)


_LEAD_WORDS_ONLY = re.compile(r"(?:dự\s+kiến|sẽ|được)(?:\s+(?:sẽ|được))*", re.I)  # "Dự kiến tổ chức": nothing named
_HELD_TAIL = re.compile(r"\s+(?:dự\s+kiến\s+)?(?:sẽ\s+)?(?:được\s+)?(?:tổ\s+chức|diễn\s+ra)$", re.I)
_TIME_WORD_LEAD = re.compile(r"^\s*Thời\s+gian\s*:?\s*", re.I)
INVITED_TO = re.compile(r"\bkính\s+mời\b[^.;]{0,200}?\b(?:đến|tới|về)\s+(?:tham\s+)?dự\s+", re.I)


def _place_cut(doc: Document, lo: int, at: tuple[int, int]) -> tuple[int, int]:
    """The span of a place said in a sentence with the words that lead it in ("được tổ chức tại")."""
    tai = _TAI_LEAD.search(doc.text, lo, at[0])
    return tai.start() if tai else at[0], at[1]


def without_place(doc: Document, lo: int, hi: int, at: tuple[int, int] | None) -> str | None:
    """What the words in [lo, hi) say once the place they name ("... tại sân vận động xã") is cut out:
    the event gives its place apart."""
    if at is None:
        return clean_what(doc.text[lo:hi])
    a, b = _place_cut(doc, lo, at)
    return clean_what(doc.text[lo:a] + doc.text[b:hi])


def sentence_what(doc: Document, lo: int, hi: int, t: TimeExpr, at: tuple[int, int] | None) -> str | None:
    """What a sentence schedules: the sentence without its date ("vào lúc 14 giờ 00, ngày 29/3/2024")
    and its place ("tại Phòng họp Đảng ủy xã"), which the event gives apart, and without a leading
    "Thời gian" ("Thời gian tổ chức Hội thi ngày 30/12/2011" is about the Hội thi)."""
    cuts = []
    lead = _TIME_LEAD.search(doc.text, lo, t.start)
    cuts.append((lead.start() if lead else t.start, t.end))
    for x in times_between(doc, lo, hi, None):
        # the other days of a list the date stands in ("vào ngày 15/3 và ngày 22/3"): when, not what
        a, b = (x.end, t.start) if x.end <= t.start else (t.end, x.start)
        if x.start != t.start and x.start_value and a <= b and _DATE_JOIN.fullmatch(doc.text[a:b]):
            x_lead = _TIME_LEAD.search(doc.text, lo, x.start)
            cuts.append((min(x_lead.start() if x_lead else x.start, t.start), max(x.end, t.start)) if x.end <= t.start
                        else (t.end, x.end))
    if at is not None:
        cuts.append(_place_cut(doc, lo, at))
    text, pos = [], lo
    for a, b in sorted(cuts):
        if a < pos:
            continue
        text.append(doc.text[pos:a])
        pos = b
    text.append(doc.text[pos:hi])
    what = re.sub(r"\s*,(?:\s*,)+", ",", re.sub(r"\s+([,;.])", r"\1", re.sub(r"\s+", " ", " ".join(text))))
    what = _TIME_WORD_LEAD.sub("", what).strip(" ,;:.-")
    held = _HELD_TAIL.search(what)  # "Hội thi được tổ chức" (its date and place cut out): the Hội thi
    if held and not _LEAD_WORDS_ONLY.fullmatch(what[:held.start()]):
        what = what[:held.start()]
    invited = INVITED_TO.search(what)
    if invited and len(what[invited.end():].split()) >= 2:
        what = what[invited.end():]  # "... kính mời đồng chí ... đến dự Hội nghị ...": what one is invited to
    if len(what.split()) < 2:
        return clean_what(doc.text[lo:hi])
    return clean_what(what[:1].upper() + what[1:] if what[:1].islower() and doc.text[lo:lo + 1].isupper() else what)
