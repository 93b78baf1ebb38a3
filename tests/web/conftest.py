"""Fixtures of the web tests: a real SQLite register file with the example letter (dated 19 December
2013, as the gold file assumes) and a hostile letter ingested through the real pipeline, the real app
in a TestClient, the app served by uvicorn on a free port, and headless Chromium via Playwright.

Chromium is Debian's ``/usr/bin/chromium``; nothing is downloaded. Without it the browser fixture
fails when the environment variable CI is set and skips otherwise.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
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
from beleidsmonitor.web.app import create_app

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "src" / "beleidsmonitor" / "examples" / "kst-32824-47.txt"
EXAMPLE_DATE = dt.date(2013, 12, 19)
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

#: a letter whose text holds markup that must stay text on every page
HOSTILE_ID = "kst-99999-1"
HOSTILE_TEXT = """Tweede Kamer der Staten-Generaal
Vergaderjaar 2013–2014
99 999 Testdossier
Nr. 1 BRIEF VAN DE MINISTER VAN SOCIALE ZAKEN EN WERKGELEGENHEID
Aan de Voorzitter van de Tweede Kamer der Staten-Generaal
Den Haag, 3 maart 2014

Opmaak
Deze brief bevat <script>alert(1)</script> en <b>vet</b> als tekst.
U ontvangt voor de zomer van 2014 een rapport over <script>alert(2)</script> de aanpak.
Zie ook Kamerstuk 32 824, nr. 47 en Kamerstuk 30 950, nr. 62.

De Minister van Sociale Zaken en Werkgelegenheid,
L.F. Asscher
"""


def ingest_examples(register: Register, folder: Path) -> None:
    """Analyse and ingest the example letter and the hostile letter with the real pipeline."""
    from beleidsmonitor.pipeline import analyse_file

    register.ingest(analyse_file(EXAMPLE, date=EXAMPLE_DATE))
    hostile = folder / "hostile.txt"
    hostile.write_text(HOSTILE_TEXT, encoding="utf-8")
    register.ingest(analyse_file(hostile, identifier=HOSTILE_ID))


@pytest.fixture(scope="session")
def web_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings on a SQLite file holding the example and the hostile letter (built once)."""
    folder = tmp_path_factory.mktemp("web")
    settings = load_settings(env={}, database_url=f"sqlite:///{folder / 'register.sqlite'}")
    with open_register(settings) as register:
        ingest_examples(register, folder)
    return settings


@pytest.fixture(scope="session")
def web_register(web_settings: Settings) -> Iterator[Register]:
    """The register of :func:`web_settings`, open for the session."""
    register = open_register(web_settings)
    yield register
    register.close()


@pytest.fixture(scope="session")
def client(web_settings: Settings) -> Iterator[TestClient]:
    """The real app (opened from the settings) in a TestClient."""
    with TestClient(create_app(web_settings)) as test_client:
        yield test_client


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class LiveServer:
    """The app served by uvicorn in a background thread."""

    url: str


@pytest.fixture(scope="session")
def live_server(web_settings: Settings) -> Iterator[LiveServer]:
    """The app on http://127.0.0.1:<free port>, stopped at the end of the session."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(web_settings), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield LiveServer(f"http://127.0.0.1:{port}")
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Headless Debian Chromium driven by Playwright (no browser download)."""
    if not CHROMIUM.exists() and not shutil.which("chromium"):
        if os.environ.get("CI"):
            pytest.fail("chromium not found; apt-get install chromium")
        pytest.skip("chromium not found (apt-get install chromium); set CI=1 to fail instead")
    sync_api = pytest.importorskip("playwright.sync_api")
    executable = str(CHROMIUM) if CHROMIUM.exists() else str(shutil.which("chromium"))
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh browser page; its console errors are collected in ``page.errors``."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    browser_page = context.new_page()
    errors: list[str] = []
    browser_page.on("pageerror", lambda exc: errors.append(str(exc)))
    browser_page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    browser_page.errors = errors
    yield browser_page
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """The folder screenshots are saved in (gitignored)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
