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
from beleidsmonitor.outputs.tables import CSV_COLUMNS, commitments_to_csv, commitments_to_json
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
    assert f"/commitments/{record.id}" in description
    assert f"URL:http://127.0.0.1:8000/commitments/{record.id}" in deadline


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
