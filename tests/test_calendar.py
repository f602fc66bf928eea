"""The .ics export: one assertion per property, read back by icalendar and by vobject (an
independent RFC 5545 parser), and re-export stability.

The catalog holds records built here (every precision the extractors produce), stored with
catalog.store, so each calendar property is checked against a known event.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from typer.testing import CliRunner

from pipeline.catalog import db as catalog
from pipeline.cli.main import app
from pipeline.record import Event, Record
from pipeline.use.calendar import build_calendar
from pipeline.use.query import Filters, search_events

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
PLAN_TITLE = "Tổ chức Ngày hội Thanh niên khởi nghiệp năm 2023"
EVENTS = [
    Event(what="Khai mạc Ngày hội", start="2023-04-08", kind="event", precision="day",
          venues=["Nhà văn hóa Thanh niên Quận 1", "Công viên 23 tháng 9"], when_text="ngày 08/4/2023"),
    Event(what="Trưng bày sản phẩm khởi nghiệp", start="2023-04-08", end="2023-04-10", precision="day",
          venues=["Nhà văn hóa Thanh niên Quận 1"], when_text="từ ngày 08/4 đến ngày 10/4/2023"),
    Event(what="Tọa đàm với doanh nhân trẻ", start="2023-04-09T14:00", end="2023-04-09T16:30",
          precision="minute", time_of_day="14:00", venues=["Hội trường Thành Đoàn"],
          when_text="từ 14 giờ 00 đến 16 giờ 30, ngày 09/4/2023"),
    Event(what="Lễ ra quân tình nguyện", start="2023-04-15T07:00", precision="minute", time_of_day="07:00",
          venues=[], when_text="7 giờ 00, ngày 15/4/2023"),
    Event(what="Tập huấn kỹ năng gọi vốn", start="2023-07", precision="month", tentative=True,
          venues=["Quận 1"], when_text="Dự kiến tháng 7/2023"),
    Event(what="Sơ kết hoạt động", start="2023-07", end="2023-09", precision="quarter",
          when_text="Quý III/2023"),
    Event(what="Gửi danh sách dự án dự thi về Thành Đoàn", start="2023-03-31", kind="deadline",
          precision="day", when_text="trước ngày 31/3/2023"),
    Event(what="Báo cáo kết quả", start=None, kind="deadline", when_text="sau khi kết thúc chương trình"),
]


def store_plan(db, folder: Path, name: str, number: str, title: str, events: list[Event]) -> Path:
    path = folder / name
    path.write_text(f"{number}\n{title}\n", encoding="utf-8")
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    rec = Record(path=str(path), doc_type="KẾ HOẠCH", number=number, issuer="BAN THƯỜNG VỤ THÀNH ĐOÀN",
                 issue_date="2023-03-01", title=title, events=events,
                 venues=sorted({v for e in events for v in e.venues}), source={"sha256": sha, "format": "txt"})
    catalog.store(db, rec, f"KẾ HOẠCH\n{title}", str(path))
    return path


@pytest.fixture()
def plan_db(tmp_path):
    db_path = tmp_path / "catalog.db"
    db = catalog.connect(db_path)
    src = store_plan(db, tmp_path, "kh-ngay-hoi.txt", "25-KH/TĐTN-ĐTH", PLAN_TITLE, EVENTS)
    db.close()
    return db_path, src


@pytest.fixture()
def ics(plan_db):
    """(the calendar as bytes, its icalendar events by summary, the source path)."""
    db_path, src = plan_db
    cal, skipped = build_calendar(search_events(catalog.connect(db_path), Filters()))
    assert skipped == 1  # the deadline without a date
    data = cal.to_ical()
    parsed = icalendar.Calendar.from_ical(data)
    return data, {activity(e): e for e in parsed.walk("VEVENT")}, src


def activity(ev) -> str:
    """The activity part of a SUMMARY ("activity — plan title")."""
    return str(ev["SUMMARY"]).split(" — ")[0]


def test_calendar_header(ics):
    data, _, _ = ics
    cal = icalendar.Calendar.from_ical(data)
    assert str(cal["VERSION"]) == "2.0"
    assert "kehoach" in str(cal["PRODID"])


def test_day_precision_is_all_day_with_exclusive_end(ics):
    ev = ics[1]["Khai mạc Ngày hội"]
    assert ev.decoded("DTSTART") == dt.date(2023, 4, 8)
    assert ev.decoded("DTEND") == dt.date(2023, 4, 9)
    assert ev["DTSTART"].params["VALUE"] == "DATE"


def test_range_is_one_multi_day_event(ics):
    data, events, _ = ics
    ev = events["Trưng bày sản phẩm khởi nghiệp"]
    assert (ev.decoded("DTSTART"), ev.decoded("DTEND")) == (dt.date(2023, 4, 8), dt.date(2023, 4, 11))
    assert data.count("Trưng bày sản phẩm khởi nghiệp".encode()) == 2  # summary + description, once


def test_time_of_day_gives_a_timed_event_in_vietnam_time(ics):
    ev = ics[1]["Tọa đàm với doanh nhân trẻ"]
    assert ev.decoded("DTSTART") == dt.datetime(2023, 4, 9, 14, 0, tzinfo=HCM)
    assert ev.decoded("DTEND") == dt.datetime(2023, 4, 9, 16, 30, tzinfo=HCM)
    assert ev["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh"
    point = ics[1]["Lễ ra quân tình nguyện"]
    assert point.decoded("DTSTART") == dt.datetime(2023, 4, 15, 7, 0, tzinfo=HCM)
    assert "DTEND" not in point  # no end was written: none is invented


def test_vtimezone_is_included(ics):
    cal = icalendar.Calendar.from_ical(ics[0])
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]
    (std,) = [c for c in cal.walk("STANDARD") if c.decoded("DTSTART").year >= 1975]
    assert std.decoded("TZOFFSETTO") == dt.timedelta(hours=7)


def test_month_precision_is_tentative_all_day_on_the_first_day_with_the_wording(ics):
    ev = ics[1]["Tập huấn kỹ năng gọi vốn"]
    assert ev.decoded("DTSTART") == dt.date(2023, 7, 1)
    assert ev.decoded("DTEND") == dt.date(2023, 7, 2)
    assert str(ev["STATUS"]) == "TENTATIVE"
    assert "Dự kiến tháng 7/2023" in str(ev["DESCRIPTION"])


def test_quarter_precision_likewise(ics):
    ev = ics[1]["Sơ kết hoạt động"]
    assert ev.decoded("DTSTART") == dt.date(2023, 7, 1)
    assert str(ev["STATUS"]) == "TENTATIVE"
    assert "Quý III/2023" in str(ev["DESCRIPTION"])


def test_day_events_are_confirmed(ics):
    assert str(ics[1]["Khai mạc Ngày hội"]["STATUS"]) == "CONFIRMED"


def test_deadline_has_an_alarm(ics):
    ev = ics[1]["Hạn: Gửi danh sách dự án dự thi về Thành Đoàn"]
    assert ev.decoded("DTSTART") == dt.date(2023, 3, 31)
    (alarm,) = ev.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert alarm.decoded("TRIGGER") == -dt.timedelta(days=1)
    assert "Gửi danh sách" in str(alarm["DESCRIPTION"])
    assert not ics[1]["Khai mạc Ngày hội"].walk("VALARM")


def test_location_is_the_venues(ics):
    assert str(ics[1]["Khai mạc Ngày hội"]["LOCATION"]) == "Nhà văn hóa Thanh niên Quận 1; Công viên 23 tháng 9"
    assert "LOCATION" not in ics[1]["Lễ ra quân tình nguyện"]


def test_description_names_what_number_title_and_source(ics):
    desc = str(ics[1]["Khai mạc Ngày hội"]["DESCRIPTION"])
    assert desc.startswith("Khai mạc Ngày hội")
    assert "25-KH/TĐTN-ĐTH" in desc
    assert PLAN_TITLE in desc
    assert str(ics[2]) in desc


def test_uids_are_unique_and_stable(plan_db, ics):
    db_path, _ = plan_db
    first = [str(e["UID"]) for e in ics[1].values()]
    assert len(set(first)) == len(first) == 7
    again, _ = build_calendar(search_events(catalog.connect(db_path), Filters()))
    assert again.to_ical() == ics[0]  # byte for byte: DTSTAMP is when the plan was catalogued


def test_a_new_plan_adds_uids_and_keeps_the_old_ones(plan_db, ics, tmp_path):
    db_path, _ = plan_db
    db = catalog.connect(db_path)
    store_plan(db, tmp_path, "kh-hoi-trai.txt", "30-KH/TĐTN", "Hội trại tòng quân năm 2023",
               [Event(what="Khai mạc Ngày hội", start="2023-04-08", precision="day")])
    cal, _ = build_calendar(search_events(db, Filters()))
    uids = [str(e["UID"]) for e in cal.walk("VEVENT")]
    old = {str(e["UID"]) for e in ics[1].values()}
    assert old < set(uids) and len(set(uids)) == len(uids) == 8  # same wording, other plan: other UID


def test_the_same_plan_in_two_files_gives_each_event_once(plan_db, ics, tmp_path):
    db_path, _ = plan_db
    db = catalog.connect(db_path)
    # another file of the same plan (same number, issuer, date; other bytes): catalogued as a twin
    store_plan(db, tmp_path, "kh-ngay-hoi-ban-ky.txt", "25-KH/TĐTN-ĐTH", PLAN_TITLE + " (bản ký số)", EVENTS[:2])
    assert db.execute("select count(*) from documents where twin_of is not null").fetchone()[0] == 1
    cal, _ = build_calendar(search_events(db, Filters()))
    assert sorted(str(e["UID"]) for e in cal.walk("VEVENT")) == sorted(str(e["UID"]) for e in ics[1].values())


def test_second_parser_vobject_reads_the_same_calendar(ics):
    data, events, _ = ics
    cal = vobject.readOne(data.decode("utf-8"))
    vevents = cal.contents["vevent"]
    assert len(vevents) == len(events)
    by_summary = {v.summary.value.split(" — ")[0]: v for v in vevents}
    assert by_summary["Khai mạc Ngày hội"].dtstart.value == dt.date(2023, 4, 8)
    assert by_summary["Trưng bày sản phẩm khởi nghiệp"].dtend.value == dt.date(2023, 4, 11)
    timed = by_summary["Tọa đàm với doanh nhân trẻ"].dtstart.value
    assert timed.utcoffset() == dt.timedelta(hours=7) and (timed.hour, timed.minute) == (14, 0)
    assert by_summary["Tập huấn kỹ năng gọi vốn"].status.value == "TENTATIVE"
    alarm = by_summary["Hạn: Gửi danh sách dự án dự thi về Thành Đoàn"].valarm
    assert alarm.trigger.value == -dt.timedelta(days=1)
    assert {v.uid.value for v in vevents} == {str(e["UID"]) for e in events.values()}
    assert cal.vtimezone.tzid.value == "Asia/Ho_Chi_Minh"
    talk = by_summary["Tọa đàm với doanh nhân trẻ"]
    assert (talk.dtend.value.hour, talk.dtend.value.minute) == (16, 30)
    assert talk.location.value == "Hội trường Thành Đoàn"
    assert by_summary["Khai mạc Ngày hội"].summary.value == f"Khai mạc Ngày hội — {PLAN_TITLE}"


def test_cli_exports_with_filters(plan_db, tmp_path):
    db_path, _ = plan_db
    out = tmp_path / "plans.ics"
    run = CliRunner().invoke(app, ["calendar", "--db", str(db_path), "--from", "2023-04-09", "--to", "2023-04-09",
                                   "-o", str(out)])
    assert run.exit_code == 0, run.output
    summaries = sorted(activity(e) for e in icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT"))
    assert summaries == ["Trưng bày sản phẩm khởi nghiệp", "Tọa đàm với doanh nhân trẻ"]
    assert "2 events" in run.stderr
    deadlines = CliRunner().invoke(app, ["calendar", "--db", str(db_path), "--kind", "deadline"])
    assert [str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(deadlines.stdout_bytes).walk("VEVENT")] == [
        f"Hạn: Gửi danh sách dự án dự thi về Thành Đoàn — {PLAN_TITLE}"]


def test_a_range_of_hours_written_with_the_activity_gives_its_end():
    from pipeline.use.calendar import event_component

    row = {"kind": "event", "start": "2025-08-28T07:30", "end": None, "precision": "minute",
           "what": "Tựu trường khối lớp 6 (7h30 - 9h30)", "when_text": "ngày 28/8/2025"}
    ev = event_component(row, "x@kehoach")
    assert ev.decoded("DTEND") == dt.datetime(2025, 8, 28, 9, 30, tzinfo=HCM)
    # a range that does not start at the event's own time says nothing of its end
    row["what"] = "Họp (14h - 16h)"
    assert "DTEND" not in event_component(row, "x@kehoach")


def test_summary_names_the_activity_and_the_plan(ics):
    assert str(ics[1]["Khai mạc Ngày hội"]["SUMMARY"]) == f"Khai mạc Ngày hội — {PLAN_TITLE}"
    deadline = ics[1]["Hạn: Gửi danh sách dự án dự thi về Thành Đoàn"]
    (alarm,) = deadline.walk("VALARM")
    assert str(alarm["DESCRIPTION"]) == str(deadline["SUMMARY"])


@pytest.mark.parametrize("text", [
    "Khai mạc (từ 7h30 - 9h00)", "Khai mạc, 7h30 – 9h00", "Khai mạc: 7 giờ 30 phút đến 9 giờ",
    "Khai mạc 07:30-09:00", "Khai mạc (7h30' - 9h00')", "Khai mạc 7g30 tới 9g", "Khai mạc 7h30p ~ 9h00p",
    "Khai mạc 7h30 sáng -> 9h00",
])
def test_hour_ranges_as_people_write_them_give_dtend(text):
    from pipeline.use.calendar import event_component

    row = {"kind": "event", "start": "2023-07-16T07:30", "precision": "minute", "what": text, "title": "Kế hoạch"}
    ev = event_component(row, "x@kehoach")
    assert ev.decoded("DTEND") == dt.datetime(2023, 7, 16, 9, 0, tzinfo=HCM)


def test_an_afternoon_range_in_the_wording_of_the_time():
    from pipeline.use.calendar import event_component

    row = {"kind": "event", "start": "2023-04-09T14:00", "precision": "minute", "what": "Tọa đàm",
           "when_text": "từ 14h đến 16h30 ngày 09/4/2023"}
    assert event_component(row, "x@kehoach").decoded("DTEND") == dt.datetime(2023, 4, 9, 16, 30, tzinfo=HCM)
    row["when_text"] = "từ 2h - 4h30 chiều ngày 09/4/2023"  # the part of the day written once, at the end
    assert event_component(row, "x@kehoach").decoded("DTEND") == dt.datetime(2023, 4, 9, 16, 30, tzinfo=HCM)
    row["when_text"] = "từ 2h - 4h30 ngày 09/4/2023"  # 2h is not the event's 14:00: no end is guessed
    assert "DTEND" not in event_component(row, "x@kehoach")


def test_an_event_without_a_venue_takes_the_plans_only_venue(tmp_path):
    db = catalog.connect(tmp_path / "one.db")
    store_plan(db, tmp_path, "kh-hoi-thao.txt", "12-KH/ĐTN", "Hội thảo chuyển đổi số", [
        Event(what="Khai mạc hội thảo", start="2023-05-20T08:00", precision="minute", time_of_day="08:00",
              venues=["Hội trường Quận Đoàn 5"], when_text="8 giờ 00, ngày 20/5/2023"),
        Event(what="Bế mạc hội thảo", start="2023-05-20T16:00", precision="minute", time_of_day="16:00",
              when_text="16 giờ 00, ngày 20/5/2023"),
    ])
    cal, _ = build_calendar(search_events(db, Filters()))
    assert {activity(e): str(e["LOCATION"]) for e in cal.walk("VEVENT")} == {
        "Khai mạc hội thảo": "Hội trường Quận Đoàn 5", "Bế mạc hội thảo": "Hội trường Quận Đoàn 5"}


def test_all_day_items_are_dates_and_long_lines_are_folded(ics):
    data = ics[0]
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))  # RFC 5545 3.1: octets, not characters
    assert b"DTSTART;VALUE=DATE:20230408" in data
    events = data[data.index(b"BEGIN:VEVENT"):]
    times = [line for line in events.split(b"\r\n") if line.startswith((b"DTSTART", b"DTEND"))]
    # each is a date or a local time with its zone: no all-day item turned into midnight, no floating time
    assert times and all(b";VALUE=DATE:" in t or b";TZID=Asia/Ho_Chi_Minh:" in t for t in times)
    assert sum(b";VALUE=DATE:" in t for t in times) == 10  # 5 all-day events, DTSTART and DTEND each


def _web(db_path: Path, *paths: str) -> list:
    import asyncio

    from pipeline.use.serve import make_datasette

    ds = make_datasette(db_path)

    async def fetch():
        await ds.invoke_startup()
        return [await ds.client.get(p) for p in paths]

    return asyncio.run(fetch())


@pytest.mark.parametrize("args,query", [
    ([], ""),
    (["--from", "2023-04-09", "--to", "2023-04-09"], "from=2023-04-09&to=2023-04-09"),
    (["--venue", "NVH Thanh niên Q.1", "--kind", "event"], "venue=NVH+Thanh+ni%C3%AAn+Q.1&kind=event"),
])
def test_web_feed_is_the_cli_calendar(plan_db, args, query):
    db_path, _ = plan_db
    run = CliRunner().invoke(app, ["calendar", "--db", str(db_path), *args])
    assert run.exit_code == 0, run.output
    feed, old = _web(db_path, f"/-/kehoach/calendar.ics?{query}", f"/catalog/calendar.ics?{query}")
    assert feed.status_code == 200 and feed.headers["content-type"].startswith("text/calendar")
    assert feed.content == run.stdout_bytes  # the same events, UIDs, bytes
    assert old.content == feed.content  # datasette-ics' old address gives the one calendar
    assert len(icalendar.Calendar.from_ical(feed.content).walk("VEVENT")) >= 2


def test_web_feed_refuses_a_bad_filter(plan_db):
    db_path, _ = plan_db
    bad_date, bad_kind = _web(db_path, "/-/kehoach/calendar.ics?from=tomorrow", "/-/kehoach/calendar.ics?kind=x")
    assert bad_date.status_code == bad_kind.status_code == 400


# --------------------------------------------------------------------------------------------
# the calendar written as the events are read (write_ics) is the one built in memory


CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory) -> Path:
    """A catalog made by ingesting the corpus's text, Word and PDF plans (a plan in three formats)."""
    from pipeline.catalog.ingest import ingest

    db_path = tmp_path_factory.mktemp("ics") / "corpus.db"
    files = sorted(CORPUS.glob("*.txt")) + sorted(CORPUS.glob("*.docx")) + sorted(CORPUS.glob("*.pdf"))
    assert ingest(files, db_path, workers=1).counts["ingested"] == len(files)
    return db_path


def _streamed(rows, **kw) -> tuple[bytes, tuple[int, int]]:
    import io

    from pipeline.use.calendar import write_ics

    out = io.BytesIO()
    counts = write_ics(rows, out, **kw)
    return out.getvalue(), counts


def test_streamed_calendar_is_the_built_one_byte_for_byte(corpus_db, plan_db):
    from pipeline.use.query import iter_events, parse_partial_date

    zones = set()
    for db_path in (corpus_db, plan_db[0]):
        db = catalog.connect_read(db_path)
        years = [r[0] for r in db.execute("select distinct substr(start, 1, 4) from events where start is not null")]
        cases = [Filters(), Filters(kind="deadline"), Filters(kind="event"), Filters(venue="Quận 11"),
                 Filters(text="câu lạc bộ"), Filters(number="999")]
        cases += [Filters(date_from=parse_partial_date(y), date_to=parse_partial_date(y, end=True)) for y in years]
        for f in cases:
            cal, skipped = build_calendar(iter_events(db, f), name="thử")
            want = cal.to_ical()
            for hold in (1 << 22, 1, 500):  # VEVENTs held in memory until the first timed one, or in a file
                calls = []

                def rows(f=f, calls=calls, db=db):
                    calls.append(1)  # read once: a second read while the first streams is not possible
                    return iter_events(db, f)  # (a function cannot be added to a busy connection)

                data, counts = _streamed(rows, name="thử", hold=hold)
                assert data == want, (f, hold)
                assert len(calls) == 1
                assert counts == (len(cal.events), skipped)
            zones.add(b"BEGIN:VTIMEZONE" in want)
    assert zones == {True, False}  # calendars with and without timed events were compared


def test_vevent_bytes_with_folding_only_where_it_folds_are_icalendars():
    """``ical_bytes`` leaves icalendar's character-by-character folding out for lines shorter than
    75 octets: around that length, in ASCII and in Vietnamese (2-3 octets a letter), with the escapes
    icalendar keeps off a fold (\\, \\; \\,) at every position, the bytes are ``to_ical()``'s."""
    from pipeline.use.calendar import event_component, ical_bytes

    seen = set()
    for unit in ("a", "ệ", "đ a", "\\", ";", ",", "ề;", "x\\y"):
        for n in range(0, 90):
            text = (unit * n)[:n + 3]
            for where in ("what", "title", "path"):
                row = {"start": "2024-03-05T08:30", "kind": "deadline" if n % 2 else "event", "what": "Họp",
                       "title": "Kế hoạch", "number": "12/KH", "doc_type": "KH", "venues": [text[:40]]}
                row[where] = text
                ev = event_component(row, f"u{n}@kehoach")
                want = ev.to_ical()
                assert ical_bytes(ev) == want, (unit, n, where)
                seen |= {len(line) for line in want.split(b"\r\n")}
    assert {73, 74} <= seen  # lines just under the fold were made, and folded ones (74 octets at most)


def test_calendar_bytes_go_out_as_the_events_are_read(plan_db):
    """Each VEVENT is written as its row is read once the header is out; what comes first (the
    VTIMEZONE or not) is known at the first timed event: the VEVENTs before it are held until then,
    and the rows are read once."""
    from pipeline.use.calendar import write_ics

    rows = search_events(catalog.connect_read(plan_db[0]), Filters())
    timed = next(i for i, r in enumerate(rows, 1) if "T" in (r["start"] or ""))
    assert 1 < timed < len(rows)
    log: list[tuple[str, int]] = []

    def reading():
        for r in rows:
            log.append(("read", r["position"]))
            yield r

    class Sink:
        def write(self, data: bytes) -> None:
            log.append(("write", data.count(b"BEGIN:VEVENT"), b"BEGIN:VTIMEZONE" in data))

    write_ics(reading, Sink())
    first_write = next(i for i, e in enumerate(log) if e[0] == "write")
    assert first_write == timed  # nothing written before the first timed event was read
    assert log[first_write][2]  # the header and the VTIMEZONE first
    after = next(i for i in range(first_write, len(log)) if log[i][0] == "read")
    # then the events held and the timed one, before the next row is read
    assert sum(e[1] for e in log[first_write:after]) == timed
    # then one read, one VEVENT written (the undated deadline is read and skipped)
    assert log[after:after + 4] == [("read", rows[timed]["position"]), ("write", 1, False),
                                    ("read", rows[timed + 1]["position"]), ("write", 1, False)]
    assert sum(e[0] == "read" for e in log) == len(rows)  # read once
    assert sum(e[1] for e in log if e[0] == "write") == len(rows) - 1


def test_cli_calendar_is_the_built_calendar(corpus_db, tmp_path):
    cal, skipped = build_calendar(search_events(catalog.connect_read(corpus_db), Filters()))
    run = CliRunner().invoke(app, ["calendar", "--db", str(corpus_db)])
    assert run.exit_code == 0, run.output
    assert run.stdout_bytes == cal.to_ical()
    assert f"{len(cal.events)} events" in run.stderr
    out = tmp_path / "all.ics"
    assert CliRunner().invoke(app, ["calendar", "--db", str(corpus_db), "-o", str(out)]).exit_code == 0
    assert out.read_bytes() == cal.to_ical()
