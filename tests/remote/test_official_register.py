"""The Chambers' registers of commitments imported beside the written ones: listings, dashboard, exports."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from beleidsmonitor.cli import app
from beleidsmonitor.register.store import open_register
from beleidsmonitor.register.toezeggingen import Matcher, read_register_file
from beleidsmonitor.settings import Settings
from beleidsmonitor.web.app import create_app

from .conftest import REMOTE, OfficialSite
from .test_remote_fetch import _env

AS_OF = "2014-07-01"
TOETSINGSKADER = "Begin 2014 wordt het toetsingskader conform mijn toezegging aan uw Kamer gestuurd."
TAALKETEN = "Ook ontvangt u van mij in het voorjaar van 2014 een voorstel om de afstemming"
MONITOR = "De volgende monitor over geheel 2013 zal in het voorjaar van 2014 aan de Kamer worden verzonden."


def _run(settings: Settings, *args: str) -> Any:
    result = CliRunner().invoke(app, list(args), env=_env(settings))
    return result


def _commitments(settings: Settings) -> list[dict[str, Any]]:
    result = _run(settings, "commitments", "--format", "json", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    items: list[dict[str, Any]] = json.loads(result.stdout)
    return items


@pytest.fixture
def imported(site: OfficialSite, remote_settings: Settings) -> Settings:
    """Dossier 32824 fetched, then the Tweede Kamer register (fetched) and the Eerste Kamer's (a file)."""
    fetched = _run(remote_settings, "fetch", "--dossier", "32824")
    assert fetched.exit_code == 0, fetched.output
    tk = _run(remote_settings, "import-toezeggingen", "--source", "tk")
    assert tk.exit_code == 0, tk.output
    assert (
        "toezeggingen: 4 (new: 4, updated: 0), linked to written commitments: 2, own entries: 1, "
        "in the entry of the one they repeat or change: 1" in tk.stdout
    )
    ek = _run(remote_settings, "import-toezeggingen", str(REMOTE / "ek-toezeggingen.csv"))
    assert ek.exit_code == 0, ek.output
    assert (
        "toezeggingen: 3 (new: 3, updated: 0), linked to written commitments: 1, own entries: 2" in ek.stdout
    )
    return remote_settings


def test_registers_appear_beside_the_written_commitments(imported: Settings, site: OfficialSite) -> None:
    items = _commitments(imported)
    official = {c["official_number"]: c for c in items if c["official_number"]}
    assert sorted(official) == [
        "T01970",
        "T01971",
        "T01972",
        "TZ201312-101",
        "TZ201312-102",
        "TZ201404-003",
    ]
    assert "TZ201402-018" not in official  # deleted in the Chamber's data
    # a written commitment the register also holds is one entry, linked, with the official status
    linked = official["TZ201312-101"]
    assert (linked["source"], linked["quote"], linked["first_document_id"]) == (
        "written",
        TOETSINGSKADER,
        "kst-32824-47",
    )
    assert (linked["official_status"], linked["status"], linked["fulfilled_by"]) == (
        "Voldaan",
        "fulfilled",
        "kst-32824-49",
    )
    assert [c["quote"] for c in items].count(TOETSINGSKADER) == 1
    assert official["TZ201312-102"]["quote"].startswith(TAALKETEN)
    assert (official["TZ201312-102"]["official_status"], official["TZ201312-102"]["status"]) == (
        "Openstaand",
        "overdue",
    )
    assert (official["T01970"]["quote"], official["T01970"]["official_status"]) == (MONITOR, "openstaand")
    # toezeggingen no letter states get their own entry, with the official text, date and status
    # TZ201404-003 changes TZ201402-017 (IsWijzigingVan): one entry, showing the change's number, text,
    # date and status, in the dossier of the toezegging it changes
    own = official["TZ201404-003"]
    assert (own["source"], own["dossier"], own["due_end"], own["status"], own["first_document_id"]) == (
        "tk", "32824", "2014-09-30", "open", "toezeggingen-tk",
    )  # fmt: skip
    assert own["quote"].startswith("De minister stuurt de Kamer na de zomer een aangepaste planning")
    assert own["official_status"] == "Deels voldaan"
    assert not any(c["quote"].startswith("De minister zal de Kamer voor 1 oktober 2014") for c in items)
    assert (official["T01971"]["source"], official["T01971"]["dossier"], official["T01971"]["status"]) == (
        "ek",
        "33086",
        "open",
    )
    assert official["T01972"]["status"] == "fulfilled"
    # the committee: as the register names it (the debate's lead committee, a committee as recipient, the
    # Eerste Kamer's column), else the one that follows the ministry, marked as derived
    assert [
        (official[n]["committee"], official[n]["committee_derived"])
        for n in ("TZ201312-102", "TZ201312-101", "T01971", "TZ201404-003")
    ] == [
        ("vaste commissie voor Sociale Zaken en Werkgelegenheid", False),
        ("Commissie voor Sociale Zaken en Werkgelegenheid", False),
        ("Sociale Zaken en Werkgelegenheid (SZW)", False),
        ("", False),
    ]
    unregistered = next(c for c in items if c["source"] == "written" and not c["official_number"])
    assert (unregistered["committee"], unregistered["committee_derived"]) == (
        "vaste commissie voor Sociale Zaken en Werkgelegenheid",
        True,
    )
    table = _run(imported, "commitments", "--as-of", AS_OF, "--dossier", "33086")
    assert table.exit_code == 0 and "[T01971, deels" in table.stdout
    # the written commitments stay as they were
    assert sum(1 for c in items if c["source"] == "written") == sum(
        1 for c in items if c["first_document_id"].startswith("kst-")
    )


def test_a_reimport_updates_status_and_never_duplicates(
    imported: Settings, site: OfficialSite, tmp_path: Path
) -> None:
    before = len(_commitments(imported))
    page = json.loads((REMOTE / "tk-toezegging-2.json").read_text(encoding="utf-8"))
    page["value"][2]["Status"] = "Voldaan"  # TZ201404-003, the change of TZ201402-017
    page.pop("@odata.nextLink", None)
    changed = tmp_path / "toezeggingen.json"
    changed.write_text(json.dumps(page), encoding="utf-8")
    again = _run(imported, "import-toezeggingen", str(changed))
    assert again.exit_code == 0, again.output
    assert (
        "toezeggingen: 2 (new: 0, updated: 2), linked to written commitments: 0, own entries: 0"
        in again.stdout
    )
    items = _commitments(imported)
    assert len(items) == before
    entry = next(c for c in items if c["official_number"] == "TZ201404-003")
    assert (entry["official_status"], entry["status"]) == ("Voldaan", "fulfilled")
    assert not [c for c in items if c["official_number"] == "TZ201402-017"]


def test_exports_and_dashboard_show_official_numbers(imported: Settings) -> None:
    exported = _run(imported, "export", "--format", "csv", "--as-of", AS_OF)
    assert exported.exit_code == 0, exported.output
    rows = list(csv.DictReader(io.StringIO(exported.stdout)))
    by_number = {r["official_number"]: r for r in rows if r["official_number"]}
    assert by_number["T01971"]["official_status"] == "deels voldaan" and by_number["T01971"]["source"] == "ek"
    assert by_number["TZ201312-101"]["url"] == "https://zoek.officielebekendmakingen.nl/kst-32824-47.html"
    with open_register(imported) as register, TestClient(create_app(imported, register)) as client:
        page = client.get("/commitments", params={"as_of": AS_OF})
        api = client.get("/api/commitments", params={"as_of": AS_OF}).json()
    assert page.status_code == 200
    assert "register: TZ201404-003 (Deels voldaan)" in page.text
    assert "register: TZ201312-101 (Voldaan)" in page.text
    assert {c["official_number"] for c in api} >= {"TZ201312-101", "T01970", "T01972"}


def test_bad_register_files_are_reported(remote_settings: Settings, tmp_path: Path) -> None:
    header = tmp_path / "ek.csv"
    header.write_text("nummer,tekst\nT00001,Iets\n", encoding="utf-8")
    result = _run(remote_settings, "import-toezeggingen", str(header))
    assert result.exit_code == 1
    assert "R010" in result.stderr and "lacks titel, status, deadline" in result.stderr
    rows = tmp_path / "rows.csv"
    rows.write_text(
        "nummer,titel,tekst,status,deadline,bewindspersoon,ministerie,commissie,kamerstukken\n"
        "T00002,Titel,Goede regel,openstaand,2015-01-01,X,SZW,SZW,32824\n"
        "T00003,Titel,Slechte datum,openstaand,1 januari,X,SZW,SZW,32824\n",
        encoding="utf-8",
    )
    result = _run(remote_settings, "import-toezeggingen", str(rows))
    assert result.exit_code == 1
    assert "line 3" in result.stderr
    assert "toezeggingen: 1 (new: 1" in result.stdout
    broken = tmp_path / "tk.json"
    broken.write_text('{"value": [', encoding="utf-8")
    result = _run(remote_settings, "import-toezeggingen", str(broken))
    assert result.exit_code == 1 and "not valid JSON" in result.stderr


def test_matching_weighs_rare_words_and_dates() -> None:
    items, problems = read_register_file(REMOTE / "tk-toezegging-1.json")
    assert problems == [] and [t.nummer for t in items] == ["TZ201312-101", "TZ201312-102"]
    assert items[0].dossiers == ("32824",) and items[0].due is not None
    matcher = Matcher(
        [
            frozenset({"kamer", "minister", "toetsingskader"}),
            frozenset({"kamer", "monitor"}),
            frozenset({"kamer"}),
        ]
    )
    # a word every text has weighs nothing; a rare one carries the match
    assert matcher.weight("kamer") == 0.0
    assert matcher.text_score(frozenset({"kamer", "toetsingskader"}), frozenset({"toetsingskader"})) == 1.0
    assert matcher.text_score(frozenset({"kamer", "monitor"}), frozenset({"kamer", "toetsingskader"})) == 0.0
    import datetime as dt

    start, end = dt.date(2014, 1, 1), dt.date(2014, 3, 31)
    assert matcher.time_factor(dt.date(2014, 3, 31), start, end) == 1.0
    assert matcher.time_factor(dt.date(2014, 6, 30), start, end) == 1.0  # within three months after
    assert matcher.time_factor(dt.date(2015, 3, 31), start, end) == 0.4
    assert matcher.time_factor(None, start, end) == 0.7


def test_migration_0004_upgrades_an_older_register_in_place(remote_settings: Settings) -> None:
    from alembic import command
    from sqlalchemy import text

    from beleidsmonitor.pipeline import analyse_file
    from beleidsmonitor.register import db

    letter = REMOTE.parent / "kst-32824-47.xml"
    with open_register(remote_settings) as register:
        register.ingest(analyse_file(letter))
        before = register.counts()
        config = db.migrations_config()
        with register.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0003")
        with register.engine.connect() as connection:
            tables = set(
                connection.execute(text("SELECT name FROM sqlite_master WHERE type='table'")).scalars()
            )
        assert "toezeggingen" not in tables and "fetch_runs" not in tables
    with open_register(remote_settings) as register:  # opening upgrades to the newest revision
        assert register.counts() == before  # no mention lost to a table copy
        records = register.list_commitments()
    assert {r.source for r in records} == {"written"} and {r.official_number for r in records} == {""}


def test_a_register_imported_before_the_letters_is_joined_to_them(
    site: OfficialSite, remote_settings: Settings
) -> None:
    tk = _run(remote_settings, "import-toezeggingen", "--source", "tk")
    assert (
        "linked to written commitments: 0, own entries: 3, in the entry of the one they repeat or change: 1"
        in tk.stdout
    )
    ek = _run(remote_settings, "import-toezeggingen", str(REMOTE / "ek-toezeggingen.csv"))
    assert "linked to written commitments: 0, own entries: 3" in ek.stdout
    fetched = _run(remote_settings, "fetch", "--dossier", "32824")
    assert fetched.exit_code == 0, fetched.output
    items = _commitments(remote_settings)
    numbers = [c["official_number"] for c in items if c["official_number"]]
    assert sorted(numbers) == [
        "T01970", "T01971", "T01972", "TZ201312-101", "TZ201312-102", "TZ201404-003",
    ]  # fmt: skip
    official = {c["official_number"]: c for c in items if c["official_number"]}
    # the letters' promises that the registers hold are one entry each: the written one, linked
    linked = official["TZ201312-101"]
    assert (linked["source"], linked["quote"], linked["first_document_id"]) == (
        "written", TOETSINGSKADER, "kst-32824-47",
    )  # fmt: skip
    assert (linked["official_status"], linked["status"], linked["fulfilled_by"]) == (
        "Voldaan", "fulfilled", "kst-32824-49",
    )  # fmt: skip
    assert (official["TZ201312-102"]["source"], official["TZ201312-102"]["status"]) == ("written", "overdue")
    assert official["TZ201312-102"]["quote"].startswith(TAALKETEN)
    assert (official["T01970"]["source"], official["T01970"]["quote"]) == ("written", MONITOR)
    assert [c["quote"] for c in items].count(TOETSINGSKADER) == 1
    assert not any(c["quote"].startswith("De minister stuurt de Kamer begin 2014") for c in items)
    # what no letter states keeps its entry of its own
    assert (official["TZ201404-003"]["source"], official["T01971"]["source"]) == ("tk", "ek")
    with (
        open_register(remote_settings) as register,
        TestClient(create_app(remote_settings, register)) as client,
    ):
        page = client.get("/commitments", params={"as_of": AS_OF}).text
    assert page.count("register: TZ201312-101 (Voldaan)") == 1
    exported = _run(remote_settings, "export", "--format", "csv", "--as-of", AS_OF)
    rows = list(csv.DictReader(io.StringIO(exported.stdout)))
    assert [r["official_number"] for r in rows].count("TZ201312-101") == 1
    # a re-import keeps the join and adds nothing
    again = _run(remote_settings, "import-toezeggingen", "--source", "tk")
    assert "(new: 0, updated: 4), linked to written commitments: 0, own entries: 0" in again.stdout
    assert len(_commitments(remote_settings)) == len(items)


def test_tracking_again_keeps_the_registers_fulfilments(imported: Settings) -> None:
    def official() -> dict[str, tuple[str, str | None]]:
        return {
            c["official_number"]: (c["status"], c["fulfilled_by"])
            for c in _commitments(imported)
            if c["official_number"]
        }

    before = official()
    assert before["T01972"] == ("fulfilled", None)  # the register says voldaan and cites no letter
    assert before["TZ201312-101"] == ("fulfilled", "kst-32824-49")  # the letter KamerbriefNakoming cites
    tracked = _run(imported, "track")  # replaces every link, the register's among them
    assert tracked.exit_code == 0, tracked.output
    assert official() == before


def test_a_repeat_in_a_later_import_is_shown_in_the_entry_it_repeats(
    remote_settings: Settings, tmp_path: Path
) -> None:
    def entity(nummer: str, tekst: str, due: str, status: str, repeats: str | None) -> dict[str, Any]:
        zaak = {"Nummer": "2015Z00001", "Kamerstukdossier": [{"Nummer": 33086, "Toevoeging": None}]}
        return {
            "Nummer": nummer, "Tekst": tekst, "Status": status, "DatumNakoming": due,
            "Naam": "Asscher", "Functie": "minister", "ToegezegdAan": "Lid Azmani (VVD)",
            "IsHerhalingVan": repeats, "IsWijzigingVan": None, "IsAanvullingOp": None,
            "Verwijderd": False, "Activiteit": {"Zaak": [zaak]},
        }  # fmt: skip

    first = tmp_path / "first.json"
    first.write_text(json.dumps({"value": [
        entity("TZ201501-001", "De minister stuurt de evaluatie van de inburgering voor de zomer.", "2015-07-01",
               "Openstaand", None),
        entity("TZ201501-002", "De minister stuurt een brief over de taaleis.", "2015-03-01", "Openstaand", None),
    ]}), encoding="utf-8")  # fmt: skip
    later = tmp_path / "later.json"
    later.write_text(json.dumps({"value": [
        entity("TZ201506-009", "De minister herhaalt: de evaluatie van de inburgering komt voor de zomer.",
               "2015-07-01", "Voldaan", "TZ201501-001"),
    ]}), encoding="utf-8")  # fmt: skip
    assert (
        "own entries: 2, in the entry of the one they repeat or change: 0"
        in _run(remote_settings, "import-toezeggingen", str(first)).stdout
    )
    again = _run(remote_settings, "import-toezeggingen", str(later))
    assert "own entries: 0, in the entry of the one they repeat or change: 1" in again.stdout
    items = _commitments(remote_settings)
    assert sorted((c["official_number"], c["official_status"], c["status"]) for c in items) == [
        ("TZ201501-002", "Openstaand", "open"),
        ("TZ201506-009", "Voldaan", "fulfilled"),
    ]
    # importing either file again changes nothing: the entry keeps showing the newest toezegging
    _run(remote_settings, "import-toezeggingen", str(first))
    assert _commitments(remote_settings) == items
    _run(remote_settings, "import-toezeggingen", str(later))
    assert _commitments(remote_settings) == items


def test_a_toezegging_without_a_debate_dossier_is_matched_in_the_dossier_of_the_letter_it_cites(
    site: OfficialSite, remote_settings: Settings, tmp_path: Path
) -> None:
    fetched = _run(remote_settings, "fetch", "--dossier", "32824")
    assert fetched.exit_code == 0, fetched.output
    tekst = "De minister informeert de Kamer in het voorjaar van 2014 over de afstemming in de taalketen."

    def entity(nummer: str, kamerbrief: str | None) -> dict[str, Any]:
        return {
            "Nummer": nummer, "Tekst": tekst, "Status": "Openstaand", "DatumNakoming": "2014-05-31",
            "Naam": "Asscher", "KamerbriefNakoming": kamerbrief, "Verwijderd": False, "Activiteit": None,
        }  # fmt: skip

    cited = tmp_path / "cited.json"
    cited.write_text(
        json.dumps({"value": [entity("TZ201403-050", "Kamerstuk 32 824, nr. 49")]}), encoding="utf-8"
    )
    result = _run(remote_settings, "import-toezeggingen", str(cited))
    assert "linked to written commitments: 1, own entries: 0" in result.stdout
    entry = next(c for c in _commitments(remote_settings) if c["official_number"] == "TZ201403-050")
    assert (entry["source"], entry["dossier"], entry["first_document_id"]) == (
        "written",
        "32824",
        "kst-32824-47",
    )
    assert entry["quote"].startswith(TAALKETEN)
    # without a citation nothing places it in a dossier: an entry of its own
    bare = tmp_path / "bare.json"
    bare.write_text(json.dumps({"value": [entity("TZ201403-051", None)]}), encoding="utf-8")
    result = _run(remote_settings, "import-toezeggingen", str(bare))
    assert "linked to written commitments: 0, own entries: 1" in result.stdout
    entry = next(c for c in _commitments(remote_settings) if c["official_number"] == "TZ201403-051")
    assert (entry["source"], entry["dossier"]) == ("tk", "")
