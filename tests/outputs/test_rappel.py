"""The rappel (overdue commitments per ministry and bewindspersoon, oldest first), the filters that
accept names, and the as-of series behind the charts, on the example register."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from typer.testing import CliRunner

from beleidsmonitor.cli import app
from beleidsmonitor.outputs.rappel import rappel_csv, rappel_markdown, rappel_xlsx
from beleidsmonitor.register.filters import (
    FilterError,
    register_choices,
    resolve_bewindspersoon,
    resolve_ministry,
)
from beleidsmonitor.register.rappel import build_rappel, days_overdue
from beleidsmonitor.register.series import deadlines_per_month, months_back, overdue_per, status_series
from beleidsmonitor.register.store import Register
from beleidsmonitor.vocab import Status

AS_OF = dt.date(2014, 7, 1)


def test_the_rappel_lists_every_overdue_commitment_oldest_first(example_register: Register) -> None:
    overdue = example_register.list_commitments(as_of=AS_OF, status=Status.OVERDUE)
    rappel = build_rappel(example_register, AS_OF)
    assert rappel.count == len(overdue) > 0
    [ministry] = rappel.ministries
    assert (ministry.ministry, ministry.name) == ("SZW", "Sociale Zaken en Werkgelegenheid")
    assert ministry.committee == "vaste commissie voor Sociale Zaken en Werkgelegenheid"
    [person] = ministry.people
    assert (person.bewindspersoon, person.functie) == ("L.F. Asscher", "Minister")
    ends = [c.due.end for c in person.commitments if c.due]
    assert ends == sorted(ends)
    assert days_overdue(person.commitments[0], AS_OF) == (AS_OF - ends[0]).days  # type: ignore[operator]


def test_the_rappel_written_out(example_register: Register) -> None:
    rappel = build_rappel(example_register, AS_OF)
    markdown = rappel_markdown(rappel)
    assert markdown.startswith("# Rappel toezeggingen per 1 juli 2014\n")
    assert f"## Sociale Zaken en Werkgelegenheid ({rappel.count})" in markdown
    assert "### L.F. Asscher, Minister" in markdown
    text = rappel_csv(rappel, dutch_excel=True)
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    assert text.startswith("\ufeff") and len(rows) == rappel.count + 1
    assert rows[0][:4] == ["ministerie", "commissie", "bewindspersoon", "functie"]
    assert rows[0][8] == "dagen over termijn" and int(rows[1][8]) >= int(rows[-1][8])
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(rappel_xlsx(rappel)))["Rappel"]
    assert sheet.max_row == rappel.count + 1


@pytest.mark.parametrize("text", ["SZW", "szw", "Sociale Zaken", "sociale zaken en werkgelegenheid"])
def test_a_ministry_by_abbreviation_or_name(example_register: Register, text: str) -> None:
    assert resolve_ministry(text, register_choices(example_register)) == "SZW"


@pytest.mark.parametrize("text", ["Asscher", "asscher", "L.F. Asscher"])
def test_a_bewindspersoon_by_name(example_register: Register, text: str) -> None:
    assert resolve_bewindspersoon(text, register_choices(example_register)) == "L.F. Asscher"


def test_an_unknown_filter_value_lists_the_valid_ones(example_register: Register) -> None:
    with pytest.raises(FilterError, match=r"kies uit: SZW \(Sociale Zaken en Werkgelegenheid\)"):
        resolve_ministry("Defensie", register_choices(example_register))
    with pytest.raises(FilterError, match=r"kies uit: L\.F\. Asscher \(Minister\)"):
        resolve_bewindspersoon("Rutte", register_choices(example_register))


def test_the_cli_filters_take_names(example_register: Register) -> None:
    url = example_register.settings.database_url
    runner = CliRunner()
    by_name = runner.invoke(
        app,
        [
            "commitments",
            "--ministry",
            "Sociale Zaken",
            "--format",
            "json",
            "--as-of",
            "2014-07-01",
            "--db",
            url,
        ],
    )
    everything = runner.invoke(app, ["commitments", "--format", "json", "--as-of", "2014-07-01", "--db", url])
    assert by_name.exit_code == 0 and by_name.stdout == everything.stdout
    assert '"bewindspersoon": "L.F. Asscher"' in by_name.stdout
    unknown = runner.invoke(app, ["commitments", "--ministry", "Onderwijs", "--db", url])
    assert unknown.exit_code == 2
    assert "SZW (Sociale Zaken en Werkgelegenheid)" in " ".join(unknown.output.split())
    rappel = runner.invoke(
        app, ["report", "--rappel", "--bewindspersoon", "asscher", "--as-of", "2014-07-01", "--db", url]
    )
    assert rappel.exit_code == 0 and rappel.stdout.startswith("# Rappel toezeggingen per 1 juli 2014")


def test_the_status_series_ends_at_the_registers_counts(example_register: Register) -> None:
    points = status_series(example_register, AS_OF)
    assert [p.day for p in points][-3:] == [dt.date(2014, 5, 1), dt.date(2014, 6, 1), AS_OF]
    assert len(points) == 12
    now = example_register.list_commitments(as_of=AS_OF)
    assert dict(points[-1].counts) == {s: sum(1 for r in now if r.status is s) for s in Status}
    # before the letter (19 December 2013) the register held none of its commitments
    assert points[0].day == dt.date(2013, 8, 1) and points[0].total == 0


def test_the_status_series_counts_in_sql_what_the_records_say_on_each_day(example_register: Register) -> None:
    # every point (of the whole register and of its dossier) equals the statuses of the records the
    # store gives for that day, counting a commitment from the date of the letter that made it
    for dossier in (None, "32824"):
        for point in status_series(example_register, AS_OF, dossier):
            records = [
                r
                for r in example_register.list_commitments(as_of=point.day, dossier=dossier)
                if r.first_document_date is None or r.first_document_date <= point.day
            ]
            assert dict(point.counts) == {s: sum(1 for r in records if r.status is s) for s in Status}
    assert status_series(example_register, AS_OF, "99999")[-1].total == 0


def test_a_rappel_page_lists_the_oldest_of_each_person_and_counts_them_all(
    example_register: Register,
) -> None:
    whole = build_rappel(example_register, AS_OF)
    first = build_rappel(example_register, AS_OF, per_person=3)
    assert first.count == whole.count > 3
    assert [(p.bewindspersoon, p.count, p.commitments) for m in first.ministries for p in m.people] == [
        (p.bewindspersoon, len(p.commitments), p.commitments[:3]) for m in whole.ministries for p in m.people
    ]
    # a row budget shared by the bewindspersonen (one here), never more than per_person each
    budget = build_rappel(example_register, AS_OF, per_person=30, rows=4)
    assert [(p.count, p.commitments) for m in budget.ministries for p in m.people] == [
        (len(p.commitments), p.commitments[:4]) for m in whole.ministries for p in m.people
    ]


def test_overdue_per_group_and_deadlines_per_month(example_register: Register) -> None:
    records = example_register.list_commitments(as_of=AS_OF)
    overdue = sum(1 for r in records if r.status is Status.OVERDUE)
    assert [(g.key, g.count) for g in overdue_per(example_register, AS_OF, "ministry")] == [("SZW", overdue)]
    months = deadlines_per_month(example_register, AS_OF, months_back(AS_OF, 5))
    assert [m.key for m in months][:2] == ["2014-02", "2014-03"]
    in_months = sum(
        1 for r in records if r.due and r.due.end and dt.date(2014, 2, 1) <= r.due.end < dt.date(2015, 2, 1)
    )
    assert sum(m.count for m in months) == in_months
    # each month's deadlines and the fulfilled ones among them, as the records' own statuses say
    assert [(m.key, m.count, m.met) for m in months] == [
        (
            m.key,
            sum(1 for r in records if r.due and r.due.end and r.due.end.strftime("%Y-%m") == m.key),
            sum(
                1
                for r in records
                if r.due
                and r.due.end
                and r.due.end.strftime("%Y-%m") == m.key
                and r.status is Status.FULFILLED
            ),
        )
        for m in months
    ]
    assert [(g.key, g.count) for g in overdue_per(example_register, AS_OF, "dossier")] == [("32824", overdue)]
