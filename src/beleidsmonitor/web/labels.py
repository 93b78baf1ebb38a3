"""Dutch interface texts for the closed vocabularies (statuses, kinds, measure states, extractions).

Presentation only: which status a commitment has is decided by track/status.py; this module only
says how the web and the reports name it.
"""

from __future__ import annotations

from beleidsmonitor.vocab import CommitmentKind, MeasureState, Status

STATUS_LABELS: dict[Status, str] = {
    Status.OPEN: "open",
    Status.DUE: "binnenkort",
    Status.OVERDUE: "verlopen",
    Status.FULFILLED: "nagekomen",
}

KIND_LABELS: dict[CommitmentKind, str] = {
    CommitmentKind.INFORM_PARLIAMENT: "Kamer informeren",
    CommitmentKind.DELIVERABLE: "product opleveren",
    CommitmentKind.ACTION: "actie",
}

MEASURE_LABELS: dict[MeasureState, str] = {
    MeasureState.DONE: "afgerond",
    MeasureState.UNDER_WAY: "loopt",
    MeasureState.PLANNED: "gepland",
    MeasureState.UNKNOWN: "onbekend",
}

EXTRACTION_LABELS: dict[str, str] = {
    "commitment": "toezegging",
    "time": "tijdsaanduiding",
    "reference": "verwijzing",
    "amount": "bedrag",
    "organisation": "organisatie",
    "person": "persoon",
}

MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def status_label(status: Status | str) -> str:
    """The Dutch name of a status ("verlopen")."""
    return STATUS_LABELS[Status(status)]


def kind_label(kind: CommitmentKind | str) -> str:
    """The Dutch name of a commitment kind."""
    return KIND_LABELS[CommitmentKind(kind)]


def measure_label(state: MeasureState | str) -> str:
    """The Dutch name of a measure state."""
    return MEASURE_LABELS[MeasureState(state)]


def extraction_label(kind: str) -> str:
    """The Dutch name of an extraction kind; the kind itself when unknown."""
    return EXTRACTION_LABELS.get(kind, kind)
