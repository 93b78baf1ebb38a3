"""Bounds on what a request may ask, and the Dutch message for each input the bounds refuse.

Every value a user can type reaches the register only through these checks: days lie in
FIRST_DAY..LAST_DAY (model.py), filter texts are at most MAX_TEXT characters (they become LIKE
operands, escaped by the store), search queries at most MAX_QUERY, document ids at most
MAX_ID_LENGTH (the longest id a document can be given when it is read); ids beyond the database's
integer range are answered by the store as "not found". A refused value is a 400 on the pages and a
422 in the API, never a 500.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Annotated, Any

from fastapi import Path, Query
from pydantic import AfterValidator

from beleidsmonitor.model import FIRST_DAY, LAST_DAY
from beleidsmonitor.normalise.identifiers import MAX_ID_LENGTH

#: the longest filter value (ministry, dossier): names and numbers are far shorter
MAX_TEXT = 200
#: the longest search query
MAX_QUERY = 500


def day_in_range(day: dt.date) -> dt.date:
    """``day`` when the register can reason about it.

    Raises:
        ValueError: a Dutch message naming the allowed range.
    """
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(
            f"{day.isoformat()} ligt buiten {FIRST_DAY.isoformat()} tot en met {LAST_DAY.isoformat()}"
        )
    return day


#: a date parameter of the API
Day = Annotated[dt.date, AfterValidator(day_in_range)]
#: the ``as_of`` parameter of the API
AS_OF = Query(None, description="the day statuses are computed for (YYYY-MM-DD); today when absent")
#: a filter text of the API
FilterText = Annotated[str | None, Query(max_length=MAX_TEXT)]
#: a search query of the API
SearchText = Annotated[str, Query(max_length=MAX_QUERY)]
#: a document id in a path ("kst-32824-47")
DocumentId = Annotated[str, Path(max_length=MAX_ID_LENGTH)]

_MESSAGES = {
    "date_from_datetime_parsing": "is geen datum in de vorm JJJJ-MM-DD",
    "date_parsing": "is geen datum in de vorm JJJJ-MM-DD",
    "date_type": "is geen datum in de vorm JJJJ-MM-DD",
    "date_from_datetime_inexact": "is geen datum in de vorm JJJJ-MM-DD",
    "int_parsing": "is geen geheel getal",
    "int_type": "is geen geheel getal",
    "string_too_long": "is te lang (hoogstens {max_length} tekens)",
    "enum": "kies uit {expected}",
    "missing": "ontbreekt",
}


def dutch_message(errors: Sequence[Mapping[str, Any]]) -> str:
    """One Dutch line for the validation errors of a request: each field with what is wrong."""
    lines = []
    for error in errors:
        field = str(error.get("loc", ("", "?"))[-1])
        kind = str(error.get("type", ""))
        context = error.get("ctx") or {}
        if kind == "value_error":
            what = str(context.get("error", error.get("msg", "")))
        else:
            template = _MESSAGES.get(kind, "is ongeldig")
            if "expected" in context:
                context = {**context, "expected": str(context["expected"]).replace(" or ", " of ")}
            try:
                what = template.format(**context)
            except (KeyError, IndexError):
                what = "is ongeldig"
        lines.append(f"{field}: {what}")
    return "; ".join(lines) or "ongeldige invoer"
