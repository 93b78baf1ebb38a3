"""Live feeds to subscribe to instead of exporting: iCalendar (/feeds/….ics) and Atom (/feeds/….atom).

Scopes: the whole register (``/feeds/toezeggingen``), one dossier (``/feeds/dossier/32824``) or one
ministry by abbreviation or name (``/feeds/ministerie/SZW``). Statuses are computed on every request
(today, or ``as_of`` when given), so a subscribed calendar never shows a frozen status; links point
to the address the feed was fetched from and to the official publication.

Each feed is a window, cut by the database: the calendar holds the deadlines (in force on the
peildatum) whose day (the end, or the start of an open-ended one) lies at most
:data:`CALENDAR_DAYS_BACK` days before it, or later; at most :data:`CALENDAR_EVENTS` of them, the
earliest first. The Atom feed holds the commitments due soon and those overdue for at most
``outputs.feeds.WINDOW_DAYS`` days (older ones are the rappel's).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from beleidsmonitor.outputs.calendar import commitments_to_ics
from beleidsmonitor.outputs.feeds import WINDOW_DAYS, commitments_to_atom
from beleidsmonitor.register.store import CommitmentFilter
from beleidsmonitor.vocab import Status
from beleidsmonitor.web.rendering import as_of_date, register_of, resolve_filters

router = APIRouter(prefix="/feeds")

_FORMATS = {"ics": "text/calendar; charset=utf-8", "atom": "application/atom+xml; charset=utf-8"}


#: the live calendar holds the deadline days (a deadline's end, else its start) from this many days
#: before the peildatum on …
CALENDAR_DAYS_BACK = 365
#: … at most this many of them, the earliest first
CALENDAR_EVENTS = 500


def _scope(request: Request, kind: str, value: str) -> tuple[str, CommitmentFilter]:
    register = register_of(request)
    if kind == "dossier":
        if not register.page_documents(limit=1, dossier=value).items:
            raise HTTPException(404, f"dossier {value} staat niet in het register")
        return f"Toezeggingen dossier {value}", CommitmentFilter(dossier=value)
    ministry, _ = resolve_filters(register, value, None)
    return f"Toezeggingen {ministry}", CommitmentFilter(ministry=ministry)


def _feed(request: Request, title: str, scope: CommitmentFilter, format: str, day: dt.date) -> Response:
    """The feed of the commitments in ``scope``: each list is cut by the database, never read whole."""
    register = register_of(request)
    base = str(request.base_url).rstrip("/")
    if format == "ics":
        window = replace(scope, deadline_from=day - dt.timedelta(days=CALENDAR_DAYS_BACK))
        records = register.page_commitments(day, where=window, limit=CALENDAR_EVENTS).items
        text = commitments_to_ics(records, base_url=base, name=title, as_of=day)
    elif format == "atom":
        soon = register.settings.due_soon_days
        # due soon, and overdue since at most WINDOW_DAYS: what feed_items keeps, asked of the database
        lately = day - dt.timedelta(days=WINDOW_DAYS + 1)
        records = (
            *register.list_commitments(day, where=replace(scope, status=Status.DUE)),
            *register.list_commitments(day, where=replace(scope, status=Status.OVERDUE, due_from=lately)),
        )
        text = commitments_to_atom(records, day, title, str(request.url), base, soon)
    else:
        raise HTTPException(404, "een feed is .ics (agenda) of .atom (nieuwslezer)")
    return Response(text, media_type=_FORMATS[format])


@router.get("/toezeggingen.{format}", name="feed_all")
def feed_all(request: Request, format: str, as_of: str | None = None) -> Response:
    """Every commitment of the register."""
    day = as_of_date(as_of)
    return _feed(request, "Toezeggingen", CommitmentFilter(), format, day)


@router.get("/{kind}/{value}.{format}", name="feed_scope")
def feed_scope(request: Request, kind: str, value: str, format: str, as_of: str | None = None) -> Response:
    """The commitments of one dossier (``kind`` = dossier) or one ministry (``kind`` = ministerie)."""
    if kind not in ("dossier", "ministerie"):
        raise HTTPException(404, "feeds zijn er per dossier of per ministerie")
    day = as_of_date(as_of)
    title, scope = _scope(request, kind, value)
    return _feed(request, title, scope, format, day)
