"""``ingest`` killed with SIGKILL at random moments, then run again: an intact register, no document
stored in part, and the run after the kills analyses only the letters that are not stored yet.

Real processes on a real SQLite file. Each kill comes at a seeded random moment after the register
has grown by one to three documents since the previous kill, so every kill hits a run that is
analysing or writing; the process group is killed, its worker processes with it.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import EXAMPLE

POOL = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "pool" / "docs"
BIN = Path(sys.executable).parent / "beleidsmonitor"
KILLS = 5
#: a document's rows in each table that holds rows per document
FINGERPRINT = """
    SELECT d.id,
           (SELECT count(*) FROM mentions m WHERE m.document_id = d.id),
           (SELECT count(*) FROM extractions e WHERE e.document_id = d.id),
           (SELECT count(*) FROM measures s WHERE s.document_id = d.id)
    FROM documents d ORDER BY d.id
"""


def _letters(folder: Path) -> list[Path]:
    """The pool letters and the example letter, copied into ``folder``."""
    if not POOL.is_dir():
        pytest.fail(f"{POOL} is missing: the shared corpus lies beside the repository")
    folder.mkdir()
    return [Path(shutil.copy(p, folder / p.name)) for p in [*sorted(POOL.glob("kst-*.txt")), EXAMPLE]]


def _ingest(folder: Path, db: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [str(BIN), "--verbose", "ingest", str(folder), "--db", str(db), "--jobs", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group: the kill takes the workers too
    )


def _query(db: Path, sql: str) -> list[tuple[object, ...]]:
    if not db.exists():
        return []
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30) as connection:
        try:
            return connection.execute(sql).fetchall()
        except sqlite3.OperationalError as exc:  # the tables are created by the first run
            if "no such table" in str(exc):
                return []
            raise


def _stored(db: Path) -> int:
    return len(_query(db, "SELECT id FROM documents"))


def test_kill_nine_at_random_moments_then_resume(tmp_path: Path) -> None:
    folder = tmp_path / "letters"
    letters = _letters(folder)
    reference = tmp_path / "reference.sqlite"
    done = _ingest(folder, reference)
    out, err = done.communicate(timeout=600)
    assert done.returncode == 0, err
    expected = _query(reference, FINGERPRINT)
    assert len(expected) == len(letters)

    db = tmp_path / "register.sqlite"
    rng = random.Random(13)
    kills = []
    for _ in range(KILLS):
        before = _stored(db)
        wanted = before + rng.randint(1, 3)
        run = _ingest(folder, db)
        while _stored(db) < wanted and run.poll() is None:
            time.sleep(0.05)
        time.sleep(rng.uniform(0, 0.2))
        if run.poll() is not None:
            break  # finished before the moment came: nothing left to kill
        os.killpg(run.pid, signal.SIGKILL)
        run.communicate(timeout=60)
        assert run.returncode == -signal.SIGKILL
        kills.append(_stored(db))
        # after every kill: the file is intact and every stored document is complete
        assert _query(db, "PRAGMA integrity_check") == [("ok",)]
        stored = _query(db, FINGERPRINT)
        assert stored == [row for row in expected if row[0] in {s[0] for s in stored}]
        assert (
            _query(db, "SELECT id FROM commitments WHERE id NOT IN (SELECT commitment_id FROM mentions)")
            == []
        )
    assert len(kills) == KILLS, f"the runs ended before {KILLS} kills: {kills}"
    assert kills == sorted(kills) and kills[-1] < len(letters)

    resumed = _ingest(folder, db)
    out, err = resumed.communicate(timeout=600)
    assert resumed.returncode == 0, err
    skipped = re.findall(r"already in the register as (\S+); not analysed", err)
    analysed = re.findall(r"beleidsmonitor\.pipeline: (\S+): \d+ commitments", err)
    assert len(skipped) == kills[-1]
    assert len(analysed) == len(letters) - kills[-1]
    assert not set(skipped) & set(analysed)
    assert f"documenten: {len(letters) - kills[-1]} (al opgeslagen: {kills[-1]})" in out
    assert _query(db, "PRAGMA integrity_check") == [("ok",)]
    assert _query(db, FINGERPRINT) == expected
    assert _query(db, "SELECT count(*) FROM commitments") == _query(
        reference, "SELECT count(*) FROM commitments"
    )
