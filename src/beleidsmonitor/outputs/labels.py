"""Dutch names of the closed vocabularies (statuses, kinds, measure states, extractions) for people.

The one vocabulary of user-facing values, read from lang/nl/labels.toml and shared by the CLI, the
web pages, the reports, CSV/XLSX and the calendar and feeds; JSON and the API keep the English codes
and carry these labels beside them. Presentation only: which status a commitment has is decided by
register/status.py; this module only says how it is named.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import TYPE_CHECKING, TypeVar

from beleidsmonitor.lang.nl import load_toml
from beleidsmonitor.model import Interval
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
    WatchSection,
)

if TYPE_CHECKING:
    from beleidsmonitor.register.store import CommitmentRecord

E = TypeVar("E", bound=StrEnum)

_LABELS = load_toml("labels.toml")


def _enum_labels(table: str, enum: type[E]) -> dict[E, str]:
    """The labels of every member of ``enum`` from [table] of labels.toml; a member without one is a bug."""
    labels: dict[str, str] = _LABELS[table]
    missing = [m.value for m in enum if m.value not in labels]
    if missing:
        raise KeyError(f"lang/nl/labels.toml [{table}] has no label for {missing}")
    return {member: labels[member.value] for member in enum}


STATUS_LABELS: dict[Status, str] = _enum_labels("status", Status)
KIND_LABELS: dict[CommitmentKind, str] = _enum_labels("kind", CommitmentKind)
MEASURE_LABELS: dict[MeasureState, str] = _enum_labels("measure_state", MeasureState)
PART_LABELS: dict[Part, str] = _enum_labels("part", Part)
RELATION_LABELS: dict[LinkRelation, str] = _enum_labels("relation", LinkRelation)
LINK_EVIDENCE_LABELS: dict[EvidenceKind, str] = _enum_labels("link_evidence", EvidenceKind)
REVIEW_LABELS: dict[Review, str] = _enum_labels("review", Review)
VERDICT_LABELS: dict[Verdict, str] = _enum_labels("verdict", Verdict)
CORRECTION_FIELD_LABELS: dict[CorrectionField, str] = _enum_labels("correction_field", CorrectionField)
WATCH_SECTION_LABELS: dict[WatchSection, str] = _enum_labels("watch_section", WatchSection)
WATCH_LABELS: dict[str, str] = dict(_LABELS["watch"])
EXTRACTION_LABELS: dict[str, str] = dict(_LABELS["extraction"])
EVENT_LABELS: dict[str, str] = dict(_LABELS["event"])
EVIDENCE_LABELS: dict[str, str] = dict(_LABELS["evidence"])
FEATURE_SCOPE_LABELS: dict[str, str] = dict(_LABELS["feature_scope"])
FEATURE_LABELS: dict[str, str] = dict(_LABELS["feature"])
FIELD_LABELS: dict[str, str] = dict(_LABELS["field"])
#: confidence words from the highest threshold down
_CONFIDENCE: tuple[tuple[float, str], ...] = tuple(
    sorted(((float(v), k) for k, v in _LABELS["confidence"].items()), reverse=True)
)

#: month names by number, read from the Dutch time data (lang/nl/time.toml)
MONTHS = tuple(
    name for name, _ in sorted(load_toml("time.toml")["months"]["names"].items(), key=lambda kv: kv[1])
)


def status_label(status: Status | str) -> str:
    """The Dutch name of a status ("verlopen")."""
    return STATUS_LABELS[Status(status)]


def relation_label(relation: LinkRelation | str) -> str:
    """The Dutch name of a link between a later document and a commitment ("gewijzigd in")."""
    return RELATION_LABELS[LinkRelation(relation)]


def link_evidence_label(evidence: EvidenceKind | str) -> str:
    """The Dutch description of the kind of evidence of a link."""
    return LINK_EVIDENCE_LABELS[EvidenceKind(evidence)]


def review_label(review: Review | str) -> str:
    """The Dutch name of a review ("afgewezen")."""
    return REVIEW_LABELS[Review(review)]


def correction_field_label(field: CorrectionField | str) -> str:
    """The Dutch name of a corrected field ("termijn")."""
    return CORRECTION_FIELD_LABELS[CorrectionField(field)]


def correction_value_label(field: CorrectionField | str, value: str) -> str:
    """A corrected value for people: reviews, verdicts and kinds by their Dutch names, the rest as is."""
    chosen = CorrectionField(field)
    if chosen is CorrectionField.REVIEW and value in set(Review):
        return REVIEW_LABELS[Review(value)]
    if chosen is CorrectionField.VERDICT and value in set(Verdict):
        return VERDICT_LABELS[Verdict(value)]
    if chosen is CorrectionField.KIND and value in set(CommitmentKind):
        return KIND_LABELS[CommitmentKind(value)]
    return value or "–"


def late_label(days: int) -> str:
    """How late a fulfilment came: "te laat (12 dagen)"; "" when on time."""
    if days <= 0:
        return ""
    return f"te laat ({days} {'dag' if days == 1 else 'dagen'})"


def kind_label(kind: CommitmentKind | str) -> str:
    """The Dutch name of a commitment kind."""
    return KIND_LABELS[CommitmentKind(kind)]


def measure_label(state: MeasureState | str) -> str:
    """The Dutch name of a measure state."""
    return MEASURE_LABELS[MeasureState(state)]


def watch_section_label(section: WatchSection | str) -> str:
    """The Dutch heading of a part of a watch report ("delivered" → "nieuw geleverd")."""
    return WATCH_SECTION_LABELS[WatchSection(section)]


def watch_label(phrase: str) -> str:
    """A phrase of a watch report in Dutch ("first_run" → "eerste controle"); a missing one is a bug."""
    return WATCH_LABELS[phrase]


def extraction_label(kind: str) -> str:
    """The Dutch name of an extraction kind; the kind itself when unknown."""
    return EXTRACTION_LABELS.get(kind, kind)


def event_label(event: str) -> str:
    """The Dutch name of a status-history event; the event itself when unknown."""
    return EVENT_LABELS.get(event, event)


def evidence_label(cue: str) -> str:
    """The Dutch description of a piece of the extractor's evidence ("act_inform" → "informeren"), also of a
    feature of the learned decision ("main:modality_future" → "hoofdzin: toekomende tijd (zal, gaan)")."""
    scope, _, name = cue.rpartition(":")
    if scope in FEATURE_SCOPE_LABELS:
        named = FEATURE_LABELS.get(name) or EVIDENCE_LABELS.get(name) or name.replace("_", " ")
        return f"{FEATURE_SCOPE_LABELS[scope]}: {named}"
    return EVIDENCE_LABELS.get(cue, cue.replace("_", " "))


def field_label(field: str) -> str:
    """The Dutch column heading of a field of the outgoing shapes ("due_end" → "uiterlijk")."""
    return FIELD_LABELS.get(field, field.replace("_", " "))


def confidence_label(score: float) -> str:
    """How sure the extractor is, in words and as a percentage: "hoog (85%)"."""
    word = next((w for threshold, w in _CONFIDENCE if score >= threshold), _CONFIDENCE[-1][1])
    return f"{word} ({round(score * 100)}%)"


def nl_number(value: float, decimals: int = 2) -> str:
    """A number the Dutch way, with a decimal comma ("0,75")."""
    return f"{value:.{decimals}f}".replace(".", ",")


def nl_date(day: dt.date | None) -> str:
    """A date the Dutch way ("19 december 2013"); "–" when None."""
    if day is None:
        return "–"
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def due_label(due: Interval | None) -> str:
    """A deadline interval for people: "1 januari 2014 – 31 december 2014", "vanaf …", "geen termijn"."""
    if due is None:
        return "geen termijn"
    if due.end is None:
        return f"vanaf {nl_date(due.start)}"
    if due.end == due.start:
        return nl_date(due.end)
    return f"{nl_date(due.start)} – {nl_date(due.end)}"


def part_label(part: Part | str) -> str:
    """The Dutch name of where in a Kamerstuk something stands: "brief" or "bijlage"."""
    return PART_LABELS[Part(part)]


def inferred_date_note(day: dt.date | None) -> str:
    """The warning that a letter's date was inferred, with how to set it."""
    return (
        f"datum afgeleid uit de tekst: {nl_date(day)} (geen 'Den Haag, <datum>'-regel); "
        "geef de juiste datum met --date JJJJ-MM-DD"
    )


def document_date_label(day: dt.date | None, inferred: bool) -> str:
    """A document's date for people, marked when it was inferred ("20 maart 2023 (afgeleid)")."""
    return f"{nl_date(day)} (afgeleid)" if inferred and day is not None else nl_date(day)


#: an object of fewer words is a fragment ("een voorstel"): the title takes the quote instead
_SUBJECT_MIN_WORDS = 4
_SUBJECT_CHARS = 90


def commitment_subject(record: CommitmentRecord) -> str:
    """What a commitment is about in a few words: its object when that says enough, else its quote
    shortened at a word boundary."""
    text = record.object if len(record.object.split()) >= _SUBJECT_MIN_WORDS else record.quote
    text = " ".join(text.split()).rstrip(".")
    if len(text) <= _SUBJECT_CHARS:
        return text
    return text[:_SUBJECT_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def commitment_title(record: CommitmentRecord) -> str:
    """A commitment's title for calendars and feeds: "32824 — <subject> (verlopen)"."""
    dossier = record.dossier or "zonder dossier"
    return f"{dossier} — {commitment_subject(record)} ({status_label(record.status)})"
