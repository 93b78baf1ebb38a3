"""Live feeds to subscribe to instead of exporting: iCalendar (/feeds/….ics) and Atom (/feeds/….atom).

Scopes: the whole register (``/feeds/toezeggingen``), one dossier (``/feeds/dossier/32824``) or one
ministry by abbreviation or name (``/feeds/ministerie/SZW``). Statuses are computed on every request
(today, or ``as_of`` when given), so a subscribed calendar never shows a frozen status; links point
to the address the feed was fetched from and to the official publication.
"""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from beleidsmonitor.outputs.calendar import commitments_to_ics
from beleidsmonitor.outputs.feeds import commitments_to_atom
from beleidsmonitor.register.store import CommitmentRecord
from beleidsmonitor.web.rendering import as_of_date, register_of, resolve_filters

router = APIRouter(prefix="/feeds")

_FORMATS = {"ics": "text/calendar; charset=utf-8", "atom": "application/atom+xml; charset=utf-8"}


def _scope(request: Request, kind: str, value: str, day: dt.date) -> tuple[str, tuple[CommitmentRecord, ...]]:
    register = register_of(request)
    if kind == "dossier":
        records = register.list_commitments(as_of=day, dossier=value)
        if not records and not any(d.dossier == value for d in register.list_documents()):
            raise HTTPException(404, f"dossier {value} staat niet in het register")
        return f"Toezeggingen dossier {value}", records
    ministry, _ = resolve_filters(register, value, None)
    return f"Toezeggingen {ministry}", register.list_commitments(as_of=day, ministry=ministry)


def _feed(
    request: Request, title: str, records: tuple[CommitmentRecord, ...], format: str, day: dt.date
) -> Response:
    base = str(request.base_url).rstrip("/")
    if format == "ics":
        text = commitments_to_ics(records, base_url=base, name=title, as_of=day)
    elif format == "atom":
        settings = register_of(request).settings
        text = commitments_to_atom(records, day, title, str(request.url), base, settings.due_soon_days)
    else:
        raise HTTPException(404, "een feed is .ics (agenda) of .atom (nieuwslezer)")
    return Response(text, media_type=_FORMATS[format])


@router.get("/toezeggingen.{format}", name="feed_all")
def feed_all(request: Request, format: str, as_of: str | None = None) -> Response:
    """Every commitment of the register."""
    day = as_of_date(as_of)
    return _feed(request, "Toezeggingen", register_of(request).list_commitments(as_of=day), format, day)


@router.get("/{kind}/{value}.{format}", name="feed_scope")
def feed_scope(request: Request, kind: str, value: str, format: str, as_of: str | None = None) -> Response:
    """The commitments of one dossier (``kind`` = dossier) or one ministry (``kind`` = ministerie)."""
    if kind not in ("dossier", "ministerie"):
        raise HTTPException(404, "feeds zijn er per dossier of per ministerie")
    day = as_of_date(as_of)
    title, records = _scope(request, kind, value, day)
    return _feed(request, title, records, format, day)
