"""Invalid and extreme input on every route: a 4xx with a Dutch message, never a 500."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from beleidsmonitor.settings import Settings

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
