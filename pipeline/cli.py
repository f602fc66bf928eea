"""kehoach command line. Each command parses its arguments and calls one library function.

stdout carries only results; progress, logs and warnings go to stderr.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from pipeline import __version__, catalog
from pipeline.catalog import DEFAULT_DB

app = typer.Typer(
    help=(
        "kehoach — read archived Vietnamese administrative plans (kế hoạch, thông báo, công văn ...), "
        "extract their header, signature and schedule, catalog them in SQLite, search them and export "
        "their dates to calendars.\n\n"
        "Typical use:  kehoach ingest corpus/   then   kehoach search \"dong nai\""
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
    add_completion=False,
)
out = Console(soft_wrap=True)
err = Console(stderr=True)


class Format(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


DbOpt = Annotated[Path, typer.Option("--db", help="catalog file (SQLite)", show_default=True)]
FormatOpt = Annotated[Format | None, typer.Option("--format", "-f", help="output format")]


def _emit(rows: list[dict[str, Any]], fmt: Format, columns: list[str] | None = None, title: str | None = None,
          single: bool = False) -> None:
    if fmt == Format.json:
        payload: Any = rows[0] if single and len(rows) == 1 else rows
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    elif fmt == Format.jsonl:
        for r in rows:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
    elif fmt == Format.csv:
        cols = columns or (list(rows[0]) if rows else [])
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=cols, extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow({k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v)
                        for k, v in r.items()})
        sys.stdout.write(buf.getvalue())
    else:
        cols = columns or (list(rows[0]) if rows else [])
        table = Table(title=title, show_lines=False)
        for c in cols:
            table.add_column(c, overflow="fold")
        for r in rows:
            table.add_row(*["" if r.get(c) is None else str(r.get(c)) for c in cols])
        out.print(table)


def _version(value: bool) -> None:
    if value:
        print(f"kehoach {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                help="print the version and exit")] = False) -> None:
    pass


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="files or folders (folders are read recursively)")],
    fmt: FormatOpt = Format.jsonl,
    include: Annotated[list[str] | None, typer.Option(help="only files matching this glob")] = None,
    exclude: Annotated[list[str] | None, typer.Option(help="skip files matching this glob")] = None,
) -> None:
    """Print the extracted record of each file without touching the catalog.

    One record per input, with "path" as given. --format jsonl (default) prints one JSON object per
    line; json prints one object for one input, an array for several; csv prints the header fields.
    A file that cannot be read gets a one-line error on stderr and an {"path", "error"} record.

    Example:  kehoach extract corpus/kh-23.docx --format json
    """
    from pipeline.errors import KehoachError
    from pipeline.extract import extract_file
    from pipeline.ingest import iter_files

    fmt = fmt or Format.jsonl
    records: list[dict[str, Any]] = []
    failed = 0
    for path in iter_files(paths, include, exclude):
        shown = str(path)
        try:
            rec = extract_file(path).record.to_json()
        except KehoachError as e:
            err.print(f"[red]error[/red] {shown}: {e}", highlight=False)
            rec = {"path": shown, "error": f"{e.stage}: {e}"}
            failed += 1
        except Exception as e:  # keep the batch going; say what broke
            err.print(f"[red]error[/red] {shown}: {type(e).__name__}: {e}", highlight=False)
            rec = {"path": shown, "error": f"extract: {type(e).__name__}: {e}"}
            failed += 1
        if fmt == Format.jsonl:
            sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
            sys.stdout.flush()
        else:
            records.append(rec)
    if fmt == Format.table:
        fmt = Format.json
    if fmt != Format.jsonl:
        cols = ["path", "doc_type", "number", "issuer", "issue_place", "issue_date", "title", "signer_name"]
        _emit(records, fmt, cols if fmt == Format.csv else None, single=True)
    if failed and failed == len(records or [1]) and fmt != Format.jsonl:
        raise typer.Exit(1)


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
                "select id, format, doc_type, number, issuer, issue_date, title, "
                "(select count(*) from events e where e.document_id = d.id) as events "
                f"from documents d where id in ({','.join('?' * len(ids))}) order by id", ids)]
            _emit(rows, Format.table, title="documents")
    if strict and result["failed"]:
        raise typer.Exit(3)


@app.command()
def search(
    text: Annotated[str | None, typer.Argument(help="words to find; diacritics optional (dong nai = Đồng Nai)")] = None,
    db: DbOpt = DEFAULT_DB,
    limit: Annotated[int, typer.Option(help="at most this many results")] = 50,
    fmt: FormatOpt = None,
    json_out: Annotated[bool, typer.Option("--json", help="same as --format json")] = False,
) -> None:
    """Find documents by words in their title or text, exact spellings first.

    Example:  kehoach search "nha van hoa" --format jsonl
    """
    fmt = Format.json if json_out else (fmt or Format.table)
    _require_db(db)
    rows = catalog.search(catalog.connect(db), text, limit=limit)
    _emit(rows, fmt, ["id", "doc_type", "number", "issuer", "issue_date", "title", "snippet", "path"]
          if fmt in (Format.table, Format.csv) else None)


@app.command()
def show(
    doc_id: Annotated[int, typer.Argument(help="document id (from search)")],
    db: DbOpt = DEFAULT_DB,
    fmt: FormatOpt = None,
) -> None:
    """Show one document's record, source files and where each value came from."""
    _require_db(db)
    doc = catalog.get_document(catalog.connect(db), doc_id)
    if doc is None:
        err.print(f"no document {doc_id} in {db}")
        raise typer.Exit(1)
    fmt = fmt or Format.table
    if fmt != Format.table:
        _emit([doc], fmt, single=True)
        return
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
    out.print(t)
    if rec.get("events"):
        _emit([{"start": e.get("start"), "end": e.get("end"), "kind": e.get("kind"), "what": e.get("what"),
                "venues": "; ".join(e.get("venues", []))} for e in rec["events"]], Format.table, title="events")
    if rec.get("responsibilities"):
        _emit([{"party": r["party"], "tasks": "\n".join(r.get("tasks", []))} for r in rec["responsibilities"]],
              Format.table, title="responsibilities")


@app.command()
def errors(db: DbOpt = DEFAULT_DB, fmt: FormatOpt = None) -> None:
    """List the files that could not be read, with the stage and the reason."""
    _require_db(db)
    rows = list(catalog.connect(db).query("select path, stage, reason, at from errors order by at"))
    _emit(rows, fmt or Format.table, ["path", "stage", "reason", "at"])


@app.command()
def schema() -> None:
    """Print the JSON Schema of the record that extract prints and the catalog stores."""
    from pipeline.record import json_schema

    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))


def _require_db(db: Path) -> None:
    if not db.exists():
        err.print(f"no catalog at {db}: run `kehoach ingest PATH...` first (or pass --db)")
        raise typer.Exit(1)


def main() -> None:
    # model-loading libraries print to stdout on import; keep stdout for results
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    app()


if __name__ == "__main__":
    main()
