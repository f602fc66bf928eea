"""Printed pages read back by OCR (real Tesseract on pages drawn here in a Times-like serif): what a
scan of a plain printed page loses against the same text read as text — lines a narrow column
wrapped, lines OCR broke — and the grammar that gives it back (issue 12)."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

FONTS = Path("/usr/share/fonts/truetype/freefont")
needs_tesseract = pytest.mark.skipif(not shutil.which("tesseract"), reason="Tesseract is not installed")

A4 = (2480, 3508)  # 300 dpi
LEFT, RIGHT_COLUMN = 300, 1300  # x of the left column and of the right (signature) column


def _font(bold: bool = False, italic: bool = False, size: int = 54) -> ImageFont.FreeTypeFont:
    name = "FreeSerif" + ("Bold" if bold else "") + ("Italic" if italic else "") + ".ttf"
    return ImageFont.truetype(str(FONTS / name), size)


def _centred(d: ImageDraw.ImageDraw, text: str, centre: int, y: int, font: ImageFont.FreeTypeFont) -> None:
    d.text((centre - d.textlength(text, font=font) / 2, y), text, font=font, fill=0)


def printed_page(signature: list[str], recipients: list[str], date_line: list[str] | None = None,
                 italic_date: bool = False, number: str = "Số: 125/TB-UBND",
                 noi_nhan: str = "Nơi nhận:") -> Image.Image:
    """An A4 notice at 300 dpi as Decree 30 prints it: the two-column header, a title, body lines,
    "Nơi nhận" on the left beside the signature block (``signature``: its lines, each centred in
    the right column, as a narrow column wraps them), recipients given without their dashes when
    the list's dashes are meant to be lost."""
    page = Image.new("L", A4, 255)
    d = ImageDraw.Draw(page)
    left_c, right_c = 700, 1650
    _centred(d, "ỦY BAN NHÂN DÂN", left_c, 240, _font())
    _centred(d, "HUYỆN GIA LÂM", left_c, 310, _font(bold=True))
    _centred(d, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", right_c, 240, _font(bold=True, size=50))
    _centred(d, "Độc lập - Tự do - Hạnh phúc", right_c, 310, _font(bold=True))
    _centred(d, number, left_c, 460, _font())
    y = 460
    for line in date_line or ["Gia Lâm, ngày 14 tháng 3 năm 2024"]:
        _centred(d, line, right_c, y, _font(italic=italic_date))
        y += 70
    _centred(d, "THÔNG BÁO", 1290, 640, _font(bold=True, size=60))
    _centred(d, "Về việc tổ chức tập huấn công tác văn thư năm 2024", 1290, 720, _font(bold=True))
    body = ["Ủy ban nhân dân huyện thông báo tổ chức lớp tập huấn công tác văn thư, lưu trữ",
            "cho cán bộ, công chức các xã, thị trấn. Thời gian: 08 giờ 00 ngày 20 tháng 3 năm",
            "2024. Địa điểm: Hội trường Ủy ban nhân dân huyện. Đề nghị các đơn vị cử cán bộ",
            "tham dự đầy đủ, đúng thành phần."]
    for k, line in enumerate(body):
        d.text((LEFT, 900 + 80 * k), line, font=_font(), fill=0)
    y0 = 1350
    d.text((LEFT, y0), noi_nhan, font=_font(bold=True, italic=True, size=48), fill=0)
    for k, item in enumerate(recipients):
        d.text((LEFT, y0 + 70 + 56 * k), item, font=_font(size=44), fill=0)
    y = y0
    for line in signature:
        if line:
            _centred(d, line, right_c, y, _font(bold=not line.startswith("(")))
        y += 75 if line else 200
    return page


def _record(tmp_path: Path, page: Image.Image) -> dict:
    from pipeline.extract import extract_file

    path = tmp_path / "page.png"
    page.save(path, dpi=(300, 300))
    return extract_file(path).record.to_json()


@needs_tesseract
@pytest.mark.slow
def test_wrapped_authority_and_position_lines_of_a_scan_are_joined(tmp_path):
    # a narrow signature column wraps the authority's unit ("... ĐẠI" / "HỌC") and the position's
    # ("... SỞ GIÁO DỤC VÀ" / "ĐÀO TẠO"); the wrapped word is no title of its own, so it was taken
    # for a stroke and lost
    rec = _record(tmp_path, printed_page(
        ["KT. TRƯỞNG PHÒNG ĐÀO TẠO ĐẠI", "HỌC", "PHÓ TRƯỞNG PHÒNG", "", "Lê Ngô Thục Vi"],
        ["- Như trên;", "- Lưu: VT."]))
    assert rec["signer_authority"] == "KT. TRƯỞNG PHÒNG ĐÀO TẠO ĐẠI HỌC"
    assert rec["signer_position"] == "PHÓ TRƯỞNG PHÒNG"
    assert rec["signer_name"] == "Lê Ngô Thục Vi"

    rec = _record(tmp_path, printed_page(
        ["GIÁM ĐỐC SỞ GIÁO DỤC VÀ", "ĐÀO TẠO", "", "Trần Văn Hùng"], ["- Như trên;", "- Lưu: VT."]))
    assert rec["signer_position"] == "GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO"
    assert rec["signer_name"] == "Trần Văn Hùng"


DEV_DOCS = Path(__file__).resolve().parents[1] / "eval" / "dev" / "docs"


def _pdf_page(name: str, page: int = 1) -> Image.Image:
    """A page of a development PDF printed at 300 dpi in grey, as benchmarks/scan_eval.py prints it."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", "300", "-gray", "-f", str(page), "-l", str(page), "-png",
                        str(DEV_DOCS / name), f"{tmp}/p"], check=True, capture_output=True)
        return Image.open(next(Path(tmp).glob("p*.png"))).copy()


@needs_tesseract
@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils is not installed")
def test_a_line_read_as_two_lines_on_top_of_each_other_is_read_again():
    from pipeline.read.readers.ocr import ocr_page_image

    # the italic place-and-date line with a smaller upright day ("ngày 13  tháng 4"): Tesseract's page
    # segmentation shares its words out between two baselines, "Đông Tháp, tháng 4 2026" and
    # "0n 054p, n6 l3 Hang 4 nam", and the date was lost
    page = _pdf_page("k2-026.pdf")
    top = page.crop((0, 0, page.width, page.height // 4))
    lines = [" ".join(c.text for c in ln.cells) for ln in ocr_page_image(top, 1, dpi=300).lines]
    assert any("Tháp, ngày 13 tháng 4 năm 2026" in t for t in lines), lines


@needs_tesseract
@pytest.mark.slow
def test_recipients_whose_dashes_ocr_lost_are_still_a_list(tmp_path):
    # a thin dash set apart from its item by a tab is often not read at all: the items come without
    # dashes, ended by ";" (the last one, here, without its dot)
    rec = _record(tmp_path, printed_page(
        ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "Trần Văn Hùng"],
        ["Các phòng, ban huyện;", "UBND các xã, thị trấn;", "Niêm yết thông báo"]))
    assert rec["recipients"] == ["Các phòng, ban huyện", "UBND các xã, thị trấn", "Niêm yết thông báo"]
    assert rec["signer_name"] == "Trần Văn Hùng"


@needs_tesseract
@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils is not installed")
def test_a_place_after_its_unit_type_takes_the_gazetteers_spelling(tmp_path):
    # "TP. Hồ Chí Minh, ngày ..." printed in Times: Tesseract drops the grave over the circumflex
    # ("TP. Hô Chí Minh"); the name after "TP." folds to one city's name
    page = _pdf_page("k3-002.pdf")
    rec = _record(tmp_path, page.crop((0, 0, page.width, page.height // 3)))
    assert rec["issue_place"] == "TP. Hồ Chí Minh"


@needs_tesseract
@pytest.mark.slow
def test_a_number_and_day_printed_blank_are_kept_as_printed(tmp_path):
    # a draft or a copy not yet numbered: no ink in the slots, so the record keeps what is printed
    # ("/TB-UBND", the month), as it does for the same document read as text; a slot with ink OCR
    # could not read stays null and flagged (tests/test_ocr_handwritten.py)
    rec = _record(tmp_path, printed_page(
        ["CHỦ TỊCH", "", "Trần Văn Hùng"], ["- Như trên;", "- Lưu: VT."],
        date_line=["Gia Lâm, ngày        tháng 3 năm 2024"], number="Số:          /TB-UBND"))
    assert rec["number"] == "/TB-UBND"
    assert rec["issue_date"] == "2024-03"
    assert "left blank" in rec["review"]["number"]
    assert "left blank" in rec["review"]["issue_date"]


def _schedule_table() -> Image.Image:
    """A ruled schedule table in Liberation Serif (Times New Roman's metrics), a period of two dates
    wrapped in its narrow date column ("31/03/2014 –" / "04/04/2014")."""
    font = ImageFont.truetype("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf", 54)
    page = Image.new("L", (2480, 1000), 255)
    d = ImageDraw.Draw(page)
    xs, ys = [300, 480, 880, 2200], [200, 400, 600, 800]
    for y in ys:
        d.line([(xs[0], y), (xs[-1], y)], fill=0, width=3)
    for x in xs:
        d.line([(x, ys[0]), (x, ys[-1])], fill=0, width=3)
    rows = [("2", ["31/03/2014 –", "04/04/2014"], "Khoa nhận hồ sơ xét tốt nghiệp."),
            ("3", ["08/04/2014"], "Khoa gửi danh sách sinh viên về phòng."),
            ("4", ["14/04/2014 –", "18/04/2014"], "Phòng hoàn tất các thủ tục cần thiết.")]
    for (n, dates, what), y in zip(rows, ys, strict=False):
        d.text((370, y + 60), n, font=font, fill=0)
        for k, t in enumerate(dates):
            dy = 30 + 70 * k + (35 if len(dates) == 1 else 0)
            d.text((xs[1] + 200 - d.textlength(t, font=font) / 2, y + dy), t, font=font, fill=0)
        d.text((xs[2] + 20, y + 60), what, font=font, fill=0)
    return page


@needs_tesseract
@pytest.mark.slow
@pytest.mark.skipif(not Path("/usr/share/fonts/truetype/liberation2").is_dir(), reason="fonts-liberation2 missing")
def test_an_en_dash_between_two_dates_read_as_two_dashes_is_one_again():
    from pipeline.read.readers.ocr import ocr_page_image

    # Tesseract reads the en dash after "31/03/2014" as "-—" glued to the year: "31/03/2014-— 04/04/2014",
    # which no date grammar takes for a period
    page = ocr_page_image(_schedule_table(), 1, dpi=300)
    cells = [c.text for ln in page.lines for c in ln.cells]
    assert "31/03/2014 – 04/04/2014" in cells, cells
    assert "14/04/2014 – 18/04/2014" in cells, cells


@needs_tesseract
@pytest.mark.slow
@pytest.mark.parametrize("label", ["Nơi nhân", "Đi nhận:"])
def test_noi_nhan_read_without_its_colon_and_mark_still_opens_the_list(tmp_path, label):
    # a grainy copy reads "Nơi nhận:" as "Nơi nhân" (the dot under lost, the colon a speck dropped);
    # a grey one as "Đi nhận:" (the first word's letters run together)
    rec = _record(tmp_path, printed_page(
        ["CHỦ TỊCH", "", "Trần Văn Hùng"], ["- Như trên;", "- Các xã, thị trấn;", "- Lưu: VT."], noi_nhan=label))
    assert rec["recipients"] == ["Như trên", "Các xã, thị trấn", "Lưu: VT"]


@needs_tesseract
@pytest.mark.slow
def test_a_signers_given_name_that_is_no_syllable_is_respelt_by_one_vowel(tmp_path):
    # toner grain puts a horn on the "u" of "Quỳnh": "Qưỳnh" is no Vietnamese syllable, "Quỳnh" is the
    # only one a vowel's horn or hat changed makes; a misread that is a syllable ("Vản") is left alone
    rec = _record(tmp_path, printed_page(["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "Trần Ngọc Qưỳnh"],
                                         ["- Như trên;", "- Lưu: VT."]))
    assert rec["signer_name"] == "Trần Ngọc Quỳnh"


@needs_tesseract
@pytest.mark.slow
def test_a_number_line_garbled_by_handwriting_is_not_the_issuer(tmp_path):
    # a number written by hand over "Số:" and the slash garbles both ("Số) J3B-UBND"): the line is
    # still the number line under the issuer's name, not a third line of the issuer
    rec = _record(tmp_path, printed_page(["CHỦ TỊCH", "", "Trần Văn Hùng"], ["- Như trên;", "- Lưu: VT."],
                                         number="Số) J3B-UBND"))
    assert rec["issuer"] == "ỦY BAN NHÂN DÂN HUYỆN GIA LÂM"


@needs_tesseract
@pytest.mark.slow
def test_a_mark_read_after_a_recipients_end_is_not_part_of_it(tmp_path):
    # a speck of toner after the item's ";" read as a mark ("Như trên; ˆ")
    rec = _record(tmp_path, printed_page(["CHỦ TỊCH", "", "Trần Văn Hùng"],
                                         ["- Như trên; *", "- Các xã, thị trấn;", "- Lưu: VT."]))
    assert rec["recipients"] == ["Như trên", "Các xã, thị trấn", "Lưu: VT"]


@needs_tesseract
@pytest.mark.slow
def test_a_line_in_title_case_that_opens_with_no_family_name_is_not_the_signer(tmp_path):
    # a place or a body in title case below the signature (a received stamp, a table's cell, a seal's
    # words) is read before the name: a Vietnamese name opens with a family name of the closed set
    rec = _record(tmp_path, printed_page(["KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "", "Huyện Yên Dũng", "Phạm Huy Đắp"],
                                         ["- Như trên;", "- Lưu: VT."]))
    assert rec["signer_name"] == "Phạm Huy Đắp"
    # family names the set lacked before ("Phùng", "Mạnh") still open a name
    rec = _record(tmp_path, printed_page(["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "Phùng Văn Long"],
                                         ["- Như trên;", "- Lưu: VT."]))
    assert rec["signer_name"] == "Phùng Văn Long"


@needs_tesseract
@pytest.mark.slow
def test_a_number_glued_to_junk_with_no_separator_before_its_symbol_is_not_given(tmp_path):
    # a handwritten "1139/BĐH" read "443? BDH": digits glued to a mark and no "/" before the symbol are
    # not a reading of the number; it is left for a person, not given as 443
    rec = _record(tmp_path, printed_page(["CHỦ TỊCH", "", "Trần Văn Hùng"], ["- Như trên;", "- Lưu: VT."],
                                         number="Số: 443? BĐH"))
    assert rec["number"] is None
    assert "number" in rec["review"]
    assert rec["issuer"] == "ỦY BAN NHÂN DÂN HUYỆN GIA LÂM"


@needs_tesseract
@pytest.mark.slow
def test_a_date_line_whose_keywords_ocr_garbled_is_still_the_date_line(tmp_path):
    # beside a handwritten day OCR reads "ngàu" and "thàng", and "Ha Nẵng" for "Đà Nẵng": the cell has
    # the date line's shape, its keywords are respelt and its slots read; the place one letter from
    # exactly one province is that province
    rec = _record(tmp_path, printed_page(["CHỦ TỊCH", "", "Trần Văn Hùng"], ["- Như trên;", "- Lưu: VT."],
                                         date_line=["Ha Nẵng, ngàu 14 thàng 3 năm 2024"]))
    assert rec["issue_date"] == "2024-03-14"
    assert rec["issue_place"] == "Đà Nẵng"


@needs_tesseract
@pytest.mark.slow
def test_capitals_that_spell_no_signers_title_are_not_the_position(tmp_path):
    # a seal's ring read as capitals where the title should stand ("LIÊN ĐOÀN LAO ĐỘNG"): no signer's
    # title, so no position, rather than the seal's words
    rec = _record(tmp_path, printed_page(["LIÊN ĐOÀN LAO ĐỘNG", "", "Nguyễn Văn Lên"], ["- Như trên;", "- Lưu: VT."]))
    assert rec["signer_position"] is None
    assert rec["signer_name"] == "Nguyễn Văn Lên"
    rec = _record(tmp_path, printed_page(["CHỦ TỊCH", "", "Nguyễn Văn Lên"], ["- Như trên;", "- Lưu: VT."]))
    assert rec["signer_position"] == "CHỦ TỊCH"


def _office_page(tmp_path: Path, name: str, page: int = 1) -> Image.Image:
    """A page of a development Word file printed by LibreOffice (private profile) and rasterised at
    300 dpi in grey, as benchmarks/scan_eval.py prints it."""
    import subprocess

    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(DEV_DOCS / name)],
                   check=True, capture_output=True, timeout=180)
    subprocess.run(["pdftoppm", "-r", "300", "-gray", "-f", str(page), "-l", str(page), "-png", "-singlefile",
                    str(tmp_path / Path(name).with_suffix(".pdf").name), str(tmp_path / "p")],
                   check=True, capture_output=True)
    return Image.open(tmp_path / "p.png").copy()


@needs_tesseract
@pytest.mark.slow
@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftoppm")),
                    reason="needs LibreOffice and poppler")
def test_a_subject_line_whose_small_v_ocr_lost_is_still_the_subject(tmp_path):
    # "V/v thời gian tổ chức đại hội nhiệm kỳ" in Times under the number: Tesseract reads "V/ thời
    # gian ...", and a letter with no "V/v" had neither its type (công văn) nor its title
    page = _office_page(tmp_path, "k3-008.doc")
    rec = _record(tmp_path, page.crop((0, 0, page.width, page.height // 4)))
    assert rec["doc_type"] == "CÔNG VĂN"
    assert rec["title"] == "thời gian tổ chức đại hội nhiệm kỳ"


def _benchmark(name: str):
    """A module of benchmarks/ (the renders and degradations the scan benchmark uses)."""
    import importlib.util

    bench = Path(__file__).resolve().parents[1] / "benchmarks"
    if str(bench) not in sys.path:
        sys.path.insert(0, str(bench))  # (scan_eval imports scan_degrade by name)
    spec = importlib.util.spec_from_file_location(name, bench / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _markdown_pages(name: str) -> list[Image.Image]:
    """A development Markdown export printed as benchmarks/scan_eval.py prints it."""
    scan_eval = _benchmark("scan_eval")
    return [im for im, _ in scan_eval.pages_of(DEV_DOCS / name, None, True)]


@needs_tesseract
@pytest.mark.slow
def test_a_number_and_day_left_as_dots_or_a_lost_slash_are_printed_blanks(tmp_path):
    # a draft's "Số: /KH-THPTĐBK" read "Số: KH-THPTĐBK" (the slash lost, the type taken for the
    # number) and "ngày ... tháng 8 năm 2026" (dots where the day is to be written): both are blanks
    # as printed, not handwriting OCR could not read, so the record keeps them as the text has them
    rec = _record(tmp_path, _markdown_pages("k5-001.md")[0])
    assert rec["number"] == "/KH-THPTĐBK"
    assert rec["issue_date"] == "2026-08"
    assert "left blank" in rec["review"]["number"] and "left blank" in rec["review"]["issue_date"]


@needs_tesseract
@pytest.mark.slow
def test_a_markdown_schedule_prints_as_a_ruled_table_read_row_by_row():
    # the benchmark prints a Markdown export's table as a ruled grid (it printed its rows as columns
    # set apart by spaces, and the whole document then as layout text in a font fitted to the widest
    # row); read back, each row is one table row of four cells, its hours read as printed ("8h30",
    # which Tesseract reads "Sh30" in a narrow cell)
    from pipeline.read.readers.ocr import ocr_page_image

    pages = _markdown_pages("k5-001.md")
    rows = [[c.text for c in ln.cells] for p in pages[1:4]
            for ln in ocr_page_image(p, 1, dpi=300).lines if ln.kind == "table"]
    timed = [r for r in rows if len(r) == 4 and re.match(r"\d{1,2}h\d\d", r[0])]
    assert len(timed) >= 12, rows
    assert sum(r[1] == "Tập trung toàn trường" for r in timed) >= 9
    assert not [r for r in rows if re.match(r"[Ss]h\d\d", r[0])]


@needs_tesseract
@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils is not installed")
def test_a_received_stamp_over_the_header_is_not_the_issuer(tmp_path):
    # the receiving office's stamp printed over the top left corner ("VP.UBND TỈNH ..." / "ĐẾN Số:
    # ... Ngày: ..." / "Chuyển:" / "Số và ký hiệu HS"), its last label read on one line with the
    # issuer's parent: the office's name was taken for the issuer and its register number ended it
    rec = _record(tmp_path, _pdf_page("k5-017.pdf"))
    assert rec["issuer"] == "SỞ NỘI VỤ"
    assert rec["issuer_parent"] == "UBND TỈNH BÌNH THUẬN"


@needs_tesseract
@pytest.mark.slow
@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftoppm")),
                    reason="needs LibreOffice and poppler")
def test_the_registrys_copy_read_vi_is_still_vt(tmp_path):
    # "- Lưu: VT, NCKSTTHC.Châu" in 11 pt Times: Tesseract reads "Lưu: VI; ..."; the registry's copy
    # (văn thư) is "VT" in every list of recipients
    page = _office_page(tmp_path, "k5-019.docx")
    rec = _record(tmp_path, page)
    assert rec["recipients"][-1].startswith("Lưu: VT, "), rec["recipients"]


@needs_tesseract
@pytest.mark.slow
def test_a_grey_copys_signature_page_is_read_though_the_first_page_chose_otherwise(tmp_path):
    # a grey, uneven copy (benchmarks/scan_degrade.py's grey background): the first page reads best as
    # it is and the later pages keep that choice, but a page of paper with a few lines at its top
    # (the recipients and the signature) defeats Tesseract's global threshold: no word was read
    import numpy as np

    degrade = _benchmark("scan_degrade")
    first = printed_page(["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "Trần Văn Hùng"], ["- Như trên;", "- Lưu: VT."])
    last = Image.new("L", A4, 255)
    last.paste(first.crop((0, 1330, A4[0], 1800)), (0, 240))  # the signature block alone on its page
    first.paste(255, (0, 1300, A4[0], A4[1]))
    rnd = np.random.default_rng(4)
    pages = [degrade.grey_background(p, rnd, degrade.Slots())[0] for p in (first, last)]
    path = tmp_path / "copy.tif"
    pages[0].save(path, save_all=True, append_images=pages[1:], dpi=(300, 300), compression="tiff_deflate")
    from pipeline.extract import extract_file

    rec = extract_file(path).record.to_json()
    assert rec["signer_name"] == "Trần Văn Hùng"
    assert rec["signer_position"] == "PHÓ CHỦ TỊCH"


@needs_tesseract
@pytest.mark.slow
@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftoppm")),
                    reason="needs LibreOffice and poppler")
def test_specks_read_as_marks_on_a_grainy_copy_do_not_hide_the_number_line(tmp_path):
    # the benchmark's photocopy grain over a Word notice whose number is printed blank ("Số: /UBND-NC"):
    # a speck after it is read as a spacing mark ("Số: /UBND-NC ˆ"), and the line was no number line
    import zlib

    import numpy as np

    degrade = _benchmark("scan_degrade")
    scan_eval = _benchmark("scan_eval")
    page = _office_page(tmp_path, "k3-011.docx").convert("L")
    rnd = np.random.default_rng([4, list(scan_eval.DEGRADATIONS).index("grain"), zlib.crc32(b"k3-011")])
    rec = _record(tmp_path, degrade.grain(page, rnd, degrade.Slots())[0])
    assert rec["number"] == "/UBND-NC"


@needs_tesseract
@pytest.mark.slow
@pytest.mark.parametrize("label", ["", "Nữï THẦN:"])
def test_recipients_whose_heading_ocr_lost_are_found_from_the_registrys_copy(tmp_path, label):
    # "Nơi nhận:" under a seal (not read at all) or garbled past recognition ("Nữï THẦN:"): the list
    # is still there, ending as every list does with "Lưu: VT, ..."; it is read up from that item
    rec = _record(tmp_path, printed_page(
        ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "", "Nguyễn Trọng Nam"],
        ["- Như kính gửi;", "- Lãnh đạo Sở;", "- Lưu: VT, VP."], noi_nhan=label))
    assert rec["recipients"] == ["Như kính gửi", "Lãnh đạo Sở", "Lưu: VT, VP"]
    assert rec["signer_position"] == "PHÓ GIÁM ĐỐC"


@needs_tesseract
@pytest.mark.slow
def test_a_list_that_lost_every_dash_and_its_first_items_end_is_read_to_the_registrys_copy(tmp_path):
    # the dashes set apart by a tab are not read and the first item has no ";" of its own: under a
    # heading that was read, each line up to "Lưu ..." is an item
    rec = _record(tmp_path, printed_page(
        ["TM. BAN THƯỜNG VỤ", "BÍ THƯ", "", "Trần Tuấn Hiệp"],
        ["Phòng Công tác sinh viên để phát thanh", "Các chi đoàn khoa;", "Lưu VPĐ"]))
    assert rec["recipients"] == ["Phòng Công tác sinh viên để phát thanh", "Các chi đoàn khoa", "Lưu VPĐ"]


@needs_tesseract
@pytest.mark.slow
def test_a_list_with_no_heading_and_no_dash_is_not_guessed(tmp_path):
    # nothing says where such a list begins (the body's last lines stand above it): none is given
    rec = _record(tmp_path, printed_page(
        ["CHỦ TỊCH", "", "Trần Văn Hùng"], ["Các phòng ban huyện", "Lưu VT"], noi_nhan=""))
    assert rec["recipients"] == []


@needs_tesseract
@pytest.mark.slow
def test_a_title_word_ocr_broke_in_two_under_the_seal_is_joined_again(tmp_path):
    # a real scan (a red seal's ring over the signature column's title lines): its column, read again
    # with its darkest ink only, gives "TL. HI EU TRƯỜNG" — "HIỆU" broken in two and no title word
    # either way, so the authority and the position under it were both lost
    from pipeline.read.readers.pdf import render_page

    page = render_page(DEV_DOCS / "k4-023.pdf", 4, 300, keep_rects=[])
    rec = _record(tmp_path, page)
    assert rec["signer_authority"] == "TL. HIỆU TRƯỞNG"
    assert rec["signer_position"] == "TRƯỞNG PHÒNG ĐÀO TẠO"
    assert rec["signer_name"] == "Huỳnh Ngọc Thọ"


def test_title_words_broken_in_two_are_joined_only_into_a_title_word():
    from pipeline.read.readers.ocr import _title_in

    assert _title_in("TL. HI EU TRƯỜNG") == "TL. HIEU TRƯỜNG"
    assert _title_in("KT. GIÁM Đ ỐC") == "KT. GIÁM ĐỐC"
    assert _title_in("TL. HIỆU TRƯỞNG") == "TL. HIỆU TRƯỞNG"
    assert _title_in("V20 là HIỆU TRƯỞNG") is None  # letters before the title: a garbled authority
    assert _title_in("NG HI EM VỤ") is None  # pieces that join into no title word


@needs_tesseract
@pytest.mark.slow
def test_a_long_title_with_one_letter_misread_under_the_seal_is_the_position(tmp_path):
    # a real scan: Tesseract's page reading lost the whole signature column but the name; read again,
    # the title line comes back as "„-EHÁNH THANH TRA" (the C under the seal's ring read as E)
    from pipeline.read.readers.pdf import render_page

    rec = _record(tmp_path, render_page(DEV_DOCS / "k1-002.pdf", 3, 300, keep_rects=[]))
    assert rec["signer_position"] == "CHÁNH THANH TRA"
    assert rec["signer_name"] == "Lê Thiên Phú"


def test_a_title_near_a_known_one_is_taken_only_when_long_and_one_letter_off():
    from pipeline.read.readers.ocr import _title_in

    assert _title_in("„-EHÁNH THANH TRA") == "EHÁNH THANH TRA"
    assert _title_in("TRƯỞNG PHÒNE ĐÀO TẠO") == "TRƯỞNG PHÒNE ĐÀO TẠO"
    assert _title_in("TRƯỜNG ĐẠI HỌC") is None  # a seal's words, two letters from "TRƯỞNG ĐOÀN"
    assert _title_in("PHÓ CHỦ TỊEH") is None  # a short title one letter off: as near to much else
    assert _title_in("2 HNH THANH TRA") is None  # a digit before it: no stroke, a garbled authority
    assert _title_in("chánh thanh tra") is None  # not in capitals


@needs_tesseract
@pytest.mark.slow
def test_a_stroke_read_glued_to_noi_nhan_is_no_recipient(tmp_path):
    rec = _record(tmp_path, printed_page(["CHỦ TỊCH", "", "Trần Văn Hùng"], ["- Như trên;", "- Lưu: VT."],
                                         noi_nhan="Nơi nhận:z#+~"))
    assert rec["recipients"] == ["Như trên", "Lưu: VT"]


@needs_tesseract
@pytest.mark.slow
def test_a_long_list_under_a_garbled_heading_is_read_whole_from_a_real_scan(tmp_path):
    # a real signed scan: "Nơi nhận:" read "Mi nhậm", eleven items over fourteen lines (one ended by
    # ":" where ";" was printed, two wrapped), the registry's copy read "- Lưu: VT.d>~" (a stroke
    # glued to its dot)
    from pipeline.read.readers.pdf import render_page

    rec = _record(tmp_path, render_page(DEV_DOCS / "k1-014.pdf", 1, 300, keep_rects=[]))
    got = rec["recipients"]
    assert len(got) == 11, got
    assert got[0] == "CT, PCT Nguyễn Đình Chuyến" and got[-1] == "Lưu: VT"
    assert "Công an phường Minh Khai" in got


@needs_tesseract
@pytest.mark.slow
def test_the_unit_type_read_as_a_cell_of_its_own_is_part_of_the_place(tmp_path):
    # a real scan: "Thành phố Hồ Chí Minh, ngày   tháng 6 năm 2026" (the day written by hand) read with
    # a wide blank after "Thành phố", which became a cell of its own and was left out of the place
    from pipeline.read.readers.pdf import render_page

    rec = _record(tmp_path, render_page(DEV_DOCS / "k2-006.pdf", 1, 300, keep_rects=[]))
    assert rec["issue_place"] == "Thành phố Hồ Chí Minh"
    assert rec["issue_date"] is None  # the handwritten day is not guessed


@needs_tesseract
@pytest.mark.slow
def test_a_second_list_heading_with_a_star_for_its_bullet_is_no_recipient(tmp_path):
    # "* Bản điện tử:" opens the copies sent electronically; its bullet made it an item of its own
    rec = _record(tmp_path, printed_page(["GIÁM ĐỐC", "", "Trịnh Hữu Thắng"],
                                         ["- Như trên.", "* Bản điện tử:", "- Lãnh đạo sở;", "- Lưu VT, TH."]))
    assert rec["recipients"] == ["Như trên", "Lãnh đạo sở", "Lưu VT, TH"]


@needs_tesseract
@pytest.mark.slow
def test_a_university_symbols_dh_read_without_the_bar_of_its_d_gets_it_back(tmp_path):
    # a real scan: "Số: 352/TB-ĐHVH" read "352/TB-DHVH" (the bar of the Đ lost); the issuer is a
    # university ("TRƯỜNG ĐẠI HỌC ... VIỆT - HÀN"), whose symbols abbreviate "Đại học" as "ĐH"
    from pipeline.extract import extract_file

    rec = extract_file(DEV_DOCS / "k1-011.pdf").record.to_json()
    assert rec["number"] == "352/TB-ĐHVH"


def test_dh_is_respelt_only_in_a_universitys_symbol():
    from extractors.header import _university_symbol
    from extractors.types import Found

    uni, other = Found("TRƯỜNG ĐẠI HỌC TÂY ĐÔ"), Found("SỞ Y TẾ")
    assert _university_symbol("534/TB-DHTD", uni) == "534/TB-ĐHTD"
    assert _university_symbol("38/DHNN", None, uni) == "38/ĐHNN"
    assert _university_symbol("12/KH-DHTD", other) == "12/KH-DHTD"  # no university: left as read
    assert _university_symbol("12/KH-ADH", uni) == "12/KH-ADH"  # "DH" inside a part is not "Đại học"


@needs_tesseract
@pytest.mark.slow
def test_an_authoritys_body_read_with_a_wrong_mark_is_respelt(tmp_path):
    # a programme's steering board signs "TM. BAN ĐIỀU HÀNH"; under the seal's ring OCR gives "ĐIÊU"
    rec = _record(tmp_path, printed_page(["TM. BAN ĐIÊU HÀNH", "PHÓ TRƯỞNG BAN", "", "Nguyễn Văn Linh"],
                                         ["- Như trên;", "- Lưu: VT."]))
    assert rec["signer_authority"] == "TM. BAN ĐIỀU HÀNH"


@needs_tesseract
@pytest.mark.slow
def test_the_registrys_copy_ends_the_list(tmp_path):
    # "Lưu: VT." is the list's last item: a dashed line under it (an annex's first line, a note) is no
    # recipient, unless a second list's heading ("Bản điện tử:") opens another
    rec = _record(tmp_path, printed_page(["CHỦ TỊCH", "", "Trần Văn Hùng"],
                                         ["- Như trên;", "- Lưu: VT.", "- Lịch tập kèm theo"]))
    assert rec["recipients"] == ["Như trên", "Lưu: VT"]
    rec = _record(tmp_path, printed_page(["CHỦ TỊCH", "", "Trần Văn Hùng"],
                                         ["- Lưu: VT.", "Bản điện tử:", "- Lãnh đạo Sở;"]))
    assert rec["recipients"] == ["Lưu: VT", "Lãnh đạo Sở"]


@needs_tesseract
@pytest.mark.slow
def test_a_blank_after_a_comma_ocr_lost_in_a_recipient_is_given_back(tmp_path):
    # a tight copy's "BGH, các khoa;" is read "BGH,các khoa;": the units are two words again
    rec = _record(tmp_path, printed_page(["HIỆU TRƯỞNG", "", "Trần Văn Hùng"],
                                         ["- BGH,các khoa;", "- Lưu: VT."]))
    assert rec["recipients"] == ["BGH, các khoa", "Lưu: VT"]
