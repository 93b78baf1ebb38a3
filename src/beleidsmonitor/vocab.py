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
    """A commitment's status as of a date (Dutch labels in outputs/labels.py)."""

    OPEN = "open"
    DUE = "due"
    OVERDUE = "overdue"
    PARTLY_FULFILLED = "partly_fulfilled"
    FULFILLED = "fulfilled"
    POSTPONED = "postponed"
    LAPSED = "lapsed"


class WatchSection(StrEnum):
    """The parts of a watch report: what is new in a dossier since the previous run (watch.py)."""

    NEW = "new"
    DELIVERED = "delivered"
    OVERDUE = "overdue"


class LinkRelation(StrEnum):
    """How a later document relates to an earlier commitment (the Kamer's Toezegging links)."""

    FULFILS = "fulfils"
    PARTLY_FULFILS = "partly_fulfils"
    REPEATS = "repeats"
    CHANGES = "changes"


class EvidenceKind(StrEnum):
    """The kind of evidence for a link, strongest first."""

    #: the later letter says it delivers what was promised and cites the promise (Kamerstuk, date, motion)
    CITED = "cited"
    #: the later letter's own subject is the promised letter of the same dossier
    SUBJECT = "subject"
    #: a sentence reports the promised thing done (same dossier or a cited one)
    REPORT = "report"
    #: the same promise stated again in a later letter (register/merge.py merged the mention)
    MENTION = "mention"
    #: a person said so (a correction)
    MANUAL = "manual"


class Review(StrEnum):
    """A person's verdict on a link the tracking proposed."""

    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class CorrectionField(StrEnum):
    """What a correction changes; each correction is an event in the audit trail."""

    #: accept or reject a proposed link (``document_id`` names the later document)
    REVIEW = "review"
    #: mark fulfilled, partly fulfilled, lapsed, not a commitment, or back to automatic ("")
    VERDICT = "verdict"
    KIND = "kind"
    DUE = "due"
    ACTOR = "actor"
    OWNER = "owner"
    NOTE = "note"


class Verdict(StrEnum):
    """A person's verdict on a whole commitment (CorrectionField.VERDICT)."""

    FULFILLED = "fulfilled"
    PARTLY_FULFILLED = "partly_fulfilled"
    LAPSED = "lapsed"
    NOT_A_COMMITMENT = "not_a_commitment"
    AUTOMATIC = "automatic"


class FulfilmentKind(StrEnum):
    """How a sentence shows that the letter itself delivers (GUIDELINES.md, "Decided cases (real letters)")."""

    #: the performative present: "Hierbij informeer ik u", "doe ik u hierbij toekomen", "In deze brief ga ik in op"
    DELIVERS = "delivers"
    #: the sentence says an earlier promise is kept: "zoals toegezegd", "invulling aan de toezegging"
    PROMISE = "promise"
    #: the sentence says a motion is carried out: "uitvoering van de motie", "invulling aan de motie"
    MOTION = "motion"


class ActorClass(StrEnum):
    """Who acts in a clause (the subject, or the agent of a passive)."""

    SIGNATORY = "signatory"
    CABINET = "cabinet"
    MINISTRY = "ministry"
    #: a government body acting on the government's instruction ("in opdracht van", an executive agency)
    GOVERNMENT_BODY = "government_body"
    CHAMBER = "chamber"
    #: courts, supervisors, advisory councils, the EU, other states: their own decisions are no promise
    INDEPENDENT = "independent"
    OTHER = "other"
    #: no subject found (a passive without "door ...", an infinitive)
    NONE = "none"


class Modality(StrEnum):
    """What a clause says of its act besides that it happens."""

    FUTURE = "future"
    INTENTION = "intention"
    OBLIGATION = "obligation"
    ABILITY = "ability"
    HOPE = "hope"
    #: "zou", "zouden": the act is hypothetical
    HYPOTHETICAL = "hypothetical"
    #: "wordt verwacht", another's "verwacht dat": someone's forecast, not a promise
    FORECAST = "forecast"
    #: "naar verwachting", "waarschijnlijk": a hedge; on the government's own act it still promises
    HEDGE = "hedge"
    #: "is voorzien", "staat gepland": an act on the schedule
    PLANNED = "planned"


class Tense(StrEnum):
    """The tense of a clause's verb cluster."""

    PRESENT = "present"
    PAST = "past"
    PERFECT = "perfect"
    NONE = "none"


class ClauseRole(StrEnum):
    """How a clause hangs in its sentence."""

    MAIN = "main"
    #: "dat ...", "of ...": the object of a verb of saying or knowing
    COMPLEMENT = "complement"
    RELATIVE = "relative"
    #: "indien ...", "mocht ...", "in dat geval": what the promise depends on
    CONDITION = "condition"
    #: "zodra ...", "nadat ...", "omdat ...": time, cause or purpose
    ADVERBIAL = "adverbial"
    PARENTHETICAL = "parenthetical"


class ActClass(StrEnum):
    """Classes of acts by the verb's lemma (lang/nl/acts.toml)."""

    INFORM = "inform"
    SEND = "send"
    DELIVER = "deliver"
    ACT = "act"
    MEET = "meet"
    DECIDE = "decide"
    STUDY = "study"
    RECEIVE = "receive"
    RESCHEDULE = "reschedule"
    #: a verb that only says something happens ("plaatsvinden", "volgen"): the noun names the act
    LIGHT = "light"


class Chamber(StrEnum):
    """The two Chambers of the States General, as their registers of commitments are keyed."""

    TK = "tk"
    EK = "ek"
