"""The charts page: commitments per status over time, overdue per ministry and per dossier, deadlines per month."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from beleidsmonitor.outputs.labels import nl_date
from beleidsmonitor.register.series import deadlines_per_month, months_back, overdue_per, status_series
from beleidsmonitor.web.charts import bar_chart, month_chart, status_chart
from beleidsmonitor.web.rendering import as_of_date, register_of, render

router = APIRouter()


@router.get("/grafieken", response_class=HTMLResponse, name="charts")
def charts_page(request: Request, as_of: str | None = None) -> HTMLResponse:
    """Four charts of the whole register as of a date."""
    day = as_of_date(as_of)
    register = register_of(request)
    stamp = f"as_of={day.isoformat()}"
    return render(
        request,
        "charts.html",
        as_of=day,
        status=status_chart(status_series(register, day), f"Toezeggingen per status tot {nl_date(day)}"),
        per_ministry=bar_chart(
            overdue_per(register, day, "ministry"),
            "Verlopen toezeggingen per ministerie",
            lambda g: f"/rappel?{stamp}&ministry={quote(g.key)}",
        ),
        per_dossier=bar_chart(
            overdue_per(register, day, "dossier"),
            "Verlopen toezeggingen per dossier",
            lambda g: f"/dossiers/{quote(g.key)}?{stamp}",
        ),
        per_month=month_chart(
            deadlines_per_month(register, day, months_back(day, 5)),
            "Termijnen per maand en hoeveel daarvan voldaan",
        ),
    )
