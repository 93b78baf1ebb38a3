"""The rappel: per ministry and per bewindspersoon, the commitments overdue on a date, oldest first.

Modelled on the Eerste Kamer's half-yearly rappel of its toezeggingenregister: the list a committee
sends each minister of what was promised and has not been delivered by its deadline. Statuses come
from the store (register/status.py decides what is overdue); this module only groups and orders them.
Ministries are listed by name, bewindspersonen by name within their ministry, commitments by
deadline (the longest overdue first).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from beleidsmonitor.normalise.identifiers import ministry_names
from beleidsmonitor.register.store import CommitmentFilter, CommitmentRecord, Register
from beleidsmonitor.structure.metadata import committee_of
from beleidsmonitor.vocab import Status


@dataclass(frozen=True, slots=True)
class RappelPerson:
    """One bewindspersoon's overdue commitments, oldest deadline first."""

    bewindspersoon: str
    functie: str
    #: the oldest ones, or all of them (see :func:`build_rappel`'s ``per_person``)
    commitments: tuple[CommitmentRecord, ...]
    #: how many of this bewindspersoon's commitments are overdue
    count: int


@dataclass(frozen=True, slots=True)
class RappelMinistry:
    """One ministry's overdue commitments, per bewindspersoon."""

    ministry: str
    name: str
    committee: str
    people: tuple[RappelPerson, ...]

    @property
    def count(self) -> int:
        """How many commitments of this ministry are overdue."""
        return sum(p.count for p in self.people)


@dataclass(frozen=True, slots=True)
class Rappel:
    """The overdue commitments on ``as_of``, per ministry."""

    as_of: dt.date
    ministries: tuple[RappelMinistry, ...]

    @property
    def count(self) -> int:
        """How many commitments are overdue in all."""
        return sum(m.count for m in self.ministries)


def days_overdue(record: CommitmentRecord, as_of: dt.date) -> int:
    """Days since the deadline passed (0 for a commitment without one)."""
    if record.due is None or record.due.end is None:
        return 0
    return max((as_of - record.due.end).days, 0)


def build_rappel(
    register: Register,
    as_of: dt.date,
    ministry: str | None = None,
    bewindspersoon: str | None = None,
    per_person: int | None = None,
    rows: int | None = None,
) -> Rappel:
    """The rappel of the register on ``as_of``; the database counts, orders and cuts it.

    Args:
        register: an open register.
        as_of: the day overdue is judged on.
        ministry: only this ministry (its abbreviation, as register/filters.py resolves it).
        bewindspersoon: only letters signed by this person.
        per_person: list only the oldest this many of each bewindspersoon (a page); all when None
            (the downloads and the report). The counts are always of all of them.
        rows: list about this many in all (a page): each bewindspersoon an equal share, at least
            one, at most ``per_person``.

    Returns:
        The overdue commitments per ministry and bewindspersoon, oldest deadline first.
    """
    where = CommitmentFilter(status=Status.OVERDUE, ministry=ministry, bewindspersoon=bewindspersoon)
    records, counts = register.first_per_signer(as_of, where, per_person, rows)
    names = ministry_names()
    grouped: dict[str, dict[tuple[str, str], list[CommitmentRecord]]] = {}
    for record in records:
        people = grouped.setdefault(record.ministry, {})
        people.setdefault((record.bewindspersoon, record.functie), []).append(record)

    def oldest_first(record: CommitmentRecord) -> tuple[dt.date, int]:
        assert record.due is not None and record.due.end is not None  # overdue means a deadline passed
        return record.due.end, record.id

    ministries = [
        RappelMinistry(
            ministry=abbreviation,
            name=names.get(abbreviation, "") or abbreviation or "onbekend ministerie",
            committee=committee_of(abbreviation),
            people=tuple(
                RappelPerson(
                    person or "onbekend",
                    functie,
                    tuple(sorted(items, key=oldest_first)),
                    counts.get((abbreviation, person, functie), len(items)),
                )
                for (person, functie), items in sorted(people.items())
            ),
        )
        for abbreviation, people in grouped.items()
    ]
    ministries.sort(key=lambda m: m.name.casefold())
    return Rappel(as_of, tuple(ministries))
