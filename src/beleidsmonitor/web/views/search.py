"""Search page: full text over documents and commitments, with filters."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from beleidsmonitor.register.search import SearchFilters, search_register
from beleidsmonitor.web.highlight import snippet_markup
from beleidsmonitor.web.params import MAX_QUERY
from beleidsmonitor.web.rendering import (
    as_of_date,
    optional_kind,
    optional_status,
    optional_text,
    parse_date,
    register_of,
    render,
    resolve_filters,
)

router = APIRouter()


@router.get("/search", response_class=HTMLResponse, name="search")
def search_page(
    request: Request,
    q: str = "",
    as_of: str | None = None,
    ministry: str | None = None,
    dossier: str | None = None,
    kind: str | None = None,
    status: str | None = None,
    due_from: str | None = None,
    due_to: str | None = None,
) -> HTMLResponse:
    """Documents and commitments matching the query and the filters."""
    day = as_of_date(as_of)
    optional_text(q, "q", MAX_QUERY)
    filters = SearchFilters(
        ministry=resolve_filters(register_of(request), optional_text(ministry, "ministry"), None)[0],
        dossier=optional_text(dossier, "dossier"),
        kind=optional_kind(kind),
        status=optional_status(status),
        due_from=parse_date("due_from", due_from),
        due_to=parse_date("due_to", due_to),
    )
    searched = bool(q.strip()) or any(
        v for v in (ministry, dossier, kind, status, due_from, due_to) if v and v.strip()
    )
    results = search_register(register_of(request), q, day, filters) if searched else None
    form = {
        "q": q,
        "ministry": ministry or "",
        "dossier": dossier or "",
        "kind": kind or "",
        "status": status or "",
        "due_from": due_from or "",
        "due_to": due_to or "",
    }
    return render(
        request,
        "search.html",
        as_of=day,
        form=form,
        results=results,
        snippet=snippet_markup,
    )
