"""Page images and word boxes for the web document page.

A scanned page's word boxes are in the catalog (table ``pages``, fractions of the page). A text
PDF's are not: they are read here from the source file with pdfplumber, in the same fractions, so
one matcher (``pipeline.use.docpage.value_boxes``) finds a value on either kind of page.

Renders are PNG files in a per-user cache folder, named only by the content's sha256 and the page
number: the bytes come from the checked source file (``serve._checked_source``), never from a path
a visitor gave.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import tempfile
from collections import OrderedDict
from pathlib import Path
from typing import Any

RENDER_WIDTH = 1100  # pixels: sharp enough to read a header at a glance, small enough to send
_SHA = re.compile(r"^[0-9a-f]{64}$")


def cache_dir() -> Path:
    """``$KEHOACH_CACHE`` or a private folder under the system temp dir (mode 0700)."""
    base = os.environ.get("KEHOACH_CACHE")
    path = Path(base) / "pages" if base else Path(tempfile.gettempdir()) / f"kehoach-pages-{os.getuid()}"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def cached_render(sha256: str, page: int) -> Path:
    if not _SHA.match(sha256) or page < 1:
        raise ValueError("bad cache key")
    return cache_dir() / f"{sha256}-{page}.png"


def render_png(body: bytes, fmt: str, page: int, width: int = RENDER_WIDTH) -> bytes:
    """Page ``page`` (1-based) of a PDF or an image file as a PNG ``width`` pixels wide.
    Raises ValueError when the file has no such page or is not a PDF or an image."""
    from PIL import Image, ImageSequence

    if fmt == "pdf":
        import pypdfium2 as pdfium

        doc = pdfium.PdfDocument(body)
        try:
            if not 1 <= page <= len(doc):
                raise ValueError(f"no page {page}")
            pdf_page = doc[page - 1]
            image = pdf_page.render(scale=width / pdf_page.get_width()).to_pil()
        finally:
            doc.close()
    elif fmt == "image":
        with Image.open(io.BytesIO(body)) as img:
            frames = ImageSequence.Iterator(img)
            try:
                frame = frames[page - 1]
            except IndexError:
                raise ValueError(f"no page {page}") from None
            frame.load()
            image = frame.convert("L" if frame.mode in ("1", "L", "I;16") else "RGB")
            if image.width > width:
                image = image.resize((width, round(image.height * width / image.width)),
                                     Image.Resampling.LANCZOS)
    else:
        raise ValueError(f"no page image for a {fmt} file")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def page_png(body: bytes, sha256: str, fmt: str, page: int) -> bytes:
    """The render of a checked file's page, from the cache when it is there."""
    target = cached_render(sha256, page)
    if target.exists():
        return target.read_bytes()
    if hashlib.sha256(body).hexdigest() != sha256:
        raise ValueError("content does not match the catalog")
    png = render_png(body, fmt, page)
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    with os.fdopen(fd, "wb") as fh:
        fh.write(png)
    os.replace(tmp, target)  # a concurrent request sees the whole file or none
    return png


_WORDS: OrderedDict[tuple[str, int], list[list[Any]]] = OrderedDict()  # (sha256, page) -> words
_WORDS_KEPT = 64


def _read_pdf_words(body: bytes, page: int) -> list[list[Any]]:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(body)) as pdf:
        if not 1 <= page <= len(pdf.pages):
            return []
        p = pdf.pages[page - 1]
        w, h = float(p.width), float(p.height)
        x_off, y_off = float(p.bbox[0]), float(p.bbox[1])
        return [[word["text"], round((word["x0"] - x_off) / w, 4), round((word["top"] - y_off) / h, 4),
                 round((word["x1"] - x_off) / w, 4), round((word["bottom"] - y_off) / h, 4)]
                for word in p.extract_words(use_text_flow=True)]


def pdf_words(body: bytes, sha256: str, page: int) -> list[list[Any]]:
    """Word boxes of a text PDF's page: [text, x0, y0, x1, y1] as fractions of the page."""
    key = (sha256, page)
    if key not in _WORDS:
        _WORDS[key] = _read_pdf_words(body, page)
        while len(_WORDS) > _WORDS_KEPT:
            _WORDS.popitem(last=False)
    _WORDS.move_to_end(key)
    return _WORDS[key]
