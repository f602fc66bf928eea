"""Page clean-up chosen by measurement, per page, before OCR.

One fixed recipe does not fit every scan: a binarisation that rescues a grey photocopy eats the thin
strokes of a faint one, and a clean page only loses by it. So:

1. cheap signals on a reduced copy of the page (a few tens of milliseconds) say what ails it: a grey
   or uneven background, toner grain and speckle, faint ink, low resolution;
2. a clean page stops there and is read as it is (clean pages keep their speed);
3. otherwise the candidates the signals call for, and the page as it is, are each read by
   Tesseract on the header band (the top of the page, where the fields that matter most stand), and
   the page is cleaned with the one that reads best: mean word confidence and the rate of valid
   Vietnamese syllables (:mod:`pipeline.read.vietnamese`), each 0-1, summed.

Candidates (each a function grey page -> grey page):

- ``despeckle``: toner dust (dark specks smaller than any printed mark) turned to paper — grain;
- ``background``: the paper divided out (a large median of the page is the background), then
  despeckled — grey, stained or uneven copies;
- ``wolf``: Wolf-Jolion adaptive binarisation (doxapy), then despeckled — grain and grey at once;
- ``contrast``: the ink stretched to black and the paper to white — faint copies;
- ``upscale``: 1.5x larger (Lanczos) — small print from a low-resolution scan.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageFilter

from pipeline.read.vietnamese import reading

# signals (measured on the renders of benchmarks/scan_eval.py: clean pages give paper 255, grain
# 0.0-0.3, ink 0; grain renders paper ~250 with grain 8-15; grey renders paper 150-205)
GREY_PAPER_BELOW = 225  # median paper level below this: a grey background
GRAIN_ABOVE = 6.0  # std of the paper's grey levels above this: grain, speckle
FAINT_INK_ABOVE = 90  # the ink's darker tenth lighter than this: faint ink
LOW_DPI_BELOW = 250  # source resolution (prepare has upscaled it to 300 already; more may help)
HEADER_SHARE = 0.25  # the header band: the top quarter of the page
MIN_GAIN = 0.02  # a candidate must read this much better than the page as it is to be taken
READS_WELL = 1.85  # header score (confidence + syllable rate) of a clean render: no need to try more


@dataclass
class Signals:
    paper: float  # median grey level of the paper
    grain: float  # standard deviation of the paper's grey level
    ink: float  # grey level of the ink (the darkest tenth of what is not paper)
    source_dpi: int
    ailments: list[str] = field(default_factory=list)


def measure(image: Image.Image, source_dpi: int) -> Signals:
    """What ails the page, from a copy reduced 4x (the paper/ink split at the page's mean level)."""
    small = np.asarray(image.reduce(4), dtype=np.float32)
    threshold = small.mean() - 0.5 * small.std()
    paper = small[small > threshold]
    level = float(np.median(paper)) if paper.size else 255.0
    # grain: every 4th pixel, not averaged (averaging is what hides grain), near the paper's level
    sample = np.asarray(image, dtype=np.float32)[::4, ::4]
    near = sample[np.abs(sample - level) < 40]
    grain = float(near.std()) if near.size else 0.0
    # ink: the darker tenth of what is clearly not paper (unreduced: thin strokes stay dark)
    dark = sample[sample < level - 40]
    ink = float(np.percentile(dark, 10)) if dark.size > 100 else 0.0
    s = Signals(level, grain, ink, source_dpi)
    if level < GREY_PAPER_BELOW:
        s.ailments.append("grey")
    if grain > GRAIN_ABOVE:
        s.ailments.append("grain")
    if ink > FAINT_INK_ABOVE:
        s.ailments.append("faint")
    if source_dpi < LOW_DPI_BELOW:
        s.ailments.append("low-dpi")
    return s


# ---------------------------------------------------------------------------------------------
# Candidates


SPECK_MAX_AREA = 12  # px at 300 dpi: toner dust; a full stop or a dot below a vowel is 25-40 px


def despeckle(image: Image.Image) -> Image.Image:
    """Dark specks smaller than any printed mark (connected components of at most
    SPECK_MAX_AREA pixels) turned to paper; a median filter would blur the strokes instead."""
    import cv2

    a = np.array(image, dtype=np.uint8)
    ink = (a < 160).astype(np.uint8)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    small = np.flatnonzero(stats[:, cv2.CC_STAT_AREA] <= SPECK_MAX_AREA)
    small = small[small > 0]  # label 0 is the paper
    if small.size:
        a[np.isin(labels, small)] = 255
    return Image.fromarray(a, "L")


def background(image: Image.Image) -> Image.Image:
    """The paper divided out (a median over ~2 text heights, on a reduced copy, is the background),
    then despeckled."""
    small = image.reduce(4)
    bg = small.filter(ImageFilter.MedianFilter(9)).filter(ImageFilter.GaussianBlur(4)).resize(image.size)
    a = np.asarray(image, dtype=np.float32)
    b = np.maximum(np.asarray(bg, dtype=np.float32), 1.0)
    return despeckle(Image.fromarray(np.clip(a / b * 255.0, 0, 255).astype(np.uint8), "L"))


def wolf(image: Image.Image) -> Image.Image:
    """Wolf-Jolion binarisation (doxapy), window about two text lines at 300 dpi, then despeckled."""
    import doxapy

    a = np.ascontiguousarray(np.asarray(image, dtype=np.uint8))
    out = np.empty_like(a)
    b = doxapy.Binarization(doxapy.Binarization.Algorithms.WOLF)
    b.initialize(a)
    b.to_binary(out, {"window": 75, "k": 0.2})
    return despeckle(Image.fromarray(out, "L"))


def contrast(image: Image.Image) -> Image.Image:
    """The darkest percent to black, the paper's median to white, linearly between."""
    a = np.asarray(image, dtype=np.float32)
    lo = float(np.percentile(a[::4, ::4], 1))
    hi = float(np.median(a[::4, ::4]))
    if hi - lo < 10:
        return image
    return Image.fromarray(np.clip((a - lo) * 255.0 / (hi - lo), 0, 255).astype(np.uint8), "L")


def upscale(image: Image.Image) -> Image.Image:
    return image.resize((round(image.width * 1.5), round(image.height * 1.5)), Image.Resampling.LANCZOS)


CANDIDATES: dict[str, Callable[[Image.Image], Image.Image]] = {
    "despeckle": despeckle, "background": background, "wolf": wolf, "contrast": contrast, "upscale": upscale}
# which candidates each ailment calls for
REMEDIES = {"grey": ("background", "wolf"), "grain": ("despeckle", "background", "wolf"),
            "faint": ("contrast", "wolf"), "low-dpi": ("upscale",)}
SCALE = {"upscale": 1.5}


# ---------------------------------------------------------------------------------------------
# Choice


@dataclass
class Choice:
    name: str  # "as_is" or a candidate's name
    signals: Signals
    scores: dict[str, float]  # header-band reading score of each tried candidate
    seconds: dict[str, float]  # time of each step: signals, each candidate (clean-up + header read)


def header_score(words: list[tuple[str, float]]) -> float:
    """Mean word confidence (0-1, weighted by length) plus the valid-syllable rate (0-1)."""
    words = [(t, c) for t, c in words if sum(ch.isalnum() for ch in t) >= 2]
    if not words:
        return 0.0
    weight = sum(len(t) for t, _ in words)
    conf = sum(len(t) * c for t, c in words) / weight / 100.0
    return round(conf + reading(" ".join(t for t, _ in words)).syllable_rate, 4)


def choose(image: Image.Image, source_dpi: int, read_header: Callable[[Image.Image, float], list[tuple[str, float]]],
           memo: dict[tuple[str, ...], str] | None = None) -> tuple[Image.Image, float, Choice]:
    """(page image to read, its scale relative to ``image``, the choice and what it cost).

    ``read_header(crop, scale)`` returns the (text, confidence) words Tesseract reads on a crop.
    ``memo`` (one per document) keeps the choice made for a set of ailments: the later pages of a
    scan suffer what the first did, and trying again on a page without a header proves less."""
    t0 = time.perf_counter()
    signals = measure(image, source_dpi)
    seconds = {"signals": round(time.perf_counter() - t0, 3)}
    names = list(dict.fromkeys(n for a in signals.ailments for n in REMEDIES[a]))
    key = tuple(signals.ailments)
    if memo is not None and key in memo:
        best, scores = memo[key], {}
    elif not names:
        best, scores = "as_is", {}
    else:
        best, scores = _trial(image, names, read_header, seconds)
        if memo is not None:
            memo[key] = best
    if best == "as_is":
        return image, 1.0, Choice(best, signals, scores, seconds)
    t = time.perf_counter()
    out = CANDIDATES[best](image)
    seconds["apply"] = round(time.perf_counter() - t, 3)
    return out, SCALE.get(best, 1.0), Choice(best, signals, scores, seconds)


def _trial(image: Image.Image, names: list[str], read_header,
           seconds: dict[str, float]) -> tuple[str, dict[str, float]]:
    """Read the header band as it is and cleaned each way; stop as soon as one reads well."""
    band = (0, 0, image.width, round(HEADER_SHARE * image.height))
    scores: dict[str, float] = {}
    for name in ["as_is", *names]:
        t = time.perf_counter()
        crop = image.crop(band)
        if name != "as_is":
            crop = CANDIDATES[name](crop)
        scores[name] = header_score(read_header(crop, SCALE.get(name, 1.0)))
        seconds[name] = round(time.perf_counter() - t, 3)
        if scores[name] >= READS_WELL:
            break
    best = max(scores, key=lambda n: (scores[n], n == "as_is"))
    if best != "as_is" and scores[best] < scores["as_is"] + MIN_GAIN:
        best = "as_is"
    return best, scores


def as_meta(choice: Choice) -> dict:
    s = choice.signals
    return {"chosen": choice.name, "ailments": s.ailments,
            "signals": {"paper": round(s.paper, 1), "grain": round(s.grain, 2), "ink": round(s.ink, 1)},
            "scores": choice.scores, "seconds": choice.seconds}


