"""Markdown tables in text exports (pandoc, markitdown and web-to-text tools write a Word header table
as "| BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG ------- | CỘNG HÒA XÃ HỘI ... |"). A two-column table without column
headings is a header or signature block: its cells are cut into their lines and paired row by row as
left and right cells, as the .docx reader does. Any other table gives one table row per line."""

from __future__ import annotations

import re

from pipeline.document import RawCell, RawLine

_ROW = re.compile(r"^\s*\|.*\|\s*$")
_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_HEADING_WORDS = re.compile(
    r"^\s*\**\s*(?:S?TT|Thời gian|Nội dung|Địa điểm|Thành phần|Đơn vị|Nhiệm vụ|Cơ quan|Tên|Ngày|Họ và tên|"
    r"Ghi chú|Số lượng|Kinh phí|Sản phẩm|Thứ)\b", re.I)
# where one cell holds several printed lines: a wide gap, or the next "- item" of a list
_SUBLINE = re.compile(r"\s{2,}|(?<=[;:.])\s+(?=[-+•]\s)")


def is_table_row(line: str) -> bool:
    return bool(_ROW.match(line))


def _cells(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") else inner
    return [c.strip() for c in re.split(r"(?<!\\)\|", inner)]


def table_lines(rows: list[str]) -> list[RawLine]:
    """RawLines for a block of markdown table rows (rule rows dropped)."""
    data = [_cells(r) for r in rows if not _RULE.match(r)]
    if not data:
        return []
    n = max(len(r) for r in data)
    layout = n == 2 and not any(_HEADING_WORDS.match(c) for c in data[0])
    out: list[RawLine] = []
    if layout:
        for row in data:
            left = [p for p in _SUBLINE.split(row[0]) if p.strip()] if row else []
            right = [p for p in _SUBLINE.split(row[1]) if p.strip()] if len(row) > 1 else []
            for k in range(max(len(left), len(right))):
                cells = []
                if k < len(left):
                    cells.append(RawCell(left[k], 0.0, 0.45))
                if k < len(right):
                    cells.append(RawCell(right[k], 0.5, 1.0))
                out.append(RawLine(cells))
        return out
    for row in data:
        out.append(RawLine([RawCell(c, i / n, (i + 1) / n) for i, c in enumerate(row) if c], kind="table"))
    return out
