"""The pure status rule: fulfilled, overdue, due, open."""

from __future__ import annotations

import datetime as dt

import pytest

from beleidsmonitor.model import Interval
from beleidsmonitor.register.status import commitment_status
from beleidsmonitor.vocab import Status

Q1_2014 = Interval(dt.date(2014, 1, 1), dt.date(2014, 3, 31))


@pytest.mark.parametrize(
    ("due", "fulfilled", "as_of", "expected"),
    [
        (Q1_2014, False, dt.date(2014, 7, 1), Status.OVERDUE),
        (Q1_2014, True, dt.date(2014, 7, 1), Status.FULFILLED),
        (Q1_2014, False, dt.date(2014, 3, 31), Status.DUE),
        (Q1_2014, False, dt.date(2014, 3, 1), Status.DUE),
        (Q1_2014, False, dt.date(2014, 2, 28), Status.OPEN),
        (Q1_2014, False, dt.date(2014, 4, 1), Status.OVERDUE),
        (None, False, dt.date(2030, 1, 1), Status.OPEN),
        (Interval(dt.date(2014, 1, 1), None), False, dt.date(2030, 1, 1), Status.OPEN),
        (None, True, dt.date(2030, 1, 1), Status.FULFILLED),
    ],
    ids=["overdue", "fulfilled", "due-on-deadline", "due-30-days", "open-31-days", "overdue-next-day",
         "undated-never-overdue", "open-end-never-overdue", "undated-fulfilled"],
)  # fmt: skip
def test_status(due: Interval | None, fulfilled: bool, as_of: dt.date, expected: Status) -> None:
    assert commitment_status(due, fulfilled, as_of, due_soon_days=30) is expected


def test_due_soon_days_zero_means_due_only_on_the_last_day() -> None:
    assert commitment_status(Q1_2014, False, dt.date(2014, 3, 30), 0) is Status.OPEN
    assert commitment_status(Q1_2014, False, dt.date(2014, 3, 31), 0) is Status.DUE
