"""The register: the only module that writes to or queries the database.

:func:`open_register` builds a :class:`Register` from the settings (migrating the schema to the newest
revision). :meth:`Register.ingest` stores one analysed document in one transaction: it is
idempotent by the content's sha256 (the same letter twice adds nothing), and all-or-nothing (an
exception midway leaves the store exactly as before). While storing, repeated mentions are merged
into one commitment (register/merge.py) and earlier commitments that the document reports done are
marked fulfilled (track/fulfilment.py). Queries return frozen records, never ORM rows.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, selectinload, sessionmaker

from beleidsmonitor.errors import Code, RegisterError
from beleidsmonitor.model import Analysis, Commitment, DocumentMetadata, Interval, Span
from beleidsmonitor.normalise.identifiers import dossier_key, parse_dossier, parse_kamerstuk_id
from beleidsmonitor.register import db
from beleidsmonitor.register.merge import Entry, MentionFeatures, mention_features, place_mentions
from beleidsmonitor.register.schema import (
    CommitmentRow,
    DocumentRow,
    ExtractionRow,
    MeasureRow,
    MentionRow,
    StatusChangeRow,
)
from beleidsmonitor.settings import Settings
from beleidsmonitor.track.fulfilment import OpenCommitment, find_fulfilments
from beleidsmonitor.track.status import commitment_status
from beleidsmonitor.vocab import CommitmentKind, MeasureState, Part, Status

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What ingesting one document did."""

    document_id: str
    #: False when the same content (or the same document id) was already in the register
    added: bool
    commitments_new: int = 0
    mentions: int = 0
    merged: int = 0
    fulfilled: int = 0
    duplicate_of: str = ""
    #: the document's date, and whether it was inferred rather than printed or given
    date: dt.date | None = None
    date_inferred: bool = False


@dataclass(frozen=True, slots=True)
class DocumentRecord:
    """A stored document's metadata."""

    id: str
    dossier: str
    nr: str
    vergaderjaar: str
    date: dt.date | None
    title: str
    ministry: str
    doc_type: str
    sha256: str
    source_path: str
    format: str
    commitments: int
    #: True when the date was not printed or given but inferred from the dates the text names
    date_inferred: bool = False


@dataclass(frozen=True, slots=True)
class CommitmentRecord:
    """A register entry with its status as of the date asked for."""

    id: int
    key: str
    dossier: str
    ministry: str
    kind: CommitmentKind
    quote: str
    actor: str
    object: str
    recipient: str
    time_text: str | None
    due: Interval | None
    section: str
    topic_path: tuple[str, ...]
    part: Part
    confidence: float
    first_document_id: str
    first_document_date: dt.date | None
    fulfilled_by: str | None
    fulfilled_quote: str
    fulfilled_confidence: float
    mentions: int
    status: Status


@dataclass(frozen=True, slots=True)
class MentionRecord:
    """One mention of a commitment, with its place in the clean and in the source text."""

    id: int
    document_id: str
    document_date: dt.date | None
    quote: str
    span: Span
    source_span: Span
    sentence: int
    section: str
    part: Part
    time_text: str | None
    due: Interval | None
    same_as: int | None
    merge_score: float


@dataclass(frozen=True, slots=True)
class StatusChangeRecord:
    """One event in a commitment's history."""

    on: dt.date | None
    event: str
    status: Status
    document_id: str | None
    note: str


@dataclass(frozen=True, slots=True)
class CommitmentDetail:
    """A commitment with every mention and its history."""

    commitment: CommitmentRecord
    mentions: tuple[MentionRecord, ...]
    history: tuple[StatusChangeRecord, ...]


@dataclass(frozen=True, slots=True)
class MeasureRecord:
    """A stored policy measure."""

    id: int
    document_id: str
    dossier: str
    heading: str
    topic_path: tuple[str, ...]
    part: Part
    state: MeasureState
    evidence: tuple[str, ...]


def _interval(start: dt.date | None, end: dt.date | None) -> Interval | None:
    return None if start is None else Interval(start, end)


def dossier_of(meta: DocumentMetadata) -> str:
    """The register key of a document's dossier, its suffix included ("33400-XV"); "" when unknown."""
    return dossier_key(meta.dossier, meta.suffix) if meta.dossier else ""


def _cited_dossier(identifier: str) -> str:
    try:
        parts = parse_kamerstuk_id(identifier)
    except ValueError:
        return ""
    return dossier_key(parts.dossier, parts.suffix)


def dossier_query_key(dossier: str) -> str:
    """A dossier filter as the user wrote it ("33 400 XV") in the register's key form; kept when odd."""
    try:
        return parse_dossier(dossier)
    except ValueError:
        return dossier.replace(" ", "")


def document_id_of(analysis: Analysis) -> str:
    """The register id of an analysed document: its kamerstuk id, else one made from its sha256."""
    return analysis.metadata.id or f"sha256-{analysis.clean.source.sha256[:16]}"


class Register:
    """The commitment register on one database. Use :func:`open_register` to get one."""

    def __init__(self, engine: Engine, settings: Settings) -> None:
        self.engine = engine
        self.settings = settings
        self._sessions: sessionmaker[Session] = db.session_factory(engine)
        self._writes: sessionmaker[Session] = db.session_factory(db.writer(engine))

    def __enter__(self) -> Register:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    # --- writing ---------------------------------------------------------------------------------

    def ingest(self, analysis: Analysis) -> IngestResult:
        """Store one analysed document with its commitments, in one transaction.

        Args:
            analysis: the document as the pipeline analysed it.

        Returns:
            What was added; ``added`` is False when the same content is already stored.

        Raises:
            RegisterError: R003 when other processes kept the register locked, R007 when the database
                refused the document; nothing of the document is then stored.
        """

        def attempt() -> IngestResult:
            with self._writes.begin() as session:
                db.lock_for_write(session)
                return self._ingest(session, analysis)

        try:
            return db.retry_locked(attempt, document_id_of(analysis))
        except SQLAlchemyError as exc:
            raise RegisterError(Code.R007, f"{document_id_of(analysis)}: {exc}") from exc

    def _ingest(self, session: Session, analysis: Analysis) -> IngestResult:
        doc_id = document_id_of(analysis)
        sha = analysis.clean.source.sha256
        same = session.scalar(select(DocumentRow.id).where(DocumentRow.sha256 == sha))
        if same is not None:
            logger.info("%s: already in the register (same content as %s)", doc_id, same)
            return IngestResult(doc_id, False, duplicate_of=same)
        if session.get(DocumentRow, doc_id) is not None:
            logger.warning("%s: a document with this id but other content is already stored", doc_id)
            return IngestResult(doc_id, False, duplicate_of=doc_id)
        session.add(_document_row(analysis, doc_id))
        session.flush()
        session.add_all(_extraction_rows(analysis, doc_id))
        session.add_all(
            MeasureRow(
                document_id=doc_id,
                heading=m.heading,
                topic_path=list(m.topic_path),
                part=m.part.value,
                state=m.state.value,
                evidence=list(m.evidence),
            )
            for m in analysis.measures
        )
        session.flush()
        new, merged = self._add_mentions(session, analysis, doc_id)
        fulfilled = self._mark_fulfilled(session, analysis, doc_id)
        logger.info(
            "%s: %d mentions, %d new commitments, %d merged, %d fulfilled",
            doc_id,
            len(analysis.commitments),
            new,
            merged,
            fulfilled,
        )
        meta = analysis.metadata
        return IngestResult(
            doc_id,
            True,
            new,
            len(analysis.commitments),
            merged,
            fulfilled,
            date=meta.date,
            date_inferred=meta.date_inferred,
        )

    def _add_mentions(self, session: Session, analysis: Analysis, doc_id: str) -> tuple[int, int]:
        meta = analysis.metadata
        rows = list(
            session.scalars(
                select(CommitmentRow)
                .where(CommitmentRow.dossier == dossier_of(meta))
                .options(selectinload(CommitmentRow.mentions))
                .order_by(CommitmentRow.id)
            )
        )
        dates = _document_dates(session, {m.document_id for row in rows for m in row.mentions})
        entries = [
            Entry(
                row.id,
                tuple(_features_of_row(m, row.dossier, dates.get(m.document_id)) for m in row.mentions),
            )
            for row in rows
        ]
        by_id = {row.id: row for row in rows}
        features = [mention_features(c, doc_id, meta.date, dossier_of(meta)) for c in analysis.commitments]
        placements = place_mentions(features, entries)
        leaders: dict[int, CommitmentRow] = {}
        new = merged = 0
        for index, (commitment, placement) in enumerate(zip(analysis.commitments, placements, strict=True)):
            if placement.key is not None:
                row = by_id[int(str(placement.key))]
            elif placement.leader in leaders:
                row = leaders[placement.leader]
            else:
                row = _commitment_row(commitment, doc_id, dossier_of(meta))
                session.add(row)
                session.flush()
                row.changes.append(
                    StatusChangeRow(
                        document_id=doc_id, on=meta.date, event="registered", status=Status.OPEN.value
                    )
                )
                leaders[index] = row
                new += 1
            mention = _mention_row(analysis, commitment, doc_id, placement.score)
            if row.mentions:
                merged += 1
                mention.same_as = row.mentions[0].id
                self._update_deadline(row, commitment, doc_id, meta.date, dates)
            row.mentions.append(mention)
            session.flush()
        return new, merged

    @staticmethod
    def _update_deadline(
        row: CommitmentRow,
        commitment: Commitment,
        doc_id: str,
        date: dt.date | None,
        dates: dict[str, dt.date | None],
    ) -> None:
        """A later document may move the deadline; a repetition in the same document may fill one in."""
        if commitment.due is None:
            return
        later = row.first_document_id != doc_id
        if not later and row.due_start is not None:
            return
        if (row.due_start, row.due_end) == (commitment.due.start, commitment.due.end):
            return
        old = f"{row.due_start}..{row.due_end}" if row.due_start else "none"
        row.due_start, row.due_end, row.time_text = (
            commitment.due.start,
            commitment.due.end,
            commitment.time_text,
        )
        if later:
            row.changes.append(
                StatusChangeRow(
                    document_id=doc_id,
                    on=date,
                    event="deadline moved",
                    status=Status.OPEN.value,
                    note=f"{old} → {commitment.due.start}..{commitment.due.end}",
                )
            )

    def _mark_fulfilled(self, session: Session, analysis: Analysis, doc_id: str) -> int:
        meta = analysis.metadata
        cited = {_cited_dossier(r.id) for r in analysis.references if r.id and r.id.startswith("kst-")}
        dossiers = {dossier_of(meta), *cited}
        rows = list(
            session.scalars(
                select(CommitmentRow).where(
                    CommitmentRow.dossier.in_(sorted(dossiers)),
                    CommitmentRow.fulfilled_by_id.is_(None),
                    CommitmentRow.first_document_id != doc_id,
                )
            )
        )
        if not rows:
            return 0
        dates = _document_dates(session, {row.first_document_id for row in rows})
        candidates = [
            OpenCommitment(
                row.id,
                row.first_document_id,
                dates.get(row.first_document_id),
                row.dossier,
                CommitmentKind(row.kind),
                row.quote,
                row.object,
            )
            for row in rows
        ]
        by_id = {row.id: row for row in rows}
        found = find_fulfilments(analysis, candidates)
        for fulfilment in found:
            row = by_id[int(str(fulfilment.key))]
            row.fulfilled_by_id = doc_id
            row.fulfilled_quote = fulfilment.quote
            row.fulfilled_confidence = fulfilment.confidence
            row.changes.append(
                StatusChangeRow(
                    document_id=doc_id,
                    on=meta.date,
                    event="fulfilled",
                    status=Status.FULFILLED.value,
                    note=fulfilment.quote,
                )
            )
        session.flush()
        return len(found)

    # --- queries ---------------------------------------------------------------------------------

    def list_commitments(
        self,
        as_of: dt.date | None = None,
        status: Status | None = None,
        dossier: str | None = None,
        ministry: str | None = None,
        kind: CommitmentKind | None = None,
    ) -> tuple[CommitmentRecord, ...]:
        """Commitments with their status on ``as_of`` (today when None), filtered as asked.

        Args:
            as_of: the day statuses are computed for.
            status: keep only commitments with this status.
            dossier: keep only this dossier ("32824").
            ministry: keep only commitments first made by this ministry (case-insensitive).
            kind: keep only this kind.

        Returns:
            The records ordered by deadline end (undated last), then id.
        """
        day = as_of or dt.date.today()
        query = (
            select(CommitmentRow, DocumentRow)
            .join(DocumentRow, DocumentRow.id == CommitmentRow.first_document_id)
            .options(selectinload(CommitmentRow.mentions))
            .order_by(CommitmentRow.id)
        )
        if dossier:
            query = query.where(CommitmentRow.dossier == dossier_query_key(dossier))
        if ministry:
            query = query.where(DocumentRow.ministry.ilike(db.like_literal(ministry), escape="\\"))
        if kind is not None:
            query = query.where(CommitmentRow.kind == kind.value)
        with self._sessions() as session:
            records = [self._record(row, doc, day) for row, doc in session.execute(query).all()]
        if status is not None:
            records = [r for r in records if r.status is status]
        records.sort(key=lambda r: (r.due is None or r.due.end is None, r.due.end if r.due else None, r.id))
        return tuple(records)

    def get_commitment(self, commitment_id: int, as_of: dt.date | None = None) -> CommitmentDetail:
        """One commitment with its mentions (clean and source positions) and its history.

        Raises:
            RegisterError: R001 when there is no such commitment.
        """
        day = as_of or dt.date.today()
        if not 0 < commitment_id <= db.MAX_ID:  # no row has it, and the driver could not even send it
            raise RegisterError(Code.R001, str(commitment_id))
        with self._sessions() as session:
            row = session.get(
                CommitmentRow,
                commitment_id,
                options=[selectinload(CommitmentRow.mentions), selectinload(CommitmentRow.changes)],
            )
            if row is None:
                raise RegisterError(Code.R001, str(commitment_id))
            doc = session.get(DocumentRow, row.first_document_id)
            assert doc is not None  # a foreign key guarantees it
            dates = _document_dates(session, {m.document_id for m in row.mentions})
            record = self._record(row, doc, day)
            mentions = tuple(
                MentionRecord(
                    m.id,
                    m.document_id,
                    dates.get(m.document_id),
                    m.quote,
                    Span(m.start, m.end),
                    Span(m.source_start, m.source_end),
                    m.sentence,
                    m.section,
                    Part(m.part),
                    m.time_text,
                    _interval(m.due_start, m.due_end),
                    m.same_as,
                    m.merge_score,
                )
                for m in row.mentions
            )
            history = tuple(
                StatusChangeRecord(c.on, c.event, Status(c.status), c.document_id, c.note)
                for c in row.changes
            )
        return CommitmentDetail(record, mentions, history)

    def list_documents(self) -> tuple[DocumentRecord, ...]:
        """The stored documents, oldest first."""
        with self._sessions() as session:
            docs = list(session.scalars(select(DocumentRow).order_by(DocumentRow.date, DocumentRow.id)))
            counts: dict[str, int] = {}
            for first in session.scalars(select(CommitmentRow.first_document_id)):
                counts[first] = counts.get(first, 0) + 1
            return tuple(
                DocumentRecord(
                    d.id,
                    d.dossier,
                    d.nr,
                    d.vergaderjaar,
                    d.date,
                    d.title,
                    d.ministry,
                    d.doc_type,
                    d.sha256,
                    d.source_path,
                    d.format,
                    counts.get(d.id, 0),
                    date_inferred=d.date_inferred,
                )
                for d in docs
            )

    def list_measures(self, dossier: str | None = None) -> tuple[MeasureRecord, ...]:
        """The stored measures, optionally of one dossier, in document order."""
        query = (
            select(MeasureRow, DocumentRow.dossier)
            .join(DocumentRow, DocumentRow.id == MeasureRow.document_id)
            .order_by(DocumentRow.date, MeasureRow.id)
        )
        if dossier:
            query = query.where(DocumentRow.dossier == dossier_query_key(dossier))
        with self._sessions() as session:
            return tuple(
                MeasureRecord(
                    m.id,
                    m.document_id,
                    doc_dossier,
                    m.heading,
                    tuple(m.topic_path),
                    Part(m.part),
                    MeasureState(m.state),
                    tuple(m.evidence),
                )
                for m, doc_dossier in session.execute(query).all()
            )

    def counts(self) -> dict[str, int]:
        """How many documents, commitments and mentions are stored (for summaries and tests)."""
        with self._sessions() as session:
            return {
                "documents": len(session.scalars(select(DocumentRow.id)).all()),
                "commitments": len(session.scalars(select(CommitmentRow.id)).all()),
                "mentions": len(session.scalars(select(MentionRow.id)).all()),
                "extractions": len(session.scalars(select(ExtractionRow.id)).all()),
                "measures": len(session.scalars(select(MeasureRow.id)).all()),
                "status_changes": len(session.scalars(select(StatusChangeRow.id)).all()),
            }

    def _record(self, row: CommitmentRow, doc: DocumentRow, as_of: dt.date) -> CommitmentRecord:
        due = _interval(row.due_start, row.due_end)
        return CommitmentRecord(
            id=row.id,
            key=row.key,
            dossier=row.dossier,
            ministry=doc.ministry,
            kind=CommitmentKind(row.kind),
            quote=row.quote,
            actor=row.actor,
            object=row.object,
            recipient=row.recipient,
            time_text=row.time_text,
            due=due,
            section=row.section,
            topic_path=tuple(row.topic_path),
            part=Part(row.part),
            confidence=row.confidence,
            first_document_id=row.first_document_id,
            first_document_date=doc.date,
            fulfilled_by=row.fulfilled_by_id,
            fulfilled_quote=row.fulfilled_quote,
            fulfilled_confidence=row.fulfilled_confidence,
            mentions=len(row.mentions),
            status=commitment_status(
                due, row.fulfilled_by_id is not None, as_of, self.settings.due_soon_days
            ),
        )


def open_register(settings: Settings) -> Register:
    """Open (and migrate to the newest schema) the register that ``settings.database_url`` names.

    Raises:
        RegisterError: R002 when the database cannot be opened or migrated.
    """
    engine = db.create_register_engine(settings.database_url)
    db.upgrade(engine)
    return Register(engine, settings)


# --- rows from the analysis ----------------------------------------------------------------------


def _document_dates(session: Session, ids: set[str]) -> dict[str, dt.date | None]:
    if not ids:
        return {}
    query = select(DocumentRow.id, DocumentRow.date).where(DocumentRow.id.in_(sorted(ids)))
    return {doc_id: date for doc_id, date in session.execute(query).all()}


def _document_row(analysis: Analysis, doc_id: str) -> DocumentRow:
    meta = analysis.metadata
    source = analysis.clean.source
    structure: dict[str, Any] = {
        "headings": [
            {"text": h.text, "level": h.level, "start": h.span.start, "end": h.span.end, "part": h.part.value}
            for h in analysis.structure.headings
        ],
        "annex_start": analysis.structure.annex_start,
        "sentences": len(analysis.structure.sentences),
        "footnotes": [{"marker": f.marker, "text": f.text} for f in analysis.clean.footnotes],
    }
    return DocumentRow(
        id=doc_id,
        dossier=dossier_of(meta),
        suffix=meta.suffix,
        nr=meta.nr,
        vergaderjaar=meta.vergaderjaar,
        date=meta.date,
        date_inferred=meta.date_inferred,
        title=meta.title,
        dossier_title=meta.dossier_title,
        ministry=meta.ministry,
        signatories=[{"name": s.name, "role": s.role, "ministry": s.ministry} for s in meta.signatories],
        doc_type=meta.doc_type.value,
        sha256=source.sha256,
        source_path=source.path,
        format=source.format.value,
        clean_text=analysis.clean.text,
        structure=structure,
        ingested_at=dt.datetime.now(dt.UTC),
    )


def _extraction_rows(analysis: Analysis, doc_id: str) -> Iterator[ExtractionRow]:
    clean = analysis.clean

    def row(
        category: str, span: Span, text: str, sentence: int, norm: str = "", /, **value: Any
    ) -> ExtractionRow:
        source = clean.source_span(span)
        return ExtractionRow(
            document_id=doc_id,
            kind=category,
            text=text,
            start=span.start,
            end=span.end,
            source_start=source.start,
            source_end=source.end,
            sentence=sentence,
            norm=norm,
            value_start=value.pop("value_start", None),
            value_end=value.pop("value_end", None),
            value=value,
        )

    for t in analysis.time_expressions:
        yield row(
            "time", t.span, t.text, t.sentence, "", value_start=t.interval.start, value_end=t.interval.end
        )

    for r in analysis.references:
        yield row(
            "reference", r.span, r.text, r.sentence, r.id or "", kind=r.kind.value, url=r.url,
            submitters=list(r.submitters),
        )  # fmt: skip
    for a in analysis.amounts:
        yield row(
            "amount", a.span, a.text, a.sentence, a.unit, kind=a.kind.value, amount=str(a.value),
            currency=a.currency, qualifier=a.qualifier,
        )  # fmt: skip
    for o in analysis.organisations:
        yield row(
            "organisation",
            o.span,
            o.text,
            o.sentence,
            o.name,
            abbreviation=o.abbreviation,
            category=o.category,
        )
    for p in analysis.people:
        yield row("person", p.span, p.text, p.sentence, p.name, role=p.role)


def _commitment_row(commitment: Commitment, doc_id: str, dossier: str) -> CommitmentRow:
    due = commitment.due
    return CommitmentRow(
        key=f"{doc_id}#{commitment.sentence}-{commitment.span.start}",
        dossier=dossier,
        kind=commitment.kind.value,
        quote=commitment.quote,
        actor=commitment.actor,
        object=commitment.object,
        recipient=commitment.recipient,
        due_start=due.start if due else None,
        due_end=due.end if due else None,
        time_text=commitment.time_text,
        section=commitment.section,
        topic_path=list(commitment.topic_path),
        part=commitment.part.value,
        confidence=commitment.confidence,
        evidence=list(commitment.evidence),
        first_document_id=doc_id,
        fulfilled_quote="",
        fulfilled_confidence=0.0,
    )


def _mention_row(analysis: Analysis, commitment: Commitment, doc_id: str, score: float) -> MentionRow:
    source = analysis.clean.source_span(commitment.span)
    due = commitment.due
    return MentionRow(
        document_id=doc_id,
        quote=commitment.quote,
        kind=commitment.kind.value,
        start=commitment.span.start,
        end=commitment.span.end,
        source_start=source.start,
        source_end=source.end,
        sentence=commitment.sentence,
        section=commitment.section,
        part=commitment.part.value,
        object=commitment.object,
        time_text=commitment.time_text,
        due_start=due.start if due else None,
        due_end=due.end if due else None,
        confidence=commitment.confidence,
        merge_score=round(score, 4),
    )


def _features_of_row(row: MentionRow, dossier: str, date: dt.date | None) -> MentionFeatures:
    return MentionFeatures(
        document_id=row.document_id,
        document_date=date,
        dossier=dossier,
        part=Part(row.part),
        section=row.section,
        sentence=row.sentence,
        kind=CommitmentKind(row.kind),
        quote=row.quote,
        object=row.object,
        time_text=row.time_text,
        due=_interval(row.due_start, row.due_end),
    )
