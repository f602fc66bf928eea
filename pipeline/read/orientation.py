"""Pages scanned sideways or upside down: an annexed table is often fed into the scanner in landscape,
and Tesseract reads a page turned by 90° as noise (mean word confidence under 50 where an upright
page of the same archive reads 75–95).

A page whose first reading is that poor is shown to Tesseract's orientation detector (``--psm 0``,
the ``osd`` model installed with tesseract-ocr); when it finds the page turned, the page is read again
turned upright and the better of the two readings is kept. Upright pages pay nothing: the detector
runs only after a poor reading.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PIL import Image

from pipeline.document import RawPage

# a first reading below this mean word confidence may be a page lying on its side
POOR_READING = 60.0
# Tesseract's own orientation confidence under which it does not trust the angle
MIN_ORIENTATION_CONFIDENCE = 2.0
_OSD_DPI = 150  # the detector needs the shapes of letters, not their detail: a quarter of the pixels


def rotation_needed(image: Image.Image, dpi: int | None = None) -> int:
    """Degrees to turn ``image`` clockwise so that its text stands upright (0, 90, 180 or 270); 0
    when the detector is unsure, finds too little text, or is not installed."""
    import pytesseract

    small = image
    if dpi and dpi > _OSD_DPI:
        f = _OSD_DPI / dpi
        small = image.resize((max(1, round(image.width * f)), max(1, round(image.height * f))))
    try:
        osd = pytesseract.image_to_osd(small.convert("L"), config="--psm 0")
    except (pytesseract.TesseractError, OSError, ValueError):
        return 0  # too few letters to judge, or no osd model
    angle = re.search(r"Rotate:\s*(\d+)", osd)
    conf = re.search(r"Orientation confidence:\s*([\d.]+)", osd)
    if not angle or not conf or float(conf.group(1)) < MIN_ORIENTATION_CONFIDENCE:
        return 0
    return int(angle.group(1)) % 360


def _box_back(box: list, angle: int) -> list:
    """A word box [text, left, top, right, bottom, conf] read on the page turned clockwise by
    ``angle``, as fractions of the page as it was scanned (where the page image shows it)."""
    text, left, top, right, bottom, *rest = box
    if angle == 90:
        left, top, right, bottom = top, 1 - right, bottom, 1 - left
    elif angle == 180:
        left, top, right, bottom = 1 - right, 1 - bottom, 1 - left, 1 - top
    elif angle == 270:
        left, top, right, bottom = 1 - bottom, left, 1 - top, right
    return [text, round(left, 4), round(top, 4), round(right, 4), round(bottom, 4), *rest]


def read_upright(read: Callable[[Image.Image], RawPage], image: Image.Image, dpi: int | None = None) -> RawPage:
    """``read(image)``, or, when that reading is poor and the page lies turned, the reading of the page
    turned upright (its word boxes given back on the page as scanned; ``meta["turned"]`` says by how
    much it was turned)."""
    page = read(image)
    first = float(page.meta.get("ocr_confidence") or 0.0)
    if first >= POOR_READING:
        return page
    angle = rotation_needed(image, dpi)
    if not angle:
        return page
    again = read(image.rotate(-angle, expand=True))  # PIL turns counter-clockwise
    if float(again.meta.get("ocr_confidence") or 0.0) <= first:
        return page
    again.meta["turned"] = angle
    if "words" in again.meta:
        again.meta["words"] = [_box_back(w, angle) for w in again.meta["words"]]
        again.meta["word_coords"] = f"fractions of the page as scanned (read turned {angle}° clockwise)"
    return again
