"""Image clean-up before OCR: grayscale, upscale low-resolution scans, skew, light denoise.

Measured with benchmarks/ocr_bench.py and a real 200 dpi bitonal scan (figures in
benchmarks/README-ocr.md):

- upscaling a 200 dpi scan to 300 dpi lowers the CER of the real scan from 2.4 % to 1.9 %: kept;
- a 3x3 median filter helps bitonal scans a little (specks) but blurs clean grayscale print
  (CER 0.15 % -> 0.22 %): applied to bitonal input only;
- Tesseract copes with a skew of a degree or two by itself, and rotating the image (resampling)
  cost more characters than it saved below 2 degrees. The skew angle is still estimated for every
  page: the OCR reader uses it to straighten the word boxes before it rebuilds rows and columns,
  and the image itself is only rotated when the skew is large.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageChops, ImageFilter, ImageOps

TARGET_DPI = 300  # Tesseract's LSTM models are trained on text of about this size
UPSCALE_BELOW_DPI = 250  # 200 dpi office scans are common; upscaled they read better
SKEW_MIN_ANGLE = 0.3  # degrees; below this the page counts as straight
ROTATE_MIN_ANGLE = 2.0  # degrees; above this the image is rotated, below it only the word boxes are
SKEW_MAX_ANGLE = 5.0
A4_WIDTH_INCHES = 8.27


@dataclass
class Prepared:
    image: Image.Image  # 8-bit grayscale, ready for Tesseract
    dpi: int  # resolution of ``image``
    source_dpi: int  # resolution of the input
    scale: float  # image pixels per input pixel
    skew_angle: float  # degrees (counter-clockwise) that straighten the page; 0.0 when straight
    rotated: bool  # True when the image was rotated by skew_angle; else only boxes should be


def guess_dpi(image: Image.Image) -> int:
    """The resolution stored in the file, else the one an A4 portrait page of this width would have."""
    info = image.info.get("dpi")
    if info:
        try:
            dpi = round(float(info[0]))
        except (TypeError, ValueError, IndexError):
            dpi = 0
        if 70 <= dpi <= 1200:
            return dpi
    short_side = min(image.size)
    return max(70, min(1200, round(short_side / A4_WIDTH_INCHES)))


def to_gray(image: Image.Image) -> Image.Image:
    """8-bit grayscale; transparency flattened onto white, EXIF rotation applied (phone photos)."""
    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(white, rgba)
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        arr = np.asarray(image, dtype=np.float64)
        top = arr.max() or 1.0
        return Image.fromarray((arr * 255.0 / top).astype(np.uint8), "L")
    if image.mode not in ("RGB", "RGBA", "P", "CMYK", "YCbCr"):
        return image.convert("L")
    rgb = image if image.mode == "RGB" else image.convert("RGB")
    # judged on a small copy: the share of coloured ink does not need every pixel
    small = np.asarray(rgb.reduce(max(1, min(rgb.size) // 400)), dtype=np.int16)
    if _colored_ink_share(small) > COLORED_INK_MIN_SHARE:
        # a red seal or blue signature over the print: the brightest channel turns colored ink
        # light and leaves black print dark, so the position line under the seal stays readable
        r, g, b = rgb.split()
        return ImageChops.lighter(ImageChops.lighter(r, g), b)
    return rgb.convert("L")


COLORED_INK_MIN_SHARE = 0.002


def _colored_ink_share(rgb: np.ndarray) -> float:
    """Share of pixels in strongly colored ink (saturated, not paper, not black print)."""
    hi = rgb.max(axis=2)
    lo = rgb.min(axis=2)
    colored = (hi - lo > 80) & (hi > 90)
    return float(colored.mean())


def _profile_score(ink: Image.Image, angle: float) -> float:
    """How sharply text lines stand out in the row profile of the page rotated by ``angle``."""
    rotated = np.asarray(ink.rotate(angle, resample=Image.Resampling.NEAREST, fillcolor=0), dtype=np.float32)
    rows = rotated.sum(axis=1)
    return float(np.square(np.diff(rows)).sum())


def estimate_skew(gray: Image.Image) -> float:
    """Skew angle in degrees by projection profile: the rotation that makes text rows sharpest.

    Coarse search over +-5 degrees, then a fine one around the best coarse angle, on a reduced
    copy of the page (about 700 px wide) so it costs a few tens of milliseconds.
    """
    factor = max(1, round(gray.width / 700))
    small = gray.reduce(factor) if factor > 1 else gray
    ink = small.point(lambda v: 255 if v < 128 else 0)  # ink = 255 so rotation fills with paper
    if np.count_nonzero(np.asarray(ink)) < 0.001 * ink.width * ink.height:
        return 0.0
    coarse = np.arange(-SKEW_MAX_ANGLE, SKEW_MAX_ANGLE + 1e-9, 0.5)
    best = max(coarse, key=lambda a: _profile_score(ink, float(a)))
    fine = np.arange(best - 0.4, best + 0.4 + 1e-9, 0.1)
    best = max(fine, key=lambda a: _profile_score(ink, float(a)))
    return round(float(best), 2)


def is_bitonal(image: Image.Image) -> bool:
    if image.mode == "1":
        return True
    colors = image.getcolors(4)  # None as soon as there are more than 4 colours
    return colors is not None and len(colors) <= 2


def prepare(image: Image.Image, dpi: int | None = None, *, deskew: bool = True,
            denoise: bool = True, upscale: bool = True) -> Prepared:
    source_dpi = dpi or guess_dpi(image)
    bitonal = is_bitonal(image)
    gray = to_gray(image)
    scale = 1.0
    if upscale and source_dpi < UPSCALE_BELOW_DPI:
        scale = TARGET_DPI / source_dpi
        size = (round(gray.width * scale), round(gray.height * scale))
        gray = gray.resize(size, Image.Resampling.LANCZOS)
    out_dpi = round(source_dpi * scale)
    angle = estimate_skew(gray) if deskew else 0.0
    if abs(angle) < SKEW_MIN_ANGLE:
        angle = 0.0
    rotated = abs(angle) >= ROTATE_MIN_ANGLE
    if rotated:
        gray = gray.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    if denoise and bitonal:
        # specks of a black-and-white scan; on grayscale print the median costs more than it saves
        gray = gray.filter(ImageFilter.MedianFilter(3))
    return Prepared(gray, out_dpi, source_dpi, scale, angle, rotated)
