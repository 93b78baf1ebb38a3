"""The register commands through Typer's CliRunner: exit codes and parsed JSON output."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from beleidsmonitor import batch
from beleidsmonitor.cli import app
from beleidsmonitor.model import Analysis, SourceDocument
from beleidsmonitor.register.store import open_register
from beleidsmonitor.settings import Settings
from conftest import EXAMPLE

runner = CliRunner()
AS_OF = dt.date(2014, 7, 1)


@pytest.fixture
def db(settings: Settings, gold_analysis: Analysis) -> str:
    """A SQLite register file holding the example letter with the gold commitments."""
    with open_register(settings) as register:
        register.ingest(gold_analysis)
    return settings.database_url.removeprefix("sqlite:///")


def _json(args: list[str]) -> object:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_overdue_as_of_lists_exactly_the_commitments_whose_deadline_ended(
    db: str, gold: dict[str, object]
) -> None:
    rows = _json(
        ["commitments", "--as-of", AS_OF.isoformat(), "--status", "overdue", "--format", "json", "--db", db]
    )
    assert isinstance(rows, list)
    # gold items repeating an earlier one (same_as) are one register entry, whose deadline is the
    # first one given (a repetition in the same letter may supply a deadline the first mention lacks)
    entry_due: dict[str, str | None] = {}
    for c in gold["commitments"]:  # type: ignore[attr-defined]
        first = c["same_as"] or c["id"]
        if entry_due.get(first) is None:
            entry_due[first] = c["due"]["end"] if c["due"] else None
    expected = sorted(end for end in entry_due.values() if end and dt.date.fromisoformat(end) < AS_OF)
    assert sorted(r["due_end"] for r in rows) == expected
    assert {r["status"] for r in rows} == {"overdue"}


def test_commitments_filters_and_formats(db: str) -> None:
    everything = _json(["commitments", "--as-of", "2014-07-01", "--format", "json", "--db", db])
    assert isinstance(everything, list) and len(everything) == 48
    actions = _json(["commitments", "--kind", "action", "--format", "json", "--db", db])
    assert isinstance(actions, list) and {r["kind"] for r in actions} == {"action"}
    assert _json(["commitments", "--dossier", "12345", "--format", "json", "--db", db]) == []
    result = runner.invoke(app, ["commitments", "--format", "csv", "--as-of", "2014-07-01", "--db", db])
    assert result.exit_code == 0
    parsed = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(parsed) == 48 and {"id", "status", "quote"} <= set(parsed[0])
    table = runner.invoke(app, ["commitments", "--db", db])
    assert table.exit_code == 0 and "toezeggingen per" in table.stdout


def test_a_long_table_shows_its_first_rows_and_says_how_many_there_are(db: str) -> None:
    args = ["commitments", "--as-of", "2014-07-01", "--db", db]
    first = runner.invoke(app, [*args, "--limit", "5", "--format", "json"])
    assert first.exit_code == 0 and len(json.loads(first.stdout)) == 48  # json and csv hold all
    table = runner.invoke(app, [*args, "--limit", "5"], env={"COLUMNS": "200"})
    assert table.exit_code == 0
    assert "5 van 48 getoond" in table.stdout
    shown = [int(m) for m in re.findall(r"^│\s*(\d+)\s*│", table.stdout, re.MULTILINE)]
    assert shown == [r["id"] for r in json.loads(first.stdout)][:5]
    whole = runner.invoke(app, [*args, "--limit", "0"], env={"COLUMNS": "200"})
    assert "getoond" not in whole.stdout
    assert len(re.findall(r"^│\s*\d+\s*│", whole.stdout, re.MULTILINE)) == 48


@pytest.mark.parametrize(
    ("args", "fragment"),
    [(["--status", "late"], "allowed: open, due, overdue, partly_fulfilled, fulfilled, postponed, lapsed"), (["--as-of", "1-7-2014"], "YYYY-MM-DD"),
     (["--kind", "promise"], "allowed: inform_parliament")],
)  # fmt: skip
def test_commitments_rejects_bad_options(db: str, args: list[str], fragment: str) -> None:
    result = runner.invoke(app, ["commitments", *args, "--db", db])
    assert result.exit_code == 2
    assert fragment in re.sub(r"\s+", " ", re.sub(r"[│╭╮╰╯─]", " ", result.output))


def test_show_lists_every_mention_with_positions(db: str) -> None:
    rows = _json(["commitments", "--format", "json", "--db", db])
    assert isinstance(rows, list)
    repeated = next(r for r in rows if "taalketen" in r["quote"])
    detail = _json(["show", str(repeated["id"]), "--format", "json", "--db", db])
    assert isinstance(detail, dict)
    assert [m["part"] for m in detail["mentions"]] == ["letter", "annex"]
    assert all(m["span"]["end"] > m["span"]["start"] for m in detail["mentions"])
    assert detail["history"][0]["event"] == "registered"
    assert runner.invoke(app, ["show", str(repeated["id"]), "--db", db]).exit_code == 0


def test_show_unknown_id_fails(db: str) -> None:
    result = runner.invoke(app, ["show", "9999", "--db", db])
    assert result.exit_code == 1
    assert "R001" in result.output


def test_documents_and_measures(db: str) -> None:
    docs = _json(["documents", "--format", "json", "--db", db])
    assert isinstance(docs, list)
    assert [(d["id"], d["date"], d["commitments"]) for d in docs] == [("kst-32824-47", "2013-12-19", 48)]
    assert _json(["measures", "--dossier", "32824", "--format", "json", "--db", db]) == []


def test_ingest_reports_each_failure_and_exits_1(
    tmp_path: Path, gold_analysis: Analysis, monkeypatch: pytest.MonkeyPatch
) -> None:
    good, bad = tmp_path / "in" / "letter.txt", tmp_path / "in" / "empty.txt"
    good.parent.mkdir()
    good.write_text("brief", encoding="utf-8")
    bad.write_text("", encoding="utf-8")

    def analyse(source: SourceDocument, date: object) -> Analysis:
        assert Path(source.path).name == "letter.txt"  # the empty file fails in its reader
        return gold_analysis

    monkeypatch.setattr(batch, "_analyse_source", analyse)
    db_file = str(tmp_path / "r.sqlite")
    result = runner.invoke(app, ["ingest", str(good.parent), str(tmp_path / "missing.txt"), "--db", db_file])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert f"{bad}: D001 the file is empty" in lines
    assert f"{tmp_path / 'missing.txt'}: D010 the file does not exist" in lines
    assert "documenten: 1 (al opgeslagen: 0), toezeggingen: 48, vermeldingen: 60, fouten: 2" in result.output
    again = runner.invoke(app, ["ingest", str(good), "--db", db_file])
    assert again.exit_code == 0
    assert "documenten: 0 (al opgeslagen: 1), toezeggingen: 0, vermeldingen: 0, fouten: 0" in again.output


def _norm_tokens(text: str) -> set[str]:
    return set(re.findall(r"\w+", unicodedata.normalize("NFC", text).casefold()))


def test_ingest_example_and_overdue_agree_with_gold_on_matched_commitments(
    tmp_path: Path, gold: dict[str, object], analyse_example: Callable[[], Analysis]
) -> None:
    db_file = str(tmp_path / "r.sqlite")
    result = runner.invoke(app, ["ingest", str(EXAMPLE), "--db", db_file])
    assert result.exit_code == 0, result.output
    rows = _json(["commitments", "--as-of", AS_OF.isoformat(), "--format", "json", "--db", db_file])
    assert isinstance(rows, list)
    # match register entries to gold items as score.py matches commitments (token Jaccard >= 0.5)
    pairs = []
    for item in gold["commitments"]:  # type: ignore[attr-defined]
        for row in rows:
            a, b = _norm_tokens(item["quote"]), _norm_tokens(row["quote"])
            jaccard = len(a & b) / len(a | b)
            if jaccard >= 0.5:
                pairs.append((jaccard, item["id"], row["id"], item, row))
    pairs.sort(key=lambda p: -p[0])
    used_gold, used_row, matched = set(), set(), []
    for _, gid, rid, item, row in pairs:
        if gid not in used_gold and rid not in used_row:
            used_gold.add(gid)
            used_row.add(rid)
            matched.append((item, row))
    assert matched, "no extracted commitment matches the gold"
    for item, row in matched:
        if item["due"] and row["due_end"] and item["due"]["end"] == row["due_end"]:
            assert (row["status"] == "overdue") == (dt.date.fromisoformat(item["due"]["end"]) < AS_OF)
        if row["due_start"] is None:
            assert row["status"] == "open"


CONSTRUCTED = Path(__file__).resolve().parent / "documents" / "constructed"


def test_ingest_says_when_a_date_was_inferred_and_documents_marks_it(tmp_path: Path) -> None:
    db_file = str(tmp_path / "r.sqlite")
    result = runner.invoke(app, ["ingest", str(CONSTRUCTED / "r3-vws-2023.txt"), "--db", db_file])
    assert result.exit_code == 0, result.output
    assert "datum afgeleid uit de tekst: 8 februari 2023" in result.output
    docs = _json(["documents", "--format", "json", "--db", db_file])
    assert [(d["id"], d["date"], d["date_inferred"]) for d in docs] == [("kst-25424-650", "2023-02-08", True)]
    table = runner.invoke(app, ["documents", "--db", db_file])
    assert "(afgeleid)" in table.stdout


def test_ingest_date_sets_the_date(tmp_path: Path) -> None:
    db_file = str(tmp_path / "r.sqlite")
    letter = str(CONSTRUCTED / "r3-vws-2023.txt")
    result = runner.invoke(app, ["ingest", letter, "--date", "2023-03-20", "--db", db_file])
    assert result.exit_code == 0, result.output
    assert "afgeleid" not in result.output
    docs = _json(["documents", "--format", "json", "--db", db_file])
    assert [(d["date"], d["date_inferred"]) for d in docs] == [("2023-03-20", False)]
    assert runner.invoke(app, ["ingest", letter, "--date", "20-3-2023", "--db", db_file]).exit_code == 2


def test_a_dossier_with_a_numeric_suffix_keeps_its_id_and_dossier(tmp_path: Path) -> None:
    db_file = str(tmp_path / "r.sqlite")
    result = runner.invoke(app, ["ingest", str(CONSTRUCTED / "r3c-bz-2015.txt"), "--db", db_file])
    assert result.exit_code == 0, result.output
    docs = _json(["documents", "--format", "json", "--db", db_file])
    assert [(d["id"], d["dossier"]) for d in docs] == [("kst-21501-02-1531", "21501-02")]
    every = _json(["commitments", "--format", "json", "--db", db_file])
    by_dossier = _json(["commitments", "--dossier", "21 501-02", "--format", "json", "--db", db_file])
    assert isinstance(every, list) and every
    assert by_dossier == every
    assert {r["dossier"] for r in every} == {"21501-02"}


def test_tables_fit_80_columns_without_breaking_words(db: str) -> None:
    listing = runner.invoke(app, ["commitments", "--as-of", "2014-07-01", "--db", db], env={"COLUMNS": "80"})
    documents = runner.invoke(app, ["documents", "--db", db], env={"COLUMNS": "80"})
    assert listing.exit_code == 0 and documents.exit_code == 0
    for output in (listing.stdout, documents.stdout):
        assert max(len(line) for line in output.splitlines()) <= 80
    # headings, statuses and ids whole ("toezegging", not "toezeggin g"); Dutch labels, no codes
    assert re.search(r"┃ nr ┃ status\s+┃ soort\s+┃ uiterlijk\s+┃ dossier ┃ toezegging\s+┃", listing.stdout)
    assert "verlopen" in listing.stdout and "overdue" not in listing.stdout
    assert "│ kst-32824-47 │" in documents.stdout and "┃ aantal ┃" in documents.stdout
    # the short columns (number, status, kind, deadline, dossier) hold whole values on every line
    short = [
        c.strip()
        for line in listing.stdout.splitlines()
        if line.startswith("│")
        for c in line.split("│")[1:6]
    ]
    labels = {
        "",
        "open",
        "binnenkort",
        "verlopen",
        "voldaan",
        "actie",
        "Kamer informeren",
        "product opleveren",
    }
    labels |= {word for label in labels for word in label.split()}
    assert all(c in labels or re.fullmatch(r"\d+|\d{4}-\d{2}-\d{2}|–|vanaf|32824", c) for c in short), short


def test_ingest_follows_letters_an_earlier_ingest_stored_but_never_tracked(tmp_path: Path) -> None:
    """An ingest stopped between storing and tracking: the next ingest of the same files follows them."""
    from beleidsmonitor.batch import ingest_files
    from beleidsmonitor.register.store import open_register
    from beleidsmonitor.register.tracking import untracked_documents
    from beleidsmonitor.settings import load_settings

    letters = sorted(
        (Path(__file__).resolve().parent / "documents" / "tracking").glob("c-szw-201*-monitor.txt")
    )
    fresh = runner.invoke(app, ["ingest", *map(str, letters), "--db", str(tmp_path / "fresh.sqlite")])
    followed = [line for line in fresh.output.splitlines() if line.startswith("gevolgd:")]
    assert (
        fresh.exit_code == 0
        and followed
        and followed != ["gevolgd: voldaan 0, deels voldaan 0, herhaald 0, gewijzigd 0"]
    )

    url = f"sqlite:///{tmp_path / 'stopped.sqlite'}"
    with open_register(load_settings(env={}, database_url=url)) as register:
        stored = [e.result.document_id for e in ingest_files(register, letters, jobs=1) if e.result]
        assert sorted(untracked_documents(register)) == sorted(stored) and len(stored) == 2
    again = runner.invoke(app, ["ingest", *map(str, letters), "--db", str(tmp_path / "stopped.sqlite")])
    assert "(al opgeslagen: 2)" in again.output
    assert [line for line in again.output.splitlines() if line.startswith("gevolgd:")] == followed
    with open_register(load_settings(env={}, database_url=url)) as register:
        assert untracked_documents(register) == []
