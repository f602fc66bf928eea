"""Searchable PDFs from scans: each scanned page gets an invisible text layer (Tesseract's text-only
PDF renderer, Vietnamese model) laid over the page as it is, so the original page image is kept
byte for byte and the file hardly grows; pages that already carry text are copied unchanged, and a
digitally signed PDF is left alone (a new layer would break its signature). Image files (PNG, JPEG,
TIFF) become a PDF from Tesseract's renderer. The original file is never touched."""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from pipeline.errors import ReaderError
from pipeline.read.readers import sniff

MIN_TEXT_CHARS = 20  # fewer characters than this on a PDF page: it is a scan


@dataclass
class SearchableResult:
    source: str
    output: str
    pages: int
    ocr_pages: int


def _ocr_pdf_page(image: Image.Image, dpi: int, text_only: bool = False) -> bytes:
    import pytesseract

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    config = f"--dpi {dpi}" + (" -c textonly_pdf=1" if text_only else "")
    return pytesseract.image_to_pdf_or_hocr(image, lang="vie", extension="pdf", config=config)


def _is_signed(reader) -> bool:
    """Whether the PDF carries a digital signature (a /Sig field with a value)."""
    try:
        fields = reader.get_fields() or {}
    except Exception:
        return False
    return any(f.get("/FT") == "/Sig" and f.get("/V") is not None for f in fields.values())


def image_streams(path: str | Path) -> list[bytes]:
    """The image streams of a PDF's pages as stored (still compressed): equal lists mean the page
    images were carried over byte for byte."""
    from pypdf import PdfReader

    out = []
    for page in PdfReader(str(path)).pages:
        xobjects = page["/Resources"].get("/XObject") or {}
        for name in xobjects:
            obj = xobjects[name].get_object()
            if obj.get("/Subtype") == "/Image":
                out.append(obj._data)
    return out


def _overlay_text(page, image: Image.Image, dpi: int) -> None:
    """Lay Tesseract's invisible text for ``image`` (the page rendered) over ``page`` in place; the
    page's own content and images are not rewritten."""
    from pypdf import PdfReader, Transformation

    text_page = PdfReader(io.BytesIO(_ocr_pdf_page(image, dpi, text_only=True))).pages[0]
    box, tbox = page.mediabox, text_page.mediabox
    sx = float(box.width) / float(tbox.width)
    sy = float(box.height) / float(tbox.height)
    op = Transformation().scale(sx, sy).translate(float(box.left), float(box.bottom))
    page.merge_transformed_page(text_page, op, over=True)
    page.compress_content_streams()  # the merged content is written uncompressed otherwise (≈15 KB a page)


def _image_frames(path: Path) -> list[Image.Image]:
    with Image.open(path) as img:
        frames = []
        for i in range(getattr(img, "n_frames", 1)):
            img.seek(i)
            frames.append(img.convert("RGB"))
        return frames


def make_searchable(src: str | Path, dst: str | Path, dpi: int = 300) -> SearchableResult:
    """Write ``dst``: ``src`` (a PDF or an image) with a text layer on every scanned page."""
    from pypdf import PdfReader, PdfWriter

    src, dst = Path(src), Path(dst)
    if src.resolve() == dst.resolve():
        raise ValueError("the output would overwrite the original")
    fmt = sniff(src)
    writer = PdfWriter()
    ocr_pages = 0
    if fmt == "image":
        for frame in _image_frames(src):
            writer.append(PdfReader(io.BytesIO(_ocr_pdf_page(frame, dpi))))
            ocr_pages += 1
    elif fmt == "pdf":
        import pdfplumber
        import pypdfium2

        try:
            reader = PdfReader(str(src))
            if _is_signed(reader):
                raise ReaderError("a digitally signed PDF is left as it is: a text layer would break its signature")
            pdf = pypdfium2.PdfDocument(str(src))
            with pdfplumber.open(str(src)) as plumb:
                for i, page in enumerate(reader.pages):
                    chars = len((plumb.pages[i].extract_text() or "").strip())
                    if chars >= MIN_TEXT_CHARS:
                        writer.add_page(page)
                        continue
                    image = pdf[i].render(scale=dpi / 72).to_pil().convert("RGB")
                    writer.add_page(page)
                    _overlay_text(writer.pages[-1], image, dpi)
                    ocr_pages += 1
        except ReaderError:
            raise
        except Exception as e:  # encrypted, corrupt
            raise ReaderError(f"cannot make a searchable PDF: {e}") from e
    else:
        raise ReaderError(f"a {fmt} file is not a scan: nothing to make searchable")
    if ocr_pages > 1 and hasattr(writer, "compress_identical_objects"):
        writer.compress_identical_objects()  # one copy of Tesseract's font for all pages
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = dst.with_suffix(dst.suffix + ".part")
    with open(tmp, "wb") as fh:
        writer.write(fh)
    os.replace(tmp, dst)  # never a half-written PDF under the final name
    return SearchableResult(str(src), str(dst), len(writer.pages), ocr_pages)
