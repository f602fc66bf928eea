"""One reader per input format, chosen by the file's content (not its extension).

Every reader is a function ``Path -> RawDocument``. ``read(path)`` sniffs the type and calls it.
"""

from __future__ import annotations

import importlib
import zipfile
from collections.abc import Callable
from pathlib import Path

from pipeline.document import RawDocument
from pipeline.errors import EmptyDocument, ReaderError, UnsupportedFormat
from pipeline.limits import check_chars, check_zip

# format -> (module, function); modules import lazily so a text-only run loads no PDF/OCR stack
READERS: dict[str, tuple[str, str]] = {
    "txt": ("pipeline.read.readers.text", "read_text"),
    "docx": ("pipeline.read.readers.docx", "read_docx"),
    "pdf": ("pipeline.read.readers.pdf", "read_pdf"),
    "image": ("pipeline.read.readers.ocr", "read_image"),
    "doc": ("pipeline.read.readers.office", "read_doc"),
    "rtf": ("pipeline.read.readers.office", "read_rtf"),
    "odt": ("pipeline.read.readers.office", "read_odt"),
    "html": ("pipeline.read.readers.html", "read_html"),
}


def sniff(path: Path) -> str:
    """The format of a file by its first bytes (and zip members for Office files)."""
    with open(path, "rb") as fh:
        head = fh.read(4096)
    if not head:
        raise EmptyDocument("empty file (0 bytes)")
    if head.startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as z:
                check_zip(path, z)  # sizes from the directory, before any member is inflated
                names = set(z.namelist())
                if "word/document.xml" in names:
                    return "docx"
                if "mimetype" in names and z.read("mimetype").startswith(
                        b"application/vnd.oasis.opendocument.text"):
                    return "odt"
        except zipfile.BadZipFile as e:
            raise ReaderError(f"corrupt or truncated zip container: {e}") from e
        raise UnsupportedFormat("a zip archive that is not a Word (.docx) or OpenDocument (.odt) text")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "doc"
    if head.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")):
        return "image"
    lowered = head[:2048].lower()
    if b"<html" in lowered or b"<!doctype html" in lowered:
        return "html"
    # markup without an <html> element: a page body or a CMS export saved as .md/.txt (front matter,
    # then <table>/<p> markup): read as a web page, not as text full of tags
    if lowered.count(b"<td") + lowered.count(b"<th") + lowered.count(b"<p>") + lowered.count(b"<div") >= 6:
        return "html"
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return "txt"
    control = sum(1 for b in head if b < 9 or 13 < b < 32)
    if control > len(head) * 0.05:
        raise UnsupportedFormat("binary data that no reader accepts")
    return "txt"


def reader_for(fmt: str) -> Callable[[Path], RawDocument]:
    module_name, func = READERS[fmt]
    try:
        module = importlib.import_module(module_name)
    except ImportError as e:
        raise UnsupportedFormat(f"no reader for {fmt} files is installed ({e})") from e
    return getattr(module, func)


def read(path: str | Path) -> RawDocument:
    path = Path(path)
    if not path.is_file():
        raise ReaderError("not a file" if path.exists() else "no such file")
    fmt = sniff(path)
    if fmt == "txt":  # at most 4 bytes a character: a file this large is too long before it is read
        check_chars(path.stat().st_size // 4, at_least=True)
    raw = reader_for(fmt)(path)
    raw.path = str(path)
    if not _has_text(raw) and fmt in ("doc", "docx", "rtf", "odt"):
        # no text: the pages may be pictures of a scan pasted into the Word file; print and OCR them
        from pipeline.read.readers.office import read_as_printed

        raw = read_as_printed(path, fmt)
    if not _has_text(raw):
        raise EmptyDocument(f"no text found in this {fmt} file")
    check_chars(sum(len(c.text) for p in raw.pages for ln in p.lines for c in ln.cells))
    return raw


def _has_text(raw: RawDocument) -> bool:
    return any(c.text.strip() for p in raw.pages for ln in p.lines for c in ln.cells)
