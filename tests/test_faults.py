"""Fault suite (fast cases): hostile files, odd file systems and the web server.

Everything here is real: file names made of CP1258/TCVN3 bytes, zip bombs written with zipfile,
symlinks, an address-space cap that a worker really hits, two processes creating one catalog, signals
sent to a running `kehoach ingest`, a folder a user cannot read, and HTTP requests to the Datasette
app kehoach serves. The slow cases (large bombs, repeated kill -9, serve under ingest) are in
benchmarks/faults.py.
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import pytest

from pipeline.catalog import db as catalog
from pipeline.catalog.ingest import IngestOptions, ingest, watch
from pipeline.catalog.worker import process_file
from pipeline.limits import Limits
from pipeline.use.query import Filters, search_documents
from pipeline.use.serve import make_datasette
from tests.test_ingest import make_plan, write_plans
from tools.make_corpus import docx_bomb

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
# "kế hoạch tháng 3.txt" in CP1258 (ế = ê + combining acute) and in TCVN3 bytes: not UTF-8
CP1258_NAME = "k\xea\xec ho\xb9ch th\xe1ng 3.txt".encode("latin-1")
TCVN3_NAME = b"k\xd5 ho\xb9ch \xae\xe3an.txt"


def _bytes_file(folder: Path, name: bytes, data: bytes) -> str:
    """Create a file whose name is raw bytes; return the str os.walk gives for it (surrogateescape)."""
    path = os.fsencode(folder) + b"/" + name
    with open(path, "wb") as fh:
        fh.write(data)
    return os.fsdecode(path)


def _doc_count(db: Path) -> int:
    con = sqlite3.connect(db, timeout=30)
    try:
        return con.execute("select count(*) from documents").fetchone()[0]
    except sqlite3.OperationalError:  # the file exists, its tables are being created
        return 0
    finally:
        con.close()


def _run_cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True, env=ENV,
                          timeout=timeout)


# --------------------------------------------------------------------------------------------
# 1. file names that are not UTF-8


def test_non_utf8_names_are_stored_losslessly_and_never_fatal(tmp_path):
    folder = tmp_path / "in"
    write_plans(folder, 2)
    cp = _bytes_file(folder, CP1258_NAME, make_plan(7).encode("utf-8"))
    bad = _bytes_file(folder, TCVN3_NAME, b"\x00\x01\x02" * 100)  # binary junk: fails, by name
    db = tmp_path / "c.db"
    s = ingest([folder], db)
    assert s.counts["ingested"] == 3 and s.counts["failed"] == 1, s.as_dict()
    json.dumps(s.as_dict())  # the summary is printable
    dbh = catalog.connect(db)
    # the escaped name is the key, the bytes are kept beside it
    key = str(folder) + "/k\\xea\\xec ho\\xb9ch th\\xe1ng 3.txt"
    assert catalog.lookup_file(dbh, cp)["path"] == key
    assert catalog.fs_path(dbh, key) == cp and os.fsencode(catalog.fs_path(dbh, key)).endswith(CP1258_NAME)
    [(err_path, stage)] = dbh.execute("select path, stage from errors").fetchall()
    assert stage == "read" and "\\xd5" in err_path
    # a re-run finds them unchanged (lookups by the escaped key)
    again = ingest([folder], db)
    assert again.counts["unchanged"] == 3 and again.counts["skipped"] == 1
    # --retry-failed finds the failed file by its original bytes
    retried = ingest([folder], db, retry_failed=True)
    assert [o.path for o in retried.outcomes] == [bad]


def test_non_utf8_names_through_the_command_line(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    _bytes_file(folder, CP1258_NAME, make_plan(3).encode("utf-8"))
    _bytes_file(folder, TCVN3_NAME, b"")
    db = tmp_path / "c.db"
    r = _run_cli("ingest", str(folder), "--db", str(db), "--workers", "2", "--json")
    assert r.returncode == 0, r.stderr.decode()
    summary = json.loads(r.stdout)
    assert summary["ingested"] == 1 and summary["failed"] == 1
    assert "\\xd5" in summary["errors"][0]["path"]
    r.stderr.decode("utf-8")  # stderr is valid UTF-8: names shown with \xNN
    found = _run_cli("search", "--db", str(db), "--format", "jsonl")
    assert found.returncode == 0 and "\\xea\\xec ho" in json.loads(found.stdout)["path"]
    errors = _run_cli("errors", "--db", str(db), "--format", "json")
    assert errors.returncode == 0 and json.loads(errors.stdout)[0]["reason"].startswith("empty file")
    extracted = _run_cli("extract", str(folder), "--format", "jsonl")
    paths = [json.loads(line)["path"] for line in extracted.stdout.decode("utf-8").splitlines()]
    assert len(paths) == 2 and all("\\x" in p for p in paths)


# --------------------------------------------------------------------------------------------
# 2. resource limits


def _docx_bomb(path: Path, inflated_mb: int) -> Path:
    return docx_bomb(path, inflated_mb * 1024 * 1024, CORPUS / "kh-23-gia-lai-hoc-tap-kinh-nghiem.docx")


def test_zip_bombs_fail_before_any_xml_is_parsed(tmp_path):
    folder = tmp_path / "in"
    write_plans(folder, 2)
    _docx_bomb(folder / "bomb.docx", 40)
    good = folder / "good.docx"
    good.write_bytes((CORPUS / "kh-23-gia-lai-hoc-tap-kinh-nghiem.docx").read_bytes())
    limits = Limits(max_unzipped_mb=20, max_zip_ratio=0)
    started = time.perf_counter()
    s = ingest([folder], tmp_path / "c.db", limits=limits)
    assert time.perf_counter() - started < 60
    assert s.counts["ingested"] == 3
    [failed] = s.failed
    assert failed.path.endswith("bomb.docx") and failed.stage == "limit"
    assert "would inflate to" in failed.reason and "--max-unzipped" in failed.reason
    # the ratio limit alone catches it as well
    s2 = ingest([folder / "bomb.docx"], tmp_path / "d.db", limits=Limits(max_unzipped_mb=0, max_zip_ratio=100))
    assert s2.failed[0].stage == "limit" and "zip bomb?" in s2.failed[0].reason


@pytest.mark.slow
def test_a_zip_bomb_past_the_zip_checks_meets_the_memory_cap(tmp_path):
    folder = tmp_path / "in"
    write_plans(folder, 2)
    _docx_bomb(folder / "bomb.docx", 1200)
    limits = Limits(max_unzipped_mb=0, max_zip_ratio=0, max_memory_mb=1024)  # zip checks off
    s = ingest([folder], tmp_path / "c.db", options=IngestOptions(workers=2, timeout=300, limits=limits))
    assert s.counts["ingested"] == 2
    [failed] = s.failed
    assert failed.stage == "limit" and "limit 1024 MB" in failed.reason, failed.reason
    assert max(s.worker_rss_mb.values()) < 1024


def test_text_length_cap(tmp_path):
    folder = tmp_path / "in"
    write_plans(folder, 1)
    (folder / "long.txt").write_text(make_plan(2) + "Nội dung kế hoạch. " * 60_000, encoding="utf-8")
    (folder / "huge.txt").write_bytes(b"x" * 5_000_000)  # > 4 bytes per allowed character: not even read
    s = ingest([folder], tmp_path / "c.db", limits=Limits(max_chars=1_000_000))
    assert s.counts["ingested"] == 1
    reasons = {Path(o.path).name: (o.stage, o.reason) for o in s.failed}
    assert reasons["long.txt"][0] == "limit" and "text too long" in reasons["long.txt"][1]
    assert reasons["huge.txt"][0] == "limit" and "at least 1.25 M characters" in reasons["huge.txt"][1]


def hungry_work(path: str, max_bytes: int):
    if Path(path).name.startswith("hungry"):
        block = bytearray(3 * 1024**3)  # 3 GB: more than the worker's address space
        block[-1] = 1
    return process_file(path, max_bytes)


@pytest.mark.slow
def test_a_worker_that_needs_too_much_memory_fails_alone(tmp_path):
    folder = tmp_path / "in"
    write_plans(folder, 4)
    (folder / "hungry.txt").write_text(make_plan(9), encoding="utf-8")
    opts = IngestOptions(workers=2, timeout=120, work=hungry_work, limits=Limits(max_memory_mb=1024))
    s = ingest([folder], tmp_path / "c.db", options=opts)
    assert s.counts["ingested"] == 4
    [failed] = s.failed
    assert failed.stage == "limit" and "limit 1024 MB" in failed.reason
    assert max(s.worker_rss_mb.values()) < 1024


# --------------------------------------------------------------------------------------------
# 3. symlinks while ingesting


def test_symlinks_out_of_the_folder_are_not_followed(tmp_path):
    outside = tmp_path / "outside"
    secret = write_plans(outside, 2)[0]
    folder = tmp_path / "in"
    [plan] = write_plans(folder, 1, start=5)
    (folder / "secret.txt").symlink_to(secret)
    (folder / "elsewhere").symlink_to(outside, target_is_directory=True)
    (folder / "inner.txt").symlink_to(plan)  # inside: fine
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    db = tmp_path / "c.db"
    s = ingest([folder], db)
    assert s.counts["ingested"] == 1 and s.counts["duplicate"] == 1
    stages = {Path(o.path).name: o.stage for o in s.failed}
    assert stages == {"secret.txt": "symlink", "elsewhere": "symlink"}
    assert "--follow-symlinks" in s.failed[0].reason
    # asked for, they are followed (and the loop does not walk forever)
    s = ingest([folder], tmp_path / "d.db", follow_symlinks=True)
    assert s.counts["ingested"] == 3 and not s.failed


# --------------------------------------------------------------------------------------------
# 4. two processes creating one new catalog


def _connect_at(db: str, barrier) -> None:
    barrier.wait()
    catalog.connect(db).close()


def test_concurrent_creation_of_one_catalog(tmp_path):
    ctx = multiprocessing.get_context("fork")
    for k in range(30):
        db = str(tmp_path / f"c{k}.db")
        barrier = ctx.Barrier(3)
        procs = [ctx.Process(target=_connect_at, args=(db, barrier)) for _ in range(3)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(60)
        assert [p.exitcode for p in procs] == [0, 0, 0], f"round {k}"
        assert "documents" in sqlite3.connect(db).execute(
            "select group_concat(name) from sqlite_master where type = 'table'").fetchone()[0]


@pytest.mark.slow
def test_two_ingests_into_one_new_catalog(tmp_path):
    folder = tmp_path / "in"
    write_plans(folder, 12)
    db = tmp_path / "c.db"
    cmd = [sys.executable, "-m", "pipeline", "ingest", str(folder), "--db", str(db), "--workers", "2"]
    procs = [subprocess.Popen(cmd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    results = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [r[1].decode()[-800:] for r in results]
    con = sqlite3.connect(db)
    assert con.execute("select count(*), count(distinct sha256) from documents").fetchone() == (12, 12)
    assert con.execute("select count(*) from files").fetchone()[0] == 12


# --------------------------------------------------------------------------------------------
# 5. SIGTERM and SIGHUP


@pytest.mark.slow
@pytest.mark.parametrize(("sig", "code"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_a_signal_stops_the_ingest_like_ctrl_c(tmp_path, sig, code):
    folder = tmp_path / "in"
    write_plans(folder, 150, body_repeat=3)
    db = tmp_path / "c.db"
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "ingest", str(folder), "--db", str(db),
                             "--workers", "2"], env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    parent = psutil.Process(proc.pid)
    deadline = time.time() + 120
    while time.time() < deadline and not (db.exists() and _doc_count(db) >= 3):
        time.sleep(0.2)
    workers = [c for c in parent.children(recursive=True)]
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=60)
    text = err.decode("utf-8")
    assert proc.returncode == code, text[-1500:]
    assert f"stopped by {signal.Signals(sig).name}" in text and "files in" in text  # the summary
    time.sleep(1.0)
    assert not [w for w in workers if w.is_running() and w.status() != psutil.STATUS_ZOMBIE]
    # a re-run finishes: every plan once
    r = _run_cli("ingest", str(folder), "--db", str(db), "--workers", "2")
    assert r.returncode == 0
    assert sqlite3.connect(db).execute("select count(*), count(distinct sha256) from documents").fetchone() == (
        150, 150)


# --------------------------------------------------------------------------------------------
# 6. unreadable folders and files


def _without_root_file_access() -> None:
    """In the child before exec: drop CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from the bounding set,
    so even root gets 'Permission denied' on a folder or file of mode 000, as any user would."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def test_unreadable_folders_and_files_are_recorded(tmp_path):
    folder = tmp_path / "in"
    write_plans(folder, 2)
    closed = folder / "closed"
    write_plans(closed, 1, start=3)
    locked = folder / "locked.txt"
    locked.write_text(make_plan(8), encoding="utf-8")
    closed.chmod(0o000)
    locked.chmod(0o000)
    db = tmp_path / "c.db"
    try:
        r = subprocess.run([sys.executable, "-m", "pipeline", "ingest", str(folder), "--db", str(db),
                            "--workers", "1", "--json"], env=ENV, capture_output=True, timeout=300,
                           preexec_fn=_without_root_file_access if os.getuid() == 0 else None)
    finally:
        closed.chmod(0o755)
        locked.chmod(0o644)
    assert r.returncode == 0, r.stderr.decode()[-1500:]
    summary = json.loads(r.stdout)
    assert summary["ingested"] == 2
    reasons = {Path(e["path"]).name: e["reason"] for e in summary["errors"]}
    assert reasons == {"closed": "folder not readable: Permission denied", "locked.txt": "Permission denied"}
    rows = sqlite3.connect(db).execute("select path, stage from errors order by path").fetchall()
    assert [(Path(p).name, s) for p, s in rows] == [("closed", "read"), ("locked.txt", "read")]
    # readable again: a re-run takes them in
    r = _run_cli("ingest", str(folder), "--db", str(db), "--workers", "1", "--retry-failed", "--json")
    assert json.loads(r.stdout)["ingested"] == 2  # locked.txt, and the plan in the folder now walked
    assert sqlite3.connect(db).execute("select count(*) from errors").fetchone()[0] == 0


# --------------------------------------------------------------------------------------------
# 7. watch


def test_watch_waits_for_a_settled_file_marks_missing_and_counts_truly(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    db = tmp_path / "c.db"
    stop = threading.Event()
    result = {}

    def run() -> None:
        result["summary"] = watch(inbox, db, interval=0.1, settle=1.5, stop=stop)

    t = threading.Thread(target=run)
    t.start()
    try:
        text = make_plan(4, body_repeat=3).encode("utf-8")
        target = inbox / "chậm.txt"
        with open(target, "wb") as fh:  # a writer that pauses for many polls (0.8 s, 8 polls)
            fh.write(text[: len(text) // 2])
            fh.flush()
            time.sleep(0.8)
            assert not db.exists() or _doc_count(db) == 0
            fh.write(text[len(text) // 2:])
        _bytes_file(inbox, CP1258_NAME, make_plan(5).encode("utf-8"))
        deadline = time.time() + 60
        while time.time() < deadline and (not db.exists() or _doc_count(db) < 2):
            time.sleep(0.1)
        assert _doc_count(db) == 2
        dbh = catalog.connect(db)
        assert dbh.execute("select size from files where path like '%chậm.txt'").fetchone()[0] == len(text)
        # renamed: the new name links to the document, the old one is marked missing
        target.rename(inbox / "da-doi-ten.txt")
        time.sleep(2.5)
        # deleted: marked missing, left out of search
        os.unlink(os.fsencode(inbox) + b"/" + CP1258_NAME)
        time.sleep(1.0)
    finally:
        stop.set()
        t.join(60)
    rows = dict(dbh.execute("select path, missing_since is not null from files").fetchall())
    assert rows == {str(inbox / "chậm.txt"): 1, str(inbox / "da-doi-ten.txt"): 0,
                    str(inbox) + "/k\\xea\\xec ho\\xb9ch th\\xe1ng 3.txt": 1}
    # only the plan still on disk is found
    [found] = catalog.search(dbh)
    assert [r["id"] for r in search_documents(dbh, Filters())] == [found["id"]]
    assert dbh.execute("select path from files where document_id = ? and missing_since is null",
                       [found["id"]]).fetchone()[0].endswith("da-doi-ten.txt")
    summary = result["summary"].as_dict()
    assert (summary["files"], summary["ingested"], summary["duplicate"], summary["missing"]) == (3, 2, 1, 2)


# --------------------------------------------------------------------------------------------
# 8. a good file whose worker was killed is retried once


def dies_once_work(path: str, max_bytes: int):
    marker = Path(path).with_suffix(".died")
    if Path(path).name.startswith("victim") and not marker.exists():
        marker.write_text("1")
        os.kill(os.getpid(), signal.SIGKILL)  # as the OOM killer would
    return process_file(path, max_bytes)


@pytest.mark.slow
def test_a_good_file_whose_worker_was_killed_is_retried_on_the_next_run(tmp_path):
    folder = tmp_path / "in"
    write_plans(folder, 3)
    (folder / "victim.txt").write_text(make_plan(6), encoding="utf-8")
    db = tmp_path / "c.db"
    opts = IngestOptions(workers=2, work=dies_once_work)
    first = ingest([folder], db, include=["*.txt"], options=opts)
    assert first.counts["ingested"] == 3 and first.failed[0].stage == "crash"
    assert "SIGKILL" in first.failed[0].reason
    second = ingest([folder], db, include=["*.txt"], options=opts)
    assert second.counts["ingested"] == 1 and second.counts["unchanged"] == 3 and not second.failed


# --------------------------------------------------------------------------------------------
# 9. the web server


def _get(db: Path, *paths: str) -> list:
    ds = make_datasette(db)

    async def fetch():
        await ds.invoke_startup()
        return [await ds.client.get(p) for p in paths]

    return asyncio.run(fetch())


@pytest.fixture
def served(tmp_path):
    folder = tmp_path / "archive"
    write_plans(folder, 2)
    (folder / "trang.html").write_text(
        "<html><body><script>alert(document.cookie)</script>" + make_plan(11).replace("\n", "<br>\n")
        + "</body></html>", encoding="utf-8")
    outside = tmp_path / "private.txt"
    outside.write_text("mật khẩu: hunter2\n", encoding="utf-8")
    db = tmp_path / "catalog.db"
    s = ingest([folder], db)
    assert s.counts["ingested"] == 3, s.as_dict()
    ids = {Path(o.path).name: o.document_id for o in s.outcomes}
    return db, folder, outside, ids


def test_sources_are_downloads_and_html_never_runs(served):
    db, folder, _, ids = served
    html_doc, txt_doc = ids["trang.html"], ids[sorted(n for n in ids if n.endswith(".txt"))[0]]
    r_html, r_txt = _get(db, f"/-/kehoach/source/{html_doc}", f"/-/kehoach/source/{txt_doc}")
    assert r_html.status_code == 200 and b"<script>" in r_html.content
    assert r_html.headers["content-type"] == "application/octet-stream"
    for r in (r_html, r_txt):
        assert r.headers["content-disposition"].startswith("attachment;")
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["content-security-policy"] == "default-src 'none'; sandbox"
    assert r_txt.headers["content-type"] == "text/plain; charset=utf-8"


def test_a_source_replaced_by_a_symlink_or_changed_is_refused(served):
    db, folder, outside, ids = served
    name = sorted(n for n in ids if n.endswith(".txt"))[0]
    target = folder / name
    original = target.read_bytes()
    target.unlink()
    target.symlink_to(outside)  # the recorded path now leads out of the archive
    (r,) = _get(db, f"/-/kehoach/source/{ids[name]}")
    assert r.status_code == 404 and b"hunter2" not in r.content
    target.unlink()
    target.write_bytes(original + b"\nthay doi\n")  # changed content
    (r,) = _get(db, f"/-/kehoach/source/{ids[name]}")
    assert r.status_code == 404
    target.write_bytes(original)  # restored: served again
    (r,) = _get(db, f"/-/kehoach/source/{ids[name]}")
    assert r.status_code == 200 and r.content == original


def test_only_files_under_the_ingested_folders_are_served(served, tmp_path):
    db, folder, outside, _ = served
    # a file catalogued from elsewhere, then its root forgotten: not served
    extra = tmp_path / "extra"
    write_plans(extra, 1, start=20)
    s = ingest([extra], db)
    doc = s.outcomes[0].document_id
    (r,) = _get(db, f"/-/kehoach/source/{doc}")
    assert r.status_code == 200
    sqlite3.connect(db, isolation_level=None).execute("delete from roots where path = ?", [str(extra)])
    (r,) = _get(db, f"/-/kehoach/source/{doc}")
    assert r.status_code == 404


def test_server_limits_and_public_json(served):
    db, folder, _, _ = served
    long_search = "dong " * 201
    huge, big, search, ok_search, databases, versions = _get(
        db, "/-/kehoach/source/99999999999999999999999", f"/-/kehoach/source/{2**63}",
        f"/catalog/plans.json?_search={long_search}", "/catalog/plans.json?_search=dong+nai",
        "/-/databases.json", "/-/versions.json")
    assert huge.status_code == 404 and big.status_code == 404
    assert search.status_code == 400 and "too long" in search.text
    assert ok_search.status_code == 200
    assert databases.status_code == 200 and json.loads(databases.text)[0]["path"] == "catalog.db"
    for r in (databases, versions):
        assert str(db.parent) not in r.text


# --------------------------------------------------------------------------------------------
# 10. LibreOffice leaves nothing behind

_CONVERT_THEN_DIE = """
import json, os, signal, sys
from pathlib import Path
from pipeline.read.readers.office import _office, convert_file
convert_file(Path(sys.argv[1]), "docx", Path(sys.argv[2]), "doc")
o = _office()
print(json.dumps({"root": str(o.root), "sockets": [s for s in o.sockets() if os.path.exists(s)]}), flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.mark.slow
def test_libreoffice_leaves_no_folder_or_socket_when_its_process_is_killed(tmp_path):
    from pipeline.read.readers.office import _import_uno

    if not _import_uno():
        pytest.skip("LibreOffice's Python bridge (python3-uno) is not installed")
    src = CORPUS / "kh-23-gia-lai-hoc-tap-kinh-nghiem.docx"
    r = subprocess.run([sys.executable, "-c", _CONVERT_THEN_DIE, str(src), str(tmp_path / "a.doc")],
                       env={**ENV, "KEHOACH_OFFICE_BACKEND": "uno"}, capture_output=True, text=True, timeout=300)
    assert r.returncode == -signal.SIGKILL, r.stderr[-1000:]
    left = json.loads(r.stdout)
    assert left["sockets"], "the UNO pipe and the single-instance pipe existed while it ran"
    deadline = time.time() + 15
    while time.time() < deadline and (os.path.exists(left["root"]) or any(map(os.path.exists, left["sockets"]))):
        time.sleep(0.2)
    assert not os.path.exists(left["root"])
    assert not [s for s in left["sockets"] if os.path.exists(s)]


def test_the_web_plans_leave_out_a_plan_whose_files_are_gone(served):
    db, folder, _, ids = served
    name = sorted(n for n in ids if n.endswith(".txt"))[0]
    (before,) = _get(db, "/catalog/plans.json?_shape=array")
    (folder / name).unlink()
    assert ingest([folder], db).missing == 1
    (after,) = _get(db, "/catalog/plans.json?_shape=array")
    assert {r["id"] for r in before.json()} - {r["id"] for r in after.json()} == {ids[name]}
