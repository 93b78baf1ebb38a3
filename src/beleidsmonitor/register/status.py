"""The status rules, in one place: a commitment's history and an as-of date → Status.

GUIDELINES.md, "Commitments": the end of ``due`` is the deadline used for overdue checks; a
commitment with no deadline or an open end is never overdue on its own. The values are the ones the
Tweede and Eerste Kamer use for their registers of toezeggingen (labels in outputs/labels.py):
open, binnenkort (due), verlopen (overdue), deels voldaan (partly_fulfilled), voldaan (fulfilled),
uitgesteld (postponed), vervallen (lapsed).

:func:`status_as_of` reads a :class:`History`: what was promised first and every later fact with
the day from which it was known (a later letter's date, or the day a person said so). Asking for an
earlier day therefore gives what was known on that day. Pure: the store builds the history from
its links and corrections (register/tracking.py); nothing here touches the database.

:func:`status_spans` cuts a history into the stretches of days over which what is known stays the
same; on each, the status depends on the day only through the deadline rule. The store keeps these
spans in a table so that the database computes, filters and counts statuses as of any day with the
same rules (register/store.py, ``status_rules``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from beleidsmonitor.model import Interval
from beleidsmonitor.vocab import Status


@dataclass(frozen=True, slots=True)
class Dated:
    """A fact known from ``on`` (None: known from the start, e.g. a corrected extraction)."""

    on: dt.date | None
    due: Interval | None = None


@dataclass(frozen=True, slots=True)
class History:
    """What is known of one commitment's life."""

    #: the deadline first promised (after any correction of the extraction)
    due: Interval | None
    #: later deadlines (a later letter moved it, or a person corrected it), each from its day on
    deadlines: tuple[Dated, ...] = ()
    #: days from which a fulfilment counts (accepted or proposed evidence, a person's verdict)
    fulfilled: tuple[Dated, ...] = ()
    #: days from which a partial fulfilment counts
    partly: tuple[Dated, ...] = ()
    #: days from which the commitment lapsed or was found to be no commitment
    lapsed: tuple[Dated, ...] = ()


@dataclass(frozen=True, slots=True)
class StatusAsOf:
    """A commitment's status on a day, with the deadline in force and what it replaced."""

    status: Status
    #: the deadline in force on the day asked for
    due: Interval | None
    #: the deadline before the newest move known on that day (None when never moved)
    previous_due: Interval | None
    #: the day of the fulfilment that counts, when fulfilled (partly or wholly)
    fulfilled_on: dt.date | None
    #: days between the deadline in force then and a fulfilment after it; 0 when on time
    late_days: int


@dataclass(frozen=True, slots=True)
class StatusSpan:
    """What is known of a commitment on every day from ``start`` until ``end``.

    The status on a day of the span follows from these fields and the day alone: ``settled`` when
    set, else the deadline rule on ``due`` (POSTPONED instead of OPEN or DUE when ``postponed``).
    """

    #: the first day of the span (None: from the start)
    start: dt.date | None
    #: the first day after the span (None: for ever)
    end: dt.date | None
    #: LAPSED, FULFILLED or PARTLY_FULFILLED once known; None while the deadline decides
    settled: Status | None
    #: the deadline in force
    due: Interval | None
    #: whether the deadline in force moved the one it replaced further
    postponed: bool
    #: the deadline before the newest move (None when never moved)
    previous_due: Interval | None = None
    #: the day of the fulfilment that counts, when settled as (partly) fulfilled
    fulfilled_on: dt.date | None = None
    #: days the fulfilment came after the deadline then in force
    late_days: int = 0

    def on(self, day: dt.date, due_soon_days: int) -> StatusAsOf:
        """The status on ``day`` (a day of this span), as :func:`status_as_of` gives it."""
        status = self.settled or commitment_status(self.due, False, day, due_soon_days)
        if self.settled is None and self.postponed and status in (Status.OPEN, Status.DUE):
            status = Status.POSTPONED
        return StatusAsOf(status, self.due, self.previous_due, self.fulfilled_on, self.late_days)


def _known(fact: Dated, as_of: dt.date) -> bool:
    return fact.on is None or fact.on <= as_of


def commitment_status(due: Interval | None, fulfilled: bool, as_of: dt.date, due_soon_days: int) -> Status:
    """The deadline rule: fulfilled, overdue, due within ``due_soon_days``, or open.

    Args:
        due: the promised interval; None when undated.
        fulfilled: whether the commitment is fulfilled on ``as_of``.
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


def deadline_on(history: History, day: dt.date) -> tuple[Interval | None, Interval | None]:
    """The deadline in force on ``day`` and the one it replaced (None when never moved)."""
    current, previous = history.due, None
    for fact in history.deadlines:
        if _known(fact, day) and fact.due != current:
            current, previous = fact.due, current
    return current, previous


def _first(facts: tuple[Dated, ...], as_of: dt.date) -> Dated | None:
    known = [f for f in facts if _known(f, as_of)]
    return min(known, key=lambda f: f.on or dt.date.min) if known else None


def _late_days(history: History, fulfilled_on: dt.date | None) -> int:
    if fulfilled_on is None:
        return 0
    due, _ = deadline_on(history, fulfilled_on)
    if due is None or due.end is None or fulfilled_on <= due.end:
        return 0
    return (fulfilled_on - due.end).days


def status_as_of(history: History, as_of: dt.date, due_soon_days: int) -> StatusAsOf:
    """The status of a commitment on ``as_of``, from what was known on that day.

    Args:
        history: the commitment's first deadline and later facts.
        as_of: the day asked for.
        due_soon_days: how many days before the deadline a commitment counts as due (binnenkort).

    Returns:
        LAPSED when a lapse is known; else FULFILLED or PARTLY_FULFILLED when a (partial) fulfilment
        is known (with the days it came late); else by the deadline in force: OVERDUE past it,
        POSTPONED when a later letter moved it further and it has not passed, DUE or OPEN.
    """
    due, previous = deadline_on(history, as_of)
    if _first(history.lapsed, as_of) is not None:
        return StatusAsOf(Status.LAPSED, due, previous, None, 0)
    for facts, status in ((history.fulfilled, Status.FULFILLED), (history.partly, Status.PARTLY_FULFILLED)):
        done = _first(facts, as_of)
        if done is not None:
            day = done.on
            return StatusAsOf(status, due, previous, day, _late_days(history, day))
    status = commitment_status(due, False, as_of, due_soon_days)
    if _moved_later(due, previous) and status in (Status.OPEN, Status.DUE):
        status = Status.POSTPONED
    return StatusAsOf(status, due, previous, None, 0)


def _moved_later(due: Interval | None, previous: Interval | None) -> bool:
    """Whether the deadline ``due`` replaced ``previous`` with a later (or open) end."""
    return (
        previous is not None
        and previous.end is not None
        and due is not None
        and (due.end is None or due.end > previous.end)
    )


def status_spans(history: History) -> tuple[StatusSpan, ...]:
    """The stretches of days over which what is known of a commitment stays the same, in order.

    A new span starts on each day a fact becomes known; neighbouring spans that know the same are
    joined. Together the spans cover every day once, so that for any day ``d`` inside a span,
    ``status_as_of(history, d, n)`` equals ``span.on(d, n)``: the span's ``settled`` status or the
    deadline rule on its ``due`` and ``postponed``, with the deadline it replaced, the fulfilment day
    and its lateness (tests/register/test_queries.py checks the status against the database).
    """
    facts = (*history.deadlines, *history.fulfilled, *history.partly, *history.lapsed)
    starts: list[dt.date | None] = [None, *sorted({f.on for f in facts if f.on is not None})]
    spans: list[StatusSpan] = []
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else None
        now = status_as_of(history, start or dt.date.min, 0)
        settled = now.status if now.status in _SETTLED else None
        span = StatusSpan(
            start,
            end,
            settled,
            now.due,
            _moved_later(now.due, now.previous_due),
            now.previous_due,
            now.fulfilled_on,
            now.late_days,
        )
        last = spans[-1] if spans else None
        if last is not None and replace(last, start=start, end=end) == span:
            spans[-1] = replace(last, end=end)
        else:
            spans.append(span)
    return tuple(spans)


#: the statuses a known fact settles, whatever the deadline
_SETTLED = frozenset({Status.LAPSED, Status.FULFILLED, Status.PARTLY_FULFILLED})
