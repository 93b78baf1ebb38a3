"""The JSON API under /api: every list the pages show, with pydantic response models.

Lists are pages (``limit``, 100 by default, at most 1000) in a fixed order; the next page is named by
the ``Link: <…>; rel="next"`` header and its ``after`` marker by ``X-Next-After`` (keyset pagination:
every page costs the same). An unknown marker is a 422.

Read-only. Dates are ISO strings; ``as_of`` defaults to today. The schema is served at
/openapi.json.
"""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, HTTPException, Query, Request, Response
from pydantic import BaseModel

from beleidsmonitor.errors import RegisterError
from beleidsmonitor.outputs.tables import (
    CommitmentDetailOut,
    CommitmentOut,
    CountsOut,
    DocumentOut,
    DossierOut,
    MeasureOut,
)
from beleidsmonitor.register.overview import (
    THEME_PAGE_SIZE,
    dossier_overview,
    page_dossiers,
    page_themes,
    read_document,
)
from beleidsmonitor.register.search import SearchFilters, SnippetPart, search_register
from beleidsmonitor.register.store import PAGE_SIZE, DocumentRecord
from beleidsmonitor.vocab import (
    CommitmentKind,
    Status,
)
from beleidsmonitor.web.params import AS_OF, Day, DocumentId, FilterText, SearchText
from beleidsmonitor.web.rendering import register_of

router = APIRouter(prefix="/api", tags=["api"])


class TopicOut(BaseModel):
    """A topic of a theme."""

    topic: str
    counts: CountsOut
    measures: list[MeasureOut]
    commitments: list[CommitmentOut]


class ThemeOut(BaseModel):
    """A theme of a dossier."""

    theme: str
    counts: CountsOut
    topics: list[TopicOut]


class OverviewOut(BaseModel):
    """A dossier by theme → topic as of a date."""

    dossier: str
    title: str
    as_of: dt.date
    document_ids: list[str]
    counts: CountsOut
    overdue: list[int]
    #: all measures and commitments of the dossier; ``themes`` holds those from ``offset`` on, a page
    items_total: int
    offset: int
    themes: list[ThemeOut]


class ExtractionOut(BaseModel):
    """A typed extraction of a document."""

    kind: str
    start: int
    end: int
    text: str
    norm: str
    value_start: dt.date | None
    value_end: dt.date | None


class DocumentTextOut(BaseModel):
    """A document with its clean text and extractions."""

    document: DocumentOut
    text: str
    extractions: list[ExtractionOut]
    commitment_ids: list[int]


class SnippetOut(BaseModel):
    """A piece of a search snippet."""

    text: str
    hit: bool


class DocumentHitOut(BaseModel):
    """A document found by a search."""

    id: str
    dossier: str
    title: str
    date: dt.date | None
    ministry: str
    snippet: list[SnippetOut]


class CommitmentHitOut(BaseModel):
    """A commitment found by a search."""

    commitment: CommitmentOut
    snippet: list[SnippetOut]


class SearchOut(BaseModel):
    """What a search found."""

    query: str
    as_of: dt.date
    documents: list[DocumentHitOut]
    commitments: list[CommitmentHitOut]


def _day(as_of: dt.date | None) -> dt.date:
    return as_of or dt.date.today()


def _snippet(parts: tuple[SnippetPart, ...]) -> list[SnippetOut]:
    return [SnippetOut(text=p.text, hit=p.hit) for p in parts]


AsOf = AS_OF
After = Query(
    "", max_length=200, description="the X-Next-After marker of the previous page; empty for the first"
)
Limit = Query(PAGE_SIZE, ge=1, le=1000, description="the most items on the page")


def _paged(request: Request, response: Response, next_after: str) -> None:
    """Name the next page in the response headers (nothing on the last page)."""
    if next_after:
        url = request.url.include_query_params(after=next_after)
        response.headers["Link"] = f'<{url.path}?{url.query}>; rel="next"'
        response.headers["X-Next-After"] = next_after


def _bad_marker(exc: RegisterError) -> HTTPException:
    return HTTPException(422, f"after: {exc}")


@router.get("/dossiers", response_model=list[DossierOut])
def api_dossiers(
    request: Request, response: Response, as_of: Day | None = AsOf, after: str = After, limit: int = Limit
) -> list[DossierOut]:
    """The dossiers with commitment counts per status, by dossier number, one page at a time."""
    page = page_dossiers(register_of(request), _day(as_of), after, limit)
    _paged(request, response, page.next_after)
    return [DossierOut.of(d) for d in page.items]


@router.get("/dossiers/{dossier}", response_model=OverviewOut)
def api_dossier(
    request: Request,
    response: Response,
    dossier: str,
    as_of: Day | None = AsOf,
    after: str = After,
    limit: int = Query(THEME_PAGE_SIZE, ge=1, le=1000, description="the most measures and commitments"),
) -> OverviewOut:
    """One dossier by theme → topic with counts, and a page of its measures and commitments (in the
    order: per theme, per topic the measures, then the commitments); counts cover the whole dossier."""
    day = _day(as_of)
    if after and not after.isdigit():
        raise HTTPException(422, f"after: '{after}' is not a number of items")
    try:
        o = dossier_overview(register_of(request), dossier, day)
    except RegisterError:
        raise HTTPException(404, f"no dossier {dossier}") from None
    page = page_themes(o.themes, int(after or 0), limit)
    _paged(request, response, page.next_after)
    return OverviewOut(
        dossier=o.dossier,
        title=o.title,
        as_of=day,
        document_ids=list(o.document_ids),
        counts=CountsOut.of(o.counts),
        overdue=[c.id for c in o.overdue],
        items_total=page.total,
        offset=page.start,
        themes=[
            ThemeOut(
                theme=t.theme,
                counts=CountsOut.of(t.counts),
                topics=[
                    TopicOut(
                        topic=p.topic,
                        counts=CountsOut.of(p.counts),
                        measures=[MeasureOut.of(m) for m in p.measures],
                        commitments=[CommitmentOut.from_record(c, day) for c in p.commitments],
                    )
                    for p in t.topics
                ],
            )
            for t in page.themes
        ],
    )


@router.get("/commitments", response_model=list[CommitmentOut])
def api_commitments(
    request: Request,
    response: Response,
    as_of: Day | None = AsOf,
    status: Status | None = None,
    dossier: FilterText = None,
    ministry: FilterText = None,
    kind: CommitmentKind | None = None,
    after: str = After,
    limit: int = Limit,
) -> list[CommitmentOut]:
    """Commitments with their status, filtered, ordered by deadline (undated last), one page at a time."""
    day = _day(as_of)
    try:
        page = register_of(request).page_commitments(
            as_of=day, status=status, dossier=dossier, ministry=ministry, kind=kind, after=after, limit=limit
        )
    except RegisterError as exc:
        raise _bad_marker(exc) from None
    _paged(request, response, page.next_after)
    return [CommitmentOut.from_record(r, day) for r in page.items]


@router.get("/commitments/{commitment_id}", response_model=CommitmentDetailOut)
def api_commitment(request: Request, commitment_id: int, as_of: Day | None = AsOf) -> CommitmentDetailOut:
    """One commitment with every mention and its history."""
    day = _day(as_of)
    try:
        detail = register_of(request).get_commitment(commitment_id, as_of=day)
    except RegisterError:
        raise HTTPException(404, f"no commitment {commitment_id}") from None
    return CommitmentDetailOut.from_detail(detail, day)


def _document_of(d: DocumentRecord) -> DocumentOut:
    return DocumentOut.from_record(d)


def _document_out(request: Request, document_id: str) -> DocumentOut:
    try:
        return _document_of(register_of(request).get_document(document_id))
    except RegisterError:
        raise HTTPException(404, f"no document {document_id}") from None


@router.get("/documents", response_model=list[DocumentOut])
def api_documents(
    request: Request, response: Response, after: str = After, limit: int = Limit
) -> list[DocumentOut]:
    """The stored documents, oldest first (undated last), one page at a time."""
    try:
        page = register_of(request).page_documents(after=after, limit=limit)
    except RegisterError as exc:
        raise _bad_marker(exc) from None
    _paged(request, response, page.next_after)
    return [_document_of(d) for d in page.items]


@router.get("/documents/{document_id}", response_model=DocumentTextOut)
def api_document(request: Request, document_id: DocumentId) -> DocumentTextOut:
    """One document with its clean text, typed extractions and the commitments it states."""
    meta = _document_out(request, document_id)
    doc = read_document(register_of(request), document_id)
    return DocumentTextOut(
        document=meta,
        text=doc.text,
        extractions=[
            ExtractionOut(
                kind=e.kind,
                start=e.start,
                end=e.end,
                text=e.text,
                norm=e.norm,
                value_start=e.value_start,
                value_end=e.value_end,
            )
            for e in doc.extractions
        ],
        commitment_ids=sorted({m.commitment_id for m in doc.mentions}),
    )


@router.get("/measures", response_model=list[MeasureOut])
def api_measures(
    request: Request, response: Response, dossier: FilterText = None, after: str = After, limit: int = Limit
) -> list[MeasureOut]:
    """The policy measures with their state, optionally of one dossier, in the order they were stored."""
    try:
        page = register_of(request).page_measures(dossier=dossier, after=after, limit=limit)
    except RegisterError as exc:
        raise _bad_marker(exc) from None
    _paged(request, response, page.next_after)
    return [MeasureOut.of(m) for m in page.items]


@router.get("/search", response_model=SearchOut)
def api_search(
    request: Request,
    q: SearchText = "",
    as_of: Day | None = AsOf,
    ministry: FilterText = None,
    dossier: FilterText = None,
    kind: CommitmentKind | None = None,
    status: Status | None = None,
    due_from: Day | None = None,
    due_to: Day | None = None,
) -> SearchOut:
    """Full-text search over documents and commitments, with filters."""
    day = _day(as_of)
    filters = SearchFilters(ministry, dossier, kind, status, due_from, due_to)
    results = search_register(register_of(request), q, day, filters)
    return SearchOut(
        query=q,
        as_of=day,
        documents=[
            DocumentHitOut(
                id=h.id,
                dossier=h.dossier,
                title=h.title,
                date=h.date,
                ministry=h.ministry,
                snippet=_snippet(h.snippet),
            )
            for h in results.documents
        ],
        commitments=[
            CommitmentHitOut(
                commitment=CommitmentOut.from_record(h.commitment, day), snippet=_snippet(h.snippet)
            )
            for h in results.commitments
        ],
    )
