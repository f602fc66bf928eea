"""Where the per-file work runs: in this process, in local worker processes, or on a Dask cluster.

Each executor maps a picklable function ``fn(path, max_bytes) -> WorkResult`` over a stream of jobs
and yields ``(job, result)`` as results arrive, in completion order, with a bounded number of jobs in
flight (so a million-file run holds a few dozen pending results, not a million). A worker that dies or
hangs becomes a "crash" / "timeout" result for its file; the run goes on.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol, TypeVar

from pipeline import limits as limits_mod
from pipeline.catalog.worker import WorkResult
from pipeline.limits import Limits

Job = TypeVar("Job")
WorkFn = Callable[[str, int], WorkResult]


class Executor(Protocol):
    def imap(self, jobs: Iterable[Any],
             path_of: Callable[[Any], str]) -> Iterator[tuple[Any, WorkResult]]: ...

    def close(self, abort: bool = False) -> None: ...


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


class InProcessExecutor:
    """--workers 1: the work runs here, one file after the other, so a debugger or a traceback sees
    it. No timeout and no crash isolation."""

    def __init__(self, fn: WorkFn, max_bytes: int, limits: Limits | None = None) -> None:
        self.fn, self.max_bytes = fn, max_bytes
        limits_mod.configure(limits)  # text and zip limits; no address-space cap on this process

    def imap(self, jobs, path_of):
        for job in jobs:
            yield job, self.fn(path_of(job), self.max_bytes)

    def close(self, abort: bool = False) -> None:
        pass


class ProcessExecutor:
    """A pool of worker processes (pebble): a per-file timeout kills the worker that hangs, a worker
    that dies (segfault, os._exit, OOM killer) is replaced, and only that file fails.

    Workers start from a forkserver, not by forking this process: the parent holds an open SQLite
    connection and a progress-bar thread, neither of which may be copied into a child."""

    def __init__(self, fn: WorkFn, max_bytes: int, workers: int, timeout: float | None,
                 max_tasks: int = 1000, limits: Limits | None = None) -> None:
        import pebble

        self.fn, self.max_bytes, self.workers = fn, max_bytes, workers
        self.timeout = timeout or None
        self.limits = limits or Limits()
        context = multiprocessing.get_context("forkserver")
        # the server imports the readers, extractors and NLP libraries once (about a second); a new or
        # replaced worker forks with them loaded. A module missing here is skipped by the server.
        context.set_forkserver_preload(_PRELOAD)
        # a worker is recycled after max_tasks files: memory that a reader leaks over days stays bounded
        # each worker starts with the limits (address-space cap, text and zip caps) and a watchdog that
        # ends it if this process is killed
        self.pool = pebble.ProcessPool(max_workers=workers, max_tasks=max_tasks, context=context,
                                       initializer=limits_mod.init_worker,
                                       initargs=(limits or Limits(), os.getpid()))

    def imap(self, jobs, path_of):
        import pebble

        window = self.workers * 4
        pending: dict[cf.Future, Any] = {}
        it = iter(jobs)
        exhausted = False
        while True:
            while not exhausted and len(pending) < window:
                job = next(it, _END)
                if job is _END:
                    exhausted = True
                    break
                future = self.pool.schedule(self.fn, args=(path_of(job), self.max_bytes),
                                            timeout=self.timeout)
                pending[future] = job
            if not pending:
                return
            done, _ = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
            for future in done:
                job = pending.pop(future)
                path = path_of(job)
                try:
                    result = future.result()
                except cf.TimeoutError:
                    result = WorkResult.failure(path, "timeout", f"no result after {self.timeout:g} s: "
                                                "worker stopped and replaced (see --timeout)")
                except MemoryError:  # raised in the worker past its address-space cap
                    result = WorkResult.failure(path, "limit", limits_mod.memory_reason(self.limits))
                except pebble.ProcessExpired as e:
                    result = WorkResult.failure(path, "crash", f"the worker process died on this file "
                                                f"({_exit_reason(getattr(e, 'exitcode', None))})")
                except Exception as e:  # the result could not come back (unpicklable, broken pipe ...)
                    result = WorkResult.failure(path, "crash", f"{type(e).__name__}: {e}")
                yield job, result

    def close(self, abort: bool = False) -> None:
        if abort:  # interrupted: stop the workers now, their results would not be written anyway
            self.pool.stop()
        else:
            self.pool.close()
        self.pool.join(timeout=30)


class DaskExecutor:
    """Maps the same pure function over a Dask distributed cluster (``client.map`` in chunks,
    ``as_completed``); this process only writes the catalog. Paths must be readable by the workers
    under the same names (a shared disk). ``scheduler`` None or "local" starts a LocalCluster.

    Dask's nanny restarts a worker that dies; a file that kills its worker more than the cluster's
    ``allowed-failures`` times comes back as a "crash" result. A hang is not interrupted here: set
    Dask's own limits (``distributed.scheduler.worker-ttl``) on a shared cluster."""

    def __init__(self, fn: WorkFn, max_bytes: int, scheduler: str | None, workers: int,
                 processes: bool = True, limits: Limits | None = None) -> None:
        import functools

        from distributed import Client, LocalCluster

        self.fn, self.max_bytes = fn, max_bytes
        self.cluster = None
        if scheduler in (None, "", "local"):
            self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=processes,
                                        dashboard_address=None)
            self.client = Client(self.cluster)
        else:
            self.client = Client(scheduler)
        # the text and zip limits on every worker (not the address-space cap: a Dask worker process
        # holds more than one file's work; use the nanny's memory limit there)
        self.client.register_worker_callbacks(functools.partial(limits_mod.configure, limits))
        self.window = max(8, 4 * sum(self.client.nthreads().values()))

    def imap(self, jobs, path_of):
        from distributed import as_completed

        it = iter(jobs)
        pending: dict[str, Any] = {}
        stream = as_completed([], with_results=False)

        def submit_chunk() -> None:
            chunk = []
            while len(pending) + len(chunk) < self.window:
                job = next(it, _END)
                if job is _END:
                    break
                chunk.append(job)
            if chunk:
                futures = self.client.map(self.fn, [path_of(j) for j in chunk], max_bytes=self.max_bytes,
                                          pure=False)
                for f, j in zip(futures, chunk, strict=True):
                    pending[f.key] = j
                    stream.add(f)

        submit_chunk()
        for future in stream:
            job = pending.pop(future.key)
            try:
                result = future.result()
            except Exception as e:  # KilledWorker after repeated worker deaths, or a lost connection
                kind = "crash" if type(e).__name__ == "KilledWorker" else "extract"
                result = WorkResult.failure(path_of(job), kind, f"{type(e).__name__}: {e}"[:500])
            future.release()
            yield job, result
            if len(pending) < self.window // 2:
                submit_chunk()

    def close(self, abort: bool = False) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


_END = object()
_PRELOAD = ["pipeline.extract", "extractors.content", "spacy", "underthesea"]


def _exit_reason(code: int | None) -> str:
    if code is None:
        return "no exit code"
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit code {code}"


def make_executor(fn: WorkFn, max_bytes: int, *, kind: str = "local", workers: int | None = None,
                  timeout: float | None = None, scheduler: str | None = None,
                  dask_processes: bool = True, limits: Limits | None = None) -> Executor:
    workers = workers or default_workers()
    if kind == "dask":
        return DaskExecutor(fn, max_bytes, scheduler, workers, processes=dask_processes, limits=limits)
    if kind != "local":
        raise ValueError(f"unknown executor {kind!r}: use local or dask")
    if workers == 1:
        return InProcessExecutor(fn, max_bytes, limits)
    return ProcessExecutor(fn, max_bytes, workers, timeout, limits=limits)
