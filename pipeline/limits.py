"""Resource limits of the per-file work, so one hostile file fails alone instead of taking the machine.

- ``max_memory_mb``: the address space of each worker process (``RLIMIT_AS``, inherited by the
  LibreOffice and Tesseract it starts). A reader that asks for more gets a MemoryError (the file fails
  at stage ``limit``) or dies (stage ``crash``); either way the worker is replaced and the batch goes on.
- ``max_unzipped_mb`` / ``max_zip_ratio``: a .docx or .odt is a zip; its members' declared sizes are
  checked before any XML is parsed (Python's zipfile refuses a member that inflates past its declared
  size, so a forged header cannot get round the check).
- ``max_chars``: the extracted text of one file; a longer text fails before the extractors run.

The limits reach a worker through ``init_worker`` (the process pool's initializer) and are read with
``current()``; in-process runs (``--workers 1``) get the text and zip limits, not the memory cap.
"""

from __future__ import annotations

import os
import resource
import signal
import threading
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import KehoachError

MB = 1024 * 1024


class LimitExceeded(KehoachError):
    """A file needs more than a configured limit (memory, unzipped size, text length)."""

    stage = "limit"


@dataclass(frozen=True)
class Limits:
    max_memory_mb: float = 1536.0  # address space of a worker process; 0: no limit
    max_chars: int = 5_000_000  # characters of extracted text per file; 0: no limit
    max_unzipped_mb: float = 512.0  # total declared uncompressed size of a zip container; 0: no limit
    max_zip_ratio: float = 100.0  # uncompressed / compressed, per member over 1 MB; 0: no limit


_current = Limits()


def current() -> Limits:
    return _current


def configure(limits: Limits | None) -> None:
    global _current
    _current = limits or Limits()


def init_worker(limits: Limits, parent_pid: int | None = None) -> None:
    """Pool initializer: this process's limits, its address-space cap, and a watchdog that ends the
    worker when the ingest that started it is gone (killed with SIGKILL, it cannot stop its pool)."""
    configure(limits)
    apply_memory_limit(limits.max_memory_mb)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    if parent_pid:
        threading.Thread(target=_watch_parent, args=(parent_pid,), daemon=True,
                         name="kehoach-parent-watch").start()


def _watch_parent(pid: int, every: float = 1.0) -> None:
    while True:
        time.sleep(every)
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            os._exit(70)
        except PermissionError:  # alive, another user's (cannot happen for our parent, but harmless)
            pass


def apply_memory_limit(max_memory_mb: float) -> None:
    """Cap this process's address space (soft limit; the hard limit is left as it was)."""
    if not max_memory_mb:
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = int(max_memory_mb * MB)
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def memory_reason(limits: Limits | None = None) -> str:
    limits = limits or current()
    cap = f" (limit {limits.max_memory_mb:g} MB, see --max-memory)" if limits.max_memory_mb else ""
    return f"out of memory while reading this file{cap}"


def check_zip(path: str | Path, z: zipfile.ZipFile, limits: Limits | None = None) -> None:
    """Raise LimitExceeded when a zip container would inflate past the limits (declared sizes)."""
    limits = limits or current()
    total = 0
    for info in z.infolist():
        total += info.file_size
        if (limits.max_zip_ratio and info.file_size > MB
                and info.file_size > limits.max_zip_ratio * max(info.compress_size, 1)):
            raise LimitExceeded(
                f"zip bomb? member {info.filename} would inflate {info.compress_size / MB:.3g} MB to "
                f"{info.file_size / MB:.4g} MB ({info.file_size / max(info.compress_size, 1):.0f}x, "
                f"limit {limits.max_zip_ratio:g}x, see --max-zip-ratio)")
    if limits.max_unzipped_mb and total > limits.max_unzipped_mb * MB:
        raise LimitExceeded(f"zip container would inflate to {total / MB:.4g} MB "
                            f"(limit {limits.max_unzipped_mb:g} MB, see --max-unzipped)")


def check_chars(n: int, limits: Limits | None = None, *, at_least: bool = False) -> None:
    limits = limits or current()
    if limits.max_chars and n > limits.max_chars:
        raise LimitExceeded(f"text too long: {'at least ' if at_least else ''}{n / 1e6:.3g} M characters "
                            f"(limit {limits.max_chars / 1e6:g} M, see --max-chars)")
