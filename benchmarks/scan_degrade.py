"""Degradations of a clean 300 dpi page render, one function each, as scanned plans show them.

Every function takes the clean page (8-bit grey, 300 dpi), a seeded random generator and the
page's :class:`Slots` (where the printed number and day stand, for the handwriting one) and returns
the degraded page and its resolution. The seed is fixed by the caller, so the images repeat.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

DPI = 300
HAND_FONT = "/usr/share/fonts/truetype/breip/Breip.ttf"  # fonts-breip: informal handwriting
SEAL_FONT = "/usr/share/fonts/truetype/freefont/FreeSansBold.ttf"
RED = (205, 32, 45)
BLUE = (25, 45, 165)

Box = tuple[int, int, int, int]  # x0, top, x1, bottom in pixels of the 300 dpi page


@dataclass
class Slots:
    """Printed values a clerk writes by hand on a typed form: the number after "Số:" and the day."""

    number: list[tuple[Box, str]] = field(default_factory=list)
    day: list[tuple[Box, str]] = field(default_factory=list)
    last: bool = False  # the document's last page: the one with the signature and the seal


Degrade = Callable[[Image.Image, np.random.Generator, Slots], tuple[Image.Image, int]]


def _ink(img: Image.Image) -> np.ndarray:
    """Ink coverage 0..1 of a grey page."""
    return 1.0 - np.asarray(img, dtype=np.float32) / 255.0


def _grey(a: np.ndarray) -> Image.Image:
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "L")


def _smooth_field(rnd: np.random.Generator, size: tuple[int, int], cells: int) -> np.ndarray:
    """A smooth random field in -1..1 (low-frequency: stains, uneven toner, paper tone)."""
    small = Image.fromarray(((rnd.random((cells, cells)) * 255)).astype(np.uint8), "L")
    big = small.resize(size, Image.Resampling.BICUBIC).filter(ImageFilter.GaussianBlur(size[0] / cells / 2))
    return np.asarray(big, dtype=np.float32) / 127.5 - 1.0


def clean(img: Image.Image, rnd: np.random.Generator, slots: Slots) -> tuple[Image.Image, int]:
    return img, DPI


def grain(img: Image.Image, rnd: np.random.Generator, slots: Slots) -> tuple[Image.Image, int]:
    """A photocopy of a photocopy: toner grain over the paper, dark speckles, strokes worn thin in
    places, a little blur from the glass."""
    h, w = img.height, img.width
    ink = _ink(img.filter(ImageFilter.GaussianBlur(0.6)))
    worn = 0.25 * np.clip(_smooth_field(rnd, (w, h), 24), 0, 1)  # patches where the toner is thin
    ink = ink * (1.0 - worn) * (rnd.random((h, w)) > 0.06)  # pitted strokes
    out = 250.0 - 235.0 * ink + rnd.normal(0.0, 18.0, (h, w))
    specks = rnd.random((h // 3, w // 3)) < 0.004  # toner dust: 1-3 px dark dots, ~1 every 2 mm²
    dots = np.asarray(Image.fromarray(specks.astype(np.uint8) * 255, "L").resize((w, h), Image.Resampling.NEAREST),
                      dtype=np.float32) / 255.0
    out = out * (1.0 - 0.8 * dots)
    return _grey(out).filter(ImageFilter.GaussianBlur(0.5)), DPI


def grey_background(img: Image.Image, rnd: np.random.Generator, slots: Slots) -> tuple[Image.Image, int]:
    """Recycled or aged paper copied with auto-exposure: a grey, uneven background (levels 150-205)
    and ink that is dark grey, not black."""
    h, w = img.height, img.width
    paper = 180.0 + 25.0 * _smooth_field(rnd, (w, h), 6) + rnd.normal(0.0, 6.0, (h, w))
    out = paper - (paper - 55.0) * _ink(img)
    return _grey(out), DPI


def jpeg40(img: Image.Image, rnd: np.random.Generator, slots: Slots) -> tuple[Image.Image, int]:
    """The page sent through JPEG at quality 40 (mail attachments, web uploads)."""
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=40)
    return Image.open(io.BytesIO(buf.getvalue())).convert("L"), DPI


def dpi150(img: Image.Image, rnd: np.random.Generator, slots: Slots) -> tuple[Image.Image, int]:
    """Scanned at 150 dpi (a scanner's 'fast' setting)."""
    return img.resize((img.width // 2, img.height // 2), Image.Resampling.BOX), DPI // 2


def skew(img: Image.Image, rnd: np.random.Generator, slots: Slots) -> tuple[Image.Image, int]:
    """Fed in crooked: turned 2-4 degrees either way."""
    angle = float(rnd.uniform(2.0, 4.0) * rnd.choice((-1, 1)))
    return img.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255), DPI


def _signature_anchor(img: Image.Image) -> tuple[int, int] | None:
    """Where a seal goes: over the signing space and the left part of the signer's name (the lowest
    line of ink in the right 40 % of the page), as offices stamp it half over the signature."""
    ink = _ink(img) > 0.5
    h, w = ink.shape
    right = ink[:, int(0.6 * w):]
    rows = np.flatnonzero(right.sum(axis=1) > 3)
    if rows.size == 0:
        return None
    breaks = np.flatnonzero(np.diff(rows) > 30)  # the name's line: rows down from the last break
    top = int(rows[breaks[-1] + 1]) if breaks.size else int(rows[0])
    cols = np.flatnonzero(right[top:int(rows[-1]) + 1].sum(axis=0) > 0)
    x0 = int(0.6 * w) + (int(cols[0]) if cols.size else 0)
    return x0 + 80, top - 120


def seal(img: Image.Image, rnd: np.random.Generator, slots: Slots) -> tuple[Image.Image, int]:
    """A red round seal (42 mm, two rings, a star and lettering round the ring) over the left part
    of the signature block, on the page that has it (other pages stay as they are). Printed ink
    under the seal stays dark: the seal is multiplied in, as ink over toner."""
    anchor = _signature_anchor(img) if slots.last else None
    if anchor is None:
        return img, DPI
    r = round(21 / 25.4 * DPI)
    size = 2 * r + 20
    stamp = Image.new("L", (size, size), 0)  # stamp coverage
    d = ImageDraw.Draw(stamp)
    c = size // 2
    d.ellipse((c - r, c - r, c + r, c + r), outline=255, width=14)
    d.ellipse((c - r + 34, c - r + 34, c + r - 34, c + r - 34), outline=255, width=6)
    star = [(c + (70 if k % 2 == 0 else 28) * math.cos(-math.pi / 2 + k * math.pi / 5),
             c + (70 if k % 2 == 0 else 28) * math.sin(-math.pi / 2 + k * math.pi / 5)) for k in range(10)]
    d.polygon(star, fill=255)
    font = ImageFont.truetype(SEAL_FONT, 34)
    text = "ỦY BAN NHÂN DÂN * TỈNH AN BÌNH * "
    for k, ch in enumerate(text):  # letters round the ring, upright to the centre
        angle = 2 * math.pi * k / len(text)
        glyph = Image.new("L", (48, 48), 0)
        ImageDraw.Draw(glyph).text((8, 4), ch, font=font, fill=255)
        glyph = glyph.rotate(-math.degrees(angle), resample=Image.Resampling.BICUBIC)
        gx = c + (r - 60) * math.sin(angle) - 24
        gy = c - (r - 60) * math.cos(angle) - 24
        stamp.paste(glyph, (round(gx), round(gy)), glyph)
    # uneven inking: the pad presses harder on one side
    press = 0.55 + 0.35 * (_smooth_field(rnd, (size, size), 3) + 1) / 2
    cover = np.asarray(stamp, dtype=np.float32) / 255.0 * press * (rnd.random((size, size)) > 0.08)
    cover_img = Image.fromarray((cover * 255).astype(np.uint8), "L").rotate(float(rnd.uniform(-30, 30)))
    cx, cy = anchor
    rgb = img.convert("RGB")
    layer = Image.new("RGB", img.size, (255, 255, 255))
    mask = Image.new("L", img.size, 0)
    mask.paste(cover_img, (cx - c, cy - c))
    layer.paste(Image.new("RGB", img.size, RED), (0, 0), mask)
    return ImageChops.multiply(rgb, layer), DPI


def blue_ink(img: Image.Image, rnd: np.random.Generator, slots: Slots) -> tuple[Image.Image, int]:
    """The number and the day left blank in print and written in by hand in blue ballpoint
    (a handwriting font, slightly rotated, larger than the print and riding above the line)."""
    if not slots.number and not slots.day:
        return img, DPI
    rgb = img.convert("RGB")
    draw = ImageDraw.Draw(rgb)
    for (x0, top, x1, bottom), value in slots.number + slots.day:
        draw.rectangle((x0, top, x1, bottom), fill=(255, 255, 255))  # the typed form has a blank here
        px = round((bottom - top) * float(rnd.uniform(1.3, 1.6)))
        font = ImageFont.truetype(HAND_FONT, px)
        wide = round(font.getlength(value)) + px
        glyphs = Image.new("L", (wide, 2 * px), 0)
        ImageDraw.Draw(glyphs).text((px // 2, px // 3), value, font=font, fill=255)
        glyphs = glyphs.rotate(float(rnd.uniform(-6, 6)), resample=Image.Resampling.BICUBIC)
        at = (round((x0 + x1) / 2 - wide / 2 + rnd.uniform(-5, 5)),
              round(top - px * 0.55 + rnd.uniform(-6, 6)))
        rgb.paste(Image.new("RGB", glyphs.size, BLUE), at, glyphs)
    return rgb, DPI


DEGRADATIONS: dict[str, Degrade] = {
    "clean": clean,
    "grain": grain,
    "grey": grey_background,
    "jpeg40": jpeg40,
    "dpi150": dpi150,
    "skew": skew,
    "seal": seal,
    "blue_ink": blue_ink,
}
