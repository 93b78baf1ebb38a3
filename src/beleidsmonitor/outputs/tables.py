"""Commitments as CSV and JSON: one row (object) per register entry, with its status as of a date.

:class:`CommitmentOut` is the one shape a commitment has when it leaves beleidsmonitor,
:class:`DocumentOut` the one shape of a document, :class:`DossierOut` that of a dossier and
:class:`MeasureOut` that of a measure: ``commitments --format json|csv``, ``documents``,
``export`` and the web API all use them; :class:`CommitmentDetailOut` is a commitment with its
mentions, history, later letters and audit trail, as ``/api/commitments/{id}`` serves it. Codes stay English (``status: "overdue"``) with the Dutch
label beside them (``status_label: "verlopen"``). CSV columns are the fields in declaration order;
list fields (the topic path) are joined with " > ". The Dutch-Excel flavour writes the labels
under Dutch headings, separated by semicolons, with a byte-order mark so that Excel reads UTF-8.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field

from beleidsmonitor.outputs.labels import (
    event_label,
    field_label,
    kind_label,
    measure_label,
    part_label,
    status_label,
)
from beleidsmonitor.outputs.links import official_url
from beleidsmonitor.register.overview import DossierSummary, StatusCounts
from beleidsmonitor.register.store import (
    CommitmentDetail,
    CommitmentRecord,
    DocumentRecord,
    MeasureRecord,
    MentionRecord,
    StatusChangeRecord,
)
from beleidsmonitor.register.tracking import CorrectionRecord, LinkRecord
from beleidsmonitor.vocab import (
    CommitmentKind,
    CorrectionField,
    EvidenceKind,
    LinkRelation,
    MeasureState,
    Part,
    Review,
    Status,
    Verdict,
)


class CsvDialect(StrEnum):
    """Flavours of CSV: plain (comma, codes, English field names) or Dutch Excel (semicolon, labels)."""

    PLAIN = "plain"
    EXCEL_NL = "excel-nl"


class CommitmentOut(BaseModel):
    """A register entry as it is exported and served."""

    id: int
    dossier: str
    ministry: str
    bewindspersoon: str = Field(description="who signed the letter that first made it")
    functie: str = Field(description="the signatory's function (Minister, Staatssecretaris)")
    committee: str = Field(
        description="the committee a Chamber's register names, else the Tweede Kamer committee that follows the ministry"
    )
    committee_derived: bool = Field(
        False, description="true when no register names the committee: it is derived from the ministry"
    )
    kind: CommitmentKind
    kind_label: str = Field(description="the kind in Dutch")
    status: Status
    status_label: str = Field(description="the status in Dutch")
    as_of: dt.date
    quote: str
    actor: str
    object: str
    recipient: str
    time_text: str | None
    due_start: dt.date | None
    due_end: dt.date | None = Field(description="the deadline; null for an undated or open-ended commitment")
    section: str
    topic_path: list[str]
    part: Part
    confidence: float
    first_document_id: str
    first_document_date: dt.date | None
    url: str = Field(description="the first document on officielebekendmakingen.nl; empty when unknown")
    fulfilled_by: str | None
    fulfilled_quote: str
    mentions: int
    previous_due_end: dt.date | None = Field(
        default=None, description="the deadline a later letter moved (status postponed)"
    )
    fulfilled_on: dt.date | None = None
    late_days: int = Field(default=0, description="days the fulfilment came after the deadline; 0 on time")
    fulfilled_evidence: EvidenceKind | None = None
    fulfilled_review: Review | None = None
    verdict: Verdict = Verdict.AUTOMATIC
    owner: str = ""
    note: str = ""
    source: str = Field("written", description="written (a document), tk or ek (a Chamber's register)")
    official_number: str = Field("", description="the Chamber's register number (TZ201312-101, T01970)")
    official_status: str = Field("", description="the status in the Chamber's register, verbatim")

    @classmethod
    def from_record(cls, record: CommitmentRecord, as_of: dt.date) -> CommitmentOut:
        """The exported form of a store record whose status was computed for ``as_of``."""
        # the fields the record shares by name, plus the export date and the due interval's two ends
        shared = {name: getattr(record, name) for name in cls.model_fields if hasattr(record, name)}
        due = record.due
        return cls(
            **shared,
            as_of=as_of,
            kind_label=kind_label(record.kind),
            status_label=status_label(record.status),
            url=official_url(record.first_document_id),
            due_start=due.start if due else None,
            due_end=due.end if due else None,
            previous_due_end=record.previous_due.end if record.previous_due else None,
        )


class DocumentOut(BaseModel):
    """A stored document as it is exported and served."""

    id: str
    dossier: str
    nr: str
    vergaderjaar: str
    date: dt.date | None
    date_inferred: bool = Field(description="true when the date was inferred from the text, not printed")
    title: str
    ministry: str
    doc_type: str
    format: str
    commitments: int
    url: str = Field(description="the document on officielebekendmakingen.nl; empty when unknown")

    @classmethod
    def from_record(cls, record: DocumentRecord) -> DocumentOut:
        """The exported form of a stored document."""
        shared = {name: getattr(record, name) for name in cls.model_fields if hasattr(record, name)}
        return cls(**shared, url=official_url(record.id))


class MeasureOut(BaseModel):
    """A policy measure with its state."""

    id: int
    document_id: str
    dossier: str
    heading: str
    topic_path: list[str]
    part: Part
    state: MeasureState
    state_label: str = Field(description="the state in Dutch")
    evidence: list[str]

    @classmethod
    def of(cls, m: MeasureRecord) -> MeasureOut:
        """From a store record."""
        return cls(
            id=m.id,
            document_id=m.document_id,
            dossier=m.dossier,
            heading=m.heading,
            topic_path=list(m.topic_path),
            part=m.part,
            state=m.state,
            state_label=measure_label(m.state),
            evidence=list(m.evidence),
        )


class CountsOut(BaseModel):
    """Commitments per status."""

    open: int
    due: int
    overdue: int
    partly_fulfilled: int
    fulfilled: int
    postponed: int
    lapsed: int
    total: int

    @classmethod
    def of(cls, counts: StatusCounts) -> CountsOut:
        """From the overview's counts."""
        return cls(
            open=counts.open,
            due=counts.due,
            overdue=counts.overdue,
            partly_fulfilled=counts.partly_fulfilled,
            fulfilled=counts.fulfilled,
            postponed=counts.postponed,
            lapsed=counts.lapsed,
            total=counts.total,
        )


class DossierOut(BaseModel):
    """A dossier in the register."""

    dossier: str
    title: str
    documents: int
    first_date: dt.date | None
    last_date: dt.date | None
    url: str = Field(description="the dossier on officielebekendmakingen.nl")
    counts: CountsOut

    @classmethod
    def of(cls, d: DossierSummary) -> DossierOut:
        """From the register's dossier summary."""
        return cls(
            dossier=d.dossier,
            title=d.title,
            documents=d.documents,
            first_date=d.first_date,
            last_date=d.last_date,
            url=official_url(f"kst-{d.dossier}") if d.dossier else "",
            counts=CountsOut.of(d.counts),
        )


CSV_COLUMNS: tuple[str, ...] = tuple(CommitmentOut.model_fields)
#: the columns of the Dutch-Excel flavour and the XLSX sheet: labels instead of codes
NL_COLUMNS: tuple[str, ...] = tuple(
    c for c in CSV_COLUMNS if c not in ("kind", "status", "key", "confidence", "fulfilled_quote")
)


class MentionOut(BaseModel):
    """One mention of a commitment."""

    id: int
    document_id: str
    document_date: dt.date | None
    quote: str
    start: int
    end: int
    source_start: int
    source_end: int
    section: str
    part: Part
    time_text: str | None
    due_start: dt.date | None
    due_end: dt.date | None
    same_as: int | None

    @classmethod
    def from_record(cls, m: MentionRecord) -> MentionOut:
        """The served form of a stored mention."""
        return cls(
            id=m.id,
            document_id=m.document_id,
            document_date=m.document_date,
            quote=m.quote,
            start=m.span.start,
            end=m.span.end,
            source_start=m.source_span.start,
            source_end=m.source_span.end,
            section=m.section,
            part=m.part,
            time_text=m.time_text,
            due_start=m.due.start if m.due else None,
            due_end=m.due.end if m.due else None,
            same_as=m.same_as,
        )


class HistoryOut(BaseModel):
    """One event in a commitment's history."""

    on: dt.date | None
    event: str
    event_label: str = Field(description="the event in Dutch")
    status: Status
    status_label: str = Field(description="the status in Dutch")
    document_id: str | None
    note: str

    @classmethod
    def from_record(cls, h: StatusChangeRecord) -> HistoryOut:
        """The served form of an event, with its Dutch labels."""
        return cls(
            on=h.on,
            event=h.event,
            event_label=event_label(h.event),
            status=h.status,
            status_label=status_label(h.status),
            document_id=h.document_id,
            note=h.note,
        )


class LinkOut(BaseModel):
    """What a later document says of the commitment, with the sentence and its offsets."""

    document_id: str
    on: dt.date | None
    relation: LinkRelation
    evidence: EvidenceKind
    review: Review
    quote: str
    sentence: int
    start: int
    end: int
    source_start: int
    source_end: int
    cites: str = Field(description="what resolved the link: a Kamerstuk id, 'brief van <datum>', a motion")
    due_start: dt.date | None
    due_end: dt.date | None
    confidence: float

    @classmethod
    def from_record(cls, link: LinkRecord) -> LinkOut:
        """The served form of a stored link."""
        return cls(
            document_id=link.document_id,
            on=link.on,
            relation=link.relation,
            evidence=link.evidence,
            review=link.review,
            quote=link.quote,
            sentence=link.sentence,
            start=link.span.start,
            end=link.span.end,
            source_start=link.source_span.start,
            source_end=link.source_span.end,
            cites=link.cites,
            due_start=link.due.start if link.due else None,
            due_end=link.due.end if link.due else None,
            confidence=link.confidence,
        )


class CorrectionOut(BaseModel):
    """One correction by a person: the audit trail as a commitment's detail shows it (the corrections
    file, outputs/corrections.py, adds the commitment's key and quote to each)."""

    at: dt.datetime
    who: str
    field: CorrectionField
    document_id: str
    old: str
    new: str
    note: str
    effective: dt.date | None

    @classmethod
    def from_record(cls, c: CorrectionRecord) -> CorrectionOut:
        """The served form of a stored correction."""
        return cls(**{name: getattr(c, name) for name in cls.model_fields})


class CommitmentDetailOut(BaseModel):
    """A commitment with its mentions, history, later letters and audit trail."""

    commitment: CommitmentOut
    mentions: list[MentionOut]
    history: list[HistoryOut]
    links: list[LinkOut] = []
    corrections: list[CorrectionOut] = []

    @classmethod
    def from_detail(cls, detail: CommitmentDetail, as_of: dt.date) -> CommitmentDetailOut:
        """The one shape of a commitment's detail, its status computed for ``as_of``."""
        return cls(
            commitment=CommitmentOut.from_record(detail.commitment, as_of),
            mentions=[MentionOut.from_record(m) for m in detail.mentions],
            history=[HistoryOut.from_record(h) for h in detail.history],
            links=[LinkOut.from_record(link) for link in detail.links],
            corrections=[CorrectionOut.from_record(c) for c in detail.corrections],
        )


def commitment_rows(records: Sequence[CommitmentRecord], as_of: dt.date) -> list[dict[str, Any]]:
    """The commitments as flat rows of the outgoing shape (JSON values; the topic path joined)."""
    rows = []
    for record in records:
        row = CommitmentOut.from_record(record, as_of).model_dump(mode="json")
        row["topic_path"] = " > ".join(row["topic_path"])
        rows.append(row)
    return rows


def dutch_rows(records: Sequence[CommitmentRecord], as_of: dt.date) -> tuple[list[str], list[list[Any]]]:
    """Dutch headings and the rows of :data:`NL_COLUMNS` for people (XLSX, Dutch Excel CSV):
    labels for codes, the part as "brief"/"bijlage"; dates stay dates."""
    headings = [field_label(c) for c in NL_COLUMNS]
    out = []
    for record in records:
        item = CommitmentOut.from_record(record, as_of)
        values = {**dict(item), "part": part_label(item.part), "topic_path": " > ".join(item.topic_path)}
        out.append(["" if values[c] is None else values[c] for c in NL_COLUMNS])
    return headings, out


def commitments_to_csv(
    records: Sequence[CommitmentRecord], as_of: dt.date, dialect: CsvDialect = CsvDialect.PLAIN
) -> str:
    """The commitments as CSV text (header row, then one row per commitment; CRLF line ends).

    Args:
        records: commitments as the store returned them for ``as_of``.
        as_of: the day their statuses were computed for.
        dialect: plain CSV of the outgoing shape, or Dutch Excel (";" separated, Dutch headings and
            labels, dates as DD-MM-JJJJ, a UTF-8 byte-order mark first).
    """
    buffer = io.StringIO()
    if dialect is CsvDialect.EXCEL_NL:
        headings, rows = dutch_rows(records, as_of)
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow(headings)
        for values in rows:
            writer.writerow([v.strftime("%d-%m-%Y") if isinstance(v, dt.date) else v for v in values])
        return "\ufeff" + buffer.getvalue()
    dict_writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS)
    dict_writer.writeheader()
    for row in commitment_rows(records, as_of):
        dict_writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return buffer.getvalue()


def commitments_to_json(records: Sequence[CommitmentRecord], as_of: dt.date) -> str:
    """The commitments as a JSON array of :class:`CommitmentOut` objects (UTF-8, indented)."""
    items = [CommitmentOut.from_record(r, as_of).model_dump(mode="json") for r in records]
    return json.dumps(items, ensure_ascii=False, indent=1) + "\n"
