"""Commitment pages: the filtered list with its timeline, and one commitment in its document."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from beleidsmonitor.errors import RegisterError
from beleidsmonitor.register.overview import commitment_evidence, read_document
from beleidsmonitor.web.document_markup import excerpt_markup
from beleidsmonitor.web.rendering import (
    as_of_date,
    optional_kind,
    optional_status,
    optional_text,
    register_of,
    render,
)
from beleidsmonitor.web.timeline import render_timeline

router = APIRouter()


@router.get("/commitments", response_class=HTMLResponse, name="commitments")
def commitments_page(
    request: Request,
    as_of: str | None = None,
    status: str | None = None,
    dossier: str | None = None,
    ministry: str | None = None,
    kind: str | None = None,
) -> HTMLResponse:
    """Every commitment (filtered by status, dossier, ministry, kind) with a timeline."""
    day = as_of_date(as_of)
    records = register_of(request).list_commitments(
        as_of=day,
        status=optional_status(status),
        dossier=optional_text(dossier, "dossier"),
        ministry=optional_text(ministry, "ministry"),
        kind=optional_kind(kind),
    )
    filters = {
        "status": status or "",
        "dossier": dossier or "",
        "ministry": ministry or "",
        "kind": kind or "",
    }
    return render(
        request,
        "commitments.html",
        as_of=day,
        commitments=records,
        filters=filters,
        timeline=render_timeline(records, day, query=f"?as_of={day.isoformat()}"),
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
        document = read_document(register, mention.document_id)
        excerpts.append((mention, excerpt_markup(document, mention.span, commitment_id)))
    return render(
        request,
        "commitment.html",
        as_of=day,
        detail=detail,
        c=detail.commitment,
        excerpts=excerpts,
        evidence=commitment_evidence(register, commitment_id),
    )
