"""Commitment pages: the filtered list with its timeline, and one commitment in its document."""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from beleidsmonitor.errors import RegisterError
from beleidsmonitor.register.overview import commitment_evidence, read_document
from beleidsmonitor.register.store import CommitmentFilter
from beleidsmonitor.web.document_markup import excerpt_markup, excerpt_window
from beleidsmonitor.web.rendering import (
    as_of_date,
    optional_int,
    optional_kind,
    optional_status,
    optional_text,
    register_of,
    render,
    resolve_filters,
)
from beleidsmonitor.web.timeline import TimelineYear, pick_year, render_timeline
from beleidsmonitor.web.writing import csrf_token, who_of

#: commitments per page of the list
PAGE_SIZE = 50
#: the most bars the timeline draws: the earliest deadlines of the year (the list pages through all)
TIMELINE_ROWS = 100

router = APIRouter()


@router.get("/commitments", response_class=HTMLResponse, name="commitments")
def commitments_page(
    request: Request,
    as_of: str | None = None,
    status: str | None = None,
    dossier: str | None = None,
    ministry: str | None = None,
    kind: str | None = None,
    bewindspersoon: str | None = None,
    year: str | None = None,
    page: str | None = None,
) -> HTMLResponse:
    """Every commitment (filtered by status, dossier, ministry, bewindspersoon, kind), paged, with a
    timeline of one year's deadlines."""
    day = as_of_date(as_of)
    register = register_of(request)
    chosen_ministry, person = resolve_filters(
        register, optional_text(ministry, "ministry"), optional_text(bewindspersoon, "bewindspersoon")
    )
    where = CommitmentFilter(
        status=optional_status(status),
        dossier=optional_text(dossier, "dossier"),
        ministry=chosen_ministry,
        kind=optional_kind(kind),
        bewindspersoon=person,
    )
    filters = {
        "as_of": day.isoformat(),
        "status": status or "",
        "dossier": dossier or "",
        "ministry": ministry or "",
        "bewindspersoon": bewindspersoon or "",
        "kind": kind or "",
    }
    # counts, the page and the timeline's year are each asked of the database, never the whole list
    total = register.count_commitments(day, where)
    years = register.deadline_years(day, where)
    chosen_year = pick_year(sorted(years), sum(years.values()), day, optional_int("year", year))
    in_view = years.get(chosen_year, 0) if chosen_year is not None else sum(years.values())
    drawn = register.page_commitments(
        day, where=replace(where, dated=True, deadline_year=chosen_year), limit=TIMELINE_ROWS
    ).items
    shown = TimelineYear(chosen_year, tuple(sorted(years)), drawn)
    pages = max(1, -(-total // PAGE_SIZE))
    number = min(max(optional_int("page", page) or 1, 1), pages)
    items = register.page_commitments(day, where=where, limit=PAGE_SIZE, offset=(number - 1) * PAGE_SIZE)
    return render(
        request,
        "commitments.html",
        as_of=day,
        total=total,
        page_items=items.items,
        page=number,
        pages=pages,
        filters=filters,
        base_query=urlencode({k: v for k, v in filters.items() if v}),
        shown=shown,
        in_view=in_view,
        timeline=render_timeline(shown.commitments, day, query=f"?as_of={day.isoformat()}", year=shown.year),
    )


@router.get("/commitments/{commitment_id}", response_class=HTMLResponse, name="commitment")
def commitment_page(request: Request, commitment_id: int, as_of: str | None = None) -> HTMLResponse:
    """One commitment: its quote highlighted in the document, its fields, mentions and history."""
    day = as_of_date(as_of)
    register = register_of(request)
    try:
        detail = register.get_commitment(commitment_id, as_of=day)
    except RegisterError:
        raise HTTPException(404, f"toezegging {commitment_id} staat niet in het register") from None
    excerpts = []
    for mention in detail.mentions:
        document = read_document(register, mention.document_id, excerpt_window(mention.span))
        excerpts.append((mention, excerpt_markup(document, mention.span, commitment_id)))
    return render(
        request,
        "commitment.html",
        as_of=day,
        detail=detail,
        c=detail.commitment,
        excerpts=excerpts,
        evidence=commitment_evidence(register, commitment_id),
        csrf=csrf_token(request),
        who=who_of(request),
    )
