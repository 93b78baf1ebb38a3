"""Dashboard pages: the dossiers in the register, and one dossier by theme → topic as of a date."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from beleidsmonitor.errors import RegisterError
from beleidsmonitor.outputs.labels import nl_date
from beleidsmonitor.register.overview import dossier_overview, page_dossiers, page_themes
from beleidsmonitor.register.series import status_series
from beleidsmonitor.web.charts import status_chart
from beleidsmonitor.web.rendering import (
    as_of_date,
    next_page_url,
    optional_int,
    page_marker,
    register_of,
    render,
)
from beleidsmonitor.web.timeline import choose_year, render_timeline

router = APIRouter()

#: the most overdue commitments a dossier page lists; the rest are on /commitments, filtered
OVERDUE_SHOWN = 20


@router.get("/", response_class=HTMLResponse, name="home")
def home(request: Request, as_of: str | None = None, after: str | None = None) -> HTMLResponse:
    """The dossiers (agendas) with their commitment counts per status, one page at a time."""
    day = as_of_date(as_of)
    page = page_dossiers(register_of(request), day, page_marker(after))
    return render(
        request,
        "dashboard.html",
        as_of=day,
        dossiers=page.items,
        next_url=next_page_url(request, page.next_after),
    )


@router.get("/dossiers/{dossier}", response_class=HTMLResponse, name="dossier")
def dossier_page(
    request: Request,
    dossier: str,
    as_of: str | None = None,
    year: str | None = None,
    after: str | None = None,
) -> HTMLResponse:
    """One dossier: counts, timeline, overdue list, and per theme → topic the measures and commitments,
    a page of them at a time (``after``: how many items earlier pages showed)."""
    day = as_of_date(as_of)
    offset = optional_int("after", after) or 0
    if offset < 0:
        raise HTTPException(400, f"after: '{after}' is negatief")
    try:
        overview = dossier_overview(register_of(request), dossier, day)
    except RegisterError:
        raise HTTPException(404, f"dossier {dossier} staat niet in het register") from None
    shown = choose_year(overview.commitments, day, optional_int("year", year))
    series = status_series(register_of(request), day, overview.dossier)
    themes = page_themes(overview.themes, offset)
    previous = themes.previous_after
    return render(
        request,
        "dossier.html",
        as_of=day,
        overview=overview,
        shown=shown,
        themes=themes,
        overdue_shown=OVERDUE_SHOWN,
        next_url=next_page_url(request, themes.next_after) + "#per-thema" if themes.next_after else "",
        previous_url=(
            next_page_url(request, previous) + "#per-thema" if previous else _without_after(request)
        )
        if previous is not None
        else "",
        status_chart=status_chart(series, f"Toezeggingen per status tot {nl_date(day)}"),
        timeline=render_timeline(shown.commitments, day, query=f"?as_of={day.isoformat()}", year=shown.year),
    )


def _without_after(request: Request) -> str:
    """Path and query of the first page of a paged part (this page's query without ``after``)."""
    url = request.url.remove_query_params("after")
    return f"{url.path}?{url.query}#per-thema"
