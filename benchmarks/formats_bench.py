"""Seconds per file for .doc/.rtf/.odt/.html against the .docx reader on the same content.

Generates N plans (python-docx), has LibreOffice write each as .doc, .rtf and .odt, writes a saved
web page per plan, then times ``pipeline.read.readers.read`` per file and format (median, p95), plus the
alternatives considered for the office formats (plain ``soffice --convert-to`` per file, antiword,
catdoc, striprtf, odfpy) where installed.

    .venv/bin/python benchmarks/formats_bench.py [-n 10]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

from pipeline.read.readers import office, read

UNITS = ["Phòng Văn hóa và Thông tin", "Phòng Giáo dục và Đào tạo", "Trung tâm Văn hóa - Thể thao",
         "Huyện đoàn", "Phòng Nội vụ"]
EVENTS = ["Hội thi văn nghệ quần chúng", "Giải bóng đá thiếu niên", "Hội khỏe Phù Đổng",
          "Ngày hội đọc sách", "Liên hoan tuyên truyền ca khúc cách mạng"]
PLACES = ["Nhà văn hóa huyện", "Sân vận động trung tâm", "Hội trường Ủy ban", "Thư viện huyện"]


def _font(run, name: str = "Times New Roman") -> None:
    run.font.name = name
    fonts = run._element.get_or_add_rPr().find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), name)


def plan_content(i: int) -> dict:
    unit, event = UNITS[i % len(UNITS)], EVENTS[i % len(EVENTS)]
    rows = [("Thời gian", "Nội dung", "Địa điểm")]
    for k in range(4 + i % 5):
        rows.append((f"{7 + k % 8}h30 ngày {10 + k}/{3 + i % 9}/{2005 + i}", f"{event}: vòng {k + 1}",
                     PLACES[(i + k) % len(PLACES)]))
    body = [f"{n}. Nội dung thứ {n} của kế hoạch: các đơn vị phối hợp chuẩn bị chu đáo, bảo đảm an toàn "
            f"và tiết kiệm; báo cáo kết quả về {unit} trước ngày {20 + n % 8}/{3 + i % 9}."
            for n in range(1, 8 + i % 6)]
    return {
        "header": [("ỦY BAN NHÂN DÂN HUYỆN BÌNH SƠN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
                   (unit.upper(), "Độc lập - Tự do - Hạnh phúc"),
                   (f"Số: {i + 3:02d}/KH-VHTT", f"Bình Sơn, ngày {i % 27 + 1:02d} tháng 3 năm {2005 + i}")],
        "title": f"Tổ chức {event} năm {2005 + i}", "body": body, "rows": rows, "unit": unit,
    }


def write_docx(c: dict, path: Path) -> None:
    d = Document()
    t = d.add_table(rows=3, cols=2)
    for row, values in zip(t.rows, c["header"], strict=True):
        for cell, text in zip(row.cells, values, strict=True):
            _font(cell.paragraphs[0].add_run(text))
    for text in ["KẾ HOẠCH", c["title"], "I. MỤC ĐÍCH, YÊU CẦU", *c["body"], "II. LỊCH TỔ CHỨC"]:
        _font(d.add_paragraph().add_run(text))
    t = d.add_table(rows=len(c["rows"]), cols=3)
    t.style = "Table Grid"
    for row, values in zip(t.rows, c["rows"], strict=True):
        for cell, text in zip(row.cells, values, strict=True):
            _font(cell.paragraphs[0].add_run(text))
    _font(d.add_paragraph().add_run("Đề nghị các đơn vị triển khai thực hiện./."))
    t = d.add_table(rows=1, cols=2)
    _font(t.cell(0, 0).paragraphs[0].add_run("Nơi nhận:"))
    _font(t.cell(0, 0).add_paragraph().add_run("- Lưu: VT."))
    _font(t.cell(0, 1).paragraphs[0].add_run("TRƯỞNG PHÒNG"))
    _font(t.cell(0, 1).add_paragraph().add_run("Nguyễn Văn Bình"))
    d.add_paragraph("")
    d.save(str(path))


def write_html(c: dict, path: Path) -> None:
    def cells(row, tag="td"):
        return "".join(f"<{tag}>{x}</{tag}>" for x in row)

    header = "".join(f"<p>{a}</p>" for a, _ in c["header"]), "".join(f"<p>{b}</p>" for _, b in c["header"])
    menu = "".join(f'<li><a href="/m{k}">Mục {k}</a></li>' for k in range(12))
    html = (f'<html><head><meta charset="utf-8"><title>Kế hoạch {c["title"]} - {c["unit"]}</title>'
            f'<script>var x = 1;</script></head><body><nav><ul>{menu}</ul></nav><div id="side"><h3>Tin mới'
            f'</h3><ul>{menu}</ul></div><article><h1>Kế hoạch {c["title"]}</h1><table><tr><td>{header[0]}'
            f'</td><td>{header[1]}</td></tr></table><p>KẾ HOẠCH</p><p>{c["title"]}</p>'
            f'<p>I. MỤC ĐÍCH, YÊU CẦU</p>{"".join(f"<p>{b}</p>" for b in c["body"])}<p>II. LỊCH TỔ CHỨC</p>'
            f'<table border="1">{"".join(f"<tr>{cells(r)}</tr>" for r in c["rows"])}</table>'
            f'<p>Đề nghị các đơn vị triển khai thực hiện./.</p></article>'
            f'<footer>Bản quyền © {c["unit"]}</footer></body></html>')
    path.write_text(html, encoding="utf-8")


def timed(fn: Callable[[Path], object], files: list[Path]) -> list[float]:
    out = []
    for f in files:
        start = time.perf_counter()
        fn(f)
        out.append(time.perf_counter() - start)
    return out


def p95(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(0.95 * (len(xs) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=10, help="plans per format")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="kehoach-bench-") as tmp_name:
        tmp = Path(tmp_name)
        files: dict[str, list[Path]] = {f: [] for f in ("docx", "doc", "rtf", "odt", "html")}
        start = time.perf_counter()
        first = 0.0
        for i in range(args.n):
            c = plan_content(i)
            src = tmp / f"plan{i:02d}.docx"
            write_docx(c, src)
            files["docx"].append(src)
            for fmt in ("doc", "rtf", "odt"):
                files[fmt].append(office.convert_file(src, "docx", tmp / f"plan{i:02d}.{fmt}", fmt))
                first = first or time.perf_counter() - start
            write_html(c, tmp / f"plan{i:02d}.html")
            files["html"].append(tmp / f"plan{i:02d}.html")
        # the soffice start-up is paid by the first conversion above, once per process
        print(f"soffice start-up + first conversion: {first:.2f} s")
        print(f"fixtures: {args.n} plans x 5 formats in {time.perf_counter() - start:.1f} s "
              f"(office backend: {office._office().backend})\n")

        rows: list[tuple[str, list[float]]] = []
        for fmt in ("docx", "doc", "rtf", "odt", "html"):
            rows.append((f"read() {fmt}", timed(read, files[fmt])))

        def cli_convert(fmt: str) -> Callable[[Path], object]:
            def run(p: Path) -> object:
                with tempfile.TemporaryDirectory() as out:
                    return office.convert_to_docx(p, fmt, Path(out), backend="cli")
            return run

        rows.append(("alt: soffice --convert-to per .doc (warm profile)",
                     timed(cli_convert("doc"), files["doc"])))
        for tool in ("antiword", "catdoc"):
            if shutil.which(tool):
                def dump(p: Path, t: str = tool) -> object:
                    return subprocess.run([t, str(p)], capture_output=True, check=True)
                rows.append((f"alt: {tool} .doc (text only)", timed(dump, files["doc"])))
        try:
            from striprtf.striprtf import rtf_to_text

            rows.append(("alt: striprtf .rtf (text only)",
                         timed(lambda p: rtf_to_text(p.read_text(encoding="latin-1")), files["rtf"])))
        except ImportError:
            pass
        try:
            from odf import teletype
            from odf.opendocument import load

            rows.append(("alt: odfpy .odt (text only)",
                         timed(lambda p: teletype.extractText(load(str(p)).text), files["odt"])))
        except ImportError:
            pass
        office.shutdown()

    width = max(len(name) for name, _ in rows)
    # "first s": the first file of a kind in this process pays the imports (python-docx, trafilatura)
    print(f"{'reader':<{width}}  {'files':>5}  {'median s':>9}  {'p95 s':>8}  {'first s':>8}")
    for name, xs in rows:
        print(f"{name:<{width}}  {len(xs):>5}  {statistics.median(xs):>9.3f}  {p95(xs):>8.3f}  {xs[0]:>8.3f}")


if __name__ == "__main__":
    main()
