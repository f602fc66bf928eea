"""Scheduled activities and deadlines of a plan.

Where a plan states its schedule:
- label blocks: "Thời gian: ...", "Địa điểm: ...", "Nội dung: ..." under a heading (the heading, the
  "Nội dung" line or the plan's title says what happens);
- date headings: "a) Ngày 28 tháng 8 năm 2025" with the day's items under it, one event per timed item;
- schedule tables: a row whose cell holds a date (Thời gian | Nội dung | Địa điểm | ...);
- sentences: "... tổ chức vào ngày ... tại ...", and deadlines "báo cáo ... trước ngày ...".
Dates a plan merely cites (of an earlier decree) are not events; recurring items ("hàng quý") and
undated steps are kept apart as ``recurring``.
"""

from __future__ import annotations

import datetime as dt
import re

from extractors.dates import TimeExpr, dating_span, find_time_expressions, ocr_repaired
from extractors.event_parts import (
    CLOCK,
    CLOCK_LED,
    INVITED_TO,
    EventFound,
    Schedule,
    clean_what,
    only_day,
    scheduled_times,
    sentence_what,
    times_between,
    venues_held_on,
    with_clock,
    without_place,
    year_only,
)
from extractors.footer import NOI_NHAN
from extractors.labels import LabelLine, continuation_end, inline_labels, label_of
from extractors.schedule_tables import column_roles, day_above, table_rows, unruled_table_rows
from extractors.types import on_scan
from extractors.venues import (
    ABBREVIATED,
    TAI,
    Venue,
    is_body_venue,
    is_venue_like,
    plausible_venue,
    split_venues,
    venue_after_tai,
)
from pipeline.document import Document, Line, Section
from pipeline.read.normalise import fold

# headings that name a part of the plan, not an activity (matched folded: OCR changes their marks)
_GENERIC_WORDS = ("thời gian", "địa điểm", "số lượng", "thành phần", "nội dung", "kinh phí", "chương trình", "lịch",
                  "kế hoạch", "tiến độ", "phương thức", "hình thức", "đơn vị", "đối tượng", "quy mô", "ban tổ chức",
                  "tổ chức thực hiện")
_GENERIC_FOLDED = re.compile(r"^(?:" + "|".join(fold(w).replace(" ", r"\s+") for w in _GENERIC_WORDS) + r")\b")


def _generic_title(title: str) -> bool:
    """A heading that names a part of the plan, not an activity ("NỘI DUNG", "THỜI GIAN, ĐỊA ĐIỂM");
    matched folded too, as OCR changes its marks ("II. NỌI DUNG")."""
    return bool(_GENERIC_FOLDED.match(fold(title.strip()).lower()))

_ACTIVITY = re.compile(
    r"\b(?:(?<!các\s)tổ\s+chức(?!\s*(?:,\s*|và\s+)(?:đơn\s+vị|cá\s+nhân|doanh\s+nghiệp|đoàn\s+thể|cơ\s+quan)\b)"
    r"(?!\s+(?:chính\s+trị|đoàn\s+thể|đảng|cơ\s+sở\s+đảng|bộ\s+máy|tín\s+dụng|xã\s+hội|kinh\s+tế)\b)|"  # (the noun)
    r"diễn\s+ra|khai\s+mạc|bế\s+mạc|khai\s+giảng|họp|hội\s+nghị|hội\s+thảo|tập\s+huấn|"
    r"ra\s+mắt|tọa\s+đàm|toạ\s+đàm|giao\s+lưu|(?<!thực\s)thi\b(?!\s+hành)|hội\s+thi|lễ\b|kiểm\s+tra|tổng\s+kết|sơ\s+kết|"
    r"phát\s+động|tuyên\s+dương|đón|tham\s+quan|gặp\s+mặt|sinh\s+hoạt|ra\s+quân|chấm|duyệt|tựu\s+trường|"
    r"tiến\s+hành|đại\s+hội|hội\s+trại|khai\s+trại|bế\s+trại|khởi\s+tranh|thi\s+đấu|giải\s+\w+|hiến\s+máu|"
    r"mít\s+tinh|diễu\s+hành|ngày\s+hội|lễ\s+hội|hội\s+chợ|triển\s+lãm|liên\s+hoan|hội\s+diễn|hội\s+thao|"
    r"bồi\s+dưỡng|khánh\s+thành|khởi\s+công|làm\s+việc|tiếp\s+công\s+dân|bầu\s+cử|trao|phát\s+thưởng|"
    r"ngh[ỉi]\s+(?:lễ|tết|hè|học|bù)"  # ("nghi Tết": OCR drops the hook)
    r"|có\s+kế\s+hoạch|nâng\s+cấp|bảo\s+trì)",  # a system stopped for its upkeep
    re.I)
# headings about the plan as a whole, not one of its activities: "3. Đối tượng, nội dung kiểm tra"
_ABOUT_THE_PLAN = re.compile(r"^(?:đối\s+tượng|nội\s+dung|phạm\s+vi|mục\s+đích|yêu\s+cầu|hình\s+thức|"
                             r"phương\s+thức|thời\s+gian|địa\s+điểm|thành\s+phần|quy\s+mô)", re.I)
_BASIS = re.compile(r"^\W*căn\s+cứ\b", re.I)
_PAST = re.compile(r"(?<!\w)(?:đã|vừa)\s+(?!được\s+giao)", re.I)
_DEADLINE_CONTEXT = re.compile(
    r"\b(?:gửi|nộp|báo\s+cáo|hoàn\s+thành|hoàn\s+tất|đăng\s+ký|tổng\s+hợp|cập\s+nhật|chuyển|phê\s+duyệt|"
    r"ban\s+hành|tổ\s+chức|trình|xong|xây\s+dựng|triển\s+khai)\b", re.I)
_BULLET = re.compile(r"^[-+•*–]\s*")
# a sentence whose subject is the time of a work: "b) Thời gian kiểm tra, đánh giá kết quả ... trước ngày 31/12"
_TIME_OF_WORK = re.compile(r"^\W*(?:(?:[a-zđ]|\d{1,2}(?:\.\d{1,2})*)\s*[.)]\s*)?thời\s+(?:gian|hạn)\s+[^\W\d_]", re.I)


def extract_events(doc: Document, *, title: str | None, ref_date: dt.date | None, body_start: int,
                   body_end: int, title_at: tuple[int, int] | None = None) -> Schedule:
    sched = Schedule()
    body = doc.lines[body_start:body_end]
    used: set[int] = set()  # offsets of time expressions already turned into events
    _date_lines(doc, body, ref_date, used)
    _label_blocks(doc, body, title, ref_date, sched, used)
    _date_headings(doc, body, ref_date, sched, used)
    _day_lines(doc, body, ref_date, sched, used)
    _date_led_items(doc, body, ref_date, sched, used)
    _name_led_items(doc, body, ref_date, sched, used)
    table_rows(doc, body, ref_date, sched, used)
    # (its header may stand just above the body, read with the title)
    unruled_table_rows(doc, doc.lines[max(0, body_start - 2):body_end] if body else body, ref_date, sched, used)
    _clock_led_items(doc, body, ref_date, sched, used)
    _timed_headings(doc, body, ref_date, sched, used)
    _sentences(doc, body, ref_date, sched, used)
    _bridge_points(doc, body, sched)
    for lines, venues in sched.held_in:
        for ev in sched.events:
            if not ev.venues and ev.kind == "event" and ev.spans and doc.line_at(ev.spans[0].start).index in lines:
                ev.venues = list(venues)
    _handed_in_at(doc, body, sched)
    if not sched.plan_venues and title_at is not None:
        sched.plan_venues = _title_place(doc, *title_at)
    if sched.plan_venues:
        seen: set[str] = set()
        sched.plan_venues = [v for v in sched.plan_venues if not (v.text in seen or seen.add(v.text))]  # once each
        # (a table dating each row is a timeline of steps, held where each step says; a table whose rows
        # are all of one day is that day's timetable, held where the plan is)
        row_days = {(ev.when.start_value or "")[:10] for ev in sched.events if _timeline_row(doc, ev)}
        for ev in sched.events:
            if not ev.venues and ev.kind == "event" and (len(row_days) == 1 or not _timeline_row(doc, ev)):
                ev.venues = list(sched.plan_venues)
    # "- Chiều: Từ 13h30 đến 17h00" under a change of working hours: hours, no activity
    sched.events = [ev for ev in sched.events if not (ev.what and _HOURS_ONLY.fullmatch(ev.what))]
    # "Ngày thi: 30/3/2015" over the timetable of that day: the day's label, its rows are the activities
    table_days = {(ev.when.start_value or "")[:10] for ev in sched.events
                  if ev.row is not None and doc.lines[ev.row].is_table_row}
    sched.events = [ev for ev in sched.events if not (ev.what and _LABEL_NAME.fullmatch(ev.what)
                                                       and (ev.when.start_value or "")[:10] in table_days)]
    sched.events = _timed_first(_dedupe(sched.events))
    _meeting_end(doc, body, ref_date, sched)
    for ev in sched.events:
        if ev.row is None or not doc.lines[ev.row].is_table_row:  # (a table's cell stays as printed)
            ev.what = _kind_in_full(ev.what, title)
    return sched


def _title_place(doc: Document, lo: int, hi: int) -> list[Venue]:
    """The place a title gives on a line of its own ("LỊCH THI CẤP CHỨNG CHỈ B1" / "Tại Trường Đại học
    Sài Gòn"): where the plan's activities happen when the body names none. (A "tại" inside the title's
    sentence says where a plan applies — "Kế hoạch triển khai ... tại Bệnh viện X" —, not where it meets.)"""
    for ln in doc.lines[doc.line_at(lo).index:doc.line_at(max(lo, hi - 1)).index + 1]:
        t = ln.text.strip()
        if re.match(r"^Tại\s+\S", t) and t[4:5].isupper():
            at = venue_after_tai(doc.text, ln.start, ln.end)
            if at is not None:
                return [v for v in split_venues(doc.text[at[0]:at[1]], offset=at[0]) if is_venue_like(v.text)]
    return []


def _when_of_heading(doc: Document, t: TimeExpr, lo: int, hi: int) -> bool:
    """A sentence that only says when (and where) under a heading naming an activity ("3. Tập huấn" /
    "Từ ngày 25/4/2024 đến ngày 26/4/2024, tại Thành phố Đà Lạt."): the heading's activity then."""
    ln = doc.line_at(lo)
    sec = doc.section_at(ln.index)
    if sec is None or ln.index != sec.first_line or _generic_title(sec.title) or len(sec.title.split()) > 12:
        return False
    at = venue_after_tai(doc.text, lo, hi)
    rest = without_place(doc, lo, hi, at) if at else doc.text[lo:hi]
    rest = (rest or "").replace(t.text, " ") if t.text else rest
    rest = re.sub(r"\s+", " ", rest or "").strip(" ,.;:")
    return bool(_ONLY_WHEN.match(re.sub(r"^(?:từ|vào|trong|ngày|lúc)\b\s*", "", rest, flags=re.I).strip(" ,.;:")))


# an event named by nothing but its time label: "Ngày thi", "Thời gian thi", "Ngày thi đấu"
_LABEL_NAME = re.compile(r"(?:Ngày|Thời\s+gian)(?:\s+[^\W\d_]+){0,2}", re.I)


# work handed in or collected, named the same way by its dated line and by the sentence saying where:
# "Thời gian nộp hồ sơ: từ ..." / "Thí sinh nộp hồ sơ trực tiếp tại Phòng Tổ chức - Hành chính"
_HAND_IN = re.compile(r"\b(?:nộp|nhận|tiếp\s+nhận|đăng\s+ký|trả|lĩnh|gửi)\s+(?:hồ\s+sơ|báo\s+cáo|bài(?:\s+dự\s+thi)?|"
                      r"đơn|danh\s+sách|sản\s+phẩm|học\s+phí|lệ\s+phí|lễ\s+phục|phiếu)\b", re.I)


def _handed_in_at(doc: Document, body: list[Line], sched: Schedule) -> None:
    """An event of handing in ("Nộp hồ sơ", "Hạn chót nộp báo cáo") without a place takes the place a
    sentence of the body gives for the same work ("Sinh viên nộp báo cáo tại văn phòng Khoa ...")."""
    if not body:
        return
    wanting = [(ev, fold(m.group(0).lower())) for ev in sched.events
               if not ev.venues and ev.what and (m := _HAND_IN.search(ev.what))]
    if not wanting:
        return
    lo, hi = body[0].start, body[-1].end
    said: dict[str, list[Venue]] = {}
    for m in _HAND_IN.finditer(doc.text, lo, hi):
        key = fold(re.sub(r"\s+", " ", m.group(0).lower()))
        if key in said:
            continue
        s_lo, s_hi = _sentence_bounds(doc, m.start(), m.end())
        at = venue_after_tai(doc.text, m.end(), s_hi)
        if at and re.fullmatch(r"[^.;:]{0,40}", doc.text[m.end():at[0]]):  # "nộp hồ sơ (trực tiếp) tại ..."
            said[key] = split_venues(doc.text[at[0]:at[1]], offset=at[0])
    for ev, key in wanting:
        if said.get(key):
            ev.venues = list(said[key])


# a sentence refers back to the activity by its kind alone: "... tổ chức Hội thi từ ngày ..."
_BARE_KIND_AT_END = re.compile(r"\b(Hội\s+thi|Hội\s+nghị|Đại\s+hội|Hội\s+thao|Cuộc\s+thi|Hội\s+trại|Ngày\s+hội"
                               r"|Hội\s+diễn|Hội\s+giảng|Tọa\s+đàm|Hội\s+thảo|Diễn\s+đàn)\s*$")


def _kind_in_full(what: str | None, title: str | None) -> str | None:
    """What ends with an activity's bare kind that the title names in full ("Ban Tổ chức có nhiệm vụ
    ... tổ chức Hội thi" under "Về việc thành lập Ban Tổ chức Hội thi giáo viên dạy giỏi cấp huyện"):
    the kind is given the title's name."""
    m = _BARE_KIND_AT_END.search(what or "")
    if not m:
        return what
    full = _in_full(m.group(1), title)
    return what[:m.start(1)] + full if full and full != m.group(1) else what


_HOURS_ONLY = re.compile(rf"\W*(?:(?:buổi\s+)?(?:sáng|chiều|tối|trưa)\s*:?\s*)?(?:từ\s+)?{CLOCK}"
                         rf"(?:\s*(?:đến|[-–])\s*{CLOCK})?\W*", re.I)


# the minutes' closing line: "Cuộc họp kết thúc vào lúc 11 giờ 30 phút cùng ngày."
_MEETING_ENDS = re.compile(
    r"(?:cuộc\s+họp|hội\s+nghị|buổi\s+(?:họp|làm\s+việc|lễ)|phiên\s+họp|cuộc\s+làm\s+việc|hội\s+thảo)\s+"
    r"(?:đã\s+)?kết\s+thúc\s+(?:vào\s+)?(?:lúc|hồi)?\s*(?P<when>[^.;\n]{1,40}?)\s*(?:cùng\s+ngày|[.;\n])", re.I)


def _meeting_end(doc: Document, body: list[Line], ref: dt.date | None, sched: Schedule) -> None:
    """Minutes give the meeting's start in their "Thời gian" line and its end in their closing line
    ("... kết thúc vào lúc 11 giờ 30 phút cùng ngày"): the one timed event of the text ends then."""
    if not body:
        return
    timed = [ev for ev in sched.events if ev.when.time_of_day and ":" in ev.when.time_of_day]
    if len(timed) != 1 or timed[0].when.end_value or timed[0].kind != "event":
        return
    ev = timed[0]
    for m in _MEETING_ENDS.finditer(doc.text, body[0].start, body[-1].end):
        clocks = [t for t in times_between(doc, m.start("when"), m.end("when"), ref) if t.time_of_day]
        if len(clocks) != 1 or clocks[0].start_value and clocks[0].start_value[:10] != ev.when.start_value[:10]:
            continue
        until = clocks[0].time_of_day
        if until and ":" in until and until > (ev.when.time_of_day or ""):
            ev.when = TimeExpr(**{**ev.when.__dict__, "end_value": f"{ev.when.start_value[:10]}T{until}",
                                  "end_time_of_day": until})
            ev.spans.append(doc.span(m.start(), m.end()))
        return


# "a) Tại điểm cầu Hội trường UBND tỉnh (Phòng họp tầng 1 ...):" heads who attends where an online meeting
# is followed
_BRIDGE_POINT = re.compile(r"^(?:(?:[a-zđ]|\d{1,2}(?:\.\d{1,2})*)\s*[.)]\s*|[-+•*–]\s*)?tại\s+(?:các\s+)?điểm\s+cầu\s+",
                           re.I)


def _bridge_points(doc: Document, body: list[Line], sched: Schedule) -> None:
    """The places an online meeting is followed from, each heading its own list of attendees: they
    are where the meeting happens, as a "Địa điểm" line would say."""
    for ln in body:
        t = ln.text.strip()
        m = _BRIDGE_POINT.match(t)
        if not m or ln.is_table_row:
            continue
        lead = ln.start + ln.text.find(t)
        end = _wrapped_item_end(doc, ln)
        value = doc.text[lead + m.end():end]
        colon = value.find(":")
        if colon != -1:
            value = value[:colon]  # "... cấp huyện: các đồng chí ..." names who, after the place
        sched.plan_venues.extend(v for v in split_venues(value, offset=lead + m.end()) if is_venue_like(v.text))


def _date_lines(doc: Document, body: list[Line], ref: dt.date | None, used: set[int]) -> None:
    """Mark the dates of lines that date the document itself as used ("Bắc Giang, ngày 17 tháng 10 năm
    2012", read into the body where a scan's header was not told apart, or a form's "ngày    tháng 10
    năm 2012"): they schedule nothing."""
    for ln in body:
        span = dating_span(ocr_repaired(ln.text) if on_scan(doc, ln.start) else ln.text)
        if span:
            used.update(t.start for t in times_between(doc, ln.start + span[0], ln.start + span[1], ref))


def _timeline_row(doc: Document, ev: EventFound) -> bool:
    """An event read from a row of a table that dates each row itself (a timeline of different steps:
    "Ngày 24/05 | Khoa thông báo ..."), whose place the plan's own "Địa điểm" does not give."""
    if ev.row is None or not ev.spans:
        return False
    ln = doc.lines[ev.row] if 0 <= ev.row < len(doc.lines) else None
    return ln is not None and ln.is_table_row and doc.line_at(ev.when.start).index == ev.row


def _timed_first(events: list[EventFound]) -> list[EventFound]:
    """Events day by day in the order their days were found; on one day those given by the hour come
    before those given by the day alone (a programme's items before the day that heads it: readers
    list the timed items of a day first, and the untimed day is the less precise record of the same
    day), each in the order the text gives them."""
    first_seen: dict[str, int] = {}
    for i, ev in enumerate(events):
        first_seen.setdefault((ev.when.start_value or "")[:10], i)

    def key(item: tuple[int, EventFound]) -> tuple[int, int, int, int]:
        i, ev = item
        start = ev.when.start_value or ""
        # (within a day and precision, in the order the text gives them, as a reader lists them)
        at = ev.spans[0].start if ev.spans else 1 << 62
        return first_seen[start[:10]], 0 if "T" in start else 1, at, i

    return [ev for _, ev in sorted(enumerate(events), key=key)]


# ---------------------------------------------------------------------------------------------


def _block_key(doc: Document, ln: Line) -> tuple[int, int]:
    """Lines of one label block share the innermost section that is not the label line itself."""
    sec = doc.section_at(ln.index)
    if sec is not None and sec.heading_line == ln.index:
        sec = sec.parent
    if sec is None:
        return (-1, -1)
    return (sec.heading_line, sec.level)


def _label_blocks(doc: Document, body: list[Line], title: str | None, ref: dt.date | None,
                  sched: Schedule, used: set[int]) -> None:
    blocks: dict[tuple[int, int], list[LabelLine]] = {}
    held_in = sched.held_in
    for ln in body:
        lab = label_of(doc, ln)
        for part in inline_labels(doc, lab) if lab else []:
            if part.kind in ("time", "venue", "content", "participants", "responsible"):
                blocks.setdefault(_block_key(doc, ln), []).append(part)
    for key, labels in blocks.items():
        times = [lab for lab in labels if lab.kind == "time"]
        venues = [lab for lab in labels if lab.kind == "venue"]
        if not times:
            continue
        for tl in times:
            end = continuation_end(doc, tl.line) if tl.value_end >= tl.line.end else tl.value_end
            exprs = times_between(doc, tl.value_start, end, ref)
            dated = scheduled_times(exprs) or year_only(doc, tl.value_start, end, exprs)
            if not dated:
                if any(t.kind == "recurrence" for t in exprs):
                    sched.recurring.append({"text": doc.text[tl.value_start:end].strip(),
                                            "page": doc.page_at(tl.value_start)})
                continue
            # the labels nearest this time line belong to it (several blocks may share a parent)
            mine = _nearest(labels, tl)
            what = _what_for(doc, key, mine, title, tl)
            vs = [v for lab in mine if lab.kind == "venue" for v in _venues_of(doc, lab)]
            if not vs and _BOTH_LABEL.search(doc.text[tl.line.start:tl.value_start]):
                # "Thời gian, địa điểm: 7h30 ngày 25/3/2024 tại Nhà văn hóa thôn 3": the place follows "tại"
                at = venue_after_tai(doc.text, tl.value_start, end)
                vs = split_venues(doc.text[at[0]:at[1]], offset=at[0]) if at else []
            parts = next((lab.value(doc) for lab in mine if lab.kind == "participants"), None)
            resp = next((lab.value(doc) for lab in mine if lab.kind == "responsible"), None)
            for t in dated:
                used.add(t.start)
                # several days in one value, each with its own part: "Sáng ngày 20/3/2024 (vòng loại), chiều
                # ngày 21/3/2024 (chung kết)", "...; khai mạc lúc 7h30 ngày 22/3/2024"
                part = _part_of_value(doc, t, tl.value_start, end) if len(dated) >= 2 else None
                named = f"{what}: {part}" if what and part else what
                sched.events.append(EventFound(named, t, "event", vs, [doc.span(t.start, t.end)], parts, resp,
                                               row=key[0] if key[0] >= 0 else None))
        # a venue stated in a block whose time gives no date at all (e.g. "Thời gian: 02 ngày")
        if venues and not any(scheduled_times(times_between(doc, t.value_start, continuation_end(doc, t.line), ref))
                              for t in times):
            recurring = any(t.kind == "recurrence" for tl in times
                            for t in times_between(doc, tl.value_start, continuation_end(doc, tl.line), ref))
            if not recurring:
                # under a heading naming one activity ("2.4. Giải bóng chuyền hơi") the place is that
                # activity's, not where the plan's other events happen
                sec = _activity_section(doc, key)
                own = sec is not None
                into = sched.activity_venues if own else sched.plan_venues
                for lab in venues:
                    found = [v for v in _venues_of(doc, lab) if plausible_venue(v.text)]
                    into.extend(found)
                    if own and found:
                        # the activity's dated rows further down its section take its place
                        lines = {ln.index for ln in doc.section_lines(sec)}
                        held_in.append((lines, found))
    # a "Địa điểm" label standing alone (no time label near it) names the plan's venue, or, under a
    # heading naming one activity ("2. Lịch thi" / "- Môn Toán: 7h30 ..." / "Địa điểm thi: ..."), where
    # the dated items of that heading happen
    for key, labels in blocks.items():
        if not any(lab.kind == "time" for lab in labels):
            sec = _activity_section(doc, key, any_heading=True)
            for lab in labels:
                if lab.kind == "venue":
                    found = [v for v in _venues_of(doc, lab) if plausible_venue(v.text)]
                    if sec is None:
                        sched.plan_venues.extend(found)
                    elif found:
                        sched.activity_venues.extend(found)
                        held_in.append(({ln.index for ln in doc.section_lines(sec)}, found))


def _activity_section(doc: Document, key: tuple[int, int], any_heading: bool = False) -> Section | None:
    """The section of a label block when its heading names one activity ("2.4. Giải bóng chuyền hơi"),
    not a part of the plan ("II. NỘI DUNG", "Thời gian, địa điểm"); with ``any_heading``, any
    sub-heading in sentence case ("2. Lịch thi") over the block."""
    sec = next((x for x in doc.sections if x.heading_line == key[0]), None) if key[0] >= 0 else None
    if sec is None or sec.title.isupper() or _ABOUT_THE_PLAN.match(sec.title):
        return None
    if any_heading:
        return None if _generic_title(sec.title) and not _ACTIVITY.search(sec.title) else sec
    return sec if not _generic_title(sec.title) and _ACTIVITY.search(sec.title) else None


_BOTH_LABEL = re.compile(r"địa\s+điểm", re.I)


_PART_AFTER = re.compile(r"\s*\(\s*(?P<part>[^()\d]{2,40}?)\s*\)")
_PART_BEFORE = re.compile(r"(?:^|[;,.]\s*)(?P<part>[^;,.\d()]{2,40}?)\s*(?:vào\s+)?(?:lúc|hồi)?\s*$", re.I)


def _part_of_value(doc: Document, t: TimeExpr, lo: int, hi: int) -> str | None:
    """The part of an activity a day of its time value is for: the words in brackets after it
    ("(vòng loại)") or the words before it in its clause ("khai mạc lúc ..."), when they name one."""
    after = _PART_AFTER.match(doc.text, t.end, hi)
    if after:
        return after.group("part").strip()
    before = _PART_BEFORE.search(doc.text[lo:t.start])
    part = before.group("part").strip() if before else ""
    part = re.sub(r"^(?:từ|ngày|sáng|chiều|tối|trưa|buổi\s+\w+|dự\s+kiến)(?:\s+|$)", "", part, flags=re.I).strip()
    return part if part and (_ACTIVITY.search(part) or _STAGE.match(part)) and len(part.split()) <= 6 else None


# a stage of an activity named before its day: "vòng sơ khảo ngày 10/5; vòng chung kết ngày 20/5"
_STAGE = re.compile(r"(?:vòng|đợt|giai\s+đoạn|bước|phần)\s+\S", re.I)


def _nearest(labels: list[LabelLine], tl: LabelLine) -> list[LabelLine]:
    """The labels of ``tl``'s own group. Read in order, a block of labels starts a new group when a
    kind comes again ("Nội dung / Thời gian / Địa điểm" twice under one heading is two activities)."""
    groups: list[list[LabelLine]] = [[]]
    for lab in labels:
        if any(x.kind == lab.kind for x in groups[-1]):
            groups.append([])
        groups[-1].append(lab)
    return next(g for g in groups if tl in g)


def _venues_of(doc: Document, lab: LabelLine) -> list[Venue]:
    end = continuation_end(doc, lab.line)
    value = doc.text[lab.value_start:end]
    items = [m for m in re.finditer(r"(?m)^[ \t]*[-+•*–][ \t]*(.+?)[ \t;.,]*$", value)]
    if len(items) >= 2:
        # "Địa điểm nộp hồ sơ: Tại các đơn vị: / - Phòng Đào tạo: Phòng V.A103 / - ...": one per item
        # an item may name who receives before the colon and the room after it: either half will do
        found_items = [split_venues(m.group(1), offset=lab.value_start + m.start(1))
                       or [v for part in m.group(1).split(":") for v in split_venues(part)]
                       or _named_item(m.group(1), lab.value_start + m.start(1)) for m in items]
        if all(found_items) and all(_names_its_item(doc, vs, lab.value_start + m.start(1))
                                    for m, vs in zip(items, found_items, strict=True)):
            return [v for vs in found_items for v in vs]  # each item is headed by its place's name
        if all(found_items):
            return [Venue(lab.value_start + m.start(1), lab.value_start + m.end(1), m.group(1).strip(),
                          tuple(dict.fromkeys(p for v in vs for p in v.provinces)),
                          tuple(dict.fromkeys(p for v in vs for p in v.provinces_2025)), vs[0].kind)
                    for m, vs in zip(items, found_items, strict=True)]
    if lab.line.text.rstrip().endswith(":"):
        listed = _places_listed_below(doc, lab.line)
        if len(listed) >= 2:
            return listed
    if len(items) == 1 and not value[:items[0].start()].strip():
        # "2. Địa điểm:" over "- Hội trường UBND huyện Tân Yên.": the one item under the label is its value
        m = items[0]
        return split_venues(m.group(1), offset=lab.value_start + m.start(1))
    tai = TAI.search(value)
    if not tai and re.search(r"trực\s+tuyến\b.*\bđiểm\s+cầu", value, re.I | re.S):
        return []  # "Họp trực tuyến từ điểm cầu UBND tỉnh đến điểm cầu ...": the points' halls are listed apart
    before_tai = value[:tai.start()] if tai else value
    if tai and len(before_tai.split()) >= 2 and not is_venue_like(before_tai.strip(" ,:")):
        # "Địa điểm: Sinh viên đi thực tế tại các công ty ...": the place is what follows "tại" (the
        # label says it is a place, whatever its head noun)
        at = venue_after_tai(doc.text, lab.value_start, end)
        if at:
            return split_venues(doc.text[at[0]:at[1]], offset=at[0])
        return split_venues(value[tai.end():], offset=lab.value_start + tai.end())
    return split_venues(value, offset=lab.value_start)


def _places_listed_below(doc: Document, line: Line) -> list[Venue]:
    """The places a place label lists on the items under it ("Điểm quan trắc: ... lấy mẫu tại 15 vị
    trí như sau:" / "- Cửa sông lạch Càn: Lấy mẫu ..." / "- Cửa sông Mã: ..."), each item headed by its
    place's name; the items' own sub-items are passed over, and the first item headed otherwise ends it."""
    found: list[Venue] = []
    mark, prev = None, ""
    for ln in doc.lines[line.index + 1:line.index + 80]:
        t = ln.text.strip()
        if not t:
            continue
        m = re.match(r"([-+•*–])\s*", t)
        if not m:
            if found and not prev.endswith((".", ";", ":")):
                prev = t
                continue  # the item's text wrapped onto the next line
            break
        prev = t
        if mark is None:
            mark = m.group(1)
        if m.group(1) != mark:
            continue  # a sub-item of the item above
        lead = ln.start + ln.text.find(t) + m.end()
        named = _named_item(doc.text[lead:ln.end], lead)
        if not named:
            break
        found.extend(named)
    return found


def _named_item(item: str, offset: int) -> list[Venue]:
    """An item under a place label headed by its place's name ("- Cửa sông lạch Càn: Lấy mẫu 01 vị trí
    tại ...", "+ Xã Tân Tiến: Lấy mẫu ..."): the name, whatever its head noun, the label says it is a place."""
    m = _NAME_BEFORE_COLON.match(item)
    if not m or not m.group(1)[:1].isupper() or len(m.group(1).split()) > 8:
        return []
    return [Venue(offset, offset + m.end(1), m.group(1), (), (), None)]


_NAME_BEFORE_COLON = re.compile(r"([^\W\d_][^:;,.()\d]{1,60}?)\s*:\s*\S")


def _names_its_item(doc: Document, venues: list[Venue], item_start: int) -> bool:
    """The one venue found in an item is the name heading it, before its colon ("Cửa sông Mã: ...")."""
    return len(venues) == 1 and venues[0].start == item_start and doc.text[venues[0].end:venues[0].end + 1] == ":"


# "... tổ chức Hội nghị Ban Chấp hành mở rộng lần thứ 5, cụ thể như sau:" / "... kính mời ... dự Lễ
# khai mạc ... như sau:": the sentence leading into a block of labels names the activity
_LEAD_IN = re.compile(
    r"(?:tổ\s+chức|triệu\s+tập|(?<!\w)dự|tham\s+dự|tham\s+gia|thông\s+báo)\s+(?P<name>[^:]{6,160}?)"
    r"\s*(?:[,.]\s*)?(?:cụ\s+thể\s+)?(?:như\s+sau|cụ\s+thể|với\s+nội\s+dung|theo\s+nội\s+dung)?\s*:\s*$",
    re.I)


_ATTEND_LINE = re.compile(r"^(?:[-+•*]\s*)?(?:đến|tới|về)\s+(?:tham\s+)?dự\s*:?\s*(?P<name>\S.{4,200}?)\s*[.;]?$", re.I)


def _lead_in_name(doc: Document, labels: list[LabelLine]) -> str | None:
    """The activity named by the line just above a block of labels, when it ends with a colon."""
    first = min(lab.line.index for lab in labels)
    if first == 0:
        return None
    above = doc.lines[first - 1].text.strip()
    if label_of(doc, doc.lines[first - 1]) is not None:
        return None
    invited = INVITED_TO.search(above)
    if invited and len(above[invited.end():].split()) >= 2:
        # "Trân trọng kính mời đồng chí đến dự buổi gặp mặt kỷ niệm ..." over its labels
        return clean_what(above[invited.end():])
    attend_line = _ATTEND_LINE.match(above)
    if attend_line:  # an invitation's "Đến dự Hội nghị báo cáo viên tháng 4 năm 2024." over its labels
        return clean_what(attend_line.group("name"))
    m = _LEAD_IN.search(above)
    if not m:
        return None
    # "... dự khai giảng khóa học theo thời gian và địa điểm như sau:": the labels' own words are no name
    name = clean_what(re.sub(r"\s+(?:theo|với|gồm|có)\s.*$", "", m.group("name"), flags=re.I))
    # "triệu tập đại biểu chính thức dự Đại hội": who is called, then the meeting they attend
    attend = list(re.finditer(r"(?<!\w)(?:tham\s+dự|dự|tham\s+gia)\s+(?=\S)", name or "", re.I))
    if attend:
        name = name[attend[-1].end():]
    return name if name and _ACTIVITY.search(name) else None


def _in_full(name: str | None, title: str | None) -> str | None:
    """A meeting named only by its kind ("Đại hội", "Hội nghị") in full, as the title names it
    ("Triệu tập đại biểu dự Đại hội đại biểu Đoàn ... lần thứ X" -> "Đại hội đại biểu Đoàn ...")."""
    if not name or not title or len(name.split()) > 2:
        return name
    at = fold(title.lower()).find(fold(name.lower()) + " ")
    return clean_what(title[at:]) if at >= 0 else name


def _what_for(doc: Document, key: tuple[int, int], labels: list[LabelLine], title: str | None,
              time_label: LabelLine | None = None) -> str | None:
    content = next((lab for lab in labels if lab.kind == "content"), None)
    lead_in = _lead_in_name(doc, labels) if labels else None
    if content is not None:
        # (up to the next label on its line, or over the lines its value wraps onto)
        end = content.value_end if content.value_end < content.line.end else continuation_end(doc, content.line)
        what = clean_what(doc.text[content.value_start:end])
        if lead_in and what and _new_words(lead_in, what) >= 0.5:
            return f"{lead_in}: {what}"
        # "2. Lớp bồi dưỡng cho cán bộ quản lý" / "2.4. Nội dung: Khóa Giáo dục số": the heading names
        # the activity, the label its content; both say what happens
        sec = next((s for s in doc.sections if s.heading_line == key[0]), None) if key[0] >= 0 else None
        heading = clean_what(sec.title) if sec is not None and not _generic_title(sec.title) else None
        # (a part heading in capitals, "II. CÁC HOẠT ĐỘNG", or one the content repeats adds nothing)
        if heading and what and not heading.isupper() and _new_words(heading, what) >= 0.5:
            return f"{heading}: {what}"
        return what
    if content is None and time_label is not None and not _LINE_OPENS.match(time_label.line.text) \
            and _TIME_NAME.match(doc.text[time_label.line.start:time_label.value_start]):
        # "- Tổng hợp kết quả, báo cáo Bộ Tài chính." over "Thời gian hoàn thành: Tháng 12/2025.": a
        # task card's own time line dates the item right above it
        above = _task_above(doc, time_label.line)
        if above:
            return above
    if time_label is not None and len(time_label.qualifier.split()) >= 2:
        # "Thời gian nhận hồ sơ: ...": the label itself says what happens then (or the heading above,
        # where it says it in full: "1. Tập huấn nghiệp vụ văn thư" over "Thời gian tập huấn: ...")
        q = time_label.qualifier
        sec = next((s for s in doc.sections if s.heading_line == key[0]), None) if key[0] >= 0 else None
        if sec is not None and fold(sec.title.lower()).startswith(fold(q.lower()) + " "):
            return clean_what(sec.title)
        return clean_what(q[:1].upper() + q[1:])
    if lead_in:
        return _in_full(lead_in, title)
    if key[0] >= 0:
        sec_title = doc.lines[key[0]].text
        sec = next((s for s in doc.sections if s.heading_line == key[0]), None)
        if sec is not None and not _generic_title(sec.title):
            return clean_what(sec.title)
        if sec is None and sec_title:
            return clean_what(sec_title)
    opening = _opening_meeting(doc, min(lab.line.index for lab in labels)) if labels else None
    if title and not (opening and _INVITES_ONLY.match(title)):
        return clean_what(title)
    return opening


# a title that only says it invites ("MỜI HỌP UBND TỈNH", "Mời dự họp"): the meeting is named in the text
_INVITES_ONLY = re.compile(r"^\W*(?:giấy\s+)?mời\s+(?:dự\s+)?họp\b", re.I)


# an invitation without a summary line opens by naming its meeting: "UBND tỉnh tổ chức Hội nghị chuyên
# đề về cải cách thủ tục hành chính do Tiến sỹ ... truyền đạt."
# (matched folded, with the same offsets, as a scan may read "tô chức")
_OPENS_MEETING = re.compile(r"(?:to\s+chuc|trieu\s+tap)\s+(?P<name>(?:hoi\s+nghi|hoi\s+thao|cuoc\s+hop|buoi|le|"
                            r"dai\s+hoi|toa\s+dam|lop|hoi\s+thi|phien\s+hop|ky\s+hop)\b[^.;:]{3,240})")


def _opening_meeting(doc: Document, before: int) -> str | None:
    """The meeting named by the nearest sentence above line ``before`` that says it is held."""
    text = doc.text[:doc.lines[before].start]
    folded = fold(text)
    if len(folded) != len(text):
        return None
    found = list(_OPENS_MEETING.finditer(folded))
    if not found:
        return None
    # ("... Hội nghị sơ kết công tác năm 2024, cụ thể như sau": the words leading into the labels go)
    name = _LEADS_INTO.sub("", text[found[-1].start("name"):found[-1].end("name")])
    return clean_what(name)


_LEADS_INTO = re.compile(r"[,.]?\s*(?:cụ\s+thể\s+)?(?:như\s+sau|cụ\s+thể)\s*$", re.I)


def _new_words(a: str, b: str) -> float:
    """Share of the words of ``a`` that ``b`` does not have."""
    wa, wb = set(fold(a).split()), set(fold(b).split())
    return len(wa - wb) / len(wa) if wa else 0.0


# ---------------------------------------------------------------------------------------------


def _date_headings(doc: Document, body: list[Line], ref: dt.date | None, sched: Schedule,
                   used: set[int]) -> None:
    """ "a) Ngày 28 tháng 8 năm 2025 (Thứ năm)" followed by the day's items."""
    if not body:
        return
    lo, hi = body[0].index, body[-1].index
    for sec in doc.sections:
        if not lo <= sec.heading_line <= hi:
            continue
        heading = doc.lines[sec.heading_line]
        title_start = heading.start + max(0, heading.text.find(sec.title))
        times = scheduled_times(times_between(doc, title_start, title_start + len(sec.title), ref))
        if not times or times[0].start - title_start > 12 or any(t.start in used for t in times):
            continue
        if any(ln.is_table_row for ln in doc.section_lines(sec)):
            continue  # "NGÀY 1: THỨ HAI, 24/8/2026" over a programme table: the table's rows are its events
        if _reported(times[0], ref, sec.title):
            continue  # "2. Ngày 10/01/2024, Ban Thường vụ đã tổ chức họp ...": done before the text, reported
        day = times[0]
        used.add(day.start)
        lines = doc.section_lines(sec)
        ends = next((k for k, ln in enumerate(lines) if NOI_NHAN.match(ln.text.strip())), len(lines))
        # (the last section runs on to the text's end: the "Nơi nhận" list under it is no item of the day)
        # (an exam timetable's "Buổi sáng: Thi môn Ngữ văn ..., lúc 7h30" items carry no mark)
        items = [ln for ln in lines[:ends] if ln.text.strip() and (_BULLET.match(ln.text.strip())
                                                                 or _PART_OF_DAY_LED.match(ln.text.strip()))]
        timed = []
        for ln in items:
            clocks = [t for t in times_between(doc, ln.start, ln.end, ref) if t.time_of_day]
            # a clock time ("7h30") says more than a part of the day ("buổi sáng")
            clocks.sort(key=lambda t: not re.match(r"^\d{2}:\d{2}$", t.time_of_day or ""))
            timed.append((ln, clocks))
        with_time = [(ln, c) for ln, c in timed if c]
        if len(with_time) >= 2:
            for ln, clocks in with_time:
                what = clean_what(_BULLET.sub("", ln.text.strip()))
                when = with_clock(day, clocks[0])
                at = venue_after_tai(doc.text, ln.start, ln.end)
                venues = split_venues(doc.text[at[0]:at[1]], offset=at[0]) if at else []
                sched.events.append(EventFound(what, when, "event", venues, [doc.span(ln.start, ln.end)]))
        else:
            texts = [_BULLET.sub("", ln.text.strip()) for ln in items]
            what = clean_what("; ".join(texts)) if texts else clean_what(sec.title)
            when = with_clock(day, with_time[0][1][0]) if with_time else day
            at = venue_after_tai(doc.text, heading.start, heading.end)  # "Đợt 1: từ ngày ..., tại ..."
            venues = split_venues(doc.text[at[0]:at[1]], offset=at[0]) if at else []
            sched.events.append(EventFound(what, when, "event", venues, [doc.span(heading.start, heading.end)]))


_WEEKDAY = r"(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật|CN)"
_DAY_ONLY = r"(?:ngày\s+)?\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{2,4})?"
# a line that is only a day, as weekly schedules head each day: "THỨ BA (10/12)", "Thứ Hai, ngày 09/12/2024:",
# "Ngày 10/12/2024 (Thứ Ba)", "1. Ngày 15/5/2024 (Thứ Tư):" (an exam timetable's numbered days)
_DAY_LINE = re.compile(
    rf"^(?:[-+•*–]\s*|\d{{1,2}}[.)]\s*|[a-zđ]\)\s*)?(?:{_WEEKDAY}\s*[,:(\-–]?\s*{_DAY_ONLY}\s*\)?|{_DAY_ONLY}\s*[,(\-–]?\s*(?:{_WEEKDAY})?\s*\)?)"
    r"\s*:?$", re.I)
# an item of such a day: led by its hour, or by a part of the day ("- Cả ngày: ...", "- Sáng: ...")
_PART_OF_DAY_LED = re.compile(r"^(?:[-+•*–]\s*)?(?:cả\s+ngày|buổi\s+sáng|buổi\s+chiều|buổi\s+tối|sáng|chiều|tối)"
                              r"\s*[:\-–]\s*(?=\S)", re.I)


def _day_lines(doc: Document, body: list[Line], ref: dt.date | None, sched: Schedule, used: set[int]) -> None:
    """A weekly schedule: a line that is only a day ("THỨ BA (10/12)") and the items under it, each an
    event on that day at its hour ("- 08 giờ 00: Chủ tịch UBND huyện tiếp công dân tại ...") or for the
    part of the day it names ("- Cả ngày: ...")."""
    k = 0
    while k < len(body):
        ln = body[k]
        k += 1
        t = ln.text.strip()
        if ln.is_table_row or not _DAY_LINE.match(t):
            continue
        lead = ln.start + ln.text.find(t)
        days = [x for x in scheduled_times(times_between(doc, lead, lead + len(t), ref)) if x.precision == "day"]
        if len(days) != 1 or days[0].start in used:
            continue
        day = days[0]
        items: list[tuple[Line, int]] = []  # an item and the length of its lead (part of the day, hour)
        while k < len(body) and not body[k].blank and not _DAY_LINE.match(body[k].text.strip()):
            it = body[k].text.strip()
            m = CLOCK_LED.match(it) or _PART_OF_DAY_LED.match(it)
            if m and not body[k].is_table_row:
                # "Sáng: 7h30 - Chủ tịch dự chào cờ ...": the part of the day, then the hour
                hour = CLOCK_LED.match(it[m.end():]) if m.re is _PART_OF_DAY_LED else None
                items.append((body[k], m.end() + (hour.end() if hour else 0)))
            elif not (items and _continues(doc, items[-1][0], body[k])):
                break
            k += 1
        if not items:
            continue
        used.add(day.start)
        for item, lead_len in items:
            it_lead = item.start + item.text.find(item.text.strip())
            clocks = [x for x in times_between(doc, it_lead, it_lead + lead_len, ref) if x.time_of_day]
            if any(x.start in used for x in clocks):
                continue
            end = _wrapped_item_end(doc, item)
            when = day
            if clocks:
                used.add(clocks[0].start)
                when = with_clock(day, clocks[0])
            what = clean_what(re.sub(r"\s+", " ", doc.text[it_lead + lead_len:end]))
            at = venue_after_tai(doc.text, it_lead + lead_len, end)
            venues = split_venues(doc.text[at[0]:at[1]], offset=at[0]) if at else []
            sched.events.append(EventFound(what, when, "event", venues, [doc.span(item.start, end)], row=item.index))


# a step's label before its date: "Bước 1:", "Giai đoạn 3:", "Đợt 2 -"
_STEP = r"(?:(?:Bước|Giai\s+đoạn|Đợt|Lần|Vòng|Tuần)\s+\d{1,2}\s*(?:[:.)]|[-–])?\s*)?"
# (its weekday may come first: "- Thứ Hai, ngày 15/4/2024: Trường THCS ...", "Chủ nhật (21/4):")
_DATE_LED = re.compile(r"^(?:[-+•*–]\s*)?" + _STEP + rf"(?i:{_WEEKDAY}\s*[,(]?\s*)?"
                       r"(?:(?:Ngày|ngày|Từ\s+ngày|từ\s+ngày)\s+)?"
                       r"\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{2,4})?"
                       r"(?:\s*[-–]\s*\d{1,2}(?:\s*/\s*\d{1,2})?(?:\s*/\s*\d{2,4})?)?\)?\s*(?::|[-–]\s)\s*(?=\S)")


# "- Tháng 5/2024: Tổ chức chung kết", "Từ tháng 6 đến tháng 8/2024: ...": a timeline by months
_MONTH_LED = re.compile(r"^(?:[-+•*–]\s*)?" + _STEP + r"(?:(?:trong|từ|đầu|giữa|cuối)\s+)?"
                        r"tháng\s+\d{1,2}(?:\s*/\s*\d{4})?"
                        r"(?:\s*(?:[-–]|đến(?:\s+hết)?(?:\s+tháng)?)\s*\d{1,2}(?:\s*/\s*\d{4})?)?"
                        r"(?:\s+năm\s+\d{4})?\s*(?::|[-–]\s)\s*(?=\S)", re.I)


def _date_led_items(doc: Document, body: list[Line], ref: dt.date | None, sched: Schedule,
                    used: set[int]) -> None:
    """A detailed schedule written as items led by their day: "- 15/11: Phát động cuộc thi ...",
    "Ngày 20/11 – Hội thảo ...", or by their month ("- Tháng 5/2024: Tổ chức chung kết"): one event
    per item, named by what follows the date."""
    for ln in body:
        t = ln.text.strip()
        m = _DATE_LED.match(t) or _MONTH_LED.match(t)
        if ln.is_table_row:
            continue
        if not m:
            _time_led_item(doc, ln, ref, sched, used)
            continue
        lead = ln.start + ln.text.find(t)
        # the line's grammar says "a day" ("15/11:"), which a bare "15/11" elsewhere does not
        bullet = len(t) - len(_BULLET.sub("", t))
        head = doc.text[lead + bullet:lead + m.end()]
        cue = "" if head.lower().startswith("ngày") or "tháng" in head.lower() else "ngày "
        shift = lead + bullet - len(cue)
        text = ocr_repaired(cue + head) if on_scan(doc, lead) else cue + head
        times = [TimeExpr(**{**x.__dict__, "start": max(x.start + shift, lead), "end": x.end + shift})
                 for x in scheduled_times(find_time_expressions(text, ref_date=ref))]
        times = [x for x in times if x.start not in used]
        if not times:
            continue
        end = _wrapped_item_end(doc, ln)
        if _reported(times[0], ref, doc.text[lead + m.end():end]):
            continue  # "Ngày 10/01/2024, Ban Thường vụ đã tổ chức họp ...": done before the text, reported
        used.add(times[0].start)
        what = clean_what(re.sub(r"\s+", " ", doc.text[lead + m.end():end]))
        at = venue_after_tai(doc.text, lead + m.end(), end)  # "- 07/12: Chung kết (trực tiếp tại hội trường)"
        venues = split_venues(doc.text[at[0]:at[1]], offset=at[0]) if at else []
        sched.events.append(EventFound(what, times[0], "event", venues, [doc.span(ln.start, end)], row=ln.index))


# an item's mark before the time that leads it: "- ", "Tuần 1 (", "Bước 2: "
_ITEM_MARK = re.compile(r"^(?:[-+•*–]\s*)?" + _STEP + r"\(?\s*")
# (a note on the time may stand before the colon: "Từ 07/02 - 19/02/2022 (tuần 28 và 29): ...")
_AFTER_LEAD_TIME = re.compile(r"\s*\)?\s*(?:\([^()]{1,40}\)\s*)?(?::|[-–]\s)\s*(?=\S)")


# (its hour may come first: "- 6h00 ngày 26/3/2024: Chạy việt dã", "19 giờ 30, ngày 25/3: ...")
_TIME_LED_WORDS = re.compile(r"\s*(?:(?:[01]?\d|2[0-3])\s*(?:h|g|giờ)\s*(?:[0-5]\d)?(?:\s*phút)?\s*,?\s*)?"
                             r"(?:từ|trước|đến|chậm\s+nhất|hạn\s+chót|trong|ngày)\b", re.I)


def _time_led_item(doc: Document, ln: Line, ref: dt.date | None, sched: Schedule, used: set[int]) -> None:
    """An item led by a range or a deadline the day patterns do not spell ("- Từ ngày 01/4 đến ngày
    15/4/2024: Các lớp đăng ký ...", "- Trước ngày 20/4/2024: ...", "Tuần 1 (từ 22/4 - 27/4/2024): ..."):
    its time, read by the date grammar, opens the line and a colon or dash closes it."""
    t = ln.text.strip()
    lead = ln.start + ln.text.find(t)
    mark = _ITEM_MARK.match(t)
    if not mark or not _TIME_LED_WORDS.match(t, mark.end()):
        return
    text = ocr_repaired(t) if on_scan(doc, lead) else t
    times = [x for x in scheduled_times(find_time_expressions(text, ref_date=ref)) if x.start == mark.end()]
    after = _AFTER_LEAD_TIME.match(t, times[0].end) if times else None
    if not after or lead + times[0].start in used:
        return
    x = times[0]
    when = TimeExpr(**{**x.__dict__, "start": x.start + lead, "end": x.end + lead})
    used.add(when.start)
    end = _wrapped_item_end(doc, ln)
    what = clean_what(re.sub(r"\s+", " ", doc.text[lead + after.end():end]))
    step = _BULLET.sub("", t[:mark.end()]).strip(" (:.-–)")
    if step and what:
        what = f"{step}: {what}"  # the step it is ("Bước 1: Các chi đoàn ...")
    at = venue_after_tai(doc.text, lead + after.end(), end)
    venues = split_venues(doc.text[at[0]:at[1]], offset=at[0]) if at else []
    kind = "deadline" if x.kind == "deadline" else "event"
    sched.events.append(EventFound(what, when, kind, venues, [doc.span(ln.start, end)], row=ln.index))


# "b) Vòng bán kết: 8h00 ngày 17/4/2024 tại Hội trường Đoàn xã": an item named before its colon, dated
# right after it
_NAME_LED = re.compile(r"^(?:[-+•*–]\s*|(?:[a-zđ]|\d{1,2}(?:\.\d{1,2})*)\s*[.)]\s*)?"
                       r"(?P<name>[^\W\d_][^:\n]{2,80}?)\s*:\s*(?P<value>\S.*)$")
# a name may hold a number ("Vòng 1", "Khóa 2", "Lớp 10A"), never a date or an hour, and a day's
# number is no name ("NGÀY 1: THỨ HAI, NGÀY 24/8/2026" heads that day's programme)
_DATED_NAME = re.compile(r"\d\s*[/.-]\s*\d|\d\s*(?:h|g|giờ)\b|\d{4}|^\W*(?:ngày|thứ|buổi)\s+\d{1,2}\W*$", re.I)
# a note's label names no activity: "Ghi chú: Từ ngày 19/04 nhà trường đổi giờ làm việc ..."
_NOTE_NAME = re.compile(r"^\W*(?:ghi\s+chú|lưu\s+ý|chú\s+ý|nb|n\.b\.?)\W*$", re.I)
# an item's name that only says when: "Thời hạn hoàn thành", "Thời gian thực hiện", "Hạn chót"
# (a name that says what is due keeps it: "Thời hạn gửi báo cáo toàn văn", "Thời gian ôn thi")
_TIME_NAME = re.compile(r"^\W*(?:thời\s+hạn|hạn\s+chót|thời\s+gian)(?:\s+(?:hoàn\s+thành|thực\s+hiện|triển\s+khai))?"
                        r"\W*$", re.I)
# a person's birth date ("Đồng chí Nguyễn Văn A, sinh ngày: 28/05/1984") is no activity
_BORN = re.compile(r"(?:sinh\s+ngày|ngày\s+(?:tháng\s+năm\s+)?sinh|năm\s+sinh|sinh\s+năm)\s*$", re.I)
_DEADLINE_NAME = re.compile(r"(?:thời\s+)?hạn\b|hạn\s+chót|chậm\s+nhất", re.I)
_WHEN_LEAD = re.compile(r"^(?:(?:dự\s+kiến|vào|từ|lúc|hồi|trong|sáng|chiều|tối|buổi\s+\w+|thứ\s+\w+|chủ\s+nhật"
                        r"|tuần\s+(?:thứ\s+)?\w+(?:\s+(?:của|trong))?|đầu|giữa|cuối)[\s,]+)*", re.I)


def _name_led_items(doc: Document, body: list[Line], ref: dt.date | None, sched: Schedule,
                    used: set[int]) -> None:
    """Items that name an activity, then give its date after a colon ("a) Vòng sơ khảo: ngày 10/4/2024
    tại các chi đoàn", "- Lễ khai mạc: 7h30 ngày 15/3/2024"): one event each, named by the head."""
    for ln in body:
        t = ln.text.strip()
        m = _NAME_LED.match(t)
        if not m or ln.is_table_row or label_of(doc, ln) is not None or len(m.group("name").split()) > 10 \
                or _DATED_NAME.search(m.group("name")) or _NOTE_NAME.match(m.group("name")) \
                or _BORN.search(m.group("name")):
            continue
        lead = ln.start + ln.text.find(t)
        v_start = lead + m.start("value")
        end = _wrapped_item_end(doc, ln)
        value = doc.text[v_start:end]
        times = [x for x in scheduled_times(times_between(doc, v_start, end, ref)) if x.start not in used]
        if not times or times[0].start - v_start > _WHEN_LEAD.match(value).end() + 5:
            continue  # the value does not open with its date: a sentence, read as one elsewhere
        when = times[0]
        used.add(when.start)
        at = venue_after_tai(doc.text, when.end, end)
        venues = split_venues(doc.text[at[0]:at[1]], offset=at[0]) if at else []
        # "Hạn cuối nộp hồ sơ: 17h00 ngày 30/4/2024": the name says it is a deadline
        kind = "deadline" if when.kind == "deadline" or _DEADLINE_NAME.match(m.group("name")) else "event"
        what = clean_what(m.group("name"))
        if _TIME_NAME.match(m.group("name")):
            # "1. Rà soát hệ thống văn bản ..." / "- Thời hạn hoàn thành: Tháng 12 năm 2025": the task above is due
            sec = doc.section_at(ln.index)
            above = None if _LINE_OPENS.match(ln.text) else _task_above(doc, ln)
            if above:
                what = above
            elif sec is not None and not _generic_title(sec.title) and sec.first_line <= ln.index:
                what = clean_what(sec.title)
        sched.events.append(EventFound(what, when, kind, venues, [doc.span(ln.start, end)], row=ln.index))


def _clock_led_items(doc: Document, body: list[Line], ref: dt.date | None, sched: Schedule,
                     used: set[int]) -> None:
    """A programme written as items led by their hour ("- 07 h 30 – 07 h 45: Chương trình văn nghệ"),
    two or more in a row: each item is an event on the one day the plan names just above the
    programme (its "Thời gian" line or heading), at the item's hour. Without such a day, nothing."""
    runs: list[list[Line]] = []
    headers: dict[int, int | None] = {}
    for ln in body:
        if ln.blank:
            continue
        # (a row of a table without a header too: "8h30 - 8h35 | Tuyên bố lý do"; a table with one is
        # read by its columns)
        led = CLOCK_LED.match(ln.text.strip()) and not (ln.is_table_row and _has_header(doc, ln, headers))
        if led and runs and runs[-1] and doc.lines[runs[-1][-1].index + 1:ln.index] == \
                [x for x in doc.lines[runs[-1][-1].index + 1:ln.index] if x.blank or _continues(doc, runs[-1][-1], x)]:
            runs[-1].append(ln)
        elif led:
            runs.append([ln])
    for run in runs:
        if len(run) < 2:
            continue
        day = day_above(doc, run[0].index, body[0].index, ref, reach=15) or only_day(sched, len(run))
        if day is None:
            continue
        # the items happen where the event of that day does ("Địa điểm: Hội trường C" under its time)
        held_at = venues_held_on(sched, day)
        for ln in run:
            t = ln.text.strip()
            lead = ln.start + ln.text.find(t)
            m = CLOCK_LED.match(t)
            clocks = [x for x in times_between(doc, lead, lead + m.end(), ref) if x.time_of_day]
            if not clocks or any(x.start in used for x in clocks):
                continue
            end = _wrapped_item_end(doc, ln)
            used.add(clocks[0].start)
            what = clean_what(re.sub(r"\s+", " ", doc.text[lead + m.end():end]))
            at = venue_after_tai(doc.text, lead + m.end(), end)
            venues = split_venues(doc.text[at[0]:at[1]], offset=at[0]) if at else list(held_at)
            when = with_clock(day, clocks[0])
            # the item ends when its hours say ("07 h 00 – 07 h 30"), never when the programme does
            until = clocks[0].end_time_of_day
            ends = f"{when.start_value[:10]}T{until}" if until and re.fullmatch(r"\d{2}:\d{2}", until) else None
            when = TimeExpr(**{**when.__dict__, "end_value": ends})
            sched.events.append(EventFound(what, when, "event", venues, [doc.span(ln.start, end)], row=ln.index))


# a programme's part headed by its hours: "I. ĐẠI HỘI TRÙ BỊ: (13h30 – 14h30)", "II. PHIÊN CHÍNH THỨC: Từ 15h"
_TIMED_HEADING = re.compile(rf"^(?:[IVX]{{1,4}}|PHẦN\s+[IVX\d]{{1,4}})\s*[.):/-]\s*(?P<name>[^\d:()]{{4,80}}?)"
                            rf"\s*[:,–-]?\s*\(?\s*(?:(?:từ|lúc|vào\s+lúc)\s+)?(?P<clock>{CLOCK})"
                            rf"(?:\s*[-–]\s*{CLOCK})?\s*\)?\s*\.?$", re.I)


def _timed_headings(doc: Document, body: list[Line], ref: dt.date | None, sched: Schedule, used: set[int]) -> None:
    """A programme whose Roman-numbered parts give their hours and whose day is said once above them:
    each part is an event of that day at its hour (two parts or more; its items are its content)."""
    heads = [(ln, m) for ln in body if not ln.is_table_row and (m := _TIMED_HEADING.match(ln.text.strip()))]
    if len(heads) < 2:
        return
    day = day_above(doc, heads[0][0].index, body[0].index, ref, reach=6) or only_day(sched, len(heads))
    if day is None or day.precision not in ("day", "minute"):
        return
    for ln, m in heads:
        lead = ln.start + ln.text.find(ln.text.strip())
        clocks = [x for x in times_between(doc, lead + m.start("clock"), ln.end, ref) if x.time_of_day]
        if not clocks or any(x.start in used for x in clocks):
            continue
        used.add(clocks[0].start)
        name = m.group("name").strip(" :–-")
        what = clean_what(name[:1] + name[1:].lower() if name.isupper() else name)
        when = with_clock(day, clocks[0])
        when = TimeExpr(**{**when.__dict__, "end_value": None})
        sched.events.append(EventFound(what, when, "event", list(venues_held_on(sched, day)),
                                       [doc.span(ln.start, ln.end)], row=ln.index))


def _has_header(doc: Document, row: Line, memo: dict[int, int | None]) -> bool:
    """Whether the table holding ``row`` has a header row naming its columns at or above ``row``
    (``memo``: a table's first row -> its first header row, found once per table)."""
    i = row.index
    while i > 0 and doc.lines[i - 1].is_table_row:
        i -= 1
    if i not in memo:
        j = i
        while j < len(doc.lines) and doc.lines[j].is_table_row and not column_roles(doc.lines[j]):
            j += 1
        memo[i] = j if j < len(doc.lines) and doc.lines[j].is_table_row else None
    return memo[i] is not None and memo[i] <= row.index


def _continues(doc: Document, item: Line, ln: Line) -> bool:
    """Whether ``ln`` is a wrapped line of ``item`` (so the run of items goes on after it)."""
    return item.end < ln.start <= _wrapped_item_end(doc, item)


def _wrapped_item_end(doc: Document, ln: Line) -> int:
    """An item's end, over the lines that wrap it (they go on in lower case, or after a line that
    did not end its sentence) up to the next item."""
    end = ln.end
    for nxt in doc.lines[ln.index + 1:]:
        t = nxt.text.strip()
        if not t or _BULLET.match(t) or _DATE_LED.match(t) or _LINE_OPENS.match(nxt.text) or CLOCK_LED.match(t):
            break  # (an hour opens the next item of a programme written without marks: "8h00: Khai mạc")
        if t.endswith(":") and t[:1].isupper():
            break  # "Lịch thi đấu cụ thể:": a new part leads into its own list
        if not (t[:1].islower() or not doc.text[ln.start:end].rstrip().endswith((".", ";", ":"))):
            break
        end = nxt.end
    return end


# ---------------------------------------------------------------------------------------------


def _sentences(doc: Document, body: list[Line], ref: dt.date | None, sched: Schedule, used: set[int]) -> None:
    """Activities and deadlines stated in running text (read across line breaks: layout text wraps
    "trước\nngày 10/02/2025" and "NĐ-\nCP ngày 05/8/2025")."""
    if not body:
        return
    label_lines = {ln.index for ln in body if label_of(doc, ln)}
    for t in times_between(doc, body[0].start, body[-1].end, ref):
        if t.start in used or t.cited or not t.start_value or t.kind == "recurrence":
            continue
        if doc.line_at(t.start).index in label_lines:
            continue
        if _MADE_UP_FOR.search(doc.text[max(0, t.start - 25):t.start]):
            continue  # "nghỉ bù ngày 30/4 và 01/5": the holiday made up for, not a day of the plan
        step = t.precision == "month" and _month_closing_item(doc, t)  # a timeline's step, whatever its verb
        # "...; thời gian quan trắc từ tháng 3 đến tháng 10 năm 2026; ...": a clause that dates its own work
        clause = _TIME_CLAUSE.search(doc.text, max(0, t.start - 60), t.start)
        step = step or bool(clause)
        if t.precision == "month" and t.kind != "deadline":
            _month_under_heading(doc, t, ref, sched, used)
            in_month = _IN_MONTH.search(doc.text[max(0, t.start - 100):t.end])
            if t.start in used or not (in_month or step):
                continue
            # "..., báo cáo Thủ tướng Chính phủ trong tháng 12 năm 2025": the work is due that month
            step = step or bool(in_month and _DUE.match(in_month.group()))
        if t.precision not in ("minute", "day", "month"):
            continue
        if doc.line_at(t.start).is_table_row or "\t" in t.text:
            continue  # table rows are read by column; a date does not run across cells
        sentence_start, sentence_end = _sentence_bounds(doc, t.start, t.end)
        sentence = doc.text[sentence_start:sentence_end]
        if _before(t, ref) and not (_runs_on_past(t, ref) and _only_date_of(doc, t, sentence_start, sentence_end, ref)):
            continue  # a meeting or a deadline the document reports on, not one it schedules
        if ref is None and _PAST.search(sentence):
            continue  # undated, the text's "đã" still says it is past ("đến ngày 17/4 đã nhận được ...")
        if t.kind == "deadline":
            if not (_DEADLINE_CONTEXT.search(sentence) or _TIME_OF_WORK.match(sentence)):
                continue
            used.add(t.start)
            what, spans = sentence, [doc.span(sentence_start, sentence_end)]
            # (only when the sentence says nothing after its date: "... trước ngày 15/02 để tổng hợp báo cáo"
            # names its own task)
            after = doc.text[t.end:sentence_end].strip(" .;")
            only_dates = _TIME_ONLY.match(sentence.strip()) and len(after.split()) <= 2
            above = _item_above(doc, sentence_start) if only_dates else None
            if above is None and _DONE_CLAUSE.match(sentence.strip()) and len(after.split()) <= 2:
                # "Giao Phòng A chủ trì ... bố trí kinh phí; hoàn thành trước ngày 30/4": the clause before is due
                semi = doc.text.rfind(";", 0, sentence_start)
                if semi != -1 and not doc.text[semi + 1:sentence_start].strip():
                    prev_lo = _sentence_bounds(doc, semi - 1, semi - 1)[0]
                    if len(doc.text[prev_lo:semi].split()) >= 3:
                        above = (prev_lo, semi)
            if above:
                # "Thời gian hoàn thành trước ngày 31/12/2025." under an item: the item is what is due
                what, spans = doc.text[above[0]:above[1]], [doc.span(*above), *spans]
            # "nộp báo cáo tại văn phòng Khoa trước 11h00 ngày 15/01": where the work is handed in
            at = venue_after_tai(doc.text, sentence_start, sentence_end)
            venues = [v for v in split_venues(doc.text[at[0]:at[1]], offset=at[0])
                      if is_venue_like(v.text) or is_body_venue(v.text)] if at else []
            sched.events.append(EventFound(clean_what(what), t, "deadline", venues, spans))
            continue
        # "Kể từ ngày 03/10/2016, Phòng Hành chính mở sổ ...": a sentence opening with the day an
        # arrangement starts schedules it, whatever its verb
        step = step or (t.precision == "day" and not t.end_value and not _IN_FORCE.search(sentence)
                        and bool(_FROM_DAY.search(doc.text[max(sentence_start, t.start - 12):t.end])))
        # "10h00 ngày 25/4/2016 (Thứ Hai), các đơn vị đến lĩnh học bổng ...": an hour of a day is an appointment
        step = step or (t.precision == "minute" and bool(t.time_of_day) and not _PAST.search(sentence)
                        and not _INSTANT.search(doc.text[max(0, t.start - 25):t.start]))
        by_heading = not _ACTIVITY.search(sentence) and not step \
            and _when_of_heading(doc, t, sentence_start, sentence_end)
        if not _ACTIVITY.search(sentence) and not step and not by_heading:
            continue
        basis = _BASIS.match(sentence)
        if basis and not re.search(r"[,;]", doc.text[sentence_start + basis.end():t.start]):
            continue  # what the text rests on ("Căn cứ Biên bản họp ... ngày ...") is cited, not scheduled
        if ref is not None and t.start_value[:10] == ref.isoformat() and _PAST.search(sentence):
            continue  # "Ngày 19/01/2012 Bộ ... đã làm việc với ...": done the day it is written
        used.add(t.start)
        venues = []
        at = venue_after_tai(doc.text, sentence_start, sentence_end)
        if at:
            venues = split_venues(doc.text[at[0]:at[1]], offset=at[0])
        else:
            venues = _venues_said_next(doc, sentence_end, ref)
        what = sentence_what(doc, sentence_start, sentence_end, t, at if at else None)
        what = _named_by_heading(doc, sentence_start, what)
        if by_heading:
            what = clean_what(doc.section_at(doc.line_at(sentence_start).index).title)
        row = None
        if clause:
            # the clause dates the work of its part: named by the part's heading, one event per part
            sec = doc.section_at(doc.line_at(t.start).index)
            if sec is not None and not _generic_title(sec.title):
                what, row = clean_what(sec.title), sec.first_line
        if _TIME_ONLY.match(sentence.strip()) and len(doc.text[t.end:sentence_end].strip(" .;").split()) <= 2:
            # "Thời gian hoàn thành trong tháng 12 năm 2025." under an item: the item is what happens then
            above = _item_above(doc, sentence_start)
            if above:
                what = clean_what(doc.text[above[0]:above[1]])
        sched.events.append(EventFound(what, t, "event", venues, [doc.span(sentence_start, sentence_end)], row=row))
        if t.precision == "day":
            _same_day_after(doc, t, sentence_end, sched)


# "Sáng ngày 26/3, ... ; chiều cùng ngày tổ chức giải bóng đá": the day of the clause before
_SAME_DAY = re.compile(r"(?:(?:vào\s+)?(?:buổi\s+)?(?:sáng|trưa|chiều|tối|đêm)\s+)?cùng\s+ngày\b\s*,?\s*", re.I)


def _same_day_after(doc: Document, t: TimeExpr, start: int, sched: Schedule) -> None:
    """The clauses after the sentence dated by ``t``, up to its paragraph's end, that open with "cùng
    ngày": events of that day too."""
    stop = doc.text.find("\n\n", start)
    stop = len(doc.text) if stop == -1 else stop
    for m in _SAME_DAY.finditer(doc.text, start, stop):
        lo, hi = _sentence_bounds(doc, m.start(), m.end())
        if doc.text[lo:m.start()].strip(" ,;.") or not _ACTIVITY.search(doc.text[m.end():hi]):
            continue  # "cùng ngày" inside a clause, or no activity after it
        at = venue_after_tai(doc.text, m.end(), hi)
        venues = split_venues(doc.text[at[0]:at[1]], offset=at[0]) if at else []
        what = without_place(doc, m.end(), hi, at)  # "tổ chức giải bóng đá tại sân vận động xã"
        if what:
            what = what[:1].upper() + what[1:]
        sched.events.append(EventFound(what, t, "event", venues, [doc.span(lo, hi)]))


def _venues_said_next(doc: Document, end: int, ref: dt.date | None) -> list[Venue]:
    """The places the next sentence of the paragraph names with "tại" when it gives no date of its own:
    "Hội nghị tổ chức trực tuyến lúc 8h00 ngày 15/4/2024. Điểm cầu chính tại Phòng họp số 1, UBND tỉnh;
    điểm cầu tại Hội trường UBND các huyện." """
    gap = re.match(r"[.!?;]?[ \t]+", doc.text[end:])
    if not gap:
        return []
    start = end + gap.end()
    if start >= len(doc.text) or not doc.text[start].isupper():
        return []  # (a new line is a new paragraph: its places are its own)
    line_end = doc.line_at(start).end
    stop = re.search(r"[.!?](?:\s|$)", doc.text[start:line_end])
    hi = start + stop.start() if stop else line_end  # (its clauses after ";" too: one sentence)
    if times_between(doc, start, hi, ref):
        return []
    venues, at = [], venue_after_tai(doc.text, start, hi)
    while at:
        venues += split_venues(doc.text[at[0]:at[1]], offset=at[0])
        at = venue_after_tai(doc.text, at[1], hi)
    return venues


def _before(t: TimeExpr, ref: dt.date | None) -> bool:
    """``t`` begins before the day the text was written (compared at ``t``'s own precision)."""
    first = (t.start_value or "")[:10]
    return ref is not None and bool(first) and first < ref.isoformat()[:len(first)]


def _reported(t: TimeExpr, ref: dt.date | None, text: str) -> bool:
    """A date before the text's own whose words say the work is done ("đã tổ chức"): reported, not
    scheduled."""
    return _before(t, ref) and bool(_PAST.search(text))


def _runs_on_past(t: TimeExpr, ref: dt.date) -> bool:
    """A period of days that began shortly before the text was written and goes on after it ("Giai
    đoạn 1 (từ ngày 01/3 đến ngày 31/3/2024)" in a plan of 02/3/2024, or "kể từ ngày ..." days before
    it) is still scheduled by it; an anniversary's span ("13/5/1955 - 13/5/2020") is not."""
    if t.precision not in ("day", "minute") or len(t.start_value) < 10:
        return False
    start = dt.date.fromisoformat(t.start_value[:10])
    if not t.end_value:
        # "Kể từ ngày 03/10/2016, Phòng Hành chính mở sổ ..." in a notice of 05/10: an arrangement that
        # began days before and goes on
        return bool(re.match(r"(?:kể\s+)?từ(?!\w)", t.text, re.I)) and (ref - start).days <= 31
    return t.end_value[:10] >= ref.isoformat() and (ref - start).days <= 92


def _only_date_of(doc: Document, t: TimeExpr, start: int, end: int, ref: dt.date) -> bool:
    """``t`` is the one date of its sentence (in "nộp Bảng chấm công tháng 4 (từ 01/4 – 30/4) vào ngày
    20/4" the period says what is handed in, the day when)."""
    return not any(x.start != t.start and x.start_value for x in times_between(doc, start, end, ref))


def _month_closing_item(doc: Document, t: TimeExpr) -> bool:
    """A timeline's step dated by the month in brackets at its end ("- Bước 2. Tổ chức tập huấn (tháng
    4/2024).", "- Triển khai tại các chi đoàn (từ tháng 5 đến tháng 9/2024)")."""
    ln = doc.line_at(t.start)
    before, after = doc.text[ln.start:t.start], doc.text[t.end:ln.end]
    bracket = re.search(r"\(\s*(?:dự\s+kiến\s+|trong\s+|từ\s+)?$", before, re.I)
    if not (_LINE_OPENS.match(ln.text) and bracket):
        return False
    # ... or in brackets after the step's short name, its work after a colon ("3. Giai đoạn 3 (tháng
    # 5/2024): Sơ kết, đánh giá.")
    name = re.sub(r"^\s*(?:[-+•*–]|\d{1,2}(?:\.\d{1,2})*[.)]|[a-zđ]\))?\s*", "", before[:bracket.start()])
    return bool(re.match(r"\s*\)\s*[.;]?\s*$", after)
                or (re.match(r"\s*\)\s*:\s*\S", after) and 0 < len(name.split()) <= 4))


# a month a sentence schedules its work in ("tổ chức ... trong tháng 5/2026", "hoàn thành trong tháng
# 12/2025", "dự kiến tổ chức vào cuối tháng 6/2024"); a month named otherwise ("Trong tháng 10, các
# đơn vị đã ...") is a period it reports on
# an inline "thời gian <work>" opening a clause, before its date or list of dates
_TIME_CLAUSE = re.compile(r"(?:^|[;:]\s*|\n)(?:[-+•*]\s*)?thời\s+gian\s+(?!gian)(?:[^\W\d_]+\s+){1,3}?(?:là\s+)?"
                          r"(?:từ\s+|trong\s+|vào\s+)?(?:(?:tháng|ngày)\s*\d{1,2}\s*(?:,|và)\s*)*(?:tháng|ngày)?\s*$",
                          re.I)
_DUE = re.compile(r"(?:hoàn\s+thành|báo\s+cáo|xong)\b", re.I)
_IN_MONTH = re.compile(
    r"(?:hoàn\s+thành|thực\s+hiện|tổ\s+chức|báo\s+cáo|xong|diễn\s+ra)\s+(?:[^\s;.]+\s+){0,12}?"
    r"(?:trong|vào|(?:vào\s+)?(?:đầu|giữa|cuối))\s+tháng\s*\S+(?:\s+năm\s+\d{4})?$", re.I)


# a sentence that only says when the activity of its heading happens: "Dự kiến tổ chức trong tháng 10/2024."
_ONLY_WHEN = re.compile(r"^(?:dự\s+kiến\s+)?(?:sẽ\s+)?(?:được\s+)?(?:tổ\s+chức|thực\s+hiện|triển\s+khai|tiến\s+hành|"
                        r"diễn\s+ra)?$", re.I)


def _month_under_heading(doc: Document, t: TimeExpr, ref: dt.date | None, sched: Schedule, used: set[int]) -> None:
    """"3. Kiểm tra công tác lưu trữ tại các xã" / "Dự kiến tổ chức trong tháng 10/2024.": the heading's
    activity in that month (a month named in any other sentence stays a period, not an event)."""
    ln = doc.line_at(t.start)
    sec = doc.section_at(ln.index)
    if sec is None or ln.index != sec.first_line or _generic_title(sec.title) or sec.title.isupper():
        return
    if ref is not None and t.start_value[:7] < ref.isoformat()[:7]:
        return
    lo, hi = _sentence_bounds(doc, t.start, t.end)
    lo = max(lo, ln.start)
    rest = re.sub(r"^(?:[-+•*–]\s*)?(?:Thời\s+gian\s*:?\s*)?", "", doc.text[lo:t.start].strip(), flags=re.I)
    rest = (rest.strip(" ,:") + " " + doc.text[t.end:hi].strip(" .;")).strip()
    if not _ONLY_WHEN.match(rest) or not _ACTIVITY.search(sec.title):
        return
    used.add(t.start)
    sched.events.append(EventFound(clean_what(sec.title), t, "event", [], [doc.span(lo, hi)]))


# a sentence that names its activity only by the kind of it ("Hội nghị được tổ chức vào lúc ..."),
# the heading above having named it in full ("2. Hội nghị tổng kết năm 2024")
# (its "được tổ chức" may already be cut off with the date and place: "Hội nghị")
_BARE_KIND = re.compile(r"^(?P<kind>\w+(?:\s+\w+)?)(?:\s+(?:sẽ\s+)?(?:được\s+)?(?:tổ\s+chức|diễn\s+ra|khai\s+mạc|"
                        r"bắt\s+đầu|tiến\s+hành))?$", re.I)


# ("Giải được tổ chức từ ngày 20/3 đến ngày 24/3/2024": the sentence left only its kind once its date was cut)
_KIND_HELD = re.compile(r"^(?P<kind>\w+(?:\s+\w+)??)\s+(?:sẽ\s+)?(?:được\s+)?(?:tổ\s+chức|diễn\s+ra|khai\s+mạc|"
                        r"bắt\s+đầu|tiến\s+hành)\s+(?:vào\s+|từ\s+|trong\s+|lúc\s+)?(?:ngày|\d)", re.I)


def _named_by_heading(doc: Document, start: int, what: str | None) -> str | None:
    m = _BARE_KIND.match(what or "") or _KIND_HELD.match(what or "")
    sec = doc.section_at(doc.line_at(start).index) if m else None
    if m and sec is not None and fold(sec.title.lower()).startswith(fold(m.group("kind").lower()) + " "):
        return clean_what(sec.title)
    if _ONLY_WHEN.match((what or "").strip(" .")):
        # "3. Ngày hội hiến máu tình nguyện" / "Dự kiến tổ chức vào ngày 30/3/2024 tại ...": the heading's
        ln = doc.line_at(start)
        sec = doc.section_at(ln.index)
        if sec is not None and ln.index == sec.first_line and not _generic_title(sec.title) \
                and not sec.title.isupper():
            return clean_what(sec.title)
    return what


# a sentence that only dates what stands above it: "Thời gian hoàn thành trước ngày ...", "Thời hạn: chậm nhất ..."
_TIME_ONLY = re.compile(
    r"^(?:[-+•*–]\s*)?(?:Thời\s+(?:gian|hạn)(?:\s+(?:thực\s+hiện|hoàn\s+thành|xong|báo\s+cáo|nộp|gửi))*\s*[:,]?\s*"
    r"(?:(?:hoàn\s+thành|xong|thực\s+hiện)\s+)*(?:trước|chậm\s+nhất|trong|đến|hạn\s+chót|ngày)\b"
    r"|K[ểếe]\s+từ\s+ngày\b)", re.I)  # ("... Tổ trưởng tổ kinh doanh. Kể từ ngày 01/05/2013.")


# a clause that only says when the work before it is due: "hoàn thành trước ngày 30/4/2024"
_DONE_CLAUSE = re.compile(r"^(?:và\s+)?(?:phải\s+)?(?:hoàn\s+thành|hoàn\s+tất|thực\s+hiện\s+xong|xong)\s*:?\s*"
                          r"(?:trước|chậm\s+nhất|trong|ngày|hạn)", re.I)


def _item_above(doc: Document, start: int) -> tuple[int, int] | None:
    """What a dating sentence at ``start`` dates: the sentence before it in its paragraph, or else
    the paragraph or item that ends right above its line (blank lines aside)."""
    ln = doc.line_at(start)
    if doc.text[ln.start:start].strip():
        end = doc.text.rfind(".", ln.start, start)
        if end == -1:
            return None
        lo = max(doc.text.rfind(". ", ln.start, end) + 2, ln.start)
        i = ln.index
        if lo == ln.start:
            # the sentence began on the lines above ("... do Sở" / "Xây dựng. Thời gian hoàn thành ...")
            while i > 0 and not doc.lines[i - 1].blank and not _LINE_OPENS.match(doc.lines[i].text) \
                    and not doc.lines[i - 1].text.rstrip().endswith((".", ":", ";")) \
                    and (doc.lines[i].text.strip()[:1].islower() or len(doc.lines[i - 1].text.strip()) >= 60):
                i -= 1  # (a short line above, "2. Giao các chi đoàn", is a heading, not the sentence)
            lo = max(doc.text.rfind(". ", doc.lines[i].start, end) + 2, doc.lines[i].start)
    else:
        i = ln.index - 1
        while i >= 0 and doc.lines[i].blank:
            i -= 1
        if i < 0 or doc.lines[i].is_table_row or label_of(doc, doc.lines[i]):
            return None
        end = doc.lines[i].end
        while i > 0 and not doc.lines[i - 1].blank and not _LINE_OPENS.match(doc.lines[i].text) \
                and not doc.lines[i - 1].text.rstrip().endswith((".", ":", ";")) \
                and not _short_line_before(doc.lines[i - 1], doc.lines[i]):
            i -= 1  # back to the line that opens the item
        lo = doc.lines[i].start
    text = doc.text[lo:end]
    if len(text.split()) < 3:
        return None
    mark = _LINE_OPENS.match(text)  # the item's own mark is not part of what is due
    lo += mark.end() if mark else len(text) - len(text.lstrip())
    return lo, end


def _task_above(doc: Document, ln: Line) -> str | None:
    """The task a bare time line dates: the marked item right above it ("- Tổng hợp kết quả, báo cáo
    Bộ Tài chính." over "Thời gian hoàn thành: Tháng 12/2025.", a task card's own line)."""
    above = _item_above(doc, ln.start)
    if above and _LINE_OPENS.match(doc.text[doc.line_at(above[0]).start:above[0] + 1]):
        return clean_what(doc.text[above[0]:above[1]])
    return None


_LINE_OPENS = re.compile(r"^\s*(?:[-+•*–]|(?:[IVX]+|\d{1,2}(?:\.\d{1,2})*|[a-zđ])\s*[.)]\s|Điều\s+\d)")


def _sentence_bounds(doc: Document, start: int, end: int) -> tuple[int, int]:
    """The sentence around [start, end): from the last ". " / "; " or the start of its paragraph
    (a blank line, or a line break after a full stop or before a bullet/number) to the next one."""
    text = doc.text
    lo = max(_full_stop_before(text, start), text.rfind("; ", 0, start))
    lo = lo + 2 if lo >= 0 else 0
    i = doc.line_at(start).index
    while i > 0:
        ln = doc.lines[i]
        if ln.start <= lo:
            break
        prev = doc.lines[i - 1]
        if prev.blank or prev.text.rstrip().endswith((".", ":", ";")) or _LINE_OPENS.match(ln.text) \
                or _short_line_before(prev, ln):
            lo = max(lo, ln.start)
            break
        i -= 1
    # (also before a list: a line ending in a colon, or a bullet opening the next line)
    hi_candidates = [j for j in (_full_stop_after(text, end), text.find(".\n", end), text.find("; ", end),
                                 text.find(";\n", end), text.find("\n\n", end), text.find(":\n", end),
                                 text.find("\n- ", end), text.find("\n+ ", end), text.find("\n• ", end)) if j != -1]
    hi = min(hi_candidates) if hi_candidates else len(text)
    return lo, hi


def _full_stop_after(text: str, start: int) -> int:
    """The next ". " from ``start`` that ends a sentence (not the dot of "TP. Đà Lạt"), or -1."""
    j = text.find(". ", start)
    while j != -1 and ABBREVIATED.search(text, max(0, j - 3), j + 1):
        j = text.find(". ", j + 2)
    return j


def _full_stop_before(text: str, start: int) -> int:
    """The last ". " before ``start`` that ends a sentence, or -1."""
    j = text.rfind(". ", 0, start)
    while j != -1 and ABBREVIATED.search(text, max(0, j - 3), j + 1):
        j = text.rfind(". ", 0, j)
    return j


def _short_line_before(prev: Line, ln: Line) -> bool:
    """A line well short of the one under it, which opens with a capital, ended its paragraph (a
    heading or a list item without a full stop: "+ Đọc hiểu (Reading)" / "Đề nghị sinh viên ...")."""
    above, here = prev.text.strip(), ln.text.strip()
    return here[:1].isupper() and len(above) < 0.6 * len(here)


def _dedupe(events: list[EventFound]) -> list[EventFound]:
    """One event per day and activity. The same activity found twice, or a clock time and a bare
    date of the same day ("Khai giảng lúc 7 giờ 45, ngày 01/12" and "bắt đầu từ ngày 01/12"), are one;
    two timed items, or two rows of a table at the same hour with different activities, stay two."""
    out: list[EventFound] = []
    for ev in events:
        twin = next((o for o in out if _same_event(o, ev) or _day_of_its_span(o, ev)), None)
        if twin is None:
            out.append(ev)
            continue
        if not twin.venues and ev.venues:
            twin.venues = ev.venues
        if ev.when.end_value and not twin.when.end_value:
            twin.when = ev.when  # the span says more than its first day
    return out


# ("Ông A ... về phụ trách tổ KDDV kể từ ngày 01/06/2013"; never a text's own coming into force)
_FROM_DAY = re.compile(r"(?<!\w)k[ểếe]\s+từ\s+ngày\b", re.I)
_IN_FORCE = re.compile(r"hiệu\s+lực|thi\s+hành", re.I)
# the point in time a count or a state is taken at: "tại thời điểm 0h00 ngày 01/01/2026", "tính đến 17h00 ngày ..."
_INSTANT = re.compile(r"(?<!\w)(?:thời\s+điểm|tính\s+đến|tính\s+từ|kể\s+từ)\s*(?:lúc\s+)?$", re.I)
_MADE_UP_FOR = re.compile(r"(?<!\w)(?:nghỉ|làm|học|dạy)\s+bù\s+(?:cho\s+)?(?:các\s+)?(?:ngày\s+)?(?:lễ\s+)?$", re.I)
# a description that is only a time clause ("Thời gian dự kiến: trong tháng 11 năm 2025")
_TIME_WORDS_FIRST = re.compile(r"\W*(?:thời\s+gian|thời\s+hạn|hạn\s+chót|dự\s+kiến)\b", re.I)


def _day_of_its_span(a: EventFound, b: EventFound) -> bool:
    """The same activity dated twice, once by its span and once by its first day ("được thực hiện trong
    ngày 02/02/2026 đến ngày 03/02/2026" / "dự kiến tổ chức hội nghị vào ngày 02/02/2026")."""
    return bool(a.what and b.what) and (a.what.startswith(b.what) or b.what.startswith(a.what)) \
        and a.kind == b.kind and a.row == b.row \
        and (a.when.start_value or "")[:10] == (b.when.start_value or "")[:10] \
        and (a.when.end_value is None) != (b.when.end_value is None) \
        and not a.when.time_of_day and not b.when.time_of_day


def _same_event(a: EventFound, b: EventFound) -> bool:
    if (a.when.start_value or "")[:10] != (b.when.start_value or "")[:10] or a.when.end_value != b.when.end_value:
        return False
    if a.kind != b.kind:
        return False
    if a.row is not None and b.row is not None and a.row != b.row:
        return False  # two rows of a table, or two labelled sections, in the same month: two activities
    if a.row is not None and a.row == b.row and a.what != b.what:
        return False  # two items of one row's cells ("- 8h00: Dự Hội nghị ..." / "- Làm việc tại cơ quan")
    if (a.row is None) != (b.row is None) and a.what != b.what \
            and (any(e.row is not None and e.when.time_of_day for e in (a, b))
                 or (a.when.precision in ("month", "year")
                     and not any(_TIME_WORDS_FIRST.match(e.what or "") for e in (a, b)))):
        # a programme's timed row is an activity of its own, not the day named above it; so is each
        # row of a task table dated by its month or year ("Tháng /2012"), not the plan's time line
        return False
    if a.what == b.what:
        return True
    if a.row is None and b.row is None and a.what and b.what and a.spans and b.spans \
            and a.when.precision == b.when.precision == "month" \
            and not any(_TIME_WORDS_FIRST.match(e.what) for e in (a, b)) \
            and a.spans[-1] != b.spans[-1] and min(_new_words(a.what, b.what), _new_words(b.what, a.what)) >= 0.5:
        return False  # two sentences dating two different works in one month ("báo cáo ... trong tháng 12")
    ta, tb = a.when.time_of_day, b.when.time_of_day
    if not ta or not tb:
        return True
    return False
