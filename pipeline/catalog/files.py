"""Which files an ingest (or `kehoach extract`) reads under the paths it is given: folders walked
recursively and sorted, glob filters, names that are never documents, symlinks leading out of the
folder not followed. Apart from the catalog code, so `extract` starts without it."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.paths import shown

# files that are never documents
_SKIP_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini"}


@dataclass(slots=True)
class Problem:
    """Something met while walking the folders that is not a file to read: an unreadable folder, a
    symlink leading out of the folders given. Recorded in ``errors`` like a failed file."""

    path: str
    stage: str
    reason: str


def _matches(f: Path, patterns: list[str]) -> bool:
    name, full = shown(f.name), shown(f)
    return any(fnmatch.fnmatch(name, g) or fnmatch.fnmatch(full, g) for g in patterns)


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def iter_files(paths: Iterable[str | Path], include: list[str] | None = None,
               exclude: list[str] | None = None, *, follow_symlinks: bool = False,
               report: bool = False) -> Iterator[Any]:
    """Files under the given paths (folders recursively, sorted), filtered by glob patterns.

    A symlink (to a file or a folder) that leads out of the folder it was found in is not followed
    unless ``follow_symlinks``; a path given by name is always read. With ``report``, unreadable
    folders and symlinks not followed come out as ``Problem`` items among the paths."""
    for p in paths:
        p = Path(p)
        if p.is_dir():
            yield from _walk(p, include, exclude, follow_symlinks, report)
        elif _wanted(p, include, exclude, given=True):
            yield p


def _wanted(f: Path, include: list[str] | None, exclude: list[str] | None, given: bool = False) -> bool:
    if f.name in _SKIP_NAMES or (f.name.startswith(".") and not given) or f.name.startswith(".~lock"):
        return False
    if include and not _matches(f, include):
        return False
    return not (exclude and _matches(f, exclude))


def _walk(root: Path, include: list[str] | None, exclude: list[str] | None, follow: bool,
          report: bool) -> Iterator[Any]:
    real_root = os.path.realpath(root)
    problems: list[Problem] = []

    def onerror(e: OSError) -> None:
        where = e.filename if e.filename is not None else str(root)
        problems.append(Problem(str(where), "read", f"folder not readable: {e.strerror or e}"))

    found: list[Path] = []
    visited: set[str] = set()
    for folder, dirs, names in os.walk(root, onerror=onerror, followlinks=follow):
        if follow:  # a symlink loop would walk forever
            real = os.path.realpath(folder)
            if real in visited:
                dirs[:] = []
                continue
            visited.add(real)
        else:
            for d in dirs:
                link = os.path.join(folder, d)
                if os.path.islink(link) and not _inside(os.path.realpath(link), real_root):
                    problems.append(Problem(link, "symlink", "symlink to a folder outside the ingested folder "
                                            "(not followed; see --follow-symlinks)"))
        for name in names:
            f = Path(folder) / name
            if not follow and os.path.islink(f) and not _inside(os.path.realpath(f), real_root):
                problems.append(Problem(str(f), "symlink", "symlink to a file outside the ingested folder "
                                        "(not followed; see --follow-symlinks)"))
                continue
            found.append(f)
    if report:
        yield from problems
    for f in sorted(found):
        if _wanted(f, include, exclude):
            yield f
