"""Watching a dossier against the stand-in services on 127.0.0.1: what is new between two runs,
the loop stopped by Ctrl-C, and a run whose process is killed in the middle."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from beleidsmonitor.cli import app
from beleidsmonitor.settings import Settings

from .conftest import REMOTE, OfficialSite
from .test_official_register import TOETSINGSKADER
from .test_remote_fetch import _env

REPORT_FIELDS = ["dossier", "as_of", "previous_as_of", "listed", "fetched", "problems", "documents"]


def _without_next_page(site: OfficialSite, tmp_path: Path) -> None:
    """The SRU listing as it was before kst-32824-49 was published: one page, 47 and 48."""
    page = (REMOTE / "sru-32824-1.xml").read_text(encoding="utf-8")
    start = page.index("<sru:nextRecordPosition>")
    end = page.index("</sru:nextRecordPosition>") + len("</sru:nextRecordPosition>")
    short = tmp_path / "sru-32824-early.xml"
    short.write_text(page[:start] + page[end:], encoding="utf-8")
    site.add("/sru#1", short)


def _watch(settings: Settings, *args: str) -> dict[str, Any]:
    result = CliRunner().invoke(
        app, ["watch", "--dossier", "32824", "--format", "json", *args], env=_env(settings)
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.count("\n") == 1  # one JSON line per round
    report: dict[str, Any] = json.loads(result.stdout)
    assert [d["dossier"] for d in report["dossiers"]] == ["32824"]
    dossier: dict[str, Any] = report["dossiers"][0]
    return dossier


def _listing(settings: Settings, as_of: str) -> list[dict[str, Any]]:
    result = CliRunner().invoke(
        app, ["commitments", "--format", "json", "--as-of", as_of], env=_env(settings)
    )
    assert result.exit_code == 0, result.output
    items: list[dict[str, Any]] = json.loads(result.stdout)
    return items


def _ids(items: list[dict[str, Any]]) -> list[int]:
    return sorted(c["id"] for c in items)


def test_a_dossier_that_gains_a_document_between_two_runs(
    site: OfficialSite, remote_settings: Settings, tmp_path: Path
) -> None:
    _without_next_page(site, tmp_path)
    first = _watch(remote_settings, "--as-of", "2014-02-01")
    assert [first[f] for f in REPORT_FIELDS] == [
        "32824", "2014-02-01", None, 2, 2, [], ["kst-32824-47", "kst-32824-48"],
    ]  # fmt: skip
    then = _listing(remote_settings, "2014-02-01")
    # a first run: every commitment is new, every overdue one is reported
    assert _ids(first["new"]) == _ids(then) and {c["first_document_id"] for c in then} == {"kst-32824-47"}
    assert _ids(first["overdue"]) == _ids([c for c in then if c["status"] == "overdue"])
    assert len(first["overdue"]) == 6 and first["delivered"] == []

    site.add("/sru#1", REMOTE / "sru-32824-1.xml")  # kst-32824-49 is published: the listing pages on
    second = _watch(remote_settings, "--as-of", "2014-04-01")
    assert [second[f] for f in REPORT_FIELDS] == [
        "32824", "2014-04-01", "2014-02-01", 3, 1, [], ["kst-32824-49"],
    ]  # fmt: skip
    assert [(c["first_document_id"], c["due_end"]) for c in second["new"]] == [("kst-32824-49", "2015-06-30")]
    assert second["new"][0]["quote"].startswith("Ik informeer uw Kamer voor de zomer van 2015")
    assert [(c["quote"], c["status"], c["fulfilled_by"]) for c in second["delivered"]] == [
        (TOETSINGSKADER, "fulfilled", "kst-32824-49"),
    ]  # fmt: skip
    # newly overdue: the deadlines that ended between the two runs' days, the delivered one not
    now = {c["id"]: c for c in _listing(remote_settings, "2014-04-01")}
    expected = [i for i, c in now.items() if c["status"] == "overdue" and c["due_end"] == "2014-03-31"]
    assert _ids(second["overdue"]) == sorted(expected) and len(expected) == 9
    assert not set(_ids(second["overdue"])) & set(_ids(first["overdue"]))

    before = len(site.paths())
    third = _watch(remote_settings, "--as-of", "2014-04-01")  # nothing happened since
    assert [third[f] for f in REPORT_FIELDS] == [
        "32824", "2014-04-01", "2014-04-01", 3, 0, [], [],
    ]  # fmt: skip
    assert (third["new"], third["delivered"], third["overdue"]) == ([], [], [])
    assert site.paths()[before:] == ["/sru#1", "/sru#3"]  # only the listing, revalidated by ETag


def test_the_report_in_dutch(site: OfficialSite, remote_settings: Settings) -> None:
    result = CliRunner().invoke(
        app, ["watch", "--dossier", "32824", "--as-of", "2014-04-01"], env=_env(remote_settings)
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:3] == [
        "dossier 32824, per 1 april 2014 (eerste controle)",
        "nieuwe documenten: kst-32824-47, kst-32824-48, kst-32824-49",
        "nieuwe toezeggingen: 48",
    ]
    assert "nieuw geleverd: 1" in lines and "nieuw verlopen: 15" in lines
    delivered = lines[lines.index("nieuw geleverd: 1") + 1]
    assert "voldaan" in delivered and "2014-03-31" in delivered and TOETSINGSKADER in delivered
    again = CliRunner().invoke(
        app, ["watch", "--dossier", "32824", "--as-of", "2014-06-01"], env=_env(remote_settings)
    )
    assert again.stdout.splitlines()[:4] == [
        "dossier 32824, per 1 juni 2014 (vorige controle 1 april 2014)",
        "nieuwe documenten: geen",
        "nieuwe toezeggingen: geen",
        "nieuw geleverd: geen",
    ]
    missing = CliRunner().invoke(app, ["watch"], env=_env(remote_settings))
    assert missing.exit_code == 2 and "--dossier" in missing.output


def _process(settings: Settings, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, **_env(settings), "BELEIDSMONITOR_FETCH_TIMEOUT_S": "60"}
    return subprocess.Popen(
        [str(Path(sys.executable).with_name("beleidsmonitor")), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _wait_for(site: OfficialSite, key: str) -> None:
    deadline = time.monotonic() + 120
    while key not in site.paths():
        assert time.monotonic() < deadline, site.paths()
        time.sleep(0.05)


def test_the_loop_keeps_watching_until_ctrl_c(site: OfficialSite, remote_settings: Settings) -> None:
    process = _process(
        remote_settings, "watch", "--dossier", "32824", "--interval", "1", "--format", "json",
        "--as-of", "2014-04-01",
    )  # fmt: skip
    try:
        assert process.stdout is not None
        first = json.loads(process.stdout.readline())["dossiers"][0]
        second = json.loads(process.stdout.readline())["dossiers"][0]
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert (first["fetched"], len(first["documents"]), len(first["new"])) == (3, 3, 48)
    assert (second["fetched"], second["documents"], second["previous_as_of"]) == (0, [], "2014-04-01")
    assert process.returncode == 0
    assert "gestopt" in err and "Traceback" not in err
    # the register is whole and a later run goes on from the last completed round
    assert {len(json.loads(line)["dossiers"][0]["documents"]) for line in out.splitlines()} <= {0}
    after = _watch(remote_settings, "--as-of", "2014-04-01")
    assert (after["listed"], after["fetched"], after["documents"], after["new"]) == (3, 0, [], [])


def test_a_run_killed_in_the_middle_resumes(site: OfficialSite, remote_settings: Settings) -> None:
    site.fail("/ob/kst-32824-48/metadata.xml", "hang")  # the process is killed while it waits for 48
    process = _process(remote_settings, "watch", "--dossier", "32824", "--as-of", "2014-04-01")
    try:
        _wait_for(site, "/ob/kst-32824-48/metadata.xml")
        process.kill()
        process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        site.release.set()
    assert process.returncode == -signal.SIGKILL
    documents = CliRunner().invoke(app, ["documents", "--format", "json"], env=_env(remote_settings))
    assert [d["id"] for d in json.loads(documents.stdout)] == ["kst-32824-47"]  # stored whole, the rest not
    before = len(site.paths())
    resumed = _watch(remote_settings, "--as-of", "2014-04-01")
    # the killed run recorded nothing: this run reports all that was stored since, 47 included
    assert [resumed[f] for f in REPORT_FIELDS] == [
        "32824", "2014-04-01", None, 3, 2, [], ["kst-32824-47", "kst-32824-48", "kst-32824-49"],
    ]  # fmt: skip
    assert len(resumed["new"]) == 48
    fetched = [p for p in site.paths()[before:] if p.startswith("/ob/")]
    assert not [p for p in fetched if "kst-32824-47" in p]  # not fetched again
    assert fetched[0] == "/ob/kst-32824-48/metadata.xml"


def test_a_listing_that_fails_is_reported_and_the_run_still_recorded(
    site: OfficialSite, remote_settings: Settings
) -> None:
    site.fail("/sru#1", "503", "503", "503")  # past the two retries
    result = CliRunner().invoke(
        app,
        ["watch", "--dossier", "32824", "--format", "json", "--as-of", "2014-04-01"],
        env=_env(remote_settings),
    )
    assert result.exit_code == 1
    assert "N002 the service answered HTTP 503" in result.stderr
    report = json.loads(result.stdout)["dossiers"][0]
    assert (report["listed"], report["fetched"], report["documents"], report["new"]) == (0, 0, [], [])
    assert len(report["problems"]) == 1 and report["problems"][0].startswith("N002")
    # the next run lists again and reports what it then fetches
    again = _watch(remote_settings, "--as-of", "2014-04-01")
    assert (again["listed"], again["fetched"], again["previous_as_of"]) == (3, 3, "2014-04-01")
    assert len(again["documents"]) == 3 and len(again["new"]) == 48


def test_a_document_past_its_analysis_budget_is_a_problem_of_the_round(
    slow_letter: str, remote_settings: Settings
) -> None:
    env = {**_env(remote_settings), "BELEIDSMONITOR_ANALYSIS_SECONDS": "1"}
    args = ["watch", "--dossier", "32824", "--format", "json", "--as-of", "2014-04-01"]
    result = CliRunner().invoke(app, args, env=env)
    assert result.exit_code == 1
    report = json.loads(result.stdout)["dossiers"][0]
    assert report["problems"] == [
        "kst-32824-48: D020 the analysis went past its budget: analysis took longer than 1 s "
        "(setting analysis_seconds); raise the setting or split the file"
    ]
    assert (report["listed"], report["fetched"]) == (3, 2)
