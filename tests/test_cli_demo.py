"""The README's main job: `beleidsmonitor demo` on the bundled example, run in-process."""

from pathlib import Path

from typer.testing import CliRunner

from beleidsmonitor.cli import app


def test_demo_ingests_the_example_prints_the_register_and_writes_the_report(tmp_path: Path) -> None:
    db = tmp_path / "register.sqlite"
    report = tmp_path / "report.md"
    runner = CliRunner()
    args = ["demo", "--db", str(db), "--report", str(report), "--as-of", "2014-07-01"]
    result = runner.invoke(app, args, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert db.exists()
    assert "toezeggingen per 2014-07-01" in result.output
    assert "http://127.0.0.1:8000/" in result.output
    assert str(report.resolve()) in result.output.replace("\n", "")
    text = report.read_text(encoding="utf-8")
    assert text.startswith("# Voortgang Agenda Integratie (dossier 32824)")
    assert "U ontvangt in 2014 nadere informatie over de arbeidsmarktmodule" in text
    # running it again adds nothing: the same letter is stored once
    again = runner.invoke(app, args, env={"COLUMNS": "200"})
    assert again.exit_code == 0, again.output
    listed = runner.invoke(app, ["documents", "--db", str(db), "--format", "json"])
    assert listed.exit_code == 0
    assert listed.output.count('"kst-32824-47"') == 1
