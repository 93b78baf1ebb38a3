"""Ingest at corpus scale and time the register's lists: prints figures, asserts nothing.

For each size (letters made by bench/make_corpus.py, cached under --corpus) and each way of
analysing (``--jobs`` worker processes, or a Dask LocalCluster of ``--dask`` workers) it ingests the
corpus into a fresh register (SQLite in a temp folder, or the PostgreSQL database of ``--pg-url``)
through the same ``ingest_files`` the CLI uses, and prints:

* letters/s over the whole ingest, and per tenth of the corpus the wall time and the writer's
  (this process's) CPU per letter — the writer's share is what would grow with the dossier;
* peak RSS of this process (writer + pages) and of the largest worker, and the database size;
* a resume: ingest of the first 200 stored letters again (nothing analysed);
* p50/p95 of the main pages and API lists over the real app (TestClient) and of
  ``commitments --status overdue`` as the CLI asks it.

    .venv/bin/python bench/bench_scale.py 1000 --jobs 1 2 --dask 1 2
    .venv/bin/python bench/bench_scale.py 10000 --jobs 2 --pg-url postgresql+psycopg://…
    .venv/bin/python bench/bench_scale.py 100000 --jobs 2 --every 1000   # a line per thousand as it goes
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from beleidsmonitor.batch import ingest_files
from beleidsmonitor.register.overview import list_dossiers
from beleidsmonitor.register.store import Register, open_register
from beleidsmonitor.settings import load_settings
from beleidsmonitor.vocab import Status
from beleidsmonitor.web.app import create_app

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_corpus import build

AS_OF = "2016-01-01"
TARGET_MS = 200.0


def corpus(size: int, folder: Path) -> list[Path]:
    """The corpus of ``size`` letters, built once per size."""
    target = folder / f"corpus-{size}"
    files = sorted(target.glob("*.txt")) if target.is_dir() else []
    if len(files) != size:
        files = build(size, target)
    return files


def rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident memory in MiB (Linux reports KiB)."""
    return resource.getrusage(who).ru_maxrss / 1024


def db_size_mb(register: Register) -> float:
    """The size of the register's database in MiB (SQLite file with its WAL, or pg_database_size)."""
    url = register.engine.url
    if url.get_backend_name() == "sqlite":
        path = Path(str(url.database))
        return sum(p.stat().st_size for p in path.parent.glob(path.name + "*")) / 2**20
    with register.engine.connect() as connection:
        from sqlalchemy import text

        return (
            float(connection.execute(text("SELECT pg_database_size(current_database())")).scalar_one())
            / 2**20
        )


def children_cpu() -> float:
    """CPU seconds (user + system) of the child processes that ended and were waited for."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def ingest(register: Register, files: list[Path], jobs: int | None, scheduler: Any, every: int = 0) -> float:
    """Ingest ``files``, print throughput and per-tenth wall and writer CPU per letter (and, with
    ``every``, a line per ``every`` letters as they are stored); return the writer's CPU seconds."""
    step = max(1, len(files) // 10)
    started = last_wall = time.perf_counter()
    last_cpu = first_cpu = time.process_time()
    stored = failed = 0
    rows = []
    blocks: list[float] = []  # writer CPU ms/letter per ``every`` letters
    block_wall, block_cpu = started, first_cpu
    for event in ingest_files(register, files, jobs=jobs, scheduler=scheduler):
        stored += bool(event.result and event.result.added)
        failed += event.failed
        if every and event.done % every == 0:
            now, cpu = time.perf_counter(), time.process_time()
            blocks.append((cpu - block_cpu) / every * 1000)
            print(f"  {event.done}: {every / (now - block_wall):.1f} letters/s, writer CPU "
                  f"{blocks[-1]:.2f} ms/letter, peak RSS writer {rss_mb():.0f} MiB, "
                  f"{time.strftime('%H:%M:%S')}", flush=True)  # fmt: skip
            block_wall, block_cpu = now, cpu
        if event.done % step == 0 or event.done == len(files):
            now, cpu = time.perf_counter(), time.process_time()
            count = event.done - (rows[-1][0] if rows else 0)
            rows.append((event.done, (now - last_wall) / count * 1000, (cpu - last_cpu) / count * 1000))
            last_wall, last_cpu = now, cpu
    wall = time.perf_counter() - started
    writer = time.process_time() - first_cpu
    print(f"  ingest: {len(files)} letters in {wall:.1f} s = {len(files) / wall:.1f} letters/s "
          f"({stored} stored, {failed} failed)")  # fmt: skip
    print("  per tenth (letters up to): wall ms/letter, writer CPU ms/letter")
    print("   " + "  ".join(f"{n}: {w:.0f}/{c:.0f}" for n, w, c in rows))
    first, final = rows[0][2], rows[-1][2]
    print(f"  writer CPU last tenth / first tenth: {final / first:.2f} (target ≤ 1.2); "
          f"whole ingest {writer / len(files) * 1000:.1f} ms/letter")  # fmt: skip
    if len(blocks) >= 2:
        print(f"  writer CPU last {every} / first {every} letters: {blocks[-1] / blocks[0]:.2f}; "
              f"median {statistics.median(blocks):.2f} ms/letter")  # fmt: skip
    return writer


def timed(call: Callable[[], object], n: int) -> tuple[float, float]:
    """Median and 95th percentile of ``call`` in ms, after one warm-up call."""
    call()
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        call()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, round(0.95 * len(times)) - 1)]


def queries(register: Register, settings: Any, n: int) -> None:
    """p50/p95 of the pages and API lists, and of the CLI's overdue listing."""
    import datetime as dt

    day = dt.date.fromisoformat(AS_OF)
    big = list_dossiers(register, day)
    largest = max(big, key=lambda d: d.documents)
    smallest = min(big, key=lambda d: d.documents)
    some = register.list_commitments(as_of=day)[0].id
    document = register.list_documents()[0].id
    paths = [
        "/", f"/?as_of={AS_OF}", "/api/dossiers", f"/api/commitments?as_of={AS_OF}",
        f"/api/commitments?as_of={AS_OF}&status=overdue", f"/commitments?as_of={AS_OF}&status=overdue",
        f"/commitments?as_of={AS_OF}", "/documents", "/api/documents", "/api/measures",
        f"/dossiers/{smallest.dossier}?as_of={AS_OF}", f"/api/dossiers/{smallest.dossier}?as_of={AS_OF}",
        f"/dossiers/{largest.dossier}?as_of={AS_OF}", f"/commitments/{some}", f"/api/commitments/{some}",
        f"/documents/{document}", "/search?q=evaluatie",
    ]  # fmt: skip
    print(f"  largest dossier {largest.dossier}: {largest.documents} letters, "
          f"{largest.counts.total} commitments")  # fmt: skip
    print(f"  {'page':<58} {'p50 ms':>8} {'p95 ms':>8}")
    with TestClient(create_app(settings, register)) as client:
        for path in paths:
            status = client.get(path).status_code
            p50, p95 = timed(lambda path=path: client.get(path), n)  # type: ignore[misc]
            flag = "ok" if p95 < TARGET_MS else "SLOW"
            print(f"  {path:<58} {p50:>8.1f} {p95:>8.1f}  {flag} (HTTP {status})")
    p50, p95 = timed(lambda: register.list_commitments(as_of=day, status=Status.OVERDUE), max(3, n // 5))
    overdue = len(register.list_commitments(as_of=day, status=Status.OVERDUE))
    print(f"  commitments --status overdue (in process, {overdue} rows): p50 {p50:.0f} ms, p95 {p95:.0f} ms")
    print(f"  peak RSS of this process (writer + app): {rss_mb():.0f} MiB")


def cli_overdue(url: str) -> None:
    """`beleidsmonitor commitments --status overdue` as a process, end to end."""
    started = time.perf_counter()
    done = subprocess.run(
        [str(Path(sys.executable).parent / "beleidsmonitor"), "commitments", "--status", "overdue", "--as-of", AS_OF,
         "--format", "json", "--db", url],
        capture_output=True, check=False,
    )  # fmt: skip
    print(
        f"  CLI commitments --status overdue: {time.perf_counter() - started:.2f} s (exit {done.returncode})"
    )


def run(size: int, mode: str, workers: int, args: argparse.Namespace) -> None:
    """One size, one way of analysing, one database."""
    files = corpus(size, args.corpus)
    print(
        f"\n== {size} letters, {mode} {workers}, {'PostgreSQL' if args.pg_url else 'SQLite'} ==", flush=True
    )
    with tempfile.TemporaryDirectory() as folder:
        url = args.pg_url or f"sqlite:///{Path(folder) / 'register.sqlite'}"
        settings = load_settings(env={}, database_url=url)
        with open_register(settings) as register:
            before = children_cpu()
            if mode == "dask":
                from distributed import Client, LocalCluster

                with (
                    LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None) as cluster,
                    Client(cluster) as client,
                ):
                    writer = ingest(register, files, None, client, args.every)
            else:
                writer = ingest(register, files, workers, None, args.every)
            others = children_cpu() - before  # the workers, ended and waited for by now
            note = ", the writer's with the Dask scheduler and client" if mode == "dask" else ""
            print(f"  CPU per letter: writer {writer / len(files) * 1000:.1f} ms + analysing processes "
                  f"{others / len(files) * 1000:.1f} ms (user + system{note})")  # fmt: skip
            print(f"  database: {db_size_mb(register):.0f} MiB; peak RSS writer {rss_mb():.0f} MiB, largest "
                  f"worker {rss_mb(resource.RUSAGE_CHILDREN):.0f} MiB")  # fmt: skip
            started = time.perf_counter()
            again = list(ingest_files(register, files[:200], jobs=workers if mode == "jobs" else None))
            print(f"  resume over 200 stored letters: {time.perf_counter() - started:.2f} s, "
                  f"analysed {sum(e.analysed for e in again)}")  # fmt: skip
            if not args.no_queries:
                queries(register, settings, args.n)
                if not args.pg_url:
                    cli_overdue(str(Path(folder) / "register.sqlite"))


def main() -> None:
    """Parse the arguments and run each configuration."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", type=int, nargs="*", default=[1000])
    parser.add_argument("--jobs", type=int, nargs="*", default=[1, 2], help="worker processes to try")
    parser.add_argument("--dask", type=int, nargs="*", default=[], help="Dask LocalCluster workers to try")
    parser.add_argument("--pg-url", default="", help="an empty PostgreSQL database to use instead of SQLite")
    parser.add_argument("--corpus", type=Path, default=Path(tempfile.gettempdir()) / "beleidsmonitor-bench")
    parser.add_argument("-n", type=int, default=20, help="requests per page")
    parser.add_argument("--no-queries", action="store_true", help="ingest only")
    parser.add_argument("--every", type=int, default=0, help="print a line per this many letters as they go")
    args = parser.parse_args()
    load = os.getloadavg()
    print(f"{os.cpu_count()} CPUs, load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    for size in args.sizes:
        for jobs in args.jobs:
            run(size, "jobs", jobs, args)
        for workers in args.dask:
            run(size, "dask", workers, args)


if __name__ == "__main__":
    main()
