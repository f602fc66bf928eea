"""OCR benchmark: character error rate and speed of ``ocr_page_image`` against bare Tesseract.

Text documents (the seed plans and the dev-set .txt files) are laid out as A4 pages at 300 dpi in
FreeSerif 13 pt (layout columns of the text kept as columns on the page) and rendered

- clean: as rendered;
- degraded: skewed +-1.5 degrees, blurred, speckled, saved as JPEG quality 40;
- bitonal200: downsampled to 200 dpi and thresholded to black and white (a common office scan).

Each page is read by ``ocr_page_image`` and by ``tesseract page.png out -l vie`` (one thread each),
and the character error rate is measured against the source text (whitespace-normalised,
rapidfuzz Levenshtein distance / reference length).

    .venv/bin/python benchmarks/ocr_bench.py                 # main table (a few minutes)
    .venv/bin/python benchmarks/ocr_bench.py --ablation      # also psm / lang / preprocessing variants
"""

from __future__ import annotations

import argparse
import io
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont
from rapidfuzz.distance import Levenshtein

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.read.readers.ocr import ocr_page_image  # noqa: E402
from pipeline.read.readers.text import decode_bytes, page_width, split_cells  # noqa: E402

FONT = "/usr/share/fonts/truetype/freefont/FreeSerif.ttf"
DPI = 300
PAGE = (2480, 3508)  # A4 at 300 dpi
MARGIN_X, MARGIN_TOP = 260, 240
FONT_PX = round(13 / 72 * DPI)
LINE_PX = round(FONT_PX * 1.45)
SOURCES = [*sorted(Path("/work/shared/seeds").glob("*.txt")),
           *sorted(Path("/work/shared/eval/dev/docs").glob("*.txt"))]

os.environ["OMP_THREAD_LIMIT"] = "1"


# ---------------------------------------------------------------------------------------------
# Rendering


def _clean_source(line: str) -> str:
    line = re.sub(r"\*+|(?<!\w)_+|_+(?!\w)", "", line)  # markdown emphasis
    return re.sub(r"^#+\s*", "", line).rstrip()


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    out, cur = [], ""
    for word in text.split():
        trial = f"{cur} {word}".strip()
        if cur and font.getlength(trial) > width:
            out.append(cur)
            cur = word
        else:
            cur = trial
    if cur:
        out.append(cur)
    return out


def layout_pages(text: str, max_pages: int) -> list[list[list[tuple[int, str]]]]:
    """Pages of rows of (x, text) cells: one-cell lines wrapped, layout columns placed by position."""
    font = ImageFont.truetype(FONT, FONT_PX)
    text_w = PAGE[0] - 2 * MARGIN_X
    lines = [_clean_source(ln) for ln in text.replace("\r", "").split("\n")]
    width = page_width(lines)
    rows: list[list[tuple[int, str]]] = []
    for ln in lines:
        cells = split_cells(ln.expandtabs(8), width)
        if not cells:
            if rows and rows[-1]:
                rows.append([])  # one blank row between paragraphs
            continue
        if len(cells) == 1:
            indent = round(cells[0].x0 * text_w) if cells[0].x0 > 0.15 else 0
            for piece in _wrap(cells[0].text, font, text_w - indent):
                rows.append([(MARGIN_X + indent, piece)])
        else:
            xs = [MARGIN_X + round(min(c.x0, 0.9) * text_w) for c in cells]
            row = []
            for i, (x, c) in enumerate(zip(xs, cells, strict=True)):
                limit = (xs[i + 1] if i + 1 < len(xs) else PAGE[0] - MARGIN_X) - x - FONT_PX
                fitted = _wrap(c.text, font, limit)[0] if font.getlength(c.text) > limit else c.text
                row.append((x, fitted))
            rows.append(row)
    per_page = (PAGE[1] - 2 * MARGIN_TOP) // LINE_PX
    pages = [rows[i:i + per_page] for i in range(0, len(rows), per_page)]
    return [p for p in pages if any(p)][:max_pages]


def render(page: list[list[tuple[int, str]]]) -> Image.Image:
    font = ImageFont.truetype(FONT, FONT_PX)
    img = Image.new("L", PAGE, 255)
    draw = ImageDraw.Draw(img)
    for i, row in enumerate(page):
        for x, text in row:
            draw.text((x, MARGIN_TOP + i * LINE_PX), text, font=font, fill=0)
    img.info["dpi"] = (DPI, DPI)
    return img


def reference(page: list[list[tuple[int, str]]]) -> str:
    return "\n".join(" ".join(t for _, t in row) for row in page if row)


def degrade(img: Image.Image, seed: int) -> Image.Image:
    """A poor scan: skewed +-1.5 degrees, blurred, grain and dust, JPEG quality 40."""
    rnd = random.Random(seed)
    out = img.rotate(rnd.choice((-1.5, 1.5)), resample=Image.Resampling.BICUBIC, fillcolor=255)
    out = out.filter(ImageFilter.GaussianBlur(0.8))
    out = ImageChops.add(out, Image.effect_noise(out.size, 20), offset=-128)  # grain around 0
    px = out.load()
    for _ in range(out.width * out.height // 2000):  # dust
        px[rnd.randrange(out.width), rnd.randrange(out.height)] = rnd.choice((0, 60, 255))
    buf = io.BytesIO()
    out.save(buf, format="JPEG", quality=40)
    res = Image.open(io.BytesIO(buf.getvalue()))
    res.info["dpi"] = (DPI, DPI)
    return res


def bitonal200(img: Image.Image) -> Image.Image:
    small = img.resize((round(img.width * 2 / 3), round(img.height * 2 / 3)), Image.Resampling.LANCZOS)
    out = small.point(lambda v: 255 if v > 150 else 0).convert("1")
    out.info["dpi"] = (200, 200)
    return out


# ---------------------------------------------------------------------------------------------
# Measuring


def norm(text: str) -> str:
    return " ".join(text.split())


def cer(hyp: str, ref: str) -> float:
    ref, hyp = norm(ref), norm(hyp)
    return Levenshtein.distance(hyp, ref) / max(1, len(ref))


def ours(img: Image.Image, **kw) -> str:
    page = ocr_page_image(img, 1, **kw)
    return "\n".join(" ".join(c.text for c in ln.cells) for ln in page.lines)


def bare(path: Path) -> str:
    """``tesseract page.png out -l vie``: the page file is written before the clock starts."""
    out = path.with_suffix("")
    subprocess.run(["tesseract", str(path), str(out), "-l", "vie"], check=True, capture_output=True)
    return out.with_suffix(".txt").read_text(encoding="utf-8")


def timed(func, *args, **kw) -> tuple[str, float]:
    t = time.perf_counter()
    out = func(*args, **kw)
    return out, time.perf_counter() - t


def build_pages(pages_per_doc: int) -> list[tuple[str, Image.Image, str]]:
    out, seen = [], set()
    for src in SOURCES:
        text, _ = decode_bytes(src.read_bytes())
        if text in seen:  # the dev set holds copies of the seeds
            continue
        seen.add(text)
        for i, page in enumerate(layout_pages(text, pages_per_doc), start=1):
            out.append((f"{src.stem[:12]}#{i}", render(page), reference(page)))
    return out


def run_table(pages, conditions, variants) -> list[tuple[str, str, float, float]]:
    """(condition, variant, mean CER, mean seconds per page)"""
    results = []
    with tempfile.TemporaryDirectory(prefix="ocr_bench_") as d:
        for cond_name, make in conditions:
            results += run_condition(pages, cond_name, make, variants, Path(d))
    return results


def run_condition(pages, cond_name, make, variants, tmp: Path) -> list[tuple[str, str, float, float]]:
    images = []
    for n, (name, img, ref) in enumerate(pages):
        page_img = make(img, n)
        path = tmp / f"{cond_name}-{n}.png"
        page_img.save(path, dpi=page_img.info.get("dpi", (DPI, DPI)))
        images.append((name, page_img, path, ref))
    # variants alternate page by page so a busy machine slows them alike
    errs: dict[str, list[float]] = {v: [] for v, _ in variants}
    secs: dict[str, list[float]] = {v: [] for v, _ in variants}
    for name, img, path, ref in images:
        for var_name, func in variants:
            hyp, s = timed(func, path) if func is bare else timed(func, img)
            errs[var_name].append(cer(hyp, ref))
            secs[var_name].append(s)
            print(f"  {cond_name:10s} {var_name:22s} {name:16s} CER {errs[var_name][-1]:6.2%}  {s:5.2f}s",
                  file=sys.stderr)
    return [(cond_name, v, sum(errs[v]) / len(errs[v]), sum(secs[v]) / len(secs[v])) for v, _ in variants]


def real_scan_fields() -> list[str]:
    """The number and date of the dev set's real scans (handwritten fields) against their gold record."""
    import json

    import pypdfium2

    out = []
    for pdf in sorted(Path("/work/shared/eval/dev/docs").glob("*.pdf")):
        gold_path = pdf.parent.parent / "gold" / f"{pdf.stem}.json"
        doc = pypdfium2.PdfDocument(str(pdf))
        if not gold_path.exists() or doc[0].get_textpage().get_text_range().strip():
            continue  # only image-only PDFs (scans)
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        img = doc[0].render(scale=DPI / 72, grayscale=True).to_pil()
        page, secs = timed(ocr_page_image, img, 1, dpi=DPI)
        head = [c.text for ln in page.lines[:8] for c in ln.cells]
        number = next((t for t in head if t.startswith("Số")), None)
        date = next((t for t in head if "ngày" in t and "năm" in t), None)
        out.append(f"{pdf.name}: number {number!r} date {date!r} review {page.meta.get('review')} "
                   f"(gold {gold.get('number')!r}, {gold.get('issue_date')!r}) {secs:.2f}s")
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages-per-doc", type=int, default=2)
    ap.add_argument("--ablation", action="store_true", help="also measure psm/lang/preprocessing variants")
    args = ap.parse_args()
    pages = build_pages(args.pages_per_doc)
    conditions = [("clean", lambda im, n: im), ("degraded", degrade), ("bitonal200", lambda im, n: bitonal200(im))]
    variants = [("ocr_page_image", ours), ("bare tesseract", bare)]
    if args.ablation:
        variants += [
            ("ours psm 4", lambda im: ours(im, psm=4)),
            ("ours psm 6", lambda im: ours(im, psm=6)),
            ("ours vie+eng", lambda im: ours(im, lang="vie+eng")),
            ("ours no preprocess", lambda im: ours(im, preprocess=False)),
        ]
    results = run_table(pages, conditions, variants)
    real = real_scan_fields()
    print(f"{len(pages)} pages: " + ", ".join(name for name, _, _ in pages))
    print("| condition | reader | CER | s/page |")
    print("|---|---|---:|---:|")
    for cond, var, e, s in results:
        print(f"| {cond} | {var} | {e:.2%} | {s:.2f} |")
    by = {(c, v): s for c, v, _, s in results}
    for cond, _ in conditions:
        ratio = by[(cond, "ocr_page_image")] / by[(cond, "bare tesseract")]
        print(f"overhead {cond}: {ratio - 1:+.1%}")
    for line in real:
        print(line)


if __name__ == "__main__":
    main()
