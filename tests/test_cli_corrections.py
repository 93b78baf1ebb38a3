"""Tracking and corrections end to end through the CLI: ingest tracks, people review and correct,
the corrections survive a re-ingest and travel to a new register through export/import."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from beleidsmonitor.cli import app
from conftest import ROOT

runner = CliRunner()
LETTERS = ROOT / "tests" / "documents" / "tracking"
AFTER = "2014-07-01"
PROMISE = "In het voorjaar van 2014 stuur ik uw Kamer de monitor inburgering over 2013."
REPORT = "De monitor inburgering over 2013 is op 2 juni aan uw Kamer verzonden."


def _ok(args: list[str]) -> str:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return result.stdout


def _commitments(db: Path, as_of: str = AFTER) -> dict[str, dict[str, object]]:
    rows = json.loads(_ok(["commitments", "--db", str(db), "--as-of", as_of, "--format", "json"]))
    return {str(r["quote"]): r for r in rows}


def _promise(db: Path, as_of: str = AFTER) -> dict[str, object]:
    return _commitments(db, as_of)[PROMISE]


def test_review_and_corrections_survive_reingest_and_travel(tmp_path: Path) -> None:
    db = tmp_path / "register.sqlite"
    out = _ok(["ingest", str(LETTERS), "--db", str(db)])
    assert "gevolgd: voldaan 1, deels voldaan 0, herhaald 0, gewijzigd 0" in out
    promise = _promise(db)
    assert (promise["status"], promise["fulfilled_by"], promise["late_days"]) == (
        "fulfilled",
        "kst-32824-160",
        10,
    )
    assert promise["fulfilled_quote"] == REPORT
    # before the later letter, the older status
    assert _promise(db, "2014-06-01")["status"] == "overdue"
    cid = str(promise["id"])

    out = _ok(
        [
            "review",
            cid,
            "kst-32824-160",
            "reject",
            "--who",
            "an",
            "--note",
            "niet dezelfde monitor",
            "--db",
            str(db),
        ]
    )
    assert f"#{cid} beoordeling: voorgesteld → afgewezen (an)" in out
    assert _promise(db)["status"] == "overdue"
    # re-ingest (the same letters again, then tracking again): the rejection stays
    _ok(["ingest", str(LETTERS), "--db", str(db)])
    _ok(["track", "--db", str(db)])
    assert _promise(db)["status"] == "overdue"

    _ok(["review", cid, "kst-32824-160", "accept", "--who", "bo", "--db", str(db)])
    accepted = _promise(db)
    assert (accepted["status"], accepted["fulfilled_evidence"], accepted["fulfilled_review"]) == (
        "fulfilled",
        "report",
        "accepted",
    )
    _ok(
        [
            "correct",
            cid,
            "--owner",
            "directie Integratie",
            "--add-note",
            "rappel verstuurd",
            "--who",
            "bo",
            "--db",
            str(db),
        ]
    )
    shown = json.loads(_ok(["show", cid, "--db", str(db), "--format", "json"]))
    trail = [(c["who"], c["field"], c["old"], c["new"]) for c in shown["corrections"]]
    assert trail == [
        ("an", "review", "proposed", "rejected"),
        ("bo", "review", "rejected", "accepted"),
        ("bo", "owner", "", "directie Integratie"),
        ("bo", "note", "", "rappel verstuurd"),
    ]
    assert [(link["relation"], link["evidence"], link["review"]) for link in shown["links"]] == [
        ("fulfils", "report", "accepted")
    ]

    exported = tmp_path / "corrections.json"
    _ok(["export", "--corrections", "--output", str(exported), "--db", str(db)])
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert [c["new"] for c in data["corrections"]] == [
        "rejected",
        "accepted",
        "directie Integratie",
        "rappel verstuurd",
    ]

    # a new register from the same letters (a re-extraction) takes the corrections back
    fresh = tmp_path / "fresh.sqlite"
    copy = tmp_path / "letters"
    shutil.copytree(LETTERS, copy)
    _ok(["ingest", str(copy), "--db", str(fresh)])
    assert "correcties ingelezen: 4" in _ok(["import", "--corrections", str(exported), "--db", str(fresh)])
    assert "correcties ingelezen: 0" in _ok(["import", "--corrections", str(exported), "--db", str(fresh)])
    again = _promise(fresh)
    assert (again["status"], again["fulfilled_review"], again["owner"], again["note"]) == (
        "fulfilled",
        "accepted",
        "directie Integratie",
        "rappel verstuurd",
    )


def test_mark_and_correct_from_the_cli(tmp_path: Path) -> None:
    db = tmp_path / "register.sqlite"
    _ok(["ingest", str(LETTERS), "--db", str(db)])
    meeting = next(r for q, r in _commitments(db).items() if "expertmeeting over zelfbeschikking" in q)
    cid = str(meeting["id"])
    assert meeting["status"] == "overdue"
    out = _ok(["mark", cid, "fulfilled", "--on", "2014-04-15", "--who", "an", "--db", str(db)])
    # Dutch labels, not the stored codes ("verdict", "fulfilled")
    assert f"#{cid} oordeel: automatisch → voldaan (an)" in out
    assert f"#{cid} status vandaag: voldaan" in out
    marked = _commitments(db)[str(meeting["quote"])]
    assert (marked["status"], marked["late_days"], marked["verdict"]) == ("fulfilled", 15, "fulfilled")
    assert _commitments(db, "2014-04-10")[str(meeting["quote"])]["status"] == "overdue"
    _ok(["correct", cid, "--kind", "deliverable", "--due", "2014-06-30", "--who", "an", "--db", str(db)])
    corrected = _commitments(db)[str(meeting["quote"])]
    assert (corrected["kind"], corrected["due_end"]) == ("deliverable", "2014-06-30")


def test_bad_corrections_say_what_is_wrong(tmp_path: Path) -> None:
    db = tmp_path / "register.sqlite"
    _ok(["ingest", str(LETTERS), "--db", str(db)])
    cid = str(_promise(db)["id"])
    result = runner.invoke(app, ["correct", cid, "--due", "volgende week", "--who", "an", "--db", str(db)])
    assert result.exit_code == 1
    assert "R020" in result.output and "volgende week" in result.output
    result = runner.invoke(app, ["review", "9999", "kst-32824-160", "accept", "--who", "an", "--db", str(db)])
    assert (result.exit_code, "R001" in result.output) == (1, True)
    result = runner.invoke(app, ["mark", cid, "klaar", "--who", "an", "--db", str(db)])
    assert result.exit_code == 2 and "not_a_commitment" in result.output
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"format": "beleidsmonitor-corrections/1", "corrections": [{"who": "an"}]}', encoding="utf-8"
    )
    result = runner.invoke(app, ["import", "--corrections", str(bad), "--db", str(db)])
    assert result.exit_code == 1
    assert "R021" in result.output and "bad.json" in result.output
    assert json.loads(_ok(["export", "--corrections", "--db", str(db)]))["corrections"] == []
