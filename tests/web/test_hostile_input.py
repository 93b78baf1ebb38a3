"""Invalid and extreme input on every route: a 4xx with a Dutch message, never a 500."""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from beleidsmonitor.register.store import open_register
from beleidsmonitor.settings import Settings, load_settings
from beleidsmonitor.web.app import create_app

from .conftest import ingest_examples

#: what a hostile tester types into every parameter
HOSTILE = (
    "9999-12-31",
    "0001-01-01",
    "2014-02-30",
    "-1",
    "0",
    "9223372036854775808",
    "-9223372036854775809",
    "1" * 40,
    "%",
    "_",
    "%%%_%",
    "' OR 1=1 --",
    '"*',
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "\u202e\u0000\ufffd",
    "NaN",
    "x" * 60_000,
)
#: a valid value per path parameter, so that each query parameter is tried on a route that exists
VALID_PATH = {"dossier": "32824", "commitment_id": "1", "document_id": "kst-32824-47"}


def _sweep(client: TestClient) -> Iterator[tuple[str, dict[str, str], int]]:
    """Every operation the app describes in its OpenAPI schema, each parameter with each hostile value."""
    schema = client.get("/openapi.json").json()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            params = operation.get("parameters", [])
            path_names = [p["name"] for p in params if p["in"] == "path"]
            query_names = [p["name"] for p in params if p["in"] == "query"]
            base = {name: VALID_PATH.get(name, "1") for name in path_names}
            for name in path_names:
                for value in HOSTILE:
                    url = path.format(**{**base, name: quote(value, safe="")})
                    yield url[:80], {}, client.request(method, url).status_code
            url = path.format(**base)
            for name in query_names:
                for value in HOSTILE:
                    yield (
                        url,
                        {name: value[:40]},
                        client.request(method, url, params={name: value}).status_code,
                    )


def test_no_input_gives_a_server_error(client: TestClient) -> None:
    results = list(_sweep(client))
    assert len(results) > 500  # every route, every parameter, every value
    failures = [(url, params, status) for url, params, status in results if status >= 500]
    assert failures == []


@pytest.mark.parametrize(
    ("url", "params", "status", "message"),
    [
        (
            "/commitments",
            {"as_of": "9999-12-31"},
            400,
            "as_of: 9999-12-31 ligt buiten 1800-01-01 tot en met 2200-12-31",
        ),
        ("/dossiers/32824", {"as_of": "9999-12-31"}, 400, "ligt buiten 1800-01-01"),
        ("/api/commitments", {"as_of": "9999-12-31"}, 422, "as_of: 9999-12-31 ligt buiten 1800-01-01"),
        ("/api/commitments", {"as_of": "19-12-2013"}, 422, "as_of: is geen datum in de vorm JJJJ-MM-DD"),
        ("/api/commitments", {"ministry": "x" * 60_000}, 422, "ministry: is te lang (hoogstens 200 tekens)"),
        ("/commitments", {"ministry": "x" * 60_000}, 400, "ministry: te lang (hoogstens 200 tekens)"),
        (
            "/api/commitments",
            {"status": "dicht"},
            422,
            "status: kies uit 'open', 'due', 'overdue', 'partly_fulfilled', 'fulfilled', 'postponed' of 'lapsed'",
        ),
        ("/api/commitments/9223372036854775808", {}, 404, "no commitment 9223372036854775808"),
        (
            "/commitments/9223372036854775808",
            {},
            404,
            "toezegging 9223372036854775808 staat niet in het register",
        ),
    ],
)
def test_invalid_input_is_refused_in_dutch(
    client: TestClient, url: str, params: dict[str, str], status: int, message: str
) -> None:
    response = client.get(url, params=params)
    assert response.status_code == status
    body = response.json()["detail"] if url.startswith("/api") else response.text
    assert message in body


def test_percent_is_a_ministry_not_a_wildcard(client: TestClient) -> None:
    everything = client.get("/api/commitments").json()
    assert len(everything) > 10
    assert client.get("/api/commitments", params={"ministry": "%"}).json() == []
    assert client.get("/api/commitments", params={"ministry": "___"}).json() == []
    ministry = client.get("/api/documents").json()[0]["ministry"]
    assert ministry
    same = client.get("/api/commitments", params={"ministry": ministry.lower()}).json()
    assert same and len(same) < len(everything) + 1


def test_headers_keep_pages_out_of_caches_and_switch_features_off(client: TestClient) -> None:
    for url in ("/", "/commitments", "/api/commitments", "/commitments/1"):
        response = client.get(url)
        assert response.headers["cache-control"] == "no-store"
        assert "camera=()" in response.headers["permissions-policy"]
        assert "geolocation=()" in response.headers["permissions-policy"]


def test_served_dashboard_names_no_server(web_settings: Settings, tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    db = web_settings.database_url.removeprefix("sqlite:///")
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "beleidsmonitor"), "serve", "--db", db, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/dossiers", timeout=5) as response:
                    headers = response.headers
                    break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    pytest.fail("the dashboard did not start")
                time.sleep(0.2)
        assert headers.get("server") is None
        assert headers["cache-control"] == "no-store"
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=10)


#: a valid value per form field of the write routes, so that each field is tried on a form that passes
VALID_FORM = {
    "document_id": "kst-32824-47",
    "choice": "accepted",
    "verdict": "fulfilled",
    "field": "note",
    "value": "nagekeken",
    "who": "An de Vries",
    "note": "",
    "on": "2014-06-01",
    "as_of": "",
    "next": "/",
    "token": "",
}


def _form_fields(schema: dict[str, Any], operation: dict[str, Any]) -> list[str]:
    """The form fields of an operation's request body, as the OpenAPI schema names them."""
    body = operation.get("requestBody", {}).get("content", {}).get("application/x-www-form-urlencoded")
    if body is None:
        return []
    reference = body["schema"]["$ref"].rsplit("/", 1)[-1]
    return list(schema["components"]["schemas"][reference]["properties"])


def test_write_routes_give_no_server_error_on_any_form_value(tmp_path: Path) -> None:
    """Logged in, with a valid CSRF token: each field of each write form with each hostile value."""
    settings = load_settings(
        env={}, database_url=f"sqlite:///{tmp_path / 'register.sqlite'}", write_token="geheim-token-1234"
    )
    with open_register(settings) as register:
        ingest_examples(register, tmp_path)
    with TestClient(create_app(settings)) as client:
        assert (
            client.post("/login", data={"token": "geheim-token-1234"}, follow_redirects=False).status_code
            == 303
        )
        page = client.get("/commitments/1")
        csrf = re.search(r'name="csrf" value="([0-9a-f]{64})"', page.text)
        assert csrf is not None
        schema = client.get("/openapi.json").json()
        results: list[tuple[str, str, str, int]] = []
        for path, operations in schema["paths"].items():
            for method, operation in operations.items():
                fields = [f for f in _form_fields(schema, operation) if f != "csrf"]
                if method != "post" or not fields or path in ("/login", "/logout"):
                    continue
                url = path.format(commitment_id=1)
                base = {name: VALID_FORM.get(name, "x") for name in fields} | {"csrf": csrf[1]}
                for name in fields:
                    for value in HOSTILE:
                        status = client.post(
                            url, data={**base, name: value}, follow_redirects=False
                        ).status_code
                        results.append((url, name, value[:40], status))
    routes = {url for url, *_ in results}
    assert routes == {"/commitments/1/review", "/commitments/1/verdict", "/commitments/1/correct"}
    assert len(results) > 250
    assert [r for r in results if r[3] >= 500] == []
    # the hostile values were judged, not all turned away at the door: valid forms wrote, others 4xx
    assert any(r[3] == 303 for r in results)
    assert any(400 <= r[3] < 500 for r in results)
    assert all(r[3] != 403 for r in results)  # logged in and the CSRF token valid throughout
