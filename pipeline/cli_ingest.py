"""kehoach ingest and errors commands (registered on pipeline.cli.app)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from pipeline import catalog
from pipeline.catalog import DEFAULT_DB
from pipeline.cli import DbOpt, Format, FormatOpt, app, emit, err, require_db


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="files or folders to add (folders recursively)")],
    db: DbOpt = DEFAULT_DB,
    include: Annotated[list[str] | None, typer.Option(help="only files matching this glob (repeatable)")] = None,
    exclude: Annotated[list[str] | None, typer.Option(help="skip files matching this glob (repeatable)")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="print the summary as JSON")] = False,
    strict: Annotated[bool, typer.Option(help="exit 3 when any file failed")] = False,
) -> None:
    """Add documents to the catalog (default output/catalog.db).

    Unchanged files are skipped by content hash; a changed file replaces its old record; a copy or a
    renamed file is linked to the document already there. A file that cannot be read is listed in the
    errors table (see `kehoach errors`) and the batch goes on.

    Example:  kehoach ingest corpus/ --exclude '*.tmp'
    """
    from pipeline.ingest import ingest as run_ingest
    from pipeline.ingest import iter_files

    files = list(iter_files(paths, include, exclude))
    if not files:
        err.print("no files found under the given paths")
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[failed]} failed"), TimeRemainingColumn(),
                  console=err, transient=True) as progress:
        task = progress.add_task("ingesting", total=len(files), failed=0)
        failed = 0

        def on_file(o) -> None:
            nonlocal failed
            if o.status == "failed":
                failed += 1
                progress.console.print(f"[red]failed[/red] {o.path}: {o.reason}", highlight=False)
            progress.update(task, advance=1, failed=failed)

        try:
            summary = run_ingest(paths, db, files=files, on_file=on_file)
        except Exception as e:  # the catalog itself is unusable
            err.print(f"[red]fatal:[/red] {e}")
            raise typer.Exit(1) from e
    result = summary.as_dict()
    if json_out:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        counts = ", ".join(f"{k} {result[k]}" for k in ("ingested", "updated", "unchanged", "duplicate", "failed"))
        print(f"{result['files']} files: {counts} -> {db}")
        ids = [o.document_id for o in summary.outcomes if o.document_id]
        if ids:
            dbh = catalog.connect(db)
            rows = [r for r in dbh.query(
                "select id, format, doc_type, number, issuer, issue_date, substr(title, 1, 60) as title, "
                "(select count(*) from events e where e.document_id = d.id) as events "
                f"from documents d where id in ({','.join('?' * len(ids))}) order by id", ids)]
            emit(rows, Format.table, title="documents")
    if strict and result["failed"]:
        raise typer.Exit(3)



@app.command()
def errors(db: DbOpt = DEFAULT_DB, fmt: FormatOpt = None) -> None:
    """List the files that could not be read, with the stage and the reason."""
    require_db(db)
    rows = list(catalog.connect(db).query("select path, stage, reason, at from errors order by at"))
    emit(rows, fmt or Format.table, ["path", "stage", "reason", "at"])


