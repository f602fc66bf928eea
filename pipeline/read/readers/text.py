"""Plain text (.txt, .md): encoding detection, pages at form feeds, layout columns as cells."""

from __future__ import annotations

import re
from pathlib import Path

from pipeline.document import RawCell, RawDocument, RawLine, RawPage
from pipeline.errors import EmptyDocument, ReaderError
from pipeline.read import legacy
from pipeline.read.readers import mdtable

_CP1258_UNDEFINED = frozenset(b"\x81\x8a\x8d\x8e\x8f\x90\x9a\x9d\x9e")


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode text bytes; returns (text, encoding). UTF-8, UTF-16 (BOM or NUL pattern), else cp1258."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if len(data) >= 4 and data.count(b"\x00") > len(data) // 4:
        # UTF-16 without BOM: NULs sit in the high bytes of ASCII characters
        enc = "utf-16-le" if data[1::2].count(b"\x00") > data[0::2].count(b"\x00") else "utf-16-be"
        return data.decode(enc, errors="replace"), enc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        raise ReaderError("binary data, not a text file")
    # legacy 8-bit Vietnamese: Windows-1258 (decodes to partly decomposed text; NFC follows). Bytes
    # that cp1258 leaves undefined occur only in VISCII: keep them (latin-1) for the legacy repair
    codec = "latin-1" if _CP1258_UNDEFINED.intersection(data) else "cp1258"
    return data.decode(codec), codec


# words separated by at most two spaces form one cell; a wider gap or a tab separates columns
# in layout text (pdftotext -layout, old exports)
_RUN = re.compile(r"[^\t ]+(?: {1,2}[^\t ]+)*")


def split_cells(line: str, width: int) -> list[RawCell]:
    """Cut a layout line into cells at wide gaps; x positions are fractions of ``width``."""
    return [RawCell(m.group(0), m.start() / width, m.end() / width) for m in _RUN.finditer(line)]


def page_width(lines: list[str]) -> int:
    lengths = sorted(len(ln.rstrip()) for ln in lines if ln.strip())
    if not lengths:
        return 80
    p90 = lengths[int(0.9 * (len(lengths) - 1))]
    return max(60, min(p90, 160))


_SENTENCE_END = re.compile(r"[.;:!?]\s*$")
_MARKS = "*_ "  # markdown emphasis around a line's words; normalise_cell removes it from the joined line


def unwrap_markdown(text: str) -> str:
    """A web page saved as markdown keeps the page source's line breaks inside paragraphs ("*Thành" /
    "phố Hồ Chí Minh, ngày 25 tháng 11 năm 2025*"), where HTML reads a space. A line joins the one
    before it when it opens in lower case, when that one is a heading's first word left alone ("ỦY" /
    "BAN NHÂN DÂN"), or a date cut before its number ("ngày" / "25 tháng 11", "Thời gian thực hiện:
    *Từ" / "01/7/2025"); never after a sentence's end or a table row. Emphasis marks stay for
    normalise_cell, which pairs them across the join."""
    out: list[str] = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        s = line.strip()
        word = s.lstrip(_MARKS)
        prev = out[-1].strip() if out else ""
        bare_prev = prev.strip(_MARKS)
        lone_word = re.fullmatch(r"[^\W\d_]+", bare_prev) is not None and bare_prev.isupper() and word[:2].isupper()
        number_cut = word[:1].isdigit() and re.search(r"\b(?:ngày|tháng|năm|từ|đến|trước|tới)$", bare_prev,
                                                      re.IGNORECASE) is not None
        continues = (word[:1].islower() and not s.startswith("* ")) or lone_word or number_cut
        if continues and prev and not prev.startswith("|") and not prev.endswith("|") \
                and not _SENTENCE_END.search(bare_prev):
            out[-1] = out[-1].rstrip() + " " + s
            continue
        if prev and not prev.startswith("|") and _emphasis_wrapped(prev, s):
            # an emphasis span is inline: a line break inside it is the export's wrapping ("**1. Đề nghị
            # Ban Tuyên giáo và" / "Dân vận Tỉnh ủy: **Ban hành ...", "**3." / "Sở Y tế:**")
            out[-1] = out[-1].rstrip() + " " + s
            continue
        out.append(line)
    return "\n".join(out)


def _emphasis_wrapped(prev: str, line: str) -> bool:
    """Whether ``prev`` opens a bold ("**") or italic ("*") span that ``line`` closes: the export
    wrapped one emphasised phrase over two lines. Both must hold an odd number of the mark, and the
    first open it at its start, so a page's stray marks ("**" alone, "LUẬT** lá ...") join nothing."""
    p, s = prev.strip(), line.strip()
    if not re.search(r"[^\W_]", p) or not re.search(r"[^\W_]", s):
        return False
    if p.startswith("**"):
        return p.count("**") % 2 == 1 and s.count("**") % 2 == 1
    if p.startswith("*") and not p.startswith("* "):
        return p.count("*") % 2 == 1 and s.replace("**", "").count("*") % 2 == 1
    return False


def text_to_pages(text: str, source: str = "text") -> list[RawPage]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    pages = []
    for number, page_text in enumerate(text.split("\f"), start=1):
        raw_lines = page_text.split("\n")
        width = page_width([ln for ln in raw_lines if not mdtable.is_table_row(ln)])
        lines: list[RawLine] = []
        i = 0
        while i < len(raw_lines):
            if mdtable.is_table_row(raw_lines[i]):
                j = i
                while j < len(raw_lines) and mdtable.is_table_row(raw_lines[j]):
                    j += 1
                lines.extend(mdtable.table_lines(raw_lines[i:j]))
                i = j
                continue
            lines.append(RawLine(split_cells(raw_lines[i].expandtabs(8), width)))
            i += 1
        pages.append(RawPage(number, lines, source))
    # a trailing form feed leaves an empty last page
    while len(pages) > 1 and not any(ln.cells for ln in pages[-1].lines):
        pages.pop()
    return pages


def read_text(path: Path) -> RawDocument:
    data = path.read_bytes()
    if not data.strip():
        raise EmptyDocument("empty file")
    text, encoding = decode_bytes(data)
    if not text.strip():
        raise EmptyDocument("no text")
    fmt = "md" if path.suffix.lower() == ".md" else "txt"
    if fmt == "md":
        text = unwrap_markdown(text)
    meta = {"encoding": encoding}
    # decide the legacy font encoding once for the whole text: short cells ("Sè:") cannot tell
    enc = legacy.detect(text)
    if enc:
        meta["legacy_encoding"] = enc
    return RawDocument(str(path), fmt, text_to_pages(text), meta)
