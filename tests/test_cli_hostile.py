"""Hostile input through the commands: one line per bad file, the batch goes on, no traceback, clean stdout."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from beleidsmonitor.cli import app
from beleidsmonitor.errors import Code, DocumentError
from beleidsmonitor.register.store import open_register
from beleidsmonitor.settings import Settings
from conftest import EXAMPLE

runner = CliRunner()
ROOT = Path(__file__).resolve().parent
PDF = ROOT / "documents" / "kst-32824-47.pdf"

DEEP_XML = b'<?xml version="1.0"?><stuk>' + b"<al>" * 1000 + b"tekst" + b"</al>" * 1000 + b"</stuk>"
DEEP_HTML = b"<html><body>" + b"<div>" * 500 + b"tekst" + b"</div>" * 500 + b"</body></html>"


def _damaged_pdf() -> bytes:
    """The example PDF with one cross-reference offset made unreadable: pdfminer logs warnings on it."""
    data = PDF.read_bytes()
    xref = data.index(b"\nxref")
    entry = re.search(rb"\n(\d{10}) 00000 n", data[xref:])
    assert entry is not None
    position = xref + entry.start(1)
    return data[:position] + b"X" + data[position + 1 :]


@pytest.mark.parametrize("command", ["extract", "parse"])
@pytest.mark.parametrize(("name", "data"), [("deep.xml", DEEP_XML), ("deep.html", DEEP_HTML)])
def test_deep_markup_is_one_error_line_and_nothing_on_stdout(
    tmp_path: Path, command: str, name: str, data: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    result = runner.invoke(app, [command, str(path)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{path}: D012 the markup is nested too deeply: more than 100 levels of "
        + ("elements (at <al>)" if name.endswith("xml") else "open elements (at <div>)")
    ]


def test_ingest_goes_on_after_bad_files_and_reports_each_once(tmp_path: Path, settings: Settings) -> None:
    folder = tmp_path / "letters"
    folder.mkdir()
    (folder / "a-deep.xml").write_bytes(DEEP_XML)
    (folder / "b-deep.html").write_bytes(DEEP_HTML)
    (folder / "c-damaged.pdf").write_bytes(_damaged_pdf())
    (folder / "d-letter.txt").write_bytes(EXAMPLE.read_bytes())
    db = settings.database_url.removeprefix("sqlite:///")
    result = runner.invoke(app, ["ingest", str(folder), "--db", db])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert "" not in lines
    assert [line for line in lines if ": D0" in line] == [
        f"{folder / 'a-deep.xml'}: D012 the markup is nested too deeply: more than 100 levels of elements (at <al>)",
        f"{folder / 'b-deep.html'}: D012 the markup is nested too deeply: more than 100 levels of open elements "
        "(at <div>)",
        f"{folder / 'c-damaged.pdf'}: D006 the PDF has no text layer (scanned image?); run OCR first",
    ]
    assert "fouten: 3" in result.stdout
    assert result.stdout.startswith("documenten: 1 (al opgeslagen: 0)")
    with open_register(settings) as register:
        assert [d.id for d in register.list_documents()] == ["kst-32824-47"]


def test_pdfminer_warnings_stay_off_stderr_unless_verbose(tmp_path: Path) -> None:
    path = tmp_path / "damaged.pdf"
    path.write_bytes(_damaged_pdf())
    quiet = runner.invoke(app, ["extract", str(path)])
    assert quiet.exit_code == 1
    assert quiet.stderr.splitlines() == [
        f"{path}: D006 the PDF has no text layer (scanned image?); run OCR first"
    ]
    loud = runner.invoke(app, ["--verbose", "extract", str(path)])
    assert "Not adding object 1 to xref" in loud.stderr
    runner.invoke(app, ["extract", str(path)])  # back to quiet for the tests after this one


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "register.sqlite"
    result = runner.invoke(app, ["ingest", str(EXAMPLE), "--db", str(path)])
    assert result.exit_code == 0, result.output
    return str(path)


def test_report_of_an_unknown_dossier_names_the_dossier(db: str) -> None:
    result = runner.invoke(app, ["report", "--dossier", "99999", "--db", db])
    assert result.exit_code == 1
    assert result.stderr.strip() == "R004 no dossier 99999 in the register"


@pytest.mark.parametrize("number", ["9223372036854775808", "99999999999999999999999999"])
def test_show_of_an_id_beyond_the_database_range_is_not_found(db: str, number: str) -> None:
    result = runner.invoke(app, ["show", number, "--db", db])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"R001 no commitment with id {number}"


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_as_of_outside_the_sane_range_is_a_usage_error(db: str, day: str) -> None:
    result = runner.invoke(app, ["commitments", "--as-of", day, "--db", db])
    assert result.exit_code == 2
    assert f"{day} lies outside 1800-01-01..2200-12-31" in result.stderr
    assert "Traceback" not in result.output


def test_ingest_stores_a_text_longer_than_one_analysed_document_in_chunks(tmp_path: Path) -> None:
    # over sources.MAX_CHARACTERS (refused with D009 before): analysed chunk by chunk, stored whole
    import sqlite3

    from beleidsmonitor.sources import MAX_CHARACTERS

    path = tmp_path / "endless.txt"
    filler = ("bijlage " * 60).strip() + "\n\n"
    paragraphs = ["Den Haag, 2 februari 2015\n\n"]
    while sum(map(len, paragraphs)) <= MAX_CHARACTERS:
        k = len(paragraphs)
        paragraphs += [filler] * 49
        paragraphs.append(f"Ik zal uw Kamer voor de zomer van 2015 informeren over regeling {k}.\n\n")
    text = "".join(paragraphs)
    path.write_text(text, encoding="utf-8")
    db = tmp_path / "r.sqlite"
    result = runner.invoke(app, ["ingest", str(path), "--date", "2015-02-02", "--db", str(db)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    promises = sum(1 for p in paragraphs if p.startswith("Ik zal"))
    with sqlite3.connect(db) as connection:
        [(length,)] = connection.execute("SELECT length(clean_text) FROM documents").fetchall()
        mentions = connection.execute("SELECT quote, source_start, source_end FROM mentions").fetchall()
    assert length > 0.99 * len(text) > 0.99 * MAX_CHARACTERS
    assert len(mentions) == promises > 100
    assert all(text[start:end] == quote for quote, start, end in mentions)
    assert max(start for _, start, _ in mentions) > MAX_CHARACTERS - 30_000


LONG = "Het kabinet zal de Kamer voor de zomer van 2014 informeren over het beleid. " * 20000


@pytest.mark.parametrize(
    "command", [["extract"], ["parse"], ["parse", "--format", "text"], ["evaluate", "--gold", "GOLD"]]
)
def test_past_the_time_budget_a_file_fails_alone_in_every_command(tmp_path: Path, command: list[str]) -> None:
    folder = tmp_path / "brieven"
    folder.mkdir()
    (folder / "a-lang.txt").write_text(LONG, encoding="utf-8")
    short = "Geachte voorzitter,\n\nIk stuur u een brief over het beleid. Dat heb ik in 2013 toegezegd.\n"
    (folder / "b-kort.txt").write_text(short, encoding="utf-8")
    gold = tmp_path / "gold.json"
    gold.write_text('{"document": {"date": "2014-01-01"}, "commitments": []}', encoding="utf-8")
    args = [gold.as_posix() if a == "GOLD" else a for a in command]
    env = {"BELEIDSMONITOR_ANALYSIS_SECONDS": "1"}
    target = folder / "a-lang.txt" if command[0] == "evaluate" else folder
    result = runner.invoke(app, [*args, str(target)], env=env)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{folder / 'a-lang.txt'}: D020 the analysis went past its budget: analysis took longer than 1 s "
        "(setting analysis_seconds); raise the setting or split the file"
    ]
    if command == ["extract"]:
        [document] = json.loads(result.stdout)
        assert document["document"]["source"] == str(folder / "b-kort.txt")
        assert [t["text"] for t in document["time_expressions"]] == ["2013"]
    elif command == ["parse"]:
        assert [d["source"]["path"] for d in json.loads(result.stdout)] == [str(folder / "b-kort.txt")]
    elif command[0] == "parse":
        assert result.stdout == short
    else:
        assert result.stdout == ""


def test_an_invalid_budget_setting_is_one_line_and_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "brief.txt"
    path.write_text("Ik stuur u een brief.\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(path)], env={"BELEIDSMONITOR_ANALYSIS_SECONDS": "0"})
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("S001 setting analysis_seconds is invalid")


def test_a_text_at_the_limit_is_read(tmp_path: Path) -> None:
    from beleidsmonitor.sources import read_bytes

    data = ("Ik stuur u voor de zomer een brief. " * 30).encode()
    assert read_bytes(data, "kort.txt", max_characters=len(data)).text.startswith("Ik stuur u")
    with pytest.raises(DocumentError) as caught:
        read_bytes(data + b"Meer.", "lang.txt", max_characters=len(data))
    assert caught.value.code is Code.D009
