"""The plan's content into the record: events and deadlines, venues, head-count, participants,
budget, durations and responsibilities. Each piece comes from its own extractor module."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from extractors.dates import find_time_expressions
from extractors.events import extract_events
from extractors.labels import continuation_end, label_of
from extractors.responsibilities import annex_responsibilities, extract_responsibilities
from extractors.types import on_scan
from pipeline.document import Document
from pipeline.record import Event, Provenance, Record, Responsibility

if TYPE_CHECKING:
    from extractors.footer import Footer
    from extractors.header import Header

_COUNT = re.compile(
    r"(?:dự\s+kiến|khoảng|gồm|tổng\s+số|tối\s+đa|ít\s+nhất)?\s*(?P<n>\d{1,3}(?:[.,]\d{3})*|\d+)\s*"
    r"(?P<unit>người|đại\s+biểu|đoàn\s+viên|thanh\s+niên|học\s+sinh|sinh\s+viên|thành\s+viên|"
    r"cán\s+bộ|vận\s+động\s+viên|thí\s+sinh|hội\s+viên|đội\s+viên|thiếu\s+nhi|em|lượt\s+người|khách|"
    r"trại\s+sinh|giáo\s+viên|công\s+chức|viên\s+chức|đảng\s+viên|học\s+viên|tình\s+nguyện\s+viên|cử\s+tri|"
    r"phụ\s+huynh|chiến\s+sĩ|nhân\s+viên|đồng\s+chí|y,?\s+bác\s+sĩ|bác\s+sĩ|công\s+nhân)\b",
    re.I)
_MONEY = re.compile(
    r"(?P<amount>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)\s*(?P<unit>triệu\s+đồng|tỷ\s+đồng|nghìn\s+đồng|"
    r"ngàn\s+đồng|đồng|VNĐ|VND|đ)(?!\w)", re.I)
_DURATION = re.compile(r"(?P<n>\d{1,3})\s*(?P<unit>ngày|tuần|tháng|buổi)\b(?!\s*\d)", re.I)
_SOURCE = re.compile(r"(?:từ\s+)?nguồn\s+(?P<src>[^.;\n]+)", re.I)


# an annex's own heading: "(Kèm theo Kế hoạch số 36/KH-THYS ngày 19 tháng 6 năm 2020 của ...)"
_ANNEXED_TO = re.compile(
    r"kèm\s+theo\s[^()\n]{0,120}?ngày\s*(?P<d>\d{1,2})\s*(?:tháng\s*|[/.-])\s*(?P<m>\d{1,2})\s*(?:năm\s*|[/.-])\s*"
    r"(?P<y>(?:19|20)\d{2})", re.I)


def _annexed_to_date(doc: Document) -> dt.date | None:
    """An annex issued without a date line of its own is dated by the text it is annexed to: its
    year-less dates ("Ngày 15/5") take that text's year."""
    head = doc.text[:doc.lines[min(15, len(doc.lines) - 1)].end] if doc.lines else ""
    m = _ANNEXED_TO.search(re.sub(r"\s+", " ", head))
    if not m:
        return None
    try:
        return dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    except ValueError:
        return None


def extract_content(doc: Document, rec: Record, *, header: Header, footer: Footer) -> None:
    # "2026-04" (a draft's blank day) still gives the year and month that year-less dates belong to
    ref = dt.date.fromisoformat((rec.issue_date + "-01-01")[:10]) if rec.issue_date else None
    if ref is None and header.issue_date is not None and header.issue_date.spans:
        # a scan whose handwritten day and month are unread: the printed year of its date line still
        # dates it (an activity before that year is one it cites, not one it schedules)
        s = header.issue_date.spans[0]
        year = re.search(r"(?:19|20)\d{2}", doc.text[s.start:s.end])
        ref = dt.date(int(year.group(0)), 1, 1) if year else None
    if ref is None:
        ref = _annexed_to_date(doc)
    if ref is None and rec.title:
        # a weekly schedule without a date line: "LỊCH CÔNG TÁC TUẦN (Từ ngày 11/3/2024 đến ngày 15/3/2024)"
        dated = [t for t in find_time_expressions(rec.title) if t.start_value and len(t.start_value) >= 10]
        ref = dt.date.fromisoformat(dated[0].start_value[:10]) if dated else None
    if ref is None and header.issue_date is None and not (doc.pages and on_scan(doc, 0)):
        # an undated page (a web programme): the year of the first full date it schedules dates the
        # year-less days under it ("Thời gian: từ ngày 22 đến ngày 24 tháng 9 năm 2025" over "Ngày 1 (22/9)");
        # (a scan whose date line OCR lost keeps none: its tables' misread hours would all take a day)
        full = next((t for t in find_time_expressions(doc.text[:20000]) if t.start_value and not t.cited
                     and len(t.start_value) >= 10 and t.kind != "recurrence"), None)
        ref = dt.date(int(full.start_value[:4]), 1, 1) if full else None
    body_start = header.body_start
    title_at = ((min(x.start for x in header.title.spans), max(x.end for x in header.title.spans))
                if header.title is not None and header.title.spans else None)
    sched = extract_events(doc, title=rec.title, ref_date=ref, body_start=body_start, body_end=len(doc.lines),
                           title_at=title_at)
    venues: list[str] = []
    links: list[dict] = []
    for ev in sched.events:
        t = ev.when
        event = Event(
            what=ev.what, start=t.start_value, end=t.end_value, venues=[v.text for v in ev.venues],
            kind=ev.kind, precision=t.precision, time_of_day=t.time_of_day, tentative=t.tentative,
            participants=ev.participants, responsible=ev.responsible, when_text=t.text,
            provenance=[Provenance(**s.as_dict()) for s in ev.spans],
        )
        if t.end_time_of_day:
            event.end_time_of_day = t.end_time_of_day  # type: ignore[attr-defined]
        rec.events.append(event)
        for v in ev.venues:
            if v.text not in venues:
                venues.append(v.text)
                links.append({"text": v.text, "provinces": list(v.provinces),
                              "provinces_2025": list(v.provinces_2025), "kind": v.kind,
                              "page": doc.page_at(v.start), "start": v.start, "end": v.end})
    # the plan's own venue ("Địa điểm: ...") is where its activity happens even when no event is dated,
    # and so is the place of an activity whose time names no day ("Thời gian: Quý II/2024")
    for v in sched.plan_venues + sched.activity_venues:
        if v.text not in venues:
            venues.append(v.text)
            links.append({"text": v.text, "provinces": list(v.provinces), "provinces_2025": list(v.provinces_2025),
                          "kind": v.kind, "page": doc.page_at(v.start), "start": v.start, "end": v.end})
    rec.venues = venues
    if links:
        rec.details["venue_links"] = links
    if sched.recurring:
        rec.details["recurring"] = sched.recurring

    stop = footer.noi_nhan_line if footer.noi_nhan_line is not None else len(doc.lines)
    _counts_budget(doc, rec, body_start, stop)
    _named_entities(doc, rec, body_start, stop)
    # a decision's duties may stand only in the regulation issued with it, after its signature
    for duty in extract_responsibilities(doc, stop) or annex_responsibilities(doc, stop):
        deadlines = []
        for task in duty.tasks:
            deadlines.extend(e.start for e in rec.events
                             if e.kind == "deadline" and e.provenance and task.spans
                             and _overlap(task.spans[0], e.provenance[0]))
        rec.responsibilities.append(Responsibility(
            party=duty.party.value, tasks=[t.value for t in duty.tasks], deadlines=[d for d in deadlines if d],
            provenance=[Provenance(**s.as_dict()) for s in duty.party.spans + [s for t in duty.tasks for s in t.spans]],
        ))


def _named_entities(doc: Document, rec: Record, body_start: int, stop: int) -> None:
    """Bodies and places the plan names (organisations via the underthesea + spaCy layer, places via
    the gazetteer with their post-2025 province), so a search by province or body finds the plan."""
    from extractors.gazetteer import find_admin_units
    from extractors.nlp import org_spans

    if not doc.lines or body_start >= len(doc.lines):
        return
    start = doc.lines[body_start].start
    end = doc.lines[max(body_start, stop - 1)].end
    text = doc.text[start:end]
    orgs: dict[str, dict] = {}
    for a, b, name, _label in org_spans(text, places=False):  # places come from the whole text below
        if name not in orgs:
            orgs[name] = {"text": name, "page": doc.page_at(start + a), "start": start + a, "end": start + b}
    places: dict[str, dict] = {}
    for m in find_admin_units(doc.text):
        if m.level == "province" or m.province:
            places.setdefault(m.name, {"text": m.text, "level": m.level, "province": m.province,
                                       "province_2025": m.province_2025, "page": doc.page_at(m.start),
                                       "start": m.start, "end": m.end})
    if orgs:
        rec.details["organisations"] = list(orgs.values())[:60]
    if places:
        rec.details["places"] = list(places.values())


def _overlap(a, b) -> bool:
    return a.start < b.end and b.start < a.end


def _counts_budget(doc: Document, rec: Record, body_start: int, stop: int) -> None:
    participants, budget, durations = [], [], []
    counts: list[tuple[re.Match[str], int]] = []  # head-counts stated, with the offset of their text
    for ln in doc.lines[body_start:stop]:
        lab = label_of(doc, ln)
        if lab is None:
            continue
        end = continuation_end(doc, ln)
        value = doc.text[lab.value_start:end]
        if lab.kind == "count":
            # a head-count: people ("08 người", "500 đoàn viên") or a bare number; "03 đội" is not one
            m = _COUNT.search(value) or re.match(r"\s*(?:dự\s+kiến|khoảng)?\s*(?P<n>\d{1,3}(?:\.\d{3})*)\s*[.;]?\s*$",
                                                 value, re.I)
            if m:
                counts.append((m, lab.value_start))
        elif lab.kind == "participants":
            participants.append({"text": re.sub(r"\s+", " ", value).strip(), "page": doc.page_at(lab.value_start)})
            stated = list(_COUNT.finditer(value))
            if len(stated) == 1:  # "Thành phần: 150 đoàn viên tiêu biểu"
                counts.append((stated[0], lab.value_start))
        elif lab.kind == "present":
            m = re.match(r"\s*(?P<n>\d{1,4})(?![\d.,%])", value)  # "Có mặt: 20 ..." heads the minutes' list
            if m:
                counts.append((m, lab.value_start))
        elif lab.kind == "budget":
            budget.extend(_money(doc, value, lab.value_start))
        elif lab.kind == "time":
            for m in _DURATION.finditer(value):
                durations.append({"value": int(m.group("n")), "unit": m.group("unit").lower(),
                                  "text": m.group(0)})
    # a budget section ("IV. KINH PHÍ") without a label line
    for sec in doc.sections:
        if re.match(r"^KINH\s+PHÍ", sec.title, re.I) and not budget:
            text = doc.text[doc.lines[sec.heading_line].start:sec.end]
            budget.extend(_money(doc, text, doc.lines[sec.heading_line].start))
            if not budget:
                budget.append({"text": re.sub(r"\s+", " ", sec.title).strip(), "amount": None})
    if not counts:
        counts = _counts_in_sentences(doc, body_start, stop)
    # one number for the whole activity; a plan of several activities, each with its own head-count
    # (classes of 100, 500 and 1000 people), states none for the whole
    if len({int(re.sub(r"[.,]", "", m.group("n"))) for m, _ in counts}) == 1:
        _set_count(doc, rec, *counts[0])
    if participants:
        rec.details["participants"] = participants
    if budget:
        rec.details["budget"] = budget
    if durations:
        rec.details["durations"] = durations


# a sentence stating the head-count of who takes part: "Tổng số đại biểu dự hội nghị là 120 đồng chí",
# "Dự kiến có khoảng 300 học sinh tham gia" (its cue before the number, its taking part around it)
_COUNT_CUE = re.compile(r"(?:tổng\s+số|dự\s+kiến|khoảng|số\s+lượng)\b", re.I)
_TAKING_PART = re.compile(r"\b(?:tham\s+gia|tham\s+dự|về\s+dự|dự\s+(?:hội|lễ|buổi|đại\s+hội|lớp|khóa|chương))", re.I)


def _counts_in_sentences(doc: Document, body_start: int, stop: int) -> list[tuple[re.Match[str], int]]:
    found = []
    if body_start >= len(doc.lines) or stop <= body_start:
        return found
    lo, hi = doc.lines[body_start].start, doc.lines[min(stop, len(doc.lines)) - 1].end
    for sent in re.finditer(r"[^.;\n]+", doc.text[lo:hi]):
        s = sent.group()
        if not _TAKING_PART.search(s) or re.search(r"(?<!\w)(?:đã|vừa)\s", s, re.I):
            continue
        for m in _COUNT.finditer(s):
            if _COUNT_CUE.search(s[max(0, m.start() - 40):m.start("n")]):
                found.append((m, lo + sent.start()))
    return found


def _set_count(doc: Document, rec: Record, m: re.Match[str], offset: int) -> None:
    if rec.participant_count is not None:
        return
    rec.participant_count = int(re.sub(r"[.,]", "", m.group("n")))
    a = offset + m.start("n")
    rec.provenance["participant_count"] = [Provenance(**doc.span(a, offset + m.end()).as_dict())]


def _money(doc: Document, text: str, offset: int) -> list[dict]:
    out = []
    src = _SOURCE.search(text)
    for m in _MONEY.finditer(text):
        raw = m.group("amount")
        unit = m.group("unit").lower()
        number = float(raw.replace(".", "").replace(",", "."))
        scale = {"triệu đồng": 1_000_000, "tỷ đồng": 1_000_000_000, "nghìn đồng": 1000, "ngàn đồng": 1000}
        amount = int(number * scale.get(re.sub(r"\s+", " ", unit), 1))
        if amount < 1000:  # "01 đ" or a list number: not money
            continue
        out.append({"amount": amount, "currency": "VND", "text": m.group(0),
                    "source": src.group("src").strip() if src else None,
                    "page": doc.page_at(offset + m.start()), "start": offset + m.start(), "end": offset + m.end()})
    return out
