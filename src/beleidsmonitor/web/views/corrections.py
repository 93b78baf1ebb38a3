"""Write routes: log in with the write token, review a proposed fulfilment, give a verdict, correct a field.

Each route checks writing is on, the person logged in, the request came from this site and the form's
CSRF token (web/writing.py), records one correction through register/tracking.py (an event of the
audit trail with who, when, old and new value) and sends the browser back to the commitment page
(303). A refused correction is a 400 page that says why; nothing is stored then.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, TypeVar
from urllib.parse import urlsplit

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from beleidsmonitor.errors import Code, RegisterError
from beleidsmonitor.register.tracking import correct
from beleidsmonitor.vocab import CorrectionField, Review, Verdict
from beleidsmonitor.web.rendering import parse_date, register_of, render, settings_of
from beleidsmonitor.web.writing import (
    check_origin,
    check_write,
    end_session,
    remember_who,
    start_session,
    token_matches,
    write_enabled,
)

router = APIRouter()
E = TypeVar("E", bound=StrEnum)

Text = Annotated[str, Form(max_length=4000)]
Name = Annotated[str, Form(max_length=200)]
Token = Annotated[str, Form(max_length=200)]


def _back(commitment_id: int, as_of: str) -> str:
    day = parse_date("as_of", as_of)
    return f"/commitments/{commitment_id}" + (f"?as_of={day.isoformat()}" if day else "")


def _local(target: str) -> str:
    """``target`` when it is a path on this site, else the overview (no open redirect)."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target


def _record(
    request: Request,
    commitment_id: int,
    field: CorrectionField,
    value: str,
    who: str,
    note: str,
    as_of: str,
    document_id: str = "",
    effective: dt.date | None = None,
) -> RedirectResponse:
    try:
        correct(
            register_of(request),
            commitment_id,
            field,
            value,
            who,
            note,
            document_id=document_id,
            effective=effective,
        )
    except RegisterError as error:
        if error.code is Code.R001:
            raise HTTPException(404, f"toezegging {commitment_id} staat niet in het register") from None
        raise HTTPException(400, f"correctie geweigerd: {error}") from None
    response = RedirectResponse(_back(commitment_id, as_of), status_code=303)
    remember_who(request, response, who.strip())
    return response


@router.get("/login", response_class=HTMLResponse, name="login")
def login_page(request: Request, next: str = "/") -> HTMLResponse:
    """The form that asks for the write token."""
    if not write_enabled(settings_of(request)):
        raise HTTPException(403, "dit register is alleen-lezen (geen write_token ingesteld)")
    return render(request, "login.html", next=_local(next), failed=False)


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request, token: Token = "", next: Annotated[str, Form(max_length=2000)] = "/"
) -> HTMLResponse:
    """Check the write token; on success set the writer's cookie and go back."""
    if not write_enabled(settings_of(request)):
        raise HTTPException(403, "dit register is alleen-lezen (geen write_token ingesteld)")
    check_origin(request)
    if not token_matches(request, token):
        return render(request, "login.html", status_code=403, next=_local(next), failed=True)
    response = RedirectResponse(_local(next), status_code=303)
    start_session(request, response)
    return response  # type: ignore[return-value]


@router.post("/logout")
def logout(request: Request) -> RedirectResponse:
    """Forget the writer's cookie."""
    check_origin(request)
    response = RedirectResponse("/", status_code=303)
    end_session(response)
    return response


def _choice(enum: type[E], value: str, name: str) -> E:
    """A form field as a member of ``enum``; 400 naming the field and the allowed values."""
    try:
        return enum(value.strip())
    except ValueError:
        allowed = ", ".join(member.value for member in enum)
        raise HTTPException(400, f"{name}: kies uit {allowed}") from None


# every form field has a default, so that the login and CSRF checks come before any other answer
@router.post("/commitments/{commitment_id}/review")
def review(
    request: Request,
    commitment_id: int,
    csrf: Token = "",
    document_id: Annotated[str, Form(max_length=80)] = "",
    choice: Annotated[str, Form(max_length=40)] = "",
    who: Name = "",
    note: Text = "",
    as_of: Annotated[str, Form(max_length=10)] = "",
) -> RedirectResponse:
    """Accept or reject the fulfilment a later document was proposed for (or back to proposed)."""
    check_write(request, csrf)
    value = _choice(Review, choice, "choice").value
    return _record(request, commitment_id, CorrectionField.REVIEW, value, who, note, as_of, document_id)


@router.post("/commitments/{commitment_id}/verdict")
def verdict(
    request: Request,
    commitment_id: int,
    csrf: Token = "",
    verdict: Annotated[str, Form(max_length=40)] = "",
    who: Name = "",
    on: Annotated[str, Form(max_length=10)] = "",
    note: Text = "",
    as_of: Annotated[str, Form(max_length=10)] = "",
) -> RedirectResponse:
    """Mark the commitment fulfilled, partly fulfilled, lapsed or not a commitment (or automatic again)."""
    check_write(request, csrf)
    value = _choice(Verdict, verdict, "verdict").value
    day = parse_date("on", on)
    return _record(request, commitment_id, CorrectionField.VERDICT, value, who, note, as_of, effective=day)


@router.post("/commitments/{commitment_id}/correct")
def correct_field(
    request: Request,
    commitment_id: int,
    csrf: Token = "",
    field: Annotated[str, Form(max_length=40)] = "",
    value: Text = "",
    who: Name = "",
    note: Text = "",
    as_of: Annotated[str, Form(max_length=10)] = "",
) -> RedirectResponse:
    """Correct kind, deadline or actor, or set the owner or a note."""
    check_write(request, csrf)
    chosen = _choice(CorrectionField, field, "field")
    if chosen in (CorrectionField.REVIEW, CorrectionField.VERDICT):
        raise HTTPException(400, "beoordeling en oordeel hebben hun eigen formulier")
    return _record(request, commitment_id, chosen, value, who, note, as_of)
