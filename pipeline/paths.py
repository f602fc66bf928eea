"""File names that are not UTF-8, stored losslessly and shown safely.

On Linux a file name is bytes. An archive copied from old Windows machines has names in CP1258 or
TCVN3 bytes that are not valid UTF-8; ``os.walk`` gives them to Python as ``str`` with lone
surrogates (PEP 383, "surrogateescape"), which work for ``open``/``stat`` but cannot be written to
SQLite, a terminal or JSON.

- ``db_key(path)``: the absolute path as the catalog keys it. A UTF-8 name is itself; any other name
  is its bytes with each undecodable byte written ``\\xNN`` (``os.fsencode(p).decode("utf-8",
  "backslashreplace")``), readable and unique. The raw bytes are kept beside it (catalog table
  ``raw_paths``), so the file can be found again (``--retry-failed``, ``serve``).
- ``shown(path)``: the same escaped text for printing anything (stdout, stderr, JSON, HTML).
"""

from __future__ import annotations

import os
from pathlib import Path

# the catalog commands use unless given --db (here, not in catalog.db, so the command line can name
# it without importing the catalog code)
DEFAULT_DB = Path("output") / "catalog.db"


def is_clean(text: str) -> bool:
    """True when the string encodes as UTF-8 (no lone surrogates from undecodable bytes)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown(path: str | Path | bytes) -> str:
    """A path as safe text: unchanged when it is UTF-8, else its undecodable bytes as \\xNN."""
    if isinstance(path, bytes):
        return path.decode("utf-8", "backslashreplace")
    text = str(path)
    if is_clean(text):
        return text
    return os.fsencode(text).decode("utf-8", "backslashreplace")


def raw_bytes(path: str | Path) -> bytes | None:
    """The file name's bytes when it is not UTF-8 (what ``raw_paths`` stores), else None."""
    text = os.path.abspath(str(path))
    return None if is_clean(text) else os.fsencode(text)


def db_key(path: str | Path) -> str:
    """The absolute path as the catalog keys it (see the module docstring)."""
    return shown(os.path.abspath(str(path)))
