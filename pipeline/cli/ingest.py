"""kehoach ingest, errors and watch commands (registered on pipeline.cli.main.app)."""

from __future__ import annotations

import json
import signal
import threading
import time
from pathlib import Path
from typing import Annotated

import typer

from pipeline.cli.main import DbOpt, ExcelOpt, Format, FormatOpt, OutputOpt, app, emit, err, pick_format, require_db
from pipeline.paths import DEFAULT_DB

IncludeOpt = Annotated[list[str] | None, typer.Option(help="only files matching this glob (repeatable)")]
ExcludeOpt = Annotated[list[str] | None, typer.Option(help="skip files matching this glob (repeatable)")]
WorkersOpt = Annotated[int | None, typer.Option(
    "--workers", "-j", min=1,
    help="worker processes (default: one per core; 1 = in this process, for debugging)")]
TimeoutOpt = Annotated[float, typer.Option(
    help="seconds one file may take before its worker is stopped and replaced (0 = no limit)")]
MaxSizeOpt = Annotated[float, typer.Option(
    "--max-size", help="files larger than this many MB fail as too large (0 = no limit)")]
MaxMemoryOpt = Annotated[float, typer.Option(
    "--max-memory", min=0, help="address space of each worker process in MB (RLIMIT_AS; 0 = no limit); "
    "a file that needs more fails at stage 'limit'")]
MaxCharsOpt = Annotated[int, typer.Option(
    "--max-chars", min=0, help="a file whose extracted text is longer fails at stage 'limit' (0 = no limit)")]
MaxUnzippedOpt = Annotated[float, typer.Option(
    "--max-unzipped", min=0, help=".docx/.odt whose members would inflate past this many MB in all fail "
    "(zip bombs; checked before any XML is parsed; 0 = no limit)")]
MaxZipRatioOpt = Annotated[float, typer.Option(
    "--max-zip-ratio", min=0, help="a .docx/.odt member over 1 MB inflating more than this many times "
    "fails (0 = no limit)")]
FollowOpt = Annotated[bool, typer.Option(
    "--follow-symlinks", help="follow symlinks that lead out of the folders given (default: not "
    "followed, listed by `kehoach errors` at stage 'symlink')")]


def _options(workers, timeout, max_size, executor="local", scheduler=None, retry_failed=False,
             max_memory=1536.0, max_chars=5_000_000, max_unzipped=512.0, max_zip_ratio=100.0,
             follow_symlinks=False, force=False):
    from pipeline.catalog.ingest import IngestOptions
    from pipeline.limits import Limits

    limits = Limits(max_memory_mb=max_memory, max_chars=max_chars, max_unzipped_mb=max_unzipped,
                    max_zip_ratio=max_zip_ratio)
    return IngestOptions(workers=workers, timeout=timeout or None, max_bytes=int(max_size * 1e6),
                         executor=executor, scheduler=scheduler, retry_failed=retry_failed, limits=limits,
                         follow_symlinks=follow_symlinks, force=force)


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP, handled like Ctrl-C (the exception unwinds through the pool and the open
    transaction like KeyboardInterrupt does)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _raise_stopped(signum, _frame) -> None:
    raise Stopped(signum)


def exit_code_for(e: KeyboardInterrupt) -> int:
    """128 + the signal: 130 for Ctrl-C (SIGINT), 143 for SIGTERM, 129 for SIGHUP."""
    return 128 + (e.signum if isinstance(e, Stopped) else signal.SIGINT)


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
    from rich.markup import escape

    from pipeline.paths import shown

    console.print(f"[red]failed[/red] {escape(shown(outcome.path))}: {outcome.stage}: {escape(outcome.reason or '')}",
                  highlight=False, markup=True, soft_wrap=True)


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
    max_memory: MaxMemoryOpt = 1536.0,
    max_chars: MaxCharsOpt = 5_000_000,
    max_unzipped: MaxUnzippedOpt = 512.0,
    max_zip_ratio: MaxZipRatioOpt = 100.0,
    follow_symlinks: FollowOpt = False,
    force: Annotated[bool, typer.Option(
        "--force", help="read and extract every file again, unchanged ones too (after an upgrade); "
        "corrections are kept")] = False,
) -> None:
    """Add documents to the catalog (default output/catalog.db).

    Files are read in parallel worker processes; this process alone writes the catalog, one document
    per transaction, so the run can be killed at any moment and re-run to finish. Unchanged files are
    skipped by size, mtime and content hash; a changed file replaces its old record; a copy or a renamed
    file is linked to the document already there. A file that cannot be read (corrupt, encrypted,
    empty, too large, not Vietnamese, a worker crash or timeout) is listed by `kehoach errors` and the
    batch goes on; it is not retried on the next run unless it changed or --retry-failed is given.
    A changed file keeps its document id (`kehoach history ID` lists its earlier versions); --force
    re-reads and re-extracts every file, keeping the corrections made with `kehoach correct`.

    Each worker runs under limits (--max-memory, --max-chars, --max-unzipped, --max-zip-ratio): a
    file that needs more fails at stage 'limit' and the batch goes on. A worker that crashed or timed
    out on a file is retried once on the next run.

    Exit codes: 0 the run completed (even with failed files), 1 fatal (catalog unusable), 2 bad
    arguments, 3 with --strict when any file failed, 130 interrupted (Ctrl-C), 143 SIGTERM, 129
    SIGHUP: workers are stopped, the summary of what was done is printed, and a re-run finishes.

    Examples:  kehoach ingest corpus/ --exclude '*.tmp'
               kehoach ingest --retry-failed --timeout 3600
               kehoach ingest corpus/ --force
               kehoach ingest /mnt/archive --executor dask --scheduler tcp://10.0.0.5:8786
    """
    from pipeline.catalog import db as catalog
    from pipeline.catalog.ingest import Problem, Summary, catalog_files, failed_files, iter_files
    from pipeline.catalog.ingest import ingest as run_ingest

    signal.signal(signal.SIGTERM, _raise_stopped)
    signal.signal(signal.SIGHUP, _raise_stopped)
    if executor not in ("local", "dask"):
        err.print(f"--executor must be local or dask, not {executor!r}")
        raise typer.Exit(2)
    if not paths and force and db.exists():  # everything catalogued, from the folders ingested before
        paths = [Path(p) for p in catalog.roots(catalog.connect(db)) if Path(p).exists()]
    if not paths and not retry_failed:
        err.print("give files or folders to ingest (or --retry-failed, or --force for every catalogued folder)")
        raise typer.Exit(2)
    missing = [str(p) for p in paths or [] if not p.exists()]
    if missing:
        err.print(f"no such file or folder: {', '.join(missing)}")
        raise typer.Exit(2)
    done = Summary()
    try:
        files = (failed_files(db, paths or [], include, exclude) if retry_failed
                 else list(iter_files(paths or [], include, exclude, follow_symlinks=follow_symlinks,
                                      report=True)))
    except KeyboardInterrupt as e:
        err.print("interrupted while listing the files; nothing was written")
        raise typer.Exit(exit_code_for(e)) from None
    except Exception as e:  # the catalog cannot be opened
        err.print(f"[red]fatal:[/red] {e}")
        raise typer.Exit(1) from e
    own = catalog_files(db)
    files = [f for f in files if isinstance(f, Problem) or str(f.absolute()) not in own]
    if not files:
        err.print("nothing to retry" if retry_failed else "no files found under the given paths")
    options = _options(workers, timeout, max_size, executor, scheduler, retry_failed, max_memory, max_chars,
                       max_unzipped, max_zip_ratio, follow_symlinks, force)
    rates = _Rates()
    with _progress() as progress:
        task = progress.add_task("ingesting", total=len(files), rates="")

        def on_file(o) -> None:
            done.outcomes.append(o)
            if o.status == "failed":
                _say_failure(progress.console, o)
            progress.update(task, advance=1, rates=rates.add(o))

        try:
            summary = run_ingest(paths or [], db, files=files, on_file=on_file, options=options)
        except KeyboardInterrupt as e:
            progress.stop()
            done.seconds = time.perf_counter() - rates.started
            what = f"stopped by {e.args[0]}" if isinstance(e, Stopped) else "interrupted"
            err.print(f"{what} after {rates.files} of {len(files)} files; workers stopped; what was written "
                      "is kept: run the same command again to finish")
            _print_summary(done.as_dict(), db, file=err.file)
            raise typer.Exit(exit_code_for(e)) from None
        except Exception as e:  # the catalog itself is unusable (read-only, disk full, locked)
            err.print(f"[red]fatal:[/red] {type(e).__name__}: {e}")
            raise typer.Exit(1) from e
    result = summary.as_dict()
    if json_out:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        _print_summary(result, db)
        ids = [o.document_id for o in summary.outcomes
               if o.document_id and o.status in ("ingested", "updated", "reextracted")]
        if 0 < len(ids) <= 20:  # a short run shows what it found; a long one only counts
            dbh = catalog.connect(db)
            rows = list(dbh.query(
                "select id, format, doc_type, number, issuer, issue_date, substr(title, 1, 60) as title, "
                "(select count(*) from events e where e.document_id = d.id) as events "
                f"from documents d where id in ({','.join('?' * len(ids))}) order by id", ids))
            emit(rows, Format.table, title="documents")
    if strict and result["failed"]:
        raise typer.Exit(3)


def _print_summary(result: dict, db: Path, file=None) -> None:
    from pipeline.paths import shown

    def say(text: str) -> None:
        print(text, file=file, flush=True)

    counts = ", ".join(f"{k} {result[k]}" for k in
                       ("ingested", "updated", "reextracted", "unchanged", "duplicate", "skipped", "failed",
                        "missing")
                       if result.get(k))
    say(f"{result['files']} files in {result['seconds']:.1f} s: {counts or 'nothing to do'} -> {shown(db)}")
    if result["by_type"]:
        say("by type: " + ", ".join(f"{k} {v}" for k, v in sorted(result["by_type"].items())))
    if result["failed_by_stage"]:
        stages = ", ".join(f"{k} {v}" for k, v in sorted(result["failed_by_stage"].items()))
        say(f"failed by stage: {stages}  (kehoach errors lists them)")
    if result["skipped"]:
        say(f"{result['skipped']} files failed on an earlier run and did not change: "
            "--retry-failed retries them")
    if result.get("missing"):
        say(f"{result['missing']} catalogued files are gone from disk: marked missing (left out of search)")


@app.command()
def errors(db: DbOpt = DEFAULT_DB, fmt: FormatOpt = None, output: OutputOpt = None, excel: ExcelOpt = False) -> None:
    """List the files that could not be read, with the stage and the reason.

    Stages: read (corrupt, encrypted, empty, no text, unsupported), size (too large), language (not
    Vietnamese), extract (a bug met on this file), timeout, crash (the worker died), catalog.
    `kehoach ingest --retry-failed` reads them again.

    \b
    Examples:
      kehoach errors
      kehoach errors -o errors.xlsx
    """
    from pipeline.catalog import db as catalog

    require_db(db)
    rows = list(catalog.connect(db).query(
        "select path, sha256, stage, reason, at from errors order by at, path"))
    fmt = pick_format(fmt, output, excel)
    emit(rows, fmt, ["path", "stage", "reason", "at"] if fmt == Format.table
         else ["path", "sha256", "stage", "reason", "at"], title="errors", output=output, excel=excel)


@app.command()
def optimize(db: DbOpt = DEFAULT_DB) -> None:
    """Tidy a long-lived catalog: merge the full-text index's segments (FTS5 optimize), refresh the
    query planner's statistics (ANALYZE) and rewrite the file without its free pages (VACUUM), in
    16 KB pages (a catalog made with 4 KB pages is converted).

    Worth running after a large ingest or many updates, and once after a catalog of an older schema
    was upgraded (which happens on its first open: schema 8 stores records compressed, so the
    space they took comes back here); it needs free disk space about the size of the catalog while
    it runs, and no ingest may write meanwhile.

    Example:  kehoach optimize --db output/catalog.db
    """
    from pipeline.catalog import db as catalog

    require_db(db)
    sizes = catalog.optimize(catalog.connect(db))
    err.print(f"{db}: {sizes['mb_before']:.1f} MB -> {sizes['mb_after']:.1f} MB", highlight=False)


@app.command()
def watch(
    folder: Annotated[Path, typer.Argument(help="the folder to consume (watched recursively)")],
    db: DbOpt = DEFAULT_DB,
    interval: Annotated[float, typer.Option(min=0.1, help="seconds between two looks at the folder")] = 5.0,
    settle: Annotated[float, typer.Option(
        min=0, help="seconds a file's size and modification time must stay the same before it is taken")] = 10.0,
    include: IncludeOpt = None,
    exclude: ExcludeOpt = None,
    workers: WorkersOpt = None,
    timeout: TimeoutOpt = 900.0,
    max_size: MaxSizeOpt = 200.0,
    max_memory: MaxMemoryOpt = 1536.0,
    max_chars: MaxCharsOpt = 5_000_000,
    follow_symlinks: FollowOpt = False,
) -> None:
    """Ingest files as they arrive in FOLDER, until stopped (Ctrl-C or SIGTERM).

    The folder is polled (network shares do not deliver change events reliably). A file is taken once
    its size and modification time have stayed the same for --settle seconds (and two polls), so a
    file still being copied in, even by a copier that pauses, is left alone until it is complete; a
    changed file is ingested again; a file deleted or renamed away is marked missing in the catalog
    and left out of search. One line per file on stdout; SIGTERM, SIGHUP and Ctrl-C stop it cleanly
    (exit 0) with a summary that counts each file once.

    Example:  kehoach watch /srv/scans/inbox --interval 10 --settle 60
    """
    from pipeline.catalog.ingest import watch as run_watch

    if not folder.is_dir():
        err.print(f"not a folder: {folder}")
        raise typer.Exit(2)
    from pipeline.paths import shown

    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, lambda *_: stop.set())

    def on_file(o) -> None:
        if o.status == "failed":
            _say_failure(err, o)
        elif o.status != "unchanged":
            print(f"{o.status}\t{shown(o.path)}" + (f"\t#{o.document_id}" if o.document_id else ""), flush=True)

    err.print(f"watching {shown(folder)} every {interval:g} s, taking files unchanged for {settle:g} s "
              f"-> {shown(db)} (Ctrl-C to stop)", highlight=False, markup=False)
    options = _options(workers, timeout, max_size, max_memory=max_memory, max_chars=max_chars,
                       follow_symlinks=follow_symlinks)
    try:
        summary = run_watch(folder, db, interval=interval, settle=settle, include=include, exclude=exclude,
                            options=options, on_file=on_file, stop=stop)
    except Exception as e:
        err.print(f"[red]fatal:[/red] {type(e).__name__}: {e}")
        raise typer.Exit(1) from e
    result = summary.as_dict()
    err.print(f"stopped; {result['files']} files: {result['ingested']} ingested, {result['updated']} updated, "
              f"{result['duplicate']} duplicates, {result['failed']} failed, {result['missing']} marked missing")
