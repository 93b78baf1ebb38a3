"""The rappel page: per ministry and bewindspersoon the commitments overdue on a date, oldest first,
with the same list as CSV (Dutch Excel) and .xlsx downloads."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from beleidsmonitor.outputs.rappel import rappel_csv, rappel_xlsx
from beleidsmonitor.register.filters import (
    register_choices,
)
from beleidsmonitor.register.rappel import Rappel, build_rappel, days_overdue
from beleidsmonitor.web.rendering import as_of_date, register_of, render, resolve_filters

router = APIRouter()

_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: the page lists the oldest this many of each bewindspersoon, and links to all of them …
PER_PERSON = 30
#: … fewer when there are many bewindspersonen: about this many rows in all
PAGE_ROWS = 300


def _rappel(request: Request, as_of: str | None, ministry: str | None, bewindspersoon: str | None) -> Rappel:
    register = register_of(request)
    chosen, person = resolve_filters(register, ministry, bewindspersoon)
    return build_rappel(register, as_of_date(as_of), chosen, person)


@router.get("/rappel", response_class=HTMLResponse, name="rappel")
def rappel_page(
    request: Request, as_of: str | None = None, ministry: str | None = None, bewindspersoon: str | None = None
) -> HTMLResponse:
    """The rappel as a page."""
    chosen, person = resolve_filters(register_of(request), ministry, bewindspersoon)
    found = build_rappel(
        register_of(request), as_of_date(as_of), chosen, person, per_person=PER_PERSON, rows=PAGE_ROWS
    )
    return render(
        request,
        "rappel.html",
        as_of=found.as_of,
        rappel=found,
        days_overdue=days_overdue,
        choices=register_choices(register_of(request)),
        form={"ministry": chosen or "", "bewindspersoon": person or ""},
    )


@router.get("/rappel.csv", name="rappel_csv")
def rappel_csv_download(
    request: Request, as_of: str | None = None, ministry: str | None = None, bewindspersoon: str | None = None
) -> Response:
    """The rappel as CSV for Dutch Excel (semicolons, BOM)."""
    found = _rappel(request, as_of, ministry, bewindspersoon)
    return Response(
        rappel_csv(found, dutch_excel=True),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="rappel-{found.as_of.isoformat()}.csv"'},
    )


@router.get("/rappel.xlsx", name="rappel_xlsx")
def rappel_xlsx_download(
    request: Request, as_of: str | None = None, ministry: str | None = None, bewindspersoon: str | None = None
) -> Response:
    """The rappel as an Excel workbook."""
    found = _rappel(request, as_of, ministry, bewindspersoon)
    return Response(
        rappel_xlsx(found),
        media_type=_XLSX,
        headers={"Content-Disposition": f'attachment; filename="rappel-{found.as_of.isoformat()}.xlsx"'},
    )
