"""CSV, JSON and iCalendar exports of the example register, parsed back and checked."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from beleidsmonitor.cli import app
from beleidsmonitor.outputs.calendar import EventSpan, commitments_to_ics, escape_text, fold_line
from beleidsmonitor.outputs.tables import CSV_COLUMNS, CsvDialect, commitments_to_csv, commitments_to_json
from beleidsmonitor.register.store import CommitmentRecord, Register

AS_OF = dt.date(2014, 6, 1)
STAMP = dt.datetime(2014, 6, 1, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def records(example_register: Register) -> tuple[CommitmentRecord, ...]:
    return example_register.list_commitments(as_of=AS_OF)


def _unfold(ics: str) -> list[str]:
    return ics.replace("\r\n ", "").split("\r\n")[:-1]


def test_csv_has_one_row_per_commitment(records: tuple[CommitmentRecord, ...]) -> None:
    rows = list(csv.DictReader(io.StringIO(commitments_to_csv(records, AS_OF))))
    assert len(rows) == len(records)
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [int(r["id"]) for r in rows] == [r.id for r in records]
    first = rows[0]
    assert first["quote"] == records[0].quote
    assert first["status"] == records[0].status.value
    assert first["as_of"] == "2014-06-01"


def test_json_parses_with_the_same_commitments(records: tuple[CommitmentRecord, ...]) -> None:
    items = json.loads(commitments_to_json(records, AS_OF))
    assert [i["id"] for i in items] == [r.id for r in records]
    dated = next(r for r in records if r.due and r.due.end)
    item = next(i for i in items if i["id"] == dated.id)
    assert item["due_end"] == dated.due.end.isoformat()  # type: ignore[union-attr]


def test_ics_structure(records: tuple[CommitmentRecord, ...]) -> None:
    ics = commitments_to_ics(records, now=STAMP)
    assert ics.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")
    assert ics.endswith("END:VCALENDAR\r\n")
    assert "\n" not in ics.replace("\r\n", "")
    dated = [r for r in records if r.due is not None]
    assert ics.count("BEGIN:VEVENT\r\n") == ics.count("END:VEVENT\r\n") == len(dated)
    lines = _unfold(ics)
    starts = [line for line in lines if line.startswith("DTSTART")]
    assert len(starts) == len(dated)
    assert all(re.fullmatch(r"DTSTART;VALUE=DATE:\d{8}", s) for s in starts)
    uids = [line for line in lines if line.startswith("UID:")]
    assert len(set(uids)) == len(dated)
    assert lines.count("DTSTAMP:20140601T120000Z") == len(dated)


def test_ics_lines_are_folded_at_75_octets(records: tuple[CommitmentRecord, ...]) -> None:
    ics = commitments_to_ics(records, now=STAMP)
    physical = ics.split("\r\n")[:-1]
    assert max(len(line.encode("utf-8")) for line in physical) <= 75
    assert any(line.startswith(" ") for line in physical)
    for line in physical:
        line.encode("utf-8").decode("utf-8")  # no character split across a fold


def test_ics_deadline_event_and_interval_event(records: tuple[CommitmentRecord, ...]) -> None:
    record = next(r for r in records if "arbeidsmarktmodule" in r.quote)
    deadline = _unfold(commitments_to_ics([record], now=STAMP))
    interval = _unfold(commitments_to_ics([record], span=EventSpan.INTERVAL, now=STAMP))
    assert "DTSTART;VALUE=DATE:20141231" in deadline and "DTEND;VALUE=DATE:20150101" in deadline
    assert "DTSTART;VALUE=DATE:20140101" in interval and "DTEND;VALUE=DATE:20150101" in interval
    description = next(line for line in deadline if line.startswith("DESCRIPTION:"))
    assert "arbeidsmarktmodule" in description
    # no dashboard address given: the event links to the letter's official publication only
    assert "127.0.0.1" not in "".join(deadline)
    assert "URL:https://zoek.officielebekendmakingen.nl/kst-32824-47.html" in deadline
    linked = _unfold(commitments_to_ics([record], now=STAMP, base_url="https://monitor.example.nl/"))
    assert f"URL:https://monitor.example.nl/commitments/{record.id}?as_of=" in "\n".join(linked)


def test_ics_escaping_and_folding() -> None:
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    folded = fold_line("DESCRIPTION:" + "é" * 80)
    parts = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == "DESCRIPTION:" + "é" * 80


@pytest.mark.parametrize("fmt", ["csv", "json", "ics"])
def test_export_command_writes_the_file(example_register: Register, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"export.{fmt}"
    url = example_register.settings.database_url
    result = CliRunner().invoke(
        app,
        [
            "export",
            "--format",
            fmt,
            "--as-of",
            "2014-06-01",
            "--status",
            "overdue",
            "--db",
            url,
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    overdue = example_register.list_commitments(as_of=AS_OF, status=None)
    expected = sum(1 for r in overdue if r.status.value == "overdue")
    if fmt == "csv":
        assert len(list(csv.DictReader(io.StringIO(text)))) == expected
    elif fmt == "json":
        assert len(json.loads(text)) == expected
    else:
        assert text.count("BEGIN:VEVENT") == expected


def test_report_command(example_register: Register, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    url = example_register.settings.database_url
    args = [
        "report",
        "--dossier",
        "32824",
        "--as-of",
        "2014-06-01",
        "--format",
        "html",
        "--db",
        url,
        "-o",
        str(out),
    ]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")
    missing = CliRunner().invoke(app, ["report", "--dossier", "11111", "--db", url])
    assert missing.exit_code == 1


ENGLISH_CODES = re.compile(r"\b(?:overdue|fulfilled|inform_parliament|deliverable|under_way|come_back)\b")


def test_dutch_excel_csv_has_a_bom_semicolons_and_dutch_values(records: tuple[CommitmentRecord, ...]) -> None:
    text = commitments_to_csv(records, AS_OF, CsvDialect.EXCEL_NL)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    headings, body = rows[0], rows[1:]
    assert len(body) == len(records)
    assert headings[:6] == ["id", "dossier", "ministerie", "bewindspersoon", "functie", "commissie"]
    by_heading = [dict(zip(headings, row, strict=True)) for row in body]
    overdue = next(r for r in records if r.status.value == "overdue")
    row = next(r for r in by_heading if r["id"] == str(overdue.id))
    assert row["status"] == "verlopen"
    assert row["peildatum"] == "01-06-2014"
    assert row["officiële bron"] == "https://zoek.officielebekendmakingen.nl/kst-32824-47.html"
    assert not ENGLISH_CODES.search(text.replace(row["toezegging"], ""))


def test_xlsx_opens_with_dutch_headings_labels_and_real_dates(records: tuple[CommitmentRecord, ...]) -> None:
    from openpyxl import load_workbook

    from beleidsmonitor.outputs.xlsx import commitments_to_xlsx

    book = load_workbook(io.BytesIO(commitments_to_xlsx(records, AS_OF)))
    assert book.sheetnames == ["Toezeggingen"]
    sheet = book["Toezeggingen"]
    rows = list(sheet.iter_rows(values_only=True))
    headings, body = list(rows[0]), rows[1:]
    assert len(body) == len(records)
    column = {h: i for i, h in enumerate(headings)}
    statuses = {row[column["status"]] for row in body}
    assert statuses <= {"open", "binnenkort", "verlopen", "voldaan"} and "verlopen" in statuses
    assert {row[column["soort"]] for row in body} <= {"Kamer informeren", "product opleveren", "actie"}
    assert isinstance(body[0][column["peildatum"]], dt.datetime)
    assert sheet.freeze_panes == "A2"


def test_ics_title_names_the_dossier_the_subject_and_the_status(
    records: tuple[CommitmentRecord, ...],
) -> None:
    from icalendar import Calendar

    calendar = Calendar.from_ical(commitments_to_ics(records, now=STAMP, as_of=AS_OF))
    events = list(calendar.walk("VEVENT"))
    assert len(events) == sum(1 for r in records if r.due is not None)
    titles = [str(e["SUMMARY"]) for e in events]
    assert all(re.fullmatch(r"32824 — .{12,} \((open|binnenkort|verlopen|voldaan)\)", t) for t in titles), (
        titles
    )
    # an object of two words ("een voorstel") is no title: the quote stands in for it
    assert not any(re.fullmatch(r"32824 — \S+ \S+ \(\w+\)", t) for t in titles)
    module = next(e for e in events if "arbeidsmarktmodule" in str(e["DESCRIPTION"]))
    assert str(module["SUMMARY"]).endswith("(open)")
    assert "Status per 1 juni 2014: open" in str(module["DESCRIPTION"])
    assert all(str(e["URL"]).startswith("https://zoek.officielebekendmakingen.nl/") for e in events)


def test_commitments_json_export_json_and_the_api_share_one_shape(
    example_register: Register, tmp_path: Path
) -> None:
    from fastapi.testclient import TestClient

    from beleidsmonitor.web.app import create_app

    url = example_register.settings.database_url
    runner = CliRunner()
    listed = runner.invoke(app, ["commitments", "--as-of", "2014-06-01", "--format", "json", "--db", url])
    exported = runner.invoke(app, ["export", "--format", "json", "--as-of", "2014-06-01", "--db", url])
    assert listed.exit_code == 0 and exported.exit_code == 0
    with TestClient(create_app(example_register.settings, example_register)) as client:
        served = client.get("/api/commitments", params={"as_of": "2014-06-01"}).json()
    assert json.loads(listed.stdout) == json.loads(exported.stdout) == served
    assert served[0]["status_label"] in {"open", "binnenkort", "verlopen", "voldaan"}
    assert {"as_of", "due_start", "due_end", "kind_label", "url"} <= set(served[0])


def test_export_xlsx_needs_a_file(example_register: Register, tmp_path: Path) -> None:
    url = example_register.settings.database_url
    runner = CliRunner()
    refused = runner.invoke(app, ["export", "--format", "xlsx", "--db", url])
    assert refused.exit_code == 2 and "--output" in refused.output
    out = tmp_path / "register.xlsx"
    written = runner.invoke(app, ["export", "--format", "xlsx", "--db", url, "-o", str(out)])
    assert written.exit_code == 0
    assert out.read_bytes()[:2] == b"PK"


def test_measures_leave_the_cli_and_the_api_in_one_shape(example_register: Register) -> None:
    from fastapi.testclient import TestClient

    from beleidsmonitor.web.app import create_app

    listed = CliRunner().invoke(
        app, ["measures", "--format", "json", "--db", example_register.settings.database_url]
    )
    assert listed.exit_code == 0
    with TestClient(create_app(example_register.settings, example_register)) as client:
        served = client.get("/api/measures").json()
    assert json.loads(listed.stdout) == served
    assert served and {m["state_label"] for m in served} <= {"afgerond", "loopt", "gepland", "onbekend"}


def test_dossiers_leave_the_cli_and_the_api_in_one_shape(example_register: Register) -> None:
    from fastapi.testclient import TestClient

    from beleidsmonitor.web.app import create_app

    url = example_register.settings.database_url
    listed = CliRunner().invoke(app, ["dossiers", "--as-of", "2014-06-01", "--format", "json", "--db", url])
    assert listed.exit_code == 0
    with TestClient(create_app(example_register.settings, example_register)) as client:
        served = client.get("/api/dossiers", params={"as_of": "2014-06-01"}).json()
    assert json.loads(listed.stdout) == served
    [dossier] = served
    assert dossier["url"] == "https://zoek.officielebekendmakingen.nl/kst-32824.html"
    records = example_register.list_commitments(as_of=AS_OF)
    assert dossier["counts"]["total"] == len(records)
    table = CliRunner().invoke(app, ["dossiers", "--as-of", "2014-06-01", "--db", url], env={"COLUMNS": "80"})
    assert re.search(r"┃ dossier +┃ open ┃ binnenkort ┃ verlopen ┃ voldaan ┃", table.stdout)
