"""The batch: resume without analysis, worker processes with a budget per document, and the same
register whatever the number of workers or a Dask cluster of two."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from beleidsmonitor.batch import Budget, ingest_files, summarise
from beleidsmonitor.model import Analysis
from beleidsmonitor.pipeline import analyse_file
from beleidsmonitor.register.schema import DocumentRow, ExtractionRow, MentionRow, StatusChangeRow
from beleidsmonitor.register.store import Register, open_register
from beleidsmonitor.settings import Settings, load_settings
from conftest import EXAMPLE, ROOT, PostgresServer

CONSTRUCTED = ROOT / "tests" / "documents" / "constructed"
#: where the counting analyser notes each analysis (a file: the workers are other processes)
COUNTER = "BELEIDSMONITOR_TEST_ANALYSES"


def _letters(folder: Path, n: int) -> list[Path]:
    folder.mkdir()
    sources = [EXAMPLE, *sorted(CONSTRUCTED.glob("*.txt"))][:n]
    return [Path(shutil.copy(source, folder / source.name)) for source in sources]


def counting_analyser(path: Path) -> Analysis:
    """The pipeline, noting each file it analyses in the file named by $BELEIDSMONITOR_TEST_ANALYSES."""
    with open(os.environ[COUNTER], "a", encoding="utf-8") as log:
        log.write(f"{path.name}\n")
    return analyse_file(path)


def misbehaving_analyser(path: Path) -> Analysis:
    """The pipeline, except for files named to misbehave: too slow, too big, or a dying worker."""
    if path.name.startswith("slow"):
        time.sleep(60)
    if path.name.startswith("big"):
        hog = bytearray(400 * 2**20)
        hog[::4096] = b"x" * len(hog[::4096])
        time.sleep(60)
    if path.name.startswith("dies"):
        os._exit(3)
    return analyse_file(path)


def test_stored_letters_are_not_analysed_again(
    register: Register, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = _letters(tmp_path / "letters", 4)
    log = tmp_path / "analyses.txt"
    monkeypatch.setenv(COUNTER, str(log))
    first = list(ingest_files(register, files[:3], counting_analyser, jobs=2))
    assert [e.result.added for e in first if e.result] == [True, True, True]
    again = list(ingest_files(register, files, counting_analyser, jobs=2))
    assert sorted(log.read_text().split()) == sorted([f.name for f in files[:3]] + [files[3].name])
    assert [e.analysed for e in again] == [False, False, False, True]
    assert [e.result.duplicate_of for e in again[:3] if e.result] == [
        e.result.document_id for e in first if e.result
    ]
    assert summarise(again).duplicates == 3


def test_a_letter_whose_format_names_a_stored_kamerstuk_is_not_analysed(
    register: Register, tmp_path: Path
) -> None:
    xml = ROOT / "tests" / "documents" / "kst-32824-47.xml"
    html = ROOT / "tests" / "documents" / "kst-32824-47.html"
    [stored] = list(ingest_files(register, [xml], jobs=1))
    assert stored.result is not None and stored.result.added
    [again] = list(ingest_files(register, [html], jobs=1))
    assert again.result is not None
    assert (again.analysed, again.result.added, again.result.duplicate_of) == (False, False, "kst-32824-47")


def test_past_its_budget_a_document_fails_alone(settings: Settings, tmp_path: Path) -> None:
    files = _letters(tmp_path / "letters", 2)
    slow = Path(shutil.copy(files[0], tmp_path / "letters" / "slow.txt"))
    big = Path(shutil.copy(files[0], tmp_path / "letters" / "big.txt"))
    dies = Path(shutil.copy(files[0], tmp_path / "letters" / "dies.txt"))
    batch = [slow, files[0], big, dies, files[1]]
    analyse_file(files[1])  # the forked workers inherit the pipeline's loaded data: the clock times analysis
    limit = 300  # MB gained on a file (batch.py): the big letter takes 400
    with open_register(settings) as register:
        events = list(
            ingest_files(
                register, batch, misbehaving_analyser, jobs=2, budget=Budget(seconds=3, memory_mb=limit)
            )
        )
    assert [Path(e.path).name for e in events] == [p.name for p in batch]
    problems = [e.problem for e in events]
    assert problems[0].startswith("D020") and "longer than 3 s" in problems[0]
    assert problems[2].startswith("D020") and f"more than {limit} MB" in problems[2]
    assert problems[3].startswith("D013") and "exit code 3" in problems[3]
    assert [e.result.added for e in events if e.result] == [True, True]


def _snapshot(register: Register) -> tuple[object, ...]:
    """Everything extracted and stored: documents, every extraction, measures, commitments, mentions."""
    commitments = tuple(
        (c.key, c.quote, c.kind, c.actor, c.object, c.due, c.mentions, c.status, c.fulfilled_by)
        for c in register.list_commitments()
    )
    with register._sessions() as session:
        mentions = tuple(
            (m.document_id, m.sentence, m.commitment_id, m.same_as is None, m.merge_score)
            for m in session.scalars(select(MentionRow).order_by(MentionRow.id))
        )
        extractions = tuple(
            (e.document_id, e.kind, e.text, e.start, e.end, e.sentence, e.norm, e.value_end, repr(e.value))
            for e in session.scalars(select(ExtractionRow).order_by(ExtractionRow.id))
        )
        documents = tuple(
            (d.id, d.date, d.title, d.ministry, d.clean_text, repr(d.structure))
            for d in session.scalars(select(DocumentRow).order_by(DocumentRow.id))
        )
    measures = tuple(
        (m.document_id, m.heading, m.topic_path, m.state, m.evidence) for m in register.list_measures()
    )
    return register.counts(), documents, extractions, measures, commitments, mentions


def test_the_register_is_the_same_with_one_two_workers_and_dask(tmp_path: Path) -> None:
    from distributed import Client, LocalCluster, get_task_stream

    files = _letters(tmp_path / "letters", 6)
    snapshots = []
    for name, kwargs in [("one", {"jobs": 1}), ("two", {"jobs": 2})]:
        url = f"sqlite:///{tmp_path / name}.sqlite"
        with open_register(load_settings(env={}, database_url=url)) as register:
            events = list(ingest_files(register, files, **kwargs))  # type: ignore[arg-type]
            assert not [e.problem for e in events if e.problem]
            snapshots.append(_snapshot(register))
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
        open_register(
            load_settings(env={}, database_url=f"sqlite:///{tmp_path / 'dask'}.sqlite")
        ) as register,
    ):
        assert len(client.scheduler_info()["workers"]) == 2
        with get_task_stream(client) as stream:
            events = list(ingest_files(register, files, scheduler=client))
        assert not [e.problem for e in events if e.problem]
        snapshots.append(_snapshot(register))
    # several files per task (6 files, 2 workers: 3 tasks of 2), each file's outcome in its place
    tasks = [t for t in stream.data if str(t["key"]).startswith("analyse_files_within_budget")]
    assert len(tasks) == 3
    assert snapshots[0][0]["documents"] == 6  # type: ignore[index]
    assert len(snapshots[0][2]) > 100  # type: ignore[arg-type]
    assert snapshots[0] == snapshots[1] == snapshots[2]


def test_past_its_budget_a_dask_task_fails_alone(settings: Settings, tmp_path: Path) -> None:
    from distributed import Client, LocalCluster

    files = _letters(tmp_path / "letters", 2)
    slow = Path(shutil.copy(files[0], tmp_path / "letters" / "slow.txt"))
    big = Path(shutil.copy(files[0], tmp_path / "letters" / "big.txt"))
    dies = Path(shutil.copy(files[0], tmp_path / "letters" / "dies.txt"))
    batch = [slow, files[0], big, dies, files[1]]
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
        open_register(settings) as register,
    ):
        client.run(analyse_file, files[1])  # the workers load the pipeline's data before the clock runs
        limit = 300  # MB gained on a file, as in the pool
        events = list(
            ingest_files(
                register,
                batch,
                misbehaving_analyser,
                scheduler=client,
                budget=Budget(seconds=3, memory_mb=limit),
            )
        )
        workers = len(client.scheduler_info()["workers"])
    assert [Path(e.path).name for e in events] == [p.name for p in batch]
    problems = [e.problem for e in events]
    assert problems[0].startswith("D020") and "longer than 3 s" in problems[0]
    assert problems[2].startswith("D020") and f"more than {limit} MB" in problems[2]
    assert problems[3].startswith("D013") and "exit code 3" in problems[3]
    assert [e.result.added for e in events if e.result] == [True, True]
    assert workers == 2  # no worker was lost: the budget stopped the children, not the workers


def test_cli_ingest_with_two_jobs_then_again_stores_nothing_twice(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from beleidsmonitor.cli import app

    folder = tmp_path / "letters"
    _letters(folder, 3)
    db = str(tmp_path / "r.sqlite")
    runner = CliRunner()
    first = runner.invoke(app, ["ingest", str(folder), "--jobs", "2", "--db", db])
    assert first.exit_code == 0, first.output
    assert "documenten: 3 (al opgeslagen: 0)" in first.output
    again = runner.invoke(app, ["ingest", str(folder), "--jobs", "2", "--db", db])
    assert again.exit_code == 0, again.output
    assert "documenten: 0 (al opgeslagen: 3), toezeggingen: 0, vermeldingen: 0, fouten: 0" in again.output


def test_the_memory_budget_counts_what_the_analysis_uses_not_the_parent(
    settings: Settings, tmp_path: Path
) -> None:
    # a parent holding more than the budget (a long test run, a busy CLI) forks workers that start
    # with its pages resident: an ordinary letter must not fail for them
    files = _letters(tmp_path / "letters", 1)
    held = bytearray(200 * 2**20)
    held[::4096] = b"x" * len(held[::4096])
    with open_register(settings) as register:
        [event] = list(
            ingest_files(register, files, analyse_file, jobs=1, budget=Budget(seconds=120, memory_mb=150))
        )
    assert len(held) == 200 * 2**20
    assert event.problem == ""
    assert event.result is not None and event.result.added


def test_a_dask_task_loads_the_pipeline_into_its_worker_before_forking(tmp_path: Path) -> None:
    # the files of a Dask task are analysed in a child forked from the worker; the pipeline and its
    # lexicons must be loaded in the worker itself, or every child loads them again and loses them
    letter = _letters(tmp_path / "letters", 1)[0]
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from beleidsmonitor.batch import Budget, analyse_files_within_budget\n"
        "from beleidsmonitor.extract.commitments import load_commitment_lexicon\n"
        f"[outcome] = analyse_files_within_budget([Path({str(letter)!r})], None, None, frozenset(), Budget(60, 1024))\n"
        "print(outcome.rows is not None, 'beleidsmonitor.pipeline' in sys.modules,"
        " load_commitment_lexicon.cache_info().currsize)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.split() == ["True", "True", "1"]


def test_the_register_is_the_same_in_sqlite_and_postgresql(tmp_path: Path, pg: PostgresServer) -> None:
    # the writer stores through Core statements (bulk inserts with RETURNING, bulk updates of
    # same_as and deadlines): both databases must end up with the same rows, merges included
    spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "bench" / "make_corpus.py")
    assert spec is not None and spec.loader is not None
    make_corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_corpus)
    analyses = [analyse_file(path) for path in make_corpus.build(40, tmp_path / "corpus")]
    snapshots = []
    for url in (f"sqlite:///{tmp_path / 'r.sqlite'}", pg.new_database_url()):
        with open_register(load_settings(env={}, database_url=url)) as register:
            results = [register.ingest(analysis) for analysis in analyses]
            again = register.ingest(analyses[0])
            snapshots.append(_snapshot(register))
            with register._sessions() as session:
                events = sorted(set(session.scalars(select(StatusChangeRow.event))))
    assert all(r.added for r in results) and not again.added
    counts = snapshots[0][0]
    assert counts["documents"] == 40  # type: ignore[index]
    assert counts["mentions"] > counts["commitments"] > 0  # type: ignore[index]
    assert sum(r.merged for r in results) > 0
    assert events == ["deadline moved", "registered"]
    assert snapshots[0] == snapshots[1]


def test_files_waiting_in_a_stopped_worker_go_to_its_replacement(settings: Settings, tmp_path: Path) -> None:
    # a pool worker holds the file it analyses and the next one; stopped for its budget (or lost),
    # the file waiting behind goes to the fresh worker and is stored
    files = _letters(tmp_path / "letters", 2)
    slow = Path(shutil.copy(files[0], tmp_path / "letters" / "slow.txt"))
    dies = Path(shutil.copy(files[1], tmp_path / "letters" / "dies.txt"))
    batch = [slow, files[0], dies, files[1]]
    analyse_file(files[1])  # the forked worker inherits the pipeline's loaded data
    with open_register(settings) as register:
        budget = Budget(seconds=3, memory_mb=300)
        events = list(ingest_files(register, batch, misbehaving_analyser, jobs=1, budget=budget))
        stored = register.counts()["documents"]
    assert [Path(e.path).name for e in events] == [p.name for p in batch]
    assert [e.problem[:4] for e in events] == ["D020", "", "D013", ""]
    assert [bool(e.result and e.result.added) for e in events] == [False, True, False, True]
    assert stored == 2
