"""A real HTTP server on 127.0.0.1 standing in for officielebekendmakingen, KOOP SRU and the Tweede Kamer.

It serves the files of tests/documents/remote (and the kst-32824-47 bodies of tests/documents) in
the services' own formats, answers conditional requests with 304 by ETag, logs every request, and
injects the faults a real service has, one per request, from a queue per resource: 429 or 503 with
Retry-After, a 404, an answer that never comes (timeout), a body cut off before its length, and an
answer held back until the test releases it (hang: to stop a client process in the middle of a run).
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from beleidsmonitor.settings import Settings, load_settings

DOCS = Path(__file__).resolve().parents[1] / "documents"
REMOTE = DOCS / "remote"
_TYPES = {
    ".xml": "application/xml",
    ".html": "text/html; charset=utf-8",
    ".pdf": "application/pdf",
    ".json": "application/json",
}
#: the query parameter that tells the pages of a resource apart
_PAGING = ("startRecord", "$skip")


@dataclass
class OfficialSite:
    """What the server serves, the faults it will inject, and the requests it received."""

    base: str = ""
    files: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    faults: dict[str, list[str]] = field(default_factory=dict)
    requests: list[tuple[str, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    #: set by a test to let held-back answers (fault "hang") go
    release: threading.Event = field(default_factory=threading.Event)

    def add(self, key: str, path: Path) -> None:
        """Serve the file at ``key`` ("/ob/kst-32824-47.xml", "/sru#1" for the page starting at 1)."""
        body = path.read_bytes().replace(b"{base}", self.base.encode())
        self.files[key] = (body, _TYPES[path.suffix])

    def fail(self, key: str, *faults: str) -> None:
        """Answer the next requests of ``key`` with these faults, one each: 429, 503, 404, timeout,
        truncate, hang (no answer until :attr:`release` is set, then the connection is closed)."""
        self.faults.setdefault(key, []).extend(faults)

    def paths(self) -> list[str]:
        """The resource keys requested so far, in order."""
        return [key for key, _ in self.requests]

    def conditional(self) -> list[str]:
        """The keys that were asked with If-None-Match."""
        return [key for key, etag in self.requests if etag]


def resource_key(raw_path: str) -> str:
    parts = urlsplit(raw_path)
    query = parse_qs(parts.query)
    for name in _PAGING:
        if name in query:
            return f"{parts.path}#{query[name][0]}"
    return f"{parts.path}#1" if parts.path == "/sru" else parts.path


def _handler(site: OfficialSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # keep test output clean
            return

        def do_GET(self) -> None:
            key = resource_key(self.path)
            etag_asked = self.headers.get("If-None-Match", "")
            with site.lock:
                site.requests.append((key, etag_asked))
                queue = site.faults.get(key, [])
                fault = queue.pop(0) if queue else ""
                found = site.files.get(key)
            if fault in ("429", "503"):
                self._send(int(fault), b"busy", "text/plain", {"Retry-After": "0"})
                return
            if fault == "404" or found is None:
                self._send(404, b"not found", "text/plain")
                return
            if fault == "hang":
                site.release.wait(60)
                self.close_connection = True
                return
            if fault == "timeout":
                time.sleep(1.6)
                self.close_connection = True
                return
            body, content_type = found
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            if fault == "truncate":
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body[: len(body) // 2])
                self.wfile.flush()
                self.close_connection = True
                return
            if etag_asked == etag:
                self._send(304, b"", content_type, {"ETag": etag})
                return
            self._send(200, body, content_type, {"ETag": etag})

        def _send(
            self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None
        ) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            if body:
                self.wfile.write(body)

    return Handler


@pytest.fixture
def site() -> Iterator[OfficialSite]:
    """The stand-in services on a free port, loaded with dossier 32824 (documents 47, 48 and 49)."""
    state = OfficialSite()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    for extension in ("xml", "html", "pdf"):
        state.add(f"/ob/kst-32824-47.{extension}", DOCS / f"kst-32824-47.{extension}")
    for nr in (47, 48, 49):
        state.add(f"/ob/kst-32824-{nr}/metadata.xml", REMOTE / f"kst-32824-{nr}.metadata.xml")
    for nr in (48, 49):
        state.add(f"/ob/kst-32824-{nr}.html", REMOTE / f"kst-32824-{nr}.html")
    state.add("/sru#1", REMOTE / "sru-32824-1.xml")
    state.add("/sru#3", REMOTE / "sru-32824-2.xml")
    state.add("/tk/Document", REMOTE / "tk-document-32824.json")
    state.add("/tk/Toezegging", REMOTE / "tk-toezegging-1.json")
    state.add("/tk/Toezegging#2", REMOTE / "tk-toezegging-2.json")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    state.release.set()
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def remote_settings(site: OfficialSite, tmp_path: Path) -> Settings:
    """Settings pointing every service at the stand-in server, with a fresh cache and register."""
    return load_settings(
        env={},
        database_url=f"sqlite:///{tmp_path / 'register.sqlite'}",
        officielebekendmakingen_url=f"{site.base}/ob",
        sru_url=f"{site.base}/sru",
        tk_odata_url=f"{site.base}/tk",
        fetch_cache_dir=str(tmp_path / "cache"),
        fetch_delay_ms=0,
        fetch_backoff_ms=10,
        fetch_retries=2,
        fetch_timeout_s=1,
    )


@pytest.fixture
def slow_letter(site: OfficialSite, tmp_path: Path) -> str:
    """kst-32824-48 served as an HTML letter long enough to go past an analysis budget of 1 s."""
    big = tmp_path / "kst-32824-48.html"
    sentence = "<p>Het kabinet zal de Kamer voor de zomer van 2014 informeren over het beleid.</p>\n"
    big.write_text("<html><body>" + sentence * 6000 + "</body></html>", encoding="utf-8")
    site.add("/ob/kst-32824-48.html", big)
    return "kst-32824-48"
