"""Word 97-2003 .doc, .rtf and .odt: converted to .docx by LibreOffice, then read by the .docx reader.

Converting keeps one reader for the structure every extractor relies on (paragraphs and tables in
reading order, the two-column header table as left/right cells) and keeps the run font names
(".VnTime", ".VnTimeH", "VNI-Times") that per-run legacy repair needs; text dumpers (antiword,
catdoc, striprtf) lose both.

LibreOffice starts in seconds, so each worker process keeps one headless soffice with its own
profile, listening on a named pipe, and converts through UNO (tens of ms per file). Where Python
cannot import LibreOffice's ``uno`` module (Debian's python3-uno), every file goes through
``soffice --convert-to`` with a persistent per-process profile instead (about 1.3 s per file);
KEHOACH_OFFICE_BACKEND=cli|uno forces one.
"""

from __future__ import annotations

import atexit
import builtins
import contextlib
import os
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time
import uuid
import zipfile
from pathlib import Path
from typing import Any

from pipeline.document import RawDocument
from pipeline.errors import ReaderError, UnsupportedFormat

CONVERT_TIMEOUT = 60.0  # seconds per file
START_TIMEOUT = 60.0  # seconds for soffice to accept connections

# LibreOffice import filters per format; a .doc may be Word 97-2003 or an older Word 6/95 file.
# Always naming the filter matters: without one, soffice guesses and can crash on garbage.
IMPORT_FILTERS: dict[str, tuple[str, ...]] = {
    "doc": ("MS Word 97", "MS Word 95", "MS WinWord 6.0"),
    "rtf": ("Rich Text Format",),
    "odt": ("writer8",),
    "docx": ("MS Word 2007 XML",),
    "html": ("HTML (StarWriter)",),  # a page Word or LibreOffice saved ("Save as Web Page")
}
EXPORT_FILTERS = {"docx": "MS Word 2007 XML", "doc": "MS Word 97", "rtf": "Rich Text Format",
                  "odt": "writer8", "html": "HTML (StarWriter)", "pdf": "writer_pdf_Export"}

# where Debian's python3-uno puts uno.py (LibreOffice's own program dir on other layouts)
_UNO_DIRS = ("/usr/lib/python3/dist-packages", "/usr/lib/libreoffice/program", "/opt/libreoffice/program")


# ---------------------------------------------------------------------------------------------
# Public readers


def read_doc(path: Path) -> RawDocument:
    check_word_ole(path)
    return _read_converted(Path(path), "doc")


def read_rtf(path: Path) -> RawDocument:
    return _read_converted(Path(path), "rtf")


def read_odt(path: Path) -> RawDocument:
    check_odt(path)
    return _read_converted(Path(path), "odt")


def read_office_html(path: Path) -> RawDocument:
    """A web page saved by Word or LibreOffice: its tables are the document's own layout (the
    Decree-30 header, Nơi nhận beside the signature), which Writer reads back as the .docx reader
    expects them."""
    return _read_converted(Path(path), "html")


def _read_converted(path: Path, fmt: str) -> RawDocument:
    from pipeline.read.readers.docx import read_docx  # lazy: the .docx stack loads only when needed

    with tempfile.TemporaryDirectory(prefix="kehoach-conv-") as tmp:
        start = time.perf_counter()
        docx_path = convert_to_docx(path, fmt, Path(tmp))
        seconds = time.perf_counter() - start
        keep_soft_hyphens(docx_path)
        raw = read_docx(docx_path)
    raw.path = str(path)
    raw.format = fmt
    raw.meta["converted"] = {"by": "libreoffice", "backend": _office().backend, "seconds": round(seconds, 3)}
    return raw


def keep_soft_hyphens(docx_path: Path) -> None:
    """Write LibreOffice's <w:softHyphen/> back as the character U+00AD it stands for.

    TCVN3 stores "ư" at 0xAD, the soft hyphen, and a .doc typed in .VnTime keeps it as one; a
    .docx reader that drops soft hyphens turns "mười" into "mời" and "tưới" into "tới". As a
    character it reaches legacy repair (and normalisation strips it from Unicode text)."""
    with zipfile.ZipFile(docx_path) as z:
        xml = z.read("word/document.xml")
        if _SOFT_HYPHEN not in xml:
            return
        members = [(info, z.read(info.filename)) for info in z.infolist()]
    with zipfile.ZipFile(docx_path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in members:
            if info.filename == "word/document.xml":
                data = xml.replace(_SOFT_HYPHEN, '<w:t xml:space="preserve">\u00ad</w:t>'.encode())
            z.writestr(info, data)


_SOFT_HYPHEN = b"<w:softHyphen/>"


# ---------------------------------------------------------------------------------------------
# Checks that give a clear reason before LibreOffice gives a vague one


def check_word_ole(path: Path) -> None:
    """Raise for an OLE2 file that is encrypted, corrupt or not a Word document."""
    import olefile

    try:
        ole = olefile.OleFileIO(str(path))
    except Exception as e:  # olefile raises many kinds on damaged containers
        raise ReaderError("corrupt or truncated Word (.doc) file: unreadable OLE2 container") from e
    with ole:
        if ole.exists("EncryptedPackage") or ole.exists("EncryptionInfo"):
            raise ReaderError("password-protected (encrypted) Office document")
        if not ole.exists("WordDocument"):
            kind = ("an Excel workbook" if ole.exists("Workbook") or ole.exists("Book")
                    else "a PowerPoint file" if ole.exists("PowerPoint Document")
                    else "an OLE2 file")
            raise UnsupportedFormat(f"{kind}, not a Word document")
        try:
            fib = ole.openstream("WordDocument").read(12)
        except OSError as e:
            raise ReaderError(f"corrupt Word (.doc) file: {e}") from e
    if len(fib) < 12:
        raise ReaderError("corrupt Word (.doc) file: WordDocument stream too short")
    ident, flags = struct.unpack_from("<H", fib, 0)[0], struct.unpack_from("<H", fib, 10)[0]
    if ident not in (0xA5EC, 0xA5DC):  # Word 97-2003, Word 6/95
        raise ReaderError(f"corrupt Word (.doc) file: unknown file signature {ident:#06x}")
    if flags & 0x0100:  # FibBase.fEncrypted
        raise ReaderError("password-protected (encrypted) Word document")


def check_odt(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as z:
            manifest = z.read("META-INF/manifest.xml") if "META-INF/manifest.xml" in z.namelist() else b""
            bad = z.testzip()
    except (zipfile.BadZipFile, OSError) as e:
        raise ReaderError(f"corrupt OpenDocument (.odt) file: {e}") from e
    if bad:
        raise ReaderError(f"corrupt OpenDocument (.odt) file: bad member {bad}")
    if b"encryption-data" in manifest:
        raise ReaderError("password-protected (encrypted) OpenDocument file")


# ---------------------------------------------------------------------------------------------
# Conversion


def convert_to_docx(path: Path, fmt: str, out_dir: Path, *, timeout: float = CONVERT_TIMEOUT,
                    backend: str | None = None) -> Path:
    """Convert a .doc/.rtf/.odt file to ``out_dir/<stem>.docx`` with this process's LibreOffice."""
    return convert_file(path, fmt, Path(out_dir) / (Path(path).stem + ".docx"), "docx",
                        timeout=timeout, backend=backend)


def convert_file(src: Path, in_fmt: str, dst: Path, out_fmt: str = "docx", *,
                 timeout: float = CONVERT_TIMEOUT, backend: str | None = None) -> Path:
    """Convert between Writer formats (doc, docx, rtf, odt) with this process's LibreOffice.

    ``backend`` forces "uno" (a long-lived soffice) or "cli" (one ``soffice --convert-to`` per file);
    by default UNO when LibreOffice's Python bridge imports, else the CLI."""
    if in_fmt not in IMPORT_FILTERS:
        raise UnsupportedFormat(f"LibreOffice conversion of {in_fmt} files is not set up")
    if out_fmt not in EXPORT_FILTERS:
        raise UnsupportedFormat(f"LibreOffice conversion to {out_fmt} is not set up")
    src, dst = Path(src).resolve(), Path(dst).resolve()
    dst.parent.mkdir(parents=True, exist_ok=True)
    _office(backend).convert(src, dst, IMPORT_FILTERS[in_fmt], EXPORT_FILTERS[out_fmt], in_fmt, timeout)
    if not dst.is_file() or dst.stat().st_size == 0:
        raise ReaderError(f"LibreOffice produced no {out_fmt} from this {in_fmt} file")
    return dst


def shutdown() -> None:
    """Stop this process's soffice (it is also stopped at exit, and by its watchdog if killed)."""
    for key, office in list(_OFFICES.items()):
        if key[0] == os.getpid():  # a forked child leaves its parent's soffice alone
            office.close()
            del _OFFICES[key]


_OFFICES: dict[tuple[int, str], _Office] = {}
_OFFICES_LOCK = threading.Lock()


def _office(backend: str | None = None) -> _Office:
    """This process's converter; a forked worker starts its own rather than share its parent's."""
    backend = backend or os.environ.get("KEHOACH_OFFICE_BACKEND") or ("uno" if _import_uno() else "cli")
    key = (os.getpid(), backend)
    with _OFFICES_LOCK:
        if key not in _OFFICES:
            _OFFICES[key] = _UnoOffice() if backend == "uno" else _CliOffice()
        return _OFFICES[key]


atexit.register(shutdown)


def soffice_binary() -> str:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for candidate in ("/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice"):
        if os.access(candidate, os.X_OK):
            return candidate
    raise UnsupportedFormat("LibreOffice (soffice) is not installed; it is needed for .doc/.rtf/.odt files")


_UNO: Any = None


def _import_uno() -> Any:
    """LibreOffice's ``uno`` module, or None. Debian ships it for the system Python only, so a venv
    of the same minor version borrows it from there (appended: the venv's own packages still win)."""
    global _UNO
    if _UNO is not None:
        return _UNO or None
    saved_import = builtins.__import__
    try:
        import uno  # type: ignore[import-not-found]
    except ImportError:
        uno = None
        for d in _UNO_DIRS:
            if not os.path.isfile(os.path.join(d, "uno.py")):
                continue
            sys.path.append(d)
            try:
                import uno  # type: ignore[import-not-found,no-redef]
                break
            except Exception:  # ImportError: pyuno built for another Python version
                uno = None
            finally:
                sys.path.remove(d)
    # uno.py replaces builtins.__import__ with a hook that turns a missing optional module into an
    # ImportError other libraries do not expect (tqdm's "from envwrap import ..." then breaks spaCy);
    # nothing here imports UNO types by name (createUnoStruct is used), so put the original back
    builtins.__import__ = saved_import
    _UNO = uno or False
    return uno


class _Office:
    """Each converter has a private folder removed when it stops (also by the watchdog when the worker
    was killed): ``profile/`` is soffice's user profile, ``tmp/`` its TMPDIR and the folder of its
    named pipe (OSL_SOCKET_PATH), so no ``lu*.tmp`` folder or ``OSL_PIPE_*`` socket is left in /tmp."""

    backend = "?"

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="kehoach-lo-"))
        self.profile = self.root / "profile"
        self.tmp = self.root / "tmp"
        self.tmp.mkdir()
        self.lock = threading.Lock()

    def env(self) -> dict[str, str]:
        return {**os.environ, "TMPDIR": str(self.tmp), "TMP": str(self.tmp), "TEMP": str(self.tmp)}

    def sockets(self) -> list[str]:
        """The named-pipe sockets this soffice makes. LibreOffice puts them in /tmp (else /var/tmp)
        whatever TMPDIR says, and leaves them behind when it is killed; their names are known: the
        single-instance pipe is named after the MD5 of the profile URL in UTF-16, each byte in hex
        without padding (desktop/source/app/officeipcthread.cxx), the UNO pipe is ours."""
        import hashlib

        digest = hashlib.md5(self.profile.as_uri().encode("utf-16-le")).digest()  # noqa: S324 (a name)
        names = [f"SingleOfficeIPC_{''.join(format(b, 'x') for b in digest)}"]
        pipe = getattr(self, "pipe", None)
        if pipe:
            names.append(pipe)
        return [f"{d}/OSL_PIPE_{os.getuid()}_{n}" for d in ("/tmp", "/var/tmp") for n in names]

    def convert(self, src: Path, dst: Path, filters: tuple[str, ...], export: str, fmt: str,
                timeout: float) -> None:
        raise NotImplementedError

    def close(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
        for sock in self.sockets():
            with contextlib.suppress(OSError):
                os.unlink(sock)


# $1 private folder (profile, TMPDIR), $2 pid of the Python process, $3 the pipe sockets to remove
# (":"-separated), then the soffice command. soffice gets a session of its own, killed when the Python
# process is gone, when soffice itself exits, or on SIGTERM; its folder and sockets are removed then.
_WATCHDOG = """
profile="$1"; parent="$2"; sockets="$3"; shift 3
setsid "$@" &
office=$!
stop() {
  kill -KILL -"$office" 2>/dev/null; wait "$office" 2>/dev/null; rm -rf "$profile"
  IFS=:; for s in $sockets; do rm -f "$s"; done; exit 0
}
trap stop TERM INT HUP
while kill -0 "$parent" 2>/dev/null && kill -0 "$office" 2>/dev/null; do sleep 1 & wait $!; done
stop
"""


def _kill_group(proc: subprocess.Popen | None) -> None:
    if proc is None or proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait(timeout=10)


class _CliOffice(_Office):
    """One ``soffice --convert-to`` per file, with a profile kept for the life of the process."""

    backend = "cli"

    def convert(self, src: Path, dst: Path, filters: tuple[str, ...], export: str, fmt: str,
                timeout: float) -> None:
        with self.lock, tempfile.TemporaryDirectory(prefix="kehoach-cli-") as tmp:
            for flt in filters:
                cmd = [soffice_binary(), "--headless", "--norestore", "--nolockcheck",
                       f"-env:UserInstallation={self.profile.as_uri()}", f"--infilter={flt}",
                       "--convert-to", f"{dst.suffix.lstrip('.')}:{export}", "--outdir", tmp, str(src)]
                proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                        start_new_session=True, env=self.env())
                try:
                    proc.wait(timeout=timeout)
                except subprocess.TimeoutExpired:
                    _kill_group(proc)
                    raise ReaderError(f"LibreOffice conversion timed out after {timeout:.0f} s") from None
                produced = Path(tmp) / (src.stem + dst.suffix)
                if produced.is_file() and produced.stat().st_size:
                    shutil.move(produced, dst)
                    return
        raise ReaderError(f"LibreOffice could not open this {fmt} file (corrupt, encrypted or not a {fmt})")


class _UnoOffice(_Office):
    """A long-lived headless soffice on a named pipe, driven through UNO."""

    backend = "uno"

    def __init__(self) -> None:
        super().__init__()
        self.pid = os.getpid()
        self.pipe = f"kehoach_{self.pid}_{uuid.uuid4().hex[:8]}"
        self.proc: subprocess.Popen | None = None
        self.desktop: Any = None

    def _start(self) -> None:
        uno = _import_uno()
        cmd = [soffice_binary(), "--headless", "--invisible", "--nologo", "--norestore", "--nodefault",
               "--nolockcheck", f"-env:UserInstallation={self.profile.as_uri()}",
               f"--accept=pipe,name={self.pipe};urp;StarOffice.ComponentContext"]
        # soffice runs under a watchdog shell, so it goes when this process goes, even killed
        self.proc = subprocess.Popen(["/bin/sh", "-c", _WATCHDOG, "watchdog", str(self.root),
                                      str(os.getpid()), ":".join(self.sockets()), *cmd],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     start_new_session=True, env=self.env())
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                ctx = resolver.resolve(f"uno:pipe,name={self.pipe};urp;StarOffice.ComponentContext")
                break
            except Exception as e:  # NoConnectException until soffice listens
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    self._stop()
                    raise ReaderError(f"LibreOffice did not start: {getattr(e, 'Message', e)}") from None
                time.sleep(0.05)
        self.desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)

    def _stop(self, graceful: bool = True) -> None:
        proc, desktop = self.proc, self.desktop
        self.proc, self.desktop = None, None
        if proc is None:
            return
        if graceful and desktop is not None and proc.poll() is None:
            try:
                desktop.terminate()  # a clean exit; the watchdog follows within a second
                proc.wait(timeout=5)
            except Exception:  # already gone, refusing, or slow: the watchdog kills it
                pass
        if proc.poll() is None:
            proc.terminate()  # the watchdog kills soffice's group and removes the profile
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                _kill_group(proc)

    def close(self) -> None:
        if self.pid == os.getpid():
            self._stop()
            super().close()

    def convert(self, src: Path, dst: Path, filters: tuple[str, ...], export: str, fmt: str,
                timeout: float) -> None:
        with self.lock:
            if self.proc is None or self.proc.poll() is not None:
                self._stop()
                self._start()
            outcome: dict[str, Any] = {}
            worker = threading.Thread(target=self._convert_in_thread, daemon=True,
                                      args=(src, dst, filters, export, outcome))
            worker.start()
            worker.join(timeout)
            if worker.is_alive():  # a hung import: kill soffice, which ends the blocked call too
                self._stop(graceful=False)
                worker.join(10)
                raise ReaderError(f"LibreOffice conversion timed out after {timeout:.0f} s")
            error = outcome.get("error")
            if error is not None:
                if self.proc is None or self.proc.poll() is not None or "Disposed" in type(error).__name__:
                    self._stop(graceful=False)
                    raise ReaderError(f"LibreOffice crashed on this {fmt} file (corrupt?)")
                raise ReaderError(f"LibreOffice could not convert this {fmt} file: "
                                  f"{getattr(error, 'Message', error)}")
            if not outcome.get("loaded"):
                raise ReaderError(f"LibreOffice could not open this {fmt} file "
                                  f"(corrupt, encrypted or not a {fmt})")

    def _convert_in_thread(self, src: Path, dst: Path, filters: tuple[str, ...], export: str,
                           outcome: dict[str, Any]) -> None:
        uno = _import_uno()
        try:
            for flt in filters:
                doc = self.desktop.loadComponentFromURL(
                    uno.systemPathToFileUrl(str(src)), "_blank", 0,
                    _props(uno, Hidden=True, ReadOnly=True, FilterName=flt,
                           MacroExecutionMode=0, UpdateDocMode=0))  # never run macros or fetch links
                if doc is None:
                    continue
                outcome["loaded"] = flt
                try:
                    doc.storeToURL(uno.systemPathToFileUrl(str(dst)), _props(uno, FilterName=export))
                finally:
                    doc.close(True)
                return
        except Exception as e:  # UNO exceptions do not derive from a common Python base
            outcome["error"] = e


def _props(uno: Any, **values: Any) -> tuple:
    out = []
    for name, value in values.items():
        p = uno.createUnoStruct("com.sun.star.beans.PropertyValue")
        p.Name, p.Value = name, value
        out.append(p)
    return tuple(out)


def read_as_printed(path: Path, fmt: str) -> RawDocument:
    """A Word file whose pages are pictures (a scan pasted into Word, as offices often file them):
    printed to PDF by LibreOffice and read as the PDF reader reads a scan, page by page."""
    from pipeline.read.readers.pdf import read_pdf  # lazy: the PDF and OCR stack loads only when needed

    with tempfile.TemporaryDirectory(prefix="kehoach-print-") as tmp:
        start = time.perf_counter()
        pdf = convert_file(Path(path), fmt, Path(tmp) / (Path(path).stem + ".pdf"), "pdf")
        seconds = time.perf_counter() - start
        raw = read_pdf(pdf)
    raw.path = str(path)
    raw.format = fmt
    raw.meta["converted"] = {"by": "libreoffice", "to": "pdf", "backend": _office().backend,
                             "seconds": round(seconds, 3)}
    return raw
