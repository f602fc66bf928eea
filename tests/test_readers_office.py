"""Word 97 .doc, .rtf and .odt made by real tools (python-docx -> LibreOffice), read through the
LibreOffice -> .docx -> read_docx path; a ".doc" whose bytes are RTF or HTML is routed by content."""

from __future__ import annotations

import importlib.util
import shutil
import zipfile
from pathlib import Path

import pytest
from docx import Document as DocxDocument
from docx.oxml.ns import qn
from fixtures_legacy import tcvn3

from pipeline.errors import ReaderError, UnsupportedFormat
from pipeline.read.build import build_document
from pipeline.read.readers import office, read, sniff

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")

HAS_LEGACY = importlib.util.find_spec("pipeline.read.legacy") is not None

HEADER = [("ỦY BAN NHÂN DÂN HUYỆN BÌNH SƠN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
          ("PHÒNG VĂN HÓA VÀ THÔNG TIN", "Độc lập - Tự do - Hạnh phúc"),
          ("Số: 17/KH-VHTT", "Bình Sơn, ngày 09 tháng 3 năm 2012")]
SCHEDULE = [("Thời gian", "Nội dung", "Địa điểm"),
            ("7h30 ngày 15/3/2012", "Khai mạc hội thi", "Nhà văn hóa huyện"),
            ("14h00 ngày 16/3/2012", "Bế mạc, trao giải", "Hội trường Ủy ban")]


def _font(run, name: str) -> None:
    run.font.name = name
    fonts = run._element.get_or_add_rPr().find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), name)


def _no_borders(table) -> None:
    """Header and signature tables in real plans are borderless layout tables."""
    props = table._tbl.tblPr
    borders = props.find(qn("w:tblBorders"))
    if borders is None:
        borders = props.makeelement(qn("w:tblBorders"), {})
        props.append(borders)
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = borders.makeelement(qn(f"w:{side}"), {qn("w:val"): "nil"})
        borders.append(el)


def make_plan_docx(path: Path, font: str = "Times New Roman") -> Path:
    """A plan in the Decree-30 layout: two-column header table, title, sections, a schedule table,
    Nơi nhận beside the signature."""
    d = DocxDocument()

    def para(text: str) -> None:
        _font(d.add_paragraph().add_run(text), font)

    header = d.add_table(rows=len(HEADER), cols=2)
    _no_borders(header)
    for row, values in zip(header.rows, HEADER, strict=True):
        for cell, text in zip(row.cells, values, strict=True):
            _font(cell.paragraphs[0].add_run(text), font)
    for text in ("KẾ HOẠCH", "Tổ chức Hội thi văn nghệ quần chúng mừng Xuân Nhâm Thìn",
                 "I. MỤC ĐÍCH, YÊU CẦU", "1. Động viên phong trào văn hóa, văn nghệ ở cơ sở.",
                 "2. Chọn tiết mục tham gia Liên hoan cấp tỉnh.", "II. THỜI GIAN, ĐỊA ĐIỂM"):
        para(text)
    schedule = d.add_table(rows=len(SCHEDULE), cols=3)
    schedule.style = "Table Grid"
    for row, values in zip(schedule.rows, SCHEDULE, strict=True):
        for cell, text in zip(row.cells, values, strict=True):
            _font(cell.paragraphs[0].add_run(text), font)
    para("Đề nghị các đơn vị triển khai thực hiện./.")
    sign = d.add_table(rows=1, cols=2)
    _no_borders(sign)
    left, right = sign.rows[0].cells
    for i, text in enumerate(("Nơi nhận:", "- Như trên;", "- Lưu: VT.")):
        _font((left.paragraphs[0] if i == 0 else left.add_paragraph()).add_run(text), font)
    for i, text in enumerate(("TRƯỞNG PHÒNG", "", "Nguyễn Văn Bình")):
        _font((right.paragraphs[0] if i == 0 else right.add_paragraph()).add_run(text), font)
    d.add_paragraph("")  # Word always ends a document with a paragraph after a table
    d.save(str(path))
    return path




# "ư" is TCVN3's 0xAD, a soft hyphen to Word and LibreOffice: lost, "mười" reads "mời", "tưới" "tới"
TCVN3_BODY = "Kế hoạch tổ chức Đoàn thanh niên trường học: mười chi đoàn tưới cây xanh năm 2009"
TCVN3_SIGNER = "Nguyễn Văn Bình"


def make_tcvn3_docx(path: Path) -> Path:
    d = DocxDocument()
    _font(d.add_paragraph().add_run(tcvn3("KẾ HOẠCH")), ".VnTimeH")
    _font(d.add_paragraph().add_run(tcvn3(TCVN3_BODY)), ".VnTime")
    _font(d.add_paragraph().add_run("Người ký: "), "Times New Roman")
    _font(d.add_paragraph().add_run(tcvn3(TCVN3_SIGNER)), ".VnTime")
    d.add_paragraph("")
    d.save(str(path))
    return path


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    """The same plan as .docx, .doc, .rtf and .odt, and a TCVN3 .doc (LibreOffice wrote them)."""
    tmp = tmp_path_factory.mktemp("office")
    src = make_plan_docx(tmp / "ke_hoach.docx")
    out = {"docx": src}
    for fmt in ("doc", "rtf", "odt", "html"):  # html: "Save as Web Page"
        out[fmt] = office.convert_file(src, "docx", tmp / f"ke_hoach.{fmt}", fmt)
    out["tcvn3"] = office.convert_file(make_tcvn3_docx(tmp / "tcvn3.docx"), "docx", tmp / "tcvn3.doc", "doc")
    return out


def needs_docx_reader():
    if importlib.util.find_spec("pipeline.read.readers.docx") is None:
        pytest.skip("pipeline/read/readers/docx.py is not there yet")


@pytest.mark.slow
def test_sniff_routes_by_content(files, tmp_path):
    assert [sniff(files[f]) for f in ("doc", "rtf", "odt")] == ["doc", "rtf", "odt"]
    # a ".doc" whose bytes are RTF (Word's "Save as RTF" kept the old name) is RTF
    fake = tmp_path / "ke_hoach_cu.doc"
    fake.write_bytes(files["rtf"].read_bytes())
    assert sniff(fake) == "rtf"


@pytest.mark.slow
def test_libreoffice_keeps_tables_and_legacy_font_names(files, tmp_path):
    """What the design rests on: the .docx LibreOffice writes keeps the three tables (header cells
    apart) and the run font names that legacy repair needs."""
    for fmt in ("doc", "rtf", "odt"):
        docx_path = office.convert_to_docx(files[fmt], fmt, tmp_path / fmt)
        d = DocxDocument(str(docx_path))
        assert len(d.tables) == 3, fmt
        assert [[c.text for c in r.cells] for r in d.tables[0].rows] == [list(r) for r in HEADER]
        assert [[c.text for c in r.cells] for r in d.tables[1].rows] == [list(r) for r in SCHEDULE]
    d = DocxDocument(str(office.convert_to_docx(files["tcvn3"], "doc", tmp_path / "legacy")))
    fonts = [r.font.name for p in d.paragraphs for r in p.runs]
    assert ".VnTimeH" in fonts and ".VnTime" in fonts


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["doc", "rtf", "odt", "html"])
def test_read_plan_structure(files, fmt):
    needs_docx_reader()
    raw = read(files[fmt])
    assert raw.format == fmt
    assert raw.path == str(files[fmt])
    assert raw.meta["converted"]["by"] == "libreoffice"
    doc = build_document(raw)
    cells = {c.text: c for _, c in doc.iter_cells()}
    # "Số:" and the date line stay apart, on the left and on the right
    assert cells["Số: 17/KH-VHTT"].column == "left"
    assert cells["Bình Sơn, ngày 09 tháng 3 năm 2012"].column == "right"
    assert cells["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"].column == "right"
    rows = [[c.text for c in ln.cells] for ln in doc.lines if ln.is_table_row]
    assert rows == [list(r) for r in SCHEDULE]
    assert cells["Nơi nhận:"].column == "left"
    assert cells["Nguyễn Văn Bình"].column == "right"
    assert [s.number for s in doc.sections if s.level == 1] == ["I", "II"]
    lines = [ln.text for ln in doc.lines if not ln.blank]
    assert lines.index("KẾ HOẠCH") < lines.index("I. MỤC ĐÍCH, YÊU CẦU")


@pytest.mark.slow
def test_same_lines_as_the_docx_reader(files):
    needs_docx_reader()
    from pipeline.read.readers.docx import read_docx

    def content(raw):
        return [[c.text for c in ln.cells] for ln in build_document(raw).lines if not ln.blank]

    native = content(read_docx(files["docx"]))
    for fmt in ("doc", "rtf", "odt"):
        assert content(read(files[fmt])) == native, fmt


@pytest.mark.slow
def test_rtf_named_doc_is_read_as_rtf(files, tmp_path):
    needs_docx_reader()
    fake = tmp_path / "ke_hoach_cu.doc"
    fake.write_bytes(files["rtf"].read_bytes())
    raw = read(fake)
    assert raw.format == "rtf"
    assert "Số: 17/KH-VHTT" in build_document(raw).text


def test_html_named_doc_is_read_as_html(tmp_path):
    fake = tmp_path / "thong_bao.doc"
    fake.write_text('<html><head><meta charset="utf-8"><title>Thông báo</title></head><body>'
                    '<div class="content"><p>THÔNG BÁO</p><p>Về việc tổ chức hội nghị tổng kết năm học '
                    '2013 - 2014</p><p>Hội nghị tổ chức lúc 8h00 ngày 25/5/2014 tại phòng họp số 2.</p>'
                    '</div></body></html>', encoding="utf-8")
    assert sniff(fake) == "html"
    raw = read(fake)
    assert raw.format == "html"
    assert "Hội nghị tổ chức lúc 8h00 ngày 25/5/2014 tại phòng họp số 2." in build_document(raw).text


@pytest.mark.slow
@pytest.mark.xfail(not HAS_LEGACY, reason="pipeline/read/legacy.py (legacy font repair) is not there yet")
def test_tcvn3_doc_comes_back_as_vietnamese(files):
    needs_docx_reader()
    doc = build_document(read(files["tcvn3"]))
    assert TCVN3_BODY in doc.text
    assert TCVN3_SIGNER in doc.text
    assert "KẾ HOẠCH" in doc.text  # .VnTimeH: small codes drawn as capitals


@pytest.mark.slow
def test_encrypted_doc_and_odt_are_refused(files, tmp_path):
    uno = office._import_uno()
    if uno is None:
        pytest.skip("LibreOffice's Python bridge (python3-uno) is needed to write encrypted files")
    office.convert_to_docx(files["rtf"], "rtf", tmp_path, backend="uno")  # this process's soffice runs
    desktop = office._office("uno").desktop
    src = desktop.loadComponentFromURL(uno.systemPathToFileUrl(str(files["docx"])), "_blank", 0,
                                       office._props(uno, Hidden=True))
    try:
        for name, flt in (("secret.doc", "MS Word 97"), ("secret.odt", "writer8")):
            src.storeToURL(uno.systemPathToFileUrl(str(tmp_path / name)),
                           office._props(uno, FilterName=flt, Password="matkhau"))
    finally:
        src.close(True)
    with pytest.raises(ReaderError, match="password-protected"):
        read(tmp_path / "secret.doc")
    with zipfile.ZipFile(tmp_path / "secret.odt") as z:
        assert b"encryption-data" in z.read("META-INF/manifest.xml")
    with pytest.raises(ReaderError, match="password-protected"):
        read(tmp_path / "secret.odt")


@pytest.mark.slow
def test_corrupt_files_raise_reader_error(files, tmp_path):
    truncated = tmp_path / "cut.doc"
    truncated.write_bytes(files["doc"].read_bytes()[:3000])
    with pytest.raises(ReaderError, match="corrupt"):
        read(truncated)
    # a well-formed container whose Word stream is garbage: LibreOffice refuses it, soffice survives
    garbage = tmp_path / "garbage.doc"
    data = bytearray(files["doc"].read_bytes())
    data[0x1200:0x1A00] = bytes((i * 37) % 251 for i in range(0x800))
    garbage.write_bytes(bytes(data))
    try:
        read(garbage)
    except ReaderError:
        pass
    broken_rtf = tmp_path / "broken.rtf"
    broken_rtf.write_bytes(b"{\\rtf1\\ansi{\\fonttbl{\\f0 Times;}}\\f0 " + b"\\" * 50)
    try:
        read(broken_rtf)
    except ReaderError:
        pass
    # whatever those did, the converter still works
    assert office.convert_to_docx(files["odt"], "odt", tmp_path).is_file()


@pytest.mark.slow
def test_ole_file_that_is_not_word_is_unsupported(files, tmp_path):
    # rename the Word stream of a real .doc to Excel's "Workbook" in the OLE2 directory
    data = bytearray(files["doc"].read_bytes())
    entry = data.find("WordDocument".encode("utf-16-le"))
    data[entry:entry + 64] = "Workbook".encode("utf-16-le").ljust(64, b"\0")
    data[entry + 64:entry + 66] = (len("Workbook") * 2 + 2).to_bytes(2, "little")
    path = tmp_path / "bang_luong.doc"
    path.write_bytes(bytes(data))
    assert sniff(path) == "doc"
    with pytest.raises(UnsupportedFormat, match="Excel"):
        read(path)


@pytest.mark.slow
def test_timeout_kills_and_next_file_converts(files, tmp_path):
    if office._import_uno() is None:
        pytest.skip("python3-uno missing: the CLI path times out through subprocess instead")
    with pytest.raises(ReaderError, match="timed out"):
        office.convert_to_docx(files["doc"], "doc", tmp_path / "a", timeout=0.0001, backend="uno")
    out = office.convert_to_docx(files["doc"], "doc", tmp_path / "b", backend="uno")
    assert len(DocxDocument(str(out)).tables) == 3


@pytest.mark.slow
def test_one_soffice_per_process_is_reused(files, tmp_path):
    if office._import_uno() is None:
        pytest.skip("python3-uno missing")
    office.convert_to_docx(files["rtf"], "rtf", tmp_path / "a", backend="uno")
    first = office._office("uno").proc.pid
    office.convert_to_docx(files["odt"], "odt", tmp_path / "b", backend="uno")
    assert office._office("uno").proc.pid == first


@pytest.mark.slow
def test_cli_backend_gives_the_same_docx(files, tmp_path):
    out = office.convert_to_docx(files["doc"], "doc", tmp_path, backend="cli")
    d = DocxDocument(str(out))
    assert [[c.text for c in r.cells] for r in d.tables[0].rows] == [list(r) for r in HEADER]


def test_unknown_format_is_unsupported(tmp_path):
    with pytest.raises(UnsupportedFormat):
        office.convert_to_docx(tmp_path / "x.wpd", "wpd", tmp_path)


@pytest.mark.slow
def test_soffice_goes_when_its_worker_is_killed(files, tmp_path):
    if office._import_uno() is None:
        pytest.skip("python3-uno missing")
    import signal
    import subprocess
    import sys
    import time

    script = ("import os, signal, sys, pathlib\n"
              "from pipeline.read.readers import office\n"
              "src, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])\n"
              "office.convert_to_docx(src, 'rtf', out, backend='uno')\n"
              "o = office._office('uno')\n"
              "print(o.proc.pid, o.profile, flush=True)\n"
              "os.kill(os.getpid(), signal.SIGKILL)\n")
    run = subprocess.run([sys.executable, "-c", script, str(files["rtf"]), str(tmp_path)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == -signal.SIGKILL
    watchdog, profile = run.stdout.split()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and (Path(f"/proc/{watchdog}").exists() or Path(profile).exists()):
        time.sleep(0.2)
    assert not Path(f"/proc/{watchdog}").exists(), "soffice outlived its worker"
    assert not Path(profile).exists()
    assert not any(profile in _cmdline(p) for p in Path("/proc").iterdir() if p.name.isdigit())


def _cmdline(proc_dir: Path) -> str:
    try:
        return (proc_dir / "cmdline").read_bytes().decode(errors="replace")
    except OSError:  # the process ended meanwhile
        return ""


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract is not installed")
def test_a_word_file_holding_only_a_scanned_page_is_read_by_ocr(tmp_path):
    # offices file scans pasted into Word; the page is a picture, the file has no text of its own
    from test_ocr import render_page

    img = tmp_path / "page.png"
    render_page().save(img, dpi=(300, 300))
    d = DocxDocument()
    d.add_picture(str(img), width=docx_inches(5.8))
    d.save(tmp_path / "scan.docx")
    office.convert_file(tmp_path / "scan.docx", "docx", tmp_path / "scan.doc", "doc")
    for name in ("scan.docx", "scan.doc"):
        doc = build_document(read(tmp_path / name))
        assert "ngày hội đọc sách" in doc.text and {p.source for p in doc.pages} >= {"ocr"}, name


def test_a_word_file_with_nothing_on_its_pages_is_still_empty(tmp_path):
    from pipeline.errors import EmptyDocument

    DocxDocument().save(tmp_path / "blank.docx")
    with pytest.raises(EmptyDocument):
        read(tmp_path / "blank.docx")


def docx_inches(n: float):
    from docx.shared import Inches

    return Inches(n)
