"""Ruled tables on scanned pages: a real Word schedule table (python-docx "Table Grid"), printed to
PDF by LibreOffice, rasterised by poppler at 300 dpi in grey, and read back by the real Tesseract."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw
from rapidfuzz import fuzz

from pipeline.read.readers import read
from pipeline.read.readers.scan_tables import find_tables, has_long_verticals
from tests.fixtures_office import Plan, write_docx

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftoppm")
                                     and shutil.which("tesseract")),
                                reason="needs LibreOffice, poppler and Tesseract")

HEAD = ["TT", "Nội dung", "Thời gian", "Địa điểm", "Thành phần"]
# made-up rows in the grammar of a school's survey plan; row 2's day is merged down over row 3
ROWS = [
    ["1", "Họp Ban Tổ chức triển khai kế hoạch khảo sát ý kiến người học năm 2026",
     "8h00 ngày 15/6/2026", "Phòng họp số 2, nhà điều hành", "Ban Tổ chức; lãnh đạo các khoa"],
    ["2", "Chọn mẫu ngẫu nhiên, chuẩn bị tài khoản đường dẫn và hướng dẫn khảo sát",
     "ngày 18/6/2026", "Trung tâm Khảo thí", "Trung tâm QLCL; các khoa"],
    ["3", "Gửi thư mời khảo sát đến sinh viên thuộc 05 khoa được chọn",
     "", "Văn phòng các khoa", "Cố vấn học tập"],
    ["4", "Tổng hợp kết quả khảo sát và báo cáo Hiệu trưởng",
     "14h00 ngày 30/6/2026", "Hội trường B", "Trung tâm QLCL"],
]


def _plan(with_table: bool) -> Plan:
    body: list[tuple[str, object]] = [
        ("para", "Căn cứ kế hoạch năm học 2025-2026, Nhà trường xây dựng kế hoạch khảo sát ý kiến người "
                 "học như sau:"),
        ("heading", "I. MỤC ĐÍCH, YÊU CẦU"),
        ("bullet", "- Thu thập ý kiến phản hồi của người học về hoạt động giảng dạy."),
        ("heading", "II. TIẾN ĐỘ THỰC HIỆN"),
    ]
    if with_table:
        body.append(("table", [HEAD] + ROWS))
    body.append(("heading", "III. TỔ CHỨC THỰC HIỆN"))
    body.append(("para", "Các đơn vị nghiêm túc triển khai thực hiện./."))
    return Plan(
        header_left=["BỘ GIÁO DỤC VÀ ĐÀO TẠO", "TRƯỜNG ĐẠI HỌC AN BÌNH", "Số: 245/KH-ĐHAB"],
        header_right=["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                      "An Bình, ngày 05 tháng 6 năm 2026"],
        type_word="KẾ HOẠCH",
        title=["Khảo sát ý kiến người học năm 2026"],
        body=body,
        footer_left=["Nơi nhận:", "- Các khoa;", "- Lưu: VT."],
        footer_right=["HIỆU TRƯỞNG", "", "", "Trần Văn Minh"],
    )


def _merge_day_cell(docx_path: Path) -> None:
    """Merge row 2's day cell down over row 3, as schedules do for two steps on one day."""
    import docx

    d = docx.Document(str(docx_path))
    table = next(t for t in d.tables if t.style is not None and t.style.name == "Table Grid")
    col = HEAD.index("Thời gian")
    merged = table.cell(2, col).merge(table.cell(3, col))
    for p in merged.paragraphs[1:]:
        p._element.getparent().remove(p._element)  # the empty paragraph of the cell merged in
    d.save(str(docx_path))


def scan_of(plan: Plan, out: Path, merge: bool = True) -> Path:
    """The plan's first page as a 300 dpi grey scan (PNG)."""
    docx_path = write_docx(plan, out / "plan.docx")
    if merge:
        _merge_day_cell(docx_path)
    profile = out / "lo-profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out), str(docx_path)], check=True, capture_output=True, timeout=180)
    png = out / "plan.png"
    subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "300", "-gray", "-png", "-singlefile",
                    str(out / "plan.pdf"), str(png.with_suffix(""))], check=True, capture_output=True)
    return png



@pytest.fixture(scope="module")
def scans(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("scan-tables")
    (out / "table").mkdir()
    (out / "plain").mkdir()
    return {"table": scan_of(_plan(with_table=True), out / "table"),
            "plain": scan_of(_plan(with_table=False), out / "plain", merge=False)}


@pytest.fixture(scope="module")
def pages(scans) -> dict[str, list]:
    return {name: read(path).pages[0].lines for name, path in scans.items()}


def _close(got: str, want: str) -> bool:
    return fuzz.ratio(got, want) >= 90


@pytest.mark.slow
def test_schedule_rows_come_out_as_table_lines_one_cell_per_column(pages):
    rows = [[c.text for c in ln.cells] for ln in pages["table"] if ln.kind == "table"]
    assert rows[0] == HEAD
    assert len(rows) == 1 + len(ROWS)
    for got, want in zip(rows[1:], ROWS, strict=True):
        assert len(got) == len(HEAD), got
        assert got[0] == want[0] and got[2] == want[2]  # number and day exactly; "" under the merged day
        assert all(_close(g, w) for g, w in zip(got, want, strict=True)), (got, want)
        assert not any("|" in g for g in got)
    # every row gives its columns the same positions, so the header names them
    starts = {tuple(c.x0 for c in ln.cells) for ln in pages["table"] if ln.kind == "table"}
    assert len(starts) == 1


@pytest.mark.slow
def test_table_rows_stand_where_the_table_stands(pages):
    texts = [" ".join(c.text for c in ln.cells) for ln in pages["table"]]
    first = next(i for i, ln in enumerate(pages["table"]) if ln.kind == "table")
    last = max(i for i, ln in enumerate(pages["table"]) if ln.kind == "table")
    assert "TIẾN ĐỘ THỰC HIỆN" in texts[first - 1]
    assert "TỔ CHỨC THỰC HIỆN" in texts[last + 1]
    assert all(ln.kind == "table" for ln in pages["table"][first:last + 1])


@pytest.mark.slow
def test_page_without_a_table_is_read_as_before(scans, pages):
    image = Image.open(scans["plain"])
    assert not has_long_verticals(np.asarray(image.convert("L")), 300)  # the table search is skipped
    assert find_tables(image, 300) == []
    assert all(ln.kind == "text" for ln in pages["plain"])
    # the header and the text above the table read the same on both pages
    head = lambda lines: [[c.text for c in ln.cells] for ln in lines[:12]]  # noqa: E731
    assert head(pages["table"]) == head(pages["plain"])


@pytest.mark.slow
def test_extract_gives_one_event_per_row_with_day_description_and_venue(scans):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "pipeline", "extract", str(scans["table"]), "--format", "json"],
                          capture_output=True, text=True, env=env, check=True, timeout=300)
    record = json.loads(done.stdout)
    record = record[0] if isinstance(record, list) else record
    events = record["events"]
    assert [e["start"] for e in events] == ["2026-06-15T08:00", "2026-06-18", "2026-06-18", "2026-06-30T14:00"]
    for e, row in zip(events, ROWS, strict=True):
        assert _close(e["what"], row[1]), e["what"]
        assert e["venues"] and _close(e["venues"][0], row[3]), e["venues"]


def _ruled(size=(2480, 3508), streaks: bool = False, merged: bool = True) -> Image.Image:
    """A drawn 3-column, 4-row grid (2 px rules) with an underline in one cell; ``merged`` leaves out
    the rule under row 1's middle cell; ``streaks`` draws two edge-to-edge scanner streaks instead."""
    img = Image.new("L", size, 255)
    d = ImageDraw.Draw(img)
    if streaks:
        for x in (1400, 1800):
            d.line([(x, 0), (x + 6, size[1])], fill=40, width=3)
        d.line([(300, 900), (2200, 900)], fill=0, width=2)  # an underline crossing them
        return img
    xs, ys = [300, 600, 1500, 2200], [800, 900, 1100, 1300, 1500]
    for y in ys:
        d.line([(xs[0], y), (xs[-1], y)], fill=0, width=2)
    for x in xs:
        d.line([(x, ys[0]), (x, ys[-1])], fill=0, width=2)
    if merged:
        d.line([(xs[1] + 2, ys[2]), (xs[2] - 2, ys[2])], fill=255, width=4)
    d.line([(1600, 1400), (1950, 1400)], fill=0, width=2)  # an underline inside the last row's cell
    return img


def test_grid_of_a_drawn_table_with_a_merged_cell():
    (table,) = find_tables(_ruled(), 300)
    assert len(table.xs) == 4 and len(table.ys) == 5  # the underline is not a row rule
    spans = sorted((c.first_row, c.last_row) for c in table.cells if c.col == 1)
    assert spans == [(0, 0), (1, 2), (3, 3)]  # the middle column's cell runs over rows 1 and 2
    assert all(c.first_row == c.last_row for c in table.cells if c.col != 1)


def test_scanner_streaks_are_not_a_table():
    assert find_tables(_ruled(streaks=True), 300) == []


def test_real_scan_table_rows_at_a_page_long_tables_ends_keep_their_columns():
    """A real scanned plan (k4-023, page 2): its table runs the page's length and its rules drift
    17 px from top to bottom (the page is turned under the 0.3° it would be deskewed from); every row
    keeps its five cells (its top and bottom rows came out as one cell each, their "what", time and
    unit run together)."""
    path = ROOT / "eval" / "dev" / "docs" / "k4-023.pdf"
    if not path.is_file():
        pytest.skip("dev corpus not present")
    from pipeline.read.readers.pdf import render_page
    from pipeline.read.readers.preprocess import prepare

    prep = prepare(render_page(path, 2, 300), 300)
    (table,) = find_tables(prep.image, prep.dpi, 0.0 if prep.rotated else prep.skew_angle)
    assert len(table.xs) == 6 and len(table.ys) == 10
    for r in range(len(table.ys) - 1):
        assert len([c for c in table.cells if c.first_row <= r <= c.last_row]) == 5
