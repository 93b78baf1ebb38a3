"""Closed vocabularies as Enums, valued with the official or annotation-schema strings."""

from __future__ import annotations

from enum import StrEnum


class SourceFormat(StrEnum):
    """The input formats a reader exists for."""

    TEXT = "text"
    PDF = "pdf"
    HTML = "html"
    XML = "xml"
    DOCX = "docx"


class Part(StrEnum):
    """Where in a Kamerstuk a span stands: the letter itself or its annex (bijlage)."""

    LETTER = "letter"
    ANNEX = "annex"


class DocumentType(StrEnum):
    """Kinds of parliamentary document (officielebekendmakingen's documentsoort, simplified)."""

    BRIEF = "brief"
    MOTIE = "motie"
    AMENDEMENT = "amendement"
    VERSLAG = "verslag"
    NOTA = "nota"
    WETSVOORSTEL = "wetsvoorstel"
    MEMORIE_VAN_TOELICHTING = "memorie van toelichting"
    ONBEKEND = "onbekend"


class CommitmentKind(StrEnum):
    """What a commitment promises (GUIDELINES.md, "Commitments")."""

    INFORM_PARLIAMENT = "inform_parliament"
    DELIVERABLE = "deliverable"
    ACTION = "action"


class ReferenceKind(StrEnum):
    """Kinds of citation of another document (GUIDELINES.md, "References")."""

    KAMERSTUK = "kamerstuk"
    MOTIE = "motie"
    HANDELINGEN = "handelingen"
    URL = "url"
    BRIEF = "brief"


class AmountKind(StrEnum):
    """Kinds of quantity: money in euros, percentages, and counts of a unit."""

    MONEY = "money"
    PERCENT = "percent"
    COUNT = "count"


class MeasureState(StrEnum):
    """The state of a policy measure as a document reports it."""

    DONE = "done"
    UNDER_WAY = "under_way"
    PLANNED = "planned"
    UNKNOWN = "unknown"


class Status(StrEnum):
    """A commitment's status as of a date."""

    OPEN = "open"
    DUE = "due"
    OVERDUE = "overdue"
    FULFILLED = "fulfilled"
