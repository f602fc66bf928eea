"""Per-page clean-up chosen by measurement (pipeline/read/cleanup.py) on pages rendered here in
FreeSerif, degraded by benchmarks/scan_degrade.py, and on a real photocopied scan of the dev set,
read by the real Tesseract."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from pipeline.read import cleanup
from pipeline.read.vietnamese import reading

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import scan_degrade  # noqa: E402

FONT = "/usr/share/fonts/truetype/freefont/FreeSerif.ttf"
A4 = (2480, 3508)
LINES = [
    ((300, "UBND TỈNH HẢI DƯƠNG"), (1350, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")),
    ((250, "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"), (1500, "Độc lập - Tự do - Hạnh phúc")),
    ((330, "Số: 395/KH-STTTT"), (1380, "Hải Dương, ngày 31 tháng 3 năm 2022")),
    ((1050, "KẾ HOẠCH"),),
    ((400, "Phổ biến, tuyên truyền, hướng dẫn các nội dung định hướng phát triển"),),
    ((400, "ngành Thông tin và Truyền thông trên địa bàn tỉnh Hải Dương."),),
]


def render(ink: int = 0) -> Image.Image:
    img = Image.new("L", A4, 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, 54)  # 13 pt at 300 dpi
    for row, line in enumerate(LINES):
        for x, text in line:
            draw.text((x, 240 + 80 * row), text, font=font, fill=ink)
    return img


def degraded(name: str) -> Image.Image:
    img, _ = scan_degrade.DEGRADATIONS[name](render(), np.random.default_rng(7), scan_degrade.Slots())
    return img


def refuse(crop, scale):
    raise AssertionError("a clean page must not be tried")


def test_clean_page_is_read_as_it_is_without_trials():
    image, scale, choice = cleanup.choose(render(), 300, refuse)
    assert choice.name == "as_is" and choice.signals.ailments == [] and scale == 1.0
    assert choice.seconds["signals"] < 1.0


@pytest.mark.parametrize(("name", "dpi", "ailment"), [
    ("grain", 300, "grain"), ("grey", 300, "grey"), ("clean", 150, "low-dpi")])
def test_signals_name_what_ails_the_page(name, dpi, ailment):
    signals = cleanup.measure(degraded(name), dpi)
    assert ailment in signals.ailments


def test_faint_ink_is_noticed():
    assert cleanup.measure(render(ink=160), 300).ailments == ["faint"]
    assert cleanup.measure(render(ink=0), 300).ailments == []


def test_despeckle_removes_dust_and_keeps_dots_and_marks():
    page = render()
    dusty = np.asarray(page).copy()
    rng = np.random.default_rng(3)
    for y, x in zip(rng.integers(800, 3400, 300), rng.integers(100, 2400, 300), strict=True):
        dusty[y:y + 3, x:x + 3] = 20  # 3x3 specks of toner, below the text
    out = np.asarray(cleanup.despeckle(Image.fromarray(dusty)))
    assert (out[800:] < 160).sum() == 0  # every speck gone
    # the text above, with its full stops, dots below (ạ, ị, ộ) and tone marks, is untouched
    assert np.array_equal(out[:800], np.asarray(page)[:800])


def _words(image: Image.Image, dpi: int = 300) -> list[tuple[str, float]]:
    import pytesseract

    data = pytesseract.image_to_data(image, lang="vie", config=f"--psm 3 --dpi {dpi}",
                                     output_type=pytesseract.Output.DICT)
    return [(t.strip(), float(c)) for t, c in zip(data["text"], data["conf"], strict=True)
            if t.strip() and float(c) >= 0]


needs_tesseract = pytest.mark.skipif(not shutil.which("tesseract"), reason="tesseract not installed")


@pytest.mark.slow
@needs_tesseract
def test_photocopy_grain_is_cleaned_and_the_header_reads():
    from pipeline.read.readers.ocr import ocr_page_image

    page = ocr_page_image(degraded("grain"), 1, dpi=300)
    meta = page.meta["cleanup"]
    assert "grain" in meta["ailments"]
    assert meta["chosen"] != "as_is"
    assert meta["scores"][meta["chosen"]] >= meta["scores"]["as_is"] + cleanup.MIN_GAIN
    text = "\n".join(" | ".join(c.text for c in ln.cells) for ln in page.lines)
    assert "Số: 395/KH-STTTT" in text.replace(" /", "/")
    assert "ngày 31 tháng 3 năm 2022" in text
    assert reading(text).syllable_rate >= 0.95, text


@pytest.mark.slow
@needs_tesseract
def test_the_memo_reuses_a_documents_choice_on_its_next_pages():
    memo: dict = {}
    image = degraded("grain")
    first = cleanup.choose(image, 300, lambda crop, k: _words(crop), memo)[2]
    again = cleanup.choose(image, 300, refuse, memo)[2]
    assert again.name == first.name and again.scores == {}


REAL_SCAN = ROOT / "eval" / "dev" / "docs" / "k2-004.pdf"  # a grainy real photocopy (SOURCES.tsv)


@pytest.mark.slow
@needs_tesseract
@pytest.mark.skipif(not REAL_SCAN.is_file(), reason="dev corpus not present")
def test_real_grainy_scan_reads_at_least_as_well_cleaned():
    from pipeline.read.readers.pdf import render_page
    from pipeline.read.readers.preprocess import prepare

    prep = prepare(render_page(REAL_SCAN, 1, 300), 300)
    image, _, choice = cleanup.choose(prep.image, 300, lambda crop, k: _words(crop, round(300 * k)))
    assert "grain" in choice.signals.ailments
    band = (0, 0, prep.image.width, round(cleanup.HEADER_SHARE * prep.image.height))
    as_is = cleanup.header_score(_words(prep.image.crop(band)))
    chosen = cleanup.header_score(_words(image.crop(band)))
    assert chosen >= as_is - 0.01  # never a worse reading than the page as it is
