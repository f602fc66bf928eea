"""`kehoach serve` started for a test: a real process on a free port, stopped afterwards."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_serve(db_path: Path, log: Path, *extra: str) -> Iterator[str]:
    """Start `python -m pipeline serve` on the catalog; yields its base URL once it answers."""
    port = free_port()
    with open(log, "w") as fh:
        proc = subprocess.Popen([sys.executable, "-m", "pipeline", "serve", "--db", str(db_path), "--port",
                                 str(port), "--host", "127.0.0.1", *extra],
                                stdout=fh, stderr=subprocess.STDOUT, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=1).read()
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail(f"kehoach serve exited: {log.read_text()}")
                time.sleep(0.1)
        else:
            pytest.fail(f"kehoach serve did not start: {log.read_text()}")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)
