"""Files people open and every --format of every command that prints a list.

A real catalog (two plans of corpus/ ingested, one broken file in errors), the real command line
(typer's CliRunner, in-process; one subprocess for a pipe), workbooks read back with openpyxl.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from pipeline.catalog.ingest import ingest
from pipeline.cli.main import app
from pipeline.use.export import write_csv, write_xlsx

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
PLANS = ("kh-39-quan-11-clb-bi-thu.txt", "kh-23-gia-lai-hoc-tap-kinh-nghiem.txt")
FORMATS = ("table", "json", "jsonl", "csv", "xlsx")


@pytest.fixture(scope="module")
def cat(tmp_path_factory):
    """(catalog path, {file name: document id}, the folder ingested)."""
    docs = tmp_path_factory.mktemp("docs")
    for name in PLANS:
        shutil.copy(CORPUS / name, docs / name)
    (docs / "hong.docx").write_bytes(b"PK\x03\x04 not really a Word file")
    db = tmp_path_factory.mktemp("db") / "catalog.db"
    summary = ingest([docs], db)
    assert summary.counts["ingested"] == 2 and summary.counts["failed"] == 1, summary.as_dict()
    return db, {Path(o.path).name: o.document_id for o in summary.outcomes if o.document_id}, docs


def run(*args: str) -> object:
    res = CliRunner().invoke(app, list(args))
    assert res.exit_code == 0, (res.output, res.exception)
    return res


def command_args(command: str, cat) -> list[str]:
    db, ids, docs = cat
    return {
        "extract": ["extract", str(docs / PLANS[0])],
        "search": ["search", "--db", str(db)],
        "events": ["events", "--db", str(db)],
        "show": ["show", str(ids[PLANS[0]]), "--db", str(db)],
        "errors": ["errors", "--db", str(db)],
    }[command]


def workbook(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


# --------------------------------------------------------------------------------------------
# every command x every format


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("command", ["extract", "search", "events", "show", "errors"])
def test_every_command_honours_every_format(cat, command, fmt, tmp_path):
    args = command_args(command, cat)
    if fmt == "xlsx":  # a file: read it back
        out = tmp_path / f"{command}.xlsx"
        res = run(*args, "--format", fmt, "-o", str(out))
        assert res.stdout == ""
        wb = openpyxl.load_workbook(out)
        ws = wb.worksheets[0]
        header = [c.value for c in ws[1]]
        assert ws.freeze_panes == "A2" and ws.max_row >= 2, (command, header)
        return
    res = run(*args, "--format", fmt)
    text = res.stdout
    if fmt == "table":
        assert "┃" in text and "━" in text  # drawn, not JSON
        with pytest.raises(json.JSONDecodeError):
            json.loads(text)
    elif fmt == "json":
        value = json.loads(text)
        if command in ("extract", "show"):  # one record: an object
            assert isinstance(value, dict)
        else:
            assert isinstance(value, list) and value and all(isinstance(v, dict) for v in value)
    elif fmt == "jsonl":
        lines = [json.loads(line) for line in text.splitlines()]
        assert lines and all(isinstance(v, dict) for v in lines)
    else:
        assert not text.startswith("\ufeff")  # plain UTF-8 for programs
        table = list(csv.reader(io.StringIO(text)))
        assert len(table) >= 2 and len({len(r) for r in table}) == 1


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
@pytest.mark.parametrize("command", ["search", "events", "errors"])
def test_output_file_holds_what_stdout_would(cat, command, fmt, tmp_path):
    args = command_args(command, cat)
    out = tmp_path / f"out.{fmt}"
    written = run(*args, "--format", fmt, "-o", str(out))
    assert written.stdout == "" and f"-> {out}" in written.stderr
    assert out.read_text(encoding="utf-8") == run(*args, "--format", fmt).stdout


@pytest.mark.parametrize("suffix,check", [
    (".xlsx", lambda p: openpyxl.load_workbook(p).worksheets[0]["A1"].value == "start"),
    (".csv", lambda p: p.read_text(encoding="utf-8").startswith("start,end,kind")),
    (".json", lambda p: isinstance(json.loads(p.read_text(encoding="utf-8")), list)),
    (".jsonl", lambda p: all(json.loads(x) for x in p.read_text(encoding="utf-8").splitlines())),
])
def test_the_output_suffix_picks_the_format(cat, suffix, check, tmp_path):
    out = tmp_path / "sub" / f"events{suffix}"
    run("events", "--db", str(cat[0]), "-o", str(out))
    assert check(out)


def test_show_json_is_the_document_with_its_record(cat):
    db, ids, _ = cat
    doc = json.loads(run("show", str(ids[PLANS[0]]), "--db", str(db), "--format", "json").stdout)
    assert doc["id"] == ids[PLANS[0]]
    assert isinstance(doc["record"], dict) and doc["record"]["number"] == "39-BC/ĐTN"
    assert doc["record"]["events"] and doc["files"][0].endswith(PLANS[0])


def test_extract_table_is_a_table_of_records():
    res = run("extract", str(CORPUS / PLANS[0]), str(CORPUS / PLANS[1]), "--format", "table")
    assert "39-BC/ĐTN" in res.stdout and "23/KH-MTTQ-TTTN" in res.stdout and "┃ path" in res.stdout


def test_xlsx_to_a_pipe_and_refused_on_nothing(cat):
    """Through a real pipe, stdout gets the workbook's bytes."""
    res = subprocess.run([sys.executable, "-m", "pipeline", "errors", "--db", str(cat[0]), "-f", "xlsx"],
                         capture_output=True, timeout=120, cwd=ROOT)
    assert res.returncode == 0, res.stderr
    ws = workbook(res.stdout).worksheets[0]
    assert [c.value for c in ws[1]] == ["path", "sha256", "stage", "reason", "at"]
    assert ws["A2"].value.endswith("hong.docx")
    assert isinstance(ws["E2"].value, dt.datetime)  # the time it failed, as a time


# --------------------------------------------------------------------------------------------
# what is in the files


def test_events_workbook_for_a_month(cat, tmp_path):
    db, ids, _ = cat
    everything = json.loads(run("events", "--db", str(db), "--format", "json").stdout)
    month = everything[0]["start"][:7]  # the first month that has events
    expected = [e for e in everything if e["start"][:7] <= month <= (e["end"] or e["start"])[:7]]
    out = tmp_path / "thang.xlsx"
    run("events", "--db", str(db), "--from", month, "--to", month, "-o", str(out))
    ws = openpyxl.load_workbook(out)["events"]
    header = [c.value for c in ws[1]]
    assert header[:5] == ["start", "end", "kind", "what", "venues"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:")
    assert all(c.font.b for c in ws[1])
    rows = [dict(zip(header, (c.value for c in r), strict=True)) for r in ws.iter_rows(min_row=2)]
    assert len(rows) == len(expected)
    for got, want in zip(rows, expected, strict=True):
        start = want["start"]
        if len(start) == 10:  # a day is a date cell, shown dd/mm/yyyy
            assert got["start"] == dt.datetime.fromisoformat(start)
        elif "T" in start:
            assert got["start"] == dt.datetime.fromisoformat(start)
        else:  # a month or a year stays as written
            assert got["start"] == start
        assert got["venues"] == ("; ".join(want["venues"]) or None)
        assert got["what"] == want["what"] and got["document_id"] == want["document_id"]
    dated = [r for r in ws.iter_rows(min_row=2) if isinstance(r[0].value, dt.datetime)]
    assert dated and all(r[0].number_format in ("dd/mm/yyyy", "dd/mm/yyyy hh:mm") for r in dated)


def test_search_workbook_one_row_per_plan(cat, tmp_path):
    db, ids, _ = cat
    out = tmp_path / "plans.xlsx"
    run("search", "--db", str(db), "--format", "xlsx", "-o", str(out))
    ws = openpyxl.load_workbook(out).worksheets[0]
    header = [c.value for c in ws[1]]
    got = {r[header.index("id")].value: r for r in ws.iter_rows(min_row=2)}
    assert set(got) == set(ids.values())
    q11 = got[ids[PLANS[0]]]
    assert q11[header.index("issue_date")].value == dt.datetime(2023, 1, 21)
    assert q11[header.index("number")].value == "39-BC/ĐTN"
    venues = q11[header.index("venues")].value
    assert venues and not venues.startswith("[")  # a list joined with "; ", not JSON text


def test_show_workbook_has_fields_events_and_duties(cat, tmp_path):
    db, ids, _ = cat
    out = tmp_path / "plan.xlsx"
    run("show", str(ids[PLANS[0]]), "--db", str(db), "-o", str(out))
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["fields", "events", "duties"]
    fields = {r[0].value: r[1].value for r in wb["fields"].iter_rows(min_row=2)}
    assert fields["number"] == "39-BC/ĐTN" and fields["issue_date"] == dt.datetime(2023, 1, 21)
    assert wb["events"].max_row >= 2


def test_csv_is_plain_utf8_and_excel_gets_a_bom(cat):
    db = str(cat[0])
    plain = run("search", "--db", db, "--format", "csv").stdout
    excel = run("search", "--db", db, "--excel").stdout  # --excel alone means csv
    assert not plain.startswith("\ufeff") and excel.startswith("\ufeff")
    assert excel[1:].splitlines()[0] == plain.splitlines()[0]
    rows = list(csv.DictReader(io.StringIO(plain)))
    assert rows and not any(r["venues"].startswith("[") for r in rows)  # lists joined, not JSON


def test_excel_csv_makes_formula_text_inert(tmp_path):
    rows = [{"title": "=HYPERLINK(\"http://x\",\"bấm\")", "venues": ["A", "B"], "n": 3}]
    plain, excel = io.StringIO(), io.StringIO()
    write_csv(rows, None, plain)
    write_csv(rows, None, excel, excel=True)
    assert list(csv.reader(io.StringIO(plain.getvalue())))[1] == ['=HYPERLINK("http://x","bấm")', "A; B", "3"]
    assert list(csv.reader(io.StringIO(excel.getvalue()[1:])))[1][0] == "'=HYPERLINK(\"http://x\",\"bấm\")"


def test_workbook_cells_text_is_never_a_formula_and_odd_values_survive(tmp_path):
    out = tmp_path / "odd.xlsx"
    rows = [{"title": "=1+1", "start": "2023-07", "day": "2023-02-30", "at": "2026-12-06T23:27:51+00:00",
             "bad": "a\x07b", "nested": [{"party": "X"}], "empty": []}]
    assert write_xlsx({"odd/sheet?": (rows, None)}, out) == 1
    ws = openpyxl.load_workbook(out).worksheets[0]
    values = dict(zip([c.value for c in ws[1]], [c for c in ws[2]], strict=True))
    assert values["title"].value == "=1+1" and values["title"].data_type == "s"
    assert values["start"].value == "2023-07" and values["day"].value == "2023-02-30"
    assert isinstance(values["at"].value, dt.datetime)
    assert values["bad"].value == "ab"
    assert json.loads(values["nested"].value) == [{"party": "X"}]
    assert values["empty"].value is None


# --------------------------------------------------------------------------------------------
# the help teaches with examples that exist


def _commands():
    import typer.main

    group = typer.main.get_command(app)
    return sorted(group.commands)


@pytest.mark.parametrize("command", _commands())
def test_help_examples_name_files_that_exist(command):
    res = CliRunner().invoke(app, [command, "--help"])
    assert res.exit_code == 0
    for path in re.findall(r"\bcorpus/[\w.\-/]*", res.stdout):
        if Path(path).suffix:  # a file, not a folder
            assert (ROOT / path).exists(), f"kehoach {command} --help names {path}, which is not in the repository"


@pytest.mark.parametrize("command", ["extract", "search", "events", "show", "errors"])
def test_help_offers_xlsx_and_output(command):
    text = CliRunner().invoke(app, [command, "--help"], terminal_width=200).stdout
    assert "xlsx" in text and "--output" in text and "--excel" in text


def _rich_table(header: list[str], rows: list[list[str]], width: int) -> str:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(show_lines=False)
    for c in header:
        table.add_column(c, overflow="fold")
    for row in rows:
        table.add_row(*map(Text, row))
    buf = io.StringIO()
    Console(file=buf, width=width, no_color=True, soft_wrap=True).print(table)
    return buf.getvalue()


def test_plain_table_is_rich_s_table_where_the_columns_fit(cat):
    """Tables longer than a screenful, piped or written to a file are drawn by pipeline.cli.table
    (rich took ≈ 150 ms of CPU for 100 events): where every column fits, the text is rich's own,
    character for character; where they do not, cells are folded onto more lines, never cut, and
    no line is wider than asked."""
    from pipeline.cli.table import cell_width, write_table
    from pipeline.use.export import EVENT_COLUMNS

    db, _ids, _docs = cat
    rows = [json.loads(line) for line in run("events", "--db", str(db), "-f", "jsonl").stdout.splitlines()]
    assert len(rows) > 5
    cells = [["" if r.get(c) is None else str(r[c] if not isinstance(r[c], list) else "; ".join(map(str, r[c])))
              for c in EVENT_COLUMNS] for r in rows]
    buf = io.StringIO()
    write_table(EVENT_COLUMNS, cells, buf, 1000)
    assert buf.getvalue() == _rich_table(EVENT_COLUMNS, cells, 1000)
    for width in (72, 100, 160):  # 10 columns of at least 4 cells take 71
        buf = io.StringIO()
        write_table(EVENT_COLUMNS, cells, buf, width, "events")
        lines = buf.getvalue().splitlines()
        assert lines[0].strip() == "events" and lines[1].startswith("┏") and lines[-1].startswith("└")
        assert max(map(cell_width, lines[1:])) <= width
        body = [line.split("│")[1:-1] for line in lines if line.startswith("│")]
        for k, column in enumerate(EVENT_COLUMNS):  # each cell's text is all there, in order
            shown = " ".join(part[k].strip() for part in body if part[k].strip())
            assert "".join(shown.split()) == "".join(" ".join(r[k] for r in cells if r[k]).split()), column


def test_table_to_a_pipe_is_drawn_without_rich():
    """`kehoach extract ... -f table` into a pipe: the table comes from pipeline.cli.table, so the
    process never imports rich."""
    code = ("import sys, runpy\nsys.argv = ['kehoach', *sys.argv[1:]]\n"
            "try:\n    runpy.run_module('pipeline', run_name='__main__')\nexcept SystemExit as e:\n"
            "    assert not e.code, e.code\nsys.stderr.write('rich' if 'rich' in sys.modules else 'no rich')\n")
    res = subprocess.run([sys.executable, "-c", code, "extract", str(CORPUS / PLANS[0]), "-f", "table"],
                         cwd=ROOT, capture_output=True, text=True, check=True)
    assert "┃ path" in res.stdout and "39-BC/ĐTN" in res.stdout
    assert res.stderr.endswith("no rich")
