"""What each step of the OCR clean-up (pipeline/read/cleanup.py) costs on one A4 page at 300 dpi.

CPU seconds of this process (``resource.getrusage``; Tesseract runs as a child, counted with the
children), best of ``--repeat`` runs, on a page rendered in FreeSerif and made grainy by
benchmarks/scan_degrade.py:

    .venv/bin/python benchmarks/cleanup_cost.py
    .venv/bin/python benchmarks/cleanup_cost.py --page scans/grain/docs/b001.tif --repeat 3
"""

from __future__ import annotations

import argparse
import resource
import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.scan_degrade import Slots, grain  # noqa: E402
from pipeline.read import cleanup  # noqa: E402
from pipeline.read.readers.ocr import _run_tesseract  # noqa: E402


def cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def sample_page() -> Image.Image:
    img = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype("/usr/share/fonts/truetype/freefont/FreeSerif.ttf", 54)
    text = "Ủy ban nhân dân xã An Bình thông báo lịch tiếp công dân trong tháng sáu năm 2024"
    for row in range(36):
        draw.text((350, 240 + 88 * row), text[: 40 + row % 30], font=font, fill=0)
    return grain(img, np.random.default_rng(1), Slots())[0]


def timed(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = cpu()
        fn()
        best = min(best, cpu() - t)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--page", type=Path, help="a page image (first frame) instead of the rendered one")
    ap.add_argument("--repeat", type=int, default=2)
    a = ap.parse_args()
    page = Image.open(a.page).convert("L") if a.page else sample_page()
    band = page.crop((0, 0, page.width, round(cleanup.HEADER_SHARE * page.height)))
    import pytesseract

    def read(img: Image.Image) -> None:
        _run_tesseract(pytesseract.image_to_data, img, 300, "--psm 3", "vie", output_type=pytesseract.Output.DICT)

    rows = [("signals (every page)", timed(lambda: cleanup.measure(page, 300), a.repeat))]
    for name, fn in cleanup.CANDIDATES.items():
        rows.append((f"{name}: whole page", timed(lambda fn=fn: fn(page), a.repeat)))
    rows.append(("Tesseract on the header band (each candidate tried)", timed(lambda: read(band), a.repeat)))
    rows.append(("Tesseract on the whole page (for scale)", timed(lambda: read(page), 1)))
    print("| step | CPU s |\n|---|---:|")
    for name, sec in rows:
        print(f"| {name} | {sec:.2f} |")


if __name__ == "__main__":
    main()
