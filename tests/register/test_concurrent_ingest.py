"""Several real ``ingest`` processes writing one register at once: every document stored exactly once."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from beleidsmonitor.errors import Code, RegisterError
from beleidsmonitor.model import Analysis
from beleidsmonitor.register import db
from beleidsmonitor.register.store import open_register
from beleidsmonitor.settings import Settings, load_settings
from conftest import EXAMPLE, PostgresServer

POOL = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "pool" / "docs"
BIN = Path(sys.executable).parent / "beleidsmonitor"


def _letters() -> list[Path]:
    """The ten shortest pool letters (quick to analyse, so the writes overlap) and the example letter."""
    if not POOL.is_dir():
        pytest.fail(f"{POOL} is missing: the shared corpus lies beside the repository")
    shortest = sorted(POOL.glob("kst-*.txt"), key=lambda p: (p.stat().st_size, p.name))[:10]
    return [*shortest, EXAMPLE]


def _overlapping_folders(root: Path, letters: list[Path]) -> list[Path]:
    """Four folders; every letter lies in two or more of them."""
    picks = [letters[0:6], letters[3:9], [*letters[6:], *letters[:2]], letters[::2] + letters[1::4]]
    folders = []
    for number, pick in enumerate(picks):
        folder = root / f"batch-{number}"
        folder.mkdir()
        for letter in pick:
            shutil.copy(letter, folder / letter.name)
        folders.append(folder)
    return folders


def _ingest_at_once(folders: list[Path], db: str) -> list[subprocess.CompletedProcess[str]]:
    processes = [
        subprocess.Popen(
            [str(BIN), "ingest", str(folder), "--db", db],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for folder in folders
    ]
    done = []
    for process in processes:
        out, err = process.communicate(timeout=300)
        done.append(subprocess.CompletedProcess(process.args, process.returncode, out, err))
    return done


def _check(db_url: str, db_arg: str, tmp_path: Path) -> None:
    letters = _letters()
    folders = _overlapping_folders(tmp_path, letters)
    results = _ingest_at_once(folders, db_arg)
    for result in results:
        assert result.returncode == 0, result.stderr
        assert " R00" not in result.stderr and "Traceback" not in result.stderr
    stored_per_run = [int(r.stdout.split("documenten: ")[1].split(" ")[0]) for r in results]
    assert sum(stored_per_run) == len(letters)  # each letter added by exactly one of the four runs
    with open_register(load_settings(env={}, database_url=db_url)) as register:
        documents = register.list_documents()
    assert len(documents) == len(letters)
    assert len({d.sha256 for d in documents}) == len(letters)


def test_four_ingests_into_one_sqlite_file(tmp_path: Path) -> None:
    db = tmp_path / "register.sqlite"
    _check(f"sqlite:///{db}", str(db), tmp_path)


def test_four_ingests_into_one_postgresql_database(tmp_path: Path, pg: PostgresServer) -> None:
    url = pg.new_database_url()
    _check(url, url, tmp_path)


def _hold_write_lock(path: Path) -> sqlite3.Connection:
    """Another process's writer, as SQLite sees it: a connection in the middle of a write transaction."""
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    return holder


def test_a_writer_waits_for_the_lock_and_then_stores(settings: Settings, gold_analysis: Analysis) -> None:
    path = Path(settings.database_url.removeprefix("sqlite:///"))
    with open_register(settings) as register:
        holder = _hold_write_lock(path)
        release = threading.Timer(1.0, holder.rollback)
        release.start()
        result = register.ingest(gold_analysis)
        release.join()
        assert result.added
        assert [d.id for d in register.list_documents()] == ["kst-32824-47"]


def test_a_lock_held_too_long_is_named_as_such(
    settings: Settings, gold_analysis: Analysis, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = Path(settings.database_url.removeprefix("sqlite:///"))
    with open_register(settings) as register:
        monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 50)
        monkeypatch.setattr(db, "WRITE_RETRIES", 1)
        register.close()  # new connections get the short timeout
        holder = _hold_write_lock(path)
        try:
            with pytest.raises(RegisterError) as caught:
                register.ingest(gold_analysis)
        finally:
            holder.rollback()
        assert caught.value.code is Code.R003
        assert str(caught.value) == (
            "R003 the register is busy: another process holds its write lock "
            "(kst-32824-47: database is locked); try again when it is done"
        )
        assert register.list_documents() == ()
