"""Dutch names of the closed vocabularies (statuses, kinds, measure states, extractions) for people.

Presentation only, shared by the web pages and the reports: which status a commitment has is
decided by track/status.py; this module only says how it is named.
"""

from __future__ import annotations

import datetime as dt

from beleidsmonitor.lang.nl import load_toml
from beleidsmonitor.model import Interval
from beleidsmonitor.vocab import CommitmentKind, MeasureState, Part, Status

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

#: month names by number, read from the Dutch time data (lang/nl/time.toml)
MONTHS = tuple(
    name for name, _ in sorted(load_toml("time.toml")["months"]["names"].items(), key=lambda kv: kv[1])
)

EVENT_LABELS: dict[str, str] = {
    "registered": "vastgelegd",
    "deadline moved": "termijn verschoven",
    "fulfilled": "nagekomen",
}


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


def event_label(event: str) -> str:
    """The Dutch name of a status-history event; the event itself when unknown."""
    return EVENT_LABELS.get(event, event)


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
    return "bijlage" if Part(part) is Part.ANNEX else "brief"


def inferred_date_note(day: dt.date | None) -> str:
    """The warning that a letter's date was inferred, with how to set it."""
    return (
        f"datum afgeleid uit de tekst: {nl_date(day)} (geen 'Den Haag, <datum>'-regel); "
        "geef de juiste datum met --date JJJJ-MM-DD"
    )


def document_date_label(day: dt.date | None, inferred: bool) -> str:
    """A document's date for people, marked when it was inferred ("20 maart 2023 (afgeleid)")."""
    return f"{nl_date(day)} (afgeleid)" if inferred and day is not None else nl_date(day)
