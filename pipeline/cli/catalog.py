"""kehoach correct, review, history and prune: keeping the catalog true (registered on
pipeline.cli.main.app)."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from pipeline.cli.main import DbOpt, ExcelOpt, Format, FormatOpt, OutputOpt, app, emit, err, pick_format, require_db
from pipeline.paths import DEFAULT_DB


@app.command()
def correct(
    doc_id: Annotated[int, typer.Argument(help="document id (from search)")],
    field: Annotated[str, typer.Argument(
        help="number, issue_date, title, issuer, signer_name ... urgency, confidentiality, "
        "participant_count, or events.N.start|end|what|venues (N as `kehoach show` lists the events)")],
    value: Annotated[str | None, typer.Argument(
        help="the right value (dates YYYY-MM-DD, YYYY-MM or YYYY; venues separated by ';'; '' for none)")] = None,
    clear: Annotated[bool, typer.Option("--clear", help="drop the correction: the extracted value is back")] = False,
    who: Annotated[str | None, typer.Option("--who", help="who corrects (default: $USER)")] = None,
    db: DbOpt = DEFAULT_DB,
    fmt: FormatOpt = None,
) -> None:
    """Correct a value of a document, or fill one in. The correction is kept apart from extraction
    (who, when, the value extracted and the new one) and wins on every read, export and calendar;
    it survives `ingest --force` and carries over to a changed file that still reads the old value.

    \b
    Examples:
      kehoach correct 12 number "41-KH/HĐBĐ"
      kehoach correct 12 issue_date 2024-03-15 --who "Lan"
      kehoach correct 12 events.2.start 2024-04-20T07:30
      kehoach correct 12 number --clear
    """
    from pipeline.catalog import db as catalog
    from pipeline.catalog.corrections import CorrectionError
    from pipeline.catalog.corrections import correct as run_correct

    if clear == (value is not None):
        err.print("give a VALUE, or --clear (not both)")
        raise typer.Exit(2)
    require_db(db)
    try:
        row = run_correct(catalog.connect(db), doc_id, field, None if clear else value,
                          who=who or os.environ.get("USER"))
    except CorrectionError as e:
        err.print(f"[red]error:[/red] {e}", highlight=False)
        raise typer.Exit(1) from None
    verb = "cleared" if clear else "corrected"
    err.print(f"document {doc_id}: {field} {verb} ({row['extracted']!r} as extracted)", highlight=False,
              markup=False)
    emit([row], fmt or Format.table, ["document_id", "field", "extracted", "value", "who", "at"]
         if (fmt or Format.table) in (Format.table, Format.csv) else None, single=True)


@app.command()
def review(db: DbOpt = DEFAULT_DB, fmt: FormatOpt = None, output: OutputOpt = None, excel: ExcelOpt = False) -> None:
    """List the values flagged for a person to check (a number or date not legible, a blank day of
    issue ...) and not yet corrected, and the corrections left stale by a changed file.

    \b
    Examples:
      kehoach review
      kehoach review -o to_check.xlsx
    """
    from pipeline.catalog import db as catalog
    from pipeline.catalog.corrections import review_queue

    require_db(db)
    rows = review_queue(catalog.connect_read(db))
    fmt = pick_format(fmt, output, excel)
    if not rows:
        err.print("nothing to review", highlight=False)
        if fmt == Format.table:
            return
    emit(rows, fmt, ["document_id", "field", "value", "why", "title", "path"], title="review", output=output,
         excel=excel)


@app.command()
def history(
    doc_id: Annotated[int, typer.Argument(help="document id (from search)")],
    db: DbOpt = DEFAULT_DB,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    excel: ExcelOpt = False,
) -> None:
    """List the versions of a document: its file changed but its id stayed; each earlier content is
    kept with what it read.

    Example:  kehoach history 12
    """
    from pipeline.catalog import db as catalog
    from pipeline.catalog.corrections import history as run_history

    require_db(db)
    rows = run_history(catalog.connect_read(db), doc_id)
    if not rows:
        err.print(f"no document {doc_id} in {db}")
        raise typer.Exit(1)
    emit(rows, pick_format(fmt, output, excel), ["version", "current", "ingested_at", "replaced_at", "number",
                                                 "issue_date", "title", "events", "path", "sha256"],
         title="history", output=output, excel=excel)


@app.command()
def prune(
    db: DbOpt = DEFAULT_DB,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="only list what would be removed")] = False,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    excel: ExcelOpt = False,
) -> None:
    """Remove from the catalog the files marked missing (gone from disk when ingest or watch last
    looked) and the documents left with no file. Corrections stay, keyed by content, and come back
    if the same file is ingested again.

    Example:  kehoach prune --dry-run
    """
    from pipeline.catalog import db as catalog

    require_db(db)
    rows = catalog.prune(catalog.connect(db), dry_run=dry_run)
    fmt = pick_format(fmt, output, excel)
    if rows or fmt != Format.table:
        emit(rows, fmt, ["path", "document_id", "missing_since", "document_removed"], title="prune", output=output,
             excel=excel)
    docs = len({r["document_id"] for r in rows if r["document_removed"]})
    files = sum(1 for r in rows if r["path"])
    err.print(f"{'would remove' if dry_run else 'removed'} {files} missing files and {docs} documents",
              highlight=False)
