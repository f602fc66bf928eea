"""Walk folders, extract each file, write the catalog. A bad file is recorded and the batch goes on."""

from __future__ import annotations

import fnmatch
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import catalog
from pipeline.errors import KehoachError
from pipeline.extract import extract_file, sha256_file

# files that are never documents
_SKIP_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini"}


@dataclass
class FileOutcome:
    path: str
    status: str  # ingested | unchanged | updated | duplicate | failed
    document_id: int | None = None
    format: str | None = None
    reason: str | None = None


@dataclass
class Summary:
    outcomes: list[FileOutcome] = field(default_factory=list)

    @property
    def counts(self) -> Counter[str]:
        return Counter(o.status for o in self.outcomes)

    @property
    def failed(self) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    def as_dict(self) -> dict:
        by_type = Counter(o.format or "unknown" for o in self.outcomes if o.status != "failed")
        return {"files": len(self.outcomes), **{k: self.counts.get(k, 0) for k in
                ("ingested", "unchanged", "updated", "duplicate", "failed")},
                "by_type": dict(by_type),
                "errors": [{"path": o.path, "reason": o.reason} for o in self.failed]}


def iter_files(paths: Iterable[str | Path], include: list[str] | None = None,
               exclude: list[str] | None = None) -> Iterator[Path]:
    """Files under the given paths (folders recursively, sorted), filtered by glob patterns."""
    for p in paths:
        p = Path(p)
        if p.is_dir():
            candidates: Iterable[Path] = sorted(
                Path(root) / name for root, dirs, names in os.walk(p)
                for name in names if not name.startswith(".~lock"))
        else:
            candidates = [p]
        for f in candidates:
            if f.name in _SKIP_NAMES or (f.name.startswith(".") and f != p):
                continue
            if include and not any(fnmatch.fnmatch(f.name, g) or fnmatch.fnmatch(str(f), g) for g in include):
                continue
            if exclude and any(fnmatch.fnmatch(f.name, g) or fnmatch.fnmatch(str(f), g) for g in exclude):
                continue
            yield f


def ingest_file(db, path: Path) -> FileOutcome:
    """Extract one file and store it; never raises for a bad file."""
    sha = None
    try:
        sha = sha256_file(path)
        known = catalog.document_id_for_hash(db, sha)
        if known is not None:
            old = catalog.lookup_file(db, str(path))
            if old and old["sha256"] == sha:
                return FileOutcome(str(path), "unchanged", known)
        result = extract_file(path)
        stored = catalog.store(db, result.record, result.document.text, str(path))
        return FileOutcome(str(path), stored.status, stored.document_id, result.record.source.get("format"))
    except KehoachError as e:
        catalog.record_error(db, str(path), sha, e.stage, str(e))
        return FileOutcome(str(path), "failed", reason=f"{e.stage}: {e}")
    except OSError as e:
        catalog.record_error(db, str(path), sha, "read", e.strerror or str(e))
        return FileOutcome(str(path), "failed", reason=f"read: {e.strerror or e}")
    except Exception as e:  # a bug or a file no reader anticipated: record it, keep going
        reason = f"{type(e).__name__}: {e}"
        catalog.record_error(db, str(path), sha, "extract", reason)
        return FileOutcome(str(path), "failed", reason=f"extract: {reason}")


def ingest(paths: Iterable[str | Path], db_path: str | Path = catalog.DEFAULT_DB, *,
           include: list[str] | None = None, exclude: list[str] | None = None,
           on_file: Callable[[FileOutcome], None] | None = None,
           files: list[Path] | None = None) -> Summary:
    db = catalog.connect(db_path)
    summary = Summary()
    try:
        for path in files if files is not None else iter_files(paths, include, exclude):
            outcome = ingest_file(db, path)
            summary.outcomes.append(outcome)
            if on_file:
                on_file(outcome)
    finally:
        db.close()
    return summary
