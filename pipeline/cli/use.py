"""kehoach search, show, events, calendar and serve commands (registered on pipeline.cli.main.app)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pipeline.cli.main import (
    TABLE_ROWS,
    DbOpt,
    ExcelOpt,
    Format,
    FormatOpt,
    OutputOpt,
    app,
    emit,
    err,
    out,
    pick_format,
    require_db,
    save_workbook,
    say,
)
from pipeline.paths import DEFAULT_DB

if TYPE_CHECKING:  # the catalog and query code load in the commands (--help and other commands start faster)
    from pipeline.use.query import Filters

# the filters every finding command shares
TextArg = Annotated[str | None, typer.Argument(
    help="words to find in the title or text; diacritics optional (dong nai = Đồng Nai)")]
VenueOpt = Annotated[str | None, typer.Option(
    "--venue", help='a venue, fuzzy: "NVH TTN", "TP. HCM", "Q.11"; a province finds its old and new names')]
FromOpt = Annotated[str | None, typer.Option(
    "--from", help="period start: 2023, 2023-07, 2023-07-15 or 15/7/2023")]
ToOpt = Annotated[str | None, typer.Option("--to", help="period end (inclusive), same forms as --from")]
IssuedOpt = Annotated[bool, typer.Option(
    "--issued", help="the period applies to the issue date, not to the events")]
IssuerOpt = Annotated[str | None, typer.Option("--issuer", help='issuing body, words in any order: "UBND Quận 11"')]
TypeOpt = Annotated[str | None, typer.Option("--type", help='document type: KH, TB, CV ... or "KẾ HOẠCH"')]
NumberOpt = Annotated[str | None, typer.Option("--number", help='number: "39", "39-BC/ĐTN" or "KH-UBND"')]
KindOpt = Annotated[str | None, typer.Option("--kind", help="event | deadline")]
MissingOpt = Annotated[bool, typer.Option(
    "--include-missing", help="also plans whose every file is gone from disk (marked missing by ingest)")]


def _filters(text: str | None, venue: str | None, date_from: str | None, date_to: str | None, issued: bool,
             issuer: str | None, doc_type: str | None, number: str | None, kind: str | None = None,
             include_missing: bool = False) -> Filters:
    from pipeline.use.query import Filters, parse_partial_date

    try:
        start = parse_partial_date(date_from) if date_from else None
        end = parse_partial_date(date_to, end=True) if date_to else None
    except ValueError as e:
        raise typer.BadParameter(str(e)) from e
    if kind and kind not in ("event", "deadline"):
        raise typer.BadParameter(f"--kind must be event or deadline, not {kind!r}")
    return Filters(text=text, venue=venue, date_from=start, date_to=end, issued=issued, issuer=issuer,
                   doc_type=doc_type, number=number, kind=kind, include_missing=include_missing)


def _table_limit(limit: int | None, what: str) -> int:
    """How many rows a table shows: --limit up to a screenful or two (TABLE_ROWS)."""
    if limit and limit > TABLE_ROWS:
        say(f"a table shows at most {TABLE_ROWS} {what}: use --format jsonl (or csv) for {limit}")
    return min(limit or TABLE_ROWS, TABLE_ROWS)


@app.command()
def search(
    text: TextArg = None,
    venue: VenueOpt = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    issued: IssuedOpt = False,
    issuer: IssuerOpt = None,
    doc_type: TypeOpt = None,
    number: NumberOpt = None,
    include_missing: MissingOpt = False,
    db: DbOpt = DEFAULT_DB,
    limit: Annotated[int, typer.Option(help="at most this many results")] = 50,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    excel: ExcelOpt = False,
    json_out: Annotated[bool, typer.Option("--json", help="same as --format json")] = False,
) -> None:
    """Find plans by words, venue, period, issuer, type and number, in any combination.

    Words are ranked (exact spellings first) and shown in a snippet. --from/--to keep the plans whose
    events overlap the period (with --issued: the plans issued in it).

    \b
    Examples:
      kehoach search "nha van hoa" --format jsonl
      kehoach search --venue "NVH TTN Bình Phước" --from 2026-03 --to 2026-04
      kehoach search --type KH --issuer "Quận 11" --from 2023 --to 2023 --issued
      kehoach search --from 2023 --to 2023 --limit 1000 -o plans-2023.xlsx
    """
    from pipeline.catalog import db as catalog
    from pipeline.use.query import search_documents

    fmt = Format.json if json_out else pick_format(fmt, output, excel)
    require_db(db)
    f = _filters(text, venue, date_from, date_to, issued, issuer, doc_type, number, None, include_missing)
    if fmt == Format.table and (not limit or limit > TABLE_ROWS):
        limit = _table_limit(limit, "results")
    rows = search_documents(catalog.connect_read(db), f, limit=limit)
    for r in rows:
        r.pop("sha256", None)
    cols = ["id", "doc_type", "number", "issuer", "issue_date", "title", "first_event", "last_event", "venues"]
    cols += ["snippet"] if text else []
    # one plan in several files (formats): every file, in a table as the path cell, else as "files"
    cols += ["path"] if fmt == Format.table else ["path", "files"]
    if fmt == Format.table:
        for r in rows:
            if r.get("files"):
                r["path"] = "\n".join(r["files"])
    emit(rows, fmt, None if fmt in (Format.json, Format.jsonl) else cols, title="plans", output=output, excel=excel)


@app.command()
def events(
    text: TextArg = None,
    venue: VenueOpt = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    issued: IssuedOpt = False,
    issuer: IssuerOpt = None,
    doc_type: TypeOpt = None,
    number: NumberOpt = None,
    kind: KindOpt = None,
    include_missing: MissingOpt = False,
    db: DbOpt = DEFAULT_DB,
    limit: Annotated[int | None, typer.Option(help="at most this many events")] = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    excel: ExcelOpt = False,
) -> None:
    """List the events and deadlines of the matching plans, sorted by date, with their document.

    With --from/--to only the events overlapping the period are listed; with --venue only those held there.

    \b
    Examples:
      kehoach events --from 2023-07 --to 2023-09 --kind deadline
      kehoach events --from 2023-07 --to 2023-07 -o events-2023-07.xlsx
      kehoach events --from 2023-07 --to 2023-07 --excel -o events-2023-07.csv
    """
    from pipeline.catalog import db as catalog
    from pipeline.use.query import iter_events

    require_db(db)
    fmt = pick_format(fmt, output, excel)
    f = _filters(text, venue, date_from, date_to, issued, issuer, doc_type, number, kind, include_missing)
    shown = _table_limit(limit, "events") if fmt == Format.table and (not limit or limit > TABLE_ROWS) else limit
    rows = iter_events(catalog.connect_read(db), f, limit=shown + 1 if shown != limit else limit)
    from pipeline.use.export import EVENT_COLUMNS, event_rows

    def cleaned():
        for i, r in enumerate(event_rows(rows)):
            if shown is not None and i >= shown:  # a table is cut at a screenful: say how to get the rest
                say(f"more than {shown} events: only the first {shown} are shown as a table; use "
                    "--format jsonl (or csv) for all of them, or --limit")
                return
            if fmt == Format.table:
                r["what"] = r["what"] if not r["what"] or len(r["what"]) <= 90 else r["what"][:89] + "…"
            yield r

    emit(cleaned(), fmt, None if fmt in (Format.json, Format.jsonl) else EVENT_COLUMNS, title="events", output=output,
         excel=excel)


@app.command("calendar")
def calendar_cmd(
    text: TextArg = None,
    venue: VenueOpt = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    issued: IssuedOpt = False,
    issuer: IssuerOpt = None,
    doc_type: TypeOpt = None,
    number: NumberOpt = None,
    kind: KindOpt = None,
    db: DbOpt = DEFAULT_DB,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="the .ics file (default: stdout)")] = None,
    name: Annotated[str, typer.Option(help="calendar name shown by calendar apps")] = "kehoach",
) -> None:
    """Export the events and deadlines of the matching plans as an iCalendar (.ics) file.

    Day dates become all-day events, times become timed events (Asia/Ho_Chi_Minh), months and
    quarters become tentative all-day events on their first day, deadlines get an alarm. UIDs are
    stable: importing a new export again updates events instead of duplicating them.

    Example:  kehoach calendar --venue "Quận 11" --from 2023 -o plans.ics
    """
    from pipeline.catalog import db as catalog
    from pipeline.use.calendar import write_ics
    from pipeline.use.query import iter_events

    require_db(db)
    f = _filters(text, venue, date_from, date_to, issued, issuer, doc_type, number, kind)
    dbh = catalog.connect_read(db)

    def rows():
        return iter_events(dbh, f)

    if output is None:  # written as the events are read
        written, skipped = write_ics(rows, sys.stdout.buffer, name=name)
        sys.stdout.flush()
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        with output.open("wb") as fh:
            written, skipped = write_ics(rows, fh, name=name)
    note = f"; {skipped} without a date skipped" if skipped else ""
    say(f"{written} events{note}" + (f" -> {output}" if output else ""))


@app.command()
def serve(
    db: DbOpt = DEFAULT_DB,
    port: Annotated[int, typer.Option(help="port to listen on")] = 8001,
    host: Annotated[str, typer.Option(help="address to listen on (this machine only by default)")] = "127.0.0.1",
    edit: Annotated[bool, typer.Option(
        "--edit", help="let visitors correct values on the document pages (off by default)")] = False,
) -> None:
    """Browse the catalog in a web browser (Datasette): search, facets by year, issuer, province and
    type, ready-made queries, a page per document (/-/kehoach/doc/ID: each value with the words it
    was read from, on the page image for PDFs and scans), links to each plan's source file, and an
    .ics calendar feed.

    The database shows under its file name: output/catalog.db -> http://127.0.0.1:8001/catalog

    \b
    Examples:
      kehoach serve --port 8001
      kehoach serve --edit          # correction forms on the document pages, for this machine only
    """
    from pipeline.use.serve import run

    require_db(db)
    run(db, host=host, port=port, edit=edit)


@app.command()
def show(
    doc_id: Annotated[int, typer.Argument(help="document id (from search)")],
    db: DbOpt = DEFAULT_DB,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    excel: ExcelOpt = False,
) -> None:
    """Show one document's record, source files and where each value came from.

    --format json prints the document as one object (its extracted record under "record"); csv one
    row per field (field, value, page, start, end); xlsx a workbook with the fields, the events and
    the duties on three sheets.

    \b
    Examples:
      kehoach show 1
      kehoach show 1 --format json
      kehoach show 1 -o plan-1.xlsx
    """
    from pipeline.catalog import db as catalog
    from pipeline.use.export import FIELD_COLUMNS, document_sheets, record_rows

    require_db(db)
    dbh = catalog.connect_read(db)
    doc = catalog.get_document(dbh, doc_id)
    if doc is None:
        err.print(f"no document {doc_id} in {db}")
        raise typer.Exit(1)
    fmt = pick_format(fmt, output, excel)
    if fmt in (Format.json, Format.jsonl):
        emit([doc], fmt, single=True, output=output)
        return
    if fmt == Format.csv:
        emit(record_rows(doc), fmt, FIELD_COLUMNS, output=output, excel=excel)
        return
    if fmt == Format.xlsx:
        save_workbook(document_sheets(doc), output)
        return
    if output is not None:
        err.print("show draws its table on the terminal: use --format csv, json or xlsx with -o")
        raise typer.Exit(2)
    from rich.table import Table

    rec = doc["record"] or {}
    t = Table(title=f"document {doc_id}", show_header=False)
    t.add_column("field")
    t.add_column("value", overflow="fold")
    t.add_column("source", overflow="fold")
    prov = rec.get("provenance", {})
    for k in ("doc_type", "number", "issuer", "issuer_parent", "issue_place", "issue_date", "title",
              "signer_authority", "signer_position", "signer_name", "participant_count"):
        p = prov.get(k) or []
        where = f"p.{p[0]['page']} chars {p[0]['start']}-{p[0]['end']}" if p else ""
        t.add_row(k, "" if rec.get(k) is None else str(rec.get(k)), where)
    t.add_row("recipients", "\n".join(rec.get("recipients", [])), "")
    t.add_row("venues", "\n".join(rec.get("venues", [])), "")
    t.add_row("files", "\n".join(doc["files"]), "")
    from pipeline.use.query import plan_files

    others = [p for p, _, d in plan_files(dbh, doc.get("twin_of") or doc_id) if d != doc_id]
    if others:  # the same plan saved in other files (formats)
        t.add_row("same plan", "\n".join(others), "")
    pages = rec.get("pages") or []
    if any(p.get("source") == "ocr" for p in pages):
        t.add_row("pages", "\n".join(
            f"p.{p['page']}: {p['source']}" + (f", OCR confidence {p['ocr_confidence']}%" if p.get("ocr_confidence")
                                               else "") + (f" ({p['ocr_reason']})" if p.get("ocr_reason") else "")
            for p in pages), "word boxes: table pages")
    for field, why in (rec.get("review") or {}).items():
        t.add_row(f"check: {field}", why, "")
    for field, c in (rec.get("corrected") or {}).items():  # kehoach correct
        t.add_row(f"corrected: {field}", f"{c.get('value')!s} (was {c.get('was')!s})", f"{c.get('who')}, {c.get('at')}")
    out.print(t)
    if rec.get("events"):
        emit([{"start": e.get("start"), "end": e.get("end"), "kind": e.get("kind"), "what": e.get("what"),
                "venues": "; ".join(e.get("venues", []))} for e in rec["events"]], Format.table, title="events")
    if rec.get("responsibilities"):
        emit([{"party": r["party"], "tasks": "\n".join(r.get("tasks", []))} for r in rec["responsibilities"]],
              Format.table, title="responsibilities")
