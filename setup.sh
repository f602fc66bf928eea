#!/usr/bin/env bash
# kehoach set-up on a fresh Debian machine (Python 3.11+).
#   bash setup.sh        install everything, ingest corpus/ into output/catalog.db, print what it found
#   bash setup.sh test   install everything (if needed), then run the test suite
#   bash setup.sh smoke  a plain `pip install .` (no extras) in a throwaway venv must read every format in corpus/
set -euo pipefail
cd "$(dirname "$0")"

APT_PACKAGES=(tesseract-ocr tesseract-ocr-vie poppler-utils libreoffice-writer-nogui python3-uno
              fonts-freefont-ttf fonts-dejavu-core python3-venv chromium libgl1
              fonts-breip fonts-liberation2)  # scan_eval.py: handwriting-like digits; Times New Roman's metrics for Word prints

need_apt() {
  command -v tesseract >/dev/null || return 0
  tesseract --list-langs 2>/dev/null | grep -qx vie || return 0
  command -v pdftotext >/dev/null || return 0
  command -v soffice >/dev/null || return 0
  command -v chromium >/dev/null || return 0
  [ -f /usr/lib/python3/dist-packages/uno.py ] || return 0
  [ -f /usr/share/fonts/truetype/freefont/FreeSerif.ttf ] || return 0
  [ -f /usr/share/fonts/truetype/breip/Breip.ttf ] || return 0
  [ -f /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf ] || return 0
  ldconfig -p 2>/dev/null | grep -q libGL.so.1 || return 0  # OpenCV (the second digit reader) needs it
  return 1
}

if need_apt; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "== installing system packages: ${APT_PACKAGES[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${APT_PACKAGES[@]}" >&2
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "== creating .venv" >&2
  "$PY" -m venv .venv
fi
stamp=.venv/.kehoach-installed
want=$(sha256sum pyproject.toml | cut -c1-16)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "== installing Python packages" >&2
  .venv/bin/python -m pip install -q --upgrade pip >&2
  .venv/bin/python -m pip install -q -e ".[dev]" >&2
  echo "$want" > "$stamp"
fi
# compiled once, so no command pays for compiling the project's modules (some machines set
# PYTHONDONTWRITEBYTECODE, which stops Python writing them as it imports)
.venv/bin/python -m compileall -q pipeline extractors >/dev/null 2>&1 || true

case "${1:-run}" in
  test)
    shift || true
    set +e
    .venv/bin/python -m pytest -q "$@"
    rc=$?
    [ $rc -eq 5 ] && { echo "no tests collected" >&2; exit 1; }
    exit $rc
    ;;
  run)
    mkdir -p output
    .venv/bin/kehoach ingest corpus/ --db output/catalog.db
    echo
    echo "Try:  .venv/bin/kehoach search \"nha van hoa\"   |   .venv/bin/kehoach show 1" >&2
    ;;
  smoke)
    # Catches a runtime dependency that only the dev extra happens to bring in: the package as a
    # user installs it must ingest one file of every format in corpus/ with no error row.
    tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
    "$PY" -m venv "$tmp/venv"
    echo "== smoke: pip install . (no extras) into a fresh venv" >&2
    "$tmp/venv/bin/python" -m pip install -q . > "$tmp/pip.log" 2>&1 || { tail -n 30 "$tmp/pip.log" >&2; exit 1; }
    rm -rf build ./*.egg-info
    "$tmp/venv/bin/kehoach" ingest corpus/ --db "$tmp/smoke.db" --strict --json > "$tmp/run.json"
    "$tmp/venv/bin/python" - "$tmp/run.json" corpus <<'PY'
import json, pathlib, sys
run = json.load(open(sys.argv[1]))
files = [p for p in pathlib.Path(sys.argv[2]).iterdir() if p.is_file()]
print(f"smoke: {run['ingested']} of {len(files)} corpus files ingested by a plain install; by type {run['by_type']}",
      file=sys.stderr)
sys.exit(0 if run["failed"] == 0 and run["ingested"] == len(files) else 1)
PY
    ;;
  *)
    echo "usage: bash setup.sh [run|test|smoke]" >&2; exit 2 ;;
esac
