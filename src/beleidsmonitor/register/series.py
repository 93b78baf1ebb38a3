"""Counts over time and per group for the dashboard's charts: read-only, each counted by the database.

* :func:`status_series` — how many commitments had each status on each of a run of days (an as-of
  series): a commitment counts from the date of the letter that made it, and is fulfilled from the
  date of the letter that fulfilled it; statuses are the register's on each day (register/status.py).
* :func:`overdue_per` — the overdue commitments on a day per ministry or per dossier, most first.
* :func:`deadlines_per_month` — how many deadlines fall in each month, and how many of them are met.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from beleidsmonitor.register.store import CommitmentFilter, Register
from beleidsmonitor.vocab import Status


@dataclass(frozen=True, slots=True)
class StatusPoint:
    """The number of commitments per status on one day."""

    day: dt.date
    counts: tuple[tuple[Status, int], ...]

    @property
    def total(self) -> int:
        """All commitments that existed on the day."""
        return sum(n for _, n in self.counts)


@dataclass(frozen=True, slots=True)
class GroupCount:
    """A count for one group (a ministry, a dossier, a month)."""

    key: str
    label: str
    count: int
    #: of ``count``, how many are met (deadlines per month); 0 elsewhere
    met: int = 0


def months_back(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` months earlier (the month's last day when it is shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    for candidate in range(day.day, 27, -1):
        try:
            return dt.date(year, month + 1, candidate)
        except ValueError:
            continue
    return dt.date(year, month + 1, min(day.day, 28))


def status_series(
    register: Register, as_of: dt.date, dossier: str | None = None, months: int = 12
) -> tuple[StatusPoint, ...]:
    """Counts per status on ``as_of`` and on the same day of each of the ``months - 1`` months before.

    Args:
        register: the open register.
        as_of: the last day of the series.
        dossier: the dossier whose commitments count; all of them when None.
        months: how many points.

    Returns:
        The points, oldest first; the last one equals the counts of the commitments made by ``as_of``.
    """
    points = []
    for back in range(months - 1, -1, -1):
        day = months_back(as_of, back)
        # the register's statuses on that day, from what was known then (register/status.py), counted in SQL
        tally = register.count_statuses(as_of=day, dossier=dossier, made_by=True)
        points.append(StatusPoint(day, tuple(tally.items())))
    return tuple(points)


def overdue_per(
    register: Register, as_of: dt.date, per: Literal["ministry", "dossier"], limit: int = 15
) -> tuple[GroupCount, ...]:
    """The commitments overdue on ``as_of`` counted per ministry or dossier (in SQL), most first (ties
    by key), at most ``limit``."""
    counts = register.count_per(as_of, per, CommitmentFilter(status=Status.OVERDUE))
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return tuple(GroupCount(k, k or "onbekend", n) for k, n in ranked)


def deadlines_per_month(
    register: Register, as_of: dt.date, first: dt.date, months: int = 12
) -> tuple[GroupCount, ...]:
    """For each of ``months`` months from the month of ``first``: the deadlines (in force on
    ``as_of``) that end in it, and how many of them are met; counted in SQL."""
    start = first.year * 12 + first.month - 1
    year, month = divmod(start + months, 12)
    counted = register.count_per_month(
        as_of, dt.date(first.year, first.month, 1), dt.date(year, month + 1, 1)
    )
    out = []
    for index in range(months):
        year, month = divmod(start + index, 12)
        due, met = counted.get((year, month + 1), (0, 0))
        out.append(GroupCount(f"{year}-{month + 1:02d}", f"{month + 1:02d}-{year}", due, met))
    return tuple(out)
