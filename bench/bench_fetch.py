"""Time fetching a dossier from a local stand-in of the official services, and the no-op run after it.

Usage: python bench/bench_fetch.py [N] [--delay-ms MS]   (default: 40 letters, no delay)

Builds dossier 99999 from the first N letters of ../shared/corpus/pool/docs (each served as
officielebekendmakingen HTML with its metadata.xml, listed by SRU pages of 100 records), serves it
from a real HTTP server on 127.0.0.1 with ETags, and runs the ``beleidsmonitor`` command as a user
would, each run a new process on a fresh register and cache folder:

1. ``fetch --dossier 99999``: list, fetch, analyse, store and track every letter;
2. ``fetch --dossier 99999`` again: nothing new (the listing is revalidated by ETag: 304);
3. ``watch --dossier 99999`` twice: the first reports everything, the second (no-op) nothing.

Prints wall time per run, the requests the server received per run (and how many were answered
304), letters per second and milliseconds per letter of the first run. ``--delay-ms`` sets
``fetch_delay_ms`` (the polite default is 1000 ms against the real services; the pause is the
floor of a real run: N letters take at least 2·N·delay, metadata and body).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import html
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

ROOT = Path(__file__).resolve().parents[1]
POOL = ROOT.parent / "shared" / "corpus" / "pool" / "docs"
DOSSIER = "99999"
PAGE = 100
FIRST_DAY = dt.date(2015, 1, 5)


def _page_html(identifier: str, nr: int, day: dt.date, text: str) -> bytes:
    paragraphs = "\n".join(
        f'<p class="al">{html.escape(" ".join(block.split()))}</p>'
        for block in text.split("\n\n")
        if block.strip()
    )
    return (
        f'<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Kamerstuk {DOSSIER}, nr. {nr}</title>'
        f'<meta name="DC.identifier" content="{identifier}"><meta name="DCTERMS.issued" content="{day}">'
        f'</head><body><main><article><div id="broodtekst" class="stuk">\n{paragraphs}\n</div></article></main>'
        f"</body></html>"
    ).encode()


def _metadata(identifier: str, nr: int, day: dt.date) -> bytes:
    fields = {
        "DC.identifier": identifier,
        "DC.title": f"Benchdossier; Brief regering; Brief {nr}",
        "DCTERMS.issued": day.isoformat(),
        "OVERHEIDop.dossiernummer": DOSSIER,
        "OVERHEIDop.ondernummer": str(nr),
        "OVERHEIDop.vergaderjaar": f"{day.year}-{day.year + 1}",
        "OVERHEIDop.dossiertitel": "Benchdossier",
        "OVERHEIDop.documenttitel": f"Brief {nr}",
    }
    rows = "".join(f'<metadata name="{k}" content="{html.escape(v)}"/>' for k, v in fields.items())
    return f'<?xml version="1.0" encoding="utf-8"?><metadata_gegevens>{rows}</metadata_gegevens>'.encode()


def _sru_page(records: list[tuple[str, int, dt.date]], start: int, total: int) -> bytes:
    items = "".join(
        "<sru:record><sru:recordData><gzd:gzd><gzd:originalData><overheidwetgeving:meta>"
        f"<dcterms:identifier>{identifier}</dcterms:identifier><dcterms:issued>{day}</dcterms:issued>"
        f"<overheidwetgeving:dossiernummer>{DOSSIER}</overheidwetgeving:dossiernummer>"
        f"<overheidwetgeving:ondernummer>{nr}</overheidwetgeving:ondernummer>"
        "</overheidwetgeving:meta></gzd:originalData></gzd:gzd></sru:recordData></sru:record>"
        for identifier, nr, day in records
    )
    following = start + len(records)
    next_position = (
        f"<sru:nextRecordPosition>{following}</sru:nextRecordPosition>" if following <= total else ""
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><sru:searchRetrieveResponse '
        'xmlns:sru="http://docs.oasis-open.org/ns/search-ws/sruResponse" '
        'xmlns:gzd="http://standaarden.overheid.nl/sru" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:overheidwetgeving="http://standaarden.overheid.nl/wetgeving/">'
        f"<sru:version>2.0</sru:version><sru:numberOfRecords>{total}</sru:numberOfRecords>"
        f"<sru:records>{items}</sru:records>{next_position}</sru:searchRetrieveResponse>"
    ).encode()


def build_site(count: int) -> dict[str, bytes]:
    """The files of the stand-in services: key "/ob/<id>.html", "/ob/<id>/metadata.xml", "/sru#<start>"."""
    letters = sorted(POOL.glob("*.txt"))[:count]
    files: dict[str, bytes] = {}
    records = []
    for nr, path in enumerate(letters, start=1):
        identifier = f"kst-{DOSSIER}-{nr}"
        day = FIRST_DAY + dt.timedelta(days=7 * nr)
        files[f"/ob/{identifier}.html"] = _page_html(identifier, nr, day, path.read_text(encoding="utf-8"))
        files[f"/ob/{identifier}/metadata.xml"] = _metadata(identifier, nr, day)
        records.append((identifier, nr, day))
    for start in range(1, len(records) + 1, PAGE):
        files[f"/sru#{start}"] = _sru_page(records[start - 1 : start - 1 + PAGE], start, len(records))
    return files


def serve(files: dict[str, bytes], log: list[tuple[str, int]]) -> ThreadingHTTPServer:
    """A server on 127.0.0.1 answering from ``files`` with ETags (304 when asked with the current one)."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            return

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            key = parts.path
            if key == "/sru":
                key = f"/sru#{parse_qs(parts.query).get('startRecord', ['1'])[0]}"
            body = files.get(key)
            if body is None:
                status, body, etag = 404, b"not found", ""
            else:
                etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                status = 304 if self.headers.get("If-None-Match") == etag else 200
            log.append((key, status))
            self.send_response(status)
            if etag:
                self.send_header("ETag", etag)
            self.send_header("Content-Length", "0" if status == 304 else str(len(body)))
            self.end_headers()
            if status != 304:
                self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def run(env: dict[str, str], log: list[tuple[str, int]], *args: str) -> tuple[float, Counter[int], str]:
    """One ``beleidsmonitor`` process: its wall time, the requests it made by answer status, its last line."""
    before = len(log)
    start = time.perf_counter()
    done = subprocess.run(
        [str(Path(sys.executable).with_name("beleidsmonitor")), *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"beleidsmonitor {' '.join(args)} failed ({done.returncode}): {done.stderr}")
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    return elapsed, Counter(status for _, status in log[before:]), lines[0] if lines else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=40, help="letters in the dossier")
    parser.add_argument("--delay-ms", type=int, default=0, help="fetch_delay_ms (the real default is 1000)")
    options = parser.parse_args()
    files = build_site(options.count)
    letters = sum(1 for key in files if key.endswith(".html"))
    log: list[tuple[str, int]] = []
    server = serve(files, log)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with tempfile.TemporaryDirectory(prefix="bench-fetch-") as tmp:
            env = {
                **os.environ,
                "BELEIDSMONITOR_DATABASE_URL": f"sqlite:///{Path(tmp) / 'register.sqlite'}",
                "BELEIDSMONITOR_OFFICIELEBEKENDMAKINGEN_URL": f"{base}/ob",
                "BELEIDSMONITOR_SRU_URL": f"{base}/sru",
                "BELEIDSMONITOR_FETCH_CACHE_DIR": str(Path(tmp) / "cache"),
                "BELEIDSMONITOR_FETCH_DELAY_MS": str(options.delay_ms),
            }
            print(f"dossier {DOSSIER}: {letters} letters from {POOL}, fetch_delay_ms={options.delay_ms}")
            steps = [
                ("fetch (first)", ["fetch", "--dossier", DOSSIER, "--body", "html"]),
                ("fetch (no-op)", ["fetch", "--dossier", DOSSIER, "--body", "html"]),
                ("watch (first)", ["watch", "--dossier", DOSSIER, "--body", "html", "--as-of", "2016-01-01"]),
                ("watch (no-op)", ["watch", "--dossier", DOSSIER, "--body", "html", "--as-of", "2016-01-01"]),
            ]
            for name, args in steps:
                elapsed, statuses, line = run(env, log, *args)
                requests = sum(statuses.values())
                print(
                    f"{name:<14} {elapsed:7.2f} s  requests {requests:4d} (304: {statuses.get(304, 0)})  | {line}"
                )
                if name == "fetch (first)":
                    print(
                        f"{'':<14} {letters / elapsed:7.2f} letters/s, {elapsed / letters * 1000:.0f} ms per letter "
                        "(process start, list, fetch, analyse, store, track)"
                    )
    finally:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    main()
