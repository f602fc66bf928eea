"""Events and deadlines of the catalog as an RFC 5545 calendar (the ``icalendar`` package).

- day precision: an all-day event, DTEND the day after the last day (exclusive), so a range
  "từ ngày 30/3 đến ngày 03/4" is one event over five days;
- a time of day: a timed event in Asia/Ho_Chi_Minh, the VTIMEZONE included; its end from the
  record, or from a range of hours written with it ("Tựu trường (7h30 - 9h30)");
- month, quarter or year precision ("Dự kiến tháng 7/2023", "Quý III"): all-day on the first day,
  STATUS:TENTATIVE, the wording as written in the description;
- deadlines: "Hạn: ..." with a display alarm the day before;
- SUMMARY is "activity — plan title", so an event in a month view says which plan it belongs to;
- LOCATION is the event's venues, or the plan's venue when the event names none and the plan names
  exactly one (with several, which one is meant is unknown, so none is guessed); DESCRIPTION the
  activity, document number, title and source path;
- UID is a hash of the document's content hash and the event's content, DTSTAMP the time the
  document was catalogued, so exporting again gives the same file and importing it again updates
  the same events instead of adding copies; a twin (another file of the same plan) shares the
  UIDs of the first one catalogued and its identical events are written once.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event, Timezone

from pipeline.use.query import value_bounds

TZID = "Asia/Ho_Chi_Minh"
TZ = ZoneInfo(TZID)
PRODID = "-//kehoach//Vietnamese administrative plans//VI"
_COARSE = {"month", "quarter", "year", "school-year"}
_ONE_DAY = dt.timedelta(days=1)


def event_uid(doc_sha256: str, row: dict[str, Any], occurrence: int = 0) -> str:
    """Stable across exports: the same document content and event give the same UID (a corrected
    event keeps the UID of its extracted values, ``uid_basis``, so a calendar updates it)."""
    basis = row.get("uid_basis") or {}
    key = "|".join(str(basis.get(k, row.get(k)) or "") for k in ("kind", "start", "end", "what"))
    digest = hashlib.sha256(f"{doc_sha256}|{key}".encode()).hexdigest()[:20]
    return f"{doc_sha256[:12]}-{digest}{f'-{occurrence}' if occurrence else ''}@kehoach"


def _datetime(value: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(value).replace(tzinfo=TZ)
    except ValueError:
        return None


def _when(row: dict[str, Any]) -> tuple[dt.date | dt.datetime, dt.date | dt.datetime | None, bool] | None:
    """(DTSTART, DTEND or None, coarse) for an event row; None when it has no usable date."""
    start, end = row.get("start"), row.get("end")
    bounds = value_bounds(start)
    if bounds is None:
        return None
    first, _ = bounds
    coarse = row.get("precision") in _COARSE or len(start) < 10
    if coarse:
        return first, first + _ONE_DAY, True
    last_bounds = value_bounds(end)
    last = last_bounds[1] if last_bounds and last_bounds[1] >= first else first
    if "T" in start:
        begin = _datetime(start)
        if begin is not None:
            finish = _datetime(end) if end and "T" in end else None
            if finish is not None and finish > begin:
                return begin, finish, False
            if last > first:  # from a time on the first day through the last day
                return begin, dt.datetime.combine(last + _ONE_DAY, dt.time(), TZ), False
            return begin, _clock_end(row, begin), False
    return first, last + _ONE_DAY, False


# "7h30", "7g30", "7 giờ 30 phút", "07:30", "7h30'", "7h30p", "2h chiều"; ranges with -, –, —, ~, ->,
# "đến", "tới"
def _clock(n: int) -> str:
    return (rf"(?P<h{n}>\d{{1,2}})\s*(?:h|g|giờ|:)\s*(?P<m{n}>\d{{2}})?(?:\s*(?:phút|p\b)|\s*['’′])?"
            rf"(?:\s*(?P<part{n}>sáng|trưa|chiều|tối))?")


_CLOCK_RANGE = re.compile(rf"(?<!\d){_clock(1)}\s*(?:->|→|-|–|—|~|đến|tới)\s*{_clock(2)}", re.IGNORECASE)
_AFTERNOON = {"chiều", "tối"}


def _clock_end(row: dict[str, Any], begin: dt.datetime) -> dt.datetime | None:
    """The end of a timed event written as a range of hours next to it ("Tựu trường (7h30 - 9h30)"),
    when the extractor kept only its start: the range must begin at the event's own start time.
    "2h - 4h chiều" is 14:00-16:00 (a part of the day written once, after the range)."""
    for text in (row.get("when_text"), row.get("what")):
        for m in _CLOCK_RANGE.finditer(text or ""):
            h1, m1, h2, m2 = (int(m[k] or 0) for k in ("h1", "m1", "h2", "m2"))
            late1 = (m["part1"] or m["part2"] or "").lower() in _AFTERNOON
            late2 = (m["part2"] or m["part1"] or "").lower() in _AFTERNOON
            h1, h2 = h1 + 12 * (late1 and h1 < 12), h2 + 12 * (late2 and h2 < 12)
            if (h1, m1) != (begin.hour, begin.minute) or not (h2 < 24 and m2 < 60):
                continue
            end = begin.replace(hour=h2, minute=m2)
            if end > begin:
                return end
    return None


def _description(row: dict[str, Any]) -> str:
    lines = [row.get("what") or ""]
    if row.get("when_text"):
        lines.append(f"Thời gian (nguyên văn): {' '.join(row['when_text'].split())}")
    doc = " ".join(x for x in (row.get("doc_type"), row.get("number")) if x)
    if doc or row.get("title"):
        lines.append(f"Văn bản: {doc}{' — ' if doc and row.get('title') else ''}{row.get('title') or ''}")
    if row.get("number"):
        lines.append(f"Số: {row['number']}")
    if row.get("path"):
        lines.append(f"Nguồn: {row['path']}")
    return "\n".join(x for x in lines if x)


def event_component(row: dict[str, Any], uid: str) -> Event | None:
    """One VEVENT for an event row of ``query.search_events``; None when it has no date."""
    when = _when(row)
    if when is None:
        return None
    start, end, coarse = when
    deadline = row.get("kind") == "deadline"
    summary = _summary(row)
    ev = Event()
    ev.add("uid", uid)
    ev.add("dtstamp", _stamp(row.get("ingested_at")))
    ev.add("summary", summary)
    ev.add("dtstart", start)
    if end is not None:
        ev.add("dtend", end)
    ev.add("status", "TENTATIVE" if coarse or row.get("tentative") else "CONFIRMED")
    ev.add("transp", "TRANSPARENT" if deadline or coarse else "OPAQUE")  # these do not block the day
    location = _location(row)
    if location:
        ev.add("location", location)
    ev.add("description", _description(row))
    ev.add("categories", ["Hạn chót" if deadline else "Sự kiện"] + ([row["doc_type"]] if row.get("doc_type") else []))
    if deadline:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", summary)
        alarm.add("trigger", -_ONE_DAY)
        ev.add_component(alarm)
    return ev


def _summary(row: dict[str, Any]) -> str:
    """ "activity — plan title" ("Hạn: " first for a deadline); the title alone when the activity is
    not written or already says it."""
    what = " ".join((row.get("what") or row.get("when_text") or "").split())
    title = " ".join((row.get("title") or "").split())
    if not what:
        text = title
    elif title and title.casefold() not in what.casefold():
        text = f"{what} — {title}"
    else:
        text = what
    return f"Hạn: {text}" if row.get("kind") == "deadline" else text


def _location(row: dict[str, Any]) -> str | None:
    venues = row.get("venues") or []
    if not venues and len(row.get("plan_venues") or []) == 1:
        venues = row["plan_venues"]
    return "; ".join(venues) or None


def _stamp(value: str | None) -> dt.datetime:
    try:
        stamp = dt.datetime.fromisoformat(value) if value else None
    except ValueError:
        stamp = None
    stamp = stamp or dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    return (stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.UTC)).astimezone(dt.UTC)


def _with_uids(rows: Iterable[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], str]]:
    """(row, UID) for the event rows of ``search_events`` that go into the calendar, in their order."""
    seen: Counter[tuple[str, object]] = Counter()
    first_doc: dict[str, object] = {}
    for row in rows:
        # a twin (the same plan as another file: same number, issuer and year) shares its original's
        # UIDs, so the plan's .docx and its signed .pdf give each event once
        sha = row.get("uid_sha") or row.get("sha256") or ""
        base = event_uid(sha, row)
        doc = row.get("document_id")
        if first_doc.setdefault(base, doc) != doc:
            continue
        yield row, event_uid(sha, row, seen[base, doc])  # the same event twice in one plan
        seen[base, doc] += 1


def _events(rows: Iterable[dict[str, Any]], skipped: list[int]) -> Iterator[Event]:
    """The VEVENTs of event rows of ``search_events``, in their order; ``skipped[0]`` counts the rows
    left out for want of a date."""
    for row, uid in _with_uids(rows):
        ev = event_component(row, uid)
        if ev is None:
            skipped[0] += 1
            continue
        yield ev


def _header(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", TZID)
    return cal


def build_calendar(rows: Iterable[dict[str, Any]], name: str = "kehoach") -> tuple[Calendar, int]:
    """(calendar, number of rows skipped for want of a date) for event rows of ``search_events``,
    built in memory (``write_ics`` writes the same bytes as it reads the rows)."""
    cal = _header(name)
    skipped = [0]
    for ev in _events(rows, skipped):
        cal.add_component(ev)
    cal.add_missing_timezones()
    return cal, skipped[0]


_END = b"END:VCALENDAR\r\n"
_FOLD_AT = 75  # octets: icalendar folds a content line of this many or more, and leaves a shorter one


def ical_bytes(component: Event) -> bytes:
    """``component.to_ical()``, with icalendar's folding called only on the lines it changes.
    icalendar makes every content line (properties typed, values escaped, parameters quoted);
    its folding walks each line character by character (half the time of a VEVENT), and a line of
    fewer than 75 octets comes out of it unchanged, so such a line is only encoded."""
    out = []
    for line in component.content_lines():
        if not line:
            continue  # the empty string icalendar appends for the last line break
        data = line.encode("utf-8")
        out.append(data if len(data) < _FOLD_AT and "\n" not in line else line.to_ical())
    return b"\r\n".join(out) + b"\r\n"



@functools.lru_cache(maxsize=1)
def _vtimezone() -> bytes:
    """The VTIMEZONE ``Calendar.add_missing_timezones`` adds for Vietnam time (its span of years
    is the library's default, not the events')."""
    return Timezone.from_tzid(TZID).to_ical()


# VEVENTs held in memory at most up to this many bytes while it is not yet known whether a
# VTIMEZONE comes first (beyond it, in a temporary file)
HOLD_BYTES = 4 << 20


def write_ics(rows: Callable[[], Iterable[dict[str, Any]]], out: BinaryIO, name: str = "kehoach",
              hold: int = HOLD_BYTES) -> tuple[int, int]:
    """Write the calendar of ``build_calendar`` to ``out`` as the rows are read, each VEVENT made by
    icalendar and dropped, so memory does not grow with the calendar (only the keys that
    give twins and repeated events their UIDs are kept). The same bytes as
    ``build_calendar(rows())[0].to_ical()``: the VTIMEZONE comes before the events when any of
    them is timed, so the VEVENTs before the first timed one are held (in memory up to ``hold``
    bytes, then in a temporary file) and written after the header once that is known. ``rows``: a
    function giving the event rows of ``search_events`` (read once). Returns (events written, rows
    skipped)."""
    import shutil
    import tempfile

    head = _header(name).to_ical()
    assert head.endswith(_END)
    head = head[:-len(_END)]
    written, skipped = 0, 0
    with tempfile.SpooledTemporaryFile(max_size=hold) as held:
        waiting = True  # the header is not out yet
        for row, uid in _with_uids(rows()):
            when = _when(row)
            if when is None:
                skipped += 1
                continue
            data = ical_bytes(event_component(row, uid))  # icalendar makes, escapes and folds it
            written += 1
            if not waiting:
                out.write(data)
            elif isinstance(when[0], dt.datetime):
                out.write(head + _vtimezone())
                held.seek(0)
                shutil.copyfileobj(held, out)
                out.write(data)
                waiting = False
            else:
                held.write(data)
        if waiting:
            out.write(head)
            held.seek(0)
            shutil.copyfileobj(held, out)
    out.write(_END)
    return written, skipped


def write_calendar(rows: Iterable[dict[str, Any]] | Callable[[], Iterable[dict[str, Any]]], path: str | Path,
                   name: str = "kehoach") -> tuple[int, int]:
    """Write the .ics file; returns (events written, rows skipped). ``rows``: a list, or a function
    giving the rows (read once, see ``write_ics``)."""
    with open(path, "wb") as f:
        return write_ics(rows if callable(rows) else lambda: rows, f, name)
