"""kehoach command line. Each command parses its arguments and calls one library function.

stdout carries only results; progress, logs and warnings go to stderr. Start-up is kept short: the
modules here import only typer; rich, the catalog's sqlite-utils, the extractors and their models are
imported by the commands that use them.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Iterable
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from pipeline import __version__
from pipeline.cli import fast as cli_fast

cli_fast.install()  # plain values converted without pydantic (start-up)

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


class _LazyConsole:
    """A rich Console made on first use (importing rich costs start-up time a query command in
    --format jsonl never needs)."""

    def __init__(self, stderr: bool) -> None:
        self._stderr = stderr
        self._console = None

    def real(self) -> Any:
        """The rich Console itself (for rich objects that take a console)."""
        if self._console is None:
            from rich.console import Console

            # a pipe or a file gets wide tables rather than 80 columns of wrapped cells
            width = None if self._stderr or sys.stdout.isatty() else 160
            self._console = Console(stderr=self._stderr, soft_wrap=True, width=width)
        return self._console

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real(), name)


out = _LazyConsole(stderr=False)
err = _LazyConsole(stderr=True)
# at most this many rows are drawn as a table (a screenful or two): drawing is slow (15 s for 8,553
# rows) and nobody reads more in a terminal; beyond it the command says how to get everything
TABLE_ROWS = 100


class Format(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


DbOpt = Annotated[Path, typer.Option("--db", help="catalog file (SQLite)", show_default=True)]
FormatOpt = Annotated[Format | None, typer.Option("--format", "-f", help="output format")]


def emit(rows: Iterable[dict[str, Any]], fmt: Format, columns: list[str] | None = None, title: str | None = None,
          single: bool = False) -> None:
    """Print rows; jsonl and csv are written as the rows come (an iterator streams)."""
    if fmt == Format.json:
        rows = list(rows)
        payload: Any = rows[0] if single and len(rows) == 1 else rows
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    elif fmt == Format.jsonl:
        for r in rows:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
    elif fmt == Format.csv:
        it = iter(rows)
        first = next(it, None)
        cols = columns or (list(first) if first else [])
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=cols, extrasaction="ignore")
        w.writeheader()
        for i, r in enumerate(() if first is None else _chain(first, it)):
            w.writerow({k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v)
                        for k, v in r.items()})
            if i % 1000 == 999:
                sys.stdout.write(buf.getvalue())
                buf.seek(0)
                buf.truncate()
        sys.stdout.write(buf.getvalue())
    else:
        from rich.table import Table

        rows = list(rows)
        cols = columns or (list(rows[0]) if rows else [])
        table = Table(title=title, show_lines=False)
        for c in cols:
            table.add_column(c, overflow="fold")
        for r in rows:
            table.add_row(*["" if r.get(c) is None else str(r.get(c)) for c in cols])
        out.print(table)


def _chain(first: dict[str, Any], rest: Iterable[dict[str, Any]]) -> Iterable[dict[str, Any]]:
    yield first
    yield from rest


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
    from pipeline.catalog.ingest import iter_files
    from pipeline.errors import KehoachError
    from pipeline.extract import extract_file
    from pipeline.paths import shown as shown_path

    fmt = fmt or Format.jsonl
    records: list[dict[str, Any]] = []
    failed = 0
    for path in iter_files(paths, include, exclude):
        shown = shown_path(path)  # a name that is not UTF-8 with its bytes as \xNN
        try:
            rec = extract_file(path).record.to_json()
            rec["path"] = shown
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
        emit(records, fmt, cols if fmt == Format.csv else None, single=True)
    if failed and failed == len(records or [1]) and fmt != Format.jsonl:
        raise typer.Exit(1)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the record that extract prints and the catalog stores."""
    from pipeline.record import json_schema

    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))


def require_db(db: Path) -> None:
    if not db.exists():
        err.print(f"no catalog at {db}: run `kehoach ingest PATH...` first (or pass --db)")
        raise typer.Exit(1)


def main() -> None:
    # model-loading libraries print to stdout on import; keep stdout for results
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    app()


# the commands live in their own modules; importing them registers them on ``app``
from pipeline.cli import catalog as cli_catalog  # noqa: E402,F401
from pipeline.cli import ingest as cli_ingest  # noqa: E402,F401
from pipeline.cli import scan as cli_scan  # noqa: E402,F401
from pipeline.cli import use as cli_use  # noqa: E402,F401
