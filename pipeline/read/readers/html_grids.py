"""Schedules that web pages lay out with <div>s instead of a <table> (a CSS grid: a div per row, a
div per cell), turned into real tables before the article finder reads the page, which would flatten
them into one line per cell and lose which hour goes with which activity.

A run of sibling elements holding the same number (2-8) of text-only children is a grid; a text-only
sibling inside the run ("Buổi sáng", "Buổi chiều: PHIÊN TRÙ BỊ") is a row merged across it. A row of
the same width standing before the grid's container (its header, often drawn once above tab panels)
heads each table. A tab panel's label (the button or link whose onclick, href, aria-controls or
data-target names the panel's id: "Ngày 1 (22/9)") is put above its table, so the rows keep their day.
"""

from __future__ import annotations

import re
from typing import Any

from lxml.html import Element

_BLOCK = {"div", "p", "table", "ul", "ol", "section", "article", "header", "footer", "li", "h1", "h2", "h3", "h4",
          "h5", "h6", "form", "nav", "aside", "main", "button"}
_MAX_CELLS = 8


def div_grids(tree: Any) -> int:
    """Rewrite every div grid of ``tree`` in place as a <table>; returns how many were found."""
    headers: list[Any] = []
    found = 0
    for parent in list(tree.iter()):
        if not isinstance(parent.tag, str) or parent.tag in ("table", "tr", "td", "th"):
            continue
        kids = [c for c in parent if isinstance(c.tag, str)]
        rows = [(c, _row_cells(c)) for c in kids]
        widths = [len(r) for _, r in rows if r]
        if not widths:
            continue
        n = max(set(widths), key=widths.count)
        header = _header_before(parent, n)
        if widths.count(n) < (1 if header is not None else 2):
            continue
        if not all((r is not None and len(r) == n) or _text_only(c) for c, r in rows):
            continue  # something else stands among the rows: not a grid
        table = Element("table")
        if header is not None:
            table.append(_row([_text(c) for c in _row_cells(header) or []]))
            headers.append(header)
        for c, r in rows:
            if r is not None and len(r) == n:
                table.append(_row(r))
            elif _text(c):
                table.append(_row([c], span=n))
        label = _tab_label(tree, parent.get("id"))
        for c in kids:
            parent.remove(c)
        parent.text = None
        if label:
            heading = Element("p")
            heading.text = label
            parent.append(heading)
        parent.append(table)
        found += 1
    for h in headers:  # drawn once above the panels: now in each table
        if h.getparent() is not None:
            h.getparent().remove(h)
    return found


def _text(el: Any) -> str:
    return re.sub(r"\s+", " ", "".join(el.itertext())).strip()


def _text_only(el: Any) -> bool:
    """Text and inline markup, no block element inside."""
    return not any(isinstance(d.tag, str) and d.tag in _BLOCK for d in el.iterdescendants())


def _row_cells(el: Any) -> list[Any] | None:
    """The cells of a row-like element: 2-8 text-only children and no loose text of its own."""
    kids = [c for c in el if isinstance(c.tag, str)]
    if el.tag not in ("div", "li", "section") or not 2 <= len(kids) <= _MAX_CELLS:
        return None
    if not all(_text_only(c) for c in kids) or (el.text or "").strip() or any((c.tail or "").strip() for c in kids):
        return None
    return kids


def _header_before(parent: Any, n: int) -> Any | None:
    """A row of ``n`` named cells standing before ``parent`` or before one of its containers."""
    node = parent
    while node is not None and node.tag != "body":
        for sib in node.itersiblings(preceding=True):
            cells = _row_cells(sib) if isinstance(sib.tag, str) else None
            if cells and len(cells) == n and all(_text(c) for c in cells):
                return sib
        node = node.getparent()
    return None


def _row(cells: list[Any], span: int = 1) -> Any:
    tr = Element("tr")
    for c in cells:
        td = Element("td")
        if span > 1:
            td.set("colspan", str(span))
        if isinstance(c, str):
            td.text = c
        else:  # the cell's own markup moves over (its <br> line breaks stay)
            td.text = c.text
            for child in list(c):
                td.append(child)
        tr.append(td)
    return tr


def _tab_label(tree: Any, panel_id: str | None) -> str | None:
    """The text of the control that opens the tab panel ``panel_id``."""
    if not panel_id:
        return None
    quoted = re.compile(rf"""['"]#?{re.escape(panel_id)}['"]""")
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.get("id") == panel_id:
            continue
        targets = [el.get(a) for a in ("href", "aria-controls", "data-target", "data-bs-target")]
        if quoted.search(el.get("onclick") or "") or panel_id in targets or f"#{panel_id}" in targets:
            label = _text(el)
            if label:
                return label
    return None
