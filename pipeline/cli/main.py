"""kehoach command line. Each command parses its arguments and calls one library function.

stdout carries only results; progress, logs and warnings go to stderr. Start-up is kept short: the
modules here import only typer; rich, the catalog's sqlite-utils, the extractors and their models are
imported by the commands that use them.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

from pipeline import __version__
from pipeline.cli import fast as cli_fast

if TYPE_CHECKING:
    from pipeline.use.export import Sheets

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


def say(message: str) -> None:
    """A plain status line on stderr ("771 events -> plans.ics"), written as is: importing rich for
    it cost a query command ≈ 35 ms, and a path holding "[...]" would be read as markup."""
    sys.stderr.write(message + "\n")
    sys.stderr.flush()
# at most this many rows are drawn as a table (a screenful or two): drawing is slow (15 s for 8,553
# rows) and nobody reads more in a terminal; beyond it the command says how to get everything
TABLE_ROWS = 100


class Format(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    xlsx = "xlsx"


DbOpt = Annotated[Path, typer.Option("--db", help="catalog file (SQLite)", show_default=True)]
FormatOpt = Annotated[Format | None, typer.Option(
    "--format", "-f", help="output format: table (people), json, jsonl, csv (programs; --excel for Excel), "
    "xlsx (an Excel workbook; needs -o FILE)")]
OutputOpt = Annotated[Path | None, typer.Option(
    "--output", "-o", help="write to FILE instead of stdout; without --format its suffix picks the format "
    "(.xlsx, .csv, .json, .jsonl)")]
ExcelOpt = Annotated[bool, typer.Option(
    "--excel", help="CSV for Excel: UTF-8 with a byte-order mark (Vietnamese shows right), formula-like text "
    "made inert; implies --format csv")]
SUFFIX_FORMATS = {".xlsx": Format.xlsx, ".csv": Format.csv, ".json": Format.json, ".jsonl": Format.jsonl,
                  ".ndjson": Format.jsonl}


def pick_format(fmt: Format | None, output: Path | None = None, excel: bool = False,
                default: Format = Format.table) -> Format:
    """--format if given, else the output file's suffix, else csv for --excel, else the command's default."""
    if fmt is not None:
        return fmt
    if output is not None and output.suffix.lower() in SUFFIX_FORMATS:
        return SUFFIX_FORMATS[output.suffix.lower()]
    return Format.csv if excel else default


def emit(rows: Iterable[dict[str, Any]], fmt: Format, columns: list[str] | None = None, title: str | None = None,
         single: bool = False, output: Path | None = None, excel: bool = False) -> None:
    """Print rows, or write them to ``output``; jsonl and csv are written as the rows come (an
    iterator streams). ``columns`` picks and orders the columns of table, csv and xlsx (default: the
    first row's keys); ``single`` prints one row as an object (not an array) in json."""
    if fmt == Format.xlsx:
        save_workbook({title or "kehoach": (rows, columns)}, output)
        return
    with _text_out(output) as fh:
        if fmt == Format.json:
            rows = list(rows)
            payload: Any = rows[0] if single and len(rows) == 1 else rows
            fh.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
            n = len(rows)
        elif fmt == Format.jsonl:
            n = 0
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
                n += 1
        elif fmt == Format.csv:
            from pipeline.use.export import write_csv

            n = write_csv(rows, columns, fh, excel=excel)
        else:
            n = _table(rows, columns, title, fh if output is not None else None)
    if output is not None:
        say(f"{n} rows -> {output}")


def save_workbook(sheets: Sheets, output: Path | None) -> None:
    """An .xlsx (one worksheet per entry) to ``output``, or to stdout when that is not a terminal."""
    from pipeline.use.export import write_xlsx as write

    if output is None:
        if sys.stdout.isatty():
            err.print("--format xlsx writes a file: add -o FILE.xlsx (or redirect stdout)")
            raise typer.Exit(2)
        write(sheets, sys.stdout.buffer)
        sys.stdout.flush()
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    n = write(sheets, output)
    say(f"{n} rows -> {output}")


@contextmanager
def _text_out(output: Path | None) -> Iterator[TextIO]:
    if output is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8", newline="") as fh:
        yield fh


def _table(rows: Iterable[dict[str, Any]], columns: list[str] | None, title: str | None,
           fh: TextIO | None = None) -> int:
    """Draw the rows as a table on stdout (or as plain text in ``fh``); returns how many. rich
    draws it when it fits a screenful of a terminal; longer tables, pipes and files get the same
    cells from pipeline.cli.table, in rich's look, in a fraction of the time (rich took ≈ 150 ms of
    CPU for 100 events, and ≈ 40 ms to import)."""
    from pipeline.use.export import flat

    rows = list(rows)
    cols = columns or (list(rows[0]) if rows else [])
    cells = [["" if r.get(c) is None else str(flat(r.get(c))) for c in cols] for r in rows]
    if fh is None and sys.stdout.isatty():
        size = shutil.get_terminal_size()
        if len(rows) + 6 <= size.lines:
            from rich.table import Table
            from rich.text import Text

            table = Table(title=title, show_lines=False)
            for c in cols:
                table.add_column(c, overflow="fold")
            # cells as Text: shown as written ("[bold]" in a title stays), and not parsed for markup,
            # which was half the time of drawing 100 events (349 -> 154 ms)
            for row in cells:
                table.add_row(*map(Text, row))
            out.print(table)
            return len(rows)
        width = size.columns
    else:
        width = 200 if fh is not None else 160  # a file or a pipe: wide rows rather than wrapped cells
    from pipeline.cli.table import write_table

    write_table(cols, cells, fh or sys.stdout, width, title)
    return len(rows)


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
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    excel: ExcelOpt = False,
    include: Annotated[list[str] | None, typer.Option(help="only files matching this glob")] = None,
    exclude: Annotated[list[str] | None, typer.Option(help="skip files matching this glob")] = None,
) -> None:
    """Print the extracted record of each file without touching the catalog.

    One record per input, with "path" as given. --format jsonl (default) prints one JSON object per
    line as each file is read; json prints one object for one input, an array for several; table,
    csv and xlsx show the header fields, one row per file. A file that cannot be read gets a
    one-line error on stderr and an {"path", "error"} record.

    \b
    Examples:
      kehoach extract corpus/kh-39-quan-11-clb-bi-thu.docx --format json
      kehoach extract corpus/ -f table
      kehoach extract corpus/ -o records.xlsx
    """
    from extractors.segmenter import preload

    preload()  # the segmentation model's weights are read on the other core while the extractors load
    from pipeline.catalog.files import iter_files
    from pipeline.errors import KehoachError
    from pipeline.extract import extract_file
    from pipeline.paths import shown as shown_path

    fmt = pick_format(fmt, output, excel, default=Format.jsonl)
    counts = {"read": 0, "failed": 0}

    def records() -> Iterator[dict[str, Any]]:
        for path in iter_files(paths, include, exclude):
            shown = shown_path(path)  # a name that is not UTF-8 with its bytes as \xNN
            try:
                rec = extract_file(path).record.to_json()
                rec["path"] = shown
            except KehoachError as e:
                err.print(f"[red]error[/red] {shown}: {e}", highlight=False)
                rec = {"path": shown, "error": f"{e.stage}: {e}"}
                counts["failed"] += 1
            except Exception as e:  # keep the batch going; say what broke
                err.print(f"[red]error[/red] {shown}: {type(e).__name__}: {e}", highlight=False)
                rec = {"path": shown, "error": f"extract: {type(e).__name__}: {e}"}
                counts["failed"] += 1
            counts["read"] += 1
            yield rec
            sys.stdout.flush()  # jsonl: each record shows as soon as its file is read

    if fmt == Format.table:
        cols = ["path", "doc_type", "number", "issuer", "issue_date", "title", "signer_name"]  # errors: stderr
    else:
        cols = ["path", "doc_type", "number", "issuer", "issuer_parent", "issue_place", "issue_date", "title",
                "signer_authority", "signer_position", "signer_name", "recipients", "venues", "error"]
    emit(records(), fmt, None if fmt in (Format.json, Format.jsonl) else cols, title="records", single=True,
         output=output, excel=excel)
    if counts["failed"] and counts["failed"] == counts["read"] and fmt != Format.jsonl:
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
    every = list(app.registered_commands)
    app.registered_commands = commands_for(sys.argv[1:])
    try:
        app()
    finally:
        app.registered_commands = every  # (main run again in one process sees every command)


def commands_for(args: list[str]) -> list[Any]:
    """The commands to build for this command line: only the one it names. typer turns every
    registered command's signature into click parameters at each start (typing hints evaluated,
    ≈ 20–40 ms of CPU for 16 commands), and a process runs one; without a command name (``--help``,
    ``--version``, a typo) every command is built, so the listing and click's messages are the same."""
    from typer.main import get_command_name

    name = args[0] if args and not args[0].startswith("-") else None
    named = [c for c in app.registered_commands
             if name is not None and (c.name or get_command_name(c.callback.__name__)) == name]
    return named or list(app.registered_commands)


# the commands live in their own modules; importing them registers them on ``app``
from pipeline.cli import catalog as cli_catalog  # noqa: E402,F401
from pipeline.cli import ingest as cli_ingest  # noqa: E402,F401
from pipeline.cli import scan as cli_scan  # noqa: E402,F401
from pipeline.cli import use as cli_use  # noqa: E402,F401
