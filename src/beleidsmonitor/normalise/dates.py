"""Neutral time symbols + the document date → an inclusive :class:`~beleidsmonitor.model.Interval`.

This is the one place that does date arithmetic for time expressions (GUIDELINES.md, "Time
expressions" and its interval table). The extractor (``extract/timex.py``) maps Dutch words to the
symbols defined here (a :class:`TimePoint` inside a :class:`TimeRef`) and calls :func:`to_interval`;
nothing else turns "voorjaar 2014" or "sinds medio november" into dates.

Conventions implemented (all from the guideline's table):

* a year is 1 January – 31 December; begin/medio/eind of a year are January–March, May–August,
  October–December; of a month days 1–10, 11–20, 21–last; of a season its first, middle and last
  month; of a week Monday–Tuesday, Wednesday–Thursday, Friday–Sunday; "ultimo" is the last day of
  the year, month or part it names ("per ultimo 2008" is 31 December 2008);
* "gisteren" is the day before the document date, as "vandaag" is the document date;
* a day named as the n-th weekday of a month (Prinsjesdag: the third Tuesday of
  September) in its year;
* voorjaar March–May, zomer June–August, najaar September–November, winter December – February of
  the next year; quarters and halves of a year as their months;
* a day or month without a year is the nearest one in the direction of the tense (future: the first
  one not yet over, past: the last one begun on or before the document date); jl. is the most
  recent one on or before the document date, a.s. the next one after it; with no tense known, the
  one containing or nearest to the document date;
* vanaf X: start of X, open end; sinds X: start of X – document date; per X: the first day of X;
  tot X: document date – end of X; vóór X: document date – the day before X (end of X after "eind",
  the last day before the recess for a recess or "de zomer"); a deadline with its year that had
  already passed on the document date (a reported one) is that last day alone (GUIDELINES.md,
  decided cases); na X: the day after X (for a recess:
  its first day after), open end; a range X – Y: start of X – end of Y;
* an open "na de zomer" / "na het zomerreces" whose first day lies in the document's year and in
  its month or the two before (a letter of September to November) is that year's: the stretch has
  begun and runs on, also where a past report cites the promise ("heb ik toegezegd uw Kamer na de
  zomer te informeren").
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from beleidsmonitor.model import Interval

__all__ = [
    "Occurrence",
    "Position",
    "Recess",
    "Relation",
    "Season",
    "Tense",
    "TimePoint",
    "TimeRef",
    "Unit",
    "to_interval",
]


class Tense(StrEnum):
    """The direction a sentence's verbs point in, used for days and months without a year."""

    PAST = "past"
    FUTURE = "future"


class Unit(StrEnum):
    """What a time point names."""

    DAY = "day"
    MONTH = "month"
    SEASON = "season"
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"
    WEEK = "week"
    RECESS = "recess"
    TODAY = "today"
    YESTERDAY = "yesterday"
    REST_OF_YEAR = "rest_of_year"
    YEAR_TO_DATE = "year_to_date"


class Season(StrEnum):
    """Meteorological seasons, as the guideline's table defines them."""

    SPRING = "spring"
    SUMMER = "summer"
    AUTUMN = "autumn"
    WINTER = "winter"


class Position(StrEnum):
    """begin / medio / eind of a year or a month, and ultimo (its last day)."""

    EARLY = "early"
    MID = "mid"
    LATE = "late"
    LAST_DAY = "last_day"


class Occurrence(StrEnum):
    """Which occurrence of a yearless day, month or season is meant, when the words say so."""

    PAST = "past"  # jl.: the most recent one on or before the document date
    FUTURE = "future"  # a.s.: the next one after the document date
    THIS = "this"  # dit voorjaar: by tense, else the current or this year's one
    NEXT = "next"  # komend voorjaar: the next one to begin
    PREVIOUS = "previous"  # afgelopen zomer: the last one that is over


class Relation(StrEnum):
    """How a preposition turns the named period into the expression's interval."""

    AT = "at"
    DURING = "during"
    FROM = "from"
    SINCE = "since"
    PER = "per"
    UNTIL = "until"
    UNTIL_EXCLUDED = "until_excluded"  # "tot <day>": up to the day before (GUIDELINES.md, decided cases)
    BEFORE = "before"
    AFTER = "after"


@dataclass(frozen=True, slots=True)
class Recess:
    """A recess of the Tweede Kamer: the last day before it and the first day after it (month, day)."""

    name: str
    before: tuple[int, int]
    after: tuple[int, int] | None


@dataclass(frozen=True, slots=True)
class TimePoint:
    """A period named by words, not yet placed on the calendar (see the module docstring).

    ``month`` is 1–12 for days and months, ``weekday`` 1–7 with
    ``ordinal`` n for a day named as the n-th weekday of its month (Prinsjesdag), ``ordinal`` 1–4 (quarter) or 1–2 (half) with -1 for the
    last one, ``year`` an explicit year (0 when not written), ``year_shift`` a year relative to the
    document's ("dit jaar" 0, "volgend jaar" 1), ``unit_shift`` a shift of the document date's own
    month, quarter, week or year ("volgende maand" 1) when the point names no particular one.
    """

    unit: Unit
    month: int = 0
    day: int = 0
    season: Season | None = None
    ordinal: int = 0
    year: int = 0
    year_shift: int | None = None
    unit_shift: int | None = None
    occurrence: Occurrence | None = None
    position: Position | None = None
    recess: Recess | None = None
    weekday: int = 0

    @property
    def has_year(self) -> bool:
        """Whether the words fix the year (explicitly or relative to the document date)."""
        return bool(self.year) or self.year_shift is not None or self.unit_shift is not None


@dataclass(frozen=True, slots=True)
class TimeRef:
    """A whole time expression: a point, how its preposition relates to it, and an optional range end."""

    point: TimePoint
    relation: Relation = Relation.AT
    until: TimePoint | None = None
    open_end: bool = False


_SEASON_MONTHS = {
    Season.SPRING: (3, 5),
    Season.SUMMER: (6, 8),
    Season.AUTUMN: (9, 11),
    Season.WINTER: (12, 14),  # December to February of the next year
}
_YEAR_POSITIONS = {Position.EARLY: (1, 3), Position.MID: (5, 8), Position.LATE: (10, 12)}
_MONTH_POSITIONS = {Position.EARLY: (1, 10), Position.MID: (11, 20), Position.LATE: (21, 31)}
#: begin/medio/eind of a season: its first, middle or last month (offset from its first month)
_SEASON_POSITIONS = {Position.EARLY: 0, Position.MID: 1, Position.LATE: 2}
#: begin/medio/eind of a week, as days after its Monday: Monday–Tuesday, Wednesday–Thursday, Friday–Sunday
_WEEK_POSITIONS = {Position.EARLY: (0, 1), Position.MID: (2, 3), Position.LATE: (4, 6)}
_ONE_DAY = dt.timedelta(days=1)
_LOOKING_AHEAD = frozenset(
    {Relation.UNTIL, Relation.UNTIL_EXCLUDED, Relation.BEFORE, Relation.AFTER, Relation.FROM}
)
#: an open "na de zomer" whose start lies this many calendar months back or less is this year's
_RECENT_MONTHS = 3
#: how far from the document date a yearless point is looked for
_YEARS_AROUND = range(-2, 3)


def _month_span(year: int, first: int, last: int) -> Interval:
    """Months ``first``..``last`` of ``year``; months past 12 run into the next year."""
    end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
    end_day = calendar.monthrange(end_year, end_month)[1]
    return Interval(dt.date(year, first, 1), dt.date(end_year, end_month, end_day))


def _last_day(span: Interval) -> Interval:
    """The last day of ``span`` alone ("ultimo")."""
    end = span.end if span.end is not None else span.start
    return Interval(end, end)


def _part_span(year: int, first: int, months: int, position: Position | None) -> Interval:
    """A quarter or half of ``year`` from month ``first``; begin/medio/eind take its first, middle
    or last third ("eind van het derde kwartaal" is September), as they do of a month."""
    if position is None:
        return _month_span(year, first, first + months - 1)
    if position is Position.LAST_DAY:
        return _last_day(_month_span(year, first, first + months - 1))
    third = months // 3
    start = first + {Position.EARLY: 0, Position.MID: third, Position.LATE: months - third}[position]
    return _month_span(year, start, start + third - 1)


def _in_year(point: TimePoint, year: int) -> Interval | None:
    """The point placed in ``year`` (the year a winter begins in); None when it does not exist."""
    if not 1 <= year <= 9998:
        return None
    unit = point.unit
    if unit is Unit.DAY:
        try:
            if point.weekday:
                month_start = dt.date(year, point.month, 1)
                offset = (point.weekday - 1 - month_start.weekday()) % 7
                named = month_start + dt.timedelta(days=offset + 7 * (point.ordinal - 1))
                return Interval(named, named) if named.month == point.month else None
            day = dt.date(year, point.month, point.day)
        except ValueError:
            return None
        return Interval(day, day)
    if unit is Unit.MONTH:
        last_day = calendar.monthrange(year, point.month)[1]
        if point.position is Position.LAST_DAY:
            return Interval(dt.date(year, point.month, last_day), dt.date(year, point.month, last_day))
        first, last = _MONTH_POSITIONS[point.position] if point.position else (1, last_day)
        return Interval(dt.date(year, point.month, first), dt.date(year, point.month, min(last, last_day)))
    if unit is Unit.SEASON and point.season is not None:
        first, last = _SEASON_MONTHS[point.season]
        if point.position is Position.LAST_DAY:
            return _last_day(_month_span(year, first, last))
        if point.position is not None:
            first = last = first + _SEASON_POSITIONS[point.position]
            if first > 12:
                return _month_span(year + 1, first - 12, first - 12)
        return _month_span(year, first, last)
    if unit is Unit.QUARTER:
        quarter = 4 if point.ordinal < 0 else point.ordinal
        return _part_span(year, 3 * quarter - 2, 3, point.position) if 1 <= quarter <= 4 else None
    if unit is Unit.HALF:
        half = 2 if point.ordinal < 0 else point.ordinal
        return _part_span(year, 6 * half - 5, 6, point.position) if 1 <= half <= 2 else None
    if unit is Unit.YEAR:
        if point.position is Position.LAST_DAY:
            return Interval(dt.date(year, 12, 31), dt.date(year, 12, 31))
        first, last = _YEAR_POSITIONS[point.position] if point.position else (1, 12)
        return _month_span(year, first, last)
    return None


def _shifted(point: TimePoint, anchor: dt.date, shift: int) -> Interval | None:
    """The document date's own month, quarter, week or year, shifted by ``shift`` units; begin/medio/eind
    take the part of a month or quarter they name ("eind volgende maand" is its days 21 to the last)."""
    unit = point.unit
    if unit is Unit.YEAR:
        return _in_year(point, anchor.year + shift)
    if unit is Unit.MONTH:
        index = anchor.year * 12 + anchor.month - 1 + shift
        year, month = divmod(index, 12)
        if point.position is None:
            return _month_span(year, month + 1, month + 1)
        if point.position is Position.LAST_DAY:
            return _last_day(_month_span(year, month + 1, month + 1))
        first, last = _MONTH_POSITIONS[point.position]
        last = min(last, calendar.monthrange(year, month + 1)[1])
        return Interval(dt.date(year, month + 1, first), dt.date(year, month + 1, last))
    if unit is Unit.QUARTER:
        index = anchor.year * 4 + (anchor.month - 1) // 3 + shift
        year, quarter = divmod(index, 4)
        return _part_span(year, 3 * quarter + 1, 3, point.position)
    if unit is Unit.WEEK:
        monday = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(weeks=shift)
        first, last = (0, 6) if point.position is None else _WEEK_POSITIONS.get(point.position, (6, 6))
        return Interval(monday + dt.timedelta(days=first), monday + dt.timedelta(days=last))
    return None


def _choose(
    candidates: list[Interval],
    anchor: dt.date,
    occurrence: Occurrence | None,
    tense: Tense | None,
) -> Interval | None:
    """Pick the occurrence the words or the tense point to among candidates sorted by start."""
    if occurrence is Occurrence.PAST:
        past = [c for c in candidates if c.start <= anchor]
        return past[-1] if past else None
    if occurrence is Occurrence.FUTURE:
        # "op 12 december a.s." in a letter of 12 December: that day itself, the meeting of today
        return next((c for c in candidates if c.start > anchor or c.start == anchor == c.end), None)
    if occurrence is Occurrence.NEXT:
        return next((c for c in candidates if c.start > anchor), None)
    if occurrence is Occurrence.PREVIOUS:
        over = [c for c in candidates if c.end is not None and c.end < anchor]
        return over[-1] if over else None
    if tense is Tense.PAST:
        past = [c for c in candidates if c.start <= anchor]
        return past[-1] if past else None
    if tense is Tense.FUTURE:
        return next((c for c in candidates if c.end is not None and c.end >= anchor), None)
    containing = [c for c in candidates if c.start <= anchor and (c.end is None or anchor <= c.end)]
    if containing:
        return containing[0]
    if occurrence is Occurrence.THIS:
        this_year = [c for c in candidates if c.start.year == anchor.year]
        if this_year:
            return this_year[0]

    def distance(c: Interval) -> tuple[int, int]:
        if c.start > anchor:
            return (c.start - anchor).days, 0  # on a tie, the future one
        gap = (anchor - (c.end or anchor)).days
        # without a tense marker the present tense of policy letters mostly looks ahead ("start in
        # januari", "stuurt in het najaar"): a stretch of days in the past must be much nearer to win
        return (gap * 2 if c.end != c.start else gap), 1

    return min(candidates, key=distance) if candidates else None


def _place(point: TimePoint, anchor: dt.date, tense: Tense | None) -> Interval | None:
    """The closed interval a point names, relative to the document date."""
    unit = point.unit
    if unit is Unit.TODAY:
        return Interval(anchor, anchor)
    if unit is Unit.YESTERDAY:
        return Interval(anchor - _ONE_DAY, anchor - _ONE_DAY)
    if unit is Unit.REST_OF_YEAR:
        return Interval(anchor, dt.date(anchor.year, 12, 31))
    if unit is Unit.YEAR_TO_DATE:
        return Interval(dt.date(anchor.year, 1, 1), anchor)
    if point.unit_shift is not None:
        return _shifted(point, anchor, point.unit_shift)
    if point.year:
        return _in_year(point, point.year)
    if point.year_shift is not None:
        return _in_year(point, anchor.year + point.year_shift)
    candidates = [c for y in _YEARS_AROUND if (c := _in_year(point, anchor.year + y)) is not None]
    return _choose(candidates, anchor, point.occurrence, tense)


def _recess_day(
    point: TimePoint, recess: Recess, anchor: dt.date, tense: Tense | None, after: bool
) -> dt.date | None:
    """The last day before (or first day after) the recess the point names."""
    month_day = recess.after if after else recess.before
    if month_day is None:
        return None
    month, day = month_day
    if point.year or point.year_shift is not None:
        return dt.date(point.year or anchor.year + (point.year_shift or 0), month, day)
    days = [dt.date(anchor.year + y, month, day) for y in _YEARS_AROUND]
    if tense is Tense.PAST or point.occurrence in (Occurrence.PAST, Occurrence.PREVIOUS):
        return max((d for d in days if d <= anchor), default=None)
    this_year = dt.date(anchor.year, month, day)
    if after and this_year <= anchor and _months_between(this_year, anchor) < _RECENT_MONTHS:
        # "na de zomer" in an October letter: the open stretch began this year and still runs
        return this_year
    return min((d for d in days if d >= anchor), default=None)


def _months_between(earlier: dt.date, later: dt.date) -> int:
    """Whole calendar months from ``earlier``'s month to ``later``'s (September → November is 2)."""
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def _relate(ref: TimeRef, anchor: dt.date, tense: Tense | None) -> Interval | None:
    """Apply the preposition of a single-point expression."""
    point, relation = ref.point, ref.relation
    recess = point.recess
    if (
        relation in (Relation.BEFORE, Relation.UNTIL, Relation.UNTIL_EXCLUDED, Relation.AFTER)
        and recess is not None
    ):
        after = relation is Relation.AFTER
        day = _recess_day(point, recess, anchor, tense, after)
        if day is None:
            return None
        if after:
            return Interval(day, None)
        if day >= anchor:
            return Interval(anchor, day)
        # a reported deadline with its year, already passed: its last day alone
        return Interval(day, day) if point.has_year else None
    if point.unit is Unit.RECESS:
        return None  # a recess itself ("tijdens het zomerreces") has no interval in the guideline

    yearless = not point.has_year and point.occurrence is None
    if yearless and tense is None and relation in _LOOKING_AHEAD:
        tense = Tense.FUTURE  # "tot eind januari", "vanaf maart": the next one
    if yearless and relation is Relation.SINCE:
        tense = Tense.PAST  # "sinds medio november": a start on or before the document date
    base = _place(point, anchor, tense)
    if base is None or base.end is None:
        return base
    result: Interval | None
    if relation in (Relation.AT, Relation.DURING):
        result = base
    elif relation is Relation.FROM:
        result = Interval(base.start, None)
    elif relation is Relation.SINCE:
        result = Interval(base.start, anchor) if base.start <= anchor else base
    elif relation is Relation.PER:
        # "per 1 januari" is that day; "per eind 2020" is the period "eind 2020"
        result = base if point.position is not None else Interval(base.start, base.start)
    elif relation in (Relation.UNTIL, Relation.UNTIL_EXCLUDED):
        end = base.end
        if relation is Relation.UNTIL_EXCLUDED and point.unit is Unit.DAY and point.position is None:
            end = base.start - _ONE_DAY  # "tot 20 februari" ends on 19 February
        result = Interval(anchor, end) if end >= anchor else base
    elif relation is Relation.BEFORE:
        deadline = base.end if point.position in (Position.LATE, Position.LAST_DAY) else base.start - _ONE_DAY
        if deadline >= anchor:
            result = Interval(anchor, deadline)
        else:  # a reported deadline: with its year, its last day alone; a yearless one has no past reading
            result = Interval(deadline, deadline) if point.has_year else None
    else:  # Relation.AFTER
        result = Interval(base.end + _ONE_DAY, None)
    if result is not None and ref.open_end:
        return Interval(result.start, None)
    return result


def _range(ref: TimeRef, anchor: dt.date, tense: Tense | None) -> Interval | None:
    """A range "X – Y": start of X to end of Y; a yearless end borrows the year of the other."""
    first, last = ref.point, ref.until
    assert last is not None
    if last.has_year or not first.has_year:
        end = _place(last, anchor, tense)
        if end is None or end.end is None:
            return None
        if first.has_year:
            start = _place(first, anchor, tense)
        else:
            starts = [c for y in (-1, 0) if (c := _in_year(first, end.start.year + y)) is not None]
            start = max((c for c in starts if c.start <= end.start), key=lambda c: c.start, default=None)
    else:
        start = _place(first, anchor, tense)
        if start is None:
            return None
        ends = [c for y in (0, 1) if (c := _in_year(last, start.start.year + y)) is not None]
        end = next((c for c in ends if c.end is not None and c.end >= start.start), None)
    if start is None or end is None or end.end is None or end.end < start.start:
        return None
    return Interval(start.start, end.end)


def to_interval(ref: TimeRef, anchor: dt.date, tense: Tense | None = None) -> Interval | None:
    """The inclusive interval a time expression denotes, by the guideline's conventions.

    Args:
        ref: the expression as neutral symbols (built by ``extract/timex.py``).
        anchor: the document date, against which relative expressions are resolved.
        tense: the tense of the expression's sentence; decides days and months without a year.

    Returns:
        The interval (``end`` None for an open end), or None when the expression has no fixed
        interval under the guideline (a recess on its own, a yearless deadline already past, a day
        that does not exist such as 31 februari).
    """
    if ref.until is not None:
        span = _range(ref, anchor, tense)
        # "2012 en 2013 en verder": the stretch has no end
        return Interval(span.start, None) if span is not None and ref.open_end else span
    return _relate(ref, anchor, tense)
