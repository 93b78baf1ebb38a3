"""Latency of every dashboard page and API list over the real app: prints figures, asserts nothing.

Builds a register (SQLite in a temporary folder, or the file ``--db`` names, kept and reused), either
with the example letter (dated 19 December 2013) or with ``--letters N`` letters of the scale
benchmark's corpus (bench/make_corpus.py, cached under ``--corpus``, ingested through the same
``ingest_files`` the CLI uses). Then wraps the real app in a TestClient and requests each page N times
after one warm-up request, printing the median and the 95th percentile in milliseconds against the
200 ms target, and the load average before and after (the machine may be shared). On a loaded machine
wall time measures the queue for a core as well: the CPU column gives the 95th percentile of the CPU
time this process (client and server together) spent per request.

    .venv/bin/python bench/bench_web.py [-n 50]
    .venv/bin/python bench/bench_web.py --letters 3000 --db /tmp/bench-3000.sqlite [-n 20]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from beleidsmonitor.batch import ingest_files
from beleidsmonitor.pipeline import analyse_file
from beleidsmonitor.register.overview import list_dossiers
from beleidsmonitor.register.store import Register, open_register
from beleidsmonitor.settings import load_settings
from beleidsmonitor.vocab import Status
from beleidsmonitor.web.app import create_app

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_corpus import build

EXAMPLE = Path(__file__).resolve().parents[1] / "src" / "beleidsmonitor" / "examples" / "kst-32824-47.txt"
TARGET_MS = 200.0


def pages(register: Register, as_of: dt.date) -> list[str]:
    """The paths measured: every HTML page of the dashboard (with the largest and the smallest
    dossier, filters and a second page of a list), then the API lists and one of each item."""
    day = as_of.isoformat()
    dossiers = list_dossiers(register, as_of)
    largest = max(dossiers, key=lambda d: (d.documents, d.dossier))
    smallest = min(dossiers, key=lambda d: (d.documents, d.dossier))
    overdue = register.page_commitments(as_of=as_of, status=Status.OVERDUE, limit=1).items
    some = (overdue or register.page_commitments(as_of=as_of, limit=1).items)[0]
    document = some.first_document_id
    ministry = some.ministry or "SZW"
    return [
        "/",
        f"/?as_of={day}",
        f"/dossiers/{largest.dossier}?as_of={day}",
        f"/dossiers/{smallest.dossier}?as_of={day}",
        f"/commitments?as_of={day}",
        f"/commitments?as_of={day}&page=2",
        f"/commitments?as_of={day}&status=overdue",
        f"/commitments?as_of={day}&ministry={ministry}",
        f"/commitments/{some.id}?as_of={day}",
        "/documents",
        f"/documents/{document}",
        f"/search?q=evaluatie&as_of={day}",
        f"/search?q=&status=overdue&as_of={day}",
        f"/grafieken?as_of={day}",
        f"/rappel?as_of={day}",
        f"/rappel?as_of={day}&ministry={ministry}",
        f"/feeds/toezeggingen.ics?as_of={day}",
        f"/feeds/toezeggingen.atom?as_of={day}",
        "/api/dossiers",
        f"/api/dossiers/{largest.dossier}?as_of={day}",
        f"/api/commitments?as_of={day}",
        f"/api/commitments?as_of={day}&status=overdue",
        f"/api/commitments/{some.id}",
        "/api/documents",
        f"/api/documents/{document}",
        "/api/measures",
        "/api/search?q=evaluatie",
        "/openapi.json",
    ]


def build_register(register: Register, letters: int, corpus: Path, jobs: int | None) -> None:
    """Ingest the example, or ``letters`` letters of the scale corpus, into an empty register."""
    if not letters:
        register.ingest(analyse_file(EXAMPLE, date=dt.date(2013, 12, 19)))
        return
    target = corpus / f"corpus-{letters}"
    files = sorted(target.glob("*.txt")) if target.is_dir() else []
    if len(files) != letters:
        files = build(letters, target)
    failed = sum(event.failed for event in ingest_files(register, files, jobs=jobs))
    print(f"ingested {letters} letters ({failed} failed)")


def main() -> None:
    """Build (or reuse) the register, then time each page."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=50, help="requests per page (default 50)")
    parser.add_argument(
        "--letters", type=int, default=0, help="letters of the scale corpus (default: the example)"
    )
    parser.add_argument("--corpus", type=Path, default=Path(tempfile.gettempdir()) / "beleidsmonitor-bench")
    parser.add_argument(
        "--db", type=Path, help="SQLite file to build once and reuse (default: a temporary one)"
    )
    parser.add_argument("--jobs", type=int, default=None, help="worker processes for the ingest")
    parser.add_argument(
        "--as-of", default="", help="peildatum (default: 2014-06-01, or 2016-01-01 with --letters)"
    )
    args = parser.parse_args()
    as_of = dt.date.fromisoformat(args.as_of or ("2016-01-01" if args.letters else "2014-06-01"))
    with tempfile.TemporaryDirectory() as folder:
        path = args.db or Path(folder) / "register.sqlite"
        fresh = not path.exists()
        settings = load_settings(env={}, database_url=f"sqlite:///{path.resolve()}")
        started = time.perf_counter()
        with open_register(settings) as register:
            if fresh:
                build_register(register, args.letters, args.corpus, args.jobs)
            counts = register.counts()
            print(
                f"register {'built' if fresh else 'reused'} in {time.perf_counter() - started:.1f} s: "
                f"{counts['documents']} documents, {counts['commitments']} commitments; peildatum {as_of}"
            )
            paths = pages(register, as_of)
        print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        with TestClient(create_app(settings)) as client:
            print(
                f"{'page':<58} {'median ms':>10} {'p95 ms':>8} {'CPU p95':>8} {'KiB':>6}  "
                f"target {TARGET_MS:.0f} ms"
            )
            for path in paths:
                response = client.get(path)  # warm-up (builds the search index once)
                assert response.status_code == 200, (path, response.status_code)
                times, cpu = [], []
                for _ in range(args.n):
                    t0, c0 = time.perf_counter(), time.process_time()
                    client.get(path)
                    times.append((time.perf_counter() - t0) * 1000)
                    cpu.append((time.process_time() - c0) * 1000)
                times.sort()
                cpu.sort()
                median = statistics.median(times)
                p95 = times[max(0, round(0.95 * len(times)) - 1)]
                cpu95 = cpu[max(0, round(0.95 * len(cpu)) - 1)]
                flag = "ok" if p95 < TARGET_MS else "SLOW"
                size = len(response.content) / 1024
                print(f"{path:<58} {median:>10.1f} {p95:>8.1f} {cpu95:>8.1f} {size:>6.0f}  {flag}")
        print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
