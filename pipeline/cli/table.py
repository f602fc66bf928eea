"""A plain fixed-width table in the look of rich's default one (heavy header, light body), for rows
rich would take long to draw: rich measures and wraps every cell through its rendering machinery
(≈ 1.5 ms a row of events) and is ≈ 40 ms to import; this writes the same cells, folded to fit the
width, in a few milliseconds for a hundred rows."""

from __future__ import annotations

import re
import textwrap
import unicodedata
from collections.abc import Sequence
from typing import TextIO

_NARROW = re.compile(r"[\x20-\x7e\u00a0-\u02ff\u1e00-\u1eff\u2000-\u206f]*")


def cell_width(text: str) -> int:
    """Terminal cells ``text`` takes: combining marks none, East Asian wide characters two."""
    if _NARROW.fullmatch(text):  # Latin and Vietnamese as written in NFC: one cell a character
        return len(text)
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
               for c in text)


def _fold(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` cells, broken at spaces where it can be (a word
    longer than the width is cut), as rich's ``overflow="fold"`` shows a cell."""
    out: list[str] = []
    for line in text.split("\n") or [""]:
        if cell_width(line) <= width:
            out.append(line)
            continue
        for piece in textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False) or [""]:
            while cell_width(piece) > width:  # a word wider than the column, or wide characters
                cut = width
                while cut > 1 and cell_width(piece[:cut]) > width:
                    cut -= 1
                out.append(piece[:cut])
                piece = piece[cut:]
            out.append(piece)
    return out


def _widths(natural: list[int], room: int) -> list[int]:
    """Column widths that fit ``room`` cells: each its widest cell, the widest ones cut down to one
    common width until the sum fits (never under 4)."""
    if sum(natural) <= room:
        return natural
    low, high = 4, max(natural)
    while low < high:  # the largest cap whose widths fit
        mid = (low + high + 1) // 2
        if sum(min(w, mid) for w in natural) <= room:
            low = mid
        else:
            high = mid - 1
    return [min(w, low) for w in natural]


def write_table(header: Sequence[str], rows: Sequence[Sequence[str]], fh: TextIO, width: int,
                title: str | None = None) -> None:
    """Write the table of ``rows`` under ``header`` to ``fh``, at most ``width`` cells wide where
    the columns allow it (a cell's text is folded onto more lines, never cut off)."""
    natural = [max([cell_width(h)] + [max(map(cell_width, r[i].split("\n"))) for r in rows])
               for i, h in enumerate(header)]
    widths = _widths(natural, width - 3 * len(header) - 1)
    total = sum(widths) + 3 * len(widths) + 1
    lines: list[str] = []
    if title:
        lines.append(title.center(total).rstrip())

    def rule(left: str, fill: str, mid: str, right: str) -> str:
        return left + mid.join(fill * (w + 2) for w in widths) + right

    def row(cells: Sequence[str], bar: str) -> None:
        folded = [_fold(c, w) for c, w in zip(cells, widths, strict=True)]
        for k in range(max(map(len, folded))):
            parts = []
            for lines_of, w in zip(folded, widths, strict=True):
                text = lines_of[k] if k < len(lines_of) else ""
                parts.append(" " + text + " " * (w - cell_width(text)) + " ")
            lines.append(bar + bar.join(parts) + bar)

    lines.append(rule("┏", "━", "┳", "┓"))
    row(header, "┃")
    lines.append(rule("┡", "━", "╇", "┩"))
    for r in rows:
        row(r, "│")
    lines.append(rule("└", "─", "┴", "┘"))
    fh.write("\n".join(lines) + "\n")
