"""Saved web pages (.html/.htm): the article only, as the document's own lines.

trafilatura finds the main content (no menus, sidebars, footers, scripts) and returns it as a small
XML tree of headings, paragraphs, lists and tables, which is walked here into lines: a heading or
paragraph line is one cell, a list item keeps a bullet, a data table row is RawLine(kind="table")
with one cell per column, and a two-column layout table (the Decree-30 header, or Nơi nhận beside
the signature) becomes lines of a left and a right cell, as the .docx reader gives them.

Old Vietnamese sites typed in TCVN3 or VNI fonts (<font face=".VnTime">, style="font-family:
VNI-Times"): the text of those elements is repaired in the page before extraction when
pipeline/read/legacy.py is there; else the dominant legacy font becomes the document's legacy hint.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from pipeline.document import RawCell, RawDocument, RawLine, RawPage
from pipeline.errors import EmptyDocument, ReaderError
from pipeline.read.readers.html_grids import div_grids

# ---------------------------------------------------------------------------------------------
# Charset

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
_LEGACY_FONT_BYTES = re.compile(rb"""(?:face\s*=\s*|font-family\s*:\s*)(?:["']|&quot;)*(?:\.vn|vni[- ])""",
                                re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-.]+)""", re.IGNORECASE)


def decode_html(data: bytes) -> tuple[str, str]:
    """Decode a page's bytes; returns (text, encoding). BOM, then the declared charset if the bytes
    agree with it, then UTF-8, then Latin-1 for pages set in legacy fonts, then charset-normalizer's
    best guess, then Windows-1258."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    head = data[:4096]
    declared = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if declared:
        name = declared.group(1).decode("ascii").lower()
        try:
            return data.decode(name), name
        except (LookupError, UnicodeDecodeError):
            pass  # wrong or unknown label: common on hand-made pages
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if _LEGACY_FONT_BYTES.search(data):
        # a page typed in TCVN3/VNI fonts holds the fonts' byte codes: keep every byte as its Latin-1
        # character, which is what legacy repair reads back ("KÕ ho¹ch" -> "Kế hoạch")
        return data.decode("latin-1"), "latin-1"
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding:
        return str(best), best.encoding
    # Vietnamese 8-bit pages: Windows-1258 decodes partly decomposed text; NFC happens in build
    return data.decode("cp1258", errors="replace"), "cp1258"


# ---------------------------------------------------------------------------------------------
# Legacy fonts

_FACE_IN_STYLE = re.compile(r"font-family\s*:\s*([^;]+)", re.IGNORECASE)  # Word quotes names


def legacy_font(face: str) -> str | None:
    """The first TCVN3/VNI font named in a font list (".VnTime", ".VnTimeH", "VNI-Times"), if any."""
    for name in face.split(","):
        name = name.strip().strip("'\"")
        if legacy_hint_for_font(name):
            return name
    return None


def legacy_hint_for_font(face: str) -> str | None:
    """The legacy encoding a font name implies: ".VnTime", ".VnArial", ".VnTimeH" are TCVN3 (ABC),
    "VNI-Times" and friends are VNI; Unicode fonts give None."""
    for name in face.split(","):
        name = name.strip().strip("'\"").lower()
        if name.startswith(".vn"):
            return "tcvn3"
        if name.startswith(("vni-", "vni ")):
            return "vni"
    return None


def _declared_font(el: Any) -> str | None:
    """The font an element declares (<font face>, style="font-family: ..."), if any."""
    if el.get("face"):
        return el.get("face")
    m = _FACE_IN_STYLE.search(el.get("style") or "")
    return m.group(1) if m else None


def _font_hint(el: Any, cache: dict[Any, str | None]) -> str | None:
    """The legacy font of the nearest declared font around an element (None: Unicode or none)."""
    if el is None:
        return None
    if el not in cache:
        declared = _declared_font(el) if isinstance(el.tag, str) else None
        cache[el] = legacy_font(declared) if declared else _font_hint(el.getparent(), cache)
    return cache[el]


def repair_legacy_fonts(tree: Any) -> tuple[str | None, list[str] | None]:
    """Repair, in place, the text set in a TCVN3/VNI font (an element's text and the tails of its
    children are in the element's font).

    Returns (the dominant legacy encoding or None, the repairs applied). Without pipeline.read.legacy
    nothing is changed and the repairs are None: the encoding is then the whole document's hint."""
    try:
        from pipeline.read import legacy
    except ImportError:
        legacy = None
    cache: dict[Any, str | None] = {}
    chars: Counter[str] = Counter()
    repairs: set[str] = set()

    def fix(text: str, font: str) -> str:
        chars[legacy_hint_for_font(font) or font] += len(text.strip())
        if legacy is None:
            return text
        fixed, rep = legacy.repair(text, hint=font)  # the font name: ".VnTimeH" means capitals
        if rep:
            repairs.add(rep)
        return fixed

    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag in ("script", "style"):
            continue
        font = _font_hint(el, cache)
        if font is None:
            continue
        if el.text and el.text.strip():
            el.text = fix(el.text, font)
        for child in el:
            if child.tail and child.tail.strip():
                child.tail = fix(child.tail, font)
    hint = chars.most_common(1)[0][0] if chars else None
    return hint, (sorted(repairs) if legacy is not None else None)


# ---------------------------------------------------------------------------------------------
# Main content -> lines

_SPACES = re.compile(r"\s+")
_BULLET = re.compile(r"^\s*[-–—•·+*▪►◦○●]")
LEFT, RIGHT = (0.0, 0.5), (0.5, 1.0)


# "Save as Web Page" from Word (its XML namespaces, its Generator tag) or LibreOffice/OpenOffice
_OFFICE_SAVED = re.compile(
    rb"""urn:schemas-microsoft-com:office:word|<meta[^>]+name\s*=\s*["']?generator["']?[^>]+content\s*=\s*["']?"""
    rb"""(?:Microsoft\s+Word|LibreOffice|OpenOffice)""", re.IGNORECASE)


def read_html(path: Path) -> RawDocument:
    import lxml.html
    import trafilatura

    data = Path(path).read_bytes()
    if not data.strip():
        raise EmptyDocument("empty file")
    if _OFFICE_SAVED.search(data[:30000]):
        # a document saved as a web page, not a site: read its layout tables through Writer, as a
        # .doc is read (the article finder would flatten the header's two columns); a machine
        # without LibreOffice reads it as a page
        from pipeline.read.readers.office import read_office_html

        try:
            return read_office_html(Path(path))
        except (ReaderError, OSError, RuntimeError):
            pass
    text, encoding = decode_html(data)
    try:
        tree = lxml.html.fromstring(text)
    except (ValueError, lxml.etree.ParserError) as e:
        raise ReaderError(f"unparseable HTML: {e}") from e
    hint, repairs = repair_legacy_fonts(tree)
    div_grids(tree)  # a schedule laid out with divs, read as the table it shows
    heading = _page_heading(tree)  # before extraction, which may drop a <header> block
    extracted = trafilatura.bare_extraction(
        tree, with_metadata=True, include_tables=True, include_comments=False, favor_recall=True,
        include_images=False, include_links=False, deduplicate=False,
        # the page's own date markup only: the extensive search runs dateparser over every locale
        # (seconds per page), and the plan's dates come from its text anyway
        date_extraction_params={"original_date": True, "extensive_search": False,
                                "max_date": date.today().isoformat()})
    if extracted is None or extracted.body is None:
        raise EmptyDocument("no main text found in this web page")
    lines = body_lines(extracted.body)
    title = _clean(extracted.title or "")
    if heading and fold_text(heading[0]) == fold_text(title) and not _title_present(" ".join(heading), lines):
        # the page's heading ("CHƯƠNG TRÌNH" over the name of the meeting) stood outside the article block
        # (the article may have kept its last line: taken once)
        folded = {fold_text(t) for t in heading}
        while lines and len(lines[0].cells) == 1 and fold_text(lines[0].cells[0].text) in folded:
            lines.pop(0)
        for k, text in enumerate(heading):
            lines.insert(k, RawLine([RawCell(text)]))
    elif title and not _title_present(title, lines):
        # the page heading (type + title of the plan) stood outside the article block
        lines.insert(0, RawLine([RawCell(title)]))
    meta: dict[str, Any] = {"encoding": encoding, "title": title or None}
    if extracted.date:
        meta["published"] = extracted.date
    if hint:
        meta["legacy_fonts"] = hint
        if repairs is None:  # no per-element repair: build_document repairs every cell with the hint
            meta["legacy_encoding"] = hint
    if repairs:
        meta["repairs"] = repairs
    return RawDocument(str(path), "html", [RawPage(1, lines, "html")], meta)


def body_lines(body: Any) -> list[RawLine]:
    """Lines of trafilatura's body tree (head, p, list/item, table/row/cell, quote ...)."""
    out: list[RawLine] = []
    for el in body:
        _block(el, out)
    return out


def _block(el: Any, out: list[RawLine]) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag == "table":
        out.extend(table_lines(el))
    elif tag == "list":
        ordered = (el.get("rend") or "").lower() == "ol"
        for n, item in enumerate((c for c in el if c.tag == "item"), start=1):
            _list_item(item, out, f"{n}." if ordered else "-")
    elif tag in ("graphic", "ref") and not _clean("".join(el.itertext())):
        return
    elif any(isinstance(c.tag, str) and c.tag in ("table", "list", "p", "head", "quote", "div") for c in el):
        # a container: its own loose text, then its blocks in order
        for text in _split_lines(el.text or ""):
            out.append(RawLine([RawCell(text)]))
        for child in el:
            _block(child, out)
            for text in _split_lines(child.tail or ""):
                out.append(RawLine([RawCell(text)]))
    else:
        for text in _element_lines(el):
            out.append(RawLine([RawCell(text)]))


def _list_item(item: Any, out: list[RawLine], marker: str) -> None:
    nested = [c for c in item if c.tag == "list"]
    for c in nested:  # take nested lists out so the item's own text comes first
        item.remove(c)
    for i, text in enumerate(_element_lines(item)):
        # keep the writer's own bullet or number; add one only where the browser drew it
        has_marker = _BULLET.match(text) or re.match(r"^\s*(\d{1,2}|[a-zđ])\s*[.)]\s", text)
        out.append(RawLine([RawCell(text if i or has_marker else f"{marker} {text}")]))
    for c in nested:
        _block(c, out)


def _element_lines(el: Any) -> list[str]:
    """An element's text in document order, split at <lb/> (and at newlines kept from <br>)."""
    pieces: list[str] = []

    def walk(node: Any) -> None:
        pieces.append(node.text or "")
        for child in node:
            if child.tag == "lb":
                pieces.append("\n")
            else:
                walk(child)
            pieces.append(child.tail or "")

    walk(el)
    return _split_lines("".join(pieces))


def _split_lines(text: str) -> list[str]:
    return [t for t in (_clean(s) for s in text.split("\n")) if t]


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text.replace("\u00a0", " ")).strip()


# what the two halves of a Decree-30 header or footer hold: the number, the motto, the issuer's
# parent body, "<place>, ngày ... tháng", Nơi nhận
_LAYOUT_CUE = re.compile(
    r"^(?:Số\s*:|CỘNG HÒA XÃ HỘI|CỘNG HOÀ XÃ HỘI|Độc lập\s*[-–]|ĐẢNG CỘNG SẢN|ĐOÀN TNCS|Nơi nhận"
    r"|[^\d,]{2,40},\s*ngày\s+\S+\s+tháng)", re.IGNORECASE)


def table_lines(table: Any) -> list[RawLine]:
    """Rows of a table: a layout table (two columns, a cell holding several lines or a header/footer
    line) becomes lines of left/right cells; any other table becomes kind="table" rows, one cell per
    column."""
    rows = [[_cell_lines(c) for c in row if c.tag == "cell"] for row in table if row.tag == "row"]
    rows = [r for r in rows if any(r)]
    if not rows:
        return []
    ncols = max(len(r) for r in rows)
    if ncols == 2 and any(len(c) > 1 or any(_LAYOUT_CUE.match(t) for t in c) for r in rows for c in r):
        return _layout_lines(rows)
    if ncols == 1:  # a one-cell frame around text: its lines, not a table
        return [RawLine([RawCell(t)]) for r in rows for c in r for t in c]
    out = []
    for r in rows:
        cells = [RawCell(" ".join(c), i / ncols, (i + 1) / ncols) for i, c in enumerate(r)]
        out.append(RawLine(cells, kind="table"))
    return out


def _cell_lines(cell: Any) -> list[str]:
    lines: list[RawLine] = []
    _block(cell, lines)
    return [c.text for ln in lines for c in ln.cells]


def _layout_lines(rows: list[list[list[str]]]) -> list[RawLine]:
    out: list[RawLine] = []
    for r in rows:
        left = r[0] if r else []
        right = r[1] if len(r) > 1 else []
        for i in range(max(len(left), len(right))):
            cells = []
            if i < len(left):
                cells.append(RawCell(left[i], *LEFT))
            if i < len(right):
                cells.append(RawCell(right[i], *RIGHT))
            out.append(RawLine(cells))
    return out


def fold_text(text: str) -> str:
    from pipeline.read.normalise import fold

    return fold(_clean(text))


def _page_heading(tree: Any) -> list[str]:
    """The page's first <h1> and the headings right after it (its subtitle lines), as lines."""
    h1 = next((el for el in tree.iter("h1") if _clean("".join(el.itertext()))), None)
    if h1 is None:
        return []
    out = [_clean("".join(h1.itertext()))]
    for sib in h1.itersiblings():
        if not isinstance(sib.tag, str) or sib.tag not in ("h2", "h3", "h4"):
            break
        out.extend(_split_lines("\n".join(_element_lines_html(sib))))
    return out


def _element_lines_html(el: Any) -> list[str]:
    """An HTML element's text split at its <br> line breaks."""
    def flat(text: str | None) -> str:  # a newline in the source is a space on the page
        return re.sub(r"\s+", " ", text or "")

    parts = [flat(el.text)]
    for child in el:
        parts.append("\n" if child.tag == "br" else flat("".join(child.itertext())))
        parts.append(flat(child.tail))
    return ["".join(parts)]


def _title_present(title: str, lines: list[RawLine]) -> bool:
    # the title may be split over lines ("KẾ HOẠCH" / "Tổ chức ..."): compare with the opening text
    # (a table's cells are no title: "Thông qua Chương trình Đại hội" in a programme's rows)
    opening = " ".join(c.text for ln in lines[:20] if ln.kind != "table" for c in ln.cells)
    return fold_text(title) in fold_text(opening)
