"""Many files into the register: analysed in worker processes (or as Dask tasks), written by one parent.

* Resume costs nothing: before a file is analysed its content hash is looked up among the stored
  ones (read once per batch), and where the format's metadata names the Kamerstuk
  (officielebekendmakingen XML and HTML) the worker checks that id against the stored ids right
  after reading; a stored letter costs a hash, not an analysis.
* All cores: ``jobs`` worker processes (the number of CPUs by default) analyse; only this parent
  loop writes to the register, one transaction per document, in the order of the files, so the
  register is the same whatever the number of workers (merging depends on the order). Each worker
  holds the file it analyses and the next one, so that it goes on while the parent stores.
* A document longer than a chunk (setting ``analysis_chunk_characters``) is analysed chunk by chunk,
  as ``extract`` does, and stored as one document (register/rows.py): the worker holds one chunk's
  analysis at a time and sends the parent what the register stores of it.
* A budget per document (settings ``analysis_seconds`` and ``analysis_memory_mb``): the parent
  watches each worker's time and the resident memory it gained on the file (a forked worker starts
  with the parent's pages, which the analysis did not use) and stops a worker that goes past it; that file
  gets a D020 error naming the limit, a fresh worker takes the next file and the batch goes on.
* ``scheduler`` (a Dask distributed address or Client) runs the analyses as Dask tasks instead, each
  of up to :data:`_FILES_PER_TASK` files (the scheduler and client cost per task, in this process
  with a LocalCluster); the results come back with their tasks and the same parent writes them in
  order. Each file keeps the same budget: the task's files are analysed in a child process forked
  from the Dask worker and watched like a pool worker (:func:`analyse_files_within_budget`), so a
  file past its time or memory fails alone with D020 and a fresh child goes on with the next file.

A file that cannot be read (DocumentError), analysed (any exception: a fault of this package, D013) or
stored (RegisterError) is recorded in its event and the batch goes on: a document is stored whole or
not at all.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from beleidsmonitor.budget import (
    Budget,
    call_each_within_budget,
    lost_detail,
    memory_detail,
    resident_mb,
    time_detail,
)
from beleidsmonitor.errors import Code, DocumentError, RegisterError
from beleidsmonitor.model import Analysis, SourceDocument
from beleidsmonitor.register.rows import DocumentRows, rows_of_analysis, rows_of_chunks
from beleidsmonitor.register.store import IngestResult, Register
from beleidsmonitor.sources.chunks import CHUNK_CHARACTERS

logger = logging.getLogger(__name__)

Analyser = Callable[[Path], Analysis]

#: results that may wait for an earlier file's result, per worker
_WINDOW_PER_WORKER = 4
#: files a pool worker holds: the one it analyses and the next, so that it never waits for the parent
_FILES_PER_WORKER = 2
#: files per Dask task: the scheduler, the client and the transfer of results cost per task (several
#: milliseconds of the writer's process with a LocalCluster, whose scheduler runs there)
_FILES_PER_TASK = 16
#: Dask tasks submitted ahead, per worker
_TASKS_PER_WORKER = 2


@dataclass(frozen=True, slots=True)
class ProgressEvent:
    """One file done: its place in the batch and either what was stored or what went wrong."""

    done: int
    total: int
    path: str
    result: IngestResult | None
    #: one line saying what is wrong with the file; empty when it was stored (or already there)
    problem: str = ""
    #: False when the file was found stored before analysis (resume)
    analysed: bool = True

    @property
    def failed(self) -> bool:
        """Whether the file could not be analysed or stored."""
        return bool(self.problem)


@dataclass(frozen=True, slots=True)
class BatchSummary:
    """Totals of a batch."""

    documents: int
    duplicates: int
    commitments: int
    mentions: int
    errors: tuple[ProgressEvent, ...]


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a worker made of one file: what to store of it, the id of the stored document it is, or a problem."""

    rows: DocumentRows | None
    stored_as: str = ""
    problem: str = ""


def collect_files(paths: Iterable[str | Path]) -> tuple[Path, ...]:
    """The files named by ``paths``: files as given, folders searched recursively (hidden entries skipped).

    Raises:
        DocumentError: D010 when a path does not exist.
    """
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
                )
            )
        elif path.exists():
            out.append(path)
        else:
            raise DocumentError(str(path), Code.D010)
    return tuple(out)


def default_jobs() -> int:
    """The number of worker processes when none is asked for: the CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def analyse_path(
    path: Path,
    analyse: Analyser | None,
    date: dt.date | None,
    stored_ids: frozenset[str],
    chunk_characters: int = CHUNK_CHARACTERS,
) -> Outcome:
    """Analyse one file (in a worker); never raises.

    Args:
        path: the file.
        analyse: the analysing function; the pipeline (read, then analyse chunk by chunk) when None.
        date: the document date to use over what the text says (the pipeline only).
        stored_ids: ids of stored documents: a file whose format metadata names one is not analysed.
        chunk_characters: the pipeline analyses a longer text in chunks of at most this many characters.

    Returns:
        What to store of it, the stored id it repeats, or a one-line problem.
    """
    try:
        if analyse is not None:
            return Outcome(rows_of_analysis(analyse(path)))
        from beleidsmonitor.pipeline import analyse_chunks  # the pipeline imports every stage: load on use
        from beleidsmonitor.sources import read_source

        source = read_source(path, max_characters=None)
        if source.hints.identifier and source.hints.identifier in stored_ids:
            return Outcome(None, stored_as=source.hints.identifier)
        if len(source.text) <= chunk_characters:  # a letter: one chunk, the document analysed whole
            return Outcome(rows_of_analysis(_analyse_source(source, date)))
        return Outcome(rows_of_chunks(analyse_chunks(source, date=date, chunk_characters=chunk_characters)))
    except DocumentError as exc:
        return Outcome(None, problem=f"{exc.code.name} {exc.reason}")
    except MemoryError:
        return Outcome(None, problem=_problem(Code.D020, "memory ran out"))
    except Exception as exc:  # one file must never end a batch; the traceback goes to the log
        logger.exception("%s: analysis failed", path)
        return Outcome(None, problem=_problem(Code.D013, f"{type(exc).__name__}: {exc}"[:200]))


def analyse_files_within_budget(
    paths: Sequence[Path],
    analyse: Analyser | None,
    date: dt.date | None,
    stored_ids: frozenset[str],
    budget: Budget,
    chunk_characters: int = CHUNK_CHARACTERS,
) -> list[Outcome]:
    """:func:`analyse_path` of each file in turn (one Dask task of several files); never raises.

    A Dask task runs in a thread of a worker that must keep running: the files are analysed in a
    child process forked from the worker once for the task, each watched against ``budget``
    (:func:`call_each_within_budget`): a file that takes longer than ``budget.seconds`` or holds
    more than ``budget.memory_mb`` resident gets D020 and a fresh child takes the next file, as
    :class:`WorkerPool` replaces its workers; a child that dies gives its file D013. Where processes
    cannot be forked the files are analysed in this thread without a budget.
    """
    if analyse is None:
        warm_pipeline()
    results = call_each_within_budget(
        lambda path: analyse_path(path, analyse, date, stored_ids, chunk_characters),
        paths,
        [str(p) for p in paths],
        budget,
    )
    return [
        r if isinstance(r, Outcome) else Outcome(None, problem=f"{r.code.name} {r.reason}") for r in results
    ]


#: a short letter that reaches every stage: analysed once per process by :func:`warm_pipeline`
_WARM_TEXT = (
    "Den Haag, 2 februari 2015\n\nInleiding\n\nIk zal u voor de zomer van 2015 informeren over de "
    "voortgang (Kamerstuk 32 824, nr. 47); hiervoor is € 2 miljoen beschikbaar.\n"
)
_warmed = False


def warm_pipeline() -> None:
    """Load the pipeline and its lexicons into this process once, by analysing a short letter.

    A Dask worker analyses its files in children forked from it (:func:`analyse_files_within_budget`):
    what the worker has loaded, the children inherit; what a child loads is lost with it. Without this
    each child paid the imports and the lexicons again (about 180 ms, against 20 ms for a letter)."""
    global _warmed
    if _warmed:
        return
    _warmed = True
    from beleidsmonitor.sources.text import read_text

    _analyse_source(read_text(_WARM_TEXT.encode("utf-8"), "warm-up.txt"), None)


def _analyse_source(source: SourceDocument, date: dt.date | None) -> Analysis:
    from beleidsmonitor.pipeline import analyse  # the pipeline imports every stage: load on use

    return analyse(source, date=date)


def _problem(code: Code, detail: str) -> str:
    return f"{code.name} {code.value.format(detail=detail)}"


def _file_sha256(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return ""  # the reader reports it


# --- worker processes ----------------------------------------------------------------------------


def _worker_main(
    conn: Connection,
    analyse: Analyser | None,
    date: dt.date | None,
    stored_ids: frozenset[str],
    chunk_characters: int,
) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops its workers
    while True:
        task = conn.recv()
        if task is None:
            return
        index, path = task
        conn.send((index, analyse_path(path, analyse, date, stored_ids, chunk_characters)))


@dataclass(slots=True)
class _Worker:
    process: Any
    conn: Connection
    #: the files sent to the worker, in order: it analyses the first, the others wait in its pipe
    tasks: list[tuple[int, Path]] = field(default_factory=list)
    #: when the worker began the first file
    started: float = 0.0
    #: the worker's resident memory when it began the first file: a forked worker starts with the
    #: parent's pages, which are no part of what the analysis uses
    baseline_mb: float = 0.0

    def begin(self) -> None:
        """Start the clock and the memory baseline of the first file."""
        self.started = time.monotonic()
        self.baseline_mb = resident_mb(self.process.pid)


class WorkerPool:
    """Worker processes that analyse one file at a time each, watched against a :class:`Budget`.

    Each worker holds up to :data:`_FILES_PER_WORKER` files: it begins the next one as soon as it
    has sent a result, instead of waiting while the parent stores that result; the budget of a file
    counts from the moment the parent sees its predecessor's result (or sends it, when it is the
    worker's only file). A worker stopped for its budget, or lost, takes its waiting files with it:
    they go to its replacement."""

    def __init__(
        self,
        jobs: int,
        analyse: Analyser | None,
        date: dt.date | None,
        stored_ids: frozenset[str],
        budget: Budget,
        chunk_characters: int = CHUNK_CHARACTERS,
    ) -> None:
        methods = multiprocessing.get_all_start_methods()
        # fork: workers inherit the loaded pipeline and the stored ids instead of re-importing them
        self._context: Any = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self._args = (analyse, date, stored_ids, chunk_characters)
        self.budget = budget
        self.workers = [self._spawn() for _ in range(jobs)]

    def _spawn(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(target=_worker_main, args=(child, *self._args), daemon=True)
        process.start()
        child.close()
        return _Worker(process, parent)

    def idle(self) -> int:
        """How many more files the workers can take now."""
        return sum(_FILES_PER_WORKER - len(w.tasks) for w in self.workers)

    def submit(self, index: int, path: Path) -> None:
        """Give ``path`` to the worker with the fewest files."""
        worker = min(self.workers, key=lambda w: len(w.tasks))
        self._send(worker, (index, path))

    def _send(self, worker: _Worker, task: tuple[int, Path]) -> None:
        worker.tasks.append(task)
        if len(worker.tasks) == 1:
            worker.begin()
        # a worker that died on its current file has not been seen yet: collect() finds it, gives
        # that file its error and sends the waiting ones, this one too, to the replacement
        with contextlib.suppress(OSError):
            worker.conn.send(task)

    def collect(self, timeout: float = 0.2) -> list[tuple[int, Outcome]]:
        """The outcomes that arrived within ``timeout``, and those of workers stopped for their budget."""
        out: list[tuple[int, Outcome]] = []
        busy = {w.conn: w for w in self.workers if w.tasks}
        for conn in wait(list(busy), timeout=timeout):
            worker = busy[conn]  # type: ignore[index]
            try:
                while True:  # every result the worker has sent
                    index, outcome = worker.conn.recv()
                    assert index == worker.tasks[0][0]
                    worker.tasks.pop(0)
                    out.append((index, outcome))
                    if worker.tasks:
                        worker.begin()
                    if not worker.tasks or not worker.conn.poll():
                        break
            except (EOFError, OSError):
                worker.process.join(timeout=5)  # the pipe closes a moment before the exit code is set
                code = worker.process.exitcode
                out.append(
                    (worker.tasks[0][0], Outcome(None, problem=_problem(Code.D013, lost_detail(code))))
                )
                self._replace(worker)
        now = time.monotonic()
        for worker in list(self.workers):
            if not worker.tasks:
                continue
            if now - worker.started > self.budget.seconds:
                detail = time_detail(self.budget)
            elif resident_mb(worker.process.pid) - worker.baseline_mb > self.budget.memory_mb:
                detail = memory_detail(self.budget)
            else:
                continue
            logger.warning("%s: %s; worker stopped", worker.tasks[0][1], detail)
            out.append((worker.tasks[0][0], Outcome(None, problem=_problem(Code.D020, detail))))
            self._replace(worker)
        return out

    def _replace(self, worker: _Worker) -> None:
        """Stop ``worker`` (its first file is done with) and give its waiting files to a fresh one."""
        worker.process.kill()
        worker.process.join()
        worker.conn.close()
        fresh = self._spawn()
        self.workers[self.workers.index(worker)] = fresh
        for task in worker.tasks[1:]:
            self._send(fresh, task)

    def close(self) -> None:
        """Stop every worker."""
        for worker in self.workers:
            with contextlib.suppress(OSError):
                worker.conn.send(None)
        for worker in self.workers:
            worker.process.join(timeout=2)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()


# --- the batch -----------------------------------------------------------------------------------


def ingest_files(
    register: Register,
    files: Iterable[Path],
    analyse: Analyser | None = None,
    *,
    date: dt.date | None = None,
    jobs: int | None = None,
    budget: Budget | None = None,
    scheduler: Any = None,
) -> Iterator[ProgressEvent]:
    """Analyse each file not yet stored and store it; yield one event per file, in file order.

    Args:
        register: where the documents go (only this loop writes to it).
        files: the files, e.g. from :func:`collect_files`.
        analyse: the analysing function (run in the workers); the pipeline when None.
        date: the document date over what the text says (the pipeline only).
        jobs: worker processes; :func:`default_jobs` when None.
        budget: time and memory per document; from the register's settings when None.
        scheduler: a Dask distributed scheduler address or Client: analyse as Dask tasks instead.

    Yields:
        One :class:`ProgressEvent` per file, in the order of ``files``.
    """
    todo = tuple(files)
    total = len(todo)
    if not todo:
        return
    settings = register.settings
    chosen = budget or Budget.from_settings(settings)
    stored_ids = register.document_ids() if analyse is None else frozenset()
    workers = jobs or settings.jobs or default_jobs()
    chunk = settings.analysis_chunk_characters
    if scheduler is not None:
        outcomes = _dask_outcomes(scheduler, todo, register, analyse, date, stored_ids, chosen, chunk)
    else:
        outcomes = _pool_outcomes(todo, register, analyse, date, stored_ids, chosen, workers, chunk)
    for done, (path, outcome, analysed) in enumerate(outcomes, start=1):
        yield _store(register, done, total, path, outcome, analysed)


def _precheck(stored: dict[str, str], path: Path) -> Outcome | None:
    """The outcome of a file already stored with the same content, found by its hash alone in
    ``stored`` (sha256 → document id, read once per batch: no query per file)."""
    sha = _file_sha256(path)
    same = stored.get(sha) if sha else None
    return Outcome(None, stored_as=same) if same else None


def _pool_outcomes(
    todo: tuple[Path, ...],
    register: Register,
    analyse: Analyser | None,
    date: dt.date | None,
    stored_ids: frozenset[str],
    budget: Budget,
    jobs: int,
    chunk_characters: int,
) -> Iterator[tuple[Path, Outcome, bool]]:
    pool = WorkerPool(min(jobs, len(todo)), analyse, date, stored_ids, budget, chunk_characters)
    window = _WINDOW_PER_WORKER * len(pool.workers)
    ready: dict[int, tuple[Outcome, bool]] = {}
    stored = register.document_hashes()
    submitted = written = 0
    checked = -1
    try:
        while written < len(todo):
            while submitted < len(todo) and submitted < written + window:
                if checked < submitted:  # each file is hashed once, even while it waits for a worker
                    checked = submitted
                    known = _precheck(stored, todo[submitted])
                    if known is not None:
                        ready[submitted] = (known, False)
                        submitted += 1
                        continue
                if not pool.idle():
                    break
                pool.submit(submitted, todo[submitted])
                submitted += 1
            if written not in ready:
                for index, outcome in pool.collect():
                    ready[index] = (outcome, outcome.stored_as == "")
            while written in ready:
                outcome, analysed = ready.pop(written)
                yield todo[written], outcome, analysed
                written += 1
    finally:
        pool.close()


def _dask_outcomes(
    scheduler: Any,
    todo: tuple[Path, ...],
    register: Register,
    analyse: Analyser | None,
    date: dt.date | None,
    stored_ids: frozenset[str],
    budget: Budget,
    chunk_characters: int,
) -> Iterator[tuple[Path, Outcome, bool]]:
    from distributed import Client, as_completed  # optional dependency: load on use

    client: Any = scheduler if isinstance(scheduler, Client) else Client(scheduler)  # type: ignore[no-untyped-call]
    try:
        [ids] = client.scatter([stored_ids], broadcast=True)  # sent to each worker once
        stored = register.document_hashes()
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        per_task = files_per_task(len(todo), workers)
        ready: dict[int, tuple[Outcome, bool]] = {}
        indices_of: dict[Any, list[int]] = {}
        running: Any = as_completed(with_results=True, raise_errors=False)  # type: ignore[no-untyped-call]
        submitted = written = 0

        def submit_more() -> None:
            nonlocal submitted
            while submitted < len(todo) and len(indices_of) < _TASKS_PER_WORKER * workers:
                chunk: list[int] = []
                while submitted < len(todo) and len(chunk) < per_task:
                    known = _precheck(stored, todo[submitted])
                    if known is not None:
                        ready[submitted] = (known, False)
                    else:
                        chunk.append(submitted)
                    submitted += 1
                if chunk:
                    paths = [todo[i] for i in chunk]
                    future = client.submit(
                        analyse_files_within_budget,
                        paths,
                        analyse,
                        date,
                        ids,
                        budget,
                        chunk_characters,
                        pure=False,
                    )
                    indices_of[future] = chunk
                    running.add(future)

        submit_more()
        while written < len(todo):
            if written not in ready:
                for batch in running.batches():
                    for future, result in batch:
                        chunk = indices_of.pop(future)
                        if future.status == "error":  # a lost worker or task: each file's error
                            exc = future.exception()
                            problem = _problem(Code.D013, f"{type(exc).__name__}: {exc}")
                            outcomes = [Outcome(None, problem=problem)] * len(chunk)
                        else:
                            outcomes = result
                        for index, outcome in zip(chunk, outcomes, strict=True):
                            ready[index] = (outcome, outcome.stored_as == "")
                    break
            while written in ready:
                outcome, analysed = ready.pop(written)
                yield todo[written], outcome, analysed
                written += 1
            submit_more()
    finally:
        if client is not scheduler:
            client.close()


def files_per_task(files: int, workers: int) -> int:
    """How many files one Dask task analyses: up to :data:`_FILES_PER_TASK`, fewer when there are too
    few files to give each worker two tasks."""
    return max(1, min(_FILES_PER_TASK, -(-files // (2 * workers))))


def _store(
    register: Register, done: int, total: int, path: Path, outcome: Outcome, analysed: bool
) -> ProgressEvent:
    if outcome.problem:
        logger.warning("%s: %s", path, outcome.problem)
        return ProgressEvent(done, total, str(path), None, outcome.problem, analysed)
    if outcome.rows is None:
        logger.info("%s: already in the register as %s; not analysed", path, outcome.stored_as)
        result = IngestResult(outcome.stored_as, False, duplicate_of=outcome.stored_as)
        return ProgressEvent(done, total, str(path), result, "", analysed)
    try:
        result = register.ingest_rows(outcome.rows)
    except RegisterError as exc:
        logger.warning("%s: %s", path, exc)
        return ProgressEvent(done, total, str(path), None, str(exc), analysed)
    except Exception as exc:  # a fault of this package must not end the batch: kept for this file
        logger.exception("%s: not stored", path)
        problem = _problem(Code.D013, f"{type(exc).__name__}: {exc}"[:200])
        return ProgressEvent(done, total, str(path), None, problem, analysed)
    return ProgressEvent(done, total, str(path), result, "", analysed)


def summarise(events: Iterable[ProgressEvent]) -> BatchSummary:
    """Totals over the events of a batch."""
    documents = duplicates = commitments = mentions = 0
    errors = []
    for event in events:
        if event.result is None:
            errors.append(event)
        elif event.result.added:
            documents += 1
            commitments += event.result.commitments_new
            mentions += event.result.mentions
        else:
            duplicates += 1
    return BatchSummary(documents, duplicates, commitments, mentions, tuple(errors))
