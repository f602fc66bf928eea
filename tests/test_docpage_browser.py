"""The archivist's workbench in `kehoach serve`: the document page (/-/kehoach/doc/ID), page images
with the selected value boxed, Vietnamese chrome, the review queue and the correction form —
in-process, and in a real headless Chromium (Playwright driving Debian's chromium) against the
running command."""

from __future__ import annotations

import asyncio
import html
import json
import re
import shutil
import sqlite3
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from serving import running_serve

from pipeline.catalog.ingest import ingest
from pipeline.use.docpage import value_boxes
from pipeline.use.serve import make_datasette

ROOT = Path(__file__).resolve().parent.parent
SCAN = ROOT / "corpus" / "kh-23-gia-lai-hoc-tap-kinh-nghiem-scan.png"
SCAN_TEXT = ROOT / "corpus" / "kh-23-gia-lai-hoc-tap-kinh-nghiem.txt"  # the same plan, as text
PDF = ROOT / "corpus" / "kh-39-quan-11-clb-bi-thu.pdf"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

# a draft: its number left blank (flagged for review), urgent and confidential
DRAFT = """\
     UBND TỈNH NINH THUẬN              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
  SỞ VĂN HÓA, THỂ THAO                      Độc lập - Tự do - Hạnh phúc
        VÀ DU LỊCH
   Số:      /SVHTTDL-QLVH              Ninh Thuận, ngày 9 tháng 10 năm 2019
V/v tổ chức Liên hoan văn nghệ          HỎA TỐC
   quần chúng năm 2019
                    MẬT

                    Kính gửi: Ủy ban nhân dân các huyện, thành phố

      Căn cứ kế hoạch công tác năm 2019, Sở Văn hóa, Thể thao và Du lịch tổ chức Liên hoan văn nghệ
quần chúng vào ngày 15/11/2019 tại Nhà văn hóa tỉnh Ninh Thuận; đề nghị các đơn vị
đăng ký tham gia và gửi danh sách về Sở trước ngày 20/10/2019./.

  Nơi nhận:                                            KT. GIÁM ĐỐC
  - Như trên;                                          PHÓ GIÁM ĐỐC
  - Giám đốc, các PGĐ Sở;
  - Lưu: VT, QLVH.

                                                       Nguyễn Văn Bình
"""


@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    """(db path, {file name: document id}) over a draft text plan, a real scan, the same plan as text
    (one plan in two files) and a text PDF."""
    docs = tmp_path_factory.mktemp("archive")
    (docs / "du-thao.txt").write_text(DRAFT, encoding="utf-8")
    shutil.copy(SCAN, docs / SCAN.name)
    shutil.copy(SCAN_TEXT, docs / SCAN_TEXT.name)
    shutil.copy(PDF, docs / PDF.name)
    db_path = tmp_path_factory.mktemp("db") / "catalog.db"
    summary = ingest([docs], db_path, workers=1)
    assert summary.counts["ingested"] == 4, summary.as_dict()
    return db_path, {Path(o.path).name: o.document_id for o in summary.outcomes}


def get(db_path: Path, *paths: str, edit: bool = False) -> list:
    ds = make_datasette(db_path, edit=edit)

    async def fetch():
        await ds.invoke_startup()
        return [await ds.client.get(p) for p in paths]

    return asyncio.run(fetch())


def text_of(page: str) -> str:
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def selected_box(page: str) -> dict[str, float]:
    """left/top/width/height (percent of the page image) of the selected value's box."""
    m = re.search(r'class="kh-box kh-chon"[^>]*style="([^"]+)"', page)
    assert m, "no selected box on the page image"
    return {k: float(v) for k, v in re.findall(r"(left|top|width|height):([\d.]+)%", m[1])}


# --------------------------------------------------------------------------------------------
# in-process


def test_document_page_shows_fields_with_the_words_they_were_read_from(catalog):
    db_path, ids = catalog
    (r,) = get(db_path, f"/-/kehoach/doc/{ids['du-thao.txt']}?field=issue_date")
    assert r.status_code == 200
    page = text_of(r.text)
    for label in ("Cơ quan ban hành", "Số, ký hiệu", "Ngày ban hành", "Trích yếu nội dung", "Người ký",
                  "Sự kiện và hạn chót", "Phân công thực hiện", "Cần kiểm tra"):
        assert label in page
    # the value, and its line with the value marked
    assert "2019-10-09" in page
    assert re.search(r"“Ninh Thuận, ngày <mark>9 tháng 10 năm 2019</mark>”, trang 1", r.text)
    assert '<mark id="chon">9 tháng 10 năm 2019</mark>' in r.text  # and in the document's text
    # Decree 30's marks, and the blank number flagged for a person
    assert re.search(r'id="kh-marks">.*HỎA TỐC.*MẬT', r.text)
    assert "number left blank in the document" in page
    assert "2019-11-15" in page and "Nhà văn hóa tỉnh Ninh Thuận" in page
    assert "text/html" in r.headers["content-type"]
    assert '<html lang="vi">' in r.text


def test_scan_page_image_boxes_the_selected_value(catalog):
    db_path, ids = catalog
    doc = ids[SCAN.name]
    page, image, none = get(db_path, f"/-/kehoach/doc/{doc}?field=number", f"/-/kehoach/page/{doc}/1.png",
                            f"/-/kehoach/page/{ids['du-thao.txt']}/1.png")
    assert page.status_code == 200
    assert f'src="/-/kehoach/page/{doc}/1.png"' in page.text
    box = selected_box(page.text)
    # the number stands in the header, left of the page's middle, one line high
    assert box["top"] < 12 and box["left"] + box["width"] < 55 and 0.5 < box["height"] < 4
    assert "23 /KH-MTTQ-TTTN" in text_of(page.text) or "23/KH-MTTQ-TTTN" in text_of(page.text)
    assert image.status_code == 200 and image.headers["content-type"] == "image/png"
    assert image.content[:8] == b"\x89PNG\r\n\x1a\n"
    assert none.status_code == 404  # a text file has no page image


def test_text_pdf_boxes_come_from_its_text_layer(catalog):
    db_path, ids = catalog
    doc = ids[PDF.name]
    (page,) = get(db_path, f"/-/kehoach/doc/{doc}?field=signer_name")
    assert "Trang 5/5" in text_of(page.text)  # the signer's page is shown
    box = selected_box(page.text)
    assert box["top"] > 5 and box["width"] < 40


def test_value_boxes_prefers_the_values_own_line():
    words = [["Gia", 0.1, 0.1, 0.15, 0.12], ["Lai", 0.16, 0.1, 0.2, 0.12], ["tỉnh", 0.1, 0.5, 0.14, 0.52],
             ["Gia", 0.15, 0.5, 0.2, 0.52], ["Lai", 0.21, 0.5, 0.25, 0.52]]
    assert value_boxes(words, "Gia Lai", before="tỉnh ") == [[0.15, 0.5, 0.25, 0.52]]
    assert value_boxes(words, "Gia Lai") == [[0.1, 0.1, 0.2, 0.12]]
    assert value_boxes(words, "Đồng Nai") == []
    # a value over two lines gives one box per line
    two = [["Tổ", 0.1, 0.1, 0.2, 0.12], ["chức", 0.21, 0.1, 0.3, 0.12], ["hội", 0.1, 0.13, 0.2, 0.15]]
    assert value_boxes(two, "Tổ chức hội") == [[0.1, 0.1, 0.3, 0.12], [0.1, 0.13, 0.2, 0.15]]


def test_lists_link_every_row_to_its_document_page_and_show_lists_plainly(catalog):
    db_path, ids = catalog
    plans, unknown, review, scan_page, text_page = get(
        db_path, "/catalog/plans", "/-/kehoach/doc/987654", "/-/kehoach/review",
        f"/-/kehoach/doc/{ids[SCAN.name]}", f"/-/kehoach/doc/{ids[SCAN_TEXT.name]}")
    listed = {int(i) for i in re.findall(r'href="/-/kehoach/doc/(\d+)"', plans.text)}
    # the scan and its text are one plan: one row, and each page links the other
    assert listed & {ids[SCAN.name], ids[SCAN_TEXT.name]} and not {ids[SCAN.name], ids[SCAN_TEXT.name]} <= listed
    assert {ids["du-thao.txt"], ids[PDF.name]} <= listed
    assert f'href="/-/kehoach/doc/{ids[SCAN_TEXT.name]}">{SCAN_TEXT.name}</a> (txt)' in scan_page.text
    assert f'href="/-/kehoach/doc/{ids[SCAN.name]}">{SCAN.name}</a> (image)' in text_page.text
    assert '[&#34;' not in plans.text and '["' not in text_of(plans.text)  # lists are not JSON
    assert "Khánh Hòa; " in text_of(plans.text) or "; Khánh Hòa" in text_of(plans.text)
    # years in year order, newest first
    facet = re.search(r'id="facet-issue_year".*?</ul>', plans.text, re.S)[0]
    years = [int(y) for y in re.findall(r">(\d{4})</a>", facet)]
    assert years == sorted(years, reverse=True) and len(years) == 3
    # Datasette's own chrome is Vietnamese
    assert "Dữ liệu này dạng" in plans.text and "This data as" not in plans.text
    assert unknown.status_code == 404 and "Không có văn bản" in unknown.text
    assert review.status_code == 200
    assert f'href="/-/kehoach/doc/{ids["du-thao.txt"]}?field=number#trang"' in review.text


def test_corrections_are_off_unless_asked_and_need_the_csrf_token(catalog):
    db_path, ids = catalog
    doc = ids["du-thao.txt"]
    (page,) = get(db_path, f"/-/kehoach/doc/{doc}")
    assert 'name="csrftoken"' not in page.text  # no form without --edit

    async def post(edit: bool):
        ds = make_datasette(db_path, edit=edit)
        await ds.invoke_startup()
        return await ds.client.post(f"/-/kehoach/doc/{doc}/correct", data={"field": "number", "value": "9/X"})

    assert asyncio.run(post(False)).status_code == 403
    assert asyncio.run(post(True)).status_code == 403  # no CSRF cookie and token: refused
    conn = sqlite3.connect(db_path)
    assert conn.execute("select number from documents where id = ?", [doc]).fetchone()[0] == "/SVHTTDL-QLVH"


# --------------------------------------------------------------------------------------------
# a real browser against `kehoach serve --edit`


@pytest.fixture(scope="module")
def server(catalog, tmp_path_factory):
    db_path, ids = catalog
    with running_serve(db_path, tmp_path_factory.mktemp("serve") / "serve.log", "--edit") as base:
        yield base, ids, db_path


@pytest.fixture()
def browser(tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright (the dev extra)")
    assert Path(CHROMIUM).exists(), "Debian chromium is needed: apt-get install -y chromium"
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        try:
            yield b.new_page(viewport={"width": 1400, "height": 1000})
        finally:
            b.close()


@pytest.mark.slow
def test_browser_find_a_plan_open_its_page_see_where_a_value_came_from(server, browser):
    base, ids, _ = server
    page = browser
    # find the plan by words without diacritics, open its page from the list
    page.goto(f"{base}/catalog/plans?_search=hoc+tap+kinh+nghiem")
    assert "Tìm:" in page.inner_text("form.filters")
    page.wait_for_selector(".dropdown-menu", state="attached")  # table.js built the column menus
    assert "Sắp xếp tăng dần" in page.content() and "Sort ascending" not in page.content()
    page.click("td.col-title a")  # the plan's title opens its page
    page.wait_for_url(re.compile(r"/-/kehoach/doc/\d+$"))
    if not page.url.endswith(f"/doc/{ids[SCAN.name]}"):  # the text copy's page: the scan is linked from it
        page.click(f'#kh-twins a[href="/-/kehoach/doc/{ids[SCAN.name]}"]')
        page.wait_for_url(re.compile(rf"/-/kehoach/doc/{ids[SCAN.name]}$"))
    fields = page.inner_text("#kh-fields")
    assert "Số, ký hiệu" in fields and "Cơ quan ban hành" in fields and "Người ký" in fields
    # the page image is there and loaded
    img = page.locator("#kh-image img")
    img.wait_for()
    assert page.evaluate("document.querySelector('#kh-image img').naturalWidth") > 500
    # choose the number: its row is marked, its box drawn over the number on the image
    page.click("#f-number a.kh-value")
    page.wait_for_url(re.compile(r"field=number"))
    assert "kh-chon" in (page.get_attribute("#f-number", "class") or "")
    box = page.locator(".kh-box.kh-chon").first.bounding_box()
    image = page.locator("#kh-image img").bounding_box()
    assert box and image and box["width"] > 10 and box["height"] > 5
    # inside the image's upper left part, where the header's number stands
    assert image["x"] <= box["x"] < image["x"] + image["width"] / 2
    assert image["y"] <= box["y"] < image["y"] + image["height"] * 0.15
    assert "KH-MTTQ-TTTN" in page.inner_text("#kh-text mark#chon")
    assert page.inner_text("h2 >> nth=0")  # Vietnamese headings, no English chrome
    assert "Powered by" not in page.inner_text("footer")


@pytest.mark.slow
def test_browser_fix_a_wrong_value_with_the_edit_form(server, browser):
    base, ids, db_path = server
    doc = ids["du-thao.txt"]
    page = browser
    # the review page lists the blank number and leads to it
    page.goto(f"{base}/-/kehoach/review")
    assert "number left blank" in page.inner_text("#kh-review-queue")
    page.click(f'#kh-review-queue a[href^="/-/kehoach/doc/{doc}?field=number"]')
    page.wait_for_url(re.compile(rf"/-/kehoach/doc/{doc}\?field=number"))
    # correct the number through the form (the CSRF token is in the form)
    form = page.locator("#f-number form.kh-edit")
    assert form.locator('input[name="csrftoken"]').get_attribute("value")
    form.locator('input[name="value"]').fill("215/SVHTTDL-QLVH")
    form.locator('button[type="submit"]', has_text="Lưu").click()
    page.wait_for_load_state()
    assert "215/SVHTTDL-QLVH" in page.inner_text("#f-number .kh-value")
    assert "Đã sửa" in page.inner_text("#f-number")
    assert "đã lưu" in page.inner_text("body")  # Datasette's message after the redirect
    # stored in the catalog; the flag has left the review queue
    conn = sqlite3.connect(db_path)
    assert conn.execute("select number from documents where id = ?", [doc]).fetchone()[0] == "215/SVHTTDL-QLVH"
    page.goto(f"{base}/-/kehoach/review")
    assert "number left blank" not in page.inner_text("body")
    # a value the field cannot hold is refused with a message, nothing stored
    page.goto(f"{base}/-/kehoach/doc/{doc}?field=issue_date")
    form = page.locator("#f-issue_date form.kh-edit")
    form.locator('input[name="value"]').fill("ngày mai")
    form.locator('button[type="submit"]', has_text="Lưu").click()
    page.wait_for_load_state()
    assert "Không lưu được" in page.inner_text("body")
    assert conn.execute("select issue_date from documents where id = ?", [doc]).fetchone()[0] == "2019-10-09"
    # an event's venue, through its own form: only the changed part is stored
    page.click("#kh-events tr.kh-edit-event >> nth=0 >> summary")
    form = page.locator("#kh-events tr.kh-edit-event >> nth=0 >> form")
    form.locator('input[name="events.1.venues"]').fill("Nhà hát tỉnh Ninh Thuận; Quảng trường 16/4")
    form.locator('button[type="submit"]').click()
    page.wait_for_load_state()
    assert "Nhà hát tỉnh Ninh Thuận; Quảng trường 16/4" in page.inner_text("#e-1")
    venues = conn.execute("select venues from events where document_id = ? order by position", [doc]).fetchone()[0]
    assert json.loads(venues) == ["Nhà hát tỉnh Ninh Thuận", "Quảng trường 16/4"]
    fields = {r[0] for r in conn.execute("select field from corrections where document_id = ?", [doc])}
    assert fields == {"number", "events.1.venues"}
    # a POST from elsewhere, without the token, is refused
    req = urllib.request.Request(f"{base}/-/kehoach/doc/{doc}/correct", data=b"field=number&value=1", method="POST")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(req)
    assert refused.value.code == 403


def test_page_image_only_from_the_unchanged_source_file(tmp_path, monkeypatch):
    monkeypatch.setenv("KEHOACH_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "archive"
    folder.mkdir()
    pdf = folder / PDF.name
    shutil.copy(PDF, pdf)
    db_path = tmp_path / "catalog.db"
    (outcome,) = ingest([folder], db_path, workers=1).outcomes
    doc = outcome.document_id
    pdf.write_bytes(pdf.read_bytes() + b"\n% changed after it was catalogued\n")
    image, page = get(db_path, f"/-/kehoach/page/{doc}/2.png", f"/-/kehoach/doc/{doc}?field=signer_name")
    assert image.status_code == 404 and "not available" in image.text
    assert not list((tmp_path / "cache").rglob("*.png"))  # nothing rendered from the changed file
    # the page still shows every value and where it was read, without boxes
    assert page.status_code == 200 and "Đặng Hiếu" in text_of(page.text)
    assert "kh-box" not in page.text.split('id="kh-image"')[1].split("</div>")[0]
    shutil.copy(PDF, pdf)  # back as catalogued: rendered and cached
    (image,) = get(db_path, f"/-/kehoach/page/{doc}/2.png")
    assert image.status_code == 200 and len(list((tmp_path / "cache").rglob("*.png"))) == 1


@pytest.mark.slow
def test_browser_export_a_months_events_to_excel_and_a_calendar(server, browser, tmp_path):
    import icalendar
    import openpyxl

    base, ids, db_path = server
    conn = sqlite3.connect(db_path)
    month = conn.execute("select substr(min(start), 1, 7) from events where start is not null").fetchone()[0]
    wanted = {r[0] for r in conn.execute("select what from events where substr(start, 1, 7) = ?", [month])}
    page = browser
    page.goto(f"{base}/")  # the catalog's home page
    page.fill('#kh-export input[name="from"]', month)
    page.fill('#kh-export input[name="to"]', month)
    with page.expect_download() as got:
        page.click('#kh-export button:has-text("Excel")')
    xlsx = tmp_path / got.value.suggested_filename
    got.value.save_as(xlsx)
    assert xlsx.suffix == ".xlsx" and month in xlsx.name
    ws = openpyxl.load_workbook(xlsx).active
    header = [c.value for c in ws[1]]
    assert header[:4] == ["start", "end", "kind", "what"] and ws.freeze_panes == "A2"
    rows = [dict(zip(header, (c.value for c in r), strict=False)) for r in ws.iter_rows(min_row=2)]
    assert {r["what"] for r in rows} == wanted
    assert all(str(r["start"])[:7] == month for r in rows)  # days as dates, inside the month asked for
    # the same month as a calendar, from the same form
    with page.expect_download() as got:
        page.click('#kh-export button:has-text("lịch")')
    ics = tmp_path / "month.ics"
    got.value.save_as(ics)
    cal = icalendar.Calendar.from_ical(ics.read_bytes())
    summaries = [str(e["SUMMARY"]) for e in cal.walk("VEVENT")]
    assert len(summaries) == len(rows) and all(" — " in s for s in summaries)
