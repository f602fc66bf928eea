"""Bad input never stops a batch: every kind of broken file gets an errors row and a one-line message,
and the good files around it are catalogued. Real files made by real tools (reportlab, pypdf,
python-docx)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from fixtures_office import sample_plan, write_docx, write_pdf
from test_ingest import kehoach, make_plan, write_plans

from pipeline.catalog.ingest import ingest
from pipeline.catalog.worker import language_problem

ENGLISH = (
    "The provincial youth union will hold its annual summer camp for volunteers from the twentieth to the "
    "twenty-second of June. Every district branch is asked to send a list of participants, a short report "
    "on last year's activities and a budget estimate to the organising office before the end of May. The "
    "camp will take place at the cultural centre and include training sessions, sports and a closing night."
)
FRENCH = (
    "Le comité provincial organisera son camp d'été annuel pour les bénévoles du vingt au vingt-deux juin. "
    "Chaque section de district est priée d'envoyer la liste des participants, un court rapport sur les "
    "activités de l'année dernière et une estimation du budget au bureau d'organisation avant la fin mai. "
    "Le camp aura lieu au centre culturel et comprendra des formations, du sport et une soirée de clôture."
)


def _blank_pdf(path: Path) -> Path:
    """A PDF whose page has neither text nor an image: nothing to read, nothing to OCR."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    c.rect(100, 100, 200, 100)  # a drawn frame, no text
    c.showPage()
    c.save()
    return path


def _encrypted_pdf(src: Path, path: Path) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(src).pages:
        writer.add_page(page)
    writer.encrypt(user_password="mat-khau-rieng", owner_password="chu-so-huu")
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


@pytest.fixture(scope="module")
def bad_folder(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """A folder of good plans mixed with one file of each bad kind; name -> expected (stage, words)."""
    root = tmp_path_factory.mktemp("bad")
    write_plans(root, 3)
    good_pdf = write_pdf(sample_plan(), root / "tot.pdf")
    data = good_pdf.read_bytes()
    good_docx = write_docx(sample_plan(), root / "tot.docx")
    (root / "cut.pdf").write_bytes(data[: len(data) // 3])  # truncated in a transfer
    (root / "hong.pdf").write_bytes(data[:400] + bytes(range(256)) * 8 + data[-300:])  # corrupt middle
    _encrypted_pdf(good_pdf, root / "khoa.pdf")
    (root / "rong.txt").write_bytes(b"")
    (root / "lon.txt").write_text(make_plan(3) * 40, encoding="utf-8")  # over the test's size limit
    (root / "rac.bin").write_bytes(bytes((i * 7919) % 256 for i in range(20000)))
    (root / "rac.docx").write_bytes(b"\x00\x01\x02" * 3000)  # junk under an Office name
    (root / "cut.docx").write_bytes(good_docx.read_bytes()[:2000])  # a zip cut short
    _blank_pdf(root / "trang.pdf")
    (root / "english.txt").write_text(ENGLISH, encoding="utf-8")
    (root / "french.txt").write_text(FRENCH, encoding="utf-8")
    (root / "ke_hoach.pdf").write_text(make_plan(4), encoding="utf-8")  # text named .pdf: read as text
    expected = {
        "cut.pdf": ("read", "corrupt"), "hong.pdf": ("read", "corrupt"), "khoa.pdf": ("read", "encrypted"),
        "rong.txt": ("read", "empty"), "lon.txt": ("size", "too large"), "rac.bin": ("read", "binary"),
        "rac.docx": ("read", "binary"), "cut.docx": ("read", ""), "trang.pdf": ("read", "no text"),
        "english.txt": ("language", "not Vietnamese"), "french.txt": ("language", "not Vietnamese"),
    }
    return root, expected


def _errors(db: Path) -> dict[str, sqlite3.Row]:
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    rows = {Path(r["path"]).name: r for r in con.execute("select * from errors")}
    con.close()
    return rows


@pytest.mark.slow
def test_every_bad_kind_is_recorded_and_the_batch_goes_on(bad_folder, tmp_path):
    root, expected = bad_folder
    limit = (root / "lon.txt").stat().st_size - 1
    s = ingest([root], tmp_path / "c.db", workers=2, max_bytes=limit)
    errors = _errors(tmp_path / "c.db")
    assert set(errors) == set(expected)
    for name, (stage, words) in expected.items():
        row = errors[name]
        assert row["stage"] == stage, (name, row["stage"], row["reason"])
        assert words.lower() in row["reason"].lower(), (name, row["reason"])
        assert "\n" not in row["reason"] and len(row["reason"]) < 300
        assert row["sha256"] or stage == "size"
    # the good ones are all in: three text plans, the text PDF, the docx, the text file named .pdf
    assert s.counts["ingested"] == 6 and s.counts["failed"] == len(expected)
    assert sorted(o.format for o in s.outcomes if o.status == "ingested") == ["docx", "pdf"] + ["txt"] * 4


@pytest.mark.slow
def test_cli_prints_one_line_per_bad_file_and_lists_them(bad_folder, tmp_path):
    root, expected = bad_folder
    db = tmp_path / "c.db"
    res = kehoach("ingest", str(root), "--db", str(db), "--workers", "2", "--json", "--max-size", "0.05")
    assert res.returncode == 0, res.stderr
    summary = json.loads(res.stdout)
    assert summary["failed"] == len(expected)
    failed_lines = [line for line in res.stderr.splitlines() if line.startswith("failed ")]
    assert len(failed_lines) == len(expected)
    listed = json.loads(kehoach("errors", "--db", str(db), "--format", "json").stdout)
    assert {Path(r["path"]).name for r in listed} == set(expected)
    # a second run does not read them again: same content, same failure
    again = json.loads(kehoach("ingest", str(root), "--db", str(db), "--json", "--max-size", "0.05").stdout)
    assert again["skipped"] == len(expected) - 1 and again["failed"] == 1  # the size check is redone


def test_language_check_keeps_vietnamese_with_or_without_marks():
    assert language_problem(make_plan(0)) is None
    unmarked = ("Ban Thuong vu Huyen doan to chuc hoi trai thanh nien nam 2024 tai nha van hoa huyen. "
                "Cac co so doan gui danh sach doan vien tham gia ve van phong truoc ngay 10 thang 4 de "
                "tong hop. Kinh phi to chuc do ngan sach cua huyen doan bao dam theo ke hoach duoc duyet.")
    assert language_problem(unmarked) is None
    assert language_problem(ENGLISH).startswith("not Vietnamese")
    assert language_problem(FRENCH).startswith("not Vietnamese")
    assert language_problem("Meeting at 9 am.") is None  # too short to judge
