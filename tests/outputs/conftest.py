"""Fixtures of the output tests: a real SQLite register file with the example letter ingested through
the real pipeline, dated 19 December 2013 as the gold file assumes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from beleidsmonitor.register.store import Register, open_register
from beleidsmonitor.settings import load_settings

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "src" / "beleidsmonitor" / "examples" / "kst-32824-47.txt"
EXAMPLE_DATE = dt.date(2013, 12, 19)


@pytest.fixture(scope="session")
def example_register(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Register]:
    """A register on a SQLite file holding the analysed example letter."""
    from beleidsmonitor.pipeline import analyse_file

    folder = tmp_path_factory.mktemp("outputs")
    settings = load_settings(env={}, database_url=f"sqlite:///{folder / 'register.sqlite'}")
    register = open_register(settings)
    register.ingest(analyse_file(EXAMPLE, date=EXAMPLE_DATE))
    yield register
    register.close()
