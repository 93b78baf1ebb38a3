"""The register's tables as SQLAlchemy 2 typed ``Mapped[]`` classes.

documents: one row per ingested Kamerstuk (unique by content sha256); extractions: time expressions,
references, amounts, organisations and people found in a document; commitments: one register entry
per promise, merged over its mentions; mentions: every sentence that states a commitment;
measures: policy measures per topic heading; status_changes: the history of each commitment;
toezeggingen: the Chambers' registers of commitments as imported; fetch_runs: the runs of ``watch``;
merge_terms and term_counts: the index through which a new mention finds the entries it may repeat
(register/merge.py's word keys, hashed with the dossier) and the counts its weights need, so that
storing a letter costs the same for the first and the hundred-thousandth letter of a dossier.
links: what later documents say of an earlier commitment (fulfilment, repeat, change), written by the
track stage; corrections: what people changed, the audit trail (kept by natural keys, without foreign
keys, so that it survives re-ingest and re-extraction).
status_spans: each commitment's history cut into stretches of days over which what is known stays the
same (register/status.py), kept by the store after every write, so that the database computes,
filters, orders and counts statuses as of any day.
Offsets are clean-text offsets; ``source_start``/``source_end`` are the matching source offsets.
Alembic migrations in ``register/migrations`` create exactly these tables.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    cast,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    """Declarative base of the register's tables."""

    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


class DocumentRow(Base):
    """An ingested document with its metadata, clean text and heading structure."""

    __tablename__ = "documents"
    #: no RETURNING of server defaults on insert (``tracked`` is not read back)
    __mapper_args__ = {"eager_defaults": False}  # noqa: RUF012 (SQLAlchemy reads it as given)

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    dossier: Mapped[str] = mapped_column(String(40), index=True)
    suffix: Mapped[str] = mapped_column(String(20), default="")
    nr: Mapped[str] = mapped_column(String(20), default="")
    vergaderjaar: Mapped[str] = mapped_column(String(20), default="")
    date: Mapped[dt.date | None] = mapped_column(Date)
    date_inferred: Mapped[bool] = mapped_column(default=False)
    title: Mapped[str] = mapped_column(Text, default="")
    dossier_title: Mapped[str] = mapped_column(Text, default="")
    ministry: Mapped[str] = mapped_column(String(200), default="", index=True)
    signatories: Mapped[list[Any]] = mapped_column(default=list)
    doc_type: Mapped[str] = mapped_column(String(40), default="")
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    source_path: Mapped[str] = mapped_column(Text, default="")
    format: Mapped[str] = mapped_column(String(20), default="")
    clean_text: Mapped[str] = mapped_column(Text, default="")
    structure: Mapped[dict[str, Any]] = mapped_column(default=dict)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    #: false from storing until the track stage has followed the document's commitments and links:
    #: an ingest stopped in between leaves it false, and the next ingest or track follows it then
    #: (only a server default and deferred: code that stores documents also works on a register
    #: still at an older revision, see test_corrections)
    tracked: Mapped[bool] = mapped_column(Boolean, server_default=false(), deferred=True)


class ExtractionRow(Base):
    """A time expression, reference, amount, organisation or person found in a document."""

    __tablename__ = "extractions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    source_start: Mapped[int] = mapped_column(Integer)
    source_end: Mapped[int] = mapped_column(Integer)
    sentence: Mapped[int] = mapped_column(Integer, default=-1)
    #: the normalised id (references), canonical name (organisations) or unit
    norm: Mapped[str] = mapped_column(Text, default="")
    value_start: Mapped[dt.date | None] = mapped_column(Date)
    value_end: Mapped[dt.date | None] = mapped_column(Date)
    value: Mapped[dict[str, Any]] = mapped_column(default=dict)


class CommitmentRow(Base):
    """One register entry: a promise, merged over every mention of it."""

    __tablename__ = "commitments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(120), unique=True)
    dossier: Mapped[str] = mapped_column(String(40), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    quote: Mapped[str] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(Text, default="")
    object: Mapped[str] = mapped_column(Text, default="")
    recipient: Mapped[str] = mapped_column(Text, default="")
    due_start: Mapped[dt.date | None] = mapped_column(Date)
    due_end: Mapped[dt.date | None] = mapped_column(Date, index=True)
    time_text: Mapped[str | None] = mapped_column(Text)
    section: Mapped[str] = mapped_column(Text, default="")
    topic_path: Mapped[list[Any]] = mapped_column(default=list)
    part: Mapped[str] = mapped_column(String(20), default="letter")
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    evidence: Mapped[list[Any]] = mapped_column(default=list)
    first_document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), index=True)
    fulfilled_by_id: Mapped[str | None] = mapped_column(ForeignKey("documents.id"))
    fulfilled_quote: Mapped[str] = mapped_column(Text, default="")
    fulfilled_confidence: Mapped[float] = mapped_column(Float, default=0.0)
    #: where the entry comes from: "written" (a document), "tk" or "ek" (a Chamber's register)
    source: Mapped[str] = mapped_column(String(10), server_default="written")
    #: the Chamber's register number (TZ201312-101, T01970) when the register holds this promise
    official_number: Mapped[str] = mapped_column(String(40), server_default="")
    #: the status the Chamber's register gives it (Openstaand, Deels voldaan, Voldaan), verbatim
    official_status: Mapped[str] = mapped_column(String(40), server_default="")

    mentions: Mapped[list[MentionRow]] = relationship(
        back_populates="commitment", order_by="MentionRow.id", cascade="all, delete-orphan"
    )
    changes: Mapped[list[StatusChangeRow]] = relationship(
        back_populates="commitment", order_by="StatusChangeRow.id", cascade="all, delete-orphan"
    )


class MentionRow(Base):
    """One sentence of one document that states a commitment."""

    __tablename__ = "mentions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitments.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    quote: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(40))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    source_start: Mapped[int] = mapped_column(Integer)
    source_end: Mapped[int] = mapped_column(Integer)
    sentence: Mapped[int] = mapped_column(Integer)
    section: Mapped[str] = mapped_column(Text, default="")
    part: Mapped[str] = mapped_column(String(20), default="letter")
    object: Mapped[str] = mapped_column(Text, default="")
    time_text: Mapped[str | None] = mapped_column(Text)
    due_start: Mapped[dt.date | None] = mapped_column(Date)
    due_end: Mapped[dt.date | None] = mapped_column(Date)
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    #: the earlier mention this one repeats (null for the first mention of a commitment)
    same_as: Mapped[int | None] = mapped_column(ForeignKey("mentions.id"))
    merge_score: Mapped[float] = mapped_column(Float, default=0.0)

    commitment: Mapped[CommitmentRow] = relationship(back_populates="mentions")


class MeasureRow(Base):
    """A policy measure (the sentences under one topic heading) with its state."""

    __tablename__ = "measures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    heading: Mapped[str] = mapped_column(Text)
    topic_path: Mapped[list[Any]] = mapped_column(default=list)
    part: Mapped[str] = mapped_column(String(20), default="letter")
    state: Mapped[str] = mapped_column(String(20))
    evidence: Mapped[list[Any]] = mapped_column(default=list)


class StatusChangeRow(Base):
    """An event in a commitment's history: registered, repeated, deadline moved, fulfilled."""

    __tablename__ = "status_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitments.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[str | None] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    on: Mapped[dt.date | None] = mapped_column(Date)
    event: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")

    commitment: Mapped[CommitmentRow] = relationship(back_populates="changes")


class ToezeggingRow(Base):
    """A commitment as a Chamber's register records it (register/toezeggingen.py), never overwritten by
    extraction; ``commitment_id`` is the register entry that shows it (a written one it matched, or
    one made for it)."""

    __tablename__ = "toezeggingen"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    #: "tk:TZ201312-101" or "ek:T01970"
    key: Mapped[str] = mapped_column(String(60), unique=True)
    chamber: Mapped[str] = mapped_column(String(10))
    nummer: Mapped[str] = mapped_column(String(40))
    tekst: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(40))
    due: Mapped[dt.date | None] = mapped_column(Date)
    ministerie: Mapped[str] = mapped_column(String(200), default="")
    bewindspersoon: Mapped[str] = mapped_column(Text, default="")
    functie: Mapped[str] = mapped_column(Text, default="")
    toegezegd_aan: Mapped[str] = mapped_column(Text, default="")
    #: the committee the register names (the debate's lead committee); empty when it names none
    commissie: Mapped[str] = mapped_column(Text, default="", server_default="")
    dossier: Mapped[str] = mapped_column(String(40), default="", index=True)
    kamerbrief_nakoming: Mapped[str] = mapped_column(Text, default="")
    herhaling_van: Mapped[str] = mapped_column(String(60), default="")
    wijziging_van: Mapped[str] = mapped_column(String(60), default="")
    aanvulling_op: Mapped[str] = mapped_column(String(60), default="")
    commitment_id: Mapped[int | None] = mapped_column(
        ForeignKey("commitments.id", ondelete="SET NULL"), index=True
    )
    #: how well the text matched the written commitment it is linked to (0 when it got its own entry)
    match_score: Mapped[float] = mapped_column(Float, default=0.0)
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class FetchRunRow(Base):
    """One ``watch`` run over a dossier: when it ran and the day it reported for."""

    __tablename__ = "fetch_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    dossier: Mapped[str] = mapped_column(String(40), index=True)
    as_of: Mapped[dt.date] = mapped_column(Date)
    ran_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    documents: Mapped[list[Any]] = mapped_column(default=list)


class MergeTermRow(Base):
    """A word key of a commitment within its dossier: the candidate index of merging and fulfilment.

    ``term`` is a 64-bit hash of (dossier, key) (``register/store.py``); a collision only proposes one
    more candidate, which the merge rules then judge. No foreign key: the rows are only read joined
    to their commitment.
    """

    __tablename__ = "merge_terms"
    __table_args__ = {"sqlite_with_rowid": False}  # noqa: RUF012 (SQLAlchemy reads it as given)

    term: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    commitment_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)


class TermCountRow(Base):
    """A count per dossier and term: mentions holding a stem, entries holding a key, all mentions."""

    __tablename__ = "term_counts"

    term: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    count: Mapped[int] = mapped_column(Integer, default=0)


class LinkRow(Base):
    """A later document's sentence that fulfils, repeats or changes an earlier commitment."""

    __tablename__ = "links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitments.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    #: vocab.LinkRelation
    relation: Mapped[str] = mapped_column(String(20))
    #: vocab.EvidenceKind
    evidence: Mapped[str] = mapped_column(String(20))
    quote: Mapped[str] = mapped_column(Text)
    sentence: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    source_start: Mapped[int] = mapped_column(Integer)
    source_end: Mapped[int] = mapped_column(Integer)
    #: the later document's date: from this day on the link counts
    on: Mapped[dt.date | None] = mapped_column(Date)
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    #: what resolved the link to the commitment: a Kamerstuk id, "brief van <date>", a motion id
    cites: Mapped[str] = mapped_column(Text, default="")
    #: the deadline the later document states (changes and repeats)
    due_start: Mapped[dt.date | None] = mapped_column(Date)
    due_end: Mapped[dt.date | None] = mapped_column(Date)
    time_text: Mapped[str | None] = mapped_column(Text)


class CorrectionRow(Base):
    """One change a person made: who, when, which field of which commitment, old and new value."""

    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    who: Mapped[str] = mapped_column(String(200))
    #: CommitmentRow.key of the commitment (a natural key: no foreign key, survives re-ingest)
    commitment_key: Mapped[str] = mapped_column(String(120), index=True)
    #: the commitment's first document and quote, to find it again when re-extraction changes its key
    first_document_id: Mapped[str] = mapped_column(String(80), default="")
    quote: Mapped[str] = mapped_column(Text, default="")
    #: vocab.CorrectionField
    field: Mapped[str] = mapped_column(String(20))
    #: the later document of a reviewed link (field "review")
    document_id: Mapped[str] = mapped_column(String(80), default="")
    old: Mapped[str] = mapped_column(Text, default="")
    new: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    #: the day a verdict takes effect (a fulfilment's date); None = the day of the correction
    effective: Mapped[dt.date | None] = mapped_column(Date)


class StatusSpanRow(Base):
    """What is known of a commitment from ``known_from`` until ``known_until`` (register/status.py)."""

    __tablename__ = "status_spans"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitments.id", ondelete="CASCADE"), index=True)
    #: the first day of the span; None: from the start
    known_from: Mapped[dt.date | None] = mapped_column(Date)
    #: the first day after the span; None: for ever
    known_until: Mapped[dt.date | None] = mapped_column(Date)
    #: vocab.Status once a fact settles it (lapsed, fulfilled, partly_fulfilled); "" otherwise
    settled: Mapped[str] = mapped_column(String(20))
    #: the deadline in force
    due_start: Mapped[dt.date | None] = mapped_column(Date)
    due_end: Mapped[dt.date | None] = mapped_column(Date)
    #: whether the deadline in force moved the one it replaced further
    postponed: Mapped[bool] = mapped_column(Boolean)
    #: vocab.CommitmentKind after people's corrections
    kind: Mapped[str] = mapped_column(String(40))
    #: the deadline before the newest move (revision 0007)
    previous_start: Mapped[dt.date | None] = mapped_column(Date)
    previous_end: Mapped[dt.date | None] = mapped_column(Date)
    #: the day of the fulfilment that counts, when settled as (partly) fulfilled
    fulfilled_on: Mapped[dt.date | None] = mapped_column(Date)
    #: days the fulfilment came after the deadline then in force
    late_days: Mapped[int] = mapped_column(Integer, server_default="0")


Index("ix_mentions_document_sentence", MentionRow.document_id, MentionRow.sentence)
Index("ix_mentions_commitment_order", MentionRow.commitment_id, MentionRow.id)
Index("ix_commitments_dossier_due", CommitmentRow.dossier, CommitmentRow.due_end, CommitmentRow.id)
Index("ix_commitments_fulfilled", CommitmentRow.fulfilled_by_id)
Index("ix_documents_date_id", DocumentRow.date, DocumentRow.id)
Index("ix_documents_dossier_date", DocumentRow.dossier, DocumentRow.date)
Index("ix_status_spans_due", StatusSpanRow.due_end, StatusSpanRow.commitment_id)
#: revision 0009: lists read these instead of the wide document rows
Index("ix_documents_signatories", cast(DocumentRow.signatories, Text), DocumentRow.ingested_at)
Index("ix_documents_id_ministry_date", DocumentRow.id, DocumentRow.ministry, DocumentRow.date)
