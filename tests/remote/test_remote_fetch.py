"""Fetching Kamerstukken and whole dossiers into the register from the stand-in services on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from typer.testing import CliRunner

from beleidsmonitor.cli import app
from beleidsmonitor.fetch import Listing, fetch_documents, list_documents
from beleidsmonitor.register.store import open_register
from beleidsmonitor.settings import Settings
from beleidsmonitor.sources.remote.client import PoliteClient
from beleidsmonitor.sources.remote.officielebekendmakingen import parse_metadata

from .conftest import REMOTE, OfficialSite

DOSSIER = ["kst-32824-47", "kst-32824-48", "kst-32824-49"]


def _env(settings: Settings) -> dict[str, str]:
    return {
        "BELEIDSMONITOR_DATABASE_URL": settings.database_url,
        "BELEIDSMONITOR_OFFICIELEBEKENDMAKINGEN_URL": settings.officielebekendmakingen_url,
        "BELEIDSMONITOR_SRU_URL": settings.sru_url,
        "BELEIDSMONITOR_TK_ODATA_URL": settings.tk_odata_url,
        "BELEIDSMONITOR_FETCH_CACHE_DIR": settings.fetch_cache_dir,
        "BELEIDSMONITOR_FETCH_DELAY_MS": "0",
        "BELEIDSMONITOR_FETCH_BACKOFF_MS": "10",
        "BELEIDSMONITOR_FETCH_RETRIES": "2",
        "BELEIDSMONITOR_FETCH_TIMEOUT_S": "1",
    }


def _documents(settings: Settings) -> dict[str, dict[str, object]]:
    result = CliRunner().invoke(app, ["documents", "--format", "json"], env=_env(settings))
    assert result.exit_code == 0, result.output
    return {d["id"]: d for d in json.loads(result.stdout)}


def test_metadata_xml_is_read() -> None:
    meta = parse_metadata((REMOTE / "kst-32824-48.metadata.xml").read_bytes(), "metadata.xml")
    assert (meta.id, meta.dossier, meta.nr, meta.vergaderjaar, meta.date) == (
        "kst-32824-48", "32824", "48", "2013-2014", dt.date(2014, 1, 23),
    )  # fmt: skip
    assert (meta.doc_type.value, meta.dossier_title, meta.indiener, meta.chamber) == (
        "motie", "Integratiebeleid", "J. Jasper", "Tweede Kamer der Staten-Generaal",
    )  # fmt: skip
    assert meta.url == "https://zoek.officielebekendmakingen.nl/kst-32824-48.html"


def test_both_listings_name_the_dossier(site: OfficialSite, remote_settings: Settings) -> None:
    with PoliteClient(remote_settings) as client:
        sru = list_documents(client, "32824")
        tk = list_documents(client, "32824", listing=Listing.TK)
        since = list_documents(client, "32824", since=dt.date(2014, 1, 1))
    assert [d.id for d in sru] == DOSSIER
    assert [d.id for d in tk] == DOSSIER  # the deleted document 50 is left out
    assert [d.id for d in since] == DOSSIER[1:]
    assert sru[2].url == "https://zoek.officielebekendmakingen.nl/kst-32824-49.html"
    assert (sru[2].date, sru[2].nr, sru[2].dossier) == (dt.date(2014, 3, 14), "49", "32824")
    # the second page is found by nextRecordPosition
    assert site.paths() == ["/sru#1", "/sru#3", "/tk/Document", "/sru#1", "/sru#3"]


def test_fetch_dossier_once_then_nothing_new(site: OfficialSite, remote_settings: Settings) -> None:
    runner = CliRunner()
    first = runner.invoke(app, ["fetch", "--dossier", "32824"], env=_env(remote_settings))
    assert first.exit_code == 0, first.output
    assert "listed: 3, fetched and stored: 3, already stored: 0" in first.stdout
    docs = _documents(remote_settings)
    assert sorted(docs) == DOSSIER
    # the publisher's metadata wins: its date (the text says 19 December), type and titles
    letter, motion = docs["kst-32824-47"], docs["kst-32824-48"]
    assert (letter["date"], letter["doc_type"], letter["title"]) == (
        "2013-12-20", "brief", "Voortgang Agenda Integratie",
    )  # fmt: skip
    assert letter["url"] == "https://zoek.officielebekendmakingen.nl/kst-32824-47.html"
    assert (motion["doc_type"], motion["commitments"]) == ("motie", 0)  # a motion is not mined
    assert letter["commitments"] > 40 and docs["kst-32824-49"]["commitments"] >= 1
    fetched = site.paths()
    # each document once: metadata and one body (XML for 47; 48 and 49 have only HTML)
    for doc_id in DOSSIER:
        assert fetched.count(f"/ob/{doc_id}/metadata.xml") == 1
    assert fetched.count("/ob/kst-32824-47.xml") == 1 and "/ob/kst-32824-47.html" not in fetched
    assert fetched.count("/ob/kst-32824-48.xml") == 1 and fetched.count("/ob/kst-32824-48.html") == 1

    second = runner.invoke(app, ["fetch", "--dossier", "32824"], env=_env(remote_settings))
    assert second.exit_code == 0, second.output
    assert "fetched and stored: 0, already stored: 3" in second.stdout
    # the second run only revalidated the two listing pages, by ETag
    assert site.paths()[len(fetched) :] == ["/sru#1", "/sru#3"]
    assert site.conditional() == ["/sru#1", "/sru#3"]


def test_faults_are_retried_then_reported_per_document(site: OfficialSite, remote_settings: Settings) -> None:
    site.fail("/ob/kst-32824-47.xml", "429", "truncate")  # recovers on the third attempt
    site.fail("/ob/kst-32824-48/metadata.xml", "503", "503", "503")  # fails for good
    site.fail("/ob/kst-32824-49/metadata.xml", "timeout")  # recovers on the second
    result = CliRunner().invoke(app, ["fetch", "--dossier", "32824"], env=_env(remote_settings))
    assert result.exit_code == 1
    assert "kst-32824-48: N002 the service answered HTTP 503" in result.stderr
    assert "after 3 attempts" in result.stderr
    assert "fetched and stored: 2" in result.stdout and "errors: 1" in result.stdout
    assert sorted(_documents(remote_settings)) == ["kst-32824-47", "kst-32824-49"]
    # the next run fetches only what failed
    before = len(site.paths())
    again = CliRunner().invoke(app, ["fetch", "--dossier", "32824"], env=_env(remote_settings))
    assert again.exit_code == 0, again.output
    assert "fetched and stored: 1, already stored: 2" in again.stdout
    assert [p for p in site.paths()[before:] if p.startswith("/ob/")] == [
        "/ob/kst-32824-48/metadata.xml", "/ob/kst-32824-48.xml", "/ob/kst-32824-48.html",
    ]  # fmt: skip


def test_an_interrupted_run_resumes(site: OfficialSite, remote_settings: Settings) -> None:
    with open_register(remote_settings) as register, PoliteClient(remote_settings) as client:
        events = fetch_documents(register, client, DOSSIER)
        first = next(events)  # the run is stopped after the first document (Ctrl+C)
        events.close()
        assert first.result is not None and first.result.added
        # the body of 48 was fetched into the cache before the interruption, but not stored
        client.get(f"{site.base}/ob/kst-32824-48/metadata.xml")
    before = len(site.paths())
    with open_register(remote_settings) as register, PoliteClient(remote_settings) as client:
        resumed = list(fetch_documents(register, client, DOSSIER))
        stored = {d.id for d in register.list_documents()}
    assert [(e.document_id, e.skipped, e.result is not None and e.result.added) for e in resumed] == [
        ("kst-32824-47", True, False), ("kst-32824-48", False, True), ("kst-32824-49", False, True),
    ]  # fmt: skip
    assert stored == set(DOSSIER)
    after = site.paths()[before:]
    assert "/ob/kst-32824-48/metadata.xml" not in after  # read from the cache
    assert "/ob/kst-32824-47.xml" not in after and "/ob/kst-32824-47/metadata.xml" not in after


def test_fetch_by_id_and_bad_ids(site: OfficialSite, remote_settings: Settings, tmp_path: Path) -> None:
    runner = CliRunner()
    bad = runner.invoke(app, ["fetch", "32824-47"], env=_env(remote_settings))
    assert bad.exit_code == 2 and "not a Kamerstuk id" in bad.output
    missing = runner.invoke(app, ["fetch", "kst-32824-99", "kst-32824-49"], env=_env(remote_settings))
    assert missing.exit_code == 1
    assert "kst-32824-99: N002 the service answered HTTP 404" in missing.stderr
    assert sorted(_documents(remote_settings)) == ["kst-32824-49"]


def test_a_document_past_its_analysis_budget_fails_alone(slow_letter: str, remote_settings: Settings) -> None:
    env = {**_env(remote_settings), "BELEIDSMONITOR_ANALYSIS_SECONDS": "1"}
    result = CliRunner().invoke(app, ["fetch", "kst-32824-48", "kst-32824-49"], env=env)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0:1] == [
        "kst-32824-48: D020 the analysis went past its budget: analysis took longer than 1 s "
        "(setting analysis_seconds); raise the setting or split the file"
    ]
    assert sorted(_documents(remote_settings)) == ["kst-32824-49"]
