"""Pages scanned sideways or upside down are read turned upright (real Tesseract, its osd model)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_ocr import render_page

from pipeline.read.orientation import _box_back, rotation_needed
from pipeline.read.readers import read

pytestmark = pytest.mark.skipif(not shutil.which("tesseract"), reason="Tesseract is not installed")


@pytest.mark.parametrize("turn", [90, 180])
def test_a_page_scanned_turned_is_read_upright(tmp_path: Path, turn: int):
    path = tmp_path / "quay.png"
    render_page().rotate(turn, expand=True).save(path, dpi=(300, 300))
    raw = read(path)
    [page] = raw.pages
    text = "\n".join(" ".join(c.text for c in ln.cells) for ln in page.lines)
    assert "15/KH-UBND" in text and "KẾ HOẠCH" in text
    assert page.meta["turned"] in (90, 180, 270)
    # the word boxes stand where the page image shows the words: sideways, a word is taller than wide
    long_words = [w for w in page.meta["words"] if len(w[0]) >= 6]
    tall = sum((w[4] - w[2]) * 1.414 > (w[3] - w[1]) for w in long_words)  # A5: height = 1.414 width
    assert (tall > 0.8 * len(long_words)) if turn == 90 else (tall < 0.2 * len(long_words))


def test_an_upright_page_is_not_turned(tmp_path: Path):
    path = tmp_path / "thang.png"
    render_page().save(path, dpi=(300, 300))
    [page] = read(path).pages
    assert "turned" not in page.meta and rotation_needed(render_page(), 300) == 0


def test_word_boxes_are_given_back_on_the_page_as_scanned():
    box = ["chữ", 0.1, 0.2, 0.3, 0.25, 90.0]
    assert _box_back(box, 90) == ["chữ", 0.2, 0.7, 0.25, 0.9, 90.0]
    assert _box_back(box, 180) == ["chữ", 0.7, 0.75, 0.9, 0.8, 90.0]
    assert _box_back(_box_back(box, 90), 270) == box
