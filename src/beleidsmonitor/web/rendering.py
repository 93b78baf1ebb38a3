"""What every page view shares: the Jinja2 environment (autoescape on), the register of the app,
and the parsing of the query parameters the pages' forms send.

Forms send empty strings for fields left blank; :func:`optional_text` and friends turn those into
None, and reject malformed values with a 400 that names the field.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from fastapi import HTTPException, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from beleidsmonitor.outputs.labels import (
    CORRECTION_FIELD_LABELS,
    KIND_LABELS,
    STATUS_LABELS,
    VERDICT_LABELS,
    confidence_label,
    correction_field_label,
    correction_value_label,
    document_date_label,
    due_label,
    event_label,
    evidence_label,
    extraction_label,
    kind_label,
    late_label,
    link_evidence_label,
    measure_label,
    nl_date,
    part_label,
    relation_label,
    review_label,
    status_label,
)
from beleidsmonitor.outputs.links import official_url
from beleidsmonitor.register.store import Register
from beleidsmonitor.settings import Settings
from beleidsmonitor.vocab import CommitmentKind, CorrectionField, Status
from beleidsmonitor.web.params import MAX_TEXT, day_in_range

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"


def build_environment() -> Environment:
    """The Jinja2 environment of the pages: autoescape on for every template, strict undefined."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        status_label=status_label,
        kind_label=kind_label,
        measure_label=measure_label,
        extraction_label=extraction_label,
        event_label=event_label,
        nl_date=nl_date,
        part_label=part_label,
        confidence_label=confidence_label,
        evidence_label=evidence_label,
        due_label=due_label,
        official_url=official_url,
        relation_label=relation_label,
        link_evidence_label=link_evidence_label,
        review_label=review_label,
        correction_field_label=correction_field_label,
        late_label=late_label,
    )
    env.globals.update(document_date_label=document_date_label)
    env.globals.update(
        STATUS_LABELS={s.value: label for s, label in STATUS_LABELS.items()},
        KIND_LABELS={k.value: label for k, label in KIND_LABELS.items()},
        VERDICT_LABELS={v.value: label for v, label in VERDICT_LABELS.items()},
        # the fields the correction form offers (reviews and verdicts have their own forms)
        CORRECTION_FIELDS={
            f.value: label
            for f, label in CORRECTION_FIELD_LABELS.items()
            if f not in (CorrectionField.REVIEW, CorrectionField.VERDICT)
        },
        correction_value_label=correction_value_label,
    )
    return env


def as_of_query(request: Request) -> str:
    """ "?as_of=…" when the page was asked for a peildatum, so that its links keep it; "" otherwise."""
    value = request.query_params.get("as_of", "").strip()
    try:
        return f"?as_of={dt.date.fromisoformat(value).isoformat()}" if value else ""
    except ValueError:
        return ""


def next_page_url(request: Request, after: str) -> str:
    """Path and query of a list's next page (this page's query with ``after``); "" on the last page."""
    if not after:
        return ""
    url = request.url.include_query_params(after=after)
    return f"{url.path}?{url.query}"


def page_marker(value: str | None) -> str:
    """The ``after`` field of a list page: "" for the first page; 400 when too long."""
    return optional_text(value, "after") or ""


def register_of(request: Request) -> Register:
    """The register the app was created with."""
    register: Register = request.app.state.register
    return register


def settings_of(request: Request) -> Settings:
    """The settings the app was created with."""
    settings: Settings = request.app.state.settings
    return settings


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A page rendered from ``template`` with ``context`` (plus ``request``, the current path and
    whether the dashboard writes: ``write_enabled``, a write token is set; ``writer``, the person
    logged in with it)."""
    from beleidsmonitor.web.writing import is_writer, write_enabled  # writing reads settings_of

    env: Environment = request.app.state.templates
    context.setdefault("q", as_of_query(request))
    context.setdefault("write_enabled", write_enabled(settings_of(request)))
    context.setdefault("writer", is_writer(request))
    html = env.get_template(template).render(request=request, path=request.url.path, **context)
    return HTMLResponse(html, status_code=status_code)


def parse_date(name: str, value: str | None) -> dt.date | None:
    """A YYYY-MM-DD form field as a date; None when blank; 400 naming the field when malformed."""
    if value is None or not value.strip():
        return None
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        shown = value if len(value) <= 40 else value[:40] + "…"
        raise HTTPException(400, f"{name}: '{shown}' is geen datum in de vorm JJJJ-MM-DD") from None
    try:
        return day_in_range(day)
    except ValueError as exc:
        raise HTTPException(400, f"{name}: {exc}") from None


def as_of_date(value: str | None) -> dt.date:
    """The as-of date of a page: the form field, or today when blank."""
    return parse_date("as_of", value) or dt.date.today()


def optional_text(value: str | None, name: str = "filter", limit: int = MAX_TEXT) -> str | None:
    """A text form field; None when blank; 400 naming the field when longer than ``limit``."""
    if value is not None and len(value) > limit:
        raise HTTPException(400, f"{name}: te lang (hoogstens {limit} tekens)")
    return value.strip() if value and value.strip() else None


def optional_kind(value: str | None) -> CommitmentKind | None:
    """A kind form field; None when blank; 400 when not a known kind."""
    if not optional_text(value):
        return None
    try:
        return CommitmentKind(str(value).strip())
    except ValueError:
        allowed = ", ".join(k.value for k in CommitmentKind)
        raise HTTPException(400, f"kind: kies uit {allowed}") from None


def optional_status(value: str | None) -> Status | None:
    """A status form field; None when blank; 400 when not a known status."""
    if not optional_text(value):
        return None
    try:
        return Status(str(value).strip())
    except ValueError:
        allowed = ", ".join(s.value for s in Status)
        raise HTTPException(400, f"status: kies uit {allowed}") from None


def optional_int(name: str, value: str | None) -> int | None:
    """A whole-number form field; None when blank; 400 naming the field when malformed."""
    if not optional_text(value):
        return None
    try:
        return int(str(value).strip())
    except ValueError:
        raise HTTPException(400, f"{name}: '{value}' is geen geheel getal") from None


def resolve_filters(
    register: Register, ministry: str | None, person: str | None
) -> tuple[str | None, str | None]:
    """The ministry and bewindspersoon filters as the register keeps them; 400 listing the valid ones."""
    from beleidsmonitor.register.filters import (
        FilterError,
        register_choices,
        resolve_bewindspersoon,
        resolve_ministry,
    )

    ministry, person = optional_text(ministry), optional_text(person)
    if not ministry and not person:
        return None, None
    choices = register_choices(register)
    try:
        return (
            resolve_ministry(ministry, choices) if ministry else None,
            resolve_bewindspersoon(person, choices) if person else None,
        )
    except FilterError as error:
        raise HTTPException(400, str(error)) from None
