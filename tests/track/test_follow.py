"""Tracking after each ingest (only what the new letter can change) gives the links of tracking everything."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from beleidsmonitor.register.schema import CommitmentRow, LinkRow, StatusChangeRow
from beleidsmonitor.register.store import Register, open_register
from beleidsmonitor.settings import load_settings
from beleidsmonitor.track.follow import follow_register
from conftest import ROOT

POOL = ROOT.parent / "shared" / "corpus" / "pool"
#: a series with a delivery of the second report (kst-34293-50) and later reports that are not it
SERIES = ["kst-34293-133", "kst-34293-50", "kst-34293-103", "kst-34293-49", "kst-34293-85"]
#: an undated promise to keep the Chamber informed (467) given a deadline by a later promise of
#: part of it (521)
GRONINGEN = ["kst-33529-521", "kst-33529-467"]
TRACKING = sorted((ROOT / "tests" / "documents" / "tracking").glob("*.txt"), reverse=True)


def _links(register: Register) -> set[tuple[str, str, str, str, int]]:
    with Session(register.engine) as session:
        rows = session.execute(
            select(
                CommitmentRow.key, LinkRow.document_id, LinkRow.relation, LinkRow.evidence, LinkRow.sentence
            ).join(CommitmentRow, CommitmentRow.id == LinkRow.commitment_id)
        )
        return {(k, d, r, e, s) for k, d, r, e, s in rows}


def _events(register: Register) -> list[tuple[int, str | None, str]]:
    with Session(register.engine) as session:
        rows = session.execute(
            select(StatusChangeRow.commitment_id, StatusChangeRow.document_id, StatusChangeRow.event)
        )
        return sorted((c, d, e) for c, d, e in rows)


def _corpus() -> tuple[dict[str, str], dict[str, Path]]:
    """The date and the folder of each corpus letter (pool and real), by id."""
    dates, folders = {}, {}
    for folder in (POOL, POOL.parent / "real"):
        for entry in json.loads((folder / "manifest.json").read_text(encoding="utf-8")):
            dates[entry["id"]], folders[entry["id"]] = entry["date"], folder / "docs"
    return dates, folders


@pytest.mark.parametrize("order", [GRONINGEN, GRONINGEN[::-1]], ids=["later-first", "earlier-first"])
def test_a_later_promise_links_whatever_letter_comes_first(tmp_path: Path, order: list[str]) -> None:
    if not POOL.exists():
        pytest.skip("../shared/corpus is not here")
    from beleidsmonitor.pipeline import analyse_file

    dates, folders = _corpus()
    settings = load_settings(env={}, database_url=f"sqlite:///{tmp_path / 'register.sqlite'}")
    with open_register(settings) as register:
        for doc_id in order:
            path = folders[doc_id] / f"{doc_id}.txt"
            register.ingest(analyse_file(path, date=dt.date.fromisoformat(dates[doc_id]), identifier=doc_id))
            follow_register(register, [doc_id])
        step_by_step, events = _links(register), _events(register)
        # the later letter once more: its links are replaced, not doubled
        doc_id = GRONINGEN[0]
        path = folders[doc_id] / f"{doc_id}.txt"
        register.ingest(analyse_file(path, date=dt.date.fromisoformat(dates[doc_id]), identifier=doc_id))
        follow_register(register, [doc_id])
        assert (_links(register), _events(register)) == (step_by_step, events)
        follow_register(register)
        assert (_links(register), _events(register)) == (step_by_step, events)
    assert {(d, r, e) for _, d, r, e, _ in step_by_step} == {("kst-33529-521", "changes", "subject")}
    assert [(d, event) for _, d, event in events if event != "registered"] == [
        ("kst-33529-521", "deadline moved")
    ]


def test_tracking_each_new_letter_equals_tracking_all(tmp_path: Path) -> None:
    if not POOL.exists():
        pytest.skip("../shared/corpus is not here")
    from beleidsmonitor.pipeline import analyse_file

    dates, folders = _corpus()
    settings = load_settings(env={}, database_url=f"sqlite:///{tmp_path / 'register.sqlite'}")
    with open_register(settings) as register:
        # later letters first: each new letter must link both ways
        for doc_id in [*SERIES, *GRONINGEN]:
            analysis = analyse_file(
                folders[doc_id] / f"{doc_id}.txt",
                date=dt.date.fromisoformat(dates[doc_id]),
                identifier=doc_id,
            )
            register.ingest(analysis)
            follow_register(register, [doc_id])
        for path in TRACKING:
            analysis = analyse_file(path)
            register.ingest(analysis)
            follow_register(register, [analysis.metadata.id])
        step_by_step, events = _links(register), _events(register)
        follow_register(register)
        assert _links(register) == step_by_step
        assert _events(register) == events
    relations = {(d, r) for _, d, r, _, _ in step_by_step}
    assert ("kst-34293-50", "fulfils") in relations
    assert ("kst-32824-160", "fulfils") in relations
    assert ("kst-33529-521", "changes") in relations
