"""The register's side of tracking: what the track stage reads, the links it writes, and corrections.

The track stage (track/) never touches the database: it reads :class:`TrackedDocument` and
:class:`TrackedCommitment` records from here, decides which later sentences fulfil, repeat or
change which commitment, and hands :class:`ProposedLink` records back to :func:`replace_links`.

People correct the register through :func:`correct`: accept or reject a proposed fulfilment, give a
verdict (fulfilled, partly, lapsed, not a commitment), correct kind, deadline or actor, set an owner,
add a note. Each correction is a row of the audit trail (who, when, old and new value). Corrections
name their commitment by its natural key (and its first document and quote) and their link by the
later document's id, never by row ids, so that they survive re-ingest, re-extraction and re-tracking;
:func:`export_corrections` and :func:`import_corrections` carry them to another register.
:func:`commitment_states` folds links and corrections into what the store shows: the corrected
fields and the :class:`~beleidsmonitor.register.status.History` the status rules read;
:func:`write_status_spans` keeps that history in the ``status_spans`` table after every write, so
that the database computes statuses (register/store.py).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, bindparam, delete, false, insert, or_, select, true, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, selectinload

from beleidsmonitor.errors import Code, RegisterError
from beleidsmonitor.model import Interval, Span
from beleidsmonitor.normalise.identifiers import ministry_abbreviation
from beleidsmonitor.normalise.words import content_stems, referent, stems_meet
from beleidsmonitor.register.schema import (
    CommitmentRow,
    CorrectionRow,
    DocumentRow,
    ExtractionRow,
    LinkRow,
    MentionRow,
    StatusChangeRow,
    StatusSpanRow,
    ToezeggingRow,
)
from beleidsmonitor.register.status import Dated, History, status_spans
from beleidsmonitor.vocab import (
    CommitmentKind,
    CorrectionField,
    EvidenceKind,
    FulfilmentKind,
    LinkRelation,
    Part,
    Review,
    Status,
    Verdict,
)

if TYPE_CHECKING:
    from beleidsmonitor.register.store import Register

logger = logging.getLogger(__name__)

#: longest text a person may put in a correction
MAX_TEXT = 4000
#: a later mention dated more than this many days after the deadline in force neither repeats nor
#: changes the promise (see :func:`later_mentions`)
CHANGE_WINDOW_DAYS = 366
#: how many sentences before a promise are read for the noun it names by a demonstrative ("dit
#: overleg"): the discourse a letter's paragraph keeps
DISCOURSE_WINDOW = 3
#: the most values an IN condition lists; beyond it a query reads the table and filters in Python
IN_LIMIT = 500
#: the history events the track stage writes (and rewrites) for its links
LINK_EVENTS: dict[LinkRelation, tuple[str, Status]] = {
    LinkRelation.FULFILS: ("fulfilled", Status.FULFILLED),
    LinkRelation.PARTLY_FULFILS: ("partly fulfilled", Status.PARTLY_FULFILLED),
    LinkRelation.REPEATS: ("repeated", Status.OPEN),
    LinkRelation.CHANGES: ("deadline moved", Status.POSTPONED),
}
_FULFILMENT = (LinkRelation.FULFILS, LinkRelation.PARTLY_FULFILS)
_FULFILMENT_KINDS = frozenset(FulfilmentKind)


# --- what the track stage reads ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TrackedSentence:
    """One sentence of a stored document."""

    index: int
    span: Span
    source_span: Span
    text: str
    part: Part


@dataclass(frozen=True, slots=True)
class TrackedReference:
    """A citation in a stored document, with its normalised id ("kst-31839-606", "" when unknown)."""

    sentence: int
    span: Span
    kind: str
    id: str
    text: str


@dataclass(frozen=True, slots=True)
class TrackedTime:
    """A time expression in a stored document."""

    sentence: int
    span: Span
    text: str
    interval: Interval | None


@dataclass(frozen=True, slots=True)
class TrackedDelivery:
    """A sentence in which the document says it delivers what was promised (extract/fulfilments.py)."""

    sentence: int
    kind: FulfilmentKind
    cue: str


@dataclass(frozen=True, slots=True)
class TrackedDocument:
    """A stored document as the track stage reads it."""

    id: str
    dossier: str
    date: dt.date | None
    title: str
    ministry: str
    sentences: tuple[TrackedSentence, ...]
    references: tuple[TrackedReference, ...]
    times: tuple[TrackedTime, ...]
    #: the fulfilment evidence the analysis found (none for documents stored before it existed)
    deliveries: tuple[TrackedDelivery, ...] = ()

    def cited_ids(self) -> frozenset[str]:
        """The normalised ids of every Kamerstuk and motion the document cites."""
        return frozenset(r.id for r in self.references if r.id)


@dataclass(frozen=True, slots=True)
class TrackedMention:
    """One mention of a commitment."""

    document_id: str
    document_date: dt.date | None
    sentence: int
    quote: str
    time_text: str | None
    due: Interval | None
    span: Span
    source_span: Span


@dataclass(frozen=True, slots=True)
class TrackedCommitment:
    """A commitment as the track stage reads it (the extraction's fields, before corrections)."""

    id: int
    key: str
    dossier: str
    kind: CommitmentKind
    quote: str
    object: str
    time_text: str | None
    due: Interval | None
    first_document_id: str
    first_document_date: dt.date | None
    mentions: tuple[TrackedMention, ...]
    #: ids of what the commitment's own sentence cites (a motion it answers, a Kamerstuk)
    cites: tuple[str, ...]
    #: what the promise refers back to when it names its subject by a pronominal adverb ("Ik zal u
    #: hierover berichten"): the sentence before it in its section, or the section heading when it
    #: opens the section; "" for a promise that names its subject itself
    context: str = ""
    #: the ministry (abbreviation, "SZW") of a Chamber's toezegging without a dossier that no letter
    #: in the register states (its entry of its own under the register's document,
    #: register/toezeggingen.py); "" for every other commitment
    registered_ministry: str = ""


@dataclass(frozen=True, slots=True)
class ProposedLink:
    """What the track stage found: a later document's sentence and what it does to a commitment."""

    commitment_id: int
    document_id: str
    relation: LinkRelation
    evidence: EvidenceKind
    quote: str
    sentence: int
    span: Span
    source_span: Span
    on: dt.date | None
    confidence: float
    cites: str = ""
    due: Interval | None = None
    time_text: str | None = None


# --- what people and pages read --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LinkRecord:
    """A stored link with the review people gave it."""

    id: int
    commitment_id: int
    document_id: str
    relation: LinkRelation
    evidence: EvidenceKind
    quote: str
    sentence: int
    span: Span
    source_span: Span
    on: dt.date | None
    confidence: float
    cites: str
    due: Interval | None
    time_text: str | None
    review: Review


@dataclass(frozen=True, slots=True)
class CorrectionRecord:
    """One row of the audit trail."""

    id: int
    at: dt.datetime
    who: str
    commitment_key: str
    first_document_id: str
    quote: str
    field: CorrectionField
    document_id: str
    old: str
    new: str
    note: str
    effective: dt.date | None


@dataclass(frozen=True, slots=True)
class CommitmentState:
    """A commitment's corrected fields, links and history, from which its status follows."""

    kind: CommitmentKind
    actor: str
    due: Interval | None
    owner: str
    note: str
    verdict: Verdict
    history: History
    links: tuple[LinkRecord, ...]
    corrections: tuple[CorrectionRecord, ...]

    def fulfilment_on(self, day: dt.date) -> LinkRecord | None:
        """The strongest fulfilment link known on ``day`` that people did not reject."""
        return strongest_fulfilment(self.links, day)


# --- reading for the track stage -------------------------------------------------------------------


def _interval(start: dt.date | None, end: dt.date | None) -> Interval | None:
    return None if start is None else Interval(start, end)


def _sentences(doc: DocumentRow) -> tuple[TrackedSentence, ...]:
    stored = doc.structure.get("sentence_spans") if isinstance(doc.structure, dict) else None
    text = doc.clean_text
    if isinstance(stored, list):
        return tuple(
            TrackedSentence(i, Span(s[0], s[1]), Span(s[2], s[3]), text[s[0] : s[1]], Part(s[4]))
            for i, s in enumerate(stored)
        )
    # stored before sentence spans were kept: split again (source offsets unknown, clean ones given)
    from beleidsmonitor.structure.sentences import split_sentences  # only when tracking reads a text

    spans = split_sentences(text, 0, len(text))
    return tuple(TrackedSentence(i, s, s, text[s.start : s.end], Part.LETTER) for i, s in enumerate(spans))


#: the extraction columns the track stage reads (plain rows, not ORM objects: a large document has
#: tens of thousands, and an ORM object costs several times a row)
_TRACKED_EXTRACTIONS = (
    ExtractionRow.kind,
    ExtractionRow.sentence,
    ExtractionRow.start,
    ExtractionRow.end,
    ExtractionRow.text,
    ExtractionRow.norm,
    ExtractionRow.value,
    ExtractionRow.value_start,
    ExtractionRow.value_end,
)


def read_documents(
    register: Register, ids: Iterable[str] | None = None, *, sentences: bool = True
) -> tuple[TrackedDocument, ...]:
    """Stored documents (all, or those of ``ids``) with sentences, citations and time expressions, by date.

    Each document is read on its own (its row, then its extractions as plain rows) and only what the
    track stage keeps of it stays in memory. Without ``sentences`` the documents come without their
    sentences, and their clean text is not read: what the track stage needs to choose the
    commitments a document is compared with (a text of megabytes has a hundred thousand sentences)."""
    with Session(register.engine) as session:
        query = select(DocumentRow.id).order_by(DocumentRow.date, DocumentRow.id)
        if ids is not None:
            query = query.where(DocumentRow.id.in_(sorted(set(ids))))
        out = [_read_document(session, doc_id, sentences) for doc_id in list(session.scalars(query))]
        return tuple(out)


def _read_document(session: Session, doc_id: str, sentences: bool = True) -> TrackedDocument:
    if sentences:
        doc: Any = session.get_one(DocumentRow, doc_id)
    else:
        light = (
            DocumentRow.id,
            DocumentRow.dossier,
            DocumentRow.date,
            DocumentRow.title,
            DocumentRow.ministry,
        )
        doc = session.execute(select(*light).where(DocumentRow.id == doc_id)).one()
    rows = session.execute(
        select(*_TRACKED_EXTRACTIONS)
        .where(
            ExtractionRow.document_id == doc_id,
            ExtractionRow.kind.in_(("reference", "time", "fulfilment")),
        )
        .order_by(ExtractionRow.id)
    ).all()
    references = tuple(
        TrackedReference(r.sentence, Span(r.start, r.end), str(r.value.get("kind", "")), r.norm, r.text)
        for r in rows
        if r.kind == "reference"
    )
    times = tuple(
        TrackedTime(r.sentence, Span(r.start, r.end), r.text, _interval(r.value_start, r.value_end))
        for r in rows
        if r.kind == "time"
    )
    deliveries = tuple(
        TrackedDelivery(r.sentence, FulfilmentKind(r.norm), str(r.value.get("cue", "")))
        for r in rows
        if r.kind == "fulfilment" and r.norm in _FULFILMENT_KINDS
    )
    document = TrackedDocument(
        doc.id,
        doc.dossier,
        doc.date,
        doc.title,
        doc.ministry,
        _sentences(doc) if sentences else (),
        references,
        times,
        deliveries,
    )
    if sentences:
        session.expunge(doc)  # the row holds the whole clean text and structure: let it go now
    return document


def read_commitments(
    register: Register, dossiers: Iterable[str] | None = None
) -> tuple[TrackedCommitment, ...]:
    """The commitments (all, or those of ``dossiers``) with their mentions and what their own
    sentence cites, by id."""
    with Session(register.engine) as session:
        query = select(CommitmentRow).order_by(CommitmentRow.id)
        if dossiers is not None:
            query = query.where(CommitmentRow.dossier.in_(sorted(set(dossiers))))
        rows = list(session.scalars(query))
        ids = {row.id for row in rows}
        mentions: dict[int, list[MentionRow]] = {}
        for m in session.scalars(
            select(MentionRow).where(_in(MentionRow.commitment_id, ids)).order_by(MentionRow.id)
        ):
            if m.commitment_id in ids:
                mentions.setdefault(m.commitment_id, []).append(m)
        documents = {m.document_id for ms in mentions.values() for m in ms} | {
            r.first_document_id for r in rows
        }
        dates: dict[str, dt.date | None] = {
            doc_id: day
            for doc_id, day in session.execute(
                select(DocumentRow.id, DocumentRow.date).where(_in(DocumentRow.id, documents))
            )
        }
        cited: dict[tuple[str, int], list[str]] = {}
        firsts = {r.first_document_id for r in rows}
        for document_id, sentence, norm in session.execute(
            select(ExtractionRow.document_id, ExtractionRow.sentence, ExtractionRow.norm).where(
                ExtractionRow.kind == "reference",
                ExtractionRow.norm != "",
                _in(ExtractionRow.document_id, firsts),
            )
        ):
            cited.setdefault((document_id, sentence), []).append(norm)
        firsts_of = {
            row.id: next(
                (m for m in mentions.get(row.id, []) if m.document_id == row.first_document_id), None
            )
            for row in rows
        }
        contexts = _contexts(
            session,
            {
                (row.first_document_id, first.sentence): nouns
                for row in rows
                if (first := firsts_of[row.id]) is not None and (nouns := referent(row.quote)) is not None
            },
        )
        ministries = _registered_ministries(session, [row.id for row in rows if row.source != "written"])
        out = []
        for row in rows:
            ms = mentions.get(row.id, [])
            first = firsts_of[row.id]
            tracked = tuple(_mention(m, dates) for m in ms)
            out.append(
                TrackedCommitment(
                    id=row.id,
                    key=row.key,
                    dossier=row.dossier,
                    kind=CommitmentKind(row.kind),
                    quote=row.quote,
                    object=row.object,
                    time_text=first.time_text if first else row.time_text,
                    # an entry no letter states (a Chamber's toezegging) has the register's date
                    due=first_due(row.first_document_id, tracked)
                    if tracked
                    else _interval(row.due_start, row.due_end),
                    first_document_id=row.first_document_id,
                    first_document_date=dates.get(row.first_document_id),
                    mentions=tracked,
                    cites=tuple(cited.get((row.first_document_id, first.sentence), ())) if first else (),
                    context=contexts.get((row.first_document_id, first.sentence), "") if first else "",
                    registered_ministry=ministries.get(row.id, "") if not (ms or row.dossier) else "",
                )
            )
        return tuple(out)


def _registered_ministries(session: Session, ids: Sequence[int]) -> dict[int, str]:
    """The ministry's abbreviation of the newest toezegging each entry of ``ids`` shows (by number)."""
    if not ids:
        return {}
    wanted = set(ids)
    out: dict[int, str] = {}
    query = select(ToezeggingRow.commitment_id, ToezeggingRow.ministerie).order_by(ToezeggingRow.nummer)
    for commitment_id, ministerie in session.execute(query.where(_in(ToezeggingRow.commitment_id, wanted))):
        if commitment_id in wanted:
            out[commitment_id] = ministry_abbreviation(ministerie) or out.get(commitment_id, "")
    return out


def _contexts(session: Session, wanted: dict[tuple[str, int], frozenset[str]]) -> dict[tuple[str, int], str]:
    """For each (document, sentence) of ``wanted``, what it refers back to (``wanted`` gives the
    nouns it names by a demonstrative, none for a pronominal adverb): for an adverb the sentence
    before it in the same part and section, or the heading of its section when it opens the section;
    for nouns the nearest of the :data:`DISCOURSE_WINDOW` sentences before it in the section that
    names one of them, or the heading when it does ("" when none)."""
    if not wanted:
        return {}
    ids = {doc_id for doc_id, _ in wanted}
    out: dict[tuple[str, int], str] = {}
    query = select(DocumentRow.id, DocumentRow.clean_text, DocumentRow.structure).where(
        _in(DocumentRow.id, ids)
    )
    for doc_id, text, structure in session.execute(query):
        if doc_id not in ids or not isinstance(structure, dict):
            continue
        spans = structure.get("sentence_spans")
        headings = structure.get("headings") or []
        if not isinstance(spans, list):
            continue
        for (wanted_id, index), nouns in wanted.items():
            if wanted_id != doc_id or not 0 <= index < len(spans):
                continue
            start, part = spans[index][0], spans[index][4]
            heading = max(
                (h for h in headings if h.get("end", start + 1) <= start and h.get("part") == part),
                key=lambda h: h["end"],
                default=None,
            )
            section = [
                text[spans[i][0] : spans[i][1]]
                for i in range(max(0, index - (DISCOURSE_WINDOW if nouns else 1)), index)
                if spans[i][4] == part and (heading is None or spans[i][0] >= heading["end"])
            ]
            if heading is not None:
                section.insert(0, str(heading.get("text", "")))
            for before in reversed(section):
                if not nouns or any(stems_meet(n, s) for n in nouns for s in content_stems(before)):
                    out[(doc_id, index)] = before
                    break
    return out


def untracked_documents(register: Register) -> list[str]:
    """The stored documents the track stage has not followed yet (an ingest stopped before it)."""
    with Session(register.engine) as session:
        return list(session.scalars(select(DocumentRow.id).where(DocumentRow.tracked == false())))


def mark_tracked(register: Register, ids: Iterable[str] | None = None) -> None:
    """Record that the track stage has followed the documents ``ids`` (every document when None)."""
    statement = update(DocumentRow).values(tracked=True)
    if ids is not None:
        statement = statement.where(_in(DocumentRow.id, set(ids)))
    with register.engine.begin() as connection:
        connection.execute(statement.where(DocumentRow.tracked == false()))


def documents_after(register: Register, ids: Iterable[str]) -> frozenset[str]:
    """The stored documents whose links may change when the documents ``ids`` come in: those, the
    documents of the same dossiers dated on or after the earliest of them, and the documents that
    cite one of them or a Kamerstuk of their dossiers."""
    new = set(ids)
    with Session(register.engine) as session:
        rows = session.execute(
            select(DocumentRow.id, DocumentRow.dossier, DocumentRow.date).where(_in(DocumentRow.id, new))
        )
        found = [(doc_id, dossier, day) for doc_id, dossier, day in rows if doc_id in new]
        out = {doc_id for doc_id, _, _ in found}
        for dossier in sorted({dossier for _, dossier, _ in found if dossier}):
            days = [day for _, d, day in found if d == dossier and day is not None]
            query = select(DocumentRow.id).where(DocumentRow.dossier == dossier)
            if days:
                query = query.where(DocumentRow.date >= min(days))
            out.update(session.scalars(query))
            prefix = f"kst-{dossier}-"
            out.update(
                session.scalars(
                    select(ExtractionRow.document_id).where(
                        ExtractionRow.kind == "reference",
                        or_(
                            ExtractionRow.norm.startswith(prefix, autoescape=True),
                            _in(ExtractionRow.norm, new),
                        ),
                    )
                )
            )
    return frozenset(out)


def letters_by_day(register: Register, dossiers: Iterable[str]) -> dict[tuple[str, dt.date], frozenset[str]]:
    """The stored documents of ``dossiers`` per (dossier, date): to resolve "mijn brief van <datum>"."""
    out: dict[tuple[str, dt.date], set[str]] = {}
    wanted = sorted(set(dossiers) - {""})
    with Session(register.engine) as session:
        query = select(DocumentRow.id, DocumentRow.dossier, DocumentRow.date).where(
            _in(DocumentRow.dossier, wanted)
        )
        for doc_id, dossier, day in session.execute(query):
            if day is not None and dossier in wanted:
                out.setdefault((dossier, day), set()).add(doc_id)
    return {key: frozenset(ids) for key, ids in out.items()}


def later_mentions(
    first_document_id: str, mentions: Sequence[TrackedMention]
) -> tuple[tuple[TrackedMention, bool], ...]:
    """The first mention in each later document, and whether it moves the deadline then in force.

    The deadline first promised is the first one stated in the first document (a repetition in that
    document may fill it in); a later document that states another one moves it. Mentions in a
    document dated before the first are skipped, and so are mentions in a document dated more than
    :data:`CHANGE_WINDOW_DAYS` after the deadline then in force (undated: after the letter that last
    stated the promise): years later, the same words promise
    the next member of a series ("De eerste rapportage ontvangt u uiterlijk in maart 2016" and, in
    2023, "U ontvangt begin 2024 de eerste rapportage over de spreiding"), not a new date for this one.
    The one definition of repeats and changes: the status rules read it (:func:`commitment_states`)
    and the track stage links it. The first document is the one that made the promise
    (:func:`promising_document`), whatever letter was ingested first.
    """
    first_document_id = promising_document(first_document_id, mentions)
    in_force = first_due(first_document_id, mentions)
    first_date = next((m.document_date for m in mentions if m.document_id == first_document_id), None)
    seen = {first_document_id}
    last_date = first_date
    out = []
    for mention in sorted(
        mentions, key=lambda m: (m.document_date or dt.date.min, m.document_id, m.sentence)
    ):
        if mention.document_id in seen:
            continue
        seen.add(mention.document_id)
        if (
            first_date is not None
            and mention.document_date is not None
            and mention.document_date < first_date
        ):
            continue
        since = in_force.end if in_force is not None and in_force.end is not None else last_date
        if (
            since is not None
            and mention.document_date is not None
            and (mention.document_date - since).days > CHANGE_WINDOW_DAYS
        ):
            continue
        last_date = mention.document_date or last_date
        moved = mention.due is not None and mention.due != in_force
        out.append((mention, moved))
        if moved:
            in_force = mention.due
    return tuple(out)


def promising_document(first_document_id: str, mentions: Sequence[TrackedMention]) -> str:
    """The document that made the promise: the earliest dated of its mentions' documents. The
    register's first document is the first one ingested, which may be a later letter repeating it
    (letters ingested out of date order)."""
    first_date = next((m.document_date for m in mentions if m.document_id == first_document_id), None)
    if first_date is None:
        return first_document_id
    earlier = [
        (m.document_date, m.document_id) for m in mentions if m.document_date and m.document_date < first_date
    ]
    return min(earlier)[1] if earlier else first_document_id


def first_due(first_document_id: str, mentions: Sequence[TrackedMention]) -> Interval | None:
    """The deadline first promised: the first one stated in the document that made the promise."""
    first_document_id = promising_document(first_document_id, mentions)
    return next((m.due for m in mentions if m.document_id == first_document_id and m.due), None)


def _mention(m: Any, dates: dict[str, dt.date | None]) -> TrackedMention:
    return TrackedMention(
        m.document_id,
        dates.get(m.document_id),
        m.sentence,
        m.quote,
        m.time_text,
        _interval(m.due_start, m.due_end),
        Span(m.start, m.end),
        Span(m.source_start, m.source_end),
    )


# --- writing links -------------------------------------------------------------------------------


def replace_links(
    register: Register,
    links: Sequence[ProposedLink],
    documents: Iterable[str] | None = None,
    commitments: Iterable[int] | None = None,
) -> int:
    """Store ``links`` with their history events in place of the links stored before; one transaction.

    With ``documents`` and ``commitments`` only the fulfilment links of those later documents (and
    the repeats and changes their own promises give, track/fulfilment.py later_promise_links) and
    the repeat and change links of those commitments are replaced (the track stage after an
    ingest); without them, every link. Corrections are not touched: reviews name links by
    commitment and document, so a re-tracked link keeps the review it had.

    Returns:
        How many links are stored.

    Raises:
        RegisterError: R002 when the database fails; the links stored before then stay.
    """
    events = {name for name, _ in LINK_EVENTS.values()}

    def store(session: Session) -> None:
        touched = _clear_links(session, documents, commitments, events)
        for link in links:
            session.add(
                LinkRow(
                    commitment_id=link.commitment_id,
                    document_id=link.document_id,
                    relation=link.relation.value,
                    evidence=link.evidence.value,
                    quote=link.quote,
                    sentence=link.sentence,
                    start=link.span.start,
                    end=link.span.end,
                    source_start=link.source_span.start,
                    source_end=link.source_span.end,
                    on=link.on,
                    confidence=link.confidence,
                    cites=link.cites,
                    due_start=link.due.start if link.due else None,
                    due_end=link.due.end if link.due else None,
                    time_text=link.time_text,
                )
            )
            event, status = LINK_EVENTS[link.relation]
            note = link.quote if link.relation in _FULFILMENT else _due_text(link.due)
            session.add(
                StatusChangeRow(
                    commitment_id=link.commitment_id,
                    document_id=link.document_id,
                    on=link.on,
                    event=event,
                    status=status.value,
                    note=note,
                )
            )
        session.flush()
        denormalise(session, None if touched is None else touched | {x.commitment_id for x in links})

    try:
        register.write(store, "storing links")
    except SQLAlchemyError as exc:
        raise RegisterError(Code.R002, f"storing links: {exc}") from exc
    return len(links)


def _clear_links(
    session: Session, documents: Iterable[str] | None, commitments: Iterable[int] | None, events: set[str]
) -> set[int] | None:
    """Delete the links (and their events) that are about to be replaced; the commitments they were of."""
    if documents is None and commitments is None:
        session.execute(delete(LinkRow))
        session.execute(delete(StatusChangeRow).where(StatusChangeRow.event.in_(sorted(events))))
        return None
    docs, ids = sorted(set(documents or ())), sorted(set(commitments or ()))
    fulfilment = [r.value for r in _FULFILMENT]
    mention = EvidenceKind.MENTION.value
    mention_events = sorted(LINK_EVENTS[r][0] for r in LinkRelation if r not in _FULFILMENT)
    fulfil_events = sorted(LINK_EVENTS[r][0] for r in _FULFILMENT)
    stale = [
        link
        for link in session.scalars(
            select(LinkRow).where(or_(LinkRow.document_id.in_(docs), LinkRow.commitment_id.in_(ids)))
        )
        if (link.document_id in docs and (link.relation in fulfilment or link.evidence != mention))
        or (link.commitment_id in ids and link.relation not in fulfilment)
    ]
    for link in stale:
        session.delete(link)
        if link.relation not in fulfilment and link.commitment_id not in ids:
            # a later promise's repeat or change, replaced with the documents' links
            session.execute(
                delete(StatusChangeRow).where(
                    StatusChangeRow.commitment_id == link.commitment_id,
                    StatusChangeRow.document_id == link.document_id,
                    StatusChangeRow.event.in_(mention_events),
                )
            )
    session.execute(
        delete(StatusChangeRow).where(
            or_(
                (StatusChangeRow.document_id.in_(docs)) & StatusChangeRow.event.in_(fulfil_events),
                (StatusChangeRow.commitment_id.in_(ids)) & StatusChangeRow.event.in_(mention_events),
            )
        )
    )
    return {link.commitment_id for link in stale}


def _in(column: Any, values: Iterable[Any]) -> Any:
    """``column IN values``, or no condition when there are more than :data:`IN_LIMIT` values (the
    caller keeps what it needs): no statement grows with the register."""
    chosen = sorted(set(values))
    return column.in_(chosen) if len(chosen) <= IN_LIMIT else true()


def denormalise(session: Session, ids: Iterable[int] | None = None) -> None:
    """Keep the commitments' fulfilled_by columns equal to their strongest unrejected fulfilment,
    and their status spans equal to their history."""
    query = select(CommitmentRow).options(selectinload(CommitmentRow.mentions))
    if ids is not None:
        wanted = set(ids)
        query = query.where(_in(CommitmentRow.id, wanted))
    rows = [row for row in session.scalars(query) if ids is None or row.id in wanted]
    states = commitment_states(session, rows)
    today = dt.date.max
    for row in rows:
        best = states[row.id].fulfilment_on(today)
        row.fulfilled_by_id = best.document_id if best else None
        row.fulfilled_quote = best.quote if best else ""
        row.fulfilled_confidence = best.confidence if best else 0.0
    write_status_spans(session, rows, states)


_DELETE_SPANS = delete(StatusSpanRow).where(StatusSpanRow.commitment_id.in_(bindparam("ids", expanding=True)))
_INSERT_SPANS = insert(StatusSpanRow)


def write_status_spans(
    session: Session, rows: Sequence[Any], states: dict[int, CommitmentState] | None = None
) -> None:
    """Store the status spans of ``rows`` (register/status.py) in place of the ones stored before.

    Args:
        session: the write transaction.
        rows: the commitments, with their mentions loaded or loadable (ORM rows); any rows with an
            ``id`` when ``states`` are given.
        states: their states when the caller has them already.
    """
    if not rows:
        return
    known = states if states is not None else commitment_states(session, rows)
    ids = sorted(row.id for row in rows)
    connection = session.connection()  # Core statements: the ORM's bulk path costs more per row
    for start in range(0, len(ids), IN_LIMIT):
        connection.execute(_DELETE_SPANS, {"ids": ids[start : start + IN_LIMIT]})
    values = [v for row in rows for v in span_values(row.id, known[row.id].kind, known[row.id].history)]
    connection.execute(_INSERT_SPANS, values)


def span_values(commitment_id: int, kind: CommitmentKind, history: History) -> list[dict[str, Any]]:
    """The ``status_spans`` rows of one commitment's history (register/status.py)."""
    return [
        {
            "commitment_id": commitment_id,
            "known_from": span.start,
            "known_until": span.end,
            "settled": span.settled.value if span.settled else "",
            "due_start": span.due.start if span.due else None,
            "due_end": span.due.end if span.due else None,
            "postponed": span.postponed,
            "kind": kind.value,
            "previous_start": span.previous_due.start if span.previous_due else None,
            "previous_end": span.previous_due.end if span.previous_due else None,
            "fulfilled_on": span.fulfilled_on,
            "late_days": span.late_days,
        }
        for span in status_spans(history)
    ]


def rebuild_status_spans(connection: Connection) -> None:
    """Compute the status spans of every commitment from its stored history (migration 0007)."""
    session = Session(bind=connection)
    try:
        session.execute(delete(StatusSpanRow))
        ids = list(session.scalars(select(CommitmentRow.id).order_by(CommitmentRow.id)))
        for start in range(0, len(ids), IN_LIMIT):
            query = (
                select(CommitmentRow)
                .where(CommitmentRow.id.in_(ids[start : start + IN_LIMIT]))
                .options(selectinload(CommitmentRow.mentions))
            )
            write_status_spans(session, session.scalars(query).all())
            session.expunge_all()
        session.flush()
    finally:
        session.close()


def _due_text(due: Interval | None) -> str:
    if due is None:
        return ""
    return f"{due.start.isoformat()}..{due.end.isoformat() if due.end else ''}"


def parse_due(text: str) -> Interval | None:
    """A deadline as people write it in a correction: "2015-10-31", "2015-10-01..2015-10-31", or "".

    Raises:
        RegisterError: R020 when it is none of these.
    """
    value = text.strip()
    if not value:
        return None
    try:
        if ".." in value:
            start, end = value.split("..", 1)
            return Interval(dt.date.fromisoformat(start.strip()), dt.date.fromisoformat(end.strip()))
        day = dt.date.fromisoformat(value)
        return Interval(day, day)
    except ValueError:
        raise RegisterError(
            Code.R020, f"deadline {value!r}: write YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD"
        ) from None


# --- links and corrections folded into states ----------------------------------------------------


def _link_record(row: LinkRow, review: Review) -> LinkRecord:
    return LinkRecord(
        id=row.id,
        commitment_id=row.commitment_id,
        document_id=row.document_id,
        relation=LinkRelation(row.relation),
        evidence=EvidenceKind(row.evidence),
        quote=row.quote,
        sentence=row.sentence,
        span=Span(row.start, row.end),
        source_span=Span(row.source_start, row.source_end),
        on=row.on,
        confidence=row.confidence,
        cites=row.cites,
        due=_interval(row.due_start, row.due_end),
        time_text=row.time_text,
        review=review,
    )


def _utc(moment: dt.datetime) -> dt.datetime:
    """``moment`` in UTC, timezone-aware (SQLite hands back naive UTC times)."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def _correction_record(row: CorrectionRow) -> CorrectionRecord:
    return CorrectionRecord(
        id=row.id,
        at=_utc(row.at),
        who=row.who,
        commitment_key=row.commitment_key,
        first_document_id=row.first_document_id,
        quote=row.quote,
        field=CorrectionField(row.field),
        document_id=row.document_id,
        old=row.old,
        new=row.new,
        note=row.note,
        effective=row.effective,
    )


# the statements of commitment_states, built once (expanding parameters): storing a document runs
# each of them, and building and keying a statement costs more CPU than the database spends on it;
# the _EVERY_ ones where a list passes IN_LIMIT (the caller keeps what it needs)
_CORRECTIONS = (
    select(CorrectionRow)
    .where(
        or_(
            CorrectionRow.commitment_key.in_(bindparam("keys", expanding=True)),
            CorrectionRow.first_document_id.in_(bindparam("firsts", expanding=True)),
        )
    )
    .order_by(CorrectionRow.at, CorrectionRow.id)
)
_EVERY_CORRECTION = select(CorrectionRow).order_by(CorrectionRow.at, CorrectionRow.id)
_LINKS = (
    select(LinkRow)
    .where(LinkRow.commitment_id.in_(bindparam("ids", expanding=True)))
    .order_by(LinkRow.on, LinkRow.id)
)
_EVERY_LINK = select(LinkRow).order_by(LinkRow.on, LinkRow.id)
_DATES = select(DocumentRow.id, DocumentRow.date).where(DocumentRow.id.in_(bindparam("ids", expanding=True)))
_EVERY_DATE = select(DocumentRow.id, DocumentRow.date)


def corrections_for(session: Session, rows: Sequence[Any]) -> dict[int, list[CorrectionRecord]]:
    """Corrections per commitment id of ``rows`` (with id, key, first_document_id and quote): by key,
    else by first document and quote (re-extracted keys)."""
    if not rows:
        return {}
    keys = {row.key: row.id for row in rows}
    by_quote = {(row.first_document_id, row.quote): row.id for row in rows}
    firsts = {row.first_document_id for row in rows}
    if len(keys) > IN_LIMIT or len(firsts) > IN_LIMIT:
        found = session.scalars(_EVERY_CORRECTION)
    else:
        found = session.scalars(_CORRECTIONS, {"keys": sorted(keys), "firsts": sorted(firsts)})
    out: dict[int, list[CorrectionRecord]] = {}
    for row in found:
        target = keys.get(row.commitment_key)
        if target is None:
            target = by_quote.get((row.first_document_id, row.quote))
        if target is not None:
            out.setdefault(target, []).append(_correction_record(row))
    return out


def commitment_states(
    session: Session, rows: Sequence[Any], mentions: dict[int, Sequence[Any]] | None = None
) -> dict[int, CommitmentState]:
    """The corrected fields, links and history of each commitment of ``rows``, by id.

    Args:
        session: a session on the register.
        rows: commitment rows (ORM rows, or Core rows with the columns of :data:`_STATE_COLUMNS`).
        mentions: each commitment's mention rows in id order, by commitment id; the rows' own
            ``mentions`` when None.
    """
    ids = {row.id for row in rows}
    of = mentions if mentions is not None else {row.id: row.mentions for row in rows}
    links: dict[int, list[LinkRow]] = {}
    if ids:
        found = (
            session.scalars(_LINKS, {"ids": sorted(ids)})
            if len(ids) <= IN_LIMIT
            else session.scalars(_EVERY_LINK)
        )
        for link in found:
            if link.commitment_id in ids:
                links.setdefault(link.commitment_id, []).append(link)
    corrections = corrections_for(session, rows)
    wanted = {m.document_id for row in rows for m in of.get(row.id, ())}
    dates: dict[str, dt.date | None] = {}
    if wanted:
        days = (
            session.execute(_DATES, {"ids": sorted(wanted)})
            if len(wanted) <= IN_LIMIT
            else session.execute(_EVERY_DATE)
        )
        dates = {doc_id: day for doc_id, day in days}
    return {
        row.id: _state(
            row,
            tuple(_mention(m, dates) for m in of.get(row.id, ())),
            links.get(row.id, []),
            corrections.get(row.id, []),
        )
        for row in rows
    }


#: the columns of a commitment that :func:`commitment_states` reads
_STATE_COLUMNS = (
    CommitmentRow.id,
    CommitmentRow.key,
    CommitmentRow.kind,
    CommitmentRow.actor,
    CommitmentRow.quote,
    CommitmentRow.first_document_id,
    CommitmentRow.due_start,
    CommitmentRow.due_end,
)
#: the columns of a mention that :func:`commitment_states` reads
_STATE_MENTION_COLUMNS = (
    MentionRow.commitment_id,
    MentionRow.document_id,
    MentionRow.sentence,
    MentionRow.quote,
    MentionRow.time_text,
    MentionRow.due_start,
    MentionRow.due_end,
    MentionRow.start,
    MentionRow.end,
    MentionRow.source_start,
    MentionRow.source_end,
)


_STATE_ROWS = select(*_STATE_COLUMNS).where(CommitmentRow.id.in_(bindparam("ids", expanding=True)))
_STATE_MENTIONS = (
    select(*_STATE_MENTION_COLUMNS)
    .where(MentionRow.commitment_id.in_(bindparam("ids", expanding=True)))
    .order_by(MentionRow.id)
)


def refresh_status_spans(session: Session, ids: Iterable[int]) -> None:
    """Store anew the status spans of the commitments ``ids``, read as plain rows (storing a document:
    no ORM objects for the commitments and their mentions)."""
    wanted = sorted(set(ids))
    if not wanted:
        return
    connection = session.connection()
    rows: list[Any] = []
    mentions: dict[int, list[Any]] = {}
    for start in range(0, len(wanted), IN_LIMIT):
        batch = wanted[start : start + IN_LIMIT]
        rows.extend(connection.execute(_STATE_ROWS, {"ids": batch}))
        for mention in connection.execute(_STATE_MENTIONS, {"ids": batch}):
            mentions.setdefault(mention.commitment_id, []).append(mention)
    write_status_spans(session, rows, commitment_states(session, rows, dict(mentions)))


@dataclass(frozen=True, slots=True)
class Corrected:
    """A commitment's fields after people's corrections, the audit trail folded in order."""

    kind: CommitmentKind
    actor: str
    owner: str
    note: str
    verdict: Verdict
    #: the day the verdict counts from (None: from the start)
    verdict_on: dt.date | None
    #: whether a person set the deadline, and to what
    due_corrected: bool
    due: Interval | None
    #: the review of each later document's links, by document id
    reviews: dict[str, Review]


def fold_corrections(kind: CommitmentKind, actor: str, corrections: Sequence[CorrectionRecord]) -> Corrected:
    """The fields of a commitment extracted with ``kind`` and ``actor`` after ``corrections``."""
    owner, note, due_corrected, due = "", "", False, None
    verdict, verdict_on = Verdict.AUTOMATIC, None
    reviews: dict[str, Review] = {}
    for c in corrections:
        match c.field:
            case CorrectionField.KIND:
                kind = CommitmentKind(c.new)
            case CorrectionField.ACTOR:
                actor = c.new
            case CorrectionField.DUE:
                due_corrected, due = True, parse_due(c.new)
            case CorrectionField.OWNER:
                owner = c.new
            case CorrectionField.NOTE:
                note = c.new
            case CorrectionField.REVIEW:
                reviews[c.document_id] = Review(c.new)
            case CorrectionField.VERDICT:
                verdict = Verdict(c.new)
                verdict_on = None if verdict is Verdict.NOT_A_COMMITMENT else c.effective or c.at.date()
    return Corrected(kind, actor, owner, note, verdict, verdict_on, due_corrected, due, reviews)


def fulfilment_links(
    session: Session, rows: Sequence[Any], reviews: dict[int, dict[str, Review]]
) -> dict[int, tuple[LinkRecord, ...]]:
    """The fulfilment links of the commitments ``rows`` (with the reviews people gave them), by id."""
    out: dict[int, list[LinkRecord]] = {}
    ids = {row.id for row in rows}
    if not ids:
        return {}
    query = (
        select(LinkRow)
        .where(_in(LinkRow.commitment_id, ids), LinkRow.relation.in_([r.value for r in _FULFILMENT]))
        .order_by(LinkRow.on, LinkRow.id)
    )
    for link in session.scalars(query):
        if link.commitment_id in ids:
            review = reviews.get(link.commitment_id, {}).get(link.document_id, Review.PROPOSED)
            out.setdefault(link.commitment_id, []).append(_link_record(link, review))
    return {key: tuple(links) for key, links in out.items()}


def strongest_fulfilment(links: Sequence[LinkRecord], day: dt.date) -> LinkRecord | None:
    """The strongest fulfilment link known on ``day`` that people did not reject."""
    known = [
        link
        for link in links
        if link.relation in _FULFILMENT
        and link.review is not Review.REJECTED
        and (link.on is None or link.on <= day)
    ]
    if not known:
        return None
    return max(known, key=lambda link: (link.review is Review.ACCEPTED, link.confidence, -(link.id)))


def _state(
    row: Any,
    mentions: tuple[TrackedMention, ...],
    link_rows: list[LinkRow],
    corrections: list[CorrectionRecord],
) -> CommitmentState:
    due = first_due(row.first_document_id, mentions) if mentions else _interval(row.due_start, row.due_end)
    corrected = fold_corrections(CommitmentKind(row.kind), row.actor, corrections)
    kind, actor, owner, note = corrected.kind, corrected.actor, corrected.owner, corrected.note
    verdict, verdict_on, reviews = corrected.verdict, corrected.verdict_on, corrected.reviews
    if corrected.due_corrected:
        due = corrected.due
    records = tuple(_link_record(link, reviews.get(link.document_id, Review.PROPOSED)) for link in link_rows)
    # moved by a later mention, or by a later promise of its own (track/fulfilment.py later_promise_links)
    moves = [
        Dated(m.document_date, m.due) for m, moved in later_mentions(row.first_document_id, mentions) if moved
    ]
    moves.extend(
        Dated(link.on, link.due)
        for link in records
        if link.relation is LinkRelation.CHANGES and link.evidence is not EvidenceKind.MENTION
    )
    deadlines = tuple(sorted(moves, key=lambda fact: fact.on or dt.date.min))
    fulfilled = [
        Dated(link.on)
        for link in records
        if link.relation is LinkRelation.FULFILS and link.review is not Review.REJECTED
    ]
    partly = [
        Dated(link.on)
        for link in records
        if link.relation is LinkRelation.PARTLY_FULFILS and link.review is not Review.REJECTED
    ]
    lapsed: list[Dated] = []
    if verdict is Verdict.FULFILLED:
        fulfilled.append(Dated(verdict_on))
    elif verdict is Verdict.PARTLY_FULFILLED:
        partly.append(Dated(verdict_on))
    elif verdict in (Verdict.LAPSED, Verdict.NOT_A_COMMITMENT):
        lapsed.append(Dated(verdict_on))
    history = History(due, deadlines, tuple(fulfilled), tuple(partly), tuple(lapsed))
    return CommitmentState(kind, actor, due, owner, note, verdict, history, records, tuple(corrections))


# --- corrections ---------------------------------------------------------------------------------


def _current(state: CommitmentState, field: CorrectionField, document_id: str) -> str:
    match field:
        case CorrectionField.KIND:
            return state.kind.value
        case CorrectionField.ACTOR:
            return state.actor
        case CorrectionField.DUE:
            return _due_text(state.due)
        case CorrectionField.OWNER:
            return state.owner
        case CorrectionField.NOTE:
            return state.note
        case CorrectionField.VERDICT:
            return state.verdict.value
        case CorrectionField.REVIEW:
            reviews = {link.review for link in state.links if link.document_id == document_id}
            return next(iter(reviews)).value if reviews else Review.PROPOSED.value
    return ""  # pragma: no cover - every field is handled above


def _checked(field: CorrectionField, value: str, document_id: str, state: CommitmentState) -> str:
    """``value`` in its stored form; R020 naming the field when people cannot mean it."""
    value = value.strip()
    if len(value) > MAX_TEXT:
        raise RegisterError(Code.R020, f"{field.value}: longer than {MAX_TEXT} characters")
    allowed: tuple[str, ...] = ()
    if field is CorrectionField.KIND:
        allowed = tuple(k.value for k in CommitmentKind)
    elif field is CorrectionField.VERDICT:
        allowed = tuple(v.value for v in Verdict)
    elif field is CorrectionField.REVIEW:
        allowed = tuple(r.value for r in Review)
        if not any(link.document_id == document_id and link.relation in _FULFILMENT for link in state.links):
            raise RegisterError(Code.R020, f"review: no proposed fulfilment by {document_id!r}")
    elif field is CorrectionField.DUE:
        return _due_text(parse_due(value))
    if allowed and value not in allowed:
        raise RegisterError(Code.R020, f"{field.value}: {value!r}; allowed: {', '.join(allowed)}")
    return value


def _valid_value(field: CorrectionField, value: str) -> bool:
    """Whether a stored correction's value can be applied (reviews, verdicts, kinds, deadlines)."""
    choices: dict[CorrectionField, frozenset[str]] = {
        CorrectionField.REVIEW: frozenset(Review),
        CorrectionField.VERDICT: frozenset(Verdict),
        CorrectionField.KIND: frozenset(CommitmentKind),
    }
    if field in choices:
        return value in choices[field]
    if field is CorrectionField.DUE:
        try:
            parse_due(value)
        except RegisterError:
            return False
    return True


def correct(
    register: Register,
    commitment_id: int,
    field: CorrectionField,
    value: str,
    who: str,
    note: str = "",
    document_id: str = "",
    effective: dt.date | None = None,
) -> CorrectionRecord:
    """Record one correction of a commitment (an event of the audit trail) and return it.

    Args:
        register: the register.
        commitment_id: the commitment corrected.
        field: what is corrected.
        value: the new value (a Review for "review", a Verdict for "verdict", a kind, a deadline
            "YYYY-MM-DD[..YYYY-MM-DD]", or free text for actor, owner and note).
        who: the person (required).
        note: why, in their words.
        document_id: the later document whose proposed fulfilment is reviewed (field "review").
        effective: the day a verdict takes effect (a fulfilment's date); the correction's day when None.

    Raises:
        RegisterError: R001 when there is no such commitment; R020 when the value is not allowed or
            ``who`` is empty; R002 when the database fails.
    """
    who = who.strip()
    if not who:
        raise RegisterError(Code.R020, "say who makes the correction")
    if len(who) > 200 or len(note) > MAX_TEXT:
        raise RegisterError(Code.R020, "who or note is too long")

    def store(session: Session) -> CorrectionRecord:
        row = session.get(CommitmentRow, commitment_id)
        if row is None:
            raise RegisterError(Code.R001, str(commitment_id))
        state = commitment_states(session, [row])[row.id]
        new = _checked(field, value, document_id, state)
        old = _current(state, field, document_id)
        correction = CorrectionRow(
            at=dt.datetime.now(dt.UTC),
            who=who,
            commitment_key=row.key,
            first_document_id=row.first_document_id,
            quote=row.quote,
            field=field.value,
            document_id=document_id if field is CorrectionField.REVIEW else "",
            old=old,
            new=new,
            note=note.strip(),
            effective=effective,
        )
        session.add(correction)
        session.flush()
        denormalise(session, [row.id])
        return _correction_record(correction)

    try:
        record = register.write(store, f"correcting commitment {commitment_id}")
    except SQLAlchemyError as exc:
        raise RegisterError(Code.R002, f"storing a correction: {exc}") from exc
    logger.info("commitment %s: %s %r → %r by %s", commitment_id, field.value, record.old, record.new, who)
    return record


def corrections_of(register: Register, commitment_id: int | None = None) -> tuple[CorrectionRecord, ...]:
    """The audit trail of one commitment, or every correction in the register, oldest first."""
    with Session(register.engine) as session:
        if commitment_id is None:
            rows = session.scalars(select(CorrectionRow).order_by(CorrectionRow.at, CorrectionRow.id))
            return tuple(_correction_record(r) for r in rows)
        row = session.get(CommitmentRow, commitment_id)
        if row is None:
            raise RegisterError(Code.R001, str(commitment_id))
        return tuple(corrections_for(session, [row]).get(row.id, []))


def state_of(register: Register, commitment_id: int) -> CommitmentState:
    """The corrected fields, links, history and audit trail of one commitment.

    Raises:
        RegisterError: R001 when there is no such commitment.
    """
    with Session(register.engine) as session:
        row = session.get(CommitmentRow, commitment_id)
        if row is None:
            raise RegisterError(Code.R001, str(commitment_id))
        return commitment_states(session, [row])[row.id]


def import_corrections(register: Register, records: Iterable[CorrectionRecord]) -> int:
    """Add corrections exported from a register; those already present (same time, person, target,
    field and value) are skipped. One transaction.

    Returns:
        How many were added.

    Raises:
        RegisterError: R021 when a record names an unknown field or value; R002 when the database fails.
    """
    records = list(records)
    for number, record in enumerate(records, start=1):
        if not _valid_value(record.field, record.new):
            raise RegisterError(
                Code.R021, f"entry {number}: {record.field.value} {record.new!r} is not allowed"
            )

    def store(session: Session) -> int:
        added = 0
        present = {
            (_utc(c.at), c.who, c.commitment_key, c.field, c.document_id, c.new)
            for c in session.scalars(select(CorrectionRow))
        }
        for record in records:
            key = (
                _utc(record.at),
                record.who,
                record.commitment_key,
                record.field.value,
                record.document_id,
                record.new,
            )
            if key in present:
                continue
            present.add(key)
            session.add(
                CorrectionRow(
                    at=record.at,
                    who=record.who,
                    commitment_key=record.commitment_key,
                    first_document_id=record.first_document_id,
                    quote=record.quote,
                    field=record.field.value,
                    document_id=record.document_id,
                    old=record.old,
                    new=record.new,
                    note=record.note,
                    effective=record.effective,
                )
            )
            added += 1
        session.flush()
        denormalise(session)
        return added

    try:
        return register.write(store, "importing corrections")
    except SQLAlchemyError as exc:
        raise RegisterError(Code.R002, f"importing corrections: {exc}") from exc
