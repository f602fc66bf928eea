"""kehoach ingest, errors and watch commands (registered on pipeline.cli.app)."""

from __future__ import annotations

import json
import signal
import threading
import time
from pathlib import Path
from typing import Annotated

import typer

from pipeline import catalog
from pipeline.catalog import DEFAULT_DB
from pipeline.cli import DbOpt, Format, FormatOpt, app, emit, err, require_db

IncludeOpt = Annotated[list[str] | None, typer.Option(help="only files matching this glob (repeatable)")]
ExcludeOpt = Annotated[list[str] | None, typer.Option(help="skip files matching this glob (repeatable)")]
WorkersOpt = Annotated[int | None, typer.Option(
    "--workers", "-j", min=1,
    help="worker processes (default: one per core; 1 = in this process, for debugging)")]
TimeoutOpt = Annotated[float, typer.Option(
    help="seconds one file may take before its worker is stopped and replaced (0 = no limit)")]
MaxSizeOpt = Annotated[float, typer.Option(
    "--max-size", help="files larger than this many MB fail as too large (0 = no limit)")]


def _options(workers, timeout, max_size, executor="local", scheduler=None, retry_failed=False):
    from pipeline.ingest import IngestOptions

    return IngestOptions(workers=workers, timeout=timeout or None, max_bytes=int(max_size * 1e6),
                         executor=executor, scheduler=scheduler, retry_failed=retry_failed)


class _Rates:
    """files/s, pages/s and the error count for the progress bar."""

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.files = self.pages = self.failed = 0

    def add(self, outcome) -> str:
        self.files += 1
        self.pages += outcome.pages
        self.failed += outcome.status == "failed"
        dt = max(time.perf_counter() - self.started, 1e-6)
        return f"{self.files / dt:.1f} files/s  {self.pages / dt:.1f} pages/s  {self.failed} failed"


def _progress():
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TextColumn("{task.fields[rates]}"), TextColumn("ETA"), TimeRemainingColumn(),
                    console=err.real(), transient=True)


def _say_failure(console, outcome) -> None:
    console.print(f"[red]failed[/red] {outcome.path}: {outcome.stage}: {outcome.reason}", highlight=False,
                  markup=True, soft_wrap=True)


@app.command()
def ingest(
    paths: Annotated[list[Path] | None, typer.Argument(
        help="files or folders to add (folders recursively)")] = None,
    db: DbOpt = DEFAULT_DB,
    include: IncludeOpt = None,
    exclude: ExcludeOpt = None,
    workers: WorkersOpt = None,
    timeout: TimeoutOpt = 900.0,
    max_size: MaxSizeOpt = 200.0,
    retry_failed: Annotated[bool, typer.Option(
        "--retry-failed",
        help="only retry the files listed by `kehoach errors` (under PATHS, if given)")] = False,
    executor: Annotated[str, typer.Option(
        help="where files are read: local (worker processes) or dask")] = "local",
    scheduler: Annotated[str | None, typer.Option(
        help="Dask scheduler address (tcp://host:8786); none or 'local' starts a local cluster")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="print the summary as JSON")] = False,
    strict: Annotated[bool, typer.Option(help="exit 3 when any file failed")] = False,
) -> None:
    """Add documents to the catalog (default output/catalog.db).

    Files are read in parallel worker processes; this process alone writes the catalog, one document
    per transaction, so the run can be killed at any moment and re-run to finish. Unchanged files are
    skipped by size, mtime and content hash; a changed file replaces its old record; a copy or a renamed
    file is linked to the document already there. A file that cannot be read (corrupt, encrypted,
    empty, too large, not Vietnamese, a worker crash or timeout) is listed by `kehoach errors` and the
    batch goes on; it is not retried on the next run unless it changed or --retry-failed is given.

    Exit codes: 0 the run completed (even with failed files), 1 fatal (catalog unusable), 2 bad
    arguments, 3 with --strict when any file failed, 130 interrupted.

    Examples:  kehoach ingest corpus/ --exclude '*.tmp'
               kehoach ingest --retry-failed --timeout 3600
               kehoach ingest /mnt/archive --executor dask --scheduler tcp://10.0.0.5:8786
    """
    from pipeline.ingest import catalog_files, failed_files, iter_files
    from pipeline.ingest import ingest as run_ingest

    if executor not in ("local", "dask"):
        err.print(f"--executor must be local or dask, not {executor!r}")
        raise typer.Exit(2)
    if not paths and not retry_failed:
        err.print("give files or folders to ingest (or --retry-failed)")
        raise typer.Exit(2)
    missing = [str(p) for p in paths or [] if not p.exists()]
    if missing:
        err.print(f"no such file or folder: {', '.join(missing)}")
        raise typer.Exit(2)
    try:
        files = (failed_files(db, paths or [], include, exclude) if retry_failed
                 else list(iter_files(paths or [], include, exclude)))
    except Exception as e:  # the catalog cannot be opened
        err.print(f"[red]fatal:[/red] {e}")
        raise typer.Exit(1) from e
    own = catalog_files(db)
    files = [f for f in files if str(f.absolute()) not in own]
    if not files:
        err.print("nothing to retry" if retry_failed else "no files found under the given paths")
    options = _options(workers, timeout, max_size, executor, scheduler, retry_failed)
    rates = _Rates()
    with _progress() as progress:
        task = progress.add_task("ingesting", total=len(files), rates="")

        def on_file(o) -> None:
            if o.status == "failed":
                _say_failure(progress.console, o)
            progress.update(task, advance=1, rates=rates.add(o))

        try:
            summary = run_ingest([], db, files=files, on_file=on_file, options=options)
        except KeyboardInterrupt:
            err.print(f"interrupted after {rates.files} files; what was written is kept: run again to finish")
            raise typer.Exit(130) from None
        except Exception as e:  # the catalog itself is unusable (read-only, disk full, locked)
            err.print(f"[red]fatal:[/red] {type(e).__name__}: {e}")
            raise typer.Exit(1) from e
    result = summary.as_dict()
    if json_out:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        _print_summary(result, db)
        ids = [o.document_id for o in summary.outcomes
               if o.document_id and o.status in ("ingested", "updated")]
        if 0 < len(ids) <= 20:  # a short run shows what it found; a long one only counts
            dbh = catalog.connect(db)
            rows = list(dbh.query(
                "select id, format, doc_type, number, issuer, issue_date, substr(title, 1, 60) as title, "
                "(select count(*) from events e where e.document_id = d.id) as events "
                f"from documents d where id in ({','.join('?' * len(ids))}) order by id", ids))
            emit(rows, Format.table, title="documents")
    if strict and result["failed"]:
        raise typer.Exit(3)


def _print_summary(result: dict, db: Path) -> None:
    counts = ", ".join(f"{k} {result[k]}" for k in
                       ("ingested", "updated", "unchanged", "duplicate", "skipped", "failed") if result[k])
    print(f"{result['files']} files in {result['seconds']:.1f} s: {counts or 'nothing to do'} -> {db}")
    if result["by_type"]:
        print("by type: " + ", ".join(f"{k} {v}" for k, v in sorted(result["by_type"].items())))
    if result["failed_by_stage"]:
        stages = ", ".join(f"{k} {v}" for k, v in sorted(result["failed_by_stage"].items()))
        print(f"failed by stage: {stages}  (kehoach errors lists them)")
    if result["skipped"]:
        print(f"{result['skipped']} files failed on an earlier run and did not change: "
              "--retry-failed retries them")


@app.command()
def errors(db: DbOpt = DEFAULT_DB, fmt: FormatOpt = None) -> None:
    """List the files that could not be read, with the stage and the reason.

    Stages: read (corrupt, encrypted, empty, no text, unsupported), size (too large), language (not
    Vietnamese), extract (a bug met on this file), timeout, crash (the worker died), catalog.
    `kehoach ingest --retry-failed` reads them again.
    """
    require_db(db)
    rows = list(catalog.connect(db).query(
        "select path, sha256, stage, reason, at from errors order by at, path"))
    fmt = fmt or Format.table
    emit(rows, fmt, ["path", "stage", "reason", "at"] if fmt == Format.table
         else ["path", "sha256", "stage", "reason", "at"])


@app.command()
def optimize(db: DbOpt = DEFAULT_DB) -> None:
    """Tidy a long-lived catalog: merge the full-text index's segments (FTS5 optimize), refresh the
    query planner's statistics (ANALYZE) and rewrite the file without its free pages (VACUUM).

    Worth running after a large ingest or many updates; it needs free disk space about the size of
    the catalog while it runs, and no ingest may write meanwhile.

    Example:  kehoach optimize --db output/catalog.db
    """
    require_db(db)
    sizes = catalog.optimize(catalog.connect(db))
    err.print(f"{db}: {sizes['mb_before']:.1f} MB -> {sizes['mb_after']:.1f} MB", highlight=False)


@app.command()
def watch(
    folder: Annotated[Path, typer.Argument(help="the folder to consume (watched recursively)")],
    db: DbOpt = DEFAULT_DB,
    interval: Annotated[float, typer.Option(min=0.1, help="seconds between two looks at the folder")] = 5.0,
    include: IncludeOpt = None,
    exclude: ExcludeOpt = None,
    workers: WorkersOpt = None,
    timeout: TimeoutOpt = 900.0,
    max_size: MaxSizeOpt = 200.0,
) -> None:
    """Ingest files as they arrive in FOLDER, until stopped (Ctrl-C or SIGTERM).

    The folder is polled (network shares do not deliver change events reliably). A file is taken once
    its size and modification time stay the same between two polls, so a file still being copied in
    is left alone until it is complete; a changed file is ingested again. One line per file on stdout.

    Example:  kehoach watch /srv/scans/inbox --interval 10
    """
    from pipeline.ingest import watch as run_watch

    if not folder.is_dir():
        err.print(f"not a folder: {folder}")
        raise typer.Exit(2)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())

    def on_file(o) -> None:
        if o.status == "failed":
            _say_failure(err, o)
        elif o.status != "unchanged":
            print(f"{o.status}\t{o.path}" + (f"\t#{o.document_id}" if o.document_id else ""), flush=True)

    err.print(f"watching {folder} every {interval:g} s -> {db} (Ctrl-C to stop)")
    try:
        summary = run_watch(folder, db, interval=interval, include=include, exclude=exclude,
                            options=_options(workers, timeout, max_size), on_file=on_file, stop=stop)
    except Exception as e:
        err.print(f"[red]fatal:[/red] {type(e).__name__}: {e}")
        raise typer.Exit(1) from e
    result = summary.as_dict()
    err.print(f"stopped; {result['ingested'] + result['updated']} documents added, {result['failed']} failed")
