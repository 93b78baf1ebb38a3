"""Pure status rule: a commitment's deadline, whether it is fulfilled, and an as-of date → Status.

GUIDELINES.md, "Commitments": the end of ``due`` is the deadline used for overdue checks; a
commitment with no deadline or an open end is never overdue on its own.
"""

from __future__ import annotations

import datetime as dt

from beleidsmonitor.model import Interval
from beleidsmonitor.vocab import Status


def commitment_status(due: Interval | None, fulfilled: bool, as_of: dt.date, due_soon_days: int) -> Status:
    """The status of a commitment on ``as_of``.

    Args:
        due: the promised interval; None when undated.
        fulfilled: whether a later document reports it done.
        as_of: the day the status is asked for.
        due_soon_days: how many days before the deadline a commitment counts as due.

    Returns:
        FULFILLED when fulfilled; OVERDUE when the deadline ended before ``as_of``; DUE when it
        ends within ``due_soon_days`` from ``as_of`` (inclusive); OPEN otherwise.
    """
    if fulfilled:
        return Status.FULFILLED
    if due is None or due.end is None:
        return Status.OPEN
    if due.end < as_of:
        return Status.OVERDUE
    if (due.end - as_of).days <= due_soon_days:
        return Status.DUE
    return Status.OPEN
