"""Walk folders, extract each file in worker processes, write the catalog from this one process.

The order of work for one file:
1. triage here, without extracting: stat it; a path whose size and mtime match the catalog is
   unchanged; otherwise hash it; a hash already catalogued is a copy, a rename or a touched file and is
   only linked (catalog.link_file); a file that failed before with the same content is skipped
   (``retry_failed`` retries it); a file over the size limit fails at once;
2. extract in a worker (pipeline.catalog.worker.process_file: pure, path in, result out);
3. write here, one document per transaction (catalog.store), or one errors row.

The parent is the only writer, so SQLite never sees two writers; a kill at any moment loses only the
files whose transaction had not committed, and a re-run triages the committed ones away in
microseconds each.
"""

from __future__ import annotations

import os
import sqlite3
import stat as stat_mod
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.catalog import db as catalog
from pipeline.catalog.executors import Executor, WorkFn, make_executor
from pipeline.catalog.files import Problem, _matches, iter_files
from pipeline.catalog.worker import DEFAULT_MAX_BYTES, WorkResult, process_file, too_large_reason
from pipeline.extract import sha256_file
from pipeline.limits import Limits
from pipeline.paths import shown

DEFAULT_TIMEOUT = 900.0  # seconds per file: a 300-page scan OCRs in about 6 minutes on one core
STATUSES = ("ingested", "updated", "reextracted", "unchanged", "duplicate", "skipped", "failed")
# a file whose worker died or hung is tried once more on the next run (a good file can meet the OOM
# killer or a machine under load); after a second failure with the same content it is skipped
RETRIED_STAGES = ("crash", "timeout")
RETRIES = 1


@dataclass(slots=True)
class FileOutcome:
    path: str
    status: str  # ingested | updated | reextracted (--force) | unchanged | duplicate | skipped | failed
    document_id: int | None = None
    format: str | None = None
    reason: str | None = None
    stage: str | None = None
    pages: int = 0


@dataclass
class Summary:
    outcomes: list[FileOutcome] = field(default_factory=list)
    seconds: float = 0.0
    worker_rss_mb: dict[int, float] = field(default_factory=dict)  # worker pid -> peak RSS
    missing: int = 0  # catalogued files found gone from disk (marked missing) in this run

    @property
    def counts(self) -> Counter[str]:
        return Counter(o.status for o in self.outcomes)

    @property
    def failed(self) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    @property
    def pages(self) -> int:
        return sum(o.pages for o in self.outcomes)

    def add(self, other: Summary) -> None:
        self.outcomes.extend(other.outcomes)
        self.seconds += other.seconds
        self.worker_rss_mb.update(other.worker_rss_mb)
        self.missing += other.missing

    def as_dict(self) -> dict[str, Any]:
        counts = self.counts
        by_type = Counter(o.format for o in self.outcomes
                          if o.status in ("ingested", "updated", "reextracted") and o.format)
        extracted = counts["ingested"] + counts["updated"] + counts["reextracted"]
        return {
            "files": len(self.outcomes), **{k: counts.get(k, 0) for k in STATUSES}, "missing": self.missing,
            "by_type": dict(by_type),
            "failed_by_stage": dict(Counter(o.stage or "unknown" for o in self.failed)),
            "pages": self.pages, "seconds": round(self.seconds, 2),
            "documents_per_second": round(extracted / self.seconds, 2) if self.seconds else None,
            "worker_peak_rss_mb": round(max(self.worker_rss_mb.values()), 1) if self.worker_rss_mb else None,
            "errors": [{"path": shown(o.path), "stage": o.stage, "reason": o.reason} for o in self.failed],
        }


@dataclass
class IngestOptions:
    workers: int | None = None  # None: one per core; 1: in this process (for debugging)
    timeout: float | None = DEFAULT_TIMEOUT  # per file; None or 0: no limit
    max_bytes: int = DEFAULT_MAX_BYTES  # larger files fail with "too large"; 0: no limit
    executor: str = "local"  # local | dask
    scheduler: str | None = None  # Dask scheduler address; None or "local": a LocalCluster
    retry_failed: bool = False  # extract again files that failed before with the same content
    work: WorkFn = process_file  # the per-file function (a module-level function: it is pickled)
    dask_processes: bool = True  # LocalCluster with worker processes (False: threads, for tests)
    limits: Limits = field(default_factory=Limits)  # memory, unzipped size, text length (pipeline.limits)
    follow_symlinks: bool = False  # follow symlinks that lead out of the folders given
    force: bool = False  # read and extract again every file, unchanged ones too (corrections are kept)


@dataclass(slots=True)
class _Job:
    path: str
    sha256: str


def catalog_files(db_path: str | Path) -> set[str]:
    """The catalog's own files: it may sit inside the folder being ingested and is never a document."""
    own = os.path.abspath(db_path)
    return {own, own + "-wal", own + "-shm", own + "-journal"}


def failed_files(db_path: str | Path, paths: Iterable[str | Path] = (), include: list[str] | None = None,
                 exclude: list[str] | None = None) -> list[Path]:
    """The files listed in the errors table (under the given paths, if any), for --retry-failed."""
    db = catalog.connect(db_path)
    try:
        listed = catalog.error_paths(db)
    finally:
        db.close()
    roots = [os.path.abspath(p) for p in paths]
    out = []
    for e in listed:
        if roots and not any(e == r or e.startswith(r.rstrip(os.sep) + os.sep) for r in roots):
            continue
        f = Path(e)
        if f.is_dir():  # a folder that could not be walked: walk it now
            out.extend(p for p in iter_files([f], include, exclude) if isinstance(p, Path))
            continue
        if (include and not _matches(f, include)) or (exclude and _matches(f, exclude)):
            continue
        out.append(f)
    return out


class Ingestor:
    """One catalog writer and one executor, reused across runs (``watch`` calls run() per poll).
    The executor starts at the first file that needs extracting, so a run where everything is
    unchanged starts no worker."""

    def __init__(self, db_path: str | Path = catalog.DEFAULT_DB, options: IngestOptions | None = None,
                 on_file: Callable[[FileOutcome], None] | None = None) -> None:
        self.options = options or IngestOptions()
        self.on_file = on_file
        self.db = catalog.connect(db_path)
        self._own_files = catalog_files(db_path)
        self._executor: Executor | None = None
        self._forced: set[str] = set()  # contents sent for re-extraction in this session (--force)

    def __enter__(self) -> Ingestor:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        self.close(abort=exc_type is not None)

    def close(self, abort: bool = False) -> None:
        if self._executor is not None:
            self._executor.close(abort)
            self._executor = None
        self.db.close()

    @property
    def executor(self) -> Executor:
        if self._executor is None:
            o = self.options
            self._executor = make_executor(o.work, o.max_bytes, kind=o.executor, workers=o.workers,
                                           timeout=o.timeout, scheduler=o.scheduler,
                                           dask_processes=o.dask_processes, limits=o.limits)
        return self._executor

    def run(self, files: Iterable[str | Path | Problem]) -> Summary:
        summary = Summary()
        started = time.perf_counter()

        def jobs() -> Iterator[_Job]:
            for path in files:
                if isinstance(path, Problem):
                    self._emit(summary, self._fail(path.path, None, path.stage, path.reason))
                    continue
                if os.path.abspath(path) in self._own_files:
                    continue
                item = self.triage(str(path))
                if isinstance(item, FileOutcome):
                    self._emit(summary, item)
                else:
                    yield item

        try:
            job_stream = jobs()
            first = next(job_stream, None)  # start workers only when one file needs them
            if first is not None:
                for job, result in self.executor.imap(_chain(first, job_stream), path_of=_path_of):
                    if result.worker_rss_mb:
                        summary.worker_rss_mb[result.worker_pid] = max(
                            result.worker_rss_mb, summary.worker_rss_mb.get(result.worker_pid, 0.0))
                    self._emit(summary, self.finish(job, result))
        finally:
            summary.seconds = time.perf_counter() - started
        return summary

    def _emit(self, summary: Summary, outcome: FileOutcome) -> None:
        summary.outcomes.append(outcome)
        if self.on_file:
            self.on_file(outcome)

    def _fail(self, path: str, sha: str | None, stage: str, reason: str) -> FileOutcome:
        catalog.record_error(self.db, path, sha, stage, reason)
        return FileOutcome(path, "failed", reason=reason, stage=stage)

    def triage(self, path: str) -> FileOutcome | _Job:
        """Decide what a file needs without extracting it (see the module docstring)."""
        try:
            st = os.stat(path)
        except OSError as e:
            return self._fail(path, None, "read", e.strerror or str(e))
        if not stat_mod.S_ISREG(st.st_mode):
            return self._fail(path, None, "read", "not a regular file")
        max_bytes = self.options.max_bytes
        if max_bytes and st.st_size > max_bytes:
            return self._fail(path, None, "size", too_large_reason(st.st_size, max_bytes))
        row = catalog.lookup_file(self.db, path)
        force = self.options.force
        if not force and row and row["size"] == st.st_size and row["mtime"] == st.st_mtime:
            if row.get("missing_since"):  # back on disk
                catalog.clear_missing(self.db, path)
            return FileOutcome(path, "unchanged", row["document_id"])
        try:
            sha = sha256_file(path)
        except OSError as e:
            return self._fail(path, None, "read", e.strerror or str(e))
        if force and sha not in self._forced:  # each content once, its copies are linked
            self._forced.add(sha)
            return _Job(path, sha)
        if not self.options.retry_failed and not force:
            err = catalog.error_for(self.db, path)
            if err and err["sha256"] == sha and not (
                    err["stage"] in RETRIED_STAGES and (err.get("attempts") or 1) <= RETRIES):
                return FileOutcome(path, "skipped", reason=err["reason"], stage=err["stage"])
        linked = catalog.link_file(self.db, path, sha)
        if linked:
            return FileOutcome(path, linked.status, linked.document_id)
        return _Job(path, sha)

    def finish(self, job: _Job, result: WorkResult) -> FileOutcome:
        """Write one worker result: the whole document in one transaction, or one errors row."""
        if not result.ok or result.record is None:
            return self._fail(job.path, result.sha256 or job.sha256, result.stage or "extract",
                              result.reason or "unknown error")
        try:
            stored = catalog.store(self.db, result.record, result.text or "", job.path, force=self.options.force)
        except FileNotFoundError:
            return self._fail(job.path, result.sha256, "read", "the file disappeared while it was read")
        except (sqlite3.IntegrityError, ValueError, TypeError) as e:  # this record, not the catalog
            return self._fail(job.path, result.sha256, "catalog", f"{type(e).__name__}: {e}")
        return FileOutcome(job.path, stored.status, stored.document_id, result.format, pages=result.pages)


def _path_of(job: _Job) -> str:
    return job.path


def _chain(first: _Job, rest: Iterator[_Job]) -> Iterator[_Job]:
    yield first
    yield from rest


def ingest(paths: Iterable[str | Path], db_path: str | Path = catalog.DEFAULT_DB, *,
           include: list[str] | None = None, exclude: list[str] | None = None,
           on_file: Callable[[FileOutcome], None] | None = None,
           files: Iterable[str | Path | Problem] | None = None, options: IngestOptions | None = None,
           **option_values: Any) -> Summary:
    """Ingest files and folders into the catalog. Options as an IngestOptions or as keywords
    (``workers=4, timeout=60``). The library default is ``workers=1`` (in this process); the command
    line defaults to one worker per core.

    ``paths`` are recorded as the catalog's roots (``serve`` hands out only files under them); when
    the run completes, catalogued files under them that are gone from disk are marked missing.
    ``files``, when given, is the list to triage instead of walking ``paths``."""
    if options is None:
        options = IngestOptions(**{"workers": 1, **option_values})
    elif option_values:
        raise TypeError("pass options either as IngestOptions or as keywords, not both")
    paths = [Path(p) for p in paths]
    if files is None:
        if options.retry_failed:
            files = failed_files(db_path, paths, include, exclude)
        else:
            files = iter_files(paths, include, exclude, follow_symlinks=options.follow_symlinks, report=True)
    with Ingestor(db_path, options, on_file) as ingestor:
        catalog.record_roots(ingestor.db, [p for p in paths if p.exists()])
        summary = ingestor.run(files)
        if not options.retry_failed:
            summary.missing = sum(catalog.mark_missing(ingestor.db, p) for p in paths if p.is_dir())
        _forget_readable_folders(ingestor.db)
        return summary


def _forget_readable_folders(db: Any) -> None:
    """Errors rows of folders that could not be walked before and can be now (their files were just
    triaged by the walk or the retry)."""
    for (key,) in db.execute("select path from errors where reason like 'folder not readable%'").fetchall():
        try:
            with os.scandir(catalog.fs_path(db, key)):
                pass
        except OSError:
            continue
        with catalog.write_transaction(db):
            db.execute("delete from errors where path = ?", [key])


def watch(folder: str | Path, db_path: str | Path = catalog.DEFAULT_DB, *, interval: float = 2.0,
          settle: float = 10.0, include: list[str] | None = None, exclude: list[str] | None = None,
          options: IngestOptions | None = None, on_file: Callable[[FileOutcome], None] | None = None,
          stop: threading.Event | None = None, max_polls: int | None = None) -> Summary:
    """Consume a folder by polling (network shares miss inotify events). A file is ingested once its
    size and mtime have not changed for ``settle`` seconds (and at least two polls), so a file still
    being copied in, even by a writer that pauses, is left alone until it is complete; a changed file
    is ingested again. Files deleted or renamed away are marked missing in the catalog. Runs until
    ``stop`` is set (or ``max_polls`` polls).

    The summary counts each file once, by its last outcome (a file ingested then changed is one
    ``updated``, not two documents)."""
    stop = stop or threading.Event()
    options = options or IngestOptions()
    total = Summary()
    last: dict[str, FileOutcome] = {}
    seen: dict[str, tuple[tuple[int, float], float]] = {}  # path -> (size, mtime), since when (monotonic)
    handled: dict[str, tuple[int, float]] = {}  # state of each file when this session last ingested it
    reported: set[str] = set()  # problems (unreadable folders, symlinks out) already recorded
    polls = 0
    previous_paths: set[str] | None = None

    def keep(outcome: FileOutcome) -> None:
        last[outcome.path] = outcome
        if on_file:
            on_file(outcome)

    started = time.perf_counter()
    with Ingestor(db_path, options, keep) as ingestor:
        catalog.record_roots(ingestor.db, [folder])
        while not stop.is_set():
            now = time.monotonic()
            current, problems = _snapshot(folder, include, exclude, options.follow_symlinks)
            for p, st in current.items():
                if p not in seen or seen[p][0] != st:
                    seen[p] = (st, now)
            for p in list(seen):
                if p not in current:
                    del seen[p]
                    handled.pop(p, None)
            fresh = [pr for pr in problems if pr.path not in reported]
            reported.update(pr.path for pr in fresh)
            ready = [p for p, (st, since) in seen.items()
                     if since < now and now - since >= settle and handled.get(p) != st]
            if ready or fresh:
                total.add(ingestor.run([*fresh, *sorted(ready)]))
                handled.update({p: seen[p][0] for p in ready})
            if previous_paths is None or previous_paths - current.keys():  # first look, or files went
                total.missing += catalog.mark_missing(ingestor.db, folder)
            previous_paths = set(current)
            polls += 1
            if max_polls is not None and polls >= max_polls:
                break
            stop.wait(interval)
    total.outcomes = list(last.values())
    total.seconds = time.perf_counter() - started
    return total


def _snapshot(folder: str | Path, include: list[str] | None, exclude: list[str] | None,
              follow_symlinks: bool = False) -> tuple[dict[str, tuple[int, float]], list[Problem]]:
    state, problems = {}, []
    for f in iter_files([folder], include, exclude, follow_symlinks=follow_symlinks, report=True):
        if isinstance(f, Problem):
            problems.append(f)
            continue
        try:
            st = os.stat(f)
        except OSError:  # removed between the walk and the stat
            continue
        state[str(f)] = (st.st_size, st.st_mtime)
    return state, problems
