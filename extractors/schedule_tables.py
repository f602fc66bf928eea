"""Schedule tables: one event per row holding a date (Thời gian | Nội dung | Địa điểm | Thành phần ...).

Ruled tables (Word, web pages, PDFs whose reader found the rules) are read by the roles their header
row names; tables set without rules are read by the header's column positions; a weekly schedule's
day rows hold several timed items in a cell, each its own event.
"""

from __future__ import annotations

import datetime as dt
import re

from extractors import event_parts as ep
from extractors.dates import TimeExpr, find_time_expressions
from extractors.labels import label_of
from extractors.types import PAGE_NUMBER_LINE, on_scan
from extractors.venues import Venue, bare_head, is_venue_like, split_venues, venue_after_tai
from pipeline.document import Document, Line

_COLUMN_ROLES = [
    # "Ngày bắt đầu | Ngày kết thúc", "Thời gian bắt đầu | Thời gian kết thúc", "Từ ngày | Đến ngày"
    ("until", re.compile(r"^(?:(?:ngày|thời\s+gian|thời\s+điểm)\s+kết\s+thúc|đến\s+ngày)", re.I)),
    # "Buổi | Giờ" beside a day column: the part of the day or the hour of each row
    ("clock", re.compile(r"^(?:buổi|giờ(?:\s+(?:thi|học|họp|bắt\s+đầu))?|thời\s+gian\s+bắt\s+đầu)$", re.I)),
    # ("Tiến độ", "Thời hạn hoàn thành", "Mốc thời gian": a timeline's or a duties table's dates)
    ("time", re.compile(r"^(?:thời\s+gian|ngày|thời\s+điểm|lịch|thứ|tiến\s+độ|thời\s+hạn|mốc\s+thời\s+gian|hạn\s+"
                        r"(?:hoàn\s+thành|chót))", re.I)),
    # "Địa điểm - Nội dung": one column holds both, "Tại phòng họp số 1: Khai giảng lớp ..."
    ("venue_what", re.compile(r"^(?:địa\s+điểm\s*(?:[-–,/&]|và)\s*nội\s+dung|nội\s+dung\s*(?:[-–,/&]|và)\s*"
                              r"địa\s+điểm)", re.I)),
    # ("Phòng" alone heads a column of rooms; "Phòng chủ trì" is a department)
    ("venue", re.compile(r"^(?:địa\s+điểm|nơi\s+(?:tổ\s+chức|thực\s+hiện|diễn\s+ra|họp|học|thi|làm\s+việc)|tại"
                         r"|phòng(?:\s+(?:học|thi|họp))?\s*$)", re.I)),
    ("participants", re.compile(r"^(?:thành\s+phần|đối\s+tượng|người\s+tham|số\s+lượng|đại\s+biểu)", re.I)),
    # ("Đơn vị được kiểm tra": whom the row visits, not who does it; the row's name)
    ("what", re.compile(r"^(?:đơn\s+vị|cơ\s+quan|địa\s+phương)\s+được\s", re.I)),
    ("responsible", re.compile(r"^(?:đơn\s+vị|chủ\s+trì|phụ\s+trách|người\s+thực\s+hiện|bộ\s+phận|"
                               r"cơ\s+quan|lãnh\s+đạo|người\s+chủ\s+trì|thực\s+hiện|trách\s+nhiệm|lực\s+lượng)", re.I)),
    # ("Môn thi": an exam timetable's rows are its subjects)
    ("what", re.compile(r"^(?:các\s+)?(?:nội\s+dung|hoạt\s+động|công\s+việc|chương\s+trình|tên|sự\s+kiện|nhiệm\s+vụ|"
                        r"hạng\s+mục|"
                        r"môn(?:\s+thi)?$)", re.I)),
]


# a "Nội dung" column's own heading, and nothing more
_WHAT_HEAD = re.compile(r"(?:nội\s+dung(?:\s+(?:công\s+việc|hoạt\s+động|chính|thực\s+hiện))?|công\s+việc|"
                        r"nhiệm\s+vụ|hoạt\s+động|tên\s+hoạt\s+động|sự\s+kiện)\s*[:.]?", re.I)


def _col_key(c, i: int) -> float:
    """A column's key: its position on the page, or its index where the reader gives no positions
    (web pages, Word tables)."""
    return round(c.x0, 2) if c.x0 is not None else float(-1 - i)


def _leading_time_column(roles: dict[float, str]) -> bool:
    """Whether the table has a date column standing before its work ("what") column."""
    def order(key: float) -> float:
        return -1 - key if key < 0 else key  # an index key (-1 - i) back to i

    times = [order(k) for k, r in roles.items() if r in ("time", "time_venue")]
    whats = [order(k) for k, r in roles.items() if r == "what"]
    return bool(times) and (not whats or min(times) < min(whats))


def _role_of(roles: dict[float, str], c, i: int) -> str | None:
    """The role of the header column a cell stands under: the same key, or on a page the nearest
    header position within 3 % of the width (a table set again after a page break moves a little)."""
    key = _col_key(c, i)
    if key in roles or key < 0:
        return roles.get(key)
    near = [k for k in roles if k >= 0 and abs(k - key) <= 0.03]
    return roles[min(near, key=lambda k: abs(k - key))] if near else None


# "Thời gian, địa điểm" heads one column holding both: the day, then the place
_BOTH_TIME_AND_VENUE = re.compile(r"^thời\s+gian\s*(?:,|-|–|/|và)\s*địa\s+điểm", re.I)


def _venue_after_time(doc: Document, cell, times: list[TimeExpr]) -> list[Venue]:
    """The place written after the day in a "Thời gian, địa điểm" cell ("10g00, ngày 18/11/2025
    Trường THPT chuyên Lê Hồng Phong")."""
    inside = [x for x in times if cell.start <= x.start < cell.end]
    if not inside:
        return []
    a = max(x.end for x in inside)
    rest = doc.text[a:cell.end]
    lead = len(rest) - len(rest.lstrip(" ,;:()–-"))
    rest = rest[lead:]
    return split_venues(rest, offset=a + lead) if rest and is_venue_like(rest.split(",")[0]) else []


# "Tại phòng họp số 1: Khai giảng lớp SQQL K41. Chủ trì: ...": the place, then what happens there
_PLACE_FIRST = re.compile(r"^\s*(?:[-+•]\s*)?tại\s+(?P<place>[^:]{2,80}?)\s*:\s*(?=\S)", re.I)


def _venue_and_what(doc: Document, cell) -> tuple[str | None, list[Venue]]:
    """A "Địa điểm - Nội dung" cell: the place its "Tại ...:" opens with and what follows it, or, without
    one, the cell as what happens and a place named after "tại" in it."""
    m = _PLACE_FIRST.match(cell.text)
    if m:
        venues = split_venues(m.group("place"), offset=cell.start + m.start("place"))
        return ep.clean_what(_without_cell_labels(cell.text[m.end():])), venues
    at = venue_after_tai(doc.text, cell.start, cell.end)
    venues = split_venues(doc.text[at[0]:at[1]], offset=at[0]) if at else []
    return ep.clean_what(_without_cell_labels(cell.text)), venues


# who chairs, attends or prepares, written after the activity in its cell: ". Chủ trì: Hiệu trưởng. Kính mời: ..."
_CELL_LABELS = re.compile(r"[.;]\s*(?:Chủ\s+trì|Kính\s+mời|Thành\s+phần|Mời|Chuẩn\s+bị|Dự|Tham\s+dự|"
                          r"Đơn\s+vị\s+chuẩn\s+bị)\s*:.*$", re.S)


def _without_cell_labels(text: str) -> str:
    """What a cell says happens, without the labelled notes after it."""
    return _CELL_LABELS.sub("", text)


def _time_head_names(head: Line, roles: dict[float, str]) -> str | None:
    """What a time column's heading says happens then: "Thời gian thay đổi lịch học" -> "Thay đổi lịch
    học" (a bare "Thời gian" or "Thời gian thực hiện" says nothing)."""
    for i, c in enumerate(head.cells):
        if roles.get(_col_key(c, i)) == "time":
            m = re.match(r"^\s*thời\s+gian\s+(?!(?:thực\s+hiện|tổ\s+chức|hoàn\s+thành|dự\s+kiến|bắt\s+đầu)\s*$)"
                         r"(?P<what>[^\W\d_][^\d:]{3,60}?)\s*$", c.text, re.I)
            if m:
                return ep.clean_what(m.group("what")[:1].upper() + m.group("what")[1:])
    return None


def column_roles(ln: Line) -> dict[float, str]:
    """A table's header row: column position -> role, when at least two columns are named."""
    roles: dict[float, str] = {}
    for i, c in enumerate(ln.cells):
        if _BOTH_TIME_AND_VENUE.match(c.text.strip()) and "time" not in roles.values():
            roles[_col_key(c, i)] = "time_venue"
            continue
        for role, rx in _COLUMN_ROLES:
            if rx.match(c.text.strip()):
                if role not in roles.values():
                    roles[_col_key(c, i)] = role
                elif role == "time" and "clock" not in roles.values():
                    # "Ngày | Thời gian | Nội dung": a second time column holds the hour of the day
                    roles[_col_key(c, i)] = "clock"
                break
    return roles if len(roles) >= 2 else {}


def table_rows(doc: Document, body: list[Line], ref: dt.date | None, sched: ep.Schedule,
                used: set[int]) -> None:
    """ep.Schedule tables: one event per row holding a date (Thời gian | Nội dung | Địa điểm | ...).
    Columns are named by the header row; a row whose date cell is merged with the row above
    takes that row's date."""
    roles: dict[float, str] = {}
    time_names: str | None = None  # what the time column's heading says happens ("Thời gian thay đổi lịch học")
    last_day: TimeExpr | None = None
    hours_only = False
    row_venues: list[Venue] = []  # where the rows under a merged part-of-day row happen
    prev_index = -2
    header_at = -2  # the line of the last header row read
    layout_rows = [ln for ln in body if not ln.is_table_row and len(ln.cells) >= 2 and _row_number(ln)
                   and ep.scheduled_times(ep.times_between(doc, ln.start, ln.end, ref))]
    layout_names = _layout_row_names(doc, layout_rows)
    for ln in body:
        if ln.is_table_row and ln.index != prev_index + 1 and not _page_break_only(doc, prev_index, ln.index):
            # a new table (one running on over a page break keeps its header)
            roles, last_day, hours_only, row_venues, time_names = {}, None, False, [], None
        if ln.is_table_row and prev_index == -2 and not roles:
            roles = _header_above(doc, ln)  # the body may begin inside a table: its header is above it
        if ln.is_table_row:
            prev_index = ln.index
            found_roles = column_roles(ln)
            if found_roles and not ep.scheduled_times(ep.times_between(doc, ln.start, ln.end, ref)):
                # a programme (its hours in a time column) takes the day written just above it, or,
                # annexed far from it, the day of the plan's one dated activity
                if header_at == ln.index - 1:
                    # a header of two rows ("Thời gian" over "Ngày | Giờ"): the second names the
                    # columns the first spans, the first's other names stand
                    found_roles = {**roles, **found_roles}
                header_at = ln.index
                roles = found_roles
                time_names = _time_head_names(ln, roles)
                last_day = day_above(doc, ln.index, body[0].index, ref)
                if last_day is None and set(found_roles.values()) & {"time", "clock", "time_venue"}:
                    last_day = ep.only_day(sched, 3) or (None if sched.events else blank_date_year(doc, ln.index, ref))
                hours_only = last_day is not None  # rows dated by that day must give their hour
                continue
        if ln.is_table_row and roles and len([c for c in ln.cells if c.text.strip()]) == 1:
            # a row that is only a day, merged across the table ("Thứ Bảy, ngày 23/3/2024"), heads the
            # hours under it
            days = [t for t in ep.scheduled_times(ep.times_between(doc, ln.start, ln.end, ref)) if t.start not in used]
            if len(days) == 1 and days[0].precision == "day" and not days[0].time_of_day:
                last_day, hours_only = days[0], True
                used.add(days[0].start)
                row_venues = []
                continue
            # a row holding only a work cell under a time cell merged down from the row above ("Sáng
            # (30/03) | Nghe, hiểu" / "| Đọc, hiểu và viết"): another activity at that row's time
            only = next(c for c in ln.cells if c.text.strip())
            prev = sched.events[-1] if sched.events else None
            if not days and _role_of(roles, only, ln.cells.index(only)) == "what" and prev is not None \
                    and prev.row == ln.index - 1 and doc.lines[prev.row].is_table_row:
                sched.events.append(ep.EventFound(ep.clean_what(only.text), prev.when, "event", list(prev.venues),
                                                  [doc.span(ln.start, ln.end)], row=ln.index))
                prev_index = ln.index
                continue
            # a part of the day merged across it says where its rows happen ("Buổi sáng (từ 7h00 đến
            # 9h00) – Tập trung toàn trường dưới sân cờ")
            at = venue_after_tai(doc.text, ln.start, ln.end)
            row_venues = split_venues(doc.text[at[0]:at[1]], offset=at[0]) if at else []
        if len(ln.cells) < 2 or (not ln.is_table_row and not _row_number(ln)):
            continue
        if not roles and ln.is_table_row and label_of(doc, ln) is not None:
            continue  # "Thời gian | 7h30, ngày 15/5/2024": a label and its value, read as a label line
        by_role = {_role_of(roles, c, i): c for i, c in enumerate(ln.cells)} if roles else {}
        if roles and "what" in roles.values() and "what" not in by_role and _GLUED_ROW_NUMBER.match(ln.cells[0].text):
            by_role["what"] = ln.cells[0]  # "3|Công ty ...": the number and the name OCR read as one cell
        time_cell = by_role.get("time") or by_role.get("time_venue")
        span = (time_cell.start, time_cell.end) if time_cell else (ln.start, ln.end)
        times = [t for t in ep.scheduled_times(ep.times_between(doc, *span, ref)) if t.start not in used]
        if not roles and ln.is_table_row and times and times[0].time_of_day:
            # a day cell first, its hour in the next cell ("Thứ Ba 16/4 | 8h00: Tiếp công dân"): the row's
            # day is the first cell's alone, the hour belongs to the item it opens
            first = [t for t in ep.scheduled_times(ep.times_between(doc, ln.cells[0].start, ln.cells[0].end, ref))
                     if t.start not in used and t.precision == "day" and not t.time_of_day]
            times = first or times
        if not times and time_cell is not None:
            times = [t for t in ep.year_only(doc, *span, ep.times_between(doc, *span, ref)) if t.start not in used]
        clock_cell = by_role.get("clock")
        carried = False
        if not times and ln.is_table_row and last_day is not None and roles and _group_row(doc, ln, roles):
            continue  # "II | Khu công nghiệp Quang Châu": a group of the rows under it, no activity of its own
        if not times and ln.is_table_row and last_day is not None and roles:
            # a programme's hour leads its row (its time cell, or else its first cell): an hour in a
            # note further along ("Mượn lúc 06h15") does not make the row an item of the day
            lead = span if time_cell is not None else (ln.cells[0].start, ln.cells[0].end)
            clocks = [t for t in ep.times_between(doc, *lead, ref) if t.time_of_day]
            what_cell = by_role.get("what")
            if what_cell is not None and _WHAT_HEAD.fullmatch(what_cell.text.strip()):
                continue  # the header row repeated on the next page (its other names garbled by OCR)
            # a day carried down a merged date cell: a schedule (its date column first, or with places or
            # attendees) has them; a task table's deadline column (work | who | deadline) dates each row alone
            schedule = _leading_time_column(roles) or bool(set(roles.values()) & {"venue", "participants", "clock"})
            dated = hours_only or (schedule and bool(set(roles.values()) & {"time", "time_venue"}))
            # a time cell of its own that names no day or hour ("Xuyên suốt", "Hàng tuần") is not merged
            # with the row above
            own_time = time_cell is not None and time_cell.text.strip() and not clocks
            if (clocks or not hours_only) and dated and not own_time:
                times = [ep.with_clock(last_day, clocks[0]) if clocks else last_day]
                carried = hours_only
        elif times:
            last_day, hours_only = times[0], False
        if not times:
            continue
        if clock_cell is not None and not times[0].time_of_day:
            clocks = [t for t in ep.times_between(doc, clock_cell.start, clock_cell.end, ref) if t.time_of_day]
            if clocks:
                times = [ep.with_clock(times[0], clocks[0])]
        t = times[0]
        until_cell = by_role.get("until")
        if until_cell is not None and t.end_value is None:
            ends = ep.scheduled_times(ep.times_between(doc, until_cell.start, until_cell.end, ref))
            if ends and ends[0].start_value and ends[0].start_value[:10] > t.start_value[:10]:
                t = TimeExpr(**{**t.__dict__, "kind": "range", "end_value": ends[0].start_value[:10]})
                used.update(x.start for x in ends)
        used.update(x.start for x in times)
        if roles:
            what_cell = by_role.get("what")
            # (a scan's row number glued to the first cell by the rule OCR read as a stroke: "3|Công ty ...")
            what = (ep.clean_what(_without_cell_labels(_GLUED_ROW_NUMBER.sub("", what_cell.text))) if what_cell
                    else _unnamed_columns(ln, roles, times))
            if what_cell is not None and not t.time_of_day:
                # "8h00: Giao ban lãnh đạo" under a day: the hour is the event's, not part of its name
                cell_text = doc.text[what_cell.start:what_cell.end]
                m = ep.CLOCK_LED.match(cell_text)
                clocks = [x for x in ep.times_between(doc, what_cell.start, what_cell.start + m.end(), ref)
                          if x.time_of_day] if m else []
                if clocks and cell_text[m.end():].strip():
                    t = ep.with_clock(t, clocks[0])
                    what = ep.clean_what(_without_cell_labels(cell_text[m.end():]))
            both = by_role.get("venue_what")
            both_venues: list[Venue] = []
            if what_cell is None and both is not None:
                what, both_venues = _venue_and_what(doc, both)
            if what is None and not what_cell:
                # a schedule of who does one thing when ("Thời gian | Lãnh đạo tiếp công dân | Địa điểm"):
                # each row is named by who does it, or who attends, or by what its time column's heading says
                whom = by_role.get("responsible") or by_role.get("participants")
                what = ep.clean_what(whom.text) if whom is not None else time_names
            venue_cell = by_role.get("venue")
            venues = split_venues(venue_cell.text, offset=venue_cell.start) if venue_cell else both_venues
            if not venues and time_cell is not None and by_role.get("time_venue") is time_cell:
                venues = _venue_after_time(doc, time_cell, times)
            if not venues and what_cell is not None and venue_cell is None:
                # no place column: the place said in the activity's own words ("Hội nghị ... tại Hội trường A")
                at = venue_after_tai(doc.text, what_cell.start, what_cell.end)
                # ("Thảo luận tại hội trường" under a day held in a named hall: that hall)
                venues = [v for v in split_venues(doc.text[at[0]:at[1]], offset=at[0]) if not bare_head(v.text)] \
                    if at else []
            if not venues and row_venues:
                venues = list(row_venues)
            if not venues and carried:
                # a programme's rows happen where its day's event does
                venues = list(ep.venues_held_on(sched, last_day))
            if carried and _HOURS_ONLY.fullmatch(what or ""):
                continue  # "07h30 Ca 2: 07h30" carried down from a day: a shift's hours, no activity
            parts = by_role.get("participants")
            resp = by_role.get("responsible")
            sched.events.append(ep.EventFound(what, t, "event", venues, [doc.span(ln.start, ln.end)],
                                           parts.text if parts else None, resp.text if resp else None,
                                           row=ln.index))
            continue
        date_cells = {c.start for c in ln.cells for x in times if c.start <= x.start < c.end}
        per_cell = [(c, _cell_items(doc, c, ref)) for c in ln.cells if c.start not in date_cells]
        if any(ep.CLOCK_LED.match(c.text.strip()) or any(clock for _, _, clock in its) for c, its in per_cell):
            # a weekly schedule's day row whose cells are its parts of the day ("Thứ Ba 16/4 | 8h00: Tiếp
            # công dân ... | Làm việc tại cơ quan"): a cell without marked items is one item of its own
            per_cell = [(c, its or _whole_cell_item(doc, c, ref)) for c, its in per_cell]
        items = [it for _, its in per_cell for it in its]
        if t.precision == "day" and not t.time_of_day and (len(items) >= 2 or any(clock for _, _, clock in items)):
            # a weekly schedule's day row ("Thứ Hai 11/3 | - 7h30: Chào cờ ... - 9h00: Họp giao ban | ..."):
            # each item of its cells is an event of that day, at the hour it opens with
            for (a, b), what_at, clock in items:
                when = ep.with_clock(t, clock) if clock else t
                at = venue_after_tai(doc.text, what_at, b)
                venues = split_venues(doc.text[at[0]:at[1]], offset=at[0]) if at else []
                what = ep.sentence_what(doc, what_at, b, when, at if venues else None) if at else \
                    ep.clean_what(doc.text[what_at:b])
                if _HOURS_ONLY.fullmatch(what or ""):
                    continue  # "07h30 Ca 2: 07h30": a shift's hours, no activity of the day
                sched.events.append(ep.EventFound(what, when, "event", venues, [doc.span(a, b)], row=ln.index))
            continue
        other = [c.text for c in ln.cells if c.start not in date_cells and not re.fullmatch(r"\d{1,3}\.?", c.text)]
        what = layout_names.get(ln.index) or (ep.clean_what(" ".join(other)) if other else None)
        venues: list[Venue] = []
        for c in ln.cells:
            if c.start not in date_cells and is_venue_like(c.text) and c is not ln.cells[0]:
                venues.extend(split_venues(c.text, offset=c.start))
            elif c.start in date_cells:
                venues.extend(_venue_after_time(doc, c, times))  # "10g00, ngày 18/11 Trường THPT ..."
        if _HOURS_ONLY.fullmatch(what or ""):
            continue  # a row of hours and shift names alone ("08h45 Ca 3: 08h45") names no activity
        sched.events.append(ep.EventFound(what, t, "event", venues[:3], [doc.span(ln.start, ln.end)], row=ln.index))


# what is left of a row that only gives hours: "07h30 Ca 2: 07h30", "11h15 ( Khóa 2.3 ) Chiều: Ca 5: 14h00"
_HOURS_ONLY = re.compile(r"(?:[\W_]|\d{1,2}\s*(?:h|g|giờ|:)\s*\d{0,2}|\b(?:ca|khóa|khoá|lớp|đợt)\s*[\d.,]+"
                         r"|\b(?:sáng|chiều|chiêu|tối|trưa)\b)*", re.I)


def _whole_cell_item(doc: Document, cell, ref: dt.date | None) -> list[tuple[tuple[int, int], int, TimeExpr | None]]:
    """A cell of a day row as one item, at the hour it opens with ("8h00: Tiếp công dân định kỳ"); a
    cell that only names a place or is empty gives none."""
    text = doc.text[cell.start:cell.end].rstrip(" ;.\n")
    if not re.search(r"[^\W\d_]", text) or is_venue_like(text.strip()):
        return []
    m = ep.CLOCK_LED.match(text)
    clocks = [x for x in ep.times_between(doc, cell.start, cell.start + m.end(), ref) if x.time_of_day] if m else []
    what_at = cell.start + (m.end() if clocks else len(text) - len(text.lstrip()))
    return [((cell.start, cell.start + len(text)), what_at, clocks[0] if clocks else None)]


# an item's mark in a cell: at its start, after an ended sentence, or before the hour an item opens with
# ("Phòng Tài chính - Kế hoạch" is a name)
_CELL_ITEM = re.compile(r"(?:^|(?<=[.;:]\s)|(?<=[.;:]))[-–+•]\s+(?=\S)"
                        r"|(?<=\s)[-–+•]\s+(?=(?:[01]?\d|2[0-3])\s*(?:h|g|giờ|:)\s*(?:[0-5]\d)?)")


def _cell_items(doc: Document, cell, ref: dt.date | None) -> list[tuple[tuple[int, int], int, TimeExpr | None]]:
    """The items of a table cell that lists several ("- 7h30: Chào cờ ... - 9h00: Họp giao ban ..."):
    each one's span, where its words start (after its mark and hour) and the hour it opens with."""
    text = doc.text[cell.start:cell.end]
    starts = [m.start() for m in _CELL_ITEM.finditer(text)]
    if not starts:
        return []
    if text[:starts[0]].strip():
        starts = [0] + starts
    out = []
    for a, b in zip(starts, starts[1:] + [len(text)], strict=True):
        a_abs, b_abs = cell.start + a, cell.start + len(text[:b].rstrip(" ;.\n"))
        piece = doc.text[a_abs:b_abs]
        m = ep.CLOCK_LED.match(piece)
        clocks = [x for x in ep.times_between(doc, a_abs, a_abs + m.end(), ref) if x.time_of_day] if m else []
        lead = _CELL_ITEM.match(piece)
        what_at = a_abs + (m.end() if m and clocks else (lead.end() if lead else 0))
        if b_abs > what_at:
            out.append(((a_abs, b_abs), what_at, clocks[0] if clocks else None))
    return out


_GLUED_ROW_NUMBER = re.compile(r"^\s*\d{1,3}\s*[|\]]\s*(?=\S)")


def _header_above(doc: Document, ln: Line, reach: int = 30) -> dict[float, str]:
    """The column roles of the header row of the table ``ln`` stands in, read upwards over its rows."""
    for j in range(ln.index - 1, max(-1, ln.index - reach), -1):
        row = doc.lines[j]
        if not row.is_table_row:
            return {}
        roles = column_roles(row)
        if roles:
            return roles
    return {}


_CITES_DOCUMENT = re.compile(r"kèm\s+theo|\bsố\s*:?\s*\d+\s*[/-]", re.I)


# a day left blank in a programme's date ("Ngày    /7/2023", "ngày ... tháng 7 năm 2023"): its rows are of that month
_BLANK_DAY = re.compile(r"(?<!\w)ngày[\s._…]*(?:/|tháng)", re.I)
_BLANK_DAY_MONTH = re.compile(r"(?<!\w)ngày[\s._…]*(?:/[\s._…]*/|tháng[\s._…]*năm)\s*\d{4}", re.I)


# a group's number: a Roman numeral, or as OCR reads "II" ("H", "Il", "lI"; never digits alone)
_GROUP_NUMBER = re.compile(r"^(?:[IVX]{1,4}|[HIl1]{1,3})\.?$")


def _group_row(doc: Document, ln: Line, roles: dict[float, str]) -> bool:
    """A row of a wide table that holds only a group's number and name ("I | Khu Công nghiệp Đình Trám")
    heads the rows under it."""
    filled = [c for c in ln.cells if c.text.strip()]
    return len(roles) >= 3 and len(filled) == 2 and bool(_GROUP_NUMBER.match(filled[0].text.strip())) \
        and (filled[0].text.strip().isupper() or on_scan(doc, filled[0].start)) and not filled[0].text.strip().isdigit()


def blank_date_year(doc: Document, index: int, ref: dt.date | None) -> TimeExpr | None:
    """The year of a programme dated nowhere but by its document's blank date ("TP. Hồ Chí Minh,
    ngày    tháng    năm 2016" above "CHƯƠNG TRÌNH" and its table of hours): its rows are of that year."""
    for ln in doc.lines[max(0, index - 20):index]:
        if _BLANK_DAY_MONTH.search(ln.text):
            years = [x for x in ep.times_between(doc, ln.start, ln.end, ref)
                     if x.precision == "year" and x.start_value and not x.cited]
            return years[0] if len(years) == 1 else None
    return None


def day_above(doc: Document, index: int, lo: int, ref: dt.date | None, reach: int = 8) -> TimeExpr | None:
    """The day a programme (a table of hours, or items led by their hours) is for: the one day of the
    nearest written line above it within ``reach`` lines ("NGÀY 1: THỨ HAI, NGÀY 24/8/2026", "- Thời
    gian: 07h30 – 11h00, ngày 29/10/2016"). A line naming two days or a range, a table row, or a cited
    document's date ("Kèm theo Quyết định số 12/QĐ-UBND ngày 20/02/2025") gives none."""
    for j in range(index - 1, max(lo, index - reach) - 1, -1):
        ln = doc.lines[j]
        t = ln.text.strip()
        if not t or re.fullmatch(r"[-–—_=*|#\s]+", t):
            continue
        # (a programme's title and day may be set in a table of one column above its own)
        titled = ln.is_table_row and len([c for c in ln.cells if c.text.strip()]) == 1
        if (ln.is_table_row and not titled) or _CITES_DOCUMENT.search(t):
            return None
        days = [x for x in ep.scheduled_times(ep.times_between(doc, ln.start, ln.end, ref))
                if x.precision in ("day", "minute") or (x.precision == "month" and _BLANK_DAY.search(t))]
        if not days:
            continue
        one_day = len({x.start_value[:10] for x in days}) == 1 and all(
            x.end_value is None or x.end_value[:10] == x.start_value[:10] for x in days)
        return days[0] if one_day else None
    return None


def _unnamed_columns(ln: Line, roles: dict[float, str], times: list[TimeExpr]) -> str | None:
    """A row's name when no column is headed "Nội dung": its cells under no known heading ("Giải |
    Thời gian bắt đầu | Thời gian kết thúc" -> "Tuần 1"), leaving out row numbers and dates."""
    names = [c.text.strip() for i, c in enumerate(ln.cells)
             if _col_key(c, i) not in roles and re.search(r"[^\W\d_]", c.text)
             and not any(c.start <= x.start < c.end for x in times)
             and not re.fullmatch(r"[\d/.\-\s]+", c.text.strip())]
    return ep.clean_what(" - ".join(names)) if names else None


def _page_break_only(doc: Document, after: int, before: int) -> bool:
    """Whether only blank lines and a page number stand between two table rows."""
    if after < 0 or doc.lines[after].page == doc.lines[before].page:
        return False
    between = [x for x in doc.lines[after + 1:before] if x.text.strip()]
    if all(PAGE_NUMBER_LINE.fullmatch(x.text) or _PAGE_OF.search(x.text) for x in between):
        return True
    # a running footer or header: the same line (numbers aside) on another page too
    return all(_running_line(doc, x) for x in between)


# "Trang 2/5", "Page 3 of 7": a page's own furniture
_PAGE_OF = re.compile(r"\b(?:Trang|Page)\s*\d{1,3}\s*(?:/|trên|of)\s*\d{1,3}\b", re.I)


def _running_line(doc: Document, ln: Line) -> bool:
    """Whether the line (numbers aside) stands on more than one page: a running header or footer.
    The set of such lines is found once per document."""
    running = doc.meta.get("_running_lines")
    if running is None:
        pages: dict[str, set[int]] = {}
        for x in doc.lines:
            if x.text.strip():
                pages.setdefault(re.sub(r"\d+", "#", x.text.strip()), set()).add(x.page)
        running = doc.meta["_running_lines"] = {k for k, v in pages.items() if len(v) > 1}
    return re.sub(r"\d+", "#", ln.text.strip()) in running


def _layout_row_names(doc: Document, rows: list[Line]) -> dict[int, str]:
    """Layout text (pdftotext -layout) wraps a table's cells over the lines around the row number:
    "Công ty cổ phần xây / 1  dựng giao thông ... 23/3/2026 / Yên Bái". The first text column after
    the number is read down the row's lines (up to halfway to the next row) and cut at the next
    column's position, so the row gets its name ("Công ty cổ phần xây dựng giao thông Yên Bái")."""
    spans = [(ln.cells[1].x0, ln.cells[2].x0) for ln in rows
             if len(ln.cells) >= 3 and ln.cells[1].x0 is not None and ln.cells[2].x0 is not None
             and not ep.scheduled_times(find_time_expressions(ln.cells[1].text))]
    if len(rows) < 2 or not spans:
        return {}
    lo = min(a for a, _ in spans) - 0.02
    hi = min(b for _, b in spans)
    out: dict[int, str] = {}
    for k, row in enumerate(rows):
        before = (row.index - rows[k - 1].index) // 2 if k else (rows[1].index - row.index) // 2
        after = (rows[k + 1].index - row.index - 1) // 2 if k + 1 < len(rows) else before
        first = row.index - before
        while first < row.index and doc.lines[first].blank:
            first += 1
        pieces = []
        for ln in doc.lines[first: row.index + after + 1]:
            if ln.blank and ln.index > row.index:
                break
            for c in ln.cells:
                if c.x0 is None or c.x1 is None or not lo <= c.x0 < hi or re.fullmatch(r"\d{1,3}\.?", c.text):
                    continue
                per_char = (c.x1 - c.x0) / max(1, len(c.text))
                cut = c.text[: max(0, round((hi - c.x0) / per_char))] if per_char else c.text
                if len(cut) < len(c.text) and not c.text[len(cut):len(cut) + 1].isspace():
                    cut = cut.rsplit(" ", 1)[0] if " " in cut else ""  # never half a word
                if cut.strip():
                    pieces.append(cut.strip())
        name = ep.clean_what(" ".join(pieces))
        if name and len(name) >= 4:
            out[row.index] = name
    return out


# where a table photographed or scanned without its rules read ends: the footer, the signature
_AFTER_TABLE = re.compile(r"^(?:Nơi\s+nhận|TM\.|KT\.|TL\.|Q\.|T/M)", re.I)


def unruled_table_rows(doc: Document, body: list[Line], ref: dt.date | None, sched: ep.Schedule,
                        used: set[int]) -> None:
    """A schedule whose rules were not read (a phone photo, a faint scan): a header line naming a time
    column and a work column ("Thời gian | Người thực hiện | Nội dung công việc") over lines of cells.
    A line whose cell under the time column holds a day starts a row; the lines after it, up to the
    next such line, go on with its work. A time cell without its day ("Chậm nhất ngày") gives its
    words to the day on the line under it ("04/5")."""
    k = 0
    while k < len(body):
        head = body[k]
        k += 1
        if head.is_table_row or len(head.cells) < 2 or any(c.x0 is None for c in head.cells):
            continue
        roles = column_roles(head)
        if not {"time", "what"} <= set(roles.values()) \
                or ep.scheduled_times(ep.times_between(doc, head.start, head.end, ref)):
            continue
        column = _columns_under(head, roles)

        rows: list[tuple[list[TimeExpr], list[Line]]] = []
        before: list[Line] = []  # the first row's work may start above its day (a cell centred in height)
        carried: list[Line] = []  # a line whose time cell goes on in the next line
        pending = ""
        while k < len(body):
            ln = body[k]
            t = ln.text.strip()
            if ln.is_table_row or _AFTER_TABLE.match(t) or (column_roles(ln) and ln is not head):
                break
            k += 1
            if not ln.cells:
                continue
            time_cells = [c for c in ln.cells if column(c) == "time"]
            if time_cells and re.search(r"(?:đến|tới|[-–])\s*(?:ngày)?\s*$", time_cells[-1].text, re.I):
                # "Từ ngày 12/7 đến" / "ngày 14/7": the range goes on in the line under it, which starts
                # the row (this line's work is taken with it)
                pending = " ".join(c.text for c in time_cells)
                carried.append(ln)
                continue
            found: list[TimeExpr] = []
            for c in time_cells:
                found += _column_times(c, pending, ref)
            if found and not any(x.start in used for x in found):
                rows.append((found[:1], ([] if rows else before) + carried + [ln]))
                pending, carried = "", []
                continue
            hours = [c for c in ln.cells if column(c) == "clock"
                     and any(x.time_of_day for x in ep.times_between(doc, c.start, c.end, ref))]
            if not found and not time_cells and hours and not carried and rows \
                    and any(column(c) == "clock" for x in rows[-1][1] for c in x.cells):
                # "| Ca 2 | 09g30 | Vật lý đại cương |" under a day's first exam: the next item of that day
                rows.append((rows[-1][0][:1], [ln]))
                continue
            if time_cells and not found and _BROKEN_DAY.search(time_cells[-1].text):
                # "08/01/202" / "4": a day the narrow column wrapped inside its year goes on under it
                pending = (pending + " " if pending else "") + " ".join(c.text for c in time_cells)
                carried.append(ln)
                continue
            if time_cells and not found and not carried and re.search(r"[^\W\d_]{2}", time_cells[0].text):
                # "Chậm nhất ngày" / "04/5": the day is on the line under it, the row starts here
                pending = " ".join(c.text for c in time_cells)
                carried.append(ln)
                continue
            (rows[-1][1] if rows else before).extend(carried + [ln])
            pending, carried = "", []
        for times, lines in rows:
            for c in (c for ln in lines for c in ln.cells if column(c) == "time"):
                used.update(x.start for x in ep.times_between(doc, c.start, c.end, ref))  # read here, not as sentences
            what = ep.clean_what(" ".join(c.text for ln in lines for c in ln.cells if column(c) == "what"))
            venue_text = " ".join(c.text for ln in lines for c in ln.cells if column(c) == "venue")
            venues = split_venues(venue_text) if venue_text else []
            used.add(times[0].start)
            when = times[0]
            hour = next((x for ln in lines for c in ln.cells if column(c) == "clock"
                         for x in ep.times_between(doc, c.start, c.end, ref) if x.time_of_day), None)
            if hour is not None and when.precision == "day" and not when.time_of_day:
                when = ep.with_clock(when, hour)  # the row's hour in its own column ("Giờ thi | 07g30")
            sched.events.append(ep.EventFound(what, when, "deadline" if times[0].kind == "deadline" else "event",
                                           venues, [doc.span(lines[0].start, lines[-1].end)], row=lines[0].index))


def _columns_under(head: Line, roles: dict[float, str]):
    """The role of the column a cell stands under, by the header line's cells: a column's cells start
    left of its heading's right end (headings are centred, cells are not)."""
    heads = sorted(head.cells, key=lambda c: c.x0)
    role_at = {c.x0: roles.get(_col_key(c, i)) for i, c in enumerate(head.cells)}
    ends = [c.x1 if c.x1 is not None else c.x0 + 0.1 for c in heads]

    def column(c) -> str | None:
        if c.x0 is None:
            return None
        j = next((j for j, e in enumerate(ends) if c.x0 < e), len(heads) - 1)
        return role_at[heads[j].x0]

    return column


_BROKEN_DAY = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{1,3}$")


def _column_times(cell, pending: str, ref: dt.date | None) -> list[TimeExpr]:
    """The scheduled times of a cell in a time column: a bare "04/5" is a day there, and the words left
    above it ("Chậm nhất ngày") say what kind; offsets are put back into the document."""
    text = cell.text
    glued = bool(pending) and bool(_BROKEN_DAY.search(pending)) and text[:1].isdigit()  # "08/01/202" + "4"
    lead = (pending + ("" if glued else " ")) if pending else ("ngày " if re.match(r"\d", text) else "")
    out = []
    for x in ep.scheduled_times(find_time_expressions(lead + text, ref_date=ref)):
        if x.end <= len(lead):
            continue
        start = cell.start + max(0, x.start - len(lead))
        out.append(TimeExpr(**{**x.__dict__, "start": start, "end": cell.start + max(0, x.end - len(lead)),
                               "text": text}))
    return out


def _row_number(ln: Line) -> bool:
    """Whether a line opens with a row's number: its own cell ("3"), or glued to the next cell by the
    rule a scan's OCR read as a stroke ("3|Công ty ...")."""
    first = ln.cells[0].text.strip()
    return bool(re.fullmatch(r"\d{1,3}\.?", first) or _GLUED_ROW_NUMBER.match(first))
