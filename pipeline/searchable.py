"""Searchable PDFs from scans: each scanned page gets an invisible text layer (Tesseract's own PDF
renderer, Vietnamese model), pages that already carry text are copied unchanged. The original file
is never touched; the result is written next to the catalog."""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from pipeline.errors import ReaderError
from pipeline.readers import sniff

MIN_TEXT_CHARS = 20  # fewer characters than this on a PDF page: it is a scan


@dataclass
class SearchableResult:
    source: str
    output: str
    pages: int
    ocr_pages: int


def _ocr_pdf_page(image: Image.Image, dpi: int) -> bytes:
    import pytesseract

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    return pytesseract.image_to_pdf_or_hocr(image, lang="vie", extension="pdf", config=f"--dpi {dpi}")


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
            pdf = pypdfium2.PdfDocument(str(src))
            with pdfplumber.open(str(src)) as plumb:
                for i, page in enumerate(reader.pages):
                    chars = len((plumb.pages[i].extract_text() or "").strip())
                    if chars >= MIN_TEXT_CHARS:
                        writer.add_page(page)
                        continue
                    image = pdf[i].render(scale=dpi / 72).to_pil().convert("RGB")
                    writer.append(PdfReader(io.BytesIO(_ocr_pdf_page(image, dpi))))
                    ocr_pages += 1
        except ReaderError:
            raise
        except Exception as e:  # encrypted, corrupt
            raise ReaderError(f"cannot make a searchable PDF: {e}") from e
    else:
        raise ReaderError(f"a {fmt} file is not a scan: nothing to make searchable")
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = dst.with_suffix(dst.suffix + ".part")
    with open(tmp, "wb") as fh:
        writer.write(fh)
    os.replace(tmp, dst)  # never a half-written PDF under the final name
    return SearchableResult(str(src), str(dst), len(writer.pages), ocr_pages)
