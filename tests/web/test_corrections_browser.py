"""Corrections from the dashboard, end to end in headless Chromium: log in with the write token, reject
a proposed fulfilment (it stays rejected after re-ingest and re-tracking), accept it (voldaan with its
evidence), and read both in the audit trail. The write routes refuse requests without login, CSRF
token or from another site, and a register without a write token is read-only."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from beleidsmonitor.register.store import Register, open_register
from beleidsmonitor.settings import Settings, load_settings
from beleidsmonitor.track.follow import follow_register
from beleidsmonitor.web.app import create_app

from .conftest import ROOT, free_port

LETTERS = sorted((ROOT / "tests" / "documents" / "tracking").glob("*.txt"))
TOKEN = "proef-schrijftoken-7"
PROMISE = "In het voorjaar van 2014 stuur ik uw Kamer de monitor inburgering over 2013."
AS_OF = "2014-07-01"


def _ingest(register: Register) -> None:
    from beleidsmonitor.pipeline import analyse_file

    for path in LETTERS:
        register.ingest(analyse_file(path))
    follow_register(register)


@dataclass(frozen=True)
class WritableServer:
    """The app with a write token, served by uvicorn, and its register."""

    url: str
    register: Register
    commitment_id: int


@pytest.fixture(scope="module")
def writable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WritableServer]:
    import uvicorn

    folder = tmp_path_factory.mktemp("writable")
    settings = load_settings(
        env={}, database_url=f"sqlite:///{folder / 'register.sqlite'}", write_token=TOKEN
    )
    register = open_register(settings)
    _ingest(register)
    [promise] = [r for r in register.list_commitments() if r.quote == PROMISE]
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings, register), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield WritableServer(f"http://127.0.0.1:{port}", register, promise.id)
    server.should_exit = True
    thread.join(timeout=10)
    register.close()


def _status(page: Any) -> str:
    return str(page.locator("h1 .badge").inner_text())


def _trail(page: Any) -> list[list[str]]:
    rows = page.locator("table.corrections tr.correction")
    return [
        [rows.nth(i).locator("td").nth(j).inner_text() for j in (1, 2, 4, 5)] for i in range(rows.count())
    ]


def test_reject_then_accept_a_fulfilment_in_the_browser(
    page: Any, writable: WritableServer, artifacts: Path
) -> None:
    url = f"{writable.url}/commitments/{writable.commitment_id}?as_of={AS_OF}"
    page.goto(url)
    assert _status(page) == "voldaan"
    row = page.locator("table.links tr.link[data-document='kst-32824-160']")
    assert row.locator("td.review").inner_text() == "voorgesteld"
    assert page.locator("form.review-form").count() == 0  # not logged in: nothing to press

    page.get_by_role("link", name="Inloggen om te corrigeren").click()
    page.wait_for_url(re.compile(r"/login"))
    page.fill("#token", "fout")
    page.get_by_role("button", name="Inloggen").click()
    assert "klopt niet" in page.locator("p.error").inner_text()
    page.fill("#token", TOKEN)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(rf"/commitments/{writable.commitment_id}\?as_of={AS_OF}$"))

    row = page.locator("table.links tr.link[data-document='kst-32824-160']")
    row.locator("input[name=who]").fill("An de Vries")
    row.get_by_role("button", name="Afwijzen").click()
    page.wait_for_load_state()
    assert _status(page) == "verlopen"
    row = page.locator("table.links tr.link[data-document='kst-32824-160']")
    assert row.locator("td.review").inner_text() == "afgewezen"

    # re-ingest the same letters and track again: the rejection stays
    _ingest(writable.register)
    page.reload()
    assert _status(page) == "verlopen"
    row = page.locator("table.links tr.link[data-document='kst-32824-160']")
    assert row.locator("td.review").inner_text() == "afgewezen"
    assert row.locator("input[name=who]").input_value() == "An de Vries"  # remembered

    row.locator("input[name=who]").fill("Bo Jansen")
    row.get_by_role("button", name="Bevestigen").click()
    page.wait_for_load_state()
    assert _status(page) == "voldaan"
    fulfilment = page.locator("dd.fulfilment")
    assert "De monitor inburgering over 2013 is op 2 juni aan uw Kamer verzonden." in fulfilment.inner_text()
    assert "bevestigd" in fulfilment.inner_text()
    assert "te laat (10 dagen)" in fulfilment.inner_text()
    assert _trail(page) == [
        ["An de Vries", "beoordeling", "voorgesteld", "afgewezen"],
        ["Bo Jansen", "beoordeling", "afgewezen", "bevestigd"],
    ]

    form = page.locator("#correct-form")
    form.locator("select[name=field]").select_option("owner")
    form.locator("input[name=value]").fill("directie Integratie")
    form.locator("input[name=who]").fill("Bo Jansen")
    form.get_by_role("button", name="Correctie vastleggen").click()
    page.wait_for_load_state()
    assert "Eigenaar: directie Integratie" in page.locator("p.owner").inner_text()
    assert _trail(page)[-1] == ["Bo Jansen", "eigenaar", "–", "directie Integratie"]
    page.screenshot(path=str(artifacts / "commitment-corrected.png"), full_page=True)
    # the one console error is the refused login (403) above
    assert [e for e in page.errors if "403" not in e] == []

    # a request that carries the cookie but no CSRF token, or comes from another site, is refused
    refused = page.request.post(
        f"{writable.url}/commitments/{writable.commitment_id}/review",
        form={"csrf": "x", "document_id": "kst-32824-160", "choice": "rejected", "who": "Mallory"},
    )
    assert refused.status == 403
    foreign = page.request.post(
        f"{writable.url}/commitments/{writable.commitment_id}/review",
        form={"csrf": "x", "document_id": "kst-32824-160", "choice": "rejected", "who": "Mallory"},
        headers={"Origin": "http://evil.example"},
    )
    assert foreign.status == 403
    page.reload()
    assert _status(page) == "voldaan"
    assert len(_trail(page)) == 3


def test_the_footer_says_whether_the_dashboard_writes(
    page: Any, writable: WritableServer, live_server: Any
) -> None:
    # a register without a write token: read-only
    page.goto(f"{live_server.url}/commitments")
    assert page.locator("footer .write-mode").inner_text() == "alleen-lezen"
    # with a write token: corrections after logging in, through the footer's link, and back
    page.goto(f"{writable.url}/commitments/{writable.commitment_id}")
    footer = page.locator("footer .write-mode")
    assert footer.inner_text() == "correcties na inloggen"
    assert "alleen-lezen" not in page.locator("footer").inner_text()
    footer.get_by_role("link", name="inloggen").click()
    page.wait_for_url(re.compile(r"/login"))
    page.fill("#token", TOKEN)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(rf"/commitments/{writable.commitment_id}$"))
    assert page.locator("footer .write-mode").inner_text() == "correcties aan (ingelogd)"
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_load_state()
    assert page.locator("footer .write-mode").inner_text() == "correcties na inloggen"


def test_a_register_without_write_token_is_read_only(web_settings: Settings) -> None:
    with TestClient(create_app(web_settings)) as client:
        assert client.get("/login").status_code == 403
        answer = client.post(
            "/commitments/1/review",
            data={"csrf": "", "document_id": "kst-1-1", "choice": "accepted", "who": "an"},
        )
        assert answer.status_code == 403
        assert "alleen-lezen" in answer.text
        page = client.get("/commitments/1")
        assert page.status_code == 200
        assert "Inloggen om te corrigeren" not in page.text
        assert 'action="/commitments/1/review"' not in page.text


def test_write_routes_check_login_and_csrf(writable: WritableServer) -> None:
    app = create_app(writable.register.settings, writable.register)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        cid = writable.commitment_id
        form = {"csrf": "", "field": "note", "value": "x", "who": "an"}
        assert client.post(f"/commitments/{cid}/correct", data=form).status_code == 403
        assert (
            client.post("/login", data={"token": TOKEN, "next": "https://evil.example/"}).status_code == 200
        )
        page = client.get(f"/commitments/{cid}")
        csrf = re.search(r'name="csrf" value="([0-9a-f]{64})"', page.text)
        assert csrf is not None
        bad = client.post(f"/commitments/{cid}/correct", data={**form, "csrf": "0" * 64})
        assert bad.status_code == 403
        refused = client.post(
            f"/commitments/{cid}/correct", data={**form, "csrf": csrf[1], "field": "due", "value": "morgen"}
        )
        assert refused.status_code == 400
        assert "morgen" in refused.text
        done = client.post(
            f"/commitments/{cid}/correct", data={**form, "csrf": csrf[1]}, follow_redirects=False
        )
        assert (done.status_code, done.headers["location"]) == (303, f"/commitments/{cid}")
        assert client.post("/commitments/99999/correct", data={**form, "csrf": csrf[1]}).status_code == 404
        detail = client.get(f"/api/commitments/{cid}").json()
        assert detail["corrections"][-1] | {"at": None} == {
            "at": None, "who": "an", "field": "note", "document_id": "", "old": detail["corrections"][-1]["old"],
            "new": "x", "note": "", "effective": None,
        }  # fmt: skip
        assert [(x["document_id"], x["relation"], x["evidence"]) for x in detail["links"]] == [
            ("kst-32824-160", "fulfils", "report")
        ]
