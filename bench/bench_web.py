"""Latency of every dashboard page and API list on a real SQLite register holding the example letter.

Builds a register in a temporary folder, ingests the example (dated 19 December 2013), wraps the
real app in a TestClient and requests each page N times (after one warm-up request), printing the
median and the 95th percentile in milliseconds against the 200 ms target. Prints figures only.

    .venv/bin/python bench/bench_web.py [-n 50]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from beleidsmonitor.pipeline import analyse_file
from beleidsmonitor.register.store import open_register
from beleidsmonitor.settings import load_settings
from beleidsmonitor.web.app import create_app

EXAMPLE = Path(__file__).resolve().parents[1] / "src" / "beleidsmonitor" / "examples" / "kst-32824-47.txt"
TARGET_MS = 200.0


def pages(first_commitment: int) -> list[str]:
    """The paths measured."""
    return [
        "/",
        "/dossiers/32824?as_of=2014-06-01",
        "/commitments?as_of=2014-06-01",
        f"/commitments/{first_commitment}?as_of=2014-06-01",
        "/documents",
        "/documents/kst-32824-47",
        "/search?q=arbeidsmarktmodule",
        "/search?q=&status=overdue&as_of=2014-06-01",
        "/api/dossiers",
        "/api/dossiers/32824?as_of=2014-06-01",
        "/api/commitments",
        f"/api/commitments/{first_commitment}",
        "/api/documents/kst-32824-47",
        "/api/measures",
        "/api/search?q=taal",
        "/openapi.json",
    ]


def main() -> None:
    """Build the register, then time each page."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=50, help="requests per page (default 50)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        settings = load_settings(env={}, database_url=f"sqlite:///{Path(folder) / 'register.sqlite'}")
        started = time.perf_counter()
        with open_register(settings) as register:
            register.ingest(analyse_file(EXAMPLE, date=dt.date(2013, 12, 19)))
            first = register.list_commitments()[0].id
        print(f"register built in {time.perf_counter() - started:.2f} s")
        with TestClient(create_app(settings)) as client:
            print(f"{'page':<48} {'median ms':>10} {'p95 ms':>8} {'KiB':>6}  target {TARGET_MS:.0f} ms")
            for path in pages(first):
                response = client.get(path)  # warm-up (builds the search index once)
                assert response.status_code == 200, (path, response.status_code)
                times = []
                for _ in range(args.n):
                    t0 = time.perf_counter()
                    client.get(path)
                    times.append((time.perf_counter() - t0) * 1000)
                times.sort()
                median = statistics.median(times)
                p95 = times[max(0, round(0.95 * len(times)) - 1)]
                flag = "ok" if p95 < TARGET_MS else "SLOW"
                size = len(response.content) / 1024
                print(f"{path:<48} {median:>10.1f} {p95:>8.1f} {size:>6.0f}  {flag}")


if __name__ == "__main__":
    main()
