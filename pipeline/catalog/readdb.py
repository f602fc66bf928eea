"""A read connection to the catalog with the part of the sqlite-utils ``Database`` interface the
query functions use (``query``, ``execute``, ``conn``, ``close``). Importing sqlite-utils costs
≈ 0.3 s (numpy, plugins); a query command needs none of it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any


class ReadDB:
    def __init__(self, path: str | Path) -> None:
        self.conn = sqlite3.connect(str(path), timeout=60, isolation_level=None)
        self.conn.execute("PRAGMA query_only=ON")
        # a listing reads events and their documents in date order, all over the file: a page cache
        # larger than SQLite's 2 MB default, and reads through mmap (no copy per page)
        self.conn.execute("PRAGMA cache_size=-65536")
        # (the whole file where SQLite allows: it caps the size at 2 GB here)
        self.conn.execute("PRAGMA mmap_size=17179869184")
        from pipeline.catalog.db import register_functions

        register_functions(self.conn)

    def execute(self, sql: str, params: Any = None) -> sqlite3.Cursor:
        return self.conn.execute(sql, params if params is not None else [])

    def query(self, sql: str, params: Any = None) -> Iterator[dict[str, Any]]:
        cur = self.conn.execute(sql, params if params is not None else [])
        keys = [d[0] for d in cur.description]
        for row in cur:
            yield dict(zip(keys, row, strict=True))

    def close(self) -> None:
        self.conn.close()
