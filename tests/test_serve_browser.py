"""`kehoach serve`: Datasette over the catalog, in-process (metadata, facets, canned queries, links,
calendar feeds) and in a real headless Chromium against the running command."""

from __future__ import annotations

import asyncio
import datetime as dt
import html
import json
import os
import re
import shutil
import subprocess
import urllib.request
from pathlib import Path
from urllib.parse import urljoin

import icalendar
import pytest
from serving import running_serve

from pipeline.catalog.ingest import ingest
from pipeline.use.serve import make_datasette

TODAY = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=7)).date()  # Vietnam's today, as the query sees it

PLANS = {
    "q11.txt": f"""THÀNH ĐOÀN TP. HỒ CHÍ MINH\tĐOÀN TNCS HỒ CHÍ MINH
BCH ĐOÀN QUẬN 11
Số: 17-KH/ĐTN\tQuận 11, ngày 06 tháng 01 năm 2023

KẾ HOẠCH
Tổ chức Ngày hội Thiếu nhi vui khỏe năm 2023

I. THỜI GIAN, ĐỊA ĐIỂM
1. Thời gian: ngày 16/7/2023.
2. Địa điểm: Nhà văn hóa Thanh niên Quận 11.

II. TỔ CHỨC THỰC HIỆN
- Các cơ sở Đoàn đăng ký đội tham gia trước ngày {TODAY.day:02d}/{TODAY.month:02d}/{TODAY.year}.

Nơi nhận:\tTM. BAN THƯỜNG VỤ QUẬN ĐOÀN
- Thành Đoàn;\tBÍ THƯ
- Lưu VP.
\tĐỗ Thị Mai
""",
    "bp.txt": """TỈNH ĐOÀN BÌNH PHƯỚC\tĐOÀN TNCS HỒ CHÍ MINH
Số: 52-KH/TĐTN\tBình Phước, ngày 04 tháng 4 năm 2024

KẾ HOẠCH
Liên hoan các đội tuyên truyền ca khúc cách mạng năm 2024

I. THỜI GIAN, ĐỊA ĐIỂM
1. Thời gian: từ ngày 20/5 đến ngày 21/5/2024.
2. Địa điểm: Nhà văn hóa thanh thiếu nhi tỉnh Bình Phước.

Nơi nhận:\tTM. BAN THƯỜNG VỤ TỈNH ĐOÀN
- Trung ương Đoàn;\tBÍ THƯ
- Lưu VP.
\tHoàng Văn Nam
""",
    "dn.txt": """UBND TỈNH ĐỒNG NAI\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH\tĐộc lập - Tự do - Hạnh phúc
Số: 19/TB-SVHTTDL\tĐồng Nai, ngày 11 tháng 9 năm 2025

THÔNG BÁO
Về việc tổ chức Hội thi hát dân ca tỉnh Đồng Nai

1. Thời gian: 19 giờ 30, ngày 27/9/2025.
2. Địa điểm: Quảng trường tỉnh Đồng Nai.

Nơi nhận:\tKT. GIÁM ĐỐC
- Như trên;\tPHÓ GIÁM ĐỐC
- Lưu: VT.
\tLý Văn Phúc
""",
}
TITLES = {"q11.txt": "Tổ chức Ngày hội Thiếu nhi vui khỏe năm 2023",
          "bp.txt": "Liên hoan các đội tuyên truyền ca khúc cách mạng năm 2024",
          "dn.txt": "Về việc tổ chức Hội thi hát dân ca tỉnh Đồng Nai"}


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """(db path, {file name: document id}); the db is named catalog.db, so Datasette calls it /catalog."""
    docs = tmp_path_factory.mktemp("docs")
    for name, text in PLANS.items():
        (docs / name).write_text(text, encoding="utf-8")
    db_path = tmp_path_factory.mktemp("db") / "catalog.db"
    summary = ingest([docs], db_path)
    assert summary.counts["ingested"] == 3, summary.as_dict()
    return db_path, {Path(o.path).name: o.document_id for o in summary.outcomes}


def get(db_path: Path, *paths: str) -> list:
    """Responses of an in-process Datasette (the same configuration `kehoach serve` runs)."""
    ds = make_datasette(db_path)

    async def fetch():
        await ds.invoke_startup()
        return [await ds.client.get(p) for p in paths]

    return asyncio.run(fetch())


def rows(response) -> list[dict]:
    assert response.status_code == 200, response.text[:500]
    return response.json()


# --------------------------------------------------------------------------------------------
# in-process


def test_facets_by_year_type_issuer_and_province(served):
    db_path, _ = served
    (r,) = get(db_path, "/catalog/plans.json")
    facets = r.json()["facet_results"]
    assert {"issue_year", "doc_type", "issuer", "provinces"} <= set(facets)
    by_province = {f["value"]: f["count"] for f in facets["provinces"]["results"]}
    assert by_province["Đồng Nai"] == 2  # Bình Phước's venue is in Đồng Nai since 2025
    assert {f["value"] for f in facets["issue_year"]["results"]} == {2023, 2024, 2025}
    assert {f["value"] for f in facets["doc_type"]["results"]} == {"KẾ HOẠCH", "THÔNG BÁO"}


def test_fts_search_and_facet_filter(served):
    db_path, ids = served
    search, facet = get(db_path, "/catalog/plans.json?_search=dong+nai&_shape=array",
                        "/catalog/plans.json?doc_type=TH%C3%94NG+B%C3%81O&_shape=array")
    assert [r["id"] for r in rows(search)] == [ids["dn.txt"]]
    assert [r["id"] for r in rows(facet)] == [ids["dn.txt"]]


def test_canned_queries(served):
    db_path, ids = served
    words, venue, period, deadlines = get(
        db_path,
        "/catalog/search.json?q=ca+khuc+cach+mang&_shape=array",
        "/catalog/plans_at_venue.json?venue=NVH+TTN+Đồng+Nai&_shape=array",
        "/catalog/events_in_period.json?from=2023-07&to=2023-07&_shape=array",
        "/catalog/deadlines_this_month.json?_shape=array",
    )
    assert [r["id"] for r in rows(words)] == [ids["bp.txt"]]
    assert "[ca khúc cách mạng]" in rows(words)[0]["snippet"].lower()
    assert [r["id"] for r in rows(venue)] == [ids["bp.txt"]]
    assert [(r["start"], r["document_id"]) for r in rows(period)] == [("2023-07-16", ids["q11.txt"])]
    assert [(r["deadline"], r["document_id"]) for r in rows(deadlines)] == [(TODAY.isoformat(), ids["q11.txt"])]


def test_links_to_source_file_and_extracted_fields(served):
    db_path, ids = served
    doc = ids["dn.txt"]
    page, source, fields = get(db_path, "/catalog/plans", f"/-/kehoach/source/{doc}",
                               f"/catalog/fields.json?document_id={doc}&_shape=array")
    assert f'href="/-/kehoach/source/{doc}"' in page.text
    assert f'href="/catalog/documents/{doc}"' in page.text
    assert html.escape(f"/catalog/fields?document_id={doc}") in page.text
    assert source.status_code == 200 and source.content.decode("utf-8") == PLANS["dn.txt"]
    assert source.headers["content-type"].startswith("text/plain")
    assert source.headers["content-disposition"] == "attachment; filename=\"dn.txt\"; filename*=UTF-8''dn.txt"
    assert "number" in {f["field"] for f in rows(fields)}


def test_calendar_feed(served):
    db_path, ids = served
    ours, everything, old = get(db_path, "/-/kehoach/calendar.ics?venue=Q.11", "/-/kehoach/calendar.ics",
                                "/catalog/calendar.ics")
    assert ours.headers["content-type"].startswith("text/calendar")
    events = icalendar.Calendar.from_ical(ours.content).walk("VEVENT")
    assert [(e.decoded("DTSTART"), str(e["LOCATION"])) for e in events] == [
        (dt.date(2023, 7, 16), "Nhà văn hóa Thanh niên Quận 11")]
    summaries = {str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(everything.content).walk("VEVENT")}
    assert len(summaries) == 4 and any(s.startswith("Hạn: ") for s in summaries)
    assert old.content == everything.content  # datasette-ics' old address: the same one calendar


def test_database_is_named_after_the_file(tmp_path, served):
    db_path, _ = served
    other = tmp_path / "luu_tru_2024.db"
    shutil.copy(db_path, other)
    (r,) = get(other, "/luu_tru_2024/plans.json?_search=dong+nai&_shape=array")
    assert len(rows(r)) == 1


# --------------------------------------------------------------------------------------------
# a real browser against `kehoach serve`

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def server(served, tmp_path_factory):
    db_path, ids = served
    with running_serve(db_path, tmp_path_factory.mktemp("serve") / "serve.log") as base:
        yield base, ids


def dump_dom(url: str, profile: Path) -> str:
    assert os.path.exists(CHROMIUM), "Debian chromium is needed: apt-get install -y chromium"
    run = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
         "--dump-dom", url], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr[-2000:]
    return run.stdout


def visible_text(dom: str) -> str:
    dom = re.sub(r"<(script|style)\b.*?</\1>", " ", dom, flags=re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", dom)))


@pytest.mark.slow
def test_browser_page_search_and_facet(server, tmp_path):
    base, ids = server
    profile = tmp_path / "chromium"
    # the page loads: the database page lists the plans view and the canned queries
    home = visible_text(dump_dom(f"{base}/catalog", profile))
    assert "plans" in home and "Kế hoạch tại một địa điểm" in home

    # a search returns the expected document and only it
    found = visible_text(dump_dom(f"{base}/catalog/plans?_search=dong+nai", profile))
    assert TITLES["dn.txt"] in found
    assert TITLES["q11.txt"] not in found and TITLES["bp.txt"] not in found
    assert "1 dòng" in found

    # a facet filters: follow the year facet's 2024 link as rendered in the page
    dom = dump_dom(f"{base}/catalog/plans", profile)
    assert all(t in visible_text(dom) for t in TITLES.values())
    links = re.findall(r'<a href="([^"]*issue_year=2024[^"]*)"', dom)
    assert links, "no issue_year facet link in the page"
    filtered = visible_text(dump_dom(urljoin(base, html.unescape(links[0])), profile))
    assert TITLES["bp.txt"] in filtered
    assert TITLES["q11.txt"] not in filtered and TITLES["dn.txt"] not in filtered

    # the venue query, as a person would fill its form
    at_venue = visible_text(dump_dom(f"{base}/catalog/plans_at_venue?venue=Q.11", profile))
    assert TITLES["q11.txt"] in at_venue and TITLES["bp.txt"] not in at_venue


@pytest.mark.slow
def test_browser_source_link_opens_the_file(server, tmp_path):
    base, ids = server
    dom = dump_dom(f"{base}/catalog/plans?_search=dong+nai", tmp_path / "chromium")
    (href,) = set(re.findall(r'href="(/-/kehoach/source/\d+)"', dom))
    # the link downloads the file (never shown inline in the catalog's origin)
    with urllib.request.urlopen(urljoin(base, href)) as r:
        assert r.headers["content-disposition"].startswith("attachment;")
        assert r.headers["x-content-type-options"] == "nosniff"
        assert "Hội thi hát dân ca tỉnh Đồng Nai" in r.read().decode("utf-8")
    assert json.loads(urllib.request.urlopen(base + "/-/versions.json").read())["datasette"]
