"""The register: the only module that writes to or queries the database.

:func:`open_register` builds a :class:`Register` from the settings (migrating the schema to the newest
revision). :meth:`Register.ingest` stores one analysed document in one transaction: it is
idempotent by the content's sha256 (the same letter twice adds nothing), and all-or-nothing (an
exception midway leaves the store exactly as before). While storing, repeated mentions are merged
into one commitment (register/merge.py). Which later documents fulfil, repeat or change a commitment
is the track stage's job, after storing: it reads and writes through register/tracking.py, whose
links and corrections (people's changes) the queries fold into each record; statuses as of a date
follow the rules of register/status.py. Queries return frozen records, never ORM rows.

Storing is flat in the size of the register: a document's rows go in a few bulk statements, and the
entries a new mention may repeat are found through an index of word keys per dossier
(``merge_terms``, see :func:`merge.candidate_keys`) instead of reading the whole dossier; the weights
of words come from counts kept per dossier (``term_counts``). Known limit: a key carried by more than
:data:`KEY_LIMIT` entries of a dossier proposes no candidates of its own, and an entry is compared
through its first and latest :data:`ENTRY_MENTIONS` mentions.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from types import TracebackType
from typing import Any, Generic, Literal, TypeVar, cast

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Connection,
    Engine,
    Table,
    and_,
    bindparam,
    case,
    delete,
    extract,
    false,
    func,
    insert,
    inspect,
    not_,
    or_,
    select,
    true,
    union_all,
    update,
)
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, selectinload, sessionmaker

from beleidsmonitor.errors import Code, RegisterError
from beleidsmonitor.model import Analysis, Commitment, DocumentMetadata, Interval, Span
from beleidsmonitor.normalise.identifiers import dossier_key, parse_dossier
from beleidsmonitor.register import db
from beleidsmonitor.register.merge import (
    Entry,
    MentionFeatures,
    Weights,
    candidate_keys,
    mention_features,
    place_mentions,
    weighted_stems,
)
from beleidsmonitor.register.rows import DocumentRows, rows_of_analysis
from beleidsmonitor.register.schema import (
    CommitmentRow,
    DocumentRow,
    ExtractionRow,
    MeasureRow,
    MentionRow,
    MergeTermRow,
    StatusChangeRow,
    StatusSpanRow,
    TermCountRow,
    ToezeggingRow,
)
from beleidsmonitor.register.status import StatusAsOf, status_as_of
from beleidsmonitor.register.tracking import (
    CommitmentState,
    Corrected,
    CorrectionRecord,
    LinkRecord,
    commitment_states,
    corrections_for,
    fold_corrections,
    fulfilment_links,
    refresh_status_spans,
    strongest_fulfilment,
)
from beleidsmonitor.settings import Settings
from beleidsmonitor.vocab import CommitmentKind, EvidenceKind, MeasureState, Part, Review, Status, Verdict

logger = logging.getLogger(__name__)
T = TypeVar("T")

#: a word key carried by more entries of a dossier than this proposes no candidates: it is a word
#: of nearly every promise there, and reading its postings would grow with the dossier
KEY_LIMIT = 32
#: the most entries a document's mentions are compared with: those sharing the most keys
CANDIDATE_LIMIT = 30
#: the most open commitments a document's completion sentences are compared with
FULFILMENT_LIMIT = 50
#: mentions of an entry that merging compares with: its first and its latest ones
ENTRY_MENTIONS = 4
#: the most mentions of one document placed and written together. A letter has a few dozen and is
#: placed whole; a text of megabytes has tens of thousands, and placing them together held the
#: features, candidates and rows of all of them at once (ingest of 10 MB: 180 MB over the rows).
#: Slice by slice, a later slice meets the earlier slices' entries through the key index, so a
#: repetition across a slice boundary is found as one across documents is (KEY_LIMIT applies)
MENTION_SLICE = 2_000


#: records per page of a list unless asked otherwise
PAGE_SIZE = 100

# the statements of storing a document, built once: Core executemany on the write transaction's
# connection (the ORM's bulk paths cost several times the CPU per row)
_COMMITMENTS = cast(Table, CommitmentRow.__table__)
_MENTIONS = cast(Table, MentionRow.__table__)
_INSERT_DOCUMENT = insert(cast(Table, DocumentRow.__table__))
_INSERT_EXTRACTIONS = insert(cast(Table, ExtractionRow.__table__))
_INSERT_MEASURES = insert(cast(Table, MeasureRow.__table__))
_INSERT_CHANGES = insert(cast(Table, StatusChangeRow.__table__))
_INSERT_COMMITMENTS = insert(_COMMITMENTS).returning(_COMMITMENTS.c.id, sort_by_parameter_order=True)
_INSERT_MENTIONS = insert(_MENTIONS).returning(_MENTIONS.c.id, sort_by_parameter_order=True)
#: the stored documents of the same content (duplicates) or the same id (another version)
_SAME_CONTENT_OR_ID = select(DocumentRow.id, DocumentRow.sha256).where(
    or_(DocumentRow.sha256 == bindparam("sha"), DocumentRow.id == bindparam("id"))
)
_LINK_MENTIONS = (
    update(_MENTIONS).where(_MENTIONS.c.id == bindparam("mention")).values(same_as=bindparam("first"))
)
_MOVE_DEADLINES = (
    update(_COMMITMENTS)
    .where(_COMMITMENTS.c.id == bindparam("entry"))
    .values(due_start=bindparam("start"), due_end=bindparam("end"), time_text=bindparam("text"))
)


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a list, and the marker that starts the next ("" on the last page)."""

    items: tuple[T, ...]
    next_after: str


@dataclass(frozen=True, slots=True)
class CommitmentFilter:
    """What a list of commitments keeps (every condition computed by the database); None keeps all."""

    status: Status | None = None
    #: the dossier as the user wrote it ("32824", "33 400 XV")
    dossier: str | None = None
    #: the first letter's ministry (case-insensitive)
    ministry: str | None = None
    kind: CommitmentKind | None = None
    #: the first signatory of the first letter (case-insensitive)
    bewindspersoon: str | None = None
    #: the deadline in force ends on or after this day
    due_from: dt.date | None = None
    #: the deadline in force ends on or before this day
    due_to: dt.date | None = None
    #: the deadline day in force (its end, else its start when open-ended) is on or after this day
    deadline_from: dt.date | None = None
    #: keep only commitments with a deadline in force
    dated: bool = False
    #: the deadline in force falls in this year (its end, else its start): a timeline's year
    deadline_year: int | None = None
    #: a further condition on the commitments' columns (full-text search)
    matching: ColumnElement[bool] | None = None


@dataclass(frozen=True, slots=True)
class DossierRecord:
    """A dossier in the register: documents, dates, title and commitments per status."""

    dossier: str
    title: str
    documents: int
    first_date: dt.date | None
    last_date: dt.date | None
    counts: dict[Status, int]


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What ingesting one document did."""

    document_id: str
    #: False when the same content (or the same document id) was already in the register
    added: bool
    commitments_new: int = 0
    mentions: int = 0
    merged: int = 0
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
    """A register entry with its status as of the date asked for.

    Kind, actor and due are as corrected by people; ``due`` is the deadline in force on the day asked
    for and ``previous_due`` the one it replaced; ``fulfilled_*`` describe the fulfilment known then.
    """

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
    #: who signed the letter that first made it (its first signatory) and in what function
    bewindspersoon: str = ""
    functie: str = ""
    #: the committee a Chamber's register names for it, else the Tweede Kamer committee that follows
    #: its ministry (structure/metadata.py: committee_of), and then ``committee_derived`` is True
    committee: str = ""
    committee_derived: bool = False
    previous_due: Interval | None = None
    fulfilled_on: dt.date | None = None
    #: how late the fulfilment came after the deadline then in force (0: on time)
    late_days: int = 0
    #: the kind of evidence of the fulfilment and whether people accepted it
    fulfilled_evidence: EvidenceKind | None = None
    fulfilled_review: Review | None = None
    verdict: Verdict = Verdict.AUTOMATIC
    owner: str = ""
    note: str = ""
    #: where the entry comes from: a document ("written") or a Chamber's register ("tk", "ek")
    source: str = "written"
    #: the Chamber's register number when its register holds this promise (TZ201312-101, T01970)
    official_number: str = ""
    #: the status the Chamber's register gives it, verbatim ("Openstaand", "deels voldaan")
    official_status: str = ""


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
    #: what later documents say of it (fulfilment, repeat, change) with people's reviews
    links: tuple[LinkRecord, ...] = ()
    #: the audit trail: every correction people made, oldest first
    corrections: tuple[CorrectionRecord, ...] = ()


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


def dossier_query_key(dossier: str) -> str:
    """A dossier filter as the user wrote it ("33 400 XV") in the register's key form; kept when odd."""
    try:
        return parse_dossier(dossier)
    except ValueError:
        return dossier.replace(" ", "")


def document_id_of(analysis: Analysis) -> str:
    """The register id of an analysed document: its kamerstuk id, else one made from its sha256."""
    return analysis.metadata.id or f"sha256-{analysis.clean.source.sha256[:16]}"


#: extraction rows per INSERT statement
_INSERT_BATCH = 5000


class Register:
    """The commitment register on one database. Use :func:`open_register` to get one."""

    def __init__(self, engine: Engine, settings: Settings) -> None:
        self.engine = engine
        self.settings = settings
        self._spans: bool | None = None
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

    def write(self, action: Callable[[Session], T], what: str) -> T:
        """Run ``action`` in one write transaction: with the write lock, again while another process
        holds it (register/db.py). The one way other register modules write (register/tracking.py).

        Raises:
            RegisterError: R003 when other processes kept the register locked.
        """

        def attempt() -> T:
            with self._writes.begin() as session:
                db.lock_for_write(session)
                return action(session)

        return db.retry_locked(attempt, what)

    def ingest(self, analysis: Analysis) -> IngestResult:
        """Store one document analysed whole with its commitments, in one transaction (:meth:`ingest_rows`)."""
        return self.ingest_rows(rows_of_analysis(analysis))

    def ingest_rows(self, rows: DocumentRows) -> IngestResult:
        """Store one analysed document with its commitments, in one transaction.

        Args:
            rows: the document as register/rows.py takes it from its analysis or its chunks'.

        Returns:
            What was added; ``added`` is False when the same content is already stored.

        Raises:
            RegisterError: R003 when other processes kept the register locked, R007 when the database
                refused the document; nothing of the document is then stored.
        """

        def attempt() -> IngestResult:
            with self._writes.begin() as session:
                db.lock_for_write(session)
                return self._ingest(session, rows)

        try:
            return db.retry_locked(attempt, rows.id)
        except SQLAlchemyError as exc:
            raise RegisterError(Code.R007, f"{rows.id}: {exc}") from exc

    def _ingest(self, session: Session, rows: DocumentRows) -> IngestResult:
        doc_id = rows.id
        sha = rows.sha256
        # Core statements on the session's connection: the ORM's unit of work and bulk paths cost
        # more CPU per row than the database spends on it
        connection = session.connection()
        stored = connection.execute(_SAME_CONTENT_OR_ID, {"sha": sha, "id": doc_id}).all()
        same = next((row.id for row in stored if row.sha256 == sha), None)
        if same is not None:
            logger.info("%s: already in the register (same content as %s)", doc_id, same)
            return IngestResult(doc_id, False, duplicate_of=same)
        if stored:
            logger.warning("%s: a document with this id but other content is already stored", doc_id)
            return IngestResult(doc_id, False, duplicate_of=doc_id)
        connection.execute(_INSERT_DOCUMENT, [_document_values(rows, doc_id)])
        batch: list[dict[str, Any]] = []
        for row in rows.extraction_rows():
            batch.append(row | {"document_id": doc_id})
            if len(batch) == _INSERT_BATCH:
                connection.execute(_INSERT_EXTRACTIONS, batch)
                batch = []
        if batch:
            connection.execute(_INSERT_EXTRACTIONS, batch)
        measures = [m | {"document_id": doc_id} for m in rows.measures]
        if measures:
            connection.execute(_INSERT_MEASURES, measures)
        new = merged = 0
        for part in rows.mention_slices(MENTION_SLICE):
            added, joined = self._add_mentions(session, rows.metadata, part, doc_id)
            new, merged = new + added, merged + joined
        logger.info("%s: %d mentions, %d new commitments, %d merged", doc_id, rows.mention_count, new, merged)
        meta = rows.metadata
        return IngestResult(
            doc_id,
            True,
            new,
            rows.mention_count,
            merged,
            date=meta.date,
            date_inferred=meta.date_inferred,
        )

    def _add_mentions(
        self,
        session: Session,
        meta: DocumentMetadata,
        mentions: Sequence[tuple[Commitment, Span]],
        doc_id: str,
    ) -> tuple[int, int]:
        """Place mentions of one document (register/merge.py) and write them in a few bulk statements.

        Candidates come from the key index (``merge_terms``), never from the whole dossier; the
        stem weights from the dossier's counts in ``term_counts``. A later slice of a large
        document (:data:`MENTION_SLICE`) finds the entries of the earlier slices there, as entries
        of earlier documents are found.
        """
        dossier = dossier_of(meta)
        commitments = tuple(c for c, _ in mentions)
        if not commitments:
            return 0, 0
        connection = session.connection()
        features = [mention_features(c, doc_id, meta.date, dossier) for c in commitments]
        keys = [candidate_keys(f) for f in features]
        terms = {key: term_hash(dossier, "k", key) for key in sorted(set().union(*keys))}
        key_counts = _term_counts(connection, terms.values())
        held = _postings(connection, [t for t in terms.values() if 0 < key_counts.get(t, 0) <= KEY_LIMIT])
        chosen = sorted(sorted(held, key=lambda c: (-len(held[c]), c))[:CANDIDATE_LIMIT])
        entries, states = _load_entries(connection, chosen, dossier)
        weights = _dossier_weights(connection, dossier, features, entries)
        placements = place_mentions(features, entries, weights)

        # new entries, led by their first mention in this document
        leaders = [i for i, p in enumerate(placements) if p.key is None and p.leader == i]
        values = [_commitment_row(commitments[i], doc_id, dossier) for i in leaders]
        ids = list(connection.execute(_INSERT_COMMITMENTS, values).scalars()) if values else []
        for commitment_id, row in zip(ids, values, strict=True):
            states[commitment_id] = _EntryState(
                commitment_id, doc_id, row["due_start"], row["due_end"], row["time_text"], None
            )
        owner = {i: commitment_id for i, commitment_id in zip(leaders, ids, strict=True)}
        changes: list[dict[str, Any]] = [
            {
                "commitment_id": commitment_id,
                "document_id": doc_id,
                "on": meta.date,
                "event": "registered",
                "status": Status.OPEN.value,
                "note": "",
            }
            for commitment_id in ids
        ]
        target: list[int] = []
        merged = 0
        for index, (commitment, placement) in enumerate(zip(commitments, placements, strict=True)):
            known = placement.key is not None
            commitment_id = int(str(placement.key)) if known else owner[placement.leader]
            target.append(commitment_id)
            if index not in owner:
                merged += 1
                moved = states[commitment_id].take_deadline(commitment, doc_id)
                if moved:
                    changes.append(
                        {
                            "commitment_id": commitment_id,
                            "document_id": doc_id,
                            "on": meta.date,
                            "event": "deadline moved",
                            "status": Status.OPEN.value,
                            "note": moved,
                        }
                    )
        mention_rows = [
            _mention_row(commitment, source, doc_id, placement.score) | {"commitment_id": commitment_id}
            for (commitment, source), placement, commitment_id in zip(
                mentions, placements, target, strict=True
            )
        ]
        mention_ids = list(connection.execute(_INSERT_MENTIONS, mention_rows).scalars())
        for index, mention_id in enumerate(mention_ids):
            state = states[target[index]]
            if state.first_mention_id is None:
                state.first_mention_id = mention_id
        links = [
            {"mention": mention_id, "first": states[target[index]].first_mention_id}
            for index, mention_id in enumerate(mention_ids)
            if index not in owner
        ]
        if links:
            connection.execute(_LINK_MENTIONS, links)
        deadlines = [state.row_update() for state in states.values() if state.changed]
        if deadlines:
            connection.execute(_MOVE_DEADLINES, deadlines)
        if changes:
            connection.execute(_INSERT_CHANGES, changes)
        _index_mentions(connection, dossier, features, keys, target, held, key_counts, terms)
        if self._keeps_spans(session):
            refresh_status_spans(session, target)
        return len(ids), merged

    def _keeps_spans(self, session: Session) -> bool:
        """Whether the database has the status spans table (revision 0006); an older register that
        is written before it is upgraded gets its spans from that migration."""
        if self._spans is None:
            self._spans = inspect(session.connection()).has_table(StatusSpanRow.__tablename__)
        return self._spans

    # --- queries ---------------------------------------------------------------------------------

    def document_ids(self) -> frozenset[str]:
        """The ids of every stored document (a batch checks them before analysing a file)."""
        with self._sessions() as session:
            return frozenset(session.scalars(select(DocumentRow.id)))

    def document_hashes(self) -> dict[str, str]:
        """The sha256 of every stored document's source → its id (a batch hashes each file before
        analysing it, and skips the ones stored)."""
        with self._sessions() as session:
            return {
                sha: doc_id for sha, doc_id in session.execute(select(DocumentRow.sha256, DocumentRow.id))
            }

    def list_commitments(
        self,
        as_of: dt.date | None = None,
        status: Status | None = None,
        dossier: str | None = None,
        ministry: str | None = None,
        kind: CommitmentKind | None = None,
        bewindspersoon: str | None = None,
        *,
        where: CommitmentFilter | None = None,
    ) -> tuple[CommitmentRecord, ...]:
        """Commitments with their status on ``as_of`` (today when None), filtered as asked.

        Status, filters and order are computed by the database (see :meth:`page_commitments`).

        Args:
            as_of: the day statuses are computed for.
            status: keep only commitments with this status.
            dossier: keep only this dossier ("32824").
            ministry: keep only commitments first made by this ministry (case-insensitive).
            kind: keep only this kind.
            bewindspersoon: keep only commitments whose first letter this person signed (case-insensitive).
            where: further conditions (see :class:`CommitmentFilter`).

        Returns:
            The records ordered by deadline end (undated last), then id.
        """
        return self.page_commitments(
            as_of, status, dossier, ministry, kind, limit=None, bewindspersoon=bewindspersoon, where=where
        ).items

    def page_commitments(
        self,
        as_of: dt.date | None = None,
        status: Status | None = None,
        dossier: str | None = None,
        ministry: str | None = None,
        kind: CommitmentKind | None = None,
        after: str = "",
        limit: int | None = PAGE_SIZE,
        bewindspersoon: str | None = None,
        *,
        where: CommitmentFilter | None = None,
        offset: int = 0,
    ) -> Page[CommitmentRecord]:
        """One page of commitments, ordered by deadline end (undated last) and id, filtered in SQL.

        Keyset pagination: ``after`` is the ``next_after`` of the previous page ("" for the first);
        a page costs the same wherever it lies in the list. Pages numbered by the user skip
        ``offset`` records instead (then ``after`` is not used).

        Args:
            as_of: the day statuses are computed for (today when None).
            status: keep only commitments with this status (:func:`status_condition`).
            dossier: keep only this dossier ("32824").
            ministry: keep only commitments first made by this ministry (case-insensitive).
            kind: keep only this kind.
            after: where the page starts.
            limit: the most records on the page; None for all.
            bewindspersoon: keep only commitments whose first letter this person signed
                (case-insensitive).
            where: further conditions (deadline range or year, a full-text match); its own
                status, dossier, ministry, kind and bewindspersoon apply where the arguments are None.
            offset: records skipped before the page.

        Returns:
            The page; ``next_after`` is "" on the last page.

        Raises:
            RegisterError: R022 when ``after`` is not a page marker of this list.
        """
        day = as_of or dt.date.today()
        chosen = _merged_filter(where, status, dossier, ministry, kind, bewindspersoon)
        query = self._filtered(day, chosen)
        span = StatusSpanRow
        due, last_id = _parse_marker(after)
        want = None if limit is None else limit + 1
        with self._sessions() as session:
            rows: list[Any] = []
            if offset:
                # the dated ones in the deadline index's order, then the undated: no sort of the list
                dated = query.where(span.due_end.is_not(None))
                before = session.scalar(select(func.count()).select_from(dated.subquery())) or 0
                ordered = dated.order_by(span.due_end, span.commitment_id)
                rows += session.execute(ordered.offset(offset).limit(want)).all()
                if want is None or len(rows) < want:
                    undated = query.where(span.due_end.is_(None)).order_by(span.commitment_id)
                    left = None if want is None else want - len(rows)
                    rows += session.execute(undated.offset(max(offset - before, 0)).limit(left)).all()
            else:
                rows += _keyset_page(
                    session, query, span.due_end, span.commitment_id, after, due, last_id, want
                )
            shown = rows[:limit]
            records = self._records(session, [row.id for row in shown], day)
        if limit is None or len(rows) <= limit:
            return Page(records, "")
        return Page(records, _marker(shown[-1].due_end, shown[-1].id))

    def count_commitments(self, as_of: dt.date | None = None, where: CommitmentFilter | None = None) -> int:
        """How many commitments :meth:`page_commitments` would list on ``as_of``, counted in SQL."""
        query = self._filtered(as_of or dt.date.today(), where or CommitmentFilter())
        with self._sessions() as session:
            return int(session.scalar(select(func.count()).select_from(query.subquery())) or 0)

    def deadline_years(
        self, as_of: dt.date | None = None, where: CommitmentFilter | None = None
    ) -> dict[int, int]:
        """Per year, how many of the listed commitments have their deadline in force in it (its end,
        else its start; as :attr:`CommitmentFilter.deadline_year` selects them), counted in SQL."""
        span = StatusSpanRow
        year = extract("year", func.coalesce(span.due_end, span.due_start))
        query = (
            self._filtered(as_of or dt.date.today(), replace(where or CommitmentFilter(), dated=True))
            .with_only_columns(year, func.count())
            .group_by(year)
        )
        with self._sessions() as session:
            return {int(y): int(n) for y, n in session.execute(query)}

    def count_per(
        self,
        as_of: dt.date | None,
        per: Literal["ministry", "dossier"],
        where: CommitmentFilter | None = None,
    ) -> dict[str, int]:
        """How many of the listed commitments each ministry (of the first letter) or dossier has on
        ``as_of``, counted in SQL; groups without any are left out."""
        chosen = where or CommitmentFilter()
        query = self._filtered(as_of or dt.date.today(), chosen, per == "ministry", per == "dossier")
        key = DocumentRow.ministry if per == "ministry" else CommitmentRow.dossier
        grouped = query.with_only_columns(key, func.count()).group_by(key)
        with self._sessions() as session:
            return {str(k or ""): int(n) for k, n in session.execute(grouped)}

    def count_per_month(
        self, as_of: dt.date | None, first: dt.date, until: dt.date, where: CommitmentFilter | None = None
    ) -> dict[tuple[int, int], tuple[int, int]]:
        """Per (year, month), how many listed commitments have the deadline in force on ``as_of``
        ending in it, between ``first`` and before ``until``, and how many of those are fulfilled."""
        day = as_of or dt.date.today()
        span = StatusSpanRow
        year, month = extract("year", span.due_end), extract("month", span.due_end)
        met = func.sum(
            case((status_condition(Status.FULFILLED, day, self.settings.due_soon_days), 1), else_=0)
        )
        query = (
            self._filtered(day, where or CommitmentFilter())
            .where(span.due_end >= first, span.due_end < until)
            .with_only_columns(year, month, func.count(), met)
            .group_by(year, month)
        )
        with self._sessions() as session:
            return {(int(y), int(m)): (int(n), int(f or 0)) for y, m, n, f in session.execute(query)}

    def first_per_signer(
        self, as_of: dt.date | None, where: CommitmentFilter, limit: int | None, rows: int | None = None
    ) -> tuple[tuple[CommitmentRecord, ...], dict[tuple[str, str, str], int]]:
        """The listed commitments grouped by the ministry and the first signatory (name, function) of
        their first letter: how many each group holds, and its first ``limit`` records in list order
        (all when None); both computed in SQL (a window function numbers each group's rows).

        Args:
            as_of: the day statuses are computed for (today when None).
            where: which commitments.
            limit: the most records of one group; None for all.
            rows: the most records in all, about: each group then gets an equal share of them (at
                least one), never more than ``limit``.

        Returns:
            The records, in list order (deadline end, undated last; id), and the count per
            (ministry, bewindspersoon, functie), "" where the letter names none.
        """
        day = as_of or dt.date.today()
        span = StatusSpanRow
        name = func.coalesce(DocumentRow.signatories[(0, "name")].as_string(), "")
        role = func.coalesce(DocumentRow.signatories[(0, "role")].as_string(), "")
        query = self._filtered(day, where, documents=True)
        groups = query.with_only_columns(DocumentRow.ministry, name, role, func.count()).group_by(
            DocumentRow.ministry, name, role
        )
        order = (span.due_end.is_(None), span.due_end, span.commitment_id)
        with self._sessions() as session:
            counts = {(m or "", n, r): int(c) for m, n, r, c in session.execute(groups)}
            if rows is not None and counts:
                share = max(1, rows // len(counts))
                limit = share if limit is None else min(limit, share)
            if limit is None:
                ids = query.order_by(*order)
            else:
                rank = func.row_number().over(partition_by=(DocumentRow.ministry, name, role), order_by=order)
                ranked = query.add_columns(rank.label("rank")).subquery()
                ids = (
                    select(ranked.c.id)
                    .where(ranked.c.rank <= limit)
                    .order_by(ranked.c.due_end.is_(None), ranked.c.due_end, ranked.c.id)
                )
            records = self._records(session, list(session.scalars(ids)), day)
        return records, counts

    def _filtered(
        self, day: dt.date, where: CommitmentFilter, documents: bool = False, commitments: bool = False
    ) -> Any:
        """The ids (and deadline ends) of the commitments ``where`` keeps: their status spans on ``day``,
        joined to the commitments only when a condition reads them or ``commitments`` (and to their
        first document when ``documents``); unordered. Order by ``StatusSpanRow.commitment_id``, never ``CommitmentRow.id``:
        the deadline index (due_end, commitment_id) then gives the order without a sort."""
        span = StatusSpanRow
        query = select(span.commitment_id.label("id"), span.due_end).where(span_on(day))
        reads = (where.dossier, where.matching is not None, where.ministry, where.bewindspersoon)
        if commitments or documents or any(reads):
            query = query.join(CommitmentRow, CommitmentRow.id == span.commitment_id)
        if where.dossier:
            query = query.where(CommitmentRow.dossier == dossier_query_key(where.dossier))
        if documents or where.ministry or where.bewindspersoon:
            query = query.join(DocumentRow, DocumentRow.id == CommitmentRow.first_document_id)
        if where.ministry:
            query = query.where(DocumentRow.ministry.ilike(db.like_literal(where.ministry), escape="\\"))
        if where.bewindspersoon:
            # the first signatory's name, read from the JSON by the database (SQLite and PostgreSQL)
            signer = DocumentRow.signatories[(0, "name")].as_string()
            query = query.where(func.lower(signer) == func.lower(where.bewindspersoon))
        if where.kind is not None:
            query = query.where(span.kind == where.kind.value)
        if where.status is not None:
            query = query.where(status_condition(where.status, day, self.settings.due_soon_days))
        if where.due_from is not None:
            query = query.where(span.due_end >= where.due_from)
        if where.due_to is not None:
            query = query.where(span.due_end <= where.due_to)
        if where.dated or where.deadline_year is not None or where.deadline_from is not None:
            query = query.where(span.due_start.is_not(None))
        if where.deadline_from is not None:
            query = query.where(func.coalesce(span.due_end, span.due_start) >= where.deadline_from)
        if where.deadline_year is not None:
            first, last = dt.date(where.deadline_year, 1, 1), dt.date(where.deadline_year, 12, 31)
            query = query.where(func.coalesce(span.due_end, span.due_start).between(first, last))
        if where.matching is not None:
            query = query.where(where.matching)
        return query

    def _records(self, session: Session, ids: Sequence[int], day: dt.date) -> tuple[CommitmentRecord, ...]:
        """The records of the commitments ``ids`` on ``day``, in that order, read from their status
        spans: no mentions are loaded; corrections and fulfilment links only where there are any."""
        span = StatusSpanRow
        found: dict[int, CommitmentRecord] = {}
        for batch in _chunks(ids):
            query = (
                select(
                    *_RECORD_COLUMNS,
                    DocumentRow.ministry,
                    DocumentRow.date.label("document_date"),
                    DocumentRow.signatories,
                    span.due_start.label("span_due_start"),
                    span.due_end.label("span_due_end"),
                    span.previous_start,
                    span.previous_end,
                    span.fulfilled_on,
                    span.late_days,
                    status_column(day, self.settings.due_soon_days).label("status_value"),
                )
                .join(DocumentRow, DocumentRow.id == CommitmentRow.first_document_id)
                .join(span, and_(span.commitment_id == CommitmentRow.id, span_on(day)))
                .where(CommitmentRow.id.in_(batch))
            )
            rows = session.execute(query).all()
            mentions = dict(
                session.execute(
                    select(MentionRow.commitment_id, func.count())
                    .where(MentionRow.commitment_id.in_(batch))
                    .group_by(MentionRow.commitment_id)
                ).all()
            )
            corrections = corrections_for(session, rows)
            committees = _named_committees(session, batch)
            corrected = {
                row.id: fold_corrections(CommitmentKind(row.kind), row.actor, corrections.get(row.id, ()))
                for row in rows
            }
            settled = [row for row in rows if row.fulfilled_on is not None]
            links = fulfilment_links(session, settled, {i: c.reviews for i, c in corrected.items()})
            for row in rows:
                now = StatusAsOf(
                    Status(row.status_value),
                    _interval(row.span_due_start, row.span_due_end),
                    _interval(row.previous_start, row.previous_end),
                    row.fulfilled_on,
                    row.late_days,
                )
                fulfilment = strongest_fulfilment(links.get(row.id, ()), day) if row.fulfilled_on else None
                found[row.id] = _record_of(
                    row, row.ministry, row.document_date, row.signatories, corrected[row.id], now,
                    fulfilment, mentions.get(row.id, 0), committees.get(row.id, ""),
                )  # fmt: skip
        return tuple(found[i] for i in ids)

    def count_statuses(
        self, as_of: dt.date | None = None, dossier: str | None = None, made_by: bool = False
    ) -> dict[Status, int]:
        """How many commitments (of one dossier, or all) have each status on ``as_of``, counted in SQL;
        with ``made_by``, only those whose first letter is dated on or before ``as_of`` (or undated)."""
        day = as_of or dt.date.today()
        column = status_column(day, self.settings.due_soon_days)
        query = select(column, func.count()).select_from(StatusSpanRow).where(span_on(day)).group_by(column)
        if dossier:
            query = query.join(CommitmentRow, CommitmentRow.id == StatusSpanRow.commitment_id)
            query = query.where(CommitmentRow.dossier == dossier_query_key(dossier))
        if made_by:
            # leave out those made later: the database finds them through its (date, id) and
            # first-document indexes instead of looking up every commitment's letter
            later = (
                select(CommitmentRow.id)
                .join(DocumentRow, DocumentRow.id == CommitmentRow.first_document_id)
                .where(DocumentRow.date > day)
            )
            if dossier:
                # of the dossier only: over the whole register this list is most of it (at 100,000
                # letters a one-letter dossier's chart read it twelve times, 1 s)
                later = later.where(CommitmentRow.dossier == dossier_query_key(dossier))
            query = query.where(StatusSpanRow.commitment_id.not_in(later))
        tally = dict.fromkeys(Status, 0)
        with self._sessions() as session:
            for value, count in session.execute(query):
                tally[Status(value)] += count
        return tally

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
            dates = _document_dates(session.connection(), {m.document_id for m in row.mentions})
            state = commitment_states(session, [row])[row.id]
            record = self._record(row, doc, day, state, _named_committees(session, [row.id]).get(row.id, ""))
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
        return CommitmentDetail(record, mentions, history, state.links, state.corrections)

    def page_documents(
        self, after: str = "", limit: int | None = PAGE_SIZE, dossier: str | None = None
    ) -> Page[DocumentRecord]:
        """Stored documents, oldest first (undated last), without their text; keyset paged.

        Args:
            after: the ``next_after`` of the previous page ("" for the first).
            limit: the most records on the page; None for all.
            dossier: keep only this dossier.

        Raises:
            RegisterError: R022 when ``after`` is not a page marker of this list.
        """
        query = select(*_DOCUMENT_COLUMNS)
        if dossier:
            query = query.where(DocumentRow.dossier == dossier_query_key(dossier))
        day, last_id = _parse_marker(after, numeric=False)
        rows: list[Any] = []
        want = None if limit is None else limit + 1
        with self._sessions() as session:
            rows += _keyset_page(session, query, DocumentRow.date, DocumentRow.id, after, day, last_id, want)
            shown = rows[:limit]
            counts = _first_document_counts(session, [row.id for row in shown])
        records = tuple(_document_record(row, counts.get(row.id, 0)) for row in shown)
        if limit is None or len(rows) <= limit:
            return Page(records, "")
        return Page(records, _marker(records[-1].date, records[-1].id))

    def list_documents(self, dossier: str | None = None) -> tuple[DocumentRecord, ...]:
        """The stored documents (of one dossier, or all), oldest first, undated last; no text loaded."""
        return self.page_documents(limit=None, dossier=dossier).items

    def get_document(self, document_id: str) -> DocumentRecord:
        """One stored document's metadata.

        Raises:
            RegisterError: R001 when there is no such document.
        """
        with self._sessions() as session:
            row = session.execute(select(*_DOCUMENT_COLUMNS).where(DocumentRow.id == document_id)).first()
            if row is None:
                raise RegisterError(Code.R001, f"document {document_id}")
            counts = _first_document_counts(session, [document_id])
        return _document_record(row, counts.get(document_id, 0))

    def page_dossiers(
        self, as_of: dt.date | None = None, after: str = "", limit: int | None = PAGE_SIZE
    ) -> Page[DossierRecord]:
        """Dossiers in key order with document counts, dates, title and commitments per status.

        Only the dossiers of the page are counted; ``after`` is the last dossier of the previous page.
        """
        day = as_of or dt.date.today()
        query = (
            select(
                DocumentRow.dossier,
                func.count(DocumentRow.id),
                func.min(DocumentRow.date),
                func.max(DocumentRow.date),
            )
            .group_by(DocumentRow.dossier)
            .order_by(DocumentRow.dossier)
        )
        if after:
            query = query.where(DocumentRow.dossier > after)
        want = None if limit is None else limit + 1
        with self._sessions() as session:
            rows = session.execute(query.limit(want)).all()
            shown = rows[:limit]
            dossiers = [row[0] for row in shown]
            titles = _dossier_titles(session, dossiers)
            status = status_column(day, self.settings.due_soon_days)
            tally: dict[str, dict[Status, int]] = {d: dict.fromkeys(Status, 0) for d in dossiers}
            for batch in _chunks(dossiers):
                counted = (
                    select(CommitmentRow.dossier, status, func.count())
                    .join(StatusSpanRow, and_(StatusSpanRow.commitment_id == CommitmentRow.id, span_on(day)))
                    .where(CommitmentRow.dossier.in_(batch))
                    .group_by(CommitmentRow.dossier, status)
                )
                for dossier, value, count in session.execute(counted):
                    tally[dossier][Status(value)] += count
        records = tuple(
            DossierRecord(d, titles.get(d, ""), n, first, last, tally[d]) for d, n, first, last in shown
        )
        more = limit is not None and len(rows) > limit
        return Page(records, records[-1].dossier if more else "")

    def dossier_title(self, dossier: str) -> str:
        """The title of a dossier: the first (by date) document's dossier title, else its title."""
        with self._sessions() as session:
            return _dossier_titles(session, [dossier]).get(dossier, "")

    def list_measures(self, dossier: str | None = None) -> tuple[MeasureRecord, ...]:
        """The stored measures, optionally of one dossier, in document order."""
        query = (
            select(*_MEASURE_COLUMNS, DocumentRow.dossier)
            .join(DocumentRow, DocumentRow.id == MeasureRow.document_id)
            .order_by(DocumentRow.date, MeasureRow.id)
        )
        if dossier:
            query = query.where(DocumentRow.dossier == dossier_query_key(dossier))
        with self._sessions() as session:
            return tuple(_measure_record(row) for row in session.execute(query))

    def page_measures(
        self, dossier: str | None = None, after: str = "", limit: int | None = PAGE_SIZE
    ) -> Page[MeasureRecord]:
        """Stored measures (of one dossier, or all) in the order they were stored; keyset paged by id.

        Raises:
            RegisterError: R022 when ``after`` is not a page marker of this list.
        """
        _, last_id = _parse_marker(after)
        query = (
            select(*_MEASURE_COLUMNS, DocumentRow.dossier)
            .join(DocumentRow, DocumentRow.id == MeasureRow.document_id)
            .where(MeasureRow.id > last_id)
            .order_by(MeasureRow.id)
            .limit(None if limit is None else limit + 1)
        )
        if dossier:
            query = query.where(DocumentRow.dossier == dossier_query_key(dossier))
        with self._sessions() as session:
            rows = session.execute(query).all()
        records = tuple(_measure_record(row) for row in rows[:limit])
        more = limit is not None and len(rows) > limit
        return Page(records, _marker(None, records[-1].id) if more else "")

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

    def _record(
        self, row: CommitmentRow, doc: DocumentRow, as_of: dt.date, state: CommitmentState, committee: str
    ) -> CommitmentRecord:
        """A commitment's record from its full state (the detail page; lists read status spans);
        ``committee`` is the one a register names, or empty."""
        now = status_as_of(state.history, as_of, self.settings.due_soon_days)
        fulfilment = state.fulfilment_on(as_of) if now.fulfilled_on is not None else None
        corrected = Corrected(
            state.kind, state.actor, state.owner, state.note, state.verdict, None, False, None, {}
        )
        return _record_of(
            row,
            doc.ministry,
            doc.date,
            doc.signatories,
            corrected,
            now,
            fulfilment,
            len(row.mentions),
            committee,
        )


def _record_of(
    row: Any,
    ministry: str,
    document_date: dt.date | None,
    signatories: list[Any] | None,
    corrected: Corrected,
    now: StatusAsOf,
    fulfilment: LinkRecord | None,
    mentions: int,
    committee: str,
) -> CommitmentRecord:
    """The record of a commitment row (ORM or the columns of :data:`_RECORD_COLUMNS`); ``committee``
    is the one a Chamber's register names, else empty (then it is derived from the ministry)."""
    # imported here: the structure stage's package is not needed to list the register
    from beleidsmonitor.structure.metadata import committee_of

    signer = _signer(signatories)
    return CommitmentRecord(
        id=row.id,
        key=row.key,
        dossier=row.dossier,
        ministry=ministry,
        kind=corrected.kind,
        quote=row.quote,
        actor=corrected.actor,
        object=row.object,
        recipient=row.recipient,
        time_text=row.time_text,
        due=now.due,
        section=row.section,
        topic_path=tuple(row.topic_path or ()),
        part=Part(row.part),
        confidence=row.confidence,
        first_document_id=row.first_document_id,
        first_document_date=document_date,
        fulfilled_by=fulfilment.document_id if fulfilment else None,
        fulfilled_quote=fulfilment.quote if fulfilment else "",
        fulfilled_confidence=fulfilment.confidence if fulfilment else 0.0,
        mentions=mentions,
        status=now.status,
        previous_due=now.previous_due,
        fulfilled_on=now.fulfilled_on,
        late_days=now.late_days,
        fulfilled_evidence=fulfilment.evidence if fulfilment else None,
        fulfilled_review=fulfilment.review if fulfilment else None,
        verdict=corrected.verdict,
        owner=corrected.owner,
        note=corrected.note,
        bewindspersoon=signer.get("name", ""),
        functie=signer.get("role", ""),
        committee=committee or committee_of(ministry),
        committee_derived=not committee and bool(ministry),
        source=row.source,
        official_number=row.official_number,
        official_status=row.official_status,
    )


#: the commitment columns a list record reads (never ``evidence``)
_RECORD_COLUMNS = (
    CommitmentRow.id,
    CommitmentRow.key,
    CommitmentRow.dossier,
    CommitmentRow.kind,
    CommitmentRow.quote,
    CommitmentRow.actor,
    CommitmentRow.object,
    CommitmentRow.recipient,
    CommitmentRow.time_text,
    CommitmentRow.section,
    CommitmentRow.topic_path,
    CommitmentRow.part,
    CommitmentRow.confidence,
    CommitmentRow.first_document_id,
    CommitmentRow.source,
    CommitmentRow.official_number,
    CommitmentRow.official_status,
)


def _named_committees(session: Session, ids: Sequence[int]) -> dict[int, str]:
    """The committee a Chamber's register names for each of the commitments ``ids`` that it holds."""
    query = select(ToezeggingRow.commitment_id, ToezeggingRow.commissie).where(
        ToezeggingRow.commitment_id.in_(ids), ToezeggingRow.commissie != ""
    )
    named: dict[int, str] = {}
    for commitment_id, commissie in session.execute(query.order_by(ToezeggingRow.id)):
        if commitment_id is not None:
            named.setdefault(commitment_id, commissie)
    return named


def open_register(settings: Settings) -> Register:
    """Open (and migrate to the newest schema) the register that ``settings.database_url`` names.

    Raises:
        RegisterError: R002 when the database cannot be opened or migrated.
    """
    engine = db.create_register_engine(settings.database_url)
    db.upgrade(engine)
    return Register(engine, settings)


# --- the key index of merging and fulfilment ----------------------------------------------------


@dataclass(slots=True)
class _EntryState:
    """What ingesting one document may change of an entry: its deadline; and its first mention."""

    id: int
    first_document_id: str
    due_start: dt.date | None
    due_end: dt.date | None
    time_text: str | None
    first_mention_id: int | None
    changed: bool = False

    def take_deadline(self, commitment: Commitment, doc_id: str) -> str:
        """A later document may move the deadline; a repetition in the same document may fill one in.

        Returns:
            The note of a "deadline moved" event, or "" when nothing moved (or it was filled in).
        """
        due = commitment.due
        if due is None:
            return ""
        later = self.first_document_id != doc_id
        if not later and self.due_start is not None:
            return ""
        if (self.due_start, self.due_end) == (due.start, due.end):
            return ""
        old = f"{self.due_start}..{self.due_end}" if self.due_start else "none"
        self.due_start, self.due_end, self.time_text = due.start, due.end, commitment.time_text
        self.changed = True
        return f"{old} → {due.start}..{due.end}" if later else ""

    def row_update(self) -> dict[str, Any]:
        """The bulk UPDATE parameters of the entry's deadline (:data:`_MOVE_DEADLINES`)."""
        return {"entry": self.id, "start": self.due_start, "end": self.due_end, "text": self.time_text}


@lru_cache(maxsize=1 << 16)
def term_hash(dossier: str, kind: str, value: str = "") -> int:
    """The 64-bit signed hash under which ``merge_terms`` and ``term_counts`` keep a term of a dossier
    (cached: the letters of a dossier hash the same stems and keys again and again).

    Args:
        dossier: the dossier number.
        kind: "k" for a word key (merge.candidate_keys), "s" for a stem, "n" for the mention total.
        value: the key or stem.
    """
    digest = hashlib.blake2b(f"{dossier}\x1f{kind}\x1f{value}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def _chunks(values: Iterable[T], size: int = 500) -> Iterator[list[T]]:
    batch: list[T] = []
    for value in values:
        batch.append(value)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _term_counts(session: Connection, terms: Iterable[int]) -> dict[int, int]:
    out: dict[int, int] = {}
    for batch in _chunks(sorted(set(terms))):
        out.update((term, count) for term, count in session.execute(_TERM_COUNTS, {"terms": batch}))
    return out


def _postings(session: Connection, terms: Iterable[int]) -> dict[int, set[int]]:
    """Commitment id → the terms among ``terms`` that it carries."""
    out: dict[int, set[int]] = {}
    for batch in _chunks(sorted(set(terms))):
        for term, commitment_id in session.execute(_POSTINGS, {"terms": batch}):
            out.setdefault(commitment_id, set()).add(term)
    return out


_MENTION_FEATURES = (
    MentionRow.id,
    MentionRow.document_id,
    MentionRow.part,
    MentionRow.section,
    MentionRow.sentence,
    MentionRow.kind,
    MentionRow.quote,
    MentionRow.object,
    MentionRow.time_text,
    MentionRow.due_start,
    MentionRow.due_end,
    MentionRow.same_as,
    DocumentRow.date.label("document_date"),
)
# the statements of merging, built once (parameters: expanding lists): storing a document runs
# each of them, and building and keying a statement costs more CPU than SQLite spends on it
_TERM_COUNTS = select(TermCountRow.term, TermCountRow.count).where(
    TermCountRow.term.in_(bindparam("terms", expanding=True))
)
_POSTINGS = select(MergeTermRow.term, MergeTermRow.commitment_id).where(
    MergeTermRow.term.in_(bindparam("terms", expanding=True))
)
_HEADS = (
    select(
        CommitmentRow.id,
        CommitmentRow.dossier,
        CommitmentRow.first_document_id,
        CommitmentRow.due_start,
        CommitmentRow.due_end,
        CommitmentRow.time_text,
    )
    .where(CommitmentRow.id.in_(bindparam("ids", expanding=True)))
    .order_by(CommitmentRow.id)
)
_FIRST_MENTIONS = (
    select(*_MENTION_FEATURES)
    .join(DocumentRow, DocumentRow.id == MentionRow.document_id)
    .where(MentionRow.id.in_(bindparam("ids", expanding=True)))
)


def _union_size(count: int) -> int:
    """The number of parts of the :func:`_latest_mentions` statement that reads ``count`` entries:
    the next power of two, so that a process compiles a handful of statements (each costs tens of
    milliseconds to compile) rather than one per count up to :data:`CANDIDATE_LIMIT`."""
    size = 1
    while size < count:
        size *= 2
    return size


@cache
def _latest_mentions(count: int) -> CompoundSelect[Any]:
    """One statement for the latest :data:`ENTRY_MENTIONS` mentions of ``count`` entries (parameters
    ``c0`` …), each part read backwards on the index; built once per count, so that storing a
    document does not build and key a statement of dozens of parts each time. Called with counts
    of :func:`_union_size`; parts beyond the entries read id 0, which no commitment has."""
    parts = [
        select(*_MENTION_FEATURES, MentionRow.commitment_id)
        .join(DocumentRow, DocumentRow.id == MentionRow.document_id)
        .where(MentionRow.commitment_id == bindparam(f"c{i}"))
        .order_by(MentionRow.id.desc())
        .limit(ENTRY_MENTIONS)
        .subquery()
        for i in range(count)
    ]
    return union_all(*(select(part) for part in parts))


def _load_entries(
    session: Connection, ids: Sequence[int], dossier: str
) -> tuple[list[Entry], dict[int, _EntryState]]:
    """The candidate entries with their first and latest :data:`ENTRY_MENTIONS` mentions, by id."""
    if not ids:
        return [], {}
    heads = [row for row in session.execute(_HEADS, {"ids": list(ids)}) if row.dossier == dossier]
    recent: dict[int, list[Any]] = {head.id: [] for head in heads}
    if heads:
        size = _union_size(len(heads))
        ids_of = {f"c{i}": heads[i].id if i < len(heads) else 0 for i in range(size)}
        for row in session.execute(_latest_mentions(size), ids_of):
            recent[row.commitment_id].append(row)
        for rows in recent.values():
            rows.sort(key=lambda m: m.id)
    firsts = {rows[0].same_as for rows in recent.values() if rows and rows[0].same_as is not None}
    loaded = (
        {row.id: row for row in session.execute(_FIRST_MENTIONS, {"ids": sorted(firsts)})} if firsts else {}
    )
    entries: list[Entry] = []
    states: dict[int, _EntryState] = {}
    for head in heads:
        rows = recent[head.id]
        if not rows:
            continue
        first_id = rows[0].same_as if rows[0].same_as is not None else rows[0].id
        if first_id != rows[0].id and first_id in loaded:
            rows = [loaded[first_id], *rows]
        entries.append(Entry(head.id, tuple(_features_of_row(m, dossier, m.document_date) for m in rows)))
        states[head.id] = _EntryState(
            head.id, head.first_document_id, head.due_start, head.due_end, head.time_text, first_id
        )
    return entries, states


def _dossier_weights(
    session: Connection, dossier: str, features: Sequence[MentionFeatures], entries: Sequence[Entry]
) -> Weights:
    """Stem weights over every mention of the dossier and the new ones, from ``term_counts``."""
    stems: set[str] = set()
    for mention in [*features, *(m for e in entries for m in e.mentions)]:
        stems |= weighted_stems(mention)
    term_of = {stem: term_hash(dossier, "s", stem) for stem in stems}
    total = term_hash(dossier, "n")
    stored = _term_counts(session, [*term_of.values(), total])
    counts = {stem: stored.get(term, 0) for stem, term in term_of.items()}
    for mention in features:
        for stem in weighted_stems(mention):
            counts[stem] += 1
    return Weights(counts, stored.get(total, 0) + len(features))


@cache
def _index_statements(dialect: str) -> tuple[Any, Any]:
    """The statements of :func:`_index_mentions` in the dialect's words, built once per process: the
    insert of new ``merge_terms`` pairs (kept when present) and the upsert adding to ``term_counts``."""
    # imported here: a process that only reads never loads the PostgreSQL dialect's insert
    build: Any
    if dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        build = sqlite_insert
    else:
        from sqlalchemy.dialects.postgresql import insert as postgresql_insert

        build = postgresql_insert
    upsert = build(TermCountRow)
    upsert = upsert.on_conflict_do_update(
        index_elements=["term"], set_={"count": TermCountRow.count + upsert.excluded.count}
    )
    return build(MergeTermRow).on_conflict_do_nothing(), upsert


def _index_mentions(
    session: Connection,
    dossier: str,
    features: Sequence[MentionFeatures],
    keys: Sequence[frozenset[str]],
    target: Sequence[int],
    held: dict[int, set[int]],
    key_counts: dict[int, int],
    terms: dict[str, int],
) -> None:
    """Add the new mentions' keys to ``merge_terms`` and their counts to ``term_counts``."""
    increments: dict[int, int] = {term_hash(dossier, "n"): len(features)}
    for mention in features:
        for stem in weighted_stems(mention):
            term = term_hash(dossier, "s", stem)
            increments[term] = increments.get(term, 0) + 1
    pairs: set[tuple[int, int]] = set()
    for mention_keys, commitment_id in zip(keys, target, strict=True):
        known = held.get(commitment_id, set())
        for key in mention_keys:
            term = terms[key]
            if (term, commitment_id) in pairs or term in known:
                continue
            pairs.add((term, commitment_id))
            # above the limit the postings were not read: whether the pair is new is unknown, and
            # the count only needs to stay above the limit, which it does
            if key_counts.get(term, 0) <= KEY_LIMIT:
                increments[term] = increments.get(term, 0) + 1
    add_pairs, upsert = _index_statements(session.dialect.name)
    # in batches: a document of tens of thousands of promises has hundreds of thousands of pairs
    ordered = sorted(pairs)
    for start in range(0, len(ordered), _INSERT_BATCH):
        session.execute(
            add_pairs, [{"term": t, "commitment_id": c} for t, c in ordered[start : start + _INSERT_BATCH]]
        )
    counts = sorted(increments.items())
    for start in range(0, len(counts), _INSERT_BATCH):
        session.execute(upsert, [{"term": t, "count": n} for t, n in counts[start : start + _INSERT_BATCH]])


# --- status and pages in SQL ---------------------------------------------------------------------


def span_on(as_of: dt.date) -> ColumnElement[bool]:
    """The status span of a commitment that holds on ``as_of`` (exactly one per commitment)."""
    span = StatusSpanRow
    return and_(
        or_(span.known_from.is_(None), span.known_from <= as_of),
        or_(span.known_until.is_(None), span.known_until > as_of),
    )


def status_rules(as_of: dt.date, due_soon_days: int) -> tuple[tuple[ColumnElement[bool], Status], ...]:
    """The rules of register/status.py (``status_as_of``) as SQL conditions on a status span.

    The first rule that holds gives the status; the last always holds. This is the only SQL form of
    the status: :func:`status_column` computes it and :func:`status_condition` filters by it, and
    tests/register/test_queries.py checks both against ``status_as_of`` on a table of histories
    (SQLite and PostgreSQL). A span's settled status comes first; then the deadline rule, in which
    a deadline moved further (``postponed``) turns open and due into postponed.
    """
    span = StatusSpanRow
    try:
        soon = as_of + dt.timedelta(days=due_soon_days)
    except OverflowError:
        soon = dt.date.max
    return (
        (span.settled == Status.LAPSED.value, Status.LAPSED),
        (span.settled == Status.FULFILLED.value, Status.FULFILLED),
        (span.settled == Status.PARTLY_FULFILLED.value, Status.PARTLY_FULFILLED),
        (and_(span.due_end.is_(None), span.postponed.is_(True)), Status.POSTPONED),
        (span.due_end.is_(None), Status.OPEN),
        (span.due_end < as_of, Status.OVERDUE),
        (span.postponed.is_(True), Status.POSTPONED),
        (span.due_end <= soon, Status.DUE),
        (true(), Status.OPEN),
    )


def status_column(as_of: dt.date, due_soon_days: int) -> ColumnElement[str]:
    """A commitment's status on ``as_of`` as a SQL expression (the value of a :class:`Status`)."""
    rules = status_rules(as_of, due_soon_days)
    return case(*((condition, status.value) for condition, status in rules[:-1]), else_=rules[-1][1].value)


def status_condition(status: Status, as_of: dt.date, due_soon_days: int) -> ColumnElement[bool]:
    """A SQL condition that holds for the commitments whose status on ``as_of`` is ``status``.

    Written as plain comparisons (a rule of that status holds and no earlier rule does) so that the
    database can use its index on the deadline.
    """
    rules = status_rules(as_of, due_soon_days)
    options = [
        and_(*(not_(earlier) for earlier, _ in rules[:index]), condition)
        for index, (condition, value) in enumerate(rules)
        if value is status
    ]
    return or_(*options) if options else false()


def _merged_filter(
    where: CommitmentFilter | None,
    status: Status | None,
    dossier: str | None,
    ministry: str | None,
    kind: CommitmentKind | None,
    bewindspersoon: str | None,
) -> CommitmentFilter:
    """``where`` with the list arguments that are given put in."""
    base = where or CommitmentFilter()
    return replace(
        base,
        status=base.status if status is None else status,
        dossier=dossier or base.dossier,
        ministry=ministry or base.ministry,
        kind=base.kind if kind is None else kind,
        bewindspersoon=bewindspersoon or base.bewindspersoon,
    )


def _signer(signatories: list[Any] | None) -> dict[str, str]:
    """The first signatory of a document (name, role), or nothing."""
    first: dict[str, str] = signatories[0] if signatories else {}
    return first


def _marker(day: dt.date | None, key: object) -> str:
    """A page marker: the sort date (empty when undated) and the id of the last record of a page."""
    return f"{day.isoformat() if day else ''}_{key}"


def _keyset_page(
    session: Session,
    query: Any,
    day_column: Any,
    id_column: Any,
    after: str,
    day: dt.date | None,
    last_id: Any,
    want: int | None,
) -> list[Any]:
    """Up to ``want`` rows of ``query`` after the page marker: the dated ones by (day, id), then the
    undated ones by id (a marker without a day lies among the undated)."""
    rows: list[Any] = []
    if day is not None or not after:
        dated = query.where(day_column.is_not(None))
        if day is not None:
            dated = dated.where(or_(day_column > day, and_(day_column == day, id_column > last_id)))
        rows += session.execute(dated.order_by(day_column, id_column).limit(want)).all()
    if want is None or len(rows) < want:
        undated = query.where(day_column.is_(None))
        if after and day is None:
            undated = undated.where(id_column > last_id)
        left = None if want is None else want - len(rows)
        rows += session.execute(undated.order_by(id_column).limit(left)).all()
    return rows


def _parse_marker(after: str, numeric: bool = True) -> tuple[dt.date | None, Any]:
    """(date or None, id) of a page marker; (None, 0 or "") for the first page.

    Raises:
        RegisterError: R022 when the marker is malformed.
    """
    if not after:
        return None, 0 if numeric else ""
    day_text, sep, key = after.partition("_")
    try:
        if not sep or not key or len(after) > 200:
            raise ValueError(after)
        day = dt.date.fromisoformat(day_text) if day_text else None
        if numeric:
            number = int(key)
            if not 0 < number <= db.MAX_ID:
                raise ValueError(key)
            return day, number
    except ValueError:
        raise RegisterError(Code.R022, after[:80]) from None
    return day, key


#: the measure columns a record reads (the columns, not ORM objects: lists load many)
_MEASURE_COLUMNS = (
    MeasureRow.id,
    MeasureRow.document_id,
    MeasureRow.heading,
    MeasureRow.topic_path,
    MeasureRow.part,
    MeasureRow.state,
    MeasureRow.evidence,
)


def _measure_record(row: Any) -> MeasureRecord:
    return MeasureRecord(
        row.id,
        row.document_id,
        row.dossier,
        row.heading,
        tuple(row.topic_path or ()),
        Part(row.part),
        MeasureState(row.state),
        tuple(row.evidence or ()),
    )


_DOCUMENT_COLUMNS = (
    DocumentRow.id,
    DocumentRow.dossier,
    DocumentRow.nr,
    DocumentRow.vergaderjaar,
    DocumentRow.date,
    DocumentRow.title,
    DocumentRow.ministry,
    DocumentRow.doc_type,
    DocumentRow.sha256,
    DocumentRow.source_path,
    DocumentRow.format,
    DocumentRow.date_inferred,
)


def _document_record(row: Any, commitments: int) -> DocumentRecord:
    return DocumentRecord(
        row.id,
        row.dossier,
        row.nr,
        row.vergaderjaar,
        row.date,
        row.title,
        row.ministry,
        row.doc_type,
        row.sha256,
        row.source_path,
        row.format,
        commitments,
        date_inferred=row.date_inferred,
    )


def _first_document_counts(session: Session, ids: Sequence[str]) -> dict[str, int]:
    """Commitments first stated per document, for the documents ``ids``."""
    out: dict[str, int] = {}
    for batch in _chunks(ids):
        query = (
            select(CommitmentRow.first_document_id, func.count())
            .where(CommitmentRow.first_document_id.in_(batch))
            .group_by(CommitmentRow.first_document_id)
        )
        out.update((doc_id, count) for doc_id, count in session.execute(query))
    return out


def _dossier_titles(session: Session, dossiers: Sequence[str]) -> dict[str, str]:
    """Per dossier, the first (by date) document's dossier title, else its title."""
    titles: dict[str, str] = {}
    for batch in _chunks(dossiers):
        query = (
            select(DocumentRow.dossier, DocumentRow.dossier_title, DocumentRow.title)
            .where(DocumentRow.dossier.in_(batch))
            .order_by(DocumentRow.date.is_(None), DocumentRow.date, DocumentRow.id)
        )
        for dossier, dossier_title, title in session.execute(query):
            titles[dossier] = titles.get(dossier) or dossier_title or title
    return titles


# --- rows from the analysis ----------------------------------------------------------------------


def _document_dates(session: Connection, ids: set[str]) -> dict[str, dt.date | None]:
    if not ids:
        return {}
    query = select(DocumentRow.id, DocumentRow.date).where(DocumentRow.id.in_(sorted(ids)))
    return {doc_id: date for doc_id, date in session.execute(query).all()}


def _document_values(rows: DocumentRows, doc_id: str) -> dict[str, Any]:
    """The INSERT parameters of the document's row."""
    meta = rows.metadata
    return {
        "id": doc_id,
        "dossier": dossier_of(meta),
        "suffix": meta.suffix,
        "nr": meta.nr,
        "vergaderjaar": meta.vergaderjaar,
        "date": meta.date,
        "date_inferred": meta.date_inferred,
        "title": meta.title,
        "dossier_title": meta.dossier_title,
        "ministry": meta.ministry,
        "signatories": [{"name": s.name, "role": s.role, "ministry": s.ministry} for s in meta.signatories],
        "doc_type": meta.doc_type.value,
        "sha256": rows.sha256,
        "source_path": rows.path,
        "format": rows.format.value,
        "clean_text": rows.clean_text,
        "structure": rows.structure,
        "ingested_at": dt.datetime.now(dt.UTC),
    }


def _commitment_row(commitment: Commitment, doc_id: str, dossier: str) -> dict[str, Any]:
    """The bulk INSERT parameters of a new entry first stated by ``commitment``."""
    due = commitment.due
    return {
        "key": f"{doc_id}#{commitment.sentence}-{commitment.span.start}",
        "dossier": dossier,
        "kind": commitment.kind.value,
        "quote": commitment.quote,
        "actor": commitment.actor,
        "object": commitment.object,
        "recipient": commitment.recipient,
        "due_start": due.start if due else None,
        "due_end": due.end if due else None,
        "time_text": commitment.time_text,
        "section": commitment.section,
        "topic_path": list(commitment.topic_path),
        "part": commitment.part.value,
        "confidence": commitment.confidence,
        "evidence": list(commitment.evidence),
        "first_document_id": doc_id,
        "fulfilled_by_id": None,
        "fulfilled_quote": "",
        "fulfilled_confidence": 0.0,
    }


def _mention_row(commitment: Commitment, source: Span, doc_id: str, score: float) -> dict[str, Any]:
    """The bulk INSERT parameters of one mention (without its commitment id); ``source`` is its source span."""
    due = commitment.due
    return {
        "document_id": doc_id,
        "quote": commitment.quote,
        "kind": commitment.kind.value,
        "start": commitment.span.start,
        "end": commitment.span.end,
        "source_start": source.start,
        "source_end": source.end,
        "sentence": commitment.sentence,
        "section": commitment.section,
        "part": commitment.part.value,
        "object": commitment.object,
        "time_text": commitment.time_text,
        "due_start": due.start if due else None,
        "due_end": due.end if due else None,
        "confidence": commitment.confidence,
        "same_as": None,
        "merge_score": round(score, 4),
    }


def _features_of_row(row: Any, dossier: str, date: dt.date | None) -> MentionFeatures:
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


def rebuild_merge_index(connection: Connection) -> None:
    """Fill ``merge_terms`` and ``term_counts`` anew from the stored mentions (migration 0002).

    Args:
        connection: a connection inside the migration's transaction.
    """
    connection.execute(delete(MergeTermRow))
    connection.execute(delete(TermCountRow))
    query = (
        select(
            MentionRow.commitment_id,
            CommitmentRow.dossier,
            MentionRow.document_id,
            MentionRow.part,
            MentionRow.section,
            MentionRow.sentence,
            MentionRow.kind,
            MentionRow.quote,
            MentionRow.object,
            MentionRow.time_text,
            MentionRow.due_start,
            MentionRow.due_end,
        )
        .join(CommitmentRow, CommitmentRow.id == MentionRow.commitment_id)
        .order_by(MentionRow.id)
    )
    pairs: set[tuple[int, int]] = set()
    counts: dict[int, int] = {}
    for row in connection.execute(query):
        features = _features_of_row(row, row.dossier, None)
        counts[term_hash(row.dossier, "n")] = counts.get(term_hash(row.dossier, "n"), 0) + 1
        for stem in weighted_stems(features):
            term = term_hash(row.dossier, "s", stem)
            counts[term] = counts.get(term, 0) + 1
        for key in candidate_keys(features):
            pair = (term_hash(row.dossier, "k", key), row.commitment_id)
            if pair not in pairs:
                pairs.add(pair)
                counts[pair[0]] = counts.get(pair[0], 0) + 1
    if pairs:
        connection.execute(insert(MergeTermRow), [{"term": t, "commitment_id": c} for t, c in sorted(pairs)])
    if counts:
        connection.execute(insert(TermCountRow), [{"term": t, "count": n} for t, n in sorted(counts.items())])
