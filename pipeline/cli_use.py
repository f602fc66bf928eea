"""kehoach search and show commands (registered on pipeline.cli.app)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from pipeline import catalog
from pipeline.catalog import DEFAULT_DB
from pipeline.cli import DbOpt, Format, FormatOpt, app, emit, err, out, require_db


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
    require_db(db)
    rows = catalog.search(catalog.connect(db), text, limit=limit)
    emit(rows, fmt, ["id", "doc_type", "number", "issuer", "issue_date", "title", "snippet", "path"]
          if fmt in (Format.table, Format.csv) else None)


@app.command()
def show(
    doc_id: Annotated[int, typer.Argument(help="document id (from search)")],
    db: DbOpt = DEFAULT_DB,
    fmt: FormatOpt = None,
) -> None:
    """Show one document's record, source files and where each value came from."""
    require_db(db)
    doc = catalog.get_document(catalog.connect(db), doc_id)
    if doc is None:
        err.print(f"no document {doc_id} in {db}")
        raise typer.Exit(1)
    fmt = fmt or Format.table
    if fmt != Format.table:
        emit([doc], fmt, single=True)
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
        emit([{"start": e.get("start"), "end": e.get("end"), "kind": e.get("kind"), "what": e.get("what"),
                "venues": "; ".join(e.get("venues", []))} for e in rec["events"]], Format.table, title="events")
    if rec.get("responsibilities"):
        emit([{"party": r["party"], "tasks": "\n".join(r.get("tasks", []))} for r in rec["responsibilities"]],
              Format.table, title="responsibilities")


