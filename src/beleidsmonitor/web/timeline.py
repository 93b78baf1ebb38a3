"""A timeline of commitments as inline SVG, drawn on the server (no script, no external service).

Each dated commitment is one row: a bar from the start to the end of its deadline interval,
coloured by its status (as the store computed it), linked to the commitment's page; an open end
runs to the right edge. A vertical line marks the as-of date; ticks mark the quarters, or the
months when the timeline shows one year. A register spans many years and hundreds of deadlines:
:func:`choose_year` pages the timeline per year (the deadlines ending in it), so that its axis and
labels stay readable. Every text that goes into the SVG is escaped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from beleidsmonitor.outputs.labels import MONTHS, due_label, status_label
from beleidsmonitor.register.store import CommitmentRecord

WIDTH = 960
LABEL_WIDTH = 330
ROW = 18
TOP = 28
BOTTOM = 8
_LABEL_CHARS = 52


def _clip(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


#: up to this many dated commitments the timeline shows them all on one axis
ONE_AXIS = 40


@dataclass(frozen=True, slots=True)
class TimelineYear:
    """Which year a timeline shows (None: all of them), the years there are, and the commitments drawn."""

    year: int | None
    years: tuple[int, ...]
    commitments: tuple[CommitmentRecord, ...]


def _deadline_year(c: CommitmentRecord) -> int | None:
    if c.due is None:
        return None
    return (c.due.end or c.due.start).year


def pick_year(years: Sequence[int], dated: int, as_of: dt.date, asked: int | None) -> int | None:
    """The year a timeline shows: the one asked for, else all (None) when at most :data:`ONE_AXIS`
    commitments are dated, else the as-of year (or the nearest year with a deadline).

    Args:
        years: the years with a deadline, ascending.
        dated: how many commitments have a deadline.
        as_of: the peildatum.
        asked: the year the user chose, if any.
    """
    if asked is None and dated <= ONE_AXIS:
        return None
    if asked is None or asked not in years:
        target = asked if asked is not None else as_of.year
        asked = min(years, key=lambda y: (abs(y - target), y)) if years else as_of.year
    return asked


def choose_year(commitments: Sequence[CommitmentRecord], as_of: dt.date, asked: int | None) -> TimelineYear:
    """The year a timeline of ``commitments`` shows (:func:`pick_year`), and the commitments drawn:
    those whose deadline falls in it, or all of them."""
    years = tuple(sorted({y for c in commitments if (y := _deadline_year(c)) is not None}))
    dated = sum(1 for c in commitments if c.due is not None)
    year = pick_year(years, dated, as_of, asked)
    if year is None:
        return TimelineYear(None, years, tuple(commitments))
    return TimelineYear(year, years, tuple(c for c in commitments if _deadline_year(c) == year))


def _quarters(first: dt.date, last: dt.date) -> list[dt.date]:
    day = dt.date(first.year, (first.month - 1) // 3 * 3 + 1, 1)
    out = []
    while day <= last:
        out.append(day)
        month = day.month + 3
        day = dt.date(day.year + (month > 12), (month - 1) % 12 + 1, 1)
    return out


def _months(first: dt.date, last: dt.date) -> list[dt.date]:
    out, day = [], dt.date(first.year, first.month, 1)
    while day <= last:
        out.append(day)
        day = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return out


def render_timeline(
    commitments: Sequence[CommitmentRecord],
    as_of: dt.date,
    link_prefix: str = "/commitments/",
    query: str = "",
    year: int | None = None,
) -> Markup:
    """An SVG chart of the dated commitments' deadline intervals with a line at ``as_of``.

    Args:
        commitments: the commitments to draw; undated ones are left out.
        as_of: the day the vertical line marks (statuses are the records' own).
        link_prefix: the path each bar links to, followed by the commitment id.
        query: appended to each link ("?as_of=2014-07-01", so that the peildatum is kept).
        year: draw this year only (January to December, month ticks; bars clipped to it).

    Returns:
        Safe markup of one ``<svg>`` element, or a short paragraph when nothing is dated.
    """
    dated = [c for c in commitments if c.due is not None]
    if not dated:
        return Markup('<p class="muted">Geen toezeggingen met een termijn.</p>')
    dated.sort(key=lambda c: (c.due.start if c.due else as_of, c.id))
    first = min([c.due.start for c in dated if c.due] + [as_of])
    ends = [c.due.end for c in dated if c.due and c.due.end] + [c.due.start for c in dated if c.due]
    last = max([*ends, as_of]) + dt.timedelta(days=31)
    first = dt.date(first.year, (first.month - 1) // 3 * 3 + 1, 1)
    if year is not None:
        first, last = dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
    span_days = max((last - first).days, 1)
    plot = WIDTH - LABEL_WIDTH - 10

    def x(day: dt.date) -> float:
        day = min(max(day, first), last)
        return round(LABEL_WIDTH + plot * (day - first).days / span_days, 1)

    height = TOP + ROW * len(dated) + BOTTOM
    parts: list[Markup] = [
        Markup(
            '<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" '
            'width="100%" role="img" aria-label="Tijdlijn van {n} toezeggingen">'
        ).format(w=WIDTH, h=height, n=len(dated))
    ]
    ticks = _months(first, last - dt.timedelta(days=1)) if year is not None else _quarters(first, last)
    for tick in ticks:
        tx = x(tick)
        if year is not None:
            label = MONTHS[tick.month - 1][:3]
        else:
            label = str(tick.year) if tick.month == 1 else f"Q{(tick.month - 1) // 3 + 1}"
        parts.append(
            Markup(
                '<line class="tick" x1="{x}" y1="{t}" x2="{x}" y2="{b}"/>'
                '<text class="tick-label" x="{lx}" y="14">{label}</text>'
            ).format(x=tx, t=TOP - 6, b=height - BOTTOM, lx=tx + 2, label=label)
        )
    for row, c in enumerate(dated):
        assert c.due is not None
        y = TOP + row * ROW
        x1 = x(c.due.start)
        x2 = x(c.due.end + dt.timedelta(days=1)) if c.due.end else float(WIDTH - 10)
        width = max(round(x2 - x1, 1), 3.0)
        title = f"{c.quote}\n{due_label(c.due)} · {status_label(c.status)}"
        parts.append(
            Markup(
                '<a href="{href}{id}{query}" class="bar-link"><title>{title}</title>'
                '<text class="row-label" x="4" y="{ty}">{label}</text>'
                '<rect class="bar st-{status}{open}" x="{x}" y="{y}" width="{w}" height="{bh}" rx="3"/></a>'
            ).format(
                href=link_prefix,
                id=c.id,
                query=query,
                title=title,
                ty=y + ROW - 6,
                label=_clip(c.quote, _LABEL_CHARS),
                status=c.status.value,
                open="" if c.due.end else " open-end",
                x=x1,
                y=y + 3,
                w=width,
                bh=ROW - 6,
            )
        )
    ax = x(as_of)
    if year is not None and not first <= as_of < last:
        parts.append(Markup("</svg>"))
        return Markup("").join(parts)
    parts.append(
        Markup(
            '<line class="as-of" x1="{x}" y1="{t}" x2="{x}" y2="{b}"/>'
            '<text class="as-of-label" x="{lx}" y="{ly}">peildatum {day}</text>'
        ).format(x=ax, t=TOP - 10, b=height - BOTTOM, lx=ax + 3, ly=TOP - 2, day=as_of.isoformat())
    )
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)
