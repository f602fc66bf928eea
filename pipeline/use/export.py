"""Lists of plans, events and errors as files people open: Excel workbooks (openpyxl) and CSV.

The rows are the dicts the query functions return. One rule for every export:
- a list of plain values (venues, provinces) becomes one cell, its items joined with "; ";
  anything nested (a record, provenance) is written as JSON;
- in a workbook, an ISO day ("2023-07-16") is a date cell and a day with a time
  ("2023-07-16T07:30") a date-and-time cell, shown the Vietnamese way (dd/mm/yyyy); a partial value
  ("2023-07", "2023") stays text, as written, because a month is not a day;
- the header row is bold, frozen and filtered; columns are sized to their content;
- a text cell is always text: an archive's "=HYPERLINK(...)" title is never a formula.

A workbook is written in openpyxl's write-only mode, so an export of every event streams instead of
holding a worksheet of cell objects in memory.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections.abc import Iterable
from itertools import chain, islice
from pathlib import Path
from typing import IO, Any

LIST_SEPARATOR = "; "
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_DAY_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)?")
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
MAX_CELL = 32_767  # Excel's limit on the characters of one cell
_SIZE_FROM = 200  # column widths are measured on the first rows (the rest stream)
_MAX_WIDTH = 60
# spreadsheet programs evaluate a CSV cell that starts like a formula
_FORMULA_START = ("=", "+", "@")


def flat(value: Any) -> Any:
    """One CSV/spreadsheet cell for a value: lists of plain values joined, nested values as JSON."""
    if isinstance(value, (list, tuple)):
        if all(v is None or isinstance(v, (str, int, float)) for v in value):
            return LIST_SEPARATOR.join("" if v is None else str(v) for v in value)
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def csv_cell(value: Any, excel: bool = False) -> Any:
    """A CSV cell; for Excel, text that would be read as a formula gets a leading apostrophe."""
    value = flat(value)
    if excel and isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def sheet_value(value: Any) -> Any:
    """The value of a workbook cell: dates as dates, lists joined, nested values as JSON."""
    value = flat(value)
    if isinstance(value, str):
        if _DAY_TIME.fullmatch(value):
            stamp = dt.datetime.fromisoformat(value)
            # a spreadsheet has no time zones: a stamp with an offset ("at", "ingested_at") in local time
            return stamp.astimezone().replace(tzinfo=None) if stamp.tzinfo else stamp
        if _DAY.fullmatch(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:  # "2023-02-30" as an extractor wrote it stays text
                return value
    return value


# worksheet name -> (rows, columns or None for the first row's keys)
Sheets = dict[str, tuple[Iterable[dict[str, Any]], list[str] | None]]


# the columns of an events list (CLI `events`, the web's events workbook), in this order
EVENT_COLUMNS = ["start", "end", "kind", "what", "venues", "when_text", "document_id", "number", "title", "path"]


def event_rows(rows: Iterable[dict[str, Any]]) -> Iterable[dict[str, Any]]:
    """Rows of ``query.iter_events`` without the catalog's bookkeeping columns."""
    for r in rows:
        for k in ("sha256", "ingested_at", "position", "uid_basis"):
            r.pop(k, None)
        yield r


def write_xlsx(sheets: Sheets, dest: str | Path | IO[bytes]) -> int:
    """Write a workbook with one worksheet per entry ``name -> (rows, columns)``; ``columns`` None
    takes the first row's keys. Returns the number of rows written (headers excluded)."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    total = 0
    for name, (rows, columns) in sheets.items():
        total += _write_sheet(wb.create_sheet(_sheet_title(name)), rows, columns)
    if not sheets:
        wb.create_sheet("kehoach")
    wb.save(dest)
    return total


def _sheet_title(name: str) -> str:
    # Excel forbids []:*?/\ in a worksheet's name and allows 31 characters
    return (re.sub(r"[\[\]:*?/\\]", " ", name).strip() or "kehoach")[:31]


def _write_sheet(ws: Any, rows: Iterable[dict[str, Any]], columns: list[str] | None) -> int:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    it = iter(rows)
    head = list(islice(it, _SIZE_FROM))
    cols = columns or (list(head[0]) if head else [])
    widths = [len(c) for c in cols]
    for r in head:
        for i, c in enumerate(cols):
            v = sheet_value(r.get(c))
            shown = 16 if isinstance(v, dt.datetime) else 10 if isinstance(v, dt.date) else len(str(v or ""))
            widths[i] = max(widths[i], min(shown, _MAX_WIDTH))
    for i, w in enumerate(widths, 1):  # write-only: sizes go before the first row
        ws.column_dimensions[get_column_letter(i)].width = w + 2
    ws.freeze_panes = "A2"
    if cols:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(cols))}1"
    bold = Font(bold=True)
    ws.append([_cell(ws, c, font=bold) for c in cols])
    n = 0
    for r in chain(head, it):
        ws.append([_cell(ws, r.get(c)) for c in cols])
        n += 1
    return n


def _cell(ws: Any, value: Any, font: Any = None) -> Any:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    v = sheet_value(value)
    if isinstance(v, str):
        v = ILLEGAL_CHARACTERS_RE.sub("", v)[:MAX_CELL]
    cell = WriteOnlyCell(ws, value=v)
    if isinstance(v, str) and cell.data_type == "f":
        cell.data_type = "s"  # text from an archive, never a formula
    if isinstance(v, dt.datetime):
        cell.number_format = DATETIME_FORMAT
    elif isinstance(v, dt.date):
        cell.number_format = DATE_FORMAT
    if font is not None:
        cell.font = font
    return cell


RECORD_FIELDS = ("doc_type", "number", "issuer", "issuer_parent", "issue_place", "issue_date", "title",
                 "signer_authority", "signer_position", "signer_name", "urgency", "confidentiality",
                 "participant_count", "recipients", "venues")


def record_rows(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """One catalogued document as rows of (field, value, page, start, end): its record's fields with
    where each value came from, then its files; for a CSV or a worksheet of one plan."""
    rec = doc.get("record") or {}
    prov = rec.get("provenance") or {}
    rows = []
    for field in RECORD_FIELDS:
        where = (prov.get(field) or [{}])[0]
        rows.append({"field": field, "value": rec.get(field), "page": where.get("page"),
                     "start": where.get("start"), "end": where.get("end")})
    rows += [{"field": "file", "value": f} for f in doc.get("files") or []]
    rows += [{"field": f"check: {k}", "value": why} for k, why in (rec.get("review") or {}).items()]
    return rows


FIELD_COLUMNS = ["field", "value", "page", "start", "end"]


def document_sheets(doc: dict[str, Any]) -> Sheets:
    """The worksheets of one plan's workbook: its fields, its events, its duties."""
    rec = doc.get("record") or {}
    return {"fields": (record_rows(doc), FIELD_COLUMNS),
            "events": (rec.get("events") or [], ["start", "end", "kind", "what", "venues", "when_text", "responsible"]),
            "duties": (rec.get("responsibilities") or [], ["party", "tasks"])}


def write_csv(rows: Iterable[dict[str, Any]], columns: list[str] | None, out: IO[str], excel: bool = False) -> int:
    """Write CSV as the rows come (an iterator streams); ``columns`` None takes the first row's keys.
    ``excel``: a byte-order mark first, so Excel reads UTF-8 (not the ANSI code page), and formula-like
    text made inert. Returns the number of rows written."""
    it = iter(rows)
    first = next(it, None)
    cols = columns or (list(first) if first else [])
    if excel:
        out.write("\ufeff")
    w = csv.writer(out)
    w.writerow(cols)
    n = 0
    for r in () if first is None else chain([first], it):
        w.writerow(["" if r.get(c) is None else csv_cell(r.get(c), excel) for c in cols])
        n += 1
    return n
