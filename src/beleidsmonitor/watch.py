"""Watching a dossier: what changed in the register since the previous look at it.

``beleidsmonitor watch --dossier N`` fetches what the listing service names and the register lacks
(fetch.py, the same path as ``fetch --dossier``), tracks it, and then asks this module what is new
since the previous completed watch run of that dossier (table ``fetch_runs``):

- the documents of the dossier stored after that run (by ``fetch``, ``ingest`` or this run);
- **new** commitments: those first made in one of these documents;
- **delivered**: commitments fulfilled (wholly or partly) by one of these documents;
- **overdue**: commitments overdue on this run's day that were not overdue on the previous run's
  day (on a first run: every overdue commitment).

A run is recorded only once its report is made: an interrupted run records nothing, so the next
run reports everything stored since the last completed one, the documents the interrupted run
stored included. The moment recorded is taken before the report is read, so a document another
process stores meanwhile is reported by the next run, never skipped.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from beleidsmonitor.register import db
from beleidsmonitor.register.schema import DocumentRow, FetchRunRow
from beleidsmonitor.register.store import CommitmentRecord, Register, dossier_query_key
from beleidsmonitor.vocab import Status

logger = logging.getLogger(__name__)

#: the statuses that count as delivered
DELIVERED = frozenset({Status.FULFILLED, Status.PARTLY_FULFILLED})


@dataclass(frozen=True, slots=True)
class WatchRun:
    """A completed watch run of one dossier."""

    dossier: str
    as_of: dt.date
    ran_at: dt.datetime
    #: the documents it reported as new
    documents: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class WatchReport:
    """What is new in one dossier since its previous watch run."""

    dossier: str
    as_of: dt.date
    #: the previous completed run; None on the first run
    previous: WatchRun | None
    #: the dossier's documents stored since the previous run, oldest first
    documents: tuple[str, ...]
    new: tuple[CommitmentRecord, ...]
    delivered: tuple[CommitmentRecord, ...]
    overdue: tuple[CommitmentRecord, ...]


def last_run(register: Register, dossier: str) -> WatchRun | None:
    """The latest completed watch run of ``dossier`` ("32824", "21501-07"), or None."""
    key = dossier_query_key(dossier)
    with db.session_factory(register.engine)() as session:
        row = session.scalar(
            select(FetchRunRow)
            .where(FetchRunRow.dossier == key)
            .order_by(FetchRunRow.ran_at.desc(), FetchRunRow.id.desc())
            .limit(1)
        )
        if row is None:
            return None
        return WatchRun(row.dossier, row.as_of, _utc(row.ran_at), tuple(row.documents or ()))


def _utc(moment: dt.datetime) -> dt.datetime:
    """SQLite hands back naive datetimes; they were stored as UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def watch_report(register: Register, dossier: str, as_of: dt.date) -> tuple[WatchReport, dt.datetime]:
    """What is new in ``dossier`` since its previous watch run (module docstring); nothing is written.

    Args:
        register: the register (tracked after the latest fetch, so that fulfilments are known).
        dossier: the dossier number, its suffix after a hyphen.
        as_of: the day statuses are computed for.

    Returns:
        The report and the moment to record with :func:`record_run` (taken before reading).
    """
    key = dossier_query_key(dossier)
    previous = last_run(register, key)
    cutoff = dt.datetime.now(dt.UTC)
    query = select(DocumentRow.id, DocumentRow.ingested_at).where(DocumentRow.dossier == key)
    with db.session_factory(register.engine)() as session:
        stored = [
            (doc_id, _utc(at))
            for doc_id, at in session.execute(query)
            if previous is None or _utc(at) > previous.ran_at
        ]
    documents = tuple(doc_id for doc_id, _ in sorted(stored, key=lambda pair: (pair[1], pair[0])))
    fresh = set(documents)
    records = register.list_commitments(as_of, dossier=key)
    before = (
        {r.id: r.status for r in register.list_commitments(previous.as_of, dossier=key)}
        if previous is not None
        else {}
    )
    report = WatchReport(
        dossier=key,
        as_of=as_of,
        previous=previous,
        documents=documents,
        new=tuple(r for r in records if r.first_document_id in fresh),
        delivered=tuple(r for r in records if r.fulfilled_by in fresh and r.status in DELIVERED),
        overdue=tuple(
            r for r in records if r.status is Status.OVERDUE and before.get(r.id) is not Status.OVERDUE
        ),
    )
    logger.info(
        "dossier %s: %d documents, %d new, %d delivered, %d newly overdue since %s",
        key,
        len(documents),
        len(report.new),
        len(report.delivered),
        len(report.overdue),
        previous.ran_at.isoformat() if previous else "the start",
    )
    return report, cutoff


def record_run(register: Register, report: WatchReport, ran_at: dt.datetime) -> None:
    """Record a completed watch run, so that the next run reports only what comes after it.

    Raises:
        RegisterError: R003 when the register stays locked.
    """

    def add(session: Session) -> None:
        session.add(
            FetchRunRow(
                dossier=report.dossier,
                as_of=report.as_of,
                ran_at=ran_at,
                documents=list(report.documents),
            )
        )

    register.write(add, f"watch {report.dossier}")
